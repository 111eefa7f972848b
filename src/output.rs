//! Writing outputs atomically: a temporary file in the target's directory, then a rename, so that an
//! interrupted run never leaves a half-written report and the previous one stays intact.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `bytes` to `path` atomically, flushed to disk before the rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_renamed(path, bytes, true)
}

/// [`write_atomic`] without flushing the file to disk on its own (Linux): for the thousands of
/// per-story files of an audit, where a flush per file cost most of the run's time (32,000 files:
/// 53 s of a 60 s run). The rename still keeps readers from a half-written file; the caller makes
/// the files durable together with [`sync_filesystem`] before it writes the summary that lists them.
/// Elsewhere it is [`write_atomic`].
pub fn write_atomic_batched(path: &Path, bytes: &[u8]) -> Result<()> {
    write_renamed(path, bytes, !cfg!(target_os = "linux"))
}

/// Flush everything written to the file system holding `dir` to disk (Linux `syncfs`: one call for
/// the files of [`write_atomic_batched`]); elsewhere those files were flushed one by one.
pub fn sync_filesystem(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        extern "C" {
            fn syncfs(fd: std::ffi::c_int) -> std::ffi::c_int;
        }
        let err = |source| Error::Write {
            path: dir.to_path_buf(),
            source,
        };
        let handle = std::fs::File::open(dir).map_err(err)?;
        // SAFETY: syncfs takes an open file descriptor, which `handle` owns for the whole call.
        if unsafe { syncfs(handle.as_raw_fd()) } != 0 {
            return Err(err(std::io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

fn write_renamed(path: &Path, bytes: &[u8], flush: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".corroborate-").suffix(".tmp");
    // A temporary file is private (0600); the report should get the permissions of the file it
    // replaces, or the ordinary ones (0666 less the umask) when it is new.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })?;
    tmp.write_all(bytes)
        .and_then(|_| {
            if flush {
                tmp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|e| Error::Write {
            path: path.to_path_buf(),
            source: e,
        })?;
    tmp.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_file_whole_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            let plain = dir.path().join("plain");
            std::fs::File::create(&plain).unwrap();
            let expected = std::fs::metadata(&plain).unwrap().permissions().mode();
            std::fs::remove_file(&plain).unwrap();
            assert_eq!(mode, expected, "a new report gets ordinary permissions");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&p, b"third").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o640,
                "a replaced report keeps its permissions"
            );
        }
        let e = write_atomic(&dir.path().join("missing/r.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("missing/r.json"), "{e}");
    }

    #[test]
    fn batched_writes_are_whole_and_a_file_system_sync_names_a_bad_directory() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story.json");
        write_atomic_batched(&p, b"first").unwrap();
        write_atomic_batched(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        sync_filesystem(dir.path()).unwrap();
        let e = write_atomic_batched(&dir.path().join("missing/s.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("missing/s.json"), "{e}");
        if cfg!(target_os = "linux") {
            let e = sync_filesystem(&dir.path().join("gone")).unwrap_err();
            assert!(e.to_string().contains("gone"), "{e}");
        }
    }
}
