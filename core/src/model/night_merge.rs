//! A night edited on two devices, joined field by field (SPEC §4; the reviewers' repro: one
//! device changed the rating, the other added the hours slept, and the newer version whole
//! erased the rating).
//!
//! As for the profile (`model/profile_merge.rs`), a night written by this version carries, per
//! field, when it was last changed and on which device ([`Night::changed`]). Two versions of
//! one night id are joined when at least one of them is stamped: per field, the value with the
//! newest stamp, ties by device id, then by the value's JSON text. A version written before
//! stamps (`changed` is `None`) counts each of its fields as changed at its `modified_at` by its
//! `device_id`. The join is a per-field maximum, so it is commutative, associative and
//! idempotent, and its stamps are the winning ones, so a joined record joins again exactly as
//! the versions it came from. Two unstamped versions are not joined: the newer wins whole, as
//! before stamps existed.

use chrono::Duration;
use serde_json::Value;

use super::profile_merge::{FieldStamp, FieldStamps};
use super::{Night, RecordMeta};
use crate::error::Result;

/// The night's content fields, each as its serde JSON value, in a fixed order, named as the
/// export names them. Destructured without `..`: a field added to [`Night`] fails to compile
/// here until it is merged too.
pub fn fields(n: &Night) -> Result<[(&'static str, Value); 10]> {
    let Night {
        meta: _,
        night_date,
        quick_severity,
        irls,
        onset,
        body_areas,
        sleep_hours,
        awakenings,
        triggers,
        relief,
        notes,
        changed: _,
    } = n;
    use serde_json::to_value as v;
    Ok([
        ("night_date", v(night_date)?),
        ("quick_severity", v(quick_severity)?),
        ("irls", v(irls)?),
        ("onset", v(onset)?),
        ("body_areas", v(body_areas)?),
        ("sleep_hours", v(sleep_hours)?),
        ("awakenings", v(awakenings)?),
        ("triggers", v(triggers)?),
        ("relief", v(relief)?),
        ("notes", v(notes)?),
    ])
}

/// `into`'s field `name` (as [`fields`] names it) set to `from`'s. A name that is no field
/// changes nothing.
fn copy_field(name: &str, from: &Night, into: &mut Night) {
    match name {
        "night_date" => into.night_date = from.night_date,
        "quick_severity" => into.quick_severity = from.quick_severity,
        "irls" => into.irls = from.irls,
        "onset" => into.onset = from.onset,
        "body_areas" => into.body_areas = from.body_areas.clone(),
        "sleep_hours" => into.sleep_hours = from.sleep_hours,
        "awakenings" => into.awakenings = from.awakenings,
        "triggers" => into.triggers = from.triggers.clone(),
        "relief" => into.relief = from.relief.clone(),
        "notes" => into.notes = from.notes.clone(),
        _ => {}
    }
}

/// The stamp a version gives `field`: its own map's entry (none: never set in its history),
/// or, for a live version written before stamps, its `modified_at` and device for every field.
/// A tombstone written before stamps claims no field: its `modified_at` is when the night was
/// deleted, not when its values were set, and a deletion changes no value (were it to claim
/// them, the deleted copy's values would beat a change made before the deletion on another
/// device and surface if a newer edit brings the night back; the sync property test found it).
fn stamp_of(n: &Night, field: &str) -> Option<FieldStamp> {
    match &n.changed {
        Some(stamps) => stamps.get(field).cloned(),
        None if n.meta.deleted => None,
        None => Some(own_stamp(&n.meta)),
    }
}

fn own_stamp(meta: &RecordMeta) -> FieldStamp {
    FieldStamp {
        at: meta.modified_at,
        device: meta.device_id.clone(),
    }
}

/// Two versions of one night as one, or `None` when neither carries stamps (the newer then
/// wins whole, as before stamps existed). Per field the value with the newest stamp, then the
/// greater device id, then the greater JSON text; the meta is `newer`'s (the caller's verdict
/// between the two, a tombstone's included: a deletion still wins over older edits and a newer
/// edit still brings the night back, SPEC §4); `changed` holds the winning stamps. The values
/// and stamps do not depend on which version is `newer`.
pub fn join(newer: &Night, older: &Night) -> Result<Option<Night>> {
    if newer.changed.is_none() && older.changed.is_none() {
        return Ok(None);
    }
    // One edit, two copies: a device writes one version of a night per instant, so the same
    // `modified_at` and device name the same edit. A copy without stamps (an older app's round
    // trip, `"changed": null`) then adds nothing to the stamped one; counted as changed at its
    // `modified_at`, every field would move forward to the last edit's time and beat another
    // device's edit made in between (a reviewer's repro).
    if newer.meta.modified_at == older.meta.modified_at
        && newer.meta.device_id == older.meta.device_id
    {
        match (&newer.changed, &older.changed) {
            (Some(_), None) => return Ok(Some(newer.clone())),
            (None, Some(_)) => return Ok(Some(older.clone())),
            _ => {}
        }
    }
    let mut out = newer.clone();
    let mut stamps = FieldStamps::new();
    for ((name, ours), (_, theirs)) in fields(newer)?.into_iter().zip(fields(older)?) {
        let (s_ours, s_theirs) = (stamp_of(newer, name), stamp_of(older, name));
        let older_wins = match s_theirs.cmp(&s_ours) {
            std::cmp::Ordering::Equal => {
                serde_json::to_string(&theirs)? > serde_json::to_string(&ours)?
            }
            o => o.is_gt(),
        };
        let winner = if older_wins {
            copy_field(name, older, &mut out);
            s_theirs
        } else {
            s_ours
        };
        if let Some(s) = winner {
            stamps.insert(name.to_owned(), s);
        }
    }
    out.changed = Some(stamps);
    Ok(Some(out))
}

/// The night a local save writes: `new` (its meta already touched) with a stamp per field.
/// A field whose value differs from `old` (the stored version, `None` for a new night) is
/// stamped `max(modified_at, its previous stamp + 1 ms)`, so it beats the value it replaces
/// whatever the clocks say (the rule of `RecordMeta::touched`); every other field keeps the
/// stamp it had (a night written before stamps: its `modified_at` and device), so the save
/// claims nothing it did not change. A new night stamps the fields it gives (not empty).
pub fn stamped(old: Option<&Night>, mut new: Night) -> Result<Night> {
    let at = new.meta.modified_at;
    let at = super::time::to_millisecond(at);
    let device = new.meta.device_id.clone();
    let mut changed = FieldStamps::new();
    let before = match old {
        Some(o) => Some(fields(o)?),
        None => None,
    };
    for (i, (name, value)) in fields(&new)?.into_iter().enumerate() {
        let previous = old.and_then(|o| stamp_of(o, name));
        let was = before.as_ref().and_then(|b| b.get(i)).map(|(_, v)| v);
        let differs = match was {
            Some(was) => *was != value,
            // A new night: the fields it gives.
            None => {
                !matches!(&value, Value::Null) && value.as_array().is_none_or(|a| !a.is_empty())
            }
        };
        if differs {
            let at = previous
                .as_ref()
                .map_or(at, |s| at.max(s.at + Duration::milliseconds(1)));
            changed.insert(
                name.to_owned(),
                FieldStamp {
                    at,
                    device: device.clone(),
                },
            );
        } else if let Some(s) = previous {
            changed.insert(name.to_owned(), s);
        }
    }
    new.changed = Some(changed);
    Ok(new)
}

#[cfg(test)]
#[path = "night_merge_tests.rs"]
mod tests;
