//! Reading input files: one way for every reader of the crate.
//!
//! A file is read whole, up to [`MAX_INPUT_BYTES`] (so a device or a huge
//! file is refused, not read until memory runs out), as UTF-8. A leading
//! byte-order mark is dropped and CRLF line ends are read as LF, so a file
//! saved by a Windows editor reads exactly as its Unix twin, and line and
//! column numbers in errors are the ones an editor shows.

use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Unexpected, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, Origin, Result};

pub mod json_records;

/// The largest payoff, in magnitude, of the floating-point games (tournament
/// stage games, evolution matrices): sums over ten million turns and matches
/// stay finite, and integers up to it are exact in an `f64`.
pub const MAX_PAYOFF: f64 = 1e15;

/// The largest input file: 1 GiB.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// The largest hand-written source — a scenario, a tournament or evolution
/// file, a manifest: 64 MiB, room for a `[sweep]` array of a million values.
/// Outputs read back (summaries, parts, samples) and games, which programs
/// write, may be larger, up to [`MAX_INPUT_BYTES`]; a device or a wrong path
/// given as a scenario is refused after 64 MiB, not a gigabyte.
pub const MAX_SOURCE_BYTES: u64 = 64 << 20;

/// Reads the text file at `path`; `what` names it in errors ("scenario",
/// "the game", ...). Errors are bad input (exit code 2).
pub fn read_text(path: &str, what: &str) -> Result<String> {
    text(read_bytes(path, what)?, path, what)
}

/// [`read_text`] of a hand-written source, up to [`MAX_SOURCE_BYTES`].
pub fn read_source(path: &str, what: &str) -> Result<String> {
    text(read_bytes_within(path, what, MAX_SOURCE_BYTES)?, path, what)
}

/// Reads the file at `path` whole, up to [`MAX_INPUT_BYTES`]: once, so that
/// a named pipe (`<(cmd)`, `mkfifo`) or standard output of another command
/// can be an input. A directory or an unreadable file is bad input naming
/// `path` and `what`. The SHA-256 of what a pipe or device gave is kept, for
/// the manifest ([`digest_read`]): it cannot be read a second time.
pub fn read_bytes(path: &str, what: &str) -> Result<Vec<u8>> {
    read_bytes_within(path, what, MAX_INPUT_BYTES)
}

/// [`read_bytes`] with a cap of `limit` bytes.
fn read_bytes_within(path: &str, what: &str, limit: u64) -> Result<Vec<u8>> {
    let cannot = |m: String| Error::input(Origin::source(path), format!("cannot read {what}: {m}"));
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let meta = file.metadata().map_err(|e| cannot(e.to_string()))?;
    if meta.is_dir() {
        return Err(cannot("it is a directory".to_string()));
    }
    let too_large = || cannot(format!("it is larger than {} MiB", limit >> 20));
    // A file known to be too large is refused before a byte is read; one
    // that grows, a pipe or a device, once the cap is passed.
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    if !meta.is_file() {
        let digest = (sha256_hex(&bytes), bytes.len() as u64);
        if let Ok(mut read) = READ.lock() {
            read.retain(|(p, _)| p != path);
            read.push((path.to_string(), digest));
        }
    }
    Ok(bytes)
}

/// What [`read_bytes`] read from pipes and devices: path, (SHA-256, bytes).
static READ: std::sync::Mutex<Vec<(String, (String, u64))>> = std::sync::Mutex::new(Vec::new());

/// The SHA-256 and length of what this process read from `path`, when it
/// is a pipe or device (which cannot be read again to hash it).
pub fn digest_read(path: &str) -> Option<(String, u64)> {
    let read = READ.lock().ok()?;
    read.iter().find(|(p, _)| p == path).map(|(_, d)| d.clone())
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text of an input's bytes, read by [`read_bytes`]: UTF-8, without a
/// byte-order mark and with LF line ends ([`normalise`]).
pub fn text(bytes: Vec<u8>, path: &str, what: &str) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            Origin::source(path),
            format!(
                "cannot read {what}: it is not UTF-8 text (an invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(match normalise(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(t) => t,
    })
}

