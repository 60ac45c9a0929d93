//! The input review (#13/#15): bad input gets a typed error naming the field and nothing is
//! written; the questionnaire's answers can be taken back, and a taken-back answer syncs as an
//! edit; the questionnaire is asked only when the diary lacks the nights before the drug; a dose
//! is logged by the medicine's name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use quietlegs_core::model::Analyte;
use quietlegs_core::{
    read_relief_hours, AugmentationAnswers, AugmentationQuestion, EventInput, EventKind,
    FixedClock, LabInput, NightInput, ProfileChanges, QuietLegs, QuietLegsError,
};

use crate::common::medicine_input;

/// The diary `name` with the clock at 2026-11-21 12:00 UTC plus `minute`, in Europe/Berlin.
fn diary_at(dir: &Path, name: &str, minute: i64) -> Arc<QuietLegs> {
    let now =
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap() + chrono::Duration::minutes(minute);
    let q = QuietLegs::open_at(&dir.join(name), Arc::new(FixedClock(now))).unwrap();
    q.update_profile(ProfileChanges {
        time_zone: Some("Europe/Berlin".into()),
        ..Default::default()
    })
    .unwrap();
    q
}

fn sync(from: &QuietLegs, to: &QuietLegs, dir: &Path, name: &str) {
    let p = dir.join(name);
    from.export_json(p.display().to_string(), None).unwrap();
    to.import_file(p.display().to_string(), None).unwrap();
}

/// The field and reason of an `InvalidInput`.
fn invalid<T: std::fmt::Debug>(r: Result<T, QuietLegsError>) -> (String, String) {
    match r {
        Err(QuietLegsError::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn no_answers() -> AugmentationAnswers {
    AugmentationAnswers {
        usual_onset: None,
        severity_when_it_worked: None,
        spread_beyond_legs_before: None,
        relief_hours_at_start: None,
        relief_hours_now: None,
        dose_increases: None,
        answered_on: None,
    }
}

fn answers() -> AugmentationAnswers {
    AugmentationAnswers {
        usual_onset: Some("21:00".into()),
        severity_when_it_worked: Some(4),
        spread_beyond_legs_before: Some(false),
        relief_hours_at_start: Some(10.0),
        relief_hours_now: Some(5.0),
        dose_increases: Some(1),
        answered_on: None,
    }
}

/// Review #5: `status` for a day after today (the profile's time zone: 2026-11-21 in Berlin)
/// is refused naming `date`; today and a day that does not exist are answered as such.
#[test]
fn status_refuses_a_day_after_today_naming_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    let (field, reason) = invalid(q.status(Some("2026-11-22".into())));
    assert_eq!(field, "date");
    assert!(reason.contains("after today (2026-11-21)"), "{reason}");
    assert_eq!(
        q.status(Some("2026-11-21".into())).unwrap().date,
        "2026-11-21"
    );
    let (field, reason) = invalid(q.status(Some("2026-02-30".into())));
    assert_eq!(field, "date");
    assert_eq!(reason, "2026-02-30 is not a day of the calendar");
}

/// Review #3: a time with an offset but no seconds is read (by chrono), where a time with an
/// offset is accepted; the same instant as with seconds.
#[test]
fn an_event_time_with_an_offset_and_no_seconds_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    let coffee = |at: &str| EventInput {
        at: at.into(),
        kind: EventKind::Intake {
            what: quietlegs_core::IntakeKind::Coffee,
        },
        note: None,
    };
    let e = q.log_event(coffee("2026-11-20T22:30+01:00")).unwrap();
    let f = q.log_event(coffee("2026-11-20T22:30:00+01:00")).unwrap();
    assert_eq!(e.at_utc, f.at_utc);
    assert!(e.at_utc.starts_with("2026-11-20T21:30"), "{}", e.at_utc);
    let (field, reason) = invalid(q.log_event(coffee("2026-11-20 22h30")));
    assert_eq!(field, "time");
    assert!(reason.contains("2026-11-21T09:10+01:00"), "{reason}");
}

/// Review #8: `log dose` takes the medicine's name (or a brand of it), or the start of the id,
/// as `regimen start` does, and records the entry's whole id; two entries of one name are a
/// typed error naming `regimen item`, and nothing is written.
#[test]
fn a_dose_is_logged_by_the_medicine_name_or_the_start_of_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    let gaba = q
        .add_regimen(medicine_input("Gabapentin", Some("2026-11-01"), false))
        .unwrap();
    let dose = |id: &str| EventInput {
        at: "2026-11-21T10:00:00Z".into(),
        kind: EventKind::Dose {
            regimen_id: id.into(),
        },
        note: None,
    };
    let id = gaba.info.id.clone();
    for typed in ["gabapentin", " Gabapentin ", &id[..6], id.as_str()] {
        let e = q.log_event(dose(typed)).unwrap();
        assert_eq!(
            e.kind,
            EventKind::Dose {
                regimen_id: id.clone()
            },
            "{typed:?}"
        );
    }
    let logged = q.events_on("2026-11-21".into()).unwrap().len();
    assert_eq!(logged, 4);
    q.add_regimen(medicine_input("gabapentin", Some("2026-11-10"), false))
        .unwrap();
    let (field, reason) = invalid(q.log_event(dose("gabapentin")));
    assert_eq!(field, "regimen item");
    assert!(reason.contains("matches 2 entries"), "{reason}");
    assert!(matches!(
        q.log_event(dose("pregabalin")),
        Err(QuietLegsError::NotFound { .. })
    ));
    assert_eq!(q.events_on("2026-11-21".into()).unwrap().len(), logged);
}

