//! Lemke–Howson: one Nash equilibrium of a bimatrix game by complementary
//! pivoting on the best-response polytopes `P` and `Q` (see `enumerate`),
//! starting from the artificial equilibrium `(0, 0)` by dropping one label.
//!
//! The path is first followed in floating point (fast on large games); the
//! supports it ends on are then solved exactly in rationals and the result is
//! verified exactly as an equilibrium. If that fails (a degenerate or badly
//! conditioned game) the path is followed again in exact integer pivoting
//! with the lexicographic ratio test, which cannot cycle.

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use super::rational::{self, Rational};
use super::tableau::Tableau;

/// What the driver needs from a tableau (exact or floating point).
trait Lh {
    fn leaving_row(&self, c: usize) -> Option<usize>;
    fn pivot(&mut self, r: usize, c: usize);
    fn basic(&self, r: usize) -> usize;
}

impl Lh for Tableau {
    fn leaving_row(&self, c: usize) -> Option<usize> {
        self.lex_min_ratio_row(c)
    }
    fn pivot(&mut self, r: usize, c: usize) {
        Tableau::pivot(self, r, c);
    }
    fn basic(&self, r: usize) -> usize {
        self.basis[r]
    }
}

/// A floating-point tableau of `{z >= 0, M z <= 1}` (Gauss–Jordan).
#[derive(Debug, Clone)]
struct FloatTableau {
    d: usize,
    k: usize,
    t: Vec<f64>,
    basis: Vec<usize>,
    row_of: Vec<usize>,
}

impl FloatTableau {
    fn new(m: &[Vec<f64>]) -> FloatTableau {
        let k = m.len();
        let d = m[0].len();
        let w = d + k + 1;
        let mut t = vec![0.0; k * w];
        for (i, row) in m.iter().enumerate() {
            t[i * w..i * w + d].copy_from_slice(row);
            t[i * w + d + i] = 1.0;
            t[i * w + d + k] = 1.0;
        }
        let mut row_of = vec![usize::MAX; d + k];
        for i in 0..k {
            row_of[d + i] = i;
        }
        FloatTableau {
            d,
            k,
            t,
            basis: (d..d + k).collect(),
            row_of,
        }
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.t[i * (self.d + self.k + 1) + j]
    }

    fn value(&self, v: usize) -> f64 {
        match self.row_of[v] {
            usize::MAX => 0.0,
            r => self.at(r, self.d + self.k),
        }
    }
}

const EPS: f64 = 1e-9;

