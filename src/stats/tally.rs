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

/// Tally of the runs that ended in one outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
    pub iran_actions: [u64; 5],
    /// Rounds in which the US played each action.
    pub us_actions: [u64; 4],
}

impl OutcomeTally {
    fn add(&mut self, r: &RunRecord) {
        self.count += 1;
        self.round_sum += u64::from(r.round);
        if let Some(x) = r.terms {
            self.terms_count += 1;
            self.terms_sum += fixed(x);
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

    fn merge(&mut self, o: &OutcomeTally) {
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
    }

    /// Names of the fields of [`OutcomeTally::to_fields`], for partial results.
    pub const FIELDS: [&'static str; 19] = [
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
        "rounds_hold",
        "rounds_confront",
        "rounds_intermediary",
        "rounds_negotiate",
        "rounds_escalate",
        "rounds_tighten",
        "rounds_sustain",
        "rounds_engage",
        "rounds_strike",
    ];

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
        f
    }

    /// The inverse of [`OutcomeTally::to_fields`]; `None` if a field is malformed.
    pub fn from_fields(f: &[&str]) -> Option<OutcomeTally> {
        if f.len() != Self::FIELDS.len() {
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
        for (k, a) in t.iran_actions.iter_mut().enumerate() {
            *a = u(10 + k)?;
        }
        for (k, a) in t.us_actions.iter_mut().enumerate() {
            *a = u(15 + k)?;
        }
        Some(t)
    }

    /// Mean round of the outcome, `None` when no run ended in it.
    pub fn mean_round(&self) -> Option<f64> {
        (self.count > 0).then(|| self.round_sum as f64 / self.count as f64)
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
