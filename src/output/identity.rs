//! Whether two paths name the same file: by device and inode where the file
//! exists (so `a.csv`, `./a.csv`, `sub/../a.csv`, a hard link and a symbolic
//! link to it are all one file), else by the directory (resolved) and name
//! it would be created as.

use std::fs;
use std::path::{Path, PathBuf};

use super::file::resolve_links;

/// Where a path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An existing file: its device and inode (unix), or its canonical path.
    Existing(Id),
    /// A file to be created: its resolved directory joined with its name.
    New(PathBuf),
    /// A path whose directory does not exist (it cannot be written).
    Nowhere(String),
}

/// The identity of an existing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id(IdInner);

#[cfg(unix)]
type IdInner = (u64, u64);
#[cfg(not(unix))]
type IdInner = PathBuf;

#[cfg(unix)]
fn id_of_meta(m: &fs::Metadata, _path: &Path) -> Option<Id> {
    use std::os::unix::fs::MetadataExt;
    Some(Id((m.dev(), m.ino())))
}

#[cfg(not(unix))]
fn id_of_meta(_m: &fs::Metadata, path: &Path) -> Option<Id> {
    path.canonicalize().ok().map(Id)
}

/// The identity of an existing file (symbolic links followed).
pub fn id(path: &Path) -> Option<Id> {
    let m = fs::metadata(path).ok()?;
    id_of_meta(&m, path)
}

/// The identity of whatever standard output is (a file, a pipe, a terminal).
#[cfg(unix)]
pub fn stdout_id() -> Option<Id> {
    use std::os::fd::AsFd;
    let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
    let m = fs::File::from(fd).metadata().ok()?;
    id_of_meta(&m, Path::new("/dev/stdout"))
}

/// The identity of whatever standard output is.
#[cfg(not(unix))]
pub fn stdout_id() -> Option<Id> {
    None
}

/// Whether `path` is the null device, which any number of outputs may share.
pub fn is_null(path: &Path) -> bool {
    let null = Path::new(if cfg!(windows) { "NUL" } else { "/dev/null" });
    match (id(path), id(null)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Where `path` leads.
pub fn place(path: &str) -> Place {
    let p = Path::new(path);
    if let Some(i) = id(p) {
        return Place::Existing(i);
    }
    let target = resolve_links(p);
    let Some(name) = target.file_name() else {
        return Place::Nowhere(path.to_string());
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match dir.canonicalize() {
        Ok(d) => Place::New(d.join(name)),
        Err(_) => Place::Nowhere(path.to_string()),
    }
}

/// Whether `a` and `b` name the same file (the null device excepted).
pub fn same(a: &str, b: &str) -> bool {
    if is_null(Path::new(a)) {
        return false;
    }
    a == b
        || match (place(a), place(b)) {
            (Place::Nowhere(_), _) | (_, Place::Nowhere(_)) => false,
            (x, y) => x == y,
        }
}

/// Whether `path` is whatever standard output is (`/dev/stdout`,
/// `/proc/self/fd/1`, or the file standard output was redirected to).
pub fn is_stdout(path: &str) -> bool {
    let p = Path::new(path);
    if is_null(p) {
        return false;
    }
    matches!((id(p), stdout_id()), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_are_the_same() {
        let dir = std::env::temp_dir().join(format!("catch22-identity-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        let a = dir.join("a.csv");
        let s = |p: &Path| p.to_string_lossy().into_owned();
        // Not yet existing: by directory and name.
        assert!(same(&s(&a), &s(&dir.join("sub/../a.csv"))));
        assert!(!same(&s(&a), &s(&dir.join("b.csv"))));
        fs::write(&a, "x").unwrap();
        assert!(same(&s(&a), &s(&dir.join("sub/../a.csv"))));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&a, dir.join("link.csv")).unwrap();
            fs::hard_link(&a, dir.join("hard.csv")).unwrap();
            assert!(same(&s(&a), &s(&dir.join("link.csv"))));
            assert!(same(&s(&a), &s(&dir.join("hard.csv"))));
            assert!(!same("/dev/null", "/dev/null"));
        }
        assert!(!same(&s(&a), "/no/such/dir/a.csv"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
