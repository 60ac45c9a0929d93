//! Safety and insight over the FFI: iron status, doctor flags, augmentation, insights, the
//! medicine catalog and the screener.

use chrono::{Duration, NaiveDate};

use super::snapshot::{Labs, Snapshot};
use super::{ApiResult, QuietLegs};
use crate::api::records::EventEntry;
use crate::error::Error;
use crate::evidence::IRLS_PERIOD_DAYS;
use crate::evidence::{
    Source, AUGMENTATION_BASELINE_WINDOW_DAYS, AUGMENTATION_RESPONSE_WINDOW_DAYS,
    FERRITIN_IV_DISCUSS_BELOW, FERRITIN_SUPPLEMENT_AT_OR_BELOW, TRIGGER_WINDOW_DAYS,
};
use crate::model::{Event, EventKind, IrlsScores, RecordMeta};
use crate::model::{IrlsBand, IvIronFormulation};
use crate::rules::augmentation::{
    dopaminergic_starts, screen as augmentation_screen, AugmentationScreen, AugmentationVerdict,
    BaselineSource,
};
use crate::rules::catalog::{
    lookup, AasmStance, DrugClass, EvidenceBasis, EvidenceStrength, MatchKind, MedicineEffect,
};
use crate::rules::flags::{doctor_flags, DoctorFlag};
use crate::rules::insights::{insights, Adherence, TriggerComparison, WeeklyTrend};
/// The verdict of an iron status (a field of `IronStatusView`, so part of the API).
pub use crate::rules::iron_status::IronAdvice;
use crate::rules::iron_status::{iron_status, IronStatus, Reason};
use crate::rules::screener::{self, ScreenAnswers, ScreenResult};
use crate::rules::weekly_irls;
use crate::store;

/// A lab value on a date.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct LabPoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// In the analyte's canonical unit.
    pub value: f64,
}

/// Where the iron stores stand, and whether iron is indicated (never a dose).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct IronStatusView {
    /// The verdict the rules reached.
    pub advice: IronAdvice,
    /// The verdict in one line; advice ends in "discuss with your doctor".
    pub headline: String,
    /// Latest ferritin, ng/mL.
    pub ferritin: Option<LabPoint>,
    /// Latest transferrin saturation, %.
    pub tsat: Option<LabPoint>,
    /// An iron item is in the regimen.
    pub supplementing: bool,
    /// Each rule that decided, with its source.
    pub reasons: Vec<Reason>,
    /// Further notes in words (special groups, stale results).
    pub notes: Vec<String>,
    /// Ferritin results, ng/mL, oldest first.
    pub ferritin_history: Vec<LabPoint>,
    /// Least-squares ferritin slope, ng/mL per 30 days, over the results after the latest IV
    /// infusion (all results without one), if there are at least two on different days.
    pub slope_per_30_days: Option<f64>,
    /// No longer produced (always `None`): SPEC §2.1 gives no projection, and "would pass 75
    /// around …" read as a promise. Kept so that older callers still compile.
    pub projected_target_date: Option<String>,
    /// The 75 ng/mL threshold (iron indicated at or below; AASM-2025). Not a target.
    pub target_low: f64,
    /// The 100 ng/mL threshold (75-100 only IV iron may help; above, not indicated; AASM-2025).
    pub target_high: f64,
    /// Latest haemoglobin, g/dL.
    #[uniffi(default = None)]
    pub haemoglobin: Option<LabPoint>,
    /// How to prepare for the next blood draw (morning, at least 24 h without iron).
    #[uniffi(default = "")]
    pub draw_preparation: String,
    /// The latest IV iron infusion, `YYYY-MM-DD`, and its formulation.
    #[uniffi(default = None)]
    pub last_infusion_date: Option<String>,
    /// The formulation of that infusion (`None` when there was none).
    #[uniffi(default = None)]
    pub last_infusion: Option<IvIronFormulation>,
    /// When ferritin and TSAT are next due, `YYYY-MM-DD`.
    #[uniffi(default = None)]
    pub recheck_due: Option<String>,
    /// How many ferritin results the slope uses (those after the latest IV infusion).
    #[uniffi(default = 0)]
    pub slope_results: u32,
    /// The IV infusion the slope starts after, `YYYY-MM-DD`, if any: earlier results are
    /// another baseline (IRLSSG-2018).
    #[uniffi(default = None)]
    pub slope_since: Option<String>,
    /// The thresholds the verdict was judged against, in one line: on dialysis the IV iron
    /// sucrose rule (ferritin under 200 ng/mL, TSAT under 20 %), else the AASM-2025 bands
    /// (75 and 100 ng/mL, TSAT 20 %); numbers from the evidence table.
    #[uniffi(default = "")]
    pub thresholds: String,
}

fn lab_point(p: (NaiveDate, f64)) -> LabPoint {
    LabPoint {
        date: p.0.to_string(),
        value: p.1,
    }
}

