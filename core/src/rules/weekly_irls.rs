//! The weekly IRLS (SPEC §2.7): asked once a week about the past 7 days, one rating per ISO
//! week on a device (a sync can join overlapping ratings: all are kept, none hidden), with its
//! own trend. The nightly quick 0-10 rating stays the everyday measure;
//! the two are never mixed. Old nights that carry IRLS item scores stay readable and exportable
//! as they are; they are not counted as weekly ratings.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::evidence as ev;
use crate::model::{Event, EventKind, IrlsScores};

/// One weekly rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyIrls {
    /// The last day of the 7 days rated.
    pub week_ending: NaiveDate,
    pub scores: IrlsScores,
    /// When it was answered; `None` for a rating read without its answer time (from the
    /// `events_by_kind` index alone, see [`clash_runs`]), which nothing reads for a rating
    /// that clashes with no other.
    pub at: Option<DateTime<Utc>>,
}

/// The ISO week a rating belongs to, as `YYYY-Www`: the natural key (one rating per week).
pub fn week_key(week_ending: NaiveDate) -> String {
    let w = week_ending.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The record id ratings were given up to 2026-11 (and the demo still gives): derived from the
/// ISO week. Kept so those records keep their ids; a merge treats two ratings with this id as
/// one record (the newer wins), so a new rating takes [`new_record_id`] instead.
pub fn record_id(week_ending: NaiveDate) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!(
            "https://quietlegs.org/weekly-irls/{}",
            week_key(week_ending)
        )
        .as_bytes(),
    )
}

/// The record id of a new rating: derived from its week-ending date, so the same 7 days rated
/// on two devices are one record after a merge (the newer answer wins, as for any edit),
/// while two devices rating different 7 days of one ISO week (ending Wednesday 11th, ending
/// Sunday 15th) keep both ratings: neither replaces the other (SPEC §2.7, §4).
pub fn new_record_id(week_ending: NaiveDate) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("https://quietlegs.org/weekly-irls/week-ending/{week_ending}").as_bytes(),
    )
}

/// The stored rating that rating the week ending `week_ending` on `device` edits: one of the
/// same week-ending date (the same 7 days: one record on every device, see
/// [`new_record_id`]), else one of the same ISO week last changed on `device` (rating that
/// week again here replaces it), the newest answer if several. `None`: the rating is new.
///
/// A rating of different 7 days that came from another device is never edited: rewriting it
/// would lose that device's answer here and, at the next sync, there too (the diary is
/// sacred); the new rating is a new record and the overlap rules ([`set_aside`]) decide
/// what the trend reads.
pub fn record_to_edit<'a>(
    events: &'a [Event],
    week_ending: NaiveDate,
    device: &str,
) -> Option<&'a Event> {
    let newest = |d: &dyn Fn(&Event, NaiveDate) -> bool| {
        events
            .iter()
            .filter(|e| stored_week(e).is_some_and(|w| d(e, w)))
            .max_by_key(|e| (e.at, e.meta.id))
    };
    newest(&|_, w| w == week_ending).or_else(|| {
        newest(&|e, w| week_key(w) == week_key(week_ending) && e.meta.device_id == device)
    })
}

/// The week-ending date of a stored weekly rating; `None` for any other event.
pub fn stored_week(e: &Event) -> Option<NaiveDate> {
    match &e.kind {
        EventKind::WeeklyIrls { week_ending, .. } => week_ending.parse::<NaiveDate>().ok(),
        _ => None,
    }
}

/// Whether two ratings' 7-day windows share a day: their week-ending dates are less than 7
/// days apart (SPEC §2.7: each rating covers the 7 days up to its week-ending date).
pub fn overlaps(a: NaiveDate, b: NaiveDate) -> bool {
    (a - b).num_days().abs() < ev::IRLS_PERIOD_DAYS.value as i64
}

/// The stored rating (other than the record `id` being saved) whose window overlaps the week
/// ending `week_ending`, if any: a new rating is refused then (one rating per 7 days). Rating
/// the same ISO week again is an edit of that record, not an overlap.
pub fn overlapping(events: &[Event], id: Uuid, week_ending: NaiveDate) -> Option<NaiveDate> {
    events
        .iter()
        .filter(|e| e.meta.id != id)
        .filter_map(|e| match &e.kind {
            EventKind::WeeklyIrls { week_ending, .. } => week_ending.parse::<NaiveDate>().ok(),
            _ => None,
        })
        .filter(|d| overlaps(*d, week_ending))
        .max()
}

