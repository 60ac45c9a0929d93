//! Table-driven tests of the safety rules at their boundaries (SPEC §2.1, §2.5-§2.7).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use quietlegs_core::model::{
    Analyte, BodyArea, Event, EventKind, IrlsScores, Lab, Night, Profile, RegimenItem, RegimenKind,
    Trigger,
};
use quietlegs_core::rules::augmentation::screen;
use quietlegs_core::rules::flags::{doctor_flags, FlagKind};
use quietlegs_core::rules::insights::{
    adherence, trigger_comparisons, weekly_trends, SeverityScale,
};
use quietlegs_core::rules::iron_status::{iron_status, IronAdvice};
use quietlegs_core::rules::screener::{screen as screen_rls, ScreenAnswers};
use quietlegs_core::rules::Diary;

use crate::common::{doses, irls_items, lab, meta, regimen_item as item, today, weekly_irls};
fn night(date: NaiveDate, sev: u8, onset: &str) -> Night {
    Night {
        meta: meta(),
        night_date: date,
        quick_severity: Some(sev),
        irls: None,
        onset: Some(NaiveTime::parse_from_str(onset, "%H:%M").unwrap()),
        body_areas: vec![BodyArea::Legs],
        sleep_hours: Some(7.0),
        awakenings: None,
        triggers: vec![],
        relief: vec![],
        notes: None,
        changed: None,
    }
}
fn diary<'a>(p: &'a Profile, r: &'a [RegimenItem], e: &'a [Event], l: &'a [Lab]) -> Diary<'a> {
    Diary {
        profile: p,
        regimen: r,
        habits: &[],
        events: e,
        labs: l,
    }
}

#[test]
fn iron_status_at_its_boundaries() {
    let p = Profile::default();
    type Case<'a> = (&'a [(Analyte, f64)], bool, IronAdvice);
    let cases: &[Case] = &[
        (&[], false, IronAdvice::CheckFerritin),
        (&[(Analyte::Ferritin, 74.9)], false, IronAdvice::Supplement),
        (&[(Analyte::Ferritin, 75.0)], false, IronAdvice::Supplement),
        (&[(Analyte::Ferritin, 75.1)], false, IronAdvice::IvOnly),
        (&[(Analyte::Ferritin, 100.0)], false, IronAdvice::IvOnly),
        (
            &[(Analyte::Ferritin, 100.1)],
            false,
            IronAdvice::NotIndicated,
        ),
        (&[(Analyte::Ferritin, 60.0)], true, IronAdvice::KeepGoing),
        (
            &[(Analyte::Ferritin, 81.0), (Analyte::Tsat, 31.0)],
            false,
            IronAdvice::IvOnly,
        ),
        (
            &[(Analyte::Ferritin, 120.0), (Analyte::Tsat, 19.9)],
            false,
            IronAdvice::Supplement,
        ),
        (
            &[(Analyte::Ferritin, 120.0), (Analyte::Tsat, 20.0)],
            false,
            IronAdvice::NotIndicated,
        ),
        (
            &[(Analyte::Ferritin, 40.0), (Analyte::Tsat, 44.9)],
            false,
            IronAdvice::Supplement,
        ),
        (
            &[(Analyte::Ferritin, 40.0), (Analyte::Tsat, 45.0)],
            false,
            IronAdvice::StopAndSeeDoctor,
        ),
        (
            &[(Analyte::Ferritin, 300.0)],
            true,
            IronAdvice::NotIndicated,
        ),
        (
            &[(Analyte::Ferritin, 300.1)],
            true,
            IronAdvice::StopAndSeeDoctor,
        ),
    ];
    for (labs, supplementing, want) in cases {
        let labs: Vec<Lab> = labs
            .iter()
            .map(|(a, v)| lab(*a, *v, "2026-11-01"))
            .collect();
        let reg = if *supplementing {
            vec![item(RegimenKind::Iron, "Iron", "2026-10-15")]
        } else {
            vec![]
        };
        let s = iron_status(&diary(&p, &reg, &[], &labs), today());
        assert_eq!(
            s.advice, *want,
            "{labs:?} supplementing={supplementing}: {}",
            s.headline
        );
        assert!(!s.reasons.is_empty(), "every answer shows its numbers");
        assert!(
            !s.headline.to_lowercase().contains("target"),
            "no target band: {}",
            s.headline
        );
    }
}

