//! Results from before an IV infusion are another baseline (SPEC §2.1, IRLSSG-2018): the
//! ferritin slope and the oral-iron verdict use only results drawn after the latest infusion.
//! Each on both sides: the same diary without the infusion, or with the baseline after it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use quietlegs_core::model::{Analyte, Event, Lab, Profile, RegimenItem};
use quietlegs_core::rules::iron_status::{iron_status, IronAdvice, IronStatus};

use crate::common::{d, diary, doses, infusion, iron_item, lab, today};

fn status(r: &[RegimenItem], e: &[Event], l: &[Lab]) -> IronStatus {
    let p = Profile::default();
    iron_status(&diary(&p, r, e, l), today())
}

#[test]
fn the_ferritin_slope_uses_only_results_after_the_latest_infusion() {
    let labs = [
        lab(Analyte::Ferritin, 20.0, "2026-01-10"),
        lab(Analyte::Ferritin, 25.0, "2026-03-10"),
        lab(Analyte::Ferritin, 180.0, "2026-07-01"),
        lab(Analyte::Ferritin, 150.0, "2026-10-01"),
        lab(Analyte::Tsat, 30.0, "2026-10-01"),
    ];
    // Without an infusion all four count: rising.
    let none = status(&[], &[], &labs).trend;
    assert_eq!(none.slope_results, 4);
    assert!(none.slope_per_30_days.unwrap() > 0.0);
    // IV iron on 2026-04-01: only July and October count, and ferritin is falling.
    let after = status(&[], &[infusion("2026-04-01")], &labs).trend;
    assert_eq!(
        after.points.len(),
        4,
        "the chart still shows the whole history"
    );
    assert_eq!(after.slope_results, 2);
    assert_eq!(after.since_infusion, Some(d("2026-04-01")));
    let slope = after.slope_per_30_days.unwrap();
    assert!((slope - (-30.0 / 92.0 * 30.0)).abs() < 1e-9, "{slope}");
    // A sample drawn on the infusion day is taken before it: not after the infusion.
    let same_day = status(&[], &[infusion("2026-07-01")], &labs).trend;
    assert_eq!(same_day.slope_results, 1);
    assert_eq!(same_day.slope_per_30_days, None);
    // No projection date is ever given (SPEC §2.1 has none).
    assert!([none, after, same_day]
        .iter()
        .all(|t| t.projected_target_date.is_none()));
}

#[test]
fn the_oral_iron_verdict_needs_a_baseline_drawn_after_the_infusion() {
    let oral = [iron_item("2026-06-01")];
    // Daily doses logged through the 12-week result (only logged oral iron counts).
    let infused: Vec<Event> = std::iter::once(infusion("2026-03-01"))
        .chain(doses(&oral[0], "2026-06-01", "2026-09-15"))
        .collect();
    let before_infusion = lab(Analyte::Ferritin, 30.0, "2026-02-20");
    let after_infusion = lab(Analyte::Ferritin, 60.0, "2026-05-20");
    let twelve_weeks_on = lab(Analyte::Ferritin, 50.0, "2026-09-15");
    // Baseline after the infusion, before oral iron: the verdict stands.
    let with_baseline = status(
        &oral,
        &infused,
        &[
            before_infusion.clone(),
            after_infusion,
            twelve_weeks_on.clone(),
        ],
    );
    assert_eq!(with_baseline.advice, IronAdvice::DiscussIv);
    assert!(with_baseline.reasons[0]
        .text
        .contains("from 60 ng/mL on 2026-05-20"));
    // Only a value from before the infusion: another baseline, so no verdict, and it says why.
    let pre_only = status(
        &oral,
        &infused,
        &[before_infusion.clone(), twelve_weeks_on.clone()],
    );
    assert_ne!(pre_only.advice, IronAdvice::DiscussIv);
    assert!(
        pre_only.notes.iter().any(|n| n.contains(
            "before you started oral iron on 2026-06-01 (and after the IV iron on 2026-03-01)"
        )),
        "{:?}",
        pre_only.notes
    );
    // The same diary without the infusion: that value is a real pre-start baseline.
    let no_infusion = status(
        &oral,
        &doses(&oral[0], "2026-06-01", "2026-09-15"),
        &[before_infusion, twelve_weeks_on],
    );
    assert_eq!(no_infusion.advice, IronAdvice::DiscussIv);
}

