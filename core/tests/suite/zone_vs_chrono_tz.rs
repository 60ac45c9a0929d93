//! `model::zone` (tz-rs over tzdb_data) against chrono-tz, the tables the core used before it:
//! every zone name, the UTC offset across 1990-2040, and how the local times around each
//! transition resolve (one instant, two, or none).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{DateTime, Duration, MappedLocalTime, NaiveDateTime, Offset, TimeZone, Utc};
use quietlegs_core::model::zone::Tz;

/// Zones whose rules the newer tz release in tzdb_data (2026b) changed against chrono-tz's, and
/// the date from which the two legitimately differ: British Columbia keeps daylight time from
/// November 2026; Moldova has switched at the EU's times since 2022.
const CHANGED_SINCE: &[(&str, (i32, u32, u32))] = &[
    ("America/Vancouver", (2026, 3, 9)),
    ("Canada/Pacific", (2026, 3, 9)),
    ("Europe/Chisinau", (2022, 1, 1)),
    ("Europe/Tiraspol", (2022, 1, 1)),
];

/// Sample spacing: uneven, so samples fall at every hour of the day over the years.
const STEP: Duration = Duration::hours(5 * 24 + 7);

fn offset_ours(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

fn offset_theirs(tz: chrono_tz::Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

fn instants<T: TimeZone>(r: MappedLocalTime<DateTime<T>>) -> Vec<i64> {
    match r {
        MappedLocalTime::None => vec![],
        MappedLocalTime::Single(a) => vec![a.timestamp()],
        MappedLocalTime::Ambiguous(a, b) => vec![a.timestamp(), b.timestamp()],
    }
}

/// The first second at which chrono-tz's offset differs from the one at `lo`.
fn transition(tz: chrono_tz::Tz, mut lo: DateTime<Utc>, mut hi: DateTime<Utc>) -> DateTime<Utc> {
    let before = offset_theirs(tz, lo);
    while hi - lo > Duration::seconds(1) {
        let mid = lo + (hi - lo) / 2;
        if offset_theirs(tz, mid) == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

#[test]
fn every_zone_is_known_by_the_same_name() {
    for theirs in chrono_tz::TZ_VARIANTS {
        let ours = Tz::named(theirs.name()).unwrap_or_else(|| panic!("{} missing", theirs.name()));
        assert_eq!(ours.name(), theirs.name());
    }
}

#[test]
fn offsets_and_local_times_agree_with_chrono_tz_from_1990_to_2040() {
    let start = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2040, 1, 1, 0, 0, 0).unwrap();
    let mut differences = Vec::new();
    let mut transitions_checked = 0;
    for theirs in chrono_tz::TZ_VARIANTS {
        let ours = Tz::named(theirs.name()).unwrap();
        let end = CHANGED_SINCE
            .iter()
            .find(|(z, _)| *z == theirs.name())
            .map_or(end, |(_, (y, m, d))| {
                Utc.with_ymd_and_hms(*y, *m, *d, 0, 0, 0).unwrap()
            });
        let mut t = start;
        let mut previous = offset_theirs(theirs, t);
        while t < end {
            let next = t + STEP;
            let now = offset_theirs(theirs, next);
            if offset_ours(ours, next) != now {
                differences.push(format!("{} offset at {next}", theirs.name()));
            }
            if now != previous {
                // Local wall times from 3 h before to 3 h after the change, every 15 minutes.
                let at = transition(theirs, t, next);
                let wall = at.naive_utc() + Duration::seconds(i64::from(previous));
                for k in -12..=12 {
                    let local: NaiveDateTime = wall + Duration::minutes(15 * k);
                    let a = instants(ours.from_local_datetime(&local));
                    let b = instants(theirs.from_local_datetime(&local));
                    if a != b {
                        differences
                            .push(format!("{} local {local}: {a:?} vs {b:?}", theirs.name()));
                    }
                }
                transitions_checked += 1;
            }
            previous = now;
            t = next;
        }
    }
    assert!(
        transitions_checked > 10_000,
        "only {transitions_checked} transitions seen"
    );
    assert!(
        differences.is_empty(),
        "{} differences, first: {:#?}",
        differences.len(),
        &differences[..differences.len().min(20)]
    );
}
