//! The versioned JSON export: one self-describing document, streamed record by record, and its
//! strict reader. The JSON Schema lives in core/schema/export-v1.schema.json.

use std::io::Write;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{LabValue, Record};
use crate::store::{for_each_record, Store};

/// The `format` field of every QuietLegs export.
pub const FORMAT: &str = "quietlegs-export";
/// The export version this code writes and reads.
pub const VERSION: u32 = 1;

/// Streams every record (tombstones included) to `w`; returns how many were written.
pub fn write_export(store: &Store, now: DateTime<Utc>, w: &mut dyn Write) -> Result<u64> {
    let header = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "device_id": store.device_id(),
        "exported_at": crate::store::ts(&now),
    });
    // The header's fields, then the records array, written piece by piece.
    let head = serde_json::to_string(&header)?;
    let head = head.strip_suffix('}').unwrap_or(&head);
    write!(w, "{head},\"records\":[")?;
    let mut n = 0u64;
    for_each_record(store.conn(), |r| {
        if n > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"\n")?;
        serde_json::to_writer(&mut *w, &r)?;
        n += 1;
        Ok(())
    })?;
    w.write_all(b"\n]}\n")?;
    Ok(n)
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    device_id: String,
    exported_at: DateTime<Utc>,
    records: Vec<Record>,
}

/// A parsed, validated export.
#[derive(Debug)]
pub struct ExportFile {
    pub device_id: String,
    pub exported_at: DateTime<Utc>,
    pub records: Vec<Record>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::BadFile(msg.into())
}

/// Reads an export, refusing anything that is not a complete, valid QuietLegs export of a
/// version this code understands. `now` bounds plausible dates.
pub fn read_export(bytes: &[u8], now: DateTime<Utc>) -> Result<ExportFile> {
    let header: Header = serde_json::from_slice(bytes).map_err(|e| bad(describe(&e)))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(bad(format!("not a QuietLegs export (format is {other:?})"))),
        None => return Err(bad("not a QuietLegs export (no \"format\" field)")),
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(bad(format!(
            "export version {v} is newer than this app understands ({VERSION}); update QuietLegs"
        )))
        }
        _ => {
            return Err(bad(format!(
                "unsupported export version {:?}",
                header.version
            )))
        }
    }
    let mut doc: Document = serde_json::from_slice(bytes).map_err(|e| bad(describe(&e)))?;
    // The diary keeps timestamps to the millisecond; so must the comparison, or a file with
    // finer times would "update" on every import.
    for r in &mut doc.records {
        let m = r.meta_mut();
        m.created_at = to_millis(m.created_at);
        m.modified_at = to_millis(m.modified_at);
    }
    let mut seen = std::collections::HashMap::new();
    for (i, r) in doc.records.iter().enumerate() {
        let id = r.meta().id;
        if let Some(first) = seen.insert(id, i) {
            return Err(bad(format!(
                "record id {id} appears twice (records {} and {})",
                first + 1,
                i + 1
            )));
        }
        validate(r, now).map_err(|e| bad(format!("record {} ({id}): {e}", i + 1)))?;
    }
    Ok(ExportFile {
        device_id: doc.device_id,
        exported_at: doc.exported_at,
        records: doc.records,
    })
}

fn to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {} column {}", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("the file ends early ({at}): truncated?"),
        Category::Syntax => format!("not valid JSON at {at}: {e}"),
        Category::Data => format!("unexpected content at {at}: {e}"),
        Category::Io => format!("could not read: {e}"),
    }
}

/// Checks what types alone do not: plausible dates and ranges, like the app's own input checks.
fn validate(r: &Record, now: DateTime<Utc>) -> Result<()> {
    let earliest = DateTime::parse_from_rfc3339("1900-01-01T00:00:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default();
    let latest = now + Duration::days(2);
    let plausible = |what: &str, t: DateTime<Utc>| {
        if t < earliest || t > latest {
            Err(Error::invalid(what, format!("{t} is not a plausible date")))
        } else {
            Ok(())
        }
    };
    let day =
        |what: &str, d: NaiveDate| plausible(what, d.and_time(chrono::NaiveTime::MIN).and_utc());
    let m = r.meta();
    plausible("created_at", m.created_at)?;
    plausible("modified_at", m.modified_at)?;
    if m.device_id.is_empty() || m.device_id.len() > 100 {
        return Err(Error::invalid("device_id", "must be 1-100 characters"));
    }
    match r {
        Record::Profile { .. } => Ok(()),
        Record::Night(n) => {
            day("night date", n.night_date)?;
            n.validate(latest.date_naive())
        }
        Record::Event(e) => {
            plausible("time", e.at)?;
            if e.note
                .as_ref()
                .is_some_and(|n| n.chars().count() > crate::model::night::NOTES_MAX_CHARS)
            {
                return Err(Error::invalid("note", "too long"));
            }
            Ok(())
        }
        Record::Lab(l) => {
            day("lab date", l.taken_on)?;
            let check =
                LabValue::from_entry(l.analyte, l.value.canonical, l.analyte.canonical_unit())?;
            if (check.canonical - l.value.canonical).abs() > 1e-9 {
                return Err(Error::invalid("lab value", "does not match its unit"));
            }
            LabValue::from_entry(l.analyte, l.value.entered_value, &l.value.entered_unit)
                .map(|_| ())
        }
        Record::Regimen(x) => {
            day("start date", x.start_date)?;
            x.validate()
        }
        Record::Habit(_) => Ok(()),
    }
}
