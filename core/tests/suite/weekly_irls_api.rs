//! The IRLS is weekly (SPEC §2.7): a night takes no new IRLS scores, weekly ratings never
//! overlap when entered, and a merge of overlapping ratings from two devices never fails and
//! reads the same in every order. Older nights with IRLS scores import and export unchanged.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use quietlegs_core::model::{IrlsScores, Night, Record, RecordMeta};
use quietlegs_core::{FixedClock, NightInput, QuietLegs, QuietLegsError};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

fn diary(now: DateTime<Utc>, dir: &tempfile::TempDir, name: &str) -> Arc<QuietLegs> {
    QuietLegs::open_at(&dir.path().join(name), Arc::new(FixedClock(now))).unwrap()
}

fn field_of(e: QuietLegsError) -> String {
    match e {
        QuietLegsError::InvalidInput { field, .. } => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn weeks(q: &QuietLegs) -> Vec<String> {
    q.status(None)
        .unwrap()
        .weekly_irls
        .unwrap()
        .ratings
        .iter()
        .map(|r| r.week_ending.clone())
        .collect()
}

#[test]
fn a_night_takes_no_new_irls_scores_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(at(21, 8), &dir, "a.db");
    let mut n = NightInput::quick("2026-11-20", 4);
    n.irls_items = Some(vec![2; 10]);
    assert_eq!(field_of(q.log_night(n.clone()).unwrap_err()), "IRLS items");
    assert_eq!(field_of(q.log_night_keeping(n).unwrap_err()), "IRLS items");
    assert!(q.nights(None, None).unwrap().is_empty());
    // The quick rating alone is the nightly entry.
    q.log_night(NightInput::quick("2026-11-20", 4)).unwrap();
    assert_eq!(q.nights(None, None).unwrap().len(), 1);
}

fn old_night_with_irls() -> Night {
    Night {
        meta: RecordMeta::new(at(2, 7), "old-phone"),
        night_date: "2026-11-01".parse().unwrap(),
        quick_severity: None,
        irls: Some(IrlsScores::new(&[3, 2, 2, 3, 1, 2, 2, 2, 1, 1]).unwrap()),
        onset: None,
        body_areas: vec![],
        sleep_hours: Some(5.5),
        awakenings: None,
        triggers: vec![],
        relief: vec![],
        notes: Some("old diary".into()),
        changed: None,
    }
}

fn nights_json(path: &std::path::Path) -> Vec<serde_json::Value> {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let nights: Vec<serde_json::Value> = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "night")
        .cloned()
        .collect();
    assert_eq!(nights.len(), 1, "{doc}");
    assert_eq!(nights[0]["irls"][0], 3, "{doc}");
    nights
}

#[test]
fn an_older_night_with_irls_scores_imports_exports_and_edits_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let a = diary(at(21, 8), &dir, "a.db");
    a.merge_in(&[Record::Night(old_night_with_irls())]).unwrap();
    let first = dir.path().join("a.json");
    a.export_json(first.to_string_lossy().into(), None).unwrap();

    let b = diary(at(21, 8), &dir, "b.db");
    b.import_file(first.to_string_lossy().into(), None).unwrap();
    let second = dir.path().join("b.json");
    b.export_json(second.to_string_lossy().into(), None)
        .unwrap();
    assert_eq!(nights_json(&first), nights_json(&second));
    assert_eq!(b.nights(None, None).unwrap()[0].irls_total, Some(19));

    // An edit form sends the stored scores back unchanged: accepted, and kept.
    let mut edit = NightInput::quick("2026-11-01", 3);
    edit.irls_items = Some(vec![3, 2, 2, 3, 1, 2, 2, 2, 1, 1]);
    b.log_night(edit.clone()).unwrap();
    // Adding a detail keeps them too.
    let mut detail = NightInput::quick("2026-11-01", 3);
    detail.quick_severity = None;
    detail.awakenings = Some(2);
    b.log_night_keeping(detail).unwrap();
    assert_eq!(b.nights(None, None).unwrap()[0].irls_total, Some(19));
    // Changing them is a new nightly IRLS: refused, the stored night unchanged.
    edit.irls_items = Some(vec![4; 10]);
    assert_eq!(field_of(b.log_night(edit).unwrap_err()), "IRLS items");
    let n = &b.nights(None, None).unwrap()[0];
    assert_eq!((n.irls_total, n.awakenings), (Some(19), Some(2)));
}

