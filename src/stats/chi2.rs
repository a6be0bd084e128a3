//! The chi-square test of homogeneity and the distribution's survival
//! function, from the regularized upper incomplete gamma function
//! Q(a, x) = Γ(a, x)/Γ(a): a power series for x < a + 1, a continued fraction
//! (modified Lentz) otherwise, with ln Γ by the Lanczos approximation
//! (g = 7, 9 coefficients). The method is the classic one of Numerical
//! Recipes, chapter 6.2; the code is our own.

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularized upper incomplete gamma function Q(a, x), a > 0, x ≥ 0.
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        1.0 - gamma_p_series(a, x)
    } else {
        gamma_q_fraction(a, x)
    }
}

const EPS: f64 = 1e-15;
const MAX_ITER: usize = 10_000;

/// P(a, x) by its series: e^(−x) x^a / Γ(a + 1) · Σ xⁿ / ((a + 1)…(a + n)).
fn gamma_p_series(a: f64, x: f64) -> f64 {
    let mut term = 1.0 / a;
    let mut sum = term;
    let mut ap = a;
    for _ in 0..MAX_ITER {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * EPS {
            break;
        }
    }
    (sum.ln() - x + a * x.ln() - ln_gamma(a)).exp()
}

/// Q(a, x) by its continued fraction, evaluated by the modified Lentz method.
fn gamma_q_fraction(a: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..MAX_ITER {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < EPS {
            break;
        }
    }
    (-x + a * x.ln() - ln_gamma(a)).exp() * h
}

/// P(X ≥ x) for X chi-square with `df` degrees of freedom (1 for df = 0).
pub fn chi2_sf(x: f64, df: u32) -> f64 {
    if df == 0 {
        return 1.0;
    }
    gamma_q(f64::from(df) / 2.0, x / 2.0).clamp(0.0, 1.0)
}

/// Pearson's chi-square test of homogeneity of two samples over categories
/// (a 2×k table of counts, no continuity correction). Categories empty in
/// both samples are dropped; df = (non-empty categories − 1). Returns the
/// statistic, df and the p-value; with fewer than two non-empty categories
/// (both samples all in one) there is nothing to test: (0, 0, 1).
pub fn homogeneity(a: &[u64], b: &[u64]) -> (f64, u32, f64) {
    let (na, nb) = (a.iter().sum::<u64>() as f64, b.iter().sum::<u64>() as f64);
    let n = na + nb;
    let mut stat = 0.0;
    let mut cols = 0u32;
    for (&x, &y) in a.iter().zip(b) {
        let col = (x + y) as f64;
        if col == 0.0 {
            continue;
        }
        cols += 1;
        for (obs, row) in [(x as f64, na), (y as f64, nb)] {
            let expected = row * col / n;
            if expected > 0.0 {
                stat += (obs - expected) * (obs - expected) / expected;
            }
        }
    }
    if cols < 2 || na == 0.0 || nb == 0.0 {
        return (0.0, 0, 1.0);
    }
    let df = cols - 1;
    (stat, df, chi2_sf(stat, df))
}

/// The total variation distance ½ Σ |p_a − p_b| of two count vectors.
pub fn total_variation(a: &[u64], b: &[u64]) -> f64 {
    let (na, nb) = (a.iter().sum::<u64>() as f64, b.iter().sum::<u64>() as f64);
    0.5 * a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (x as f64 / na.max(1.0) - y as f64 / nb.max(1.0)).abs())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs().max(1e-300)
    }

    /// Critical values: the 0.95 quantiles for df 1 and 4 and the 0.99
    /// quantile for df 3 have survival 0.05, 0.05 and 0.01.
    #[test]
    fn critical_values() {
        assert!(rel(chi2_sf(3.841458820694124, 1), 0.05) < 1e-10);
        assert!(rel(chi2_sf(9.487729036781154, 4), 0.05) < 1e-10);
        assert!(rel(chi2_sf(11.344866730144373, 3), 0.01) < 1e-10);
    }

    /// Reference values from scipy 1.17.1, `scipy.stats.chi2.sf(x, df)`.
    #[test]
    fn matches_scipy_survival_function() {
        let cases = [
            (0.5, 1, 0.47950012218695337),
            (2.0, 2, 0.36787944117144245),
            (10.0, 3, 0.01856613546304325),
            (100.0, 10, 5.4497019829205215e-17),
            (1e-3, 5, 0.9999999983185123),
            (50.0, 60, 0.8178960840225449),
            (300.0, 250, 0.016518273157868715),
        ];
        for (x, df, p) in cases {
            let got = chi2_sf(x, df);
            assert!(rel(got, p) < 1e-9, "sf({x}, {df}) = {got}, scipy {p}");
        }
        assert_eq!(chi2_sf(0.0, 3), 1.0);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
        assert!((ln_gamma(10.0) - 362_880f64.ln()).abs() < 1e-12);
    }

    /// Reference values from scipy 1.17.1:
    /// `scipy.stats.chi2_contingency(t[:, t.sum(0) > 0], correction=False)`
    /// (statistic, p-value, dof). The correction is off because scipy applies
    /// Yates's correction to 2×2 tables and we never do.
    /// Two rows of counts, X², df and p.
    type Case<'a> = (&'a [u64], &'a [u64], f64, u32, f64);

    #[test]
    fn matches_scipy_chi2_contingency() {
        let cases: [Case; 5] = [
            (
                &[10, 20, 30, 40],
                &[15, 15, 35, 35],
                2.4322344322344325,
                3,
                0.48766240119433524,
            ),
            (
                &[1515, 1698, 590, 6197],
                &[1400, 1800, 600, 6200],
                7.59590882366818,
                3,
                0.05514468330929659,
            ),
            (
                &[5, 0, 3, 2],
                &[1, 4, 2, 3],
                7.066666666666666,
                3,
                0.06980296335110975,
            ),
            (
                &[12, 8],
                &[5, 15],
                5.012787723785166,
                1,
                0.025160759200408785,
            ),
            (
                &[100, 0, 50],
                &[80, 0, 70],
                5.555555555555555,
                1,
                0.01842212545409897,
            ),
        ];
        for (a, b, stat, df, p) in cases {
            let got = homogeneity(a, b);
            assert!(rel(got.0, stat) < 1e-12, "{a:?} {b:?}: {got:?}");
            assert_eq!(got.1, df);
            assert!(rel(got.2, p) < 1e-9, "{a:?} {b:?}: {got:?} vs {p}");
        }
        assert_eq!(homogeneity(&[0, 0, 0, 9], &[0, 0, 0, 4]), (0.0, 0, 1.0));
    }

    #[test]
    fn total_variation_of_known_pairs() {
        assert_eq!(total_variation(&[1, 0], &[0, 1]), 1.0);
        assert_eq!(total_variation(&[2, 2], &[4, 4]), 0.0);
        assert!((total_variation(&[10, 20, 30, 40], &[15, 15, 35, 35]) - 0.1).abs() < 1e-12);
    }
}
