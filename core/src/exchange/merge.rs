//! Merging an export into the diary (SPEC §4): per record the newer `modified_at` wins, ties by
//! device id, then tombstone, then content, so that the result is the same whatever the order
//! (commutative), however often (idempotent). One transaction: all or nothing.

use std::cmp::Ordering;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::model::Record;
use crate::store::{put_record, record_by_id, table_of_record, version_of};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, uniffi::Record)]
pub struct MergeReport {
    /// New records.
    pub added: u64,
    /// Records replaced by a newer version (including deletions).
    pub updated: u64,
    /// Identical to what was already here.
    pub unchanged: u64,
    /// Older than what is here: kept ours.
    pub skipped: u64,
}

/// "a night", "an event".
fn kind(r: &Record) -> &'static str {
    match r {
        Record::Profile { .. } => "a profile",
        Record::Night(_) => "a night",
        Record::Event(_) => "an event",
        Record::Lab(_) => "a lab result",
        Record::Regimen(_) => "a regimen item",
        Record::Habit(_) => "a habit",
    }
}

/// The total order of versions of one record.
fn order(a: &Record, b: &Record) -> Result<Ordering> {
    let (ma, mb) = (a.meta(), b.meta());
    let by_meta = ma
        .modified_at
        .cmp(&mb.modified_at)
        .then_with(|| ma.device_id.cmp(&mb.device_id))
        .then_with(|| ma.deleted.cmp(&mb.deleted));
    Ok(match by_meta {
        // Same version (the common case on a re-import): no need to serialise to compare.
        Ordering::Equal if a == b => Ordering::Equal,
        Ordering::Equal => serde_json::to_string(a)?.cmp(&serde_json::to_string(b)?),
        o => o,
    })
}

/// Merges `records` inside the caller's transaction.
pub fn merge_records(tx: &Connection, records: &[Record]) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    for incoming in records {
        let id = incoming.meta().id.to_string();
        let Some(stored) = version_of(tx, &id)? else {
            put_record(tx, incoming)?;
            report.added += 1;
            continue;
        };
        if stored.table != table_of_record(incoming) {
            let ours = record_by_id(tx, &id)?;
            return Err(Error::BadFile(format!(
                "record {id} is {} here but {} in the file",
                ours.as_ref().map_or("another kind", kind),
                kind(incoming)
            )));
        }
        // The sync fields decide almost always; only an exact tie reads the stored record.
        let m = incoming.meta();
        let by_meta = crate::store::ts(&m.modified_at)
            .cmp(&stored.modified_at)
            .then_with(|| m.device_id.cmp(&stored.device_id))
            .then_with(|| m.deleted.cmp(&stored.deleted));
        let verdict = match by_meta {
            Ordering::Equal => match record_by_id(tx, &id)? {
                Some(ours) => order(incoming, &ours)?,
                None => Ordering::Greater,
            },
            o => o,
        };
        match verdict {
            Ordering::Greater => {
                put_record(tx, incoming)?;
                report.updated += 1;
            }
            Ordering::Equal => report.unchanged += 1,
            Ordering::Less => report.skipped += 1,
        }
    }
    Ok(report)
}
