//! The iron window's edges (SPEC §2.2), each with the break that would change the advice: gaps
//! shorter than the minimum, intakes logged before waking or late in the day, a logged dose of
//! an interacting medicine, one taken every other day, one without a time, magnesium at its own
//! time, and what a day with no window lists.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use quietlegs_core::model::{Event, EventKind, IntakeKind, Profile, RegimenItem, RegimenKind};
use quietlegs_core::rules::check::{check_intake, check_iron, IntakeCheck};
use quietlegs_core::rules::day::WakingDay;
use quietlegs_core::rules::iron::{
    exposures, find_window, iron_plan, scheduled_times, window_with, Exposure, IronDay, IronWindow,
    Origin,
};
use quietlegs_core::rules::substance::Substance;

use crate::common::{d, diary, doses, iron_item, meta, regimen_item, today};

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Wake 07:00, bed 23:00, UTC, no meals.
fn profile() -> Profile {
    Profile::default()
}

fn at(day: &str, h: u32, m: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d(day).and_time(t(h, m)))
}

fn coffee(at: DateTime<Utc>) -> Exposure {
    Exposure {
        substance: Substance::Coffee,
        at,
        origin: Origin::Logged,
    }
}

fn logged(kind: EventKind, at: DateTime<Utc>) -> Event {
    Event {
        meta: meta(),
        at,
        kind,
        note: None,
        warnings: vec![],
    }
}

fn coffee_logged(at: DateTime<Utc>) -> Event {
    logged(
        EventKind::Intake {
            what: IntakeKind::Coffee,
        },
        at,
    )
}

fn window(plan: IronDay) -> IronWindow {
    match plan {
        IronDay::Window(w) => w,
        other => panic!("{other:?}"),
    }
}

fn hhmm(x: DateTime<Utc>) -> String {
    x.format("%H:%M").to_string()
}

#[test]
fn gaps_shorter_than_the_minimum_are_passed_over_however_many_there_are() {
    // Wake 06:00, bed 23:30; four coffees each 2 h 14 min after the last block ends leave four
    // 14-minute gaps (one short of the minimum) before the first real window at 22:56.
    let p = Profile {
        wake_time: t(6, 0),
        bedtime: t(23, 30),
        ..profile()
    };
    let day = WakingDay::of(&p, today());
    let xs: Vec<Exposure> = [(8, 14), (12, 28), (16, 42), (20, 56)]
        .into_iter()
        .map(|(h, m)| coffee(at("2026-11-21", h, m)))
        .collect();
    let w = find_window(&day, &xs).unwrap();
    assert_eq!(
        (hhmm(w.start), hhmm(w.end)),
        ("22:56".into(), "23:30".into())
    );
    assert!(w.reason.contains("after your 20:56 coffee"), "{}", w.reason);
    // A gap of exactly the minimum is a window.
    let day = WakingDay::of(&profile(), today());
    let xs = [
        coffee(at("2026-11-21", 9, 0)),
        coffee(at("2026-11-21", 13, 15)),
    ];
    let w = find_window(&day, &xs).unwrap();
    assert_eq!(
        (hhmm(w.start), hhmm(w.end)),
        ("11:00".into(), "11:15".into())
    );
}

#[test]
fn a_block_that_starts_at_bedtime_ends_the_window_at_bedtime() {
    let day = WakingDay::of(&profile(), today());
    // A coffee at 01:00 keeps iron away from 23:00 on: the day simply ends at bedtime.
    let xs = [coffee(at("2026-11-22", 1, 0))];
    let w = find_window(&day, &xs).unwrap();
    assert_eq!(
        (hhmm(w.start), hhmm(w.end)),
        ("07:00".into(), "23:00".into())
    );
    assert_eq!(w.end_reason, "until bedtime (23:00)");
}

