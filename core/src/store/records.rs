//! Rows to records and back. `put_*` is an upsert by id so that the sync merge can reuse it; it
//! takes a transaction, so that no write happens outside one (all or nothing).

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;

use super::Store;
use crate::error::{Error, Result};
use crate::model::profile_merge::{fold, Folded};
use crate::model::{
    enums::name_of, Analyte, Event, Habit, IntakeKind, IrlsScores, Lab, LabValue, Night, Profile,
    RecordMeta, RegimenItem, RegimenKind,
};

/// The record tables, for operations common to all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Profile,
    Nights,
    Events,
    Labs,
    Regimen,
    Habits,
}

impl Table {
    pub const ALL: [Table; 6] = [
        Table::Profile,
        Table::Nights,
        Table::Events,
        Table::Labs,
        Table::Regimen,
        Table::Habits,
    ];

    /// This table's cell of a per-table array, in [`Table::ALL`] order (statement caches).
    pub fn slot<T>(self, cells: &[T; 6]) -> &T {
        let [profile, nights, events, labs, regimen, habits] = cells;
        match self {
            Table::Profile => profile,
            Table::Nights => nights,
            Table::Events => events,
            Table::Labs => labs,
            Table::Regimen => regimen,
            Table::Habits => habits,
        }
    }

    /// What makes a record of this table one thing by nature (SPEC §4), as an SQL expression
    /// over its columns: one night per night date, one profile (which is read differently: every
    /// device's profile record folded field by field, [`profile`]). `None`: records are told apart
    /// by id alone (two doses at the same minute are two doses).
    ///
    /// Several rows may share a key (each device made its own before they synced); the
    /// current one is the newest by `modified_at`, then device id, then tombstone, then id
    /// ([`current_sql`]), so every device that holds the same rows shows the same one, whatever
    /// the order they arrived in. The others stay stored and exported, unchanged, as the
    /// key's history: nothing a person typed is lost, and the merge stays a per-id union
    /// (commutative, associative, idempotent). A table added later (a weekly IRLS, one per
    /// week) names its key here and reads through [`current_sql`].
    pub fn natural_key(self) -> Option<&'static str> {
        match self {
            Table::Profile => Some("'profile'"),
            Table::Nights => Some("night_date"),
            Table::Events | Table::Labs | Table::Regimen | Table::Habits => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Profile => "profile",
            Table::Nights => "nights",
            Table::Events => "events",
            Table::Labs => "labs",
            Table::Regimen => "regimen",
            Table::Habits => "habits",
        }
    }
}

/// An SQL condition on a row of `table` named `alias`: it is the current row of its natural
/// key (no row with the same key is newer by `modified_at`, device id, tombstone, id). Always
/// true for a table without a natural key. The current row may be a tombstone: then the key has
/// no live record (a deleted night stays deleted whatever older copies arrive later).
pub fn current_sql(table: Table, alias: &str) -> String {
    let Some(key) = table.natural_key() else {
        return "1".to_owned();
    };
    let on = |a: &str| {
        if key.starts_with('\'') {
            key.to_owned()
        } else {
            format!("{a}.{key}")
        }
    };
    format!(
        "NOT EXISTS (SELECT 1 FROM {table} newer WHERE {newer_key} = {row_key}
           AND (newer.modified_at, newer.device_id, newer.deleted, newer.id)
             > ({alias}.modified_at, {alias}.device_id, {alias}.deleted, {alias}.id))",
        table = table.name(),
        newer_key = on("newer"),
        row_key = on(alias),
    )
}

/// The stored form of an instant, `YYYY-MM-DDTHH:MM:SS.mmmZ` (text order is time order).
pub fn ts(t: &DateTime<Utc>) -> String {
    crate::model::time::instant_text(t)
}

/// A stored instant: our own form `YYYY-MM-DDTHH:MM:SS.mmmZ` or any RFC 3339 instant an older
/// version or an import stored, read by chrono.
fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| conversion(format!("timestamp {s:?}: {e}")))
}

fn conversion(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    Ok(serde_json::to_string(v)?)
}

pub(crate) fn from_json<T: DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| conversion(format!("{s:?}: {e}")))
}

fn word<T: DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| conversion(format!("{s:?}: {e}")))
}

fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    // Every stored date is `YYYY-MM-DD`: chrono's `FromStr` reads that fixed form without
    // interpreting a format string on every row, as `parse_from_str` does (docs/PERFORMANCE.md,
    // status); anything else is refused with the same message as before.
    match crate::model::time::plain_date(s) {
        Some(d) => Ok(d),
        None => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|e| conversion(format!("date {s:?}: {e}"))),
    }
}

fn clock(s: &str) -> rusqlite::Result<NaiveTime> {
    // Every stored clock time is `HH:MM`, which chrono's `FromStr` reads (seconds optional).
    s.parse::<NaiveTime>()
        .map_err(|e| conversion(format!("time {s:?}: {e}")))
}

/// A text column, borrowed from the row: decoded in place instead of copied first.
fn text_at<'r>(row: &'r Row<'_>, at: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(at)?.as_str()?)
}

/// The five sync columns, read from the end of the row starting at `at`.
pub(crate) fn meta_at(row: &Row<'_>, at: usize) -> rusqlite::Result<RecordMeta> {
    let id = text_at(row, at)?;
    Ok(RecordMeta {
        id: Uuid::parse_str(id).map_err(|e| conversion(format!("id {id:?}: {e}")))?,
        created_at: parse_ts(text_at(row, at + 1)?)?,
        modified_at: parse_ts(text_at(row, at + 2)?)?,
        deleted: row.get(at + 3)?,
        device_id: row.get(at + 4)?,
    })
}

pub(crate) const META_COLS: &str = "id, created_at, modified_at, deleted, device_id";

// ---- writing: one encoder per table, shared by the upsert and the merge's tie check ---------

/// A column value for an upsert or a comparison: borrowed from the record where it can be.
type Col<'a> = ToSqlOutput<'a>;

