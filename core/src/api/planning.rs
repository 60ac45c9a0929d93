//! The planner, the intake check and reminders, over the FFI. Every time is given both as local
//! RFC 3339 with its offset and as the UTC instant.

use crate::model::zone::Tz;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::records::{instant, local_instant, EventEntry, EventInput};
use super::snapshot::{Labs, Snapshot};
use super::{ApiResult, QuietLegs, QuietLegsError};
use crate::error::Error;
use crate::evidence::{Source, IOS_PENDING_CAP, REMINDER_HORIZON_DAYS};
use crate::model::time::{format_clock_time, parse_date, parse_instant_or_time_of_day};
use crate::model::{ActivityKind, EventKind, Intensity};
use crate::rules::check::{check_named, IntakeCheck};
use crate::rules::iron::{IronDay, IronPlan};
use crate::rules::plan::{day_plan, PlanItem, ReminderKind};
use crate::rules::reminders::{
    dose_taken, in_firing_order, occurrences, reconcile, Occurrence, ReminderAction,
};
use crate::rules::substance::Substance;
use crate::store::{self, ReminderState, Store};

/// An instant, local and UTC.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct TimePoint {
    /// RFC 3339 with the local offset, e.g. `2026-11-21T11:10:00+01:00`.
    pub local: String,
    /// RFC 3339 UTC.
    pub utc: String,
}

fn point(t: DateTime<Utc>, tz: Tz) -> TimePoint {
    TimePoint {
        local: local_instant(&t, tz),
        utc: instant(&t),
    }
}

/// What the iron line of a day's plan says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IronStatus {
    /// No iron in the regimen on this day.
    NoIron,
    /// An alternate-day schedule's day without a dose.
    RestDay,
    /// Today's dose is logged; `start` is when it was taken.
    AlreadyTaken,
    /// A window clear of food, drinks and medicines that lower absorption: `start` to `end`;
    /// or the time the person set for iron (`start`, no `end`), `explanation` warning of
    /// anything that lowers absorption at that time.
    Window,
    /// No window fits the waking day; `explanation` says why.
    NoWindow,
    /// Iron is held: the iron status is at a safety ceiling or the app gives no iron advice
    /// (under 18, haemochromatosis, thalassaemia, transfusions). No dose is scheduled and no
    /// reminder made; `explanation` gives the reason and source. Never "stop": the app only does
    /// not remind until the person has spoken to their doctor (SPEC §2.1, §2.3).
    Held,
}

/// The day's iron window, with the constraint that set each end.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct IronWindowView {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// Which case applies; `start`, `end` and `explanation` follow from it.
    pub status: IronStatus,
    /// Window start, or when it was taken.
    pub start: Option<TimePoint>,
    /// Window end; absent unless `status` is `Window`, and for a time the person set.
    pub end: Option<TimePoint>,
    /// In words: "11:10 — 2 h after your 09:10 coffee; until 11:30 — 1 h before your 12:30 lunch".
    pub explanation: String,
    /// One line for a screen's headline: "Iron with vitamin C 10:30–11:30".
    pub summary: String,
    /// Take it with vitamin C (the regimen item says so).
    pub with_vitamin_c: bool,
    /// Cautions for this dose in words (e.g. an interacting medicine), each to discuss with a doctor.
    pub flags: Vec<String>,
}

fn iron_view(p: &IronPlan, tz: Tz) -> IronWindowView {
    let (status, start, end, explanation) = match &p.day {
        IronDay::NoIron => (
            IronStatus::NoIron,
            None,
            None,
            "no iron in your regimen".to_owned(),
        ),
        IronDay::RestDay { next } => (
            IronStatus::RestDay,
            None,
            None,
            format!("rest day on your alternate-day schedule; next dose {next}"),
        ),
        IronDay::AlreadyTaken { at, doses } => (
            IronStatus::AlreadyTaken,
            Some(point(*at, tz)),
            None,
            if *doses > 1 {
                format!(
                    "already taken: {} that day",
                    crate::rules::logged::iron_doses_logged(*doses as usize)
                )
            } else {
                "already taken today".to_owned()
            },
        ),
        IronDay::Window(w) => (
            IronStatus::Window,
            Some(point(w.start, tz)),
            // A time the person set has no end (`rules::iron::fixed_time`).
            (w.end > w.start).then(|| point(w.end, tz)),
            format!("{}; {}", w.reason, w.end_reason),
        ),
        IronDay::NoWindow { why } => (IronStatus::NoWindow, None, None, why.clone()),
        IronDay::Held { why } => (IronStatus::Held, None, None, why.clone()),
    };
    let hhmm = |t: &DateTime<Utc>| format_clock_time(t.with_timezone(&tz).time());
    let summary = match &p.day {
        IronDay::NoIron => "No iron in your regimen".to_owned(),
        IronDay::RestDay { next } => format!("Rest day: next iron dose {next}"),
        IronDay::AlreadyTaken { at, .. } => format!("Iron taken at {}", hhmm(at)),
        IronDay::Window(w) => format!(
            "Iron{} {}",
            if p.with_vitamin_c {
                " with vitamin C"
            } else {
                ""
            },
            if w.end > w.start {
                format!("{}–{}", hhmm(&w.start), hhmm(&w.end))
            } else {
                format!("at {} (your time)", hhmm(&w.start))
            }
        ),
        IronDay::NoWindow { .. } => "No iron window today".to_owned(),
        IronDay::Held { .. } => crate::rules::iron_status::IRON_HELD.to_owned(),
    };
    IronWindowView {
        date: p.date.to_string(),
        status,
        start,
        end,
        explanation,
        summary,
        with_vitamin_c: p.with_vitamin_c,
        flags: p.flags.clone(),
    }
}

