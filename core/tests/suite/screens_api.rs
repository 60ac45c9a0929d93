//! What the phone screens read from the core instead of computing it: the words of each
//! vocabulary, the units of each lab, the iron headline, and chart geometry.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use quietlegs_core::model::{Analyte, IntakeKind, RegimenKind};
use quietlegs_core::rules::insights::SeverityScale;
use quietlegs_core::{
    check_medicine, lab_kinds, log_options, settings_labels, FixedClock, IronStatus, LabInput,
    NightInput, ProfileSettings, QuietLegs, QuietLegsError, RegimenInput,
};

fn diary() -> (Arc<QuietLegs>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 6, 0, 0).unwrap();
    let q = QuietLegs::open_at(&dir.path().join("s.db"), Arc::new(FixedClock(now))).unwrap();
    q.set_profile(ProfileSettings {
        time_zone: "Europe/Berlin".into(),
        bedtime: "23:00".into(),
        wake_time: "06:00".into(),
        breakfast: Some("08:00".into()),
        lunch: Some("12:30".into()),
        dinner: None,
        pregnant: false,
        kidney_disease: false,
        malabsorption: false,
        ..ProfileSettings::default()
    })
    .unwrap();
    (q, dir)
}

fn diary_at(utc: chrono::DateTime<Utc>, bedtime: &str) -> (Arc<QuietLegs>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let q = QuietLegs::open_at(&dir.path().join("n.db"), Arc::new(FixedClock(utc))).unwrap();
    let mut p = q.profile().unwrap();
    p.time_zone = "Europe/Berlin".into();
    p.bedtime = bedtime.into();
    q.set_profile(p).unwrap();
    (q, dir)
}

fn lab(q: &QuietLegs, analyte: Analyte, value: f64, unit: &str, date: &str) {
    q.add_lab(LabInput {
        analyte,
        value,
        unit: unit.into(),
        taken_on: date.into(),
    })
    .unwrap();
}

#[test]
fn log_options_name_every_choice_once_and_paraphrase_ten_irls_items() {
    let o = log_options();
    assert_eq!(o.quick_max, 10);
    assert_eq!(o.irls_item_max, 4);
    assert_eq!(o.irls_total_max, 40);
    assert_eq!(o.irls_topics.len(), 10);
    assert_eq!(o.triggers.len(), 6);
    assert_eq!(o.relief_kinds.len(), 8);
    assert_eq!(o.intakes.len(), 9);
    assert_eq!(o.vitamin_c_with_iron, "With vitamin C (optional)");
    let labels: Vec<&str> = o
        .triggers
        .iter()
        .map(|c| c.label.as_str())
        .chain(o.body_areas.iter().map(|c| c.label.as_str()))
        .chain(o.relief_effects.iter().map(|c| c.label.as_str()))
        .collect();
    assert!(labels.iter().all(|l| !l.is_empty() && !l.contains('_')));
    let unique: HashSet<_> = o.triggers.iter().map(|c| c.value).collect();
    assert_eq!(unique.len(), o.triggers.len());
}

#[test]
fn every_unit_a_lab_kind_offers_is_accepted_by_add_lab() {
    let (q, _d) = diary();
    let kinds = lab_kinds();
    assert_eq!(kinds.len(), 5);
    for k in &kinds {
        assert_eq!(
            k.units[0], k.canonical_unit,
            "{:?}: usual unit first",
            k.analyte
        );
        for unit in &k.units {
            // A value plausible in every unit of its analyte.
            let value = match (k.analyte, unit.as_str()) {
                (Analyte::Haemoglobin, "g/L") => 130.0,
                (Analyte::Haemoglobin, "mmol/L") => 8.0,
                (Analyte::Haemoglobin, _) => 13.0,
                (Analyte::VitaminD, "nmol/L") => 75.0,
                _ => 30.0,
            };
            lab(&q, k.analyte, value, unit, "2026-11-01");
        }
    }
    let offered: usize = kinds.iter().map(|k| k.units.len()).sum();
    assert_eq!(q.labs(None).unwrap().len(), offered);
    assert!(
        offered > kinds.len(),
        "at least one lab offers a second unit"
    );
}

