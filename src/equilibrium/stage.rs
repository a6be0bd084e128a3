//! The Nash equilibria of one stage game (Iran's 5 actions × the US's 4) in
//! floating point, and the rule that selects one.
//!
//! The backward induction solves millions of these small games, so it does not
//! use the exact solver of `crate::game`: pure equilibria are found by
//! checking every cell, mixed ones by support enumeration over supports of
//! equal size (complete for nondegenerate games). A degenerate game without a
//! pure or equal-support equilibrium falls back to the exact solver.
//!
//! Selection rule (documented in `docs/MODEL.md`, §6):
//! 1. pure equilibria before mixed ones;
//! 2. among those, the ones no other equilibrium Pareto-dominates;
//! 3. among those, the largest sum of the two players' payoffs, each scaled
//!    to [0, 1] by the range of that player's payoffs in the game;
//! 4. ties: the first in Iran's then the US's action order.

// Matrix and grid code reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

use crate::game::{self, Game, Method, rational};
use crate::model::{IranAction, UsAction};

/// Iran's actions.
pub const ROWS: usize = IranAction::ALL.len();
/// The US's actions.
pub const COLS: usize = UsAction::ALL.len();

/// Payoffs below this are ties (the payoffs are of order 1 to 100).
const TOL: f64 = 1e-9;

/// A stage game: `iran[i][j]` and `us[i][j]` for Iran's action i and the US's j.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageGame {
    /// Iran's payoffs.
    pub iran: [[f64; COLS]; ROWS],
    /// The US payoffs.
    pub us: [[f64; COLS]; ROWS],
}

/// A mixed-strategy profile with its expected payoffs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// Iran's probabilities, in `IranAction::ALL` order.
    pub iran: [f64; ROWS],
    /// The US probabilities, in `UsAction::ALL` order.
    pub us: [f64; COLS],
    /// Iran's expected payoff.
    pub value_iran: f64,
    /// The US expected payoff.
    pub value_us: f64,
}

impl StageGame {
    /// Expected payoffs of a profile.
    pub fn values(&self, x: &[f64; ROWS], y: &[f64; COLS]) -> (f64, f64) {
        let (mut a, mut b) = (0.0, 0.0);
        for i in 0..ROWS {
            for j in 0..COLS {
                let w = x[i] * y[j];
                a += w * self.iran[i][j];
                b += w * self.us[i][j];
            }
        }
        (a, b)
    }

    /// The largest gain either player gets by a unilateral deviation to a pure
    /// action (0 at an equilibrium, up to rounding).
    pub fn deviation_gain(&self, x: &[f64; ROWS], y: &[f64; COLS]) -> f64 {
        let (a, b) = self.values(x, y);
        let best_iran = (0..ROWS)
            .map(|i| (0..COLS).map(|j| y[j] * self.iran[i][j]).sum::<f64>())
            .fold(f64::NEG_INFINITY, f64::max);
        let best_us = (0..COLS)
            .map(|j| (0..ROWS).map(|i| x[i] * self.us[i][j]).sum::<f64>())
            .fold(f64::NEG_INFINITY, f64::max);
        (best_iran - a).max(best_us - b)
    }

    fn profile(&self, iran: [f64; ROWS], us: [f64; COLS]) -> Profile {
        let (value_iran, value_us) = self.values(&iran, &us);
        Profile {
            iran,
            us,
            value_iran,
            value_us,
        }
    }

    /// The pure equilibria.
    pub fn pure_equilibria(&self) -> Vec<Profile> {
        let mut out = Vec::new();
        for i in 0..ROWS {
            for j in 0..COLS {
                let iran_best = (0..ROWS).all(|k| self.iran[k][j] <= self.iran[i][j] + TOL);
                let us_best = (0..COLS).all(|l| self.us[i][l] <= self.us[i][j] + TOL);
                if iran_best && us_best {
                    let (mut x, mut y) = ([0.0; ROWS], [0.0; COLS]);
                    x[i] = 1.0;
                    y[j] = 1.0;
                    out.push(self.profile(x, y));
                }
            }
        }
        out
    }

    /// The equilibria with supports of equal size 2 to 4.
    pub fn mixed_equilibria(&self) -> Vec<Profile> {
        let mut out = Vec::new();
        for k in 2..=COLS {
            for rows in subsets(ROWS, k) {
                for cols in subsets(COLS, k) {
                    if let Some(p) = self.on_supports(&rows, &cols) {
                        out.push(p);
                    }
                }
            }
        }
        out
    }