#[test]
fn unknown_tsat_never_blocks_but_is_asked_for() {
    let p = Profile::default();
    let labs = vec![lab(Analyte::Ferritin, 30.0, "2026-11-01")];
    let s = iron_status(&diary(&p, &[], &[], &labs), today());
    assert_eq!(s.advice, IronAdvice::Supplement);
    assert!(s
        .notes
        .iter()
        .any(|n| n.contains("TSAT") && n.contains("falsely reassuring with inflammation")));
    let with = vec![
        lab(Analyte::Ferritin, 30.0, "2026-11-01"),
        lab(Analyte::Tsat, 25.0, "2026-11-01"),
    ];
    let s = iron_status(&diary(&p, &[], &[], &with), today());
    assert!(!s.notes.iter().any(|n| n.contains("falsely reassuring")));
}

#[test]
fn oral_iron_still_at_or_below_75_after_twelve_weeks_against_a_pre_start_value_means_discuss_iv() {
    let p = Profile::default();
    let reg = vec![item(RegimenKind::Iron, "Iron", "2026-06-01")];
    // Every dose logged (only logged oral iron counts, SPEC §2.1).
    let taken = doses(&reg[0], "2026-06-01", "2026-11-21");
    // 2026-06-01 + 84 days = 2026-08-24.
    let failed = vec![
        lab(Analyte::Ferritin, 30.0, "2026-05-25"),
        lab(Analyte::Ferritin, 75.0, "2026-08-24"),
    ];
    let s = iron_status(&diary(&p, &reg, &taken, &failed), today());
    assert_eq!(s.advice, IronAdvice::DiscussIv, "{}", s.headline);
    assert!(s.reasons[0]
        .text
        .contains("from 30 ng/mL on 2026-05-25 before starting"));
    // 83 days into the trial the value does not count yet.
    let early = vec![
        lab(Analyte::Ferritin, 30.0, "2026-05-25"),
        lab(Analyte::Ferritin, 29.0, "2026-08-23"),
    ];
    assert_eq!(
        iron_status(&diary(&p, &reg, &taken, &early), today()).advice,
        IronAdvice::KeepGoing
    );
    // Above 75 after the trial: no verdict of failure.
    let above = vec![
        lab(Analyte::Ferritin, 30.0, "2026-05-25"),
        lab(Analyte::Ferritin, 76.0, "2026-08-24"),
    ];
    assert_eq!(
        iron_status(&diary(&p, &reg, &taken, &above), today()).advice,
        IronAdvice::IvOnly
    );
    // No value from before the start: say so, give no verdict.
    let no_baseline = vec![lab(Analyte::Ferritin, 29.0, "2026-08-30")];
    let s = iron_status(&diary(&p, &reg, &taken, &no_baseline), today());
    assert_eq!(s.advice, IronAdvice::KeepGoing);
    assert!(s
        .notes
        .iter()
        .any(|n| n.contains("No ferritin from before you started oral iron")));
    // A dip from 210 to 200 is not a failure: iron is not indicated there at all.
    let dip = vec![
        lab(Analyte::Ferritin, 210.0, "2026-05-25"),
        lab(Analyte::Ferritin, 200.0, "2026-09-01"),
    ];
    assert_eq!(
        iron_status(&diary(&p, &reg, &taken, &dip), today()).advice,
        IronAdvice::NotIndicated
    );
    let malabsorption = Profile {
        malabsorption: true,
        ..Profile::default()
    };
    assert_eq!(
        iron_status(&diary(&malabsorption, &[], &[], &early), today()).advice,
        IronAdvice::DiscussIv
    );
}

/// SPEC §2.1 gives no projection: a rising series gets its slope, never a date by which it
/// "would pass 75" (that read as a promise), and the report and CLI say none.
#[test]
fn ferritin_gets_a_slope_but_never_a_projected_date() {
    let p = Profile::default();
    let rising = vec![
        lab(Analyte::Ferritin, 35.0, "2026-05-01"),
        lab(Analyte::Ferritin, 55.0, "2026-08-01"),
        lab(Analyte::Ferritin, 65.0, "2026-11-01"),
    ];
    let s = iron_status(&diary(&p, &[], &[], &rising), today());
    assert!(s.trend.slope_per_30_days.unwrap() > 0.0);
    assert_eq!(s.trend.slope_results, 3);
    assert!(s.trend.projected_target_date.is_none());
    let one = vec![lab(Analyte::Ferritin, 40.0, "2026-05-01")];
    let s = iron_status(&diary(&p, &[], &[], &one), today());
    assert_eq!(s.trend.slope_per_30_days, None);
}

