//! `catch22 reproduce FILE.meta.json`: rerun the command a manifest records,
//! with every output redirected to a scratch directory, and compare each
//! output with the recorded file byte for byte (or, if that file is gone,
//! with its recorded SHA-256).
//!
//! Exit status: 0 every output identical; 1 an output differs (the message
//! names the first differing line), an input changed, or the rerun failed;
//! 2 a bad manifest.

use std::path::{Path, PathBuf};

use clap::Parser;

use super::manifest::{self, Manifest};
use super::{Cli, ReproduceArgs};
use crate::error::{Error, Origin, Result};

/// A scratch directory, removed on drop.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Replaces the value of `flag` in `argv` (`--flag VALUE` or `--flag=VALUE`)
/// equal to `old` by `new`; false if it is not there.
fn replace_value(argv: &mut [String], flag: &str, old: &str, new: &str) -> bool {
    for i in 0..argv.len() {
        if argv[i] == flag && argv.get(i + 1).is_some_and(|v| v == old) {
            argv[i + 1] = new.to_string();
            return true;
        }
        if argv[i] == format!("{flag}={old}") {
            argv[i] = format!("{flag}={new}");
            return true;
        }
    }
    false
}

/// The value `flag` has in `argv`.
fn value_of<'a>(argv: &'a [String], flag: &str) -> Option<&'a str> {
    let eq = format!("{flag}=");
    argv.iter().enumerate().find_map(|(i, a)| {
        if a == flag {
            argv.get(i + 1).map(String::as_str)
        } else {
            a.strip_prefix(&eq)
        }
    })
}

/// The first line where two texts differ (1-based), with both lines.
fn first_difference(a: &[u8], b: &[u8]) -> (usize, String, String) {
    let la: Vec<&[u8]> = a.split(|&c| c == b'\n').collect();
    let lb: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
    let show = |l: Option<&&[u8]>| match l {
        None => "(end of file)".to_string(),
        Some(l) => {
            let s = String::from_utf8_lossy(l);
            let s = crate::output::escape::one_line(&s);
            if s.chars().count() > 160 {
                format!("{}...", s.chars().take(160).collect::<String>())
            } else {
                s
            }
        }
    };
    let n = la.len().max(lb.len());
    for i in 0..n {
        if la.get(i) != lb.get(i) {
            return (i + 1, show(la.get(i)), show(lb.get(i)));
        }
    }
    (n, String::new(), String::new())
}

