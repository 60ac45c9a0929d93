//! Iron status from the lab history (SPEC §2.1): what to discuss, the numbers used, why, and the
//! source. Unknown TSAT never blocks the ferritin rules; the answer then asks for it.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::evidence::{self as ev, Evidence, Source};
use super::iron::iron_item;
use super::Diary;
use crate::model::{Analyte, Lab};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IronAdvice {
    /// No ferritin on file.
    CheckFerritin,
    /// Supplementation indicated: discuss starting iron with your doctor.
    Supplement,
    /// Supplementing and below target: keep going, recheck on time.
    KeepGoing,
    AtTarget,
    /// IV iron worth discussing.
    DiscussIv,
    /// Do not supplement; see a doctor.
    StopAndSeeDoctor,
}

/// A reason with the rule and source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct Reason {
    pub text: String,
    pub rule: String,
    pub source: Source,
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
    /// (date, ng/mL), oldest first.
    pub points: Vec<(NaiveDate, f64)>,
    /// Least-squares slope over the points used, ng/mL per 30 days.
    pub slope_per_30_days: Option<f64>,
    /// When the target would be reached at that slope; only for a rising series below target.
    pub projected_target_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IronStatus {
    pub advice: IronAdvice,
    pub headline: String,
    pub ferritin: Option<(NaiveDate, f64)>,
    pub tsat: Option<(NaiveDate, f64)>,
    pub supplementing: bool,
    pub reasons: Vec<Reason>,
    pub notes: Vec<String>,
    pub trend: FerritinTrend,
}

fn latest(labs: &[Lab], a: Analyte) -> Option<(NaiveDate, f64)> {
    labs.iter()
        .filter(|l| l.analyte == a)
        .max_by_key(|l| (l.taken_on, l.meta.created_at))
        .map(|l| (l.taken_on, l.value.canonical))
}