#[test]
fn a_day_with_no_window_lists_exactly_what_blocks_the_waking_day() {
    let day = WakingDay::of(&profile(), today());
    let mut xs: Vec<Exposure> = [(8, 0), (11, 59), (15, 58), (19, 57)]
        .into_iter()
        .map(|(h, m)| coffee(at("2026-11-21", h, m)))
        .collect();
    // Its block ends at waking (05:00 + 2 h), starts at bedtime (01:00 - 2 h) or is far off.
    xs.insert(0, coffee(at("2026-11-21", 5, 0)));
    xs.insert(0, coffee(at("2026-11-18", 12, 0)));
    xs.push(coffee(at("2026-11-21", 23, 56)));
    xs.push(coffee(at("2026-11-22", 1, 0)));
    let why = find_window(&day, &xs).unwrap_err();
    assert!(
        why.contains(
            "is clear of your 08:00 coffee, your 11:59 coffee, your 15:58 coffee, \
             your 19:57 coffee, your 23:56 coffee;"
        ),
        "{why}"
    );
    assert!(
        why.starts_with("no 15-minute gap between waking (07:00) and bed (23:00)"),
        "{why}"
    );
}

#[test]
fn magnesium_at_a_set_time_is_planned_at_that_time_and_a_medicine_without_one_nowhere() {
    let day = WakingDay::of(&profile(), today());
    let mut mg = regimen_item(RegimenKind::Magnesium, "Magnesium", "2026-11-01");
    mg.times = vec![t(13, 0)];
    assert_eq!(scheduled_times(&mg, &day), vec![at("2026-11-21", 13, 0)]);
    let levo = regimen_item(RegimenKind::Medication, "levothyroxine", "2026-11-01");
    assert!(scheduled_times(&levo, &day).is_empty());
}

#[test]
fn an_interacting_medicine_without_a_time_gets_no_window_but_a_question() {
    let p = profile();
    let r = [
        iron_item("2026-11-01"),
        regimen_item(RegimenKind::Medication, "levothyroxine", "2026-11-01"),
    ];
    let plan = iron_plan(&diary(&p, &r, &[], &[]), today());
    assert_eq!(
        plan.day,
        IronDay::NoWindow {
            why: "add the time you take levothyroxine so QuietLegs can plan iron around it".into()
        }
    );
}

#[test]
fn an_intake_logged_before_waking_or_late_in_the_day_moves_the_window() {
    let p = profile();
    let r = [iron_item("2026-11-01")];
    // A coffee at 06:00, before waking at 07:00: iron from 08:00.
    let e = [coffee_logged(at("2026-11-21", 6, 0))];
    let w = window(iron_plan(&diary(&p, &r, &e, &[]), today()).day);
    assert_eq!(hhmm(w.start), "08:00");
    assert!(w.reason.contains("after your 06:00 coffee"), "{}", w.reason);
    // Coffees all day long from 07:00, the last at 16:00 (seven hours before bed).
    let e: Vec<Event> = (7..=16)
        .map(|h| coffee_logged(at("2026-11-21", h, 0)))
        .collect();
    let w = window(iron_plan(&diary(&p, &r, &e, &[]), today()).day);
    assert_eq!(
        (hhmm(w.start), hhmm(w.end)),
        ("18:00".into(), "23:00".into())
    );
    // A coffee three days before is not among this day's exposures.
    let day = WakingDay::of(&p, today());
    let e = [coffee_logged(at("2026-11-18", 12, 0))];
    assert!(exposures(&diary(&p, &r, &e, &[]), &day).is_empty());
}

#[test]
fn a_logged_dose_of_an_interacting_medicine_keeps_iron_away() {
    let p = profile();
    let levo = regimen_item(RegimenKind::Medication, "levothyroxine", "2026-11-01");
    let iron = iron_item("2026-11-01");
    // Logged at 12:00 (the item has no time: it is logged, not planned; the plan asks for a
    // time, so the exposures are read directly).
    let e = [logged(
        EventKind::Dose {
            regimen_id: levo.meta.id.to_string(),
        },
        at("2026-11-21", 12, 0),
    )];
    let r = [iron, levo];
    let day = WakingDay::of(&p, today());
    let xs = exposures(&diary(&p, &r, &e, &[]), &day);
    assert_eq!(xs.len(), 1, "{xs:?}");
    assert_eq!(xs[0].substance, Substance::Thyroid);
    assert_eq!(xs[0].origin, Origin::Logged);
}

