//! Comparing two outcome distributions at one point: per outcome both
//! probabilities and the difference p_b − p_a with a 95% interval (Newcombe's
//! hybrid score interval, paired when the runs are matched), and for the
//! point Pearson's chi-square test of homogeneity and the total variation
//! distance. The formulas and references are in `docs/COMPARE.md`.

use super::chi2::{homogeneity, total_variation};
use super::{Z95, newcombe, newcombe_paired};

/// Runs by outcome pair: `joint[i][j]` runs ended in outcome i under A and
/// outcome j under B (outcomes in `Outcome::ALL` order).
pub type Joint = [[u64; 4]; 4];

/// One outcome of a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeDiff {
    /// Runs of the outcome under A and B.
    pub count: (u64, u64),
    /// Its probability under A and under B.
    pub p: (f64, f64),
    /// p_b − p_a.
    pub diff: f64,
    /// The 95% interval of `diff`.
    pub interval: (f64, f64),
}

/// The comparison of one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointComparison {
    /// Runs under A and B.
    pub runs: (u64, u64),
    /// Per outcome, in `Outcome::ALL` order.
    pub outcomes: [OutcomeDiff; 4],
    /// Pearson's X² statistic of the 2×k table.
    pub chi2: f64,
    /// Its degrees of freedom (non-empty outcomes − 1).
    pub df: u32,
    /// Its p-value.
    pub chi2_p: f64,
    /// The total variation distance ½ Σ |p_a − p_b|.
    pub tvd: f64,
}

/// Compares outcome counts `a` and `b`; with `joint`, the runs are matched
/// pairs (common random numbers) and each interval is Newcombe's paired one.
pub fn compare(a: [u64; 4], b: [u64; 4], joint: Option<&Joint>) -> PointComparison {
    let (na, nb) = (a.iter().sum::<u64>(), b.iter().sum::<u64>());
    let outcomes = std::array::from_fn(|k| {
        let p = (
            a[k] as f64 / na.max(1) as f64,
            b[k] as f64 / nb.max(1) as f64,
        );
        let interval = match joint {
            Some(j) => {
                let both = j[k][k];
                let only_a = j[k].iter().sum::<u64>() - both;
                let only_b = j.iter().map(|row| row[k]).sum::<u64>() - both;
                newcombe_paired(both, only_b, only_a, na - both - only_a - only_b, Z95)
            }
            None => newcombe(b[k], nb, a[k], na, Z95),
        };
        OutcomeDiff {
            count: (a[k], b[k]),
            p,
            diff: p.1 - p.0,
            interval,
        }
    });
    let (chi2, df, chi2_p) = homogeneity(&a, &b);
    PointComparison {
        runs: (na, nb),
        outcomes,
        chi2,
        df,
        chi2_p,
        tvd: total_variation(&a, &b),
    }
}

/// The marginal outcome counts of a joint table: (A's, B's).
pub fn marginals(j: &Joint) -> ([u64; 4], [u64; 4]) {
    (
        std::array::from_fn(|i| j[i].iter().sum()),
        std::array::from_fn(|k| j.iter().map(|row| row[k]).sum()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independent_and_paired_agree_on_estimates() {
        // A: 50 deal, 50 war; B moves 10 runs from deal to war.
        let mut j: Joint = [[0; 4]; 4];
        j[0][0] = 40;
        j[0][2] = 10;
        j[2][2] = 50;
        let (a, b) = marginals(&j);
        assert_eq!(a, [50, 0, 50, 0]);
        assert_eq!(b, [40, 0, 60, 0]);
        let ind = compare(a, b, None);
        let pair = compare(a, b, Some(&j));
        assert!((ind.outcomes[0].diff + 0.1).abs() < 1e-12);
        assert_eq!(pair.outcomes[0].diff, ind.outcomes[0].diff);
        assert_eq!(ind.df, 1);
        assert!((ind.tvd - 0.1).abs() < 1e-12);
        // Ten discordant pairs all in one direction: the paired interval
        // excludes 0, the independent one does not.
        let (lo, hi) = pair.outcomes[0].interval;
        assert!(hi < 0.0, "{lo} {hi}");
        let (lo, hi) = ind.outcomes[0].interval;
        assert!(lo < 0.0 && hi > 0.0);
    }
}
