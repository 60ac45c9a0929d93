//! The only module that speaks SQL. One connection, WAL, foreign keys, migrations keyed by
//! `user_version`, one IMMEDIATE transaction per write.
//!
//! A diary is not a cache: a file that is not ours, or that a newer QuietLegs wrote, is refused
//! and left byte-for-byte as it was. Nothing here deletes a database to start again.

mod exchange;
mod records;
mod schema;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

use crate::error::{Error, Result};

pub use exchange::*;
pub use records::*;
pub use schema::LATEST_VERSION;

/// `PRAGMA application_id` of a QuietLegs database: "QLEG".
pub const APPLICATION_ID: i32 = 0x514C_4547;

/// An open QuietLegs database.
pub struct Store {
    conn: Connection,
    device_id: String,
}

impl Store {
    /// Opens (creating if absent) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::init(conn, &shown)
    }

    /// An in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:")
    }

    fn init(mut conn: Connection, shown: &str) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Read-only probes first: refuse before writing a single byte.
        let not_ours = |reason: String| Error::NotOurDatabase {
            path: shown.to_owned(),
            reason,
        };
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| not_ours(e.to_string()))?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || objects != 0) {
            return Err(not_ours(format!(
                "application id {app_id:#x}, schema version {version}, {objects} objects"
            )));
        }
        if version > LATEST_VERSION {
            return Err(Error::NewerSchema {
                found: version,
                supported: LATEST_VERSION,
            });
        }
        // journal_mode cannot change inside a transaction; set it before migrating.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        let device_id = ensure_device_id(&mut conn)?;
        Ok(Store { conn, device_id })
    }

    /// This installation's id, stamped on every record it writes.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn ensure_device_id(conn: &mut Connection) -> Result<String> {
    let read = |c: &Connection| {
        c.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()
    };
    // Every open but the first only reads it.
    if let Some(id) = read(conn)? {
        return Ok(id);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let id = match existing {
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

#[cfg(test)]
mod tests;
