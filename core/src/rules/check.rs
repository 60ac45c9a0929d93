//! "I am about to have coffee at 10:00": fine, or which iron dose it spoils and the earliest
//! time that does not.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::day::{span, WakingDay};
use super::iron::{iron_plan, IronDay};
use super::substance::Substance;
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

/// Checks a `substance` at `at` against every iron dose (taken, or the planned window start) of
/// the waking days around it: a coffee at 05:30 before a 06:00 wake is checked against that
/// morning's iron as well as the previous evening's, so no answer says "clear" inside a gap.
pub fn check_intake(diary: &Diary<'_>, substance: Substance, at: DateTime<Utc>) -> IntakeCheck {
    let tz = diary.profile.time_zone;
    let local_date = at.with_timezone(&tz).date_naive();
    let days: Vec<WakingDay> = [
        local_date.pred_opt(),
        Some(local_date),
        local_date.succ_opt(),
    ]
    .into_iter()
    .flatten()
    .map(|d| WakingDay::of(diary.profile, d))
    .collect();
    let hhmm = |t: DateTime<Utc>| t.with_timezone(&tz).format("%H:%M").to_string();
    let g = substance.gap();
    let mut nearest: Option<DateTime<Utc>> = None;
    for day in &days {
        let plan = iron_plan(diary, day.date);
        let (iron_at, taken) = match plan.day {
            IronDay::AlreadyTaken { at } => (at, true),
            IronDay::Window(w) => (w.start, false),
            _ => continue,
        };
        if nearest.is_none_or(|n| (iron_at - at).abs() < (n - at).abs()) {
            nearest = Some(iron_at);
        }
        // The substance may not fall in (iron - iron_after, iron + substance_after). A
        // first-thing medicine (a bisphosphonate) may not follow iron on the same waking day.
        let hi = if g.first_thing {
            WakingDay::of(diary.profile, day.date + chrono::Duration::days(1)).wake
        } else {
            iron_at + g.substance_after()
        };
        let lo = iron_at - g.iron_after();
        if lo < at && at < hi {
            let verb = if taken { "taken" } else { "planned" };
            return IntakeCheck::Conflict {
                iron_at,
                iron_taken: taken,
                earliest_ok: hi,
                message: format!(
                    "{} at {} is too close to your iron dose {verb} at {} ({}); the earliest time that does not conflict is {}",
                    substance.noun(),
                    hhmm(at),
                    hhmm(iron_at),
                    if at < iron_at || !g.first_thing {
                        format!(
                            "keep {} apart",
                            span(if at < iron_at { g.iron_after() } else { g.substance_after() })
                        )
                    } else {
                        "it is taken first thing, before iron".to_owned()
                    },
                    hhmm(hi)
                ),
            };
        }
    }
    match nearest {
        Some(iron_at) => IntakeCheck::Fine {
            message: format!(
                "{} at {} is clear of your iron dose at {}",
                substance.noun(),
                hhmm(at),
                hhmm(iron_at)
            ),
        },
        None => IntakeCheck::Fine {
            message: format!(
                "{} at {}: no iron dose that day to protect",
                substance.noun(),
                hhmm(at)
            ),
        },
    }
}
