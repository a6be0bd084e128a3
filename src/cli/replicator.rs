//! `catch22 replicator FILE`: the replicator dynamics of a payoff matrix.

use clap::Args;

use super::moran::{flag_u64, not_over_input};
use crate::engine;
use crate::error::{Error, Result};
use crate::evolution::input::{self, MAX_DT, MAX_REPLICATOR_STEPS};
use crate::evolution::replicator::{self, trajectory};
use crate::output::Destination;
use crate::output::evolution::TrajectoryWriter;

/// `catch22 replicator`.
#[derive(Debug, Args)]
pub struct ReplicatorArgs {
    /// An evolution file: a [replicator] table and a [payoffs] or [tournament] table.
    pub file: String,
    /// Integration steps (overrides replicator.steps).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub steps: Option<String>,
    /// Step size h of the Runge-Kutta integrator (overrides replicator.dt).
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    pub dt: Option<String>,
    /// Write every K-th step (overrides replicator.every; the last step is always written).
    #[arg(long, value_name = "K", allow_negative_numbers = true)]
    pub every: Option<String>,
    /// Worker threads for a [tournament] (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Write the trajectory CSV here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
}

/// Integrates the replicator equation and writes the trajectory.
pub fn replicator(a: ReplicatorArgs) -> Result<Option<String>> {
    let file = input::load(&a.file)?;
    let Some(table) = &file.replicator else {
        return Err(Error::Usage(format!(
            "`{}` has no [replicator] table (with shares = {{ Strategy = share, ... }})",
            a.file
        )));
    };
    let steps = match &a.steps {
        Some(s) => flag_u64("--steps", s, 1, MAX_REPLICATOR_STEPS)?,
        None => table.steps,
    };
    let every = match &a.every {
        Some(s) => flag_u64("--every", s, 1, MAX_REPLICATOR_STEPS)?,
        None => table.every,
    };
    let dt = match &a.dt {
        Some(raw) => raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|h| h.is_finite() && *h > 0.0 && *h <= MAX_DT)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--dt must be a number in (0, {MAX_DT}], got `{raw}`"
                ))
            })?,
        None => table.dt,
    };
    let pool = engine::pool(super::threads(a.threads)?)?;
    let payoffs = file.payoffs(&pool)?;
    let x0 = table.initial(&payoffs)?;
    replicator::check_work(&payoffs, steps, dt).map_err(|m| match &a.dt {
        Some(_) => Error::Usage(format!("--dt: {m}")),
        None => Error::input(table.dt_origin.clone(), m),
    })?;
    not_over_input(a.out.as_deref(), &a.file)?;
    let out = Destination::open(a.out.as_deref())?;
    let name = out.name().to_string();
    let mut w = TrajectoryWriter::new(out, &name, payoffs.names())?;
    trajectory(&payoffs, &x0, steps, dt, every, |s, t, x| w.row(s, t, x))?;
    w.finish()?.finish()?;
    Ok(None)
}
