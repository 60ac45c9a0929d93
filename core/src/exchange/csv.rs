//! CSV for spreadsheets (RFC 4180): one row per night, one per lab, one per dose. Cells that a
//! spreadsheet would run as a formula are defused.

use std::io::Write;

use crate::model::zone::Tz;

use crate::error::Result;
use crate::model::enums::name_of;
use crate::model::{Event, EventKind, Lab, Night, RegimenItem};

/// A cell as text, safe for spreadsheets: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`
/// in front, then RFC 4180 quoting when needed.
pub fn cell(s: &str) -> String {
    let defused = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    };
    if defused.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn row(w: &mut dyn Write, cells: &[String]) -> Result<()> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    write!(w, "{}\r\n", line.join(","))?;
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
    row(w, &header)?;
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
        row(w, &r)?;
    }
    Ok(())
}

pub fn labs(w: &mut dyn Write, labs: &[Lab]) -> Result<()> {
    row(
        w,
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
            w,
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
    Ok(())
}

pub fn doses(w: &mut dyn Write, events: &[Event], regimen: &[RegimenItem], tz: Tz) -> Result<()> {
    row(
        w,
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
            w,
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_injection_is_defused_and_quoting_follows_rfc_4180() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("plain"), "plain");
    }
}
