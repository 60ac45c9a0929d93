//! An intake against the person's other medicines (SPEC §2.2, issue #15): calcium, dairy, an
//! antacid, magnesium, zinc or a multivitamin with minerals near a medicine whose label names
//! them (quinolones, integrase inhibitors, levothyroxine, eltrombopag, tetracyclines…), and any
//! food or drink but plain water in a bisphosphonate's wait. The interval is the drug's own
//! evidence row where its label gives the same interval for these as for iron; where the label
//! names the interaction without an interval, no number is made up: the person is asked to
//! check with their pharmacist. The medicine keeps its time: only the intake moves.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::day::{span, WakingDay};
use super::interactions::substance_of;
use super::regimen::dose_day;
use super::substance::{EvidenceBasis, Substance};
use super::Diary;
use crate::model::{EventKind, RegimenItem, RegimenKind};

/// What a medicine's label says of an intake taken near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSays {
    /// The label gives the same interval for this intake as for iron, in the same sentence
    /// (ciprofloxacin §2.4 "multivalent cations", eltrombopag "polyvalent cations"): the drug's
    /// own iron rows of the evidence table.
    SameAsIron,
    /// A first-thing medicine (alendronate, risedronate, ibandronate): nothing but plain water
    /// from its dose to the end of its wait (its evidence row).
    Wait,
    /// The label names the interaction but gives no interval: no number, the pharmacist is
    /// asked how far apart (a convention).
    NamedNoInterval,
}

/// What the label of `drug` says of `intake` (a meal, coffee, tea, or a polyvalent cation:
/// dairy or calcium, an antacid, magnesium, zinc, a multivitamin with minerals), read from the
/// label text each drug's evidence row records; `None` where the label does not name it.
///
/// - Ciprofloxacin (§2.4: Mg/Al antacids and products containing calcium, iron or zinc),
///   levofloxacin (§2.4/§7.1: Mg/Al antacids, metal cations such as iron, multivitamins with
///   zinc), eltrombopag (antacids, dairy, mineral supplements incl. calcium, magnesium, zinc):
///   every cation, the iron interval.
/// - Moxifloxacin (§2.2: products containing magnesium, aluminium, iron or zinc, antacids,
///   multivitamins): not calcium. Other quinolones take moxifloxacin's rows for these; their
///   labels are not read, and several (ofloxacin) name calcium: named, no interval.
/// - Dolutegravir (§2, §7.3: cation-containing antacids or laxatives, sucralfate, supplements
///   containing iron or calcium; calcium or iron supplements may instead go with food): not
///   zinc alone.
/// - Levothyroxine (§7.1: calcium carbonate with ferrous sulfate among the binders at least
///   4 h apart; aluminium and magnesium antacids named without an interval): calcium and a
///   multivitamin with minerals (which carries calcium and iron) take the 4 h; an antacid or
///   magnesium is named without an interval; zinc is not named.
/// - Tetracyclines (antacids containing aluminium, calcium or magnesium, iron-containing
///   preparations, no interval), delayed-release risedronate ("at a different time of day"),
///   penicillamine (antacids, milk, iron), cefdinir (Al/Mg antacids, iron supplements): named.
/// - Entacapone, methyldopa and levodopa bind iron, not calcium: nothing here.
pub fn label_says(drug: Substance, intake: Substance) -> Option<LabelSays> {
    use LabelSays::*;
    use Substance::*;
    let cation = matches!(
        intake,
        DairyCalcium | Antacid | Magnesium | Zinc | Multivitamin
    );
    match drug {
        Bisphosphonate | Ibandronate if cation || matches!(intake, Food | Coffee | Tea) => {
            Some(Wait)
        }
        _ if !cation => None,
        Ciprofloxacin | Levofloxacin | Eltrombopag => Some(SameAsIron),
        Moxifloxacin if intake == DairyCalcium => None,
        Quinolone if intake == DairyCalcium => Some(NamedNoInterval),
        Moxifloxacin | Quinolone => Some(SameAsIron),
        IntegraseInhibitor if intake == Zinc => None,
        IntegraseInhibitor => Some(SameAsIron),
        Thyroid => match intake {
            DairyCalcium | Multivitamin => Some(SameAsIron),
            Antacid | Magnesium => Some(NamedNoInterval),
            _ => None,
        },
        Tetracycline if intake == Zinc => None,
        Tetracycline | RisedronateDelayedRelease => Some(NamedNoInterval),
        Penicillamine if matches!(intake, Antacid | DairyCalcium | Multivitamin) => {
            Some(NamedNoInterval)
        }
        Cefdinir if matches!(intake, Antacid | Multivitamin) => Some(NamedNoInterval),
        _ => None,
    }
}

