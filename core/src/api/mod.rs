//! The FFI surface: one object, [`QuietLegs`], opened on a database file. The CLI uses the same
//! object, so the desktop, Android and iOS all go through one validation path.
//!
//! # The `QuietLegs` object's methods, in one place
//!
//! Its methods live beside the records they return, in several `impl QuietLegs` blocks. This
//! table lists every public one with its file (`api::tests::method_table_lists_every_method`
//! fails when a method is added, moved or removed without updating it). "FFI" says whether
//! uniffi exports it to Kotlin, Swift and Python; "Rust only" methods take `Path`s or model
//! types and serve the CLI, the tests and the benches.
//!
//! | method | file | FFI |
//! |---|---|---|
//! | `open_at` | `api/mod.rs` | Rust only |
//! | `open_read_only_at` | `api/mod.rs` | Rust only |
//! | `rescue_to` | `api/mod.rs` | Rust only |
//! | `mark_as_demo` | `api/mod.rs` | Rust only |
//! | `is_demo` | `api/mod.rs` | Rust only |
//! | `set_read_everything` | `api/mod.rs` | Rust only (hidden test hook: read every weekly rating and dose, to compare with the bounded reads) |
//! | `open` | `api/mod.rs` | yes |
//! | `open_with_clock` | `api/mod.rs` | yes |
//! | `check_integrity` | `api/mod.rs` | yes |
//! | `rescue` | `api/mod.rs` | yes |
//! | `device_id` | `api/mod.rs` | yes |
//! | `profile` | `api/mod.rs` | yes |
//! | `set_profile` | `api/mod.rs` | yes |
//! | `save_profile_form` | `api/mod.rs` | yes |
//! | `update_profile` | `api/mod.rs` | yes |
//! | `log_night_keeping` | `api/mod.rs` | yes |
//! | `log_night` | `api/mod.rs` | yes |
//! | `nights` | `api/mod.rs` | yes |
//! | `log_event` | `api/mod.rs` | yes |
//! | `events_on` | `api/mod.rs` | yes |
//! | `add_lab` | `api/mod.rs` | yes |
//! | `labs` | `api/mod.rs` | yes |
//! | `add_regimen` | `api/mod.rs` | yes |
//! | `regimen` | `api/mod.rs` | yes |
//! | `add_habit` | `api/mod.rs` | yes |
//! | `habits` | `api/mod.rs` | yes |
//! | `delete` | `api/mod.rs` | yes |
//! | `set_augmentation_answers` | `api/augmentation.rs` | yes |
//! | `update_augmentation_answers` | `api/augmentation.rs` | yes |
//! | `clear_augmentation_answers` | `api/augmentation.rs` | yes |
//! | `asks_augmentation_questionnaire` | `api/augmentation.rs` | yes |
//! | `augmentation_answers` | `api/augmentation.rs` | yes |
//! | `set_regimen_start` | `api/augmentation.rs` | yes |
//! | `set_regimen_stop` | `api/augmentation.rs` | yes |
//! | `merge_in` | `api/exchange.rs` | Rust only |
//! | `export_json_with` | `api/exchange.rs` | Rust only |
//! | `import_from` | `api/exchange.rs` | Rust only |
//! | `export_csv_to` | `api/exchange.rs` | Rust only |
//! | `export_fhir_to` | `api/exchange.rs` | Rust only |
//! | `export_report_to` | `api/exchange.rs` | Rust only |
//! | `export_calendar_to` | `api/exchange.rs` | Rust only |
//! | `export_json` | `api/exchange.rs` | yes |
//! | `import_file` | `api/exchange.rs` | yes |
//! | `export_csv` | `api/exchange.rs` | yes |
//! | `export_fhir` | `api/exchange.rs` | yes |
//! | `export_report` | `api/exchange.rs` | yes |
//! | `export_calendar` | `api/exchange.rs` | yes |
//! | `plan` | `api/planning.rs` | yes |
//! | `iron_window` | `api/planning.rs` | yes |
//! | `check_intake` | `api/planning.rs` | yes |
//! | `check_intake_kind` | `api/planning.rs` | yes |
//! | `reminders` | `api/planning.rs` | yes |
//! | `reconcile_reminders` | `api/planning.rs` | yes |
//! | `act_on_reminder` | `api/planning.rs` | yes |
//! | `night_to_log` | `api/screens.rs` | yes |
//! | `ferritin_chart` | `api/screens.rs` | yes |
//! | `report_chart` | `api/screens.rs` | yes |
//! | `weekly_irls_chart` | `api/screens.rs` | yes |
//! | `severity_chart` | `api/screens.rs` | yes |
//! | `add_demo_history` | `api/shell.rs` | Rust only |
//! | `status` | `api/status.rs` | yes |
//! | `log_weekly_irls` | `api/status.rs` | yes |
//! | `weekly_irls_history` | `api/status.rs` | yes |
//! | `iv_iron_formulations` | `api/status.rs` | yes |
//! | `check_medicine_for_profile` | `api/status.rs` | yes |

