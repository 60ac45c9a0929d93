//! Whole-record access for export and merge: every record of every table, tombstones included.

use rusqlite::{Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::records::*;
use crate::error::Result;
use crate::model::Record;

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

/// A table's columns and decoder.
fn table_def(table: Table) -> Option<(&'static str, RowFn)> {
    tables()
        .into_iter()
        .find(|(t, _, _)| *t == table)
        .map(|(_, cols, decode)| (cols, decode))
}

/// Calls `f` with every record, tombstones included, table by table in storage order (a plain
/// table scan: ordering by id would seek the index for every row), without
/// holding them all in memory.
pub fn for_each_record(c: &Connection, mut f: impl FnMut(Record) -> Result<()>) -> Result<()> {
    for table in Table::ALL {
        for_each_record_in(c, table, &mut f)?;
    }
    Ok(())
}

/// [`for_each_record`] for one table.
pub fn for_each_record_in(
    c: &Connection,
    table: Table,
    mut f: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    let Some((cols, row)) = table_def(table) else {
        return Ok(());
    };
    scan(c, table, cols, |r| f(row(r)?))
}

/// Calls `f` with every row of `table` (`cols`, then the sync columns) in storage order: a
/// plain table scan, where ordering by id would seek the index for every row.
fn scan(
    c: &Connection,
    table: Table,
    cols: &str,
    mut f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {cols}, {META_COLS} FROM {} ORDER BY rowid",
        table.name()
    ))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        f(r)?;
    }
    Ok(())
}

/// A record's sync columns as stored, borrowed from the row. Columns of a fixed ASCII form
/// (instants) and JSON columns come as bytes: their reader checks the form, which a UTF-8 check
/// of every one would only repeat.
pub struct RawMeta<'a> {
    pub id: &'a str,
    pub created_at: &'a [u8],
    pub modified_at: &'a [u8],
    pub deleted: bool,
    pub device_id: &'a str,
}

/// An event row as stored: `kind` and `warnings` are the JSON the store wrote.
pub struct RawEvent<'a> {
    pub at: &'a [u8],
    pub kind: &'a [u8],
    pub note: Option<&'a str>,
    pub warnings: &'a [u8],
    pub meta: RawMeta<'a>,
}

/// A night row as stored: `irls`, `body_areas`, `triggers` and `relief` are the JSON the store
/// wrote; `onset` is `HH:MM`.
pub struct RawNight<'a> {
    pub night_date: &'a str,
    pub quick_severity: Option<i64>,
    pub irls: Option<&'a [u8]>,
    pub onset: Option<&'a str>,
    pub body_areas: &'a [u8],
    pub sleep_hours: Option<f64>,
    pub awakenings: Option<i64>,
    pub triggers: &'a [u8],
    pub relief: &'a [u8],
    pub notes: Option<&'a str>,
    /// The field stamps' JSON as the store wrote it; `None` for a night written before them.
    pub changed: Option<&'a [u8]>,
    pub meta: RawMeta<'a>,
}

fn text_at<'a>(r: &'a Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}

fn opt_text_at<'a>(r: &'a Row<'_>, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)
}

/// A text column's bytes, unchecked: for columns whose reader checks their form.
fn bytes_at<'a>(r: &'a Row<'_>, i: usize) -> rusqlite::Result<&'a [u8]> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(t) => Ok(t),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            String::new(),
            other.data_type(),
        )),
    }
}

fn opt_bytes_at<'a>(r: &'a Row<'_>, i: usize) -> rusqlite::Result<Option<&'a [u8]>> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => bytes_at(r, i).map(Some),
    }
}

fn raw_meta<'a>(r: &'a Row<'_>, at: usize) -> rusqlite::Result<RawMeta<'a>> {
    Ok(RawMeta {
        id: text_at(r, at)?,
        created_at: bytes_at(r, at + 1)?,
        modified_at: bytes_at(r, at + 2)?,
        deleted: r.get(at + 3)?,
        device_id: text_at(r, at + 4)?,
    })
}