    /// The equilibrium with exactly these supports, if there is one: each
    /// player's mix makes the other indifferent on its support.
    fn on_supports(&self, rows: &[usize], cols: &[usize]) -> Option<Profile> {
        // The US mix y on `cols` equalises Iran's payoffs over `rows`.
        let y_s = indifference(rows.len(), |r, c| self.iran[rows[r]][cols[c]])?;
        let x_s = indifference(rows.len(), |r, c| self.us[rows[c]][cols[r]])?;
        let (mut x, mut y) = ([0.0; ROWS], [0.0; COLS]);
        for (c, &j) in cols.iter().enumerate() {
            y[j] = y_s[c];
        }
        for (r, &i) in rows.iter().enumerate() {
            x[i] = x_s[r];
        }
        if x.iter().chain(&y).any(|&p| p < -TOL) {
            return None;
        }
        let x = x.map(|p| p.max(0.0));
        let y = y.map(|p| p.max(0.0));
        (self.deviation_gain(&x, &y) <= 1e-7).then(|| self.profile(x, y))
    }

    /// Every equilibrium found in floating point; the exact solver's when the
    /// game is degenerate and none is pure or of equal supports.
    pub fn equilibria(&self) -> Vec<Profile> {
        let pure = self.pure_equilibria();
        if !pure.is_empty() {
            return pure;
        }
        let mixed = self.mixed_equilibria();
        if !mixed.is_empty() {
            return mixed;
        }
        self.exact_equilibria()
    }

    fn exact_equilibria(&self) -> Vec<Profile> {
        // Every f64 is an exact (dyadic) rational.
        let exact = |v: f64| rational::from_f64(v).unwrap_or_else(|| rational::int(0));
        let g = Game::iran_us("", "", |i, j| {
            [exact(self.iran[i][j]), exact(self.us[i][j])]
        });
        let Ok(solution) = game::solve(&g, Method::Enumerate) else {
            return Vec::new();
        };
        solution
            .equilibria
            .iter()
            .map(|e| {
                let mut x = [0.0; ROWS];
                let mut y = [0.0; COLS];
                for (i, p) in e.strategies[0].iter().enumerate() {
                    x[i] = rational::to_f64(p);
                }
                for (j, p) in e.strategies[1].iter().enumerate() {
                    y[j] = rational::to_f64(p);
                }
                self.profile(x, y)
            })
            .collect()
    }

    /// The selected equilibrium (see the module's rule).
    pub fn solve(&self) -> Profile {
        let all = self.equilibria();
        select(self, &all)
    }
}

/// Applies the selection rule to equilibria of one kind (all pure or all mixed).
fn select(g: &StageGame, all: &[Profile]) -> Profile {
    let range = |m: &[[f64; COLS]; ROWS]| {
        let (lo, hi) = m
            .iter()
            .flatten()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                (l.min(v), h.max(v))
            });
        (lo, (hi - lo).max(TOL))
    };
    let (lo_i, span_i) = range(&g.iran);
    let (lo_u, span_u) = range(&g.us);
    let dominated = |p: &Profile| {
        all.iter().any(|q| {
            q.value_iran >= p.value_iran - TOL
                && q.value_us >= p.value_us - TOL
                && (q.value_iran > p.value_iran + TOL || q.value_us > p.value_us + TOL)
        })
    };
    let score = |p: &Profile| (p.value_iran - lo_i) / span_i + (p.value_us - lo_u) / span_u;
    let mut best: Option<(f64, &Profile)> = None;
    for p in all.iter().filter(|p| !dominated(p)) {
        let s = score(p);
        if best.is_none_or(|(b, _)| s > b + TOL) {
            best = Some((s, p));
        }
    }
    *best.expect("every finite game has an equilibrium").1
}