/// Reruns the manifest's command and checks its outputs.
pub fn reproduce(a: ReproduceArgs) -> Result<Option<String>> {
    let m = Manifest::read(&a.manifest)?;
    let manifest_dir = Path::new(&a.manifest)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let manifest_dir = manifest_dir.canonicalize().unwrap_or(manifest_dir);
    // The recorded --out, found beside the manifest (where it was written,
    // or wherever both were moved together).
    let main_beside = a
        .manifest
        .strip_suffix(".meta.json")
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p)));
    // Relative paths start in the recorded working directory if it still
    // exists, else in the manifest's directory.
    let wd = Path::new(&m.working_directory);
    let base = if wd.is_dir() {
        wd.to_path_buf()
    } else {
        manifest_dir.clone()
    };
    let at = |p: &str| -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let mut notes = Vec::new();
    if m.catch22_version != env!("CARGO_PKG_VERSION") {
        notes.push(format!(
            "note: made by catch22 {}, rerun by catch22 {}: seeded results may differ",
            m.catch22_version,
            env!("CARGO_PKG_VERSION")
        ));
    }
    for input in &m.inputs {
        let path = at(&input.path);
        let cannot = |e: String| {
            Error::input(
                Origin::source(&a.manifest),
                format!(
                    "cannot read the input `{}` it records ({}): {e}",
                    input.path,
                    path.display()
                ),
            )
        };
        // A pipe cannot be read again (opening one may wait for ever), and
        // no input catch22 reads is larger than the input cap.
        if !path.is_file() {
            return Err(cannot(
                "not a regular file (a pipe or device cannot be read again)".to_string(),
            ));
        }
        let (sha, _) = manifest::sha256_file(&path, crate::input::MAX_INPUT_BYTES)
            .map_err(|e| cannot(e.to_string()))?;
        if sha != input.sha256 {
            return Err(Error::Runtime(format!(
                "the input `{}` changed since {} was written (SHA-256 {} then, {sha} now): \
                 the output cannot be expected to match",
                input.path, a.manifest, input.sha256
            )));
        }
    }
    // Every output flag's value goes to the scratch directory.
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "catch22-reproduce-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    )));
    std::fs::create_dir_all(&scratch.0)
        .map_err(|e| Error::write(&scratch.0.to_string_lossy(), &e))?;
    let mut argv = m.command.clone();
    let mut targets: Vec<(usize, PathBuf)> = Vec::new();
    let mut redirected: Vec<(String, String, String)> = Vec::new();
    for (k, o) in m.outputs.iter().enumerate() {
        let Some(value) = value_of(&m.command, &o.flag).map(str::to_string) else {
            return Err(Error::input(
                Origin::source(&a.manifest),
                format!("its command has no {} for the output `{}`", o.flag, o.path),
            ));
        };
        let fresh = match redirected
            .iter()
            .find(|(f, v, _)| *f == o.flag && *v == value)
        {
            Some((_, _, new)) => new.clone(),
            None => {
                let new = scratch
                    .0
                    .join(format!("{k}-{}", o.flag.trim_start_matches('-')))
                    .to_string_lossy()
                    .into_owned();
                if !replace_value(&mut argv, &o.flag, &value, &new) {
                    return Err(Error::input(
                        Origin::source(&a.manifest),
                        format!("cannot redirect {} `{value}` of its command", o.flag),
                    ));
                }
                redirected.push((o.flag.clone(), value.clone(), new.clone()));
                new
            }
        };
        // The output is the flag's value itself, or a file inside it (--svg DIR).
        let target = if o.path == value {
            PathBuf::from(&fresh)
        } else {
            match Path::new(&o.path).strip_prefix(&value) {
                Ok(rest) => Path::new(&fresh).join(rest),
                Err(_) => {
                    return Err(Error::input(
                        Origin::source(&a.manifest),
                        format!("the output `{}` is not under {} `{value}`", o.path, o.flag),
                    ));
                }
            }
        };
        targets.push((k, target));
    }
    for flag in ["--no-meta", "-q"] {
        if !argv
            .iter()
            .any(|x| x == flag || (flag == "-q" && x == "--quiet"))
        {
            argv.insert(1.min(argv.len()), flag.to_string());
        }
    }
    let cli =
        Cli::try_parse_from(std::iter::once("catch22".to_string()).chain(argv.iter().cloned()))
            .map_err(|e| {
                Error::input(
                    Origin::source(&a.manifest),
                    format!(
                        "its command does not parse: {}",
                        e.to_string().lines().next().unwrap_or("")
                    ),
                )
            })?;
    if matches!(cli.command, super::Command::Reproduce(_)) {
        return Err(Error::input(
            Origin::source(&a.manifest),
            "its command is itself a reproduce",
        ));
    }
    let here = std::env::current_dir().ok();
    std::env::set_current_dir(&base)
        .map_err(|e| Error::Runtime(format!("cannot enter {}: {e}", base.display())))?;
    let rerun = super::execute_in(cli, argv.clone(), &());
    if let Some(h) = here {
        let _ = std::env::set_current_dir(h);
    }
    rerun.map_err(|e| Error::Runtime(format!("the rerun failed: {e}")))?;
    let mut lines = notes;
    for (k, target) in targets {
        let o = &m.outputs[k];
        // Both files through the input cap: a recorded output that is huge
        // or still growing is refused, not read until memory runs out.
        let fresh = crate::input::read_bytes(&target.to_string_lossy(), "the rerun's output")
            .map_err(|e| Error::Runtime(format!("the rerun's `{}`: {e}", o.path)))?;
        let recorded_path = match (&main_beside, k) {
            (Some(p), 0) if p.is_file() => Some(p.clone()),
            _ => Some(at(&o.path)).filter(|p| p.is_file()),
        };
        match recorded_path {
            Some(p) => {
                let old = crate::input::read_bytes(&p.to_string_lossy(), "the recorded output")?;
                if old != fresh {
                    let (line, was, now) = first_difference(&old, &fresh);
                    return Err(Error::Runtime(format!(
                        "{} differs from the rerun at line {line}: recorded `{was}`, rerun `{now}`",
                        o.path
                    )));
                }
                lines.push(format!(
                    "catch22 reproduce: {}: identical ({} bytes)",
                    o.path,
                    fresh.len()
                ));
            }
            None => {
                let sha = manifest::sha256_hex(&fresh);
                if sha != o.sha256 {
                    return Err(Error::Runtime(format!(
                        "{} is gone, and the rerun's SHA-256 {sha} differs from the recorded {}",
                        o.path, o.sha256
                    )));
                }
                lines.push(format!(
                    "catch22 reproduce: {}: not found, but the rerun has its recorded SHA-256",
                    o.path
                ));
            }
        }
    }
    Ok((!a.quiet).then(|| lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_values_are_replaced_in_either_form() {
        let mut argv: Vec<String> = ["run", "--out", "a.csv", "--per-run=r.csv"]
            .map(String::from)
            .to_vec();
        assert!(replace_value(&mut argv, "--out", "a.csv", "/t/0"));
        assert!(replace_value(&mut argv, "--per-run", "r.csv", "/t/1"));
        assert_eq!(argv, ["run", "--out", "/t/0", "--per-run=/t/1"]);
        assert_eq!(value_of(&argv, "--per-run"), Some("/t/1"));
    }

    #[test]
    fn the_first_differing_line_is_named() {
        let (line, a, b) = first_difference(b"x\ny\nz\n", b"x\ny\nw\n");
        assert_eq!((line, a.as_str(), b.as_str()), (3, "z", "w"));
        let (line, a, b) = first_difference(b"x\n", b"x\ny\n");
        assert_eq!((line, a.as_str(), b.as_str()), (2, "", "y"));
    }
}
