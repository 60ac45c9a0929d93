//! Logged doses through the API, as a fresh reviewer found them with the CLI (issue #15, SPEC
//! §2.2: a logged intake that conflicts with a dose taken gets a warning). Europe/Berlin, clock
//! 2026-12-01 15:00, asleep 23:00-06:30, iron 65 mg, Euthyrox at 06:30, Fosamax weekly at 06:30.
//! A logged dose is a fact: it counts for the waking day on its side of the night (05:30 before
//! a 06:30 wake is that morning's), whatever the item's start or stop date, and every logged
//! dose is protected, in either logging order.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use quietlegs_core::model::{IntakeKind, RegimenKind};
use quietlegs_core::{
    EventInput, EventKind, FixedClock, IronStatus, ProfileSettings, QuietLegs, RegimenInput,
};

/// A diary at `now` (RFC 3339) with the reviewer's profile, woken at `wake`.
fn diary(dir: &Path, name: &str, now: &str, wake: &str) -> Arc<QuietLegs> {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().into();
    let q = QuietLegs::open_at(&dir.join(name), Arc::new(FixedClock(now))).unwrap();
    q.set_profile(ProfileSettings {
        time_zone: "Europe/Berlin".into(),
        bedtime: "23:00".into(),
        wake_time: wake.into(),
        breakfast: Some("07:30".into()),
        lunch: Some("12:30".into()),
        dinner: Some("19:00".into()),
        ..ProfileSettings::default()
    })
    .unwrap();
    q
}

