//! The small vocabularies of the log. They cross the FFI unchanged and are stored by their
//! snake_case names.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum BodyArea {
    Legs,
    Arms,
    Trunk,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Caffeine,
    Alcohol,
    Nicotine,
    Antihistamine,
    LateExercise,
    LongSitting,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum ReliefKind {
    Walking,
    Stretching,
    Massage,
    WarmBath,
    ColdCompress,
    Compression,
    Medication,
    Other,
}

/// How much a relief helped, as the person judged it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum ReliefEffect {
    NotAtAll,
    ALittle,
    ALot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Record)]
pub struct Relief {
    pub kind: ReliefKind,
    pub effect: ReliefEffect,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum IntakeKind {
    Coffee,
    Tea,
    DairyCalcium,
    Meal,
    Alcohol,
    Nicotine,
    Antacid,
    /// A zinc supplement: kept apart from iron like other minerals (SPEC §2.2).
    Zinc,
    /// A multivitamin with minerals: kept apart from iron (SPEC §2.2).
    Multivitamin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Exercise,
    Walk,
    WarmBath,
    Stretching,
    Compression,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    Light,
    Moderate,
    Vigorous,
}

/// What an event records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    Intake {
        what: IntakeKind,
    },
    /// A dose of a regimen item (its id).
    Dose {
        regimen_id: String,
    },
    Activity {
        what: ActivityKind,
        intensity: Option<Intensity>,
        minutes: Option<u32>,
    },
    /// An IV iron infusion given by a clinic (SPEC §2.1): it ends the oral-iron verdict and sets
    /// the next recheck.
    IvIron {
        formulation: IvIronFormulation,
    },
    /// The weekly IRLS (SPEC §2.7): ten item scores 0-4 by item number, rating the 7 days up to
    /// `week_ending` (`YYYY-MM-DD`). One per ISO week: its record id is derived from the week,
    /// so two devices rating the same week merge into one record.
    WeeklyIrls {
        week_ending: String,
        items: Vec<u8>,
    },
}

/// IV iron formulations, with their AASM-2025 stance for RLS (SPEC §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IvIronFormulation {
    /// Strong recommendation for RLS (AASM-2025).
    FerricCarboxymaltose,
    /// Conditional recommendation (AASM-2025).
    Ferumoxytol,
    /// Low-molecular-weight iron dextran: conditional recommendation (AASM-2025).
    LmwIronDextran,
    /// Suggested for RLS only on dialysis (AASM-2025).
    IronSucrose,
    /// Another formulation: no RLS evidence graded.
    Other,
}

impl IvIronFormulation {
    pub const ALL: [IvIronFormulation; 5] = [
        IvIronFormulation::FerricCarboxymaltose,
        IvIronFormulation::Ferumoxytol,
        IvIronFormulation::LmwIronDextran,
        IvIronFormulation::IronSucrose,
        IvIronFormulation::Other,
    ];

    /// Its name and RLS evidence, in one line.
    pub fn label(self) -> &'static str {
        match self {
            IvIronFormulation::FerricCarboxymaltose => {
                "ferric carboxymaltose (AASM 2025: strong recommendation for RLS)"
            }
            IvIronFormulation::Ferumoxytol => "ferumoxytol (AASM 2025: conditional recommendation)",
            IvIronFormulation::LmwIronDextran => {
                "low-molecular-weight iron dextran (AASM 2025: conditional recommendation)"
            }
            IvIronFormulation::IronSucrose => {
                "iron sucrose (AASM 2025: suggested for RLS only on dialysis)"
            }
            IvIronFormulation::Other => "IV iron (no RLS evidence graded for this formulation)",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Analyte {
    Ferritin,
    Tsat,
    Haemoglobin,
    VitaminD,
    Egfr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RegimenKind {
    Iron,
    VitaminC,
    Magnesium,
    Medication,
    Supplement,
}

/// Sex as a lab reference range uses it (the WHO haemoglobin cut-off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];
}

/// IRLS severity bands (SPEC §2.7).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum IrlsBand {
    None,
    Mild,
    Moderate,
    Severe,
    VerySevere,
}

/// The snake_case name a vocabulary word is stored and typed as.
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Reads a vocabulary word as typed on the command line (`late-exercise`, `Late_Exercise`),
/// naming the field and the accepted words when it is not one.
pub fn parse_word<T: for<'de> Deserialize<'de> + Serialize>(
    field: &str,
    s: &str,
    all: &[T],
) -> Result<T> {
    let norm = s.trim().to_lowercase().replace(['-', ' '], "_");
    serde_json::from_value(serde_json::Value::String(norm)).map_err(|_| {
        let words: Vec<String> = all.iter().map(name_of).collect();
        Error::invalid(
            field,
            format!("{s:?}: expected one of {}", words.join(", ")),
        )
    })
}

impl Trigger {
    pub const ALL: [Trigger; 6] = [
        Trigger::Caffeine,
        Trigger::Alcohol,
        Trigger::Nicotine,
        Trigger::Antihistamine,
        Trigger::LateExercise,
        Trigger::LongSitting,
    ];
}

impl BodyArea {
    pub const ALL: [BodyArea; 3] = [BodyArea::Legs, BodyArea::Arms, BodyArea::Trunk];
}

impl IntakeKind {
    pub const ALL: [IntakeKind; 9] = [
        IntakeKind::Coffee,
        IntakeKind::Tea,
        IntakeKind::DairyCalcium,
        IntakeKind::Meal,
        IntakeKind::Alcohol,
        IntakeKind::Nicotine,
        IntakeKind::Antacid,
        IntakeKind::Zinc,
        IntakeKind::Multivitamin,
    ];
}

impl Analyte {
    pub const ALL: [Analyte; 5] = [
        Analyte::Ferritin,
        Analyte::Tsat,
        Analyte::Haemoglobin,
        Analyte::VitaminD,
        Analyte::Egfr,
    ];
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Exercise,
        ActivityKind::Walk,
        ActivityKind::WarmBath,
        ActivityKind::Stretching,
        ActivityKind::Compression,
    ];
}

impl Intensity {
    pub const ALL: [Intensity; 3] = [Intensity::Light, Intensity::Moderate, Intensity::Vigorous];
}

impl ReliefKind {
    pub const ALL: [ReliefKind; 8] = [
        ReliefKind::Walking,
        ReliefKind::Stretching,
        ReliefKind::Massage,
        ReliefKind::WarmBath,
        ReliefKind::ColdCompress,
        ReliefKind::Compression,
        ReliefKind::Medication,
        ReliefKind::Other,
    ];
}

impl ReliefEffect {
    pub const ALL: [ReliefEffect; 3] = [
        ReliefEffect::NotAtAll,
        ReliefEffect::ALittle,
        ReliefEffect::ALot,
    ];
}

impl RegimenKind {
    pub const ALL: [RegimenKind; 5] = [
        RegimenKind::Iron,
        RegimenKind::VitaminC,
        RegimenKind::Magnesium,
        RegimenKind::Medication,
        RegimenKind::Supplement,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_loosely_and_errors_list_the_choices() {
        assert_eq!(
            parse_word("trigger", "Late-Exercise", &Trigger::ALL).unwrap(),
            Trigger::LateExercise
        );
        let e = parse_word("trigger", "cheese", &Trigger::ALL)
            .unwrap_err()
            .to_string();
        assert!(e.contains("caffeine, alcohol"), "{e}");
    }
}
