//! Iron status from the lab history (SPEC §2.1, AASM-2025 and IRLSSG-2018): which band the
//! latest ferritin and TSAT fall in, what to discuss, the numbers used, why, and the source.
//! There is no "target band": ferritin ≤ 75 ng/mL or TSAT < 20 % means iron is indicated,
//! 75-100 means only IV iron may help, above 100 (with TSAT ≥ 20 %) iron is not indicated.
//! Unknown TSAT never blocks the ferritin rules; the answer then asks for it. The app never
//! doses and never tells anyone to stop a medicine: at a ceiling it says "hold iron until you
//! have spoken to your doctor".

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::groups::{self, latest_lab, KidneyStage};
use super::regimen::{dose_day, iron_item};
use super::Diary;
use crate::evidence::{self as ev, Evidence, Source};
use crate::model::{Analyte, EventKind, IvIronFormulation, Lab, RegimenItem};

/// What the latest iron labs mean for iron (SPEC §2.1); never a dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IronAdvice {
    /// No ferritin on file: ask for ferritin and TSAT.
    CheckFerritin,
    /// Iron indicated (ferritin ≤ 75 ng/mL or TSAT < 20 %): discuss oral or IV iron with the
    /// doctor.
    Supplement,
    /// On oral iron and iron is still indicated: recheck on time.
    KeepGoing,
    /// No longer produced (there is no target band); kept so that older callers still match.
    AtTarget,
    /// IV iron worth discussing: oral iron not working, malabsorption, or dialysis criteria.
    DiscussIv,
    /// A ceiling reached (TSAT ≥ 45 % or ferritin > 300 ng/mL): hold iron until you have spoken
    /// to your doctor.
    StopAndSeeDoctor,
    /// 75 < ferritin ≤ 100 ng/mL: oral iron is not indicated; only IV iron may help.
    IvOnly,
    /// Ferritin > 100 ng/mL and TSAT ≥ 20 %: iron is not indicated.
    NotIndicated,
    /// Under 18, haemochromatosis, thalassaemia or regular transfusions: no iron advice from the
    /// app; ask the doctor.
    AskDoctorFirst,
    /// Results drawn in the weeks after an IV infusion read high: judge them at the recheck.
    RecheckAfterInfusion,
}

/// A reason with the rule and source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct Reason {
    /// The finding in words, with the value it rests on.
    pub text: String,
    /// The evidence-table row it was compared with (its key, e.g. `TSAT_CEILING`).
    pub rule: String,
    /// Where the rule comes from.
    pub source: Source,
    /// That source as a citation.
    pub citation: String,
}

