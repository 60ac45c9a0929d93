//! "I am about to have coffee at 10:00": fine, or which iron dose it spoils and the earliest
//! time that does not. For a prescribed medicine the answer never moves the medicine: it says
//! when iron fits instead (SPEC §2.2: the planner works around medicines).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::day::{span, WakingDay};
use super::iron::{exposures, iron_plan, window_with, IronDay};
use super::substance::Substance;
use super::Diary;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum IntakeCheck {
    Fine {
        message: String,
    },
    Conflict {
        /// The iron dose it conflicts with, taken or planned (None: the conflict is with food
        /// or another medicine after a first-thing medicine).
        iron_at: Option<DateTime<Utc>>,
        iron_taken: bool,
        /// The earliest time the intake would not conflict; None for a prescribed medicine,
        /// whose time is never moved.
        earliest_ok: Option<DateTime<Utc>>,
        /// For a prescribed medicine: when iron fits instead, if the day has a window.
        iron_ok: Option<DateTime<Utc>>,
        message: String,
        /// The clashes with the person's other medicines alone (each also in `message`): a
        /// logged intake keeps these as warnings, since a medicine keeps its time.
        medicines: Vec<String>,
    },
}

/// Whether the person may simply move the intake (food, drinks, antacids, supplements); a
/// prescribed medicine keeps its time and iron moves instead.
pub fn movable(substance: Substance) -> bool {
    use Substance::*;
    matches!(
        substance,
        Food | Coffee | Tea | DairyCalcium | Antacid | Magnesium | Zinc | Multivitamin
    )
}

/// "Can I take my iron at 12:45?": the same rules as the iron window (SPEC §2.2), checked at
/// `at` on its waking day: iron on an empty stomach (after food by the food row, before the
/// next meal by its row), clear of drinks, minerals and medicines. A conflict names what it is
/// too close to and today's window; iron is the one that moves, so `earliest_ok` is None.
/// A clear time on a day without a planned dose says why: a rest day of the schedule (plainly,
/// still fine), or a dose already taken, iron on hold or no window (a note, never "ok").
pub fn check_iron(diary: &Diary<'_>, at: DateTime<Utc>) -> IntakeCheck {
    let day = WakingDay::owning(diary.profile, at);
    let xs = exposures(diary, &day);
    let hit = xs.iter().find(|x| {
        let (lo, hi) = x.blocks(&day);
        lo < at && at < hi
    });
    let Some(x) = hit else {
        let clear = format!(
            "iron at {} is clear of food, drinks and medicines: on an empty stomach",
            day.hhmm(at)
        );
        let note = |why: String| IntakeCheck::Conflict {
            iron_at: Some(at),
            iron_taken: false,
            earliest_ok: None,
            iron_ok: None,
            message: format!("{clear}, but {why}"),
            medicines: Vec::new(),
        };
        return match iron_plan(diary, day.date).day {
            IronDay::Window(_) | IronDay::NoIron => IntakeCheck::Fine { message: clear },
            IronDay::RestDay { next } => IntakeCheck::Fine {
                message: format!("{}; {clear}", capitalised(&rest_day(next))),
            },
            IronDay::AlreadyTaken { .. } => note(format!(
                "you logged iron at {} that day: QuietLegs plans one dose a day; ask your pharmacist before taking another",
                listed(&taken_times(diary, &day))
            )),
            IronDay::NoWindow { why } | IronDay::Held { why } => note(why),
        };
    };
    let g = x.substance.gap();
    let why = if at >= x.at {
        format!(
            "iron at {} is {} after {}: iron waits at least {} after it",
            day.hhmm(at),
            span(at - x.at),
            x.describe(&day),
            span(g.iron_after())
        )
    } else {
        format!(
            "iron at {} is {} before {}: {}",
            day.hhmm(at),
            span(x.at - at),
            x.describe(&day),
            iron_before_rule(g.substance_after())
        )
    };
    let (iron_ok, today) = match iron_plan(diary, day.date).day {
        IronDay::Window(w) if w.end > w.start => (
            Some(w.start),
            format!(
                "today's iron window: {}-{}",
                day.hhmm(w.start),
                day.hhmm(w.end)
            ),
        ),
        // The time the person set for iron (`iron::fixed_time`).
        IronDay::Window(w) => (
            Some(w.start),
            format!("your iron time today: {}", day.hhmm(w.start)),
        ),
        IronDay::NoWindow { why } | IronDay::Held { why } => (None, why),
        IronDay::AlreadyTaken { .. } => (
            None,
            format!("iron taken today at {}", listed(&taken_times(diary, &day))),
        ),
        IronDay::RestDay { next } => (None, format!("no iron today; next on {next}")),
        IronDay::NoIron => (None, "no iron in your medicines".to_owned()),
    };
    IntakeCheck::Conflict {
        iron_at: Some(at),
        iron_taken: false,
        earliest_ok: None,
        iron_ok,
        message: format!("{why}; {today}"),
        medicines: Vec::new(),
    }
}

