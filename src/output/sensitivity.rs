//! Sensitivity indices as CSV, JSON or a table: Sobol' indices
//! (`parameter,outcome,S1,S1_low,S1_high,ST,ST_low,ST_high,...`) and Morris
//! measures (`parameter,outcome,mu,mu_star,sigma,mu_star_conf,...`), one row
//! per output and parameter, outputs in order, parameters in table order.

use std::io::Write;

use super::json::{self, Kind};
use super::{num, table};
use crate::error::Result;
use crate::uncertainty::morris::OutputMeasures;
use crate::uncertainty::saltelli::OutputIndices;

/// The columns of a Sobol' result.
pub const SOBOL_COLUMNS: [&str; 10] = [
    "parameter",
    "outcome",
    "S1",
    "S1_low",
    "S1_high",
    "ST",
    "ST_low",
    "ST_high",
    "variance",
    "noise_share",
];

/// The columns of a Morris result.
pub const MORRIS_COLUMNS: [&str; 7] = [
    "parameter",
    "outcome",
    "mu",
    "mu_star",
    "sigma",
    "mu_star_conf",
    "noise",
];

/// A number with six decimals; empty when undefined.
fn field(x: f64) -> String {
    if x.is_finite() { num(x) } else { String::new() }
}

/// The rows of a Sobol' result.
pub fn sobol_rows(parameters: &[String], results: &[OutputIndices]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        for (p, x) in parameters.iter().zip(&r.indices) {
            rows.push(vec![
                p.clone(),
                r.output.clone(),
                field(x.first.value),
                field(x.first.low),
                field(x.first.high),
                field(x.total.value),
                field(x.total.low),
                field(x.total.high),
                field(r.variance),
                field(r.noise_share),
            ]);
        }
    }
    rows
}

/// The rows of a Morris result.
pub fn morris_rows(parameters: &[String], results: &[OutputMeasures]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        for (p, m) in parameters.iter().zip(&r.measures) {
            rows.push(vec![
                p.clone(),
                r.output.clone(),
                field(m.mu),
                field(m.mu_star),
                field(m.sigma),
                field(m.mu_star_conf),
                field(m.noise),
            ]);
        }
    }
    rows
}

/// How to write a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// CSV.
    Csv,
    /// A JSON array of records.
    Json,
    /// An aligned table.
    Table,
}

/// Writes rows under `columns` in the given style.
pub fn write<W: Write>(
    mut out: W,
    name: &str,
    style: Style,
    columns: &[&str],
    rows: &[Vec<String>],
) -> Result<()> {
    let cols: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    match style {
        Style::Csv => super::write_rows(&mut out, name, &cols, rows),
        Style::Json => {
            let kinds: Vec<Kind> = (0..cols.len())
                .map(|i| if i < 2 { Kind::Text } else { Kind::Number })
                .collect();
            json::write_records(out, name, &cols, &kinds, rows)
        }
        Style::Table => {
            let right: Vec<bool> = (0..cols.len()).map(|i| i >= 2).collect();
            table::write(out, name, &cols, &right, rows)
        }
    }
}
