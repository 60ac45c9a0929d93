//! Medicines and augmentation through the API: the questionnaire survives settings changes and
//! an export/import round trip, bad answers are refused naming the field with nothing written,
//! and information-only classes never raise a doctor flag.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use quietlegs_core::model::RegimenKind;
use quietlegs_core::{
    check_medicine, AugmentationAnswers, FixedClock, ProfileSettings, QuietLegs, QuietLegsError,
    RegimenInput,
};

fn diary(dir: &Path, name: &str) -> Arc<QuietLegs> {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    QuietLegs::open_at(&dir.join(name), Arc::new(FixedClock(now))).unwrap()
}

fn settings(bedtime: &str) -> ProfileSettings {
    ProfileSettings {
        time_zone: "Europe/Berlin".into(),
        bedtime: bedtime.into(),
        wake_time: "07:00".into(),
        breakfast: None,
        lunch: None,
        dinner: None,
        pregnant: false,
        kidney_disease: false,
        malabsorption: false,
        ..ProfileSettings::default()
    }
}

fn answers() -> AugmentationAnswers {
    AugmentationAnswers {
        usual_onset: Some("22:00".into()),
        severity_when_it_worked: Some(3),
        spread_beyond_legs_before: Some(false),
        relief_hours_at_start: Some(10.0),
        relief_hours_now: Some(6.5),
        dose_increases: Some(2),
        answered_on: None,
    }
}

fn med(q: &QuietLegs, name: &str) {
    q.add_regimen(RegimenInput {
        kind: RegimenKind::Medication,
        name: name.into(),
        dose_mg: None,
        times: vec!["21:00".into()],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: Some("2026-10-01".into()),
        stop_date: None,
        start_date_unknown: false,
    })
    .unwrap();
}

#[test]
fn questionnaire_survives_settings_and_an_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let a = diary(dir.path(), "a.db");
    a.set_profile(settings("23:00")).unwrap();
    let saved = a.set_augmentation_answers(answers()).unwrap();
    assert_eq!(saved.answered_on.as_deref(), Some("2026-11-21"));
    a.set_profile(settings("23:30")).unwrap();
    assert_eq!(a.augmentation_answers().unwrap(), Some(saved.clone()));

    let file = dir.path().join("x.json");
    a.export_json(file.display().to_string(), None).unwrap();
    let b = diary(dir.path(), "b.db");
    b.import_file(file.display().to_string(), None).unwrap();
    assert_eq!(b.augmentation_answers().unwrap(), Some(saved));
    assert_eq!(b.profile().unwrap().bedtime, "23:30");
}

#[test]
fn bad_answers_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db");
    q.set_profile(settings("23:00")).unwrap();
    let bad = [
        (
            AugmentationAnswers {
                severity_when_it_worked: Some(11),
                ..answers()
            },
            "severity",
        ),
        (
            AugmentationAnswers {
                relief_hours_now: Some(25.0),
                ..answers()
            },
            "relief hours now",
        ),
        (
            AugmentationAnswers {
                usual_onset: Some("25:00".into()),
                ..answers()
            },
            "usual onset",
        ),
        (
            AugmentationAnswers {
                dose_increases: Some(51),
                ..answers()
            },
            "dose increases",
        ),
    ];
    for (a, field) in bad {
        match q.set_augmentation_answers(a) {
            Err(QuietLegsError::InvalidInput { field: f, .. }) => assert!(f.contains(field), "{f}"),
            other => panic!("{field}: {other:?}"),
        }
        assert_eq!(q.augmentation_answers().unwrap(), None);
    }
}

#[test]
fn information_only_classes_never_raise_a_doctor_flag_worsening_ones_do() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db");
    q.set_profile(settings("23:00")).unwrap();
    med(&q, "Amlodipine");
    med(&q, "Metoprolol");
    let kinds = |q: &QuietLegs| -> Vec<String> {
        q.status(None)
            .unwrap()
            .flags
            .iter()
            .map(|f| serde_json::to_value(f.kind).unwrap().to_string())
            .collect()
    };
    assert!(!kinds(&q).iter().any(|k| k.contains("worsening")));
    med(&q, "Remeron");
    assert!(kinds(&q).iter().any(|k| k.contains("worsening")));
}

#[test]
fn med_check_shows_stance_apart_from_efficacy_and_timing_from_the_table() {
    let [p] = check_medicine("Mirapexin".into()).try_into().unwrap();
    // Efficacy is the AASM 2025 certainty of evidence (moderate), apart from the stance.
    assert_eq!(serde_json::to_value(p.evidence).unwrap(), "moderate");
    assert_eq!(
        serde_json::to_value(p.aasm_stance).unwrap(),
        "conditional_against_standard_use"
    );
    assert!(p.alternative.unwrap().contains("gabapentin"));
    let [m] = check_medicine("Avelox".into()).try_into().unwrap();
    assert_eq!(
        m.iron_timing.as_deref(),
        Some("Take moxifloxacin at least 4 h before iron or at least 8 h after it.")
    );
    let [c] = check_medicine("Mycophenolate mofetil".into())
        .try_into()
        .unwrap();
    assert!(c.no_timing_fix);
}

