//! Pure rules: (state, now, time zone) → answer with reasons. No I/O, no clock reads, no SQL.

// The evidence table lives on the core's ground floor (crate::evidence); this keeps the
// `rules::evidence` paths of callers working.
pub use crate::evidence;

pub mod augmentation;
pub mod catalog;
pub mod check;
pub mod clash;
pub mod day;
pub mod flags;
pub mod groups;
pub mod insights;
pub mod interactions;
pub mod iron;
pub mod iron_status;
pub mod logged;
pub mod plan;
pub mod regimen;
pub mod regimen_entry;
pub mod reminders;
pub mod screener;
pub mod stats;
pub mod substance;
#[cfg(test)]
pub(crate) mod test_support;
pub mod weekly_irls;

use crate::model::{Event, Habit, Lab, Profile, RegimenItem};

/// A read-only view of the diary that rules work on. The store fills it; tests build it by hand.
#[derive(Debug, Clone, Copy)]
pub struct Diary<'a> {
    pub profile: &'a Profile,
    pub regimen: &'a [RegimenItem],
    pub habits: &'a [Habit],
    /// Events around the days asked about, earliest first.
    pub events: &'a [Event],
    pub labs: &'a [Lab],
}
