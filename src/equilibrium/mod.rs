//! A Markov-perfect equilibrium of the finite-horizon game, by backward
//! induction over a discretised state grid (`docs/MODEL.md`, §6).
//!
//! For each round t = T, T−1, ..., 1 and each grid point s, the stage game
//! has, for Iran's action i and the US's action j, the payoffs
//!
//! ```text
//! Q_t(s, i, j) = E[ flow(s′) + terminal(s′)        if the round ends the run
//!                   flow(s′) + δ·V_{t+1}(s′)        otherwise ]
//! ```
//!
//! with s′ = transition(s, j, i, shocks): the expectation is exact over the
//! round's events and by Gauss–Legendre quadrature over its continuous draws
//! ([`branches`]), V_{t+1} is interpolated linearly on simplices of the grid
//! ([`grid`]) and V_{T+1} = 0. The selected stage equilibrium ([`stage`])
//! gives both players' mixed strategies at (t, s) and V_t(s).
//!
//! The table is solved once per scenario point, when a policy first asks for
//! it, and shared by both sides' policies.

pub mod branches;
pub mod grid;
pub mod stage;

use std::fmt;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::model::action::Outcome;
use crate::model::payoff::{iran_flow, terminal, us_flow};
use crate::model::state::{crisis_hazard, expected_concession_shock};
use crate::model::{IranAction, Params, State, UsAction, transition_with};
use crate::policy::{IranPolicy, UsPolicy};
use branches::Branches;
use grid::{AXES, Corners, Grid};
use stage::{COLS, ROWS, StageGame};

/// The solver's settings (`equilibrium.*` in the scenario).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Nodes per axis, in [`grid::AXIS_NAMES`] order.
    pub nodes: [usize; AXES],
    /// Gauss–Legendre nodes for the resilience noise.
    pub noise_nodes: usize,
    /// Gauss–Legendre nodes for a deal's backlash.
    pub backlash_nodes: usize,
}

/// Both players' strategies and values at every grid point of one round.
#[derive(Debug, Clone)]
pub struct RoundTable {
    /// Iran's mixed strategy per grid point.
    pub iran: Vec<[f32; ROWS]>,
    /// The US mixed strategy per grid point.
    pub us: Vec<[f32; COLS]>,
    /// (Iran, US) value V_t per grid point.
    pub value: Vec<[f64; 2]>,
}

/// The equilibrium of one scenario point: rounds 1..=T, solved on demand.
pub struct Solution {
    config: Config,
    grid: Grid,
    theta_mean: f64,
    rounds: u32,
    /// `tables[t − 1]` is round t.
    tables: Vec<OnceLock<RoundTable>>,
    solved: OnceLock<()>,
}

/// A shared handle on a [`Solution`], held by the `equilibrium` policies.
#[derive(Clone)]
pub struct Equilibrium(Arc<Solution>);

impl fmt::Debug for Equilibrium {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Equilibrium({:?})", self.0.config)
    }
}

/// Two handles are equal when they describe the same problem.
impl PartialEq for Equilibrium {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        a.config == b.config && a.theta_mean == b.theta_mean && a.rounds == b.rounds
    }
}

impl Equilibrium {
    /// An unsolved equilibrium for a scenario with threshold mean
    /// `theta_mean` and `rounds` rounds.
    pub fn new(config: Config, theta_mean: f64, rounds: u32) -> Equilibrium {
        Equilibrium(Arc::new(Solution {
            grid: Grid::new(config.nodes),
            config,
            theta_mean,
            rounds,
            tables: (0..rounds).map(|_| OnceLock::new()).collect(),
            solved: OnceLock::new(),
        }))
    }

    /// The settings.
    pub fn config(&self) -> Config {
        self.0.config
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.0.grid
    }

    /// The horizon T.
    pub fn rounds(&self) -> u32 {
        self.0.rounds
    }

