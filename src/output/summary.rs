//! The summary CSV: tidy, one row per point per outcome, all four outcomes in
//! the order deal, regime_crisis, war, muddle_through.
//!
//! Columns: `scenario,point,<one per varied key>,outcome,runs,count,
//! probability,ci_low,ci_high,mean_round` (the contract), then `mean_terms`,
//! `intermediary`, `direct` (deals by closing channel), `opened_intermediary`,
//! `opened_direct` (runs by the channel through which talks first moved),
//! `mean_iran_payoff`,
//! `mean_us_payoff`, and the share of rounds each action was played in runs
//! with that outcome (`iran_hold` ... `us_strike`), then the 10th, 50th and
//! 90th percentiles of the round the outcome occurred in (`round_p10`,
//! `round_p50`, `round_p90`: exact, from a histogram of rounds) and of the
//! deal terms (`terms_p10`, `terms_p50`, `terms_p90`: from a 1000-bin
//! histogram, exact to ±0.0005).

use std::io::Write;

use super::json::Kind;
use super::table::{Format, RowWriter, Table};
use super::{num, opt};
use crate::engine::Tally;
use crate::error::Result;
use crate::model::{IranAction, Outcome, UsAction};
use crate::scenario::Point;
use crate::stats::{Z95, wilson};

/// The columns after the varied keys.
pub fn header(keys: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = ["scenario", "point"].map(String::from).to_vec();
    h.extend(keys.iter().map(|k| k.to_string()));
    h.extend(
        [
            "outcome",
            "runs",
            "count",
            "probability",
            "ci_low",
            "ci_high",
            "mean_round",
            "mean_terms",
            "intermediary",
            "direct",
            "opened_intermediary",
            "opened_direct",
            "mean_iran_payoff",
            "mean_us_payoff",
        ]
        .map(String::from),
    );
    h.extend(IranAction::ALL.iter().map(|a| format!("iran_{}", a.name())));
    h.extend(UsAction::ALL.iter().map(|a| format!("us_{}", a.name())));
    h.extend(
        QUANTILES
            .iter()
            .map(|q| format!("round_p{q}"))
            .chain(QUANTILES.iter().map(|q| format!("terms_p{q}"))),
    );
    h
}

/// The percentiles of rounds and terms in the summary.
pub const QUANTILES: [u64; 3] = [10, 50, 90];

/// One point's row block: its number, the value of each varied key as
/// printed, and its tally.
pub type PointRows<'a> = (usize, Vec<String>, &'a Tally);

/// Labels and tallies of simulated points, for [`write`].
pub fn rows<'a>(points: &[Point], tallies: &'a [Tally]) -> Vec<PointRows<'a>> {
    points
        .iter()
        .zip(tallies)
        .map(|(p, t)| {
            (
                p.index,
                p.coordinates.iter().map(|v| v.to_string()).collect(),
                t,
            )
        })
        .collect()
}

/// Terms quantiles: bin midpoints, printed with four decimals (0.4565).
fn num3(x: f64) -> String {
    format!("{x:.4}")
}

/// The summary as a [`Table`]: its columns typed for JSON (names as text,
/// varied keys as numbers or text, everything else a number).
pub fn table(scenario: &str, keys: &[&str], points: &[PointRows<'_>]) -> Table {
    let columns = header(keys);
    let kinds = columns
        .iter()
        .enumerate()
        .map(|(i, c)| match c.as_str() {
            "scenario" | "outcome" if i < 2 || i == keys.len() + 2 => Kind::Text,
            _ if (2..2 + keys.len()).contains(&i) => Kind::Auto,
            _ => Kind::Number,
        })
        .collect();
    Table {
        columns,
        kinds,
        rows: records(scenario, points),
    }
}

/// Writes the summary of every point as CSV.
pub fn write<W: Write>(
    out: W,
    name: &str,
    scenario: &str,
    keys: &[&str],
    points: &[PointRows<'_>],
) -> Result<()> {
    table(scenario, keys, points).write_csv(out, name)
}

/// Writes the summary as JSON: an array of records with the CSV's columns
/// and values (numbers as numbers, empty fields as null).
pub fn write_json<W: Write>(
    out: W,
    name: &str,
    scenario: &str,
    keys: &[&str],
    points: &[PointRows<'_>],
) -> Result<()> {
    table(scenario, keys, points).write_json(out, name)
}

/// The summary written block of points by block (CSV or JSON records), for
/// a sweep too large to hold: the bytes of [`write`] or [`write_json`] with
/// only one block's rows in memory.
pub struct Blocks<W: Write> {
    rows: RowWriter<W>,
    scenario: String,
}

impl<W: Write> Blocks<W> {
    /// Starts the summary of `scenario` varying `keys`, in `format` (CSV or JSON).
    pub fn new(out: W, name: &str, scenario: &str, keys: &[&str], format: Format) -> Result<Self> {
        let t = table(scenario, keys, &[]);
        Ok(Blocks {
            rows: RowWriter::new(out, name, t.columns, t.kinds, format)?,
            scenario: scenario.to_string(),
        })
    }

    /// Writes the rows of the next points.
    pub fn write(&mut self, points: &[PointRows<'_>]) -> Result<()> {
        self.rows.write(&records(&self.scenario, points))
    }

    /// Ends the summary.
    pub fn finish(self) -> Result<()> {
        self.rows.finish()
    }
}

/// Writes the main columns of the summary (point to mean_round) as an aligned table.
pub fn write_table<W: Write>(
    out: W,
    name: &str,
    scenario: &str,
    keys: &[&str],
    points: &[PointRows<'_>],
) -> Result<()> {
    let keep = 2 + keys.len() + 8; // up to mean_round
    table(scenario, keys, points)
        .columns(1..keep)
        .write_text(out, name)
}

/// The summary's rows, as text fields in [`header`] order.
pub fn records(scenario: &str, points: &[PointRows<'_>]) -> Vec<Vec<String>> {
    let mut rows = Vec::with_capacity(points.len() * 4);
    for (index, coordinates, tally) in points {
        let runs = tally.runs();
        for outcome in Outcome::ALL {
            let t = tally.outcome(outcome);
            let (lo, hi) = wilson(t.count, runs, Z95);
            let mut row: Vec<String> = vec![scenario.to_string(), index.to_string()];
            row.extend(coordinates.iter().cloned());
            let payoffs = t.mean_payoffs();
            row.extend([
                outcome.name().to_string(),
                runs.to_string(),
                t.count.to_string(),
                num(t.count as f64 / runs.max(1) as f64),
                num(lo),
                num(hi),
                opt(t.mean_round()),
                opt(t.mean_terms()),
                t.channel[0].to_string(),
                t.channel[1].to_string(),
                t.opened[0].to_string(),
                t.opened[1].to_string(),
                opt(payoffs.map(|p| p.0)),
                opt(payoffs.map(|p| p.1)),
            ]);
            row.extend(IranAction::ALL.iter().map(|&a| opt(t.iran_share(a))));
            row.extend(UsAction::ALL.iter().map(|&a| opt(t.us_share(a))));
            row.extend(QUANTILES.iter().map(|&q| {
                t.round_quantile(q)
                    .map(|r| r.to_string())
                    .unwrap_or_default()
            }));
            row.extend(
                QUANTILES
                    .iter()
                    .map(|&q| t.terms_quantile(q).map(num3).unwrap_or_default()),
            );
            rows.push(row);
        }
    }
    rows
}
