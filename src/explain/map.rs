//! The Catch-22 map: over a grid of initial resilience × leverage (every
//! other parameter as in the scenario), where each of Iran's two branches is
//! survivable.
//!
//! - The deal branch, in closed form: a deal at the terms Iran would get
//!   now, x = terms(P₀, L), is survivable when R − κ·x·(1 + η·H₀) ≥ θ̄ — the
//!   expected concession shock against the mean threshold θ̄, no margin.
//! - The refusal branch, by simulation: Iran holds every round against the
//!   scenario's US policy; it survives when the run reaches the horizon (no
//!   regime crisis and no war before it). The branch counts as survivable
//!   when that happens in at least half the runs.
//!
//! Every cell uses runs `0..K` of the same seed (common random numbers), so
//! neighbouring cells differ by their state, not their luck. Cells are
//! simulated in parallel, each counting its own runs in integers: the map is
//! identical for any number of threads.

use rayon::prelude::*;

use crate::engine::Progress;
use crate::engine::seeding::run_rng;
use crate::engine::simulate::{Moves, play};
use crate::model::state::{expected_concession_shock, terms};
use crate::model::transition::uniform;
use crate::model::{IranAction, Outcome, Params, Shocks, State, UsAction};
use crate::stats::{Z95, wilson};
use rand::Rng;

/// Refusing: Iran holds every round; the US follows its policy.
struct Refuse;

impl Moves for Refuse {
    #[inline]
    fn choose(&self, p: &Params, s: &State, sh: &Shocks) -> (UsAction, IranAction) {
        (p.us_policy.choose(p, s, sh.us), IranAction::Hold)
    }
}

/// Where a cell lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// A deal is survivable and so is refusing: Iran can choose.
    Both,
    /// Only a deal is survivable.
    DealOnly,
    /// Only refusing is survivable.
    RefuseOnly,
    /// Neither is: the Catch-22.
    Trap,
}

impl Region {
    /// All regions, in legend order.
    pub const ALL: [Region; 4] = [
        Region::Both,
        Region::DealOnly,
        Region::RefuseOnly,
        Region::Trap,
    ];

    /// The region of a cell from its two branches.
    pub fn of(deal: bool, refuse: bool) -> Region {
        match (deal, refuse) {
            (true, true) => Region::Both,
            (true, false) => Region::DealOnly,
            (false, true) => Region::RefuseOnly,
            (false, false) => Region::Trap,
        }
    }

    /// The name used in the CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Region::Both => "both",
            Region::DealOnly => "deal_only",
            Region::RefuseOnly => "refuse_only",
            Region::Trap => "trap",
        }
    }

    /// The character drawn in the terminal.
    pub fn glyph(self) -> char {
        match self {
            Region::Both => 'B',
            Region::DealOnly => 'D',
            Region::RefuseOnly => 'R',
            Region::Trap => 'X',
        }
    }

    /// What it means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Region::Both => "both branches survivable",
            Region::DealOnly => "only a deal survivable",
            Region::RefuseOnly => "only refusing survivable",
            Region::Trap => "neither: the trap",
        }
    }
}

/// One cell of the map (or the scenario's own initial state).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Initial resilience R₀.
    pub resilience: f64,
    /// Initial leverage L₀.
    pub leverage: f64,
    /// The concessions x = terms(P₀, L₀) a deal would demand now.
    pub terms: f64,
    /// The expected concession shock κ·x·(1 + η·H₀).
    pub shock: f64,
    /// R₀ − shock ≥ θ̄.
    pub deal_survivable: bool,
    /// Runs simulated.
    pub runs: u64,
    /// Runs in which refusing reached the horizon.
    pub survived: u64,
    /// Runs in which refusing ended in a regime crisis.
    pub crises: u64,
    /// Runs in which refusing ended in war.
    pub wars: u64,
}

impl Cell {
    /// The share of runs in which refusing reached the horizon.
    pub fn p_survive(&self) -> f64 {
        self.survived as f64 / self.runs.max(1) as f64
    }

    /// Its Wilson 95% interval.
    pub fn interval(&self) -> (f64, f64) {
        wilson(self.survived, self.runs, Z95)
    }

    /// Whether refusing survives to the horizon with probability ≥ 0.5.
    pub fn refuse_survivable(&self) -> bool {
        2 * self.survived >= self.runs
    }

    /// The cell's region.
    pub fn region(&self) -> Region {
        Region::of(self.deal_survivable, self.refuse_survivable())
    }
}

