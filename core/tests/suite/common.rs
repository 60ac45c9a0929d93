//! Diary records for the rules' tests, built as the store would hand them over: one fixed
//! record stamp, dates as `YYYY-MM-DD`, "today" 2026-11-21.
#![allow(clippy::unwrap_used, dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use quietlegs_core::model::{
    Analyte, Event, EventKind, IvIronFormulation, Lab, LabValue, Profile, RecordMeta, RegimenItem,
    RegimenKind,
};
use quietlegs_core::rules::Diary;

/// The one record stamp every test record carries.
pub fn meta() -> RecordMeta {
    RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), "t")
}

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The day the rules are asked about.
pub fn today() -> NaiveDate {
    d("2026-11-21")
}

/// A lab result in the analyte's canonical unit, drawn on `on`.
pub fn lab(a: Analyte, v: f64, on: &str) -> Lab {
    Lab {
        meta: meta(),
        analyte: a,
        value: LabValue::from_entry(a, v, a.canonical_unit()).unwrap(),
        taken_on: d(on),
    }
}

/// A daily regimen item of `kind` named `name` from `start`, with no dose and no set times.
pub fn regimen_item(kind: RegimenKind, name: &str, start: &str) -> RegimenItem {
    RegimenItem {
        meta: meta(),
        kind,
        name: name.into(),
        dose_mg: None,
        times: vec![],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: d(start),
        stop_date: None,
        start_source: quietlegs_core::model::StartSource::Given,
    }
}

/// Daily oral iron from `start`, in the planned window.
pub fn iron_item(start: &str) -> RegimenItem {
    regimen_item(RegimenKind::Iron, "Iron", start)
}

/// An IV ferric carboxymaltose infusion at 09:00 UTC on `on`.
pub fn infusion(on: &str) -> Event {
    let day = d(on);
    Event {
        meta: meta(),
        at: Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()),
        kind: EventKind::IvIron {
            formulation: IvIronFormulation::FerricCarboxymaltose,
        },
        note: None,
        warnings: vec![],
    }
}

/// The rules' view of a diary with no habits.
pub fn diary<'a>(p: &'a Profile, r: &'a [RegimenItem], e: &'a [Event], l: &'a [Lab]) -> Diary<'a> {
    Diary {
        profile: p,
        regimen: r,
        habits: &[],
        events: e,
        labs: l,
    }
}

/// A logged dose of `item` at 09:00 UTC on every day from `from` to `to`, inclusive (SPEC
/// §2.1: only logged oral iron counts for the oral-iron verdict).
pub fn doses(item: &RegimenItem, from: &str, to: &str) -> Vec<Event> {
    d(from)
        .iter_days()
        .take_while(|day| *day <= d(to))
        .map(|day| Event {
            meta: meta(),
            at: Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()),
            kind: EventKind::Dose {
                regimen_id: item.meta.id.to_string(),
            },
            note: None,
            warnings: vec![],
        })
        .collect()
}

/// A medicine for `add_regimen`, daily at 21:00: started on `start` (`YYYY-MM-DD`), or not
/// asked (`None`), or not known (`unknown`).
pub fn medicine_input(
    name: &str,
    start: Option<&str>,
    unknown: bool,
) -> quietlegs_core::RegimenInput {
    quietlegs_core::RegimenInput {
        kind: quietlegs_core::model::RegimenKind::Medication,
        name: name.into(),
        dose_mg: None,
        times: vec!["21:00".into()],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: start.map(Into::into),
        stop_date: None,
        start_date_unknown: unknown,
    }
}

/// A weekly IRLS rating of the ten `items` for the week ending 2026-11-21, rated that morning.
pub fn weekly_irls(items: [u8; 10]) -> Event {
    Event {
        meta: meta(),
        at: Utc.with_ymd_and_hms(2026, 11, 21, 8, 0, 0).unwrap(),
        kind: EventKind::WeeklyIrls {
            week_ending: "2026-11-21".into(),
            items: items.to_vec(),
        },
        note: None,
        warnings: vec![],
    }
}

/// Ten IRLS items adding up to `total` (0-40), filled 4 at a time from the first.
pub fn irls_items(total: u8) -> [u8; 10] {
    let mut items = [0u8; 10];
    let mut left = total;
    for x in items.iter_mut() {
        *x = left.min(4);
        left -= *x;
    }
    items
}
