//! `quietlegs`: the desktop shell. A thin client of the core's API: it parses arguments, calls
//! the same `QuietLegs` object the phones use, and prints.

mod args;
mod commands;
mod output;
mod term;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use quietlegs_core::{Clock, FixedClock, QuietLegs, QuietLegsError, SystemClock};

use args::Cli;

/// Bad input, refusals and every file error (each naming its file) exit with 2; an unexpected
/// storage failure with 1. Either way nothing was changed.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) if output::all_written() => ExitCode::SUCCESS,
        Ok(()) => {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "quietlegs: the output could not be written (disk full?)"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            use std::io::Write as _;
            // Escaped: a path or a typed value may hold control characters.
            let _ = writeln!(
                std::io::stderr(),
                "quietlegs: {}",
                term::clean(&e.to_string())
            );
            let code = match e {
                QuietLegsError::Storage { .. } | QuietLegsError::EncryptionFailed { .. } => 1,
                _ => EXIT_BAD_INPUT,
            };
            ExitCode::from(code)
        }
    }
}

pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> QuietLegsError {
    QuietLegsError::InvalidInput {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// `$XDG_DATA_HOME/quietlegs/quietlegs.db`, else `~/.local/share/quietlegs/quietlegs.db`; its
/// folder is created (0700) for a command that writes.
pub(crate) fn default_db() -> Result<PathBuf, QuietLegsError> {
    let path = default_db_path()?;
    if let Some(dir) = path.parent() {
        // Health data: the folder is the owner's alone (0700).
        quietlegs_core::create_private_dir(dir)?;
    }
    Ok(path)
}

/// [`default_db`] without creating anything (for the commands that only read).
fn default_db_path() -> Result<PathBuf, QuietLegsError> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| invalid("database", "set --db, XDG_DATA_HOME or HOME"))?;
    Ok(base.join("quietlegs").join("quietlegs.db"))
}

/// `QUIETLEGS_NOW` (RFC 3339) stops the clock, for reproducible scripts and tests.
pub(crate) fn clock() -> Result<Arc<dyn Clock>, QuietLegsError> {
    match std::env::var("QUIETLEGS_NOW") {
        Ok(s) => {
            let t = chrono::DateTime::parse_from_rfc3339(&s).map_err(|_| {
                invalid("QUIETLEGS_NOW", format!("{s:?}: expected an RFC 3339 time"))
            })?;
            Ok(Arc::new(FixedClock(t.with_timezone(&chrono::Utc))))
        }
        Err(_) => Ok(Arc::new(SystemClock)),
    }
}

pub(crate) fn open(db: &Option<PathBuf>) -> Result<Arc<QuietLegs>, QuietLegsError> {
    QuietLegs::open_at(&db_path(db)?, clock()?)
}

/// The diary `open` opens: `--db` as given, else the default (its folder created).
pub(crate) fn db_path(db: &Option<PathBuf>) -> Result<PathBuf, QuietLegsError> {
    match db {
        Some(p) => Ok(p.clone()),
        None => default_db(),
    }
}

/// For commands that only read. A diary that does not exist is never created (a typo in
/// `--db` must not make an empty diary and then export it over a good backup): "no such diary",
/// exit 2. A diary that cannot be written (read-only folder or medium) is opened read-only, so
/// it can still be shown and exported.
pub(crate) fn open_to_read(db: &Option<PathBuf>) -> Result<Arc<QuietLegs>, QuietLegsError> {
    let path = match db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    // A dangling link counts as missing: opening it for writing would create its target.
    if std::fs::metadata(&path).is_err() {
        return QuietLegs::open_read_only_at(&path, clock()?);
    }
    match QuietLegs::open_at(&path, clock()?) {
        Err(QuietLegsError::ReadOnly { .. }) => QuietLegs::open_read_only_at(&path, clock()?),
        other => other,
    }
}
