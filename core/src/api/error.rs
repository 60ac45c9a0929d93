//! The public error: a few cases a Kotlin or Swift caller can act on. No diary content is put
//! into it beyond what the person just typed.

use crate::error::Error;

/// Arrives in Kotlin as `QuietLegsException.InvalidInput` etc., in Swift as `QuietLegsError`.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum QuietLegsError {
    /// Bad input; `field` names what to correct. Nothing was written.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// A record (`what`: night, event, lab, regimen item, habit, reminder) with this `id` is not
    /// in the diary, e.g. deleted on another device. Nothing was changed.
    #[error("{what} not found: {id}")]
    NotFound { what: String, id: String },

    /// The database was written by a newer QuietLegs. It was left untouched.
    #[error("this database uses schema version {found}; this app understands up to {supported}: update QuietLegs")]
    NewerDatabase { found: u32, supported: u32 },

    /// The file is not a QuietLegs database. It was left untouched.
    #[error("{reason}")]
    NotAQuietLegsDatabase { reason: String },

    /// SQLite or stored-data failure.
    #[error("storage error: {reason}")]
    Storage { reason: String },

    /// An import file that cannot be used (not ours, newer, damaged, invalid). Nothing changed.
    #[error("cannot import this file: {reason}")]
    InvalidFile { reason: String },

    /// Wrong passphrase, or a damaged encrypted file.
    #[error("cannot decrypt: {reason}")]
    WrongPassphrase { reason: String },

    /// A file could not be read or written.
    #[error("file error: {reason}")]
    Io { reason: String },

    /// Encrypting an export failed for a reason other than the passphrase (which is checked
    /// first, as `InvalidInput` on `passphrase`). No file was written.
    #[error("cannot encrypt: {reason}")]
    EncryptionFailed { reason: String },
}

impl From<Error> for QuietLegsError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid { field, reason } => QuietLegsError::InvalidInput { field, reason },
            Error::NotFound { what, id } => QuietLegsError::NotFound {
                what: what.to_owned(),
                id,
            },
            Error::NewerSchema { found, supported } => {
                QuietLegsError::NewerDatabase { found, supported }
            }
            e @ Error::NotOurDatabase { .. } => QuietLegsError::NotAQuietLegsDatabase {
                reason: e.to_string(),
            },
            Error::BadFile(reason) => QuietLegsError::InvalidFile { reason },
            Error::Decrypt(reason) => QuietLegsError::WrongPassphrase { reason },
            Error::Encrypt(reason) => QuietLegsError::EncryptionFailed { reason },
            Error::Sql(e) => QuietLegsError::Storage {
                reason: e.to_string(),
            },
            Error::Json(e) => QuietLegsError::Storage {
                reason: e.to_string(),
            },
            e @ Error::Corrupt(_) => QuietLegsError::Storage {
                reason: e.to_string(),
            },
            Error::Io(e) => QuietLegsError::Io {
                reason: e.to_string(),
            },
        }
    }
}
