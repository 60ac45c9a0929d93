//! "See a doctor" flags (SPEC §2.6), each with the facts that raised it. Flags say "discuss with
//! your doctor"; they never diagnose and never tell anyone to stop a medicine.

use chrono::NaiveDate;
use serde::Serialize;

use super::augmentation::AugmentationScreen;
use super::catalog::{lookup, MedicineEffect};
use super::groups::{self, KidneyStage};
use super::iron_status::{IronAdvice, IronStatus};
use super::regimen::active_on;
use super::stats::median;
use super::weekly_irls::{self, weekly_ratings};
use super::Diary;
use crate::evidence::{self as ev, Source};
use crate::model::Night;

/// Why a doctor flag was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// TSAT or ferritin at the iron safety ceiling: hold iron until the doctor has been asked.
    IronOverloadRisk,
    /// Pregnant (or postpartum) with RLS symptoms: discuss with the doctor or midwife.
    Pregnancy,
    /// Kidney disease: RLS care needs the doctor's plan.
    KidneyDisease,
    /// Several nights with short sleep because of RLS (`SHORT_SLEEP_HOURS`).
    SevereNights,
    /// A medicine in the regimen that can worsen RLS: discuss with the prescriber.
    WorseningMedication,
    /// Iron is not indicated but symptoms are still disruptive: discuss treatment.
    DiscussTreatment,
    /// Ferritin not rising on oral iron: discuss IV iron.
    FerritinNotRising,
    /// Possible augmentation (see `rules::augmentation`): discuss with the doctor.
    PossibleAugmentation,
    /// Haemoglobin under the WHO 2024 cut-off for the person's sex / pregnancy.
    LowHaemoglobin,
    /// The latest weekly IRLS is 21 or more.
    SevereWeeklyIrls,
    /// IRLS item 10 (effect on mood) scored high.
    MoodItemHigh,
    /// Under 18, haemochromatosis, thalassaemia or regular transfusions: iron is the doctor's.
    IronNeedsDoctor,
}

/// Something to discuss with the doctor, with the facts and the source behind it.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct DoctorFlag {
    /// What the flag is about.
    pub kind: FlagKind,
    /// One line to show.
    pub title: String,
    /// The facts that raised it.
    pub facts: String,
    /// The evidence behind it.
    pub source: Source,
    /// That source as a citation.
    pub citation: String,
}

/// Said in the kidney flag: doses may differ with kidney disease, and the doctor decides (the
/// app never doses; SPEC §5).
pub const KIDNEY_DOSES_NOTE: &str =
    "; doses of iron and RLS medicines may need adjusting with kidney disease: your doctor decides";

/// The low-haemoglobin flag's title under 18 ([`ev::ADULT_AGE_YEARS`]): the child's doctor
/// decides what the result means.
pub const LOW_HAEMOGLOBIN_CHILD: &str =
    "Low haemoglobin: discuss it with your child's doctor (or your own doctor), who can look for the cause of anaemia";

fn flag(kind: FlagKind, title: &str, facts: String, source: Source) -> DoctorFlag {
    DoctorFlag {
        kind,
        title: title.to_owned(),
        facts,
        source,
        citation: source.citation().to_owned(),
    }
}

