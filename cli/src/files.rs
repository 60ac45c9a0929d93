//! export, import and demo.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use quietlegs_core::{QuietLegs, QuietLegsError};

use crate::{invalid, output};

/// The passphrase from QUIETLEGS_PASSPHRASE, or asked for at the terminal without echo.
fn passphrase(confirm: bool) -> Result<String, QuietLegsError> {
    if let Ok(p) = std::env::var("QUIETLEGS_PASSPHRASE") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(invalid(
            "passphrase",
            "set QUIETLEGS_PASSPHRASE or run at a terminal",
        ));
    }
    let io = |e: std::io::Error| QuietLegsError::Io {
        reason: e.to_string(),
    };
    let p = rpassword::prompt_password("Passphrase: ").map_err(io)?;
    if confirm && rpassword::prompt_password("Again: ").map_err(io)? != p {
        return Err(invalid("passphrase", "the two entries differ"));
    }
    Ok(p)
}

fn text(p: &Path) -> String {
    p.display().to_string()
}

pub fn export(
    q: &QuietLegs,
    format: &str,
    out: &Path,
    encrypt: bool,
    date: Option<String>,
    days: u32,
    json: bool,
) -> Result<(), QuietLegsError> {
    if encrypt && format != "json" {
        return Err(invalid("encrypt", "only the json export can be encrypted"));
    }
    match format {
        "json" => {
            let pass = if encrypt {
                Some(passphrase(true)?)
            } else {
                None
            };
            output::exported(&q.export_json(text(out), pass)?, json);
        }
        "csv" => output::exported_files(&q.export_csv(text(out))?, json),
        "fhir" => output::exported(&q.export_fhir(text(out))?, json),
        "report" | "html" => output::exported(&q.export_report(text(out), date)?, json),
        "ics" | "calendar" => output::exported(&q.export_calendar(text(out), date, days)?, json),
        other => {
            return Err(invalid(
                "format",
                format!("{other:?}: use json, csv, fhir, report or ics"),
            ))
        }
    }
    Ok(())
}

pub fn import(q: &QuietLegs, file: &Path, json: bool) -> Result<(), QuietLegsError> {
    let head = std::fs::read(file).map_err(|e| QuietLegsError::Io {
        reason: format!("{}: {e}", file.display()),
    })?;
    let pass = if head.starts_with(b"age-encryption.org/v1") {
        Some(passphrase(false)?)
    } else {
        None
    };
    output::imported(&q.import_file(text(file), pass)?, json);
    Ok(())
}

/// The demo diary: next to the real one, never the real one.
pub fn demo(
    db: &Option<PathBuf>,
    report: Option<PathBuf>,
    json: bool,
) -> Result<(), QuietLegsError> {
    let path = match db {
        Some(p) => p.clone(),
        None => crate::default_db()?.with_file_name("demo.db"),
    };
    // Refresh: a demo diary is rebuilt from scratch each time; only a file that is a QuietLegs
    // diary we can open is replaced, and only when it is the demo path the user chose.
    if path.exists() {
        drop(QuietLegs::open_at(&path, crate::clock()?)?);
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| QuietLegsError::Io {
                    reason: e.to_string(),
                })?;
            }
        }
    }
    let q = QuietLegs::open_at(&path, crate::clock()?)?;
    let today = chrono::DateTime::from_timestamp_millis(crate::clock()?.now_millis())
        .unwrap_or_default()
        .date_naive();
    let device = q.device_id()?;
    let records = quietlegs_core::demo::demo_records(today, 120, 2, &device);
    q.merge_in(&records)?;
    let report = report.unwrap_or_else(|| path.with_file_name("quietlegs-report.html"));
    let summary = q.export_report(text(&report), None)?;
    if json {
        output::exported(&summary, true);
        return Ok(());
    }
    println!("Demo diary: {} (120 nights)\n", path.display());
    output::plan(&q.plan(None)?, false);
    println!();
    output::status(&q.status(None)?, false);
    println!("\nReport for the doctor: {}", summary.path);
    Ok(())
}
