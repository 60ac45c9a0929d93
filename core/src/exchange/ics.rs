//! The bedtime routine as an iCalendar file (RFC 5545) for people who live in their calendar.
//! Events carry UTC times computed by the reminder engine, so DST is already right.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::error::Result;

/// One calendar event.
pub struct CalendarEvent {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
}

/// Our content rule for a TEXT value, before the `icalendar` crate escapes it (`\\`, `\;`, `\,`,
/// and a newline as `\n`, RFC 5545 §3.3.11). A TEXT value may hold no control character but
/// HTAB (§3.3.11, §3.1 `CONTROL`): a line break of any kind (CRLF, a bare CR or LF, U+2028/9)
/// becomes one newline, and every other control character (DEL and C1 included) is dropped, so
/// a name typed or imported with one cannot break the calendar's lines.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The calendar as the `icalendar` crate models it: VERSION, PRODID, CALSCALE and the
/// calendar's name, then one VEVENT per event with its UID, DTSTAMP (`now`), DTSTART and DTEND
/// in UTC (`…Z`), SUMMARY and DESCRIPTION. The crate escapes the TEXT values and writes the
/// content lines (CRLF); within a VEVENT it writes the properties in name order, which carries
/// no meaning (RFC 5545 §3.6).
fn calendar(now: DateTime<Utc>, events: &[CalendarEvent]) -> Calendar {
    // `empty`: the crate's default PRODID is its own.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//QuietLegs//Bedtime routine//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "QuietLegs bedtime routine"));
    for e in events {
        // UID and DTSTAMP given: otherwise the crate makes a random UID and reads the clock.
        calendar.push(
            Event::new()
                .uid(&format!("{}@quietlegs", e.uid))
                .timestamp(now)
                .starts(e.start)
                .ends(e.end)
                .summary(&text(&e.summary))
                .description(&text(&e.description))
                .done(),
        );
    }
    calendar
}

/// Writes the calendar ([`calendar`]) with every content line folded at 75 octets, never inside
/// a UTF-8 character (RFC 5545 §3.1).
///
/// The folding is ours, on top of the crate's output: icalendar 0.17.17 `fold_line` leaves a
/// line of 76 octets when exactly 75 remain after a fold (it compares the rest with 75 without
/// counting the leading space), e.g. `SUMMARY:` and 142 ASCII letters come out as 75 + 1 + 75
/// octets (`the_crate_alone_can_leave_a_76_octet_line`). Its folds are undone first (CRLF and
/// one space, §3.1 unfolding: our values hold no CR or LF of their own, [`text`]).
pub fn write_calendar(
    w: &mut dyn Write,
    now: DateTime<Utc>,
    events: &[CalendarEvent],
) -> Result<()> {
    let mut out = String::new();
    write!(out, "{}", calendar(now, events))
        .map_err(|_| std::io::Error::other("writing the calendar"))?;
    for content_line in out.replace("\r\n ", "").split_terminator("\r\n") {
        fold(w, content_line)?;
    }
    Ok(())
}

