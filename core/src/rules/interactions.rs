//! Which substance a regimen item or a typed word is, for iron timing (SPEC §2.2); the
//! substances and their gaps are in `rules/substance.rs`.

use super::catalog::{self, DrugClass};
pub use super::substance::{Gap, Substance};
use crate::model::{IntakeKind, RegimenItem, RegimenKind};

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
pub fn medicine_substance(name: &str) -> Option<Substance> {
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

/// What a phosphate binder in the regimen is for iron timing (SPEC §2.2): the binder is never
/// moved (it stays a flag for the kidney team, and `check` never gives it an earliest time),
/// but the planner keeps iron away from its doses. Calcium acetate is calcium; ferric citrate
/// is itself iron (`None`); the others take the binder convention row.
pub fn binder_substance(item: &RegimenItem) -> Option<Substance> {
    if !matches!(item.kind, RegimenKind::Medication | RegimenKind::Supplement) {
        return None;
    }
    binder_substance_named(&item.name)
}

/// [`binder_substance`] by a medicine's name.
pub fn binder_substance_named(name: &str) -> Option<Substance> {
    let m = catalog::lookup(name)
        .into_iter()
        .map(|m| m.medicine)
        .find(|m| m.class == DrugClass::PhosphateBinder)?;
    match m.generic {
        "ferric citrate" => None,
        "calcium acetate" => Some(Substance::DairyCalcium),
        _ => Some(Substance::PhosphateBinder),
    }
}

/// What the iron planner keeps iron away from for a regimen item: its timing substance, or for
/// a phosphate binder its [`binder_substance`].
pub fn planned_around(item: &RegimenItem) -> Option<Substance> {
    substance_of(item).or_else(|| binder_substance(item))
}

/// Whether a regimen item is a proton-pump inhibitor.
pub fn is_ppi(item: &RegimenItem) -> bool {
    no_timing_fix(item).map(|m| m.class) == Some(DrugClass::ProtonPumpInhibitor)
}

/// The everyday words for the log's intakes (normalised: lower case, accents folded).
/// French, Spanish and German words for coffee and tea are here (café, thé, Kaffee).
const EVERYDAY_INTAKE_WORDS: &[(&str, IntakeKind)] = &[
    ("milk", IntakeKind::DairyCalcium),
    ("dairy", IntakeKind::DairyCalcium),
    ("dairy calcium", IntakeKind::DairyCalcium),
    ("cheese", IntakeKind::DairyCalcium),
    ("yogurt", IntakeKind::DairyCalcium),
    ("yoghurt", IntakeKind::DairyCalcium),
    ("calcium", IntakeKind::DairyCalcium),
    ("calcium food", IntakeKind::DairyCalcium),
    ("calcium foods", IntakeKind::DairyCalcium),
    ("milch", IntakeKind::DairyCalcium),
    ("lait", IntakeKind::DairyCalcium),
    ("leche", IntakeKind::DairyCalcium),
    ("latte", IntakeKind::DairyCalcium),
    // Milk coffees count as dairy, like a latte: coffee and dairy keep the same distance from
    // iron (IRON_APART_FROM_COFFEE_TEA_DAIRY_MIN), and the milk is the calcium.
    ("cappuccino", IntakeKind::DairyCalcium),
    ("flat white", IntakeKind::DairyCalcium),
    ("latte macchiato", IntakeKind::DairyCalcium),
    ("milchkaffee", IntakeKind::DairyCalcium),
    ("cafe au lait", IntakeKind::DairyCalcium),
    ("kase", IntakeKind::DairyCalcium),
    ("joghurt", IntakeKind::DairyCalcium),
    ("fromage", IntakeKind::DairyCalcium),
    ("queso", IntakeKind::DairyCalcium),
    ("kefir", IntakeKind::DairyCalcium),
    // Chai is spiced black tea; a chai latte is made with milk, like a latte.
    ("chai latte", IntakeKind::DairyCalcium),
    ("coffee", IntakeKind::Coffee),
    ("espresso", IntakeKind::Coffee),
    ("cafe", IntakeKind::Coffee),
    ("kaffee", IntakeKind::Coffee),
    ("tea", IntakeKind::Tea),
    ("the", IntakeKind::Tea),
    ("tee", IntakeKind::Tea),
    ("chai", IntakeKind::Tea),
    ("green tea", IntakeKind::Tea),
    ("black tea", IntakeKind::Tea),
    ("gruner tee", IntakeKind::Tea),
    ("schwarzer tee", IntakeKind::Tea),
    ("te", IntakeKind::Tea),
    ("meal", IntakeKind::Meal),
    ("food", IntakeKind::Meal),
    ("breakfast", IntakeKind::Meal),
    ("lunch", IntakeKind::Meal),
    ("dinner", IntakeKind::Meal),
    ("snack", IntakeKind::Meal),
    ("alcohol", IntakeKind::Alcohol),
    ("nicotine", IntakeKind::Nicotine),
    ("antacid", IntakeKind::Antacid),
    ("zinc", IntakeKind::Zinc),
    ("multivitamin", IntakeKind::Multivitamin),
];

/// The word a person probably meant when `word` is one typo (a letter added, missing, changed
/// or two swapped) from an intake word or a catalog name of a mineral supplement: "coffe" ->
/// "coffee", "diary" -> "dairy". A suggestion only, never taken as meant (SPEC: a different
/// word is never silently turned into a record); `None` when no single word is that close or
/// the word is shorter than four letters.
pub fn intake_suggestion(word: &str) -> Option<&'static str> {
    let norm = catalog::normalise(word);
    if norm.chars().count() < 4 || intake_named(word).is_some() {
        return None;
    }
    let mut found: Vec<&'static str> = EVERYDAY_INTAKE_WORDS
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| w.len() >= 4 && catalog::one_typo(&norm, w))
        .collect();
    // Catalog names of minerals and foods ("Centrun" -> "Centrum").
    for m in catalog::lookup(word) {
        let mineral = matches!(
            m.medicine.class,
            DrugClass::Zinc
                | DrugClass::Multivitamin
                | DrugClass::Calcium
                | DrugClass::DairyFood
                | DrugClass::Antacid
        );
        if m.kind == catalog::MatchKind::Typo && mineral {
            found.push(m.matched);
        }
    }
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// An intake by the everyday word a person types for it ("milk", "dairy", "cheese", "calcium"
/// for dairy and calcium foods; "espresso" for coffee; "food", "breakfast" for a meal; "zinc",
/// "multivitamin" or a catalog brand of a mineral supplement or antacid), or
/// `None` when the word is not one of these (the caller then tries the vocabulary words).
pub fn intake_named(word: &str) -> Option<IntakeKind> {
    let norm = catalog::normalise(word);
    if let Some((_, k)) = EVERYDAY_INTAKE_WORDS.iter().find(|(w, _)| *w == norm) {
        return Some(*k);
    }
    // The catalog's minerals, as it knows them (generic, salts, brands: "zinc gluconate",
    // "Centrum", "Caltrate", "Maalox"), are habits and intakes too. A name one typo away is
    // never taken as meant here: a habit or intake is written from it ("diary" is not
    // "dairy"); `intake_suggestion` offers it instead.
    catalog::lookup(word)
        .first()
        .filter(|m| m.kind != catalog::MatchKind::Typo)
        .and_then(|m| match m.medicine.class {
            DrugClass::Zinc => Some(IntakeKind::Zinc),
            DrugClass::Multivitamin => Some(IntakeKind::Multivitamin),
            DrugClass::Calcium | DrugClass::DairyFood => Some(IntakeKind::DairyCalcium),
            DrugClass::Antacid => Some(IntakeKind::Antacid),
            _ => None,
        })
}

