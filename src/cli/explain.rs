//! `catch22 explain` and `catch22 export-nfg`: the stage game, its
//! equilibria, the Catch-22 map and their reading (`crate::explain`).

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{StageFlags, threads};
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::explain::{self, Options};
use crate::game::{nfg, rational};
use crate::output::Destination;
use crate::output::explain::{json_text, text, write_map_csv};
use crate::scenario::{Point, Scenario};

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables, the map drawn in characters and the reading.
    Text,
    /// One JSON record with every number.
    Json,
}

/// `catch22 explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Scenario, --set, --runs, --seed, --threads.
    #[command(flatten)]
    pub flags: StageFlags,
    /// Write the Catch-22 map as CSV here (one row per cell).
    #[arg(long = "map-out", value_name = "PATH")]
    pub map_out: Option<String>,
    /// Values per map axis, from 0 to 1 inclusive (2..=201).
    #[arg(long = "map-steps", value_name = "N", default_value_t = 21)]
    pub map_steps: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `catch22 export-nfg`.
#[derive(Debug, Args)]
pub struct ExportNfgArgs {
    /// Scenario, --set, --runs, --seed, --threads.
    #[command(flatten)]
    pub flags: StageFlags,
    /// The stage game at round T: the scenario's initial state with T-1
    /// rounds counted as played, so T-1 fewer remain (1..=scenario.rounds).
    #[arg(long, value_name = "T", default_value_t = 1)]
    pub round: u32,
    /// Write the .nfg file here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
}

/// The most values per map axis.
pub const MAX_MAP_STEPS: usize = 201;

/// Loads the scenario with its overrides and checks the estimate's flags.
fn setup(f: &StageFlags, round: u32) -> Result<(Scenario, Point, Options, rayon::ThreadPool)> {
    let s = f.load()?;
    let point = s.point(0)?;
    if point.runs < 2 {
        let from = if f.runs.is_some() {
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
    let pool = engine::pool(threads(f.threads)?)?;
    let o = Options {
        seed: point.seed,
        runs: point.runs,
        round,
        map_steps: 0,
    };
    Ok((s, point, o, pool))
}

/// `catch22 explain`.
pub fn explain(a: ExplainArgs, progress: &dyn Progress) -> Result<Option<String>> {
    if !(2..=MAX_MAP_STEPS).contains(&a.map_steps) {
        return Err(Error::Usage(format!(
            "--map-steps must be in [2, {MAX_MAP_STEPS}], got {}",
            a.map_steps
        )));
    }
    let (s, point, mut o, pool) = setup(&a.flags, 1)?;
    o.map_steps = a.map_steps;
    let mut map_out = match a.map_out.as_deref() {
        Some(path) => Some(Destination::open(Some(path))?),
        None => None,
    };
    let mut out = Destination::open(None)?;
    progress.plan(explain::planned_runs(&o));
    let e = explain::explain(&point.params, &point.players, s.name(), &o, &pool, progress)?;
    if let Some(m) = map_out.as_mut() {
        let name = m.name().to_string();
        write_map_csv(&e.map, m, &name)?;
    }
    let body = match a.format {
        Format::Text => text(&e),
        Format::Json => json_text(&e),
    };
    out.write_all(body.as_bytes())
        .map_err(|err| Error::write("-", &err))?;
    if let Some(m) = map_out {
        m.finish()?;
    }
    out.finish()?;
    Ok(None)
}

/// `catch22 export-nfg`.
pub fn export_nfg(a: ExportNfgArgs, progress: &dyn Progress) -> Result<Option<String>> {
    let (s, point, o, pool) = setup(&a.flags, a.round)?;
    let mut out = Destination::open(a.out.as_deref())?;
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
    out.finish()?;
    Ok(None)
}