/// Solves for a mix q over k columns making the k rows' payoffs `m(r, c)`
/// equal: Σ_c m(r, c)·q_c = v for every r, Σ q = 1. None if singular.
fn indifference(k: usize, m: impl Fn(usize, usize) -> f64) -> Option<[f64; COLS]> {
    // Unknowns q_0..q_{k-1}, v; k + 1 equations.
    let n = k + 1;
    let mut a = [[0.0f64; COLS + 2]; COLS + 1];
    for r in 0..k {
        for c in 0..k {
            a[r][c] = m(r, c);
        }
        a[r][k] = -1.0;
        a[r][n] = 0.0;
    }
    for c in 0..k {
        a[k][c] = 1.0;
    }
    a[k][n] = 1.0;
    // Gaussian elimination with partial pivoting.
    for col in 0..n {
        let piv = (col..n).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        for r in 0..n {
            if r != col {
                let f = a[r][col] / a[col][col];
                if f != 0.0 {
                    for c in col..=n {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
    }
    let mut q = [0.0; COLS];
    for c in 0..k {
        q[c] = a[c][n] / a[c][c];
    }
    Some(q)
}

/// The subsets of size k of 0..n, in lexicographic order.
fn subsets(n: usize, k: usize) -> impl Iterator<Item = Vec<usize>> {
    (0u32..(1 << n))
        .filter(move |m| m.count_ones() as usize == k)
        .map(move |m| (0..n).filter(|i| m & (1 << i) != 0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn game(iran: [[f64; COLS]; ROWS], us: [[f64; COLS]; ROWS]) -> StageGame {
        StageGame { iran, us }
    }

    /// A game whose rows 2.. and columns 2.. are strictly dominated, with
    /// the 2×2 core `core_a`, `core_b`.
    fn cornered(core_a: [[f64; 2]; 2], core_b: [[f64; 2]; 2]) -> StageGame {
        let mut a = [[0.0; COLS]; ROWS];
        let mut b = [[0.0; COLS]; ROWS];
        for i in 0..ROWS {
            for j in 0..COLS {
                let (ca, cb) = if i < 2 && j < 2 {
                    (core_a[i][j], core_b[i][j])
                } else {
                    (-100.0, -100.0)
                };
                a[i][j] = if i >= 2 { -200.0 } else { ca };
                b[i][j] = if j >= 2 { -200.0 } else { cb };
            }
        }
        game(a, b)
    }

    #[test]
    fn finds_pure_equilibria_and_selects_the_pareto_better_one() {
        // A stag hunt: (0,0) pays (4,4), (1,1) pays (2,2).
        let g = cornered([[4.0, 0.0], [3.0, 2.0]], [[4.0, 3.0], [0.0, 2.0]]);
        assert_eq!(g.pure_equilibria().len(), 2);
        let p = g.solve();
        assert_eq!(p.iran[0], 1.0);
        assert_eq!(p.us[0], 1.0);
        assert_eq!((p.value_iran, p.value_us), (4.0, 4.0));
        assert!(g.deviation_gain(&p.iran, &p.us) <= 0.0);
    }

    #[test]
    fn matching_pennies_in_a_corner_has_the_half_half_equilibrium() {
        let g = cornered([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]);
        assert!(g.pure_equilibria().is_empty());
        let p = g.solve();
        assert!((p.iran[0] - 0.5).abs() < 1e-12 && (p.iran[1] - 0.5).abs() < 1e-12);
        assert!((p.us[0] - 0.5).abs() < 1e-12 && (p.us[1] - 0.5).abs() < 1e-12);
        assert!(g.deviation_gain(&p.iran, &p.us) < 1e-12);
        assert!(p.value_iran.abs() < 1e-12 && p.value_us.abs() < 1e-12);
    }

    #[test]
    fn battle_of_the_sexes_prefers_pure_and_then_the_joint_best() {
        // Pure (0,0) pays (3,1), (1,1) pays (1,3): equal scaled sums, so the
        // tie goes to Iran's first action; the mixed equilibrium is not chosen.
        let g = cornered([[3.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 3.0]]);
        assert_eq!(g.pure_equilibria().len(), 2);
        assert_eq!(g.mixed_equilibria().len(), 1);
        let p = g.solve();
        assert_eq!(p.iran[0], 1.0);
        assert_eq!(p.us[0], 1.0);
    }

    #[test]
    fn random_games_always_get_an_equilibrium() {
        // A small LCG: deterministic, no dependency.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 1000) as f64 / 100.0
        };
        for _ in 0..300 {
            let mut a = [[0.0; COLS]; ROWS];
            let mut b = [[0.0; COLS]; ROWS];
            for i in 0..ROWS {
                for j in 0..COLS {
                    a[i][j] = next();
                    b[i][j] = next();
                }
            }
            let g = game(a, b);
            let p = g.solve();
            assert!(g.deviation_gain(&p.iran, &p.us) < 1e-7);
            assert!((p.iran.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert!((p.us.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
    }
}