fn text<'a>(s: String) -> Col<'a> {
    ToSqlOutput::Owned(Value::Text(s))
}

fn borrowed(s: &str) -> Col<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

fn opt_text<'a>(s: Option<String>) -> Col<'a> {
    ToSqlOutput::Owned(s.map_or(Value::Null, Value::Text))
}

fn opt_borrowed(s: Option<&str>) -> Col<'_> {
    s.map_or(ToSqlOutput::Owned(Value::Null), borrowed)
}

fn opt_int<'a>(v: Option<i64>) -> Col<'a> {
    ToSqlOutput::Owned(v.map_or(Value::Null, Value::Integer))
}

fn int<'a>(v: i64) -> Col<'a> {
    ToSqlOutput::Owned(Value::Integer(v))
}

fn real<'a>(v: Option<f64>) -> Col<'a> {
    ToSqlOutput::Owned(v.map_or(Value::Null, Value::Real))
}

/// The value a column holds, for comparing with what is stored.
fn value_of<'a>(c: &'a Col<'_>) -> Option<ValueRef<'a>> {
    match c {
        ToSqlOutput::Borrowed(v) => Some(*v),
        ToSqlOutput::Owned(v) => Some(ValueRef::from(v)),
        _ => None,
    }
}

/// Upserts any record (a merge writing what is new or newer): the same upsert as `put_*`,
/// through the connection's statement cache.
pub fn put_record(c: &Transaction<'_>, r: &crate::model::Record) -> Result<()> {
    let (table, cols, values) = columns_of(r)?;
    put_columns(c, table, cols, values, r.meta())
}

/// Runs an upsert statement with a record's content columns, then its sync columns.
fn upsert(st: &mut rusqlite::Statement<'_>, values: Vec<Col<'_>>, m: &RecordMeta) -> Result<()> {
    let mut id = Uuid::encode_buffer();
    let id: &str = m.id.hyphenated().encode_lower(&mut id);
    let sync = sync_columns(id, m);
    st.execute(rusqlite::params_from_iter(values.iter().chain(sync.iter())))?;
    Ok(())
}

/// The five sync columns, in `META_COLS` order.
fn sync_columns<'a>(id: &'a str, m: &'a RecordMeta) -> [Col<'a>; 5] {
    [
        borrowed(id),
        text(ts(&m.created_at)),
        text(ts(&m.modified_at)),
        int(i64::from(m.deleted)),
        borrowed(&m.device_id),
    ]
}

/// Upserts a record by id: its content columns (`cols`, in order), then the sync columns.
fn put_columns(
    c: &Connection,
    table: Table,
    cols: &str,
    values: Vec<Col<'_>>,
    m: &RecordMeta,
) -> Result<()> {
    let mut st = c.prepare_cached(insert_sql(table, cols, values.len()))?;
    upsert(&mut st, values, m)
}

/// One SQL text per table, built on first use: statements an import runs per record.
struct PerTable([OnceLock<String>; 6]);

impl PerTable {
    const fn new() -> Self {
        PerTable([const { OnceLock::new() }; 6])
    }

    fn get(&'static self, table: Table, build: impl FnOnce() -> String) -> &'static str {
        table.slot(&self.0).get_or_init(build)
    }
}

/// The upsert statement of each table.
fn insert_sql(table: Table, cols: &str, content_columns: usize) -> &'static str {
    static SQL: PerTable = PerTable::new();
    SQL.get(table, || {
        let marks: Vec<String> = (1..=content_columns + 5).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT OR REPLACE INTO {} ({cols}, {META_COLS}) VALUES ({})",
            table.name(),
            marks.join(", ")
        )
    })
}

/// One stored row by id: the content columns, then the sync columns.
pub(crate) fn row_by_id_sql(table: Table, cols: &str) -> &'static str {
    static SQL: PerTable = PerTable::new();
    SQL.get(table, || {
        format!(
            "SELECT {cols}, {META_COLS} FROM {} WHERE id = ?1",
            table.name()
        )
    })
}

/// A record's table, content columns (names and values, in order) as stored.
pub(crate) fn columns_of(r: &crate::model::Record) -> Result<(Table, &'static str, Vec<Col<'_>>)> {
    use crate::model::Record;
    Ok(match r {
        Record::Profile { profile, .. } => (Table::Profile, "doc", profile_columns(profile)?),
        Record::Night(n) => (Table::Nights, NIGHT_COLS, night_columns(n)?),
        Record::Event(e) => (Table::Events, EVENT_COLS, event_columns(e)?),
        Record::Lab(l) => (Table::Labs, LAB_COLS, lab_columns(l)),
        Record::Regimen(x) => (Table::Regimen, REGIMEN_COLS, regimen_columns(x)?),
        Record::Habit(h) => (Table::Habits, HABIT_COLS, habit_columns(h)),
    })
}

/// The upsert statement and every column value the store writes for a record, owned: the
/// benchmark's "same rows, plain inserts" baseline replays exactly these.
#[doc(hidden)]
pub fn upsert_of(r: &crate::model::Record) -> Result<(&'static str, Vec<Value>)> {
    let (table, cols, values) = columns_of(r)?;
    let m = r.meta();
    let id = m.id.to_string();
    let owned = values
        .iter()
        .chain(sync_columns(&id, m).iter())
        .filter_map(value_of)
        .map(|v| match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
        .collect();
    Ok((insert_sql(table, cols, values.len()), owned))
}

/// Whether a row read as `{content columns}, {META_COLS}` holds exactly this record's content
/// and `created_at`.
pub(crate) fn row_holds(row: &Row<'_>, r: &crate::model::Record) -> Result<bool> {
    let (_, _, values) = columns_of(r)?;
    for (i, v) in values.iter().enumerate() {
        if Some(row.get_ref(i)?) != value_of(v) {
            return Ok(false);
        }
    }
    let created = row.get_ref(values.len() + 1)?;
    Ok(created == ValueRef::Text(ts(&r.meta().created_at).as_bytes()))
}

// ---- profile -------------------------------------------------------------------------------

pub fn put_profile(c: &Transaction<'_>, meta: &RecordMeta, p: &Profile) -> Result<()> {
    put_columns(c, Table::Profile, "doc", profile_columns(p)?, meta)
}

fn profile_columns(p: &Profile) -> Result<Vec<Col<'_>>> {
    Ok(vec![text(json(p)?)])
}

