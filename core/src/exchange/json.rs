//! The versioned JSON export: one self-describing document, streamed record by record, and its
//! strict reader. The JSON Schema lives in core/schema/export-v1.schema.json.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Record;
use crate::store::{for_each_raw_event, for_each_raw_night, for_each_record_in, Store, Table};

/// The `format` field of every QuietLegs export.
pub const FORMAT: &str = "quietlegs-export";
/// The export version this code writes and reads.
pub const VERSION: u32 = 1;

/// Streams every record (tombstones included) to `w`; returns how many were written.
///
/// Events and nights, nearly every record of a diary, are written from their stored columns
/// without decoding them: the store keeps them in the export's own spelling (serde's JSON for
/// the structured columns, the export's instants). A test holds this byte for byte to the
/// decoded path the other tables take.
pub fn write_export(store: &Store, now: DateTime<Utc>, w: &mut dyn Write) -> Result<u64> {
    write_header(store, now, w)?;
    let mut out = Records { w, n: 0 };
    let mut checked = raw::Checked::default();
    for table in Table::ALL {
        match table {
            Table::Events => for_each_raw_event(store.conn(), |e| {
                out.next()?;
                raw::event(out.w, &mut checked, e)
            })?,
            Table::Nights => for_each_raw_night(store.conn(), |x| {
                out.next()?;
                raw::night(out.w, &mut checked, x)
            })?,
            other => for_each_record_in(store.conn(), other, |r| {
                out.next()?;
                serde_json::to_writer(&mut *out.w, &r)?;
                Ok(())
            })?,
        }
    }
    out.w.write_all(b"\n]}\n")?;
    Ok(out.n)
}

fn write_header(store: &Store, now: DateTime<Utc>, w: &mut dyn Write) -> Result<()> {
    let header = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "device_id": store.device_id(),
        "exported_at": crate::store::ts(&now),
    });
    // The header's fields, then the records array, written piece by piece.
    let head = serde_json::to_string(&header)?;
    let head = head.strip_suffix('}').unwrap_or(&head);
    write!(w, "{head},\"records\":[")?;
    Ok(())
}

/// The records array: a comma before every record but the first, one record a line.
struct Records<'w> {
    w: &'w mut dyn Write,
    n: u64,
}

impl Records<'_> {
    fn next(&mut self) -> Result<()> {
        if self.n > 0 {
            self.w.write_all(b",")?;
        }
        self.w.write_all(b"\n")?;
        self.n += 1;
        Ok(())
    }
}

/// Stored rows to export JSON, in the field order serde gives the model types.
mod raw {
    use std::io::Write;

    use serde::de::IgnoredAny;

    use crate::error::{Error, Result};
    use crate::store::{RawEvent, RawMeta, RawNight};

