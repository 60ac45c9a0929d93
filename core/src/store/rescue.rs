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

/// Every readable row of `table`: one pass over the table, then one lookup per rowid the pass
/// did not reach (a damaged interior page can end a scan early, or silently skip a subtree, while
/// the rows below it are still reachable by their rowid).
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
    let mut found = std::collections::BTreeMap::new();
    if let Ok(mut st) = src.prepare(&format!("SELECT rowid, {list} FROM \"{table}\"")) {
        if let Ok(rows) = st.query_map([], read_row) {
            // Everything up to the first unreadable row.
            for (rowid, row) in rows.map_while(|r| r.ok()) {
                found.insert(rowid, row);
            }
        }
    }
    // The highest rowid, or a bound from the file's size when even that cannot be read.
    let max: i64 = src
        .query_row(&format!("SELECT max(rowid) FROM \"{table}\""), [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| {
            src.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
                .unwrap_or(0)
                .saturating_mul(256)
        })
        .max(found.keys().next_back().copied().unwrap_or(0));
    if let Ok(mut one) = src.prepare(&format!(
        "SELECT rowid, {list} FROM \"{table}\" WHERE rowid = ?1"
    )) {
        for rowid in 1..=max {
            if found.contains_key(&rowid) {
                continue;
            }
            match one.query_row([rowid], read_row).optional() {
                Ok(Some((_, row))) => {
                    found.insert(rowid, row);
                }
                Ok(None) => {}
                Err(_) => *unreadable += 1,
            }
        }
    }
    found.into_values().collect()
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
