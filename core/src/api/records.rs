//! The records Kotlin and Swift see. Dates are `YYYY-MM-DD`, clock times `HH:MM`, instants
//! RFC 3339; each is validated on the way in with an error naming the field.

use crate::model::zone::Tz;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::{Error, Result};
use crate::model::time::{format_clock_time, parse_clock_time, parse_date, parse_time_zone};
use crate::model::{
    Analyte, BodyArea, Event, EventKind, Habit, IntakeKind, IrlsBand, Lab, Night, Profile,
    RecordMeta, RegimenItem, RegimenKind, Relief, Routine, Sex, Trigger,
};

pub(crate) fn instant(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Local time with its numeric offset, `+00:00` included (never `Z`: it is a local time).
pub(crate) fn local_instant(t: &DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Sync fields every stored record reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct RecordInfo {
    /// The record's UUID.
    pub id: String,
    /// RFC 3339 UTC, seconds.
    pub created_at: String,
    /// RFC 3339 UTC, seconds; the newer version wins a merge.
    pub modified_at: String,
    /// The device that last changed it.
    pub device_id: String,
}

impl From<&RecordMeta> for RecordInfo {
    fn from(m: &RecordMeta) -> Self {
        RecordInfo {
            id: m.id.to_string(),
            created_at: instant(&m.created_at),
            modified_at: instant(&m.modified_at),
            device_id: m.device_id.clone(),
        }
    }
}

/// The person's settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ProfileSettings {
    /// IANA name, e.g. `Europe/Berlin`. Shells pass the device's zone.
    pub time_zone: String,
    /// Local `HH:MM`.
    pub bedtime: String,
    /// Local `HH:MM`.
    pub wake_time: String,
    /// Usual breakfast, local `HH:MM`, if any (the iron window keeps clear of meals).
    pub breakfast: Option<String>,
    /// Usual lunch, local `HH:MM`, if any.
    pub lunch: Option<String>,
    /// Usual dinner, local `HH:MM`, if any.
    pub dinner: Option<String>,
    /// Pregnant (changes the iron and medicine advice).
    pub pregnant: bool,
    /// Chronic kidney disease (changes the iron and medicine advice).
    pub kidney_disease: bool,
    /// Coeliac disease or inflammatory bowel disease.
    #[uniffi(default = false)]
    #[serde(default)]
    pub malabsorption: bool,
    /// Due date of a pregnancy, `YYYY-MM-DD`: pregnancy advice ends 6 weeks after it. A newly
    /// typed one lies 42 weeks before to 44 weeks after today (evidence `DUE_DATE_PAST_MAX_WEEKS`,
    /// `DUE_DATE_AHEAD_MAX_WEEKS`), else `InvalidInput` (`due date`).
    #[uniffi(default = None)]
    #[serde(default)]
    pub due_date: Option<String>,
    /// On dialysis.
    #[uniffi(default = false)]
    #[serde(default)]
    pub dialysis: bool,
    /// Date of birth, `YYYY-MM-DD`: under 18 the app gives no iron advice. A newly typed one lies
    /// from 1900 to today, else `InvalidInput` (`birth date`).
    #[uniffi(default = None)]
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Hereditary haemochromatosis: no iron advice (iron overload; see evidence `IRON_OVERLOAD_GROUPS_NO_ADVICE`).
    #[uniffi(default = false)]
    #[serde(default)]
    pub haemochromatosis: bool,
    /// Thalassaemia: no iron advice (iron overload risk; see evidence `IRON_OVERLOAD_GROUPS_NO_ADVICE`).
    #[uniffi(default = false)]
    #[serde(default)]
    pub thalassaemia: bool,
    /// Regular blood transfusions: no iron advice (iron overload risk; see evidence `IRON_OVERLOAD_GROUPS_NO_ADVICE`).
    #[uniffi(default = false)]
    #[serde(default)]
    pub regular_transfusions: bool,
    /// For the haemoglobin cut-off (WHO 2024); unset uses the men's (higher) cut-off.
    #[uniffi(default = None)]
    #[serde(default)]
    pub sex: Option<Sex>,
    /// The bedtime-routine reminders chosen (all off by default: none is graded by a guideline).
    #[uniffi(default = None)]
    #[serde(default)]
    pub routine: Option<Routine>,
}

impl Default for ProfileSettings {
    /// The defaults of a new diary (UTC, 23:00 to 07:00, nothing recorded).
    fn default() -> Self {
        ProfileSettings::from_model(&Profile::default())
    }
}

/// Only the settings to change: each `None` keeps the stored value (see
/// `QuietLegs::update_profile`). A meal given as `""` clears it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ProfileChanges {
    /// IANA time zone, e.g. `Europe/Berlin`.
    #[uniffi(default = None)]
    pub time_zone: Option<String>,
    /// Usual bedtime, local `HH:MM`.
    #[uniffi(default = None)]
    pub bedtime: Option<String>,
    /// Usual wake time, local `HH:MM`.
    #[uniffi(default = None)]
    pub wake_time: Option<String>,
    /// Usual breakfast, local `HH:MM`; `""` for none.
    #[uniffi(default = None)]
    pub breakfast: Option<String>,
    /// Usual lunch, local `HH:MM`; `""` for none.
    #[uniffi(default = None)]
    pub lunch: Option<String>,
    /// Usual dinner, local `HH:MM`; `""` for none.
    #[uniffi(default = None)]
    pub dinner: Option<String>,
    /// Pregnant.
    #[uniffi(default = None)]
    pub pregnant: Option<bool>,
    /// Chronic kidney disease.
    #[uniffi(default = None)]
    pub kidney_disease: Option<bool>,
    /// Coeliac disease or inflammatory bowel disease.
    #[uniffi(default = None)]
    pub malabsorption: Option<bool>,
    /// Expected due date, `YYYY-MM-DD`; `""` for none. 42 weeks before to 44 weeks after today,
    /// else `InvalidInput` (`due date`).
    #[uniffi(default = None)]
    pub due_date: Option<String>,
    /// On dialysis.
    #[uniffi(default = None)]
    pub dialysis: Option<bool>,
    /// Date of birth, `YYYY-MM-DD`; `""` for none. From 1900 to today, else `InvalidInput`
    /// (`birth date`).
    #[uniffi(default = None)]
    pub birth_date: Option<String>,
    /// Haemochromatosis.
    #[uniffi(default = None)]
    pub haemochromatosis: Option<bool>,
    /// Thalassaemia.
    #[uniffi(default = None)]
    pub thalassaemia: Option<bool>,
    /// Regular blood transfusions.
    #[uniffi(default = None)]
    pub regular_transfusions: Option<bool>,
    /// Sex (for the WHO haemoglobin thresholds); `Some(None)` is not expressible, so use
    /// `clear_sex`.
    #[uniffi(default = None)]
    pub sex: Option<Sex>,
    /// Forget the recorded sex.
    #[uniffi(default = false)]
    pub clear_sex: bool,
    /// The bedtime-routine reminders chosen.
    #[uniffi(default = None)]
    pub routine: Option<Routine>,
}

