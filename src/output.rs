//! Writing outputs atomically: a temporary file in the target's directory, then a rename, so that an
//! interrupted run never leaves a half-written report and the previous one stays intact.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
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
        .and_then(|_| tmp.as_file().sync_all())
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
}
