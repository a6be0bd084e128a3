//! The Catch-22 model's stage game in normal form.
//!
//! Each cell of the matrix is a pair of actions (Iran's, the US's) held fixed
//! for a whole run of the model — every round, until a terminal outcome or
//! the horizon — and its payoffs are each side's mean discounted payoff over
//! many Monte Carlo runs. The runs are the engine's: the same random stream
//! per (seed, run), the same transition function and payoff functions, the
//! same threshold draw; only the policies are replaced by the fixed actions
//! ([`Fixed`]). Every cell uses the same seed, so the cells share common
//! random numbers. (`catch22 explain` reads a different stage game off the
//! model: one round's actions forced, the policies playing the rest.)
//!
//! Iran's leadership still judges a completed deal with its policy's
//! acceptance rule (the transition function asks the policy whether the deal
//! is the less bad horn), so "talk" means "talk, and sign what the policy
//! would sign". This lives beside `explain` because it is the Catch-22's
//! own game; `crate::game` solves it without knowing Iran.

use std::fmt::Write as _;

use rand::Rng;
use rayon::prelude::*;

use crate::engine::RunRecord;
use crate::engine::seeding::run_rng;
use crate::engine::simulate::{Moves, play};
use crate::model::transition::uniform;
use crate::model::{Diplomacy, Enforcement, IranAction, Outcome, Params, Shocks, State, UsAction};
use crate::policy::Players;

/// Runs summed together before the partial sums are added in index order:
/// a fixed chunking, so sums do not depend on the thread count.
const CHUNK: u64 = 1024;

/// The same pair of actions every round: a strategy profile of the
/// normal-form game.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    /// Iran's action.
    pub iran: IranAction,
    /// The US action.
    pub us: UsAction,
}

impl Moves for Fixed {
    #[inline(always)]
    fn choose(&self, _: &Params, _: &State, _: &Shocks) -> (UsAction, IranAction) {
        (self.us, self.iran)
    }
}

/// Run `run` of seed `seed` with `actions` every round, from the scenario's
/// initial state with the threshold drawn as the engine draws it; the terms
/// are answered by Iran's policy in `players`.
pub fn run_fixed(p: &Params, players: &Players, seed: u64, run: u64, actions: Fixed) -> RunRecord {
    let mut rng = run_rng(seed, run);
    let s = State::initial(p, uniform(rng.next_u32()));
    play(p, &players.iran, &mut rng, s, run, &actions, &mut ())
}

/// A cell's estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// The actions.
    pub actions: Fixed,
    /// Runs.
    pub runs: u64,
    /// Iran's mean discounted payoff and its standard error.
    pub iran: (f64, f64),
    /// The US mean discounted payoff and its standard error.
    pub us: (f64, f64),
    /// Runs ending in each outcome (in [`Outcome::ALL`] order).
    pub outcomes: [u64; 4],
}

#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    iran: f64,
    iran_sq: f64,
    us: f64,
    us_sq: f64,
    outcomes: [u64; 4],
}

/// Estimates one cell: `runs` runs of seed `seed` with both actions fixed.
pub fn cell(
    p: &Params,
    players: &Players,
    seed: u64,
    runs: u64,
    actions: Fixed,
    pool: &rayon::ThreadPool,
) -> Cell {
    let parts: Vec<Sums> = pool.install(|| {
        (0..runs.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut s = Sums::default();
                for run in c * CHUNK..((c + 1) * CHUNK).min(runs) {
                    let r = run_fixed(p, players, seed, run, actions);
                    s.iran += r.iran_payoff;
                    s.iran_sq += r.iran_payoff * r.iran_payoff;
                    s.us += r.us_payoff;
                    s.us_sq += r.us_payoff * r.us_payoff;
                    s.outcomes[r.outcome.index()] += 1;
                }
                s
            })
            .collect()
    });
    let mut t = Sums::default();
    for s in &parts {
        t.iran += s.iran;
        t.iran_sq += s.iran_sq;
        t.us += s.us;
        t.us_sq += s.us_sq;
        for k in 0..4 {
            t.outcomes[k] += s.outcomes[k];
        }
    }
    let n = runs as f64;
    let mean_se = |sum: f64, sq: f64| {
        let mean = sum / n;
        let var = ((sq - n * mean * mean) / (n - 1.0).max(1.0)).max(0.0);
        (mean, (var / n).sqrt())
    };
    Cell {
        actions,
        runs,
        iran: mean_se(t.iran, t.iran_sq),
        us: mean_se(t.us, t.us_sq),
        outcomes: t.outcomes,
    }
}

/// Iran's default rows: "talk" is direct negotiation, "refuse" is holding.
pub const IRAN_DEFAULT: [(&str, IranAction); 2] = [
    ("talk", IranAction::Negotiate),
    ("refuse", IranAction::Hold),
];

/// The US default columns: "engage" holds enforcement and talks directly,
/// "pressure" tightens without talks.
pub const US_DEFAULT: [(&str, UsAction); 2] = [
    (
        "engage",
        UsAction::Act(Enforcement::Hold, Diplomacy::Direct),
    ),
    (
        "pressure",
        UsAction::Act(Enforcement::Tighten, Diplomacy::None),
    ),
];

/// A normal-form game read off the model: labelled rows (Iran) and columns
/// (US) and every cell, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGame {
    /// Iran's actions with their labels.
    pub iran: Vec<(String, IranAction)>,
    /// The US actions with their labels.
    pub us: Vec<(String, UsAction)>,
    /// The cells, row by row.
    pub cells: Vec<Cell>,
}