#[test]
fn a_treatment_checked_while_pregnant_carries_the_pregnancy_caveat() {
    // SPEC §2.6: status says treatment choices differ in pregnancy; `med check` must too.
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "p.db");
    q.set_profile(ProfileSettings {
        pregnant: true,
        due_date: Some("2027-04-10".into()),
        ..settings("23:00")
    })
    .unwrap();
    for name in ["Lyrica", "gabapentin", "pramipexole"] {
        let m = q.check_medicine_for_profile(name.into()).unwrap();
        let first = &m[0];
        let note = first.pregnancy_note.clone().unwrap_or_default();
        assert!(note.contains("pregnancy"), "{name}: {first:?}");
        assert!(first.advice.contains("midwife"), "{name}: {}", first.advice);
    }
    // Not a treatment: no caveat added by this rule.
    assert_eq!(
        q.check_medicine_for_profile("ciprofloxacin".into())
            .unwrap()[0]
            .pregnancy_note,
        None
    );
    // Not pregnant: the catalog's answer as it is.
    let other = diary(dir.path(), "n.db");
    other.set_profile(settings("23:00")).unwrap();
    let m = other.check_medicine_for_profile("Lyrica".into()).unwrap();
    assert_eq!(m, check_medicine("Lyrica".into()));
}

/// Review of #15 (A2): the alternative follows the profile. In pregnancy no medicine is named
/// (the catalog's gabapentinoids come from adult sources; the pregnancy consensus was not read
/// for them); with kidney disease a gabapentinoid, as treatment or alternative, says doses
/// differ; magnesium on dialysis says no reminder is given (SPEC §2.3).
#[test]
fn the_alternative_and_notes_follow_pregnancy_and_kidney_disease() {
    let dir = tempfile::tempdir().unwrap();
    let pregnant = diary(dir.path(), "p.db");
    pregnant
        .set_profile(ProfileSettings {
            pregnant: true,
            due_date: Some("2027-04-10".into()),
            ..settings("23:00")
        })
        .unwrap();
    for name in ["pramipexole", "Sinemet", "Dostinex"] {
        let m = &pregnant.check_medicine_for_profile(name.into()).unwrap()[0];
        let alt = m.alternative.clone().unwrap_or_default();
        assert!(alt.contains("obstetric team"), "{name}: {alt:?}");
        for drug in ["pregabalin", "gabapentin"] {
            assert!(!alt.contains(drug), "{name}: {alt:?}");
            assert!(
                !m.details
                    .contains(&format!("Alternative to ask about: {drug}")),
                "{name}: {}",
                m.details
            );
        }
    }
    // The dopaminergic classes also treat Parkinson's disease (cabergoline: prolactin): the
    // RLS alternative says it is for RLS.
    for name in ["Stalevo", "Sinemet", "pramipexole", "Dostinex"] {
        let alt = check_medicine(name.into())[0]
            .alternative
            .clone()
            .unwrap_or_default();
        assert!(alt.starts_with("if you take it for RLS"), "{name}: {alt}");
    }
    let dialysis = diary(dir.path(), "k.db");
    dialysis
        .set_profile(ProfileSettings {
            kidney_disease: true,
            dialysis: true,
            ..settings("23:00")
        })
        .unwrap();
    for name in ["Horizant", "pregabalin", "gabapentin"] {
        let m = &dialysis.check_medicine_for_profile(name.into()).unwrap()[0];
        assert!(
            m.advice.contains("Doses differ with kidney disease"),
            "{name}: {}",
            m.advice
        );
        assert!(m.details.contains("Doses differ with kidney disease"));
    }
    let m = &dialysis
        .check_medicine_for_profile("pramipexole".into())
        .unwrap()[0];
    let alt = m.alternative.clone().unwrap_or_default();
    assert!(alt.contains("gabapentin"), "{alt}");
    assert!(alt.contains("doses differ with kidney disease"), "{alt}");
    let mg = &dialysis
        .check_medicine_for_profile("magnesium".into())
        .unwrap()[0];
    assert!(mg.advice.contains("no magnesium reminder"), "{}", mg.advice);
    // Kidney disease recorded with no low eGFR: the gabapentinoid caveat, not magnesium's.
    let recorded = diary(dir.path(), "r.db");
    recorded
        .set_profile(ProfileSettings {
            kidney_disease: true,
            ..settings("23:00")
        })
        .unwrap();
    let g = &recorded
        .check_medicine_for_profile("Lyrica".into())
        .unwrap()[0];
    assert!(g.advice.contains("Doses differ with kidney disease"));
    let mg = &recorded
        .check_medicine_for_profile("magnesium".into())
        .unwrap()[0];
    assert!(
        !mg.advice.contains("no magnesium reminder"),
        "{}",
        mg.advice
    );
    // Neither group: the catalog's answer unchanged.
    let other = diary(dir.path(), "n.db");
    other.set_profile(settings("23:00")).unwrap();
    for name in ["pramipexole", "Horizant", "magnesium"] {
        assert_eq!(
            other.check_medicine_for_profile(name.into()).unwrap(),
            check_medicine(name.into())
        );
    }
}

