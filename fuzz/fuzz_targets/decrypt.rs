//! Any bytes given to the age decryptor (an imported `.age` file): a typed error or the
//! plaintext, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quietlegs_core::exchange::crypt::decrypt;

fuzz_target!(|data: &[u8]| {
    let _ = decrypt(data, "correct horse battery");
});
