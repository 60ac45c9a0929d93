//! `regimen list|add`, `habit list|add`.

use std::path::PathBuf;

use quietlegs_core::{parse_intake, parse_word, QuietLegsError, RegimenInput, RegimenKind};

use crate::{invalid, open, open_to_read, output};

/// `regimen list`.
pub fn list(db: &Option<PathBuf>, json: bool) -> Result<(), QuietLegsError> {
    output::regimen(&open_to_read(db)?.regimen()?, json);
    Ok(())
}

/// The arguments of `regimen add`, as typed.
pub struct Added {
    pub kind: String,
    pub name: Option<String>,
    pub mg: Option<f64>,
    pub at: Option<String>,
    pub every: i32,
    pub with_vitamin_c: bool,
    pub start: Option<String>,
    pub stop: Option<String>,
}

/// `regimen add KIND [NAME]`; for a medicine or supplement, what the catalog says about it.
pub fn add(db: &Option<PathBuf>, a: Added, json: bool) -> Result<(), QuietLegsError> {
    let kind = match a.kind.as_str() {
        "med" | "medicine" | "medication" => RegimenKind::Medication,
        k => parse_word("regimen kind", k, &RegimenKind::ALL)?,
    };
    let name = match (a.name, kind) {
        (Some(n), _) => n,
        (None, RegimenKind::Medication | RegimenKind::Supplement) => {
            return Err(invalid("name", "give the medicine's name"))
        }
        // Iron, vitamin C, magnesium: the core keeps the generic name.
        (None, _) => String::new(),
    };
    let times =
        a.at.map(|t| t.split(',').map(|t| t.trim().to_owned()).collect())
            .unwrap_or_default();
    // `--start unknown`: the person does not know when they started (long ago).
    let unknown = a
        .start
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("unknown"));
    let start = if unknown { None } else { a.start };
    if let Some(s) = start.as_deref() {
        no_word_for_a_date(s, "--start unknown")?;
    }
    if start.is_none()
        && !unknown
        && matches!(kind, RegimenKind::Medication | RegimenKind::Supplement)
        && quietlegs_core::asks_start_date(name.clone())
    {
        return Err(invalid(
            "start date",
            format!(
                "when did you start {}? Give --start YYYY-MM-DD, or --start unknown if you do not know (long ago): the augmentation screen compares your symptoms now with when the drug first worked, and needs to know whether your diary covers that time",
                name.trim()
            ),
        ));
    }
    let input = RegimenInput {
        kind,
        name,
        dose_mg: a.mg,
        times,
        every_n_days: a.every,
        with_vitamin_c: a.with_vitamin_c,
        start_date: start,
        stop_date: a.stop,
        start_date_unknown: unknown,
    };
    let is_medicine = matches!(kind, RegimenKind::Medication | RegimenKind::Supplement);
    let name = input.name.clone();
    let time_hint = quietlegs_core::iron_time_hint(&input);
    let q = open(db)?;
    let added = q.add_regimen(input)?;
    output::regimen(std::slice::from_ref(&added), json);
    if is_medicine && !json {
        // The questionnaire is asked only when the diary lacks the nights before the drug.
        let ask = q.asks_augmentation_questionnaire(added.info.id.clone())?;
        output::regimen_notes(
            &super::medicine::catalog_answer(Some(&*q), &name),
            ask,
            &added.warnings,
        );
        if let Some(hint) = time_hint {
            output::line(&format!("    {hint}"));
        }
        // The label's own timing notes for today's doses (a first-thing medicine after
        // breakfast): the core's plan says them; the time stays as prescribed.
        let notes: Vec<_> = q
            .plan(None)?
            .items
            .into_iter()
            .filter(|i| i.regimen_id.as_deref() == Some(added.info.id.as_str()))
            // A plain dose says only "Your scheduled dose."; anything more is the label's note.
            .filter(|i| i.why != "Your scheduled dose.")
            .collect();
        output::dose_notes(&notes);
    }
    // Iron at a time the person set: today's plan keeps it and says what clashes with it
    // (review of #15: the time was listed, then silently replaced by the planner's window).
    if kind == RegimenKind::Iron && !added.times.is_empty() && !json {
        let iron = q.plan(None)?.iron;
        if iron.explanation.contains("warning:") {
            output::line(&format!("    timing note: {}", iron.explanation));
        }
    }
    Ok(())
}

/// A word that is no date ("long ago", "unknwn") is answered with both choices.
fn no_word_for_a_date(s: &str, unknown: &str) -> Result<(), QuietLegsError> {
    if s.chars().any(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    Err(invalid(
        "start date",
        format!("{s:?}: give the day you started as YYYY-MM-DD, or {unknown} if you do not know"),
    ))
}

/// `regimen start ID DATE|unknown`.
pub fn start(
    db: &Option<PathBuf>,
    id: &str,
    start: &str,
    json: bool,
) -> Result<(), QuietLegsError> {
    let unknown = start.trim().eq_ignore_ascii_case("unknown");
    if !unknown {
        no_word_for_a_date(start, "unknown")?;
    }
    let date = (!unknown).then(|| start.trim().to_owned());
    let saved = open(db)?.set_regimen_start(id.to_owned(), date, unknown)?;
    output::regimen(std::slice::from_ref(&saved), json);
    Ok(())
}

/// `regimen stop ID DATE|none`.
pub fn stop(db: &Option<PathBuf>, id: &str, stop: &str, json: bool) -> Result<(), QuietLegsError> {
    let clear = stop.trim().eq_ignore_ascii_case("none");
    if !clear && !stop.chars().any(|c| c.is_ascii_digit()) {
        return Err(invalid(
            "stop date",
            format!("{stop:?}: give the last day it was taken as YYYY-MM-DD, or none to clear it"),
        ));
    }
    let date = (!clear).then(|| stop.trim().to_owned());
    let saved = open(db)?.set_regimen_stop(id.to_owned(), date)?;
    output::regimen(std::slice::from_ref(&saved), json);
    Ok(())
}

/// `habit list`.
pub fn habits(db: &Option<PathBuf>, json: bool) -> Result<(), QuietLegsError> {
    output::habits(&open_to_read(db)?.habits()?, json);
    Ok(())
}

/// `habit add WHAT AT`.
pub fn habit_add(
    db: &Option<PathBuf>,
    what: &str,
    at: String,
    json: bool,
) -> Result<(), QuietLegsError> {
    let what = parse_intake("habit", what)?;
    output::habits(&[open(db)?.add_habit(what, at)?], json);
    Ok(())
}