/// [`read_text`] of each path: (path, text) pairs.
pub fn read_texts(paths: &[String], what: &str) -> Result<Vec<(String, String)>> {
    paths
        .iter()
        .map(|p| Ok((p.clone(), read_text(p, what)?)))
        .collect()
}

/// `text` without a leading byte-order mark and with CRLF line ends as LF.
pub fn normalise(text: &str) -> Cow<'_, str> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.contains("\r\n") {
        Cow::Owned(body.replace("\r\n", "\n"))
    } else if body.len() != text.len() {
        Cow::Owned(body.to_string())
    } else {
        Cow::Borrowed(text)
    }
}

/// The elements of an array, each with its position.
pub type Row<T> = Vec<Spanned<T>>;

/// An array with its position and its elements' (`List<Row<f64>>` is a
/// matrix of numbers).
pub type List<T> = Spanned<Row<T>>;

/// A TOML file parsed once, with the position of every key and value.
///
/// Readers deserialize it into serde shapes that mirror the file (fields
/// `Option<Spanned<T>>`, `deny_unknown_fields`), then validate the shapes
/// into domain types. Every error, serde's or the reader's, is one input
/// error at the line and column of the offending key or value, naming its
/// dotted key (`tournament.players[1]`, `strategy[0].p`), found from the
/// position alone.
pub struct Toml<'a> {
    source: &'a str,
    text: &'a str,
    root: Spanned<DeTable<'a>>,
}

