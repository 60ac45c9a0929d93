//! Files are written whole or not at all: a temporary file in the same folder, fsync, rename,
//! then fsync of the folder, so a crash leaves either the old file or the new one.
//!
//! Every file here holds health data: it is created readable by its owner alone (0600, folders
//! 0700) whatever the umask, and every error names the file. Paths are used exactly as given
//! (a name that is not UTF-8 is kept byte for byte).

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Mode of every file the app writes: owner read/write only.
pub const PRIVATE_FILE_MODE: u32 = 0o600;
/// Mode of every folder the app creates: owner only.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn temp_path(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        Error::invalid(
            "output file",
            format!("{} is not a file path", path.display()),
        )
    })?;
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
    Ok(parent_of(path).join(tmp))
}

/// Sets `mode` exactly (chmod is not masked by the umask).
fn set_mode(f: &File, path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::file(path, &e))?;
    }
    #[cfg(not(unix))]
    let _ = (f, path, mode);
    Ok(())
}

/// Creates `dir` and any missing parents, each new one 0700 whatever the umask. A folder that
/// already exists keeps its mode.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, PRIVATE_DIR_MODE);
    b.create(dir).map_err(|e| Error::file(dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(PRIVATE_DIR_MODE))
            .map_err(|e| Error::file(dir, &e))?;
    }
    Ok(())
}

/// Writes `path` atomically with what `fill` writes; the file is 0600 (also when it replaces
/// an existing one).
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    // One copy of the body for every kind of file written (docs/PERFORMANCE.md, library size).
    write_file(path, Box::new(fill))
}

type Fill<'a> = Box<dyn FnOnce(&mut dyn Write) -> Result<()> + 'a>;

fn write_file(path: &Path, fill: Fill<'_>) -> Result<()> {
    // A link is written through (the link stays); a device, a pipe or a folder is never
    // replaced by the rename (an export "to /dev/null" must not remove /dev/null).
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(|e| Error::file(path, &e))?;
            resolved.as_path()
        }
        _ => path,
    };
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() {
            return Err(Error::File {
                path: path.display().to_string(),
                reason: "is not a regular file; nothing was written".to_owned(),
            });
        }
        // SPEC §6: an export never replaces a diary (or any database, or a WAL file).
        if is_database(path) {
            return Err(Error::WouldOverwriteDatabase {
                path: path.display().to_string(),
            });
        }
    }
    let tmp = temp_path(path)?;
    let named = |e: std::io::Error| Error::file(path, &e);
    let result = (|| {
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, PRIVATE_FILE_MODE);
        let file = o.open(&tmp).map_err(named)?;
        set_mode(&file, path, PRIVATE_FILE_MODE)?;
        let mut w = BufWriter::new(file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| named(e.into_error()))?;
        file.sync_all().map_err(named)?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(named)?;
        // Persist the rename. Opening a folder fails on some platforms; the rename stands.
        if let Ok(d) = File::open(parent_of(path)) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether `path` starts like an SQLite database or its write-ahead log (their headers: "SQLite
/// format 3\0"; WAL magic 0x377f0682 / 0x377f0683, sqlite.org/fileformat2.html).
pub fn is_database(path: &Path) -> bool {
    let mut head = Vec::with_capacity(16);
    if File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .is_err()
    {
        return false;
    }
    head.starts_with(b"SQLite format 3\0")
        || head.starts_with(&[0x37, 0x7f, 0x06, 0x82])
        || head.starts_with(&[0x37, 0x7f, 0x06, 0x83])
}

/// Reads `path` whole when its size, taken from the open file's metadata before a byte is read,
/// is at most `max`; else [`Error::FileTooLarge`]. Reading stops at `max` even if the file
/// grows meanwhile.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>> {
    let named = |e: std::io::Error| Error::file(path, &e);
    let f = File::open(path).map_err(named)?;
    let meta = f.metadata().map_err(named)?;
    if meta.is_dir() {
        return Err(Error::File {
            path: path.display().to_string(),
            reason: "is a folder, not a file".to_owned(),
        });
    }
    let size = meta.len();
    let too_large = |size| Error::FileTooLarge {
        path: path.display().to_string(),
        size,
        max,
    };
    if size > max {
        return Err(too_large(size));
    }
    let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    f.take(max + 1).read_to_end(&mut out).map_err(named)?;
    if out.len() as u64 > max {
        return Err(too_large(out.len() as u64));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.json");
        std::fs::write(&p, "old").unwrap();
        let r = write_atomically(&p, |w| {
            w.write_all(b"half of the new")?;
            Err(Error::invalid("test", "fails mid-way"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&p, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_0600_and_folders_0700_also_over_an_existing_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let sub = dir.path().join("a/b");
        create_private_dir(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        let p = sub.join("x.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&p, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(mode(&p), 0o600);
        write_atomically(&p, |w| Ok(w.write_all(b"again")?)).unwrap();
        assert_eq!(mode(&p), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_written_exactly() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir
            .path()
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.json"));
        write_atomically(&p, |w| Ok(w.write_all(b"x")?)).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![p.file_name().unwrap().to_owned()]);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size_and_errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.json");
        let f = File::create(&p).unwrap();
        f.set_len(1000).unwrap();
        match read_limited(&p, 999) {
            Err(Error::FileTooLarge { size, max, path }) => {
                assert_eq!((size, max), (1000, 999));
                assert!(path.ends_with("big.json"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(read_limited(&p, 1000).unwrap().len(), 1000);
        let missing = dir.path().join("missing.json");
        let e = read_limited(&missing, 10).unwrap_err().to_string();
        assert!(e.contains("missing.json"), "{e}");
    }
}
