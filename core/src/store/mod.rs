//! The only module that speaks SQL. One connection, WAL, foreign keys, migrations keyed by
//! `user_version`, one IMMEDIATE transaction per write.
//!
//! A diary is not a cache: a file that is not ours, or that a newer QuietLegs wrote, is refused
//! and left byte-for-byte as it was. Nothing here deletes a database to start again.

mod exchange;
mod records;
mod rescue;
mod schema;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use uuid::Uuid;

use crate::error::{Error, Result};

pub use exchange::*;
pub use records::*;
pub use rescue::Rescued;
pub use schema::LATEST_VERSION;

/// `PRAGMA application_id` of a QuietLegs database: "QLEG".
pub const APPLICATION_ID: i32 = 0x514C_4547;

/// How long an open or a write waits for another program holding the diary before it gives up
/// with [`Error::Busy`].
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

/// An open QuietLegs database.
pub struct Store {
    conn: Connection,
    device_id: String,
    /// The file, exactly as given, and as shown in messages.
    path: PathBuf,
    shown: String,
    /// `PRAGMA quick_check` passed in this session: the file is checked once, before it is first
    /// written to (docs/PERFORMANCE.md has the measured cost and why not at every open).
    verified: bool,
    /// Snapshots read every weekly rating and logged dose, as before the bounded reads: only
    /// for the test that compares the two ([`Store::set_read_everything`]).
    read_everything: bool,
}

/// What a file's header says it is, read in one snapshot.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// An empty file (or a new one): ours to create.
    Fresh,
    /// A QuietLegs diary at this schema version.
    Ours(u32),
}

