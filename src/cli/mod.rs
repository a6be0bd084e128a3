//! The command line: clap definitions and one function per verb.
//!
//! Each verb turns raw arguments into a validated scenario first, opens its
//! output files (so a bad path fails before any work), then runs.

mod check;
mod compare;
mod duel;
pub mod explain;
pub mod explore;
mod list;
mod merge;
mod moran;
mod replicator;
mod report;
mod run;
pub mod sensitivity;
pub mod solve;
mod solve_policy;
mod stage_game;
mod tournament;
mod trace;
pub mod uncertain;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::Shard;
use crate::error::{Error, Result};
use crate::scenario::{DEFAULT_MAX_POINTS, Scenario, shipped};

/// catch22: the Iran-US Catch-22 as a stochastic repeated game, simulated.
#[derive(Debug, Parser)]
#[command(name = "catch22", version, about, long_about = None)]
pub struct Cli {
    /// The verb.
    #[command(subcommand)]
    pub command: Command,
    /// Solve equilibrium policies afresh instead of reading them from the
    /// disk cache ($CATCH22_CACHE_DIR, else $XDG_CACHE_HOME/catch22, else
    /// ~/.cache/catch22); the new solution is still written to it.
    #[arg(long = "no-cache", global = true)]
    pub no_cache: bool,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one scenario (the embedded baseline-2025 by default) and print the summary CSV.
    Run(RunArgs),
    /// Run a grid of scenario variants (`--vary` and the `[sweep]` table).
    Sweep(SweepArgs),
    /// Validate a scenario and print every key resolved, with derived quantities.
    Check(CheckArgs),
    /// List the shipped scenarios and every policy with its parameters.
    List,
    /// Narrate one run round by round.
    Trace(TraceArgs),
    /// Merge the parts of a sharded job (`--shard I/N`) into its summary CSV (or a tournament's ranking).
    Merge(MergeArgs),
    /// Compare two outcome distributions (summary CSVs or scenarios), point by point.
    Compare(CompareArgs),
    /// Charts of summary CSVs or scenarios in one self-contained HTML page.
    Report(ReportArgs),
    /// The Nash equilibria of a normal-form game (a Gambit .nfg file or a TOML matrix).
    Solve(solve::SolveArgs),
    /// The teaching view: the stage game and its equilibria, the Catch-22 map, a reading.
    Explain(explain::ExplainArgs),
    /// Write the stage game as a Gambit strategic-form file (.nfg).
    ExportNfg(explain::ExportNfgArgs),
    /// Repeated matches between two strategies of the repeated-game library; CSV, one row per match.
    Match(duel::MatchArgs),
    /// A round-robin tournament of repeated-game strategies from a TOML file; ranking CSV.
    Tournament(tournament::TournamentArgs),
    /// Fixation probabilities and times of strategies in a Moran process.
    Moran(moran::MoranArgs),
    /// The replicator dynamics of a payoff matrix, as a CSV trajectory.
    Replicator(replicator::ReplicatorArgs),
    /// The model's stage game in normal form (each cell: fixed actions, mean payoffs), for `solve`.
    StageGame(stage_game::StageGameArgs),
    /// Solve a scenario's Markov-perfect equilibrium and write the policy table as CSV.
    SolvePolicy(SolvePolicyArgs),
    /// Draw parameter sets from a scenario's [uncertainty] table and run each: one CSV row per set.
    Explore(explore::ExploreArgs),
    /// Which uncertain keys drive the outcomes: Sobol' indices or Morris measures.
    Sensitivity(sensitivity::SensitivityArgs),
}

/// `catch22 solve-policy`.
#[derive(Debug, Args)]
pub struct SolvePolicyArgs {
    /// A scenario file, or the name of a shipped scenario (default baseline-2025).
    pub scenario: Option<String>,
    /// Set any scenario key, e.g. --set equilibrium.grid.talks=11 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Worker threads (default: all cores). The table does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Write only this round (1-based) of the table.
    #[arg(long, value_name = "T")]
    pub round: Option<u32>,
    /// Write the table here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values (the default).
    Csv,
    /// An aligned text table for the terminal.
    Table,
    /// A JSON array of records, one per CSV row.
    Json,
}

