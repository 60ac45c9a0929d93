//! What a day is, in instants: a local calendar day, and a person's waking day (wake on D to the
//! following bedtime, which may be after midnight or, for a night shift, the next morning).

use crate::model::zone::Tz;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};

use crate::model::time::resolve_local;
use crate::model::Profile;

/// The UTC instants `[start, end)` of a local calendar day. Days are 23, 24 or 25 hours long
/// around DST changes; midnight itself can fall in a gap (resolved forward).
pub fn utc_bounds(tz: Tz, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = resolve_local(tz, day, NaiveTime::MIN);
    // chrono's last date has no next midnight (and a day past it overflows): that day runs to
    // the end of chrono's time. The app's dates end at 9999-12-31, long before it.
    let end = day.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, |next| {
        resolve_local(tz, next, NaiveTime::MIN)
    });
    (start, end)
}

/// The date of the waking day (from one wake time to the next) that the instant `t` falls in:
/// before the person's wake time (in their zone, resolved by the DST policy) it is the local
/// calendar date minus one. For the rules that look back over completed nights this is "today":
/// at 02:00 the night of the day before is still in progress, and it has ended once the person
/// wakes.
pub fn waking_date(profile: &Profile, t: DateTime<Utc>) -> NaiveDate {
    let local = t.with_timezone(&profile.time_zone).date_naive();
    if t < WakingDay::of(profile, local).wake {
        local.pred_opt().unwrap_or(local)
    } else {
        local
    }
}

/// The waking day that begins at wake time on `date` and ends at the bedtime that follows.
/// A bedtime after midnight (00:30) therefore belongs to the evening of `date`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WakingDay {
    pub date: NaiveDate,
    pub tz: Tz,
    pub wake_time: NaiveTime,
    pub bed_time: NaiveTime,
    pub wake: DateTime<Utc>,
    pub bed: DateTime<Utc>,
}

impl WakingDay {
    pub fn of(profile: &Profile, date: NaiveDate) -> Self {
        let tz = profile.time_zone;
        let wake = resolve_local(tz, date, profile.wake_time);
        let mut day = WakingDay {
            date,
            tz,
            wake_time: profile.wake_time,
            bed_time: profile.bedtime,
            wake,
            bed: wake,
        };
        day.bed = day.place(profile.bedtime);
        if day.bed <= day.wake {
            day.bed = wake + Duration::days(1);
        }
        day
    }

    /// The instant a clock time names inside this waking day. The day is split in the middle
    /// of the night, not at the wake time: a time in the second half of the sleep (a 06:00 thyroid
    /// pill for a 06:30 wake, a 05:30 coffee) is this morning's, before waking; a time in the
    /// first half (a 00:30 bedtime, a 03:00 night-shift meal) is this evening's, on the next
    /// date. Local clock arithmetic, resolved by the DST policy, so a DST morning keeps the clock.
    pub fn place(&self, t: NaiveTime) -> DateTime<Utc> {
        const DAY: i64 = 24 * 60;
        let mins = |x: NaiveTime| i64::from(x.num_seconds_from_midnight() / 60);
        let sleep = (mins(self.wake_time) - mins(self.bed_time)).rem_euclid(DAY);
        let after_wake = (mins(t) - mins(self.wake_time)).rem_euclid(DAY);
        let offset = if after_wake >= DAY - sleep / 2 && after_wake > 0 {
            after_wake - DAY
        } else {
            after_wake
        };
        let local = self.date.and_time(self.wake_time) + Duration::minutes(offset);
        resolve_local(self.tz, local.date(), local.time())
    }

    /// The instants a clock time names on the waking days around this one (the day before,
    /// this day, the day after): what a daily dose or habit at that clock time can do near
    /// this day's iron, whichever side of a day boundary it falls.
    pub fn around(&self, t: NaiveTime) -> Vec<(NaiveDate, DateTime<Utc>)> {
        [self.date.pred_opt(), Some(self.date), self.date.succ_opt()]
            .into_iter()
            .flatten()
            .map(|d| {
                let other = WakingDay { date: d, ..*self };
                (d, other.place(t))
            })
            .collect()
    }

    /// `HH:MM` of an instant in this day's zone, saying which pass in an hour a fall-back change
    /// repeats ([`crate::model::time::format_instant_clock`]).
    pub fn hhmm(&self, t: DateTime<Utc>) -> String {
        crate::model::time::format_instant_clock(t, self.tz)
    }