fn reason(text: String, e: Evidence) -> Reason {
    Reason {
        text,
        rule: e.key.to_owned(),
        source: e.source,
        citation: e.source.citation().to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FerritinTrend {
    /// Every ferritin result (date, ng/mL), oldest first: the history the chart draws.
    pub points: Vec<(NaiveDate, f64)>,
    /// Least-squares slope, ng/mL per 30 days, over the results after the latest IV infusion
    /// (all results when there was none): results from before an infusion are another
    /// baseline (SPEC §2.1, IRLSSG-2018).
    pub slope_per_30_days: Option<f64>,
    /// How many results the slope uses.
    pub slope_results: usize,
    /// The latest IV infusion the slope starts after, if any.
    pub since_infusion: Option<NaiveDate>,
    /// No longer produced: SPEC §2.1 gives no projection, and a date by which ferritin "would
    /// pass 75" read as a promise. Always `None`; kept so that older callers still compile.
    pub projected_target_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IronStatus {
    pub advice: IronAdvice,
    pub headline: String,
    pub ferritin: Option<(NaiveDate, f64)>,
    pub tsat: Option<(NaiveDate, f64)>,
    /// Latest haemoglobin, g/dL.
    pub haemoglobin: Option<(NaiveDate, f64)>,
    /// On oral iron (an active iron regimen item).
    pub supplementing: bool,
    pub reasons: Vec<Reason>,
    pub notes: Vec<String>,
    pub trend: FerritinTrend,
    /// How to prepare for the next blood draw (AASM-2025 good-practice statement).
    pub draw_preparation: String,
    /// The latest IV iron infusion on or before today.
    pub last_infusion: Option<(NaiveDate, IvIronFormulation)>,
    /// When ferritin and TSAT are next due, if a recheck is due at all.
    pub recheck_due: Option<NaiveDate>,
    /// The thresholds the verdict was judged against, in one line ([`thresholds_line`]).
    pub thresholds: String,
}

/// How to have iron studies drawn (SPEC §2.1, AASM-2025 good-practice statement).
pub fn draw_preparation() -> String {
    format!(
        "Have ferritin and TSAT drawn together in the morning, at least {:.0} h after your last iron supplement or iron-containing food: a sample drawn sooner can read high.",
        ev::IRON_DRAW_NO_IRON_HOURS.value
    )
}

/// The IV iron formulations with RLS evidence, in one line (SPEC §2.1, AASM-2025). Each
/// label carries its evidence in parentheses, so the line never wraps them in more. On
/// dialysis the guideline's suggestion is iron sucrose alone, so only it is named.
pub fn iv_formulations_note(dialysis: bool) -> String {
    if dialysis {
        return format!(
            "On dialysis, IV iron with RLS evidence: {}.",
            IvIronFormulation::IronSucrose.label()
        );
    }
    format!(
        "IV iron with RLS evidence: {}; {}; {}.",
        IvIronFormulation::FerricCarboxymaltose.label(),
        IvIronFormulation::Ferumoxytol.label(),
        IvIronFormulation::LmwIronDextran.label()
    )
}

/// The thresholds a verdict is judged against, in one line for a status screen: on dialysis
/// the IV iron sucrose rule (ferritin under 200 ng/mL with TSAT under 20 %), else the AASM-2025
/// bands (75 and 100 ng/mL, TSAT 20 %). All numbers from the evidence table.
pub fn thresholds_line(dialysis: bool) -> String {
    if dialysis {
        return format!(
            "on dialysis, IV iron sucrose is suggested at ferritin under {:.0} ng/mL with TSAT under {:.0} %",
            ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW.value,
            ev::DIALYSIS_IRON_SUCROSE_TSAT_BELOW.value
        );
    }
    format!(
        "ferritin {:.0} ng/mL or below (or TSAT under {:.0} %): iron indicated; {:.0}-{:.0}: only IV iron may help; above {:.0}: not indicated",
        ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        ev::TSAT_SUPPLEMENT_BELOW.value,
        ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        ev::FERRITIN_IV_DISCUSS_BELOW.value,
        ev::FERRITIN_IV_DISCUSS_BELOW.value
    )
}

/// The thresholds line while IV iron is not suggested in pregnancy (1st trimester, or the
/// trimester unknown): the bands without "only IV iron may help" (SPEC §2.1, §2.3).
pub fn thresholds_line_no_iv() -> String {
    format!(
        "ferritin {:.0} ng/mL or below (or TSAT under {:.0} %): iron indicated; {:.0}-{:.0}: oral iron not indicated (IV iron only from the 2nd trimester); above {:.0}: not indicated",
        ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        ev::TSAT_SUPPLEMENT_BELOW.value,
        ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        ev::FERRITIN_IV_DISCUSS_BELOW.value,
        ev::FERRITIN_IV_DISCUSS_BELOW.value
    )
}

/// The dialysis answer while IV iron is not suggested in pregnancy (SPEC §2.1, §2.3).
const OBSTETRIC_AND_KIDNEY_TEAMS: &str = "On dialysis and pregnant: ask your obstetric and kidney teams about iron for RLS; IV iron is considered only in the 2nd or 3rd trimester.";

/// What to say when TSAT is not on file (SPEC §2.1, AASM-2025).
pub const TSAT_UNKNOWN: &str = "TSAT (transferrin saturation) is not on file: ask for it with your next ferritin. Until then the ferritin rules apply, but ferritin alone can read falsely reassuring with inflammation or a recent infection.";

/// Ferritin results after `after` (the latest IV infusion; strictly after its date, as a
/// sample drawn that day is taken before the infusion), oldest first; all when `None`.
fn ferritin_after(labs: &[Lab], after: Option<NaiveDate>) -> Vec<(NaiveDate, f64)> {
    let mut points: Vec<(NaiveDate, f64)> = labs
        .iter()
        .filter(|l| l.analyte == Analyte::Ferritin)
        .filter(|l| after.is_none_or(|on| l.taken_on > on))
        .map(|l| (l.taken_on, l.value.canonical))
        .collect();
    points.sort_by_key(|p| p.0);
    points
}

/// The ferritin series and its slope over the results drawn from the recheck date of the latest
/// IV infusion `infusion` on (`IV_IRON_RECHECK_DAYS` after it: earlier results read high and are
/// not judged), all results without one. No projection: SPEC §2.1 gives none.
pub fn ferritin_trend(labs: &[Lab], infusion: Option<NaiveDate>) -> FerritinTrend {
    let settled = infusion
        .map(|on| on + Duration::days(ev::IV_IRON_RECHECK_DAYS.value as i64) - Duration::days(1));
    let used = ferritin_after(labs, settled);
    FerritinTrend {
        points: ferritin_after(labs, None),
        slope_per_30_days: slope_per_day(&used).map(|s| s * 30.0),
        slope_results: used.len(),
        since_infusion: infusion,
        projected_target_date: None,
    }
}

/// The least-squares slope (per day) of dated values, oldest first; `None` for fewer than two
/// results or all on one day.
fn slope_per_day(points: &[(NaiveDate, f64)]) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if points.len() < 2 || first.0 == last.0 {
        return None;
    }
    let xs: Vec<f64> = points
        .iter()
        .map(|p| (p.0 - first.0).num_days() as f64)
        .collect();
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    let sxy: f64 = xs
        .iter()
        .zip(points)
        .map(|(x, p)| (x - mx) * (p.1 - my))
        .sum();
    Some(if sxx > 0.0 { sxy / sxx } else { 0.0 })
}

/// The latest IV infusion on or before `today` (local date in the profile's zone).
pub fn last_infusion(
    diary: &Diary<'_>,
    today: NaiveDate,
) -> Option<(NaiveDate, IvIronFormulation)> {
    let tz = diary.profile.time_zone;
    diary
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::IvIron { formulation } => {
                Some((e.at.with_timezone(&tz).date_naive(), formulation))
            }
            _ => None,
        })
        .filter(|(d, _)| *d <= today)
        .max_by_key(|(d, _)| *d)
}

/// When ferritin and TSAT are next due: 12 weeks after an IV infusion until a result from then
/// on is on file; otherwise, while on oral iron, 3 months after the last ferritin (or after
/// starting, with none since).
pub fn recheck_due(diary: &Diary<'_>, today: NaiveDate) -> Option<NaiveDate> {
    let last_ferritin = diary
        .labs
        .iter()
        .filter(|l| l.analyte == Analyte::Ferritin)
        .map(|l| l.taken_on)
        .max();
    if let Some((on, _)) = last_infusion(diary, today) {
        let due = on + Duration::days(ev::IV_IRON_RECHECK_DAYS.value as i64);
        if last_ferritin.is_none_or(|f| f < due) {
            return Some(due);
        }
    }
    let item = iron_item(diary, today)?;
    let from = last_ferritin.map_or(item.start_date, |f| f.max(item.start_date));
    from.checked_add_signed(Duration::days(ev::FERRITIN_RECHECK_DAYS.value as i64))
}

