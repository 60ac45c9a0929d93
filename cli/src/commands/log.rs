//! `log night|intake|activity|weekly-irls|iv-iron|dose`.

use std::path::PathBuf;

use quietlegs_core::{
    parse_intake, parse_word, ActivityKind, BodyArea, EventInput, EventKind, Intensity,
    IvIronFormulation, NightInput, QuietLegsError, Relief, ReliefEffect, ReliefKind, Trigger,
};

use crate::args::NightArgs;
use crate::{clock, invalid, open, output};

/// `log night`: adds what is given to the night, keeping what was logged before. `--irls` is
/// refused: the IRLS is weekly (`log weekly-irls`).
pub fn night(db: &Option<PathBuf>, a: NightArgs, json: bool) -> Result<(), QuietLegsError> {
    if a.irls.is_some() {
        // The IRLS rates the past 7 days (SPEC §2.7): refused before the diary is opened.
        return Err(invalid("IRLS items", WEEKLY_IRLS_ONLY));
    }
    // `log night` keeps every field not given, so an empty value would be read as "not given"
    // and the old value kept while the command succeeded: refused, saying how to clear.
    for (field, value) in [
        ("note", &a.note),
        ("areas", &a.areas),
        ("triggers", &a.triggers),
        ("relief", &a.relief),
        ("onset", &a.onset),
    ] {
        if value
            .as_deref()
            .is_some_and(|v| v.split(',').all(|w| w.trim().is_empty()))
        {
            return Err(invalid(field, CANNOT_CLEAR));
        }
    }
    let input = NightInput {
        night_date: a.date,
        quick_severity: a.severity,
        irls_items: None,
        onset: a.onset,
        body_areas: list("body area", &a.areas, &BodyArea::ALL)?,
        sleep_hours: a.sleep,
        awakenings: a.awakenings,
        triggers: list("trigger", &a.triggers, &Trigger::ALL)?,
        relief: parse_relief(&a.relief)?,
        notes: a.note,
    };
    let q = open(db)?;
    output::night(&q.log_night_keeping(input)?, json);
    Ok(())
}

/// `log intake WHAT` (`coffee`, `milk`, `breakfast`…).
pub fn intake(
    db: &Option<PathBuf>,
    what: &str,
    at: Option<String>,
    note: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let what = parse_intake("intake", what)?;
    let q = open(db)?;
    let e = q.log_event(EventInput {
        at: at_or_now(at)?,
        kind: EventKind::Intake { what },
        note,
    })?;
    output::event(&e, &[], json);
    Ok(())
}

/// `log activity WHAT`.
pub fn activity(
    db: &Option<PathBuf>,
    what: &str,
    intensity: Option<String>,
    minutes: Option<u32>,
    at: Option<String>,
    note: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let what = parse_word("activity", what, &ActivityKind::ALL)?;
    let intensity = intensity
        .map(|i| parse_word("intensity", &i, &Intensity::ALL))
        .transpose()?;
    let q = open(db)?;
    let kind = EventKind::Activity {
        what,
        intensity,
        minutes,
    };
    output::event(
        &q.log_event(EventInput {
            at: at_or_now(at)?,
            kind,
            note,
        })?,
        &[],
        json,
    );
    Ok(())
}

/// Why an empty `log night` value is refused.
const CANNOT_CLEAR: &str = "empty: `log night` keeps what is not given and cannot clear a field; to clear it, delete the night (its id: `quietlegs --json nights --date YYYY-MM-DD`; then `quietlegs delete ID`) and log it again";

/// Why `log night --irls` is refused.
const WEEKLY_IRLS_ONLY: &str = "the IRLS rates the past 7 days, not one night: log it once a week with `quietlegs log weekly-irls SCORES --week-ending YYYY-MM-DD`; the night takes the quick 0-10 rating (--severity)";

/// `log weekly-irls ITEMS`: the ten IRLS items for the past week.
pub fn weekly_irls(
    db: &Option<PathBuf>,
    items: &str,
    week_ending: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let q = open(db)?;
    let items = parse_irls(items)?
        .into_iter()
        .map(|i| u8::try_from(i).unwrap_or(u8::MAX))
        .collect();
    output::event(&q.log_weekly_irls(items, week_ending)?, &[], json);
    Ok(())
}

/// `log iv-iron FORMULATION`.
pub fn iv_iron(
    db: &Option<PathBuf>,
    formulation: &str,
    at: Option<String>,
    note: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let formulation = parse_word("formulation", formulation, &IvIronFormulation::ALL)?;
    let q = open(db)?;
    output::event(
        &q.log_event(EventInput {
            at: at_or_now(at)?,
            kind: EventKind::IvIron { formulation },
            note,
        })?,
        &[],
        json,
    );
    Ok(())
}

/// `log dose ITEM`: the item by id, start of id or medicine name (the core finds it).
pub fn dose(
    db: &Option<PathBuf>,
    regimen_id: String,
    at: Option<String>,
    note: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let q = open(db)?;
    let kind = EventKind::Dose { regimen_id };
    let e = q.log_event(EventInput {
        at: at_or_now(at)?,
        kind,
        note,
    })?;
    output::event(&e, &q.regimen()?, json);
    Ok(())
}

/// Comma-separated vocabulary words (`legs,arms`); none when absent.
fn list<T: serde::Serialize + for<'de> serde::Deserialize<'de>>(
    field: &str,
    s: &Option<String>,
    all: &[T],
) -> Result<Vec<T>, QuietLegsError> {
    s.iter()
        .flat_map(|v| v.split(','))
        .filter(|w| !w.trim().is_empty())
        .map(|w| parse_word(field, w, all))
        .collect()
}

fn parse_irls(s: &str) -> Result<Vec<i32>, QuietLegsError> {
    s.split(',')
        .map(|p| {
            p.trim()
                .parse::<i32>()
                .map_err(|_| invalid("IRLS items", format!("{p:?} is not a score 0-4")))
        })
        .collect()
}

/// `walking:a_lot,massage:a_little`
fn parse_relief(s: &Option<String>) -> Result<Vec<Relief>, QuietLegsError> {
    const EFFECTS: [ReliefEffect; 3] = [
        ReliefEffect::NotAtAll,
        ReliefEffect::ALittle,
        ReliefEffect::ALot,
    ];
    s.iter()
        .flat_map(|v| v.split(','))
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            let (k, e) = w.split_once(':').unwrap_or((w, "a_little"));
            Ok(Relief {
                kind: parse_word("relief", k, &ReliefKind::ALL)?,
                effect: parse_word("relief effect", e, &EFFECTS)?,
            })
        })
        .collect()
}

/// The given time, or the clock's now as RFC 3339.
fn at_or_now(at: Option<String>) -> Result<String, QuietLegsError> {
    match at {
        Some(a) => Ok(a),
        None => {
            let ms = clock()?.now_millis();
            let now = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
            Ok(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        }
    }
}
