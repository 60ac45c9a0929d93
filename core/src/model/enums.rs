//! The small vocabularies of the log. They cross the FFI unchanged and are stored by their
//! snake_case names.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Where the urge to move was felt.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum BodyArea {
    /// The legs (RLS proper).
    Legs,
    /// The arms: spreading beyond the legs can be a sign of augmentation.
    Arms,
    /// The trunk.
    Trunk,
}

/// Something the person suspects made the night worse (compared in the status's trigger insights).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Coffee, tea, cola or energy drinks.
    Caffeine,
    /// Alcohol.
    Alcohol,
    /// Smoking or nicotine.
    Nicotine,
    /// A sedating antihistamine (e.g. diphenhydramine), known to worsen RLS.
    Antihistamine,
    /// Vigorous exercise late in the day.
    LateExercise,
    /// Long sitting (a flight, a car, a film).
    LongSitting,
}

/// What the person tried for relief during a night.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum ReliefKind {
    /// Walking about.
    Walking,
    /// Stretching.
    Stretching,
    /// Massage.
    Massage,
    /// A warm bath or shower.
    WarmBath,
    /// A cold compress.
    ColdCompress,
    /// Compression (stockings, a pneumatic device).
    Compression,
    /// An extra or as-needed medicine.
    Medication,
    /// Anything else.
    Other,
}

/// How much a relief helped, as the person judged it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum ReliefEffect {
    /// It did not help.
    NotAtAll,
    /// It helped a little.
    ALittle,
    /// It helped a lot.
    ALot,
}

/// One relief tried during a night and how much it helped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Record)]
pub struct Relief {
    /// What was tried.
    pub kind: ReliefKind,
    /// How much it helped.
    pub effect: ReliefEffect,
}

/// Something taken that matters for iron timing or for RLS.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum IntakeKind {
    /// Coffee (iron keeps its distance: `Substance::Coffee`).
    Coffee,
    /// Tea (`Substance::Tea`).
    Tea,
    /// Milk, dairy or calcium-rich food (`Substance::DairyCalcium`).
    DairyCalcium,
    /// A meal (`Substance::Food`).
    Meal,
    /// Alcohol (no iron rule; a possible RLS trigger).
    Alcohol,
    /// Nicotine (no iron rule; a possible RLS trigger).
    Nicotine,
    /// An antacid (`Substance::Antacid`).
    Antacid,
    /// A zinc supplement (`Substance::Zinc`): kept apart from iron like other minerals.
    Zinc,
    /// A multivitamin with minerals (`Substance::Multivitamin`): kept apart from iron.
    Multivitamin,
}

/// A logged activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Exercise (sport, gym).
    Exercise,
    /// A walk.
    Walk,
    /// A warm bath.
    WarmBath,
    /// Stretching.
    Stretching,
    /// Compression (stockings, a pneumatic device).
    Compression,
}

/// How hard an activity was.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    /// Light, as the person judged it.
    Light,
    /// Moderate, as the person judged it.
    Moderate,
    /// Vigorous, as the person judged it.
    Vigorous,
}

/// What an event records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    /// Something taken (coffee, a meal…).
    Intake {
        /// What was taken.
        what: IntakeKind,
    },
    /// A dose of a regimen item (its id).
    Dose {
        /// The regimen item's id.
        regimen_id: String,
    },
    /// An activity.
    Activity {
        /// What was done.
        what: ActivityKind,
        /// How hard, if said.
        intensity: Option<Intensity>,
        /// How long, in minutes, if said.
        minutes: Option<u32>,
    },
    /// An IV iron infusion given by a clinic (SPEC §2.1): it ends the oral-iron verdict and sets
    /// the next recheck.
    IvIron {
        /// Which formulation was given.
        formulation: IvIronFormulation,
    },
    /// The weekly IRLS (SPEC §2.7): ten item scores 0-4 by item number, rating the 7 days up to
    /// `week_ending` (`YYYY-MM-DD`). One per ISO week on a device. Its record id is derived
    /// from the week-ending date (older versions: from the ISO week), so two devices rating the
    /// same 7 days merge into one record; ratings of overlapping weeks from two devices are all
    /// kept (see `rules::weekly_irls::weekly_ratings`).
    WeeklyIrls {
        /// The last day of the week rated, `YYYY-MM-DD`.
        week_ending: String,
        /// The ten item scores, 0-4 each, by item number.
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
    /// Every IvIronFormulation value, in the order screens list them.
    pub const ALL: [IvIronFormulation; 5] = [
        IvIronFormulation::FerricCarboxymaltose,
        IvIronFormulation::Ferumoxytol,
        IvIronFormulation::LmwIronDextran,
        IvIronFormulation::IronSucrose,
        IvIronFormulation::Other,
    ];

    /// Its name alone, for a sentence that puts it in parentheses (the label already has some).
    pub fn name(self) -> &'static str {
        match self {
            IvIronFormulation::FerricCarboxymaltose => "ferric carboxymaltose",
            IvIronFormulation::Ferumoxytol => "ferumoxytol",
            IvIronFormulation::LmwIronDextran => "low-molecular-weight iron dextran",
            IvIronFormulation::IronSucrose => "iron sucrose",
            IvIronFormulation::Other => "another formulation",
        }
    }

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

