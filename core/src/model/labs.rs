//! Lab values and their units. Each analyte has one canonical unit; the unit the person typed is
//! kept beside the converted value so nothing they entered is lost.

use serde::{Deserialize, Serialize};

use super::Analyte;
use crate::error::{Error, Result};
use crate::evidence::{
    EGFR_PLAUSIBLE_MAX, FERRITIN_PLAUSIBLE_MAX, HAEMOGLOBIN_G_L_PER_G_DL, HAEMOGLOBIN_MMOL_TO_G_DL,
    HAEMOGLOBIN_PLAUSIBLE_MAX, HAEMOGLOBIN_PLAUSIBLE_MIN, TSAT_PLAUSIBLE_MAX, TSAT_PLAUSIBLE_MIN,
    VITAMIN_D_NMOL_PER_NG, VITAMIN_D_PLAUSIBLE_MAX,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabValue {
    /// In the analyte's canonical unit.
    pub canonical: f64,
    pub entered_value: f64,
    pub entered_unit: String,
}

impl Analyte {
    /// The unit every value of this analyte is stored in.
    pub fn canonical_unit(self) -> &'static str {
        match self {
            Analyte::Ferritin => "ng/mL",
            Analyte::Tsat => "%",
            Analyte::Haemoglobin => "g/dL",
            Analyte::VitaminD => "ng/mL",
            Analyte::Egfr => "mL/min/1.73m2",
        }
    }

    /// The units accepted on entry.
    pub fn accepted_units(self) -> &'static [&'static str] {
        match self {
            Analyte::Ferritin => &["ng/mL", "µg/L"],
            Analyte::Tsat => &["%"],
            Analyte::Haemoglobin => &["g/dL", "g/L", "mmol/L"],
            Analyte::VitaminD => &["ng/mL", "nmol/L"],
            Analyte::Egfr => &["mL/min/1.73m2"],
        }
    }

    /// Factor from `unit` to the canonical unit, or None when the unit is not one of ours.
    fn factor_from(self, unit: &str) -> Option<f64> {
        let u = normalise_unit(unit);
        match (self, u.as_str()) {
            (Analyte::Ferritin, "ng/ml" | "ug/l") => Some(1.0),
            (Analyte::Tsat, "%") => Some(1.0),
            (Analyte::Haemoglobin, "g/dl") => Some(1.0),
            (Analyte::Haemoglobin, "g/l") => Some(1.0 / HAEMOGLOBIN_G_L_PER_G_DL.value),
            (Analyte::Haemoglobin, "mmol/l") => Some(HAEMOGLOBIN_MMOL_TO_G_DL.value),
            (Analyte::VitaminD, "ng/ml") => Some(1.0),
            (Analyte::VitaminD, "nmol/l") => Some(1.0 / VITAMIN_D_NMOL_PER_NG.value),
            (Analyte::Egfr, "ml/min/1.73m2" | "ml/min/1.73m^2" | "ml/min/1.73m²" | "ml/min") => {
                Some(1.0)
            }
            _ => None,
        }
    }

    /// The plausible canonical range (evidence table): outside it the entry is a typing error.
    /// A lower bound of 0 means "above zero".
    fn plausible(self) -> (f64, f64) {
        match self {
            Analyte::Ferritin => (0.0, FERRITIN_PLAUSIBLE_MAX.value),
            Analyte::Tsat => (TSAT_PLAUSIBLE_MIN.value, TSAT_PLAUSIBLE_MAX.value),
            Analyte::Haemoglobin => (
                HAEMOGLOBIN_PLAUSIBLE_MIN.value,
                HAEMOGLOBIN_PLAUSIBLE_MAX.value,
            ),
            Analyte::VitaminD => (0.0, VITAMIN_D_PLAUSIBLE_MAX.value),
            Analyte::Egfr => (0.0, EGFR_PLAUSIBLE_MAX.value),
        }
    }
}

/// `µg/L`, `ug/L`, `mcg/l`, `μg/L` (Greek mu) all read the same.
fn normalise_unit(unit: &str) -> String {
    unit.trim()
        .to_lowercase()
        .replace(' ', "")
        .replace(['µ', 'μ'], "u")
        .replace("mcg", "ug")
}

