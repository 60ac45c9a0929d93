//! What the diary shows: weekly averages and trend (quick ratings and IRLS totals kept apart),
//! trigger comparisons, and adherence to each regimen item.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::day::WakingDay;
use super::iron::scheduled_times;
use super::regimen::dose_day;
use super::stats::mean;
use super::Diary;
use crate::evidence as ev;
use crate::model::night::IRLS_TOPICS;
use crate::model::{EventKind, Night, Trigger};

/// Which severity scale a value is on (never converted into the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SeverityScale {
    /// The everyday 0-10 rating.
    Quick,
    /// IRLS total, 0-40.
    Irls,
}

impl SeverityScale {
    /// The highest value on this scale.
    pub fn max(self) -> f64 {
        match self {
            SeverityScale::Quick => ev::QUICK_SEVERITY_MAX.value,
            // One topic per item: ten items of 0-4.
            SeverityScale::Irls => ev::IRLS_ITEM_MAX.value * IRLS_TOPICS.len() as f64,
        }
    }
}

/// The nights' values on one scale, in the nights' order; nights without that scale are left
/// out (never converted from the other scale).
pub fn severity_series(nights: &[Night], scale: SeverityScale) -> Vec<(NaiveDate, f64)> {
    nights
        .iter()
        .filter_map(|n| {
            let v = match scale {
                SeverityScale::Quick => n.quick_severity.map(f64::from),
                SeverityScale::Irls => n.irls.map(|i| f64::from(i.total())),
            };
            v.map(|v| (n.night_date, v))
        })
        .collect()
}

/// How this week compares with last week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// This week's mean is lower (better) than last week's.
    Better,
    /// This week's mean is higher (worse).
    Worse,
    /// About the same.
    Steady,
    /// Not enough nights in one of the two weeks.
    Unknown,
}

/// This week against last week, on one scale.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct WeeklyTrend {
    /// The scale both means are on.
    pub scale: SeverityScale,
    /// The mean over the last 7 nights on that scale, if any.
    pub this_week_mean: Option<f64>,
    /// How many nights it is the mean of.
    pub this_week_nights: u32,
    /// The mean over the 7 nights before, if any.
    pub last_week_mean: Option<f64>,
    /// How many nights it is the mean of.
    pub last_week_nights: u32,
    /// The comparison of the two.
    pub direction: Direction,
}

/// Nights with a suspected trigger against nights without it (an observation, not proof).
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct TriggerComparison {
    /// The suspected trigger.
    pub trigger: Trigger,
    /// The scale both means are on.
    pub scale: SeverityScale,
    /// The mean severity of nights with the trigger.
    pub with_mean: f64,
    /// How many such nights.
    pub with_nights: u32,
    /// The mean severity of nights without it.
    pub without_mean: f64,
    /// How many such nights.
    pub without_nights: u32,
}

/// How many planned doses of a regimen item were logged.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct Adherence {
    /// The regimen item's id.
    pub regimen_id: String,
    /// Its name as entered.
    pub name: String,
    /// Doses logged in the last 7 days.
    pub taken_7: u32,
    /// Doses planned in the last 7 days (dose days only).
    pub expected_7: u32,
    /// Doses logged in the last 30 days.
    pub taken_30: u32,
    /// Doses planned in the last 30 days.
    pub expected_30: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub trends: Vec<WeeklyTrend>,
    /// Only triggers with at least 5 nights on each side.
    pub triggers: Vec<TriggerComparison>,
    pub adherence: Vec<Adherence>,
}

fn value(n: &Night, s: SeverityScale) -> Option<f64> {
    match s {
        SeverityScale::Quick => n.quick_severity.map(f64::from),
        SeverityScale::Irls => n.irls.map(|i| f64::from(i.total())),
    }
}

/// Nights whose date is in `(today - to_days_ago - 7, today - to_days_ago]`.
fn week(nights: &[Night], today: NaiveDate, ago: i64) -> impl Iterator<Item = &Night> {
    nights.iter().filter(move |n| {
        let d = (today - n.night_date).num_days();
        d >= ago && d < ago + 7
    })
}