/// The one profile: every live profile record any device wrote, folded field by field
/// (`model/profile_merge.rs`). `None` when no device saved one. Tombstones take no part.
pub fn profile(c: &Connection) -> Result<Option<Folded>> {
    fold(&profile_versions(c)?)
}

/// Every live profile record, in no particular order (the fold does not depend on it).
pub fn profile_versions(c: &Connection) -> Result<Vec<(RecordMeta, Profile)>> {
    let sql = format!("SELECT doc, {META_COLS} FROM profile WHERE deleted = 0");
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            meta_at(r, 1)?,
            from_json::<Profile>(&r.get::<_, String>(0)?)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The sync fields of the profile record with this id, tombstone or not.
pub fn profile_meta(c: &Connection, id: &Uuid) -> Result<Option<RecordMeta>> {
    let sql = format!("SELECT {META_COLS} FROM profile WHERE id = ?1");
    Ok(c.query_row(&sql, [id.to_string()], |r| meta_at(r, 0))
        .optional()?)
}

// ---- nights --------------------------------------------------------------------------------

pub(crate) const NIGHT_COLS: &str =
    "night_date, quick_severity, irls_items, onset, body_areas, sleep_hours,
    awakenings, triggers, relief, notes, changed";

pub fn put_night(c: &Transaction<'_>, n: &Night) -> Result<()> {
    put_columns(c, Table::Nights, NIGHT_COLS, night_columns(n)?, &n.meta)
}

/// The night's columns in `NIGHT_COLS` order.
fn night_columns(n: &Night) -> Result<Vec<Col<'_>>> {
    Ok(vec![
        text(n.night_date.to_string()),
        opt_int(n.quick_severity.map(i64::from)),
        opt_text(n.irls.map(|s| json(s.items())).transpose()?),
        opt_text(n.onset.map(crate::model::time::format_clock_time)),
        text(json(&n.body_areas)?),
        real(n.sleep_hours),
        opt_int(n.awakenings.map(i64::from)),
        text(json(&n.triggers)?),
        text(json(&n.relief)?),
        opt_borrowed(n.notes.as_deref()),
        opt_text(n.changed.as_ref().map(json).transpose()?),
    ])
}

pub(crate) fn night_row(r: &Row<'_>) -> rusqlite::Result<Night> {
    let irls = r.get_ref(2)?.as_str_or_null()?;
    let irls = match irls {
        Some(s) => {
            let items: Vec<u8> = from_json(s)?;
            Some(IrlsScores::new(&items).map_err(|e| conversion(e.to_string()))?)
        }
        None => None,
    };
    Ok(Night {
        night_date: date(text_at(r, 0)?)?,
        quick_severity: r.get(1)?,
        irls,
        onset: r.get_ref(3)?.as_str_or_null()?.map(clock).transpose()?,
        body_areas: from_json(text_at(r, 4)?)?,
        sleep_hours: r.get(5)?,
        awakenings: r.get(6)?,
        triggers: from_json(text_at(r, 7)?)?,
        relief: from_json(text_at(r, 8)?)?,
        notes: r.get(9)?,
        changed: r
            .get_ref(10)?
            .as_str_or_null()?
            .map(from_json)
            .transpose()?,
        meta: meta_at(r, 11)?,
    })
}

