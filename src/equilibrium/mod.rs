//! A Markov-perfect equilibrium of the finite-horizon game, by backward
//! induction over a discretised state grid (`docs/MODEL.md`, §6).
//!
//! Each round is the sequential game of the behavioural policies: the US
//! moves first, Iran answers having seen the move. For each round
//! t = T, T−1, ..., 1 and each grid point s, and for Iran's action i and the
//! US's action j,
//!
//! ```text
//! Q_t(s, i, j) = E[ flow(s′) + terminal(s′)        if the round ends the run
//!                   flow(s′) + terminal_muddle(s′)  if t = T
//!                   flow(s′) + δ·V_{t+1}(s′)        otherwise ]
//! ```
//!
//! with s′ = transition(s, j, i, shocks): the expectation is exact over the
//! round's events and by Gauss–Legendre quadrature over its continuous draws
//! ([`branches`]), V_{t+1} is interpolated linearly on simplices of the grid
//! ([`grid`]). Backward induction within the round ([`stage`]) gives Iran's
//! reply to every US action, the US action, and V_t(s). The horizon is valued
//! like any other outcome: what follows the term ([`crate::model::payoff`]).
//!
//! The table is solved once per scenario point (or read from the disk
//! [`cache`]), before the runs when the engine prepares the point, and shared
//! by both sides' policies; the engine frees it once the point's runs are done.

pub mod branches;
pub mod cache;
pub mod grid;
pub mod stage;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use rayon::prelude::*;

use crate::engine::Progress;
use crate::model::action::{Enforcement, Outcome};
use crate::model::offer::offer;
use crate::model::payoff::{iran_flow, terminal, us_flow};
use crate::model::state::{concession_shock, crisis_hazard};
use crate::model::{
    Acceptance, Diplomacy, Draw, Draws, IranAction, Params, State, UsAction, transition_with,
};
use branches::Branches;
use grid::{AXES, Corners, Frame, Grid};
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

/// The subgame-perfect play and values at every grid point of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundTable {
    /// The US action per grid point (an index into `UsAction::ALL`).
    pub us: Vec<u8>,
    /// Iran's reply to each US action per grid point (indices into `IranAction::ALL`).
    pub iran: Vec<[u8; COLS]>,
    /// (Iran, US) value V_t per grid point.
    pub value: Vec<[f64; 2]>,
}

/// The equilibrium of one scenario point.
pub struct Solution {
    config: Config,
    grid: Grid,
    frame: Frame,
    rounds: u32,
    /// Rounds 1..=T (`tables[t − 1]` is round t), once solved.
    tables: RwLock<Option<Arc<Vec<RoundTable>>>>,
    /// Held while solving, so two callers never solve the same table twice.
    solving: Mutex<()>,
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
        a.config == b.config && a.frame == b.frame && a.rounds == b.rounds
    }
}

/// Reads the continuation values of a round's table.
#[derive(Clone, Copy)]
struct Continuation<'a> {
    table: Option<&'a RoundTable>,
    grid: &'a Grid,
    frame: &'a Frame,
    backlash_nodes: usize,
}

impl Continuation<'_> {
    /// V at state `s` (interpolated), or the value of the horizon when this
    /// is the last round.
    fn value(&self, p: &Params, s: &State) -> (f64, f64) {
        match self.table {
            Some(table) => {
                let c = self.grid.corners(&Grid::coordinates(s, self.frame));
                value_corners(table, self.grid, &c, s.lifeline, s.interim)
            }
            None => terminal(p, s, Outcome::MuddleThrough, None),
        }
    }

    /// The discounted continuation, as counted in a round's payoff.
    fn discounted(&self, p: &Params, s: &State) -> (f64, f64) {
        match self.table {
            Some(_) => {
                let (a, b) = self.value(p, s);
                (p.payoff.discount * a, p.payoff.discount * b)
            }
            None => self.value(p, s),
        }
    }
}

