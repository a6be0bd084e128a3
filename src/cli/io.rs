//! One command's files: the inputs it reads and the outputs it writes.
//!
//! Every verb names its inputs and opens its outputs here, so the same rules
//! hold everywhere: an output never names an input (compared by device and
//! inode where the file exists, so any spelling or link is caught), two
//! outputs never name one file, at most one output goes to standard output,
//! and all outputs are committed together or not at all.

use std::io::Write;
use std::time::{Instant, SystemTime};

use serde_json::{Map, Value as Json};

use super::manifest::{self, FileRecord, Manifest, OutputRecord, ScenarioRecord};
use crate::error::{Error, Result};
use crate::output::file::{AtomicFile, Destination, prepare_all, rename_all};
use crate::output::identity;
use crate::scenario::Scenario;

/// The files of one command, and what its manifest records.
#[derive(Debug)]
pub struct Io {
    /// Input paths, as named (only those that exist as files matter).
    inputs: Vec<String>,
    /// File outputs opened so far: (flag, path).
    outputs: Vec<(String, String)>,
    /// The flag whose output goes to standard output, if any.
    stdout: Option<String>,
    /// The command line after the program name.
    argv: Vec<String>,
    /// When the command started.
    started: SystemTime,
    clock: Instant,
    /// Write `--out FILE.meta.json`?
    meta: bool,
    scenarios: Vec<ScenarioRecord>,
    settings: Map<String, Json>,
}

impl Default for Io {
    fn default() -> Io {
        Io::new()
    }
}

/// `--flag `path`` for messages.
fn named(flag: &str, path: &str) -> String {
    format!("{flag} `{path}`")
}

impl Io {
    /// No files yet, and no manifest.
    pub fn new() -> Io {
        Io {
            inputs: Vec::new(),
            outputs: Vec::new(),
            stdout: None,
            argv: Vec::new(),
            started: SystemTime::now(),
            clock: Instant::now(),
            meta: false,
            scenarios: Vec::new(),
            settings: Map::new(),
        }
    }

    /// The files of the command `argv` (after the program name); with
    /// `meta`, `--out FILE` gets its manifest `FILE.meta.json`.
    pub fn for_command(argv: Vec<String>, meta: bool) -> Io {
        Io {
            argv,
            meta,
            ..Io::new()
        }
    }

    /// Records a scenario as run (`role`: `scenario`, `a`, `b`...), with the
    /// `--set` overrides applied to it.
    pub fn scenario(&mut self, role: &str, s: &Scenario, set: &[String]) {
        self.scenarios.push(ScenarioRecord::new(role, s, set));
    }

    /// Records a setting that decides the output (a seed, runs, turns...).
    pub fn setting(&mut self, key: &str, value: impl Into<Json>) {
        self.settings.insert(key.to_string(), value.into());
    }

    /// The scenario records so far.
    pub fn scenarios(&self) -> &[ScenarioRecord] {
        &self.scenarios
    }

    /// Names an input file (a path that does not exist, such as a shipped
    /// scenario's name, is ignored); refuses it if an output already opened
    /// is the same file.
    pub fn input(&mut self, path: &str) -> Result<()> {
        if path == "-" || !std::path::Path::new(path).exists() {
            return Ok(());
        }
        for (flag, out) in &self.outputs {
            if identity::same(out, path) {
                return Err(over_input(flag, out, path));
            }
        }
        if let Some(flag) = &self.stdout {
            if identity::is_stdout(path) {
                return Err(Error::Usage(format!(
                    "{flag} goes to standard output, which is the input `{path}`; \
                     give {flag} a file elsewhere"
                )));
            }
        }
        self.inputs.push(path.to_string());
        Ok(())
    }

