//! Merge properties on random histories of two and three devices: idempotent, commutative,
//! associative; one night per night date and one profile whichever devices made them; nothing
//! else lost. Both merge paths (the scan of a whole export, the probe of an everyday sync into a
//! diary that already holds more than ten times the file) are held to a small reference model
//! of the merge rule written here, independently of the merge's own decision code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use quietlegs_core::exchange::merge::{merge_records, merge_records_by, MergePath};
use quietlegs_core::model::{
    Analyte, Event, EventKind, Habit, IntakeKind, LabValue, Night, Profile, Record, RecordMeta,
    RegimenItem, RegimenKind,
};
use quietlegs_core::store::{for_each_record, Store};
use uuid::Uuid;

/// The kind of record each id of the pool holds: every kind, with more nights and two
/// profiles, so that different ids share a natural key (a night date, the profile).
const KINDS: [u8; 12] = [0, 1, 1, 2, 3, 4, 5, 1, 0, 1, 2, 1];

/// Device ids a version may carry: few, so two devices' stores hold versions by the same one.
const DEVICES: [&str; 3] = ["a", "b", "c"];

/// One version of a record: which record (of a small pool, so devices collide), when, by whom,
/// and its content (few values, so exact ties of the sync fields with other content occur).
#[derive(Debug, Clone)]
struct Version {
    record: usize,
    minute: i64,
    device: usize,
    deleted: bool,
    content: u8,
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

fn record(v: &Version) -> Record {
    let meta = RecordMeta {
        id: Uuid::from_u128(v.record as u128 + 1),
        created_at: t0(),
        // Few distinct minutes, so equal timestamps (ties) are common.
        modified_at: t0() + Duration::minutes(v.minute),
        deleted: v.deleted,
        device_id: DEVICES[v.device].to_owned(),
    };
    let c = v.content;
    let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    match KINDS[v.record] {
        0 => Record::Profile {
            meta,
            profile: Profile {
                bedtime: NaiveTime::from_hms_opt(21, u32::from(c), 0).unwrap(),
                pregnant: c % 2 == 1,
                ..Profile::default()
            },
        },
        // Three night dates among five night ids; an edit may move a night to another date.
        1 => Record::Night(Night {
            meta,
            night_date: day + Duration::days(i64::from(c % 3)),
            quick_severity: Some(c),
            irls: None,
            onset: None,
            body_areas: vec![],
            sleep_hours: Some(6.5),
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: Some(format!("version {c}")),
            changed: None,
        }),
        2 => Record::Event(Event {
            meta,
            at: t0() - Duration::hours(i64::from(c)),
            kind: EventKind::Intake {
                what: IntakeKind::Coffee,
            },
            note: (c > 0).then(|| format!("note {c}")),
            warnings: vec![],
        }),
        3 => Record::Lab(quietlegs_core::model::Lab {
            meta,
            analyte: Analyte::Ferritin,
            value: LabValue::from_entry(Analyte::Ferritin, 20.0 + f64::from(c), "ng/mL").unwrap(),
            taken_on: day,
        }),
        4 => Record::Regimen(RegimenItem {
            meta,
            kind: RegimenKind::Iron,
            name: format!("Iron {c}"),
            dose_mg: Some(65.0),
            times: vec![],
            every_n_days: 1 + u32::from(c % 2),
            with_vitamin_c: false,
            start_date: day,
            stop_date: None,
            start_source: quietlegs_core::model::StartSource::ALL[usize::from(c % 3)],
        }),
        _ => Record::Habit(Habit {
            meta,
            intake: IntakeKind::Coffee,
            at: NaiveTime::from_hms_opt(7, u32::from(c), 0).unwrap(),
        }),
    }
}

/// A device's file: one version per record, its latest write.
fn build(versions: &[Version]) -> Vec<Record> {
    let mut latest: BTreeMap<usize, &Version> = BTreeMap::new();
    for v in versions {
        latest.insert(v.record, v);
    }
    latest.values().map(|v| record(v)).collect()
}

/// What a diary held before the sync: enough records that a file of this test's size is
/// probed, not scanned (the everyday sync). Ids outside the pool.
fn background() -> Vec<Record> {
    (0..200u128)
        .map(|i| {
            Record::Event(Event {
                meta: RecordMeta {
                    id: Uuid::from_u128(10_000 + i),
                    created_at: t0(),
                    modified_at: t0(),
                    deleted: false,
                    device_id: "base".to_owned(),
                },
                at: t0() - Duration::days(i as i64),
                kind: EventKind::Intake {
                    what: IntakeKind::Tea,
                },
                note: None,
                warnings: vec![],
            })
        })
        .collect()
}

// ---- the reference model: the merge rule of SPEC §4, written plainly ---------------------

/// The order of two versions of one record: newer `modified_at`, then device id, then a
/// tombstone over a live copy, then the copy that serialises to more non-null leaves (an older
/// app's round trip drops fields it does not know), then the serialised content.
fn version_key(r: &Record) -> (DateTime<Utc>, String, bool, usize, String) {
    fn leaves(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Null => 0,
            serde_json::Value::Array(a) => a.iter().map(leaves).sum(),
            serde_json::Value::Object(o) => o.values().map(leaves).sum(),
            _ => 1,
        }
    }
    let m = r.meta();
    (
        m.modified_at,
        m.device_id.clone(),
        m.deleted,
        leaves(&serde_json::to_value(r).unwrap()),
        serde_json::to_string(r).unwrap(),
    )
}