fn iron_view(s: IronStatus) -> IronStatusView {
    IronStatusView {
        advice: s.advice,
        headline: s.headline,
        ferritin: s.ferritin.map(lab_point),
        tsat: s.tsat.map(lab_point),
        supplementing: s.supplementing,
        reasons: s.reasons,
        notes: s.notes,
        ferritin_history: s.trend.points.into_iter().map(lab_point).collect(),
        slope_per_30_days: s.trend.slope_per_30_days,
        projected_target_date: s.trend.projected_target_date.map(|d| d.to_string()),
        target_low: FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        target_high: FERRITIN_IV_DISCUSS_BELOW.value,
        haemoglobin: s.haemoglobin.map(lab_point),
        draw_preparation: s.draw_preparation,
        last_infusion_date: s.last_infusion.map(|(d, _)| d.to_string()),
        last_infusion: s.last_infusion.map(|(_, f)| f),
        recheck_due: s.recheck_due.map(|d| d.to_string()),
        slope_results: u32::try_from(s.trend.slope_results).unwrap_or(u32::MAX),
        slope_since: s.trend.since_infusion.map(|d| d.to_string()),
        thresholds: s.thresholds,
    }
}

/// The augmentation screen for a dopaminergic drug: symptoms earlier, stronger or spreading since it started.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct AugmentationView {
    /// On a dopaminergic drug, so the screen applies.
    pub applicable: bool,
    /// The diary shows the pattern: discuss with your doctor.
    pub flagged: bool,
    /// What the screen found, in words.
    pub message: String,
    /// The dopaminergic drug(s) screened for.
    pub drugs: Vec<String>,
    /// Nights logged in the first 28 days on the drug (when it first worked), before the
    /// recent 7 nights: the severity baseline.
    pub baseline_nights: u32,
    /// Nights logged in the recent window compared (the last 7 completed nights).
    pub recent_nights: u32,
    /// Median onset at baseline, local `HH:MM`: before the drug when the diary has at least 7
    /// nights with an onset from then, else in its first weeks.
    pub baseline_onset_median: Option<String>,
    /// Median onset now, local `HH:MM`.
    pub recent_onset_median: Option<String>,
    /// How much earlier symptoms start now, minutes (negative: later).
    pub onset_earlier_minutes: Option<i64>,
    /// Recent nights rated worse than the baseline's median.
    pub nights_worse_than_baseline: u32,
    /// What the last 7 nights were compared with: the diary before the drug, or the answers
    /// to the short questionnaire.
    pub baseline_source: BaselineSource,
    /// Symptoms recently reached the arms or trunk, not in the baseline.
    pub spread_to_arms_or_trunk: bool,
    /// Recent severity a clear step above the baseline's.
    pub higher_intensity: bool,
    /// A dose relieves for a shorter time than when the drug first worked.
    pub shorter_relief: bool,
    /// Times the dose was raised since the drug started (questionnaire), if answered.
    pub dose_increases: Option<u32>,
    /// Latest ferritin, ng/mL, and its date (YYYY-MM-DD).
    pub latest_ferritin: Option<f64>,
    /// The date of `latest_ferritin`, `YYYY-MM-DD`.
    pub latest_ferritin_date: Option<String>,
    /// Active medicines that can worsen RLS, "name, a class".
    pub worsening_medicines: Vec<String>,
    /// What the screen concluded; `Incomplete` is never reassurance: show `missing`.
    pub verdict: AugmentationVerdict,
    /// The verdict as a heading: "Augmentation screen: incomplete, cannot judge yet".
    pub title: String,
    /// What the screen needs before it can judge, in words (empty unless `Incomplete`).
    pub missing: Vec<String>,
    /// The person gave the start date of every drug screened for (not defaulted or unknown).
    pub start_known: bool,
    /// The first and last night of the last 7 completed nights compared, `YYYY-MM-DD`
    /// (`date - 7` to `date - 1`: tonight is not over yet). Without a date asked for, `date`
    /// is that of the night that has ended: before the profile's wake time, yesterday.
    pub window_from: String,
    /// See `window_from`.
    pub window_to: String,
}

fn augmentation_view(a: &AugmentationScreen) -> AugmentationView {
    AugmentationView {
        applicable: !a.drugs.is_empty(),
        flagged: a.flagged,
        message: a.message.clone(),
        drugs: a.drugs.clone(),
        baseline_nights: a.baseline_nights as u32,
        recent_nights: a.recent_nights as u32,
        baseline_onset_median: a
            .baseline_onset_median
            .map(|t| t.format("%H:%M").to_string()),
        recent_onset_median: a.recent_onset_median.map(|t| t.format("%H:%M").to_string()),
        onset_earlier_minutes: a.onset_earlier_minutes,
        nights_worse_than_baseline: a.nights_worse_than_baseline as u32,
        baseline_source: a.baseline_source,
        spread_to_arms_or_trunk: a.spread_to_arms_or_trunk,
        higher_intensity: a.higher_intensity,
        shorter_relief: a.shorter_relief,
        dose_increases: a.dose_increases,
        latest_ferritin: a.latest_ferritin.map(|(_, f)| f),
        latest_ferritin_date: a.latest_ferritin.map(|(d, _)| d.to_string()),
        worsening_medicines: a.worsening_medicines.clone(),
        verdict: a.verdict,
        title: a.verdict.title().to_owned(),
        missing: a.missing.clone(),
        start_known: a.start_known,
        window_from: a.window.0.to_string(),
        window_to: a.window.1.to_string(),
    }
}

