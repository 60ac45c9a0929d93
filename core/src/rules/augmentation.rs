//! Augmentation screening for people on dopaminergic RLS drugs (SPEC §2.5, MPI 2007).
//!
//! The last 7 nights are the 7 completed nights before today (`today - 7` to `today - 1`; the
//! night of date D is the evening of D and the sleep after it, so tonight is not over yet).
//! "Today" is the date of the night that has ended ([`crate::rules::day::waking_date`]): before
//! the person's wake time it is the calendar date minus one, so at 02:00 the night still in
//! progress is not counted and the window does not move at midnight (issue #15).
//! They are compared with a baseline:
//! - the diary of the period when treatment first worked (its first 28 days), but only when the
//!   person gave the start date and the diary began before it (a night in the 28 days before
//!   the start) — a diary begun on the drug, or from a start date nobody gave, cannot show when
//!   the drug first worked. Onset and spread are compared with the nights before the drug when
//!   the diary has enough of them, else with the questionnaire's usual onset, else with the
//!   first weeks;
//! - otherwise the short questionnaire (usual onset before the drug, severity when it first
//!   worked, spread, relief duration, dose increases).
//!
//! "The start" is that of dopaminergic treatment (issue #15): the earliest start of any
//! dopamine agonist or levodopa entry begun before the drug, stopped ones included, so that
//! after a switch from ropinirole to pramipexole the nights on ropinirole are treatment, not
//! "before the drug". Each dopaminergic drug is judged on its own (the entries of one drug by
//! any name together) and the strongest verdict is shown, so one entry's unknown start never
//! hides another drug's possible augmentation. Within the first 28 days of unbroken treatment
//! it is too early to judge: there is no period when the drug worked to compare with yet.
//!
//! Each MPI-2007 part is met, not met, or undecided (a missing answer or unlogged night could
//! change it). Criterion A: worse than when the drug first worked on at least 5 of the last 7
//! nights; with nights unrated it is met only once 5 are worse, not met once 5 are out of
//! reach, undecided between. Criterion B: onset at least 4 h earlier, or 2-4 h earlier with
//! spread to the arms or trunk or a dose relieving for a shorter time. MPI-2007's "greater
//! intensity" is not taken from the nightly severity rating, which already feeds criterion A
//! (one rating would count twice); without a separate intensity answer it adds nothing.
//!
//! The verdict is typed ([`AugmentationVerdict`]):
//! - possible augmentation: both parts met — "discuss with your doctor; do not change the dose
//!   yourself", with the evidence, the latest ferritin and any worsening medicine (IRLSSG 2016
//!   treats those first);
//! - some signs: a part met, or symptoms starting 2 h or more earlier (a partial sign even
//!   without a further change), and not both parts met. When the other part is undecided the
//!   message shows the signs found, names the nights to log or the answers to give, and says
//!   "discuss with your doctor". A clinician shown 4 logged nights of 7, all worse, with onset
//!   6 h earlier, wants to hear of it now: MPI-2007's "5 of 7" cannot be confirmed from 4
//!   nights, so it is not called possible augmentation, but it is never a silent "cannot
//!   judge" either (issue #15);
//! - no sign: both parts judged and not met, and onset less than 2 h earlier;
//! - incomplete: what is logged shows no sign and a part is undecided; it names what is
//!   missing. It never reassures without the data to judge.

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use super::catalog::{lookup, DrugClass, MedicineEffect};
use super::regimen::active_on;
use super::regimen_entry::medicine_key;
use super::stats::median;
use super::Diary;
use crate::evidence as ev;
use crate::model::{Analyte, AugmentationBaseline, BodyArea, Night, RegimenItem};

/// What the augmentation screen compared the last 7 nights with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// No baseline: no usable diary of the first weeks on the drug and no questionnaire.
    None,
    /// The diary of the first weeks on the drug (when it first worked), with the weeks before
    /// it for onset and spread when logged.
    Diary,
    /// The person's answers to the short questionnaire.
    Questionnaire,
}

/// What the augmentation screen concluded (MPI 2007 criteria A and B).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AugmentationVerdict {
    /// Not on a dopaminergic RLS drug: no screen.
    NotApplicable,
    /// The screen cannot judge yet and what is logged shows no sign: `missing` names the
    /// answers or nights that could change the answer. Never read as reassurance.
    Incomplete,
    /// Both parts were judged and neither is met, and symptoms start less than 2 h earlier.
    NoSign,
    /// A sign without the full pattern: one part is met (worse on 5 of the last 7 nights, or
    /// symptoms starting earlier as MPI-2007 defines it), or symptoms start 2 h or more
    /// earlier; the other part is not met, or not decided yet (then `missing` names the nights
    /// or answers that would decide it). Discuss with your doctor.
    SomeSigns,
    /// Both parts are met: possible augmentation, discuss with your doctor.
    Possible,
}

impl AugmentationVerdict {
    /// The screen's heading in words, for a shell to show above the message.
    pub fn title(self) -> &'static str {
        match self {
            AugmentationVerdict::NotApplicable => {
                "Augmentation screen: not on a dopaminergic RLS drug"
            }
            AugmentationVerdict::Incomplete => "Augmentation screen: incomplete, cannot judge yet",
            AugmentationVerdict::NoSign => "Augmentation screen: no sign of augmentation",
            AugmentationVerdict::SomeSigns => {
                "Augmentation screen: some signs, not the full pattern"
            }
            AugmentationVerdict::Possible => {
                "Augmentation screen: possible augmentation, discuss with your doctor"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AugmentationScreen {
    /// The dopaminergic drug(s) screened for; empty when none is taken.
    pub drugs: Vec<String>,
    pub started: Option<NaiveDate>,
    /// The person gave the start date of every drug screened for (not defaulted or unknown).
    pub start_known: bool,
    pub verdict: AugmentationVerdict,
    /// `verdict == Possible`.
    pub flagged: bool,
    pub message: String,
    /// What the screen needs before it can decide both parts: set for `Incomplete`, and for
    /// `SomeSigns` while a part is undecided; empty otherwise.
    pub missing: Vec<String>,
    /// The nights of the window with no severity rating on the scale compared (not logged, or
    /// logged without a rating), oldest first: the nights to log.
    pub unrated_nights: Vec<NaiveDate>,
    pub baseline_nights: usize,
    pub recent_nights: usize,
    pub baseline_onset_median: Option<NaiveTime>,
    pub recent_onset_median: Option<NaiveTime>,
    /// How much earlier symptoms start now, minutes (negative: later).
    pub onset_earlier_minutes: Option<i64>,
    pub nights_worse_than_baseline: usize,
    /// Recent nights with a severity rating on the scale compared.
    pub nights_rated: usize,
    /// The baseline severity is known (diary median, or the questionnaire's answer).
    pub baseline_severity_known: bool,
    pub spread_to_arms_or_trunk: bool,
    /// Whether symptoms reached the arms or trunk before is unknown while they do now.
    pub spread_unknown: bool,
    /// MPI-2007's "greater intensity" for the 2-4 h onset rule. Never derived from the nightly
    /// severity rating, which already feeds criterion A (worse on 5 of 7 nights): counted twice
    /// it would turn one finding into two (issue #15). No separate intensity answer exists
    /// yet, so it stays false and the 2-4 h rule rests on spread, relief and time at rest.
    pub higher_intensity: bool,
    /// What the last 7 nights were compared with.
    pub baseline_source: BaselineSource,
    /// A dose relieves for a shorter time than when the drug first worked (questionnaire).
    pub shorter_relief: bool,
    /// Relief then and now were both answered.
    pub relief_known: bool,
    /// Dose increases since the drug started (questionnaire), shown as evidence.
    pub dose_increases: Option<u32>,
    /// The latest ferritin (date, ng/mL): low iron is treated first (IRLSSG 2016).
    pub latest_ferritin: Option<(NaiveDate, f64)>,
    /// Active medicines that can worsen RLS, "name, a class": treated first (IRLSSG 2016).
    pub worsening_medicines: Vec<String>,
    /// The first and last night of the recent window.
    pub window: (NaiveDate, NaiveDate),
    /// With more than one dopaminergic drug, each drug's own verdict (its catalog name); the
    /// screen shows the strongest, so one drug never hides another's.
    pub per_drug: Vec<(String, AugmentationVerdict)>,
}

/// Minutes after noon, so that an evening onset and a 01:00 onset order correctly.
fn after_noon(t: NaiveTime) -> i64 {
    let m = i64::from(t.hour() * 60 + t.minute());
    if m < 12 * 60 {
        m + 12 * 60
    } else {
        m - 12 * 60
    }
}

fn from_after_noon(m: i64) -> Option<NaiveTime> {
    let of_day = (m + 12 * 60).rem_euclid(24 * 60);
    NaiveTime::from_hms_opt(
        u32::try_from(of_day / 60).ok()?,
        u32::try_from(of_day % 60).ok()?,
        0,
    )
}

/// The severity of a night on one scale, never mixing the quick rating and IRLS totals.
#[derive(Clone, Copy)]
enum Scale {
    Quick,
    Irls,
}

fn severity(n: &Night, s: Scale) -> Option<f64> {
    match s {
        Scale::Quick => n.quick_severity.map(f64::from),
        Scale::Irls => n.irls.map(|i| f64::from(i.total())),
    }
}

/// A dopaminergic RLS drug (dopamine agonist, ergot dopamine agonist, levodopa) by any name the
/// catalog knows.
pub fn is_dopaminergic(name: &str) -> bool {
    lookup(name)
        .iter()
        .any(|m| dopaminergic_class(m.medicine.class))
}

/// The classes screened (issue #15): augmentation occurs with every dopaminergic drug, the
/// ergot agonists (cabergoline, bromocriptine, pergolide) and the agonists no RLS guideline
/// grades (piribedil, apomorphine) included, at lower rates with the long-acting ones; each is
/// dopaminergic exposure for the others' "before the drug".
fn dopaminergic_class(c: DrugClass) -> bool {
    matches!(
        c,
        DrugClass::DopamineAgonist
            | DrugClass::ErgotDopamineAgonist
            | DrugClass::UngradedDopamineAgonist
            | DrugClass::Levodopa
    )
}

/// The medicine a dopaminergic entry is judged as ([`medicine_key`]: two entries of one drug,
/// "Pramipexole" and "Sifrol", are one drug; every levodopa product is levodopa), if any.
fn drug_key(name: &str) -> Option<&'static str> {
    lookup(name)
        .into_iter()
        .find(|m| dopaminergic_class(m.medicine.class))
        .map(|m| medicine_key(&m.medicine))
}

/// Every dopaminergic entry begun by `today`, stopped ones included (dopaminergic exposure),
/// with its drug, earliest start first.
fn dopaminergic_entries<'a>(
    diary: &Diary<'a>,
    today: NaiveDate,
) -> Vec<(&'a RegimenItem, &'static str)> {
    let mut v: Vec<(&RegimenItem, &'static str)> = diary
        .regimen
        .iter()
        .filter(|r| r.start_date <= today)
        .filter_map(|r| drug_key(&r.name).map(|k| (r, k)))
        .collect();
    v.sort_by_key(|(r, _)| r.start_date);
    v
}

/// Whether the person was on `r` on the night of `night`: from its start (from any time when
/// nobody gave the start: they were on it before it was entered) to its stop date.
fn covers(r: &RegimenItem, night: NaiveDate) -> bool {
    (night >= r.start_date || !r.start_source.is_known()) && r.stop_date.is_none_or(|s| night <= s)
}

/// One dopaminergic drug, judged on its own (issue #15: one entry's unknown start must not
/// wipe another's verdict), against the dopaminergic exposure before it.
struct Course<'a> {
    /// Its entries active today.
    active: Vec<&'a RegimenItem>,
    /// The start of dopaminergic treatment its baseline comes from: the earliest start of its
    /// own entries and of every dopaminergic entry (any drug, stopped too) begun before them.
    /// The weeks on ropinirole before a switch to pramipexole are treatment, not "before".
    exposure_start: NaiveDate,
    /// Every entry that sets or precedes `exposure_start` had its start given. An entry of
    /// another drug begun (by its stored date) after this drug's start never makes it unknown:
    /// judged on its own it goes to the questionnaire.
    exposure_known: bool,
    /// The name of the entry treatment began with.
    first_name: String,
    /// The entry whose start nobody gave, when `exposure_known` is false.
    unknown_start_of: Option<String>,
    /// The start of the unbroken dopaminergic treatment that goes on today, if every entry of
    /// it had its start given (for "too early to judge").
    current_start: Option<NaiveDate>,
}

impl Course<'_> {
    /// The start of the treatment going on, when it began less than the response period
    /// (evidence `AUGMENTATION_RESPONSE_WINDOW_DAYS`) before `today`: augmentation follows a
    /// period when the drug worked, so within its first weeks there is none to compare with
    /// and the questionnaire's "when it first worked" has no answer yet.
    fn too_early(&self, today: NaiveDate) -> Option<NaiveDate> {
        let response_days = ev::AUGMENTATION_RESPONSE_WINDOW_DAYS.value as i64;
        self.current_start
            .filter(|from| (today - *from).num_days() < response_days)
    }
}

