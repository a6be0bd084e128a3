//! One error type for the library, with enough context for a one-line
//! `error:` message and an exit code.
//!
//! Bad input (a scenario, an override, a flag, an output path) is exit code 2;
//! a failure while running is exit code 1. The binary maps errors to codes in
//! one place (`Error::exit_code`).

use std::fmt;

/// Where in the user's input a problem was found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file (a path, a shipped scenario name, or a flag such as `--set`).
    pub source: String,
    /// 1-based line and column in the file, when the problem has one.
    pub position: Option<(usize, usize)>,
    /// The dotted key the problem concerns, when there is one.
    pub key: Option<String>,
}

impl Origin {
    /// An origin naming only the source (a file or a flag).
    pub fn source(source: impl Into<String>) -> Self {
        Origin {
            source: source.into(),
            ..Origin::default()
        }
    }

    /// The same origin, naming a key.
    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The same origin, at a byte offset of `text` (converted to line and column).
    pub fn at_offset(mut self, text: &str, offset: usize) -> Self {
        self.position = Some(line_col(text, offset));
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Everything that can go wrong, by class.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A bad argument or flag combination (exit 2).
    Usage(String),
    /// Bad input in a scenario or an override (exit 2).
    Input {
        /// Where the problem is.
        origin: Origin,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// An output file that cannot be created or written (exit 2: the user named it).
    Output {
        /// The path the user gave.
        path: String,
        /// The operating system's reason.
        message: String,
    },
    /// A failure while running (exit 1).
    Runtime(String),
    /// The reader of standard output went away (`catch22 run | head`): not an
    /// error, the binary exits quietly with 0.
    BrokenPipe,
}

impl Error {
    /// A bad-input error.
    pub fn input(origin: Origin, message: impl Into<String>) -> Self {
        Error::Input {
            origin,
            message: message.into(),
        }
    }

    /// A bad-input error at byte `offset` of the text of `source`, about `key`.
    pub fn at(
        source: &str,
        text: &str,
        offset: usize,
        key: &str,
        message: impl Into<String>,
    ) -> Self {
        Error::input(
            Origin::source(source).at_offset(text, offset).with_key(key),
            message,
        )
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Runtime(_) => 1,
            Error::BrokenPipe => 0,
            _ => 2,
        }
    }
}

impl Error {
    /// The message as written, before escaping.
    fn raw(&self) -> String {
        match self {
            Error::Usage(m) | Error::Runtime(m) => m.clone(),
            Error::Input { origin, message } => {
                let mut s = origin.source.clone();
                if let Some((line, col)) = origin.position {
                    s.push_str(&format!(":{line}:{col}"));
                }
                if let Some(key) = &origin.key {
                    s.push_str(&format!(": key `{key}`"));
                }
                s.push_str(": ");
                s.push_str(message);
                s
            }
            // `-` is how an output names standard output.
            Error::Output { path, message } if path == "-" => {
                format!("cannot write to standard output: {message}")
            }
            Error::Output { path, message } => format!("cannot write `{path}`: {message}"),
            Error::BrokenPipe => "broken pipe".to_string(),
        }
    }
}

/// An error is always one short line: the control characters of any user
/// text it quotes (a newline in a value, a carriage return, a byte-order
/// mark) are written as escapes, and a megabyte of quoted junk is elided in
/// its middle.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&compact(&escape(&self.raw())))
    }
}

/// `s` with every word of more than 100 characters, then the whole if it
/// is still over 2000, elided in the middle (`abc...xyz`), so both ends
/// of a long path or key stay readable.
fn compact(s: &str) -> String {
    fn elide(s: &str, max: usize, keep: usize) -> String {
        let n = s.chars().count();
        if n <= max {
            return s.to_string();
        }
        let head: String = s.chars().take(keep).collect();
        let tail: String = s.chars().skip(n - keep).collect();
        format!("{head}...{tail}")
    }
    let words: Vec<String> = s.split(' ').map(|w| elide(w, 100, 40)).collect();
    elide(&words.join(" "), 2000, 900)
}

/// `s` with its control characters (and the invisible byte-order mark) escaped
/// as in Rust string literals (`\n`, `\r`, `\t`, `\u{feff}`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// User text for a message: its first `max` characters, then `...` when
/// there are more (so a megabyte of junk is not quoted back whole).
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An error writing to `path` ("-" for standard output).
    pub fn write(path: &str, e: &std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Output {
                path: path.to_string(),
                message: e.to_string(),
            }
        }
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_one_short_line() {
        let long = "x".repeat(1_000_000);
        let e = Error::Usage(format!("unknown key `{long}`\nsecond line"));
        let shown = e.to_string();
        assert!(shown.len() < 200, "{}", shown.len());
        assert!(shown.starts_with("unknown key `xxxx") && shown.ends_with("xxx`\\nsecond line"));
        let spaced = Error::Usage("a ".repeat(5000));
        assert!(spaced.to_string().len() < 2000);
        assert_eq!(Error::Usage("short".into()).to_string(), "short");
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nb = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 10), (2, 5));
    }

    #[test]
    fn input_error_names_file_line_and_key() {
        let e = Error::input(
            Origin {
                source: "x.toml".into(),
                position: Some((3, 7)),
                key: Some("iran.resilience".into()),
            },
            "must be in [0, 1], got 2",
        );
        assert_eq!(
            e.to_string(),
            "x.toml:3:7: key `iran.resilience`: must be in [0, 1], got 2"
        );
        assert_eq!(e.exit_code(), 2);
        assert_eq!(Error::Runtime("x".into()).exit_code(), 1);
    }
}