/// Every event row as stored, in storage order, without decoding: the export streams these.
pub fn for_each_raw_event(
    c: &Connection,
    mut f: impl FnMut(&RawEvent<'_>) -> Result<()>,
) -> Result<()> {
    scan(c, Table::Events, EVENT_COLS, |r| {
        f(&RawEvent {
            at: bytes_at(r, 0)?,
            kind: bytes_at(r, 1)?,
            note: opt_text_at(r, 2)?,
            warnings: bytes_at(r, 3)?,
            meta: raw_meta(r, 4)?,
        })
    })
}

/// Every night row as stored, in storage order, without decoding.
pub fn for_each_raw_night(
    c: &Connection,
    mut f: impl FnMut(&RawNight<'_>) -> Result<()>,
) -> Result<()> {
    scan(c, Table::Nights, NIGHT_COLS, |r| {
        f(&RawNight {
            night_date: text_at(r, 0)?,
            quick_severity: r.get(1)?,
            irls: opt_bytes_at(r, 2)?,
            onset: opt_text_at(r, 3)?,
            body_areas: bytes_at(r, 4)?,
            sleep_hours: r.get(5)?,
            awakenings: r.get(6)?,
            triggers: bytes_at(r, 7)?,
            relief: bytes_at(r, 8)?,
            notes: opt_text_at(r, 9)?,
            changed: opt_bytes_at(r, 10)?,
            meta: raw_meta(r, 11)?,
        })
    })
}

/// The stored version of a record: its table and sync fields, without decoding the record.
#[derive(Debug, Clone)]
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

/// A stored row as a merge reads it (content columns, then `META_COLS`): what it needs to
/// decide between the stored version and an incoming one without decoding the row.
pub struct StoredRow<'r, 's> {
    row: &'r Row<'s>,
    decode: RowFn,
    /// Where the sync columns begin.
    meta: usize,
}

impl<'r, 's> StoredRow<'r, 's> {
    fn new(row: &'r Row<'s>, cols: &str, decode: RowFn) -> Self {
        StoredRow {
            row,
            decode,
            meta: cols.split(',').count(),
        }
    }

    /// The row's id; `None` for an id that is not a UUID, which no incoming record can match.
    pub fn id(&self) -> Option<Uuid> {
        match self.row.get_ref(self.meta) {
            Ok(rusqlite::types::ValueRef::Text(t)) => Uuid::try_parse_ascii(t).ok(),
            _ => None,
        }
    }

    pub fn modified_at(&self) -> Result<&str> {
        Ok(text_at(self.row, self.meta + 2)?)
    }

    pub fn deleted(&self) -> Result<bool> {
        Ok(self.row.get(self.meta + 3)?)
    }

    pub fn device_id(&self) -> Result<&str> {
        Ok(text_at(self.row, self.meta + 4)?)
    }

    /// Whether this row holds exactly `r`'s content and `created_at`, compared column by
    /// column as stored.
    pub fn holds(&self, r: &Record) -> Result<bool> {
        row_holds(self.row, r)
    }

    /// The row decoded, for the rare exact tie whose content differs.
    pub fn record(&self) -> Result<Record> {
        Ok((self.decode)(self.row)?)
    }
}

/// Calls `f` with every row of `table`, tombstones included, in storage order: one scan, for a
/// merge of a file about as large as the diary, instead of an indexed read per record (the
/// before and after are in docs/PERFORMANCE.md).
pub fn for_each_stored(
    c: &Connection,
    table: Table,
    mut f: impl FnMut(&StoredRow<'_, '_>) -> Result<()>,
) -> Result<()> {
    let Some((cols, decode)) = table_def(table) else {
        return Ok(());
    };
    scan(c, table, cols, |row| f(&StoredRow::new(row, cols, decode)))
}

/// Calls `f` with the stored row of this id in `table` (known from [`version_of`]), if there is
/// one: one indexed read.
pub fn with_stored<T>(
    c: &Connection,
    table: Table,
    id: &str,
    f: impl FnOnce(&StoredRow<'_, '_>) -> Result<T>,
) -> Result<Option<T>> {
    let Some((cols, decode)) = table_def(table) else {
        return Ok(None);
    };
    let mut st = c.prepare_cached(row_by_id_sql(table, cols))?;
    let mut rows = st.query([id])?;
    match rows.next()? {
        Some(row) => f(&StoredRow::new(row, cols, decode)).map(Some),
        None => Ok(None),
    }
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
