//! The printable report for a doctor's visit: one self-contained HTML file with hand-made inline
//! SVG charts (no plotting library: it would add weight to the phone library for four charts).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use crate::model::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};

use crate::chart;
use crate::error::Result;
use crate::model::enums::name_of;
use crate::model::Night;
use crate::model::{Lab, RegimenItem, RegimenKind};
use crate::rules::augmentation::AugmentationScreen;
use crate::rules::flags::DoctorFlag;
use crate::rules::insights::{severity_series, Insights, SeverityScale};
use crate::rules::iron_status::IronStatus;

pub struct ReportInput<'a> {
    pub generated: DateTime<Utc>,
    pub tz: Tz,
    pub date: NaiveDate,
    pub nights: &'a [Night],
    pub iron: &'a IronStatus,
    pub flags: &'a [DoctorFlag],
    pub augmentation: &'a AugmentationScreen,
    pub insights: &'a Insights,
    /// The active regimen on `date`: the current medicine list.
    pub regimen: &'a [RegimenItem],
    /// Every lab result, any order.
    pub labs: &'a [Lab],
    /// The weekly IRLS ratings (week ending, total), oldest first.
    pub weekly_irls: &'a [(NaiveDate, f64)],
    /// The weekly IRLS trend in words (SPEC §2.7), apart from the nightly quick rating.
    pub weekly_trend: &'a str,
    /// The band word of each rating in `weekly_irls`, in the same order.
    pub weekly_bands: &'a [String],
    /// Pregnant in the 1st trimester or without a due date: IV iron is not suggested, so the
    /// ferritin chart's labels say so (SPEC §2.1, §2.3).
    pub no_iv_iron: bool,
}

/// The weekly IRLS table: each rated week, its total and band, and the change from the week
/// before it; newest first, the trend sentence above it.
fn weekly_irls_table(r: &ReportInput<'_>) -> String {
    let mut h = String::from("<h3>Weekly IRLS</h3>");
    let _ = write!(h, "<p>{}</p>", esc(r.weekly_trend));
    if r.weekly_irls.is_empty() {
        return h;
    }
    h.push_str("<table><tr><th>Week ending</th><th>IRLS (0-40)</th><th>Band</th><th>Change from the rating before</th></tr>");
    let rows: Vec<String> = r
        .weekly_irls
        .iter()
        .enumerate()
        .map(|(i, (week, total))| {
            let change = i
                .checked_sub(1)
                .and_then(|j| r.weekly_irls.get(j))
                .map(|(_, before)| match total - before {
                    // Totals are whole points: no change prints as 0, not "+0".
                    d if d.abs() < 0.5 => "0".to_owned(),
                    d => format!("{d:+.0}"),
                })
                .unwrap_or_else(|| "—".to_owned());
            format!(
                "<tr><td>{week}</td><td>{total:.0}</td><td>{}</td><td>{change}</td></tr>",
                esc(r.weekly_bands.get(i).map_or("", String::as_str))
            )
        })
        .collect();
    for row in rows.iter().rev() {
        h.push_str(row);
    }
    h.push_str("</table>");
    h
}

/// Text as the content of an element, in the HTML or in an inline SVG's `<text>` and `<title>`
/// (HTML parses both alike): `&`, `<` and `>` escaped (html-escape's `encode_text`). Quotes need
/// no escaping there.
pub fn esc(s: &str) -> Cow<'_, str> {
    html_escape::encode_text(s)
}

/// Text as a double-quoted attribute's value (`aria-label="…"`): `&`, `<`, `>` and `"` escaped
/// (html-escape's `encode_double_quoted_attribute`).
fn attr(s: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(s)
}

const W: f64 = 640.0;
const H: f64 = 200.0;
const PAD_L: f64 = 40.0;
const PAD_R: f64 = 12.0;
const PAD_T: f64 = 12.0;
const PAD_B: f64 = 28.0;

