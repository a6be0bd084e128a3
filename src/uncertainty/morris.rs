//! Morris' elementary effects (Morris 1991), with μ* (Campolongo, Cariboni
//! and Saltelli 2007).
//!
//! Design: r trajectories on a grid of p levels {0, 1/(p−1), …, 1} of the
//! unit cube, with step Δ = p/(2(p−1)). A trajectory starts at a random base
//! point x* whose coordinates are levels with x* + Δ ≤ 1, takes a random
//! direction for each coordinate (starting at x* and stepping up, or at x* + Δ
//! and stepping down) and moves the coordinates one at a time in a random
//! order: k + 1 points, r(k + 1) evaluations in all (trajectory t's points are
//! evaluations t(k + 1) … t(k + 1) + k). This is Morris' random orientation of
//! his matrix B*.
//!
//! Elementary effect of coordinate i in a trajectory: EE = (f(after) −
//! f(before))/Δ when coordinate i stepped up, (f(before) − f(after))/Δ when it
//! stepped down — per unit of the coordinate on the unit scale, as SALib
//! computes it (without `scaled`). μ = mean EE, μ* = mean |EE|, σ = the
//! standard deviation of the EEs (divisor r − 1), and `mu_star_conf` = 1.96
//! times the standard deviation of μ* over bootstrap resamples of the
//! trajectories (SALib's convention: a half-width).
//!
//! Noise (scenario outputs): σ² is computed from cross-batch products (see
//! [`super::responses`]), which removes the noise's variance; μ* cannot be
//! debiased (|·| is not linear): it is biased upward by at most the noise
//! standard deviation of one elementary effect, reported as `noise`. Each
//! trajectory is played on its own runs (common within the trajectory,
//! [`super::evaluate::Streams::Grouped`]), so the bootstrap over trajectories
//! resamples the noise with them and `mu_star_conf` includes it.

use rand::Rng;
use rayon::prelude::*;

use super::design::{BOOTSTRAP_STREAM, index, stream_rng};
use super::responses::{Responses, Weights};
use super::saltelli::Z95;

/// The step of a grid of `levels` levels.
pub fn delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels as f64 - 1.0))
}

/// Checks a number of levels: even and at least 2.
pub fn check_levels(levels: usize) -> Result<(), String> {
    if levels >= 2 && levels % 2 == 0 && levels <= 1000 {
        Ok(())
    } else {
        Err(format!(
            "--levels must be an even number in [2, 1000], got {levels} (Morris' step Δ = p/(2(p−1)) needs an even p)"
        ))
    }
}

/// The unit points of r trajectories in k dimensions: r(k + 1) rows of k.
pub fn design<R: Rng>(r: usize, k: usize, levels: usize, rng: &mut R) -> Vec<f64> {
    let d = delta(levels);
    let step = 1.0 / (levels as f64 - 1.0);
    let mut out = Vec::with_capacity(r * (k + 1) * k);
    let mut order: Vec<usize> = Vec::with_capacity(k);
    for _ in 0..r {
        let base: Vec<f64> = (0..k)
            .map(|_| index(rng, levels / 2) as f64 * step)
            .collect();
        let up: Vec<bool> = (0..k).map(|_| rng.next_u32() & 1 == 1).collect();
        order.clear();
        order.extend(0..k);
        for i in (1..k).rev() {
            order.swap(i, index(rng, i + 1));
        }
        let mut x: Vec<f64> = (0..k)
            .map(|i| if up[i] { base[i] } else { base[i] + d })
            .collect();
        out.extend_from_slice(&x);
        for &i in &order {
            x[i] = if up[i] { base[i] + d } else { base[i] };
            out.extend_from_slice(&x);
        }
    }
    out
}

/// Morris measures of one parameter for one output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Mean elementary effect.
    pub mu: f64,
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Standard deviation of the elementary effects.
    pub sigma: f64,
    /// Half-width of μ*'s 95% interval.
    pub mu_star_conf: f64,
    /// Monte Carlo noise: root mean square noise standard deviation of one
    /// elementary effect (0 for an exact function).
    pub noise: f64,
}

/// The measures of every parameter for one output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputMeasures {
    /// The output's name.
    pub output: String,
    /// One per parameter.
    pub measures: Vec<Measures>,
}

/// Elementary effects, batch by batch: `ee[((o * k + i) * r + t) * g + b]`.
struct Effects {
    k: usize,
    r: usize,
    g: usize,
    ee: Vec<f64>,
}

