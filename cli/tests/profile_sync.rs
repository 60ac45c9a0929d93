//! Two devices, two diaries: facts set on each before they synced both survive a sync both ways
//! (follow-up of #12 and #15: the profile merges field by field, not newest record whole).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `quietlegs --db DB ARGS` with the clock at `now`, insisting on success.
fn at(now: &str, db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quietlegs"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QUIETLEGS_NOW", now)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn profile(db: &Path) -> serde_json::Value {
    serde_json::from_str(&at(
        "2026-11-21T15:00:00Z",
        db,
        &["--json", "profile", "show"],
    ))
    .unwrap()
}

/// Exports `from` to `file` and imports it into `to`.
fn sync(from: &Path, to: &Path, file: &Path) {
    let f = file.to_str().unwrap();
    at("2026-11-21T14:00:00Z", from, &["export", "-o", f]);
    at("2026-11-21T14:00:00Z", to, &["import", f]);
}

#[test]
fn pregnancy_set_on_one_device_and_sex_on_another_both_survive_a_sync_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    at(
        "2026-11-21T12:00:00Z",
        &a,
        &["profile", "set", "--pregnant", "true"],
    );
    // B has not seen A's profile, and saves later.
    at(
        "2026-11-21T13:00:00Z",
        &b,
        &["profile", "set", "--sex", "female"],
    );
    sync(&a, &b, &dir.path().join("a.json"));
    sync(&b, &a, &dir.path().join("b.json"));
    for db in [&a, &b] {
        let p = profile(db);
        assert_eq!(p["pregnant"], true, "A's fact on {db:?}: {p}");
        assert_eq!(p["sex"], "female", "B's fact on {db:?}: {p}");
    }
    assert_eq!(profile(&a), profile(&b));

    // The other order: B syncs to A first, then A back to B.
    let (c, d) = (dir.path().join("c.db"), dir.path().join("d.db"));
    at(
        "2026-11-21T12:00:00Z",
        &c,
        &["profile", "set", "--pregnant", "true"],
    );
    at(
        "2026-11-21T13:00:00Z",
        &d,
        &["profile", "set", "--sex", "female"],
    );
    sync(&d, &c, &dir.path().join("d.json"));
    sync(&c, &d, &dir.path().join("c.json"));
    for db in [&c, &d] {
        let p = profile(db);
        assert_eq!(
            (&p["pregnant"], &p["sex"]),
            (&true.into(), &"female".into())
        );
    }
}

/// Answering one augmentation question keeps the other answers, here and, after a sync, on a
/// device that had them all (the fresh review: `--relief-now 4` alone cleared the rest).
#[test]
fn answering_one_augmentation_question_keeps_the_others_here_and_after_sync() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    at(
        "2026-11-20T10:00:00Z",
        &a,
        &[
            "med",
            "augmentation",
            "--usual-onset",
            "21:00",
            "--severity",
            "6",
            "--spread-before",
            "false",
            "--relief-then",
            "10",
            "--relief-now",
            "5",
            "--dose-increases",
            "2",
        ],
    );
    sync(&a, &b, &dir.path().join("a.json"));
    at(
        "2026-11-21T10:00:00Z",
        &a,
        &["med", "augmentation", "--relief-now", "4"],
    );
    sync(&a, &b, &dir.path().join("a2.json"));
    for db in [&a, &b] {
        let shown: serde_json::Value = serde_json::from_str(&at(
            "2026-11-21T15:00:00Z",
            db,
            &["--json", "med", "augmentation"],
        ))
        .unwrap();
        assert_eq!(shown["usual_onset"], "21:00", "{shown}");
        assert_eq!(shown["severity_when_it_worked"], 6, "{shown}");
        assert_eq!(shown["spread_beyond_legs_before"], false, "{shown}");
        assert_eq!(shown["relief_hours_at_start"], 10.0, "{shown}");
        assert_eq!(shown["relief_hours_now"], 4.0, "{shown}");
        assert_eq!(shown["dose_increases"], 2, "{shown}");
        assert_eq!(shown["answered_on"], "2026-11-21", "{shown}");
    }
}

/// Runs `quietlegs --db DB ARGS` with the clock at `now`, insisting on exit status 2; its stderr.
fn refused(now: &str, db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quietlegs"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QUIETLEGS_NOW", now)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?} was not refused");
    String::from_utf8(out.stderr).unwrap()
}

/// Deleting the profile record is refused, naming the id and its kind, and writes nothing: its
/// tombstone would spread by sync and wipe the settings on every device.
#[test]
fn deleting_a_profile_record_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let now = "2026-11-21T12:00:00Z";
    at(now, &a, &["profile", "set", "--pregnant", "true"]);
    let (before, after) = (dir.path().join("1.json"), dir.path().join("2.json"));
    at(now, &a, &["export", "-o", before.to_str().unwrap()]);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&before).unwrap()).unwrap();
    let id = file["records"][0]["meta"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(file["records"][0]["type"], "profile");
    let err = refused(now, &a, &["delete", &id]);
    assert!(err.contains(&id) && err.contains("profile"), "{err}");
    at(now, &a, &["export", "-o", after.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&before).unwrap(),
        std::fs::read_to_string(&after).unwrap()
    );
    assert_eq!(profile(&a)["pregnant"], true);
}

