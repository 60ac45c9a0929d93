//! `profile show`, `profile set`.

use std::path::PathBuf;

use quietlegs_core::{parse_word, ProfileChanges, QuietLegsError, Routine, Sex};

use crate::args::ProfileArgs;
use crate::{invalid, open, open_to_read, output};

/// `profile show`: the settings (defaults until first saved).
pub fn show(db: &Option<PathBuf>, json: bool) -> Result<(), QuietLegsError> {
    output::profile(&open_to_read(db)?.profile()?, json);
    Ok(())
}

/// `profile set`: only the given settings change, read and written in one transaction in the
/// core, so concurrent `profile set` calls each keep their change. `none` clears a meal time,
/// the due date, the birth date or the sex, and switches off the routine; an empty value is
/// refused naming the field (the core reads `""` as "clear", so a stray empty argument would
/// silently erase a setting).
pub fn set(db: &Option<PathBuf>, a: ProfileArgs, json: bool) -> Result<(), QuietLegsError> {
    for (field, value) in [
        ("breakfast", &a.breakfast),
        ("lunch", &a.lunch),
        ("dinner", &a.dinner),
        ("due date", &a.due_date),
        ("birth date", &a.birth_date),
        ("sex", &a.sex),
        ("routine", &a.routine),
    ] {
        refuse_empty(field, value.as_deref())?;
    }
    let none_is_empty = |v: String| if v == "none" { String::new() } else { v };
    let changes = ProfileChanges {
        time_zone: a.tz,
        bedtime: a.bedtime,
        wake_time: a.wake,
        breakfast: a.breakfast.map(none_is_empty),
        lunch: a.lunch.map(none_is_empty),
        dinner: a.dinner.map(none_is_empty),
        pregnant: a.pregnant,
        kidney_disease: a.kidney_disease,
        malabsorption: a.malabsorption,
        due_date: a.due_date.map(none_is_empty),
        dialysis: a.dialysis,
        birth_date: a.birth_date.map(none_is_empty),
        haemochromatosis: a.haemochromatosis,
        thalassaemia: a.thalassaemia,
        regular_transfusions: a.regular_transfusions,
        clear_sex: a.sex.as_deref() == Some("none"),
        sex: match a.sex.as_deref() {
            None | Some("none") => None,
            Some(s) => Some(parse_word("sex", s, &Sex::ALL)?),
        },
        routine: a.routine.as_deref().map(parse_routine).transpose()?,
    };
    let q = open(db)?;
    output::profile(&q.update_profile(changes)?, json);
    Ok(())
}

/// An empty (or blank, or only commas) value: refused, naming the field and the way to clear.
fn refuse_empty(field: &str, value: Option<&str>) -> Result<(), QuietLegsError> {
    match value {
        Some(v) if v.split(',').all(|w| w.trim().is_empty()) => {
            Err(invalid(field, "empty: give a value, or none to clear it"))
        }
        _ => Ok(()),
    }
}

/// `warm_bath,movement` (the routine items to switch on), or `none`.
fn parse_routine(s: &str) -> Result<Routine, QuietLegsError> {
    let mut r = Routine::default();
    for w in s
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty() && *w != "none")
    {
        match w.replace('-', "_").as_str() {
            "warm_bath" => r.warm_bath = true,
            "warm_socks" => r.warm_socks = true,
            "movement" => r.movement = true,
            "exercise_cutoff" => r.exercise_cutoff = true,
            _ => {
                return Err(invalid(
                    "routine",
                    format!(
                        "{w:?}: expected warm_bath, warm_socks, movement, exercise_cutoff or none"
                    ),
                ))
            }
        }
    }
    Ok(r)
}