/// [`check_named`] with the substance's own noun ("coffee", "bisphosphonate").
pub fn check_intake(diary: &Diary<'_>, substance: Substance, at: DateTime<Utc>) -> IntakeCheck {
    check_named(diary, substance, substance.noun(), at)
}

/// Checks a `substance` (called `name`, as the person typed it) at `at` against every iron
/// dose (taken, or the planned window start) of the waking days around it: a coffee at 05:30
/// before a 06:00 wake is checked against that morning's iron as well as the previous
/// evening's, so no answer says "clear" inside a gap. A first-thing medicine (a
/// bisphosphonate) is also checked against the meals, drinks and medicines of its wait.
pub fn check_named(
    diary: &Diary<'_>,
    substance: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> IntakeCheck {
    let tz = diary.profile.time_zone;
    let local_date = at.with_timezone(&tz).date_naive();
    let days: Vec<WakingDay> = [
        local_date.pred_opt(),
        Some(local_date),
        local_date.succ_opt(),
    ]
    .into_iter()
    .flatten()
    .map(|d| WakingDay::of(diary.profile, d))
    .collect();
    let hhmm = |t: DateTime<Utc>| crate::model::time::format_instant_clock(t, tz);
    let g = substance.gap();
    // The doses of iron around `at` (taken, or the planned window's start) and the interval
    // each keeps the substance out of: (iron - iron_after, iron + substance_after); a
    // first-thing medicine (a bisphosphonate) may not follow iron on the same waking day.
    // Every dose logged for these days is protected, however many, whatever the plan says of
    // the day (before the item's start, a rest day, iron held: issue #15); a day without one
    // protects its planned window's start.
    let mut irons: Vec<IronBlock> = Vec::new();
    for day in &days {
        let logged = super::regimen::iron_doses(diary, day.date);
        let planned = match iron_plan(diary, day.date).day {
            IronDay::Window(w) if logged.is_empty() => Some(w.start),
            _ => None,
        };
        let doses = logged
            .iter()
            .map(|(at, _)| (*at, true))
            .chain(planned.map(|at| (at, false)));
        for (iron_at, taken) in doses {
            // "The same day" is the planner's: from waking to bedtime (iron.rs, `blocks`). Up
            // to the next wake, 06:00 before a 06:30 wake read as after the evening's iron and
            // asked to move it to the time it was already planned at (issue #15).
            let hi = if g.first_thing {
                day.bed
            } else {
                iron_at + g.substance_after()
            };
            irons.push(IronBlock {
                day: day.date,
                iron_at,
                taken,
                lo: iron_at - g.iron_after(),
                hi,
            });
        }
    }
    // The dose nearest `at` is the one a conflict names.
    irons.sort_by_key(|b| (b.iron_at - at).abs());
    // Meals, drinks and minerals are also checked against the other medicines whose labels
    // name them; a prescribed medicine, which keeps its time, against the waits of the
    // first-thing medicines (a bisphosphonate's label asks for it before any other medicine).
    let meds = if movable(substance) {
        super::clash::against_medicines(diary, substance, name, at)
    } else {
        super::clash::MedicineCheck {
            clashes: super::clash::in_first_thing_wait(diary, Some(substance), name, at),
            blocks: Vec::new(),
        }
    };
    let medicines: Vec<String> = meds.clashes.iter().map(|c| c.message()).collect();
    // Said together: each clash, the safe time, then one request to discuss the timing.
    let together = meds
        .clashes
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let ask = if meds.clashes.iter().any(|c| c.earliest_ok.is_some()) {
        format!("; {}", super::clash::PHARMACIST)
    } else {
        String::new()
    };
    // The earliest time clear of every iron dose and every medicine around: each block `at`
    // (or the time moved to) falls in moves it to the block's end.
    let blocks: Vec<(DateTime<Utc>, DateTime<Utc>)> = irons
        .iter()
        .map(|b| (b.lo, b.hi))
        .chain(meds.blocks.iter().copied())
        .collect();
    let clear_from = |mut t: DateTime<Utc>| {
        for _ in 0..=blocks.len() {
            match blocks
                .iter()
                .filter(|(lo, hi)| *lo < t && t < *hi)
                .map(|(_, hi)| *hi)
                .max()
            {
                Some(hi) => t = hi,
                None => break,
            }
        }
        t
    };
    let own = day_iron(diary, at, &irons);
    for b in &irons {
        let (iron_at, taken, hi) = (b.iron_at, b.taken, b.hi);
        if !(b.lo < at && at < hi) {
            continue;
        }
        let day = b.day;
        let verb = if taken { "taken" } else { "planned" };
        if movable(substance) {
            let earliest = clear_from(at);
            return IntakeCheck::Conflict {
                iron_at: Some(iron_at),
                iron_taken: taken,
                earliest_ok: Some(earliest),
                iron_ok: None,
                message: format!(
                    "{name} at {} is too close to your iron dose {verb} at {} ({}){}; the earliest time that does not conflict is {}{ask}",
                    hhmm(at),
                    hhmm(iron_at),
                    if at < iron_at || !g.first_thing {
                        // Both sides of the gap: with food the iron wants 2 h after it but food
                        // may follow the iron after 1 h, and the earliest time offered is on the
                        // after side, so "keep 2 h apart" alone contradicted it.
                        if g.iron_after() == g.substance_after() {
                            format!("keep {} apart", span(g.iron_after()))
                        } else {
                            format!(
                                "have it at least {} before the iron or {} after it",
                                span(g.iron_after()),
                                span(g.substance_after())
                            )
                        }
                    } else {
                        "it is taken first thing, before iron".to_owned()
                    },
                    if medicines.is_empty() {
                        String::new()
                    } else {
                        format!("; {together}")
                    },
                    hhmm(earliest)
                ),
                medicines,
            };
        }
        // A prescribed medicine keeps its time: iron moves, or, once taken, the person asks.
        let keep = keep_words(diary, substance, name, at);
        let also = if medicines.is_empty() {
            String::new()
        } else {
            format!(". Also: {together}")
        };
        if taken {
            return IntakeCheck::Conflict {
                iron_at: Some(iron_at),
                iron_taken: true,
                earliest_ok: None,
                iron_ok: None,
                message: format!(
                    "{name} at {} is close to the iron you took at {}: {}. Ask your pharmacist how to time today's dose; {}{also}",
                    hhmm(at),
                    hhmm(iron_at),
                    substance.timing_ask(super::catalog::generic_timed_as(name, substance)),
                    planned_around_words(diary, substance, name, at),
                ),
                medicines,
            };
        }
        let moved = window_with(diary, day, substance, name, at);
        // The planner is the judge: a medicine that leaves the day's window where it is does
        // not conflict with it (issue #15: "take iron at 10:30 instead" of a 10:30 plan).
        if matches!(&moved, Ok(w) if w.start == iron_at) {
            continue;
        }
        let (iron_ok, instead) = match &moved {
            Ok(w) => (
                Some(w.start),
                format!("take iron at {} instead ({})", hhmm(w.start), w.reason),
            ),
            Err(_) => (
                None,
                "no time that day keeps iron clear of it; discuss the timing with your doctor or pharmacist".to_owned(),
            ),
        };
        return IntakeCheck::Conflict {
            iron_at: Some(iron_at),
            iron_taken: false,
            earliest_ok: None,
            iron_ok,
            message: format!(
                "{keep}; your iron planned at {} is too close to it: {}. {}{also}",
                hhmm(iron_at),
                substance.timing_ask(super::catalog::generic_timed_as(name, substance)),
                capitalised(&instead),
            ),
            medicines,
        };
    }
    if g.first_thing {
        if let Some(c) = first_thing_wait(diary, substance, name, at) {
            return c;
        }
    }
    if !meds.clashes.is_empty() {
        let iron = match &own {
            Ok(doses) => format!("it is clear of your {}", iron_doses_at(doses, &hhmm)),
            Err(none) => none.clone(),
        };
        // The earliest time clear of all of them and of iron (said when it is not the one
        // clash's own), or none where no label gives an interval to count from. Where some
        // labels give one and another does not, the time clears those that do, and says so:
        // a clash with an interval is a wait, whatever else the day holds.
        let with_interval = meds.clashes.iter().any(|c| c.earliest_ok.is_some());
        let all_with_interval = meds.clashes.iter().all(|c| c.earliest_ok.is_some());
        let earliest = with_interval.then(|| clear_from(at));
        let when = match earliest {
            Some(t) if !all_with_interval => format!(
                "; the earliest time clear of the intervals the labels give is {}",
                hhmm(t)
            ),
            Some(t) if meds.clashes.iter().any(|c| c.earliest_ok != Some(t)) => {
                format!("; the earliest time that does not conflict is {}", hhmm(t))
            }
            _ => String::new(),
        };
        return IntakeCheck::Conflict {
            iron_at: None,
            iron_taken: false,
            earliest_ok: earliest,
            iron_ok: None,
            message: format!("{together}{when}{ask}; {iron}"),
            medicines,
        };
    }
    match own {
        Ok(doses) => IntakeCheck::Fine {
            message: format!(
                "{name} at {} is clear of your {}",
                hhmm(at),
                iron_doses_at(&doses, &hhmm)
            ),
        },
        Err(none) => IntakeCheck::Fine {
            message: format!("{name} at {}: {none}", hhmm(at)),
        },
    }
}

/// The iron doses of the waking day `at` belongs to ([`WakingDay::owning`]), taken or planned,
/// earliest first, or in words why there is none: only that day's doses are named as the ones
/// an intake is clear of (issue #15: a rest day named the next day's 11:00 dose).
fn day_iron(
    diary: &Diary<'_>,
    at: DateTime<Utc>,
    irons: &[IronBlock],
) -> Result<Vec<DateTime<Utc>>, String> {
    let day = WakingDay::owning(diary.profile, at);
    let mut doses: Vec<DateTime<Utc>> = irons
        .iter()
        .filter(|b| b.day == day.date)
        .map(|b| b.iron_at)
        .collect();
    if !doses.is_empty() {
        doses.sort_unstable();
        return Ok(doses);
    }
    Err(match iron_plan(diary, day.date).day {
        IronDay::RestDay { next } => rest_day(next),
        _ => "no iron dose that day to protect".to_owned(),
    })
}

/// "iron dose at 10:30", or "iron doses at 10:30 and 14:00" for a day with more than one logged.
fn iron_doses_at(doses: &[DateTime<Utc>], hhmm: &dyn Fn(DateTime<Utc>) -> String) -> String {
    let times: Vec<String> = doses.iter().map(|t| hhmm(*t)).collect();
    match times.len() {
        1 => format!("iron dose at {}", listed(&times)),
        _ => format!("iron doses at {}", listed(&times)),
    }
}

/// "10:30", "10:30 and 14:00", "07:00, 10:30 and 14:00".
fn listed(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The times of the iron doses logged for `day`, earliest first.
fn taken_times(diary: &Diary<'_>, day: &WakingDay) -> Vec<String> {
    super::regimen::iron_doses(diary, day.date)
        .into_iter()
        .map(|(at, _)| day.hhmm(at))
        .collect()
}

/// A rest day of an alternate-day (or every-n-days) iron schedule, said plainly.
fn rest_day(next: chrono::NaiveDate) -> String {
    format!("no iron planned that day (a rest day in your iron schedule; next dose {next})")
}

/// A medicine with no iron timing rule (`name`; `fine`, what is said of it for iron) checked
/// at `at` against the waits of the first-thing medicines in the regimen: inside one, a note
/// naming the wait (the label asks for the bisphosphonate first), else `fine`.
pub fn check_untimed_medicine(
    diary: &Diary<'_>,
    name: &str,
    fine: String,
    at: DateTime<Utc>,
) -> IntakeCheck {
    let clashes = super::clash::in_first_thing_wait(diary, None, name, at);
    if clashes.is_empty() {
        return IntakeCheck::Fine { message: fine };
    }
    let medicines: Vec<String> = clashes.iter().map(|c| c.message()).collect();
    IntakeCheck::Conflict {
        iron_at: None,
        iron_taken: false,
        earliest_ok: None,
        iron_ok: None,
        message: format!("{}; {fine}", medicines.join("; ")),
        medicines,
    }
}

/// One iron dose around a checked time and the interval it keeps the substance out of.
struct IronBlock {
    day: chrono::NaiveDate,
    iron_at: DateTime<Utc>,
    taken: bool,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
}

/// `text` with its first letter in upper case, to start a sentence.
fn capitalised(text: &str) -> String {
    let mut cs = text.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// A first-thing medicine's wait (alendronate 30 min, ibandronate 60 min, from the evidence
/// table): the meals, drinks and other medicines of that day inside it. The meal or drink is
/// what moves; the medicine keeps its time.
pub(crate) fn first_thing_wait(
    diary: &Diary<'_>,
    substance: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> Option<IntakeCheck> {
    let tz = diary.profile.time_zone;
    let hhmm = |t: DateTime<Utc>| crate::model::time::format_instant_clock(t, tz);
    let wait = substance.gap().iron_after();
    // Taken on waking early (06:00 before a 06:30 wake) is that morning's dose too.
    let day = WakingDay::owning(diary.profile, at);
    let all = exposures(diary, &day);
    // A meal earlier the same waking day, or at the same minute: not on an empty stomach. The
    // prescribed time is never moved; the person is told what the label asks.
    if let Some(meal) = all
        .iter()
        .filter(|x| matches!(x.origin, super::iron::Origin::Meal(_)))
        .filter(|x| day.contains(x.at) && x.at <= at)
        .min_by_key(|x| x.at)
    {
        let m = match &meal.origin {
            super::iron::Origin::Meal(m) => m.as_str(),
            _ => "meal",
        };
        return Some(IntakeCheck::Conflict {
            iron_at: None,
            iron_taken: false,
            earliest_ok: None,
            iron_ok: None,
            message: format!(
                "{name} at {} is not on an empty stomach after your {m} at {}: its label asks you to take it first thing on waking, on an empty stomach, at least {} before the first food, drink (other than plain water) or other medicine; ask your doctor or pharmacist about the timing (QuietLegs keeps the time you were given)",
                hhmm(at),
                hhmm(meal.at),
                span(wait),
            ),
            medicines: Vec::new(),
        });
    }
    let clash = all
        .into_iter()
        .filter(|x| at < x.at && x.at < at + wait)
        .min_by_key(|x| x.at)?;
    let what = match &clash.origin {
        super::iron::Origin::Meal(m) => format!("your {m}"),
        super::iron::Origin::Medicine(m) => format!("your {m}"),
        _ => format!("your {}", clash.substance.noun()),
    };
    let after = at + wait;
    let fix = if movable(clash.substance) {
        format!("have it at {} or later", hhmm(after))
    } else {
        "ask your pharmacist how to time the two medicines".to_owned()
    };
    Some(IntakeCheck::Conflict {
        iron_at: None,
        iron_taken: false,
        earliest_ok: None,
        iron_ok: None,
        message: format!(
            "{name} at {} is clear of iron, but {what} at {} comes within its wait: its label asks you to wait at least {} after it before the first food, drink (other than plain water) or other medicine; {fix}",
            hhmm(at),
            hhmm(clash.at),
            span(wait),
        ),
        medicines: Vec::new(),
    })
}

/// What a conflict says of iron taken before a substance: how long before, or, for a
/// medicine that must come first on an empty stomach (a bisphosphonate: no gap asked of iron
/// before it, iron only after it), that iron never comes before it that day.
fn iron_before_rule(substance_after: chrono::Duration) -> String {
    if substance_after > chrono::Duration::zero() {
        format!("iron comes at least {} before it", span(substance_after))
    } else {
        "iron is never taken before it on the same day".to_owned()
    }
}

/// How a conflict names a prescribed medicine checked at `at`: "Keep Euthyrox at 06:00 as
/// prescribed" only when `at` is one of its times in the regimen (the item named so, or one
/// with the same timing rule); otherwise "Euthyrox at 11:00, a time not in your medicines"
/// (review of #15: "as prescribed" at a time nobody prescribed misleads).
fn keep_words(diary: &Diary<'_>, substance: Substance, name: &str, at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&diary.profile.time_zone);
    let hhmm = local.format("%H:%M");
    let prescribed = in_medicines(diary, substance, name, at).any(|r| {
        r.times
            .iter()
            .any(|t| t.hour() == local.hour() && t.minute() == local.minute())
    });
    if prescribed {
        format!("Keep {name} at {hhmm} as prescribed")
    } else {
        format!("{name} at {hhmm}, a time not in your medicines")
    }
}

/// The medicines and supplements of the regimen on `at`'s date that are the one checked (the
/// item named so, or one with the same timing rule).
fn in_medicines<'a>(
    diary: &Diary<'a>,
    substance: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> impl Iterator<Item = &'a crate::model::RegimenItem> {
    let typed = super::catalog::normalise(name);
    let date = at.with_timezone(&diary.profile.time_zone).date_naive();
    diary.regimen.iter().filter(move |r| {
        matches!(
            r.kind,
            crate::model::RegimenKind::Medication | crate::model::RegimenKind::Supplement
        ) && (super::catalog::normalise(&r.name) == typed
            || super::interactions::medicine_substance(&r.name) == Some(substance))
            && super::regimen::active_on(r, date)
    })
}

/// What a clash with iron already taken says of the days ahead: the planner works around a
/// medicine in the regimen with its times; one without a time is asked for it; one not in the
/// medicines is planned around once it is added (fresh review of #15: "once it is in your
/// medicines" was said of Euthyrox listed at 06:30).
fn planned_around_words(
    diary: &Diary<'_>,
    substance: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> String {
    let listed: Vec<&crate::model::RegimenItem> =
        in_medicines(diary, substance, name, at).collect();
    if listed.iter().any(|r| !r.times.is_empty()) {
        "it is in your medicines, so QuietLegs plans iron around its times there".to_owned()
    } else if let Some(r) = listed.first() {
        super::iron::ask_time(&r.name)
    } else {
        "from tomorrow QuietLegs plans iron around it once it is in your medicines".to_owned()
    }
}
