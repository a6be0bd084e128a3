//! Exact fixation probabilities and times of the two-type Moran process.
//!
//! With two types A and B in a population of N, the birth–death process is a
//! birth–death Markov chain on i, the number of A's. From state i it moves
//! up with probability T⁺ᵢ (an A is chosen to reproduce, a B dies) and down
//! with T⁻ᵢ (a B reproduces, an A dies):
//!
//! ```text
//! T⁺ᵢ = i·f_A(i) / (i·f_A(i) + (N−i)·f_B(i)) · (N−i)/N
//! T⁻ᵢ = (N−i)·f_B(i) / (i·f_A(i) + (N−i)·f_B(i)) · i/N
//! ```
//!
//! with fitness f = 1 − w + w·π and π the mean payoff against the N − 1
//! others (Nowak, Sasaki, Taylor & Fudenberg 2004, Nature 428:646). The
//! fixation probability from i is Nowak's sum of products of γⱼ = T⁻ⱼ/T⁺ⱼ;
//! it and the mean times to absorption solve three tridiagonal systems
//! (Karlin & Taylor 1975; Traulsen & Hauert 2009, "Stochastic evolutionary
//! game dynamics", eqs. 13–17), which is how they are computed here: solving
//! the chain directly stays finite where the products of γ overflow.

use super::Payoffs;

/// A two-type population: the payoffs between A and B, N, and the intensity
/// of selection w.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoTypes {
    /// Population size N ≥ 2.
    pub n: u64,
    /// A against A.
    pub a: f64,
    /// A against B.
    pub b: f64,
    /// B against A.
    pub c: f64,
    /// B against B.
    pub d: f64,
    /// Intensity of selection w in [0, 1]: f = 1 − w + w·π.
    pub intensity: f64,
}

/// The exact answer for a population that starts with `i` A's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exact {
    /// Probability that A takes over.
    pub fixation_a: f64,
    /// Mean birth–death steps until A has taken over, given that it does
    /// (`None` when A cannot fix).
    pub steps_a: Option<f64>,
    /// Mean steps until B has taken over, given that it does.
    pub steps_b: Option<f64>,
    /// Mean steps until either type has taken over.
    pub steps: f64,
}

impl Exact {
    /// Whether the solution can be trusted in `f64`: the probability lies
    /// in [0, 1], every time is finite and non-negative, and the conditional
    /// times average to the unconditional one (τ = ρ·t_A + (1 − ρ)·t_B)
    /// within a millionth. Fails when a time is beyond `f64`'s range (a
    /// population held at an interior equilibrium by strong selection takes
    /// astronomically long to fix) or lost to rounding.
    pub fn sound(&self) -> bool {
        let rho = self.fixation_a;
        let times = [Some(self.steps), self.steps_a, self.steps_b];
        let mix = rho * self.steps_a.unwrap_or(0.0) + (1.0 - rho) * self.steps_b.unwrap_or(0.0);
        (0.0..=1.0).contains(&rho)
            && times.iter().flatten().all(|t| t.is_finite() && *t >= 0.0)
            && (mix - self.steps).abs() <= 1e-6 * self.steps.max(1.0)
    }
}

impl TwoTypes {
    /// Types `a` and `b` of a payoff matrix, in a population of `n`.
    pub fn from_matrix(p: &Payoffs, a: usize, b: usize, n: u64, intensity: f64) -> TwoTypes {
        TwoTypes {
            n,
            a: p.value(a, a),
            b: p.value(a, b),
            c: p.value(b, a),
            d: p.value(b, b),
            intensity,
        }
    }

    /// (T⁺ᵢ, T⁻ᵢ) for 0 < i < N. When both fitnesses are zero, reproduction
    /// is uniform, as in [`super::moran`].
    pub fn rates(&self, i: u64) -> (f64, f64) {
        let n = self.n as f64;
        let x = i as f64;
        let w = self.intensity;
        let pi_a = (self.a * (x - 1.0) + self.b * (n - x)) / (n - 1.0);
        let pi_b = (self.c * x + self.d * (n - x - 1.0)) / (n - 1.0);
        let fa = 1.0 - w + w * pi_a;
        let fb = 1.0 - w + w * pi_b;
        let (wa, wb) = (x * fa, (n - x) * fb);
        let total = wa + wb;
        let (birth_a, birth_b) = if total > 0.0 {
            (wa / total, wb / total)
        } else {
            (x / n, (n - x) / n)
        };
        (birth_a * (n - x) / n, birth_b * x / n)
    }

