//! The Moran process on a population of strategies, by Monte Carlo.
//!
//! A population of N individuals, `counts[k]` of strategy k. Every pair of
//! individuals meets (no self-interaction), so an individual of type k has
//! mean payoff πₖ = (Σⱼ aₖⱼ nⱼ − aₖₖ)/(N − 1) and fitness fₖ = 1 − w + w·πₖ.
//! One step (a birth–death event): an individual is chosen to reproduce with
//! probability proportional to its fitness, another is chosen uniformly from
//! all N (the parent included) to die, and is replaced by the offspring. The
//! process stops when one type has taken over (fixation), and is stopped
//! after `max_steps` events otherwise.
//!
//! This is the birth–death process of the Axelrod library's `MoranProcess`
//! (mode `bd` on the complete graph, no mutation), with two differences
//! documented in `docs/EVOLUTION.md`: fitness comes from the mean payoff
//! matrix rather than from matches replayed every step, and a population
//! whose fitnesses are all zero reproduces uniformly.
//!
//! Run `r` of a job with seed `s` draws from the engine's stream for
//! (s, r) alone, and the tallies are integers merged associatively, so the
//! result is identical for any number of threads.

use std::ops::Range;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::Payoffs;
use super::fixation::{Exact, TwoTypes};
use crate::engine::{Progress, run_rng};

/// The largest population.
pub const MAX_POPULATION: u64 = 1_000_000;

/// A validated Moran process: payoffs, initial counts, intensity, step cap.
#[derive(Debug, Clone, PartialEq)]
pub struct Moran {
    payoffs: Payoffs,
    counts: Vec<u64>,
    population: u64,
    intensity: f64,
    max_steps: u64,
}

/// How one run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absorption {
    /// The type that took over, or `None` if `max_steps` ran out first.
    pub winner: Option<usize>,
    /// Birth–death events played.
    pub steps: u64,
}

/// Why a Moran process cannot be built.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// The counts do not match the matrix, or N is outside [2, MAX_POPULATION].
    Population(String),
    /// The intensity is outside [0, 1] or makes some fitness negative.
    Intensity(String),
}

impl Moran {
    /// Checks the process: one count per strategy, N = Σ counts in
    /// [2, [`MAX_POPULATION`]], w in [0, 1], and every fitness
    /// 1 − w + w·aᵢⱼ ≥ 0 (so fitness-proportionate selection is defined).
    pub fn new(
        payoffs: Payoffs,
        counts: Vec<u64>,
        intensity: f64,
        max_steps: u64,
    ) -> Result<Moran, Invalid> {
        if counts.len() != payoffs.len() {
            return Err(Invalid::Population(format!(
                "{} counts for {} strategies",
                counts.len(),
                payoffs.len()
            )));
        }
        let population: u64 = counts.iter().sum();
        if !(2..=MAX_POPULATION).contains(&population) {
            return Err(Invalid::Population(format!(
                "the population (the sum of the counts) must be in [2, {MAX_POPULATION}], got {population}"
            )));
        }
        if !(0.0..=1.0).contains(&intensity) {
            return Err(Invalid::Intensity(format!(
                "must be a number in [0, 1], got {intensity}"
            )));
        }
        let lowest = 1.0 - intensity + intensity * payoffs.min();
        if lowest < 0.0 {
            return Err(Invalid::Intensity(format!(
                "fitness 1 - w + w*payoff must be >= 0 for every payoff: the smallest payoff {} \
                 gives {lowest} at w = {intensity}; lower the intensity to at most {} or shift the payoffs",
                payoffs.min(),
                1.0 / (1.0 - payoffs.min())
            )));
        }
        Ok(Moran {
            payoffs,
            counts,
            population,
            intensity,
            max_steps,
        })
    }

    /// The payoff matrix.
    pub fn payoffs(&self) -> &Payoffs {
        &self.payoffs
    }

    /// The initial count of each strategy.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// N.
    pub fn population(&self) -> u64 {
        self.population
    }

    /// The step cap.
    pub fn max_steps(&self) -> u64 {
        self.max_steps
    }

    /// The exact answer when exactly two strategies are present: the
    /// present types (A first in matrix order) and the chain's solution.
    pub fn exact(&self) -> Option<(usize, usize, Exact)> {
        let present: Vec<usize> = (0..self.counts.len())
            .filter(|&k| self.counts[k] > 0)
            .collect();
        let &[a, b] = present.as_slice() else {
            return None;
        };
        let chain = TwoTypes::from_matrix(&self.payoffs, a, b, self.population, self.intensity);
        Some((a, b, chain.solve(self.counts[a])))
    }

