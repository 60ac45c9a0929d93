//! Builders the rules' unit tests share (compiled for tests only).

use chrono::{NaiveDate, TimeZone, Utc};

use crate::model::{Analyte, Lab, LabValue, RecordMeta};

/// A record stamped 2026-01-01 00:00 UTC by device "t".
pub fn meta() -> RecordMeta {
    RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t")
}

/// A lab result of `a` with value `v` in its canonical unit (ng/mL for ferritin, % for TSAT),
/// drawn on `on` (YYYY-MM-DD).
pub fn lab(a: Analyte, v: f64, on: &str) -> Lab {
    Lab {
        meta: meta(),
        analyte: a,
        value: LabValue::from_entry(a, v, a.canonical_unit()).unwrap(),
        taken_on: on.parse::<NaiveDate>().unwrap(),
    }
}
