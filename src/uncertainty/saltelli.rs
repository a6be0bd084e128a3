//! Sobol' indices by Saltelli's scheme: first-order indices by the estimator
//! of Saltelli et al. (2010), total indices by Jansen's (1999), with bootstrap
//! intervals.
//!
//! Design (Saltelli 2002; Saltelli et al. 2010): a scrambled Sobol' sequence
//! in 2k dimensions gives N base rows; row j's first k coordinates are A_j,
//! the last k are B_j, and AB_j^(i) is A_j with coordinate i taken from B_j.
//! The model is evaluated at A_j, AB_j^(1), …, AB_j^(k), B_j: N(k + 2)
//! evaluations, in that order row by row (evaluation j(k + 2) + m), as
//! SALib's `sobol.sample(..., calc_second_order=False)` lays them out.
//!
//! Estimators, with outputs centred on their overall mean (as SALib does):
//! V = the variance of the 2N outputs at A and B,
//! S_i = (1/N) Σ_j f(B_j)(f(AB_j^(i)) − f(A_j)) / V (Saltelli et al. 2010, table 2 (b)),
//! S_Ti = (1/2N) Σ_j (f(A_j) − f(AB_j^(i)))² / V (Jansen 1999; Saltelli et al. 2010, table 2 (f)).
//!
//! Noise: every product of two outputs is the cross-batch product of
//! [`Weights::cross`], unbiased for the product of the true (noise-free)
//! outputs, so the estimates carry no Monte Carlo bias; with one batch (an
//! exact function) they are the plain estimators above.
//!
//! Intervals: the percentile bootstrap over the N rows (B resamples, 95%),
//! each resample drawing on its own ChaCha8 stream. A scenario's rows are
//! played on independent runs (common only within a row,
//! [`super::evaluate::Streams::Grouped`]), so a row's terms are independent
//! draws whose expectation is the noise-free term: resampling rows resamples
//! their Monte Carlo noise too, and the interval includes it.

use rayon::prelude::*;

use super::design::{BOOTSTRAP_STREAM, index, stream_rng};
use super::responses::{Responses, Weights, quantile_sorted};
use super::sobol_sequence::SobolSequence;

/// The normal quantile of a 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The evaluation index of base row j's point m (0 = A, 1..=k = AB^(m), k + 1 = B).
pub fn evaluation(j: usize, m: usize, k: usize) -> usize {
    j * (k + 2) + m
}

/// The unit points of Saltelli's design: N(k + 2) rows of k coordinates, from
/// a 2k-dimensional Sobol' sequence scrambled with `rng`.
pub fn design<R: rand::Rng>(n: usize, k: usize, rng: &mut R) -> Result<Vec<f64>, String> {
    let d = Design::new(n, k, rng)?;
    Ok(d.rows(0..d.evaluations()))
}

/// Saltelli's design kept as its N base rows (A | B, 2k coordinates each):
/// the N(k + 2) evaluation rows are expanded from them on demand, so a large
/// analysis holds 2k numbers per base row instead of k(k + 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    base: Vec<f64>,
    k: usize,
}

impl Design {
    /// The design of `n` base rows over `k` inputs, the sequence scrambled with `rng`.
    pub fn new<R: rand::Rng>(n: usize, k: usize, rng: &mut R) -> Result<Design, String> {
        let seq = SobolSequence::scrambled(2 * k, rng)?;
        Ok(Design {
            base: seq.points(n),
            k,
        })
    }

    /// The number of evaluations, N(k + 2).
    pub fn evaluations(&self) -> usize {
        self.base.len() / (2 * self.k).max(1) * (self.k + 2)
    }

    /// Evaluation rows `range` (see [`evaluation`]): row j's A, its k
    /// AB⁽ⁱ⁾ (A with column i from B), then its B.
    pub fn rows(&self, range: std::ops::Range<usize>) -> Vec<f64> {
        let k = self.k;
        let mut out = Vec::with_capacity(range.len() * k);
        for e in range {
            let (j, m) = (e / (k + 2), e % (k + 2));
            let row = &self.base[j * 2 * k..(j + 1) * 2 * k];
            let (a, b) = row.split_at(k);
            match m {
                0 => out.extend_from_slice(a),
                m if m == k + 1 => out.extend_from_slice(b),
                m => out.extend(
                    a.iter()
                        .enumerate()
                        .map(|(d, x)| if d == m - 1 { b[d] } else { *x }),
                ),
            }
        }
        out
    }
}

