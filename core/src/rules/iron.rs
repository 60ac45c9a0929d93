//! When iron may be taken on a day (SPEC §2.2): the earliest window clear of food, coffee, tea,
//! dairy, calcium and interacting medicines, with the constraint that set it, in words.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::day::{span, WakingDay};
use super::interactions::{no_timing_fix, planned_around};
pub use super::regimen::{active_on, dose_day, iron_item};
use super::substance::Substance;
use super::Diary;
use crate::evidence::{minutes, IRON_WINDOW_MIN_MINUTES, MAGNESIUM_BEFORE_BED_MIN};
use crate::model::{EventKind, RegimenItem, RegimenKind};

/// Where an exposure comes from, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "name")]
pub enum Origin {
    Meal(String),
    Habit,
    Logged,
    Medicine(String),
}

/// A substance at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    pub substance: Substance,
    pub at: DateTime<Utc>,
    pub origin: Origin,
}

impl Exposure {
    /// Iron may not be taken inside this open interval. A first-thing medicine (a
    /// bisphosphonate) taken during `day` blocks from before waking: iron is never planned
    /// between waking and the end of its wait, whatever time it is taken.
    pub(crate) fn blocks(&self, day: &WakingDay) -> (DateTime<Utc>, DateTime<Utc>) {
        let g = self.substance.gap();
        let lo = if g.first_thing && day.wake <= self.at && self.at < day.bed {
            (day.wake - Duration::seconds(1)).min(self.at - g.substance_after())
        } else {
            self.at - g.substance_after()
        };
        (lo, self.at + g.iron_after())
    }

    pub(crate) fn describe(&self, day: &WakingDay) -> String {
        let what = match &self.origin {
            Origin::Meal(m) => m.clone(),
            Origin::Medicine(name) => name.clone(),
            _ => self.substance.noun().to_owned(),
        };
        format!("your {} {what}", day.hhmm(self.at))
    }
}

/// A time range in which iron may be taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IronWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// "11:10 — 2 h after your 09:10 coffee".
    pub reason: String,
    /// Why it ends when it does.
    pub end_reason: String,
    /// The source of the rule that sets the start: the binding substance's evidence row (a
    /// label, or a convention), or the empty-stomach convention on waking.
    pub source: crate::evidence::Source,
}

/// The iron answer for a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum IronDay {
    /// No active iron item in the regimen.
    NoIron,
    /// Alternate-day schedule: no dose today.
    RestDay {
        next: NaiveDate,
    },
    /// A dose is logged for this waking day (of any iron item, whatever its dates: a logged
    /// dose is a fact): `at` the first, `doses` how many (more than one is noted, never
    /// advised on).
    AlreadyTaken {
        at: DateTime<Utc>,
        doses: u32,
    },
    Window(IronWindow),
    /// Iron status is a hold (a safety ceiling) or a group the app gives no iron advice to: no
    /// dose is scheduled and no reminder made until the person has spoken to their doctor. The
    /// app never tells anyone to stop a medicine; `why` gives the reason and its source.
    Held {
        why: String,
    },
    /// No valid window today, and why. Never a silent bad pick.
    NoWindow {
        why: String,
    },
}

/// The iron plan for one day: the answer, the item, whether vitamin C goes with it, and flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IronPlan {
    pub date: NaiveDate,
    pub day: IronDay,
    pub item_id: Option<String>,
    pub with_vitamin_c: bool,
    /// Things to discuss that no timing can fix (proton-pump inhibitors, H2 blockers,
    /// mycophenolate, phosphate binders).
    pub flags: Vec<String>,
}

/// When a scheduled item is taken on `day`: its times, or for magnesium without times the
/// bedtime default.
pub fn scheduled_times(item: &RegimenItem, day: &WakingDay) -> Vec<DateTime<Utc>> {
    if item.times.is_empty() && item.kind == RegimenKind::Magnesium {
        return vec![day.before_bed(minutes(MAGNESIUM_BEFORE_BED_MIN))];
    }
    item.times.iter().map(|t| day.place(*t)).collect()
}