/// 14 baseline nights in the first weeks on the drug (onset 22:00, severity 4), after one
/// night before it, then the 7 recent nights.
fn augmentation_case(
    worse_nights: usize,
    recent_onset: &str,
    recent_areas: &[BodyArea],
    baseline_len: i64,
) -> bool {
    augmentation_with(worse_nights, 5, recent_onset, recent_areas, baseline_len)
}

/// Worse nights are rated `worse` against a baseline of 4.
fn augmentation_with(
    worse_nights: usize,
    worse: u8,
    recent_onset: &str,
    recent_areas: &[BodyArea],
    baseline_len: i64,
) -> bool {
    let p = Profile::default();
    let started = today() - Duration::days(30);
    let reg = vec![item(
        RegimenKind::Medication,
        "pramipexole",
        &started.to_string(),
    )];
    // One night logged before the drug: the diary began before it (and the start was given),
    // so its first weeks show when it first worked.
    let mut nights = vec![night(started - Duration::days(1), 4, "22:00")];
    for i in 0..baseline_len {
        nights.push(night(started + Duration::days(i), 4, "22:00"));
    }
    // The last 7 completed nights: today - 7 to today - 1.
    for i in 0..7 {
        let mut n = night(
            today() - Duration::days(i + 1),
            if (i as usize) < worse_nights {
                worse
            } else {
                4
            },
            recent_onset,
        );
        n.body_areas.extend_from_slice(recent_areas);
        nights.push(n);
    }
    nights.sort_by_key(|n| n.night_date);
    screen(&diary(&p, &reg, &[], &[]), &nights, today()).flagged
}

#[test]
fn augmentation_at_its_boundaries() {
    // onset 4 h earlier (18:00 vs 22:00), 5 of 7 worse: flagged; 4 of 7: not.
    assert!(augmentation_case(5, "18:00", &[], 14));
    assert!(!augmentation_case(4, "18:00", &[], 14));
    // 3 h 59 min earlier alone is not enough; with spread to the arms it is.
    assert!(!augmentation_case(5, "18:01", &[], 14));
    assert!(augmentation_case(5, "18:01", &[BodyArea::Arms], 14));
    // A higher nightly rating (median 6 against 4) is criterion A's "worse", never counted
    // again as MPI's "greater intensity" (issue #15): not enough.
    assert!(!augmentation_with(7, 6, "18:01", &[], 14));
    // 1 h 59 min earlier, even with spread: not.
    assert!(!augmentation_case(5, "20:01", &[BodyArea::Arms], 14));
    // Never without a 7-night baseline.
    assert!(augmentation_case(5, "18:00", &[], 7));
    assert!(!augmentation_case(5, "18:00", &[], 6));
}

#[test]
fn onset_after_midnight_is_later_not_earlier() {
    // Baseline 23:00, recent 01:00: two hours LATER, never "22 hours earlier".
    let p = Profile::default();
    let started = today() - Duration::days(30);
    let reg = vec![item(
        RegimenKind::Medication,
        "ropinirole",
        &started.to_string(),
    )];
    // The first weeks on the drug are the baseline (the diary began the night before it).
    let mut nights: Vec<Night> = (-1..10)
        .map(|i| night(started + Duration::days(i), 3, "23:00"))
        .collect();
    nights.extend((1..=7).map(|i| night(today() - Duration::days(i), 8, "01:00")));
    nights.sort_by_key(|n| n.night_date);
    let s = screen(&diary(&p, &reg, &[], &[]), &nights, today());
    assert_eq!(s.onset_earlier_minutes, Some(-120));
    assert!(!s.flagged);
}

