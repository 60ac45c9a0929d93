//! The domain: what a person records. Plain Rust with chrono types; the FFI layer converts to
//! and from the string-typed records Kotlin and Swift see. The small enums are shared as they are.

pub mod enums;
pub mod labs;
pub mod night;
pub mod night_merge;
pub mod profile_merge;
pub mod time;
pub mod validate;
pub mod zone;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zone::Tz;

pub use enums::*;
pub use labs::LabValue;
pub use night::{IrlsScores, Night};

/// Every record carries this, so that two devices can merge their logs without loss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: Uuid,
    #[serde(
        serialize_with = "time::serialize_instant",
        deserialize_with = "time::named::created_at"
    )]
    pub created_at: DateTime<Utc>,
    /// Last change. A local edit sets `max(now, previous + 1 ms)` ([`RecordMeta::touched`]),
    /// so it beats the version it replaces even when that came from a clock running ahead
    /// (docs/ARCHITECTURE.md, import and merge).
    #[serde(
        serialize_with = "time::serialize_instant",
        deserialize_with = "time::named::modified_at"
    )]
    pub modified_at: DateTime<Utc>,
    /// A tombstone: a deleted record stays so that the deletion can travel to other devices.
    pub deleted: bool,
    /// The device that last changed the record; breaks ties between equal `modified_at`.
    pub device_id: String,
}

impl RecordMeta {
    /// Metadata for a record created now on `device_id`.
    pub fn new(now: DateTime<Utc>, device_id: &str) -> Self {
        RecordMeta {
            id: Uuid::new_v4(),
            created_at: now,
            modified_at: now,
            deleted: false,
            device_id: device_id.to_owned(),
        }
    }

    /// The same record, changed now by `device_id`. A local edit always beats the version it
    /// replaces, whatever the clocks say (a hybrid-logical-clock rule): `modified_at` becomes
    /// `max(now, stored modified_at + 1 ms)`, so a version stamped by a device whose clock ran
    /// ahead cannot undo a later correction made here.
    pub fn touched(&self, now: DateTime<Utc>, device_id: &str) -> Self {
        RecordMeta {
            modified_at: stamp_after(now, self.modified_at),
            device_id: device_id.to_owned(),
            ..self.clone()
        }
    }
}

/// The `modified_at` of a change made `now` to a version stamped `stored`: `max(now, stored +
/// 1 ms)`, the hybrid-logical-clock step. An edit ([`RecordMeta::touched`]) and a deletion
/// (`store::records::tombstone`) both take it, so a change made here beats the version it
/// replaces on every device even when the clock that stamped that version ran ahead.
pub fn stamp_after(now: DateTime<Utc>, stored: DateTime<Utc>) -> DateTime<Utc> {
    now.max(stored + chrono::Duration::milliseconds(1))
}

/// The person's settings. Stored as one JSON document so that later settings (routine
/// overrides) need no schema change; unknown fields keep their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub time_zone: Tz,
    pub bedtime: NaiveTime,
    pub wake_time: NaiveTime,
    pub breakfast: Option<NaiveTime>,
    pub lunch: Option<NaiveTime>,
    pub dinner: Option<NaiveTime>,
    pub pregnant: bool,
    pub kidney_disease: bool,
    /// Coeliac disease or inflammatory bowel disease: oral iron absorbs poorly.
    pub malabsorption: bool,
    // The facts below are left out of the stored document while unset, so that a profile
    // written before they existed reads and writes back byte for byte.
    /// The due date of a pregnancy; pregnancy advice ends 6 weeks after it (SPEC §2.6).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "time::named::due_date"
    )]
    pub due_date: Option<NaiveDate>,
    /// On dialysis (SPEC §2.1: IV iron sucrose; §2.3: no magnesium).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dialysis: bool,
    /// Date of birth: under 18 the app gives no iron advice (SPEC §2.1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "time::named::birth_date"
    )]
    pub birth_date: Option<NaiveDate>,
    /// Haemochromatosis: no iron advice without the doctor (SPEC §2.1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub haemochromatosis: bool,
    /// Thalassaemia: no iron advice without the doctor (SPEC §2.1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub thalassaemia: bool,
    /// Regular blood transfusions: no iron advice without the doctor (SPEC §2.1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub regular_transfusions: bool,
    /// Sex, for the haemoglobin cut-off (WHO 2024); unknown uses the men's (higher) cut-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// The bedtime-routine items the person chose to be reminded of (SPEC §2.3: opt-in).
    #[serde(skip_serializing_if = "Routine::is_default")]
    pub routine: Routine,
    /// The short augmentation questionnaire (SPEC §2.5), the baseline when the diary holds too few
    /// nights from the first weeks on the dopaminergic drug. Absent until answered, and then left
    /// out of the stored document so that older files read and write unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub augmentation_baseline: Option<AugmentationBaseline>,
    /// Per field, when it was last changed and on which device (`model/profile_merge.rs`), so
    /// that devices merge the profile field by field. `None` in a record written before field
    /// stamps existed (every field its document carries then counts as changed at the record's
    /// `modified_at`; a field it lacks is not claimed), and
    /// then left out of the stored document so that such a record reads and writes unchanged.
    /// Only the API's save sets it; the settings and the rules never read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<profile_merge::FieldStamps>,
}

