//! Chart geometry shared by the printed report's SVG and the phone screens (Compose Canvas,
//! SwiftUI Path): one round y axis and positions on a unit square, computed once so the
//! report and both phones draw the same chart from the same numbers.

use chrono::NaiveDate;

use crate::evidence::{FERRITIN_IV_DISCUSS_BELOW, FERRITIN_SUPPLEMENT_AT_OR_BELOW};

/// Steps a y axis may take; the smallest giving at most [`MAX_INTERVALS`] intervals wins.
const ROUND_STEPS: [f64; 10] = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0];
const MAX_INTERVALS: f64 = 6.0;

/// Headroom above the 100 ng/mL line on the ferritin chart, so the line never touches the top.
const FERRITIN_HEADROOM: f64 = 1.3;

/// One dated value placed on the unit square: `x` 0 (first date) to 1 (last date), `y` 0
/// (bottom, value 0) to 1 (the axis top).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub date: NaiveDate,
    pub value: f64,
    pub x: f64,
    pub y: f64,
}

/// A laid-out chart. Values above the axis top are clamped to 1 (they cannot be, by
/// construction of the top, unless the caller fixed it).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The rounded top of the y axis.
    pub top: f64,
    /// Tick values from 0 to `top`, evenly spaced.
    pub ticks: Vec<f64>,
    pub points: Vec<Placed>,
    /// Labelled horizontal threshold lines: (value, unit-square height).
    pub lines: Vec<(f64, f64)>,
}

