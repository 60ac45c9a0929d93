//! What a local day is, in instants.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::model::time::resolve_local;

/// The UTC instants `[start, end)` of a local calendar day. Days are 23, 24 or 25 hours long
/// around DST changes; midnight itself can fall in a gap (resolved forward).
pub fn utc_bounds(tz: Tz, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = day.succ_opt().unwrap_or(day);
    let start = resolve_local(tz, day, NaiveTime::MIN);
    let end = if next == day {
        start + Duration::days(1)
    } else {
        resolve_local(tz, next, NaiveTime::MIN)
    };
    (start, end)
}
