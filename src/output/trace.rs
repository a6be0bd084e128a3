//! The trace: one run narrated round by round (the teaching view), as text
//! or CSV. It is recorded through the engine's [`Observer`], so it plays
//! exactly the run the Monte Carlo engine plays for the same (seed, run).

use std::fmt::Write as _;
use std::io::Write;

use super::{csv_error, num};
use crate::engine::{Observer, RunRecord};
use crate::error::{Error, Result};
use crate::model::state::effective_pressure;
use crate::model::{Horns, IranAction, Params, Region, State, Step, UsAction, horns};

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

/// The horns of the Catch-22 Iran saw when it chose its move in `row`: the
/// start-of-round state, this round's US enforcement, its own θ (the same
/// call its policy makes).
pub fn seen(p: &Params, row: &TraceRow) -> Horns {
    horns(p, &row.before, row.us.enforcement(), row.before.threshold)
}

/// The narrated trace as text.
pub fn text(p: &Params, title: &str, rows: &[TraceRow], record: &RunRecord) -> String {
    let mut out = String::new();
    let first = rows.first().map_or(record.state, |r| r.before);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "Iran's survival threshold this run: theta = {:.3} (private; the US believes theta in [{:.3}, {:.3}]); survival floor {:.3}",
        first.threshold,
        first.belief_low,
        p.belief.support().1,
        p.leadership.survival_floor
    );
    let _ = writeln!(out, "start     {}", state_line(p, &first));
    for row in rows {
        let s = &row.after;
        let h = seen(p, row);
        let verdict = match h.region(p) {
            Region::Trap => "the Catch-22: both horns below the floor",
            Region::Both => "both horns clear the floor",
            Region::DealOnly => "only the deal clears the floor",
            Region::RefuseOnly => "only refusing clears the floor",
        };
        let _ = writeln!(
            out,
            "round {:>3} Iran saw: offer x = {:.3}, survival if it accepts {:.3}, if it refuses {:.3} ({verdict})",
            s.round, h.offer, h.deal, h.refuse
        );
        let _ = writeln!(
            out,
            "          US {:<20} Iran {:<12} -> {}",
            row.us.name(),
            row.iran.name(),
            state_line(p, s)
        );
        if let Some(x) = row.step.offer {
            let _ = writeln!(
                out,
                "          talks complete: the US offers x = {x:.3} (belief now theta in [{:.3}, {:.3}])",
                s.belief_low,
                p.belief.support().1
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
        "belief_low",
        "lifeline",
        "interim",
        "offer_seen",
        "deal_survival",
        "refuse_survival",
        "trap",
        "terms_offered",
        "events",
        "outcome",
    ])
    .map_err(err)?;
    let last = rows.len();
    for (i, row) in rows.iter().enumerate() {
        let s = &row.after;
        let h = seen(p, row);
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
            num(s.belief_low),
            s.lifeline.to_string(),
            s.interim.to_string(),
            num(h.offer),
            num(h.deal),
            num(h.refuse),
            h.is_trap(p).to_string(),
            row.step.offer.map(num).unwrap_or_default(),
            events.join(";"),
            outcome.to_string(),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| Error::write(name, &e))
}
