//! What the rules read, loaded from the store once per call: the profile, regimen, habits, the
//! events around the asked-for dates and (as much as asked for) the lab results. Every API
//! file that runs a rule starts here.

use chrono::{Duration, NaiveDate};

use super::{ApiResult, QuietLegs};
use crate::rules::weekly_irls::{self, WeeklyIrls};
use crate::rules::Diary;
use crate::store::{self, Store};

/// Whether a snapshot reads the lab results.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labs {
    /// Every lab result (the status and the report). Of the events around the dates only the
    /// doses are read: their rules use no logged intake or activity, and IV infusions and the
    /// weekly ratings they need are read whatever their date.
    Load,
    /// Only the latest ferritin, TSAT and eGFR: all the reminders need (the recheck date,
    /// whether iron is held, magnesium).
    LatestFerritin,
    /// As `LatestFerritin`: the plan needs the latest ferritin and TSAT to hold iron at a
    /// safety ceiling.
    Skip,
}

/// Owned snapshot the rules borrow from.
pub(crate) struct Snapshot {
    profile: crate::model::Profile,
    regimen: Vec<crate::model::RegimenItem>,
    habits: Vec<crate::model::Habit>,
    events: Vec<crate::model::Event>,
    labs: Vec<crate::model::Lab>,
    /// The whole diary's weekly split, when [`Snapshot::load`] worked it out without reading
    /// every rating's row (`Labs::Load`); see [`Snapshot::take_weekly_split`].
    weekly: Option<WeeklySplit>,
}

/// [`weekly_irls::split`]'s answer: the ratings the trend keeps and those it sets aside, each
/// oldest week first.
pub(crate) type WeeklySplit = (Vec<WeeklyIrls>, Vec<WeeklyIrls>);

impl Snapshot {
    /// Loads what the rules need for local dates `from..=to`. Lab results are read only when
    /// `labs` is [`Labs::Load`]: the day's plan never looks at them, and they grow with the years.
    pub(crate) fn load(
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        labs: Labs,
    ) -> ApiResult<Self> {
        store.read(|| Self::load_with(store, QuietLegs::profile_model(store)?.1, from, to, labs))
    }

    /// [`Snapshot::load`] with the profile the caller already read (for its time zone): the
    /// profile is read once per call (docs/PERFORMANCE.md, cold start).
    pub(crate) fn load_with(
        store: &Store,
        profile: crate::model::Profile,
        from: NaiveDate,
        to: NaiveDate,
        labs: Labs,
    ) -> ApiResult<Self> {
        store.read(|| Self::read(store, profile, from, to, labs))
    }

    /// [`Snapshot::load_with`] inside its read transaction.
    fn read(
        store: &Store,
        profile: crate::model::Profile,
        from: NaiveDate,
        to: NaiveDate,
        labs: Labs,
    ) -> ApiResult<Self> {
        let tz = profile.time_zone;
        let (lo, _) = crate::rules::day::utc_bounds(tz, from);
        let (_, hi) = crate::rules::day::utc_bounds(tz, to);
        let c = store.conn();
        let (lo, hi) = (lo - Duration::days(2), hi + Duration::days(2));
        // The rules behind the status and the report (the one reader of every lab result) read
        // the doses of these days, and no logged intake or activity; IV infusions and the
        // weekly ratings they use are read below (docs/PERFORMANCE.md, status).
        let mut events = if labs == Labs::Load && !store.reads_everything() {
            store::doses_between(c, lo, hi)?
        } else {
            store::events(c, lo, hi)?
        };
        // IV infusions and weekly IRLS ratings count whatever their age (recheck, weekly
        // prompt, iron status); they are few.
        // A snapshot that reads the lab results (the status screen, the report) lists every
        // weekly rating: it reads them from the kind index alone and the whole rows only where
        // ratings can clash or the doctor flags look (`whole_weekly_split`). The others read
        // the latest run of them, all `weekly_irls::due` and the plan can use.
        let mut split = None;
        let (kinds, weekly): (&[&str], _) = match (store.reads_everything(), labs) {
            (true, Labs::Load) => (&["iv_iron", "weekly_irls", "dose"], Vec::new()),
            (true, _) => (&["iv_iron", "weekly_irls"], Vec::new()),
            (false, Labs::Load) => match whole_weekly_split(c)? {
                Some((mut rows, whole)) => {
                    split = Some(whole);
                    // The doctor flags' window up to the last date asked for: whole runs, so
                    // `weekly_irls::weekly_ratings` and `group_of` over them answer for those
                    // weeks as over the whole diary.
                    let window = Duration::days(crate::evidence::FLAG_WINDOW_DAYS.value as i64);
                    let ids: std::collections::HashSet<uuid::Uuid> =
                        rows.iter().map(|e| e.meta.id).collect();
                    let near = store::weekly_irls_between(c, to - window, to)?;
                    rows.extend(near.into_iter().filter(|e| !ids.contains(&e.meta.id)));
                    (&["iv_iron"], rows)
                }
                None => (&["iv_iron", "weekly_irls"], Vec::new()),
            },
            (false, _) => (&["iv_iron"], latest_weekly_run(c)?),
        };
        let far = store::events_of_kinds(c, kinds)?.into_iter().chain(weekly);
        add_events(&mut events, far);
        let labs = match labs {
            Labs::Load => store::labs(c, None)?,
            // The latest ferritin and TSAT decide whether iron is held (a safety ceiling: no
            // dose planned, no reminder), and the ferritin sets the recheck date; the latest
            // eGFR decides whether magnesium is planned (SPEC §2.3).
            Labs::LatestFerritin | Labs::Skip => {
                use crate::model::Analyte::{Egfr, Ferritin, Tsat};
                store::latest_labs(c, &[Ferritin, Tsat, Egfr])?
            }
        };
        Ok(Snapshot {
            regimen: store::regimen(c)?,
            habits: store::habits(c)?,
            events,
            labs,
            profile,
            weekly: split,
        })
    }