/// One item of the day's plan: a dose, a vitamin C, the bedtime routine.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct PlanItemView {
    /// What the item is; also the kind of its reminder.
    pub kind: ReminderKind,
    /// When it is due (the window start for iron).
    pub start: TimePoint,
    /// The end of its window, when it has one.
    pub end: Option<TimePoint>,
    /// One line for a list: "Iron 65 mg".
    pub title: String,
    /// Why at this time, in words.
    pub why: String,
    /// Where the rule comes from (guideline, label, or the product's own choice).
    pub source: Source,
    /// The source as a citation line.
    pub citation: String,
    /// The regimen item it doses, if any.
    pub regimen_id: Option<String>,
}

fn item_view(p: &PlanItem, tz: Tz) -> PlanItemView {
    PlanItemView {
        kind: p.kind,
        start: point(p.start, tz),
        end: p.end.map(|e| point(e, tz)),
        title: p.title.clone(),
        why: p.why.clone(),
        source: p.source,
        citation: p.source.citation().to_owned(),
        regimen_id: p.regimen_id.clone(),
    }
}

/// A day's plan (`QuietLegs.plan`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct DayPlanView {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// The profile's IANA zone the times are in.
    pub time_zone: String,
    /// The day's wake time from the profile.
    pub wake: TimePoint,
    /// The following bedtime (may fall after midnight).
    pub bed: TimePoint,
    /// The iron window.
    pub iron: IronWindowView,
    /// Everything due, earliest first.
    pub items: Vec<PlanItemView>,
}

/// The answer to "may I have this now?" against the day's iron dose.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct IntakeCheckView {
    /// Whether the intake at that time lowers the dose's absorption.
    pub conflict: bool,
    /// The answer in words, with the gap the rule asks for.
    pub message: String,
    /// The iron dose it was checked against (taken or planned), if any.
    pub iron_at: Option<TimePoint>,
    /// When a conflict: the earliest time the intake would not conflict. None for a
    /// prescribed medicine: its time is never moved (see `iron_ok`).
    pub earliest_ok: Option<TimePoint>,
    /// For a prescribed medicine that conflicts with planned iron: when iron fits instead, if
    /// the day has a window.
    pub iron_ok: Option<TimePoint>,
    /// Set when the catalog says the medicine can worsen RLS (SPEC §2.3, §2.4): the warning to
    /// discuss with the doctor, with a safer alternative where a source names one. Shown even
    /// when the iron timing is fine: "ok" for iron is not "ok" for RLS.
    #[uniffi(default = None)]
    pub rls_warning: Option<String>,
}

/// One reminder to schedule with the OS.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ReminderOccurrence {
    /// Stable id: the same reminder always has the same id, so reconciling never duplicates it.
    pub id: String,
    /// What the reminder is for.
    pub kind: ReminderKind,
    /// The local date it belongs to, `YYYY-MM-DD`.
    pub date: String,
    /// When to show it.
    pub fire_at: TimePoint,
    /// Milliseconds since the epoch, for AlarmManager / UNCalendarNotificationTrigger.
    pub fire_at_millis: i64,
    /// Notification title.
    pub title: String,
    /// Notification text.
    pub body: String,
    /// The buttons to offer (done, snooze, skip).
    pub actions: Vec<ReminderAction>,
    /// The regimen item it doses, if any.
    pub regimen_id: Option<String>,
}

fn occurrence_view(o: &Occurrence) -> ReminderOccurrence {
    ReminderOccurrence {
        id: o.id.clone(),
        kind: o.kind,
        date: o.date.to_string(),
        fire_at: point(o.fire_at, o.tz),
        fire_at_millis: o.fire_at.timestamp_millis(),
        title: o.title.clone(),
        body: o.body.clone(),
        actions: o.actions.clone(),
        regimen_id: o.regimen_id.clone(),
    }
}

/// What the OS must add and cancel to hold exactly the wanted reminders.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ReminderChanges {
    /// Schedule these, earliest first.
    pub add: Vec<ReminderOccurrence>,
    /// Cancel these ids.
    pub cancel: Vec<String>,
}

/// What acting on a reminder did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ActResult {
    /// The diary event the action recorded (a dose, a bath), if any.
    pub event: Option<EventEntry>,
    /// For a snooze: when it fires again.
    pub snoozed_until: Option<TimePoint>,
    /// The occurrence was already done (on this device, or on another one whose "done" came
    /// in by sync): nothing new was recorded, and `event` is the dose the first "done" logged,
    /// with its time kept.
    #[uniffi(default = false)]
    pub already_done: bool,
    /// What to tell the person, in words, when there is more to say than the action itself:
    /// set with `already_done` ("Already done (here or on another device): nothing new was
    /// recorded; the first time, 07:30, stands."). Phones show it as it is.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