#[test]
fn an_overlapping_weekly_rating_is_refused_naming_the_week_ending() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(at(29, 9), &dir, "w.db");
    q.log_weekly_irls(vec![1; 10], Some("2026-11-20".into()))
        .unwrap();
    // 2026-11-23 is another ISO week, but its 7 days (17-23) share 17-20 with the first.
    for overlapping in ["2026-11-23", "2026-11-14", "2026-11-26"] {
        let e = q
            .log_weekly_irls(vec![3; 10], Some(overlapping.into()))
            .unwrap_err();
        assert_eq!(field_of(e), "week ending", "{overlapping}");
    }
    assert_eq!(weeks(&q), ["2026-11-20"]);
    // Seven days later is the next week: accepted (both sides of the boundary).
    q.log_weekly_irls(vec![2; 10], Some("2026-11-27".into()))
        .unwrap();
    q.log_weekly_irls(vec![2; 10], Some("2026-11-13".into()))
        .unwrap();
    // Rating a week again is an edit of it, not an overlap.
    q.log_weekly_irls(vec![4; 10], Some("2026-11-20".into()))
        .unwrap();
    let s = q.status(None).unwrap().weekly_irls.unwrap();
    let got: Vec<(String, u32)> = s
        .ratings
        .iter()
        .map(|r| (r.week_ending.clone(), r.total))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-11-13".to_owned(), 20),
            ("2026-11-20".to_owned(), 40),
            ("2026-11-27".to_owned(), 20)
        ]
    );
}

#[test]
fn overlapping_ratings_from_two_devices_merge_and_read_the_same_in_either_order() {
    let dir = tempfile::tempdir().unwrap();
    // Device A rates the week ending Friday 20th on the 21st; device B the week ending Monday
    // 23rd on the 24th. Each was allowed on its own device.
    let a = diary(at(21, 8), &dir, "a.db");
    a.log_weekly_irls(vec![1; 10], Some("2026-11-20".into()))
        .unwrap();
    let b = diary(at(24, 8), &dir, "b.db");
    b.log_weekly_irls(vec![3; 10], Some("2026-11-23".into()))
        .unwrap();
    let (fa, fb) = (dir.path().join("a.json"), dir.path().join("b.json"));
    a.export_json(fa.to_string_lossy().into(), None).unwrap();
    b.export_json(fb.to_string_lossy().into(), None).unwrap();

    let ab = diary(at(29, 8), &dir, "ab.db");
    ab.import_file(fa.to_string_lossy().into(), None).unwrap();
    ab.import_file(fb.to_string_lossy().into(), None).unwrap();
    let ba = diary(at(29, 8), &dir, "ba.db");
    ba.import_file(fb.to_string_lossy().into(), None).unwrap();
    ba.import_file(fa.to_string_lossy().into(), None).unwrap();

    // Both ratings stay in the diary and in its export; the newest answer is what is read.
    assert_eq!(weeks(&ab), ["2026-11-23"]);
    assert_eq!(weeks(&ba), ["2026-11-23"]);
    let out = dir.path().join("ab.json");
    ab.export_json(out.to_string_lossy().into(), None).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("2026-11-20") && text.contains("2026-11-23"));
}

