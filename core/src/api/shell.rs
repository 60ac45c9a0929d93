//! What a shell written in Rust (the desktop CLI) needs beside the [`QuietLegs`] object: the
//! vocabulary types its records carry, reading a typed word, a private folder, the demo history
//! and the evidence table. Rust-only (no uniffi export): the phones get the same words through
//! the generated bindings.
//!
//! [`QuietLegs`]: super::QuietLegs

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ApiResult, QuietLegs};

pub use crate::evidence::Evidence;
pub use crate::exchange::merge::MergeReport;
pub use crate::model::{
    ActivityKind, Analyte, BodyArea, EventKind, IntakeKind, Intensity, IvIronFormulation,
    RegimenKind, Relief, ReliefEffect, ReliefKind, Routine, Sex, Trigger,
};
pub use crate::rules::catalog::{DrugClass, MatchKind, MedicineEffect};
pub use crate::rules::insights::{Direction, SeverityScale};
pub use crate::rules::reminders::ReminderAction;
pub use crate::rules::screener::{ScreenAnswers, ScreenResult};

/// Every clinical and product number with its source, in table order.
pub fn evidence_table() -> &'static [Evidence] {
    crate::evidence::ALL
}

/// The snake_case word a vocabulary value is stored and typed as (`dairy_calcium`); empty for a
/// value that is not a plain word.
pub fn word_of<T: Serialize>(value: &T) -> String {
    crate::model::enums::name_of(value)
}

/// Reads a vocabulary word as typed (`late-exercise`, `Late_Exercise`). Errors: `InvalidInput`
/// naming `field` and listing the words of `all`.
pub fn parse_word<T: for<'de> Deserialize<'de> + Serialize>(
    field: &str,
    word: &str,
    all: &[T],
) -> ApiResult<T> {
    Ok(crate::model::enums::parse_word(field, word, all)?)
}

/// An intake by the everyday word a person types ("milk", "espresso", "breakfast") or by its
/// vocabulary word (`dairy_calcium`). Errors: `InvalidInput` naming `field`.
pub fn parse_intake(field: &str, word: &str) -> ApiResult<IntakeKind> {
    match crate::rules::interactions::intake_named(word) {
        Some(k) => Ok(k),
        None => parse_word(field, word, &IntakeKind::ALL),
    }
}

/// Creates `dir` and any missing parents, each new one readable by the owner alone (0700 on
/// Unix, under any umask); a folder that already exists keeps its mode. Errors: `Io` naming
/// the folder.
pub fn create_private_dir(dir: &Path) -> ApiResult<()> {
    Ok(crate::exchange::atomic::create_private_dir(dir)?)
}

/// Whether `path` is an SQLite database (a diary or another program's): exports and reports
/// refuse to replace one.
pub fn is_database(path: &Path) -> bool {
    crate::exchange::atomic::is_database(path)
}

impl QuietLegs {
    /// Merges the demo's made-up history into this diary: `nights` nights ending at the clock's
    /// today (UTC) with `intakes_per_day` intakes a day, all as this device's records. For the
    /// demo's own diary only (see [`QuietLegs::mark_as_demo`]).
    pub fn add_demo_history(&self, nights: u32, intakes_per_day: u32) -> ApiResult<MergeReport> {
        let today = self.now().date_naive();
        let device = self.device_id()?;
        let records = crate::demo::demo_records(today, nights, intakes_per_day, &device);
        self.merge_in(&records)
    }
}