/// Everything a status screen shows, for one day.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct StatusReport {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// Iron status.
    pub iron: IronStatusView,
    /// Findings to discuss with a doctor.
    pub flags: Vec<DoctorFlag>,
    /// The augmentation screen.
    pub augmentation: AugmentationView,
    /// Weekly severity, oldest first.
    pub trends: Vec<WeeklyTrend>,
    /// Nights with and without each trigger, compared.
    pub triggers: Vec<TriggerComparison>,
    /// Doses taken against planned, per regimen item.
    pub adherence: Vec<Adherence>,
    /// The weekly IRLS: its own trend, apart from the nightly quick rating.
    #[uniffi(default = None)]
    pub weekly_irls: Option<WeeklyIrlsView>,
}

/// One weekly IRLS rating.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct WeeklyIrlsPoint {
    /// The last day of the week rated, `YYYY-MM-DD`.
    pub week_ending: String,
    /// The ISO week, `YYYY-Www`.
    pub week: String,
    /// 0-40.
    pub total: u32,
    /// The IRLS severity band of `total` (edges from the evidence table: `IRLS_MILD_MAX`,
    /// `IRLS_MODERATE_MAX`, `IRLS_SEVERE_MAX`).
    pub band: IrlsBand,
    /// The ten item scores, 0-4 each, by item number.
    pub items: Vec<u8>,
    /// The rating in words for a list: "Week ending 2026-11-29 (2026-W48): 19 of 40, moderate".
    #[uniffi(default = "")]
    pub label: String,
}

/// How many of the trend's latest ratings the status carries in `WeeklyIrlsView::ratings`
/// (about three months of weekly ratings; the CLI shows the last 6). The whole trend, which
/// grows by 52 ratings a year, is [`QuietLegs::weekly_irls_history`]: the status screen is
/// opened daily and stays the same size however old the diary.
pub const STATUS_WEEKLY_RATINGS: usize = 12;

/// The weekly IRLS on the status screen (SPEC §2.7).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct WeeklyIrlsView {
    /// The trend's latest ratings, oldest week first, at most [`STATUS_WEEKLY_RATINGS`] (12):
    /// no two overlap. `ratings_total` says how many the whole trend holds; the whole list is
    /// [`QuietLegs::weekly_irls_history`].
    pub ratings: Vec<WeeklyIrlsPoint>,
    /// How many ratings the whole trend holds (`ratings` is its latest 12 at most).
    #[uniffi(default = 0)]
    pub ratings_total: u32,
    /// The trend's first rating (the oldest week kept), also when `ratings` no longer reaches
    /// back to it; `None` without any rating.
    #[uniffi(default = None)]
    pub first_rating: Option<WeeklyIrlsPoint>,
    /// Stored ratings the trend leaves out, oldest week first: two devices rated overlapping
    /// weeks (or the same ISO week), and `ratings` shows the latest answer. They stay in the
    /// diary and its exports and are listed here so none is hidden; the doctor flags (severe
    /// total, mood item) read them too. Empty unless a sync joined overlapping ratings.
    #[uniffi(default = [])]
    pub set_aside: Vec<WeeklyIrlsPoint>,
    /// `set_aside` in words, one line each, for screens: "Also stored, left out of the trend
    /// (overlapping weeks rated on two devices): Week ending 2026-11-20 (2026-W47): 19 of 40,
    /// moderate". Empty when `set_aside` is.
    #[uniffi(default = [])]
    pub set_aside_lines: Vec<String>,
    /// No rating yet, or the last rated week ended 7 or more days ago.
    pub due: bool,
    /// What to ask: "rate the past 7 days".
    pub prompt: String,
    /// The weekly trend in words, apart from the nightly quick rating (SPEC §2.7): the latest
    /// total and its band (edges from the evidence table), its change from the rating before
    /// and from the first rating. When there is no rating yet: the prompt.
    #[uniffi(default = "")]
    pub trend_line: String,
    /// The latest total minus the one before it (negative: better), if there are two ratings.
    #[uniffi(default = None)]
    pub change_from_previous: Option<i32>,
    /// The latest total minus the first rating's, if there are three or more.
    #[uniffi(default = None)]
    pub change_from_first: Option<i32>,
    /// The change from the rating before, judged against `TREND_IRLS_CHANGE` (3 points).
    #[uniffi(default = None)]
    pub direction: Option<crate::rules::insights::Direction>,
}

