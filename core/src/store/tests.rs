use super::*;
use crate::model::{Lab, Night, RecordMeta};
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 8, 0, 0).unwrap()
}

fn night(date: &str, device: &str) -> Night {
    Night {
        meta: RecordMeta::new(now(), device),
        night_date: date.parse().unwrap(),
        quick_severity: Some(5),
        irls: None,
        onset: None,
        body_areas: vec![],
        sleep_hours: Some(6.5),
        awakenings: None,
        triggers: vec![],
        relief: vec![],
        notes: Some("walked twice".into()),
        changed: None,
    }
}

#[test]
fn a_text_file_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.db");
    std::fs::write(&p, "my shopping list\n".repeat(200)).unwrap();
    let before = std::fs::read(&p).unwrap();
    let err = Store::open(&p).err().expect("must refuse");
    assert!(matches!(err, Error::NotOurDatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn another_apps_sqlite_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("other.db");
    {
        let c = Connection::open(&p).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&p).unwrap();
    assert!(matches!(Store::open(&p), Err(Error::NotOurDatabase { .. })));
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn a_newer_schema_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    drop(Store::open(&p).unwrap());
    {
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&p).unwrap();
    match Store::open(&p) {
        Err(Error::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION));
        }
        other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn reopening_keeps_records_and_the_device_id() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    let mut s = Store::open(&p).unwrap();
    let device = s.device_id().to_owned();
    let n = night("2026-11-20", &device);
    s.write(|tx| put_night(tx, &n)).unwrap();
    drop(s);
    let s = Store::open(&p).unwrap();
    assert_eq!(s.device_id(), device);
    let back = night_on(s.conn(), "2026-11-20".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(back, n);
}

#[test]
fn a_tombstoned_night_disappears_but_its_row_remains_for_sync() {
    let mut s = Store::open_in_memory().unwrap();
    let device = s.device_id().to_owned();
    let n = night("2026-11-20", &device);
    s.write(|tx| put_night(tx, &n)).unwrap();
    s.delete(&n.meta.id.to_string(), now()).unwrap();
    let d: NaiveDate = "2026-11-20".parse().unwrap();
    assert!(night_on(s.conn(), d).unwrap().is_none());
    let rows: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM nights WHERE deleted = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows, 1);
    assert!(matches!(
        s.delete(&n.meta.id.to_string(), now()),
        Err(Error::NotFound { .. })
    ));
}