    /// Wall-clock arithmetic: the instant whose local time is `minutes` after (or, negative,
    /// before) the local time of `t`, resolved by the reminder policy: for times set after
    /// waking (a lab recheck reminder), which follow the clock. "Before bed" items keep their
    /// real-time distance instead ([`Self::before_bed`]).
    pub fn shift_local(&self, t: DateTime<Utc>, minutes: Duration) -> DateTime<Utc> {
        let local = t.with_timezone(&self.tz).naive_local() + minutes;
        resolve_local(self.tz, local.date(), local.time())
    }

    /// `minutes` before bedtime in real time (SPEC §3: "before bed" items keep their real-time
    /// distance from bedtime on transition nights, and a window never shrinks to zero). On a
    /// night whose clock change falls between the two, the clock reads an hour more or less.
    pub fn before_bed(&self, minutes: Duration) -> DateTime<Utc> {
        self.bed - minutes
    }

    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.wake <= t && t < self.bed
    }

    /// The waking day an instant belongs to, split in the middle of the night as
    /// [`Self::place`] splits clock times: 06:00 before a 06:30 wake is that morning's (a
    /// bisphosphonate on waking early), 23:30 after a 23:00 bedtime that evening's.
    pub fn owning(profile: &Profile, t: DateTime<Utc>) -> Self {
        let local = t.with_timezone(&profile.time_zone);
        let date = local.date_naive();
        // `place` works in whole local minutes, so the instant is matched by its minute on the
        // local clock: a dose logged "now" at 00:30:45 after a 01:00 bedtime is the evening's,
        // not the next day's. Local, because an offset need not be whole minutes (Monrovia
        // was -0:44:30 until 1972).
        let minute = t
            - Duration::seconds(i64::from(local.second()))
            - Duration::nanoseconds(i64::from(local.nanosecond()));
        // The local date first: most instants are in its day, and a clock time names one
        // instant per waking day, so the order does not change the answer.
        [Some(date), date.pred_opt(), date.succ_opt()]
            .into_iter()
            .flatten()
            .map(|d| WakingDay::of(profile, d))
            .find(|d| d.place(local.time()) == minute)
            .unwrap_or_else(|| WakingDay::of(profile, date))
    }
}

