//! Reminder occurrences for a horizon, with stable ids, and the reconciliation that tells a
//! shell exactly which OS notifications to add and cancel (SPEC §3).

use std::collections::{BTreeSet, HashMap};

use crate::model::zone::Tz;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::day::{utc_bounds, WakingDay};
use super::groups;
use super::iron_status::{draw_preparation, recheck_due};
use super::plan::{day_plan, dose_kind, planned_doses, PlanItem, ReminderKind};
use super::Diary;
use crate::evidence::{
    minutes, DOSE_EARLY_MATCH_MIN, FERRITIN_RECHECK_DAYS, LAB_RECHECK_AFTER_WAKE_MIN,
    LAB_RECHECK_NOTICE_DAYS, SNOOZE_DEFAULT_MIN,
};
use crate::model::{Event, EventKind};

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
    /// Its place among the plan date's items of its kind and regimen item, in plan order (a
    /// medicine taken at 08:00 and 20:00 has slots 0 and 1). With `kind`, `date` and
    /// `regimen_id` it names the occurrence whenever and in whichever zone it fires
    /// ([`Self::slot_key`]).
    pub slot: u32,
}

impl Occurrence {
    /// What the occurrence is, whatever its fire time: kind, plan date, regimen item and slot.
    /// The id names the fire time too (a reminder that moves is a new notification for the OS
    /// to hold), so a re-plan (travel to another zone, a coffee that moves iron) changes the
    /// id; what the person did with the reminder (done, snooze, skip) is kept by this key as
    /// well, so a re-plan never undoes it (SPEC §3: a change of zone regenerates the plan,
    /// not what was done).
    pub fn slot_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.kind.slug(),
            self.date,
            self.regimen_id.as_deref().unwrap_or("-"),
            self.slot
        )
    }
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

/// The occurrence of plan item `p` of plan date `date`: the `slot`-th of the day's items of its
/// kind and regimen item, the `nth` of them firing at its instant.
fn occurrence(p: &PlanItem, date: NaiveDate, tz: Tz, slot: u32, nth: u32) -> Occurrence {
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
        slot,
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
        // Each item's slot among the day's items of its kind and regimen item, and its place
        // among those firing at the same instant: nothing is merged by its time.
        let mut slots: HashMap<(ReminderKind, Option<&str>), u32> = HashMap::new();
        let mut same: HashMap<(ReminderKind, Option<&str>, DateTime<Utc>), u32> = HashMap::new();
        let plan = day_plan(diary, d);
        for p in &plan.items {
            let slot = slots.entry((p.kind, p.regimen_id.as_deref())).or_insert(0);
            let nth = same
                .entry((p.kind, p.regimen_id.as_deref(), p.start))
                .or_insert(0);
            if start <= p.start && p.start < end {
                let o = occurrence(p, d, tz, *slot, *nth);
                out.insert(o.id.clone(), o);
            }
            *slot += 1;
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
            let o = occurrence(&p, day.date, tz, 0, 0);
            out.insert(o.id.clone(), o);
        }
    }
    let mut v: Vec<Occurrence> = out.into_values().collect();
    in_firing_order(&mut v);
    v
}

