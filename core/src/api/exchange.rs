//! Export, import and the other file formats over the FFI. Every file is written atomically.

use std::path::{Path, PathBuf};

use super::{ApiResult, QuietLegs};
use crate::error::Error;
use crate::evidence::REPORT_WINDOW_DAYS;
use crate::exchange::atomic::{create_private_dir, read_limited, write_atomically};
use crate::exchange::crypt;
use crate::exchange::ics::{write_calendar, CalendarEvent};
use crate::exchange::json::{read_export, write_export};
use crate::exchange::merge::{merge_records, MergeReport};
use crate::exchange::report::{write_report, ReportInput};
use crate::exchange::{csv, fhir};
use crate::model::{FIRST_DATE, LAST_DATE};
use crate::rules::plan::{day_plan, ReminderKind};
use crate::rules::reminders::occurrence_id;
use crate::store;

/// Largest import file accepted (a 30-year diary is a few tens of MB); checked from the file's
/// metadata before a byte is read.
pub const IMPORT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// The size of a file just written, naming it on failure.
fn size_of(p: &Path) -> ApiResult<u64> {
    Ok(std::fs::metadata(p).map_err(|e| Error::file(p, &e))?.len())
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ExportSummary {
    /// The file written, as given.
    pub path: String,
    /// Records in the file (tombstones included), or items for the other formats.
    pub records: u64,
    /// Size of the file written, bytes.
    pub bytes: u64,
    /// Whether the file is passphrase-encrypted (age v1, scrypt).
    pub encrypted: bool,
}

impl QuietLegs {
    /// Refuses an export aimed at this diary's own file or its -wal/-shm (the -shm has no
    /// header to recognise); any other database is refused by `write_atomically`.
    fn refuse_own(&self, p: &Path) -> ApiResult<()> {
        if self.store()?.is_own_file(p) {
            return Err(Error::WouldOverwriteDatabase {
                path: p.display().to_string(),
            }
            .into());
        }
        Ok(())
    }

    /// Merges records made in Rust (the demo, benchmarks) as an import would, instants kept to
    /// the millisecond, but without the import's validation: these records are trusted.
    pub fn merge_in(&self, records: &[crate::model::Record]) -> ApiResult<MergeReport> {
        let records: Vec<crate::model::Record> = records
            .iter()
            .cloned()
            .map(|mut r| {
                r.keep_to_the_millisecond();
                r
            })
            .collect();
        Ok(self.store()?.write(|tx| merge_records(tx, &records))?)
    }

    /// The encrypted export with a chosen scrypt work factor (tests; the FFI uses age's default).
    pub fn export_json_with(
        &self,
        path: &Path,
        passphrase: Option<&str>,
        work_factor: Option<u8>,
    ) -> ApiResult<ExportSummary> {
        self.refuse_own(path)?;
        let now = self.now();
        let store = self.store()?;
        let mut records = 0;
        write_atomically(path, |w| {
            match passphrase {
                Some(p) => crypt::encrypt_into(w, p, work_factor, |w| {
                    records = write_export(&store, now, w)?;
                    Ok(())
                })?,
                None => records = write_export(&store, now, w)?,
            }
            Ok(())
        })?;
        let bytes = size_of(path)?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            records,
            bytes,
            encrypted: passphrase.is_some(),
        })
    }

    /// [`QuietLegs::import_file`] on a path used exactly as given (the CLI's, which may not be
    /// UTF-8). The size is checked before the file is read ([`IMPORT_MAX_BYTES`]).
    pub fn import_from(&self, p: &Path, passphrase: Option<String>) -> ApiResult<MergeReport> {
        let raw = read_limited(p, IMPORT_MAX_BYTES)?;
        let bytes = if crypt::is_encrypted(&raw) {
            let pass = passphrase.ok_or_else(|| {
                Error::invalid("passphrase", "this file is encrypted: give its passphrase")
            })?;
            crypt::decrypt(&raw, &pass)?
        } else {
            raw
        };
        let file = read_export(&bytes, self.now())?;
        let mut store = self.store()?;
        Ok(store.write(|tx| merge_records(tx, &file.records))?)
    }

    /// [`QuietLegs::export_csv`] into a folder given exactly (created 0700 if needed).
    pub fn export_csv_to(&self, dir: &Path) -> ApiResult<Vec<PathBuf>> {
        self.refuse_own(dir)?;
        create_private_dir(dir)?;
        let store = self.store()?;
        let c = store.conn();
        let tz = Self::profile_model(&store)?.1.time_zone;
        let (lo, hi) = (FIRST_DATE, LAST_DATE);
        let nights = store::nights(c, lo, hi)?;
        let labs = store::labs(c, None)?;
        let events = store::all_events(c)?;
        let regimen = store::regimen(c)?;
        let paths: Vec<_> = CSV_FILES.iter().map(|f| dir.join(f)).collect();
        // Every target checked before the first is written: all three files, or none.
        for p in &paths {
            if store.is_own_file(p) || crate::exchange::atomic::is_database(p) {
                return Err(Error::WouldOverwriteDatabase {
                    path: p.display().to_string(),
                }
                .into());
            }
        }
        for (i, p) in paths.iter().enumerate() {
            write_atomically(p, |w| match i {
                0 => csv::nights(w, &nights),
                1 => csv::labs(w, &labs),
                _ => csv::doses(w, &events, &regimen, tz),
            })?;
        }
        Ok(paths)
    }

    /// [`QuietLegs::export_fhir`] to a path given exactly.
    pub fn export_fhir_to(&self, p: &Path) -> ApiResult<ExportSummary> {
        self.refuse_own(p)?;
        let now = self.now();
        let store = self.store()?;
        let c = store.conn();
        let (lo, hi) = (FIRST_DATE, LAST_DATE);
        let nights = store::nights(c, lo, hi)?;
        let labs = store::labs(c, None)?;
        let regimen = store::regimen(c)?;
        let patient = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, store.device_id().as_bytes())
            .to_string();
        write_atomically(p, |w| {
            fhir::write_bundle(w, &patient, now, &labs, &nights, &regimen)
        })?;
        let records = (labs.len() + nights.len() + regimen.len()) as u64;
        Ok(ExportSummary {
            path: p.display().to_string(),
            records,
            bytes: size_of(p)?,
            encrypted: false,
        })
    }

    /// [`QuietLegs::export_report`] to a path given exactly.
    pub fn export_report_to(&self, p: &Path, date: Option<String>) -> ApiResult<ExportSummary> {
        self.refuse_own(p)?;
        // A day after today is refused as `status` refuses it: the report reads what has been
        // logged, and a later date made the recheck read both "due" and "out of date".
        let parts = self.status_parts(date)?;
        let (tz, nights, no_iv_iron) = {
            let store = self.store()?;
            let from = parts.today - chrono::Duration::days(REPORT_WINDOW_DAYS.value as i64);
            let profile = Self::profile_model(&store)?.1;
            (
                profile.time_zone,
                store::nights(store.conn(), from, parts.today)?,
                crate::rules::groups::no_iv_iron_in_pregnancy(&profile, parts.today),
            )
        };
        // Every rating of the trend (the status carries only the latest).
        let weekly: Vec<(chrono::NaiveDate, f64)> = parts
            .weekly_kept
            .iter()
            .map(|r| (r.week_ending, f64::from(r.scores.total())))
            .collect();
        let bands: Vec<String> = parts
            .weekly_kept
            .iter()
            .map(|r| crate::model::name_of(&r.scores.band()).replace('_', " "))
            .collect();
        let input = ReportInput {
            generated: self.now(),
            tz,
            date: parts.today,
            nights: &nights,
            iron: &parts.iron,
            flags: &parts.flags,
            augmentation: &parts.augmentation,
            insights: &parts.insights,
            regimen: &parts.regimen,
            labs: &parts.labs,
            weekly_irls: &weekly,
            weekly_trend: &parts.weekly.trend_line,
            weekly_bands: &bands,
            no_iv_iron,
        };
        write_atomically(p, |w| write_report(w, &input))?;
        Ok(ExportSummary {
            path: p.display().to_string(),
            // The nights the report shows (its window), not the ones the status rules read.
            records: nights.len() as u64,
            bytes: size_of(p)?,
            encrypted: false,
        })
    }

    /// [`QuietLegs::export_calendar`] to a path given exactly.
    pub fn export_calendar_to(
        &self,
        p: &Path,
        from: Option<String>,
        days: u32,
    ) -> ApiResult<ExportSummary> {
        self.refuse_own(p)?;
        if !(1..=366).contains(&days) {
            return Err(Error::invalid("days", format!("{days}: use 1-366")).into());
        }
        let now = self.now();
        let events: Vec<CalendarEvent> = {
            let store = self.store()?;
            let tz = Self::profile_model(&store)?.1.time_zone;
            let from = match &from {
                Some(d) => crate::model::time::parse_date("from", d)?,
                None => now.with_timezone(&tz).date_naive(),
            };
            let snap = super::snapshot::Snapshot::load(
                &store,
                from,
                from + chrono::Duration::days(i64::from(days)),
                super::snapshot::Labs::Skip,
            )?;
            let diary = snap.diary();
            let mut d = from;
            let mut out = Vec::new();
            for _ in 0..days {
                for item in day_plan(&diary, d)
                    .items
                    .iter()
                    .filter(|i| ROUTINE.contains(&i.kind))
                {
                    out.push(CalendarEvent {
                        uid: occurrence_id(item.kind, d, None, item.start),
                        start: item.start,
                        end: item
                            .end
                            .unwrap_or(item.start + chrono::Duration::minutes(10)),
                        summary: item.title.clone(),
                        description: format!("{} ({})", item.why, item.source.citation()),
                    });
                }
                d = d.succ_opt().unwrap_or(d);
            }
            out
        };
        write_atomically(p, |w| write_calendar(w, now, &events))?;
        Ok(ExportSummary {
            path: p.display().to_string(),
            records: events.len() as u64,
            bytes: size_of(p)?,
            encrypted: false,
        })
    }
}

