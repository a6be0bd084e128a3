//! The discretised state space of the equilibrium solver and simplex
//! interpolation on it.
//!
//! The solver's state is (R, L, P, D, H, N, B) on a rectangular grid of evenly
//! spaced nodes on [0, 1] per axis, times the two switches (lifeline,
//! interim). B is how far the US belief has moved: its lower end, scaled so
//! that 0 is the prior's lower end and 1 its upper end. Between nodes a value or a mixed strategy is interpolated
//! linearly on the simplices of the Kuhn (Freudenthal) triangulation of each
//! cell: k + 1 of the cell's 2^k nodes (k = the axes with two nodes or more);
//! outside [0, 1] it is clamped to the edge. An axis with one node is
//! frozen: every state reads the node's value, whatever its coordinate.
//!
//! Iran's private threshold θ is not an axis: the solver is run for the mean
//! type θ̄, and a state of type θ is read at the resilience with the same
//! margin above its threshold, R − θ + θ̄ (see `docs/MODEL.md`, §6).

// Matrix and grid code reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

use crate::model::{Params, State};

/// What places a state on the grid: the mean type the table is solved for
/// and the span of the US belief's lower end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// θ̄, the type solved for.
    pub theta_mean: f64,
    /// The prior's lower end (coordinate 0 of the belief axis).
    pub belief_low: f64,
    /// The prior's upper end (coordinate 1).
    pub belief_high: f64,
}

impl Frame {
    /// The frame of a scenario point.
    pub fn new(p: &Params) -> Frame {
        let (belief_low, belief_high) = p.belief.support();
        Frame {
            theta_mean: p.threshold.mean,
            belief_low,
            belief_high,
        }
    }

    /// The belief axis coordinate of a lower end `low`.
    pub fn belief_coordinate(&self, low: f64) -> f64 {
        let span = self.belief_high - self.belief_low;
        if span > 0.0 {
            (low - self.belief_low) / span
        } else {
            0.0
        }
    }

    /// The lower end at belief coordinate `b`.
    pub fn belief_low_at(&self, b: f64) -> f64 {
        self.belief_low + b * (self.belief_high - self.belief_low)
    }
}

/// The number of continuous axes.
pub const AXES: usize = 7;

/// The axes' names, in order, as in the policy CSV and the schema
/// (`equilibrium.grid.<name>`).
pub const AXIS_NAMES: [&str; AXES] = [
    "resilience",
    "leverage",
    "pressure",
    "talks",
    "hardliners",
    "nuclear",
    "belief",
];

/// The most corners an interpolation touches (a simplex in seven dimensions).
pub const MAX_CORNERS: usize = AXES + 1;

/// A rectangular grid: nodes per axis, times the four switch combinations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    nodes: [usize; AXES],
    strides: [usize; AXES],
    continuous: usize,
}

/// The nodes and weights of one interpolation.
#[derive(Debug, Clone, Copy)]
pub struct Corners {
    /// Continuous indices of the corners (add the switch offset).
    pub index: [u32; MAX_CORNERS],
    /// Their weights, summing to 1.
    pub weight: [f64; MAX_CORNERS],
    /// How many corners are used.
    pub len: usize,
}

impl Grid {
    /// A grid with `nodes[k]` evenly spaced nodes on [0, 1] along axis k
    /// (each at least 1).
    pub fn new(nodes: [usize; AXES]) -> Grid {
        let mut strides = [0; AXES];
        let mut stride = 1;
        for k in (0..AXES).rev() {
            strides[k] = stride;
            stride *= nodes[k].max(1);
        }
        Grid {
            nodes,
            strides,
            continuous: stride,
        }
    }

    /// Nodes per axis.
    pub fn nodes(&self) -> [usize; AXES] {
        self.nodes
    }

    /// Grid points of the continuous axes.
    pub fn continuous(&self) -> usize {
        self.continuous
    }

    /// All grid points, switches included.
    pub fn len(&self) -> usize {
        4 * self.continuous
    }

    /// Whether the grid has no points (never: every axis has a node).
    pub fn is_empty(&self) -> bool {
        self.continuous == 0
    }

    /// The value of node `i` on axis `k`.
    pub fn node(&self, k: usize, i: usize) -> f64 {
        let n = self.nodes[k];
        if n <= 1 {
            0.0
        } else {
            i as f64 / (n - 1) as f64
        }
    }

    /// The switch offset of a point: lifeline and interim select one of four
    /// copies of the continuous grid.
    pub fn switch_offset(&self, lifeline: bool, interim: bool) -> usize {
        (2 * usize::from(lifeline) + usize::from(interim)) * self.continuous
    }

