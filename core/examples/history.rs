//! Writes a diary with `years` of generated history, for benchmarks and memory measurements:
//! `cargo run --release -p quietlegs-core --example history -- PATH YEARS`
use std::sync::Arc;

use quietlegs_core::{FixedClock, QuietLegs};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: history PATH YEARS")?;
    let years: u32 = args.next().ok_or("usage: history PATH YEARS")?.parse()?;
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")?.to_utc();
    let q = QuietLegs::open_at(std::path::Path::new(&path), Arc::new(FixedClock(now)))?;
    let records = quietlegs_core::demo::history(now.date_naive(), years, &q.device_id()?);
    let report = q.merge_in(&records)?;
    println!("{path}: {} records", report.added);
    Ok(())
}