/// The oral-iron verdict (SPEC §2.1, IRLSSG-2018): after at least 12 weeks of oral iron,
/// ferritin still ≤ 75 ng/mL, compared with a real pre-start value. `Err` carries the note to
/// show when no pre-start value exists (no verdict then).
/// Only results after the latest IV infusion `infusion` count: one from before it is another
/// baseline, never the pre-start value.
/// `logged`: the local dates with a logged dose of the iron item (SPEC §2.1: only logged oral
/// iron counts): the verdict needs doses on at least [`ev::ORAL_IRON_LOGGED_DOSE_SHARE`] of
/// the dose days up to the ferritin judged, the first at least 12 weeks before it.
/// The ferritin (date, ng/mL) the oral-iron verdict judges, if it judges one: at least 12 weeks
/// (`ORAL_IRON_TRIAL_MIN_DAYS`) after the item started, the latest such result since the last
/// infusion, and at or below `FERRITIN_ORAL_FAILURE_AT_OR_BELOW`. `None`: no verdict, and no
/// logged dose is read.
fn judged_ferritin(
    labs: &[Lab],
    item: &RegimenItem,
    today: NaiveDate,
    infusion: Option<NaiveDate>,
) -> Option<(NaiveDate, f64)> {
    let started = item.start_date;
    let trial = ev::ORAL_IRON_TRIAL_MIN_DAYS.value as i64;
    if (today - started).num_days() < trial {
        return None;
    }
    ferritin_after(labs, infusion)
        .into_iter()
        .rev()
        .find(|p| (p.0 - started).num_days() >= trial)
        .filter(|p| p.1 <= ev::FERRITIN_ORAL_FAILURE_AT_OR_BELOW.value)
}

/// The logged doses [`iron_status`] can read for its oral-iron verdict (SPEC §2.1): the active
/// oral-iron item's id and the local dates, first and last inclusive, from the item's start to
/// the ferritin judged. `None` when no verdict is reached (no active iron item, the item
/// started before the last infusion, under 12 weeks, or no ferritin at or below the failure
/// line): then no dose beyond the days around `today` is read. Every other rule reads doses
/// only in the days around the dates asked about.
pub fn oral_iron_doses_read(
    diary: &Diary<'_>,
    today: NaiveDate,
) -> Option<(String, NaiveDate, NaiveDate)> {
    let item = iron_item(diary, today)?;
    let infusion = last_infusion(diary, today).map(|(on, _)| on);
    if infusion.is_some_and(|on| on >= item.start_date) {
        return None;
    }
    let (judged_on, _) = judged_ferritin(diary.labs, item, today, infusion)?;
    Some((item.meta.id.to_string(), item.start_date, judged_on))
}

fn oral_iron_failed(
    labs: &[Lab],
    item: &RegimenItem,
    logged: &[NaiveDate],
    today: NaiveDate,
    infusion: Option<NaiveDate>,
) -> Result<Option<String>, String> {
    let started = item.start_date;
    let trial = ev::ORAL_IRON_TRIAL_MIN_DAYS.value as i64;
    let Some(after) = judged_ferritin(labs, item, today, infusion) else {
        return Ok(None);
    };
    let ferritin = ferritin_after(labs, infusion);
    let dose_days = started
        .iter_days()
        .take_while(|d| *d <= after.0)
        .filter(|d| dose_day(item, *d))
        .count();
    let taken = logged
        .iter()
        .filter(|d| started <= **d && **d <= after.0 && dose_day(item, **d))
        .count();
    let first_long_enough = logged
        .iter()
        .filter(|d| started <= **d)
        .min()
        .is_some_and(|first| (after.0 - *first).num_days() >= trial);
    if !first_long_enough
        || (taken as f64) < ev::ORAL_IRON_LOGGED_DOSE_SHARE.value * dose_days as f64
    {
        return Err(format!(
            "Whether oral iron is working cannot be judged from the diary: doses were logged on {taken} of its {dose_days} dose days from {started} to the ferritin of {:.0} ng/mL on {}, and it is judged only after at least 12 weeks of logged doses. Log each dose you take; bring the ferritin results to your doctor.",
            after.1, after.0
        ));
    }
    let Some(before) = ferritin.iter().rev().find(|p| p.0 <= started) else {
        let since = infusion
            .map(|on| format!(" (and after the IV iron on {on})"))
            .unwrap_or_default();
        return Err(format!(
            "No ferritin from before you started oral iron on {started}{since} is on file, so whether it is working cannot be judged: ferritin is {:.0} ng/mL on {}. Bring both to your doctor.",
            after.1, after.0
        ));
    };
    Ok(Some(format!(
        "ferritin {:.0} ng/mL on {} after {} days of oral iron, from {:.0} ng/mL on {} before starting: still at or below {:.0} ng/mL",
        after.1,
        after.0,
        (after.0 - started).num_days(),
        before.1,
        before.0,
        ev::FERRITIN_ORAL_FAILURE_AT_OR_BELOW.value
    )))
}

/// Said where the plan would schedule oral iron but the iron status is a hold or gives no iron
/// advice (SPEC §2.1, §2.3).
pub const IRON_HELD: &str = "Iron held — talk to your doctor before the next dose";

/// Why the day's iron dose is not scheduled, if it is not: the iron status is a hold (TSAT or
/// ferritin at the safety ceiling) or a group the app gives no iron advice to (under 18,
/// haemochromatosis, thalassaemia, regular transfusions). The text never tells anyone to stop a
/// medicine: the app only stops reminding until they have spoken to their doctor.
pub fn iron_hold(diary: &Diary<'_>, today: NaiveDate) -> Option<String> {
    let st = iron_status(diary, today);
    // A group the app gives no iron advice to is not told to hold iron (that would be advice):
    // only a safety ceiling holds it (SPEC §2.1).
    if !(st.advice == IronAdvice::StopAndSeeDoctor || ceiling_reached(&st)) {
        return None;
    }
    let why: Vec<String> = st
        .reasons
        .iter()
        .map(|r| format!("{} ({})", r.text, r.citation))
        .collect();
    Some(format!(
        "{IRON_HELD}. {} The app will not remind you about iron until you have spoken to your doctor. Because: {}.",
        st.headline,
        why.join("; ")
    ))
}