/// Live nights from `from` to `to` inclusive, oldest first: one per night date, the current
/// one of that date ([`Table::natural_key`]).
pub fn nights(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Night>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {NIGHT_COLS}, {META_COLS} FROM nights n
         WHERE deleted = 0 AND night_date BETWEEN ?1 AND ?2 AND {}
         ORDER BY night_date",
        current_sql(Table::Nights, "n")
    ))?;
    let rows = st.query_map([from.to_string(), to.to_string()], night_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every live night entry from `from` to `to` inclusive, as the person logged them, oldest date
/// first: where devices each logged the same date before they synced, all of that date's live
/// entries, the current one (the one [`nights`] gives the analyses) first, each with whether it
/// is the current one. A date whose current row is a tombstone (its newest entry was deleted)
/// lists its older live entries, none of them current. For what the person sees (`nights`);
/// charts, the report, exports and rules read [`nights`].
pub fn nights_as_logged(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Night, bool)>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {NIGHT_COLS}, {META_COLS}, ({current}) AS current FROM nights n
         WHERE deleted = 0 AND night_date BETWEEN ?1 AND ?2
         ORDER BY night_date, current DESC, modified_at DESC, device_id DESC, id DESC",
        current = current_sql(Table::Nights, "n")
    ))?;
    let rows = st.query_map([from.to_string(), to.to_string()], |r| {
        Ok((night_row(r)?, r.get::<_, bool>(16)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The night dates among `dates` that hold more than one live entry (devices each logged the
/// night before they synced; see [`nights_as_logged`]), oldest first.
pub fn night_dates_logged_twice(c: &Connection, dates: &[NaiveDate]) -> Result<Vec<NaiveDate>> {
    if dates.is_empty() {
        return Ok(Vec::new());
    }
    let mut st = c.prepare_cached(
        "SELECT night_date FROM nights WHERE deleted = 0
         GROUP BY night_date HAVING COUNT(*) > 1 ORDER BY night_date",
    )?;
    let rows = st.query_map([], |r| date(&r.get::<_, String>(0)?))?;
    let mut out = Vec::new();
    for d in rows {
        let d = d?;
        if dates.binary_search(&d).is_ok() {
            out.push(d);
        }
    }
    Ok(out)
}

/// The live night logged for `date`, if any.
pub fn night_on(c: &Connection, date: NaiveDate) -> Result<Option<Night>> {
    Ok(nights(c, date, date)?.pop())
}

// ---- events --------------------------------------------------------------------------------

pub fn put_event(c: &Transaction<'_>, e: &Event) -> Result<()> {
    put_columns(c, Table::Events, EVENT_COLS, event_columns(e)?, &e.meta)
}

/// The event's columns in `EVENT_COLS` order.
fn event_columns(e: &Event) -> Result<Vec<Col<'_>>> {
    Ok(vec![
        text(ts(&e.at)),
        text(json(&e.kind)?),
        opt_borrowed(e.note.as_deref()),
        text(json(&e.warnings)?),
    ])
}

pub(crate) const EVENT_COLS: &str = "at, kind, note, warnings";

pub(crate) fn event_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        at: parse_ts(text_at(r, 0)?)?,
        kind: from_json(text_at(r, 1)?)?,
        note: r.get(2)?,
        warnings: from_json(text_at(r, 3)?)?,
        meta: meta_at(r, 4)?,
    })
}

/// Live events with `from <= at < to`, earliest first.
pub fn events(c: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Event>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {EVENT_COLS}, {META_COLS} FROM events
         WHERE deleted = 0 AND at >= ?1 AND at < ?2 ORDER BY at"
    ))?;
    let rows = st.query_map([ts(&from), ts(&to)], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where the long-lived event kinds begin in text order: the `events_by_kind` index holds the
/// live events whose stored kind sorts here or later (migration 0006): `iv_iron` and
/// `weekly_irls`, not `activity`, `dose` or `intake`, which are written every day.
const LONG_LIVED_FROM: &str = r#"{"type":"iv_iron""#;

/// The `events_by_kind` index's own term (migration 0006, word for word). SQLite reads a
/// partial index only for a query whose WHERE states the index's terms, so every reader of the
/// index states it (and names the index with `INDEXED BY`, so a query that stops stating it
/// fails to prepare instead of quietly scanning). For a kind range at or after
/// [`LONG_LIVED_FROM`] it changes no answer. The unary `+` keeps it from being taken as the
/// bound of the index range: the reader's own range is the seek.
pub(super) const LONG_LIVED_KINDS: &str = r#"+kind >= '{"type":"iv_iron"'"#;

/// The `events_doses_by_time` index's own terms (migration 0006, word for word): dose events.
pub(super) const DOSE_KINDS: &str = r#"+kind >= '{"type":"dose"' AND +kind < '{"type":"dose"~'"#;

/// The whole rows of the live long-lived events whose stored kind is in `?1..?2`, through the
/// `events_by_kind` index: one text for every reader of such a range, so that a connection
/// prepares it once (docs/PERFORMANCE.md, cold start).
fn long_lived_rows_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "SELECT {EVENT_COLS}, {META_COLS} FROM events INDEXED BY events_by_kind
             WHERE deleted = 0 AND {LONG_LIVED_KINDS} AND kind >= ?1 AND kind < ?2"
        )
    })
}

/// Every live event of the given kinds (the `type` tag of its JSON kind: `iv_iron`,
/// `weekly_irls`), earliest first: the few long-lived events the iron status and the weekly
/// IRLS read whatever their age. The stored kind begins with its tag (`{"type":"iv_iron",...`),
/// so each long-lived kind is a prefix range on the `events_by_kind` index. Any other kind
/// (`dose`, for `Store::set_read_everything`) is read by scanning every event.
pub fn events_of_kinds(c: &Connection, kinds: &[&str]) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    for k in kinds {
        let lo = format!("{{\"type\":\"{k}\"");
        // '~' sorts after ',' and '}', the only characters that can follow the tag's value.
        let hi = format!("{lo}~");
        // Each statement is prepared only when a kind needs it: the scan is for the test hook
        // alone, and preparing it costs every cold start (docs/PERFORMANCE.md).
        let mut st = if lo.as_str() >= LONG_LIVED_FROM {
            c.prepare_cached(long_lived_rows_sql())?
        } else {
            c.prepare_cached(&format!(
                "SELECT {EVENT_COLS}, {META_COLS} FROM events
         WHERE deleted = 0 AND kind >= ?1 AND kind < ?2"
            ))?
        };
        let rows = st.query_map([lo, hi], event_row)?;
        for r in rows {
            out.push(r?);
        }
    }
    crate::model::sort_by_time(&mut out);
    Ok(out)
}

/// The stored kind text of a weekly IRLS rating up to the first character of its week-ending
/// date: serde writes the `type` tag, then `week_ending` (the model's field order).
const WEEKLY_IRLS_DATE_AT: &str = r#"{"type":"weekly_irls","week_ending":""#;

/// Live weekly IRLS ratings (events of kind `weekly_irls`) whose stored week-ending date is
/// `from` or later, plus every one whose stored week-ending text does not start with a digit
/// (whatever its date: such text cannot be placed by its spelling), earliest first.
///
/// The stored kind is serde's JSON with the tag first and `week_ending` next
/// (`{"type":"weekly_irls","week_ending":"2026-11-22",...`), and the diary's write and import
/// paths accept only a `YYYY-MM-DD` week-ending date (`model::validate::event`), so the text
/// order of the `events_by_kind` index is week-ending order: three index ranges, no full scan.
/// With `from` `None`, only the latter.
pub fn weekly_irls_from(c: &Connection, from: Option<NaiveDate>) -> Result<Vec<Event>> {
    let mut st = c.prepare_cached(long_lived_rows_sql())?;
    let tag = r#"{"type":"weekly_irls""#;
    let dated = from.map(|from| {
        // Dated text from `from` on: the first character after the quote is a digit.
        (
            format!("{WEEKLY_IRLS_DATE_AT}{from}"),
            format!("{WEEKLY_IRLS_DATE_AT}:"),
        )
    });
    let ranges = [
        // Anything else of the kind, before and after the digits.
        (tag.to_owned(), format!("{WEEKLY_IRLS_DATE_AT}0")),
        (format!("{WEEKLY_IRLS_DATE_AT}:"), format!("{tag}~")),
    ];
    let mut out = Vec::new();
    for (lo, hi) in dated.into_iter().chain(ranges) {
        for r in st.query_map([lo, hi], event_row)? {
            out.push(r?);
        }
    }
    crate::model::sort_by_time(&mut out);
    Ok(out)
}