    /// The whole diary's weekly ratings, kept and set aside ([`weekly_irls::split`] over every
    /// stored rating), oldest week first. Worked out by [`Snapshot::load`] for `Labs::Load`
    /// (once: a second call splits the events read); otherwise the split of the events read.
    pub(crate) fn take_weekly_split(&mut self) -> WeeklySplit {
        self.weekly
            .take()
            .unwrap_or_else(|| weekly_irls::split(&self.events))
    }

    /// Adds the logged doses the oral-iron verdict of [`crate::rules::iron_status::iron_status`]
    /// on `today` can count (SPEC §2.1; `oral_iron_doses_read`): the active iron item's doses
    /// from its start to the ferritin judged, and none when no verdict is reached. Call it after
    /// [`Snapshot::load`] with `Labs::Load` and before running the iron status on `today`.
    pub(crate) fn read_oral_iron_doses(
        &mut self,
        store: &Store,
        today: NaiveDate,
    ) -> ApiResult<()> {
        if store.reads_everything() {
            return Ok(());
        }
        let Some((id, first, last)) =
            crate::rules::iron_status::oral_iron_doses_read(&self.diary(), today)
        else {
            return Ok(());
        };
        let tz = self.profile.time_zone;
        // The verdict reads local dates; two days either side cover any zone's offset.
        let from = crate::rules::day::utc_bounds(tz, first).0 - Duration::days(2);
        let to = crate::rules::day::utc_bounds(tz, last).1 + Duration::days(2);
        let doses = store::doses_of(store.conn(), &id, from, to)?;
        add_events(&mut self.events, doses.into_iter());
        Ok(())
    }

    pub(crate) fn diary(&self) -> Diary<'_> {
        Diary {
            profile: &self.profile,
            regimen: &self.regimen,
            habits: &self.habits,
            events: &self.events,
            labs: &self.labs,
        }
    }
}

/// Adds `more` to `events` (read around the asked-for dates, earliest first), leaving out
/// those already there, and keeps them in time order (a stable sort: the events read around
/// the dates come first among equal times).
fn add_events(
    events: &mut Vec<crate::model::Event>,
    more: impl Iterator<Item = crate::model::Event>,
) {
    let near: std::collections::HashSet<uuid::Uuid> = events.iter().map(|e| e.meta.id).collect();
    events.extend(more.filter(|e| !near.contains(&e.meta.id)));
    crate::model::sort_by_time(events);
}