// Every public item here becomes Kotlin and Swift documentation (clippy -D warnings makes a
// missing one an error).
#![warn(missing_docs)]

mod augmentation;
mod clock;
mod error;
mod exchange;
mod labels;
mod planning;
mod records;
mod screens;
mod shell;
mod snapshot;
mod status;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, NaiveDate, Utc};

pub use augmentation::{
    asks_start_date, read_relief_hours, read_whole_answer, AugmentationAnswers,
    AugmentationQuestion, AugmentationVerdict, StartSource,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::QuietLegsError;
pub use exchange::*;
pub use labels::*;
pub use planning::*;
pub use records::*;
pub use screens::*;
pub use shell::*;
pub use status::*;

use crate::error::Error;
use crate::model::profile_merge::{self, FieldStamps};
use crate::model::time::{parse_date, parse_instant};
use crate::model::validate;
use crate::model::{Event, Habit, Lab, LabValue, Profile, RecordMeta, RegimenItem};
use crate::model::{FIRST_DATE, LAST_DATE};
use crate::store::{self, Store};

type ApiResult<T> = std::result::Result<T, QuietLegsError>;

/// How far ahead of the clock an event may be logged (clock skew between devices, a dose
/// logged a few minutes early); anything later is a typing error.
pub(crate) const EVENT_FUTURE_TOLERANCE_MINUTES: i64 = 60;

/// What [`QuietLegs::rescue`] saved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct RescueSummary {
    /// The new diary.
    pub path: String,
    /// Rows copied (records, tombstones, this device's settings).
    pub copied: u64,
    /// Row positions that could not be read (an upper bound on what was lost).
    pub unreadable: u64,
}

/// A QuietLegs diary, opened on one SQLite file.
///
/// Errors every method can give (`QuietLegsError`, in Kotlin `QuietLegsException.*`): `Busy`
/// (another program held the diary past the wait; nothing changed), `Damaged`, `ReadOnly` and
/// `Storage` for the file itself. Methods that take input also give `InvalidInput`, whose `field`
/// names what to correct; nothing is written then. Dates are `YYYY-MM-DD`, clock times `HH:MM`,
/// instants RFC 3339 (or local `YYYY-MM-DDTHH:MM` where a method says so).
#[derive(uniffi::Object)]
pub struct QuietLegs {
    store: Mutex<Store>,
    clock: Arc<dyn Clock>,
}

impl QuietLegs {
    /// Test hook ([`Store::set_read_everything`]): answers from reading every weekly rating
    /// and logged dose, to compare with the bounded reads. Not exported to the phones.
    #[doc(hidden)]
    pub fn set_read_everything(&self, on: bool) -> ApiResult<()> {
        self.store()?.set_read_everything(on);
        Ok(())
    }

    pub(crate) fn store(&self) -> ApiResult<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| QuietLegsError::Storage {
            reason: "an earlier operation failed mid-way; reopen the diary".to_owned(),
        })
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        clock::now_of(self.clock.as_ref())
    }

    /// The profile (every device's record folded field by field), with the stamp of each
    /// field's value; the defaults and no stamps when none was saved yet.
    pub(crate) fn profile_model(store: &Store) -> ApiResult<(Option<FieldStamps>, Profile)> {
        Ok(match store::profile(store.conn())? {
            Some(f) => (Some(f.stamps), f.profile),
            None => (None, Profile::default()),
        })
    }

    fn today(&self, profile: &Profile) -> NaiveDate {
        self.now().with_timezone(&profile.time_zone).date_naive()
    }

    /// Opens with an explicit clock (the Rust-side constructor); `path` is used exactly as given.
    pub fn open_at(path: &Path, clock: Arc<dyn Clock>) -> ApiResult<Arc<Self>> {
        Ok(Arc::new(QuietLegs {
            store: Mutex::new(Store::open(path)?),
            clock,
        }))
    }

    /// Opens an existing diary for reading only (a read-only folder or medium; rescuing what can
    /// be read). Every writing call then fails with `ReadOnly` and changes nothing.
    pub fn open_read_only_at(path: &Path, clock: Arc<dyn Clock>) -> ApiResult<Arc<Self>> {
        Ok(Arc::new(QuietLegs {
            store: Mutex::new(Store::open_read_only(path)?),
            clock,
        }))
    }

    /// [`QuietLegs::rescue`] into a path given exactly.
    pub fn rescue_to(&self, target: &Path) -> ApiResult<RescueSummary> {
        let r = self.store()?.rescue_into(target)?;
        Ok(RescueSummary {
            path: target.display().to_string(),
            copied: r.copied,
            unreadable: r.unreadable,
        })
    }

    /// Marks this diary as the demo's own (see `store::Store::mark_as_demo`).
    pub fn mark_as_demo(&self) -> ApiResult<()> {
        Ok(self.store()?.mark_as_demo()?)
    }

    /// Whether this diary carries the demo's mark.
    pub fn is_demo(&self) -> ApiResult<bool> {
        Ok(self.store()?.is_demo()?)
    }
}

