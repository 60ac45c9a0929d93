//! The profile facts that change advice (SPEC §2.1, 2.3, 2.6): pregnancy (until 6 weeks after
//! the due date), kidney function (eGFR read from the labs, dialysis), age under 18, the
//! conditions where iron is the doctor's call alone, and the haemoglobin cut-off by sex and
//! pregnancy. Pure: profile, labs and today in, facts out.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::evidence::{self as ev, Evidence};
use crate::model::{Analyte, Lab, Profile, Sex};

/// Whether pregnancy advice applies on `today`: the person says they are pregnant, and the due
/// date (when given) is no more than 6 weeks past.
pub fn pregnant_on(p: &Profile, today: NaiveDate) -> bool {
    p.pregnant
        && p.due_date.is_none_or(|due| {
            today <= due + Duration::days(ev::PREGNANCY_ENDS_AFTER_DUE_DAYS.value as i64)
        })
}

/// Age in whole years on `today`, when the birth date is known.
pub fn age_on(p: &Profile, today: NaiveDate) -> Option<i32> {
    let b = p.birth_date?;
    let mut years = today.year() - b.year();
    if (today.month(), today.day()) < (b.month(), b.day()) {
        years -= 1;
    }
    Some(years)
}

/// Why the app gives no iron advice of its own to this person, if it does not (SPEC §2.1:
/// under 18, haemochromatosis, thalassaemia, regular transfusions).
pub fn iron_needs_doctor(p: &Profile, today: NaiveDate) -> Option<String> {
    let mut why = Vec::new();
    if let Some(age) = age_on(p, today).filter(|a| f64::from(*a) < ev::ADULT_AGE_YEARS.value) {
        why.push(format!(
            "age {age}: the adult iron thresholds apply from {:.0}; ask the child's doctor (children's thresholds differ)",
            ev::ADULT_AGE_YEARS.value
        ));
    }
    if p.haemochromatosis {
        why.push("haemochromatosis".to_owned());
    }
    if p.thalassaemia {
        why.push("thalassaemia".to_owned());
    }
    if p.regular_transfusions {
        why.push("regular blood transfusions".to_owned());
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Kidney function as the advice uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum KidneyStage {
    /// Nothing recorded and no eGFR under 60.
    Normal,
    /// Kidney disease recorded in the profile, latest eGFR not under 60 (or none on file).
    Recorded,
    /// Latest eGFR under 60.
    Reduced,
    /// Latest eGFR under 30.
    Severe,
    /// On dialysis.
    Dialysis,
}

/// Kidney function from the profile and the latest eGFR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kidney {
    pub stage: KidneyStage,
    /// The latest eGFR (date, mL/min/1.73m²).
    pub egfr: Option<(NaiveDate, f64)>,
}

impl Kidney {
    /// eGFR under 30 or dialysis: no magnesium reminder (SPEC §2.3).
    pub fn no_magnesium(&self) -> bool {
        self.stage >= KidneyStage::Severe
    }

    /// One line of facts for a flag or a plan note.
    pub fn facts(&self) -> String {
        let egfr = self
            .egfr
            .map(|(d, v)| format!("latest eGFR {v:.0} mL/min/1.73m² on {d}"))
            .unwrap_or_else(|| "no eGFR on file".to_owned());
        match self.stage {
            KidneyStage::Normal => egfr,
            KidneyStage::Recorded => format!("kidney disease is recorded in your profile; {egfr}"),
            KidneyStage::Reduced => format!(
                "{egfr}, under {:.0}: kidney function is reduced",
                ev::EGFR_REDUCED_BELOW.value
            ),
            KidneyStage::Severe => format!(
                "{egfr}, under {:.0}: kidney function is severely reduced",
                ev::EGFR_SEVERE_BELOW.value
            ),
            KidneyStage::Dialysis => format!("on dialysis; {egfr}"),
        }
    }
}

/// The latest result of one analyte (date, canonical value).
pub fn latest_lab(labs: &[Lab], a: Analyte) -> Option<(NaiveDate, f64)> {
    labs.iter()
        .filter(|l| l.analyte == a)
        .max_by_key(|l| (l.taken_on, l.meta.created_at))
        .map(|l| (l.taken_on, l.value.canonical))
}

/// Kidney function: dialysis from the profile; otherwise the latest eGFR decides, and a
/// recorded kidney disease with no low eGFR still counts as recorded.
pub fn kidney(p: &Profile, labs: &[Lab]) -> Kidney {
    let egfr = latest_lab(labs, Analyte::Egfr);
    let stage = if p.dialysis {
        KidneyStage::Dialysis
    } else {
        match egfr {
            Some((_, v)) if v < ev::EGFR_SEVERE_BELOW.value => KidneyStage::Severe,
            Some((_, v)) if v < ev::EGFR_REDUCED_BELOW.value => KidneyStage::Reduced,
            _ if p.kidney_disease => KidneyStage::Recorded,
            _ => KidneyStage::Normal,
        }
    };
    Kidney { stage, egfr }
}

/// The WHO 2024 haemoglobin cut-off that applies: pregnancy 11, men 13, women 12 g/dL. With
/// sex not given, the men's (higher) cut-off is used so that no anaemia goes unmentioned; the
/// flag says so.
pub fn haemoglobin_cutoff(p: &Profile, today: NaiveDate) -> Evidence {
    if pregnant_on(p, today) {
        ev::HAEMOGLOBIN_LOW_PREGNANCY
    } else if p.sex == Some(Sex::Female) {
        ev::HAEMOGLOBIN_LOW_WOMEN
    } else {
        ev::HAEMOGLOBIN_LOW_MEN
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabValue, RecordMeta};
    use chrono::{TimeZone, Utc};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn egfr(v: f64) -> Lab {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap();
        Lab {
            meta: RecordMeta::new(now, "t"),
            analyte: Analyte::Egfr,
            value: LabValue::from_entry(Analyte::Egfr, v, "mL/min/1.73m2").unwrap(),
            taken_on: d("2026-11-01"),
        }
    }

    #[test]
    fn pregnancy_ends_six_weeks_after_the_due_date() {
        let p = Profile {
            pregnant: true,
            due_date: Some(d("2026-10-01")),
            ..Profile::default()
        };
        assert!(pregnant_on(&p, d("2026-11-12"))); // due + 42 days
        assert!(!pregnant_on(&p, d("2026-11-13"))); // due + 43 days
        let no_due = Profile {
            pregnant: true,
            ..Profile::default()
        };
        assert!(pregnant_on(&no_due, d("2030-01-01")));
        assert!(!pregnant_on(&Profile::default(), d("2026-11-12")));
    }

    #[test]
    fn under_eighteen_gets_no_iron_advice_and_eighteen_does() {
        let p = Profile {
            birth_date: Some(d("2008-11-30")),
            ..Profile::default()
        };
        assert_eq!(age_on(&p, d("2026-11-29")), Some(17));
        assert!(iron_needs_doctor(&p, d("2026-11-29"))
            .unwrap()
            .contains("age 17"));
        assert_eq!(age_on(&p, d("2026-11-30")), Some(18));
        assert_eq!(iron_needs_doctor(&p, d("2026-11-30")), None);
        assert_eq!(
            iron_needs_doctor(&Profile::default(), d("2026-11-30")),
            None
        );
    }

    #[test]
    fn each_iron_condition_hands_iron_to_the_doctor() {
        let today = d("2026-11-30");
        for (p, word) in [
            (
                Profile {
                    haemochromatosis: true,
                    ..Profile::default()
                },
                "haemochromatosis",
            ),
            (
                Profile {
                    thalassaemia: true,
                    ..Profile::default()
                },
                "thalassaemia",
            ),
            (
                Profile {
                    regular_transfusions: true,
                    ..Profile::default()
                },
                "transfusions",
            ),
        ] {
            assert!(iron_needs_doctor(&p, today).unwrap().contains(word));
        }
    }

    #[test]
    fn egfr_thresholds_read_from_the_labs() {
        let p = Profile::default();
        assert_eq!(kidney(&p, &[egfr(60.0)]).stage, KidneyStage::Normal);
        assert_eq!(kidney(&p, &[egfr(59.0)]).stage, KidneyStage::Reduced);
        assert_eq!(kidney(&p, &[egfr(30.0)]).stage, KidneyStage::Reduced);
        assert_eq!(kidney(&p, &[egfr(29.0)]).stage, KidneyStage::Severe);
        assert!(!kidney(&p, &[egfr(30.0)]).no_magnesium());
        assert!(kidney(&p, &[egfr(29.0)]).no_magnesium());
        let recorded = Profile {
            kidney_disease: true,
            ..Profile::default()
        };
        assert_eq!(
            kidney(&recorded, &[egfr(75.0)]).stage,
            KidneyStage::Recorded
        );
        let dialysis = Profile {
            dialysis: true,
            ..Profile::default()
        };
        assert_eq!(
            kidney(&dialysis, &[egfr(75.0)]).stage,
            KidneyStage::Dialysis
        );
        assert!(kidney(&dialysis, &[]).no_magnesium());
    }

    #[test]
    fn the_haemoglobin_cutoff_follows_sex_and_pregnancy() {
        let today = d("2026-11-30");
        let woman = Profile {
            sex: Some(Sex::Female),
            ..Profile::default()
        };
        let man = Profile {
            sex: Some(Sex::Male),
            ..Profile::default()
        };
        let pregnant = Profile {
            sex: Some(Sex::Female),
            pregnant: true,
            ..Profile::default()
        };
        assert_eq!(haemoglobin_cutoff(&woman, today).value, 12.0);
        assert_eq!(haemoglobin_cutoff(&man, today).value, 13.0);
        assert_eq!(haemoglobin_cutoff(&pregnant, today).value, 11.0);
        assert_eq!(haemoglobin_cutoff(&Profile::default(), today).value, 13.0);
    }
}