impl<'a> Toml<'a> {
    /// Parses TOML text; a syntax error is one input error at its position.
    pub fn parse(text: &'a str, source: &'a str) -> Result<Toml<'a>> {
        let root = crate::scenario::parse::document(text, source)?;
        Ok(Toml { source, text, root })
    }

    /// The file's name, for messages.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The text of a span, exactly as written (a number's digits).
    pub fn slice(&self, span: &Range<usize>) -> &'a str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// Deserializes the whole file into `T`, translating serde's errors.
    pub fn shape<T: Deserialize<'a>>(&self) -> Result<T> {
        T::deserialize(toml::de::Deserializer::from(self.root.clone()))
            .map_err(|e| self.translate(&e))
    }

    /// The span of a top-level key as written (`[moran]`'s `moran`), for
    /// errors about its table as a whole; the file's start if it is absent.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.root
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map_or(0..0, |(k, _)| k.span())
    }

    /// Where `span` is, naming the key found there.
    pub fn origin(&self, span: &Range<usize>) -> Origin {
        let mut origin = Origin::source(self.source).at_offset(self.text, span.start);
        origin.key = self.key_at(span.start);
        origin
    }

    /// Where `span` is, about `key`.
    pub fn origin_key(&self, span: &Range<usize>, key: &str) -> Origin {
        Origin::source(self.source)
            .at_offset(self.text, span.start)
            .with_key(key)
    }

    /// An input error at `span`, naming the key found there.
    pub fn err(&self, span: &Range<usize>, message: impl Into<String>) -> Error {
        Error::input(self.origin(span), message)
    }

    /// An input error at `span` about `key` (when the position alone does
    /// not name the key meant, such as a missing key at its table).
    pub fn err_key(&self, span: &Range<usize>, key: &str, message: impl Into<String>) -> Error {
        Error::input(self.origin_key(span, key), message)
    }

    /// An input error about `key` with no position (a key that is missing
    /// where its table is missing too).
    pub fn err_missing(&self, key: &str, message: impl Into<String>) -> Error {
        Error::input(Origin::source(self.source).with_key(key), message)
    }

    /// The dotted key of the innermost key or value at byte `offset`.
    pub fn key_at(&self, offset: usize) -> Option<String> {
        fn table(t: &DeTable<'_>, prefix: &str, offset: usize) -> Option<(String, bool)> {
            for (k, v) in t.iter() {
                let path = if prefix.is_empty() {
                    k.get_ref().to_string()
                } else {
                    format!("{prefix}.{}", k.get_ref())
                };
                if k.span().contains(&offset) {
                    return Some((path, matches!(v.get_ref(), DeValue::Table(_))));
                }
                if let Some(found) = value(v, &path, offset) {
                    return Some(found);
                }
            }
            None
        }
        fn value(v: &Spanned<DeValue<'_>>, path: &str, offset: usize) -> Option<(String, bool)> {
            let inner = match v.get_ref() {
                DeValue::Table(t) => table(t, path, offset),
                DeValue::Array(items) => items
                    .iter()
                    .enumerate()
                    .find_map(|(i, item)| value(item, &format!("{path}[{i}]"), offset)),
                _ => None,
            };
            inner.or_else(|| {
                let is_table = matches!(v.get_ref(), DeValue::Table(_));
                (v.span().contains(&offset)).then(|| (path.to_string(), is_table))
            })
        }
        table(self.root.get_ref(), "", offset).map(|(path, _)| path)
    }

    /// Whether the value of the key at `offset` is a table.
    fn table_at(&self, offset: usize) -> bool {
        let key = self.key_at(offset);
        let mut t = self.root.get_ref();
        let mut parts = key.as_deref().unwrap_or("").split('.').peekable();
        while let Some(part) = parts.next() {
            let Some(v) = t.get(part) else {
                return false;
            };
            match v.get_ref() {
                DeValue::Table(inner) if parts.peek().is_some() => t = inner,
                DeValue::Table(_) => return true,
                _ => return false,
            }
        }
        false
    }

    /// serde's error, in the words of the crate's own messages.
    fn translate(&self, e: &toml::de::Error) -> Error {
        let message = e.message();
        let text = if let Some(rest) = message.strip_prefix("unknown field `") {
            let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
            let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
            let at = e.span().map_or(0, |s| s.start);
            let table = self
                .key_at(at)
                .and_then(|k| k.rsplit_once('.').map(|(t, _)| t.to_string()));
            let kind = if self.table_at(at) { "table" } else { "key" };
            unknown(kind, name, table.as_deref(), &known)
        } else if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
            let expected = expected_words(expected);
            if expected == "an integer" && got.starts_with("integer") {
                let written = e.span().map_or("", |s| self.slice(&s));
                format!(
                    "must be an integer of 64 bits, got {}",
                    crate::error::shorten(written, 40)
                )
            } else {
                format!("must be {expected}, got {}", got_words(got))
            }
        } else if let Some(rest) = message.strip_prefix("invalid value: ") {
            let expected = rest.split_once(", expected ").map_or(rest, |(_, e)| e);
            let written = e.span().map_or("", |s| self.slice(&s));
            format!(
                "must be {expected}, got {}",
                crate::error::shorten(written, 40)
            )
        } else if message.contains("number overflowed") {
            let written = e.span().map_or("", |s| self.slice(&s));
            format!(
                "number `{}` out of range for TOML (integers of 64 bits, floats up to about 1.8e308)",
                crate::error::shorten(written, 40)
            )
        } else {
            message.trim().to_string()
        };
        match e.span() {
            Some(span) => self.err(&span, text),
            None => Error::input(Origin::source(self.source), text),
        }
    }
}

/// "unknown key `x` (did you mean `y`?)", or listing the keys of its table.
pub fn unknown(kind: &str, name: &str, table: Option<&str>, known: &[&str]) -> String {
    let hint = match crate::scenario::schema::suggest_option(name, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None => match table {
            Some(t) => format!("the keys of [{t}] are {}", known.join(", ")),
            None => format!("the tables are {}", known.join(", ")),
        },
    };
    format!("unknown {kind} `{name}` ({hint})")
}

/// serde's "expected" text in the crate's words.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e == "a map" {
        "a table".to_string()
    } else if e == "a sequence" {
        "an array".to_string()
    } else if e == "f64" || e == "f32" {
        "a number".to_string()
    } else if e.len() <= 4 && (e.starts_with('i') || e.starts_with('u')) {
        "an integer".to_string()
    } else {
        e.to_string()
    }
}