    /// Whether JSON needs any byte of `s` escaped: a control character, a quote or a backslash
    /// (serde_json escapes exactly these). Eight bytes at a time; exact, for the "any" question,
    /// by the classic zero-byte tests.
    pub(super) fn needs_escape(s: &[u8]) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
        let below_space = |v: u64| v.wrapping_sub(ONES * 0x20) & !v & HIGH != 0;
        let mut words = s.chunks_exact(8);
        let mut any = false;
        for word in &mut words {
            let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            any |= below_space(x)
                | has_zero(x ^ (ONES * u64::from(b'"')))
                | has_zero(x ^ (ONES * u64::from(b'\\')));
        }
        any || words
            .remainder()
            .iter()
            .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
    }

    /// `b` between quotes as it is: the caller knows it needs no escaping. Short ones, nearly
    /// all, in one write.
    fn quoted(w: &mut dyn Write, b: &[u8]) -> Result<()> {
        let mut buf = [b'"'; 64];
        match buf.get_mut(1..=b.len()) {
            Some(inner) if b.len() <= 62 => {
                inner.copy_from_slice(b);
                w.write_all(buf.get(..b.len() + 2).unwrap_or_default())?;
            }
            _ => {
                w.write_all(b"\"")?;
                w.write_all(b)?;
                w.write_all(b"\"")?;
            }
        }
        Ok(())
    }

    /// A JSON string, spelled as serde_json spells it. Most strings here (ids, device ids,
    /// dates, notes) need no escaping.
    pub(super) fn string(w: &mut dyn Write, s: &str) -> Result<()> {
        if needs_escape(s.as_bytes()) {
            serde_json::to_writer(&mut *w, s)?;
            return Ok(());
        }
        quoted(w, s.as_bytes())
    }

    fn opt_string(w: &mut dyn Write, s: Option<&str>) -> Result<()> {
        match s {
            Some(s) => string(w, s),
            None => Ok(w.write_all(b"null")?),
        }
    }

    fn opt_number<T: serde::Serialize>(w: &mut dyn Write, v: Option<T>) -> Result<()> {
        serde_json::to_writer(&mut *w, &v)?;
        Ok(())
    }

    /// How many distinct JSON column values an export remembers as checked. A diary's event
    /// kinds, body areas and triggers repeat: a few dozen distinct values cover nearly every row.
    const REMEMBERED: usize = 32;

    /// JSON column values already checked in this export, so that a repeated one is not parsed
    /// again (what this buys: docs/PERFORMANCE.md).
    #[derive(Default)]
    pub(super) struct Checked {
        values: Vec<Box<str>>,
        next: usize,
    }

    impl Checked {
        /// Whether `s` is well-formed JSON text, parsing it only if it was not seen recently.
        fn check(&mut self, field: &str, s: &[u8]) -> Result<()> {
            if self.values.iter().any(|v| v.as_bytes() == s) {
                return Ok(());
            }
            let text = std::str::from_utf8(s).map_err(|e| {
                Error::Corrupt(format!(
                    "stored {field} {:?} is not text: {e}",
                    String::from_utf8_lossy(s)
                ))
            })?;
            serde_json::from_str::<IgnoredAny>(text)
                .map_err(|e| Error::Corrupt(format!("stored {field} {text:?} is not JSON: {e}")))?;
            // Round-robin replacement: bounded memory whatever the diary holds.
            if self.values.len() < REMEMBERED {
                self.values.push(text.into());
            } else if let Some(slot) = self.values.get_mut(self.next) {
                *slot = text.into();
                self.next = (self.next + 1) % REMEMBERED;
            }
            Ok(())
        }
    }

    /// A JSON column, checked to be well-formed so the export is always valid JSON.
    fn json(w: &mut dyn Write, checked: &mut Checked, field: &str, s: &[u8]) -> Result<()> {
        checked.check(field, s)?;
        Ok(w.write_all(s)?)
    }

    fn opt_json(
        w: &mut dyn Write,
        checked: &mut Checked,
        field: &str,
        s: Option<&[u8]>,
    ) -> Result<()> {
        match s {
            Some(s) => json(w, checked, field, s),
            None => Ok(w.write_all(b"null")?),
        }
    }

    /// The stored instant's shape: `0` where a digit goes.
    const INSTANT_SHAPE: [u8; 24] = *b"0000-00-00T00:00:00.000Z";

    /// The shape as three little-endian words, and per word a mask of its separator bytes.
    const SHAPE_WORDS: [(u64, u64); 3] = shape_words();

    const fn shape_words() -> [(u64, u64); 3] {
        let mut out = [(0u64, 0u64); 3];
        let mut w = 0;
        while w < 3 {
            let mut i = 0;
            while i < 8 {
                // Evaluated by the compiler: an index out of range fails the build, not a run.
                #[allow(clippy::indexing_slicing)]
                let b = INSTANT_SHAPE[w * 8 + i];
                #[allow(clippy::indexing_slicing)]
                {
                    out[w].0 |= (b as u64) << (8 * i);
                    if b != b'0' {
                        out[w].1 |= 0xFF << (8 * i);
                    }
                }
                i += 1;
            }
            w += 1;
        }
        out
    }

    /// Whether `s` is exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` with digits where digits go (then it
    /// needs no JSON escaping). Eight bytes at a time (what this buys: docs/PERFORMANCE.md).
    pub(super) fn is_stored_instant(s: &[u8]) -> bool {
        const LOW: u64 = 0x3030_3030_3030_3030; // '0' in every byte
        const HIGH_NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;
        const SIX: u64 = 0x0606_0606_0606_0606;
        let mut ok = s.len() == 24;
        for (chunk, (shape, separators)) in s.chunks_exact(8).zip(SHAPE_WORDS) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // The separators are the shape's; the rest, with separators read as '0', are digits:
            // 0x30-0x3F have high nibble 3, and of those only 0x30-0x39 keep it after adding 6.
            let digits = (x & !separators) | (LOW & separators);
            ok &= (x ^ shape) & separators == 0
                && digits & HIGH_NIBBLES == LOW
                && (digits + SIX) & HIGH_NIBBLES == LOW;
        }
        ok
    }

    /// An instant in the export's spelling; a stored one in any other RFC 3339 form is respelled.
    fn instant(w: &mut dyn Write, s: &[u8]) -> Result<()> {
        if is_stored_instant(s) {
            return quoted(w, s);
        }
        let text = String::from_utf8_lossy(s);
        let t = chrono::DateTime::parse_from_rfc3339(&text)
            .map_err(|e| Error::Corrupt(format!("stored instant {text:?}: {e}")))?;
        string(w, &crate::model::time::instant_text(&t.to_utc()))
    }

    fn meta(w: &mut dyn Write, m: &RawMeta<'_>) -> Result<()> {
        w.write_all(b"{\"id\":")?;
        string(w, m.id)?;
        w.write_all(b",\"created_at\":")?;
        instant(w, m.created_at)?;
        w.write_all(b",\"modified_at\":")?;
        instant(w, m.modified_at)?;
        w.write_all(if m.deleted {
            b",\"deleted\":true,\"device_id\":"
        } else {
            b",\"deleted\":false,\"device_id\":"
        })?;
        string(w, m.device_id)?;
        Ok(w.write_all(b"}")?)
    }

    pub(super) fn event(w: &mut dyn Write, checked: &mut Checked, e: &RawEvent<'_>) -> Result<()> {
        w.write_all(b"{\"type\":\"event\",\"meta\":")?;
        meta(w, &e.meta)?;
        w.write_all(b",\"at\":")?;
        instant(w, e.at)?;
        w.write_all(b",\"kind\":")?;
        json(w, checked, "event kind", e.kind)?;
        w.write_all(b",\"note\":")?;
        opt_string(w, e.note)?;
        w.write_all(b",\"warnings\":")?;
        json(w, checked, "warnings", e.warnings)?;
        Ok(w.write_all(b"}")?)
    }

    /// `HH:MM` as stored, `HH:MM:SS` as a time serialises.
    pub(super) fn clock(w: &mut dyn Write, s: Option<&str>) -> Result<()> {
        match s {
            None => Ok(w.write_all(b"null")?),
            Some(s) => {
                // The stored `HH:MM`, checked, is serde's `HH:MM:00` without a parse.
                if let [h0 @ b'0'..=b'2', h1 @ b'0'..=b'9', b':', m0 @ b'0'..=b'5', m1 @ b'0'..=b'9'] =
                    *s.as_bytes()
                {
                    if (h0, h1) < (b'2', b'4') {
                        return Ok(
                            w.write_all(&[b'"', h0, h1, b':', m0, m1, b':', b'0', b'0', b'"'])?
                        );
                    }
                }
                let t = chrono::NaiveTime::parse_from_str(s, "%H:%M")
                    .map_err(|e| Error::Corrupt(format!("stored onset {s:?}: {e}")))?;
                serde_json::to_writer(&mut *w, &t)?;
                Ok(())
            }
        }
    }

    pub(super) fn night(w: &mut dyn Write, checked: &mut Checked, n: &RawNight<'_>) -> Result<()> {
        w.write_all(b"{\"type\":\"night\",\"meta\":")?;
        meta(w, &n.meta)?;
        w.write_all(b",\"night_date\":")?;
        string(w, n.night_date)?;
        w.write_all(b",\"quick_severity\":")?;
        opt_number(w, n.quick_severity)?;
        w.write_all(b",\"irls\":")?;
        opt_json(w, checked, "IRLS items", n.irls)?;
        w.write_all(b",\"onset\":")?;
        clock(w, n.onset)?;
        w.write_all(b",\"body_areas\":")?;
        json(w, checked, "body areas", n.body_areas)?;
        w.write_all(b",\"sleep_hours\":")?;
        opt_number(w, n.sleep_hours)?;
        w.write_all(b",\"awakenings\":")?;
        opt_number(w, n.awakenings)?;
        w.write_all(b",\"triggers\":")?;
        json(w, checked, "triggers", n.triggers)?;
        w.write_all(b",\"relief\":")?;
        json(w, checked, "relief", n.relief)?;
        w.write_all(b",\"notes\":")?;
        opt_string(w, n.notes)?;
        // Left out when absent, as serde leaves out `Night::changed`: a night written before
        // field stamps exports byte for byte as before.
        if let Some(changed) = n.changed {
            w.write_all(b",\"changed\":")?;
            json(w, checked, "field stamps", changed)?;
        }
        Ok(w.write_all(b"}")?)
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The whole document. `R` is [`Record`]; on the error path, where a problem outside the
/// records is looked for, [`serde::de::IgnoredAny`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<R> {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    device_id: String,
    #[serde(deserialize_with = "crate::model::time::named::exported_at")]
    exported_at: DateTime<Utc>,
    records: Vec<R>,
}

