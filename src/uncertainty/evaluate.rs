//! Evaluating a scenario at the points of a design: each point's uncertain
//! keys set as `--set` would set them, the parameters validated, then R runs
//! tallied in batches of consecutive runs, on random streams chosen by
//! [`Streams`]: common to every point (`explore`), or common within a group
//! of points and independent across groups (the rows of Saltelli's design,
//! Morris' trajectories).
//!
//! The work is a flat list of (point, batch) items mapped in parallel and
//! collected by index, so the result is the same for any number of threads.

use rayon::prelude::*;

use super::responses::{Responses, batch_bounds};
use crate::engine::{Progress, simulate};
use crate::error::{Error, Origin, Result};
use crate::model::{Outcome, Params};
use crate::policy::Players;
use crate::scenario::{Scenario, Value};

/// The outputs of a scenario: the four outcomes' shares.
pub fn outputs() -> Vec<String> {
    Outcome::ALL.iter().map(|o| o.name().to_string()).collect()
}

/// The values of the uncertain keys at unit point `u` (one coordinate per key).
pub fn values(s: &Scenario, u: &[f64]) -> Vec<Value> {
    s.uncertainty
        .iter()
        .zip(u)
        .map(|(key, x)| key.value(*x))
        .collect()
}

/// Refuses what uncertainty analysis cannot do with a scenario: no uncertain
/// key, or a policy that solves an equilibrium (each parameter set would need
/// its own solve).
pub fn check(s: &Scenario) -> Result<()> {
    if s.uncertainty.is_empty() {
        return Err(Error::input(
            Origin::source(&s.source),
            "no uncertain keys: add an [uncertainty] table (see docs/UNCERTAINTY.md) \
             or give --uncertain-defaults",
        ));
    }
    let equilibrium = |side: &str| {
        let key = format!("{side}.policy");
        s.value(&key).as_str() == "equilibrium"
            || s.uncertainty.iter().any(|u| {
                u.key() == key
                    && matches!(&u.dist, super::Distribution::Choice { values, .. }
                        if values.iter().any(|v| v.as_str() == "equilibrium"))
            })
    };
    if equilibrium("iran") || equilibrium("us") {
        return Err(Error::input(
            Origin::source(&s.source).with_key("iran.policy"),
            "the equilibrium policy is solved for one parameter set (about 20 s each); \
             uncertainty analysis needs a policy that reads the parameters as they are",
        ));
    }
    Ok(())
}

/// The parameters at unit point `u`, or the error naming sample `sample`
/// and its values.
fn params_of(s: &Scenario, u: &[f64], sample: usize) -> Result<(Params, Players)> {
    let vals = values(s, u);
    s.params_at(&vals).map_err(|m| {
        let at: Vec<String> = s
            .uncertainty
            .iter()
            .zip(&vals)
            .map(|(key, v)| format!("{}={v}", key.key()))
            .collect();
        Error::input(
            Origin::source(&s.source),
            format!("at sample {sample} ({}): {m}", at.join(", ")),
        )
    })
}