/// One medicine the intake is too close to.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The regimen item's name, as the person entered it.
    pub medicine: String,
    /// The dose it is too close to (scheduled or logged).
    pub dose_at: DateTime<Utc>,
    /// From when the intake is clear of this dose; `None` where the label gives no interval.
    pub earliest_ok: Option<DateTime<Utc>>,
    /// The clash in words: the medicine, its label's rule and the safe times.
    pub message: String,
}

/// An intake checked against the medicines: the clashes at `at`, and every interval the
/// medicines around it block (open intervals), so the caller can find the earliest time that
/// is clear of all of them and of iron.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MedicineCheck {
    pub clashes: Vec<Clash>,
    pub blocks: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

/// The doses of `item` on the waking days around `date` (scheduled on its dose days, and
/// logged), earliest first, without repeats.
fn doses_around(diary: &Diary<'_>, item: &RegimenItem, date: NaiveDate) -> Vec<DateTime<Utc>> {
    let id = item.meta.id.to_string();
    let days = [date.pred_opt(), Some(date), date.succ_opt()];
    let mut out: Vec<DateTime<Utc>> = days
        .into_iter()
        .flatten()
        .filter(|d| dose_day(item, *d))
        .flat_map(|d| {
            let day = WakingDay::of(diary.profile, d);
            item.times.iter().map(move |t| day.place(*t))
        })
        .collect();
    let near = Duration::days(2);
    let wake = WakingDay::of(diary.profile, date).wake;
    out.extend(
        diary
            .events
            .iter()
            .filter(|e| matches!(&e.kind, EventKind::Dose { regimen_id } if *regimen_id == id))
            .filter(|e| (e.at - wake).abs() < near)
            .map(|e| e.at),
    );
    out.sort_unstable();
    out.dedup();
    out
}

/// The waking day (from one wake to the next) an instant falls in.
fn waking_date(diary: &Diary<'_>, t: DateTime<Utc>) -> NaiveDate {
    let local = t.with_timezone(&diary.profile.time_zone).date_naive();
    if t < WakingDay::of(diary.profile, local).wake {
        local.pred_opt().unwrap_or(local)
    } else {
        local
    }
}