    /// Solves the game for `p` unless already solved: in parallel over grid
    /// points, on as many threads as the caller's rayon pool has (the result
    /// does not depend on the number).
    ///
    /// The solve runs on a pool of its own, joined from a plain thread: a
    /// worker of the caller's pool waiting inside it could otherwise steal a
    /// simulation task that asks for this same solution and deadlock.
    pub fn ensure(&self, p: &Params) {
        self.0.solved.get_or_init(|| {
            let threads = rayon::current_num_threads();
            std::thread::scope(|scope| {
                let worker = scope.spawn(|| {
                    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                        Ok(pool) => pool.install(|| self.solve(p)),
                        Err(_) => self.solve(p),
                    }
                });
                if let Err(panic) = worker.join() {
                    std::panic::resume_unwind(panic);
                }
            });
        });
    }

    /// Round t's table (1-based), solving first if needed.
    pub fn table(&self, p: &Params, t: u32) -> Option<&RoundTable> {
        self.ensure(p);
        self.solved_table(t)
    }

    fn solved_table(&self, t: u32) -> Option<&RoundTable> {
        let i = usize::try_from(t).ok()?.checked_sub(1)?;
        self.0.tables.get(i)?.get()
    }

    /// The parameters the solver plays with: `p` with both sides on this
    /// equilibrium (so a completed deal is judged by its acceptance rule).
    fn solver_params(&self, p: &Params) -> Params {
        let mut q = p.clone();
        q.iran_policy = IranPolicy::Equilibrium(self.clone());
        q.us_policy = UsPolicy::Equilibrium(self.clone());
        q
    }

    fn solve(&self, p: &Params) {
        let q = self.solver_params(p);
        let grid = &self.0.grid;
        for t in (1..=self.0.rounds).rev() {
            let next = self.solved_table(t + 1);
            let cells: Vec<([f32; ROWS], [f32; COLS], [f64; 2])> = (0..grid.len())
                .into_par_iter()
                .map_init(
                    || Branches::new(self.0.config.noise_nodes, self.0.config.backlash_nodes),
                    |branches, index| {
                        let s = self.grid_state(index, t);
                        let game = stage_game(&q, &s, next, grid, self.0.theta_mean, branches);
                        let prof = game.solve();
                        (
                            prof.iran.map(|v| v as f32),
                            prof.us.map(|v| v as f32),
                            [prof.value_iran, prof.value_us],
                        )
                    },
                )
                .collect();
            let mut table = RoundTable {
                iran: Vec::with_capacity(cells.len()),
                us: Vec::with_capacity(cells.len()),
                value: Vec::with_capacity(cells.len()),
            };
            for (a, b, v) in cells {
                table.iran.push(a);
                table.us.push(b);
                table.value.push(v);
            }
            // Each round is set once, here, in order T..1.
            let _ = self.0.tables[t as usize - 1].set(table);
        }
    }

    /// The state at grid point `index` at the start of round t, for the mean type.
    pub fn grid_state(&self, index: usize, t: u32) -> State {
        let (x, lifeline, interim) = self.0.grid.point(index);
        State {
            round: t - 1,
            threshold: self.0.theta_mean,
            resilience: x[0],
            leverage: x[1],
            pressure: x[2],
            talks: x[3],
            hardliners: x[4],
            nuclear: x[5],
            lifeline,
            interim,
            first_channel: None,
            last_iran: IranAction::Hold,
            last_us: UsAction::Sustain,
        }
    }

    /// The stage game at a state of round `s.round + 1`, with the continuation
    /// values of the solved table (`p`'s policies must be this equilibrium's).
    pub fn stage_game(&self, p: &Params, s: &State) -> StageGame {
        self.ensure(p);
        let q = self.solver_params(p);
        let c = self.0.config;
        let next = self.solved_table(s.round + 2);
        let mut branches = Branches::new(c.noise_nodes, c.backlash_nodes);
        stage_game(&q, s, next, &self.0.grid, self.0.theta_mean, &mut branches)
    }

    /// (Iran, US) value V_t at `s` (interpolated): the expected discounted
    /// payoff from round t on, in round-t units; 0 past the horizon.
    pub fn value(&self, p: &Params, t: u32, s: &State) -> (f64, f64) {
        match self.table(p, t) {
            Some(table) => value_at(
                table,
                &self.0.grid,
                &Grid::coordinates(s, self.0.theta_mean),
                s,
            ),
            None => (0.0, 0.0),
        }
    }

    /// Iran's mixed strategy at `s` (interpolated), in `IranAction::ALL`
    /// order. Iran knows its threshold: it reads the table at its own margin.
    pub fn iran_strategy(&self, p: &Params, s: &State) -> [f64; ROWS] {
        match self.table(p, s.round + 1) {
            Some(t) => self.interpolate(&t.iran, s, Grid::coordinates(s, self.0.theta_mean)),
            None => [1.0, 0.0, 0.0, 0.0, 0.0],
        }
    }

    /// The US mixed strategy at `s` (interpolated), in `UsAction::ALL`
    /// order. The US does not know Iran's threshold: it reads the table at
    /// the public state, as if Iran were of the mean type.
    pub fn us_strategy(&self, p: &Params, s: &State) -> [f64; COLS] {
        match self.table(p, s.round + 1) {
            Some(t) => self.interpolate(&t.us, s, Grid::coordinates(s, s.threshold)),
            None => [0.0, 1.0, 0.0, 0.0],
        }
    }

    fn interpolate<const K: usize>(
        &self,
        table: &[[f32; K]],
        s: &State,
        x: [f64; AXES],
    ) -> [f64; K] {
        let g = &self.0.grid;
        let c = g.corners(&x);
        let off = g.switch_offset(s.lifeline, s.interim);
        let mut out = [0.0; K];
        for k in 0..c.len {
            let row = &table[off + c.index[k] as usize];
            for (o, v) in out.iter_mut().zip(row) {
                *o += c.weight[k] * f64::from(*v);
            }
        }
        let total: f64 = out.iter().sum();
        out.map(|v| v / total)
    }

    /// Whether Iran accepts a completed deal at concessions `x` in state `s`
    /// (mid-round, after the updates): when the deal's expected payoff this
    /// round — its flow and terminal payoff, integrated over the backlash —
    /// is at least refusing's — this round's flow, the crisis hazard, and the
    /// discounted value of the next round with talks set back.
    pub fn accepts(&self, p: &Params, s: &State, x: f64) -> bool {
        let next = self.solved_table(s.round + 2);
        let c = self.0.config;
        let mut branches = Branches::new(1, c.backlash_nodes);
        let mut deal = 0.0;
        let shock = expected_concession_shock(p, x, s.hardliners);
        let spread = p.deal.shock_spread;
        loop {
            let u = crate::model::Draws::uniform(&mut branches, crate::model::Draw::Backlash);
            let r = (s.resilience - shock * (1.0 - spread + 2.0 * spread * u)).max(0.0);
            let outcome = if r < s.threshold {
                Outcome::RegimeCrisis
            } else {
                Outcome::Deal
            };
            deal += branches.weight() * (r + terminal(p, outcome, Some(x)).0);
            if !branches.advance() {
                break;
            }
        }
        let h = crisis_hazard(p, s.resilience, s.threshold);
        let mut after = *s;
        after.talks *= p.talks.setback;
        let cont = next.map_or(0.0, |n| {
            value_at(
                n,
                &self.0.grid,
                &Grid::coordinates(&after, self.0.theta_mean),
                &after,
            )
            .0
        });
        let refuse = s.resilience
            + h * terminal(p, Outcome::RegimeCrisis, None).0
            + (1.0 - h) * p.payoff.discount * cont;
        deal >= refuse
    }
}