/// The dopaminergic drugs active on `today`, each with its exposure, earliest first.
fn courses<'a>(entries: &[(&'a RegimenItem, &'static str)], today: NaiveDate) -> Vec<Course<'a>> {
    let mut keys: Vec<&'static str> = Vec::new();
    for (r, k) in entries {
        if active_on(r, today) && !keys.contains(k) {
            keys.push(*k);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let own: Vec<&RegimenItem> = entries
                .iter()
                .filter(|(_, k)| *k == key)
                .map(|(r, _)| *r)
                .collect();
            let drug_start = own.iter().map(|r| r.start_date).min()?;
            // Of one drug's entries begun the same first day, one given start is enough: a
            // second entry with "start unknown" does not unsay it.
            let drug_known = own
                .iter()
                .any(|r| r.start_date == drug_start && r.start_source.is_known());
            let earlier: Vec<&RegimenItem> = entries
                .iter()
                .map(|(r, _)| *r)
                .filter(|r| r.start_date < drug_start)
                .collect();
            let first = earlier
                .first()
                .copied()
                .or_else(|| own.iter().copied().find(|r| r.start_date == drug_start))?;
            let active: Vec<&RegimenItem> = own
                .iter()
                .copied()
                .filter(|r| active_on(r, today))
                .collect();
            let unknown_start_of = earlier
                .iter()
                .find(|r| !r.start_source.is_known())
                .or(if drug_known {
                    None
                } else {
                    own.iter().find(|r| r.start_date == drug_start)
                })
                .map(|r| r.name.trim().to_owned());
            Some(Course {
                unknown_start_of,
                exposure_start: first.start_date.min(drug_start),
                exposure_known: drug_known && earlier.iter().all(|r| r.start_source.is_known()),
                first_name: first.name.trim().to_owned(),
                current_start: current_start(&active, entries),
                active,
            })
        })
        .collect()
}

/// The start of the unbroken dopaminergic treatment going on now: the earliest start of the
/// drug's active entries, then back through every dopaminergic entry taken the night before;
/// `None` when an entry on that way has no given start.
fn current_start(
    active: &[&RegimenItem],
    entries: &[(&RegimenItem, &'static str)],
) -> Option<NaiveDate> {
    let first = active.iter().min_by_key(|r| r.start_date)?;
    if !active
        .iter()
        .any(|r| r.start_date == first.start_date && r.start_source.is_known())
    {
        return None;
    }
    let mut from = first.start_date;
    // Each step moves to an earlier start, so this ends within one step per entry.
    for _ in 0..entries.len() {
        let eve = from - chrono::Duration::days(1);
        let Some((r, _)) = entries
            .iter()
            .filter(|(r, _)| r.start_date < from && covers(r, eve))
            .min_by_key(|(r, _)| r.start_date)
        else {
            break;
        };
        if !r.start_source.is_known() {
            return None;
        }
        from = r.start_date;
    }
    Some(from)
}

/// The start of dopaminergic treatment behind each dopaminergic drug active on `today` (see
/// `Course::exposure_start`): the nights around them are the augmentation baselines.
pub fn dopaminergic_starts(diary: &Diary<'_>, today: NaiveDate) -> Vec<NaiveDate> {
    let entries = dopaminergic_entries(diary, today);
    let mut v: Vec<NaiveDate> = courses(&entries, today)
        .iter()
        .map(|c| c.exposure_start)
        .collect();
    v.dedup();
    v
}

/// The nights before treatment begun on `started` that the screen compares onset and spread
/// with, first and last: the [`ev::AUGMENTATION_BASELINE_WINDOW_DAYS`] days before it. The
/// diary is a baseline only with a night logged in them (and the start given); otherwise the
/// short questionnaire is needed (SPEC §2.5).
pub fn pre_drug_window(started: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days = ev::AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64;
    (
        started - chrono::Duration::days(days),
        started - chrono::Duration::days(1),
    )
}

/// The night dates of the last 7 completed nights: `today - 7` to `today - 1`. The night of
/// date D is the evening of D and the sleep after it, so the night of `today` is not over and
/// never counts (MPI 2007 judges the last 7 days).
pub fn recent_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value as i64;
    (
        today - chrono::Duration::days(window),
        today - chrono::Duration::days(1),
    )
}

fn median_onset(nights: &[&Night]) -> Option<f64> {
    median(
        nights
            .iter()
            .filter_map(|n| n.onset)
            .map(|t| after_noon(t) as f64)
            .collect(),
    )
}

fn beyond_legs(n: &&Night) -> bool {
    n.body_areas
        .iter()
        .any(|a| matches!(a, BodyArea::Arms | BodyArea::Trunk))
}

/// Where each verdict stands when drugs are compared: a weaker verdict never hides a stronger
/// one, and "cannot judge yet" outranks "no sign" (it never reassures).
fn strength(v: AugmentationVerdict) -> u8 {
    match v {
        AugmentationVerdict::NotApplicable => 0,
        AugmentationVerdict::NoSign => 1,
        AugmentationVerdict::Incomplete => 2,
        AugmentationVerdict::SomeSigns => 3,
        AugmentationVerdict::Possible => 4,
    }
}

fn verdict_words(v: AugmentationVerdict) -> &'static str {
    match v {
        AugmentationVerdict::NotApplicable => "not screened",
        AugmentationVerdict::Incomplete => "cannot judge yet",
        AugmentationVerdict::NoSign => "no sign",
        AugmentationVerdict::SomeSigns => "some signs",
        AugmentationVerdict::Possible => "possible augmentation",
    }
}

/// The screen before anything is judged: not applicable, nothing found.
fn unjudged(today: NaiveDate) -> AugmentationScreen {
    AugmentationScreen {
        drugs: Vec::new(),
        started: None,
        start_known: false,
        verdict: AugmentationVerdict::NotApplicable,
        flagged: false,
        message: String::new(),
        missing: Vec::new(),
        unrated_nights: Vec::new(),
        baseline_nights: 0,
        recent_nights: 0,
        baseline_onset_median: None,
        recent_onset_median: None,
        onset_earlier_minutes: None,
        nights_worse_than_baseline: 0,
        nights_rated: 0,
        baseline_severity_known: false,
        spread_to_arms_or_trunk: false,
        spread_unknown: false,
        higher_intensity: false,
        baseline_source: BaselineSource::None,
        shorter_relief: false,
        relief_known: false,
        dose_increases: None,
        latest_ferritin: None,
        worsening_medicines: Vec::new(),
        window: recent_window(today),
        per_drug: Vec::new(),
    }
}

/// Screens the diary, each dopaminergic drug on its own (two entries of one drug are one drug),
/// and shows the strongest verdict (of equal ones, the drug begun first): with more than one
/// drug the message ends with each one's.
/// `nights` must include the 28 days before and after each [`dopaminergic_starts`] date and the
/// last 7 completed nights, oldest first.
pub fn screen(diary: &Diary<'_>, nights: &[Night], today: NaiveDate) -> AugmentationScreen {
    let entries = dopaminergic_entries(diary, today);
    let courses = courses(&entries, today);
    let screens: Vec<(String, AugmentationScreen)> = courses
        .iter()
        .map(|c| {
            let key = c
                .active
                .first()
                .and_then(|r| drug_key(&r.name))
                .unwrap_or_default()
                .to_owned();
            (key, screen_course(diary, nights, today, c, &entries))
        })
        .collect();
    let per_drug: Vec<(String, AugmentationVerdict)> = screens
        .iter()
        .map(|(k, s)| (k.clone(), s.verdict))
        .collect();
    let Some((_, mut out)) = screens.into_iter().reduce(|a, b| {
        if strength(b.1.verdict) > strength(a.1.verdict) {
            b
        } else {
            a
        }
    }) else {
        let mut out = unjudged(today);
        out.message = "not on a dopaminergic RLS drug: no augmentation screen".into();
        return out;
    };
    out.drugs = courses
        .iter()
        .flat_map(|c| c.active.iter().map(|r| r.name.clone()))
        .collect();
    if per_drug.len() > 1 {
        let each: Vec<String> = per_drug
            .iter()
            .map(|(k, v)| format!("{k}: {}", verdict_words(*v)))
            .collect();
        out.message.push_str(&format!(
            " Each drug judged on its own: {}.",
            each.join("; ")
        ));
        out.per_drug = per_drug;
    }
    out
}