impl Layout {
    /// Height on the unit square of a value on this axis.
    pub fn y(&self, value: f64) -> f64 {
        if self.top > 0.0 {
            (value / self.top).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The round axis top and its tick step for data reaching `y_max`.
pub fn round_axis(y_max: f64) -> (f64, f64) {
    let y_max = if y_max.is_finite() && y_max > 0.0 {
        y_max
    } else {
        1.0
    };
    let step = ROUND_STEPS
        .into_iter()
        .find(|st| y_max / st <= MAX_INTERVALS)
        .unwrap_or(y_max / 4.0);
    ((y_max / step).ceil() * step, step)
}

/// Lays out a dated series (oldest first) on an axis reaching at least `y_max`, with horizontal
/// threshold lines at `lines` (values on the same axis).
pub fn layout(points: &[(NaiveDate, f64)], y_max: f64, lines: &[f64]) -> Layout {
    let (top, step) = round_axis(y_max);
    let intervals = (top / step).round() as u32;
    let mut out = Layout {
        top,
        ticks: (0..=intervals).map(|i| step * f64::from(i)).collect(),
        points: Vec::with_capacity(points.len()),
        lines: Vec::new(),
    };
    out.lines = lines.iter().map(|&v| (v, out.y(v))).collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return out;
    };
    let span = (last.0 - first.0).num_days().max(1) as f64;
    out.points = points
        .iter()
        .map(|&(date, value)| Placed {
            date,
            value,
            x: ((date - first.0).num_days() as f64 / span).clamp(0.0, 1.0),
            y: out.y(value),
        })
        .collect();
    out
}

/// Where the ferritin chart's axis must reach: the highest value, and always a little above
/// the 100 ng/mL line so both threshold lines show.
pub fn ferritin_top(points: &[(NaiveDate, f64)]) -> f64 {
    points.iter().map(|p| p.1).fold(
        FERRITIN_IV_DISCUSS_BELOW.value * FERRITIN_HEADROOM,
        f64::max,
    )
}

/// The ferritin chart's threshold lines (SPEC §2.1: lines, not a target band), each with what
/// it means, from the evidence table.
pub fn ferritin_thresholds() -> Vec<(f64, String)> {
    ferritin_thresholds_for(false)
}

/// [`ferritin_thresholds`], pregnancy-aware: with `no_iv_iron` (pregnant in the 1st
/// trimester, or the trimester unknown: `rules::groups::no_iv_iron_in_pregnancy`) the 100
/// ng/mL line suggests no IV iron and sends the person to the obstetric team, as the iron
/// status does (SPEC §2.1, §2.3).
pub fn ferritin_thresholds_for(no_iv_iron: bool) -> Vec<(f64, String)> {
    let (lo, hi) = (
        FERRITIN_SUPPLEMENT_AT_OR_BELOW.value,
        FERRITIN_IV_DISCUSS_BELOW.value,
    );
    // The unit sits with the number it belongs to ("75 ng/mL: …"), never after the sentence.
    let unit = FERRITIN_SUPPLEMENT_AT_OR_BELOW.unit;
    vec![
        (lo, format!("{lo:.0} {unit}: iron indicated at or below")),
        (
            hi,
            if no_iv_iron {
                format!("{hi:.0} {unit}: oral iron not indicated from {lo:.0} to {hi:.0} (ask your obstetric team); not indicated above")
            } else {
                format!("{hi:.0} {unit}: only IV iron may help from {lo:.0} to {hi:.0}; not indicated above")
            },
        ),
    ]
}

/// The smallest gap, on the unit square, between two threshold lines whose labels both sit
/// above their line: closer than this (a 10-point label on the report's 160-point plot, with
/// room), the lower line's label goes below it so the two never overlap.
pub const LABEL_MIN_GAP: f64 = 0.08;

/// For each threshold line (unit-square heights, any order), whether its label goes below
/// the line: only the lower of two lines closer than [`LABEL_MIN_GAP`], so that its label does
/// not run into the one above (ferritin 350 puts 75 and 100 about 0.06 apart).
pub fn labels_below(heights: &[f64]) -> Vec<bool> {
    heights
        .iter()
        .map(|&y| {
            heights
                .iter()
                .any(|&other| other > y && other - y < LABEL_MIN_GAP)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, day).unwrap()
    }

    #[test]
    fn the_axis_rounds_up_to_a_step_with_at_most_six_intervals() {
        assert_eq!(round_axis(10.0), (10.0, 2.0));
        assert_eq!(round_axis(40.0), (40.0, 10.0));
        assert_eq!(round_axis(130.0), (150.0, 25.0));
        assert_eq!(round_axis(300.0), (300.0, 50.0));
        assert_eq!(round_axis(301.0), (400.0, 100.0));
    }

    #[test]
    fn a_degenerate_maximum_still_gives_an_axis() {
        assert_eq!(round_axis(0.0), (1.0, 1.0));
        assert_eq!(round_axis(f64::NAN), (1.0, 1.0));
        assert_eq!(round_axis(-5.0), (1.0, 1.0));
    }

    #[test]
    fn points_span_the_unit_square_from_first_to_last_date() {
        let l = layout(&[(d(1), 0.0), (d(11), 5.0), (d(21), 10.0)], 10.0, &[]);
        let xy: Vec<(f64, f64)> = l.points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(xy, vec![(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)]);
        assert_eq!(l.ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn one_point_sits_at_the_left_and_no_points_give_an_empty_chart() {
        assert_eq!(layout(&[(d(3), 4.0)], 10.0, &[]).points[0].x, 0.0);
        let empty = layout(&[], 10.0, &[7.5, 10.0]);
        assert!(empty.points.is_empty());
        assert_eq!(empty.lines, vec![(7.5, 0.75), (10.0, 1.0)]);
    }

    #[test]
    fn close_threshold_labels_split_above_and_below() {
        // Axis 0-150: 75 at 0.5, 100 at 0.667: both above their lines.
        assert_eq!(labels_below(&[0.5, 100.0 / 150.0]), vec![false, false]);
        // Axis 0-400 (ferritin 350): 0.1875 and 0.25 are too close: the lower goes below.
        assert_eq!(labels_below(&[75.0 / 400.0, 0.25]), vec![true, false]);
        let labels: Vec<String> = ferritin_thresholds().into_iter().map(|t| t.1).collect();
        assert!(labels[0].starts_with("75 ng/mL: "), "{labels:?}");
        assert!(labels[1].starts_with("100 ng/mL: "), "{labels:?}");
        assert!(labels.iter().all(|l| !l.ends_with("ng/mL")), "{labels:?}");
    }

    #[test]
    fn the_ferritin_axis_always_clears_both_threshold_lines() {
        assert_eq!(ferritin_top(&[(d(1), 28.0)]), 130.0);
        assert_eq!(ferritin_top(&[(d(1), 28.0), (d(2), 240.0)]), 240.0);
        let values: Vec<f64> = ferritin_thresholds().iter().map(|t| t.0).collect();
        assert_eq!(values, vec![75.0, 100.0]);
        let l = layout(&[(d(1), 28.0)], ferritin_top(&[(d(1), 28.0)]), &values);
        assert_eq!(l.top, 150.0);
        assert_eq!(l.lines, vec![(75.0, 0.5), (100.0, 100.0 / 150.0)]);
    }
}
