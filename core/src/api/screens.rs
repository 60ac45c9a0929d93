//! What the phone screens show that is not a rule but must still read the same on Android and
//! iOS: the words for each vocabulary, the units each lab accepts, and chart geometry. Computed
//! here once, so the Kotlin and Swift shells only render.

use chrono::{Duration, NaiveDate};

use super::labels::*;
use super::snapshot::{Labs, Snapshot};
use super::{ApiResult, QuietLegs};
use crate::chart;
use crate::error::Error;
use crate::evidence::{IRLS_ITEM_MAX, IRLS_MILD_MAX, IRLS_SEVERE_MIN, QUICK_SEVERITY_MAX};
use crate::model::night::IRLS_TOPICS;
use crate::model::{
    ActivityKind, Analyte, BodyArea, IntakeKind, RegimenKind, ReliefEffect, ReliefKind, Trigger,
};
use crate::rules::insights::{severity_series, SeverityScale};
use crate::rules::plan::{day_plan, ReminderKind};
use crate::rules::weekly_irls;
use crate::store;

/// Longest span a severity chart covers (ten years of nights).
const CHART_DAYS_MAX: u32 = 3660;

/// A body area with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct BodyAreaChoice {
    /// The value to pass back to the core.
    pub value: BodyArea,
    /// Its words for the screen.
    pub label: String,
}

/// A trigger with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct TriggerChoice {
    /// The value to pass back to the core.
    pub value: Trigger,
    /// Its words for the screen.
    pub label: String,
}

/// A kind of relief with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ReliefKindChoice {
    /// The value to pass back to the core.
    pub value: ReliefKind,
    /// Its words for the screen.
    pub label: String,
}

/// How much relief helped with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ReliefEffectChoice {
    /// The value to pass back to the core.
    pub value: ReliefEffect,
    /// Its words for the screen.
    pub label: String,
}

/// An intake with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct IntakeChoice {
    /// The value to pass back to the core.
    pub value: IntakeKind,
    /// Its words for the screen.
    pub label: String,
}

/// An activity with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ActivityChoice {
    /// The value to pass back to the core.
    pub value: ActivityKind,
    /// Its words for the screen.
    pub label: String,
}

/// A kind of regimen item with its words, as the Log screen offers it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct RegimenKindChoice {
    /// The value to pass back to the core.
    pub value: RegimenKind,
    /// Its words for the screen.
    pub label: String,
}

/// Everything the Log screen offers, in the order to show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct LogOptions {
    /// The quick rating runs 0 to this.
    pub quick_max: i32,
    /// Each IRLS item runs 0 to this.
    pub irls_item_max: i32,
    /// The IRLS total runs 0 to this.
    pub irls_total_max: i32,
    /// Short paraphrased topics of the ten IRLS items (the licensed questions are not shipped).
    pub irls_topics: Vec<String>,
    /// Where symptoms can be felt.
    pub body_areas: Vec<BodyAreaChoice>,
    /// What may make a night worse.
    pub triggers: Vec<TriggerChoice>,
    /// What can be tried for relief.
    pub relief_kinds: Vec<ReliefKindChoice>,
    /// How much it helped.
    pub relief_effects: Vec<ReliefEffectChoice>,
    /// Intakes that can be logged (coffee, dairy, a meal…).
    pub intakes: Vec<IntakeChoice>,
    /// Activities that can be logged.
    pub activities: Vec<ActivityChoice>,
    /// Kinds of regimen item.
    pub regimen_kinds: Vec<RegimenKindChoice>,
    /// The switch beside an iron item: "With vitamin C (optional)"; it names no amount.
    pub vitamin_c_with_iron: String,
    /// The Report screen's severity charts, in order, each with its switch label: the nightly
    /// quick rating and the weekly IRLS (never one line; SPEC §2.7). Draw the chosen one with
    /// [`QuietLegs::report_chart`].
    #[uniffi(default = [])]
    pub severity_charts: Vec<SeverityChartChoice>,
}

/// A severity chart the Report screen offers, with its switch label.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct SeverityChartChoice {
    /// The value to pass to [`QuietLegs::report_chart`].
    pub scale: SeverityScale,
    /// Its words for the switch: "Nightly 0-10", "Weekly IRLS 0-40".
    pub label: String,
}