#[uniffi::export]
impl QuietLegs {
    /// Writes the whole diary (tombstones included) as a versioned JSON export, encrypted with
    /// `passphrase` in the age format when one is given.
    /// Errors: `InvalidInput` (`passphrase`) for fewer than 8 characters; `EncryptionFailed` when
    /// encrypting fails; `Io` naming the file when it cannot be written (the old file, if any, is
    /// kept) or when it is a diary or any SQLite database (or this diary's own -wal/-shm): an
    /// export never overwrites one (SPEC §6).
    pub fn export_json(
        &self,
        path: String,
        passphrase: Option<String>,
    ) -> ApiResult<ExportSummary> {
        self.export_json_with(Path::new(&path), passphrase.as_deref(), None)
    }

    /// Merges an export (plain or encrypted) into the diary in one transaction: newer versions
    /// win, deletions travel, importing twice changes nothing. A bad file changes nothing.
    /// Errors: `InvalidInput` (`passphrase`) when the file is encrypted and none is given;
    /// `WrongPassphrase` for a wrong passphrase or a damaged encrypted file (also a scrypt work factor
    /// above 2^18); `FileTooLarge`; `InvalidFile` for anything not a complete, valid export of a
    /// version this app reads; `Io` naming the file. The diary is unchanged after any error.
    pub fn import_file(&self, path: String, passphrase: Option<String>) -> ApiResult<MergeReport> {
        self.import_from(Path::new(&path), passphrase)
    }
}