/// The screen of one drug, against the dopaminergic exposure before it; the message says so
/// when that exposure began with another drug (a switch from ropinirole to pramipexole).
fn screen_course(
    diary: &Diary<'_>,
    nights: &[Night],
    today: NaiveDate,
    course: &Course<'_>,
    entries: &[(&RegimenItem, &'static str)],
) -> AugmentationScreen {
    let mut out = screen_one(diary, nights, today, course, entries);
    let own_start = course.active.iter().map(|r| r.start_date).min();
    let began_before = own_start.is_some_and(|s| course.exposure_start < s)
        && !course
            .active
            .iter()
            .any(|r| r.name.trim() == course.first_name);
    if began_before && course.too_early(today).is_none() {
        out.message.push_str(&format!(
            " Dopaminergic treatment began with {} on {}: the weeks from then, not the start of {}, are when treatment first worked.",
            course.first_name,
            course.exposure_start,
            out.drugs.join(", ")
        ));
    }
    out
}

/// [`screen_course`] before its note on where treatment began.
fn screen_one(
    diary: &Diary<'_>,
    nights: &[Night],
    today: NaiveDate,
    course: &Course<'_>,
    entries: &[(&RegimenItem, &'static str)],
) -> AugmentationScreen {
    let (recent_from, recent_to) = recent_window(today);
    let started = course.exposure_start;
    let mut out = AugmentationScreen {
        drugs: course.active.iter().map(|r| r.name.clone()).collect(),
        started: Some(started),
        start_known: course.exposure_known,
        ..unjudged(today)
    };
    let response_days = ev::AUGMENTATION_RESPONSE_WINDOW_DAYS.value as i64;
    if let Some(from) = course.too_early(today) {
        let judge_from = from + chrono::Duration::days(response_days);
        let own_start = course.active.iter().map(|r| r.start_date).min();
        let began = if own_start == Some(from) {
            format!("{} was started on {from}", out.drugs.join(", "))
        } else {
            format!("dopaminergic treatment began on {from}")
        };
        out.verdict = AugmentationVerdict::Incomplete;
        out.missing = vec![format!(
            "time on the drug: {began}, less than {response_days} days ago, and augmentation can only be judged after the weeks when a drug first works (from {judge_from})"
        )];
        // Signs seen in these weeks are shown as information, never as a flag (fresh review
        // of #15: they were not shown at all).
        let signs = early_signs(&mut out, diary, nights, today, from, entries);
        out.message = if signs.is_empty() {
            format!(
                "Augmentation screen: too early to judge. {}; augmentation develops only after a drug has worked for a while, so the screen judges from {judge_from}. Keep logging your nights; if symptoms worry you, discuss them with your doctor.",
                sentence_case(&began)
            )
        } else {
            format!(
                "Augmentation screen: too early to judge. {}; augmentation develops only after a drug has worked for a while, so the screen judges from {judge_from}. Seen since the start, for information: {}. It is too early to judge augmentation; discuss with your doctor if this continues. Keep logging your nights.",
                sentence_case(&began),
                signs.join("; ")
            )
        };
        return out;
    }
    // MPI-2007 compares severity with the period when the drug first worked (its first weeks,
    // before the recent window), and onset and spread with the symptoms before treatment.
    let response_to = (started
        + chrono::Duration::days(ev::AUGMENTATION_RESPONSE_WINDOW_DAYS.value as i64))
    .min(recent_from);
    let baseline: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date >= started && n.night_date < response_to)
        .collect();
    let (pre_from, pre_to) = pre_drug_window(started);
    let before: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date >= pre_from && n.night_date <= pre_to)
        .collect();
    // A start nobody gave says nothing about which nights were on the drug: the person is on
    // it now, so every night of the window counts.
    let recent: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date >= recent_from && n.night_date <= recent_to)
        .filter(|n| !out.start_known || entries.iter().any(|(r, _)| covers(r, n.night_date)))
        .collect();
    out.baseline_nights = baseline.len();
    out.recent_nights = recent.len();
    out.latest_ferritin = diary
        .labs
        .iter()
        .filter(|l| l.analyte == Analyte::Ferritin && l.taken_on <= today)
        .max_by_key(|l| l.taken_on)
        .map(|l| (l.taken_on, l.value.canonical));
    out.worsening_medicines = diary
        .regimen
        .iter()
        .filter(|r| active_on(r, today))
        .flat_map(|r| {
            lookup(&r.name)
                .into_iter()
                .filter(|m| m.medicine.class.effect() == MedicineEffect::WorsensRls)
                .map(|m| m.medicine.described(&r.name))
                .collect::<Vec<_>>()
        })
        .collect();
    let answers = diary.profile.augmentation_baseline.as_ref();
    // The diary shows when the drug first worked only from a start the person gave, and only
    // when it began before the drug: a diary begun on the drug may begin after it stopped
    // working as well as it did.
    let why_not_diary = if !out.start_known {
        Some(format!(
            "when you started {} is not known (no start date was given), so the diary cannot show when it first worked",
            course.unknown_start_of.as_deref().unwrap_or(&course.first_name)
        ))
    } else if before.is_empty() {
        Some(format!(
            "the diary begins on or after the start ({started}, {}), so it cannot show how symptoms were before the drug and when it first worked",
            course.first_name
        ))
    } else if (baseline.len() as f64) < ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value {
        Some(format!(
            "the diary holds {} nights from the first weeks on the drug (from {started}); at least {:.0} are needed",
            baseline.len(),
            ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value
        ))
    } else {
        None
    };
    if let Some(why) = why_not_diary {
        if let Some(a) = answers {
            from_questionnaire(&mut out, a, &recent, started);
            return out;
        }
        out.verdict = AugmentationVerdict::Incomplete;
        out.missing = vec![format!(
            "the short questionnaire (when symptoms usually began before the drug, how bad they were when it first worked, whether they reached the arms, how long a dose relieved them then and now, any dose increases), because {why}"
        )];
        out.message = format!(
            "Augmentation screen incomplete, it cannot judge yet: no baseline to compare with, because {why}. Answer the short questionnaire: when symptoms usually began before the drug, how bad they were when it first worked, whether they reached the arms, how long a dose relieved them then and now, and any dose increases."
        );
        return out;
    }
    out.baseline_source = BaselineSource::Diary;
    // Relief and dose increases are not in the diary; answers to the questionnaire add them.
    if let Some(a) = answers {
        relief_and_doses(&mut out, a);
    }
    // The scale both periods share most: quick ratings unless IRLS is what was logged.
    let count = |v: &[&Night], s| v.iter().filter(|n| severity(n, s).is_some()).count();
    let scale = if count(&baseline, Scale::Quick).min(count(&recent, Scale::Quick))
        >= count(&baseline, Scale::Irls).min(count(&recent, Scale::Irls))
    {
        Scale::Quick
    } else {
        Scale::Irls
    };
    let base_sev = median(baseline.iter().filter_map(|n| severity(n, scale)).collect());
    out.baseline_severity_known = base_sev.is_some();
    out.nights_rated = count(&recent, scale);
    out.unrated_nights = unrated(out.window, &recent, scale);
    out.nights_worse_than_baseline = match base_sev {
        Some(b) => recent
            .iter()
            .filter(|n| severity(n, scale).is_some_and(|s| s > b))
            .count(),
        None => 0,
    };
    // Onset and spread: against the nights before the drug when the diary has enough of them,
    // else the usual onset the person recalled, else the first weeks on the drug (onset then
    // is rarely earlier than before treatment).
    let onset_before = before.iter().filter(|n| n.onset.is_some()).count() as f64
        >= ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value;
    let recalled = answers.and_then(|a| a.usual_onset);
    let (base_on, then) = if onset_before {
        (median_onset(&before), format!("before {started}"))
    } else if let Some(t) = recalled {
        (
            Some(after_noon(t) as f64),
            format!("before the drug (your answers; too few diary nights from before {started})"),
        )
    } else {
        (
            median_onset(&baseline),
            format!("in the first weeks on the drug (from {started})"),
        )
    };
    let recent_on = median_onset(&recent);
    out.baseline_onset_median = base_on.and_then(|m| from_after_noon(m.round() as i64));
    out.recent_onset_median = recent_on.and_then(|m| from_after_noon(m.round() as i64));
    out.onset_earlier_minutes = match (base_on, recent_on) {
        (Some(b), Some(r)) => Some((b - r).round() as i64),
        _ => None,
    };
    let spread_before_answer = answers.and_then(|a| a.spread_beyond_legs_before);
    let spread_before = before.iter().any(beyond_legs)
        || baseline.iter().any(beyond_legs)
        || spread_before_answer == Some(true);
    out.spread_to_arms_or_trunk = !spread_before && recent.iter().any(beyond_legs);

    let onset = match (out.baseline_onset_median, out.recent_onset_median) {
        (Some(b), Some(r)) => format!(
            "symptoms began around {} {then}, around {} in the last 7 nights",
            b.format("%H:%M"),
            r.format("%H:%M")
        ),
        _ => "onset times were not logged often enough to compare".into(),
    };
    decide(&mut out, &onset);
    out
}

/// What the nights since `from` (the start of treatment, less than the response period ago)
/// show against the symptoms before it, for information while it is too early to judge: onset
/// at least 2 h earlier (evidence `AUGMENTATION_ONSET_PARTIAL_MIN`) than before the drug (the
/// diary's nights before `from` when it has enough with an onset, else the questionnaire's
/// usual onset), symptoms now reaching the arms or trunk when they did not before, a dose
/// relieving for a shorter time (questionnaire). Sets the screen's evidence fields; the
/// verdict stays [`AugmentationVerdict::Incomplete`] and nothing is flagged. Empty when
/// nothing is seen or nothing can be compared.
fn early_signs(
    out: &mut AugmentationScreen,
    diary: &Diary<'_>,
    nights: &[Night],
    today: NaiveDate,
    from: NaiveDate,
    entries: &[(&RegimenItem, &'static str)],
) -> Vec<String> {
    let (recent_from, recent_to) = recent_window(today);
    let pre_from =
        from - chrono::Duration::days(ev::AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64);
    let before: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date < from && n.night_date >= pre_from)
        .collect();
    let since: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date >= recent_from.max(from) && n.night_date <= recent_to)
        .filter(|n| entries.iter().any(|(r, _)| covers(r, n.night_date)))
        .collect();
    out.recent_nights = since.len();
    let answers = diary.profile.augmentation_baseline.as_ref();
    if let Some(a) = answers {
        relief_and_doses(out, a);
    }
    let diary_onset = before.iter().filter(|n| n.onset.is_some()).count() as f64
        >= ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value;
    let (base_on, then) = if diary_onset {
        (median_onset(&before), "before the drug")
    } else {
        (
            answers
                .and_then(|a| a.usual_onset)
                .map(|t| after_noon(t) as f64),
            "before the drug (your answers)",
        )
    };
    let recent_on = median_onset(&since);
    out.baseline_onset_median = base_on.and_then(|m| from_after_noon(m.round() as i64));
    out.recent_onset_median = recent_on.and_then(|m| from_after_noon(m.round() as i64));
    out.onset_earlier_minutes = match (base_on, recent_on) {
        (Some(b), Some(r)) => Some((b - r).round() as i64),
        _ => None,
    };
    let spread_before = before.iter().any(beyond_legs)
        || answers.and_then(|a| a.spread_beyond_legs_before) == Some(true);
    let spread_known =
        !before.is_empty() || answers.and_then(|a| a.spread_beyond_legs_before).is_some();
    out.spread_to_arms_or_trunk = spread_known && !spread_before && since.iter().any(beyond_legs);
    let mut signs = Vec::new();
    if let (Some(m), Some(b), Some(r)) = (
        out.onset_earlier_minutes,
        out.baseline_onset_median,
        out.recent_onset_median,
    ) {
        if m as f64 >= ev::AUGMENTATION_ONSET_PARTIAL_MIN.value {
            signs.push(format!(
                "symptoms start {} earlier (around {} {then}, around {} in the nights since {from})",
                hours_minutes(m),
                b.format("%H:%M"),
                r.format("%H:%M")
            ));
        }
    }
    if out.spread_to_arms_or_trunk {
        signs.push("symptoms now reach the arms or trunk, which they did not before".into());
    }
    if out.shorter_relief {
        signs.push("a dose relieves for a shorter time than at first".into());
    }
    signs
}

/// Relief then and now, and dose increases, from the questionnaire.
fn relief_and_doses(out: &mut AugmentationScreen, a: &AugmentationBaseline) {
    out.dose_increases = a.dose_increases;
    out.relief_known = a.relief_hours_at_start.is_some() && a.relief_hours_now.is_some();
    out.shorter_relief = matches!(
        (a.relief_hours_at_start, a.relief_hours_now),
        (Some(then), Some(now)) if now < then
    );
}

/// The baseline from the questionnaire: its usual onset, its severity when the drug first
/// worked (quick 0-10 scale), whether symptoms already reached the arms or trunk, relief then
/// and now, dose increases.
fn from_questionnaire(
    out: &mut AugmentationScreen,
    a: &AugmentationBaseline,
    recent: &[&Night],
    started: NaiveDate,
) {
    out.baseline_source = BaselineSource::Questionnaire;
    relief_and_doses(out, a);
    let base_sev = a.severity_when_it_worked.map(f64::from);
    out.baseline_severity_known = base_sev.is_some();
    let recent_quick: Vec<f64> = recent
        .iter()
        .filter_map(|n| severity(n, Scale::Quick))
        .collect();
    out.nights_rated = recent_quick.len();
    out.unrated_nights = unrated(out.window, recent, Scale::Quick);
    out.nights_worse_than_baseline = match base_sev {
        Some(b) => recent_quick.iter().filter(|s| **s > b).count(),
        None => 0,
    };
    let recent_on = median_onset(recent);
    out.baseline_onset_median = a.usual_onset;
    out.recent_onset_median = recent_on.and_then(|m| from_after_noon(m.round() as i64));
    out.onset_earlier_minutes = match (a.usual_onset, recent_on) {
        (Some(b), Some(r)) => Some((after_noon(b) as f64 - r).round() as i64),
        _ => None,
    };
    let reaches_now = recent.iter().any(beyond_legs);
    out.spread_to_arms_or_trunk = a.spread_beyond_legs_before == Some(false) && reaches_now;
    out.spread_unknown = a.spread_beyond_legs_before.is_none() && reaches_now;
    let since = if out.start_known {
        format!("no diary from before {started}")
    } else {
        "the diary cannot show when the drug first worked".to_owned()
    };
    let onset = match (a.usual_onset, out.recent_onset_median) {
        (Some(b), Some(r)) => format!(
            "you recalled symptoms beginning around {} before the drug (your answers; {since}), and they began around {} in the last 7 nights",
            b.format("%H:%M"),
            r.format("%H:%M")
        ),
        _ => "onset times were not logged or recalled, so they cannot be compared".into(),
    };
    decide(out, &onset);
}

/// The nights of `window` (first and last, inclusive) that `recent` holds no rating for on
/// `scale`, oldest first.
fn unrated(window: (NaiveDate, NaiveDate), recent: &[&Night], scale: Scale) -> Vec<NaiveDate> {
    window
        .0
        .iter_days()
        .take_while(|d| *d <= window.1)
        .filter(|d| {
            !recent
                .iter()
                .any(|n| n.night_date == *d && severity(n, scale).is_some())
        })
        .collect()
}

/// Dates as a list in words: "2026-11-27", "2026-11-27 and 2026-11-30", "a, b and c".
fn date_list(days: &[NaiveDate]) -> String {
    let words: Vec<String> = days.iter().map(ToString::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// Minutes as "2 h 30 min", "4 h", "45 min".
fn hours_minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `text` with its first letter capitalised: it starts a sentence.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// MPI-2007 criterion A (worse on 5 of the last 7 nights): `Some(true)` met, `Some(false)` not
/// met even if every unrated night of the window were worse, `None` undecided (no baseline
/// severity, or too many nights unrated to tell).
fn severity_part(out: &AugmentationScreen) -> Option<bool> {
    let need = ev::AUGMENTATION_ROSE_NIGHTS.value;
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value as usize;
    let worse = out.nights_worse_than_baseline;
    if !out.baseline_severity_known {
        return None;
    }
    if worse as f64 >= need {
        return Some(true);
    }
    let unrated = window.saturating_sub(out.nights_rated);
    if ((worse + unrated) as f64) < need {
        Some(false)
    } else {
        None
    }
}

/// MPI-2007 criterion B (onset at least 4 h earlier, or 2-4 h earlier with spread, higher
/// intensity or shorter relief): as [`severity_part`]; undecided when onset cannot be compared,
/// or it is 2-4 h earlier and none of the further changes is shown while one is unknown.
fn onset_part(out: &AugmentationScreen) -> Option<bool> {
    let earlier = out.onset_earlier_minutes? as f64;
    if earlier >= ev::AUGMENTATION_ONSET_EARLIER_MIN.value {
        return Some(true);
    }
    if earlier < ev::AUGMENTATION_ONSET_PARTIAL_MIN.value {
        return Some(false);
    }
    if out.spread_to_arms_or_trunk || out.higher_intensity || out.shorter_relief {
        return Some(true);
    }
    // Intensity is no further change here (see `higher_intensity`), so the severity baseline
    // never leaves the onset part undecided.
    let unknown = out.spread_unknown || !out.relief_known;
    if unknown {
        None
    } else {
        Some(false)
    }
}

/// What the screen still needs, for the parts it could not decide.
fn missing(out: &AugmentationScreen, severity: Option<bool>, onset: Option<bool>) -> Vec<String> {
    let q = out.baseline_source == BaselineSource::Questionnaire;
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value as usize;
    let mut v = Vec::new();
    if severity.is_none() {
        if !out.baseline_severity_known {
            v.push(if q {
                "how bad symptoms were when the drug first worked (questionnaire: severity when it worked, 0-10)".to_owned()
            } else {
                "severity ratings from the first weeks on the drug".to_owned()
            });
        } else {
            let (nights, them) = if out.unrated_nights.len() == 1 {
                ("night", "it")
            } else {
                ("nights", "them")
            };
            v.push(format!(
                "a severity rating for the {nights} of {} (log {them} or add the rating; {} of the last {window} nights, {} to {}, rated)",
                date_list(&out.unrated_nights),
                out.nights_rated,
                out.window.0,
                out.window.1
            ));
        }
    }
    if onset.is_none() {
        if out.baseline_onset_median.is_none() {
            v.push(if q {
                "when symptoms usually began before the drug (questionnaire: usual onset, HH:MM)"
                    .to_owned()
            } else {
                "onset times from before the drug or its first weeks".to_owned()
            });
        }
        if out.recent_onset_median.is_none() {
            v.push(format!(
                "the time symptoms began in the last {window} nights ({} to {})",
                out.window.0, out.window.1
            ));
        }
        if out.onset_earlier_minutes.is_some() {
            if out.spread_unknown {
                v.push(
                    "whether symptoms reached the arms or trunk before the drug (questionnaire)"
                        .into(),
                );
            }
            if !out.relief_known {
                v.push("how many hours a dose relieved symptoms when the drug first worked, and how many now (questionnaire)".into());
            }
        }
    }
    v
}

/// The verdict from MPI-2007's two parts (`Some(true)` met, `Some(false)` not met, `None`
/// undecided) and whether symptoms start at least 2 h earlier (see the module doc): both met
/// is possible augmentation; any sign short of that is some signs, whether the other part is
/// not met or still undecided (a sign is never hidden behind "cannot judge"); no sign with
/// both parts judged is no sign; otherwise the screen cannot judge yet.
fn verdict(severity: Option<bool>, onset: Option<bool>, onset_2h: bool) -> AugmentationVerdict {
    match (severity, onset) {
        (Some(true), Some(true)) => AugmentationVerdict::Possible,
        _ if severity == Some(true) || onset == Some(true) || onset_2h => {
            AugmentationVerdict::SomeSigns
        }
        (Some(false), Some(false)) => AugmentationVerdict::NoSign,
        _ => AugmentationVerdict::Incomplete,
    }
}

/// The MPI-2007 decision and the message, with the evidence, the latest ferritin and any
/// worsening medicine.
fn decide(out: &mut AugmentationScreen, onset: &str) {
    let severity = severity_part(out);
    let earlier = onset_part(out);
    let onset_2h = out
        .onset_earlier_minutes
        .is_some_and(|m| m as f64 >= ev::AUGMENTATION_ONSET_PARTIAL_MIN.value);
    out.verdict = verdict(severity, earlier, onset_2h);
    out.flagged = out.verdict == AugmentationVerdict::Possible;
    // Possible and no sign have both parts decided: nothing is missing then.
    out.missing = missing(out, severity, earlier);
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value;
    let rated = if out.nights_rated < window as usize {
        format!(
            "{} of the {} nights rated of the last {window:.0}",
            out.nights_worse_than_baseline, out.nights_rated
        )
    } else {
        format!(
            "{} of the last {window:.0} nights",
            out.nights_worse_than_baseline
        )
    };
    let mut evidence = vec![if out.baseline_severity_known {
        format!(
            "worse than when the drug first worked on {rated} ({} to {})",
            out.window.0, out.window.1
        )
    } else {
        format!(
            "severity in the last {window:.0} nights ({} to {}) could not be compared with when the drug first worked",
            out.window.0, out.window.1
        )
    }];
    evidence.push(onset.to_owned());
    if let Some(m) = out
        .onset_earlier_minutes
        .filter(|m| *m as f64 >= ev::AUGMENTATION_ONSET_PARTIAL_MIN.value)
    {
        evidence.push(format!("symptoms start {} earlier", hours_minutes(m)));
    }
    if out.spread_to_arms_or_trunk {
        evidence.push("symptoms now reach the arms or trunk".into());
    }
    if out.higher_intensity {
        evidence.push("symptoms are clearly stronger".into());
    }
    if out.shorter_relief {
        evidence.push("a dose relieves for a shorter time than at first".into());
    }
    if let Some(n) = out.dose_increases.filter(|n| *n > 0) {
        let times = if n == 1 {
            "once".to_owned()
        } else {
            format!("{n} times")
        };
        evidence.push(format!("the dose has been raised {times}"));
    }
    let ferritin = match out.latest_ferritin {
        Some((d, f)) => format!("Latest ferritin {f:.0} ng/mL on {d}"),
        None => "No ferritin result yet: ask for ferritin and TSAT".into(),
    };
    let worsening = if out.worsening_medicines.is_empty() {
        String::new()
    } else {
        format!(
            "; medicines that can worsen RLS: {}",
            out.worsening_medicines.join(", ")
        )
    };
    let evidence = evidence.join("; ");
    out.message = match out.verdict {
        AugmentationVerdict::Possible => format!(
            "Possible augmentation — discuss with your doctor; do not change the dose yourself. {}. {ferritin}{worsening}.",
            sentence_case(&evidence)
        ),
        AugmentationVerdict::SomeSigns if !out.missing.is_empty() => format!(
            "Some signs of augmentation; the full pattern (worse on at least {:.0} of the last {window:.0} nights together with symptoms starting earlier) cannot be confirmed or ruled out yet: {evidence}. Still needed to judge: {}. Discuss with your doctor; do not change the dose yourself. {ferritin}{worsening}.",
            ev::AUGMENTATION_ROSE_NIGHTS.value,
            out.missing.join("; ")
        ),
        AugmentationVerdict::SomeSigns => format!(
            "Some signs, not the full pattern of augmentation (that is worse on at least {:.0} of the last {window:.0} nights together with symptoms starting earlier): {evidence}. Discuss with your doctor; do not change the dose yourself. Keep logging your nights. {ferritin}{worsening}.",
            ev::AUGMENTATION_ROSE_NIGHTS.value
        ),
        AugmentationVerdict::NoSign => format!("No sign of augmentation: {evidence}."),
        AugmentationVerdict::Incomplete | AugmentationVerdict::NotApplicable => format!(
            "Augmentation screen incomplete, it cannot judge yet; missing: {}. So far: {evidence}.",
            out.missing.join("; ")
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, RecordMeta, RegimenKind, StartSource};
    use chrono::{Duration, TimeZone, Utc};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The day asked about: the recent window is 11-24..=11-30.
    fn today() -> NaiveDate {
        day("2026-12-01")
    }

    fn meta() -> RecordMeta {
        RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t")
    }

    fn night(on: NaiveDate, sev: u8, onset: &str, arms: bool) -> Night {
        Night {
            meta: meta(),
            night_date: on,
            quick_severity: Some(sev),
            irls: None,
            onset: Some(onset.parse().unwrap()),
            body_areas: if arms {
                vec![BodyArea::Legs, BodyArea::Arms]
            } else {
                vec![BodyArea::Legs]
            },
            sleep_hours: None,
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: None,
            changed: None,
        }
    }

    fn pramipexole(start: NaiveDate, source: StartSource) -> RegimenItem {
        RegimenItem {
            meta: meta(),
            kind: RegimenKind::Medication,
            name: "Pramipexole".into(),
            dose_mg: Some(0.25),
            times: vec![],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: start,
            stop_date: None,
            start_source: source,
        }
    }

    /// The questionnaire of the reviewer's case: onset 22:00 before the drug, 3/10 when it
    /// worked, legs only, relief 10 h then and 6 h now.
    fn answers() -> AugmentationBaseline {
        AugmentationBaseline {
            answered_on: None,
            usual_onset: Some("22:00".parse().unwrap()),
            severity_when_it_worked: Some(3),
            spread_beyond_legs_before: Some(false),
            relief_hours_at_start: Some(10.0),
            relief_hours_now: Some(6.0),
            dose_increases: Some(2),
        }
    }

    fn run(
        item: RegimenItem,
        answers: Option<AugmentationBaseline>,
        nights: &[Night],
    ) -> AugmentationScreen {
        let profile = Profile {
            augmentation_baseline: answers,
            ..Profile::default()
        };
        let regimen = [item];
        let diary = Diary {
            profile: &profile,
            regimen: &regimen,
            habits: &[],
            events: &[],
            labs: &[],
        };
        let mut nights = nights.to_vec();
        nights.sort_by_key(|n| n.night_date);
        screen(&diary, &nights, today())
    }

    /// `n` nights from `from`, each `sev` from `onset`.
    fn nights(from: NaiveDate, n: i64, sev: u8, onset: &str, arms: bool) -> Vec<Night> {
        (0..n)
            .map(|i| night(from + Duration::days(i), sev, onset, arms))
            .collect()
    }

    /// The reviewer's diary: the app installed on 11-17 while already on the drug, 7 nights at
    /// 7/10 from 18:30 (11-17..11-23), then 7 more reaching the arms (11-24..11-30).
    fn installed_on_the_drug() -> Vec<Night> {
        let mut v = nights(day("2026-11-17"), 7, 7, "18:30", false);
        v.extend(nights(day("2026-11-24"), 7, 7, "18:30", true));
        v
    }

    #[test]
    fn the_window_is_the_seven_completed_nights_before_today() {
        assert_eq!(
            recent_window(today()),
            (day("2026-11-24"), day("2026-11-30"))
        );
        let item = pramipexole(day("2026-10-01"), StartSource::Given);
        // Tonight (12-01) is not over; 11-23 is the eighth night back.
        let mut all = nights(day("2026-11-23"), 9, 7, "18:30", false);
        let s = run(item.clone(), Some(answers()), &all);
        assert_eq!(s.recent_nights, 7);
        assert_eq!(s.nights_worse_than_baseline, 7);
        // Both edges: dropping 11-24 (the first) or 11-30 (the last) leaves 6.
        all.retain(|n| n.night_date != day("2026-11-24"));
        assert_eq!(run(item.clone(), Some(answers()), &all).recent_nights, 6);
        let all: Vec<Night> = nights(day("2026-11-23"), 9, 7, "18:30", false)
            .into_iter()
            .filter(|n| n.night_date != day("2026-11-30"))
            .collect();
        assert_eq!(run(item, Some(answers()), &all).recent_nights, 6);
    }

    #[test]
    fn a_start_nobody_gave_never_makes_the_diary_the_baseline() {
        // Defaulted to the install day: the diary's first week would be "the first weeks on
        // the drug" and read "no sign". The questionnaire decides instead: 3.5 h earlier,
        // worse on 7 of 7, spread to the arms: possible augmentation.
        for source in [StartSource::Defaulted, StartSource::Unknown] {
            let s = run(
                pramipexole(day("2026-11-17"), source),
                Some(answers()),
                &installed_on_the_drug(),
            );
            assert!(!s.start_known);
            assert_eq!(
                s.baseline_source,
                BaselineSource::Questionnaire,
                "{source:?}"
            );
            assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
            assert!(s.message.contains("22:00"), "{}", s.message);
            // Without the questionnaire: incomplete, saying why, never "no sign".
            let s = run(
                pramipexole(day("2026-11-17"), source),
                None,
                &installed_on_the_drug(),
            );
            assert_eq!(s.verdict, AugmentationVerdict::Incomplete);
            assert!(s.message.contains("is not known"), "{}", s.message);
            assert!(!s.message.contains("No sign"), "{}", s.message);
        }
        // With the start given (11-03) and a night before it, the diary is the baseline.
        let mut with_before = installed_on_the_drug();
        with_before.extend(nights(day("2026-11-02"), 15, 7, "18:30", false));
        let s = run(
            pramipexole(day("2026-11-03"), StartSource::Given),
            None,
            &with_before,
        );
        assert_eq!(s.baseline_source, BaselineSource::Diary);
    }

    #[test]
    fn a_diary_begun_on_the_drug_is_no_response_period() {
        // The start given (11-01), but the diary begins on the drug (11-17): the questionnaire
        // decides.
        let item = pramipexole(day("2026-11-01"), StartSource::Given);
        let s = run(item.clone(), Some(answers()), &installed_on_the_drug());
        assert_eq!(s.baseline_source, BaselineSource::Questionnaire);
        assert!(s.flagged, "{}", s.message);
        let s = run(item, None, &installed_on_the_drug());
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete);
        assert!(
            s.message.contains("begins on or after the start"),
            "{}",
            s.message
        );
    }

    #[test]
    fn a_start_nobody_gave_counts_every_recent_night() {
        // Added without a date on 11-27: the nights 11-24..11-26 were on the drug too.
        let s = run(
            pramipexole(day("2026-11-27"), StartSource::Defaulted),
            Some(answers()),
            &installed_on_the_drug(),
        );
        assert_eq!(s.recent_nights, 7);
        // A given start is the day the drug began: 4 days ago it is too early to judge
        // (issue #15), and the nights before it are not "on the drug".
        let s = run(
            pramipexole(day("2026-11-27"), StartSource::Given),
            Some(answers()),
            &installed_on_the_drug(),
        );
        assert!(s.message.contains("too early"), "{}", s.message);
        // Unless another dopaminergic drug was taken on them: a switch on 11-27.
        let ropi = drug(
            "Ropinirole",
            day("2026-06-01"),
            StartSource::Given,
            Some(day("2026-11-26")),
        );
        let s = run_all(
            vec![ropi, pramipexole(day("2026-11-27"), StartSource::Given)],
            Some(answers()),
            &installed_on_the_drug(),
        );
        assert_eq!(s.recent_nights, 7);
    }

    #[test]
    fn the_diary_baseline_takes_the_recalled_onset_when_too_few_nights_precede_the_drug() {
        // Start given 10-01, one night before it, 14 nights from it at 3/10 from 21:00; now
        // 7/10 from 18:30. The first weeks say 2.5 h earlier; the recalled 22:00 says 3.5 h.
        let mut all = vec![night(day("2026-09-30"), 6, "22:00", false)];
        all.extend(nights(day("2026-10-01"), 14, 3, "21:00", false));
        all.extend(nights(day("2026-11-24"), 7, 7, "18:30", false));
        let item = pramipexole(day("2026-10-01"), StartSource::Given);
        let s = run(item.clone(), Some(answers()), &all);
        assert_eq!(s.baseline_source, BaselineSource::Diary);
        assert_eq!(s.onset_earlier_minutes, Some(210));
        assert!(s.message.contains("your answers"), "{}", s.message);
        let s = run(item, None, &all);
        assert_eq!(s.onset_earlier_minutes, Some(150));
        // The questionnaire's "already in the arms before" also holds against the diary.
        let mut arms = all.clone();
        for n in arms
            .iter_mut()
            .filter(|n| n.night_date >= day("2026-11-24"))
        {
            n.body_areas.push(BodyArea::Arms);
        }
        let before_too = AugmentationBaseline {
            spread_beyond_legs_before: Some(true),
            ..answers()
        };
        let s = run(
            pramipexole(day("2026-10-01"), StartSource::Given),
            Some(before_too),
            &arms,
        );
        assert!(!s.spread_to_arms_or_trunk);
    }

    #[test]
    fn a_missing_severity_answer_is_incomplete_never_no_sign() {
        let q = AugmentationBaseline {
            severity_when_it_worked: None,
            ..answers()
        };
        // Onset 1 h earlier (no part B), severity unanswered: the old screen said "no sign".
        let recent = nights(day("2026-11-24"), 7, 7, "21:00", false);
        let s = run(
            pramipexole(day("2026-10-01"), StartSource::Given),
            Some(q),
            &recent,
        );
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.flagged);
        assert!(
            s.message.starts_with("Augmentation screen incomplete"),
            "{}",
            s.message
        );
        assert!(
            s.missing
                .iter()
                .any(|m| m.contains("severity when it worked")),
            "{:?}",
            s.missing
        );
        // Answered: 1 h earlier and worse on 7 of 7 is some signs, not the full pattern.
        let s = run(
            pramipexole(day("2026-10-01"), StartSource::Given),
            Some(answers()),
            &recent,
        );
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(s.missing.is_empty());
    }

    #[test]
    fn unrated_nights_that_could_reach_five_leave_it_undecided() {
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        let on = |n: usize, worse: usize| {
            let mut v: Vec<Night> = nights(day("2026-11-24"), n as i64, 3, "21:30", false);
            for x in v.iter_mut().take(worse) {
                x.quick_severity = Some(7);
            }
            run(item(), Some(answers()), &v)
        };
        // 4 worse of 7 rated: criterion A is not met, onset 30 min earlier: no sign.
        assert_eq!(on(7, 4).verdict, AugmentationVerdict::NoSign);
        // 4 worse of 6 rated: the unrated night could be the fifth.
        let s = on(6, 4);
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(
            s.missing.iter().any(|m| m
                .contains("the night of 2026-11-30 (log it or add the rating; 6 of the last 7")),
            "{:?}",
            s.missing
        );
        // 2 worse of 4 rated: the 3 unrated nights could make 5; 1 worse of 4: 4 at most.
        assert_eq!(on(4, 2).verdict, AugmentationVerdict::Incomplete);
        assert_eq!(on(4, 1).verdict, AugmentationVerdict::NoSign);
        // 5 worse: met, whatever the rest.
        assert_eq!(on(5, 5).nights_worse_than_baseline, 5);
    }

    #[test]
    fn two_to_four_hours_earlier_needs_the_further_change_answered() {
        // 3 h earlier (19:00 vs 22:00), worse on 7 of 7 but by 1 point (no higher intensity),
        // legs only; relief not answered: the one change that could decide is unknown.
        let q = AugmentationBaseline {
            severity_when_it_worked: Some(6),
            relief_hours_at_start: None,
            relief_hours_now: None,
            ..answers()
        };
        let recent = nights(day("2026-11-24"), 7, 7, "19:00", false);
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        // Worse on 7 of 7 and 3 h earlier are signs: shown as such, the missing answer asked
        // for (issue #15: never a silent "cannot judge").
        let s = run(item(), Some(q.clone()), &recent);
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(
            s.missing.iter().any(|m| m.contains("relieved")),
            "{:?}",
            s.missing
        );
        // Relief as long as ever: criterion B not met, A met: some signs.
        let same = AugmentationBaseline {
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..q.clone()
        };
        assert_eq!(
            run(item(), Some(same), &recent).verdict,
            AugmentationVerdict::SomeSigns
        );
        // Shorter relief: possible augmentation.
        let shorter = AugmentationBaseline {
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(5.0),
            ..q
        };
        assert_eq!(
            run(item(), Some(shorter), &recent).verdict,
            AugmentationVerdict::Possible
        );
        // Arms now, with "before the drug" unanswered: unknown too.
        let arms = nights(day("2026-11-24"), 7, 7, "19:00", true);
        let unanswered = AugmentationBaseline {
            severity_when_it_worked: Some(6),
            spread_beyond_legs_before: None,
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..answers()
        };
        let s = run(item(), Some(unanswered), &arms);
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(
            s.missing.iter().any(|m| m.contains("arms or trunk")),
            "{:?}",
            s.missing
        );
    }

    #[test]
    fn advice_says_discuss_never_stop_or_reduce() {
        for (answers, recent) in [
            (answers(), nights(day("2026-11-24"), 7, 7, "18:30", true)),
            (answers(), nights(day("2026-11-24"), 7, 7, "21:00", false)),
            (answers(), nights(day("2026-11-24"), 7, 3, "22:00", false)),
        ] {
            let s = run(
                pramipexole(day("2026-10-01"), StartSource::Given),
                Some(answers),
                &recent,
            );
            let m = s.message.to_lowercase();
            assert!(!m.contains("stop") && !m.contains("reduce"), "{m}");
            if s.verdict != AugmentationVerdict::NoSign {
                assert!(m.contains("doctor"), "{m}");
            }
        }
    }

    fn drug(
        name: &str,
        start: NaiveDate,
        source: StartSource,
        stop: Option<NaiveDate>,
    ) -> RegimenItem {
        RegimenItem {
            name: name.into(),
            stop_date: stop,
            ..pramipexole(start, source)
        }
    }

    fn run_all(
        items: Vec<RegimenItem>,
        answers: Option<AugmentationBaseline>,
        nights: &[Night],
    ) -> AugmentationScreen {
        let profile = Profile {
            augmentation_baseline: answers,
            ..Profile::default()
        };
        let diary = Diary {
            profile: &profile,
            regimen: &items,
            habits: &[],
            events: &[],
            labs: &[],
        };
        let mut nights = nights.to_vec();
        nights.sort_by_key(|n| n.night_date);
        screen(&diary, &nights, today())
    }

    /// Before the drug (09-03..09-30) 5/10 from 22:00; its first weeks (from 10-01) 2/10 from
    /// 22:30; the last 7 nights 7/10 from 17:30: possible augmentation against a start of 10-01.
    fn augmented_since_october() -> Vec<Night> {
        let mut v = nights(day("2026-09-03"), 28, 5, "22:00", false);
        v.extend(nights(day("2026-10-01"), 28, 2, "22:30", false));
        v.extend(nights(day("2026-11-24"), 7, 7, "17:30", false));
        v
    }

    #[test]
    fn a_second_entry_of_the_drug_with_no_start_keeps_the_flag() {
        let given = pramipexole(day("2026-10-01"), StartSource::Given);
        let s = run_all(vec![given.clone()], None, &augmented_since_october());
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        // The same drug again, as a brand, with its start unknown or never asked: one drug,
        // whose start the person gave. The old screen lumped the entries and lost the flag.
        for (name, source) in [
            ("Sifrol", StartSource::Unknown),
            ("Mirapexin", StartSource::Defaulted),
            ("pramipexole", StartSource::Unknown),
        ] {
            let again = drug(name, day("2026-11-20"), source, None);
            let s = run_all(vec![given.clone(), again], None, &augmented_since_october());
            assert_eq!(
                s.verdict,
                AugmentationVerdict::Possible,
                "{name}: {}",
                s.message
            );
            assert!(s.flagged && s.start_known);
            assert_eq!(s.drugs.len(), 2);
            assert!(s.per_drug.is_empty(), "one drug: {:?}", s.per_drug);
        }
        // Another drug with no start is judged on its own (it cannot be, without the
        // questionnaire) and never hides pramipexole's verdict.
        let other = drug("Requip", day("2026-11-20"), StartSource::Unknown, None);
        let s = run_all(
            vec![other.clone(), given.clone()],
            None,
            &augmented_since_october(),
        );
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        assert_eq!(
            s.per_drug,
            vec![
                ("pramipexole".to_owned(), AugmentationVerdict::Possible),
                ("ropinirole".to_owned(), AugmentationVerdict::Incomplete),
            ]
        );
        assert!(
            s.message
                .contains("pramipexole: possible augmentation; ropinirole: cannot judge yet"),
            "{}",
            s.message
        );
        // "Cannot judge yet" for one drug outranks "no sign" for another: never reassurance.
        let mut calm = augmented_since_october();
        calm.retain(|n| n.night_date < day("2026-11-24"));
        calm.extend(nights(day("2026-11-24"), 7, 2, "22:30", false));
        let s = run_all(vec![given.clone()], None, &calm);
        assert_eq!(s.verdict, AugmentationVerdict::NoSign, "{}", s.message);
        let s = run_all(vec![given, other], None, &calm);
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
    }

    /// Ropinirole from 08-01 (it worked: 2/10 from 23:00 after 6/10 from 22:00 in July), then
    /// augmenting in September (7/10 from 18:30); switched to pramipexole on 10-01 (5/10 from
    /// 19:00); now 7/10 from 17:30.
    fn switched_in_october() -> Vec<Night> {
        let mut v = nights(day("2026-07-04"), 28, 6, "22:00", false);
        v.extend(nights(day("2026-08-01"), 31, 2, "23:00", false));
        v.extend(nights(day("2026-09-01"), 30, 7, "18:30", false));
        v.extend(nights(day("2026-10-01"), 28, 5, "19:00", false));
        v.extend(nights(day("2026-11-24"), 7, 7, "17:30", false));
        v
    }

    #[test]
    fn a_switch_between_dopaminergic_drugs_keeps_the_first_weeks_of_treatment_as_baseline() {
        let pram = pramipexole(day("2026-10-01"), StartSource::Given);
        let ropi = drug(
            "Ropinirole",
            day("2026-08-01"),
            StartSource::Given,
            Some(day("2026-09-30")),
        );
        // The old screen took the nights on ropinirole as "before the drug": 1 h earlier than
        // September's 18:30 was only some signs.
        let s = run_all(
            vec![ropi.clone(), pram.clone()],
            None,
            &switched_in_october(),
        );
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        assert_eq!(s.started, Some(day("2026-08-01")));
        assert_eq!(s.onset_earlier_minutes, Some(270));
        assert_eq!(s.drugs, vec!["Pramipexole".to_owned()]);
        assert!(
            s.message
                .contains("Dopaminergic treatment began with Ropinirole on 2026-08-01"),
            "{}",
            s.message
        );
        // Levodopa before it counts the same; a start nobody gave for it leaves the diary
        // unable to show when treatment first worked.
        let ldopa = drug(
            "Sinemet",
            day("2026-08-01"),
            StartSource::Unknown,
            Some(day("2026-09-30")),
        );
        let s = run_all(vec![ldopa, pram.clone()], None, &switched_in_october());
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.start_known);
        assert!(
            s.message.contains("when you started Sinemet is not known"),
            "{}",
            s.message
        );
        // An entry of another medicine before it is no treatment.
        let other = drug("levothyroxine", day("2026-08-01"), StartSource::Given, None);
        let s = run_all(vec![other, pram], None, &switched_in_october());
        assert_eq!(s.started, Some(day("2026-10-01")));
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
    }

    #[test]
    fn a_drug_started_within_its_first_weeks_is_too_early_to_judge() {
        let recent = nights(day("2026-11-24"), 7, 7, "18:30", true);
        let s = run(
            pramipexole(day("2026-11-28"), StartSource::Given),
            Some(answers()),
            &recent,
        );
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.flagged);
        assert_eq!(s.baseline_source, BaselineSource::None);
        assert!(s.message.contains("too early to judge"), "{}", s.message);
        assert!(!s.message.contains("questionnaire"), "{}", s.message);
        assert!(
            s.missing.iter().any(|m| m.contains("2026-12-26")),
            "{:?}",
            s.missing
        );
        // 27 days on it: still too early; 28 days: judged (here by the questionnaire).
        let s = run(
            pramipexole(day("2026-11-04"), StartSource::Given),
            Some(answers()),
            &recent,
        );
        assert!(s.message.contains("too early"), "{}", s.message);
        let s = run(
            pramipexole(day("2026-11-03"), StartSource::Given),
            Some(answers()),
            &recent,
        );
        assert_eq!(s.baseline_source, BaselineSource::Questionnaire);
        assert!(!s.message.contains("too early"), "{}", s.message);
        // A start nobody gave may be long ago: judged.
        let s = run(
            pramipexole(day("2026-11-28"), StartSource::Unknown),
            Some(answers()),
            &recent,
        );
        assert_eq!(s.baseline_source, BaselineSource::Questionnaire);
        // A switch three days ago continues months of treatment: judged, every night counts.
        let ropi = drug(
            "Ropinirole",
            day("2026-05-01"),
            StartSource::Given,
            Some(day("2026-11-27")),
        );
        let s = run_all(
            vec![ropi, pramipexole(day("2026-11-28"), StartSource::Given)],
            Some(answers()),
            &recent,
        );
        assert!(!s.message.contains("too early"), "{}", s.message);
        assert_eq!(s.recent_nights, 7);
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
    }

    /// Fresh review of #15: signs in the first 28 days on a drug were not shown at all ("too
    /// early"). They are shown as information, with the words that it is too early to judge,
    /// and never as a flag: the verdict stays incomplete.
    #[test]
    fn signs_in_the_first_weeks_are_information_never_a_flag() {
        const EARLY: &str =
            "too early to judge augmentation; discuss with your doctor if this continues";
        // Two weeks before the drug from 22:00 in the legs; on it since 11-28 from 18:30, arms.
        let mut all = nights(day("2026-11-14"), 14, 5, "22:00", false);
        all.extend(nights(day("2026-11-28"), 3, 7, "18:30", true));
        let item = pramipexole(day("2026-11-28"), StartSource::Given);
        let s = run(item.clone(), None, &all);
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.flagged);
        assert!(s.message.contains(EARLY), "{}", s.message);
        assert!(
            s.message.contains("symptoms start 3 h 30 min earlier")
                && s.message.contains("reach the arms or trunk"),
            "{}",
            s.message
        );
        assert_eq!(s.onset_earlier_minutes, Some(210));
        assert!(s.spread_to_arms_or_trunk);
        // No diary from before: the recalled onset and spread, and the shorter relief.
        let s = run(
            item.clone(),
            Some(answers()),
            &nights(day("2026-11-28"), 3, 7, "18:30", true),
        );
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.flagged);
        assert!(
            s.message.contains(EARLY)
                && s.message.contains("before the drug (your answers)")
                && s.message.contains("shorter time"),
            "{}",
            s.message
        );
        // Nothing seen: the plain "too early", no sign invented.
        let mut calm = nights(day("2026-11-14"), 14, 5, "22:00", false);
        calm.extend(nights(day("2026-11-28"), 3, 4, "22:00", false));
        let s = run(item, None, &calm);
        assert!(s.message.contains("too early to judge"), "{}", s.message);
        assert!(!s.message.contains(EARLY), "{}", s.message);
    }

    /// Reviewer's case (issue #15): 4 of the last 7 nights logged (11-24, 11-25, 11-27, 11-29),
    /// each much worse than the response period, onset 6 h earlier, now in the arms.
    fn four_of_seven_much_worse() -> Vec<Night> {
        ["2026-11-24", "2026-11-25", "2026-11-27", "2026-11-29"]
            .into_iter()
            .map(|d| night(day(d), 9, "16:00", true))
            .collect()
    }

    #[test]
    fn strong_signs_on_the_nights_logged_are_shown_never_a_silent_incomplete() {
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        // Questionnaire baseline: 22:00, 3/10 when it worked, legs only.
        let s = run(item(), Some(answers()), &four_of_seven_much_worse());
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(!s.flagged, "5 of 7 cannot be confirmed from 4 nights");
        assert_eq!(s.nights_worse_than_baseline, 4);
        assert_eq!(
            s.unrated_nights,
            vec![day("2026-11-26"), day("2026-11-28"), day("2026-11-30")]
        );
        for words in [
            "discuss with your doctor; do not change the dose yourself",
            "2026-11-26, 2026-11-28 and 2026-11-30",
            "4 of the 4 nights rated of the last 7",
            "symptoms start 6 h earlier",
            "arms or trunk",
        ] {
            assert!(
                s.message.to_lowercase().contains(words),
                "{words}: {}",
                s.message
            );
        }
        assert!(
            s.missing.iter().any(|m| m.contains("2026-11-28")),
            "{:?}",
            s.missing
        );
        // The diary baseline says the same: the first weeks 2/10, before the drug 22:00.
        let mut diary = augmented_since_october();
        diary.retain(|n| n.night_date < day("2026-11-24"));
        diary.extend(four_of_seven_much_worse());
        let s = run(item(), None, &diary);
        assert_eq!(s.baseline_source, BaselineSource::Diary);
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(
            s.message.contains("Discuss with your doctor"),
            "{}",
            s.message
        );
        // The missing nights logged, all worse: the full pattern.
        diary.extend(
            ["2026-11-26", "2026-11-28", "2026-11-30"]
                .into_iter()
                .map(|d| night(day(d), 9, "16:00", true)),
        );
        let s = run(item(), None, &diary);
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        assert!(s.missing.is_empty() && s.unrated_nights.is_empty());
    }

    #[test]
    fn onset_two_hours_earlier_is_a_partial_sign_never_no_sign() {
        // Not worse (3/10 as when it worked), legs only, relief as long as ever: only the
        // onset has moved, 2.5 h (22:00 to 19:30).
        let q = AugmentationBaseline {
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..answers()
        };
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        let at = |onset: &str| {
            run(
                item(),
                Some(q.clone()),
                &nights(day("2026-11-24"), 7, 3, onset, false),
            )
        };
        let s = at("19:30");
        assert_eq!(s.onset_earlier_minutes, Some(150));
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(!s.message.starts_with("No sign"), "{}", s.message);
        assert!(
            s.message.contains("symptoms start 2 h 30 min earlier")
                && s.message.contains("Discuss with your doctor"),
            "{}",
            s.message
        );
        // Exactly 2 h is a partial sign; 1 h 59 min is not.
        assert_eq!(at("20:00").verdict, AugmentationVerdict::SomeSigns);
        assert_eq!(at("20:01").verdict, AugmentationVerdict::NoSign);
    }

    #[test]
    fn the_nightly_severity_never_counts_as_higher_intensity_too() {
        // Worse on 7 of 7 by 5 points (8/10 against 3/10) and 3 h earlier (19:00 against
        // 22:00); legs only; relief as long as ever. The rating is criterion A; reading it
        // again as "greater intensity" made the 2-4 h rule met and the screen "possible".
        let q = AugmentationBaseline {
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..answers()
        };
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        let recent = nights(day("2026-11-24"), 7, 8, "19:00", false);
        let s = run(item(), Some(q), &recent);
        assert!(!s.higher_intensity);
        assert_eq!(s.nights_worse_than_baseline, 7);
        assert_eq!(s.verdict, AugmentationVerdict::SomeSigns, "{}", s.message);
        assert!(!s.flagged);
        assert!(!s.message.contains("clearly stronger"), "{}", s.message);
        // The same against the diary's first weeks (2/10): a median 6 points up is no
        // further change either.
        let mut diary = augmented_since_october();
        diary.retain(|n| n.night_date < day("2026-11-24"));
        diary.extend(nights(day("2026-11-24"), 7, 8, "19:30", false));
        let s = run(item(), None, &diary);
        assert_eq!(s.baseline_source, BaselineSource::Diary);
        assert!(!s.higher_intensity);
        assert_ne!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        // A further change that is not the rating (spread to the arms) still completes it.
        let arms = nights(day("2026-11-24"), 7, 8, "19:00", true);
        let q = AugmentationBaseline {
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..answers()
        };
        assert_eq!(
            run(item(), Some(q), &arms).verdict,
            AugmentationVerdict::Possible
        );
    }

    #[test]
    fn the_ergot_agonists_are_screened_and_count_as_dopaminergic_exposure() {
        for name in [
            "cabergoline",
            "Dostinex",
            "bromocriptine",
            "Parlodel",
            "Cycloset",
            "pergolide",
            "Permax",
        ] {
            assert!(is_dopaminergic(name), "{name}");
            let s = run_all(
                vec![drug(name, day("2026-10-01"), StartSource::Given, None)],
                None,
                &augmented_since_october(),
            );
            assert_eq!(
                s.verdict,
                AugmentationVerdict::Possible,
                "{name}: {}",
                s.message
            );
            assert_eq!(s.drugs, vec![name.to_owned()]);
        }
        // Cabergoline before a switch to pramipexole is dopaminergic treatment: its first
        // weeks are the baseline, not "before the drug".
        let caber = drug(
            "Dostinex",
            day("2026-08-01"),
            StartSource::Given,
            Some(day("2026-09-30")),
        );
        let s = run_all(
            vec![caber, pramipexole(day("2026-10-01"), StartSource::Given)],
            None,
            &switched_in_october(),
        );
        assert_eq!(s.started, Some(day("2026-08-01")));
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
        assert!(
            s.message
                .contains("Dopaminergic treatment began with Dostinex on 2026-08-01"),
            "{}",
            s.message
        );
    }

    /// Each verdict has its own heading, and only the full pattern sends the person to the
    /// doctor (the flag wording of SPEC §2.5): a shell shows the title above the message.
    #[test]
    fn each_verdict_has_its_own_title_and_only_possible_names_the_doctor() {
        use AugmentationVerdict::*;
        let all = [NotApplicable, Incomplete, NoSign, SomeSigns, Possible];
        let titles: std::collections::BTreeSet<&str> = all.iter().map(|v| v.title()).collect();
        assert_eq!(titles.len(), all.len(), "{titles:?}");
        for v in all {
            assert!(
                v.title().starts_with("Augmentation screen: "),
                "{}",
                v.title()
            );
            assert_eq!(v.title().contains("doctor"), v == Possible, "{}", v.title());
        }
    }

    /// Onsets are ordered from noon, so that 23:30 comes before 01:00: noon is the start of the
    /// scale and a minute before noon its end.
    #[test]
    fn onsets_are_ordered_from_noon_to_the_next_noon() {
        let t = |s: &str| s.parse::<NaiveTime>().unwrap();
        assert_eq!(after_noon(t("12:00")), 0);
        assert_eq!(after_noon(t("23:30")), 11 * 60 + 30);
        assert_eq!(after_noon(t("00:00")), 12 * 60);
        assert_eq!(after_noon(t("01:00")), 13 * 60);
        assert_eq!(after_noon(t("11:59")), 24 * 60 - 1);
        for m in [0, 1, 719, 720, 1439] {
            let back = from_after_noon(m).unwrap();
            assert_eq!(after_noon(back), m);
        }
    }

    /// The nights between a stop and a restart of the same drug were off it: the recent window
    /// (11-24..11-30) counts only the nights since the restart on 11-28.
    #[test]
    fn the_recent_window_counts_only_nights_on_the_drug() {
        let mut first = pramipexole(day("2026-11-01"), StartSource::Given);
        first.stop_date = Some(day("2026-11-25"));
        let again = pramipexole(day("2026-11-28"), StartSource::Given);
        let profile = Profile {
            augmentation_baseline: Some(answers()),
            ..Profile::default()
        };
        let all = nights(day("2026-10-20"), 42, 7, "18:30", false);
        let count = |regimen: &[RegimenItem]| {
            let diary = Diary {
                profile: &profile,
                regimen,
                habits: &[],
                events: &[],
                labs: &[],
            };
            screen(&diary, &all, today()).recent_nights
        };
        assert_eq!(count(&[first.clone(), again.clone()]), 3);
        // Without the stop, every night of the window was on it.
        let mut kept_on = first;
        kept_on.stop_date = None;
        assert_eq!(count(&[kept_on, again]), 7);
    }

    /// An entry whose start nobody knows covers the nights before it was entered: the person
    /// was on it then. After an earlier course with a given start and a stop, a restart entered
    /// on 11-28 with its start unknown counts every night of the window (11-24..11-30), not
    /// only those from the day it was entered (review of the `covers` survivor, 2026-12-02).
    #[test]
    fn an_entry_with_an_unknown_start_covers_the_nights_before_it_was_entered() {
        let mut first = pramipexole(day("2026-01-01"), StartSource::Given);
        first.stop_date = Some(day("2026-01-10"));
        let again = pramipexole(day("2026-11-28"), StartSource::Unknown);
        let profile = Profile {
            augmentation_baseline: Some(answers()),
            ..Profile::default()
        };
        let all = nights(day("2026-10-20"), 42, 7, "18:30", false);
        let diary = Diary {
            profile: &profile,
            regimen: &[first, again],
            habits: &[],
            events: &[],
            labs: &[],
        };
        assert_eq!(screen(&diary, &all, today()).recent_nights, 7);
    }

    /// A dopaminergic course that ended long before the present one is no part of it: the new
    /// start is within its first weeks (the unbroken treatment goes back only through entries
    /// taken the night before).
    #[test]
    fn a_course_that_ended_long_ago_does_not_make_a_new_start_established() {
        let recent = nights(day("2026-11-24"), 7, 7, "18:30", true);
        let old = drug(
            "Ropinirole",
            day("2025-01-01"),
            StartSource::Given,
            Some(day("2025-06-30")),
        );
        let s = run_all(
            vec![old, pramipexole(day("2026-11-28"), StartSource::Given)],
            Some(answers()),
            &recent,
        );
        assert!(s.message.contains("too early to judge"), "{}", s.message);
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete);
    }

    /// Of one drug's entries begun the same day, one given start is enough: a second entry
    /// (a brand) with the start unknown does not make the start unknown.
    #[test]
    fn a_second_entry_begun_the_same_day_does_not_unsay_a_given_start() {
        let all = nights(day("2026-10-01"), 61, 3, "22:00", false);
        let s = run_all(
            vec![
                pramipexole(day("2026-10-15"), StartSource::Given),
                drug("Mirapexin", day("2026-10-15"), StartSource::Unknown, None),
            ],
            None,
            &all,
        );
        assert!(s.start_known, "{}", s.message);
        assert!(!s.message.contains("is not known"), "{}", s.message);
        // Begun three days ago, both: too early, the brand's unknown start notwithstanding.
        let s = run_all(
            vec![
                pramipexole(day("2026-11-28"), StartSource::Given),
                drug("Mirapexin", day("2026-11-28"), StartSource::Unknown, None),
            ],
            None,
            &all,
        );
        assert!(s.message.contains("too early to judge"), "{}", s.message);
    }

    /// A switch continues the treatment it follows: ropinirole from 11-20 to 11-27, then
    /// pramipexole, is treatment begun on 11-20, still in its first weeks.
    #[test]
    fn a_switch_within_the_first_weeks_is_too_early_from_the_first_start() {
        let recent = nights(day("2026-11-24"), 7, 7, "18:30", true);
        let s = run_all(
            vec![
                drug(
                    "Ropinirole",
                    day("2026-11-20"),
                    StartSource::Given,
                    Some(day("2026-11-27")),
                ),
                pramipexole(day("2026-11-28"), StartSource::Given),
            ],
            Some(answers()),
            &recent,
        );
        assert!(
            s.message
                .contains("Dopaminergic treatment began on 2026-11-20"),
            "{}",
            s.message
        );
    }

    /// "When you started X is not known" names the entry whose start nobody gave: an earlier
    /// drug of the treatment, or the first entry of this one, never an entry whose start was
    /// given.
    #[test]
    fn the_entry_named_as_unknown_is_the_one_without_a_start() {
        let recent = nights(day("2026-10-20"), 41, 7, "18:30", true);
        let s = run_all(
            vec![
                drug(
                    "Ropinirole",
                    day("2026-06-01"),
                    StartSource::Given,
                    Some(day("2026-08-31")),
                ),
                drug(
                    "Rotigotine",
                    day("2026-09-01"),
                    StartSource::Unknown,
                    Some(day("2026-10-31")),
                ),
                pramipexole(day("2026-11-01"), StartSource::Given),
            ],
            None,
            &recent,
        );
        assert!(
            s.message
                .contains("when you started Rotigotine is not known"),
            "{}",
            s.message
        );
        let s = run_all(
            vec![
                drug("Pramipexole", day("2026-10-01"), StartSource::Unknown, None),
                drug("Mirapexin", day("2026-11-01"), StartSource::Given, None),
            ],
            None,
            &recent,
        );
        assert!(
            s.message
                .contains("when you started Pramipexole is not known"),
            "{}",
            s.message
        );
    }

    /// The nights before the drug are the baseline window's days up to the night before the
    /// start, never the night of the start itself.
    #[test]
    fn the_pre_drug_window_ends_the_night_before_the_start() {
        let days = ev::AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64;
        let start = day("2026-11-03");
        assert_eq!(
            pre_drug_window(start),
            (start - Duration::days(days), day("2026-11-02"))
        );
    }

    /// A drug taken again under a new entry began with itself: the screen names no other drug
    /// it began with (the message for a switch from ropinirole is for a switch only).
    #[test]
    fn a_drug_restarted_under_a_new_entry_is_not_said_to_have_begun_with_another() {
        let first = drug(
            "Pramipexole",
            day("2026-08-01"),
            StartSource::Given,
            Some(day("2026-09-30")),
        );
        let again = pramipexole(day("2026-10-01"), StartSource::Given);
        let s = run_all(vec![first, again.clone()], None, &switched_in_october());
        assert_eq!(s.started, Some(day("2026-08-01")), "{}", s.message);
        assert!(
            !s.message.contains("Dopaminergic treatment began with"),
            "{}",
            s.message
        );
        // One entry alone, and a brand of it entered the same day as a stopped generic entry.
        let s = run_all(vec![again.clone()], None, &switched_in_october());
        assert!(
            !s.message.contains("Dopaminergic treatment began with"),
            "{}",
            s.message
        );
        let generic = drug(
            "Pramipexole",
            day("2026-10-01"),
            StartSource::Given,
            Some(day("2026-10-02")),
        );
        let brand = drug("Mirapexin", day("2026-10-01"), StartSource::Given, None);
        let s = run_all(vec![generic, brand], None, &switched_in_october());
        assert_eq!(s.drugs, vec!["Mirapexin".to_owned()]);
        assert!(
            !s.message.contains("Dopaminergic treatment began with"),
            "{}",
            s.message
        );
    }

    /// After a switch, the note names both drugs: where treatment began and the drug now taken.
    #[test]
    fn the_note_on_a_switch_names_the_drug_taken_now() {
        let ropinirole = drug(
            "Ropinirole",
            day("2026-08-01"),
            StartSource::Given,
            Some(day("2026-09-30")),
        );
        let s = run_all(
            vec![
                ropinirole,
                pramipexole(day("2026-10-01"), StartSource::Given),
            ],
            None,
            &switched_in_october(),
        );
        assert!(
            s.message.ends_with(
                " Dopaminergic treatment began with Ropinirole on 2026-08-01: the weeks from then, not the start of Pramipexole, are when treatment first worked."
            ),
            "{}",
            s.message
        );
    }

    /// With two drugs of the same verdict, the message of the one begun first leads (and each
    /// drug's verdict follows): the same diary always reads the same.
    #[test]
    fn two_drugs_of_one_verdict_lead_with_the_one_begun_first() {
        let recent = nights(day("2026-11-24"), 7, 7, "18:30", false);
        let pramipexole = drug("Pramipexole", day("2026-10-01"), StartSource::Unknown, None);
        let alone = run_all(vec![pramipexole.clone()], None, &recent);
        let s = run_all(
            vec![
                drug("Requip", day("2026-11-01"), StartSource::Unknown, None),
                pramipexole,
            ],
            None,
            &recent,
        );
        assert_eq!(
            s.per_drug,
            vec![
                ("pramipexole".to_owned(), AugmentationVerdict::Incomplete),
                ("ropinirole".to_owned(), AugmentationVerdict::Incomplete),
            ]
        );
        // Ropinirole's own message would add that treatment began with pramipexole.
        assert_eq!(
            s.message,
            format!(
                "{} Each drug judged on its own: pramipexole: cannot judge yet; ropinirole: cannot judge yet.",
                alone.message
            )
        );
    }

    /// The ferritin the screen quotes is the latest ferritin result up to today: never a later
    /// TSAT, nor a ferritin dated after today.
    #[test]
    fn the_latest_ferritin_is_the_last_ferritin_up_to_today() {
        use crate::model::Analyte;
        use crate::rules::test_support::lab;
        let labs = [
            lab(Analyte::Ferritin, 40.0, "2026-11-01"),
            lab(Analyte::Tsat, 18.0, "2026-11-15"),
            lab(Analyte::Ferritin, 90.0, "2026-12-05"),
        ];
        let profile = Profile::default();
        let regimen = [pramipexole(day("2026-10-01"), StartSource::Given)];
        let diary = Diary {
            profile: &profile,
            regimen: &regimen,
            habits: &[],
            events: &[],
            labs: &labs,
        };
        let s = screen(&diary, &augmented_since_october(), today());
        assert_eq!(s.latest_ferritin, Some((day("2026-11-01"), 40.0)));
        assert!(
            s.message.contains("Latest ferritin 40 ng/mL on 2026-11-01"),
            "{}",
            s.message
        );
    }

    /// Symptoms that reached the arms before the drug, even if not in its first weeks, are no
    /// new spread when they reach the arms again.
    #[test]
    fn arms_before_the_drug_are_no_new_spread() {
        let with_arms_before = |arms_before: bool| {
            let mut v = nights(day("2026-09-03"), 28, 5, "22:00", arms_before);
            v.extend(nights(day("2026-10-01"), 28, 2, "22:30", false));
            v.extend(nights(day("2026-11-24"), 7, 5, "22:00", true));
            run(pramipexole(day("2026-10-01"), StartSource::Given), None, &v)
        };
        assert!(with_arms_before(false).spread_to_arms_or_trunk);
        let s = with_arms_before(true);
        assert!(!s.spread_to_arms_or_trunk, "{}", s.message);
    }

    /// In the first weeks too, arms reached before the drug (in the diary or by the person's
    /// answer) are no new spread.
    #[test]
    fn in_the_first_weeks_arms_reached_before_are_no_new_spread() {
        let item = pramipexole(day("2026-11-28"), StartSource::Given);
        let mut all = nights(day("2026-11-14"), 14, 5, "22:00", true);
        all.extend(nights(day("2026-11-28"), 3, 5, "22:00", true));
        let s = run(item.clone(), None, &all);
        assert_eq!(s.verdict, AugmentationVerdict::Incomplete, "{}", s.message);
        assert!(!s.spread_to_arms_or_trunk, "{}", s.message);
        assert!(!s.message.contains("reach the arms"), "{}", s.message);
        let spread_before = AugmentationBaseline {
            spread_beyond_legs_before: Some(true),
            ..answers()
        };
        let s = run(
            item,
            Some(spread_before),
            &nights(day("2026-11-28"), 3, 5, "22:00", true),
        );
        assert!(!s.spread_to_arms_or_trunk, "{}", s.message);
    }

    /// With onset 2-4 h earlier, the questionnaire is asked only for what is unknown: relief
    /// when either of its two answers is missing; spread before the drug only when symptoms
    /// reach beyond the legs now.
    #[test]
    fn only_the_unknown_further_changes_are_asked_for() {
        let recent = nights(day("2026-11-24"), 7, 7, "19:00", false);
        let item = || pramipexole(day("2026-10-01"), StartSource::Given);
        let half = AugmentationBaseline {
            severity_when_it_worked: Some(6),
            relief_hours_at_start: Some(8.0),
            relief_hours_now: None,
            ..answers()
        };
        let s = run(item(), Some(half), &recent);
        assert!(!s.relief_known);
        assert!(
            s.missing.iter().any(|m| m.contains("relieved")),
            "{:?}",
            s.missing
        );
        let legs_only = AugmentationBaseline {
            severity_when_it_worked: Some(6),
            spread_beyond_legs_before: None,
            relief_hours_at_start: Some(8.0),
            relief_hours_now: Some(8.0),
            ..answers()
        };
        let s = run(item(), Some(legs_only), &recent);
        assert!(!s.spread_unknown);
        assert!(s.missing.is_empty(), "{:?}", s.missing);
    }

    /// Onset exactly 2 h earlier is already the partial sign of criterion B: with a shorter
    /// relief it meets the criterion (evidence `AUGMENTATION_ONSET_PARTIAL_MIN`).
    #[test]
    fn onset_exactly_two_hours_earlier_with_shorter_relief_meets_the_onset_criterion() {
        // Before the drug from 22:00; the last 7 nights from 20:00, 7/10 against 3/10.
        let recent = nights(day("2026-11-24"), 7, 7, "20:00", false);
        let s = run(
            pramipexole(day("2026-10-01"), StartSource::Given),
            Some(answers()),
            &recent,
        );
        assert_eq!(s.onset_earlier_minutes, Some(120));
        assert!(s.shorter_relief);
        assert_eq!(s.verdict, AugmentationVerdict::Possible, "{}", s.message);
    }

    /// Dose increases the person reported are evidence in words; none reported, none said.
    #[test]
    fn dose_increases_are_said_in_words_and_none_is_not_said() {
        let recent = nights(day("2026-11-24"), 7, 7, "18:00", false);
        let said = |n: u32| {
            let a = AugmentationBaseline {
                dose_increases: Some(n),
                ..answers()
            };
            run(
                pramipexole(day("2026-10-01"), StartSource::Given),
                Some(a),
                &recent,
            )
            .message
        };
        assert!(!said(0).contains("the dose has been raised"), "{}", said(0));
        assert!(
            said(1).contains("the dose has been raised once"),
            "{}",
            said(1)
        );
        assert!(
            said(3).contains("the dose has been raised 3 times"),
            "{}",
            said(3)
        );
    }
}
