//! An exact simplex tableau for the polytope `{z >= 0, M z <= 1}` with
//! integer pivoting (every entry stays an integer: the tableau is
//! `det(basis) * basis^-1 [M I 1]`, and a pivot divides exactly by the
//! previous determinant).
//!
//! Variables `0..d` are the coordinates `z`, variables `d..d+k` the slacks of
//! the `k` rows. The determinant stays positive because pivots are only made
//! on positive entries chosen by a ratio test, which keeps the basis feasible.

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

/// An exact tableau.
#[derive(Debug, Clone)]
pub struct Tableau {
    /// Number of coordinates.
    pub d: usize,
    /// Number of rows (constraints).
    pub k: usize,
    /// Row-major entries, `k` rows of `d + k + 1` (the last column is the right-hand side).
    t: Vec<BigInt>,
    /// The basic variable of each row.
    pub basis: Vec<usize>,
    /// The row of each variable, or `usize::MAX` when nonbasic.
    pub row_of: Vec<usize>,
    /// The determinant of the basis (positive).
    det: BigInt,
}

impl Tableau {
    /// The tableau of the origin: every slack basic. `m` is `k` rows of `d` integers.
    pub fn new(m: &[Vec<BigInt>]) -> Tableau {
        let k = m.len();
        let d = m.first().map_or(0, Vec::len);
        let w = d + k + 1;
        let mut t = vec![BigInt::zero(); k * w];
        for (i, row) in m.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                t[i * w + j] = v.clone();
            }
            t[i * w + d + i] = BigInt::one();
            t[i * w + d + k] = BigInt::one();
        }
        let mut row_of = vec![usize::MAX; d + k];
        for i in 0..k {
            row_of[d + i] = i;
        }
        Tableau {
            d,
            k,
            t,
            basis: (d..d + k).collect(),
            row_of,
            det: BigInt::one(),
        }
    }

    fn w(&self) -> usize {
        self.d + self.k + 1
    }

    /// Entry of row `i`, column `j` (`j == d + k` is the right-hand side).
    pub fn at(&self, i: usize, j: usize) -> &BigInt {
        &self.t[i * self.w() + j]
    }

    /// The right-hand side of row `i` (the basic variable's value times the determinant).
    pub fn rhs(&self, i: usize) -> &BigInt {
        self.at(i, self.d + self.k)
    }

    /// The common denominator of every value.
    pub fn det(&self) -> &BigInt {
        &self.det
    }

    /// The numerator of variable `v`'s value (0 when nonbasic).
    pub fn value(&self, v: usize) -> BigInt {
        match self.row_of[v] {
            usize::MAX => BigInt::zero(),
            r => self.rhs(r).clone(),
        }
    }

    /// Whether variable `v` is zero (a tight constraint).
    pub fn is_zero(&self, v: usize) -> bool {
        match self.row_of[v] {
            usize::MAX => true,
            r => self.rhs(r).is_zero(),
        }
    }

    /// The rows that may leave when column `c` enters: every row attaining the
    /// minimum ratio (several when the vertex is degenerate). Empty when the
    /// column is unbounded (never for a bounded polytope).
    pub fn min_ratio_rows(&self, c: usize) -> Vec<usize> {
        let mut best: Vec<usize> = Vec::new();
        for i in 0..self.k {
            let a = self.at(i, c);
            if !a.is_positive() {
                continue;
            }
            match best.first() {
                None => best.push(i),
                Some(&b) => {
                    // rhs_i / a_i  vs  rhs_b / a_b
                    let lhs = self.rhs(i) * self.at(b, c);
                    let rhs = self.rhs(b) * a;
                    match lhs.cmp(&rhs) {
                        std::cmp::Ordering::Less => {
                            best.clear();
                            best.push(i);
                        }
                        std::cmp::Ordering::Equal => best.push(i),
                        std::cmp::Ordering::Greater => {}
                    }
                }
            }
        }
        best
    }

    /// The leaving row for column `c` by the lexicographic minimum-ratio rule
    /// (right-hand side, then the slack columns): unique, so pivoting never cycles.
    pub fn lex_min_ratio_row(&self, c: usize) -> Option<usize> {
        let rows = self.min_ratio_rows(c);
        if rows.len() <= 1 {
            return rows.first().copied();
        }
        let mut best = rows[0];
        for &i in &rows[1..] {
            for j in self.d..self.d + self.k {
                let lhs = self.at(i, j) * self.at(best, c);
                let rhs = self.at(best, j) * self.at(i, c);
                match lhs.cmp(&rhs) {
                    std::cmp::Ordering::Less => {
                        best = i;
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                    std::cmp::Ordering::Equal => {}
                }
            }
        }
        Some(best)
    }

    /// A copy of the tableau pivoted on row `r`, column `c` (built in one
    /// pass: cheaper than cloning and pivoting).
    pub fn pivoted(&self, r: usize, c: usize) -> Tableau {
        let w = self.w();
        let p = &self.t[r * w + c];
        debug_assert!(p.is_positive());
        let prow = &self.t[r * w..(r + 1) * w];
        let mut t = Vec::with_capacity(self.t.len());
        for (i, row) in self.t.chunks(w).enumerate() {
            let f = &row[c];
            if i == r {
                t.extend(row.iter().cloned());
            } else if f.is_zero() {
                t.extend(row.iter().map(|x| {
                    if x.is_zero() {
                        BigInt::zero()
                    } else {
                        x * p / &self.det
                    }
                }));
            } else {
                t.extend(
                    row.iter()
                        .zip(prow)
                        .map(|(x, y)| (x * p - f * y) / &self.det),
                );
            }
        }
        let mut basis = self.basis.clone();
        let mut row_of = self.row_of.clone();
        row_of[basis[r]] = usize::MAX;
        row_of[c] = r;
        basis[r] = c;
        Tableau {
            d: self.d,
            k: self.k,
            t,
            basis,
            row_of,
            det: p.clone(),
        }
    }

    /// Pivots variable `c` into the basis in row `r` (the entry must be positive).
    pub fn pivot(&mut self, r: usize, c: usize) {
        let w = self.w();
        let p = self.t[r * w + c].clone();
        debug_assert!(p.is_positive());
        let (before, rest) = self.t.split_at_mut(r * w);
        let (prow, after) = rest.split_at_mut(w);
        for row in before.chunks_mut(w).chain(after.chunks_mut(w)) {
            let f = row[c].clone();
            if f.is_zero() {
                for x in row.iter_mut() {
                    if !x.is_zero() {
                        *x = &*x * &p / &self.det;
                    }
                }
                continue;
            }
            for (x, y) in row.iter_mut().zip(prow.iter()) {
                let v = &*x * &p - &f * y;
                *x = if self.det.is_one() { v } else { v / &self.det };
            }
        }
        let leaving = self.basis[r];
        self.row_of[leaving] = usize::MAX;
        self.row_of[c] = r;
        self.basis[r] = c;
        self.det = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivoting_keeps_integer_values_exact() {
        // z1 + 2 z2 <= 1, 3 z1 + z2 <= 1.
        let m = vec![
            vec![BigInt::from(1), BigInt::from(2)],
            vec![BigInt::from(3), BigInt::from(1)],
        ];
        let mut t = Tableau::new(&m);
        let r = t.lex_min_ratio_row(0).unwrap();
        assert_eq!(r, 1);
        t.pivot(r, 0);
        // z1 = 1/3.
        assert_eq!(
            (t.value(0), t.det().clone()),
            (BigInt::from(1), BigInt::from(3))
        );
        let r = t.lex_min_ratio_row(1).unwrap();
        t.pivot(r, 1);
        // z = (1/5, 2/5).
        assert_eq!(t.det(), &BigInt::from(5));
        assert_eq!(t.value(0), BigInt::from(1));
        assert_eq!(t.value(1), BigInt::from(2));
    }
}
