//! Moving the diary in and out: the JSON export and its merge, CSV, FHIR, the doctor's report,
//! the calendar, encryption, and the atomic file writes they all use.

pub mod atomic;
pub mod crypt;
pub mod csv;
pub mod fhir;
pub mod ics;
pub mod json;
pub mod merge;
pub mod report;
