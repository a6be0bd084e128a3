//! All extreme Nash equilibria of a bimatrix game, exactly, by vertex
//! enumeration of the two best-response polytopes.
//!
//! With the payoffs made positive integers `A' > 0`, `B' > 0` (a positive
//! scaling and a shift per player, which change no equilibrium), the
//! polytopes are
//!
//! ```text
//! P = { x in R^m : x >= 0, B'^T x <= 1 }     Q = { y in R^n : y >= 0, A' y <= 1 }
//! ```
//!
//! A point of `P` has label `i` when `x_i = 0` and label `m + j` when column
//! `j` is a best response (`(B'^T x)_j = 1`); a point of `Q` has label `i`
//! when row `i` is a best response and `m + j` when `y_j = 0`. A pair of
//! vertices `(x, y) != (0, 0)` whose labels cover `0..m+n` is, normalised, an
//! extreme Nash equilibrium, and every extreme equilibrium arises so — also
//! in degenerate games (Avis, Rosenberg, Savani and von Stengel 2010).
//!
//! Each polytope's vertices are found by a search over its feasible bases
//! (integer pivoting, exact): from the origin, every pivot the minimum-ratio
//! test allows, with every tied leaving row in a degenerate vertex, so all
//! feasible bases — hence all vertices — are reached. A vertex is identified
//! by its set of tight constraints, so a degenerate vertex with many bases is
//! reported once. The equilibria are the complementary pairs; the game has
//! infinitely many equilibria exactly when a vertex belongs to two pairs (the
//! segment between its partners is then made of equilibria), and the
//! connected components of the pairs are the components of the equilibrium
//! set whose extreme points are reported.

use std::collections::HashSet;

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use super::tableau::Tableau;

/// The most feasible bases one polytope may have before enumeration gives up
/// (a very degenerate large game: use Lemke–Howson).
pub const MAX_BASES: usize = 2_000_000;

/// A vertex of a polytope: its label set and the numerators of its
/// coordinates over a common (positive) denominator.
#[derive(Debug, Clone)]
pub struct Vertex {
    /// Label bit set (bit `l` for label `l`).
    pub labels: u128,
    /// Coordinate numerators (the denominator cancels on normalising).
    pub coords: Vec<BigInt>,
}

/// Every vertex of `{z >= 0, M z <= 1}` except the origin. `label(v)` maps a
/// variable (coordinate `0..d`, slack `d..d+k`) to its label.
pub fn vertices(m: &[Vec<BigInt>], label: impl Fn(usize) -> usize) -> Result<Vec<Vertex>, String> {
    let mut t = Tableau::new(m);
    let nvars = t.d + t.k;
    let key = |t: &Tableau| -> Vec<u64> {
        let mut bits = vec![0u64; nvars.div_ceil(64)];
        for &v in &t.basis {
            bits[v / 64] |= 1 << (v % 64);
        }
        bits
    };
    let mut seen_bases: HashSet<Vec<u64>> = HashSet::new();
    let mut seen_vertices: HashSet<u128> = HashSet::new();
    let mut out = Vec::new();
    let mut visit = |t: &Tableau| {
        let mut labels = 0u128;
        for v in 0..nvars {
            if t.is_zero(v) {
                labels |= 1 << label(v);
            }
        }
        if seen_vertices.insert(labels) {
            let coords: Vec<BigInt> = (0..t.d).map(|v| t.value(v)).collect();
            if coords.iter().any(|c| !c.is_zero()) {
                out.push(Vertex { labels, coords });
            }
        }
    };
    // Depth-first search over feasible bases on one tableau: a step pivots
    // forward, and returning pivots back (integer pivoting is exactly
    // reversible), so memory is the set of bases seen, not a tableau per basis.
    struct Frame {
        /// The pivot (row, variable) that restores the parent basis.
        undo: Option<(usize, usize)>,
        /// The next column to try.
        col: usize,
        /// Leaving rows still to try for column `col - 1`.
        rows: Vec<usize>,
    }
    seen_bases.insert(key(&t));
    visit(&t);
    let mut stack = vec![Frame {
        undo: None,
        col: 0,
        rows: Vec::new(),
    }];
    while let Some(f) = stack.last_mut() {
        if let Some(r) = f.rows.pop() {
            let c = f.col - 1;
            let leaving = t.basis[r];
            let mut next = key(&t);
            next[leaving / 64] &= !(1 << (leaving % 64));
            next[c / 64] |= 1 << (c % 64);
            if seen_bases.insert(next) {
                if seen_bases.len() > MAX_BASES {
                    return Err(format!(
                        "the game is too degenerate to enumerate: a best-response polytope has more than {MAX_BASES} feasible bases (try --method lh)"
                    ));
                }
                t.pivot(r, c);
                visit(&t);
                stack.push(Frame {
                    undo: Some((r, leaving)),
                    col: 0,
                    rows: Vec::new(),
                });
            }
            continue;
        }
        if f.col < nvars {
            let c = f.col;
            f.col += 1;
            if t.row_of[c] == usize::MAX {
                f.rows = t.min_ratio_rows(c);
            }
            continue;
        }
        if let Some((r, v)) = stack.pop().and_then(|f| f.undo) {
            t.pivot(r, v);
        }
    }
    Ok(out)
}