#[test]
fn a_night_without_a_rating_asks_for_the_quick_rating_only() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(at(21, 8), &dir, "a.db");
    let mut n = NightInput::quick("2026-11-20", 4);
    n.quick_severity = None;
    n.sleep_hours = Some(5.0);
    match q.log_night(n).unwrap_err() {
        QuietLegsError::InvalidInput { field, reason } => {
            // Named as missing, not "out of range" (input review #1).
            assert_eq!(field, "quick_severity");
            assert!(reason.starts_with("missing"), "{reason}");
            assert!(reason.contains("0-10"), "{reason}");
            assert!(!reason.contains("item scores"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(q.nights(None, None).unwrap().is_empty());
}

/// Two devices rate different 7 days of one ISO week (W46: ending Wednesday 11th on B,
/// Sunday 15th on A): the merge keeps both (it used to let B's replace A's, both having the
/// ISO week's id), the trend shows the latest answer and the other is listed, not hidden.
#[test]
fn two_devices_rating_one_iso_week_keep_both_ratings() {
    let dir = tempfile::tempdir().unwrap();
    let a = diary(at(16, 8), &dir, "a.db");
    a.log_weekly_irls(vec![2; 10], Some("2026-11-15".into()))
        .unwrap();
    let b = diary(at(16, 9), &dir, "b.db");
    b.log_weekly_irls(vec![1; 10], Some("2026-11-11".into()))
        .unwrap();
    let fb = dir.path().join("b.json");
    b.export_json(fb.to_string_lossy().into(), None).unwrap();
    let report = a.import_file(fb.to_string_lossy().into(), None).unwrap();
    assert_eq!((report.added, report.updated), (1, 0), "{report:?}");
    let w = a.status(None).unwrap().weekly_irls.unwrap();
    let shown: Vec<&str> = w.ratings.iter().map(|r| r.week_ending.as_str()).collect();
    let aside: Vec<&str> = w.set_aside.iter().map(|r| r.week_ending.as_str()).collect();
    assert_eq!(shown, ["2026-11-11"], "the latest answer (B's, 09:00)");
    assert_eq!(aside, ["2026-11-15"], "A's rating is listed, not lost");
    assert_eq!(w.set_aside[0].total, 20);
    // The phones' line for it, in the core's words ("week ending" mid-sentence).
    assert!(w.set_aside[0].label.starts_with("Week ending 2026-11-15"));
    assert_eq!(
        w.set_aside_lines,
        [format!(
            "Also stored, left out of the trend (overlapping weeks rated on two devices): w{}",
            &w.set_aside[0].label[1..]
        )]
    );
    // Rating the same ISO week again on A still edits a record, and is not refused.
    a.log_weekly_irls(vec![3; 10], Some("2026-11-15".into()))
        .unwrap();
}

/// A 40/40 rating with the mood item at 4 stays flagged when another device's overlapping,
/// newer answer is what the trend shows.
#[test]
fn an_overlap_never_hides_a_severe_total_or_the_mood_item() {
    let dir = tempfile::tempdir().unwrap();
    let a = diary(at(21, 7), &dir, "a.db");
    a.log_weekly_irls(vec![4; 10], Some("2026-11-20".into()))
        .unwrap();
    let b = diary(at(24, 8), &dir, "b.db");
    b.log_weekly_irls(vec![1; 10], Some("2026-11-23".into()))
        .unwrap();
    let fa = dir.path().join("a.json");
    a.export_json(fa.to_string_lossy().into(), None).unwrap();
    b.import_file(fa.to_string_lossy().into(), None).unwrap();
    let s = b.status(None).unwrap();
    let w = s.weekly_irls.unwrap();
    assert_eq!(
        w.ratings.last().unwrap().total,
        10,
        "the trend: the newest answer"
    );
    assert_eq!(w.set_aside.len(), 1);
    let kinds: Vec<String> = s.flags.iter().map(|f| format!("{:?}", f.kind)).collect();
    assert!(
        kinds.iter().any(|k| k == "SevereWeeklyIrls") && kinds.iter().any(|k| k == "MoodItemHigh"),
        "{kinds:?}"
    );
    let severe = s
        .flags
        .iter()
        .find(|f| format!("{:?}", f.kind) == "SevereWeeklyIrls")
        .unwrap();
    assert!(
        severe.facts.contains("40/40") && severe.facts.contains("2026-11-20"),
        "{}",
        severe.facts
    );
}

/// A rating stored with the ISO-week id older versions gave keeps that id when it is rated
/// again, so old diaries and exports import and edit as before.
#[test]
fn a_rating_with_an_old_iso_week_id_is_edited_in_place() {
    use quietlegs_core::model::{Event, EventKind};
    let dir = tempfile::tempdir().unwrap();
    let q = diary(at(16, 8), &dir, "a.db");
    let d = "2026-11-15".parse().unwrap();
    let old_id = quietlegs_core::rules::weekly_irls::record_id(d);
    let mut meta = RecordMeta::new(at(15, 20), "old-phone");
    meta.id = old_id;
    q.merge_in(&[Record::Event(Event {
        meta,
        at: at(15, 20),
        kind: EventKind::WeeklyIrls {
            week_ending: "2026-11-15".into(),
            items: vec![1; 10],
        },
        note: None,
        warnings: vec![],
    })])
    .unwrap();
    let e = q
        .log_weekly_irls(vec![2; 10], Some("2026-11-15".into()))
        .unwrap();
    assert_eq!(e.info.id, old_id.to_string());
    let w = q.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(w.ratings.len(), 1);
    assert!(w.set_aside.is_empty());
    assert!(w.set_aside_lines.is_empty());
    assert_eq!(w.ratings[0].total, 20);
}

/// SPEC §2.7: the weekly IRLS has its own trend on the status screen and in the report (the
/// latest total and band, the change from the rating before and from the first), apart from
/// the nightly quick rating.
#[test]
fn status_and_report_show_the_weekly_trend_apart_from_the_nightly_rating() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(at(21, 8), &dir, "t.db");
    let none = q.status(None).unwrap().weekly_irls.unwrap();
    assert!(
        none.trend_line.starts_with("No weekly IRLS yet."),
        "{}",
        none.trend_line
    );
    assert_eq!(none.change_from_previous, None);
    q.log_night(NightInput::quick("2026-11-20", 7)).unwrap();
    for (week, items) in [
        ("2026-11-06", [3u8; 10]),                      // 30, severe
        ("2026-11-13", [2; 10]),                        // 20, moderate
        ("2026-11-20", [2, 2, 2, 2, 2, 2, 2, 2, 1, 1]), // 18, moderate
    ] {
        q.log_weekly_irls(items.to_vec(), Some(week.into()))
            .unwrap();
    }
    let w = q.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(w.change_from_previous, Some(-2));
    assert_eq!(w.change_from_first, Some(-12));
    assert_eq!(w.direction, Some(quietlegs_core::Direction::Steady));
    assert_eq!(
        w.trend_line,
        "Weekly IRLS 18 of 40 for the week ending 2026-11-20, moderate (11-20). 2 points lower than the week ending 2026-11-13 (20, moderate): about the same. 12 points lower than the first rating, the week ending 2026-11-06 (30, severe). 3 weekly ratings so far; a change of 3 points or more counts as better or worse."
    );
    let path = dir.path().join("report.html");
    q.export_report_to(&path, None).unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<h3>Weekly IRLS</h3>"));
    assert!(
        html.contains(&w.trend_line),
        "the trend sentence in the report"
    );
    assert!(html.contains(
        "<tr><td>2026-11-20</td><td>18</td><td>moderate</td><td>-2</td></tr><tr><td>2026-11-13</td><td>20</td><td>moderate</td><td>-10</td></tr>"
    ));
    // The nightly trend row is the quick rating's alone.
    assert!(html.contains("quick 0-10, nightly"));
    assert!(!html.contains("IRLS 0-40 logged with nights"));
}

/// Rating a week on this device never rewrites another device's rating of other days (it
/// used to: C's rating of the week ending 21st, ISO week 47, edited D's rating of the week
/// ending 17th in place, losing D's severe answer here and at the next sync).
#[test]
fn a_new_rating_never_rewrites_another_devices_rating_of_other_days() {
    let dir = tempfile::tempdir().unwrap();
    let c = diary(at(14, 12), &dir, "c.db");
    c.log_weekly_irls(vec![2; 10], Some("2026-11-14".into()))
        .unwrap();
    let d = diary(at(17, 12), &dir, "d.db");
    d.log_weekly_irls(
        vec![3, 3, 3, 3, 3, 3, 3, 3, 2, 2],
        Some("2026-11-17".into()),
    )
    .unwrap();
    let fd = dir.path().join("d.json");
    d.export_json(fd.to_string_lossy().into(), None).unwrap();
    drop(c);
    let c = diary(at(21, 12), &dir, "c.db");
    c.import_file(fd.to_string_lossy().into(), None).unwrap();
    c.log_weekly_irls(vec![1; 10], Some("2026-11-21".into()))
        .unwrap();
    let w = c.status(None).unwrap().weekly_irls.unwrap();
    let mut all: Vec<(String, u32)> = w
        .ratings
        .iter()
        .chain(&w.set_aside)
        .map(|r| (r.week_ending.clone(), r.total))
        .collect();
    all.sort();
    assert_eq!(
        all,
        [
            ("2026-11-14".to_owned(), 20),
            ("2026-11-17".to_owned(), 28),
            ("2026-11-21".to_owned(), 10)
        ],
        "D's severe rating is kept"
    );
    let out = dir.path().join("c.json");
    c.export_json(out.to_string_lossy().into(), None).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("2026-11-17") && text.contains("2026-11-21"));

    // Rating the same week again on this device still edits its own record.
    c.log_weekly_irls(vec![2; 10], Some("2026-11-21".into()))
        .unwrap();
    let w = c.status(None).unwrap().weekly_irls.unwrap();
    assert_eq!(w.ratings.len() + w.set_aside.len(), 3);
    // And a new overlap with this device's own rating is still refused.
    let e = c
        .log_weekly_irls(vec![2; 10], Some("2026-11-19".into()))
        .unwrap_err();
    assert_eq!(field_of(e), "week ending");
}
