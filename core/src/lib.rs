//! QuietLegs core: the diary store, the rules and the FFI surface shared by the Android, iOS
//! and desktop shells of an open-source companion app for Restless Legs Syndrome.
//!
//! Layout: [`evidence`] (every clinical constant with its source, the ground floor everything
//! else may read), [`model`] (what a person records), [`store`] (the only SQL), [`rules`] (pure
//! functions of state, now and time zone), [`api`] (the only uniffi surface).

pub mod api;
pub mod chart;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod model;
pub mod rules;
pub mod store;

pub use api::*;

uniffi::setup_scaffolding!();