/// Impossible birth and due dates are refused naming the field, and nothing is written; a
/// plausible one is taken.
#[test]
fn impossible_birth_and_due_dates_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let now = "2026-11-27T10:00:00Z";
    at(now, &a, &["profile", "set", "--pregnant", "true"]);
    let (before, after) = (dir.path().join("1.json"), dir.path().join("2.json"));
    at(now, &a, &["export", "-o", before.to_str().unwrap()]);
    for (flag, date, field) in [
        ("--birth-date", "2030-01-01", "birth date"),
        ("--birth-date", "1850-01-01", "birth date"),
        ("--due-date", "1990-01-01", "due date"),
        ("--due-date", "2040-01-01", "due date"),
        ("--due-date", "2027-10-03", "due date"),
        ("--due-date", "2026-02-04", "due date"),
    ] {
        let err = refused(now, &a, &["profile", "set", flag, date]);
        assert!(err.contains(field) && err.contains(date), "{err}");
    }
    at(now, &a, &["export", "-o", after.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&before).unwrap(),
        std::fs::read_to_string(&after).unwrap(),
        "nothing written"
    );
    at(now, &a, &["profile", "set", "--due-date", "2027-09-30"]);
    at(now, &a, &["profile", "set", "--birth-date", "1990-04-01"]);
    let p = profile(&a);
    assert_eq!(p["due_date"], "2027-09-30", "{p}");
    assert_eq!(p["birth_date"], "1990-04-01", "{p}");
}

/// A value set explicitly is the person's fact of now even when it equals the default: a later
/// explicit "not pregnant", bedtime 23:00, wake 07:00, no due date and no routine on one device
/// beat the older pregnancy, times and routine set on another, in both sync directions (fresh
/// review: y's change list held only the time zone, so x's older values came back).
#[test]
fn an_explicit_value_equal_to_the_default_beats_an_older_value_from_another_device() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("x.db"), dir.path().join("y.db"));
    at(
        "2026-11-21T12:00:00Z",
        &x,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--pregnant",
            "true",
            "--due-date",
            "2027-03-01",
            "--bedtime",
            "22:00",
            "--wake",
            "06:00",
            "--routine",
            "warm_bath",
        ],
    );
    at(
        "2026-11-21T12:00:01Z",
        &y,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--pregnant",
            "false",
            "--due-date",
            "none",
            "--bedtime",
            "23:00",
            "--wake",
            "07:00",
            "--routine",
            "none",
        ],
    );
    let want = profile(&y);
    assert_eq!(want["pregnant"], false);
    sync(&x, &y, &dir.path().join("x.json"));
    sync(&y, &x, &dir.path().join("y.json"));
    for db in [&x, &y] {
        let p = profile(db);
        assert_eq!(p, want, "y's later explicit values on {db:?}");
        assert_eq!(p["due_date"], serde_json::Value::Null, "{p}");
        assert_eq!(p["bedtime"], "23:00", "{p}");
    }
}

/// An old backup (a profile record without field stamps, as versions before them wrote it)
/// imported into a diary where the person later set the value explicitly, to the default,
/// does not bring the older value back.
#[test]
fn an_old_backup_does_not_beat_a_later_explicit_default() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("x.db"), dir.path().join("y.db"));
    at(
        "2026-11-21T12:00:00Z",
        &x,
        &[
            "profile",
            "set",
            "--pregnant",
            "true",
            "--kidney-disease",
            "true",
        ],
    );
    let backup = dir.path().join("old.json");
    at(
        "2026-11-21T12:00:00Z",
        &x,
        &["export", "-o", backup.to_str().unwrap()],
    );
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).unwrap()).unwrap();
    let removed = file["records"][0]["profile"]
        .as_object_mut()
        .unwrap()
        .remove("changed");
    assert!(removed.is_some(), "the export stamps its fields: {file}");
    std::fs::write(&backup, file.to_string()).unwrap();
    at(
        "2026-11-21T13:00:00Z",
        &y,
        &[
            "profile",
            "set",
            "--pregnant",
            "false",
            "--kidney-disease",
            "false",
        ],
    );
    at(
        "2026-11-21T14:00:00Z",
        &y,
        &["import", backup.to_str().unwrap()],
    );
    let p = profile(&y);
    assert_eq!(p["pregnant"], false, "{p}");
    assert_eq!(p["kidney_disease"], false, "{p}");
}

/// An empty value is refused naming the field, and nothing is written: `--breakfast ""` used
/// to clear breakfast and `--routine ""` to switch off every routine reminder (`none` is the
/// explicit way to clear).
#[test]
fn an_empty_profile_value_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let now = "2026-11-27T10:00:00Z";
    at(
        now,
        &a,
        &[
            "profile",
            "set",
            "--breakfast",
            "07:30",
            "--lunch",
            "12:30",
            "--dinner",
            "19:00",
            "--routine",
            "warm_bath,movement",
            "--due-date",
            "2027-03-01",
            "--pregnant",
            "true",
            "--birth-date",
            "1990-04-01",
            "--sex",
            "female",
        ],
    );
    let before = profile(&a);
    for (flag, field) in [
        ("--breakfast", "breakfast"),
        ("--lunch", "lunch"),
        ("--dinner", "dinner"),
        ("--routine", "routine"),
        ("--due-date", "due date"),
        ("--birth-date", "birth date"),
        ("--sex", "sex"),
    ] {
        for empty in ["", "  ", " , "] {
            let err = refused(now, &a, &["profile", "set", flag, empty]);
            assert!(err.contains(field) && err.contains("none"), "{flag}: {err}");
        }
    }
    assert_eq!(profile(&a), before, "nothing written");
    at(
        now,
        &a,
        &["profile", "set", "--breakfast", "none", "--routine", "none"],
    );
    let p = profile(&a);
    assert_eq!(p["breakfast"], serde_json::Value::Null, "{p}");
    assert_eq!(p["lunch"], "12:30", "{p}");
}
