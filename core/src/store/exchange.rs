//! Whole-record access for export and merge: every record of every table, tombstones included.

use rusqlite::{Connection, OptionalExtension, Row};

use super::records::*;
use crate::error::Result;
use crate::model::{Record, RecordMeta};

fn profile_row(r: &Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record::Profile {
        profile: from_json(&r.get::<_, String>(0)?)?,
        meta: meta_at(r, 1)?,
    })
}

type RowFn = fn(&Row<'_>) -> rusqlite::Result<Record>;

/// Each table with its columns and how a row becomes a `Record`.
fn tables() -> [(Table, &'static str, RowFn); 6] {
    [
        (Table::Profile, "doc", profile_row),
        (Table::Nights, NIGHT_COLS, |r| {
            night_row(r).map(Record::Night)
        }),
        (Table::Events, EVENT_COLS, |r| {
            event_row(r).map(Record::Event)
        }),
        (Table::Labs, LAB_COLS, |r| lab_row(r).map(Record::Lab)),
        (Table::Regimen, REGIMEN_COLS, |r| {
            regimen_row(r).map(Record::Regimen)
        }),
        (Table::Habits, HABIT_COLS, |r| {
            habit_row(r).map(Record::Habit)
        }),
    ]
}

/// Calls `f` with every record, tombstones included, table by table in storage order (a plain
/// table scan: ordering by id would seek the index for every row), without
/// holding them all in memory.
pub fn for_each_record(c: &Connection, mut f: impl FnMut(Record) -> Result<()>) -> Result<()> {
    for (table, cols, row) in tables() {
        let mut st = c.prepare_cached(&format!(
            "SELECT {cols}, {META_COLS} FROM {} ORDER BY rowid",
            table.name()
        ))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(row(r)?)?;
        }
    }
    Ok(())
}

/// The stored version of a record: its table and sync fields, without decoding the record.
pub struct StoredVersion {
    pub table: Table,
    pub modified_at: String,
    pub device_id: String,
    pub deleted: bool,
}

/// One indexed probe over every table for this id.
pub fn version_of(c: &Connection, id: &str) -> Result<Option<StoredVersion>> {
    let mut probe = c.prepare_cached(
        "SELECT 0, modified_at, device_id, deleted FROM profile WHERE id = ?1
         UNION ALL SELECT 1, modified_at, device_id, deleted FROM nights WHERE id = ?1
         UNION ALL SELECT 2, modified_at, device_id, deleted FROM events WHERE id = ?1
         UNION ALL SELECT 3, modified_at, device_id, deleted FROM labs WHERE id = ?1
         UNION ALL SELECT 4, modified_at, device_id, deleted FROM regimen WHERE id = ?1
         UNION ALL SELECT 5, modified_at, device_id, deleted FROM habits WHERE id = ?1 LIMIT 1",
    )?;
    let row = probe
        .query_row([id], |r| {
            Ok((r.get::<_, u32>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    Ok(row.and_then(|(which, modified_at, device_id, deleted)| {
        Table::ALL.get(which as usize).map(|&table| StoredVersion {
            table,
            modified_at,
            device_id,
            deleted,
        })
    }))
}

/// The table a record belongs in.
pub fn table_of_record(r: &Record) -> Table {
    match r {
        Record::Profile { .. } => Table::Profile,
        Record::Night(_) => Table::Nights,
        Record::Event(_) => Table::Events,
        Record::Lab(_) => Table::Labs,
        Record::Regimen(_) => Table::Regimen,
        Record::Habit(_) => Table::Habits,
    }
}

/// The stored record with this id, live or tombstoned. One indexed probe finds the table.
pub fn record_by_id(c: &Connection, id: &str) -> Result<Option<Record>> {
    let mut probe = c.prepare_cached(
        "SELECT 0 FROM profile WHERE id = ?1 UNION ALL SELECT 1 FROM nights WHERE id = ?1
         UNION ALL SELECT 2 FROM events WHERE id = ?1 UNION ALL SELECT 3 FROM labs WHERE id = ?1
         UNION ALL SELECT 4 FROM regimen WHERE id = ?1 UNION ALL SELECT 5 FROM habits WHERE id = ?1
         LIMIT 1",
    )?;
    let Some(which) = probe.query_row([id], |r| r.get::<_, u32>(0)).optional()? else {
        return Ok(None);
    };
    let Some((table, cols, row)) = tables().into_iter().nth(which as usize) else {
        return Ok(None);
    };
    let mut st = c.prepare_cached(&format!(
        "SELECT {cols}, {META_COLS} FROM {} WHERE id = ?1",
        table.name()
    ))?;
    Ok(st.query_row([id], row).optional()?)
}

/// Writes a record as it is (an upsert by id).
pub fn put_record(c: &Connection, r: &Record) -> Result<()> {
    match r {
        Record::Profile { meta, profile } => put_profile(c, meta, profile),
        Record::Night(x) => put_night(c, x),
        Record::Event(x) => put_event(c, x),
        Record::Lab(x) => put_lab(c, x),
        Record::Regimen(x) => put_regimen(c, x),
        Record::Habit(x) => put_habit(c, x),
    }
}

/// The sync metadata only, for the merge's newer-wins comparison.
pub fn meta_by_id(c: &Connection, id: &str) -> Result<Option<RecordMeta>> {
    Ok(record_by_id(c, id)?.map(|r| r.meta().clone()))
}

/// Number of records, tombstones included.
pub fn record_count(c: &Connection) -> Result<u64> {
    let mut n = 0u64;
    for (table, _, _) in tables() {
        let k: i64 = c.query_row(&format!("SELECT count(*) FROM {}", table.name()), [], |r| {
            r.get(0)
        })?;
        n += u64::try_from(k).unwrap_or(0);
    }
    Ok(n)
}