impl Effects {
    fn of(&self, o: usize, i: usize, t: usize) -> &[f64] {
        let at = ((o * self.k + i) * self.r + t) * self.g;
        &self.ee[at..at + self.g]
    }
}

/// The elementary effects of trajectories laid out as [`design`] does;
/// refuses inputs that are not trajectories.
fn effects(inputs: &[f64], k: usize, d: f64, resp: &Responses) -> Result<Effects, String> {
    let rows = inputs.len() / k.max(1);
    if k == 0 || rows % (k + 1) != 0 || rows != resp.evaluations() {
        return Err(format!(
            "{rows} input rows and {} outputs do not make trajectories of {} points",
            resp.evaluations(),
            k + 1
        ));
    }
    let r = rows / (k + 1);
    let (o_n, g) = (resp.outputs.len(), resp.batches());
    let mut ee = vec![0.0; o_n * k * r * g];
    for t in 0..r {
        for m in 1..=k {
            let (before, after) = (t * (k + 1) + m - 1, t * (k + 1) + m);
            let xb = &inputs[before * k..(before + 1) * k];
            let xa = &inputs[after * k..(after + 1) * k];
            let moved: Vec<usize> = (0..k).filter(|&i| xa[i] != xb[i]).collect();
            let [i] = moved[..] else {
                return Err(format!(
                    "trajectory {t}, step {m}: {} coordinates moved, not one",
                    moved.len()
                ));
            };
            let sign = if xa[i] > xb[i] { 1.0 } else { -1.0 };
            for o in 0..o_n {
                let (yb, ya) = (resp.batch(before, o), resp.batch(after, o));
                let at = ((o * k + i) * r + t) * g;
                for b in 0..g {
                    ee[at + b] = sign * (ya[b] - yb[b]) / d;
                }
            }
        }
    }
    Ok(Effects { k, r, g, ee })
}

/// Morris' measures of every output and parameter, from trajectories
/// `inputs` (unit coordinates, r(k + 1) rows of k) and their outputs, with
/// `resamples` bootstrap resamples seeded by `seed`.
pub fn analyze(
    inputs: &[f64],
    k: usize,
    levels: usize,
    resp: &Responses,
    resamples: usize,
    seed: u64,
) -> Result<Vec<OutputMeasures>, String> {
    let e = effects(inputs, k, delta(levels), resp)?;
    let all = Weights::new(&resp.weights);
    let r = e.r;
    // Point EEs (all batches), per (o, i, t).
    let point = |w: &Weights, o: usize, i: usize| -> Vec<f64> {
        (0..r).map(|t| w.mean(e.of(o, i, t))).collect()
    };
    let mu_star = |ee: &[f64]| ee.iter().map(|x| x.abs()).sum::<f64>() / ee.len() as f64;
    let outputs = resp.outputs.len();
    let pairs: Vec<(usize, usize)> = (0..outputs)
        .flat_map(|o| (0..k).map(move |i| (o, i)))
        .collect();
    let eff: Vec<Vec<f64>> = pairs.iter().map(|&(o, i)| point(&all, o, i)).collect();

    // Bootstrap of μ*: resample b draws r trajectories on stream BOOTSTRAP_STREAM + b.
    let boot: Vec<Vec<f64>> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = stream_rng(seed, BOOTSTRAP_STREAM + b as u64);
            let picks: Vec<usize> = (0..r).map(|_| index(&mut rng, r)).collect();
            eff.iter()
                .map(|ee| picks.iter().map(|&t| ee[t].abs()).sum::<f64>() / r as f64)
                .collect()
        })
        .collect();

    let measures = pairs
        .iter()
        .enumerate()
        .map(|(p, &(o, i))| {
            let ee = &eff[p];
            let rf = r as f64;
            let mu = ee.iter().sum::<f64>() / rf;
            let ms = mu_star(ee);
            let sigma = if r < 2 {
                f64::NAN
            } else if all.debiased() {
                let sq: f64 = (0..r)
                    .map(|t| all.cross(e.of(o, i, t), e.of(o, i, t)))
                    .sum();
                let m: Vec<f64> = (0..e.g)
                    .map(|b| (0..r).map(|t| e.of(o, i, t)[b]).sum::<f64>() / rf)
                    .collect();
                ((sq - rf * all.cross(&m, &m)) / (rf - 1.0)).max(0.0).sqrt()
            } else {
                (ee.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / (rf - 1.0)).sqrt()
            };
            let reps: Vec<f64> = boot.iter().map(|b| b[p]).collect();
            let boot_sd = sd(&reps);
            let noise = if all.debiased() {
                let v: f64 = (0..r)
                    .map(|t| {
                        let x = e.of(o, i, t);
                        let m = all.mean(x);
                        (m * m - all.cross(x, x)).max(0.0)
                    })
                    .sum::<f64>()
                    / rf;
                v.sqrt()
            } else {
                0.0
            };
            Measures {
                mu,
                mu_star: ms,
                sigma,
                mu_star_conf: Z95 * boot_sd,
                noise,
            }
        })
        .collect::<Vec<_>>();
    Ok((0..outputs)
        .map(|o| OutputMeasures {
            output: resp.outputs[o].clone(),
            measures: measures[o * k..(o + 1) * k].to_vec(),
        })
        .collect())
}

