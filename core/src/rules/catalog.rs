//! The medicine catalog (SPEC §2.4 and the iron-timing interactions of §2.2): generic names,
//! brands, class, evidence, advice and source. Lookup forgives case, accents, brand names,
//! combination products ("Tylenol PM") and one typo ("difenhydramine").
//!
//! The advice never tells anyone to stop a medicine: it says to discuss it with the prescriber.

use serde::Serialize;

use super::evidence::Source;
use super::interactions::Substance;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DrugClass {
    SedatingAntihistamine,
    DopamineAntagonist,
    Ssri,
    Snri,
    Tricyclic,
    Mirtazapine,
    Lithium,
    CalciumChannelBlocker,
    BetaBlocker,
    Bupropion,
    DopamineAgonist,
    Levodopa,
    Gabapentinoid,
    Thyroid,
    Quinolone,
    Tetracycline,
    Bisphosphonate,
    ProtonPumpInhibitor,
    Antacid,
    Calcium,
}

/// How strongly the evidence ties the class to worse RLS (or to the timing rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStrength {
    Weak,
    Moderate,
    Strong,
}

/// What the app does about a medicine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum MedicineEffect {
    /// Can worsen RLS: warn when added or logged.
    WorsensRls,
    /// Affects when iron can be taken.
    IronTiming,
    /// A treatment for RLS (the augmentation screen watches dopaminergic ones).
    RlsTreatment,
    /// Usually does not worsen RLS.
    UsuallyNeutral,
}

impl DrugClass {
    pub fn effect(self) -> MedicineEffect {
        use DrugClass::*;
        match self {
            SedatingAntihistamine
            | DopamineAntagonist
            | Ssri
            | Snri
            | Tricyclic
            | Mirtazapine
            | Lithium
            | CalciumChannelBlocker
            | BetaBlocker => MedicineEffect::WorsensRls,
            Bupropion => MedicineEffect::UsuallyNeutral,
            DopamineAgonist | Gabapentinoid => MedicineEffect::RlsTreatment,
            Levodopa => MedicineEffect::RlsTreatment,
            Thyroid | Quinolone | Tetracycline | Bisphosphonate | ProtonPumpInhibitor | Antacid
            | Calcium => MedicineEffect::IronTiming,
        }
    }

    pub fn evidence(self) -> EvidenceStrength {
        use DrugClass::*;
        match self {
            SedatingAntihistamine | DopamineAntagonist => EvidenceStrength::Strong,
            Ssri | Snri | Tricyclic | Mirtazapine | Lithium => EvidenceStrength::Moderate,
            CalciumChannelBlocker | BetaBlocker => EvidenceStrength::Weak,
            Bupropion => EvidenceStrength::Moderate,
            DopamineAgonist | Levodopa | Gabapentinoid => EvidenceStrength::Strong,
            Thyroid | Quinolone | Tetracycline | Bisphosphonate | ProtonPumpInhibitor | Antacid
            | Calcium => EvidenceStrength::Strong,
        }
    }

    pub fn source(self) -> Source {
        use DrugClass::*;
        match self {
            DopamineAgonist | Gabapentinoid | Levodopa => Source::Aasm2025,
            Thyroid | Calcium => Source::Article,
            Quinolone | Tetracycline | Bisphosphonate | ProtonPumpInhibitor | Antacid => {
                Source::DrugLabel
            }
            _ => Source::Article,
        }
    }

