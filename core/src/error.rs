//! The core's internal error: rich enough to debug, mapped to the smaller public
//! [`crate::api::QlError`] at the FFI edge.

/// Shorthand used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that fails validation; `field` names what the user typed wrong.
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },

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
}

impl Error {
    /// A validation error naming the field.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}