/// One extreme equilibrium: the normalised strategies as numerator lists
/// over their sums, and which vertices of `P` and `Q` it pairs.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Index into the vertices of `P`.
    pub p: usize,
    /// Index into the vertices of `Q`.
    pub q: usize,
}

/// The enumeration's result.
#[derive(Debug, Clone)]
pub struct Enumeration {
    /// Vertices of `P` (player 1's side) other than the origin.
    pub p: Vec<Vertex>,
    /// Vertices of `Q` (player 2's side) other than the origin.
    pub q: Vec<Vertex>,
    /// The complementary pairs.
    pub pairs: Vec<Pair>,
}

/// The most strategies (rows and columns) of a game whose two polytopes are
/// enumerated on one thread. Measured 1 Dec 2026 (`cargo bench --bench
/// solve -- enumerate_small`, median, one thread against two): 2×2 23 µs
/// against 82, 4×4 92 against 123, 5×5 194 against 180, 6×6 812 against 560.
const PARALLEL_FROM: usize = 10;

/// All complementary vertex pairs of the bimatrix game `(a, b)` given as
/// positive integer matrices (`m` rows, `n` columns, `m + n <= 128`).
pub fn enumerate(a: &[Vec<BigInt>], b: &[Vec<BigInt>]) -> Result<Enumeration, String> {
    let m = a.len();
    let n = a[0].len();
    if m + n > 128 {
        return Err(format!(
            "enumeration handles games with at most 128 strategies in all, this one has {} (use --method lh)",
            m + n
        ));
    }
    debug_assert!(a.iter().chain(b).flatten().all(Signed::is_positive));
    // P: x in R^m, constraints B'^T x <= 1 (n rows). Variables: x_i -> label i, slack j -> m + j.
    let bt: Vec<Vec<BigInt>> = (0..n)
        .map(|j| (0..m).map(|i| b[i][j].clone()).collect())
        .collect();
    // Q: y in R^n, constraints A' y <= 1 (m rows). Variables: y_j -> label m + j, slack i -> i.
    // The two polytopes are independent: in a game of more than
    // PARALLEL_FROM strategies they are enumerated in parallel, on a scoped
    // thread of our own (never rayon's global pool). Below it, starting the
    // thread costs more than it saves (`cargo bench --bench solve`).
    let p_labels = |v| v;
    let q_labels = |v| if v < n { m + v } else { v - n };
    let (p, q) = if m + n > PARALLEL_FROM {
        std::thread::scope(|scope| {
            let p = scope.spawn(|| vertices(&bt, p_labels));
            let q = vertices(a, q_labels);
            (p.join().expect("vertex enumeration does not panic"), q)
        })
    } else {
        (vertices(&bt, p_labels), vertices(a, q_labels))
    };
    let (p, q) = (p?, q?);
    let all: u128 = if m + n == 128 {
        u128::MAX
    } else {
        (1u128 << (m + n)) - 1
    };
    let mut pairs = Vec::new();
    for (ip, vp) in p.iter().enumerate() {
        let need = all & !vp.labels;
        for (iq, vq) in q.iter().enumerate() {
            if vq.labels & need == need {
                pairs.push(Pair { p: ip, q: iq });
            }
        }
    }
    Ok(Enumeration { p, q, pairs })
}