/// Every valid weekly rating among `events`, in a total order on content (newest answer
/// first), so that the result does not depend on the order the events came in.
pub fn all_ratings(events: &[Event]) -> Vec<WeeklyIrls> {
    let mut all: Vec<WeeklyIrls> = events
        .iter()
        .filter_map(|e| {
            let EventKind::WeeklyIrls { week_ending, items } = &e.kind else {
                return None;
            };
            let (Ok(week_ending), Ok(scores)) =
                (week_ending.parse::<NaiveDate>(), IrlsScores::new(items))
            else {
                return None;
            };
            Some(WeeklyIrls {
                week_ending,
                scores,
                at: Some(e.at),
            })
        })
        .collect();
    all.sort_by(|a, b| {
        (b.at, b.week_ending, b.scores.items()).cmp(&(a.at, a.week_ending, a.scores.items()))
    });
    all
}

/// Two week-ending dates this many days apart or more never [`clash`] (the longer of the IRLS
/// period and an ISO week, 7 days). So ratings split into runs separated by such gaps, and
/// [`split`] decides each run from its own ratings alone: a reader needing only the recent
/// ratings reads back to such a gap, not the whole diary (`api::snapshot`).
pub fn clash_reach_days() -> i64 {
    (ev::IRLS_PERIOD_DAYS.value as i64).max(7)
}

/// The runs of week-ending dates that can hold a clash: each `(first, last)` covers two or
/// more of `weeks` (sorted, oldest first), each under [`clash_reach_days`] from the next, and
/// the runs are separated by at least that gap. A date outside every run clashes with no
/// other rating, so [`split`] keeps it whatever its answer time; only the ratings inside a run
/// need their answer times (which of two clashing answers is newer). Oldest run first.
pub fn clash_runs(weeks: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut current: Option<(NaiveDate, NaiveDate, usize)> = None;
    for &w in weeks {
        current = match current {
            Some((first, last, n)) if (w - last).num_days() < clash_reach_days() => {
                Some((first, w, n + 1))
            }
            other => {
                if let Some((first, last, n)) = other {
                    if n > 1 {
                        runs.push((first, last));
                    }
                }
                Some((w, w, 1))
            }
        };
    }
    if let Some((first, last, n)) = current {
        if n > 1 {
            runs.push((first, last));
        }
    }
    runs
}

/// Whether two ratings clash: their 7-day windows overlap, or they rate the same ISO week.
pub fn clash(a: NaiveDate, b: NaiveDate) -> bool {
    overlaps(a, b) || week_key(a) == week_key(b)
}

/// The weekly ratings among `events`, oldest week first; no two of them overlap.
///
/// The app refuses an overlapping rating, but a merge must never fail (SPEC §4), so a diary
/// joined from two devices can hold two ratings of one ISO week, or two whose 7-day windows
/// overlap (one device rated the week ending Friday, the other the week ending Monday). All
/// stay in the diary and in exports; the trend reads the latest answer among overlapping ones
/// (ties: the later week, then the higher scores), chosen from the set alone so that every
/// merge order reads the same. The others are never hidden: [`split`] lists them apart for the
/// status screen, and the doctor flags read the whole group ([`group_of`]).
pub fn weekly_ratings(events: &[Event]) -> Vec<WeeklyIrls> {
    split(events).0
}

