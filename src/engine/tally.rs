//! Streaming tallies of runs: exact integer counts and fixed-point sums, so
//! that merging in any order (any thread count, any shard split) gives
//! bit-identical results. Memory does not grow with the number of runs.

use crate::engine::RunRecord;
use crate::model::{IranAction, Outcome, UsAction};

/// Fixed-point scale for sums of real numbers: 2³² units per 1.
const SCALE: f64 = 4_294_967_296.0;

fn fixed(x: f64) -> i128 {
    (x * SCALE).round() as i128
}

/// The largest mean discounted payoff, in magnitude, a tally read back may
/// hold (far beyond any scenario's; it keeps every merge of sums exact).
pub const MAX_MEAN_PAYOFF: f64 = 1e12;

/// Bins of the deal-terms histogram: terms x in [0, 1] fall in bin
/// ⌊1000·x⌋ (x = 1 in the last), so quantiles are exact to ±0.0005.
pub const TERMS_BINS: usize = 1000;

/// Tally of the runs that ended in one outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutcomeTally {
    /// Runs.
    pub count: u64,
    /// Sum of the rounds they ended in.
    pub round_sum: u64,
    /// Runs that had deal terms.
    pub terms_count: u64,
    /// Sum of the terms (fixed point).
    terms_sum: i128,
    /// Runs whose deal was closed through an intermediary / directly.
    pub channel: [u64; 2],
    /// Runs whose talks first made progress through an intermediary / directly.
    pub opened: [u64; 2],
    /// Sum of Iran's payoffs (fixed point).
    iran_sum: i128,
    /// Sum of the US payoffs (fixed point).
    us_sum: i128,
    /// Rounds in which Iran played each action.
    pub iran_actions: [u64; IranAction::ALL.len()],
    /// Rounds in which the US played each action.
    pub us_actions: [u64; UsAction::ALL.len()],
    /// Runs by the round they ended in: `round_hist[r]` runs ended in round r
    /// (index 0 unused). Grows to the largest round seen.
    pub round_hist: Vec<u64>,
    /// Runs by deal terms, in [`TERMS_BINS`] bins (empty until a run has terms).
    pub terms_hist: Vec<u64>,
}

/// The bin of terms x.
fn terms_bin(x: f64) -> usize {
    ((x * TERMS_BINS as f64).floor().max(0.0) as usize).min(TERMS_BINS - 1)
}

/// Adds histogram `b` into `a` (lengths may differ).
fn add_hist(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The q-quantile (q in percent) of a histogram as a bin index: the smallest
/// bin whose cumulative count reaches ⌈q·n/100⌉ (at least 1), the inverse of
/// the empirical distribution function. `None` for an empty histogram.
pub fn hist_quantile(hist: &[u64], percent: u64) -> Option<usize> {
    let n: u64 = hist.iter().sum();
    if n == 0 {
        return None;
    }
    let rank = (u128::from(percent) * u128::from(n)).div_ceil(100).max(1) as u64;
    let mut cum = 0;
    hist.iter().position(|&c| {
        cum += c;
        cum >= rank
    })
}

/// Encodes a histogram as `index:count` pairs of its non-empty bins, space-separated.
fn hist_to_field(h: &[u64]) -> String {
    let pairs: Vec<String> = h
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| format!("{i}:{c}"))
        .collect();
    pairs.join(" ")
}

/// The inverse of [`hist_to_field`]; `None` if malformed or an index is `limit` or more.
fn hist_from_field(f: &str, limit: usize) -> Option<Vec<u64>> {
    let mut h = Vec::new();
    for pair in f.split_whitespace() {
        let (i, c) = pair.split_once(':')?;
        let (i, c): (usize, u64) = (i.parse().ok()?, c.parse().ok()?);
        if i >= limit {
            return None;
        }
        if h.len() <= i {
            h.resize(i + 1, 0);
        }
        h[i] += c;
    }
    Some(h)
}