/// The whole diary's weekly split ([`weekly_irls::split`]) and the whole rows of the ratings
/// that can clash, without reading every rating's row: the week-ending dates and item scores of
/// all ratings come from the `events_by_kind` index alone. A rating whose week clashes with no
/// other is kept whatever its answer time; only the runs of ratings that can clash
/// ([`weekly_irls::clash_runs`]) are read as whole rows and split, and those rows are returned.
/// `None` when a stored week-ending text is a date spelled other than `YYYY-MM-DD` (no writer
/// or import makes one): its text order is not its date order, so the caller reads every row
/// instead.
fn whole_weekly_split(
    c: &rusqlite::Connection,
) -> ApiResult<Option<(Vec<crate::model::Event>, WeeklySplit)>> {
    let mut valid: Vec<(NaiveDate, crate::model::IrlsScores)> = Vec::new();
    for rating in store::weekly_irls_kinds(c)? {
        let (week, scores) = match rating {
            store::IndexedRating::Plain(week, items) => {
                (week, crate::model::IrlsScores::new(&items))
            }
            store::IndexedRating::Other(store::IndexedWeeklyIrls { week_ending, items }) => {
                // Not a date: never a rating (`weekly_irls::all_ratings`).
                let Ok(week) = week_ending.parse::<NaiveDate>() else {
                    continue;
                };
                if !is_plain_date(&week_ending) {
                    return Ok(None);
                }
                (week, crate::model::IrlsScores::new(&items))
            }
        };
        // Bad items: never a rating.
        if let Ok(scores) = scores {
            valid.push((week, scores));
        }
    }
    valid.sort_by_key(|(week, _)| *week);
    let weeks: Vec<NaiveDate> = valid.iter().map(|(week, _)| *week).collect();
    let runs = weekly_irls::clash_runs(&weeks);
    let mut in_runs = Vec::new();
    for (first, last) in &runs {
        in_runs.extend(store::weekly_irls_between(c, *first, *last)?);
    }
    let (mut kept, aside) = weekly_irls::split(&in_runs);
    let in_a_run = |week: NaiveDate| runs.iter().any(|(f, l)| (*f..=*l).contains(&week));
    kept.extend(valid.into_iter().filter(|(week, _)| !in_a_run(*week)).map(
        |(week_ending, scores)| WeeklyIrls {
            week_ending,
            scores,
            at: None,
        },
    ));
    crate::rules::weekly_irls::sort_by_week(&mut kept);
    Ok(Some((in_runs, (kept, aside))))
}

/// The whole diary's weekly split ([`weekly_irls::split`] over every stored rating), kept and
/// set aside, oldest week first: from the kind index as [`Snapshot::load`] reads it, or from
/// every rating's row (`Store::set_read_everything`, or a week-ending date spelled oddly).
pub(crate) fn whole_weekly(store: &Store) -> ApiResult<WeeklySplit> {
    let c = store.conn();
    if !store.reads_everything() {
        if let Some((_, split)) = whole_weekly_split(c)? {
            return Ok(split);
        }
    }
    Ok(weekly_irls::split(&store::events_of_kinds(
        c,
        &["weekly_irls"],
    )?))
}

/// Whether `text` is spelled `YYYY-MM-DD` (four, two and two ASCII digits): then, read as a
/// date, its text order is its date order.
fn is_plain_date(text: &str) -> bool {
    text.len() == 10 && crate::model::time::four_digit_year(text)
}

