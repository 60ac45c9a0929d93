//! The core against its physical limits (docs/PERFORMANCE.md): each measure beside the limit it
//! is judged by, on generated histories of 1, 10 and 30 years.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Duration as Days, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use quietlegs_core::exchange::json::write_export;
use quietlegs_core::exchange::merge::merge_records;
use quietlegs_core::model::Record;
use quietlegs_core::rules::insights::SeverityScale;
use quietlegs_core::rules::plan::day_plan;
use quietlegs_core::rules::reminders::{occurrences, reconcile};
use quietlegs_core::rules::Diary;
use quietlegs_core::store::{self, Store};
use quietlegs_core::{FixedClock, QuietLegs};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn history(years: u32) -> Vec<Record> {
    quietlegs_core::demo::history(today(), years, "bench-device")
}

/// A diary file holding `years` of history, built once per size.
fn db_file(dir: &Path, years: u32) -> (PathBuf, Vec<Record>) {
    let p = dir.join(format!("{years}y.db"));
    let records = history(years);
    let q = QuietLegs::open_at(&p, Arc::new(FixedClock(now()))).unwrap();
    q.merge_in(&records).unwrap();
    drop(q);
    (p, records)
}

struct Loaded {
    profile: quietlegs_core::model::Profile,
    regimen: Vec<quietlegs_core::model::RegimenItem>,
    habits: Vec<quietlegs_core::model::Habit>,
    events: Vec<quietlegs_core::model::Event>,
    labs: Vec<quietlegs_core::model::Lab>,
}

