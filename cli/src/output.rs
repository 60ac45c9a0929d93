//! Printing: text for people, `--json` for scripts.

use quietlegs_core::word_of as name_of;
use quietlegs_core::{EventEntry, LabEntry, NightEntry, ProfileSettings};
use serde::Serialize;

/// `println!` that ignores a closed pipe (`quietlegs nights | head`) instead of panicking, and
/// escapes control characters (text from the diary or a file never reaches the terminal raw).
macro_rules! out {
    () => {
        $crate::output::line("")
    };
    ($($arg:tt)*) => {
        $crate::output::line(&format!($($arg)*))
    };
}

/// Set when printing failed for a reason other than a closed pipe (a full disk, `> /dev/full`):
/// `main` then exits non-zero, so a script never takes a failed write for success.
static WRITE_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn note_write(r: std::io::Result<()>) {
    if let Err(e) = r {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            WRITE_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Flushes standard output; whether everything printed reached it (a closed pipe counts as
/// reached: the reader chose to stop).
pub fn all_written() -> bool {
    use std::io::Write as _;
    note_write(std::io::stdout().flush());
    !WRITE_FAILED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Writes one line, escaped; a closed pipe is not an error worth a panic.
pub fn line(text: &str) {
    use std::io::Write as _;
    note_write(writeln!(std::io::stdout(), "{}", crate::term::clean(text)));
}

/// `path` as one shell word, for a command we suggest: "my diary.db" → `'my diary.db'`. A path
/// never holds a NUL, the one thing no shell word can; if one did, it is shown as it is.
pub fn shell_word(path: &str) -> String {
    shlex::try_quote(path).map_or_else(|_| path.to_owned(), |q| q.into_owned())
}

fn print_json<T: Serialize + ?Sized>(v: &T) {
    use std::io::Write as _;
    match serde_json::to_string_pretty(v) {
        Ok(s) => {
            note_write(writeln!(
                std::io::stdout(),
                "{}",
                crate::term::clean_json(&s)
            ));
        }
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
    if p.malabsorption {
        out!("malabsorption   yes (coeliac or inflammatory bowel disease)");
    }
    if let Some(d) = &p.due_date {
        out!("due date   {d}");
    }
    if p.dialysis {
        out!("dialysis   yes");
    }
    if let Some(d) = &p.birth_date {
        out!("born       {d}");
    }
    for (on, what) in [
        (p.haemochromatosis, "haemochromatosis"),
        (p.thalassaemia, "thalassaemia"),
        (p.regular_transfusions, "regular transfusions"),
    ] {
        if on {
            out!("{what}  yes");
        }
    }
    if let Some(sex) = &p.sex {
        out!("sex        {}", name_of(sex));
    }
    if let Some(r) = &p.routine {
        let chosen: Vec<&str> = [
            (r.warm_bath, "warm bath"),
            (r.warm_socks, "warm socks"),
            (r.movement, "movement"),
            (r.exercise_cutoff, "exercise cut-off"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect();
        if !chosen.is_empty() {
            out!("routine    {} (not tested in trials)", chosen.join(", "));
        }
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
        parts.push(format!("\"{}\"", crate::term::one_line(note)));
    }
    parts.join("  ")
}

pub fn night(n: &NightEntry, json: bool) {
    if json {
        return print_json(n);
    }
    if n.unchanged {
        out!(
            "unchanged  {}  (the same as logged; nothing written)",
            night_line(n)
        );
    } else {
        out!("logged  {}", night_line(n));
    }
    for w in &n.warnings {
        out!("    warning: {w}");
    }
}

pub fn nights(ns: &[NightEntry], json: bool) {
    if json {
        return print_json(ns);
    }
    if ns.is_empty() {
        out!("no nights logged yet");
    }
    for n in ns {
        out!("{}{}", night_line(n), night_mark(n));
    }
}

/// For an entry whose date holds several (devices each logged it before they synced), or that
/// the analyses do not use: which it is and its id (for `delete`).
fn night_mark(n: &NightEntry) -> String {
    match (n.entries_on_date > 1, n.in_analyses) {
        (false, true) => String::new(),
        (true, true) => format!(
            "  [logged on {} devices; this newer entry is used in charts and the report; id {}]",
            n.entries_on_date, n.info.id
        ),
        (true, false) => format!(
            "  [logged on {} devices; this entry is kept but not used in charts and the report; id {}]",
            n.entries_on_date, n.info.id
        ),
        (false, false) => format!(
            "  [kept from another device; not used in charts and the report, as the newer entry for this date was deleted; id {}]",
            n.info.id
        ),
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

/// The medicine's name for a dose (its regimen item's), the id only when the item is gone.
fn dose_name(regimen_id: &str, regimen: &[RegimenEntry]) -> String {
    regimen
        .iter()
        .find(|r| r.info.id == regimen_id)
        .map(|r| crate::term::one_line(&r.name))
        .unwrap_or_else(|| format!("a medicine no longer in the regimen ({regimen_id})"))
}

fn event_line(e: &EventEntry, regimen: &[RegimenEntry]) -> String {
    let mut line = format!("{}  {}", e.at_local, event_what(e, regimen));
    for w in &e.warnings {
        line.push_str(&format!("\n    warning: {w}"));
    }
    line
}

/// What an event is, without its time ("dose of Ferrous sulfate").
fn event_what(e: &EventEntry, regimen: &[RegimenEntry]) -> String {
    match &e.kind {
        quietlegs_core::EventKind::Intake { what } => name_of(what).replace('_', " "),
        quietlegs_core::EventKind::Dose { regimen_id } => {
            format!("dose of {}", dose_name(regimen_id, regimen))
        }
        quietlegs_core::EventKind::Activity {
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
        quietlegs_core::EventKind::IvIron { formulation } => {
            format!("IV iron infusion: {}", formulation.label())
        }
        quietlegs_core::EventKind::WeeklyIrls { week_ending, items } => format!(
            "weekly IRLS for the week ending {week_ending}: {}",
            items.iter().map(|i| u32::from(*i)).sum::<u32>()
        ),
    }
}

pub fn event(e: &EventEntry, regimen: &[RegimenEntry], json: bool) {
    if json {
        return print_json(e);
    }
    out!("logged  {}", event_line(e, regimen));
}

pub fn events(es: &[EventEntry], regimen: &[RegimenEntry], json: bool) {
    if json {
        return print_json(es);
    }
    if es.is_empty() {
        out!("nothing logged that day");
    }
    for e in es {
        out!("{}", event_line(e, regimen));
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

/// A lab value with its decimal when it has one: rounding 19.9 % to "20 %" would put it across
/// the 20 % threshold the status sentence compares it with.
fn lab_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
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
        (IronStatus::Held, _, _) => format!("iron held\n    why: {}", i.explanation),
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
    // A prescribed medicine never waits: the iron moves (the message says when).
    let tag = match (c.conflict, &c.iron_ok) {
        // Fine for iron is not fine for RLS: never a bare "ok" then (SPEC §2.3, §2.4).
        (false, _) if c.rls_warning.is_some() => "iron timing ok:",
        (false, _) => "ok:",
        (true, Some(_)) => "MOVE IRON:",
        (true, None) if c.earliest_ok.is_none() => "NOTE:",
        (true, None) => "WAIT:",
    };
    out!("{tag} {}", c.message);
    if let Some(w) = &c.rls_warning {
        out!("RLS: {w}");
    }
}

pub fn reminders(rs: &[ReminderOccurrence], json: bool) {
    if json {
        return print_json(rs);
    }
    if rs.is_empty() {
        out!("no reminders in that range");
    }
    // Titles padded to the longest one, so the ids line up for copying into `reminder done`.
    let width = rs
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(0);
    for r in rs {
        out!("{}  {:<width$}  {}", day_hhmm(&r.fire_at), r.title, r.id);
    }
}

pub fn acted(r: &ActResult, regimen: &[RegimenEntry], json: bool) {
    if json {
        return print_json(r);
    }
    match (&r.event, &r.snoozed_until) {
        // Done before (here or on a synced device): the first time stands, in the core's words.
        // The core's note names the first time already: the event is named without it.
        (Some(e), _) if r.already_done => out!(
            "{}  ({})",
            r.note.as_deref().unwrap_or("already done"),
            event_what(e, regimen)
        ),
        (None, _) if r.already_done => out!("{}", r.note.as_deref().unwrap_or("already done")),
        (Some(e), _) => out!("recorded  {}", event_line(e, regimen)),
        (None, Some(t)) => out!("snoozed until {}", hhmm(t)),
        _ => out!("noted"),
    }
}

pub fn regimen(rs: &[RegimenEntry], json: bool) {
    if json {
        return print_json(rs);
    }
    for r in rs {
        // The schedule line is the API's (`RegimenEntry::schedule`), the same the phones show.
        // A start the person could not give is said so, not shown as the day they started.
        let from = match r.start_source {
            quietlegs_core::StartSource::Unknown => {
                format!("start unknown; scheduled from {}", r.start_date)
            }
            quietlegs_core::StartSource::Given | quietlegs_core::StartSource::Defaulted => {
                format!("from {}", r.start_date)
            }
        };
        out!(
            "{}  {}  ({from})  {}",
            crate::term::one_line(&r.name),
            r.schedule,
            r.info.id
        );
        for s in &r.same_medicine {
            out!("    warning: {}", s.message);
        }
        for w in &r.warnings {
            out!("    warning: {w}");
        }
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

use quietlegs_core::ScreenResult;
use quietlegs_core::{MedicineInfo, StatusReport};

/// How many of the latest weekly IRLS ratings the status lists under the trend line.
const WEEKLY_RATINGS_SHOWN: usize = 6;

pub fn status(s: &StatusReport, json: bool) {
    if json {
        return print_json(s);
    }
    let i = &s.iron;
    out!("QuietLegs status for {}", s.date);
    out!();
    out!("IRON  {}", i.headline);
    let f = i
        .ferritin
        .as_ref()
        .map(|p| format!("{} ng/mL ({})", lab_number(p.value), p.date))
        .unwrap_or_else(|| "not on file".into());
    let t = i
        .tsat
        .as_ref()
        .map(|p| format!("{} % ({})", lab_number(p.value), p.date))
        .unwrap_or_else(|| "not on file".into());
    let hb = i
        .haemoglobin
        .as_ref()
        .map(|p| format!("; haemoglobin {:.1} g/dL ({})", p.value, p.date))
        .unwrap_or_default();
    out!(
        "      ferritin {f}; TSAT {t}{hb}{}",
        if i.supplementing { "; taking iron" } else { "" }
    );
    // The adult thresholds mean nothing to a group the app gives no iron advice to (SPEC §2.1).
    if i.advice != quietlegs_core::IronAdvice::AskDoctorFirst {
        out!("      thresholds: {}", i.thresholds);
    }
    for r in &i.reasons {
        out!("      because {}  [{}]", r.text, r.citation);
    }
    if let Some(slope) = i.slope_per_30_days {
        // A slope, never a date it "would pass" a threshold by (SPEC §2.1 gives no projection).
        let since = i
            .slope_since
            .as_ref()
            .map(|d| format!(" since the IV iron on {d}"))
            .unwrap_or_default();
        out!(
            "      trend {slope:+.1} ng/mL per 30 days over {} results{since}",
            i.slope_results
        );
    }
    for n in &i.notes {
        out!("      note: {n}");
    }
    if let Some(d) = &i.recheck_due {
        out!("      next ferritin and TSAT: around {d}");
    }
    // Said once: a note beside TSAT >= 45 % (or a missing ferritin) already carries it.
    if !i.notes.iter().any(|n| n.contains(&i.draw_preparation)) {
        out!("      blood draw: {}", i.draw_preparation);
    }
    out!();
    if s.flags.is_empty() {
        out!("DOCTOR  no flags");
    } else {
        out!("DOCTOR  discuss with your doctor:");
        for fl in &s.flags {
            out!("      * {}", fl.title);
            out!("        {}  [{}]", fl.facts, fl.citation);
        }
    }
    if s.augmentation.applicable {
        out!();
        out!(
            "AUGMENTATION ({})  {}",
            s.augmentation.drugs.join(", "),
            s.augmentation.message
        );
    }
    if let Some(w) = &s.weekly_irls {
        // The weekly IRLS has its own trend, apart from the nightly quick rating (SPEC §2.7):
        // the core's sentence, then the latest ratings in the core's words.
        out!();
        // The core's sentence starts with "Weekly IRLS": the heading stands on its own line.
        out!("WEEKLY IRLS");
        out!("      {}", w.trend_line);
        if w.due && !w.ratings.is_empty() {
            out!("      this week's rating is due: {}", w.prompt);
        }
        let shown = w.ratings.len().saturating_sub(WEEKLY_RATINGS_SHOWN);
        if w.ratings.len() > 1 {
            for r in w.ratings.iter().skip(shown) {
                out!("      {}", r.label);
            }
        }
        // Ratings from another device that overlap one above: listed, never hidden, in the
        // core's words (the phones show the same lines).
        for line in &w.set_aside_lines {
            out!("    {line}");
        }
    }
    out!();
    out!("NIGHTLY TREND");
    for tr in &s.trends {
        let scale = match tr.scale {
            quietlegs_core::SeverityScale::Quick => "quick rating (0-10)",
            quietlegs_core::SeverityScale::Irls => "IRLS logged with nights, older entries (0-40)",
        };
        let m = |v: Option<f64>, n: u32| {
            let nights = if n == 1 { "night" } else { "nights" };
            v.map(|x| format!("{x:.1} over {n} {nights}"))
                .unwrap_or_else(|| "no nights".into())
        };
        let direction = match tr.direction {
            quietlegs_core::Direction::Better => "better",
            quietlegs_core::Direction::Worse => "worse",
            quietlegs_core::Direction::Steady => "steady",
            quietlegs_core::Direction::Unknown => "too few nights to compare",
        };
        out!(
            "      {scale}: this week {}, last week {}: {direction}",
            m(tr.this_week_mean, tr.this_week_nights),
            m(tr.last_week_mean, tr.last_week_nights),
        );
    }
    if s.trends.is_empty() {
        out!("      no nights rated in the last two weeks");
    }
    if !s.triggers.is_empty() {
        out!();
        out!("TRIGGERS (mean severity with / without)");
        for c in &s.triggers {
            out!(
                "      {:<14} {:.1} ({} nights) vs {:.1} ({} nights)",
                name_of(&c.trigger).replace('_', " "),
                c.with_mean,
                c.with_nights,
                c.without_mean,
                c.without_nights
            );
        }
    }
    if !s.adherence.is_empty() {
        out!();
        out!("ADHERENCE (doses logged / expected)");
        for a in &s.adherence {
            out!(
                "      {:<24} 7 days {}/{}   30 days {}/{}",
                crate::term::one_line(&a.name),
                a.taken_7,
                a.expected_7,
                a.taken_30,
                a.expected_30
            );
        }
    }
}

pub fn augmentation_answers(a: Option<&quietlegs_core::AugmentationAnswers>, json: bool) {
    if json {
        return print_json(&a);
    }
    let Some(a) = a else {
        out!("no augmentation answers saved (see `quietlegs med augmentation --help`)");
        return;
    };
    let or = |v: Option<String>| v.unwrap_or_else(|| "not answered".to_owned());
    out!(
        "augmentation questionnaire (answered {})",
        or(a.answered_on.clone())
    );
    out!(
        "    usual onset before the drug: {}",
        or(a.usual_onset.clone())
    );
    out!(
        "    severity when it first worked: {}",
        or(a.severity_when_it_worked.map(|s| format!("{s}/10")))
    );
    out!(
        "    arms or trunk before the drug: {}",
        or(a.spread_beyond_legs_before
            .map(|b| if b { "yes" } else { "no" }.to_owned()))
    );
    out!(
        "    relief from one dose: {} at first, {} now",
        or(a.relief_hours_at_start.map(|h| format!("{h} h"))),
        or(a.relief_hours_now.map(|h| format!("{h} h")))
    );
    out!(
        "    dose increases: {}",
        or(a.dose_increases.map(|n| n.to_string()))
    );
}

/// What the catalog says about a medicine just added, beyond the worsening warnings the entry
/// already carries: its iron timing, a no-fix flag, its AASM 2025 stance as a treatment.
/// The label's notes on a newly added medicine's doses (from the core's plan).
pub fn dose_notes(items: &[quietlegs_core::PlanItemView]) {
    for i in items {
        out!("    timing note: {}", i.why);
    }
}

/// `ask_questionnaire`: the core found the diary lacks the nights before a dopaminergic drug
/// (`asks_augmentation_questionnaire`), so the questionnaire hint is shown. `said`: the entry's
/// warnings, already printed; a sentence of the advice that is one of them is not said twice
/// (magnesium with severe kidney disease).
pub fn regimen_notes(ms: &[MedicineInfo], ask_questionnaire: bool, said: &[String]) {
    for m in ms
        .iter()
        // Worsening and unknown effects are already the entry's warnings.
        .filter(|m| {
            !matches!(
                m.effect,
                quietlegs_core::MedicineEffect::WorsensRls
                    | quietlegs_core::MedicineEffect::NotKnown
            )
        })
    {
        let advice = said
            .iter()
            .fold(m.advice.clone(), |a, w| a.replace(w.as_str(), ""));
        out!("    {}: {}", m.described, advice.trim_end());
        if let Some(stance) = &m.aasm_stance_label {
            out!("    as an RLS treatment: {stance}");
        }
        if ask_questionnaire
            && matches!(
                m.class,
                quietlegs_core::DrugClass::DopamineAgonist
                    | quietlegs_core::DrugClass::ErgotDopamineAgonist
                    | quietlegs_core::DrugClass::UngradedDopamineAgonist
                    | quietlegs_core::DrugClass::Levodopa
            )
        {
            out!("    no diary from before you started it? Answer the short augmentation questionnaire: quietlegs med augmentation --help");
        }
        if let Some(alt) = &m.alternative {
            out!("    alternative to ask about: {alt}");
        }
    }
}

pub fn medicines(query: &str, ms: &[MedicineInfo], json: bool) {
    if json {
        return print_json(ms);
    }
    if ms.is_empty() {
        out!("{query}: not in the catalog. That does not mean it is safe for RLS: ask your pharmacist.");
    }
    for m in ms {
        let typo = if matches!(m.match_kind, quietlegs_core::MatchKind::Typo) {
            format!(" (did you mean {}?)", m.matched)
        } else {
            String::new()
        };
        // "lithium (a mood stabiliser): may worsen RLS": the name once, the class with its
        // article, the effect as a sentence says it.
        // The heading follows the AASM 2025 stance for a treatment (the core's words).
        out!("{}: {}{typo}", m.described, m.effect_heading);
        out!("    {}", m.advice);
        let of = match m.effect {
            quietlegs_core::MedicineEffect::RlsTreatment => "that it relieves RLS",
            quietlegs_core::MedicineEffect::IronTiming => "for the iron rule",
            _ => "of an effect on RLS",
        };
        out!("    evidence {of}: {}", m.evidence_line);
        if let Some(stance) = &m.aasm_stance_label {
            out!("    as an RLS treatment: {stance}");
        }
        if let Some(alt) = &m.alternative {
            out!("    alternative to ask about: {alt}");
        }
        if m.no_timing_fix {
            out!("    iron: no timing fix known; discuss with your doctor");
        }
    }
}

pub fn screen(r: &ScreenResult, json: bool) {
    if json {
        return print_json(r);
    }
    out!("{}", r.message);
}

pub fn evidence(json: bool) {
    let all = quietlegs_core::evidence_table();
    if json {
        return print_json(all);
    }
    for e in all {
        out!(
            "{:<40} {:>8} {:<16} {}  [{}]",
            e.key,
            e.value,
            e.unit,
            e.rule,
            e.source.citation()
        );
        if !e.reference.is_empty() {
            out!("{:<40} ref: {}; reviewed {}", "", e.reference, e.reviewed);
        }
    }
    // Effects on RLS that no guideline grades carry no number, so they are not rows; what was
    // read for each is printed after the table.
    let (note, classes) = quietlegs_core::effect_references();
    out!("");
    out!("{note}");
    for (class, reference) in classes {
        out!("{:<40} ref: {}", class, reference);
    }
}

use quietlegs_core::ExportSummary;
use quietlegs_core::MergeReport;

pub fn exported(s: &ExportSummary, json: bool) {
    if json {
        return print_json(s);
    }
    let enc = if s.encrypted { ", encrypted" } else { "" };
    out!(
        "wrote {} ({} records, {} bytes{enc})",
        s.path,
        s.records,
        s.bytes
    );
}

/// The doctor's report: its count is the nights in the report's window, not diary records.
pub fn exported_report(s: &ExportSummary, json: bool) {
    if json {
        return print_json(s);
    }
    let nights = if s.records == 1 { "night" } else { "nights" };
    out!(
        "wrote {} (report for the doctor: {} {nights} in its window, {} bytes)",
        s.path,
        s.records,
        s.bytes
    );
}

pub fn exported_files(paths: &[String], json: bool) {
    if json {
        return print_json(paths);
    }
    for p in paths {
        out!("wrote {p}");
    }
}

pub fn imported(r: &MergeReport, json: bool) {
    if json {
        return print_json(r);
    }
    out!(
        "imported: {} added, {} updated, {} unchanged, {} skipped (ours is newer, or the same age and wins the tie)",
        r.added,
        r.updated,
        r.unchanged,
        r.skipped
    );
    if let Some((first, rest)) = r.nights_logged_twice.split_first() {
        let also = if rest.is_empty() {
            String::new()
        } else {
            format!("; also {}", rest.join(", "))
        };
        out!(
            "nights logged on two devices for the same date: {} (both kept; see `nights --date {first}`{also})",
            r.nights_logged_twice.len(),
        );
    }
}

pub fn rescued(r: &quietlegs_core::RescueSummary, json: bool) {
    if json {
        return print_json(r);
    }
    out!(
        "rescued into {}: {} rows copied, {} unreadable row positions",
        r.path,
        r.copied,
        r.unreadable
    );
    out!(
        "open it with: quietlegs --db {} nights",
        shell_word(&r.path)
    );
}
