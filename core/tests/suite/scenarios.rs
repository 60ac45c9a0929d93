//! The shared scenario fixtures (tests/scenarios/*.json and tests/scenarios/status/*.json), run
//! through the same API object the Kotlin and Python suites use, so all three prove the same
//! engine gives the same answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use quietlegs_core::model::enums::parse_word;
use quietlegs_core::model::{
    Analyte, BodyArea, EventKind, IntakeKind, RegimenKind, Routine, Sex, Trigger,
};
use quietlegs_core::{
    AugmentationAnswers, EventInput, FixedClock, LabInput, NightInput, ProfileSettings, QuietLegs,
    QuietLegsError, RegimenInput,
};
use serde_json::Value;

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn irls_items(w: &Value) -> Vec<u8> {
    list(&w["items"])
        .iter()
        .map(|v| v.as_u64().unwrap() as u8)
        .collect()
}

fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

fn fixtures(sub: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/scenarios")
        .join(sub);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// A regimen entry of a fixture as the API's input.
fn regimen_input(r: &Value) -> RegimenInput {
    RegimenInput {
        kind: parse_word::<RegimenKind>("kind", r["kind"].as_str().unwrap(), &RegimenKind::ALL)
            .unwrap(),
        name: s(&r["name"]).unwrap(),
        dose_mg: r["dose_mg"].as_f64(),
        times: list(&r["times"]).iter().map(|t| s(t).unwrap()).collect(),
        every_n_days: r["every_n_days"].as_i64().unwrap() as i32,
        with_vitamin_c: r["with_vitamin_c"].as_bool().unwrap_or(false),
        start_date: s(&r["start_date"]),
        stop_date: None,
    }
}

/// The field and reason of an `InvalidInput` error.
fn invalid<T: std::fmt::Debug>(r: Result<T, QuietLegsError>) -> (String, String) {
    match r {
        Err(QuietLegsError::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// A diary set up as the fixture describes (profile, regimen, habits, events, labs, nights).
fn open_scenario(sc: &Value) -> (Arc<QuietLegs>, tempfile::TempDir) {
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
        pregnant: p["pregnant"].as_bool().unwrap_or(false),
        kidney_disease: p["kidney_disease"].as_bool().unwrap_or(false),
        malabsorption: p["malabsorption"].as_bool().unwrap_or(false),
        due_date: s(&p["due_date"]),
        dialysis: p["dialysis"].as_bool().unwrap_or(false),
        birth_date: s(&p["birth_date"]),
        haemochromatosis: p["haemochromatosis"].as_bool().unwrap_or(false),
        thalassaemia: p["thalassaemia"].as_bool().unwrap_or(false),
        regular_transfusions: p["regular_transfusions"].as_bool().unwrap_or(false),
        sex: p["sex"]
            .as_str()
            .map(|v| parse_word("sex", v, &Sex::ALL).unwrap()),
        routine: p["routine"].as_array().map(|r| {
            let on = |w: &str| r.iter().any(|v| v.as_str() == Some(w));
            Routine {
                warm_bath: on("warm_bath"),
                warm_socks: on("warm_socks"),
                movement: on("movement"),
                exercise_cutoff: on("exercise_cutoff"),
            }
        }),
    })
    .unwrap();
    for r in list(&sc["regimen"]) {
        let entry = q.add_regimen(regimen_input(&r)).unwrap();
        // `"doses_logged_through": "YYYY-MM-DD"`: a dose logged at 09:00 local on every dose
        // day from the start to that date (only logged oral iron counts, SPEC §2.1).
        if let Some(through) = s(&r["doses_logged_through"]) {
            let start: chrono::NaiveDate = s(&r["start_date"]).unwrap().parse().unwrap();
            let through: chrono::NaiveDate = through.parse().unwrap();
            let every = r["every_n_days"].as_u64().unwrap_or(1).max(1) as usize;
            for day in start
                .iter_days()
                .take_while(|d| *d <= through)
                .step_by(every)
            {
                q.log_event(EventInput {
                    at: format!("{day}T09:00"),
                    kind: EventKind::Dose {
                        regimen_id: entry.info.id.clone(),
                    },
                    note: None,
                })
                .unwrap();
            }
        }
    }
    for h in list(&sc["habits"]) {
        let what =
            parse_word::<IntakeKind>("intake", h["intake"].as_str().unwrap(), &IntakeKind::ALL)
                .unwrap();
        q.add_habit(what, s(&h["at"]).unwrap()).unwrap();
    }
    for e in list(&sc["events"]) {
        let what =
            parse_word::<IntakeKind>("intake", e["intake"].as_str().unwrap(), &IntakeKind::ALL)
                .unwrap();
        let kind = EventKind::Intake { what };
        q.log_event(EventInput {
            at: s(&e["at"]).unwrap(),
            kind,
            note: None,
        })
        .unwrap();
    }
    for l in list(&sc["labs"]) {
        q.add_lab(LabInput {
            analyte: parse_word::<Analyte>("lab", l["analyte"].as_str().unwrap(), &Analyte::ALL)
                .unwrap(),
            value: l["value"].as_f64().unwrap(),
            unit: s(&l["unit"]).unwrap(),
            taken_on: s(&l["taken_on"]).unwrap(),
        })
        .unwrap();
    }
    // IV iron infusions: `{"at": local time, "formulation": "ferric_carboxymaltose", ...}`.
    for e in list(&sc["iv_iron"]) {
        let formulation = serde_json::from_value(e["formulation"].clone()).unwrap();
        q.log_event(EventInput {
            at: s(&e["at"]).unwrap(),
            kind: EventKind::IvIron { formulation },
            note: None,
        })
        .unwrap();
    }
    // Weekly IRLS ratings: `{"week_ending": "YYYY-MM-DD", "items": [ten scores 0-4]}`.
    for w in list(&sc["weekly_irls"]) {
        q.log_weekly_irls(irls_items(&w), s(&w["week_ending"]))
            .unwrap();
    }
    if let Some(a) = sc.get("augmentation_answers") {
        q.set_augmentation_answers(AugmentationAnswers {
            usual_onset: s(&a["usual_onset"]),
            severity_when_it_worked: a["severity_when_it_worked"].as_u64().map(|v| v as u8),
            spread_beyond_legs_before: a["spread_beyond_legs_before"].as_bool(),
            relief_hours_at_start: a["relief_hours_at_start"].as_f64(),
            relief_hours_now: a["relief_hours_now"].as_f64(),
            dose_increases: a["dose_increases"].as_u64().map(|v| v as u32),
            answered_on: None,
        })
        .unwrap();
    }
    for n in list(&sc["nights"]) {
        let sev = n["quick_severity"].as_i64().unwrap() as i32;
        let mut input = NightInput::quick(n["night_date"].as_str().unwrap(), sev);
        input.onset = s(&n["onset"]);
        input.body_areas = list(&n["body_areas"])
            .iter()
            .map(|a| parse_word("body area", a.as_str().unwrap(), &BodyArea::ALL).unwrap())
            .collect();
        input.triggers = list(&n["triggers"])
            .iter()
            .map(|t| parse_word("trigger", t.as_str().unwrap(), &Trigger::ALL).unwrap())
            .collect();
        q.log_night(input).unwrap();
    }
    (q, dir)
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_planner_fixture_holds() {
    let files = fixtures("");
    assert!(files.len() >= 5, "expected the scenario fixtures");
    for path in files {
        let sc = read(&path);
        let name = sc["name"].as_str().unwrap();
        let (q, _dir) = open_scenario(&sc);
        let x = &sc["expect"];
        let plan = q.plan(s(&sc["date"])).unwrap();
        let iron = &plan.iron;
        assert_eq!(
            serde_json::to_value(iron.status).unwrap(),
            x["iron_status"],
            "{name}: {iron:?}"
        );
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
        // The iron reminder's text (a medicine no timing fixes rides along with it).
        if let Some(want) = x["iron_reminder_contains"].as_str() {
            let why: Vec<&str> = plan
                .items
                .iter()
                .filter(|i| serde_json::to_value(i.kind).unwrap() == "iron")
                .map(|i| i.why.as_str())
                .collect();
            assert!(
                why.iter().any(|w| w.contains(want)),
                "{name}: {why:?} lacks {want:?}"
            );
        }
        if let Some(vc) = x["with_vitamin_c"].as_bool() {
            assert_eq!(iron.with_vitamin_c, vc, "{name}");
        }
        if let Some(bed) = x["bed"].as_str() {
            assert_eq!(plan.bed.local, bed, "{name}");
        }
        if let Some(f) = x["flags_contain"].as_str() {
            assert!(
                iron.flags.iter().any(|g| g.contains(f)),
                "{name}: {:?} lacks {f:?}",
                iron.flags
            );
        }
        for c in list(&x["checks"]) {
            let r = q.check_intake(s(&c["what"]).unwrap(), s(&c["at"])).unwrap();
            assert_eq!(
                r.conflict,
                c["conflict"].as_bool().unwrap(),
                "{name}: {c} -> {r:?}"
            );
            if let Some(ok) = c["earliest_ok"].as_str() {
                assert_eq!(
                    r.earliest_ok.as_ref().map(|t| t.local.as_str()),
                    Some(ok),
                    "{name}: {c}"
                );
            }
            // "earliest_ok": null — a prescribed medicine is never moved; iron moves instead.
            if c.get("earliest_ok").is_some_and(|v| v.is_null()) {
                assert!(r.earliest_ok.is_none(), "{name}: {c} -> {r:?}");
            }
            if let Some(ok) = c["iron_ok"].as_str() {
                assert_eq!(
                    r.iron_ok.as_ref().map(|t| t.local.as_str()),
                    Some(ok),
                    "{name}: {c} -> {r:?}"
                );
            }
            if let Some(m) = c["message_contains"].as_str() {
                assert!(r.message.contains(m), "{name}: {:?} lacks {m:?}", r.message);
            }
        }
        // Words the check must refuse as not recognised (never "no effect").
        for c in list(&x["refused_checks"]) {
            let (field, reason) = invalid(q.check_intake(s(&c["what"]).unwrap(), s(&c["at"])));
            assert_eq!(field, c["field"].as_str().unwrap(), "{name}: {c}");
            let want = c["contains"].as_str().unwrap();
            assert!(reason.contains(want), "{name}: {reason:?} lacks {want:?}");
        }
        // Regimen entries that must be refused, naming the field, with nothing written.
        for r in list(&x["refused_regimen"]) {
            let before = q.regimen().unwrap().len();
            let (field, reason) = invalid(q.add_regimen(regimen_input(&r)));
            assert_eq!(field, r["field"].as_str().unwrap(), "{name}: {r}");
            let want = r["contains"].as_str().unwrap();
            assert!(reason.contains(want), "{name}: {reason:?} lacks {want:?}");
            assert_eq!(q.regimen().unwrap().len(), before, "{name}: written anyway");
        }
        // Warnings a regimen entry carries.
        for w in list(&x["regimen_warnings"]) {
            let want = w["contains"].as_str().unwrap();
            let all = q.regimen().unwrap();
            let e = all
                .iter()
                .find(|e| e.name == w["name"].as_str().unwrap())
                .unwrap();
            assert!(
                e.warnings.iter().any(|g| g.contains(want)),
                "{name}: {:?} lacks {want:?}",
                e.warnings
            );
        }
        // What `med check` (and `regimen add`) say of a name with this diary's profile: one
        // entry, its details holding `contains` and never `excludes`.
        for m in list(&x["medicine_checks"]) {
            let [info] = q
                .check_medicine_for_profile(s(&m["name"]).unwrap())
                .unwrap()
                .try_into()
                .unwrap_or_else(|v: Vec<_>| panic!("{name}: {m} -> {} entries", v.len()));
            if let Some(g) = m["generic"].as_str() {
                assert_eq!(info.generic, g, "{name}: {m}");
            }
            let want = m["contains"].as_str().unwrap();
            assert!(
                info.details.contains(want),
                "{name}: {:?} lacks {want:?}",
                info.details
            );
            if let Some(no) = m["excludes"].as_str() {
                assert!(
                    !info.details.contains(no),
                    "{name}: {:?} has {no:?}",
                    info.details
                );
            }
        }
    }
}

#[test]
fn every_status_fixture_holds() {
    let files = fixtures("status");
    assert!(!files.is_empty());
    for path in files {
        let sc = read(&path);
        let name = sc["name"].as_str().unwrap();
        let (q, _dir) = open_scenario(&sc);
        let x = &sc["expect"];
        let st = q.status(s(&sc["date"])).unwrap();
        assert_eq!(
            serde_json::to_value(st.iron.advice).unwrap(),
            x["advice"],
            "{name}"
        );
        let want = x["headline_contains"].as_str().unwrap();
        assert!(
            st.iron.headline.contains(want),
            "{name}: {}",
            st.iron.headline
        );
        assert_eq!(
            st.iron.projected_target_date.as_deref(),
            x["projected_target_date"].as_str(),
            "{name}"
        );
        let kinds: Vec<Value> = st
            .flags
            .iter()
            .map(|f| serde_json::to_value(f.kind).unwrap())
            .collect();
        assert_eq!(Value::Array(kinds), x["flags"], "{name}");
        assert_eq!(
            st.augmentation.applicable,
            x["augmentation_applicable"].as_bool().unwrap(),
            "{name}"
        );
        for want in list(&x["notes_contain"]) {
            let want = want.as_str().unwrap();
            assert!(
                st.iron.notes.iter().any(|n| n.contains(want)),
                "{name}: no note contains {want:?}: {:?}",
                st.iron.notes
            );
        }
        for unwanted in list(&x["notes_exclude"]) {
            let unwanted = unwanted.as_str().unwrap();
            assert!(
                st.iron.notes.iter().all(|n| !n.contains(unwanted)),
                "{name}: a note contains {unwanted:?}: {:?}",
                st.iron.notes
            );
        }
        if !list(&x["plan_excludes"]).is_empty() {
            let plan = q.plan(s(&sc["date"])).unwrap();
            for kind in list(&x["plan_excludes"]) {
                assert!(
                    plan.items
                        .iter()
                        .all(|i| serde_json::to_value(i.kind).unwrap() != kind),
                    "{name}: the plan has {kind}"
                );
            }
        }
        if let Some(f) = x["augmentation_flagged"].as_bool() {
            assert_eq!(st.augmentation.flagged, f, "{name}: {:?}", st.augmentation);
        }
        for want in list(&x["augmentation_message_contains"]) {
            let want = want.as_str().unwrap();
            assert!(
                st.augmentation.message.contains(want),
                "{name}: {:?} lacks {want:?}",
                st.augmentation.message
            );
        }
        // The ferritin slope: how many results it uses, and the infusion it starts after.
        if let Some(n) = x["slope_results"].as_u64() {
            assert_eq!(u64::from(st.iron.slope_results), n, "{name}");
        }
        if let Some(since) = x.get("slope_since") {
            assert_eq!(st.iron.slope_since.as_deref(), since.as_str(), "{name}");
        }
        // Weekly ratings that must be refused, naming the field, with nothing written.
        for w in list(&x["refused_weekly_irls"]) {
            let before = st.weekly_irls.as_ref().unwrap().ratings.len();
            let (field, _) = invalid(q.log_weekly_irls(irls_items(&w), s(&w["week_ending"])));
            assert_eq!(field, w["field"].as_str().unwrap(), "{name}: {w}");
            let after = q.status(s(&sc["date"])).unwrap().weekly_irls.unwrap();
            assert_eq!(after.ratings.len(), before, "{name}: written anyway");
        }
        if let Some(med) = x["regimen_warning_for"].as_str() {
            let r = q.regimen().unwrap();
            assert!(
                !r.iter()
                    .find(|e| e.name == med)
                    .unwrap()
                    .warnings
                    .is_empty(),
                "{name}"
            );
        }
    }
}

/// Every sentence a status or plan shows for the status fixtures reads as English a patient can
/// follow: no "(s)" plurals, no capital after a semicolon ("; The IRLS"), no "1 nights", no
/// reason left unfinished after a date ("…, TSAT 31 % on 2026-11-10"), no bare condition as a
/// reason ("because haemochromatosis").
#[test]
fn status_and_plan_texts_read_as_sentences() {
    let mut bad = Vec::new();
    for path in fixtures("status") {
        let sc = read(&path);
        let name = sc["name"].as_str().unwrap().to_owned();
        let (q, _dir) = open_scenario(&sc);
        let st = q.status(s(&sc["date"])).unwrap();
        let mut texts: Vec<String> = vec![
            st.iron.headline.clone(),
            st.iron.thresholds.clone(),
            st.iron.draw_preparation.clone(),
            st.augmentation.message.clone(),
        ];
        texts.extend(st.iron.notes.iter().cloned());
        texts.extend(
            st.flags
                .iter()
                .flat_map(|f| [f.title.clone(), f.facts.clone()]),
        );
        if let Some(w) = &st.weekly_irls {
            texts.push(w.trend_line.clone());
            texts.push(w.prompt.clone());
        }
        let plan = q.plan(s(&sc["date"])).unwrap();
        texts.extend(
            plan.items
                .iter()
                .flat_map(|i| [i.title.clone(), i.why.clone()]),
        );
        // A reminder's text is shown on its own: it starts as a sentence (or with its time).
        for i in &plan.items {
            if !i
                .why
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            {
                bad.push(format!(
                    "{name}: plan item {:?} starts in lower case: {:?}",
                    i.title, i.why
                ));
            }
        }
        for r in &st.iron.reasons {
            let t = r.text.trim_end();
            let ends_with_date = t.len() >= 10
                && t[t.len() - 10..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-');
            if ends_with_date || ["haemochromatosis", "thalassaemia", "transfusions"].contains(&t) {
                bad.push(format!("{name}: unfinished reason {t:?}"));
            }
            texts.push(r.text.clone());
        }
        for t in &texts {
            let chars: Vec<char> = t.chars().collect();
            let capital_after_semicolon = chars
                .windows(4)
                .any(|w| w[0] == ';' && w[1] == ' ' && w[2].is_uppercase() && w[3].is_lowercase());
            if capital_after_semicolon
                || t.contains("(s)")
                || [" 1 nights", " 1 points", " 1 ratings", " 1 days"]
                    .iter()
                    .any(|w| t.contains(w))
            {
                bad.push(format!("{name}: {t:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
