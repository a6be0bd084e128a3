//! `catch22 explain` and `catch22 export-nfg`: the stage game, its
//! equilibria, the Catch-22 map and their reading (`crate::explain`).

use std::io::Write;

use super::io::Io;
use super::{ExplainArgs, ExplainFormat as Format, ExportNfgArgs, StageFlags, threads};
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::explain::{self, Options};
use crate::game::{nfg, rational};
use crate::output::explain::{json_text, text, write_map_csv};
use crate::scenario::{Point, Scenario};

/// The most values per map axis.
pub const MAX_MAP_STEPS: usize = 201;

/// Loads the scenario with its overrides and checks the estimate's flags.
fn setup(f: &StageFlags, round: u32) -> Result<(Scenario, Point, Options, rayon::ThreadPool)> {
    let s = f.load()?;
    let point = s.point(0)?;
    if point.runs < 2 {
        let from = if f.flags.runs.is_some() {
            "--runs".to_string()
        } else {
            format!("{}: key `scenario.runs`", s.source)
        };
        return Err(Error::Usage(format!(
            "{from}: explain needs at least 2 runs per cell (for standard errors), got {}",
            point.runs
        )));
    }
    let rounds = point.params.rounds;
    if !(1..=rounds).contains(&round) {
        return Err(Error::Usage(format!(
            "--round must be in [1, {rounds}] (scenario.rounds), got {round}"
        )));
    }
    let pool = engine::pool(threads(&f.flags.threads)?)?;
    let o = Options {
        seed: point.seed,
        runs: point.runs,
        round,
        map_steps: 0,
    };
    Ok((s, point, o, pool))
}

/// `catch22 explain`.
pub fn explain(a: ExplainArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    if !(2..=MAX_MAP_STEPS).contains(&a.map_steps) {
        return Err(Error::Usage(format!(
            "--map-steps must be in [2, {MAX_MAP_STEPS}], got {}",
            a.map_steps
        )));
    }
    let (s, point, mut o, pool) = setup(&a.flags, 1)?;
    o.map_steps = a.map_steps;
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.flags.flags.set);
    io.setting("map_steps", a.map_steps);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let mut map_out = match a.map_out.as_deref() {
        Some(path) => Some(io.open("--map-out", Some(path))?),
        None => None,
    };
    progress.plan(explain::planned_runs(&o));
    let e = explain::explain(&point.params, &point.players, s.name(), &o, &pool, progress)?;
    if let Some(m) = map_out.as_mut() {
        let name = m.name().to_string();
        write_map_csv(&e.map, m, &name)?;
    }
    let body = match a.format.get() {
        Format::Text => text(&e),
        Format::Json => json_text(&e),
    };
    let name = out.name().to_string();
    out.write_all(body.as_bytes())
        .map_err(|err| Error::write(&name, &err))?;
    let mut outputs = vec![out];
    outputs.extend(map_out);
    io.commit(outputs)?;
    Ok(None)
}

/// `catch22 export-nfg`.
pub fn export_nfg(
    a: ExportNfgArgs,
    io: &mut Io,
    progress: &dyn Progress,
) -> Result<Option<String>> {
    let (s, point, o, pool) = setup(&a.flags, a.round)?;
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.flags.flags.set);
    io.setting("round", a.round);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    progress.plan(explain::planned_runs(&o));
    let solved =
        explain::solve_stage(&point.params, &point.players, s.name(), &o, &pool, progress)?;
    let name = out.name().to_string();
    // The payoffs are decimals with 6 places: write them as such, exactly.
    let text = nfg::write_with(&solved.game, |r| {
        rational::decimal(r, 6).unwrap_or_else(|| rational::show(r))
    });
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(&name, &e))?;
    io.commit(vec![out])?;
    Ok(None)
}
