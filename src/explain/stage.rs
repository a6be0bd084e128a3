//! The stage game: Iran's 5 actions × the US's 10, each cell the expected
//! discounted payoff of playing that pair of actions in one round and then
//! following the scenario's policies to the horizon (terminal outcomes
//! valued by what follows them, as everywhere).
//!
//! Every cell is estimated from the same K runs (common random numbers): run
//! k draws θ and every round's shocks from the stream of (seed, k), whatever
//! the cell, so differences between cells reflect the actions, not the luck.
//! The estimates stream: per-run payoffs are folded into running sums (and
//! sums of squared differences between cells, for paired standard errors),
//! in fixed chunks of runs merged in run order, so the result is identical
//! for any number of threads.

use rayon::prelude::*;

use crate::engine::Progress;
use crate::engine::seeding::run_rng;
use crate::engine::simulate::{Moves, play};
use crate::game::{Game, rational};
use crate::model::transition::uniform;
use crate::model::{IranAction, Params, Shocks, State, UsAction};
use crate::output::num;
use crate::policy::Players;
use rand::Rng;

/// Iran's actions (rows) and the US's (columns).
pub const ROWS: usize = IranAction::ALL.len();
/// See [`ROWS`].
pub const COLS: usize = UsAction::ALL.len();
const CELLS: usize = ROWS * COLS;

/// Forces one pair of actions in the first round played, then the policies.
struct FirstRound<'a> {
    players: &'a Players,
    round: u32,
    us: UsAction,
    iran: IranAction,
}

impl Moves for FirstRound<'_> {
    #[inline]
    fn choose(&self, p: &Params, s: &State, sh: &Shocks) -> (UsAction, IranAction) {
        if s.round == self.round {
            (self.us, self.iran)
        } else {
            self.players.choose(p, s, sh)
        }
    }
}

/// The state in which the stage game of round `round` (1-based) is played:
/// the scenario's initial state, θ drawn from `u_theta`, with `round − 1`
/// rounds counted as played (so `round − 1` fewer rounds remain).
pub fn start_state(p: &Params, round: u32, u_theta: f64) -> State {
    let mut s = State::initial(p, u_theta);
    s.round = round - 1;
    s
}

/// Both players' discounted payoffs in every cell of one run, row-major
/// (`cell = iran·COLS + us`).
fn one_run(p: &Params, players: &Players, seed: u64, round: u32, run: u64) -> [[f64; 2]; CELLS] {
    let mut out = [[0.0; 2]; CELLS];
    for (c, pay) in out.iter_mut().enumerate() {
        let mut rng = run_rng(seed, run);
        let s = start_state(p, round, uniform(rng.next_u32()));
        let moves = FirstRound {
            players,
            round: round - 1,
            us: UsAction::ALL[c % COLS],
            iran: IranAction::ALL[c / COLS],
        };
        let r = play(p, &players.iran, &mut rng, s, run, &moves, &mut ());
        *pay = [r.iran_payoff, r.us_payoff];
    }
    out
}

/// Running sums over runs: per player, per cell Σv and Σv², and per pair of
/// cells Σ(v₁ − v₂)² (for the standard error of a paired difference).
#[derive(Clone)]
struct Sums {
    n: u64,
    sum: [[f64; CELLS]; 2],
    sum_sq: [[f64; CELLS]; 2],
    diff_sq: [[[f64; CELLS]; CELLS]; 2],
}

impl Sums {
    fn new() -> Box<Sums> {
        Box::new(Sums {
            n: 0,
            sum: [[0.0; CELLS]; 2],
            sum_sq: [[0.0; CELLS]; 2],
            diff_sq: [[[0.0; CELLS]; CELLS]; 2],
        })
    }

    fn add(&mut self, v: &[[f64; 2]; CELLS]) {
        self.n += 1;
        let players = self
            .sum
            .iter_mut()
            .zip(&mut self.sum_sq)
            .zip(&mut self.diff_sq);
        for (pl, ((sum, sum_sq), diff_sq)) in players.enumerate() {
            for (a, va) in v.iter().enumerate() {
                let x = va[pl];
                sum[a] += x;
                sum_sq[a] += x * x;
                for (d, vb) in diff_sq[a].iter_mut().zip(v) {
                    let e = x - vb[pl];
                    *d += e * e;
                }
            }
        }
    }

    fn merge(&mut self, o: &Sums) {
        self.n += o.n;
        for pl in 0..2 {
            for a in 0..CELLS {
                self.sum[pl][a] += o.sum[pl][a];
                self.sum_sq[pl][a] += o.sum_sq[pl][a];
                for b in 0..CELLS {
                    self.diff_sq[pl][a][b] += o.diff_sq[pl][a][b];
                }
            }
        }
    }
}

/// Standard error of a mean from n, Σv and Σv².
fn std_error(n: u64, sum: f64, sum_sq: f64) -> f64 {
    if n < 2 {
        return f64::INFINITY;
    }
    let n = n as f64;
    let var = (sum_sq - sum * sum / n) / (n - 1.0);
    (var.max(0.0) / n).sqrt()
}

/// The estimated stage game.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGame {
    /// The round it is played in (1 = the initial state).
    pub round: u32,
    /// Runs per cell (K).
    pub runs: u64,
    /// The master seed.
    pub seed: u64,
    /// Mean discounted payoffs, `[player][iran][us]` (player 0 Iran, 1 US).
    pub mean: [[[f64; COLS]; ROWS]; 2],
    /// Their standard errors, same layout.
    pub se: [[[f64; COLS]; ROWS]; 2],
    /// Standard errors of paired differences between cells, by player:
    /// `diff_se[pl][a][b]` for cells `a`, `b` (row-major, `iran·COLS + us`).
    pub diff_se: Vec<[[f64; CELLS]; CELLS]>,
}

