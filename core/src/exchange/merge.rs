//! Merging an export into the diary (SPEC §4): per record the newer `modified_at` wins, ties by
//! device id, then tombstone, then the version that carries more, then content, so that the
//! result is the same whatever the order (commutative), however often (idempotent). One
//! transaction: all or nothing.
//!
//! "Carries more": an older app that reads a record and exports it again keeps its sync fields
//! but drops the fields it does not know (a regimen item's `start_source`, the profile's
//! augmentation answers). That copy ties with ours on every sync field; were the tie decided by
//! the serialised text alone, the poorer copy could win and erase a fact the person entered.
//! Counting the values each version carries first makes the fuller copy win on every device.
//!
//! A profile record is the one exception to "the newer version whole": when one version has
//! field stamps and the other was written before them (an older app's edit), the two are
//! joined field by field (`profile_merge::join`), so the older app's edit lands without
//! erasing the augmentation answers or a birth date it did not know. The values are the same
//! whatever the order; where an older app re-wrote a field unchanged, the stamp kept may differ
//! by order, and the next sync settles it by the tie rule above.
//!
//! A night is joined field by field too, whenever at least one of two different versions of
//! its id carries field stamps (`night_merge::join`; docs/ARCHITECTURE.md, import and merge):
//! a night changed on two devices before they synced keeps both changes (the reviewers'
//! repro). Its sync fields, the tombstone flag included, are the newer version's, so deletions
//! win over older edits and a newer edit brings a night back, as before. Two unstamped versions
//! are not joined: the newer wins whole, as before stamps existed.
//!
//! Other records have no field stamps: an older app's newer edit of a regimen item replaces it
//! whole (SPEC §4), which loses a field that app does not know (a regimen item's start then
//! reads "not asked" and `regimen start` gives it again). Keeping it would need a stamp for
//! that field: carrying the older version's value by rule alone is not associative when three
//! versions disagree (the sync property tests found the case).

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{night_merge, profile_merge, Record, RecordMeta};
use crate::store::{
    for_each_stored, put_record, record_count, table_of_record, version_of, with_stored, StoredRow,
    Table,
};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, uniffi::Record)]
pub struct MergeReport {
    /// New records.
    pub added: u64,
    /// Records replaced by a newer version (including deletions).
    pub updated: u64,
    /// Identical to what was already here.
    pub unchanged: u64,
    /// Not newer than what is here, so ours was kept: older, or the same `modified_at` and
    /// losing the tie-break (device id, deletion, then content).
    pub skipped: u64,
    /// The night dates this file touched that now hold more than one live entry, `YYYY-MM-DD`,
    /// oldest first: devices each logged the night before they synced. Every entry is kept
    /// (the newest is the one the analyses use, SPEC §4) and `nights` lists them all.
    pub nights_logged_twice: Vec<String>,
}

/// "a night", "an event".
fn kind(table: Table) -> &'static str {
    match table {
        Table::Profile => "a profile",
        Table::Nights => "a night",
        Table::Events => "an event",
        Table::Labs => "a lab result",
        Table::Regimen => "a regimen item",
        Table::Habits => "a habit",
    }
}

fn other_kind(id: &Uuid, ours: Table, incoming: &Record) -> Error {
    Error::BadFile(format!(
        "record {id} is {} here but {} in the file",
        kind(ours),
        kind(table_of_record(incoming))
    ))
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
        Ordering::Equal => {
            // The values are counted in the serialised text read back as JSON: the same count as
            // serialising to a `serde_json::Value`, without compiling every record type's
            // writer a second time for `Value` (docs/PERFORMANCE.md, library size).
            let (ta, tb) = (serde_json::to_string(a)?, serde_json::to_string(b)?);
            let carried = |text: &str| -> Result<usize> {
                let v = serde_json::from_slice::<serde_json::Value>(text.as_bytes())?;
                Ok(crate::model::values_carried(&v))
            };
            carried(&ta)?
                .cmp(&carried(&tb)?)
                // The serialised text in field order, as every version before this one decided.
                .then(ta.cmp(&tb))
        }
        o => o,
    })
}

/// A scanned row costs about a tenth of a probe: scan when the file is at least a tenth of the
/// diary (the measured crossover is in docs/PERFORMANCE.md).
const PROBES_PER_SCANNED_ROW: u64 = 10;