/// A parsed, validated export.
#[derive(Debug)]
pub struct ExportFile {
    pub device_id: String,
    pub exported_at: DateTime<Utc>,
    pub records: Vec<Record>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::BadFile(msg.into())
}

/// Reads an export, refusing anything that is not a complete, valid QuietLegs export of a
/// version this code understands. `now` bounds plausible dates.
pub fn read_export(bytes: &[u8], now: DateTime<Utc>) -> Result<ExportFile> {
    // Some editors and cloud drives save a UTF-8 byte-order mark; JSON (RFC 8259 §8.1) lets a
    // reader ignore it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header: Header = serde_json::from_slice(bytes).map_err(|e| bad(describe(&e)))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        // The file's own word is not repeated: an error never quotes the file (SPEC §6).
        Some(_) => {
            return Err(bad(
                "not a QuietLegs export (its \"format\" field names another format)",
            ))
        }
        None => return Err(bad("not a QuietLegs export (no \"format\" field)")),
    }
    check_version(header.version.as_ref())?;
    let mut doc: Document<Record> =
        serde_json::from_slice(bytes).map_err(|e| bad(locate(bytes, &e)))?;
    // A record stamped ahead of this clock (a device whose clock runs fast) keeps its stamp:
    // held back here, it would lose to its own original on the fast device, and a correction
    // made here would never reach it. `RecordMeta::touched` makes any later local edit beat it.
    for r in &mut doc.records {
        r.keep_to_the_millisecond();
    }
    let mut seen = std::collections::HashMap::new();
    for (i, r) in doc.records.iter().enumerate() {
        let id = r.meta().id;
        if let Some(first) = seen.insert(id, i) {
            return Err(bad(format!(
                "record id {id} appears twice (records {} and {})",
                first + 1,
                i + 1
            )));
        }
        // The field and the kind of problem, never the value (it is diary content, SPEC §6).
        r.validate(now).map_err(|e| match e {
            // The one reason that quotes no value and says what to correct.
            Error::Invalid { field, reason } if reason == crate::model::validate::WHOLE_MINUTES => {
                bad(format!("record {} ({id}), field {field}: {reason}", i + 1))
            }
            Error::Invalid { field, .. } => bad(format!(
                "record {} ({id}), field {field}: out of range or not a plausible value",
                i + 1
            )),
            // A missing field has no value to hide: say it is missing, and what it is for.
            Error::Missing { field, reason } => bad(format!(
                "record {} ({id}), field {field}: missing; {reason}",
                i + 1
            )),
            _ => bad(format!("record {} ({id}): not an accepted record", i + 1)),
        })?;
    }
    Ok(ExportFile {
        device_id: doc.device_id,
        exported_at: doc.exported_at,
        records: doc.records,
    })
}

