//! The input review (#13/#15) as a person types it: each refusal is one line naming the field,
//! exit status 2, and the diary byte-identical; what should be read is read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use std::path::Path;

use common::{ok, ql, stderr};

/// Runs a command that must be refused: exit 2, one line naming `says`, the diary unchanged.
fn refused(db: &Path, args: &[&str], says: &str) -> String {
    let before = std::fs::read(db).unwrap();
    let out = ql(db, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    assert_eq!(before, std::fs::read(db).unwrap(), "{args:?} wrote");
    err
}

fn diary(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("q.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    db
}

/// Review #2 and #5: a day that does not exist is named as such with its field; a status for a
/// day after today is refused naming `date`. Review #3: a time with an offset and no seconds is
/// read.
#[test]
fn dates_that_do_not_exist_or_lie_ahead_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    refused(
        &db,
        &["log", "night", "--date", "2026-02-30", "--severity", "3"],
        "invalid night date: 2026-02-30 is not a day of the calendar",
    );
    refused(
        &db,
        &[
            "lab",
            "add",
            "ferritin",
            "40",
            "ng/mL",
            "--date",
            "2026-02-30",
        ],
        "invalid lab date: 2026-02-30 is not a day of the calendar",
    );
    refused(
        &db,
        &["status", "--date", "2026-11-22"],
        "invalid date: 2026-11-22 is after today (2026-11-21)",
    );
    ok(&db, &["status", "--date", "2026-11-21"]);
    let out = ok(
        &db,
        &[
            "log",
            "intake",
            "coffee",
            "--at",
            "2026-11-21T09:10+01:00",
            "--json",
        ],
    );
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        e["at_utc"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-21T08:10"),
        "{e}"
    );
}

/// Review #1: an imported night without its rating is named as missing.
#[test]
fn an_imported_night_without_a_rating_is_named_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    ok(
        &db,
        &["log", "night", "--date", "2026-11-20", "--severity", "4"],
    );
    let file = dir.path().join("e.json");
    ok(&db, &["export", "-o", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.replacen("\"quick_severity\":4,", "", 1);
    assert_ne!(cut, text);
    std::fs::write(&file, cut).unwrap();
    let other = dir.path().join("other.db");
    ok(&other, &["profile", "set", "--tz", "Europe/Berlin"]);
    let err = refused(
        &other,
        &["import", file.to_str().unwrap()],
        "field quick_severity: missing",
    );
    assert!(!err.contains("out of range"), "{err}");
}

/// Review #4: `--relief-then` takes a decimal comma, refuses 0 (hours of relief when the drug
/// worked) and text, naming the answer with its range. Review #6: `--clear` takes answers back.
#[test]
fn relief_hours_are_read_and_answers_can_be_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    let shown = ok(
        &db,
        &[
            "med",
            "augmentation",
            "--relief-then",
            "1,5",
            "--relief-now",
            "1",
            "--severity",
            "3",
        ],
    );
    assert!(shown.contains("1.5 h at first, 1 h now"), "{shown}");
    for bad in ["0", "abc", "30"] {
        refused(
            &db,
            &["med", "augmentation", "--relief-then", bad],
            "invalid relief hours at start:",
        );
    }
    let err = refused(
        &db,
        &["med", "augmentation", "--relief-then", "abc"],
        "more than 0 and at most 24 hours",
    );
    assert!(!err.contains("error: invalid value"), "not clap's: {err}");
    refused(
        &db,
        &[
            "med",
            "augmentation",
            "--clear",
            "relief-then",
            "--severity",
            "4",
        ],
        "invalid clear:",
    );
    refused(
        &db,
        &["med", "augmentation", "--clear", "bedtime"],
        "invalid clear:",
    );
    let shown = ok(&db, &["med", "augmentation", "--clear", "relief-then"]);
    assert!(
        shown.contains("relief from one dose: not answered at first, 1 h now"),
        "{shown}"
    );
    assert!(
        shown.contains("severity when it first worked: 3/10"),
        "{shown}"
    );
    let shown = ok(&db, &["med", "augmentation", "--clear", "all"]);
    assert!(shown.contains("no augmentation answers saved"), "{shown}");
    let shown = ok(&db, &["med", "augmentation"]);
    assert!(shown.contains("no augmentation answers saved"), "{shown}");
}

/// Review #7: the questionnaire hint after `regimen add` only when the diary lacks the nights
/// before the drug. Review #8: `log dose` by the medicine's name.
#[test]
fn the_questionnaire_hint_and_a_dose_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    for day in 1..=10 {
        ok(
            &db,
            &[
                "log",
                "night",
                "--date",
                &format!("2026-10-{day:02}"),
                "--severity",
                "3",
            ],
        );
    }
    const HINT: &str = "Answer the short augmentation questionnaire";
    let added = ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "pramipexole",
            "--start",
            "2026-10-15",
        ],
    );
    assert!(added.contains("pramipexole"), "{added}");
    assert!(
        !added.contains(HINT),
        "the diary covers the weeks before: {added}"
    );
    let added = ok(
        &db,
        &["regimen", "add", "med", "ropinirole", "--start", "unknown"],
    );
    assert!(added.contains(HINT), "start unknown: {added}");

    let out = ok(
        &db,
        &[
            "log",
            "dose",
            "Pramipexole",
            "--at",
            "2026-11-21T08:00",
            "--json",
        ],
    );
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&db, &["regimen", "list", "--json"])).unwrap();
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "pramipexole")
        .unwrap()["info"]["id"]
        .clone();
    assert_eq!(e["kind"]["regimen_id"], id, "{e}");
    refused(&db, &["log", "dose", "levodopa"], "regimen item not found");
}

