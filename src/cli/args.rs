//! Every verb's arguments, declared in one place. The flags several verbs
//! share are declared once, as groups flattened into each verb that uses
//! them: [`OutFlags`] (`--out`, `--no-meta`, `-q`), [`SeedFlag`],
//! [`ThreadsFlag`], [`FormatFlag`], [`ScenarioFlags`] and [`GridFlags`].
//! Every verb's `--help` ends with examples.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::Shard;
use crate::scenario::DEFAULT_MAX_POINTS;

/// catch22: the Iran-US Catch-22 as a stochastic repeated game, simulated.
#[derive(Debug, Parser)]
#[command(
    name = "catch22",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  catch22 run                      the embedded baseline-2025, summary CSV on stdout\n  catch22 sweep --vary lifeline.probability=0:0.5:6 --out sweep.csv\n  catch22 reproduce sweep.csv.meta.json\n  catch22 <VERB> --help            every verb's flags, with examples"
)]
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
    #[command(
        after_help = "Examples:\n  catch22 run\n  catch22 run jcpoa-2015 --runs 100000 --seed 7 --out a.csv\n  catch22 run baseline-2025 --set iran.survival_threshold=0.3 --per-run runs.csv --out s.csv\n  catch22 run --target-ci 0.005 --format table"
    )]
    Run(RunArgs),
    /// Run a grid of scenario variants (`--vary` and the `[sweep]` table).
    #[command(
        after_help = "Examples:\n  catch22 sweep --vary lifeline.probability=0:0.5:6\n  catch22 sweep baseline-2025 --vary us.policy=maximum_pressure,engagement --runs 20000 --out s.csv\n  catch22 sweep baseline-2025 --vary iran.resilience=0:1:101 --shard 0/4 --out part-0.csv"
    )]
    Sweep(SweepArgs),
    /// Validate a scenario and print every key resolved, with derived quantities.
    #[command(
        after_help = "Examples:\n  catch22 check scenarios/jcpoa-2015.toml\n  catch22 check baseline-2025 --set iran.leverage=0.5 --out resolved.toml"
    )]
    Check(CheckArgs),
    /// List the shipped scenarios and every policy with its parameters.
    #[command(after_help = "Examples:\n  catch22 list\n  catch22 list --out catalog.txt")]
    List(ListArgs),
    /// Narrate one run round by round.
    #[command(
        after_help = "Examples:\n  catch22 trace jcpoa-2015 --seed 3\n  catch22 trace baseline-2025 --seed 2025 --run 17 --csv run17.csv\n  catch22 trace --csv - > trace.csv"
    )]
    Trace(TraceArgs),
    /// Merge the parts of a sharded job (`--shard I/N`) into its summary CSV (or a tournament's ranking).
    #[command(
        after_help = "Examples:\n  catch22 merge part-*.csv --out summary.csv\n  catch22 merge part-0.csv part-2.csv --allow-partial"
    )]
    Merge(MergeArgs),
    /// Compare two outcome distributions (summary CSVs or scenarios), point by point.
    #[command(
        after_help = "Examples:\n  catch22 compare baseline-2025 lifeline --runs 20000 --format table\n  catch22 compare baseline-2025 baseline-2025 --set-b us.pressure=0.6\n  catch22 compare sweep.csv sweep.csv --point-a 0 --point-b 5\n  catch22 compare a.csv b.csv --out diff.csv"
    )]
    Compare(CompareArgs),
    /// Charts of summary CSVs or scenarios in one self-contained HTML page.
    #[command(
        after_help = "Examples:\n  catch22 report s.csv --out report.html\n  catch22 report s.csv baseline-2025 --runs 10000 --out report.html --svg charts"
    )]
    Report(ReportArgs),
    /// The Nash equilibria of a normal-form game (a Gambit .nfg file or a TOML matrix).
    #[command(
        after_help = "Examples:\n  catch22 solve scenarios/games/prisoners-dilemma.toml\n  catch22 solve game.nfg --format json\n  catch22 solve big.nfg --method lh --label 3"
    )]
    Solve(SolveArgs),
    /// The teaching view: the stage game and its equilibria, the Catch-22 map, a reading.
    #[command(
        after_help = "Examples:\n  catch22 explain\n  catch22 explain jcpoa-2015 --runs 2000 --map-out map.csv\n  catch22 explain --format json --out explain.json"
    )]
    Explain(ExplainArgs),
    /// Write the stage game as a Gambit strategic-form file (.nfg).
    #[command(
        after_help = "Examples:\n  catch22 export-nfg --out stage.nfg\n  catch22 export-nfg jcpoa-2015 --round 12 --runs 2000 --out round12.nfg"
    )]
    ExportNfg(ExportNfgArgs),
    /// Repeated matches between two strategies of the repeated-game library; CSV, one row per match.
    #[command(
        after_help = "Examples:\n  catch22 match TitForTat Defector\n  catch22 match TitForTat 'GenerousTitForTat(0.1)' --noise 0.05 --repetitions 100 --seed 3"
    )]
    Match(MatchArgs),
    /// A round-robin tournament of repeated-game strategies from a TOML file; ranking CSV.
    #[command(
        after_help = "Examples:\n  catch22 tournament scenarios/tournaments/basic.toml\n  catch22 tournament scenarios/tournaments/basic.toml --matches matches.csv --out ranking.csv\n  catch22 tournament big.toml --shard 0/8 --out part-0.csv"
    )]
    Tournament(TournamentArgs),
    /// Fixation probabilities and times of strategies in a Moran process.
    #[command(
        after_help = "Examples:\n  catch22 moran scenarios/evolution/hawk-dove.toml\n  catch22 moran scenarios/evolution/prisoners-dilemma.toml --runs 100000 --seed 2"
    )]
    Moran(MoranArgs),
    /// The replicator dynamics of a payoff matrix, as a CSV trajectory.
    #[command(
        after_help = "Examples:\n  catch22 replicator scenarios/evolution/hawk-dove.toml\n  catch22 replicator scenarios/evolution/prisoners-dilemma.toml --steps 5000 --every 50 --out traj.csv"
    )]
    Replicator(ReplicatorArgs),
    /// The model's stage game in normal form (each cell: fixed actions, mean payoffs), for `solve`.
    #[command(
        after_help = "Examples:\n  catch22 stage-game --out stage.toml && catch22 solve stage.toml\n  catch22 stage-game jcpoa-2015 --iran talk=negotiate,refuse=hold,fight=confront --runs 2000"
    )]
    StageGame(StageGameArgs),
    /// Solve a scenario's Markov-perfect equilibrium and write the policy table as CSV.
    #[command(
        after_help = "Examples:\n  catch22 solve-policy --out policy.csv\n  catch22 solve-policy jcpoa-2015 --round 1 --set equilibrium.grid.talks=11"
    )]
    SolvePolicy(SolvePolicyArgs),
    /// Draw parameter sets from a scenario's [uncertainty] table and run each: one CSV row per set.
    #[command(
        after_help = "Examples:\n  catch22 explore --uncertain-defaults --samples 200 --runs 1000 --out samples.csv\n  catch22 explore my.toml --design sobol --samples 1024 --shard 0/4 --out part-0.csv"
    )]
    Explore(super::explore::ExploreArgs),
    /// Which uncertain keys drive the outcomes: Sobol' indices or Morris measures.
    #[command(
        after_help = "Examples:\n  catch22 sensitivity --uncertain-defaults --samples 256 --runs 400 --format table\n  catch22 sensitivity --method morris --uncertain-defaults --samples 50\n  catch22 sensitivity --function ishigami --samples 4096"
    )]
    Sensitivity(super::sensitivity::SensitivityArgs),
    /// Where an outcome lives: PRIM scenario discovery on a CSV of samples.
    #[command(
        after_help = "Examples:\n  catch22 explore --uncertain-defaults --samples 500 --out samples.csv\n  catch22 discover samples.csv --outcome deal --threshold 0.3 --format text"
    )]
    Discover(super::discover::DiscoverArgs),
    /// The explorer in a browser: a local web server with the page and its JSON API.
    #[command(
        after_help = "Examples:\n  catch22 serve                    http://127.0.0.1:8022/ (this machine only)\n  catch22 serve --open             and open it in the default browser\n  catch22 serve --port 0           any free port (the URL is printed on stderr)\n  catch22 serve --bind 0.0.0.0 --max-runs 200000   a classroom's network"
    )]
    Serve(super::serve::ServeArgs),
    /// Rerun the command a manifest (FILE.meta.json) records and check its output byte for byte.
    #[command(
        after_help = "Exit status: 0 every output identical, 1 an output (or an input) differs, 2 a bad manifest.\n\nExamples:\n  catch22 run --out a.csv && catch22 reproduce a.csv.meta.json"
    )]
    Reproduce(ReproduceArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Examples:\n  catch22 completions bash > ~/.local/share/bash-completion/completions/catch22\n  catch22 completions zsh > ~/.zfunc/_catch22\n  catch22 completions fish > ~/.config/fish/completions/catch22.fish\n  catch22 completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per verb into a directory.
    #[command(
        after_help = "Examples:\n  catch22 man | man -l -\n  catch22 man --dir ~/.local/share/man/man1   # catch22.1 and catch22-VERB.1"
    )]
    Man(ManArgs),
}