/// Files of a CSV export.
pub const CSV_FILES: [&str; 3] = ["nights.csv", "labs.csv", "doses.csv"];

#[uniffi::export]
impl QuietLegs {
    /// Writes nights.csv, labs.csv and doses.csv into `folder` (created if needed); returns
    /// their paths. Every export (CSV, FHIR, report, calendar) refuses, with `Io` naming the
    /// file and nothing written, a target that is a diary or any SQLite database.
    pub fn export_csv(&self, folder: String) -> ApiResult<Vec<String>> {
        Ok(self
            .export_csv_to(Path::new(&folder))?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    }

    /// Writes a FHIR R4 Bundle (collection) of labs, nights and the regimen.
    pub fn export_fhir(&self, path: String) -> ApiResult<ExportSummary> {
        self.export_fhir_to(Path::new(&path))
    }

    /// Writes the printable HTML report for the doctor's visit (date `YYYY-MM-DD`, default
    /// today); `records` counts the nights in the report's window. Errors: `InvalidInput`
    /// naming the date when it is not a date or is after today (the profile's time zone), and
    /// nothing is written.
    pub fn export_report(&self, path: String, date: Option<String>) -> ApiResult<ExportSummary> {
        self.export_report_to(Path::new(&path), date)
    }

    /// Writes the bedtime routine for `days` days from `from` (default today) as an .ics file.
    pub fn export_calendar(
        &self,
        path: String,
        from: Option<String>,
        days: u32,
    ) -> ApiResult<ExportSummary> {
        self.export_calendar_to(Path::new(&path), from, days)
    }
}

/// The bedtime routine's kinds, for the calendar (doses stay in the app, where they are acted on).
const ROUTINE: [ReminderKind; 6] = [
    ReminderKind::WarmSocks,
    ReminderKind::ExerciseCutoff,
    ReminderKind::EveningCheck,
    ReminderKind::WarmBath,
    ReminderKind::Movement,
    ReminderKind::Magnesium,
];
