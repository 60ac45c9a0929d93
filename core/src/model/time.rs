//! Parsing of the dates, clock times, zones and instants people type, and the DST policy that
//! turns a local time into an instant.
//!
//! Errors name the field and say what was expected, e.g. `invalid bedtime: "25:10": hour must be 0-23`.

use crate::model::zone::Tz;
use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone,
    Timelike, Utc,
};

use crate::error::{Error, Result};

/// Parses `YYYY-MM-DD`.
///
/// ```
/// use quietlegs_core::model::time::parse_date;
/// assert!(parse_date("night date", "2026-11-20").is_ok());
/// let e = parse_date("night date", "2026-02-30").unwrap_err().to_string();
/// assert_eq!(e, "invalid night date: 2026-02-30 is not a day of the calendar");
/// assert!(parse_date("night date", "26-11-20").is_err());
/// ```
///
/// The year has exactly four digits: chrono's `%Y` alone reads `26-11-20` as the year 26, which
/// the diary would then keep and refuse to import back. The year's range (1900 to now) is the
/// record's check, [`crate::model::validate`].
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let expected = || Error::invalid(field, format!("{s:?}: expected a real date as YYYY-MM-DD"));
    if !four_digit_year(t) {
        return Err(expected());
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| match not_a_day(t) {
        Some(day) => Error::invalid(field, format!("{day} is not a day of the calendar")),
        None => expected(),
    })
}

/// `s` when it is spelt exactly `YYYY-MM-DD` (digits) but names no day of the calendar
/// (`2026-02-30`, `2026-13-01`): the form was right, so the error says the day does not
/// exist rather than asking for the form again.
fn not_a_day(s: &str) -> Option<&str> {
    (s.len() == 10 && four_digit_year(s) && plain_date(s).is_none()).then_some(s)
}

/// Whether `s` starts with a date spelt `DDDD-DD-DD` (digits), as every date we accept is.
pub(crate) fn four_digit_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A date spelt exactly `YYYY-MM-DD` (ten characters, four-digit year), as
/// `NaiveDate::parse_from_str(s, "%Y-%m-%d")` reads it (`None` for any other text or a day that
/// does not exist), read by chrono's fixed-form `FromStr` rather than a format string
/// interpreted on every call: the status reads one per weekly rating (docs/PERFORMANCE.md).
pub(crate) fn plain_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 || !four_digit_year(s) {
        return None;
    }
    s.parse().ok()
}

/// Parses a 24-hour clock time `HH:MM`.
///
/// ```
/// use quietlegs_core::model::time::parse_clock_time;
/// assert_eq!(parse_clock_time("bedtime", "23:05").unwrap().to_string(), "23:05:00");
/// let e = parse_clock_time("bedtime", "25:10").unwrap_err().to_string();
/// assert_eq!(e, "invalid bedtime: \"25:10\": hour must be 0-23");
/// ```
pub fn parse_clock_time(field: &str, s: &str) -> Result<NaiveTime> {
    let t = s.trim();
    let (h, m) = t
        .split_once(':')
        .ok_or_else(|| Error::invalid(field, format!("{s:?}: expected a time as HH:MM")))?;
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(Error::invalid(
            field,
            format!("{s:?}: expected a time as HH:MM"),
        ));
    }
    let hour: u32 = h
        .parse()
        .map_err(|_| Error::invalid(field, format!("{s:?}: bad hour")))?;
    let minute: u32 = m
        .parse()
        .map_err(|_| Error::invalid(field, format!("{s:?}: bad minute")))?;
    if hour > 23 {
        return Err(Error::invalid(field, format!("{s:?}: hour must be 0-23")));
    }
    if minute > 59 {
        return Err(Error::invalid(field, format!("{s:?}: minute must be 0-59")));
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
        .ok_or_else(|| Error::invalid(field, format!("{s:?}: not a time of day")))
}

/// Formats a clock time as `HH:MM`.
pub fn format_clock_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Formats an instant as `HH:MM` in `tz`. In the hour a fall-back change repeats, the clock alone
/// cannot tell its two passes apart, so the one meant is said: `02:30 (before the clocks go
/// back)`, `02:30 (after the clocks go back)`.
pub fn format_instant_clock(t: DateTime<Utc>, tz: Tz) -> String {
    let local = t.with_timezone(&tz);
    let hhmm = local.format("%H:%M").to_string();
    match tz.from_local_datetime(&local.naive_local()) {
        LocalResult::Ambiguous(first, _) if first == local => {
            format!("{hhmm} (before the clocks go back)")
        }
        LocalResult::Ambiguous(..) => format!("{hhmm} (after the clocks go back)"),
        _ => hhmm,
    }
}