/// How an incoming record compares with the stored version of its id: `None` when there is
/// none, else whether it is newer (`Greater`), the same, or older.
type Verdict = Option<Ordering>;

/// The sync fields' order; they decide almost always.
fn by_meta(m: &RecordMeta, modified_at: &str, device_id: &str, deleted: bool) -> Ordering {
    crate::model::time::instant_text(&m.modified_at)
        .as_str()
        .cmp(modified_at)
        .then_with(|| m.device_id.as_str().cmp(device_id))
        .then_with(|| m.deleted.cmp(&deleted))
}

/// Merges `records` inside the caller's transaction, in file order.
pub fn merge_records(tx: &Transaction<'_>, records: &[Record]) -> Result<MergeReport> {
    let stored = record_count(tx)?;
    let mut report = if (records.len() as u64).saturating_mul(PROBES_PER_SCANNED_ROW) >= stored {
        merge_scanning(tx, records, stored)?
    } else {
        merge_probing(tx, records)?
    };
    report.nights_logged_twice = nights_logged_twice(tx, records)?;
    Ok(report)
}

/// The night dates of `records` that hold several live entries after the merge (see
/// [`MergeReport::nights_logged_twice`]).
fn nights_logged_twice(tx: &Transaction<'_>, records: &[Record]) -> Result<Vec<String>> {
    let mut dates: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Night(n) => Some(n.night_date),
            _ => None,
        })
        .collect();
    dates.sort_unstable();
    dates.dedup();
    Ok(crate::store::night_dates_logged_twice(tx, &dates)?
        .into_iter()
        .map(|d| d.to_string())
        .collect())
}

/// The two ways a merge reads the stored versions, for tests that hold each to one reference
/// model of the merge rule (everyday syncs probe; a whole export scans).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergePath {
    Scan,
    Probe,
}

/// [`merge_records`] by a chosen path.
#[doc(hidden)]
pub fn merge_records_by(
    tx: &Transaction<'_>,
    records: &[Record],
    path: MergePath,
) -> Result<MergeReport> {
    match path {
        MergePath::Scan => merge_scanning(tx, records, record_count(tx)?),
        MergePath::Probe => merge_probing(tx, records),
    }
}

/// A small file into a large diary: one indexed read per record.
fn merge_probing(tx: &Transaction<'_>, records: &[Record]) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    for incoming in records {
        let verdict = probe(tx, incoming)?;
        apply(tx, &mut report, incoming, verdict)?;
    }
    Ok(report)
}

/// A file about as large as the diary (a whole export, a new device): each table is read once
/// beside the file's records by id, and only then written.
fn merge_scanning(tx: &Transaction<'_>, records: &[Record], stored: u64) -> Result<MergeReport> {
    // The first copy of each id in the file. A file never holds an id twice, but if one did,
    // its later copies are probed once the first is written, so they meet it.
    let mut first: HashMap<Uuid, usize> = HashMap::with_capacity(records.len());
    let mut repeated = vec![false; records.len()];
    for ((i, r), again) in records.iter().enumerate().zip(repeated.iter_mut()) {
        match first.entry(r.meta().id) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            Entry::Occupied(_) => *again = true,
        }
    }
    let mut verdicts: Vec<Verdict> = vec![None; records.len()];
    if stored > 0 {
        for table in Table::ALL {
            for_each_stored(tx, table, |row| {
                let Some(id) = row.id() else { return Ok(()) };
                let Some(&i) = first.get(&id) else {
                    return Ok(());
                };
                let (Some(incoming), Some(verdict)) = (records.get(i), verdicts.get_mut(i)) else {
                    return Ok(());
                };
                if table_of_record(incoming) != table {
                    return Err(other_kind(&id, table, incoming));
                }
                let m = incoming.meta();
                *verdict = Some(
                    match by_meta(m, row.modified_at()?, row.device_id()?, row.deleted()?) {
                        Ordering::Equal => tie(incoming, row)?,
                        o => o,
                    },
                );
                Ok(())
            })?;
        }
    }
    let mut report = MergeReport::default();
    for ((incoming, verdict), again) in records.iter().zip(verdicts).zip(repeated) {
        let verdict = if again { probe(tx, incoming)? } else { verdict };
        apply(tx, &mut report, incoming, verdict)?;
    }
    Ok(report)
}