/// One index with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The estimate (NaN when the output does not vary).
    pub value: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The indices of one parameter for one output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indices {
    /// First-order index S_i.
    pub first: Interval,
    /// Total index S_Ti.
    pub total: Interval,
}

/// The analysis of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputIndices {
    /// The output's name.
    pub output: String,
    /// One per parameter, in parameter order.
    pub indices: Vec<Indices>,
    /// The output's variance V (noise removed).
    pub variance: f64,
    /// The share of the raw outputs' variance that is Monte Carlo noise.
    pub noise_share: f64,
}

/// First-order and total indices of every output and parameter, from one
/// resample.
type Replicate = (Vec<f64>, Vec<f64>);

/// Per-row sums: for each output, k first-order terms, k total terms, the sum
/// of squares and the sum of the outputs at A and B.
struct Rows {
    k: usize,
    outputs: usize,
    /// `terms[j * width + o * (2k + 2) + ...]`.
    terms: Vec<f64>,
    /// The debiasing of the squared mean, per output (0 with one batch).
    mean_square_correction: Vec<f64>,
}

impl Rows {
    fn width(&self) -> usize {
        self.outputs * (2 * self.k + 2)
    }

    fn build(r: &Responses, w: &Weights, k: usize, n: usize) -> Rows {
        let outputs = r.outputs.len();
        let width = outputs * (2 * k + 2);
        // Centre on the overall mean of every evaluation.
        let centre: Vec<f64> = (0..outputs)
            .map(|o| {
                (0..r.evaluations()).map(|e| r.mean(w, e, o)).sum::<f64>() / r.evaluations() as f64
            })
            .collect();
        let g = r.batches();
        let mut terms = vec![0.0; n * width];
        terms
            .par_chunks_mut(width)
            .enumerate()
            .for_each(|(j, row)| {
                let mut a = vec![0.0; g];
                let mut b = vec![0.0; g];
                let zero = vec![0.0; g];
                for o in 0..outputs {
                    let c = centre[o];
                    let a_raw = r.batch(evaluation(j, 0, k), o);
                    for (x, y) in a.iter_mut().zip(a_raw) {
                        *x = y - c;
                    }
                    for (x, y) in b.iter_mut().zip(r.batch(evaluation(j, k + 1, k), o)) {
                        *x = y - c;
                    }
                    let t = &mut row[o * (2 * k + 2)..(o + 1) * (2 * k + 2)];
                    for i in 0..k {
                        // Differences need no centring.
                        let ab = r.batch(evaluation(j, 1 + i, k), o);
                        t[i] = w.cross_diff(&b, &zero, ab, a_raw);
                        t[k + i] = 0.5 * w.cross_diff(a_raw, ab, a_raw, ab);
                    }
                    t[2 * k] = w.cross(&a, &a) + w.cross(&b, &b);
                    t[2 * k + 1] = w.mean(&a) + w.mean(&b);
                }
            });
        // The squared overall mean of A and B, debiased like the rest (its
        // noise, about p(1 − p)/(2NR), is small but not zero).
        let mean_square_correction = (0..outputs)
            .map(|o| {
                let per_batch: Vec<f64> = (0..g)
                    .map(|bt| {
                        (0..n)
                            .map(|j| {
                                r.batch(evaluation(j, 0, k), o)[bt]
                                    + r.batch(evaluation(j, k + 1, k), o)[bt]
                                    - 2.0 * centre[o]
                            })
                            .sum::<f64>()
                            / (2 * n) as f64
                    })
                    .collect();
                let m = w.mean(&per_batch);
                m * m - w.cross(&per_batch, &per_batch)
            })
            .collect();
        Rows {
            k,
            outputs,
            terms,
            mean_square_correction,
        }
    }

