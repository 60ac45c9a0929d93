//! The substances whose timing matters for iron, and by how long (SPEC §2.2): each one's gap
//! from the evidence table and its timing advice in words. Below the catalog (which names a
//! medicine's substance) and the interaction rules (which find the substance of a regimen item
//! or a typed word).

use chrono::Duration;
use serde::Serialize;

use super::day::span;
use crate::evidence::{self as ev, minutes, Evidence, Source};
use crate::model::IntakeKind;

/// What an entry's evidence rests on, said plainly beside its strength (SPEC §2.2, §2.4): a
/// timing rule from a label interval is not the same as a convention, and an effect the seed
/// article alone reports is not graded by any guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceBasis {
    /// Graded by a guideline (AASM 2025, IRLSSG).
    Guideline,
    /// The drug's label gives the interval; its DailyMed set id, section and date are in the
    /// evidence table.
    LabelInterval,
    /// A label interval whose DailyMed set id (or section, or date) is still to be verified by
    /// a clinician: the evidence row says which.
    LabelIntervalUnverified,
    /// No label interval: a common convention (the label names the interaction, or nothing).
    Convention,
    /// The interaction is known but no timing fixes it: a flag to discuss.
    NoTimingFix,
    /// Case reports or the seed article alone: not graded by guidelines.
    NotGraded,
    /// Another drug's label interval, used for a drug whose own label is not in the evidence
    /// table (raltegravir takes dolutegravir's, ofloxacin moxifloxacin's): a convention, never
    /// shown as this drug's label (issue #15). Last, so the exported enum only grows.
    BorrowedConvention,
}

