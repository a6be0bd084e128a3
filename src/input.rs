//! Reading input files: one way for every reader of the crate.
//!
//! A file is read whole, up to [`MAX_INPUT_BYTES`] (so a device or a huge
//! file is refused, not read until memory runs out), as UTF-8. A leading
//! byte-order mark is dropped and CRLF line ends are read as LF, so a file
//! saved by a Windows editor reads exactly as its Unix twin, and line and
//! column numbers in errors are the ones an editor shows.

use std::borrow::Cow;
use std::io::Read;

use crate::error::{Error, Origin, Result};

/// The largest payoff, in magnitude, of the floating-point games (tournament
/// stage games, evolution matrices): sums over ten million turns and matches
/// stay finite, and integers up to it are exact in an `f64`.
pub const MAX_PAYOFF: f64 = 1e15;

/// The largest input file: 1 GiB.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Reads the text file at `path`; `what` names it in errors ("scenario",
/// "the game", ...). Errors are bad input (exit code 2).
pub fn read_text(path: &str, what: &str) -> Result<String> {
    let cannot = |m: String| Error::input(Origin::source(path), format!("cannot read {what}: {m}"));
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(cannot(format!(
            "it is larger than {} MiB",
            MAX_INPUT_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        cannot(format!(
            "it is not UTF-8 text (an invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(match normalise(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(t) => t,
    })
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