/// Every record's winning version over all files.
fn reference(files: &[&[Record]]) -> BTreeMap<Uuid, Record> {
    let mut out: BTreeMap<Uuid, Record> = BTreeMap::new();
    for r in files.iter().flat_map(|f| f.iter()) {
        let id = r.meta().id;
        if out
            .get(&id)
            .is_none_or(|old| version_key(r) > version_key(old))
        {
            out.insert(id, r.clone());
        }
    }
    out
}

/// What a person sees: per night date the newest row of that date (modified_at, device id,
/// tombstone, id), unless it is a tombstone; the profile field by field over the live profile
/// records, none of which carries field stamps here: per field the newest `modified_at`, then
/// device id, then the value's JSON text (`model/profile_merge.rs`).
fn reference_view(state: &BTreeMap<Uuid, Record>) -> View {
    let key = |r: &Record| {
        let m = r.meta();
        (m.modified_at, m.device_id.clone(), m.deleted, m.id)
    };
    let mut nights: BTreeMap<NaiveDate, &Record> = BTreeMap::new();
    let mut bedtime: Option<(DateTime<Utc>, String, String)> = None;
    let mut pregnant: Option<(DateTime<Utc>, String, String)> = None;
    for r in state.values() {
        match r {
            Record::Night(n) => {
                let slot = nights.entry(n.night_date).or_insert(r);
                if key(r) > key(slot) {
                    *slot = r;
                }
            }
            Record::Profile { meta, profile } if !meta.deleted => {
                let at = (meta.modified_at, meta.device_id.clone());
                let b = (
                    at.0,
                    at.1.clone(),
                    serde_json::to_string(&profile.bedtime).unwrap(),
                );
                let p = (
                    at.0,
                    at.1,
                    serde_json::to_string(&profile.pregnant).unwrap(),
                );
                if bedtime.as_ref().is_none_or(|old| b > *old) {
                    bedtime = Some(b);
                }
                if pregnant.as_ref().is_none_or(|old| p > *old) {
                    pregnant = Some(p);
                }
            }
            _ => {}
        }
    }
    View {
        nights: nights
            .into_iter()
            .filter(|(_, r)| !r.meta().deleted)
            .map(|(d, r)| (d, serde_json::to_string(r).unwrap()))
            .collect(),
        profile: bedtime.zip(pregnant).map(|(b, p)| (b.2, p.2)),
    }
}

#[derive(Debug, PartialEq)]
struct View {
    nights: Vec<(NaiveDate, String)>,
    /// The profile's bedtime and pregnancy, as JSON text.
    profile: Option<(String, String)>,
}

// ---- the diary under test ------------------------------------------------------------------

fn content(s: &Store) -> Vec<String> {
    let mut v: Vec<String> = export(s)
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    v.sort();
    v
}

fn view(s: &Store) -> View {
    let lo = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let nights = quietlegs_core::store::nights(s.conn(), lo, hi).unwrap();
    let profile = quietlegs_core::store::profile(s.conn()).unwrap();
    View {
        nights: nights
            .into_iter()
            .map(|n| {
                (
                    n.night_date,
                    serde_json::to_string(&Record::Night(n)).unwrap(),
                )
            })
            .collect(),
        profile: profile.map(|f| {
            (
                serde_json::to_string(&f.profile.bedtime).unwrap(),
                serde_json::to_string(&f.profile.pregnant).unwrap(),
            )
        }),
    }
}

