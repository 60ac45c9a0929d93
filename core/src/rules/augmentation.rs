//! Augmentation screening for people on dopaminergic RLS drugs (SPEC §2.5, MPI 2007): severity
//! against the diary of the period when the drug first worked (its first weeks), onset and spread
//! against the diary before the drug when it has enough nights (else the first weeks); when the
//! diary has fewer than 7 nights from the first weeks on the drug, against
//! the short questionnaire (usual onset before the drug, severity when it first worked, spread,
//! relief duration, dose increases), flag "possible augmentation — discuss with your doctor; do
//! not change the dose yourself" with the evidence, the latest ferritin and any worsening
//! medicine (IRLSSG 2016 treats those first). It never fires without a baseline.

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use super::catalog::{lookup, DrugClass, MedicineEffect};
use super::regimen::active_on;
use super::stats::median;
use super::Diary;
use crate::evidence as ev;
use crate::model::{Analyte, AugmentationBaseline, BodyArea, Night, RegimenItem};

/// What the augmentation screen compared the last 7 nights with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// No baseline: too few diary nights from the first weeks on the drug and no questionnaire.
    None,
    /// The diary of the first weeks on the drug (when it first worked), with the weeks before
    /// it for onset and spread when logged.
    Diary,
    /// The person's answers to the short questionnaire.
    Questionnaire,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AugmentationScreen {
    /// The dopaminergic drug(s) screened for; empty when none is taken.
    pub drugs: Vec<String>,
    pub started: Option<NaiveDate>,
    pub flagged: bool,
    pub message: String,
    pub baseline_nights: usize,
    pub recent_nights: usize,
    pub baseline_onset_median: Option<NaiveTime>,
    pub recent_onset_median: Option<NaiveTime>,
    /// How much earlier symptoms start now, minutes (negative: later).
    pub onset_earlier_minutes: Option<i64>,
    pub nights_worse_than_baseline: usize,
    pub spread_to_arms_or_trunk: bool,
    pub higher_intensity: bool,
    /// What the last 7 nights were compared with.
    pub baseline_source: BaselineSource,
    /// A dose relieves for a shorter time than when the drug first worked (questionnaire).
    pub shorter_relief: bool,
    /// Dose increases since the drug started (questionnaire), shown as evidence.
    pub dose_increases: Option<u32>,
    /// The latest ferritin (date, ng/mL): low iron is treated first (IRLSSG 2016).
    pub latest_ferritin: Option<(NaiveDate, f64)>,
    /// Active medicines that can worsen RLS, "name, a class": treated first (IRLSSG 2016).
    pub worsening_medicines: Vec<String>,
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

/// The active dopaminergic RLS drugs (dopamine agonists, levodopa) on `today`.
fn dopaminergic<'a>(diary: &Diary<'a>, today: NaiveDate) -> Vec<&'a RegimenItem> {
    diary
        .regimen
        .iter()
        .filter(|r| active_on(r, today))
        .filter(|r| {
            lookup(&r.name).iter().any(|m| {
                matches!(
                    m.medicine.class,
                    DrugClass::DopamineAgonist | DrugClass::Levodopa
                )
            })
        })
        .collect()
}

/// The earliest start of an active dopaminergic RLS drug, if any.
pub fn dopaminergic_start(diary: &Diary<'_>, today: NaiveDate) -> Option<NaiveDate> {
    dopaminergic(diary, today)
        .iter()
        .map(|r| r.start_date)
        .min()
}