/// Which calcium a dairy-or-calcium intake is (issue #15): one substance and one stored
/// intake kind (`IntakeKind::DairyCalcium`) cover both, since iron keeps the same distance
/// from each, but drug labels name calcium supplements far more often than dairy food, so a
/// label interval is said as the label's only for what the label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalciumForm {
    /// A calcium supplement or calcium antacid ("calcium", "calcium carbonate", "Caltrate").
    Supplement,
    /// Milk, cheese, yogurt, a milk coffee, "calcium foods".
    DairyFood,
    /// Not known which: the log's "dairy or calcium" button, or an unknown word.
    Either,
}

/// The [`CalciumForm`] of a dairy-or-calcium intake by the name it is checked under: the word
/// typed, or the name `check` shows for it ("milk (dairy)", "Caltrate (calcium carbonate)":
/// the part before the parenthesis is the word typed).
pub fn calcium_form(name: &str) -> CalciumForm {
    let typed = name.split(" (").next().unwrap_or(name);
    let norm = catalog::normalise(typed);
    if norm == "dairy or calcium" || norm == "dairy calcium" {
        return CalciumForm::Either;
    }
    let class = catalog::lookup(typed)
        .first()
        .filter(|m| m.kind != catalog::MatchKind::Typo)
        .map(|m| m.medicine.class);
    match class {
        Some(DrugClass::Calcium) => CalciumForm::Supplement,
        Some(DrugClass::DairyFood) => CalciumForm::DairyFood,
        // Every other everyday word for this intake is a dairy food (latte, Käse, queso).
        _ if intake_named(typed) == Some(IntakeKind::DairyCalcium) => CalciumForm::DairyFood,
        _ => CalciumForm::Either,
    }
}