/// The answer for an occurrence already done (here, or on another device and synced): nothing
/// new recorded; for a repeated "done", the first dose, its time in the note.
fn already_done_result(
    first: Option<crate::model::Event>,
    action: ReminderAction,
    tz: Tz,
) -> ActResult {
    let first = first.filter(|_| action == ReminderAction::Done);
    let note = match &first {
        Some(e) => format!(
            "Already done (here or on another device): nothing new was recorded; the first time, {}, stands.",
            format_clock_time(e.at.with_timezone(&tz).time())
        ),
        None => "Already done (here or on another device): nothing new was recorded.".to_owned(),
    };
    ActResult {
        event: first.map(|e| EventEntry::new(&e, tz)),
        snoozed_until: None,
        already_done: true,
        note: Some(note),
    }
}

const SNOOZE_SEP: char = '~';

impl QuietLegs {
    fn check_substance(
        &self,
        substance: Substance,
        name: &str,
        at: Option<String>,
    ) -> ApiResult<IntakeCheckView> {
        self.check_at(at, |diary, at| check_named(diary, substance, name, at))
    }

    /// [`Self::check_intake`] for iron itself (see [`crate::rules::check::check_iron`]).
    fn check_iron_at(&self, at: Option<String>) -> ApiResult<IntakeCheckView> {
        self.check_at(at, crate::rules::check::check_iron)
    }

    /// Runs `check` on the diary around `at` (now when absent; a time of day alone, "15:00", is
    /// today's in the diary's zone) and gives its view.
    fn check_at(
        &self,
        at: Option<String>,
        check: impl FnOnce(&crate::rules::Diary<'_>, DateTime<Utc>) -> IntakeCheck,
    ) -> ApiResult<IntakeCheckView> {
        let store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        let today = self.now().with_timezone(&tz).date_naive();
        let at = match at {
            Some(a) => parse_instant_or_time_of_day("at", &a, tz, today)?,
            None => self.now(),
        };
        let d = at.with_timezone(&tz).date_naive();
        let snap = Snapshot::load(&store, d - Duration::days(1), d, Labs::Skip)?;
        Ok(check_view(check(&snap.diary(), at), tz))
    }

    fn date_or_today(&self, date: &Option<String>, tz: Tz) -> ApiResult<NaiveDate> {
        match date {
            Some(d) => Ok(parse_date("date", d)?),
            None => Ok(self.now().with_timezone(&tz).date_naive()),
        }
    }

    /// Wanted occurrences with this device's done/skip/snooze applied, and the doses already
    /// logged left out.
    fn wanted(&self, store: &Store, from: NaiveDate, days: u32) -> ApiResult<Vec<Occurrence>> {
        let last = from + Duration::days(i64::from(days));
        let snap = Snapshot::load(store, from, last, Labs::LatestFerritin)?;
        let diary = snap.diary();
        let base = occurrences(&diary, from, days);
        let since = self.now() - Duration::days(i64::from(days) + 2);
        let states = store::reminder_states(store.conn(), since)?;
        let mut out = Vec::with_capacity(base.len());
        for o in base {
            // A dose already logged (by this reminder's "done", by hand, or on another device
            // and synced) is never reminded again, whatever zone the plan is in now.
            if dose_taken(&diary, &o).is_some() {
                continue;
            }
            // Acted on under this id, or under an earlier id of the same occurrence before a
            // re-plan moved it (travel to another zone): what was done with it stands.
            let own = states.get(&o.id);
            let state = own.or_else(|| states.get(&slot_state_key(&o)));
            // Done on any device: the "done" event (its id derived from the occurrence) came
            // in by sync even though this device's own done/skip/snooze state did not.
            if state.is_none()
                && store::event_by_id(store.conn(), &done_event_id(&o.id).to_string())?.is_some()
            {
                continue;
            }
            match state {
                Some(s) if s.action == "snooze" => {
                    if let Some(until) = s.snooze_until {
                        // Snoozed before the plan moved it: never earlier than the plan now says.
                        let at = if own.is_some() {
                            until
                        } else {
                            until.max(o.fire_at)
                        };
                        out.push(Occurrence {
                            id: format!("{}{SNOOZE_SEP}{}", o.id, at.timestamp()),
                            fire_at: at,
                            ..o
                        });
                    }
                }
                Some(_) => {}
                None => out.push(o),
            }
        }
        in_firing_order(&mut out);
        Ok(out)
    }
}

/// The key an action on occurrence `o` is also stored under in the device's reminder state:
/// its slot ([`Occurrence::slot_key`]), which a re-plan does not change. The prefix keeps it
/// apart from every occurrence id.
fn slot_state_key(o: &Occurrence) -> String {
    format!("slot:{}", o.slot_key())
}

fn horizon_days(days: Option<u32>) -> ApiResult<u32> {
    match days {
        None => Ok(REMINDER_HORIZON_DAYS.value as u32),
        Some(d @ 1..=62) => Ok(d),
        Some(d) => Err(Error::invalid("days", format!("{d}: use 1-62")).into()),
    }
}

#[uniffi::export]
impl QuietLegs {
    /// The plan for a date (default today): iron, medicines and the bedtime routine.
    /// Errors: `InvalidInput` (`date`) for a date that is not `YYYY-MM-DD`.
    pub fn plan(&self, date: Option<String>) -> ApiResult<DayPlanView> {
        let store = self.store()?;
        // The profile and the snapshot in one read transaction (docs/PERFORMANCE.md, cold start).
        let (d, snap) = store.read(|| {
            let profile = Self::profile_model(&store)?.1;
            let d = self.date_or_today(&date, profile.time_zone)?;
            let snap = Snapshot::load_with(&store, profile, d, d + Duration::days(1), Labs::Skip)?;
            ApiResult::Ok((d, snap))
        })?;
        let tz = snap.diary().profile.time_zone;
        let p = day_plan(&snap.diary(), d);
        Ok(DayPlanView {
            date: d.to_string(),
            time_zone: tz.name().to_owned(),
            wake: point(p.wake, tz),
            bed: point(p.bed, tz),
            iron: iron_view(&p.iron, tz),
            items: p.items.iter().map(|i| item_view(i, tz)).collect(),
        })
    }

