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
    pub values: Vec<Value>,
}

impl Axis {
    /// The dotted key.
    pub fn key(&self) -> &'static str {
        schema::SCHEMA[self.index].key
    }
}

/// Parses `V1,V2,...` or `FROM:TO:STEPS` for a key; every value is checked.
///
/// `FROM:TO:STEPS` gives STEPS evenly spaced values with both ends included,
/// each computed as (FROM·(n−1−i) + TO·i)/(n−1) so that there is no drift from
/// repeated addition, then rounded to 12 significant digits; the ends are
/// exactly FROM and TO.
pub fn parse_values(spec: &KeySpec, raw: &str) -> Result<Vec<Value>, String> {
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
        .collect()
}

fn parse_range(spec: &KeySpec, raw: &str) -> Result<Vec<Value>, String> {
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
    (0..n)
        .map(|i| {
            let x = if i == 0 {
                from
            } else if i == n - 1 {
                to
            } else {
                snap((from * (n - 1 - i) as f64 + to * i as f64) / (n - 1) as f64)
            };
            let value = match spec.kind {
                Kind::Int { .. } => {
                    if x.fract() != 0.0 {
                        return Err(format!(
                            "`{raw}` gives {x}, but `{}` takes integers",
                            spec.key
                        ));
                    }
                    Value::Int(x as i64)
                }
                _ => Value::Float(x),
            };
            schema::check(spec, &value)?;
            Ok(value)
        })
        .collect()
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
        assert_eq!(v, [12, 24, 36, 48].map(Value::Int));
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

    #[test]
    fn last_axis_varies_fastest() {
        let a = Axis {
            index: 0,
            values: vec![Value::Int(0), Value::Int(1)],
        };
        let b = Axis {
            index: 1,
            values: vec![Value::Int(0), Value::Int(1), Value::Int(2)],
        };
        let axes = [a, b];
        assert_eq!(grid_size(&axes), Some(6));
        assert_eq!(coordinates(&axes, 0), [0, 0]);
        assert_eq!(coordinates(&axes, 1), [0, 1]);
        assert_eq!(coordinates(&axes, 3), [1, 0]);
        assert_eq!(coordinates(&axes, 5), [1, 2]);
    }
}