#[test]
fn the_iron_headline_reads_as_the_window_in_local_time() {
    let (q, _d) = diary();
    q.add_regimen(RegimenInput {
        kind: RegimenKind::Iron,
        name: "Iron".into(),
        dose_mg: Some(65.0),
        times: vec![],
        every_n_days: 1,
        with_vitamin_c: true,
        start_date: Some("2026-11-01".into()),
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap();
    q.add_regimen(RegimenInput {
        kind: RegimenKind::Medication,
        name: "levothyroxine".into(),
        dose_mg: None,
        times: vec!["06:30".into()],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: Some("2026-11-01".into()),
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap();
    let mut lines: Vec<String> = q
        .regimen()
        .unwrap()
        .into_iter()
        .map(|r| r.schedule)
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            "65 mg · daily · in the planned iron window · with vitamin C",
            "daily · at 06:30",
        ]
    );
    let iron = q.iron_window(Some("2026-11-21".into())).unwrap();
    assert_eq!(iron.status, IronStatus::Window);
    assert_eq!(iron.summary, "Iron with vitamin C 10:30–11:30");

    // The Tonight screen's buttons check a typed intake, with the same answer as the words.
    let at = Some("2026-11-21T11:00".to_owned());
    let coffee = q.check_intake_kind(IntakeKind::Coffee, at.clone()).unwrap();
    assert!(coffee.conflict);
    assert_eq!(coffee, q.check_intake("coffee".into(), at.clone()).unwrap());
    assert!(coffee
        .earliest_ok
        .unwrap()
        .local
        .starts_with("2026-11-21T12:30"));
    // A meal before the iron: the message gives both sides of food's uneven gap, so the
    // earliest time it offers (after the iron) does not contradict it (a reviewer found "keep
    // 2 h apart" beside a time 1 h after the iron).
    let meal = q
        .check_intake_kind(IntakeKind::Meal, Some("2026-11-21T10:00".to_owned()))
        .unwrap();
    assert!(meal.conflict, "{meal:?}");
    assert!(
        meal.message
            .contains("at least 2 h before the iron or 1 h after it"),
        "{}",
        meal.message
    );
    assert!(meal
        .earliest_ok
        .unwrap()
        .local
        .starts_with("2026-11-21T11:30"));
    // A medicine that worsens RLS is never a bare "ok", even when iron timing is fine
    // (SPEC §2.3, §2.4); coffee carries no such warning.
    for drug in ["Tylenol PM", "Benadryl"] {
        let c = q.check_intake(drug.into(), at.clone()).unwrap();
        assert!(!c.conflict, "{drug}: {c:?}");
        let w = c.rls_warning.unwrap_or_default();
        assert!(w.contains("worse") && w.contains("RLS"), "{drug}: {w}");
        assert!(w.contains("doctor"), "{drug}: {w}");
    }
    assert_eq!(coffee.rls_warning, None);
    let alcohol = q.check_intake_kind(IntakeKind::Alcohol, at).unwrap();
    assert!(!alcohol.conflict);
    assert!(alcohol
        .message
        .contains("does not change when iron is absorbed"));
}

#[test]
fn without_iron_the_headline_says_so() {
    let (q, _d) = diary();
    let iron = q.iron_window(Some("2026-11-21".into())).unwrap();
    assert_eq!(iron.summary, "No iron in your regimen");
}

#[test]
fn the_ferritin_chart_places_results_against_two_labelled_threshold_lines() {
    let (q, _d) = diary();
    lab(&q, Analyte::Ferritin, 28.0, "ng/mL", "2026-05-01");
    lab(&q, Analyte::Ferritin, 90.0, "µg/L", "2026-11-01");
    let c = q.ferritin_chart().unwrap();
    assert_eq!(c.points.len(), 2);
    assert_eq!((c.points[0].x, c.points[1].x), (0.0, 1.0));
    // Axis 0-150 (130 rounds up to a step of 25): 90 sits at 0.6, the lines at 0.5 and 0.667.
    assert!((c.points[1].y - 0.6).abs() < 1e-9);
    assert!(c.band.is_none(), "no target band (SPEC §2.1)");
    assert_eq!(c.lines.len(), 2);
    assert!((c.lines[0].y - 0.5).abs() < 1e-9 && (c.lines[1].y - 100.0 / 150.0).abs() < 1e-9);
    assert_eq!(c.lines[0].label, "75 ng/mL: iron indicated at or below");
    assert!(!c.lines[0].label_below && !c.lines[1].label_below);
    assert!(c.lines[1].label.contains("only IV iron may help"));
    assert!(!c.title.contains("target"));
    assert_eq!(c.ticks.last().unwrap().label, "150");
}

/// Pregnant without a due date (trimester unknown): the 100 ng/mL line suggests no IV iron,
/// as the iron status (SPEC §2.1, §2.3).
#[test]
fn the_ferritin_chart_suggests_no_iv_iron_with_the_trimester_unknown() {
    let (q, _d) = diary();
    let mut p = q.profile().unwrap();
    p.pregnant = true;
    q.set_profile(p).unwrap();
    let c = q.ferritin_chart().unwrap();
    assert!(
        !c.lines[1].label.contains("IV iron"),
        "{}",
        c.lines[1].label
    );
    assert!(c.lines[1].label.contains("ask your obstetric team"));
}

#[test]
fn an_empty_ferritin_chart_still_shows_the_lines_and_says_what_to_do() {
    let (q, _d) = diary();
    let c = q.ferritin_chart().unwrap();
    assert!(c.points.is_empty());
    assert_eq!(c.lines.len(), 2);
    assert!(c.empty_text.contains("add one"));
}

#[test]
fn the_severity_chart_keeps_quick_ratings_and_irls_totals_apart() {
    let (q, _d) = diary();
    q.log_night(NightInput::quick("2026-11-18", 6)).unwrap();
    // Nights with IRLS scores come only from older diaries now (the IRLS is weekly): merged in
    // as an import would.
    let old_night = |date: &str, quick: Option<u8>, items: &[u8]| {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 6, 0, 0).unwrap();
        quietlegs_core::model::Record::Night(quietlegs_core::model::Night {
            meta: quietlegs_core::model::RecordMeta::new(now, "old-phone"),
            night_date: date.parse().unwrap(),
            quick_severity: quick,
            irls: Some(quietlegs_core::model::IrlsScores::new(items).unwrap()),
            onset: None,
            body_areas: vec![],
            sleep_hours: None,
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: None,
            changed: None,
        })
    };
    q.merge_in(&[
        old_night("2026-11-19", Some(4), &[3, 3, 3, 3, 2, 2, 2, 2, 1, 1]),
        old_night("2026-11-20", None, &[4; 10]),
    ])
    .unwrap();

    let quick = q.severity_chart(SeverityScale::Quick, 7).unwrap();
    let quick_values: Vec<f64> = quick.points.iter().map(|p| p.value).collect();
    assert_eq!(quick_values, vec![6.0, 4.0]);
    assert_eq!(quick.ticks.last().unwrap().value, 10.0);

    let irls = q.severity_chart(SeverityScale::Irls, 7).unwrap();
    let irls_values: Vec<f64> = irls.points.iter().map(|p| p.value).collect();
    assert_eq!(irls_values, vec![22.0, 40.0]);
    assert_eq!(irls.points[1].y, 1.0);
}

/// SPEC §2.7: the Report screen's IRLS chart plots the weekly ratings (new diaries hold no
/// nightly IRLS), with its switch label and lines from the core.
#[test]
fn the_report_irls_chart_plots_the_weekly_ratings_not_the_nightly_field() {
    let (q, _d) = diary();
    q.log_night(NightInput::quick("2026-11-18", 6)).unwrap();
    q.log_weekly_irls(
        vec![3, 3, 3, 3, 2, 2, 2, 2, 1, 1],
        Some("2026-11-13".into()),
    )
    .unwrap();
    q.log_weekly_irls(vec![2; 10], Some("2026-11-20".into()))
        .unwrap();
    let chart = q.report_chart(SeverityScale::Irls).unwrap();
    let points: Vec<(String, f64)> = chart
        .points
        .iter()
        .map(|p| (p.date.clone(), p.value))
        .collect();
    assert_eq!(
        points,
        vec![
            ("2026-11-13".to_owned(), 22.0),
            ("2026-11-20".to_owned(), 20.0)
        ]
    );
    assert!(chart.title.starts_with("Weekly IRLS"), "{}", chart.title);
    let lines: Vec<(f64, String)> = chart
        .lines
        .iter()
        .map(|l| (l.value, l.label.clone()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (11.0, "11: moderate".to_owned()),
            (21.0, "21: severe".to_owned())
        ]
    );
    // The nightly quick rating stays its own chart; the nightly IRLS chart is empty here.
    let quick = q.report_chart(SeverityScale::Quick).unwrap();
    assert_eq!(quick.points.len(), 1);
    assert!(q
        .severity_chart(SeverityScale::Irls, 90)
        .unwrap()
        .points
        .is_empty());
    // Only the weeks asked for.
    assert_eq!(q.weekly_irls_chart(3).unwrap().points.len(), 1);
    let labels: Vec<(SeverityScale, String)> = quietlegs_core::log_options()
        .severity_charts
        .into_iter()
        .map(|c| (c.scale, c.label))
        .collect();
    assert_eq!(
        labels,
        vec![
            (SeverityScale::Quick, "Nightly 0-10".to_owned()),
            (SeverityScale::Irls, "Weekly IRLS 0-40".to_owned())
        ]
    );
}

#[test]
fn the_severity_chart_covers_only_the_days_asked() {
    let (q, _d) = diary();
    q.log_night(NightInput::quick("2026-11-01", 9)).unwrap();
    q.log_night(NightInput::quick("2026-11-20", 2)).unwrap();
    let week = q.severity_chart(SeverityScale::Quick, 7).unwrap();
    assert_eq!(week.points.len(), 1);
    assert_eq!(week.points[0].date, "2026-11-20");
    for bad in [0, 3661] {
        match q.severity_chart(SeverityScale::Quick, bad) {
            Err(QuietLegsError::InvalidInput { field, .. }) => assert_eq!(field, "days"),
            other => panic!("{bad} days: {other:?}"),
        }
    }
}

#[test]
fn the_log_opens_on_last_night_until_the_evening_check_in_then_on_tonight() {
    // Berlin is UTC+1 in November; bed 23:00, evening check-in 21:00.
    let cases = [
        ((6, 0), "2026-11-20"),
        ((19, 59), "2026-11-20"),
        ((20, 0), "2026-11-21"),
        ((22, 30), "2026-11-21"),
    ];
    for ((h, m), night) in cases {
        let (q, _d) = diary_at(
            Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap(),
            "23:00",
        );
        assert_eq!(q.night_to_log().unwrap(), night, "at {h:02}:{m:02} UTC");
    }
}

#[test]
fn a_bedtime_after_midnight_keeps_the_small_hours_on_the_evening_before() {
    // Bed 00:30 belongs to the evening before; at 00:10 local on the 22nd it is still the 21st's night.
    let (q, _d) = diary_at(
        Utc.with_ymd_and_hms(2026, 11, 21, 23, 10, 0).unwrap(),
        "00:30",
    );
    assert_eq!(q.night_to_log().unwrap(), "2026-11-21");
}

/// Every intake word the log knows is answered by `check_intake` too, with the same answer as
/// the phones' intake buttons: the "not recognised" error lists `antacid` as a known word, so it
/// must never be refused (a reviewer found `check antacid` and `check alcohol` refused).
#[test]
fn every_intake_word_of_the_log_is_checked_not_refused() {
    use quietlegs_core::model::IntakeKind;
    let (q, _dir) = diary();
    for kind in IntakeKind::ALL {
        let word = quietlegs_core::word_of(&kind);
        let by_word = q
            .check_intake(word.clone(), Some("2026-11-21T15:00:00Z".into()))
            .unwrap_or_else(|e| panic!("{word}: {e:?}"));
        let by_kind = q
            .check_intake_kind(kind, Some("2026-11-21T15:00:00Z".into()))
            .unwrap();
        assert_eq!(by_word.conflict, by_kind.conflict, "{word}");
        assert_eq!(by_word.iron_at, by_kind.iron_at, "{word}");
    }
    let antacid = q
        .check_intake("antacid".into(), Some("2026-11-21T15:00:00Z".into()))
        .unwrap();
    assert!(antacid.message.contains("antacid"), "{}", antacid.message);
}

/// Issue #15: the words the phones used to write themselves come from the core: the Settings
/// field names (the ones its errors name) and routine switches, and the alternative's line.
#[test]
fn settings_words_and_the_alternative_line_come_from_the_core() {
    let l = settings_labels();
    let all = [
        &l.bedtime,
        &l.wake_time,
        &l.breakfast,
        &l.lunch,
        &l.dinner,
        &l.pregnant,
        &l.due_date,
        &l.kidney_disease,
        &l.dialysis,
        &l.malabsorption,
        &l.haemochromatosis,
        &l.thalassaemia,
        &l.regular_transfusions,
        &l.birth_date,
        &l.sex,
        &l.sex_not_given,
        &l.female,
        &l.male,
        &l.routine_warm_bath,
        &l.routine_warm_socks,
        &l.routine_movement,
        &l.routine_exercise_cutoff,
    ];
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "no two fields share a label");
    assert!(all.iter().all(|t| !t.trim().is_empty()));
    // The names the core's errors use for these fields start the labels.
    for (field, label) in [
        ("bedtime", &l.bedtime),
        ("wake time", &l.wake_time),
        ("due date", &l.due_date),
        (
            "birth date",
            &l.birth_date.replace("Date of birth", "birth date"),
        ),
    ] {
        assert!(label.to_lowercase().starts_with(field), "{field}: {label}");
    }
    let benadryl = check_medicine("Benadryl".into());
    let alt = benadryl[0].alternative.as_deref().unwrap();
    assert_eq!(
        benadryl[0].alternative_line.as_deref(),
        Some(format!("Alternative to ask about: {alt}.").as_str())
    );
    assert!(check_medicine("gabapentin".into())[0]
        .alternative_line
        .is_none());
    let gaba = &check_medicine("gabapentin".into())[0];
    assert_eq!(
        gaba.aasm_stance_line.as_deref(),
        Some(
            format!(
                "As an RLS treatment: {}.",
                gaba.aasm_stance_label.as_deref().unwrap()
            )
            .as_str()
        )
    );
    assert!(benadryl[0].aasm_stance_line.is_none());
}

/// The report, like the status, is for a day already lived: a date after today is refused
/// naming the date and no file is written (fresh review: a 2030 report said "0 nights" and the
/// recheck both "due" and "out of date"). Today (Berlin) is accepted.
#[test]
fn a_report_dated_after_today_is_refused_and_nothing_is_written() {
    let (q, dir) = diary();
    let out = dir.path().join("r.html");
    let path = out.to_string_lossy().into_owned();
    match q.export_report(path.clone(), Some("2026-11-22".into())) {
        Err(QuietLegsError::InvalidInput { field, .. }) => assert_eq!(field, "date"),
        other => panic!("a future report date was not refused: {other:?}"),
    }
    assert!(!out.exists());
    q.export_report(path, Some("2026-11-21".into())).unwrap();
    assert!(out.exists());
}
