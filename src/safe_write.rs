//! Writing files so that a failure never leaves a half-written or clobbered
//! file: write to a temporary file in the same directory, flush, sync, rename.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to do when the target file already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse with [`io::ErrorKind::AlreadyExists`].
    Refuse,
    /// Replace it (the user confirmed, or passed `--force`).
    Allow,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory is written, flushed and synced, then renamed over `path`.
/// On any error the temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> io::Result<()> {
    write_atomic_with(path, overwrite, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], readable and writable by its owner only (0600
/// on Unix, from its first byte): a class's session files and host key.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: Overwrite) -> io::Result<()> {
    write_atomic_mode(path, overwrite, Some(0o600), |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content produced by a writer callback.
pub fn write_atomic_with(
    path: &Path,
    overwrite: Overwrite,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_mode(path, overwrite, None, fill)
}

fn write_atomic_mode(
    path: &Path,
    overwrite: Overwrite,
    mode: Option<u32>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if overwrite == Overwrite::Refuse && path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            crate::i18n::trf("{} already exists (not overwritten)", &[&path.display()]),
        ));
    }
    // A device or a pipe (`--out /dev/null`, a FIFO) is written in place:
    // a rename would replace the device with a regular file.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        let file = OpenOptions::new().write(true).open(path)?;
        let mut w = io::BufWriter::new(file);
        fill(&mut w)?;
        return w.flush();
    }
    let tmp = temp_path(path);
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let file = options.open(&tmp)?;
        let mut w = io::BufWriter::new(file);
        fill(&mut w)?;
        let file: File = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        if overwrite == Overwrite::Refuse && path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                crate::i18n::trf("{} already exists (not overwritten)", &[&path.display()]),
            ));
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A temporary file name beside `path`, in the same directory.
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        write_atomic(null, b"gone", Overwrite::Allow).unwrap();
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_its_owners_alone_from_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("fw-private-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("team.toml");
        write_private(&path, b"secret", Overwrite::Allow).unwrap();
        write_private(&path, b"again", Overwrite::Allow).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read(&path).unwrap(), b"again");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_and_keeps_the_old_content() {
        let dir = std::env::temp_dir().join(format!("fw-safe-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        write_atomic(&path, b"one", Overwrite::Refuse).unwrap();
        let err = write_atomic(&path, b"two", Overwrite::Refuse).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", Overwrite::Allow).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        // A failing writer leaves the old file and no temporary behind.
        let failed = write_atomic_with(&path, Overwrite::Allow, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