#[test]
fn doctor_flags_carry_their_facts() {
    let p = Profile {
        pregnant: true,
        kidney_disease: true,
        ..Profile::default()
    };
    let reg = vec![item(RegimenKind::Medication, "Benadryl", "2026-11-01")];
    let labs = vec![
        lab(Analyte::Ferritin, 150.0, "2026-11-01"),
        lab(Analyte::Tsat, 30.0, "2026-11-01"),
    ];
    let mut nights: Vec<Night> = (0..10)
        .map(|i| night(today() - Duration::days(i), 7, "21:00"))
        .collect();
    for n in nights.iter_mut().take(3) {
        n.sleep_hours = Some(3.5);
    }
    nights.sort_by_key(|n| n.night_date);
    let dia = diary(&p, &reg, &[], &labs);
    let iron = iron_status(&dia, today());
    let aug = screen(&dia, &nights, today());
    let kinds: Vec<FlagKind> = doctor_flags(&dia, &nights, &iron, &aug, today())
        .iter()
        .map(|f| f.kind)
        .collect();
    for k in [
        FlagKind::Pregnancy,
        FlagKind::KidneyDisease,
        FlagKind::SevereNights,
        FlagKind::WorseningMedication,
        FlagKind::DiscussTreatment,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing from {kinds:?}");
    }
    // Two short nights are not "several".
    for n in nights.iter_mut() {
        n.sleep_hours = Some(7.0);
    }
    let len = nights.len();
    for n in nights.iter_mut().skip(len - 2) {
        n.sleep_hours = Some(3.0);
    }
    let kinds: Vec<FlagKind> = doctor_flags(&dia, &nights, &iron, &aug, today())
        .iter()
        .map(|f| f.kind)
        .collect();
    assert!(!kinds.contains(&FlagKind::SevereNights));
}

#[test]
fn a_weekly_irls_of_21_is_severe_and_20_is_not() {
    let p = Profile::default();
    for (total, want) in [(20u8, false), (21, true)] {
        let weekly = vec![weekly_irls(irls_items(total))];
        let dia = diary(&p, &[], &weekly, &[]);
        let iron = iron_status(&dia, today());
        let aug = screen(&dia, &[], today());
        let severe = doctor_flags(&dia, &[], &iron, &aug, today())
            .iter()
            .any(|f| f.kind == FlagKind::SevereWeeklyIrls);
        assert_eq!(severe, want, "weekly IRLS {total}");
    }
    // Nightly IRLS entries of old diaries are not counted as weekly ratings.
    let nights: Vec<Night> = (0..3)
        .map(|i| Night {
            irls: Some(IrlsScores::new(&irls_items(30)).unwrap()),
            quick_severity: None,
            ..night(today() - Duration::days(i), 0, "21:00")
        })
        .collect();
    let dia = diary(&p, &[], &[], &[]);
    let iron = iron_status(&dia, today());
    let aug = screen(&dia, &nights, today());
    assert!(!doctor_flags(&dia, &nights, &iron, &aug, today())
        .iter()
        .any(|f| f.kind == FlagKind::SevereWeeklyIrls || f.kind == FlagKind::SevereNights));
}

#[test]
fn screener_names_the_missing_criterion() {
    let yes = ScreenAnswers {
        urge_to_move: true,
        worse_at_rest: true,
        relieved_by_movement: true,
        worse_in_evening: true,
        not_explained_by_other_condition: true,
    };
    assert!(screen_rls(&yes).consistent_with_rls);
    assert!(
        screen_rls(&yes).message.contains("a doctor can confirm")
            || screen_rls(&yes)
                .message
                .contains("Only a doctor can confirm")
    );
    let r = screen_rls(&ScreenAnswers {
        relieved_by_movement: false,
        ..yes
    });
    assert!(!r.consistent_with_rls);
    assert_eq!(r.missing, vec!["relief by movement".to_owned()]);
    // SPEC §2.6: a missing criterion names the common mimics, each of them.
    for mimic in [
        "cramps",
        "positional discomfort",
        "neuropathy",
        "leg swelling",
        "arthritis",
        "habitual foot tapping",
    ] {
        assert!(r.message.contains(mimic), "{mimic}: {}", r.message);
    }
    assert!(!screen_rls(&yes).message.contains("neuropathy"));
}

#[test]
fn triggers_need_five_nights_each_side_and_scales_never_mix() {
    let mk = |n_with: i64, n_without: i64| {
        let mut v = Vec::new();
        for i in 0..n_with {
            let mut n = night(today() - Duration::days(i), 7, "21:00");
            n.triggers = vec![Trigger::Alcohol];
            v.push(n);
        }
        for i in n_with..n_with + n_without {
            v.push(night(today() - Duration::days(i), 3, "21:00"));
        }
        v
    };
    assert!(trigger_comparisons(&mk(4, 10), today()).is_empty());
    let c = trigger_comparisons(&mk(5, 5), today());
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].with_mean, c[0].without_mean, c[0].with_nights),
        (7.0, 3.0, 5)
    );
    // A night with only an IRLS total never enters the quick-rating trend.
    let mut nights = mk(0, 7);
    nights.push(Night {
        quick_severity: None,
        irls: Some(IrlsScores::new(&[4; 10]).unwrap()),
        ..night(today(), 0, "21:00")
    });
    let trends = weekly_trends(&nights, today());
    let quick = trends
        .iter()
        .find(|t| t.scale == SeverityScale::Quick)
        .unwrap();
    assert_eq!(quick.this_week_mean, Some(3.0));
    let irls = trends
        .iter()
        .find(|t| t.scale == SeverityScale::Irls)
        .unwrap();
    assert_eq!(irls.this_week_mean, Some(40.0));
}

