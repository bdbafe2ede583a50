//! Writing a file so that a crash or a full disk never leaves half of it,
//! with the permissions people expect of it.
//!
//! The bytes go to a temporary file in the same folder, are flushed to disk,
//! and only then take the place of the target. A temporary file is made
//! readable by its owner alone; left so, every annotation file would be
//! unreadable to the colleagues a newsroom shares its folders with. So a
//! new file gets what any new file of the user's gets (the umask decides:
//! 0644 under the usual 022), and a file replaced keeps its own mode.

use std::io::Write;
use std::path::Path;

use super::FileError;

/// Who may read a file quotecheck writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sharing {
    /// Like any new file of the user's; a replaced file keeps its mode.
    AsUsual,
    /// The user alone: copies of unsaved work in the user's data folder.
    OwnerOnly,
}

/// Writes `bytes` to `path` atomically, readable as the user's other files.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write(path, bytes, Sharing::AsUsual)
}

/// Writes `bytes` to `path` atomically, readable by the user alone.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write(path, bytes, Sharing::OwnerOnly)
}

fn write(named: &Path, bytes: &[u8], sharing: Sharing) -> Result<(), FileError> {
    let err = |e| FileError::io(named, without_temporary_path(e));
    // A symbolic link (an annotation file linked into a review folder) is
    // written through: the file it points to gets the new bytes, and the
    // link stays. Replaced, the link would become a copy and its target
    // go stale without a word.
    let resolved;
    let path = if named.is_symlink() {
        resolved = std::fs::canonicalize(named).map_err(|e| {
            let to = std::fs::read_link(named).unwrap_or_default();
            FileError::io(
                named,
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "a symbolic link to {}, which does not exist ({e}); \
                         nothing is written through it",
                        to.display()
                    ),
                ),
            )
        })?;
        &resolved
    } else {
        named
    };
    // A device or a pipe would be replaced by a plain file (as root,
    // `/dev/full` itself), not written to.
    if path.exists() && !path.is_file() {
        return Err(FileError::io(
            named,
            std::io::Error::other(
                "is no plain file (a folder, a device or a pipe); nothing is written there",
            ),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".quotecheck-").suffix(".tmp");
    #[cfg(unix)]
    if sharing == Sharing::AsUsual {
        use std::os::unix::fs::PermissionsExt;
        // The mode asked for when a file is created is narrowed by the umask,
        // exactly as for any other new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    if sharing == Sharing::AsUsual
        && let Ok(existing) = std::fs::metadata(path)
    {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(err)?;
    }
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// The error without the name of the temporary file tempfile adds to it
/// ("… at path \"/dir/.quotecheck-Xy.tmp\""): the person chose `path`, and
/// a name they never saw only confuses.
/// The system's own error is kept where there is one, so that its number
/// (errno) still says what went wrong to whoever reads it (Python's
/// `OSError.errno`).
fn without_temporary_path(e: std::io::Error) -> std::io::Error {
    let message = e.to_string();
    let Some((reason, _)) = message.rsplit_once(" at path ") else {
        return e;
    };
    // tempfile wraps the system's error in one of its own, which gives
    // no way back to it but its message: "… (os error 2)".
    let system = (reason.rsplit_once("(os error "))
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .and_then(|n| n.parse().ok());
    match system {
        Some(errno) => std::io::Error::from_raw_os_error(errno),
        None => std::io::Error::new(e.kind(), reason.to_owned()),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// The mode the umask leaves of 0666, read without changing the umask
    /// (other tests run at the same time).
    fn umask_mode() -> u32 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
            .unwrap();
        0o666 & !umask
    }

    #[test]
    fn a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.json");
        write_atomically(&new, b"{}").unwrap();
        assert_eq!(mode(&new), umask_mode());

        let shared = dir.path().join("shared.json");
        std::fs::write(&shared, b"old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomically(&shared, b"new").unwrap();
        assert_eq!(mode(&shared), 0o664);
        assert_eq!(std::fs::read(&shared).unwrap(), b"new");
    }

    #[test]
    fn private_files_are_the_owners_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.json");
        write_private(&path, b"{}").unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_failed_write_names_the_chosen_file_not_the_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no such folder").join("a.json");
        let message = write_atomically(&missing, b"{}").unwrap_err().to_string();
        assert!(
            message.starts_with(&missing.display().to_string()),
            "{message}"
        );
        assert!(!message.contains(".quotecheck-"), "{message}");
    }
}
