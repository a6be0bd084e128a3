//! One command's files: the inputs it reads and the outputs it writes.
//!
//! Every verb names its inputs and opens its outputs here, so the same rules
//! hold everywhere: an output never names an input (compared by device and
//! inode where the file exists, so any spelling or link is caught), two
//! outputs never name one file, at most one output goes to standard output,
//! and all outputs are committed together or not at all.

use crate::error::{Error, Result};
use crate::output::file::{AtomicFile, Destination, commit_all};
use crate::output::identity;

/// The files of one command.
#[derive(Debug, Default)]
pub struct Io {
    /// Input paths, as named (only those that exist as files matter).
    inputs: Vec<String>,
    /// File outputs opened so far: (flag, path).
    outputs: Vec<(String, String)>,
    /// The flag whose output goes to standard output, if any.
    stdout: Option<String>,
}

/// `--flag `path`` for messages.
fn named(flag: &str, path: &str) -> String {
    format!("{flag} `{path}`")
}

impl Io {
    /// No files yet.
    pub fn new() -> Io {
        Io::default()
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

    /// Commits every output together (see [`commit_all`]).
    pub fn commit(&mut self, outputs: Vec<Destination>) -> Result<()> {
        commit_all(outputs)
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