/// A dated series as an SVG line chart from 0 to `y_max`, with labelled threshold lines.
pub fn line_chart(
    title: &str,
    points: &[(NaiveDate, f64)],
    y_max: f64,
    lines: &[(f64, String)],
    unit: &str,
) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        attr(title)
    );
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" fill="#666">no data yet</text></svg>"##,
            W / 2.0 - 40.0,
            H / 2.0
        );
        return s;
    };
    let values: Vec<f64> = lines.iter().map(|t| t.0).collect();
    let l = chart::layout(points, y_max, &values);
    let plot_w = W - PAD_L - PAD_R;
    let plot_h = H - PAD_T - PAD_B;
    let x = |u: f64| PAD_L + u * plot_w;
    let y = |u: f64| PAD_T + (1.0 - u) * plot_h;
    // Each label carries its own unit ("75 ng/mL: …"); of two close lines, the lower one's
    // label sits under it so the two never overlap (chart::labels_below).
    let heights: Vec<f64> = l.lines.iter().map(|&(_, ly)| ly).collect();
    let below = chart::labels_below(&heights);
    for ((&(_, ly), (_, label)), under) in l.lines.iter().zip(lines).zip(below) {
        let ty = if under { y(ly) + 11.0 } else { y(ly) - 3.0 };
        let _ = write!(
            s,
            r##"<line x1="{PAD_L}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#2a7a3b" stroke-dasharray="6 3"/><text x="{:.1}" y="{ty:.1}" font-size="10" fill="#2a7a3b" text-anchor="end">{}</text>"##,
            W - PAD_R,
            y(ly),
            y(ly),
            W - PAD_R - 4.0,
            esc(label),
        );
    }
    for &v in &l.ticks {
        let ty = y(l.y(v));
        let _ = write!(
            s,
            r##"<line x1="{PAD_L}" x2="{:.1}" y1="{ty:.1}" y2="{ty:.1}" stroke="#e3e3e3"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#666" text-anchor="end">{v:.0}</text>"##,
            W - PAD_R,
            PAD_L - 4.0,
            ty + 3.0
        );
    }
    let path: Vec<String> = l
        .points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.x), y(p.y)))
        .collect();
    let _ = write!(
        s,
        r##"<polyline points="{}" fill="none" stroke="#3b5bdb" stroke-width="2"/>"##,
        path.join(" ")
    );
    if l.points.len() <= 40 {
        for p in &l.points {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#3b5bdb"><title>{}: {:.1} {}</title></circle>"##,
                x(p.x),
                y(p.y),
                p.date,
                p.value,
                esc(unit)
            );
        }
    }
    let _ = write!(
        s,
        r##"<text x="{PAD_L}" y="{}" font-size="10" fill="#666">{}</text><text x="{}" y="{}" font-size="10" fill="#666" text-anchor="end">{}</text></svg>"##,
        H - 8.0,
        first.0,
        W - PAD_R,
        H - 8.0,
        last.0
    );
    s
}

/// Horizontal bars: label, value, maximum, caption.
pub fn bars(title: &str, rows: &[(String, f64, f64, String)]) -> String {
    let h = 26.0 * rows.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 {W} {h}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        attr(title)
    );
    for (i, (label, v, max, caption)) in rows.iter().enumerate() {
        let top = 4.0 + 26.0 * i as f64;
        let width = if *max > 0.0 {
            (v / max).clamp(0.0, 1.0) * 300.0
        } else {
            0.0
        };
        let _ = write!(
            s,
            r##"<text x="0" y="{:.1}" font-size="12">{}</text><rect x="170" y="{top:.1}" width="300" height="18" fill="#eee"/><rect x="170" y="{top:.1}" width="{width:.1}" height="18" fill="#7b61ff"/><text x="478" y="{:.1}" font-size="12">{}</text>"##,
            top + 13.0,
            esc(label),
            top + 13.0,
            esc(caption)
        );
    }
    s.push_str("</svg>");
    s
}

/// The order a doctor reads a medicine list in: by name (case aside), then by start date, the
/// id last so that two entries alike in both keep one order. The store's order is the order of
/// entry, its ties broken by the random id, so the same diary could print in another order on
/// another run (fresh review).
fn by_name(regimen: &[RegimenItem]) -> Vec<&RegimenItem> {
    let mut sorted: Vec<&RegimenItem> = regimen.iter().collect();
    sorted.sort_by_cached_key(|r| (r.name.trim().to_lowercase(), r.start_date, r.meta.id));
    sorted
}

