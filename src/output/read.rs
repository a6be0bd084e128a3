//! Reading a summary CSV back (as written by `run`, `sweep` or `merge`): per
//! point, its varied-key values and the count of each outcome, plus the
//! optional columns later tools use (quantiles, means).

use std::collections::BTreeMap;

use crate::error::shorten;

use crate::error::{Error, Origin, Result};
use crate::model::{IranAction, Outcome, UsAction};
use crate::scenario::schema::{MAX_ROUNDS, MAX_RUNS};

/// One point of a summary CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryPoint {
    /// Its number.
    pub index: usize,
    /// The value of each varied key, as printed.
    pub coordinates: Vec<String>,
    /// Runs at the point.
    pub runs: u64,
    /// Runs of each outcome, in `Outcome::ALL` order.
    pub counts: [u64; 4],
    /// Every other column of each outcome's row, by column name.
    pub extra: [BTreeMap<String, String>; 4],
}

/// A summary CSV read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The file.
    pub path: String,
    /// `scenario.name`.
    pub scenario: String,
    /// The varied keys: the columns between `point` and `outcome`.
    pub keys: Vec<String>,
    /// The points, in file order.
    pub points: Vec<SummaryPoint>,
}

/// Whether a file looks like a summary CSV (its first line begins `scenario,point,`).
pub fn is_summary_text(text: &str) -> bool {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .starts_with("scenario,point,")
}

/// Reads a summary CSV; every point must have the four outcomes with the same
/// `runs`, and counts that add up to it.
pub fn read(path: &str) -> Result<Summary> {
    parse(&crate::input::read_text(path, "summary")?, path)
}

/// [`read`] of a summary's text; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Summary> {
    let bad = |line: u64, m: String| {
        let mut o = Origin::source(path);
        o.position = (line > 0).then_some((line as usize, 1));
        Error::input(o, m)
    };
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| bad(1, format!("malformed CSV: {e}")))?
        .iter()
        .map(String::from)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(0), Some(1), Some(out), Some(runs), Some(count)) = (
        col("scenario"),
        col("point"),
        col("outcome"),
        col("runs"),
        col("count"),
    ) else {
        return Err(bad(
            1,
            "not a catch22 summary CSV (its columns must begin scenario,point,...,outcome,runs,count)"
                .to_string(),
        ));
    };
    let keys: Vec<String> = header[2..out].to_vec();
    let mut scenario = String::new();
    let mut points: Vec<SummaryPoint> = Vec::new();
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    for record in rd.records() {
        let r = record.map_err(|e| bad(0, format!("malformed CSV: {e}")))?;
        let line = r.position().map_or(0, |p| p.line());
        if r.len() != header.len() {
            return Err(bad(
                line,
                format!("expected {} fields, got {}", header.len(), r.len()),
            ));
        }
        let whole = |k: usize| {
            r[k].parse::<u64>().map_err(|_| {
                bad(
                    line,
                    format!("column `{}`: `{}` is not a whole number", header[k], &r[k]),
                )
            })
        };
        let index = whole(1)? as usize;
        let outcome = Outcome::ALL
            .into_iter()
            .find(|o| o.name() == &r[out])
            .ok_or_else(|| bad(line, format!("unknown outcome `{}`", &r[out])))?;
        let (n, c) = (whole(runs)?, whole(count)?);
        if !(1..=MAX_RUNS as u64).contains(&n) || c > n {
            return Err(bad(
                line,
                format!(
                    "point {index}, outcome {}: runs must be in [1, {MAX_RUNS}] and the count at most the runs, got count {c} of {n}",
                    outcome.name()
                ),
            ));
        }
        for (k, h) in header.iter().enumerate().skip(out + 1) {
            check_column(h, &r[k], c, n).map_err(|m| {
                bad(
                    line,
                    format!(
                        "point {index}, outcome {}, column `{h}`: {m}",
                        outcome.name()
                    ),
                )
            })?;
        }
        scenario = r[0].to_string();
        let coordinates: Vec<String> = (2..out).map(|k| r[k].to_string()).collect();
        let slot = *seen.entry(index).or_insert_with(|| {
            points.push(SummaryPoint {
                index,
                coordinates: coordinates.clone(),
                runs: n,
                counts: [0; 4],
                extra: Default::default(),
            });
            points.len() - 1
        });
        let p = &mut points[slot];
        if p.runs != n || p.coordinates != coordinates {
            return Err(bad(
                line,
                format!("point {index}: its rows disagree on `runs` or the varied keys"),
            ));
        }
        if !p.extra[outcome.index()].is_empty() {
            return Err(bad(
                line,
                format!("point {index}, outcome {}: a repeated row", outcome.name()),
            ));
        }
        p.counts[outcome.index()] = c;
        let extra = &mut p.extra[outcome.index()];
        extra.insert("outcome".to_string(), outcome.name().to_string());
        for (k, h) in header.iter().enumerate().skip(out + 1) {
            extra.insert(h.clone(), r[k].to_string());
        }
    }
    if points.is_empty() {
        return Err(bad(1, "the summary has no rows".to_string()));
    }
    for p in &points {
        let rows = p.extra.iter().filter(|e| !e.is_empty()).count();
        if rows != 4 || p.counts.iter().sum::<u64>() != p.runs {
            return Err(bad(
                0,
                format!(
                    "point {}: expected the four outcomes with counts adding up to its {} runs",
                    p.index, p.runs
                ),
            ));
        }
    }
    Ok(Summary {
        path: path.to_string(),
        scenario,
        keys,
        points,
    })
}

