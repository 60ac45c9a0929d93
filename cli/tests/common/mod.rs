//! Running the built `quietlegs` binary as a person would, with the clock stopped.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The clock every test runs at unless it says otherwise.
pub const NOW: &str = "2026-11-21T12:00:00Z";

/// The `quietlegs` binary at `now`, with the test passphrase and no terminal on stdin; the
/// caller adds arguments and decides how to run it.
pub fn bin_at(now: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quietlegs"));
    c.env("QUIETLEGS_NOW", now)
        .env("QUIETLEGS_PASSPHRASE", "correct horse battery")
        .stdin(Stdio::null());
    c
}

/// [`bin_at`] at [`NOW`].
pub fn bin() -> Command {
    bin_at(NOW)
}

/// Runs `quietlegs --db DB ARGS` at `now`.
pub fn at(now: &str, db: &Path, args: &[&str]) -> Output {
    bin_at(now).arg("--db").arg(db).args(args).output().unwrap()
}

/// Runs `quietlegs --db DB ARGS` at [`NOW`].
pub fn ql(db: &Path, args: &[&str]) -> Output {
    at(NOW, db, args)
}

/// What a run wrote to stderr, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs it at `now` and insists on success, returning what it printed.
pub fn ok_at(now: &str, db: &Path, args: &[&str]) -> String {
    let out = at(now, db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs it at [`NOW`] and insists on success, returning what it printed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    ok_at(NOW, db, args)
}

/// Runs `quietlegs demo --file DEMO --report REPORT` (the demo never takes `--db`).
pub fn demo(demo: &Path, report: &Path) -> String {
    let out = bin()
        .arg("demo")
        .arg("--file")
        .arg(demo)
        .arg("--report")
        .arg(report)
        .output()
        .unwrap();
    assert!(out.status.success(), "demo: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}