#[test]
fn adherence_counts_doses_against_dose_days() {
    let p = Profile::default();
    let mut iron = item(RegimenKind::Iron, "Iron", "2026-10-01");
    iron.every_n_days = 2;
    let id = iron.meta.id.to_string();
    let events: Vec<Event> = (0..3usize)
        .map(|i| Event {
            meta: meta(),
            // 11-21 is not a dose day (the dose there does not count), 11-20 and 11-18 are.
            at: Utc
                .with_ymd_and_hms(2026, 11, [21, 20, 18][i], 10, 0, 0)
                .unwrap(),
            kind: EventKind::Dose {
                regimen_id: id.clone(),
            },
            note: None,
            warnings: vec![],
        })
        .collect();
    let reg = vec![iron];
    let a = adherence(&diary(&p, &reg, &events, &[]), today());
    // 2026-10-01 + even days: 11-20, 11-18, 11-16 in the last 7 days.
    assert_eq!((a[0].taken_7, a[0].expected_7), (2, 3));
}

/// The windows are the last 7 and 30 waking days, today included: a dose at 00:30 after the
/// 23:00 bedtime is today's, one on the 30th day back counts, one on the 31st does not.
#[test]
fn adherence_counts_the_doses_of_its_windows_to_the_edges() {
    let p = Profile::default();
    let iron = item(RegimenKind::Iron, "Iron", "2026-10-01");
    let id = iron.meta.id.to_string();
    let dose = |at| Event {
        meta: meta(),
        at,
        kind: EventKind::Dose {
            regimen_id: id.clone(),
        },
        note: None,
        warnings: vec![],
    };
    let events = vec![
        dose(Utc.with_ymd_and_hms(2026, 10, 22, 10, 0, 0).unwrap()),
        dose(Utc.with_ymd_and_hms(2026, 10, 23, 10, 0, 0).unwrap()),
        dose(Utc.with_ymd_and_hms(2026, 11, 22, 0, 30, 0).unwrap()),
    ];
    let reg = vec![iron];
    let a = adherence(&diary(&p, &reg, &events, &[]), today());
    assert_eq!(
        (
            a[0].taken_7,
            a[0].expected_7,
            a[0].taken_30,
            a[0].expected_30
        ),
        (1, 7, 2, 30)
    );
}

#[test]
fn the_augmentation_baseline_is_the_first_weeks_on_the_drug() {
    let p = Profile::default();
    let started = today() - Duration::days(60);
    let reg = vec![item(
        RegimenKind::Medication,
        "pramipexole",
        &started.to_string(),
    )];
    let recent: Vec<Night> = (1..=7)
        .map(|i| night(today() - Duration::days(i), 6, "18:00"))
        .collect();
    let with = |baseline: Vec<Night>| {
        let mut all = baseline;
        all.extend(recent.clone());
        all.sort_by_key(|n| n.night_date);
        screen(&diary(&p, &reg, &[], &[]), &all, today())
    };
    // Ten nights 30-39 days after the start: past the first 28 days, not a baseline.
    let s = with(
        (30..40)
            .map(|i| night(started + Duration::days(i), 4, "22:00"))
            .collect(),
    );
    assert_eq!(s.baseline_nights, 0);
    assert!(
        !s.flagged && s.message.contains("baseline"),
        "{}",
        s.message
    );
    // Nights before the drug alone are no severity baseline either: no reassurance from them.
    let s = with(
        (1..15)
            .map(|i| night(started - Duration::days(i), 4, "22:00"))
            .collect(),
    );
    assert_eq!(s.baseline_nights, 0);
    assert!(
        !s.flagged && !s.message.starts_with("No sign"),
        "{}",
        s.message
    );
    // The same ten nights 0-9 days after the start make the baseline, once the diary began
    // before the drug (a night the day before it).
    let s = with(
        (-1..10)
            .map(|i| night(started + Duration::days(i), 4, "22:00"))
            .collect(),
    );
    assert_eq!(s.baseline_nights, 10);
    assert!(s.flagged, "{}", s.message);
}

