#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{NaiveTime, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::model::Sex;

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, minute, 0).unwrap()
}

fn clock(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

/// One change a person can make, naming the field it touches.
#[derive(Debug, Clone)]
enum Change {
    Pregnant(bool),
    KidneyDisease(bool),
    Dialysis(bool),
    Sex(Option<Sex>),
    Bedtime(u32),
    WarmBath(bool),
    UsualOnset(Option<u32>),
    DoseIncreases(Option<u32>),
}

impl Change {
    fn field(&self) -> &'static str {
        match self {
            Change::Pregnant(_) => "pregnant",
            Change::KidneyDisease(_) => "kidney_disease",
            Change::Dialysis(_) => "dialysis",
            Change::Sex(_) => "sex",
            Change::Bedtime(_) => "bedtime",
            Change::WarmBath(_) => "routine.warm_bath",
            Change::UsualOnset(_) => "augmentation_baseline.usual_onset",
            Change::DoseIncreases(_) => "augmentation_baseline.dose_increases",
        }
    }

    fn apply(&self, mut p: Profile) -> Profile {
        let baseline = |p: &mut Profile| {
            p.augmentation_baseline
                .get_or_insert_with(Default::default)
                .clone()
        };
        match self.clone() {
            Change::Pregnant(v) => p.pregnant = v,
            Change::KidneyDisease(v) => p.kidney_disease = v,
            Change::Dialysis(v) => p.dialysis = v,
            Change::Sex(v) => p.sex = v,
            Change::Bedtime(h) => p.bedtime = clock(h),
            Change::WarmBath(v) => p.routine.warm_bath = v,
            Change::UsualOnset(h) => {
                let mut b = baseline(&mut p);
                b.usual_onset = h.map(clock);
                p.augmentation_baseline = Some(b);
            }
            Change::DoseIncreases(n) => {
                let mut b = baseline(&mut p);
                b.dose_increases = n;
                p.augmentation_baseline = Some(b);
            }
        }
        p
    }

    /// The field's value as the fold spells it.
    fn value_in(&self, p: &Profile) -> Value {
        fields(p)
            .unwrap()
            .into_iter()
            .find(|(n, _)| *n == self.field())
            .unwrap()
            .1
    }
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        any::<bool>().prop_map(Change::Pregnant),
        any::<bool>().prop_map(Change::KidneyDisease),
        any::<bool>().prop_map(Change::Dialysis),
        prop_oneof![Just(None), Just(Some(Sex::Female)), Just(Some(Sex::Male))]
            .prop_map(Change::Sex),
        (20u32..24).prop_map(Change::Bedtime),
        any::<bool>().prop_map(Change::WarmBath),
        proptest::option::of(17u32..22).prop_map(Change::UsualOnset),
        proptest::option::of(0u32..3).prop_map(Change::DoseIncreases),
    ]
}

/// A diary's profile records by id, as the per-id merge keeps them: the newer `modified_at`,
/// then device id, then tombstone, then the version carrying more values, then content
/// (`exchange/merge.rs`).
type Diary = BTreeMap<Uuid, (RecordMeta, Profile)>;

fn merge_key(v: &(RecordMeta, Profile)) -> (DateTime<Utc>, String, bool, usize, String) {
    let (m, p) = v;
    (
        m.modified_at,
        m.device_id.clone(),
        m.deleted,
        crate::model::values_carried(&serde_json::to_value(p).unwrap()),
        serde_json::to_string(p).unwrap(),
    )
}

fn merge_into(diary: &mut Diary, incoming: &Diary) {
    for (id, v) in incoming {
        if diary
            .get(id)
            .is_none_or(|old| merge_key(v) > merge_key(old))
        {
            diary.insert(*id, v.clone());
        }
    }
}

fn folded(diary: &Diary) -> Option<Folded> {
    let versions: Vec<_> = diary.values().cloned().collect();
    fold(&versions).unwrap()
}

