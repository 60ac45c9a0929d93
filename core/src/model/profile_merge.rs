//! The profile, merged field by field (SPEC §4; follow-up of #12 and #15).
//!
//! Every device writes its own profile record (id [`own_record_id`]), and each record says, per
//! field, when that field was last changed and on which device ([`Profile::changed`]). The
//! profile a device shows is the fold of every live profile record it holds: per field, the
//! value with the newest change, ties by device id, then by the value's JSON text. The fold is a
//! function of the set of records, so the per-id union merge stays commutative, associative and
//! idempotent, and a fact set on one device (pregnancy, kidney disease, an augmentation answer)
//! survives a later save of an unrelated field on another device that had not yet synced.
//!
//! A record written before field stamps existed (no `changed`) counts every field its stored
//! document carries as changed at its `modified_at` by its `device_id`; a field it does not
//! carry (a newer fact, or one unset then) it does not claim, so it never erases a due date or
//! augmentation answers another device set. Between such records the newest record wins for
//! every field it carries, as before; a diary of one such record reads the same.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{time, AugmentationBaseline, Profile, RecordMeta, Routine};
use crate::error::Result;

/// When one profile field was last changed, and on which device. Ordered by `at`, then `device`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldStamp {
    /// The instant of the change (UTC, to the millisecond).
    #[serde(
        serialize_with = "time::serialize_instant",
        deserialize_with = "time::named::changed_at"
    )]
    pub at: DateTime<Utc>,
    /// The device that made it.
    pub device: String,
}

/// Field name (`sex`, `routine.warm_bath`, `augmentation_baseline.usual_onset`) to its last
/// change. A field missing from the map was never changed from its default in this record's
/// history.
pub type FieldStamps = BTreeMap<String, FieldStamp>;

/// The profile a device shows, with the stamp of each field's winning value.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// The merged settings; its own `changed` is `None`.
    pub profile: Profile,
    /// The stamp of each field's value; fields never set have none.
    pub stamps: FieldStamps,
}

/// A fixed namespace for [`own_record_id`] (a random UUID, chosen once).
const OWN_RECORD_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2b8e_93d4_4a57_8e0b_4c2d_71a5_e9f3);

/// The id of the profile record `device` writes: the same on every device that computes it, so
/// a device's later saves replace its earlier ones (per-id merge) and never another device's.
pub fn own_record_id(device: &str) -> Uuid {
    Uuid::new_v5(&OWN_RECORD_NAMESPACE, device.as_bytes())
}

/// The profile's fields, each as its serde JSON value (`null` for an unset option), in a fixed
/// order. Destructured without `..`: a field added to [`Profile`], [`Routine`] or
/// [`AugmentationBaseline`] fails to compile here until it is merged too.
pub fn fields(p: &Profile) -> Result<Vec<(&'static str, Value)>> {
    let Profile {
        time_zone,
        bedtime,
        wake_time,
        breakfast,
        lunch,
        dinner,
        pregnant,
        kidney_disease,
        malabsorption,
        due_date,
        dialysis,
        birth_date,
        haemochromatosis,
        thalassaemia,
        regular_transfusions,
        sex,
        routine,
        augmentation_baseline,
        changed: _,
    } = p;
    let Routine {
        warm_bath,
        warm_socks,
        movement,
        exercise_cutoff,
    } = routine;
    let baseline = augmentation_baseline.clone().unwrap_or_default();
    let AugmentationBaseline {
        answered_on,
        usual_onset,
        severity_when_it_worked,
        spread_beyond_legs_before,
        relief_hours_at_start,
        relief_hours_now,
        dose_increases,
    } = &baseline;
    use serde_json::to_value as v;
    Ok(vec![
        ("time_zone", v(time_zone)?),
        ("bedtime", v(bedtime)?),
        ("wake_time", v(wake_time)?),
        ("breakfast", v(breakfast)?),
        ("lunch", v(lunch)?),
        ("dinner", v(dinner)?),
        ("pregnant", v(pregnant)?),
        ("kidney_disease", v(kidney_disease)?),
        ("malabsorption", v(malabsorption)?),
        ("due_date", v(due_date)?),
        ("dialysis", v(dialysis)?),
        ("birth_date", v(birth_date)?),
        ("haemochromatosis", v(haemochromatosis)?),
        ("thalassaemia", v(thalassaemia)?),
        ("regular_transfusions", v(regular_transfusions)?),
        ("sex", v(sex)?),
        ("routine.warm_bath", v(warm_bath)?),
        ("routine.warm_socks", v(warm_socks)?),
        ("routine.movement", v(movement)?),
        ("routine.exercise_cutoff", v(exercise_cutoff)?),
        ("augmentation_baseline.answered_on", v(answered_on)?),
        ("augmentation_baseline.usual_onset", v(usual_onset)?),
        (
            "augmentation_baseline.severity_when_it_worked",
            v(severity_when_it_worked)?,
        ),
        (
            "augmentation_baseline.spread_beyond_legs_before",
            v(spread_beyond_legs_before)?,
        ),
        (
            "augmentation_baseline.relief_hours_at_start",
            v(relief_hours_at_start)?,
        ),
        (
            "augmentation_baseline.relief_hours_now",
            v(relief_hours_now)?,
        ),
        ("augmentation_baseline.dose_increases", v(dose_increases)?),
    ])
}

