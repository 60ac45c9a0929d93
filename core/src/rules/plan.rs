//! The day's plan (SPEC §2.3): iron, vitamin C, medicines, and the bedtime routine, each with its
//! time, why, and source. Reminders are made from it.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::day::WakingDay;
use super::groups;
use super::interactions::substance_of;
use super::iron::{iron_plan, scheduled_times, IronDay, IronPlan};
use super::regimen::dose_day;
use super::weekly_irls;
use super::Diary;
use crate::evidence::{self as ev, minutes, Evidence, Source};
use crate::model::{RegimenItem, RegimenKind};

/// What a plan item or reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Oral iron, in its planned window.
    Iron,
    /// Vitamin C with iron.
    VitaminC,
    /// Magnesium before bed.
    Magnesium,
    /// A medicine at its time.
    MedicationDose,
    /// Warm socks on (opt-in routine).
    WarmSocks,
    /// Last call for vigorous exercise (opt-in routine).
    ExerciseCutoff,
    /// The evening check-in.
    EveningCheck,
    /// A warm bath (opt-in routine; never in pregnancy).
    WarmBath,
    /// A short walk or stretch before bed (opt-in routine).
    Movement,
    /// The morning diary prompt.
    MorningDiary,
    /// Ferritin and TSAT are due.
    LabRecheck,
}