/// SPEC §2.3: magnesium added with eGFR under 30 or on dialysis, by kind or by name, carries
/// the warning that no reminder is given (to discuss with the doctor, not an order), both when
/// it is added and in the regimen list; its doses appear in no reminder and no adherence row.
/// With eGFR 45 none of this applies.
#[test]
fn magnesium_added_with_severe_kidney_disease_is_warned_and_never_reminded() {
    use quietlegs_core::model::Analyte;
    use quietlegs_core::LabInput;
    let dir = tempfile::tempdir().unwrap();
    let magnesium = |kind, name: &str, times: Vec<String>| RegimenInput {
        kind,
        name: name.into(),
        dose_mg: None,
        times,
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: None,
        stop_date: None,
        start_date_unknown: false,
    };
    let no_reminder = |w: &[String]| {
        w.iter()
            .any(|w| w.contains("no magnesium reminder") && w.contains("discuss"))
    };
    let dialysis = diary(dir.path(), "d.db");
    dialysis
        .set_profile(ProfileSettings {
            dialysis: true,
            ..settings("23:00")
        })
        .unwrap();
    let egfr = |file: &str, v: f64| {
        let q = diary(dir.path(), file);
        q.set_profile(settings("23:00")).unwrap();
        q.add_lab(LabInput {
            analyte: Analyte::Egfr,
            value: v,
            unit: "mL/min/1.73m2".into(),
            taken_on: "2026-11-20".into(),
        })
        .unwrap();
        q
    };
    for (q, severe) in [
        (dialysis, true),
        (egfr("e25.db", 25.0), true),
        (egfr("e45.db", 45.0), false),
    ] {
        let by_name = q
            .add_regimen(magnesium(
                RegimenKind::Supplement,
                "magnesium glycinate",
                vec!["21:30".into()],
            ))
            .unwrap();
        let by_kind = q
            .add_regimen(magnesium(RegimenKind::Magnesium, "", vec![]))
            .unwrap();
        for added in [&by_name, &by_kind] {
            assert_eq!(no_reminder(&added.warnings), severe, "{:?}", added.warnings);
        }
        for listed in q.regimen().unwrap() {
            assert_eq!(
                no_reminder(&listed.warnings),
                severe,
                "{:?}",
                listed.warnings
            );
        }
        let ids = [by_name.info.id.clone(), by_kind.info.id.clone()];
        let reminded = q
            .reminders(None, Some(2))
            .unwrap()
            .iter()
            .filter(|o| o.regimen_id.as_ref().is_some_and(|id| ids.contains(id)))
            .count();
        let counted = q
            .status(None)
            .unwrap()
            .adherence
            .iter()
            .filter(|a| ids.contains(&a.regimen_id))
            .count();
        if severe {
            assert_eq!((reminded, counted), (0, 0));
        } else {
            assert!(reminded >= 2, "{reminded}");
            assert_eq!(counted, 2);
        }
    }
}

/// AASM 2025 gives gabapentin, gabapentin enacarbil, pregabalin and IV ferric carboxymaltose a
/// strong recommendation for, with moderate certainty of evidence: the catalog shows the
/// evidence as moderate (the certainty, as for ropinirole), and the strong recommendation
/// apart, as the stance (SPEC §2.4: "for"). Recommendation strength is never shown as evidence
/// strength.
#[test]
fn strong_recommendations_show_their_moderate_certainty_of_evidence() {
    use quietlegs_core::rules::catalog::{AasmStance, EvidenceStrength};
    for name in [
        "gabapentin",
        "Neurontin",
        "Horizant",
        "gabapentin enacarbil",
        "pregabalin",
        "Lyrica",
        "Injectafer",
        "ferric carboxymaltose",
        "ropinirole",
    ] {
        let m = &check_medicine(name.into())[0];
        assert_eq!(m.evidence, EvidenceStrength::Moderate, "{name}");
        assert!(
            m.evidence_line.starts_with(
                "moderate — graded by guidelines (AASM 2025: moderate certainty of evidence)"
            ),
            "{name}: {}",
            m.evidence_line
        );
        assert!(
            m.details.contains("moderate certainty of evidence"),
            "{name}"
        );
        assert!(
            !m.advice.contains("strongest evidence"),
            "{name}: {}",
            m.advice
        );
        if name != "ropinirole" {
            assert_eq!(m.aasm_stance, Some(AasmStance::StrongFor), "{name}");
            assert!(
                m.aasm_stance_label
                    .as_deref()
                    .is_some_and(|l| l.contains("(strong)")),
                "{name}: {:?}",
                m.aasm_stance_label
            );
        }
    }
}