// ---- shared flag groups ---------------------------------------------------

/// `--out`, `--no-meta` and `-q`: where the main output goes and how much
/// the command says. Every verb that writes has them.
#[derive(Debug, Clone, Default, Args)]
pub struct OutFlags {
    /// Write the output to PATH instead of standard output: whole or not at
    /// all, with its manifest PATH.meta.json beside it.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// With --out, do not write PATH.meta.json (the command, version, seeds,
    /// resolved scenario and input hashes that `catch22 reproduce` reruns).
    #[arg(long = "no-meta")]
    pub no_meta: bool,
    /// Print nothing on standard error but errors: no status line, note,
    /// warning or progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--seed S`.
#[derive(Debug, Clone, Default, Args)]
pub struct SeedFlag {
    /// Master seed: run (or repetition) i draws from stream i of it
    /// [default: the input's seed].
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<String>,
}

/// `--threads N`.
#[derive(Debug, Clone, Default, Args)]
pub struct ThreadsFlag {
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `--format F`, with the formats `F` a verb writes.
#[derive(Debug, Clone, Args)]
pub struct FormatFlag<F: ValueEnum + Clone + Send + Sync + std::fmt::Debug + 'static> {
    /// Output format [default: the first listed].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<F>,
}

impl<F: ValueEnum + Clone + Send + Sync + std::fmt::Debug + 'static> FormatFlag<F> {
    /// The format chosen, or the first of `F`.
    pub fn get(&self) -> F {
        self.format
            .clone()
            .unwrap_or_else(|| F::value_variants()[0].clone())
    }
}

