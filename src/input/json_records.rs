//! JSON inputs: the `--format json` files catch22 writes (an array of flat
//! records, one per row of the CSV, `src/output/json.rs`) read back as the
//! CSV they stand for, so that every verb that reads a summary, an analysis
//! or a samples file takes either format.
//!
//! Numbers keep the text they were written with (serde_json's raw values),
//! strings are unescaped, `null` is an empty field: the JSON of a CSV reads
//! back as that CSV's cells. The records are streamed, one at a time, so a
//! large file costs its CSV text and one record, not a tree of values.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Origin, Result};

/// Whether `text` opens as a JSON array of records (`[` then `{` or `]`), as
/// no CSV, TOML table or scenario does.
pub fn is_json_records(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with(['{', ']']))
}

/// The CSV text of a JSON array of flat records, or `None` when `text` is
/// not one ([`is_json_records`]). Malformed JSON, a nested value, or a
/// record whose keys differ from the first record's is bad input naming
/// `path`, the line and the column.
pub fn as_csv(text: &str, path: &str) -> Result<Option<String>> {
    if !is_json_records(text) {
        return Ok(None);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let mut csv = csv::Writer::from_writer(Vec::new());
    let records = Records {
        csv: &mut csv,
        header: None,
    };
    let fail = |e: serde_json::Error| {
        let mut origin = Origin::source(path);
        origin.position = Some((e.line().max(1), e.column().max(1)));
        let message = e.to_string();
        // serde_json appends " at line L column C", which the origin says.
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        Error::input(origin, format!("JSON records: {message}"))
    };
    de.deserialize_seq(records).map_err(fail)?;
    de.end().map_err(fail)?;
    let bytes = csv
        .into_inner()
        .map_err(|e| Error::Runtime(format!("{path}: {e}")))?;
    Ok(Some(
        String::from_utf8(bytes).expect("the fields are valid UTF-8"),
    ))
}

/// Writes each record as a CSV row, the first record's keys as the header.
struct Records<'a> {
    csv: &'a mut csv::Writer<Vec<u8>>,
    header: Option<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of flat records")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut n = 0usize;
        while let Some(record) = seq.next_element::<Record<'de>>()? {
            n += 1;
            let keys: Vec<&str> = record.0.iter().map(|(k, _)| k.as_str()).collect();
            match &self.header {
                None => {
                    let header: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                    self.csv.write_record(&header).map_err(de::Error::custom)?;
                    self.header = Some(header);
                }
                Some(h) if h.iter().map(String::as_str).ne(keys.iter().copied()) => {
                    return Err(de::Error::custom(format!(
                        "record {n} has other keys than record 1 (every record must have the same keys in the same order)"
                    )));
                }
                Some(_) => {}
            }
            let mut row = Vec::with_capacity(record.0.len());
            for (key, raw) in &record.0 {
                row.push(cell(raw).map_err(|m| {
                    de::Error::custom(format!(
                        "record {n}, key `{}`: {m}",
                        crate::error::shorten(key, 60)
                    ))
                })?);
            }
            self.csv.write_record(&row).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// A record's keys and raw values, in order.
struct Record<'de>(Vec<(String, &'de RawValue)>);

impl<'de> de::Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Record<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record: an object of numbers, strings, booleans and nulls")
            }

            fn visit_map<M: MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<Record<'de>, M::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    pairs.push((k, v));
                }
                Ok(Record(pairs))
            }
        }
        d.deserialize_map(Pairs)
    }
}

/// A raw JSON value as a CSV cell: a number as written, a string
/// unescaped, a boolean as `true`/`false`, `null` as an empty cell.
fn cell(raw: &RawValue) -> std::result::Result<String, String> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(text).map_err(|e| e.to_string()),
        Some(b'n') => Ok(String::new()),
        Some(b'{' | b'[') => {
            Err("a nested value; a record holds numbers, strings, booleans and nulls".into())
        }
        Some(_) => Ok(text.to_string()),
        None => Err("an empty value".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_as_the_csv_they_were_written_from() {
        let json = "[\n  {\"a\": 0.260000, \"name\": \"x,\\\"y\\\"\", \"n\": null, \"b\": true},\n  {\"a\": -1e308, \"name\": \"z\", \"n\": 3, \"b\": false}\n]\n";
        let csv = as_csv(json, "t.json").unwrap().unwrap();
        assert_eq!(
            csv,
            "a,name,n,b\n0.260000,\"x,\"\"y\"\"\",,true\n-1e308,z,3,false\n"
        );
        // Not records: a CSV, a scenario, a TOML array of tables.
        for text in ["a,b\n1,2\n", "[scenario]\nruns = 1\n", "[[x]]\n", ""] {
            assert_eq!(as_csv(text, "t").unwrap(), None, "{text}");
        }
        assert_eq!(as_csv(" [ ] ", "t").unwrap().unwrap(), "");
    }

    #[test]
    fn bad_records_name_the_line_the_column_and_the_record() {
        let cases = [
            (
                "[{\"a\": 1},\n {\"b\": 2}]",
                "t:2:",
                "record 2 has other keys",
            ),
            (
                "[{\"a\": 1},\n {\"a\": [1]}]",
                "t:2:",
                "record 2, key `a`: a nested value",
            ),
            ("[{\"a\": 1}", "t:1:", "JSON records: EOF"),
            ("[{\"a\": 1}] x", "t:1:", "trailing characters"),
            ("[{\"a\": 1}, 5]", "t:1:", "a record"),
        ];
        for (text, at, says) in cases {
            let e = as_csv(text, "t").unwrap_err().to_string();
            assert!(e.starts_with(at) && e.contains(says), "{text}: {e}");
            assert_eq!(e.lines().count(), 1, "{e}");
        }
    }
}