    /// Indices (first, total) of every output and parameter from sums over
    /// rows, plus each output's variance.
    fn estimate(&self, sums: &[f64], rows: f64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let k = self.k;
        let mut first = Vec::with_capacity(self.outputs * k);
        let mut total = Vec::with_capacity(self.outputs * k);
        let mut var = Vec::with_capacity(self.outputs);
        for o in 0..self.outputs {
            let t = &sums[o * (2 * k + 2)..(o + 1) * (2 * k + 2)];
            let mean = t[2 * k + 1] / (2.0 * rows);
            let v = t[2 * k] / (2.0 * rows) - mean * mean + self.mean_square_correction[o];
            let ok = v > 1e-300;
            for i in 0..k {
                first.push(if ok { t[i] / rows / v } else { f64::NAN });
                total.push(if ok { t[k + i] / rows / v } else { f64::NAN });
            }
            var.push(v);
        }
        (first, total, var)
    }

    fn sums(&self) -> Vec<f64> {
        let w = self.width();
        let mut acc = vec![0.0; w];
        for row in self.terms.chunks(w) {
            for (a, x) in acc.iter_mut().zip(row) {
                *a += x;
            }
        }
        acc
    }
}

/// Saltelli's analysis of N base rows of `k` parameters: indices of every
/// output with 95% intervals from `resamples` bootstrap resamples (seeded by
/// `seed`), run on the current rayon pool.
pub fn analyze(r: &Responses, k: usize, resamples: usize, seed: u64) -> Vec<OutputIndices> {
    let n = r.evaluations() / (k + 2);
    let all = Weights::new(&r.weights);
    let rows = Rows::build(r, &all, k, n);
    let (first, total, var) = rows.estimate(&rows.sums(), n as f64);

    // The bootstrap over rows: resample b draws N rows on stream BOOTSTRAP_STREAM + b.
    let width = rows.width();
    let boot: Vec<Replicate> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = stream_rng(seed, BOOTSTRAP_STREAM + b as u64);
            let mut acc = vec![0.0; width];
            for _ in 0..n {
                let j = index(&mut rng, n);
                for (a, x) in acc.iter_mut().zip(&rows.terms[j * width..(j + 1) * width]) {
                    *a += x;
                }
            }
            let (f, t, _) = rows.estimate(&acc, n as f64);
            (f, t)
        })
        .collect();

    // Noise share: the raw variance against the debiased one.
    let noise_share: Vec<f64> = (0..r.outputs.len())
        .map(|o| {
            let plain = plain_variance(r, &all, k, n, o);
            if all.debiased() && plain > 1e-300 {
                ((plain - var[o]) / plain).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();

    let interval = |value: f64, pick: &dyn Fn(&Replicate) -> f64| -> Interval {
        if !value.is_finite() {
            return Interval {
                value,
                low: f64::NAN,
                high: f64::NAN,
            };
        }
        let mut reps: Vec<f64> = boot.iter().map(pick).filter(|x| x.is_finite()).collect();
        reps.sort_by(f64::total_cmp);
        let (low, high) = if reps.is_empty() {
            (value, value)
        } else {
            (quantile_sorted(&reps, 0.025), quantile_sorted(&reps, 0.975))
        };
        // The interval always holds the estimate.
        Interval {
            value,
            low: low.min(value),
            high: high.max(value),
        }
    };

    (0..r.outputs.len())
        .map(|o| OutputIndices {
            output: r.outputs[o].clone(),
            indices: (0..k)
                .map(|i| {
                    let at = o * k + i;
                    Indices {
                        first: interval(first[at], &|x| x.0[at]),
                        total: interval(total[at], &|x| x.1[at]),
                    }
                })
                .collect(),
            variance: var[o],
            noise_share: noise_share[o],
        })
        .collect()
}

/// The plain (noisy) variance of output o over the A and B evaluations.
fn plain_variance(r: &Responses, w: &Weights, k: usize, n: usize, o: usize) -> f64 {
    let ys: Vec<f64> = (0..n)
        .flat_map(|j| [evaluation(j, 0, k), evaluation(j, k + 1, k)])
        .map(|e| r.mean(w, e, o))
        .collect();
    let m = ys.iter().sum::<f64>() / ys.len() as f64;
    ys.iter().map(|y| (y - m) * (y - m)).sum::<f64>() / ys.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uncertainty::functions::TestFunction;
    use rand::SeedableRng;

    fn run(f: TestFunction, n: usize, seed: u64) -> Vec<OutputIndices> {
        let k = f.dims();
        let mut rng = stream_rng(seed, 0);
        let u = design(n, k, &mut rng).unwrap();
        let y: Vec<f64> = u
            .chunks(k)
            .map(|p| f.eval(&p.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
            .collect();
        analyze(&Responses::exact(vec!["y".into()], y), k, 200, seed)
    }

    #[test]
    fn design_rows_swap_one_column() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let (n, k) = (4, 3);
        let u = design(n, k, &mut rng).unwrap();
        assert_eq!(u.len(), n * (k + 2) * k);
        for j in 0..n {
            let row = |m: usize| &u[evaluation(j, m, k) * k..evaluation(j, m, k) * k + k];
            for i in 0..k {
                for d in 0..k {
                    let expect = if d == i { row(k + 1)[d] } else { row(0)[d] };
                    assert_eq!(row(1 + i)[d], expect);
                }
            }
        }
    }

    #[test]
    fn rows_expanded_on_demand_are_the_whole_design() {
        let (n, k) = (5, 4);
        let d = Design::new(n, k, &mut rand_chacha::ChaCha8Rng::seed_from_u64(9)).unwrap();
        // The whole design expanded row by row from the same sequence.
        let seq = SobolSequence::scrambled(2 * k, &mut rand_chacha::ChaCha8Rng::seed_from_u64(9))
            .unwrap();
        let base = seq.points(n);
        let mut whole = Vec::new();
        for j in 0..n {
            let (a, b) = base[j * 2 * k..(j + 1) * 2 * k].split_at(k);
            whole.extend_from_slice(a);
            for i in 0..k {
                let mut ab = a.to_vec();
                ab[i] = b[i];
                whole.extend(ab);
            }
            whole.extend_from_slice(b);
        }
        assert_eq!(
            design(n, k, &mut rand_chacha::ChaCha8Rng::seed_from_u64(9)).unwrap(),
            whole
        );
        assert_eq!(d.evaluations(), n * (k + 2));
        for (lo, hi) in [(0, 30), (3, 4), (5, 17), (29, 30), (7, 7)] {
            assert_eq!(d.rows(lo..hi), whole[lo * k..hi * k], "{lo}..{hi}");
        }
    }

    #[test]
    fn ishigami_indices_agree_with_the_analytic_values() {
        let f = TestFunction::Ishigami;
        let (s1, st) = f.analytic();
        let out = &run(f, 1 << 13, 7)[0];
        for i in 0..3 {
            let x = out.indices[i];
            assert!(
                x.first.low <= s1[i] && s1[i] <= x.first.high,
                "S1 {i}: {x:?} vs {}",
                s1[i]
            );
            assert!(
                x.total.low <= st[i] && st[i] <= x.total.high,
                "ST {i}: {x:?} vs {}",
                st[i]
            );
            assert!(x.first.high - x.first.low < 0.1);
        }
        assert_eq!(out.noise_share, 0.0);
    }

    #[test]
    fn constant_outputs_have_no_indices() {
        let k = 2;
        let y = vec![1.0; 8 * (k + 2)];
        let out = analyze(&Responses::exact(vec!["y".into()], y), k, 10, 1);
        assert!(out[0].indices[0].first.value.is_nan());
    }

    /// Binomial outcome shares: p = 0.2 + 0.6 x1 (x2 and x3 ignored), R runs
    /// per evaluation in 8 batches, so the indices are exactly S1 = ST = 1
    /// for x1 and 0 for the others, and the noise p(1 - p)/R is about a sixth
    /// of the outputs' variance.
    fn noisy_shares(n: usize, runs: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let k = 3;
        let g = 8;
        let u = design(n, k, &mut stream_rng(seed, 0)).unwrap();
        let mut noise = stream_rng(seed, 1);
        let mut batched = Vec::new();
        let mut pooled = Vec::new();
        for point in u.chunks(k) {
            let p = 0.2 + 0.6 * point[0];
            let mut total = 0.0;
            for _ in 0..g {
                let hits = (0..runs / g)
                    .filter(|_| crate::uncertainty::design::unit(&mut noise) < p)
                    .count() as f64;
                batched.push(hits / (runs / g) as f64);
                total += hits;
            }
            pooled.push(total / runs as f64);
        }
        (batched, pooled)
    }

    /// As [`noisy_shares`], but on runs common to the k + 2 evaluations of a
    /// row and independent across rows, as `sensitivity` plays a scenario.
    fn row_common_shares(n: usize, runs: usize, seed: u64) -> Vec<f64> {
        let k = 3;
        let u = design(n, k, &mut stream_rng(seed, 0)).unwrap();
        let mut noise = stream_rng(seed, 1);
        let mut out = Vec::new();
        for row in u.chunks(k * (k + 2)) {
            let dice: Vec<f64> = (0..runs)
                .map(|_| crate::uncertainty::design::unit(&mut noise))
                .collect();
            for point in row.chunks(k) {
                let p = 0.2 + 0.6 * point[0];
                for batch in dice.chunks(runs / 8) {
                    let hits = batch.iter().filter(|d| **d < p).count() as f64;
                    out.push(hits / batch.len() as f64);
                }
            }
        }
        out
    }

    #[test]
    fn runs_common_within_rows_give_exact_zeros_and_cover_the_truth() {
        let (runs, n) = (16, 4096);
        let r = Responses {
            outputs: vec!["share".into()],
            weights: vec![(runs / 8) as f64; 8],
            values: row_common_shares(n, runs, 9),
        };
        let out = &analyze(&r, 3, 200, 9)[0];
        let x1 = out.indices[0];
        assert!(x1.first.low <= 1.0 && 1.0 <= x1.first.high, "{x1:?}");
        assert!(x1.total.low <= 1.0 && 1.0 <= x1.total.high, "{x1:?}");
        assert!(x1.total.high - x1.total.low < 0.1, "{x1:?}");
        // An ignored input changes no run: its indices are exactly 0.
        for x in &out.indices[1..] {
            assert_eq!((x.first.value, x.total.value), (0.0, 0.0), "{x:?}");
            assert_eq!((x.total.low, x.total.high), (0.0, 0.0), "{x:?}");
        }
        assert!(out.noise_share > 0.2, "{}", out.noise_share);
    }

    #[test]
    fn monte_carlo_noise_is_removed_and_inside_the_interval() {
        let (runs, n) = (48, 4096);
        let (batched, pooled) = noisy_shares(n, runs, 5);
        let r = Responses {
            outputs: vec!["share".into()],
            weights: vec![(runs / 8) as f64; 8],
            values: batched,
        };
        let out = &analyze(&r, 3, 200, 5)[0];
        let x1 = out.indices[0];
        assert!(x1.first.low <= 1.0 && 1.0 <= x1.first.high, "{x1:?}");
        assert!(x1.total.low <= 1.0 && 1.0 <= x1.total.high, "{x1:?}");
        for x in &out.indices[1..] {
            assert!(x.first.low <= 0.0 && 0.0 <= x.first.high, "{x:?}");
            assert!(x.total.low <= 0.0 && 0.0 <= x.total.high, "{x:?}");
        }
        assert!(
            (0.05..0.3).contains(&out.noise_share),
            "{}",
            out.noise_share
        );
        // The same runs pooled into one mean, as a naive analysis would read
        // them: the noise biases S1 of x1 down and the interval misses 1.
        let naive = &analyze(&Responses::exact(vec!["share".into()], pooled), 3, 200, 5)[0];
        assert!(naive.indices[0].first.high < 1.0, "{:?}", naive.indices[0]);
        assert!(naive.indices[1].total.low > 0.0, "{:?}", naive.indices[1]);
    }
}