/// What the API's save does (`QuietLegs::save_profile`), on a diary in memory.
fn save(diary: &mut Diary, device: &str, now: DateTime<Utc>, change: &Change) {
    let base = folded(diary);
    let old = base.as_ref().map(|f| f.profile.clone()).unwrap_or_default();
    let record = stamped(
        base.as_ref(),
        &change.apply(old),
        now,
        device,
        &[change.field()],
    )
    .unwrap();
    let id = own_record_id(device);
    let meta = match diary.get(&id) {
        Some((m, _)) => m.touched(now, device),
        None => RecordMeta {
            id,
            ..RecordMeta::new(now, device)
        },
    };
    diary.insert(id, (meta, record));
}

fn legacy(device: &str, at: DateTime<Utc>, p: Profile) -> (RecordMeta, Profile) {
    let mut m = RecordMeta::new(at, device);
    m.modified_at = at;
    (m, p)
}

#[test]
fn a_fact_set_on_one_device_survives_an_unrelated_later_save_on_another() {
    let mut a = Diary::new();
    let mut b = Diary::new();
    save(&mut a, "device-a", t(0), &Change::Pregnant(true));
    save(&mut b, "device-b", t(30), &Change::Sex(Some(Sex::Female)));
    let (mut ab, mut ba) = (a.clone(), b.clone());
    merge_into(&mut ab, &b);
    merge_into(&mut ba, &a);
    let (ab, ba) = (folded(&ab).unwrap(), folded(&ba).unwrap());
    assert_eq!(ab, ba);
    assert!(ab.profile.pregnant, "A's fact kept");
    assert_eq!(ab.profile.sex, Some(Sex::Female), "B's fact kept");
    assert!(!ab.profile.kidney_disease);
}

