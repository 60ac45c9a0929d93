//! Reminder occurrences for a horizon, with stable ids, and the reconciliation that tells a
//! shell exactly which OS notifications to add and cancel (SPEC §3).

use std::collections::{BTreeSet, HashMap};

use crate::model::zone::Tz;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::day::{utc_bounds, WakingDay};
use super::iron_status::{draw_preparation, recheck_due};
use super::plan::{day_plan, PlanItem, ReminderKind};
use super::Diary;
use crate::evidence::{
    minutes, FERRITIN_RECHECK_DAYS, LAB_RECHECK_AFTER_WAKE_MIN, LAB_RECHECK_NOTICE_DAYS,
    SNOOZE_DEFAULT_MIN,
};

/// What a notification offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ReminderAction {
    /// Taken or done (at the given time, or now).
    Done,
    /// Remind again later.
    Snooze {
        /// How long until the reminder fires again, in minutes.
        minutes: u32,
    },
    /// Not taken this time.
    Skip,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    /// Same inputs, same id: a shell can re-register without duplicates.
    pub id: String,
    pub kind: ReminderKind,
    /// The plan date it belongs to (the evening of a bedtime after midnight).
    pub date: NaiveDate,
    pub fire_at: DateTime<Utc>,
    pub tz: Tz,
    pub title: String,
    pub body: String,
    pub actions: Vec<ReminderAction>,
    pub regimen_id: Option<String>,
}

/// FNV-1a, 64 bit: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The id of an occurrence: kind, plan date, item and fire time.
pub fn occurrence_id(
    kind: ReminderKind,
    date: NaiveDate,
    regimen_id: Option<&str>,
    fire_at: DateTime<Utc>,
) -> String {
    nth_occurrence_id(kind, date, regimen_id, fire_at, 0)
}

/// [`occurrence_id`] of the `nth` (from 0) of the day's items of one kind and regimen item that
/// fire at the same instant: two doses whose clock times the clocks skip (02:15 and 02:45 on a
/// spring-forward night) both move to the first minute after the gap, and each keeps its own
/// reminder. The first keeps the id it always had (the OS and the stored actions hold it).
fn nth_occurrence_id(
    kind: ReminderKind,
    date: NaiveDate,
    regimen_id: Option<&str>,
    fire_at: DateTime<Utc>,
    nth: u32,
) -> String {
    let mut key = format!(
        "{}|{date}|{}|{}",
        kind.slug(),
        regimen_id.unwrap_or("-"),
        fire_at.timestamp()
    );
    if nth > 0 {
        key = format!("{key}|{nth}");
    }
    format!("{}-{date}-{:016x}", kind.slug(), fnv1a(&key))
}

fn actions_for(kind: ReminderKind) -> Vec<ReminderAction> {
    let snooze = ReminderAction::Snooze {
        minutes: SNOOZE_DEFAULT_MIN.value as u32,
    };
    match kind {
        ReminderKind::ExerciseCutoff => vec![ReminderAction::Done],
        ReminderKind::LabRecheck => vec![ReminderAction::Done, ReminderAction::Skip],
        _ => vec![ReminderAction::Done, snooze, ReminderAction::Skip],
    }
}

/// The occurrence of plan item `p` of plan date `date`, the `nth` of the day's items of its kind
/// and regimen item firing at its instant.
fn occurrence(p: &PlanItem, date: NaiveDate, tz: Tz, nth: u32) -> Occurrence {
    Occurrence {
        id: nth_occurrence_id(p.kind, date, p.regimen_id.as_deref(), p.start, nth),
        kind: p.kind,
        date,
        fire_at: p.start,
        tz,
        title: p.title.clone(),
        body: p.why.clone(),
        actions: actions_for(p.kind),
        regimen_id: p.regimen_id.clone(),
    }
}

/// The ferritin and TSAT recheck due date: 12 weeks after an IV infusion, or while on oral
/// iron 3 months after the last ferritin (see [`recheck_due`]).
pub fn ferritin_recheck_due(diary: &Diary<'_>, today: NaiveDate) -> Option<NaiveDate> {
    recheck_due(diary, today)
}