/// Review #4: relief when the drug first worked is more than 0 hours (0 contradicts "worked");
/// relief now may be 0. Typed hours take a decimal comma; other text is refused naming the
/// answer with its range; nothing is written.
#[test]
fn relief_when_it_first_worked_is_more_than_zero_hours() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    let (field, reason) = invalid(q.update_augmentation_answers(AugmentationAnswers {
        relief_hours_at_start: Some(0.0),
        ..no_answers()
    }));
    assert_eq!(field, "relief hours at start");
    assert!(
        reason.contains("more than 0 and at most 24 hours"),
        "{reason}"
    );
    assert_eq!(q.augmentation_answers().unwrap(), None, "nothing written");
    let saved = q
        .update_augmentation_answers(AugmentationAnswers {
            relief_hours_now: Some(0.0),
            ..no_answers()
        })
        .unwrap();
    assert_eq!(saved.relief_hours_now, Some(0.0));

    assert_eq!(
        read_relief_hours(AugmentationQuestion::ReliefThen, "1,5".into()).unwrap(),
        1.5
    );
    for (q, text, field, range) in [
        (
            AugmentationQuestion::ReliefThen,
            "0",
            "relief hours at start",
            "more than 0",
        ),
        (
            AugmentationQuestion::ReliefThen,
            "an hour",
            "relief hours at start",
            "more than 0 and at most 24 hours",
        ),
        (
            AugmentationQuestion::ReliefNow,
            "25",
            "relief hours now",
            "0-24 hours",
        ),
        (
            AugmentationQuestion::ReliefNow,
            "1,500",
            "relief hours now",
            "0-24 hours",
        ),
    ] {
        let (f, reason) = invalid(read_relief_hours(q, text.into()));
        assert_eq!(f, field, "{text}");
        assert!(reason.contains(range), "{text}: {reason}");
    }
}

/// Review #6: an answer can be taken back, and the taking back syncs as an edit. The tablet
/// holds the answers in its own profile record (it saved a setting after the first sync) and
/// later changes another answer, all before it hears of the clearing: its copy of the cleared
/// answer is older than the clearing and must not bring it back, on either device, in either
/// order of syncs.
#[test]
fn a_cleared_answer_stays_cleared_after_syncing_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let phone = diary_at(d, "phone.db", 0);
    phone.set_augmentation_answers(answers()).unwrap();
    let tablet = diary_at(d, "tablet.db", 1);
    sync(&phone, &tablet, d, "p1.json");
    let tablet = diary_at(d, "tablet.db", 5);
    tablet
        .update_profile(ProfileChanges {
            bedtime: Some("22:30".into()),
            ..Default::default()
        })
        .unwrap();
    let phone = diary_at(d, "phone.db", 10);
    let left = phone
        .clear_augmentation_answers(vec![AugmentationQuestion::ReliefThen])
        .unwrap()
        .expect("answers are left");
    assert_eq!(left.relief_hours_at_start, None);
    assert_eq!(left.relief_hours_now, Some(5.0));
    let tablet = diary_at(d, "tablet.db", 20);
    tablet
        .update_augmentation_answers(AugmentationAnswers {
            severity_when_it_worked: Some(6),
            ..no_answers()
        })
        .unwrap();
    sync(&tablet, &phone, d, "t1.json");
    sync(&phone, &tablet, d, "p2.json");
    for (who, q) in [("phone", &phone), ("tablet", &tablet)] {
        let a = q.augmentation_answers().unwrap().expect("answers");
        assert_eq!(
            a.relief_hours_at_start, None,
            "{who}: cleared stays cleared"
        );
        assert_eq!(
            a.severity_when_it_worked,
            Some(6),
            "{who}: the tablet's edit"
        );
        assert_eq!(a.relief_hours_now, Some(5.0), "{who}");
        assert_eq!(q.profile().unwrap().bedtime, "22:30", "{who}");
    }
    // Every answer taken back: the questionnaire is gone, here and after a sync.
    let phone = diary_at(d, "phone.db", 30);
    assert_eq!(
        phone
            .clear_augmentation_answers(AugmentationQuestion::ALL.to_vec())
            .unwrap(),
        None
    );
    sync(&phone, &tablet, d, "p3.json");
    sync(&tablet, &phone, d, "t2.json");
    assert_eq!(tablet.augmentation_answers().unwrap(), None);
    assert_eq!(phone.augmentation_answers().unwrap(), None);
    let (field, _) = invalid(phone.clear_augmentation_answers(vec![]));
    assert_eq!(field, "questions");
}