/// A regimen item as `regimen add` makes it (start today unless given); its id.
fn add(q: &QuietLegs, kind: RegimenKind, name: &str, at: &[&str], every: i32) -> String {
    q.add_regimen(RegimenInput {
        kind,
        name: name.into(),
        dose_mg: (kind == RegimenKind::Iron).then_some(65.0),
        times: at.iter().map(|t| (*t).to_owned()).collect(),
        every_n_days: every,
        with_vitamin_c: false,
        start_date: None,
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap()
    .info
    .id
}

/// The reviewer's diary: iron, Euthyrox at 06:30, Fosamax every 7 days at 06:30 (all from
/// 2026-12-01); the ids of iron and Euthyrox.
fn reviewers(dir: &Path, name: &str, wake: &str) -> (Arc<QuietLegs>, String, String) {
    let q = diary(dir, name, "2026-12-01T15:00:00+01:00", wake);
    let iron = add(&q, RegimenKind::Iron, "", &[], 1);
    let euthyrox = add(&q, RegimenKind::Medication, "Euthyrox", &["06:30"], 1);
    add(&q, RegimenKind::Medication, "Fosamax", &["06:30"], 7);
    (q, iron, euthyrox)
}

fn log(q: &QuietLegs, kind: EventKind, at: &str) -> Vec<String> {
    q.log_event(EventInput {
        at: at.into(),
        kind,
        note: None,
    })
    .unwrap()
    .warnings
}

fn intake(what: IntakeKind) -> EventKind {
    EventKind::Intake { what }
}

fn dose(id: &str) -> EventKind {
    EventKind::Dose {
        regimen_id: id.to_owned(),
    }
}

/// The one warning that names `part`.
fn one_naming(warnings: &[String], part: &str) -> String {
    let hits: Vec<&String> = warnings.iter().filter(|w| w.contains(part)).collect();
    assert_eq!(hits.len(), 1, "{part:?} in {warnings:?}");
    hits[0].clone()
}

/// Issue 1: coffee 05:00, iron 05:30, tea 06:00 with a 06:30 wake. The 05:30 dose is that
/// morning's: the iron logged after the coffee warns, the tea warns, `check` protects it, the
/// day's plan says it is taken (no second dose invited) and adherence counts it.
#[test]
fn an_iron_dose_before_waking_counts_for_that_morning_and_is_protected() {
    let dir = tempfile::tempdir().unwrap();
    let (q, iron, _) = reviewers(dir.path(), "a.db", "06:30");
    assert!(log(&q, intake(IntakeKind::Coffee), "2026-12-01T05:00").is_empty());
    let w = log(&q, dose(&iron), "2026-12-01T05:30");
    one_naming(
        &w,
        "coffee at 05:00 is too close to your iron dose taken at 05:30",
    );
    let w = log(&q, intake(IntakeKind::Tea), "2026-12-01T06:00");
    one_naming(
        &w,
        "tea at 06:00 is too close to your iron dose taken at 05:30",
    );
    let c = q
        .check_intake("coffee".into(), Some("2026-12-01T06:00".into()))
        .unwrap();
    assert!(c.conflict, "{c:?}");
    assert!(c.message.contains("taken at 05:30"), "{c:?}");
    let plan = q.iron_window(Some("2026-12-01".into())).unwrap();
    assert_eq!(plan.status, IronStatus::AlreadyTaken, "{plan:?}");
    assert!(
        plan.start
            .as_ref()
            .unwrap()
            .local
            .starts_with("2026-12-01T05:30"),
        "{plan:?}"
    );
    // The day before is not given the dose either.
    let before = q.iron_window(Some("2026-11-30".into())).unwrap();
    assert_ne!(before.status, IronStatus::AlreadyTaken, "{before:?}");
    let status = q.status(None).unwrap();
    let a = status
        .adherence
        .iter()
        .find(|a| a.regimen_id == iron)
        .unwrap();
    assert_eq!((a.taken_7, a.expected_7), (1, 1), "{a:?}");
}

/// Issue 1, a late wake (09:00): iron at 05:00, then levothyroxine at 06:00, 1 h after it.
#[test]
fn a_dose_before_a_late_wake_is_protected_from_a_medicine_logged_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (q, iron, euthyrox) = reviewers(dir.path(), "a.db", "09:00");
    log(&q, dose(&iron), "2026-12-01T05:00");
    let w = log(&q, dose(&euthyrox), "2026-12-01T06:00");
    one_naming(
        &w,
        "Euthyrox at 06:00 is close to the iron you took at 05:00",
    );
    let c = q
        .check_intake("levothyroxine".into(), Some("2026-12-01T06:00".into()))
        .unwrap();
    assert!(c.conflict && c.message.contains("05:00"), "{c:?}");
}

/// The DST night (Europe/Berlin, clocks forward at 02:00 on 2026-03-29): iron at 05:30 CEST
/// before a 06:30 wake is that morning's, by the clock, and protected.
#[test]
fn an_iron_dose_before_waking_on_the_dst_morning_counts_for_that_morning() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db", "2026-03-29T15:00:00+02:00", "06:30");
    let iron = add(&q, RegimenKind::Iron, "", &[], 1);
    assert!(log(&q, intake(IntakeKind::Coffee), "2026-03-29T05:00").is_empty());
    let w = log(&q, dose(&iron), "2026-03-29T05:30");
    one_naming(
        &w,
        "coffee at 05:00 is too close to your iron dose taken at 05:30",
    );
    let w = log(&q, intake(IntakeKind::Tea), "2026-03-29T06:00");
    one_naming(
        &w,
        "tea at 06:00 is too close to your iron dose taken at 05:30",
    );
    let plan = q.iron_window(Some("2026-03-29".into())).unwrap();
    assert_eq!(plan.status, IronStatus::AlreadyTaken, "{plan:?}");
    assert_eq!(
        plan.start.unwrap().local,
        "2026-03-29T05:30:00+02:00",
        "by the clock, not a fixed offset"
    );
    let status = q.status(None).unwrap();
    let a = status
        .adherence
        .iter()
        .find(|a| a.regimen_id == iron)
        .unwrap();
    assert_eq!((a.taken_7, a.expected_7), (1, 1), "{a:?}");
}

/// Issue 2: a dose logged before the item's start date is kept, protected, and noted (with the
/// way to set the start date), never refused.
#[test]
fn a_dose_before_the_start_date_is_kept_protected_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let (q, iron, _) = reviewers(dir.path(), "a.db", "06:30");
    let w = log(&q, dose(&iron), "2026-11-26T14:00");
    let note = one_naming(&w, "start date");
    assert!(
        note.contains("2026-11-26")
            && note.contains("2026-12-01")
            && note.contains("regimen start"),
        "{note}"
    );
    let w = log(&q, intake(IntakeKind::Tea), "2026-11-26T14:30");
    one_naming(
        &w,
        "tea at 14:30 is too close to your iron dose taken at 14:00",
    );
    let c = q
        .check_intake("tea".into(), Some("2026-11-26T14:30".into()))
        .unwrap();
    assert!(c.conflict, "{c:?}");
    assert!(!c.message.contains("no iron dose"), "{c:?}");
    // Within the item's dates: no note.
    let w = log(&q, dose(&iron), "2026-12-01T10:30");
    assert!(w.iter().all(|w| !w.contains("start date")), "{w:?}");
}

