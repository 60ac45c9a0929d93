//! Merging an export into the diary (SPEC §4): per record the newer `modified_at` wins, ties by
//! device id, then tombstone, then content, so that the result is the same whatever the order
//! (commutative), however often (idempotent). One transaction: all or nothing.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::Record;
use crate::store::{
    all_versions, record_by_id, record_count, record_in, stored_as, table_of_record, version_of,
    RecordWriter, StoredVersion,
};

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

/// A scanned row costs about an eighth of a probe: scan when the file is at least an eighth of
/// the diary.
const PROBES_PER_SCANNED_ROW: u64 = 8;

/// Where the merge learns each record's stored version.
enum Versions {
    /// One indexed probe per record (a small file into a large diary).
    Probe,
    /// Every stored version as it was before the merge, read once (a whole export, a new
    /// device), and the ids this merge has written since: a file never holds an id twice, but
    /// if one did, its second copy is probed so it meets the first.
    Known {
        before: HashMap<Uuid, StoredVersion>,
        written: HashSet<Uuid>,
    },
}

impl Versions {
    fn choose(tx: &Connection, incoming: usize) -> Result<Self> {
        let stored = record_count(tx)?;
        Ok(
            if (incoming as u64).saturating_mul(PROBES_PER_SCANNED_ROW) >= stored {
                Versions::known(all_versions(tx)?)
            } else {
                Versions::Probe
            },
        )
    }

    fn known(before: HashMap<Uuid, StoredVersion>) -> Self {
        Versions::Known {
            before,
            written: HashSet::new(),
        }
    }

    fn of(&self, tx: &Connection, r: &Record) -> Result<Option<Cow<'_, StoredVersion>>> {
        let id = &r.meta().id;
        match self {
            Versions::Known { before, written } if !written.contains(id) => {
                Ok(before.get(id).map(Cow::Borrowed))
            }
            _ => Ok(version_of(tx, &id.to_string())?.map(Cow::Owned)),
        }
    }

    fn wrote(&mut self, r: &Record) {
        if let Versions::Known { written, .. } = self {
            written.insert(r.meta().id);
        }
    }
}

/// Merges `records` inside the caller's transaction.
pub fn merge_records(tx: &Connection, records: &[Record]) -> Result<MergeReport> {
    let versions = Versions::choose(tx, records.len())?;
    merge_with(tx, records, versions)
}

fn merge_with(tx: &Connection, records: &[Record], mut versions: Versions) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    let mut writer = RecordWriter::new(tx);
    for incoming in records {
        let Some(stored) = versions.of(tx, incoming)? else {
            writer.put(incoming)?;
            versions.wrote(incoming);
            report.added += 1;
            continue;
        };
        let id = || incoming.meta().id.to_string();
        if stored.table != table_of_record(incoming) {
            let id = id();
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
            // An exact tie is almost always the same version (a re-import): compare the stored
            // columns as they are; decode and order by content only when they differ.
            Ordering::Equal => match stored_as(tx, incoming)? {
                Some(true) => Ordering::Equal,
                Some(false) => match record_in(tx, stored.table, &id())? {
                    Some(ours) => order(incoming, &ours)?,
                    None => Ordering::Greater,
                },
                None => Ordering::Greater,
            },
            o => o,
        };
        match verdict {
            Ordering::Greater => {
                writer.put(incoming)?;
                versions.wrote(incoming);
                report.updated += 1;
            }
            Ordering::Equal => report.unchanged += 1,
            Ordering::Less => report.skipped += 1,
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::store::{for_each_record, Store};

    fn everything(s: &Store) -> Vec<Record> {
        let mut out = Vec::new();
        for_each_record(s.conn(), |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn probing_each_record_and_scanning_once_merge_alike() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let ours = crate::demo::history(today, 1, "phone");
        // The file: half of ours edited later on a tablet, a few older versions, some new records.
        let mut file: Vec<Record> = ours
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let mut r = r.clone();
                let m = r.meta_mut();
                match i % 4 {
                    0 => m.modified_at += Duration::hours(1),
                    1 => m.modified_at -= Duration::hours(1),
                    2 => return None,
                    _ => m.deleted = true,
                }
                m.device_id = "tablet".to_owned();
                Some(r)
            })
            .collect();
        file.extend(
            crate::demo::history(today, 1, "tablet")
                .into_iter()
                .take(300)
                .map(|mut r| {
                    r.meta_mut().id = Uuid::new_v4();
                    r
                }),
        );

        let mut results = Vec::new();
        for scan in [false, true] {
            let mut s = Store::open_in_memory().unwrap();
            s.write(|tx| merge_records(tx, &ours)).unwrap();
            let report = s
                .write(|tx| {
                    let v = if scan {
                        Versions::known(all_versions(tx)?)
                    } else {
                        Versions::Probe
                    };
                    merge_with(tx, &file, v)
                })
                .unwrap();
            results.push((report, everything(&s)));
        }
        let (probed, scanned) = (&results[0], &results[1]);
        assert!(
            probed.0.updated > 0 && probed.0.skipped > 0 && probed.0.added > 0,
            "{:?}",
            probed.0
        );
        assert_eq!(probed.0, scanned.0);
        assert_eq!(probed.1, scanned.1);
    }

    #[test]
    fn an_id_twice_in_one_merge_meets_its_first_copy() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let first = crate::demo::history(today, 1, "phone").remove(0);
        let mut second = first.clone();
        second.meta_mut().modified_at += Duration::minutes(5);
        let mut s = Store::open_in_memory().unwrap();
        let report = s
            .write(|tx| merge_records(tx, &[first.clone(), second.clone()]))
            .unwrap();
        assert_eq!((report.added, report.updated), (1, 1));
        assert_eq!(everything(&s), vec![second]);
    }

    #[test]
    fn an_exact_tie_with_other_content_resolves_the_same_on_both_devices() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let a = crate::demo::history(today, 1, "phone")
            .into_iter()
            .find(|r| matches!(r, Record::Event(_)))
            .unwrap();
        let mut b = a.clone();
        if let Record::Event(e) = &mut b {
            e.note = Some("edited in the same millisecond".to_owned());
        }
        let mut finals = Vec::new();
        for (mine, theirs) in [(&a, &b), (&b, &a)] {
            let mut s = Store::open_in_memory().unwrap();
            s.write(|tx| merge_records(tx, std::slice::from_ref(mine)))
                .unwrap();
            let r = s
                .write(|tx| merge_records(tx, std::slice::from_ref(theirs)))
                .unwrap();
            assert_eq!(r.unchanged, 0, "different content is never 'unchanged'");
            finals.push(everything(&s));
        }
        assert_eq!(finals[0], finals[1]);
    }
}
