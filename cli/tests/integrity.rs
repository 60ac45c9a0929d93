//! "The diary is never lost" (#12) as a person meets it: the demo never replaces a diary, opening
//! is safe under concurrency, every file error names its file, damage is refused before a byte is
//! written, health data is private, and nothing from the diary reaches the terminal raw.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{bin, ok, ql, stderr};

fn night(db: &Path, date: &str) {
    ok(db, &["log", "night", "--date", date, "--severity", "5"]);
}

fn nights(db: &Path) -> usize {
    let v: serde_json::Value = serde_json::from_str(&ok(db, &["nights", "--json"])).unwrap();
    v.as_array().unwrap().len()
}

/// The demo in its own file, built once per test that needs it.
fn demo(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("demo.db");
    let out = bin()
        .args(["demo", "--file"])
        .arg(&p)
        .arg("--report")
        .arg(dir.join("demo-report.html"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    p
}

// ---- item 1: the demo never at --db -----------------------------------------------------------

#[test]
fn the_demo_never_replaces_a_diary_and_refreshes_only_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let diary = dir.path().join("diary.db");
    night(&diary, "2026-11-20");
    let before = std::fs::read(&diary).unwrap();

    // `--db diary.db demo`: refused, the diary byte-identical.
    let out = ql(&diary, &["demo"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("diary.db"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&diary).unwrap(), before);
    assert_eq!(nights(&diary), 1);

    // A person's diary at the demo's path is not the demo's own: refused, untouched.
    let out = bin().args(["demo", "--file"]).arg(&diary).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not the demo's own"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&diary).unwrap(), before);

    // Neither is any other file.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my shopping list\n").unwrap();
    let out = bin().args(["demo", "--file"]).arg(&notes).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&notes).unwrap(), b"my shopping list\n");

    // The demo's own file is rebuilt, not doubled.
    let d = demo(dir.path());
    let d2 = demo(dir.path());
    assert_eq!(d, d2);
    assert_eq!(nights(&d), 120);

    // Without --db and --file it lives in the data folder, beside (never at) the diary.
    let data = dir.path().join("data");
    let out = bin()
        .env("XDG_DATA_HOME", &data)
        .args(["demo"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(data.join("quietlegs/demo.db").exists());
    assert!(!data.join("quietlegs/quietlegs.db").exists());
}

// ---- item 5: opening under concurrency ---------------------------------------------------------

#[test]
fn eight_processes_opening_a_new_diary_at_once_all_succeed_in_every_round() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..12 {
        let db = dir.path().join(format!("fresh-{round}.db"));
        let children: Vec<_> = (0..8)
            .map(|i| {
                bin()
                    .arg("--db")
                    .arg(&db)
                    .args([
                        "log",
                        "intake",
                        "coffee",
                        "--at",
                        &format!("2026-11-21T0{i}:10"),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
        }
        let events: serde_json::Value =
            serde_json::from_str(&ok(&db, &["events", "--date", "2026-11-21", "--json"])).unwrap();
        assert_eq!(events.as_array().unwrap().len(), 8, "round {round}");
    }
}

#[test]
fn a_diary_held_by_another_program_is_busy_not_foreign() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    night(&db, "2026-11-20");
    let before = nights(&db);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = ql(
        &db,
        &["log", "night", "--date", "2026-11-19", "--severity", "3"],
    );
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains("busy") && e.contains("d.db"), "{e}");
    assert!(!e.contains("not a QuietLegs"), "{e}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(nights(&db), before);
}

// ---- item 7: paths exactly as given; file errors name the file and exit 2 ----------------------

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_used_exactly_and_file_errors_name_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    night(&db, "2026-11-20");
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"export-caf\xe9.json"));
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["export", "-o"])
        .arg(&odd)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(odd.exists(), "the exact name was not written");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.as_bytes().starts_with(b"export"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");

    // It imports back from that exact name.
    let other = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"other-\xff.db"));
    let out = bin()
        .arg("--db")
        .arg(&other)
        .arg("import")
        .arg(&odd)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(other.exists());

    // A missing file: exit 2, the message names it.
    let missing = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"missing-\xe9.json"));
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing-"), "{}", stderr(&out));

    // Every export kind into a folder that does not exist: exit 2, naming the file.
    for fmt in ["json", "fhir", "report", "ics"] {
        let p = dir.path().join("no-such-folder").join(format!("x.{fmt}"));
        let out = ql(&db, &["export", "--format", fmt, "-o", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{fmt}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no-such-folder"),
            "{fmt}: {}",
            stderr(&out)
        );
    }
    // A diary in a folder that does not exist.
    let out = ql(&dir.path().join("nowhere/d.db"), &["nights"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
    // A folder given as the diary.
    let out = ql(dir.path(), &["nights"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // A pipe (like /dev/null or /dev/stdout) is never replaced by an export's rename.
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for fmt in ["json", "report"] {
        let out = ql(
            &db,
            &["export", "--format", fmt, "-o", fifo.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("pipe"), "{}", stderr(&out));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

// ---- item 10: the smaller ones ---------------------------------------------------------------

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path());
    for args in [
        vec!["nights"],
        vec!["nights", "--json"],
        vec!["status"],
        vec!["evidence"],
    ] {
        let mut child = bin()
            .arg("--db")
            .arg(&d)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // `| head -1`: the reader goes away.
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
    }
    // The demo itself prints a lot.
    let mut child = bin()
        .args(["demo", "--file"])
        .arg(&d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_report_counts_the_nights_it_shows_and_profile_show_has_malabsorption() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path());
    let r = dir.path().join("r.html");
    let s: serde_json::Value = serde_json::from_str(&ok(
        &d,
        &[
            "export",
            "--format",
            "report",
            "-o",
            r.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    // The demo has 120 nights, all inside the report's 365-night window.
    assert_eq!(s["records"], 120);

    let db = dir.path().join("p.db");
    ok(&db, &["profile", "set", "--malabsorption", "true"]);
    assert!(ok(&db, &["profile", "show"]).contains("malabsorption"));
}

#[test]
fn a_dose_is_shown_by_the_medicine_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let r: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "regimen",
            "add",
            "med",
            "pramipexole",
            "--mg",
            "0.125",
            "--at",
            "21:00",
            "--start",
            "2026-11-01",
            "--json",
        ],
    ))
    .unwrap();
    let id = r[0]["info"]["id"].as_str().unwrap().to_owned();
    let out = ok(&db, &["log", "dose", &id, "--at", "2026-11-20T21:00"]);
    assert!(out.contains("pramipexole") && !out.contains(&id), "{out}");
    let out = ok(&db, &["events", "--date", "2026-11-20"]);
    assert!(out.contains("pramipexole") && !out.contains(&id), "{out}");
}

#[test]
fn errors_never_quote_what_the_diary_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    night(&db, "2026-11-20");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute(
            "UPDATE nights SET relief = '[{\"my secret diary words\": 1}]', \
             triggers = '[\"another private thing\"]'",
            [],
        )
        .unwrap();
    }
    for args in [&["nights"][..], &["status"], &["labs"]] {
        let out = ql(&db, args);
        if args == ["labs"] {
            continue; // no lab is damaged
        }
        assert!(!out.status.success(), "{args:?}");
        let e = stderr(&out);
        assert!(
            !e.contains("secret") && !e.contains("private"),
            "{args:?}: {e}"
        );
    }
}

// ---- items 11 and 12: damage and each open failure's real reason ------------------------------

fn pages(db: &Path) -> u64 {
    std::fs::metadata(db).unwrap().len() / 4096
}

#[test]
fn a_damaged_diary_is_refused_before_it_is_written_to() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path());
    assert!(pages(&d) > 20);
    // Random bytes over a page deep inside the file (a bad sector, a sync tool gone wrong).
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&d).unwrap();
        // From the page's first byte: junk in a page's free gap alone is invisible to any check,
        // and where the gap lies depends on what the demo holds.
        f.seek(SeekFrom::Start(4096 * (pages(&d) - 3))).unwrap();
        let junk: Vec<u8> = (0..3000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        f.write_all(&junk).unwrap();
    }
    let before = std::fs::read(&d).unwrap();
    for args in [
        &["log", "night", "--date", "2026-11-21", "--severity", "2"][..],
        &["profile", "set", "--bedtime", "22:30"],
        &[
            "lab",
            "add",
            "ferritin",
            "50",
            "ng/mL",
            "--date",
            "2026-11-01",
        ],
    ] {
        let out = ql(&d, args);
        let e = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {e}");
        assert!(
            e.contains("damaged") && e.contains("demo.db"),
            "{args:?}: {e}"
        );
        assert_eq!(std::fs::read(&d).unwrap(), before, "{args:?} wrote to it");
    }

    // What can still be read is rescued into a new diary, which shows and exports normally.
    let saved = dir.path().join("rescued.db");
    let out = ok(&d, &["rescue", "--to", saved.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(r["copied"].as_u64().unwrap() > 100, "{r}");
    let n = nights(&saved);
    assert!(n > 100 && n <= 120, "{n} nights rescued");
    let export = dir.path().join("rescued.json");
    ok(&saved, &["export", "-o", export.to_str().unwrap()]);
    let fresh = dir.path().join("fresh.db");
    ok(&fresh, &["import", export.to_str().unwrap()]);
    assert_eq!(nights(&fresh), n);
    assert_eq!(std::fs::read(&d).unwrap(), before, "the rescue wrote to it");
    // A rescue never writes over a file.
    let again = ql(&d, &["rescue", "--to", saved.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(nights(&saved), n);
}

#[test]
fn a_truncated_diary_is_damaged_not_foreign_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path());
    let len = std::fs::metadata(&d).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&d).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let before = std::fs::read(&d).unwrap();
    let out = ql(
        &d,
        &["log", "night", "--date", "2026-11-21", "--severity", "2"],
    );
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains("damaged"), "{e}");
    assert!(!e.contains("not a QuietLegs"), "{e}");
    assert_eq!(std::fs::read(&d).unwrap(), before);
}