    /// Fixation probability and mean times from `i` A's (0 ≤ i ≤ N).
    pub fn solve(&self, i: u64) -> Exact {
        let n = self.n as usize;
        let i = (i as usize).min(n);
        // Interior states 1..N-1, unknowns u_1..u_{N-1}; rows
        // T⁻ u_{k-1} − (T⁺ + T⁻) u_k + T⁺ u_{k+1} = rhs_k.
        let m = n - 1;
        let mut up = Vec::with_capacity(m);
        let mut down = Vec::with_capacity(m);
        for k in 1..n as u64 {
            let (p, q) = self.rates(k);
            up.push(p);
            down.push(q);
        }
        // ρ: rhs 0, boundary ρ_0 = 0, ρ_N = 1 (moves −T⁺_{N−1} to the rhs).
        let mut rhs = vec![0.0; m];
        if m > 0 {
            rhs[m - 1] = -up[m - 1];
        }
        let rho_inner = tridiagonal(&down, &up, &rhs);
        let rho = |k: usize| match k {
            0 => 0.0,
            k if k == n => 1.0,
            k => rho_inner[k - 1],
        };
        // Unconditional time τ: rhs −1, τ_0 = τ_N = 0.
        let tau = tridiagonal(&down, &up, &vec![-1.0; m]);
        // ρ_k·t^A_k: rhs −ρ_k, zero at both ends; likewise (1 − ρ_k)·t^B_k.
        let ra: Vec<f64> = (1..n).map(|k| -rho(k)).collect();
        let rb: Vec<f64> = (1..n).map(|k| -(1.0 - rho(k))).collect();
        let theta_a = tridiagonal(&down, &up, &ra);
        let theta_b = tridiagonal(&down, &up, &rb);
        let fixation_a = rho(i);
        if i == 0 || i == n {
            return Exact {
                fixation_a,
                steps_a: (i == n).then_some(0.0),
                steps_b: (i == 0).then_some(0.0),
                steps: 0.0,
            };
        }
        let pa = fixation_a;
        let pb = 1.0 - fixation_a;
        Exact {
            fixation_a,
            steps_a: (pa > 0.0).then(|| theta_a[i - 1] / pa),
            steps_b: (pb > 0.0).then(|| theta_b[i - 1] / pb),
            steps: tau[i - 1],
        }
    }
}