#[uniffi::export]
impl QuietLegs {
    /// Opens (or creates) the diary at `path`, using the system clock.
    #[uniffi::constructor]
    pub fn open(path: String) -> ApiResult<Arc<Self>> {
        Self::open_at(Path::new(&path), Arc::new(SystemClock))
    }

    /// Opens the diary with a clock supplied by the caller (tests, or a shell that owns time).
    #[uniffi::constructor]
    pub fn open_with_clock(path: String, clock: Arc<dyn Clock>) -> ApiResult<Arc<Self>> {
        Self::open_at(Path::new(&path), clock)
    }

    /// Checks every page of the diary file (`PRAGMA quick_check`), for idle maintenance (it
    /// reads the whole file: see docs/PERFORMANCE.md for its cost). Errors: `Damaged` naming the
    /// file. The first write of a session runs the same check before writing.
    pub fn check_integrity(&self) -> ApiResult<()> {
        Ok(self.store()?.check_integrity()?)
    }

    /// Copies everything that can still be read from this (damaged) diary into a new diary at
    /// `path`, which must not exist; this diary is only read. Open the new one to see, use and
    /// export what was saved. Errors: `Io` when `path` exists or cannot be created.
    pub fn rescue(&self, path: String) -> ApiResult<RescueSummary> {
        self.rescue_to(Path::new(&path))
    }

    /// This installation's device id.
    pub fn device_id(&self) -> ApiResult<String> {
        Ok(self.store()?.device_id().to_owned())
    }

    /// The person's settings (defaults until first saved).
    pub fn profile(&self) -> ApiResult<ProfileSettings> {
        let store = self.store()?;
        Ok(ProfileSettings::from_model(&Self::profile_model(&store)?.1))
    }

    /// Saves the person's settings (all of them). The stored profile is read and replaced
    /// inside one IMMEDIATE transaction, so two first saves cannot make two profiles.
    /// Errors: `InvalidInput` for a time that is not `HH:MM` or an unknown IANA zone.
    pub fn set_profile(&self, settings: ProfileSettings) -> ApiResult<ProfileSettings> {
        let profile = settings.to_model()?;
        // Every setting is given, so every setting is the person's choice of now.
        let explicit = profile_merge::settings_fields()?;
        self.save_profile(&explicit, |old| {
            // The augmentation answers are not settings: changing a bedtime keeps them.
            let mut p = profile;
            p.augmentation_baseline = old.augmentation_baseline.clone();
            Ok(p)
        })
    }

    /// Saves a settings form: `loaded` is the profile the form was filled from, `edited` the
    /// form as the person leaves it. Only the fields the person changed are saved; every other
    /// field keeps the value stored now, so a fact that arrived from another device while the
    /// form was open (pregnancy, kidney disease, the augmentation answers…) is not overwritten
    /// with the form's stale copy, as [`QuietLegs::set_profile`] would. The augmentation answers
    /// are not part of the form and are always kept. Errors: `InvalidInput` naming the field
    /// (as `set_profile`); nothing is written.
    pub fn save_profile_form(
        &self,
        loaded: ProfileSettings,
        edited: ProfileSettings,
    ) -> ApiResult<ProfileSettings> {
        let before = loaded.to_model()?;
        let after = edited.to_model()?;
        let explicit = profile_merge::edited_fields(&before, &after)?;
        self.save_profile(&explicit, |old| {
            let mut p = profile_merge::apply_edit(old, &before, &after)?;
            p.augmentation_baseline = old.augmentation_baseline.clone();
            Ok(p)
        })
    }

    /// Changes only the given settings; every `None` keeps what is stored. The read, the change
    /// and the write happen in one IMMEDIATE transaction, so concurrent changes of different
    /// settings (two screens, two processes) all survive. Errors: `InvalidInput` naming the
    /// field; nothing is written.
    pub fn update_profile(&self, changes: ProfileChanges) -> ApiResult<ProfileSettings> {
        self.save_profile(&changes.fields_given(), |old| {
            Ok(changes.apply(old.clone())?)
        })
    }

