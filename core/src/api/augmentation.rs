//! The short augmentation questionnaire over the FFI (SPEC §2.5): the baseline when the diary
//! holds too few nights from the first weeks on a dopaminergic drug. Stored in the profile document, so
//! it exports, imports and syncs with it; changing settings keeps it.

use super::{ApiResult, QuietLegs};
use crate::api::records::RegimenEntry;
use crate::error::Error;
use crate::evidence::{QUICK_SEVERITY_MAX, SLEEP_HOURS_MAX};
use crate::model::time::{format_clock_time, parse_clock_time};
use crate::model::AugmentationBaseline;
/// Where a regimen item's start date came from (a field of `RegimenEntry`).
pub use crate::model::StartSource;
pub use crate::rules::augmentation::AugmentationVerdict;

/// Whether a regimen form must ask when the medicine was started: a dopaminergic RLS drug
/// (pramipexole, ropinirole, rotigotine, cabergoline, bromocriptine, pergolide, piribedil,
/// apomorphine, levodopa, by
/// any name the catalog knows), whose
/// augmentation screen (SPEC §2.5) needs to know whether the diary covers its first weeks.
/// Ask for a date, or let the person say they do not know (`RegimenInput::start_date_unknown`).
#[uniffi::export]
pub fn asks_start_date(name: String) -> bool {
    crate::rules::augmentation::is_dopaminergic(&name)
}

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

/// One answer of the questionnaire, as the CLI's options name them (`usual_onset`,
/// `severity`, `spread_before`, `relief_then`, `relief_now`, `dose_increases`): the answers
/// [`QuietLegs::clear_augmentation_answers`] clears, the hours [`read_relief_hours`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AugmentationQuestion {
    /// `usual_onset`: when symptoms usually began before the drug.
    UsualOnset,
    /// `severity_when_it_worked`: how bad a usual evening was while the drug first worked.
    Severity,
    /// `spread_beyond_legs_before`: symptoms in the arms or trunk before the drug.
    SpreadBefore,
    /// `relief_hours_at_start`: hours one dose relieved symptoms when it first worked.
    ReliefThen,
    /// `relief_hours_now`: hours one dose relieves symptoms now.
    ReliefNow,
    /// `dose_increases`: times the dose has been raised.
    DoseIncreases,
}

impl AugmentationQuestion {
    /// Every question, in the questionnaire's order.
    pub const ALL: [AugmentationQuestion; 6] = [
        AugmentationQuestion::UsualOnset,
        AugmentationQuestion::Severity,
        AugmentationQuestion::SpreadBefore,
        AugmentationQuestion::ReliefThen,
        AugmentationQuestion::ReliefNow,
        AugmentationQuestion::DoseIncreases,
    ];

    /// The field an error about this answer names.
    pub fn field(self) -> &'static str {
        match self {
            AugmentationQuestion::UsualOnset => "usual onset",
            AugmentationQuestion::Severity => "severity when it worked",
            AugmentationQuestion::SpreadBefore => "spread before",
            AugmentationQuestion::ReliefThen => "relief hours at start",
            AugmentationQuestion::ReliefNow => "relief hours now",
            AugmentationQuestion::DoseIncreases => "dose increases",
        }
    }

    /// This answer's field as the profile merge names it (`model/profile_merge.rs`).
    fn merge_field(self) -> &'static str {
        match self {
            AugmentationQuestion::UsualOnset => "augmentation_baseline.usual_onset",
            AugmentationQuestion::Severity => "augmentation_baseline.severity_when_it_worked",
            AugmentationQuestion::SpreadBefore => "augmentation_baseline.spread_beyond_legs_before",
            AugmentationQuestion::ReliefThen => "augmentation_baseline.relief_hours_at_start",
            AugmentationQuestion::ReliefNow => "augmentation_baseline.relief_hours_now",
            AugmentationQuestion::DoseIncreases => "augmentation_baseline.dose_increases",
        }
    }

    /// Whether `b` holds an answer to this question.
    fn is_given(self, b: &AugmentationBaseline) -> bool {
        match self {
            AugmentationQuestion::UsualOnset => b.usual_onset.is_some(),
            AugmentationQuestion::Severity => b.severity_when_it_worked.is_some(),
            AugmentationQuestion::SpreadBefore => b.spread_beyond_legs_before.is_some(),
            AugmentationQuestion::ReliefThen => b.relief_hours_at_start.is_some(),
            AugmentationQuestion::ReliefNow => b.relief_hours_now.is_some(),
            AugmentationQuestion::DoseIncreases => b.dose_increases.is_some(),
        }
    }

    /// Clears this answer in `b`.
    fn clear(self, b: &mut AugmentationBaseline) {
        match self {
            AugmentationQuestion::UsualOnset => b.usual_onset = None,
            AugmentationQuestion::Severity => b.severity_when_it_worked = None,
            AugmentationQuestion::SpreadBefore => b.spread_beyond_legs_before = None,
            AugmentationQuestion::ReliefThen => b.relief_hours_at_start = None,
            AugmentationQuestion::ReliefNow => b.relief_hours_now = None,
            AugmentationQuestion::DoseIncreases => b.dose_increases = None,
        }
    }
}

