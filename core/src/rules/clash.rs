//! An intake against the person's other medicines (SPEC §2.2, issue #15): calcium, dairy, an
//! antacid, magnesium, zinc or a multivitamin with minerals near a medicine whose label names
//! them (quinolones, integrase inhibitors, levothyroxine, eltrombopag, tetracyclines…), and any
//! food or drink but plain water in a bisphosphonate's wait. The interval is the drug's own
//! evidence row where its label gives the same interval for these as for iron; where the label
//! names the interaction without an interval, no number is made up: the person is asked to
//! check with their pharmacist. The medicine keeps its time: only the intake moves.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::day::{span, WakingDay};
use super::interactions::{calcium_form, substance_of, CalciumForm};
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
///
/// Dairy food shares the calcium intake (`Substance::DairyCalcium`), but only eltrombopag's
/// label names it with its interval: near the others, milk keeps the calcium interval as a
/// convention, said so, never as the label's (see [`against_medicines`], issue #15).
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
    /// The clash in words: the medicine, its label's rule and the safe times (see
    /// [`Clash::message`] for the sentence said alone).
    pub text: String,
    /// What the interval rests on for this intake: the drug's evidence row, except
    /// [`EvidenceBasis::Convention`] where the label names the interaction without an interval
    /// or gives its interval for something else (milk near levothyroxine: the label names
    /// calcium carbonate, not dairy food).
    pub basis: EvidenceBasis,
}

