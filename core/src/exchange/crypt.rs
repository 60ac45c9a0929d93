//! Passphrase encryption of exports in the age v1 format (age-encryption.org/v1): the file
//! travels through cloud drives and mail, so it leaves the phone encrypted when the person asks,
//! and any age implementation (`age -d`, rage) can open it.
//!
//! Only age's passphrase recipient (the `scrypt` stanza) is implemented, over the RustCrypto
//! primitives the `age` crate itself uses: that crate links every recipient type (X25519, HPKE,
//! ML-KEM, P-256, SSH) and cost 0.45 MB of the phone library (docs/PERFORMANCE.md). The tests
//! hold this module to the `age` crate in both directions.
//!
//! The format, in short: a text header (`age-encryption.org/v1`, one `-> scrypt SALT LOGN`
//! stanza whose body is the 16-byte file key sealed with ChaCha20-Poly1305 under
//! scrypt(passphrase), then `--- MAC`, an HMAC-SHA-256 of the header), then a 16-byte nonce and
//! the payload in 64 KiB ChaCha20-Poly1305 chunks (STREAM: 11-byte counter, last-chunk flag).

#[cfg(not(feature = "encryption"))]
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

#[cfg(feature = "encryption")]
pub use age_v1::{decrypt, encrypt_into};

#[cfg(feature = "encryption")]
mod age_v1 {
    use std::io::Write;

    use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
    use base64::Engine;
    use chacha20poly1305::aead::{Aead, KeyInit};
    use chacha20poly1305::ChaCha20Poly1305;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;
    use zeroize::Zeroizing;

    use super::{check, AGE_MAGIC};
    use crate::error::{Error, Result};

    /// scrypt log2(N) for new files: 64 MiB and a fraction of a second on a phone. age's own
    /// tools calibrate to about a second on the machine at hand; a fixed factor keeps an export
    /// from a fast desktop openable on a small phone.
    const WORK_FACTOR: u8 = 16;
    /// The largest work factor accepted when opening a file: 2^18 needs 256 MiB, already much
    /// for a phone. A larger one is refused with a clear error rather than risking the app.
    const MAX_WORK_FACTOR: u8 = 18;
    const SCRYPT_LABEL: &[u8] = b"age-encryption.org/v1/scrypt";
    const CHUNK: usize = 64 * 1024;
    const TAG: usize = 16;
    const FILE_KEY: usize = 16;
    const SALT: usize = 16;
    const NONCE: usize = 16;
    /// The width at which stanza bodies are wrapped.
    const COLUMNS: usize = 64;

    fn key(k: &[u8; 32]) -> &chacha20poly1305::Key {
        k.into()
    }

    fn damaged(what: &str) -> Error {
        Error::Decrypt(format!("the file is damaged ({what})"))
    }

    fn random<const N: usize>() -> Result<[u8; N]> {
        let mut b = [0u8; N];
        getrandom::getrandom(&mut b)
            .map_err(|e| Error::Decrypt(format!("no secure randomness on this device: {e}")))?;
        Ok(b)
    }

    fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let mut key = Zeroizing::new([0u8; 32]);
        hkdf::Hkdf::<Sha256>::new(Some(salt), ikm)
            .expand(info, key.as_mut())
            .map_err(|_| Error::Decrypt("key derivation failed".into()))?;
        Ok(key)
    }

    fn scrypt_key(passphrase: &str, salt: &[u8], log_n: u8) -> Result<Zeroizing<[u8; 32]>> {
        let params = scrypt::Params::new(log_n, 8, 1, 32)
            .map_err(|_| Error::Decrypt(format!("unusable work factor {log_n}")))?;
        let mut labelled = Vec::with_capacity(SCRYPT_LABEL.len() + salt.len());
        labelled.extend_from_slice(SCRYPT_LABEL);
        labelled.extend_from_slice(salt);
        let mut key = Zeroizing::new([0u8; 32]);
        scrypt::scrypt(passphrase.as_bytes(), &labelled, &params, key.as_mut())
            .map_err(|_| Error::Decrypt("key derivation failed".into()))?;
        Ok(key)
    }

    fn header_mac(file_key: &[u8], header_through_dashes: &[u8]) -> Result<Hmac<Sha256>> {
        let key = hkdf(file_key, &[], b"header")?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_ref())
            .map_err(|_| Error::Decrypt("key derivation failed".into()))?;
        mac.update(header_through_dashes);
        Ok(mac)
    }

    /// The STREAM nonce of chunk `counter`: 11 bytes of big-endian counter, then the last flag.
    fn chunk_nonce(counter: u64, last: bool) -> chacha20poly1305::Nonce {
        let mut n = [0u8; 12];
        for (slot, byte) in n.iter_mut().skip(3).zip(counter.to_be_bytes()) {
            *slot = byte;
        }
        if let Some(flag) = n.last_mut() {
            *flag = u8::from(last);
        }
        n.into()
    }

    /// Encrypts what `fill` writes into `out`. `work_factor` (scrypt log2 N) is for tests.
    pub fn encrypt_into(
        out: &mut dyn Write,
        passphrase: &str,
        work_factor: Option<u8>,
        fill: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        check(passphrase)?;
        let log_n = work_factor.unwrap_or(WORK_FACTOR);
        let file_key = Zeroizing::new(random::<FILE_KEY>()?);
        let salt = random::<SALT>()?;
        let wrap_key = scrypt_key(passphrase, &salt, log_n)?;
        let body = ChaCha20Poly1305::new(key(&wrap_key))
            .encrypt(&[0u8; 12].into(), file_key.as_ref())
            .map_err(|_| Error::Decrypt("encryption failed".into()))?;
        // The 32-byte body is 43 base64 characters: one line, shorter than a full column.
        let header = format!(
            "{}\n-> scrypt {} {log_n}\n{}\n---",
            String::from_utf8_lossy(AGE_MAGIC),
            B64.encode(salt),
            B64.encode(&body)
        );
        let mac = header_mac(file_key.as_ref(), header.as_bytes())?
            .finalize()
            .into_bytes();
        writeln!(out, "{header} {}", B64.encode(mac))?;
        let nonce = random::<NONCE>()?;
        out.write_all(&nonce)?;
        let payload_key = hkdf(file_key.as_ref(), &nonce, b"payload")?;
        let mut stream = Stream {
            cipher: ChaCha20Poly1305::new(key(&payload_key)),
            out,
            buf: Zeroizing::new(Vec::with_capacity(CHUNK)),
            counter: 0,
        };
        fill(&mut stream)?;
        stream.finish()
    }

    /// The payload writer: whole chunks go out only once more data shows they are not the last.
    struct Stream<'w> {
        cipher: ChaCha20Poly1305,
        out: &'w mut dyn Write,
        buf: Zeroizing<Vec<u8>>,
        counter: u64,
    }

    impl Stream<'_> {
        fn seal(&mut self, last: bool) -> std::io::Result<()> {
            let sealed = self
                .cipher
                .encrypt(&chunk_nonce(self.counter, last), self.buf.as_slice())
                .map_err(|_| std::io::Error::other("encryption failed"))?;
            self.out.write_all(&sealed)?;
            self.buf.clear();
            self.counter += 1;
            Ok(())
        }

        fn finish(mut self) -> Result<()> {
            self.seal(true)?;
            self.out.flush()?;
            Ok(())
        }
    }

    impl Write for Stream<'_> {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            let mut rest = data;
            while !rest.is_empty() {
                if self.buf.len() == CHUNK {
                    self.seal(false)?;
                }
                let take = rest.len().min(CHUNK - self.buf.len());
                let (now, later) = rest.split_at(take);
                self.buf.extend_from_slice(now);
                rest = later;
            }
            Ok(data.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The parts of a header this module writes and reads: one scrypt stanza.
    struct Header<'a> {
        salt: Vec<u8>,
        log_n: u8,
        body: Vec<u8>,
        mac: Vec<u8>,
        /// From the start through `---`: what the MAC covers.
        covered: &'a [u8],
        payload: &'a [u8],
    }

    fn next_line<'a>(bytes: &'a [u8], from: &mut usize) -> Result<&'a [u8]> {
        let rest = bytes.get(*from..).ok_or_else(|| damaged("header"))?;
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| damaged("header"))?;
        *from += end + 1;
        rest.get(..end).ok_or_else(|| damaged("header"))
    }

    fn base64(s: &[u8], what: &str) -> Result<Vec<u8>> {
        B64.decode(s).map_err(|_| damaged(what))
    }

    fn parse_header(bytes: &[u8]) -> Result<Header<'_>> {
        let mut at = 0;
        if next_line(bytes, &mut at)? != AGE_MAGIC {
            return Err(damaged("not an age v1 header"));
        }
        let stanza = next_line(bytes, &mut at)?;
        let args: Vec<&[u8]> = stanza.split(|&b| b == b' ').collect();
        let (salt, log_n) = match args.as_slice() {
            [b"->", b"scrypt", salt, log_n] => (*salt, *log_n),
            [b"->", kind, ..] => {
                return Err(Error::Decrypt(format!(
                    "this file was encrypted for a key ({}), not with a passphrase",
                    String::from_utf8_lossy(kind)
                )))
            }
            _ => return Err(damaged("header")),
        };
        let body = next_line(bytes, &mut at)?;
        if body.len() >= COLUMNS {
            // A scrypt body is 32 bytes; a full-width line would mean a longer one.
            return Err(damaged("header"));
        }
        let covered_end = at + 3;
        let mac_line = next_line(bytes, &mut at)?;
        let mac = mac_line.strip_prefix(b"--- ").ok_or_else(|| {
            Error::Decrypt("only files encrypted with a passphrase alone can be read".into())
        })?;
        let log_n = std::str::from_utf8(log_n)
            .ok()
            .filter(|s| !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u8>().ok())
            .ok_or_else(|| damaged("work factor"))?;
        Ok(Header {
            salt: base64(salt, "salt")?,
            log_n,
            body: base64(body, "wrapped key")?,
            mac: base64(mac, "header MAC")?,
            covered: bytes.get(..covered_end).ok_or_else(|| damaged("header"))?,
            payload: bytes.get(at..).ok_or_else(|| damaged("header"))?,
        })
    }

    /// Decrypts an age file encrypted with a passphrase.
    pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>> {
        let h = parse_header(bytes)?;
        if h.salt.len() != SALT || h.body.len() != FILE_KEY + TAG {
            return Err(damaged("scrypt stanza"));
        }
        if !(1..=MAX_WORK_FACTOR).contains(&h.log_n) {
            return Err(Error::Decrypt(format!(
                "the file's scrypt work factor {} is more than this device can afford (at most {MAX_WORK_FACTOR})",
                h.log_n
            )));
        }
        let wrap_key = scrypt_key(passphrase, &h.salt, h.log_n)?;
        let file_key = Zeroizing::new(
            ChaCha20Poly1305::new(key(&wrap_key))
                .decrypt(&[0u8; 12].into(), h.body.as_slice())
                .map_err(|_| Error::Decrypt("wrong passphrase, or the file is damaged".into()))?,
        );
        header_mac(file_key.as_slice(), h.covered)?
            .verify_slice(&h.mac)
            .map_err(|_| damaged("header MAC"))?;
        let (nonce, mut chunks) = h
            .payload
            .split_at_checked(NONCE)
            .ok_or_else(|| damaged("truncated"))?;
        let payload_key = hkdf(file_key.as_slice(), nonce, b"payload")?;
        let cipher = ChaCha20Poly1305::new(key(&payload_key));
        let mut out = Vec::with_capacity(chunks.len());
        let mut counter = 0u64;
        loop {
            // A full chunk followed by more is not the last; anything else is.
            let last = chunks.len() <= CHUNK + TAG;
            let (chunk, rest) = chunks.split_at(chunks.len().min(CHUNK + TAG));
            let plain = cipher
                .decrypt(&chunk_nonce(counter, last), chunk)
                .map_err(|_| damaged("payload"))?;
            if last && plain.is_empty() && counter > 0 {
                // Only an empty file may end in an empty chunk.
                return Err(damaged("payload"));
            }
            out.extend_from_slice(&plain);
            if last {
                return Ok(out);
            }
            chunks = rest;
            counter += 1;
        }
    }
}

#[cfg(all(test, feature = "encryption"))]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    fn ours(plain: &[u8], pass: &str) -> Vec<u8> {
        let mut buf = Vec::new();
        encrypt_into(&mut buf, pass, Some(4), |w| Ok(w.write_all(plain)?)).unwrap();
        buf
    }

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
