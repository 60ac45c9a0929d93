//! The public error: a few cases a Kotlin or Swift caller can act on. No diary content is put
//! into it beyond what the person just typed.

use crate::error::Error;

/// Arrives in Kotlin as `QuietLegsException.InvalidInput` etc., in Swift as `QuietLegsError`.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum QuietLegsError {
    /// Bad input; `field` names what to correct. Nothing was written.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// What to correct, in the caller's words (`bedtime`, `ferritin`, `night date`).
        field: String,
        /// Why, with the accepted form or range.
        reason: String,
    },

    /// A record (`what`: night, event, lab, regimen item, habit, reminder) with this `id` is not
    /// in the diary, e.g. deleted on another device. Nothing was changed.
    #[error("{what} not found: {id}")]
    NotFound {
        /// The kind of record: night, event, lab, regimen item, habit, reminder.
        what: String,
        /// The id asked for.
        id: String,
    },

    /// The database was written by a newer QuietLegs. It was left untouched.
    #[error("this database uses schema version {found}; this app understands up to {supported}: update QuietLegs")]
    NewerDatabase {
        /// The database's schema version.
        found: u32,
        /// The newest schema version this build understands.
        supported: u32,
    },

    /// The file is not a QuietLegs database. It was left untouched.
    #[error("{reason}")]
    NotAQuietLegsDatabase {
        /// What the file is instead, naming it.
        reason: String,
    },

    /// SQLite or stored-data failure.
    #[error("storage error: {reason}")]
    Storage {
        /// SQLite's message or what was found damaged; no diary content.
        reason: String,
    },

    /// An import file that cannot be used (not ours, newer, damaged, invalid). Nothing changed.
    #[error("cannot import this file: {reason}")]
    InvalidFile {
        /// Where in the file the problem is (never the value found there).
        reason: String,
    },

    /// Wrong passphrase, or a damaged encrypted file.
    #[error("cannot decrypt: {reason}")]
    WrongPassphrase {
        /// Whether the passphrase is wrong or the file damaged, as far as can be told.
        reason: String,
    },

    /// A file could not be read or written; `reason` names the file.
    #[error("file error: {reason}")]
    Io {
        /// The file's path and the operating system's message.
        reason: String,
    },

    /// Another program (or another screen of this app) held the diary for longer than the wait
    /// (5 s). Nothing was changed; trying again later works.
    #[error("{path} is busy: another program is using it; nothing was changed, try again")]
    Busy {
        /// The diary file.
        path: String,
    },

    /// The diary file is damaged (damaged pages, truncated). It was not written to;
    /// `QuietLegs.rescue` copies what can still be read into a new diary.
    #[error("{path} is damaged ({reason}); it was not written to; a rescue copies what can still be read into a new diary")]
    Damaged {
        /// The diary file.
        path: String,
        /// SQLite's first finding (damaged pages, a truncated file).
        reason: String,
    },

    /// The diary or its folder cannot be written (read-only folder, file or medium). Nothing was
    /// changed.
    #[error("{path} cannot be written ({reason}); nothing was changed")]
    ReadOnly {
        /// The diary file.
        path: String,
        /// The operating system's or SQLite's message.
        reason: String,
    },

    /// A file larger than `max` bytes (larger than any export the app writes); it was not read.
    #[error("{path} is {size} bytes, larger than any diary export ({max} bytes); it was not read")]
    FileTooLarge {
        /// The file.
        path: String,
        /// Its size, in bytes.
        size: u64,
        /// The largest file accepted, in bytes.
        max: u64,
    },

    /// Encrypting an export failed for a reason other than the passphrase (which is checked
    /// first, as `InvalidInput` on `passphrase`). No file was written.
    #[error("cannot encrypt: {reason}")]
    EncryptionFailed {
        /// The encryption library's message.
        reason: String,
    },
}

impl From<Error> for QuietLegsError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid { field, reason } => QuietLegsError::InvalidInput { field, reason },
            Error::Missing { field, reason } => QuietLegsError::InvalidInput {
                field,
                reason: format!("missing; {reason}"),
            },
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
            Error::Sql(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                QuietLegsError::Damaged {
                    path: "the diary".to_owned(),
                    reason: "damaged pages".to_owned(),
                }
            }
            Error::Sql(e) => QuietLegsError::Storage {
                reason: sql_reason(&e),
            },
            // serde_json's and the decoders' messages quote the stored value (a note, a name):
            // diary content never leaves in an error, only where it failed.
            Error::Json(e) => QuietLegsError::Storage {
                reason: format!(
                    "stored data could not be read (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            },
            Error::Corrupt(_) => QuietLegsError::Storage {
                reason: "stored data could not be read (a damaged record)".to_owned(),
            },
            Error::Io(e) => QuietLegsError::Io {
                reason: e.to_string(),
            },
            e @ (Error::File { .. }
            | Error::WouldOverwriteDatabase { .. }
            | Error::NoSuchDiary { .. }) => QuietLegsError::Io {
                reason: e.to_string(),
            },
            Error::Busy { path } => QuietLegsError::Busy { path },
            Error::Damaged { path, reason } => QuietLegsError::Damaged { path, reason },
            Error::ReadOnly { path, reason } => QuietLegsError::ReadOnly { path, reason },
            Error::FileTooLarge { path, size, max } => {
                QuietLegsError::FileTooLarge { path, size, max }
            }
        }
    }
}

/// SQLite's own words, without the values a failed conversion would quote.
fn sql_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::FromSqlConversionFailure(i, t, _) => {
            format!("stored column {i} ({t}) could not be read")
        }
        rusqlite::Error::IntegralValueOutOfRange(i, _) => {
            format!("stored column {i} is out of range")
        }
        rusqlite::Error::InvalidColumnType(i, name, t) => {
            format!("stored column {i} ({name}) has type {t}")
        }
        rusqlite::Error::Utf8Error(..) => "stored text is not UTF-8".to_owned(),
        other => other.to_string(),
    }
}
