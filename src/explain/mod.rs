//! `catch22 explain`: the teaching view of the model.
//!
//! Three pictures of one scenario, all computed through the one transition
//! function (`model::transition`) by way of `engine::simulate::play`:
//!
//! - [`stage`]: the stage game at a round — Iran's 5 actions × the US's 10,
//!   each cell the one-round payoff plus the continuation value under the
//!   scenario's policies, estimated with common random numbers — its
//!   subgame-perfect play with the US moving first (the model's timing), and,
//!   for comparison, its Nash equilibria as a simultaneous game by the exact
//!   solver of [`crate::game`];
//! - [`map`]: the Catch-22 map over initial resilience × leverage, by the
//!   model's one definition of the trap;
//! - [`reading`]: a paragraph that reads both for the scenario.
//!
//! The method is documented in `docs/EXPLAIN.md`.

pub mod fixed;
pub mod iran_us;
pub mod map;
pub mod reading;
pub mod stage;

use crate::engine::Progress;
use crate::error::{Error, Result};
use crate::game::{self, Game, Method, Solution, rational};
use crate::model::Params;
use crate::policy::Players;
use crate::stats::Z95;
pub use map::{Cell, Map, Region};
pub use stage::StageGame;

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The master seed.
    pub seed: u64,
    /// Runs per stage-game cell and per map cell (K).
    pub runs: u64,
    /// The round whose stage game is played (1 = the initial state).
    pub round: u32,
    /// Values per map axis (the map has `map_steps²` cells).
    pub map_steps: usize,
}

/// The subgame-perfect play of the estimated stage game: the US moves first,
/// Iran answers (the model's own timing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sequential {
    /// The US action (column).
    pub us: usize,
    /// Iran's reply to each US action.
    pub iran: [usize; stage::COLS],
}

/// Each side's best responses, `[iran][us]`: `iran[i][j]` when Iran's row `i`
/// is a best response to the US's column `j`; `us[i][j]` when the US's
/// column `j` is a best response to Iran's row `i`. Exact, on the rounded payoffs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BestResponses {
    /// Iran's.
    pub iran: [[bool; stage::COLS]; stage::ROWS],
    /// The US's.
    pub us: [[bool; stage::COLS]; stage::ROWS],
}

/// The stage game solved.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The estimates.
    pub stage: StageGame,
    /// The exact game (payoffs rounded to 6 decimals), as `export-nfg` writes it.
    pub game: Game,
    /// Its Nash equilibria (every extreme equilibrium).
    pub solution: Solution,
    /// Best responses.
    pub best: BestResponses,
    /// Per equilibrium, the strategies outside its support that come within
    /// 1.96 paired standard errors of a best response: there the support
    /// could change within the Monte Carlo noise.
    pub warnings: Vec<Vec<String>>,
    /// The subgame-perfect play with the US moving first.
    pub sequential: Sequential,
}

/// Everything `catch22 explain` shows.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The scenario's name.
    pub scenario: String,
    /// The parameters explained.
    pub params: Params,
    /// Iran's policy's name.
    pub iran_policy: String,
    /// The US policy's name.
    pub us_policy: String,
    /// What was computed.
    pub options: Options,
    /// The stage game and its equilibria.
    pub solved: Solved,
    /// The map.
    pub map: Map,
    /// The scenario's own initial state, evaluated like a map cell.
    pub initial: Cell,
    /// The plain-language reading.
    pub reading: String,
}

/// The title `export-nfg` and `explain` give the stage game.
pub fn title(scenario: &str, round: u32) -> String {
    format!("catch22 stage game: {scenario}, round {round}")
}

/// The comment written into the `.nfg` file: how the payoffs were made.
pub fn comment(o: &Options, rounds: u32) -> String {
    format!(
        "Iran (rows) x US (columns). Each payoff is the mean over {} runs (seed {}, common \
         random numbers: run k uses the stream of (seed, k) in every cell) of the player's \
         discounted payoff when the cell's actions are played in round {} and both sides \
         then follow the scenario's policies to round {rounds}; rounded to 6 decimals. \
         Written by catch22 {}.",
        o.runs,
        o.seed,
        o.round,
        env!("CARGO_PKG_VERSION")
    )
}