    /// Plays run `run` of seed `seed`; `scratch` is reused across runs.
    pub fn run(&self, seed: u64, run: u64, scratch: &mut Scratch) -> Absorption {
        let mut rng = run_rng(seed, run);
        self.play(&mut rng, scratch)
    }

    fn play(&self, rng: &mut ChaCha8Rng, s: &mut Scratch) -> Absorption {
        let k = self.counts.len();
        s.counts.clear();
        s.counts.extend_from_slice(&self.counts);
        s.fitness.resize(k, 0.0);
        let n = self.population;
        if let Some(w) = s.counts.iter().position(|&c| c == n) {
            return Absorption {
                winner: Some(w),
                steps: 0,
            };
        }
        self.fitness(s);
        for step in 1..=self.max_steps {
            let birth = self.choose_parent(rng, s);
            let death = pick_individual(rng, &s.counts, n);
            if birth != death {
                s.counts[birth] += 1;
                s.counts[death] -= 1;
                if s.counts[birth] == n {
                    return Absorption {
                        winner: Some(birth),
                        steps: step,
                    };
                }
                self.fitness(s);
            }
        }
        Absorption {
            winner: None,
            steps: self.max_steps,
        }
    }

    /// fₖ for every present type, from the counts (recomputed exactly rather
    /// than updated, so a fitness that should be zero is zero).
    fn fitness(&self, s: &mut Scratch) {
        let w = self.intensity;
        let others = (self.population - 1) as f64;
        for (i, f) in s.fitness.iter_mut().enumerate() {
            if s.counts[i] == 0 {
                *f = 0.0;
                continue;
            }
            let row = self.payoffs.row(i);
            let mut sum = -row[i];
            for (a, &c) in row.iter().zip(&s.counts) {
                if c > 0 {
                    sum += a * c as f64;
                }
            }
            *f = 1.0 - w + w * sum / others;
        }
    }

    /// A parent, by type, with probability ∝ nₖ·fₖ (uniform over individuals
    /// when every fitness is zero).
    fn choose_parent(&self, rng: &mut ChaCha8Rng, s: &Scratch) -> usize {
        let total: f64 = s
            .counts
            .iter()
            .zip(&s.fitness)
            .map(|(&c, &f)| c as f64 * f)
            .sum();
        if total <= 0.0 {
            return pick_individual(rng, &s.counts, self.population);
        }
        let u: f64 = rng.random();
        let target = u * total;
        let mut acc = 0.0;
        let mut last = 0;
        for (i, (&c, &f)) in s.counts.iter().zip(&s.fitness).enumerate() {
            let weight = c as f64 * f;
            if weight > 0.0 {
                acc += weight;
                last = i;
                if target < acc {
                    return i;
                }
            }
        }
        // Rounding left `target` at the very top: the last type with weight.
        last
    }

    /// Plays runs `runs` in parallel on `pool` and tallies them.
    pub fn simulate(
        &self,
        seed: u64,
        runs: Range<u64>,
        pool: &rayon::ThreadPool,
        progress: &dyn Progress,
    ) -> Tally {
        let len = runs.end.saturating_sub(runs.start);
        let chunk = len
            .div_ceil(pool.current_num_threads() as u64 * 8)
            .clamp(1, 1024);
        let k = self.counts.len();
        pool.install(|| {
            (0..len.div_ceil(chunk))
                .into_par_iter()
                .fold(
                    || (Tally::new(k), Scratch::default()),
                    |(mut t, mut scratch), c| {
                        let lo = runs.start + c * chunk;
                        let hi = (lo + chunk).min(runs.end);
                        for run in lo..hi {
                            t.add(self.run(seed, run, &mut scratch));
                        }
                        progress.advance(hi - lo);
                        (t, scratch)
                    },
                )
                .map(|(t, _)| t)
                .reduce(|| Tally::new(k), Tally::merge)
        })
    }
}

/// A uniformly chosen individual's type.
fn pick_individual(rng: &mut ChaCha8Rng, counts: &[u64], n: u64) -> usize {
    let mut x = rng.random_range(0..n);
    for (i, &c) in counts.iter().enumerate() {
        if x < c {
            return i;
        }
        x -= c;
    }
    unreachable!("the counts sum to n")
}

/// Buffers one thread reuses across runs, so a run allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    counts: Vec<u64>,
    fitness: Vec<f64>,
}

