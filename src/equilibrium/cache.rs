//! The disk cache of solved equilibria.
//!
//! A solve takes seconds; a second run of the same scenario point reads the
//! tables back instead. The key is a 64-bit FNV-1a hash of everything that
//! affects the solution — every model parameter (in their exact decimal
//! form), the solver's settings, the horizon, the catch22 version and the
//! file format — so a changed key never reads a stale table. Files are
//! written whole (a temporary renamed into place) and read only when their
//! size and header match exactly; anything else is ignored and solved again.
//! The cache is off in the library unless [`set_dir`] names a folder (the
//! binary does; `--no-cache` solves afresh and rewrites the entry).

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use super::stage::COLS;
use super::{Config, RoundTable};
use crate::model::Params;

/// The file format; bump it when the layout or the solver's meaning changes.
const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"C22EQTB\0";

static DIR: Mutex<Option<PathBuf>> = Mutex::new(None);
static READ: AtomicBool = AtomicBool::new(true);

/// Whether cached tables are read (`--no-cache` turns reading off; a fresh
/// solve is still written).
pub fn set_reading(read: bool) {
    READ.store(read, Ordering::Relaxed);
}

/// Sets (or, with None, turns off) the cache folder.
pub fn set_dir(dir: Option<PathBuf>) {
    *DIR.lock().unwrap_or_else(PoisonError::into_inner) = dir;
}

/// The cache folder, if any.
pub fn dir() -> Option<PathBuf> {
    DIR.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The default folder: `$CATCH22_CACHE_DIR`, else `$XDG_CACHE_HOME/catch22`,
/// else `$HOME/.cache/catch22`.
pub fn default_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("CATCH22_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|d| d.join("catch22")))
        .or_else(|| env("HOME").map(|d| d.join(".cache").join("catch22")))
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The key of a problem.
pub fn key(p: &Params, config: &Config, rounds: u32) -> u64 {
    let text = format!(
        "catch22 {} format {FORMAT}\n{p:?}\n{config:?}\nrounds {rounds}",
        env!("CARGO_PKG_VERSION")
    );
    fnv1a(text.as_bytes(), 0xcbf2_9ce4_8422_2325)
}

fn path(key: u64) -> Option<PathBuf> {
    Some(dir()?.join(format!("equilibrium-{key:016x}.bin")))
}

/// The file's size for a grid of `len` points and `rounds` rounds.
fn size(len: usize, rounds: u32) -> Option<usize> {
    let per_point = 1 + COLS + 16;
    len.checked_mul(per_point)?
        .checked_mul(rounds as usize)?
        .checked_add(8 + 4 + 8 + 8 + 4)
}

/// The cached tables of `key`, if present and whole.
pub fn load(key: u64, len: usize, rounds: u32) -> Option<Vec<RoundTable>> {
    if !READ.load(Ordering::Relaxed) {
        return None;
    }
    let path = path(key)?;
    let expected = size(len, rounds)?;
    let meta = std::fs::metadata(&path).ok()?;
    if meta.len() != expected as u64 {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    if bytes.len() != expected || &bytes[..8] != MAGIC {
        return None;
    }
    let mut at = 8;
    let mut take = |n: usize| {
        let s = &bytes[at..at + n];
        at += n;
        s
    };
    let u32_at = |s: &[u8]| u32::from_le_bytes(s.try_into().unwrap_or_default());
    let u64_at = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or_default());
    if u32_at(take(4)) != FORMAT
        || u64_at(take(8)) != key
        || u64_at(take(8)) != len as u64
        || u32_at(take(4)) != rounds
    {
        return None;
    }
    let mut tables = Vec::with_capacity(rounds as usize);
    for _ in 0..rounds {
        let us = take(len).to_vec();
        let iran = take(len * COLS)
            .chunks_exact(COLS)
            .map(|c| {
                let mut a = [0u8; COLS];
                a.copy_from_slice(c);
                a
            })
            .collect::<Vec<_>>();
        let value = take(len * 16)
            .chunks_exact(16)
            .map(|c| {
                [
                    f64::from_le_bytes(c[..8].try_into().unwrap_or_default()),
                    f64::from_le_bytes(c[8..].try_into().unwrap_or_default()),
                ]
            })
            .collect::<Vec<_>>();
        let valid = us.iter().all(|&u| (u as usize) < COLS)
            && iran
                .iter()
                .flatten()
                .all(|&i| (i as usize) < super::stage::ROWS)
            && value.iter().flatten().all(|v| v.is_finite());
        if !valid {
            return None;
        }
        tables.push(RoundTable { us, iran, value });
    }
    Some(tables)
}

/// Stores the tables of `key` (best effort: a cache that cannot be written
/// only costs a solve next time).
pub fn store(key: u64, tables: &[RoundTable]) {
    let Some(path) = path(key) else {
        return;
    };
    let len = tables.first().map_or(0, |t| t.us.len());
    let mut bytes = Vec::with_capacity(size(len, tables.len() as u32).unwrap_or(0));
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&(len as u64).to_le_bytes());
    bytes.extend_from_slice(&(tables.len() as u32).to_le_bytes());
    for t in tables {
        bytes.extend_from_slice(&t.us);
        for i in &t.iran {
            bytes.extend_from_slice(i);
        }
        for v in &t.value {
            bytes.extend_from_slice(&v[0].to_le_bytes());
            bytes.extend_from_slice(&v[1].to_le_bytes());
        }
    }
    let Some(parent) = path.parent() else {
        return;
    };
    if std::fs::create_dir_all(parent).is_err() {
        return;
    }
    let tmp = parent.join(format!(
        ".equilibrium-{key:016x}.{}.tmp",
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(&bytes)?;
        f.sync_all()
    });
    if written.is_err() || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