/// `catch22 compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Runs, seed, threads, --set and --max-points.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// A: a summary CSV (from run, sweep or merge), a scenario file or a shipped scenario name.
    pub a: String,
    /// B: the same kinds; differences are B minus A.
    pub b: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write the comparison here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Vary a key in both scenarios (repeatable).
    #[arg(long = "vary", value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// Do not print the status line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags that shape the scenarios a verb runs; shared by `run`, `sweep`,
/// `compare` and `report`.
#[derive(Debug, Args)]
pub struct ScenarioFlags {
    /// Monte Carlo runs per point (overrides scenario.runs).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub runs: Option<String>,
    /// Master seed (overrides scenario.seed).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<String>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Set any scenario key, e.g. --set iran.survival_threshold=0.3 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Refuse grids larger than this.
    #[arg(long = "max-points", value_name = "N", default_value_t = DEFAULT_MAX_POINTS)]
    pub max_points: usize,
}

/// `catch22 report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Runs, seed, threads, --set and --max-points.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// Summary CSVs (from run, sweep or merge), scenario files or shipped scenario names.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Write the HTML page here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Also write every chart as a standalone SVG file in this directory.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<String>,
    /// Do not print the status line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags shared by `run` and `sweep`.
#[derive(Debug, Args)]
pub struct JobArgs {
    /// Runs, seed, threads, --set and --max-points.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// Write the summary CSV here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Also write one CSV row per run here.
    #[arg(long = "per-run", value_name = "PATH")]
    pub per_run: Option<String>,
    /// Play only shard I of N (0-based) and write its partial result to --out;
    /// `catch22 merge` combines the parts into the summary.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Simulate in batches until every outcome's 95% interval half-width is at
    /// most W at every point (0 < W <= 0.5); replaces --runs.
    #[arg(long = "target-ci", value_name = "W", allow_negative_numbers = true)]
    pub target_ci: Option<String>,
    /// With --target-ci, the most runs per point [default: 10000000].
    #[arg(long = "max-runs", value_name = "M", allow_negative_numbers = true)]
    pub max_runs: Option<String>,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Do not print the status line (or the progress bar) on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `catch22 run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A scenario file, or the name of a shipped scenario (default baseline-2025).
    pub scenario: Option<String>,
    /// Draw each run's uncertain keys from the scenario's [uncertainty] table
    /// (second-order Monte Carlo): the probabilities include that uncertainty.
    #[arg(long)]
    pub uncertain: bool,
    /// With --uncertain: also make every key with a plausible range in the
    /// schema uncertain (uniform on it), unless the scenario sets it.
    #[arg(long = "uncertain-defaults")]
    pub uncertain_defaults: bool,
    /// Shared flags.
    #[command(flatten)]
    pub job: JobArgs,
}

/// `catch22 sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// A scenario file, or the name of a shipped scenario.
    pub scenario: String,
    /// Vary a key: KEY=V1,V2,... or KEY=FROM:TO:STEPS (repeatable; the last varies fastest).
    #[arg(long = "vary", value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// Shared flags.
    #[command(flatten)]
    pub job: JobArgs,
}

/// `catch22 check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A scenario file, or the name of a shipped scenario.
    pub scenario: String,
    /// Set any scenario key before checking (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Vary a key, to check a grid (repeatable).
    #[arg(long = "vary", value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// Refuse grids larger than this.
    #[arg(long = "max-points", value_name = "N", default_value_t = DEFAULT_MAX_POINTS)]
    pub max_points: usize,
    /// Also make every key with a plausible range in the schema uncertain,
    /// as `explore`, `sensitivity` and `run --uncertain` would.
    #[arg(long = "uncertain-defaults")]
    pub uncertain_defaults: bool,
}

/// `catch22 trace`.
#[derive(Debug, Args)]
pub struct TraceArgs {
    /// A scenario file, or the name of a shipped scenario (default baseline-2025).
    pub scenario: Option<String>,
    /// Master seed (default: scenario.seed).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<String>,
    /// Which run of that seed to narrate: the same run the engine plays as run I.
    #[arg(long, value_name = "I", default_value_t = 0)]
    pub run: u64,
    /// Set any scenario key (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Also write the trace as CSV here (`-` for standard output instead of the text).
    #[arg(long, value_name = "PATH")]
    pub csv: Option<String>,
}