/// A weekly IRLS rating as the `events_by_kind` index holds it: the fields of its stored kind
/// (`model::EventKind::WeeklyIrls`), without the row's answer time, note or sync columns.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct IndexedWeeklyIrls {
    /// The week-ending text as stored (`YYYY-MM-DD` from every writer and import).
    pub week_ending: String,
    /// The item scores as stored (ten of 0-4 when valid; not checked here).
    pub items: Vec<u8>,
}

/// A weekly rating read by [`weekly_irls_kinds`]: its week-ending date and ten item scores
/// when stored in the form every writer gives it, else its fields as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexedRating {
    /// A `YYYY-MM-DD` week-ending date and ten item scores of one digit each (not checked
    /// against the 0-4 range here).
    Plain(NaiveDate, [u8; 10]),
    /// Any other stored text, decoded from JSON.
    Other(IndexedWeeklyIrls),
}

/// The stored kind of a weekly IRLS rating as serde writes it (`model::EventKind::WeeklyIrls`:
/// tag, week-ending date, items): `{"type":"weekly_irls","week_ending":"2026-11-22",
/// "items":[1,2,3,4,0,1,2,3,4,0]}` without spaces. `None` for any other text, which the caller
/// decodes as JSON. Every rating a writer or an import stores has this form, so the status
/// reads ~1,560 ratings at 30 years without decoding their JSON (docs/PERFORMANCE.md).
fn plain_rating(kind: &str) -> Option<(NaiveDate, [u8; 10])> {
    let rest = kind.strip_prefix(WEEKLY_IRLS_DATE_AT)?;
    let (date, rest) = (rest.get(..10)?, rest.get(10..)?);
    let items = rest.strip_prefix(r#"","items":["#)?.strip_suffix("]}")?;
    let b = items.as_bytes();
    // Ten single digits with a comma between each two.
    if b.len() != 19
        || b.iter().enumerate().any(|(i, c)| {
            if i % 2 == 0 {
                !c.is_ascii_digit()
            } else {
                *c != b','
            }
        })
    {
        return None;
    }
    let mut scores = [0u8; 10];
    for (s, c) in scores.iter_mut().zip(b.iter().step_by(2)) {
        *s = c - b'0';
    }
    Some((crate::model::time::plain_date(date)?, scores))
}

/// Every live weekly IRLS rating's week-ending date and item scores, in stored-text order,
/// read from the `events_by_kind` index alone: no table row is visited, so neither the answer
/// time nor the note and sync columns are read. The index holds the whole kind, so this reads
/// the index's few contiguous pages however the ratings lie in the file. Errors: a stored kind
/// in another form that is not the JSON of a weekly rating (a damaged diary), as reading the
/// rows would give.
pub fn weekly_irls_kinds(c: &Connection) -> Result<Vec<IndexedRating>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT kind FROM events INDEXED BY events_by_kind
         WHERE deleted = 0 AND {LONG_LIVED_KINDS} AND kind >= ?1 AND kind < ?2"
    ))?;
    let tag = r#"{"type":"weekly_irls""#;
    let rows = st.query_map([tag.to_owned(), format!("{tag}~")], |r| {
        let kind = r.get_ref(0)?.as_str()?;
        match plain_rating(kind) {
            Some((week, items)) => Ok(IndexedRating::Plain(week, items)),
            // Decoded as a plain struct (serde skips the `type` tag): the enum's tagged
            // decoding buffers every field first.
            None => Ok(IndexedRating::Other(from_json(kind)?)),
        }
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live weekly IRLS ratings (whole rows) whose stored week-ending text is a `YYYY-MM-DD` date
/// from `from` to `to`, both included, earliest first: one range of the `events_by_kind`
/// index (see [`weekly_irls_from`] for why text order is date order).
pub fn weekly_irls_between(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Event>> {
    let mut st = c.prepare_cached(long_lived_rows_sql())?;
    // '~' sorts after the quote that ends the date text.
    let range = [
        format!("{WEEKLY_IRLS_DATE_AT}{from}"),
        format!("{WEEKLY_IRLS_DATE_AT}{to}~"),
    ];
    let rows = st.query_map(range, event_row)?;
    let mut out: Vec<Event> = rows.collect::<rusqlite::Result<_>>()?;
    crate::model::sort_by_time(&mut out);
    Ok(out)
}

/// The latest stored week-ending text (its first 10 characters, `YYYY-MM-DD`) of a live weekly
/// IRLS rating whose date starts with a digit and sorts before `before` (any, when `None`).
/// Reads the `events_by_kind` index alone, one entry.
pub fn weekly_irls_week_before(
    c: &Connection,
    before: Option<NaiveDate>,
) -> Result<Option<String>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT substr(kind, ?3, 10) FROM events INDEXED BY events_by_kind
         WHERE deleted = 0 AND {LONG_LIVED_KINDS} AND kind >= ?1 AND kind < ?2
         ORDER BY kind DESC LIMIT 1"
    ))?;
    let hi = before.map_or_else(
        || format!("{WEEKLY_IRLS_DATE_AT}:"),
        |d| format!("{WEEKLY_IRLS_DATE_AT}{d}"),
    );
    let at = i64::try_from(WEEKLY_IRLS_DATE_AT.len() + 1).unwrap_or(i64::MAX);
    Ok(st
        .query_row(params![format!("{WEEKLY_IRLS_DATE_AT}0"), hi, at], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The live doses of one regimen item (`regimen_id` as the dose events store it) with
/// `from <= at < to`, earliest first: what the oral-iron verdict counts, one range of the
/// `events_doses_by_time` index (every item's doses in the range; no intake or other event).
pub fn doses_of(
    c: &Connection,
    regimen_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let kind = json(&crate::model::EventKind::Dose {
        regimen_id: regimen_id.to_owned(),
    })?;
    let mut st = c.prepare_cached(&format!(
        "SELECT {EVENT_COLS}, {META_COLS} FROM events INDEXED BY events_doses_by_time
         WHERE deleted = 0 AND {DOSE_KINDS} AND kind = ?1 AND at >= ?2 AND at < ?3 ORDER BY at"
    ))?;
    let rows = st.query_map([kind, ts(&from), ts(&to)], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every regimen item's live doses with `from <= at < to`, earliest first: one range of the
/// `events_doses_by_time` index, no other event read (the status's days around its date: its
/// rules read doses there, IV infusions and weekly ratings from their own reads, and no intake
/// or activity; docs/PERFORMANCE.md, status).
pub fn doses_between(c: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Event>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {EVENT_COLS}, {META_COLS} FROM events INDEXED BY events_doses_by_time
         WHERE deleted = 0 AND {DOSE_KINDS} AND at >= ?1 AND at < ?2 ORDER BY at"
    ))?;
    let rows = st.query_map([ts(&from), ts(&to)], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every live event, earliest first (exports).
pub fn all_events(c: &Connection) -> Result<Vec<Event>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {EVENT_COLS}, {META_COLS} FROM events WHERE deleted = 0 ORDER BY at"
    ))?;
    let rows = st.query_map([], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- labs ----------------------------------------------------------------------------------

pub fn put_lab(c: &Transaction<'_>, l: &Lab) -> Result<()> {
    put_columns(c, Table::Labs, LAB_COLS, lab_columns(l), &l.meta)
}

/// The lab's columns in `LAB_COLS` order.
fn lab_columns(l: &Lab) -> Vec<Col<'_>> {
    vec![
        text(name_of(&l.analyte)),
        real(Some(l.value.canonical)),
        real(Some(l.value.entered_value)),
        borrowed(&l.value.entered_unit),
        text(l.taken_on.to_string()),
    ]
}

pub(crate) const LAB_COLS: &str = "analyte, value, entered_value, entered_unit, taken_on";

pub(crate) fn lab_row(r: &Row<'_>) -> rusqlite::Result<Lab> {
    Ok(Lab {
        analyte: word(text_at(r, 0)?)?,
        value: LabValue {
            canonical: r.get(1)?,
            entered_value: r.get(2)?,
            entered_unit: r.get(3)?,
        },
        taken_on: date(text_at(r, 4)?)?,
        meta: meta_at(r, 5)?,
    })
}

/// Live labs, oldest first; all analytes when `analyte` is None.
pub fn labs(c: &Connection, analyte: Option<Analyte>) -> Result<Vec<Lab>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {LAB_COLS}, {META_COLS} FROM labs
         WHERE deleted = 0 AND (?1 IS NULL OR analyte = ?1) ORDER BY taken_on, created_at"
    ))?;
    let rows = st.query_map([analyte.map(|a| name_of(&a))], lab_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The most recent live result of each analyte in `analytes`, in that order; an analyte with no
/// live result is left out. The most recent is the latest `taken_on`, and of several results on
/// that date the latest `created_at` (then the greatest id, so that two results entered in the
/// same millisecond give one answer).
///
/// One statement, whatever the number of analytes: for each, the `labs_by_analyte` index gives
/// its latest date in one seek and that date's results in another; no result of an earlier date
/// is read and nothing is sorted (docs/PERFORMANCE.md, cold start).
pub fn latest_labs(c: &Connection, analytes: &[Analyte]) -> Result<Vec<Lab>> {
    if analytes.is_empty() {
        return Ok(Vec::new());
    }
    let asked: Vec<String> = (1..=analytes.len()).map(|i| format!("(?{i})")).collect();
    let mut st = c.prepare_cached(&format!(
        "WITH asked (name) AS (VALUES {})
         SELECT {LAB_COLS}, {META_COLS} FROM asked CROSS JOIN labs INDEXED BY labs_by_analyte
         WHERE deleted = 0 AND analyte = asked.name AND taken_on = (
             SELECT max(taken_on) FROM labs latest
             WHERE latest.deleted = 0 AND latest.analyte = asked.name)",
        asked.join(", ")
    ))?;
    let names: Vec<String> = analytes.iter().map(name_of).collect();
    let rows = st.query_map(rusqlite::params_from_iter(&names), lab_row)?;
    let mut latest: Vec<Option<Lab>> = analytes.iter().map(|_| None).collect();
    for lab in rows {
        let lab = lab?;
        let Some(slot) = analytes
            .iter()
            .position(|a| *a == lab.analyte)
            .and_then(|i| latest.get_mut(i))
        else {
            continue;
        };
        let newer = slot
            .as_ref()
            .is_none_or(|l| (lab.meta.created_at, lab.meta.id) > (l.meta.created_at, l.meta.id));
        if newer {
            *slot = Some(lab);
        }
    }
    Ok(latest.into_iter().flatten().collect())
}

// ---- regimen -------------------------------------------------------------------------------

pub fn put_regimen(c: &Transaction<'_>, x: &RegimenItem) -> Result<()> {
    put_columns(
        c,
        Table::Regimen,
        REGIMEN_COLS,
        regimen_columns(x)?,
        &x.meta,
    )
}

/// The regimen item's columns in `REGIMEN_COLS` order.
fn regimen_columns(x: &RegimenItem) -> Result<Vec<Col<'_>>> {
    let times: Vec<String> = x
        .times
        .iter()
        .map(|t| crate::model::time::format_clock_time(*t))
        .collect();
    Ok(vec![
        text(name_of(&x.kind)),
        borrowed(&x.name),
        real(x.dose_mg),
        text(json(&times)?),
        int(i64::from(x.every_n_days)),
        int(i64::from(x.with_vitamin_c)),
        text(x.start_date.to_string()),
        opt_text(x.stop_date.map(|d| d.to_string())),
        text(name_of(&x.start_source)),
    ])
}

pub(crate) const REGIMEN_COLS: &str =
    "kind, name, dose_mg, times, every_n_days, with_vitamin_c, start_date, stop_date, start_source";

/// Live regimen items, in the order they were added.
pub fn regimen(c: &Connection) -> Result<Vec<RegimenItem>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {REGIMEN_COLS}, {META_COLS} FROM regimen WHERE deleted = 0 ORDER BY created_at, id"
    ))?;
    let rows = st.query_map([], regimen_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn regimen_row(r: &Row<'_>) -> rusqlite::Result<RegimenItem> {
    let kind: RegimenKind = word(&r.get::<_, String>(0)?)?;
    let times: Vec<String> = from_json(&r.get::<_, String>(3)?)?;
    Ok(RegimenItem {
        kind,
        name: r.get(1)?,
        dose_mg: r.get(2)?,
        times: times
            .iter()
            .map(|t| clock(t))
            .collect::<rusqlite::Result<_>>()?,
        every_n_days: r.get(4)?,
        with_vitamin_c: r.get(5)?,
        start_date: date(&r.get::<_, String>(6)?)?,
        stop_date: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .map(date)
            .transpose()?,
        // NULL: stored before schema 5, when nobody was asked.
        start_source: r
            .get::<_, Option<String>>(8)?
            .as_deref()
            .map(word)
            .transpose()?
            .unwrap_or_default(),
        meta: meta_at(r, 9)?,
    })
}

// ---- habits --------------------------------------------------------------------------------

pub fn put_habit(c: &Transaction<'_>, h: &Habit) -> Result<()> {
    put_columns(c, Table::Habits, HABIT_COLS, habit_columns(h), &h.meta)
}

/// The habit's columns in `HABIT_COLS` order.
fn habit_columns(h: &Habit) -> Vec<Col<'_>> {
    vec![
        text(name_of(&h.intake)),
        text(crate::model::time::format_clock_time(h.at)),
    ]
}

