//! Scenarios: the TOML schema, parsing with positions, overrides (`--set`,
//! `--vary`, `[sweep]`), the grid of points, and the validated parameters.
//!
//! Two stages: [`parse`] checks the text key by key against [`schema`]; a
//! [`Scenario`] holds resolved values, and [`Scenario::points`] turns them into
//! validated [`Params`](crate::model::Params). Nothing downstream sees an
//! unvalidated value.

pub mod axis;
mod build;
pub mod parse;
pub mod schema;
pub mod shipped;
pub mod uncertainty;

use std::path::Path;

pub use axis::Axis;
pub use schema::{KeySpec, SCHEMA, Value};
pub use uncertainty::Uncertain;

use crate::error::{Error, Origin, Result};
use crate::model::Params;
use crate::policy::Players;

/// FNV-1a (64 bits) of some bytes, as 16 hex digits: identifies a job or an
/// input file in partial results and reports (not a cryptographic hash).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The default cap on grid points; `--max-points` raises it.
pub const DEFAULT_MAX_POINTS: usize = 10_000;

/// The ceiling of `--max-points`: a point's parameters and tallies take 7 to
/// 40 KB, so a million points take 7 GB or more.
pub const MAX_POINTS: usize = 1_000_000;

/// A scenario with every key resolved: defaults, then the file, then `--set`.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it came from, for messages (a path or `name (shipped)`).
    pub source: String,
    /// The scenario text, as read.
    pub text: String,
    /// One value per schema key, in schema order.
    pub values: Vec<Value>,
    /// Whether each key was set by the file or an override (not a default).
    pub explicit: Vec<bool>,
    /// The sweep axes: the `[sweep]` table, then `--vary` (which replaces a
    /// `[sweep]` axis of the same key).
    pub axes: Vec<Axis>,
    /// The uncertain keys: the `[uncertainty]` table, in file order, then
    /// those `--uncertain-defaults` adds. A key `--set` fixes leaves it.
    pub uncertainty: Vec<Uncertain>,
}

/// One point of a sweep grid.
#[derive(Debug, Clone)]
pub struct Point {
    /// Its number, from 0, the last axis varying fastest.
    pub index: usize,
    /// The value of each axis at this point, in axis order.
    pub coordinates: Vec<Value>,
    /// Runs at this point (`scenario.runs`).
    pub runs: u64,
    /// Master seed at this point (`scenario.seed`).
    pub seed: u64,
    /// The validated model parameters.
    pub params: Params,
    /// Who plays: both sides' policies.
    pub players: Players,
}

impl Scenario {
    /// Loads a scenario from a path, or else by the name of a shipped scenario.
    pub fn load(arg: &str) -> Result<Scenario> {
        let path = Path::new(arg);
        if path.exists() {
            let text = crate::input::read_source(arg, "scenario")?;
            return Scenario::from_text(&text, arg);
        }
        let name = arg.strip_suffix(".toml").unwrap_or(arg);
        match shipped::find(name) {
            Some(text) if !arg.contains(['/', '\\']) => {
                Scenario::from_text(text, &format!("{name} (shipped)"))
            }
            _ => Err(Error::input(
                Origin::source(arg),
                format!(
                    "no such file, and no shipped scenario of that name (shipped: {})",
                    shipped::names().join(", ")
                ),
            )),
        }
    }

    /// Parses scenario text; `source` names it in messages.
    pub fn from_text(text: &str, source: &str) -> Result<Scenario> {
        let doc = parse::parse(text, source)?;
        let mut values: Vec<Value> = SCHEMA.iter().map(|s| s.default.clone()).collect();
        let mut explicit = vec![false; SCHEMA.len()];
        for (i, v) in doc.set {
            values[i] = v;
            explicit[i] = true;
        }
        let scenario = Scenario {
            source: source.to_string(),
            text: text.to_string(),
            values,
            explicit,
            axes: doc.sweep,
            uncertainty: doc.uncertainty,
        };
        // Cross-key checks report against the file.
        build::params(&scenario.values).map_err(|m| Error::input(Origin::source(source), m))?;
        Ok(scenario)
    }

    /// Applies `--set KEY=VALUE`.
    pub fn set(&mut self, raw: &str) -> Result<()> {
        let (key, value) = split_assignment("--set", raw)?;
        self.set_key("--set", key, value)
    }