#[test]
fn a_medicine_taken_every_other_day_moves_iron_only_on_its_days() {
    let p = profile();
    let mut levo: RegimenItem =
        regimen_item(RegimenKind::Medication, "levothyroxine", "2026-11-01");
    levo.times = vec![t(7, 0)];
    levo.every_n_days = 2;
    let r = [iron_item("2026-11-01"), levo];
    let dx = diary(&p, &r, &[], &[]);
    // 2026-11-21 is day 20 of the medicine: a dose day; iron waits after it.
    let on = window(iron_plan(&dx, today()).day);
    assert!(
        on.start > at("2026-11-21", 7, 0) + Duration::minutes(60),
        "{on:?}"
    );
    assert!(on.reason.contains("levothyroxine"), "{}", on.reason);
    // 2026-11-22 is not: iron on waking.
    let off = window(iron_plan(&dx, d("2026-11-22")).day);
    assert_eq!(off.start, at("2026-11-22", 7, 0), "{off:?}");
    assert!(off.reason.contains("on waking"), "{}", off.reason);
}

#[test]
fn a_first_thing_medicine_blocks_iron_from_waking_but_only_when_taken_in_the_waking_day() {
    let p = profile();
    let day = WakingDay::of(&p, today());
    let alendronate = |at| Exposure {
        substance: Substance::Bisphosphonate,
        at,
        origin: Origin::Medicine("alendronate".into()),
    };
    // Taken at 09:00: iron waits until 09:30, never before it between waking and then.
    let w = find_window(&day, &[alendronate(at("2026-11-21", 9, 0))]).unwrap();
    assert_eq!(hhmm(w.start), "09:30");
    // Taken at bedtime, it belongs to no part of this waking day: iron on waking.
    let w = find_window(&day, &[alendronate(at("2026-11-21", 23, 0))]).unwrap();
    assert_eq!(
        (hhmm(w.start), hhmm(w.end)),
        ("07:00".into(), "23:00".into())
    );
    // "Can I take iron at 07:00, on waking?" with alendronate at 07:10: no.
    let mut item = regimen_item(RegimenKind::Medication, "alendronate", "2026-11-01");
    item.times = vec![t(7, 10)];
    let r = [iron_item("2026-11-01"), item];
    let answer = check_iron(&diary(&p, &r, &[], &[]), at("2026-11-21", 7, 0));
    assert!(matches!(answer, IntakeCheck::Conflict { .. }), "{answer:?}");
}

/// The message of a conflict; `why` it must be one, when the answer is not.
fn conflict(answer: IntakeCheck, why: &str) -> String {
    match answer {
        IntakeCheck::Conflict { message, .. } => message,
        other => panic!("{why}, so a conflict: {other:?}"),
    }
}

/// "Can I take my iron at …?" beside a logged coffee: clear exactly at either edge of the gap,
/// a conflict one minute inside it, worded "before" or "after" the coffee by which side it is on.
#[test]
fn iron_checked_at_the_edges_of_a_coffees_gap() {
    let p = profile();
    let r = [iron_item("2026-11-01")];
    let cup = at("2026-11-21", 12, 0);
    let e = [coffee_logged(cup)];
    let dia = diary(&p, &r, &e, &[]);
    let g = Substance::Coffee.gap();
    let (lo, hi) = (cup - g.substance_after(), cup + g.iron_after());
    assert!(lo < cup && cup < hi, "coffee has a gap on both sides");
    let fine = |t| matches!(check_iron(&dia, t), IntakeCheck::Fine { .. });
    assert!(fine(lo), "iron exactly the gap before the coffee is fine");
    assert!(fine(hi), "iron exactly the gap after the coffee is fine");
    let message = |t| conflict(check_iron(&dia, t), "iron inside the coffee's gap");
    let before = message(lo + Duration::minutes(1));
    assert!(
        before.contains("before your 12:00 coffee") && before.contains("iron comes at least"),
        "{before}"
    );
    let after = message(hi - Duration::minutes(1));
    assert!(
        after.contains("after your 12:00 coffee") && after.contains("iron waits at least"),
        "{after}"
    );
    // At the coffee itself, the gap iron waits after it is what applies.
    assert!(message(cup).contains("iron waits at least"));
}