pub(crate) const HABIT_COLS: &str = "intake, at";

pub(crate) fn habit_row(r: &Row<'_>) -> rusqlite::Result<Habit> {
    let intake: IntakeKind = word(&r.get::<_, String>(0)?)?;
    Ok(Habit {
        intake,
        at: clock(&r.get::<_, String>(1)?)?,
        meta: meta_at(r, 2)?,
    })
}

/// Live habits, by time of day.
pub fn habits(c: &Connection) -> Result<Vec<Habit>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {HABIT_COLS}, {META_COLS} FROM habits WHERE deleted = 0 ORDER BY at, id"
    ))?;
    let rows = st.query_map([], habit_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- common --------------------------------------------------------------------------------

/// Marks a live record deleted (a tombstone that travels to other devices). Errors when no live
/// record has that id.
pub fn tombstone(
    c: &Transaction<'_>,
    table: Table,
    id: &str,
    now: DateTime<Utc>,
    device: &str,
) -> Result<()> {
    let stored: Option<String> = c
        .query_row(
            &format!(
                "SELECT modified_at FROM {} WHERE id = ?1 AND deleted = 0",
                table.name()
            ),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(stored) = stored else {
        return Err(Error::NotFound {
            what: "record",
            id: id.to_owned(),
        });
    };
    // A deletion beats the version it replaces whatever the clocks say, as an edit does: stamped
    // at plain `now` on a device whose clock is behind, it lost to that version on every other
    // device (the night-merge sync property test found it).
    let at = crate::model::stamp_after(now, parse_ts(&stored)?);
    c.execute(
        &format!("UPDATE {} SET deleted = 1, modified_at = ?1, device_id = ?2 WHERE id = ?3 AND deleted = 0", table.name()),
        params![ts(&at), device, id],
    )?;
    Ok(())
}

/// Which table holds a live record with this id.
pub fn table_of(c: &Connection, id: &str) -> Result<Option<Table>> {
    for t in Table::ALL {
        let found: Option<i64> = c
            .query_row(
                &format!("SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0", t.name()),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_some() {
            return Ok(Some(t));
        }
    }
    Ok(None)
}

impl Store {
    /// Deletes a record of any kind by id (as a tombstone).
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        let device = self.device_id.clone();
        self.write(|tx| {
            let table = table_of(tx, id)?.ok_or_else(|| Error::NotFound {
                what: "record",
                id: id.to_owned(),
            })?;
            // A profile tombstone would spread by sync and wipe the settings (pregnancy, kidney
            // disease, augmentation answers) on every device: settings are changed, never deleted.
            if matches!(table, Table::Profile) {
                return Err(Error::invalid(
                    "id",
                    format!(
                        "{id} is a profile (settings) record, which cannot be deleted; change a setting with `profile set` instead"
                    ),
                ));
            }
            tombstone(tx, table, id, now, &device)
        })
    }
}

// ---- reminder state ------------------------------------------------------------------------

/// What was done with a reminder occurrence on this device.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderState {
    pub action: String,
    pub acted_at: DateTime<Utc>,
    pub snooze_until: Option<DateTime<Utc>>,
    /// The event a "done" logged (a dose, a bath), written in the same transaction.
    pub event_id: Option<String>,
}

pub fn put_reminder_state(
    c: &Transaction<'_>,
    occurrence_id: &str,
    s: &ReminderState,
) -> Result<()> {
    c.prepare_cached(
        "INSERT OR REPLACE INTO reminder_state
         (occurrence_id, action, acted_at, snooze_until, event_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        occurrence_id,
        s.action,
        ts(&s.acted_at),
        s.snooze_until.as_ref().map(ts),
        s.event_id,
    ])?;
    Ok(())
}

const REMINDER_COLS: &str = "action, acted_at, snooze_until, event_id";

fn reminder_row(r: &Row<'_>) -> rusqlite::Result<ReminderState> {
    Ok(ReminderState {
        action: r.get("action")?,
        acted_at: parse_ts(&r.get::<_, String>("acted_at")?)?,
        snooze_until: r
            .get::<_, Option<String>>("snooze_until")?
            .as_deref()
            .map(parse_ts)
            .transpose()?,
        event_id: r.get("event_id")?,
    })
}

/// Reminder states acted on since `since`, by occurrence id.
pub fn reminder_states(
    c: &Connection,
    since: DateTime<Utc>,
) -> Result<std::collections::HashMap<String, ReminderState>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT occurrence_id, {REMINDER_COLS} FROM reminder_state WHERE acted_at >= ?1"
    ))?;
    let rows = st.query_map([ts(&since)], |r| {
        Ok((r.get::<_, String>("occurrence_id")?, reminder_row(r)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What was done with one occurrence, if anything (read inside the acting transaction).
pub fn reminder_state(c: &Connection, occurrence_id: &str) -> Result<Option<ReminderState>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {REMINDER_COLS} FROM reminder_state WHERE occurrence_id = ?1"
    ))?;
    Ok(st.query_row([occurrence_id], reminder_row).optional()?)
}

/// The live event with this id.
pub fn event_by_id(c: &Connection, id: &str) -> Result<Option<Event>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {EVENT_COLS}, {META_COLS} FROM events WHERE id = ?1 AND deleted = 0"
    ))?;
    Ok(st.query_row([id], event_row).optional()?)
}

