//! Output destinations: standard output, or a file written whole or not at all.
//!
//! A file is written to a temporary sibling created before the long work
//! starts (so a bad path fails at once) and renamed over the target only when
//! everything was written. On any error, or a panic, the temporary is removed;
//! on SIGINT or SIGTERM the binary calls [`remove_pending_then`], which removes
//! every temporary (and every directory made for outputs) before it exits.
//! A target that exists and is not a regular file (`/dev/null`, a named
//! pipe, a terminal) is written in place: renaming over it would replace it.
//! A path that names one of the process's open descriptors (`/dev/stdout`,
//! `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`) is written through that
//! descriptor, whatever it is (a pipe, or the file standard output was
//! redirected to, which must neither be replaced nor written from its start).
//! A target that is a symbolic link is written through: the file it points
//! to is replaced, the link stays.
//!
//! The outputs of one command are committed together by [`commit_all`]: every
//! one is flushed and synced first (any failure drops them all), then all are
//! renamed into place.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};

/// What an interrupted process must remove: temporaries, then the
/// directories made for outputs (deepest first).
#[derive(Debug, Default)]
struct Pending {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    files: Vec::new(),
    dirs: Vec::new(),
});

fn pending() -> MutexGuard<'static, Pending> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file and every directory made for outputs that
/// is not yet committed, then calls `f` while still holding the registry, so
/// no new temporary can appear before `f` (which exits the process) returns.
/// For the binary's SIGINT/SIGTERM handler.
pub fn remove_pending_then<R>(f: impl FnOnce() -> R) -> R {
    let mut p = pending();
    for file in p.files.drain(..) {
        let _ = fs::remove_file(file);
    }
    for dir in p.dirs.drain(..).rev() {
        let _ = fs::remove_dir(dir);
    }
    f()
}

/// The number of temporaries not yet committed or removed (for tests).
pub fn pending_count() -> usize {
    pending().files.len()
}

/// `path` with symbolic links followed, so that writing replaces the file a
/// link points to and not the link. A dangling link gives its target.
pub fn resolve_links(path: &Path) -> PathBuf {
    follow_links(path, |_| false).0
}

/// `path` with symbolic links followed until `stop` holds for the path
/// reached (then `true`) or a path is not a link (then `false`).
fn follow_links(path: &Path, mut stop: impl FnMut(&Path) -> bool) -> (PathBuf, bool) {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        if stop(&p) {
            return (p, true);
        }
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&p) {
                Ok(t) if t.is_absolute() => p = t,
                Ok(t) => p = p.parent().map_or(t.clone(), |d| d.join(&t)),
                Err(_) => break,
            },
            _ => break,
        }
    }
    (p, false)
}

/// The number of this process's open descriptor that `path` names
/// (`/dev/stdout`, `/dev/fd/2`, `/proc/self/fd/1`, a link to one of them),
/// if it names one.
#[cfg(unix)]
pub fn own_descriptor(path: &Path) -> Option<u32> {
    let own: Vec<PathBuf> = ["/proc/self/fd", "/proc/thread-self/fd"]
        .iter()
        .filter_map(|d| Path::new(d).canonicalize().ok())
        .collect();
    if own.is_empty() {
        return None;
    }
    let (p, found) = follow_links(path, |p| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .and_then(|d| d.canonicalize().ok())
            .is_some_and(|d| own.contains(&d))
    });
    if !found {
        return None;
    }
    p.file_name()?.to_str()?.parse().ok()
}

/// The number of this process's open descriptor that `path` names.
#[cfg(not(unix))]
pub fn own_descriptor(_path: &Path) -> Option<u32> {
    None
}

/// Opens the descriptor `fd` that `path` names for writing: standard output
/// and standard error shared (their offset too), any other reopened for
/// appending.
fn open_descriptor(path: &str, fd: u32) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        match fd {
            1 => return io::stdout().as_fd().try_clone_to_owned().map(File::from),
            2 => return io::stderr().as_fd().try_clone_to_owned().map(File::from),
            _ => {}
        }
    }
    let _ = fd;
    fs::OpenOptions::new().append(true).open(path)
}