fn merged_by(start: &[Record], files: &[&[Record]], path: Option<MergePath>) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    if !start.is_empty() {
        s.write(|tx| merge_records(tx, start)).unwrap();
    }
    for f in files {
        s.write(|tx| match path {
            Some(p) => merge_records_by(tx, f, p),
            None => merge_records(tx, f),
        })
        .unwrap();
    }
    s
}

fn merged(files: &[&[Record]]) -> Store {
    merged_by(&[], files, None)
}

fn export(s: &Store) -> Vec<Record> {
    let mut v = Vec::new();
    for_each_record(s.conn(), |r| {
        v.push(r);
        Ok(())
    })
    .unwrap();
    v
}

fn versions() -> impl Strategy<Value = Vec<Version>> {
    prop::collection::vec(
        (
            0usize..KINDS.len(),
            0i64..3,
            0usize..DEVICES.len(),
            any::<bool>(),
            0u8..3,
        )
            .prop_map(|(record, minute, device, deleted, content)| Version {
                record,
                minute,
                device,
                deleted,
                content,
            }),
        0..16,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]

    #[test]
    fn both_merge_paths_agree_with_the_reference_model(
        a in versions(), b in versions(), c in versions(), preloaded in any::<bool>()
    ) {
        let (a, b, c) = (build(&a), build(&b), build(&c));
        let start = if preloaded { background() } else { Vec::new() };
        let want = reference(&[&start, &a, &b, &c]);
        let want_rows: Vec<String> = {
            let mut v: Vec<String> =
                want.values().map(|r| serde_json::to_string(r).unwrap()).collect();
            v.sort();
            v
        };
        for path in [MergePath::Scan, MergePath::Probe] {
            let s = merged_by(&start, &[&a, &b, &c], Some(path));
            prop_assert_eq!(&content(&s), &want_rows, "{:?}: nothing lost, newest wins", path);
            prop_assert_eq!(view(&s), reference_view(&want), "{:?}: one per key", path);
        }
    }

    #[test]
    fn two_devices_merge_commutatively_and_idempotently(
        a in versions(), b in versions(), preloaded in any::<bool>()
    ) {
        let (a, b) = (build(&a), build(&b));
        let start = if preloaded { background() } else { Vec::new() };
        let ab = merged_by(&start, &[&a, &b], None);
        let ba = merged_by(&start, &[&b, &a], None);
        prop_assert_eq!(content(&ab), content(&ba));
        prop_assert_eq!(view(&ab), view(&ba));
        let abab = merged_by(&start, &[&a, &b, &a, &b], None);
        prop_assert_eq!(content(&ab), content(&abab));
        prop_assert_eq!(view(&ab), view(&abab));
        // Nothing lost, nothing duplicated: one row per record id of either device.
        let mut ids: Vec<_> = start.iter().chain(&a).chain(&b).map(|r| r.meta().id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(content(&ab).len(), ids.len());
    }

    #[test]
    fn three_devices_merge_associatively(a in versions(), b in versions(), c in versions()) {
        let (a, b, c) = (build(&a), build(&b), build(&c));
        let left = export(&merged(&[&a, &b]));
        let left_then_c = merged(&[&left, &c]);
        let right = export(&merged(&[&b, &c]));
        let a_then_right = merged(&[&a, &right]);
        prop_assert_eq!(content(&left_then_c), content(&a_then_right));
        prop_assert_eq!(view(&left_then_c), view(&a_then_right));
        let cab = merged(&[&c, &a, &b]);
        prop_assert_eq!(content(&left_then_c), content(&cab));
        prop_assert_eq!(view(&left_then_c), view(&cab));
    }

    #[test]
    fn one_night_per_date_and_one_profile_whichever_devices_made_them(
        a in versions(), b in versions(), c in versions()
    ) {
        let (a, b, c) = (build(&a), build(&b), build(&c));
        let s = merged(&[&a, &b, &c]);
        let v = view(&s);
        let mut dates: Vec<_> = v.nights.iter().map(|(d, _)| *d).collect();
        dates.dedup();
        prop_assert_eq!(dates.len(), v.nights.len(), "{:?}", v.nights);
        // The profile the diary shows comes from the live profiles it holds, if it holds any:
        // each field is the value of one of them.
        let live: Vec<Profile> = export(&s)
            .into_iter()
            .filter_map(|r| match r {
                Record::Profile { meta, profile } if !meta.deleted => Some(profile),
                _ => None,
            })
            .collect();
        prop_assert_eq!(v.profile.is_some(), !live.is_empty());
        if let Some((bedtime, pregnant)) = &v.profile {
            prop_assert!(live
                .iter()
                .any(|p| serde_json::to_string(&p.bedtime).unwrap() == *bedtime));
            prop_assert!(live
                .iter()
                .any(|p| serde_json::to_string(&p.pregnant).unwrap() == *pregnant));
        }
    }
}

#[test]
fn import_reports_what_it_did() {
    let t = |m, device| Version {
        record: 1,
        minute: m,
        device,
        deleted: false,
        content: 2,
    };
    let old = build(&[t(1, 0)]);
    let new = build(&[t(2, 1)]);
    let mut s = Store::open_in_memory().unwrap();
    let r = s.write(|tx| merge_records(tx, &old)).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged, r.skipped), (1, 0, 0, 0));
    let r = s.write(|tx| merge_records(tx, &new)).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged, r.skipped), (0, 1, 0, 0));
    let r = s.write(|tx| merge_records(tx, &new)).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged, r.skipped), (0, 0, 1, 0));
    let r = s.write(|tx| merge_records(tx, &old)).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged, r.skipped), (0, 0, 0, 1));
    // A deletion newer than the edit wins.
    let del = build(&[Version {
        record: 1,
        minute: 3,
        device: 0,
        deleted: true,
        content: 2,
    }]);
    s.write(|tx| merge_records(tx, &del)).unwrap();
    assert!(export(&s)[0].meta().deleted);
}

