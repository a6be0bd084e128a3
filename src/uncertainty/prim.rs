//! PRIM, the patient rule induction method (Friedman and Fisher 1999), for
//! scenario discovery (Bryant and Lempert 2010): the box of input space where
//! cases of interest concentrate, found by peeling a little at a time.
//!
//! Peeling: from the box holding every sample, each input offers two peels —
//! the samples below its peel_alpha-quantile within the box, or above its
//! (1 − peel_alpha)-quantile. The peel taken maximises the gain in density
//! (the share of cases of interest) per sample removed,
//! (d_new − d_old)/(n_old − n_new) (Friedman and Fisher's criterion, the EMA
//! Workbench's `LENIENT1`); ties go to the candidate leaving more inputs
//! unrestricted, then to the earlier input, the upper peel before the lower.
//! Peeling stops when no peel raises the density or the box would hold less
//! than mass_min of the samples.
//!
//! Pasting: each restricted limit may then be moved back out by the
//! paste_alpha share of the samples beyond it (the quantile of the samples in
//! the slab between the limit and the data's edge, within the box's other
//! restrictions); a paste is taken when it raises the density, by the same
//! criterion, until none does.
//!
//! Quantiles follow the Workbench's rule: with the values sorted, position
//! i = (n − 1)q; the limit is the midpoint between the values at ⌊i⌋ and ⌈i⌉,
//! moving outward past ties, so a limit never splits equal values.
//!
//! Each step of the trajectory (step 0 the whole space) records coverage
//! (cases of interest in the box / all cases of interest), density (cases of
//! interest in the box / samples in the box), mass (samples in the box / all
//! samples) and the box. A restriction's significance is Bryant and Lempert's
//! quasi-p-value: the one-sided binomial probability of the box's cases of
//! interest given the density of the box with that one limit removed.

use crate::stats::binomial::upper_tail;

/// PRIM's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Share of the box's samples a peel removes (0 < α < 0.5).
    pub peel_alpha: f64,
    /// Share a paste adds (0 < α < 0.5).
    pub paste_alpha: f64,
    /// The smallest mass a box may have (0 < m < 1).
    pub mass_min: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            peel_alpha: 0.05,
            paste_alpha: 0.05,
            mass_min: 0.05,
        }
    }
}

impl Config {
    /// Checks the settings, naming the flag.
    pub fn check(&self) -> Result<(), String> {
        for (flag, x, lo, hi) in [
            ("--peel-alpha", self.peel_alpha, 0.0, 0.5),
            ("--paste-alpha", self.paste_alpha, 0.0, 0.5),
            ("--mass-min", self.mass_min, 0.0, 1.0),
        ] {
            if !(x > lo && x < hi) {
                return Err(format!("{flag} must be in ({lo}, {hi}), got {x}"));
            }
        }
        Ok(())
    }
}

/// How a step changed the box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The whole space.
    Start,
    /// A peel.
    Peel,
    /// A paste.
    Paste,
}

/// One box of the trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// How it was reached.
    pub kind: Move,
    /// Cases of interest in the box / all cases of interest.
    pub coverage: f64,
    /// Cases of interest in the box / samples in the box.
    pub density: f64,
    /// Samples in the box / all samples.
    pub mass: f64,
    /// Samples in the box.
    pub n: usize,
    /// Cases of interest in the box.
    pub k: usize,
    /// Lower limit of each input.
    pub lower: Vec<f64>,
    /// Upper limit of each input.
    pub upper: Vec<f64>,
}

impl Step {
    /// Whether input j is restricted (a limit inside the data's range).
    pub fn restricted(&self, init: &Step, j: usize) -> bool {
        self.lower[j] != init.lower[j] || self.upper[j] != init.upper[j]
    }

    /// How many inputs are restricted.
    pub fn n_restricted(&self, init: &Step) -> usize {
        (0..self.lower.len())
            .filter(|&j| self.restricted(init, j))
            .count()
    }

    /// The harmonic mean of coverage and density.
    pub fn f1(&self) -> f64 {
        f1(self.coverage, self.density)
    }
}

/// The harmonic mean of a coverage and a density (0 when both are 0).
pub fn f1(coverage: f64, density: f64) -> f64 {
    if coverage + density > 0.0 {
        2.0 * coverage * density / (coverage + density)
    } else {
        0.0
    }
}