#[cfg(test)]
mod ts_tests {
    #[test]
    fn each_table_has_its_own_cell_in_list_order() {
        let cells = [0, 1, 2, 3, 4, 5];
        for (i, t) in super::Table::ALL.iter().enumerate() {
            assert_eq!(*t.slot(&cells), i, "{t:?}");
        }
    }

    /// The stored spelling is fixed-width, so SQLite's text order is time order (the range
    /// reads and the merge's comparisons rely on it), over years 1-9999.
    #[test]
    fn stored_timestamps_are_fixed_width_and_sort_as_time() {
        use chrono::{Datelike, TimeZone};
        let mut t = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
        let mut before = ts(&t);
        loop {
            t += chrono::Duration::milliseconds(997_331_233_127);
            if t.year() > 9999 {
                break;
            }
            let now = ts(&t);
            assert_eq!(now.len(), 24, "{now}");
            assert!(before < now, "{before} then {now}");
            before = now;
        }
        let odd = Utc.with_ymd_and_hms(2026, 3, 29, 1, 59, 59).unwrap()
            + chrono::Duration::milliseconds(7);
        assert_eq!(ts(&odd), "2026-03-29T01:59:59.007Z");
    }

    use super::*;

    #[test]
    fn stored_instants_read_back_as_written_and_junk_is_refused() {
        for s in [
            "2026-11-21T09:10:00.000Z",
            "2000-01-01T00:00:00.999Z",
            "2026-02-28T23:59:59.001Z",
        ] {
            assert_eq!(ts(&parse_ts(s).unwrap()), s);
        }
        // An older version's RFC 3339 spelling reads as the same instant.
        assert_eq!(
            ts(&parse_ts("2026-11-21T10:10:00+01:00").unwrap()),
            "2026-11-21T09:10:00.000Z"
        );
        for s in [
            "2026-02-30T09:10:00.000Z",
            "2026-11-21T25:10:00.000Z",
            "2026-11-21T09:10:00.000Z+01",
            "2026-11-21T09:10:00.000Zjunk",
        ] {
            assert!(parse_ts(s).is_err(), "{s}");
        }
    }

