//! Analytic test functions of global sensitivity analysis, with their exact
//! Sobol' indices: what `catch22 sensitivity --function` evaluates, and what
//! the methods are tested against.

use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

/// A built-in test function of independent uniform inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestFunction {
    /// Ishigami and Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1 with
    /// a = 7, b = 0.1, each x_i ~ U(−π, π).
    Ishigami,
    /// Sobol's g-function (Saltelli and Sobol' 1995): g = Π (|4x_i − 2| + a_i)/(1 + a_i),
    /// x_i ~ U(0, 1), a = (0, 1, 4.5, 9, 99, 99, 99, 99).
    SobolG,
}

/// Ishigami's a and b.
pub const ISHIGAMI: (f64, f64) = (7.0, 0.1);

/// The g-function's coefficients.
pub const SOBOL_G: [f64; 8] = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];

impl TestFunction {
    /// The name `--function` takes.
    pub fn name(self) -> &'static str {
        match self {
            TestFunction::Ishigami => "ishigami",
            TestFunction::SobolG => "sobol-g",
        }
    }

    /// The number of inputs.
    pub fn dims(self) -> usize {
        match self {
            TestFunction::Ishigami => 3,
            TestFunction::SobolG => SOBOL_G.len(),
        }
    }

    /// Input i's range.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            TestFunction::Ishigami => (-PI, PI),
            TestFunction::SobolG => (0.0, 1.0),
        }
    }

    /// Input i's value at unit coordinate u.
    pub fn input(self, u: f64) -> f64 {
        let (lo, hi) = self.bounds();
        lo + u * (hi - lo)
    }

    /// The function at inputs `x` (on their own scale).
    pub fn eval(self, x: &[f64]) -> f64 {
        match self {
            TestFunction::Ishigami => {
                let (a, b) = ISHIGAMI;
                x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
            }
            TestFunction::SobolG => x
                .iter()
                .zip(SOBOL_G)
                .map(|(xi, a)| ((4.0 * xi - 2.0).abs() + a) / (1.0 + a))
                .product(),
        }
    }

    /// The exact first-order and total indices, input by input.
    pub fn analytic(self) -> (Vec<f64>, Vec<f64>) {
        match self {
            TestFunction::Ishigami => {
                let (a, b) = ISHIGAMI;
                let v1 = 0.5 * (1.0 + b * PI.powi(4) / 5.0).powi(2);
                let v2 = a * a / 8.0;
                let v13 = 8.0 * b * b * PI.powi(8) / 225.0;
                let v = v1 + v2 + v13;
                (
                    vec![v1 / v, v2 / v, 0.0],
                    vec![(v1 + v13) / v, v2 / v, v13 / v],
                )
            }
            TestFunction::SobolG => {
                let vi: Vec<f64> = SOBOL_G
                    .iter()
                    .map(|a| 1.0 / (3.0 * (1.0 + a) * (1.0 + a)))
                    .collect();
                let all: f64 = vi.iter().map(|v| 1.0 + v).product();
                let v = all - 1.0;
                let s1 = vi.iter().map(|x| x / v).collect();
                let st = vi.iter().map(|x| x * all / (1.0 + x) / v).collect();
                (s1, st)
            }
        }
    }
}

impl fmt::Display for TestFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TestFunction {
    type Err = String;

    fn from_str(s: &str) -> Result<TestFunction, String> {
        match s {
            "ishigami" => Ok(TestFunction::Ishigami),
            "sobol-g" => Ok(TestFunction::SobolG),
            _ => Err(format!(
                "`{s}` is not a built-in function: use ishigami or sobol-g"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ishigami_indices_are_the_published_ones() {
        // Saltelli et al., Global Sensitivity Analysis: The Primer (2008), §4.
        let (s1, st) = TestFunction::Ishigami.analytic();
        let expect_s1 = [0.3139, 0.4424, 0.0];
        let expect_st = [0.5576, 0.4424, 0.2437];
        for i in 0..3 {
            assert!((s1[i] - expect_s1[i]).abs() < 1e-4, "S1 {i}: {}", s1[i]);
            assert!((st[i] - expect_st[i]).abs() < 1e-4, "ST {i}: {}", st[i]);
        }
        assert!((TestFunction::Ishigami.eval(&[0.0, PI / 2.0, 1.0]) - 7.0).abs() < 1e-12);
    }

    #[test]
    fn sobol_g_indices_sum_below_one() {
        let (s1, st) = TestFunction::SobolG.analytic();
        let sum: f64 = s1.iter().sum();
        assert!(sum < 1.0 && sum > 0.9, "{sum}");
        assert!(s1.iter().zip(&st).all(|(a, b)| a <= b));
        assert!((s1[0] - 0.7162).abs() < 1e-4, "{}", s1[0]);
        assert_eq!(TestFunction::SobolG.eval(&[0.5; 8]), 0.0);
    }
}