/// The switch label of a severity chart (numbers from the evidence table).
fn severity_chart_label(scale: SeverityScale) -> String {
    match scale {
        SeverityScale::Quick => format!("Nightly 0-{:.0}", scale.max()),
        SeverityScale::Irls => format!("Weekly IRLS 0-{:.0}", scale.max()),
    }
}

/// How far back the Report screen's charts reach: 90 nights of quick ratings, a year of
/// weekly IRLS ratings (about 52 points).
const REPORT_CHART_NIGHTS: u32 = 90;
const REPORT_CHART_WEEKLY_DAYS: u32 = 365;

/// The words of the Settings screen, so that both phones say the same thing and the field
/// names match the ones the core's errors name (`InvalidInput` field "bedtime", "due date").
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct SettingsLabels {
    /// "Bedtime".
    pub bedtime: String,
    /// "Wake time".
    pub wake_time: String,
    /// "Breakfast".
    pub breakfast: String,
    /// "Lunch".
    pub lunch: String,
    /// "Dinner".
    pub dinner: String,
    /// "Pregnant".
    pub pregnant: String,
    /// "Due date (YYYY-MM-DD)".
    pub due_date: String,
    /// "Kidney disease".
    pub kidney_disease: String,
    /// "On dialysis".
    pub dialysis: String,
    /// "Coeliac disease or IBD".
    pub malabsorption: String,
    /// "Haemochromatosis".
    pub haemochromatosis: String,
    /// "Thalassaemia".
    pub thalassaemia: String,
    /// "Regular blood transfusions".
    pub regular_transfusions: String,
    /// "Date of birth (YYYY-MM-DD, optional)".
    pub birth_date: String,
    /// "Sex (for the haemoglobin cut-off)".
    pub sex: String,
    /// "Not given".
    pub sex_not_given: String,
    /// "Female".
    pub female: String,
    /// "Male".
    pub male: String,
    /// The bedtime routine's switches (SPEC §2.3, all off unless chosen): "Warm bath before bed".
    pub routine_warm_bath: String,
    /// "Warm socks in the evening".
    pub routine_warm_socks: String,
    /// "A short walk or stretch before bed".
    pub routine_movement: String,
    /// "Last call for vigorous exercise".
    pub routine_exercise_cutoff: String,
}

/// A decimal number as a person types it in a form (a lab value, hours slept): `40.5`, or
/// `40,5` with a decimal comma followed by one or two digits. A comma before three digits
/// (`1,000`) may separate thousands and is refused rather than guessed (ferritin "1,000" is
/// never read as 1). Errors: `InvalidInput` naming `field`, showing the number with a point.
#[uniffi::export]
pub fn read_decimal(field: String, text: String) -> super::ApiResult<f64> {
    super::shell::parse_decimal(&field, &text)
}

/// The Settings screen's words: field names and the routine's switches.
#[uniffi::export]
pub fn settings_labels() -> SettingsLabels {
    let s = |t: &str| t.to_owned();
    SettingsLabels {
        bedtime: s("Bedtime"),
        wake_time: s("Wake time"),
        breakfast: s("Breakfast"),
        lunch: s("Lunch"),
        dinner: s("Dinner"),
        pregnant: s("Pregnant"),
        due_date: s("Due date (YYYY-MM-DD)"),
        kidney_disease: s("Kidney disease"),
        dialysis: s("On dialysis"),
        malabsorption: s("Coeliac disease or IBD"),
        haemochromatosis: s("Haemochromatosis"),
        thalassaemia: s("Thalassaemia"),
        regular_transfusions: s("Regular blood transfusions"),
        birth_date: s("Date of birth (YYYY-MM-DD, optional)"),
        sex: s("Sex (for the haemoglobin cut-off)"),
        sex_not_given: s("Not given"),
        female: s("Female"),
        male: s("Male"),
        routine_warm_bath: s("Warm bath before bed"),
        routine_warm_socks: s("Warm socks in the evening"),
        routine_movement: s("A short walk or stretch before bed"),
        routine_exercise_cutoff: s("Last call for vigorous exercise"),
    }
}

/// A lab the person can add, with the units it accepts (the first is the usual one).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct LabKind {
    /// Which lab value.
    pub analyte: Analyte,
    /// Its name for a screen.
    pub label: String,
    /// The unit results are stored and shown in.
    pub canonical_unit: String,
    /// The units it accepts, the usual one first.
    pub units: Vec<String>,
}

