//! Exact numbers: arbitrary-precision rationals, read and written exactly.
//!
//! Payoffs are read as written — `1/3`, `0.1`, `1.5e-2` are exact values,
//! never rounded through `f64` — and every equilibrium is computed and printed
//! exactly (`"2/3"`, `"-5"`, `"0"`).

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// An exact rational number (always in lowest terms, positive denominator).
pub type Rational = num_rational::BigRational;

/// The most digits in each part of a number (integer, fraction, numerator,
/// denominator, exponent): exact arithmetic grows with the size of the
/// numbers, and a solve stays fast only for numbers of modest size.
pub const MAX_DIGITS: usize = 70;

/// The largest exponent magnitude of a decimal (`1e70`, `1e-70`). Each
/// bound alone stays within the exact solvers' 256 bits (about 77 digits);
/// the solvers check the payoffs as a whole (`lemke_howson::MAX_BITS`).
pub const MAX_EXPONENT: i64 = 70;

/// Parses a number the way Gambit's `.nfg` reader does: an optional `-`, then
/// an integer (`-2`, `007`), a fraction (`1/3`, `2/4`), or a decimal with an
/// optional exponent (`0.5`, `.5`, `3.`, `1e2`, `1.5E-1`).
///
/// Rejected, with the reason: a leading `+`, a zero or signed denominator, a
/// dangling exponent, a part of more than [`MAX_DIGITS`] digits, an exponent
/// beyond ±[`MAX_EXPONENT`], and anything else. The size is checked before
/// any digit is converted.
pub fn parse(text: &str) -> Result<Rational, String> {
    let shown = crate::error::shorten(text, 40);
    let bad = || format!("invalid number `{shown}`");
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if text.starts_with('+') {
        return Err(format!(
            "invalid number `{shown}`: a leading `+` is not allowed"
        ));
    }
    if body.is_empty() {
        return Err(bad());
    }
    let too_long = |part: &str| part.len() > MAX_DIGITS;
    let value = if let Some((num, den)) = body.split_once('/') {
        if !is_digits(num) || den.is_empty() {
            return Err(bad());
        }
        if !is_digits(den) {
            return Err(format!(
                "invalid number `{shown}`: the denominator must be digits only"
            ));
        }
        if too_long(num) || too_long(den) {
            return Err(format!(
                "number `{shown}` too long: at most {MAX_DIGITS} digits in the numerator and in the denominator"
            ));
        }
        let den: BigInt = den.parse().map_err(|_| bad())?;
        if den.is_zero() {
            return Err(format!("invalid number `{shown}`: division by zero"));
        }
        Rational::new(num.parse().map_err(|_| bad())?, den)
    } else {
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => {
                let exp = &body[i + 1..];
                let digits = exp.strip_prefix(['-', '+']).unwrap_or(exp);
                if !is_digits(digits) {
                    return Err(format!(
                        "invalid number `{shown}`: the exponent must be digits"
                    ));
                }
                let e = digits
                    .trim_start_matches('0')
                    .parse::<i64>()
                    .ok()
                    .or_else(|| digits.bytes().all(|b| b == b'0').then_some(0))
                    .filter(|e| *e <= MAX_EXPONENT)
                    .ok_or_else(|| {
                        format!(
                            "number `{shown}` out of range: the exponent must be in [-{MAX_EXPONENT}, {MAX_EXPONENT}]"
                        )
                    })?;
                (&body[..i], if exp.starts_with('-') { -e } else { e })
            }
            None => (body, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let int_ok = int.is_empty() || is_digits(int);
        let frac_ok = frac.is_empty() || is_digits(frac);
        if !int_ok || !frac_ok || (int.is_empty() && frac.is_empty()) {
            return Err(bad());
        }
        if too_long(int) || too_long(frac) {
            return Err(format!(
                "number `{shown}` too long: at most {MAX_DIGITS} digits before and after the decimal point"
            ));
        }
        let digits: BigInt = format!("{int}{frac}").parse().map_err(|_| bad())?;
        let scale = exponent - frac.len() as i64;
        let ten = BigInt::from(10);
        let pow = num_traits::pow(ten, scale.unsigned_abs() as usize);
        if scale >= 0 {
            Rational::from_integer(digits * pow)
        } else {
            Rational::new(digits, pow)
        }
    };
    // Each part bounded alone, a decimal's value can still need more digits
    // (`88…8.00…08`, `9…9e70`) than a number written back may have: the
    // value itself, in lowest terms, is bounded too, so every number read
    // writes back (`show`) as a number this reads.
    let digits = |n: &BigInt| n.magnitude().to_string().len();
    if digits(value.numer()) > MAX_DIGITS || digits(value.denom()) > MAX_DIGITS {
        return Err(format!(
            "number `{shown}` too long: its value in lowest terms, p/q, may have at most {MAX_DIGITS} digits in p and in q"
        ));
    }
    Ok(if negative { -value } else { value })
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The canonical text of a rational: `"2/3"`, `"-5"`, `"0"`.
pub fn show(r: &Rational) -> String {
    if r.denom().is_one() {
        r.numer().to_string()
    } else {
        format!("{}/{}", r.numer(), r.denom())
    }
}

/// The exact decimal text of `r` with `places` decimals (`"-1.250000"`),
/// or `None` when `r` has more decimals than that.
pub fn decimal(r: &Rational, places: u32) -> Option<String> {
    let scaled = r * Rational::from_integer(num_traits::pow(BigInt::from(10), places as usize));
    if !scaled.is_integer() {
        return None;
    }
    let n = scaled.to_integer();
    let digits = n.abs().to_string();
    let width = places as usize + 1;
    let padded = format!("{digits:0>width$}");
    let (int, frac) = padded.split_at(padded.len() - places as usize);
    let sign = if n.is_negative() { "-" } else { "" };
    Some(if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    })
}

/// The nearest `f64` (for display and floating-point methods).
pub fn to_f64(r: &Rational) -> f64 {
    r.to_f64().unwrap_or_else(|| {
        // Very large numerator and denominator: scale both down.
        let shift = r.numer().bits().max(r.denom().bits()).saturating_sub(1000);
        let n = (r.numer() >> shift).to_f64().unwrap_or(f64::NAN);
        let d = (r.denom() >> shift).to_f64().unwrap_or(f64::NAN);
        n / d
    })
}

/// A rational from an integer.
pub fn int(i: i64) -> Rational {
    Rational::from_integer(BigInt::from(i))
}

/// The exact value of a finite `f64` (every `f64` is a dyadic rational).
pub fn from_f64(x: f64) -> Option<Rational> {
    Rational::from_float(x)
}

/// Whether `r` is negative.
pub fn is_negative(r: &Rational) -> bool {
    r.is_negative()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_or_refused() {
        assert_eq!(
            decimal(&parse("-1.25").unwrap(), 6).as_deref(),
            Some("-1.250000")
        );
        assert_eq!(
            decimal(&parse("0.000007").unwrap(), 6).as_deref(),
            Some("0.000007")
        );
        assert_eq!(decimal(&parse("-0.5").unwrap(), 1).as_deref(), Some("-0.5"));
        assert_eq!(decimal(&parse("12").unwrap(), 0).as_deref(), Some("12"));
        assert_eq!(decimal(&parse("1/3").unwrap(), 6), None);
        for t in ["13.355200", "-26.037377", "0.000000"] {
            assert_eq!(decimal(&parse(t).unwrap(), 6).as_deref(), Some(t));
        }
    }

    fn p(s: &str) -> String {
        show(&parse(s).unwrap())
    }

    #[test]
    fn reads_every_gambit_number_form() {
        for (text, value) in [
            ("-2", "-2"),
            ("007", "7"),
            ("1/3", "1/3"),
            ("-1/3", "-1/3"),
            ("2/4", "1/2"),
            ("0.5", "1/2"),
            (".5", "1/2"),
            ("-.5", "-1/2"),
            ("3.", "3"),
            ("3.000", "3"),
            ("-0.25", "-1/4"),
            ("1e2", "100"),
            ("1e-2", "1/100"),
            ("1.5e2", "150"),
            ("1.5E-1", "3/20"),
            ("-1.25e1", "-25/2"),
            ("1.131000", "1131/1000"),
            (
                "0.333333333333333333333",
                "333333333333333333333/1000000000000000000000",
            ),
            ("0", "0"),
            ("-0", "0"),
        ] {
            assert_eq!(p(text), value, "{text}");
        }
    }

    #[test]
    fn rejects_what_gambit_rejects() {
        for text in [
            "+3", "+1/3", "1/0", "1/-3", "1e", "--1", "5abc", "-", ".", "1/", "/2", "1.5/2",
            "1e2.5", "",
        ] {
            assert!(parse(text).is_err(), "{text} should be rejected");
        }
        for text in ["1e71", "1e-71", "1e99999999999999999999999"] {
            assert!(parse(text).unwrap_err().contains("[-70, 70]"), "{text}");
        }
        let long = "7".repeat(71);
        for text in [long.clone(), format!("0.{long}"), format!("1/{long}")] {
            assert!(parse(&text).unwrap_err().contains("at most 70 digits"));
        }
        assert_eq!(p("1e0069"), format!("1{}", "0".repeat(69)));
    }

    /// Fuzz finding: a decimal of 37 integer and 61 fraction digits (each
    /// part within bounds) was read, but its value, written back as p/q, had
    /// 98 digits in p, which the reader refuses: `solve` read a game whose
    /// payoffs it could not write back. Now every number read writes back
    /// as a number read.
    #[test]
    fn every_number_read_writes_back() {
        let fuzzed = "8888888888888888888888888888888817778.0000000000000000000000000008888888888888888888888888888888880";
        let nines = "9".repeat(70);
        for text in [
            fuzzed.to_string(),
            "1e70".to_string(),
            "1e-70".to_string(),
            format!("{nines}.5"),
            format!("{nines}e1"),
            format!("0.{nines}"),
        ] {
            assert!(
                parse(&text).unwrap_err().contains("in lowest terms"),
                "{text}"
            );
        }
        for text in [
            nines.clone(),
            format!("0.{}", &nines[1..]),
            format!("{nines}/{}", "7".repeat(70)),
            "1e69".to_string(),
            "1e-69".to_string(),
            "-12345.678e30".to_string(),
        ] {
            let v = parse(&text).unwrap();
            assert_eq!(parse(&show(&v)).unwrap(), v, "{text}");
        }
        assert_eq!(p("1e-000"), "1");
        assert!(parse("1/0").unwrap_err().contains("division by zero"));
        assert!(parse("+3").unwrap_err().contains("leading `+`"));
    }

    #[test]
    fn f64_conversion_is_close() {
        assert_eq!(to_f64(&parse("1/4").unwrap()), 0.25);
        assert_eq!(from_f64(0.5).unwrap(), parse("1/2").unwrap());
    }
}