/// The current medicine list: name, kind, dose as recorded, schedule, since when; by name
/// ([`by_name`]).
fn medicine_list(regimen: &[RegimenItem]) -> String {
    let mut h = String::from("<h2>Current medicines and supplements</h2>");
    if regimen.is_empty() {
        h.push_str("<p class=\"muted\">None recorded.</p>");
        return h;
    }
    h.push_str("<table><tr><th>Name</th><th>Kind</th><th>Dose (as recorded)</th><th>Schedule</th><th>Since</th></tr>");
    for r in by_name(regimen) {
        let kind = match r.kind {
            RegimenKind::Iron => "iron",
            RegimenKind::VitaminC => "vitamin C",
            RegimenKind::Magnesium => "magnesium",
            RegimenKind::Medication => "medicine",
            RegimenKind::Supplement => "supplement",
        };
        let dose = r
            .dose_mg
            .map(|mg| format!("{mg} mg"))
            .unwrap_or_else(|| "—".to_owned());
        let every = match r.every_n_days {
            1 => "daily".to_owned(),
            2 => "alternate days".to_owned(),
            n => format!("every {n} days"),
        };
        let times: Vec<String> = r
            .times
            .iter()
            .map(|t| t.format("%H:%M").to_string())
            .collect();
        let schedule = if times.is_empty() {
            every
        } else {
            format!("{every} at {}", times.join(", "))
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{kind}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.name),
            esc(&dose),
            esc(&schedule),
            // Only a start the person gave is shown as their start: a doctor reads this
            // column as "on it since".
            match r.start_source {
                crate::model::StartSource::Given => r.start_date.to_string(),
                crate::model::StartSource::Unknown =>
                    format!("unknown (in the app since {})", r.start_date),
                crate::model::StartSource::Defaulted =>
                    format!("not asked (in the app since {})", r.start_date),
            }
        );
    }
    h.push_str("</table>");
    h
}

/// Every lab result, newest first: the value and unit as typed, the date.
fn labs_table(labs: &[Lab]) -> String {
    let mut h = String::from("<h3>Lab results</h3>");
    if labs.is_empty() {
        h.push_str("<p class=\"muted\">No lab results recorded.</p>");
        return h;
    }
    let mut sorted: Vec<&Lab> = labs.iter().collect();
    sorted.sort_by(|a, b| b.taken_on.cmp(&a.taken_on).then(a.analyte.cmp(&b.analyte)));
    h.push_str("<table><tr><th>Date</th><th>Test</th><th>Value</th><th>Unit (as typed)</th></tr>");
    for l in sorted {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            l.taken_on,
            match l.analyte {
                crate::model::Analyte::Ferritin => "Ferritin",
                crate::model::Analyte::Tsat => "TSAT",
                crate::model::Analyte::Haemoglobin => "Haemoglobin",
                crate::model::Analyte::VitaminD => "25-OH vitamin D",
                crate::model::Analyte::Egfr => "eGFR",
            },
            l.value.entered_value,
            esc(&l.value.entered_unit)
        );
    }
    h.push_str("</table>");
    h
}