/// A coffee clear of iron names the nearest iron dose of the three waking days around it: today's
/// logged 09:00 dose, not the 07:00 windows of the day before or after.
#[test]
fn a_clear_coffee_names_the_nearest_iron_dose() {
    let p = profile();
    let item = iron_item("2026-11-01");
    let e = doses(&item, "2026-11-21", "2026-11-21");
    let r = [item];
    let answer = check_intake(
        &diary(&p, &r, &e, &[]),
        Substance::Coffee,
        at("2026-11-21", 15, 0),
    );
    match answer {
        IntakeCheck::Fine { message } => assert!(
            message.contains("clear of your iron dose at 09:00"),
            "{message}"
        ),
        other => panic!("a coffee 6 h after iron is fine: {other:?}"),
    }
}

/// Alendronate checked at the same minute as breakfast: not on an empty stomach, so a conflict
/// (before this test, a meal at the very same minute fell between "after a meal" and "inside
/// the wait" and the check said nothing).
#[test]
fn a_bisphosphonate_with_breakfast_at_the_same_minute_conflicts() {
    let mut p = profile();
    p.breakfast = Some(t(7, 30));
    let r = [iron_item("2026-11-01")];
    let answer = check_intake(
        &diary(&p, &r, &[], &[]),
        Substance::Bisphosphonate,
        at("2026-11-21", 7, 30),
    );
    let message = conflict(
        answer,
        "alendronate with breakfast is not on an empty stomach",
    );
    assert!(message.contains("your breakfast at 07:30"), "{message}");
    // Issue #15 (fresh review): the label's ask reads as a sentence, never "asks for".
    assert!(
        message.contains("its label asks you to take it first thing on waking")
            && !message.contains("asks for"),
        "{message}"
    );
}

/// A medicine inside a bisphosphonate's wait is named as the person entered it (a brand), not
/// by its substance.
#[test]
fn a_medicine_inside_a_bisphosphonates_wait_is_named_as_entered() {
    let p = profile();
    let mut thyroid = regimen_item(RegimenKind::Medication, "Euthyrox", "2026-11-01");
    thyroid.times = vec![t(7, 15)];
    let r = [iron_item("2026-11-01"), thyroid];
    let answer = check_intake(
        &diary(&p, &r, &[], &[]),
        Substance::Bisphosphonate,
        at("2026-11-21", 7, 0),
    );
    let message = conflict(
        answer,
        "Euthyrox 15 min after alendronate is inside its wait",
    );
    assert!(message.contains("your Euthyrox"), "{message}");
    assert!(
        message
            .contains("its label asks you to wait at least 30 min after it before the first food")
            && !message.contains("asks for"),
        "{message}"
    );
}

/// Iron checked before a later morning bisphosphonate: the label asks no gap of iron before
/// it, because iron never comes before it that day; the message says so, not "at least 0 min"
/// (fresh review of issue #15).
#[test]
fn iron_before_a_later_bisphosphonate_is_never_taken_that_day() {
    let p = profile();
    let mut alendronate = regimen_item(RegimenKind::Medication, "alendronate", "2026-11-01");
    alendronate.times = vec![t(8, 0)];
    let r = [iron_item("2026-11-01"), alendronate];
    let message = conflict(
        check_iron(&diary(&p, &r, &[], &[]), at("2026-11-21", 7, 15)),
        "iron before the day's alendronate",
    );
    assert!(
        message.contains("iron is never taken before it on the same day")
            && !message.contains("0 min"),
        "{message}"
    );
}

