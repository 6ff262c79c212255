//! Writing results to files: always through a temporary file in the same
//! directory and a rename, so nobody ever sees a half-written file.

use std::path::{Path, PathBuf};

/// A file being written: a temporary file beside the target, renamed over
/// it by [`AtomicFile::commit`] only when everything is written. Dropped
/// without a commit, the temporary file is removed and the target is
/// untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl AtomicFile {
    pub fn new(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: tempfile::NamedTempFile::new_in(dir)?,
        })
    }

    /// The temporary file, to write the result into.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Puts the written file in place of the target, keeping the
    /// permissions of a file that is replaced.
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.as_file().sync_all()?;
        if let Ok(meta) = std::fs::metadata(&self.path) {
            let _ = std::fs::set_permissions(self.tmp.path(), meta.permissions());
        }
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so the file is never seen half-written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = AtomicFile::new(path)?;
    file.file().write_all(bytes)?;
    file.commit()
}
