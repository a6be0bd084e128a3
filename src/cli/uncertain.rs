//! The flags every uncertainty verb shares (`explore`, `sensitivity`): the
//! scenario, its overrides and the uncertain keys.

use clap::Args;

use super::{SeedFlag, ThreadsFlag, load};
use crate::error::Result;
use crate::scenario::Scenario;
use crate::uncertainty::evaluate;

/// A scenario with uncertain keys, its overrides, runs, seed and threads.
#[derive(Debug, Clone, Args)]
pub struct UncertainFlags {
    /// A scenario file with an [uncertainty] table, or the name of a shipped
    /// scenario (default baseline-2025).
    pub scenario: Option<String>,
    /// Make every key with a plausible range in the schema uncertain (uniform
    /// on it), unless the scenario sets it.
    #[arg(long = "uncertain-defaults")]
    pub uncertain_defaults: bool,
    /// Set any scenario key (repeatable); a key set here is no longer uncertain.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Monte Carlo runs per parameter set (overrides scenario.runs).
    #[arg(long, value_name = "R", allow_negative_numbers = true)]
    pub runs: Option<String>,
    /// The master seed (overrides scenario.seed): the design, the runs and
    /// the bootstrap.
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Worker threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
}

impl UncertainFlags {
    /// The scenario with `--set`, `--runs`, `--seed` and
    /// `--uncertain-defaults` applied, checked for uncertainty analysis.
    pub fn load(&self) -> Result<Scenario> {
        let mut s = load(self.scenario.as_deref(), &self.set)?;
        if let Some(r) = &self.runs {
            s.set_key("--runs", "scenario.runs", r)?;
        }
        if let Some(seed) = &self.seed.seed {
            s.set_key("--seed", "scenario.seed", seed)?;
        }
        if self.uncertain_defaults {
            s.add_uncertain_defaults();
        }
        evaluate::check(&s)?;
        Ok(s)
    }
}
