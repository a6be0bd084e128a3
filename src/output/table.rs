//! One table model behind the tabular outputs: named columns of a kind and
//! rows of text fields, written as CSV (the csv crate), as JSON records
//! (serde_json, [`super::json`]) or as an aligned text table for the
//! terminal. A number column never holds a non-finite value: a table with
//! one is refused whole, whatever the format.

use std::io::Write;

use super::escape::one_line;
use super::json::{self, Kind};
use crate::error::{Error, Result};

/// The formats of a table (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// An aligned text table for the terminal.
    Table,
    /// A JSON array of records, one per CSV row.
    Json,
}

/// A table: columns, their kinds, rows of fields in column order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The column names.
    pub columns: Vec<String>,
    /// How each column's fields are typed (JSON) and aligned (text: numbers right).
    pub kinds: Vec<Kind>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: Vec<String>, kinds: Vec<Kind>) -> Table {
        debug_assert_eq!(columns.len(), kinds.len());
        Table {
            columns,
            kinds,
            rows: Vec::new(),
        }
    }

    /// Refuses a number column holding NaN or an infinity.
    pub fn check_finite(&self, name: &str) -> Result<()> {
        check_finite(name, &self.columns, &self.kinds, &self.rows, 0)
    }

    /// Writes the table as CSV.
    pub fn write_csv<W: Write>(&self, out: W, name: &str) -> Result<()> {
        self.write_rows(out, name, Format::Csv)
    }

    /// Writes the table as a JSON array of records, one per row.
    pub fn write_json<W: Write>(&self, out: W, name: &str) -> Result<()> {
        self.write_rows(out, name, Format::Json)
    }

    /// Checked whole, then written through a [`RowWriter`].
    fn write_rows<W: Write>(&self, out: W, name: &str, format: Format) -> Result<()> {
        self.check_finite(name)?;
        let mut w = RowWriter::new(out, name, self.columns.clone(), self.kinds.clone(), format)?;
        w.write(&self.rows)?;
        w.finish()
    }

    /// Writes the table aligned for the terminal: text left, numbers right.
    pub fn write_text<W: Write>(&self, out: W, name: &str) -> Result<()> {
        self.check_finite(name)?;
        let right: Vec<bool> = self.kinds.iter().map(|k| *k == Kind::Number).collect();
        write(out, name, &self.columns, &right, &self.rows)
    }

    /// Writes the table in `format`.
    pub fn write_as<W: Write>(&self, out: W, name: &str, format: Format) -> Result<()> {
        match format {
            Format::Csv => self.write_csv(out, name),
            Format::Json => self.write_json(out, name),
            Format::Table => self.write_text(out, name),
        }
    }

    /// The table of columns `range` only.
    pub fn columns(&self, range: std::ops::Range<usize>) -> Table {
        Table {
            columns: self.columns[range.clone()].to_vec(),
            kinds: self.kinds[range.clone()].to_vec(),
            rows: self
                .rows
                .iter()
                .map(|r| r[range.clone()].to_vec())
                .collect(),
        }
    }
}

/// Refuses a number column of `rows` holding NaN or an infinity; the first
/// of `rows` is row `first + 1` of the output.
fn check_finite(
    name: &str,
    columns: &[String],
    kinds: &[Kind],
    rows: &[Vec<String>],
    first: usize,
) -> Result<()> {
    for (r, row) in rows.iter().enumerate() {
        for (c, field) in row.iter().enumerate() {
            let number = kinds.get(c) == Some(&Kind::Number);
            if number && field.parse::<f64>().is_ok_and(|x| !x.is_finite()) {
                return Err(Error::Runtime(format!(
                    "{name}: row {}, column `{}` is `{field}`, not a finite number; nothing written",
                    first + r + 1,
                    columns[c]
                )));
            }
        }
    }
    Ok(())
}

/// A table written batch by batch of rows, as CSV or JSON records, for an
/// output too large to hold whole (a sweep of many points): the header
/// first, each batch checked like a [`Table`] and written as it comes, the
/// end by [`RowWriter::finish`]. The bytes are those of the whole table
/// written at once. A refusal midway leaves the rows before it written: a
/// file output is then not committed, so nothing reaches the file.
pub struct RowWriter<W: Write> {
    name: String,
    columns: Vec<String>,
    kinds: Vec<Kind>,
    rows: usize,
    sink: Sink<W>,
}

/// Where a [`RowWriter`] writes.
enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json(W, String),
}

