//! What interferes with iron absorption, and by how long (SPEC §2.2).

use chrono::Duration;
use serde::Serialize;

use super::catalog::{self, DrugClass, EvidenceBasis};
use super::day::span;
use crate::evidence::{self as ev, minutes, Evidence, Source};
use crate::model::{IntakeKind, RegimenItem, RegimenKind};

/// Something whose timing matters for iron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Substance {
    Food,
    Coffee,
    Tea,
    DairyCalcium,
    Antacid,
    Magnesium,
    Thyroid,
    Levodopa,
    /// A quinolone whose own label is not in the table: the strictest quinolone interval.
    Quinolone,
    Tetracycline,
    /// Alendronate or immediate-release risedronate: first thing, 30 min before anything else.
    Bisphosphonate,
    Ciprofloxacin,
    Levofloxacin,
    Moxifloxacin,
    /// Ibandronate tablets: first thing, 60 min before anything else.
    Ibandronate,
    /// Delayed-release risedronate, taken after breakfast: iron at another time of day.
    RisedronateDelayedRelease,
    IntegraseInhibitor,
    Entacapone,
    Methyldopa,
    Penicillamine,
    Cefdinir,
    Eltrombopag,
    Zinc,
    /// A multivitamin with minerals.
    Multivitamin,
}

/// How far apart iron and a substance must be: iron may not be taken in
/// `(substance - substance_after_iron, substance + iron_after_substance)`.
#[derive(Debug, Clone, Copy)]
pub struct Gap {
    /// Iron waits this long after the substance.
    pub iron_after: Evidence,
    /// The substance waits this long after iron (None: no rule).
    pub substance_after: Option<Evidence>,
    /// Taken first thing on waking (bisphosphonates): iron is never planned between waking and
    /// the end of `iron_after`, and the substance is never taken after iron on the same day.
    pub first_thing: bool,
}

impl Gap {
    pub fn iron_after(&self) -> Duration {
        minutes(self.iron_after)
    }
    pub fn substance_after(&self) -> Duration {
        self.substance_after
            .map(minutes)
            .unwrap_or_else(Duration::zero)
    }
}

impl Substance {
    pub fn gap(self) -> Gap {
        use Substance::*;
        let both = |e| Gap {
            iron_after: e,
            substance_after: Some(e),
            first_thing: false,
        };
        let split = |iron_after, substance_after| Gap {
            iron_after,
            substance_after: Some(substance_after),
            first_thing: false,
        };
        let first_thing = |e| Gap {
            iron_after: e,
            substance_after: None,
            first_thing: true,
        };
        match self {
            Food => split(ev::IRON_AFTER_FOOD_MIN, ev::FOOD_AFTER_IRON_MIN),
            Coffee | Tea | DairyCalcium => both(ev::IRON_APART_FROM_COFFEE_TEA_DAIRY_MIN),
            Antacid | Magnesium => both(ev::IRON_APART_FROM_ANTACID_MAGNESIUM_MIN),
            Zinc | Multivitamin => both(ev::IRON_APART_FROM_ZINC_MULTIVITAMIN_MIN),
            Thyroid => both(ev::IRON_APART_FROM_THYROID_MIN),
            Levodopa => both(ev::IRON_APART_FROM_LEVODOPA_MIN),
            Methyldopa => both(ev::IRON_APART_FROM_METHYLDOPA_MIN),
            Entacapone => both(ev::IRON_APART_FROM_ENTACAPONE_MIN),
            Penicillamine => both(ev::IRON_APART_FROM_PENICILLAMINE_MIN),
            Cefdinir => both(ev::IRON_APART_FROM_CEFDINIR_MIN),
            Eltrombopag => split(
                ev::IRON_AFTER_ELTROMBOPAG_MIN,
                ev::ELTROMBOPAG_AFTER_IRON_MIN,
            ),
            Ciprofloxacin => split(
                ev::IRON_AFTER_CIPROFLOXACIN_MIN,
                ev::CIPROFLOXACIN_AFTER_IRON_MIN,
            ),
            Levofloxacin => split(
                ev::IRON_AFTER_LEVOFLOXACIN_MIN,
                ev::LEVOFLOXACIN_AFTER_IRON_MIN,
            ),
            // Other quinolones: the strictest label in the table (SPEC §2.2).
            Moxifloxacin | Quinolone => split(
                ev::IRON_AFTER_MOXIFLOXACIN_MIN,
                ev::MOXIFLOXACIN_AFTER_IRON_MIN,
            ),
            Tetracycline => split(
                ev::IRON_AFTER_TETRACYCLINE_MIN,
                ev::TETRACYCLINE_AFTER_IRON_MIN,
            ),
            IntegraseInhibitor => split(
                ev::IRON_AFTER_INTEGRASE_INHIBITOR_MIN,
                ev::INTEGRASE_INHIBITOR_AFTER_IRON_MIN,
            ),
            Bisphosphonate => first_thing(ev::IRON_AFTER_BISPHOSPHONATE_MIN),
            Ibandronate => first_thing(ev::IRON_AFTER_IBANDRONATE_MIN),
            RisedronateDelayedRelease => both(ev::IRON_APART_FROM_RISEDRONATE_DR_MIN),
        }
    }

