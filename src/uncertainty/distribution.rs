//! The distributions an `[uncertainty]` table can give a key, and the map from
//! a point of the unit interval to a value of the key (the quantile function).
//!
//! Every design (Latin hypercube, Sobol', plain random, Morris' grid) draws
//! points in the unit cube; [`Distribution::value`] turns coordinate u into
//! the key's value, so one design serves every distribution.

use std::fmt::Write as _;

use super::normal;
use crate::scenario::schema::{self, KeySpec, Kind, Value};

/// A distribution over the values of one key.
#[derive(Debug, Clone, PartialEq)]
pub enum Distribution {
    /// Uniform on [low, high]; on an integer key, each integer in [low, high]
    /// equally likely.
    Uniform {
        /// Lower end.
        low: f64,
        /// Upper end.
        high: f64,
    },
    /// Triangular on [low, high] with its peak at `mode`.
    Triangular {
        /// Lower end.
        low: f64,
        /// The most likely value.
        mode: f64,
        /// Upper end.
        high: f64,
    },
    /// Normal(mean, sd²) truncated to [low, high] (by default the key's
    /// allowed range).
    Normal {
        /// Mean of the untruncated normal.
        mean: f64,
        /// Its standard deviation (> 0).
        sd: f64,
        /// Lower truncation point.
        low: f64,
        /// Upper truncation point.
        high: f64,
    },
    /// One of a list of values (a policy, a boolean, a number), with weights
    /// (equal unless given).
    Choice {
        /// The values, each valid for the key.
        values: Vec<Value>,
        /// Their weights (positive, any scale).
        weights: Vec<f64>,
    },
}

