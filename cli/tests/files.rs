//! Export, import and demo as a person runs them, and an import killed with SIGKILL at random
//! points: the diary is always as before or as after, never between.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::{ok, ql};

/// The diary's records, sorted, without the export header.
fn records(db: &Path, dir: &Path) -> Vec<String> {
    let out = dir.join(format!("snap-{}.json", uuid_like()));
    ok(db, &["export", "-o", out.to_str().unwrap()]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut r: Vec<String> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.to_string())
        .collect();
    r.sort();
    r
}

fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn demo_then_every_export_format_and_an_encrypted_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    let report = dir.path().join("report.html");
    let text = common::demo(&demo, &report);
    assert!(
        text.contains("Plan for")
            && text.contains("IRON")
            && text.contains(report.to_str().unwrap()),
        "{text}"
    );
    assert!(std::fs::read_to_string(&report).unwrap().contains("<svg"));
    // Running it again refreshes rather than doubling.
    common::demo(&demo, &report);
    let nights: serde_json::Value =
        serde_json::from_str(&ok(&demo, &["nights", "--json"])).unwrap();
    assert_eq!(nights.as_array().unwrap().len(), 120);

    for (fmt, file) in [("fhir", "b.json"), ("report", "r.html"), ("ics", "c.ics")] {
        let p = dir.path().join(file);
        ok(
            &demo,
            &["export", "--format", fmt, "-o", p.to_str().unwrap()],
        );
        assert!(std::fs::metadata(&p).unwrap().len() > 100, "{fmt}");
    }
    ok(
        &demo,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            dir.path().join("csv").to_str().unwrap(),
        ],
    );
    assert!(dir.path().join("csv/nights.csv").exists());

    let enc = dir.path().join("diary.age");
    ok(&demo, &["export", "--encrypt", "-o", enc.to_str().unwrap()]);
    let other = dir.path().join("other.db");
    let out = ok(&other, &["import", enc.to_str().unwrap()]);
    assert!(out.contains("added"), "{out}");
    assert_eq!(records(&demo, dir.path()), records(&other, dir.path()));
    let again = ok(&other, &["import", enc.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(r["added"], 0);
    assert_eq!(r["updated"], 0);
}

#[test]
fn a_bad_import_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    let before = records(&db, dir.path());
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"quietlegs-export","version":9,"records":[]}"#,
    )
    .unwrap();
    let out = ql(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer"));
    assert_eq!(records(&db, dir.path()), before);
}

#[test]
fn an_import_killed_at_random_points_leaves_the_diary_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    common::demo(&source, &dir.path().join("r.html"));
    let file = dir.path().join("big.json");
    ok(&source, &["export", "-o", file.to_str().unwrap()]);

    let target = dir.path().join("target.db");
    ok(
        &target,
        &["log", "night", "--date", "2026-11-20", "--severity", "5"],
    );
    let before = records(&target, dir.path());
    // What a completed import gives, computed on a copy.
    let done = dir.path().join("done.db");
    std::fs::copy(&target, &done).unwrap();
    ok(&done, &["import", file.to_str().unwrap()]);
    let after = records(&done, dir.path());
    assert_ne!(before, after);

    let pristine = dir.path().join("pristine.db");
    std::fs::copy(&target, &pristine).unwrap();
    let (mut seen_before, mut seen_after) = (0, 0);
    for i in 0..30u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quietlegs"))
            .arg("--db")
            .arg(&target)
            .args(["import", file.to_str().unwrap()])
            .env("QUIETLEGS_NOW", "2026-11-21T12:00:00Z")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the import's life (0 to 150 ms).
        std::thread::sleep(Duration::from_micros((i * 7919) % 150_000));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now = records(&target, dir.path());
        if now == before {
            seen_before += 1;
        } else if now == after {
            seen_after += 1;
            // Back to the old state for the next round.
            for s in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{s}", target.display()));
            }
            std::fs::copy(&pristine, &target).unwrap();
        } else {
            panic!("round {i}: the diary is neither as before nor as after the import");
        }
    }
    eprintln!("killed 30 imports: {seen_before} left it as before, {seen_after} as after");
}