// ---- item 13: sizes checked before reading ---------------------------------------------------

#[cfg(unix)]
#[test]
fn a_huge_import_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    night(&db, "2026-11-20");
    let huge = dir.path().join("huge.json");
    // 600 MB, sparse: no disk used. Reading it whole would need 600 MB of memory; the process
    // below has 400 MB of address space, so only a refusal by size before reading passes.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(600 * 1024 * 1024)
        .unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 400000; exec \"$0\" --db \"$1\" import \"$2\"")
        .arg(env!("CARGO_BIN_EXE_quietlegs"))
        .arg(&db)
        .arg(&huge)
        .env("QUIETLEGS_NOW", "2026-11-21T12:00:00Z")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains("huge.json") && e.contains("larger than"), "{e}");
    assert_eq!(nights(&db), 1);
}

// ---- item 14: private files and folders ------------------------------------------------------

#[cfg(unix)]
#[test]
fn health_data_is_0600_and_folders_0700_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // umask 000: without the app's care everything would be world-readable (0666/0777).
    let run = |args: &[&str]| {
        let out = Command::new("sh")
            .arg("-c")
            .arg("umask 000; exec \"$@\"")
            .arg("sh")
            .arg(env!("CARGO_BIN_EXE_quietlegs"))
            .args(args)
            .env("QUIETLEGS_NOW", "2026-11-21T12:00:00Z")
            .env("QUIETLEGS_PASSPHRASE", "correct horse battery")
            .env("XDG_DATA_HOME", &data)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    run(&["log", "night", "--date", "2026-11-20", "--severity", "5"]);
    let db = data.join("quietlegs/quietlegs.db");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&data.join("quietlegs")), 0o700);

    let out = |name: &str| dir.path().join(name);
    let s = |p: std::path::PathBuf| p.to_str().unwrap().to_owned();
    // An existing world-readable file is replaced by a private one.
    std::fs::write(out("d.json"), "old").unwrap();
    std::fs::set_permissions(out("d.json"), std::fs::Permissions::from_mode(0o644)).unwrap();
    for (fmt, name) in [
        ("json", "d.json"),
        ("fhir", "b.json"),
        ("report", "r.html"),
        ("ics", "c.ics"),
    ] {
        run(&["export", "--format", fmt, "-o", &s(out(name))]);
        assert_eq!(mode(&out(name)), 0o600, "{fmt}");
        run(&["export", "--format", fmt, "-o", &s(out(name))]);
        assert_eq!(mode(&out(name)), 0o600, "{fmt} again");
    }
    run(&["export", "--encrypt", "-o", &s(out("d.age"))]);
    assert_eq!(mode(&out("d.age")), 0o600);
    run(&["export", "--format", "csv", "-o", &s(out("csv/sub"))]);
    assert_eq!(mode(&out("csv")), 0o700);
    assert_eq!(mode(&out("csv/sub")), 0o700);
    for f in ["nights.csv", "labs.csv", "doses.csv"] {
        assert_eq!(mode(&out("csv/sub").join(f)), 0o600, "{f}");
    }

    // The -wal and -shm files while the diary is open.
    let c = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = c
        .query_row("SELECT count(*) FROM nights", [], |r| r.get(0))
        .unwrap();
    for s in ["-wal", "-shm"] {
        let p = std::path::PathBuf::from(format!("{}{s}", db.display()));
        assert_eq!(mode(&p), 0o600, "{s}");
    }
}

