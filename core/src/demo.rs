//! A realistic, deterministic diary for `quietlegs demo`, the benchmarks and manual testing:
//! nights with a slow improvement, ferritin rising on iron, a coffee habit, some missed doses
//! and some alcohol nights.

use crate::model::zone::Tz;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::model::fixed_time;
use crate::model::{
    Analyte, BodyArea, Event, EventKind, Habit, IntakeKind, IrlsScores, Lab, LabValue, Night,
    Profile, Record, RecordMeta, RegimenItem, RegimenKind, Relief, ReliefEffect, ReliefKind,
    Trigger,
};

/// xorshift64*: small, deterministic, good enough for demo noise.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

fn at(tz: Tz, d: NaiveDate, t: NaiveTime) -> DateTime<Utc> {
    crate::model::time::resolve_local(tz, d, t)
}

/// The demo diary's profile: Europe/London, bed 23:00, up 07:00.
pub fn demo_profile() -> Profile {
    Profile {
        // A typo in the name would fall back to UTC: a test holds the name.
        time_zone: Tz::named("Europe/London").unwrap_or(Tz::UTC),
        bedtime: fixed_time!(23, 0),
        wake_time: fixed_time!(7, 0),
        breakfast: Some(fixed_time!(7, 30)),
        lunch: Some(fixed_time!(12, 30)),
        dinner: Some(fixed_time!(19, 0)),
        // The demo shows the opt-in routine, each item labelled "not tested in trials".
        routine: crate::model::Routine {
            warm_bath: true,
            warm_socks: true,
            movement: true,
            exercise_cutoff: true,
        },
        ..Profile::default()
    }
}

