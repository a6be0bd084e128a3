//! Evolutionary dynamics on a payoff matrix between strategies.
//!
//! A population of strategies (types) meets in pairs; a type's payoff against
//! another is read from a [`Payoffs`] matrix — given in TOML or measured by a
//! tournament (the mean payoff per turn of one type against another). Two
//! dynamics are built on it:
//!
//! - [`moran`]: the birth–death Moran process of a finite population, by
//!   Monte Carlo on the engine's seeding (one random stream per run), with
//!   [`fixation`] giving the exact fixation probabilities and times of the
//!   two-type chain to check it against;
//! - [`replicator`]: the replicator equation of an infinite population,
//!   integrated by fourth-order Runge–Kutta on the simplex.
//!
//! [`input`] reads the `[moran]` and `[replicator]` tables of an evolution
//! file. The equations, and where this follows or differs from the Axelrod
//! Python library, are in `docs/EVOLUTION.md`.

pub mod fixation;
pub mod input;
pub mod moran;
pub mod replicator;

/// A square payoff matrix between named strategies: `value(i, j)` is what a
/// player of strategy `i` earns against one of strategy `j` (per turn, or per
/// stage game). Only the row player's payoff is needed: the game is symmetric
/// in the sense that both players draw from the same set of strategies.
#[derive(Debug, Clone, PartialEq)]
pub struct Payoffs {
    names: Vec<String>,
    /// Row-major, `names.len()²` entries.
    values: Vec<f64>,
}

impl Payoffs {
    /// A matrix from names and rows; `None` unless it is square, non-empty,
    /// finite and has as many rows as names.
    pub fn new(names: Vec<String>, rows: &[Vec<f64>]) -> Option<Payoffs> {
        let k = names.len();
        if k == 0 || rows.len() != k || rows.iter().any(|r| r.len() != k) {
            return None;
        }
        let values: Vec<f64> = rows.iter().flatten().copied().collect();
        if values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        Some(Payoffs { names, values })
    }

    /// Number of strategies.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no strategies (never, for a constructed matrix).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The strategies' names, in matrix order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The payoff of strategy `i` against strategy `j`.
    #[inline]
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.names.len() + j]
    }

    /// Row `i`: strategy `i`'s payoffs against every strategy.
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        let k = self.names.len();
        &self.values[i * k..(i + 1) * k]
    }

    /// The smallest entry.
    pub fn min(&self) -> f64 {
        self.values.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// The spread of the entries: the largest minus the smallest.
    pub fn spread(&self) -> f64 {
        let max = self
            .values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        max - self.min()
    }

    /// The position of a strategy by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payoffs_must_be_square_and_finite() {
        let names = vec!["A".to_string(), "B".to_string()];
        let p = Payoffs::new(names.clone(), &[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        assert_eq!(p.value(0, 1), 2.0);
        assert_eq!(p.row(1), &[3.0, 4.0]);
        assert_eq!(p.min(), 1.0);
        assert_eq!(p.index_of("B"), Some(1));
        assert!(Payoffs::new(names.clone(), &[vec![1.0, 2.0]]).is_none());
        assert!(Payoffs::new(names.clone(), &[vec![1.0], vec![3.0, 4.0]]).is_none());
        assert!(Payoffs::new(names, &[vec![1.0, f64::NAN], vec![3.0, 4.0]]).is_none());
        assert!(Payoffs::new(vec![], &[]).is_none());
    }
}