/// The standard deviation with divisor n − 1 (0 for fewer than two values).
fn sd(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return 0.0;
    }
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    (x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1.0)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uncertainty::functions::TestFunction;

    #[test]
    fn trajectories_step_one_coordinate_by_delta() {
        let mut rng = stream_rng(4, 0);
        let (r, k, p) = (20, 5, 4);
        let u = design(r, k, p, &mut rng);
        let d = delta(p);
        assert_eq!(u.len(), r * (k + 1) * k);
        for t in 0..r {
            let mut moved = vec![false; k];
            for m in 1..=k {
                let (a, b) = ((t * (k + 1) + m - 1) * k, (t * (k + 1) + m) * k);
                let diff: Vec<usize> = (0..k).filter(|&i| u[a + i] != u[b + i]).collect();
                assert_eq!(diff.len(), 1);
                let i = diff[0];
                assert!(((u[a + i] - u[b + i]).abs() - d).abs() < 1e-12);
                assert!(!moved[i]);
                moved[i] = true;
            }
            // Every point is on the grid.
            for x in &u[t * (k + 1) * k..(t + 1) * (k + 1) * k] {
                let level = x * (p as f64 - 1.0);
                assert!((level - level.round()).abs() < 1e-9 && (0.0..=1.0).contains(x));
            }
        }
    }

    #[test]
    fn linear_function_has_exact_effects() {
        // f = 2 x1 - 3 x2 (+ 0 x3) on the unit cube: every EE is exact.
        let (r, k, p) = (10, 3, 4);
        let mut rng = stream_rng(1, 0);
        let u = design(r, k, p, &mut rng);
        let y: Vec<f64> = u.chunks(k).map(|x| 2.0 * x[0] - 3.0 * x[1]).collect();
        let out = analyze(&u, k, p, &Responses::exact(vec!["y".into()], y), 100, 1).unwrap();
        let m = &out[0].measures;
        assert!((m[0].mu - 2.0).abs() < 1e-9 && (m[0].mu_star - 2.0).abs() < 1e-9);
        assert!((m[1].mu + 3.0).abs() < 1e-9 && (m[1].mu_star - 3.0).abs() < 1e-9);
        assert!(m[0].sigma < 1e-9 && m[2].mu_star == 0.0);
        assert!(m[0].mu_star_conf < 1e-9);
    }

    #[test]
    fn ishigami_ranks_its_inputs() {
        let f = TestFunction::Ishigami;
        let (r, k, p) = (500, 3, 4);
        let mut rng = stream_rng(2, 0);
        let u = design(r, k, p, &mut rng);
        let y: Vec<f64> = u
            .chunks(k)
            .map(|x| f.eval(&x.iter().map(|v| f.input(*v)).collect::<Vec<_>>()))
            .collect();
        let out = analyze(&u, k, p, &Responses::exact(vec!["y".into()], y), 200, 2).unwrap();
        let m = &out[0].measures;
        // x1 and x3 interact (large sigma); x2's effect is strong.
        assert!(m[0].mu_star > m[2].mu_star);
        assert!(m[2].sigma > 0.0 && m[0].mu_star_conf > 0.0);
    }

    #[test]
    fn levels_must_be_even() {
        assert!(check_levels(4).is_ok());
        assert!(check_levels(3).is_err());
        assert!(check_levels(0).is_err());
    }
}
