//! `status`, `med check`, `med augmentation`, `screen`.

use std::path::PathBuf;

use quietlegs_core::{AugmentationAnswers, AugmentationQuestion, QuietLegsError};

use crate::args::ScreenArgs;
use crate::{invalid, open, open_to_read, output};

/// `status [--date]`: iron status, doctor flags, augmentation, trends.
pub fn status(
    db: &Option<PathBuf>,
    date: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    output::status(&open_to_read(db)?.status(date)?, json);
    Ok(())
}

/// `med check NAME`: what the catalog says about a medicine.
pub fn check(db: &Option<PathBuf>, name: &str, json: bool) -> Result<(), QuietLegsError> {
    if name.trim().is_empty() {
        return Err(invalid("name", "give the medicine's name"));
    }
    let found = catalog_answer(open_to_read(db).ok().as_deref(), name);
    output::medicines(name, &found, json);
    Ok(())
}

/// What the catalog says about `name` for this diary: with a diary, its profile adds the
/// special-group notes (the pregnancy caveat on a treatment, SPEC §2.6); without one (or one
/// that cannot be read) the catalog alone answers. The one answer `med check` and `regimen
/// add` both show.
pub fn catalog_answer(
    q: Option<&quietlegs_core::QuietLegs>,
    name: &str,
) -> Vec<quietlegs_core::MedicineInfo> {
    q.and_then(|q| q.check_medicine_for_profile(name.to_owned()).ok())
        .unwrap_or_else(|| quietlegs_core::check_medicine(name.to_owned()))
}

/// The options of `med augmentation`, as typed.
pub struct Questionnaire {
    pub usual_onset: Option<String>,
    pub severity: Option<String>,
    pub spread_before: Option<bool>,
    pub relief_then: Option<String>,
    pub relief_now: Option<String>,
    pub dose_increases: Option<String>,
    pub clear: Option<String>,
}

/// `med augmentation [answers]`: saves the answers given, keeping the saved ones not given, or shows the saved ones when none is
/// given (showing only reads: it never creates a diary). `--clear` takes answers back.
pub fn augmentation(
    db: &Option<PathBuf>,
    typed: Questionnaire,
    json: bool,
) -> Result<(), QuietLegsError> {
    // Hours as a person types them (`1,5`), read and range-checked by the core.
    let hours = |q: AugmentationQuestion, text: Option<String>| {
        text.map(|t| quietlegs_core::read_relief_hours(q, t))
            .transpose()
    };
    // Whole numbers as typed (`-1` too), range-checked by the core naming the answer.
    let whole = |q: AugmentationQuestion, text: Option<String>| {
        text.map(|t| quietlegs_core::read_whole_answer(q, t))
            .transpose()
    };
    // At most 10 once read; a value past u8 could not be, and the core would refuse it.
    let severity = whole(AugmentationQuestion::Severity, typed.severity)?
        .map(|n| u8::try_from(n).unwrap_or(u8::MAX));
    let answers = AugmentationAnswers {
        usual_onset: typed.usual_onset,
        severity_when_it_worked: severity,
        spread_beyond_legs_before: typed.spread_before,
        relief_hours_at_start: hours(AugmentationQuestion::ReliefThen, typed.relief_then)?,
        relief_hours_now: hours(AugmentationQuestion::ReliefNow, typed.relief_now)?,
        dose_increases: whole(AugmentationQuestion::DoseIncreases, typed.dose_increases)?,
        answered_on: None,
    };
    let empty = answers.usual_onset.is_none()
        && answers.severity_when_it_worked.is_none()
        && answers.spread_beyond_legs_before.is_none()
        && answers.relief_hours_at_start.is_none()
        && answers.relief_hours_now.is_none()
        && answers.dose_increases.is_none();
    if let Some(list) = typed.clear {
        if !empty {
            return Err(invalid(
                "clear",
                "give new answers or --clear, not both in one command",
            ));
        }
        let questions = cleared(&list)?;
        let left = open(db)?.clear_augmentation_answers(questions)?;
        output::augmentation_answers(left.as_ref(), json);
        return Ok(());
    }
    let shown = if empty {
        open_to_read(db)?.augmentation_answers()?
    } else {
        Some(open(db)?.update_augmentation_answers(answers)?)
    };
    output::augmentation_answers(shown.as_ref(), json);
    Ok(())
}

/// The answers `--clear` names (`relief-then,relief-now`; `all` for every one).
fn cleared(list: &str) -> Result<Vec<AugmentationQuestion>, QuietLegsError> {
    if list.trim().eq_ignore_ascii_case("all") {
        return Ok(AugmentationQuestion::ALL.to_vec());
    }
    // The options' own spelling (`usual-onset`), as the help gives it, not the vocabulary's.
    let spelled: Vec<String> = AugmentationQuestion::ALL
        .iter()
        .map(|q| quietlegs_core::word_of(q).replace('_', "-"))
        .collect();
    list.split(',')
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            quietlegs_core::parse_word("clear", w, &AugmentationQuestion::ALL).map_err(|_| {
                invalid(
                    "clear",
                    format!("{w:?}: expected one of {}, or all", spelled.join(", ")),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .and_then(|v| {
            if v.is_empty() {
                Err(invalid("clear", "name the answers to clear, or all"))
            } else {
                Ok(v)
            }
        })
}

/// `screen`: the RLS screener, asked at the terminal or answered by flags.
pub fn screen(a: &ScreenArgs, json: bool) -> Result<(), QuietLegsError> {
    let answers = super::screen::answers(a)?;
    output::screen(&quietlegs_core::screen_rls(answers), json);
    Ok(())
}