    /// The iron window for a date (default today), with the constraint that set it.
    /// Errors: `InvalidInput` (`date`) for a date that is not `YYYY-MM-DD`.
    pub fn iron_window(&self, date: Option<String>) -> ApiResult<IronWindowView> {
        Ok(self.plan(date)?.iron)
    }

    /// Checks an intake or medicine (`coffee`, `milk`, `levothyroxine`) at a time (default now)
    /// against the day's iron dose. `at` is a time of day `HH:MM` (today, in the diary's
    /// zone), a local `YYYY-MM-DDTHH:MM` or an RFC 3339 instant.
    /// Errors: `InvalidInput` for an intake or medicine it does not know, or `InvalidInput`
    /// (`at`) for a bad time or a local time the clocks skipped (spring forward).
    pub fn check_intake(&self, what: String, at: Option<String>) -> ApiResult<IntakeCheckView> {
        let mut view = self.check_intake_timing(&what, at)?;
        // A medicine that can worsen RLS, or whose effect on RLS is not known, is never a
        // bare "ok" (SPEC §2.3, §2.4).
        // The alternative follows the profile, as `check_medicine_for_profile` says it.
        let g = {
            let store = self.store()?;
            let p = Self::profile_model(&store)?.1;
            let today = self.today(&p);
            self.profile_groups(&store, &p, today)?
        };
        let warnings = crate::rules::catalog::rls_notes_for(&what, g);
        if !warnings.is_empty() {
            view.rls_warning = Some(warnings.join(" "));
        }
        Ok(view)
    }

    /// The iron-timing part of [`Self::check_intake`].
    fn check_intake_timing(&self, what: &str, at: Option<String>) -> ApiResult<IntakeCheckView> {
        let what = what.to_owned();
        // Iron itself: the empty-stomach rules of the iron window, never "does not change when
        // iron is absorbed".
        let oral_iron = crate::rules::catalog::lookup(&what)
            .first()
            .is_some_and(|m| {
                m.kind != crate::rules::catalog::MatchKind::Typo
                    && m.medicine.class == crate::rules::catalog::DrugClass::OralIron
            });
        if oral_iron {
            return self.check_iron_at(at);
        }
        if let Some(substance) = crate::rules::interactions::substance_named(&what) {
            // A medicine is named as the person knows it: "Fosamax (alendronate)".
            let name = match crate::rules::catalog::lookup(&what).first() {
                Some(m) if m.medicine.substance() == Some(substance) => {
                    if crate::rules::catalog::normalise(m.matched)
                        == crate::rules::catalog::normalise(m.medicine.generic)
                    {
                        m.medicine.generic.to_owned()
                    } else {
                        format!("{} ({})", m.matched, m.medicine.generic)
                    }
                }
                // A dairy word the catalog does not list ("cappuccino", "Käse") is kept as
                // typed: milk is not the calcium a label names (issue #15).
                _ if substance == Substance::DairyCalcium
                    && crate::rules::interactions::intake_named(&what).is_some() =>
                {
                    what.trim().to_owned()
                }
                _ => substance.noun().to_owned(),
            };
            return self.check_substance(substance, &name, at);
        }
        // The log's own intake words ("antacid", "alcohol", "zinc"): the same answer as the
        // phones' intake buttons, so a word the error below lists as known is never refused.
        if let Some(kind) = crate::rules::interactions::intake_named(&what).or_else(|| {
            crate::model::enums::parse_word("intake", &what, &crate::model::IntakeKind::ALL).ok()
        }) {
            return self.check_intake_kind(kind, at);
        }
        // One typo from an intake word: suggested, never taken as meant ("diary" is not dairy).
        if let Some(meant) = crate::rules::interactions::intake_suggestion(&what) {
            return Err(Error::invalid(
                "intake",
                format!("{:?}: not recognised; did you mean {meant}?", what.trim()),
            )
            .into());
        }
        // Lowers iron absorption whatever the timing: say so rather than "not relevant" (a
        // conflict no time fixes: no earliest time, no iron time, a doctor to ask).
        if let Some(m) = crate::rules::catalog::lookup(&what)
            .into_iter()
            .find(|m| m.medicine.class.no_timing_fix())
        {
            return Ok(IntakeCheckView {
                conflict: true,
                message: format!("{}: {}", m.medicine.described(m.matched), m.medicine.note()),
                iron_at: None,
                earliest_ok: None,
                iron_ok: None,
                rls_warning: None,
            });
        }
        // A known medicine without an iron rule is fine to say so about; an unknown word is
        // never taken to be harmless.
        // It is still another medicine: not inside a bisphosphonate's wait (issue #15).
        if let Some(m) = crate::rules::catalog::lookup(&what)
            .into_iter()
            .find(|m| m.medicine.substance().is_none() && !m.medicine.class.affects_iron_timing())
        {
            let fine = format!(
                "{} does not change when iron is absorbed",
                m.medicine.described(m.matched)
            );
            return self.check_at(at, |diary, at| {
                crate::rules::check::check_untimed_medicine(diary, m.matched, fine, at)
            });
        }
        Err(Error::invalid("intake", format!("{:?}: not recognised, so QuietLegs cannot tell whether it affects your iron; ask your pharmacist (known words include coffee, tea, milk, calcium, meal, antacid, and medicine names such as levothyroxine)", what.trim())).into())
    }