/// The profile from its fields as [`fields`] spells them. The augmentation answers are absent
/// (`None`) when every one of them is unset.
fn from_fields(values: Vec<(&'static str, Value)>) -> Result<Profile> {
    let mut top = Map::new();
    let mut groups: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for (name, value) in values {
        match name.split_once('.') {
            Some((group, field)) => {
                groups
                    .entry(group)
                    .or_default()
                    .insert(field.to_owned(), value);
            }
            None => {
                top.insert(name.to_owned(), value);
            }
        }
    }
    for (group, map) in groups {
        if group == "augmentation_baseline" && map.values().all(Value::is_null) {
            continue;
        }
        top.insert(group.to_owned(), Value::Object(map));
    }
    // Read back from text, as the store reads a profile (`store::records`): serde's reading of
    // a `Profile` is then compiled once, not a second time for `serde_json::Value`
    // (docs/PERFORMANCE.md, library size). Settings saves only; the values are the profile's own.
    let text = serde_json::to_string(&Value::Object(top))?;
    Ok(serde_json::from_str(&text)?)
}

/// A settings form's edit applied to the profile as it is now: each field the person changed
/// (its value in `edited` differs from `loaded`, the profile the form was filled from) takes the
/// edited value; every other field keeps `current`'s, so facts that arrived by sync while the
/// form was open survive its save. Errors: only on a profile serde cannot spell (none today).
pub fn apply_edit(current: &Profile, loaded: &Profile, edited: &Profile) -> Result<Profile> {
    let before = fields(loaded)?;
    let after = fields(edited)?;
    let merged = fields(current)?
        .into_iter()
        .zip(before.into_iter().zip(after))
        .map(|((name, now), ((_, was), (_, new)))| (name, if new == was { now } else { new }))
        .collect();
    from_fields(merged)
}

/// The settings fields (every field but the augmentation answers), as [`fields`] names them:
/// what a whole-settings save (`QuietLegs::set_profile`) sets explicitly.
pub fn settings_fields() -> Result<Vec<&'static str>> {
    Ok(fields(&Profile::default())?
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !name.starts_with("augmentation_baseline."))
        .collect())
}

/// The augmentation answers' fields, as [`fields`] names them.
pub fn augmentation_fields() -> Result<Vec<&'static str>> {
    Ok(fields(&Profile::default())?
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("augmentation_baseline."))
        .collect())
}

/// The fields a settings form's edit changed: those whose value in `edited` differs from
/// `loaded` (the profile the form was filled from), as [`apply_edit`] takes them.
pub fn edited_fields(loaded: &Profile, edited: &Profile) -> Result<Vec<&'static str>> {
    Ok(fields(loaded)?
        .into_iter()
        .zip(fields(edited)?)
        .filter(|((_, was), (_, new))| was != new)
        .map(|((name, _), _)| name)
        .collect())
}