/// V_{t+1} at a state (its switches select the copy of the grid).
fn value_at(table: &RoundTable, grid: &Grid, x: &[f64; AXES], s: &State) -> (f64, f64) {
    let c = grid.corners(x);
    value_corners(table, grid, &c, s.lifeline, s.interim)
}

fn value_corners(
    table: &RoundTable,
    grid: &Grid,
    c: &Corners,
    lifeline: bool,
    interim: bool,
) -> (f64, f64) {
    let off = grid.switch_offset(lifeline, interim);
    let (mut a, mut b) = (0.0, 0.0);
    for k in 0..c.len {
        let v = table.value[off + c.index[k] as usize];
        a += c.weight[k] * v[0];
        b += c.weight[k] * v[1];
    }
    (a, b)
}

/// The stage game at `s`: every cell integrated over the round's branches.
fn stage_game(
    p: &Params,
    s: &State,
    next: Option<&RoundTable>,
    grid: &Grid,
    theta_mean: f64,
    branches: &mut Branches,
) -> StageGame {
    let mut game = StageGame {
        iran: [[0.0; COLS]; ROWS],
        us: [[0.0; COLS]; ROWS],
    };
    let delta = p.payoff.discount;
    // Branches that differ only in the lifeline switch share their corners.
    let mut cached: Option<([f64; AXES], Corners)> = None;
    for (i, &iran) in IranAction::ALL.iter().enumerate() {
        for (j, &us) in UsAction::ALL.iter().enumerate() {
            let (mut a, mut b) = (0.0, 0.0);
            branches.reset();
            loop {
                let mut s2 = *s;
                let step = transition_with(p, &mut s2, us, iran, branches);
                let w = branches.weight();
                let (fi, fu) = (iran_flow(&s2), us_flow(p, &s2, us));
                let (ci, cu) = match (step.terminal, next) {
                    (Some(t), _) => terminal(p, t.outcome, t.terms),
                    (None, None) => (0.0, 0.0),
                    (None, Some(table)) => {
                        let x = Grid::coordinates(&s2, theta_mean);
                        let corners = match &cached {
                            Some((y, c)) if *y == x => *c,
                            _ => {
                                let c = grid.corners(&x);
                                cached = Some((x, c));
                                c
                            }
                        };
                        let (vi, vu) =
                            value_corners(table, grid, &corners, s2.lifeline, s2.interim);
                        (delta * vi, delta * vu)
                    }
                };
                a += w * (fi + ci);
                b += w * (fu + cu);
                if !branches.advance() {
                    break;
                }
            }
            game.iran[i][j] = a;
            game.us[i][j] = b;
        }
    }
    game
}

