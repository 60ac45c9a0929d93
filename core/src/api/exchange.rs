//! Export, import and the other file formats over the FFI. Every file is written atomically.

use std::path::Path;

use super::{ApiResult, QuietLegs};
use crate::error::Error;
use crate::exchange::atomic::write_atomically;
use crate::exchange::crypt;
use crate::exchange::json::{read_export, write_export};
use crate::exchange::merge::{merge_records, MergeReport};

/// Largest import file accepted (a 30-year diary is a few tens of MB).
const IMPORT_MAX_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ExportSummary {
    pub path: String,
    pub records: u64,
    pub bytes: u64,
    pub encrypted: bool,
}

impl QuietLegs {
    /// The encrypted export with a chosen scrypt work factor (tests; the FFI uses age's default).
    pub fn export_json_with(
        &self,
        path: &Path,
        passphrase: Option<&str>,
        work_factor: Option<u8>,
    ) -> ApiResult<ExportSummary> {
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
        let bytes = std::fs::metadata(path).map_err(Error::from)?.len();
        Ok(ExportSummary {
            path: path.display().to_string(),
            records,
            bytes,
            encrypted: passphrase.is_some(),
        })
    }
}

#[uniffi::export]
impl QuietLegs {
    /// Writes the whole diary (tombstones included) as a versioned JSON export, encrypted with
    /// `passphrase` in the age format when one is given.
    pub fn export_json(
        &self,
        path: String,
        passphrase: Option<String>,
    ) -> ApiResult<ExportSummary> {
        self.export_json_with(Path::new(&path), passphrase.as_deref(), None)
    }

    /// Merges an export (plain or encrypted) into the diary in one transaction: newer versions
    /// win, deletions travel, importing twice changes nothing. A bad file changes nothing.
    pub fn import_file(&self, path: String, passphrase: Option<String>) -> ApiResult<MergeReport> {
        let p = Path::new(&path);
        let size = std::fs::metadata(p).map_err(Error::from)?.len();
        if size > IMPORT_MAX_BYTES {
            return Err(
                Error::BadFile(format!("{size} bytes is larger than any diary export")).into(),
            );
        }
        let raw = std::fs::read(p).map_err(Error::from)?;
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
}