    /// Plain words for the class.
    pub fn label(self) -> &'static str {
        use DrugClass::*;
        match self {
            SedatingAntihistamine => "sedating antihistamine",
            DopamineAntagonist => "dopamine-blocking medicine (antipsychotic or anti-nausea)",
            Ssri => "SSRI antidepressant",
            Snri => "SNRI antidepressant",
            Tricyclic => "tricyclic antidepressant",
            Mirtazapine => "mirtazapine (antidepressant)",
            Lithium => "lithium",
            CalciumChannelBlocker => "calcium-channel blocker",
            BetaBlocker => "beta-blocker",
            Bupropion => "bupropion (antidepressant)",
            DopamineAgonist => "dopamine agonist",
            Levodopa => "levodopa",
            Gabapentinoid => "gabapentinoid",
            Thyroid => "thyroid hormone",
            Quinolone => "fluoroquinolone antibiotic",
            Tetracycline => "tetracycline antibiotic",
            Bisphosphonate => "bisphosphonate",
            ProtonPumpInhibitor => "proton-pump inhibitor",
            Antacid => "antacid",
            Calcium => "calcium",
        }
    }

    /// The advice shown with a match. Never "stop": always "discuss".
    pub fn advice(self) -> &'static str {
        use DrugClass::*;
        match self {
            SedatingAntihistamine => "Sedating antihistamines often make RLS worse, including in night-time cold and sleep remedies. Ask your pharmacist or doctor about an alternative; do not change a prescribed medicine on your own.",
            DopamineAntagonist => "Dopamine-blocking medicines can worsen RLS. Discuss it with the prescriber before any change; do not stop it on your own.",
            Ssri | Snri | Tricyclic | Mirtazapine => "Some antidepressants can worsen RLS. If symptoms got worse after starting it, discuss it with the prescriber; do not stop it on your own (bupropion is usually an exception).",
            Lithium => "Lithium can worsen RLS. Discuss it with the prescriber; do not stop it on your own.",
            CalciumChannelBlocker | BetaBlocker => "Weaker evidence links this class to worse RLS. If symptoms changed after starting it, mention it to your doctor; do not stop it on your own.",
            Bupropion => "Bupropion usually does not worsen RLS.",
            DopamineAgonist => "A treatment for RLS. Over time it can cause augmentation (symptoms earlier, stronger, spreading): QuietLegs screens your diary for that. Gabapentinoids are now preferred first-line; discuss with your doctor.",
            Levodopa => "Used for RLS and Parkinson's; carries a high augmentation risk, which QuietLegs screens for. Keep it 2 h apart from iron.",
            Gabapentinoid => "A first-line treatment for RLS (AASM 2025).",
            Thyroid => "Keep thyroid medicine and iron at least 4 h apart; QuietLegs plans around it.",
            Quinolone => "Take the antibiotic at least 2 h before or 6 h after iron; QuietLegs plans around it.",
            Tetracycline => "Take the antibiotic at least 2 h before or 4 h after iron; QuietLegs plans around it.",
            Bisphosphonate => "Take iron at least 30 min after the bisphosphonate, as its label directs.",
            ProtonPumpInhibitor => "Reduces iron absorption, and no timing fixes that: discuss with your doctor.",
            Antacid => "Keep antacids at least 2 h apart from iron.",
            Calcium => "Keep calcium at least 2 h apart from iron.",
        }
    }

    /// The iron-timing substance of the class, if any.
    pub fn substance(self) -> Option<Substance> {
        use DrugClass::*;
        match self {
            Thyroid => Some(Substance::Thyroid),
            Levodopa => Some(Substance::Levodopa),
            Quinolone => Some(Substance::Quinolone),
            Tetracycline => Some(Substance::Tetracycline),
            Bisphosphonate => Some(Substance::Bisphosphonate),
            Antacid => Some(Substance::Antacid),
            Calcium => Some(Substance::DairyCalcium),
            _ => None,
        }
    }
}

/// One catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Medicine {
    pub generic: &'static str,
    pub brands: &'static [&'static str],
    pub class: DrugClass,
}

macro_rules! catalog {
    ($( $class:ident: $( $generic:literal [$($brand:literal),*] ),+ ; )*) => {
        /// Every entry, by class.
        pub const CATALOG: &[Medicine] = &[
            $( $( Medicine { generic: $generic, brands: &[$($brand),*], class: DrugClass::$class }, )+ )*
        ];
    };
}