/// Samples an action from a mixed strategy with the uniform `u`.
pub fn sample<const K: usize, A: Copy>(probs: &[f64; K], actions: &[A; K], u: f64) -> A {
    let mut acc = 0.0;
    for k in 0..K {
        acc += probs[k];
        if u < acc {
            return actions[k];
        }
    }
    // Rounding left the sum a hair below 1: the last action with any weight.
    let last = (0..K).rev().find(|&k| probs[k] > 0.0).unwrap_or(K - 1);
    actions[last]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::seeding::run_rng;
    use crate::model::{Shocks, transition};
    use crate::scenario::Scenario;

    /// The baseline on a small grid and a short horizon, both sides in equilibrium.
    fn small() -> (Params, Equilibrium) {
        let mut s = Scenario::load("baseline-2025").unwrap();
        for set in [
            "iran.policy=equilibrium",
            "us.policy=equilibrium",
            "scenario.rounds=3",
            "equilibrium.grid.resilience=3",
            "equilibrium.grid.leverage=2",
            "equilibrium.grid.pressure=2",
            "equilibrium.grid.talks=3",
            "equilibrium.grid.hardliners=2",
            "equilibrium.grid.nuclear=2",
            "equilibrium.noise_nodes=5",
            "equilibrium.backlash_nodes=5",
        ] {
            s.set(set).unwrap();
        }
        let p = s.point(0).unwrap().params;
        let IranPolicy::Equilibrium(e) = &p.iran_policy else {
            panic!("equilibrium policy");
        };
        let e = e.clone();
        e.ensure(&p);
        (p, e)
    }

    #[test]
    fn every_grid_point_plays_a_stage_equilibrium_with_valid_strategies() {
        let (p, e) = small();
        for t in 1..=p.rounds {
            let table = e.table(&p, t).unwrap();
            for index in 0..e.grid().len() {
                let s = e.grid_state(index, t);
                let g = e.stage_game(&p, &s);
                let x = table.iran[index].map(f64::from);
                let y = table.us[index].map(f64::from);
                assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-6);
                assert!((y.iter().sum::<f64>() - 1.0).abs() < 1e-6);
                assert!(x.iter().chain(&y).all(|&v| (0.0..=1.0).contains(&v)));
                // f32 storage: allow its rounding, relative to the payoffs' size.
                assert!(g.deviation_gain(&x, &y) < 1e-4, "t={t} point {index}");
                let (vi, vu) = g.values(&x, &y);
                assert!((vi - table.value[index][0]).abs() < 1e-4);
                assert!((vu - table.value[index][1]).abs() < 1e-4);
            }
        }
    }

    /// The one-shot deviation test, against the Monte Carlo engine's own
    /// transition: at every grid point and round, play K sampled rounds (the
    /// same draws for every action pair), continue with the solved values,
    /// and check that no pure action beats the equilibrium mix by more than
    /// five standard errors of the paired difference.
    #[test]
    fn no_player_gains_by_a_one_shot_deviation() {
        const K: u64 = 1500;
        let (p, e) = small();
        let delta = p.payoff.discount;
        let mut checked = 0;
        for t in 1..=p.rounds {
            let table = e.table(&p, t).unwrap();
            for index in 0..e.grid().len() {
                let s0 = e.grid_state(index, t);
                let x = table.iran[index].map(f64::from);
                let y = table.us[index].map(f64::from);
                let mut rng = run_rng(7, index as u64 + 1000 * u64::from(t));
                // Per-sample payoffs of every cell.
                let mut a = vec![[[0.0; COLS]; ROWS]; K as usize];
                let mut b = vec![[[0.0; COLS]; ROWS]; K as usize];
                for k in 0..K as usize {
                    let sh = Shocks::draw(&mut rng);
                    for (i, &ia) in IranAction::ALL.iter().enumerate() {
                        for (j, &ua) in UsAction::ALL.iter().enumerate() {
                            let mut s = s0;
                            let step = transition(&p, &mut s, ua, ia, &sh);
                            let (ci, cu) = match step.terminal {
                                Some(term) => terminal(&p, term.outcome, term.terms),
                                None => {
                                    let (vi, vu) = e.value(&p, t + 1, &s);
                                    (delta * vi, delta * vu)
                                }
                            };
                            a[k][i][j] = iran_flow(&s) + ci;
                            b[k][i][j] = us_flow(&p, &s, ua) + cu;
                        }
                    }
                }
                let gain = |dev: &dyn Fn(usize) -> f64| {
                    let d: Vec<f64> = (0..K as usize).map(dev).collect();
                    let m = d.iter().sum::<f64>() / K as f64;
                    let var = d.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (K - 1) as f64;
                    (m, (var / K as f64).sqrt())
                };
                for dev in 0..ROWS {
                    let (m, se) = gain(&|k| {
                        let g = StageGame {
                            iran: a[k],
                            us: b[k],
                        };
                        let mut pure = [0.0; ROWS];
                        pure[dev] = 1.0;
                        g.values(&pure, &y).0 - g.values(&x, &y).0
                    });
                    assert!(
                        m <= 5.0 * se + 1e-4,
                        "t={t} point {index}: Iran gains {m} (se {se}) by {dev}"
                    );
                    checked += 1;
                }
                for dev in 0..COLS {
                    let (m, se) = gain(&|k| {
                        let g = StageGame {
                            iran: a[k],
                            us: b[k],
                        };
                        let mut pure = [0.0; COLS];
                        pure[dev] = 1.0;
                        g.values(&x, &pure).1 - g.values(&x, &y).1
                    });
                    assert!(
                        m <= 5.0 * se + 1e-4,
                        "t={t} point {index}: US gains {m} (se {se}) by {dev}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 3 * e.grid().len() * (ROWS + COLS));
    }

    #[test]
    fn branch_integration_matches_sampling() {
        // The exact expectation of a cell against a plain Monte Carlo mean.
        let (p, e) = small();
        let t = 2;
        let s0 = e.grid_state(e.grid().len() / 2 + 7, t);
        let g = e.stage_game(&p, &s0);
        let mut rng = run_rng(11, 0);
        const K: usize = 40_000;
        for (i, &ia) in IranAction::ALL.iter().enumerate() {
            for (j, &ua) in UsAction::ALL.iter().enumerate() {
                let mut sum = 0.0;
                let mut sq = 0.0;
                for _ in 0..K {
                    let sh = Shocks::draw(&mut rng);
                    let mut s = s0;
                    let step = transition(&p, &mut s, ua, ia, &sh);
                    let c = match step.terminal {
                        Some(term) => terminal(&p, term.outcome, term.terms).0,
                        None => p.payoff.discount * e.value(&p, t + 1, &s).0,
                    };
                    let v = iran_flow(&s) + c;
                    sum += v;
                    sq += v * v;
                }
                let m = sum / K as f64;
                let se = ((sq / K as f64 - m * m) / K as f64).sqrt();
                // Quadrature of the noise is exact only for the polynomial
                // part; allow 5 standard errors plus a small bias.
                assert!(
                    (g.iran[i][j] - m).abs() <= 5.0 * se + 0.02,
                    "{ia:?} {ua:?}: {} vs {m} ± {se}",
                    g.iran[i][j]
                );
            }
        }
    }
}
