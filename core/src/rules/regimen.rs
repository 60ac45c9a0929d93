//! Which regimen items are active on a date, and which dates are dose days: the calendar the
//! iron window, the plan, the flags and the iron status all read; and the waking day a logged
//! dose counts for, which no start, stop or dose day changes (a logged dose is a fact).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::day::WakingDay;
use super::Diary;
use crate::model::{EventKind, Profile, RegimenItem, RegimenKind};

/// Whether a regimen item is active on `date`.
pub fn active_on(item: &RegimenItem, date: NaiveDate) -> bool {
    item.start_date <= date && item.stop_date.is_none_or(|s| date <= s)
}

/// Whether `date` is a dose day of an every-n-days item.
pub fn dose_day(item: &RegimenItem, date: NaiveDate) -> bool {
    let n = i64::from(item.every_n_days.max(1));
    active_on(item, date) && (date - item.start_date).num_days().rem_euclid(n) == 0
}

/// The active iron item on `date`, if any.
pub fn iron_item<'a>(diary: &Diary<'a>, date: NaiveDate) -> Option<&'a RegimenItem> {
    diary
        .regimen
        .iter()
        .find(|r| r.kind == RegimenKind::Iron && active_on(r, date))
}

/// The waking date a logged instant counts for: the waking day on its side of the night.
pub fn dose_date(profile: &Profile, at: DateTime<Utc>) -> NaiveDate {
    WakingDay::owning(profile, at).date
}

/// The regimen item a dose event is of, if it is a dose of a live item.
pub fn item_of<'a>(diary: &Diary<'a>, kind: &EventKind) -> Option<&'a RegimenItem> {
    match kind {
        EventKind::Dose { regimen_id } => diary
            .regimen
            .iter()
            .find(|r| r.meta.id.to_string() == *regimen_id),
        _ => None,
    }
}

/// The iron doses logged for waking day `date`, earliest first, with the item each is of: every
/// iron item's, whatever its start, stop or dose days (a logged dose is a fact; issue #15: a
/// dose before the start date, or on a rest day, was skipped by every check).
pub fn iron_doses<'a>(diary: &Diary<'a>, date: NaiveDate) -> Vec<(DateTime<Utc>, &'a RegimenItem)> {
    let day = WakingDay::of(diary.profile, date);
    // A day's own instants lie within half a night of its wake and bedtime: a day either side
    // is ample, and spares the owning day's arithmetic for every other event.
    let (lo, hi) = (day.wake - Duration::days(1), day.bed + Duration::days(1));
    diary
        .events
        .iter()
        .filter(|e| lo <= e.at && e.at < hi)
        .filter_map(|e| {
            item_of(diary, &e.kind)
                .filter(|r| r.kind == RegimenKind::Iron)
                .map(|r| (e.at, r))
        })
        .filter(|(at, _)| dose_date(diary.profile, *at) == date)
        .collect()
}
