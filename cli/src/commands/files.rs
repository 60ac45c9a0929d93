//! export, import and demo.

use std::io::{IsTerminal, Read};
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

/// `export --format F -o OUT`: json (optionally encrypted), csv, fhir, report or ics; the diary
/// is only read.
pub fn export(
    db: &Option<PathBuf>,
    format: &str,
    out: &Path,
    encrypt: bool,
    date: Option<String>,
    days: u32,
    json: bool,
) -> Result<(), QuietLegsError> {
    let q = crate::open_to_read(db)?;
    if encrypt && format != "json" {
        return Err(invalid("encrypt", "only the json export can be encrypted"));
    }
    // Every path is used exactly as given (a name that is not UTF-8 included).
    match format {
        "json" => {
            let pass = if encrypt {
                Some(passphrase(true)?)
            } else {
                None
            };
            output::exported(&q.export_json_with(out, pass.as_deref(), None)?, json);
        }
        "csv" => {
            let paths: Vec<String> = q
                .export_csv_to(out)?
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            output::exported_files(&paths, json)
        }
        "fhir" => output::exported(&q.export_fhir_to(out)?, json),
        "report" | "html" => output::exported_report(&q.export_report_to(out, date)?, json),
        "ics" | "calendar" => output::exported(&q.export_calendar_to(out, date, days)?, json),
        other => {
            return Err(invalid(
                "format",
                format!("{other:?}: use json, csv, fhir, report or ics"),
            ))
        }
    }
    Ok(())
}

/// An I/O error naming the file.
fn io(p: &Path, e: std::io::Error) -> QuietLegsError {
    QuietLegsError::Io {
        reason: format!("{}: {e}", p.display()),
    }
}

/// `import FILE`: merges an export (plain or encrypted) into the diary.
pub fn import(db: &Option<PathBuf>, file: &Path, json: bool) -> Result<(), QuietLegsError> {
    // Only the first bytes, to know whether to ask for a passphrase; the core checks the size
    // from the file's metadata before it reads the rest.
    let mut head = Vec::with_capacity(32);
    std::fs::File::open(file)
        .and_then(|f| f.take(32).read_to_end(&mut head))
        .map_err(|e| io(file, e))?;
    let pass = if head.starts_with(b"age-encryption.org/v1") {
        Some(passphrase(false)?)
    } else {
        None
    };
    // The file is checked (it exists, it can be read, the passphrase is known) before the diary
    // is opened: a missing file never leaves a new empty diary behind.
    let path = crate::db_path(db)?;
    let existed = std::fs::symlink_metadata(&path).is_ok();
    let q = quietlegs_core::QuietLegs::open_at(&path, crate::clock()?)?;
    match q.import_from(file, pass) {
        Ok(report) => {
            output::imported(&report, json);
            Ok(())
        }
        Err(e) => {
            // A bad file into a diary this command created: nothing was imported, so the new,
            // empty diary goes too (a retry with the right file must not meet a stray diary).
            // A diary that existed before is never touched.
            drop(q);
            if !existed {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Err(e)
        }
    }
}

/// The demo diary lives in its own file, never at `--db`: by default `demo.db` in the data
/// folder. Refreshing it deletes only a file that carries the demo's mark; anything else at that
/// path (a person's diary, another file) is refused and left untouched.
pub fn demo(
    db: &Option<PathBuf>,
    file: Option<PathBuf>,
    report: Option<PathBuf>,
    json: bool,
) -> Result<(), QuietLegsError> {
    if let Some(db) = db {
        return Err(invalid(
            "--db",
            format!(
                "the demo never uses your diary ({}); it lives in its own file: use `quietlegs demo` or `quietlegs demo --file PATH`",
                db.display()
            ),
        ));
    }
    let path = match file {
        Some(p) => p,
        None => crate::default_db()?.with_file_name("demo.db"),
    };
    let report = report.unwrap_or_else(|| path.with_file_name("quietlegs-demo-report.html"));
    // Checked before the demo diary is built: a report never replaces a diary (SPEC §6).
    if quietlegs_core::is_database(&report) {
        return Err(QuietLegsError::Io {
            reason: format!(
                "{} is a diary or another database: the demo report never overwrites it; nothing was written, choose another file name",
                report.display()
            ),
        });
    }
    if path.exists() {
        let old = QuietLegs::open_at(&path, crate::clock()?)?;
        if !old.is_demo()? {
            return Err(invalid(
                "--file",
                format!(
                    "{} is not the demo's own diary (it has no demo mark); it was left untouched",
                    path.display()
                ),
            ));
        }
        drop(old);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            let p = PathBuf::from(name);
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| io(&p, e))?;
            }
        }
    }
    let q = QuietLegs::open_at(&path, crate::clock()?)?;
    q.mark_as_demo()?;
    q.add_demo_history(120, 2)?;
    let summary = q.export_report_to(&report, None)?;
    if json {
        output::exported(&summary, true);
        return Ok(());
    }
    output::line(&format!("Demo diary: {} (120 nights)\n", path.display()));
    output::plan(&q.plan(None)?, false);
    output::line("");
    output::status(&q.status(None)?, false);
    output::line(&format!("\nReport for the doctor: {}", summary.path));
    output::line(&format!(
        "Look around: quietlegs --db {} status",
        output::shell_word(&path.display().to_string())
    ));
    Ok(())
}
