//! Augmentation screening for people on dopaminergic RLS drugs (SPEC §2.5, MPI 2007): against the
//! diary before the drug started, flag "possible augmentation — discuss with your doctor" with the
//! evidence. It never fires without a baseline of at least 7 nights.

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use super::catalog::{lookup, DrugClass};
use super::evidence as ev;
use super::iron::active_on;
use super::stats::median;
use super::Diary;
use crate::model::{BodyArea, Night, RegimenItem};

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

/// Screens the diary; `nights` must include the 28 days before the drug started and the last
/// 7 nights, oldest first.
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
    };
    let Some(started) = out.started else {
        out.message = "not on a dopaminergic RLS drug: no augmentation screen".into();
        return out;
    };
    let window = ev::AUGMENTATION_WINDOW_NIGHTS.value as i64;
    let baseline_from =
        started - chrono::Duration::days(ev::AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64);
    let baseline: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date < started && n.night_date >= baseline_from)
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
    if (baseline.len() as f64) < ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value {
        out.message = format!(
            "needs at least {:.0} diary nights from before {started} as a baseline; {} found",
            ev::AUGMENTATION_BASELINE_MIN_NIGHTS.value,
            baseline.len()
        );
        return out;
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
    let base_on = median(
        baseline
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
    out.spread_to_arms_or_trunk =
        !baseline.iter().any(beyond_legs) && recent.iter().any(beyond_legs);

    let rose = out.nights_worse_than_baseline as f64 >= ev::AUGMENTATION_ROSE_NIGHTS.value;
    let earlier = out.onset_earlier_minutes.unwrap_or(0) as f64;
    let much_earlier = earlier >= ev::AUGMENTATION_ONSET_EARLIER_MIN.value;
    let partly_earlier = earlier >= ev::AUGMENTATION_ONSET_PARTIAL_MIN.value
        && (out.spread_to_arms_or_trunk || out.higher_intensity);
    out.flagged = rose && (much_earlier || partly_earlier);
    let onset = match (out.baseline_onset_median, out.recent_onset_median) {
        (Some(b), Some(r)) => format!(
            "symptoms began around {} before {started}, around {} in the last 7 nights",
            b.format("%H:%M"),
            r.format("%H:%M")
        ),
        _ => "onset times were not logged often enough to compare".into(),
    };
    out.message = if out.flagged {
        format!(
            "Possible augmentation — discuss with your doctor: worse than before on {} of the last 7 nights; {onset}{}. Do not change the dose on your own.",
            out.nights_worse_than_baseline,
            if out.spread_to_arms_or_trunk { "; symptoms now reach the arms or trunk" } else { "" }
        )
    } else {
        format!(
            "no sign of augmentation: worse than before on {} of the last 7 nights; {onset}",
            out.nights_worse_than_baseline
        )
    };
    out
}
