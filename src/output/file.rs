//! Output destinations: standard output, or a file written whole or not at all.
//!
//! A file is written to a temporary sibling created before the long work
//! starts (so a bad path fails at once) and renamed over the target only when
//! everything was written. On any error, or a panic, the temporary is removed.
//! A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`,
//! a named pipe) is written in place: renaming over it would replace it.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file that appears at its path only once committed.
#[derive(Debug)]
pub struct AtomicFile {
    path: String,
    /// The temporary sibling; `None` when writing in place to a device or pipe.
    tmp: Option<PathBuf>,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `path`; fails now if `path` cannot be written.
    pub fn create(path: &str) -> Result<AtomicFile> {
        let target = Path::new(path);
        if path.is_empty() {
            return Err(Error::Output {
                path: path.to_string(),
                message: "empty path".to_string(),
            });
        }
        if target.is_dir() {
            return Err(Error::Output {
                path: path.to_string(),
                message: "is a directory".to_string(),
            });
        }
        if fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| Error::write(path, &e))?;
            return Ok(AtomicFile {
                path: path.to_string(),
                tmp: None,
                file: Some(BufWriter::new(file)),
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".to_string());
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty());
        let tmp_name = format!(".{name}.catch22-{}.tmp", std::process::id());
        let tmp = dir.map_or_else(|| PathBuf::from(&tmp_name), |d| d.join(&tmp_name));
        let file = File::create(&tmp).map_err(|e| Error::write(path, &e))?;
        Ok(AtomicFile {
            path: path.to_string(),
            tmp: Some(tmp),
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let mut file = self.file.take().expect("not yet committed");
        // On an error below, `drop(self)` removes the temporary.
        file.flush().map_err(|e| Error::write(&self.path, &e))?;
        let file = file
            .into_inner()
            .map_err(|e| Error::write(&self.path, e.error()))?;
        if self.tmp.is_some() {
            file.sync_all().map_err(|e| Error::write(&self.path, &e))?;
        }
        drop(file);
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        fs::rename(&tmp, &self.path).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            Error::write(&self.path, &e)
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
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
            None | Some("-") => Ok(Destination::Stdout(BufWriter::new(io::stdout()))),
            Some(p) => AtomicFile::create(p).map(Destination::File),
        }
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
        match self {
            Destination::Stdout(mut w) => w.flush().map_err(|e| Error::write("-", &e)),
            Destination::File(f) => f.commit(),
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File(f) => f.write(buf),
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

    #[test]
    fn file_appears_only_on_commit() {
        let dir = std::env::temp_dir().join(format!("catch22-file-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
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
}