/// Review of #15 (A5): a different real substance is never mapped onto the entry it resembles
/// (potassium is not calcium, calcium folinate is no calcium supplement, zinc oxide cream is
/// no zinc supplement), while a real typo still matches and `regimen add` asks "did you mean".
#[test]
fn a_different_substance_is_never_matched_and_a_typo_is_asked_about() {
    for name in [
        "Kalium",
        "Kalium Verla",
        "potassium chloride",
        "Calcium folinate",
        "Calciumfolinat",
        "leucovorin calcium",
        "folinic acid",
        "zinc oxide",
        "Zinc oxide cream",
    ] {
        assert_eq!(check_medicine(name.into()), vec![], "{name}");
    }
    // The same substance under its own names and one typo still matches.
    for (name, generic) in [
        ("Kalzium", "calcium"),
        ("Kalcium", "calcium"),
        ("calcium carbonate", "calcium"),
        ("zinc gluconate", "zinc"),
        ("Kalium and Kalzium", "calcium"),
    ] {
        let m = check_medicine(name.into());
        assert_eq!(m.len(), 1, "{name}: {m:?}");
        assert_eq!(m[0].generic, generic, "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "k.db");
    q.set_profile(settings("23:00")).unwrap();
    let add = |name: &str| {
        q.add_regimen(RegimenInput {
            kind: RegimenKind::Supplement,
            name: name.into(),
            dose_mg: None,
            times: vec!["08:00".into()],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: Some("2026-10-01".into()),
            stop_date: None,
            start_date_unknown: false,
        })
        .unwrap()
    };
    let kalium = add("Kalium");
    assert!(
        kalium.warnings.iter().any(|w| w.contains("not recognised")),
        "{:?}",
        kalium.warnings
    );
    assert!(!kalium.warnings.iter().any(|w| w.contains("calcium")));
    let typo = add("Kalzum");
    assert!(
        typo.warnings
            .iter()
            .any(|w| w.contains("did you mean Kalzium?") && w.contains("calcium")),
        "{:?}",
        typo.warnings
    );
    // An exact name asks nothing.
    let exact = add("Kalzium");
    assert!(
        !exact.warnings.iter().any(|w| w.contains("did you mean")),
        "{:?}",
        exact.warnings
    );
}

/// Review of #15 (A3): ferric citrate and sucroferric oxyhydroxide contain iron; they do not
/// bind it. Oral iron on top is for the doctor to discuss (no dose, no "stop").
#[test]
fn iron_based_phosphate_binders_say_they_contain_iron() {
    for name in [
        "ferric citrate",
        "Auryxia",
        "Velphoro",
        "sucroferric oxyhydroxide",
    ] {
        let m = &check_medicine(name.into())[0];
        assert!(m.advice.contains("contains iron"), "{name}: {}", m.advice);
        assert!(!m.advice.contains("bind iron"), "{name}: {}", m.advice);
        assert!(m.advice.contains("discuss"), "{name}: {}", m.advice);
        assert!(!m.advice.to_lowercase().contains("stop"), "{name}");
    }
    let m = &check_medicine("sevelamer".into())[0];
    assert!(!m.advice.contains("contains iron"), "{}", m.advice);
}

/// Review of #15 (wording): iron lowers the absorption of these medicines; the text says it
/// one way, not "block each other's absorption".
#[test]
fn iron_lowers_the_other_drugs_absorption_said_one_way() {
    for name in [
        "Euthyrox",
        "cefdinir",
        "methyldopa",
        "eltrombopag",
        "penicillamine",
        "entacapone",
    ] {
        let m = &check_medicine(name.into())[0];
        assert!(!m.advice.contains("each other"), "{name}: {}", m.advice);
        assert!(m.advice.contains("Iron keeps"), "{name}: {}", m.advice);
    }
}

/// The phones show `effect_line` as the effect-on-RLS line: it must say what `effect` and
/// `evidence` say, for a worsening drug and a treatment alike.
#[test]
fn effect_line_says_the_effect_and_its_evidence_strength() {
    for name in ["Tylenol PM", "Mirapexin", "Avelox", "amlodipine"] {
        for m in check_medicine(name.into()) {
            let effect = serde_json::to_value(m.effect).unwrap();
            let words = match effect.as_str().unwrap() {
                "worsens_rls" => "can make it worse",
                "rls_treatment" => "a treatment for RLS",
                "iron_timing" => "changes when iron can be taken",
                "information_only" => "information only",
                _ => "usually none",
            };
            assert!(
                m.effect_line.starts_with("Effect on RLS: "),
                "{}",
                m.effect_line
            );
            assert!(m.effect_line.contains(words), "{name}: {}", m.effect_line);
            let strength = serde_json::to_value(m.evidence).unwrap();
            // Issue #15: an effect only the seed article reports names no strength at all.
            let graded = serde_json::to_value(m.evidence_basis).unwrap() != "not_graded";
            assert_eq!(
                m.evidence_line.starts_with(strength.as_str().unwrap()),
                graded,
                "{name}: {}",
                m.evidence_line
            );
            if !graded {
                assert!(
                    m.evidence_line.starts_with("not graded by guidelines"),
                    "{name}: {}",
                    m.evidence_line
                );
            }
            assert!(
                m.effect_line
                    .ends_with(&format!("(evidence: {})", m.evidence_line)),
                "{name}: {}",
                m.effect_line
            );
        }
    }
}

/// Issue #15: iron, vitamin C or magnesium added without a name keep the generic name
/// ("Magnesium"), never an invented product ("Magnesium glycinate"), in the regimen and the
/// doctor's report; a name given is kept as typed.
#[test]
fn a_supplement_without_a_name_keeps_the_generic_name() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "d.db");
    q.set_profile(settings("23:00")).unwrap();
    let add = |kind, name: &str| {
        q.add_regimen(RegimenInput {
            kind,
            name: name.into(),
            dose_mg: None,
            times: vec![],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: None,
            stop_date: None,
            start_date_unknown: false,
        })
    };
    assert_eq!(add(RegimenKind::Magnesium, "").unwrap().name, "Magnesium");
    assert_eq!(add(RegimenKind::Iron, "  ").unwrap().name, "Iron");
    assert_eq!(add(RegimenKind::VitaminC, "").unwrap().name, "Vitamin C");
    assert_eq!(
        add(RegimenKind::Magnesium, "Magnesium citrate")
            .unwrap()
            .name,
        "Magnesium citrate"
    );
    assert!(matches!(
        add(RegimenKind::Medication, ""),
        Err(QuietLegsError::InvalidInput { field, .. }) if field == "name"
    ));
    let report = dir.path().join("report.html");
    q.export_report(report.to_string_lossy().into_owned(), None)
        .unwrap();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(!html.contains("glycinate"));
    assert!(html.contains("Magnesium citrate"));
}

fn input(name: &str, start: Option<&str>, unknown: bool) -> RegimenInput {
    RegimenInput {
        kind: RegimenKind::Medication,
        name: name.into(),
        dose_mg: None,
        times: vec!["20:00".into()],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: start.map(Into::into),
        stop_date: None,
        start_date_unknown: unknown,
    }
}

fn refused(r: Result<impl std::fmt::Debug, QuietLegsError>, field: &str) -> String {
    match r {
        Err(QuietLegsError::InvalidInput { field: f, reason }) => {
            assert_eq!(f, field, "{reason}");
            reason
        }
        other => panic!("{other:?}"),
    }
}