/// When a scheduled item is taken on the waking days around `day` (before, this, after): a dose
/// at a clock time before waking, or just after the previous bedtime, still binds this day's
/// iron. Each occurrence counts only on a dose day of its own waking day.
fn scheduled_around(item: &RegimenItem, day: &WakingDay) -> Vec<DateTime<Utc>> {
    if item.times.is_empty() {
        return if dose_day(item, day.date) {
            scheduled_times(item, day)
        } else {
            Vec::new()
        };
    }
    item.times
        .iter()
        .flat_map(|t| day.around(*t))
        .filter(|(d, _)| dose_day(item, *d))
        .map(|(_, at)| at)
        .collect()
}

/// Everything that constrains iron on `day`: meals, habits, scheduled medicines (on this waking
/// day and its neighbours, whichever side of waking or midnight they fall), logged intakes.
pub fn exposures(diary: &Diary<'_>, day: &WakingDay) -> Vec<Exposure> {
    let p = diary.profile;
    let mut out = Vec::new();
    for (name, t) in [
        ("breakfast", p.breakfast),
        ("lunch", p.lunch),
        ("dinner", p.dinner),
    ] {
        if let Some(t) = t {
            for (_, at) in day.around(t) {
                out.push(Exposure {
                    substance: Substance::Food,
                    at,
                    origin: Origin::Meal(name.into()),
                });
            }
        }
    }
    for h in diary.habits {
        if let Some(s) = Substance::of_intake(h.intake) {
            for (_, at) in day.around(h.at) {
                out.push(Exposure {
                    substance: s,
                    at,
                    origin: Origin::Habit,
                });
            }
        }
    }
    for item in diary.regimen.iter() {
        if let Some(s) = planned_around(item) {
            for at in scheduled_around(item, day) {
                out.push(Exposure {
                    substance: s,
                    at,
                    origin: Origin::Medicine(item.name.clone()),
                });
            }
        }
    }
    // Logged intakes that can touch an instant this waking day owns. It owns half of each
    // night beside it (`WakingDay::owning`: at most 12 h, 13 across a clock change), so iron
    // checked at 01:30 is the evening's, and a dose keeps iron away for at most 8 h
    // (moxifloxacin after iron): a day either side holds both.
    let (lo, hi) = (day.wake - Duration::days(1), day.bed + Duration::days(1));
    for e in diary.events.iter().filter(|e| lo <= e.at && e.at < hi) {
        let s = match &e.kind {
            EventKind::Intake { what } => Substance::of_intake(*what),
            EventKind::Dose { .. } => {
                super::regimen::item_of(diary, &e.kind).and_then(planned_around)
            }
            EventKind::Activity { .. }
            | EventKind::IvIron { .. }
            | EventKind::WeeklyIrls { .. } => None,
        };
        if let Some(s) = s {
            out.push(Exposure {
                substance: s,
                at: e.at,
                origin: Origin::Logged,
            });
        }
    }
    sort_by_time(&mut out);
    out
}

/// Puts exposures in time order, earliest first (stable). One function for both lists, so the
/// sort is compiled once (docs/PERFORMANCE.md, library size).
fn sort_by_time(xs: &mut [Exposure]) {
    xs.sort_by_key(|x| x.at);
}