catalog! {
    SedatingAntihistamine:
        "diphenhydramine" ["Benadryl", "ZzzQuil", "Nytol", "Sominex", "Tylenol PM", "Advil PM", "Aleve PM", "Motrin PM", "Excedrin PM", "Unisom SleepGels"],
        "doxylamine" ["Unisom", "Unisom SleepTabs", "NyQuil", "Dormidina"],
        "chlorpheniramine" ["Chlor-Trimeton", "Piriton", "Coricidin"],
        "hydroxyzine" ["Atarax", "Vistaril"],
        "promethazine" ["Phenergan"],
        "dimenhydrinate" ["Dramamine", "Gravol"],
        "cyproheptadine" ["Periactin"],
        "brompheniramine" ["Dimetapp"],
        "clemastine" ["Tavist"],
        "meclizine" ["Antivert", "Bonine"],
        "triprolidine" ["Actifed"];
    DopamineAntagonist:
        "haloperidol" ["Haldol"],
        "risperidone" ["Risperdal"],
        "olanzapine" ["Zyprexa"],
        "quetiapine" ["Seroquel"],
        "ziprasidone" ["Geodon"],
        "chlorpromazine" ["Thorazine", "Largactil"],
        "perphenazine" ["Trilafon"],
        "trifluoperazine" ["Stelazine"],
        "metoclopramide" ["Reglan", "Maxolon"],
        "prochlorperazine" ["Compazine", "Stemetil"],
        "droperidol" ["Inapsine"];
    Ssri:
        "sertraline" ["Zoloft", "Lustral"],
        "fluoxetine" ["Prozac", "Sarafem"],
        "paroxetine" ["Paxil", "Seroxat"],
        "citalopram" ["Celexa", "Cipramil"],
        "escitalopram" ["Lexapro", "Cipralex"],
        "fluvoxamine" ["Luvox"];
    Snri:
        "venlafaxine" ["Effexor"],
        "duloxetine" ["Cymbalta"],
        "desvenlafaxine" ["Pristiq"];
    Tricyclic:
        "amitriptyline" ["Elavil"],
        "nortriptyline" ["Pamelor"],
        "imipramine" ["Tofranil"],
        "doxepin" ["Silenor", "Sinequan"],
        "clomipramine" ["Anafranil"];
    Mirtazapine:
        "mirtazapine" ["Remeron"];
    Lithium:
        "lithium" ["Lithobid", "Priadel", "Camcolit"];
    CalciumChannelBlocker:
        "amlodipine" ["Norvasc"],
        "nifedipine" ["Adalat", "Procardia"],
        "diltiazem" ["Cardizem"],
        "verapamil" ["Calan", "Isoptin"],
        "felodipine" ["Plendil"];
    BetaBlocker:
        "metoprolol" ["Lopressor", "Toprol"],
        "propranolol" ["Inderal"],
        "atenolol" ["Tenormin"],
        "bisoprolol" ["Zebeta", "Cardicor"],
        "carvedilol" ["Coreg"];
    Bupropion:
        "bupropion" ["Wellbutrin", "Zyban"];
    DopamineAgonist:
        "pramipexole" ["Mirapex", "Mirapexin", "Sifrol"],
        "ropinirole" ["Requip", "Adartrel"],
        "rotigotine" ["Neupro"];
    Levodopa:
        "levodopa" ["Sinemet", "Madopar", "Rytary", "Stalevo"],
        "carbidopa" ["Lodosyn"];
    Gabapentinoid:
        "gabapentin" ["Neurontin"],
        "pregabalin" ["Lyrica"],
        "gabapentin enacarbil" ["Horizant"];
    Thyroid:
        "levothyroxine" ["Synthroid", "Euthyrox", "Eltroxin", "Levoxyl", "Tirosint"],
        "liothyronine" ["Cytomel"];
    Quinolone:
        "ciprofloxacin" ["Cipro", "Ciproxin"],
        "levofloxacin" ["Levaquin", "Tavanic"],
        "moxifloxacin" ["Avelox"],
        "ofloxacin" ["Floxin"];
    Tetracycline:
        "doxycycline" ["Vibramycin", "Doryx"],
        "tetracycline" ["Sumycin"],
        "minocycline" ["Minocin"];
    Bisphosphonate:
        "alendronate" ["Fosamax"],
        "risedronate" ["Actonel"],
        "ibandronate" ["Boniva"];
    ProtonPumpInhibitor:
        "omeprazole" ["Prilosec", "Losec"],
        "esomeprazole" ["Nexium"],
        "pantoprazole" ["Protonix"],
        "lansoprazole" ["Prevacid"],
        "rabeprazole" ["Aciphex"];
    Antacid:
        "aluminium hydroxide" ["Maalox", "Mylanta", "Gaviscon"],
        "magnesium hydroxide" ["Milk of Magnesia"];
    Calcium:
        "calcium carbonate" ["Tums", "Rennie", "Caltrate"],
        "calcium citrate" ["Citracal"];
}