/// The reviewer's case (SPEC §2.5): worse before the drug (7/10, onset 22:00), much better when
/// it first worked (2/10, 23:00), now 6/10 from 17:00 reaching the arms. Against the diary before
/// the drug it read "no sign"; against the period when the drug worked it is augmentation, and
/// the onset is compared with before the drug (5 h earlier).
#[test]
fn augmentation_is_judged_against_the_period_when_the_drug_first_worked() {
    let p = Profile::default();
    let started = today() - Duration::days(80);
    let reg = vec![item(
        RegimenKind::Medication,
        "pramipexole",
        &started.to_string(),
    )];
    let mut nights: Vec<Night> = (1..=14)
        .map(|i| night(started - Duration::days(i), 7, "22:00"))
        .collect();
    nights.extend((0..28).map(|i| night(started + Duration::days(i), 2, "23:00")));
    for i in 1..=7 {
        let mut n = night(today() - Duration::days(i), 6, "17:00");
        n.body_areas.push(BodyArea::Arms);
        nights.push(n);
    }
    nights.sort_by_key(|n| n.night_date);
    let s = screen(&diary(&p, &reg, &[], &[]), &nights, today());
    assert_eq!(s.baseline_nights, 28);
    assert_eq!(s.nights_worse_than_baseline, 7);
    assert_eq!(s.onset_earlier_minutes, Some(300));
    assert!(s.flagged, "{}", s.message);
    assert!(s.message.contains("before "), "{}", s.message);
    // With one night before the drug, too few for an onset, onset is compared with the first
    // weeks on it (6 h).
    nights.retain(|n| n.night_date >= started - Duration::days(1));
    let s = screen(&diary(&p, &reg, &[], &[]), &nights, today());
    assert_eq!(s.onset_earlier_minutes, Some(360));
    assert!(s.flagged, "{}", s.message);
    assert!(
        s.message.contains("in the first weeks on the drug"),
        "{}",
        s.message
    );
}

/// SPEC §2.1: oral iron is judged only after 12 weeks of LOGGED doses. With no doses logged
/// (or on under half the dose days, or the first under 12 weeks before the ferritin) there
/// is no "discuss IV iron" verdict, and the note says why.
#[test]
fn the_oral_iron_verdict_counts_only_logged_doses() {
    let p = Profile::default();
    let reg = vec![item(RegimenKind::Iron, "Iron", "2026-05-01")];
    let labs = vec![
        lab(Analyte::Ferritin, 30.0, "2026-04-28"),
        lab(Analyte::Ferritin, 35.0, "2026-08-20"),
    ];
    let judged = |events: &[Event]| iron_status(&diary(&p, &reg, events, &labs), today());
    // None logged: no verdict, and the note counts the doses.
    let s = judged(&[]);
    assert_eq!(s.advice, IronAdvice::KeepGoing, "{}", s.headline);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("doses were logged on 0 of its 112 dose days")),
        "{:?}",
        s.notes
    );
    // 2026-05-01..=2026-08-20 is 112 dose days: 56 logged is half, 55 is not.
    let half = doses(&reg[0], "2026-05-01", "2026-06-25");
    assert_eq!(half.len(), 56);
    assert_eq!(judged(&half).advice, IronAdvice::DiscussIv);
    assert_eq!(judged(&half[1..]).advice, IronAdvice::KeepGoing);
    // Every day logged but only from 2026-05-29 (83 days before the ferritin): too short.
    assert_eq!(
        judged(&doses(&reg[0], "2026-05-29", "2026-08-20")).advice,
        IronAdvice::KeepGoing
    );
    assert_eq!(
        judged(&doses(&reg[0], "2026-05-28", "2026-08-20")).advice,
        IronAdvice::DiscussIv
    );
}

/// The iron-overload groups get no iron advice, but a ferritin above the 300 ng/mL ceiling
/// still holds iron; exactly 300 is not above it.
#[test]
fn with_haemochromatosis_the_ferritin_ceiling_holds_iron_only_above_300() {
    let p = Profile {
        haemochromatosis: true,
        ..Profile::default()
    };
    let held = |f: f64| {
        let labs = vec![lab(Analyte::Ferritin, f, "2026-11-01")];
        iron_status(&diary(&p, &[], &[], &labs), today())
            .headline
            .contains("a safety ceiling is reached")
    };
    assert!(!held(300.0));
    assert!(held(300.5));
}