impl OutcomeTally {
    fn add(&mut self, r: &RunRecord) {
        self.count += 1;
        self.round_sum += u64::from(r.round);
        let round = r.round as usize;
        if self.round_hist.len() <= round {
            self.round_hist.resize(round + 1, 0);
        }
        self.round_hist[round] += 1;
        if let Some(x) = r.terms {
            self.terms_count += 1;
            self.terms_sum += fixed(x);
            if self.terms_hist.is_empty() {
                self.terms_hist.resize(TERMS_BINS, 0);
            }
            self.terms_hist[terms_bin(x)] += 1;
        }
        if let Some(c) = r.channel {
            self.channel[c.index()] += 1;
        }
        if let Some(c) = r.state.first_channel {
            self.opened[c.index()] += 1;
        }
        self.iran_sum += fixed(r.iran_payoff);
        self.us_sum += fixed(r.us_payoff);
        for (a, &n) in self.iran_actions.iter_mut().zip(&r.iran_actions) {
            *a += u64::from(n);
        }
        for (a, &n) in self.us_actions.iter_mut().zip(&r.us_actions) {
            *a += u64::from(n);
        }
    }

    /// Adds the tally of other runs `o` into this one.
    pub(crate) fn merge(&mut self, o: &OutcomeTally) {
        self.count += o.count;
        self.round_sum += o.round_sum;
        self.terms_count += o.terms_count;
        self.terms_sum += o.terms_sum;
        self.channel[0] += o.channel[0];
        self.channel[1] += o.channel[1];
        self.opened[0] += o.opened[0];
        self.opened[1] += o.opened[1];
        self.iran_sum += o.iran_sum;
        self.us_sum += o.us_sum;
        for (a, b) in self.iran_actions.iter_mut().zip(&o.iran_actions) {
            *a += b;
        }
        for (a, b) in self.us_actions.iter_mut().zip(&o.us_actions) {
            *a += b;
        }
        add_hist(&mut self.round_hist, &o.round_hist);
        add_hist(&mut self.terms_hist, &o.terms_hist);
    }

    /// Fields before the action counts in [`OutcomeTally::to_fields`].
    const HEAD: [&'static str; 10] = [
        "count",
        "round_sum",
        "terms_count",
        "terms_sum",
        "closed_intermediary",
        "closed_direct",
        "opened_intermediary",
        "opened_direct",
        "iran_sum",
        "us_sum",
    ];

    /// Names of the fields of [`OutcomeTally::to_fields`], for partial
    /// results: the sums, `rounds_<action>` for each of Iran's actions and
    /// then the US's, and the two histograms.
    pub fn field_names() -> Vec<String> {
        let mut names: Vec<String> = Self::HEAD.map(String::from).to_vec();
        names.extend(
            IranAction::ALL
                .iter()
                .map(|a| format!("rounds_{}", a.name())),
        );
        names.extend(
            UsAction::ALL
                .iter()
                .map(|a| format!("rounds_us_{}", a.name())),
        );
        names.push("round_hist".into());
        names.push("terms_hist".into());
        names
    }

    /// How many fields [`OutcomeTally::to_fields`] writes.
    pub const FIELD_COUNT: usize =
        Self::HEAD.len() + IranAction::ALL.len() + UsAction::ALL.len() + 2;

    /// Every field as exact integer text (sums of reals in 2⁻³² fixed point),
    /// so that a partial result merges back bit for bit.
    pub fn to_fields(&self) -> Vec<String> {
        let mut f = vec![
            self.count.to_string(),
            self.round_sum.to_string(),
            self.terms_count.to_string(),
            self.terms_sum.to_string(),
            self.channel[0].to_string(),
            self.channel[1].to_string(),
            self.opened[0].to_string(),
            self.opened[1].to_string(),
            self.iran_sum.to_string(),
            self.us_sum.to_string(),
        ];
        f.extend(self.iran_actions.iter().map(u64::to_string));
        f.extend(self.us_actions.iter().map(u64::to_string));
        f.push(hist_to_field(&self.round_hist));
        f.push(hist_to_field(&self.terms_hist));
        f
    }