/// A reviewer's case (SPEC §2.1): a TSAT drawn two weeks after an infusion read 50 %; after the
/// recheck date a settled ferritin was on file, yet the ceiling was judged on that TSAT, and the
/// slope ran from the post-infusion peak. Such a TSAT is set aside once a settled ferritin
/// exists, and the slope starts at the recheck date.
#[test]
fn a_tsat_from_the_weeks_after_an_infusion_does_not_judge_a_settled_ferritin() {
    let labs = [
        lab(Analyte::Ferritin, 30.0, "2026-06-01"),
        lab(Analyte::Ferritin, 650.0, "2026-07-15"),
        lab(Analyte::Tsat, 50.0, "2026-07-15"),
        lab(Analyte::Ferritin, 250.0, "2026-10-01"),
    ];
    // Without the infusion, TSAT 50 % is a ceiling.
    let plain = status(&[], &[], &labs);
    assert_eq!(plain.advice, IronAdvice::StopAndSeeDoctor);
    // IV iron on 2026-07-01 (recheck from 2026-09-23): the July TSAT is not used.
    let after = status(&[], &[infusion("2026-07-01")], &labs);
    assert_ne!(
        after.advice,
        IronAdvice::StopAndSeeDoctor,
        "{:?}",
        after.reasons
    );
    assert_eq!(after.tsat, None);
    assert!(
        after
            .notes
            .iter()
            .any(|n| n.contains("TSAT 50 % on 2026-07-15 was drawn in the weeks after the IV iron")),
        "{:?}",
        after.notes
    );
    // The slope rests on settled results only: one, so no slope (not 650 -> 250).
    assert_eq!(after.trend.slope_results, 1);
    assert_eq!(after.trend.slope_per_30_days, None);
    // A TSAT drawn with the settled ferritin is used as usual.
    let mut settled = labs.to_vec();
    settled.push(lab(Analyte::Tsat, 50.0, "2026-10-01"));
    let s = status(&[], &[infusion("2026-07-01")], &settled);
    assert_eq!(s.advice, IronAdvice::StopAndSeeDoctor);
}

/// Which TSAT counts as drawn "in the weeks after" an infusion (IV iron on 2026-07-01, its
/// recheck day 2026-09-23): only one strictly between the two, and only when a settled
/// ferritin was drawn after it.
#[test]
fn a_tsat_is_settling_only_strictly_between_the_infusion_and_its_recheck_day() {
    let set_aside = |labs: &[Lab]| {
        status(&[], &[infusion("2026-07-01")], labs)
            .notes
            .iter()
            .any(|n| n.contains("was drawn in the weeks after the IV iron"))
    };
    let with_tsat_on = |on: &str| {
        set_aside(&[
            lab(Analyte::Tsat, 30.0, on),
            lab(Analyte::Ferritin, 150.0, "2026-10-01"),
        ])
    };
    assert!(!with_tsat_on("2026-07-01"), "drawn on the infusion day");
    assert!(with_tsat_on("2026-07-02"));
    assert!(with_tsat_on("2026-09-22"));
    assert!(!with_tsat_on("2026-09-23"), "drawn on the recheck day");
    // A ferritin from before the infusion is not a settled one drawn after the TSAT.
    assert!(!set_aside(&[
        lab(Analyte::Ferritin, 40.0, "2026-06-01"),
        lab(Analyte::Tsat, 30.0, "2026-07-10"),
    ]));
}

/// Oral iron on top of a high ferritin soon after IV iron (on 2026-07-01; recheck day
/// 2026-09-23): held only above 300 ng/mL and only before the recheck day; from that day the
/// ferritin is judged by the usual rules.
#[test]
fn the_ceiling_after_an_infusion_applies_above_300_and_before_the_recheck_day() {
    let r = [iron_item("2026-08-01")];
    let e = [infusion("2026-07-01")];
    let on = |f: f64, day: &str| status(&r, &e, &[lab(Analyte::Ferritin, f, day)]);
    assert_eq!(
        on(300.0, "2026-09-22").advice,
        IronAdvice::RecheckAfterInfusion
    );
    let held = on(300.5, "2026-09-22");
    assert_eq!(held.advice, IronAdvice::StopAndSeeDoctor);
    assert!(held.headline.contains("after IV iron"), "{}", held.headline);
    let settled = on(400.0, "2026-09-23");
    assert!(
        !settled.headline.contains("after IV iron"),
        "{}",
        settled.headline
    );
}

/// Oral iron started on the day of an IV infusion did not start after it: the tablets are not
/// judged on their own (the infusion's recheck judges both); started the day after, they are.
#[test]
fn oral_iron_started_on_the_infusion_day_is_not_judged_on_its_own() {
    let item = iron_item("2026-01-02");
    let e: Vec<Event> = std::iter::once(infusion("2026-01-02"))
        .chain(doses(&item, "2026-01-02", "2026-11-20"))
        .collect();
    let labs = [lab(Analyte::Ferritin, 30.0, "2026-11-01")];
    let r = [item];
    let judged = |e: &[Event]| {
        let s = status(&r, e, &labs);
        s.reasons
            .iter()
            .map(|x| &x.text)
            .chain(&s.notes)
            .any(|t| t.contains("started oral iron on 2026-01-02"))
    };
    assert!(!judged(&e));
    let mut before = e.clone();
    before[0] = infusion("2026-01-01");
    assert!(judged(&before));
}
