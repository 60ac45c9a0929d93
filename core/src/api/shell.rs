//! What a shell written in Rust (the desktop CLI) needs beside the [`QuietLegs`] object: the
//! vocabulary types its records carry, reading a typed word, a private folder, the demo history
//! and the evidence table. Rust-only (no uniffi export): the phones get the same words through
//! the generated bindings.
//!
//! [`QuietLegs`]: super::QuietLegs

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ApiResult, QuietLegs};

pub use crate::evidence::Evidence;
pub use crate::exchange::merge::MergeReport;
pub use crate::model::{
    ActivityKind, Analyte, BodyArea, EventKind, IntakeKind, Intensity, IvIronFormulation,
    RegimenKind, Relief, ReliefEffect, ReliefKind, Routine, Sex, Trigger,
};
pub use crate::rules::catalog::{DrugClass, MatchKind, MedicineEffect};
pub use crate::rules::insights::{Direction, SeverityScale};
pub use crate::rules::reminders::ReminderAction;
pub use crate::rules::screener::{ScreenAnswers, ScreenResult};

/// Every clinical and product number with its source, in table order.
pub fn evidence_table() -> &'static [Evidence] {
    crate::evidence::ALL
}

/// What was read for each effect on RLS that no guideline grades (the worsening classes the seed
/// article names): a common note, then (class, reference) per class in catalog order. Rust
/// only, for `quietlegs evidence`; the phones show the short `source_line` instead.
pub fn effect_references() -> (&'static str, Vec<(&'static str, &'static str)>) {
    crate::rules::catalog::effect_references()
}

/// The snake_case word a vocabulary value is stored and typed as (`dairy_calcium`); empty for a
/// value that is not a plain word.
pub fn word_of<T: Serialize>(value: &T) -> String {
    crate::model::enums::name_of(value)
}

/// Reads a vocabulary word as typed (`late-exercise`, `Late_Exercise`). Errors: `InvalidInput`
/// naming `field` and listing the words of `all`.
pub fn parse_word<T: for<'de> Deserialize<'de> + Serialize>(
    field: &str,
    word: &str,
    all: &[T],
) -> ApiResult<T> {
    Ok(crate::model::enums::parse_word(field, word, all)?)
}

/// An intake by the everyday word a person types ("milk", "espresso", "breakfast") or by its
/// vocabulary word (`dairy_calcium`). Errors: `InvalidInput` naming `field`.
/// A word one typo from an intake ("coffe", "diary") is refused with the word it may mean
/// ("did you mean coffee?"), never taken as meant: as with medicines, the person's word is
/// never silently turned into another record.
pub fn parse_intake(field: &str, word: &str) -> ApiResult<IntakeKind> {
    use crate::rules::interactions::{intake_named, intake_suggestion};
    match intake_named(word) {
        Some(k) => Ok(k),
        None => {
            parse_word(field, word, &IntakeKind::ALL).map_err(|e| match intake_suggestion(word) {
                Some(meant) => crate::error::Error::invalid(
                    field,
                    format!("{word:?} is not an intake QuietLegs knows: did you mean {meant}?"),
                )
                .into(),
                None => e,
            })
        }
    }
}

/// A lab by the name a person types: its vocabulary word (`ferritin`, `tsat`, `haemoglobin`,
/// `vitamin_d`, `egfr`) or an everyday or international spelling ("hb", "Hgb", "hemoglobin",
/// "transferrin saturation", "vit d", "25-OH D", "GFR"); case, accents and punctuation do not
/// matter. Errors: `InvalidInput` naming `field` and listing the words.
pub fn parse_analyte(field: &str, word: &str) -> ApiResult<Analyte> {
    let named = match crate::rules::catalog::normalise(word).as_str() {
        "ferritin" | "ferritine" | "ferritina" | "serum ferritin" | "s ferritin" => {
            Some(Analyte::Ferritin)
        }
        "tsat"
        | "tfs"
        | "tf sat"
        | "transferrin saturation"
        | "transferrin sat"
        | "iron saturation" => Some(Analyte::Tsat),
        "haemoglobin" | "hemoglobin" | "hb" | "hgb" | "haemoglobine" | "hemoglobine"
        | "hamoglobin" | "hemoglobina" => Some(Analyte::Haemoglobin),
        "vitamin d"
        | "vit d"
        | "vitamin d3"
        | "25 oh d"
        | "25ohd"
        | "25 oh vitamin d"
        | "25 hydroxyvitamin d"
        | "calcidiol" => Some(Analyte::VitaminD),
        "egfr" | "e gfr" | "gfr" => Some(Analyte::Egfr),
        _ => None,
    };
    match named {
        Some(a) => Ok(a),
        None => parse_word(field, word, &Analyte::ALL),
    }
}