/// What a day with no window lists is in time order, whatever each exposure comes from: the
/// profile's meals, logged intakes, and the medicine asked about ("can I take my ciprofloxacin
/// at 12:00?"), which the person reads as their day, not as the planner's sources one by one.
#[test]
fn a_day_with_no_window_lists_meals_logged_intakes_and_medicines_in_time_order() {
    // Wake 07:00, bed 23:00. Meals block iron 1 h before to 2 h after, coffees 2 h either
    // side: 04:00-08:00, 07:00-10:00, 09:00-13:00, 13:00-16:00, 15:00-19:00, 18:30-21:30 and
    // 20:00-24:00 leave no 15-minute gap.
    let p = Profile {
        breakfast: Some(t(8, 0)),
        lunch: Some(t(14, 0)),
        dinner: Some(t(19, 30)),
        ..profile()
    };
    let r = [iron_item("2026-11-01")];
    let e: Vec<Event> = [(6, 0), (11, 0), (17, 0), (22, 0)]
        .into_iter()
        .map(|(h, m)| coffee_logged(at("2026-11-21", h, m)))
        .collect();
    let dx = diary(&p, &r, &e, &[]);
    let IronDay::NoWindow { why } = iron_plan(&dx, today()).day else {
        panic!("a window on a day blocked from waking to bed");
    };
    assert!(
        why.contains(
            "is clear of your 06:00 coffee, your 08:00 breakfast, your 11:00 coffee, \
             your 14:00 lunch, your 17:00 coffee, your 19:30 dinner, your 22:00 coffee;"
        ),
        "{why}"
    );
    let why = window_with(
        &dx,
        today(),
        Substance::Ciprofloxacin,
        "ciprofloxacin",
        at("2026-11-21", 12, 0),
    )
    .unwrap_err();
    assert!(
        why.contains(
            "is clear of your 06:00 coffee, your 08:00 breakfast, your 11:00 coffee, \
             your 12:00 ciprofloxacin, your 14:00 lunch, your 17:00 coffee, your 19:30 dinner, \
             your 22:00 coffee;"
        ),
        "{why}"
    );
}

/// Wake 06:30, Euthyrox at 06:30: iron is planned at 10:30 (4 h after it).
fn euthyrox_morning() -> (Profile, Vec<RegimenItem>) {
    let mut p = profile();
    p.wake_time = t(6, 30);
    let mut thyroid = regimen_item(RegimenKind::Medication, "Euthyrox", "2026-11-01");
    thyroid.times = vec![t(6, 30)];
    (p, vec![iron_item("2026-11-01"), thyroid])
}

/// Issue #15 (fresh review): alendronate on waking early, 06:00 before a 06:30 wake, with iron
/// planned at 10:30, is no conflict: it is that morning's, before the iron, not "after" the
/// evening's iron. It was "MOVE IRON … take iron at 10:30 instead", the time already planned.
#[test]
fn a_bisphosphonate_on_waking_before_the_days_iron_does_not_move_it() {
    let (p, r) = euthyrox_morning();
    let dia = diary(&p, &r, &[], &[]);
    assert_eq!(
        hhmm(window(iron_plan(&dia, d("2026-11-22")).day).start),
        "10:30"
    );
    for (h, m) in [(6, 0), (6, 30), (10, 0)] {
        match check_intake(&dia, Substance::Bisphosphonate, at("2026-11-22", h, m)) {
            IntakeCheck::Fine { message } => assert!(
                message.contains("clear of your iron dose at 10:30"),
                "{h}:{m}: {message}"
            ),
            other => panic!("alendronate at {h}:{m}, before iron at 10:30: {other:?}"),
        }
    }
    // After the day's iron it still moves it, to a time that is not the one planned.
    match check_intake(&dia, Substance::Bisphosphonate, at("2026-11-22", 11, 0)) {
        IntakeCheck::Conflict {
            iron_ok: Some(ok),
            message,
            ..
        } => {
            assert_eq!(hhmm(ok), "11:30", "{message}");
            assert!(!message.contains("at 10:30 instead"), "{message}");
        }
        other => panic!("alendronate after the day's iron: {other:?}"),
    }
}

