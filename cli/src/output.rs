//! Printing: text for people, `--json` for scripts.

use quietlegs_core::model::enums::name_of;
use quietlegs_core::{EventEntry, LabEntry, NightEntry, ProfileSettings};
use serde::Serialize;

/// `println!` that ignores a closed pipe (`quietlegs reminders | head`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

fn print_json<T: Serialize + ?Sized>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => out!("{s}"),
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
        out!("{msg}");
    }
}

pub fn profile(p: &ProfileSettings, json: bool) {
    if json {
        return print_json(p);
    }
    out!("time zone  {}", p.time_zone);
    out!("bedtime    {}", p.bedtime);
    out!("wake time  {}", p.wake_time);
    let meal = |m: &Option<String>| m.clone().unwrap_or_else(|| "-".into());
    out!(
        "meals      breakfast {}, lunch {}, dinner {}",
        meal(&p.breakfast),
        meal(&p.lunch),
        meal(&p.dinner)
    );
    if p.pregnant {
        out!("pregnant   yes");
    }
    if p.kidney_disease {
        out!("kidney disease  yes");
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
    out!("logged  {}", night_line(n));
}

pub fn nights(ns: &[NightEntry], json: bool) {
    if json {
        return print_json(ns);
    }
    if ns.is_empty() {
        out!("no nights logged yet");
    }
    for n in ns {
        out!("{}", night_line(n));
    }
}

pub fn labs(ls: &[LabEntry], json: bool) {
    if json {
        return print_json(ls);
    }
    if ls.is_empty() {
        out!("no lab results yet");
    }
    for l in ls {
        let entered = if l.entered_unit != l.unit {
            format!("  (entered {} {})", l.entered_value, l.entered_unit)
        } else {
            String::new()
        };
        out!(
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
    out!("logged  {}", event_line(e));
}

pub fn events(es: &[EventEntry], json: bool) {
    if json {
        return print_json(es);
    }
    if es.is_empty() {
        out!("nothing logged that day");
    }
    for e in es {
        out!("{}", event_line(e));
    }
}

use quietlegs_core::{
    ActResult, DayPlanView, HabitEntry, IntakeCheckView, IronStatus, IronWindowView, RegimenEntry,
    ReminderOccurrence, TimePoint,
};

/// `11:10` from a local RFC 3339 time.
fn hhmm(t: &TimePoint) -> &str {
    t.local.get(11..16).unwrap_or(&t.local)
}

/// `Sat 21 Nov 11:10` from a local RFC 3339 time.
fn day_hhmm(t: &TimePoint) -> String {
    chrono::DateTime::parse_from_rfc3339(&t.local)
        .map(|d| d.format("%a %d %b %H:%M").to_string())
        .unwrap_or_else(|_| t.local.clone())
}

fn iron_text(i: &IronWindowView) -> String {
    let vc = if i.with_vitamin_c {
        " with vitamin C"
    } else {
        ""
    };
    match (i.status, &i.start, &i.end) {
        (IronStatus::Window, Some(s), Some(e)) => {
            format!(
                "take iron{vc} between {} and {}\n    why: {}",
                hhmm(s),
                hhmm(e),
                i.explanation
            )
        }
        (IronStatus::AlreadyTaken, Some(s), _) => format!("iron taken at {}", hhmm(s)),
        (IronStatus::NoWindow, _, _) => format!("NO iron window today: {}", i.explanation),
        _ => i.explanation.clone(),
    }
}

pub fn iron(i: &IronWindowView, json: bool) {
    if json {
        return print_json(i);
    }
    out!("{}  {}", i.date, iron_text(i));
    for f in &i.flags {
        out!("    discuss: {f}");
    }
}

pub fn plan(p: &DayPlanView, json: bool) {
    if json {
        return print_json(p);
    }
    out!(
        "Plan for {} ({}): up {}, bed {}",
        p.date,
        p.time_zone,
        hhmm(&p.wake),
        day_hhmm(&p.bed)
    );
    out!("  iron: {}", iron_text(&p.iron));
    for f in &p.iron.flags {
        out!("  discuss: {f}");
    }
    out!();
    for i in &p.items {
        let when = match &i.end {
            Some(e) => format!("{}-{}", hhmm(&i.start), hhmm(e)),
            None => format!("{}      ", hhmm(&i.start)),
        };
        out!("  {when}  {}", i.title);
        out!("               {}  [{}]", i.why, i.citation);
    }
}

pub fn check(c: &IntakeCheckView, json: bool) {
    if json {
        return print_json(c);
    }
    out!("{} {}", if c.conflict { "WAIT:" } else { "ok:" }, c.message);
}

pub fn reminders(rs: &[ReminderOccurrence], json: bool) {
    if json {
        return print_json(rs);
    }
    if rs.is_empty() {
        out!("no reminders in that range");
    }
    for r in rs {
        out!("{}  {:<40} {}", day_hhmm(&r.fire_at), r.title, r.id);
    }
}

pub fn acted(r: &ActResult, json: bool) {
    if json {
        return print_json(r);
    }
    match (&r.event, &r.snoozed_until) {
        (Some(e), _) => out!("recorded  {}", event_line(e)),
        (None, Some(t)) => out!("snoozed until {}", hhmm(t)),
        _ => out!("noted"),
    }
}

pub fn regimen(rs: &[RegimenEntry], json: bool) {
    if json {
        return print_json(rs);
    }
    for r in rs {
        let every = if r.every_n_days == 1 {
            "daily".to_owned()
        } else {
            format!("every {} days", r.every_n_days)
        };
        let at = if r.times.is_empty() {
            "time planned for you".to_owned()
        } else {
            r.times.join(", ")
        };
        let mg = r.dose_mg.map(|m| format!(" {m} mg")).unwrap_or_default();
        let vc = if r.with_vitamin_c {
            ", with vitamin C"
        } else {
            ""
        };
        out!(
            "{}{mg}  {every}, {at}{vc}  (from {})  {}",
            r.name,
            r.start_date,
            r.info.id
        );
    }
}

pub fn habits(hs: &[HabitEntry], json: bool) {
    if json {
        return print_json(hs);
    }
    for h in hs {
        out!("{}  {}", h.at, name_of(&h.intake).replace('_', " "));
    }
}