    /// Sets one key from command-line text; `flag` names the source in errors.
    pub fn set_key(&mut self, flag: &str, key: &str, value: &str) -> Result<()> {
        let spec = lookup(flag, key)?;
        let v = schema::parse_cli_value(spec, value)
            .map_err(|m| Error::input(Origin::source(flag).with_key(key), m))?;
        let i = schema::index_of(key).unwrap_or_default();
        self.values[i] = v;
        self.explicit[i] = true;
        self.uncertainty.retain(|u| u.index != i);
        build::params(&self.values).map_err(|m| Error::input(Origin::source(flag), m))?;
        Ok(())
    }

    /// Applies `--vary KEY=V1,V2,...` or `--vary KEY=FROM:TO:STEPS`.
    pub fn vary(&mut self, raw: &str) -> Result<()> {
        let (key, spec_text) = split_assignment("--vary", raw)?;
        let spec = lookup("--vary", key)?;
        let values = axis::parse_values(spec, spec_text)
            .map_err(|m| Error::input(Origin::source("--vary").with_key(key), m))?;
        let index = schema::index_of(key).unwrap_or_default();
        let axis = Axis { index, values };
        match self.axes.iter_mut().find(|a| a.index == index) {
            Some(existing) => *existing = axis,
            None => self.axes.push(axis),
        }
        Ok(())
    }

    /// The value of a key.
    pub fn value(&self, key: &str) -> &Value {
        &self.values[schema::index_of(key).expect("key in schema")]
    }

    /// The identity of a job: a hash of the catch22 version, every resolved
    /// value and the sweep axes (FNV-1a, 64 bits, as 16 hex digits). Parts of
    /// a sharded job carry it so that `merge` refuses parts of different jobs.
    pub fn job_id(&self) -> String {
        let mut text = format!("catch22 {}\n", env!("CARGO_PKG_VERSION"));
        for (spec, v) in SCHEMA.iter().zip(&self.values) {
            text.push_str(&format!("{}={v:?}\n", spec.key));
        }
        for axis in &self.axes {
            text.push_str(&format!("axis {}={:?}\n", axis.key(), axis.values));
        }
        for u in &self.uncertainty {
            text.push_str(&format!("uncertain {}={:?}\n", u.key(), u.dist));
        }
        content_hash(text.as_bytes())
    }

    /// `--uncertain-defaults`: every key with a plausible range in the
    /// schema that the scenario does not fix (set by the file or `--set`) and
    /// the table does not already hold becomes uncertain, uniform on that
    /// range — except the parameters of policies the scenario cannot play.
    /// Returns how many keys were added.
    pub fn add_uncertain_defaults(&mut self) -> usize {
        let before = self.uncertainty.len();
        let playable = |side: &str| -> Vec<String> {
            let key = format!("{side}.policy");
            let i = schema::index_of(&key).expect("policy key");
            match self.uncertainty.iter().find(|u| u.index == i) {
                Some(Uncertain {
                    dist: crate::uncertainty::Distribution::Choice { values, .. },
                    ..
                }) => values.iter().map(|v| v.to_string()).collect(),
                _ => vec![self.values[i].to_string()],
            }
        };
        let (iran, us) = (playable("iran"), playable("us"));
        for (i, spec) in SCHEMA.iter().enumerate() {
            let Some((low, high)) = spec.plausible else {
                continue;
            };
            if self.explicit[i] || self.uncertainty.iter().any(|u| u.index == i) {
                continue;
            }
            if let Some((side, rest)) = spec.key.split_once('.') {
                let policy = rest.split_once('.').map(|(p, _)| p);
                let inactive = |names: &[String], all: &[&str]| {
                    policy.is_some_and(|p| all.contains(&p) && !names.iter().any(|n| n == p))
                };
                if (side == "iran" && inactive(&iran, &crate::policy::IRAN_POLICIES))
                    || (side == "us" && inactive(&us, &crate::policy::US_POLICIES))
                {
                    continue;
                }
            }
            self.uncertainty.push(Uncertain {
                index: i,
                dist: crate::uncertainty::Distribution::Uniform { low, high },
            });
        }
        self.uncertainty.len() - before
    }

    /// The parameters and players with the uncertain keys at `values` (one
    /// per uncertain key, in table order), validated as `--set` would.
    pub fn params_at(&self, values: &[Value]) -> std::result::Result<(Params, Players), String> {
        let mut all = self.values.clone();
        for (u, v) in self.uncertainty.iter().zip(values) {
            all[u.index] = v.clone();
        }
        build::params(&all)
    }

    /// `scenario.name`.
    pub fn name(&self) -> &str {
        self.value("scenario.name").as_str()
    }