    /// The timing rule in words, its numbers from the evidence table: "Take moxifloxacin at least
    /// 4 h before iron or at least 8 h after it."
    pub fn timing_advice(self) -> String {
        let noun = if self.gap().first_thing {
            format!("the {}", self.noun())
        } else {
            self.noun().to_owned()
        };
        self.timing_advice_for(&noun)
    }

    /// The timing rule naming the drug the person takes ("Take doxycycline at least 2 h before
    /// iron or at least 4 h after it"), numbers from the evidence table.
    pub fn timing_advice_for(self, name: &str) -> String {
        let g = self.gap();
        if g.first_thing {
            return format!(
                "Take {name} first thing on waking, as its label directs; iron comes at least {} after it and never before it on the same day.",
                span(g.iron_after())
            );
        }
        if self == Substance::Food {
            return format!(
                "Take iron at least {} after food and at least {} before the next meal.",
                span(g.iron_after()),
                span(g.substance_after())
            );
        }
        if g.iron_after() == g.substance_after() {
            format!(
                "Keep {name} and iron at least {} apart.",
                span(g.iron_after())
            )
        } else {
            format!(
                "Take {name} at least {} before iron or at least {} after it.",
                span(g.iron_after()),
                span(g.substance_after())
            )
        }
    }

    /// The rule in a phrase, for a sentence that already names the drug: "at least 2 h before
    /// iron or 6 h after it", "at least 4 h apart from iron", "iron at least 60 min after it".
    pub fn timing_rule_short(self) -> String {
        let g = self.gap();
        if g.first_thing {
            format!(
                "iron at least {} after it, never before it that day",
                span(g.iron_after())
            )
        } else if g.iron_after() == g.substance_after() {
            format!("at least {} apart from iron", span(g.iron_after()))
        } else {
            format!(
                "at least {} before iron or {} after it",
                span(g.iron_after()),
                span(g.substance_after())
            )
        }
    }

    /// What the rule rests on, read from its evidence rows: a label row naming a DailyMed set
    /// id with nothing left "to be verified" is a label interval; a label row still missing
    /// one is a label interval to be verified; any other row is a convention.
    pub fn basis(self) -> EvidenceBasis {
        let g = self.gap();
        let rows = std::iter::once(g.iron_after).chain(g.substance_after);
        let mut basis = EvidenceBasis::LabelInterval;
        for e in rows {
            if e.source != Source::DrugLabel {
                return EvidenceBasis::Convention;
            }
            if !e.reference.contains("DailyMed set id ") || e.reference.contains("to be verified") {
                basis = EvidenceBasis::LabelIntervalUnverified;
            }
        }
        basis
    }