/// "1 night", "3 nights".
pub fn nights_words(n: usize) -> String {
    if n == 1 {
        "1 night".to_owned()
    } else {
        format!("{n} nights")
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

    let ceiling = |r: &&super::iron_status::Reason| {
        r.rule == ev::TSAT_CEILING.key || r.rule == ev::FERRITIN_CEILING.key
    };
    // A no-iron-advice group still gets the hold at a safety ceiling (SPEC §2.1).
    let held = iron.advice == IronAdvice::StopAndSeeDoctor
        || (iron.advice == IronAdvice::AskDoctorFirst && iron.reasons.iter().any(|r| ceiling(&r)));
    if held {
        let facts = iron_facts(iron);
        let src = iron
            .reasons
            .iter()
            .find(ceiling)
            .or(iron.reasons.first())
            .map(|r| r.source)
            .unwrap_or(Source::Irlssg2018);
        out.push(flag(
            FlagKind::IronOverloadRisk,
            "Iron safety ceiling reached: hold iron until you have spoken to your doctor",
            facts,
            src,
        ));
    }
    let pregnant = groups::pregnant_on(diary.profile, today);
    if pregnant && symptomatic > 0 {
        let due = diary
            .profile
            .due_date
            .map(|d| {
                format!(
                    "due {d}; this ends {:.0} weeks after the due date",
                    ev::PREGNANCY_ENDS_AFTER_DUE_DAYS.value / 7.0
                )
            })
            .unwrap_or_else(|| {
                "add your due date so that pregnancy advice ends 6 weeks after it".to_owned()
            });
        // After the due date the advice still runs for 6 weeks: said as after pregnancy, not as
        // pregnancy.
        let after = diary.profile.due_date.is_some_and(|d| today > d);
        let (title, when) = if after {
            (
                "After pregnancy with RLS symptoms: discuss with your doctor or midwife",
                "in the weeks after pregnancy",
            )
        } else {
            (
                "Pregnant with RLS symptoms: discuss with your doctor or midwife",
                "in pregnancy",
            )
        };
        out.push(flag(FlagKind::Pregnancy, title,
            format!("{} with symptoms in the last {window} days ({due}); iron needs and safe treatments differ {when}, and a hot bath is left out of the routine", nights_words(symptomatic)), Source::Picchietti2015));
    }
    let kidney = groups::kidney(diary.profile, diary.labs);
    if kidney.stage != KidneyStage::Normal {
        let src = match kidney.stage {
            KidneyStage::Dialysis => Source::Aasm2025,
            _ => Source::Kdigo2024,
        };
        let mut facts = kidney.facts();
        facts.push_str(KIDNEY_DOSES_NOTE);
        if kidney.no_magnesium() {
            facts.push_str("; no magnesium reminder (kidneys clear magnesium poorly)");
        }
        if kidney.stage == KidneyStage::Dialysis
            && groups::no_iv_iron_in_pregnancy(diary.profile, today)
        {
            facts.push_str("; pregnant: ask your obstetric and kidney teams about iron (IV iron is considered only in the 2nd or 3rd trimester)");
        } else if kidney.stage == KidneyStage::Dialysis {
            facts.push_str(&format!("; AASM 2025 suggests IV iron sucrose for RLS on dialysis at ferritin under {:.0} ng/mL and TSAT under {:.0} %", ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW.value, ev::DIALYSIS_IRON_SUCROSE_TSAT_BELOW.value));
        }
        out.push(flag(
            FlagKind::KidneyDisease,
            "Kidney disease: RLS care needs your doctor's plan",
            facts,
            src,
        ));
    }
    if let Some(why) = groups::iron_needs_doctor(diary.profile, today) {
        out.push(flag(
            FlagKind::IronNeedsDoctor,
            "Iron and RLS: ask your doctor (the app gives no iron advice here)",
            why,
            groups::iron_needs_doctor_evidence(diary.profile).source,
        ));
    }
    if let Some((d, hb)) = iron.haemoglobin {
        // The WHO 2024 cut-off by sex and trimester; with sex or the due date missing, the
        // lower one flags and the gap is a note on the iron status (groups::haemoglobin_cutoff).
        // A child is judged by the WHO 2024 age band on the day of the draw; under 6 months
        // there is no cut-off and no flag (the iron status says so).
        let cut = groups::haemoglobin_cutoff(diary.profile, today, d);
        if let Some(cut) = cut.filter(|c| hb < c.cut.value) {
            out.push(flag(
                FlagKind::LowHaemoglobin,
                if cut.child {
                    LOW_HAEMOGLOBIN_CHILD
                } else {
                    "Low haemoglobin: ask your doctor to look for the cause of anaemia"
                },
                format!(
                    "haemoglobin {hb:.1} g/dL on {d} is under {} g/dL, {}",
                    cut.cut.value, cut.whose
                ),
                Source::Who2024,
            ));
        }
    }
    let short = recent
        .iter()
        .filter(|n| {
            n.sleep_hours
                .is_some_and(|h| h < ev::SHORT_SLEEP_HOURS.value)
                && (n.quick_severity.unwrap_or(0) > 0 || n.irls.is_some())
        })
        .count();
    if (short as f64) >= ev::SEVERE_NIGHTS_MIN.value {
        out.push(flag(
            FlagKind::SevereNights,
            "Several severe nights: see your doctor",
            format!(
                "in the last {window} days: {} with under {:.0} h sleep because of RLS",
                nights_words(short),
                ev::SHORT_SLEEP_HOURS.value
            ),
            ev::SHORT_SLEEP_HOURS.source,
        ));
    }
    let weekly = weekly_ratings(diary.events);
    let latest_weekly = weekly_irls::latest_within(&weekly, today, window);
    // Every rating that overlaps the latest (two devices rated overlapping weeks) is read: the
    // trend shows one answer, but a severe total or a high mood item in any of them is never
    // hidden by the overlap.
    let group = latest_weekly
        .map(|latest| weekly_irls::group_of(diary.events, latest))
        .unwrap_or_default();
    let weekly_peak = group
        .iter()
        .max_by_key(|w| (w.scores.total(), w.week_ending, w.at));
    if let Some(w) = weekly_peak {
        let total = w.scores.total();
        if f64::from(total) >= ev::IRLS_SEVERE_MIN.value {
            out.push(flag(
                FlagKind::SevereWeeklyIrls,
                "Severe RLS on the weekly IRLS: see your doctor",
                format!(
                    "weekly IRLS {total}/40 for the week ending {} ({:.0} or more is severe)",
                    w.week_ending,
                    ev::IRLS_SEVERE_MIN.value
                ),
                ev::IRLS_SEVERE_MIN.source,
            ));
        }
    }
    if let Some(w) = group
        .iter()
        .max_by_key(|w| (weekly_irls::mood_item(w), w.week_ending, w.at))
    {
        let mood = weekly_irls::mood_item(w);
        if f64::from(mood) >= ev::IRLS_MOOD_ITEM_HIGH.value {
            out.push(flag(FlagKind::MoodItemHigh, "RLS is weighing on your mood: talk to your doctor; if you feel unsafe, contact your local emergency number",
                format!("IRLS item 10 (effect on mood) scored {mood}/4 for the week ending {}", w.week_ending), ev::IRLS_MOOD_ITEM_HIGH.source));
        }
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
                    "{} (evidence {}). {}",
                    m.medicine.is_a(&r.name),
                    m.medicine.evidence_line(),
                    m.medicine.advice_for(m.matched)
                ),
                m.medicine.class.source(),
            ));
        }
    }
    if let (IronAdvice::NotIndicated, Some((d, f))) = (iron.advice, iron.ferritin) {
        // Each scale is judged on its own: the nightly quick rating over enough nights, the
        // weekly IRLS by its latest rating (the highest of any ratings overlapping it).
        let quick_values: Vec<f64> = recent
            .iter()
            .filter_map(|n| n.quick_severity.map(f64::from))
            .collect();
        let quick = if (quick_values.len() as f64) >= ev::DISRUPTIVE_MIN_NIGHTS.value {
            median(quick_values)
        } else {
            None
        };
        let irls = weekly_peak.map(|w| f64::from(w.scores.total()));
        let level = match (quick, irls) {
            (Some(q), _) if q >= ev::DISRUPTIVE_QUICK_MEDIAN.value => Some(format!(
                "median rating {q:.1}/10 over the last {window} days"
            )),
            (_, Some(i)) if i >= ev::DISRUPTIVE_IRLS_MEDIAN.value => {
                Some(format!("latest weekly IRLS {i:.0}/40"))
            }
            _ => None,
        };
        if let Some(level) = level {
            let choice = if pregnant {
                "In pregnancy the treatment choices differ: discuss them with your doctor or midwife".to_owned()
            } else {
                "AASM 2025 prefers gabapentinoids (gabapentin, gabapentin enacarbil, pregabalin) over dopamine agonists, which carry a risk of augmentation".to_owned()
            };
            out.push(flag(FlagKind::DiscussTreatment, "Iron is not indicated but symptoms are still disruptive: time to discuss treatment",
                format!("ferritin {f:.0} ng/mL on {d}; {level}. {choice}"), Source::Aasm2025));
        }
    }
    let oral_failed = iron
        .reasons
        .iter()
        .any(|r| r.rule == ev::FERRITIN_ORAL_FAILURE_AT_OR_BELOW.key);
    if iron.advice == IronAdvice::DiscussIv && oral_failed {
        let facts = iron_facts(iron);
        let title = if groups::no_iv_iron_in_pregnancy(diary.profile, today) {
            "Oral iron does not seem to be working: ask your obstetric team"
        } else {
            "Oral iron does not seem to be working: discuss IV iron"
        };
        out.push(flag(
            FlagKind::FerritinNotRising,
            title,
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
