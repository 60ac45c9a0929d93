//! Reminders through the API a shell uses: reconcile, act, re-plan, travel.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use quietlegs_core::model::{EventKind, IntakeKind, RegimenKind};
use quietlegs_core::rules::plan::ReminderKind;
use quietlegs_core::rules::reminders::ReminderAction;
use quietlegs_core::{Clock, EventInput, ProfileSettings, QuietLegs, RegimenInput};

/// A clock the test moves.
struct TestClock(Mutex<DateTime<Utc>>);
impl Clock for TestClock {
    fn now_millis(&self) -> i64 {
        self.0.lock().unwrap().timestamp_millis()
    }
}

fn setup(now: DateTime<Utc>) -> (Arc<QuietLegs>, Arc<TestClock>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(TestClock(Mutex::new(now)));
    let q = QuietLegs::open_at(&dir.path().join("r.db"), clock.clone()).unwrap();
    q.set_profile(ProfileSettings {
        time_zone: "UTC".into(),
        bedtime: "23:00".into(),
        wake_time: "07:00".into(),
        breakfast: Some("08:00".into()),
        lunch: Some("13:30".into()),
        dinner: None,
        pregnant: false,
        kidney_disease: false,
        malabsorption: false,
        // The whole routine, opted in: these tests are about scheduling, not the choice.
        routine: Some(quietlegs_core::model::Routine {
            warm_bath: true,
            warm_socks: true,
            movement: true,
            exercise_cutoff: true,
        }),
        ..ProfileSettings::default()
    })
    .unwrap();
    q.add_regimen(RegimenInput {
        kind: RegimenKind::Iron,
        name: "Iron".into(),
        dose_mg: Some(65.0),
        times: vec![],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: Some("2026-11-01".into()),
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap();
    (q, clock, dir)
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap()
}

fn iron_today(q: &QuietLegs) -> Option<quietlegs_core::ReminderOccurrence> {
    q.reminders(None, Some(1))
        .unwrap()
        .into_iter()
        .find(|o| o.kind == ReminderKind::Iron)
}

#[test]
fn reconcile_adds_what_is_missing_cancels_what_is_stale_and_respects_the_cap() {
    let (q, _c, _d) = setup(at(6, 0));
    let all = q.reminders(None, None).unwrap();
    assert_eq!(all.len(), 49, "a week: 7 items a day");
    let first = q.reconcile_reminders(vec![], Some(20)).unwrap();
    assert_eq!(first.add.len(), 20, "no more than the cap");
    assert_eq!(first.add[0].id, all[0].id);
    assert!(
        first
            .add
            .windows(2)
            .all(|w| w[0].fire_at_millis <= w[1].fire_at_millis),
        "earliest first"
    );
    let held: Vec<String> = first.add.iter().map(|o| o.id.clone()).collect();
    let again = q.reconcile_reminders(held.clone(), Some(20)).unwrap();
    assert!(
        again.add.is_empty() && again.cancel.is_empty(),
        "stable ids: nothing to do twice"
    );
    let mut with_stale = held.clone();
    with_stale.push("iron-2020-01-01-0000000000000000".into());
    let r = q.reconcile_reminders(with_stale, Some(20)).unwrap();
    assert_eq!(
        r.cancel,
        vec!["iron-2020-01-01-0000000000000000".to_owned()]
    );
    let small = q.reconcile_reminders(held.clone(), Some(10)).unwrap();
    assert_eq!(
        small.cancel,
        held[10..].to_vec(),
        "the latest go first when the cap shrinks"
    );
}

#[test]
fn a_coffee_logged_at_0950_moves_the_1000_iron_reminder_to_1150() {
    let (q, clock, _d) = setup(at(9, 0));
    let before = iron_today(&q).unwrap();
    assert_eq!(before.fire_at.local, "2026-11-21T10:00:00+00:00");
    *clock.0.lock().unwrap() = at(9, 51);
    q.log_event(EventInput {
        at: "2026-11-21T09:50".into(),
        kind: EventKind::Intake {
            what: IntakeKind::Coffee,
        },
        note: None,
    })
    .unwrap();
    let after = iron_today(&q).unwrap();
    assert_eq!(after.fire_at.local, "2026-11-21T11:50:00+00:00");
    assert!(
        after.body.contains("2 h after your 09:50 coffee"),
        "{}",
        after.body
    );
    let r = q
        .reconcile_reminders(vec![before.id.clone()], None)
        .unwrap();
    assert!(r.cancel.contains(&before.id));
    assert!(r.add.iter().any(|o| o.id == after.id));
}

#[test]
fn done_records_the_dose_at_the_real_time_and_a_later_coffee_is_warned() {
    let (q, clock, _d) = setup(at(10, 5));
    let iron = iron_today(&q).unwrap();
    let res = q
        .act_on_reminder(
            iron.id.clone(),
            ReminderAction::Done,
            Some("2026-11-21T10:05".into()),
        )
        .unwrap();
    let ev = res.event.unwrap();
    assert!(matches!(ev.kind, EventKind::Dose { .. }));
    assert_eq!(ev.at_utc, "2026-11-21T10:05:00Z");
    assert!(
        iron_today(&q).is_none(),
        "taken: no more iron reminder today"
    );
    assert_eq!(
        q.iron_window(None).unwrap().status,
        quietlegs_core::IronStatus::AlreadyTaken
    );
    *clock.0.lock().unwrap() = at(11, 0);
    let coffee = q
        .log_event(EventInput {
            at: "2026-11-21T11:00".into(),
            kind: EventKind::Intake {
                what: IntakeKind::Coffee,
            },
            note: None,
        })
        .unwrap();
    assert_eq!(
        coffee.warnings.len(),
        1,
        "the log keeps the coffee and the warning"
    );
    assert!(
        coffee.warnings[0].contains("12:05"),
        "{}",
        coffee.warnings[0]
    );
    let stored = q.events_on("2026-11-21".into()).unwrap();
    assert_eq!(stored.iter().filter(|e| !e.warnings.is_empty()).count(), 1);
}

#[test]
fn snooze_replaces_the_occurrence_and_skip_removes_it() {
    let (q, _c, _d) = setup(at(22, 0));
    let bath = q
        .reminders(None, Some(1))
        .unwrap()
        .into_iter()
        .find(|o| o.kind == ReminderKind::WarmBath)
        .unwrap();
    let r = q
        .act_on_reminder(
            bath.id.clone(),
            ReminderAction::Snooze { minutes: 10 },
            None,
        )
        .unwrap();
    assert_eq!(r.snoozed_until.unwrap().local, "2026-11-21T22:10:00+00:00");
    let list = q.reminders(None, Some(1)).unwrap();
    let snoozed = list
        .iter()
        .find(|o| o.kind == ReminderKind::WarmBath)
        .unwrap();
    assert_ne!(snoozed.id, bath.id);
    assert_eq!(snoozed.fire_at.local, "2026-11-21T22:10:00+00:00");
    let r = q.reconcile_reminders(vec![bath.id.clone()], None).unwrap();
    assert!(r.cancel.contains(&bath.id) && r.add.iter().any(|o| o.id == snoozed.id));
    q.act_on_reminder(snoozed.id.clone(), ReminderAction::Skip, None)
        .unwrap();
    assert!(!q
        .reminders(None, Some(1))
        .unwrap()
        .iter()
        .any(|o| o.kind == ReminderKind::WarmBath));
    assert!(q
        .act_on_reminder("warm-bath-1999-01-01-0".into(), ReminderAction::Skip, None)
        .is_err());
}

#[test]
fn travel_replans_every_reminder_in_the_new_zone() {
    let (q, _c, _d) = setup(at(6, 0));
    let home = q.reminders(None, None).unwrap();
    let mut p = q.profile().unwrap();
    p.time_zone = "Asia/Tokyo".into();
    q.set_profile(p).unwrap();
    let away = q.reminders(None, None).unwrap();
    let socks = away
        .iter()
        .find(|o| o.kind == ReminderKind::WarmSocks)
        .unwrap();
    assert!(
        socks.fire_at.local.ends_with("T19:00:00+09:00"),
        "{}",
        socks.fire_at.local
    );
    let held: Vec<String> = home.iter().map(|o| o.id.clone()).collect();
    let r = q.reconcile_reminders(held, Some(500)).unwrap();
    assert!(
        r.cancel.iter().any(|id| id.starts_with("warm-socks")),
        "the home-zone alarms go"
    );
    assert!(r.add.iter().any(|o| o.id == socks.id));
}

#[test]
fn a_recheck_is_reminded_three_months_into_oral_iron_and_twelve_weeks_after_an_infusion() {
    let (q, _c, _d) = setup(at(6, 0));
    // Drawn before the iron started on 2026-11-01: the reassessment is 90 days after starting.
    q.add_lab(quietlegs_core::LabInput {
        analyte: quietlegs_core::model::Analyte::Ferritin,
        value: 30.0,
        unit: "ng/mL".into(),
        taken_on: "2026-08-24".into(),
    })
    .unwrap();
    let lab_on = |from: &str| -> Vec<quietlegs_core::ReminderOccurrence> {
        q.reminders(Some(from.into()), Some(7))
            .unwrap()
            .into_iter()
            .filter(|o| o.kind == ReminderKind::LabRecheck)
            .collect()
    };
    let lab = lab_on("2027-01-28");
    assert_eq!(lab.len(), 1);
    // Reminded on waking the day before it is due, so the draw can be planned at least 24 h
    // after the last iron (not at 10:00 on the day, after that morning's iron).
    assert_eq!(lab[0].fire_at.local, "2027-01-29T07:00:00+00:00");
    assert!(lab[0].title.contains("due tomorrow"), "{}", lab[0].title);
    // Due today (the horizon starts on the due day): that day, 3 h after waking.
    let today = lab_on("2027-01-30");
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].fire_at.local, "2027-01-30T10:00:00+00:00");
    assert!(lab[0].body.contains("Due 2027-01-30"), "{}", lab[0].body);
    assert!(
        lab[0]
            .body
            .contains("in the morning, at least 24 h after your last iron"),
        "the recheck says how to prepare the draw: {}",
        lab[0].body
    );
    // An IV infusion sets the recheck 12 weeks (84 days) after it.
    q.log_event(EventInput {
        at: "2026-11-20T09:00".into(),
        kind: EventKind::IvIron {
            formulation: quietlegs_core::model::IvIronFormulation::FerricCarboxymaltose,
        },
        note: None,
    })
    .unwrap();
    let lab = lab_on("2027-02-10");
    assert_eq!(lab.len(), 1);
    assert_eq!(lab[0].fire_at.local, "2027-02-11T07:00:00+00:00");
}