/// The choices of the Log and Medicines screens with their words.
#[uniffi::export]
pub fn log_options() -> LogOptions {
    LogOptions {
        quick_max: QUICK_SEVERITY_MAX.value as i32,
        irls_item_max: IRLS_ITEM_MAX.value as i32,
        irls_total_max: SeverityScale::Irls.max() as i32,
        irls_topics: IRLS_TOPICS.iter().map(|t| (*t).to_owned()).collect(),
        body_areas: BodyArea::ALL
            .map(|value| BodyAreaChoice {
                value,
                label: body_area_label(value).to_owned(),
            })
            .to_vec(),
        triggers: Trigger::ALL
            .map(|value| TriggerChoice {
                value,
                label: trigger_label(value).to_owned(),
            })
            .to_vec(),
        relief_kinds: ReliefKind::ALL
            .map(|value| ReliefKindChoice {
                value,
                label: relief_kind_label(value).to_owned(),
            })
            .to_vec(),
        relief_effects: ReliefEffect::ALL
            .map(|value| ReliefEffectChoice {
                value,
                label: relief_effect_label(value).to_owned(),
            })
            .to_vec(),
        intakes: IntakeKind::ALL
            .map(|value| IntakeChoice {
                value,
                label: intake_label(value).to_owned(),
            })
            .to_vec(),
        // Offered everyday ones first, unlike ActivityKind::ALL (the order the CLI lists).
        activities: [
            ActivityKind::Walk,
            ActivityKind::Stretching,
            ActivityKind::WarmBath,
            ActivityKind::Compression,
            ActivityKind::Exercise,
        ]
        .map(|value| ActivityChoice {
            value,
            label: activity_label(value).to_owned(),
        })
        .to_vec(),
        regimen_kinds: RegimenKind::ALL
            .map(|value| RegimenKindChoice {
                value,
                label: regimen_kind_label(value).to_owned(),
            })
            .to_vec(),
        // No amount: the app never names a dose (SPEC §2.2 gives none for vitamin C).
        vitamin_c_with_iron: "With vitamin C (optional)".to_owned(),
        severity_charts: [SeverityScale::Quick, SeverityScale::Irls]
            .map(|scale| SeverityChartChoice {
                scale,
                label: severity_chart_label(scale),
            })
            .to_vec(),
    }
}

/// The labs the Labs screen offers, each with its accepted units.
#[uniffi::export]
pub fn lab_kinds() -> Vec<LabKind> {
    Analyte::ALL
        .map(|analyte| LabKind {
            analyte,
            label: analyte_label(analyte).to_owned(),
            canonical_unit: analyte.canonical_unit().to_owned(),
            units: analyte
                .accepted_units()
                .iter()
                .map(|u| (*u).to_owned())
                .collect(),
        })
        .to_vec()
}

/// A point of a chart: its date and value, and where to draw it on a unit square (`x` 0 at the
/// first date to 1 at the last, `y` 0 at the bottom to 1 at the axis top).
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ChartPoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// In the chart's `unit`.
    pub value: f64,
    /// 0 at the first date to 1 at the last.
    pub x: f64,
    /// 0 at the bottom to 1 at the axis top.
    pub y: f64,
}

/// A labelled line of the value axis.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ChartTick {
    /// In the chart's `unit`.
    pub value: f64,
    /// Height on the unit square, 0-1.
    pub y: f64,
    /// The value as text.
    pub label: String,
}

/// A shaded band, as unit-square heights. No chart draws one any more (there is no ferritin
/// target band); kept so that older shells still compile.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ChartBand {
    /// Lower edge, 0-1.
    pub low_y: f64,
    /// Upper edge, 0-1.
    pub high_y: f64,
    /// What the band is, e.g. the ferritin target.
    pub label: String,
}

/// A labelled horizontal line across a chart, at a unit-square height.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ChartLine {
    /// The line's value in the chart's unit (e.g. ferritin 75 µg/L).
    pub value: f64,
    /// Its height, 0 (bottom) to 1 (top) of the plot area.
    pub y: f64,
    /// What the line means, with its unit ("75 ng/mL: iron indicated at or below").
    pub label: String,
    /// Draw the label under the line rather than above it: set on the lower of two lines too
    /// close for both labels above (the report does the same), so they never overlap.
    #[uniffi(default = false)]
    pub label_below: bool,
}

