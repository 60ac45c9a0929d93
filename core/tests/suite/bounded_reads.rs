//! The daily paths read only what their rules can use (issue #13): the plan, reminders, Log
//! screen and calendar read the latest run of weekly IRLS ratings; the status and the report
//! read every rating's week and items from the kind index alone, and whole rows only for the
//! runs of ratings that can clash and the doctor flags' window; the status reads logged
//! oral-iron doses only from the item's start to the ferritin its verdict judges. Each answer is
//! compared with the same call reading every weekly rating and logged dose, as the API did
//! before (`QuietLegs::set_read_everything`), on multi-year diaries with the edge cases that
//! could tell them apart.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use quietlegs_core::model::{ActivityKind, Event, EventKind, Record, RecordMeta, RegimenKind};
use quietlegs_core::rules::weekly_irls;
use quietlegs_core::{FixedClock, QuietLegs};

use super::common::{d, infusion, iron_item, lab, regimen_item};

fn noon(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
}

fn weekly(week_ending: NaiveDate, items: [u8; 10], at: DateTime<Utc>, device: &str) -> Record {
    Record::Event(Event {
        meta: RecordMeta::new(at, device),
        at,
        kind: EventKind::WeeklyIrls {
            week_ending: week_ending.to_string(),
            items: items.to_vec(),
        },
        note: None,
        warnings: vec![],
    })
}

fn activity(at: DateTime<Utc>) -> Record {
    Record::Event(Event {
        meta: RecordMeta::new(at, "phone"),
        at,
        kind: EventKind::Activity {
            what: ActivityKind::Walk,
            intensity: None,
            minutes: Some(40),
        },
        note: Some("evening walk".to_owned()),
        warnings: vec![],
    })
}

/// Every answer a daily path or the status gives, in one text: today's plan, a week of
/// reminders, the status, the weekly IRLS history, the Log screen's night, the iron window, the
/// report and the calendar, and the plan and status of `dates`.
fn answers(q: &QuietLegs, dir: &Path, dates: &[NaiveDate]) -> String {
    let mut out = format!(
        "plan {:?}\nreminders {:?}\nstatus {:?}\nhistory {:?}\nnight {:?}\nwindow {:?}\n",
        q.plan(None),
        q.reminders(None, Some(7)),
        q.status(None),
        q.weekly_irls_history(),
        q.night_to_log(),
        q.iron_window(None),
    );
    for day in dates {
        let day = Some(day.to_string());
        out.push_str(&format!(
            "plan {day:?} {:?}\nstatus {day:?} {:?}\n",
            q.plan(day.clone()),
            q.status(day.clone())
        ));
    }
    let report = dir.join("report.html");
    let calendar = dir.join("calendar.ics");
    q.export_report(report.to_string_lossy().into_owned(), None)
        .unwrap();
    q.export_calendar(calendar.to_string_lossy().into_owned(), None, 14)
        .unwrap();
    out.push_str(&std::fs::read_to_string(&report).unwrap());
    out.push_str(&std::fs::read_to_string(&calendar).unwrap());
    std::fs::remove_file(report).unwrap();
    std::fs::remove_file(calendar).unwrap();
    out
}

