//! How numbers are written. [`shortest`]: a number in the shortest text
//! that reads back to it exactly. The rest write straight into a byte
//! buffer, for the per-run CSV where millions of rows are written: the same
//! text as [`super::num`] (`{:.6}`, never `-0.000000`) and
//! `u64::to_string`, without allocating.
//!
//! Fixed six decimals must round the *exact* binary value, as `format!`
//! does (ties to even): `a * 1e6` is computed exactly as the unevaluated sum
//! `y + e` of two doubles (Veltkamp's split of `a` into halves of 26 bits,
//! whose products with 10^6 are exact, then Fast2Sum), and the rounding
//! decision is made on the sign of `frac(y) - 1/2 + e`, which the floating
//! point computes exactly enough to get right. Magnitudes of 10^9 and more,
//! and non-finite numbers, go through `format!`.

/// `x` in the shortest text that reads back to it exactly: plain decimals
/// (`0.25`, `-3`, `123456.5`) for magnitudes from 10^-5 up to 10^16, an
/// exponent beyond (`1e300`, `2.5e-7`), where plain decimals would run to
/// hundreds of digits. Both forms hold the fewest significant digits that
/// round-trip (Rust's float formatting).
pub fn shortest(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || !a.is_finite() || (1e-5..1e16).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `x` with six decimals, exactly as [`super::num`] writes it.
pub fn push_num(out: &mut Vec<u8>, x: f64) {
    let a = x.abs();
    if a.is_nan() || a >= 1e9 {
        out.extend_from_slice(super::num(x).as_bytes());
        return;
    }
    // a * 1e6 = p1 + p2 exactly (each half of a has at most 27 bits, 1e6 has 20).
    let c = 134_217_729.0 * a;
    let hi = c - (c - a);
    let lo = a - hi;
    let (p1, p2) = (hi * 1e6, lo * 1e6);
    let y = p1 + p2;
    let e = p2 - (y - p1);
    let n = y.floor();
    let d = (y - n - 0.5) + e;
    let mut m = n as u64;
    if d > 0.0 || (d == 0.0 && m % 2 == 1) {
        m += 1;
    }
    if x < 0.0 && m != 0 {
        out.push(b'-');
    }
    push_u64(out, m / 1_000_000);
    out.push(b'.');
    let f = m % 1_000_000;
    let mut digits = [b'0'; 6];
    let mut v = f;
    for k in (0..6).rev() {
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.extend_from_slice(&digits);
}

/// [`push_num`], or nothing for `None` (an empty field).
pub fn push_opt(out: &mut Vec<u8>, x: Option<f64>) {
    if let Some(x) = x {
        push_num(out, x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    fn fast(x: f64) -> String {
        let mut v = Vec::new();
        push_num(&mut v, x);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn six_decimals_match_format_exactly() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let check = |x: f64| assert_eq!(fast(x), super::super::num(x), "{x:e}");
        // Ties of the exact binary value (q/128 * 1e6 ends in .5) and their neighbours.
        for q in -2000i64..2000 {
            let x = q as f64 / 128.0;
            check(x);
            check(f64::from_bits(x.to_bits() + 1));
            check(f64::from_bits(x.to_bits().saturating_sub(1)));
        }
        // Decimal halves that are not exact, at every scale.
        for k in 0..2_000_000u64 {
            let x = (k as f64 + 0.5) / 1e6;
            check(x);
            check(-x);
        }
        for _ in 0..2_000_000 {
            let scale = 10f64.powi(rng.random_range(-9..10));
            let x = (rng.random::<f64>() - 0.5) * 2.0 * scale;
            check(x);
        }
        for x in [
            0.0,
            -0.0,
            1e-7,
            -4e-7,
            5e-7,
            -5e-7,
            999_999_999.999_999,
            1e9,
            -1e12,
            f64::NAN,
            f64::INFINITY,
        ] {
            check(x);
        }
    }

    #[test]
    fn shortest_reads_back_exactly_and_stays_short() {
        for (x, text) in [
            (0.0, "0"),
            (0.25, "0.25"),
            (-3.0, "-3"),
            (123456.5, "123456.5"),
            (1e300, "1e300"),
            (-1e300, "-1e300"),
            (f64::MAX, "1.7976931348623157e308"),
            (2.5e-7, "2.5e-7"),
            (5e-324, "5e-324"),
            (1e16, "1e16"),
            (9999999999999998.0, "9999999999999998"),
            (1e-5, "0.00001"),
        ] {
            assert_eq!(shortest(x), text);
            assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for _ in 0..10_000 {
            let x = f64::from_bits(rng.random::<u64>());
            if x.is_finite() {
                let s = shortest(x);
                assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{s}");
                assert!(s.len() <= 24, "{s}");
            }
        }
    }

    #[test]
    fn integers() {
        for n in [0u64, 7, 10, 12345, u64::MAX] {
            let mut v = Vec::new();
            push_u64(&mut v, n);
            assert_eq!(String::from_utf8(v).unwrap(), n.to_string());
        }
    }
}