/// Issue #15: a second entry of a medicine (by its name, a brand or a salt) is added with a
/// typed warning, as two strengths may be; the list shows it on both entries.
#[test]
fn regimen_add_warns_when_the_medicine_is_already_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db");
    q.set_profile(settings("23:00")).unwrap();
    let first = q
        .add_regimen(input("Pramipexole", Some("2026-10-01"), false))
        .unwrap();
    assert!(first.same_medicine.is_empty());
    let other = q
        .add_regimen(input("Requip", Some("2026-10-01"), false))
        .unwrap();
    assert!(other.same_medicine.is_empty(), "{:?}", other.same_medicine);
    for (n, name) in ["Sifrol", "Mirapexin", "pramipexole dihydrochloride"]
        .into_iter()
        .enumerate()
    {
        let again = q.add_regimen(input(name, None, true)).unwrap();
        let w = &again.same_medicine;
        assert_eq!(w.len(), 1, "{name}: {w:?}");
        assert_eq!(w[0].generic, "pramipexole");
        assert_eq!(w[0].other_ids.len(), n + 1);
        // Listed in id order (one stopped clock): found by id.
        let at = w[0]
            .other_ids
            .iter()
            .position(|id| *id == first.info.id)
            .unwrap();
        assert_eq!(w[0].other_names[at], "Pramipexole");
        assert!(w[0].message.contains("taken twice"), "{}", w[0].message);
        assert!(
            !w[0].message.to_lowercase().contains("stop"),
            "{}",
            w[0].message
        );
    }
    let list = q.regimen().unwrap();
    assert_eq!(list.len(), 5);
    for r in &list {
        let expected = usize::from(r.name != "Requip");
        assert_eq!(r.same_medicine.len(), expected, "{}", r.name);
    }
}

/// Issue #15: a start after today (in the profile's zone), before the birth date, or before a
/// dopaminergic drug existed is refused naming the start date, with the rule said; nothing is
/// written. The same for `set_regimen_start`.
#[test]
fn impossible_start_dates_are_refused_with_the_rule_applied() {
    let dir = tempfile::tempdir().unwrap();
    // 23:30 UTC on 11-21 is 00:30 on 11-22 in Berlin.
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 23, 30, 0).unwrap();
    let q = QuietLegs::open_at(&dir.path().join("a.db"), Arc::new(FixedClock(now))).unwrap();
    let r = refused(
        q.add_regimen(input("Pramipexole", Some("2026-11-22"), false)),
        "start date",
    );
    assert!(r.contains("after today (2026-11-21)"), "{r}");
    q.set_profile(ProfileSettings {
        birth_date: Some("1960-03-01".into()),
        ..settings("23:00")
    })
    .unwrap();
    for (name, start, rule) in [
        ("Pramipexole", "2026-11-23", "after today (2026-11-22)"),
        (
            "Pramipexole",
            "1949-01-01",
            "before your birth date (1960-03-01)",
        ),
        (
            "Sifrol",
            "1990-06-01",
            "pramipexole was available (from 1997)",
        ),
        (
            "Requip",
            "1995-06-01",
            "ropinirole was available (from 1996)",
        ),
        (
            "Neupro",
            "2005-06-01",
            "rotigotine was available (from 2006)",
        ),
        ("levothyroxine", "1960-02-29", "before your birth date"),
    ] {
        let r = refused(q.add_regimen(input(name, Some(start), false)), "start date");
        assert!(r.contains(rule), "{name} {start}: {r}");
        assert!(!r.contains("1900 to now"), "{r}");
    }
    assert!(q.regimen().unwrap().is_empty());
    let added = q
        .add_regimen(input("Pramipexole", Some("2026-11-22"), false))
        .unwrap();
    q.add_regimen(input("levothyroxine", Some("1960-03-01"), false))
        .unwrap();
    for (start, rule) in [
        ("2026-11-23", "after today"),
        ("1996-12-31", "from 1997"),
        ("1950-01-01", "birth date"),
    ] {
        let r = refused(
            q.set_regimen_start(added.info.id.clone(), Some(start.into()), false),
            "start date",
        );
        assert!(r.contains(rule), "{start}: {r}");
    }
    let kept = q.regimen().unwrap();
    let kept = kept.iter().find(|r| r.info.id == added.info.id).unwrap();
    assert_eq!(kept.start_date, "2026-11-22");
}

/// Issue #15: `set_regimen_start` takes a unique name or id start as well as the id; several
/// matches are refused, saying only how many and the start of each id.
#[test]
fn regimen_start_finds_the_item_by_a_unique_name() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db");
    q.set_profile(settings("23:00")).unwrap();
    let pram = q.add_regimen(input("Pramipexole", None, true)).unwrap();
    let ropi = q.add_regimen(input("Ropinirole", None, true)).unwrap();
    let set = q
        .set_regimen_start("pramipexole".into(), Some("2024-03-01".into()), false)
        .unwrap();
    assert_eq!(
        (set.info.id.as_str(), set.start_date.as_str()),
        (pram.info.id.as_str(), "2024-03-01")
    );
    let set = q
        .set_regimen_start(ropi.info.id[..6].into(), Some("2024-04-01".into()), false)
        .unwrap();
    assert_eq!(set.info.id, ropi.info.id);
    q.add_regimen(input("Adartrel", None, true)).unwrap();
    let r = refused(
        q.set_regimen_start("Requip".into(), Some("2024-05-01".into()), false),
        "regimen item",
    );
    assert!(r.contains("matches 2 entries"), "{r}");
    assert!(!r.contains("Adartrel") && !r.contains("2024-04-01"), "{r}");
    assert!(matches!(
        q.set_regimen_start("gabapentin".into(), None, true),
        Err(QuietLegsError::NotFound { .. })
    ));
}