/// serde's description of what it found, as a TOML type.
fn got_words(got: &str) -> &'static str {
    let first = got.split([' ', '`']).next().unwrap_or("");
    match first {
        "string" | "character" => "a string",
        "integer" => "an integer",
        "floating" => "a float",
        "boolean" => "a boolean",
        "sequence" => "an array",
        "map" => "a table",
        _ => "another type",
    }
}

/// An integer in `[MIN, MAX]`, checked as it is read: a value of another
/// type and one out of range are both errors naming the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Int<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<const MIN: i64, const MAX: i64>;
        impl<const MIN: i64, const MAX: i64> Visitor<'_> for V<MIN, MAX> {
            type Value = Int<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer in [{MIN}, {MAX}]")
            }
            fn visit_i64<E: de::Error>(self, x: i64) -> std::result::Result<Self::Value, E> {
                if (MIN..=MAX).contains(&x) {
                    Ok(Int(x))
                } else {
                    Err(E::invalid_value(Unexpected::Signed(x), &self))
                }
            }
            fn visit_u64<E: de::Error>(self, x: u64) -> std::result::Result<Self::Value, E> {
                match i64::try_from(x) {
                    Ok(x) => self.visit_i64(x),
                    Err(_) => Err(E::invalid_value(Unexpected::Unsigned(x), &self)),
                }
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> std::result::Result<Self::Value, E> {
                Err(E::invalid_value(Unexpected::Other("integer"), &self))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> std::result::Result<Self::Value, E> {
                Err(E::invalid_value(Unexpected::Other("integer"), &self))
            }
        }
        d.deserialize_any(V::<MIN, MAX>)
    }
}

/// A range of real numbers, for [`Real`].
pub trait Bounds {
    /// The least and the greatest value.
    const RANGE: (f64, f64);
    /// Whether the least value itself is excluded (`(0, 1]`).
    const OPEN_BELOW: bool = false;
    /// What the range is, in words ("a probability in [0, 1]").
    fn what() -> String;
}

/// A finite number in the range `B`, checked as it is read (an integer
/// counts as a number): a value of another type and one out of range are
/// both errors naming the range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Real<B>(pub f64, PhantomData<B>);

impl<B> Real<B> {
    /// The number.
    pub fn get(&self) -> f64 {
        self.0
    }
}

impl<'de, B: Bounds> Deserialize<'de> for Real<B> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<B>(PhantomData<B>);
        impl<B: Bounds> Visitor<'_> for V<B> {
            type Value = Real<B>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&B::what())
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> std::result::Result<Self::Value, E> {
                let (lo, hi) = B::RANGE;
                let above = if B::OPEN_BELOW { x > lo } else { x >= lo };
                if x.is_finite() && above && x <= hi {
                    Ok(Real(x, PhantomData))
                } else {
                    Err(E::invalid_value(Unexpected::Float(x), &self))
                }
            }
            fn visit_i64<E: de::Error>(self, x: i64) -> std::result::Result<Self::Value, E> {
                self.visit_f64(x as f64)
            }
            fn visit_u64<E: de::Error>(self, x: u64) -> std::result::Result<Self::Value, E> {
                self.visit_f64(x as f64)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A payoff of the floating-point games: at most [`MAX_PAYOFF`] in magnitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payoff;

impl Bounds for Payoff {
    const RANGE: (f64, f64) = (-MAX_PAYOFF, MAX_PAYOFF);
    fn what() -> String {
        format!("a finite number in [-{MAX_PAYOFF:e}, {MAX_PAYOFF:e}]")
    }
}

/// A probability, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probability;

impl Bounds for Probability {
    const RANGE: (f64, f64) = (0.0, 1.0);
    fn what() -> String {
        "a probability in [0, 1]".to_string()
    }
}

/// A share or a weight, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit;

impl Bounds for Unit {
    const RANGE: (f64, f64) = (0.0, 1.0);
    fn what() -> String {
        "a number in [0, 1]".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_crlf_are_normalised() {
        assert_eq!(normalise("\u{feff}a = 1\r\nb = 2\r\n"), "a = 1\nb = 2\n");
        assert_eq!(normalise("a\rb"), "a\rb");
        assert!(matches!(normalise("plain\n"), Cow::Borrowed(_)));
    }
}
