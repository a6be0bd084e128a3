//! The replicator equation, integrated on the simplex.
//!
//! Shares x of an infinite population follow
//!
//! ```text
//! dxᵢ/dt = xᵢ·((A x)ᵢ − xᵀ A x)
//! ```
//!
//! (Taylor & Jonker 1978; Hofbauer & Sigmund 1998, ch. 7): a strategy grows
//! at the rate its payoff against the population exceeds the population's
//! mean payoff. The flow keeps the simplex (Σ xᵢ = 1, xᵢ ≥ 0) and every face
//! of it (a share at zero stays zero).
//!
//! It is integrated by the classical fourth-order Runge–Kutta method with a
//! fixed step h: the global error is O(h⁴), so halving h divides it by about
//! 16 (a test checks this against the logistic solution). The field's rates
//! are payoff differences, at most the spread L = max − min of the matrix,
//! and RK4 is stable and accurate only while h·L is small: each output step
//! dt is split into the fewest equal substeps h with h·L ≤ 1/4
//! ([`MAX_STEP_SPREAD`]), so a step that would overshoot (a dominant
//! strategy of payoff 500 at dt = 0.01, or any game at dt = 5) is
//! integrated as accurately as a gentle one; most games need one substep.
//! After each step
//! the shares are projected back on the simplex — rounding below zero is
//! clipped and the shares rescaled to sum to 1 — which changes them by
//! rounding error only, but keeps the output a probability vector for any
//! number of steps.

use super::Payoffs;

/// The largest h·L of one Runge–Kutta substep (h its length, L the payoff
/// spread): the local error of the growth factor e^{hL} is then below 10⁻⁵.
pub const MAX_STEP_SPREAD: f64 = 0.25;

/// The most Runge–Kutta substeps one integration may take in all.
pub const MAX_SUBSTEPS: u64 = 1_000_000_000;

/// The substeps each step of size `dt` is split into on `a`: the fewest
/// with h·(max − min payoff) ≤ [`MAX_STEP_SPREAD`] (at least 1; saturating).
pub fn substeps(a: &Payoffs, dt: f64) -> u64 {
    let n = (dt * a.spread() / MAX_STEP_SPREAD).ceil();
    if n.is_nan() || n < 1.0 {
        1
    } else if n >= u64::MAX as f64 {
        u64::MAX
    } else {
        n as u64
    }
}

/// Checks that `steps` steps of size `dt` on `a` take at most
/// [`MAX_SUBSTEPS`] substeps; the error gives the largest step that would.
pub fn check_work(a: &Payoffs, steps: u64, dt: f64) -> Result<(), String> {
    let n = substeps(a, dt);
    match n.checked_mul(steps) {
        Some(total) if total <= MAX_SUBSTEPS => Ok(()),
        _ => {
            let per_step = MAX_SUBSTEPS / steps.max(1);
            let largest = per_step as f64 * MAX_STEP_SPREAD / a.spread();
            Err(format!(
                "{steps} steps of {dt} over payoffs spanning {:e} need {n} Runge-Kutta substeps each \
                 (h x spread <= {MAX_STEP_SPREAD} for a stable, accurate step), more than the \
                 {MAX_SUBSTEPS} allowed in all: the step must be at most {largest:.3e} \
                 (or take fewer steps, or scale the payoffs down: scaling them by c scales time by 1/c)",
                a.spread()
            ))
        }
    }
}

/// Shares at one instant.
pub type Shares = [f64];

/// Buffers for one integration, allocated once.
#[derive(Debug, Clone)]
pub struct Integrator {
    k: [Vec<f64>; 4],
    tmp: Vec<f64>,
    ax: Vec<f64>,
}

