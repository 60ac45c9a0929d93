//! The short augmentation questionnaire over the FFI (SPEC §2.5): the baseline when the diary
//! holds no nights from before a dopaminergic drug started. Stored in the profile document, so
//! it exports, imports and syncs with it; changing settings keeps it.

use super::{ApiResult, QuietLegs};
use crate::error::Error;
use crate::evidence::{QUICK_SEVERITY_MAX, SLEEP_HOURS_MAX};
use crate::model::time::{format_clock_time, parse_clock_time};
use crate::model::AugmentationBaseline;

/// Answers to the questionnaire; any may be left out. Times are local `HH:MM`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct AugmentationAnswers {
    /// When symptoms usually began before the drug, `HH:MM`.
    pub usual_onset: Option<String>,
    /// How bad a usual evening was while the drug first worked, quick scale 0-10.
    pub severity_when_it_worked: Option<u8>,
    /// Whether symptoms already reached the arms or trunk before the drug.
    pub spread_beyond_legs_before: Option<bool>,
    /// Hours one dose relieved symptoms when it first worked (0-24).
    pub relief_hours_at_start: Option<f64>,
    /// Hours one dose relieves symptoms now (0-24).
    pub relief_hours_now: Option<f64>,
    /// Times the dose has been raised since the drug started (0-50).
    pub dose_increases: Option<u32>,
    /// The local date the answers were given (YYYY-MM-DD); set by the core when saved.
    pub answered_on: Option<String>,
}

/// Most dose increases accepted as a real answer.
const DOSE_INCREASES_MAX: u32 = 50;

impl AugmentationAnswers {
    fn to_model(&self) -> crate::error::Result<AugmentationBaseline> {
        let hours = |field: &str, h: Option<f64>| match h {
            Some(v) if !(0.0..=SLEEP_HOURS_MAX.value).contains(&v) => Err(Error::invalid(
                field,
                format!("{v}: use 0-{:.0} hours", SLEEP_HOURS_MAX.value),
            )),
            _ => Ok(h),
        };
        if let Some(s) = self.severity_when_it_worked {
            if f64::from(s) > QUICK_SEVERITY_MAX.value {
                return Err(Error::invalid(
                    "severity when it worked",
                    format!("{s}: use 0-{:.0}", QUICK_SEVERITY_MAX.value),
                ));
            }
        }
        if let Some(n) = self.dose_increases.filter(|n| *n > DOSE_INCREASES_MAX) {
            return Err(Error::invalid(
                "dose increases",
                format!("{n}: use 0-{DOSE_INCREASES_MAX}"),
            ));
        }
        Ok(AugmentationBaseline {
            answered_on: None,
            usual_onset: self
                .usual_onset
                .as_deref()
                .map(|t| parse_clock_time("usual onset", t))
                .transpose()?,
            severity_when_it_worked: self.severity_when_it_worked,
            spread_beyond_legs_before: self.spread_beyond_legs_before,
            relief_hours_at_start: hours("relief hours at start", self.relief_hours_at_start)?,
            relief_hours_now: hours("relief hours now", self.relief_hours_now)?,
            dose_increases: self.dose_increases,
        })
    }

    fn from_model(b: &AugmentationBaseline) -> Self {
        AugmentationAnswers {
            usual_onset: b.usual_onset.map(format_clock_time),
            severity_when_it_worked: b.severity_when_it_worked,
            spread_beyond_legs_before: b.spread_beyond_legs_before,
            relief_hours_at_start: b.relief_hours_at_start,
            relief_hours_now: b.relief_hours_now,
            dose_increases: b.dose_increases,
            answered_on: b.answered_on.map(|d| d.to_string()),
        }
    }
}

#[uniffi::export]
impl QuietLegs {
    /// Saves the augmentation questionnaire (at regimen entry or any later time), replacing
    /// earlier answers. Errors: `Invalid` naming the field (severity 0-10, hours 0-24, dose
    /// increases 0-50, time `HH:MM`); nothing is written then.
    pub fn set_augmentation_answers(
        &self,
        answers: AugmentationAnswers,
    ) -> ApiResult<AugmentationAnswers> {
        let mut baseline = answers.to_model()?;
        let now = self.now();
        // Read, changed and written in one IMMEDIATE transaction, like every profile change: a
        // concurrent `profile set` keeps its change and a first save makes one profile.
        self.save_profile(|old| {
            let mut profile = old.clone();
            baseline.answered_on = Some(now.with_timezone(&profile.time_zone).date_naive());
            profile.augmentation_baseline = Some(baseline.clone());
            Ok(profile)
        })?;
        Ok(AugmentationAnswers::from_model(&baseline))
    }

    /// The saved questionnaire answers, if any.
    pub fn augmentation_answers(&self) -> ApiResult<Option<AugmentationAnswers>> {
        let store = self.store()?;
        Ok(Self::profile_model(&store)?
            .1
            .augmentation_baseline
            .as_ref()
            .map(AugmentationAnswers::from_model))
    }
}
