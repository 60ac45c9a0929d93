//! #12, the variants a fresh reviewer found after the first fixes: an export over a diary, a
//! typo in `--db`, clock skew between devices, concurrent `profile set`, a reminder done on two
//! devices, re-logging a night to add a detail, a diary made through a dangling link, and
//! import errors that echoed diary content.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::{Output, Stdio};

mod common;
use common::{bin, ok, ok_at, ql, stderr, NOW};

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

fn night_of(db: &Path, date: &str) -> serde_json::Value {
    let v = json(&ok(db, &["--json", "nights", "--from", date, "--to", date]));
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    v[0].clone()
}

/// Exit 2, the path named, and the file byte for byte as before.
fn refused_untouched(out: &Output, target: &Path, before: &[u8]) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(
        stderr(out).contains(&target.display().to_string()),
        "{}",
        stderr(out)
    );
    assert_eq!(
        std::fs::read(target).unwrap(),
        before,
        "{}",
        target.display()
    );
}

// 1. -----------------------------------------------------------------------------------------

#[test]
fn no_export_format_overwrites_a_diary_or_any_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    let other = dir.path().join("other.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    ok(
        &other,
        &["log", "night", "--date", "2026-11-19", "--severity", "3"],
    );
    // A plain SQLite file that is not a diary: recognised by its header too.
    let plain = dir.path().join("plain.sqlite");
    {
        let mut f = std::fs::File::create(&plain).unwrap();
        use std::io::Write as _;
        f.write_all(b"SQLite format 3\0").unwrap();
        f.write_all(&[0u8; 100]).unwrap();
    }
    let wal = {
        let mut n = db.clone().into_os_string();
        n.push("-wal");
        std::path::PathBuf::from(n)
    };
    let shm = {
        let mut n = db.clone().into_os_string();
        n.push("-shm");
        std::path::PathBuf::from(n)
    };
    let formats: [&[&str]; 6] = [
        &["export", "-o"],
        &["export", "--encrypt", "-o"],
        &["export", "--format", "report", "-o"],
        &["export", "--format", "ics", "-o"],
        &["export", "--format", "fhir", "-o"],
        &["export", "--format", "csv", "-o"],
    ];
    let mut targets = vec![db.clone(), other.clone(), plain.clone()];
    // The open diary's own -wal/-shm, when they are there.
    for s in [&wal, &shm] {
        if s.exists() {
            targets.push(s.clone());
        }
    }
    for f in formats {
        for t in &targets {
            let before = std::fs::read(t).unwrap();
            let mut args: Vec<&str> = f.to_vec();
            let ts = t.to_str().unwrap();
            if f.contains(&"csv") {
                // A folder holding a diary under one of the CSV names.
                let folder = dir.path().join("csv");
                std::fs::create_dir_all(&folder).unwrap();
                let victim = folder.join("nights.csv");
                std::fs::copy(&other, &victim).unwrap();
                let before = std::fs::read(&victim).unwrap();
                args.push(folder.to_str().unwrap());
                let out = ql(&db, &args);
                refused_untouched(&out, &victim, &before);
                assert!(!folder.join("labs.csv").exists(), "nothing written");
                continue;
            }
            args.push(ts);
            let out = ql(&db, &args);
            refused_untouched(&out, t, &before);
        }
    }
    // The diary still opens with its night.
    assert_eq!(night_of(&db, "2026-11-20")["quick_severity"], 5);
}

