//! What interferes with iron absorption, and by how long (SPEC §2.2).

use chrono::Duration;
use serde::Serialize;

use super::catalog::{self, DrugClass};
use super::evidence::{self as ev, minutes, Evidence};
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
    Quinolone,
    Tetracycline,
    Bisphosphonate,
}

/// How far apart iron and a substance must be: iron may not be taken in
/// `(substance - substance_after_iron, substance + iron_after_substance)`.
#[derive(Debug, Clone, Copy)]
pub struct Gap {
    /// Iron waits this long after the substance.
    pub iron_after: Evidence,
    /// The substance waits this long after iron (None: no rule).
    pub substance_after: Option<Evidence>,
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
        };
        match self {
            Food => Gap {
                iron_after: ev::IRON_AFTER_FOOD_MIN,
                substance_after: Some(ev::FOOD_AFTER_IRON_MIN),
            },
            Coffee | Tea | DairyCalcium => both(ev::IRON_APART_FROM_COFFEE_TEA_DAIRY_MIN),
            Antacid | Magnesium => both(ev::IRON_APART_FROM_ANTACID_MAGNESIUM_MIN),
            Thyroid => both(ev::IRON_APART_FROM_THYROID_MIN),
            Levodopa => both(ev::IRON_APART_FROM_LEVODOPA_MIN),
            Quinolone => Gap {
                iron_after: ev::IRON_AFTER_QUINOLONE_MIN,
                substance_after: Some(ev::QUINOLONE_AFTER_IRON_MIN),
            },
            Tetracycline => Gap {
                iron_after: ev::IRON_AFTER_TETRACYCLINE_MIN,
                substance_after: Some(ev::TETRACYCLINE_AFTER_IRON_MIN),
            },
            // The label asks for the bisphosphonate first; only the wait after it is a rule here.
            Bisphosphonate => Gap {
                iron_after: ev::IRON_AFTER_BISPHOSPHONATE_MIN,
                substance_after: None,
            },
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
fn medicine_substance(name: &str) -> Option<Substance> {
    catalog::lookup(name)
        .iter()
        .find_map(|m| m.medicine.class.substance())
}

/// Whether a regimen item is a proton-pump inhibitor.
pub fn is_ppi(item: &RegimenItem) -> bool {
    matches!(item.kind, RegimenKind::Medication | RegimenKind::Supplement)
        && catalog::lookup(&item.name)
            .iter()
            .any(|m| m.medicine.class == DrugClass::ProtonPumpInhibitor)
}

/// A substance by the word a person types: an intake (`coffee`, `milk`, `meal`) or a medicine
/// name (`levothyroxine`, `Synthroid`).
pub fn substance_named(name: &str) -> Option<Substance> {
    let norm = catalog::normalise(name);
    let ws: Vec<&str> = norm.split(' ').collect();
    let intake = |w: &str| match w {
        "coffee" | "espresso" => Some(Substance::Coffee),
        "tea" => Some(Substance::Tea),
        "dairy" | "milk" | "cheese" | "yogurt" | "yoghurt" | "dairy_calcium" => {
            Some(Substance::DairyCalcium)
        }
        "meal" | "food" | "breakfast" | "lunch" | "dinner" | "snack" => Some(Substance::Food),
        "thyroid" => Some(Substance::Thyroid),
        _ => None,
    };
    let joined = ws.join("_");
    intake(&joined)
        .or_else(|| ws.iter().find_map(|w| intake(w)))
        .or_else(|| (norm == "dairy calcium").then_some(Substance::DairyCalcium))
        .or_else(|| medicine_substance(name))
}