/// Whether the header's `version` (as read; `null` reads as absent) is the one this code
/// reads, and if not, why in plain words: never Rust's debug text of the value.
fn check_version(version: Option<&serde_json::Value>) -> Result<()> {
    use serde_json::Value;
    let n = match version {
        Some(Value::Number(n)) => n,
        None => {
            return Err(bad(format!(
                "the \"version\" field is missing (this app reads version {VERSION})"
            )))
        }
        // A version written as text ("1"): shown when it is a short plain word, as the header's
        // own value (not diary content), so the person sees what to correct.
        Some(Value::String(s))
            if (1..=16).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') =>
        {
            return Err(bad(format!(
                "export version \"{s}\" is not a number (this app reads version {VERSION})"
            )))
        }
        Some(_) => {
            return Err(bad(format!(
                "the \"version\" field is not a number (this app reads version {VERSION})"
            )))
        }
    };
    match n.as_u64() {
        Some(v) if v == u64::from(VERSION) => Ok(()),
        Some(v) if v > u64::from(VERSION) => Err(bad(format!(
            "export version {v} is newer than this app understands ({VERSION}); update QuietLegs"
        ))),
        // 0, a negative or a fractional number.
        _ => Err(bad(format!(
            "export version {n} is not one this app reads (it reads version {VERSION})"
        ))),
    }
}

fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {} column {}", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("the file ends early ({at}): truncated?"),
        Category::Syntax => format!("not valid JSON at {at}: {}", kind_of(e)),
        Category::Data => format!("unexpected content at {at}: {}", kind_of(e)),
        Category::Io => format!("could not read ({at})"),
    }
}

/// [`describe`], with where the problem is when that can be found: the record that failed (by
/// its number and kind) and the field inside it (`field quick_severity`, `field meta.id`,
/// `field triggers[1]`), or the document's own field. Found on this error path only, by reading
/// the file again with serde_path_to_error, which follows the path the reading took.
fn locate(bytes: &[u8], e: &serde_json::Error) -> String {
    use serde_json::Value;
    let Ok(doc) = serde_json::from_slice::<Value>(bytes) else {
        return describe(e);
    };
    let at = format!("line {} column {}", e.line(), e.column());
    let failed = match doc.get("records") {
        Some(Value::Array(rs)) => rs.iter().enumerate().find(|(_, r)| {
            // Each record back to text and read as the import reads it (`from_slice`): the
            // reading of a record is not compiled again for `serde_json::Value` here
            // (docs/PERFORMANCE.md, library size); `record_problem` reads only the one found.
            serde_json::to_vec(r).map_or(true, |b| serde_json::from_slice::<Record>(&b).is_err())
        }),
        _ => None,
    };
    if let Some((i, r)) = failed {
        return match record_problem(r, e) {
            Some(said) => format!("record {}{said} ({at})", i + 1),
            None => format!("record {}: {}", i + 1, describe(e)),
        };
    }
    // Not in a record: the document's own fields, its records skipped.
    let head = serde_path_to_error::deserialize::<_, Document<serde::de::IgnoredAny>>(doc);
    match head {
        Err(pe) => format!(
            "{} ({at})",
            at_path("", pe.path(), pe.inner()).trim_start_matches([',', ':', ' '])
        ),
        Ok(_) => describe(e),
    }
}

/// The profile record as [`Record::Profile`] reads it, for [`record_problem`] (a test reads
/// every kind of record through it: `every_kind_of_record_names_its_fields`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ProfileRecord {
    meta: crate::model::RecordMeta,
    profile: crate::model::Profile,
}

/// What is wrong in record `r` (as the file has it; `e` the error reading the whole file), as
/// the tail of a message: ` (night), field quick_severity: a value of the wrong type`. None
/// when it cannot be said better than `e` does.
///
/// `Record` is tagged by its `type` field: serde buffers such a record before reading it as its
/// kind, and the path of a problem inside is lost to serde_path_to_error there. So the record
/// is read again as its kind's own type. (A record's event kind is tagged the same way: a
/// problem inside it is named as `field kind`.)
fn record_problem(r: &serde_json::Value, e: &serde_json::Error) -> Option<String> {
    use crate::model::{Event, Habit, Lab, Night, RegimenItem};
    use serde_json::Value;
    fn read<T: serde::de::DeserializeOwned>(
        body: Value,
    ) -> Option<serde_path_to_error::Error<serde_json::Error>> {
        serde_path_to_error::deserialize::<_, T>(body).err()
    }
    let mut body = r.clone();
    let kind = match body.as_object_mut()?.remove("type") {
        Some(Value::String(kind)) => kind,
        Some(_) => return Some(", field type: a value of the wrong type".to_owned()),
        None => return Some(": the field \"type\" is missing".to_owned()),
    };
    let (kind, problem) = match kind.as_str() {
        "profile" => ("profile", read::<ProfileRecord>(body)),
        "night" => ("night", read::<Night>(body)),
        "event" => ("event", read::<Event>(body)),
        "lab" => ("lab", read::<Lab>(body)),
        "regimen" => ("regimen", read::<RegimenItem>(body)),
        "habit" => ("habit", read::<Habit>(body)),
        // The word is the file's: never shown.
        _ => return Some(format!(", field type: {}", kind_of(e))),
    };
    let problem = problem?;
    Some(at_path(
        &format!(" ({kind})"),
        problem.path(),
        problem.inner(),
    ))
}

/// `{before}, field PATH: WHAT` for the problem `inner` found at `path`. A field missing, not
/// known or given twice is named by where it is, its container (`, in meta: …`). An error of
/// the date and instant readers already names its field (`model::time::named`) and is shown as
/// it said it.
fn at_path(before: &str, path: &serde_path_to_error::Path, inner: &serde_json::Error) -> String {
    let what = kind_of(inner);
    if what.starts_with(crate::model::time::named::PREFIX) {
        return format!("{before}: {what}");
    }
    let m = inner.to_string();
    let container = ["missing field", "unknown field", "duplicate field"]
        .iter()
        .any(|k| m.starts_with(k));
    // The path of a field not known ends with its name, which is the file's, not the app's.
    let known = path
        .iter()
        .len()
        .saturating_sub(usize::from(m.starts_with("unknown field")));
    let path = path_text(path.iter().take(known));
    match (path.is_empty(), container) {
        (true, _) => format!("{before}: {what}"),
        (false, true) => format!("{before}, in {path}: {what}"),
        (false, false) => format!("{before}, field {path}: {what}"),
    }
}

