//! The profile facts that change advice (SPEC §2.1, 2.3, 2.6): pregnancy (until 6 weeks after
//! the due date), kidney function (eGFR read from the labs, dialysis), age under 18, the
//! conditions where iron is the doctor's call alone, and the haemoglobin cut-off by sex and
//! pregnancy. Pure: profile, labs and today in, facts out.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::evidence::{self as ev, Evidence};
use crate::model::{Analyte, Lab, Profile, RegimenItem, RegimenKind, Sex};

/// Whether pregnancy advice applies on `today`: the person says they are pregnant, and the due
/// date (when given) is no more than 6 weeks past.
pub fn pregnant_on(p: &Profile, today: NaiveDate) -> bool {
    p.pregnant
        && p.due_date.is_none_or(|due| {
            today <= due + Duration::days(ev::PREGNANCY_ENDS_AFTER_DUE_DAYS.value as i64)
        })
}

/// Whether IV iron must not be suggested on `today` (SPEC §2.3, IRLSSG pregnancy guidance,
/// Picchietti et al. 2015: IV iron only in the 2nd or 3rd trimester): pregnant and before the
/// due date, and either in the 1st trimester or with no due date (trimester unknown). The
/// advice then says "ask your obstetric team" instead.
pub fn no_iv_iron_in_pregnancy(p: &Profile, today: NaiveDate) -> bool {
    pregnant_on(p, today)
        && p.due_date
            .is_none_or(|due| today <= due && trimester(due, today) == 1)
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
            "you are {age}, and the adult iron thresholds apply from {:.0}: ask your doctor (or your child's doctor), as children's thresholds differ",
            ev::ADULT_AGE_YEARS.value
        ));
    }
    let conditions: Vec<&str> = [
        (p.haemochromatosis, "haemochromatosis"),
        (p.thalassaemia, "thalassaemia"),
        (p.regular_transfusions, "regular blood transfusions"),
    ]
    .into_iter()
    .filter_map(|(on, what)| on.then_some(what))
    .collect();
    if !conditions.is_empty() {
        why.push(format!(
            "you noted {}, which the RLS iron guidelines do not cover",
            conditions.join(" and ")
        ));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// The source of the no-iron-advice rule for this person: the AASM 2025 paediatric
/// recommendation for under-18s alone; for haemochromatosis, thalassaemia or regular transfusions
/// a conservative product rule (no RLS iron guideline covers them).
pub fn iron_needs_doctor_evidence(p: &Profile) -> Evidence {
    if p.haemochromatosis || p.thalassaemia || p.regular_transfusions {
        ev::IRON_OVERLOAD_GROUPS_NO_ADVICE
    } else {
        ev::ADULT_AGE_YEARS
    }
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

    /// Whether the plan leaves `item` out with this kidney function: magnesium, by kind or by
    /// name ([`is_magnesium`]), with eGFR under 30 or dialysis (SPEC §2.3). Its reminders,
    /// and its adherence count, are dropped; the warnings say why.
    pub fn drops(&self, item: &RegimenItem) -> bool {
        self.no_magnesium() && is_magnesium(item)
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

/// Whether a regimen item is magnesium (SPEC §2.3): the magnesium item, or a medicine or
/// supplement whose name the catalog reads as a magnesium supplement ("magnesium glycinate",
/// a brand such as Magnesium Verla). An antacid that contains magnesium (milk of magnesia) is
/// an antacid in the catalog, not this.
pub fn is_magnesium(item: &RegimenItem) -> bool {
    match item.kind {
        RegimenKind::Magnesium => true,
        RegimenKind::Iron | RegimenKind::VitaminC => false,
        RegimenKind::Medication | RegimenKind::Supplement => super::catalog::lookup(&item.name)
            .iter()
            .any(|m| m.medicine.class == super::catalog::DrugClass::Magnesium),
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

/// The trimester on `today` of a pregnancy due on `due` (due date = 40 weeks + 0 days): 1, 2
/// or 3 (weeks 0-13, 14-27, 28 on; before week 0, 1; after the due date, 3).
pub fn trimester(due: NaiveDate, today: NaiveDate) -> u8 {
    let days = ev::PREGNANCY_DUE_AT_DAYS.value as i64 - (due - today).num_days();
    let weeks = days.div_euclid(7) as f64;
    if weeks >= ev::PREGNANCY_THIRD_TRIMESTER_FROM_WEEK.value {
        3
    } else if weeks >= ev::PREGNANCY_SECOND_TRIMESTER_FROM_WEEK.value {
        2
    } else {
        1
    }
}

/// The WHO 2024 haemoglobin cut-off that applies, in words, and, when a profile fact is
/// missing, the higher cut-off that fact could make apply.
#[derive(Debug, Clone, PartialEq)]
pub struct HaemoglobinCutoff {
    /// Anaemia below this (g/dL): the flag.
    pub cut: Evidence,
    /// Whose cut-off it is, for the flag's facts ("the cut-off for women").
    pub whose: String,
    /// A higher cut-off that may apply instead, and what to set in the profile to know; a
    /// value between the two gets a note, not a flag.
    pub unclear_below: Option<(Evidence, String)>,
    /// Under 18 on the day asked about ([`ev::ADULT_AGE_YEARS`]): the words send the person to
    /// the child's doctor.
    pub child: bool,
}

/// Whole months of age on `on`, when the birth date is known (negative before it).
fn months_on(p: &Profile, on: NaiveDate) -> Option<i32> {
    let b = p.birth_date?;
    let mut months = (on.year() - b.year()) * 12 + on.month() as i32 - b.month() as i32;
    if on.day() < b.day() {
        months -= 1;
    }
    Some(months)
}

/// A child's WHO 2024 age band on the day the blood was drawn.
enum ChildBand {
    /// 15 or older, or no birth date: the cut-offs by sex apply.
    Adult,
    /// Under 6 months: WHO 2024 gives no cut-off. Also drawn before the birth date (an imported
    /// lab): no verdict.
    NoCutoff,
    /// A child's band: its cut-off and whose it is.
    Child(Evidence, String),
}

fn child_band(p: &Profile, drawn: NaiveDate) -> ChildBand {
    let (Some(months), Some(years)) = (months_on(p, drawn), age_on(p, drawn)) else {
        return ChildBand::Adult;
    };
    let (months, years) = (f64::from(months), f64::from(years));
    let aged = |cut: Evidence, from: f64, to_below: f64, unit: &str| {
        ChildBand::Child(
            cut,
            format!(
                "the cut-off for children aged {from:.0}-{:.0} {unit}",
                to_below - 1.0
            ),
        )
    };
    let months_24 = ev::HAEMOGLOBIN_CHILD_24_59_FROM_MONTHS.value;
    let years_5 = ev::HAEMOGLOBIN_CHILD_5_11_FROM_YEARS.value;
    let years_12 = ev::HAEMOGLOBIN_CHILD_12_14_FROM_YEARS.value;
    let years_15 = ev::HAEMOGLOBIN_ADULT_CUTOFFS_FROM_YEARS.value;
    if months < ev::HAEMOGLOBIN_CHILD_CUTOFFS_FROM_MONTHS.value {
        ChildBand::NoCutoff
    } else if months < months_24 {
        aged(
            ev::HAEMOGLOBIN_LOW_CHILD_6_23_MONTHS,
            ev::HAEMOGLOBIN_CHILD_CUTOFFS_FROM_MONTHS.value,
            months_24,
            "months",
        )
    } else if years < years_5 {
        // The band's upper end in months: 5 years is 60 months.
        aged(
            ev::HAEMOGLOBIN_LOW_CHILD_24_59_MONTHS,
            months_24,
            years_5 * 12.0,
            "months",
        )
    } else if years < years_12 {
        aged(
            ev::HAEMOGLOBIN_LOW_CHILD_5_11_YEARS,
            years_5,
            years_12,
            "years",
        )
    } else if years < years_15 {
        aged(
            ev::HAEMOGLOBIN_LOW_CHILD_12_14_YEARS,
            years_12,
            years_15,
            "years",
        )
    } else {
        ChildBand::Adult
    }
}

/// The WHO 2024 haemoglobin cut-off (SPEC §2.1) for a result drawn on `drawn`, judged on
/// `today`: men 13, women 12 g/dL; in pregnancy 11 in the 1st and 3rd trimesters and 10.5 in
/// the 2nd, the trimester computed from the due date and `today`. After the due date
/// (postpartum, while pregnancy advice lasts) the women's cut-off: WHO 2024 gives none for the
/// postpartum period.
///
/// A child (birth date recorded, under 15 on `drawn`) is judged by the WHO 2024 age band, boys
/// and girls alike: 6-23 months 10.5, 24-59 months 11, 5-11 years 11.5, 12-14 years 12 g/dL
/// (evidence rows `HAEMOGLOBIN_LOW_CHILD_*`). `None` under 6 months, where WHO 2024 gives no
/// cut-off ([`haemoglobin_unclear_note`] says so). Pregnancy cut-offs apply at any age. No birth
/// date: the adult cut-offs, as before ages were read.
///
/// A missing fact never picks the higher cut-off silently (that over-flags half the people):
/// sex not set flags under the women's 12 g/dL and notes values under the men's 13 with "set
/// sex in your profile"; pregnant with no due date flags under 10.5 and notes values under 11
/// with "add the due date".
pub fn haemoglobin_cutoff(
    p: &Profile,
    today: NaiveDate,
    drawn: NaiveDate,
) -> Option<HaemoglobinCutoff> {
    let child = age_on(p, today).is_some_and(|a| f64::from(a) < ev::ADULT_AGE_YEARS.value);
    let fixed = |cut: Evidence, whose: &str| HaemoglobinCutoff {
        cut,
        whose: whose.to_owned(),
        unclear_below: None,
        child,
    };
    if pregnant_on(p, today) {
        return Some(match p.due_date {
            Some(due) if today > due => fixed(
                ev::HAEMOGLOBIN_LOW_WOMEN,
                "the cut-off for women, used after the due date",
            ),
            Some(due) => match trimester(due, today) {
                2 => fixed(
                    ev::HAEMOGLOBIN_LOW_PREGNANCY_SECOND_TRIMESTER,
                    "the cut-off in the 2nd trimester of pregnancy",
                ),
                t => fixed(
                    ev::HAEMOGLOBIN_LOW_PREGNANCY,
                    &format!("the cut-off in the {} trimester of pregnancy", if t == 1 { "1st" } else { "3rd" }),
                ),
            },
            // Trimester unknown: SPEC §2.1's "< 11 in pregnancy", which WHO 2024 uses in the
            // 1st and 3rd trimesters; never the 2nd trimester's lower cut-off by default.
            None => fixed(
                ev::HAEMOGLOBIN_LOW_PREGNANCY,
                "the cut-off in pregnancy when the trimester is not known (add the due date to your profile)",
            ),
        });
    }
    match child_band(p, drawn) {
        ChildBand::NoCutoff => return None,
        ChildBand::Child(cut, whose) => return Some(fixed(cut, &whose)),
        ChildBand::Adult => {}
    }
    Some(match p.sex {
        // 15-17: the adult cut-offs, said as WHO 2024 gives them (from 15 years).
        Some(Sex::Female) if child => fixed(
            ev::HAEMOGLOBIN_LOW_WOMEN,
            &format!(
                "the cut-off for girls and women from {:.0} years",
                ev::HAEMOGLOBIN_ADULT_CUTOFFS_FROM_YEARS.value
            ),
        ),
        Some(Sex::Male) if child => fixed(
            ev::HAEMOGLOBIN_LOW_MEN,
            &format!(
                "the cut-off for boys and men from {:.0} years",
                ev::HAEMOGLOBIN_ADULT_CUTOFFS_FROM_YEARS.value
            ),
        ),
        Some(Sex::Female) => fixed(ev::HAEMOGLOBIN_LOW_WOMEN, "the cut-off for women"),
        Some(Sex::Male) => fixed(ev::HAEMOGLOBIN_LOW_MEN, "the cut-off for men"),
        None => HaemoglobinCutoff {
            unclear_below: Some((
                ev::HAEMOGLOBIN_LOW_MEN,
                "the cut-off differs by sex (women 12 g/dL, men 13 g/dL), so set sex in your profile for it to be judged".to_owned(),
            )),
            ..fixed(
                ev::HAEMOGLOBIN_LOW_WOMEN,
                "the cut-off for women, the lower one (for men it is 13 g/dL); set sex in your profile",
            )
        },
    })
}

/// The note for a haemoglobin between the cut-off used and a higher one a missing profile
/// fact could make apply (see [`haemoglobin_cutoff`]), or for one drawn under 6 months of age
/// (no WHO 2024 cut-off: not judged, discuss it with the child's doctor); `None` otherwise.
pub fn haemoglobin_unclear_note(
    p: &Profile,
    today: NaiveDate,
    hb: (NaiveDate, f64),
) -> Option<String> {
    let Some(c) = haemoglobin_cutoff(p, today, hb.0) else {
        // Possible only from an import: `add_lab` refuses a lab before the birth date, but a
        // profile and labs from different devices are merged as they are.
        if months_on(p, hb.0).is_some_and(|m| m < 0) {
            return Some(format!(
                "Haemoglobin {:.1} g/dL on {} is dated before the birth date in your profile, so it is not judged here: check the two dates.",
                hb.1, hb.0
            ));
        }
        return Some(format!(
            "Haemoglobin {:.1} g/dL on {} is not judged here: WHO 2024 gives haemoglobin cut-offs from {:.0} months of age. Discuss it with your child's doctor.",
            hb.1,
            hb.0,
            ev::HAEMOGLOBIN_CHILD_CUTOFFS_FROM_MONTHS.value
        ));
    };
    let (higher, why) = c.unclear_below?;
    (hb.1 >= c.cut.value && hb.1 < higher.value).then(|| {
        format!(
            "Haemoglobin {:.1} g/dL on {} is under {} g/dL but not under {} g/dL: {why}.",
            hb.1, hb.0, higher.value, c.cut.value
        )
    })
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
    fn no_iv_iron_in_the_first_trimester_or_with_the_trimester_unknown() {
        let today = d("2026-11-30");
        let due_on_day = |gest_days: i64| today + Duration::days(280 - gest_days);
        let p = |due: Option<NaiveDate>| Profile {
            pregnant: true,
            due_date: due,
            ..Profile::default()
        };
        assert!(no_iv_iron_in_pregnancy(&p(Some(due_on_day(97))), today)); // 13+6
        assert!(!no_iv_iron_in_pregnancy(&p(Some(due_on_day(98))), today)); // 14+0
        assert!(!no_iv_iron_in_pregnancy(&p(Some(due_on_day(196))), today));
        assert!(no_iv_iron_in_pregnancy(&p(None), today)); // trimester unknown
        assert!(!no_iv_iron_in_pregnancy(
            &p(Some(today - Duration::days(1))),
            today
        )); // postpartum
        assert!(!no_iv_iron_in_pregnancy(&Profile::default(), today));
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
            .contains("you are 17"));
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
    fn the_haemoglobin_cutoff_follows_sex_pregnancy_and_trimester() {
        let today = d("2026-11-30");
        let woman = Profile {
            sex: Some(Sex::Female),
            ..Profile::default()
        };
        let man = Profile {
            sex: Some(Sex::Male),
            ..Profile::default()
        };
        let due = |s: &str| Profile {
            sex: Some(Sex::Female),
            pregnant: true,
            due_date: Some(d(s)),
            ..Profile::default()
        };
        let cut = |p: &Profile| haemoglobin_cutoff(p, today, today).unwrap().cut.value;
        assert_eq!(cut(&woman), 12.0);
        assert_eq!(cut(&man), 13.0);
        // Sex not set: the lower cut-off flags, the gap gets a note.
        assert_eq!(cut(&Profile::default()), 12.0);
        assert!(haemoglobin_cutoff(&Profile::default(), today, today)
            .unwrap()
            .unclear_below
            .is_some());
        // Exact boundaries: day 97 (13+6) is 1st, day 98 (14+0) is 2nd.
        let due_on_day = |gest_days: i64| today + Duration::days(280 - gest_days);
        assert_eq!(trimester(due_on_day(97), today), 1);
        assert_eq!(trimester(due_on_day(98), today), 2);
        assert_eq!(trimester(due_on_day(195), today), 2); // 27+6
        assert_eq!(trimester(due_on_day(196), today), 3); // 28+0
        assert_eq!(trimester(due_on_day(-3), today), 1); // before week 0
        let p2 = due(&due_on_day(98).to_string());
        assert_eq!(cut(&p2), 10.5);
        assert_eq!(cut(&due(&due_on_day(97).to_string())), 11.0);
        assert_eq!(cut(&due(&due_on_day(196).to_string())), 11.0);
        // After the due date, while pregnancy advice lasts: the women's cut-off.
        assert_eq!(cut(&due("2026-11-29")), 12.0);
        assert_eq!(cut(&due("2026-11-30")), 11.0);
        // Pregnant, no due date: SPEC §2.1's 11 g/dL flags (not the 2nd trimester's 10.5), and
        // there is no gap to note.
        let unknown = Profile {
            pregnant: true,
            ..Profile::default()
        };
        assert_eq!(cut(&unknown), 11.0);
        let note = |p: &Profile, hb: f64| haemoglobin_unclear_note(p, today, (today, hb));
        assert!(note(&unknown, 10.7).is_none());
        assert!(note(&unknown, 11.0).is_none());
        assert!(note(&Profile::default(), 12.4).unwrap().contains("set sex"));
        assert!(note(&Profile::default(), 13.0).is_none());
        assert!(note(&woman, 11.5).is_none());
    }

    #[test]
    fn each_iron_condition_alone_cites_the_overload_groups_rule() {
        // The citation shown under "ask your doctor about iron": each condition on its own must
        // cite the overload-groups rule, not the under-18 recommendation.
        let overload = ev::IRON_OVERLOAD_GROUPS_NO_ADVICE.key;
        for p in [
            Profile {
                haemochromatosis: true,
                ..Profile::default()
            },
            Profile {
                thalassaemia: true,
                ..Profile::default()
            },
            Profile {
                regular_transfusions: true,
                ..Profile::default()
            },
        ] {
            assert_eq!(iron_needs_doctor_evidence(&p).key, overload, "{p:?}");
        }
        let child = Profile {
            birth_date: Some(d("2015-01-01")),
            ..Profile::default()
        };
        assert_eq!(
            iron_needs_doctor_evidence(&child).key,
            ev::ADULT_AGE_YEARS.key
        );
    }

    #[test]
    fn kidney_facts_name_the_stage_and_the_latest_egfr() {
        let facts = |p: &Profile, labs: &[Lab]| kidney(p, labs).facts();
        let none = Profile::default();
        assert_eq!(
            facts(&none, &[egfr(75.0)]),
            "latest eGFR 75 mL/min/1.73m² on 2026-11-01"
        );
        assert_eq!(facts(&none, &[]), "no eGFR on file");
        assert_eq!(
            facts(&none, &[egfr(45.0)]),
            "latest eGFR 45 mL/min/1.73m² on 2026-11-01, under 60: kidney function is reduced"
        );
        assert_eq!(
            facts(&none, &[egfr(20.0)]),
            "latest eGFR 20 mL/min/1.73m² on 2026-11-01, under 30: kidney function is severely reduced"
        );
        let recorded = Profile {
            kidney_disease: true,
            ..Profile::default()
        };
        assert_eq!(
            facts(&recorded, &[]),
            "kidney disease is recorded in your profile; no eGFR on file"
        );
        let dialysis = Profile {
            dialysis: true,
            ..Profile::default()
        };
        assert_eq!(
            facts(&dialysis, &[egfr(8.0)]),
            "on dialysis; latest eGFR 8 mL/min/1.73m² on 2026-11-01"
        );
    }
}
