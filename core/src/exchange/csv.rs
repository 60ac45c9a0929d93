//! CSV for spreadsheets (RFC 4180): one row per night, one per lab, one per dose. Cells that a
//! spreadsheet would run as a formula are defused.
//!
//! The format itself (quoting, doubled quotes, CRLF rows) is the `csv` crate's writer; only the
//! defusing and the control-character mark ([`printable`]), safety rules on top of the format,
//! are ours.

use std::borrow::Cow;
use std::io::Write;

use crate::model::zone::Tz;

use crate::error::Result;
use crate::model::enums::name_of;
use crate::model::{Event, EventKind, Lab, Night, RegimenItem};

/// A cell made safe for spreadsheets (SPEC §4): a leading `=`, `+`, `-`, `@`, tab or CR, which a
/// spreadsheet would read as the start of a formula, gets a `'` in front. The quoting is the
/// writer's ([`sheet`]).
pub fn defuse(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// A cell's control characters as spreadsheets can show them: a note typed or imported may hold
/// any character (the API limits only its length, and the JSON export carries it back
/// unchanged), but a NUL, an escape or another control character in a CSV cell is cut off or
/// misread by spreadsheets, and RFC 4180 has no place for one. Each becomes U+FFFD (the
/// replacement character), visible where something was; tab, CR and LF stay (the writer quotes
/// a cell with a line break). The CSV is for reading: the JSON export is the file that
/// imports back.
pub fn printable(s: &str) -> Cow<'_, str> {
    let marked = |c: char| c.is_control() && !matches!(c, '\t' | '\r' | '\n');
    if !s.chars().any(marked) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if marked(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// A cell as written: [`printable`], then [`defuse`]d.
fn cell(s: &str) -> Cow<'_, str> {
    match printable(s) {
        Cow::Borrowed(b) => defuse(b),
        Cow::Owned(o) => Cow::Owned(defuse(&o).into_owned()),
    }
}

/// The CSV writer for one file: RFC 4180 quoting only where needed (a comma, a quote, CR or LF
/// in the cell; quotes doubled inside), CRLF after every row.
fn sheet(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

/// The writer's error as the I/O error it carries (a full disk stays a full disk); any other is a
/// row of the wrong length, a bug here, and names no cell.
fn io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("CSV writer: {other:?}")),
    }
}

fn row(out: &mut csv::Writer<&mut dyn Write>, cells: &[String]) -> Result<()> {
    let defused: Vec<Cow<'_, str>> = cells.iter().map(|c| cell(c)).collect();
    out.write_record(defused.iter().map(|c| c.as_bytes()))
        .map_err(io)?;
    Ok(())
}

