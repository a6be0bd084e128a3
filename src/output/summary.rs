//! The summary CSV: tidy, one row per point per outcome, all four outcomes in
//! the order deal, regime_crisis, war, muddle_through.
//!
//! Columns: `scenario,point,<one per varied key>,outcome,runs,count,
//! probability,ci_low,ci_high,mean_round` (the contract), then `mean_terms`,
//! `intermediary`, `direct` (deals by closing channel), `opened_intermediary`,
//! `opened_direct` (runs by the channel through which talks first moved),
//! `mean_iran_payoff`,
//! `mean_us_payoff`, and the share of rounds each action was played in runs
//! with that outcome (`iran_hold` ... `us_strike`).

use std::io::Write;

use super::{csv_error, num, opt};
use crate::error::{Error, Result};
use crate::model::{IranAction, Outcome, UsAction};
use crate::scenario::Point;
use crate::stats::{Tally, Z95, wilson};

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
    h
}

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

/// Writes the summary of every point.
pub fn write<W: Write>(
    out: W,
    name: &str,
    scenario: &str,
    keys: &[&str],
    points: &[PointRows<'_>],
) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let err = |e| csv_error(name, e);
    w.write_record(header(keys)).map_err(err)?;
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
            w.write_record(&row).map_err(err)?;
        }
    }
    w.flush().map_err(|e| Error::write(name, &e))?;
    Ok(())
}