/// Parses an IANA time-zone name such as `Europe/Berlin`.
pub fn parse_time_zone(field: &str, s: &str) -> Result<Tz> {
    s.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(
            field,
            format!("{s:?}: not an IANA time zone (e.g. Europe/Berlin)"),
        )
    })
}

/// Parses an instant: RFC 3339 with an offset (`2026-11-21T09:10:00+01:00`, `...Z`), the same
/// without seconds (`2026-11-21T09:10+01:00`, as people and some apps write it), or a local
/// `YYYY-MM-DDTHH:MM` read in `tz`. A local time inside a spring-forward gap is refused (the
/// person should say what the clock showed); a repeated one is read as the first.
///
/// ```
/// use quietlegs_core::model::time::parse_instant;
/// let tz = "Europe/Berlin".parse().unwrap();
/// let t = parse_instant("time", "2026-03-01T22:30+01:00", tz).unwrap();
/// assert_eq!(t.to_rfc3339(), "2026-03-01T21:30:00+00:00");
/// let e = parse_instant("time", "2026-02-30T22:30", tz).unwrap_err().to_string();
/// assert_eq!(e, "invalid time: 2026-02-30 is not a day of the calendar");
/// ```
pub fn parse_instant(field: &str, s: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let t = s.trim();
    let expected = || {
        Error::invalid(
            field,
            format!(
                "{s:?}: expected YYYY-MM-DDTHH:MM (local time), or with an offset as in RFC 3339: 2026-11-21T09:10+01:00, 2026-11-21T09:10:00Z"
            ),
        )
    };
    if !four_digit_year(t) {
        return Err(expected());
    }
    if let Some(day) = t.get(..10).and_then(not_a_day) {
        return Err(Error::invalid(
            field,
            format!("{day} is not a day of the calendar"),
        ));
    }
    // chrono reads both: RFC 3339 itself, and the minutes-only form with an offset (`%#z`
    // takes `Z`, `+01:00`, `+0100` or `+01`).
    if let Ok(dt) = DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M%#z"))
    {
        return Ok(dt.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
        .map_err(|_| expected())?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            format!("{s:?} does not exist in {tz} (the clocks jumped forward)"),
        )),
    }
}

/// Parses what a person types for "when" in a question about today: a time of day `HH:MM`
/// (on `today`, in `tz`), or any instant [`parse_instant`] reads. A time of day inside a
/// spring-forward gap is refused naming `field` (the clock never showed it); a repeated one
/// (autumn) is read as the first, as [`parse_instant`] does.
///
/// ```
/// use quietlegs_core::model::time::parse_instant_or_time_of_day;
/// use chrono::NaiveDate;
/// let tz = "Europe/Berlin".parse().unwrap();
/// let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
/// let t = parse_instant_or_time_of_day("at", "15:00", tz, today).unwrap();
/// assert_eq!(t.to_rfc3339(), "2026-11-30T14:00:00+00:00");
/// let spring = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
/// let e = parse_instant_or_time_of_day("at", "02:30", tz, spring).unwrap_err().to_string();
/// assert!(e.starts_with("invalid at: \"02:30\" does not exist on 2026-03-29"), "{e}");
/// ```
pub fn parse_instant_or_time_of_day(
    field: &str,
    s: &str,
    tz: Tz,
    today: NaiveDate,
) -> Result<DateTime<Utc>> {
    let t = s.trim();
    if four_digit_year(t) {
        return parse_instant(field, s, tz);
    }
    let time = parse_clock_time(field, t).map_err(|_| {
        Error::invalid(
            field,
            format!("{s:?}: expected a time of day HH:MM, YYYY-MM-DDTHH:MM or an RFC 3339 time"),
        )
    })?;
    match tz.from_local_datetime(&today.and_time(time)) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            format!("{s:?} does not exist on {today} in {tz} (the clocks jumped forward)"),
        )),
    }
}

