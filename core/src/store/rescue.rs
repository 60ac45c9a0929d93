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
                .prepare("SELECT name FROM pragma_table_info(?1)")?
                .query_map([&t], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok((t, cols))
        })
        .collect()
}

/// A table or column name as an SQL identifier: in double quotes, an embedded double quote
/// doubled (SQL's rule), so no name can end the quoting early.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn quoted(cols: &[String]) -> String {
    cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ")
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
    let table = ident(table);
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
        .query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .ok()
        .flatten()
        .unwrap_or(i64::MAX);
    let (Ok(mut scan), Ok(mut one)) = (
        src.prepare(&format!(
            "SELECT rowid, {list} FROM {table} WHERE rowid >= ?1 ORDER BY rowid"
        )),
        src.prepare(&format!(
            "SELECT rowid, {list} FROM {table} WHERE rowid = ?1"
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
                    "INSERT OR REPLACE INTO {} ({}) VALUES ({marks})",
                    ident(table),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Night, RecordMeta};
    use crate::store::records::{nights, put_night};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn night(date: NaiveDate, device: &str) -> Night {
        Night {
            meta: RecordMeta::new(Utc.with_ymd_and_hms(2026, 11, 21, 8, 0, 0).unwrap(), device),
            night_date: date,
            quick_severity: Some(4),
            irls: None,
            onset: None,
            body_areas: vec![],
            sleep_hours: Some(6.0),
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: Some(format!("walked on {date}")),
            changed: None,
        }
    }

    fn rows_in(c: &Connection) -> u64 {
        tables(c)
            .unwrap()
            .iter()
            .map(|(t, _)| {
                c.query_row(&format!("SELECT count(*) FROM {}", ident(t)), [], |r| {
                    r.get::<_, i64>(0)
                })
                .unwrap() as u64
            })
            .sum()
    }

    fn a_diary_of(days: i64, path: &Path) -> Store {
        let mut s = Store::open(path).unwrap();
        let device = s.device_id().to_owned();
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        s.write(|tx| {
            for d in 0..days {
                put_night(tx, &night(first + chrono::Duration::days(d), &device))?;
            }
            Ok(())
        })
        .unwrap();
        s
    }

    /// Fresh review: a name holding a double quote ended the quoting early (`"a"b"`), and one
    /// holding a single quote broke the `pragma_table_info('…')` literal. Names are quoted
    /// as SQL identifiers (the quote doubled), and the table name is bound, not spliced in.
    #[test]
    fn names_with_quotes_are_quoted_as_identifiers() {
        assert_eq!(ident("plain"), "\"plain\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE \"it's \"\"odd\"\"\" (\"we\"\"ird\" TEXT, \"x'y\" INTEGER);
             INSERT INTO \"it's \"\"odd\"\"\" VALUES ('kept', 7);",
        )
        .unwrap();
        let schema = tables(&c).unwrap();
        assert_eq!(
            schema,
            vec![(
                "it's \"odd\"".to_owned(),
                vec!["we\"ird".to_owned(), "x'y".to_owned()]
            )]
        );
        let (table, cols) = &schema[0];
        let mut unreadable = 0;
        let rows = readable_rows(&c, table, cols, &mut unreadable);
        assert_eq!(
            rows,
            vec![vec![Value::Text("kept".into()), Value::Integer(7)]]
        );
        assert_eq!(unreadable, 0);
        assert_eq!(rows_in(&c), 1);
    }

    #[test]
    fn a_sound_diary_is_rescued_whole_and_each_copied_row_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let src = a_diary_of(40, &dir.path().join("q.db"));
        let to = dir.path().join("saved.db");
        let r = src.rescue_into(&to).unwrap();
        let saved = Store::open(&to).unwrap();
        assert_eq!(r.unreadable, 0);
        assert!(r.copied > 40, "{r:?}");
        assert_eq!(r.copied, rows_in(saved.conn()), "{r:?}");
        assert_eq!(rows_in(saved.conn()), rows_in(src.conn()));
        let all = |s: &Store| {
            nights(
                s.conn(),
                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
            )
            .unwrap()
        };
        assert_eq!(all(&saved).len(), 40);
        assert_eq!(all(&saved), all(&src));
        assert_eq!(saved.device_id(), src.device_id());
        // A rescue never writes over a file, not even its own earlier rescue.
        drop(saved);
        let before = std::fs::read(&to).unwrap();
        assert!(matches!(src.rescue_into(&to), Err(Error::File { .. })));
        assert_eq!(std::fs::read(&to).unwrap(), before);
    }

    #[test]
    fn a_row_the_new_diary_refuses_is_counted_unreadable_and_the_rest_copied() {
        let dir = tempfile::tempdir().unwrap();
        let src = a_diary_of(3, &dir.path().join("q.db"));
        // A damaged value: a setting with no value, which the diary's schema forbids.
        src.conn()
            .execute_batch(
                "ALTER TABLE meta RENAME TO meta_old; \
                 CREATE TABLE meta (key TEXT, value TEXT); \
                 INSERT INTO meta SELECT key, value FROM meta_old; \
                 INSERT INTO meta VALUES ('odd', NULL);",
            )
            .unwrap();
        let settings: i64 = src
            .conn()
            .query_row("SELECT count(*) FROM meta_old", [], |r| r.get(0))
            .unwrap();
        let to = dir.path().join("saved.db");
        let r = src.rescue_into(&to).unwrap();
        assert_eq!(r.unreadable, 1, "{r:?}");
        let saved = Store::open(&to).unwrap();
        assert_eq!(r.copied, rows_in(saved.conn()), "{r:?}");
        let kept: i64 = saved
            .conn()
            .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, settings);
    }

    /// A table `t` of `n` rows whose text names its rowid, 900 bytes each (four to a page), and
    /// optionally one more row at rowid `far`.
    fn table_of(path: &Path, n: i64, far: Option<i64>) -> Connection {
        let c = Connection::open(path).unwrap();
        c.execute_batch("CREATE TABLE t (v TEXT)").unwrap();
        let text = |i: i64| format!("<row {i}>{}", "x".repeat(900));
        for i in 1..=n {
            c.execute("INSERT INTO t (rowid, v) VALUES (?1, ?2)", (i, text(i)))
                .unwrap();
        }
        if let Some(f) = far {
            c.execute("INSERT INTO t (rowid, v) VALUES (?1, ?2)", (f, text(f)))
                .unwrap();
        }
        c
    }

    /// Junk over the whole page that holds row `i` (found by its text in the file).
    fn damage_page_of(path: &Path, i: i64) {
        use std::io::{Seek, SeekFrom, Write};
        let bytes = std::fs::read(path).unwrap();
        let mark = format!("<row {i}>");
        let at = bytes
            .windows(mark.len())
            .position(|w| w == mark.as_bytes())
            .unwrap();
        let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        f.seek(SeekFrom::Start((at as u64 / 4096) * 4096)).unwrap();
        f.write_all(&[0xA5; 4096]).unwrap();
    }

    fn rowids(rows: &[Vec<Value>]) -> Vec<i64> {
        rows.iter()
            .map(|r| match r.first() {
                Some(Value::Text(t)) => t[5..t.find('>').unwrap()].parse().unwrap(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn rows_on_both_sides_of_a_damaged_page_are_read_each_once_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.db");
        drop(table_of(&p, 200, None));
        damage_page_of(&p, 100);
        let c = Connection::open(&p).unwrap();
        let mut unreadable = 0;
        let got = rowids(&readable_rows(&c, "t", &["v".to_owned()], &mut unreadable));
        assert!(!got.contains(&100), "{got:?}");
        assert!(got.windows(2).all(|w| w[0] < w[1]), "{got:?}");
        // Only the damaged page's rows are lost (four or five of them).
        assert!((190..200).contains(&got.len()), "{got:?}");
        assert!(got.starts_with(&[1, 2, 3]) && got.ends_with(&[198, 199, 200]));
        assert!((1..=10).contains(&unreadable), "{unreadable}");
    }

    #[test]
    fn damage_that_claims_an_absurd_rowid_ends_the_rescue_after_a_bounded_search() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.db");
        drop(table_of(&p, 60, Some(3_000_000)));
        damage_page_of(&p, 3_000_000);
        let c = Connection::open(&p).unwrap();
        let mut unreadable = 0;
        let got = rowids(&readable_rows(&c, "t", &["v".to_owned()], &mut unreadable));
        assert!(got.len() >= 50 && got.starts_with(&[1, 2, 3]), "{got:?}");
        assert!(got.windows(2).all(|w| w[0] < w[1]), "{got:?}");
        // Every rowid looked up past the damage reads the damaged page; the search stops at
        // the bound set by the file's size, far short of the claimed rowid.
        assert!((1..100_000).contains(&unreadable), "{unreadable}");
    }
}