#[test]
fn a_double_done_logs_one_dose_and_reports_it_both_times() {
    let (q, _clock, d) = setup(at(10, 5));
    let iron = iron_today(&q).unwrap();
    let first = q
        .act_on_reminder(iron.id.clone(), ReminderAction::Done, None)
        .unwrap();
    let again = q
        .act_on_reminder(iron.id.clone(), ReminderAction::Done, None)
        .unwrap();
    let (first, again) = (first.event.unwrap(), again.event.unwrap());
    assert_eq!(
        first.info.id, again.info.id,
        "the same dose, reported again"
    );
    // A stale notification's snooze after the dose changes nothing either.
    let late = q
        .act_on_reminder(
            iron.id.clone(),
            ReminderAction::Snooze { minutes: 10 },
            None,
        )
        .unwrap();
    assert!(
        late.event.is_none() && late.snoozed_until.is_none(),
        "{late:?}"
    );
    q.act_on_reminder(iron.id.clone(), ReminderAction::Done, None)
        .unwrap();
    let doses = |q: &QuietLegs| {
        q.events_on("2026-11-21".into())
            .unwrap()
            .into_iter()
            .filter(|e| matches!(e.kind, EventKind::Dose { .. }))
            .count()
    };
    assert_eq!(doses(&q), 1);

    // Two handles on the same file (the app and a widget) tapping at once.
    let (q2, _clock2, d2) = setup(at(10, 5));
    let path = d2.path().join("r.db");
    let iron = iron_today(&q2).unwrap();
    drop(q2);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (path, id) = (path.clone(), iron.id.clone());
            std::thread::spawn(move || {
                let q =
                    QuietLegs::open_at(&path, Arc::new(TestClock(Mutex::new(at(10, 5))))).unwrap();
                q.act_on_reminder(id, ReminderAction::Done, None)
                    .unwrap()
                    .event
                    .unwrap()
                    .info
                    .id
            })
        })
        .collect();
    let ids: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    let q2 = QuietLegs::open_at(&path, Arc::new(TestClock(Mutex::new(at(10, 5))))).unwrap();
    assert_eq!(doses(&q2), 1);
    drop(d);
}

