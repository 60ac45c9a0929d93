//! An import that fails part-way through its writes leaves the diary as it was: the failure
//! comes after records of the same import were written, so only the transaction's rollback can
//! undo them (a `Store::write` that committed on failure turns these red).
//!
//! The failure is a storage error raised by an SQLite trigger that fires only once the import
//! has already written nights, as a full disk or an I/O error would arrive mid-import.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use quietlegs_core::error::Error;
use quietlegs_core::exchange::json::read_export;
use quietlegs_core::exchange::merge::merge_records;
use quietlegs_core::model::Analyte;
use quietlegs_core::store::Store;
use quietlegs_core::{FixedClock, LabInput, NightInput, QuietLegs, QuietLegsError};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

fn open(path: &Path) -> Arc<QuietLegs> {
    QuietLegs::open_at(path, Arc::new(FixedClock(now()))).unwrap()
}

/// `count` nights ending the evening before `last`, and one ferritin result.
fn fill(q: &QuietLegs, last: NaiveDate, count: i64) {
    for i in 0..count {
        let d = last - Duration::days(i);
        q.log_night(NightInput::quick(&d.to_string(), (i % 10) as i32))
            .unwrap();
    }
    q.add_lab(LabInput {
        analyte: Analyte::Ferritin,
        value: 42.0,
        unit: "ng/mL".into(),
        taken_on: "2026-11-01".into(),
    })
    .unwrap();
}

/// The whole diary as its export (the clock is fixed, so byte for byte).
fn whole(q: &QuietLegs, dir: &Path) -> Vec<u8> {
    let p = dir.join("snapshot.json");
    q.export_json(p.display().to_string(), None).unwrap();
    std::fs::read(p).unwrap()
}

fn nights_in(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM nights", [], |r| r.get(0))
        .unwrap()
}

/// A lab insert fails, but only once nights beyond the `stored` ones exist: that is, only after
/// this import has written some.
fn fail_labs_after_night_writes(db: &Path, stored: i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(&format!(
        "CREATE TRIGGER disk_trouble BEFORE INSERT ON labs \
         WHEN (SELECT count(*) FROM nights) > {stored} \
         BEGIN SELECT RAISE(ABORT, 'simulated disk trouble'); END;"
    ))
    .unwrap();
}

/// Imports `file` into a diary of `stored_nights` nights with the trigger armed; the import must
/// fail with the storage error, and the diary must be exactly as before.
fn failing_import_changes_nothing(stored_nights: i64, file_nights: i64) {
    let dir = tempfile::tempdir().unwrap();
    // The file: another device's nights (after the diary's) and a lab.
    let other = open(&dir.path().join("other.db"));
    fill(
        &other,
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        file_nights,
    );
    let file = dir.path().join("other.json");
    other.export_json(file.display().to_string(), None).unwrap();
    drop(other);

    let db = dir.path().join("diary.db");
    let q = open(&db);
    fill(
        &q,
        NaiveDate::from_ymd_opt(2026, 8, 31).unwrap(),
        stored_nights,
    );
    let before = whole(&q, dir.path());
    drop(q);
    let stored = nights_in(&db);
    assert_eq!(stored, stored_nights);
    fail_labs_after_night_writes(&db, stored);

    let q = open(&db);
    let e = q.import_file(file.display().to_string(), None).unwrap_err();
    assert!(
        matches!(&e, QuietLegsError::Storage { reason } if reason.contains("simulated disk trouble")),
        "the lab write must fail after the nights were written: {e:?}"
    );
    assert_eq!(
        whole(&q, dir.path()),
        before,
        "a failed import left part of its writes"
    );
    drop(q);
    assert_eq!(nights_in(&db), stored, "the file's nights were rolled back");
}

/// A whole export into a diary of about its size: the scanning merge.
#[test]
fn a_storage_failure_mid_import_rolls_back_the_scanning_merge() {
    failing_import_changes_nothing(5, 10);
}

/// A few records into a large diary: the probing merge used by everyday syncs.
#[test]
fn a_storage_failure_mid_import_rolls_back_the_probing_merge() {
    failing_import_changes_nothing(200, 2);
}

/// The same at the store: a merge whose transaction then fails writes nothing.
#[test]
fn a_write_that_fails_after_merging_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let other = open(&dir.path().join("other.db"));
    fill(&other, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), 3);
    let file = dir.path().join("other.json");
    other.export_json(file.display().to_string(), None).unwrap();
    let records = read_export(&std::fs::read(&file).unwrap(), now())
        .unwrap()
        .records;
    assert!(records.len() >= 4);

    let db = dir.path().join("store.db");
    let mut s = Store::open(&db).unwrap();
    let r = s.write(|tx| {
        let report = merge_records(tx, &records)?;
        assert_eq!(report.added, records.len() as u64, "written inside");
        Err::<(), _>(Error::BadFile("fails after writing".into()))
    });
    assert!(matches!(r, Err(Error::BadFile(_))), "{r:?}");
    drop(s);
    assert_eq!(nights_in(&db), 0, "the failed transaction left nights");
}
