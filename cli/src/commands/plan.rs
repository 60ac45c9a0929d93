//! `plan`, `iron-window`, `check`, `reminders`, `reminder done|snooze|skip`.

use std::path::PathBuf;

use quietlegs_core::{QuietLegsError, ReminderAction};

use crate::args::ReminderCmd;
use crate::{open, open_to_read, output};

/// `plan [--date]`: the day's plan.
pub fn plan(db: &Option<PathBuf>, date: Option<String>, json: bool) -> Result<(), QuietLegsError> {
    output::plan(&open_to_read(db)?.plan(date)?, json);
    Ok(())
}

/// `iron-window [--date]`.
pub fn iron_window(
    db: &Option<PathBuf>,
    date: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    output::iron(&open_to_read(db)?.iron_window(date)?, json);
    Ok(())
}

/// `check WHAT [--at]`.
pub fn check(
    db: &Option<PathBuf>,
    what: String,
    at: Option<String>,
    json: bool,
) -> Result<(), QuietLegsError> {
    output::check(&open_to_read(db)?.check_intake(what, at)?, json);
    Ok(())
}

/// `reminders [--from] [--days]`.
pub fn reminders(
    db: &Option<PathBuf>,
    from: Option<String>,
    days: Option<u32>,
    json: bool,
) -> Result<(), QuietLegsError> {
    output::reminders(&open_to_read(db)?.reminders(from, days)?, json);
    Ok(())
}

/// `reminder done|snooze|skip ID`.
pub fn reminder(db: &Option<PathBuf>, cmd: ReminderCmd, json: bool) -> Result<(), QuietLegsError> {
    let q = open(db)?;
    let r = match cmd {
        ReminderCmd::Done { id, at } => q.act_on_reminder(id, ReminderAction::Done, at)?,
        ReminderCmd::Snooze { id, minutes } => {
            q.act_on_reminder(id, ReminderAction::Snooze { minutes }, None)?
        }
        ReminderCmd::Skip { id } => q.act_on_reminder(id, ReminderAction::Skip, None)?,
    };
    output::acted(&r, &q.regimen()?, json);
    Ok(())
}