/// A ferritin is out of date when it is over a year old: 365 days old is not, 366 days is.
#[test]
fn a_ferritin_is_out_of_date_only_after_a_whole_year() {
    let p = Profile::default();
    let out_of_date = |on: &str| {
        let labs = vec![lab(Analyte::Ferritin, 30.0, on)];
        iron_status(&diary(&p, &[], &[], &labs), today())
            .notes
            .iter()
            .any(|n| n.starts_with("Out of date"))
    };
    assert!(!out_of_date("2025-11-21"));
    assert!(out_of_date("2025-11-20"));
}

/// Only the TSAT at its ceiling: the headline names the TSAT, not the ferritin.
#[test]
fn a_tsat_at_the_ceiling_alone_is_named_as_the_tsat() {
    let p = Profile::default();
    let labs = vec![
        lab(Analyte::Ferritin, 100.0, "2026-11-01"),
        lab(Analyte::Tsat, 50.0, "2026-11-01"),
    ];
    let s = iron_status(&diary(&p, &[], &[], &labs), today());
    assert_eq!(s.advice, IronAdvice::StopAndSeeDoctor);
    assert!(
        s.headline.ends_with("TSAT is at the safety ceiling."),
        "{}",
        s.headline
    );
}

/// On the due date itself a person is still pregnant, not postpartum: the pregnancy note, not
/// the after-pregnancy one; the day after, the postpartum note.
#[test]
fn on_the_due_date_the_pregnancy_note_is_not_yet_the_postpartum_one() {
    let note_on = |due: &str| {
        let p = Profile {
            pregnant: true,
            due_date: Some(due.parse().unwrap()),
            ..Profile::default()
        };
        let labs = vec![lab(Analyte::Ferritin, 30.0, "2026-11-01")];
        iron_status(&diary(&p, &[], &[], &labs), today())
            .notes
            .iter()
            .any(|n| n.starts_with("After pregnancy"))
    };
    assert!(!note_on("2026-11-21"), "due today");
    assert!(note_on("2026-11-20"), "due yesterday");
}

/// With malabsorption, IV iron is discussed when ferritin is low, or TSAT is low, or ferritin
/// is in the IV band: any one of them, not all.
#[test]
fn with_malabsorption_a_low_ferritin_or_a_low_tsat_alone_leads_to_iv_iron() {
    let p = Profile {
        malabsorption: true,
        ..Profile::default()
    };
    let advice = |f: f64, t: f64| {
        let labs = vec![
            lab(Analyte::Ferritin, f, "2026-11-01"),
            lab(Analyte::Tsat, t, "2026-11-01"),
        ];
        iron_status(&diary(&p, &[], &[], &labs), today()).advice
    };
    assert_eq!(advice(30.0, 25.0), IronAdvice::DiscussIv, "low ferritin");
    assert_eq!(advice(200.0, 15.0), IronAdvice::DiscussIv, "low TSAT");
}

/// The doctor flags of a diary with no regimen on `today()`.
fn flags_of(
    p: &Profile,
    events: &[Event],
    labs: &[Lab],
    nights: &[Night],
) -> Vec<quietlegs_core::rules::flags::DoctorFlag> {
    let dia = diary(p, &[], events, labs);
    let iron = iron_status(&dia, today());
    let aug = screen(&dia, nights, today());
    doctor_flags(&dia, nights, &iron, &aug, today())
}