/// A reminder done on one device and synced is done on the other: not offered again, and a
/// second "done" there keeps the first dose time (it used to rewrite the shared event id with
/// the later time, which the next sync carried back over the real one).
#[test]
fn done_on_another_device_is_done_here_and_the_first_time_stands() {
    let (c, _cc, dir) = setup(at(10, 5));
    let iron = iron_today(&c).unwrap();
    let first = c
        .act_on_reminder(
            iron.id.clone(),
            ReminderAction::Done,
            Some("2026-11-21T10:05".into()),
        )
        .unwrap();
    assert!(!first.already_done);
    let file = dir.path().join("c.json");
    c.export_json(file.display().to_string(), None).unwrap();

    let dir2 = tempfile::tempdir().unwrap();
    let clock2 = Arc::new(TestClock(Mutex::new(at(10, 30))));
    let c2 = QuietLegs::open_at(&dir2.path().join("c2.db"), clock2.clone()).unwrap();
    c2.import_file(file.display().to_string(), None).unwrap();
    assert!(
        iron_today(&c2).is_none(),
        "done on the other device: not pending here"
    );
    assert!(
        c2.reconcile_reminders(vec![], None)
            .unwrap()
            .add
            .iter()
            .all(|o| o.id != iron.id),
        "not scheduled as a notification either"
    );
    *clock2.0.lock().unwrap() = at(13, 0);
    let again = c2
        .act_on_reminder(iron.id.clone(), ReminderAction::Done, None)
        .unwrap();
    assert!(again.already_done, "says nothing new was recorded");
    // The words the phones show come from the core, with the first dose's local time.
    assert_eq!(
        again.note.as_deref(),
        Some("Already done (here or on another device): nothing new was recorded; the first time, 10:05, stands.")
    );
    assert_eq!(first.note, None);
    assert_eq!(again.event.unwrap().at_utc, "2026-11-21T10:05:00Z");
    let file2 = dir2.path().join("c2.json");
    c2.export_json(file2.display().to_string(), None).unwrap();
    let back = c.import_file(file2.display().to_string(), None).unwrap();
    assert_eq!(back.updated, 0, "{back:?}");
    let doses: Vec<_> = c
        .events_on("2026-11-21".into())
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::Dose { .. }))
        .collect();
    assert_eq!(doses.len(), 1);
    assert_eq!(doses[0].at_utc, "2026-11-21T10:05:00Z");
}