#[test]
fn an_export_through_another_spelling_of_the_open_diary_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    let before = std::fs::read(&db).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let out = ql(&db, &["export", "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn the_demo_report_never_overwrites_a_diary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    let before = std::fs::read(&db).unwrap();
    let demo = dir.path().join("demo.db");
    let out = bin()
        .arg("demo")
        .arg("--file")
        .arg(&demo)
        .arg("--report")
        .arg(&db)
        .output()
        .unwrap();
    refused_untouched(&out, &db, &before);
    assert!(!demo.exists(), "nothing written, not even the demo diary");
}

// 2. -----------------------------------------------------------------------------------------

#[test]
fn a_command_that_only_reads_never_creates_a_diary() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("diary.bd");
    let backup = dir.path().join("backup.json");
    std::fs::write(&backup, "a good backup").unwrap();
    let reads: [&[&str]; 14] = [
        &["nights"],
        &["labs"],
        &["events", "--date", "2026-11-20"],
        &["status"],
        &["plan"],
        &["iron-window"],
        &["check", "coffee"],
        &["reminders"],
        &["export", "-o", backup.to_str().unwrap()],
        &["profile", "show"],
        &["regimen", "list"],
        &["habit", "list"],
        &["med", "augmentation"],
        &["delete", "00000000-0000-0000-0000-000000000000"],
    ];
    for args in reads {
        let out = ql(&typo, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(&format!("no such diary: {}", typo.display())),
            "{args:?}: {e}"
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "a good backup");
    // A dangling link is no diary either, and its target is not created.
    let link = dir.path().join("dl.db");
    std::os::unix::fs::symlink(dir.path().join("t.db"), &link).unwrap();
    assert_eq!(ql(&link, &["nights"]).status.code(), Some(2));
    assert!(!dir.path().join("t.db").exists());
    // Writing commands may create it.
    ok(
        &typo,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    assert!(typo.exists());
}

#[test]
fn importing_a_missing_file_leaves_no_new_diary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let out = ql(
        &db,
        &["import", dir.path().join("missing.json").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing.json"), "{}", stderr(&out));
    assert!(!db.exists());
}

// 3. -----------------------------------------------------------------------------------------

#[test]
fn a_clock_running_ahead_cannot_undo_a_later_correction() {
    let dir = tempfile::tempdir().unwrap();
    let fast = dir.path().join("fast.db");
    let good = dir.path().join("good.db");
    let file = dir.path().join("fast.json");
    // The fast device's clock is 23 h ahead.
    let ahead = "2026-11-22T11:00:00Z";
    ok_at(
        ahead,
        &fast,
        &["log", "night", "--date", "2026-11-20", "--severity", "9"],
    );
    ok_at(ahead, &fast, &["export", "-o", file.to_str().unwrap()]);
    // Accepted (never refused: it is the person's backup) ...
    ok(&good, &["import", file.to_str().unwrap()]);
    assert_eq!(night_of(&good, "2026-11-20")["quick_severity"], 9);
    // ... and a correction made here afterwards wins, also on the fast device.
    let later = "2026-11-21T12:01:00Z";
    ok_at(
        later,
        &good,
        &["log", "night", "--date", "2026-11-20", "--severity", "2"],
    );
    assert_eq!(night_of(&good, "2026-11-20")["quick_severity"], 2);
    let back = dir.path().join("good.json");
    ok_at(later, &good, &["export", "-o", back.to_str().unwrap()]);
    ok_at(ahead, &fast, &["import", back.to_str().unwrap()]);
    assert_eq!(night_of(&fast, "2026-11-20")["quick_severity"], 2);
    // An edit on the fast device's own 23-h-ahead version, made with a correct clock, wins too.
    let fast2 = dir.path().join("fast2.db");
    ok_at(ahead, &fast2, &["import", file.to_str().unwrap()]);
    ok_at(
        NOW,
        &fast2,
        &["log", "night", "--date", "2026-11-20", "--severity", "1"],
    );
    assert_eq!(night_of(&fast2, "2026-11-20")["quick_severity"], 1);
}

// 4. -----------------------------------------------------------------------------------------

fn concurrent_profile_sets(db: &Path) {
    let sets: [&[&str]; 3] = [
        &["profile", "set", "--bedtime", "22:15"],
        &["profile", "set", "--wake", "06:45"],
        &["profile", "set", "--tz", "Europe/Berlin"],
    ];
    let children: Vec<_> = sets
        .iter()
        .map(|args| {
            bin()
                .arg("--db")
                .arg(db)
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn concurrent_profile_sets_each_keep_their_change_and_make_one_profile() {
    for round in 0..6 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("diary.db");
        // Half the rounds on an existing diary with a profile, half on a fresh path.
        if round % 2 == 0 {
            ok(&db, &["profile", "set", "--dinner", "18:00"]);
        }
        concurrent_profile_sets(&db);
        let p = json(&ok(&db, &["--json", "profile", "show"]));
        assert_eq!(p["bedtime"], "22:15", "round {round}: {p}");
        assert_eq!(p["wake_time"], "06:45", "round {round}: {p}");
        assert_eq!(p["time_zone"], "Europe/Berlin", "round {round}: {p}");
        let file = dir.path().join("e.json");
        ok(&db, &["export", "-o", file.to_str().unwrap()]);
        let e = json(&std::fs::read_to_string(&file).unwrap());
        let profiles = e["records"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == "profile")
            .count();
        assert_eq!(profiles, 1, "round {round}");
    }
}

// 5. -----------------------------------------------------------------------------------------

#[test]
fn a_reminder_done_on_two_devices_is_one_dose_after_merging() {
    let dir = tempfile::tempdir().unwrap();
    let phone = dir.path().join("phone.db");
    let tablet = dir.path().join("tablet.db");
    ok(&phone, &["regimen", "add", "iron", "--at", "08:00"]);
    let f = dir.path().join("phone.json");
    ok(&phone, &["export", "-o", f.to_str().unwrap()]);
    ok(&tablet, &["import", f.to_str().unwrap()]);
    let rs = json(&ok(&phone, &["--json", "reminders"]));
    let id = rs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "iron" && r["date"] == "2026-11-21")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&phone, &["reminder", "done", &id]);
    ok(&tablet, &["reminder", "done", &id]);
    let t = dir.path().join("tablet.json");
    ok(&tablet, &["export", "-o", t.to_str().unwrap()]);
    ok(&phone, &["import", t.to_str().unwrap()]);
    let events = json(&ok(&phone, &["--json", "events", "--date", "2026-11-21"]));
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
}

#[test]
fn done_on_a_reminder_far_in_the_future_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(&db, &["regimen", "add", "iron", "--at", "08:00"]);
    let rs = json(&ok(&db, &["--json", "reminders"]));
    let id = rs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "iron" && r["date"] == "2026-11-24")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = ql(&db, &["reminder", "done", &id]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("reminder"), "{}", stderr(&out));
    let events = json(&ok(&db, &["--json", "events", "--date", "2026-11-24"]));
    assert_eq!(events.as_array().unwrap().len(), 0);
}

// 6. -----------------------------------------------------------------------------------------

#[test]
fn logging_a_night_again_keeps_what_it_does_not_say() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &[
            "log",
            "night",
            "--date",
            "2026-11-20",
            "--severity",
            "4",
            "--awakenings",
            "2",
            "--note",
            "after the long drive",
            "--areas",
            "legs,arms",
        ],
    );
    ok(
        &db,
        &[
            "log",
            "night",
            "--date",
            "2026-11-20",
            "--severity",
            "6",
            "--sleep",
            "5",
        ],
    );
    let n = night_of(&db, "2026-11-20");
    assert_eq!(n["quick_severity"], 6, "{n}");
    assert_eq!(n["sleep_hours"], 5.0, "{n}");
    assert_eq!(n["awakenings"], 2, "{n}");
    assert_eq!(n["notes"], "after the long drive", "{n}");
    assert_eq!(n["body_areas"].as_array().unwrap().len(), 2, "{n}");
    // What is given replaces.
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--note", "better"],
    );
    assert_eq!(night_of(&db, "2026-11-20")["notes"], "better");
}

