//! The one table of clinical and conversion constants, each beside its source.
//!
//! A reviewing clinician audits every number the app acts on here; no rule writes a clinical
//! number anywhere else. `quietlegs evidence` prints this table.

use serde::Serialize;

/// Where a constant comes from. See ../shared/SPEC.md §2 for the full references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// "Restless legs syndrome: natural remedies", the seed article.
    Article,
    /// IRLSSG iron task force, Allen et al., Sleep Medicine 2018.
    Irlssg2018,
    /// AASM clinical practice guideline for RLS, Winkelman et al., J Clin Sleep Med 2025.
    Aasm2025,
    /// Max Planck Institute augmentation criteria, García-Borreguero et al., Sleep Medicine 2007.
    Mpi2007,
    /// Stoffel et al., Lancet Haematology 2017/2020 (alternate-day iron).
    Stoffel,
    /// Manufacturers' drug labels.
    DrugLabel,
    /// WHO guideline on haemoglobin cut-offs to define anaemia, 2024.
    Who2024,
    /// Marshall et al., magnesium for RLS, systematic review, Sleep Med Rev 2019.
    Marshall2019,
    /// KDIGO 2024 clinical practice guideline for chronic kidney disease (GFR categories).
    Kdigo2024,
    /// RLS in pregnancy and lactation consensus, Picchietti et al., Sleep Med Rev 2015.
    Picchietti2015,
    /// International IRLS scoring convention.
    Irls,
    /// Laboratory unit conventions.
    LabConvention,
    /// A deliberately conservative choice of this project, explained in the note.
    Conservative,
    /// A product decision, not a clinical claim.
    Product,
    /// Published studies other than the guidelines above (a cohort study, a pharmacology
    /// review), each cited where it is used (`quietlegs evidence`). Not graded by guidelines.
    PublishedStudies,
}

impl Source {
    /// A citation a person can look up.
    pub fn citation(self) -> &'static str {
        match self {
            Source::Article => "Restless legs syndrome: natural remedies (seed article)",
            Source::Irlssg2018 => "IRLSSG iron task force, Allen et al., Sleep Medicine 2018",
            Source::Aasm2025 => {
                "AASM clinical practice guideline, Winkelman et al., J Clin Sleep Med 2025"
            }
            Source::Mpi2007 => {
                "MPI augmentation criteria, García-Borreguero et al., Sleep Medicine 2007"
            }
            Source::Stoffel => "Stoffel et al., Lancet Haematology 2017/2020",
            Source::DrugLabel => "manufacturer's drug label",
            Source::Who2024 => "WHO guideline on haemoglobin cut-offs to define anaemia, 2024",
            Source::Marshall2019 => {
                "Marshall et al., magnesium for RLS, systematic review, Sleep Med Rev 2019"
            }
            Source::Kdigo2024 => {
                "KDIGO 2024 clinical practice guideline for chronic kidney disease"
            }
            Source::Picchietti2015 => {
                "RLS in pregnancy and lactation consensus, Picchietti et al., Sleep Med Rev 2015"
            }
            Source::Irls => "IRLSSG rating scale scoring convention",
            Source::LabConvention => "laboratory unit convention",
            Source::Conservative => "conservative choice by QuietLegs (see the evidence table)",
            Source::Product => "QuietLegs product default",
            Source::PublishedStudies => "published studies (listed by `quietlegs evidence`)",
        }
    }
}

/// One auditable number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evidence {
    /// Stable key, used in explanations and tests.
    pub key: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// The rule in one line.
    pub rule: &'static str,
    pub source: Source,
    /// The precise place in the source: a DOI or PMID (with table/recommendation number), or a
    /// drug label's DailyMed set id + section + label date. Empty only where `source` is
    /// [`Source::Product`] (a product default, not a clinical claim).
    pub reference: &'static str,
    /// When a person last checked this constant against its source (YYYY-MM-DD).
    pub reviewed: &'static str,
}

macro_rules! evidence_table {
    ($( $name:ident = ($value:expr, $unit:expr, $source:ident, $rule:expr)
        @ ($reference:expr, $reviewed:expr); )*) => {
        $(
            #[doc = $rule]
            pub const $name: Evidence = Evidence {
                key: stringify!($name),
                value: $value,
                unit: $unit,
                rule: $rule,
                source: Source::$source,
                reference: $reference,
                reviewed: $reviewed,
            };
        )*
        /// Every constant, in table order.
        pub const ALL: &[Evidence] = &[$($name),*];
    };
}

