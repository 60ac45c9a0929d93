//! Running the built `quietlegs` binary as a person would, with the clock stopped.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `quietlegs --db DB ARGS` at 2026-11-21T12:00:00Z, with no terminal.
pub fn ql(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quietlegs"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QUIETLEGS_NOW", "2026-11-21T12:00:00Z")
        .env("QUIETLEGS_PASSPHRASE", "correct horse battery")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Runs it and insists on success, returning what it printed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = ql(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `quietlegs demo --file DEMO --report REPORT` (the demo never takes `--db`).
pub fn demo(demo: &Path, report: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quietlegs"))
        .arg("demo")
        .arg("--file")
        .arg(demo)
        .arg("--report")
        .arg(report)
        .env("QUIETLEGS_NOW", "2026-11-21T12:00:00Z")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