    /// Logs a night, keeping what was logged before for that date where this entry says
    /// nothing: a rating, IRLS scores, onset, sleep, awakenings or note not given (`None`), and
    /// areas, triggers or relief given empty, keep their stored values. For adding one detail
    /// to a night (the CLI's `log night`); [`QuietLegs::log_night`] replaces the whole entry.
    /// Errors: as `log_night`, checked on the night as it will be stored.
    pub fn log_night_keeping(&self, night: NightInput) -> ApiResult<NightEntry> {
        self.save_night(night, true)
    }

    /// Logs a night. Logging the same night again replaces the earlier entry.
    /// `irls_items` is for older nights only: the IRLS rates a week (SPEC §2.7, use
    /// `log_weekly_irls`), so new or changed IRLS scores on a night are refused; scores the
    /// stored night already holds may be sent back unchanged (an edit form).
    /// Errors: `InvalidInput` naming the field (date not `YYYY-MM-DD` or in the future, a score out
    /// of range, neither a rating nor IRLS scores, "IRLS items" new on a night); nothing is
    /// written then.
    pub fn log_night(&self, night: NightInput) -> ApiResult<NightEntry> {
        self.save_night(night, false)
    }

    /// Nights between two dates inclusive (`YYYY-MM-DD`; open ends when absent), oldest first.
    /// Every live entry is listed: a date that devices each logged before they synced lists
    /// each device's entry, the one the analyses use first (`entries_on_date`, `in_analyses`).
    /// Errors: `InvalidInput` (`from`/`to`) for a date that is not `YYYY-MM-DD`, or (`from/to`)
    /// when `from` is after `to`.
    pub fn nights(&self, from: Option<String>, to: Option<String>) -> ApiResult<Vec<NightEntry>> {
        // Stored dates are four-digit years, so these bounds compare correctly as text.
        if let (Some(f), Some(t)) = (opt_date("from", &from)?, opt_date("to", &to)?) {
            if f > t {
                return Err(Error::invalid(
                    "from/to",
                    format!("from {f} is after to {t}: the range is reversed"),
                )
                .into());
            }
        }
        let from = opt_date("from", &from)?.unwrap_or(FIRST_DATE);
        let to = opt_date("to", &to)?.unwrap_or(LAST_DATE);
        let store = self.store()?;
        let logged = store::nights_as_logged(store.conn(), from, to)?;
        let mut out: Vec<NightEntry> = Vec::with_capacity(logged.len());
        for (night, current) in &logged {
            let mut e = NightEntry::from(night);
            e.in_analyses = *current;
            out.push(e);
        }
        // Entries of one date are adjacent (ordered by date): each learns how many there are.
        for group in out.chunk_by_mut(|a, b| a.night_date == b.night_date) {
            let n = u32::try_from(group.len()).unwrap_or(u32::MAX);
            for e in group {
                e.entries_on_date = n;
            }
        }
        Ok(out)
    }

    /// Logs an intake, a dose or an activity. A dose's `regimen_id` may also be the medicine's
    /// name (or a brand of it) when one entry has it, or the first 4 or more characters of the
    /// id, as for `set_regimen_start`; the dose records the entry's whole id.
    /// Errors: `InvalidInput` naming the field; for a dose, `NotFound` when nothing matches
    /// and `InvalidInput` (`regimen item`) when several entries do; nothing is written then.
    pub fn log_event(&self, event: EventInput) -> ApiResult<EventEntry> {
        if let EventKind::WeeklyIrls { week_ending, items } = event.kind {
            // One rating per week, keyed by the week: the same path as `log_weekly_irls`.
            return self.log_weekly_irls(items, Some(week_ending));
        }
        let now = self.now();
        let mut store = self.store()?;
        let (saved, tz) = Self::event_to_log(&store, event, now)?;
        store.write(|tx| store::put_event(tx, &saved))?;
        Ok(EventEntry::new(&saved, tz))
    }

    /// Events of one local day (`YYYY-MM-DD` in the profile's zone), earliest first.
    /// Errors: `InvalidInput` (`date`) for a date that is not `YYYY-MM-DD`.
    pub fn events_on(&self, date: String) -> ApiResult<Vec<EventEntry>> {
        let day = parse_date("date", &date)?;
        let store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        let (from, to) = crate::rules::day::utc_bounds(tz, day);
        Ok(store::events(store.conn(), from, to)?
            .iter()
            .map(|e| EventEntry::new(e, tz))
            .collect())
    }

