//! Evaluating a scenario at the points of a design: each point's uncertain
//! keys set as `--set` would set them, the parameters validated, then R runs
//! on common random numbers (run i on stream (seed, i + 1) at every point),
//! tallied in batches of consecutive runs.
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

/// Validated parameters at each point (`n × k` unit coordinates); `first` is
/// the number of the first point, for messages.
pub fn params(s: &Scenario, points: &[f64], first: usize) -> Result<Vec<(Params, Players)>> {
    let k = s.uncertainty.len();
    points
        .chunks(k)
        .enumerate()
        .map(|(j, u)| {
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
                    format!("at sample {} ({}): {m}", first + j, at.join(", ")),
                )
            })
        })
        .collect()
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

    /// The outcome shares, batch by batch, for the sensitivity methods.
    pub fn responses(&self) -> Responses {
        let g = self.batch_runs.len();
        let values = self
            .counts
            .chunks(g)
            .flat_map(|c| {
                c.iter()
                    .zip(&self.batch_runs)
                    .map(|(n, r)| *n as f64 / *r as f64)
            })
            .collect();
        Responses {
            outputs: outputs(),
            weights: self.batch_runs.iter().map(|r| *r as f64).collect(),
            values,
        }
    }
}

/// Plays `runs` runs at every parameter set in `batches` batches, on the
/// current rayon pool.
pub fn run(
    params: &[(Params, Players)],
    seed: u64,
    runs: u64,
    batches: usize,
    progress: &dyn Progress,
) -> Counts {
    let bounds = batch_bounds(runs, batches);
    let g = bounds.len();
    let items: Vec<([u64; 4], u64)> = (0..params.len() * g)
        .into_par_iter()
        .map(|item| {
            let (e, b) = (item / g, item % g);
            let mut counts = [0u64; 4];
            let mut rounds = 0u64;
            for run in bounds[b].clone() {
                let (p, players) = &params[e];
                let r = simulate(p, players, seed, run, &mut ());
                counts[r.outcome.index()] += 1;
                rounds += u64::from(r.round);
            }
            progress.advance(bounds[b].end - bounds[b].start);
            (counts, rounds)
        })
        .collect();
    let mut counts = vec![0u64; params.len() * 4 * g];
    let mut round_sums = vec![0u64; params.len()];
    for (item, (c, rounds)) in items.iter().enumerate() {
        let (e, b) = (item / g, item % g);
        for o in 0..4 {
            counts[(e * 4 + o) * g + b] = c[o];
        }
        round_sums[e] += rounds;
    }
    Counts {
        runs,
        batch_runs: bounds.iter().map(|r| r.end - r.start).collect(),
        counts,
        round_sums,
    }
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
        let p = params(&s, &points, 0).unwrap();
        let one = pool(1).unwrap().install(|| run(&p, 7, 50, 8, &()));
        let two = pool(2).unwrap().install(|| run(&p, 7, 50, 8, &()));
        assert_eq!(one, two);
        for e in 0..6 {
            assert_eq!((0..4).map(|o| one.total(e, o)).sum::<u64>(), 50);
        }
        // The same runs as the engine plays at that point.
        let r = simulate(&p[2].0, &p[2].1, 7, 13, &mut ());
        let single = run(&p[2..3], 7, 14, 1, &());
        assert!(single.total(0, r.outcome.index()) >= 1);
        let resp = one.responses();
        assert_eq!(resp.evaluations(), 6);
        assert_eq!(resp.batches(), 8);
    }
}
