//! The Wilson score interval for a binomial proportion.

/// z for a two-sided 95% interval: the 0.975 quantile of the standard normal.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval for `count` successes in `n` trials at quantile `z`
/// (Wilson 1927; Newcombe 1998, method 3). Returns (0, 1) when `n` is 0.
pub fn wilson(count: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = n as f64;
    let p = count as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Newcombe (1998), Table I: 81/263 gives 0.2553 to 0.3662; 15/148 gives
    /// 0.0624 to 0.1605; 0/20 gives 0 to 0.1611.
    #[test]
    fn matches_newcombe_1998_table_1() {
        let close = |a: f64, b: f64| (a - b).abs() < 5e-5;
        let (lo, hi) = wilson(81, 263, Z95);
        assert!(close(lo, 0.2553) && close(hi, 0.3662), "{lo} {hi}");
        let (lo, hi) = wilson(15, 148, Z95);
        assert!(close(lo, 0.0624) && close(hi, 0.1605), "{lo} {hi}");
        let (lo, hi) = wilson(0, 20, Z95);
        assert!(close(lo, 0.0) && close(hi, 0.1611), "{lo} {hi}");
        let (lo, hi) = wilson(1, 29, Z95);
        assert!(close(lo, 0.0061) && close(hi, 0.1718), "{lo} {hi}");
    }

    #[test]
    fn bounds_stay_in_unit_interval() {
        for n in [1u64, 2, 10, 1000] {
            for c in 0..=n.min(10) {
                let (lo, hi) = wilson(c, n, Z95);
                assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) && lo <= hi);
            }
        }
    }
}