impl Store {
    /// Opens (creating if absent, 0600) the database at `path`, exactly as given, and brings its
    /// schema up to date.
    ///
    /// Errors, each naming the file: [`Error::NotOurDatabase`] (another file; untouched),
    /// [`Error::NewerSchema`], [`Error::Busy`] (held by another program for longer than
    /// [`BUSY_WAIT`]), [`Error::Damaged`] (damaged or truncated), [`Error::ReadOnly`] (the file
    /// or its folder cannot be written), [`Error::File`] (missing folder, a folder given, ...).
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        create_private(path, &shown)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify(e, path, &shown))?;
        Self::init(conn, path, &shown, true)
    }

    /// Opens an existing diary for reading only: for a diary in a read-only folder or on a
    /// read-only medium, and for rescuing what can still be read from a damaged one. Nothing is
    /// written, not even the schema's upgrade (a diary that needs one is refused with
    /// [`Error::ReadOnly`]).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(Error::NoSuchDiary { path: shown });
        }
        if !path.is_file() {
            return Err(Error::File {
                path: shown,
                reason: "not a diary file".to_owned(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = Connection::open_with_flags(path, flags)
            .map_err(|e| classify(e, path, &shown))
            .and_then(|c| Self::init(c, path, &shown, false));
        match plain {
            // A WAL diary needs its -shm file, which a read-only folder cannot hold. When the
            // diary was closed cleanly (no -wal file, or an empty one: everything is in the main
            // file) and no writer can exist (it would need the -wal), SQLite may read it as
            // immutable.
            Err(Error::ReadOnly { .. } | Error::File { .. })
                if std::fs::metadata(sidecar(path, "-wal")).map_or(true, |m| m.len() == 0) =>
            {
                let conn = Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(|e| classify(e, path, &shown))?;
                Self::init(conn, path, &shown, false)
            }
            other => other,
        }
    }

    /// An in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(
            Connection::open_in_memory()?,
            Path::new(":memory:"),
            ":memory:",
            true,
        )
    }

    fn init(mut conn: Connection, path: &Path, shown: &str, writable: bool) -> Result<Store> {
        conn.busy_timeout(BUSY_WAIT)?;
        // SQLite answers BUSY without waiting in a few states (a journal-mode change or WAL
        // recovery in another process), so the whole recognition is retried until the deadline.
        let device_id = retry_while_busy(BUSY_WAIT, || {
            Self::recognise_and_prepare(&mut conn, shown, writable)
        })
        .map_err(|e| match e {
            Error::Sql(e) => classify(e, path, shown),
            e => e,
        })?;
        Ok(Store {
            conn,
            device_id,
            path: path.to_owned(),
            shown: shown.to_owned(),
            verified: false,
            read_everything: false,
        })
    }

    /// Recognises the file and, when writable, creates or upgrades it: the decision and the
    /// creation happen inside one IMMEDIATE transaction, so a second process creating the same
    /// new diary at the same moment sees either nothing or a whole diary, never half of one.
    fn recognise_and_prepare(conn: &mut Connection, shown: &str, writable: bool) -> Result<String> {
        // Read-only probes first, in one snapshot: refuse before writing a single byte.
        let kind = {
            let tx = conn.transaction()?;
            let kind = recognise(&tx, shown)?;
            tx.commit()?;
            kind
        };
        if !writable {
            return match kind {
                Kind::Ours(v) if v == LATEST_VERSION => {
                    Ok(read_device_id(conn)?.unwrap_or_default())
                }
                Kind::Ours(_) => Err(Error::ReadOnly {
                    path: shown.to_owned(),
                    reason: "it needs a schema upgrade that a read-only diary cannot take"
                        .to_owned(),
                }),
                Kind::Fresh => Err(Error::File {
                    path: shown.to_owned(),
                    reason: "an empty file, not yet a diary".to_owned(),
                }),
            };
        }
        // journal_mode cannot change inside a transaction; the file is empty or ours here.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if kind == Kind::Ours(LATEST_VERSION) {
            // The common case, an up-to-date file, takes no write lock.
            if let Some(id) = read_device_id(conn)? {
                return Ok(id);
            }
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Again under the write lock: another process may have created or upgraded it meanwhile.
        let kind = recognise(&tx, shown)?;
        let from = match kind {
            Kind::Fresh => 0,
            Kind::Ours(v) => v,
        };
        schema::migrate_in(&tx, from)?;
        let id = match read_device_id(&tx)? {
            Some(id) => id,
            None => {
                let id = Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('device_id', ?1)",
                    [&id],
                )?;
                id
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// Test hook: when `on`, every snapshot reads every weekly IRLS rating and (for the status
    /// and the report) every logged dose, whatever its age, as the API did before it read only
    /// what its rules can use. The suite compares both answers on long diaries.
    #[doc(hidden)]
    pub fn set_read_everything(&mut self, on: bool) {
        self.read_everything = on;
    }

    /// Whether [`Store::set_read_everything`] is on.
    pub(crate) fn reads_everything(&self) -> bool {
        self.read_everything
    }

    /// Runs `read` in one read transaction (deferred, committed after it; nothing is written),
    /// or directly when a transaction is already open: its statements see one snapshot of the
    /// diary, and take and release SQLite's read lock once between them instead of once each
    /// (about 3 µs per statement, docs/PERFORMANCE.md, cold start). Errors: `read`'s own, or
    /// [`Error::Sql`] when the transaction cannot begin or end.
    pub fn read<T, E: From<Error>>(
        &self,
        read: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return read();
        }
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| E::from(e.into()))?;
        let out = read()?;
        tx.commit().map_err(|e| E::from(e.into()))?;
        Ok(out)
    }

    /// This installation's id, stamped on every record it writes.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Whether `target` is this diary's own file or its -wal/-shm/-journal (also through a
    /// link or another spelling of the path): an export there would destroy the diary.
    pub fn is_own_file(&self, target: &Path) -> bool {
        let Ok(target) = std::fs::canonicalize(target) else {
            return false;
        };
        let Ok(own) = std::fs::canonicalize(&self.path) else {
            return false;
        };
        ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|s| sidecar(&own, s) == target)
    }

    /// The file as shown in messages.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none. The first write of
    /// a session checks the file first (`PRAGMA quick_check`) and refuses a damaged diary with
    /// [`Error::Damaged`] before a byte is written; a diary held by another program for longer
    /// than [`BUSY_WAIT`] gives [`Error::Busy`].
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // Only the call of `f` is generic: opening, checking and committing are shared by every
        // caller (docs/PERFORMANCE.md, library size).
        let tx = begin_write(&mut self.conn, self.verified, &self.path, &self.shown)?;
        let out = f(&tx).map_err(|e| on_sql(e, &self.path, &self.shown))?;
        commit_write(tx, &self.path, &self.shown)?;
        self.verified = true;
        Ok(out)
    }

    /// Checks the whole file (`PRAGMA quick_check`): [`Error::Damaged`] naming the file when a
    /// page is damaged. For idle maintenance; [`Store::write`] runs it before a session's first
    /// write.
    pub fn check_integrity(&mut self) -> Result<()> {
        quick_check(&self.conn, &self.shown).map_err(|e| on_sql(e, &self.path, &self.shown))?;
        self.verified = true;
        Ok(())
    }

    /// Marks this diary as the demo's own, so that `demo` may later rebuild it. Nothing else
    /// ever deletes a diary, and `demo` deletes only a file carrying this mark.
    pub fn mark_as_demo(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo_diary', 'yes')",
                [],
            )?;
            Ok(())
        })
    }

    /// Whether this diary carries the demo's mark ([`Store::mark_as_demo`]).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'demo_diary'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .is_some_and(|v| v == "yes"))
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// `PRAGMA quick_check`: every page and b-tree, without the index cross-check of
/// `integrity_check` (measured in core/benches/core.rs, `quick_check`).
/// [`Store::write`]'s opening: an immediate transaction, and the session's first
/// `quick_check` when `verified` is false. SQLite errors are classified for the file.
fn begin_write<'c>(
    conn: &'c mut Connection,
    verified: bool,
    path: &Path,
    shown: &str,
) -> Result<Transaction<'c>> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| on_sql(e.into(), path, shown))?;
    if !verified {
        quick_check(&tx, shown).map_err(|e| on_sql(e, path, shown))?;
    }
    Ok(tx)
}