/// Occurrences firing in the local days `[from, from + days)`, sorted by time then id.
pub fn occurrences(diary: &Diary<'_>, from: NaiveDate, days: u32) -> Vec<Occurrence> {
    let tz = diary.profile.time_zone;
    let last = from
        .checked_add_signed(Duration::days(i64::from(days)))
        .unwrap_or(from);
    let (start, _) = utc_bounds(tz, from);
    let (end, _) = utc_bounds(tz, last);
    let mut out: HashMap<String, Occurrence> = HashMap::new();
    // The day before can fire inside the horizon (a bedtime after midnight, the morning prompt).
    let mut d = from.pred_opt().unwrap_or(from);
    while d < last {
        // Each item's place among the day's items of its kind and regimen item firing at the
        // same instant: nothing is merged by its time.
        let mut same: HashMap<(ReminderKind, Option<&str>, DateTime<Utc>), u32> = HashMap::new();
        let plan = day_plan(diary, d);
        for p in &plan.items {
            let nth = same
                .entry((p.kind, p.regimen_id.as_deref(), p.start))
                .or_insert(0);
            if start <= p.start && p.start < end {
                let o = occurrence(p, d, tz, *nth);
                out.insert(o.id.clone(), o);
            }
            *nth += 1;
        }
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    if let Some(due) = ferritin_recheck_due(diary, from) {
        // A coming recheck is reminded on waking the day before, so the draw can be planned
        // at least 24 h after the last iron (a reminder on the draw day itself comes after that
        // morning's iron). Due today or overdue: on the first day of the horizon, as before.
        let notice = Duration::days(LAB_RECHECK_NOTICE_DAYS.value as i64);
        let ahead = due - notice >= from;
        let (day, at, title) = if ahead {
            let day = WakingDay::of(diary.profile, due - notice);
            let at = day.wake;
            (
                day,
                at,
                "Ferritin and TSAT recheck due tomorrow: plan the blood draw",
            )
        } else {
            let day = WakingDay::of(diary.profile, due.max(from));
            let at = day.shift_local(day.wake, minutes(LAB_RECHECK_AFTER_WAKE_MIN));
            (day, at, "Time to recheck ferritin and TSAT")
        };
        if start <= at && at < end {
            let p = PlanItem {
                kind: ReminderKind::LabRecheck,
                start: at,
                end: None,
                title: title.to_owned(),
                why: format!(
                    "Due {due}: ask your doctor for ferritin and transferrin saturation (TSAT). {}",
                    draw_preparation()
                ),
                source: FERRITIN_RECHECK_DAYS.source,
                regimen_id: None,
            };
            let o = occurrence(&p, day.date, tz, 0);
            out.insert(o.id.clone(), o);
        }
    }
    let mut v: Vec<Occurrence> = out.into_values().collect();
    in_firing_order(&mut v);
    v
}

/// Puts occurrences in the order they fire: earliest first, then by id. One function for every
/// list of occurrences, so the sort is compiled once (docs/PERFORMANCE.md, library size).
pub(crate) fn in_firing_order(v: &mut [Occurrence]) {
    v.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
}

/// What a shell must do so the OS holds exactly the right notifications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    /// Earliest first.
    pub add: Vec<Occurrence>,
    /// Ids to remove from the OS: past, stale, or beyond the cap.
    pub cancel: Vec<String>,
}

/// Compares the wanted occurrences with the ids the OS holds: the first `cap` future ones are
/// kept; everything else is cancelled.
pub fn reconcile(
    wanted: &[Occurrence],
    held: &[String],
    now: DateTime<Utc>,
    cap: usize,
) -> Reconciliation {
    let mut future: Vec<&Occurrence> = wanted.iter().filter(|o| o.fire_at > now).collect();
    future.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
    future.truncate(cap);
    let keep: BTreeSet<&str> = future.iter().map(|o| o.id.as_str()).collect();
    let held_set: BTreeSet<&str> = held.iter().map(String::as_str).collect();
    let add = future
        .iter()
        .filter(|o| !held_set.contains(o.id.as_str()))
        .map(|o| (*o).clone())
        .collect();
    let order: HashMap<&str, DateTime<Utc>> =
        wanted.iter().map(|o| (o.id.as_str(), o.fire_at)).collect();
    let mut cancel: Vec<String> = held_set
        .iter()
        .filter(|id| !keep.contains(*id))
        .map(|s| (*s).to_owned())
        .collect();
    cancel.sort_by_key(|id| (order.get(id.as_str()).copied(), id.clone()));
    Reconciliation { add, cancel }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Occurrence ids are held by the phones' schedulers across app versions, so the hash must
    /// stay FNV-1a 64 exactly: the published test vectors.
    #[test]
    fn ids_hash_with_fnv1a_64() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }

    /// What a notification offers: an exercise cut-off can only be acknowledged, a lab recheck
    /// done or skipped (a snooze of minutes means nothing for a blood test weeks away), every
    /// other reminder done, snoozed by the default minutes, or skipped.
    #[test]
    fn each_kind_offers_its_actions() {
        assert_eq!(
            actions_for(ReminderKind::ExerciseCutoff),
            vec![ReminderAction::Done]
        );
        assert_eq!(
            actions_for(ReminderKind::LabRecheck),
            vec![ReminderAction::Done, ReminderAction::Skip]
        );
        assert_eq!(
            actions_for(ReminderKind::Iron),
            vec![
                ReminderAction::Done,
                ReminderAction::Snooze {
                    minutes: SNOOZE_DEFAULT_MIN.value as u32
                },
                ReminderAction::Skip
            ]
        );
    }
}