/// The verdict for one record from an indexed read of its stored version.
fn probe(tx: &Connection, incoming: &Record) -> Result<Verdict> {
    let m = incoming.meta();
    let id = m.id.to_string();
    let Some(stored) = version_of(tx, &id)? else {
        return Ok(None);
    };
    if stored.table != table_of_record(incoming) {
        return Err(other_kind(&m.id, stored.table, incoming));
    }
    Ok(Some(
        match by_meta(m, &stored.modified_at, &stored.device_id, stored.deleted) {
            Ordering::Equal => with_stored(tx, stored.table, &id, |row| tie(incoming, row))?
                .unwrap_or(Ordering::Greater),
            o => o,
        },
    ))
}

/// An exact tie of the sync fields is almost always the same version (a re-import): the stored
/// columns are compared as they are, and decoded to order by content only when they differ.
fn tie(incoming: &Record, row: &StoredRow<'_, '_>) -> Result<Ordering> {
    if row.holds(incoming)? {
        Ok(Ordering::Equal)
    } else {
        order(incoming, &row.record()?)
    }
}

/// Writes the record if it is new or newer, and counts what happened.
fn apply(
    tx: &Transaction<'_>,
    report: &mut MergeReport,
    incoming: &Record,
    verdict: Verdict,
) -> Result<()> {
    if let (Record::Profile { .. } | Record::Night(_), Some(Ordering::Greater | Ordering::Less)) =
        (incoming, verdict)
    {
        return apply_joined(tx, report, incoming, verdict);
    }
    match verdict {
        None => {
            put_record(tx, incoming)?;
            report.added += 1;
        }
        Some(Ordering::Greater) => {
            put_record(tx, incoming)?;
            report.updated += 1;
        }
        Some(Ordering::Equal) => report.unchanged += 1,
        Some(Ordering::Less) => report.skipped += 1,
    }
    Ok(())
}

/// Two versions of a profile record an older app may have edited, or of a night edited on two
/// devices, as one. An older app writes its whole profile record without the fields it does
/// not know, and a device writes its whole night; the newer version whole would erase the
/// other's change. So: the newer version's sync fields, and per field the value with the
/// newest change ([`profile_merge::join`] when one profile version has field stamps and the
/// other not; [`night_merge::join`] when at least one night version has them).
fn apply_joined(
    tx: &Transaction<'_>,
    report: &mut MergeReport,
    incoming: &Record,
    verdict: Verdict,
) -> Result<()> {
    let id = incoming.meta().id.to_string();
    let stored = with_stored(tx, table_of_record(incoming), &id, |row| row.record())?;
    // The verdict already ordered the two versions: no second comparison.
    let newer = verdict == Some(Ordering::Greater);
    let joined = match &stored {
        Some(ours) => join_versions(ours, incoming, newer)?,
        None => None,
    };
    match (joined, stored) {
        (Some(joined), Some(stored)) if joined != stored => {
            put_record(tx, &joined)?;
            report.updated += 1;
        }
        (Some(_), Some(_)) => report.skipped += 1,
        // Nothing to join: the newer version, as for every other record.
        _ if newer => {
            put_record(tx, incoming)?;
            report.updated += 1;
        }
        _ => report.skipped += 1,
    }
    Ok(())
}