#[test]
fn a_recheck_reminder_at_the_horizons_last_instant_belongs_to_the_next_horizon() {
    // Waking at midnight, the "due tomorrow" reminder fires at 00:00 on the day before the
    // recheck: exactly where a horizon ending that day stops. Horizons are half-open, so it is
    // in the next one and never in both (the shell would schedule it twice) or neither.
    let (q, _c, _d) = setup(at(6, 0));
    q.set_profile(ProfileSettings {
        time_zone: "UTC".into(),
        bedtime: "16:00".into(),
        wake_time: "00:00".into(),
        ..ProfileSettings::default()
    })
    .unwrap();
    q.add_lab(quietlegs_core::LabInput {
        analyte: quietlegs_core::model::Analyte::Ferritin,
        value: 30.0,
        unit: "ng/mL".into(),
        taken_on: "2026-08-24".into(),
    })
    .unwrap();
    let lab_on = |from: &str| -> Vec<String> {
        q.reminders(Some(from.into()), Some(7))
            .unwrap()
            .into_iter()
            .filter(|o| o.kind == ReminderKind::LabRecheck)
            .map(|o| o.fire_at.local)
            .collect()
    };
    // Due 2027-01-30: reminded at 00:00 on 2027-01-29, the end of [01-22, 01-29).
    assert_eq!(lab_on("2027-01-22"), Vec::<String>::new());
    assert_eq!(lab_on("2027-01-23"), vec!["2027-01-29T00:00:00+00:00"]);
}

/// A diary in Europe/Berlin as the fresh reviewer set it up with the CLI, the clock at `now`:
/// bedtime `bed`, waking at `wake`, the whole routine opted in.
fn berlin(now: DateTime<Utc>, bed: &str, wake: &str) -> (Arc<QuietLegs>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let q = QuietLegs::open_at(
        &dir.path().join("b.db"),
        Arc::new(TestClock(Mutex::new(now))),
    )
    .unwrap();
    q.set_profile(ProfileSettings {
        time_zone: "Europe/Berlin".into(),
        bedtime: bed.into(),
        wake_time: wake.into(),
        routine: Some(quietlegs_core::model::Routine {
            warm_bath: true,
            warm_socks: true,
            movement: true,
            exercise_cutoff: true,
        }),
        ..ProfileSettings::default()
    })
    .unwrap();
    (q, dir)
}