impl Clash {
    /// The clash said alone (a logged intake's warning): with an interval, it ends by asking
    /// to discuss the timing with the pharmacist; without one it already asks how far apart.
    pub fn message(&self) -> String {
        if self.earliest_ok.is_some() {
            format!("{}; {PHARMACIST}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// How every clash with an interval ends: a warning to discuss, never to stop anything.
pub const PHARMACIST: &str = "discuss the timing with your pharmacist";

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

/// The waking day an instant counts for, split in the middle of the night as the planner
/// splits it (an intake or dose at 05:30 before a 06:30 wake is that morning's).
fn waking_date(diary: &Diary<'_>, t: DateTime<Utc>) -> NaiveDate {
    super::regimen::dose_date(diary.profile, t)
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
    let hhmm = |t: DateTime<Utc>| crate::model::time::format_instant_clock(t, tz);
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
                            basis: EvidenceBasis::Convention,
                            text: format!(
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
            // A label interval for calcium is not one for dairy food unless the label names it.
            let dairy = (intake == Substance::DairyCalcium && !label_names_dairy(drug))
                .then(|| calcium_form(name))
                .filter(|f| *f != CalciumForm::Supplement);
            let basis = match dairy {
                Some(CalciumForm::DairyFood) => EvidenceBasis::Convention,
                _ => drug.basis_for(generic),
            };
            let text = match says {
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
                    "{name} at {} is too close to your {} at {}: {}, so have the {name} by {} or from {}",
                    hhmm(at),
                    item.name,
                    hhmm(dose),
                    match dairy {
                        Some(CalciumForm::DairyFood) =>
                            dairy_convention(drug, generic, &item.name, name),
                        Some(_) => format!(
                            "{}{}; QuietLegs keeps milk and other dairy food the same distance (a convention: the label does not name dairy)",
                            apart_rule(drug, generic, &item.name, label_calcium(drug)),
                            with_food(drug, intake),
                        ),
                        None => format!(
                            "{}{}",
                            apart_rule(drug, generic, &item.name, name),
                            with_food(drug, intake)
                        ),
                    },
                    hhmm(lo),
                    hhmm(hi)
                ),
            };
            nearest = Some(Clash {
                medicine: item.name.clone(),
                dose_at: dose,
                earliest_ok: Some(hi),
                text,
                basis,
            });
        }
        out.clashes.extend(nearest);
    }
    out
}

/// Checks a medicine or supplement (called `name`, of timing substance `substance` if it has
/// one) taken at `at` against the first-thing medicines of the regimen (alendronate,
/// risedronate, ibandronate): inside one's wait, from its dose to the end of its evidence row
/// (30 min, ibandronate 60 min), its label asks for it first and any other medicine after the
/// wait (SPEC §2.2, issue #15). Both medicines keep their times, so no earliest time is given:
/// the pharmacist or doctor is asked. A bisphosphonate is not checked against itself or
/// another bisphosphonate (two of them are a question for the prescriber, not of timing).
pub fn in_first_thing_wait(
    diary: &Diary<'_>,
    substance: Option<Substance>,
    name: &str,
    at: DateTime<Utc>,
) -> Vec<Clash> {
    let tz = diary.profile.time_zone;
    let hhmm = |t: DateTime<Utc>| crate::model::time::format_instant_clock(t, tz);
    let date = waking_date(diary, at);
    let mut out = Vec::new();
    if substance.is_some_and(|s| s.gap().first_thing) {
        return out;
    }
    for item in diary
        .regimen
        .iter()
        .filter(|r| matches!(r.kind, RegimenKind::Medication | RegimenKind::Supplement))
    {
        let Some(drug) = substance_of(item).filter(|s| s.gap().first_thing) else {
            continue;
        };
        let wait = drug.gap().iron_after();
        let Some(dose) = doses_around(diary, item, date)
            .into_iter()
            .find(|d| *d <= at && at < *d + wait)
        else {
            continue;
        };
        out.push(Clash {
            medicine: item.name.clone(),
            dose_at: dose,
            earliest_ok: None,
            basis: drug.basis_for(super::catalog::generic_timed_as(&item.name, drug)),
            text: format!(
                "{name} at {} is within the wait after your {} at {}: {}; {}",
                hhmm(at),
                item.name,
                hhmm(dose),
                first_thing_ask(drug, &item.name),
                FIRST_THING_ASK_WHO
            ),
        });
    }
    out
}

/// How a medicine inside a first-thing medicine's wait ends: both keep their times.
pub const FIRST_THING_ASK_WHO: &str =
    "discuss the timing with your pharmacist or doctor (QuietLegs keeps the times you were given)";

/// What the label of a first-thing medicine (`drug`, entered as `medicine`) asks of any other
/// medicine: "the Fosamax label asks for it first, on an empty stomach, and any other medicine
/// at least 30 min after it", the interval from its evidence row.
pub fn first_thing_ask(drug: Substance, medicine: &str) -> String {
    let generic = super::catalog::generic_timed_as(medicine, drug);
    let rest = format!(
        "first, on an empty stomach, and any other medicine at least {} after it",
        span(drug.gap().iron_after())
    );
    let who = asks(drug, generic);
    match who.strip_prefix("its label") {
        Some(asks_for) => format!("the {medicine} label{asks_for} it {rest}"),
        None => format!("{who} {medicine} {rest}"),
    }
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
    format!(
        "{} {}",
        asks(drug, generic),
        interval(drug, medicine, intake)
    )
}

/// "Cipro at least 2 h before antacid or at least 6 h after it", from the drug's iron rows.
fn interval(drug: Substance, medicine: &str, intake: &str) -> String {
    let g = drug.gap();
    if g.iron_after() == g.substance_after() {
        format!(
            "{medicine} and {intake} at least {} apart",
            span(g.iron_after())
        )
    } else {
        format!(
            "{medicine} at least {} before {intake} or at least {} after it",
            span(g.iron_after()),
            span(g.substance_after())
        )
    }
}

/// Whether the drug's label gives its cation interval for dairy food too (PROMACTA: "antacids,
/// dairy products and mineral supplements"); the others name calcium products only, or dairy
/// without an interval (CIPRO: not with dairy alone), or nothing for calcium.
fn label_names_dairy(drug: Substance) -> bool {
    drug == Substance::Eltrombopag
}

/// What the drug's label names where it gives its interval for calcium (the evidence rows'
/// label sections): levothyroxine the calcium carbonate of its binder row, ciprofloxacin
/// products containing calcium, the others calcium supplements.
fn label_calcium(drug: Substance) -> &'static str {
    match drug {
        Substance::Thyroid => "calcium carbonate",
        Substance::Ciprofloxacin => "products containing calcium",
        _ => "calcium supplements",
    }
}

/// The interval kept for dairy food (`intake`, as typed) near a drug whose label gives it for
/// calcium only: the same interval, said as a convention, never as the label's (issue #15).
fn dairy_convention(drug: Substance, generic: &str, medicine: &str, intake: &str) -> String {
    let calcium = label_calcium(drug);
    let whose = match drug.basis_for(generic) {
        EvidenceBasis::BorrowedConvention => format!(
            "borrowed from {}'s label, which gives it for {calcium}",
            drug.label_read_for()
                .map_or("another drug", |(lender, _)| lender)
        ),
        EvidenceBasis::LabelInterval | EvidenceBasis::LabelIntervalUnverified => {
            format!("its label gives this interval for {calcium}")
        }
        _ => "its label gives no interval".to_owned(),
    };
    format!(
        "QuietLegs asks (a convention: {whose}, not for milk or other dairy food) for {}",
        interval(drug, medicine, intake)
    )
}

/// Dolutegravir's label lets calcium or iron supplements be taken together with food instead
/// (not said for dairy food, which its label does not name).
fn with_food(drug: Substance, intake: Substance) -> &'static str {
    if drug == Substance::IntegraseInhibitor
        && matches!(intake, Substance::DairyCalcium | Substance::Multivitamin)
    {
        " (or both together with a meal, which its label allows for calcium and iron supplements)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use chrono::{NaiveTime, TimeZone};

    use super::*;
    use crate::model::{Event, Profile, RecordMeta, StartSource};
    use crate::rules::check::{check_intake, IntakeCheck};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap()
    }