impl Lh for FloatTableau {
    fn leaving_row(&self, c: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for i in 0..self.k {
            let a = self.at(i, c);
            if a <= EPS {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            let bc = self.at(b, c);
            // Lexicographic: the right-hand side, then the slack columns.
            let cols = std::iter::once(self.d + self.k).chain(self.d..self.d + self.k);
            for j in cols {
                let ri = self.at(i, j) / a;
                let rb = self.at(b, j) / bc;
                let tol = EPS * (1.0 + ri.abs().max(rb.abs()));
                if ri < rb - tol {
                    best = Some(i);
                    break;
                }
                if ri > rb + tol {
                    break;
                }
            }
        }
        best
    }

    fn pivot(&mut self, r: usize, c: usize) {
        let w = self.d + self.k + 1;
        let p = self.t[r * w + c];
        for j in 0..w {
            self.t[r * w + j] /= p;
        }
        let prow: Vec<f64> = self.t[r * w..(r + 1) * w].to_vec();
        for i in 0..self.k {
            if i == r {
                continue;
            }
            let f = self.t[i * w + c];
            if f != 0.0 {
                for (x, y) in self.t[i * w..(i + 1) * w].iter_mut().zip(&prow) {
                    *x -= f * y;
                }
            }
        }
        let leaving = self.basis[r];
        self.row_of[leaving] = usize::MAX;
        self.row_of[c] = r;
        self.basis[r] = c;
    }

    fn basic(&self, r: usize) -> usize {
        self.basis[r]
    }
}

/// Follows the path dropping `label` (0-based: `0..m` player 1's strategies,
/// `m..m+n` player 2's). `p` is the tableau of `P` (variables `x_i` then the
/// slacks of the `n` columns), `q` that of `Q` (variables `y_j` then the
/// slacks of the `m` rows).
fn follow<T: Lh>(
    p: &mut T,
    q: &mut T,
    m: usize,
    n: usize,
    label: usize,
    max_steps: usize,
) -> Result<(), String> {
    // Label of a variable, and the variable carrying a label, on each side.
    let label_p = |v: usize| v;
    let label_q = |v: usize| if v < n { m + v } else { v - n };
    let var_p = |l: usize| l;
    let var_q = |l: usize| if l < m { n + l } else { l - m };
    let (mut on_p, mut entering) = if label < m {
        (true, var_p(label))
    } else {
        (false, var_q(label))
    };
    for _ in 0..max_steps {
        let t: &mut T = if on_p { &mut *p } else { &mut *q };
        let r = t
            .leaving_row(entering)
            .ok_or("Lemke-Howson: an unbounded ray (the payoffs are not bounded)")?;
        let leaving = t.basic(r);
        t.pivot(r, entering);
        let l = if on_p {
            label_p(leaving)
        } else {
            label_q(leaving)
        };
        if l == label {
            return Ok(());
        }
        on_p = !on_p;
        entering = if on_p { var_p(l) } else { var_q(l) };
    }
    Err(format!(
        "Lemke-Howson: no equilibrium after {max_steps} pivots"
    ))
}

/// One equilibrium `(x, y)` of the game with payoffs `a`, `b` (player 1, 2),
/// exact, from the path dropping `label`.
pub fn solve(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    label: usize,
) -> Result<(Vec<Rational>, Vec<Rational>), String> {
    if let Some(eq) = float_path(a, b, label) {
        return Ok(eq);
    }
    exact_path(a, b, label)
}

/// Maps a matrix to `[1, 2]` by a positive affine transformation (no change
/// to the equilibria), in floating point.
fn unit_range(a: &[Vec<Rational>]) -> Vec<Vec<f64>> {
    let f: Vec<Vec<f64>> = a
        .iter()
        .map(|r| r.iter().map(rational::to_f64).collect())
        .collect();
    let lo = f.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let hi = f
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    f.iter()
        .map(|r| r.iter().map(|v| 1.0 + (v - lo) / span).collect())
        .collect()
}

fn float_path(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    label: usize,
) -> Option<(Vec<Rational>, Vec<Rational>)> {
    let m = a.len();
    let n = a[0].len();
    let af = unit_range(a);
    let bf = unit_range(b);
    let bt: Vec<Vec<f64>> = (0..n).map(|j| (0..m).map(|i| bf[i][j]).collect()).collect();
    let mut p = FloatTableau::new(&bt);
    let mut q = FloatTableau::new(&af);
    follow(&mut p, &mut q, m, n, label, 100 * (m + n) + 10_000).ok()?;
    let x: Vec<f64> = (0..m).map(|i| p.value(i)).collect();
    let y: Vec<f64> = (0..n).map(|j| q.value(j)).collect();
    let sx: f64 = x.iter().sum();
    let sy: f64 = y.iter().sum();
    let supp_x: Vec<usize> = (0..m).filter(|&i| x[i] > 1e-9 * sx).collect();
    let supp_y: Vec<usize> = (0..n).filter(|&j| y[j] > 1e-9 * sy).collect();
    let eq = solve_supports(a, b, &supp_x, &supp_y)?;
    super::is_equilibrium(a, b, &eq.0, &eq.1).then_some(eq)
}

/// The mixed strategies with the given supports that make the opponent
/// indifferent over their own support (equal-size supports), if the linear
/// systems have a unique non-negative solution.
pub fn solve_supports(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    supp_x: &[usize],
    supp_y: &[usize],
) -> Option<(Vec<Rational>, Vec<Rational>)> {
    let m = a.len();
    let n = a[0].len();
    if supp_x.len() != supp_y.len() || supp_x.is_empty() {
        return None;
    }
    // y on supp_y: A[i][supp_y] y - v = 0 for i in supp_x; sum y = 1.
    let ys = indifference(supp_y.len(), supp_x.len(), |r, c| {
        a[supp_x[r]][supp_y[c]].clone()
    })?;
    // x on supp_x: B[supp_x][j] x - u = 0 for j in supp_y; sum x = 1.
    let xs = indifference(supp_x.len(), supp_y.len(), |r, c| {
        b[supp_x[c]][supp_y[r]].clone()
    })?;
    let mut x = vec![Rational::zero(); m];
    let mut y = vec![Rational::zero(); n];
    for (k, &i) in supp_x.iter().enumerate() {
        x[i] = xs[k].clone();
    }
    for (k, &j) in supp_y.iter().enumerate() {
        y[j] = ys[k].clone();
    }
    if x.iter().chain(&y).any(Signed::is_negative) {
        return None;
    }
    Some((x, y))
}

/// Solves `sum_c coef(r, c) z_c = v` for `r` in `0..rows`, `sum z = 1`, for
/// `z` (`vars` unknowns) and `v`, by exact Gaussian elimination.
fn indifference(
    vars: usize,
    rows: usize,
    coef: impl Fn(usize, usize) -> Rational,
) -> Option<Vec<Rational>> {
    let cols = vars + 1; // z then v
    let mut mat: Vec<Vec<Rational>> = Vec::with_capacity(rows + 1);
    for r in 0..rows {
        let mut row: Vec<Rational> = (0..vars).map(|c| coef(r, c)).collect();
        row.push(-Rational::one());
        row.push(Rational::zero());
        mat.push(row);
    }
    let mut last = vec![Rational::one(); vars];
    last.push(Rational::zero());
    last.push(Rational::one());
    mat.push(last);
    if mat.len() != cols {
        return None;
    }
    for c in 0..cols {
        let piv = (c..cols).find(|&r| !mat[r][c].is_zero())?;
        mat.swap(c, piv);
        let inv = mat[c][c].recip();
        for x in mat[c].iter_mut() {
            *x *= &inv;
        }
        let prow = mat[c].clone();
        for (r, row) in mat.iter_mut().enumerate() {
            if r != c && !row[c].is_zero() {
                let f = row[c].clone();
                for (x, y) in row.iter_mut().zip(&prow) {
                    *x -= &f * y;
                }
            }
        }
    }
    Some((0..vars).map(|c| mat[c][cols].clone()).collect())
}

/// Positive integer matrices equivalent to `a` (a positive scaling and a shift).
pub fn positive_integers(a: &[Vec<Rational>]) -> Result<Vec<Vec<BigInt>>, String> {
    let mut lcm = BigInt::one();
    for v in a.iter().flatten() {
        lcm = num_integer::Integer::lcm(&lcm, v.denom());
        if lcm.bits() > MAX_BITS {
            return Err(too_many_bits(lcm.bits()));
        }
    }
    let ints: Vec<Vec<BigInt>> = a
        .iter()
        .map(|r| r.iter().map(|v| (v * &lcm).to_integer()).collect())
        .collect();
    let lo = ints.iter().flatten().min().cloned().unwrap_or_default();
    let out: Vec<Vec<BigInt>> = ints
        .iter()
        .map(|r| r.iter().map(|v| v - &lo + BigInt::one()).collect())
        .collect();
    match out.iter().flatten().map(BigInt::bits).max() {
        Some(bits) if bits > MAX_BITS => Err(too_many_bits(bits)),
        _ => Ok(out),
    }
}

/// The most bits of a payoff made an integer (over the common denominator
/// of its player's payoffs, shifted to be positive) that the exact solvers
/// take: the pivots multiply such numbers, and their cost grows with the size.
pub const MAX_BITS: u64 = 256;

fn too_many_bits(bits: u64) -> String {
    format!(
        "the payoffs, written as integers over their common denominator, need {bits} bits or more; \
         exact solving takes at most {MAX_BITS} bits (about 77 digits): use fewer digits or simpler fractions"
    )
}

fn exact_path(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    label: usize,
) -> Result<(Vec<Rational>, Vec<Rational>), String> {
    let m = a.len();
    let n = a[0].len();
    let ai = positive_integers(a)?;
    let bi = positive_integers(b)?;
    let bt: Vec<Vec<BigInt>> = (0..n)
        .map(|j| (0..m).map(|i| bi[i][j].clone()).collect())
        .collect();
    let mut p = Tableau::new(&bt);
    let mut q = Tableau::new(&ai);
    follow(&mut p, &mut q, m, n, label, usize::MAX)?;
    let x = normalise((0..m).map(|i| p.value(i)).collect());
    let y = normalise((0..n).map(|j| q.value(j)).collect());
    Ok((x, y))
}

/// Integer numerators divided by their sum.
pub fn normalise(v: Vec<BigInt>) -> Vec<Rational> {
    let sum: BigInt = v.iter().sum();
    v.into_iter()
        .map(|c| Rational::new(c, sum.clone()))
        .collect()
}
