//! Passphrase encryption of exports in the `age` format: the file travels through cloud drives
//! and mail, so it leaves the phone encrypted when the person asks.

use std::io::Write;

use crate::error::{Error, Result};

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

fn check(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < 8 {
        return Err(Error::invalid("passphrase", "use at least 8 characters"));
    }
    Ok(())
}

#[cfg(not(feature = "encryption"))]
fn unavailable() -> Error {
    Error::invalid(
        "passphrase",
        "this build of QuietLegs has no encryption (feature \"encryption\")",
    )
}

#[cfg(not(feature = "encryption"))]
pub fn encrypt_into(
    _out: &mut dyn Write,
    passphrase: &str,
    _work_factor: Option<u8>,
    _fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    check(passphrase)?;
    Err(unavailable())
}

#[cfg(not(feature = "encryption"))]
pub fn decrypt(_bytes: &[u8], _passphrase: &str) -> Result<Vec<u8>> {
    Err(unavailable())
}

/// Encrypts what `fill` writes into `out`. `work_factor` (scrypt log2 N) is for tests; None
/// lets age calibrate it to about a second on this device.
#[cfg(feature = "encryption")]
pub fn encrypt_into(
    out: &mut dyn Write,
    passphrase: &str,
    work_factor: Option<u8>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    check(passphrase)?;
    let mut recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    if let Some(n) = work_factor {
        recipient.set_work_factor(n);
    }
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| Error::Decrypt(e.to_string()))?;
    let mut w = enc.wrap_output(out)?;
    fill(&mut w)?;
    w.finish()?;
    Ok(())
}

/// Decrypts an age file with a passphrase.
#[cfg(feature = "encryption")]
pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    let dec = age::Decryptor::new_buffered(bytes).map_err(|e| Error::Decrypt(e.to_string()))?;
    let mut r = dec
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                Error::Decrypt("wrong passphrase, or the file is damaged".into())
            }
            e => Error::Decrypt(e.to_string()),
        })?;
    let mut out = Vec::new();
    r.read_to_end(&mut out)
        .map_err(|e| Error::Decrypt(format!("the file is damaged: {e}")))?;
    Ok(out)
}

#[cfg(all(test, feature = "encryption"))]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_a_wrong_passphrase_is_a_clear_error() {
        let mut buf = Vec::new();
        encrypt_into(&mut buf, "correct horse battery", Some(4), |w| {
            Ok(w.write_all(b"{\"diary\":1}")?)
        })
        .unwrap();
        assert!(is_encrypted(&buf));
        assert_eq!(
            decrypt(&buf, "correct horse battery").unwrap(),
            b"{\"diary\":1}"
        );
        let e = decrypt(&buf, "wrong horse battery").unwrap_err();
        assert!(e.to_string().contains("wrong passphrase"), "{e}");
        assert!(encrypt_into(&mut Vec::new(), "short", Some(4), |_| Ok(())).is_err());
    }
}
