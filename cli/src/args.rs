//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// QuietLegs: a companion for restless legs. Log nights, labs and intakes; see tonight's plan.
///
/// Advice here is general information from the cited sources; discuss any change in treatment
/// with your doctor.
///
/// What you can rely on: no command deletes or overwrites your diary; bad input, a bad file, a
/// busy, damaged or read-only diary each get one line naming the problem (and the file), exit
/// status 2, and nothing is changed. Diary and export files are readable by you alone (0600).
#[derive(Parser, Debug)]
#[command(name = "quietlegs", version, about)]
pub struct Cli {
    /// The diary file, used exactly as given (default: $XDG_DATA_HOME/quietlegs/quietlegs.db).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Print JSON for scripts instead of text for people.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show or change your settings (time zone, bedtime, meals).
    Profile {
        #[command(subcommand)]
        cmd: ProfileCmd,
    },
    /// Log a night, an intake, a dose or an activity.
    Log {
        #[command(subcommand)]
        cmd: LogCmd,
    },
    /// Add a lab result.
    Lab {
        #[command(subcommand)]
        cmd: LabCmd,
    },
    /// List logged nights. A night logged on two devices before they synced lists both
    /// entries, marked, with their ids (the newer one is used by charts and the report).
    Nights {
        #[arg(long, conflicts_with = "date")]
        from: Option<String>,
        #[arg(long, conflicts_with = "date")]
        to: Option<String>,
        /// One night date, YYYY-MM-DD (every entry logged for it).
        #[arg(long)]
        date: Option<String>,
    },
    /// List lab results.
    Labs {
        /// ferritin, tsat, haemoglobin, vitamin_d or egfr
        analyte: Option<String>,
    },
    /// List the events of one day.
    Events {
        #[arg(long)]
        date: String,
    },
    /// Delete a record by id (other devices learn of the deletion on sync).
    Delete { id: String },
    /// Tonight's plan: iron window, medicines, the bedtime routine.
    Plan {
        #[arg(long)]
        date: Option<String>,
    },
    /// When iron may be taken on a date, and why.
    IronWindow {
        #[arg(long)]
        date: Option<String>,
    },
    /// Is it fine to have this now (coffee, tea, milk, meal, antacid, levothyroxine ...)?
    Check {
        what: String,
        /// YYYY-MM-DDTHH:MM local, or RFC 3339; default now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Reminder occurrences for the coming days.
    Reminders {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        days: Option<u32>,
    },
    /// Act on a reminder: done, snooze or skip.
    Reminder {
        #[command(subcommand)]
        cmd: ReminderCmd,
    },
    /// Your medicines and supplements.
    Regimen {
        #[command(subcommand)]
        cmd: RegimenCmd,
    },
    /// Habitual intakes, e.g. coffee at 07:30.
    Habit {
        #[command(subcommand)]
        cmd: HabitCmd,
    },
    /// Iron status, doctor flags, augmentation screen, trends, triggers and adherence.
    Status {
        /// The day, YYYY-MM-DD, not after today (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Medicines: does this one worsen RLS or affect iron timing?
    Med {
        #[command(subcommand)]
        cmd: MedCmd,
    },
    /// The RLS screener (asks five questions; or pass all five answers as flags).
    Screen(ScreenArgs),
    /// The evidence table: every clinical constant with its source.
    Evidence,
    /// Export the diary: json (to move or back up), csv, fhir, report (HTML for the doctor), ics.
    Export {
        #[arg(long, default_value = "json")]
        format: String,
        /// Output file (for csv: a folder).
        #[arg(short = 'o', long)]
        output: std::path::PathBuf,
        /// Encrypt a json export with a passphrase (from QUIETLEGS_PASSPHRASE or a prompt).
        #[arg(long)]
        encrypt: bool,
        /// report/ics: the day the report is for / the first day of the calendar.
        #[arg(long)]
        date: Option<String>,
        /// ics: how many days of the routine.
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
    /// Copy what can still be read from a damaged diary into a new diary file (never over an
    /// existing one); the damaged diary is only read. Then use or export the new one.
    Rescue {
        /// The new diary file.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Merge an export file (plain or encrypted) into this diary.
    Import { file: std::path::PathBuf },
    /// Create (or refresh) a demo diary with about 120 nights, print tonight's plan and the
    /// status, and write the HTML report. The demo lives in its own file, never in your diary
    /// (--db is refused here); refreshing it replaces only a file the demo made.
    Demo {
        /// The demo's own file (default: demo.db in the data folder).
        #[arg(long)]
        file: Option<std::path::PathBuf>,
        /// Where the report goes (default: next to the demo diary).
        #[arg(long)]
        report: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum MedCmd {
    /// `med check "Tylenol PM"`
    Check { name: String },
    /// The short augmentation questionnaire for people on a dopamine agonist (pramipexole,
    /// ropinirole, rotigotine, cabergoline, bromocriptine, pergolide, piribedil, apomorphine) or levodopa whose diary cannot show the weeks when the drug first worked: it began on the
    /// drug, the start date is unknown, or it has too few nights from then (SPEC §2.5). With no
    /// answers, shows the saved ones; answers not given keep their saved values. `med augmentation --usual-onset 22:00 --severity 3
    /// --spread-before false --relief-then 10 --relief-now 6 --dose-increases 2`; `med
    /// augmentation --clear relief-then,relief-now` takes answers back (`--clear all`: every one).
    // A negative answer (`--dose-increases -1`) reaches the core's range check naming the
    // answer, not clap's "unexpected argument" (review of #15).
    #[command(allow_negative_numbers = true)]
    Augmentation {
        /// When symptoms usually began before the drug, HH:MM.
        #[arg(long)]
        usual_onset: Option<String>,
        /// How bad a usual evening was while the drug first worked, 0-10.
        #[arg(long)]
        severity: Option<String>,
        /// Whether symptoms already reached the arms or trunk before the drug.
        #[arg(long)]
        spread_before: Option<bool>,
        /// Hours one dose relieved symptoms when it first worked: more than 0, at most 24
        /// (`1.5` or `1,5`).
        #[arg(long)]
        relief_then: Option<String>,
        /// Hours one dose relieves symptoms now: 0-24 (`1.5` or `1,5`).
        #[arg(long)]
        relief_now: Option<String>,
        /// Times the dose has been raised since the drug started, 0-50.
        #[arg(long)]
        dose_increases: Option<String>,
        /// Answers to take back, comma-separated: usual-onset, severity, spread-before,
        /// relief-then, relief-now, dose-increases, or all. Not together with new answers.
        #[arg(long)]
        clear: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct ScreenArgs {
    #[arg(long)]
    pub urge: Option<bool>,
    #[arg(long)]
    pub worse_at_rest: Option<bool>,
    #[arg(long)]
    pub relieved_by_movement: Option<bool>,
    #[arg(long)]
    pub worse_in_evening: Option<bool>,
    #[arg(long)]
    pub not_explained_otherwise: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum ReminderCmd {
    /// Mark it done: a dose or activity reminder logs the real event (once, however often done)
    Done {
        /// The reminder's id, as `reminders` lists it
        id: String,
        /// When it was really done; default now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Remind again later
    Snooze {
        /// The reminder's id, as `reminders` lists it
        id: String,
        /// Minutes to wait, 1-1440
        #[arg(long, default_value_t = 10)]
        minutes: u32,
    },
    /// Skip it this time (nothing is logged)
    Skip {
        /// The reminder's id, as `reminders` lists it
        id: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegimenCmd {
    /// `regimen add iron --mg 65 --every 2 --with-vitamin-c`; `regimen add med levothyroxine --at 06:30`
    Add {
        /// iron, vitamin_c, magnesium, med or supplement
        kind: String,
        /// The name (required for med and supplement).
        name: Option<String>,
        /// Dose in mg (for iron: the elemental iron, as the pack states it)
        #[arg(long)]
        mg: Option<f64>,
        /// Local times, comma-separated HH:MM. For iron, leave out so the planner finds the
        /// window, or give the time your doctor set: it is kept, and the plan warns of clashes.
        #[arg(long)]
        at: Option<String>,
        /// 1 = daily, 2 = alternate days.
        #[arg(long, default_value_t = 1)]
        every: i32,
        /// Taken together with vitamin C
        #[arg(long)]
        with_vitamin_c: bool,
        /// The day you started, YYYY-MM-DD (not after today, not before your birth date or the
        /// drug's first approval), or "unknown" if you do not know (long ago). Required for
        /// the dopamine agonists (pramipexole, ropinirole, rotigotine, cabergoline,
        /// bromocriptine, pergolide, piribedil, apomorphine) and levodopa: the augmentation screen needs to
        /// know whether your diary covers the weeks when the drug first worked. Otherwise the
        /// default is today.
        #[arg(long)]
        start: Option<String>,
        /// Last day, YYYY-MM-DD (default: no end)
        #[arg(long)]
        stop: Option<String>,
    },
    List,
    /// `regimen start pramipexole 2024-03-01` or `regimen start ID unknown`: when an item already
    /// in the regimen was started (items added before QuietLegs asked show the day they were
    /// added)
    Start {
        /// The item: its id as `regimen list` shows it, the first 4 or more characters of the
        /// id, or the medicine's name when only one entry has it
        id: String,
        /// The day you started, YYYY-MM-DD (not after today, not before your birth date or the
        /// drug's first approval), or "unknown" if you do not know (long ago)
        start: String,
    },
    /// `regimen stop ropinirole 2026-11-30`: the last day an item was taken (a stop or a switch
    /// your doctor decided); its history stays. `regimen stop ID none` clears it.
    Stop {
        /// The item, as for `regimen start`
        id: String,
        /// The last day it was taken, YYYY-MM-DD (not before its start), or "none" to clear
        stop: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum HabitCmd {
    /// `habit add coffee --at 07:30`
    Add {
        what: String,
        #[arg(long)]
        at: String,
    },
    List,
}

#[derive(Subcommand, Debug)]
pub enum ProfileCmd {
    Show,
    Set(Box<ProfileArgs>),
}

#[derive(Args, Debug)]
pub struct ProfileArgs {
    /// IANA time zone, e.g. Europe/Berlin
    #[arg(long)]
    pub tz: Option<String>,
    /// HH:MM
    #[arg(long)]
    pub bedtime: Option<String>,
    /// HH:MM
    #[arg(long)]
    pub wake: Option<String>,
    /// HH:MM, or "none" to clear (an empty value is refused)
    #[arg(long)]
    pub breakfast: Option<String>,
    /// HH:MM, or "none" to clear
    #[arg(long)]
    pub lunch: Option<String>,
    /// HH:MM, or "none" to clear
    #[arg(long)]
    pub dinner: Option<String>,
    #[arg(long)]
    pub pregnant: Option<bool>,
    #[arg(long)]
    pub kidney_disease: Option<bool>,
    /// Coeliac disease or inflammatory bowel disease.
    #[arg(long)]
    pub malabsorption: Option<bool>,
    /// Due date of a pregnancy, YYYY-MM-DD, or "none"; advice ends 6 weeks after it.
    #[arg(long)]
    pub due_date: Option<String>,
    #[arg(long)]
    pub dialysis: Option<bool>,
    /// Date of birth, YYYY-MM-DD, or "none" (under 18: no iron advice).
    #[arg(long)]
    pub birth_date: Option<String>,
    #[arg(long)]
    pub haemochromatosis: Option<bool>,
    #[arg(long)]
    pub thalassaemia: Option<bool>,
    #[arg(long)]
    pub regular_transfusions: Option<bool>,
    /// female, male or none (the haemoglobin cut-off).
    #[arg(long)]
    pub sex: Option<String>,
    /// Bedtime-routine reminders to switch on (none is tested in trials), comma-separated:
    /// warm_bath,warm_socks,movement,exercise_cutoff; "none" switches all off (an empty value
    /// is refused).
    #[arg(long)]
    pub routine: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum LogCmd {
    /// A night: the quick 0-10 rating and what happened. The IRLS rates a week, not a night:
    /// use `log weekly-irls`.
    ///
    /// Logging a night again for the same date adds to it: what you give this time replaces
    /// that field, and every field you leave out (rating, onset, areas, triggers, relief, sleep,
    /// awakenings, note, and IRLS scores an older diary holds) keeps what was logged before.
    /// Logging exactly what is stored writes nothing ("unchanged"). An empty value (--note "")
    /// is refused: `log night` cannot clear a field; to clear one, delete the night (its id:
    /// `quietlegs --json nights --date D`; `quietlegs delete ID`) and log it again.
    Night(NightArgs),
    /// coffee, tea, dairy_calcium, meal, alcohol, nicotine or antacid.
    Intake {
        what: String,
        /// YYYY-MM-DDTHH:MM local, or RFC 3339; default now.
        #[arg(long)]
        at: Option<String>,
        /// Free text; may start with "-" (a bullet: `--note "- woke twice"`).
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// exercise, walk, warm_bath, stretching or compression.
    Activity {
        what: String,
        /// light, moderate or vigorous
        #[arg(long)]
        intensity: Option<String>,
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        at: Option<String>,
        /// Free text; may start with "-" (a bullet: `--note "- woke twice"`).
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// The weekly IRLS: ten item scores 0-4 for the past 7 days (one rating per week).
    #[command(name = "weekly-irls")]
    WeeklyIrls {
        /// Ten item scores 0-4, comma-separated.
        items: String,
        /// The last day of the week rated, YYYY-MM-DD; default today.
        #[arg(long)]
        week_ending: Option<String>,
    },
    /// An IV iron infusion: ferric_carboxymaltose, ferumoxytol, lmw_iron_dextran, iron_sucrose
    /// or other.
    #[command(name = "iv-iron")]
    IvIron {
        formulation: String,
        #[arg(long)]
        at: Option<String>,
        /// Free text; may start with "-" (a bullet: `--note "- woke twice"`).
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// A dose of a regimen item: `log dose pramipexole` or `log dose ID`.
    Dose {
        /// The item: its id as `regimen list` shows it, the first 4 or more characters of the
        /// id, or the medicine's name when only one entry has it
        regimen_id: String,
        #[arg(long)]
        at: Option<String>,
        /// Free text; may start with "-" (a bullet: `--note "- woke twice"`).
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
}

#[derive(Args, Debug)]
#[command(allow_negative_numbers = true)]
pub struct NightArgs {
    /// The evening the night began, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// Quick rating 0-10.
    #[arg(long)]
    pub severity: Option<i32>,
    /// Symptom onset, HH:MM.
    #[arg(long)]
    pub onset: Option<String>,
    /// Refused: the IRLS rates the past week (SPEC §2.7), so it is logged with `log weekly-irls`.
    /// Kept as an option so that old scripts get that answer instead of "unknown argument".
    #[arg(long, hide = true)]
    pub irls: Option<String>,
    /// legs,arms,trunk
    #[arg(long)]
    pub areas: Option<String>,
    /// caffeine,alcohol,nicotine,antihistamine,late_exercise,long_sitting
    #[arg(long)]
    pub triggers: Option<String>,
    /// e.g. walking:a_lot,massage:a_little
    #[arg(long)]
    pub relief: Option<String>,
    /// Hours slept.
    #[arg(long)]
    pub sleep: Option<f64>,
    #[arg(long)]
    pub awakenings: Option<i32>,
    /// Free text; may start with "-" (a bullet: `--note "- woke twice"`).
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum LabCmd {
    /// e.g. `lab add ferritin 42 ng/mL --date 2026-11-01`, `lab add hb 12,5 g/dL --date …`
    /// (a decimal comma with one or two digits after it is read as a decimal point)
    #[command(allow_negative_numbers = true)]
    Add {
        analyte: String,
        value: String,
        unit: String,
        #[arg(long)]
        date: String,
    },
}