/// The Workbench's quantile of unsorted data (see the module).
pub fn quantile(data: &mut [f64], q: f64) -> f64 {
    data.sort_by(f64::total_cmp);
    let i = (data.len() - 1) as f64 * q;
    let (mut lo, mut hi) = (i.floor() as usize, i.ceil() as usize);
    if q > 0.5 {
        while data[lo] == data[hi] && lo > 0 {
            lo -= 1;
        }
    } else {
        while data[lo] == data[hi] && hi < data.len() - 1 {
            hi += 1;
        }
    }
    // (a + b) / 2, exactly, unless the sum would overflow (values beyond
    // f64::MAX / 2 in a samples CSV): then without it.
    data[lo].midpoint(data[hi])
}

/// The samples: inputs by column, and which are cases of interest.
pub struct Data<'a> {
    /// `x[j][i]`: input j of sample i.
    pub x: &'a [Vec<f64>],
    /// Whether sample i is a case of interest.
    pub y: &'a [bool],
}

impl Data<'_> {
    fn n(&self) -> usize {
        self.y.len()
    }

    fn cases(&self, idx: &[usize]) -> usize {
        idx.iter().filter(|&&i| self.y[i]).count()
    }

    /// The samples inside limits on the inputs `dims`.
    fn inside(&self, lower: &[f64], upper: &[f64], dims: &[usize]) -> Vec<usize> {
        (0..self.n())
            .filter(|&i| {
                dims.iter()
                    .all(|&j| lower[j] <= self.x[j][i] && self.x[j][i] <= upper[j])
            })
            .collect()
    }

    fn step(
        &self,
        kind: Move,
        idx: &[usize],
        total: usize,
        lower: Vec<f64>,
        upper: Vec<f64>,
    ) -> Step {
        let k = self.cases(idx);
        Step {
            kind,
            coverage: k as f64 / total as f64,
            density: if idx.is_empty() {
                0.0
            } else {
                k as f64 / idx.len() as f64
            },
            mass: idx.len() as f64 / self.n() as f64,
            n: idx.len(),
            k,
            lower,
            upper,
        }
    }
}

/// The gain in density per sample moved (Friedman and Fisher's criterion).
fn objective(old: (usize, usize), new: (usize, usize)) -> f64 {
    let mean = |(n, k): (usize, usize)| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let (m_old, m_new) = (mean(old), mean(new));
    if m_old == m_new || old.0 == new.0 {
        return 0.0;
    }
    (m_new - m_old) / old.0.abs_diff(new.0) as f64
}

/// A candidate box: score, unrestricted inputs, limits, samples.
/// Which samples a candidate box (lower, upper) holds.
type Keep<'a> = &'a dyn Fn(&[f64], &[f64]) -> Vec<usize>;

struct Candidate {
    score: f64,
    free: usize,
    lower: Vec<f64>,
    upper: Vec<f64>,
    idx: Vec<usize>,
}

/// Picks the best candidate: highest score, then most unrestricted inputs,
/// then the first offered.
fn best(cands: Vec<Candidate>) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    for c in cands {
        let better = match &best {
            None => true,
            Some(b) => c.score > b.score || (c.score == b.score && c.free > b.free),
        };
        if better {
            best = Some(c);
        }
    }
    best
}

