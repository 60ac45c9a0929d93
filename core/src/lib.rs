//! QuietLegs core: the diary store, the rules and the FFI surface shared by the Android, iOS
//! and desktop shells of an open-source companion app for Restless Legs Syndrome.
//!
//! Layout: [`evidence`] (every clinical constant with its source, the ground floor everything
//! else may read), [`model`] (what a person records), [`store`] (the only SQL), [`rules`] (pure
//! functions of state, now and time zone), [`api`] (the only uniffi surface).
//!
//! One door: [`api`] (re-exported at the root) is the public surface; the CLI and the phone
//! shells use nothing else. The other modules are `pub` only so the core's own integration
//! tests, benches and fuzz targets can reach them, and `#[doc(hidden)]` so they are not part of
//! the documented surface; `tools/import-graph` (run by `tests/run`) fails when `cli/src` names
//! any of them. See docs/ARCHITECTURE.md, "One door".

pub mod api;
#[doc(hidden)]
pub mod chart;
#[doc(hidden)]
pub mod demo;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod evidence;
#[doc(hidden)]
pub mod exchange;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod rules;
#[doc(hidden)]
pub mod store;

pub use api::*;

uniffi::setup_scaffolding!();
