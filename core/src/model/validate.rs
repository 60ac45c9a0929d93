//! The one validation of every record, wherever it comes from: typed in through the API or read
//! from an import. Because both paths run exactly these checks, everything the app accepts
//! exports to a file that imports back (a stricter import would make a backup unrestorable).
//!
//! Typed input is additionally held to "not in the future of the person's local today"; that
//! is stricter than this, so it never lets through what an import would refuse.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};

use super::night::NOTES_MAX_CHARS;
use super::{Event, Lab, LabValue, Night, Profile, Record, RecordMeta, RegimenItem};
use crate::error::{Error, Result};
use crate::evidence::{DUE_DATE_AHEAD_MAX_WEEKS, DUE_DATE_PAST_MAX_WEEKS};

/// The earliest date the diary accepts (four-digit years from 1900).
pub const EARLIEST_YEAR: i32 = 1900;

/// How far past `now` a date or instant may lie: devices' clocks disagree, and a person east
/// of UTC lives up to 14 hours ahead of it.
pub const CLOCK_TOLERANCE_HOURS: i64 = 48;

/// Longest device id accepted (ours are UUIDs).
pub const DEVICE_ID_MAX_CHARS: usize = 100;

/// The span of plausible instants: 1900-01-01 to now plus the clock tolerance.
fn span(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let earliest = crate::model::fixed_date!(EARLIEST_YEAR, 1, 1)
        .and_time(NaiveTime::MIN)
        .and_utc();
    (earliest, now + Duration::hours(CLOCK_TOLERANCE_HOURS))
}

/// An instant between 1900 and now (+ the tolerance).
pub fn instant(field: &str, t: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    let (earliest, latest) = span(now);
    if t < earliest || t > latest {
        return Err(Error::invalid(
            field,
            format!("{t} is not a plausible date (years {EARLIEST_YEAR} to now)"),
        ));
    }
    Ok(())
}

/// A calendar date between 1900 and now (+ the tolerance).
pub fn date(field: &str, d: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let (earliest, latest) = span(now);
    if d < earliest.date_naive() || d > latest.date_naive() {
        return Err(Error::invalid(
            field,
            format!("{d} is not a plausible date (years {EARLIEST_YEAR} to now)"),
        ));
    }
    Ok(())
}

/// Why a time of day with seconds is refused: it quotes no value, so an import may show it.
pub const WHOLE_MINUTES: &str = "a time of day is kept in whole minutes (HH:MM), without seconds";

/// A time of day in whole minutes. The diary keeps a night's onset, a medicine's times and a
/// habit's time as `HH:MM`, so a time with seconds (from a hand-edited or another app's file)
/// would not come back as it was given; the profile's times are placed in whole minutes. It is
/// refused, naming the field ([`WHOLE_MINUTES`]).
pub fn clock_time(field: &str, t: NaiveTime) -> Result<()> {
    if t.second() != 0 || t.nanosecond() != 0 {
        return Err(Error::invalid(field, WHOLE_MINUTES));
    }
    Ok(())
}