    /// Adds a lab result, converting it to the analyte's canonical unit.
    /// Errors: `InvalidInput` for a unit the analyte does not accept, a value outside its plausible
    /// range (a TSAT typed as a fraction is answered "did you mean …%"), or a date (`lab date`) in
    /// the future or before the birth date recorded in the profile; nothing is written then.
    pub fn add_lab(&self, lab: LabInput) -> ApiResult<LabEntry> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let profile = Self::profile_model(&store)?.1;
        let taken_on = parse_date("lab date", &lab.taken_on)?;
        let today = self.today(&profile);
        if taken_on > today {
            return Err(Error::invalid(
                "lab date",
                format!("{taken_on} is in the future (today is {today})"),
            )
            .into());
        }
        // As a regimen start (`check_typed_start`): no blood is drawn before birth. The message
        // does not repeat the stored birth date (errors carry no diary content).
        if profile.birth_date.is_some_and(|b| taken_on < b) {
            return Err(Error::invalid(
                "lab date",
                format!("{taken_on} is before your birth date (in your profile): give the day the blood was taken"),
            )
            .into());
        }
        let saved = Lab {
            meta: RecordMeta::new(now, &device),
            analyte: lab.analyte,
            value: LabValue::from_entry(lab.analyte, lab.value, &lab.unit)?,
            taken_on,
        };
        validate::lab(&saved, now)?;
        store.write(|tx| store::put_lab(tx, &saved))?;
        Ok(LabEntry::from(&saved))
    }

    /// Lab results, oldest first; one analyte or all.
    pub fn labs(&self, analyte: Option<crate::model::Analyte>) -> ApiResult<Vec<LabEntry>> {
        let store = self.store()?;
        Ok(store::labs(store.conn(), analyte)?
            .iter()
            .map(LabEntry::from)
            .collect())
    }

    /// Adds a medicine or supplement to the regimen. The result's `same_medicine` warns when
    /// another entry not stopped before today is the same medicine (by any name, brand or salt
    /// the catalog resolves to the same generic): a warning, the entry is still added.
    /// Errors: `InvalidInput` naming the field; nothing is written then. `start date`: after
    /// today (in the profile's time zone), before the birth date when one is recorded, or for a
    /// dopaminergic RLS drug before the drug was available (evidence
    /// `PRAMIPEXOLE_FIRST_APPROVAL_YEAR` and its neighbours); the reason states the rule.
    pub fn add_regimen(&self, item: RegimenInput) -> ApiResult<RegimenEntry> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let profile = Self::profile_model(&store)?.1;
        let today = self.today(&profile);
        let saved = regimen_from_input(&item, RecordMeta::new(now, &device), today)?;
        validate::regimen(&saved, now)?;
        crate::rules::regimen_entry::check_typed_start(
            &saved.name,
            saved.start_date,
            today,
            profile.birth_date,
        )?;
        refuse_iron_as_medicine(&saved)?;
        let mut all = store::regimen(store.conn())?;
        store.write(|tx| store::put_regimen(tx, &saved))?;
        all.push(saved.clone());
        let g = self.profile_groups(&store, &profile, today)?;
        Ok(RegimenEntry::among(&saved, &all, today, g))
    }

    /// The live regimen, each entry with the medicines it shares with the others. Each entry's
    /// warnings follow the profile as `add_regimen`'s and `check_medicine_for_profile`'s do (in
    /// pregnancy no alternative medicine is named).
    pub fn regimen(&self) -> ApiResult<Vec<RegimenEntry>> {
        let store = self.store()?;
        let profile = Self::profile_model(&store)?.1;
        let today = self.today(&profile);
        let g = self.profile_groups(&store, &profile, today)?;
        let all = store::regimen(store.conn())?;
        Ok(all
            .iter()
            .map(|x| RegimenEntry::among(x, &all, today, g))
            .collect())
    }

    /// Records a habitual intake at a usual local time (e.g. coffee at 07:30).
    /// Errors: `InvalidInput` (`at`) for a time that is not `HH:MM`.
    pub fn add_habit(&self, intake: crate::model::IntakeKind, at: String) -> ApiResult<HabitEntry> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let saved = Habit {
            meta: RecordMeta::new(now, &device),
            intake,
            at: crate::model::time::parse_clock_time("habit time", &at)?,
        };
        validate::meta(&saved.meta, now)?;
        store.write(|tx| store::put_habit(tx, &saved))?;
        Ok(HabitEntry::from(&saved))
    }

    /// The habitual intakes, by time of day.
    pub fn habits(&self) -> ApiResult<Vec<HabitEntry>> {
        let store = self.store()?;
        Ok(store::habits(store.conn())?
            .iter()
            .map(HabitEntry::from)
            .collect())
    }

    /// Deletes any record by id. The deletion is kept as a tombstone so it reaches other devices.
    /// Errors: `NotFound` when no record has this id; `InvalidInput` (`id`) for a profile
    /// (settings) record, whose tombstone would wipe the settings on every device; nothing is
    /// written then.
    pub fn delete(&self, id: String) -> ApiResult<()> {
        let now = self.now();
        self.store()?.delete(&id, now)?;
        Ok(())
    }
}

