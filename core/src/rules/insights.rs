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
/// An item the plan leaves out ([`super::groups::Kidney::drops`]) is not listed.
///
/// A dose counts for the waking day on its side of the night (issue #15: 05:30 before a 06:30
/// wake counted for neither day).
pub fn adherence(diary: &Diary<'_>, today: NaiveDate) -> Vec<Adherence> {
    // Each dose's waking date, worked out once for every item.
    let first = today - Duration::days(31);
    // Only the doses near these days need the arithmetic (the status reads months of iron
    // doses for the oral-iron verdict).
    let lo = WakingDay::of(diary.profile, first).wake - Duration::days(1);
    let hi = WakingDay::of(diary.profile, today).bed + Duration::days(1);
    let doses: Vec<(&str, NaiveDate)> = diary
        .events
        .iter()
        .filter(|e| lo <= e.at && e.at < hi)
        .filter_map(|e| match &e.kind {
            EventKind::Dose { regimen_id } => Some((regimen_id.as_str(), e.at)),
            _ => None,
        })
        .map(|(id, at)| (id, super::regimen::dose_date(diary.profile, at)))
        .filter(|(_, d)| first <= *d && *d <= today)
        .collect();
    // The doses the plan leaves out (magnesium with eGFR < 30 or dialysis) are not expected,
    // so they are never counted as missed (SPEC §2.3).
    let kidney = super::groups::kidney(diary.profile, diary.labs);
    diary
        .regimen
        .iter()
        .filter(|r| !kidney.drops(r))
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
                    let logged = doses
                        .iter()
                        .filter(|(of, on)| *on == d && *of == id)
                        .count() as u32;
                    expected += per_day;
                    taken += logged.min(per_day);
                }
                (taken, expected)
            };
            let (taken_7, expected_7) = count(7);
            let (taken_30, expected_30) = count(30);
            Adherence {
                regimen_id: id.clone(),
                name: r.name.clone(),
                taken_7,
                expected_7,
                taken_30,
                expected_30,
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IrlsScores, RecordMeta};
    use chrono::{TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn night(days_ago: i64, quick: Option<u8>, irls: Option<u8>) -> Night {
        Night {
            meta: RecordMeta::new(Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap(), "t"),
            night_date: today() - Duration::days(days_ago),
            quick_severity: quick,
            // IRLS total = 10 x the item score.
            irls: irls.map(|i| IrlsScores::new(&[i; 10]).unwrap()),
            onset: None,
            body_areas: vec![],
            sleep_hours: None,
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: None,
            changed: None,
        }
    }

    fn quick_trend(nights: &[Night]) -> WeeklyTrend {
        weekly_trends(nights, today())
            .into_iter()
            .find(|t| t.scale == SeverityScale::Quick)
            .unwrap()
    }

    #[test]
    fn this_week_is_the_last_seven_nights_and_last_week_the_seven_before() {
        let mut nights: Vec<Night> = [0, 3, 6]
            .iter()
            .map(|&a| night(a, Some(2), None))
            .chain([7, 10, 13].iter().map(|&a| night(a, Some(5), None)))
            .collect();
        // Older than two weeks, and a night dated tomorrow: in neither week.
        nights.extend([14, 30, -1].iter().map(|&a| night(a, Some(9), None)));
        let t = quick_trend(&nights);
        assert_eq!((t.this_week_mean, t.this_week_nights), (Some(2.0), 3));
        assert_eq!((t.last_week_mean, t.last_week_nights), (Some(5.0), 3));
        assert_eq!(t.direction, Direction::Better);
    }

    #[test]
    fn the_trend_direction_turns_at_one_point_and_needs_three_nights_a_week() {
        let weeks = |this: &[u8], last: &[u8]| -> Vec<Night> {
            let this = this
                .iter()
                .enumerate()
                .map(|(i, &v)| night(i as i64, Some(v), None));
            let last = last
                .iter()
                .enumerate()
                .map(|(i, &v)| night(7 + i as i64, Some(v), None));
            this.chain(last).collect()
        };
        let dir = |this: &[u8], last: &[u8]| quick_trend(&weeks(this, last)).direction;
        assert_eq!(dir(&[4, 4, 4], &[5, 5, 5]), Direction::Better); // exactly 1 point lower
        assert_eq!(dir(&[6, 6, 6], &[5, 5, 5]), Direction::Worse); // exactly 1 point higher
        assert_eq!(dir(&[4, 5, 5], &[5, 5, 5]), Direction::Steady); // 0.67 lower
        assert_eq!(dir(&[6, 5, 5], &[5, 5, 5]), Direction::Steady); // 0.67 higher
        assert_eq!(dir(&[1, 1], &[5, 5, 5]), Direction::Unknown); // 2 nights this week
        assert_eq!(dir(&[1, 1, 1], &[5, 5]), Direction::Unknown); // 2 nights last week
                                                                  // No night on a scale in either week: no trend for it at all.
        assert!(weekly_trends(&weeks(&[4, 4, 4], &[5, 5, 5]), today())
            .iter()
            .all(|t| t.scale == SeverityScale::Quick));
    }

    #[test]
    fn an_irls_trend_needs_three_points() {
        let nights: Vec<Night> = (0..3)
            .map(|a| night(a, None, Some(2))) // total 20
            .chain((7..10).map(|a| night(a, None, Some(1)))) // total 10
            .collect();
        let t = weekly_trends(&nights, today());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].scale, SeverityScale::Irls);
        assert_eq!(
            (t[0].this_week_mean, t[0].last_week_mean),
            (Some(20.0), Some(10.0))
        );
        assert_eq!(t[0].direction, Direction::Worse);
        assert_eq!(SeverityScale::Irls.max(), 40.0);
        assert_eq!(SeverityScale::Quick.max(), 10.0);
    }

    #[test]
    fn triggers_are_compared_over_the_last_ninety_nights_only() {
        let with = |a: i64| Night {
            triggers: vec![Trigger::Alcohol],
            ..night(a, Some(8), None)
        };
        let mut nights: Vec<Night> = (0..5)
            .map(with)
            .chain((5..10).map(|a| night(a, Some(2), None)))
            .collect();
        // Day 89 is inside the window; day 90 and a night dated tomorrow are not.
        nights.extend([with(89), with(90), with(-1)]);
        let c = trigger_comparisons(&nights, today());
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].trigger, c[0].scale),
            (Trigger::Alcohol, SeverityScale::Quick)
        );
        assert_eq!((c[0].with_mean, c[0].with_nights), (8.0, 6));
        assert_eq!((c[0].without_mean, c[0].without_nights), (2.0, 5));
    }

    #[test]
    fn a_trigger_is_compared_only_with_five_nights_without_it_too() {
        let with = |a: i64| Night {
            triggers: vec![Trigger::Caffeine],
            ..night(a, Some(7), None)
        };
        let nights = |without: i64| -> Vec<Night> {
            (0..6)
                .map(with)
                .chain((6..6 + without).map(|a| night(a, Some(3), None)))
                .collect()
        };
        // Four nights without the trigger are too few to compare against; six are plenty.
        assert!(trigger_comparisons(&nights(4), today()).is_empty());
        let c = trigger_comparisons(&nights(6), today());
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].with_nights, c[0].without_nights), (6, 6));
    }
}