/// `catch22 merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The part files written by `--shard I/N --out PART`.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<String>,
    /// Write the summary CSV here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Merge even when shards are missing; the `runs` column then gives each
    /// point's real number of runs.
    #[arg(long = "allow-partial")]
    pub allow_partial: bool,
    /// Do not print the status line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs a parsed command line; returns a status line for standard error.
pub fn execute(cli: Cli) -> Result<Option<String>> {
    execute_with(cli, &())
}

impl Cli {
    /// Whether `--quiet` was given (no status line, no progress bar).
    pub fn quiet(&self) -> bool {
        match &self.command {
            Command::Run(a) => a.job.quiet,
            Command::Sweep(a) => a.job.quiet,
            Command::Merge(a) => a.quiet,
            Command::Compare(a) => a.quiet,
            Command::Report(a) => a.quiet,
            Command::Tournament(a) => a.quiet,
            Command::Moran(a) => a.quiet,
            Command::Sensitivity(a) => a.quiet,
            Command::Explore(a) => a.quiet,
            _ => false,
        }
    }
}

/// [`execute`], reporting the progress of long work to `progress`.
pub fn execute_with(cli: Cli, progress: &dyn crate::engine::Progress) -> Result<Option<String>> {
    crate::equilibrium::cache::set_dir(crate::equilibrium::cache::default_dir());
    crate::equilibrium::cache::set_reading(!cli.no_cache);
    match cli.command {
        Command::Run(a) => run::run(a, progress),
        Command::Sweep(a) => run::sweep(a, progress),
        Command::Check(a) => check::check(a),
        Command::List => list::list(),
        Command::Trace(a) => trace::trace(a),
        Command::Merge(a) => merge::merge(a),
        Command::Solve(a) => solve::solve(a),
        Command::SolvePolicy(a) => solve_policy::solve_policy(a),
        Command::Compare(a) => compare::compare(a, progress),
        Command::Report(a) => report::report(a, progress),
        Command::Explain(a) => explain::explain(a, progress),
        Command::ExportNfg(a) => explain::export_nfg(a, progress),
        Command::Match(a) => duel::play(a),
        Command::Tournament(a) => tournament::tournament(a),
        Command::Moran(a) => moran::moran(a, progress),
        Command::Replicator(a) => replicator::replicator(a),
        Command::StageGame(a) => stage_game::stage_game(a),
        Command::Sensitivity(a) => sensitivity::sensitivity(a, progress),
        Command::Explore(a) => explore::explore(a, progress),
    }
}

/// The flags that choose one scenario point and its Monte Carlo estimate:
/// shared by `explain`, `export-nfg` and `stage-game`.
#[derive(Debug, Args)]
pub struct StageFlags {
    /// A scenario file, or the name of a shipped scenario (default baseline-2025).
    pub scenario: Option<String>,
    /// Set any scenario key, e.g. --set iran.leverage=0.4 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Monte Carlo runs per cell (default: scenario.runs).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub runs: Option<String>,
    /// Master seed (default: scenario.seed).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<String>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

impl StageFlags {
    /// The scenario with `--set`, `--runs` and `--seed` applied, its sweep
    /// axes dropped (these verbs look at one point).
    pub fn load(&self) -> Result<Scenario> {
        let mut s = load(self.scenario.as_deref(), &self.set)?;
        if let Some(runs) = &self.runs {
            s.set_key("--runs", "scenario.runs", runs)?;
        }
        if let Some(seed) = &self.seed {
            s.set_key("--seed", "scenario.seed", seed)?;
        }
        s.axes.clear();
        Ok(s)
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

/// Checks `--threads`.
fn threads(n: Option<usize>) -> Result<usize> {
    match n {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if (1..=1024).contains(&n) => Ok(n),
        Some(n) => Err(Error::Usage(format!(
            "--threads must be in [1, 1024], got {n}"
        ))),
    }
}