/// Writes out what the writer still buffers; dropping it would lose a write error.
fn done(mut out: csv::Writer<&mut dyn Write>) -> Result<()> {
    out.flush()?;
    Ok(())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn words<T: serde::Serialize>(v: &[T]) -> String {
    v.iter().map(name_of).collect::<Vec<_>>().join(";")
}

pub fn nights(w: &mut dyn Write, nights: &[Night]) -> Result<()> {
    let mut header: Vec<String> = ["night_date", "quick_severity", "irls_total", "irls_band"]
        .map(String::from)
        .to_vec();
    header.extend((1..=10).map(|i| format!("irls_{i}")));
    header.extend(
        [
            "onset",
            "body_areas",
            "sleep_hours",
            "awakenings",
            "triggers",
            "relief",
            "notes",
            "id",
            "modified_at",
        ]
        .map(String::from),
    );
    let mut out = sheet(w);
    row(&mut out, &header)?;
    for n in nights {
        let mut r = vec![
            n.night_date.to_string(),
            opt(n.quick_severity),
            opt(n.irls.map(|i| i.total())),
            opt(n.irls.map(|i| name_of(&i.band()))),
        ];
        match n.irls {
            Some(i) => r.extend(i.items().iter().map(|v| v.to_string())),
            None => r.extend(std::iter::repeat_n(String::new(), 10)),
        }
        r.extend([
            opt(n.onset.map(|t| t.format("%H:%M"))),
            words(&n.body_areas),
            opt(n.sleep_hours),
            opt(n.awakenings),
            words(&n.triggers),
            n.relief
                .iter()
                .map(|x| format!("{}:{}", name_of(&x.kind), name_of(&x.effect)))
                .collect::<Vec<_>>()
                .join(";"),
            n.notes.clone().unwrap_or_default(),
            n.meta.id.to_string(),
            crate::store::ts(&n.meta.modified_at),
        ]);
        row(&mut out, &r)?;
    }
    done(out)
}

pub fn labs(w: &mut dyn Write, labs: &[Lab]) -> Result<()> {
    let mut out = sheet(w);
    row(
        &mut out,
        &[
            "taken_on",
            "analyte",
            "value",
            "unit",
            "entered_value",
            "entered_unit",
            "id",
        ]
        .map(String::from),
    )?;
    for l in labs {
        row(
            &mut out,
            &[
                l.taken_on.to_string(),
                name_of(&l.analyte),
                format!("{}", (l.value.canonical * 1000.0).round() / 1000.0),
                l.analyte.canonical_unit().to_owned(),
                l.value.entered_value.to_string(),
                l.value.entered_unit.clone(),
                l.meta.id.to_string(),
            ],
        )?;
    }
    done(out)
}

pub fn doses(w: &mut dyn Write, events: &[Event], regimen: &[RegimenItem], tz: Tz) -> Result<()> {
    let mut out = sheet(w);
    row(
        &mut out,
        &[
            "taken_at_local",
            "taken_at_utc",
            "item",
            "dose_mg",
            "note",
            "warnings",
            "id",
        ]
        .map(String::from),
    )?;
    for e in events {
        let EventKind::Dose { regimen_id } = &e.kind else {
            continue;
        };
        let item = regimen
            .iter()
            .find(|r| r.meta.id.to_string() == *regimen_id);
        row(
            &mut out,
            &[
                e.at.with_timezone(&tz)
                    .format("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string(),
                crate::store::ts(&e.at),
                item.map(|r| r.name.clone())
                    .unwrap_or_else(|| regimen_id.clone()),
                opt(item.and_then(|r| r.dose_mg)),
                e.note.clone().unwrap_or_default(),
                e.warnings.join(" | "),
                e.meta.id.to_string(),
            ],
        )?;
    }
    done(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of `cells` as the exporters write it.
    fn line(cells: &[&str]) -> String {
        let mut bytes = Vec::new();
        let mut out = sheet(&mut bytes);
        row(
            &mut out,
            &cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
        .unwrap();
        done(out).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn formula_injection_is_defused_and_quoting_follows_rfc_4180() {
        assert_eq!(line(&["=SUM(A1)"]), "'=SUM(A1)\r\n");
        assert_eq!(line(&["+1"]), "'+1\r\n");
        assert_eq!(line(&["-2"]), "'-2\r\n");
        assert_eq!(line(&["@cmd"]), "'@cmd\r\n");
        assert_eq!(line(&["\tx"]), "'\tx\r\n");
        assert_eq!(line(&["\rx"]), "\"'\rx\"\r\n");
        assert_eq!(line(&["a,b"]), "\"a,b\"\r\n");
        assert_eq!(line(&["say \"hi\""]), "\"say \"\"hi\"\"\"\r\n");
        assert_eq!(line(&["plain"]), "plain\r\n");
        assert_eq!(line(&["a", "", "b"]), "a,,b\r\n");
    }

    /// Fresh review: a NUL or another control character in a note reached the CSV raw. The
    /// API accepts any character in a note (and the JSON export carries it back), so the CSV
    /// shows each as U+FFFD; tab and line breaks stay, and a formula keeps its defusing.
    #[test]
    fn control_characters_are_marked_in_every_cell() {
        let note = "a\u{0}b\u{1b}[31mc\u{7f}d\u{85}e\u{8}f\nline\ttab";
        let s = line(&[note, "\u{0}=1+1", "plain"]);
        assert_eq!(
            s,
            "\"a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}d\u{FFFD}e\u{FFFD}f\nline\ttab\",\u{FFFD}=1+1,plain\r\n"
        );
        let body = s.trim_end_matches("\r\n");
        assert!(
            !body
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n')),
            "{s:?}"
        );
        assert_eq!(line(&["=\u{0}"]), "'=\u{FFFD}\r\n");
        // A whole export: the night's note.
        let night = Night {
            meta: crate::model::RecordMeta::new(
                chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 8, 0, 0).unwrap(),
                "device",
            ),
            night_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
            quick_severity: Some(4),
            irls: None,
            onset: None,
            body_areas: vec![],
            sleep_hours: None,
            awakenings: None,
            triggers: vec![],
            relief: vec![],
            notes: Some("woke\u{0}twice".into()),
            changed: None,
        };
        let mut bytes = Vec::new();
        nights(&mut bytes, &[night]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(",woke\u{FFFD}twice,"), "{text:?}");
        assert!(!text.contains('\u{0}'), "{text:?}");
    }

    #[test]
    fn hard_cells_are_quoted_defused_and_read_back_unchanged() {
        let name = "Smith, \"Jo\"\nslept";
        let formula = "=HYPERLINK(\"http://x\")";
        let long: String = "Ünïcødé 😴 ç, née; ".chars().cycle().take(200).collect();
        let lone_cr = "one\rtwo";
        let s = line(&[name, formula, &long, lone_cr, "<script>"]);
        assert_eq!(
            s,
            format!(
                "\"Smith, \"\"Jo\"\"\nslept\",\"'=HYPERLINK(\"\"http://x\"\")\",\"{long}\",\"one\rtwo\",<script>\r\n"
            )
        );
        // What a reader gets back: the cells as given, the formula with its `'`.
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(s.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        let cells: Vec<&str> = record.iter().collect();
        assert_eq!(
            cells,
            [name, &format!("'{formula}"), &long, lone_cr, "<script>"]
        );
        assert_eq!(long.chars().count(), 200);
    }
}
