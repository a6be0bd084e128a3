//! JSON output, written with serde_json: an array of flat records, one per
//! row of the corresponding CSV, with the same column names and the same
//! values (numbers as JSON numbers written exactly as in the CSV, empty
//! fields as `null`), one record per line. [`to_string`] writes any value
//! the same way: `{"a": 1, "b": [2, 3]}`, a space after `:` and `,`.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

use crate::error::{Error, Result};

/// How a column's text becomes a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Always a string.
    Text,
    /// A number; an empty field is `null`.
    Number,
    /// A number or boolean when the text is one, else a string (sweep coordinates).
    Auto,
}

/// serde_json's compact form with a space after `:` and `,`.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// `value` as JSON text, `{"a": 1, "b": [2, 3]}`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Spaced);
    value
        .serialize(&mut ser)
        .map_err(|e| Error::Runtime(format!("JSON: {e}")))?;
    Ok(String::from_utf8(buf).expect("serde_json writes UTF-8"))
}

/// `s` as a JSON string literal.
pub fn string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// A finite number as a JSON number written as `text` (six decimals, say),
/// `null` for a non-finite one: JSON has no NaN or infinity.
pub fn number(x: f64, text: &str) -> serde_json::Value {
    if x.is_finite() {
        serde_json::from_str(text)
            .ok()
            .filter(serde_json::Value::is_number)
            .unwrap_or_else(|| serde_json::Value::from(x))
    } else {
        serde_json::Value::Null
    }
}

/// One equilibrium as `{"strategies": [[...], ...], "payoffs": [...]}`,
/// every number an exact rational in a string.
pub fn equilibrium(e: &crate::game::Equilibrium) -> serde_json::Value {
    let strategies: Vec<Vec<String>> = e
        .strategies
        .iter()
        .map(|v| v.iter().map(crate::game::rational::show).collect())
        .collect();
    let payoffs: Vec<String> = e.payoffs.iter().map(crate::game::rational::show).collect();
    serde_json::json!({"strategies": strategies, "payoffs": payoffs})
}

/// Whether `s` is a number in JSON's grammar (RFC 8259, section 6).
pub fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(c) if c.is_ascii_digit() => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// One field, serialized by its kind.
struct Field<'a>(&'a str, Kind);

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let Field(text, kind) = *self;
        let raw = |s: S| match RawValue::from_string(text.to_string()) {
            Ok(r) => r.serialize(s),
            Err(_) => s.serialize_str(text),
        };
        match kind {
            Kind::Text => s.serialize_str(text),
            Kind::Number if text.is_empty() => s.serialize_unit(),
            Kind::Number if is_number(text) => raw(s),
            Kind::Number => s.serialize_str(text),
            Kind::Auto if is_number(text) || text == "true" || text == "false" => raw(s),
            Kind::Auto => s.serialize_str(text),
        }
    }
}

/// One record: the columns' names and the row's fields.
struct Record<'a> {
    columns: &'a [String],
    kinds: &'a [Kind],
    row: &'a [String],
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.row.len()))?;
        for (i, field) in self.row.iter().enumerate() {
            let kind = self.kinds.get(i).copied().unwrap_or(Kind::Auto);
            m.serialize_entry(&self.columns[i], &Field(field, kind))?;
        }
        m.end()
    }
}

/// Writes rows as a JSON array of objects keyed by `columns`, one per line.
pub fn write_records<W: Write>(
    mut out: W,
    name: &str,
    columns: &[String],
    kinds: &[Kind],
    rows: &[Vec<String>],
) -> Result<()> {
    let mut text = String::new();
    for (r, row) in rows.iter().enumerate() {
        push_record(&mut text, r, columns, kinds, row)?;
    }
    text.push_str(records_end(rows.len()));
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(name, &e))
}

/// Appends record number `r` (from 0) of a [`write_records`] array to
/// `text`: the array's opening before the first, a comma before the others.
pub fn push_record(
    text: &mut String,
    r: usize,
    columns: &[String],
    kinds: &[Kind],
    row: &[String],
) -> Result<()> {
    text.push_str(if r == 0 { "[\n  " } else { ",\n  " });
    text.push_str(&to_string(&Record {
        columns,
        kinds,
        row,
    })?);
    Ok(())
}

/// What closes a [`write_records`] array of `count` records.
pub fn records_end(count: usize) -> &'static str {
    if count == 0 { "[]\n" } else { "\n]\n" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
    }

    #[test]
    fn numbers_follow_the_json_grammar() {
        for ok in ["0", "-1", "0.151500", "1e-17", "5.4E+3", "10"] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in [
            "", "01", "1.", ".5", "inf", "NaN", "1e", "+1", "0x1", "1.5.2",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
        assert_eq!(number(f64::NAN, "NaN"), serde_json::Value::Null);
        assert_eq!(to_string(&number(0.5, "0.500000")).unwrap(), "0.5");
    }

    #[test]
    fn records_are_an_array_of_objects() {
        let mut buf = Vec::new();
        let cols = [
            "a".to_string(),
            "b".to_string(),
            "c".to_string(),
            "d".to_string(),
        ];
        let rows = vec![vec![
            "x".to_string(),
            "1.500000".to_string(),
            String::new(),
            "engagement".to_string(),
        ]];
        let kinds = [Kind::Text, Kind::Number, Kind::Number, Kind::Auto];
        write_records(&mut buf, "-", &cols, &kinds, &rows).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "[\n  {\"a\": \"x\", \"b\": 1.500000, \"c\": null, \"d\": \"engagement\"}\n]\n"
        );
    }
}