/// See [`apply_joined`]; `incoming_wins` is the merge's verdict between the two. `None` when
/// the two versions are not to be joined.
fn join_versions(ours: &Record, incoming: &Record, incoming_wins: bool) -> Result<Option<Record>> {
    Ok(match (ours, incoming) {
        (
            Record::Profile {
                meta: m_ours,
                profile: p_ours,
            },
            Record::Profile {
                meta: m_in,
                profile: p_in,
            },
        ) => {
            let meta = if incoming_wins { m_in } else { m_ours };
            let body = match (p_ours.changed.is_some(), p_in.changed.is_some()) {
                (true, false) => Some(profile_merge::join(p_ours, (m_in, p_in))?),
                (false, true) => Some(profile_merge::join(p_in, (m_ours, p_ours))?),
                // Both stamped (a device's later save keeps its earlier stamps) or both
                // written before stamps: the newer version, as for every other record.
                _ => None,
            };
            body.map(|profile| Record::Profile {
                meta: meta.clone(),
                profile,
            })
        }
        (Record::Night(ours), Record::Night(theirs)) => {
            let (newer, older) = if incoming_wins {
                (theirs, ours)
            } else {
                (ours, theirs)
            };
            night_merge::join(newer, older)?.map(Record::Night)
        }
        _ => None,
    })
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

    /// The merge rule written plainly, apart from the merge's own decision code: per id, the
    /// version with the newest `modified_at`, then device id, then tombstone, then the number of
    /// non-null leaves it serialises to, then serialised content.
    fn reference(files: &[&[Record]]) -> Vec<Record> {
        fn leaves(v: &serde_json::Value) -> usize {
            match v {
                serde_json::Value::Null => 0,
                serde_json::Value::Array(a) => a.iter().map(leaves).sum(),
                serde_json::Value::Object(o) => o.values().map(leaves).sum(),
                _ => 1,
            }
        }
        let key = |r: &Record| {
            let m = r.meta();
            (
                m.modified_at,
                m.device_id.clone(),
                m.deleted,
                leaves(&serde_json::to_value(r).unwrap()),
                serde_json::to_string(r).unwrap(),
            )
        };
        let mut best: std::collections::BTreeMap<Uuid, Record> = Default::default();
        for r in files.iter().flat_map(|f| f.iter()) {
            let id = r.meta().id;
            if best.get(&id).is_none_or(|old| key(r) > key(old)) {
                best.insert(id, r.clone());
            }
        }
        best.into_values().collect()
    }

    fn sorted(mut v: Vec<Record>) -> Vec<Record> {
        v.sort_by_key(|r| r.meta().id);
        v
    }

    #[test]
    fn probing_each_record_and_scanning_once_both_follow_the_merge_rule() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let ours = crate::demo::history(today, 1, "phone");
        // The file: ours edited later on a tablet, older versions, deletions, untouched ones,
        // exact ties whose content differs, and (below) new records.
        let mut file: Vec<Record> = ours
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let mut r = r.clone();
                if i % 6 == 4 {
                    return Some(r);
                }
                if i % 6 == 5 {
                    if let Record::Event(e) = &mut r {
                        e.note = Some(format!("edited in the same millisecond {i}"));
                    }
                    return Some(r);
                }
                let m = r.meta_mut();
                match i % 6 {
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
                    if scan {
                        merge_scanning(tx, &file, record_count(tx)?)
                    } else {
                        merge_probing(tx, &file)
                    }
                })
                .unwrap();
            results.push((report, everything(&s)));
        }
        let (probed, scanned) = (&results[0], &results[1]);
        let r = &probed.0;
        assert!(
            r.updated > 0 && r.skipped > 0 && r.added > 0 && r.unchanged > 0,
            "{r:?}"
        );
        assert_eq!(probed.0, scanned.0);
        let want = reference(&[&ours, &file]);
        assert_eq!(sorted(probed.1.clone()), want, "probing");
        assert_eq!(sorted(scanned.1.clone()), want, "scanning");
    }

    #[test]
    fn an_id_stored_as_another_kind_of_record_is_refused_either_way() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let ours = crate::demo::history(today, 1, "phone");
        let night = ours.iter().find(|r| matches!(r, Record::Night(_))).unwrap();
        let mut event = ours
            .iter()
            .find(|r| matches!(r, Record::Event(_)))
            .unwrap()
            .clone();
        event.meta_mut().id = night.meta().id;
        for scan in [false, true] {
            let mut s = Store::open_in_memory().unwrap();
            s.write(|tx| merge_records(tx, &ours)).unwrap();
            let err = s
                .write(|tx| {
                    let file = std::slice::from_ref(&event);
                    if scan {
                        merge_scanning(tx, file, record_count(tx)?)
                    } else {
                        merge_probing(tx, file)
                    }
                })
                .unwrap_err();
            assert!(
                err.to_string()
                    .contains("is a night here but an event in the file"),
                "{err}"
            );
            assert_eq!(everything(&s).len(), ours.len(), "nothing written");
        }
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