    /// The same check for one of the log's intakes (the buttons a phone shows). Alcohol and
    /// nicotine do not change iron timing; the answer says so rather than failing.
    pub fn check_intake_kind(
        &self,
        intake: crate::model::IntakeKind,
        at: Option<String>,
    ) -> ApiResult<IntakeCheckView> {
        match Substance::of_intake(intake) {
            Some(substance) => self.check_substance(substance, substance.noun(), at),
            None => Ok(IntakeCheckView {
                conflict: false,
                message: format!(
                    "{} does not change when iron is absorbed (it can still worsen RLS in the evening)",
                    super::labels::intake_label(intake)
                ),
                iron_at: None,
                earliest_ok: None,
                iron_ok: None,
                rls_warning: None,
            }),
        }
    }

    /// Reminder occurrences from a date (default today) for `days` (default 7), with this
    /// device's done/skip/snooze applied. An occurrence done on any device is done: its "done"
    /// event travels with the diary (export, import, sync), so it is not offered again.
    /// Skip and snooze stay on the device they were acted on (they are not diary records): a
    /// reminder skipped on the phone still shows on the tablet.
    /// Errors: `InvalidInput` for a bad date, or `days` outside 1-62.
    pub fn reminders(
        &self,
        from: Option<String>,
        days: Option<u32>,
    ) -> ApiResult<Vec<ReminderOccurrence>> {
        let days = horizon_days(days)?;
        let store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        let from = self.date_or_today(&from, tz)?;
        Ok(self
            .wanted(&store, from, days)?
            .iter()
            .map(occurrence_view)
            .collect())
    }

    /// Given the ids the OS holds, what to add and cancel so it holds the next `cap` (iOS: 64)
    /// reminders and nothing stale.
    pub fn reconcile_reminders(
        &self,
        held_ids: Vec<String>,
        cap: Option<u32>,
    ) -> ApiResult<ReminderChanges> {
        let cap = cap.unwrap_or(IOS_PENDING_CAP.value as u32) as usize;
        let store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        let now = self.now();
        let today = now.with_timezone(&tz).date_naive();
        let wanted = self.wanted(&store, today, horizon_days(None)?)?;
        let r = reconcile(&wanted, &held_ids, now, cap);
        Ok(ReminderChanges {
            add: r.add.iter().map(occurrence_view).collect(),
            cancel: r.cancel,
        })
    }