/// A deletion beats the version it replaces whatever the clocks say, as an edit does
/// (`model::stamp_after`): a night stamped by a device whose clock ran an hour ahead is deleted
/// at its stamp + 1 ms, not at this device's earlier `now` (where it would lose to the version it
/// deletes on every other device); a night stamped earlier is deleted at `now`.
#[test]
fn a_deletion_is_stamped_after_the_version_it_deletes_whatever_the_clocks() {
    use chrono::Duration;
    let mut s = Store::open_in_memory().unwrap();
    for (ahead, at) in [
        (
            Duration::hours(1),
            now() + Duration::milliseconds(3_600_001),
        ),
        (Duration::hours(-1), now()),
    ] {
        let mut n = night("2026-11-20", "fast-device");
        n.meta.modified_at = now() + ahead;
        s.write(|tx| put_night(tx, &n)).unwrap();
        s.delete(&n.meta.id.to_string(), now()).unwrap();
        let (stamp, device): (String, String) = s
            .conn()
            .query_row(
                "SELECT modified_at, device_id FROM nights WHERE id = ?1 AND deleted = 1",
                [n.meta.id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            stamp.parse::<chrono::DateTime<Utc>>().unwrap(),
            at,
            "{ahead}"
        );
        assert_eq!(device, s.device_id(), "{ahead}");
    }
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut s = Store::open_in_memory().unwrap();
    let device = s.device_id().to_owned();
    let res: Result<()> = s.write(|tx| {
        put_night(tx, &night("2026-11-19", &device))?;
        Err(Error::invalid("test", "abort after the first write"))
    });
    assert!(res.is_err());
    assert!(nights(
        s.conn(),
        "0001-01-01".parse().unwrap(),
        "9999-12-31".parse().unwrap()
    )
    .unwrap()
    .is_empty());
}

/// Every upgrade path ends in the same schema as a fresh database.
#[test]
fn test_all_upgrades() {
    fn schema_of(c: &Connection) -> Vec<(String, String)> {
        let mut st = c
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }
    let fresh = Store::open_in_memory().unwrap();
    let want = schema_of(fresh.conn());
    for start in 0..LATEST_VERSION {
        let mut c = Connection::open_in_memory().unwrap();
        for sql in schema::MIGRATIONS_FOR_TESTS.iter().take(start as usize) {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", start).unwrap();
        if start > 0 {
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
        }
        schema::migrate(&mut c).unwrap();
        assert_eq!(schema_of(&c), want, "upgrade from {start}");
    }
}

#[test]
fn duplicate_nights_and_profiles_made_before_schema_3_read_as_one_and_keep_their_history() {
    // A schema-2 diary that merged a phone's and a tablet's entry for the same night, and two
    // profiles (the state issue #12 found).
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.db");
    {
        let mut c = Connection::open(&p).unwrap();
        for sql in schema::MIGRATIONS_FOR_TESTS.iter().take(2) {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 2).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        let tx = c.transaction().unwrap();
        let mut phone = night("2026-11-20", "phone");
        phone.quick_severity = Some(4);
        let mut tablet = night("2026-11-20", "tablet");
        tablet.meta.modified_at += chrono::Duration::minutes(5);
        tablet.quick_severity = Some(7);
        // Today's writer names schema 7's `changed` column: lend it for the write, so the rows
        // are exactly those schema 2 held.
        tx.execute_batch("ALTER TABLE nights ADD COLUMN changed TEXT")
            .unwrap();
        put_night(&tx, &phone).unwrap();
        put_night(&tx, &tablet).unwrap();
        tx.execute_batch("ALTER TABLE nights DROP COLUMN changed")
            .unwrap();
        let mut newer_profile = RecordMeta::new(now(), "phone");
        newer_profile.modified_at += chrono::Duration::minutes(1);
        let sleepy = sleepy_profile();
        put_profile(&tx, &RecordMeta::new(now(), "tablet"), &Default::default()).unwrap();
        put_profile(&tx, &newer_profile, &sleepy).unwrap();
        tx.commit().unwrap();
    }
    let s = Store::open(&p).unwrap();
    let d: NaiveDate = "2026-11-20".parse().unwrap();
    let shown = nights(s.conn(), d, d).unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].quick_severity, Some(7), "the newer entry");
    assert_eq!(
        profile(s.conn()).unwrap().unwrap().profile,
        sleepy_profile()
    );
    let mut all = 0;
    for_each_record(s.conn(), |_| {
        all += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(
        all, 4,
        "the other entries stay as history, exported unchanged"
    );
}

fn sleepy_profile() -> crate::model::Profile {
    crate::model::Profile {
        bedtime: chrono::NaiveTime::from_hms_opt(21, 30, 0).unwrap(),
        ..Default::default()
    }
}

#[test]
fn a_read_only_open_reads_and_refuses_writes_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    let mut s = Store::open(&p).unwrap();
    let device = s.device_id().to_owned();
    s.write(|tx| put_night(tx, &night("2026-11-20", &device)))
        .unwrap();
    drop(s);
    let before = std::fs::read(&p).unwrap();
    let mut r = Store::open_read_only(&p).unwrap();
    assert_eq!(r.device_id(), device);
    assert!(night_on(r.conn(), "2026-11-20".parse().unwrap())
        .unwrap()
        .is_some());
    let err = r
        .write(|tx| put_night(tx, &night("2026-11-19", &device)))
        .unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err}");
    drop(r);
    assert_eq!(std::fs::read(&p).unwrap(), before);
    // A missing file is not created by a read-only open.
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        Store::open_read_only(&missing),
        Err(Error::NoSuchDiary { .. })
    ));
    assert!(!missing.exists());
}