/// Whether a reason of this status is a safety ceiling (TSAT or ferritin).
fn ceiling_reached(st: &IronStatus) -> bool {
    st.reasons
        .iter()
        .any(|r| r.rule == ev::TSAT_CEILING.key || r.rule == ev::FERRITIN_CEILING.key)
}

/// Said instead of an iron window to a group the app gives no iron advice to (under 18,
/// haemochromatosis, thalassaemia, regular transfusions; SPEC §2.1): no timing advice and no
/// hold. Iron the doctor prescribed stays the person's own schedule.
pub const NO_IRON_ADVICE_WINDOW: &str = "No iron timing advice here: ask your doctor (or your child's doctor) about iron and RLS, and when to take the iron they prescribed.";

/// [`NO_IRON_ADVICE_WINDOW`] for an adult, or when the age is not known: "your child's doctor"
/// is said only under 18 ([`ev::ADULT_AGE_YEARS`]).
pub const NO_IRON_ADVICE_WINDOW_ADULT: &str = "No iron timing advice here: ask your doctor about iron and RLS, and when to take the iron they prescribed.";

/// Why the plan gives no iron window, if the iron status gives no iron advice and no ceiling is
/// reached (SPEC §2.1).
pub fn no_iron_advice(diary: &Diary<'_>, today: NaiveDate) -> Option<String> {
    let st = iron_status(diary, today);
    (st.advice == IronAdvice::AskDoctorFirst && !ceiling_reached(&st)).then(|| {
        let why: Vec<String> = st
            .reasons
            .iter()
            .map(|r| format!("{} ({})", r.text, r.citation))
            .collect();
        let minor = groups::age_on(diary.profile, today)
            .is_some_and(|a| f64::from(a) < ev::ADULT_AGE_YEARS.value);
        let said = if minor {
            NO_IRON_ADVICE_WINDOW
        } else {
            NO_IRON_ADVICE_WINDOW_ADULT
        };
        format!("{said} Because: {}.", why.join("; "))
    })
}

const ORAL_IRON_IN_REGIMEN: &str =
    "Oral iron is in your regimen: ask your doctor whether it is still needed at these levels.";

/// A lab value as a sentence shows it: whole, unless rounding would put it on the other side of
/// an iron threshold the sentence compares it with (TSAT 19.9 % is not "20 %, below 20 %").
pub fn shown(v: f64) -> String {
    let thresholds = [
        ev::TSAT_SUPPLEMENT_BELOW.value,
        ev::TSAT_CEILING.value,
        ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        ev::FERRITIN_IV_DISCUSS_BELOW.value,
        ev::FERRITIN_CEILING.value,
        ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW.value,
        ev::DIALYSIS_IRON_SUCROSE_TSAT_BELOW.value,
    ];
    for places in 0..3 {
        let text = format!("{v:.places$}");
        let crosses = text.parse::<f64>().is_ok_and(|r| {
            thresholds
                .iter()
                .any(|th| r.partial_cmp(th) != v.partial_cmp(th))
        });
        if !crosses {
            return text;
        }
    }
    v.to_string()
}