/// [`Store::write`]'s commit, its SQLite error classified for the file.
fn commit_write(tx: Transaction<'_>, path: &Path, shown: &str) -> Result<()> {
    tx.commit().map_err(|e| on_sql(e.into(), path, shown))
}

/// A SQLite error told apart for the file (busy, damaged, read-only, ...); other errors as
/// they are.
fn on_sql(e: Error, path: &Path, shown: &str) -> Error {
    match e {
        Error::Sql(e) => classify(e, path, shown),
        e => e,
    }
}

fn quick_check(c: &Connection, shown: &str) -> Result<()> {
    let first: String = c.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if first == "ok" {
        return Ok(());
    }
    Err(Error::Damaged {
        path: shown.to_owned(),
        reason: first.lines().next().unwrap_or("damaged pages").to_owned(),
    })
}

fn recognise(c: &Connection, shown: &str) -> Result<Kind> {
    let app_id: i32 = c.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: u32 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || objects != 0) {
        return Err(Error::NotOurDatabase {
            path: shown.to_owned(),
            reason: format!(
                "application id {app_id:#x}, schema version {version}, {objects} objects"
            ),
        });
    }
    if version > LATEST_VERSION {
        return Err(Error::NewerSchema {
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(if app_id == 0 {
        Kind::Fresh
    } else {
        Kind::Ours(version)
    })
}

/// Runs `attempt` again, 15 ms apart, while it fails because another program holds the diary
/// (SQLite's busy or locked), for at most `wait` in all; any other error, and busy past the
/// deadline, is returned as it came.
fn retry_while_busy<T>(wait: Duration, mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
    let deadline = Instant::now() + wait;
    loop {
        match attempt() {
            Err(Error::Sql(e)) if is_busy(&e) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(15));
            }
            other => return other,
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// SQLite's error at open or write, as its real reason naming the file.
fn classify(e: rusqlite::Error, path: &Path, shown: &str) -> Error {
    let path_s = shown.to_owned();
    let Some(code) = e.sqlite_error_code() else {
        return Error::Sql(e);
    };
    match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::Busy { path: path_s },
        ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
            if is_sqlite_file(path) {
                Error::Damaged {
                    path: path_s,
                    reason: "damaged or truncated pages".to_owned(),
                }
            } else {
                Error::NotOurDatabase {
                    path: path_s,
                    reason: "not a database file".to_owned(),
                }
            }
        }
        ErrorCode::ReadOnly | ErrorCode::PermissionDenied => Error::ReadOnly {
            path: path_s,
            reason: folder_reason(path),
        },
        ErrorCode::CannotOpen => {
            if path.is_dir() {
                Error::File {
                    path: path_s,
                    reason: "is a folder, not a diary file".to_owned(),
                }
            } else if !writable_folder(path) {
                Error::ReadOnly {
                    path: path_s,
                    reason: folder_reason(path),
                }
            } else {
                Error::File {
                    path: path_s,
                    reason: "cannot be opened".to_owned(),
                }
            }
        }
        ErrorCode::DiskFull => Error::File {
            path: path_s,
            reason: "the disk is full; nothing was changed".to_owned(),
        },
        ErrorCode::SystemIoFailure => Error::File {
            path: path_s,
            reason: format!("input/output error ({e})"),
        },
        _ => Error::Sql(e),
    }
}

/// The SQLite magic: a file that starts with it and fails to read is damaged, not foreign.
fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|()| &head == b"SQLite format 3\0")
        .unwrap_or(false)
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether a file can be created in the folder (the -wal and -shm files need it).
fn writable_folder(path: &Path) -> bool {
    let probe = folder_of(path).join(format!(".quietlegs-probe-{}", Uuid::new_v4().simple()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

fn folder_reason(path: &Path) -> String {
    if !writable_folder(path) {
        format!(
            "its folder {} is not writable; reading it works with a read-only open",
            folder_of(path).display()
        )
    } else {
        "the file is read-only".to_owned()
    }
}

/// Creates a new diary file readable by its owner alone (0600 whatever the umask); SQLite gives
/// the -wal and -shm files the diary's own mode. An existing file is left as it is.
fn create_private(path: &Path, shown: &str) -> Result<()> {
    // A link (dangling or not) is followed to the file SQLite will actually open, so the 0600
    // rule applies to the file created, not to the link's name.
    let target = follow_links(path);
    let path = target.as_path();
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(f) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                f.set_permissions(std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| Error::file(path, &e))?;
            }
            drop(f);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::File {
            path: shown.to_owned(),
            reason: format!("the folder {} does not exist", folder_of(path).display()),
        }),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(Error::ReadOnly {
                path: shown.to_owned(),
                reason: format!("its folder {} is not writable", folder_of(path).display()),
            })
        }
        Err(e) => Err(Error::file(path, &e)),
    }
}

/// Where a chain of symbolic links ends (at most 40 steps, as the kernel allows), each relative
/// target taken from its link's folder; `path` itself when it is no link.
fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(t) if t.is_absolute() => p = t,
                Ok(t) => p = folder_of(&p).join(t),
                Err(_) => break,
            },
            _ => break,
        }
    }
    p
}

/// `diary.db-wal` beside `diary.db`, byte for byte.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `file:…?immutable=1` for `path` (RFC 3986 percent-encoding of every byte but the unreserved
/// ones and `/`, as SQLite's URI filenames expect).
fn immutable_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().as_bytes().to_vec();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn read_device_id(c: &Connection) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?,
    )
}

#[cfg(test)]
mod tests;
