//! A plain aligned text table for the terminal: a header, a rule, rows;
//! text columns left-aligned, numbers right-aligned.

use std::io::Write;

use super::escape::one_line;
use crate::error::{Error, Result};

/// Writes `rows` under `columns`, `right[i]` right-aligning column i.
pub fn write<W: Write>(
    mut out: W,
    name: &str,
    columns: &[String],
    right: &[bool],
    rows: &[Vec<String>],
) -> Result<()> {
    let columns: Vec<String> = columns.iter().map(|c| one_line(c)).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| one_line(c)).collect())
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([columns[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns.len()).map(width).collect();
    let line = |fields: &[String]| {
        let cells: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if right.get(i).copied().unwrap_or(false) {
                    format!("{f:>w$}", w = widths[i])
                } else {
                    format!("{f:<w$}", w = widths[i])
                }
            })
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut text = line(&columns);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    text.push_str(&format!("{}\n", rule.join("  ")));
    for r in &rows {
        text.push_str(&line(r));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(name, &e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_align() {
        let mut buf = Vec::new();
        let cols = ["name".to_string(), "p".to_string()];
        let rows = vec![
            vec!["deal".to_string(), "0.15".to_string()],
            vec!["war".to_string(), "0.059".to_string()],
        ];
        super::write(&mut buf, "-", &cols, &[false, true], &rows).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "name      p\n----  -----\ndeal   0.15\nwar   0.059\n"
        );
    }
}
