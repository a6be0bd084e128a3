//! The provenance manifest written beside `--out FILE` as `FILE.meta.json`:
//! what made the file, from what, and how to make it again
//! (`catch22 reproduce FILE.meta.json`).
//!
//! Files are identified by SHA-256 (FIPS 180-4) of their bytes: the
//! standard `sha256sum FILE` prints the same digest, so anyone can check a
//! manifest without catch22, and it is collision-resistant, so a matching
//! digest means the same bytes (the FNV-1a job ids of shard parts only
//! guard against accidents).

use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use crate::error::{Error, Origin, Result};
use crate::scenario::{SCHEMA, Scenario, Value};

/// The manifest format; `reproduce` refuses others.
pub const FORMAT: u32 = 1;

/// What the `hash` field says.
pub const HASH: &str = "SHA-256 (FIPS 180-4) of the file's bytes, as `sha256sum FILE` prints it";

/// The manifest of one output file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest format ([`FORMAT`]).
    pub catch22_manifest: u32,
    /// The catch22 version that wrote the output.
    pub catch22_version: String,
    /// The command line after the program name.
    pub command: Vec<String>,
    /// The working directory the command ran in (relative paths start there).
    pub working_directory: String,
    /// When the command started, UTC (RFC 3339).
    pub started_utc: String,
    /// Wall-clock seconds from start to commit.
    pub wall_seconds: f64,
    /// How files are hashed.
    pub hash: String,
    /// Every input file read.
    pub inputs: Vec<FileRecord>,
    /// Every output file written, the main one (`--out`) first.
    pub outputs: Vec<OutputRecord>,
    /// Every scenario run, fully resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<ScenarioRecord>,
    /// Other settings that decide the output (seeds, runs, turns...).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub settings: Map<String, Json>,
}

/// An input file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    /// The path as given on the command line.
    pub path: String,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// An output file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputRecord {
    /// The flag that named it (`--out`, `--per-run`, `--svg`...).
    pub flag: String,
    /// The path as given (for `--svg DIR`, a file inside DIR).
    pub path: String,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// A scenario as run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioRecord {
    /// Which input it is (`scenario`, `a`, `b`, or the argument).
    pub role: String,
    /// Where it came from (a path or `name (shipped)`).
    pub source: String,
    /// `scenario.name`.
    pub name: String,
    /// SHA-256 of the scenario text as read (a file or the embedded text).
    pub text_sha256: String,
    /// The `--set` overrides applied, in order.
    #[serde(default)]
    pub set: Vec<String>,
    /// The master seed (`scenario.seed`).
    pub seed: u64,
    /// Runs per point (`scenario.runs`).
    pub runs: u64,
    /// Every key of the schema, resolved (defaults, file, overrides).
    pub resolved: Map<String, Json>,
    /// The sweep axes (`[sweep]` and `--vary`), the last varying fastest.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub sweep: Map<String, Json>,
}

/// A scenario value as JSON.
pub fn json_value(v: &Value) -> Json {
    match v {
        Value::Float(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
        Value::Int(i) => Json::from(*i),
        Value::Bool(b) => Json::Bool(*b),
        Value::Text(t) => Json::String(t.clone()),
    }
}

impl ScenarioRecord {
    /// The record of a resolved scenario.
    pub fn new(role: &str, s: &Scenario, set: &[String]) -> ScenarioRecord {
        let resolved = SCHEMA
            .iter()
            .zip(&s.values)
            .map(|(spec, v)| (spec.key.to_string(), json_value(v)))
            .collect();
        let sweep = s
            .axes
            .iter()
            .map(|a| {
                let values = a.values.iter().map(|v| json_value(&v)).collect();
                (a.key().to_string(), Json::Array(values))
            })
            .collect();
        let int = |key: &str| u64::try_from(s.value(key).as_f64() as i64).unwrap_or(0);
        ScenarioRecord {
            role: role.to_string(),
            source: s.source.clone(),
            name: s.name().to_string(),
            text_sha256: sha256_hex(s.text.as_bytes()),
            set: set.to_vec(),
            seed: int("scenario.seed"),
            runs: int("scenario.runs"),
            resolved,
            sweep,
        }
    }
}

use crate::input::hex;
pub use crate::input::sha256_hex;

/// SHA-256 and size of a file, read in blocks; a file of more than `limit`
/// bytes is an error (`u64::MAX`: none).
pub fn sha256_file(path: &Path, limit: u64) -> std::io::Result<(String, u64)> {
    let f = std::fs::File::open(path)?;
    let too_large = || std::io::Error::other(format!("it is larger than {} MiB", limit >> 20));
    if f.metadata()?.len() > limit {
        return Err(too_large());
    }
    let mut f = f.take(limit.saturating_add(1));
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    if n > limit {
        return Err(too_large());
    }
    Ok((hex(&h.finalize()), n))
}

/// A time as RFC 3339 UTC, to the second (`2025-02-04T09:30:00Z`).
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The manifest path of an output file.
pub fn path_for(out: &str) -> String {
    format!("{out}.meta.json")
}

impl Manifest {
    /// Reads and checks a manifest; any problem is bad input (exit 2).
    pub fn read(path: &str) -> Result<Manifest> {
        Manifest::parse(&crate::input::read_source(path, "the manifest")?, path)
    }

    /// Checks a manifest's text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Manifest> {
        let bad = |m: String| Error::input(Origin::source(path), m);
        let m: Manifest = serde_json::from_str(text).map_err(|e| {
            Error::input(
                Origin {
                    source: path.to_string(),
                    position: Some((e.line(), e.column())),
                    key: None,
                },
                format!("not a catch22 manifest: {e}"),
            )
        })?;
        if m.catch22_manifest != FORMAT {
            return Err(bad(format!(
                "manifest format {} (this catch22 reads format {FORMAT})",
                m.catch22_manifest
            )));
        }
        if m.command.is_empty() {
            return Err(bad("the manifest records no command".to_string()));
        }
        let main = m.outputs.first().filter(|o| o.flag == "--out");
        if main.is_none() {
            return Err(bad(
                "the manifest records no --out output to check".to_string()
            ));
        }
        for digest in m
            .inputs
            .iter()
            .map(|i| &i.sha256)
            .chain(m.outputs.iter().map(|o| &o.sha256))
        {
            if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(format!("`{digest}` is not a SHA-256 digest")));
            }
        }
        Ok(m)
    }

    /// The command as a shell would show it.
    pub fn command_line(&self) -> String {
        let mut s = String::from("catch22");
        for a in &self.command {
            s.push(' ');
            s.push_str(&shell_quote(a));
        }
        s
    }
}

/// A word quoted for a POSIX shell when it needs it.
pub fn shell_quote(a: &str) -> String {
    let plain = !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_are_rfc3339_utc() {
        let t = |s: u64| rfc3339(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(t(0), "1970-01-01T00:00:00Z");
        assert_eq!(t(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(t(1_738_661_400), "2025-02-04T09:30:00Z");
    }

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("--set"), "--set");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
