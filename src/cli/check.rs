//! `catch22 check`: validate a scenario and print it resolved.

use std::fmt::Write as _;

use super::io::Io;
use super::{CheckArgs, load};
use crate::error::Result;
use crate::explain::map::first_enforcement;
use crate::model::offer::offer;
use crate::model::state::{crisis_hazard, effective_pressure, veto_limit};
use crate::model::{State, horns};
use crate::output::escape::toml_string;
use crate::scenario::{SCHEMA, Scenario, Value, schema::Kind};

/// Prints the resolved scenario (valid TOML: every key, defaults filled in)
/// followed by derived quantities as comments.
pub fn check(a: CheckArgs, io: &mut Io) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.set)?;
    for v in &a.grid.vary {
        s.vary(v)?;
    }
    if a.uncertain_defaults {
        s.add_uncertain_defaults();
    }
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.set);
    let points = s.points(a.grid.max_points)?;
    let mut text = format!("# ok: {} is a valid scenario\n", s.source);
    resolved(&s, &mut text);
    let p = &points[0].params;
    if !s.axes.is_empty() {
        let _ = writeln!(text, "\n[sweep]");
        for axis in &s.axes {
            let vals: Vec<String> = axis.values.iter().map(|v| toml_value(&v)).collect();
            let _ = writeln!(text, "\"{}\" = [{}]", axis.key(), vals.join(", "));
        }
        let _ = writeln!(
            text,
            "# {} grid points; derived quantities below are for point 0",
            points.len()
        );
    }
    let players = &points[0].players;
    if !s.uncertainty.is_empty() {
        uncertainty(&s, &mut text);
    }
    let i = &p.initial;
    let theta = p.threshold.mean;
    let _ = writeln!(text, "\n# Derived at the initial state:");
    let _ = writeln!(
        text,
        "# policies: Iran {}, US {}",
        players.iran.name(),
        players.us.name()
    );
    let _ = writeln!(
        text,
        "# horizon {} rounds, {} runs, seed {}",
        p.rounds, points[0].runs, points[0].seed
    );
    let _ = writeln!(
        text,
        "# effective pressure P_eff = {:.3} (lifeline {}); crisis hazard at R0 and mean theta = {:.4} a round",
        effective_pressure(p, i.pressure, i.lifeline, false),
        if i.lifeline { "on" } else { "off" },
        crisis_hazard(p, i.resilience, theta)
    );
    let enforcement = first_enforcement(p, players);
    let start = State::initial(p, 0.5);
    let x = offer(p, &start, enforcement).terms;
    let _ = writeln!(
        text,
        "# the US ({} in round 1) would offer concessions x = {x:.3} (hardliners ratify x <= {:.3}: {})",
        enforcement.name(),
        veto_limit(p, i.hardliners),
        if x <= veto_limit(p, i.hardliners) {
            "yes"
        } else {
            "no, vetoed"
        }
    );
    let _ = writeln!(
        text,
        "# the Catch-22 (docs/MODEL.md section 5): survival to the end of the term of each horn, \
         against the floor {:.3}",
        p.leadership.survival_floor
    );
    let (low, high) = p.threshold.support();
    for (label, t) in [("low", low), ("mean", theta), ("high", high)] {
        let h = horns(p, &start, enforcement, t);
        let _ = writeln!(
            text,
            "#   theta {t:.3} ({label}): deal {:.3}, refuse {:.3} -> {} ({} is the less bad horn)",
            h.deal,
            h.refuse,
            h.region(p).meaning(),
            if h.deal_is_less_bad() {
                "the deal"
            } else {
                "refusing"
            }
        );
    }
    io.write_text(a.out.out.as_deref(), &text)?;
    Ok(None)
}

fn toml_value(v: &Value) -> String {
    match v {
        Value::Text(t) => toml_string(t),
        Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.1}"),
        other => other.to_string(),
    }
}

fn resolved(s: &Scenario, text: &mut String) {
    let mut table = "";
    for (i, spec) in SCHEMA.iter().enumerate() {
        let (t, k) = spec.key.rsplit_once('.').unwrap_or(("", spec.key));
        if t != table {
            let _ = writeln!(text, "\n[{t}]");
            table = t;
        }
        let range = match spec.kind {
            Kind::Text => String::new(),
            kind => format!("; {}", kind.describe()),
        };
        let basis = match spec.plausible {
            Some((lo, hi)) => format!("; {} [{lo}, {hi}]", spec.basis.name()),
            None => format!("; {}", spec.basis.name()),
        };
        let range = format!("{range}{basis}");
        let origin = if s.explicit[i] { "set" } else { "default" };
        let _ = writeln!(
            text,
            "{k} = {}  # {origin}{range}",
            toml_value(&s.values[i])
        );
    }
}

/// The `[uncertainty]` table, one key a line, with the nominal value and the
/// schema's basis and plausible range as a comment.
fn uncertainty(s: &Scenario, text: &mut String) {
    let _ = writeln!(text, "\n[uncertainty]");
    for u in &s.uncertainty {
        let spec = &SCHEMA[u.index];
        let plausible = spec
            .plausible
            .map(|(lo, hi)| format!(", plausible {lo} to {hi}"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "\"{}\" = {}  # nominal {} ({}{plausible})",
            u.key(),
            u.dist.to_toml(),
            toml_value(&s.values[u.index]),
            spec.basis.name()
        );
    }
    let _ = writeln!(
        text,
        "# {} uncertain key{}: `run --uncertain`, `explore` and `sensitivity` draw them",
        s.uncertainty.len(),
        if s.uncertainty.len() == 1 { "" } else { "s" }
    );
}