/// One rating for the status screen; `band_names` caches each band's name in words and `max`
/// is the scale's top (`40`), each worked out once: the history lists every rating.
fn weekly_point(
    r: &weekly_irls::WeeklyIrls,
    band_names: &mut Vec<(IrlsBand, String)>,
    max: &str,
) -> WeeklyIrlsPoint {
    let band = r.scores.band();
    let band_name = match band_names.iter().find(|(b, _)| *b == band) {
        Some((_, name)) => name.clone(),
        None => {
            let name = crate::model::name_of(&band).replace('_', " ");
            band_names.push((band, name.clone()));
            name
        }
    };
    let week_ending = r.week_ending.to_string();
    let week = weekly_irls::week_key(r.week_ending);
    WeeklyIrlsPoint {
        label: format!(
            "Week ending {week_ending} ({week}): {} of {max}, {band_name}",
            r.scores.total(),
        ),
        week_ending,
        week,
        total: u32::from(r.scores.total()),
        band,
        items: r.scores.items().to_vec(),
    }
}

/// Each of `ratings` for a screen, in the same order.
fn weekly_points(ratings: &[weekly_irls::WeeklyIrls]) -> Vec<WeeklyIrlsPoint> {
    let mut band_names = Vec::new();
    let max = format!("{:.0}", crate::rules::insights::SeverityScale::Irls.max());
    ratings
        .iter()
        .map(|r| weekly_point(r, &mut band_names, &max))
        .collect()
}

/// The status screen's weekly IRLS from the whole diary's split (kept, set aside: see
/// `Snapshot::take_weekly_split`): the latest [`STATUS_WEEKLY_RATINGS`] of the kept ones.
fn weekly_view(
    (ratings, set_aside): &super::snapshot::WeeklySplit,
    today: NaiveDate,
) -> WeeklyIrlsView {
    let prompt = format!(
        "Rate the past {:.0} days with the weekly IRLS: ten items, 0-4 each.",
        IRLS_PERIOD_DAYS.value
    );
    let trend = weekly_irls::trend(ratings);
    let set_aside = weekly_points(set_aside);
    let latest = ratings
        .get(ratings.len().saturating_sub(STATUS_WEEKLY_RATINGS)..)
        .unwrap_or_default();
    WeeklyIrlsView {
        trend_line: weekly_irls::trend_line(ratings)
            .unwrap_or_else(|| format!("No weekly IRLS yet. {prompt}")),
        change_from_previous: trend.as_ref().and_then(|t| t.change_from_previous),
        change_from_first: trend.as_ref().and_then(|t| t.change_from_first),
        direction: trend.map(|t| t.direction),
        due: weekly_irls::due(ratings, today),
        ratings: weekly_points(latest),
        ratings_total: u32::try_from(ratings.len()).unwrap_or(u32::MAX),
        first_rating: weekly_points(ratings.get(..1).unwrap_or_default()).pop(),
        set_aside_lines: set_aside
            .iter()
            .map(|p| {
                // Mid-sentence: the label's "Week ending" reads "week ending" here.
                let mut label = p.label.chars();
                let label: String = label
                    .next()
                    .map(|c| c.to_lowercase().chain(label).collect())
                    .unwrap_or_default();
                format!(
                    "Also stored, left out of the trend (overlapping weeks rated on two devices): {label}"
                )
            })
            .collect(),
        set_aside,
        prompt,
    }
}

/// An IV iron formulation with its words.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct IvIronChoice {
    /// The value to pass back to the core.
    pub value: IvIronFormulation,
    /// The formulation's name as a person reads it.
    pub label: String,
}

