//! The Catch-22 map: over a grid of initial resilience × leverage (every
//! other parameter as in the scenario), where each horn of the dilemma clears
//! the leadership's survival floor.
//!
//! Each cell is the model's one definition of the trap
//! (`model::survival::horns`) at the cell's initial state, for the mean type
//! θ̄, with the US enforcing as its policy does in round 1: the survival to
//! the end of the term of accepting the offer the US would make, and of
//! refusing. Both are closed forms, so the map is exact and instant, and it
//! is the same yardstick that `check`, `trace` and the policies read.

use crate::model::survival::{Horns, horns};
use crate::model::{Enforcement, Params, State};
use crate::policy::Players;

pub use crate::model::Region;

/// One cell of the map (or the scenario's own initial state).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Initial resilience R₀.
    pub resilience: f64,
    /// Initial leverage L₀.
    pub leverage: f64,
    /// Both horns at the cell's initial state.
    pub horns: Horns,
    /// The cell's region.
    pub region: Region,
}

/// The US enforcement in round 1 at the scenario's initial state (its
/// policy's move, with the mixing draw at one half).
pub fn first_enforcement(p: &Params, players: &Players) -> Enforcement {
    players
        .us
        .choose(p, &State::initial(p, 0.5), 0.5)
        .enforcement()
}

/// Evaluates the initial state (R₀, L₀) for the mean type.
pub fn cell(p: &Params, players: &Players, resilience: f64, leverage: f64) -> Cell {
    let mut s = State::initial(p, 0.5); // u = 0.5: θ = θ̄
    s.resilience = resilience;
    s.leverage = leverage;
    let h = horns(p, &s, first_enforcement(p, players), s.threshold);
    Cell {
        resilience,
        leverage,
        horns: h,
        region: h.region(p),
    }
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

/// Builds the map; `steps` ≥ 2.
pub fn map(p: &Params, players: &Players, steps: usize) -> Map {
    let cells = (0..steps * steps)
        .map(|i| {
            cell(
                p,
                players,
                axis_value(i / steps, steps),
                axis_value(i % steps, steps),
            )
        })
        .collect();
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
            n[Region::ALL.iter().position(|r| *r == c.region).unwrap_or(3)] += 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::baseline_point as point;

    #[test]
    fn cells_are_the_model_horns_at_the_mean_threshold() {
        let pt = point(&[]);
        let (p, players) = (&pt.params, &pt.players);
        for (r, l) in [(0.45, 0.25), (0.9, 0.9), (0.3, 0.0), (0.6, 0.5)] {
            let c = cell(p, players, r, l);
            let mut s = State::initial(p, 0.5);
            s.resilience = r;
            s.leverage = l;
            assert_eq!(s.threshold, p.threshold.mean);
            let h = horns(p, &s, Enforcement::Tighten, s.threshold);
            assert_eq!(c.horns, h);
            assert_eq!(c.region, h.region(p));
            assert_eq!(c.region == Region::Trap, h.is_trap(p));
        }
    }

    #[test]
    fn refusing_is_safer_from_higher_resilience() {
        let pt = point(&["lifeline.active=false", "lifeline.probability=0"]);
        let weak = cell(&pt.params, &pt.players, 0.3, 0.25);
        let strong = cell(&pt.params, &pt.players, 0.9, 0.25);
        assert!(strong.horns.refuse > weak.horns.refuse);
    }

    #[test]
    fn map_covers_the_grid() {
        let pt = point(&["scenario.rounds=12"]);
        let a = map(&pt.params, &pt.players, 5);
        assert_eq!(a.cells.len(), 25);
        assert_eq!(a.at(2, 3).resilience, 0.5);
        assert_eq!(a.at(2, 3).leverage, 0.75);
        assert_eq!(a.counts().iter().sum::<usize>(), 25);
        assert_eq!(a.nearest(0.45, 0.25), (2, 1));
    }
}
