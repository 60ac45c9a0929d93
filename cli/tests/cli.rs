//! The CLI as a person types it: the README's examples work; bad input exits 2 and leaves the
//! database byte-identical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{ok, ok_at, ql, stderr};

#[test]
fn readme_examples_work_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--bedtime",
            "23:00",
            "--wake",
            "07:00",
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
            "--onset",
            "21:30",
            "--areas",
            "legs,arms",
            "--triggers",
            "caffeine",
            "--note",
            "long drive",
        ],
    );
    // The IRLS rates the past week (SPEC §2.7): logged once a week, not with a night.
    ok(
        &db,
        &[
            "log",
            "weekly-irls",
            "3,2,2,3,1,2,2,2,1,1",
            "--week-ending",
            "2026-11-20",
        ],
    );
    ok(
        &db,
        &["log", "intake", "coffee", "--at", "2026-11-21T09:10"],
    );
    ok(
        &db,
        &[
            "lab",
            "add",
            "ferritin",
            "42",
            "ng/mL",
            "--date",
            "2026-11-01",
        ],
    );

    let nights: serde_json::Value = serde_json::from_str(&ok(&db, &["nights", "--json"])).unwrap();
    assert_eq!(nights[0]["night_date"], "2026-11-20");
    assert_eq!(nights[0]["irls_total"], serde_json::Value::Null);
    let status: serde_json::Value = serde_json::from_str(&ok(&db, &["status", "--json"])).unwrap();
    assert_eq!(status["weekly_irls"]["ratings"][0]["total"], 19, "{status}");
    assert_eq!(nights[0]["triggers"][0], "caffeine");
    let labs: serde_json::Value = serde_json::from_str(&ok(&db, &["labs", "--json"])).unwrap();
    assert_eq!(labs[0]["value"], 42.0);
    assert_eq!(labs[0]["unit"], "ng/mL");

    let before = std::fs::read(&db).unwrap();
    let bad: &[&[&str]] = &[
        // A valid IRLS on a night is still a nightly IRLS: refused, pointing to the weekly one.
        &[
            "log",
            "night",
            "--date",
            "2026-11-19",
            "--severity",
            "3",
            "--irls",
            "2,2,2,2,2,2,2,2,2,2",
        ],
        // Its 7 days (9-15, ISO week 46) overlap the week ending 2026-11-20 logged above.
        &[
            "log",
            "weekly-irls",
            "1,1,1,1,1,1,1,1,1,1",
            "--week-ending",
            "2026-11-15",
        ],
        &["log", "night", "--date", "2026-11-30", "--severity", "3"],
        &["log", "night", "--date", "2026-11-19", "--severity", "11"],
        &["log", "night", "--date", "2026-11-19", "--severity", "-1"],
        &[
            "log",
            "night",
            "--date",
            "2026-11-19",
            "--irls",
            "5,0,0,0,0,0,0,0,0,0",
        ],
        &[
            "log",
            "night",
            "--date",
            "2026-11-19",
            "--severity",
            "4",
            "--onset",
            "25:10",
        ],
        &["log", "night", "--date", "2026-13-01", "--severity", "3"],
        &[
            "log",
            "night",
            "--date",
            "2026-11-19",
            "--severity",
            "3",
            "--areas",
            "tail",
        ],
        &[
            "lab",
            "add",
            "ferritin",
            "-3",
            "ng/mL",
            "--date",
            "2026-11-01",
        ],
        &[
            "lab",
            "add",
            "ferritin",
            "42",
            "mg/dL",
            "--date",
            "2026-11-01",
        ],
        &[
            "lab",
            "add",
            "unobtainium",
            "42",
            "ng/mL",
            "--date",
            "2026-11-01",
        ],
        &["profile", "set", "--tz", "Mars/Olympus"],
        &["log", "intake", "coffee", "--at", "yesterday"],
        &["log", "intake", "whisky"],
        &["regimen", "add", "iron", "--every", "0"],
        &["regimen", "add", "iron", "--every", "32"],
        &["regimen", "add", "med"],
        &["med", "check", ""],
        &["regimen", "add", "med", "ferrous sulphate", "--at", "08:30"],
        &["regimen", "add", "iron", "--mg", "20000"],
        &[
            "regimen",
            "add",
            "iron",
            "--start",
            "2026-11-20",
            "--stop",
            "2026-11-01",
        ],
    ];
    for args in bad {
        let out = ql(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one line, got {err}"
        );
        assert!(err.starts_with("quietlegs: invalid "), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a refused command changed the database"
    );
}