/// What the catalog knows of a medicine name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct MedicineInfo {
    /// The generic name.
    pub generic: String,
    /// The catalog name that matched (a brand, or the generic).
    pub matched: String,
    /// How the name matched: the generic, a brand, or one letter off ("did you mean").
    pub match_kind: MatchKind,
    /// Its drug class.
    pub class: DrugClass,
    /// The class in words.
    pub class_label: String,
    /// The name as matched with its generic and class, the drug's name never repeated:
    /// "CellCept (mycophenolate, an immunosuppressant)".
    pub described: String,
    /// What the class does to RLS.
    pub effect: MedicineEffect,
    /// How strong the evidence for that effect is: for an iron-timing medicine, from its own
    /// rule (a label interval is strong, a convention weak; see `evidence_basis`).
    pub evidence: EvidenceStrength,
    /// What the evidence rests on: a guideline, a label interval (set id in the evidence
    /// table), one still to be verified, a convention, or the seed article alone ("not graded
    /// by guidelines").
    pub evidence_basis: EvidenceBasis,
    /// The evidence in one line for people: "strong: label interval (CIPRO (ciprofloxacin)
    /// label, 2026)".
    pub evidence_line: String,
    /// The source in words a person can look up (a label's name, or a guideline and year).
    pub source_line: String,
    /// What to do, in words; never to stop a medicine without the prescriber.
    pub advice: String,
    /// Where the advice comes from.
    pub source: Source,
    /// The source as a citation line.
    pub citation: String,
    /// The AASM 2025 stance as an RLS treatment, shown apart from `evidence` (efficacy, the
    /// certainty of evidence): e.g. pramipexole works (moderate certainty) yet is suggested
    /// against for standard use; gabapentin is strongly recommended on moderate-certainty
    /// evidence.
    pub aasm_stance: Option<AasmStance>,
    /// The stance in words ("AASM 2025: suggests against standard use (conditional)").
    pub aasm_stance_label: Option<String>,
    /// A safer alternative a source names, to ask the prescriber about. With the profile
    /// ([`QuietLegs::check_medicine_for_profile`]): in pregnancy no medicine is named ("ask your
    /// doctor or obstetric team about options in pregnancy"); with kidney disease an
    /// alternative naming gabapentinoids says doses differ.
    pub alternative: Option<String>,
    /// The iron-timing rule in words, numbers from the evidence table, if the medicine has one.
    pub iron_timing: Option<String>,
    /// It lowers iron absorption and no timing fixes that: discuss with the doctor.
    pub no_timing_fix: bool,
    /// Everything above in a few lines for a phone screen: the advice, the evidence line, then
    /// the AASM 2025 stance and the alternative, each on its own line.
    pub details: String,
    /// Set by [`QuietLegs::check_medicine_for_profile`] for an RLS treatment when the profile is
    /// pregnant (until 6 weeks after the due date): treatment choices differ in pregnancy
    /// (SPEC §2.6, IRLSSG pregnancy guidance, Picchietti et al. 2015). Also added to `advice`
    /// and `details`.
    #[uniffi(default = None)]
    pub pregnancy_note: Option<String>,
    /// The effect on RLS in words with `evidence_line`, for the phones' medicine screen:
    /// "Effect on RLS: can make it worse (evidence: not graded by guidelines; source:
    /// the seed article)". Made from `effect` and `evidence_line`, so it says what they say.
    #[uniffi(default = "")]
    pub effect_line: String,
    /// `alternative` as the screens say it: "Alternative to ask about: …" (None without one).
    #[uniffi(default = None)]
    pub alternative_line: Option<String>,
    /// `aasm_stance_label` as the screens say it: "As an RLS treatment: AASM 2025: …" (None
    /// when it is no RLS treatment).
    #[uniffi(default = None)]
    pub aasm_stance_line: Option<String>,
    /// The heading of the answer: the effect as a sentence says it, for a treatment following
    /// its AASM 2025 stance ("can be prescribed for RLS"; "used for RLS, but AASM 2025
    /// recommends against it" for cabergoline; "not graded as an RLS treatment by AASM 2025"
    /// for a treatment no stance grades). Never a heading for a treatment above a stance
    /// against it.
    #[uniffi(default = "")]
    pub effect_heading: String,
}

/// `effect` in words with the evidence line (see [`MedicineInfo::effect_line`]); a treatment
/// the AASM 2025 guideline is not for is said with its stance (`treatment`, from
/// [`crate::rules::catalog::Medicine::treatment_words`]).
fn effect_line(effect: MedicineEffect, treatment: Option<&str>, evidence_line: &str) -> String {
    let effect = match effect {
        MedicineEffect::WorsensRls => "can make it worse",
        MedicineEffect::InformationOnly => "possibly worse; information only",
        MedicineEffect::RlsTreatment => treatment.unwrap_or("a treatment for RLS"),
        MedicineEffect::IronTiming => "none known; it changes when iron can be taken",
        MedicineEffect::UsuallyNeutral => "usually none",
        MedicineEffect::NotKnown => "not known (no reliable source found)",
    };
    format!("Effect on RLS: {effect} (evidence: {evidence_line})")
}

/// The catalog's answer for a medicine name (brand, generic, one typo allowed).
pub fn medicine_info(name: &str) -> Vec<MedicineInfo> {
    medicine_info_for(name, crate::rules::catalog::ProfileGroups::default())
}

/// [`medicine_info`] for a person in the special groups `g` (SPEC §2.3, 2.6): the alternative
/// follows the profile (none named in pregnancy; a kidney caveat on gabapentinoids), and the
/// profile's notes join the advice.
pub fn medicine_info_for(name: &str, g: crate::rules::catalog::ProfileGroups) -> Vec<MedicineInfo> {
    lookup(name)
        .into_iter()
        .map(|m| {
            let c = m.medicine.class;
            let advice = std::iter::once(m.medicine.advice_for(m.matched))
                .chain(m.medicine.profile_notes(g))
                .collect::<Vec<_>>()
                .join(" ");
            let alternative = m.medicine.alternative_for_profile(m.matched, g);
            let mut details = vec![
                advice.clone(),
                format!("Evidence: {}.", m.medicine.evidence_line()),
            ];
            let aasm_stance_label = m.medicine.stance_label();
            let aasm_stance_line = aasm_stance_label
                .as_ref()
                .map(|st| format!("As an RLS treatment: {st}."));
            details.extend(aasm_stance_line.clone());
            let alternative_line = alternative
                .as_ref()
                .map(|alt| format!("Alternative to ask about: {alt}."));
            details.extend(alternative_line.clone());
            let mut info = MedicineInfo {
                generic: m.medicine.generic.to_owned(),
                matched: m.matched.to_owned(),
                match_kind: m.kind,
                class: c,
                class_label: c.label().to_owned(),
                described: m.medicine.described(m.matched),
                effect: c.effect(),
                evidence: m.medicine.evidence(),
                evidence_basis: m.medicine.basis(),
                evidence_line: m.medicine.evidence_line(),
                source_line: m.medicine.source_line(),
                advice,
                source: c.source(),
                citation: c.source().citation().to_owned(),
                aasm_stance: m.medicine.stance(),
                aasm_stance_label,
                alternative,
                iron_timing: m
                    .medicine
                    .substance()
                    .map(|s| s.timing_advice_for(m.medicine.timing_name())),
                no_timing_fix: c.no_timing_fix(),
                details: details.join("\n"),
                pregnancy_note: None,
                effect_line: String::new(),
                alternative_line,
                aasm_stance_line,
                effect_heading: m.medicine.effect_label().to_owned(),
            };
            info.effect_line = effect_line(
                info.effect,
                m.medicine.treatment_words(),
                &info.evidence_line,
            );
            info
        })
        .collect()
}

