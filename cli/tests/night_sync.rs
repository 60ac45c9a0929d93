//! Nights on two devices (SPEC §4): a no-change re-log writes nothing, an empty value is
//! refused, and a night date logged on both devices before they synced shows both entries.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::process::{Command, Stdio};

fn run(now: &str, db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quietlegs"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QUIETLEGS_NOW", now)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Runs `quietlegs --db DB ARGS` with the clock at `now`, insisting on success; its stdout.
fn at(now: &str, db: &Path, args: &[&str]) -> String {
    let out = run(now, db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Insists on exit status 2 (invalid input); its stderr.
fn refused(now: &str, db: &Path, args: &[&str]) -> String {
    let out = run(now, db, args);
    assert_eq!(out.status.code(), Some(2), "{args:?} was not refused");
    String::from_utf8(out.stderr).unwrap()
}

const LATER: &str = "2026-11-22T18:00:00Z";

/// Exports `from` and imports it into `to`; the import's report.
fn sync(from: &Path, to: &Path, file: &Path) -> String {
    let f = file.to_str().unwrap();
    at(LATER, from, &["export", "-o", f]);
    at(LATER, to, &["import", f])
}

fn nights_json(db: &Path, date: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&at(
        LATER,
        db,
        &["--json", "nights", "--from", date, "--to", date],
    ))
    .unwrap()
}

/// A re-log that changes nothing (the same values, or only what is stored) writes nothing and
/// says so, so it cannot beat a real edit made earlier on another device (fresh review: it
/// bumped `modified_at` and the stale copy won the sync).
#[test]
fn a_no_change_relog_writes_nothing_and_does_not_beat_an_earlier_edit_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let d = "2026-11-20";
    at(
        "2026-11-21T08:00:00Z",
        &a,
        &["log", "night", "--date", d, "--severity", "5"],
    );
    sync(&a, &b, &dir.path().join("a1.json"));
    // B edits the night for real at 10:00; A, not yet synced, logs the same values at 12:00.
    at(
        "2026-11-21T10:00:00Z",
        &b,
        &["log", "night", "--date", d, "--severity", "7"],
    );
    let before = nights_json(&a, d);
    let out = at(
        "2026-11-21T12:00:00Z",
        &a,
        &["log", "night", "--date", d, "--severity", "5"],
    );
    assert!(out.contains("unchanged"), "{out}");
    let out = at("2026-11-21T12:01:00Z", &a, &["log", "night", "--date", d]);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(nights_json(&a, d), before, "nothing written");
    sync(&a, &b, &dir.path().join("a2.json"));
    sync(&b, &a, &dir.path().join("b.json"));
    for db in [&a, &b] {
        let ns = nights_json(db, d);
        assert_eq!(ns.len(), 1, "{ns:?}");
        assert_eq!(ns[0]["quick_severity"], 7, "B's edit on {db:?}");
    }
    // A real change still writes.
    let out = at(
        "2026-11-21T13:00:00Z",
        &a,
        &["log", "night", "--date", d, "--onset", "21:00"],
    );
    assert!(out.starts_with("logged"), "{out}");
}

/// `--note ""`, `--areas ""`, `--triggers ""` (and relief, onset) are refused naming the field
/// and saying how a field is cleared; nothing is written (they used to exit 0, keep the old
/// value and bump the night).
#[test]
fn an_empty_night_value_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let now = "2026-11-21T08:00:00Z";
    at(
        now,
        &a,
        &[
            "log",
            "night",
            "--date",
            "2026-11-20",
            "--severity",
            "5",
            "--note",
            "cramps",
            "--areas",
            "legs",
            "--triggers",
            "caffeine",
            "--relief",
            "walking:a_lot",
        ],
    );
    let before = nights_json(&a, "2026-11-20");
    for (flag, field) in [
        ("--note", "note"),
        ("--areas", "areas"),
        ("--triggers", "triggers"),
        ("--relief", "relief"),
        ("--onset", "onset"),
    ] {
        for empty in ["", " "] {
            let err = refused(
                now,
                &a,
                &["log", "night", "--date", "2026-11-20", flag, empty],
            );
            assert!(
                err.contains(field) && err.contains("delete"),
                "{flag}: {err}"
            );
        }
    }
    assert_eq!(nights_json(&a, "2026-11-20"), before, "nothing written");
}

/// Two devices each log the same night date before they sync: after a sync both ways each
/// diary keeps both entries, the import says so, `nights` lists both (marked, with ids), the
/// analyses keep using the newer one, and deleting one shows the other (fresh review: the older
/// device's onset and areas vanished from every view).
#[test]
fn a_night_logged_on_two_devices_shows_both_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let d = "2026-11-20";
    at(
        "2026-11-21T08:00:00Z",
        &a,
        &[
            "log",
            "night",
            "--date",
            d,
            "--severity",
            "5",
            "--onset",
            "21:00",
            "--areas",
            "legs",
        ],
    );
    at(
        "2026-11-21T09:00:00Z",
        &b,
        &[
            "log",
            "night",
            "--date",
            d,
            "--severity",
            "8",
            "--onset",
            "19:00",
            "--areas",
            "arms",
        ],
    );
    let report = sync(&a, &b, &dir.path().join("a.json"));
    let want = format!(
        "nights logged on two devices for the same date: 1 (both kept; see `nights --date {d}`)"
    );
    assert!(report.contains(&want), "{report}");
    let report = sync(&b, &a, &dir.path().join("b.json"));
    assert!(report.contains(&want), "{report}");
    for db in [&a, &b] {
        let ns = nights_json(db, d);
        assert_eq!(ns.len(), 2, "{db:?}: {ns:?}");
        assert_eq!(ns[0]["onset"], "19:00", "the newer (B's) first");
        assert_eq!(ns[0]["in_analyses"], true);
        assert_eq!(ns[1]["onset"], "21:00", "A's entry is listed too");
        assert_eq!(ns[1]["body_areas"], serde_json::json!(["legs"]));
        assert_eq!(ns[1]["in_analyses"], false);
        assert!(ns.iter().all(|n| n["entries_on_date"] == 2));
        let text = at(LATER, db, &["nights", "--date", d]);
        assert_eq!(text.matches("logged on 2 devices").count(), 2, "{text}");
        assert!(
            text.contains(ns[1]["info"]["id"].as_str().unwrap()),
            "{text}"
        );
    }
    // Deleting the entry shown first (B's) shows A's.
    let newer = nights_json(&a, d)[0]["info"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    at(LATER, &a, &["delete", &newer]);
    let text = at(LATER, &a, &["nights"]);
    assert!(!text.contains("no nights logged yet"), "{text}");
    assert!(
        text.contains("onset 21:00") && text.contains("legs"),
        "{text}"
    );
    let ns = nights_json(&a, d);
    assert_eq!(ns.len(), 1);
    assert_eq!(ns[0]["onset"], "21:00");
}

/// A note written as a bullet ("- woke twice") is a note, not an unknown option (fresh review:
/// it was refused as "unexpected argument '- '").
#[test]
fn a_note_may_start_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    at(
        LATER,
        &db,
        &[
            "log",
            "night",
            "--date",
            "2026-11-21",
            "--severity",
            "3",
            "--note",
            "- woke twice",
        ],
    );
    let text = at(LATER, &db, &["nights", "--date", "2026-11-21"]);
    assert!(text.contains("- woke twice"), "{text}");
}