    /// A daily medicine at `h:m` from 2026-11-01.
    fn med(name: &str, h: u32, m: u32) -> RegimenItem {
        RegimenItem {
            meta: RecordMeta::new(at(0, 0), "t"),
            kind: RegimenKind::Medication,
            name: name.into(),
            dose_mg: None,
            times: vec![NaiveTime::from_hms_opt(h, m, 0).unwrap()],
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: "2026-11-01".parse().unwrap(),
            stop_date: None,
            start_source: StartSource::Given,
        }
    }

    /// `intake` at `h:m` on 2026-11-21 (wake 07:00, bed 23:00, UTC, no meals) with `regimen`.
    fn check(regimen: &[RegimenItem], intake: Substance, h: u32, m: u32) -> IntakeCheck {
        check_with(regimen, &[], intake, h, m)
    }

    fn check_with(
        regimen: &[RegimenItem],
        events: &[Event],
        intake: Substance,
        h: u32,
        m: u32,
    ) -> IntakeCheck {
        let p = Profile::default();
        let diary = Diary {
            profile: &p,
            regimen,
            habits: &[],
            events,
            labs: &[],
        };
        check_intake(&diary, intake, at(h, m))
    }

    /// The conflict's message and earliest time, or a failure naming what was expected.
    fn conflict(c: IntakeCheck, what: &str) -> (String, Option<DateTime<Utc>>, Vec<String>) {
        match c {
            IntakeCheck::Conflict {
                message,
                earliest_ok,
                medicines,
                iron_at,
                ..
            } => {
                assert_eq!(iron_at, None, "no iron in these diaries: {message}");
                (message, earliest_ok, medicines)
            }
            IntakeCheck::Fine { message } => panic!("{what}: expected a clash, got {message}"),
        }
    }

    /// The doses of `regimen` an antacid at `t` on 2026-11-21 is named against (default
    /// profile), nearest first as [`against_medicines`] reports them.
    fn antacid_clashes(regimen: &[RegimenItem], t: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let p = Profile::default();
        let diary = Diary {
            profile: &p,
            regimen,
            habits: &[],
            events: &[],
            labs: &[],
        };
        against_medicines(&diary, Substance::Antacid, "antacid", t)
            .clashes
            .iter()
            .map(|c| c.dose_at)
            .collect()
    }

    fn fine(c: IntakeCheck) -> String {
        match c {
            IntakeCheck::Fine { message } => message,
            other => panic!("expected ok: {other:?}"),
        }
    }