/// Said with an RLS treatment to a pregnant (or recently pregnant) person (SPEC §2.6).
pub const PREGNANCY_TREATMENT_NOTE: &str = "In pregnancy (and the weeks after it) RLS treatment choices differ: discuss this medicine with your doctor or midwife (IRLSSG pregnancy guidance, Picchietti et al. 2015).";

#[uniffi::export]
impl QuietLegs {
    /// [`check_medicine`] with this diary's profile: while pregnant (until 6 weeks after the
    /// due date) an RLS treatment (a medicine with an AASM 2025 stance) carries the pregnancy
    /// caveat the status screen gives (SPEC §2.6), and no alternative medicine is named ("ask
    /// your doctor or obstetric team about options in pregnancy"); with kidney disease (recorded,
    /// eGFR under 60 or dialysis) a gabapentinoid, and an alternative naming one, says doses
    /// differ with kidney disease; magnesium with eGFR under 30 or dialysis says no reminder is
    /// given (SPEC §2.3). Errors: as `status` (a diary that cannot be read).
    pub fn check_medicine_for_profile(&self, name: String) -> ApiResult<Vec<MedicineInfo>> {
        let store = self.store()?;
        let p = Self::profile_model(&store)?.1;
        let today = self.now().with_timezone(&p.time_zone).date_naive();
        let g = self.profile_groups(&store, &p, today)?;
        let pregnant = g.pregnant;
        Ok(medicine_info_for(&name, g)
            .into_iter()
            .map(|mut m| {
                if pregnant && m.aasm_stance.is_some() {
                    m.advice = format!("{} {PREGNANCY_TREATMENT_NOTE}", m.advice);
                    m.details = format!("{}\n{PREGNANCY_TREATMENT_NOTE}", m.details);
                    m.pregnancy_note = Some(PREGNANCY_TREATMENT_NOTE.to_owned());
                }
                m
            })
            .collect())
    }
}

impl QuietLegs {
    /// The profile facts that change what the catalog says to this person on `today`
    /// (pregnancy, kidney disease from the profile and the labs): the one source of the
    /// profile-aware advice of `check`, `regimen add` and `regimen` (issue #15).
    pub(crate) fn profile_groups(
        &self,
        store: &crate::store::Store,
        p: &crate::model::Profile,
        today: NaiveDate,
    ) -> ApiResult<crate::rules::catalog::ProfileGroups> {
        let labs = crate::store::labs(store.conn(), None)?;
        let kidney = crate::rules::groups::kidney(p, &labs);
        Ok(crate::rules::catalog::ProfileGroups {
            pregnant: crate::rules::groups::pregnant_on(p, today),
            kidney_disease: kidney.stage > crate::rules::groups::KidneyStage::Normal,
            severe_kidney: kidney.no_magnesium(),
        })
    }
}

/// Looks a medicine up in the catalog: class, evidence, advice and source.
#[uniffi::export]
pub fn check_medicine(name: String) -> Vec<MedicineInfo> {
    medicine_info(&name)
}

/// What `regimen add` says about a medicine or supplement added without a time when it changes
/// when iron can be taken (thyroxine, a bisphosphonate, an antibiotic, a mineral): no iron window
/// is planned until its time is known, so the hint asks for it (SPEC §2.2). `None` otherwise.
pub fn iron_time_hint(input: &super::records::RegimenInput) -> Option<String> {
    let medicine = matches!(
        input.kind,
        crate::model::RegimenKind::Medication | crate::model::RegimenKind::Supplement
    );
    (medicine
        && input.times.iter().all(|t| t.trim().is_empty())
        && (crate::rules::interactions::medicine_substance(&input.name).is_some()
            || crate::rules::interactions::binder_substance_named(&input.name).is_some()))
    .then(|| crate::rules::iron::ask_time(input.name.trim()))
}

/// The RLS screener: consistent with RLS, or which criterion is missing. Never a diagnosis.
#[uniffi::export]
pub fn screen_rls(answers: ScreenAnswers) -> ScreenResult {
    screener::screen(&answers)
}

/// The screener's questions, in order.
#[uniffi::export]
pub fn screen_questions() -> Vec<String> {
    screener::QUESTIONS
        .iter()
        .map(|q| (*q).to_owned())
        .collect()
}