#[test]
fn a_damaged_page_is_found_before_the_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    let mut s = Store::open(&p).unwrap();
    let device = s.device_id().to_owned();
    s.write(|tx| {
        for d in 1..=28 {
            let mut n = night(&format!("2026-10-{d:02}"), &device);
            n.notes = Some("x".repeat(900));
            put_night(tx, &n)?;
        }
        Ok(())
    })
    .unwrap();
    drop(s);
    let len = std::fs::metadata(&p).unwrap().len();
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.seek(SeekFrom::Start(len - 4096 + 8)).unwrap();
        f.write_all(&[0xA5; 2000]).unwrap();
    }
    let before = std::fs::read(&p).unwrap();
    let mut s = Store::open(&p).unwrap();
    // A write far from the damaged page (the meta table sits at the start of the file): only a
    // check of the whole file finds the damage before it.
    let err = s
        .write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', 'x')",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("q.db"), "{err}");
    assert!(matches!(s.check_integrity(), Err(Error::Damaged { .. })));
    drop(s);
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_cleanly_closed_diary_whose_shm_cannot_be_made_is_still_read() {
    // A -shm path that cannot be created (a link into a folder that does not exist) stands in
    // for a read-only folder (the tests run as root, for whom permissions do not hold): SQLite
    // can neither create nor open the file either way.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("odd name %#?.db");
    let mut s = Store::open(&p).unwrap();
    let device = s.device_id().to_owned();
    s.write(|tx| put_night(tx, &night("2026-11-20", &device)))
        .unwrap();
    drop(s);
    let shm = sidecar(&p, "-shm");
    std::os::unix::fs::symlink(dir.path().join("no-such-folder/x"), &shm).unwrap();
    let before = std::fs::read(&p).unwrap();
    assert!(Store::open(&p).is_err());
    let r = Store::open_read_only(&p).unwrap();
    assert!(night_on(r.conn(), "2026-11-20".parse().unwrap())
        .unwrap()
        .is_some());
    drop(r);
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

// ---- opening: what only the CLI's integrity suites used to hold the store to ------------------

#[test]
fn each_new_diary_gets_its_own_device_id_kept_in_the_file() {
    // The id stamps every record; two installations sharing one would make their edits of one
    // record look like one device's, and the merge tie-break between them meaningless.
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.db")).unwrap();
    let b = Store::open(&dir.path().join("b.db")).unwrap();
    assert_ne!(a.device_id(), b.device_id());
    for s in [&a, &b] {
        assert!(Uuid::parse_str(s.device_id()).is_ok(), "{}", s.device_id());
        assert_eq!(
            read_device_id(s.conn()).unwrap().as_deref(),
            Some(s.device_id())
        );
    }
}

#[test]
fn a_read_only_open_refuses_a_diary_that_needs_an_upgrade_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    drop(Store::open(&p).unwrap());
    {
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION - 1)
            .unwrap();
    }
    let before = std::fs::read(&p).unwrap();
    match Store::open_read_only(&p) {
        Err(Error::ReadOnly { reason, .. }) => assert!(reason.contains("upgrade"), "{reason}"),
        other => panic!("expected ReadOnly, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_diary_with_unsaved_changes_in_its_wal_is_not_read_as_immutable() {
    // Reading the main file alone (immutable) would show the diary without the changes still in
    // its -wal file. As in the test above, a -shm link into a missing folder stands in for a
    // read-only folder.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    // Created and closed cleanly first: the schema is in the main file.
    drop(Store::open(&p).unwrap());
    let mut s = Store::open(&p).unwrap();
    s.conn()
        .pragma_update(None, "wal_autocheckpoint", 0)
        .unwrap();
    let device = s.device_id().to_owned();
    s.write(|tx| put_night(tx, &night("2026-11-20", &device)))
        .unwrap();
    // A copy taken while the writer is open: the night is in the -wal file only.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&p, &copy).unwrap();
    std::fs::copy(sidecar(&p, "-wal"), sidecar(&copy, "-wal")).unwrap();
    drop(s);
    assert!(std::fs::metadata(sidecar(&copy, "-wal")).unwrap().len() > 0);
    std::os::unix::fs::symlink(dir.path().join("no-such-folder/x"), sidecar(&copy, "-shm"))
        .unwrap();
    let before = std::fs::read(&copy).unwrap();
    match Store::open_read_only(&copy) {
        Err(Error::ReadOnly { .. } | Error::File { .. }) => {}
        Err(e) => panic!("expected ReadOnly or File, got {e}"),
        Ok(r) => panic!(
            "read without its -wal: night present = {:?}",
            night_on(r.conn(), "2026-11-20".parse().unwrap()).map(|n| n.is_some())
        ),
    }
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

fn busy() -> Error {
    Error::Sql(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        None,
    ))
}

/// An attempt that fails with `first` for its first `times` calls, then succeeds; and a count.
fn failing(
    times: u32,
    first: fn() -> Error,
) -> (
    std::cell::Cell<u32>,
    impl Fn(&std::cell::Cell<u32>) -> Result<&'static str>,
) {
    (std::cell::Cell::new(0), move |n: &std::cell::Cell<u32>| {
        n.set(n.get() + 1);
        if n.get() <= times {
            Err(first())
        } else {
            Ok("opened")
        }
    })
}

#[test]
fn an_open_answered_busy_is_tried_again_until_it_succeeds() {
    // SQLite answers BUSY without waiting while another process changes the journal mode or
    // recovers the WAL: the open tries again (the CLI's 8-process test meets this).
    let (n, attempt) = failing(2, busy);
    assert_eq!(
        retry_while_busy(BUSY_WAIT, || attempt(&n)).unwrap(),
        "opened"
    );
    assert_eq!(n.get(), 3);
}

#[test]
fn an_open_still_busy_at_the_deadline_gives_busy() {
    let (n, attempt) = failing(3, busy);
    let err = retry_while_busy(Duration::ZERO, || attempt(&n)).unwrap_err();
    assert!(matches!(&err, Error::Sql(e) if is_busy(e)), "{err}");
    assert_eq!(n.get(), 1);
}

#[test]
fn an_open_that_fails_for_another_reason_is_not_tried_again() {
    let not_ours = || Error::NotOurDatabase {
        path: "x.db".into(),
        reason: "not a database file".into(),
    };
    let damaged = || {
        Error::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        ))
    };
    for first in [not_ours as fn() -> Error, damaged] {
        let (n, attempt) = failing(1, first);
        assert!(retry_while_busy(BUSY_WAIT, || attempt(&n)).is_err());
        assert_eq!(n.get(), 1);
    }
}