/// Estimates every cell of the game with Iran's `iran` as rows and the US's
/// `us` as columns.
pub fn estimate(
    p: &Params,
    players: &Players,
    seed: u64,
    runs: u64,
    iran: Vec<(String, IranAction)>,
    us: Vec<(String, UsAction)>,
    pool: &rayon::ThreadPool,
) -> StageGame {
    let mut cells = Vec::with_capacity(iran.len() * us.len());
    for &(_, i) in &iran {
        for &(_, u) in &us {
            cells.push(cell(p, players, seed, runs, Fixed { iran: i, us: u }, pool));
        }
    }
    StageGame { iran, us, cells }
}

impl StageGame {
    /// The cell of row `i`, column `j`.
    pub fn at(&self, i: usize, j: usize) -> &Cell {
        &self.cells[i * self.us.len() + j]
    }

    /// The game as a TOML matrix game for `catch22 solve`, payoffs rounded to
    /// three decimals; `header` (the command that made it, the mapping) goes
    /// first as comments, and each cell's standard errors and outcome shares
    /// follow as comments.
    pub fn to_toml(&self, title: &str, header: &[String]) -> String {
        let mut t = String::new();
        for line in header {
            let line = crate::output::escape::one_line(line);
            let _ = writeln!(t, "{}", format!("# {line}").trim_end());
        }
        let _ = writeln!(t, "#");
        let _ = writeln!(
            t,
            "# Each cell: mean discounted payoff (Iran, US) over {} runs, \u{00b1} one standard error;",
            self.cells.first().map_or(0, |c| c.runs)
        );
        let _ = writeln!(t, "# then the share of runs ending in each outcome.");
        for (i, (il, ia)) in self.iran.iter().enumerate() {
            for (j, (ul, ua)) in self.us.iter().enumerate() {
                let c = self.at(i, j);
                let n = c.runs.max(1) as f64;
                let shares: Vec<String> = Outcome::ALL
                    .iter()
                    .map(|o| format!("{} {:.3}", o.name(), c.outcomes[o.index()] as f64 / n))
                    .collect();
                let _ = writeln!(
                    t,
                    "#   {il} ({}) x {ul} ({}): Iran {:.3} \u{00b1} {:.3}, US {:.3} \u{00b1} {:.3}; {}",
                    ia.name(),
                    ua.name(),
                    c.iran.0,
                    c.iran.1,
                    c.us.0,
                    c.us.1,
                    shares.join(", ")
                );
            }
        }
        let quote = |v: &[String]| {
            v.iter()
                .map(|s| crate::output::escape::toml_string(s))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rows: Vec<String> = self.iran.iter().map(|r| r.0.clone()).collect();
        let cols: Vec<String> = self.us.iter().map(|c| c.0.clone()).collect();
        let _ = writeln!(t, "\n[game]");
        let _ = writeln!(t, "title = {}", crate::output::escape::toml_string(title));
        let _ = writeln!(t, "players = [\"Iran\", \"US\"]");
        let _ = writeln!(t, "strategies = [[{}], [{}]]", quote(&rows), quote(&cols));
        let _ = writeln!(t, "# payoffs[i][j] = [Iran's payoff, the US payoff]");
        let body: Vec<String> = (0..self.iran.len())
            .map(|i| {
                let cells: Vec<String> = (0..self.us.len())
                    .map(|j| {
                        let c = self.at(i, j);
                        format!("[{}, {}]", three(c.iran.0), three(c.us.0))
                    })
                    .collect();
                format!("[{}]", cells.join(", "))
            })
            .collect();
        let _ = writeln!(t, "payoffs = [{}]", body.join(",\n           "));
        t
    }
}

/// Three decimals, never `-0.000`.
fn three(x: f64) -> String {
    let s = format!("{x:.3}");
    if s == "-0.000" {
        "0.000".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulate;
    use crate::scenario::Scenario;

    fn baseline() -> crate::scenario::Point {
        Scenario::load("baseline-2025").unwrap().point(0).unwrap()
    }

    #[test]
    fn fixed_actions_are_played_every_round_on_the_engine_stream() {
        let pt = baseline();
        let engage = UsAction::Act(Enforcement::Hold, Diplomacy::Direct);
        let actions = Fixed {
            iran: IranAction::Negotiate,
            us: engage,
        };
        let r = run_fixed(&pt.params, &pt.players, 3, 5, actions);
        assert_eq!(r.iran_actions[IranAction::Negotiate.index()], r.round);
        assert_eq!(r.us_actions[engage.index()], r.round);
        // The engine's threshold draw: the same θ as the scenario's run 5.
        assert_eq!(
            r.state.threshold,
            simulate(&pt.params, &pt.players, 3, 5, &mut ())
                .state
                .threshold
        );
    }

    #[test]
    fn cells_do_not_depend_on_the_thread_count() {
        let pt = baseline();
        let labels =
            |v: &[(&str, IranAction)]| v.iter().map(|(l, a)| (l.to_string(), *a)).collect();
        let us: Vec<(String, UsAction)> = US_DEFAULT
            .iter()
            .map(|(l, a)| (l.to_string(), *a))
            .collect();
        let one = estimate(
            &pt.params,
            &pt.players,
            9,
            3000,
            labels(&IRAN_DEFAULT),
            us.clone(),
            &crate::engine::pool(1).unwrap(),
        );
        let two = estimate(
            &pt.params,
            &pt.players,
            9,
            3000,
            labels(&IRAN_DEFAULT),
            us,
            &crate::engine::pool(2).unwrap(),
        );
        assert_eq!(one, two);
        assert_eq!(one.at(0, 0).outcomes.iter().sum::<u64>(), 3000);
        let text = one.to_toml("t", &["made by a test".to_string()]);
        let game = crate::game::Game::parse(&text, "g.toml").unwrap();
        assert_eq!(game.shape(), vec![2, 2]);
    }
}