/// Checks an hours-of-relief answer: relief when the drug first worked is more than 0 and at
/// most 24 hours (a drug that worked relieved for some time: 0 contradicts the question);
/// relief now may be 0 (a dose no longer relieves at all, itself a sign the screen weighs).
fn relief_hours(q: AugmentationQuestion, h: Option<f64>) -> crate::error::Result<Option<f64>> {
    let max = SLEEP_HOURS_MAX.value;
    match (q, h) {
        (AugmentationQuestion::ReliefThen, Some(v)) if !(v > 0.0 && v <= max) => {
            Err(Error::invalid(
                q.field(),
                format!("{v}: use more than 0 and at most {max:.0} hours"),
            ))
        }
        (_, Some(v)) if !(0.0..=max).contains(&v) => Err(Error::invalid(
            q.field(),
            format!("{v}: use 0-{max:.0} hours"),
        )),
        _ => Ok(h),
    }
}

/// Reads an hours-of-relief answer as a person types it: `1.5`, or `1,5` with a decimal comma
/// (as [`read_decimal`](super::read_decimal) reads one); `question` is `ReliefThen` (more
/// than 0, at most 24 hours) or `ReliefNow` (0-24). Errors: `InvalidInput` naming the answer
/// (`relief hours at start`, `relief hours now`) with its range, for text that is not such a
/// number or a question not answered in hours.
#[uniffi::export]
pub fn read_relief_hours(question: AugmentationQuestion, text: String) -> super::ApiResult<f64> {
    let field = question.field();
    let range = match question {
        AugmentationQuestion::ReliefThen => {
            format!("more than 0 and at most {:.0} hours", SLEEP_HOURS_MAX.value)
        }
        AugmentationQuestion::ReliefNow => format!("0-{:.0} hours", SLEEP_HOURS_MAX.value),
        _ => return Err(Error::invalid(field, "is not answered in hours").into()),
    };
    let h = super::shell::parse_decimal(field, &text).map_err(|e| match e {
        super::QuietLegsError::InvalidInput { field, reason } => {
            super::QuietLegsError::InvalidInput {
                field,
                reason: format!("{reason}; hours of relief are {range}"),
            }
        }
        other => other,
    })?;
    Ok(relief_hours(question, Some(h))?.unwrap_or(h))
}

/// Reads a whole-number answer as a person types it (`3`, `-1`, `2.5`): `Severity` (how bad a
/// usual evening was when the drug first worked, 0-10) or `DoseIncreases` (times the dose was
/// raised, 0-50). A negative or fractional number reaches this range check instead of the
/// shell's own parser (review of #15: `--dose-increases -1` got clap's "unexpected argument").
/// Errors: `InvalidInput` naming the answer (`severity when it worked`, `dose increases`) with
/// its range, for text that is not a whole number in range or a question not answered so.
#[uniffi::export]
pub fn read_whole_answer(question: AugmentationQuestion, text: String) -> super::ApiResult<u32> {
    let field = question.field();
    let max = match question {
        AugmentationQuestion::Severity => QUICK_SEVERITY_MAX.value as u32,
        AugmentationQuestion::DoseIncreases => DOSE_INCREASES_MAX,
        _ => return Err(Error::invalid(field, "is not answered as a whole number").into()),
    };
    match text.trim().parse::<i64>().map(u32::try_from) {
        Ok(Ok(n)) if n <= max => Ok(n),
        _ => Err(Error::invalid(
            field,
            format!("{:?}: use a whole number 0-{max}", text.trim()),
        )
        .into()),
    }
}

