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
    let input = RegimenInput {
        kind,
        name,
        dose_mg: a.mg,
        times,
        every_n_days: a.every,
        with_vitamin_c: a.with_vitamin_c,
        start_date: a.start,
        stop_date: a.stop,
    };
    let is_medicine = matches!(kind, RegimenKind::Medication | RegimenKind::Supplement);
    let name = input.name.clone();
    let time_hint = quietlegs_core::iron_time_hint(&input);
    let q = open(db)?;
    let added = q.add_regimen(input)?;
    output::regimen(std::slice::from_ref(&added), json);
    if is_medicine && !json {
        output::regimen_notes(&super::medicine::catalog_answer(Some(&*q), &name));
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