    /// The inverse of [`OutcomeTally::to_fields`]; `None` if a field is
    /// malformed or a round lies beyond `horizon` (so no histogram grows past it).
    pub fn from_fields(f: &[&str], horizon: usize) -> Option<OutcomeTally> {
        if f.len() != Self::FIELD_COUNT {
            return None;
        }
        let u = |i: usize| f[i].parse::<u64>().ok();
        let s = |i: usize| f[i].parse::<i128>().ok();
        let mut t = OutcomeTally {
            count: u(0)?,
            round_sum: u(1)?,
            terms_count: u(2)?,
            terms_sum: s(3)?,
            channel: [u(4)?, u(5)?],
            opened: [u(6)?, u(7)?],
            iran_sum: s(8)?,
            us_sum: s(9)?,
            ..OutcomeTally::default()
        };
        let iran_at = Self::HEAD.len();
        let us_at = iran_at + IranAction::ALL.len();
        let hist_at = us_at + UsAction::ALL.len();
        for (k, a) in t.iran_actions.iter_mut().enumerate() {
            *a = u(iran_at + k)?;
        }
        for (k, a) in t.us_actions.iter_mut().enumerate() {
            *a = u(us_at + k)?;
        }
        t.round_hist = hist_from_field(f[hist_at], horizon.saturating_add(1))?;
        t.terms_hist = hist_from_field(f[hist_at + 1], TERMS_BINS)?;
        if !t.terms_hist.is_empty() {
            t.terms_hist.resize(TERMS_BINS, 0);
        }
        Some(t)
    }

    /// Checks a tally read back from a file against what every tally of at
    /// most `runs` runs satisfies: the histograms' masses equal the counts
    /// and the round histogram lies in 1..=`horizon` and sums to
    /// `round_sum`; every run plays one action per side per round, so both
    /// sides' action counts sum to `round_sum`; channels and terms are counted
    /// at most once a run, terms lie in [0, 1], and the mean payoffs are at
    /// most [`MAX_MEAN_PAYOFF`] in magnitude. With these, merging any number
    /// of checked tallies of disjoint runs cannot overflow.
    pub fn check(&self, runs: u64, horizon: usize) -> std::result::Result<(), String> {
        let n = self.count;
        let sum = |h: &[u64]| h.iter().map(|&c| u128::from(c)).sum::<u128>();
        let weighted: u128 = (self.round_hist.iter().enumerate())
            .map(|(r, &c)| r as u128 * u128::from(c))
            .sum();
        let actions = |a: &[u64]| sum(a);
        let payoff_ok = |s: i128| (s.unsigned_abs() as f64) <= n as f64 * MAX_MEAN_PAYOFF * SCALE;
        let problem = if n > runs {
            format!("count {n} is more than the {runs} runs it tallies")
        } else if self.round_hist.len() > horizon.saturating_add(1) {
            format!("a round beyond the longest horizon, {horizon}")
        } else if self.round_hist.first().is_some_and(|&c| c > 0) {
            "runs ending in round 0 (rounds count from 1)".to_string()
        } else if sum(&self.round_hist) != u128::from(n) {
            format!(
                "the round histogram holds {} runs, the count is {n}",
                sum(&self.round_hist)
            )
        } else if weighted != u128::from(self.round_sum) {
            format!(
                "the round histogram sums to {weighted} rounds, round_sum is {}",
                self.round_sum
            )
        } else if actions(&self.iran_actions) != u128::from(self.round_sum)
            || actions(&self.us_actions) != u128::from(self.round_sum)
        {
            format!(
                "Iran's and the US's actions ({} and {}) must each number the {} rounds played",
                actions(&self.iran_actions),
                actions(&self.us_actions),
                self.round_sum
            )
        } else if self.terms_count > n || sum(&self.terms_hist) != u128::from(self.terms_count) {
            format!(
                "terms_count {} must be at most the count and equal the terms histogram's {}",
                self.terms_count,
                sum(&self.terms_hist)
            )
        } else if self.terms_sum < 0 || self.terms_sum as f64 > self.terms_count as f64 * SCALE {
            "the terms must lie in [0, 1]".to_string()
        } else if u128::from(self.channel[0]) + u128::from(self.channel[1]) > u128::from(n)
            || u128::from(self.opened[0]) + u128::from(self.opened[1]) > u128::from(n)
        {
            "more channels than runs (a run has at most one of each)".to_string()
        } else if !payoff_ok(self.iran_sum) || !payoff_ok(self.us_sum) {
            format!("a mean payoff beyond ±{MAX_MEAN_PAYOFF:e}")
        } else {
            return Ok(());
        };
        Err(problem)
    }

