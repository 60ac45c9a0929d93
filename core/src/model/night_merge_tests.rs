#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, minute, 0).unwrap()
}

/// The night of 2026-11-20 as first logged on `device` at minute 0: rating 6, a note.
fn first(device: &str, stamps: bool) -> Night {
    let n = Night {
        meta: RecordMeta::new(t(0), device),
        night_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        quick_severity: Some(6),
        irls: None,
        onset: None,
        body_areas: vec![],
        sleep_hours: None,
        awakenings: None,
        triggers: vec![],
        relief: vec![],
        notes: Some("kicked a lot".into()),
        changed: None,
    };
    if stamps {
        stamped(None, n).unwrap()
    } else {
        n
    }
}

/// `n` edited on `device` at `minute` by `edit`, as the API's save writes it.
fn edited(n: &Night, device: &str, minute: u32, edit: impl FnOnce(&mut Night)) -> Night {
    let mut new = n.clone();
    new.meta = n.meta.touched(t(minute), device);
    edit(&mut new);
    stamped(Some(n), new).unwrap()
}

fn names(n: &Night) -> Vec<&str> {
    n.changed
        .as_ref()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn a_new_night_stamps_the_fields_it_gives_and_an_edit_only_what_it_changes() {
    let n = first("phone", true);
    assert_eq!(names(&n), ["night_date", "notes", "quick_severity"]);
    let e = edited(&n, "tablet", 5, |x| {
        x.sleep_hours = Some(4.0);
        x.quick_severity = Some(6);
    });
    let c = e.changed.as_ref().unwrap();
    assert_eq!(
        c["sleep_hours"],
        FieldStamp {
            at: t(5),
            device: "tablet".into()
        }
    );
    assert_eq!(
        c["quick_severity"],
        FieldStamp {
            at: t(0),
            device: "phone".into()
        },
        "unchanged"
    );
    assert!(!c.contains_key("awakenings"));
}

#[test]
fn an_edit_of_a_night_written_before_stamps_keeps_its_fields_claims() {
    let old = first("phone", false);
    let e = edited(&old, "tablet", 5, |x| x.sleep_hours = Some(4.0));
    let c = e.changed.as_ref().unwrap();
    assert_eq!(c.len(), 10, "every field stamped");
    assert_eq!(
        c["notes"],
        FieldStamp {
            at: t(0),
            device: "phone".into()
        }
    );
    assert_eq!(c["sleep_hours"].device, "tablet");
}

#[test]
fn an_edit_beats_the_stamp_it_replaces_even_from_a_clock_running_ahead() {
    let n = first("phone", true);
    let ahead = edited(&n, "tablet", 30, |x| x.quick_severity = Some(2));
    let later = edited(&ahead, "phone", 10, |x| x.quick_severity = Some(3));
    let s = &later.changed.as_ref().unwrap()["quick_severity"];
    assert!(s.at > t(30) && s.device == "phone");
    assert_eq!(
        join(&later, &ahead).unwrap().unwrap().quick_severity,
        Some(3)
    );
}

#[test]
fn a_stamped_night_and_one_written_before_stamps_join() {
    // The tablet (this version) adds the hours slept at minute 5; an older app on the phone,
    // which writes no stamps, changes the rating at minute 3 on its copy of the first version.
    let base = first("phone", false);
    let tablet = edited(&base, "tablet", 5, |x| x.sleep_hours = Some(4.0));
    let mut phone = base.clone();
    phone.meta = base.meta.touched(t(3), "phone");
    phone.quick_severity = Some(8);
    let (newer, older) = (&tablet, &phone);
    {
        let j = join(newer, older).unwrap().unwrap();
        assert_eq!(
            j.quick_severity,
            Some(8),
            "the old app's newer change of the rating"
        );
        assert_eq!(
            j.sleep_hours,
            Some(4.0),
            "the newer change of the hours slept"
        );
        assert_eq!(j.notes.as_deref(), Some("kicked a lot"));
        assert_eq!(j.meta, tablet.meta, "the newer version's meta");
        assert_eq!(
            j.changed.as_ref().unwrap()["quick_severity"],
            FieldStamp {
                at: t(3),
                device: "phone".into()
            }
        );
        // The same values whichever version the verdict calls newer, and joining again
        // changes nothing.
        let other = join(older, newer).unwrap().unwrap();
        assert_eq!(
            Night {
                meta: j.meta.clone(),
                ..other
            },
            j
        );
        assert_eq!(join(&j, older).unwrap().unwrap(), j);
        assert_eq!(join(&j, newer).unwrap().unwrap(), j);
    }
}

#[test]
fn two_versions_written_before_stamps_are_not_joined() {
    let a = first("phone", false);
    let mut b = a.clone();
    b.meta = a.meta.touched(t(2), "tablet");
    b.sleep_hours = Some(4.0);
    assert_eq!(join(&b, &a).unwrap(), None);
}

/// A random edit of one field.
fn edit() -> impl Strategy<Value = (usize, u8)> {
    (0usize..6, 0u8..3)
}

fn apply(n: &mut Night, (field, v): (usize, u8)) {
    match field {
        0 => n.quick_severity = Some(v),
        1 => n.sleep_hours = (v > 0).then_some(f64::from(v)),
        2 => n.awakenings = Some(u32::from(v)),
        3 => n.notes = (v > 0).then(|| format!("note {v}")),
        4 => n.onset = chrono::NaiveTime::from_hms_opt(21, u32::from(v), 0),
        _ => n.body_areas = (0..v).map(|_| crate::model::BodyArea::Legs).collect(),
    }
}

proptest! {
    // Every triple of up to eight versions per case: few cases cover many joins.
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// Versions of one night made by edits on three devices, each from the version it held,
    /// with clocks that disagree: the join is commutative, associative and idempotent.
    #[test]
    fn the_join_is_a_semilattice(
        edits in prop::collection::vec((0usize..3, 0u32..20, edit()), 1..6),
        legacy in any::<bool>()
    ) {
        let devices = ["a", "b", "c"];
        let base = first("a", !legacy);
        let mut held = vec![base.clone(), base.clone(), base];
        let mut versions = held.clone();
        for (d, minute, e) in edits {
            let n = edited(&held[d], devices[d], minute, |x| apply(x, e));
            held[d] = n.clone();
            versions.push(n);
        }
        // The merge's verdict between two versions: newer meta, then content.
        let j = |x: &Night, y: &Night| -> Night {
            let key = |n: &Night| (n.meta.modified_at, n.meta.device_id.clone(),
                serde_json::to_string(n).unwrap());
            let (newer, older) = if key(x) >= key(y) { (x, y) } else { (y, x) };
            join(newer, older).unwrap().unwrap_or_else(|| newer.clone())
        };
        for x in &versions {
            prop_assert_eq!(&j(x, x), x);
            for y in &versions {
                prop_assert_eq!(j(x, y), j(y, x));
                for z in &versions {
                    prop_assert_eq!(j(&j(x, y), z), j(x, &j(y, z)));
                }
            }
        }
    }
}

#[test]
fn a_copy_without_stamps_of_one_edit_adds_nothing_to_the_stamped_one() {
    // The tablet rates the night at minute 2 and adds a note at minute 9; a copy of that
    // version comes back without stamps (an older app's round trip). The phone changed the
    // rating at minute 5, between the tablet's two edits: its rating must still win.
    let base = first("phone", true);
    let rated = edited(&base, "tablet", 2, |x| x.quick_severity = Some(8));
    let tablet = edited(&rated, "tablet", 9, |x| x.notes = Some("B note".into()));
    let copy = Night {
        changed: None,
        ..tablet.clone()
    };
    assert_eq!(join(&copy, &tablet).unwrap(), Some(tablet.clone()));
    assert_eq!(join(&tablet, &copy).unwrap(), Some(tablet.clone()));
    let phone = edited(&base, "phone", 5, |x| x.quick_severity = Some(2));
    let j = join(&tablet, &join(&copy, &tablet).unwrap().unwrap())
        .unwrap()
        .unwrap();
    let j = join(&j, &phone).unwrap().unwrap();
    assert_eq!(j.quick_severity, Some(2), "the phone's edit at minute 5");
    assert_eq!(j.notes.as_deref(), Some("B note"));
}