/// Issue #15 through `status`: after a switch from ropinirole to pramipexole the baseline is
/// the first weeks on ropinirole (and the nights before it), which `status` must load; the
/// weeks on ropinirole before the switch are treatment, not "before the drug".
#[test]
fn after_a_switch_status_judges_from_the_first_dopaminergic_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "a.db");
    q.set_profile(settings("23:00")).unwrap();
    q.add_regimen(RegimenInput {
        stop_date: Some("2026-08-31".into()),
        ..input("Ropinirole", Some("2026-06-01"), false)
    })
    .unwrap();
    q.add_regimen(input("Pramipexole", Some("2026-09-01"), false))
        .unwrap();
    let log = |from: &str, n: i64, sev: i32, onset: &str| {
        let from: chrono::NaiveDate = from.parse().unwrap();
        for i in 0..n {
            let mut night = quietlegs_core::NightInput::quick(
                &(from + chrono::Duration::days(i)).to_string(),
                sev,
            );
            night.onset = Some(onset.into());
            q.log_night(night).unwrap();
        }
    };
    log("2026-05-04", 28, 6, "22:00"); // before any dopaminergic drug
    log("2026-06-01", 28, 2, "23:00"); // ropinirole first worked
    log("2026-08-04", 28, 7, "18:30"); // ropinirole's last weeks
    log("2026-09-01", 28, 5, "19:00"); // pramipexole's first weeks
    log("2026-11-14", 7, 7, "17:30"); // the last 7 nights
    let a = q.status(None).unwrap().augmentation;
    assert_eq!(
        a.verdict,
        quietlegs_core::AugmentationVerdict::Possible,
        "{}",
        a.message
    );
    assert!(a.flagged);
    assert_eq!(a.baseline_onset_median.as_deref(), Some("22:00"));
    assert_eq!(a.onset_earlier_minutes, Some(270));
}

/// Issue #15: the augmentation window is the 7 nights that have ended. At 02:00 the night
/// before is still in progress, so "today" rolls over at the profile's wake time, not at
/// midnight; in the profile's zone, through a DST change (Europe/Berlin, 2026-03-29).
#[test]
fn the_augmentation_window_moves_when_the_person_wakes_not_at_midnight() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let at = |y, mo, d, h, mi| {
        QuietLegs::open_at(
            &path,
            Arc::new(FixedClock(
                Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap(),
            )),
        )
        .unwrap()
    };
    let first = at(2026, 12, 2, 1, 0);
    first.set_profile(settings("23:00")).unwrap();
    first.set_augmentation_answers(answers()).unwrap();
    med(&first, "pramipexole");
    drop(first);
    let window = |q: &QuietLegs| {
        let a = q.status(None).unwrap().augmentation;
        (a.window_from, a.window_to, a.recent_nights)
    };
    let w = |from: &str, to: &str, n: u32| (from.to_owned(), to.to_owned(), n);
    // The DST night: 06:30 CEST (04:30 UTC) is before waking, so the night of 03-28 is not
    // over; 07:30 CEST (05:30 UTC; a fixed +1 h would still read 06:30) it is. (The drug,
    // started 2026-10-01, is not screened yet: the window is said all the same.)
    assert_eq!(
        window(&at(2026, 3, 29, 4, 30)),
        w("2026-03-21", "2026-03-27", 0)
    );
    assert_eq!(
        window(&at(2026, 3, 29, 5, 30)),
        w("2026-03-22", "2026-03-28", 0)
    );
    // A winter night, every night logged up to the one in progress (12-01).
    let logger = at(2026, 12, 2, 1, 0);
    for day in 24..=31 {
        let date = if day == 31 {
            "2026-12-01".to_owned()
        } else {
            format!("2026-11-{day}")
        };
        logger
            .log_night(quietlegs_core::NightInput::quick(&date, 6))
            .unwrap();
    }
    drop(logger);
    // 02:00 CET: the night of 12-01 is in progress and not counted.
    assert_eq!(
        window(&at(2026, 12, 2, 1, 0)),
        w("2026-11-24", "2026-11-30", 7)
    );
    assert_eq!(
        window(&at(2026, 12, 2, 5, 59)),
        w("2026-11-24", "2026-11-30", 7)
    );
    // 07:00 CET: woken, the night of 12-01 has ended.
    assert_eq!(
        window(&at(2026, 12, 2, 6, 0)),
        w("2026-11-25", "2026-12-01", 7)
    );
    // A date asked for is that day, whatever the hour.
    let q = at(2026, 12, 2, 1, 0);
    let a = q.status(Some("2026-12-02".into())).unwrap().augmentation;
    assert_eq!(a.window_to, "2026-12-01");
}

/// Issue #15: a stored entry's warnings follow the profile as `check_medicine_for_profile`
/// does. In pregnancy `regimen()` named loratadine for Benadryl where `med check` named none.
#[test]
fn stored_regimen_warnings_follow_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "b.db");
    q.set_profile(settings("23:00")).unwrap();
    med(&q, "Benadryl");
    let said = |q: &QuietLegs| q.regimen().unwrap()[0].warnings.join(" ");
    assert!(said(&q).contains("loratadine"), "{}", said(&q));
    q.set_profile(ProfileSettings {
        pregnant: true,
        due_date: Some("2027-04-10".into()),
        ..settings("23:00")
    })
    .unwrap();
    let listed = said(&q);
    assert!(
        !listed.contains("loratadine") && listed.contains("obstetric team"),
        "{listed}"
    );
    let checked = &q.check_medicine_for_profile("Benadryl".into()).unwrap()[0];
    assert_eq!(
        checked.alternative.as_deref(),
        Some("ask your doctor or obstetric team about options in pregnancy")
    );
    med(&q, "Unisom");
    let added = q.regimen().unwrap();
    assert!(added
        .iter()
        .all(|e| !e.warnings.join(" ").contains("loratadine")));
}