/// The instant a local wall-clock time names, by the reminder policy of SPEC §3: a time in a
/// spring-forward gap moves to the first valid minute after the gap; a repeated time on a
/// fall-back day is the first of the two.
pub fn resolve_local(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let mut local = date.and_time(time);
    // Gaps are at most a few hours (Lord Howe's is 30 minutes; Samoa skipped a whole day in 2011):
    // walking forward minute by minute finds the end within 26 hours in every zone.
    for _ in 0..(26 * 60) {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(dt) => return dt.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => local += Duration::minutes(1),
        }
    }
    // Unreachable for real zones; fall back to reading the time as UTC rather than panicking.
    Utc.from_utc_datetime(&date.and_time(time))
}

/// An instant to the whole millisecond below it, the precision the diary keeps
/// ([`instant_text`]). By its nanoseconds, not through a millisecond timestamp, which would
/// turn a leap second (23:59:60, which chrono keeps as nanoseconds past 10^9) into the next
/// day's 00:00:00.
pub fn to_millisecond(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(t)
}

/// The diary's own spelling of an instant, `YYYY-MM-DDTHH:MM:SS.mmmZ`: stored (text order is time
/// order) and exported.
pub fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Serialises an instant in [`instant_text`]'s spelling (a plain string: serde's `collect_str`
/// path escapes character by character).
pub fn serialize_instant<S: serde::Serializer>(
    t: &DateTime<Utc>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&instant_text(t))
}

/// Deserialisers for the dates and instants of a record read from a file (an import, the
/// stored profile document) that name their field when the text is not one: serde_json's own
/// message says neither which field nor (without quoting the value, which is diary content)
/// what is wrong. They accept exactly what chrono's own deserialisers accept (`str::parse`),
/// and their messages never quote the value:
/// ``field `night_date`: not a day of the calendar (expected a date as YYYY-MM-DD)``.
pub mod named {
    use std::fmt;

    use chrono::format::ParseErrorKind;
    use chrono::{DateTime, FixedOffset, NaiveDate, ParseError, Utc};
    use serde::de::{Deserializer, Error, Visitor};

    /// How every message of these deserialisers begins (serde's own never do), so that an
    /// import's error can show it: it names a field of the app's schema, never a value.
    pub const PREFIX: &str = "field `";

    /// A date or an instant read by chrono, naming `field` when the text is not one.
    struct Named<T> {
        field: &'static str,
        read: fn(&str) -> Result<T, ParseError>,
        expected: &'static str,
        /// What a text in the right form but out of range is not.
        no_such: &'static str,
    }

