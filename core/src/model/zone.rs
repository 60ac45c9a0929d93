//! IANA time zones for the rules, behind chrono's `TimeZone` so every rule keeps chrono's
//! arithmetic. The data are the compact tables of `tzdb_data` read by `tz-rs`: about 0.45 MB of
//! the phone library where chrono-tz's span tables cost 1.9 MB (docs/PERFORMANCE.md).

use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tz::{LocalTimeType, TimeZoneRef};

/// Every transition is less than a day from its neighbours' offsets, so the offsets a day either
/// side of a local time (and the offsets they lead to) are all the candidates it can have.
const CANDIDATE_WINDOW_SECS: i64 = 24 * 60 * 60;

/// Where a lookup falls outside the tables (years beyond what tz-rs computes): UTC, not a panic.
static UTC_TYPE: LocalTimeType = LocalTimeType::utc();

/// An IANA time zone, e.g. `Europe/Berlin`. Copy, compared and stored by its name.
#[derive(Clone, Copy)]
pub struct Tz {
    name: &'static str,
    zone: &'static TimeZoneRef<'static>,
}

impl Tz {
    pub const UTC: Tz = Tz {
        name: "UTC",
        zone: &tzdb_data::time_zone::UTC,
    };

    /// The zone's IANA name as the database spells it.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Looks a zone up by its IANA name, ignoring case; `None` when there is no such zone.
    pub fn named(name: &str) -> Option<Tz> {
        let zone = tzdb_data::find_tz(name.as_bytes())?;
        let canonical = tzdb_data::TZ_NAMES
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))?;
        Some(Tz {
            name: canonical,
            zone,
        })
    }

    fn local_type(&self, unix_secs: i64) -> &'static LocalTimeType {
        self.zone
            .find_local_time_type(unix_secs)
            .unwrap_or(&UTC_TYPE)
    }

    fn offset_at(&self, unix_secs: i64) -> TzOffset {
        TzOffset::new(*self, self.local_type(unix_secs))
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Tz {}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// The error of parsing a name that is not an IANA zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an IANA time zone")
    }
}

impl FromStr for Tz {
    type Err = UnknownZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tz::named(s).ok_or(UnknownZone)
    }
}

impl Serialize for Tz {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl<'de> Deserialize<'de> for Tz {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Tz::named(&name).ok_or_else(|| serde::de::Error::custom(format!("{name:?}: {UnknownZone}")))
    }
}

/// The offset in force at an instant of a zone, with its abbreviation (`CET`, `CEST`).
#[derive(Clone, Copy)]
pub struct TzOffset {
    tz: Tz,
    fixed: FixedOffset,
    abbreviation: &'static str,
}

impl TzOffset {
    fn new(tz: Tz, t: &'static LocalTimeType) -> Self {
        TzOffset {
            tz,
            // tz-rs keeps offsets within a day, which FixedOffset accepts.
            fixed: FixedOffset::east_opt(t.ut_offset()).unwrap_or_else(|| Utc.fix()),
            abbreviation: t.time_zone_designation(),
        }
    }

    fn seconds(&self) -> i64 {
        i64::from(self.fixed.local_minus_utc())
    }
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.abbreviation, self.fixed)
    }
}

/// What `%Z` prints: the abbreviation.
impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation)
    }
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Self {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<TzOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    /// The offsets under which `local` is a real wall-clock time: one, two on a fall-back night
    /// (earliest instant first), none inside a spring-forward gap.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<TzOffset> {
        let wall = local.and_utc().timestamp();
        let before = self.offset_at(wall - CANDIDATE_WINDOW_SECS);
        let after = self.offset_at(wall + CANDIDATE_WINDOW_SECS);
        if before.seconds() == after.seconds() {
            // No transition within a day (nearly always): one check settles it.
            let at = self.offset_at(wall - before.seconds());
            if at.seconds() == before.seconds() {
                return MappedLocalTime::Single(at);
            }
        }
        let candidates = [
            before,
            after,
            self.offset_at(wall - before.seconds()),
            self.offset_at(wall - after.seconds()),
        ];
        let mut earliest: Option<(i64, TzOffset)> = None;
        let mut latest: Option<(i64, TzOffset)> = None;
        for o in candidates {
            let instant = wall - o.seconds();
            let actual = self.offset_at(instant);
            if actual.seconds() != o.seconds() {
                continue;
            }
            if earliest.is_none_or(|(t, _)| instant < t) {
                earliest = Some((instant, actual));
            }
            if latest.is_none_or(|(t, _)| instant > t) {
                latest = Some((instant, actual));
            }
        }
        match (earliest, latest) {
            (Some((a, first)), Some((b, last))) if a != b => {
                MappedLocalTime::Ambiguous(first, last)
            }
            (Some((_, only)), _) => MappedLocalTime::Single(only),
            _ => MappedLocalTime::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_are_found_whatever_their_case_and_kept_as_the_database_spells_them() {
        assert_eq!(Tz::named("europe/berlin").unwrap().name(), "Europe/Berlin");
        assert_eq!(
            "Asia/Calcutta".parse::<Tz>().unwrap().name(),
            "Asia/Calcutta"
        );
        assert!("Mars/Olympus_Mons".parse::<Tz>().is_err());
        assert!("".parse::<Tz>().is_err());
    }

    #[test]
    fn berlin_offsets_and_abbreviations_follow_dst() {
        let tz = Tz::named("Europe/Berlin").unwrap();
        let winter = tz.from_local_datetime(&local("2026-01-15 12:00")).unwrap();
        assert_eq!(winter.offset().fix().local_minus_utc(), 3600);
        assert_eq!(winter.format("%Z").to_string(), "CET");
        let summer = tz.from_local_datetime(&local("2026-07-15 12:00")).unwrap();
        assert_eq!(
            summer.format("%H:%M %Z %:z").to_string(),
            "12:00 CEST +02:00"
        );
    }

    #[test]
    fn a_spring_forward_gap_has_no_instant_and_a_fall_back_hour_has_two() {
        let tz = Tz::named("Europe/Berlin").unwrap();
        assert!(matches!(
            tz.from_local_datetime(&local("2026-03-29 02:30")),
            MappedLocalTime::None
        ));
        match tz.from_local_datetime(&local("2026-10-25 02:30")) {
            MappedLocalTime::Ambiguous(a, b) => {
                assert_eq!(a.to_rfc3339(), "2026-10-25T02:30:00+02:00");
                assert_eq!(b.to_rfc3339(), "2026-10-25T02:30:00+01:00");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lord_howe_moves_half_an_hour_and_samoa_skipped_a_day() {
        let lh = Tz::named("Australia/Lord_Howe").unwrap();
        assert!(matches!(
            lh.from_local_datetime(&local("2026-10-04 02:15")),
            MappedLocalTime::None
        ));
        let apia = Tz::named("Pacific/Apia").unwrap();
        assert!(matches!(
            apia.from_local_datetime(&local("2011-12-30 12:00")),
            MappedLocalTime::None
        ));
    }

    #[test]
    fn the_name_round_trips_through_json() {
        let tz = Tz::named("America/St_Johns").unwrap();
        let json = serde_json::to_string(&tz).unwrap();
        assert_eq!(json, "\"America/St_Johns\"");
        assert_eq!(serde_json::from_str::<Tz>(&json).unwrap(), tz);
        assert!(serde_json::from_str::<Tz>("\"Nowhere/Else\"").is_err());
    }
}