/// Checks the parameters at every point (`n × k` unit coordinates), in
/// parallel, before anything is run or written; `first` is the number of the
/// first point, for messages. The error is the one of the first bad point,
/// whatever the threads.
pub fn validate(s: &Scenario, points: &[f64], first: usize) -> Result<()> {
    let k = s.uncertainty.len().max(1);
    let bad = points
        .par_chunks(k)
        .enumerate()
        .filter_map(|(j, u)| params_of(s, u, first + j).err().map(|e| (j, e)))
        .min_by_key(|(j, _)| *j);
    match bad {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// Tallies of every point: outcome counts by batch and the sum of the rounds
/// runs ended in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// Runs per point.
    pub runs: u64,
    /// Runs per batch.
    pub batch_runs: Vec<u64>,
    /// `counts[(e * 4 + o) * batches + g]`.
    pub counts: Vec<u64>,
    /// Per point, the sum of the rounds its runs ended in.
    pub round_sums: Vec<u64>,
}

impl Counts {
    /// Appends the counts of the points that follow (played with the same
    /// runs and batches).
    pub fn append(&mut self, more: Counts) {
        debug_assert_eq!((self.runs, &self.batch_runs), (more.runs, &more.batch_runs));
        self.counts.extend(more.counts);
        self.round_sums.extend(more.round_sums);
    }

    /// The number of points.
    pub fn points(&self) -> usize {
        self.round_sums.len()
    }

    /// Outcome o's count at point e, over all runs.
    pub fn total(&self, e: usize, o: usize) -> u64 {
        let g = self.batch_runs.len();
        self.counts[(e * 4 + o) * g..(e * 4 + o + 1) * g]
            .iter()
            .sum()
    }

    /// The outcome shares, batch by batch, for the sensitivity methods. The
    /// counts become the shares in their own allocation (u64 to f64, one
    /// for one), so the tallies of a large design are not held twice.
    pub fn into_responses(self) -> Responses {
        let g = self.batch_runs.len();
        let runs: Vec<f64> = self.batch_runs.iter().map(|r| *r as f64).collect();
        let values = self
            .counts
            .into_iter()
            .enumerate()
            .map(|(i, n)| n as f64 / runs[i % g])
            .collect();
        Responses {
            outputs: outputs(),
            weights: runs,
            values,
        }
    }
}

/// Which random streams the runs of each point draw from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streams {
    /// Run i of every point on stream (seed, i + 1): common random numbers
    /// across all points, so that differences between points are not blurred
    /// by the runs (`explore`'s samples).
    Common,
    /// Common within each group of `size` consecutive evaluations (counted
    /// from 0 over the whole design; this slice starts at evaluation `first`)
    /// and independent across groups: run i of group q on stream
    /// (seed, q·R + i + 1). Within a row of Saltelli's design (or a Morris
    /// trajectory) the differences f(A) − f(AB⁽ⁱ⁾) see no noise where x_i
    /// does not matter; across rows the noise is independent, so it averages
    /// out over the N rows and the bootstrap over rows sees it, instead of
    /// one set of R runs biasing every row alike.
    Grouped {
        /// The design's index of this slice's first evaluation.
        first: usize,
        /// Evaluations per group (k + 2 for Sobol', k + 1 for Morris).
        size: usize,
    },
}

impl Streams {
    /// The stream index (the engine's `run`) of run `run` of the slice's
    /// evaluation `e`. Groups × runs stays below 10^8 × 10^9 < 2^62, under
    /// the bootstrap's streams.
    pub fn run(self, e: usize, runs: u64, run: u64) -> u64 {
        match self {
            Streams::Common => run,
            Streams::Grouped { first, size } => ((first + e) / size) as u64 * runs + run,
        }
    }
}

/// Points whose parameters are built at a time: the memory of the
/// parameters stays bounded (a few MB) however large the design.
const CHUNK: usize = 4096;