/// Screens the diary; `nights` must include the 28 days before the drug started, its first 28
/// days and the last 7 nights, oldest first.
pub fn screen(diary: &Diary<'_>, nights: &[Night], today: NaiveDate) -> AugmentationScreen {
    let drugs = dopaminergic(diary, today);
    let mut out = AugmentationScreen {
        drugs: drugs.iter().map(|r| r.name.clone()).collect(),
        started: drugs.iter().map(|r| r.start_date).min(),
        flagged: false,
        message: String::new(),
        baseline_nights: 0,
        recent_nights: 0,
        baseline_onset_median: None,
        recent_onset_median: None,
        onset_earlier_minutes: None,
        nights_worse_than_baseline: 0,
        spread_to_arms_or_trunk: false,
        higher_intensity: false,
        baseline_source: BaselineSource::None,
        shorter_relief: false,
        dose_increases: None,
        latest_ferritin: None,
        worsening_medicines: Vec::new(),
    };
    let Some(started) = out.started else {
        out.message = "not on a dopaminergic RLS drug: no augmentation screen".into();
        return out;
    };
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value as i64;
    let recent_from = today - chrono::Duration::days(window - 1);
    // MPI-2007 compares severity with the period when the drug first worked (its first weeks,
    // before the recent window), and onset and spread with the symptoms before treatment.
    let response_to = (started
        + chrono::Duration::days(ev::AUGMENTATION_RESPONSE_WINDOW_DAYS.value as i64))
    .min(recent_from);
    let baseline: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date >= started && n.night_date < response_to)
        .collect();
    let pre_from =
        started - chrono::Duration::days(ev::AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64);
    let before: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date < started && n.night_date >= pre_from)
        .collect();
    let recent: Vec<&Night> = nights
        .iter()
        .filter(|n| {
            n.night_date >= started
                && (today - n.night_date).num_days() < window
                && n.night_date <= today
        })
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
    if (baseline.len() as f64) < ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value {
        if let Some(answers) = &diary.profile.augmentation_baseline {
            from_questionnaire(&mut out, answers, &recent, started);
            return out;
        }
        out.message = format!(
            "needs at least {:.0} diary nights from the first weeks on the drug (from {started}, when it first worked) as a baseline ({} found), or the short questionnaire: when symptoms usually began before the drug, how bad they were when it first worked, whether they reached the arms, how long a dose relieved them then and now, and any dose increases",
            ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value,
            baseline.len()
        );
        return out;
    }
    out.baseline_source = BaselineSource::Diary;
    // Relief and dose increases are not in the diary; answers to the questionnaire add them.
    if let Some(a) = &diary.profile.augmentation_baseline {
        out.dose_increases = a.dose_increases;
        out.shorter_relief = matches!(
            (a.relief_hours_at_start, a.relief_hours_now),
            (Some(then), Some(now)) if now < then
        );
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
    let recent_sev = median(recent.iter().filter_map(|n| severity(n, scale)).collect());
    out.nights_worse_than_baseline = match base_sev {
        Some(b) => recent
            .iter()
            .filter(|n| severity(n, scale).is_some_and(|s| s > b))
            .count(),
        None => 0,
    };
    // A clear step up, so that "higher intensity" adds something to "worse on 5 of 7 nights".
    let step = match scale {
        Scale::Quick => ev::AUGMENTATION_INTENSITY_QUICK_STEP.value,
        Scale::Irls => ev::AUGMENTATION_INTENSITY_IRLS_STEP.value,
    };
    out.higher_intensity = matches!((base_sev, recent_sev), (Some(b), Some(r)) if r >= b + step);
    // Onset and spread: against the nights before the drug when the diary has enough of them,
    // else against the first weeks on it (onset then is rarely earlier than before treatment).
    let onset_before = before.iter().filter(|n| n.onset.is_some()).count() as f64
        >= ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value;
    let onset_base: &[&Night] = if onset_before { &before } else { &baseline };
    let base_on = median(
        onset_base
            .iter()
            .filter_map(|n| n.onset)
            .map(|t| after_noon(t) as f64)
            .collect(),
    );
    let recent_on = median(
        recent
            .iter()
            .filter_map(|n| n.onset)
            .map(|t| after_noon(t) as f64)
            .collect(),
    );
    out.baseline_onset_median = base_on.and_then(|m| from_after_noon(m.round() as i64));
    out.recent_onset_median = recent_on.and_then(|m| from_after_noon(m.round() as i64));
    out.onset_earlier_minutes = match (base_on, recent_on) {
        (Some(b), Some(r)) => Some((b - r).round() as i64),
        _ => None,
    };
    let beyond_legs = |n: &&Night| {
        n.body_areas
            .iter()
            .any(|a| matches!(a, BodyArea::Arms | BodyArea::Trunk))
    };
    out.spread_to_arms_or_trunk = !onset_base.iter().any(beyond_legs)
        && !baseline.iter().any(beyond_legs)
        && recent.iter().any(beyond_legs);

    let then = if onset_before {
        format!("before {started}")
    } else {
        format!("in the first weeks on the drug (from {started})")
    };
    let onset = match (out.baseline_onset_median, out.recent_onset_median) {
        (Some(b), Some(r)) => format!(
            "symptoms began around {} {then}, around {} in the last 7 nights",
            b.format("%H:%M"),
            r.format("%H:%M")
        ),
        _ => "onset times were not logged often enough to compare".into(),
    };
    verdict(&mut out, &onset);
    out
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
    out.dose_increases = a.dose_increases;
    let base_sev = a.severity_when_it_worked.map(f64::from);
    let recent_quick: Vec<f64> = recent
        .iter()
        .filter_map(|n| severity(n, Scale::Quick))
        .collect();
    out.nights_worse_than_baseline = match base_sev {
        Some(b) => recent_quick.iter().filter(|s| **s > b).count(),
        None => 0,
    };
    out.higher_intensity = matches!((base_sev, median(recent_quick)),
        (Some(b), Some(r)) if r >= b + ev::AUGMENTATION_INTENSITY_QUICK_STEP.value);
    let recent_on = median(
        recent
            .iter()
            .filter_map(|n| n.onset)
            .map(|t| after_noon(t) as f64)
            .collect(),
    );
    out.baseline_onset_median = a.usual_onset;
    out.recent_onset_median = recent_on.and_then(|m| from_after_noon(m.round() as i64));
    out.onset_earlier_minutes = match (a.usual_onset, recent_on) {
        (Some(b), Some(r)) => Some((after_noon(b) as f64 - r).round() as i64),
        _ => None,
    };
    out.spread_to_arms_or_trunk = a.spread_beyond_legs_before == Some(false)
        && recent.iter().any(|n| {
            n.body_areas
                .iter()
                .any(|x| matches!(x, BodyArea::Arms | BodyArea::Trunk))
        });
    out.shorter_relief = matches!(
        (a.relief_hours_at_start, a.relief_hours_now),
        (Some(then), Some(now)) if now < then
    );
    let mut onset = match (a.usual_onset, out.recent_onset_median) {
        (Some(b), Some(r)) => format!(
            "you recalled symptoms beginning around {} before the drug (your answers; no diary from before {started}), and they began around {} in the last 7 nights",
            b.format("%H:%M"),
            r.format("%H:%M")
        ),
        _ => "onset times were not logged or recalled, so they cannot be compared".into(),
    };
    if base_sev.is_none() {
        onset.push_str("; how bad symptoms were when the drug first worked was not answered, so severity cannot be compared");
    }
    verdict(out, &onset);
}