    /// The reviewer's first case: calcium half an hour after a 07:00 levothyroxine, no iron.
    /// Levothyroxine's label keeps calcium 4 h apart (its 240 min row): clear at 03:00 and at
    /// 11:00 exactly, not a minute inside.
    #[test]
    fn calcium_after_levothyroxine_waits_its_label_interval() {
        let r = [med("levothyroxine", 7, 0)];
        let (msg, earliest, meds) = conflict(check(&r, Substance::DairyCalcium, 7, 30), "calcium");
        assert_eq!(earliest, Some(at(11, 0)));
        assert_eq!(meds.len(), 1);
        for part in [
            "levothyroxine at 07:00",
            // The log's "dairy or calcium": the label's interval for what it names, the same
            // distance for dairy said as a convention (issue #15).
            "its label asks for levothyroxine and calcium carbonate at least 4 h apart; QuietLegs keeps milk and other dairy food the same distance (a convention",
            "by 03:00 or from 11:00",
            "no iron dose that day to protect",
            "pharmacist",
        ] {
            assert!(msg.contains(part), "{part:?} in {msg}");
        }
        assert!(!msg.to_lowercase().contains("stop"), "{msg}");
        fine(check(&r, Substance::DairyCalcium, 11, 0));
        fine(check(&r, Substance::DairyCalcium, 3, 0));
        conflict(
            check(&r, Substance::DairyCalcium, 10, 59),
            "a minute inside",
        );
        conflict(check(&r, Substance::DairyCalcium, 3, 1), "a minute inside");
        // Levothyroxine's label names aluminium/magnesium antacids without an interval: a
        // warning with no number and no safe time.
        let (msg, earliest, _) = conflict(check(&r, Substance::Antacid, 15, 0), "antacid");
        assert!(
            msg.contains("its label says these interact; ask your pharmacist how far apart"),
            "{msg}"
        );
        assert_eq!(earliest, None);
        // Coffee is not a cation: nothing to say for levothyroxine here.
        fine(check(&r, Substance::Coffee, 7, 30));
    }

    /// Ciprofloxacin at 08:00: an antacid at 09:00 is inside its 2 h before / 6 h after
    /// (CIPRO §2.4, its rows 120 and 360 min); 02:00 and 10:00 exactly are clear.
    #[test]
    fn an_antacid_near_ciprofloxacin_takes_its_label_interval() {
        let r = [med("Cipro", 8, 0)];
        let (msg, earliest, _) = conflict(check(&r, Substance::Antacid, 9, 0), "antacid");
        assert_eq!(earliest, Some(at(10, 0)));
        assert!(
            msg.contains("your Cipro at 08:00: its label asks for Cipro at least 2 h before antacid or at least 6 h after it, so have the antacid by 02:00 or from 10:00"),
            "{msg}"
        );
        fine(check(&r, Substance::Antacid, 10, 0));
        fine(check(&r, Substance::Antacid, 2, 0));
        conflict(
            check(&r, Substance::Antacid, 2, 1),
            "6 h before less a minute",
        );
        // Zinc and calcium are named by the same sentence.
        conflict(check(&r, Substance::Zinc, 9, 0), "zinc");
        conflict(
            check(&r, Substance::DairyCalcium, 7, 0),
            "calcium an hour before",
        );
    }

    /// Dolutegravir at 09:00, calcium at 09:30: 2 h before or 6 h after (TIVICAY §2, §7.3),
    /// or both with a meal, which the message offers.
    #[test]
    fn calcium_near_dolutegravir_takes_its_label_interval_or_a_meal() {
        let r = [med("dolutegravir", 9, 0)];
        let (msg, earliest, _) = conflict(check(&r, Substance::DairyCalcium, 9, 30), "calcium");
        assert_eq!(earliest, Some(at(11, 0)));
        assert!(
            msg.contains("at least 2 h before calcium supplements or at least 6 h after it"),
            "{msg}"
        );
        assert!(msg.contains("together with a meal"), "{msg}");
        fine(check(&r, Substance::DairyCalcium, 11, 0));
        fine(check(&r, Substance::DairyCalcium, 3, 0));
        // An antacid is not offered the meal.
        let (msg, _, _) = conflict(check(&r, Substance::Antacid, 9, 30), "antacid");
        assert!(!msg.contains("meal"), "{msg}");
        // Zinc alone is not named by its label.
        fine(check(&r, Substance::Zinc, 9, 30));
    }

    /// Alendronate at 07:00: coffee at 07:10 is inside its 30 min wait; 07:30 is clear, and
    /// at the very minute of the dose it is not; ibandronate waits 60 min.
    #[test]
    fn coffee_in_a_bisphosphonates_wait_clashes() {
        let r = [med("alendronate", 7, 0)];
        let (msg, earliest, _) = conflict(check(&r, Substance::Coffee, 7, 10), "coffee");
        assert_eq!(earliest, Some(at(7, 30)));
        assert!(
            msg.contains("within the wait after your alendronate at 07:00: its label asks for nothing but plain water for at least 30 min after it, so have the coffee from 07:30"),
            "{msg}"
        );
        fine(check(&r, Substance::Coffee, 7, 30));
        conflict(check(&r, Substance::Coffee, 7, 0), "with the dose");
        conflict(check(&r, Substance::Food, 7, 29), "breakfast in the wait");
        let r = [med("ibandronate", 7, 0)];
        let (_, earliest, _) = conflict(check(&r, Substance::Tea, 7, 45), "tea");
        assert_eq!(earliest, Some(at(8, 0)));
        fine(check(&r, Substance::Tea, 8, 0));
    }