/// A daily medicine at the clock times `at` from `start`; its id.
fn medicine(q: &QuietLegs, name: &str, at: &[&str], start: &str) -> String {
    q.add_regimen(RegimenInput {
        kind: RegimenKind::Medication,
        name: name.into(),
        dose_mg: None,
        times: at.iter().map(|t| (*t).to_owned()).collect(),
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: Some(start.into()),
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap()
    .info
    .id
}

/// Fresh review: Berlin's spring-forward night (2026-03-29, 02:00-03:00 does not exist) with
/// the bedtime and two doses in the gap. SPEC §3: a skipped local time moves to the first
/// minute after the gap, each scheduled dose is kept or said, and "before bed" items keep their
/// real-time distance from the resolved bedtime (03:00 CEST, 01:00 UTC). The two doses used to
/// be one reminder: the same item, date and fire time made the same id.
#[test]
fn two_doses_in_a_spring_forward_gap_are_two_reminders_and_each_says_why() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 3, 28, 8, 0, 0).unwrap(),
        "02:30",
        "09:00",
    );
    medicine(&q, "gabapentin", &["02:15", "02:45"], "2026-01-01");
    let all = q.reminders(Some("2026-03-28".into()), Some(2)).unwrap();
    let doses: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ReminderKind::MedicationDose && o.date == "2026-03-28")
        .collect();
    assert_eq!(doses.len(), 2, "{doses:#?}");
    assert_ne!(doses[0].id, doses[1].id);
    for (o, set) in doses.iter().zip(["02:15", "02:45"]) {
        assert_eq!(o.fire_at.local, "2026-03-29T03:00:00+02:00");
        assert!(
            o.body
                .contains("does not exist on 2026-03-29 (the clocks go forward)")
                && o.body.contains("02:15 and 02:45 both move to 03:00")
                && o.body.contains("ask your doctor or pharmacist"),
            "{}",
            o.body
        );
        assert!(
            doses
                .iter()
                .any(|o| o.body.contains(&format!("{set} does not exist"))),
            "{set}"
        );
    }
    // The evening before keeps its clock times: nothing said.
    let before: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ReminderKind::MedicationDose && o.date == "2026-03-27")
        .map(|o| (o.fire_at.local.as_str(), o.body.as_str()))
        .collect();
    assert_eq!(
        before,
        vec![
            ("2026-03-28T02:15:00+01:00", "Your scheduled dose."),
            ("2026-03-28T02:45:00+01:00", "Your scheduled dose.")
        ]
    );
    // The routine of that night, in real time before the 03:00 CEST bedtime.
    let of = |kind| {
        all.iter()
            .find(|o| o.kind == kind && o.date == "2026-03-28")
            .unwrap()
    };
    let bed = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
    let utc = |o: &quietlegs_core::ReminderOccurrence| {
        DateTime::parse_from_rfc3339(&o.fire_at.utc)
            .unwrap()
            .with_timezone(&Utc)
    };
    for (kind, minutes) in [
        (ReminderKind::WarmBath, 60),
        (ReminderKind::Movement, 15),
        (ReminderKind::EveningCheck, 120),
        (ReminderKind::WarmSocks, 240),
        (ReminderKind::ExerciseCutoff, 240),
    ] {
        assert_eq!(
            bed - utc(of(kind)),
            chrono::Duration::minutes(minutes),
            "{kind:?}"
        );
    }
    assert!(
        of(ReminderKind::WarmBath)
            .body
            .contains("from 01:00, 1 h before your 03:00 bedtime"),
        "{}",
        of(ReminderKind::WarmBath).body
    );
    let plan = q.plan(Some("2026-03-28".into())).unwrap();
    let walk = plan
        .items
        .iter()
        .find(|i| i.kind == ReminderKind::Movement)
        .unwrap();
    assert_eq!(walk.start.local, "2026-03-29T01:45:00+01:00");
    assert_eq!(walk.end.as_ref().unwrap().utc, "2026-03-29T01:00:00Z");
}

/// The occurrences of `kind` for plan date `date`.
fn of_kind_on(
    q: &QuietLegs,
    kind: ReminderKind,
    date: &str,
) -> Vec<quietlegs_core::ReminderOccurrence> {
    q.reminders(Some("2026-12-01".into()), Some(2))
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == kind && o.date == date)
        .collect()
}

fn set_zone(q: &QuietLegs, tz: &str) {
    let mut p = q.profile().unwrap();
    p.time_zone = tz.into();
    q.set_profile(p).unwrap();
}