impl<W: Write> RowWriter<W> {
    /// Starts the table (CSV: its header); `Format::Table` is refused (an
    /// aligned table needs every row for its widths).
    pub fn new(
        out: W,
        name: &str,
        columns: Vec<String>,
        kinds: Vec<Kind>,
        format: Format,
    ) -> Result<Self> {
        let sink = match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&columns)
                    .map_err(|e| super::csv_error(name, e))?;
                Sink::Csv(Box::new(w))
            }
            Format::Json => Sink::Json(out, String::new()),
            Format::Table => {
                return Err(Error::Runtime(format!(
                    "{name}: an aligned table is written whole, not row by row"
                )));
            }
        };
        Ok(RowWriter {
            name: name.to_string(),
            columns,
            kinds,
            rows: 0,
            sink,
        })
    }

    /// Checks and writes a batch of rows.
    pub fn write(&mut self, rows: &[Vec<String>]) -> Result<()> {
        let name = &self.name;
        check_finite(name, &self.columns, &self.kinds, rows, self.rows)?;
        match &mut self.sink {
            Sink::Csv(w) => {
                for r in rows {
                    w.write_record(r).map_err(|e| super::csv_error(name, e))?;
                }
            }
            Sink::Json(out, text) => {
                text.clear();
                for (i, row) in rows.iter().enumerate() {
                    json::push_record(text, self.rows + i, &self.columns, &self.kinds, row)?;
                }
                out.write_all(text.as_bytes())
                    .map_err(|e| Error::write(name, &e))?;
            }
        }
        self.rows += rows.len();
        Ok(())
    }

    /// Ends the table and flushes it.
    pub fn finish(self) -> Result<()> {
        let name = &self.name;
        match self.sink {
            Sink::Csv(mut w) => w.flush().map_err(|e| Error::write(name, &e)),
            Sink::Json(mut out, _) => out
                .write_all(json::records_end(self.rows).as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Error::write(name, &e)),
        }
    }
}

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
    fn rows_written_in_batches_are_the_table_written_whole() {
        let columns: Vec<String> = ["name", "x", "y"].map(String::from).to_vec();
        let kinds = vec![Kind::Text, Kind::Number, Kind::Auto];
        let rows: Vec<Vec<String>> = (0..7)
            .map(|i| {
                vec![
                    format!("r\"{i},"),
                    format!("{}", f64::from(i) / 3.0),
                    String::new(),
                ]
            })
            .collect();
        let table = Table {
            columns: columns.clone(),
            kinds: kinds.clone(),
            rows: rows.clone(),
        };
        for format in [Format::Csv, Format::Json] {
            let mut whole = Vec::new();
            table.write_as(&mut whole, "-", format).unwrap();
            for batch in [1, 3, 7] {
                let mut parts = Vec::new();
                let mut w = RowWriter::new(&mut parts, "-", columns.clone(), kinds.clone(), format)
                    .unwrap();
                for chunk in rows.chunks(batch) {
                    w.write(chunk).unwrap();
                }
                w.finish().unwrap();
                assert_eq!(parts, whole, "{format:?} in batches of {batch}");
            }
            // No rows at all.
            let mut empty = Vec::new();
            let t = Table::new(columns.clone(), kinds.clone());
            t.write_as(&mut empty, "-", format).unwrap();
            let mut parts = Vec::new();
            let w =
                RowWriter::new(&mut parts, "-", columns.clone(), kinds.clone(), format).unwrap();
            w.finish().unwrap();
            assert_eq!(parts, empty, "{format:?} empty");
        }
        // A non-finite number in a later batch is refused, named by its row.
        let mut out = Vec::new();
        let mut w = RowWriter::new(&mut out, "o.csv", columns, kinds, Format::Csv).unwrap();
        w.write(&rows[..3]).unwrap();
        let e = w
            .write(&[vec!["a".into(), "inf".into(), String::new()]])
            .unwrap_err();
        assert!(e.to_string().contains("row 4, column `x` is `inf`"), "{e}");
    }

    use super::*;

    fn table() -> Table {
        let mut t = Table::new(
            vec!["name".to_string(), "p".to_string()],
            vec![Kind::Text, Kind::Number],
        );
        t.rows = vec![
            vec!["deal".to_string(), "0.15".to_string()],
            vec!["war".to_string(), "0.059".to_string()],
        ];
        t
    }

    #[test]
    fn one_table_three_formats() {
        let t = table();
        let mut text = Vec::new();
        t.write_text(&mut text, "-").unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "name      p\n----  -----\ndeal   0.15\nwar   0.059\n"
        );
        let mut csv = Vec::new();
        t.write_csv(&mut csv, "-").unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "name,p\ndeal,0.15\nwar,0.059\n"
        );
        let mut js = Vec::new();
        t.write_json(&mut js, "-").unwrap();
        assert_eq!(
            String::from_utf8(js).unwrap(),
            "[\n  {\"name\": \"deal\", \"p\": 0.15},\n  {\"name\": \"war\", \"p\": 0.059}\n]\n"
        );
    }

    #[test]
    fn non_finite_numbers_are_never_written() {
        let mut t = table();
        t.rows[1][1] = "NaN".to_string();
        let mut buf = Vec::new();
        let e = t.write_csv(&mut buf, "x.csv").unwrap_err();
        assert!(e.to_string().contains("row 2, column `p` is `NaN`"), "{e}");
        assert!(buf.is_empty());
        t.rows[1][1] = "-inf".to_string();
        assert!(t.write_json(&mut buf, "-").is_err());
    }
}