impl ProfileChanges {
    /// The profile fields these changes set (as `model::profile_merge::fields` names them): each
    /// one given, even when its value is the stored one, is the person's choice of now and is
    /// stamped so (an explicit "not pregnant" must beat an older "pregnant" from another
    /// device). Destructured without `..`: a new change fails to compile here until it is named.
    pub(crate) fn fields_given(&self) -> Vec<&'static str> {
        let ProfileChanges {
            time_zone,
            bedtime,
            wake_time,
            breakfast,
            lunch,
            dinner,
            pregnant,
            kidney_disease,
            malabsorption,
            due_date,
            dialysis,
            birth_date,
            haemochromatosis,
            thalassaemia,
            regular_transfusions,
            sex,
            clear_sex,
            routine,
        } = self;
        let mut out: Vec<&'static str> = [
            ("time_zone", time_zone.is_some()),
            ("bedtime", bedtime.is_some()),
            ("wake_time", wake_time.is_some()),
            ("breakfast", breakfast.is_some()),
            ("lunch", lunch.is_some()),
            ("dinner", dinner.is_some()),
            ("pregnant", pregnant.is_some()),
            ("kidney_disease", kidney_disease.is_some()),
            ("malabsorption", malabsorption.is_some()),
            ("due_date", due_date.is_some()),
            ("dialysis", dialysis.is_some()),
            ("birth_date", birth_date.is_some()),
            ("haemochromatosis", haemochromatosis.is_some()),
            ("thalassaemia", thalassaemia.is_some()),
            ("regular_transfusions", regular_transfusions.is_some()),
            ("sex", sex.is_some() || *clear_sex),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect();
        if routine.is_some() {
            // The routine is given whole: every reminder is switched on or off.
            out.extend([
                "routine.warm_bath",
                "routine.warm_socks",
                "routine.movement",
                "routine.exercise_cutoff",
            ]);
        }
        out
    }

    /// `p` with these changes applied; each value checked and its field named on error.
    pub(crate) fn apply(&self, mut p: Profile) -> Result<Profile> {
        let meal = |field: &str, v: &str| -> Result<Option<chrono::NaiveTime>> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                parse_clock_time(field, v).map(Some)
            }
        };
        if let Some(v) = &self.time_zone {
            p.time_zone = parse_time_zone("time zone", v)?;
        }
        if let Some(v) = &self.bedtime {
            p.bedtime = parse_clock_time("bedtime", v)?;
        }
        if let Some(v) = &self.wake_time {
            p.wake_time = parse_clock_time("wake time", v)?;
        }
        if let Some(v) = &self.breakfast {
            p.breakfast = meal("breakfast", v)?;
        }
        if let Some(v) = &self.lunch {
            p.lunch = meal("lunch", v)?;
        }
        if let Some(v) = &self.dinner {
            p.dinner = meal("dinner", v)?;
        }
        if let Some(v) = self.pregnant {
            p.pregnant = v;
        }
        if let Some(v) = self.kidney_disease {
            p.kidney_disease = v;
        }
        if let Some(v) = self.malabsorption {
            p.malabsorption = v;
        }
        let date = |field: &str, v: &str| -> Result<Option<NaiveDate>> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                parse_date(field, v).map(Some)
            }
        };
        if let Some(v) = &self.due_date {
            p.due_date = date("due date", v)?;
        }
        if let Some(v) = self.dialysis {
            p.dialysis = v;
        }
        if let Some(v) = &self.birth_date {
            p.birth_date = date("birth date", v)?;
        }
        if let Some(v) = self.haemochromatosis {
            p.haemochromatosis = v;
        }
        if let Some(v) = self.thalassaemia {
            p.thalassaemia = v;
        }
        if let Some(v) = self.regular_transfusions {
            p.regular_transfusions = v;
        }
        if self.clear_sex {
            p.sex = None;
        }
        if let Some(v) = self.sex {
            p.sex = Some(v);
        }
        if let Some(v) = self.routine {
            p.routine = v;
        }
        Ok(p)
    }
}