/// Fresh review: ropinirole done at 21:30 in Berlin, then travel to New York. The plan is
/// regenerated in the new zone (new fire times, so new ids for the OS), but the dose taken, the
/// evening check skipped and the bath snoozed stay so: the 21:00 New York dose of that date is
/// not offered again (it came back pending under a new id), the next day's is. Back in Berlin,
/// everything is as it was.
#[test]
fn travel_keeps_what_was_done_skipped_and_snoozed() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 20, 30, 0).unwrap(),
        "23:00",
        "07:00",
    );
    medicine(&q, "ropinirole", &["21:00"], "2026-06-01");
    let one = |q: &QuietLegs, kind| {
        let v = of_kind_on(q, kind, "2026-12-01");
        assert_eq!(v.len(), 1, "{kind:?}: {v:#?}");
        v[0].clone()
    };
    let dose = one(&q, ReminderKind::MedicationDose);
    let check = one(&q, ReminderKind::EveningCheck);
    let bath = one(&q, ReminderKind::WarmBath);
    assert!(
        !q.act_on_reminder(dose.id.clone(), ReminderAction::Done, None)
            .unwrap()
            .already_done
    );
    q.act_on_reminder(check.id.clone(), ReminderAction::Skip, None)
        .unwrap();
    q.act_on_reminder(
        bath.id.clone(),
        ReminderAction::Snooze { minutes: 10 },
        None,
    )
    .unwrap();
    // Not fired yet (22:00 Berlin): snoozed from its own time.
    let snoozed = one(&q, ReminderKind::WarmBath);
    assert_eq!(snoozed.fire_at.utc, "2026-12-01T21:10:00Z");

    set_zone(&q, "America/New_York");
    for kind in [ReminderKind::MedicationDose, ReminderKind::EveningCheck] {
        assert!(
            of_kind_on(&q, kind, "2026-12-01").is_empty(),
            "{kind:?} of 2026-12-01 offered again in New York"
        );
    }
    // Snoozed, and the plan moved it later: never before the New York plan's 22:00.
    let away = one(&q, ReminderKind::WarmBath);
    assert_ne!(away.id, bath.id);
    assert_eq!(away.fire_at.local, "2026-12-01T22:00:00-05:00");
    assert!(away.id.contains('~'), "{}", away.id);
    // The next day's dose is reminded as usual.
    let next = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-02");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].fire_at.local, "2026-12-02T21:00:00-05:00");
    // "Done" on the New York occurrence of that date records nothing new.
    let held: Vec<String> = q
        .reconcile_reminders(vec![], None)
        .unwrap()
        .add
        .iter()
        .map(|o| o.id.clone())
        .collect();
    assert!(!held.iter().any(|id| id.starts_with("dose-2026-12-01")));

    set_zone(&q, "Europe/Berlin");
    assert!(of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01").is_empty());
    assert!(of_kind_on(&q, ReminderKind::EveningCheck, "2026-12-01").is_empty());
    assert_eq!(one(&q, ReminderKind::WarmBath), snoozed);
    let doses = q
        .events_on("2026-12-01".into())
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::Dose { .. }))
        .count();
    assert_eq!(doses, 1);
}

/// A dose logged by hand (`log dose`) is the dose its reminder asks for, as iron's is: that
/// reminder is not offered, its "done" records nothing new and reports the logged dose. Each
/// logged dose counts for the one scheduled dose of its item nearest to it, so the evening dose
/// of a twice-daily medicine stays, and after travel east a dose taken at 21:00 in New York
/// (03:00 in Berlin) does not silence Berlin's dose that evening.
#[test]
fn a_dose_logged_by_hand_is_its_reminders_dose_in_any_zone() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 20, 30, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let ropinirole = medicine(&q, "ropinirole", &["21:00"], "2026-06-01");
    let gabapentin = medicine(&q, "gabapentin", &["08:00", "20:00"], "2026-06-01");
    let dose_of = |q: &QuietLegs, name: &str, date: &str| -> Vec<String> {
        of_kind_on(q, ReminderKind::MedicationDose, date)
            .into_iter()
            .filter(|o| o.title == name)
            .map(|o| o.fire_at.local)
            .collect()
    };
    let pending = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01");
    let log = |q: &QuietLegs, id: &str, at: &str| {
        q.log_event(EventInput {
            at: at.into(),
            kind: EventKind::Dose {
                regimen_id: id.into(),
            },
            note: None,
        })
        .unwrap()
    };
    log(&q, &ropinirole, "2026-12-01T21:20");
    log(&q, &gabapentin, "2026-12-01T08:10");
    assert!(dose_of(&q, "ropinirole", "2026-12-01").is_empty());
    assert_eq!(
        dose_of(&q, "gabapentin", "2026-12-01"),
        vec!["2026-12-01T20:00:00+01:00"]
    );
    let rop = pending.iter().find(|o| o.title == "ropinirole").unwrap();
    let r = q
        .act_on_reminder(rop.id.clone(), ReminderAction::Done, None)
        .unwrap();
    assert!(r.already_done, "{r:?}");
    assert_eq!(r.event.unwrap().at_utc, "2026-12-01T20:20:00Z");
    assert_eq!(
        q.events_on("2026-12-01".into())
            .unwrap()
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Dose { .. }))
            .count(),
        2
    );
    set_zone(&q, "America/New_York");
    assert!(dose_of(&q, "ropinirole", "2026-12-01").is_empty());

    // East: in New York, ropinirole at 21:00 on 2026-12-01 (02:00 UTC), then to Berlin.
    let (e, _d2) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
        "23:00",
        "07:00",
    );
    set_zone(&e, "America/New_York");
    let rop = medicine(&e, "ropinirole", &["21:00"], "2026-06-01");
    log(&e, &rop, "2026-12-01T21:00");
    assert!(dose_of(&e, "ropinirole", "2026-12-01").is_empty());
    set_zone(&e, "Europe/Berlin");
    assert_eq!(
        dose_of(&e, "ropinirole", "2026-12-02"),
        vec!["2026-12-02T21:00:00+01:00"]
    );
}

