//! Migrations: a numbered list of SQL scripts, applied in one IMMEDIATE transaction.

use rusqlite::Transaction;
#[cfg(test)]
use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;
use crate::store::APPLICATION_ID;

/// Migration `n` (1-based) brings the schema from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_reminder_state.sql"),
    include_str!("migrations/0003_natural_keys.sql"),
    include_str!("migrations/0004_long_lived_events.sql"),
    include_str!("migrations/0005_regimen_start_source.sql"),
    include_str!("migrations/0006_kind_index_long_lived.sql"),
    include_str!("migrations/0007_night_field_stamps.sql"),
];

#[cfg(test)]
pub(super) const MIGRATIONS_FOR_TESTS: &[&str] = MIGRATIONS;

/// The schema version this code writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

#[cfg(test)]
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    // The common case, an up-to-date file, takes no write lock.
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current >= LATEST_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the transaction: another process may have migrated meanwhile.
    let from: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if from >= LATEST_VERSION {
        return Ok(());
    }
    migrate_in(&tx, from)?;
    tx.commit()?;
    Ok(())
}

/// Applies the migrations after `from` inside the caller's IMMEDIATE transaction (the open path
/// recognises and creates a diary in one transaction).
pub(super) fn migrate_in(tx: &Transaction<'_>, from: u32) -> Result<()> {
    if from >= LATEST_VERSION {
        return Ok(());
    }
    for sql in MIGRATIONS.iter().skip(from as usize) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    Ok(())
}