fn opt_clock(field: &str, s: &Option<String>) -> Result<Option<chrono::NaiveTime>> {
    s.as_deref().map(|v| parse_clock_time(field, v)).transpose()
}

impl ProfileSettings {
    pub(crate) fn to_model(&self) -> Result<Profile> {
        Ok(Profile {
            time_zone: parse_time_zone("time zone", &self.time_zone)?,
            bedtime: parse_clock_time("bedtime", &self.bedtime)?,
            wake_time: parse_clock_time("wake time", &self.wake_time)?,
            breakfast: opt_clock("breakfast", &self.breakfast)?,
            lunch: opt_clock("lunch", &self.lunch)?,
            dinner: opt_clock("dinner", &self.dinner)?,
            pregnant: self.pregnant,
            kidney_disease: self.kidney_disease,
            malabsorption: self.malabsorption,
            due_date: opt_date("due date", &self.due_date)?,
            dialysis: self.dialysis,
            birth_date: opt_date("birth date", &self.birth_date)?,
            haemochromatosis: self.haemochromatosis,
            thalassaemia: self.thalassaemia,
            regular_transfusions: self.regular_transfusions,
            sex: self.sex,
            routine: self.routine.unwrap_or_default(),
            // Kept from the stored profile by `set_profile`: settings do not carry it.
            augmentation_baseline: None,
            // Stamped by the save against the stored profile (`model/profile_merge.rs`).
            changed: None,
        })
    }

