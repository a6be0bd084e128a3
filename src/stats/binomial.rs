//! The binomial distribution's upper tail, P(X ≥ k) for X ~ Binomial(n, p):
//! the one-sided binomial test (SciPy's `binomtest(k, n, p,
//! alternative="greater")`), used for PRIM's quasi-p-values.
//!
//! The probability mass at k comes from ln Γ; the tail is summed from there
//! with the ratio of successive terms, away from the mode so that the terms
//! fall: upward when k is above the mode, else as 1 − P(X ≤ k − 1) summed
//! downward.

use super::chi2::ln_gamma;

/// ln P(X = x).
fn ln_pmf(x: u64, n: u64, p: f64) -> f64 {
    let (x, nf) = (x as f64, n as f64);
    ln_gamma(nf + 1.0) - ln_gamma(x + 1.0) - ln_gamma(nf - x + 1.0)
        + x * p.ln()
        + (nf - x) * (-p).ln_1p()
}

/// P(X ≥ k) for X ~ Binomial(n, p).
pub fn upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let odds = p / (1.0 - p);
    let mode = ((n + 1) as f64 * p).floor() as u64;
    if k > mode {
        let (mut term, mut sum) = (1.0, 1.0);
        for x in k..n {
            term *= (n - x) as f64 / (x + 1) as f64 * odds;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
        }
        (ln_pmf(k, n, p).exp() * sum).min(1.0)
    } else {
        let (mut term, mut sum) = (1.0, 1.0);
        for x in (1..k).rev() {
            term *= x as f64 / (n - x + 1) as f64 / odds;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
        }
        (1.0 - ln_pmf(k - 1, n, p).exp() * sum).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_match_direct_sums_and_scipy() {
        // Direct sums for small n.
        for n in [1u64, 5, 20] {
            for k in 0..=n + 1 {
                for p in [0.1, 0.5, 0.93] {
                    let direct: f64 = (k..=n).map(|x| ln_pmf(x, n, p).exp()).sum();
                    assert!((upper_tail(k, n, p) - direct).abs() < 1e-12, "{k} {n} {p}");
                }
            }
        }
        // SciPy 1.17.1: binomtest(40, 100, 0.25, alternative="greater").pvalue
        let q = upper_tail(40, 100, 0.25);
        assert!((q / 0.000_686_592_207_962_991_4 - 1.0).abs() < 1e-9, "{q}");
        assert_eq!(upper_tail(0, 10, 0.3), 1.0);
        assert_eq!(upper_tail(3, 10, 0.0), 0.0);
        assert_eq!(upper_tail(3, 10, 1.0), 1.0);
    }
}