    /// Done (at `at`, default now), snooze or skip a reminder. Done records the real event (a
    /// dose taken, a bath) so the day re-plans around it. The event done logs has an id derived
    /// from the occurrence (UUID v5), so the same reminder done on two devices is one dose after
    /// a sync (SPEC §3). Acting on an occurrence whose "done" event is already in the diary
    /// (done here, or on another device and synced) records nothing new and keeps the first
    /// time: the result has `already_done` set and the first dose as `event`. A snooze of 1-1440
    /// minutes counts from now, or from the reminder's own time when it has not fired yet.
    /// Errors: `InvalidInput` for a bad `at`, or (`reminder`) for "done" on an occurrence due more
    /// than an hour from now (it would log a dose not taken); `NotFound` for an id that is not a
    /// current reminder.
    pub fn act_on_reminder(
        &self,
        id: String,
        action: ReminderAction,
        at: Option<String>,
    ) -> ApiResult<ActResult> {
        let base_id = id.split(SNOOZE_SEP).next().unwrap_or(&id).to_owned();
        let now = self.now();
        // One lock and one transaction for the whole action: a double tap (or two processes)
        // cannot both see "not done yet" and each log a dose.
        let mut store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        // Done is final: a second "done" (a double tap, or a stale notification acted on after
        // the dose moved the plan) changes nothing and reports the dose the first one logged.
        // A repeated "done" reports the first one's event; a snooze or skip reports nothing.
        if let Some(e) = already_done(store.conn(), &base_id)? {
            return Ok(already_done_result(e, action, tz));
        }
        let (found, taken) = {
            let today = now.with_timezone(&tz).date_naive();
            let from = today - Duration::days(2);
            let snap = Snapshot::load(
                &store,
                from,
                today + Duration::days(8),
                Labs::LatestFerritin,
            )?;
            let diary = snap.diary();
            let found = occurrences(&diary, from, 10)
                .into_iter()
                .find(|o| o.id == base_id);
            let taken = found.as_ref().and_then(|o| dose_taken(&diary, o)).cloned();
            (found, taken)
        };
        // A dose logged already (by hand, or before a re-plan moved its reminder): nothing new
        // is recorded, and that dose is the one reported.
        if let Some(e) = taken {
            return Ok(already_done_result(Some(e), action, tz));
        }
        // Done under the id it had before a re-plan (travel): done.
        if let Some(e) = found
            .as_ref()
            .map(|o| already_done(store.conn(), &slot_state_key(o)))
            .transpose()?
            .flatten()
        {
            return Ok(already_done_result(e, action, tz));
        }
        let Some(o) = found else {
            // Another process may have done it between the check above and the plan read (its
            // dose then moved the plan past this occurrence): that is "already done", not an
            // unknown reminder.
            if let Some(e) = already_done(store.conn(), &base_id)? {
                return Ok(already_done_result(e, action, tz));
            }
            return Err(QuietLegsError::NotFound {
                what: "reminder".to_owned(),
                id,
            });
        };
        let (state, event, snoozed) = match action {
            ReminderAction::Snooze { minutes } => {
                if !(1..=24 * 60).contains(&minutes) {
                    return Err(
                        Error::invalid("snooze", format!("{minutes} minutes: use 1-1440")).into(),
                    );
                }
                // From the reminder's own time when it has not fired yet: snoozing tomorrow's
                // 08:00 dose must never bring it forward to tonight.
                let until = now.max(o.fire_at) + Duration::minutes(i64::from(minutes));
                (
                    ReminderState {
                        action: "snooze".into(),
                        acted_at: now,
                        snooze_until: Some(until),
                        event_id: None,
                    },
                    None,
                    Some(point(until, o.tz)),
                )
            }
            ReminderAction::Skip => (
                ReminderState {
                    action: "skip".into(),
                    acted_at: now,
                    snooze_until: None,
                    event_id: None,
                },
                None,
                None,
            ),
            ReminderAction::Done => {
                // "Done" on a reminder not yet due would log a dose that was not taken.
                if o.fire_at > now + Duration::minutes(super::EVENT_FUTURE_TOLERANCE_MINUTES) {
                    return Err(Error::invalid(
                        "reminder",
                        format!(
                            "{id} is due at {} (local time): it cannot be done before it is due",
                            local_instant(&o.fire_at, o.tz)
                        ),
                    )
                    .into());
                }
                let kind = match (o.kind, &o.regimen_id) {
                    (_, Some(rid)) => Some(EventKind::Dose {
                        regimen_id: rid.clone(),
                    }),
                    (ReminderKind::WarmBath, None) => Some(EventKind::Activity {
                        what: ActivityKind::WarmBath,
                        intensity: None,
                        minutes: None,
                    }),
                    (ReminderKind::Movement, None) => Some(EventKind::Activity {
                        what: ActivityKind::Walk,
                        intensity: Some(Intensity::Light),
                        minutes: None,
                    }),
                    _ => None,
                };
                let at = at.unwrap_or_else(|| instant(&now));
                let event = kind
                    .map(|kind| {
                        Self::event_to_log(
                            &store,
                            EventInput {
                                at,
                                kind,
                                note: None,
                            },
                            now,
                        )
                    })
                    .transpose()?
                    .map(|(mut e, tz)| {
                        // The same occurrence done on two devices makes the same record, which
                        // the merge keeps once (SPEC §3: acting twice records once).
                        e.meta.id = done_event_id(&base_id);
                        (e, tz)
                    });
                (
                    ReminderState {
                        action: "done".into(),
                        acted_at: now,
                        snooze_until: None,
                        event_id: event.as_ref().map(|(e, _)| e.meta.id.to_string()),
                    },
                    event,
                    None,
                )
            }
        };
        let slot = slot_state_key(&o);
        let logged = store.write(|tx| {
            // Checked again inside the transaction: another process may have acted meanwhile.
            if let Some(e) = already_done(tx, &base_id)? {
                return Ok(Acted::Already(e));
            }
            if let Some(e) = already_done(tx, &slot)? {
                return Ok(Acted::Already(e));
            }
            if let Some((e, _)) = &event {
                store::put_event(tx, e)?;
            }
            store::put_reminder_state(tx, &base_id, &state)?;
            // Also under its slot, so a re-plan that changes the id keeps it done, snoozed or
            // skipped.
            store::put_reminder_state(tx, &slot, &state)?;
            Ok(Acted::Now(event.map(|(e, _)| e)))
        })?;
        Ok(match logged {
            Acted::Now(e) => ActResult {
                event: e.map(|e| EventEntry::new(&e, tz)),
                snoozed_until: snoozed,
                already_done: false,
                note: None,
            },
            Acted::Already(e) => already_done_result(e, action, tz),
        })
    }
}

/// The id of the event "done" on occurrence `occurrence_id` logs: a UUID v5 of the occurrence
/// id and the action, the same on every device.
pub(crate) fn done_event_id(occurrence_id: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("quietlegs/reminder/{occurrence_id}/done").as_bytes(),
    )
}

/// `Some` when the occurrence was already done: with the event that "done" logged, if any.
/// Done on another device counts: its "done" event (same derived id) arrived by sync, while
/// that device's reminder state did not.
fn already_done(
    c: &rusqlite::Connection,
    occurrence_id: &str,
) -> crate::error::Result<Option<Option<crate::model::Event>>> {
    match store::reminder_state(c, occurrence_id)? {
        Some(done) if done.action == "done" => Ok(Some(match done.event_id {
            Some(eid) => store::event_by_id(c, &eid)?,
            None => None,
        })),
        _ => Ok(store::event_by_id(c, &done_event_id(occurrence_id).to_string())?.map(Some)),
    }
}

/// What acting on a reminder did: logged now, or found it already done.
enum Acted {
    Now(Option<crate::model::Event>),
    Already(Option<crate::model::Event>),
}