/// How a query matched an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Generic,
    Brand,
    /// One letter off: shown as "did you mean".
    Typo,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CatalogMatch {
    pub medicine: Medicine,
    /// The catalog name that matched.
    pub matched: &'static str,
    pub kind: MatchKind,
}

/// Lower case, accents folded, punctuation to spaces, single-spaced.
pub fn normalise(s: &str) -> String {
    let folded: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), capped:
/// returns `cap + 1` as soon as the distance must exceed `cap`.
fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap * 4 {
        return cap + 1; // byte lengths this far apart cannot be within `cap` characters
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(at(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(at(0, j)) {
            *x = j;
        }
    }
    let get = |d: &Vec<usize>, i, j| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ai, bj) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ai != bj);
            let mut v = (get(&d, i - 1, j) + 1)
                .min(get(&d, i, j - 1) + 1)
                .min(get(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && ai == b.get(j - 2) && a.get(i - 2) == bj {
                v = v.min(get(&d, i - 2, j - 2) + 1);
            }
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    get(&d, a.len(), b.len()).min(cap + 1)
}

fn names(m: &Medicine) -> impl Iterator<Item = (&'static str, MatchKind)> + '_ {
    std::iter::once((m.generic, MatchKind::Generic))
        .chain(m.brands.iter().map(|b| (*b, MatchKind::Brand)))
}

/// Whether `phrase` (normalised, space-separated words) occurs as whole words in `text`.
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text
            .get(..at)
            .is_none_or(|b| b.is_empty() || b.ends_with(' '));
        let after = text
            .get(at + phrase.len()..)
            .is_none_or(|a| a.is_empty() || a.starts_with(' '));
        before && after
    })
}

/// The catalog's names, normalised once: (entry index, name, normalised name, kind).
fn index() -> &'static [(usize, &'static str, String, MatchKind)] {
    static INDEX: std::sync::OnceLock<Vec<(usize, &'static str, String, MatchKind)>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        CATALOG
            .iter()
            .enumerate()
            .flat_map(|(i, m)| names(m).map(move |(n, k)| (i, n, normalise(n), k)))
            .collect()
    })
}