    fn a_night() -> crate::model::Record {
        let t = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 21, 8, 0, 0).unwrap();
        crate::model::Record::Night(Night {
            meta: RecordMeta::new(t, "dev"),
            night_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            quick_severity: Some(6),
            irls: None,
            onset: None,
            body_areas: vec![],
            sleep_hours: Some(5.5),
            awakenings: Some(3),
            triggers: vec![],
            relief: vec![],
            notes: Some("cramps after the walk".into()),
            changed: None,
        })
    }

    #[test]
    fn the_benchmarks_plain_upsert_stores_the_record_exactly() {
        let r = a_night();
        let (sql, values) = upsert_of(&r).unwrap();
        let mut s = crate::store::Store::open_in_memory().unwrap();
        s.write(|tx| {
            tx.execute(sql, rusqlite::params_from_iter(values))?;
            Ok(())
        })
        .unwrap();
        let mut back = Vec::new();
        crate::store::for_each_record(s.conn(), |x| {
            back.push(x);
            Ok(())
        })
        .unwrap();
        assert_eq!(back, vec![r]);
    }

    #[test]
    fn the_profiles_sync_fields_are_read_back_tombstone_or_not() {
        let t = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 21, 8, 0, 0).unwrap();
        let meta = RecordMeta::new(t, "dev");
        let mut s = crate::store::Store::open_in_memory().unwrap();
        assert_eq!(profile_meta(s.conn(), &meta.id).unwrap(), None);
        s.write(|tx| put_profile(tx, &meta, &Profile::default()))
            .unwrap();
        assert_eq!(
            profile_meta(s.conn(), &meta.id).unwrap(),
            Some(meta.clone())
        );
    }

    /// The stored dates and clock times read by chrono's fixed-form `FromStr` give the answers
    /// of `parse_from_str` with the stored format.
    #[test]
    fn plain_dates_and_clock_times_read_as_chrono_reads_them() {
        for s in [
            "2026-11-21",
            "2024-02-29",
            "0999-01-01",
            "2026-02-29",
            "2026-1-21",
            "26-11-21",
            "2026-11-21 ",
        ] {
            assert_eq!(
                date(s).ok(),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s}"
            );
        }
        for s in [
            "00:00", "07:05", "23:59", "24:00", "12:60", "7:05", "07:5", "ab:cd", "07-05",
        ] {
            assert_eq!(
                clock(s).ok(),
                NaiveTime::parse_from_str(s, "%H:%M").ok(),
                "{s}"
            );
        }
        // chrono's `FromStr` also takes seconds, which no writer stores.
        for s in ["07:05:00", "07:05:30"] {
            assert!(clock(s).is_ok(), "{s}");
        }
    }
}
