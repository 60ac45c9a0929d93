//! Reminders across time zones and every DST transition of 2020-2040 (SPEC §3): no occurrence at
//! a local time that does not exist, none twice, ids unique and stable, sorted, inside the
//! horizon, local and UTC in agreement.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashSet;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use proptest::prelude::*;
use quietlegs_core::evidence as ev;
use quietlegs_core::model::zone::Tz;
use quietlegs_core::model::{
    Habit, IntakeKind, Profile, RecordMeta, RegimenItem, RegimenKind, Routine,
};
use quietlegs_core::rules::day::utc_bounds;
use quietlegs_core::rules::plan::{day_plan, ReminderKind};
use quietlegs_core::rules::reminders::{occurrences, reconcile};
use quietlegs_core::rules::Diary;

const ZONES: &[&str] = &[
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Europe/Dublin",
    "Pacific/Apia",
    "America/Santiago",
    "Europe/Berlin",
    "America/New_York",
];

/// Local dates in 2020-2040 whose UTC offset differs from the day before.
fn transitions(tz: Tz) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2041, 1, 1).unwrap();
    let offset = |d: NaiveDate| {
        tz.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
            .offset()
            .fix()
    };
    let mut prev = offset(d);
    while d < end {
        d = d.succ_opt().unwrap();
        let o = offset(d);
        if o != prev {
            out.push(d);
            prev = o;
        }
    }
    out
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn meta() -> RecordMeta {
    RecordMeta::new(Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap(), "test")
}

fn regimen() -> Vec<RegimenItem> {
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let item = |kind, name: &str, times: Vec<NaiveTime>| RegimenItem {
        meta: meta(),
        kind,
        name: name.into(),
        dose_mg: None,
        times,
        every_n_days: 1,
        with_vitamin_c: true,
        start_date: start,
        stop_date: None,
        start_source: quietlegs_core::model::StartSource::Given,
    };
    vec![
        item(RegimenKind::Iron, "Iron", vec![]),
        item(RegimenKind::Magnesium, "Magnesium", vec![]),
        // Times chosen to sit inside typical spring-forward gaps.
        item(RegimenKind::Medication, "levothyroxine", vec![t(2, 30)]),
        item(
            RegimenKind::Medication,
            "gabapentin",
            vec![t(1, 30), t(21, 0)],
        ),
        // Two or more times inside each zone's gap (Santiago's midnight, Dublin's 01:00,
        // Berlin's and New York's 02:00, Lord Howe's 02:00-02:30, Apia's 03:00): each dose is
        // its own reminder when the gap moves them to one minute (fresh review: 02:15 and 02:45
        // became one reminder at 03:00).
        item(
            RegimenKind::Medication,
            "pramipexole",
            vec![
                t(0, 15),
                t(0, 45),
                t(1, 15),
                t(1, 45),
                t(2, 5),
                t(2, 15),
                t(2, 45),
                t(3, 15),
                t(3, 45),
            ],
        ),
    ]
}