/// The ratings the trend reads ([`weekly_ratings`]) and the stored ratings it leaves out because
/// they overlap a newer answer, each oldest week first: one pass for a caller that shows both.
pub fn split(events: &[Event]) -> (Vec<WeeklyIrls>, Vec<WeeklyIrls>) {
    let mut kept: Vec<WeeklyIrls> = Vec::new();
    let mut aside: Vec<WeeklyIrls> = Vec::new();
    // Two ratings clash only if their week-ending dates are less than a period or one ISO week
    // apart, so each rating is compared with the kept ones near it, not with all of them (every
    // plan, status and reminder call reads this; 30 years hold ~1,560 ratings).
    let reach = Days::new(clash_reach_days().unsigned_abs());
    let mut kept_weeks: BTreeSet<NaiveDate> = BTreeSet::new();
    for w in all_ratings(events) {
        let d = w.week_ending;
        let near = d.checked_sub_days(reach).unwrap_or(NaiveDate::MIN)
            ..=d.checked_add_days(reach).unwrap_or(NaiveDate::MAX);
        if kept_weeks.range(near).any(|k| clash(*k, d)) {
            aside.push(w);
        } else {
            kept_weeks.insert(d);
            kept.push(w);
        }
    }
    sort_by_week(&mut kept);
    aside.sort_by_key(|w| (w.week_ending, w.at));
    (kept, aside)
}

/// `rating` and every stored rating that clashes with it (overlapping 7 days, or the same ISO
/// week): what a doctor flag must read, so that an overlap from two devices never hides a
/// severe total or a high mood item.
pub fn group_of(events: &[Event], rating: &WeeklyIrls) -> Vec<WeeklyIrls> {
    let mut group: Vec<WeeklyIrls> = all_ratings(events)
        .into_iter()
        .filter(|w| clash(w.week_ending, rating.week_ending))
        .collect();
    if group.is_empty() {
        group.push(rating.clone());
    }
    group
}

/// Whether the weekly IRLS is due on `today`: never answered, or the last rated week ended 7 or
/// more days ago.
pub fn due(ratings: &[WeeklyIrls], today: NaiveDate) -> bool {
    let period = Duration::days(ev::IRLS_PERIOD_DAYS.value as i64);
    ratings
        .iter()
        .map(|r| r.week_ending)
        .max()
        .is_none_or(|last| today - last >= period)
}

/// The latest rating whose week ended within `days` before `today` (inclusive of today).
pub fn latest_within(ratings: &[WeeklyIrls], today: NaiveDate, days: i64) -> Option<&WeeklyIrls> {
    ratings
        .iter()
        .filter(|r| r.week_ending <= today && (today - r.week_ending).num_days() < days)
        .max_by_key(|r| r.week_ending)
}

/// The mood item (item 10) of a rating, 0-4.
pub fn mood_item(r: &WeeklyIrls) -> u8 {
    r.scores.items().last().copied().unwrap_or(0)
}

/// The IRLS band of a total in words with its range from the evidence table: "moderate
/// (11-20)".
pub fn band_words(total: u8) -> String {
    let (mild, moderate, severe) = (
        ev::IRLS_MILD_MAX.value,
        ev::IRLS_MODERATE_MAX.value,
        ev::IRLS_SEVERE_MAX.value,
    );
    let max = ev::IRLS_ITEM_MAX.value * crate::model::night::IRLS_TOPICS.len() as f64;
    match crate::model::night::irls_band(total) {
        crate::model::IrlsBand::None => "none (0)".to_owned(),
        crate::model::IrlsBand::Mild => format!("mild (1-{mild:.0})"),
        crate::model::IrlsBand::Moderate => format!("moderate ({:.0}-{moderate:.0})", mild + 1.0),
        crate::model::IrlsBand::Severe => format!("severe ({:.0}-{severe:.0})", moderate + 1.0),
        crate::model::IrlsBand::VerySevere => {
            format!("very severe ({:.0}-{max:.0})", severe + 1.0)
        }
    }
}

/// The weekly IRLS trend (SPEC §2.7): the latest rating against the one before it and against
/// the first, on the IRLS scale alone (never mixed with the nightly quick rating).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyTrend {
    /// The latest rated week.
    pub latest: WeeklyIrls,
    /// The rating before it, if any.
    pub previous: Option<WeeklyIrls>,
    /// The first rating, when there are at least three (with two it is `previous`).
    pub first: Option<WeeklyIrls>,
    /// Latest total minus the previous one (negative: better).
    pub change_from_previous: Option<i32>,
    /// Latest total minus the first one.
    pub change_from_first: Option<i32>,
    /// The change from the previous rating, judged against `TREND_IRLS_CHANGE`.
    pub direction: super::insights::Direction,
}