fn check_view(c: IntakeCheck, tz: Tz) -> IntakeCheckView {
    match c {
        IntakeCheck::Fine { message } => IntakeCheckView {
            conflict: false,
            message,
            iron_at: None,
            earliest_ok: None,
            iron_ok: None,
            rls_warning: None,
        },
        IntakeCheck::Conflict {
            iron_at,
            earliest_ok,
            iron_ok,
            message,
            ..
        } => IntakeCheckView {
            conflict: true,
            message,
            iron_at: iron_at.map(|t| point(t, tz)),
            earliest_ok: earliest_ok.map(|t| point(t, tz)),
            iron_ok: iron_ok.map(|t| point(t, tz)),
            rls_warning: None,
        },
    }
}

/// Warnings to keep with a logged event, from the same check as `check_intake`
/// ([`crate::rules::logged::warnings`]): its own conflicts with an iron dose taken and clashes
/// with the other medicines, those it gives the events logged around it (the clash is
/// symmetric for every intake and dose, fresh review of #15), and a dose's notes (before its
/// start date, after its stop date, a second iron dose that day). `now` says which day is today.
pub(crate) fn intake_warnings(
    store: &Store,
    event: &crate::model::Event,
    now: DateTime<Utc>,
) -> ApiResult<Vec<String>> {
    let profile = QuietLegs::profile_model(store)?.1;
    let d = event.at.with_timezone(&profile.time_zone).date_naive();
    let snap = Snapshot::load_with(store, profile, d - Duration::days(1), d, Labs::Skip)?;
    Ok(crate::rules::logged::warnings(&snap.diary(), event, now))
}

/// Every timing medicine in the catalog, asked about as a person would: a prescribed medicine is
/// never moved (iron moves), a supplement may move, a first-thing medicine is checked against
/// the meal in its wait, and no answer repeats a drug's name (issue #15, mixed messages).
#[cfg(test)]
mod catalog_checks {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::sync::Arc;

    use chrono::{TimeZone, Utc};

    use crate::model::RegimenKind;
    use crate::rules::catalog::CATALOG;
    use crate::rules::check::movable;
    use crate::{FixedClock, ProfileSettings, QuietLegs, RegimenInput};