    /// The number of grid points, refusing an empty or oversized grid (and a
    /// `max_points` above [`MAX_POINTS`]).
    pub fn point_count(&self, max_points: usize) -> Result<usize> {
        if max_points > MAX_POINTS {
            return Err(Error::Usage(format!(
                "--max-points must be at most {MAX_POINTS}, got {max_points} \
                 (every point takes several KB of memory; split a larger study into several sweeps)"
            )));
        }
        let n = axis::grid_size(&self.axes);
        match n {
            Some(n) if n <= max_points => Ok(n),
            _ => {
                let shown = n.map_or_else(|| "more than 2^64".to_string(), |n| n.to_string());
                Err(Error::Usage(format!(
                    "the sweep grid has {shown} points, more than --max-points {max_points}; \
                     narrow the grid or raise --max-points"
                )))
            }
        }
    }

    /// The grid's points, validated (the base scenario alone when there are no axes).
    pub fn points(&self, max_points: usize) -> Result<Vec<Point>> {
        let n = self.point_count(max_points)?;
        (0..n).map(|i| self.point(i)).collect()
    }

    /// Grid point `index`, validated.
    pub fn point(&self, index: usize) -> Result<Point> {
        let coords = axis::coordinates(&self.axes, index);
        let mut values = self.values.clone();
        let mut coordinates = Vec::with_capacity(self.axes.len());
        for (axis, &c) in self.axes.iter().zip(&coords) {
            let v = axis.values.get(c);
            values[axis.index] = v.clone();
            coordinates.push(v);
        }
        let (params, players) = build::params(&values).map_err(|m| {
            let at: Vec<String> = self
                .axes
                .iter()
                .zip(&coordinates)
                .map(|(a, v)| format!("{}={v}", a.key()))
                .collect();
            Error::input(
                Origin::source(&self.source),
                format!("at sweep point {index} ({}): {m}", at.join(", ")),
            )
        })?;
        let get = |k: &str| values[schema::index_of(k).expect("key")].as_i64();
        Ok(Point {
            index,
            coordinates,
            runs: get("scenario.runs") as u64,
            seed: get("scenario.seed") as u64,
            params,
            players,
        })
    }
}

/// The shipped baseline's parameters with `--set` overrides, for unit tests.
#[cfg(test)]
pub fn baseline_params(sets: &[&str]) -> Params {
    baseline_point(sets).params
}

/// The shipped baseline's point (parameters and players) with `--set`
/// overrides, for unit tests.
#[cfg(test)]
pub fn baseline_point(sets: &[&str]) -> Point {
    let mut s = Scenario::load(shipped::DEFAULT).expect("the baseline loads");
    for set in sets {
        s.set(set).expect("a valid override");
    }
    s.point(0).expect("one point")
}

fn split_assignment<'a>(flag: &str, raw: &'a str) -> Result<(&'a str, &'a str)> {
    raw.split_once('=')
        .map(|(k, v)| (k.trim(), v))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| {
            Error::input(
                Origin::source(flag),
                format!("`{raw}` is not KEY=VALUE (for example iran.resilience=0.3)"),
            )
        })
}

fn lookup(flag: &str, key: &str) -> Result<&'static KeySpec> {
    schema::spec(key).ok_or_else(|| {
        Error::input(
            Origin::source(flag).with_key(key),
            parse::unknown_key_message(key),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_are_checked() {
        let mut s = Scenario::from_text("", "t").unwrap();
        s.set("iran.resilience=0.3").unwrap();
        assert_eq!(s.value("iran.resilience"), &Value::Float(0.3));
        assert!(s.set("iran.resilience=3").is_err());
        assert!(
            s.set("iran.resilence=0.3")
                .unwrap_err()
                .to_string()
                .contains("did you mean")
        );
        assert!(s.set("novalue").is_err());
        s.vary("lifeline.probability=0:0.5:6").unwrap();
        s.vary("us.policy=maximum_pressure,engagement").unwrap();
        let points = s.points(100).unwrap();
        assert_eq!(points.len(), 12);
        assert_eq!(points[1].coordinates[1], Value::Text("engagement".into()));
        assert!(s.points(5).unwrap_err().to_string().contains("12 points"));
    }

    #[test]
    fn every_shipped_scenario_loads() {
        for name in shipped::names() {
            let s = Scenario::load(name).unwrap();
            assert_eq!(s.name(), name);
            s.points(DEFAULT_MAX_POINTS).unwrap();
        }
    }
}