/// Alternate-day iron (wake 07:00, Euthyrox at 07:00: iron at 11:00 on its days): on a rest
/// day nothing conflicts with a dose of another day, and every answer says plainly that no
/// iron is planned that day (issue #15: "MOVE IRON … 11:00 instead", a plain "ok" for iron,
/// "clear of your iron dose at 11:00").
#[test]
fn a_rest_day_of_alternate_day_iron_says_so_and_moves_nothing() {
    let p = profile();
    let mut iron = iron_item("2026-11-01");
    iron.every_n_days = 2;
    let mut thyroid = regimen_item(RegimenKind::Medication, "Euthyrox", "2026-11-01");
    thyroid.times = vec![t(7, 0)];
    let r = [iron, thyroid];
    let dia = diary(&p, &r, &[], &[]);
    assert_eq!(
        hhmm(window(iron_plan(&dia, d("2026-11-21")).day).start),
        "11:00"
    );
    assert!(matches!(
        iron_plan(&dia, d("2026-11-22")).day,
        IronDay::RestDay { .. }
    ));
    let rest = "no iron planned that day (a rest day in your iron schedule; next dose 2026-11-23)";
    let fine = |answer: IntakeCheck, what: &str| match answer {
        IntakeCheck::Fine { message } => {
            assert!(message.to_lowercase().contains(rest), "{what}: {message}");
            assert!(!message.contains("11:00"), "{what}: {message}");
        }
        other => panic!("{what} on a rest day: {other:?}"),
    };
    fine(
        check_intake(&dia, Substance::Bisphosphonate, at("2026-11-22", 6, 20)),
        "alendronate",
    );
    fine(
        check_intake(&dia, Substance::Coffee, at("2026-11-22", 10, 0)),
        "coffee",
    );
    fine(check_iron(&dia, at("2026-11-22", 11, 30)), "iron");
    // On a dose day the same coffee is a wait.
    assert!(matches!(
        check_intake(&dia, Substance::Coffee, at("2026-11-21", 10, 0)),
        IntakeCheck::Conflict { .. }
    ));
}

/// "Can I take iron at 15:00?" after a dose logged at 09:00 that day: clear of food, but never
/// a bare "ok" for a second dose.
#[test]
fn iron_checked_after_the_days_dose_is_a_note_not_ok() {
    let p = profile();
    let item = iron_item("2026-11-01");
    let e = doses(&item, "2026-11-21", "2026-11-21");
    let r = [item];
    let message = conflict(
        check_iron(&diary(&p, &r, &e, &[]), at("2026-11-21", 15, 0)),
        "iron was logged at 09:00 that day",
    );
    assert!(message.contains("you logged iron at 09:00"), "{message}");
}

/// The plan's iron reminder: a time the person set is a moment (no end), a planned window keeps
/// its end; the vitamin C reminder beside it points at the vitamin C item, never at the iron
/// listed before it (mutation run of `rules/plan.rs`: `w.end > w.start` and the vitamin C
/// item's lookup were untested).
#[test]
fn the_plans_iron_reminder_has_an_end_only_for_a_window_and_vitamin_c_its_own_item() {
    use quietlegs_core::rules::plan::{day_plan, ReminderKind};
    let p = profile();
    let of = |r: &[RegimenItem], kind: ReminderKind| {
        day_plan(&diary(&p, r, &[], &[]), today())
            .items
            .into_iter()
            .find(|i| i.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} item"))
    };

    let mut fixed = iron_item("2026-11-01");
    fixed.times = vec![t(8, 0)];
    let it = of(&[fixed], ReminderKind::Iron);
    assert_eq!(it.start, at("2026-11-21", 8, 0));
    assert_eq!(it.end, None, "a set time is a moment, not a window");

    let mut iron = iron_item("2026-11-01");
    iron.with_vitamin_c = true;
    let c = regimen_item(RegimenKind::VitaminC, "Vitamin C", "2026-11-01");
    let plan = [iron.clone(), c.clone()];
    let it = of(&plan, ReminderKind::Iron);
    let end = it.end.expect("a planned window keeps its end");
    assert!(end > it.start, "{it:?}");
    let vc = of(&plan, ReminderKind::VitaminC);
    assert_eq!(vc.regimen_id, Some(c.meta.id.to_string()));
    assert_ne!(vc.regimen_id, Some(iron.meta.id.to_string()));
}