/// Oral iron typed as a medicine or supplement would be a second, unplanned iron dose beside
/// the planned window: refused, telling the person to add it as iron. Only new entries are
/// checked; an imported diary keeps what it holds.
fn refuse_iron_as_medicine(item: &crate::model::RegimenItem) -> crate::error::Result<()> {
    use crate::model::RegimenKind;
    use crate::rules::catalog::{lookup, DrugClass};
    // IV iron is an infusion a clinic gives, under any kind (review of #15: `regimen add med
    // Ferinject --at 10:00` was a daily pill with daily reminders): each infusion is an event.
    if let Some(m) = lookup(&item.name)
        .into_iter()
        .find(|m| m.medicine.class == DrugClass::IvIron)
    {
        return Err(Error::invalid(
            "kind",
            format!(
                "{:?} is intravenous iron ({}), an infusion given by a clinic, not a medicine taken on a schedule: record each infusion as an IV iron infusion (quietlegs log iv-iron {}), so QuietLegs times the recheck of your ferritin after it",
                item.name.trim(),
                m.medicine.generic,
                crate::model::enums::name_of(&crate::rules::catalog::iv_formulation(&m.medicine)),
            ),
        ));
    }
    if !matches!(item.kind, RegimenKind::Medication | RegimenKind::Supplement) {
        return Ok(());
    }
    match lookup(&item.name)
        .into_iter()
        .find(|m| m.medicine.class == DrugClass::OralIron)
    {
        Some(m) => Err(Error::invalid(
            "kind",
            format!(
                "{:?} is oral iron ({}): add it as iron (regimen kind iron: quietlegs regimen add iron NAME --mg DOSE), not as a medicine, so QuietLegs plans it on an empty stomach and it is not a second iron dose",
                item.name.trim(),
                m.medicine.generic
            ),
        )),
        None => Ok(()),
    }
}