#[test]
fn plan_shows_the_iron_window_with_its_reason_and_json_carries_local_and_utc() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--bedtime",
            "23:00",
            "--wake",
            "06:00",
            "--breakfast",
            "08:00",
            "--lunch",
            "12:30",
        ],
    );
    ok(
        &db,
        &[
            "regimen",
            "add",
            "iron",
            "--mg",
            "65",
            "--every",
            "1",
            "--with-vitamin-c",
        ],
    );
    ok(
        &db,
        &["regimen", "add", "med", "levothyroxine", "--at", "06:30"],
    );
    ok(&db, &["habit", "add", "coffee", "--at", "07:30"]);
    ok(&db, &["habit", "add", "dairy_calcium", "--at", "08:00"]);
    let text = ok(&db, &["plan", "--date", "2026-11-21"]);
    assert!(
        text.contains("take iron with vitamin C between 10:30 and 11:30"),
        "{text}"
    );
    assert!(
        text.contains("4 h after your 06:30 levothyroxine"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["iron-window", "--date", "2026-11-21", "--json"])).unwrap();
    assert_eq!(json["start"]["local"], "2026-11-21T10:30:00+01:00");
    assert_eq!(json["start"]["utc"], "2026-11-21T09:30:00Z");
    let check = ok(&db, &["check", "coffee", "--at", "2026-11-21T11:00"]);
    assert!(
        check.starts_with("WAIT:") && check.contains("12:30"),
        "{check}"
    );
    let rem: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["reminders", "--from", "2026-11-21", "--days", "1", "--json"],
    ))
    .unwrap();
    let rem = rem.as_array().unwrap();
    assert!(!rem.is_empty(), "a day with iron has reminders");
    assert!(rem
        .iter()
        .all(|r| r["fire_at"]["local"].is_string() && r["fire_at"]["utc"].is_string()));
    let iron: Vec<&serde_json::Value> = rem.iter().filter(|r| r["kind"] == "iron").collect();
    assert_eq!(iron.len(), 1, "{rem:?}");
    assert_eq!(iron[0]["fire_at"]["local"], "2026-11-21T10:30:00+01:00");
    assert_eq!(iron[0]["fire_at"]["utc"], "2026-11-21T09:30:00Z");
}

/// H1 (fresh review): a medicine that moves iron, added without a time, was ignored and iron
/// was planned on waking, when thyroxine or a bisphosphonate is usually taken. No window is
/// planned until its time is known; `regimen add`, `iron-window`, `plan` and `reminders` ask
/// for it, and once it has a time iron is planned around it.
#[test]
fn a_medicine_that_moves_iron_without_a_time_gets_no_iron_window() {
    for (med, every) in [("L-Thyroxin", "1"), ("Fosamax", "7"), ("Boniva", "1")] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("q.db");
        let ask = format!("add the time you take {med} so QuietLegs can plan iron around it");
        ok(
            &db,
            &[
                "profile",
                "set",
                "--tz",
                "Europe/Berlin",
                "--wake",
                "06:00",
                "--breakfast",
                "07:30",
            ],
        );
        ok(&db, &["regimen", "add", "iron", "--start", "2026-11-21"]);
        let out = ok(
            &db,
            &[
                "regimen",
                "add",
                "med",
                med,
                "--every",
                every,
                "--start",
                "2026-11-21",
            ],
        );
        assert!(out.contains(&ask), "{med}: {out}");
        let w = ok(&db, &["iron-window", "--date", "2026-11-21"]);
        assert!(
            w.contains(&ask) && !w.contains("take iron between"),
            "{med}: {w}"
        );
        let p = ok(&db, &["plan", "--date", "2026-11-21"]);
        assert!(p.contains(&ask) && !p.contains("on waking"), "{med}: {p}");
        let rem: serde_json::Value = serde_json::from_str(&ok(
            &db,
            &["reminders", "--from", "2026-11-21", "--days", "1", "--json"],
        ))
        .unwrap();
        assert!(
            rem.as_array().unwrap().iter().all(|r| r["kind"] != "iron"),
            "{med}: {rem}"
        );
    }
    // With its time, iron is planned around it, and `regimen add` does not ask.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--wake",
            "06:00",
            "--breakfast",
            "07:30",
        ],
    );
    ok(&db, &["regimen", "add", "iron", "--start", "2026-11-21"]);
    let out = ok(
        &db,
        &["regimen", "add", "med", "L-Thyroxin", "--at", "06:00"],
    );
    assert!(!out.contains("add the time you take"), "{out}");
    let w = ok(&db, &["iron-window", "--date", "2026-11-21"]);
    assert!(w.contains("take iron between 10:00"), "{w}");
}