impl Integrator {
    /// Buffers for `n` strategies.
    pub fn new(n: usize) -> Integrator {
        Integrator {
            k: [vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]],
            tmp: vec![0.0; n],
            ax: vec![0.0; n],
        }
    }

    /// One RK4 step of size `h` from `x`, in place, then back on the simplex.
    pub fn step(&mut self, a: &Payoffs, x: &mut [f64], h: f64) {
        let n = x.len();
        let [k1, k2, k3, k4] = &mut self.k;
        field(a, x, k1, &mut self.ax);
        for i in 0..n {
            self.tmp[i] = x[i] + 0.5 * h * k1[i];
        }
        field(a, &self.tmp, k2, &mut self.ax);
        for i in 0..n {
            self.tmp[i] = x[i] + 0.5 * h * k2[i];
        }
        field(a, &self.tmp, k3, &mut self.ax);
        for i in 0..n {
            self.tmp[i] = x[i] + h * k3[i];
        }
        field(a, &self.tmp, k4, &mut self.ax);
        for i in 0..n {
            x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
        project(x);
    }
}

/// The replicator field at `x` into `dx`; `ax` is scratch for A·x.
pub fn field(a: &Payoffs, x: &[f64], dx: &mut [f64], ax: &mut [f64]) {
    let n = x.len();
    let mut mean = 0.0;
    for i in 0..n {
        let row = a.row(i);
        let mut s = 0.0;
        for j in 0..n {
            s += row[j] * x[j];
        }
        ax[i] = s;
        mean += x[i] * s;
    }
    for i in 0..n {
        dx[i] = x[i] * (ax[i] - mean);
    }
}

/// Clips negative shares to zero and rescales to sum 1.
pub fn project(x: &mut [f64]) {
    let mut sum = 0.0;
    for v in x.iter_mut() {
        if *v < 0.0 || !v.is_finite() {
            *v = 0.0;
        }
        sum += *v;
    }
    if sum > 0.0 {
        for v in x.iter_mut() {
            *v /= sum;
        }
    }
}

