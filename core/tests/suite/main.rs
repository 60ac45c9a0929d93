//! The core's integration tests, one test binary: each file below was its own binary before,
//! and cargo-mutants linked all of them again for every mutant (docs/TESTING.md has the measured
//! gain). One module per subject; `common` holds the record builders several of them share.
//! Property-test regressions are kept in `core/tests/proptest-regressions/<module>.txt`, where
//! proptest looks for a test file beside a `main.rs`.

mod bounded_reads;
mod common;
mod export_import;
mod input_review;
mod integrity_variants;
mod iron_after_infusion;
mod iron_window;
mod logged_doses;
mod medicines_api;
mod reminder_props;
mod reminders_api;
mod rollback;
mod safety_rules;
mod scenarios;
mod screens_api;
mod special_groups;
mod stats_rules;
mod sync_props;
mod weekly_irls_api;
mod zone_vs_chrono_tz;
