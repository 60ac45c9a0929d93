//! Merge properties on random histories of two and three devices: idempotent, commutative,
//! associative; nothing lost, nothing duplicated; the newest version of every record wins.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use quietlegs_core::exchange::merge::merge_records;
use quietlegs_core::model::{Night, Record, RecordMeta};
use quietlegs_core::store::{for_each_record, Store};
use uuid::Uuid;

/// One version of a record: which record (of a small pool, so devices collide), when, by whom.
#[derive(Debug, Clone)]
struct Version {
    record: usize,
    minute: i64,
    deleted: bool,
    severity: u8,
}

fn build(device: &str, versions: &[Version]) -> Vec<Record> {
    // A device holds one version per record: its latest write.
    let mut latest: BTreeMap<usize, &Version> = BTreeMap::new();
    for v in versions {
        latest.insert(v.record, v);
    }
    latest
        .values()
        .map(|v| {
            let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
            let id = Uuid::from_u128(v.record as u128 + 1);
            Record::Night(Night {
                meta: RecordMeta {
                    id,
                    created_at: t0,
                    // Few distinct minutes, so equal timestamps (ties) are common.
                    modified_at: t0 + Duration::minutes(v.minute),
                    deleted: v.deleted,
                    device_id: device.to_owned(),
                },
                night_date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
                    + Duration::days(v.record as i64),
                quick_severity: Some(v.severity),
                irls: None,
                onset: None,
                body_areas: vec![],
                sleep_hours: None,
                awakenings: None,
                triggers: vec![],
                relief: vec![],
                notes: None,
            })
        })
        .collect()
}

fn content(s: &Store) -> Vec<String> {
    let mut v = Vec::new();
    for_each_record(s.conn(), |r| {
        v.push(serde_json::to_string(&r)?);
        Ok(())
    })
    .unwrap();
    v.sort();
    v
}

fn merged(files: &[&[Record]]) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for f in files {
        s.write(|tx| merge_records(tx, f)).unwrap();
    }
    s
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
        (0usize..8, 0i64..4, any::<bool>(), 0u8..=10).prop_map(
            |(record, minute, deleted, severity)| Version {
                record,
                minute,
                deleted,
                severity,
            },
        ),
        0..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn two_devices_merge_commutatively_and_idempotently(a in versions(), b in versions()) {
        let (a, b) = (build("device-a", &a), build("device-b", &b));
        let ab = merged(&[&a, &b]);
        let ba = merged(&[&b, &a]);
        prop_assert_eq!(content(&ab), content(&ba));
        let abab = merged(&[&a, &b, &a, &b]);
        prop_assert_eq!(content(&ab), content(&abab));
        // Nothing lost, nothing duplicated: one row per record id of either device.
        let mut ids: Vec<_> = a.iter().chain(&b).map(|r| r.meta().id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(content(&ab).len(), ids.len());
    }

    #[test]
    fn three_devices_merge_associatively(a in versions(), b in versions(), c in versions()) {
        let (a, b, c) = (build("a", &a), build("b", &b), build("c", &c));
        let left = export(&merged(&[&a, &b]));
        let left_then_c = merged(&[&left, &c]);
        let right = export(&merged(&[&b, &c]));
        let a_then_right = merged(&[&a, &right]);
        prop_assert_eq!(content(&left_then_c), content(&a_then_right));
        prop_assert_eq!(content(&left_then_c), content(&merged(&[&c, &a, &b])));
    }

    #[test]
    fn the_newest_version_wins_and_deletions_travel(a in versions(), b in versions()) {
        let (ra, rb) = (build("device-a", &a), build("device-b", &b));
        let s = merged(&[&ra, &rb]);
        let got: BTreeMap<Uuid, Record> = export(&s).into_iter().map(|r| (r.meta().id, r)).collect();
        for r in ra.iter().chain(&rb) {
            let kept = got[&r.meta().id].meta();
            prop_assert!((kept.modified_at, &kept.device_id) >= (r.meta().modified_at, &r.meta().device_id));
        }
    }
}

#[test]
fn import_reports_what_it_did() {
    let t = |m| Version {
        record: 0,
        minute: m,
        deleted: false,
        severity: 3,
    };
    let old = build("a", &[t(1)]);
    let new = build("b", &[t(2)]);
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
    let del = build(
        "a",
        &[Version {
            record: 0,
            minute: 3,
            deleted: true,
            severity: 3,
        }],
    );
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
    let mut recs = build(
        "a",
        &[Version {
            record: 0,
            minute: 1,
            deleted: false,
            severity: 3,
        }],
    );
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