/// The stamp a record gives `field`: its own map's entry, or, for a record written before
/// stamps existed, the record's `modified_at` and device if the record carries the field.
/// `carried` is the top-level keys of the record's stored document (see [`carried_keys`]).
fn stamp_of(meta: &RecordMeta, p: &Profile, carried: &[String], field: &str) -> Option<FieldStamp> {
    match &p.changed {
        Some(stamps) => stamps.get(field).cloned(),
        None => {
            let key = field.split_once('.').map_or(field, |(group, _)| group);
            carried.iter().any(|k| k == key).then(|| FieldStamp {
                at: meta.modified_at,
                device: meta.device_id.clone(),
            })
        }
    }
}

/// The top-level keys of `p`'s stored document, for a record without stamps (empty for a
/// stamped one, which never needs them). A key the document lacks means "not known" (the
/// record was written by a version that did not have the field, or left it out because it was
/// unset), never "cleared": such a record must not claim that field, or its default would
/// erase a due date or augmentation answers set on a newer device (fresh review, follow-up of
/// #12/#15). The store writes the document as serde spells it, so this is exactly the stored
/// document's keys: the always-written settings (time zone, bedtime, wake time, meals,
/// pregnant, kidney disease, malabsorption) are always carried; the newer facts only when set.
fn carried_keys(p: &Profile) -> Result<Vec<String>> {
    if p.changed.is_some() {
        return Ok(Vec::new());
    }
    // Read back from the text the store writes (not `to_value`, which would compile the
    // profile's writer a second time for `Value`; docs/PERFORMANCE.md, library size).
    let text = serde_json::to_string(p)?;
    Ok(match serde_json::from_slice::<Value>(text.as_bytes())? {
        Value::Object(map) => map.into_iter().map(|(k, _)| k).collect(),
        _ => Vec::new(),
    })
}

/// Folds the live profile records (tombstones left out by the caller) into the one profile:
/// per field the newest change, then the greater device id, then the greater JSON text of the
/// value; a field no record stamps takes the greatest value among them (in practice the
/// default). `None` when there is no record. The answer depends only on the set of records,
/// never on their order.
pub fn fold(versions: &[(RecordMeta, Profile)]) -> Result<Option<Folded>> {
    // One record, as every diary kept on one device holds: the general fold re-spells each field
    // as JSON and reads the profile back, about 20 µs of every API call's profile read
    // (docs/PERFORMANCE.md, cold start), to answer the record's own values.
    if let [(meta, p)] = versions {
        return Ok(Some(fold_one(meta, p)?));
    }
    fold_all(versions)
}

/// [`fold`] of one record: its own values, spelled as [`fold_all`] gives them back (no stamps
/// of its own; no augmentation answers when none of them is given), with its stamps.
fn fold_one(meta: &RecordMeta, p: &Profile) -> Result<Folded> {
    let carried = carried_keys(p)?;
    let mut stamps = FieldStamps::new();
    for (name, _) in fields(p)? {
        if let Some(s) = stamp_of(meta, p, &carried, name) {
            stamps.insert(name.to_owned(), s);
        }
    }
    let mut profile = p.clone();
    profile.changed = None;
    if profile
        .augmentation_baseline
        .as_ref()
        .is_some_and(|b| *b == AugmentationBaseline::default())
    {
        profile.augmentation_baseline = None;
    }
    Ok(Folded { profile, stamps })
}