/// PRIM's peeling and pasting trajectory of one box.
pub fn trajectory(data: &Data<'_>, config: &Config) -> Vec<Step> {
    let d = data.x.len();
    let n = data.n();
    let total = data.cases(&(0..n).collect::<Vec<_>>());
    let init_lower: Vec<f64> = data
        .x
        .iter()
        .map(|c| c.iter().copied().fold(f64::INFINITY, f64::min))
        .collect();
    let init_upper: Vec<f64> = data
        .x
        .iter()
        .map(|c| c.iter().copied().fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let all: Vec<usize> = (0..n).collect();
    let mut steps = vec![data.step(
        Move::Start,
        &all,
        total,
        init_lower.clone(),
        init_upper.clone(),
    )];
    let restricted = |lower: &[f64], upper: &[f64]| -> Vec<usize> {
        (0..d)
            .filter(|&j| lower[j] != init_lower[j] || upper[j] != init_upper[j])
            .collect()
    };
    // A candidate: box `last` with input j's upper (else lower) limit moved
    // to `limit`, holding the samples `keep` selects in it, scored against
    // the box before (`old`: samples, cases).
    let candidate = |last: &Step,
                     j: usize,
                     upper_side: bool,
                     limit: f64,
                     old: (usize, usize),
                     keep: Keep<'_>|
     -> Candidate {
        let (mut lower, mut upper) = (last.lower.clone(), last.upper.clone());
        if upper_side {
            upper[j] = limit;
        } else {
            lower[j] = limit;
        }
        let idx = keep(&lower, &upper);
        Candidate {
            score: objective(old, (idx.len(), data.cases(&idx))),
            free: d - restricted(&lower, &upper).len(),
            lower,
            upper,
            idx,
        }
    };
    let mut idx = all;
    let mut buf = Vec::with_capacity(n);
    // Peeling.
    loop {
        let last = steps.last().expect("step 0");
        let old = (idx.len(), last.k);
        let mut cands = Vec::with_capacity(2 * d);
        for j in 0..d {
            for upper_side in [true, false] {
                buf.clear();
                buf.extend(idx.iter().map(|&i| data.x[j][i]));
                let q = if upper_side {
                    1.0 - config.peel_alpha
                } else {
                    config.peel_alpha
                };
                let limit = quantile(&mut buf, q);
                let kept = |_: &[f64], _: &[f64]| -> Vec<usize> {
                    idx.iter()
                        .copied()
                        .filter(|&i| {
                            if upper_side {
                                data.x[j][i] <= limit
                            } else {
                                data.x[j][i] >= limit
                            }
                        })
                        .collect()
                };
                cands.push(candidate(last, j, upper_side, limit, old, &kept));
            }
        }
        let Some(c) = best(cands) else { break };
        let mass = c.idx.len() as f64 / n as f64;
        if mass >= config.mass_min && c.idx.len() < idx.len() && c.score > 0.0 {
            idx = c.idx;
            steps.push(data.step(Move::Peel, &idx, total, c.lower, c.upper));
        } else {
            break;
        }
    }
    // Pasting.
    loop {
        let last = steps.last().expect("step 0");
        let res = restricted(&last.lower, &last.upper);
        if res.is_empty() {
            break;
        }
        let old = (idx.len(), last.k);
        let mut cands = Vec::new();
        for &j in &res {
            for lower_side in [true, false] {
                let (mut lo, mut hi) = (last.lower.clone(), last.upper.clone());
                if lower_side {
                    hi[j] = last.lower[j];
                    lo[j] = init_lower[j];
                } else {
                    lo[j] = last.upper[j];
                    hi[j] = init_upper[j];
                }
                let slab = data.inside(&lo, &hi, &res);
                let mut values: Vec<f64> = slab.iter().map(|&i| data.x[j][i]).collect();
                let limit = if values.is_empty() {
                    if lower_side {
                        init_lower[j]
                    } else {
                        init_upper[j]
                    }
                } else if lower_side {
                    quantile(&mut values, 1.0 - config.paste_alpha)
                } else {
                    quantile(&mut values, config.paste_alpha)
                };
                let kept = |lower: &[f64], upper: &[f64]| data.inside(lower, upper, &res);
                cands.push(candidate(last, j, !lower_side, limit, old, &kept));
            }
        }
        let Some(c) = best(cands) else { break };
        let mass = c.idx.len() as f64 / n as f64;
        let density = |v: &[usize]| data.cases(v) as f64 / v.len().max(1) as f64;
        if mass >= config.mass_min
            && c.idx.len() > idx.len()
            && c.score > 0.0
            && density(&c.idx) > density(&idx)
        {
            idx = c.idx;
            steps.push(data.step(Move::Paste, &idx, total, c.lower, c.upper));
        } else {
            break;
        }
    }
    steps
}

/// The step an analyst would most likely pick: the highest harmonic mean of
/// coverage and density (ties to the earlier, simpler box).
pub fn pick(steps: &[Step]) -> usize {
    pick_f1(&steps.iter().map(Step::f1).collect::<Vec<_>>())
}

/// The first index of the largest of the steps' harmonic means.
pub fn pick_f1(f1: &[f64]) -> usize {
    let mut best = 0;
    for (i, x) in f1.iter().enumerate() {
        if *x > f1[best] {
            best = i;
        }
    }
    best
}

/// A restricted limit and its quasi-p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Significance {
    /// The input.
    pub input: usize,
    /// Whether it is the lower limit (else the upper).
    pub lower: bool,
    /// The one-sided binomial probability of the box's cases of interest
    /// given the density without this limit.
    pub qp: f64,
}

