//! Which regimen items are active on a date, and which dates are dose days: the calendar the
//! iron window, the plan, the flags and the iron status all read.

use chrono::NaiveDate;

use super::Diary;
use crate::model::{RegimenItem, RegimenKind};

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
