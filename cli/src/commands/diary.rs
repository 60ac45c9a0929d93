//! `lab add`, `labs`, `nights`, `events`, `delete`, `rescue`.

use std::path::{Path, PathBuf};

use quietlegs_core::{parse_analyte, parse_decimal, LabInput, QuietLegsError};

use crate::{open, open_to_read, output};

/// `lab add ANALYTE VALUE UNIT DATE`.
pub fn lab_add(
    db: &Option<PathBuf>,
    analyte: &str,
    value: &str,
    unit: String,
    date: String,
    json: bool,
) -> Result<(), QuietLegsError> {
    let analyte = parse_analyte("lab", analyte)?;
    let value = parse_decimal("value", value)?;
    let q = open(db)?;
    let lab = q.add_lab(LabInput {
        analyte,
        value,
        unit,
        taken_on: date,
    })?;
    output::labs(&[lab], json);
    Ok(())
}

/// `labs [ANALYTE]`.
pub fn labs(
    db: &Option<PathBuf>,
    analyte: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let analyte = analyte.map(|a| parse_analyte("lab", &a)).transpose()?;
    output::labs(&open_to_read(db)?.labs(analyte)?, json);
    Ok(())
}

/// `nights [--from] [--to]`, `nights --date D`.
pub fn nights(
    db: &Option<PathBuf>,
    from: Option<String>,
    to: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    output::nights(&open_to_read(db)?.nights(from, to)?, json);
    Ok(())
}

/// `events DATE`.
pub fn events(db: &Option<PathBuf>, date: String, json: bool) -> Result<(), QuietLegsError> {
    let q = open_to_read(db)?;
    output::events(&q.events_on(date)?, &q.regimen()?, json);
    Ok(())
}

/// `delete ID`. Deleting from a diary that does not exist would create one: "no such diary".
pub fn delete(db: &Option<PathBuf>, id: String, json: bool) -> Result<(), QuietLegsError> {
    open_to_read(db)?.delete(id.clone())?;
    output::done(&format!("deleted {id}"), json);
    Ok(())
}

/// `rescue --to NEW.db`.
pub fn rescue(db: &Option<PathBuf>, to: &Path, json: bool) -> Result<(), QuietLegsError> {
    let r = open_to_read(db)?.rescue_to(to)?;
    output::rescued(&r, json);
    Ok(())
}