/// H3 (fresh review): phosphate binders were left out of iron timing, so iron was planned on
/// top of a binder dose. The binder keeps its time (and stays a flag for the kidney team);
/// iron moves 2 h away from it: calcium acetate by the calcium row, the other binders by the
/// binder convention row. Ferric citrate is itself iron and moves nothing.
#[test]
fn iron_is_planned_away_from_phosphate_binder_doses() {
    for med in [
        "PhosLo",
        "calcium acetate",
        "Renvela",
        "Fosrenol",
        "Velphoro",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("q.db");
        ok(
            &db,
            &["profile", "set", "--tz", "Europe/Berlin", "--wake", "06:00"],
        );
        ok(&db, &["regimen", "add", "iron", "--start", "2026-11-21"]);
        let out = ok(&db, &["regimen", "add", "med", med, "--at", "07:00"]);
        assert!(
            out.contains("at 07:00") && out.contains("kidney team"),
            "{med}: {out}"
        );
        let w = ok(&db, &["iron-window", "--date", "2026-11-21"]);
        assert!(
            w.contains("take iron between 09:00") && w.contains(&format!("after your 07:00 {med}")),
            "{med}: {w}"
        );
        let check = ok(&db, &["check", med, "--at", "2026-11-21T10:00"]);
        assert!(
            check.contains("kidney team") && !check.contains("WAIT"),
            "{med}: {check}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &["profile", "set", "--tz", "Europe/Berlin", "--wake", "06:00"],
    );
    ok(&db, &["regimen", "add", "iron", "--start", "2026-11-21"]);
    ok(&db, &["regimen", "add", "med", "Auryxia", "--at", "07:00"]);
    let w = ok(&db, &["iron-window", "--date", "2026-11-21"]);
    assert!(w.contains("take iron between 06:00"), "{w}");
}

/// M5 (fresh review): `check iron` 15 min after lunch said iron "does not change when iron is
/// absorbed"; checking iron itself answers with the iron window's empty-stomach rules.
#[test]
fn checking_iron_itself_uses_the_empty_stomach_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--wake",
            "06:00",
            "--breakfast",
            "07:30",
            "--lunch",
            "12:30",
        ],
    );
    ok(&db, &["regimen", "add", "iron", "--start", "2026-11-21"]);
    let after = ok(&db, &["check", "iron", "--at", "2026-11-21T12:45"]);
    assert!(
        !after.contains("does not change")
            && after.contains("15 min after your 12:30 lunch")
            && after.contains("at least 2 h after it")
            && after.contains("today's iron window: 06:00-06:30"),
        "{after}"
    );
    let before = ok(
        &db,
        &["check", "ferrous sulfate", "--at", "2026-11-21T12:10"],
    );
    assert!(
        before.contains("20 min before your 12:30 lunch")
            && before.contains("at least 1 h before it"),
        "{before}"
    );
    let clear = ok(&db, &["check", "iron", "--at", "2026-11-21T10:00"]);
    assert!(
        clear.starts_with("ok:") && clear.contains("empty stomach"),
        "{clear}"
    );
}