/// Issue #15 (fresh review): `regimen add` of Euthyrox at 06:30 after alendronate at 06:15
/// warned of nothing; and `check` of a medicine in the wait said "ok". Both warn now, through
/// the API the shells call.
#[test]
fn a_medicine_added_or_checked_inside_a_bisphosphonates_wait_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "d.db");
    q.set_profile(settings("23:00")).unwrap();
    let at = |name: &str, time: &str| RegimenInput {
        times: vec![time.into()],
        ..input(name, Some("2026-10-01"), false)
    };
    q.add_regimen(at("alendronate", "06:15")).unwrap();
    let e = q.add_regimen(at("Euthyrox", "06:30")).unwrap();
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("within the wait after your alendronate at 06:15")),
        "{:?}",
        e.warnings
    );
    let listed = q.regimen().unwrap();
    let alendronate = listed.iter().find(|r| r.name == "alendronate").unwrap();
    assert!(
        alendronate
            .warnings
            .iter()
            .any(|w| w.contains("your Euthyrox at 06:30")),
        "{:?}",
        alendronate.warnings
    );
    for what in ["Euthyrox", "gabapentin"] {
        let c = q
            .check_intake(what.into(), Some("2026-11-21T06:20".into()))
            .unwrap();
        assert!(
            c.conflict && c.message.contains("after your alendronate at 06:15"),
            "{what}: {c:?}"
        );
        let c = q
            .check_intake(what.into(), Some("2026-11-21T06:45".into()))
            .unwrap();
        assert!(!c.message.contains("alendronate"), "{what}: {c:?}");
    }
}

/// Issue #15 (fresh review): `check milk` near levothyroxine said "its label asks for Euthyrox
/// and milk (dairy) at least 4 h apart". Through the API: milk and a milk coffee keep the 4 h
/// as a convention; calcium keeps the label's words.
#[test]
fn milk_near_levothyroxine_is_a_convention_calcium_the_label() {
    let dir = tempfile::tempdir().unwrap();
    let q = diary(dir.path(), "d.db");
    q.set_profile(settings("23:00")).unwrap();
    q.add_regimen(RegimenInput {
        times: vec!["07:00".into()],
        ..input("Euthyrox", Some("2026-10-01"), false)
    })
    .unwrap();
    let check = |what: &str| {
        q.check_intake(what.into(), Some("2026-11-21T08:00".into()))
            .unwrap()
    };
    for what in ["milk", "cappuccino"] {
        let c = check(what);
        assert!(c.conflict, "{what}: {c:?}");
        assert!(
            c.message.contains(
                "a convention: its label gives this interval for calcium carbonate, not for milk"
            ) && !c.message.contains("its label asks"),
            "{what}: {}",
            c.message
        );
    }
    let c = check("calcium");
    assert!(
        c.message
            .contains("its label asks for Euthyrox and calcium at least 4 h apart"),
        "{}",
        c.message
    );
}

/// Fresh review of #15: `med check cabergoline` was headed "can be prescribed for RLS" above
/// "AASM 2025: recommends against (strong)". The effect line the phones show (and the heading
/// the CLI prints) follows the stance: no treatment with a stance against it, and none
/// without a stance, is called a plain treatment.
#[test]
fn the_effect_follows_the_aasm_stance() {
    let [c] = check_medicine("cabergoline".into()).try_into().unwrap();
    assert_eq!(
        serde_json::to_value(c.aasm_stance).unwrap(),
        "strong_against"
    );
    assert!(
        c.effect_line
            .starts_with("Effect on RLS: used for RLS, but AASM 2025 recommends against it"),
        "{}",
        c.effect_line
    );
    let [p] = check_medicine("pramipexole".into()).try_into().unwrap();
    assert!(
        p.effect_line
            .contains("AASM 2025 suggests against its standard use"),
        "{}",
        p.effect_line
    );
    // Every treatment the guideline is not for says so in its effect line.
    for m in quietlegs_core::rules::catalog::CATALOG {
        for info in check_medicine(m.generic.into()) {
            let stance = serde_json::to_value(info.aasm_stance).unwrap();
            let plain = info.effect_line.contains("a treatment for RLS (");
            let against = stance.as_str().is_some_and(|s| s.contains("against"));
            let ungraded =
                serde_json::to_value(info.effect).unwrap() == "rls_treatment" && stance.is_null();
            assert!(
                !(plain && (against || ungraded)),
                "{}: {}",
                m.generic,
                info.effect_line
            );
        }
    }
}