/// The logged dose a dose reminder stands for, if any: a dose is a dose however it was logged
/// (the reminder's "done", `log dose`, or another device's, synced). The logged doses of a
/// regimen item are matched to its scheduled doses in the diary's zone now, in time order:
/// - on time or late: a dose counts for the earliest scheduled dose of its own waking day still
///   open at or before it, or up to `DOSE_EARLY_MATCH_MIN` after it (taken a little early). So a
///   twice-daily medicine's 08:00 dose taken at 15:00 is the 08:00 one, and the 20:00 reminder
///   still comes; a dose is never counted for an earlier day's, so a missed dose yesterday
///   never silences today's;
/// - earlier still than every open dose of its day: it counts for the nearest open dose of its
///   own or the previous waking day. Taken in Berlin at 21:30 (15:30 in New York), it is the
///   New York plan's 21:00 dose of that date, so travel west never invites a second one; taken
///   in New York at 21:00 (03:00 in Berlin), it is the Berlin plan's dose of the evening
///   before, not of the next evening; an extra dose hours ahead of the evening's stands for it,
///   so a reminder never invites more doses than the day's plan holds.
///
/// Read from the doses logged two waking days before `o.date` to the day after; the oldest
/// day's early doses count for its own doses (the day before it is not read). So an evening
/// medicine taken in the morning after a missed evening dose is that evening's, and the next
/// evening's reminder comes, for two mornings; from the third morning in a row, or the first
/// after an evening dose taken, a morning dose is that day's, and no evening reminder invites a
/// second dose hours after it.
///
/// Only medicines, supplements and magnesium: iron's plan already knows a dose taken
/// (`IronDay::AlreadyTaken`).
pub fn dose_taken<'a>(diary: &Diary<'a>, o: &Occurrence) -> Option<&'a Event> {
    /// One scheduled dose and the logged dose matched to it.
    struct Slot<'e> {
        date: NaiveDate,
        slot: u32,
        at: DateTime<Utc>,
        taken: Option<&'e Event>,
    }
    let rid = o.regimen_id.as_deref()?;
    let item = diary
        .regimen
        .iter()
        .find(|r| dose_kind(r) == Some(o.kind) && r.meta.id.to_string() == rid)?;
    if groups::kidney(diary.profile, diary.labs).drops(item) {
        return None;
    }
    // The doses of the days around: a dose owned by the next day can stand for this day's, and
    // this day's for the day before's, so whether this day's doses are open depends on the day
    // before, and through its early doses on the day before that. That oldest day's own doses
    // are read too: left out, its doses read as open and a run of early doses moves one day
    // back each (the evening medicine taken each morning after an evening dose taken).
    let first = o.date - Duration::days(2);
    let last = o.date + Duration::days(1);
    let mut slots: Vec<Slot<'a>> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .flat_map(|date| {
            planned_doses(item, &WakingDay::of(diary.profile, date))
                .into_iter()
                .zip(0u32..)
                .map(move |(at, slot)| Slot {
                    date,
                    slot,
                    at,
                    taken: None,
                })
        })
        .collect();
    let mut logged: Vec<(&'a Event, NaiveDate)> = diary
        .events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Dose { regimen_id } if regimen_id == rid))
        .map(|e| (e, WakingDay::owning(diary.profile, e.at).date))
        .filter(|(_, own)| *own >= first && *own <= last)
        .collect();
    logged.sort_by_key(|(e, _)| (e.at, e.meta.id));
    let ahead = minutes(DOSE_EARLY_MATCH_MIN);
    let mut early = Vec::new();
    for (e, own) in logged {
        match slots
            .iter_mut()
            .find(|s| s.taken.is_none() && s.date == own && s.at <= e.at + ahead)
        {
            Some(s) => s.taken = Some(e),
            None => early.push((e, own)),
        }
    }
    for (e, own) in early {
        if let Some(s) = slots
            .iter_mut()
            .filter(|s| s.taken.is_none() && (s.date == own || s.date.succ_opt() == Some(own)))
            .min_by_key(|s| ((s.at - e.at).abs(), s.at))
        {
            s.taken = Some(e);
        }
    }
    slots
        .into_iter()
        .find(|s| s.date == o.date && s.slot == o.slot)
        .and_then(|s| s.taken)
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

    /// An occurrence id is the kind, the plan date and FNV-1a 64 of kind, date, item and fire
    /// time: the same values always give the same id, on every platform and in every version
    /// (the phones' schedulers and the stored actions hold it), and the second reminder at one
    /// instant gets an id of its own. The expected ids were computed apart from this code (FNV-1a
    /// 64 in Python over "iron|2026-03-29|abc|1774785600" and the like).
    #[test]
    fn occurrence_ids_are_stable_and_the_nth_at_one_instant_differs() {
        use chrono::TimeZone;
        let date: NaiveDate = "2026-03-29".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 29, 12, 0, 0).unwrap();
        assert_eq!(
            occurrence_id(ReminderKind::Iron, date, Some("abc"), at),
            "iron-2026-03-29-f161d5a276d63646"
        );
        assert_eq!(
            nth_occurrence_id(ReminderKind::Iron, date, Some("abc"), at, 1),
            "iron-2026-03-29-10a8811166d8708d"
        );
        assert_eq!(
            occurrence_id(ReminderKind::WarmBath, date, None, at),
            "warm-bath-2026-03-29-caa84d465a58c14a"
        );
    }

    /// A horizon ends before its last midnight: a reminder firing exactly then (the evening
    /// check 2 h before a 02:00 bedtime) is handed with the next horizon only, so two
    /// consecutive one-day horizons give what one two-day horizon gives, nothing twice.
    #[test]
    fn consecutive_horizons_hand_each_occurrence_once() {
        use crate::model::Profile;
        use chrono::TimeZone;
        let profile = Profile {
            bedtime: "02:00".parse().unwrap(),
            wake_time: "09:30".parse().unwrap(),
            ..Profile::default()
        };
        let diary = Diary {
            profile: &profile,
            regimen: &[],
            habits: &[],
            events: &[],
            labs: &[],
        };
        let first: NaiveDate = "2026-11-02".parse().unwrap();
        let second = first.succ_opt().unwrap();
        let midnight = Utc.with_ymd_and_hms(2026, 11, 3, 0, 0, 0).unwrap();
        let whole = occurrences(&diary, first, 2);
        assert!(
            whole
                .iter()
                .any(|o| o.kind == ReminderKind::EveningCheck && o.fire_at == midnight),
            "{whole:?}"
        );
        let split: Vec<Occurrence> = occurrences(&diary, first, 1)
            .into_iter()
            .chain(occurrences(&diary, second, 1))
            .collect();
        assert_eq!(split, whole);
    }
}