/// A file that appears at its path only once committed.
#[derive(Debug)]
pub struct AtomicFile {
    path: String,
    /// Where the file goes: `path` with symbolic links followed.
    target: PathBuf,
    /// The temporary sibling; `None` when writing in place to a device or pipe.
    tmp: Option<PathBuf>,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `path`; fails now if `path` cannot be written.
    pub fn create(path: &str) -> Result<AtomicFile> {
        if path.is_empty() {
            return Err(Error::Output {
                path: path.to_string(),
                message: "empty path".to_string(),
            });
        }
        if let Some(fd) = own_descriptor(Path::new(path)) {
            let file = open_descriptor(path, fd).map_err(|e| Error::write(path, &e))?;
            return Ok(AtomicFile {
                path: path.to_string(),
                target: PathBuf::from(path),
                tmp: None,
                file: Some(BufWriter::new(file)),
            });
        }
        let target = resolve_links(Path::new(path));
        if target.is_dir() || path.ends_with('/') {
            return Err(Error::Output {
                path: path.to_string(),
                message: "is a directory".to_string(),
            });
        }
        if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| Error::write(path, &e))?;
            return Ok(AtomicFile {
                path: path.to_string(),
                target,
                tmp: None,
                file: Some(BufWriter::new(file)),
            });
        }
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".to_string());
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty());
        let tmp_name = format!(
            ".{name}.catch22-{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let tmp = dir.map_or_else(|| PathBuf::from(&tmp_name), |d| d.join(&tmp_name));
        // Created and registered as one step: an interrupt sees it or not at all.
        let file = {
            let mut p = pending();
            let file = File::create(&tmp).map_err(|e| Error::write(path, &e))?;
            p.files.push(tmp.clone());
            file
        };
        Ok(AtomicFile {
            path: path.to_string(),
            target,
            tmp: Some(tmp),
            file: Some(BufWriter::new(file)),
        })
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The temporary file being written (`None` when writing in place).
    pub fn temp_path(&self) -> Option<&Path> {
        self.tmp.as_deref()
    }

    /// Whether the file is written in place (a device or a pipe), not renamed into place.
    pub fn in_place(&self) -> bool {
        self.tmp.is_none()
    }

    /// Flushes and syncs the data; the first phase of a commit.
    fn prepare(&mut self) -> Result<()> {
        let file = self.file.as_mut().expect("not yet committed");
        file.flush().map_err(|e| Error::write(&self.path, &e))?;
        if self.tmp.is_some() {
            file.get_ref()
                .sync_all()
                .map_err(|e| Error::write(&self.path, &e))?;
        }
        Ok(())
    }

    /// Renames the prepared file into place; the second phase of a commit.
    fn rename(mut self, p: &mut Pending) -> Result<()> {
        drop(self.file.take());
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        p.files.retain(|f| *f != tmp);
        fs::rename(&tmp, &self.target).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            Error::write(&self.path, &e)
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(self) -> Result<()> {
        commit_all(vec![Destination::File(self)])
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("not yet committed")
            .write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if let Some(tmp) = self.tmp.take() {
            let mut p = pending();
            let _ = fs::remove_file(&tmp);
            p.files.retain(|f| *f != tmp);
        }
    }
}

/// Commits outputs together: standard output is flushed and every file
/// flushed and synced first (on any failure all are dropped, so no file
/// appears); then every file is renamed into place.
pub fn commit_all(mut outputs: Vec<Destination>) -> Result<()> {
    prepare_all(&mut outputs)?;
    rename_all(outputs)
}

/// The first phase of [`commit_all`]: standard output flushed (first: if
/// its reader went away no file is kept), every file flushed and synced.
pub fn prepare_all(outputs: &mut [Destination]) -> Result<()> {
    outputs.sort_by_key(|d| !matches!(d, Destination::Stdout(_)));
    for d in outputs.iter_mut() {
        match d {
            Destination::Stdout(w) => w.flush().map_err(|e| Error::write("-", &e))?,
            Destination::File(f) => f.prepare()?,
        }
    }
    Ok(())
}

/// The second phase of [`commit_all`]: every prepared file renamed into place.
pub fn rename_all(outputs: Vec<Destination>) -> Result<()> {
    let mut p = pending();
    let mut first_error = None;
    for d in outputs {
        if let Destination::File(f) = d {
            if let Err(e) = f.rename(&mut p) {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Directories made for outputs (`report --svg DIR`): removed again, if
/// still empty, unless [`MadeDirs::keep`] is called after the outputs are
/// committed; an interrupt removes them too.
#[derive(Debug, Default)]
pub struct MadeDirs {
    dirs: Vec<PathBuf>,
}

impl MadeDirs {
    /// Makes `dir` and any missing parents; `flag` names it in errors.
    pub fn create(dir: &str) -> Result<MadeDirs> {
        if dir.is_empty() {
            return Err(Error::Output {
                path: dir.to_string(),
                message: "empty path".to_string(),
            });
        }
        let mut missing = Vec::new();
        let mut d = Some(Path::new(dir));
        while let Some(x) = d.filter(|x| !x.as_os_str().is_empty() && !x.exists()) {
            missing.push(x.to_path_buf());
            d = x.parent();
        }
        missing.reverse();
        let mut made = MadeDirs::default();
        let mut p = pending();
        for m in missing {
            fs::create_dir(&m).map_err(|e| Error::write(dir, &e))?;
            p.dirs.push(m.clone());
            made.dirs.push(m);
        }
        drop(p);
        if !Path::new(dir).is_dir() {
            return Err(Error::Output {
                path: dir.to_string(),
                message: "not a directory".to_string(),
            });
        }
        Ok(made)
    }

    /// Keeps the directories (their files were committed).
    pub fn keep(mut self) {
        let mut p = pending();
        p.dirs.retain(|d| !self.dirs.contains(d));
        self.dirs.clear();
    }
}

impl Drop for MadeDirs {
    fn drop(&mut self) {
        let mut p = pending();
        for d in self.dirs.iter().rev() {
            let _ = fs::remove_dir(d);
        }
        p.dirs.retain(|d| !self.dirs.contains(d));
    }
}

/// Where a report goes: standard output or an atomic file.
#[derive(Debug)]
pub enum Destination {
    /// Standard output (buffered).
    Stdout(BufWriter<io::Stdout>),
    /// A file, committed at the end.
    File(AtomicFile),
}

impl Destination {
    /// Opens `path`, or standard output for `None` or `-`.
    pub fn open(path: Option<&str>) -> Result<Destination> {
        match path {
            None | Some("-") => Ok(Destination::stdout()),
            Some(p) => AtomicFile::create(p).map(Destination::File),
        }
    }

    /// Standard output.
    pub fn stdout() -> Destination {
        Destination::Stdout(BufWriter::new(io::stdout()))
    }

    /// The name used in error messages.
    pub fn name(&self) -> &str {
        match self {
            Destination::Stdout(_) => "-",
            Destination::File(f) => &f.path,
        }
    }

    /// Finishes the output: flushes standard output or commits the file.
    pub fn finish(self) -> Result<()> {
        commit_all(vec![self])
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.write_all(buf),
            Destination::File(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File(f) => f.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("catch22-file-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn file_appears_only_on_commit() {
        let dir = scratch("commit");
        let path = dir.join("out.csv");
        let p = path.to_str().unwrap();
        let mut f = AtomicFile::create(p).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!path.exists());
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a,b\n");

        let other = dir.join("dropped.csv");
        let mut f = AtomicFile::create(other.to_str().unwrap()).unwrap();
        f.write_all(b"partial").unwrap();
        drop(f);
        assert!(!other.exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unwritable_paths_fail_at_once() {
        assert!(AtomicFile::create("/nonexistent-dir/x.csv").is_err());
        assert!(AtomicFile::create("/").is_err());
        assert!(AtomicFile::create("").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through() {
        let dir = scratch("link");
        let real = dir.join("real.csv");
        let link = dir.join("link.csv");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        let mut f = AtomicFile::create(link.to_str().unwrap()).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn made_directories_go_unless_kept() {
        let dir = scratch("dirs");
        let deep = dir.join("a/b");
        let made = MadeDirs::create(deep.to_str().unwrap()).unwrap();
        assert!(deep.is_dir());
        drop(made);
        assert!(!dir.join("a").exists());
        let made = MadeDirs::create(deep.to_str().unwrap()).unwrap();
        made.keep();
        assert!(deep.is_dir());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outputs_commit_together_or_not_at_all() {
        let dir = scratch("group");
        let a = dir.join("a.csv");
        let b = dir.join("b.csv");
        let mut fa = AtomicFile::create(a.to_str().unwrap()).unwrap();
        let mut fb = AtomicFile::create(b.to_str().unwrap()).unwrap();
        fa.write_all(b"a").unwrap();
        fb.write_all(b"b").unwrap();
        drop(fb);
        drop(fa);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        let fa = AtomicFile::create(a.to_str().unwrap()).unwrap();
        let fb = AtomicFile::create(b.to_str().unwrap()).unwrap();
        commit_all(vec![Destination::File(fa), Destination::File(fb)]).unwrap();
        assert!(a.exists() && b.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
