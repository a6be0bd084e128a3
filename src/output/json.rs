//! JSON output, written by hand: an array of flat records, one per row of
//! the corresponding CSV, with the same column names and the same values
//! (numbers as JSON numbers, empty fields as `null`).

use std::io::Write;

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

/// `s` as a JSON string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

/// One field as a JSON value.
pub fn value(text: &str, kind: Kind) -> String {
    match kind {
        Kind::Text => string(text),
        Kind::Number if text.is_empty() => "null".to_string(),
        Kind::Number if is_number(text) => text.to_string(),
        Kind::Number => string(text),
        Kind::Auto if is_number(text) || text == "true" || text == "false" => text.to_string(),
        Kind::Auto => string(text),
    }
}

/// Writes rows as a JSON array of objects keyed by `columns`.
pub fn write_records<W: Write>(
    mut out: W,
    name: &str,
    columns: &[String],
    kinds: &[Kind],
    rows: &[Vec<String>],
) -> Result<()> {
    let keys: Vec<String> = columns.iter().map(|c| string(c)).collect();
    let mut text = String::from("[");
    for (r, row) in rows.iter().enumerate() {
        text.push_str(if r == 0 { "\n  {" } else { ",\n  {" });
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(&keys[i]);
            text.push_str(": ");
            text.push_str(&value(field, kinds.get(i).copied().unwrap_or(Kind::Auto)));
        }
        text.push('}');
    }
    text.push_str(if rows.is_empty() { "]\n" } else { "\n]\n" });
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(name, &e))
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
        assert_eq!(value("", Kind::Number), "null");
        assert_eq!(value("true", Kind::Auto), "true");
        assert_eq!(value("engagement", Kind::Auto), "\"engagement\"");
    }

    #[test]
    fn records_are_an_array_of_objects() {
        let mut buf = Vec::new();
        let cols = ["a".to_string(), "b".to_string()];
        let rows = vec![vec!["x".to_string(), "1.5".to_string()]];
        write_records(&mut buf, "-", &cols, &[Kind::Text, Kind::Number], &rows).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "[\n  {\"a\": \"x\", \"b\": 1.5}\n]\n"
        );
    }
}