/// Evaluates one state (R₀, L₀) with runs `0..runs` of `seed`.
pub fn cell(p: &Params, seed: u64, runs: u64, resilience: f64, leverage: f64) -> Cell {
    let mut q = p.clone();
    q.initial.resilience = resilience;
    q.initial.leverage = leverage;
    let x = terms(&q, q.initial.pressure, leverage);
    let shock = expected_concession_shock(&q, x, q.initial.hardliners);
    let mut out = Cell {
        resilience,
        leverage,
        terms: x,
        shock,
        deal_survivable: resilience - shock >= q.threshold.mean,
        runs,
        survived: 0,
        crises: 0,
        wars: 0,
    };
    for run in 0..runs {
        let mut rng = run_rng(seed, run);
        let s = State::initial(&q, uniform(rng.next_u32()));
        match play(&q, &mut rng, s, run, &Refuse, &mut ()).outcome {
            Outcome::MuddleThrough => out.survived += 1,
            Outcome::RegimeCrisis => out.crises += 1,
            Outcome::War => out.wars += 1,
            Outcome::Deal => {}
        }
    }
    out
}

/// The map: `steps` values of each axis from 0 to 1, both ends included.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    /// Values per axis.
    pub steps: usize,
    /// Cells, resilience-major: `cells[r·steps + l]`.
    pub cells: Vec<Cell>,
}

/// The k-th of `steps` evenly spaced values in [0, 1], computed exactly
/// (k/(steps − 1), not by repeated addition).
pub fn axis_value(k: usize, steps: usize) -> f64 {
    k as f64 / (steps - 1) as f64
}

/// Builds the map in parallel; `steps` ≥ 2. Reports each cell's runs to
/// `progress` when the cell is done.
pub fn map(
    p: &Params,
    seed: u64,
    runs: u64,
    steps: usize,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Map {
    let cells = pool.install(|| {
        (0..steps * steps)
            .into_par_iter()
            .map(|i| {
                let c = cell(
                    p,
                    seed,
                    runs,
                    axis_value(i / steps, steps),
                    axis_value(i % steps, steps),
                );
                progress.advance(runs);
                c
            })
            .collect()
    });
    Map { steps, cells }
}

impl Map {
    /// The cell at resilience index `r`, leverage index `l`.
    pub fn at(&self, r: usize, l: usize) -> &Cell {
        &self.cells[r * self.steps + l]
    }

    /// The grid indices nearest to a state.
    pub fn nearest(&self, resilience: f64, leverage: f64) -> (usize, usize) {
        let k = |v: f64| ((v * (self.steps - 1) as f64).round() as usize).min(self.steps - 1);
        (k(resilience), k(leverage))
    }

    /// Cells per region, in [`Region::ALL`] order.
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for c in &self.cells {
            n[Region::ALL
                .iter()
                .position(|r| *r == c.region())
                .unwrap_or(3)] += 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::survivable;
    use crate::scenario::baseline_params as params;

    #[test]
    fn the_deal_branch_is_the_model_survivability_at_the_mean_threshold() {
        let p = params(&[]);
        for (r, l) in [(0.45, 0.25), (0.9, 0.9), (0.3, 0.0), (0.6, 0.5)] {
            let c = cell(&p, 1, 0, r, l);
            let mut s = State::initial(&p, 0.5); // u = 0.5: θ = θ̄
            s.resilience = r;
            s.leverage = l;
            assert_eq!(s.threshold, p.threshold.mean);
            assert_eq!(c.terms, terms(&p, p.initial.pressure, l));
            assert_eq!(c.deal_survivable, survivable(&p, &s, c.terms, 0.0));
        }
    }

    #[test]
    fn refusing_survives_more_from_higher_resilience_and_counts_add_up() {
        let p = params(&["lifeline.active=false", "lifeline.probability=0"]);
        let weak = cell(&p, 5, 300, 0.3, 0.25);
        let strong = cell(&p, 5, 300, 0.9, 0.25);
        for c in [weak, strong] {
            assert_eq!(c.survived + c.crises + c.wars, c.runs);
        }
        assert!(strong.survived > weak.survived);
        assert!(weak.crises > strong.crises);
    }

    #[test]
    fn map_is_thread_independent_and_regions_follow_the_branches() {
        let p = params(&["scenario.rounds=12"]);
        let a = map(&p, 2, 40, 5, &crate::engine::pool(1).unwrap(), &());
        let b = map(&p, 2, 40, 5, &crate::engine::pool(2).unwrap(), &());
        assert_eq!(a, b);
        assert_eq!(a.cells.len(), 25);
        assert_eq!(a.at(2, 3).resilience, 0.5);
        assert_eq!(a.at(2, 3).leverage, 0.75);
        for c in &a.cells {
            assert_eq!(
                c.region(),
                Region::of(c.deal_survivable, 2 * c.survived >= c.runs)
            );
        }
        assert_eq!(a.counts().iter().sum::<usize>(), 25);
        assert_eq!(a.nearest(0.45, 0.25), (2, 1));
    }
}