/// The equilibrium Iran accepts a completed deal when its expected payoff
/// this round — the flow and terminal value, integrated over the backlash —
/// is at least refusing's: this round's flow, the crisis hazard, and the
/// discounted value of going on with talks set back and the US belief
/// updated by the refusal.
impl Acceptance for Continuation<'_> {
    fn accepts(&self, p: &Params, s: &State, enforcement: Enforcement, x: f64) -> bool {
        let mut branches = Branches::new(1, self.backlash_nodes);
        let shock = concession_shock(p, s, x);
        let spread = p.deal.shock_spread;
        let mut deal = 0.0;
        loop {
            let u = branches.uniform(Draw::Backlash);
            let mut after = *s;
            after.resilience = (s.resilience - shock * (1.0 - spread + 2.0 * spread * u)).max(0.0);
            let outcome = if after.resilience < s.threshold {
                Outcome::RegimeCrisis
            } else {
                Outcome::Deal
            };
            deal +=
                branches.weight() * (iran_flow(&after) + terminal(p, &after, outcome, Some(x)).0);
            if !branches.advance() {
                break;
            }
        }
        let o = offer(p, s, enforcement);
        let mut after = *s;
        after.talks *= p.talks.setback;
        after.belief_low = o.updated_belief(s.belief_low, p.belief.support().1);
        after.round += 1;
        let h = crisis_hazard(p, after.resilience, after.threshold);
        let refuse = iran_flow(&after)
            + h * terminal(p, &after, Outcome::RegimeCrisis, None).0
            + (1.0 - h) * self.discounted(p, &after).0;
        deal >= refuse
    }
}