/// The rules' answers behind a status screen and the report.
pub(crate) struct StatusParts {
    pub today: NaiveDate,
    pub weekly: WeeklyIrlsView,
    /// Every rating the weekly trend keeps, oldest week first (the report lists them all).
    pub weekly_kept: Vec<weekly_irls::WeeklyIrls>,
    /// The active regimen (the report's medicine list).
    pub regimen: Vec<crate::model::RegimenItem>,
    pub labs: Vec<crate::model::Lab>,
    pub iron: IronStatus,
    pub augmentation: AugmentationScreen,
    pub flags: Vec<DoctorFlag>,
    pub insights: crate::rules::insights::Insights,
}

impl QuietLegs {
    /// What [`QuietLegs::status`] and the report show for `date` (default today). A date after
    /// today (the profile's time zone) is refused naming `date`: the status reads what has been
    /// logged, and a day not yet lived has nothing.
    pub(crate) fn status_parts(&self, date: Option<String>) -> ApiResult<StatusParts> {
        let store = self.store()?;
        let profile = Self::profile_model(&store)?.1;
        let tz = profile.time_zone;
        // The augmentation screen looks back over completed nights: its "today" is the date of
        // the night that has ended (before the wake time, yesterday), so the night still in
        // progress at 02:00 is not counted (issue #15). A date asked for is that day.
        let (today, nights_ended_by) = match date {
            Some(d) => {
                let d = crate::model::time::parse_date("date", &d)?;
                let local_today = self.now().with_timezone(&tz).date_naive();
                if d > local_today {
                    return Err(crate::error::Error::invalid(
                        "date",
                        format!(
                            "{d} is after today ({local_today}): the status shows what has been logged; give today or an earlier day"
                        ),
                    )
                    .into());
                }
                (d, d)
            }
            None => {
                let now = self.now();
                (
                    now.with_timezone(&tz).date_naive(),
                    crate::rules::day::waking_date(&profile, now),
                )
            }
        };
        // 30 days of doses for adherence, a little more for the edges of the waking days.
        let mut snap = Snapshot::load_with(
            &store,
            profile,
            today - Duration::days(45),
            today,
            Labs::Load,
        )?;
        snap.read_oral_iron_doses(&store, today)?;
        let split = snap.take_weekly_split();
        let weekly = weekly_view(&split, today);
        let diary = snap.diary();
        // Only the nights the rules look at: the trigger window, and the 28 days before and
        // after a dopaminergic drug started (the augmentation baselines), however long ago.
        let mut ranges = vec![(
            today - Duration::days(TRIGGER_WINDOW_DAYS.value as i64),
            today,
        )];
        for start in dopaminergic_starts(&diary, nights_ended_by) {
            ranges.push((
                start - Duration::days(AUGMENTATION_BASELINE_WINDOW_DAYS.value as i64),
                start + Duration::days(AUGMENTATION_RESPONSE_WINDOW_DAYS.value as i64),
            ));
        }
        ranges.sort();
        let mut nights = Vec::new();
        let mut loaded_to: Option<NaiveDate> = None;
        for (from, to) in ranges {
            let from = match loaded_to {
                Some(t) if t >= from => t + Duration::days(1),
                _ => from,
            };
            if from <= to {
                nights.extend(store::nights(store.conn(), from, to)?);
                loaded_to = Some(loaded_to.map_or(to, |t| t.max(to)));
            }
        }
        let iron = iron_status(&diary, today);
        let augmentation = augmentation_screen(&diary, &nights, nights_ended_by);
        let flags = doctor_flags(&diary, &nights, &iron, &augmentation, today);
        let insights = insights(&diary, &nights, today);
        Ok(StatusParts {
            today,
            weekly,
            weekly_kept: split.0,
            regimen: diary
                .regimen
                .iter()
                .filter(|r| crate::rules::regimen::active_on(r, today))
                .cloned()
                .collect(),
            labs: diary.labs.to_vec(),
            iron,
            augmentation,
            flags,
            insights,
        })
    }
}

#[uniffi::export]
impl QuietLegs {
    /// Iron status, doctor flags, augmentation screen and insights for a date (`YYYY-MM-DD`,
    /// default today). Errors: `InvalidInput` (`date`) for a date that is not a day of the
    /// calendar, or after today (the profile's time zone): the status reads what has been
    /// logged.
    pub fn status(&self, date: Option<String>) -> ApiResult<StatusReport> {
        let p = self.status_parts(date)?;
        Ok(StatusReport {
            date: p.today.to_string(),
            augmentation: augmentation_view(&p.augmentation),
            iron: iron_view(p.iron),
            flags: p.flags,
            trends: p.insights.trends,
            triggers: p.insights.triggers,
            adherence: p.insights.adherence,
            weekly_irls: Some(p.weekly),
        })
    }