/// The trend of `ratings` (oldest first, as [`weekly_ratings`] gives them); `None` without any.
pub fn trend(ratings: &[WeeklyIrls]) -> Option<WeeklyTrend> {
    let (latest, before) = ratings.split_last()?;
    let previous = before.last().cloned();
    let first = if before.len() >= 2 {
        before.first().cloned()
    } else {
        None
    };
    let total = |w: &WeeklyIrls| i32::from(w.scores.total());
    let change_from_previous = previous.as_ref().map(|p| total(latest) - total(p));
    let change_from_first = first.as_ref().map(|f| total(latest) - total(f));
    let step = ev::TREND_IRLS_CHANGE.value;
    let direction = match change_from_previous.map(f64::from) {
        Some(c) if c <= -step => super::insights::Direction::Better,
        Some(c) if c >= step => super::insights::Direction::Worse,
        Some(_) => super::insights::Direction::Steady,
        None => super::insights::Direction::Unknown,
    };
    Some(WeeklyTrend {
        latest: latest.clone(),
        previous,
        first,
        change_from_previous,
        change_from_first,
        direction,
    })
}

/// "4 points lower", "1 point higher", "the same".
fn change_words(change: i32) -> String {
    let n = change.unsigned_abs();
    let points = if n == 1 { "point" } else { "points" };
    match change {
        0 => "the same as".to_owned(),
        c if c < 0 => format!("{n} {points} lower than"),
        _ => format!("{n} {points} higher than"),
    }
}

/// A rating for a comparison: "the week ending 2026-11-22 (23, severe)".
fn rating_words(w: &WeeklyIrls) -> String {
    format!(
        "the week ending {} ({}, {})",
        w.week_ending,
        w.scores.total(),
        crate::model::name_of(&w.scores.band()).replace('_', " ")
    )
}

/// The trend in a few sentences for the status screen and the report (numbers and bands from
/// the evidence table); `None` without any rating.
pub fn trend_line(ratings: &[WeeklyIrls]) -> Option<String> {
    let t = trend(ratings)?;
    let max = ev::IRLS_ITEM_MAX.value * crate::model::night::IRLS_TOPICS.len() as f64;
    let total = t.latest.scores.total();
    let mut line = format!(
        "Weekly IRLS {total} of {max:.0} for the week ending {}, {}.",
        t.latest.week_ending,
        band_words(total)
    );
    match (&t.previous, t.change_from_previous) {
        (Some(p), Some(c)) => {
            let judged = match t.direction {
                super::insights::Direction::Better => "better",
                super::insights::Direction::Worse => "worse",
                _ => "about the same",
            };
            line.push_str(&format!(
                " {} {}: {judged}.",
                sentence_start(&change_words(c)),
                rating_words(p)
            ));
        }
        _ => line.push_str(" The first rating, so there is no change to show yet."),
    }
    if let (Some(f), Some(c)) = (&t.first, t.change_from_first) {
        line.push_str(&format!(
            " {} the first rating, {}.",
            sentence_start(&change_words(c)),
            rating_words(f)
        ));
    }
    let n = ratings.len();
    line.push_str(&format!(
        " {n} weekly {} so far; a change of {:.0} points or more counts as better or worse.",
        if n == 1 { "rating" } else { "ratings" },
        ev::TREND_IRLS_CHANGE.value
    ));
    Some(line)
}