/// Issue 3: a second iron dose the same day is protected as the first, and noted neutrally.
#[test]
fn a_second_iron_dose_the_same_day_is_protected_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let (q, iron, _) = reviewers(dir.path(), "a.db", "06:30");
    assert!(log(&q, dose(&iron), "2026-12-01T10:30").is_empty());
    assert!(log(&q, intake(IntakeKind::Coffee), "2026-12-01T13:00").is_empty());
    let w = log(&q, dose(&iron), "2026-12-01T14:00");
    one_naming(
        &w,
        "coffee at 13:00 is too close to your iron dose taken at 14:00",
    );
    // A neutral note: no dosing advice.
    assert_eq!(
        one_naming(&w, "iron doses logged"),
        "two iron doses logged today"
    );
    let c = q
        .check_intake("coffee".into(), Some("2026-12-01T14:30".into()))
        .unwrap();
    assert!(c.conflict, "{c:?}");
    assert!(c.message.contains("taken at 14:00"), "{c:?}");
    // Clear of both: both are named.
    let c = q
        .check_intake("coffee".into(), Some("2026-12-01T17:00".into()))
        .unwrap();
    assert!(!c.conflict, "{c:?}");
    assert!(
        c.message.contains("10:30") && c.message.contains("14:00"),
        "{c:?}"
    );
}

/// Issue 4: a medicine dose logged after a clashing intake gets the warning the other order
/// gives, word for word: levothyroxine after milk, ciprofloxacin after an antacid.
#[test]
fn a_clash_with_any_medicine_dose_warns_in_either_logging_order() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("Euthyrox", IntakeKind::DairyCalcium, "13:00", "13:30"),
        // Zinc: Euthyrox's label does not name it, so only Cipro's clash is in play.
        ("Cipro", IntakeKind::Zinc, "14:30", "13:30"),
    ];
    for (i, (medicine, what, intake_at, dose_at)) in cases.into_iter().enumerate() {
        let open = |name: &str| {
            let (q, _, _) = reviewers(dir.path(), &format!("{i}{name}"), "06:30");
            let id = match medicine {
                "Euthyrox" => {
                    q.regimen()
                        .unwrap()
                        .into_iter()
                        .find(|r| r.name == "Euthyrox")
                        .unwrap()
                        .info
                        .id
                }
                _ => add(&q, RegimenKind::Medication, medicine, &["08:00"], 1),
            };
            (q, id)
        };
        let at = |t: &str| format!("2026-12-01T{t}");
        let (a, id) = open("a.db");
        assert!(
            log(&a, intake(what), &at(intake_at)).is_empty(),
            "{medicine}"
        );
        let dose_second = log(&a, dose(&id), &at(dose_at));
        let (b, id) = open("b.db");
        log(&b, dose(&id), &at(dose_at));
        let intake_second = log(&b, intake(what), &at(intake_at));
        assert_eq!(intake_second.len(), 1, "{medicine}: {intake_second:?}");
        assert_eq!(dose_second, intake_second, "{medicine}");
    }
}

/// Issue 5: a dose of a stopped medicine is accepted with a note naming the stop date.
#[test]
fn a_dose_after_the_stop_date_is_kept_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let (q, _, _) = reviewers(dir.path(), "a.db", "06:30");
    let sifrol = q
        .add_regimen(RegimenInput {
            kind: RegimenKind::Medication,
            name: "Sifrol".into(),
            dose_mg: None,
            times: vec!["21:00".into()],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: Some("2026-10-01".into()),
            stop_date: None,
            start_date_unknown: false,
        })
        .unwrap()
        .info
        .id;
    q.set_regimen_stop("Sifrol".into(), Some("2026-11-30".into()))
        .unwrap();
    let w = log(&q, dose(&sifrol), "2026-12-01T09:00");
    let note = one_naming(&w, "stop date");
    assert!(
        note.contains("2026-11-30") && note.contains("Sifrol"),
        "{note}"
    );
    assert!(!note.to_lowercase().contains("stop taking"), "{note}");
    // The last day itself is within the dates.
    let w = log(&q, dose(&sifrol), "2026-11-30T21:00");
    assert!(w.iter().all(|w| !w.contains("stop date")), "{w:?}");
}

/// Issue 6: iron logged after the listed Euthyrox's dose does not say "once it is in your
/// medicines"; a levothyroxine not in the medicines still does.
#[test]
fn in_your_medicines_is_said_only_of_a_medicine_that_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (q, iron, euthyrox) = reviewers(dir.path(), "a.db", "06:30");
    log(&q, dose(&euthyrox), "2026-12-01T06:30");
    let w = log(&q, dose(&iron), "2026-12-01T07:00");
    let clash = one_naming(&w, "close to the iron you took at 07:00");
    assert!(!clash.contains("once it is in your medicines"), "{clash}");
    assert!(clash.contains("in your medicines"), "{clash}");
    let q = diary(dir.path(), "b.db", "2026-12-01T15:00:00+01:00", "06:30");
    let iron = add(&q, RegimenKind::Iron, "", &[], 1);
    log(&q, dose(&iron), "2026-12-01T07:00");
    let c = q
        .check_intake("levothyroxine".into(), Some("2026-12-01T08:00".into()))
        .unwrap();
    assert!(c.message.contains("once it is in your medicines"), "{c:?}");
}