/// Review #7: the questionnaire is asked for a dopaminergic drug only when the diary lacks
/// the nights before it (no start given, or no night in the 28 days before the start); never
/// for another medicine.
#[test]
fn the_questionnaire_is_asked_only_without_the_nights_before_the_drug() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    for day in 1..=10 {
        q.log_night(NightInput::quick(&format!("2026-10-{day:02}"), 3))
            .unwrap();
    }
    let asks = |name: &str, start: Option<&str>, unknown: bool| {
        let e = q.add_regimen(medicine_input(name, start, unknown)).unwrap();
        q.asks_augmentation_questionnaire(e.info.id).unwrap()
    };
    assert!(
        !asks("pramipexole", Some("2026-10-15"), false),
        "nights before"
    );
    assert!(asks("ropinirole", Some("2026-06-01"), false), "none before");
    assert!(asks("rotigotine", None, true), "start unknown");
    assert!(!asks("gabapentin", None, false), "not dopaminergic");
}

/// No blood is drawn before birth: a lab dated before the birth date in the profile is refused
/// naming the lab date (as a regimen start is), and nothing is written; on the birth date it is
/// taken. The import does not apply the rule: a profile and labs from different devices are
/// merged as they are (the birth date may be the typo), and the status judges no haemoglobin
/// dated before the birth date.
#[test]
fn a_lab_dated_before_the_birth_date_is_refused_naming_the_lab_date() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary_at(dir.path(), "a.db", 0);
    q.update_profile(ProfileChanges {
        birth_date: Some("1970-05-01".into()),
        ..Default::default()
    })
    .unwrap();
    let lab = |analyte, value: f64, unit: &str, on: &str| LabInput {
        analyte,
        value,
        unit: unit.into(),
        taken_on: on.into(),
    };
    for on in ["1969-01-01", "1970-04-30"] {
        let (field, reason) = invalid(q.add_lab(lab(Analyte::Ferritin, 42.0, "ng/mL", on)));
        assert_eq!(field, "lab date");
        assert!(reason.contains("before your birth date"), "{reason}");
        // The stored birth date is diary content: not repeated in the error.
        assert!(!reason.contains("1970-05-01"), "{reason}");
    }
    assert!(q.labs(None).unwrap().is_empty(), "nothing written");
    q.add_lab(lab(Analyte::Ferritin, 42.0, "ng/mL", "1970-05-01"))
        .unwrap();

    let other = diary_at(dir.path(), "b.db", 0);
    other
        .add_lab(lab(Analyte::Haemoglobin, 9.0, "g/dL", "1969-01-01"))
        .unwrap();
    sync(&other, &q, dir.path(), "b.json");
    assert_eq!(q.labs(None).unwrap().len(), 2, "the import keeps it");
    let st = q.status(None).unwrap();
    assert!(
        !st.flags.iter().any(|f| f.title.contains("haemoglobin")),
        "{:?}",
        st.flags
    );
    assert!(
        st.iron
            .notes
            .iter()
            .any(|n| n.contains("before the birth date")),
        "{:?}",
        st.iron.notes
    );
}
