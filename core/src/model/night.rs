//! A night's entry and IRLS scoring (SPEC §2.7).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{BodyArea, IrlsBand, RecordMeta, Relief, Trigger};
use crate::error::{Error, Result};
use crate::evidence::{
    IRLS_ITEM_MAX, IRLS_MILD_MAX, IRLS_MODERATE_MAX, IRLS_SEVERE_MAX, QUICK_SEVERITY_MAX,
    SLEEP_HOURS_MAX,
};

/// The ten IRLS item scores, by item number. The questionnaire text is licensed by its owners,
/// so only scores are stored, never the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<u8>")]
pub struct IrlsScores([u8; 10]);

/// Deserialising validates, so an imported file cannot carry an item score of 7.
impl TryFrom<Vec<u8>> for IrlsScores {
    type Error = Error;
    fn try_from(v: Vec<u8>) -> Result<Self> {
        IrlsScores::new(&v)
    }
}

/// Short paraphrased topics of the ten IRLS items, for labels (not the licensed wording).
pub const IRLS_TOPICS: [&str; 10] = [
    "overall discomfort",
    "urge to move",
    "relief from moving",
    "sleep disturbance",
    "tiredness in the day",
    "overall severity",
    "how often",
    "how long each day",
    "effect on daily life",
    "effect on mood",
];

impl IrlsScores {
    /// Validates ten item scores, each 0-4.
    ///
    /// ```
    /// use quietlegs_core::model::IrlsScores;
    /// let s = IrlsScores::new(&[3, 2, 2, 3, 1, 2, 2, 2, 1, 1]).unwrap();
    /// assert_eq!(s.total(), 19);
    /// assert!(IrlsScores::new(&[5, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
    /// ```
    pub fn new(items: &[u8]) -> Result<Self> {
        let arr: [u8; 10] = items.try_into().map_err(|_| {
            Error::invalid(
                "IRLS items",
                format!("expected 10 item scores, got {}", items.len()),
            )
        })?;
        let max = IRLS_ITEM_MAX.value as u8;
        if let Some((i, v)) = arr.iter().enumerate().find(|(_, v)| **v > max) {
            return Err(Error::invalid(
                "IRLS items",
                format!(
                    "item {} ({}) is {v}; each item is scored 0-{max}",
                    i + 1,
                    topic(i)
                ),
            ));
        }
        Ok(IrlsScores(arr))
    }

    pub fn items(&self) -> &[u8; 10] {
        &self.0
    }

    pub fn total(&self) -> u8 {
        self.0.iter().sum()
    }

    pub fn band(&self) -> IrlsBand {
        irls_band(self.total())
    }
}

fn topic(i: usize) -> &'static str {
    IRLS_TOPICS.get(i).copied().unwrap_or("?")
}

/// The band of an IRLS total (0 none, 1-10 mild, 11-20 moderate, 21-30 severe, 31-40 very severe).
pub fn irls_band(total: u8) -> IrlsBand {
    let t = f64::from(total);
    if total == 0 {
        IrlsBand::None
    } else if t <= IRLS_MILD_MAX.value {
        IrlsBand::Mild
    } else if t <= IRLS_MODERATE_MAX.value {
        IrlsBand::Moderate
    } else if t <= IRLS_SEVERE_MAX.value {
        IrlsBand::Severe
    } else {
        IrlsBand::VerySevere
    }
}

/// One night in the diary. The night of date D is the evening of D and the sleep after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Night {
    pub meta: RecordMeta,
    #[serde(deserialize_with = "super::time::named::night_date")]
    pub night_date: NaiveDate,
    /// The everyday 0-10 rating. Never averaged together with IRLS totals.
    pub quick_severity: Option<u8>,
    pub irls: Option<IrlsScores>,
    /// Local time symptoms began.
    pub onset: Option<NaiveTime>,
    pub body_areas: Vec<BodyArea>,
    pub sleep_hours: Option<f64>,
    pub awakenings: Option<u32>,
    pub triggers: Vec<Trigger>,
    pub relief: Vec<Relief>,
    pub notes: Option<String>,
    /// Per field, when it was last changed and on which device (`model/night_merge.rs`), so that
    /// a night edited on two devices keeps both edits. `None` in a night written before field
    /// stamps (each field then counts as changed at the record's `modified_at`), and then left
    /// out of the export and the stored row, so such a night reads and writes unchanged. Only
    /// the API's save and the merge set it; the rules never read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<super::profile_merge::FieldStamps>,
}

/// Longest free-text note accepted, so a pasted file cannot bloat the diary.
pub const NOTES_MAX_CHARS: usize = 4000;

impl Night {
    /// Checks what a single field check cannot: a rating is present, ranges, the date is not
    /// in the future (`today` is the person's local date). Errors: [`Error::Missing`]
    /// (`quick_severity`) for a night with neither the quick rating nor IRLS scores, else
    /// [`Error::Invalid`] naming the field.
    pub fn validate(&self, today: NaiveDate) -> Result<()> {
        if self.night_date > today {
            return Err(Error::invalid(
                "night date",
                format!("{} is in the future (today is {today})", self.night_date),
            ));
        }
        if self.quick_severity.is_none() && self.irls.is_none() {
            // Named by its own field: "out of range" would send the person looking for a
            // value that is not there. A new night takes only the quick rating: the IRLS is
            // weekly (SPEC §2.7).
            return Err(Error::missing(
                "quick_severity",
                "rate the night 0-10 (the IRLS is not part of a night: it is rated once a week, as the weekly IRLS)",
            ));
        }
        if let Some(s) = self.quick_severity {
            if f64::from(s) > QUICK_SEVERITY_MAX.value {
                return Err(Error::invalid(
                    "severity",
                    format!("{s} is out of range; rate 0-10"),
                ));
            }
        }
        if let Some(h) = self.sleep_hours {
            if !h.is_finite() || !(0.0..=SLEEP_HOURS_MAX.value).contains(&h) {
                return Err(Error::invalid("hours slept", format!("{h} is not 0-24")));
            }
        }
        if let Some(a) = self.awakenings {
            if a > 100 {
                return Err(Error::invalid("awakenings", format!("{a} is implausible")));
            }
        }
        if let Some(n) = &self.notes {
            if n.chars().count() > NOTES_MAX_CHARS {
                return Err(Error::invalid(
                    "notes",
                    format!("longer than {NOTES_MAX_CHARS} characters"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_change_exactly_at_the_published_edges() {
        for (t, b) in [
            (0, IrlsBand::None),
            (1, IrlsBand::Mild),
            (10, IrlsBand::Mild),
            (11, IrlsBand::Moderate),
            (20, IrlsBand::Moderate),
            (21, IrlsBand::Severe),
            (30, IrlsBand::Severe),
            (31, IrlsBand::VerySevere),
            (40, IrlsBand::VerySevere),
        ] {
            assert_eq!(irls_band(t), b, "total {t}");
        }
    }

    #[test]
    fn wrong_item_count_is_refused() {
        let e = IrlsScores::new(&[1, 2, 3]).unwrap_err().to_string();
        assert!(e.contains("expected 10 item scores, got 3"), "{e}");
    }
}