/// Issue #15 (fresh review): Boniva at 08:00 after a 07:30 breakfast is accepted as prescribed,
/// but `regimen add` says at once what its label asks (from the core's plan); a dose clear of
/// breakfast gets no such note.
#[test]
fn regimen_add_notes_a_first_thing_medicine_after_breakfast() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["profile", "set", "--breakfast", "07:30"]);
    let out = ok(&db, &["regimen", "add", "med", "Boniva", "--at", "08:00"]);
    assert!(out.contains("daily · at 08:00"), "{out}");
    assert!(
        out.contains("timing note:") && out.contains("after your breakfast at 07:30"),
        "{out}"
    );
    assert!(out.contains("at least 1 h before"), "{out}");
    let out = ok(&db, &["regimen", "add", "med", "Fosamax", "--at", "06:00"]);
    assert!(!out.contains("timing note:"), "{out}");
}

/// SPEC §2.3: magnesium added by name on dialysis says once, as a warning, that no reminder
/// is given, and is absent from the reminders.
#[test]
fn regimen_add_magnesium_on_dialysis_says_no_reminder_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["profile", "set", "--dialysis", "true"]);
    let out = ok(
        &db,
        &[
            "regimen",
            "add",
            "supplement",
            "magnesium glycinate",
            "--at",
            "21:30",
        ],
    );
    assert_eq!(out.matches("no magnesium reminder").count(), 1, "{out}");
    assert!(
        out.contains("warning: With your kidney function QuietLegs gives no magnesium reminder"),
        "{out}"
    );
    let out = ok(&db, &["reminders", "--days", "2"]);
    assert!(!out.contains("magnesium"), "{out}");
}