#[test]
fn a_file_with_sub_millisecond_times_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let q = quietlegs_core::QuietLegs::open_at(
        &dir.path().join("a.db"),
        std::sync::Arc::new(quietlegs_core::FixedClock(now)),
    )
    .unwrap();
    let mut recs = build(&[Version {
        record: 1,
        minute: 1,
        device: 0,
        deleted: false,
        content: 2,
    }]);
    recs[0].meta_mut().modified_at += Duration::nanoseconds(123_456);
    let doc = serde_json::json!({ "format": "quietlegs-export", "version": 1, "device_id": "a",
        "exported_at": "2026-11-21T12:00:00Z", "records": recs });
    let p = dir.path().join("fine.json");
    std::fs::write(&p, doc.to_string()).unwrap();
    assert_eq!(
        q.import_file(p.display().to_string(), None).unwrap().added,
        1
    );
    let again = q.import_file(p.display().to_string(), None).unwrap();
    assert_eq!((again.updated, again.unchanged), (0, 1));
}

#[test]
fn an_exact_tie_that_differs_only_in_created_at_is_decided_by_content_on_both_paths() {
    // Same id, modified_at, device and content; only created_at differs (two devices that
    // re-created the same record from one export). The larger serialised version wins
    // whichever arrives first, on both paths, so both devices end with the same record.
    let v = Version {
        record: 1,
        minute: 5,
        device: 0,
        deleted: false,
        content: 2,
    };
    let early = record(&v);
    let older = match record(&v) {
        Record::Night(mut n) => {
            n.meta.created_at = t0() - Duration::days(3);
            Record::Night(n)
        }
        other => panic!("{other:?}"),
    };
    let winner = [&early, &older]
        .into_iter()
        .max_by_key(|r| serde_json::to_string(r).unwrap())
        .unwrap()
        .clone();
    for path in [MergePath::Scan, MergePath::Probe] {
        for (a, b) in [(&early, &older), (&older, &early)] {
            let s = merged_by(
                &background(),
                &[std::slice::from_ref(a), std::slice::from_ref(b)],
                Some(path),
            );
            let got: Vec<Record> = export(&s)
                .into_iter()
                .filter(|r| r.meta().id == early.meta().id)
                .collect();
            assert_eq!(got, vec![winner.clone()], "{path:?}");
        }
    }
}

// ---- one night edited field by field on two or three devices -------------------------------

/// What a person does on one device, or a sync between two.
#[derive(Debug, Clone)]
enum Step {
    /// Sets one field of the night (`field` 0-5) to one of three values, as `log night` does.
    Edit {
        device: usize,
        field: usize,
        value: u8,
    },
    /// Deletes the night (a tombstone), if this device holds it live.
    Delete { device: usize },
    /// Exports `from` and imports it into `to`.
    Sync { from: usize, to: usize },
}

