//! Paired differences under common random numbers.
//!
//! When two scenario variants are run with the same (seed, run) streams, run i
//! of A and run i of B share their random draws, so the difference of an
//! indicator (or any per-run value) is a paired sample: its variance is far
//! smaller than that of two independent samples, and comparisons are sharp.

/// Running moments of per-run differences d_i = b_i − a_i.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Paired {
    n: u64,
    sum: f64,
    sum_sq: f64,
}

impl Paired {
    /// Adds one pair (a_i, b_i).
    pub fn add(&mut self, a: f64, b: f64) {
        let d = b - a;
        self.n += 1;
        self.sum += d;
        self.sum_sq += d * d;
    }

    /// Pairs added.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The mean difference, mean(b − a).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum / self.n as f64
        }
    }

    /// The standard error of the mean difference.
    pub fn std_error(&self) -> f64 {
        if self.n < 2 {
            return f64::INFINITY;
        }
        let n = self.n as f64;
        let var = (self.sum_sq - self.sum * self.sum / n) / (n - 1.0);
        (var.max(0.0) / n).sqrt()
    }

    /// The normal-approximation interval mean ± z·SE.
    pub fn interval(&self, z: f64) -> (f64, f64) {
        let (m, se) = (self.mean(), self.std_error());
        (m - z * se, m + z * se)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_error_of_known_sample() {
        let mut p = Paired::default();
        // Differences 1, 0, 0, 1, -1: mean 0.2, sample variance 0.7.
        for (a, b) in [(0.0, 1.0), (1.0, 1.0), (0.0, 0.0), (0.0, 1.0), (1.0, 0.0)] {
            p.add(a, b);
        }
        assert_eq!(p.n(), 5);
        assert!((p.mean() - 0.2).abs() < 1e-12);
        assert!((p.std_error() - (0.7f64 / 5.0).sqrt()).abs() < 1e-12);
        let (lo, hi) = p.interval(1.96);
        assert!(lo < 0.2 && hi > 0.2);
    }
}