fn loaded(s: &Store) -> Loaded {
    let c = s.conn();
    Loaded {
        profile: store::profile(c).unwrap().unwrap().profile,
        regimen: store::regimen(c).unwrap(),
        habits: store::habits(c).unwrap(),
        events: store::events(c, now() - Days::days(3), now() + Days::days(9)).unwrap(),
        labs: store::labs(c, None).unwrap(),
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sizes = [1u32, 10, 30];
    let files: Vec<(u32, PathBuf, Vec<Record>)> = sizes
        .iter()
        .map(|&y| {
            let (p, r) = db_file(dir.path(), y);
            (y, p, r)
        })
        .collect();

    let mut g = c.benchmark_group("cold_start");
    for (y, p, _) in &files {
        g.bench_with_input(BenchmarkId::new("open_migrate_plan", y), p, |b, p| {
            b.iter(|| {
                let q = QuietLegs::open_at(p, Arc::new(FixedClock(now()))).unwrap();
                q.plan(None).unwrap()
            })
        });
        g.bench_with_input(BenchmarkId::new("bare_rusqlite_open", y), p, |b, p| {
            b.iter(|| {
                let c = rusqlite::Connection::open(p).unwrap();
                let v: u32 = c
                    .pragma_query_value(None, "user_version", |r| r.get(0))
                    .unwrap();
                v
            })
        });
    }
    g.finish();

    // Damage detection (#12): `PRAGMA quick_check` reads every page, so it is measured beside the
    // cold start to choose when to run it (docs/PERFORMANCE.md): once, before a session's first
    // write, not at every open.
    let mut g = c.benchmark_group("integrity");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for (y, p, _) in &files {
        let mut s = Store::open(p).unwrap();
        g.bench_function(BenchmarkId::new("quick_check", y), |b| {
            b.iter(|| s.check_integrity().unwrap())
        });
        g.bench_with_input(BenchmarkId::new("quick_check_open_plan", y), p, |b, p| {
            b.iter(|| {
                let q = QuietLegs::open_at(p, Arc::new(FixedClock(now()))).unwrap();
                q.check_integrity().unwrap();
                q.plan(None).unwrap()
            })
        });
        eprintln!(
            "integrity/{y}y: file {} bytes",
            std::fs::metadata(p).unwrap().len()
        );
    }
    g.finish();

    let mut g = c.benchmark_group("planner");
    for (y, p, _) in &files {
        let s = Store::open(p).unwrap();
        let l = loaded(&s);
        let diary = Diary {
            profile: &l.profile,
            regimen: &l.regimen,
            habits: &l.habits,
            events: &l.events,
            labs: &l.labs,
        };
        g.bench_function(BenchmarkId::new("day_plan_rules", y), |b| {
            b.iter(|| day_plan(&diary, today()))
        });
        g.bench_function(BenchmarkId::new("reminders_7d_rules", y), |b| {
            b.iter(|| occurrences(&diary, today(), 7))
        });
        let occ = occurrences(&diary, today(), 7);
        let held: Vec<String> = occ.iter().rev().take(64).map(|o| o.id.clone()).collect();
        g.bench_function(BenchmarkId::new("reconcile_64", y), |b| {
            b.iter(|| reconcile(&occ, &held, now(), 64))
        });
        let q = QuietLegs::open_at(p, Arc::new(FixedClock(now()))).unwrap();
        g.bench_function(BenchmarkId::new("plan_api", y), |b| {
            b.iter(|| q.plan(None).unwrap())
        });
        g.bench_function(BenchmarkId::new("reminders_7d_api", y), |b| {
            b.iter(|| q.reminders(None, Some(7)).unwrap())
        });
        g.bench_function(BenchmarkId::new("status_api", y), |b| {
            b.iter(|| q.status(None).unwrap())
        });
    }
    g.finish();

    // What each phone screen asks the core for when it opens, on the largest diary: the
    // Tonight screen's plan is `planner/plan_api` above, the status `planner/status_api`.
    let (_, p30, _) = files.last().unwrap();
    let q = QuietLegs::open_at(p30, Arc::new(FixedClock(now()))).unwrap();
    let mut g = c.benchmark_group("screens_30y");
    g.bench_function("log_night_to_log", |b| b.iter(|| q.night_to_log().unwrap()));
    // The Log and Report screens list every weekly rating (the status carries the latest).
    g.bench_function("log_weekly_irls_history", |b| {
        b.iter(|| q.weekly_irls_history().unwrap())
    });
    g.bench_function("labs_ferritin_chart", |b| {
        b.iter(|| q.ferritin_chart().unwrap())
    });
    g.bench_function("labs_list", |b| b.iter(|| q.labs(None).unwrap()));
    g.bench_function("medicines_regimen", |b| b.iter(|| q.regimen().unwrap()));
    g.bench_function("medicines_habits", |b| b.iter(|| q.habits().unwrap()));
    g.bench_function("trends_severity_chart_90d", |b| {
        b.iter(|| q.severity_chart(SeverityScale::Quick, 90).unwrap())
    });
    g.bench_function("settings_profile", |b| b.iter(|| q.profile().unwrap()));
    g.finish();

    // The doctor's report (HTML), written atomically to a file as the phone does.
    let mut g = c.benchmark_group("report");
    g.sample_size(20);
    for (y, p, _) in &files {
        let q = QuietLegs::open_at(p, Arc::new(FixedClock(now()))).unwrap();
        let out = dir.path().join(format!("report-{y}.html"));
        let out = out.to_str().unwrap().to_owned();
        g.bench_function(BenchmarkId::new("export_report", y), |b| {
            b.iter(|| q.export_report(out.clone(), None).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("export");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for (y, p, records) in &files {
        let s = Store::open(p).unwrap();
        g.bench_function(BenchmarkId::new("json_export_streamed", y), |b| {
            b.iter(|| write_export(&s, now(), &mut std::io::sink()).unwrap())
        });
        g.bench_function(BenchmarkId::new("serde_json_from_memory", y), |b| {
            b.iter(|| serde_json::to_writer(std::io::sink(), records).unwrap())
        });
        // What the export's reading alone costs: the same scans of events and nights, every
        // column fetched, nothing written (events and nights are 96 % of the records).
        g.bench_function(BenchmarkId::new("read_event_and_night_rows_only", y), |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                store::for_each_raw_event(s.conn(), |e| {
                    bytes += e.at.len() + e.kind.len() + e.warnings.len() + e.meta.id.len();
                    bytes += e.note.map_or(0, str::len) + e.meta.device_id.len();
                    bytes += e.meta.created_at.len() + e.meta.modified_at.len();
                    Ok(())
                })
                .unwrap();
                store::for_each_raw_night(s.conn(), |n| {
                    bytes += n.night_date.len() + n.body_areas.len() + n.meta.id.len();
                    bytes += n.triggers.len() + n.relief.len() + n.meta.device_id.len();
                    Ok(())
                })
                .unwrap();
                std::hint::black_box(bytes)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    for (y, _, records) in &files {
        g.bench_function(BenchmarkId::new("merge_into_empty", y), |b| {
            b.iter_batched(
                || Store::open_in_memory().unwrap(),
                |mut s| s.write(|tx| merge_records(tx, records)).unwrap(),
                BatchSize::PerIteration,
            )
        });
        let mut full = Store::open_in_memory().unwrap();
        full.write(|tx| merge_records(tx, records)).unwrap();
        g.bench_function(BenchmarkId::new("merge_into_identical", y), |b| {
            b.iter(|| full.write(|tx| merge_records(tx, records)).unwrap())
        });
        // The everyday sync: the last month of the diary, edited on another device, merged
        // back (a small file into a large diary: one indexed read per record). Each iteration's
        // edits are an hour newer than the last, so every one is an update.
        let month = records.len() / (12 * *y as usize);
        let mut round = 0i64;
        g.bench_function(BenchmarkId::new("merge_a_month_of_edits", y), |b| {
            b.iter_batched(
                || {
                    round += 1;
                    records[records.len() - month..]
                        .iter()
                        .map(|r| {
                            let mut r = r.clone();
                            let m = r.meta_mut();
                            m.modified_at += Days::hours(round);
                            m.device_id = "tablet".to_owned();
                            r
                        })
                        .collect::<Vec<_>>()
                },
                |file| full.write(|tx| merge_records(tx, &file)).unwrap(),
                BatchSize::SmallInput,
            )
        });
        let rows: Vec<(String, String)> = records
            .iter()
            .map(|r| (r.meta().id.to_string(), serde_json::to_string(r).unwrap()))
            .collect();
        // A second limit, for reading the first: the very rows the store writes, into the same
        // tables and indexes, by plain prepared inserts with every value computed beforehand.
        let same_rows: Vec<(&str, Vec<rusqlite::types::Value>)> = records
            .iter()
            .map(|r| store::upsert_of(r).unwrap())
            .collect();
        g.bench_function(BenchmarkId::new("same_rows_plain_insert", y), |b| {
            b.iter_batched(
                || Store::open_in_memory().unwrap(),
                |mut s| {
                    s.write(|tx| {
                        for (sql, values) in &same_rows {
                            tx.prepare_cached(sql)?
                                .execute(rusqlite::params_from_iter(values.iter()))?;
                        }
                        Ok(())
                    })
                    .unwrap()
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function(BenchmarkId::new("bare_rusqlite_bulk_insert", y), |b| {
            b.iter_batched(
                || {
                    let c = rusqlite::Connection::open_in_memory().unwrap();
                    c.execute_batch(
                        "CREATE TABLE r (id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT",
                    )
                    .unwrap();
                    c
                },
                |mut c| {
                    let tx = c.transaction().unwrap();
                    {
                        let mut st = tx
                            .prepare("INSERT INTO r (id, doc) VALUES (?1, ?2)")
                            .unwrap();
                        for (id, doc) in &rows {
                            st.execute([id, doc]).unwrap();
                        }
                    }
                    tx.commit().unwrap();
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(core_benches, benches);
criterion_main!(core_benches);