    pub(crate) fn from_model(p: &Profile) -> Self {
        ProfileSettings {
            time_zone: p.time_zone.name().to_owned(),
            bedtime: format_clock_time(p.bedtime),
            wake_time: format_clock_time(p.wake_time),
            breakfast: p.breakfast.map(format_clock_time),
            lunch: p.lunch.map(format_clock_time),
            dinner: p.dinner.map(format_clock_time),
            pregnant: p.pregnant,
            kidney_disease: p.kidney_disease,
            malabsorption: p.malabsorption,
            due_date: p.due_date.map(|d| d.to_string()),
            dialysis: p.dialysis,
            birth_date: p.birth_date.map(|d| d.to_string()),
            haemochromatosis: p.haemochromatosis,
            thalassaemia: p.thalassaemia,
            regular_transfusions: p.regular_transfusions,
            sex: p.sex,
            routine: Some(p.routine),
        }
    }
}

/// A night as the person logs it: the quick 0-10 rating. The IRLS is weekly (SPEC §2.7,
/// `log_weekly_irls`); `irls_items` only carries an older night's scores back unchanged.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct NightInput {
    /// The evening the night began, `YYYY-MM-DD`.
    pub night_date: String,
    /// 0-10.
    pub quick_severity: Option<i32>,
    /// Ten scores, 0-4 each, by item number: only those the stored night already holds (an
    /// older diary's); new or changed scores are refused (`InvalidInput` "IRLS items").
    pub irls_items: Option<Vec<i32>>,
    /// When symptoms began, local `HH:MM`.
    pub onset: Option<String>,
    /// Where symptoms were felt.
    pub body_areas: Vec<BodyArea>,
    /// Hours slept, 0-24.
    pub sleep_hours: Option<f64>,
    /// Times woken, 0-100.
    pub awakenings: Option<i32>,
    /// What may have made it worse.
    pub triggers: Vec<Trigger>,
    /// What was tried, and how much it helped.
    pub relief: Vec<Relief>,
    /// Free text, at most 4,000 characters.
    pub notes: Option<String>,
}

impl NightInput {
    /// A quick entry: the night and its 0-10 rating, nothing else.
    pub fn quick(night_date: &str, severity: i32) -> Self {
        NightInput {
            night_date: night_date.to_owned(),
            quick_severity: Some(severity),
            irls_items: None,
            onset: None,
            body_areas: Vec::new(),
            sleep_hours: None,
            awakenings: None,
            triggers: Vec::new(),
            relief: Vec::new(),
            notes: None,
        }
    }

    pub(crate) fn to_model(&self, meta: RecordMeta) -> Result<Night> {
        let mut areas = self.body_areas.clone();
        areas.sort_unstable();
        areas.dedup();
        let mut triggers = self.triggers.clone();
        triggers.sort_unstable();
        triggers.dedup();
        Ok(Night {
            meta,
            night_date: parse_date("night date", &self.night_date)?,
            quick_severity: self
                .quick_severity
                .map(|s| small("severity", s, "rate 0-10"))
                .transpose()?,
            irls: self
                .irls_items
                .as_deref()
                .map(|items| {
                    let items = items
                        .iter()
                        .map(|&v| small("IRLS items", v, "each item is scored 0-4"))
                        .collect::<Result<Vec<u8>>>()?;
                    crate::model::IrlsScores::new(&items)
                })
                .transpose()?,
            onset: opt_clock("onset", &self.onset)?,
            body_areas: areas,
            sleep_hours: self.sleep_hours,
            awakenings: self
                .awakenings
                .map(|a| {
                    u32::try_from(a)
                        .map_err(|_| Error::invalid("awakenings", format!("{a} is negative")))
                })
                .transpose()?,
            triggers,
            relief: self.relief.clone(),
            notes: self.notes.clone().filter(|n| !n.trim().is_empty()),
            changed: None,
        })
    }
}