/// Estimates and solves the stage game, reporting runs to `progress`
/// (20 per run: one per cell).
pub fn solve_stage(
    p: &Params,
    players: &Players,
    scenario: &str,
    o: &Options,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Result<Solved> {
    let stage = stage::estimate(p, players, o.seed, o.runs, o.round, pool, progress);
    let game = stage.game(&title(scenario, o.round), &comment(o, p.rounds));
    // Vertex enumeration of a 5x4 game stays far inside the solver's limits;
    // should it still fail, that is a runtime error, not a panic.
    let solution = game::solve(&game, Method::Enumerate)
        .map_err(|e| Error::Runtime(format!("solving the stage game: {e}")))?;
    let (a, b) = game.bimatrix().expect("two players");
    let mut best = BestResponses {
        iran: [[false; stage::COLS]; stage::ROWS],
        us: [[false; stage::COLS]; stage::ROWS],
    };
    let col_max: Vec<_> = (0..stage::COLS)
        .map(|j| a.iter().map(|row| &row[j]).max().expect("rows"))
        .collect();
    for (i, (arow, brow)) in a.iter().zip(&b).enumerate() {
        let row_max = brow.iter().max().expect("columns");
        for (j, (va, vb)) in arow.iter().zip(brow).enumerate() {
            best.iran[i][j] = va == col_max[j];
            best.us[i][j] = vb == row_max;
        }
    }
    let warnings = solution
        .equilibria
        .iter()
        .map(|e| noise_warnings(&stage, &game, &e.strategies))
        .collect();
    // Backward induction on the same (rounded) payoffs the game holds.
    let f = |r: &rational::Rational| rational::to_f64(r);
    let play = crate::equilibrium::stage::StageGame {
        iran: std::array::from_fn(|i| std::array::from_fn(|j| f(&a[i][j]))),
        us: std::array::from_fn(|i| std::array::from_fn(|j| f(&b[i][j]))),
    }
    .solve();
    Ok(Solved {
        stage,
        game,
        solution,
        best,
        warnings,
        sequential: Sequential {
            us: play.us,
            iran: play.iran,
        },
    })
}

/// For one equilibrium, each strategy outside a player's support whose
/// payoff against the opponent's mix is within 1.96 standard errors of the
/// best response's. The standard error of that gap, Σⱼ yⱼ·(a_sj − a_ij), is
/// bounded by Σⱼ yⱼ·SE(a_sj − a_ij) with paired (common-random-number)
/// standard errors, `s` the first strategy in the support.
fn noise_warnings(
    stage: &StageGame,
    g: &Game,
    strategies: &[Vec<rational::Rational>],
) -> Vec<String> {
    let (a, b) = g.bimatrix().expect("two players");
    let f = |r: &rational::Rational| rational::to_f64(r);
    let mut out = Vec::new();
    for player in 0..2 {
        let (own, other) = (&strategies[player], &strategies[1 - player]);
        let payoff = |mine: usize, theirs: usize| {
            if player == 0 {
                f(&a[mine][theirs])
            } else {
                f(&b[theirs][mine])
            }
        };
        let value = |mine: usize| -> f64 {
            other
                .iter()
                .enumerate()
                .map(|(t, w)| f(w) * payoff(mine, t))
                .sum()
        };
        let Some(s) = own.iter().position(|x| f(x) > 0.0) else {
            continue;
        };
        let best = value(s);
        for (i, x) in own.iter().enumerate() {
            if f(x) > 0.0 {
                continue;
            }
            let gap = best - value(i);
            let se: f64 = other
                .iter()
                .enumerate()
                .map(|(t, w)| f(w) * stage.paired_se(player, t, s, i))
                .sum();
            if gap <= Z95 * se {
                out.push(format!(
                    "{}'s `{}` is {} below a best response, within 1.96 x its standard error {}: \
                     the support could change within the Monte Carlo noise (raise --runs)",
                    g.players[player],
                    g.strategies[player][i],
                    crate::output::num(gap),
                    crate::output::num(se)
                ));
            }
        }
    }
    out
}

/// The runs [`explain`] plays: one per stage-game cell and run (the map is
/// closed-form).
pub fn planned_runs(o: &Options) -> u64 {
    o.runs
        .saturating_mul(stage::ROWS as u64 * stage::COLS as u64)
}

/// Runs everything `catch22 explain` shows, reporting runs to `progress`.
pub fn explain(
    p: &Params,
    players: &Players,
    scenario: &str,
    o: &Options,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Result<Explanation> {
    let solved = solve_stage(p, players, scenario, o, pool, progress)?;
    let map = map::map(p, players, o.map_steps);
    let initial = map::cell(p, players, p.initial.resilience, p.initial.leverage);
    let mut e = Explanation {
        scenario: scenario.to_string(),
        params: p.clone(),
        iran_policy: players.iran.name().to_string(),
        us_policy: players.us.name().to_string(),
        options: *o,
        solved,
        map,
        initial,
        reading: String::new(),
    };
    e.reading = reading::paragraph(&e);
    Ok(e)
}
