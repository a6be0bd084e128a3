//! The trace: one run narrated round by round (the teaching view), as text
//! or CSV. It is recorded through the engine's [`Observer`], so it plays
//! exactly the run the Monte Carlo engine plays for the same (seed, run).

use std::fmt::Write as _;
use std::io::Write;

use super::{csv_error, num};
use crate::engine::{Observer, RunRecord};
use crate::error::{Error, Result};
use crate::model::state::{effective_pressure, expected_concession_shock, terms};
use crate::model::{IranAction, Params, State, Step, UsAction};

/// One recorded round.
#[derive(Debug, Clone)]
pub struct TraceRow {
    /// State at the start of the round.
    pub before: State,
    /// The US move.
    pub us: UsAction,
    /// Iran's move.
    pub iran: IranAction,
    /// What happened.
    pub step: Step,
    /// State at the end of the round.
    pub after: State,
}

/// Records every round of a run.
#[derive(Debug, Default)]
pub struct Recorder {
    /// The rounds, in order.
    pub rows: Vec<TraceRow>,
}

impl Observer for Recorder {
    fn round(
        &mut self,
        before: &State,
        us: UsAction,
        iran: IranAction,
        step: &Step,
        after: &State,
    ) {
        self.rows.push(TraceRow {
            before: *before,
            us,
            iran,
            step: *step,
            after: *after,
        });
    }
}

fn lifeline(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn state_line(p: &Params, s: &State) -> String {
    let pe = effective_pressure(p, s.pressure, s.lifeline, s.interim);
    format!(
        "R {:.3}  L {:.3}  N {:.3}  H {:.3}  P {:.3} (felt {:.3})  D {:.3}  lifeline {}{}",
        s.resilience,
        s.leverage,
        s.nuclear,
        s.hardliners,
        s.pressure,
        pe,
        s.talks,
        lifeline(s.lifeline),
        if s.interim { "  interim deal" } else { "" }
    )
}

/// The narrated trace as text.
pub fn text(p: &Params, title: &str, rows: &[TraceRow], record: &RunRecord) -> String {
    let mut out = String::new();
    let first = rows.first().map_or(record.state, |r| r.before);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "Iran's survival threshold this run: theta = {:.3} (private; the US believes {:.3} +/- {:.3})",
        first.threshold, p.threshold.mean, p.threshold.spread
    );
    let _ = writeln!(out, "start     {}", state_line(p, &first));
    for row in rows {
        let s = &row.after;
        let x = terms(p, s.pressure, s.leverage);
        let after_deal = s.resilience - expected_concession_shock(p, x, s.hardliners);
        let _ = writeln!(
            out,
            "round {:>3} US {:<8} Iran {:<12} -> {}",
            s.round,
            row.us.name(),
            row.iran.name(),
            state_line(p, s)
        );
        if row.step.terminal.is_none() {
            let margin = p.iran_policy.margin();
            let verdict = if after_deal >= s.threshold + margin {
                "survivable"
            } else if after_deal >= s.threshold {
                "survivable, but inside the policy's safety margin"
            } else {
                "not survivable: the trap"
            };
            let _ = writeln!(
                out,
                "          terms on the table x = {x:.3}: R after a deal ~ {after_deal:.3} vs theta {:.3} ({verdict})",
                s.threshold
            );
        }
        if !row.step.events.is_empty() {
            let names: Vec<&str> = row.step.events.names().collect();
            let _ = writeln!(out, "          events: {}", names.join(", "));
        }
    }
    let _ = write!(
        out,
        "outcome: {} in round {}",
        record.outcome.name(),
        record.round
    );
    if let Some(c) = record.channel {
        let _ = write!(out, " through {} talks", c.name());
    }
    if let Some(x) = record.terms {
        let _ = write!(out, " at terms x = {x:.3}");
    }
    let _ = writeln!(
        out,
        "\npayoffs (discounted): Iran {:.3}, US {:.3}",
        record.iran_payoff, record.us_payoff
    );
    out
}

/// The trace as CSV: one row per round with the state at its end.
pub fn write_csv<W: Write>(
    out: W,
    name: &str,
    p: &Params,
    rows: &[TraceRow],
    record: &RunRecord,
) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let err = |e| csv_error(name, e);
    w.write_record([
        "round",
        "us_action",
        "iran_action",
        "threshold",
        "resilience",
        "leverage",
        "nuclear",
        "hardliners",
        "pressure",
        "effective_pressure",
        "talks",
        "lifeline",
        "interim",
        "terms_on_table",
        "events",
        "outcome",
    ])
    .map_err(err)?;
    let last = rows.len();
    for (i, row) in rows.iter().enumerate() {
        let s = &row.after;
        let events: Vec<&str> = row.step.events.names().collect();
        let outcome = if i + 1 == last {
            record.outcome.name()
        } else {
            ""
        };
        w.write_record([
            s.round.to_string(),
            row.us.name().to_string(),
            row.iran.name().to_string(),
            num(s.threshold),
            num(s.resilience),
            num(s.leverage),
            num(s.nuclear),
            num(s.hardliners),
            num(s.pressure),
            num(effective_pressure(p, s.pressure, s.lifeline, s.interim)),
            num(s.talks),
            s.lifeline.to_string(),
            s.interim.to_string(),
            num(terms(p, s.pressure, s.leverage)),
            events.join(";"),
            outcome.to_string(),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| Error::write(name, &e))
}