/// The weekly IRLS ratings of the latest run: every rating whose week-ending date is on or
/// after the first of the last ratings that are each under `weekly_irls::clash_reach_days` (7)
/// days from the next. Ratings further apart never clash, so `weekly_irls::split` keeps and
/// sets aside exactly the same of these as it would reading the whole diary, and the latest
/// kept week (`weekly_irls::due`) is among them. One or two index seeks and the run's rows,
/// whatever the diary's age.
fn latest_weekly_run(c: &rusqlite::Connection) -> ApiResult<Vec<crate::model::Event>> {
    use crate::rules::weekly_irls::{clash_reach_days, stored_week};
    // Ratings whose stored date text does not start with a digit are read whatever their date
    // (the writers and the import accept none; older files might hold some).
    let odd = store::weekly_irls_from(c, None)?;
    let odd_weeks: Vec<NaiveDate> = odd.iter().filter_map(stored_week).collect();
    let dated_before = |before: Option<NaiveDate>| -> ApiResult<Option<Option<NaiveDate>>> {
        Ok(store::weekly_irls_week_before(c, before)?.map(|w| w.parse::<NaiveDate>().ok()))
    };
    let latest_odd = odd_weeks.iter().max().copied();
    let latest = match dated_before(None)? {
        // A stored date that is not a date: read every rating rather than guess.
        Some(None) => return Ok(store::events_of_kinds(c, &["weekly_irls"])?),
        Some(Some(d)) => Some(latest_odd.map_or(d, |o| o.max(d))),
        None => latest_odd,
    };
    let Some(mut from) = latest else {
        return Ok(odd);
    };
    loop {
        let before = match dated_before(Some(from))? {
            Some(None) => return Ok(store::events_of_kinds(c, &["weekly_irls"])?),
            Some(Some(d)) => Some(d),
            None => None,
        };
        let before_odd = odd_weeks.iter().filter(|w| **w < from).max().copied();
        match before.max(before_odd) {
            Some(d) if (from - d).num_days() < clash_reach_days() => from = d,
            _ => break,
        }
    }
    Ok(store::weekly_irls_from(c, Some(from))?
        .into_iter()
        .filter(|e| stored_week(e).is_none_or(|w| w >= from))
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::{Labs, Snapshot};
    use crate::model::{ActivityKind, Event, EventKind, Profile, RecordMeta};
    use crate::store::{self, Store};

    fn noon(day: &str) -> DateTime<Utc> {
        let day: NaiveDate = day.parse().unwrap();
        Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
    }

    fn event(day: &str, kind: EventKind) -> Event {
        Event {
            meta: RecordMeta::new(noon(day), "phone"),
            at: noon(day),
            kind,
            note: None,
            warnings: vec![],
        }
    }

    fn weekly(week_ending: &str) -> Event {
        event(
            week_ending,
            EventKind::WeeklyIrls {
                week_ending: week_ending.to_owned(),
                items: vec![2; 10],
            },
        )
    }

    /// What a snapshot of 2026-11-22 holds, as (kind, day) pairs in the order read.
    fn held(store: &Store, labs: Labs) -> Vec<(String, String)> {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let snapshot = Snapshot::load_with(store, Profile::default(), today, today, labs).unwrap();
        let mut out: Vec<(String, String)> = snapshot
            .events
            .iter()
            .map(|e| {
                let kind = serde_json::to_value(&e.kind).unwrap()["type"].to_string();
                (
                    kind.trim_matches('"').to_owned(),
                    e.at.date_naive().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// The bounded reads leave out what the rules cannot use (issue #13: ratings before the
    /// latest run, whose weeks are each under 7 days from the next, when the lab results are not
    /// read; an evening walk when only doses are), and the test hook that the suite compares
    /// them with really reads it: were either to read like the other,
    /// `tests/suite/bounded_reads.rs` would compare a path with itself.
    #[test]
    fn bounded_reads_leave_out_what_the_rules_cannot_use_and_the_hook_reads_it() {
        let mut s = Store::open_in_memory().unwrap();
        let stored = [
            weekly("2024-11-24"),
            weekly("2026-11-15"),
            weekly("2026-11-22"),
            event(
                "2026-11-22",
                EventKind::Activity {
                    what: ActivityKind::Walk,
                    intensity: None,
                    minutes: Some(30),
                },
            ),
            event(
                "2026-11-22",
                EventKind::Dose {
                    regimen_id: "iron".to_owned(),
                },
            ),
        ];
        s.write(|tx| {
            for e in &stored {
                store::put_event(tx, e)?;
            }
            Ok(())
        })
        .unwrap();
        let pair = |kind: &str, day: &str| (kind.to_owned(), day.to_owned());
        let recent = [
            pair("activity", "2026-11-22"),
            pair("dose", "2026-11-22"),
            pair("weekly_irls", "2026-11-22"),
        ];
        assert_eq!(held(&s, Labs::Skip), recent);
        // The status and report read the doses of the days asked for, no activity.
        assert!(!held(&s, Labs::Load).contains(&pair("activity", "2026-11-22")));

        s.set_read_everything(true);
        let mut everything = vec![
            pair("weekly_irls", "2024-11-24"),
            pair("weekly_irls", "2026-11-15"),
        ];
        everything.extend(recent.iter().cloned());
        everything.sort();
        assert_eq!(held(&s, Labs::Skip), everything);
        assert_eq!(held(&s, Labs::Load), everything);
    }
}