/// "Can I take my iron at …?" in the night: a waking day owns half of each night beside it
/// (`WakingDay::owning`), so a time after bedtime is that evening's and a time before waking that
/// morning's, and a dose logged past the night's other side still keeps iron away. Bed 21:00,
/// wake 07:00: iron at 01:30 is 7 h 30 min before a moxifloxacin dose logged at 09:00 (its label
/// asks 8 h after iron), and iron at 02:30 is 3 h 45 min after a levothyroxine dose logged at
/// 22:45 the evening before (4 h).
#[test]
fn iron_checked_in_the_night_sees_doses_logged_past_the_nights_other_side() {
    let p = Profile {
        bedtime: t(21, 0),
        wake_time: t(7, 0),
        ..profile()
    };
    let dose = |item: &RegimenItem, at| {
        logged(
            EventKind::Dose {
                regimen_id: item.meta.id.to_string(),
            },
            at,
        )
    };
    let iron = iron_item("2026-11-01");
    let moxi = regimen_item(RegimenKind::Medication, "moxifloxacin", "2026-11-01");
    let r = [iron.clone(), moxi.clone()];
    let e = [dose(&moxi, at("2026-11-22", 9, 0))];
    let night = at("2026-11-22", 1, 30);
    assert_eq!(WakingDay::owning(&p, night).date, d("2026-11-21"));
    let message = conflict(
        check_iron(&diary(&p, &r, &e, &[]), night),
        "iron 7 h 30 min before moxifloxacin",
    );
    assert!(message.contains("09:00 moxifloxacin"), "{message}");

    let levo = regimen_item(RegimenKind::Medication, "levothyroxine", "2026-11-01");
    let r = [iron, levo.clone()];
    let e = [dose(&levo, at("2026-11-21", 22, 45))];
    let early = at("2026-11-22", 2, 30);
    assert_eq!(WakingDay::owning(&p, early).date, d("2026-11-22"));
    let message = conflict(
        check_iron(&diary(&p, &r, &e, &[]), early),
        "iron 3 h 45 min after levothyroxine",
    );
    assert!(
        message.contains("3 h 45 min after your 22:45 thyroid medicine"),
        "{message}"
    );
}

/// Iron at the time the person set (09:00) is kept, and each intake whose gap it falls inside
/// is named on the side it is on, with the earliest clear time; an intake exactly its gap away
/// (07:00 or 11:00 coffee, 2 h) or further is clear.
#[test]
fn iron_at_a_set_time_warns_of_each_intake_inside_its_gap_and_not_at_the_gaps_edge() {
    let p = profile();
    let mut iron = iron_item("2026-11-01");
    iron.times = vec![t(9, 0)];
    let r = [iron];
    let set = |cups: &[(u32, u32)]| {
        let e: Vec<Event> = cups
            .iter()
            .map(|(h, m)| coffee_logged(at("2026-11-21", *h, *m)))
            .collect();
        let w = window(iron_plan(&diary(&p, &r, &e, &[]), today()).day);
        assert_eq!((w.start, w.end), (at("2026-11-21", 9, 0), w.start));
        w.end_reason
    };
    let clear = "clear of meals, drinks and medicines that lower its absorption";
    assert_eq!(set(&[]), clear);
    assert_eq!(set(&[(7, 0)]), clear);
    assert_eq!(set(&[(11, 0)]), clear);
    assert_eq!(set(&[(15, 0)]), clear);
    let after = set(&[(8, 0)]);
    assert!(
        after.starts_with("warning: 09:00 is less than 2 h after your 08:00 coffee")
            && after.contains("the earliest time clear of them today is 10:00"),
        "{after}"
    );
    let both = set(&[(8, 0), (10, 30)]);
    assert!(
        both.starts_with(
            "warning: 09:00 is less than 2 h after your 08:00 coffee, and less than 2 h before your 10:30 coffee"
        ) && both.contains("the earliest time clear of them today is 12:30"),
        "{both}"
    );
}

/// A conflict of "Can I take my iron at 08:30?" ends with today's iron: the planned window as
/// a span, or the time the person set for iron as that time (a set time is no span).
#[test]
fn a_conflicting_iron_check_names_todays_window_or_the_time_set_for_iron() {
    let p = profile();
    let e = [coffee_logged(at("2026-11-21", 8, 0))];
    let ask = |iron: RegimenItem| {
        let r = [iron];
        conflict(
            check_iron(&diary(&p, &r, &e, &[]), at("2026-11-21", 8, 30)),
            "iron 30 min after a coffee",
        )
    };
    let planned = ask(iron_item("2026-11-01"));
    assert!(
        planned.ends_with("today's iron window: 10:00-23:00"),
        "{planned}"
    );
    let mut set = iron_item("2026-11-01");
    set.times = vec![t(9, 0)];
    let set = ask(set);
    assert!(set.ends_with("your iron time today: 09:00"), "{set}");
}