    /// Names several input files.
    pub fn inputs<'a>(&mut self, paths: impl IntoIterator<Item = &'a str>) -> Result<()> {
        paths.into_iter().try_for_each(|p| self.input(p))
    }

    /// Checks an output path against the inputs and the other outputs.
    fn check(&self, flag: &str, path: &str) -> Result<()> {
        if path.is_empty() {
            return Err(Error::Usage(format!(
                "{flag} needs a path, got an empty one"
            )));
        }
        for input in &self.inputs {
            if identity::same(path, input) {
                return Err(over_input(flag, path, input));
            }
        }
        for (other, out) in &self.outputs {
            if identity::same(path, out) {
                return Err(Error::Usage(format!(
                    "{} and {} name the same file; give them different files",
                    named(other, out),
                    named(flag, path)
                )));
            }
        }
        if let Some(other) = &self.stdout {
            if identity::is_stdout(path) {
                return Err(both_stdout(other, flag, path));
            }
        }
        Ok(())
    }

    /// Claims standard output for `flag`.
    fn claim_stdout(&mut self, flag: &str, path: &str) -> Result<()> {
        if let Some(other) = &self.stdout {
            return Err(both_stdout(other, flag, path));
        }
        for (other, out) in &self.outputs {
            if identity::is_stdout(out) {
                return Err(both_stdout(other, flag, path));
            }
        }
        self.stdout = Some(flag.to_string());
        Ok(())
    }

    /// Opens an output: standard output for `None` or `-`, else a file
    /// committed by [`Io::commit`].
    pub fn open(&mut self, flag: &str, path: Option<&str>) -> Result<Destination> {
        match path {
            None | Some("-") => {
                self.claim_stdout(flag, "-")?;
                Ok(Destination::stdout())
            }
            Some(p) => self.file(flag, p).map(Destination::File),
        }
    }

    /// Opens an output that must be a file (not `-`).
    pub fn file(&mut self, flag: &str, path: &str) -> Result<AtomicFile> {
        self.check(flag, path)?;
        let f = AtomicFile::create(path)?;
        self.outputs.push((flag.to_string(), path.to_string()));
        Ok(f)
    }

    /// Checks a path that the command will write later (a directory of
    /// files, say) against the inputs now.
    pub fn reserve(&self, flag: &str, path: &str) -> Result<()> {
        self.check(flag, path)
    }

    /// Writes `text` as the command's one output (`--out PATH`, or standard
    /// output) and commits it.
    pub fn write_text(&mut self, out: Option<&str>, text: &str) -> Result<()> {
        let mut d = self.open("--out", out)?;
        let name = d.name().to_string();
        d.write_all(text.as_bytes())
            .map_err(|e| Error::write(&name, &e))?;
        self.commit(vec![d])
    }

    /// Commits every output together (see [`crate::output::file::commit_all`]),
    /// with the manifest of `--out FILE` when there is one.
    pub fn commit(&mut self, mut outputs: Vec<Destination>) -> Result<()> {
        prepare_all(&mut outputs)?;
        if let Some(meta) = self.manifest(&outputs)? {
            outputs.push(meta);
        }
        rename_all(outputs)
    }

    /// Writes (uncommitted) the manifest of the `--out` file, if any.
    fn manifest(&mut self, outputs: &[Destination]) -> Result<Option<Destination>> {
        if !self.meta {
            return Ok(None);
        }
        let files: Vec<&AtomicFile> = outputs
            .iter()
            .filter_map(|d| match d {
                Destination::File(f) if !f.in_place() => Some(f),
                _ => None,
            })
            .collect();
        let Some(main) = self
            .outputs
            .iter()
            .find(|(flag, _)| flag == "--out")
            .and_then(|(_, path)| files.iter().find(|f| f.path() == path))
        else {
            return Ok(None);
        };
        let mut records = Vec::new();
        for f in std::iter::once(main).chain(files.iter().filter(|f| f.path() != main.path())) {
            let flag = self
                .outputs
                .iter()
                .find(|(_, p)| p == f.path())
                .map_or("--out", |(flag, _)| flag.as_str());
            let tmp = f.temp_path().expect("a renamed file has a temporary");
            let (sha256, bytes) =
                manifest::sha256_file(tmp, u64::MAX).map_err(|e| Error::write(f.path(), &e))?;
            records.push(OutputRecord {
                flag: flag.to_string(),
                path: f.path().to_string(),
                sha256,
                bytes,
            });
        }
        let mut inputs = Vec::new();
        for path in &self.inputs {
            // A pipe was hashed as it was read: it cannot be read again.
            // One that was not read (nor is a file) is not opened to hash it.
            let (sha256, bytes) = match crate::input::digest_read(path) {
                Some(d) => d,
                None if !std::path::Path::new(path).is_file() => continue,
                None => manifest::sha256_file(std::path::Path::new(path), u64::MAX)
                    .map_err(|e| Error::Runtime(format!("{path}: cannot hash the input: {e}")))?,
            };
            inputs.push(FileRecord {
                path: path.clone(),
                sha256,
                bytes,
            });
        }
        let m = Manifest {
            catch22_manifest: manifest::FORMAT,
            catch22_version: env!("CARGO_PKG_VERSION").to_string(),
            command: self.argv.clone(),
            working_directory: std::env::current_dir()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default(),
            started_utc: manifest::rfc3339(self.started),
            wall_seconds: (self.clock.elapsed().as_secs_f64() * 1e3).round() / 1e3,
            hash: manifest::HASH.to_string(),
            inputs,
            outputs: records,
            scenarios: std::mem::take(&mut self.scenarios),
            settings: std::mem::take(&mut self.settings),
        };
        let path = manifest::path_for(main.path());
        self.check("the manifest of --out", &path)?;
        let mut f = AtomicFile::create(&path)?;
        let mut text = serde_json::to_string_pretty(&m)
            .map_err(|e| Error::Runtime(format!("manifest: {e}")))?;
        text.push('\n');
        f.write_all(text.as_bytes())
            .map_err(|e| Error::write(&path, &e))?;
        let mut d = vec![Destination::File(f)];
        prepare_all(&mut d)?;
        Ok(d.pop())
    }
}

