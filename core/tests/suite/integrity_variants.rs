//! #12 variants at the API the phones use: a local edit beats a version stamped by a clock
//! running ahead, and concurrent profile changes through `update_profile` all survive.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use quietlegs_core::model::RecordMeta;
use quietlegs_core::{AugmentationAnswers, FixedClock, NightInput, ProfileChanges, QuietLegs};

#[test]
fn a_local_edit_outranks_the_version_it_replaces_whatever_the_clocks() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    for ahead_ms in [-60_000_i64, 0, 1, 23 * 3_600_000] {
        let stored = RecordMeta {
            modified_at: now + Duration::milliseconds(ahead_ms),
            ..RecordMeta::new(now, "fast-device")
        };
        let edited = stored.touched(now, "this-device");
        assert!(edited.modified_at > stored.modified_at, "{ahead_ms}");
        assert!(edited.modified_at >= now, "{ahead_ms}");
        if ahead_ms < 0 {
            assert_eq!(edited.modified_at, now, "a correct clock stamps now");
        }
    }
}

#[test]
fn concurrent_profile_changes_through_the_api_all_survive() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let changes = [
            ProfileChanges {
                bedtime: Some("22:15".into()),
                ..ProfileChanges::default()
            },
            ProfileChanges {
                wake_time: Some("06:45".into()),
                ..ProfileChanges::default()
            },
            ProfileChanges {
                dinner: Some("18:30".into()),
                ..ProfileChanges::default()
            },
            ProfileChanges {
                malabsorption: Some(true),
                ..ProfileChanges::default()
            },
        ];
        // Each on its own connection, as two screens or two processes would be.
        let threads: Vec<_> = changes
            .into_iter()
            .map(|c| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let q = QuietLegs::open_at(&path, Arc::new(FixedClock(now))).unwrap();
                    q.update_profile(c).unwrap();
                })
            })
            .collect();
        // The augmentation answers live in the profile too: saved at the same moment, they
        // must not undo a setting, nor a setting them.
        let answers = {
            let path = path.clone();
            std::thread::spawn(move || {
                let q = QuietLegs::open_at(&path, Arc::new(FixedClock(now))).unwrap();
                q.set_augmentation_answers(AugmentationAnswers {
                    usual_onset: None,
                    severity_when_it_worked: Some(3),
                    spread_beyond_legs_before: None,
                    relief_hours_at_start: None,
                    relief_hours_now: None,
                    dose_increases: Some(2),
                    answered_on: None,
                })
                .unwrap();
            })
        };
        for t in threads {
            t.join().unwrap();
        }
        answers.join().unwrap();
        let q = QuietLegs::open_at(&path, Arc::new(FixedClock(now))).unwrap();
        let p = q.profile().unwrap();
        assert_eq!(p.bedtime, "22:15");
        assert_eq!(p.wake_time, "06:45");
        assert_eq!(p.dinner.as_deref(), Some("18:30"));
        assert!(p.malabsorption);
        let a = q.augmentation_answers().unwrap().unwrap();
        assert_eq!(a.dose_increases, Some(2));
        // A bad value names its field and changes nothing.
        let bad = q.update_profile(ProfileChanges {
            bedtime: Some("25:99".into()),
            wake_time: Some("05:00".into()),
            ..ProfileChanges::default()
        });
        assert!(bad.is_err());
        assert_eq!(q.profile().unwrap(), p);
        // "" clears a meal.
        let cleared = q
            .update_profile(ProfileChanges {
                dinner: Some(String::new()),
                ..ProfileChanges::default()
            })
            .unwrap();
        assert_eq!(cleared.dinner, None);
    }
}

#[test]
fn log_night_keeping_adds_to_the_night_and_log_night_still_replaces() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let q = QuietLegs::open_at(&dir.path().join("n.db"), Arc::new(FixedClock(now))).unwrap();
    q.log_night(NightInput {
        notes: Some("long drive".into()),
        ..NightInput::quick("2026-11-20", 4)
    })
    .unwrap();
    let added = q
        .log_night_keeping(NightInput {
            quick_severity: None,
            sleep_hours: Some(5.0),
            ..NightInput::quick("2026-11-20", 0)
        })
        .unwrap();
    assert_eq!(added.quick_severity, Some(4));
    assert_eq!(added.sleep_hours, Some(5.0));
    assert_eq!(added.notes.as_deref(), Some("long drive"));
    let replaced = q.log_night(NightInput::quick("2026-11-20", 6)).unwrap();
    assert_eq!(replaced.notes, None);
    assert_eq!(q.nights(None, None).unwrap().len(), 1);
}