// 7. -----------------------------------------------------------------------------------------

#[test]
fn a_diary_made_through_a_dangling_link_is_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.db");
    let link = dir.path().join("dl.db");
    std::os::unix::fs::symlink("target.db", &link).unwrap();
    ok(
        &link,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

// 8. -----------------------------------------------------------------------------------------

#[test]
fn import_errors_say_where_and_what_never_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    ok(
        &db,
        &["log", "night", "--date", "2026-11-19", "--severity", "4"],
    );
    let f = dir.path().join("e.json");
    ok(&db, &["export", "-o", f.to_str().unwrap()]);
    let good = std::fs::read_to_string(&f).unwrap();
    let cases = [
        // An unknown word in a list.
        good.replacen("\"body_areas\":[]", "\"body_areas\":[\"SECRETWORD\"]", 1),
        // A value of the wrong type.
        good.replacen("\"notes\":null", "\"notes\":[\"SECRETWORD\"]", 1),
        // An implausible date.
        good.replacen("2026-11-19", "0026-11-19", 1),
        // Broken JSON after a string.
        good.replacen("\"notes\":null", "\"notes\":\"SECRETWORD\" x", 1),
    ];
    for (i, bad) in cases.iter().enumerate() {
        assert_ne!(bad, &good, "case {i}");
        let p = dir.path().join(format!("bad{i}.json"));
        std::fs::write(&p, bad).unwrap();
        let out = ql(
            &dir.path().join("other.db"),
            &["import", p.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(!e.contains("SECRETWORD"), "case {i}: {e}");
        assert!(!e.contains("0026"), "case {i}: {e}");
        assert!(e.contains("record") || e.contains("line"), "case {i}: {e}");
    }
}

// If time remains. ---------------------------------------------------------------------------

#[test]
fn a_reversed_range_is_an_error_naming_from_and_to() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-10", "--severity", "5"],
    );
    let out = ql(
        &db,
        &["nights", "--from", "2026-11-20", "--to", "2026-11-01"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("from") && e.contains("to") && e.contains("reversed"),
        "{e}"
    );
}

#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-10", "--severity", "5"],
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["--json", "nights"])
        .stdout(full)
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_name_with_a_line_break_stays_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    let s = ok(
        &db,
        &[
            "regimen",
            "add",
            "medicine",
            "Ropinirole\nlogged 2026-11-20  severity 0/10",
            "--mg",
            "0.25",
            "--at",
            "21:00",
            "--start",
            "2026-11-01",
        ],
    );
    let listed = ok(&db, &["regimen", "list"]);
    for text in [&s, &listed] {
        assert!(!text.lines().any(|l| l.starts_with("logged")), "{text}");
        assert!(text.contains("Ropinirole\\nlogged"), "{text}");
    }
}
