//! The equilibrium policy table as CSV (`catch22 solve-policy`).

use std::io::Write;

use crate::equilibrium::Equilibrium;
use crate::equilibrium::grid::AXIS_NAMES;
use crate::error::{Error, Result};
use crate::model::{IranAction, Params, UsAction};

/// The header: round, the grid coordinates, both mixed strategies, both values.
pub fn header() -> String {
    let mut cols: Vec<String> = vec!["round".into()];
    cols.extend(AXIS_NAMES.iter().map(|s| s.to_string()));
    cols.push("lifeline".into());
    cols.push("interim".into());
    cols.extend(IranAction::ALL.iter().map(|a| format!("iran_{}", a.name())));
    cols.extend(UsAction::ALL.iter().map(|a| format!("us_{}", a.name())));
    cols.push("value_iran".into());
    cols.push("value_us".into());
    cols.join(",")
}

/// Writes every grid point of the given rounds (all when `round` is None),
/// rounds in increasing order, points in grid order (the last axis fastest,
/// then interim, then lifeline).
pub fn write(
    out: &mut impl Write,
    name: &str,
    eq: &Equilibrium,
    p: &Params,
    round: Option<u32>,
) -> Result<()> {
    let w = |e: std::io::Error| Error::write(name, &e);
    writeln!(out, "{}", header()).map_err(w)?;
    let rounds = match round {
        Some(t) => t..=t,
        None => 1..=eq.rounds(),
    };
    let grid = eq.grid();
    let mut line = String::with_capacity(256);
    for t in rounds {
        let Some(table) = eq.table(p, t) else {
            continue;
        };
        for index in 0..grid.len() {
            let (x, lifeline, interim) = grid.point(index);
            line.clear();
            line.push_str(&t.to_string());
            for v in x {
                line.push_str(&format!(",{}", trim(v)));
            }
            line.push_str(&format!(",{},{}", lifeline, interim));
            for v in table.iran[index] {
                line.push_str(&format!(",{:.6}", v));
            }
            for v in table.us[index] {
                line.push_str(&format!(",{:.6}", v));
            }
            let [vi, vu] = table.value[index];
            line.push_str(&format!(
                ",{},{}\n",
                crate::output::num(vi),
                crate::output::num(vu)
            ));
            out.write_all(line.as_bytes()).map_err(w)?;
        }
    }
    Ok(())
}

/// A grid coordinate with no trailing zeros (`0.25`, `1`).
fn trim(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
