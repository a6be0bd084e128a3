//! The per-run CSV (`--per-run`), streamed in run order.
//!
//! Columns: `point,run,seed,outcome,round,channel,terms` (the contract), then
//! `first_channel`, Iran's drawn `threshold`, the final state, both payoffs and
//! how often each action was played.

use std::io::Write;

use super::digits::{push_num, push_opt, push_u64};
use crate::engine::{RowFormat, RunRecord, RunSink};
use crate::error::{Error, Result};
use crate::model::{IranAction, UsAction};
use crate::scenario::Point;

/// The per-run columns.
pub fn header() -> Vec<String> {
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
    h
}

/// Formats per-run rows: every field is a number or a fixed name, so no
/// field needs quoting, and each row is written straight into bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct PerRunFormat;

impl RowFormat for PerRunFormat {
    fn format(&self, point: &Point, r: &RunRecord, out: &mut Vec<u8>) {
        let s = &r.state;
        let name = |out: &mut Vec<u8>, c: Option<crate::model::Channel>| {
            if let Some(c) = c {
                out.extend_from_slice(c.name().as_bytes());
            }
        };
        let comma = |out: &mut Vec<u8>| out.push(b',');
        push_u64(out, point.index as u64);
        comma(out);
        push_u64(out, r.run);
        comma(out);
        push_u64(out, point.seed);
        comma(out);
        out.extend_from_slice(r.outcome.name().as_bytes());
        comma(out);
        push_u64(out, u64::from(r.round));
        comma(out);
        name(out, r.channel);
        comma(out);
        push_opt(out, r.terms);
        comma(out);
        name(out, s.first_channel);
        for x in [
            s.threshold,
            s.resilience,
            s.leverage,
            s.nuclear,
            s.hardliners,
            s.pressure,
            s.talks,
        ] {
            comma(out);
            push_num(out, x);
        }
        for b in [s.lifeline, s.interim] {
            comma(out);
            out.extend_from_slice(if b { b"true" } else { b"false" });
        }
        for x in [r.iran_payoff, r.us_payoff] {
            comma(out);
            push_num(out, x);
        }
        for n in r.iran_actions.iter().chain(r.us_actions.iter()) {
            comma(out);
            push_u64(out, u64::from(*n));
        }
        out.push(b'\n');
    }
}

/// Writes per-run rows as they come, in run order.
pub struct PerRunWriter<W: Write> {
    name: String,
    out: W,
    row: Vec<u8>,
}

impl<W: Write> PerRunWriter<W> {
    /// Starts the file with its header.
    pub fn new(mut out: W, name: &str) -> Result<Self> {
        let mut h = header().join(",");
        h.push('\n');
        out.write_all(h.as_bytes())
            .map_err(|e| Error::write(name, &e))?;
        Ok(PerRunWriter {
            name: name.to_string(),
            out,
            row: Vec::with_capacity(256),
        })
    }

    /// Flushes and returns the destination.
    pub fn into_inner(mut self) -> Result<W> {
        self.out.flush().map_err(|e| Error::write(&self.name, &e))?;
        Ok(self.out)
    }
}

impl<W: Write + Send> RunSink for PerRunWriter<W> {
    fn record(&mut self, point: &Point, r: &RunRecord) -> Result<()> {
        self.row.clear();
        PerRunFormat.format(point, r, &mut self.row);
        self.out
            .write_all(&self.row)
            .map_err(|e| Error::write(&self.name, &e))
    }

    fn formatter(&self) -> Option<&dyn RowFormat> {
        Some(&PerRunFormat)
    }

    fn write_formatted(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .map_err(|e| Error::write(&self.name, &e))
    }
}