/// A decimal number as a person types it: `40.5`, `-1`, `2e1`, or with a decimal comma
/// followed by one or two digits (`40,5` is 40.5, as the phones read it). A comma followed by
/// three digits (`1,000`) may be a thousands separator, so it is refused rather than guessed,
/// as is anything else that is not a finite number. Errors: `InvalidInput` naming `field`,
/// suggesting the number with a decimal point.
pub fn parse_decimal(field: &str, text: &str) -> ApiResult<f64> {
    let t = text.trim();
    if let Ok(v) = t.parse::<f64>() {
        if v.is_finite() {
            return Ok(v);
        }
    }
    if let Some((whole, frac)) = t.split_once(',') {
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
        if digits(whole_digits) && digits(frac) {
            if frac.len() <= 2 {
                if let Ok(v) = format!("{whole}.{frac}").parse::<f64>() {
                    return Ok(v);
                }
            }
            // Both readings, each written so it cannot be misread: "1.000" would be read back
            // as one, so the decimal reading is shown without trailing zeros ("1.0").
            let decimal = format!("{whole}.{frac}")
                .parse::<f64>()
                .map_or_else(|_| format!("{whole}.{frac}"), |v| format!("{v:?}"));
            return Err(crate::error::Error::invalid(
                field,
                format!(
                    "{text:?}: a comma before three digits may separate thousands; write {whole}{frac} if you mean {whole}{frac}, or {decimal} if the comma is a decimal point"
                ),
            )
            .into());
        }
    }
    Err(crate::error::Error::invalid(
        field,
        format!("{text:?}: expected a number with a decimal point, e.g. 40.5"),
    )
    .into())
}

/// Creates `dir` and any missing parents, each new one readable by the owner alone (0700 on
/// Unix, under any umask); a folder that already exists keeps its mode. Errors: `Io` naming
/// the folder.
pub fn create_private_dir(dir: &Path) -> ApiResult<()> {
    Ok(crate::exchange::atomic::create_private_dir(dir)?)
}

/// Whether `path` is an SQLite database (a diary or another program's): exports and reports
/// refuse to replace one.
pub fn is_database(path: &Path) -> bool {
    crate::exchange::atomic::is_database(path)
}