/// The opt-in bedtime routine (SPEC §2.3). None of these is graded by a guideline; each is off
/// until the person switches it on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(default)]
pub struct Routine {
    /// A warm bath before bed (`WARM_BATH_BEFORE_BED_MIN`); never planned in pregnancy.
    pub warm_bath: bool,
    /// Warm socks before bed (`WARM_SOCKS_BEFORE_BED_MIN`).
    pub warm_socks: bool,
    /// A short walk or stretch before bed (`MOVEMENT_WINDOW_MIN`).
    pub movement: bool,
    /// A last call for vigorous exercise (`VIGOROUS_EXERCISE_CUTOFF_MIN` before bed).
    pub exercise_cutoff: bool,
}

impl Routine {
    /// Nothing chosen (the default).
    pub fn is_default(&self) -> bool {
        *self == Routine::default()
    }
}

/// What a person on a dopaminergic RLS drug recalls of the time before it and of when it first
/// worked (SPEC §2.5). Every answer may be left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AugmentationBaseline {
    /// The local date the answers were given.
    #[serde(default, deserialize_with = "time::named::answered_on")]
    pub answered_on: Option<NaiveDate>,
    /// Usual local time symptoms began before the drug.
    pub usual_onset: Option<NaiveTime>,
    /// Quick rating (0-10) of a usual evening while the drug first worked.
    pub severity_when_it_worked: Option<u8>,
    /// Whether symptoms reached the arms or trunk before the drug.
    pub spread_beyond_legs_before: Option<bool>,
    /// Hours one dose relieved symptoms when the drug first worked.
    pub relief_hours_at_start: Option<f64>,
    /// Hours one dose relieves symptoms now.
    pub relief_hours_now: Option<f64>,
    /// How many times the dose has been raised since the drug started.
    pub dose_increases: Option<u32>,
}

/// A clock time fixed in the code, built by the compiler: a typo (25:00) fails the build instead
/// of silently becoming midnight.
macro_rules! fixed_time {
    ($h:expr, $m:expr) => {
        const {
            match NaiveTime::from_hms_opt($h, $m, 0) {
                Some(t) => t,
                None => panic!("not a clock time"),
            }
        }
    };
}
pub(crate) use fixed_time;

/// A calendar date fixed in the code, built by the compiler: a typo (month 13, 31 April) fails
/// the build instead of silently becoming 1970-01-01.
macro_rules! fixed_date {
    ($y:expr, $m:expr, $d:expr) => {
        const {
            match chrono::NaiveDate::from_ymd_opt($y, $m, $d) {
                Some(d) => d,
                None => panic!("not a calendar date"),
            }
        }
    };
}
pub(crate) use fixed_date;

/// The first and last dates a "from … to" read with an open end covers: every date the diary
/// can hold (validation accepts years from `validate::EARLIEST_YEAR`, four digits).
pub(crate) const FIRST_DATE: NaiveDate = fixed_date!(1, 1, 1);
/// See [`FIRST_DATE`].
pub(crate) const LAST_DATE: NaiveDate = fixed_date!(9999, 12, 31);

impl Default for Profile {
    fn default() -> Self {
        Profile {
            time_zone: Tz::UTC,
            bedtime: fixed_time!(23, 0),
            wake_time: fixed_time!(7, 0),
            breakfast: None,
            lunch: None,
            dinner: None,
            pregnant: false,
            kidney_disease: false,
            malabsorption: false,
            due_date: None,
            dialysis: false,
            birth_date: None,
            haemochromatosis: false,
            thalassaemia: false,
            regular_transfusions: false,
            sex: None,
            routine: Routine::default(),
            augmentation_baseline: None,
            changed: None,
        }
    }
}

/// Something that happened at an instant: an intake, a dose, an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub meta: RecordMeta,
    #[serde(
        serialize_with = "time::serialize_instant",
        deserialize_with = "time::named::at"
    )]
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub note: Option<String>,
    /// Warnings raised when it was logged (e.g. coffee within 2 h of an iron dose). The person
    /// did drink it: the log keeps the fact and the warning.
    pub warnings: Vec<String>,
}

/// Puts `events` in time order, earliest first. A stable sort: events at the same instant keep
/// the order they came in. Every list of events is sorted here, so the sort is compiled once
/// (docs/PERFORMANCE.md, library size).
pub(crate) fn sort_by_time(events: &mut [Event]) {
    events.sort_by_key(|e| e.at);
}

/// A laboratory result, stored in the canonical unit with what the person typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lab {
    pub meta: RecordMeta,
    pub analyte: Analyte,
    pub value: LabValue,
    #[serde(deserialize_with = "time::named::taken_on")]
    pub taken_on: NaiveDate,
}

