//! CSV of the evolution verbs: Moran fixation tables and replicator
//! trajectories.

use std::io::Write;

use super::json::Kind;
use super::table::{Format, Table};
use super::{csv_error, num, opt};
use crate::error::{Error, Result};
use crate::evolution::moran::{Moran, Tally};
use crate::stats::{Z95, wilson};

/// The Moran table's columns.
pub const MORAN_COLUMNS: [&str; 11] = [
    "strategy",
    "initial",
    "runs",
    "fixations",
    "probability",
    "ci_low",
    "ci_high",
    "mean_steps",
    "steps_se",
    "exact_probability",
    "exact_mean_steps",
];

/// One row per strategy present at the start, in matrix order: how often it
/// took over (Wilson 95% interval), the mean birth–death steps it took given
/// that it did (with its standard error), and, when exactly two strategies
/// are present, the exact probability and mean conditional time of the chain
/// (empty when they are out of `f64`'s reach: see
/// [`crate::evolution::fixation::Exact::sound`]). As a [`Table`].
pub fn moran_table(m: &Moran, t: &Tally) -> Table {
    let exact = m.exact().filter(|(_, _, e)| e.sound());
    let mut table = Table::new(
        MORAN_COLUMNS.map(String::from).to_vec(),
        MORAN_COLUMNS
            .map(|c| {
                if c == "strategy" {
                    Kind::Text
                } else {
                    Kind::Number
                }
            })
            .to_vec(),
    );
    for (k, strategy) in m.payoffs().names().iter().enumerate() {
        let initial = m.counts()[k];
        if initial == 0 {
            continue;
        }
        let (lo, hi) = wilson(t.fixations[k], t.runs, Z95);
        let steps = t.mean_steps(k);
        let (exact_p, exact_steps) = match exact {
            Some((a, _, e)) if a == k => (Some(e.fixation_a), e.steps_a),
            Some((_, b, e)) if b == k => (Some(1.0 - e.fixation_a), e.steps_b),
            _ => (None, None),
        };
        table.rows.push(vec![
            strategy.clone(),
            initial.to_string(),
            t.runs.to_string(),
            t.fixations[k].to_string(),
            num(t.fixations[k] as f64 / t.runs.max(1) as f64),
            num(lo),
            num(hi),
            opt(steps.map(|s| s.0)),
            opt(steps.map(|s| s.1).filter(|s| s.is_finite())),
            opt(exact_p),
            opt(exact_steps),
        ]);
    }
    table
}

/// Writes the Moran table in `format`.
pub fn write_moran(
    out: &mut dyn Write,
    name: &str,
    m: &Moran,
    t: &Tally,
    format: Format,
) -> Result<()> {
    moran_table(m, t).write_as(out, name, format)
}

/// Writes a replicator trajectory: `step,time` then one share column per
/// strategy, nine decimals.
pub struct TrajectoryWriter<W: Write> {
    w: csv::Writer<W>,
    name: String,
    row: Vec<String>,
}

impl<W: Write> TrajectoryWriter<W> {
    /// Writes the header.
    pub fn new(out: W, name: &str, strategies: &[String]) -> Result<TrajectoryWriter<W>> {
        let mut w = csv::Writer::from_writer(out);
        let mut header = vec!["step".to_string(), "time".to_string()];
        header.extend(strategies.iter().cloned());
        w.write_record(&header).map_err(|e| csv_error(name, e))?;
        Ok(TrajectoryWriter {
            w,
            name: name.to_string(),
            row: Vec::with_capacity(header.len()),
        })
    }

    /// Writes one instant.
    pub fn row(&mut self, step: u64, time: f64, shares: &[f64]) -> Result<()> {
        self.row.clear();
        self.row.push(step.to_string());
        self.row.push(num(time));
        self.row.extend(shares.iter().map(|x| format!("{x:.9}")));
        self.w
            .write_record(&self.row)
            .map_err(|e| csv_error(&self.name, e))
    }

    /// Flushes and returns the destination.
    pub fn finish(self) -> Result<W> {
        let name = self.name;
        self.w
            .into_inner()
            .map_err(|e| Error::write(&name, e.error()))
    }
}
