//! `run --uncertain`: second-order Monte Carlo. Each run draws its uncertain
//! keys from the `[uncertainty]` table, then plays on its usual stream, so
//! the summary's probabilities average over the parametric uncertainty as
//! well as the model's own randomness.
//!
//! Run i draws one uniform per uncertain key (in table order) from ChaCha8
//! keyed by the master seed on stream [`PARAMETER_STREAM`] + i, and maps it
//! through the key's quantile function; the run itself plays on stream
//! (seed, i + 1) as any run i does. The draws depend on (seed, i) only, so
//! the result is the same for any `--threads` or `--shard` split.

use std::sync::Mutex;

use super::design::{PARAMETER_STREAM, stream_rng, unit};
use super::evaluate::values;
use crate::engine::{Player, RunRecord, simulate};
use crate::error::{Error, Origin, Result};
use crate::model::Params;
use crate::policy::Players;
use crate::scenario::{Point, Scenario};

/// Plays each run at parameters drawn from the scenario's table.
#[derive(Debug)]
pub struct UncertainRuns<'a> {
    scenario: &'a Scenario,
    /// The first draw the model refused, by run (the smallest run index, so
    /// the message does not depend on scheduling).
    refused: Mutex<Option<(u64, String)>>,
}

impl<'a> UncertainRuns<'a> {
    /// Draws from `scenario`'s `[uncertainty]` table.
    pub fn new(scenario: &'a Scenario) -> UncertainRuns<'a> {
        UncertainRuns {
            scenario,
            refused: Mutex::new(None),
        }
    }

    /// The parameters of run `run` under master seed `seed`.
    pub fn params(&self, seed: u64, run: u64) -> std::result::Result<(Params, Players), String> {
        let mut rng = stream_rng(seed, PARAMETER_STREAM.wrapping_add(run));
        let u: Vec<f64> = (0..self.scenario.uncertainty.len())
            .map(|_| unit(&mut rng))
            .collect();
        self.scenario.params_at(&values(self.scenario, &u))
    }

    /// An error for the first refused draw, if any.
    pub fn finish(&self) -> Result<()> {
        match self.refused.lock().map(|g| g.clone()) {
            Ok(None) => Ok(()),
            Ok(Some((run, m))) => Err(Error::input(
                Origin::source(&self.scenario.source),
                format!("run {run}'s draw from [uncertainty]: {m}"),
            )),
            Err(_) => Err(Error::Runtime("a worker thread failed".to_string())),
        }
    }
}

impl Player for UncertainRuns<'_> {
    fn job_suffix(&self) -> &'static str {
        "-uncertain"
    }

    fn play(&self, point: &Point, run: u64) -> RunRecord {
        match self.params(point.seed, run) {
            Ok((p, players)) => simulate(&p, &players, point.seed, run, &mut ()),
            Err(m) => {
                if let Ok(mut slot) = self.refused.lock() {
                    if slot.as_ref().is_none_or(|(r, _)| run < *r) {
                        *slot = Some((run, m));
                    }
                }
                simulate(&point.params, &point.players, point.seed, run, &mut ())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{PointParams, pool, tally_runs_by};

    #[test]
    fn draws_depend_on_seed_and_run_only() {
        let s = Scenario::from_text(
            "[uncertainty]\n\"iran.resilience\" = { low = 0.3, high = 0.6 }\n",
            "t",
        )
        .unwrap();
        let u = UncertainRuns::new(&s);
        let a = u.params(7, 3).unwrap().0.initial.resilience;
        assert_eq!(a, u.params(7, 3).unwrap().0.initial.resilience);
        assert_ne!(a, u.params(7, 4).unwrap().0.initial.resilience);
        assert!((0.3..=0.6).contains(&a));
        let point = s.point(0).unwrap();
        let one = tally_runs_by(&point, 0..2000, &pool(1).unwrap(), &(), &u);
        let two = tally_runs_by(&point, 0..2000, &pool(2).unwrap(), &(), &u);
        assert_eq!(one, two);
        let fixed = tally_runs_by(&point, 0..2000, &pool(2).unwrap(), &(), &PointParams);
        assert_ne!(one, fixed);
        u.finish().unwrap();
    }
}
