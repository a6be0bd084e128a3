//! The per-run CSV (`--per-run`), streamed in run order.
//!
//! Columns: `point,run,seed,outcome,round,channel,terms` (the contract), then
//! `first_channel`, Iran's drawn `threshold`, the final state, both payoffs and
//! how often each action was played.

use std::io::Write;

use super::{csv_error, num, opt};
use crate::engine::{RunRecord, RunSink};
use crate::error::{Error, Result};
use crate::model::{IranAction, UsAction};
use crate::scenario::Point;

/// Writes per-run rows as they come.
pub struct PerRunWriter<W: Write> {
    name: String,
    w: csv::Writer<W>,
    row: Vec<String>,
}

impl<W: Write> PerRunWriter<W> {
    /// Starts the file with its header.
    pub fn new(out: W, name: &str) -> Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        let mut h: Vec<String> = [
            "point",
            "run",
            "seed",
            "outcome",
            "round",
            "channel",
            "terms",
            "first_channel",
            "threshold",
            "resilience",
            "leverage",
            "nuclear",
            "hardliners",
            "pressure",
            "talks",
            "lifeline",
            "interim",
            "iran_payoff",
            "us_payoff",
        ]
        .map(String::from)
        .to_vec();
        h.extend(IranAction::ALL.iter().map(|a| format!("iran_{}", a.name())));
        h.extend(UsAction::ALL.iter().map(|a| format!("us_{}", a.name())));
        w.write_record(&h).map_err(|e| csv_error(name, e))?;
        Ok(PerRunWriter {
            name: name.to_string(),
            w,
            row: Vec::with_capacity(h.len()),
        })
    }

    /// Flushes and returns the destination.
    pub fn into_inner(self) -> Result<W> {
        let name = self.name;
        self.w
            .into_inner()
            .map_err(|e| Error::write(&name, e.error()))
    }
}

impl<W: Write> RunSink for PerRunWriter<W> {
    fn record(&mut self, point: &Point, r: &RunRecord) -> Result<()> {
        let s = &r.state;
        let ch = |c: Option<crate::model::Channel>| c.map(|c| c.name()).unwrap_or("").to_string();
        self.row.clear();
        self.row.extend([
            point.index.to_string(),
            r.run.to_string(),
            point.seed.to_string(),
            r.outcome.name().to_string(),
            r.round.to_string(),
            ch(r.channel),
            opt(r.terms),
            ch(s.first_channel),
            num(s.threshold),
            num(s.resilience),
            num(s.leverage),
            num(s.nuclear),
            num(s.hardliners),
            num(s.pressure),
            num(s.talks),
            s.lifeline.to_string(),
            s.interim.to_string(),
            num(r.iran_payoff),
            num(r.us_payoff),
        ]);
        self.row
            .extend(r.iran_actions.iter().map(|n| n.to_string()));
        self.row.extend(r.us_actions.iter().map(|n| n.to_string()));
        self.w
            .write_record(&self.row)
            .map_err(|e| csv_error(&self.name, e))
    }
}