/// The diary at `path` answers the same at `now` reading only what the rules use as reading
/// everything.
fn same_answers(path: &Path, now: DateTime<Utc>, dates: &[NaiveDate]) {
    let q = QuietLegs::open_at(path, Arc::new(FixedClock(now))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bounded = answers(&q, dir.path(), dates);
    q.set_read_everything(true).unwrap();
    let full = answers(&q, dir.path(), dates);
    if bounded != full {
        let line = bounded
            .lines()
            .zip(full.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| {
                format!(
                    "bounded: {}\nfull:    {}",
                    a.chars().take(600).collect::<String>(),
                    b.chars().take(600).collect::<String>()
                )
            })
            .unwrap_or_else(|| "one answer is longer".to_owned());
        panic!("at {now} the bounded reads answer differently:\n{line}");
    }
}

#[test]
fn bounded_reads_answer_as_reading_every_weekly_rating() {
    let today = d("2026-11-21");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.db");
    let q = QuietLegs::open_at(&path, Arc::new(FixedClock(noon(today)))).unwrap();
    q.merge_in(&quietlegs_core::demo::history(today, 11, "phone"))
        .unwrap();
    let weeks: Vec<NaiveDate> = q
        .weekly_irls_history()
        .unwrap()
        .iter()
        .map(|r| d(&r.week_ending))
        .collect();
    assert!(weeks.len() > 500, "{} weekly ratings", weeks.len());
    let last = *weeks.last().unwrap();
    drop(q);

    let later = today + Duration::days(7);
    let q = QuietLegs::open_at(&path, Arc::new(FixedClock(noon(later)))).unwrap();
    let tablet = "tablet";
    let mut edited = weekly(
        last - Duration::days(7),
        [3; 10],
        noon(today - Duration::days(1)),
        "phone",
    );
    // The same record as the demo's rating of that week, changed later on the phone.
    edited.meta_mut().id = weekly_irls::record_id(last - Duration::days(7));
    q.merge_in(&[
        // Another device rated an older week, overlapping the phone's rating 3 years ago; it
        // answered now, so it is the one the trend keeps.
        weekly(
            weeks[weeks.len() - 157] + Duration::days(2),
            [1; 10],
            noon(later),
            tablet,
        ),
        // Another device rated 3 days past the latest week but answered before it: set aside,
        // and the latest kept week (the weekly prompt's "due") is still the phone's.
        weekly(
            last + Duration::days(3),
            [4; 10],
            noon(last - Duration::days(20)),
            tablet,
        ),
        // A run of overlapping ratings two months back, answered in no order.
        weekly(
            last - Duration::days(60),
            [2; 10],
            noon(last - Duration::days(1)),
            tablet,
        ),
        weekly(
            last - Duration::days(57),
            [1; 10],
            noon(last - Duration::days(50)),
            tablet,
        ),
        weekly(
            last - Duration::days(54),
            [3; 10],
            noon(last - Duration::days(2)),
            tablet,
        ),
        edited,
        // Activities in the days the status reads around its dates (it leaves logged intakes
        // and activities unread: none of its rules uses them).
        activity(noon(later) - Duration::hours(30)),
        activity(noon(last) - Duration::hours(3)),
        Record::Event(infusion("2023-10-02")),
        Record::Regimen(regimen_item(
            RegimenKind::Medication,
            "Pramipexole",
            "2016-11-01",
        )),
    ])
    .unwrap();
    drop(q);

    let dates = [
        last - Duration::days(1),
        last + Duration::days(6),
        // The doctor flags' window over the overlapping run two months back, and just past it.
        last - Duration::days(52),
        last - Duration::days(40),
        d("2024-02-10"),
        d("2016-11-20"),
    ];
    for now in [
        noon(later),
        noon(later) + Duration::hours(9),
        // The prompt is due again only 7 days after the phone's week, not the tablet's.
        noon(last + Duration::days(7)),
        noon(last + Duration::days(8)),
        noon(last + Duration::days(9)),
        // The last rating months old: the trend and the prompt read it still.
        noon(last + Duration::days(200)),
    ] {
        same_answers(&path, now, &dates);
    }
}

#[test]
fn bounded_reads_answer_as_reading_every_logged_dose() {
    let today = d("2026-11-21");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("iron.db");
    let q = QuietLegs::open_at(&path, Arc::new(FixedClock(noon(today)))).unwrap();
    let profile: Vec<Record> = quietlegs_core::demo::history(today, 1, "phone")
        .into_iter()
        .filter(|r| matches!(r, Record::Profile { .. }))
        .collect();
    let start = d("2025-10-01");
    let judged = d("2026-11-01");
    let item = iron_item(&start.to_string());
    let dose = |day: NaiveDate| {
        Record::Event(Event {
            meta: RecordMeta::new(noon(today), "phone"),
            at: Utc.from_utc_datetime(&day.and_hms_opt(7, 30, 0).unwrap()),
            kind: EventKind::Dose {
                regimen_id: item.meta.id.to_string(),
            },
            note: None,
            warnings: vec![],
        })
    };
    let mut records = profile;
    // Doses logged in the first and the last 40 days before the ferritin judged, and in the
    // days since: too few to judge, and the note counts them (both ends of the read matter).
    records.extend(
        start
            .iter_days()
            .take_while(|day| *day <= today)
            .filter(|day| {
                (*day - start).num_days() < 40
                    || (judged - *day).num_days().abs() < 40
                    || *day > judged
            })
            .map(dose),
    );
    records.extend([
        Record::Regimen(item.clone()),
        Record::Lab(lab(
            quietlegs_core::model::Analyte::Ferritin,
            30.0,
            "2025-09-20",
        )),
        Record::Lab(lab(
            quietlegs_core::model::Analyte::Ferritin,
            45.0,
            &judged.to_string(),
        )),
    ]);
    q.merge_in(&records).unwrap();
    let status = format!("{:?}", q.status(None).unwrap().iron);
    assert!(status.contains("doses were logged on"), "{status}");
    drop(q);
    for now in [noon(today), noon(today + Duration::days(120))] {
        same_answers(&path, now, &[judged, judged + Duration::days(1)]);
    }
}

/// The status carries the trend's latest ratings, its first and its count; the history lists
/// every rating in the same words (issue #13: the status stays the same size however old the
/// diary).
#[test]
fn the_status_carries_the_latest_weekly_ratings_and_the_history_all_of_them() {
    let today = d("2026-11-21");
    let dir = tempfile::tempdir().unwrap();
    let q = QuietLegs::open_at(
        &dir.path().join("long.db"),
        Arc::new(FixedClock(noon(today))),
    )
    .unwrap();
    q.merge_in(&quietlegs_core::demo::history(today, 2, "phone"))
        .unwrap();
    let history = q.weekly_irls_history().unwrap();
    assert!(history.len() > 100, "{} weekly ratings", history.len());
    let w = q.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(w.ratings_total as usize, history.len());
    assert_eq!(w.ratings.len(), quietlegs_core::STATUS_WEEKLY_RATINGS);
    assert_eq!(
        w.ratings[..],
        history[history.len() - quietlegs_core::STATUS_WEEKLY_RATINGS..]
    );
    assert_eq!(w.first_rating.as_ref(), history.first());
    assert!(
        w.trend_line
            .contains(&format!("{} weekly ratings so far", history.len())),
        "{}",
        w.trend_line
    );
    // A short diary: every rating, the first among them.
    let short = QuietLegs::open_at(
        &dir.path().join("short.db"),
        Arc::new(FixedClock(noon(today))),
    )
    .unwrap();
    short.log_weekly_irls(vec![2; 10], None).unwrap();
    let w = short.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(w.ratings, short.weekly_irls_history().unwrap());
    assert_eq!(
        (w.ratings_total, w.first_rating.as_ref()),
        (1, w.ratings.first())
    );
    let empty = QuietLegs::open_at(
        &dir.path().join("empty.db"),
        Arc::new(FixedClock(noon(today))),
    )
    .unwrap();
    let w = empty.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(
        (w.ratings_total, w.first_rating, w.ratings.len()),
        (0, None, 0)
    );
    assert!(empty.weekly_irls_history().unwrap().is_empty());
}