/// A path as `meta.id`, `triggers[1]`, `profile.changed.routine.warm_bath.at`. A segment that
/// is a map key could be the file's content (SPEC §6): only the app's own schema names (ASCII
/// letters, digits, `_`, `.`) are shown, anything else as `…`.
fn path_text<'a>(path: impl Iterator<Item = &'a serde_path_to_error::Segment>) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        let name = match segment {
            Segment::Seq { index } => {
                out.push_str(&format!("[{index}]"));
                continue;
            }
            Segment::Map { key } | Segment::Enum { variant: key } => key.as_str(),
            Segment::Unknown => "…",
        };
        let schema = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(if schema { name } else { "…" });
    }
    out
}

/// What kind of problem serde_json found, in words that never quote the file: its messages
/// carry the offending value ("unknown variant `…`", "invalid type: string \"…\""), which
/// is diary content (SPEC §6).
fn kind_of(e: &serde_json::Error) -> String {
    let m = e.to_string();
    // serde's fixed wording names the problem first and the value after it.
    let known = [
        // uuid's message, which goes on to quote the character it stopped at.
        ("UUID parsing failed", "not a UUID"),
        ("unknown variant", "a word this app does not know"),
        ("unknown field", "a field this app does not know"),
        ("invalid type", "a value of the wrong type"),
        ("invalid value", "a value out of its range or form"),
        ("invalid length", "a list of the wrong length"),
        ("duplicate field", "a field given twice"),
        ("premature end", "the file ends early"),
        ("trailing characters", "more after the end of the document"),
        ("expected", "a character that does not belong there"),
        ("control character", "a control character inside a string"),
        ("invalid escape", "an invalid escape in a string"),
        ("invalid number", "an invalid number"),
        ("number out of range", "a number out of range"),
        (
            "invalid unicode code point",
            "an invalid unicode code point",
        ),
        ("EOF while parsing", "the file ends early"),
        ("recursion limit", "nesting too deep"),
    ];
    // The date and instant readers name their field and the problem, never the value
    // (`model::time::named`): shown as they said it, without serde_json's position (given
    // before it).
    if m.starts_with(crate::model::time::named::PREFIX) {
        return m
            .rsplit_once(" at line ")
            .map_or(m.as_str(), |(said, _)| said)
            .to_owned();
    }
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        // The field's name is the app's own schema, not the file's content.
        if field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return format!("the field \"{field}\" is missing");
        }
    }
    known
        .iter()
        .find(|(k, _)| m.contains(k))
        .map_or("content of the wrong form", |(_, w)| w)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone};

    use super::*;
    use crate::model::{
        ActivityKind, BodyArea, Event, EventKind, IntakeKind, Intensity, IrlsScores, Night,
        RecordMeta, Relief, ReliefEffect, ReliefKind, Trigger,
    };
    use crate::store::for_each_record;

    /// The export as the decoded path writes it: every record through serde.
    fn decoded_export(store: &Store, now: DateTime<Utc>) -> Vec<u8> {
        let mut w = Vec::new();
        write_header(store, now, &mut w).unwrap();
        let mut out = Records { w: &mut w, n: 0 };
        for_each_record(store.conn(), |r| {
            out.next()?;
            serde_json::to_writer(&mut *out.w, &r)?;
            Ok(())
        })
        .unwrap();
        w.extend_from_slice(b"\n]}\n");
        w
    }

    /// An in-memory diary holding `records`, merged as an import merges them.
    fn diary_of(records: &[Record]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::exchange::merge::merge_records(tx, records))
            .unwrap();
        store
    }

    fn awkward_records(now: DateTime<Utc>) -> Vec<Record> {
        let meta = |deleted: bool, device: &str| {
            let mut m = RecordMeta::new(now, device);
            m.deleted = deleted;
            m
        };
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} 🦵 é — <b>&amp;";
        vec![
            Record::Night(Night {
                meta: meta(false, tricky),
                night_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                quick_severity: Some(0),
                irls: Some(IrlsScores::new(&[4, 0, 1, 2, 3, 4, 0, 1, 2, 3]).unwrap()),
                onset: NaiveTime::from_hms_opt(0, 5, 0),
                body_areas: vec![BodyArea::Legs, BodyArea::Trunk],
                sleep_hours: Some(8.0),
                awakenings: Some(0),
                triggers: vec![Trigger::LongSitting, Trigger::Antihistamine],
                relief: vec![Relief {
                    kind: ReliefKind::ColdCompress,
                    effect: ReliefEffect::ALittle,
                }],
                notes: Some(tricky.to_owned()),
                // Field stamps, one by a device id that needs escaping: the streamed export
                // writes the stored text as serde writes the map.
                changed: Some(
                    [
                        ("notes", tricky),
                        ("quick_severity", "phone"),
                        ("sleep_hours", "tablet"),
                    ]
                    .into_iter()
                    .map(|(field, device)| {
                        (
                            field.to_owned(),
                            crate::model::profile_merge::FieldStamp {
                                at: now + chrono::Duration::milliseconds(3),
                                device: device.to_owned(),
                            },
                        )
                    })
                    .collect(),
                ),
            }),
            Record::Night(Night {
                meta: meta(true, "phone"),
                night_date: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
                quick_severity: Some(10),
                irls: None,
                onset: None,
                body_areas: vec![],
                sleep_hours: Some(6.25),
                awakenings: None,
                triggers: vec![],
                relief: vec![],
                notes: None,
                changed: None,
            }),
            Record::Event(Event {
                meta: meta(false, "phone"),
                at: Utc.with_ymd_and_hms(2026, 11, 20, 21, 15, 0).unwrap()
                    + chrono::Duration::milliseconds(7),
                kind: EventKind::Activity {
                    what: ActivityKind::Exercise,
                    intensity: Some(Intensity::Vigorous),
                    minutes: Some(45),
                },
                note: Some(tricky.to_owned()),
                warnings: vec![tricky.to_owned(), "second".to_owned()],
            }),
            Record::Event(Event {
                meta: meta(true, "phone"),
                at: Utc.with_ymd_and_hms(1901, 1, 2, 3, 4, 5).unwrap(),
                kind: EventKind::Intake {
                    what: IntakeKind::DairyCalcium,
                },
                note: None,
                warnings: vec![],
            }),
        ]
    }

    #[test]
    fn the_streamed_export_is_byte_for_byte_the_decoded_one() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut records = crate::demo::history(now.date_naive(), 1, "phone");
        records.extend(awkward_records(now));
        let store = diary_of(&records);
        let mut streamed = Vec::new();
        let n = write_export(&store, now, &mut streamed).unwrap();
        assert_eq!(n as usize, records.len());
        let decoded = decoded_export(&store, now);
        assert!(
            streamed == decoded,
            "first difference at byte {}",
            streamed
                .iter()
                .zip(&decoded)
                .position(|(a, b)| a != b)
                .unwrap_or(streamed.len().min(decoded.len()))
        );
        // And it reads back as the same records.
        let back = read_export(&streamed, now).unwrap();
        assert_eq!(back.records.len(), records.len());
    }

    /// The import's writing and the export's reading agree: a diary built from an export writes
    /// the export's records again byte for byte (the header's device id differs by diary).
    #[test]
    fn an_export_merged_into_an_empty_diary_exports_the_same_records() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut records = crate::demo::history(now.date_naive(), 2, "phone");
        records.extend(awkward_records(now));
        let mut first = Vec::new();
        write_export(&diary_of(&records), now, &mut first).unwrap();
        let file = read_export(&first, now).unwrap();
        let mut second = Vec::new();
        write_export(&diary_of(&file.records), now, &mut second).unwrap();
        let body = |x: &[u8]| {
            let at = x.windows(11).position(|w| w == b"\"records\":[").unwrap();
            x[at..].to_vec()
        };
        assert!(body(&first) == body(&second));
        assert!(first.len() > 1_000_000 && first.starts_with(b"{\"device_id\":"));
    }

    #[test]
    fn a_damaged_stored_column_fails_the_export_instead_of_writing_bad_json() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let records = awkward_records(now);
        let store = diary_of(&records);
        store
            .conn()
            .execute(
                "UPDATE events SET kind = '{\"type\":' WHERE deleted = 0",
                [],
            )
            .unwrap();
        let err = write_export(&store, now, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("event kind"), "{err}");
    }

    /// The export remembers JSON values it has checked; a damaged value among thousands of good
    /// ones that look like it is still caught.
    #[test]
    fn a_damaged_column_among_many_checked_ones_still_fails_the_export() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let records = crate::demo::history(now.date_naive(), 1, "phone");
        store
            .write(|tx| crate::exchange::merge::merge_records(tx, &records))
            .unwrap();
        assert!(write_export(&store, now, &mut std::io::sink()).is_ok());
        let changed = store
            .conn()
            .execute(
                "UPDATE events SET kind = substr(kind, 1, length(kind) - 1)
                 WHERE rowid = (SELECT rowid FROM events ORDER BY rowid LIMIT 1 OFFSET 1000)",
                [],
            )
            .unwrap();
        assert_eq!(changed, 1);
        let err = write_export(&store, now, &mut std::io::sink()).unwrap_err();
        assert!(err.to_string().contains("event kind"), "{err}");
    }

    /// The word-at-a-time shape check against the plain definition, for every byte value at
    /// every position of a valid instant, and for other lengths.
    #[test]
    fn the_instant_shape_check_agrees_with_its_definition() {
        let plain = |s: &[u8]| {
            s.len() == 24
                && s.iter().enumerate().all(|(i, &b)| match i {
                    4 | 7 => b == b'-',
                    10 => b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'.',
                    23 => b == b'Z',
                    _ => b.is_ascii_digit(),
                })
        };
        let valid = *b"2026-11-21T09:10:59.123Z";
        assert!(raw::is_stored_instant(&valid));
        for i in 0..24 {
            for b in 0..=255u8 {
                let mut s = valid;
                s[i] = b;
                assert_eq!(raw::is_stored_instant(&s), plain(&s), "{:?}", s);
            }
        }
        for s in [
            &b""[..],
            b"2026-11-21T09:10:59.123",
            b"2026-11-21T09:10:59.123ZZ",
        ] {
            assert!(!raw::is_stored_instant(s));
        }
    }

    proptest::proptest! {
        /// Strings are spelled exactly as serde_json spells them, escapes or not.
        #[test]
        fn strings_are_spelled_as_serde_spells_them(
            s in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f]|é|🦵){0,80}",
        ) {
            let mut ours = Vec::new();
            raw::string(&mut ours, &s).unwrap();
            proptest::prop_assert_eq!(ours, serde_json::to_vec(&s).unwrap());
            let plain = s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            proptest::prop_assert_eq!(raw::needs_escape(s.as_bytes()), plain);
        }
    }

    #[test]
    fn every_stored_onset_is_spelled_as_serde_spells_a_time() {
        for h in 0..24 {
            for m in 0..60 {
                let stored = format!("{h:02}:{m:02}");
                let mut ours = Vec::new();
                raw::clock(&mut ours, Some(&stored)).unwrap();
                let t = NaiveTime::from_hms_opt(h, m, 0).unwrap();
                assert_eq!(ours, serde_json::to_vec(&t).unwrap(), "{stored}");
            }
        }
        for bad in ["24:00", "23:60", "2x:00", "noon"] {
            assert!(raw::clock(&mut Vec::new(), Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn stored_instants_in_another_spelling_are_respelled_and_broken_ones_refused() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let records = awkward_records(now);
        let store = diary_of(&records);
        let set_at = |at: &str| {
            store
                .conn()
                .execute("UPDATE events SET at = ?1", [at])
                .unwrap()
        };
        set_at("2026-11-21T10:10:00+01:00");
        let mut out = Vec::new();
        write_export(&store, now, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\"at\":\"2026-11-21T09:10:00.000Z\""),
            "{text}"
        );
        // The stored shape, but not digits where digits go.
        set_at("2026-11-21T09:1\":00.000Z");
        let err = write_export(&store, now, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("stored instant"), "{err}");
    }

    #[test]
    fn a_file_that_does_not_decode_names_the_first_record_that_does_not() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let records = awkward_records(now);
        let store = diary_of(&records);
        let mut bytes = Vec::new();
        write_export(&store, now, &mut bytes).unwrap();
        assert!(read_export(&bytes, now).is_ok());
        let mut doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let rs = doc["records"].as_array_mut().unwrap();
        assert!(rs.len() >= 3);
        // The third record (in the file's order) gets a kind no version of the app knows.
        rs[2]["type"] = serde_json::Value::from("no_such_kind");
        let err = read_export(&serde_json::to_vec(&doc).unwrap(), now).unwrap_err();
        assert!(
            err.to_string()
                .contains("record 3, field type: a word this app does not know"),
            "{err}"
        );
        assert!(!err.to_string().contains("no_such_kind"), "{err}");
    }

    /// An export of `awkward_records` and a profile, as JSON to edit; the index in its records
    /// of the first record of each kind.
    fn editable_export(now: DateTime<Utc>) -> (serde_json::Value, impl Fn(&str) -> usize) {
        let mut records = awkward_records(now);
        records.push(Record::Profile {
            meta: RecordMeta::new(now, "phone"),
            profile: crate::model::Profile::default(),
        });
        let mut bytes = Vec::new();
        write_export(&diary_of(&records), now, &mut bytes).unwrap();
        assert!(read_export(&bytes, now).is_ok());
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let kinds: Vec<String> = doc["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["type"].as_str().unwrap().to_owned())
            .collect();
        (doc, move |kind: &str| {
            kinds.iter().position(|k| k == kind).unwrap()
        })
    }

    /// The refusal of `doc` without its opening words and, when `at` is set, its closing
    /// position in the file (` (line 1 column 1883)`), which must be there.
    fn refusal(doc: &serde_json::Value, now: DateTime<Utc>, at: bool) -> String {
        let Err(err) = read_export(&serde_json::to_vec(doc).unwrap(), now) else {
            panic!("read: {doc}");
        };
        let text = err.to_string();
        let said = text
            .strip_prefix("cannot import this file: ")
            .unwrap_or_else(|| panic!("{text}"));
        if !at {
            return said.to_owned();
        }
        let (said, place) = said
            .rsplit_once(" (line ")
            .unwrap_or_else(|| panic!("{text}"));
        let (line, column) = place
            .strip_suffix(')')
            .and_then(|p| p.split_once(" column "))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(
            line.parse::<u32>().is_ok() && column.parse::<u32>().is_ok(),
            "{text}"
        );
        said.to_owned()
    }

    /// Review of the import's errors: a value of the wrong type or form names its record, the
    /// record's kind and the field's path inside it, and never the value.
    #[test]
    fn a_value_of_the_wrong_type_or_form_names_the_field_inside_its_record() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let (good, first) = editable_export(now);
        let night = first("night");
        let event = first("event");
        let profile = first("profile");
        let n = |i: usize| i + 1;
        type Edit = Box<dyn Fn(&mut serde_json::Value)>;
        let cases: Vec<(Edit, String)> = vec![
            (
                Box::new(move |d| d["records"][night]["quick_severity"] = "7".into()),
                format!(
                    "record {} (night), field quick_severity: a value of the wrong type",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| d["records"][night]["onset"] = "25:00:00".into()),
                format!(
                    "record {} (night), field onset: content of the wrong form",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| d["records"][night]["meta"]["id"] = "SECRET-not-a-uuid".into()),
                format!("record {} (night), field meta.id: not a UUID", n(night)),
            ),
            (
                Box::new(move |d| d["records"][night]["triggers"][1] = "SECRETWORD".into()),
                format!(
                    "record {} (night), field triggers[1]: a word this app does not know",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| d["records"][night]["relief"][0]["effect"] = "SECRETWORD".into()),
                format!(
                    "record {} (night), field relief[0].effect: a word this app does not know",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| d["records"][night]["notes"] = serde_json::json!(["SECRET"])),
                format!(
                    "record {} (night), field notes: a value of the wrong type",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| {
                    d["records"][night]["meta"]
                        .as_object_mut()
                        .unwrap()
                        .remove("device_id");
                }),
                format!(
                    "record {} (night), in meta: the field \"device_id\" is missing",
                    n(night)
                ),
            ),
            (
                Box::new(move |d| {
                    d["records"][profile]["profile"]["changed"] = serde_json::json!({
                        "sex": {"at": "2026-11-20T10:00:00.000Z", "device": "a", "SECRET": 1},
                    });
                }),
                format!(
                    "record {} (profile), in profile.changed.sex: a field this app does not know",
                    n(profile)
                ),
            ),
            // The date readers' own wording, which names the field, is kept.
            (
                Box::new(move |d| d["records"][night]["night_date"] = "2026-02-30".into()),
                format!(
                    "record {} (night): field `night_date`: not a day of the calendar \
                     (expected a date as YYYY-MM-DD)",
                    n(night)
                ),
            ),
            // An event's kind is tagged by its own `type` too: a problem inside it is named
            // as the kind.
            (
                Box::new(move |d| d["records"][event]["kind"]["minutes"] = "SECRET".into()),
                format!(
                    "record {} (event), field kind: a value of the wrong type",
                    n(event)
                ),
            ),
            (
                Box::new(move |d| d["records"][event]["warnings"][1] = 7.into()),
                format!(
                    "record {} (event), field warnings[1]: a value of the wrong type",
                    n(event)
                ),
            ),
            (
                Box::new(move |d| d["records"][event]["type"] = "SECRETKIND".into()),
                format!(
                    "record {}, field type: a word this app does not know",
                    n(event)
                ),
            ),
            (
                Box::new(move |d| d["records"][profile]["profile"]["pregnant"] = "yes".into()),
                format!(
                    "record {} (profile), field profile.pregnant: a value of the wrong type",
                    n(profile)
                ),
            ),
            // A map's key could be the file's content: only a schema name is shown.
            (
                Box::new(move |d| {
                    d["records"][profile]["profile"]["changed"] = serde_json::json!({
                        "routine.warm_bath": {"at": "2026-11-20T10:00:00.000Z", "device": 1},
                        "SECRET word é": {"at": "2026-11-20T10:00:00.000Z", "device": 2},
                    });
                }),
                format!(
                    "record {} (profile), field profile.changed.…\
                     .device: a value of the wrong type",
                    n(profile)
                ),
            ),
            // The document's own fields are named too.
            (
                Box::new(|d| d["device_id"] = 5.into()),
                "field device_id: a value of the wrong type".to_owned(),
            ),
            (
                Box::new(|d| d["SECRET field"] = 5.into()),
                "a field this app does not know".to_owned(),
            ),
        ];
        for (edit, want) in cases {
            let mut doc = good.clone();
            edit(&mut doc);
            assert_ne!(doc, good, "{want}: the file was not changed");
            let said = refusal(&doc, now, true);
            assert_eq!(said, want);
            for secret in ["SECRET", "25:00", "02-30", "yes"] {
                assert!(!said.contains(secret), "{said}");
            }
        }
    }

    /// Every kind of record is read again as its own type on the error path: a broken id in
    /// the first record of each kind is named with the record's kind.
    #[test]
    fn every_kind_of_record_names_its_fields() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut records = crate::demo::history(now.date_naive(), 1, "phone");
        records.push(Record::Profile {
            meta: RecordMeta::new(now, "phone"),
            profile: crate::model::Profile::default(),
        });
        let mut bytes = Vec::new();
        write_export(&diary_of(&records), now, &mut bytes).unwrap();
        let good: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in good["records"].as_array().unwrap().iter().enumerate() {
            let kind = r["type"].as_str().unwrap().to_owned();
            if !seen.insert(kind.clone()) {
                continue;
            }
            let mut doc = good.clone();
            doc["records"][i]["meta"]["id"] = "x".into();
            assert_eq!(
                refusal(&doc, now, true),
                format!("record {} ({kind}), field meta.id: not a UUID", i + 1)
            );
        }
        let all = ["event", "habit", "lab", "night", "profile", "regimen"];
        assert!(seen.iter().eq(all.iter()), "{seen:?}");
    }

    /// A version that is text, 0, missing or of another type is refused in plain words, never
    /// in Rust's debug text of the value.
    #[test]
    fn an_unreadable_version_is_refused_in_plain_words() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let (good, _) = editable_export(now);
        let cases = [
            (
                serde_json::json!("1"),
                "export version \"1\" is not a number (this app reads version 1)",
            ),
            (
                serde_json::json!(0),
                "export version 0 is not one this app reads (it reads version 1)",
            ),
            (
                serde_json::json!(-1),
                "export version -1 is not one this app reads (it reads version 1)",
            ),
            (
                serde_json::json!(1.5),
                "export version 1.5 is not one this app reads (it reads version 1)",
            ),
            (
                serde_json::Value::Null,
                "the \"version\" field is missing (this app reads version 1)",
            ),
            (
                serde_json::json!(true),
                "the \"version\" field is not a number (this app reads version 1)",
            ),
            (
                serde_json::json!("one \u{1b}[31m SECRET"),
                "the \"version\" field is not a number (this app reads version 1)",
            ),
            (
                serde_json::json!(2),
                "export version 2 is newer than this app understands (1); update QuietLegs",
            ),
        ];
        for (version, want) in cases {
            let mut doc = good.clone();
            doc["version"] = version;
            assert_eq!(refusal(&doc, now, false), want);
        }
        let mut doc = good.clone();
        doc.as_object_mut().unwrap().remove("version");
        assert_eq!(
            refusal(&doc, now, false),
            "the \"version\" field is missing (this app reads version 1)"
        );
    }
}