    fn diary(dir: &std::path::Path, breakfast: Option<&str>) -> Arc<QuietLegs> {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 4, 0, 0).unwrap();
        let q = QuietLegs::open_at(&dir.join("d.db"), Arc::new(FixedClock(now))).unwrap();
        q.set_profile(ProfileSettings {
            time_zone: "Europe/Berlin".into(),
            bedtime: "23:00".into(),
            wake_time: "06:00".into(),
            breakfast: breakfast.map(str::to_owned),
            ..ProfileSettings::default()
        })
        .unwrap();
        q.add_regimen(RegimenInput {
            kind: RegimenKind::Iron,
            name: "Ferrous sulfate".into(),
            dose_mg: Some(65.0),
            times: vec![],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: Some("2026-11-01".into()),
            stop_date: None,
            start_date_unknown: false,
        })
        .unwrap();
        q
    }

    /// A daily medicine at `at` (local `HH:MM`) from 2026-11-01, as `regimen add med` makes it.
    fn medicine(q: &QuietLegs, name: &str, at: &str) {
        q.add_regimen(RegimenInput {
            kind: RegimenKind::Medication,
            name: name.into(),
            dose_mg: None,
            times: vec![at.into()],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: Some("2026-11-01".into()),
            stop_date: None,
            start_date_unknown: false,
        })
        .unwrap();
    }

    /// Issue #15: `check X --at 15:00` is today at 15:00 in the diary's zone; a time of day
    /// the clocks skipped is refused naming `at`, and nothing else is read into it.
    #[test]
    fn check_at_a_time_of_day_is_today_in_the_diary_zone() {
        let dir = tempfile::tempdir().unwrap();
        let q = diary(dir.path(), Some("07:00"));
        let short = q
            .check_intake("coffee".into(), Some("15:00".into()))
            .unwrap();
        let long = q
            .check_intake("coffee".into(), Some("2026-11-21T15:00".into()))
            .unwrap();
        assert_eq!(short, long);
        let early = q.check_intake("milk".into(), Some("06:45".into())).unwrap();
        assert_eq!(
            early,
            q.check_intake("milk".into(), Some("2026-11-21T06:45".into()))
                .unwrap()
        );
        for bad in ["25:00", "3pm", "15h"] {
            match q.check_intake("coffee".into(), Some(bad.into())) {
                Err(crate::QuietLegsError::InvalidInput { field, .. }) => {
                    assert_eq!(field, "at", "{bad}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        // 29 March 2026, Europe/Berlin: 02:00-03:00 does not exist.
        let spring = Utc.with_ymd_and_hms(2026, 3, 29, 6, 0, 0).unwrap();
        let q2 =
            QuietLegs::open_at(&dir.path().join("d.db"), Arc::new(FixedClock(spring))).unwrap();
        drop(q);
        match q2.check_intake("coffee".into(), Some("02:30".into())) {
            Err(crate::QuietLegsError::InvalidInput { field, reason }) => {
                assert_eq!(field, "at");
                assert!(reason.contains("does not exist on 2026-03-29"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(q2
            .check_intake("coffee".into(), Some("03:30".into()))
            .is_ok());
    }

    #[test]
    fn a_prescribed_medicine_keeps_its_time_and_iron_moves() {
        let dir = tempfile::tempdir().unwrap();
        // Iron is planned on waking at 06:00; every timing drug is asked about at 06:30.
        let q = diary(dir.path(), None);
        let mut seen = 0;
        for m in CATALOG.iter() {
            let Some(s) = m.substance() else { continue };
            for name in std::iter::once(m.generic).chain(m.brands.iter().copied()) {
                let r = q
                    .check_intake(name.to_owned(), Some("2026-11-21T06:30".into()))
                    .unwrap();
                assert!(r.conflict, "{name}: {r:?}");
                if movable(s) {
                    assert!(r.earliest_ok.is_some(), "{name}: {r:?}");
                } else {
                    seen += 1;
                    assert!(r.earliest_ok.is_none(), "{name} was moved: {r:?}");
                    // No regimen: 06:30 is no prescribed time, so never "as prescribed".
                    assert!(
                        r.message.contains("a time not in your medicines")
                            && !r.message.contains("as prescribed"),
                        "{name}: {r:?}"
                    );
                    assert!(!r.message.contains("earliest time"), "{name}: {r:?}");
                    let iron = r.iron_ok.as_ref().expect(name);
                    assert!(iron.local.as_str() > "2026-11-21T06:30", "{name}: {r:?}");
                }
                assert!(!r.message.contains("(("), "{name}: {r:?}");
            }
        }
        assert!(seen > 40, "only {seen} prescribed timing names checked");
    }

    #[test]
    fn a_first_thing_medicine_is_not_ok_with_breakfast_inside_its_wait() {
        let dir = tempfile::tempdir().unwrap();
        // Breakfast 45 min after waking: inside ibandronate's wait, outside alendronate's.
        let q = diary(dir.path(), Some("06:45"));
        let mut seen = 0;
        for m in CATALOG.iter() {
            let Some(s) = m.substance() else { continue };
            if !s.gap().first_thing {
                continue;
            }
            let r = q
                .check_intake(m.generic.to_owned(), Some("2026-11-21T06:00".into()))
                .unwrap();
            let inside = s.gap().iron_after() > chrono::Duration::minutes(45);
            assert_eq!(r.conflict, inside, "{}: {r:?}", m.generic);
            if inside {
                seen += 1;
                assert!(r.message.contains("breakfast at 06:45"), "{r:?}");
                assert!(r.earliest_ok.is_none(), "{r:?}");
            }
        }
        assert!(seen >= 1, "no first-thing drug with a wait over 45 min");
    }

    /// Issue #15 (fresh review): breakfast 07:30 and Boniva/Fosamax at 08:00 is not "first
    /// thing on waking": the dose's plan note says what the label asks (60/30 min, from the
    /// evidence table), and the prescribed time stays 08:00.
    #[test]
    fn a_first_thing_medicine_after_breakfast_is_flagged_not_moved() {
        for (drug, wait) in [("Boniva", "1 h"), ("Fosamax", "30 min")] {
            let dir = tempfile::tempdir().unwrap();
            let q = diary(dir.path(), Some("07:30"));
            medicine(&q, drug, "08:00");
            let plan = q.plan(Some("2026-11-21".into())).unwrap();
            let dose = plan.items.iter().find(|i| i.title == drug).expect(drug);
            assert!(
                dose.why.contains("after your breakfast at 07:30"),
                "{dose:?}"
            );
            assert!(
                dose.why.contains(&format!("at least {wait} before")),
                "{dose:?}"
            );
            assert!(dose.why.contains(&format!("{drug} at 08:00")), "{dose:?}");
        }
    }

    #[test]
    fn the_reminder_of_a_first_thing_medicine_names_the_meal_in_its_wait() {
        for (drug, inside) in [("Boniva", true), ("Fosamax", false)] {
            let dir = tempfile::tempdir().unwrap();
            let q = diary(dir.path(), Some("06:45"));
            medicine(&q, drug, "06:00");
            let plan = q.plan(Some("2026-11-21".into())).unwrap();
            let dose = plan.items.iter().find(|i| i.title == drug).expect(drug);
            assert_eq!(dose.why.contains("breakfast at 06:45"), inside, "{dose:?}");
        }
    }

    #[test]
    fn a_medicine_no_timing_fixes_rides_on_every_iron_reminder_named_once() {
        for m in CATALOG.iter().filter(|m| m.class.no_timing_fix()) {
            let dir = tempfile::tempdir().unwrap();
            let q = diary(dir.path(), None);
            let name = m.brands.first().copied().unwrap_or(m.generic);
            medicine(&q, name, "12:00");
            let plan = q.plan(Some("2026-11-21".into())).unwrap();
            let iron = plan
                .items
                .iter()
                .find(|i| i.kind == crate::rules::plan::ReminderKind::Iron)
                .expect(name);
            assert!(iron.why.contains(name), "{name}: {}", iron.why);
            assert!(iron.why.contains("discuss"), "{name}: {}", iron.why);
            assert!(!iron.why.contains("(("), "{name}: {}", iron.why);
            let r = q.check_intake(name.to_owned(), None).unwrap();
            // It lowers absorption whatever the time: never "ok", and no time to move to.
            assert!(
                r.conflict && r.earliest_ok.is_none() && r.iron_ok.is_none(),
                "{r:?}"
            );
            assert_eq!(
                r.message.matches(m.generic).count(),
                1 + m.class.note().matches(m.generic).count(),
                "{r:?}"
            );
        }
    }
}