/// One content line, folded at 75 octets, never inside a UTF-8 character.
fn fold(w: &mut dyn Write, s: &str) -> Result<()> {
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

#[cfg(test)]
mod hard_cases {
    use chrono::TimeZone;

    use super::*;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap()
    }

    fn written(summary: &str, description: &str) -> Vec<u8> {
        let e = CalendarEvent {
            uid: "bath-2026-11-21".into(),
            start: at(21, 0),
            end: at(21, 20),
            summary: summary.into(),
            description: description.into(),
        };
        let mut out = Vec::new();
        write_calendar(&mut out, at(12, 0), &[e]).unwrap();
        out
    }

    /// The physical lines: each at most 75 octets and valid UTF-8 on its own (no character
    /// split by a fold), CRLF after each.
    fn physical_lines(out: &[u8]) -> Vec<&str> {
        let (last, lines) = out
            .split(|&b| b == b'\n')
            .collect::<Vec<_>>()
            .split_last()
            .map(|(l, r)| (*l, r.to_vec()))
            .unwrap();
        assert!(last.is_empty(), "a CRLF after the last line");
        lines
            .into_iter()
            .map(|l| {
                let l = l.strip_suffix(b"\r").expect("CRLF");
                assert!(
                    l.len() <= 75,
                    "{} octets: {:?}",
                    l.len(),
                    String::from_utf8_lossy(l)
                );
                std::str::from_utf8(l).expect("a fold split a character")
            })
            .collect()
    }

    /// The content lines again (RFC 5545 §3.1 unfolding).
    fn unfolded(out: &[u8]) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for l in physical_lines(out) {
            match (l.strip_prefix(' '), lines.last_mut()) {
                (Some(rest), Some(last)) => last.push_str(rest),
                _ => lines.push(l.to_owned()),
            }
        }
        lines
    }

    #[test]
    fn the_calendar_holds_our_uid_stamp_prodid_and_utc_times() {
        let out = written("Warm bath", "15-20 min");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//QuietLegs//Bedtime routine//EN\r\n\
             CALSCALE:GREGORIAN\r\n\
             X-WR-CALNAME:QuietLegs bedtime routine\r\n\
             BEGIN:VEVENT\r\n\
             DESCRIPTION:15-20 min\r\n\
             DTEND:20261121T212000Z\r\n\
             DTSTAMP:20261121T120000Z\r\n\
             DTSTART:20261121T210000Z\r\n\
             SUMMARY:Warm bath\r\n\
             UID:bath-2026-11-21@quietlegs\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
    }

    #[test]
    fn a_name_with_comma_quote_newline_and_markup_is_escaped_text() {
        let out = written(
            "Smith, \"Jo\"\nslept; C:\\temp",
            "<script>alert(\"x\")</script>\r\nnext\u{2028}line",
        );
        let lines = unfolded(&out);
        assert!(
            lines.contains(&"SUMMARY:Smith\\, \"Jo\"\\nslept\\; C:\\\\temp".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"DESCRIPTION:<script>alert(\"x\")</script>\\nnext\\nline".to_owned()),
            "{lines:?}"
        );
    }

    #[test]
    fn a_200_character_unicode_summary_folds_at_75_octets_between_characters() {
        let summary: String = "Ünïcødé 😴 ç, née; 老虎 "
            .chars()
            .cycle()
            .take(200)
            .collect();
        assert_eq!(summary.chars().count(), 200);
        let out = written(&summary, "");
        let lines = unfolded(&out);
        let expected = format!(
            "SUMMARY:{}",
            summary.replace(',', "\\,").replace(';', "\\;")
        );
        assert!(lines.contains(&expected), "{lines:?}");
        assert!(physical_lines(&out).len() > lines.len(), "folded");
    }

    /// Every length of value, in characters of 1, 2, 3 and 4 octets: no physical line over 75
    /// octets, none split inside a character, and unfolding gives the value back.
    #[test]
    fn every_length_folds_within_75_octets() {
        for unit in ["a", "é", "老", "😴", "a b", " "] {
            for n in 0..320 {
                let summary = unit.repeat(n);
                let lines = unfolded(&written(&summary, ""));
                assert!(
                    lines.contains(&format!("SUMMARY:{summary}")),
                    "{unit:?} x {n}: {lines:?}"
                );
            }
        }
    }

    /// Why `write_calendar` folds again: the crate's own folding can leave a 76-octet line
    /// (icalendar 0.17.17). When this fails, the crate folds within 75 octets and our fold can go.
    #[test]
    fn the_crate_alone_can_leave_a_76_octet_line() {
        let e = CalendarEvent {
            uid: "x".into(),
            start: at(21, 0),
            end: at(21, 20),
            summary: "a".repeat(142),
            description: String::new(),
        };
        let raw = calendar(at(12, 0), &[e]).to_string();
        let longest = raw.split("\r\n").map(str::len).max().unwrap();
        assert_eq!(longest, 76, "{raw}");
    }
}