    /// Entacapone and methyldopa bind iron, not calcium; levodopa's label names iron only.
    #[test]
    fn medicines_that_bind_iron_only_do_not_clash_with_calcium() {
        let r = [
            med("entacapone", 8, 0),
            med("methyldopa", 8, 0),
            med("levodopa", 8, 0),
        ];
        let msg = fine(check(&r, Substance::DairyCalcium, 8, 30));
        assert!(msg.contains("no iron dose that day"), "{msg}");
    }

    /// Levothyroxine at 07:00 and Cipro at 08:00, calcium at 08:30: both named, and the
    /// earliest time clear of both is 11:00 (levothyroxine's end, past Cipro's 10:00).
    #[test]
    fn several_clashes_are_all_named_with_one_earliest_time() {
        let r = [med("levothyroxine", 7, 0), med("Cipro", 8, 0)];
        let (msg, earliest, meds) = conflict(check(&r, Substance::DairyCalcium, 8, 30), "calcium");
        assert_eq!(meds.len(), 2, "{msg}");
        assert_eq!(earliest, Some(at(11, 0)));
        assert!(
            msg.contains("levothyroxine at 07:00") && msg.contains("Cipro at 08:00"),
            "{msg}"
        );
        assert!(
            msg.contains("the earliest time that does not conflict is 11:00"),
            "{msg}"
        );
    }

