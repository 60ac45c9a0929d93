//! Logged doses (issue #15, SPEC §2.2): a dose the person logged is a fact. It counts for the
//! waking day on its side of the night ([`super::day::WakingDay::owning`]: 05:30 before a 06:30 wake is
//! that morning's, 00:30 after a 23:00 bedtime the evening's), whatever the regimen item's start
//! or stop date, and every one of them is protected, however many a day. What a newly logged
//! event is warned of: its own clashes, the clashes it gives the events logged around it (the
//! same words either logging order gives), and plain notes on a dose outside its item's dates
//! or a second iron dose the same day. No note gives dosing advice.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::check::{check_named, IntakeCheck};
use super::interactions::planned_around;
use super::regimen::{dose_date, iron_doses, item_of};
use super::substance::Substance;
use super::Diary;
use crate::model::{Event, EventKind, RegimenItem, RegimenKind};

/// The item as one word of a command the person can paste into a POSIX shell: its name quoted
/// by the `shlex` crate ("Vitamin D 1000" → `'Vitamin D 1000'`), or for a name no shell argument
/// can hold (a NUL) its id, which `regimen start` and `regimen stop` also take.
fn shell_word(item: &RegimenItem) -> String {
    shlex::try_quote(&item.name).map_or_else(|_| item.meta.id.to_string(), |q| q.into_owned())
}