/// `nights` nights ending the night before `today`, with labs, a regimen and daily events
/// (`intakes_per_day` coffee/meal intakes, doses as taken).
pub fn demo_records(
    today: NaiveDate,
    nights: u32,
    intakes_per_day: u32,
    device: &str,
) -> Vec<Record> {
    let mut rng = Rng(0x005e_ed0f_1e65);
    let profile = demo_profile();
    let tz = profile.time_zone;
    let start = today - Duration::days(i64::from(nights));
    let created = Utc.from_utc_datetime(&start.and_time(fixed_time!(6, 0)));
    let meta = |t: DateTime<Utc>, rng: &mut Rng| RecordMeta {
        id: uuid::Uuid::from_u64_pair(rng.next(), rng.next()),
        created_at: t,
        modified_at: t,
        deleted: false,
        device_id: device.to_owned(),
    };
    let mut out = vec![Record::Profile {
        meta: meta(created, &mut rng),
        profile,
    }];

    let iron = RegimenItem {
        meta: meta(created, &mut rng),
        kind: RegimenKind::Iron,
        name: "Ferrous bisglycinate".into(),
        dose_mg: Some(65.0),
        times: vec![],
        every_n_days: 1,
        with_vitamin_c: true,
        start_date: start,
        stop_date: None,
        start_source: crate::model::StartSource::Given,
    };
    let magnesium = RegimenItem {
        meta: meta(created, &mut rng),
        kind: RegimenKind::Magnesium,
        name: "Magnesium glycinate".into(),
        dose_mg: Some(300.0),
        times: vec![],
        every_n_days: 1,
        with_vitamin_c: false,
        start_date: start + Duration::days(i64::from(nights / 2)),
        stop_date: None,
        start_source: crate::model::StartSource::Given,
    };
    let (iron_id, mag_id) = (iron.meta.id.to_string(), magnesium.meta.id.to_string());
    out.push(Record::Regimen(iron));
    out.push(Record::Regimen(magnesium.clone()));
    out.push(Record::Habit(Habit {
        meta: meta(created, &mut rng),
        intake: IntakeKind::Coffee,
        at: fixed_time!(8, 0),
    }));

    // Ferritin from 28 to 81 ng/mL over the period, TSAT from 18 to 31 %, checked four times.
    let n = f64::from(nights.max(1));
    for k in 0..4u32 {
        let f = f64::from(k) / 3.0;
        let day = start + Duration::days(((n - 2.0) * f) as i64);
        let t = at(tz, day, fixed_time!(9, 0));
        let lab = |a: Analyte, v: f64, rng: &mut Rng| {
            LabValue::from_entry(a, v, a.canonical_unit())
                .ok()
                .map(|value| Lab {
                    meta: meta(t, rng),
                    analyte: a,
                    value,
                    taken_on: day,
                })
        };
        for l in [
            lab(Analyte::Ferritin, (28.0 + 53.0 * f).round(), &mut rng),
            lab(Analyte::Tsat, (18.0 + 13.0 * f).round(), &mut rng),
        ]
        .into_iter()
        .flatten()
        {
            out.push(Record::Lab(l));
        }
    }
    if let Ok(v) = LabValue::from_entry(Analyte::VitaminD, 55.0, "nmol/L") {
        out.push(Record::Lab(Lab {
            meta: meta(created, &mut rng),
            analyte: Analyte::VitaminD,
            value: v,
            taken_on: start,
        }));
    }

    for i in 0..nights {
        let d = start + Duration::days(i64::from(i));
        let progress = f64::from(i) / n;
        // A weekend drink every week or so.
        let alcohol = i % 8 == 5 || rng.chance(0.04);
        let caffeine_late = rng.chance(0.15);
        let mut sev = 7.0 - 4.0 * progress + (rng.unit() - 0.5) * 2.5;
        if alcohol {
            sev += 2.0;
        }
        if caffeine_late {
            sev += 1.0;
        }
        let sev = sev.round().clamp(0.0, 10.0) as u8;
        let onset_min = 21 * 60 + 30 - (f64::from(sev) * 6.0) as u32 + (rng.unit() * 40.0) as u32;
        let mut triggers = Vec::new();
        if alcohol {
            triggers.push(Trigger::Alcohol);
        }
        if caffeine_late {
            triggers.push(Trigger::Caffeine);
        }
        let irls = (i % 7 == 0).then(|| {
            let total = (f64::from(sev) * 2.5).round() as u8;
            let mut items = [0u8; 10];
            let mut left = total.min(40);
            let mut k = 0;
            while left > 0 {
                if let Some(x) = items.get_mut(k % 10) {
                    if *x < 4 {
                        *x += 1;
                        left -= 1;
                    }
                }
                k += 1;
            }
            IrlsScores::new(&items).ok()
        });
        let night_time = at(tz, d + Duration::days(1), fixed_time!(7, 5));
        out.push(Record::Night(Night {
            meta: meta(night_time, &mut rng),
            night_date: d,
            quick_severity: Some(sev),
            irls: None,
            onset: NaiveTime::from_hms_opt(onset_min / 60, onset_min % 60, 0),
            body_areas: vec![BodyArea::Legs],
            sleep_hours: Some(((8.0 - f64::from(sev) * 0.35 + rng.unit()) * 2.0).round() / 2.0),
            awakenings: Some(u32::from(sev / 3)),
            triggers,
            relief: if sev >= 5 {
                vec![Relief {
                    kind: ReliefKind::Walking,
                    effect: ReliefEffect::ALittle,
                }]
            } else {
                vec![]
            },
            notes: None,
            changed: None,
        }));
        // The weekly IRLS (SPEC §2.7), once a week, keyed by its week.
        if let Some(scores) = irls.flatten() {
            out.push(Record::Event(Event {
                meta: RecordMeta {
                    id: crate::rules::weekly_irls::record_id(d),
                    created_at: night_time,
                    modified_at: night_time,
                    deleted: false,
                    device_id: device.to_owned(),
                },
                at: night_time,
                kind: EventKind::WeeklyIrls {
                    week_ending: d.to_string(),
                    items: scores.items().to_vec(),
                },
                note: None,
                warnings: vec![],
            }));
        }
        // The day's events: coffee and meals, the iron dose (missed ~12 %), magnesium.
        let mut event = |t: DateTime<Utc>, kind: EventKind, rng: &mut Rng| {
            out.push(Record::Event(Event {
                meta: meta(t, rng),
                at: t,
                kind,
                note: None,
                warnings: vec![],
            }));
        };
        let slots = [
            (fixed_time!(8, 0), IntakeKind::Coffee),
            (fixed_time!(7, 30), IntakeKind::Meal),
            (fixed_time!(12, 30), IntakeKind::Meal),
            (fixed_time!(15, 0), IntakeKind::Tea),
            (fixed_time!(19, 0), IntakeKind::Meal),
        ];
        for (t, what) in slots.iter().take(intakes_per_day as usize) {
            event(at(tz, d, *t), EventKind::Intake { what: *what }, &mut rng);
        }
        if !rng.chance(0.12) {
            event(
                at(tz, d, fixed_time!(10, 10)),
                EventKind::Dose {
                    regimen_id: iron_id.clone(),
                },
                &mut rng,
            );
        }
        if d >= magnesium.start_date && !rng.chance(0.1) {
            event(
                at(tz, d, fixed_time!(22, 15)),
                EventKind::Dose {
                    regimen_id: mag_id.clone(),
                },
                &mut rng,
            );
        }
        if alcohol {
            event(
                at(tz, d, fixed_time!(20, 30)),
                EventKind::Intake {
                    what: IntakeKind::Alcohol,
                },
                &mut rng,
            );
        }
    }
    out
}

/// A long history for benchmarks: `years` of nights, 5 intakes a day, iron and magnesium doses,
/// and a ferritin result every quarter.
pub fn history(today: NaiveDate, years: u32, device: &str) -> Vec<Record> {
    let nights = 365 * years;
    let mut r = demo_records(today, nights, 5, device);
    let start = today - Duration::days(i64::from(nights));
    for q in 0..(years * 4) {
        let d = start + Duration::days(i64::from(q) * 91);
        let t = Utc.from_utc_datetime(&d.and_time(fixed_time!(9, 0)));
        let Ok(value) =
            LabValue::from_entry(Analyte::Ferritin, 30.0 + f64::from(q % 20) * 3.0, "ng/mL")
        else {
            continue;
        };
        let id = uuid::Uuid::from_u64_pair(0xfe44, u64::from(q));
        let meta = RecordMeta {
            id,
            created_at: t,
            modified_at: t,
            deleted: false,
            device_id: device.to_owned(),
        };
        r.push(Record::Lab(Lab {
            meta,
            analyte: Analyte::Ferritin,
            value,
            taken_on: d,
        }));
    }
    r
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The profile's fixed values are what its doc says: a misspelt zone would silently be UTC.
    #[test]
    fn the_demo_profile_is_london_bed_23_up_7() {
        let p = demo_profile();
        assert_eq!(p.time_zone.name(), "Europe/London");
        assert_eq!(p.bedtime, NaiveTime::from_hms_opt(23, 0, 0).unwrap());
        assert_eq!(p.wake_time, NaiveTime::from_hms_opt(7, 0, 0).unwrap());
    }
}