/// Fresh review: a twice-daily medicine (08:00, 20:00) whose morning dose is logged late by
/// hand, at 13:00, 14:00 or 15:00. That dose is the 08:00 one: its reminder goes, and "done" on
/// it records nothing new; the 20:00 reminder still comes (before, a dose at 14:00 or later
/// silenced 20:00 and left 08:00 to be taken again). With the morning dose logged, an evening
/// dose taken half an hour early (19:30) is the 20:00 one; an extra dose hours ahead also
/// stands for the 20:00 one, so no reminder invites a third.
#[test]
fn a_late_morning_dose_is_the_morning_dose_and_the_evening_one_still_comes() {
    for late in ["13:00", "14:00", "15:00"] {
        let (q, _d) = berlin(
            Utc.with_ymd_and_hms(2026, 12, 1, 18, 45, 0).unwrap(),
            "23:00",
            "07:00",
        );
        let gabapentin = medicine(&q, "gabapentin", &["08:00", "20:00"], "2026-06-01");
        let morning = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01")
            .into_iter()
            .find(|o| o.fire_at.local == "2026-12-01T08:00:00+01:00")
            .unwrap();
        let log = |at: &str| {
            q.log_event(EventInput {
                at: at.into(),
                kind: EventKind::Dose {
                    regimen_id: gabapentin.clone(),
                },
                note: None,
            })
            .unwrap()
        };
        log(&format!("2026-12-01T{late}"));
        let times = |q: &QuietLegs| -> Vec<String> {
            of_kind_on(q, ReminderKind::MedicationDose, "2026-12-01")
                .into_iter()
                .map(|o| o.fire_at.local)
                .collect()
        };
        assert_eq!(times(&q), vec!["2026-12-01T20:00:00+01:00"], "{late}");
        let r = q
            .act_on_reminder(morning.id.clone(), ReminderAction::Done, None)
            .unwrap();
        assert!(r.already_done, "{late}: {r:?}");
        log("2026-12-01T19:30");
        assert!(times(&q).is_empty(), "{late}: {:?}", times(&q));
    }
    // Morning dose on time, then an extra one at 15:00: the 20:00 reminder is not offered.
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 18, 45, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let gabapentin = medicine(&q, "gabapentin", &["08:00", "20:00"], "2026-06-01");
    for at in ["2026-12-01T08:05", "2026-12-01T15:00"] {
        q.log_event(EventInput {
            at: at.into(),
            kind: EventKind::Dose {
                regimen_id: gabapentin.clone(),
            },
            note: None,
        })
        .unwrap();
    }
    assert!(of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01").is_empty());
}

/// Logs doses of `id` at each local time, in the test's zone.
fn log_doses(q: &QuietLegs, id: &str, at: &[&str]) {
    for a in at {
        q.log_event(EventInput {
            at: (*a).into(),
            kind: EventKind::Dose {
                regimen_id: id.into(),
            },
            note: None,
        })
        .unwrap();
    }
}

/// Mutation run: an evening medicine (21:00) taken in the morning (08:00) is the missed
/// evening dose before it only for two mornings in a row after a missed evening; after an
/// evening dose taken, or from the third morning on, it is that day's dose, and the 21:00
/// reminder would invite a second dose 13 h after it. Before, the doses of the oldest day read
/// were left out, so its 21:00 dose read as open whatever was taken, and every morning dose
/// moved one evening back.
#[test]
fn morning_doses_after_an_evening_dose_taken_stand_for_their_own_day() {
    let cases: [(&[&str], usize); 3] = [
        (
            &["2026-11-29T21:05", "2026-11-30T08:00", "2026-12-01T08:00"],
            0,
        ),
        (&["2026-11-30T08:00", "2026-12-01T08:00"], 1),
        (
            &["2026-11-29T08:00", "2026-11-30T08:00", "2026-12-01T08:00"],
            0,
        ),
    ];
    for (doses, reminded) in cases {
        let (q, _d) = berlin(
            Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap(),
            "23:00",
            "07:00",
        );
        let ropinirole = medicine(&q, "ropinirole", &["21:00"], "2026-06-01");
        log_doses(&q, &ropinirole, doses);
        let tonight = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01");
        assert_eq!(tonight.len(), reminded, "{doses:?}: {tonight:?}");
    }
}

/// Mutation run: a dose is matched to its own medicine's plan, never to another medicine of the
/// same kind: gabapentin (08:00) logged at 08:05 and ropinirole (21:00) logged late, at 07:00 the
/// next morning, each silence their own reminder of 1 December. (Each is misread on the other's
/// plan, so the test holds whichever the regimen lists first.)
#[test]
fn a_dose_counts_against_its_own_medicines_plan() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 2, 6, 30, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let ropinirole = medicine(&q, "ropinirole", &["21:00"], "2026-06-01");
    let gabapentin = medicine(&q, "gabapentin", &["08:00"], "2026-06-01");
    log_doses(&q, &gabapentin, &["2026-12-01T08:05"]);
    log_doses(&q, &ropinirole, &["2026-12-02T07:00"]);
    let left: Vec<String> = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01")
        .into_iter()
        .map(|o| o.title)
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Mutation run: a dose within `DOSE_EARLY_MATCH_MIN` after a scheduled dose is that dose, even
/// when the next scheduled dose is nearer: logged at 08:45 with doses planned at 08:00 and
/// 09:00, it is the 08:00 one, and the 09:00 reminder still comes.
#[test]
fn a_dose_just_after_one_scheduled_dose_is_that_one_not_the_nearer_next() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 7, 50, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let levodopa = medicine(&q, "levodopa", &["08:00", "09:00"], "2026-06-01");
    log_doses(&q, &levodopa, &["2026-12-01T08:45"]);
    let left: Vec<String> = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01")
        .into_iter()
        .map(|o| o.fire_at.local)
        .collect();
    assert_eq!(left, vec!["2026-12-01T09:00:00+01:00"]);
}