impl LabValue {
    /// Converts an entered value to the canonical unit, refusing unknown units and implausible
    /// values (outside the evidence table's plausible range). A percentage typed as a fraction
    /// (TSAT 0.5 %) is refused with "did you mean 50 %?".
    ///
    /// ```
    /// use quietlegs_core::model::{Analyte, LabValue};
    /// let v = LabValue::from_entry(Analyte::VitaminD, 74.88, "nmol/L").unwrap();
    /// assert!((v.canonical - 30.0).abs() < 1e-9);
    /// assert!(LabValue::from_entry(Analyte::Ferritin, 42.0, "mg/dL").is_err());
    /// ```
    pub fn from_entry(analyte: Analyte, value: f64, unit: &str) -> Result<Self> {
        let field = "lab value";
        let factor = analyte.factor_from(unit).ok_or_else(|| {
            Error::invalid(
                "lab unit",
                format!(
                    "{unit:?} is not a unit for {}; use {}",
                    super::enums::name_of(&analyte),
                    analyte.accepted_units().join(" or ")
                ),
            )
        })?;
        if !value.is_finite() {
            return Err(Error::invalid(field, "not a number"));
        }
        if value <= 0.0 {
            return Err(Error::invalid(field, format!("{value} must be above zero")));
        }
        let canonical = value * factor;
        let (lo, hi) = analyte.plausible();
        let as_percent = canonical * 100.0;
        if analyte.canonical_unit() == "%" && canonical < lo && (lo..=hi).contains(&as_percent) {
            return Err(Error::invalid(
                field,
                format!(
                    "{value} {unit} looks like a fraction typed as a percent; did you mean {} %?",
                    // Rounded to 6 decimals: no float noise in the suggestion.
                    (as_percent * 1e6).round() / 1e6
                ),
            ));
        }
        if canonical < lo || canonical > hi {
            return Err(Error::invalid(
                field,
                format!(
                    "{value} {unit} is outside the plausible range {lo}-{hi} {}; check the lab sheet",
                    analyte.canonical_unit()
                ),
            ));
        }
        Ok(LabValue {
            canonical,
            entered_value: value,
            entered_unit: unit.trim().to_owned(),
        })
    }

    /// The value expressed in another accepted unit.
    pub fn in_unit(&self, analyte: Analyte, unit: &str) -> Result<f64> {
        let f = analyte.factor_from(unit).ok_or_else(|| {
            Error::invalid("lab unit", format!("{unit:?} is not a unit for this lab"))
        })?;
        Ok(self.canonical / f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ferritin_micrograms_per_litre_equal_nanograms_per_millilitre() {
        for u in ["µg/L", "ug/l", "mcg/L", "μg/L", " ng/ml "] {
            assert_eq!(
                LabValue::from_entry(Analyte::Ferritin, 42.0, u)
                    .unwrap()
                    .canonical,
                42.0,
                "{u}"
            );
        }
    }

    #[test]
    fn haemoglobin_units_convert() {
        let gl = LabValue::from_entry(Analyte::Haemoglobin, 135.0, "g/L").unwrap();
        assert!((gl.canonical - 13.5).abs() < 1e-9);
        let mmol = LabValue::from_entry(Analyte::Haemoglobin, 8.0, "mmol/L").unwrap();
        assert!((mmol.canonical - 12.888).abs() < 1e-9);
    }

    #[test]
    fn implausible_and_negative_values_are_refused() {
        assert!(LabValue::from_entry(Analyte::Ferritin, -3.0, "ng/mL").is_err());
        assert!(LabValue::from_entry(Analyte::Ferritin, 0.0, "ng/mL").is_err());
        assert!(LabValue::from_entry(Analyte::Tsat, 120.0, "%").is_err());
        assert!(LabValue::from_entry(Analyte::Ferritin, f64::NAN, "ng/mL").is_err());
        assert!(LabValue::from_entry(Analyte::Haemoglobin, 135.0, "g/dL").is_err());
    }

    #[test]
    fn a_tsat_typed_as_a_fraction_asks_whether_the_percent_was_meant() {
        for (typed, meant) in [
            (0.5, "50 %"),
            (0.234, "23.4 %"),
            (0.05, "5 %"),
            (1.0 - 1e-9, "100 %"),
        ] {
            let e = LabValue::from_entry(Analyte::Tsat, typed, "%").unwrap_err();
            assert!(
                matches!(&e, Error::Invalid { field, .. } if field == "lab value"),
                "{e:?}"
            );
            assert!(
                e.to_string().contains(&format!("did you mean {meant}?")),
                "{e}"
            );
        }
        // A real low saturation, at the floor, is kept.
        assert!(LabValue::from_entry(Analyte::Tsat, 1.0, "%").is_ok());
        assert!(LabValue::from_entry(Analyte::Tsat, 4.0, "%").is_ok());
        // Too small to be either: refused without a guess.
        let e = LabValue::from_entry(Analyte::Tsat, 0.001, "%")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("did you mean"), "{e}");
    }

    proptest! {
        #[test]
        fn vitamin_d_round_trips(ng in 1.0f64..200.0) {
            let v = LabValue::from_entry(Analyte::VitaminD, ng * VITAMIN_D_NMOL_PER_NG.value, "nmol/L").unwrap();
            prop_assert!((v.canonical - ng).abs() < 1e-9);
            prop_assert!((v.in_unit(Analyte::VitaminD, "nmol/L").unwrap() - ng * 2.496).abs() < 1e-9);
        }
    }
}