#[cfg(unix)]
#[test]
fn the_diary_knows_its_own_files_under_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.shown(), p.display().to_string());
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&p, &link).unwrap();
    let spelled = dir.path().join(".").join("q.db");
    for own in [
        p.clone(),
        sidecar(&p, "-wal"),
        sidecar(&p, "-shm"),
        link,
        spelled,
    ] {
        assert!(s.is_own_file(&own), "{}", own.display());
    }
    let other = dir.path().join("export.json");
    std::fs::write(&other, "{}").unwrap();
    assert!(!s.is_own_file(&other));
    assert!(!s.is_own_file(&dir.path().join("missing.json")));
}

#[test]
fn only_a_diary_marked_as_the_demo_is_the_demo_and_the_mark_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    let mut s = Store::open(&p).unwrap();
    assert!(!s.is_demo().unwrap());
    s.mark_as_demo().unwrap();
    assert!(s.is_demo().unwrap());
    drop(s);
    assert!(Store::open(&p).unwrap().is_demo().unwrap());
    assert!(!Store::open(&dir.path().join("other.db"))
        .unwrap()
        .is_demo()
        .unwrap());
}

#[test]
fn an_empty_database_another_app_has_claimed_is_refused_and_untouched() {
    // No tables yet, but another application's id, or a schema version QuietLegs never wrote
    // without its own id: not a new file for QuietLegs to take over.
    let dir = tempfile::tempdir().unwrap();
    for (i, (pragma, value)) in [("application_id", 0x1234_5678), ("user_version", 2)]
        .into_iter()
        .enumerate()
    {
        let p = dir.path().join(format!("other-{i}.db"));
        Connection::open(&p)
            .unwrap()
            .pragma_update(None, pragma, value)
            .unwrap();
        let before = std::fs::read(&p).unwrap();
        match Store::open(&p) {
            Err(Error::NotOurDatabase { .. }) => {}
            other => panic!(
                "{pragma}: expected NotOurDatabase, got {:?}",
                other.map(|_| ())
            ),
        }
        assert_eq!(std::fs::read(&p).unwrap(), before, "{pragma}");
    }
}

fn sqlite_error(code: std::os::raw::c_int) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
}