/// Issue #15 (fresh review): `regimen add` shows the same special-group notes as `med check`
/// (the pregnancy caveat on a treatment); headings read naturally ("lithium (a mood
/// stabiliser): may worsen RLS", never "lithium: lithium" or "worsens rls"); a borrowed or
/// unverified interval is never called the label's, in `med check`, `regimen add` or `check`.
#[test]
fn regimen_add_and_med_check_say_the_same_and_read_naturally() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &[
            "profile",
            "set",
            "--tz",
            "Europe/Berlin",
            "--pregnant",
            "true",
            "--due-date",
            "2027-03-01",
        ],
    );
    let note = "In pregnancy (and the weeks after it) RLS treatment choices differ";
    let med = ok(&db, &["med", "check", "pregabalin"]);
    assert!(med.contains(note), "{med}");
    let added = ok(
        &db,
        &["regimen", "add", "med", "pregabalin", "--at", "20:00"],
    );
    assert!(added.contains(note), "{added}");

    // A stored entry's warning follows the profile as `med check` does: in pregnancy no
    // medicine is named as the alternative (issue #15: `regimen list` named loratadine).
    let benadryl = ok(&db, &["med", "check", "Benadryl"]);
    let added = ok(&db, &["regimen", "add", "med", "Benadryl", "--at", "21:00"]);
    let list = ok(&db, &["regimen", "list"]);
    for out in [&benadryl, &added, &list] {
        assert!(
            out.contains("ask your doctor or obstetric team about options in pregnancy")
                && !out.contains("loratadine"),
            "{out}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["regimen", "list", "--json"])).unwrap();
    let warnings = json.to_string();
    assert!(!warnings.contains("loratadine"), "{warnings}");

    let lithium = ok(&db, &["med", "check", "lithium"]);
    assert!(
        lithium.starts_with("lithium (a mood stabiliser): may worsen RLS"),
        "{lithium}"
    );
    for q in [
        "lithium",
        "Benadryl",
        "MCP",
        "Beloc-Zok",
        "Hoggar Night",
        "trazodone",
    ] {
        let out = ok(&db, &["med", "check", q]);
        assert!(!out.contains("not in the catalog"), "{q}: {out}");
        assert!(!out.contains(" rls") && !out.contains("_"), "{q}: {out}");
    }

    ok(&db, &["regimen", "add", "iron", "--mg", "65"]);
    let raltegravir = ok(&db, &["med", "check", "Isentress"]);
    assert!(
        raltegravir.contains("convention borrowed from dolutegravir's label")
            && !raltegravir.contains("label interval"),
        "{raltegravir}"
    );
    let added = ok(
        &db,
        &["regimen", "add", "med", "Isentress", "--at", "09:00"],
    );
    assert!(
        added.contains("convention borrowed from dolutegravir's label"),
        "{added}"
    );
    let check = ok(&db, &["check", "Isentress", "--at", "2026-11-21T10:30"]);
    assert!(
        check.contains("a convention borrowed from dolutegravir's label")
            && !check.contains("its label asks"),
        "{check}"
    );
    // A medicine whose effect on RLS is not known is never a bare "ok".
    let traz = ok(&db, &["check", "Trittico", "--at", "2026-11-21T22:00"]);
    assert!(
        traz.starts_with("iron timing ok:") && traz.contains("its effect on RLS is not known"),
        "{traz}"
    );
    let pen = ok(&db, &["med", "check", "penicillamine"]);
    assert!(
        pen.contains("interval to be verified against the label")
            && !pen.contains("label interval;"),
        "{pen}"
    );
}

/// Issue #15, as a person types it: `med check milk` and `check milk` agree; a habit typo is
/// suggested and nothing is written; `lab add ferritin 40,5`, `lab add hb 12`; `check --at
/// 15:00`; magnesium without a name keeps the generic name. Each refusal exits 2, names the
/// field and leaves the diary byte-identical.
#[test]
fn the_words_people_type_for_medicines_habits_and_labs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    ok(&db, &["regimen", "add", "iron", "--mg", "65"]);
    let med = ok(&db, &["med", "check", "milk"]);
    assert!(!med.contains("not in the catalog"), "{med}");
    assert!(med.contains("apart"), "{med}");
    let vit_c = ok(&db, &["med", "check", "vitamin c"]);
    assert!(
        vit_c.contains("no dose") && !vit_c.contains("250"),
        "{vit_c}"
    );
    let phoslo = ok(&db, &["check", "PhosLo"]);
    assert!(
        phoslo.contains("kidney team") && !phoslo.contains("WAIT"),
        "{phoslo}"
    );

    let refused = |args: &[&str], field: &str, says: &str| {
        let before = std::fs::read(&db).unwrap();
        let out = ql(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = stderr(&out);
        assert!(
            e.contains(&format!("invalid {field}")) && e.contains(says),
            "{args:?}: {e}"
        );
        assert_eq!(before, std::fs::read(&db).unwrap(), "{args:?} wrote");
    };
    refused(
        &["habit", "add", "coffe", "--at", "07:30"],
        "habit",
        "did you mean coffee?",
    );
    refused(
        &["habit", "add", "diary", "--at", "07:30"],
        "habit",
        "did you mean dairy?",
    );
    assert!(ok(&db, &["habit", "list"]).trim().is_empty());
    refused(
        &[
            "lab",
            "add",
            "ferritin",
            "1,000",
            "ng/mL",
            "--date",
            "2026-11-20",
        ],
        "value",
        "write 1000 if you mean 1000, or 1.0 if the comma is a decimal point",
    );
    refused(
        &[
            "lab",
            "add",
            "ferritin",
            "forty",
            "ng/mL",
            "--date",
            "2026-11-20",
        ],
        "value",
        "40.5",
    );

    let lab = ok(
        &db,
        &[
            "lab",
            "add",
            "ferritin",
            "40,5",
            "ng/mL",
            "--date",
            "2026-11-20",
        ],
    );
    assert!(lab.contains("40.5"), "{lab}");
    for name in ["hb", "Hgb", "hemoglobin"] {
        let lab = ok(
            &db,
            &["lab", "add", name, "12", "g/dL", "--date", "2026-11-19"],
        );
        assert!(lab.contains("haemoglobin"), "{name}: {lab}");
    }

    let at_three = ok(&db, &["check", "milk", "--at", "15:00"]);
    assert_eq!(
        at_three,
        ok(&db, &["check", "milk", "--at", "2026-11-21T15:00"])
    );
    let mg = ok(&db, &["regimen", "add", "magnesium"]);
    assert!(
        mg.starts_with("Magnesium ") && !mg.contains("glycinate"),
        "{mg}"
    );
}

/// A dopaminergic RLS drug is added only with the day it was started, or an explicit
/// "unknown": a start the app made up would let the diary pass for the weeks the drug first
/// worked (SPEC §2.5). Nothing is written when it is missing or mistyped.
#[test]
fn regimen_add_asks_when_a_dopaminergic_drug_was_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    for args in [
        &["regimen", "add", "med", "Pramipexole", "--at", "20:00"][..],
        &["regimen", "add", "med", "Sifrol", "--at", "20:00"][..],
        &["regimen", "add", "med", "ropinirole", "--at", "20:00"][..],
        // The ergot agonists are dopaminergic too (issue #15): screened, so asked.
        &["regimen", "add", "med", "cabergoline", "--at", "20:00"][..],
        &["regimen", "add", "med", "Parlodel", "--at", "20:00"][..],
        &["regimen", "add", "med", "Cycloset", "--at", "20:00"][..],
        &["regimen", "add", "med", "Permax", "--at", "20:00"][..],
        // Dopamine agonists no guideline grades for RLS are screened too (fresh review).
        &["regimen", "add", "med", "piribedil", "--at", "20:00"][..],
        &["regimen", "add", "med", "Apokyn", "--at", "20:00"][..],
    ] {
        let out = ql(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = stderr(&out);
        assert!(e.contains("start") && e.contains("--start unknown"), "{e}");
    }
    for typo in ["2026-13-01", "2026-11-31", "unknwn", "2026-11-01x"] {
        let out = ql(
            &db,
            &["regimen", "add", "med", "Pramipexole", "--start", typo],
        );
        assert_eq!(out.status.code(), Some(2), "{typo}");
        assert!(
            stderr(&out).contains("start date"),
            "{typo}: {}",
            stderr(&out)
        );
    }
    assert_eq!(ok(&db, &["regimen", "list", "--json"]).trim(), "[]");
    // Iron and other medicines keep today as the default.
    ok(
        &db,
        &["regimen", "add", "med", "levothyroxine", "--at", "06:30"],
    );
    let unknown = ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "Pramipexole",
            "--at",
            "20:00",
            "--start",
            "unknown",
        ],
    );
    assert!(
        unknown.contains("start unknown; scheduled from 2026-11-21"),
        "{unknown}"
    );
    let given = ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "Ropinirole",
            "--at",
            "20:00",
            "--start",
            "2024-03-01",
        ],
    );
    assert!(given.contains("(from 2024-03-01)"), "{given}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["regimen", "list", "--json"])).unwrap();
    // Added at the same stopped clock, so listed in id order: compare by name.
    let mut sources: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["start_source"].as_str().unwrap(),
            )
        })
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            ("Pramipexole", "unknown"),
            ("Ropinirole", "given"),
            ("levothyroxine", "defaulted")
        ]
    );
}