/// The iron window on `date` if a medicine were also taken at `at` (the person asks "can I
/// take my ciprofloxacin at 06:30?"): the medicine keeps its time and iron moves around it.
pub fn window_with(
    diary: &Diary<'_>,
    date: NaiveDate,
    substance: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> Result<IronWindow, String> {
    let day = WakingDay::of(diary.profile, date);
    let mut xs = exposures(diary, &day);
    xs.push(Exposure {
        substance,
        at,
        origin: Origin::Medicine(name.to_owned()),
    });
    sort_by_time(&mut xs);
    find_window(&day, &xs)
}

/// The earliest window on `day` clear of every exposure, at least the minimum length.
pub fn find_window(day: &WakingDay, exposures: &[Exposure]) -> Result<IronWindow, String> {
    let min_len = minutes(IRON_WINDOW_MIN_MINUTES);
    let blocks: Vec<(DateTime<Utc>, DateTime<Utc>, &Exposure)> = exposures
        .iter()
        .map(|x| {
            let (a, b) = x.blocks(day);
            (a, b, x)
        })
        .collect();
    let mut t = day.wake;
    let mut binding: Option<&Exposure> = None;
    // Each pass moves `t` past at least one block, so this ends after at most blocks+1 passes.
    for _ in 0..=blocks.len() * 2 + 1 {
        if let Some((_, hi, x)) = blocks
            .iter()
            .filter(|(lo, hi, _)| *lo < t && t < *hi)
            .max_by_key(|(_, hi, _)| *hi)
        {
            t = *hi;
            binding = Some(x);
            continue;
        }
        if t >= day.bed {
            break;
        }
        let next = blocks
            .iter()
            .filter(|(lo, _, _)| *lo >= t)
            .min_by_key(|(lo, _, _)| *lo);
        let (end, end_reason) = match next {
            Some((lo, _, x)) if *lo < day.bed => {
                let g = x.substance.gap();
                let reason = format!(
                    "until {} — {} before {}",
                    day.hhmm(*lo),
                    span(g.substance_after()),
                    x.describe(day)
                );
                (*lo, reason)
            }
            _ => (day.bed, format!("until bedtime ({})", day.hhmm(day.bed))),
        };
        if end - t >= min_len {
            let reason = match binding {
                Some(x) => format!(
                    "{} — {} after {}",
                    day.hhmm(t),
                    span(x.substance.gap().iron_after()),
                    x.describe(day)
                ),
                None => format!("{} — on waking, on an empty stomach", day.hhmm(t)),
            };
            let source = binding.map_or(crate::evidence::IRON_AFTER_FOOD_MIN.source, |x| {
                x.substance.gap().iron_after.source
            });
            return Ok(IronWindow {
                start: t,
                end,
                reason,
                end_reason,
                source,
            });
        }
        // Too short: step into the block that cut it and go on.
        match next {
            Some((lo, _, _)) => t = *lo + Duration::seconds(1),
            None => break,
        }
    }
    let listed: Vec<String> = exposures
        .iter()
        .filter(|x| {
            let (lo, hi) = x.blocks(day);
            lo < day.bed && hi > day.wake
        })
        .map(|x| x.describe(day))
        .collect();
    Err(format!(
        "no {}-minute gap between waking ({}) and bed ({}) is clear of {}; discuss the timing of your medicines with your doctor or pharmacist",
        min_len.num_minutes(),
        day.hhmm(day.wake),
        day.hhmm(day.bed),
        if listed.is_empty() { "everything".to_owned() } else { listed.join(", ") }
    ))
}

/// Whether a regimen item changes when iron can be taken but has no time to plan around
/// (magnesium without a time has its bedtime default and is planned).
pub fn needs_time(item: &RegimenItem) -> bool {
    item.times.is_empty() && item.kind != RegimenKind::Magnesium && planned_around(item).is_some()
}

/// What to say when a medicine that moves iron has no time: no iron window is planned until it
/// has one.
pub fn ask_time(name: &str) -> String {
    format!("add the time you take {name} so QuietLegs can plan iron around it")
}

/// The iron plan for a date.
pub fn iron_plan(diary: &Diary<'_>, date: NaiveDate) -> IronPlan {
    let day = WakingDay::of(diary.profile, date);
    let flags: Vec<String> = diary
        .regimen
        .iter()
        .filter(|r| active_on(r, date))
        .filter_map(|r| no_timing_fix(r).map(|m| (r, m)))
        .map(|(r, m)| format!("{}: {}", m.described(&r.name), m.note()))
        .collect();
    // The doses logged for this waking day: 05:30 before a 06:30 wake is this morning's, and a
    // dose before the item's start date or on a rest day is still taken (issue #15).
    let logged = super::regimen::iron_doses(diary, date);
    let Some(item) = iron_item(diary, date).or_else(|| logged.first().map(|(_, r)| *r)) else {
        return IronPlan {
            date,
            day: IronDay::NoIron,
            item_id: None,
            with_vitamin_c: false,
            flags,
        };
    };
    let id = item.meta.id.to_string();
    let with_vitamin_c = item.with_vitamin_c
        || diary
            .regimen
            .iter()
            .any(|r| r.kind == RegimenKind::VitaminC && active_on(r, date));
    let plan = |d| IronPlan {
        date,
        day: d,
        item_id: Some(id.clone()),
        with_vitamin_c,
        flags: flags.clone(),
    };
    if let Some(why) = super::iron_status::iron_hold(diary, date) {
        return plan(IronDay::Held { why });
    }
    if let Some(why) = super::iron_status::no_iron_advice(diary, date) {
        return plan(IronDay::NoWindow { why });
    }
    if let Some((at, _)) = logged.first() {
        return plan(IronDay::AlreadyTaken {
            at: *at,
            doses: u32::try_from(logged.len()).unwrap_or(u32::MAX),
        });
    }
    if !dose_day(item, date) {
        let n = i64::from(item.every_n_days.max(1));
        let since = (date - item.start_date).num_days();
        let ahead = if since < 0 {
            -since
        } else {
            n - since.rem_euclid(n)
        };
        let next = date + Duration::days(ahead);
        return plan(IronDay::RestDay { next });
    }
    // A medicine that moves iron but has no time cannot be planned around: never pick a window
    // that might collide with it (SPEC §2.2), ask for its time instead.
    if let Some(r) = diary
        .regimen
        .iter()
        .find(|r| needs_time(r) && dose_day(r, date))
    {
        return plan(IronDay::NoWindow {
            why: ask_time(&r.name),
        });
    }
    let xs = exposures(diary, &day);
    // A time the person gave (a prescriber may fix it) is kept as given (review of #15: it was
    // listed but the planner silently used its own window); what clashes with it is said.
    if let Some(t) = item.times.first() {
        return plan(IronDay::Window(fixed_time(&day, &xs, day.place(*t))));
    }
    match find_window(&day, &xs) {
        Ok(w) => plan(IronDay::Window(w)),
        Err(why) => plan(IronDay::NoWindow { why }),
    }
}

/// Iron at the time the person set, `at`: a "window" that starts and ends at `at` (so every
/// screen and reminder shows that time), its `reason` saying it is their time, its
/// `end_reason` warning of each meal, drink or medicine whose gap it falls inside (SPEC §2.2:
/// a conflict gets a warning with the earliest conflict-free time), cited from the rule it
/// breaks; clear of all of them, from the empty-stomach convention.
pub fn fixed_time(day: &WakingDay, exposures: &[Exposure], at: DateTime<Utc>) -> IronWindow {
    let clashes: Vec<(&Exposure, String)> = exposures
        .iter()
        .filter(|x| {
            let (lo, hi) = x.blocks(day);
            lo < at && at < hi
        })
        .map(|x| {
            let g = x.substance.gap();
            let words = if at >= x.at {
                format!(
                    "less than {} after {}",
                    span(g.iron_after()),
                    x.describe(day)
                )
            } else {
                format!(
                    "less than {} before {}",
                    span(g.substance_after()),
                    x.describe(day)
                )
            };
            (x, words)
        })
        .collect();
    let reason = format!("{} — the time you set for iron", day.hhmm(at));
    let Some((first, _)) = clashes.first() else {
        return IronWindow {
            start: at,
            end: at,
            reason,
            end_reason: "clear of meals, drinks and medicines that lower its absorption".to_owned(),
            source: crate::evidence::IRON_AFTER_FOOD_MIN.source,
        };
    };
    let said: Vec<&str> = clashes.iter().map(|(_, w)| w.as_str()).collect();
    let instead = match find_window(day, exposures) {
        Ok(w) => format!(
            "the earliest time clear of them today is {}",
            day.hhmm(w.start)
        ),
        Err(_) => "no time today is clear of them".to_owned(),
    };
    IronWindow {
        start: at,
        end: at,
        reason,
        end_reason: format!(
            "warning: {} is {}, which lowers how much iron is absorbed; {instead}. If your doctor set this time, ask them or your pharmacist about it",
            day.hhmm(at),
            said.join(", and "),
        ),
        source: first.substance.gap().iron_after.source,
    }
}