#[test]
fn each_sqlite_failure_is_told_by_its_real_reason_naming_the_file() {
    use rusqlite::ffi;
    let dir = tempfile::tempdir().unwrap();
    let diary = dir.path().join("q.db");
    drop(Store::open(&diary).unwrap());
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "my shopping list\n".repeat(10)).unwrap();
    let lost = dir.path().join("no-such-folder/q.db");
    let fresh = dir.path().join("new.db");
    let reason = |e: Error| match e {
        Error::File { path, reason }
        | Error::ReadOnly { path, reason }
        | Error::Damaged { path, reason }
        | Error::NotOurDatabase { path, reason } => {
            assert_eq!(path, "shown");
            reason
        }
        Error::Busy { path } => {
            assert_eq!(path, "shown");
            "busy".into()
        }
        other => panic!("unexpected {other:?}"),
    };
    for code in [ffi::SQLITE_BUSY, ffi::SQLITE_LOCKED] {
        let e = classify(sqlite_error(code), &diary, "shown");
        assert!(matches!(e, Error::Busy { .. }), "{e:?}");
    }
    let e = classify(sqlite_error(ffi::SQLITE_NOTADB), &diary, "shown");
    assert!(matches!(e, Error::Damaged { .. }), "{e:?}");
    let e = classify(sqlite_error(ffi::SQLITE_NOTADB), &text, "shown");
    assert!(matches!(e, Error::NotOurDatabase { .. }), "{e:?}");
    let e = classify(sqlite_error(ffi::SQLITE_FULL), &diary, "shown");
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    assert!(reason(e).contains("disk is full"));
    let e = classify(sqlite_error(ffi::SQLITE_IOERR), &diary, "shown");
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    assert!(reason(e).contains("input/output error"));
    // Cannot open: a folder given, a folder that cannot take the -wal and -shm files, or else.
    let e = classify(sqlite_error(ffi::SQLITE_CANTOPEN), dir.path(), "shown");
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    assert!(reason(e).contains("is a folder"));
    let e = classify(sqlite_error(ffi::SQLITE_CANTOPEN), &lost, "shown");
    assert!(matches!(e, Error::ReadOnly { .. }), "{e:?}");
    let r = reason(e);
    assert!(
        r.contains("no-such-folder") && r.contains("not writable"),
        "{r}"
    );
    let e = classify(sqlite_error(ffi::SQLITE_CANTOPEN), &fresh, "shown");
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    assert_eq!(reason(e), "cannot be opened");
    let e = classify(sqlite_error(ffi::SQLITE_READONLY), &fresh, "shown");
    assert!(matches!(e, Error::ReadOnly { .. }), "{e:?}");
    assert_eq!(reason(e), "the file is read-only");
}

#[test]
fn the_folder_of_a_diary_is_its_parent_or_the_current_folder() {
    assert_eq!(folder_of(Path::new("a/b.db")), Path::new("a"));
    assert_eq!(folder_of(Path::new("b.db")), Path::new("."));
    let dir = tempfile::tempdir().unwrap();
    assert!(writable_folder(&dir.path().join("q.db")));
    assert!(!writable_folder(&dir.path().join("no-such-folder/q.db")));
    // The probe file is removed again.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_new_diary_is_private_and_a_missing_or_odd_folder_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.db");
    drop(Store::open(&p).unwrap());
    let mode = std::fs::metadata(&p).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    match Store::open(&dir.path().join("no-such-folder/q.db")) {
        Err(Error::File { reason, .. }) => {
            assert!(reason.contains("does not exist"), "{reason}");
        }
        other => panic!("expected File, got {:?}", other.map(|_| ())),
    }
    // A file where a folder should be: neither a missing folder nor a read-only one.
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    match Store::open(&file.join("q.db")) {
        Err(Error::File { reason, .. }) => {
            assert!(!reason.contains("does not exist"), "{reason}");
        }
        other => panic!("expected File, got {:?}", other.map(|_| ())),
    }
}

#[cfg(unix)]
#[test]
fn a_new_diary_through_a_dangling_link_is_private_too() {
    // The file created is the link's target, relative to the link's folder, and it is 0600.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let link = dir.path().join("data/link.db");
    std::os::unix::fs::symlink("diary.db", &link).unwrap();
    drop(Store::open(&link).unwrap());
    let target = dir.path().join("data/diary.db");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_refuses_new_files_is_read_only_even_for_root() {
    // The tests run as root, for whom permission bits do not hold; sysfs refuses a new file to
    // root too (EACCES, or EROFS when mounted read-only).
    let p = Path::new("/sys/quietlegs-test.db");
    assert!(Path::new("/sys").is_dir(), "no /sys on this Linux");
    match Store::open(p) {
        Err(Error::ReadOnly { reason, .. }) => assert!(reason.contains("/sys"), "{reason}"),
        other => panic!("expected ReadOnly, got {:?}", other.map(|_| ())),
    }
    assert!(!p.exists());
}

#[test]
fn a_regimen_item_stored_before_schema_5_reads_as_a_defaulted_start() {
    use crate::model::{RegimenItem, RegimenKind, StartSource};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.db");
    {
        let c = Connection::open(&p).unwrap();
        for sql in schema::MIGRATIONS_FOR_TESTS.iter().take(4) {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute(
            "INSERT INTO regimen (id, kind, name, dose_mg, times, every_n_days, with_vitamin_c,
             start_date, stop_date, created_at, modified_at, deleted, device_id)
             VALUES ('6f1c2a3e-0000-4000-8000-000000000001', 'medication', 'Pramipexole', 0.25,
             '[\"20:00\"]', 1, 0, '2026-11-17', NULL, '2026-11-17T08:00:00Z',
             '2026-11-17T08:00:00Z', 0, 'phone')",
            [],
        )
        .unwrap();
    }
    let mut s = Store::open(&p).unwrap();
    let old = regimen(s.conn()).unwrap();
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].start_source, StartSource::Defaulted);
    // Each source written now reads back as written.
    for source in StartSource::ALL {
        let item = RegimenItem {
            meta: RecordMeta::new(now(), "phone"),
            kind: RegimenKind::Medication,
            name: format!("Ropinirole {source:?}"),
            dose_mg: None,
            times: vec![],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: "2026-10-01".parse().unwrap(),
            stop_date: None,
            start_source: source,
        };
        s.write(|tx| put_regimen(tx, &item)).unwrap();
        let back = regimen(s.conn()).unwrap();
        assert!(back.contains(&item), "{source:?}");
    }
}

