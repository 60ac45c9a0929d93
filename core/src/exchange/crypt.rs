//! Passphrase encryption of exports in the age v1 format (age-encryption.org/v1), by the `age`
//! crate: the file travels through cloud drives and mail, so it leaves the phone encrypted when
//! the person asks, and any age implementation (`age -d`, rage) can open it. Files written by
//! earlier versions of QuietLegs (which wrote the same format by hand) and by `age -p` open.
//!
//! Only age's passphrase recipient (scrypt) is used. What QuietLegs adds to the crate's defaults:
//! a fixed work factor on encryption (the crate calibrates to the machine at hand), a fixed
//! maximum on decryption, at least 8 characters of passphrase, and errors that tell a wrong
//! passphrase from a damaged file and from a failure to encrypt.

use std::io::Write;

use crate::error::{Error, Result};

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// scrypt log2(N) for new files: 64 MiB and a fraction of a second on a phone. age's own tools
/// calibrate to about a second on the machine at hand; a fixed factor keeps an export from a
/// fast desktop openable on a small phone.
pub const WORK_FACTOR: u8 = 16;

/// The largest work factor accepted when opening a file: 2^18 needs 256 MiB, already much for a
/// phone. A larger one is refused with a clear error before any work, rather than risking the
/// app.
pub const MAX_WORK_FACTOR: u8 = 18;

/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Whether `bytes` begin like an age file (encrypted, so a passphrase is needed to import it).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

fn check(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
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

/// Encrypts what `fill` writes into `out`, for `passphrase`. `work_factor` (scrypt log2 N,
/// 1-63) is for tests; `None` is [`WORK_FACTOR`].
///
/// Errors: [`Error::Invalid`] (`passphrase`) for fewer than 8 characters or a work factor out of
/// range; [`Error::Encrypt`] when the encryption itself fails; [`Error::Io`] when `out` cannot be
/// written; whatever `fill` returns.
#[cfg(feature = "encryption")]
pub fn encrypt_into(
    out: &mut dyn Write,
    passphrase: &str,
    work_factor: Option<u8>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    check(passphrase)?;
    let log_n = work_factor.unwrap_or(WORK_FACTOR);
    if !(1..64).contains(&log_n) {
        // The crate asserts this range; a test's wrong value is refused, never a panic.
        return Err(Error::invalid("work factor", "must be 1-63"));
    }
    let mut recipient = age::scrypt::Recipient::new(secret(passphrase));
    recipient.set_work_factor(log_n);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| Error::Encrypt(e.to_string()))?;
    let mut writer = encryptor.wrap_output(out)?;
    fill(&mut writer)?;
    writer.finish()?.flush()?;
    Ok(())
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

/// Decrypts an age file encrypted with a passphrase.
///
/// Errors, all [`Error::Decrypt`] with a reason: a wrong passphrase; a work factor above
/// [`MAX_WORK_FACTOR`] (refused before any work); a file encrypted for a key rather than a
/// passphrase; any damage (header, header MAC, payload, truncation, appended bytes).
#[cfg(feature = "encryption")]
pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    use std::io::Read;

    use age::DecryptError as E;

    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| match e {
        E::UnknownFormat => damaged("not an age v1 file"),
        _ => damaged("header"),
    })?;
    let mut identity = age::scrypt::Identity::new(secret(passphrase));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            E::DecryptionFailed | E::KeyDecryptionFailed => {
                Error::Decrypt("wrong passphrase, or the file is damaged".into())
            }
            E::ExcessiveWork { required, .. } => Error::Decrypt(format!(
                "the file's scrypt work factor {required} is more than this device can afford (at most {MAX_WORK_FACTOR})"
            )),
            E::NoMatchingKeys => {
                Error::Decrypt("this file was encrypted for a key, not with a passphrase".into())
            }
            E::InvalidMac => damaged("header MAC"),
            _ => damaged("header"),
        })?;
    let mut plain = Vec::with_capacity(bytes.len());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| damaged("payload"))?;
    Ok(plain)
}

#[cfg(not(feature = "encryption"))]
pub fn decrypt(_bytes: &[u8], _passphrase: &str) -> Result<Vec<u8>> {
    Err(unavailable())
}