/// A medicine or supplement the person takes on a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegimenItem {
    pub meta: RecordMeta,
    pub kind: RegimenKind,
    pub name: String,
    pub dose_mg: Option<f64>,
    /// Local clock times. For iron, empty lets the planner find the window; a time given (a
    /// prescriber may fix it) is kept, and the plan warns of what clashes with it.
    pub times: Vec<NaiveTime>,
    /// 1 = daily, 2 = alternate days.
    pub every_n_days: u32,
    pub with_vitamin_c: bool,
    #[serde(deserialize_with = "time::named::start_date")]
    pub start_date: NaiveDate,
    #[serde(default, deserialize_with = "time::named::stop_date")]
    pub stop_date: Option<NaiveDate>,
    /// Whether `start_date` is the day the person started. Absent means defaulted, as in files
    /// from before the field, so that such a file exports back byte for byte.
    #[serde(default, skip_serializing_if = "StartSource::is_defaulted")]
    pub start_source: StartSource,
}

/// Longest medicine or supplement name accepted.
pub const NAME_MAX_CHARS: usize = 100;

impl RegimenItem {
    /// The checks an item passes wherever it comes from (typed in, or imported).
    pub fn validate(&self) -> crate::error::Result<()> {
        use crate::error::Error;
        use crate::evidence::{DOSE_MG_PLAUSIBLE_MAX, REGIMEN_EVERY_MAX_DAYS};
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
            return Err(Error::invalid(
                "name",
                format!("give a name of 1-{NAME_MAX_CHARS} characters"),
            ));
        }
        if let Some(mg) = self.dose_mg {
            if !mg.is_finite() || mg <= 0.0 || mg > DOSE_MG_PLAUSIBLE_MAX.value {
                return Err(Error::invalid(
                    "dose",
                    format!("{mg} mg is not a plausible dose"),
                ));
            }
        }
        let max_every = REGIMEN_EVERY_MAX_DAYS.value as u32;
        if !(1..=max_every).contains(&self.every_n_days) {
            return Err(Error::invalid(
                "every",
                format!(
                    "every {} days: use 1 (daily) to {max_every}",
                    self.every_n_days
                ),
            ));
        }
        if let Some(stop) = self.stop_date.filter(|s| *s < self.start_date) {
            return Err(Error::invalid(
                "stop date",
                format!("{stop} is before the start {}", self.start_date),
            ));
        }
        Ok(())
    }
}

/// A habitual intake at a usual time, e.g. coffee at 07:30 every day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Habit {
    pub meta: RecordMeta,
    pub intake: IntakeKind,
    pub at: NaiveTime,
}

/// How many values a serialised record carries: its non-null leaves, at any depth. A copy that
/// lost fields (an older app's round trip drops those it does not know) carries fewer than the
/// copy it came from; the merge lets the fuller copy win an exact tie (`exchange/merge.rs`).
#[doc(hidden)]
pub fn values_carried(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    match v {
        Value::Null => 0,
        Value::Bool(_) | Value::Number(_) | Value::String(_) => 1,
        Value::Array(items) => items.iter().map(values_carried).sum(),
        Value::Object(fields) => fields.values().map(values_carried).sum(),
    }
}

/// Any diary record, as it travels in an export. Tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    Profile { meta: RecordMeta, profile: Profile },
    Night(Night),
    Event(Event),
    Lab(Lab),
    Regimen(RegimenItem),
    Habit(Habit),
}

impl Record {
    /// Its instants to the millisecond, as the diary keeps them (sync stamps, an event's time,
    /// a profile's change stamps). Every path into the merge does this first (an import, a
    /// merge of records made in Rust): a record kept finer would differ from its own stored
    /// copy, so a second import would "update" it, and the export would not give back what
    /// was accepted.
    pub fn keep_to_the_millisecond(&mut self) {
        let ms = time::to_millisecond;
        let m = self.meta_mut();
        m.created_at = ms(m.created_at);
        m.modified_at = ms(m.modified_at);
        let stamps = match self {
            Record::Event(e) => {
                e.at = ms(e.at);
                None
            }
            Record::Profile { profile, .. } => profile.changed.as_mut(),
            Record::Night(n) => n.changed.as_mut(),
            _ => None,
        };
        for s in stamps.into_iter().flat_map(|s| s.values_mut()) {
            s.at = ms(s.at);
        }
    }

    pub fn meta_mut(&mut self) -> &mut RecordMeta {
        match self {
            Record::Profile { meta, .. } => meta,
            Record::Night(x) => &mut x.meta,
            Record::Event(x) => &mut x.meta,
            Record::Lab(x) => &mut x.meta,
            Record::Regimen(x) => &mut x.meta,
            Record::Habit(x) => &mut x.meta,
        }
    }

    pub fn meta(&self) -> &RecordMeta {
        match self {
            Record::Profile { meta, .. } => meta,
            Record::Night(x) => &x.meta,
            Record::Event(x) => &x.meta,
            Record::Lab(x) => &x.meta,
            Record::Regimen(x) => &x.meta,
            Record::Habit(x) => &x.meta,
        }
    }
}
