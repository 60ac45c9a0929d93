//! "I am about to have coffee at 10:00": fine, or which iron dose it spoils and the earliest
//! time that does not.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::day::{span, WakingDay};
use super::interactions::Substance;
use super::iron::{iron_plan, IronDay};
use super::Diary;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum IntakeCheck {
    Fine {
        message: String,
    },
    Conflict {
        /// The iron dose it conflicts with, taken or planned.
        iron_at: DateTime<Utc>,
        iron_taken: bool,
        earliest_ok: DateTime<Utc>,
        message: String,
    },
}

/// Checks a `substance` at `at` against the day's iron dose (taken, or the planned window start).
pub fn check_intake(diary: &Diary<'_>, substance: Substance, at: DateTime<Utc>) -> IntakeCheck {
    let tz = diary.profile.time_zone;
    let local_date = at.with_timezone(&tz).date_naive();
    // The waking day that holds `at`: today's, or yesterday's when `at` is after midnight.
    let candidates = [local_date.pred_opt(), Some(local_date)];
    let day_of = candidates
        .iter()
        .flatten()
        .map(|d| WakingDay::of(diary.profile, *d))
        .rfind(|d| d.wake <= at)
        .unwrap_or_else(|| WakingDay::of(diary.profile, local_date));
    let plan = iron_plan(diary, day_of.date);
    let (iron_at, taken) = match plan.day {
        IronDay::AlreadyTaken { at } => (at, true),
        IronDay::Window(w) => (w.start, false),
        _ => {
            return IntakeCheck::Fine {
                message: format!(
                    "{} at {}: no iron dose that day to protect",
                    substance.noun(),
                    day_of.hhmm(at)
                ),
            }
        }
    };
    let g = substance.gap();
    // The substance may not fall in (iron - iron_after, iron + substance_after). A first-thing
    // medicine (a bisphosphonate) may not follow iron on the same waking day at all.
    let hi = if g.first_thing {
        WakingDay::of(diary.profile, day_of.date + chrono::Duration::days(1)).wake
    } else {
        iron_at + g.substance_after()
    };
    let lo = iron_at - g.iron_after();
    if lo < at && at < hi {
        let verb = if taken { "taken" } else { "planned" };
        IntakeCheck::Conflict {
            iron_at,
            iron_taken: taken,
            earliest_ok: hi,
            message: format!(
                "{} at {} is too close to your iron dose {verb} at {} ({}); the earliest time that does not conflict is {}",
                substance.noun(),
                day_of.hhmm(at),
                day_of.hhmm(iron_at),
                if at < iron_at || !g.first_thing {
                    format!(
                        "keep {} apart",
                        span(if at < iron_at { g.iron_after() } else { g.substance_after() })
                    )
                } else {
                    "it is taken first thing, before iron".to_owned()
                },
                day_of.hhmm(hi)
            ),
        }
    } else {
        IntakeCheck::Fine {
            message: format!(
                "{} at {} is clear of your iron dose at {}",
                substance.noun(),
                day_of.hhmm(at),
                day_of.hhmm(iron_at)
            ),
        }
    }
}