/// Chunk size: a function of the run count only (never of the thread
/// count), so the order in which floats are summed is fixed.
fn chunk(runs: u64) -> u64 {
    runs.div_ceil(256).max(32)
}

/// Estimates the stage game at round `round` from runs `0..runs` of `seed`.
pub fn estimate(
    p: &Params,
    players: &Players,
    seed: u64,
    runs: u64,
    round: u32,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> StageGame {
    let size = chunk(runs);
    let parts: Vec<Box<Sums>> = pool.install(|| {
        (0..runs.div_ceil(size))
            .into_par_iter()
            .map(|c| {
                let mut s = Sums::new();
                let (lo, hi) = (c * size, ((c + 1) * size).min(runs));
                for run in lo..hi {
                    s.add(&one_run(p, players, seed, round, run));
                }
                progress.advance(CELLS as u64 * (hi - lo));
                s
            })
            .collect()
    });
    let mut total = Sums::new();
    for part in &parts {
        total.merge(part);
    }
    let n = total.n.max(1) as f64;
    let mut mean = [[[0.0; COLS]; ROWS]; 2];
    let mut se = [[[0.0; COLS]; ROWS]; 2];
    let mut diff_se = vec![[[0.0; CELLS]; CELLS]; 2];
    for pl in 0..2 {
        for c in 0..CELLS {
            mean[pl][c / COLS][c % COLS] = total.sum[pl][c] / n;
            se[pl][c / COLS][c % COLS] = std_error(total.n, total.sum[pl][c], total.sum_sq[pl][c]);
            for (d, out) in diff_se[pl][c].iter_mut().enumerate() {
                let sum_d = total.sum[pl][c] - total.sum[pl][d];
                *out = std_error(total.n, sum_d, total.diff_sq[pl][c][d]);
            }
        }
    }
    StageGame {
        round,
        runs,
        seed,
        mean,
        se,
        diff_se,
    }
}

impl StageGame {
    /// A cell's payoff as printed and exported: the mean rounded to 6 decimals.
    pub fn shown(&self, player: usize, iran: usize, us: usize) -> String {
        num(self.mean[player][iran][us])
    }

    /// The game with exact payoffs: each mean rounded to 6 decimals (the
    /// numbers printed) and read as an exact decimal. Iran is player 1.
    pub fn game(&self, title: &str, comment: &str) -> Game {
        super::iran_us::game(title, comment, |i, j| {
            [0, 1].map(|pl| {
                rational::parse(&self.shown(pl, i, j)).expect("a formatted finite number parses")
            })
        })
    }

    /// The standard error of the paired difference between Iran's payoffs in
    /// rows `a` and `b` of column `j`, or the US's in columns `a`, `b` of row `i`.
    pub fn paired_se(&self, player: usize, fixed: usize, a: usize, b: usize) -> f64 {
        let cell = |own: usize| {
            if player == 0 {
                own * COLS + fixed
            } else {
                fixed * COLS + own
            }
        };
        self.diff_se[player][cell(a)][cell(b)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulate;
    use crate::scenario::baseline_point as point;

    /// The cell the policies would choose in round 1 is the policies' own
    /// run: forcing their moves changes nothing.
    #[test]
    fn the_policies_own_cell_is_the_plain_run() {
        let pt = point(&[]);
        let (p, players) = (&pt.params, &pt.players);
        for run in 0..50 {
            let plain = simulate(p, players, 9, run, &mut ());
            let mut rng = run_rng(9, run);
            let s = start_state(p, 1, uniform(rng.next_u32()));
            let (us, iran) = players.choose(p, &s, &Shocks::draw(&mut rng.clone()));
            let moves = FirstRound {
                players,
                round: 0,
                us,
                iran,
            };
            assert_eq!(
                play(p, &players.iran, &mut rng, s, run, &moves, &mut ()),
                plain
            );
        }
    }

    #[test]
    fn estimates_do_not_depend_on_threads_and_errors_are_paired() {
        let pt = point(&["scenario.rounds=12"]);
        let (p, players) = (&pt.params, &pt.players);
        let one = estimate(p, players, 3, 200, 1, &crate::engine::pool(1).unwrap(), &());
        let two = estimate(p, players, 3, 200, 1, &crate::engine::pool(2).unwrap(), &());
        assert_eq!(one, two);
        // A cell's difference with itself has no error; a standard error is
        // positive where the payoffs vary.
        assert_eq!(one.paired_se(0, 0, 1, 1), 0.0);
        assert!(one.se[0][0][0] > 0.0);
        // The mean equals the plain average of the runs, cell (hold, tighten).
        let mut total = 0.0;
        for run in 0..200 {
            total += one_run(p, players, 3, 1, run)[0][0];
        }
        assert!((one.mean[0][0][0] - total / 200.0).abs() < 1e-9);
    }

    #[test]
    fn later_rounds_have_a_shorter_horizon() {
        let pt = point(&[]);
        let (p, players) = (&pt.params, &pt.players);
        let mut rng = run_rng(1, 0);
        let s = start_state(p, 40, uniform(rng.next_u32()));
        let r = play(p, &players.iran, &mut rng, s, 0, players, &mut ());
        assert!(r.round <= p.rounds && r.round >= 40);
        assert!(r.iran_actions.iter().sum::<u32>() <= 9);
    }
}