/// A stored night.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct NightEntry {
    /// Sync fields.
    pub info: RecordInfo,
    /// The evening the night began, `YYYY-MM-DD`.
    pub night_date: String,
    /// 0-10, if rated.
    pub quick_severity: Option<i32>,
    /// The ten IRLS item scores, 0-4 each, if scored.
    pub irls_items: Option<Vec<i32>>,
    /// Their sum, 0-40.
    pub irls_total: Option<i32>,
    /// The total's severity band.
    pub irls_band: Option<IrlsBand>,
    /// When symptoms began, local `HH:MM`.
    pub onset: Option<String>,
    /// Where symptoms were felt.
    pub body_areas: Vec<BodyArea>,
    /// Hours slept.
    pub sleep_hours: Option<f64>,
    /// Times woken.
    pub awakenings: Option<i32>,
    /// What may have made it worse.
    pub triggers: Vec<Trigger>,
    /// What was tried, and how much it helped.
    pub relief: Vec<Relief>,
    /// Free text.
    pub notes: Option<String>,
    /// Shown with the entry, e.g. for a night with a sedating antihistamine.
    pub warnings: Vec<String>,
    /// How many live entries the diary holds for this night date: 1, or more when devices each
    /// logged the night before they synced (SPEC §4 keeps them all; `nights` lists every one).
    pub entries_on_date: u32,
    /// Whether this is the entry of its date that the charts, the report, the CSV and every
    /// analysis use (the newest; SPEC §4). False for the other entries of a date logged on
    /// several devices, and for an entry whose newer same-date entry was deleted.
    pub in_analyses: bool,
    /// Set by `log_night` and `log_night_keeping` when the entry changed nothing: nothing was
    /// written and the stored entry is returned as it was. False in lists.
    pub unchanged: bool,
}

impl From<&Night> for NightEntry {
    fn from(n: &Night) -> Self {
        NightEntry {
            info: RecordInfo::from(&n.meta),
            night_date: n.night_date.to_string(),
            quick_severity: n.quick_severity.map(i32::from),
            irls_items: n
                .irls
                .map(|s| s.items().iter().map(|&v| i32::from(v)).collect()),
            irls_total: n.irls.map(|s| i32::from(s.total())),
            irls_band: n.irls.map(|s| s.band()),
            onset: n.onset.map(format_clock_time),
            body_areas: n.body_areas.clone(),
            sleep_hours: n.sleep_hours,
            awakenings: n.awakenings.map(|a| i32::try_from(a).unwrap_or(i32::MAX)),
            triggers: n.triggers.clone(),
            relief: n.relief.clone(),
            notes: n.notes.clone(),
            warnings: if n.triggers.contains(&Trigger::Antihistamine) {
                vec![format!(
                    "You noted an antihistamine. {}",
                    crate::rules::catalog::DrugClass::SedatingAntihistamine.advice()
                )]
            } else {
                Vec::new()
            },
            entries_on_date: 1,
            in_analyses: true,
            unchanged: false,
        }
    }
}

/// Something that happened: `at` is RFC 3339, or local `YYYY-MM-DDTHH:MM` in the profile's zone.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct EventInput {
    /// RFC 3339, or local `YYYY-MM-DDTHH:MM` in the profile's zone; not in the future.
    pub at: String,
    /// A dose, an intake or an activity.
    pub kind: EventKind,
    /// Free text, at most 4,000 characters.
    pub note: Option<String>,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct EventEntry {
    /// Sync fields.
    pub info: RecordInfo,
    /// The instant, UTC.
    pub at_utc: String,
    /// The same instant with the profile zone's offset.
    pub at_local: String,
    /// A dose, an intake or an activity.
    pub kind: EventKind,
    /// Free text.
    pub note: Option<String>,
    /// Kept with the event when it was logged, e.g. an intake too close to an iron dose.
    pub warnings: Vec<String>,
}

