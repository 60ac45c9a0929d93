//! The words a person reads for each vocabulary value, the same on Android, iOS and the
//! desktop. Exhaustive matches: a new value cannot reach a screen without its words.

use crate::model::{
    ActivityKind, Analyte, BodyArea, IntakeKind, IrlsBand, RegimenKind, ReliefEffect, ReliefKind,
    Trigger,
};

/// The words for a body area.
pub fn body_area_label(v: BodyArea) -> &'static str {
    match v {
        BodyArea::Legs => "Legs",
        BodyArea::Arms => "Arms",
        BodyArea::Trunk => "Trunk",
    }
}

/// The words for a trigger.
pub fn trigger_label(v: Trigger) -> &'static str {
    match v {
        Trigger::Caffeine => "Caffeine",
        Trigger::Alcohol => "Alcohol",
        Trigger::Nicotine => "Nicotine",
        Trigger::Antihistamine => "Sedating antihistamine",
        Trigger::LateExercise => "Late vigorous exercise",
        Trigger::LongSitting => "Long sitting",
    }
}

/// The words for a kind of relief.
pub fn relief_kind_label(v: ReliefKind) -> &'static str {
    match v {
        ReliefKind::Walking => "Walking",
        ReliefKind::Stretching => "Stretching",
        ReliefKind::Massage => "Massage",
        ReliefKind::WarmBath => "Warm bath",
        ReliefKind::ColdCompress => "Cold compress",
        ReliefKind::Compression => "Compression",
        ReliefKind::Medication => "Medication",
        ReliefKind::Other => "Other",
    }
}

/// The words for how much relief helped.
pub fn relief_effect_label(v: ReliefEffect) -> &'static str {
    match v {
        ReliefEffect::NotAtAll => "Did not help",
        ReliefEffect::ALittle => "Helped a little",
        ReliefEffect::ALot => "Helped a lot",
    }
}

/// The words for an intake.
pub fn intake_label(v: IntakeKind) -> &'static str {
    match v {
        IntakeKind::Coffee => "Coffee",
        IntakeKind::Tea => "Tea",
        IntakeKind::DairyCalcium => "Milk, dairy or calcium",
        IntakeKind::Meal => "Meal",
        IntakeKind::Alcohol => "Alcohol",
        IntakeKind::Nicotine => "Nicotine",
        IntakeKind::Antacid => "Antacid",
        IntakeKind::Zinc => "Zinc supplement",
        IntakeKind::Multivitamin => "Multivitamin with minerals",
    }
}

/// The words for an activity.
pub fn activity_label(v: ActivityKind) -> &'static str {
    match v {
        ActivityKind::Exercise => "Exercise",
        ActivityKind::Walk => "Walk",
        ActivityKind::WarmBath => "Warm bath",
        ActivityKind::Stretching => "Stretching",
        ActivityKind::Compression => "Compression",
    }
}

/// The words for a lab analyte.
pub fn analyte_label(v: Analyte) -> &'static str {
    match v {
        Analyte::Ferritin => "Ferritin",
        Analyte::Tsat => "Transferrin saturation (TSAT)",
        Analyte::Haemoglobin => "Haemoglobin",
        Analyte::VitaminD => "25-OH vitamin D",
        Analyte::Egfr => "eGFR (kidney function)",
    }
}

/// The words for a kind of regimen item.
pub fn regimen_kind_label(v: RegimenKind) -> &'static str {
    match v {
        RegimenKind::Iron => "Iron",
        RegimenKind::VitaminC => "Vitamin C",
        RegimenKind::Magnesium => "Magnesium",
        RegimenKind::Medication => "Medicine",
        RegimenKind::Supplement => "Supplement",
    }
}

/// The words for an IRLS severity band (lower case, for use in a sentence).
pub fn irls_band_label(v: IrlsBand) -> &'static str {
    match v {
        IrlsBand::None => "none",
        IrlsBand::Mild => "mild",
        IrlsBand::Moderate => "moderate",
        IrlsBand::Severe => "severe",
        IrlsBand::VerySevere => "very severe",
    }
}