pub fn weekly_trends(nights: &[Night], today: NaiveDate) -> Vec<WeeklyTrend> {
    [SeverityScale::Quick, SeverityScale::Irls]
        .into_iter()
        .filter_map(|scale| {
            let this: Vec<f64> = week(nights, today, 0)
                .filter_map(|n| value(n, scale))
                .collect();
            let last: Vec<f64> = week(nights, today, 7)
                .filter_map(|n| value(n, scale))
                .collect();
            if this.is_empty() && last.is_empty() {
                return None;
            }
            let step = match scale {
                SeverityScale::Quick => ev::TREND_QUICK_CHANGE.value,
                SeverityScale::Irls => ev::TREND_IRLS_CHANGE.value,
            };
            // Three nights a week is the least a mean is worth comparing.
            let direction = match (mean(&this), mean(&last)) {
                (Some(a), Some(b)) if this.len() >= 3 && last.len() >= 3 => {
                    if a <= b - step {
                        Direction::Better
                    } else if a >= b + step {
                        Direction::Worse
                    } else {
                        Direction::Steady
                    }
                }
                _ => Direction::Unknown,
            };
            Some(WeeklyTrend {
                scale,
                this_week_mean: mean(&this),
                this_week_nights: this.len() as u32,
                last_week_mean: mean(&last),
                last_week_nights: last.len() as u32,
                direction,
            })
        })
        .collect()
}

/// Mean severity with and without each trigger over the last 90 nights.
pub fn trigger_comparisons(nights: &[Night], today: NaiveDate) -> Vec<TriggerComparison> {
    let min = ev::TRIGGER_MIN_NIGHTS.value as usize;
    let window = ev::TRIGGER_WINDOW_DAYS.value as i64;
    let nights: Vec<Night> = nights
        .iter()
        .filter(|n| n.night_date <= today && (today - n.night_date).num_days() < window)
        .cloned()
        .collect();
    let mut out = Vec::new();
    for scale in [SeverityScale::Quick, SeverityScale::Irls] {
        for t in Trigger::ALL {
            let (with, without): (Vec<&Night>, Vec<&Night>) = nights
                .iter()
                .filter(|n| value(n, scale).is_some())
                .partition(|n| n.triggers.contains(&t));
            if with.len() < min || without.len() < min {
                continue;
            }
            let w: Vec<f64> = with.iter().filter_map(|n| value(n, scale)).collect();
            let wo: Vec<f64> = without.iter().filter_map(|n| value(n, scale)).collect();
            if let (Some(with_mean), Some(without_mean)) = (mean(&w), mean(&wo)) {
                out.push(TriggerComparison {
                    trigger: t,
                    scale,
                    with_mean,
                    with_nights: w.len() as u32,
                    without_mean,
                    without_nights: wo.len() as u32,
                });
            }
        }
    }
    out
}

/// Doses logged against doses expected, per item, over the last 7 and 30 days (today included).
pub fn adherence(diary: &Diary<'_>, today: NaiveDate) -> Vec<Adherence> {
    diary
        .regimen
        .iter()
        .map(|r| {
            let id = r.meta.id.to_string();
            let count = |days: i64| {
                let (mut taken, mut expected) = (0u32, 0u32);
                for back in 0..days {
                    let d = today - Duration::days(back);
                    if !dose_day(r, d) {
                        continue;
                    }
                    let day = WakingDay::of(diary.profile, d);
                    let per_day = scheduled_times(r, &day).len().max(1) as u32;
                    let logged = diary
                        .events
                        .iter()
                        .filter(|e| day.contains(e.at) && matches!(&e.kind, EventKind::Dose { regimen_id } if *regimen_id == id))
                        .count() as u32;
                    expected += per_day;
                    taken += logged.min(per_day);
                }
                (taken, expected)
            };
            let (taken_7, expected_7) = count(7);
            let (taken_30, expected_30) = count(30);
            Adherence { regimen_id: id.clone(), name: r.name.clone(), taken_7, expected_7, taken_30, expected_30 }
        })
        .collect()
}

pub fn insights(diary: &Diary<'_>, nights: &[Night], today: NaiveDate) -> Insights {
    Insights {
        trends: weekly_trends(nights, today),
        triggers: trigger_comparisons(nights, today),
        adherence: adherence(diary, today),
    }
}