/// The weekly ratings read from the kind index without decoding their JSON (issue #13) are
/// the ones serde would decode; any other stored text is decoded as JSON, as before.
#[test]
fn weekly_ratings_read_from_the_index_match_their_json() {
    let mut s = Store::open_in_memory().unwrap();
    let rating = |week: &str, items: Vec<u8>| crate::model::Event {
        meta: RecordMeta::new(now(), "t"),
        at: now(),
        kind: crate::model::EventKind::WeeklyIrls {
            week_ending: week.to_owned(),
            items,
        },
        note: None,
        warnings: vec![],
    };
    let stored = [
        rating("2026-11-15", vec![0, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
        // Out of range or too few items, and a day that does not exist: read as stored, for
        // the caller to leave out (`api::snapshot`).
        rating("2026-11-08", vec![9, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
        rating("2026-11-01", vec![1, 2]),
        rating("2026-02-30", vec![1; 10]),
        rating("2026-10-25", vec![10, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
    ];
    s.write(|tx| {
        for e in &stored {
            put_event(tx, e)?;
        }
        Ok(())
    })
    .unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let other = |week: &str, items: Vec<u8>| {
        IndexedRating::Other(IndexedWeeklyIrls {
            week_ending: week.to_owned(),
            items,
        })
    };
    assert_eq!(
        weekly_irls_kinds(s.conn()).unwrap(),
        vec![
            other("2026-02-30", vec![1; 10]),
            other("2026-10-25", vec![10, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
            other("2026-11-01", vec![1, 2]),
            IndexedRating::Plain(d("2026-11-08"), [9, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
            IndexedRating::Plain(d("2026-11-15"), [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]),
        ]
    );
}

/// Schema 6 (issue #13) narrows the kind index to the long-lived kinds and adds a dose index:
/// a schema-5 diary migrates, and each kind reader finds what it found before, the kinds
/// outside the narrowed index included.
#[test]
fn a_schema_5_diary_migrates_to_the_narrow_kind_indexes_and_every_kind_is_still_found() {
    use crate::model::{ActivityKind, Event, EventKind, IntakeKind, IvIronFormulation};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.db");
    let at = |day: u32| Utc.with_ymd_and_hms(2026, 11, day, 8, 0, 0).unwrap();
    let event = |day: u32, kind: EventKind| Event {
        meta: RecordMeta::new(at(day), "phone"),
        at: at(day),
        kind,
        note: None,
        warnings: vec![],
    };
    let dose = |day: u32, item: &str| {
        event(
            day,
            EventKind::Dose {
                regimen_id: item.to_owned(),
            },
        )
    };
    let weekly = |day: u32, week: &str| {
        event(
            day,
            EventKind::WeeklyIrls {
                week_ending: week.to_owned(),
                items: vec![2; 10],
            },
        )
    };
    let intake = event(
        3,
        EventKind::Intake {
            what: IntakeKind::Coffee,
        },
    );
    let activity = event(
        4,
        EventKind::Activity {
            what: ActivityKind::Walk,
            intensity: None,
            minutes: Some(20),
        },
    );
    let iv = event(
        5,
        EventKind::IvIron {
            formulation: IvIronFormulation::FerricCarboxymaltose,
        },
    );
    let mut gone = event(
        6,
        EventKind::IvIron {
            formulation: IvIronFormulation::Ferumoxytol,
        },
    );
    gone.meta.deleted = true;
    let (iron_1, iron_2, magnesium) = (dose(7, "iron"), dose(9, "iron"), dose(8, "magnesium"));
    let (week_1, week_2) = (weekly(8, "2026-11-08"), weekly(15, "2026-11-15"));
    {
        let mut c = Connection::open(&p).unwrap();
        for sql in schema::MIGRATIONS_FOR_TESTS.iter().take(5) {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 5).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        let tx = c.transaction().unwrap();
        for e in [
            &intake, &activity, &iv, &gone, &iron_1, &iron_2, &magnesium, &week_1, &week_2,
        ] {
            put_event(&tx, e).unwrap();
        }
        tx.commit().unwrap();
    }
    let s = Store::open(&p).unwrap();
    let c = s.conn();
    // The migration's index terms are the ones the readers state (else SQLite would not read
    // the partial indexes, and `INDEXED BY` would refuse the readers' statements).
    let index_sql = |name: &str| -> String {
        c.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(index_sql("events_by_kind").contains(LONG_LIVED_KINDS));
    assert!(index_sql("events_doses_by_time").contains(DOSE_KINDS));
    let of = |kind: &str| events_of_kinds(c, &[kind]).unwrap();
    assert_eq!(of("iv_iron"), vec![iv.clone()]);
    assert_eq!(of("weekly_irls"), vec![week_1.clone(), week_2.clone()]);
    // Kinds outside the narrowed index are still found (by a scan).
    assert_eq!(
        of("dose"),
        vec![iron_1.clone(), magnesium.clone(), iron_2.clone()]
    );
    assert_eq!(of("intake"), vec![intake]);
    assert_eq!(of("activity"), vec![activity]);
    assert_eq!(
        events_of_kinds(c, &["weekly_irls", "iv_iron"]).unwrap(),
        vec![iv, week_1.clone(), week_2.clone()]
    );
    // Every item's doses in the range, no intake, activity, infusion or rating; the range's
    // end is open.
    assert_eq!(
        doses_between(c, at(1), at(30)).unwrap(),
        vec![iron_1.clone(), magnesium.clone(), iron_2.clone()]
    );
    assert_eq!(
        doses_between(c, at(8), at(9)).unwrap(),
        vec![magnesium.clone()]
    );
    assert_eq!(
        doses_of(c, "iron", at(1), at(30)).unwrap(),
        vec![iron_1.clone(), iron_2]
    );
    assert_eq!(doses_of(c, "iron", at(1), at(9)).unwrap(), vec![iron_1]);
    assert_eq!(doses_of(c, "magnesium", at(9), at(30)).unwrap(), vec![]);
    assert_eq!(weekly_irls_kinds(c).unwrap().len(), 2);
    assert_eq!(
        weekly_irls_week_before(c, None).unwrap().as_deref(),
        Some("2026-11-15")
    );
    assert_eq!(
        weekly_irls_from(c, NaiveDate::from_ymd_opt(2026, 11, 9)).unwrap(),
        vec![week_2.clone()]
    );
    assert_eq!(
        weekly_irls_between(
            c,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 8).unwrap()
        )
        .unwrap(),
        vec![week_1]
    );
}

// ---- the latest lab of each analyte (issue #13, cold start) -----------------------------------

fn lab_at(analyte: crate::model::Analyte, value: f64, on: &str, created_minute: u32) -> Lab {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 1, 8, created_minute, 0)
        .unwrap();
    Lab {
        meta: RecordMeta::new(at, "device-a"),
        analyte,
        value: crate::model::LabValue::from_entry(analyte, value, analyte.canonical_unit())
            .unwrap(),
        taken_on: on.parse().unwrap(),
    }
}

/// What the store answered before `latest_labs`, one analyte at a time.
fn latest_one_at_a_time(c: &Connection, analyte: crate::model::Analyte) -> Option<Lab> {
    c.query_row(
        &format!(
            "SELECT {LAB_COLS}, {META_COLS} FROM labs WHERE deleted = 0 AND analyte = ?1
             ORDER BY taken_on DESC, created_at DESC LIMIT 1"
        ),
        [crate::model::enums::name_of(&analyte)],
        lab_row,
    )
    .optional()
    .unwrap()
}

#[test]
fn the_latest_lab_of_each_analyte_is_the_latest_date_then_the_latest_entered() {
    use crate::model::Analyte::{Egfr, Ferritin, Tsat};
    let mut s = Store::open_in_memory().unwrap();
    // Ferritin: three results on the latest date, the one entered last neither first nor last
    // in the file, and an earlier date entered after all of them. TSAT: the latest result
    // deleted. No eGFR.
    let later_same_day = lab_at(Ferritin, 40.0, "2026-10-01", 30);
    let earlier_same_day = lab_at(Ferritin, 90.0, "2026-10-01", 10);
    let between_same_day = lab_at(Ferritin, 60.0, "2026-10-01", 20);
    let older = lab_at(Ferritin, 20.0, "2026-09-01", 50);
    let tsat = lab_at(Tsat, 18.0, "2026-08-01", 0);
    let tsat_deleted = lab_at(Tsat, 35.0, "2026-10-02", 0);
    s.write(|tx| {
        for l in [
            &earlier_same_day,
            &later_same_day,
            &between_same_day,
            &older,
            &tsat,
            &tsat_deleted,
        ] {
            put_lab(tx, l)?;
        }
        Ok(())
    })
    .unwrap();
    s.delete(&tsat_deleted.meta.id.to_string(), now()).unwrap();
    let got = latest_labs(s.conn(), &[Ferritin, Tsat, Egfr]).unwrap();
    assert_eq!(got, vec![later_same_day.clone(), tsat.clone()]);
    // In the order asked, and the same answer the one-at-a-time query gave.
    assert_eq!(
        latest_labs(s.conn(), &[Egfr, Tsat, Ferritin]).unwrap(),
        vec![tsat, later_same_day]
    );
    for a in [Ferritin, Tsat, Egfr] {
        assert_eq!(
            latest_labs(s.conn(), &[a]).unwrap().pop(),
            latest_one_at_a_time(s.conn(), a)
        );
    }
    assert!(latest_labs(s.conn(), &[]).unwrap().is_empty());
}

#[test]
fn of_two_latest_labs_entered_in_the_same_millisecond_the_greater_id_is_the_latest() {
    use crate::model::Analyte::Ferritin;
    let mut s = Store::open_in_memory().unwrap();
    let a = lab_at(Ferritin, 40.0, "2026-10-01", 30);
    let mut b = lab_at(Ferritin, 90.0, "2026-10-01", 30);
    b.meta.created_at = a.meta.created_at;
    let greater = a.meta.id.max(b.meta.id);
    // Whichever is written first.
    for order in [[&a, &b], [&b, &a]] {
        s.write(|tx| {
            tx.execute("DELETE FROM labs", [])?;
            for l in order {
                put_lab(tx, l)?;
            }
            Ok(())
        })
        .unwrap();
        let got = latest_labs(s.conn(), &[Ferritin]).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].meta.id, greater);
    }
}

/// The latest week-ending text before a date (`api::snapshot` walks the latest run of weekly
/// ratings with it): read from the stored text, strictly before the date, live ratings only;
/// a week-ending text that does not start with a digit is never returned (the caller reads
/// those apart), and a date-shaped text that is no date is returned as stored.
#[test]
fn the_latest_week_before_a_date_is_the_stored_text_of_a_live_dated_rating() {
    let mut s = Store::open_in_memory().unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(weekly_irls_week_before(s.conn(), None).unwrap(), None);
    let rating = |week: &str, deleted: bool| {
        let mut meta = RecordMeta::new(now(), "t");
        meta.deleted = deleted;
        crate::model::Event {
            meta,
            at: now(),
            kind: crate::model::EventKind::WeeklyIrls {
                week_ending: week.to_owned(),
                items: vec![1; 10],
            },
            note: None,
            warnings: vec![],
        }
    };
    let stored = [
        rating("2026-11-08", false),
        rating("2026-11-15", false),
        rating("2026-11-22", true),
        rating("week 48", false),
        rating("2026-02-30", false),
    ];
    s.write(|tx| {
        for e in &stored {
            put_event(tx, e)?;
        }
        Ok(())
    })
    .unwrap();
    let before = |date: Option<&str>| weekly_irls_week_before(s.conn(), date.map(d)).unwrap();
    assert_eq!(before(None).as_deref(), Some("2026-11-15"));
    assert_eq!(before(Some("2026-11-30")).as_deref(), Some("2026-11-15"));
    assert_eq!(before(Some("2026-11-15")).as_deref(), Some("2026-11-08"));
    assert_eq!(before(Some("2026-11-08")).as_deref(), Some("2026-02-30"));
    assert_eq!(before(Some("2026-02-28")), None);
}

/// `Store::read` runs its reads in one transaction (one snapshot of the diary, one lock), and a
/// read inside it joins it instead of failing to begin a second; the transaction has ended when
/// it returns.
#[test]
fn a_read_runs_in_one_transaction_that_a_read_inside_it_joins() {
    let s = Store::open_in_memory().unwrap();
    let inside = s
        .read(|| {
            let nested = s.read(|| Ok::<_, Error>(s.conn().is_autocommit()))?;
            Ok::<_, Error>((s.conn().is_autocommit(), nested))
        })
        .unwrap();
    assert_eq!(inside, (false, false));
    assert!(s.conn().is_autocommit());
}
