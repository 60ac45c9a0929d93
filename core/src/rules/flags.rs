//! "See a doctor" flags (SPEC §2.6), each with the facts that raised it. Flags say "discuss with
//! your doctor"; they never diagnose and never tell anyone to stop a medicine.

use chrono::NaiveDate;
use serde::Serialize;

use super::augmentation::AugmentationScreen;
use super::catalog::{lookup, MedicineEffect};
use super::evidence::{self as ev, Source};
use super::iron::active_on;
use super::iron_status::{IronAdvice, IronStatus};
use super::stats::median;
use super::Diary;
use crate::model::Night;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    IronOverloadRisk,
    Pregnancy,
    KidneyDisease,
    SevereNights,
    WorseningMedication,
    DiscussTreatment,
    FerritinNotRising,
    PossibleAugmentation,
}

#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct DoctorFlag {
    pub kind: FlagKind,
    pub title: String,
    /// The facts that raised it.
    pub facts: String,
    pub source: Source,
    pub citation: String,
}

fn flag(kind: FlagKind, title: &str, facts: String, source: Source) -> DoctorFlag {
    DoctorFlag {
        kind,
        title: title.to_owned(),
        facts,
        source,
        citation: source.citation().to_owned(),
    }
}

/// The numbers behind an iron answer, in one line.
fn iron_facts(iron: &IronStatus) -> String {
    iron.reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The flags for `today`; `nights` are all live nights, oldest first.
pub fn doctor_flags(
    diary: &Diary<'_>,
    nights: &[Night],
    iron: &IronStatus,
    augmentation: &AugmentationScreen,
    today: NaiveDate,
) -> Vec<DoctorFlag> {
    let mut out = Vec::new();
    let window = ev::FLAG_WINDOW_DAYS.value as i64;
    let recent: Vec<&Night> = nights
        .iter()
        .filter(|n| n.night_date <= today && (today - n.night_date).num_days() < window)
        .collect();
    let symptomatic = recent
        .iter()
        .filter(|n| n.quick_severity.unwrap_or(0) > 0 || n.irls.is_some_and(|i| i.total() > 0))
        .count();

    if iron.advice == IronAdvice::StopAndSeeDoctor {
        let facts = iron_facts(iron);
        let src = iron
            .reasons
            .first()
            .map(|r| r.source)
            .unwrap_or(Source::Irlssg2018);
        out.push(flag(
            FlagKind::IronOverloadRisk,
            "Iron-overload ceiling reached: do not supplement iron; see your doctor",
            facts,
            src,
        ));
    }
    if diary.profile.pregnant && symptomatic > 0 {
        out.push(flag(FlagKind::Pregnancy, "Pregnant with RLS symptoms: discuss with your doctor or midwife",
            format!("{symptomatic} night(s) with symptoms in the last {window} days; iron needs and safe treatments differ in pregnancy"), Source::Article));
    }
    if diary.profile.kidney_disease {
        out.push(flag(FlagKind::KidneyDisease, "Kidney disease: RLS care needs your doctor's plan",
            "kidney disease is recorded in your profile; iron and RLS medicines need adjusting with it".into(), Source::Article));
    }
    let short = recent
        .iter()
        .filter(|n| {
            n.sleep_hours
                .is_some_and(|h| h < ev::SHORT_SLEEP_HOURS.value)
                && (n.quick_severity.unwrap_or(0) > 0 || n.irls.is_some())
        })
        .count();
    let severe = recent
        .iter()
        .filter(|n| {
            n.irls
                .is_some_and(|i| f64::from(i.total()) >= ev::IRLS_SEVERE_MIN.value)
        })
        .count();
    if (short.max(severe) as f64) >= ev::SEVERE_NIGHTS_MIN.value {
        out.push(flag(FlagKind::SevereNights, "Several severe nights: see your doctor",
            format!("in the last {window} days: {short} night(s) with under {:.0} h sleep, {severe} night(s) with IRLS {:.0} or more", ev::SHORT_SLEEP_HOURS.value, ev::IRLS_SEVERE_MIN.value), ev::SEVERE_NIGHTS_MIN.source));
    }
    for r in diary.regimen.iter().filter(|r| active_on(r, today)) {
        for m in lookup(&r.name)
            .iter()
            .filter(|m| m.medicine.class.effect() == MedicineEffect::WorsensRls)
        {
            out.push(flag(
                FlagKind::WorseningMedication,
                "A medicine that can worsen RLS: discuss with the prescriber",
                format!(
                    "{} is a {} ({} evidence). {}",
                    r.name,
                    m.medicine.class.label(),
                    crate::model::enums::name_of(&m.medicine.class.evidence()),
                    m.medicine.advice()
                ),
                m.medicine.class.source(),
            ));
        }
    }
    if let Some((d, f)) = iron.ferritin {
        if f >= ev::FERRITIN_TARGET.value {
            // Each scale is judged on its own nights, and only with enough of them.
            let enough = |v: Vec<f64>| {
                if (v.len() as f64) >= ev::DISRUPTIVE_MIN_NIGHTS.value {
                    median(v)
                } else {
                    None
                }
            };
            let quick = enough(
                recent
                    .iter()
                    .filter_map(|n| n.quick_severity.map(f64::from))
                    .collect(),
            );
            let irls = enough(
                recent
                    .iter()
                    .filter_map(|n| n.irls.map(|i| f64::from(i.total())))
                    .collect(),
            );
            let disruptive = quick.is_some_and(|q| q >= ev::DISRUPTIVE_QUICK_MEDIAN.value)
                || irls.is_some_and(|i| i >= ev::DISRUPTIVE_IRLS_MEDIAN.value);
            if disruptive {
                let level = match (quick, irls) {
                    (Some(q), _) if q >= ev::DISRUPTIVE_QUICK_MEDIAN.value => {
                        format!("median rating {q:.1}/10")
                    }
                    (_, Some(i)) => format!("median IRLS {i:.0}"),
                    _ => String::new(),
                };
                out.push(flag(FlagKind::DiscussTreatment, "Iron is at target but symptoms are still disruptive: time to discuss treatment",
                    format!("ferritin {f:.0} ng/mL on {d}; {level} over the last {window} days. Gabapentinoids are now preferred first-line; dopamine agonists carry a risk of augmentation"), Source::Aasm2025));
            }
        }
    }
    if iron.advice == IronAdvice::DiscussIv && iron.supplementing {
        let facts = iron_facts(iron);
        out.push(flag(
            FlagKind::FerritinNotRising,
            "Ferritin is not rising on oral iron: discuss IV iron",
            facts,
            Source::Irlssg2018,
        ));
    }
    if augmentation.flagged {
        out.push(flag(
            FlagKind::PossibleAugmentation,
            "Possible augmentation: discuss with your doctor",
            augmentation.message.clone(),
            Source::Mpi2007,
        ));
    }
    out
}