    /// The source in words a person can look up (the evidence table holds the set id, section
    /// and label date).
    pub fn source_name(self) -> &'static str {
        use Substance::*;
        match self {
            Food => "oral iron labels (empty stomach); the interval is a convention",
            Coffee | Tea | DairyCalcium | Antacid | Magnesium | Zinc | Multivitamin => {
                "a common convention; the labels give no interval"
            }
            Thyroid => "levothyroxine label (SYNTHROID, 2024)",
            Levodopa => "carbidopa-levodopa label (SINEMET) names iron without an interval; the interval is a convention",
            Quinolone => "the strictest quinolone label (AVELOX, moxifloxacin), used for quinolones without their own",
            Tetracycline => "doxycycline and minocycline labels name iron without an interval; the interval is a convention",
            Bisphosphonate => "FOSAMAX and ACTONEL labels, 2026",
            Ciprofloxacin => "CIPRO (ciprofloxacin) label, 2026",
            Levofloxacin => "levofloxacin label (LEVAQUIN)",
            Moxifloxacin => "AVELOX (moxifloxacin) label",
            Ibandronate => "BONIVA (ibandronate) label",
            RisedronateDelayedRelease => "ATELVIA label (iron at another time of day); the interval is a convention",
            IntegraseInhibitor => "TIVICAY (dolutegravir) label",
            Entacapone => "COMTAN (entacapone) label",
            Methyldopa => "methyldopa label names iron without an interval; the interval is a convention",
            Penicillamine => "CUPRIMINE (penicillamine) label",
            Cefdinir => "OMNICEF (cefdinir) label",
            Eltrombopag => "PROMACTA (eltrombopag) label",
        }
    }

    /// Words for explanations: "your 09:10 coffee".
    pub fn noun(self) -> &'static str {
        use Substance::*;
        match self {
            Food => "meal",
            Coffee => "coffee",
            Tea => "tea",
            DairyCalcium => "dairy or calcium",
            Antacid => "antacid",
            Magnesium => "magnesium",
            Thyroid => "thyroid medicine",
            Levodopa => "levodopa",
            Quinolone => "quinolone antibiotic",
            Tetracycline => "tetracycline antibiotic",
            Bisphosphonate => "bisphosphonate",
            Ciprofloxacin => "ciprofloxacin",
            Levofloxacin => "levofloxacin",
            Moxifloxacin => "moxifloxacin",
            Ibandronate => "ibandronate",
            RisedronateDelayedRelease => "delayed-release risedronate",
            IntegraseInhibitor => "integrase inhibitor",
            Entacapone => "entacapone",
            Methyldopa => "methyldopa",
            Penicillamine => "penicillamine",
            Cefdinir => "cefdinir",
            Eltrombopag => "eltrombopag",
            Zinc => "zinc",
            Multivitamin => "multivitamin with minerals",
        }
    }

    /// The substance an intake is, for iron; alcohol and nicotine do not affect the timing.
    pub fn of_intake(kind: IntakeKind) -> Option<Substance> {
        match kind {
            IntakeKind::Coffee => Some(Substance::Coffee),
            IntakeKind::Tea => Some(Substance::Tea),
            IntakeKind::DairyCalcium => Some(Substance::DairyCalcium),
            IntakeKind::Meal => Some(Substance::Food),
            IntakeKind::Antacid => Some(Substance::Antacid),
            IntakeKind::Zinc => Some(Substance::Zinc),
            IntakeKind::Multivitamin => Some(Substance::Multivitamin),
            IntakeKind::Alcohol | IntakeKind::Nicotine => None,
        }
    }
}

/// The timing-relevant substance of a regimen item, if any.
pub fn substance_of(item: &RegimenItem) -> Option<Substance> {
    match item.kind {
        RegimenKind::Magnesium => Some(Substance::Magnesium),
        RegimenKind::Iron | RegimenKind::VitaminC => None,
        RegimenKind::Medication | RegimenKind::Supplement => medicine_substance(&item.name),
    }
}

/// The timing-relevant substance of a medicine name, from the catalog.
/// A name that matches several entries (a combination product typed by its parts) takes the
/// strictest timing of them.
fn medicine_substance(name: &str) -> Option<Substance> {
    catalog::lookup(name)
        .iter()
        .filter_map(|m| m.medicine.substance())
        .max_by_key(|s| {
            let g = s.gap();
            (g.first_thing, g.iron_after() + g.substance_after())
        })
}