pub fn write_report(w: &mut dyn Write, r: &ReportInput<'_>) -> Result<()> {
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>QuietLegs report {}</title><style>
body{{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}}
h1{{font-size:1.5em;margin-bottom:0}} h2{{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}}
.muted{{color:#666;font-size:.9em}} .flag{{border-left:4px solid #d9480f;background:#fff4e6;padding:8px 12px;margin:8px 0}}
.ok{{border-left:4px solid #2b8a3e;background:#ebfbee;padding:8px 12px}} table{{border-collapse:collapse;width:100%}} td,th{{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;font-size:.92em}}
@media print{{body{{margin:0}} h2{{break-after:avoid}} svg{{break-inside:avoid}}}}
</style></head><body>"#,
        r.date
    );
    let _ = write!(h, "<h1>QuietLegs — RLS diary report</h1><p class=\"muted\">For {} · generated {} · {} nights in the diary. From the patient's own diary; information to discuss, not a diagnosis.</p>",
        r.date, r.generated.with_timezone(&r.tz).format("%Y-%m-%d %H:%M %Z"), r.nights.len());

    h.push_str("<h2>Points to discuss</h2>");
    if r.flags.is_empty() {
        h.push_str("<p class=\"ok\">No flags raised by the diary.</p>");
    }
    for f in r.flags {
        let _ = write!(h, "<div class=\"flag\"><strong>{}</strong><br>{}<br><span class=\"muted\">Source: {}</span></div>", esc(&f.title), esc(&f.facts), esc(&f.citation));
    }

    h.push_str(&medicine_list(r.regimen));

    let i = r.iron;
    h.push_str("<h2>Iron</h2>");
    let _ = write!(h, "<p><strong>{}</strong></p><ul>", esc(&i.headline));
    for reason in &i.reasons {
        let _ = write!(
            h,
            "<li>{} <span class=\"muted\">({})</span></li>",
            esc(&reason.text),
            esc(&reason.citation)
        );
    }
    for n in &i.notes {
        let _ = write!(h, "<li class=\"muted\">{}</li>", esc(n));
    }
    h.push_str("</ul>");
    h.push_str(&line_chart(
        "Ferritin against the RLS thresholds",
        &i.trend.points,
        chart::ferritin_top(&i.trend.points),
        &chart::ferritin_thresholds_for(r.no_iv_iron),
        "ng/mL",
    ));
    let _ = write!(h, "<p class=\"muted\">{}</p>", esc(&i.draw_preparation));
    h.push_str(&labs_table(r.labs));

    h.push_str("<h2>Severity</h2>");
    let quick = severity_series(r.nights, SeverityScale::Quick);
    let irls = severity_series(r.nights, SeverityScale::Irls);
    h.push_str("<p class=\"muted\">Quick rating 0-10 each night (0 = none).</p>");
    h.push_str(&line_chart(
        "Nightly severity, quick rating",
        &quick,
        SeverityScale::Quick.max(),
        &[],
        "/10",
    ));
    if !r.weekly_irls.is_empty() {
        h.push_str("<p class=\"muted\">Weekly IRLS total 0-40, each rating the past 7 days (kept apart from the quick rating).</p>");
        h.push_str(&line_chart(
            "Weekly IRLS total",
            r.weekly_irls,
            SeverityScale::Irls.max(),
            &[],
            "/40",
        ));
    }
    h.push_str(&weekly_irls_table(r));
    if !irls.is_empty() {
        h.push_str("<p class=\"muted\">IRLS totals logged with nights (older entries), 0-40.</p>");
        h.push_str(&line_chart(
            "IRLS total",
            &irls,
            SeverityScale::Irls.max(),
            &[],
            "/40",
        ));
    }
    // No night in either week: a sentence, not a table of dashes.
    let compared = r
        .insights
        .trends
        .iter()
        .any(|t| t.this_week_nights + t.last_week_nights > 0);
    if compared {
        let _ = write!(
            h,
            "<table><tr><th>Scale</th><th>This week</th><th>Last week</th><th>Direction</th></tr>"
        );
    } else {
        h.push_str(
            "<p class=\"muted\">No nights logged this week or last week: nothing to compare yet.</p>",
        );
    }
    for t in r.insights.trends.iter().filter(|_| compared) {
        let m = |v: Option<f64>, n: u32| {
            let nights = if n == 1 { "night" } else { "nights" };
            v.map(|x| format!("{x:.1} ({n} {nights})"))
                .unwrap_or_else(|| "—".into())
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if t.scale == SeverityScale::Quick {
                "quick 0-10, nightly"
            } else {
                "IRLS 0-40 logged with nights (older entries)"
            },
            m(t.this_week_mean, t.this_week_nights),
            m(t.last_week_mean, t.last_week_nights),
            match t.direction {
                crate::rules::insights::Direction::Unknown => "too few nights to compare",
                crate::rules::insights::Direction::Better => "better",
                crate::rules::insights::Direction::Worse => "worse",
                crate::rules::insights::Direction::Steady => "steady",
            }
        );
    }
    if compared {
        h.push_str("</table>");
    }
    if r.augmentation.drugs.is_empty() {
        // Nothing to screen.
    } else {
        let _ = write!(
            h,
            "<p><strong>Augmentation screen ({}):</strong> {}</p>",
            esc(&r.augmentation.drugs.join(", ")),
            esc(&r.augmentation.message)
        );
    }

    h.push_str("<h2>Triggers</h2>");
    if r.insights.triggers.is_empty() {
        h.push_str("<p class=\"muted\">Not enough nights yet: a comparison needs at least 5 nights with and 5 without a trigger.</p>");
    } else {
        let rows: Vec<(String, f64, f64, String)> = r
            .insights
            .triggers
            .iter()
            .flat_map(|c| {
                let max = if c.scale == SeverityScale::Quick {
                    10.0
                } else {
                    40.0
                };
                let t = name_of(&c.trigger).replace('_', " ");
                [
                    (
                        format!("{t}: with"),
                        c.with_mean,
                        max,
                        format!("{:.1} ({} nights)", c.with_mean, c.with_nights),
                    ),
                    (
                        format!("{t}: without"),
                        c.without_mean,
                        max,
                        format!("{:.1} ({} nights)", c.without_mean, c.without_nights),
                    ),
                ]
            })
            .collect();
        h.push_str(&bars("Mean severity with and without each trigger", &rows));
    }

    h.push_str("<h2>Adherence</h2>");
    if r.insights.adherence.is_empty() {
        h.push_str("<p class=\"muted\">No regimen recorded.</p>");
    } else {
        let rows: Vec<(String, f64, f64, String)> = r
            .insights
            .adherence
            .iter()
            .map(|a| {
                (
                    a.name.clone(),
                    f64::from(a.taken_30),
                    f64::from(a.expected_30),
                    format!("{}/{} doses in 30 days", a.taken_30, a.expected_30),
                )
            })
            .collect();
        h.push_str(&bars(
            "Doses logged against doses planned, last 30 days",
            &rows,
        ));
    }
    h.push_str("<p class=\"muted\">QuietLegs is an open-source diary. Advice in it cites its sources and is general information; treatment decisions belong with your doctor.</p></body></html>\n");
    w.write_all(h.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "Smith, \"Jo\" & co's\n<script>alert(\"x\")</script>";

    /// Fresh review: the medicine list came out in the store's order, whose ties fall to the
    /// random id. Here the ids run against the names (and against the start dates of the two
    /// "Ropinirole" entries): the list reads by name, then start date, whatever the ids.
    #[test]
    fn the_medicine_list_reads_by_name_then_start_whatever_the_ids() {
        let item = |id: u128, name: &str, start: (i32, u32, u32)| {
            let mut meta = crate::model::RecordMeta::new(
                chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 1, 8, 0, 0).unwrap(),
                "device",
            );
            meta.id = uuid::Uuid::from_u128(id);
            RegimenItem {
                meta,
                kind: RegimenKind::Medication,
                name: name.to_owned(),
                dose_mg: None,
                times: vec![],
                every_n_days: 1,
                with_vitamin_c: false,
                start_date: NaiveDate::from_ymd_opt(start.0, start.1, start.2).unwrap(),
                stop_date: None,
                start_source: Default::default(),
            }
        };
        let regimen = [
            item(1, "Zinc", (2026, 1, 1)),
            item(2, "Ropinirole", (2026, 6, 1)),
            item(3, "ropinirole", (2025, 6, 1)),
            item(4, "Amlodipine", (2026, 3, 1)),
        ];
        let html = medicine_list(&regimen);
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle}: {html}"))
        };
        assert!(at(">Amlodipine<") < at(">ropinirole<"), "{html}");
        assert!(at(">ropinirole<") < at(">Ropinirole<"), "{html}");
        assert!(at(">Ropinirole<") < at(">Zinc<"), "{html}");
        // Any order of the input gives the same list.
        let mut reversed = regimen.clone();
        reversed.reverse();
        assert_eq!(medicine_list(&reversed), html);
    }

    #[test]
    fn text_escapes_markup_and_leaves_quotes() {
        assert_eq!(
            esc(NOTE),
            "Smith, \"Jo\" &amp; co's\n&lt;script&gt;alert(\"x\")&lt;/script&gt;"
        );
        let long: String = "Ünïcødé 😴 ç, née; ".chars().cycle().take(200).collect();
        assert_eq!(esc(&long), long.as_str());
    }

    #[test]
    fn a_chart_title_in_its_attribute_escapes_the_quote_too() {
        let svg = bars(NOTE, &[(NOTE.to_owned(), 1.0, 2.0, "1/2 <b>".to_owned())]);
        assert!(
            svg.contains(
                "aria-label=\"Smith, &quot;Jo&quot; &amp; co's\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\""
            ),
            "{svg}"
        );
        // The label and caption as SVG text.
        assert!(
            svg.contains(
                ">Smith, \"Jo\" &amp; co's\n&lt;script&gt;alert(\"x\")&lt;/script&gt;</text>"
            ),
            "{svg}"
        );
        assert!(svg.contains(">1/2 &lt;b&gt;</text>"), "{svg}");
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
    }

    #[test]
    fn a_line_chart_escapes_its_title_labels_and_unit() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let svg = line_chart(
            "\"Ferritin\" <i>",
            &[(day, 40.0)],
            100.0,
            &[(75.0, "75 <script>".to_owned())],
            "ng/mL \"&\"",
        );
        assert!(
            svg.contains("aria-label=\"&quot;Ferritin&quot; &lt;i&gt;\""),
            "{svg}"
        );
        assert!(svg.contains(">75 &lt;script&gt;</text>"), "{svg}");
        assert!(svg.contains(": 40.0 ng/mL \"&amp;\"</title>"), "{svg}");
        assert!(!svg.contains("<script") && !svg.contains("<i>"), "{svg}");
    }
}