/// "2 h", "30 min", "1 h 30 min".
pub fn span(d: Duration) -> String {
    let m = d.num_minutes();
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str, h: u32, m: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&date(s).and_time(t(h, m)))
    }

    #[test]
    fn the_waking_date_rolls_over_at_the_wake_time_not_at_midnight() {
        let berlin = Profile {
            time_zone: Tz::named("Europe/Berlin").unwrap(),
            wake_time: t(7, 0),
            ..Profile::default()
        };
        // 02:00 CET on 12-02: the night of 12-01 is still in progress.
        assert_eq!(
            waking_date(&berlin, utc("2026-12-02", 1, 0)),
            date("2026-12-01")
        );
        assert_eq!(
            waking_date(&berlin, utc("2026-12-02", 5, 59)),
            date("2026-12-01")
        );
        // 07:00 CET: woken, the night of 12-01 has ended.
        assert_eq!(
            waking_date(&berlin, utc("2026-12-02", 6, 0)),
            date("2026-12-02")
        );
        // 2026-03-29, clocks forward at 02:00 CET: 06:30 CEST (04:30 UTC) is before waking,
        // 07:30 CEST (05:30 UTC, which a fixed +1 h would read as 06:30) after.
        assert_eq!(
            waking_date(&berlin, utc("2026-03-29", 4, 30)),
            date("2026-03-28")
        );
        assert_eq!(
            waking_date(&berlin, utc("2026-03-29", 5, 30)),
            date("2026-03-29")
        );
    }

    #[test]
    fn a_calendar_day_is_23_or_25_hours_long_on_its_dst_changes() {
        let london = Tz::named("Europe/London").unwrap();
        let (a, b) = utc_bounds(london, date("2026-03-29"));
        assert_eq!((a, b), (utc("2026-03-29", 0, 0), utc("2026-03-29", 23, 0)));
        let (a, b) = utc_bounds(london, date("2026-10-25"));
        assert_eq!((a, b), (utc("2026-10-24", 23, 0), utc("2026-10-26", 0, 0)));
    }

    #[test]
    fn the_last_date_chrono_knows_runs_to_the_end_of_time_without_a_panic() {
        let (start, end) = utc_bounds(Tz::UTC, NaiveDate::MAX);
        assert_eq!(start.date_naive(), NaiveDate::MAX);
        assert_eq!(end, DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn a_waking_day_holds_its_wake_instant_and_not_its_bedtime() {
        let day = WakingDay::of(&Profile::default(), date("2026-11-21"));
        assert!(day.contains(day.wake));
        assert!(day.contains(day.bed - Duration::seconds(1)));
        assert!(!day.contains(day.bed));
        assert!(!day.contains(day.wake - Duration::seconds(1)));
    }

    #[test]
    fn a_clock_time_around_a_day_names_the_day_before_this_day_and_the_day_after() {
        let day = WakingDay::of(&Profile::default(), date("2026-11-21"));
        assert_eq!(
            day.around(t(13, 0)),
            vec![
                (date("2026-11-20"), utc("2026-11-20", 13, 0)),
                (date("2026-11-21"), utc("2026-11-21", 13, 0)),
                (date("2026-11-22"), utc("2026-11-22", 13, 0)),
            ]
        );
    }

    #[test]
    fn a_bedtime_equal_to_the_wake_time_makes_a_whole_day() {
        let p = Profile {
            wake_time: t(7, 0),
            bedtime: t(7, 0),
            ..Profile::default()
        };
        let day = WakingDay::of(&p, date("2026-11-21"));
        assert_eq!(day.wake, utc("2026-11-21", 7, 0));
        assert_eq!(day.bed, utc("2026-11-22", 7, 0));
    }

    #[test]
    fn a_clock_time_falls_on_the_side_of_the_middle_of_the_night_it_is_on() {
        // Asleep 22:30 to 06:30: the night's middle is 02:30.
        let p = Profile {
            wake_time: t(6, 30),
            bedtime: t(22, 30),
            ..Profile::default()
        };
        let day = WakingDay::of(&p, date("2026-11-21"));
        assert_eq!(day.place(t(13, 0)), utc("2026-11-21", 13, 0));
        assert_eq!(day.place(t(6, 30)), utc("2026-11-21", 6, 30));
        assert_eq!(day.place(t(6, 0)), utc("2026-11-21", 6, 0));
        assert_eq!(day.place(t(3, 0)), utc("2026-11-21", 3, 0));
        assert_eq!(day.place(t(2, 0)), utc("2026-11-22", 2, 0));
        assert_eq!(day.place(t(23, 30)), utc("2026-11-21", 23, 30));
        assert_eq!(day.bed, utc("2026-11-21", 22, 30));
    }

    /// Issue #15: 06:00 before a 06:30 wake is that morning's, not the evening's before; the
    /// night splits at 02:30 as `place` splits clock times.
    #[test]
    fn an_instant_belongs_to_the_waking_day_on_its_side_of_the_night() {
        let p = Profile {
            wake_time: t(6, 30),
            bedtime: t(22, 30),
            ..Profile::default()
        };
        let owning = |s, h, m| WakingDay::owning(&p, utc(s, h, m)).date;
        assert_eq!(owning("2026-11-22", 6, 0), date("2026-11-22"));
        assert_eq!(owning("2026-11-22", 2, 30), date("2026-11-22"));
        assert_eq!(owning("2026-11-22", 2, 29), date("2026-11-21"));
        assert_eq!(owning("2026-11-21", 23, 30), date("2026-11-21"));
        assert_eq!(owning("2026-11-21", 13, 0), date("2026-11-21"));
    }

    /// An instant with seconds (a dose logged "now") belongs to the day of its minute: the
    /// evening's half of the night stays the evening's, whichever date the clock shows.
    #[test]
    fn an_instant_with_seconds_belongs_to_the_day_of_its_minute() {
        let p = Profile {
            wake_time: t(6, 30),
            bedtime: t(22, 30),
            ..Profile::default()
        };
        let owning = |s, h, m, sec, ms| {
            let at = utc(s, h, m) + Duration::seconds(sec) + Duration::milliseconds(ms);
            WakingDay::owning(&p, at).date
        };
        assert_eq!(owning("2026-11-22", 0, 30, 45, 0), date("2026-11-21"));
        assert_eq!(owning("2026-11-22", 2, 29, 59, 999), date("2026-11-21"));
        assert_eq!(owning("2026-11-22", 2, 30, 0, 1), date("2026-11-22"));
        assert_eq!(owning("2026-11-21", 23, 30, 30, 0), date("2026-11-21"));
        // An offset that is not whole minutes: Monrovia was -0:44:30 until 1972, so local
        // 00:30:00 and 00:30:45 after a 01:00 bedtime (01:14:30 and 01:15:15 UTC) are the
        // evening's.
        let monrovia = Profile {
            time_zone: Tz::named("Africa/Monrovia").unwrap(),
            wake_time: t(9, 0),
            bedtime: t(1, 0),
            ..Profile::default()
        };
        for (m, sec) in [(14, 30), (15, 15)] {
            let at = utc("1965-03-10", 1, m) + Duration::seconds(sec);
            assert_eq!(WakingDay::owning(&monrovia, at).date, date("1965-03-09"));
        }
    }
}