/// Every property of one horizon.
fn check_horizon(profile: &Profile, from: NaiveDate, days: u32) {
    let regimen = regimen();
    let habits = vec![Habit {
        meta: meta(),
        intake: IntakeKind::Coffee,
        at: t(7, 30),
    }];
    let diary = Diary {
        profile,
        regimen: &regimen,
        habits: &habits,
        events: &[],
        labs: &[],
    };
    let tz = profile.time_zone;
    let a = occurrences(&diary, from, days);
    let b = occurrences(&diary, from, days);
    assert_eq!(a, b, "not stable");
    let (start, _) = utc_bounds(tz, from);
    let (end, _) = utc_bounds(tz, from + Duration::days(i64::from(days)));
    let mut ids = HashSet::new();
    let mut items = HashSet::new();
    for w in a.windows(2) {
        assert!(
            (w[0].fire_at, &w[0].id) <= (w[1].fire_at, &w[1].id),
            "not sorted"
        );
    }
    for o in &a {
        assert!(ids.insert(o.id.clone()), "duplicate id {}", o.id);
        // The same plan item never fires twice (a repeated local hour on a fall-back day).
        assert!(
            items.insert((o.kind, o.date, o.regimen_id.clone(), o.title.clone()))
                || o.kind == ReminderKind::MedicationDose,
            "{:?} on {} twice",
            o.kind,
            o.date
        );
        assert!(
            start <= o.fire_at && o.fire_at < end,
            "{} outside the horizon",
            o.id
        );
        // Local and UTC agree, and the local time exists: reading it back gives the instant, or
        // (on a repeated hour) the first of the two.
        let local = o.fire_at.with_timezone(&tz).naive_local();
        // Iron and its vitamin C are set by elapsed time from real intakes (2 h after a coffee is
        // 2 real hours), and the "before bed" items by their real-time distance from bedtime
        // (SPEC §3), so only they may fall in the second pass of a repeated hour.
        let elapsed = matches!(
            o.kind,
            ReminderKind::Iron
                | ReminderKind::VitaminC
                | ReminderKind::WarmSocks
                | ReminderKind::ExerciseCutoff
                | ReminderKind::EveningCheck
                | ReminderKind::WarmBath
                | ReminderKind::Movement
                | ReminderKind::Magnesium // untimed: a span before bed
        );
        match tz.from_local_datetime(&local) {
            LocalResult::Single(x) => assert_eq!(x.with_timezone(&Utc), o.fire_at),
            LocalResult::Ambiguous(first, second) => assert!(
                first.with_timezone(&Utc) == o.fire_at
                    || (elapsed && second.with_timezone(&Utc) == o.fire_at),
                "{:?} fired on the second pass of a repeated hour: {} {} {local} {}",
                o.kind,
                o.id,
                tz,
                o.fire_at
            ),
            LocalResult::None => panic!("{} at a nonexistent local time {local}", o.id),
        }
    }
    // Nothing planned is lost: one occurrence for each item of the day plans that fires inside
    // the horizon (no two merged because the clocks moved them to the same minute).
    let mut planned = 0;
    let mut d = from.pred_opt().unwrap();
    while d < from + Duration::days(i64::from(days)) {
        let plan = day_plan(&diary, d);
        planned += plan
            .items
            .iter()
            .filter(|p| start <= p.start && p.start < end)
            .count();
        // "Before bed" items keep their real-time distance from the (resolved) bedtime, and a
        // window never shrinks to zero (SPEC §3).
        for p in &plan.items {
            let before = match p.kind {
                ReminderKind::WarmSocks => ev::WARM_SOCKS_BEFORE_BED_MIN,
                ReminderKind::ExerciseCutoff => ev::VIGOROUS_EXERCISE_CUTOFF_MIN,
                ReminderKind::EveningCheck => ev::EVENING_CHECK_BEFORE_BED_MIN,
                ReminderKind::WarmBath => ev::WARM_BATH_BEFORE_BED_MIN,
                ReminderKind::Movement => ev::MOVEMENT_WINDOW_MIN,
                _ => continue,
            };
            assert_eq!(
                plan.bed - p.start,
                Duration::minutes(before.value as i64),
                "{:?} of {d} in {tz}: {} before a bedtime of {}",
                p.kind,
                p.start,
                plan.bed
            );
            if let Some(end) = p.end {
                assert!(
                    end > p.start,
                    "{:?} of {d} in {tz}: an empty window",
                    p.kind
                );
            }
        }
        d = d.succ_opt().unwrap();
    }
    let recheck = a
        .iter()
        .filter(|o| o.kind == ReminderKind::LabRecheck)
        .count();
    assert_eq!(
        a.len() - recheck,
        planned,
        "every planned item has its reminder"
    );
    // Nothing held and every occurrence ahead: the shell adds the first 64, cancels nothing.
    let cap = 64;
    let r = reconcile(&a, &[], start - Duration::hours(1), cap);
    assert!(
        !a.is_empty(),
        "a {days}-day horizon with iron and magnesium has reminders"
    );
    assert_eq!(
        r.add,
        a[..a.len().min(cap)].to_vec(),
        "add: the earliest {cap}"
    );
    assert!(
        r.cancel.is_empty(),
        "nothing held, nothing to cancel: {:?}",
        r.cancel
    );
    // Everything held, the first one past, a cap of 2: nothing to add; cancelled are the past
    // one and everything beyond the next 2.
    let held: Vec<String> = a.iter().map(|o| o.id.clone()).collect();
    let now = a[0].fire_at;
    let r = reconcile(&a, &held, now, 2);
    assert!(r.add.is_empty(), "all held: {:?}", r.add);
    let keep: HashSet<&str> = a
        .iter()
        .filter(|o| o.fire_at > now)
        .take(2)
        .map(|o| o.id.as_str())
        .collect();
    let want: HashSet<&str> = held
        .iter()
        .map(String::as_str)
        .filter(|id| !keep.contains(id))
        .collect();
    let got: HashSet<&str> = r.cancel.iter().map(String::as_str).collect();
    assert_eq!(got, want, "cancel: past, stale and beyond the cap");
    assert_eq!(r.cancel.len(), want.len(), "each id cancelled once");
    assert!(got.contains(a[0].id.as_str()), "the past one is cancelled");
}