/// Issue #15, item 6: `--clear` names its answers as the help spells them (`usual-onset`), and
/// negative numbers reach the core's range check naming the field instead of clap's
/// "unexpected argument".
#[test]
fn clear_uses_the_help_spelling_and_negative_numbers_are_range_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    ok(&db, &["med", "augmentation", "--severity", "3"]);
    let err = refused(
        &db,
        &["med", "augmentation", "--clear", "bedtime"],
        "usual-onset, severity, spread-before, relief-then, relief-now, dose-increases, or all",
    );
    assert!(!err.contains("usual_onset"), "{err}");
    for (args, says) in [
        (
            &["med", "augmentation", "--dose-increases", "-1"][..],
            "invalid dose increases: \"-1\": use a whole number 0-50",
        ),
        (
            &["med", "augmentation", "--dose-increases", "2.5"][..],
            "invalid dose increases:",
        ),
        (
            &["med", "augmentation", "--severity", "-2"][..],
            "invalid severity when it worked: \"-2\": use a whole number 0-10",
        ),
        (
            &[
                "log",
                "night",
                "--date",
                "2026-11-20",
                "--severity",
                "3",
                "--sleep",
                "-3",
            ][..],
            "invalid hours slept: -3",
        ),
    ] {
        let err = refused(&db, args, says);
        assert!(!err.contains("unexpected argument"), "{err}");
    }
    let shown = ok(&db, &["med", "augmentation", "--dose-increases", "2"]);
    assert!(
        shown.contains("severity when it first worked: 3/10"),
        "{shown}"
    );
}

/// Issue #15, item 2: IV iron is an infusion, never a daily pill: every brand and generic is
/// refused as a regimen entry (medicine, supplement or iron) naming `kind` and sent to
/// `log iv-iron` with its formulation word; nothing is written.
#[test]
fn iv_iron_is_sent_to_log_iv_iron_not_the_regimen() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    for (name, formulation) in [
        ("Ferinject", "ferric_carboxymaltose"),
        ("Injectafer", "ferric_carboxymaltose"),
        ("Venofer", "iron_sucrose"),
        ("Monofer", "other"),
        ("Feraheme", "ferumoxytol"),
        ("CosmoFer", "lmw_iron_dextran"),
        ("INFeD", "lmw_iron_dextran"),
        ("Ferrlecit", "other"),
        ("ferric carboxymaltose", "ferric_carboxymaltose"),
    ] {
        let says = format!("quietlegs log iv-iron {formulation}");
        let err = refused(
            &db,
            &["regimen", "add", "med", name, "--at", "10:00"],
            &says,
        );
        assert!(err.contains("invalid kind:"), "{err}");
        refused(&db, &["regimen", "add", "supplement", name], &says);
        refused(&db, &["regimen", "add", "iron", name, "--mg", "500"], &says);
    }
    // Oral iron keeps its own redirect, and `log iv-iron` takes the word it was given.
    refused(
        &db,
        &["regimen", "add", "med", "Ferro Sanol"],
        "add it as iron",
    );
    ok(&db, &["log", "iv-iron", "ferric_carboxymaltose"]);
}