impl EventEntry {
    pub(crate) fn new(e: &Event, tz: Tz) -> Self {
        EventEntry {
            info: RecordInfo::from(&e.meta),
            at_utc: instant(&e.at),
            at_local: local_instant(&e.at, tz),
            kind: e.kind.clone(),
            note: e.note.clone(),
            warnings: e.warnings.clone(),
        }
    }
}

/// A lab value in the unit the person reads off the lab sheet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct LabInput {
    /// Which lab value.
    pub analyte: Analyte,
    /// As on the lab sheet, in `unit`; checked against the analyte's plausible range.
    pub value: f64,
    /// One of the analyte's units (`lab_kinds()`), e.g. `ng/mL` or `µg/L` for ferritin.
    pub unit: String,
    /// When the blood was taken, `YYYY-MM-DD`.
    pub taken_on: String,
}

/// A stored lab result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct LabEntry {
    /// Sync fields.
    pub info: RecordInfo,
    /// Which lab value.
    pub analyte: Analyte,
    /// In `unit`, the analyte's canonical unit.
    pub value: f64,
    /// The analyte's canonical unit (ferritin ng/mL, TSAT %, haemoglobin g/dL, vitamin D ng/mL, eGFR mL/min/1.73m2).
    pub unit: String,
    /// The value as typed.
    pub entered_value: f64,
    /// The unit as typed.
    pub entered_unit: String,
    /// When the blood was taken, `YYYY-MM-DD`.
    pub taken_on: String,
}

impl From<&Lab> for LabEntry {
    fn from(l: &Lab) -> Self {
        LabEntry {
            info: RecordInfo::from(&l.meta),
            analyte: l.analyte,
            value: l.value.canonical,
            unit: l.analyte.canonical_unit().to_owned(),
            entered_value: l.value.entered_value,
            entered_unit: l.value.entered_unit.clone(),
            taken_on: l.taken_on.to_string(),
        }
    }
}

/// A medicine or supplement taken on a schedule.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct RegimenInput {
    /// Iron, vitamin C, magnesium, a medicine or another supplement.
    pub kind: RegimenKind,
    /// As on the pack (a brand or generic name; medicines are looked up in the catalog).
    /// Empty for iron, vitamin C or magnesium: the generic name is kept ("Magnesium"), never
    /// an invented product. Errors: `InvalidInput` (`name`) when empty for a medicine or
    /// supplement.
    pub name: String,
    /// Dose in mg (for iron: elemental iron), if known.
    pub dose_mg: Option<f64>,
    /// Local `HH:MM` times. For iron, leave empty so the planner finds the window; a time
    /// given is kept (the first, one iron dose a day) and the plan warns of what clashes with it.
    pub times: Vec<String>,
    /// 1 = daily, 2 = alternate days.
    pub every_n_days: i32,
    /// Iron taken with vitamin C.
    pub with_vitamin_c: bool,
    /// The day the person started, `YYYY-MM-DD`. Defaults to today, recorded as defaulted
    /// (`StartSource::Defaulted`). Ask for it for a dopaminergic RLS drug (see
    /// `asks_start_date`): the augmentation screen (SPEC §2.5) uses the diary from the start as
    /// the period when the drug first worked only when the person gave the date.
    pub start_date: Option<String>,
    /// Last day, `YYYY-MM-DD`; open-ended when absent.
    pub stop_date: Option<String>,
    /// The person does not know when they started (long ago). `start_date` (default today) then
    /// only dates the schedule, and the augmentation screen uses the questionnaire.
    #[uniffi(default = false)]
    pub start_date_unknown: bool,
}