/// Bryant and Lempert's quasi-p-values of every restricted limit of `step`.
pub fn significance(data: &Data<'_>, steps: &[Step], step: usize) -> Vec<Significance> {
    let (init, s) = (&steps[0], &steps[step]);
    let res: Vec<usize> = (0..s.lower.len())
        .filter(|&j| s.restricted(init, j))
        .collect();
    let mut out = Vec::new();
    for &j in &res {
        for lower in [true, false] {
            let (limit, unlimited) = if lower {
                (s.lower[j], init.lower[j])
            } else {
                (s.upper[j], init.upper[j])
            };
            if limit == unlimited {
                continue;
            }
            let (mut lo, mut hi) = (s.lower.clone(), s.upper.clone());
            if lower {
                lo[j] = unlimited;
            } else {
                hi[j] = unlimited;
            }
            let relaxed = data.inside(&lo, &hi, &res);
            let p = data.cases(&relaxed) as f64 / relaxed.len().max(1) as f64;
            out.push(Significance {
                input: j,
                lower,
                qp: upper_tail(s.k as u64, s.n as u64, p),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_follow_the_workbench_rule() {
        let mut v = [5.0, 1.0, 3.0, 2.0, 4.0];
        // i = 4 * 0.05 = 0.2: between 1 and 2.
        assert_eq!(quantile(&mut v, 0.05), 1.5);
        assert_eq!(quantile(&mut v, 0.95), 4.5);
        // Ties are never split: move outward to the next different value.
        let mut t = [1.0, 1.0, 1.0, 2.0];
        assert_eq!(quantile(&mut t, 0.05), 1.5);
        let mut t = [1.0, 2.0, 2.0, 2.0];
        assert_eq!(quantile(&mut t, 0.95), 1.5);
    }

    /// Fuzz-class finding: the midpoint of two values beyond f64::MAX / 2
    /// overflowed to infinity, so an input of huge (finite) values could
    /// not be peeled from above: no box was found.
    #[test]
    fn huge_values_are_peeled() {
        let mut v = [1.6e308, 1.7e308];
        let q = quantile(&mut v, 0.95);
        assert!(q.is_finite() && (1.6e308..=1.7e308).contains(&q), "{q}");
        let n = 200;
        let x0: Vec<f64> = (0..n).map(|i| i as f64 / n as f64 * 1.7e308).collect();
        let y: Vec<bool> = x0.iter().map(|&v| v < 0.3 * 1.7e308).collect();
        let x = [x0];
        let steps = trajectory(&Data { x: &x, y: &y }, &Config::default());
        let last = steps.last().unwrap();
        assert!(steps.len() > 1, "no box found");
        assert!(
            last.upper[0].is_finite() && last.upper[0] < 0.4 * 1.7e308,
            "{last:?}"
        );
    }

    /// A box in two of three inputs: x0 < 0.3 and x1 > 0.6 are the cases.
    #[test]
    fn finds_a_planted_box() {
        let mut rng = crate::uncertainty::design::stream_rng(1, 0);
        let n = 2000;
        let x: Vec<Vec<f64>> = (0..3)
            .map(|_| {
                (0..n)
                    .map(|_| crate::uncertainty::design::unit(&mut rng))
                    .collect()
            })
            .collect();
        let y: Vec<bool> = (0..n).map(|i| x[0][i] < 0.3 && x[1][i] > 0.6).collect();
        let data = Data { x: &x, y: &y };
        let steps = trajectory(&data, &Config::default());
        assert_eq!(steps[0].kind, Move::Start);
        assert_eq!(steps[0].coverage, 1.0);
        assert_eq!(steps[0].mass, 1.0);
        let chosen = &steps[pick(&steps)];
        assert!(chosen.density > 0.9 && chosen.coverage > 0.8, "{chosen:?}");
        assert!((chosen.upper[0] - 0.3).abs() < 0.05 && (chosen.lower[1] - 0.6).abs() < 0.05);
        assert!(!chosen.restricted(&steps[0], 2));
        let sig = significance(&data, &steps, pick(&steps));
        assert!(sig.iter().all(|s| s.input != 2 && s.qp < 1e-6), "{sig:?}");
        // Coverage never rises while peeling; mass falls.
        for w in steps.windows(2).filter(|w| w[1].kind == Move::Peel) {
            assert!(w[1].coverage <= w[0].coverage && w[1].mass < w[0].mass);
        }
    }

    #[test]
    fn settings_are_checked() {
        assert!(Config::default().check().is_ok());
        let bad = Config {
            peel_alpha: 0.6,
            ..Config::default()
        };
        assert!(bad.check().unwrap_err().contains("--peel-alpha"));
    }
}
