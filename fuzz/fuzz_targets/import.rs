//! Any bytes given to the export reader: a typed error or a valid file, never a panic; and a
//! file it accepts merges into an empty diary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quietlegs_core::exchange::json::read_export;
use quietlegs_core::exchange::merge::merge_records;
use quietlegs_core::store::Store;

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_262_400, 0).unwrap_or_default();
    if let Ok(file) = read_export(data, now) {
        if let Ok(mut store) = Store::open_in_memory() {
            let _ = store.write(|tx| merge_records(tx, &file.records));
        }
    }
});