#[test]
fn records_without_stamps_merge_as_before_the_newest_whole() {
    let older = Profile {
        pregnant: true,
        kidney_disease: true,
        ..Profile::default()
    };
    let newer = Profile {
        sex: Some(Sex::Male),
        bedtime: clock(22),
        ..Profile::default()
    };
    for versions in [
        vec![
            legacy("a", t(0), older.clone()),
            legacy("b", t(1), newer.clone()),
        ],
        vec![
            legacy("b", t(1), newer.clone()),
            legacy("a", t(0), older.clone()),
        ],
    ] {
        let f = fold(&versions).unwrap().unwrap();
        assert_eq!(f.profile, newer);
        assert!(f.stamps.values().all(|s| s.at == t(1) && s.device == "b"));
    }
    // An exact tie of the sync fields: the device id decides, as the merge's order does.
    let f = fold(&[
        legacy("a", t(1), older.clone()),
        legacy("b", t(1), newer.clone()),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(f.profile, newer);
}

#[test]
fn a_record_without_stamps_and_a_stamped_one_keep_each_others_facts() {
    // A diary from before field stamps: pregnancy and kidney disease, saved at 12:00.
    let old = legacy(
        "device-a",
        t(0),
        Profile {
            pregnant: true,
            kidney_disease: true,
            ..Profile::default()
        },
    );
    // A new device, not yet synced, sets sex later.
    let mut b = Diary::new();
    save(&mut b, "device-b", t(30), &Change::Sex(Some(Sex::Female)));
    let mut all = b.clone();
    all.insert(old.0.id, old.clone());
    let f = folded(&all).unwrap();
    assert!(f.profile.pregnant && f.profile.kidney_disease);
    assert_eq!(f.profile.sex, Some(Sex::Female));
    // A later save on the old device changes one field and claims only that one.
    let mut a: Diary = [(old.0.id, old)].into();
    save(&mut a, "device-a", t(40), &Change::Pregnant(false));
    merge_into(&mut all, &a);
    let f = folded(&all).unwrap();
    assert!(!f.profile.pregnant, "the later change");
    assert!(f.profile.kidney_disease);
    assert_eq!(
        f.profile.sex,
        Some(Sex::Female),
        "B's fact is newer than A's old record"
    );
}

/// A record from an older app version (no stamps, no due date, no augmentation answers, no
/// sex) saved after the facts were set elsewhere: it claims only the fields its document
/// carries, so the due date and the answers stay (fresh review: they disappeared).
#[test]
fn a_record_without_stamps_does_not_clear_the_fields_it_does_not_carry() {
    let facts = Profile {
        pregnant: true,
        due_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        sex: Some(Sex::Female),
        augmentation_baseline: Some(AugmentationBaseline {
            usual_onset: Some(clock(21)),
            dose_increases: Some(2),
            ..AugmentationBaseline::default()
        }),
        ..Profile::default()
    };
    let newer = (
        RecordMeta::new(t(0), "device-b"),
        stamped(None, &facts, t(0), "device-b", &[]).unwrap(),
    );
    // As an older version stored it: only the keys it knew.
    let doc = r#"{"time_zone":"UTC","bedtime":"22:00:00","wake_time":"07:00:00",
        "breakfast":null,"lunch":null,"dinner":null,"pregnant":true,
        "kidney_disease":false,"malabsorption":false}"#;
    let old: Profile = serde_json::from_str(doc).unwrap();
    let old = legacy("device-a", t(30), old);
    for versions in [
        vec![newer.clone(), old.clone()],
        vec![old.clone(), newer.clone()],
    ] {
        let f = fold(&versions).unwrap().unwrap();
        assert_eq!(
            f.profile.bedtime,
            clock(22),
            "what the old record carries wins"
        );
        assert!(f.profile.pregnant);
        assert_eq!(f.profile.due_date, facts.due_date);
        assert_eq!(f.profile.sex, Some(Sex::Female));
        assert_eq!(f.profile.augmentation_baseline, facts.augmentation_baseline);
        assert_eq!(f.stamps["due_date"].device, "device-b");
        assert_eq!(f.stamps["bedtime"].device, "device-a");
    }
}

#[test]
fn a_save_stamps_only_what_changed_and_beats_a_stamp_from_a_clock_ahead() {
    let mut d = Diary::new();
    save(&mut d, "fast", t(50), &Change::Pregnant(true));
    save(&mut d, "slow", t(10), &Change::Pregnant(false));
    save(&mut d, "slow", t(11), &Change::Sex(Some(Sex::Male)));
    let f = folded(&d).unwrap();
    assert!(
        !f.profile.pregnant,
        "a local edit beats the value it replaces"
    );
    assert_eq!(f.stamps["pregnant"].at, t(50) + Duration::milliseconds(1));
    assert_eq!(f.stamps["sex"].at, t(11));
    let slow = &d[&own_record_id("slow")].1;
    let stamps = slow.changed.as_ref().unwrap();
    assert_eq!(
        stamps.keys().map(String::as_str).collect::<Vec<_>>(),
        ["pregnant", "sex"],
        "fields never set carry no stamp"
    );
}

#[test]
fn augmentation_answers_merge_one_by_one() {
    let mut a = Diary::new();
    let mut b = Diary::new();
    save(&mut a, "device-a", t(0), &Change::UsualOnset(Some(18)));
    save(&mut b, "device-b", t(5), &Change::DoseIncreases(Some(2)));
    merge_into(&mut a, &b);
    let baseline = folded(&a).unwrap().profile.augmentation_baseline.unwrap();
    assert_eq!(baseline.usual_onset, Some(clock(18)));
    assert_eq!(baseline.dose_increases, Some(2));
    // No answer at all reads as no questionnaire.
    let f = fold(&[legacy("a", t(0), Profile::default())])
        .unwrap()
        .unwrap();
    assert_eq!(f.profile.augmentation_baseline, None);
}

#[test]
fn every_field_of_a_full_profile_survives_the_fold() {
    let full = Profile {
        time_zone: crate::model::zone::Tz::named("Europe/Berlin").unwrap(),
        breakfast: Some(clock(7)),
        lunch: Some(clock(12)),
        dinner: Some(clock(19)),
        pregnant: true,
        kidney_disease: true,
        malabsorption: true,
        due_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
        dialysis: true,
        birth_date: chrono::NaiveDate::from_ymd_opt(1980, 5, 1),
        haemochromatosis: true,
        thalassaemia: true,
        regular_transfusions: true,
        sex: Some(Sex::Female),
        routine: Routine {
            warm_bath: true,
            warm_socks: true,
            movement: true,
            exercise_cutoff: true,
        },
        augmentation_baseline: Some(AugmentationBaseline {
            answered_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
            usual_onset: Some(clock(18)),
            severity_when_it_worked: Some(3),
            spread_beyond_legs_before: Some(false),
            relief_hours_at_start: Some(8.5),
            relief_hours_now: Some(3.0),
            dose_increases: Some(2),
        }),
        ..Profile::default()
    };
    let f = fold(&[legacy("a", t(0), full.clone())]).unwrap().unwrap();
    assert_eq!(f.profile, full);
    let record = stamped(None, &full, t(1), "a", &[]).unwrap();
    assert_eq!(
        record.changed.as_ref().unwrap().len(),
        fields(&full).unwrap().len() - 2,
        "every field but bedtime and wake time (still the defaults) changed"
    );
    let f = fold(&[
        legacy("b", t(0), Profile::default()),
        (RecordMeta::new(t(0), "a"), record),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(f.profile, full);
}

/// A version as any device, old or new, might hold it: a legacy record (no stamps) or a stamped
/// one, from three device ids (two devices may share one), at a few instants (exact ties), its
/// stamps drawn from the same few instants and devices.
fn version() -> impl Strategy<Value = (RecordMeta, Profile)> {
    let devices = prop_oneof![Just("a"), Just("b"), Just("c")];
    let stamp =
        (0u32..3, prop_oneof![Just("a"), Just("b"), Just("c")]).prop_map(|(m, d)| FieldStamp {
            at: t(m),
            device: d.to_owned(),
        });
    (
        devices,
        0u32..3,
        proptest::collection::vec(change(), 0..5),
        proptest::option::of(proptest::collection::vec((0usize..27, stamp), 0..10)),
    )
        .prop_map(|(device, minute, changes, stamps)| {
            let p = changes.iter().fold(Profile::default(), |p, c| c.apply(p));
            let names: Vec<&str> = fields(&p).unwrap().into_iter().map(|(n, _)| n).collect();
            let changed = stamps.map(|s| {
                s.into_iter()
                    .map(|(i, st)| (names[i % names.len()].to_owned(), st))
                    .collect()
            });
            let mut m = RecordMeta::new(t(minute), device);
            m.modified_at = t(minute);
            (m, Profile { changed, ..p })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The fold depends on the set of versions alone: any order gives the same profile, and
    /// each field holds a value of a version whose stamp for it is the greatest.
    #[test]
    fn the_fold_is_the_same_in_any_order(
        (versions, shuffled) in proptest::collection::vec(version(), 1..6)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let one = fold(&versions).unwrap().unwrap();
        let other = fold(&shuffled).unwrap().unwrap();
        prop_assert_eq!(&one, &other);
        let mut reversed = versions.clone();
        reversed.reverse();
        prop_assert_eq!(&one, &fold(&reversed).unwrap().unwrap());
        // Folding the fold's own record again changes nothing (idempotent).
        let again = stamped(Some(&one), &one.profile, t(0), "z", &[]).unwrap();
        let mut with_own = versions.clone();
        with_own.push((RecordMeta::new(t(0), "z"), again));
        prop_assert_eq!(&fold(&with_own).unwrap().unwrap(), &one);
        // Per field: the greatest stamp among the versions.
        let names: Vec<&str> = fields(&one.profile).unwrap().into_iter().map(|(n, _)| n).collect();
        for name in names {
            let best = versions
                .iter()
                .filter_map(|(m, p)| stamp_of(m, p, &carried_keys(p).unwrap(), name))
                .max();
            prop_assert_eq!(one.stamps.get(name), best.as_ref(), "{}", name);
        }
    }

    /// One record folds as the general fold answers it: its values exactly, its stamps, no
    /// stamps of its own and no empty augmentation answers.
    #[test]
    fn one_record_folds_as_the_general_fold((meta, p) in version()) {
        let general = fold_all(&[(meta.clone(), p.clone())]).unwrap();
        prop_assert_eq!(fold(&[(meta, p)]).unwrap(), general);
    }

    /// A field set on device A and an unrelated field set on device B, neither synced, both
    /// survive A+B and B+A, whatever the times (ties included) and the history they share.
    #[test]
    fn unrelated_changes_on_two_devices_both_survive(
        shared in proptest::collection::vec((prop_oneof![Just("a"), Just("b")], change()), 0..4),
        on_a in change(),
        on_b in change(),
        (ta, tb) in (1u32..4, 1u32..4),
    ) {
        prop_assume!(on_a.field() != on_b.field());
        let mut start = Diary::new();
        for (device, c) in &shared {
            save(&mut start, device, t(0), c);
        }
        let (mut a, mut b) = (start.clone(), start);
        save(&mut a, "a", t(ta), &on_a);
        save(&mut b, "b", t(tb), &on_b);
        let want_a = on_a.value_in(&folded(&a).unwrap().profile);
        let want_b = on_b.value_in(&folded(&b).unwrap().profile);
        let (mut ab, mut ba) = (a.clone(), b.clone());
        merge_into(&mut ab, &b);
        merge_into(&mut ba, &a);
        let (ab, ba) = (folded(&ab).unwrap(), folded(&ba).unwrap());
        prop_assert_eq!(&ab, &ba);
        prop_assert_eq!(on_a.value_in(&ab.profile), want_a);
        prop_assert_eq!(on_b.value_in(&ab.profile), want_b);
    }
}

/// A field named as set explicitly is stamped even when its value equals the one it replaces
/// (the default here): an explicit "not pregnant" on B, later than A's "pregnant", wins the
/// fold in any order, and so does it against A's record from before stamps (an old backup).
#[test]
fn an_explicit_value_equal_to_the_old_one_is_stamped_and_wins_when_newer() {
    let mut a = Diary::new();
    save(&mut a, "device-a", t(0), &Change::Pregnant(true));
    let mut b = Diary::new();
    save(&mut b, "device-b", t(1), &Change::Pregnant(false));
    let own_b = &b[&own_record_id("device-b")].1;
    assert_eq!(
        own_b.changed.as_ref().unwrap()["pregnant"].at,
        t(1),
        "stamped though equal to the default"
    );
    let (mut ab, mut ba) = (a.clone(), b.clone());
    merge_into(&mut ab, &b);
    merge_into(&mut ba, &a);
    let (ab, ba) = (folded(&ab).unwrap(), folded(&ba).unwrap());
    assert_eq!(ab, ba);
    assert!(!ab.profile.pregnant);
    let backup = legacy(
        "device-a",
        t(0),
        Profile {
            pregnant: true,
            ..Profile::default()
        },
    );
    let mut with_backup = b.clone();
    with_backup.insert(backup.0.id, backup);
    assert!(!folded(&with_backup).unwrap().profile.pregnant);
    // Not named and not changed: no stamp, as before.
    let unnamed = stamped(None, &Profile::default(), t(2), "c", &[]).unwrap();
    assert_eq!(unnamed.changed, Some(FieldStamps::new()));
}

#[test]
fn settings_and_augmentation_fields_split_every_field() {
    let all: Vec<&str> = fields(&Profile::default())
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let mut both = settings_fields().unwrap();
    both.extend(augmentation_fields().unwrap());
    assert_eq!(both, all);
    assert!(settings_fields().unwrap().contains(&"pregnant"));
}