pub use crate::output::table::Format;

/// Formats of `solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveFormat {
    /// A readable report.
    Text,
    /// One row per equilibrium, player and strategy.
    Csv,
    /// `{"players", "shape", "degenerate", "equilibria"}`.
    Json,
}

/// Formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Tables, the map drawn in characters and the reading.
    Text,
    /// One JSON record with every number.
    Json,
}

/// Formats of `trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// The narration.
    Text,
    /// One CSV row per round (what --csv writes).
    Csv,
}

/// The flags that shape the scenarios a verb runs: `--runs`, `--seed`,
/// `--threads`, `--set`.
#[derive(Debug, Clone, Default, Args)]
pub struct ScenarioFlags {
    /// Monte Carlo runs per point (overrides scenario.runs).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub runs: Option<String>,
    /// The master seed.
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Worker threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// Set any scenario key, e.g. --set iran.survival_threshold=0.3 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// `--vary` and `--max-points`: the grid of a sweep.
#[derive(Debug, Clone, Args)]
pub struct GridFlags {
    /// Vary a key: KEY=V1,V2,... or KEY=FROM:TO:STEPS (repeatable; the last varies fastest).
    #[arg(long = "vary", value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// Refuse grids larger than this.
    #[arg(long = "max-points", value_name = "N", default_value_t = DEFAULT_MAX_POINTS)]
    pub max_points: usize,
}

impl Default for GridFlags {
    fn default() -> GridFlags {
        GridFlags {
            vary: Vec::new(),
            max_points: DEFAULT_MAX_POINTS,
        }
    }
}

/// One scenario point and its Monte Carlo estimate: `explain`,
/// `export-nfg` and `stage-game`.
#[derive(Debug, Clone, Default, Args)]
pub struct StageFlags {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// Runs per cell, seed, threads, --set.
    #[command(flatten)]
    pub flags: ScenarioFlags,
}

// ---- the verbs --------------------------------------------------------------

/// How `run` and `sweep` simulate and what they write besides the summary.
#[derive(Debug, Clone, Default, Args)]
pub struct JobFlags {
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
}

/// `catch22 run`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// Draw each run's uncertain keys from the scenario's [uncertainty] table
    /// (second-order Monte Carlo): the probabilities include that uncertainty.
    #[arg(long)]
    pub uncertain: bool,
    /// With --uncertain: also make every key with a plausible range in the
    /// schema uncertain (uniform on it), unless the scenario sets it.
    #[arg(long = "uncertain-defaults")]
    pub uncertain_defaults: bool,
    /// Runs, seed, threads, --set.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// Per-run rows, shards, a target precision.
    #[command(flatten)]
    pub job: JobFlags,
    /// Output format of the summary.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 sweep`.
#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// Runs, seed, threads, --set.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// --vary, --max-points.
    #[command(flatten)]
    pub grid: GridFlags,
    /// Per-run rows, shards, a target precision.
    #[command(flatten)]
    pub job: JobFlags,
    /// Output format of the summary.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// Set any scenario key before checking (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// --vary, --max-points: check a grid.
    #[command(flatten)]
    pub grid: GridFlags,
    /// Also make every key with a plausible range in the schema uncertain,
    /// as `explore`, `sensitivity` and `run --uncertain` would.
    #[arg(long = "uncertain-defaults")]
    pub uncertain_defaults: bool,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 list`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 trace`.
#[derive(Debug, Clone, Args)]
pub struct TraceArgs {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// The master seed.
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Which run of that seed to narrate: the same run the engine plays as run I.
    #[arg(long, value_name = "I", default_value_t = 0)]
    pub run: u64,
    /// Set any scenario key (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Also write the trace as CSV here (`-` for standard output instead of the text).
    #[arg(long, value_name = "PATH")]
    pub csv: Option<String>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<TraceFormat>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The part files written by `--shard I/N --out PART`.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<String>,
    /// Merge even when shards are missing; the `runs` column then gives each
    /// point's real number of runs.
    #[arg(long = "allow-partial")]
    pub allow_partial: bool,
    /// Output format of the summary.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// A: a summary CSV (from run, sweep or merge), a scenario file or a shipped scenario name.
    pub a: String,
    /// B: the same kinds; differences are B minus A.
    pub b: String,
    /// Runs, seed, threads, and --set for both sides.
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// Set a key in scenario A only (repeatable; after --set).
    #[arg(long = "set-a", value_name = "KEY=VALUE")]
    pub set_a: Vec<String>,
    /// Set a key in scenario B only (repeatable; after --set).
    #[arg(long = "set-b", value_name = "KEY=VALUE")]
    pub set_b: Vec<String>,
    /// Compare only this point of A: its number, or KEY=VALUE,... of its varied keys.
    #[arg(long = "point-a", value_name = "POINT")]
    pub point_a: Option<String>,
    /// Compare only this point of B: its number, or KEY=VALUE,... of its varied keys.
    #[arg(long = "point-b", value_name = "POINT")]
    pub point_b: Option<String>,
    /// --vary (both scenarios), --max-points.
    #[command(flatten)]
    pub grid: GridFlags,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Summary CSVs (from run, sweep or merge), scenario files or shipped scenario names.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Runs, seed, threads, --set (for scenario inputs).
    #[command(flatten)]
    pub flags: ScenarioFlags,
    /// Refuse grids larger than this.
    #[arg(long = "max-points", value_name = "N", default_value_t = DEFAULT_MAX_POINTS)]
    pub max_points: usize,
    /// Also write every chart as a standalone SVG file in this directory.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<String>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 solve`.
#[derive(Debug, Clone, Args)]
pub struct SolveArgs {
    /// A Gambit strategic-form file (.nfg) or a TOML matrix game (.toml).
    pub game: String,
    /// enum: every extreme equilibrium (vertex enumeration, exact);
    /// lh: one equilibrium by Lemke-Howson (for large games).
    #[arg(long, value_enum, default_value_t = MethodArg::Enum)]
    pub method: MethodArg,
    /// Lemke-Howson's dropped label: 1..m are player 1's strategies,
    /// m+1..m+n player 2's (default 1).
    #[arg(long, value_name = "K")]
    pub label: Option<usize>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<SolveFormat>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// Solution methods of `solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Every extreme equilibrium.
    Enum,
    /// One equilibrium by Lemke-Howson.
    Lh,
}

/// `catch22 explain`.
#[derive(Debug, Clone, Args)]
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
    #[command(flatten)]
    pub format: FormatFlag<ExplainFormat>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 export-nfg`.
#[derive(Debug, Clone, Args)]
pub struct ExportNfgArgs {
    /// Scenario, --set, --runs, --seed, --threads.
    #[command(flatten)]
    pub flags: StageFlags,
    /// The stage game at round T: the scenario's initial state with T-1
    /// rounds counted as played, so T-1 fewer remain (1..=scenario.rounds).
    #[arg(long, value_name = "T", default_value_t = 1)]
    pub round: u32,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 match`.
#[derive(Debug, Clone, Args)]
pub struct MatchArgs {
    /// Player A (the row player): a strategy name such as TitForTat or Random(0.3).
    pub a: String,
    /// Player B (the column player).
    pub b: String,
    /// Turns per match; with --prob-end, the most turns.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub turns: u32,
    /// Probability that each move is flipped.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub noise: f64,
    /// Probability that the match ends after each turn (0: exactly --turns).
    #[arg(long = "prob-end", value_name = "Q", default_value_t = 0.0)]
    pub prob_end: f64,
    /// Discount factor: turn t (from 0) counts discount^t in the totals.
    #[arg(long, value_name = "D", default_value_t = 1.0)]
    pub discount: f64,
    /// The master seed [default: 1, as the shipped tournament and evolution files].
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Matches to play (one CSV row each).
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub repetitions: u32,
    /// A TOML file with the stage game (`[game]`) and strategies (`[[strategy]]`).
    #[arg(long, value_name = "FILE")]
    pub game: Option<String>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 tournament`.
#[derive(Debug, Clone, Args)]
pub struct TournamentArgs {
    /// The tournament file (TOML with a [tournament] table).
    pub file: String,
    /// The master seed (overrides tournament.seed).
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Worker threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// Also write every match (one row per pair and repetition) here.
    #[arg(long, value_name = "PATH")]
    pub matches: Option<String>,
    /// Play only shard I of N (0-based) of the matches and write its part to
    /// --out; `catch22 merge` combines the parts into the ranking.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Output format of the ranking.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 moran`.
#[derive(Debug, Clone, Args)]
pub struct MoranArgs {
    /// An evolution file: a [moran] table and a [payoffs] or [tournament] table.
    pub file: String,
    /// Monte Carlo runs (overrides moran.runs).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub runs: Option<String>,
    /// The master seed (overrides moran.seed).
    #[command(flatten)]
    pub seed: SeedFlag,
    /// Worker threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 replicator`.
#[derive(Debug, Clone, Args)]
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
    /// Worker threads for a [tournament].
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 stage-game`.
#[derive(Debug, Clone, Args)]
pub struct StageGameArgs {
    /// Scenario, --set, --runs, --seed, --threads.
    #[command(flatten)]
    pub flags: StageFlags,
    /// Iran's rows: LABEL=ACTION,... with ACTION one of Iran's actions
    /// [default: talk=negotiate,refuse=hold].
    #[arg(long, value_name = "LIST")]
    pub iran: Option<String>,
    /// The US columns: LABEL=ACTION,... with ACTION one of the US actions
    /// [default: engage=hold_direct,pressure=tighten].
    #[arg(long, value_name = "LIST")]
    pub us: Option<String>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 solve-policy`.
#[derive(Debug, Clone, Args)]
pub struct SolvePolicyArgs {
    /// A scenario file, or the name of a shipped scenario [default: baseline-2025].
    pub scenario: Option<String>,
    /// Set any scenario key, e.g. --set equilibrium.grid.talks=11 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Worker threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// Write only this round (1-based) of the table.
    #[arg(long, value_name = "T")]
    pub round: Option<u32>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 reproduce`.
#[derive(Debug, Clone, Args)]
pub struct ReproduceArgs {
    /// The manifest written beside an output (`FILE.meta.json`).
    pub manifest: String,
    /// Print nothing on standard error but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
    /// Elvish.
    Elvish,
}

/// `catch22 completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write catch22.1 and one catch22-VERB.1 page per verb into this directory.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub dir: Option<String>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

impl Command {
    /// The verb's `--out`, `--no-meta` and `-q`.
    pub fn out_flags(&self) -> OutFlags {
        match self {
            Command::Run(a) => a.out.clone(),
            Command::Sweep(a) => a.out.clone(),
            Command::Check(a) => a.out.clone(),
            Command::List(a) => a.out.clone(),
            Command::Trace(a) => a.out.clone(),
            Command::Merge(a) => a.out.clone(),
            Command::Compare(a) => a.out.clone(),
            Command::Report(a) => a.out.clone(),
            Command::Solve(a) => a.out.clone(),
            Command::Explain(a) => a.out.clone(),
            Command::ExportNfg(a) => a.out.clone(),
            Command::Match(a) => a.out.clone(),
            Command::Tournament(a) => a.out.clone(),
            Command::Moran(a) => a.out.clone(),
            Command::Replicator(a) => a.out.clone(),
            Command::StageGame(a) => a.out.clone(),
            Command::SolvePolicy(a) => a.out.clone(),
            Command::Completions(a) => a.out.clone(),
            Command::Man(a) => a.out.clone(),
            Command::Explore(a) => a.out.clone(),
            Command::Sensitivity(a) => a.out.clone(),
            Command::Discover(a) => a.out.clone(),
            Command::Serve(_) => OutFlags::default(),
            Command::Reproduce(a) => OutFlags {
                quiet: a.quiet,
                ..OutFlags::default()
            },
        }
    }
}