/// A substance by the word a person types: an intake (`coffee`, `milk`, `meal`) or a medicine
/// name (`levothyroxine`, `Synthroid`).
pub fn substance_named(name: &str) -> Option<Substance> {
    let norm = catalog::normalise(name);
    let ws: Vec<&str> = norm.split(' ').collect();
    let intake = |w: &str| match w {
        "coffee" | "espresso" | "cafe" | "kaffee" => Some(Substance::Coffee),
        "tea" | "tee" | "chai" => Some(Substance::Tea),
        "dairy" | "milk" | "cheese" | "yogurt" | "yoghurt" | "dairy_calcium" | "calcium"
        | "milch" | "lait" | "leche" | "kase" | "joghurt" | "fromage" | "queso" | "cappuccino"
        | "flat_white" | "latte_macchiato" | "milchkaffee" | "cafe_au_lait" | "kefir"
        | "chai_latte" => Some(Substance::DairyCalcium),
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
    // A medicine the catalog names is its own answer before any of its words is read as an
    // intake: "calcium acetate" is a phosphate binder taken with meals, not movable calcium;
    // "Milk of Magnesia" is an antacid, not milk.
    let prescribed = catalog::lookup(name)
        .iter()
        .any(|m| !matches!(m.medicine.class, DrugClass::Calcium | DrugClass::DairyFood));
    whole(&joined)
        .or_else(|| intake(&joined))
        .or_else(|| {
            if prescribed {
                medicine_substance(name)
            } else {
                ws.iter().find_map(|w| intake(w))
            }
        })
        .or_else(|| (norm == "dairy calcium").then_some(Substance::DairyCalcium))
        // A word one typo from an intake is suggested, not answered ("diary" is not dairy).
        .or_else(|| {
            intake_suggestion(name)
                .is_none()
                .then(|| medicine_substance(name))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words people type for tea, cheese and milk coffees, in English and German (a
    /// reviewer's list: "green tea", "cappuccino", "Käse" were refused as habits).
    #[test]
    fn everyday_words_for_tea_cheese_and_milk_coffee_are_intakes() {
        for (word, kind, substance) in [
            ("green tea", IntakeKind::Tea, Substance::Tea),
            ("Black tea", IntakeKind::Tea, Substance::Tea),
            ("grüner Tee", IntakeKind::Tea, Substance::Tea),
            (
                "cappuccino",
                IntakeKind::DairyCalcium,
                Substance::DairyCalcium,
            ),
            (
                "Flat white",
                IntakeKind::DairyCalcium,
                Substance::DairyCalcium,
            ),
            (
                "café au lait",
                IntakeKind::DairyCalcium,
                Substance::DairyCalcium,
            ),
            ("Käse", IntakeKind::DairyCalcium, Substance::DairyCalcium),
            ("Joghurt", IntakeKind::DairyCalcium, Substance::DairyCalcium),
        ] {
            assert_eq!(intake_named(word), Some(kind), "{word}");
            assert_eq!(substance_named(word), Some(substance), "{word}");
        }
        // The label of levothyroxine names calcium carbonate, not dairy food (issue #15).
        for (word, form) in [
            ("milk", CalciumForm::DairyFood),
            ("milk (dairy)", CalciumForm::DairyFood),
            ("Käse", CalciumForm::DairyFood),
            ("cappuccino", CalciumForm::DairyFood),
            ("calcium foods", CalciumForm::DairyFood),
            ("calcium", CalciumForm::Supplement),
            ("Caltrate (calcium carbonate)", CalciumForm::Supplement),
            ("calcium citrate", CalciumForm::Supplement),
            ("dairy or calcium", CalciumForm::Either),
        ] {
            assert_eq!(calcium_form(word), form, "{word}");
        }
        // A word that only contains one of them is not taken for it.
        assert_eq!(intake_named("tea tree oil"), None);
        assert_eq!(substance_named("espresso"), Some(Substance::Coffee));
    }

    /// A regimen item of `kind` named `name` (only the kind and the name matter here).
    fn item(kind: RegimenKind, name: &str) -> RegimenItem {
        RegimenItem {
            meta: crate::model::RecordMeta::new("2026-11-01T00:00:00Z".parse().unwrap(), "t"),
            kind,
            name: name.into(),
            dose_mg: None,
            times: Vec::new(),
            every_n_days: 1,
            with_vitamin_c: false,
            start_date: "2026-11-01".parse().unwrap(),
            stop_date: None,
            start_source: crate::model::StartSource::Given,
        }
    }

    /// Mutation run: two medicines typed in one entry take the stricter timing, the one with
    /// more time around iron in all (ciprofloxacin: 2 h before iron or 6 h after, 8 h; levodopa:
    /// 2 h either side, 4 h), not the one whose two sides differ least.
    #[test]
    fn two_medicines_in_one_name_take_the_stricter_timing() {
        assert_eq!(
            medicine_substance("Sinemet and Cipro"),
            Some(Substance::Ciprofloxacin)
        );
        assert_eq!(
            medicine_substance("Cipro and Sinemet"),
            Some(Substance::Ciprofloxacin)
        );
    }

    /// Mutation run: the phosphate binders (SPEC §2.2): calcium acetate is calcium, ferric
    /// citrate is itself iron, the others the binder row; only a medicine or supplement entry
    /// is read as one, and a medicine that is no binder is none.
    #[test]
    fn each_phosphate_binder_is_its_own_substance_for_the_planner() {
        for (name, substance) in [
            ("sevelamer", Some(Substance::PhosphateBinder)),
            ("Fosrenol", Some(Substance::PhosphateBinder)),
            ("Velphoro", Some(Substance::PhosphateBinder)),
            ("PhosLo", Some(Substance::DairyCalcium)),
            ("calcium acetate", Some(Substance::DairyCalcium)),
            ("Auryxia", None),
            ("ferric citrate", None),
            ("levothyroxine", None),
        ] {
            assert_eq!(binder_substance_named(name), substance, "{name}");
            for kind in [RegimenKind::Medication, RegimenKind::Supplement] {
                assert_eq!(binder_substance(&item(kind, name)), substance, "{name}");
            }
            for kind in [
                RegimenKind::Iron,
                RegimenKind::VitaminC,
                RegimenKind::Magnesium,
            ] {
                assert_eq!(binder_substance(&item(kind, name)), None, "{name}");
            }
        }
        assert_eq!(
            planned_around(&item(RegimenKind::Medication, "Renvela")),
            Some(Substance::PhosphateBinder)
        );
    }

    /// Mutation run: a proton-pump inhibitor is one; an H2 blocker, another medicine and a
    /// supplement entry are not.
    #[test]
    fn only_a_proton_pump_inhibitor_is_one() {
        assert!(is_ppi(&item(RegimenKind::Medication, "omeprazole")));
        assert!(is_ppi(&item(RegimenKind::Medication, "Nexium")));
        assert!(!is_ppi(&item(RegimenKind::Medication, "famotidine")));
        assert!(!is_ppi(&item(RegimenKind::Medication, "levothyroxine")));
        assert!(!is_ppi(&item(RegimenKind::Iron, "omeprazole")));
    }

    /// Mutation run: a catalog name of a zinc supplement or an antacid is that intake; a word
    /// that is itself an intake word is never "corrected" to a neighbour ("calcium food" is not
    /// "calcium foods"); only minerals are suggested from the catalog ("Centrun" is Centrum,
    /// "difenhydramine" no intake).
    #[test]
    fn catalog_minerals_are_intakes_and_only_typos_of_minerals_are_suggested() {
        assert_eq!(intake_named("zinc gluconate"), Some(IntakeKind::Zinc));
        assert_eq!(intake_named("Solvazinc"), Some(IntakeKind::Zinc));
        assert_eq!(intake_named("Maalox"), Some(IntakeKind::Antacid));
        assert_eq!(intake_named("Talcid"), Some(IntakeKind::Antacid));
        assert_eq!(intake_named("ibuprofen"), None);
        assert_eq!(intake_suggestion("calcium food"), None);
        assert_eq!(intake_suggestion("coffe"), Some("coffee"));
        assert_eq!(intake_suggestion("Centrun"), Some("Centrum"));
        assert_eq!(intake_suggestion("difenhydramine"), None);
        assert_eq!(intake_suggestion("tex"), None);
    }

    /// Mutation run: every word `substance_named` reads as an intake, the words of a meal and
    /// "thyroid" among them; "thé" and "te" (French, Spanish tea) and "latte" only as the whole
    /// query (`the` in a phrase is English); calcium acetate is a phosphate binder, not the
    /// calcium in its name; a word that is none of them and no medicine is nothing.
    #[test]
    fn each_intake_word_names_its_substance() {
        for (word, substance) in [
            ("meal", Some(Substance::Food)),
            ("Breakfast", Some(Substance::Food)),
            ("lunch", Some(Substance::Food)),
            ("dinner", Some(Substance::Food)),
            ("snack", Some(Substance::Food)),
            ("food", Some(Substance::Food)),
            ("thyroid", Some(Substance::Thyroid)),
            ("thé", Some(Substance::Tea)),
            ("té", Some(Substance::Tea)),
            ("latte", Some(Substance::DairyCalcium)),
            ("the coffee", Some(Substance::Coffee)),
            ("Kaffee", Some(Substance::Coffee)),
            // A binder, not movable calcium: `check` gives it no time (`binder_substance`).
            ("calcium acetate", None),
            ("orange juice", None),
        ] {
            assert_eq!(substance_named(word), substance, "{word}");
        }
        // A word that is no dairy food and no calcium is not known to be either.
        assert_eq!(calcium_form("orange juice"), CalciumForm::Either);
        assert_eq!(calcium_form("dairy products"), CalciumForm::DairyFood);
    }

    /// A second review's words: kefir is dairy, chai is tea, a chai latte is made with milk.
    #[test]
    fn kefir_chai_and_chai_latte_are_intakes() {
        for (word, kind, substance) in [
            ("kefir", IntakeKind::DairyCalcium, Substance::DairyCalcium),
            ("Chai", IntakeKind::Tea, Substance::Tea),
            (
                "chai latte",
                IntakeKind::DairyCalcium,
                Substance::DairyCalcium,
            ),
        ] {
            assert_eq!(intake_named(word), Some(kind), "{word}");
            assert_eq!(substance_named(word), Some(substance), "{word}");
        }
    }
}