/// The iron-status answer for `today`.
pub fn iron_status(diary: &Diary<'_>, today: NaiveDate) -> IronStatus {
    let p = diary.profile;
    let labs = diary.labs;
    let ferritin = latest_lab(labs, Analyte::Ferritin);
    let item = iron_item(diary, today);
    let infusion = last_infusion(diary, today);
    // A TSAT drawn in the weeks after an IV infusion reads high like ferritin. Once a ferritin
    // from the recheck on is on file, such a TSAT is not used to judge it (nor the ceiling).
    let settling = |d: NaiveDate| {
        infusion.is_some_and(|(on, _)| {
            d > on && d < on + Duration::days(ev::IV_IRON_RECHECK_DAYS.value as i64)
        })
    };
    let latest_tsat = latest_lab(labs, Analyte::Tsat);
    let unsettled_tsat = latest_tsat.filter(|(td, _)| {
        settling(*td) && ferritin.is_some_and(|(fd, _)| !settling(fd) && fd > *td)
    });
    let tsat = if unsettled_tsat.is_some() {
        None
    } else {
        latest_tsat
    };
    // Shown values: never rounded across the threshold they are compared with.
    let tn = tsat.map(|(_, t)| shown(t)).unwrap_or_default();
    let fnum = ferritin.map(|(_, f)| shown(f)).unwrap_or_default();
    let kidney = groups::kidney(p, labs);
    let dialysis = kidney.stage == KidneyStage::Dialysis;
    let pregnant = groups::pregnant_on(p, today);
    let mut reasons = Vec::new();
    let mut notes = Vec::new();
    if let Some((td, t)) = unsettled_tsat {
        notes.push(format!(
            "TSAT {} % on {td} was drawn in the weeks after the IV iron, when it reads high, so it is not used with the later ferritin: ask for TSAT with your next ferritin. Until then the ferritin rules apply.",
            shown(t)
        ));
    } else if tsat.is_none() {
        notes.push(TSAT_UNKNOWN.to_owned());
    }
    // Each is judged as it was drawn (the reasons give both dates), but a TSAT from another
    // day says less about this ferritin: the draw advice asks for both together.
    if let (Some((fd, _)), Some((td, _))) = (ferritin, tsat) {
        if fd != td {
            notes.push(format!(
                "Ferritin ({fd}) and TSAT ({td}) were not drawn together: the advice reads each as it was, but ask for both from one morning draw next time."
            ));
        }
    }
    // A haemoglobin between the cut-off used and the one a missing profile fact (sex, due
    // date) could make apply: said, not flagged (WHO 2024, groups::haemoglobin_cutoff).
    if let Some(n) = latest_lab(labs, Analyte::Haemoglobin)
        .and_then(|hb| groups::haemoglobin_unclear_note(p, today, hb))
    {
        notes.push(n);
    }
    if let Some((fd, _)) = ferritin
        .filter(|(fd, _)| (today - *fd).num_days() > ev::IRON_LABS_OUT_OF_DATE_DAYS.value as i64)
    {
        notes.push(format!(
            "Out of date — ask for fresh ferritin and TSAT: the latest ferritin is from {fd}, over {:.0} days ago, and the advice here is based on it.",
            ev::IRON_LABS_OUT_OF_DATE_DAYS.value
        ));
    }
    if let Some((on, f)) = infusion {
        // One level of parentheses: the formulation's name only (its evidence is in its label).
        notes.push(format!(
            "IV iron ({}) on {on}: recheck ferritin and TSAT around {}, about {:.0} weeks later; ferritin reads high for weeks after an infusion.",
            f.name(),
            on + Duration::days(ev::IV_IRON_RECHECK_DAYS.value as i64),
            ev::IV_IRON_RECHECK_DAYS.value / 7.0
        ));
    }
    // In the 1st trimester IV iron is not considered (IRLSSG pregnancy guidance), nor is it
    // suggested while the trimester is unknown (no due date): no list of IV formulations and
    // no IV headline then; "ask your obstetric team" instead. The trimester is the one the
    // haemoglobin cut-off uses.
    let first_trimester = pregnant
        && p.due_date
            .is_some_and(|due| today <= due && groups::trimester(due, today) == 1);
    let no_iv = groups::no_iv_iron_in_pregnancy(p, today);
    let out = |advice, headline: String, reasons: Vec<Reason>, notes: Vec<String>| IronStatus {
        advice,
        headline,
        notes: if no_iv {
            notes
                .into_iter()
                .filter(|n| *n != iv_formulations_note(false) && *n != iv_formulations_note(true))
                .collect()
        } else {
            notes
        },
        ferritin,
        tsat,
        haemoglobin: latest_lab(labs, Analyte::Haemoglobin),
        supplementing: item.is_some(),
        reasons,
        trend: ferritin_trend(labs, infusion.map(|(on, _)| on)),
        draw_preparation: draw_preparation(),
        last_infusion: infusion,
        recheck_due: recheck_due(diary, today),
        thresholds: if no_iv {
            thresholds_line_no_iv()
        } else {
            thresholds_line(dialysis)
        },
    };

    if let Some(why) = groups::iron_needs_doctor(p, today) {
        reasons.push(reason(why, groups::iron_needs_doctor_evidence(p)));
        // No iron advice is not silence about a safety ceiling (SPEC §2.1): the hold stands.
        let mut held = false;
        if let Some((d, _)) = tsat.filter(|(_, t)| *t >= ev::TSAT_CEILING.value) {
            reasons.push(reason(
                format!(
                    "TSAT {tn} % on {d} is at or above {:.0} %",
                    ev::TSAT_CEILING.value
                ),
                ev::TSAT_CEILING,
            ));
            held = true;
        }
        if let Some((d, _)) = ferritin.filter(|(_, f)| *f > ev::FERRITIN_CEILING.value) {
            reasons.push(reason(
                format!(
                    "ferritin {fnum} ng/mL on {d} is above {:.0} ng/mL",
                    ev::FERRITIN_CEILING.value
                ),
                ev::FERRITIN_CEILING,
            ));
            held = true;
        }
        // The ferritin/TSAT rules do not apply here, so neither do their notes.
        notes.retain(|n| n != TSAT_UNKNOWN);
        let headline = if held {
            "The app gives no iron advice here, but a safety ceiling is reached: hold iron until you have spoken to your doctor."
        } else {
            "The app gives no iron advice here: ask your doctor about iron and RLS."
        };
        // No iron advice means no adult recheck date either (SPEC §2.1).
        let mut st = out(IronAdvice::AskDoctorFirst, headline.into(), reasons, notes);
        st.recheck_due = None;
        return st;
    }
    let Some((fd, f)) = ferritin else {
        reasons.push(reason(
            "no ferritin result on file".into(),
            ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW,
        ));
        return out(
            IronAdvice::CheckFerritin,
            "Ask your doctor for ferritin and TSAT: iron status guides RLS care.".into(),
            reasons,
            notes,
        );
    };
    if let Some((on, _)) = infusion {
        let settled = on + Duration::days(ev::IV_IRON_RECHECK_DAYS.value as i64);
        // Oral iron still in the regimen on top of a ferritin above the ceiling: the safety
        // ceiling stands even soon after an infusion (SPEC §2.1), though the value itself is not
        // judged as a trend until the recheck.
        if fd < settled && item.is_some() && f > ev::FERRITIN_CEILING.value {
            reasons.push(reason(
                format!(
                    "ferritin {fnum} ng/mL on {fd} is above {:.0} ng/mL, with oral iron still in your regimen after the IV iron on {on}",
                    ev::FERRITIN_CEILING.value
                ),
                ev::FERRITIN_CEILING,
            ));
            notes.push(format!("Ferritin reads high for weeks after an IV infusion, so this value is not judged as a trend until ferritin and TSAT drawn from {settled} on."));
            notes.push(ORAL_IRON_IN_REGIMEN.to_owned());
            return out(
                IronAdvice::StopAndSeeDoctor,
                "Hold iron until you have spoken to your doctor: ferritin is above the safety ceiling and oral iron is still in your regimen after IV iron.".into(),
                reasons,
                notes,
            );
        }
        if fd < settled {
            reasons.push(reason(
                format!("the latest ferritin, {fnum} ng/mL on {fd}, is from before {settled}, {:.0} weeks after the IV iron on {on}", ev::IV_IRON_RECHECK_DAYS.value / 7.0),
                ev::IV_IRON_RECHECK_DAYS,
            ));
            return out(
                IronAdvice::RecheckAfterInfusion,
                format!("After IV iron on {on}, iron is judged by ferritin and TSAT drawn from {settled} on."),
                reasons,
                notes,
            );
        }
    }
    // Both ceilings are reported when both are reached: each has its own note (SPEC §2.1).
    let tsat_high = tsat.filter(|(_, t)| *t >= ev::TSAT_CEILING.value);
    let ferritin_high = f > ev::FERRITIN_CEILING.value;
    if let Some((d, _)) = tsat_high {
        reasons.push(reason(
            format!(
                "TSAT {tn} % on {d} is at or above {:.0} %",
                ev::TSAT_CEILING.value
            ),
            ev::TSAT_CEILING,
        ));
        notes.push("Ask your doctor about testing for iron overload.".to_owned());
        // The preparation itself is `draw_preparation`, shown beside the notes on every screen:
        // said once, not twice.
        notes.push(format!("Ask whether the sample was drawn within {:.0} h of an iron supplement or iron-containing food: TSAT then reads high. See how to prepare for the next draw.", ev::IRON_DRAW_NO_IRON_HOURS.value));
    }
    if ferritin_high {
        reasons.push(reason(
            format!(
                "ferritin {fnum} ng/mL on {fd} is above {:.0} ng/mL",
                ev::FERRITIN_CEILING.value
            ),
            ev::FERRITIN_CEILING,
        ));
        notes.push("Ferritin this high can mean iron overload, inflammation or liver disease: your doctor can tell which.".to_owned());
    }
    if tsat_high.is_some() || ferritin_high {
        if item.is_some() {
            notes.push(ORAL_IRON_IN_REGIMEN.to_owned());
        }
        let what = match (tsat_high.is_some(), ferritin_high) {
            (true, true) => "TSAT and ferritin are at the safety ceiling",
            (true, false) => "TSAT is at the safety ceiling",
            _ => "ferritin is above the safety ceiling",
        };
        return out(
            IronAdvice::StopAndSeeDoctor,
            format!("Hold iron until you have spoken to your doctor: {what}."),
            reasons,
            notes,
        );
    }
    // Said before the dialysis answer too: pregnancy on dialysis needs it as much (SPEC §2.1).
    if pregnant {
        let postpartum = p.due_date.is_some_and(|due| today > due);
        notes.push(if postpartum {
            "After pregnancy (postpartum, up to 6 weeks after the due date), iron needs differ: discuss iron, including IV iron, with your doctor or midwife (IRLSSG pregnancy guidance, Picchietti et al. 2015).".to_owned()
        } else if first_trimester {
            "In the 1st trimester IV iron is not considered; it is considered only in the 2nd or 3rd trimester (IRLSSG pregnancy guidance, Picchietti et al. 2015): ask your obstetric team about iron.".to_owned()
        } else if no_iv {
            "In pregnancy, IV iron is considered only in the 2nd or 3rd trimester (IRLSSG pregnancy guidance, Picchietti et al. 2015): add your due date so that the app knows the trimester, and ask your obstetric team about iron.".to_owned()
        } else {
            "In pregnancy, IV iron is considered only in the 2nd or 3rd trimester (IRLSSG pregnancy guidance, Picchietti et al. 2015): discuss iron with your doctor or midwife.".to_owned()
        });
    }
    if dialysis {
        let (fl, tl) = (
            ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW.value,
            ev::DIALYSIS_IRON_SUCROSE_TSAT_BELOW.value,
        );
        return match tsat {
            None => {
                reasons.push(reason(
                    format!("you are on dialysis, with ferritin {fnum} ng/mL on {fd} and TSAT not on file"),
                    ev::DIALYSIS_IRON_SUCROSE_TSAT_BELOW,
                ));
                out(IronAdvice::CheckFerritin, "On dialysis, the RLS iron suggestion needs TSAT as well as ferritin: ask your kidney team for it.".to_owned(), reasons, notes)
            }
            Some((td, t)) if f < fl && t < tl => {
                reasons.push(reason(
                    format!("you are on dialysis, ferritin {fnum} ng/mL on {fd} is under {fl:.0} ng/mL, and TSAT {tn} % on {td} is under {tl:.0} %"),
                    ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW,
                ));
                notes.push(iv_formulations_note(true));
                let headline = if no_iv {
                    OBSTETRIC_AND_KIDNEY_TEAMS
                } else {
                    "On dialysis: AASM 2025 suggests IV iron sucrose for RLS at these levels; discuss it with your kidney team."
                };
                out(IronAdvice::DiscussIv, headline.into(), reasons, notes)
            }
            Some((td, _)) => {
                reasons.push(reason(
                    format!("you are on dialysis, and ferritin {fnum} ng/mL on {fd} with TSAT {tn} % on {td} is not both under {fl:.0} ng/mL and under {tl:.0} %"),
                    ev::DIALYSIS_IRON_SUCROSE_FERRITIN_BELOW,
                ));
                out(IronAdvice::NotIndicated, "On dialysis, the RLS iron suggestion (IV iron sucrose) does not apply at these levels: discuss RLS care with your kidney team.".into(), reasons, notes)
            }
        };
    }
    let started_after_infusion = |start: NaiveDate| infusion.is_none_or(|(on, _)| on < start);
    if let Some(i) = item.filter(|i| started_after_infusion(i.start_date)) {
        let id = i.meta.id.to_string();
        let tz = p.time_zone;
        let logged: Vec<NaiveDate> = diary
            .events
            .iter()
            .filter(|e| matches!(&e.kind, EventKind::Dose { regimen_id } if *regimen_id == id))
            .map(|e| e.at.with_timezone(&tz).date_naive())
            .collect();
        match oral_iron_failed(labs, i, &logged, today, infusion.map(|(on, _)| on)) {
            Ok(Some(failed)) => {
                reasons.push(reason(failed, ev::FERRITIN_ORAL_FAILURE_AT_OR_BELOW));
                notes.push(iv_formulations_note(false));
                let headline = if no_iv {
                    "Oral iron does not seem to be working: ask your obstetric team what to do next."
                } else {
                    "Discuss IV iron with your doctor: oral iron does not seem to be working."
                };
                return out(IronAdvice::DiscussIv, headline.into(), reasons, notes);
            }
            Ok(None) => {}
            Err(no_baseline) => notes.push(no_baseline),
        }
    }
    let low_f = f <= ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value;
    let low_t = tsat.is_some_and(|(_, t)| t < ev::TSAT_SUPPLEMENT_BELOW.value);
    let iv_band = !low_f && f <= ev::FERRITIN_IV_DISCUSS_BELOW.value;
    if p.malabsorption && (low_f || low_t || iv_band) {
        reasons.push(reason(
            format!("ferritin {fnum} ng/mL on {fd} with malabsorption (coeliac disease or IBD)"),
            ev::FERRITIN_IV_DISCUSS_BELOW,
        ));
        notes.push(iv_formulations_note(false));
        let headline = if no_iv {
            "Oral iron is poorly absorbed with malabsorption: ask your obstetric team about iron."
        } else {
            "Discuss IV iron with your doctor: oral iron is poorly absorbed with malabsorption."
        };
        return out(IronAdvice::DiscussIv, headline.into(), reasons, notes);
    }
    if low_f || low_t {
        if low_f {
            reasons.push(reason(
                format!(
                    "ferritin {fnum} ng/mL on {fd} is at or below {:.0} ng/mL",
                    ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value
                ),
                ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW,
            ));
        }
        if let (true, Some((td, _))) = (low_t, tsat) {
            reasons.push(reason(
                format!(
                    "TSAT {tn} % on {td} is below {:.0} %",
                    ev::TSAT_SUPPLEMENT_BELOW.value
                ),
                ev::TSAT_SUPPLEMENT_BELOW,
            ));
        }
        notes.push(iv_formulations_note(false));
        return if item.is_some() {
            let when = recheck_due(diary, today)
                .map(|d| format!(" (due around {d})"))
                .unwrap_or_default();
            out(
                IronAdvice::KeepGoing,
                format!("Iron is still indicated at these levels: recheck ferritin and TSAT on time{when}."),
                reasons,
                notes,
            )
        } else {
            let headline = if no_iv {
                "Iron is indicated for RLS at these levels: ask your obstetric team which iron, and when."
            } else {
                "Iron is indicated for RLS at these levels (oral or IV is your doctor's choice): discuss it with your doctor."
            };
            out(IronAdvice::Supplement, headline.into(), reasons, notes)
        };
    }
    if iv_band {
        reasons.push(reason(
            format!(
                "ferritin {fnum} ng/mL on {fd} is above {:.0} and at or below {:.0} ng/mL",
                ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
                ev::FERRITIN_IV_DISCUSS_BELOW.value
            ),
            ev::FERRITIN_IV_DISCUSS_BELOW,
        ));
        notes.push(iv_formulations_note(false));
        if item.is_some() {
            notes.push("Oral iron is in your regimen: ask your doctor whether it is still useful at this level.".to_owned());
        }
        let headline = if first_trimester {
            "Oral iron is not indicated at this ferritin, and IV iron is not considered in the 1st trimester: ask your obstetric team."
        } else if no_iv {
            "Oral iron is not indicated at this ferritin, and IV iron is considered only in the 2nd or 3rd trimester: add your due date, and ask your obstetric team."
        } else {
            "Oral iron is not indicated at this ferritin; only IV iron may help: discuss it with your doctor."
        };
        return out(IronAdvice::IvOnly, headline.into(), reasons, notes);
    }
    let tsat_text = tsat
        .map(|(td, _)| {
            format!(
                ", and TSAT {tn} % on {td} is {:.0} % or more",
                ev::TSAT_SUPPLEMENT_BELOW.value
            )
        })
        .unwrap_or_default();
    reasons.push(reason(
        format!(
            "ferritin {fnum} ng/mL on {fd} is above {:.0} ng/mL{tsat_text}",
            ev::FERRITIN_IV_DISCUSS_BELOW.value
        ),
        ev::FERRITIN_IV_DISCUSS_BELOW,
    ));
    if item.is_some() {
        notes.push(ORAL_IRON_IN_REGIMEN.to_owned());
    }
    out(
        IronAdvice::NotIndicated,
        "Iron is not indicated for RLS at these levels.".into(),
        reasons,
        notes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Profile, RecordMeta, RegimenKind};
    use crate::rules::test_support::lab;
    use chrono::{TimeZone, Utc};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn infusion(on: &str) -> Event {
        Event {
            meta: RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t"),
            at: Utc.from_utc_datetime(&day(on).and_hms_opt(9, 0, 0).unwrap()),
            kind: EventKind::IvIron {
                formulation: IvIronFormulation::FerricCarboxymaltose,
            },
            note: None,
            warnings: vec![],
        }
    }

    fn recheck(
        regimen: &[RegimenItem],
        events: &[Event],
        labs: &[Lab],
        today: &str,
    ) -> Option<NaiveDate> {
        let p = Profile::default();
        let d = Diary {
            profile: &p,
            regimen,
            habits: &[],
            events,
            labs,
        };
        recheck_due(&d, day(today))
    }

    #[test]
    fn the_trend_after_an_infusion_starts_on_its_recheck_day() {
        // Infusion 2026-01-01; recheck day 84 days later, 2026-03-26.
        let labs = [
            lab(Analyte::Ferritin, 40.0, "2025-12-01"),
            lab(Analyte::Ferritin, 400.0, "2026-03-25"),
            lab(Analyte::Ferritin, 200.0, "2026-03-26"),
            lab(Analyte::Ferritin, 170.0, "2026-04-25"),
        ];
        let t = ferritin_trend(&labs, Some(day("2026-01-01")));
        assert_eq!(t.points.len(), 4);
        assert_eq!(t.slope_results, 2);
        assert!((t.slope_per_30_days.unwrap() + 30.0).abs() < 1e-9, "{t:?}");
        // Without an infusion every result counts.
        assert_eq!(ferritin_trend(&labs, None).slope_results, 4);
    }

    #[test]
    fn results_all_drawn_on_one_day_have_no_slope() {
        let labs = [
            lab(Analyte::Ferritin, 40.0, "2026-03-01"),
            lab(Analyte::Ferritin, 44.0, "2026-03-01"),
        ];
        let t = ferritin_trend(&labs, None);
        assert_eq!((t.slope_results, t.slope_per_30_days), (2, None));
    }

    #[test]
    fn after_an_infusion_a_ferritin_on_the_recheck_day_is_the_recheck() {
        let e = [infusion("2026-01-01")];
        // No ferritin since: due on day 84, whatever other labs were drawn.
        let tsat = [lab(Analyte::Tsat, 30.0, "2026-04-01")];
        assert_eq!(
            recheck(&[], &e, &tsat, "2026-04-10"),
            Some(day("2026-03-26"))
        );
        // A ferritin a day early does not count; one on the day does (no oral iron: none due).
        let early = [lab(Analyte::Ferritin, 300.0, "2026-03-25")];
        assert_eq!(
            recheck(&[], &e, &early, "2026-04-10"),
            Some(day("2026-03-26"))
        );
        let on_time = [lab(Analyte::Ferritin, 200.0, "2026-03-26")];
        assert_eq!(recheck(&[], &e, &on_time, "2026-04-10"), None);
        // On oral iron, the next is 90 days after the last ferritin, not after another lab.
        let iron = oral_iron("2026-01-01");
        let labs = [
            lab(Analyte::Ferritin, 30.0, "2026-02-01"),
            lab(Analyte::Tsat, 15.0, "2026-03-01"),
        ];
        assert_eq!(
            recheck(&[iron], &[], &labs, "2026-03-10"),
            Some(day("2026-05-02"))
        );
    }

    #[test]
    fn in_early_pregnancy_the_thresholds_line_offers_no_iv_iron() {
        let line = thresholds_line_no_iv();
        assert!(
            line.starts_with("ferritin 75 ng/mL or below (or TSAT under 20 %): iron indicated"),
            "{line}"
        );
        assert!(
            line.contains("IV iron only from the 2nd trimester"),
            "{line}"
        );
        assert!(!line.contains("only IV iron may help"), "{line}");
    }

    #[test]
    fn a_value_is_never_rounded_across_a_threshold() {
        assert_eq!(shown(19.9), "19.9"); // TSAT below 20 %
        assert_eq!(shown(19.96), "19.96");
        assert_eq!(shown(44.7), "44.7"); // under the 45 % ceiling
        assert_eq!(shown(75.3), "75.3"); // above 75 ng/mL
        assert_eq!(shown(300.2), "300.2"); // above the 300 ng/mL ceiling
        assert_eq!(shown(19.4), "19");
        assert_eq!(shown(31.0), "31");
        assert_eq!(shown(120.6), "121");
    }

    fn oral_iron(start: &str) -> RegimenItem {
        RegimenItem {
            meta: RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t"),
            kind: RegimenKind::Iron,
            name: "Iron".into(),
            dose_mg: None,
            times: vec![],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: day(start),
            stop_date: None,
            start_source: crate::model::StartSource::Given,
        }
    }

    #[test]
    fn a_ferritin_drawn_on_the_day_the_twelve_weeks_end_is_judged() {
        // 84 days after the start, today: the trial is complete, and today's result counts.
        let item = oral_iron("2026-01-01");
        let labs = [lab(Analyte::Ferritin, 30.0, "2026-03-26")];
        assert_eq!(
            judged_ferritin(&labs, &item, day("2026-03-26"), None),
            Some((day("2026-03-26"), 30.0))
        );
        // A day short of the 12 weeks: nothing to judge yet.
        let early = [lab(Analyte::Ferritin, 30.0, "2026-03-25")];
        assert_eq!(
            judged_ferritin(&early, &item, day("2026-03-25"), None),
            None
        );
    }

    #[test]
    fn doses_are_read_for_oral_iron_started_after_an_infusion_not_before_one() {
        let item = [oral_iron("2026-01-01")];
        let labs = [lab(Analyte::Ferritin, 30.0, "2026-04-01")];
        let p = Profile::default();
        let read = |events: &[Event]| {
            let d = Diary {
                profile: &p,
                regimen: &item,
                habits: &[],
                events,
                labs: &labs,
            };
            oral_iron_doses_read(&d, day("2026-04-10"))
        };
        let id = item[0].meta.id.to_string();
        // An infusion before the tablets: the tablets' own trial is judged.
        assert_eq!(
            read(&[infusion("2025-12-01")]),
            Some((id, day("2026-01-01"), day("2026-04-01")))
        );
        // An infusion on the start day (or later) resets the judgement: no doses are read.
        assert_eq!(read(&[infusion("2026-01-01")]), None);
    }

    #[test]
    fn ferritin_and_tsat_from_different_days_are_said_to_be_apart() {
        let p = Profile::default();
        let status = |labs: &[Lab]| {
            iron_status(
                &Diary {
                    profile: &p,
                    regimen: &[],
                    habits: &[],
                    events: &[],
                    labs,
                },
                day("2026-11-30"),
            )
        };
        let apart = "were not drawn together";
        let st = status(&[
            lab(Analyte::Tsat, 18.0, "2026-11-01"),
            lab(Analyte::Ferritin, 90.0, "2026-11-15"),
        ]);
        let note = st.notes.iter().find(|n| n.contains(apart));
        assert_eq!(
            note.map(String::as_str),
            Some("Ferritin (2026-11-15) and TSAT (2026-11-01) were not drawn together: the advice reads each as it was, but ask for both from one morning draw next time.")
        );
        // Drawn the same day, or no TSAT at all: nothing to say about it.
        let together = status(&[
            lab(Analyte::Tsat, 18.0, "2026-11-15"),
            lab(Analyte::Ferritin, 90.0, "2026-11-15"),
        ]);
        assert!(
            !together.notes.iter().any(|n| n.contains(apart)),
            "{together:?}"
        );
        let alone = status(&[lab(Analyte::Ferritin, 90.0, "2026-11-15")]);
        assert!(!alone.notes.iter().any(|n| n.contains(apart)), "{alone:?}");
    }
}