/// A stored regimen item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct RegimenEntry {
    /// Sync fields.
    pub info: RecordInfo,
    /// Iron, vitamin C, magnesium, a medicine or another supplement.
    pub kind: RegimenKind,
    /// As entered.
    pub name: String,
    /// Dose in mg, if known.
    pub dose_mg: Option<f64>,
    /// Local `HH:MM` times; empty for iron placed by the planner, or the time the person set.
    pub times: Vec<String>,
    /// 1 = daily, 2 = alternate days.
    pub every_n_days: i32,
    /// Iron taken with vitamin C.
    pub with_vitamin_c: bool,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`, if any.
    pub stop_date: Option<String>,
    /// Whether `start_date` is the day the person started, a date they could not give, or the
    /// day the item was added.
    pub start_source: crate::model::StartSource,
    /// One line for a list: "65 mg · alternate days · with vitamin C · planned window".
    pub schedule: String,
    /// Catalog warnings, e.g. a medicine that can worsen RLS; and, where the entry is listed
    /// among the others (`add_regimen`, `regimen`, `set_regimen_start`), a time inside a
    /// bisphosphonate's wait (see `rules::regimen_entry::first_thing_waits`).
    pub warnings: Vec<String>,
    /// The medicines this entry shares with other entries not stopped before today (the same
    /// generic by any name, brand or salt): two entries mean two reminders, a double-dose risk.
    /// A warning, never a refusal (two strengths of one drug are two entries); show it before
    /// `warnings`. Filled by `add_regimen`, `regimen` and `set_regimen_start`.
    pub same_medicine: Vec<SameMedicineWarning>,
}

/// A medicine entry that is a medicine other entries already hold (issue #15).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct SameMedicineWarning {
    /// The medicine both entries are, as the catalog names it (`pramipexole`; every levodopa
    /// product, with carbidopa, benserazide or entacapone, is `levodopa`).
    pub generic: String,
    /// The other entries' ids.
    pub other_ids: Vec<String>,
    /// The other entries' names, as entered (same order as `other_ids`).
    pub other_names: Vec<String>,
    /// The warning in words: two reminders could mean a double dose; keep both only for two
    /// prescribed strengths; ask the pharmacist.
    pub message: String,
}

impl RegimenEntry {
    /// `x` as listed among `regimen` (the live entries, `x` included or not) on `today`, with
    /// the medicines it shares with the others, its warnings for a person in the groups `g`
    /// (the same profile-aware alternative `regimen add` and `check` give; magnesium with eGFR
    /// under 30 or dialysis: no reminder, discuss it with the doctor).
    pub(crate) fn among(
        x: &RegimenItem,
        regimen: &[RegimenItem],
        today: NaiveDate,
        g: crate::rules::catalog::ProfileGroups,
    ) -> Self {
        let mut entry = RegimenEntry::from(x);
        entry.warnings = crate::rules::catalog::regimen_warnings_for(x, g);
        // SPEC §2.3: magnesium, by kind or by name, gets no reminder with eGFR < 30 or
        // dialysis; the entry says so and sends the person to their doctor.
        if g.severe_kidney && crate::rules::groups::is_magnesium(x) {
            entry
                .warnings
                .push(crate::rules::catalog::KIDNEY_MAGNESIUM_NOTE.to_owned());
        }
        entry
            .warnings
            .extend(crate::rules::regimen_entry::first_thing_waits(
                x, regimen, today,
            ));
        entry.same_medicine = crate::rules::regimen_entry::same_medicine(x, regimen, today)
            .into_iter()
            .map(|s| SameMedicineWarning {
                generic: s.generic.to_owned(),
                other_ids: s.others.iter().map(|r| r.meta.id.to_string()).collect(),
                other_names: s.others.iter().map(|r| r.name.clone()).collect(),
                message: s.message(&x.name),
            })
            .collect();
        entry
    }
}

impl From<&RegimenItem> for RegimenEntry {
    fn from(x: &RegimenItem) -> Self {
        RegimenEntry {
            info: RecordInfo::from(&x.meta),
            kind: x.kind,
            name: x.name.clone(),
            dose_mg: x.dose_mg,
            times: x.times.iter().map(|t| format_clock_time(*t)).collect(),
            every_n_days: i32::try_from(x.every_n_days).unwrap_or(i32::MAX),
            with_vitamin_c: x.with_vitamin_c,
            start_date: x.start_date.to_string(),
            stop_date: x.stop_date.map(|d| d.to_string()),
            start_source: x.start_source,
            schedule: schedule_line(x),
            warnings: crate::rules::catalog::regimen_warnings(x),
            same_medicine: Vec::new(),
        }
    }
}

fn schedule_line(x: &RegimenItem) -> String {
    let mut parts = Vec::new();
    if let Some(mg) = x.dose_mg {
        parts.push(format!("{} mg", trim_number(mg)));
    }
    parts.push(match x.every_n_days {
        1 => "daily".to_owned(),
        2 => "alternate days".to_owned(),
        n => format!("every {n} days"),
    });
    if x.times.is_empty() {
        if x.kind == RegimenKind::Iron {
            parts.push("in the planned iron window".to_owned());
        }
    } else {
        let times: Vec<String> = x.times.iter().map(|t| format_clock_time(*t)).collect();
        parts.push(format!("at {}", times.join(", ")));
    }
    if x.with_vitamin_c {
        parts.push("with vitamin C".to_owned());
    }
    if let Some(stop) = x.stop_date {
        parts.push(format!("until {stop}"));
    }
    parts.join(" · ")
}

/// `65`, `62.5`, `0.125`, `0.088`: every digit the person typed, no trailing `.0` and no
/// float noise (rounded to the microgram, then the shortest spelling that reads back the same).
fn trim_number(v: f64) -> String {
    let micrograms = (v * 1e6).round() / 1e6;
    format!("{micrograms}")
}

/// A stored habit: an intake at the same local time every day (a morning coffee).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct HabitEntry {
    /// Sync fields.
    pub info: RecordInfo,
    /// What is taken.
    pub intake: IntakeKind,
    /// Local `HH:MM`.
    pub at: String,
}

impl From<&Habit> for HabitEntry {
    fn from(h: &Habit) -> Self {
        HabitEntry {
            info: RecordInfo::from(&h.meta),
            intake: h.intake,
            at: format_clock_time(h.at),
        }
    }
}

/// A small score typed as a foreign `Int`: refuses what does not fit before range checks.
fn small(field: &str, v: i32, range: &str) -> Result<u8> {
    u8::try_from(v).map_err(|_| Error::invalid(field, format!("{v} is out of range; {range}")))
}

pub(crate) fn opt_date(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(|v| parse_date(field, v)).transpose()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{trim_number, ProfileChanges};

    /// Every change given names a real profile field, and a change given to its stored value
    /// is still named (it is stamped as the person's choice of now).
    #[test]
    fn every_change_given_names_a_profile_field() {
        let s = |v: &str| Some(v.to_owned());
        let all = ProfileChanges {
            time_zone: s("UTC"),
            bedtime: s("23:00"),
            wake_time: s("07:00"),
            breakfast: s(""),
            lunch: s(""),
            dinner: s(""),
            pregnant: Some(false),
            kidney_disease: Some(false),
            malabsorption: Some(false),
            due_date: s(""),
            dialysis: Some(false),
            birth_date: s(""),
            haemochromatosis: Some(false),
            thalassaemia: Some(false),
            regular_transfusions: Some(false),
            sex: None,
            clear_sex: true,
            routine: Some(crate::model::Routine::default()),
        };
        let given = all.fields_given();
        assert_eq!(
            given,
            crate::model::profile_merge::settings_fields().unwrap()
        );
        assert!(ProfileChanges::default().fields_given().is_empty());
    }

    #[test]
    fn doses_under_one_milligram_are_shown_exactly() {
        for (mg, shown) in [
            (0.125, "0.125"),
            (0.088, "0.088"),
            (0.25, "0.25"),
            (0.0625, "0.0625"),
            (65.0, "65"),
            (62.5, "62.5"),
            (0.1 + 0.2, "0.3"),
            (1000.0, "1000"),
        ] {
            assert_eq!(trim_number(mg), shown, "{mg}");
        }
    }
}
