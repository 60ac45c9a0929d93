//! The core's internal error: rich enough to debug, mapped to the smaller public
//! [`crate::api::QlError`] at the FFI edge.

/// Shorthand used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that fails validation; `field` names what the user typed wrong.
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },

    /// A required field that was not given (typed in, or absent from an imported record);
    /// `field` names it, `reason` says what to give (never a value: there is none).
    #[error("invalid {field}: missing; {reason}")]
    Missing { field: String, reason: String },

    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    /// The file was written by a newer QuietLegs; it is left untouched.
    #[error("this database uses schema version {found}, newer than this app understands ({supported}); update QuietLegs to open it")]
    NewerSchema { found: u32, supported: u32 },

    /// The file exists but is not ours; it is never written to.
    #[error("{path} is not a QuietLegs database ({reason}); it was left untouched")]
    NotOurDatabase { path: String, reason: String },

    /// An import file that cannot be used; nothing was changed.
    #[error("cannot import this file: {0}")]
    BadFile(String),

    /// Encrypted file with a wrong passphrase, or damaged.
    #[error("cannot decrypt: {0}")]
    Decrypt(String),

    /// Encrypting an export failed (not the passphrase's fault); nothing was written.
    #[error("cannot encrypt: {0}")]
    Encrypt(String),

    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),

    #[error("stored data could not be read: {0}")]
    Json(#[from] serde_json::Error),

    /// A stored value that is not in the form the store writes (a damaged database).
    #[error("stored data could not be read: {0}")]
    Corrupt(String),

    #[error("file error: {0}")]
    Io(#[from] std::io::Error),

    /// A file could not be read or written; `path` names it (as the person gave it, shown
    /// lossily only when it is not UTF-8).
    #[error("{path}: {reason}")]
    File { path: String, reason: String },

    /// Another program held the diary for longer than the wait; nothing was changed.
    #[error("{path} is busy: another program is using it; nothing was changed, try again")]
    Busy { path: String },

    /// The diary's file is damaged; it was not written to.
    #[error("{path} is damaged ({reason}); it was not written to; a rescue copies what can still be read into a new diary")]
    Damaged { path: String, reason: String },

    /// The diary (or its folder) cannot be written.
    #[error("{path} cannot be written ({reason}); nothing was changed")]
    ReadOnly { path: String, reason: String },

    /// An export or report aimed at a diary (any SQLite database, or the open diary's own file
    /// or its -wal/-shm): refused, nothing written (SPEC §6).
    #[error("{path} is a diary or another database: an export never overwrites it; nothing was written, choose another file name")]
    WouldOverwriteDatabase { path: String },

    /// A command that only reads was given a diary that does not exist (a typo in `--db`?);
    /// nothing was created.
    #[error("no such diary: {path} (nothing was created)")]
    NoSuchDiary { path: String },

    /// A file larger than any the app writes; it was not read.
    #[error("{path} is {size} bytes, larger than any diary export ({max} bytes); it was not read")]
    FileTooLarge { path: String, size: u64, max: u64 },
}

impl Error {
    /// A validation error naming the field.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    /// A required field that was not given, naming it.
    pub fn missing(field: &str, reason: impl Into<String>) -> Self {
        Error::Missing {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    /// An I/O error on `path`, naming it.
    pub fn file(path: &std::path::Path, e: &std::io::Error) -> Self {
        Error::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        }
    }
}