evidence_table! {
    // §2.1 iron status (adults)
    IRON_DRAW_NO_IRON_HOURS = (24.0, "h", Aasm2025, "Draw ferritin and TSAT in the morning, at least 24 h after the last iron supplement or iron-containing food.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), good practice statement", "2026-11-30");
    FERRITIN_SUPPLEMENT_AT_OR_BELOW = (75.0, "ng/mL", Aasm2025, "At ferritin 75 ng/mL or below, iron (oral or IV, the doctor's choice) is indicated for RLS.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendations 1-4 (iron), remarks", "2026-11-30");
    TSAT_SUPPLEMENT_BELOW = (20.0, "%", Aasm2025, "At transferrin saturation below 20 %, iron (oral or IV) is indicated for RLS.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendations 1-4 (iron), remarks", "2026-11-30");
    FERRITIN_IV_DISCUSS_BELOW = (100.0, "ng/mL", Aasm2025, "Ferritin above 75 up to 100 ng/mL (TSAT under 45 %): only IV iron may help; oral iron is not indicated. Above 100 ng/mL with TSAT 20 % or more, iron is not indicated.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendation 1 remarks (IV iron for ferritin 75-100 ng/mL)", "2026-11-30");
    TSAT_CEILING = (45.0, "%", Irlssg2018, "At or above this transferrin saturation: hold iron until you have spoken to your doctor; ask about iron-overload testing and whether the sample was drawn within 24 h of iron.")
        @ ("doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576), iron treatment safety limits", "2026-11-30");
    FERRITIN_CEILING = (300.0, "ng/mL", Irlssg2018, "Above this ferritin: hold iron and see a doctor (overload, inflammation, liver disease); the iron-treatment evidence stops below it.")
        @ ("doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576), treatment limits; the hold is QuietLegs' conservative reading", "2026-11-30");
    ORAL_IRON_TRIAL_MIN_DAYS = (84.0, "days", Irlssg2018, "Oral iron is judged only after at least 12 weeks of logged use.")
        @ ("doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576), oral iron: reassessment and failure", "2026-11-30");
    ORAL_IRON_LOGGED_DOSE_SHARE = (0.5, "share of dose days", Product, "Oral iron is judged as not working only if doses were logged on at least half of its scheduled dose days, the first at least 12 weeks before the ferritin judged: an unlogged trial may not have been taken.")
        @ ("QuietLegs convention: IRLSSG 2018 judges oral iron after 12 weeks of use; the app knows use only from logged doses, and half of the dose days is its minimum for calling that use", "2026-11-30");
    FERRITIN_ORAL_FAILURE_AT_OR_BELOW = (75.0, "ng/mL", Irlssg2018, "Ferritin still 75 ng/mL or below after 12 weeks of oral iron, compared with a pre-start value: oral iron is not working; discuss IV iron.")
        @ ("doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576), oral iron: failure, consider IV iron", "2026-11-30");
    FERRITIN_RECHECK_DAYS = (90.0, "days", Aasm2025, "Reassess oral iron by ferritin and TSAT about 3 months after starting it.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), iron remarks; doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576)", "2026-11-30");
    IV_IRON_RECHECK_DAYS = (84.0, "days", Irlssg2018, "After an IV iron infusion, recheck ferritin and TSAT about 12 weeks later (ferritin reads high for weeks after an infusion).")
        @ ("doi:10.1016/j.sleep.2017.11.1126 (PMID 29425576), IV iron: follow-up iron studies", "2026-11-30");
    IV_FCM_STRONG_FOR = (1.0, "formulation", Aasm2025, "IV ferric carboxymaltose: AASM 2025 strong recommendation for RLS, with moderate certainty of evidence, with ferritin 75 ng/mL or below or TSAT under 20 % (ferritin up to 100 for IV).")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendation 1 (IV ferric carboxymaltose); the moderate certainty of evidence read 2026-12-01 in secondary summaries citing the guideline (droracle.ai) and as a clinical reviewer gave it, to be verified by a clinician in the guideline text", "2026-12-01");
    IV_FERUMOXYTOL_LMW_DEXTRAN_CONDITIONAL = (1.0, "formulation", Aasm2025, "IV ferumoxytol and low-molecular-weight iron dextran: AASM 2025 conditional recommendations for RLS.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendations 2-3 (ferumoxytol, LMW iron dextran)", "2026-11-30");
    DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW = (200.0, "ng/mL", Aasm2025, "On dialysis: IV iron sucrose is suggested for RLS at ferritin under 200 ng/mL and TSAT under 20 %.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendation for ESRD on haemodialysis (IV iron sucrose)", "2026-11-30");
    DIALYSIS_IRON_SUCROSE_TSAT_BELOW = (20.0, "%", Aasm2025, "On dialysis: IV iron sucrose is suggested with TSAT under 20 % (and ferritin under 200 ng/mL).")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendation for ESRD on haemodialysis (IV iron sucrose)", "2026-11-30");
    VITAMIN_C_ESRD_CONDITIONAL_FOR = (1.0, "recommendation", Aasm2025, "Vitamin C for RLS in adults with end-stage renal disease on haemodialysis: AASM 2025 conditional recommendation for, low certainty of evidence; not graded for anyone else. QuietLegs names no dose.")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), recommendation for RLS with ESRD (vitamin C), conditional, low certainty of evidence: read 2026-12-01 only in a secondary summary citing the guideline (droracle.ai, vitamin C for ESRD with RLS), beside the guideline's iron sucrose recommendation for the same group; to be verified by a clinician in the guideline text", "2026-12-01");
    ADULT_AGE_YEARS = (18.0, "years", Aasm2025, "The adult iron thresholds apply from 18 years; under 18 (AASM uses ferritin under 50 ng/mL for children) the app gives no iron advice: ask your doctor (or your child's doctor).")
        @ ("doi:10.5664/jcsm.11390 (PMID 39324694), paediatric recommendation (oral iron at ferritin < 50 ng/mL)", "2026-11-30");
    IRON_OVERLOAD_GROUPS_NO_ADVICE = (1.0, "rule", Conservative, "Haemochromatosis, thalassaemia or regular transfusions: the app gives no iron advice without the doctor. A conservative product rule: the RLS iron guidelines do not cover these conditions.")
        @ ("QuietLegs SPEC §2.1 product rule ('not for these people without their doctor'); AASM 2025 (doi:10.5664/jcsm.11390) and IRLSSG 2018 (doi:10.1016/j.sleep.2017.11.1126) do not address iron-overload disorders or transfusion dependence", "2026-11-30");
    IRON_LABS_OUT_OF_DATE_DAYS = (365.0, "days", Product, "Ferritin older than a year is out of date for current advice: ask for fresh ferritin and TSAT.")
        @ ("QuietLegs product choice (SPEC §2.1 rechecks are every 3-12 months; a result older than the longest interval no longer describes today)", "2026-11-30");
    PREGNANCY_ENDS_AFTER_DUE_DAYS = (42.0, "days", Picchietti2015, "Pregnancy advice ends 6 weeks after the due date (the postpartum period).")
        @ ("Picchietti et al., Consensus clinical practice guidelines for RLS/WED during pregnancy and lactation, Sleep Med Rev 2015;22:64-77 (title, journal, year and pages confirmed in stored bibliographic material, 2026-11-30), doi:10.1016/j.smrv.2014.10.009; PMID 25553600 and the DOI not confirmed in the material searched; pregnancy and lactation scope. The 6-week end of advice after the due date is QuietLegs' reading of the postpartum period - to be verified by a clinician", "2026-11-30");
    HAEMOGLOBIN_LOW_WOMEN = (12.0, "g/dL", Who2024, "Haemoglobin under 12 g/dL in a non-pregnant woman is anaemia: ask your doctor to look for the cause. Also used with sex not set (the lower cut-off; values under 13 get a note asking for sex) and after the due date (WHO 2024 gives no postpartum cut-off).")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), Table 2, adults 15-65 y, non-pregnant women < 120 g/L", "2026-11-30");
    HAEMOGLOBIN_LOW_MEN = (13.0, "g/dL", Who2024, "Haemoglobin under 13 g/dL in a man is anaemia: ask your doctor to look for the cause.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), Table 2, adults 15-65 y, men < 130 g/L", "2026-11-30");
    HAEMOGLOBIN_LOW_PREGNANCY = (11.0, "g/dL", Who2024, "Haemoglobin under 11 g/dL in the 1st or 3rd trimester of pregnancy, or in pregnancy with no due date (trimester unknown: SPEC §2.1's '< 11 in pregnancy'), is anaemia: ask your doctor to look for the cause.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), Table 2, pregnancy, first and third trimester < 110 g/L. Judgement: SPEC §2.1 summarises WHO 2024 as '< 11 in pregnancy'; the app follows WHO 2024 by trimester when the due date gives it, and uses < 11 when it does not (never the lower 2nd-trimester cut-off by default). The trimester figures 110/105/110 g/L were confirmed on 2026-11-30 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria; Guideline Central summary, 'existing cutoff for pregnant women in the second trimester'), not in the WHO document itself", "2026-11-30");
    HAEMOGLOBIN_LOW_PREGNANCY_SECOND_TRIMESTER = (10.5, "g/dL", Who2024, "Haemoglobin under 10.5 g/dL in the 2nd trimester of pregnancy (known from the due date) is anaemia: ask your doctor to look for the cause.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), Table 2, pregnancy, second trimester < 105 g/L (confirmed 2026-11-30 in stored secondary material citing WHO 2024: BMJ Best Practice, Guideline Central; see HAEMOGLOBIN_LOW_PREGNANCY for the judgement)", "2026-11-30");
    // Children (WHO 2024 by age band, boys and girls alike): the band is the age on the day
    // the blood was drawn, from the birth date; without one the adult rows apply.
    HAEMOGLOBIN_CHILD_CUTOFFS_FROM_MONTHS = (6.0, "months", Who2024, "WHO 2024 gives haemoglobin cut-offs from 6 months of age; under 6 months the app judges no haemoglobin: discuss it with your child's doctor.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, first age band 6-23 months (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_LOW_CHILD_6_23_MONTHS = (10.5, "g/dL", Who2024, "Haemoglobin under 10.5 g/dL in a child aged 6-23 months is anaemia: discuss it with your child's doctor.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, children 6-23 months < 105 g/L (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_CHILD_24_59_FROM_MONTHS = (24.0, "months", Who2024, "The cut-off for children aged 24-59 months applies from 24 months of age.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, age band 24-59 months (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_LOW_CHILD_24_59_MONTHS = (11.0, "g/dL", Who2024, "Haemoglobin under 11 g/dL in a child aged 24-59 months is anaemia: discuss it with your child's doctor.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, children 24-59 months < 110 g/L (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_CHILD_5_11_FROM_YEARS = (5.0, "years", Who2024, "The cut-off for children aged 5-11 years applies from 5 years of age.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, age band 5-11 years (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_LOW_CHILD_5_11_YEARS = (11.5, "g/dL", Who2024, "Haemoglobin under 11.5 g/dL in a child aged 5-11 years is anaemia: discuss it with your child's doctor.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, children 5-11 years < 115 g/L (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_CHILD_12_14_FROM_YEARS = (12.0, "years", Who2024, "The cut-off for children aged 12-14 years applies from 12 years of age.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, age band 12-14 years (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_LOW_CHILD_12_14_YEARS = (12.0, "g/dL", Who2024, "Haemoglobin under 12 g/dL in a child aged 12-14 years (girls and boys alike) is anaemia: discuss it with your child's doctor.")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, children 12-14 years < 120 g/L (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    HAEMOGLOBIN_ADULT_CUTOFFS_FROM_YEARS = (15.0, "years", Who2024, "From 15 years of age the cut-offs by sex apply (women 12, men 13 g/dL); under 18 the words still send the person to the child's doctor (ADULT_AGE_YEARS).")
        @ ("WHO 2024 Guideline on haemoglobin cutoffs to define anaemia in individuals and populations, ISBN 978-92-4-008854-2 (IRIS hdl:10665/376196), the cut-off table cited as Table 2 for the adult rows, women and men from 15 years (confirmed 2026-12-01 in stored secondary material citing WHO 2024 (BMJ Best Practice anaemia criteria: < 105 g/L at 6-23 months, < 110 at 24-59 months, < 115 at 5-11 years, < 120 at 12-14 years, women and men from 15 years as the adult rows), not in the WHO document itself; to be verified by a clinician)", "2026-12-01");
    PREGNANCY_DUE_AT_DAYS = (280.0, "days", Conservative, "The due date is taken as 40 weeks + 0 days of gestation, to count the week of pregnancy from it.")
        @ ("obstetric dating convention (Naegele's rule: due date = 280 days, 40+0 weeks, after the first day of the last menstrual period); seen in secondary material only (2026-11-30), no guideline reference read - to be verified by a clinician", "2026-11-30");
    PREGNANCY_SECOND_TRIMESTER_FROM_WEEK = (14.0, "weeks", Conservative, "The 2nd trimester runs from week 14+0 to 27+6 (for the WHO haemoglobin cut-off by trimester).")
        @ ("common obstetric convention (1st trimester to 13+6 weeks, 2nd 14+0 to 27+6, 3rd from 28+0); secondary material searched on 2026-11-30 gives this split but also 12/13- and 13/27-week splits, and WHO 2024 Table 2 gives cut-offs by trimester without week bounds - to be verified by a clinician", "2026-11-30");
    PREGNANCY_THIRD_TRIMESTER_FROM_WEEK = (28.0, "weeks", Conservative, "The 3rd trimester runs from week 28+0.")
        @ ("common obstetric convention; to be verified by a clinician (see PREGNANCY_SECOND_TRIMESTER_FROM_WEEK)", "2026-11-30");
    EGFR_REDUCED_BELOW = (60.0, "mL/min/1.73m2", Kdigo2024, "eGFR under 60: kidney function is reduced (CKD G3a or worse); RLS care and iron need the doctor's plan.")
        @ ("doi:10.1016/j.kint.2023.10.018 (PMID 38490803), GFR categories G3a-G5", "2026-11-30");
    EGFR_SEVERE_BELOW = (30.0, "mL/min/1.73m2", Kdigo2024, "eGFR under 30 (CKD G4-G5) or dialysis: no magnesium reminder; kidneys clear magnesium poorly.")
        @ ("doi:10.1016/j.kint.2023.10.018 (PMID 38490803), GFR categories G4-G5", "2026-11-30");
    // units
    VITAMIN_D_NMOL_PER_NG = (2.496, "nmol/L per ng/mL", LabConvention, "25-OH vitamin D: nmol/L = ng/mL x 2.496.")
        @ ("Holick, N Engl J Med 2007;357:266-81, doi:10.1056/NEJMra070553, conversion footnote", "2026-11-30");
    HAEMOGLOBIN_MMOL_TO_G_DL = (1.611, "g/dL per mmol/L", LabConvention, "Haemoglobin: g/dL = mmol/L x 1.611.")
        @ ("molar mass of haemoglobin monomer 16.11 kg/mol: 1 mmol/L = 1.611 g/dL (SI unit convention, IFCC)", "2026-11-30");
    HAEMOGLOBIN_G_L_PER_G_DL = (10.0, "g/L per g/dL", LabConvention, "Haemoglobin: g/L = g/dL x 10.")
        @ ("SI prefix arithmetic (1 dL = 0.1 L)", "2026-11-30");
    // plausibility bounds: a value outside is a typing error, not a result
    FERRITIN_PLAUSIBLE_MAX = (10000.0, "ng/mL", Conservative, "Largest ferritin accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound, far above any overload value the guidelines discuss", "2026-11-30");
    TSAT_PLAUSIBLE_MAX = (100.0, "%", LabConvention, "Transferrin saturation cannot exceed 100 %.")
        @ ("definition: TSAT = serum iron / TIBC x 100", "2026-11-30");
    TSAT_PLAUSIBLE_MIN = (1.0, "%", Conservative, "Below 1 % a transferrin saturation is not a real result: it is a fraction typed as a percent (0.5 for 50 %), and the person is asked which they meant.")
        @ ("QuietLegs SPEC §2.1 plausibility row (conservative floor, no published source); TSAT % = serum iron / TIBC x 100", "2026-11-30");
    HAEMOGLOBIN_PLAUSIBLE_MIN = (3.0, "g/dL", Conservative, "Smallest haemoglobin accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound", "2026-11-30");
    HAEMOGLOBIN_PLAUSIBLE_MAX = (25.0, "g/dL", Conservative, "Largest haemoglobin accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound", "2026-11-30");
    VITAMIN_D_PLAUSIBLE_MAX = (250.0, "ng/mL", Conservative, "Largest 25-OH vitamin D accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound", "2026-11-30");
    EGFR_PLAUSIBLE_MAX = (200.0, "mL/min/1.73m2", Conservative, "Largest eGFR accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound", "2026-11-30");
    DOSE_MG_PLAUSIBLE_MAX = (10000.0, "mg", Conservative, "Largest single dose accepted as a real entry.")
        @ ("SPEC §2.1 plausibility: QuietLegs' conservative bound (input check, not dosing advice)", "2026-11-30");
    REGIMEN_EVERY_MAX_DAYS = (31.0, "days", Product, "A schedule repeats at most every 31 days (daily, alternate days, weekly, monthly).")
        @ ("", "");
    SLEEP_HOURS_MAX = (24.0, "h", Product, "Hours slept in one night cannot exceed a day.")
        @ ("", "");
    DUE_DATE_PAST_MAX_WEEKS = (42.0, "weeks", Product, "A due date typed in lies at most 42 weeks before today (the postpartum advice ends 6 weeks after it): an older one is a typo.")
        @ ("", "");
    DUE_DATE_AHEAD_MAX_WEEKS = (44.0, "weeks", Product, "A due date lies at most 44 weeks ahead (a pregnancy lasts about 40 weeks; 4 weeks' margin for an early estimate): a later one is a typo.")
        @ ("", "");
    // §2.7 IRLS
    IRLS_ITEM_MAX = (4.0, "points", Irls, "Each of the ten IRLS items is scored 0-4.")
        @ ("IRLSSG rating scale validation (The International RLS Study Group; Walters AS et al.), Sleep Med 2003;4(2):121-132, doi:10.1016/S1389-9457(02)00258-7 (title, journal, pages and DOI confirmed on the publisher's page, 2026-11-30; PMID 14592342 not confirmed in the material searched)", "2026-11-30");
    IRLS_MILD_MAX = (10.0, "points", Irls, "IRLS 1-10: mild.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), severity bands", "2026-11-30");
    IRLS_MODERATE_MAX = (20.0, "points", Irls, "IRLS 11-20: moderate.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), severity bands", "2026-11-30");
    IRLS_SEVERE_MAX = (30.0, "points", Irls, "IRLS 21-30: severe; 31-40 very severe.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), severity bands", "2026-11-30");
    IRLS_PERIOD_DAYS = (7.0, "days", Irls, "The IRLS rates the past week: it is asked once a week and stored as one weekly rating.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), instructions (past week)", "2026-11-30");
    QUICK_SEVERITY_MAX = (10.0, "points", Product, "The everyday quick rating runs 0-10.")
        @ ("", "");
    // §2.2 iron-absorption timing: minutes iron waits after the substance / the substance waits
    // after iron. Where a label gives no interval the row's source is Conservative and its rule
    // says "convention"; label rows name the label, its section and the label version read.
    IRON_AFTER_FOOD_MIN = (120.0, "min", Conservative, "Iron at least 2 h after food (convention: oral iron labels say 'on an empty stomach' and give no interval; the 2 h is the seed article's).")
        @ ("convention, no label interval: oral iron labels (e.g. ferrous sulfate OTC Drug Facts, Directions) say to take iron on an empty stomach without an interval; the 2 h figure is from the seed article 'Restless legs syndrome: natural remedies' (no DOI), not graded by guidelines", "2026-11-30");
    FOOD_AFTER_IRON_MIN = (60.0, "min", Article, "Take iron at least 1 h before the next meal.")
        @ ("seed article; oral iron labels say 'on an empty stomach' without an interval", "2026-11-30");
    IRON_APART_FROM_COFFEE_TEA_DAIRY_MIN = (120.0, "min", Article, "Coffee, tea, dairy and calcium (food or supplement): not within 2 h either side of iron.")
        @ ("seed article (not graded by guidelines); calcium carbonate labels give no interval for iron", "2026-11-30");
    IRON_APART_FROM_THYROID_MIN = (240.0, "min", DrugLabel, "Levothyroxine and iron at least 4 h apart.")
        @ ("SYNTHROID (levothyroxine sodium) tablets label, DailyMed set id 1e11ad30-1041-4520-10b0-8f9d30d30fcc, §7.1 Drugs Known to Affect Thyroid Hormone Pharmacokinetics (phosphate binders incl. ferrous sulfate: at least 4 h apart; §2.1 not re-read), February 2024 (effective 2024-02-20). The same 4 h is used for calcium (calcium carbonate is in the same binder row) and for multivitamins with minerals (which carry calcium and iron) by `check` (rules/clash.rs); aluminium and magnesium antacids are named in §7.1 without an interval in the third-party summaries of the label seen 2026-12-01 ('monitor', 'separate administration'), so `check` gives them no number and asks the pharmacist", "2026-12-01");
    IRON_APART_FROM_ANTACID_MAGNESIUM_MIN = (120.0, "min", Conservative, "Antacids and magnesium supplements at least 2 h apart from iron (convention: their labels give no interval).")
        @ ("convention; antacid and magnesium Drug Facts labels give no interval for iron", "2026-11-30");
    IRON_APART_FROM_PHOSPHATE_BINDER_MIN = (120.0, "min", Conservative, "Iron at least 2 h either side of a phosphate binder dose (sevelamer, lanthanum, sucroferric oxyhydroxide); the binder keeps its prescribed time and only iron moves (convention: no label interval in this table; the same 2 h as for minerals and antacids). Calcium acetate uses the calcium row; ferric citrate is itself iron.")
        @ ("convention, no label interval: the 2 h is the minerals/antacids convention (IRON_APART_FROM_ANTACID_MAGNESIUM_MIN). Read 2026-12-01 in the EMA package-leaflet texts of the Gravitate Health ePI test set (GitHub joofio/test-epi-composition, input/fsh/renvela.fsh and velphoro.fsh; test data): Renvela (sevelamer carbonate) section 2 lets the doctor advise taking another medicine 1 h before or 3 h after Renvela and names no iron; Velphoro (sucroferric oxyhydroxide, itself iron) section 2 asks for medicines affected by iron (alendronate, doxycycline, levothyroxine) at least 1 h before or 2 h after Velphoro and names no oral iron supplement. Lanthanum (Fosrenol), calcium acetate and ferric citrate (Auryxia) labels were not read; no DailyMed set id of any binder was read", "2026-12-01");
    IRON_APART_FROM_ZINC_MULTIVITAMIN_MIN = (120.0, "min", Conservative, "Zinc and multivitamins with minerals at least 2 h apart from iron (convention: their labels give no interval).")
        @ ("convention; zinc and multivitamin-with-minerals labels give no interval for iron", "2026-11-30");
    IRON_APART_FROM_LEVODOPA_MIN = (120.0, "min", Conservative, "Levodopa/carbidopa at least 2 h apart from iron (convention: the label names iron salts without an interval).")
        @ ("SINEMET (carbidopa-levodopa) label, §7 Drug Interactions (iron salts reduce bioavailability; no interval given); 2 h is a convention", "2026-11-30");
    IRON_APART_FROM_METHYLDOPA_MIN = (120.0, "min", Conservative, "Methyldopa at least 2 h apart from iron (convention: the label names ferrous sulfate/gluconate without an interval).")
        @ ("methyldopa tablets label, PRECAUTIONS, Drug Interactions (ferrous sulfate/gluconate lower bioavailability; no interval given); 2 h is a convention", "2026-11-30");
    IRON_APART_FROM_ENTACAPONE_MIN = (180.0, "min", DrugLabel, "Entacapone and iron at least 2-3 h apart (the longer is used).")
        @ ("EU product information of COMTAN (entacapone; Orion Corporation; EU/1/98/081): the package leaflet, section 2 'Other medicines and Comtan', says not to take Comtan and iron supplements at the same time and, after taking one, to wait at least 2 to 3 hours before taking the other; read 2026-12-01 in the EMA package-leaflet text of the Gravitate Health ePI test set (GitHub joofio/test-epi-composition, input/fsh/comtan.fsh, composition dated 2022-02-16; test data, not the EMA register itself). The SmPC §4.5 wording 'entacapone and iron preparations should be taken at least 2-3 hours apart' was read only in third-party copies (MIMS Singapore, Encapia; rxreasoner). US label: no DailyMed set id of COMTAN found; the generic entacapone labels on DailyMed (e.g. Alembic, updated 2022-01-06) use the old format (PRECAUTIONS, not §7), and their iron text was not read (stored openFDA records, e.g. set id 205522fb-bb0e-414e-a413-a08bef727653, open only with the description) - the US set id and section are to be verified by a clinician; a second search on 2026-12-01 found no US label copy naming an interval: the 2 to 3 h appears in a drug-interaction monograph (drugs.com professional, entacapone with a multivitamin with minerals) that cites only 'Product Information. Comtan (entacapone), Novartis Pharmaceuticals, 2001', a lead for the reviewer, not a label read here; not shown to patients", "2026-12-01");
    IRON_APART_FROM_PENICILLAMINE_MIN = (120.0, "min", DrugLabel, "Penicillamine and iron at least 2 h apart.")
        @ ("CUPRIMINE (penicillamine) capsules label (Bausch Health), DailyMed set id 80e736d3-2017-4d68-94b4-38255c3c59c6, PRECAUTIONS, Drug Interactions (iron); the 2 h interval, the section text and the label date are to be verified by a clinician (the label version seen earlier named iron without an interval; not re-read here); DEPEN set id not recorded; the CUPRIMINE set id is cited for the DailyMed CUPRIMINE label by two independent public datasets seen 2026-11-30, which do not quote the iron interval; searched again 2026-12-01: the stored openFDA penicillamine records open only with the boxed warning and description, and the 2 h iron interval was read only in third-party summaries (one lists the FDA prescribing information among its references; a UK SmPC of an oral ferrous sulfate product, emc product 3130, §4.5, names penicillamine without an interval; a search for a label sentence on a two-hour gap between penicillamine and iron found no label copy, only a 1991 review of iron-drug interactions, Br J Clin Pharmacol 1991;31:251-255); a second search on 2026-12-01 found the label wording on timing only in third-party copies of the CUPRIMINE and DEPEN labels (globalrph.com rx-list pages), DOSAGE AND ADMINISTRATION: on an empty stomach, at least one hour before meals or two hours after meals, and at least one hour apart from any other drug, food, or milk (a general 1 h gap, shorter than the 2 h used here); a public drug-interaction database citing the CUPRIMINE set id above quotes the label as 'Food, antacids, and iron reduce absorption of the drug', again without an interval; no copy of an iron-specific 2 h sentence was found; not shown to patients", "2026-12-01");
    IRON_APART_FROM_CEFDINIR_MIN = (120.0, "min", DrugLabel, "Cefdinir at least 2 h before or after an iron supplement.")
        @ ("cefdinir capsules label (OMNICEF, discontinued; generic cefdinir capsules USP label, DailyMed set id eb354221-c476-41cb-ad87-52423f81d698, version 5, updated 2025-03-26), PRECAUTIONS, Drug Interactions (iron supplements: 2 h apart); the set id and section were seen on DailyMed, the 2 h wording only in third-party summaries (one citing the label's 2 h before or after, seen again 2026-11-30; searched again 2026-12-01 for the label sentence 'cefdinir should be taken at least 2 hours before or after the supplement' in stored pages, openFDA copies and public code: found only in consumer summaries; a second search on 2026-12-01 found no label copy either: the stored openFDA cefdinir records, e.g. Lupin capsules set id 86c21cdd-8b94-f4dc-e053-2991aa0a51eb (revised February 2016), open only with the description, and a First Databank monograph on aluminium/magnesium antacids with cephalosporins (2 h apart) cites 'Omnicef (cefdinir) US prescribing information, Abbott Laboratories, December 2008', a lead for the reviewer): section text to be verified by a clinician; not shown to patients", "2026-12-01");
    IRON_AFTER_ELTROMBOPAG_MIN = (120.0, "min", DrugLabel, "Eltrombopag at least 2 h before iron...")
        @ ("PROMACTA (eltrombopag) label, DailyMed set id 7714a0ed-34bb-46e6-a0a5-b363908b22c2, §2 Dosage and Administration and §7 (polyvalent cations: 2 h before or 4 h after)", "2026-11-30");
    ELTROMBOPAG_AFTER_IRON_MIN = (240.0, "min", DrugLabel, "...or at least 4 h after iron.")
        @ ("PROMACTA (eltrombopag) label, DailyMed set id 7714a0ed-34bb-46e6-a0a5-b363908b22c2, §2 Dosage and Administration and §7", "2026-11-30");
    IRON_AFTER_CIPROFLOXACIN_MIN = (120.0, "min", DrugLabel, "Ciprofloxacin at least 2 h before iron...")
        @ ("CIPRO (ciprofloxacin) tablets and oral suspension label, DailyMed set id 888dc7f9-ad9c-4c00-8d50-8ddfd9bd27c0, §2.4 Administration Instructions With Multivalent Cations (2 h before or 6 h after), March 2026 (version 32, effective 2026-03-02)", "2026-11-30");
    CIPROFLOXACIN_AFTER_IRON_MIN = (360.0, "min", DrugLabel, "...or at least 6 h after iron.")
        @ ("CIPRO (ciprofloxacin) tablets and oral suspension label, DailyMed set id 888dc7f9-ad9c-4c00-8d50-8ddfd9bd27c0, §2.4 Administration Instructions With Multivalent Cations (2 h before or 6 h after), March 2026 (version 32, effective 2026-03-02)", "2026-11-30");
    IRON_AFTER_LEVOFLOXACIN_MIN = (120.0, "min", DrugLabel, "Levofloxacin at least 2 h before iron...")
        @ ("levofloxacin tablets label (Lupin Pharmaceuticals; generic of LEVAQUIN, which is discontinued: LEVAQUIN DailyMed set id 5dd1f9bb-acbf-4deb-9b02-992d52239a6b, 2011), DailyMed set id 4be13bd5-0c39-43c3-9232-b1226ccd4dbc, version 25, effective 2024-07-10: §2.4 Drug Interaction With Chelation Agents (tablets at least two hours before or two hours after antacids with magnesium or aluminum, sucralfate, metal cations such as iron, multivitamins with zinc) and §7.1 Chelation Agents (these agents at least two hours before or two hours after oral levofloxacin). Read 2026-12-01 as verbatim quotes of the openFDA record of that set id (with its version and effective date) in a public GitHub citation worksheet built from openFDA; the openFDA record itself was not opened here", "2026-12-01");
    LEVOFLOXACIN_AFTER_IRON_MIN = (120.0, "min", DrugLabel, "...or at least 2 h after iron.")
        @ ("levofloxacin tablets label (Lupin Pharmaceuticals; generic of LEVAQUIN, which is discontinued: LEVAQUIN DailyMed set id 5dd1f9bb-acbf-4deb-9b02-992d52239a6b, 2011), DailyMed set id 4be13bd5-0c39-43c3-9232-b1226ccd4dbc, version 25, effective 2024-07-10: §2.4 Drug Interaction With Chelation Agents (tablets at least two hours before or two hours after antacids with magnesium or aluminum, sucralfate, metal cations such as iron, multivitamins with zinc) and §7.1 Chelation Agents (these agents at least two hours before or two hours after oral levofloxacin). Read 2026-12-01 as verbatim quotes of the openFDA record of that set id (with its version and effective date) in a public GitHub citation worksheet built from openFDA; the openFDA record itself was not opened here", "2026-12-01");
    IRON_AFTER_MOXIFLOXACIN_MIN = (240.0, "min", DrugLabel, "Moxifloxacin at least 4 h before iron; other quinolones, whose labels differ, get this strictest interval too...")
        @ ("moxifloxacin hydrochloride tablets label (Aurobindo Pharma; generic of AVELOX, whose own set id was not found), DailyMed set id d6789c17-4a2f-4519-9060-e3b0dba422f0, version 17, effective 2025-09-01, §2.2 Important Administration Instructions (at least 4 hours before or 8 hours after products containing magnesium, aluminum, iron or zinc, incl. antacids, sucralfate, multivitamins; see §7.1 and §12.3). Read 2026-12-01 as verbatim quotes of the openFDA record of that set id in a public GitHub citation worksheet built from openFDA (the openFDA record itself was not opened here); the same 4 h / 8 h is in the Highlights drug-interaction table (2.2, 7.1, 12.3) of the moxifloxacin tablets label of Sunshine Lake Pharma/HEC, DailyMed set id 78039242-3472-0b54-e053-2a91aa0a2651, revised 7/2018, read at fda.report/DailyMed/78039242-3472-0b54-e053-2a91aa0a2651. Other quinolones without their own row: this strictest interval, conservatively", "2026-12-01");
    MOXIFLOXACIN_AFTER_IRON_MIN = (480.0, "min", DrugLabel, "...or at least 8 h after iron (the same for other quinolones).")
        @ ("moxifloxacin hydrochloride tablets label (Aurobindo Pharma; generic of AVELOX, whose own set id was not found), DailyMed set id d6789c17-4a2f-4519-9060-e3b0dba422f0, version 17, effective 2025-09-01, §2.2 Important Administration Instructions (at least 4 hours before or 8 hours after products containing magnesium, aluminum, iron or zinc, incl. antacids, sucralfate, multivitamins; see §7.1 and §12.3). Read 2026-12-01 as verbatim quotes of the openFDA record of that set id in a public GitHub citation worksheet built from openFDA (the openFDA record itself was not opened here); the same 4 h / 8 h is in the Highlights drug-interaction table (2.2, 7.1, 12.3) of the moxifloxacin tablets label of Sunshine Lake Pharma/HEC, DailyMed set id 78039242-3472-0b54-e053-2a91aa0a2651, revised 7/2018, read at fda.report/DailyMed/78039242-3472-0b54-e053-2a91aa0a2651. Other quinolones without their own row: this strictest interval, conservatively", "2026-12-01");
    IRON_AFTER_TETRACYCLINE_MIN = (120.0, "min", Conservative, "A tetracycline, doxycycline or minocycline at least 2 h before iron (convention: the labels name iron without an interval)...")
        @ ("convention; doxycycline (VIBRAMYCIN) and minocycline labels, PRECAUTIONS, Drug Interactions, name iron-containing preparations without an interval", "2026-11-30");
    TETRACYCLINE_AFTER_IRON_MIN = (240.0, "min", Conservative, "...or at least 4 h after iron (convention).")
        @ ("convention; doxycycline (VIBRAMYCIN) and minocycline labels give no interval", "2026-11-30");
    IRON_AFTER_BISPHOSPHONATE_MIN = (30.0, "min", DrugLabel, "Alendronate or immediate-release risedronate first thing, at least 30 min before anything else; iron is never planned between waking and the end of that wait.")
        @ ("FOSAMAX (alendronate) label, DailyMed set id 14e931fd-2c5f-4d90-b7db-5980706f4a56 (revision 2/2026), §2 Dosage and Administration (Important Administration Instructions); ACTONEL (risedronate) label, DailyMed set id 24ed00e0-25e2-49a8-97fc-66c1b417dc0b, §2.6 Important Administration Instructions (at least 30 min before first food, drink or oral medication) and §2.7 (iron at a different time of day), February 2026 (version 31, effective 2026-02-04)", "2026-11-30");
    IRON_AFTER_IBANDRONATE_MIN = (60.0, "min", DrugLabel, "Ibandronate tablets first thing, at least 60 min before anything else; no iron between waking and the end of that wait.")
        @ ("BONIVA (ibandronate) tablets label (Genentech), DailyMed set id 841bf769-0148-42a8-a4d0-ff062b4734e8, §2.2 Important Administration Instructions (at least 60 min before first food, beverage or medication; label version not re-read here); the 60 min interval checked 2026-11-30 in the EU SmPC of Bonviva 150 mg film-coated tablets, Annex I §4.2 (1 h before the first food or drink other than water, and before any other medicine or supplement), Union Register annex anx_156260 of 2022-07-25, https://ec.europa.eu/health/documents/community-register/2022/20220725156260/anx_156260_fr.pdf", "2026-11-30");
    IRON_APART_FROM_RISEDRONATE_DR_MIN = (240.0, "min", Conservative, "Delayed-release risedronate (taken after breakfast): iron at another time of day; QuietLegs keeps 4 h either side.")
        @ ("ATELVIA (risedronate delayed-release) label, §2 and §7 ('at a different time of the day', no interval); 4 h is a conservative convention", "2026-11-30");
    IRON_AFTER_INTEGRASE_INHIBITOR_MIN = (120.0, "min", DrugLabel, "Dolutegravir (and, conservatively, other integrase inhibitors) at least 2 h before iron...")
        @ ("TIVICAY (dolutegravir) label, DailyMed set id 63df5af3-b8ac-4e76-9830-2dbb340af922, §2 and §7.3 (iron: 2 h before or 6 h after, or together with food); bictegravir, cabotegravir, raltegravir: conservative. The same sentence covers cation-containing antacids or laxatives, sucralfate and oral supplements containing calcium (calcium and iron supplements, not antacids, may instead go with food), as third-party copies of the label's advice read 2026-12-01 give it (hivclinic.ca; drugs.com citing TIVICAY Product Information): `check` uses this row for them (rules/clash.rs)", "2026-12-01");
    INTEGRASE_INHIBITOR_AFTER_IRON_MIN = (360.0, "min", DrugLabel, "...or at least 6 h after iron, unless both are taken together with food.")
        @ ("TIVICAY (dolutegravir) label, DailyMed set id 63df5af3-b8ac-4e76-9830-2dbb340af922, §2 and §7.3; the same 6 h after cation-containing antacids or laxatives and calcium supplements (see IRON_AFTER_INTEGRASE_INHIBITOR_MIN)", "2026-12-01");
    VITAMIN_C_WITH_IRON_MG = (250.0, "mg", Article, "Vitamin C with iron is optional: the benefit is small (an RCT found iron alone equivalent).")
        @ ("seed article (the 250 mg, kept for the record and never shown: SPEC §2.2 names no dose); Li et al., JAMA Netw Open 2020;3(11):e2023644 (oral iron with or without vitamin C: equivalent)", "2026-11-30");
    IRON_ALTERNATE_DAY_EVERY = (2.0, "days", Stoffel, "Alternate-day iron is offered as an option; it may absorb better than daily (studied in iron-depleted women without RLS).")
        @ ("Stoffel et al., Lancet Haematol 2017;4(11):e524-e533; Stoffel et al., Haematologica 2020;105(5):1232-1239", "2026-11-30");
    IRON_WINDOW_MIN_MINUTES = (15.0, "min", Product, "A gap shorter than this is not offered as an iron window.")
        @ ("", "");
    // §2.3 bedtime routine: opt-in, adjustable, none graded by AASM-2025 or IRLSSG
    MAGNESIUM_BEFORE_BED_MIN = (45.0, "min", Marshall2019, "Magnesium, if you chose it, about 45 min before bed. Evidence unclear; no dose is advised here; not with eGFR under 30 or dialysis.")
        @ ("Marshall et al., Sleep Med Rev 2019;48:101218, doi:10.1016/j.smrv.2019.101218 (PMID 31678661); timing: seed article", "2026-11-30");
    MAGNESIUM_WINDOW_EARLIEST_MIN = (60.0, "min", Article, "Magnesium reminder window opens 60 min before bed.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    MAGNESIUM_WINDOW_LATEST_MIN = (30.0, "min", Article, "Magnesium reminder window closes 30 min before bed.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    WARM_BATH_BEFORE_BED_MIN = (60.0, "min", Article, "A warm bath starting 60 min before bed. Not in pregnancy.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); pregnancy exclusion: PMID 16998815", "2026-11-30");
    WARM_BATH_DURATION_MIN = (20.0, "min", Article, "Warm bath length: up to 20 min (the seed article says 15-20 min).")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    PREGNANCY_HEAT_CORE_MAX_C = (38.9, "°C", Conservative, "In pregnancy keep core temperature under 38.9 °C (about 10 min at 40 °C): no hot-bath reminder.")
        @ ("PMID 16998815 (heat exposure in pregnancy)", "2026-11-30");
    WARM_SOCKS_BEFORE_BED_MIN = (240.0, "min", Article, "Warm socks / leg warmth from 4 h before your bedtime.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI; its 19:00-20:00 is read as 4 h before its 23:00 bedtime, so the reminder follows the person's own bedtime); not graded by guidelines", "2026-11-30");
    WARM_SOCKS_DURATION_MIN = (60.0, "min", Article, "The warm-socks window lasts 1 h from its start.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    MOVEMENT_WINDOW_MIN = (15.0, "min", Article, "A 10-15 min movement window ending at bedtime.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    VIGOROUS_EXERCISE_CUTOFF_MIN = (240.0, "min", Article, "No vigorous exercise in the 4 h before bed.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); not graded by guidelines", "2026-11-30");
    EVENING_CHECK_BEFORE_BED_MIN = (120.0, "min", Product, "Evening symptom check 2 h before bed.")
        @ ("", "");
    LAB_RECHECK_AFTER_WAKE_MIN = (180.0, "min", Product, "A lab-recheck reminder fires 3 h after waking.")
        @ ("", "");
    LAB_RECHECK_NOTICE_DAYS = (1.0, "days", Product, "A coming ferritin/TSAT recheck is reminded on waking the day before it is due, so the draw can be planned at least 24 h after the last iron; due today or overdue: 3 h after waking that day.")
        @ ("", "");
    SNOOZE_DEFAULT_MIN = (10.0, "min", Product, "Default snooze.")
        @ ("", "");
    DOSE_EARLY_MATCH_MIN = (60.0, "min", Product, "A dose logged up to this long before a scheduled dose of the same medicine counts as that dose (taken a little early); a dose logged later counts as the earliest one still open before it (taken late).")
        @ ("", "");
    REMINDER_HORIZON_DAYS = (7.0, "days", Product, "Reminders are generated this many days ahead.")
        @ ("", "");
    IOS_PENDING_CAP = (64.0, "notifications", Product, "iOS keeps at most 64 pending local notifications.")
        @ ("", "");
    // §2.5 augmentation screening
    AUGMENTATION_WINDOW_NIGHTS = (7.0, "nights", Mpi2007, "Augmentation is judged over the last 7 nights: the completed nights before today (today - 7 to today - 1; tonight is not over), today being the date of the night that has ended: before the person's wake time, yesterday.")
        @ ("MPI-2007: García-Borreguero et al., Sleep Med 2007;8(5):520-530, criteria A (the last 7 days)", "2026-11-30");
    AUGMENTATION_ROSE_NIGHTS = (5.0, "nights", Mpi2007, "Severity above baseline on at least 5 of the last 7 nights.")
        @ ("MPI-2007, Sleep Med 2007;8(5):520-530, criterion A (worse on 5 of 7 days)", "2026-11-30");
    AUGMENTATION_ONSET_EARLIER_MIN = (240.0, "min", Mpi2007, "Symptoms begin at least 4 h earlier than before the drug.")
        @ ("MPI-2007, Sleep Med 2007;8(5):520-530, criterion B1 (onset at least 4 h earlier)", "2026-11-30");
    AUGMENTATION_ONSET_PARTIAL_MIN = (120.0, "min", Mpi2007, "2-4 h earlier counts together with spread to arms/trunk or shorter relief from a dose (higher intensity is not taken from the nightly severity rating, which criterion A already counts); on its own it is a partial sign: some signs, never 'no sign'.")
        @ ("MPI-2007, Sleep Med 2007;8(5):520-530, criterion B2 (2-4 h earlier with one further change)", "2026-11-30");
    AUGMENTATION_BASELINE_WINDOW_DAYS = (28.0, "days", Product, "Onset and spread are compared with the diary of the 28 days before the drug started (MPI-2007: compared with symptoms before treatment), when it holds enough nights with an onset.")
        @ ("", "");
    AUGMENTATION_RESPONSE_WINDOW_DAYS = (28.0, "days", Product, "The period when the drug first worked (MPI-2007's severity baseline): the diary of its first 28 days, nights of the last 7 excluded.")
        @ ("", "");
    AUGMENTATION_BASELINE_MIN_NIGHTS = (7.0, "nights", Product, "At least 7 diary nights are needed for a baseline (from the first weeks on the drug; before it, for onset).")
        @ ("", "");
    // A typed start date of a dopaminergic drug before the drug existed cannot be the day the
    // person started it (issue #15: 1900 and 1949 were accepted for pramipexole). The floor is
    // the first marketing approval anywhere, not the later RLS approval (2005-2006): dopamine
    // agonists were prescribed off-label for RLS, and for Parkinson's disease, from their launch.
    PRAMIPEXOLE_FIRST_APPROVAL_YEAR = (1997.0, "year", Conservative, "A start of pramipexole before 1997 (its first approval anywhere: US FDA, July 1997, Parkinson's disease) is refused: nobody started it earlier outside a trial. Its RLS approval came in 2006; off-label RLS use began with its launch, so 1997-2005 starts are accepted.")
        @ ("Mirapex (pramipexole) first approval worldwide by the US FDA, July 1997: The Pharma Letter, 'First approval in USA for P&U/Boehringer Ingelheim's Mirapex', and the National Parkinson Foundation release of 3 July 1997 (read 2026-12-01); to be confirmed by a clinician in Drugs@FDA", "2026-12-01");
    ROPINIROLE_FIRST_APPROVAL_YEAR = (1996.0, "year", Conservative, "A start of ropinirole before 1996 (its first approval anywhere: UK, July 1996, Parkinson's disease; US 1997) is refused. Its RLS approval came in 2005-2006; earlier off-label RLS starts are accepted.")
        @ ("ReQuip (ropinirole) world-first approval by the UK licensing authority: Marketletter, 15 July 1996 (read 2026-12-01 in a copy of the release); US label highlights 'Initial U.S. Approval: 1997'; to be confirmed by a clinician", "2026-12-01");
    ROTIGOTINE_FIRST_APPROVAL_YEAR = (2006.0, "year", Conservative, "A start of rotigotine before 2006 (its first approval anywhere: EU, 15 February 2006, EMEA/H/C/000626, Parkinson's disease) is refused.")
        @ ("Neupro (rotigotine) EU marketing authorisation EMEA/H/C/000626 of 15 February 2006 (EPAR, read 2026-12-01 in a public summary of the EMA record); US FDA approval 9 May 2007", "2026-12-01");
    LEVODOPA_FIRST_USE_YEAR = (1970.0, "year", Conservative, "A start of levodopa (alone or with carbidopa or benserazide) before 1970, when it came into clinical use (for Parkinson's disease), is refused.")
        @ ("levodopa 'introduced into clinical use in the early 1970s' (MedLink Neurology, levodopa, historical note, read 2026-12-01); carbidopa/levodopa (Sinemet) US FDA approval 2 May 1975; to be confirmed by a clinician", "2026-12-01");
    // Issue #15: the same floor for the other dopaminergic drugs where a first-marketing year
    // could be read. Apomorphine has none: it was used by injection long before its named
    // approvals (APO-go, Apokyn US 2004), and no first year was read, so its start is not
    // checked (the dopamine agonists' effect reference in `quietlegs evidence` says so).
    CABERGOLINE_FIRST_APPROVAL_YEAR = (1992.0, "year", Conservative, "A start of cabergoline before 1992 (first marketed as Dostinex in the Netherlands, 1992, for hyperprolactinaemia; US 1996) is refused: nobody started it earlier outside a trial.")
        @ ("Dostinex first marketed in the Netherlands in 1992 (encyclopaedic summary of cabergoline, and the Dopamine Justice Alliance page on cabergoline: 'approved in Europe (1992, Netherlands) and US (1996)', both read 2026-12-01; one summary also gives 1993 for its approval for medical use: the earlier year is kept so no real start is refused); US DOSTINEX label (Pfizer), highlights: 'Initial U.S. Approval: 1996' (read 2026-12-01); to be confirmed by a clinician", "2026-12-01");
    PIRIBEDIL_FIRST_APPROVAL_YEAR = (1969.0, "year", Conservative, "A start of piribedil before 1969 (first marketed, in France, as Trivastal) is refused.")
        @ ("Perez-Lloret and Rascol, Piribedil for the Treatment of Motor and Non-motor Symptoms of Parkinson Disease, CNS Drugs 2016;30: 'Piribedil was one of the first agonists to be marketed (1969)' (abstract read 2026-12-01 in a bibliographic copy); to be confirmed by a clinician", "2026-12-01");
    // §2.6 doctor flags
    FLAG_WINDOW_DAYS = (14.0, "days", Product, "Doctor flags look at the last 14 nights.")
        @ ("", "");
    SEVERE_NIGHTS_MIN = (3.0, "nights", Product, "'Several' nights: at least 3 in the window.")
        @ ("", "");
    SHORT_SLEEP_HOURS = (4.0, "h", Article, "Nights with less than 4 h sleep because of RLS.")
        @ ("seed article 'Restless legs syndrome: natural remedies' (no DOI); no guideline gives a sleep-hours cut-off", "2026-11-30");
    IRLS_SEVERE_MIN = (21.0, "points", Irls, "A weekly IRLS of 21 or more is severe.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), severity bands", "2026-11-30");
    IRLS_MOOD_ITEM_HIGH = (3.0, "points", Conservative, "IRLS item 10 (effect on mood) scored 3 or 4: talk to your doctor; if you feel unsafe, contact your local emergency number.")
        @ ("SPEC §2.6; item scale per Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX); 3 = 'severe' is QuietLegs' conservative cut", "2026-11-30");
    DISRUPTIVE_QUICK_MEDIAN = (5.0, "points", Product, "Symptoms still disruptive: median quick rating 5/10 or more over the window.")
        @ ("", "");
    DISRUPTIVE_IRLS_MEDIAN = (11.0, "points", Irls, "Symptoms still disruptive: the latest weekly IRLS 11 (moderate) or more.")
        @ ("Walters et al. 2003, doi:10.1016/S1389-9457(02)00258-7 (DOI confirmed 2026-11-30; PMID 14592342 not confirmed in the material searched; see IRLS_ITEM_MAX), moderate band", "2026-11-30");
    DISRUPTIVE_MIN_NIGHTS = (5.0, "nights", Product, "At least 5 logged nights before judging symptoms disruptive.")
        @ ("", "");
    // insights
    TREND_QUICK_CHANGE = (1.0, "points", Product, "A weekly change of 1 point (0-10) or more is called a trend.")
        @ ("", "");
    TREND_IRLS_CHANGE = (3.0, "points", Product, "A weekly change of 3 IRLS points or more is called a trend.")
        @ ("", "");
    TRIGGER_WINDOW_DAYS = (90.0, "days", Product, "Triggers are compared over the last 90 nights, so old habits do not mask new ones.")
        @ ("", "");
    REPORT_WINDOW_DAYS = (365.0, "days", Product, "The report charts the last 365 nights.")
        @ ("", "");
    TRIGGER_MIN_NIGHTS = (5.0, "nights", Product, "A trigger comparison is shown only with at least 5 nights on each side.")
        @ ("", "");
}

/// A duration constant as chrono minutes.
pub fn minutes(e: Evidence) -> chrono::Duration {
    chrono::Duration::minutes(e.value as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_name_what_speaks_for_each_number() {
        // SPEC §2.1: IRLSSG 2018 for ferritin > 300; the mood line is not a ceiling; SPEC §2.2:
        // the labels say "empty stomach" but give no interval, so the 2 h after food is a
        // convention (the table's source kind for conventions), never a label's.
        assert_eq!(FERRITIN_CEILING.source, Source::Irlssg2018);
        assert!(!IRLS_MOOD_ITEM_HIGH.source.citation().contains("ceiling"));
        assert_eq!(IRON_AFTER_FOOD_MIN.source, Source::Conservative);
        assert!(IRON_AFTER_FOOD_MIN.rule.contains("convention"));
        assert!(IRON_AFTER_FOOD_MIN.reference.starts_with("convention"));
    }

    #[test]
    fn every_key_is_unique_and_every_rule_is_written() {
        let mut keys: Vec<_> = ALL.iter().map(|e| e.key).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
        assert!(ALL.iter().all(|e| !e.rule.is_empty() && !e.unit.is_empty()));
    }

    /// SPEC §2: every clinical constant cites its source precisely and carries a review date;
    /// only product defaults (not clinical claims) may go without.
    #[test]
    fn every_clinical_row_has_a_reference_and_a_review_date() {
        let missing: Vec<&str> = ALL
            .iter()
            .filter(|e| e.source != Source::Product)
            .filter(|e| {
                e.reference.trim().is_empty()
                    || chrono::NaiveDate::parse_from_str(e.reviewed, "%Y-%m-%d").is_err()
            })
            .map(|e| e.key)
            .collect();
        assert!(
            missing.is_empty(),
            "rows without reference or review date: {missing:?}"
        );
        assert!(ALL.iter().any(|e| e.source == Source::Product));
    }

    /// A guideline or label row names a DOI, PMID, ISBN or DailyMed set id; the seed article is
    /// cited only with the words that it is not graded by guidelines or beside a guideline.
    #[test]
    fn references_are_precise() {
        for e in ALL.iter().filter(|e| {
            matches!(
                e.source,
                Source::Aasm2025
                    | Source::Irlssg2018
                    | Source::Who2024
                    | Source::Marshall2019
                    | Source::Kdigo2024
                    | Source::Picchietti2015
                    | Source::Irls
            )
        }) {
            assert!(
                ["doi:", "PMID", "ISBN"]
                    .iter()
                    .any(|w| e.reference.contains(w)),
                "{}: {}",
                e.key,
                e.reference
            );
        }
    }
}