#[cfg(feature = "encryption")]
fn secret(passphrase: &str) -> age::secrecy::SecretString {
    age::secrecy::SecretString::from(passphrase.to_owned())
}

#[cfg(feature = "encryption")]
fn damaged(what: &str) -> Error {
    Error::Decrypt(format!("the file is damaged ({what})"))
}

#[cfg(all(test, feature = "encryption"))]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    /// Through this module, as the export writes.
    fn ours(plain: &[u8], pass: &str) -> Vec<u8> {
        let mut buf = Vec::new();
        encrypt_into(&mut buf, pass, Some(4), |w| Ok(w.write_all(plain)?)).unwrap();
        buf
    }

    /// Through the `age` crate's API directly, as `age -p` writes (at a small work factor).
    fn theirs(plain: &[u8], pass: &str) -> Vec<u8> {
        let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(pass.to_owned()));
        r.set_work_factor(4);
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let mut buf = Vec::new();
        let mut w = enc.wrap_output(&mut buf).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap();
        buf
    }

    fn open_with_age(file: &[u8], pass: &str) -> Vec<u8> {
        let id = age::scrypt::Identity::new(age::secrecy::SecretString::from(pass.to_owned()));
        let dec = age::Decryptor::new_buffered(file).unwrap();
        let mut r = dec
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .unwrap();
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        out
    }

    /// Sizes around the 64 KiB chunk boundary, where STREAM's last-chunk rule bites.
    fn sizes() -> Vec<Vec<u8>> {
        [0, 1, 65_535, 65_536, 65_537, 131_072, 200_003]
            .into_iter()
            .map(|n| (0..n).map(|i| (i * 31 % 251) as u8).collect())
            .collect()
    }

    #[test]
    fn the_age_crate_opens_what_we_write() {
        for plain in sizes() {
            let file = ours(&plain, "correct horse battery");
            assert!(is_encrypted(&file));
            assert_eq!(
                open_with_age(&file, "correct horse battery"),
                plain,
                "{} bytes",
                plain.len()
            );
        }
    }

    #[test]
    fn we_open_what_the_age_crate_writes() {
        for plain in sizes() {
            let file = theirs(&plain, "correct horse battery");
            assert_eq!(
                decrypt(&file, "correct horse battery").unwrap(),
                plain,
                "{} bytes",
                plain.len()
            );
        }
    }

    #[test]
    fn a_wrong_passphrase_and_a_short_one_are_clear_errors() {
        let file = ours(b"{\"diary\":1}", "correct horse battery");
        let e = decrypt(&file, "wrong horse battery").unwrap_err();
        assert!(e.to_string().contains("wrong passphrase"), "{e}");
        assert!(encrypt_into(&mut Vec::new(), "short", Some(4), |_| Ok(())).is_err());
    }

    #[test]
    fn any_damage_is_refused() {
        let plain: Vec<u8> = (0..70_000u32).map(|i| i as u8).collect();
        let file = ours(&plain, "correct horse battery");
        let header_end = file.windows(4).position(|w| w == b"--- ").unwrap();
        let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
        for at in [
            30,
            header_end - 5,
            header_end + 10,
            file.len() - 20,
            file.len() / 2,
        ] {
            let mut f = file.clone();
            f[at] ^= 0x01;
            cases.push(("a flipped bit", f));
        }
        cases.push(("truncated", file[..file.len() - 10].to_vec()));
        cases.push((
            "a chunk cut off",
            file[..file.len() - (70_000 - 65_536) - 16].to_vec(),
        ));
        cases.push(("appended bytes", [file.clone(), vec![0u8; 17]].concat()));
        for (what, f) in cases {
            assert!(
                decrypt(&f, "correct horse battery").is_err(),
                "{what} was accepted"
            );
        }
    }

    #[test]
    fn an_unaffordable_work_factor_is_refused_before_any_work() {
        let file = theirs(b"x", "correct horse battery");
        let text = String::from_utf8_lossy(&file).replacen(" 4\n", " 22\n", 1);
        let e = decrypt(text.as_bytes(), "correct horse battery").unwrap_err();
        assert!(e.to_string().contains("work factor 22"), "{e}");
    }

    /// The header's `-> scrypt SALT LOGN` work factor.
    fn work_factor_of(file: &[u8]) -> u8 {
        let text = String::from_utf8_lossy(&file[..80]);
        let stanza = text.lines().nth(1).unwrap();
        stanza.rsplit(' ').next().unwrap().parse().unwrap()
    }

    #[test]
    fn new_files_get_the_fixed_work_factor_not_a_calibrated_one() {
        let mut file = Vec::new();
        encrypt_into(&mut file, "correct horse battery", None, |w| {
            Ok(w.write_all(b"{}")?)
        })
        .unwrap();
        assert_eq!(work_factor_of(&file), WORK_FACTOR);
        assert_eq!(open_with_age(&file, "correct horse battery"), b"{}");
    }

    #[test]
    fn the_largest_affordable_work_factor_opens_and_one_more_is_refused() {
        let file = theirs(b"x", "correct horse battery");
        let with = |n: u8| String::from_utf8_lossy(&file).replacen(" 4\n", &format!(" {n}\n"), 1);
        // 18 is accepted: it gets past the limit to the (now wrong) key, not refused for work.
        let e = decrypt(with(MAX_WORK_FACTOR).as_bytes(), "correct horse battery").unwrap_err();
        assert!(!e.to_string().contains("work factor"), "{e}");
        let e = decrypt(
            with(MAX_WORK_FACTOR + 1).as_bytes(),
            "correct horse battery",
        )
        .unwrap_err();
        assert!(e.to_string().contains("work factor 19"), "{e}");
    }

    #[test]
    fn an_impossible_work_factor_is_an_error_not_a_panic() {
        for n in [0, 64, 255] {
            let e = encrypt_into(
                &mut Vec::new(),
                "correct horse battery",
                Some(n),
                |_| Ok(()),
            )
            .unwrap_err();
            assert!(matches!(e, Error::Invalid { .. }), "{n}: {e}");
        }
    }

    #[test]
    fn failing_to_encrypt_is_not_reported_as_a_wrong_passphrase() {
        let e = crate::api::QuietLegsError::from(Error::Encrypt("no randomness".into()));
        assert!(
            matches!(e, crate::api::QuietLegsError::EncryptionFailed { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn a_file_for_a_key_is_told_apart_from_a_wrong_passphrase() {
        let key = age::x25519::Identity::generate();
        let recipient = key.to_public();
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .unwrap();
        let mut file = Vec::new();
        let mut w = enc.wrap_output(&mut file).unwrap();
        w.write_all(b"{}").unwrap();
        w.finish().unwrap();
        let e = decrypt(&file, "correct horse battery").unwrap_err();
        assert!(e.to_string().contains("for a key"), "{e}");
    }

    /// Files written before the `age` crate replaced the hand-written format, and by the
    /// reference `age -p` tool, open to the very export they hold (testdata/README.md).
    #[test]
    fn files_from_older_quietlegs_and_from_age_p_open() {
        let plain = include_bytes!("testdata/export.json");
        for file in [
            &include_bytes!("testdata/written-by-quietlegs-0.1-crypt.age")[..],
            &include_bytes!("testdata/written-by-age-1.1.1-p.age")[..],
        ] {
            assert!(is_encrypted(file));
            assert_eq!(
                decrypt(file, "correct horse battery staple").unwrap(),
                plain
            );
            let e = decrypt(file, "correct horse battery stapler").unwrap_err();
            assert!(e.to_string().contains("wrong passphrase"), "{e}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Whatever one byte becomes, wherever a cut or an extra byte falls, the file is refused
        /// with an error, never opened wrongly and never a panic.
        #[test]
        fn every_small_corruption_is_refused(
            len in 0usize..70_000,
            at in proptest::prelude::any::<proptest::sample::Index>(),
            byte in 1u8..=255,
            how in 0u8..3,
        ) {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = ours(&plain, "correct horse battery");
            let i = at.index(file.len());
            let mut bad = file.clone();
            match how {
                0 => bad[i] ^= byte,
                1 => bad.truncate(i),
                _ => bad.insert(i, byte),
            }
            proptest::prop_assert!(decrypt(&bad, "correct horse battery").is_err());
        }
    }
}
