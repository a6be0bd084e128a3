//! What the sensitivity methods read: the model's outputs at every evaluation
//! of a design, kept by batch of Monte Carlo runs so that the methods can
//! remove the noise's bias and measure its variance.
//!
//! A scenario's output (an outcome's share) at a parameter set is a mean over
//! R runs, which carries Monte Carlo noise. The R runs are split into G
//! batches of consecutive run indices, on the same runs at every parameter
//! set of a row of the design (common random numbers,
//! [`super::evaluate::Streams`]). Distinct batches use independent random
//! streams, so for
//! two outputs a and b of any evaluations, the mean over pairs of distinct
//! batches, Σ_{g≠h} w_g w_h a_g b_h / Σ_{g≠h} w_g w_h ([`Weights::cross`]),
//! has expectation exactly (E a)(E b): the product of the true shares, with no
//! noise term. The estimators are built from such products. An analytic
//! function has one batch and no noise.

/// Outputs at every evaluation, by batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    /// The outputs' names (`y`, or the four outcomes).
    pub outputs: Vec<String>,
    /// Runs in each batch (one batch of weight 1 for an exact function).
    pub weights: Vec<f64>,
    /// `values[(e * outputs + o) * batches + g]`: output o of evaluation e in
    /// batch g (a batch mean).
    pub values: Vec<f64>,
}

impl Responses {
    /// Exact outputs: one batch, `values[e * outputs + o]`.
    pub fn exact(outputs: Vec<String>, values: Vec<f64>) -> Responses {
        Responses {
            outputs,
            weights: vec![1.0],
            values,
        }
    }

    /// The number of batches.
    pub fn batches(&self) -> usize {
        self.weights.len()
    }

    /// The number of evaluations.
    pub fn evaluations(&self) -> usize {
        self.values.len() / (self.outputs.len() * self.batches()).max(1)
    }

    /// Output o of evaluation e, batch by batch.
    pub fn batch(&self, e: usize, o: usize) -> &[f64] {
        let g = self.batches();
        let start = (e * self.outputs.len() + o) * g;
        &self.values[start..start + g]
    }

    /// Output o of evaluation e over all its runs.
    pub fn mean(&self, w: &Weights, e: usize, o: usize) -> f64 {
        w.mean(self.batch(e, o))
    }
}

/// Batch weights (runs per batch; a batch of weight 0 does not count).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    w: Vec<f64>,
    sum: f64,
    /// Σ_{g≠h} w_g w_h, or 0 when fewer than two batches count.
    pairs: f64,
}

impl Weights {
    /// All batches.
    pub fn new(w: &[f64]) -> Weights {
        let sum: f64 = w.iter().sum();
        let sq: f64 = w.iter().map(|x| x * x).sum();
        let counted = w.iter().filter(|x| **x > 0.0).count();
        Weights {
            w: w.to_vec(),
            sum,
            pairs: if counted >= 2 { sum * sum - sq } else { 0.0 },
        }
    }

    /// Whether products can be debiased (two batches or more).
    pub fn debiased(&self) -> bool {
        self.pairs > 0.0
    }

    /// The weighted mean of batch values.
    pub fn mean(&self, a: &[f64]) -> f64 {
        a.iter().zip(&self.w).map(|(x, w)| x * w).sum::<f64>() / self.sum
    }

    /// The cross-batch product of a and b (see the module): unbiased for the
    /// product of their expectations. With one batch, the plain product.
    pub fn cross(&self, a: &[f64], b: &[f64]) -> f64 {
        let (mut sa, mut sb, mut sab) = (0.0, 0.0, 0.0);
        for ((x, y), w) in a.iter().zip(b).zip(&self.w) {
            sa += w * x;
            sb += w * y;
            sab += w * w * x * y;
        }
        if self.debiased() {
            (sa * sb - sab) / self.pairs
        } else {
            sa * sb / (self.sum * self.sum)
        }
    }

    /// [`Weights::cross`] of (a − c) with (b − d), element by element:
    /// products of differences, computed on the differences so that equal
    /// outputs give exactly zero.
    pub fn cross_diff(&self, a: &[f64], c: &[f64], b: &[f64], d: &[f64]) -> f64 {
        let (mut sx, mut sy, mut sxy) = (0.0, 0.0, 0.0);
        for i in 0..self.w.len() {
            let (x, y, w) = (a[i] - c[i], b[i] - d[i], self.w[i]);
            sx += w * x;
            sy += w * y;
            sxy += w * w * x * y;
        }
        if self.debiased() {
            (sx * sy - sxy) / self.pairs
        } else {
            sx * sy / (self.sum * self.sum)
        }
    }

    /// The batches' count.
    pub fn len(&self) -> usize {
        self.w.len()
    }

    /// Whether there are no batches.
    pub fn is_empty(&self) -> bool {
        self.w.is_empty()
    }
}

/// The q-quantile of sorted values, interpolating linearly between order
/// statistics (NumPy's default, "type 7").
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The batch of each run when R runs are split into G batches: batch g holds
/// runs ⌊gR/G⌋ up to ⌊(g+1)R/G⌋.
pub fn batch_bounds(runs: u64, batches: usize) -> Vec<std::ops::Range<u64>> {
    let g = batches as u64;
    (0..g)
        .map(|b| (b * runs / g)..((b + 1) * runs / g))
        .collect()
}

/// The number of batches for R runs per evaluation: 8, or R when smaller.
pub fn batches_for(runs: u64) -> usize {
    runs.min(8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_products_are_unbiased_for_noisy_batches() {
        // Exact identity: with equal weights the cross product is the mean of
        // a_g b_h over g != h.
        let w = Weights::new(&[1.0, 1.0, 1.0]);
        let (a, b) = ([1.0, 2.0, 4.0], [3.0, 0.0, 1.0]);
        let mut pairs = 0.0;
        for (g, x) in a.iter().enumerate() {
            for (h, y) in b.iter().enumerate() {
                if g != h {
                    pairs += x * y;
                }
            }
        }
        assert!((w.cross(&a, &b) - pairs / 6.0).abs() < 1e-12);
        assert!(
            (w.cross_diff(&a, &b, &a, &b) - w.cross(&[-2.0, 2.0, 3.0], &[-2.0, 2.0, 3.0])).abs()
                < 1e-12
        );
        // One batch: the plain product.
        let one = Weights::new(&[1.0]);
        assert_eq!(one.cross(&[3.0], &[2.0]), 6.0);
        assert!(!one.debiased());
        // A batch of weight 0 does not count.
        let two = Weights::new(&[1.0, 1.0, 0.0]);
        assert!((two.cross(&a, &b) - (1.0 * 0.0 + 2.0 * 3.0) / 2.0).abs() < 1e-12);
        assert!((two.mean(&a) - 1.5).abs() < 1e-12);
    }

    #[test]
    fn batches_split_runs_exactly() {
        let b = batch_bounds(1001, 8);
        assert_eq!(b.len(), 8);
        assert_eq!(b[0].start, 0);
        assert_eq!(b[7].end, 1001);
        assert!(b.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(batches_for(3), 3);
        assert_eq!(batches_for(1000), 8);
    }

    #[test]
    fn quantiles() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&s, 0.5), 2.5);
        assert_eq!(quantile_sorted(&s, 0.0), 1.0);
        assert_eq!(quantile_sorted(&s, 1.0), 4.0);
    }
}