/// Integrates `steps` steps of size `dt` from `x0` (each in [`substeps`]
/// equal Runge–Kutta substeps), calling `emit(step, time, shares)` at step
/// 0 and every `every` steps after (and at the last step); stops at the
/// first error `emit` returns. Check the work with [`check_work`] first.
pub fn trajectory<E>(
    a: &Payoffs,
    x0: &[f64],
    steps: u64,
    dt: f64,
    every: u64,
    mut emit: impl FnMut(u64, f64, &Shares) -> Result<(), E>,
) -> Result<(), E> {
    let mut x = x0.to_vec();
    project(&mut x);
    let mut rk = Integrator::new(x.len());
    let n = substeps(a, dt);
    let h = dt / n as f64;
    emit(0, 0.0, &x)?;
    for s in 1..=steps {
        for _ in 0..n {
            rk.step(a, &mut x, h);
        }
        if s % every.max(1) == 0 || s == steps {
            // Time as step × dt, not a running sum: no drift over long runs.
            emit(s, s as f64 * dt, &x)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> Payoffs {
        let names = (0..rows.len()).map(|i| format!("s{i}")).collect();
        Payoffs::new(names, &rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
    }

    fn last(a: &Payoffs, x0: &[f64], steps: u64, dt: f64) -> Vec<f64> {
        let mut out = Vec::new();
        trajectory(a, x0, steps, dt, steps, |_, _, x| {
            out = x.to_vec();
            Ok::<(), ()>(())
        })
        .unwrap();
        out
    }

    /// Hawk–dove with value V = 2 and cost C = 4: hawks settle at V/C = 1/2
    /// from either side (Maynard Smith 1982).
    #[test]
    fn hawk_dove_converges_to_v_over_c() {
        let (v, c) = (2.0, 4.0);
        let a = matrix(&[&[(v - c) / 2.0, v], &[0.0, v / 2.0]]);
        for x0 in [0.05, 0.9] {
            let x = last(&a, &[x0, 1.0 - x0], 8000, 0.01);
            assert!((x[0] - v / c).abs() < 1e-9, "{x0}: {x:?}");
        }
    }

    /// The prisoner's dilemma: defection takes over from 99% cooperators.
    #[test]
    fn prisoners_dilemma_goes_to_all_defect() {
        let a = matrix(&[&[3.0, 0.0], &[5.0, 1.0]]);
        let x = last(&a, &[0.99, 0.01], 5000, 0.01);
        assert!(x[1] > 1.0 - 1e-9, "{x:?}");
    }

    /// Zero-sum rock–paper–scissors: Π xᵢ is a constant of motion, so the
    /// orbits are closed cycles around (1/3, 1/3, 1/3); shares sum to 1.
    #[test]
    fn rock_paper_scissors_conserves_the_product() {
        let a = matrix(&[&[0.0, -1.0, 1.0], &[1.0, 0.0, -1.0], &[-1.0, 1.0, 0.0]]);
        let x0 = [0.5, 0.3, 0.2];
        let p0: f64 = x0.iter().product();
        let mut worst: f64 = 0.0;
        trajectory(&a, &x0, 10_000, 0.005, 1, |_, _, x| {
            let p: f64 = x.iter().product();
            worst = worst.max((p / p0 - 1.0).abs());
            assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(x.iter().all(|&v| v >= 0.0));
            Ok::<(), ()>(())
        })
        .unwrap();
        assert!(worst < 1e-8, "relative drift of the product {worst}");
    }

    /// With constant payoffs 1 and 0 the equation is logistic,
    /// x(t) = x₀eᵗ/(1 − x₀ + x₀eᵗ); RK4's error falls about 16-fold when h halves.
    #[test]
    fn rk4_is_fourth_order_on_the_logistic() {
        let a = matrix(&[&[1.0, 1.0], &[0.0, 0.0]]);
        let x0 = 0.1;
        let exact = |t: f64| x0 * t.exp() / (1.0 - x0 + x0 * t.exp());
        let err = |h: f64| {
            let steps = (2.0 / h).round() as u64;
            (last(&a, &[x0, 1.0 - x0], steps, h)[0] - exact(2.0)).abs()
        };
        let (e1, e2) = (err(0.2), err(0.1));
        let ratio = e1 / e2;
        assert!((12.0..20.0).contains(&ratio), "{e1} / {e2} = {ratio}");
        assert!(err(0.01) < 1e-9);
    }

    /// A dominant strategy of payoff 500 at dt = 0.01 (h·L = 5) ended at 0
    /// when RK4 took one step of dt; in substeps it follows the logistic
    /// x(t) = 1/(1 + e^(−500t)) from x₀ = 1/2.
    #[test]
    fn stiff_steps_are_split_and_stay_accurate() {
        let a = matrix(&[&[500.0, 500.0], &[0.0, 0.0]]);
        assert_eq!(substeps(&a, 0.01), 20);
        for steps in [1u64, 2, 10] {
            let x = last(&a, &[0.5, 0.5], steps, 0.01);
            let exact = 1.0 / (1.0 + (-5.0 * steps as f64).exp());
            assert!((x[0] - exact).abs() < 1e-5, "{steps}: {x:?} vs {exact}");
        }
        // The prisoner's dilemma at dt = 5 goes to defection, as at 0.01.
        let pd = matrix(&[&[3.0, 0.0], &[5.0, 1.0]]);
        assert_eq!(substeps(&pd, 5.0), 100);
        assert!(last(&pd, &[0.99, 0.01], 4, 5.0)[1] > 1.0 - 1e-6);
        // Gentle games take one substep: their outputs are unchanged.
        assert_eq!(substeps(&matrix(&[&[-1.0, 2.0], &[0.0, 1.0]]), 0.01), 1);
        assert_eq!(substeps(&matrix(&[&[1.0, 1.0], &[1.0, 1.0]]), 10.0), 1);
        // Work beyond the bound is refused with the largest step that fits.
        let huge = matrix(&[&[1e15, 0.0], &[0.0, 0.0]]);
        let e = check_work(&huge, 1000, 0.01).unwrap_err();
        assert!(e.contains("at most 2.500e-10"), "{e}");
        assert!(check_work(&huge, 1000, 2.4e-10).is_ok());
    }

    #[test]
    fn output_rows_follow_every_and_end_on_the_last_step() {
        let a = matrix(&[&[1.0, 0.0], &[0.0, 1.0]]);
        let mut rows = Vec::new();
        trajectory(&a, &[0.5, 0.5], 7, 0.1, 3, |s, t, _| {
            rows.push((s, t));
            Ok::<(), ()>(())
        })
        .unwrap();
        let steps: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(steps, vec![0, 3, 6, 7]);
        assert!((rows[3].1 - 0.7).abs() < 1e-15);
    }
}