/// Issue #15, item 1: iron at a time the person gives (a prescriber may fix it) is kept by the
/// plan and the reminders, and what clashes with it (levothyroxine, breakfast) is said at
/// `regimen add` and in the plan, with the earliest time clear of them; a time clear of
/// everything is kept without a warning.
#[test]
fn iron_at_a_time_the_person_gives_is_kept_and_its_clashes_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "UTC",
            "--wake",
            "06:00",
            "--breakfast",
            "07:30",
            "--lunch",
            "12:30",
            "--dinner",
            "18:30",
        ],
    );
    ok(
        &db,
        &["regimen", "add", "med", "levothyroxine", "--at", "06:30"],
    );
    let added = ok(
        &db,
        &["regimen", "add", "iron", "--mg", "100", "--at", "08:00"],
    );
    assert!(added.contains("at 08:00"), "{added}");
    assert!(
        added.contains("warning: 08:00 is less than 4 h after your 06:30 levothyroxine"),
        "{added}"
    );
    assert!(added.contains("after your 07:30 breakfast"), "{added}");
    assert!(
        added.contains("the earliest time clear of them today is 10:30"),
        "{added}"
    );
    let plan: serde_json::Value = serde_json::from_str(&ok(&db, &["--json", "plan"])).unwrap();
    assert_eq!(plan["iron"]["status"], "window", "{plan}");
    assert_eq!(
        plan["iron"]["start"]["utc"], "2026-11-21T08:00:00Z",
        "{plan}"
    );
    assert!(plan["iron"]["end"].is_null(), "{plan}");
    let rem: serde_json::Value = serde_json::from_str(&ok(&db, &["--json", "reminders"])).unwrap();
    let iron: Vec<&serde_json::Value> = rem
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "iron")
        .collect();
    assert!(!iron.is_empty(), "{rem}");
    assert!(
        iron.iter().all(|r| r["fire_at"]["utc"]
            .as_str()
            .is_some_and(|t| t.ends_with("T08:00:00Z"))),
        "{iron:?}"
    );
    // A time clear of everything: kept, no warning.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &["profile", "set", "--tz", "UTC", "--breakfast", "08:30"],
    );
    let added = ok(
        &db,
        &["regimen", "add", "iron", "--mg", "65", "--at", "11:00"],
    );
    assert!(!added.contains("warning"), "{added}");
    let plan = ok(&db, &["plan"]);
    assert!(plan.contains("11:00 — the time you set for iron"), "{plan}");
}

/// The import review: a value of the wrong type or form in an edited export names the record
/// and the field inside it, a version that is text, 0 or missing is refused in plain words, and
/// the diary's full export is the same after each refusal.
#[test]
fn an_edited_export_names_the_field_it_cannot_read_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = diary(dir.path());
    ok(
        &db,
        &[
            "log",
            "night",
            "--date",
            "2026-11-20",
            "--severity",
            "4",
            "--onset",
            "22:30",
            "--triggers",
            "caffeine,alcohol",
            "--note",
            "SECRET note",
        ],
    );
    let export = |name: &str| {
        let f = dir.path().join(name);
        ok(&db, &["export", "-o", f.to_str().unwrap()]);
        std::fs::read_to_string(&f).unwrap()
    };
    let before = export("before.json");
    let good: serde_json::Value = serde_json::from_str(&before).unwrap();
    let rs = good["records"].as_array().unwrap();
    let night = rs.iter().position(|r| r["type"] == "night").unwrap();
    let record = format!("record {} (night)", night + 1);
    type Edit = fn(&mut serde_json::Value, usize);
    let cases: [(Edit, String); 7] = [
        (
            |d, i| d["records"][i]["quick_severity"] = "7".into(),
            format!("{record}, field quick_severity: a value of the wrong type (line "),
        ),
        (
            |d, i| d["records"][i]["onset"] = "25:00:00".into(),
            format!("{record}, field onset: content of the wrong form (line "),
        ),
        (
            |d, i| d["records"][i]["meta"]["id"] = "SECRET-0000".into(),
            format!("{record}, field meta.id: not a UUID (line "),
        ),
        (
            |d, i| d["records"][i]["triggers"][1] = "SECRETWORD".into(),
            format!("{record}, field triggers[1]: a word this app does not know (line "),
        ),
        (
            |d, _| d["version"] = "1".into(),
            "export version \"1\" is not a number (this app reads version 1)".to_owned(),
        ),
        (
            |d, _| d["version"] = 0.into(),
            "export version 0 is not one this app reads (it reads version 1)".to_owned(),
        ),
        (
            |d, _| {
                d.as_object_mut().unwrap().remove("version");
            },
            "the \"version\" field is missing (this app reads version 1)".to_owned(),
        ),
    ];
    for (i, (edit, says)) in cases.iter().enumerate() {
        let mut doc = good.clone();
        edit(&mut doc, night);
        assert_ne!(doc, good, "case {i}");
        let p = dir.path().join(format!("edited{i}.json"));
        std::fs::write(&p, doc.to_string()).unwrap();
        let out = ql(&db, &["import", p.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "case {i}: {err}");
        assert!(err.contains(says.as_str()), "case {i}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "case {i}: {err}");
        for never in ["SECRET", "25:00", "Some(", "None", "String(", "Number("] {
            assert!(!err.contains(never), "case {i}: {err}");
        }
        assert_eq!(
            export(&format!("after{i}.json")),
            before,
            "case {i} changed the diary"
        );
    }
}