/// Solves `lo_k x_{k−1} − (lo_k + hi_k) x_k + hi_k x_{k+1} = rhs_k` with
/// x outside the range zero (the Thomas algorithm; the matrix is weakly
/// diagonally dominant, so no pivoting is needed).
fn tridiagonal(lo: &[f64], hi: &[f64], rhs: &[f64]) -> Vec<f64> {
    let m = rhs.len();
    let mut c = vec![0.0; m];
    let mut d = vec![0.0; m];
    for k in 0..m {
        let diag = -(lo[k] + hi[k]);
        let (denom, carry) = if k == 0 {
            (diag, rhs[k])
        } else {
            (diag - lo[k] * c[k - 1], rhs[k] - lo[k] * d[k - 1])
        };
        c[k] = hi[k] / denom;
        d[k] = carry / denom;
    }
    let mut x = vec![0.0; m];
    for k in (0..m).rev() {
        x[k] = d[k] - if k + 1 < m { c[k] * x[k + 1] } else { 0.0 };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constant(r: f64, n: u64) -> TwoTypes {
        TwoTypes {
            n,
            a: r,
            b: r,
            c: 1.0,
            d: 1.0,
            intensity: 1.0,
        }
    }

    /// Neutral drift: a type fixes with its initial frequency i/N, and one
    /// mutant takes N(N − 1) steps to fix given that it does (Traulsen &
    /// Hauert 2009, the neutral limit of eq. 17, counted in single
    /// birth–death events).
    #[test]
    fn neutral_drift_fixes_with_the_initial_frequency() {
        for n in [2u64, 3, 10, 100] {
            let t = constant(1.0, n);
            for i in 0..=n {
                let e = t.solve(i);
                assert!(
                    (e.fixation_a - i as f64 / n as f64).abs() < 1e-12,
                    "{n} {i}"
                );
            }
            let e = t.solve(1);
            let nf = n as f64;
            let expected = nf * (nf - 1.0);
            assert!(
                (e.steps_a.unwrap() - expected).abs() < 1e-9 * expected,
                "{n}: {e:?}"
            );
        }
    }

    /// Constant fitness r: ρ = (1 − 1/r)/(1 − 1/r^N) (Moran 1958; Nowak 2006,
    /// Evolutionary Dynamics, eq. 6.13), for advantageous and deleterious mutants.
    #[test]
    fn constant_fitness_matches_the_closed_form() {
        for (r, n) in [(1.1, 10u64), (2.0, 10), (0.5, 20), (1.5, 100), (3.0, 1000)] {
            let closed = (1.0 - 1.0 / r) / (1.0 - 1.0 / f64::powi(r, n as i32));
            let e = constant(r, n).solve(1);
            assert!(
                (e.fixation_a - closed).abs() < 1e-12 * closed.max(1e-300) + 1e-15,
                "r {r} N {n}: {} vs {closed}",
                e.fixation_a
            );
            // From i mutants: (1 − r^−i)/(1 − r^−N).
            let i = n / 2;
            let closed_i = (1.0 - f64::powi(r, -(i as i32))) / (1.0 - f64::powi(r, -(n as i32)));
            assert!((constant(r, n).solve(i).fixation_a - closed_i).abs() < 1e-9);
        }
    }

    /// Strong selection in a large population: the products of γ overflow
    /// f64 (5^2000), the tridiagonal solution does not.
    #[test]
    fn strong_selection_stays_finite() {
        let e = constant(5.0, 2000).solve(1);
        assert!((e.fixation_a - 0.8).abs() < 1e-12);
        let e = constant(0.2, 2000).solve(1999);
        assert!(e.fixation_a > 0.0 && e.fixation_a < 1.0);
        assert!(e.steps.is_finite() && e.steps_a.unwrap().is_finite());
    }

    /// Conditional times average to the unconditional one:
    /// τ = ρ·t_A + (1 − ρ)·t_B.
    #[test]
    fn times_are_consistent() {
        let t = TwoTypes {
            n: 30,
            a: 3.0,
            b: 0.0,
            c: 5.0,
            d: 1.0,
            intensity: 0.3,
        };
        for i in 1..30 {
            let e = t.solve(i);
            let mix = e.fixation_a * e.steps_a.unwrap() + (1.0 - e.fixation_a) * e.steps_b.unwrap();
            assert!((mix - e.steps).abs() < 1e-9 * e.steps, "{i}: {e:?}");
        }
        // Defection invades cooperation in the prisoner's dilemma: with the
        // roles swapped, one defector fixes more often than one cooperator.
        let swapped = TwoTypes {
            a: 1.0,
            b: 5.0,
            c: 0.0,
            d: 3.0,
            ..t
        };
        assert!(swapped.solve(1).fixation_a > 1.0 / 30.0);
        assert!(t.solve(1).fixation_a < 1.0 / 30.0);
    }

    /// A type with zero fitness never reproduces: the chain only goes down.
    #[test]
    fn zero_fitness_cannot_fix() {
        let t = TwoTypes {
            n: 5,
            a: 0.0,
            b: 0.0,
            c: 1.0,
            d: 1.0,
            intensity: 1.0,
        };
        let e = t.solve(2);
        assert_eq!(e.fixation_a, 0.0);
        assert_eq!(e.steps_a, None);
        // Each step kills an A with probability i/N: N·(1/2 + 1/1) steps from 2.
        assert!((e.steps - 5.0 * (1.0 / 2.0 + 1.0)).abs() < 1e-12);
    }
}