#[test]
fn the_kidney_flag_says_what_applies_on_dialysis_in_pregnancy_and_otherwise() {
    use quietlegs_core::evidence::Source;
    const SUCROSE: &str = "AASM 2025 suggests IV iron sucrose for RLS on dialysis";
    const TEAMS: &str = "ask your obstetric and kidney teams about iron";
    // Week 5 of pregnancy on today(): IV iron is not suggested in the first trimester.
    let due = today() + Duration::days(280 - 5 * 7);
    let kidney = |dialysis: bool, pregnant: bool| {
        let p = Profile {
            dialysis,
            kidney_disease: true,
            pregnant,
            due_date: pregnant.then_some(due),
            ..Profile::default()
        };
        flags_of(&p, &[], &[], &[])
            .into_iter()
            .find(|f| f.kind == FlagKind::KidneyDisease)
            .expect("a kidney flag")
    };
    let f = kidney(true, false);
    assert_eq!(f.source, Source::Aasm2025);
    assert!(
        f.facts.contains(SUCROSE) && !f.facts.contains(TEAMS),
        "{}",
        f.facts
    );
    let f = kidney(true, true);
    assert_eq!(f.source, Source::Aasm2025);
    assert!(
        f.facts.contains(TEAMS) && !f.facts.contains(SUCROSE),
        "{}",
        f.facts
    );
    for pregnant in [false, true] {
        let f = kidney(false, pregnant);
        assert_eq!(f.source, Source::Kdigo2024);
        assert!(
            !f.facts.contains(TEAMS) && !f.facts.contains(SUCROSE),
            "{}",
            f.facts
        );
    }
}

#[test]
fn severe_nights_are_under_4_h_of_sleep_on_nights_with_symptoms() {
    let p = Profile::default();
    let nights = |sleep: f64, sev: u8| -> Vec<Night> {
        let mut v: Vec<Night> = (0..3)
            .map(|i| Night {
                sleep_hours: Some(sleep),
                ..night(today() - Duration::days(i), sev, "21:00")
            })
            .collect();
        v.sort_by_key(|n| n.night_date);
        v
    };
    let severe = |v: &[Night]| {
        flags_of(&p, &[], &[], v)
            .iter()
            .any(|f| f.kind == FlagKind::SevereNights)
    };
    assert!(severe(&nights(3.9, 7)));
    assert!(!severe(&nights(4.0, 7)), "4 h is not under 4 h");
    assert!(
        !severe(&nights(3.0, 0)),
        "short nights without symptoms are not RLS's"
    );
}

#[test]
fn treatment_is_discussed_when_iron_is_not_indicated_and_symptoms_reach_the_threshold() {
    let p = Profile::default();
    // Ferritin 150, TSAT 30: iron is not indicated.
    let labs = [
        lab(Analyte::Ferritin, 150.0, "2026-11-01"),
        lab(Analyte::Tsat, 30.0, "2026-11-01"),
    ];
    let discuss = |events: &[Event], nights: &[Night]| {
        flags_of(&p, events, &labs, nights)
            .iter()
            .any(|f| f.kind == FlagKind::DiscussTreatment)
    };
    let rated = |sev: u8| -> Vec<Night> {
        let mut v: Vec<Night> = (0..10)
            .map(|i| night(today() - Duration::days(i), sev, "21:00"))
            .collect();
        v.sort_by_key(|n| n.night_date);
        v
    };
    // The nightly rating: a median of 5/10 or more.
    assert!(discuss(&[], &rated(5)));
    assert!(!discuss(&[], &rated(4)));
    // The weekly IRLS: 11 (moderate) or more, judged without nightly ratings.
    assert!(discuss(&[weekly_irls(irls_items(11))], &[]));
    assert!(!discuss(&[weekly_irls(irls_items(10))], &[]));
}

/// A stored entry's warnings: a medicine or supplement the catalog does not know says that
/// nothing can be planned around it; a known one does not, nor an iron entry under any name
/// (iron is planned as iron); a worsening medicine warns of RLS.
#[test]
fn an_unknown_medicine_entry_says_nothing_can_be_planned_around_it() {
    use quietlegs_core::rules::catalog::regimen_warnings;
    let unknown = |w: &[String]| w.iter().any(|w| w.contains("is not recognised"));
    let w = regimen_warnings(&item(RegimenKind::Medication, "Xyzzamol", "2026-10-01"));
    assert!(
        unknown(&w) && w[0].starts_with("Xyzzamol is not recognised"),
        "{w:?}"
    );
    let w = regimen_warnings(&item(RegimenKind::Supplement, "Moonwort", "2026-10-01"));
    assert!(unknown(&w), "{w:?}");
    for (kind, name) in [
        (RegimenKind::Medication, "pramipexole"),
        (RegimenKind::Iron, "Ferro Sanol"),
        (RegimenKind::Iron, "Xyzzamol"),
    ] {
        let w = regimen_warnings(&item(kind, name, "2026-10-01"));
        assert!(!unknown(&w), "{name}: {w:?}");
    }
    let w = regimen_warnings(&item(RegimenKind::Medication, "Benadryl", "2026-10-01"));
    assert!(w.iter().any(|w| w.contains("RLS")), "{w:?}");
}