/// The ferritin series, its slope, and a projection to the target when it is rising.
pub fn ferritin_trend(labs: &[Lab]) -> FerritinTrend {
    let mut points: Vec<(NaiveDate, f64)> = labs
        .iter()
        .filter(|l| l.analyte == Analyte::Ferritin)
        .map(|l| (l.taken_on, l.value.canonical))
        .collect();
    points.sort_by_key(|p| p.0);
    let (Some(first), Some(last)) = (points.first().copied(), points.last().copied()) else {
        return FerritinTrend {
            points,
            slope_per_30_days: None,
            projected_target_date: None,
        };
    };
    if points.len() < 2 || first.0 == last.0 {
        return FerritinTrend {
            points,
            slope_per_30_days: None,
            projected_target_date: None,
        };
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
        .zip(&points)
        .map(|(x, p)| (x - mx) * (p.1 - my))
        .sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let target = ev::FERRITIN_TARGET.value;
    let rising = slope > 0.0 && last.1 > first.1;
    let projected = (rising && last.1 < target)
        .then(|| ((target - last.1) / slope).ceil())
        .filter(|d| d.is_finite() && *d < 3650.0)
        .and_then(|d| last.0.checked_add_signed(Duration::days(d as i64)));
    FerritinTrend {
        points,
        slope_per_30_days: Some(slope * 30.0),
        projected_target_date: projected,
    }
}

/// Whether oral iron has had its trial (3-6 months) without ferritin rising, or with ferritin
/// still very low.
fn oral_iron_failed(labs: &[Lab], started: NaiveDate, today: NaiveDate) -> Option<String> {
    if (today - started).num_days() < ev::ORAL_IRON_TRIAL_MIN_DAYS.value as i64 {
        return None;
    }
    let ferritin: Vec<(NaiveDate, f64)> = {
        let mut v: Vec<_> = labs
            .iter()
            .filter(|l| l.analyte == Analyte::Ferritin)
            .map(|l| (l.taken_on, l.value.canonical))
            .collect();
        v.sort_by_key(|p| p.0);
        v
    };
    let baseline = ferritin
        .iter()
        .rev()
        .find(|p| p.0 <= started)
        .or_else(|| ferritin.first())?;
    let after = ferritin
        .iter()
        .rev()
        .find(|p| (p.0 - started).num_days() >= ev::ORAL_IRON_TRIAL_MIN_DAYS.value as i64)?;
    if after.1 < ev::FERRITIN_ORAL_FAILURE_BELOW.value {
        return Some(format!(
            "ferritin is {:.0} ng/mL on {} after {} days of oral iron",
            after.1,
            after.0,
            (after.0 - started).num_days()
        ));
    }
    if after.1 <= baseline.1 {
        return Some(format!(
            "ferritin has not risen on oral iron: {:.0} ng/mL on {} vs {:.0} on {}",
            after.1, after.0, baseline.1, baseline.0
        ));
    }
    None
}

/// The iron-status answer for `today`.
pub fn iron_status(diary: &Diary<'_>, today: NaiveDate) -> IronStatus {
    let labs = diary.labs;
    let ferritin = latest(labs, Analyte::Ferritin);
    let tsat = latest(labs, Analyte::Tsat);
    let item = iron_item(diary, today);
    let supplementing = item.is_some();
    let trend = ferritin_trend(labs);
    let mut reasons = Vec::new();
    let mut notes = Vec::new();
    if tsat.is_none() {
        notes.push("Transferrin saturation (TSAT) is not on file: ask for it with your next ferritin. It is needed to rule out iron overload.".to_owned());
    }
    if supplementing {
        notes.push(format!(
            "{} Judge iron by the numbers, not by how the last week felt.",
            ev::BRAIN_IRON_LAG_MONTHS.rule
        ));
    }
    let out = |advice, headline: String, reasons: Vec<Reason>, notes: Vec<String>| IronStatus {
        advice,
        headline,
        ferritin,
        tsat,
        supplementing,
        reasons,
        notes,
        trend: trend.clone(),
    };
    if let Some((d, t)) = tsat {
        if t >= ev::TSAT_CEILING.value {
            reasons.push(reason(
                format!(
                    "TSAT {t:.0} % on {d} is at or above {:.0} %",
                    ev::TSAT_CEILING.value
                ),
                ev::TSAT_CEILING,
            ));
            return out(
                IronAdvice::StopAndSeeDoctor,
                "Do not take iron supplements; see your doctor (possible iron overload).".into(),
                reasons,
                notes,
            );
        }
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
    if f > ev::FERRITIN_CEILING.value {
        reasons.push(reason(
            format!(
                "ferritin {f:.0} ng/mL on {fd} is above {:.0} ng/mL",
                ev::FERRITIN_CEILING.value
            ),
            ev::FERRITIN_CEILING,
        ));
        return out(
            IronAdvice::StopAndSeeDoctor,
            "Do not take iron supplements; see your doctor (ferritin above the safety ceiling)."
                .into(),
            reasons,
            notes,
        );
    }
    if let Some(failed) = item.and_then(|i| oral_iron_failed(labs, i.start_date, today)) {
        reasons.push(reason(failed, ev::FERRITIN_ORAL_FAILURE_BELOW));
        return out(
            IronAdvice::DiscussIv,
            "Discuss IV iron with your doctor: oral iron does not seem to be working.".into(),
            reasons,
            notes,
        );
    }
    if diary.profile.malabsorption && f < ev::FERRITIN_IV_DISCUSS_BELOW.value {
        reasons.push(reason(
            format!("ferritin {f:.0} ng/mL with malabsorption (coeliac disease or IBD)"),
            ev::FERRITIN_IV_DISCUSS_BELOW,
        ));
        return out(
            IronAdvice::DiscussIv,
            "Discuss IV iron with your doctor: oral iron is poorly absorbed with malabsorption."
                .into(),
            reasons,
            notes,
        );
    }
    let low_f = f <= ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value;
    let low_t = tsat.is_some_and(|(_, t)| t < ev::TSAT_SUPPLEMENT_BELOW.value);
    if low_f || low_t {
        if low_f {
            reasons.push(reason(
                format!(
                    "ferritin {f:.0} ng/mL on {fd} is at or below {:.0} ng/mL",
                    ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW.value
                ),
                ev::FERRITIN_SUPPLEMENT_AT_OR_BELOW,
            ));
        }
        if let (true, Some((td, t))) = (low_t, tsat) {
            reasons.push(reason(
                format!(
                    "TSAT {t:.0} % on {td} is below {:.0} %",
                    ev::TSAT_SUPPLEMENT_BELOW.value
                ),
                ev::TSAT_SUPPLEMENT_BELOW,
            ));
        }
        if f < ev::FERRITIN_SYMPTOMS_MORE_COMMON.value {
            notes.push(ev::FERRITIN_SYMPTOMS_MORE_COMMON.rule.to_owned());
        }
        if f < ev::FERRITIN_IV_DISCUSS_BELOW.value {
            notes.push(format!("IV iron is also an option to discuss below {:.0} ng/mL when TSAT is under {:.0} % (IRLSSG 2018).", ev::FERRITIN_IV_DISCUSS_BELOW.value, ev::TSAT_CEILING.value));
        }
        return if supplementing {
            let when = trend
                .projected_target_date
                .map(|d| format!(" At the current rise, about {d}."))
                .unwrap_or_default();
            out(
                IronAdvice::KeepGoing,
                format!(
                    "Keep going toward {:.0} ng/mL; recheck ferritin on time.{when}",
                    ev::FERRITIN_TARGET.value
                ),
                reasons,
                notes,
            )
        } else {
            out(IronAdvice::Supplement, "Iron supplementation is indicated for RLS at these levels: discuss it with your doctor.".into(), reasons, notes)
        };
    }
    reasons.push(reason(
        format!(
            "ferritin {f:.0} ng/mL on {fd} is above {:.0} ng/mL",
            ev::FERRITIN_TARGET.value
        ),
        ev::FERRITIN_TARGET,
    ));
    if f < ev::FERRITIN_TARGET_UPPER.value {
        notes.push("Many people with RLS do better above 100 ng/mL.".to_owned());
    }
    out(
        IronAdvice::AtTarget,
        "Ferritin is at the RLS target.".into(),
        reasons,
        notes,
    )
}