    /// The whole weekly IRLS trend, oldest week first: every rating `status().weekly_irls`
    /// counts in `ratings_total` (it carries only the latest 12), in the same words. For the
    /// screens that list every rated week (Log, Report); overlapping ratings a sync joined are
    /// in `status().weekly_irls.set_aside`. Reads each rating's week and items from the kind
    /// index, whole rows only where ratings can clash. Errors: as `status` (a diary that cannot
    /// be read).
    pub fn weekly_irls_history(&self) -> ApiResult<Vec<WeeklyIrlsPoint>> {
        let store = self.store()?;
        let (kept, _) = super::snapshot::whole_weekly(&store)?;
        Ok(weekly_points(&kept))
    }

    /// Records the weekly IRLS: ten item scores 0-4 rating the 7 days up to `week_ending`
    /// (`YYYY-MM-DD`, default today). One rating per ISO week on a device: rating the same
    /// week again on this device replaces its rating. A rating whose 7 days overlap another
    /// week's rating made on this device (week ending 2026-11-20 and 2026-11-23) is refused;
    /// nothing is written. A rating another device made (joined by a sync) is never rewritten
    /// unless it rated the same 7 days: a new rating of other days is a new record, and the
    /// overlap rules decide what the trend reads (`set_aside`).
    ///
    /// Two devices (SPEC §2.7, §4): a merge never refuses and never lets one device's rating
    /// replace another's unless both rated the same 7 days (the same week-ending date: the
    /// newer answer wins, as for any edit). A new rating's record id comes from its
    /// week-ending date; ratings stored by older versions keep their ISO-week ids. When a sync
    /// joins overlapping ratings (ending Wednesday 11th on one device, Sunday 15th on the
    /// other), all are kept and exported: the trend (`weekly_irls_history`, and the latest of
    /// it in `status().weekly_irls.ratings`) shows the latest answer, `set_aside` lists the others, and the severe-total and mood-item flags
    /// read every rating that overlaps the latest one.
    /// Errors: `InvalidInput` naming "IRLS items" or "week ending" (in the future, or
    /// overlapping another rating).
    pub fn log_weekly_irls(
        &self,
        items: Vec<u8>,
        week_ending: Option<String>,
    ) -> ApiResult<EventEntry> {
        let scores = IrlsScores::new(&items)?;
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let tz = Self::profile_model(&store)?.1.time_zone;
        let today = now.with_timezone(&tz).date_naive();
        let week_ending = match week_ending {
            Some(d) => crate::model::time::parse_date("week ending", &d)?,
            None => today,
        };
        if week_ending > today {
            return Err(
                Error::invalid("week ending", format!("{week_ending} is in the future")).into(),
            );
        }
        let saved = store.write(|tx| {
            let stored = store::events_of_kinds(tx, &["weekly_irls"])?;
            // Rating the same week again edits its record (whatever id it was given); a new
            // rating's id comes from its week-ending date (SPEC §2.7: see
            // `weekly_irls::new_record_id`).
            let editing = weekly_irls::record_to_edit(&stored, week_ending, &device);
            let id = editing.map_or_else(|| weekly_irls::new_record_id(week_ending), |e| e.meta.id);
            // One rating per 7 days (SPEC §2.7): a window that shares a day with another
            // rating's is refused; rating the same ISO week again edits that week's record.
            // Editing a rating that a sync already joined with overlapping ones (kept, see
            // below) is not refused for that old overlap: only a new overlap is.
            // A rating another device made is never refused against either: a sync joined
            // it, and the overlap rules (`set_aside`) decide what the trend reads.
            let was = editing.and_then(weekly_irls::stored_week);
            let others: Vec<Event> = stored
                .iter()
                .filter(|e| e.meta.device_id == device)
                .filter(|e| {
                    !was.is_some_and(|w| {
                        weekly_irls::stored_week(e).is_some_and(|d| weekly_irls::clash(d, w))
                    })
                })
                .cloned()
                .collect();
            if let Some(other) = weekly_irls::overlapping(&others, id, week_ending) {
                return Err(Error::invalid(
                    "week ending",
                    format!(
                        "the 7 days up to {week_ending} overlap the weekly IRLS for the week ending {other}: rate a week ending {} or later, or rate the week ending {other} again",
                        other + Duration::days(IRLS_PERIOD_DAYS.value as i64)
                    ),
                ));
            }
            let meta = match editing {
                Some(e) => e.meta.touched(now, &device),
                None => RecordMeta {
                    id,
                    ..RecordMeta::new(now, &device)
                },
            };
            let saved = Event {
                meta,
                at: now,
                kind: EventKind::WeeklyIrls {
                    week_ending: week_ending.to_string(),
                    items: scores.items().to_vec(),
                },
                note: None,
                warnings: Vec::new(),
            };
            crate::model::validate::event(&saved, now)?;
            store::put_event(tx, &saved)?;
            Ok(saved)
        })?;
        Ok(EventEntry::new(&saved, tz))
    }

    /// The IV iron formulations with their RLS evidence (AASM-2025), for the infusion form.
    pub fn iv_iron_formulations(&self) -> Vec<IvIronChoice> {
        IvIronFormulation::ALL
            .map(|value| IvIronChoice {
                value,
                label: value.label().to_owned(),
            })
            .to_vec()
    }
}