/// [`fold`] of any number of records.
fn fold_all(versions: &[(RecordMeta, Profile)]) -> Result<Option<Folded>> {
    let mut best: Vec<(&'static str, Option<FieldStamp>, String, Value)> = Vec::new();
    for (meta, p) in versions {
        let carried = carried_keys(p)?;
        for (i, (name, value)) in fields(p)?.into_iter().enumerate() {
            let stamp = stamp_of(meta, p, &carried, name);
            let text = serde_json::to_string(&value)?;
            match best.get_mut(i) {
                Some(b) => {
                    if (&stamp, &text) > (&b.1, &b.2) {
                        *b = (name, stamp, text, value);
                    }
                }
                None => best.push((name, stamp, text, value)),
            }
        }
    }
    if best.is_empty() {
        return Ok(None);
    }
    let mut stamps = FieldStamps::new();
    let mut values = Vec::with_capacity(best.len());
    for (name, stamp, _, value) in best {
        if let Some(s) = stamp {
            stamps.insert(name.to_owned(), s);
        }
        values.push((name, value));
    }
    Ok(Some(Folded {
        profile: from_fields(values)?,
        stamps,
    }))
}

/// A stamped version of a profile record and a version of the same record written before field
/// stamps existed (an older app's edit, which writes its whole record without the fields that
/// app does not know), as one body: the stamped version, with each field the older version
/// carries and changed (its value differs) taken where the older version's claim (its
/// `modified_at` and device) is newer than the field's stamp. A field it does not carry keeps
/// its value and stamp, so the edit lands and nothing else is lost. Symmetric by construction:
/// the stamped version is always the base.
pub fn join(base: &Profile, older: (&RecordMeta, &Profile)) -> Result<Profile> {
    let (older_meta, older_profile) = older;
    let mut stamps = base.changed.clone().unwrap_or_default();
    let carried = carried_keys(older_profile)?;
    let mut values = Vec::new();
    for ((name, ours), (_, theirs)) in fields(base)?.into_iter().zip(fields(older_profile)?) {
        let claim = stamp_of(older_meta, older_profile, &carried, name);
        let take = theirs != ours
            && claim
                .as_ref()
                .is_some_and(|c| stamps.get(name).is_none_or(|s| c > s));
        if let (true, Some(c)) = (take, claim) {
            stamps.insert(name.to_owned(), c);
            values.push((name, theirs));
        } else {
            values.push((name, ours));
        }
    }
    let mut out = from_fields(values)?;
    out.changed = Some(stamps);
    Ok(out)
}

/// The record a save on `device` at `now` writes: `new` with a stamp per field. A field whose
/// value differs from the folded profile (`base`; the defaults when there is none), and every
/// field named in `explicit` (the person set it, even to the value it had: an explicit
/// "not pregnant" or bedtime 23:00 is a fact of now, which an older value from another device
/// or an old backup must not beat), is stamped `max(now, its previous stamp + 1 ms)`, so it
/// beats the value it replaces whatever the clocks say (the hybrid-logical-clock rule of
/// `RecordMeta::touched`); every other field keeps the stamp of the value it carries, so the
/// save claims nothing it was not given. `explicit` names fields as [`fields`] spells them; a
/// name that is no field is ignored.
pub fn stamped(
    base: Option<&Folded>,
    new: &Profile,
    now: DateTime<Utc>,
    device: &str,
    explicit: &[&str],
) -> Result<Profile> {
    let now = time::to_millisecond(now);
    let empty = FieldStamps::new();
    let (old, stamps) = match base {
        Some(f) => (fields(&f.profile)?, &f.stamps),
        None => (fields(&Profile::default())?, &empty),
    };
    let mut changed = FieldStamps::new();
    for ((name, value), (_, before)) in fields(new)?.into_iter().zip(old) {
        let previous = stamps.get(name);
        if value != before || explicit.contains(&name) {
            let at = previous.map_or(now, |s| now.max(s.at + Duration::milliseconds(1)));
            changed.insert(
                name.to_owned(),
                FieldStamp {
                    at,
                    device: device.to_owned(),
                },
            );
        } else if let Some(s) = previous {
            changed.insert(name.to_owned(), s.clone());
        }
    }
    let mut out = new.clone();
    out.changed = Some(changed);
    Ok(out)
}

#[cfg(test)]
#[path = "profile_merge_tests.rs"]
mod tests;