impl QuietLegs {
    /// Reads the stored profile, changes it with `change` and writes it, all inside one
    /// IMMEDIATE transaction. The profile read is the fold of every device's record; what is
    /// written is this device's own record (`profile_merge::own_record_id`), stamped only on the
    /// fields whose value `change` altered and the fields named in `explicit` (what the person
    /// set, even to the value it had), so a fact another device set and this one never
    /// touched keeps its place after both sync (`model/profile_merge.rs`).
    pub(crate) fn save_profile(
        &self,
        explicit: &[&str],
        change: impl FnOnce(&Profile) -> ApiResult<Profile>,
    ) -> ApiResult<ProfileSettings> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let mut failed = None;
        let saved = store.write(|tx| {
            let base = store::profile(tx)?;
            let old = base.as_ref().map(|f| f.profile.clone()).unwrap_or_default();
            let profile = match change(&old) {
                Ok(p) => p,
                Err(e) => {
                    failed = Some(e);
                    return Err(Error::invalid("profile", "not saved"));
                }
            };
            // Dates typed now are held to today (validate.rs); only the dates this save changes.
            validate::typed_profile_dates(
                &old,
                &profile,
                now.with_timezone(&profile.time_zone).date_naive(),
            )?;
            let record = profile_merge::stamped(base.as_ref(), &profile, now, &device, explicit)?;
            let id = profile_merge::own_record_id(&device);
            let meta = match store::profile_meta(tx, &id)? {
                // A deleted own record comes back: the save outranks its tombstone.
                Some(m) => RecordMeta {
                    deleted: false,
                    ..m.touched(now, &device)
                },
                None => RecordMeta {
                    id,
                    ..RecordMeta::new(now, &device)
                },
            };
            validate::profile(&meta, &record, now)?;
            store::put_profile(tx, &meta, &record)?;
            Ok(profile)
        });
        match (saved, failed) {
            (_, Some(e)) => Err(e),
            (Ok(p), None) => Ok(ProfileSettings::from_model(&p)),
            (Err(e), None) => Err(e.into()),
        }
    }

    fn save_night(&self, night: NightInput, keep: bool) -> ApiResult<NightEntry> {
        let now = self.now();
        let mut store = self.store()?;
        let device = store.device_id().to_owned();
        let profile = Self::profile_model(&store)?.1;
        let today = self.today(&profile);
        let mut entry = night.to_model(RecordMeta::new(now, &device))?;
        if !keep {
            entry.validate(today)?;
            validate::night(&entry, now)?;
        }
        let saved = store.write(|tx| {
            let old = store::night_on(tx, entry.night_date)?;
            // The IRLS rates a week (SPEC §2.7): a night takes no new IRLS scores. Scores an
            // older diary holds stay, and re-saving them unchanged (an edit form) is accepted.
            let stored_irls = old.as_ref().and_then(|o| o.irls);
            if entry.irls.is_some() && entry.irls != stored_irls {
                return Err(Error::invalid("IRLS items", NIGHT_IRLS_REFUSED));
            }
            let stored = old.clone();
            if let Some(old) = old {
                entry.meta = old.meta.touched(now, &device);
                if keep {
                    keep_unsaid(&mut entry, old);
                }
            }
            if keep {
                entry.validate(today)?;
                validate::night(&entry, now)?;
            }
            // The same night again changes nothing: writing it would still make it newer, and
            // a no-change re-log on one device would then beat a real edit made earlier on
            // another device (SPEC §4: the newer `modified_at` wins).
            if let Some(stored) = stored.as_ref().filter(|s| same_night(s, &entry)) {
                return Ok((stored.clone(), true));
            }
            // Each field this save changes is stamped now, on this device; the others keep
            // their stamps, so a sync joins this edit with another device's edit of other
            // fields of the same night (model/night_merge.rs).
            let entry = crate::model::night_merge::stamped(stored.as_ref(), entry)?;
            store::put_night(tx, &entry)?;
            Ok((entry, false))
        })?;
        let (saved, unchanged) = saved;
        Ok(NightEntry {
            unchanged,
            ..NightEntry::from(&saved)
        })
    }

    /// The event `event` would log now, checked (time, note, the regimen item a dose names)
    /// and with its warnings, not yet written: [`QuietLegs::log_event`] and acting on a
    /// reminder write it in their own transaction.
    pub(crate) fn event_to_log(
        store: &Store,
        event: EventInput,
        now: DateTime<Utc>,
    ) -> ApiResult<(Event, crate::model::zone::Tz)> {
        let device = store.device_id().to_owned();
        let profile = Self::profile_model(store)?.1;
        let at = parse_instant("time", &event.at, profile.time_zone)?;
        if at > now + Duration::minutes(EVENT_FUTURE_TOLERANCE_MINUTES) {
            return Err(Error::invalid("time", format!("{} is in the future", event.at)).into());
        }
        check_note(&event.note)?;
        let mut kind = event.kind;
        if let EventKind::Dose { regimen_id } = &mut kind {
            // The item by its id, a unique medicine name or start of its id, as `regimen
            // start` finds it; the dose records the item's whole id.
            let all = store::regimen(store.conn())?;
            let item = crate::rules::regimen_entry::find_item(&all, regimen_id)?;
            *regimen_id = item.meta.id.to_string();
        }
        let mut saved = Event {
            meta: RecordMeta::new(now, &device),
            at,
            kind,
            note: event.note,
            warnings: Vec::new(),
        };
        saved.warnings = planning::intake_warnings(store, &saved, now)?;
        validate::event(&saved, now)?;
        Ok((saved, profile.time_zone))
    }
}

/// Why a night with new IRLS scores is refused.
const NIGHT_IRLS_REFUSED: &str = "the IRLS rates the past 7 days, not one night: record it once a week as the weekly IRLS; the night takes the quick 0-10 rating";

/// Whether two versions of a night say the same (their sync fields and field stamps aside).
fn same_night(a: &crate::model::Night, b: &crate::model::Night) -> bool {
    crate::model::Night {
        meta: b.meta.clone(),
        changed: b.changed.clone(),
        ..a.clone()
    } == *b
}

/// What `new` does not say, taken from `old` (see [`QuietLegs::log_night_keeping`]).
fn keep_unsaid(new: &mut crate::model::Night, old: crate::model::Night) {
    new.quick_severity = new.quick_severity.or(old.quick_severity);
    new.irls = new.irls.take().or(old.irls);
    new.onset = new.onset.or(old.onset);
    new.sleep_hours = new.sleep_hours.or(old.sleep_hours);
    new.awakenings = new.awakenings.or(old.awakenings);
    new.notes = new.notes.take().or(old.notes);
    if new.body_areas.is_empty() {
        new.body_areas = old.body_areas;
    }
    if new.triggers.is_empty() {
        new.triggers = old.triggers;
    }
    if new.relief.is_empty() {
        new.relief = old.relief;
    }
}

