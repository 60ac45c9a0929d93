//! Printing: text for people, `--json` for scripts.

use quietlegs_core::model::enums::name_of;
use quietlegs_core::{EventEntry, LabEntry, NightEntry, ProfileSettings};
use serde::Serialize;

fn print_json<T: Serialize + ?Sized>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("quietlegs: could not print JSON: {e}"),
    }
}

fn words<T: Serialize>(xs: &[T]) -> String {
    xs.iter()
        .map(|x| name_of(x).replace('_', " "))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn done(msg: &str, json: bool) {
    if json {
        print_json(&serde_json::json!({ "ok": true, "message": msg }));
    } else {
        println!("{msg}");
    }
}

pub fn profile(p: &ProfileSettings, json: bool) {
    if json {
        return print_json(p);
    }
    println!("time zone  {}", p.time_zone);
    println!("bedtime    {}", p.bedtime);
    println!("wake time  {}", p.wake_time);
    let meal = |m: &Option<String>| m.clone().unwrap_or_else(|| "-".into());
    println!(
        "meals      breakfast {}, lunch {}, dinner {}",
        meal(&p.breakfast),
        meal(&p.lunch),
        meal(&p.dinner)
    );
    if p.pregnant {
        println!("pregnant   yes");
    }
    if p.kidney_disease {
        println!("kidney disease  yes");
    }
}

fn night_line(n: &NightEntry) -> String {
    let mut parts = vec![n.night_date.clone()];
    if let Some(s) = n.quick_severity {
        parts.push(format!("severity {s}/10"));
    }
    if let (Some(t), Some(b)) = (n.irls_total, n.irls_band) {
        parts.push(format!("IRLS {t}/40 ({})", name_of(&b).replace('_', " ")));
    }
    if let Some(o) = &n.onset {
        parts.push(format!("onset {o}"));
    }
    if !n.body_areas.is_empty() {
        parts.push(words(&n.body_areas));
    }
    if let Some(h) = n.sleep_hours {
        parts.push(format!("slept {h} h"));
    }
    if !n.triggers.is_empty() {
        parts.push(format!("triggers: {}", words(&n.triggers)));
    }
    if let Some(note) = &n.notes {
        parts.push(format!("\"{note}\""));
    }
    parts.join("  ")
}

pub fn night(n: &NightEntry, json: bool) {
    if json {
        return print_json(n);
    }
    println!("logged  {}", night_line(n));
}

pub fn nights(ns: &[NightEntry], json: bool) {
    if json {
        return print_json(ns);
    }
    if ns.is_empty() {
        println!("no nights logged yet");
    }
    for n in ns {
        println!("{}", night_line(n));
    }
}

pub fn labs(ls: &[LabEntry], json: bool) {
    if json {
        return print_json(ls);
    }
    if ls.is_empty() {
        println!("no lab results yet");
    }
    for l in ls {
        let entered = if l.entered_unit != l.unit {
            format!("  (entered {} {})", l.entered_value, l.entered_unit)
        } else {
            String::new()
        };
        println!(
            "{}  {:<12} {:>7.1} {}{}",
            l.taken_on,
            name_of(&l.analyte),
            l.value,
            l.unit,
            entered
        );
    }
}

fn event_line(e: &EventEntry) -> String {
    let what = match &e.kind {
        quietlegs_core::model::EventKind::Intake { what } => name_of(what).replace('_', " "),
        quietlegs_core::model::EventKind::Dose { regimen_id } => format!("dose of {regimen_id}"),
        quietlegs_core::model::EventKind::Activity {
            what,
            intensity,
            minutes,
        } => {
            let mut s = name_of(what).replace('_', " ");
            if let Some(i) = intensity {
                s = format!("{} {s}", name_of(i));
            }
            if let Some(m) = minutes {
                s.push_str(&format!(" {m} min"));
            }
            s
        }
    };
    let mut line = format!("{}  {what}", e.at_local);
    for w in &e.warnings {
        line.push_str(&format!("\n    warning: {w}"));
    }
    line
}

pub fn event(e: &EventEntry, json: bool) {
    if json {
        return print_json(e);
    }
    println!("logged  {}", event_line(e));
}

pub fn events(es: &[EventEntry], json: bool) {
    if json {
        return print_json(es);
    }
    if es.is_empty() {
        println!("nothing logged that day");
    }
    for e in es {
        println!("{}", event_line(e));
    }
}
