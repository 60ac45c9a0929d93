//! The weekly IRLS (SPEC §2.7): asked once a week about the past 7 days, stored as one rating
//! per ISO week, with its own trend. The nightly quick 0-10 rating stays the everyday measure;
//! the two are never mixed. Old nights that carry IRLS item scores stay readable and exportable
//! as they are; they are not counted as weekly ratings.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
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
    /// When it was answered.
    pub at: DateTime<Utc>,
}

/// The ISO week a rating belongs to, as `YYYY-Www`: the natural key (one rating per week).
pub fn week_key(week_ending: NaiveDate) -> String {
    let w = week_ending.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The record id of the week's rating: derived from the week, so that the same week rated on
/// two devices is one record after a merge (the newer edit wins, as for any record).
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

/// The weekly ratings among `events`, oldest week first; one per ISO week (the latest answer,
/// should an old file hold two).
pub fn weekly_ratings(events: &[Event]) -> Vec<WeeklyIrls> {
    let mut by_week: std::collections::BTreeMap<String, WeeklyIrls> = Default::default();
    for e in events {
        let EventKind::WeeklyIrls { week_ending, items } = &e.kind else {
            continue;
        };
        let (Ok(week_ending), Ok(scores)) =
            (week_ending.parse::<NaiveDate>(), IrlsScores::new(items))
        else {
            continue;
        };
        let w = WeeklyIrls {
            week_ending,
            scores,
            at: e.at,
        };
        let key = week_key(week_ending);
        if by_week.get(&key).is_none_or(|old| old.at <= w.at) {
            by_week.insert(key, w);
        }
    }
    by_week.into_values().collect()
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
        let c = ev_of("2026-11-22", [3; 10], 7); // the week before
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
    fn due_once_seven_days_have_passed() {
        let r = weekly_ratings(&[ev_of("2026-11-22", [1; 10], 8)]);
        assert!(!due(&r, "2026-11-28".parse().unwrap()));
        assert!(due(&r, "2026-11-29".parse().unwrap()));
        assert!(due(&[], "2026-11-29".parse().unwrap()));
    }

    #[test]
    fn bad_items_in_a_file_are_not_a_rating() {
        assert!(weekly_ratings(&[ev_of("2026-11-22", [5; 10], 8)]).is_empty());
    }
}
