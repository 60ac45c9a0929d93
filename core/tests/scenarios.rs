//! The shared scenario fixtures (tests/scenarios/*.json), run through the same API object the
//! Kotlin and Python suites use, so all three prove the same engine gives the same answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;

use quietlegs_core::model::enums::parse_word;
use quietlegs_core::model::{EventKind, IntakeKind, RegimenKind};
use quietlegs_core::{EventInput, FixedClock, ProfileSettings, QuietLegs, RegimenInput};
use serde_json::Value;

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn run(path: &std::path::Path) {
    let sc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let name = sc["name"].as_str().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(sc["now"].as_str().unwrap())
        .unwrap()
        .to_utc();
    let dir = tempfile::tempdir().unwrap();
    let q = QuietLegs::open_at(&dir.path().join("s.db"), Arc::new(FixedClock(now))).unwrap();
    let p = &sc["profile"];
    q.set_profile(ProfileSettings {
        time_zone: s(&p["time_zone"]).unwrap(),
        bedtime: s(&p["bedtime"]).unwrap(),
        wake_time: s(&p["wake_time"]).unwrap(),
        breakfast: s(&p["breakfast"]),
        lunch: s(&p["lunch"]),
        dinner: s(&p["dinner"]),
        pregnant: false,
        kidney_disease: false,
        malabsorption: false,
    })
    .unwrap();
    for r in sc["regimen"].as_array().unwrap() {
        q.add_regimen(RegimenInput {
            kind: parse_word::<RegimenKind>("kind", r["kind"].as_str().unwrap(), &RegimenKind::ALL)
                .unwrap(),
            name: s(&r["name"]).unwrap(),
            dose_mg: r["dose_mg"].as_f64(),
            times: r["times"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| s(t).unwrap())
                .collect(),
            every_n_days: r["every_n_days"].as_i64().unwrap() as i32,
            with_vitamin_c: r["with_vitamin_c"].as_bool().unwrap_or(false),
            start_date: s(&r["start_date"]),
            stop_date: None,
        })
        .unwrap();
    }
    for h in sc["habits"].as_array().unwrap() {
        let what =
            parse_word::<IntakeKind>("intake", h["intake"].as_str().unwrap(), &IntakeKind::ALL)
                .unwrap();
        q.add_habit(what, s(&h["at"]).unwrap()).unwrap();
    }
    for e in sc["events"].as_array().unwrap() {
        let what =
            parse_word::<IntakeKind>("intake", e["intake"].as_str().unwrap(), &IntakeKind::ALL)
                .unwrap();
        q.log_event(EventInput {
            at: s(&e["at"]).unwrap(),
            kind: EventKind::Intake { what },
            note: None,
        })
        .unwrap();
    }
    let x = &sc["expect"];
    let plan = q.plan(s(&sc["date"])).unwrap();
    let iron = &plan.iron;
    let status = serde_json::to_value(iron.status).unwrap();
    assert_eq!(status, x["iron_status"], "{name}: {iron:?}");
    if let Some(start) = x["iron_start"].as_str() {
        assert_eq!(iron.start.as_ref().unwrap().local, start, "{name}");
    }
    if let Some(end) = x["iron_end"].as_str() {
        assert_eq!(iron.end.as_ref().unwrap().local, end, "{name}");
    }
    let want = x["explanation_contains"].as_str().unwrap();
    assert!(
        iron.explanation.contains(want),
        "{name}: {:?} lacks {want:?}",
        iron.explanation
    );
    if let Some(vc) = x["with_vitamin_c"].as_bool() {
        assert_eq!(iron.with_vitamin_c, vc, "{name}");
    }
    if let Some(bed) = x["bed"].as_str() {
        assert_eq!(plan.bed.local, bed, "{name}");
    }
    for c in x["checks"].as_array().unwrap() {
        let r = q.check_intake(s(&c["what"]).unwrap(), s(&c["at"])).unwrap();
        assert_eq!(
            r.conflict,
            c["conflict"].as_bool().unwrap(),
            "{name}: {c} -> {r:?}"
        );
        if let Some(ok) = c["earliest_ok"].as_str() {
            assert_eq!(r.earliest_ok.unwrap().local, ok, "{name}: {c}");
        }
    }
}

#[test]
fn every_scenario_fixture_holds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            run(&path);
            n += 1;
        }
    }
    assert!(
        n >= 5,
        "expected the scenario fixtures in {}",
        dir.display()
    );
}
