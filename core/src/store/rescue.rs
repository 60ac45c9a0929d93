//! Rescue: what can still be read from a damaged diary is copied, row by row, into a new diary
//! file, which then opens, shows and exports as any other. The damaged file is only read.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::Store;
use crate::error::{Error, Result};

/// What a rescue copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rescued {
    /// Rows copied into the new diary (records, their tombstones, and the device's settings).
    pub copied: u64,
    /// Row positions that could not be read (a damaged page can hide several rows, or none).
    pub unreadable: u64,
}

/// The tables of a diary at this schema, as the new file has them.
fn tables(c: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let names: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|t| {
            let cols = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok((t, cols))
        })
        .collect()
}

fn quoted(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every readable row of `table`, in rowid order: a range scan until it meets a damaged page,
/// then one lookup per rowid past the damage until a row reads again, and the scan resumes from
/// there. Lookups are bounded by the file's size, so damage that makes the b-tree claim absurd
/// rowids cannot make a rescue run for ever.
fn readable_rows(
    src: &Connection,
    table: &str,
    cols: &[String],
    unreadable: &mut u64,
) -> Vec<Vec<Value>> {
    let list = quoted(cols);
    let n = cols.len();
    let read_row = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, i64>(0)?,
            (1..=n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?,
        ))
    };
    let pages: i64 = src
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap_or(0);
    let mut budget: i64 = pages.saturating_mul(64).saturating_add(10_000);
    let upper: i64 = src
        .query_row(&format!("SELECT max(rowid) FROM \"{table}\""), [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .ok()
        .flatten()
        .unwrap_or(i64::MAX);
    let (Ok(mut scan), Ok(mut one)) = (
        src.prepare(&format!(
            "SELECT rowid, {list} FROM \"{table}\" WHERE rowid >= ?1 ORDER BY rowid"
        )),
        src.prepare(&format!(
            "SELECT rowid, {list} FROM \"{table}\" WHERE rowid = ?1"
        )),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut from = i64::MIN;
    loop {
        let mut last = None;
        let mut damaged = false;
        match scan.query_map([from], read_row) {
            Ok(rows) => {
                for row in rows {
                    match row {
                        Ok((rowid, row)) => {
                            last = Some(rowid);
                            out.push(row);
                        }
                        Err(_) => {
                            damaged = true;
                            break;
                        }
                    }
                }
            }
            Err(_) => damaged = true,
        }
        if !damaged {
            return out;
        }
        // Past the damage, one rowid at a time (rowids start at 1).
        let mut r = last.map_or(1, |l| l.saturating_add(1)).max(1);
        let mut resumed = false;
        while budget > 0 && r <= upper {
            budget -= 1;
            match one.query_row([r], read_row).optional() {
                Ok(Some((_, row))) => {
                    out.push(row);
                    resumed = true;
                    break;
                }
                Ok(None) => {}
                Err(_) => *unreadable += 1,
            }
            r = r.saturating_add(1);
        }
        if !resumed || r == i64::MAX {
            return out;
        }
        from = r + 1;
    }
}

impl Store {
    /// Copies every row that can still be read into a new diary at `target` (which must not
    /// exist: a rescue never overwrites a file). This diary is only read. The new diary keeps
    /// this one's records, tombstones and device id, so it syncs as the same device.
    ///
    /// Errors: [`Error::File`] when `target` exists, or the open errors of [`Store::open`].
    pub fn rescue_into(&self, target: &Path) -> Result<Rescued> {
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(Error::File {
                path: target.display().to_string(),
                reason: "already exists; a rescue writes only a new file".to_owned(),
            });
        }
        let mut out = Store::open(target)?;
        let schema = tables(out.conn())?;
        let mut report = Rescued::default();
        let mut copied = 0u64;
        out.write(|tx| {
            for (table, cols) in &schema {
                let rows = readable_rows(&self.conn, table, cols, &mut report.unreadable);
                let marks = (1..=cols.len())
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut ins = tx.prepare(&format!(
                    "INSERT OR REPLACE INTO \"{table}\" ({}) VALUES ({marks})",
                    quoted(cols)
                ))?;
                for row in rows {
                    // A row the new schema refuses (a damaged value) is not copied.
                    match ins.execute(rusqlite::params_from_iter(row)) {
                        Ok(_) => copied += 1,
                        Err(_) => report.unreadable += 1,
                    }
                }
            }
            Ok(())
        })?;
        report.copied = copied;
        Ok(report)
    }
}