/// The catalog entry of a regimen item that lowers iron absorption in a way no timing fixes
/// (proton-pump inhibitors, H2 blockers, mycophenolate, phosphate binders), if it is one.
pub fn no_timing_fix(item: &RegimenItem) -> Option<catalog::Medicine> {
    if !matches!(item.kind, RegimenKind::Medication | RegimenKind::Supplement) {
        return None;
    }
    catalog::lookup(&item.name)
        .iter()
        .map(|m| m.medicine)
        .find(|m| m.class.no_timing_fix())
}

/// Whether a regimen item is a proton-pump inhibitor.
pub fn is_ppi(item: &RegimenItem) -> bool {
    no_timing_fix(item).map(|m| m.class) == Some(DrugClass::ProtonPumpInhibitor)
}

/// An intake by the everyday word a person types for it ("milk", "dairy", "cheese", "calcium"
/// for dairy and calcium foods; "espresso" for coffee; "food", "breakfast" for a meal; "zinc",
/// "multivitamin" or a catalog brand of a mineral supplement or antacid), or
/// `None` when the word is not one of these (the caller then tries the vocabulary words).
pub fn intake_named(word: &str) -> Option<IntakeKind> {
    match catalog::normalise(word).as_str() {
        "milk" | "dairy" | "dairy calcium" | "cheese" | "yogurt" | "yoghurt" | "calcium"
        | "calcium food" | "calcium foods" | "milch" | "lait" | "leche" | "latte" => {
            Some(IntakeKind::DairyCalcium)
        }
        // French, Spanish, German words for coffee and tea (accents folded: café, thé).
        "espresso" | "cafe" | "kaffee" => Some(IntakeKind::Coffee),
        "the" | "tee" | "te" => Some(IntakeKind::Tea),
        "food" | "breakfast" | "lunch" | "dinner" | "snack" => Some(IntakeKind::Meal),
        // The catalog's minerals, as it knows them (generic, salts, brands: "zinc gluconate",
        // "Centrum", "Caltrate", "Maalox"), are habits and intakes too.
        _ => catalog::lookup(word)
            .first()
            .and_then(|m| match m.medicine.class {
                DrugClass::Zinc => Some(IntakeKind::Zinc),
                DrugClass::Multivitamin => Some(IntakeKind::Multivitamin),
                DrugClass::Calcium => Some(IntakeKind::DairyCalcium),
                DrugClass::Antacid => Some(IntakeKind::Antacid),
                _ => None,
            }),
    }
}

/// A substance by the word a person types: an intake (`coffee`, `milk`, `meal`) or a medicine
/// name (`levothyroxine`, `Synthroid`).
pub fn substance_named(name: &str) -> Option<Substance> {
    let norm = catalog::normalise(name);
    let ws: Vec<&str> = norm.split(' ').collect();
    let intake = |w: &str| match w {
        "coffee" | "espresso" | "cafe" | "kaffee" => Some(Substance::Coffee),
        "tea" | "tee" => Some(Substance::Tea),
        "dairy" | "milk" | "cheese" | "yogurt" | "yoghurt" | "dairy_calcium" | "calcium"
        | "milch" | "lait" | "leche" => Some(Substance::DairyCalcium),
        "meal" | "food" | "breakfast" | "lunch" | "dinner" | "snack" => Some(Substance::Food),
        "thyroid" => Some(Substance::Thyroid),
        _ => None,
    };
    let joined = ws.join("_");
    // "thé" (French tea) folds to "the": only as the whole query, never as a word in a phrase.
    let whole = |w: &str| match w {
        "the" | "te" => Some(Substance::Tea),
        "latte" => Some(Substance::DairyCalcium),
        _ => None,
    };
    whole(&joined)
        .or_else(|| intake(&joined))
        .or_else(|| ws.iter().find_map(|w| intake(w)))
        .or_else(|| (norm == "dairy calcium").then_some(Substance::DairyCalcium))
        .or_else(|| medicine_substance(name))
}