impl Distribution {
    /// The name written as `dist = "..."`.
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Uniform { .. } => "uniform",
            Distribution::Triangular { .. } => "triangular",
            Distribution::Normal { .. } => "normal",
            Distribution::Choice { .. } => "choice",
        }
    }

    /// Checks the distribution against the key: its parameters are ordered
    /// and every value it can give is allowed.
    pub fn check(&self, spec: &KeySpec) -> Result<(), String> {
        let range = |what: &str, x: f64| -> Result<(), String> {
            let v = match spec.kind {
                Kind::Int { .. } if x.fract() == 0.0 => Value::Int(x as i64),
                Kind::Int { .. } => {
                    return Err(format!(
                        "{what} = {x}: `{}` takes integers, {}",
                        spec.key,
                        spec.kind.describe()
                    ));
                }
                _ => Value::Float(x),
            };
            schema::check(spec, &v).map_err(|_| {
                format!(
                    "{what} = {x} is outside the key's range: it must be {}",
                    spec.kind.describe()
                )
            })
        };
        let numeric = matches!(spec.kind, Kind::Float { .. } | Kind::Int { .. });
        if !numeric && !matches!(self, Distribution::Choice { .. }) {
            return Err(format!(
                "a {} distribution needs a numeric key; `{}` is {}: give a list of choices",
                self.name(),
                spec.key,
                spec.kind.describe()
            ));
        }
        match self {
            Distribution::Uniform { low, high } => {
                range("low", *low)?;
                range("high", *high)?;
                if low > high {
                    return Err(format!("low {low} > high {high}"));
                }
            }
            Distribution::Triangular { low, mode, high } => {
                range("low", *low)?;
                range("high", *high)?;
                if !(low <= mode && mode <= high) || low >= high {
                    return Err(format!(
                        "needs low < high and low <= mode <= high, got low {low}, mode {mode}, high {high}"
                    ));
                }
            }
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                range("low", *low)?;
                range("high", *high)?;
                if !(mean.is_finite() && *sd > 0.0 && sd.is_finite()) {
                    return Err(format!(
                        "needs a finite mean and sd > 0, got mean {mean}, sd {sd}"
                    ));
                }
                if low >= high {
                    return Err(format!("truncation needs low < high, got {low} and {high}"));
                }
                // The truncated mass must be representable.
                let (a, b) = ((low - mean) / sd, (high - mean) / sd);
                if a > 30.0 || b < -30.0 {
                    return Err(format!(
                        "[{low}, {high}] lies more than 30 sd from the mean {mean}"
                    ));
                }
            }
            Distribution::Choice { values, weights } => {
                if values.is_empty() {
                    return Err("a list of choices needs at least one value".to_string());
                }
                for v in values {
                    schema::check(spec, v)?;
                }
                if weights.len() != values.len() {
                    return Err(format!(
                        "{} weights for {} values",
                        weights.len(),
                        values.len()
                    ));
                }
                if weights.iter().any(|w| !(w.is_finite() && *w > 0.0)) {
                    return Err("weights must be positive numbers".to_string());
                }
            }
        }
        Ok(())
    }

    /// The value at quantile `u` in [0, 1] (the inverse of the CDF; for an
    /// integer key, the integer whose cell contains u).
    pub fn value(&self, kind: &Kind, u: f64) -> Value {
        let u = u.clamp(0.0, 1.0);
        let x = match self {
            Distribution::Uniform { low, high } => {
                if let Kind::Int { .. } = kind {
                    let n = (high - low) + 1.0;
                    let i = (u * n).floor().min(n - 1.0);
                    return Value::Int((low + i) as i64);
                }
                low + u * (high - low)
            }
            Distribution::Triangular { low, mode, high } => {
                let (a, c, b) = (*low, *mode, *high);
                let at_mode = (c - a) / (b - a);
                if u < at_mode {
                    a + (u * (b - a) * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
                }
            }
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                if u <= 0.0 || u >= 1.0 {
                    return Value::Float(if u <= 0.0 { *low } else { *high });
                }
                let (a, b) = ((low - mean) / sd, (high - mean) / sd);
                // Work on the side of the mean nearer the interval, where the
                // CDF keeps its relative precision.
                let z = if a > 0.0 {
                    let (fa, fb) = (normal::cdf(-b), normal::cdf(-a));
                    -normal::quantile(fa + (1.0 - u) * (fb - fa))
                } else {
                    let (fa, fb) = (normal::cdf(a), normal::cdf(b));
                    normal::quantile(fa + u * (fb - fa))
                };
                (mean + sd * z).clamp(*low, *high)
            }
            Distribution::Choice { values, weights } => {
                let total: f64 = weights.iter().sum();
                let target = u * total;
                let mut cum = 0.0;
                for (v, w) in values.iter().zip(weights) {
                    cum += w;
                    if target < cum {
                        return v.clone();
                    }
                }
                return values.last().expect("checked non-empty").clone();
            }
        };
        match kind {
            Kind::Int { min, max } => Value::Int((x.round() as i64).clamp(*min, *max)),
            Kind::Float { min, max } => Value::Float(x.clamp(*min, *max)),
            _ => Value::Float(x),
        }
    }

    /// The distribution as a TOML value (`{ low = 0.2, high = 0.4 }`), as a
    /// scenario file would write it.
    pub fn to_toml(&self) -> String {
        let mut s = String::from("{ ");
        match self {
            Distribution::Uniform { low, high } => {
                let _ = write!(s, "low = {}, high = {}", toml_num(*low), toml_num(*high));
            }
            Distribution::Triangular { low, mode, high } => {
                let _ = write!(
                    s,
                    "dist = \"triangular\", low = {}, mode = {}, high = {}",
                    toml_num(*low),
                    toml_num(*mode),
                    toml_num(*high)
                );
            }
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                let _ = write!(
                    s,
                    "dist = \"normal\", mean = {}, sd = {}, low = {}, high = {}",
                    toml_num(*mean),
                    toml_num(*sd),
                    toml_num(*low),
                    toml_num(*high)
                );
            }
            Distribution::Choice { values, weights } => {
                let vals: Vec<String> = values.iter().map(toml_value).collect();
                let _ = write!(s, "values = [{}]", vals.join(", "));
                if weights.iter().any(|w| *w != weights[0]) {
                    let ws: Vec<String> = weights.iter().map(|w| toml_num(*w)).collect();
                    let _ = write!(s, ", weights = [{}]", ws.join(", "));
                }
            }
        }
        s.push_str(" }");
        s
    }
}

/// A number as TOML writes a float (`0.2`, `1.0`).
fn toml_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        x.to_string()
    }
}