fn over_input(flag: &str, out: &str, input: &str) -> Error {
    Error::Usage(format!(
        "{} is the input `{input}`: refusing to write over it; write the output elsewhere",
        named(flag, out)
    ))
}

fn both_stdout(first: &str, flag: &str, path: &str) -> Error {
    let what = if path == "-" && flag.starts_with('-') {
        format!("{flag} -")
    } else if path == "-" {
        flag.to_string()
    } else {
        named(flag, path)
    };
    Error::Usage(format!(
        "{what} and {first} would both go to standard output; give one of them a file"
    ))
}

/// An input argument that names a file (or a pipe: `<(cmd)`, a FIFO), read
/// once: the SHA-256 of its bytes and its text (the CSV a JSON array of
/// records stands for, [`crate::input::json_records`]).
#[derive(Clone)]
pub struct Given {
    /// The SHA-256 of the bytes as read, lowercase hex.
    pub sha256: String,
    /// The text ([`crate::input::text`]).
    pub text: String,
}

/// Reads `arg` once when it is a path that exists (a directory or an
/// unreadable file is bad input); `None` when it is not (a shipped
/// scenario's name). Verbs that take a CSV or a scenario read the argument
/// with this, then tell which it is from its text, so that a pipe, which
/// can be read only once, works as well as a file.
pub fn given(arg: &str, what: &str) -> Result<Option<Given>> {
    if !std::path::Path::new(arg).exists() {
        return Ok(None);
    }
    let bytes = crate::input::read_bytes(arg, what)?;
    let sha256 = crate::input::sha256_hex(&bytes);
    let text = crate::input::text(bytes, arg, what)?;
    // A `--format json` output reads as the CSV it stands for.
    let text = crate::input::json_records::as_csv(&text, arg)?.unwrap_or(text);
    Ok(Some(Given { sha256, text }))
}

/// The scenario `arg` names: the text read by [`given`], else a shipped name.
pub fn scenario(arg: &str, given: Option<&Given>) -> Result<crate::scenario::Scenario> {
    match given {
        Some(g) => crate::scenario::Scenario::from_text(&g.text, arg),
        None => crate::scenario::Scenario::load(arg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_repeated_outputs_are_refused() {
        let mut io = Io::new();
        assert!(io.open("--svg", Some("")).is_err());
        let _out = io.open("--out", None).unwrap();
        let e = io.open("--matches", Some("-")).unwrap_err();
        assert!(e.to_string().contains("both go to standard output"), "{e}");
    }
}