impl ReminderKind {
    /// The kind's short name in reminder ids (`vitamin-c`, `dose`).
    pub fn slug(self) -> &'static str {
        match self {
            ReminderKind::Iron => "iron",
            ReminderKind::VitaminC => "vitamin-c",
            ReminderKind::Magnesium => "magnesium",
            ReminderKind::MedicationDose => "dose",
            ReminderKind::WarmSocks => "warm-socks",
            ReminderKind::ExerciseCutoff => "exercise-cutoff",
            ReminderKind::EveningCheck => "evening-check",
            ReminderKind::WarmBath => "warm-bath",
            ReminderKind::Movement => "movement",
            ReminderKind::MorningDiary => "morning-diary",
            ReminderKind::LabRecheck => "lab-recheck",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    pub kind: ReminderKind,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub title: String,
    pub why: String,
    pub source: Source,
    /// The regimen item a dose reminder is for.
    pub regimen_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub wake: DateTime<Utc>,
    pub bed: DateTime<Utc>,
    pub iron: IronPlan,
    /// Sorted by start time.
    pub items: Vec<PlanItem>,
}

fn item(
    kind: ReminderKind,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    title: &str,
    e: Evidence,
) -> PlanItem {
    PlanItem {
        kind,
        start,
        end,
        title: title.to_owned(),
        why: e.rule.to_owned(),
        source: e.source,
        regimen_id: None,
    }
}

/// Said beside every routine item: no guideline grades them (SPEC §2.3).
pub const ROUTINE_NOT_GRADED: &str =
    "People with RLS report it helps; not tested in trials (not graded by AASM 2025 or IRLSSG).";

/// A length of time in words: "4 h", "90 min".
fn span_words(e: Evidence) -> String {
    if e.value >= 60.0 && e.value % 60.0 == 0.0 {
        format!("{:.0} h", e.value / 60.0)
    } else {
        format!("{:.0} min", e.value)
    }
}

/// Why the warm-socks item is when it is, from the person's own bedtime (SPEC §2.3; numbers
/// from `WARM_SOCKS_BEFORE_BED_MIN` and `WARM_SOCKS_DURATION_MIN`).
fn warm_socks_why(day: &WakingDay, from: DateTime<Utc>, until: DateTime<Utc>) -> String {
    format!(
        "Warm socks or leg warmth from {} to {}, {} before your {} bedtime.",
        day.hhmm(from),
        day.hhmm(until),
        span_words(ev::WARM_SOCKS_BEFORE_BED_MIN),
        day.hhmm(day.bed)
    )
}

/// The warm-bath title, its length from `WARM_BATH_DURATION_MIN`.
pub fn warm_bath_title() -> String {
    format!(
        "Warm bath (up to {:.0} min)",
        ev::WARM_BATH_DURATION_MIN.value
    )
}

/// Why the warm bath is when it is, from the person's own bedtime (`WARM_BATH_BEFORE_BED_MIN`,
/// `WARM_BATH_DURATION_MIN`); never in pregnancy.
fn warm_bath_why(day: &WakingDay, from: DateTime<Utc>) -> String {
    format!(
        "A warm bath of up to {:.0} min from {}, {} before your {} bedtime. Not in pregnancy.",
        ev::WARM_BATH_DURATION_MIN.value,
        day.hhmm(from),
        span_words(ev::WARM_BATH_BEFORE_BED_MIN),
        day.hhmm(day.bed)
    )
}

/// The reminder kind of a regimen item's own dose reminders; `None` for iron and vitamin C,
/// which are planned with the iron window.
pub fn dose_kind(r: &RegimenItem) -> Option<ReminderKind> {
    match r.kind {
        RegimenKind::Iron | RegimenKind::VitaminC => None,
        RegimenKind::Magnesium => Some(ReminderKind::Magnesium),
        RegimenKind::Medication | RegimenKind::Supplement => Some(ReminderKind::MedicationDose),
    }
}

/// The instants the plan of waking day `day` reminds regimen item `r` at, earliest first (two
/// clock times the clocks skip can name the same instant: both are kept). None on a day that
/// is not its dose day, or for iron and vitamin C ([`dose_kind`]). An item the kidney rule
/// leaves out ([`groups::Kidney::drops`]) is the caller's to skip. The position in this list is
/// the dose's place among the day's doses of `r` ([`super::reminders::Occurrence::slot`]).
pub fn planned_doses(r: &RegimenItem, day: &WakingDay) -> Vec<DateTime<Utc>> {
    scheduled_doses(r, day)
        .into_iter()
        .map(|(_, at)| at)
        .collect()
}

/// [`planned_doses`] with the clock time each was set for (`None`: magnesium with no time,
/// a span before bed).
fn scheduled_doses(r: &RegimenItem, day: &WakingDay) -> Vec<(Option<NaiveTime>, DateTime<Utc>)> {
    if dose_kind(r).is_none() || !dose_day(r, day.date) {
        return Vec::new();
    }
    let mut at: Vec<(Option<NaiveTime>, DateTime<Utc>)> = if r.times.is_empty() {
        scheduled_times(r, day)
            .into_iter()
            .map(|t| (None, t))
            .collect()
    } else {
        r.times.iter().map(|t| (Some(*t), day.place(*t))).collect()
    };
    // Stable: the plan's own sort (by time, then kind) keeps this order for one item's doses.
    at.sort_by_key(|(_, t)| *t);
    at
}

/// What a dose reminder says when the clocks skip its set time (SPEC §3: it moves to the first
/// minute after the gap, and each scheduled dose is kept or said): the time it was set for, and
/// the other doses of the same item the gap moves to the same minute, so two reminders at one
/// minute never read as one dose reminded twice. No dosing advice: how to space them is the
/// prescriber's or pharmacist's call.
fn moved_dose_note(
    day: &WakingDay,
    set: NaiveTime,
    at: DateTime<Utc>,
    doses: &[(Option<NaiveTime>, DateTime<Utc>)],
) -> Option<String> {
    let local = at.with_timezone(&day.tz);
    if local.time() == set {
        return None;
    }
    let hhmm = |t: NaiveTime| t.format("%H:%M").to_string();
    let together: Vec<String> = doses
        .iter()
        .filter(|(_, t)| *t == at)
        .filter_map(|(s, _)| s.map(hhmm))
        .collect();
    let mut note = format!(
        "{} does not exist on {} (the clocks go forward), so this dose is reminded at {}.",
        hhmm(set),
        local.date_naive(),
        hhmm(local.time())
    );
    if let Some((last, first)) = together.split_last().filter(|(_, f)| !f.is_empty()) {
        note = format!(
            "{note} Your doses set for {} and {last} {} move to {}: one reminder for each; ask your doctor or pharmacist how to space them.",
            first.join(", "),
            if first.len() == 1 { "both" } else { "all" },
            hhmm(local.time()),
        );
    }
    Some(note)
}

/// The plan for the waking day that starts on `date`.
pub fn day_plan(diary: &Diary<'_>, date: NaiveDate) -> DayPlan {
    let day = WakingDay::of(diary.profile, date);
    let bed = day.bed;
    let iron = iron_plan(diary, date);
    let mut items = Vec::new();

    if let IronDay::Window(w) = &iron.day {
        // A time the person set is a moment, not a window (`iron::fixed_time`).
        let mut it = item(
            ReminderKind::Iron,
            w.start,
            (w.end > w.start).then_some(w.end),
            "Iron",
            ev::IRON_AFTER_FOOD_MIN,
        );
        it.why = format!("{}; {}", w.reason, w.end_reason);
        // The rule that set the start is the one cited: a label's interval (levothyroxine), or
        // a convention (coffee, food), never "a drug label" for a convention.
        it.source = w.source;
        // A medicine no timing fixes (mycophenolate, a PPI…) goes with every iron reminder, so
        // the reminder never reads as if the timing settled it.
        if !iron.flags.is_empty() {
            it.why = format!("{}. Also: {}", it.why, iron.flags.join(" Also: "));
        }
        it.regimen_id = iron.item_id.clone();
        items.push(it);
        if iron.with_vitamin_c {
            let mut c = item(
                ReminderKind::VitaminC,
                w.start,
                None,
                "Vitamin C with your iron",
                ev::VITAMIN_C_WITH_IRON_MG,
            );
            c.regimen_id = diary
                .regimen
                .iter()
                .find(|r| r.kind == RegimenKind::VitaminC && dose_day(r, date))
                .map(|r| r.meta.id.to_string());
            items.push(c);
        }
    }
    let kidney = groups::kidney(diary.profile, diary.labs);
    // SPEC §2.3: no magnesium, by kind or by name, with eGFR < 30 or dialysis; the kidney
    // flag and the entry's warning say why.
    for r in diary.regimen.iter().filter(|r| !kidney.drops(r)) {
        let Some(kind) = dose_kind(r) else { continue };
        let e = if kind == ReminderKind::Magnesium {
            ev::MAGNESIUM_BEFORE_BED_MIN
        } else {
            ev::IRON_AFTER_FOOD_MIN
        };
        let doses = scheduled_doses(r, &day);
        for &(set, at) in &doses {
            let mut it = item(kind, at, None, &r.name, e);
            if kind == ReminderKind::MedicationDose {
                it.why = "Your scheduled dose.".to_owned();
                it.source = Source::Product;
                // A first-thing medicine (ibandronate, alendronate) with a meal, drink or
                // medicine inside its wait: its reminder says so, from the label's interval.
                if let Some(s) = substance_of(r).filter(|s| s.gap().first_thing) {
                    if let Some(super::check::IntakeCheck::Conflict { message, .. }) =
                        super::check::first_thing_wait(diary, s, &r.name, at)
                    {
                        it.why = format!("Your scheduled dose. {message}");
                        it.source = Source::DrugLabel;
                    }
                }
            } else if r.times.is_empty() {
                it.end = Some(day.before_bed(minutes(ev::MAGNESIUM_WINDOW_LATEST_MIN)));
            }
            if let Some(note) = set.and_then(|set| moved_dose_note(&day, set, at, &doses)) {
                it.why = format!("{} {note}", it.why);
            }
            it.regimen_id = Some(r.meta.id.to_string());
            items.push(it);
        }
    }
    // SPEC §2.3: the routine is opt-in, and none of it is graded by a guideline.
    let routine = diary.profile.routine;
    let untested = |mut it: PlanItem| {
        it.why = format!("{} {}", it.why, ROUTINE_NOT_GRADED);
        it
    };
    if routine.warm_socks {
        let socks = day.before_bed(minutes(ev::WARM_SOCKS_BEFORE_BED_MIN));
        let until = socks + minutes(ev::WARM_SOCKS_DURATION_MIN);
        let mut it = item(
            ReminderKind::WarmSocks,
            socks,
            Some(until),
            "Warm socks on",
            ev::WARM_SOCKS_BEFORE_BED_MIN,
        );
        // The times follow this person's bedtime: the seed article's 19:00-20:00 was for a
        // 23:00 bedtime, so the rule is kept relative to bed (WARM_SOCKS_BEFORE_BED_MIN).
        it.why = warm_socks_why(&day, socks, until);
        items.push(untested(it));
    }
    if routine.exercise_cutoff {
        items.push(untested(item(
            ReminderKind::ExerciseCutoff,
            day.before_bed(minutes(ev::VIGOROUS_EXERCISE_CUTOFF_MIN)),
            None,
            "Last call for vigorous exercise",
            ev::VIGOROUS_EXERCISE_CUTOFF_MIN,
        )));
    }
    items.push(item(
        ReminderKind::EveningCheck,
        day.before_bed(minutes(ev::EVENING_CHECK_BEFORE_BED_MIN)),
        None,
        "Evening check-in: any symptoms yet?",
        ev::EVENING_CHECK_BEFORE_BED_MIN,
    ));
    // Heat exposure in pregnancy (PMID 16998815): no hot bath, whatever the choice.
    if routine.warm_bath && !groups::pregnant_on(diary.profile, date) {
        let bath = day.before_bed(minutes(ev::WARM_BATH_BEFORE_BED_MIN));
        let mut it = item(
            ReminderKind::WarmBath,
            bath,
            Some(bath + minutes(ev::WARM_BATH_DURATION_MIN)),
            &warm_bath_title(),
            ev::WARM_BATH_BEFORE_BED_MIN,
        );
        it.why = warm_bath_why(&day, bath);
        items.push(untested(it));
    }
    if routine.movement {
        items.push(untested(item(
            ReminderKind::Movement,
            day.before_bed(minutes(ev::MOVEMENT_WINDOW_MIN)),
            Some(bed),
            "A short walk or stretch before bed",
            ev::MOVEMENT_WINDOW_MIN,
        )));
    }
    let next = date
        .succ_opt()
        .map(|d| WakingDay::of(diary.profile, d).wake)
        .unwrap_or(bed);
    let mut diary_prompt = item(
        ReminderKind::MorningDiary,
        next,
        None,
        "How was last night?",
        ev::QUICK_SEVERITY_MAX,
    );
    diary_prompt.why = "A quick rating of the night keeps the diary honest.".to_owned();
    let prompt_day = date.succ_opt().unwrap_or(date);
    if weekly_irls::due(&weekly_irls::weekly_ratings(diary.events), prompt_day) {
        // SPEC §2.7: the IRLS rates the past week, so it is asked once a week, not nightly.
        diary_prompt.title = "How was last night? This week's IRLS is due too".to_owned();
        diary_prompt.why = format!(
            "A quick rating of the night keeps the diary honest. {}",
            ev::IRLS_PERIOD_DAYS.rule
        );
    }
    items.push(diary_prompt);

    items.sort_by(|a, b| a.start.cmp(&b.start).then(a.kind.cmp(&b.kind)));
    DayPlan {
        date,
        wake: day.wake,
        bed,
        iron,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole hours are said in hours and anything else in minutes: a rule of 90 minutes must
    /// never read "2 h" (no constant of today's table is 90, so the plan's own tests cannot
    /// tell; found by the mutation run).
    #[test]
    fn spans_are_said_in_whole_hours_or_in_minutes() {
        let span = |value| {
            span_words(Evidence {
                value,
                ..ev::WARM_BATH_BEFORE_BED_MIN
            })
        };
        assert_eq!(span(60.0), "1 h");
        assert_eq!(span(120.0), "2 h");
        assert_eq!(span(90.0), "90 min");
        assert_eq!(span(45.0), "45 min");
    }

    /// A medicine taken every other day is reminded on its dose days only, and iron never
    /// through this list (the iron window plans it).
    #[test]
    fn doses_are_planned_on_dose_days_only_and_never_for_iron() {
        use crate::model::{Profile, RecordMeta};
        use chrono::{TimeZone, Utc};
        let day = |s: &str| WakingDay::of(&Profile::default(), s.parse().unwrap());
        let every_other_day = RegimenItem {
            meta: RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t"),
            kind: RegimenKind::Medication,
            name: "levothyroxine".into(),
            dose_mg: None,
            times: vec!["08:00".parse().unwrap()],
            every_n_days: 2,
            with_vitamin_c: false,
            start_date: "2026-11-01".parse().unwrap(),
            stop_date: None,
            start_source: crate::model::StartSource::Given,
        };
        assert_eq!(planned_doses(&every_other_day, &day("2026-11-03")).len(), 1);
        assert!(planned_doses(&every_other_day, &day("2026-11-02")).is_empty());
        let iron = RegimenItem {
            kind: RegimenKind::Iron,
            ..every_other_day
        };
        assert!(planned_doses(&iron, &day("2026-11-03")).is_empty());
    }
}
