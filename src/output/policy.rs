//! The equilibrium policy table as CSV (`catch22 solve-policy`).

use std::io::Write;

use crate::equilibrium::grid::AXIS_NAMES;
use crate::equilibrium::{Equilibrium, RoundTable};
use crate::error::{Error, Result};
use crate::model::{IranAction, UsAction};

/// The header: round, the grid coordinates, the US action, Iran's reply to
/// each US action (`iran_after_<us action>`), both values.
pub fn header() -> String {
    let mut cols: Vec<String> = vec!["round".into()];
    cols.extend(AXIS_NAMES.iter().map(|s| s.to_string()));
    cols.push("lifeline".into());
    cols.push("interim".into());
    cols.push("us_action".into());
    cols.extend(
        UsAction::ALL
            .iter()
            .map(|a| format!("iran_after_{}", a.name())),
    );
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
    tables: &[RoundTable],
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
        let Some(table) = tables.get(t as usize - 1) else {
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
            line.push(',');
            line.push_str(UsAction::ALL[usize::from(table.us[index])].name());
            for &i in &table.iran[index] {
                line.push(',');
                line.push_str(IranAction::ALL[usize::from(i)].name());
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