/// Runs tallied by the type that took over: exact integer counts and sums,
/// so merging in any order gives the same result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Runs.
    pub runs: u64,
    /// Runs each type took over.
    pub fixations: Vec<u64>,
    /// Sum of the steps of those runs, per type.
    pub steps: Vec<u128>,
    /// Sum of the squared steps, per type.
    pub steps_sq: Vec<u128>,
    /// Runs stopped at `max_steps` without fixation.
    pub unfixed: u64,
}

impl Tally {
    /// An empty tally for `k` types.
    pub fn new(k: usize) -> Tally {
        Tally {
            runs: 0,
            fixations: vec![0; k],
            steps: vec![0; k],
            steps_sq: vec![0; k],
            unfixed: 0,
        }
    }

    /// Adds one run.
    pub fn add(&mut self, a: Absorption) {
        self.runs += 1;
        match a.winner {
            Some(w) => {
                let s = u128::from(a.steps);
                self.fixations[w] += 1;
                self.steps[w] += s;
                self.steps_sq[w] += s * s;
            }
            None => self.unfixed += 1,
        }
    }

    /// The sum of two tallies.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.runs += other.runs;
        self.unfixed += other.unfixed;
        for k in 0..self.fixations.len() {
            self.fixations[k] += other.fixations[k];
            self.steps[k] += other.steps[k];
            self.steps_sq[k] += other.steps_sq[k];
        }
        self
    }

    /// Mean steps to fixation of type `k` and the standard error of that
    /// mean, over the runs it took over (`None` if it never did).
    pub fn mean_steps(&self, k: usize) -> Option<(f64, f64)> {
        let n = self.fixations[k];
        if n == 0 {
            return None;
        }
        let nf = n as f64;
        let mean = self.steps[k] as f64 / nf;
        if n == 1 {
            return Some((mean, f64::NAN));
        }
        // Σ(x − x̄)² = Σx² − (Σx)²/n, in integers: n·Σx² − (Σx)² ≥ 0 exactly;
        // in floating point should the integers overflow (runs × steps
        // beyond 10¹⁹).
        let exact = (n as u128)
            .checked_mul(self.steps_sq[k])
            .zip(self.steps[k].checked_mul(self.steps[k]))
            .map(|(a, b)| (a - b) as f64);
        let spread = exact.unwrap_or_else(|| {
            (self.steps_sq[k] as f64 - mean * self.steps[k] as f64).max(0.0) * nf
        });
        let var = spread / (nf * (nf - 1.0));
        Some((mean, (var / nf).sqrt()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::wilson;

    fn payoffs(rows: &[[f64; 2]]) -> Payoffs {
        Payoffs::new(
            vec!["A".into(), "B".into()],
            &rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    fn pool(n: usize) -> rayon::ThreadPool {
        crate::engine::pool(n).unwrap()
    }

    /// z for a two-sided 99.9% interval: margins wide enough that a fixed
    /// seed that passes is not a lucky draw, narrow enough to catch a bias.
    const Z999: f64 = 3.290_526_731_491_926;

    fn agrees(t: &Tally, k: usize, p: f64) {
        let (lo, hi) = wilson(t.fixations[k], t.runs, Z999);
        assert!(
            lo <= p && p <= hi,
            "fixations {} of {}: [{lo}, {hi}] misses {p}",
            t.fixations[k],
            t.runs
        );
    }

    #[test]
    fn neutral_drift_fixes_one_mutant_with_probability_one_over_n() {
        let m = Moran::new(
            payoffs(&[[2.0, 2.0], [2.0, 2.0]]),
            vec![1, 9],
            1.0,
            u64::MAX,
        )
        .unwrap();
        let t = m.simulate(11, 0..20_000, &pool(2), &());
        assert_eq!(t.unfixed, 0);
        assert_eq!(t.fixations.iter().sum::<u64>(), 20_000);
        agrees(&t, 0, 0.1);
        let (_, _, exact) = m.exact().unwrap();
        assert!((exact.fixation_a - 0.1).abs() < 1e-12);
        // Mean steps to fixation: within 4 standard errors of N(N − 1) = 90.
        let (mean, se) = t.mean_steps(0).unwrap();
        assert!((mean - 90.0).abs() < 4.0 * se, "{mean} ± {se}");
    }

    #[test]
    fn constant_fitness_matches_the_closed_form_and_the_chain() {
        let r: f64 = 1.5;
        let n = 8;
        let m = Moran::new(
            payoffs(&[[r, r], [1.0, 1.0]]),
            vec![1, n - 1],
            1.0,
            u64::MAX,
        )
        .unwrap();
        let closed = (1.0 - 1.0 / r) / (1.0 - r.powi(-(n as i32)));
        let (a, b, exact) = m.exact().unwrap();
        assert_eq!((a, b), (0, 1));
        assert!((exact.fixation_a - closed).abs() < 1e-12);
        let t = m.simulate(5, 0..20_000, &pool(2), &());
        agrees(&t, 0, closed);
        for (k, want) in [(0, exact.steps_a.unwrap()), (1, exact.steps_b.unwrap())] {
            let (mean, se) = t.mean_steps(k).unwrap();
            assert!(
                (mean - want).abs() < 4.0 * se,
                "type {k}: {mean} ± {se} vs {want}"
            );
        }
    }

    /// A prisoner's dilemma between TitForTat-like reciprocators and
    /// defectors over 10 turns (per-turn means), at weak selection.
    #[test]
    fn a_game_matches_the_exact_chain() {
        let p = payoffs(&[[3.0, 0.9], [1.4, 1.0]]);
        let m = Moran::new(p, vec![3, 7], 0.5, u64::MAX).unwrap();
        let (_, _, exact) = m.exact().unwrap();
        let t = m.simulate(2026, 0..20_000, &pool(2), &());
        agrees(&t, 0, exact.fixation_a);
        agrees(&t, 1, 1.0 - exact.fixation_a);
    }

    #[test]
    fn results_do_not_depend_on_the_thread_count() {
        let p = Payoffs::new(
            vec!["R".into(), "P".into(), "S".into()],
            &[
                vec![1.0, 0.5, 2.0],
                vec![2.0, 1.0, 0.5],
                vec![0.5, 2.0, 1.0],
            ],
        )
        .unwrap();
        let m = Moran::new(p, vec![4, 3, 3], 1.0, 1_000_000).unwrap();
        let one = m.simulate(3, 0..3000, &pool(1), &());
        let two = m.simulate(3, 0..3000, &pool(2), &());
        assert_eq!(one, two);
        // A split of the runs merges to the same tally.
        let halves =
            m.simulate(3, 0..1234, &pool(2), &())
                .merge(m.simulate(3, 1234..3000, &pool(1), &()));
        assert_eq!(one, halves);
        assert!(m.exact().is_none());
    }

    #[test]
    fn a_single_type_has_already_fixed_and_zero_fitness_never_reproduces() {
        let m = Moran::new(payoffs(&[[1.0, 1.0], [1.0, 1.0]]), vec![0, 5], 1.0, 10).unwrap();
        let a = m.run(1, 0, &mut Scratch::default());
        assert_eq!(
            a,
            Absorption {
                winner: Some(1),
                steps: 0
            }
        );
        let m = Moran::new(
            payoffs(&[[0.0, 0.0], [1.0, 1.0]]),
            vec![4, 1],
            1.0,
            u64::MAX,
        )
        .unwrap();
        let t = m.simulate(9, 0..500, &pool(2), &());
        assert_eq!(t.fixations, vec![0, 500]);
    }

    #[test]
    fn the_standard_error_survives_huge_sums() {
        let mut t = Tally::new(1);
        for s in [u64::MAX / 2, u64::MAX / 2 + 2] {
            t.add(Absorption {
                winner: Some(0),
                steps: s,
            });
        }
        let (mean, se) = t.mean_steps(0).unwrap();
        assert!(mean > 9.2e18 && se.is_finite());
        let mut small = Tally::new(1);
        for s in [1, 3] {
            small.add(Absorption {
                winner: Some(0),
                steps: s,
            });
        }
        // Values 1 and 3: variance 2, standard error 1.
        assert_eq!(small.mean_steps(0), Some((2.0, 1.0)));
    }

    #[test]
    fn the_step_cap_stops_a_run() {
        let m = Moran::new(payoffs(&[[1.0, 1.0], [1.0, 1.0]]), vec![500, 500], 1.0, 3).unwrap();
        let t = m.simulate(1, 0..10, &pool(1), &());
        assert_eq!(t.unfixed, 10);
    }

    #[test]
    fn invalid_processes_are_refused() {
        let p = payoffs(&[[3.0, -1.0], [5.0, 1.0]]);
        assert!(matches!(
            Moran::new(p.clone(), vec![1, 1], 1.0, 10),
            Err(Invalid::Intensity(_))
        ));
        assert!(Moran::new(p.clone(), vec![1, 1], 0.5, 10).is_ok());
        assert!(matches!(
            Moran::new(p.clone(), vec![1, 0], 0.5, 10),
            Err(Invalid::Population(_))
        ));
        assert!(matches!(
            Moran::new(p, vec![1], 0.5, 10),
            Err(Invalid::Population(_))
        ));
    }
}