/// Checks one column catch22 writes against the row's `count` of `runs`
/// (columns it does not know are kept as they are): the probability and its
/// interval agree with the counts, rounds lie in the horizon, terms and
/// shares in [0, 1], channel counts within the count, payoffs finite; and
/// what is undefined without runs (means, quantiles) is empty exactly when
/// the count is 0.
fn check_column(name: &str, value: &str, count: u64, runs: u64) -> std::result::Result<(), String> {
    let p = count as f64 / runs as f64;
    let number = || {
        value
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{}` is not a finite number", shorten(value, 40)))
    };
    let within = |lo: f64, hi: f64| -> std::result::Result<f64, String> {
        let x = number()?;
        if (lo..=hi).contains(&x) {
            Ok(x)
        } else {
            Err(format!("{x} is outside [{lo}, {hi}]"))
        }
    };
    // Printed with six decimals: agreement to within rounding.
    const SLACK: f64 = 1e-6;
    let rounds = MAX_ROUNDS as f64;
    let share = IranAction::ALL
        .iter()
        .any(|a| name == format!("iran_{}", a.name()))
        || UsAction::ALL
            .iter()
            .any(|a| name == format!("us_{}", a.name()));
    match name {
        "probability" => {
            let x = within(0.0, 1.0)?;
            if (x - p).abs() > SLACK {
                return Err(format!(
                    "{x} is not count/runs = {count}/{runs} (counts that cannot be)"
                ));
            }
        }
        "ci_low" | "ci_high" => {
            let x = within(0.0, 1.0)?;
            let wrong = if name == "ci_low" {
                x > p + SLACK
            } else {
                x < p - SLACK
            };
            if wrong {
                return Err(format!("{x} does not bound the probability {count}/{runs}"));
            }
        }
        "mean_round" | "round_p10" | "round_p50" | "round_p90" | "mean_iran_payoff"
        | "mean_us_payoff"
            if value.is_empty() != (count == 0) =>
        {
            return Err("must be empty exactly when the count is 0".to_string());
        }
        "mean_round" | "round_p10" | "round_p50" | "round_p90" if count > 0 => {
            within(1.0, rounds)?;
        }
        "mean_iran_payoff" | "mean_us_payoff" if count > 0 => {
            number()?;
        }
        "mean_terms" | "terms_p10" | "terms_p50" | "terms_p90" if !value.is_empty() => {
            within(0.0, 1.0)?;
        }
        "intermediary" | "direct" | "opened_intermediary" | "opened_direct" => {
            within(0.0, count as f64)?;
        }
        _ if share && !value.is_empty() => {
            within(0.0, 1.0)?;
        }
        _ => {}
    }
    Ok(())
}