    /// Mean round of the outcome, `None` when no run ended in it.
    pub fn mean_round(&self) -> Option<f64> {
        (self.count > 0).then(|| self.round_sum as f64 / self.count as f64)
    }

    /// The q-quantile (q in percent) of the round the outcome occurred in,
    /// exact (type 1: the inverse of the empirical distribution function).
    pub fn round_quantile(&self, percent: u64) -> Option<u64> {
        hist_quantile(&self.round_hist, percent).map(|r| r as u64)
    }

    /// The q-quantile (q in percent) of the deal terms, as the midpoint of
    /// its histogram bin (exact to ±0.0005).
    pub fn terms_quantile(&self, percent: u64) -> Option<f64> {
        hist_quantile(&self.terms_hist, percent).map(|b| (b as f64 + 0.5) / TERMS_BINS as f64)
    }

    /// Mean deal terms, `None` without terms.
    pub fn mean_terms(&self) -> Option<f64> {
        (self.terms_count > 0).then(|| self.terms_sum as f64 / SCALE / self.terms_count as f64)
    }

    /// Mean discounted payoffs (Iran, US), `None` when no run ended in it.
    pub fn mean_payoffs(&self) -> Option<(f64, f64)> {
        (self.count > 0).then(|| {
            let n = self.count as f64;
            (
                self.iran_sum as f64 / SCALE / n,
                self.us_sum as f64 / SCALE / n,
            )
        })
    }

    /// Rounds played in these runs.
    pub fn rounds(&self) -> u64 {
        self.us_actions.iter().sum()
    }

    /// Share of rounds in which Iran played `a`.
    pub fn iran_share(&self, a: IranAction) -> Option<f64> {
        let r = self.rounds();
        (r > 0).then(|| self.iran_actions[a.index()] as f64 / r as f64)
    }

    /// Share of rounds in which the US played `a`.
    pub fn us_share(&self, a: UsAction) -> Option<f64> {
        let r = self.rounds();
        (r > 0).then(|| self.us_actions[a.index()] as f64 / r as f64)
    }
}

/// Tally of all runs of one point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// One tally per outcome, in `Outcome::ALL` order.
    pub outcomes: [OutcomeTally; 4],
}

impl Tally {
    /// Adds one run.
    #[inline]
    pub fn add(&mut self, r: &RunRecord) {
        self.outcomes[r.outcome.index()].add(r);
    }

    /// Merges another tally (associative and commutative).
    pub fn merge(mut self, other: Tally) -> Tally {
        for (a, b) in self.outcomes.iter_mut().zip(&other.outcomes) {
            a.merge(b);
        }
        self
    }

    /// The tally of one outcome.
    pub fn outcome(&self, o: Outcome) -> &OutcomeTally {
        &self.outcomes[o.index()]
    }

    /// Runs tallied.
    pub fn runs(&self) -> u64 {
        self.outcomes.iter().map(|o| o.count).sum()
    }