// ---- item 15: text escaped before the terminal ------------------------------------------------

#[test]
fn control_characters_from_the_diary_or_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let evil = "walk\u{1b}]0;pwned\u{7}\u{1b}[2J\rdone\u{9b}31m";
    ok(
        &db,
        &[
            "log",
            "night",
            "--date",
            "2026-11-20",
            "--severity",
            "5",
            "--note",
            evil,
        ],
    );
    let raw = |s: &str| s.chars().any(|c| c.is_control() && c != '\n');
    for args in [&["nights"][..], &["nights", "--json"]] {
        let out = ok(&db, args);
        assert!(!raw(&out), "{args:?}: {out:?}");
    }
    // The JSON still carries the note exactly.
    let v: serde_json::Value = serde_json::from_str(&ok(&db, &["nights", "--json"])).unwrap();
    assert_eq!(v[0]["notes"], evil);
    // A file with control characters in a field name: the error shows them escaped.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\":\"quietlegs-export\",\"version\":1,\"records\":[{\"\\u001b]0;x\\u0007\":1}]}",
    )
    .unwrap();
    let out = ql(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!raw(&stderr(&out)), "{:?}", stderr(&out));
}

// ---- a suggested command pastes back into a shell ---------------------------------------------

#[test]
fn the_suggested_command_after_a_demo_names_a_path_with_spaces_and_quotes_as_one_argument() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("my diary's copy $HOME.db");
    let out = bin().args(["demo", "--file"]).arg(&p).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Look around: "))
        .unwrap_or_else(|| panic!("no suggested command in {stdout}"));
    // What a POSIX shell makes of the line, word by word.
    let words = shlex::split(line).unwrap();
    assert_eq!(words[..2], ["quietlegs", "--db"], "{line}");
    assert_eq!(words[2], p.to_str().unwrap(), "{line}");
    let again = bin().args(&words[1..]).output().unwrap();
    assert!(again.status.success(), "{line}: {}", stderr(&again));
}
