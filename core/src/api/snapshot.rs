//! What the rules read, loaded from the store once per call: the profile, regimen, habits, the
//! events around the asked-for dates and (as much as asked for) the lab results. Every API
//! file that runs a rule starts here.

use chrono::{Duration, NaiveDate};

use super::{ApiResult, QuietLegs};
use crate::rules::Diary;
use crate::store::{self, Store};

/// Whether a snapshot reads the lab results.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labs {
    Load,
    /// Only the latest ferritin, TSAT and eGFR: all the reminders need (the recheck date,
    /// whether iron is held, magnesium).
    LatestFerritin,
    /// As `LatestFerritin`: the plan needs the latest ferritin and TSAT to hold iron at a
    /// safety ceiling.
    Skip,
}

/// The event kinds (their JSON `type`) every snapshot reads whatever their age.
const LONG_LIVED_EVENTS: &[&str] = &["iv_iron", "weekly_irls"];

/// Owned snapshot the rules borrow from.
pub(crate) struct Snapshot {
    profile: crate::model::Profile,
    regimen: Vec<crate::model::RegimenItem>,
    habits: Vec<crate::model::Habit>,
    events: Vec<crate::model::Event>,
    labs: Vec<crate::model::Lab>,
}

impl Snapshot {
    /// Loads what the rules need for local dates `from..=to`. Lab results are read only when
    /// `labs` is [`Labs::Load`]: the day's plan never looks at them, and they grow with the years.
    pub(crate) fn load(
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        labs: Labs,
    ) -> ApiResult<Self> {
        let profile = QuietLegs::profile_model(store)?.1;
        let tz = profile.time_zone;
        let (lo, _) = crate::rules::day::utc_bounds(tz, from);
        let (_, hi) = crate::rules::day::utc_bounds(tz, to);
        let c = store.conn();
        let mut events = store::events(c, lo - Duration::days(2), hi + Duration::days(2))?;
        // IV infusions and weekly IRLS ratings count whatever their age (recheck, weekly
        // prompt, iron status); they are few.
        let near: std::collections::HashSet<uuid::Uuid> =
            events.iter().map(|e| e.meta.id).collect();
        // A snapshot that reads the lab results (the iron status) also reads every logged dose:
        // the oral-iron verdict counts only logged doses since the item started (SPEC §2.1).
        let kinds: &[&str] = if labs == Labs::Load {
            &["iv_iron", "weekly_irls", "dose"]
        } else {
            LONG_LIVED_EVENTS
        };
        events.extend(
            store::events_of_kinds(c, kinds)?
                .into_iter()
                .filter(|e| !near.contains(&e.meta.id)),
        );
        events.sort_by_key(|e| e.at);
        // The latest eGFR decides whether magnesium is planned (SPEC §2.3).
        let egfr = store::latest_lab(c, crate::model::Analyte::Egfr)?;
        Ok(Snapshot {
            regimen: store::regimen(c)?,
            habits: store::habits(c)?,
            events,
            labs: match labs {
                Labs::Load => store::labs(c, None)?,
                // The latest ferritin and TSAT decide whether iron is held (a safety ceiling:
                // no dose planned, no reminder), and the ferritin sets the recheck date.
                Labs::LatestFerritin | Labs::Skip => {
                    store::latest_lab(c, crate::model::Analyte::Ferritin)?
                        .into_iter()
                        .chain(store::latest_lab(c, crate::model::Analyte::Tsat)?)
                        .chain(egfr)
                        .collect()
                }
            },
            profile,
        })
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