/// Plays `runs` runs at every point of `points` (`n × k` unit coordinates,
/// checked by [`validate`]; the first is the design's point `first`) in
/// `batches` batches, on the current rayon pool. The parameters are built a
/// chunk of points at a time, in parallel, and the (point, batch) items of a
/// chunk are mapped in parallel and collected by index.
#[allow(clippy::too_many_arguments)]
pub fn run(
    s: &Scenario,
    points: &[f64],
    first: usize,
    seed: u64,
    runs: u64,
    batches: usize,
    streams: Streams,
    progress: &dyn Progress,
) -> Result<Counts> {
    let k = s.uncertainty.len().max(1);
    let n = points.len() / k;
    let bounds = batch_bounds(runs, batches);
    let g = bounds.len();
    let mut counts = vec![0u64; n * 4 * g];
    let mut round_sums = vec![0u64; n];
    for start in (0..n).step_by(CHUNK) {
        let end = (start + CHUNK).min(n);
        let params: Vec<(Params, Players)> = points[start * k..end * k]
            .par_chunks(k)
            .enumerate()
            .map(|(j, u)| params_of(s, u, first + start + j))
            .collect::<Result<_>>()?;
        let items: Vec<([u64; 4], u64)> = (0..params.len() * g)
            .into_par_iter()
            .map(|item| {
                let (j, b) = (item / g, item % g);
                let (p, players) = &params[j];
                let mut c = [0u64; 4];
                let mut rounds = 0u64;
                for run in bounds[b].clone() {
                    let r = simulate(p, players, seed, streams.run(start + j, runs, run), &mut ());
                    c[r.outcome.index()] += 1;
                    rounds += u64::from(r.round);
                }
                progress.advance(bounds[b].end - bounds[b].start);
                (c, rounds)
            })
            .collect();
        for (item, (c, rounds)) in items.iter().enumerate() {
            let (e, b) = (start + item / g, item % g);
            for o in 0..4 {
                counts[(e * 4 + o) * g + b] = c[o];
            }
            round_sums[e] += rounds;
        }
    }
    Ok(Counts {
        runs,
        batch_runs: bounds.iter().map(|r| r.end - r.start).collect(),
        counts,
        round_sums,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pool;

    #[test]
    fn counts_do_not_depend_on_threads() {
        let s = Scenario::from_text(
            "[uncertainty]\n\"iran.resilience\" = { low = 0.3, high = 0.6 }\n\"us.policy\" = [\"maximum_pressure\", \"engagement\"]\n",
            "t",
        )
        .unwrap();
        let points = super::super::Design::Lhs.points(6, 2, 3).unwrap();
        validate(&s, &points, 0).unwrap();
        let go = |threads: usize| {
            pool(threads)
                .unwrap()
                .install(|| run(&s, &points, 0, 7, 50, 8, Streams::Common, &()))
                .unwrap()
        };
        let one = go(1);
        assert_eq!(one, go(2));
        for e in 0..6 {
            assert_eq!((0..4).map(|o| one.total(e, o)).sum::<u64>(), 50);
        }
        // The same runs as the engine plays at that point.
        let (p, players) = params_of(&s, &points[4..6], 2).unwrap();
        let r = simulate(&p, &players, 7, 13, &mut ());
        let single = run(&s, &points[4..6], 2, 7, 14, 1, Streams::Common, &()).unwrap();
        assert!(single.total(0, r.outcome.index()) >= 1);
        let resp = one.clone().into_responses();
        assert_eq!(resp.batch(5, 0).len(), 8);
        let share = one.counts[(5 * 4) * 8] as f64 / one.batch_runs[0] as f64;
        assert_eq!(resp.batch(5, 0)[0], share);
        assert_eq!(resp.evaluations(), 6);
        assert_eq!(resp.batches(), 8);
    }

    #[test]
    fn grouped_streams_are_common_within_a_group_and_distinct_across() {
        let g = Streams::Grouped { first: 5, size: 3 };
        // The design's evaluation 5 is in group 1, evaluations 6 and 7 in group 2.
        assert_eq!(g.run(0, 10, 4), 14);
        assert_eq!(g.run(1, 10, 4), 24);
        assert_eq!(g.run(2, 10, 4), 24);
        assert_eq!(Streams::Common.run(2, 10, 4), 4);
        // A slice played alone gives the evaluations the whole design gives.
        let s = Scenario::from_text(
            "[uncertainty]\n\"iran.resilience\" = { low = 0.3, high = 0.6 }\n",
            "t",
        )
        .unwrap();
        let points = super::super::Design::Random.points(6, 1, 3).unwrap();
        let grouped = |first| Streams::Grouped { first, size: 2 };
        let whole = run(&s, &points, 0, 7, 30, 3, grouped(0), &()).unwrap();
        let tail = run(&s, &points[3..], 3, 7, 30, 3, grouped(3), &()).unwrap();
        assert_eq!(whole.counts[3 * 4 * 3..], tail.counts[..]);
        // Three evaluations at the same parameters: equal inside a group,
        // different runs (and here different tallies) across groups.
        let same = vec![points[0]; 3];
        let c = run(&s, &same, 0, 7, 200, 1, grouped(0), &()).unwrap();
        assert_eq!(c.counts[0..4], c.counts[4..8]);
        assert_ne!(c.round_sums[0], c.round_sums[2]);
    }
}
