//! The command line: clap definitions and one function per verb.
//!
//! Each verb turns raw arguments into a validated scenario first, opens its
//! output files (so a bad path fails before any work), then runs.

mod args;
mod check;
pub(crate) mod compare;
pub mod discover;
pub(crate) mod duel;
pub mod explain;
pub mod explore;
pub mod io;
mod list;
pub mod manifest;
mod merge;
pub(crate) mod moran;
pub(crate) mod replicator;
mod report;
mod reproduce;
mod run;
pub mod sensitivity;
pub mod serve;
mod shell;
pub mod solve;
mod solve_policy;
mod stage_game;
mod tournament;
pub(crate) mod trace;
pub mod uncertain;

pub use args::*;

use crate::error::{Error, Result};
use crate::scenario::{Scenario, shipped};

/// Runs a parsed command line; returns a status line for standard error.
pub fn execute(cli: Cli) -> Result<Option<String>> {
    execute_with(cli, &())
}

impl Cli {
    /// Whether `--quiet` was given (no status line, no progress bar).
    pub fn quiet(&self) -> bool {
        self.command.out_flags().quiet
    }
}

/// [`execute`], reporting the progress of long work to `progress`; the
/// manifest records this process's command line.
pub fn execute_with(cli: Cli, progress: &dyn crate::engine::Progress) -> Result<Option<String>> {
    crate::equilibrium::cache::set_dir(crate::equilibrium::cache::default_dir());
    crate::equilibrium::cache::set_reading(!cli.no_cache);
    let argv = std::env::args().skip(1).collect();
    execute_in(cli, argv, progress)
}

/// [`execute_with`], recording `argv` (the command line after the program
/// name) in the manifest of `--out`.
pub fn execute_in(
    cli: Cli,
    argv: Vec<String>,
    progress: &dyn crate::engine::Progress,
) -> Result<Option<String>> {
    let flags = cli.command.out_flags();
    let mut io = io::Io::for_command(argv, !flags.no_meta);
    let io = &mut io;
    let status = match cli.command {
        Command::Run(a) => run::run(a, io, progress),
        Command::Sweep(a) => run::sweep(a, io, progress),
        Command::Check(a) => check::check(a, io),
        Command::List(a) => list::list(a, io),
        Command::Trace(a) => trace::trace(a, io),
        Command::Merge(a) => merge::merge(a, io),
        Command::Solve(a) => solve::solve(a, io),
        Command::SolvePolicy(a) => solve_policy::solve_policy(a, io),
        Command::Compare(a) => compare::compare(a, io, progress),
        Command::Report(a) => report::report(a, io, progress),
        Command::Explain(a) => explain::explain(a, io, progress),
        Command::ExportNfg(a) => explain::export_nfg(a, io, progress),
        Command::Match(a) => duel::play(a, io),
        Command::Tournament(a) => tournament::tournament(a, io),
        Command::Moran(a) => moran::moran(a, io, progress),
        Command::Replicator(a) => replicator::replicator(a, io),
        Command::StageGame(a) => stage_game::stage_game(a, io),
        Command::Reproduce(a) => reproduce::reproduce(a),
        Command::Completions(a) => shell::completions(a, io),
        Command::Man(a) => shell::man(a, io),
        Command::Sensitivity(a) => sensitivity::sensitivity(a, io, progress),
        Command::Explore(a) => explore::explore(a, io, progress),
        Command::Discover(a) => discover::discover(a, io),
        Command::Serve(a) => serve::serve(a),
    }?;
    Ok(status.filter(|_| !flags.quiet))
}

impl StageFlags {
    /// The scenario with `--set`, `--runs` and `--seed` applied, its sweep
    /// axes dropped (these verbs look at one point).
    pub fn load(&self) -> Result<Scenario> {
        let mut s = load(self.scenario.as_deref(), &self.flags.set)?;
        self.flags.apply(&mut s)?;
        s.axes.clear();
        Ok(s)
    }
}

impl ScenarioFlags {
    /// Applies `--runs` and `--seed` (`--set` is applied on loading).
    pub fn apply(&self, s: &mut Scenario) -> Result<()> {
        if let Some(runs) = &self.runs {
            s.set_key("--runs", "scenario.runs", runs)?;
        }
        if let Some(seed) = &self.seed.seed {
            s.set_key("--seed", "scenario.seed", seed)?;
        }
        Ok(())
    }
}

/// Loads a scenario (default: the embedded baseline) and applies `--set`.
fn load(scenario: Option<&str>, sets: &[String]) -> Result<Scenario> {
    let mut s = Scenario::load(scenario.unwrap_or(shipped::DEFAULT))?;
    for raw in sets {
        s.set(raw)?;
    }
    Ok(s)
}

/// Checks what `--shard` needs of the other flags: a CSV part written to a
/// file.
fn check_part_flags(
    shard: Option<crate::engine::Shard>,
    format: Format,
    out: Option<&str>,
) -> Result<()> {
    if shard.is_none() {
        return Ok(());
    }
    if format != Format::Csv {
        return Err(Error::Usage(
            "--shard writes a part for `catch22 merge`; drop --format".to_string(),
        ));
    }
    if matches!(out, None | Some("-")) {
        return Err(Error::Usage(
            "--shard writes a part: give it a file with --out PART".to_string(),
        ));
    }
    Ok(())
}

/// Checks `--threads`.
fn threads(flag: &ThreadsFlag) -> Result<usize> {
    match flag.threads {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if (1..=1024).contains(&n) => Ok(n),
        Some(n) => Err(Error::Usage(format!(
            "--threads must be in [1, 1024], got {n}"
        ))),
    }
}