/// Mutation run: two extra doses before waking (06:30 and 06:45, for doses planned at 08:00 and
/// 20:00, yesterday's both taken): the first is the 08:00 dose, the second cannot take it too,
/// and stands for the 20:00 one, so no reminder invites a third dose that day.
#[test]
fn a_second_early_dose_never_takes_a_dose_already_taken() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let gabapentin = medicine(&q, "gabapentin", &["08:00", "20:00"], "2026-06-01");
    log_doses(
        &q,
        &gabapentin,
        &[
            "2026-11-30T08:00",
            "2026-11-30T20:00",
            "2026-12-01T06:30",
            "2026-12-01T06:45",
        ],
    );
    let today = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-01");
    assert!(today.is_empty(), "{today:?}");
}

/// Mutation run: "done" is final for a reminder that logs nothing too (the exercise
/// cut-off, acknowledged): acted on twice, the second time says it was already done, and a
/// later skip changes nothing.
#[test]
fn a_reminder_that_logs_nothing_done_twice_is_already_done_the_second_time() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 21, 30, 0).unwrap(),
        "23:00",
        "07:00",
    );
    let cutoff = of_kind_on(&q, ReminderKind::ExerciseCutoff, "2026-12-01");
    assert_eq!(cutoff.len(), 1, "{cutoff:?}");
    let first = q
        .act_on_reminder(cutoff[0].id.clone(), ReminderAction::Done, None)
        .unwrap();
    assert!(!first.already_done, "{first:?}");
    assert!(first.event.is_none(), "{first:?}");
    for action in [ReminderAction::Done, ReminderAction::Skip] {
        let again = q
            .act_on_reminder(cutoff[0].id.clone(), action, None)
            .unwrap();
        assert!(again.already_done, "{action:?}: {again:?}");
        assert!(again.snoozed_until.is_none(), "{action:?}: {again:?}");
    }
    assert!(of_kind_on(&q, ReminderKind::ExerciseCutoff, "2026-12-01").is_empty());
}

/// Fresh review: snoozing a reminder that has not fired yet (tomorrow's 08:00 dose) brought it
/// forward to tonight. A snooze counts from the reminder's own time until it has fired.
#[test]
fn snoozing_a_reminder_not_yet_due_never_brings_it_forward() {
    let (q, _d) = berlin(
        Utc.with_ymd_and_hms(2026, 12, 1, 20, 30, 0).unwrap(),
        "23:00",
        "07:00",
    );
    medicine(&q, "gabapentin", &["08:00"], "2026-06-01");
    let tomorrow = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-02");
    assert_eq!(tomorrow.len(), 1);
    let r = q
        .act_on_reminder(
            tomorrow[0].id.clone(),
            ReminderAction::Snooze { minutes: 30 },
            None,
        )
        .unwrap();
    assert_eq!(r.snoozed_until.unwrap().local, "2026-12-02T08:30:00+01:00");
    let after = of_kind_on(&q, ReminderKind::MedicationDose, "2026-12-02");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].fire_at.local, "2026-12-02T08:30:00+01:00");
}