fn steps(devices: usize) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            6 => (0..devices, 0usize..6, 0u8..3)
                .prop_map(|(device, field, value)| Step::Edit { device, field, value }),
            1 => (0..devices).prop_map(|device| Step::Delete { device }),
            4 => (0..devices, 0..devices).prop_map(|(from, to)| Step::Sync { from, to }),
        ],
        0..24,
    )
}

const NIGHT_FIELDS: [&str; 6] = [
    "quick_severity",
    "sleep_hours",
    "awakenings",
    "notes",
    "onset",
    "body_areas",
];

fn set_field(n: &mut Night, field: usize, v: u8) {
    match field {
        0 => n.quick_severity = Some(v),
        1 => n.sleep_hours = Some(f64::from(v) + 4.0),
        2 => n.awakenings = (v > 0).then_some(u32::from(v)),
        3 => n.notes = (v > 0).then(|| format!("note {v}")),
        4 => n.onset = NaiveTime::from_hms_opt(21, u32::from(v), 0),
        _ => {
            n.body_areas = (0..v)
                .map(|i| quietlegs_core::model::BodyArea::ALL[usize::from(i)])
                .collect()
        }
    }
}

fn field_text(n: &Night, field: usize) -> String {
    let v = serde_json::to_value(n).unwrap();
    v[NIGHT_FIELDS[field]].to_string()
}

fn the_night(s: &Store, id: Uuid) -> Night {
    export(s)
        .into_iter()
        .find_map(|r| match r {
            Record::Night(n) if n.meta.id == id => Some(n),
            _ => None,
        })
        .unwrap()
}

fn sync_stores(from: &Store, to: &mut Store) {
    let file = export(from);
    to.write(|tx| merge_records(tx, &file)).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Random edits of random fields of one night on two or three devices (the third device's
    /// clock runs ten minutes behind), deletions, and syncs in any order: once every device has
    /// every other's export, all hold the same record; each field holds the value of its newest
    /// edit (nothing a device changed is lost to another device's edit of another field); the
    /// record is deleted exactly when the newest version was a deletion; and merging the final
    /// exports in any order, or twice, gives that same record.
    #[test]
    fn a_night_edited_on_several_devices_joins_field_by_field(
        three in any::<bool>(),
        legacy in any::<bool>(),
        plan in steps(3),
    ) {
        let n_dev = if three { 3 } else { 2 };
        let mut stores: Vec<Store> = (0..n_dev).map(|_| Store::open_in_memory().unwrap()).collect();
        let device = |s: &Store| s.device_id().to_owned();
        let skew = |d: usize| Duration::minutes(if d == 2 { 10 } else { 0 });
        let mut night = Night {
            meta: RecordMeta::new(t0(), &device(&stores[0])),
            night_date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            quick_severity: Some(6),
            irls: None,
            onset: None,
            body_areas: vec![],
            sleep_hours: None,
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: Some("first".into()),
            changed: None,
        };
        if !legacy {
            night = quietlegs_core::model::night_merge::stamped(None, night).unwrap();
        }
        let id = night.meta.id;
        for s in &mut stores {
            s.write(|tx| merge_records(tx, &[Record::Night(night.clone())])).unwrap();
        }
        // Every field edit made (its stamp and value), and every version's sync fields.
        let mut edits: Vec<(usize, quietlegs_core::model::profile_merge::FieldStamp, String)> =
            Vec::new();
        let mut metas = vec![night.meta.clone()];
        for (i, step) in plan.iter().enumerate() {
            let now = |d: usize| t0() + Duration::minutes(i as i64 + 20) - skew(d);
            match *step {
                Step::Edit { device: d, field, value } if d < n_dev => {
                    let old = the_night(&stores[d], id);
                    if old.meta.deleted {
                        continue;
                    }
                    let mut new = old.clone();
                    set_field(&mut new, field, value);
                    if field_text(&new, field) == field_text(&old, field) {
                        continue; // the API writes nothing for an edit that changes nothing
                    }
                    new.meta = old.meta.touched(now(d), &device(&stores[d]));
                    let new = quietlegs_core::model::night_merge::stamped(Some(&old), new).unwrap();
                    let stamp = new.changed.as_ref().unwrap()[NIGHT_FIELDS[field]].clone();
                    edits.push((field, stamp, field_text(&new, field)));
                    metas.push(new.meta.clone());
                    stores[d]
                        .write(|tx| merge_records(tx, &[Record::Night(new.clone())]))
                        .unwrap();
                    prop_assert_eq!(the_night(&stores[d], id), new, "a local edit is written as is");
                }
                Step::Delete { device: d } if d < n_dev => {
                    if the_night(&stores[d], id).meta.deleted {
                        continue;
                    }
                    stores[d].delete(&id.to_string(), now(d)).unwrap();
                    metas.push(the_night(&stores[d], id).meta);
                }
                Step::Sync { from, to } if from < n_dev && to < n_dev && from != to => {
                    let file = export(&stores[from]);
                    stores[to].write(|tx| merge_records(tx, &file)).unwrap();
                }
                _ => {}
            }
        }
        // Everyone exchanges with everyone, twice.
        for _ in 0..2 {
            for from in 0..n_dev {
                for to in 0..n_dev {
                    if from != to {
                        let (a, b) = if from < to {
                            let (l, r) = stores.split_at_mut(to);
                            (&l[from], &mut r[0])
                        } else {
                            let (l, r) = stores.split_at_mut(from);
                            (&r[0], &mut l[to])
                        };
                        sync_stores(a, b);
                    }
                }
            }
        }
        let want = content(&stores[0]);
        for s in &stores {
            prop_assert_eq!(&content(s), &want, "all devices equal");
        }
        let last = the_night(&stores[0], id);
        // Each field: the value of its newest edit.
        for (field, name) in NIGHT_FIELDS.iter().enumerate() {
            if let Some((_, _, value)) = edits
                .iter()
                .filter(|(f, _, _)| *f == field)
                .max_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)))
            {
                prop_assert_eq!(&field_text(&last, field), value, "{}", name);
            }
        }
        // Deleted exactly when the newest version is a deletion (SPEC §4).
        let newest = metas
            .iter()
            .max_by(|a, b| {
                (a.modified_at, &a.device_id, a.deleted).cmp(&(b.modified_at, &b.device_id, b.deleted))
            })
            .unwrap();
        prop_assert_eq!(&last.meta, newest);
        // The final exports in any order, and twice: the same.
        let files: Vec<Vec<Record>> = stores.iter().map(export).collect();
        let orders: &[&[usize]] = if three {
            &[&[0, 1, 2], &[2, 1, 0], &[1, 2, 0, 1]]
        } else {
            &[&[0, 1], &[1, 0], &[0, 1, 0, 1]]
        };
        for order in orders {
            let picked: Vec<&[Record]> = order.iter().map(|&i| files[i].as_slice()).collect();
            prop_assert_eq!(&content(&merged(&picked)), &want);
        }
    }
}