/// A chart ready to draw: shells scale the unit square to their canvas and nothing else.
#[derive(Debug, Clone, PartialEq, serde::Serialize, uniffi::Record)]
pub struct ChartView {
    /// Chart title.
    pub title: String,
    /// The values' unit.
    pub unit: String,
    /// Oldest first.
    pub points: Vec<ChartPoint>,
    /// Value-axis lines, bottom first.
    pub ticks: Vec<ChartTick>,
    /// Always `None` now; see `lines`.
    pub band: Option<ChartBand>,
    /// Labelled horizontal threshold lines (the ferritin chart: 75 and 100 ng/mL).
    pub lines: Vec<ChartLine>,
    /// Shown under the chart when there are no points.
    pub empty_text: String,
}

fn chart_view(
    title: &str,
    unit: &str,
    layout: &chart::Layout,
    line_labels: &[String],
    empty_text: &str,
) -> ChartView {
    ChartView {
        title: title.to_owned(),
        unit: unit.to_owned(),
        points: layout
            .points
            .iter()
            .map(|p| ChartPoint {
                date: p.date.to_string(),
                value: p.value,
                x: p.x,
                y: p.y,
            })
            .collect(),
        ticks: layout
            .ticks
            .iter()
            .map(|&v| ChartTick {
                value: v,
                y: layout.y(v),
                label: format!("{v:.0}"),
            })
            .collect(),
        band: None,
        lines: layout
            .lines
            .iter()
            .zip(line_labels)
            .zip(chart::labels_below(
                &layout.lines.iter().map(|l| l.1).collect::<Vec<_>>(),
            ))
            .map(|((&(value, y), label), label_below)| ChartLine {
                value,
                y,
                label: label.clone(),
                label_below,
            })
            .collect(),
        empty_text: empty_text.to_owned(),
    }
}

#[uniffi::export]
impl QuietLegs {
    /// The night (`YYYY-MM-DD`, the evening it began) an entry made now most likely describes:
    /// tonight once the evening check-in time has come, last night before it. The Log screen
    /// opens on it; the person can still pick another night.
    pub fn night_to_log(&self) -> ApiResult<String> {
        let store = self.store()?;
        let tz = Self::profile_model(&store)?.1.time_zone;
        let now = self.now();
        let today = now.with_timezone(&tz).date_naive();
        let snap = Snapshot::load(&store, today, today + Duration::days(1), Labs::Skip)?;
        let plan = day_plan(&snap.diary(), today);
        let evening = plan
            .items
            .iter()
            .find(|i| i.kind == ReminderKind::EveningCheck)
            .map_or(plan.bed, |i| i.start);
        let night = if now >= evening {
            today
        } else {
            today - Duration::days(1)
        };
        Ok(night.to_string())
    }

    /// Every ferritin result against the 75 and 100 ng/mL threshold lines (SPEC §2.1), the
    /// same chart as the report's.
    pub fn ferritin_chart(&self) -> ApiResult<ChartView> {
        let store = self.store()?;
        let points: Vec<_> = store::labs(store.conn(), Some(Analyte::Ferritin))?
            .iter()
            .map(|l| (l.taken_on, l.value.canonical))
            .collect();
        let unit = Analyte::Ferritin.canonical_unit();
        // Pregnancy-aware labels, as the iron status (SPEC §2.1, §2.3).
        let profile = Self::profile_model(&store)?.1;
        let today = self.now().with_timezone(&profile.time_zone).date_naive();
        let thresholds = chart::ferritin_thresholds_for(
            crate::rules::groups::no_iv_iron_in_pregnancy(&profile, today),
        );
        let values: Vec<f64> = thresholds.iter().map(|t| t.0).collect();
        // Each label already carries its unit ("75 ng/mL: …").
        let labels: Vec<String> = thresholds.into_iter().map(|(_, l)| l).collect();
        let layout = chart::layout(&points, chart::ferritin_top(&points), &values);
        Ok(chart_view(
            "Ferritin against the RLS thresholds",
            unit,
            &layout,
            &labels,
            "No ferritin result yet: add one from your lab sheet.",
        ))
    }