    impl<'de, T> Visitor<'de> for Named<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{} ({PREFIX}{}`)", self.expected, self.field)
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
            (self.read)(v).map_err(|e| {
                let what = match e.kind() {
                    ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => self.no_such,
                    _ => "not in the expected form",
                };
                E::custom(format!(
                    "{PREFIX}{}`: {what} (expected {})",
                    self.field, self.expected
                ))
            })
        }
    }

    /// The optional form: `null` is `None`.
    struct Optional<T>(Named<T>);

    impl<'de, T> Visitor<'de> for Optional<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.expecting(f)
        }

        fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            d.deserialize_str(self.0).map(Some)
        }
    }

    fn date(field: &'static str) -> Named<NaiveDate> {
        Named {
            field,
            read: str::parse,
            expected: "a date as YYYY-MM-DD",
            no_such: "not a day of the calendar",
        }
    }

    fn instant(field: &'static str) -> Named<DateTime<Utc>> {
        Named {
            field,
            read: |s| {
                s.parse::<DateTime<FixedOffset>>()
                    .map(|t| t.with_timezone(&Utc))
            },
            expected: "an RFC 3339 time with seconds and an offset, e.g. 2026-11-21T09:10:00Z",
            no_such: "not a day of the calendar or a time of day",
        }
    }

    /// One function per field: serde's `deserialize_with` takes a function, not a field name.
    macro_rules! named {
        ($($name:ident: $t:ty = $make:ident($field:literal);)*) => {$(
            #[doc = concat!("Reads `", $field, "`, naming it when the text is not one.")]
            pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                d.deserialize_str($make($field))
            }
        )*};
    }
    macro_rules! optional {
        ($($name:ident: $t:ty = $make:ident($field:literal);)*) => {$(
            #[doc = concat!("Reads `", $field, "` (`null`: none), naming it when the text is not one.")]
            pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
                d.deserialize_option(Optional($make($field)))
            }
        )*};
    }

    named! {
        night_date: NaiveDate = date("night_date");
        taken_on: NaiveDate = date("taken_on");
        start_date: NaiveDate = date("start_date");
        created_at: DateTime<Utc> = instant("created_at");
        modified_at: DateTime<Utc> = instant("modified_at");
        at: DateTime<Utc> = instant("at");
        changed_at: DateTime<Utc> = instant("changed.at");
        exported_at: DateTime<Utc> = instant("exported_at");
    }
    optional! {
        stop_date: NaiveDate = date("stop_date");
        due_date: NaiveDate = date("due_date");
        birth_date: NaiveDate = date("birth_date");
        answered_on: NaiveDate = date("augmentation_baseline.answered_on");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_time_errors_say_what_is_wrong() {
        assert!(parse_clock_time("t", "7:05").is_ok());
        for (s, want) in [
            ("24:00", "hour must be 0-23"),
            ("10:60", "minute must be 0-59"),
            ("1030", "expected a time as HH:MM"),
            ("10:5", "expected a time as HH:MM"),
            ("-1:00", "expected a time as HH:MM"),
        ] {
            let e = parse_clock_time("t", s).unwrap_err().to_string();
            assert!(e.contains(want), "{s}: {e}");
        }
    }

    #[test]
    fn spring_forward_gap_moves_to_first_valid_minute() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        let utc = resolve_local(tz, d, t);
        assert_eq!(utc.to_rfc3339(), "2026-03-29T01:00:00+00:00"); // 03:00 CEST
    }

    #[test]
    fn fall_back_repeat_takes_the_first() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            resolve_local(tz, d, t).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    /// Input review #2: a date in the right form that names no day says so, naming the field;
    /// text in another form is asked for in the form expected.
    #[test]
    fn a_day_that_does_not_exist_is_named_as_such() {
        for s in ["2026-02-30", "2026-13-01", "2026-04-31"] {
            let e = parse_date("lab date", s).unwrap_err().to_string();
            assert_eq!(
                e,
                format!("invalid lab date: {s} is not a day of the calendar")
            );
        }
        let e = parse_date("lab date", "2026-2-3").unwrap_err().to_string();
        assert!(e.contains("expected a real date as YYYY-MM-DD"), "{e}");
        assert!(parse_date("lab date", "2028-02-29").is_ok());
    }

    /// Input review #3: RFC 3339 without seconds is read where a time with an offset is (Z,
    /// +01:00, +0100 alike); a local time still reads in the zone.
    #[test]
    fn an_offset_time_without_seconds_is_read() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let want = "2026-03-01T21:30:00+00:00";
        for s in [
            "2026-03-01T22:30+01:00",
            "2026-03-01T22:30+0100",
            "2026-03-01T21:30Z",
            "2026-03-01T22:30",
            "2026-03-01T22:30:00+01:00",
        ] {
            assert_eq!(
                parse_instant("at", s, tz).unwrap().to_rfc3339(),
                want,
                "{s}"
            );
        }
        let e = parse_instant("at", "2026-03-01T22:30+1", tz)
            .unwrap_err()
            .to_string();
        assert!(e.contains("2026-11-21T09:10+01:00"), "{e}");
    }

    #[test]
    fn logged_instant_in_a_gap_is_refused() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert!(parse_instant("at", "2026-03-29T02:30", tz).is_err());
        assert!(parse_instant("at", "2026-03-29T03:30", tz).is_ok());
        assert!(parse_instant("at", "2026-03-29T03:30:00Z", tz).is_ok());
    }

    #[test]
    fn an_instant_in_the_repeated_hour_says_which_pass_it_is() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30 and 01:30 UTC.
        assert_eq!(
            format_instant_clock(at("2026-10-25T00:30:00Z"), berlin),
            "02:30 (before the clocks go back)"
        );
        assert_eq!(
            format_instant_clock(at("2026-10-25T01:30:00Z"), berlin),
            "02:30 (after the clocks go back)"
        );
        // Outside that hour, and on a spring-forward night, the clock alone is clear.
        assert_eq!(
            format_instant_clock(at("2026-10-25T02:30:00Z"), berlin),
            "03:30"
        );
        assert_eq!(
            format_instant_clock(at("2026-10-24T23:59:00Z"), berlin),
            "01:59"
        );
        assert_eq!(
            format_instant_clock(at("2026-03-29T01:00:00Z"), berlin),
            "03:00"
        );
    }
}
