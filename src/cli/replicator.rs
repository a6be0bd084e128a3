//! `catch22 replicator FILE`: the replicator dynamics of a payoff matrix.

use super::ReplicatorArgs;
use super::io::Io;
use super::moran::flag_u64;
use crate::engine;
use crate::error::{Error, Result};
use crate::evolution::input::{self, MAX_DT, MAX_REPLICATOR_STEPS};
use crate::evolution::replicator::{self, trajectory};
use crate::output::evolution::TrajectoryWriter;

/// `--dt H`, checked.
pub(crate) fn dt_flag(raw: &str) -> Result<f64> {
    raw.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h > 0.0 && *h <= MAX_DT)
        .ok_or_else(|| {
            Error::Usage(format!(
                "--dt must be a number in (0, {MAX_DT}], got `{raw}`"
            ))
        })
}

/// Integrates the replicator equation and writes the trajectory.
pub fn replicator(a: ReplicatorArgs, io: &mut Io) -> Result<Option<String>> {
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
        Some(raw) => dt_flag(raw)?,
        None => table.dt,
    };
    let pool = engine::pool(super::threads(&a.threads)?)?;
    let payoffs = file.payoffs(&pool)?;
    let x0 = table.initial(&payoffs)?;
    replicator::check_work(&payoffs, steps, dt).map_err(|m| match &a.dt {
        Some(_) => Error::Usage(format!("--dt: {m}")),
        None => Error::input(table.dt_origin.clone(), m),
    })?;
    io.input(&a.file)?;
    io.setting("steps", steps);
    io.setting("dt", dt);
    io.setting("every", every);
    let out = io.open("--out", a.out.out.as_deref())?;
    let name = out.name().to_string();
    let mut w = TrajectoryWriter::new(out, &name, payoffs.names())?;
    trajectory(&payoffs, &x0, steps, dt, every, |s, t, x| w.row(s, t, x))?;
    io.commit(vec![w.finish()?])?;
    Ok(None)
}