    /// Rounds simulated.
    pub fn rounds(&self) -> u64 {
        self.outcomes.iter().map(OutcomeTally::rounds).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_invert_the_empirical_distribution() {
        // Rounds 1, 2, 2, 3, 10.
        let h = [0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(hist_quantile(&h, 10), Some(1));
        assert_eq!(hist_quantile(&h, 20), Some(1));
        assert_eq!(hist_quantile(&h, 21), Some(2));
        assert_eq!(hist_quantile(&h, 50), Some(2));
        assert_eq!(hist_quantile(&h, 90), Some(10));
        assert_eq!(hist_quantile(&h, 0), Some(1));
        assert_eq!(hist_quantile(&[0, 0], 50), None);
        assert_eq!(terms_bin(0.0), 0);
        assert_eq!(terms_bin(0.4567), 456);
        assert_eq!(terms_bin(1.0), 999);
    }

    #[test]
    fn tallies_read_back_are_checked_against_their_invariants() {
        // Three runs ending in rounds 2, 2 and 4: 8 rounds played.
        let good = OutcomeTally {
            count: 3,
            round_sum: 8,
            round_hist: vec![0, 0, 2, 0, 1],
            iran_actions: [8, 0, 0, 0, 0],
            us_actions: [5, 3, 0, 0, 0, 0, 0, 0, 0, 0],
            channel: [1, 0],
            terms_count: 1,
            terms_sum: fixed(0.5),
            terms_hist: (0..TERMS_BINS).map(|b| u64::from(b == 500)).collect(),
            ..OutcomeTally::default()
        };
        assert_eq!(good.check(3, 48), Ok(()));
        let bad = |f: fn(&mut OutcomeTally), message: &str| {
            let mut t = good.clone();
            f(&mut t);
            let e = t.check(3, 4).unwrap_err();
            assert!(e.contains(message), "{e}");
        };
        bad(|t| t.count = 4, "count 4 is more than the 3 runs");
        bad(|t| t.round_hist.push(0), "beyond the longest horizon, 4");
        bad(|t| t.round_hist[0] = 1, "round 0");
        bad(|t| t.round_sum = 9, "sums to 8 rounds, round_sum is 9");
        bad(|t| t.us_actions[0] = 6, "must each number the 8 rounds");
        bad(|t| t.terms_count = 2, "terms_count 2");
        bad(|t| t.terms_sum = fixed(1.5), "[0, 1]");
        bad(|t| t.opened = [2, 2], "more channels than runs");
        bad(|t| t.iran_sum = i128::MAX, "mean payoff");
        assert_eq!(good.check(3, 4), Ok(()));
    }

    #[test]
    fn histograms_round_trip_through_fields() {
        let mut t = OutcomeTally {
            count: 3,
            terms_count: 2,
            round_hist: vec![0, 0, 2, 0, 1],
            terms_hist: vec![0; TERMS_BINS],
            ..OutcomeTally::default()
        };
        t.terms_hist[7] = 2;
        let f = t.to_fields();
        let n = f.len();
        assert_eq!(f[n - 2], "2:2 4:1");
        assert_eq!(f[n - 1], "7:2");
        let refs: Vec<&str> = f.iter().map(String::as_str).collect();
        let back = OutcomeTally::from_fields(&refs, 48).unwrap();
        assert_eq!(back.round_hist[..5], t.round_hist[..]);
        assert_eq!(back.terms_hist, t.terms_hist);
        let mut bad = refs.clone();
        bad[n - 2] = "2:5";
        let t = OutcomeTally::from_fields(&bad, 48).unwrap();
        assert!(t.check(10, 48).unwrap_err().contains("holds 5 runs"));
        bad[n - 2] = "1048575:3";
        assert!(
            OutcomeTally::from_fields(&bad, 48).is_none(),
            "beyond the horizon"
        );
        bad[n - 2] = "x";
        assert!(OutcomeTally::from_fields(&bad, 48).is_none());
    }
}