/// Every catalog entry a name refers to: exact names and brands first (a combination product can
/// name several), then, only if nothing matched, names one typo away. The longest matching brand
/// wins over a shorter one it contains ("Unisom SleepGels" over "Unisom").
pub fn lookup(query: &str) -> Vec<CatalogMatch> {
    let q = normalise(query);
    if q.is_empty() {
        return Vec::new();
    }
    let index = index();
    // Most lookups are one exact name.
    if let Some((i, n, _, k)) = index.iter().find(|(_, _, norm, _)| *norm == q) {
        if let Some(m) = CATALOG.get(*i) {
            return vec![CatalogMatch {
                medicine: *m,
                matched: n,
                kind: *k,
            }];
        }
    }
    // Per entry, its longest name found in the query as whole words.
    let mut found: Vec<(usize, &'static str, &str, MatchKind)> = Vec::new();
    for (i, n, norm, k) in index {
        if contains_words(&q, norm) {
            match found.iter_mut().find(|f| f.0 == *i) {
                Some(f) if f.2.len() < norm.len() => *f = (*i, n, norm, *k),
                Some(_) => {}
                None => found.push((*i, n, norm, *k)),
            }
        }
    }
    // Drop an entry matched only through a phrase that a longer match also covers.
    let out: Vec<CatalogMatch> = found
        .iter()
        .filter(|(_, _, norm, _)| {
            !found
                .iter()
                .any(|o| o.2.len() > norm.len() && contains_words(o.2, norm))
        })
        .filter_map(|(i, n, _, k)| {
            CATALOG.get(*i).map(|m| CatalogMatch {
                medicine: *m,
                matched: n,
                kind: *k,
            })
        })
        .collect();
    if !out.is_empty() {
        return out;
    }
    // One typo, in words of five letters or more, against single-word names. "ph" and "f" sound
    // alike and count as one letter ("difenhydramine").
    let sound = |w: &str| w.replace("ph", "f");
    let words: Vec<String> = q.split(' ').filter(|w| w.len() >= 5).map(sound).collect();
    let mut out: Vec<CatalogMatch> = Vec::new();
    for (i, n, norm, _) in index {
        if norm.contains(' ')
            || norm.len() < 5
            || out.iter().any(|c| Some(&c.medicine) == CATALOG.get(*i))
        {
            continue;
        }
        if !words.iter().any(|w| w.len().abs_diff(norm.len()) <= 2) {
            continue;
        }
        let name = sound(norm);
        if words.iter().any(|w| edit_distance(w, &name, 1) <= 1) {
            if let Some(m) = CATALOG.get(*i) {
                out.push(CatalogMatch {
                    medicine: *m,
                    matched: n,
                    kind: MatchKind::Typo,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generic_of(q: &str) -> Vec<&'static str> {
        lookup(q).iter().map(|m| m.medicine.generic).collect()
    }

    #[test]
    fn the_catalog_has_at_least_sixty_entries_with_unique_names() {
        assert!(CATALOG.len() >= 60, "{}", CATALOG.len());
        let mut all: Vec<String> = CATALOG
            .iter()
            .flat_map(|m| names(m).map(|(n, _)| normalise(n)))
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(n, all.len(), "a name appears twice");
    }

    #[test]
    fn brands_combination_products_case_accents_and_one_typo() {
        assert_eq!(generic_of("Tylenol PM"), vec!["diphenhydramine"]);
        assert_eq!(
            generic_of("tylenol pm extra strength"),
            vec!["diphenhydramine"]
        );
        assert!(
            generic_of("Tylenol").is_empty(),
            "plain Tylenol is paracetamol"
        );
        assert_eq!(generic_of("BENADRYL"), vec!["diphenhydramine"]);
        assert_eq!(generic_of("NyQuil"), vec!["doxylamine"]);
        assert_eq!(generic_of("difenhydramine"), vec!["diphenhydramine"]);
        assert_eq!(lookup("difenhydramine")[0].kind, MatchKind::Typo);
        assert_eq!(generic_of("Quétiapine"), vec!["quetiapine"]);
        assert_eq!(
            generic_of("sertarline"),
            vec!["sertraline"],
            "a transposition is one typo"
        );
        assert_eq!(generic_of("Unisom SleepGels"), vec!["diphenhydramine"]);
        assert_eq!(generic_of("Unisom"), vec!["doxylamine"]);
        let mut both = generic_of("carbidopa/levodopa");
        both.sort_unstable();
        assert_eq!(both, vec!["carbidopa", "levodopa"]);
        assert!(generic_of("vitamin b12").is_empty());
        assert!(generic_of("xx").is_empty());
    }

    #[test]
    fn advice_never_tells_anyone_to_stop_a_medicine() {
        for m in CATALOG {
            let a = m.class.advice().to_lowercase();
            assert!(
                !a.contains("stop") || a.contains("not stop"),
                "{}: {a}",
                m.generic
            );
        }
    }
}