/// The whole bedtime routine, opted in: every "before bed" kind is planned.
fn all_routine() -> Routine {
    Routine {
        warm_bath: true,
        warm_socks: true,
        movement: true,
        exercise_cutoff: true,
    }
}

fn any_clock() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45])).prop_map(|(h, m)| t(h, m))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn every_transition_of_2020_to_2040_in_every_zone(bed in any_clock(), wake in any_clock(), zone in prop::sample::select(ZONES.to_vec())) {
        prop_assume!(bed != wake);
        let tz: Tz = zone.parse().unwrap();
        let profile = Profile { time_zone: tz, bedtime: bed, wake_time: wake, breakfast: Some(t(8, 0)), lunch: Some(t(12, 30)), dinner: Some(t(19, 0)), routine: all_routine(), ..Profile::default() };
        for d in transitions(tz) {
            check_horizon(&profile, d - Duration::days(1), 3);
        }
    }
}

#[test]
fn the_zones_really_have_transitions() {
    // Lord Howe moves by 30 minutes; Kathmandu has none; Apia stopped in 2021.
    assert_eq!(
        transitions("Australia/Lord_Howe".parse().unwrap()).len(),
        42
    );
    assert!(transitions("Asia/Kathmandu".parse().unwrap()).is_empty());
    assert!(transitions("Pacific/Apia".parse().unwrap()).len() <= 4);
}

#[test]
fn a_7_day_horizon_over_every_zone_and_transition_with_the_default_profile() {
    for z in ZONES {
        let tz: Tz = z.parse().unwrap();
        let profile = Profile {
            time_zone: tz,
            bedtime: t(0, 30),
            wake_time: t(7, 0),
            routine: all_routine(),
            ..Profile::default()
        };
        for d in transitions(tz) {
            check_horizon(&profile, d - Duration::days(3), 7);
        }
    }
}

#[test]
fn a_spring_forward_reminder_moves_to_the_first_minute_after_the_gap() {
    let tz: Tz = "Europe/Berlin".parse().unwrap();
    let profile = Profile {
        time_zone: tz,
        bedtime: t(23, 0),
        wake_time: t(7, 0),
        ..Profile::default()
    };
    let regimen = regimen();
    let diary = Diary {
        profile: &profile,
        regimen: &regimen,
        habits: &[],
        events: &[],
        labs: &[],
    };
    let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
    let occ = occurrences(&diary, day, 1);
    let levo: Vec<DateTime<Utc>> = occ
        .iter()
        .filter(|o| o.title == "levothyroxine")
        .map(|o| o.fire_at)
        .collect();
    // 02:30 does not exist that night in Berlin: 03:00 CEST = 01:00 UTC.
    assert_eq!(
        levo,
        vec![Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()]
    );
}
