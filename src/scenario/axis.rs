//! Sweep axes: the values one key takes, and the grid they span.

use super::schema::{self, KeySpec, Kind, Value};

/// The most values one `FROM:TO:STEPS` range may have.
pub const MAX_STEPS: i64 = 1_000_000;

/// One varied key and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Index of the key in the schema.
    pub index: usize,
    /// Its values, in order.
    pub values: Values,
}

impl Axis {
    /// The dotted key.
    pub fn key(&self) -> &'static str {
        schema::SCHEMA[self.index].key
    }
}

/// The values of an axis: a list as given, or a `FROM:TO:STEPS` range kept
/// as its ends and count, so that a grid's size is known (and an oversized
/// grid refused) without building a value of it; each value of a range is
/// computed when asked for.
#[derive(Clone, PartialEq)]
pub struct Values(Repr);

#[derive(Clone, PartialEq)]
enum Repr {
    List(Vec<Value>),
    Range {
        from: f64,
        to: f64,
        n: usize,
        int: bool,
    },
}

impl Values {
    /// How many values.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::List(v) => v.len(),
            Repr::Range { n, .. } => *n,
        }
    }

    /// Whether there are none (never, for an axis that was read).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` (`i < len()`).
    pub fn get(&self, i: usize) -> Value {
        match &self.0 {
            Repr::List(v) => v[i].clone(),
            &Repr::Range { from, to, n, int } => {
                if int {
                    Value::Int(int_step(from, to, n, i))
                } else {
                    Value::Float(float_step(from, to, n, i))
                }
            }
        }
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl From<Vec<Value>> for Values {
    fn from(v: Vec<Value>) -> Values {
        Values(Repr::List(v))
    }
}

impl std::fmt::Debug for Values {
    /// As the list of values (a job's identity hashes it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Value `i` of `n` evenly spaced floats from `from` to `to`, both ends
/// exact, the interior snapped to 12 digits and kept between the ends.
fn float_step(from: f64, to: f64, n: usize, i: usize) -> f64 {
    if i == 0 {
        return from;
    }
    if i == n - 1 {
        return to;
    }
    let x = snap((from * (n - 1 - i) as f64 + to * i as f64) / (n - 1) as f64);
    x.clamp(from.min(to), from.max(to))
}

/// Value `i` of `n` evenly spaced integers from `from` to `to` (whole
/// numbers, `to - from` a multiple of `n - 1`: checked by [`parse_values`]).
fn int_step(from: f64, to: f64, n: usize, i: usize) -> i64 {
    let (from, to) = (from as i128, to as i128);
    if n == 1 {
        return from as i64;
    }
    (from + (to - from) * i as i128 / (n as i128 - 1)) as i64
}

/// Parses `V1,V2,...` or `FROM:TO:STEPS` for a key; every value is checked.
///
/// `FROM:TO:STEPS` gives STEPS evenly spaced values with both ends included,
/// each computed as (FROM·(n−1−i) + TO·i)/(n−1) so that there is no drift from
/// repeated addition, then rounded to 12 significant digits; the ends are
/// exactly FROM and TO. A range is checked from its ends and count (every
/// value lies between its ends; integers need TO − FROM a multiple of
/// STEPS − 1), and no value of it is built here.
pub fn parse_values(spec: &KeySpec, raw: &str) -> Result<Values, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("no values given; write V1,V2,... or FROM:TO:STEPS".to_string());
    }
    let numeric = matches!(spec.kind, Kind::Float { .. } | Kind::Int { .. });
    if numeric && raw.contains(':') {
        return parse_range(spec, raw);
    }
    raw.split(',')
        .map(|v| {
            if v.trim().is_empty() {
                Err(format!("empty value in `{raw}`"))
            } else {
                schema::parse_cli_value(spec, v)
            }
        })
        .collect::<Result<Vec<Value>, String>>()
        .map(Values::from)
}