/// A lab value the app reads (LOINC codes in the FHIR export).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Analyte {
    /// Serum ferritin, stored in ng/mL (µg/L accepted: the same number).
    Ferritin,
    /// Transferrin saturation, %.
    Tsat,
    /// Haemoglobin, stored in g/dL (g/L and mmol/L accepted).
    Haemoglobin,
    /// 25-OH vitamin D, stored in ng/mL (nmol/L accepted).
    VitaminD,
    /// eGFR (kidney function), mL/min/1.73m2.
    Egfr,
}

/// What a regimen item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RegimenKind {
    /// Oral iron: the planner finds its window.
    Iron,
    /// Vitamin C taken with iron.
    VitaminC,
    /// Magnesium (planned before bed; not with kidney disease).
    Magnesium,
    /// A medicine (looked up in the catalog).
    Medication,
    /// Another supplement (looked up in the catalog).
    Supplement,
}

/// Where a regimen item's start date came from. The augmentation screen (SPEC §2.5) takes the
/// diary from the start as the period when the drug first worked only when the person gave the
/// date; otherwise it uses the short questionnaire.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum StartSource {
    /// The person gave the date they started.
    Given,
    /// The person said they do not know when they started (long ago): the date only dates the
    /// schedule in the app.
    Unknown,
    /// Nobody was asked: the day the item was added. Items stored or exported before the app
    /// recorded this read as defaulted.
    #[default]
    Defaulted,
}

impl StartSource {
    /// Every StartSource value, in the order screens list them.
    pub const ALL: [StartSource; 3] = [
        StartSource::Given,
        StartSource::Unknown,
        StartSource::Defaulted,
    ];

    /// The start date is the day the person started (not a default, not a guess).
    pub fn is_known(self) -> bool {
        self == StartSource::Given
    }

    /// Nobody was asked (what a record without the field means).
    pub fn is_defaulted(&self) -> bool {
        *self == StartSource::Defaulted
    }
}

/// Sex as a lab reference range uses it (the WHO haemoglobin cut-off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

impl Sex {
    /// Every Sex value, in the order screens list them.
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];
}

/// IRLS severity bands (SPEC §2.7).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum IrlsBand {
    /// Total 0.
    None,
    /// Mild (up to `IRLS_MILD_MAX` in the evidence table).
    Mild,
    /// Moderate (up to `IRLS_MODERATE_MAX`).
    Moderate,
    /// Severe (up to `IRLS_SEVERE_MAX`).
    Severe,
    /// Very severe (above `IRLS_SEVERE_MAX`, to 40).
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
    /// Every Trigger value, in the order screens list them.
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
    /// Every BodyArea value, in the order screens list them.
    pub const ALL: [BodyArea; 3] = [BodyArea::Legs, BodyArea::Arms, BodyArea::Trunk];
}

impl IntakeKind {
    /// Every IntakeKind value, in the order screens list them.
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
    /// Every Analyte value, in the order screens list them.
    pub const ALL: [Analyte; 5] = [
        Analyte::Ferritin,
        Analyte::Tsat,
        Analyte::Haemoglobin,
        Analyte::VitaminD,
        Analyte::Egfr,
    ];
}

impl ActivityKind {
    /// Every ActivityKind value, in the order screens list them.
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Exercise,
        ActivityKind::Walk,
        ActivityKind::WarmBath,
        ActivityKind::Stretching,
        ActivityKind::Compression,
    ];
}

impl Intensity {
    /// Every Intensity value, in the order screens list them.
    pub const ALL: [Intensity; 3] = [Intensity::Light, Intensity::Moderate, Intensity::Vigorous];
}

impl ReliefKind {
    /// Every ReliefKind value, in the order screens list them.
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
    /// Every ReliefEffect value, in the order screens list them.
    pub const ALL: [ReliefEffect; 3] = [
        ReliefEffect::NotAtAll,
        ReliefEffect::ALittle,
        ReliefEffect::ALot,
    ];
}

impl RegimenKind {
    /// Every RegimenKind value, in the order screens list them.
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