fn check_note(note: &Option<String>) -> ApiResult<()> {
    match note {
        Some(n) if n.chars().count() > crate::model::night::NOTES_MAX_CHARS => Err(Error::invalid(
            "note",
            format!(
                "longer than {} characters",
                crate::model::night::NOTES_MAX_CHARS
            ),
        )
        .into()),
        _ => Ok(()),
    }
}

/// The name as typed; for iron, vitamin C or magnesium given without one, the generic name
/// ("Magnesium"), never a product the person did not name.
fn regimen_name(item: &RegimenInput) -> String {
    use crate::model::RegimenKind;
    let typed = item.name.trim();
    if !typed.is_empty() {
        return typed.to_owned();
    }
    match item.kind {
        RegimenKind::Iron => "Iron".to_owned(),
        RegimenKind::VitaminC => "Vitamin C".to_owned(),
        RegimenKind::Magnesium => "Magnesium".to_owned(),
        RegimenKind::Medication | RegimenKind::Supplement => String::new(),
    }
}

fn regimen_from_input(
    item: &RegimenInput,
    meta: RecordMeta,
    today: NaiveDate,
) -> crate::error::Result<RegimenItem> {
    // Negative or huge counts fail here; the range is checked with the rest by `validate`.
    let every_n_days = u32::try_from(item.every_n_days).unwrap_or(0);
    let mut times = item
        .times
        .iter()
        .map(|t| crate::model::time::parse_clock_time("dose time", t))
        .collect::<crate::error::Result<Vec<_>>>()?;
    times.sort_unstable();
    times.dedup();
    let given = opt_date("start date", &item.start_date)?;
    let start_source = match (item.start_date_unknown, given) {
        (true, _) => crate::model::StartSource::Unknown,
        (false, Some(_)) => crate::model::StartSource::Given,
        (false, None) => crate::model::StartSource::Defaulted,
    };
    let start_date = given.unwrap_or(today);
    let stop_date = opt_date("stop date", &item.stop_date)?;
    let regimen = RegimenItem {
        meta,
        kind: item.kind,
        name: regimen_name(item),
        dose_mg: item.dose_mg,
        times,
        every_n_days,
        with_vitamin_c: item.with_vitamin_c,
        start_date,
        stop_date,
        start_source,
    };
    regimen.validate()?;
    Ok(regimen)
}

/// The core's version, e.g. for an About screen (also the cheapest call across the FFI).
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    /// Each API file with the public `QuietLegs` methods its top-level `impl QuietLegs` blocks
    /// define (a method is a line `    pub fn name(` inside such a block).
    fn methods() -> Vec<(String, &'static str)> {
        let files: [(&str, &str); 12] = [
            ("mod.rs", include_str!("mod.rs")),
            ("augmentation.rs", include_str!("augmentation.rs")),
            ("clock.rs", include_str!("clock.rs")),
            ("error.rs", include_str!("error.rs")),
            ("exchange.rs", include_str!("exchange.rs")),
            ("labels.rs", include_str!("labels.rs")),
            ("planning.rs", include_str!("planning.rs")),
            ("records.rs", include_str!("records.rs")),
            ("screens.rs", include_str!("screens.rs")),
            ("shell.rs", include_str!("shell.rs")),
            ("snapshot.rs", include_str!("snapshot.rs")),
            ("status.rs", include_str!("status.rs")),
        ];
        let mut out = Vec::new();
        for (file, text) in files {
            let mut inside = false;
            for line in text.lines() {
                if line.starts_with("impl QuietLegs {") {
                    inside = true;
                } else if inside && line == "}" {
                    inside = false;
                } else if let Some(rest) = line.strip_prefix("    pub fn ").filter(|_| inside) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| *c == '_' || c.is_alphanumeric())
                        .collect();
                    out.push((name, file));
                }
            }
        }
        out
    }

    #[test]
    fn method_table_lists_every_method() {
        let doc = include_str!("mod.rs");
        let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("//! | `")).collect();
        let found = methods();
        assert!(
            found.len() > 40,
            "the scan found only {} methods",
            found.len()
        );
        for (name, file) in &found {
            let row = format!("//! | `{name}` | `api/{file}` |");
            assert!(
                rows.iter().any(|r| r.starts_with(&row)),
                "QuietLegs::{name} (api/{file}) is missing from the method table in api/mod.rs"
            );
        }
        assert_eq!(
            rows.len(),
            found.len(),
            "the method table in api/mod.rs lists a method that is gone or moved"
        );
    }
}
