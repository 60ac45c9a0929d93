//! The bedtime routine as an iCalendar file (RFC 5545) for people who live in their calendar.
//! Events carry UTC times computed by the reminder engine, so DST is already right.

use std::io::Write;

use chrono::{DateTime, Utc};

use crate::error::Result;

/// One calendar event.
pub struct CalendarEvent {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
}

fn stamp(t: &DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11. A TEXT value may hold no control character but HTAB
/// (§3.3.11, §3.1 `CONTROL`): a line break of any kind (CRLF, a bare CR or LF, U+2028/9)
/// becomes the escaped `\n`, and every other control character (DEL and C1 included) is
/// dropped, so a name typed or imported with one cannot break the calendar's lines.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines fold at 75 octets, never inside a UTF-8 character.
fn line(w: &mut dyn Write, s: &str) -> Result<()> {
    let mut rest = s;
    let mut first = true;
    while !rest.is_empty() {
        let limit = if first { 75 } else { 74 };
        let mut cut = rest.len().min(limit);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        if !first {
            w.write_all(b" ")?;
        }
        w.write_all(head.as_bytes())?;
        w.write_all(b"\r\n")?;
        rest = tail;
        first = false;
    }
    Ok(())
}

pub fn write_calendar(
    w: &mut dyn Write,
    now: DateTime<Utc>,
    events: &[CalendarEvent],
) -> Result<()> {
    line(w, "BEGIN:VCALENDAR")?;
    line(w, "VERSION:2.0")?;
    line(w, "PRODID:-//QuietLegs//Bedtime routine//EN")?;
    line(w, "CALSCALE:GREGORIAN")?;
    line(w, "X-WR-CALNAME:QuietLegs bedtime routine")?;
    for e in events {
        line(w, "BEGIN:VEVENT")?;
        line(w, &format!("UID:{}@quietlegs", e.uid))?;
        line(w, &format!("DTSTAMP:{}", stamp(&now)))?;
        line(w, &format!("DTSTART:{}", stamp(&e.start)))?;
        line(w, &format!("DTEND:{}", stamp(&e.end)))?;
        line(w, &format!("SUMMARY:{}", text(&e.summary)))?;
        line(w, &format!("DESCRIPTION:{}", text(&e.description)))?;
        line(w, "END:VEVENT")?;
    }
    line(w, "END:VCALENDAR")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_and_text_is_escaped() {
        let mut out = Vec::new();
        let e = CalendarEvent {
            uid: "x".into(),
            start: Utc::now(),
            end: Utc::now(),
            summary: "Warm bath; 40-42 °C, 15-20 min".into(),
            description: "é".repeat(80),
        };
        write_calendar(&mut out, Utc::now(), &[e]).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("SUMMARY:Warm bath\\; 40-42 °C\\, 15-20 min"));
        assert!(s.split("\r\n").all(|l| l.len() <= 75), "{s}");
    }

    #[test]
    fn text_values_carry_no_control_characters() {
        let mut out = Vec::new();
        let e = CalendarEvent {
            uid: "x".into(),
            start: Utc::now(),
            end: Utc::now(),
            summary: "Magne\rsium\u{1b}[2J\u{7f}\u{9b}".into(),
            description: "one\r\ntwo\nthree\rfour\u{0}".into(),
        };
        write_calendar(&mut out, Utc::now(), &[e]).unwrap();
        let s = String::from_utf8(out).unwrap();
        // Only the CRLF line ends are control characters.
        for l in s.split("\r\n") {
            assert!(!l.chars().any(|c| c.is_control()), "{l:?}");
        }
        assert!(s.contains("SUMMARY:Magne\\nsium[2J\r\n"), "{s}");
        assert!(
            s.contains("DESCRIPTION:one\\ntwo\\nthree\\nfour\r\n"),
            "{s}"
        );
    }
}