impl Equilibrium {
    /// An unsolved equilibrium for a scenario point of `rounds` rounds placed
    /// on the grid by `frame`.
    pub fn new(config: Config, frame: Frame, rounds: u32) -> Equilibrium {
        Equilibrium(Arc::new(Solution {
            grid: Grid::new(config.nodes),
            config,
            frame,
            rounds,
            tables: RwLock::new(None),
            solving: Mutex::new(()),
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

    /// The frame placing states on the grid.
    pub fn frame(&self) -> &Frame {
        &self.0.frame
    }

    /// The horizon T.
    pub fn rounds(&self) -> u32 {
        self.0.rounds
    }

    /// The tables, if solved.
    fn solved(&self) -> Option<Arc<Vec<RoundTable>>> {
        self.0
            .tables
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Solves the game for `p` unless solved, or reads it from the disk
    /// cache when a cache is set ([`cache::set_dir`]); reports the grid
    /// points of each round solved to `progress`. Returns whether it was
    /// read from the cache.
    ///
    /// The solve runs on a pool of its own, as large as the caller's pool,
    /// joined from a plain thread: a worker of the caller's pool waiting
    /// inside it could otherwise steal a simulation task that asks for this
    /// same solution and deadlock. The result does not depend on the number
    /// of threads.
    pub fn prepare(&self, p: &Params, progress: &dyn Progress) -> bool {
        if self.solved().is_some() {
            return false;
        }
        let _guard = self
            .0
            .solving
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.solved().is_some() {
            return false;
        }
        let key = cache::key(p, &self.0.config, self.0.rounds);
        let cached = cache::load(key, self.0.grid.len(), self.0.rounds);
        let from_cache = cached.is_some();
        let tables = match cached {
            Some(t) => t,
            None => {
                progress.plan(u64::from(self.0.rounds) * self.0.grid.len() as u64);
                let threads = rayon::current_num_threads();
                let tables = std::thread::scope(|scope| {
                    let worker = scope.spawn(|| {
                        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                            Ok(pool) => pool.install(|| self.solve(p, progress)),
                            Err(_) => self.solve(p, progress),
                        }
                    });
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                });
                cache::store(key, &tables);
                tables
            }
        };
        *self
            .0
            .tables
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(tables));
        from_cache
    }

    /// [`Equilibrium::prepare`] without progress reports.
    pub fn ensure(&self, p: &Params) {
        self.prepare(p, &());
    }

    /// Frees the tables (a later question solves again).
    pub fn release(&self) {
        *self
            .0
            .tables
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The solved tables, solving first if needed.
    pub fn tables(&self, p: &Params) -> Arc<Vec<RoundTable>> {
        loop {
            if let Some(t) = self.solved() {
                return t;
            }
            self.ensure(p);
        }
    }

    /// Runs `f` on round t's table (1-based), solving first if needed; None past the horizon.
    fn with_table<R>(&self, p: &Params, t: u32, f: impl FnOnce(&RoundTable) -> R) -> Option<R> {
        let i = usize::try_from(t).ok()?.checked_sub(1)?;
        if i >= self.0.rounds as usize {
            return None;
        }
        {
            let guard = self.0.tables.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(tables) = guard.as_ref() {
                return tables.get(i).map(f);
            }
        }
        self.tables(p).get(i).map(f)
    }

    fn solve(&self, p: &Params, progress: &dyn Progress) -> Vec<RoundTable> {
        let grid = &self.0.grid;
        let c = self.0.config;
        let mut tables: Vec<RoundTable> = Vec::with_capacity(self.0.rounds as usize);
        for t in (1..=self.0.rounds).rev() {
            let cont = Continuation {
                table: tables.last(),
                grid,
                frame: &self.0.frame,
                backlash_nodes: c.backlash_nodes,
            };
            let cells: Vec<(u8, [u8; COLS], [f64; 2])> = (0..grid.len())
                .into_par_iter()
                .map_init(
                    || Branches::new(c.noise_nodes, c.backlash_nodes),
                    |branches, index| {
                        let s = self.grid_state(index, t);
                        let prof = stage_game(p, &s, &cont, branches).solve();
                        (
                            prof.us as u8,
                            prof.iran.map(|i| i as u8),
                            [prof.value_iran, prof.value_us],
                        )
                    },
                )
                .collect();
            let mut table = RoundTable {
                us: Vec::with_capacity(cells.len()),
                iran: Vec::with_capacity(cells.len()),
                value: Vec::with_capacity(cells.len()),
            };
            for (u, i, v) in cells {
                table.us.push(u);
                table.iran.push(i);
                table.value.push(v);
            }
            tables.push(table);
            progress.advance(grid.len() as u64);
        }
        tables.reverse();
        tables
    }

    /// The state at grid point `index` at the start of round t, for the mean type.
    pub fn grid_state(&self, index: usize, t: u32) -> State {
        let (x, lifeline, interim) = self.0.grid.point(index);
        State {
            round: t - 1,
            threshold: self.0.frame.theta_mean,
            resilience: x[0],
            leverage: x[1],
            pressure: x[2],
            talks: x[3],
            hardliners: x[4],
            nuclear: x[5],
            belief_low: self.0.frame.belief_low_at(x[6]),
            lifeline,
            interim,
            first_channel: None,
            last_iran: IranAction::Hold,
            last_us: UsAction::Act(Enforcement::Hold, Diplomacy::None),
        }
    }

    /// The stage game at a state of round `s.round + 1`, with the continuation
    /// values of the solved table.
    pub fn stage_game(&self, p: &Params, s: &State) -> StageGame {
        let tables = self.tables(p);
        let c = self.0.config;
        let cont = Continuation {
            table: tables.get(s.round as usize + 1),
            grid: &self.0.grid,
            frame: &self.0.frame,
            backlash_nodes: c.backlash_nodes,
        };
        let mut branches = Branches::new(c.noise_nodes, c.backlash_nodes);
        stage_game(p, s, &cont, &mut branches)
    }

    /// (Iran, US) value V_t at `s` (interpolated): the expected discounted
    /// payoff from round t on, in round-t units; past the horizon, the value
    /// of what follows the term.
    pub fn value(&self, p: &Params, t: u32, s: &State) -> (f64, f64) {
        let tables = self.tables(p);
        let cont = Continuation {
            table: usize::try_from(t)
                .ok()
                .and_then(|t| t.checked_sub(1))
                .and_then(|i| tables.get(i)),
            grid: &self.0.grid,
            frame: &self.0.frame,
            backlash_nodes: self.0.config.backlash_nodes,
        };
        cont.value(p, s)
    }

    /// The US strategy at `s`, in `UsAction::ALL` order: the pure actions of
    /// the grid corners around the public state, weighted by interpolation.
    /// The US does not know Iran's threshold: it reads the table as if Iran
    /// were of the mean type.
    pub fn us_strategy(&self, p: &Params, s: &State) -> [f64; COLS] {
        let mut public = *s;
        public.threshold = self.0.frame.theta_mean;
        self.with_table(p, s.round + 1, |t| {
            self.mix(&public, |k| usize::from(t.us[k]))
        })
        .unwrap_or_else(|| {
            let mut hold = [0.0; COLS];
            hold[UsAction::Act(Enforcement::Hold, Diplomacy::None).index()] = 1.0;
            hold
        })
    }

    /// Iran's strategy at `s` after the US plays `us`, in `IranAction::ALL`
    /// order. Iran knows its threshold: it reads the table at its own margin.
    pub fn iran_strategy(&self, p: &Params, s: &State, us: UsAction) -> [f64; ROWS] {
        let j = us.index();
        self.with_table(p, s.round + 1, |t| {
            self.mix(s, |k| usize::from(t.iran[k][j]))
        })
        .unwrap_or([1.0, 0.0, 0.0, 0.0, 0.0])
    }

    /// The corners' pure actions (`action(grid index)`) weighted by their
    /// interpolation weights at `s`.
    fn mix<const K: usize>(&self, s: &State, action: impl Fn(usize) -> usize) -> [f64; K] {
        let g = &self.0.grid;
        let c = g.corners(&Grid::coordinates(s, &self.0.frame));
        let off = g.switch_offset(s.lifeline, s.interim);
        let mut out = [0.0; K];
        for k in 0..c.len {
            out[action(off + c.index[k] as usize)] += c.weight[k];
        }
        out
    }

    /// Whether the equilibrium Iran accepts concessions `x` mid-round at `s`
    /// (see the [`Acceptance`] rule of the solver: the same rule runs in
    /// the solve and in simulation).
    pub fn accepts(&self, p: &Params, s: &State, enforcement: Enforcement, x: f64) -> bool {
        let tables = self.tables(p);
        let cont = Continuation {
            table: tables.get(s.round as usize + 1),
            grid: &self.0.grid,
            frame: &self.0.frame,
            backlash_nodes: self.0.config.backlash_nodes,
        };
        cont.accepts(p, s, enforcement, x)
    }
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
fn stage_game(p: &Params, s: &State, cont: &Continuation, branches: &mut Branches) -> StageGame {
    let mut game = StageGame {
        iran: [[0.0; COLS]; ROWS],
        us: [[0.0; COLS]; ROWS],
    };
    for (i, &iran) in IranAction::ALL.iter().enumerate() {
        for (j, &us) in UsAction::ALL.iter().enumerate() {
            let (mut a, mut b) = (0.0, 0.0);
            branches.reset();
            loop {
                let mut s2 = *s;
                let step = transition_with(p, &mut s2, us, iran, branches, cont);
                let w = branches.weight();
                let (ci, cu) = match step.terminal {
                    Some(t) => terminal(p, &s2, t.outcome, t.terms),
                    None => cont.discounted(p, &s2),
                };
                a += w * (iran_flow(&s2) + ci);
                b += w * (us_flow(p, &s2, us) + cu);
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
            "equilibrium.grid.belief=2",
            "equilibrium.noise_nodes=3",
            "equilibrium.backlash_nodes=3",
        ] {
            s.set(set).unwrap();
        }
        let pt = s.point(0).unwrap();
        let e = pt.players.equilibrium().expect("equilibrium").clone();
        e.ensure(&pt.params);
        (pt.params, e)
    }

    #[test]
    fn every_grid_point_plays_the_subgame_perfect_reply() {
        let (p, e) = small();
        let tables = e.tables(&p);
        for t in 1..=p.rounds {
            let table = &tables[t as usize - 1];
            for index in 0..e.grid().len() {
                let s = e.grid_state(index, t);
                let g = e.stage_game(&p, &s);
                let prof = g.solve();
                assert_eq!(usize::from(table.us[index]), prof.us, "t={t} point {index}");
                for j in 0..COLS {
                    assert_eq!(usize::from(table.iran[index][j]), prof.iran[j]);
                }
                assert_eq!(table.value[index], [prof.value_iran, prof.value_us]);
                // The strategies read at a node are the node's pure actions.
                let us = e.us_strategy(&p, &s);
                assert!((us.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                assert!((us[prof.us] - 1.0).abs() < 1e-9, "t={t} point {index}");
                for &a in &UsAction::ALL {
                    let iran = e.iran_strategy(&p, &s, a);
                    assert!((iran.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                    assert!((iran[prof.iran[a.index()]] - 1.0).abs() < 1e-9);
                }
            }
        }
    }

    /// The one-shot deviation test against the Monte Carlo engine's own
    /// transition: at every grid point and round, play K sampled rounds
    /// (the same draws for every action pair) continued with the solved
    /// values; Iran's reply to each US action may not be beaten by another
    /// action, nor the US action by another given Iran's replies, by more
    /// than five standard errors of the paired difference, plus the bias of
    /// the solver's discretisation (Gauss-Legendre nodes against continuous
    /// draws, linear interpolation of the values: at most a hundredth of a
    /// round's flow here, against payoffs in the tens).
    /// One sample's payoffs, [player][Iran's action][the US's action].
    type Sample = [[[f64; COLS]; ROWS]; 2];

    #[test]
    fn no_player_gains_by_a_one_shot_deviation() {
        const K: usize = 600;
        const BIAS: f64 = 0.01;
        let (p, e) = small();
        let tables = e.tables(&p);
        let delta = p.payoff.discount;
        let mut checked = 0;
        for t in 1..=p.rounds {
            let table = &tables[t as usize - 1];
            let next = tables.get(t as usize);
            let cont = Continuation {
                table: next,
                grid: e.grid(),
                frame: e.frame(),
                backlash_nodes: e.config().backlash_nodes,
            };
            for index in (0..e.grid().len()).step_by(3) {
                let s0 = e.grid_state(index, t);
                let mut rng = run_rng(7, index as u64 + 1000 * u64::from(t));
                // Per-sample payoffs [player][iran][us].
                let mut pay: Vec<Sample> = vec![[[[0.0; COLS]; ROWS]; 2]; K];
                for sample in pay.iter_mut() {
                    let sh = Shocks::draw(&mut rng);
                    for (i, &ia) in IranAction::ALL.iter().enumerate() {
                        for (j, &ua) in UsAction::ALL.iter().enumerate() {
                            let mut s = s0;
                            let step = transition(&p, &mut s, ua, ia, &sh, &cont);
                            let (ci, cu) = match step.terminal {
                                Some(term) => terminal(&p, &s, term.outcome, term.terms),
                                None if next.is_none() => {
                                    terminal(&p, &s, Outcome::MuddleThrough, None)
                                }
                                None => {
                                    let (vi, vu) = cont.value(&p, &s);
                                    (delta * vi, delta * vu)
                                }
                            };
                            sample[0][i][j] = iran_flow(&s) + ci;
                            sample[1][i][j] = us_flow(&p, &s, ua) + cu;
                        }
                    }
                }
                let gain = |f: &dyn Fn(&Sample) -> f64| {
                    let d: Vec<f64> = pay.iter().map(f).collect();
                    let m = d.iter().sum::<f64>() / K as f64;
                    let var = d.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (K - 1) as f64;
                    (m, (var / K as f64).sqrt())
                };
                let reply = table.iran[index].map(usize::from);
                for j in 0..COLS {
                    for dev in 0..ROWS {
                        let (m, se) = gain(&|x| x[0][dev][j] - x[0][reply[j]][j]);
                        assert!(
                            m <= 5.0 * se + BIAS,
                            "t={t} point {index}: Iran gains {m} (se {se}) by {dev} after {j}"
                        );
                        checked += 1;
                    }
                }
                let us = usize::from(table.us[index]);
                for dev in 0..COLS {
                    let (m, se) = gain(&|x| x[1][reply[dev]][dev] - x[1][reply[us]][us]);
                    assert!(
                        m <= 5.0 * se + BIAS,
                        "t={t} point {index}: the US gains {m} (se {se}) by {dev}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn branch_integration_matches_sampling() {
        // The exact expectation of a cell against a plain Monte Carlo mean.
        let (p, e) = small();
        let t = 2;
        let s0 = e.grid_state(e.grid().len() / 2 + 7, t);
        let g = e.stage_game(&p, &s0);
        let tables = e.tables(&p);
        let cont = Continuation {
            table: tables.get(t as usize),
            grid: e.grid(),
            frame: e.frame(),
            backlash_nodes: e.config().backlash_nodes,
        };
        let mut rng = run_rng(11, 0);
        const K: usize = 20_000;
        for (i, &ia) in IranAction::ALL.iter().enumerate() {
            for (j, &ua) in UsAction::ALL.iter().enumerate().step_by(2) {
                let mut sum = 0.0;
                let mut sq = 0.0;
                for _ in 0..K {
                    let sh = Shocks::draw(&mut rng);
                    let mut s = s0;
                    let step = transition(&p, &mut s, ua, ia, &sh, &cont);
                    let c = match step.terminal {
                        Some(term) => terminal(&p, &s, term.outcome, term.terms).0,
                        None => p.payoff.discount * cont.value(&p, &s).0,
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
                    (g.iran[i][j] - m).abs() <= 5.0 * se + 0.05,
                    "{ia:?} {ua:?}: {} vs {m} ± {se}",
                    g.iran[i][j]
                );
            }
        }
    }

    #[test]
    fn the_table_does_not_depend_on_the_thread_count() {
        let (p, e) = small();
        let fresh = Equilibrium::new(e.config(), *e.frame(), e.rounds());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        pool.install(|| fresh.ensure(&p));
        assert_eq!(*fresh.tables(&p), *e.tables(&p));
        // Released tables are solved again, to the same result.
        fresh.release();
        assert_eq!(*fresh.tables(&p), *e.tables(&p));
    }

    #[test]
    fn the_cache_round_trips_and_refuses_what_is_not_whole() {
        let (p, e) = small();
        let dir = std::env::temp_dir().join(format!("catch22-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        cache::set_dir(Some(dir.clone()));
        let key = cache::key(&p, &e.config(), e.rounds());
        let tables = e.tables(&p);
        cache::store(key, &tables);
        let back = cache::load(key, e.grid().len(), e.rounds()).expect("read back");
        assert_eq!(back, *tables);
        // A different problem has a different key; a truncated file is ignored.
        let mut q = p.clone();
        q.payoff.war_cost_us += 1.0;
        assert_ne!(cache::key(&q, &e.config(), e.rounds()), key);
        let file = dir.join(format!("equilibrium-{key:016x}.bin"));
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 1]).unwrap();
        assert!(cache::load(key, e.grid().len(), e.rounds()).is_none());
        cache::set_dir(None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