/// "two", "three"… for a note; digits from ten on.
fn count_words(n: usize) -> String {
    const WORDS: [&str; 9] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    n.checked_sub(1)
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The neutral note for a day with more than one iron dose logged: "two iron doses logged
/// today" (`today`: the waking day of now), else "… logged on 2026-11-26". No advice: how many
/// doses a day is the prescriber's call.
pub fn iron_doses_note(n: usize, date: NaiveDate, today: NaiveDate) -> String {
    let when = if date == today {
        "today".to_owned()
    } else {
        format!("on {date}")
    };
    format!("{} {when}", iron_doses_logged(n))
}

/// "two iron doses logged".
pub fn iron_doses_logged(n: usize) -> String {
    format!("{} iron doses logged", count_words(n))
}

/// Notes on a dose `event` about to be logged (not yet in `diary`): before its item's start
/// date (with how to set it: back-filling is common) or after its stop date (kept: the
/// person may have taken it again), and a second (third…) iron dose the same waking day.
/// `now` says which day is today.
pub fn dose_notes(diary: &Diary<'_>, event: &Event, now: DateTime<Utc>) -> Vec<String> {
    let Some(item) = item_of(diary, &event.kind) else {
        return Vec::new();
    };
    let date = dose_date(diary.profile, event.at);
    // What keeping it means: a dose that iron timing cares about is also checked against.
    let kept = if item.kind == RegimenKind::Iron || planned_around(item).is_some() {
        "QuietLegs keeps it and checks intakes around it like any other dose"
    } else {
        "QuietLegs keeps it"
    };
    let mut out = Vec::new();
    if date < item.start_date {
        out.push(format!(
            "this dose counts for {date}, before the start date of {} ({}); {kept}. If you began {} earlier, set its start date to the day you began (quietlegs regimen start {} YYYY-MM-DD)",
            item.name, item.start_date, item.name, shell_word(item)
        ));
    }
    if let Some(stop) = item.stop_date.filter(|s| date > *s) {
        out.push(format!(
            "this dose counts for {date}, after the stop date recorded for {} ({stop}); {kept}. If that stop date is no longer right, change it (quietlegs regimen stop {} YYYY-MM-DD, or none)",
            item.name, shell_word(item)
        ));
    }
    if item.kind == RegimenKind::Iron {
        let n = iron_doses(diary, date).len() + 1;
        if n > 1 {
            out.push(iron_doses_note(n, date, dose_date(diary.profile, now)));
        }
    }
    out
}

/// What a logged event is for iron timing, and its name in a warning: a dose as the person
/// entered it ("your Cipro"), an intake by its noun; `None` for iron itself and for what does
/// not affect iron.
pub fn logged_substance(diary: &Diary<'_>, kind: &EventKind) -> Option<(Substance, String)> {
    match kind {
        EventKind::Intake { what } => Substance::of_intake(*what).map(|s| (s, s.noun().to_owned())),
        EventKind::Dose { .. } => item_of(diary, kind)
            .and_then(|r| super::interactions::substance_of(r).map(|s| (s, r.name.clone()))),
        EventKind::Activity { .. } | EventKind::IvIron { .. } | EventKind::WeeklyIrls { .. } => {
            None
        }
    }
}

/// The warnings a logged event at `at` keeps from its own check (`diary` as it stands): a
/// conflict with an iron dose already taken (a dose only planned simply moves; the plan
/// re-computes around the intake), and clashes with the person's other medicines, which keep
/// their times.
fn own_warnings(diary: &Diary<'_>, kind: &EventKind, at: DateTime<Utc>) -> Vec<String> {
    match logged_substance(diary, kind).map(|(s, name)| check_named(diary, s, &name, at)) {
        Some(IntakeCheck::Conflict {
            iron_taken: true,
            message,
            ..
        }) => vec![message],
        Some(IntakeCheck::Conflict { medicines, .. }) => medicines,
        _ => Vec::new(),
    }
}

/// How far from a new event a logged one can clash with it: the longest gap in the evidence
/// table is 8 h (moxifloxacin after iron), and a label without an interval clashes on the same
/// waking day; a day and a half either side covers both.
const NEIGHBOURS: i64 = 36;

/// The warnings to keep with `event`, about to be logged into `diary` (which does not hold it
/// yet): its own check's, then each warning an event already logged around it gets only
/// because of it, word for word as that event would have been warned had it been logged after
/// `event` (fresh review of #15: coffee logged after iron warned, iron after coffee did not;
/// milk then levothyroxine did not). So the clash is symmetric for every intake and every dose,
/// iron or another medicine. Then the dose's notes ([`dose_notes`]).
pub fn warnings(diary: &Diary<'_>, event: &Event, now: DateTime<Utc>) -> Vec<String> {
    let mut out = own_warnings(diary, &event.kind, event.at);
    let near = Duration::hours(NEIGHBOURS);
    let neighbours: Vec<&Event> = diary
        .events
        .iter()
        .filter(|e| (e.at - event.at).abs() <= near && e.meta.id != event.meta.id)
        .filter(|e| logged_substance(diary, &e.kind).is_some())
        .collect();
    for e in neighbours {
        // The diary as it stood when `e` would be logged after `event`: without `e`, with
        // `event`; and the same without `event`, to keep only what `event` brings.
        let mut others: Vec<Event> = diary
            .events
            .iter()
            .filter(|x| x.meta.id != e.meta.id)
            .cloned()
            .collect();
        let before = own_warnings(
            &Diary {
                events: &others,
                ..*diary
            },
            &e.kind,
            e.at,
        );
        others.push(event.clone());
        crate::model::sort_by_time(&mut others);
        let after = Diary {
            events: &others,
            ..*diary
        };
        for w in own_warnings(&after, &e.kind, e.at) {
            if !before.contains(&w) && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out.extend(dose_notes(diary, event, now));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use chrono::{NaiveTime, TimeZone};

    use super::*;
    use crate::model::{IntakeKind, Profile, RecordMeta, RegimenItem, StartSource};
    use crate::rules::iron::{iron_plan, IronDay};

    fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
    }

    /// Iron every other day from 2026-11-20 (UTC, wake 07:00, bed 23:00, no meals).
    fn iron() -> RegimenItem {
        RegimenItem {
            meta: RecordMeta::new(utc(1, 0, 0), "t"),
            kind: RegimenKind::Iron,
            name: "Iron".into(),
            dose_mg: Some(65.0),
            times: vec![],
            every_n_days: 2,
            with_vitamin_c: false,
            start_date: "2026-11-20".parse().unwrap(),
            stop_date: None,
            start_source: StartSource::Given,
        }
    }

    fn event(kind: EventKind, at: DateTime<Utc>) -> Event {
        Event {
            meta: RecordMeta::new(at, "t"),
            at,
            kind,
            note: None,
            warnings: vec![],
        }
    }

    fn dose(item: &RegimenItem, at: DateTime<Utc>) -> Event {
        event(
            EventKind::Dose {
                regimen_id: item.meta.id.to_string(),
            },
            at,
        )
    }

    /// Fresh review: the command a dose note suggests named the item unquoted, so a name with
    /// spaces or shell characters broke it (or ran something else). The name is one POSIX
    /// shell word, as `shlex` splits it back; a name with a NUL, which no argument can hold,
    /// gives the id.
    #[test]
    fn the_suggested_command_quotes_the_name_for_a_shell() {
        let p = Profile::default();
        for (name, word) in [
            ("Iron", Some("Iron")),
            ("Vitamin D 1000", Some("'Vitamin D 1000'")),
            // Quoted as shlex chooses; what matters is that a shell reads back the name.
            ("Mum's $pill; rm -rf ~", None),
        ] {
            let r = [RegimenItem {
                name: name.into(),
                stop_date: Some("2026-11-25".parse().unwrap()),
                ..iron()
            }];
            let diary = Diary {
                profile: &p,
                regimen: &r,
                habits: &[],
                events: &[],
                labs: &[],
            };
            let before = dose_notes(&diary, &dose(&r[0], utc(18, 12, 0)), utc(30, 12, 0));
            let after = dose_notes(&diary, &dose(&r[0], utc(27, 12, 0)), utc(30, 12, 0));
            for (notes, verb) in [(before, "start"), (after, "stop")] {
                assert_eq!(notes.len(), 1, "{name}: {notes:?}");
                if let Some(word) = word {
                    let command = format!("(quietlegs regimen {verb} {word} YYYY-MM-DD");
                    assert!(notes[0].contains(&command), "{name}: {notes:?}");
                }
                let tail = &notes[0][notes[0].find("(quietlegs").unwrap() + 1..];
                let args = shlex::split(tail.split(" YYYY").next().unwrap()).unwrap();
                assert_eq!(args, ["quietlegs", "regimen", verb, name], "{tail}");
            }
        }
        let r = [RegimenItem {
            name: "a\u{0}b".into(),
            ..iron()
        }];
        let diary = Diary {
            profile: &p,
            regimen: &r,
            habits: &[],
            events: &[],
            labs: &[],
        };
        let notes = dose_notes(&diary, &dose(&r[0], utc(18, 12, 0)), utc(30, 12, 0));
        assert!(
            notes[0].contains(&format!("regimen start {} YYYY-MM-DD", r[0].meta.id)),
            "{notes:?}"
        );
    }

    /// Mutation run: a dose before its item's start date says what keeping it means. Iron and
    /// a medicine iron is timed around (levothyroxine) are checked against intakes like any
    /// dose; a medicine iron timing ignores (pramipexole) is only kept.
    #[test]
    fn a_dose_outside_its_dates_says_whether_intakes_are_checked_around_it() {
        let p = Profile::default();
        for (kind, name, checked) in [
            (RegimenKind::Iron, "Iron", true),
            (RegimenKind::Medication, "levothyroxine", true),
            (RegimenKind::Medication, "pramipexole", false),
        ] {
            let r = [RegimenItem {
                kind,
                name: name.into(),
                every_n_days: 1,
                ..iron()
            }];
            let diary = Diary {
                profile: &p,
                regimen: &r,
                habits: &[],
                events: &[],
                labs: &[],
            };
            let notes = dose_notes(&diary, &dose(&r[0], utc(18, 12, 0)), utc(30, 12, 0));
            assert_eq!(notes.len(), 1, "{name}: {notes:?}");
            assert_eq!(
                notes[0].contains("QuietLegs keeps it and checks intakes around it"),
                checked,
                "{name}: {notes:?}"
            );
            assert!(notes[0].contains("QuietLegs keeps it"), "{name}: {notes:?}");
        }
    }

    /// A dose logged on a rest day of an alternate-day schedule is taken, and protected: the
    /// plan says so (no dose invited) and tea 30 min after it is warned of.
    #[test]
    fn a_dose_on_a_rest_day_is_taken_and_protected() {
        let p = Profile::default();
        let r = [iron()];
        let events = [dose(&r[0], utc(21, 12, 0))];
        let diary = Diary {
            profile: &p,
            regimen: &r,
            habits: &[],
            events: &events,
            labs: &[],
        };
        let day: NaiveDate = "2026-11-21".parse().unwrap();
        assert!(!crate::rules::regimen::dose_day(&r[0], day), "a rest day");
        assert_eq!(
            iron_plan(&diary, day).day,
            IronDay::AlreadyTaken {
                at: utc(21, 12, 0),
                doses: 1
            }
        );
        let tea = event(
            EventKind::Intake {
                what: IntakeKind::Tea,
            },
            utc(21, 12, 30),
        );
        let w = warnings(&diary, &tea, utc(21, 13, 0));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("iron dose taken at 12:00"), "{w:?}");
    }

    fn intake(what: IntakeKind, at: DateTime<Utc>) -> Event {
        event(EventKind::Intake { what }, at)
    }

    /// Mutation run: a new event brings only the warnings it causes. Tea at 12:30 was warned
    /// of the iron dose at 12:00 when it was logged; coffee logged at 19:00, clear of the iron,
    /// repeats none of that; a second tea at 12:40 gets its own warning, not the first tea's; the
    /// iron dose logged twice at 12:00 (a double tap, or a second device) brings the note on a
    /// second dose and nothing else.
    #[test]
    fn a_new_event_never_repeats_a_warning_logged_before_it() {
        let p = Profile::default();
        let r = [iron()];
        let events = [
            dose(&r[0], utc(21, 12, 0)),
            intake(IntakeKind::Tea, utc(21, 12, 30)),
        ];
        let diary = Diary {
            profile: &p,
            regimen: &r,
            habits: &[],
            events: &events,
            labs: &[],
        };
        let coffee = intake(IntakeKind::Coffee, utc(21, 19, 0));
        let w = warnings(&diary, &coffee, utc(21, 19, 5));
        assert!(w.is_empty(), "{w:?}");
        let tea = intake(IntakeKind::Tea, utc(21, 12, 40));
        let w = warnings(&diary, &tea, utc(21, 12, 45));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("tea at 12:40"), "{w:?}");
        let again = dose(&r[0], utc(21, 12, 0));
        let w = warnings(&diary, &again, utc(21, 12, 45));
        assert_eq!(w, vec!["two iron doses logged today".to_owned()]);
    }

    /// 23:30 after a 23:00 bedtime is that evening's dose; 03:30, past the middle of the night
    /// (03:00), the next morning's.
    #[test]
    fn a_dose_after_bedtime_counts_for_that_evening() {
        let p = Profile {
            wake_time: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
            bedtime: NaiveTime::from_hms_opt(23, 0, 0).unwrap(),
            ..Profile::default()
        };
        assert_eq!(
            dose_date(&p, utc(20, 23, 30)),
            "2026-11-20".parse().unwrap()
        );
        assert_eq!(dose_date(&p, utc(21, 2, 59)), "2026-11-20".parse().unwrap());
        assert_eq!(dose_date(&p, utc(21, 3, 30)), "2026-11-21".parse().unwrap());
    }

    #[test]
    fn the_note_counts_in_words_and_names_a_day_that_is_not_today() {
        let d: NaiveDate = "2026-11-26".parse().unwrap();
        let today: NaiveDate = "2026-12-01".parse().unwrap();
        assert_eq!(
            iron_doses_note(2, today, today),
            "two iron doses logged today"
        );
        assert_eq!(
            iron_doses_note(3, d, today),
            "three iron doses logged on 2026-11-26"
        );
        assert_eq!(iron_doses_logged(12), "12 iron doses logged");
    }
}