/// An item added before QuietLegs asked (or with the wrong start) gets its start afterwards;
/// a bad date or id writes nothing.
#[test]
fn regimen_start_records_when_an_item_was_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    let added: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "Ropinirole",
            "--at",
            "20:00",
            "--start",
            "unknown",
            "--json",
        ],
    ))
    .unwrap();
    let id = added[0]["info"]["id"].as_str().unwrap().to_owned();
    for (args, field) in [
        (vec!["regimen", "start", &id, "2026-13-01"], "start date"),
        (vec!["regimen", "start", &id, "2027-01-01"], "start date"),
        (vec!["regimen", "start", &id, "long ago"], "start date"),
        (
            vec!["regimen", "start", "no-such-id", "2025-06-01"],
            "not found",
        ),
    ] {
        let out = ql(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }
    let list = ok(&db, &["regimen", "list"]);
    assert!(
        list.contains("start unknown; scheduled from 2026-11-21"),
        "{list}"
    );
    let given = ok(&db, &["regimen", "start", &id, "2025-06-01"]);
    assert!(given.contains("(from 2025-06-01)"), "{given}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["regimen", "list", "--json"])).unwrap();
    assert_eq!(list[0]["start_source"], "given");
    assert_eq!(list[0]["start_date"], "2025-06-01");
    let again = ok(&db, &["regimen", "start", &id, "unknown"]);
    assert!(again.contains("start unknown"), "{again}");
}

/// Issue #15 (fresh review): `check calcium` half an hour after levothyroxine said a bare "ok"
/// (no iron that day to protect). The check, and the warning `log intake` keeps, name the
/// medicine, its label's interval and the safe times, and ask the pharmacist.
#[test]
fn check_calcium_after_levothyroxine_names_the_medicine_and_its_interval() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(
        &db,
        &["profile", "set", "--tz", "Europe/Berlin", "--wake", "06:00"],
    );
    ok(
        &db,
        &["regimen", "add", "med", "levothyroxine", "--at", "07:00"],
    );
    let check = ok(&db, &["check", "calcium", "--at", "2026-11-21T07:30"]);
    assert!(
        check.starts_with("WAIT: calcium at 07:30 is too close to your levothyroxine at 07:00: its label asks for levothyroxine and calcium at least 4 h apart, so have the calcium by 03:00 or from 11:00"),
        "{check}"
    );
    assert!(
        check.contains("pharmacist") && !check.contains("ok:"),
        "{check}"
    );
    let clear = ok(&db, &["check", "calcium", "--at", "2026-11-21T11:00"]);
    assert!(clear.starts_with("ok:"), "{clear}");
    let logged = ok(
        &db,
        &["log", "intake", "calcium", "--at", "2026-11-21T07:30"],
    );
    assert!(
        logged.contains(
            "warning: dairy or calcium at 07:30 is too close to your levothyroxine at 07:00"
        ) && logged.contains("pharmacist"),
        "{logged}"
    );
}