impl EvidenceBasis {
    /// In words, for screens, following the evidence row's state: "label interval" only for a
    /// label row with nothing left to verify; "interval to be verified against the label" for
    /// one whose label text is still to be checked; "convention (no label interval)"; and for
    /// a borrowed interval see [`Substance::basis_words`], which names the drug lent from.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceBasis::Guideline => "graded by guidelines",
            EvidenceBasis::LabelInterval => "label interval",
            EvidenceBasis::LabelIntervalUnverified => {
                "interval to be verified against the label; check it with your pharmacist"
            }
            EvidenceBasis::Convention => "convention (no label interval)",
            EvidenceBasis::BorrowedConvention => {
                "convention borrowed from another drug's label; check this drug's own label with your pharmacist"
            }
            EvidenceBasis::NoTimingFix => "no timing fix known",
            EvidenceBasis::NotGraded => "not graded by guidelines",
        }
    }
}

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
    /// A phosphate binder other than calcium acetate (which is calcium) or ferric citrate
    /// (which is iron): iron moves away from its doses, the binder never moves.
    PhosphateBinder,
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
            PhosphateBinder => both(ev::IRON_APART_FROM_PHOSPHATE_BINDER_MIN),
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

    /// The rule as a verb phrase, for a sentence that already names the drug: "take it at least
    /// 2 h before iron or 6 h after it", "keep it at least 4 h apart from iron", "take iron at
    /// least 60 min after it, never before it that day".
    pub fn timing_rule_short(self) -> String {
        let g = self.gap();
        if g.first_thing {
            format!(
                "take iron at least {} after it, never before it that day",
                span(g.iron_after())
            )
        } else if g.iron_after() == g.substance_after() {
            format!("keep it at least {} apart from iron", span(g.iron_after()))
        } else {
            format!(
                "take it at least {} before iron or {} after it",
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

    /// Whose label the rule's evidence rows were read in, and the generics that label covers:
    /// ("dolutegravir", ["dolutegravir"]) for the integrase inhibitors. `None` where the rows are
    /// a convention for every drug. A drug outside the list borrows the interval.
    pub fn label_read_for(self) -> Option<(&'static str, &'static [&'static str])> {
        use Substance::*;
        Some(match self {
            Thyroid => ("levothyroxine", &["levothyroxine"]),
            // No quinolone takes this substance as its own label: it is moxifloxacin's, lent.
            Quinolone => ("moxifloxacin", &[]),
            Bisphosphonate => (
                "alendronate and risedronate",
                &["alendronate", "risedronate"],
            ),
            Ciprofloxacin => ("ciprofloxacin", &["ciprofloxacin"]),
            Levofloxacin => ("levofloxacin", &["levofloxacin"]),
            Moxifloxacin => ("moxifloxacin", &["moxifloxacin"]),
            Ibandronate => ("ibandronate", &["ibandronate"]),
            IntegraseInhibitor => ("dolutegravir", &["dolutegravir"]),
            Entacapone => ("entacapone", &["entacapone"]),
            Penicillamine => ("penicillamine", &["penicillamine"]),
            Cefdinir => ("cefdinir", &["cefdinir"]),
            Eltrombopag => ("eltrombopag", &["eltrombopag"]),
            _ => return None,
        })
    }

    /// What the rule rests on for the drug `generic`: [`Substance::basis`], except that a label
    /// interval (verified or not) used for a drug its label does not cover is a
    /// [`EvidenceBasis::BorrowedConvention`] (raltegravir, ofloxacin, liothyronine, Stalevo).
    /// An unknown drug ("", a word such as "thyroid") keeps the row's own basis, except where
    /// the label covers no drug of the substance (other quinolones: always borrowed).
    pub fn basis_for(self, generic: &str) -> EvidenceBasis {
        let basis = self.basis();
        match (basis, self.label_read_for()) {
            (
                EvidenceBasis::LabelInterval | EvidenceBasis::LabelIntervalUnverified,
                Some((_, covered)),
            ) if covered.is_empty() || !generic.is_empty() && !covered.contains(&generic) => {
                EvidenceBasis::BorrowedConvention
            }
            _ => basis,
        }
    }

    /// [`EvidenceBasis::label`] for the drug `generic`, naming the drug a borrowed interval
    /// comes from: "convention borrowed from dolutegravir's label; check this drug's own label
    /// with your pharmacist".
    pub fn basis_words(self, generic: &str) -> String {
        match (self.basis_for(generic), self.label_read_for()) {
            (EvidenceBasis::BorrowedConvention, Some((lender, _))) => format!(
                "convention borrowed from {lender}'s label; check this drug's own label with your pharmacist"
            ),
            (basis, _) => basis.label().to_owned(),
        }
    }

    /// What the timing rests on, said after the rule in a check's message, for the drug
    /// `generic` ("" when unknown): "its label asks you to keep it at least 2 h apart from
    /// iron"; "QuietLegs asks you to take it at least 2 h before iron or 6 h after it, a
    /// convention borrowed from dolutegravir's label". Never calls a convention or an
    /// unverified interval the label's.
    pub fn timing_ask(self, generic: &str) -> String {
        let rule = self.timing_rule_short();
        match self.basis_for(generic) {
            EvidenceBasis::LabelInterval => format!("its label asks you to {rule}"),
            EvidenceBasis::LabelIntervalUnverified => {
                format!("QuietLegs asks you to {rule}, an interval still to be verified against its label")
            }
            EvidenceBasis::BorrowedConvention => format!(
                "QuietLegs asks you to {rule}, a convention borrowed from {}'s label",
                self.label_read_for()
                    .map_or("another drug", |(lender, _)| lender)
            ),
            _ => {
                format!("QuietLegs asks you to {rule}, a convention (its label gives no interval)")
            }
        }
    }

    /// The source in words a person can look up (the evidence table holds the set id, section
    /// and label date).
    pub fn source_name(self) -> &'static str {
        use Substance::*;
        match self {
            Food => "oral iron labels (empty stomach); the interval is a convention",
            Coffee | Tea | DairyCalcium | Antacid | Magnesium | Zinc | Multivitamin
            | PhosphateBinder => "a common convention; the labels give no interval",
            Thyroid => "levothyroxine label (SYNTHROID, 2024)",
            Levodopa => "carbidopa-levodopa label (SINEMET) names iron without an interval; the interval is a convention",
            Quinolone => "the strictest quinolone label (moxifloxacin, 2025), used for quinolones without their own",
            Tetracycline => "doxycycline and minocycline labels name iron without an interval; the interval is a convention",
            Bisphosphonate => "FOSAMAX and ACTONEL labels, 2026",
            Ciprofloxacin => "CIPRO (ciprofloxacin) label, 2026",
            Levofloxacin => "levofloxacin tablets label, 2024",
            Moxifloxacin => "moxifloxacin tablets label, 2025",
            Ibandronate => "BONIVA (ibandronate) label; Bonviva EU SmPC, 2022",
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
            PhosphateBinder => "phosphate binder",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Mutation run: whose label each interval was read in, and what that means for another
    /// drug timed the same way: a label interval lent to a drug its label does not cover is a
    /// borrowed convention; for a drug it covers, the row's own basis.
    #[test]
    fn each_label_interval_names_its_label_and_lends_to_other_drugs() {
        use Substance::*;
        let labels: [(Substance, &str, &[&str]); 12] = [
            (Thyroid, "levothyroxine", &["levothyroxine"]),
            (Quinolone, "moxifloxacin", &[]),
            (
                Bisphosphonate,
                "alendronate and risedronate",
                &["alendronate", "risedronate"],
            ),
            (Ciprofloxacin, "ciprofloxacin", &["ciprofloxacin"]),
            (Levofloxacin, "levofloxacin", &["levofloxacin"]),
            (Moxifloxacin, "moxifloxacin", &["moxifloxacin"]),
            (Ibandronate, "ibandronate", &["ibandronate"]),
            (IntegraseInhibitor, "dolutegravir", &["dolutegravir"]),
            (Entacapone, "entacapone", &["entacapone"]),
            (Penicillamine, "penicillamine", &["penicillamine"]),
            (Cefdinir, "cefdinir", &["cefdinir"]),
            (Eltrombopag, "eltrombopag", &["eltrombopag"]),
        ];
        for (s, lender, covered) in labels {
            assert_eq!(s.label_read_for(), Some((lender, covered)), "{s:?}");
            if matches!(
                s.basis(),
                EvidenceBasis::LabelInterval | EvidenceBasis::LabelIntervalUnverified
            ) {
                assert_eq!(
                    s.basis_for("another drug"),
                    EvidenceBasis::BorrowedConvention,
                    "{s:?}"
                );
                if let Some(own) = covered.first() {
                    assert_eq!(s.basis_for(own), s.basis(), "{s:?}");
                }
            }
        }
        assert_eq!(Coffee.label_read_for(), None);
    }

    /// Mutation run: the rule in words names the substance, with "the" before a first-thing
    /// medicine (the catalog's note on a drug ends with it), its numbers from the evidence
    /// table.
    #[test]
    fn the_timing_advice_names_the_substance_and_its_numbers() {
        assert_eq!(
            Substance::Moxifloxacin.timing_advice(),
            "Take moxifloxacin at least 4 h before iron or at least 8 h after it."
        );
        assert_eq!(
            Substance::Coffee.timing_advice(),
            "Keep coffee and iron at least 2 h apart."
        );
        assert_eq!(
            Substance::Bisphosphonate.timing_advice(),
            "Take the bisphosphonate first thing on waking, as its label directs; iron comes at least 30 min after it and never before it on the same day."
        );
    }
}
