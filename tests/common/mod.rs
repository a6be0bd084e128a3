//! Helpers shared by the integration tests that drive the `catch22` binary.
//!
//! Every command's failure message shows the command line, its exit status,
//! standard output and standard error, so a failing test explains itself.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_catch22");

/// The committed fuzz corpus of `target` (`fuzz/corpus/<target>/`): each
/// file's path and bytes, in name order; never empty.
pub fn fuzz_corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus for {target}");
    files
        .into_iter()
        .map(|f| {
            let data = std::fs::read(&f).expect("a corpus file");
            (f, data)
        })
        .collect()
}

/// The shipped scenarios, in the order `list` prints them.
pub const SHIPPED: [&str; 9] = [
    "baseline-2025",
    "jcpoa-2015",
    "lifeline",
    "resistance-revived",
    "hardliner-surge",
    "full-confrontation",
    "equilibrium-2025",
    "maximum-pressure-2018",
    "baseline-2025-uncertain",
];

/// The four outcomes, in the order of the summary CSV.
pub const OUTCOMES: [&str; 4] = ["deal", "regime_crisis", "war", "muddle_through"];

/// The absolute path of a file in the repository's `scenarios/`.
pub fn scenario_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.toml"))
        .to_string_lossy()
        .into_owned()
}

/// A fresh, empty directory under the system temporary directory, removed on drop.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A unique directory for one test (`tag` names it, for debugging).
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("catch22-test-{tag}-{}-{n}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).unwrap();
        }
        std::fs::create_dir_all(&path).unwrap();
        TempDir { path }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A path inside the directory, as a string.
    pub fn join(&self, name: &str) -> String {
        self.path.join(name).to_string_lossy().into_owned()
    }

    /// Writes a file in the directory and returns its name (relative to the directory).
    pub fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path.join(name), text).unwrap();
        name.to_string()
    }

    /// Reads a file of the directory.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path.join(name))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", self.join(name)))
    }

    /// Whether a file exists in the directory.
    pub fn exists(&self, name: &str) -> bool {
        self.path.join(name).exists()
    }

    /// The names of the entries of the directory (hidden ones included).
    pub fn entries(&self) -> BTreeSet<String> {
        std::fs::read_dir(&self.path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// Runs `catch22 ARGS` with this directory as the working directory.
    pub fn run(&self, args: &[&str]) -> Output {
        catch22_in(&self.path, args)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A finished command.
pub struct Output {
    /// The command line, for messages.
    pub cmd: String,
    /// The working directory.
    pub dir: PathBuf,
    /// The exit status.
    pub status: ExitStatus,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\n\n==========\ncommand: {}", self.cmd)?;
        writeln!(f, "cwd: {}", self.dir.display())?;
        writeln!(f, "status: {}", self.status)?;
        let stdout = if self.stdout.len() > 4000 {
            let mut end = 4000;
            while !self.stdout.is_char_boundary(end) {
                end -= 1;
            }
            format!(
                "{}\n... ({} bytes in all)",
                &self.stdout[..end],
                self.stdout.len()
            )
        } else {
            self.stdout.clone()
        };
        writeln!(f, "\nstdout:\n-----\n{stdout}-----")?;
        writeln!(f, "\nstderr:\n-----\n{}-----\n==========", self.stderr)
    }
}

impl Output {
    /// The exit code (`None` if killed by a signal).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Panics with `what` and the whole command output unless `cond` holds.
    #[track_caller]
    pub fn check(&self, cond: bool, what: impl fmt::Display) -> &Self {
        if !cond {
            panic!("{what}{self}");
        }
        self
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(&self) -> &Self {
        self.check(self.code() == Some(0), "expected exit code 0")
    }

    /// Asserts that standard error contains `needle`.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        self.check(
            self.stderr.contains(needle),
            format!("expected stderr to contain {needle:?}"),
        )
    }

    /// Asserts a refusal: exit code 2, one `error:` line on standard error
    /// containing `needle`, nothing on standard output.
    #[track_caller]
    pub fn refused(&self, needle: &str) -> &Self {
        self.check(self.code() == Some(2), "expected exit code 2")
            .check(
                self.stderr.starts_with("error: ") && self.stderr.lines().count() == 1,
                "expected one error line",
            )
            .check(self.stdout.is_empty(), "expected no output")
            .stderr_has(needle)
    }

    /// Asserts that standard output contains `needle`.
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        self.check(
            self.stdout.contains(needle),
            format!("expected stdout to contain {needle:?}"),
        )
    }
}

/// Runs `catch22 ARGS` in `dir`.
pub fn catch22_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("CATCH22_CACHE_DIR", cache_dir())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
    Output {
        cmd: command_line(args),
        dir: dir.to_path_buf(),
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The equilibrium cache of the test runs: under the target directory, never
/// the user's.
pub fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("equilibrium-cache")
}

/// `catch22 ARGS` as a shell would show it.
pub fn command_line(args: &[&str]) -> String {
    let mut s = String::from("catch22");
    for a in args {
        s.push(' ');
        if a.is_empty() || a.contains([' ', '"', '\'', '\\', '$', '*', '|', '&', ';']) {
            s.push_str(&format!("'{}'", a.replace('\'', r"'\''")));
        } else {
            s.push_str(a);
        }
    }
    s
}

/// Spawns `catch22 ARGS` in `dir` with standard output piped, for tests that
/// read part of it and close the pipe.
pub fn spawn_piped(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("CATCH22_CACHE_DIR", cache_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"))
}

/// Reads a child's standard error to the end.
pub fn read_stderr(child: &mut std::process::Child) -> String {
    let mut s = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut s);
    }
    s
}

/// A parsed CSV: header and rows (the simple RFC 4180 subset the binary writes).
#[derive(Debug, Clone, PartialEq)]
pub struct Csv {
    /// The header fields.
    pub header: Vec<String>,
    /// The data rows.
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    /// Parses CSV text; panics (showing the text) on a ragged row.
    pub fn parse(text: &str) -> Csv {
        let mut lines = text.lines().map(split_csv_line);
        let header = lines.next().unwrap_or_else(|| panic!("empty CSV:\n{text}"));
        let rows: Vec<Vec<String>> = lines.collect();
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(
                r.len(),
                header.len(),
                "CSV row {} has {} fields, header has {}:\n{text}",
                i + 1,
                r.len(),
                header.len()
            );
        }
        Csv { header, rows }
    }

    /// The index of a column; panics if absent.
    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }

    /// One column's values.
    pub fn column(&self, name: &str) -> Vec<&str> {
        let i = self.col(name);
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }
}

/// Splits one CSV line, honouring double quotes.
pub fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Parses a number field; panics with the field otherwise.
pub fn num(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("expected a number, got {s:?}"))
}