    /// The Report screen's severity chart for `scale` (see `LogOptions::severity_charts`): the
    /// nightly quick rating over the last 90 nights, or the weekly IRLS ratings of the last
    /// year ([`QuietLegs::weekly_irls_chart`]), never the nightly IRLS field new diaries no
    /// longer hold. Errors: as `status` (a diary that cannot be read).
    pub fn report_chart(&self, scale: SeverityScale) -> ApiResult<ChartView> {
        match scale {
            SeverityScale::Quick => self.severity_chart(scale, REPORT_CHART_NIGHTS),
            SeverityScale::Irls => self.weekly_irls_chart(REPORT_CHART_WEEKLY_DAYS),
        }
    }

    /// The weekly IRLS totals (0-40) of the weeks that ended in the last `days` days, one point
    /// per rated week (the trend's ratings: overlapping ones from a sync are left out, as in
    /// `status().weekly_irls.ratings`), with the severe line (`IRLS_SEVERE_MIN`, 21) and the
    /// moderate line (above `IRLS_MILD_MAX`) labelled.
    /// Errors: `InvalidInput` (`days`) outside 1-3660.
    pub fn weekly_irls_chart(&self, days: u32) -> ApiResult<ChartView> {
        let store = self.store()?;
        let (from, today) = self.chart_dates(&store, days)?;
        let events = store::events_of_kinds(store.conn(), &["weekly_irls"])?;
        let points: Vec<(chrono::NaiveDate, f64)> = weekly_irls::weekly_ratings(&events)
            .iter()
            .filter(|r| r.week_ending >= from && r.week_ending <= today)
            .map(|r| (r.week_ending, f64::from(r.scores.total())))
            .collect();
        let lines = [
            (
                IRLS_MILD_MAX.value + 1.0,
                format!("{:.0}: moderate", IRLS_MILD_MAX.value + 1.0),
            ),
            (
                IRLS_SEVERE_MIN.value,
                format!("{:.0}: severe", IRLS_SEVERE_MIN.value),
            ),
        ];
        let values: Vec<f64> = lines.iter().map(|l| l.0).collect();
        let labels: Vec<String> = lines.into_iter().map(|l| l.1).collect();
        let scale = SeverityScale::Irls;
        Ok(chart_view(
            &format!("Weekly IRLS total (0-{:.0})", scale.max()),
            "/40",
            &chart::layout(&points, scale.max(), &values),
            &labels,
            "No weekly IRLS yet: rate the past 7 days from the Log screen.",
        ))
    }

    /// Nightly severity over the last `days` nights on one scale: the quick rating and the
    /// IRLS total are never drawn on one line. The IRLS scale here is the nightly IRLS field of
    /// older diaries; the weekly ratings are [`QuietLegs::weekly_irls_chart`].
    /// Errors: `InvalidInput` (`days`) outside 1-3660.
    pub fn severity_chart(&self, scale: SeverityScale, days: u32) -> ApiResult<ChartView> {
        let store = self.store()?;
        let (from, today) = self.chart_dates(&store, days)?;
        let points = severity_series(&store::nights(store.conn(), from, today)?, scale);
        let (title, unit) = match scale {
            SeverityScale::Quick => ("Nightly severity, quick rating", "/10"),
            SeverityScale::Irls => ("IRLS total", "/40"),
        };
        Ok(chart_view(
            title,
            unit,
            &chart::layout(&points, scale.max(), &[]),
            &[],
            "No nights on this scale in this period.",
        ))
    }
}

impl QuietLegs {
    /// The first and last local dates of a chart over the last `days` days, today included.
    /// Errors: `InvalidInput` (`days`) outside 1-3660.
    fn chart_dates(
        &self,
        store: &crate::store::Store,
        days: u32,
    ) -> ApiResult<(NaiveDate, NaiveDate)> {
        if !(1..=CHART_DAYS_MAX).contains(&days) {
            return Err(Error::invalid("days", format!("{days}: use 1-{CHART_DAYS_MAX}")).into());
        }
        let tz = Self::profile_model(store)?.1.time_zone;
        let today = self.now().with_timezone(&tz).date_naive();
        Ok((today - Duration::days(i64::from(days) - 1), today))
    }
}