impl AugmentationAnswers {
    fn to_model(&self) -> crate::error::Result<AugmentationBaseline> {
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
            relief_hours_at_start: relief_hours(
                AugmentationQuestion::ReliefThen,
                self.relief_hours_at_start,
            )?,
            relief_hours_now: relief_hours(AugmentationQuestion::ReliefNow, self.relief_hours_now)?,
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
    /// earlier answers. Errors: `Invalid` naming the field (severity 0-10, relief when it first
    /// worked more than 0 and at most 24 hours, relief now 0-24 hours, dose increases 0-50,
    /// time `HH:MM`); nothing is written then.
    pub fn set_augmentation_answers(
        &self,
        answers: AugmentationAnswers,
    ) -> ApiResult<AugmentationAnswers> {
        self.save_augmentation(answers, false)
    }

    /// Saves the answers given and keeps every saved answer this call leaves out (`None`), so
    /// updating one answer (the CLI's `med augmentation --relief-now 4`) never clears the
    /// others, here or, after sync, on other devices. `answered_on` becomes today.
    /// Errors: as [`QuietLegs::set_augmentation_answers`]; nothing is written then.
    pub fn update_augmentation_answers(
        &self,
        answers: AugmentationAnswers,
    ) -> ApiResult<AugmentationAnswers> {
        self.save_augmentation(answers, true)
    }

    /// Records when a regimen item was started: for an item added before the app asked (its
    /// start defaulted to the day it was added), or to correct it. Either `start_date`
    /// (`YYYY-MM-DD`, the day the person started) or `unknown` ("I don't know, long ago": the
    /// stored date then only dates the schedule). The augmentation screen (SPEC §2.5) takes the
    /// diary as the period when a dopaminergic drug first worked only from a given start.
    /// `id` is the item's id, or (for the CLI) a unique medicine name or start of an id
    /// (`rules::regimen_entry::find_item`).
    /// Errors: `NotFound` when `id` names no live regimen item; `InvalidInput` (`regimen item`)
    /// when it names several, giving only how many and the start of their ids; `InvalidInput`
    /// (`start date`) when neither or both are given, the date is not a real date, is after
    /// today (the profile's time zone), before the recorded birth date, before a dopaminergic
    /// drug was available (evidence `PRAMIPEXOLE_FIRST_APPROVAL_YEAR` and its neighbours) or
    /// after the item's stop date. Nothing is written then.
    pub fn set_regimen_start(
        &self,
        id: String,
        start_date: Option<String>,
        unknown: bool,
    ) -> ApiResult<RegimenEntry> {
        use crate::model::StartSource;
        let given = start_date
            .as_deref()
            .map(|d| crate::model::time::parse_date("start date", d))
            .transpose()?;
        let source = match (given, unknown) {
            (Some(_), false) => StartSource::Given,
            (None, true) => StartSource::Unknown,
            (None, false) => {
                return Err(Error::invalid(
                    "start date",
                    "give the day it was started as YYYY-MM-DD, or say it is unknown",
                )
                .into())
            }
            (Some(_), true) => {
                return Err(Error::invalid(
                    "start date",
                    "give a date or say it is unknown, not both",
                )
                .into())
            }
        };
        self.edit_regimen_item(&id, |item, today, birth_date| {
            if let Some(d) = given {
                crate::rules::regimen_entry::check_typed_start(&item.name, d, today, birth_date)?;
            }
            item.start_date = given.unwrap_or(item.start_date);
            item.start_source = source;
            Ok(())
        })
    }

    /// Records the last day a regimen item was taken (a stop or a switch, as the person or their
    /// doctor decided), or clears it (`stop_date` `None`: taken again, open-ended). The item and
    /// its history stay: the augmentation screen still counts a stopped dopaminergic drug as
    /// the start of treatment, and reminders end after the stop date. `id` as for
    /// [`QuietLegs::set_regimen_start`]. The app never suggests stopping a medicine; this only
    /// records what was done.
    /// Errors: `NotFound` when `id` names no live regimen item; `InvalidInput` (`regimen item`)
    /// when it names several; `InvalidInput` (`stop date`) when the date is not a real date or
    /// is before the item's start date. Nothing is written then.
    pub fn set_regimen_stop(
        &self,
        id: String,
        stop_date: Option<String>,
    ) -> ApiResult<RegimenEntry> {
        let stop = stop_date
            .as_deref()
            .map(|d| crate::model::time::parse_date("stop date", d))
            .transpose()?;
        self.edit_regimen_item(&id, |item, _, _| {
            if let Some(d) = stop {
                if d < item.start_date {
                    return Err(Error::invalid(
                        "stop date",
                        format!(
                            "{d} is before the day it was started ({}): give a later day",
                            item.start_date
                        ),
                    ));
                }
            }
            item.stop_date = stop;
            Ok(())
        })
    }

    /// Clears the answers named in `questions` and keeps the others: an answer given by
    /// mistake, or no longer known, can be taken back. The clearing is an edit like any other:
    /// each cleared answer is stamped as changed now (`model/profile_merge.rs`), so on every
    /// device, whichever syncs first, it beats the answer it replaces and is not brought back
    /// by another device's older copy. With an answer left, `answered_on` becomes today; with
    /// none left, the questionnaire is gone (`None`, as before it was answered). Returns the
    /// answers saved after the change.
    /// Errors: `InvalidInput` (`questions`) when the list is empty; nothing is written then.
    pub fn clear_augmentation_answers(
        &self,
        questions: Vec<AugmentationQuestion>,
    ) -> ApiResult<Option<AugmentationAnswers>> {
        if questions.is_empty() {
            return Err(Error::invalid("questions", "name at least one answer to clear").into());
        }
        let now = self.now();
        let mut saved = None;
        // Each answer cleared is the person's choice of now, even one already unset here.
        let explicit: Vec<&str> = questions.iter().map(|q| q.merge_field()).collect();
        self.save_profile(&explicit, |old| {
            let mut profile = old.clone();
            let Some(mut b) = old.augmentation_baseline.clone() else {
                return Ok(profile);
            };
            for q in &questions {
                q.clear(&mut b);
            }
            let none_left = AugmentationBaseline {
                answered_on: None,
                ..b.clone()
            } == AugmentationBaseline::default();
            if none_left {
                profile.augmentation_baseline = None;
            } else {
                if Some(&b) != old.augmentation_baseline.as_ref() {
                    b.answered_on = Some(now.with_timezone(&profile.time_zone).date_naive());
                }
                saved = Some(AugmentationAnswers::from_model(&b));
                profile.augmentation_baseline = Some(b);
            }
            Ok(profile)
        })?;
        Ok(saved)
    }

    /// Whether to ask for the short questionnaire about regimen item `id` (as for
    /// [`QuietLegs::set_regimen_start`]): it is a dopaminergic RLS drug and the diary lacks the
    /// nights before it was started that the augmentation screen compares with (its start
    /// was not given, or no night is logged in the 28 days before it; SPEC §2.5). False for any
    /// other medicine, and when the diary covers the weeks before the drug.
    /// Errors: `NotFound` when `id` names no live regimen item; `InvalidInput` (`regimen item`)
    /// when it names several.
    pub fn asks_augmentation_questionnaire(&self, id: String) -> ApiResult<bool> {
        let store = self.store()?;
        let all = crate::store::regimen(store.conn())?;
        let item = crate::rules::regimen_entry::find_item(&all, &id)?;
        if !crate::rules::augmentation::is_dopaminergic(&item.name) {
            return Ok(false);
        }
        if !item.start_source.is_known() {
            return Ok(true);
        }
        let (from, to) = crate::rules::augmentation::pre_drug_window(item.start_date);
        Ok(crate::store::nights(store.conn(), from, to)?.is_empty())
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

impl QuietLegs {
    /// Saves the questionnaire; with `keep`, an answer left out keeps the stored one.
    fn save_augmentation(
        &self,
        answers: AugmentationAnswers,
        keep: bool,
    ) -> ApiResult<AugmentationAnswers> {
        let given = answers.to_model()?;
        let now = self.now();
        let mut saved = None;
        // Read, changed and written in one IMMEDIATE transaction, like every profile change: a
        // concurrent `profile set` keeps its change and a first save makes one profile.
        // With `keep`, each answer given is the person's of now, even where it repeats the
        // stored one. The whole questionnaire (`set_augmentation_answers`, a form sent back
        // whole) claims only the answers it changes, so a form filled before a sync does not
        // take back another device's newer answer
        // (`a_whole_questionnaire_save_stamps_only_the_answers_it_changed`).
        let explicit: Vec<&str> = if keep {
            AugmentationQuestion::ALL
                .into_iter()
                .filter(|q| q.is_given(&given))
                .map(AugmentationQuestion::merge_field)
                .collect()
        } else {
            Vec::new()
        };
        self.save_profile(&explicit, |old| {
            let mut profile = old.clone();
            let mut baseline = match (&old.augmentation_baseline, keep) {
                (Some(stored), true) => AugmentationBaseline {
                    answered_on: None,
                    usual_onset: given.usual_onset.or(stored.usual_onset),
                    severity_when_it_worked: given
                        .severity_when_it_worked
                        .or(stored.severity_when_it_worked),
                    spread_beyond_legs_before: given
                        .spread_beyond_legs_before
                        .or(stored.spread_beyond_legs_before),
                    relief_hours_at_start: given
                        .relief_hours_at_start
                        .or(stored.relief_hours_at_start),
                    relief_hours_now: given.relief_hours_now.or(stored.relief_hours_now),
                    dose_increases: given.dose_increases.or(stored.dose_increases),
                },
                _ => given.clone(),
            };
            baseline.answered_on = Some(now.with_timezone(&profile.time_zone).date_naive());
            profile.augmentation_baseline = Some(baseline.clone());
            saved = Some(baseline);
            Ok(profile)
        })?;
        Ok(saved
            .as_ref()
            .map(AugmentationAnswers::from_model)
            .unwrap_or_else(|| AugmentationAnswers::from_model(&given)))
    }
}

/// Not exported: the shared write of the regimen edits above.
impl QuietLegs {
    /// Changes one live regimen item (`id` as for [`QuietLegs::set_regimen_start`]) in one
    /// write: `edit` gets the item, today (the profile's time zone) and the birth date, and
    /// may refuse; the item is then stamped, validated and saved, and listed among the others.
    fn edit_regimen_item(
        &self,
        id: &str,
        edit: impl FnOnce(
            &mut crate::model::RegimenItem,
            chrono::NaiveDate,
            Option<chrono::NaiveDate>,
        ) -> crate::error::Result<()>,
    ) -> ApiResult<RegimenEntry> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let profile = Self::profile_model(&store)?.1;
        let today = now.with_timezone(&profile.time_zone).date_naive();
        let (saved, all) = store.write(|tx| {
            let mut all = crate::store::regimen(tx)?;
            let old = crate::rules::regimen_entry::find_item(&all, id)?.clone();
            let mut item = old.clone();
            edit(&mut item, today, profile.birth_date)?;
            item.meta = old.meta.touched(now, &device);
            item.validate()?;
            crate::model::validate::regimen(&item, now)?;
            crate::store::put_regimen(tx, &item)?;
            for r in all.iter_mut().filter(|r| r.meta.id == item.meta.id) {
                *r = item.clone();
            }
            Ok((item, all))
        })?;
        let g = self.profile_groups(&store, &profile, today)?;
        Ok(RegimenEntry::among(&saved, &all, today, g))
    }
}