/// Issue #15 from the CLI: a second entry of a medicine is added with a warning printed under
/// it (and in `regimen list`); a start before the drug existed, or after today, is refused
/// with the rule; `regimen start` takes a unique name.
#[test]
fn regimen_add_warns_of_a_second_entry_and_start_takes_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "Pramipexole",
            "--at",
            "20:00",
            "--start",
            "2026-10-01",
        ],
    );
    let again = ok(
        &db,
        &[
            "regimen", "add", "med", "Sifrol", "--at", "20:00", "--start", "unknown",
        ],
    );
    assert!(
        again
            .contains("warning: Sifrol (pramipexole) is already in another entry: \"Pramipexole\""),
        "{again}"
    );
    assert!(again.contains("taken twice"), "{again}");
    let list = ok(&db, &["regimen", "list"]);
    assert_eq!(
        list.matches("is already in another entry").count(),
        2,
        "{list}"
    );
    for (start, rule) in [
        ("1949-01-01", "before pramipexole was available (from 1997)"),
        ("2026-11-22", "after today (2026-11-21)"),
    ] {
        let out = ql(
            &db,
            &[
                "regimen",
                "add",
                "med",
                "Mirapexin",
                "--at",
                "20:00",
                "--start",
                start,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{start}");
        assert!(stderr(&out).contains(rule), "{start}: {}", stderr(&out));
    }
    // Two pramipexole entries: the name is ambiguous, the error says how to choose.
    let out = ql(&db, &["regimen", "start", "Mirapex", "2026-09-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("matches 2 entries"),
        "{}",
        stderr(&out)
    );
    ok(
        &db,
        &["regimen", "add", "med", "Neupro", "--start", "unknown"],
    );
    let given = ok(&db, &["regimen", "start", "neupro", "2024-03-01"]);
    assert!(
        given.starts_with("Neupro ") && given.contains("(from 2024-03-01)"),
        "{given}"
    );
}

/// Issue #15: 4 of the last 7 nights logged, each much worse, onset 6 h earlier and reaching
/// the arms. `status` shows the signs found (never a silent "cannot judge yet"), names the
/// nights to log and says to discuss it with the doctor, without calling it augmentation.
#[test]
fn status_shows_signs_on_the_nights_logged_and_asks_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let now = "2026-12-01T12:00:00Z";
    ok_at(now, &db, &["profile", "set", "--tz", "Europe/Berlin"]);
    ok_at(
        now,
        &db,
        &[
            "regimen",
            "add",
            "med",
            "pramipexole",
            "--at",
            "21:00",
            "--start",
            "2026-10-01",
        ],
    );
    ok_at(
        now,
        &db,
        &[
            "med",
            "augmentation",
            "--usual-onset",
            "22:00",
            "--severity",
            "3",
            "--spread-before",
            "false",
        ],
    );
    for date in ["2026-11-24", "2026-11-25", "2026-11-27", "2026-11-29"] {
        ok_at(
            now,
            &db,
            &[
                "log",
                "night",
                "--date",
                date,
                "--severity",
                "9",
                "--onset",
                "16:00",
                "--areas",
                "legs,arms",
            ],
        );
    }
    let status = ok_at(now, &db, &["status"]);
    let line = status
        .lines()
        .find(|l| l.starts_with("AUGMENTATION"))
        .unwrap_or_default();
    for words in [
        "Some signs of augmentation",
        "4 of the 4 nights rated of the last 7",
        "symptoms start 6 h earlier",
        "symptoms now reach the arms or trunk",
        "the nights of 2026-11-26, 2026-11-28 and 2026-11-30",
        "Discuss with your doctor; do not change the dose yourself.",
    ] {
        assert!(line.contains(words), "{words}: {line}");
    }
    assert!(
        !line.contains("cannot judge yet") && !line.contains("Possible augmentation"),
        "{line}"
    );
}

/// Both fresh reviewers: a switch (ropinirole to pramipexole, as a doctor decides after
/// augmentation) could only be recorded by deleting the old drug, which erased the history the
/// augmentation screen reads. `regimen stop` records the last day and keeps the entry;
/// `none` clears it; a stop before the start is refused naming the field, nothing written.
#[test]
fn regimen_stop_records_a_switch_and_keeps_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["profile", "set", "--tz", "Europe/Berlin"]);
    ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "ropinirole",
            "--at",
            "21:00",
            "--start",
            "2024-03-01",
        ],
    );
    let stopped = ok(&db, &["regimen", "stop", "ropinirole", "2026-11-10"]);
    assert!(stopped.contains("ropinirole"), "{stopped}");
    let list = ok(&db, &["--json", "regimen", "list"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "the entry stays");
    assert_eq!(list[0]["stop_date"], "2026-11-10");
    assert_eq!(list[0]["start_date"], "2024-03-01");
    let before_start = ql(&db, &["regimen", "stop", "ropinirole", "2020-01-01"]);
    assert_eq!(before_start.status.code(), Some(2));
    assert!(
        stderr(&before_start).contains("stop date"),
        "{}",
        stderr(&before_start)
    );
    let word = ql(&db, &["regimen", "stop", "ropinirole", "yesterday"]);
    assert_eq!(word.status.code(), Some(2));
    assert!(stderr(&word).contains("stop date"), "{}", stderr(&word));
    let list = ok(&db, &["--json", "regimen", "list"]);
    assert!(list.contains("2026-11-10"), "nothing written: {list}");
    ok(&db, &["regimen", "stop", "ropinirole", "none"]);
    let list = ok(&db, &["--json", "regimen", "list"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert!(list[0]["stop_date"].is_null(), "{list}");
}

/// Fresh review of #15: `med check cabergoline` was headed "can be prescribed for RLS" above
/// "as an RLS treatment: AASM 2025: recommends against (strong)". The heading follows the
/// stance; a treatment the guideline is for keeps "can be prescribed for RLS".
#[test]
fn med_check_heads_a_treatment_by_its_aasm_stance() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let heading = |name: &str| {
        let out = ok(&db, &["med", "check", name]);
        out.lines().next().unwrap_or_default().to_owned()
    };
    let cabergoline = heading("cabergoline");
    assert_eq!(
        cabergoline,
        "cabergoline (an ergot dopamine agonist): used for RLS, but AASM 2025 recommends against it"
    );
    let pramipexole = heading("pramipexole");
    assert!(
        pramipexole
            .ends_with("a treatment for RLS, but AASM 2025 suggests against its standard use"),
        "{pramipexole}"
    );
    assert!(
        heading("clonazepam").ends_with("used for RLS, but AASM 2025 suggests against it"),
        "clonazepam"
    );
    assert!(
        heading("pregabalin").ends_with(": can be prescribed for RLS"),
        "pregabalin"
    );
    for name in [
        "cabergoline",
        "pramipexole",
        "clonazepam",
        "Monofer",
        "piribedil",
    ] {
        assert!(
            !heading(name).contains("can be prescribed"),
            "{name}: {}",
            heading(name)
        );
    }
}
