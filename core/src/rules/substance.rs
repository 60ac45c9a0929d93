//! The substances whose timing matters for iron, and by how long (SPEC §2.2): each one's gap
//! from the evidence table and its timing advice in words. Below the catalog (which names a
//! medicine's substance) and the interaction rules (which find the substance of a regimen item
//! or a typed word).

use chrono::Duration;
use serde::Serialize;

use super::day::span;
use crate::evidence::{self as ev, minutes, Evidence};
use crate::model::IntakeKind;

/// Something whose timing matters for iron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Substance {
    /// A meal.
    Food,
    /// Coffee.
    Coffee,
    /// Tea.
    Tea,
    /// Milk, dairy or calcium.
    DairyCalcium,
    /// An antacid.
    Antacid,
    /// Magnesium (a supplement or a regimen item).
    Magnesium,
    /// Thyroid hormone (levothyroxine, liothyronine).
    Thyroid,
    /// Levodopa (with or without carbidopa).
    Levodopa,
    /// A quinolone whose own label is not in the table: the strictest quinolone interval.
    Quinolone,
    /// A tetracycline antibiotic (doxycycline, minocycline…).
    Tetracycline,
    /// Alendronate or immediate-release risedronate: first thing, 30 min before anything else.
    Bisphosphonate,
    /// Ciprofloxacin (its own label's interval).
    Ciprofloxacin,
    /// Levofloxacin (its own label's interval).
    Levofloxacin,
    /// Moxifloxacin (its own label's interval).
    Moxifloxacin,
    /// Ibandronate tablets: first thing, 60 min before anything else.
    Ibandronate,
    /// Delayed-release risedronate, taken after breakfast: iron at another time of day.
    RisedronateDelayedRelease,
    /// An HIV integrase inhibitor (dolutegravir, bictegravir…).
    IntegraseInhibitor,
    /// Entacapone.
    Entacapone,
    /// Methyldopa.
    Methyldopa,
    /// Penicillamine.
    Penicillamine,
    /// Cefdinir.
    Cefdinir,
    /// Eltrombopag.
    Eltrombopag,
    /// Zinc.
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
    /// How long iron waits after the substance.
    pub fn iron_after(&self) -> Duration {
        minutes(self.iron_after)
    }
    /// How long the substance waits after iron (zero when there is no rule).
    pub fn substance_after(&self) -> Duration {
        self.substance_after
            .map(minutes)
            .unwrap_or_else(Duration::zero)
    }
}

impl Substance {
    /// How far apart iron and this substance must be, from the evidence table.
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
        let g = self.gap();
        let noun = self.noun();
        if g.first_thing {
            return format!(
                "Take the {noun} first thing on waking, as its label directs; iron comes at least {} after it and never before it on the same day.",
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
                "Keep {noun} and iron at least {} apart.",
                span(g.iron_after())
            )
        } else {
            format!(
                "Take {noun} at least {} before iron or at least {} after it.",
                span(g.iron_after()),
                span(g.substance_after())
            )
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
            IntakeKind::Alcohol | IntakeKind::Nicotine => None,
        }
    }
}