    /// The coordinates of grid point `index`: the continuous values and the
    /// two switches.
    pub fn point(&self, index: usize) -> ([f64; AXES], bool, bool) {
        let switch = index / self.continuous;
        let mut rest = index % self.continuous;
        let mut x = [0.0; AXES];
        for k in 0..AXES {
            let i = rest / self.strides[k];
            rest %= self.strides[k];
            x[k] = self.node(k, i);
        }
        (x, switch >= 2, switch % 2 == 1)
    }

    /// The grid coordinates of a state of type θ, solved for the mean type
    /// of `frame`: resilience is read at the same margin above the threshold.
    pub fn coordinates(state: &State, frame: &Frame) -> [f64; AXES] {
        [
            state.resilience - state.threshold + frame.theta_mean,
            state.leverage,
            state.pressure,
            state.talks,
            state.hardliners,
            state.nuclear,
            frame.belief_coordinate(state.belief_low),
        ]
    }

    /// The corners and weights of the interpolation at `x`: the vertices of
    /// the simplex of the cell's Kuhn triangulation that holds `x`, with
    /// barycentric weights (d + 1 corners in d dimensions instead of the 2^d
    /// of multilinear interpolation; exact for linear functions, continuous
    /// across cells).
    pub fn corners(&self, x: &[f64; AXES]) -> Corners {
        let mut out = Corners {
            index: [0; MAX_CORNERS],
            weight: [0.0; MAX_CORNERS],
            len: 1,
        };
        // Each active axis: (fraction within the cell, stride).
        let mut frac = [(0.0f64, 0u32); AXES];
        let mut active = 0;
        let mut base = 0u32;
        for k in 0..AXES {
            let n = self.nodes[k];
            if n <= 1 {
                continue;
            }
            let pos = x[k].clamp(0.0, 1.0) * (n - 1) as f64;
            // pos ≥ 0, so truncation is the floor.
            let lo = (pos as usize).min(n - 2);
            base += (lo * self.strides[k]) as u32;
            frac[active] = (pos - lo as f64, self.strides[k] as u32);
            active += 1;
        }
        // Walk from the cell's low corner along the axes in decreasing order
        // of their fractions; ties keep the axis order.
        let axes = &mut frac[..active];
        // Insertion sort, stable: at most six entries.
        for i in 1..axes.len() {
            let mut j = i;
            while j > 0 && axes[j - 1].0 < axes[j].0 {
                axes.swap(j - 1, j);
                j -= 1;
            }
        }
        out.index[0] = base;
        out.weight[0] = 1.0 - axes.first().map_or(0.0, |a| a.0);
        let mut at = base;
        for j in 0..active {
            at += axes[j].1;
            let next = if j + 1 < active { axes[j + 1].0 } else { 0.0 };
            out.index[j + 1] = at;
            out.weight[j + 1] = axes[j].0 - next;
        }
        out.len = active + 1;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_trip_through_interpolation() {
        let g = Grid::new([3, 2, 1, 4, 2, 2, 2]);
        assert_eq!(g.continuous(), 3 * 2 * 4 * 2 * 2 * 2);
        for index in 0..g.len() {
            let (x, lifeline, interim) = g.point(index);
            let c = g.corners(&x);
            let hit: Vec<usize> = (0..c.len)
                .filter(|&i| c.weight[i] > 1e-12)
                .map(|i| c.index[i] as usize + g.switch_offset(lifeline, interim))
                .collect();
            assert_eq!(hit, vec![index], "point {index}");
        }
    }

    #[test]
    fn weights_are_convex_and_reproduce_linear_functions() {
        let g = Grid::new([5, 3, 4, 2, 3, 6, 2]);
        let f = |x: &[f64; AXES]| {
            1.0 + x
                .iter()
                .enumerate()
                .map(|(k, v)| (k + 1) as f64 * v)
                .sum::<f64>()
        };
        let values: Vec<f64> = (0..g.continuous()).map(|i| f(&g.point(i).0)).collect();
        for x in [
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
            [0.0, 1.0, 0.5, 0.25, 0.99, 0.01, 0.5],
            [-0.2, 1.3, 0.5, 0.5, 0.5, 0.5, 0.2],
        ] {
            let c = g.corners(&x);
            let total: f64 = c.weight[..c.len].iter().sum();
            assert!((total - 1.0).abs() < 1e-12);
            assert!(c.weight[..c.len].iter().all(|&w| w >= 0.0));
            assert_eq!(c.len, AXES + 1);
            let v: f64 = (0..c.len)
                .map(|i| c.weight[i] * values[c.index[i] as usize])
                .sum();
            let clamped = x.map(|v| v.clamp(0.0, 1.0));
            assert!((v - f(&clamped)).abs() < 1e-9, "{x:?}");
        }
    }
}
