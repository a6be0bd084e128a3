//! `catch22 discover`'s input (a CSV of samples) and output (the PRIM
//! trajectory: `step,coverage,density,mass,n_restricted`, then
//! `<input>_low,<input>_high` for each input in column order).

use std::io::Write;

use super::digits::shortest;
use super::json::{self, Kind};
use super::num;
use crate::error::{Error, Origin, Result};
use crate::uncertainty::prim::Step;

/// Columns that are never inputs: the sample number and what `explore`
/// writes about the runs.
pub const NOT_INPUTS: [&str; 7] = [
    "sample",
    "deal",
    "regime_crisis",
    "war",
    "muddle_through",
    "runs",
    "mean_round",
];

/// The samples, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The input columns' names, in column order.
    pub names: Vec<String>,
    /// `columns[j][i]`: input j of sample i.
    pub columns: Vec<Vec<f64>>,
    /// The outcome of each sample.
    pub outcome: Vec<f64>,
    /// Columns left out because a value is not a number.
    pub skipped: Vec<String>,
}

fn at(path: &str, line: u64, key: &str, message: impl Into<String>) -> Error {
    let mut origin = Origin::source(path).with_key(key);
    origin.position = Some((line as usize, 1));
    Error::input(origin, message)
}

/// Reads a CSV of samples: the outcome column `outcome`, and as inputs every
/// column whose values are all numbers except the outcome, [`NOT_INPUTS`]
/// and `exclude`.
pub fn read(path: &str, outcome: &str, exclude: &[String]) -> Result<Input> {
    let text = crate::input::read_text(path, "samples")?;
    // `explore --format json` output reads as its CSV.
    let text = crate::input::json_records::as_csv(&text, path)?.unwrap_or(text);
    parse(&text, path, outcome, exclude)
}

/// [`read`] of a CSV's text; `path` names it in errors.
pub fn parse(text: &str, path: &str, outcome: &str, exclude: &[String]) -> Result<Input> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| at(path, 1, outcome, format!("malformed CSV header: {e}")))?
        .iter()
        .map(String::from)
        .collect();
    let Some(o) = header.iter().position(|h| h == outcome) else {
        return Err(at(
            path,
            1,
            outcome,
            format!(
                "no column `{outcome}` (the columns are {})",
                header.join(", ")
            ),
        ));
    };
    for e in exclude {
        if !header.contains(e) {
            return Err(Error::Usage(format!(
                "--exclude {e}: `{path}` has no such column (the columns are {})",
                header.join(", ")
            )));
        }
    }
    let candidates: Vec<usize> = (0..header.len())
        .filter(|&c| {
            c != o && !NOT_INPUTS.contains(&header[c].as_str()) && !exclude.contains(&header[c])
        })
        .collect();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); header.len()];
    let mut numeric = vec![true; header.len()];
    let mut out = Vec::new();
    for record in reader.records() {
        let r = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(path, line, outcome, format!("malformed CSV: {e}"))
        })?;
        let line = r.position().map_or(0, |p| p.line());
        if r.len() != header.len() {
            return Err(at(
                path,
                line,
                outcome,
                format!("{} fields, the header has {}", r.len(), header.len()),
            ));
        }
        let y = r[o].trim().parse::<f64>().ok().filter(|x| x.is_finite());
        let Some(y) = y else {
            return Err(at(
                path,
                line,
                outcome,
                format!("`{}` is not a number", &r[o]),
            ));
        };
        out.push(y);
        for &c in &candidates {
            match r[c].trim().parse::<f64>().ok().filter(|x| x.is_finite()) {
                Some(x) if numeric[c] => values[c].push(x),
                _ => numeric[c] = false,
            }
        }
    }
    if out.is_empty() {
        return Err(at(
            path,
            1,
            outcome,
            "no samples: the file has a header only",
        ));
    }
    let (inputs, skipped): (Vec<usize>, Vec<usize>) =
        candidates.into_iter().partition(|&c| numeric[c]);
    if inputs.is_empty() {
        return Err(at(
            path,
            1,
            outcome,
            "no numeric input columns besides the outcome (PRIM needs at least one)",
        ));
    }
    Ok(Input {
        names: inputs.iter().map(|&c| header[c].clone()).collect(),
        columns: inputs
            .iter()
            .map(|&c| std::mem::take(&mut values[c]))
            .collect(),
        outcome: out,
        skipped: skipped.iter().map(|&c| header[c].clone()).collect(),
    })
}

/// The trajectory's first columns (then each input's `_low`, `_high`).
pub const PRIM_COLUMNS: [&str; 5] = ["step", "coverage", "density", "mass", "n_restricted"];

/// The trajectory's header.
pub fn header(names: &[String]) -> Vec<String> {
    let mut h: Vec<String> = PRIM_COLUMNS.iter().map(|s| s.to_string()).collect();
    for n in names {
        h.push(format!("{n}_low"));
        h.push(format!("{n}_high"));
    }
    h
}

/// The trajectory's rows: the box limits in their shortest exact form.
pub fn rows(steps: &[Step]) -> Vec<Vec<String>> {
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![
                i.to_string(),
                num(s.coverage),
                num(s.density),
                num(s.mass),
                s.n_restricted(&steps[0]).to_string(),
            ];
            for (lo, hi) in s.lower.iter().zip(&s.upper) {
                row.push(shortest(*lo));
                row.push(shortest(*hi));
            }
            row
        })
        .collect()
}

/// Writes the trajectory as a JSON array of records.
pub fn write_json<W: Write>(
    out: W,
    name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> Result<()> {
    let kinds = vec![Kind::Number; header.len()];
    json::write_records(out, name, header, &kinds, rows)
}