/// Checks `intake` (called `name`) at `at` against every medicine or supplement in the regimen
/// whose label names it ([`label_says`]). For each medicine the dose nearest `at` that it
/// clashes with is reported once. A label interval blocks `(dose - after, dose + before)`
/// where the drug is taken `before` ahead of the intake or `after` behind it (its iron rows);
/// exactly at either edge is clear. A bisphosphonate's wait blocks `[dose, dose + wait)`. A
/// label without an interval clashes on the same waking day and gives no safe time.
pub fn against_medicines(
    diary: &Diary<'_>,
    intake: Substance,
    name: &str,
    at: DateTime<Utc>,
) -> MedicineCheck {
    let tz = diary.profile.time_zone;
    let hhmm = |t: DateTime<Utc>| t.with_timezone(&tz).format("%H:%M").to_string();
    let date = waking_date(diary, at);
    let mut out = MedicineCheck::default();
    for item in diary
        .regimen
        .iter()
        .filter(|r| matches!(r.kind, RegimenKind::Medication | RegimenKind::Supplement))
    {
        let Some(drug) = substance_of(item) else {
            continue;
        };
        let Some(says) = label_says(drug, intake) else {
            continue;
        };
        let g = drug.gap();
        let mut nearest: Option<Clash> = None;
        for dose in doses_around(diary, item, date) {
            let (lo, hi) = match says {
                LabelSays::SameAsIron => (dose - g.substance_after(), dose + g.iron_after()),
                LabelSays::Wait => (dose - Duration::seconds(1), dose + g.iron_after()),
                LabelSays::NamedNoInterval => {
                    if waking_date(diary, dose) == date {
                        let clash = Clash {
                            medicine: item.name.clone(),
                            dose_at: dose,
                            earliest_ok: None,
                            message: format!(
                                "{name} at {} is on the same day as your {} at {}: its label says these interact; ask your pharmacist how far apart",
                                hhmm(at),
                                item.name,
                                hhmm(dose)
                            ),
                        };
                        if nearest
                            .as_ref()
                            .is_none_or(|n| (dose - at).abs() < (n.dose_at - at).abs())
                        {
                            nearest = Some(clash);
                        }
                    }
                    continue;
                }
            };
            out.blocks.push((lo, hi));
            if !(lo < at && at < hi) {
                continue;
            }
            if nearest
                .as_ref()
                .is_some_and(|n| (n.dose_at - at).abs() <= (dose - at).abs())
            {
                continue;
            }
            let generic = super::catalog::generic_timed_as(&item.name, drug);
            let message = match says {
                LabelSays::Wait => format!(
                    "{name} at {} is within the wait after your {} at {}: {} nothing but plain water for at least {} after it, so have the {name} from {}",
                    hhmm(at),
                    item.name,
                    hhmm(dose),
                    asks(drug, generic),
                    span(g.iron_after()),
                    hhmm(hi)
                ),
                _ => format!(
                    "{name} at {} is too close to your {} at {}: {}{}, so have the {name} by {} or from {}",
                    hhmm(at),
                    item.name,
                    hhmm(dose),
                    apart_rule(drug, generic, &item.name, name),
                    with_food(drug, intake),
                    hhmm(lo),
                    hhmm(hi)
                ),
            };
            nearest = Some(Clash {
                medicine: item.name.clone(),
                dose_at: dose,
                earliest_ok: Some(hi),
                message,
            });
        }
        out.clashes.extend(nearest);
    }
    out
}

/// Who asks for the interval, by the drug's evidence rows: "its label asks for", or for an
/// interval not (yet) the drug's own label's, "QuietLegs asks (… ) for".
fn asks(drug: Substance, generic: &str) -> String {
    match drug.basis_for(generic) {
        EvidenceBasis::LabelInterval => "its label asks for".to_owned(),
        EvidenceBasis::LabelIntervalUnverified => {
            "QuietLegs asks (an interval still to be verified against its label) for".to_owned()
        }
        EvidenceBasis::BorrowedConvention => format!(
            "QuietLegs asks (a convention borrowed from {}'s label) for",
            drug.label_read_for()
                .map_or("another drug", |(lender, _)| lender)
        ),
        _ => "QuietLegs asks (a convention; its label gives no interval) for".to_owned(),
    }
}

/// The drug's interval for the intake, from its iron rows: "its label asks for Cipro at least
/// 2 h before antacid or at least 6 h after it".
fn apart_rule(drug: Substance, generic: &str, medicine: &str, intake: &str) -> String {
    let g = drug.gap();
    let who = asks(drug, generic);
    if g.iron_after() == g.substance_after() {
        format!(
            "{who} {medicine} and {intake} at least {} apart",
            span(g.iron_after())
        )
    } else {
        format!(
            "{who} {medicine} at least {} before {intake} or at least {} after it",
            span(g.iron_after()),
            span(g.substance_after())
        )
    }
}

/// Dolutegravir's label lets calcium or iron supplements be taken together with food instead.
fn with_food(drug: Substance, intake: Substance) -> &'static str {
    if drug == Substance::IntegraseInhibitor
        && matches!(intake, Substance::DairyCalcium | Substance::Multivitamin)
    {
        " (or both together with a meal, which its label allows for calcium and iron supplements)"
    } else {
        ""
    }
}