fn parse_range(spec: &KeySpec, raw: &str) -> Result<Values, String> {
    let parts: Vec<&str> = raw.split(':').map(str::trim).collect();
    let [from, to, steps] = parts[..] else {
        return Err(format!("`{raw}` is not FROM:TO:STEPS"));
    };
    let number = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{s}` in `{raw}` is not a number"))
    };
    let (from, to) = (number(from)?, number(to)?);
    let steps: i64 = steps
        .parse()
        .map_err(|_| format!("STEPS `{steps}` in `{raw}` is not a whole number"))?;
    if !(1..=MAX_STEPS).contains(&steps) {
        return Err(format!("STEPS must be in [1, {MAX_STEPS}], got {steps}"));
    }
    if steps == 1 && from != to {
        return Err(format!(
            "`{raw}` asks for 1 value between two different ends; use STEPS >= 2 or FROM = TO"
        ));
    }
    let n = steps as usize;
    let int = matches!(spec.kind, Kind::Int { .. });
    if int {
        // The first value that is not a whole number, if any: an end, or
        // else the second value (every value is one exactly when TO − FROM
        // is a multiple of STEPS − 1).
        let whole = |x: f64| x.fract() == 0.0 && x.abs() < 2f64.powi(63);
        let bad = if !whole(from) {
            Some(from)
        } else if n > 2 && (to as i128 - from as i128) % (n as i128 - 1) != 0 {
            Some(float_step(from, to, n, 1))
        } else if !whole(to) {
            Some(to)
        } else {
            None
        };
        if let Some(x) = bad {
            return Err(format!(
                "`{raw}` gives {x}, but `{}` takes integers",
                spec.key
            ));
        }
    }
    let values = Values(Repr::Range { from, to, n, int });
    // Every value lies between the ends, so checking the ends checks all.
    schema::check(spec, &values.get(0))?;
    schema::check(spec, &values.get(n - 1))?;
    Ok(values)
}

/// Rounds to 12 significant digits, so 0.15000000000000002 prints as 0.15:
/// interior grid values are meant as decimals, and the change is below 1e-11
/// relative.
fn snap(x: f64) -> f64 {
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// The number of points of a grid, or `None` when it overflows.
pub fn grid_size(axes: &[Axis]) -> Option<usize> {
    axes.iter()
        .try_fold(1usize, |acc, a| acc.checked_mul(a.values.len()))
}

/// The value indices of grid point `point`: the last axis varies fastest.
pub fn coordinates(axes: &[Axis], mut point: usize) -> Vec<usize> {
    let mut coords = vec![0; axes.len()];
    for (slot, axis) in coords.iter_mut().zip(axes).rev() {
        let n = axis.values.len();
        *slot = point % n;
        point /= n;
    }
    coords
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(k: &str) -> &'static KeySpec {
        schema::spec(k).unwrap()
    }

    #[test]
    fn ranges_are_exact_at_both_ends() {
        let v = parse_values(spec("lifeline.probability"), "0:0.5:6").unwrap();
        let shown: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(shown, ["0", "0.1", "0.2", "0.3", "0.4", "0.5"]);
        let v = parse_values(spec("scenario.rounds"), "12:48:4").unwrap();
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            [12, 24, 36, 48].map(Value::Int)
        );
        let v = parse_values(spec("sanctions.tighten"), "0:0.2:5").unwrap();
        let shown: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(shown, ["0", "0.05", "0.1", "0.15", "0.2"]);
    }

    #[test]
    fn bad_ranges_are_refused() {
        let p = spec("lifeline.probability");
        assert!(parse_values(p, "0:2:3").unwrap_err().contains("[0, 1]"));
        assert!(parse_values(p, "0:1").is_err());
        assert!(parse_values(p, "0:1:0").is_err());
        assert!(parse_values(p, "0:1:x").is_err());
        assert!(parse_values(p, "").is_err());
        assert!(parse_values(p, "0.1,,0.2").is_err());
        assert!(parse_values(spec("scenario.rounds"), "1:10:3").is_err());
    }

    /// A range's values as they were built before ranges were kept as
    /// their ends (every value computed, then checked).
    fn built(spec: &KeySpec, from: f64, to: f64, n: usize) -> Vec<Value> {
        (0..n)
            .map(|i| {
                let x = if i == 0 {
                    from
                } else if i == n - 1 {
                    to
                } else {
                    snap((from * (n - 1 - i) as f64 + to * i as f64) / (n - 1) as f64)
                };
                match spec.kind {
                    Kind::Int { .. } => Value::Int(x as i64),
                    _ => Value::Float(x),
                }
            })
            .collect()
    }

    #[test]
    fn ranges_are_kept_as_their_ends_and_give_the_same_values() {
        for (key, from, to, n) in [
            ("lifeline.probability", 0.0, 0.5, 6),
            ("lifeline.probability", 0.9, 0.1, 7),
            ("iran.resilience", 0.123, 0.987, 1001),
            ("scenario.rounds", 12.0, 48.0, 4),
            ("scenario.rounds", 48.0, 12.0, 37),
            ("scenario.rounds", 24.0, 24.0, 1),
        ] {
            let raw = format!("{from}:{to}:{n}");
            let v = parse_values(spec(key), &raw).unwrap();
            assert_eq!(v.len(), n);
            assert_eq!(
                v.iter().collect::<Vec<_>>(),
                built(spec(key), from, to, n),
                "{raw}"
            );
            assert_eq!(
                format!("{v:?}"),
                format!("{:?}", built(spec(key), from, to, n))
            );
        }
        // A million values are not built: the grid of three is sized at once.
        let big = parse_values(spec("iran.resilience"), "0:1:1000000").unwrap();
        assert_eq!(big.len(), 1_000_000);
        assert_eq!(big.get(999_999), Value::Float(1.0));
        let axes: Vec<Axis> = (0..3)
            .map(|index| Axis {
                index,
                values: big.clone(),
            })
            .collect();
        assert_eq!(grid_size(&axes), Some(1_000_000_000_000_000_000));
    }

    #[test]
    fn integer_ranges_are_checked_from_their_ends() {
        let rounds = spec("scenario.rounds");
        let e = parse_values(rounds, "1:10:3").unwrap_err();
        assert!(
            e.contains("gives 5.5, but `scenario.rounds` takes integers"),
            "{e}"
        );
        let e = parse_values(rounds, "1.5:10:2").unwrap_err();
        assert!(e.contains("gives 1.5"), "{e}");
        let e = parse_values(rounds, "1:10.5:2").unwrap_err();
        assert!(e.contains("gives 10.5"), "{e}");
        let e = parse_values(rounds, "0:48:4").unwrap_err();
        assert!(e.contains("got 0"), "{e}");
        assert!(parse_values(rounds, "2:1000000:1000000").is_err());
    }

    #[test]
    fn last_axis_varies_fastest() {
        let a = Axis {
            index: 0,
            values: vec![Value::Int(0), Value::Int(1)].into(),
        };
        let b = Axis {
            index: 1,
            values: vec![Value::Int(0), Value::Int(1), Value::Int(2)].into(),
        };
        let axes = [a, b];
        assert_eq!(grid_size(&axes), Some(6));
        assert_eq!(coordinates(&axes, 0), [0, 0]);
        assert_eq!(coordinates(&axes, 1), [0, 1]);
        assert_eq!(coordinates(&axes, 3), [1, 0]);
        assert_eq!(coordinates(&axes, 5), [1, 2]);
    }
}