/// The sync fields every record carries.
pub fn meta(m: &RecordMeta, now: DateTime<Utc>) -> Result<()> {
    instant("created_at", m.created_at, now)?;
    instant("modified_at", m.modified_at, now)?;
    let n = m.device_id.chars().count();
    if n == 0 || n > DEVICE_ID_MAX_CHARS {
        return Err(Error::invalid(
            "device_id",
            format!("must be 1-{DEVICE_ID_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Most field stamps a profile record may carry (ours carry one per profile field, under 40; a
/// later version may add fields, and their stamps are kept).
pub const PROFILE_STAMPS_MAX: usize = 200;

/// The profile's dates, as any record holds them: a birth date between 1900 and now (+ the
/// tolerance), a due date from 1900 to [`DUE_DATE_AHEAD_MAX_WEEKS`] ahead (+ the tolerance).
/// Both bounds only widen as time passes, so a date accepted once imports back later; typed
/// input is held to more ([`typed_profile_dates`]).
pub fn profile_dates(p: &Profile, now: DateTime<Utc>) -> Result<()> {
    if let Some(b) = p.birth_date {
        date("birth date", b, now)?;
    }
    if let Some(d) = p.due_date {
        let latest =
            span(now).1.date_naive() + Duration::weeks(DUE_DATE_AHEAD_MAX_WEEKS.value as i64);
        if d.year() < EARLIEST_YEAR || d > latest {
            return Err(Error::invalid(
                "due date",
                format!(
                    "{d} is not a plausible due date (at most {:.0} weeks ahead)",
                    DUE_DATE_AHEAD_MAX_WEEKS.value
                ),
            ));
        }
    }
    Ok(())
}

/// A birth date or due date the person changes (`old` is the profile before, `today` their
/// local date): a birth date not after today; a due date from [`DUE_DATE_PAST_MAX_WEEKS`]
/// before today to [`DUE_DATE_AHEAD_MAX_WEEKS`] after it. Only changed dates are checked, so a
/// due date typed long ago never blocks a later save of another setting.
pub fn typed_profile_dates(old: &Profile, new: &Profile, today: NaiveDate) -> Result<()> {
    if let Some(b) = new.birth_date.filter(|_| new.birth_date != old.birth_date) {
        if b > today || b.year() < EARLIEST_YEAR {
            return Err(Error::invalid(
                "birth date",
                format!("{b} is not a plausible birth date (years {EARLIEST_YEAR} to today)"),
            ));
        }
    }
    if let Some(d) = new.due_date.filter(|_| new.due_date != old.due_date) {
        let earliest = today - Duration::weeks(DUE_DATE_PAST_MAX_WEEKS.value as i64);
        let latest = today + Duration::weeks(DUE_DATE_AHEAD_MAX_WEEKS.value as i64);
        if d < earliest || d > latest {
            return Err(Error::invalid(
                "due date",
                format!(
                    "{d} is not a plausible due date (from {earliest} to {latest}: {:.0} weeks back to {:.0} weeks ahead)",
                    DUE_DATE_PAST_MAX_WEEKS.value, DUE_DATE_AHEAD_MAX_WEEKS.value
                ),
            ));
        }
    }
    Ok(())
}

/// A profile record: its sync fields, its dates ([`profile_dates`]) and its field stamps (each
/// a plausible instant and a device id like a record's).
pub fn profile(m: &RecordMeta, p: &Profile, now: DateTime<Utc>) -> Result<()> {
    meta(m, now)?;
    profile_dates(p, now)?;
    // Kept exactly (the profile is stored whole), but the rules place clock times in whole
    // minutes: a wake time with seconds would make every instant of the day miss its minute.
    clock_time("bedtime", p.bedtime)?;
    clock_time("wake time", p.wake_time)?;
    for (field, t) in [
        ("breakfast", p.breakfast),
        ("lunch", p.lunch),
        ("dinner", p.dinner),
        (
            "augmentation_baseline.usual_onset",
            p.augmentation_baseline.as_ref().and_then(|b| b.usual_onset),
        ),
    ] {
        if let Some(t) = t {
            clock_time(field, t)?;
        }
    }
    match &p.changed {
        Some(stamps) => field_stamps(stamps, now),
        None => Ok(()),
    }
}

/// A record's field stamps (a profile's or a night's): at most [`PROFILE_STAMPS_MAX`], each
/// field name and device id 1-100 characters, each instant plausible. Errors:
/// [`Error::Invalid`] naming `changed`, `changed.at` or `changed.device`.
fn field_stamps(stamps: &super::profile_merge::FieldStamps, now: DateTime<Utc>) -> Result<()> {
    if stamps.len() > PROFILE_STAMPS_MAX {
        return Err(Error::invalid(
            "changed",
            format!("at most {PROFILE_STAMPS_MAX} field stamps"),
        ));
    }
    for (field, s) in stamps {
        let n = field.chars().count();
        if n == 0 || n > DEVICE_ID_MAX_CHARS {
            return Err(Error::invalid(
                "changed",
                format!("a field name must be 1-{DEVICE_ID_MAX_CHARS} characters"),
            ));
        }
        instant("changed.at", s.at, now)?;
        let n = s.device.chars().count();
        if n == 0 || n > DEVICE_ID_MAX_CHARS {
            return Err(Error::invalid(
                "changed.device",
                format!("must be 1-{DEVICE_ID_MAX_CHARS} characters"),
            ));
        }
    }
    Ok(())
}

/// A night: its date, then [`Night::validate`]'s ranges.
pub fn night(n: &Night, now: DateTime<Utc>) -> Result<()> {
    meta(&n.meta, now)?;
    date("night date", n.night_date, now)?;
    if let Some(stamps) = &n.changed {
        field_stamps(stamps, now)?;
    }
    if let Some(onset) = n.onset {
        clock_time("onset", onset)?;
    }
    n.validate(span(now).1.date_naive())
}

/// An event: its instant and note.
pub fn event(e: &Event, now: DateTime<Utc>) -> Result<()> {
    meta(&e.meta, now)?;
    instant("time", e.at, now)?;
    if let crate::model::EventKind::WeeklyIrls { week_ending, items } = &e.kind {
        // The weekly IRLS (SPEC §2.7): ten item scores 0-4 and a real week-ending date.
        crate::model::IrlsScores::new(items)?;
        let d = crate::model::time::parse_date("week ending", week_ending)?;
        date("week ending", d, now)?;
    }
    if let crate::model::EventKind::Dose { regimen_id } = &e.kind {
        // A dose names its regimen item by id (typed names are resolved to it before this);
        // the item may since have been removed, but the id is always an id, never text.
        if uuid::Uuid::parse_str(regimen_id).is_err() {
            return Err(Error::invalid("regimen id", "not the id of a regimen item"));
        }
    }
    note("note", e.note.as_deref())
}

/// A free-text note's length.
pub fn note(field: &str, n: Option<&str>) -> Result<()> {
    if n.is_some_and(|n| n.chars().count() > NOTES_MAX_CHARS) {
        return Err(Error::invalid(
            field,
            format!("longer than {NOTES_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// A lab result: its date, and both the canonical and the entered value pass
/// [`LabValue::from_entry`] and agree.
pub fn lab(l: &Lab, now: DateTime<Utc>) -> Result<()> {
    meta(&l.meta, now)?;
    date("lab date", l.taken_on, now)?;
    let check = LabValue::from_entry(l.analyte, l.value.canonical, l.analyte.canonical_unit())?;
    let entered = LabValue::from_entry(l.analyte, l.value.entered_value, &l.value.entered_unit)?;
    let agree = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
    if !agree(check.canonical, l.value.canonical) || !agree(entered.canonical, l.value.canonical) {
        return Err(Error::invalid("lab value", "does not match its unit"));
    }
    Ok(())
}

/// A regimen item: its dates, then [`RegimenItem::validate`].
pub fn regimen(x: &RegimenItem, now: DateTime<Utc>) -> Result<()> {
    meta(&x.meta, now)?;
    date("start date", x.start_date, now)?;
    for t in &x.times {
        clock_time("times", *t)?;
    }
    if let Some(stop) = x.stop_date {
        // A stop date may be planned ahead, but not before 1900 or past a four-digit year.
        if !(EARLIEST_YEAR..=9999).contains(&stop.year()) {
            return Err(Error::invalid(
                "stop date",
                format!("{stop} is not a plausible date"),
            ));
        }
    }
    x.validate()
}

impl Record {
    /// The checks every record passes, typed in or imported; `now` bounds plausible dates.
    ///
    /// Errors: [`Error::Invalid`] naming the field.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<()> {
        match self {
            Record::Profile {
                meta: m,
                profile: p,
            } => profile(m, p, now),
            Record::Night(n) => night(n, now),
            Record::Event(e) => event(e, now),
            Record::Lab(l) => lab(l, now),
            Record::Regimen(x) => regimen(x, now),
            Record::Habit(h) => {
                meta(&h.meta, now)?;
                clock_time("habit time", h.at)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};

    use super::EARLIEST_YEAR;
    use crate::model::{FIRST_DATE, LAST_DATE};

    /// The profile's clock times are placed in whole minutes: one with seconds is refused,
    /// naming it (the typed path only makes `HH:MM`).
    #[test]
    fn a_profile_time_with_seconds_is_refused_naming_it() {
        use crate::model::{AugmentationBaseline, Profile, RecordMeta};
        use chrono::{NaiveTime, TimeZone};
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap();
        let m = RecordMeta::new(now, "a");
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        assert!(super::profile(&m, &Profile::default(), now).is_ok());
        let field = |p: Profile| match super::profile(&m, &p, now) {
            Err(crate::error::Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let p = Profile {
            wake_time: t(6, 30, 30),
            ..Profile::default()
        };
        assert_eq!(field(p), "wake time");
        let p = Profile {
            bedtime: t(22, 30, 1),
            ..Profile::default()
        };
        assert_eq!(field(p), "bedtime");
        let p = Profile {
            dinner: Some(t(18, 0, 59)),
            ..Profile::default()
        };
        assert_eq!(field(p), "dinner");
        let p = Profile {
            augmentation_baseline: Some(AugmentationBaseline {
                usual_onset: Some(t(21, 0, 10)),
                ..AugmentationBaseline::default()
            }),
            ..Profile::default()
        };
        assert_eq!(field(p), "augmentation_baseline.usual_onset");
    }

    /// An imported profile's dates are held to the bounds that only widen with time: a birth
    /// date in the future or before 1900, or a due date years ahead, is refused naming the
    /// field; a due date long past (a backup from an earlier pregnancy) imports.
    #[test]
    fn profile_dates_refuse_impossible_ones_and_keep_an_old_due_date() {
        use chrono::TimeZone;
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let check = |birth, due| {
            let p = crate::model::Profile {
                birth_date: birth,
                due_date: due,
                ..Default::default()
            };
            super::profile_dates(&p, now)
        };
        for (birth, due, field) in [
            (d(2030, 1, 1), None, "birth date"),
            (d(1850, 1, 1), None, "birth date"),
            (None, d(2040, 1, 1), "due date"),
            (None, d(1850, 1, 1), "due date"),
        ] {
            match check(birth, due) {
                Err(crate::error::Error::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{birth:?} {due:?}: {other:?}"),
            }
        }
        assert!(check(d(1960, 5, 1), d(2020, 3, 1)).is_ok());
        assert!(check(None, d(2027, 9, 30)).is_ok());
    }

    /// The open-ended bounds of a date range read cover every date validation lets in (years
    /// EARLIEST_YEAR to 9999): a typo in either constant (year 999, 9999-12-30) shows here.
    #[test]
    fn open_date_bounds_cover_every_valid_date() {
        assert!(FIRST_DATE <= NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).unwrap());
        assert_eq!(LAST_DATE.year(), 9999);
        assert_eq!(LAST_DATE.succ_opt().map(|d| d.year()), Some(10000));
        assert_eq!(FIRST_DATE.to_string(), "0001-01-01");
    }

    /// A dose names its regimen item by id: an imported dose whose item id is text (a hand-edited
    /// file) is refused naming the field (a reviewer's repro stored "SECRET" as the item).
    #[test]
    fn a_dose_names_its_regimen_item_by_an_id() {
        use chrono::TimeZone;
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap();
        let dose = |id: &str| crate::model::Event {
            meta: crate::model::RecordMeta::new(now, "phone"),
            at: now,
            kind: crate::model::EventKind::Dose {
                regimen_id: id.to_owned(),
            },
            note: None,
            warnings: Vec::new(),
        };
        match super::event(&dose("SECRET"), now) {
            Err(crate::error::Error::Invalid { field, .. }) => assert_eq!(field, "regimen id"),
            other => panic!("{other:?}"),
        }
        let id = uuid::Uuid::new_v4().to_string();
        assert!(super::event(&dose(&id), now).is_ok());
    }
}