impl QuietLegs {
    /// Merges the demo's made-up history into this diary: `nights` nights ending at the clock's
    /// today (UTC) with `intakes_per_day` intakes a day, all as this device's records. For the
    /// demo's own diary only (see [`QuietLegs::mark_as_demo`]).
    pub fn add_demo_history(&self, nights: u32, intakes_per_day: u32) -> ApiResult<MergeReport> {
        let today = self.now().date_naive();
        let device = self.device_id()?;
        let records = crate::demo::demo_records(today, nights, intakes_per_day, &device);
        self.merge_in(&records)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::QuietLegsError;

    fn field_of(r: ApiResult<impl std::fmt::Debug>) -> (String, String) {
        match r {
            Err(QuietLegsError::InvalidInput { field, reason }) => (field, reason),
            other => panic!("{other:?}"),
        }
    }

    /// Issue #15: `lab add hb 12`, `Hgb`, `hemoglobin`, `haemoglobin` are haemoglobin; the
    /// other labs by their everyday names too; an unknown name is refused naming the field.
    #[test]
    fn labs_by_the_names_people_type() {
        for w in [
            "hb",
            "Hgb",
            "HGB",
            "hemoglobin",
            "haemoglobin",
            "Hämoglobin",
        ] {
            assert_eq!(
                parse_analyte("lab", w).unwrap(),
                Analyte::Haemoglobin,
                "{w}"
            );
        }
        for (w, a) in [
            ("Ferritin", Analyte::Ferritin),
            ("serum ferritin", Analyte::Ferritin),
            ("TSAT", Analyte::Tsat),
            ("transferrin saturation", Analyte::Tsat),
            ("vitamin_d", Analyte::VitaminD),
            ("Vitamin D", Analyte::VitaminD),
            ("25-OH D", Analyte::VitaminD),
            ("eGFR", Analyte::Egfr),
            ("GFR", Analyte::Egfr),
        ] {
            assert_eq!(parse_analyte("lab", w).unwrap(), a, "{w}");
        }
        let (field, reason) = field_of(parse_analyte("lab", "cholesterol"));
        assert_eq!(field, "lab");
        assert!(reason.contains("haemoglobin"), "{reason}");
    }

    /// Issue #15: a habit or intake one typo from a word is suggested, never taken as meant
    /// ("diary" is not dairy); the words themselves and catalog minerals still resolve.
    #[test]
    fn an_intake_typo_is_suggested_not_taken() {
        for (typed, meant) in [
            ("coffe", "coffee"),
            ("diary", "dairy"),
            ("mlik", "milk"),
            ("espreso", "espresso"),
            ("Centrun", "Centrum"),
        ] {
            let (field, reason) = field_of(parse_intake("habit", typed));
            assert_eq!(field, "habit", "{typed}");
            assert!(
                reason.contains(&format!("did you mean {meant}?")),
                "{typed}: {reason}"
            );
        }
        for (typed, kind) in [
            ("coffee", IntakeKind::Coffee),
            ("Milk", IntakeKind::DairyCalcium),
            ("dairy", IntakeKind::DairyCalcium),
            ("dairy_calcium", IntakeKind::DairyCalcium),
            ("Centrum", IntakeKind::Multivitamin),
            ("tee", IntakeKind::Tea),
        ] {
            assert_eq!(parse_intake("habit", typed).unwrap(), kind, "{typed}");
        }
        // Far from every word: the list of words, no guess.
        let (_, reason) = field_of(parse_intake("habit", "xyzzy"));
        assert!(!reason.contains("did you mean"), "{reason}");
    }

    /// Issue #15: `lab add ferritin 40,5` is 40.5; a comma that may separate thousands, or a
    /// word, is refused naming the field and showing the number with a decimal point.
    #[test]
    fn a_decimal_comma_is_read_only_where_it_is_unambiguous() {
        assert_eq!(parse_decimal("value", "40.5").unwrap(), 40.5);
        assert_eq!(parse_decimal("value", "40,5").unwrap(), 40.5);
        assert_eq!(parse_decimal("value", " 12,25 ").unwrap(), 12.25);
        assert_eq!(parse_decimal("value", "-1,5").unwrap(), -1.5);
        let (field, reason) = field_of(parse_decimal("value", "1,000"));
        assert_eq!(field, "value");
        // H4: "1.000" would be read back as one: never suggested; "1.0" is.
        assert!(
            reason.contains("write 1000 if you mean 1000")
                && reason.contains("or 1.0 if the comma is a decimal point")
                && !reason.contains("1.000"),
            "{reason}"
        );
        let (_, reason) = field_of(parse_decimal("value", "12,050"));
        assert!(
            reason.contains("12050") && reason.contains("12.05 ") && !reason.contains("12.050"),
            "{reason}"
        );
        for bad in ["forty", "40,5,1", "1.000,5", "NaN", "inf", ""] {
            let (field, reason) = field_of(parse_decimal("value", bad));
            assert_eq!(field, "value", "{bad}");
            assert!(
                reason.contains("40.5") || reason.contains('.'),
                "{bad}: {reason}"
            );
        }
    }
}