    /// With iron planned too: calcium at 10:30 is before the 11:00 iron (planned 4 h after the
    /// 07:00 levothyroxine) and inside levothyroxine's 4 h; the answer names both and its
    /// earliest time is clear of both (13:00, 2 h after iron).
    #[test]
    fn an_iron_conflict_names_the_medicine_clash_as_well() {
        let mut iron = med("Iron", 0, 0);
        iron.kind = RegimenKind::Iron;
        iron.times.clear();
        let r = [med("levothyroxine", 7, 0), iron];
        match check(&r, Substance::DairyCalcium, 10, 30) {
            IntakeCheck::Conflict {
                message,
                iron_at,
                earliest_ok,
                medicines,
                ..
            } => {
                assert_eq!(iron_at, Some(at(11, 0)), "{message}");
                assert_eq!(earliest_ok, Some(at(13, 0)), "{message}");
                assert_eq!(medicines.len(), 1, "{message}");
                assert!(
                    message.contains("iron dose planned at 11:00")
                        && message.contains("levothyroxine at 07:00"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// Calcium at 08:00 after a 07:00 levothyroxine is clear of the iron planned at 11:00, but
    /// levothyroxine's own safe time, 11:00, is inside iron's 2 h: the earliest time offered
    /// is the one clear of both, 13:00.
    #[test]
    fn the_earliest_time_offered_is_clear_of_iron_too() {
        let mut iron = med("Iron", 0, 0);
        iron.kind = RegimenKind::Iron;
        iron.times.clear();
        let r = [med("levothyroxine", 7, 0), iron];
        match check(&r, Substance::DairyCalcium, 8, 0) {
            IntakeCheck::Conflict {
                message,
                iron_at,
                earliest_ok,
                ..
            } => {
                assert_eq!(iron_at, None, "{message}");
                assert_eq!(earliest_ok, Some(at(13, 0)), "{message}");
                assert!(
                    message
                        .contains("from 11:00; the earliest time that does not conflict is 13:00")
                        && message.contains("clear of your iron dose at 11:00"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// Doxycycline's label names antacids, calcium and iron without an interval: a warning on
    /// its day, no number, no safe time; zinc is not named.
    #[test]
    fn a_label_without_an_interval_asks_the_pharmacist() {
        let r = [med("doxycycline", 8, 0)];
        let (msg, earliest, _) = conflict(check(&r, Substance::DairyCalcium, 15, 0), "milk");
        assert_eq!(earliest, None);
        assert!(msg.contains("doxycycline at 08:00"), "{msg}");
        assert!(!msg.contains(" h "), "no interval is made up: {msg}");
        fine(check(&r, Substance::Zinc, 8, 30));
    }

    /// A dose logged at another time than the scheduled one binds as well.
    #[test]
    fn a_logged_dose_binds_too() {
        let item = med("Cipro", 8, 0);
        let dose = Event {
            meta: RecordMeta::new(at(0, 0), "t"),
            at: at(13, 0),
            kind: EventKind::Dose {
                regimen_id: item.meta.id.to_string(),
            },
            note: None,
            warnings: vec![],
        };
        let (msg, earliest, _) = conflict(
            check_with(&[item], &[dose], Substance::Antacid, 14, 0),
            "antacid after the logged dose",
        );
        assert_eq!(earliest, Some(at(15, 0)), "{msg}");
    }

    /// Issue #15 (fresh review): Euthyrox at 07:10 after a weekly Fosamax at 07:00 was "ok".
    /// The alendronate label asks for it first and any other medicine at least 30 min after
    /// it: a note (both keep their times, no earliest time), on its dose days only; 07:30 is
    /// clear. A medicine with no iron rule gets the same note.
    #[test]
    fn a_medicine_inside_a_bisphosphonates_wait_gets_a_note() {
        let mut fosamax = med("Fosamax", 7, 0);
        fosamax.every_n_days = 7;
        fosamax.start_date = "2026-11-21".parse().unwrap();
        let r = [fosamax];
        let p = Profile::default();
        let diary = Diary {
            profile: &p,
            regimen: &r,
            habits: &[],
            events: &[],
            labs: &[],
        };
        let euthyrox = |day: u32, h, m| {
            crate::rules::check::check_named(
                &diary,
                Substance::Thyroid,
                "Euthyrox",
                Utc.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap(),
            )
        };
        let (msg, earliest, meds) = conflict(euthyrox(21, 7, 10), "Euthyrox in the wait");
        assert_eq!(earliest, None, "{msg}");
        assert_eq!(meds.len(), 1, "{msg}");
        for part in [
            "Euthyrox at 07:10 is within the wait after your Fosamax at 07:00",
            "the Fosamax label asks for it first, on an empty stomach, and any other medicine at least 30 min after it",
            "discuss the timing with your pharmacist or doctor",
        ] {
            assert!(msg.contains(part), "{part:?} in {msg}");
        }
        assert!(!msg.to_lowercase().contains("stop"), "{msg}");
        fine(euthyrox(21, 7, 30));
        fine(euthyrox(22, 7, 10));
        fine(euthyrox(28, 6, 59));
        conflict(euthyrox(28, 7, 0), "taken together with Fosamax");
        let other = |h, m| {
            crate::rules::check::check_untimed_medicine(
                &diary,
                "gabapentin",
                "gabapentin does not change when iron is absorbed".into(),
                at(h, m),
            )
        };
        let (msg, _, _) = conflict(other(7, 29), "gabapentin in the wait");
        assert!(msg.contains("after your Fosamax at 07:00"), "{msg}");
        fine(other(7, 30));
        // A bisphosphonate is not checked against itself or another one.
        fine(crate::rules::check::check_named(
            &diary,
            Substance::Bisphosphonate,
            "Fosamax",
            at(7, 10),
        ));
        fine(crate::rules::check::check_named(
            &diary,
            Substance::Ibandronate,
            "ibandronate",
            at(7, 10),
        ));
    }

    /// Issue #15 (fresh review): "its label asks for Euthyrox and milk (dairy) at least 4 h
    /// apart". The levothyroxine label gives 4 h for calcium carbonate, Tivicay's for calcium
    /// supplements: for milk the same interval is kept but said as a convention, with what the
    /// label names; calcium typed as such keeps the label's words; eltrombopag's label names
    /// dairy products, so milk takes its label interval.
    #[test]
    fn milk_keeps_a_calcium_interval_as_a_convention_not_as_the_label() {
        let p = Profile::default();
        let named = |r: &[RegimenItem], name: &str, h, m| {
            let diary = Diary {
                profile: &p,
                regimen: r,
                habits: &[],
                events: &[],
                labs: &[],
            };
            against_medicines(&diary, Substance::DairyCalcium, name, at(h, m)).clashes
        };
        let r = [med("Euthyrox", 7, 0)];
        let milk = named(&r, "milk (dairy)", 7, 30);
        assert_eq!(milk.len(), 1);
        assert_eq!(milk[0].basis, EvidenceBasis::Convention);
        assert_eq!(milk[0].earliest_ok, Some(at(11, 0)), "the same interval");
        assert!(
            milk[0].text.contains("QuietLegs asks (a convention: its label gives this interval for calcium carbonate, not for milk or other dairy food) for Euthyrox and milk (dairy) at least 4 h apart"),
            "{}",
            milk[0].text
        );
        assert!(!milk[0].text.contains("its label asks"), "{}", milk[0].text);
        let calcium = named(&r, "calcium", 7, 30);
        assert_eq!(calcium[0].basis, EvidenceBasis::LabelInterval);
        assert!(
            calcium[0]
                .text
                .contains("its label asks for Euthyrox and calcium at least 4 h apart"),
            "{}",
            calcium[0].text
        );
        let r = [med("Tivicay", 20, 0)];
        let milk = named(&r, "milk (dairy)", 19, 0);
        assert_eq!(milk[0].basis, EvidenceBasis::Convention);
        assert_eq!(milk[0].earliest_ok, Some(at(22, 0)));
        for part in ["its label asks", "together with a meal"] {
            assert!(!milk[0].text.contains(part), "{part:?} in {}", milk[0].text);
        }
        assert!(
            milk[0]
                .text
                .contains("for calcium supplements, not for milk"),
            "{}",
            milk[0].text
        );
        // Ciprofloxacin's label gives its interval for products containing calcium (mutation
        // run: 422:9, the arm deleted).
        let r = [med("ciprofloxacin", 8, 0)];
        let milk = named(&r, "milk (dairy)", 9, 0);
        assert!(
            milk[0]
                .text
                .contains("for products containing calcium, not for milk"),
            "{}",
            milk[0].text
        );
        // Bictegravir borrows dolutegravir's interval, which its label gives for calcium
        // supplements (mutation run: 432:9, the arm deleted).
        let r = [med("bictegravir", 20, 0)];
        let milk = named(&r, "milk (dairy)", 19, 0);
        assert!(
            milk[0].text.contains(
                "borrowed from dolutegravir's label, which gives it for calcium supplements"
            ),
            "{}",
            milk[0].text
        );
        let r = [med("eltrombopag", 7, 0)];
        let milk = named(&r, "milk (dairy)", 8, 0);
        assert_eq!(milk[0].basis, EvidenceBasis::LabelInterval);
        assert!(milk[0].text.contains("its label asks for eltrombopag"));
    }

    #[test]
    fn the_label_table_follows_each_label() {
        use LabelSays::*;
        use Substance::*;
        assert_eq!(label_says(Moxifloxacin, DairyCalcium), None);
        assert_eq!(label_says(Moxifloxacin, Multivitamin), Some(SameAsIron));
        assert_eq!(label_says(Quinolone, DairyCalcium), Some(NamedNoInterval));
        assert_eq!(label_says(Eltrombopag, Zinc), Some(SameAsIron));
        assert_eq!(label_says(Thyroid, Zinc), None);
        assert_eq!(label_says(Thyroid, Coffee), None);
        assert_eq!(label_says(Bisphosphonate, Food), Some(Wait));
        assert_eq!(label_says(Ibandronate, Zinc), Some(Wait));
        // Another medicine in a bisphosphonate's wait is [`in_first_thing_wait`]'s rule, not
        // this table's (mutation run: the guard made `true` was missed).
        assert_eq!(label_says(Bisphosphonate, Levodopa), None);
        assert_eq!(label_says(Ibandronate, Thyroid), None);
        assert_eq!(label_says(RisedronateDelayedRelease, Food), None);
        assert_eq!(label_says(Entacapone, Multivitamin), None);
        // A quinolone whose label is not read names calcium without an interval, but takes
        // moxifloxacin's interval for the rest (mutation run: 73:22).
        assert_eq!(label_says(Quinolone, Multivitamin), Some(SameAsIron));
        // Penicillamine's label names antacids, milk and iron, not zinc (84:26).
        assert_eq!(label_says(Penicillamine, Antacid), Some(NamedNoInterval));
        assert_eq!(
            label_says(Penicillamine, Multivitamin),
            Some(NamedNoInterval)
        );
        assert_eq!(label_says(Penicillamine, Zinc), None);
        // Cefdinir's label names Al/Mg antacids and iron supplements (87:21).
        assert_eq!(label_says(Cefdinir, Antacid), Some(NamedNoInterval));
        assert_eq!(label_says(Cefdinir, DairyCalcium), None);
    }

    /// Levothyroxine (its label names antacids without an interval) and ciprofloxacin (2 h
    /// before / 6 h after) both near an antacid: the clash with an interval still makes it a
    /// wait with a time, said to clear only the intervals the labels give.
    #[test]
    fn a_clash_without_an_interval_does_not_hide_one_with_an_interval() {
        let r = [med("levothyroxine", 7, 0), med("Cipro", 8, 0)];
        let (msg, earliest, _) = conflict(check(&r, Substance::Antacid, 9, 0), "antacid");
        assert_eq!(earliest, Some(at(10, 0)), "{msg}");
        for part in [
            "its label says these interact; ask your pharmacist how far apart",
            "so have the antacid by 02:00 or from 10:00",
            "the earliest time clear of the intervals the labels give is 10:00",
        ] {
            assert!(msg.contains(part), "{part:?} in {msg}");
        }
    }

    /// A label that names the interaction without an interval clashes on the dose's own waking
    /// day only, and names the nearest dose of that day (the earlier on a tie): doxycycline at
    /// 08:00 and 20:00, every other day from 2026-11-21 (mutation run: 204:49, 219:63).
    #[test]
    fn a_label_without_an_interval_names_the_nearest_dose_of_that_day_only() {
        let mut doxy = med("doxycycline", 8, 0);
        doxy.times.push(NaiveTime::from_hms_opt(20, 0, 0).unwrap());
        doxy.every_n_days = 2;
        doxy.start_date = "2026-11-21".parse().unwrap();
        let r = [doxy];
        let nearest = |t| antacid_clashes(&r, t);
        assert_eq!(nearest(at(19, 0)), vec![at(20, 0)]);
        assert_eq!(nearest(at(9, 0)), vec![at(8, 0)]);
        assert_eq!(
            nearest(at(14, 0)),
            vec![at(8, 0)],
            "a tie names the earlier dose"
        );
        // 2026-11-22 is no dose day: yesterday's doses are another day's.
        let next_day = at(12, 0) + Duration::days(1);
        assert!(nearest(next_day).is_empty());
    }

    /// Who asks for an interval follows the drug's evidence rows: the label only where its
    /// interval was read in that drug's own label, never for a borrowed or unverified one
    /// (mutation run: the `LabelIntervalUnverified` and `BorrowedConvention` arms of `asks`).
    #[test]
    fn who_asks_follows_the_evidence_basis() {
        use Substance::*;
        assert_eq!(asks(Ciprofloxacin, "ciprofloxacin"), "its label asks for");
        let unverified = asks(Penicillamine, "penicillamine");
        assert!(
            unverified.contains("still to be verified against its label"),
            "{unverified}"
        );
        let borrowed = asks(Quinolone, "ofloxacin");
        assert!(
            borrowed.contains("borrowed from moxifloxacin's label"),
            "{borrowed}"
        );
        let borrowed = asks(IntegraseInhibitor, "bictegravir");
        assert!(
            borrowed.contains("borrowed from dolutegravir's label"),
            "{borrowed}"
        );
    }

    /// Of two doses whose label interval both hold an intake, the nearer is named: ciprofloxacin at 08:00 and 12:00 blocks an antacid from 6 h before to 2 h
    /// after each (mutation run: 233:57).
    #[test]
    fn of_two_doses_in_reach_the_nearer_is_named() {
        let mut cipro = med("ciprofloxacin", 8, 0);
        cipro.times.push(NaiveTime::from_hms_opt(12, 0, 0).unwrap());
        let r = [cipro];
        let named = |t| antacid_clashes(&r, t);
        assert_eq!(named(at(9, 0)), vec![at(8, 0)]);
        assert_eq!(named(at(11, 0)), vec![at(12, 0)]);
        // Exactly 2 h after the 08:00 dose is clear of it: only 12:00's interval holds.
        assert_eq!(named(at(10, 0)), vec![at(12, 0)]);
    }
}