/// Fresh review of #15: names people type that the catalog missed or misnamed. Piribedil and
/// apomorphine are dopamine agonists with no AASM 2025 stance; Monofer and Venofer are IV
/// irons whose evidence follows the guideline formulation by formulation (ferric
/// carboxymaltose strong; iron sucrose only on haemodialysis; ferric derisomaltose not
/// graded); Palexia is an opioid without an RLS stance; a multivitamin with iron is a
/// multivitamin with minerals, never "ferrous sulfate".
#[test]
fn missing_and_misnamed_medicines() {
    let one = |name: &str| {
        let found = check_medicine(name.into());
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        found.into_iter().next().unwrap()
    };
    for name in ["piribedil", "Trivastal", "apomorphine", "APO-go"] {
        let m = one(name);
        assert_eq!(json(&m.class), "ungraded_dopamine_agonist", "{name}");
        assert!(m.aasm_stance.is_none(), "{name}");
        assert_eq!(json(&m.evidence_basis), "not_graded", "{name}");
        assert!(
            m.advice.contains("augmentation") && m.advice.contains("Never stop it abruptly"),
            "{name}: {}",
            m.advice
        );
    }
    // AASM 2025: a strong recommendation on evidence of moderate certainty; the evidence
    // shown is the certainty, the recommendation is the stance.
    let fcm = one("Ferinject");
    assert_eq!(json(&fcm.evidence), "moderate");
    assert_eq!(json(&fcm.aasm_stance), "strong_for");
    for name in ["Venofer", "Feraheme", "CosmoFer"] {
        let m = one(name);
        assert_eq!(json(&m.evidence), "moderate", "{name}: {}", m.evidence_line);
        assert_eq!(json(&m.aasm_stance), "conditional_for", "{name}");
    }
    let venofer = one("Venofer");
    assert!(
        venofer
            .aasm_stance_label
            .as_deref()
            .is_some_and(|l| l.contains("haemodialysis") && l.contains("200 ng/mL")),
        "{:?}",
        venofer.aasm_stance_label
    );
    let monofer = one("Monofer");
    assert_eq!(monofer.generic, "ferric derisomaltose");
    assert_eq!(json(&monofer.class), "iv_iron");
    assert!(monofer.aasm_stance.is_none());
    assert_eq!(json(&monofer.evidence_basis), "not_graded");
    assert!(!monofer.evidence_line.starts_with("strong"));
    let palexia = one("Palexia");
    assert_eq!(palexia.generic, "tapentadol");
    assert!(
        palexia.described.contains("opioid"),
        "{}",
        palexia.described
    );
    assert!(palexia.aasm_stance.is_none());
    assert_eq!(json(&palexia.effect), "not_known");
    let mv = one("multivitamin with iron");
    assert_ne!(mv.generic, "ferrous sulfate");
    assert_eq!(json(&mv.class), "multivitamin");
    assert!(
        !mv.described.contains("ferrous") && !mv.advice.contains("ferrous"),
        "{}: {}",
        mv.described,
        mv.advice
    );
    assert!(
        mv.advice.contains("contains iron") && mv.advice.contains("2 h apart"),
        "{}",
        mv.advice
    );
}

/// An exported value as serde names it ("ungraded_dopamine_agonist").
fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Fresh review of #15: coffee logged after an iron dose was warned about, the iron dose
/// logged after the coffee was not. The clash is symmetric: either order keeps the same
/// warning, for an intake and for a medicine dose.
#[test]
fn a_clash_with_iron_warns_in_either_logging_order() {
    use quietlegs_core::model::IntakeKind;
    use quietlegs_core::{EventInput, EventKind};
    let dir = tempfile::tempdir().unwrap();
    let open = |name: &str| {
        let q = diary(dir.path(), name);
        q.set_profile(settings("23:00")).unwrap();
        let iron = q
            .add_regimen(RegimenInput {
                kind: RegimenKind::Iron,
                dose_mg: Some(65.0),
                times: vec![],
                ..input("Ferrous sulfate", Some("2026-10-01"), false)
            })
            .unwrap()
            .info
            .id;
        let levo = q
            .add_regimen(RegimenInput {
                times: vec!["07:30".into()],
                ..input("levothyroxine", Some("2026-10-01"), false)
            })
            .unwrap()
            .info
            .id;
        (q, iron, levo)
    };
    let log = |q: &QuietLegs, kind: EventKind, at: &str| {
        q.log_event(EventInput {
            at: at.into(),
            kind,
            note: None,
        })
        .unwrap()
        .warnings
    };
    let coffee = || EventKind::Intake {
        what: IntakeKind::Coffee,
    };
    let dose = |id: &str| EventKind::Dose {
        regimen_id: id.to_owned(),
    };
    // Coffee at 11:00, iron at 10:00 (local), logged in both orders.
    let (a, iron_a, _) = open("a.db");
    assert!(log(&a, dose(&iron_a), "2026-11-21T10:00").is_empty());
    let after = log(&a, coffee(), "2026-11-21T11:00");
    let (b, iron_b, _) = open("b.db");
    assert!(log(&b, coffee(), "2026-11-21T11:00").is_empty());
    let before = log(&b, dose(&iron_b), "2026-11-21T10:00");
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(before, after);
    assert!(after[0].contains("too close to your iron dose taken at 10:00"));
    // Levothyroxine at 07:30, iron at 09:00: the same, whichever is logged first.
    let (c, iron_c, levo_c) = open("c.db");
    log(&c, dose(&iron_c), "2026-11-21T09:00");
    let after = log(&c, dose(&levo_c), "2026-11-21T07:30");
    let (e, iron_e, levo_e) = open("e.db");
    log(&e, dose(&levo_e), "2026-11-21T07:30");
    let before = log(&e, dose(&iron_e), "2026-11-21T09:00");
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(before, after);
    // Far enough apart: no warning either way.
    let (f, iron_f, _) = open("f.db");
    log(&f, coffee(), "2026-11-21T07:00");
    assert!(log(&f, dose(&iron_f), "2026-11-21T10:00").is_empty());
}