/// "Keep Euthyrox at 06:30 as prescribed" is said only of a time the person's own entry for
/// that medicine gives, found by its name or by its timing rule (levothyroxine typed for a
/// listed Euthyrox); another medicine listed at that time does not make it prescribed. Iron is
/// set at 06:30 by the person, so the planner keeps it there and the check conflicts.
#[test]
fn as_prescribed_is_said_only_of_the_medicines_own_time_in_the_regimen() {
    let dir = tempfile::tempdir().unwrap();
    let check = |q: &QuietLegs, name: &str, at: &str| {
        let c = q.check_intake(name.into(), Some(at.into())).unwrap();
        assert!(c.conflict, "{name} at {at}: {c:?}");
        c.message
    };
    let q = diary(dir.path(), "a.db", "2026-12-01T15:00:00+01:00", "06:00");
    add(&q, RegimenKind::Iron, "", &["06:30"], 1);
    add(&q, RegimenKind::Medication, "Sifrol", &["06:30"], 1);
    let other = check(&q, "Euthyrox", "2026-12-02T06:30");
    assert!(
        other.contains("at 06:30, a time not in your medicines")
            && !other.contains("as prescribed"),
        "{other}"
    );
    let q = diary(dir.path(), "b.db", "2026-12-01T15:00:00+01:00", "06:00");
    add(&q, RegimenKind::Iron, "", &["06:30"], 1);
    add(&q, RegimenKind::Medication, "Euthyrox", &["06:30"], 1);
    for name in ["Euthyrox", "levothyroxine"] {
        let own = check(&q, name, "2026-12-02T06:30");
        assert!(
            own.starts_with(&format!("Keep {name}")) && own.contains("at 06:30 as prescribed"),
            "{own}"
        );
    }
    let later = check(&q, "levothyroxine", "2026-12-02T07:00");
    assert!(
        later.contains("at 07:00, a time not in your medicines") && !later.contains("prescribed"),
        "{later}"
    );
}

/// Calcium checked inside Euthyrox's 4 h with no iron in the diary: the clash gives the time
/// its label clears (10:30), and no second sentence repeats it as "the earliest time that does
/// not conflict", also with a second dose whose wait starts where the first one's ends; with
/// iron planned after Euthyrox, clearing both is later, and said.
#[test]
fn the_earliest_time_is_said_once_and_only_when_it_differs_from_the_clashs_own() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db", "2026-12-01T15:00:00+01:00", "06:00");
    add(&q, RegimenKind::Medication, "Euthyrox", &["06:30"], 1);
    let c = q
        .check_intake("calcium".into(), Some("2026-12-02T07:00".into()))
        .unwrap();
    assert!(c.conflict, "{c:?}");
    assert!(
        c.message.contains("from 10:30") && !c.message.contains("earliest time"),
        "{c:?}"
    );
    assert_eq!(
        c.earliest_ok.map(|t| t.local),
        Some("2026-12-02T10:30:00+01:00".to_owned())
    );
    // A second levothyroxine dose at 14:30 (a split dose) keeps calcium out from 10:30 on:
    // 10:30 is exactly 4 h before it, so still clear, and still said once.
    add(&q, RegimenKind::Medication, "levothyroxine", &["14:30"], 1);
    let c = q
        .check_intake("calcium".into(), Some("2026-12-02T07:00".into()))
        .unwrap();
    assert!(!c.message.contains("earliest time"), "{c:?}");
    assert_eq!(
        c.earliest_ok.map(|t| t.local),
        Some("2026-12-02T10:30:00+01:00".to_owned())
    );
    let q = diary(dir.path(), "b.db", "2026-12-01T15:00:00+01:00", "06:00");
    add(&q, RegimenKind::Medication, "Euthyrox", &["06:30"], 1);
    add(&q, RegimenKind::Iron, "", &[], 1);
    let c = q
        .check_intake("calcium".into(), Some("2026-12-02T07:00".into()))
        .unwrap();
    assert!(
        c.message
            .contains("from 10:30; the earliest time that does not conflict is 12:30;"),
        "{c:?}"
    );
}