/// A value as TOML (strings quoted).
fn toml_value(v: &Value) -> String {
    match v {
        Value::Text(t) => format!("{t:?}"),
        Value::Float(x) => toml_num(*x),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(k: &str) -> &'static KeySpec {
        schema::spec(k).unwrap()
    }

    #[test]
    fn quantiles_of_continuous_distributions() {
        let kind = Kind::Float { min: 0.0, max: 1.0 };
        let u = Distribution::Uniform {
            low: 0.2,
            high: 0.4,
        };
        assert_eq!(u.value(&kind, 0.5), Value::Float(0.30000000000000004));
        let t = Distribution::Triangular {
            low: 0.0,
            mode: 0.25,
            high: 1.0,
        };
        assert!((t.value(&kind, 0.25).as_f64() - 0.25).abs() < 1e-15);
        assert!((t.value(&kind, 0.0).as_f64()).abs() < 1e-15);
        assert!((t.value(&kind, 1.0).as_f64() - 1.0).abs() < 1e-15);
        let n = Distribution::Normal {
            mean: 0.5,
            sd: 0.1,
            low: 0.0,
            high: 1.0,
        };
        assert!((n.value(&kind, 0.5).as_f64() - 0.5).abs() < 1e-12);
        let z = 1.959_963_984_540_054;
        // 5 sd each side: the truncation moves the 97.5% point by ~1e-7 sd.
        assert!((n.value(&kind, 0.975).as_f64() - (0.5 + 0.1 * z)).abs() < 1e-6);
        assert_eq!(n.value(&kind, 0.0).as_f64(), 0.0);
        assert_eq!(n.value(&kind, 1.0).as_f64(), 1.0);
        // A one-sided truncation far in the tail stays inside and ordered.
        let tail = Distribution::Normal {
            mean: 0.0,
            sd: 0.01,
            low: 0.1,
            high: 0.2,
        };
        let (a, b) = (
            tail.value(&kind, 0.1).as_f64(),
            tail.value(&kind, 0.9).as_f64(),
        );
        assert!(0.1 <= a && a < b && b < 0.11, "{a} {b}");
    }

    #[test]
    fn integer_and_choice_keys() {
        let rounds = spec("scenario.rounds");
        let u = Distribution::Uniform {
            low: 36.0,
            high: 38.0,
        };
        let vals: Vec<Value> = [0.0, 0.33, 0.34, 0.67, 0.99, 1.0]
            .iter()
            .map(|&x| u.value(&rounds.kind, x))
            .collect();
        assert_eq!(vals, [36, 36, 37, 38, 38, 38].map(Value::Int));
        let c = Distribution::Choice {
            values: vec![Value::Bool(true), Value::Bool(false)],
            weights: vec![3.0, 1.0],
        };
        assert_eq!(c.value(&Kind::Bool, 0.74), Value::Bool(true));
        assert_eq!(c.value(&Kind::Bool, 0.76), Value::Bool(false));
        assert_eq!(c.value(&Kind::Bool, 1.0), Value::Bool(false));
    }

    #[test]
    fn checks_name_the_problem() {
        let cost = spec("deal.concession_cost");
        let bad = Distribution::Uniform {
            low: 0.5,
            high: 0.4,
        };
        assert_eq!(bad.check(cost).unwrap_err(), "low 0.5 > high 0.4");
        let out = Distribution::Uniform {
            low: 0.2,
            high: 1.5,
        };
        assert!(out.check(cost).unwrap_err().contains("[0, 1]"));
        let policy = spec("us.policy");
        assert!(
            Distribution::Uniform {
                low: 0.0,
                high: 1.0
            }
            .check(policy)
            .unwrap_err()
            .contains("list of choices")
        );
        let c = Distribution::Choice {
            values: vec![Value::Text("engagment".into())],
            weights: vec![1.0],
        };
        assert!(c.check(policy).unwrap_err().contains("engagement"));
    }

    #[test]
    fn toml_round_trips_in_words() {
        let t = Distribution::Triangular {
            low: 0.2,
            mode: 0.3,
            high: 1.0,
        };
        assert_eq!(
            t.to_toml(),
            "{ dist = \"triangular\", low = 0.2, mode = 0.3, high = 1.0 }"
        );
        let c = Distribution::Choice {
            values: vec![Value::Text("a".into()), Value::Text("b".into())],
            weights: vec![1.0, 1.0],
        };
        assert_eq!(c.to_toml(), "{ values = [\"a\", \"b\"] }");
    }
}