/// `text` with a capital first letter: it starts a sentence.
fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Puts ratings in week-ending order, earliest first (stable). Every such list is sorted here,
/// so the sort is compiled once (docs/PERFORMANCE.md, library size).
pub(crate) fn sort_by_week(ratings: &mut [WeeklyIrls]) {
    ratings.sort_by_key(|w| w.week_ending);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordMeta;
    use chrono::TimeZone;

    fn ev_of(week_ending: &str, items: [u8; 10], hour: u32) -> Event {
        let at = Utc.with_ymd_and_hms(2026, 11, 29, hour, 0, 0).unwrap();
        Event {
            meta: RecordMeta::new(at, "t"),
            at,
            kind: EventKind::WeeklyIrls {
                week_ending: week_ending.to_owned(),
                items: items.to_vec(),
            },
            note: None,
            warnings: vec![],
        }
    }

    #[test]
    fn one_rating_per_iso_week_the_latest_answer_wins() {
        let a = ev_of("2026-11-29", [1; 10], 8);
        let b = ev_of("2026-11-27", [2; 10], 9); // same ISO week (2026-W48)
        let c = ev_of("2026-11-20", [3; 10], 7); // 7 days before b: no overlap
        let r = weekly_ratings(&[a, b, c]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].scores.total(), 20);
        assert_eq!(week_key("2026-11-29".parse().unwrap()), "2026-W48");
        assert_eq!(
            record_id("2026-11-23".parse().unwrap()),
            record_id("2026-11-29".parse().unwrap())
        );
        assert_ne!(
            record_id("2026-11-22".parse().unwrap()),
            record_id("2026-11-23".parse().unwrap())
        );
    }

    #[test]
    fn windows_overlap_when_the_week_ends_are_under_seven_days_apart() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(overlaps(d("2026-11-20"), d("2026-11-23")));
        assert!(overlaps(d("2026-11-23"), d("2026-11-29")));
        assert!(!overlaps(d("2026-11-22"), d("2026-11-29")));
        assert!(!overlaps(d("2026-11-29"), d("2026-11-22")));
        let stored = [ev_of("2026-11-20", [1; 10], 8)];
        let id = record_id(d("2026-11-23"));
        assert_eq!(
            overlapping(&stored, id, d("2026-11-23")),
            Some(d("2026-11-20"))
        );
        assert_eq!(overlapping(&stored, id, d("2026-11-27")), None);
        // Its own record (the same ISO week rated again) is not an overlap.
        let mut own = ev_of("2026-11-20", [1; 10], 8);
        own.meta.id = record_id(d("2026-11-20"));
        assert_eq!(
            overlapping(&[own], record_id(d("2026-11-19")), d("2026-11-19")),
            None
        );
    }

    #[test]
    fn merged_overlapping_ratings_read_as_the_newest_answer_in_any_order() {
        let fri = ev_of("2026-11-20", [1; 10], 7); // W47, answered at 07:00
        let mon = ev_of("2026-11-23", [3; 10], 9); // W48, answered at 09:00, overlaps
        let older = ev_of("2026-11-13", [2; 10], 6); // the week before: no overlap
        let a = weekly_ratings(&[fri.clone(), mon.clone(), older.clone()]);
        let b = weekly_ratings(&[mon, older, fri]);
        assert_eq!(a, b);
        let weeks: Vec<String> = a.iter().map(|w| w.week_ending.to_string()).collect();
        assert_eq!(weeks, ["2026-11-13", "2026-11-23"]);
        assert_eq!(a[1].scores.total(), 30);
    }

    #[test]
    fn due_once_seven_days_have_passed() {
        let r = weekly_ratings(&[ev_of("2026-11-22", [1; 10], 8)]);
        assert!(!due(&r, "2026-11-28".parse().unwrap()));
        assert!(due(&r, "2026-11-29".parse().unwrap()));
        assert!(due(&[], "2026-11-29".parse().unwrap()));
    }

    /// A rating of 20 for the week ending 2026-11-15.
    fn a_week() -> Event {
        ev_of("2026-11-15", [2; 10], 7)
    }

    #[test]
    fn the_trend_compares_the_latest_with_the_previous_and_the_first_rating() {
        let first = ev_of("2026-11-08", [3; 10], 6); // 30, severe
        let prev = a_week(); // 20, moderate
        let latest = ev_of("2026-11-22", [2, 2, 2, 2, 2, 2, 2, 2, 1, 0], 8); // 17, moderate
        assert!(trend(&[]).is_none() && trend_line(&[]).is_none());
        let one = weekly_ratings(std::slice::from_ref(&latest));
        let t = trend(&one).unwrap();
        assert_eq!((t.change_from_previous, t.change_from_first), (None, None));
        assert!(trend_line(&one)
            .unwrap()
            .contains("The first rating, so there is no change"));
        let two = weekly_ratings(&[prev.clone(), latest.clone()]);
        let t = trend(&two).unwrap();
        assert_eq!(t.change_from_previous, Some(-3));
        assert_eq!(t.first, None);
        assert_eq!(t.direction, super::super::insights::Direction::Better); // 3 = TREND_IRLS_CHANGE
        let all = weekly_ratings(&[latest, first, prev]);
        let t = trend(&all).unwrap();
        assert_eq!(t.change_from_previous, Some(-3));
        assert_eq!(t.change_from_first, Some(-13));
        let line = trend_line(&all).unwrap();
        assert_eq!(
            line,
            "Weekly IRLS 17 of 40 for the week ending 2026-11-22, moderate (11-20). 3 points lower than the week ending 2026-11-15 (20, moderate): better. 13 points lower than the first rating, the week ending 2026-11-08 (30, severe). 3 weekly ratings so far; a change of 3 points or more counts as better or worse."
        );
        // Under the trend step: about the same; one point: singular.
        let a = a_week();
        let b = ev_of("2026-11-22", [2, 2, 2, 2, 2, 2, 2, 2, 2, 3], 8);
        let t = trend(&weekly_ratings(&[a.clone(), b.clone()])).unwrap();
        assert_eq!(t.direction, super::super::insights::Direction::Steady);
        assert!(trend_line(&weekly_ratings(&[a, b])).unwrap().contains(
            "1 point higher than the week ending 2026-11-15 (20, moderate): about the same."
        ));
        // A rise of exactly the step is worse; one point under it is steady.
        let worse = ev_of("2026-11-22", [2, 2, 2, 2, 2, 2, 2, 3, 3, 3], 8); // 23
        let t = trend(&weekly_ratings(&[a_week(), worse.clone()])).unwrap();
        assert_eq!(t.direction, super::super::insights::Direction::Worse);
        assert!(trend_line(&weekly_ratings(&[a_week(), worse.clone()]))
            .unwrap()
            .contains("3 points higher than the week ending 2026-11-15 (20, moderate): worse."));
        let same = ev_of("2026-11-22", [2; 10], 8);
        assert!(trend_line(&weekly_ratings(&[a_week(), same]))
            .unwrap()
            .contains("The same as the week ending 2026-11-15 (20, moderate): about the same."));
        let under = ev_of("2026-11-22", [2, 2, 2, 2, 2, 2, 2, 2, 3, 3], 8); // 22
        let t = trend(&weekly_ratings(&[a_week(), under])).unwrap();
        assert_eq!(t.direction, super::super::insights::Direction::Steady);
        assert_eq!(band_words(0), "none (0)");
        assert_eq!(band_words(10), "mild (1-10)");
        assert_eq!(band_words(21), "severe (21-30)");
        assert_eq!(band_words(31), "very severe (31-40)");
    }

    #[test]
    fn only_ratings_under_seven_days_apart_make_a_run_that_can_clash() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let weeks = [
            d("2026-10-04"), // alone: 7 days to the next
            d("2026-10-11"),
            d("2026-10-17"), // 6 days: a run
            d("2026-10-20"),
            d("2026-10-27"), // 7 days after the run's last
            d("2026-11-20"),
            d("2026-11-20"), // the same week twice: a run
        ];
        assert_eq!(
            clash_runs(&weeks),
            [
                (d("2026-10-11"), d("2026-10-20")),
                (d("2026-11-20"), d("2026-11-20"))
            ]
        );
        assert!(clash_runs(&weeks[..1]).is_empty());
        assert!(clash_runs(&[]).is_empty());
    }

    #[test]
    fn bad_items_in_a_file_are_not_a_rating() {
        assert!(weekly_ratings(&[ev_of("2026-11-22", [5; 10], 8)]).is_empty());
    }

    /// The window is `days` long ending today: a rating exactly `days` old is out, one a day
    /// newer is in, and a week ending after today (a clock or typo ahead) is never "latest".
    #[test]
    fn latest_within_reads_only_weeks_ended_inside_the_window() {
        let today: NaiveDate = "2026-11-29".parse().unwrap();
        let ratings = weekly_ratings(&[
            ev_of("2026-11-01", [1; 10], 8),
            ev_of("2026-12-06", [2; 10], 8),
        ]);
        let ended = |r: Option<&WeeklyIrls>| r.map(|r| r.week_ending.to_string());
        assert_eq!(ended(latest_within(&ratings, today, 28)), None);
        assert_eq!(
            ended(latest_within(&ratings, today, 29)).as_deref(),
            Some("2026-11-01")
        );
        assert_eq!(ended(latest_within(&ratings[1..], today, 400)), None);
    }
}
