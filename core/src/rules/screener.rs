//! The essential diagnostic criteria of RLS as a screener (SPEC §2.6). It never diagnoses: all yes
//! is "consistent with RLS: a doctor can confirm"; otherwise it names what is missing.

use serde::Serialize;

/// The five essential criteria, as the person answered them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct ScreenAnswers {
    /// An urge to move the legs, usually with unpleasant sensations.
    pub urge_to_move: bool,
    /// It begins or gets worse when resting or inactive.
    pub worse_at_rest: bool,
    /// Moving (walking, stretching) relieves it, at least while moving.
    pub relieved_by_movement: bool,
    /// It is worse in the evening or at night.
    pub worse_in_evening: bool,
    /// It is NOT explained by another condition (cramps, positional discomfort, neuropathy...).
    pub not_explained_by_other_condition: bool,
}

/// The questions, in order, as a shell or the CLI asks them.
pub const QUESTIONS: [&str; 5] = [
    "Do you have an urge to move your legs, usually with uncomfortable sensations in them?",
    "Does it begin or get worse when you are resting or sitting still?",
    "Does moving (walking, stretching) relieve it, at least while you keep moving?",
    "Is it worse in the evening or at night than during the day?",
    "Is it NOT explained by something else, such as leg cramps, an awkward position, or nerve damage (neuropathy)?",
];

/// What the screener found: never a diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, uniffi::Record)]
pub struct ScreenResult {
    /// Every criterion was answered "yes" (consistent with RLS; not a diagnosis).
    pub consistent_with_rls: bool,
    /// What to make of it, in words: only a doctor can confirm RLS.
    pub message: String,
    /// The criteria answered "no".
    pub missing: Vec<String>,
}

/// The common RLS mimics SPEC §2.6 asks the screener to name when a criterion is missing
/// (the IRLSSG diagnostic criteria's fifth: symptoms not solely accounted for by such conditions).
pub const MIMICS: &str = "leg cramps, positional discomfort, neuropathy, leg swelling, arthritis or habitual foot tapping";

/// Screens the five essential criteria (IRLSSG): all "yes" is consistent with RLS, which only a
/// doctor can confirm; otherwise the message names what is missing and the common mimics.
pub fn screen(a: &ScreenAnswers) -> ScreenResult {
    let checks = [
        (
            a.urge_to_move,
            "an urge to move the legs with unpleasant sensations",
        ),
        (a.worse_at_rest, "beginning or worsening at rest"),
        (a.relieved_by_movement, "relief by movement"),
        (a.worse_in_evening, "being worse in the evening or at night"),
        (
            a.not_explained_by_other_condition,
            "not being explained by another condition",
        ),
    ];
    let missing: Vec<String> = checks
        .iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, what)| (*what).to_owned())
        .collect();
    if missing.is_empty() {
        ScreenResult {
            consistent_with_rls: true,
            message: "Your answers are consistent with RLS. Only a doctor can confirm it: bring this to your appointment.".into(),
            missing,
        }
    } else {
        ScreenResult {
            consistent_with_rls: false,
            message: format!(
                "Not all criteria are met: missing {}. Something else may explain the symptoms, such as {MIMICS}; a doctor can tell.",
                missing.join(", ")
            ),
            missing,
        }
    }
}