/// `text` with its first letter capitalised: it starts a sentence.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The MPI-2007 decision and the message, with the evidence, the latest ferritin and any
/// worsening medicine.
fn verdict(out: &mut AugmentationScreen, onset: &str) {
    let rose = out.nights_worse_than_baseline as f64 >= ev::AUGMENTATION_ROSE_NIGHTS.value;
    let earlier = out.onset_earlier_minutes.unwrap_or(0) as f64;
    let much_earlier = earlier >= ev::AUGMENTATION_ONSET_EARLIER_MIN.value;
    let partly_earlier = earlier >= ev::AUGMENTATION_ONSET_PARTIAL_MIN.value
        && (out.spread_to_arms_or_trunk || out.higher_intensity || out.shorter_relief);
    out.flagged = rose && (much_earlier || partly_earlier);
    let mut evidence = vec![format!(
        "worse than when the drug first worked on {} of the last 7 nights",
        out.nights_worse_than_baseline
    )];
    evidence.push(onset.to_owned());
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
    out.message = if out.flagged {
        format!(
            "Possible augmentation — discuss with your doctor; do not change the dose yourself. {}. {ferritin}{worsening}.",
            sentence_case(&evidence.join("; "))
        )
    } else {
        format!("No sign of augmentation: {}.", evidence.join("; "))
    };
}