/// A night logged by a version before field stamps and then changed there, and the same night
/// changed on a device of this version (another field, later): the import joins them field by
/// field, on both devices, where the newer version whole used to drop the older app's change.
#[test]
fn a_stamped_night_and_one_from_before_stamps_join_on_import() {
    let base = match record(&Version {
        record: 1,
        minute: 0,
        device: 0,
        deleted: false,
        content: 1,
    }) {
        Record::Night(n) => n,
        other => panic!("{other:?}"),
    };
    // The older app changes the rating at minute 1 and writes no stamps.
    let mut old_app = base.clone();
    old_app.meta = base.meta.touched(t0() + Duration::minutes(1), "a");
    old_app.quick_severity = Some(8);
    // This version adds the hours slept at minute 2.
    let mut new_app = base.clone();
    new_app.meta = base.meta.touched(t0() + Duration::minutes(2), "b");
    new_app.sleep_hours = Some(4.0);
    let new_app = quietlegs_core::model::night_merge::stamped(Some(&base), new_app).unwrap();
    let (old_app, new_app) = (Record::Night(old_app), Record::Night(new_app));
    let mut finals = Vec::new();
    for (mine, theirs) in [(&old_app, &new_app), (&new_app, &old_app)] {
        for path in [MergePath::Scan, MergePath::Probe] {
            let s = merged_by(
                &background(),
                &[std::slice::from_ref(mine), std::slice::from_ref(theirs)],
                Some(path),
            );
            let n = the_night(&s, base.meta.id);
            assert_eq!(
                n.quick_severity,
                Some(8),
                "the older app's change ({path:?})"
            );
            assert_eq!(n.sleep_hours, Some(4.0), "this version's change ({path:?})");
            assert_eq!(n.notes, base.notes);
            assert_eq!(
                n.meta,
                new_app.meta().clone(),
                "the newer version's sync fields"
            );
            finals.push(content(&s));
        }
    }
    assert!(finals.windows(2).all(|w| w[0] == w[1]));
}
