//! `quietlegs`: the desktop shell. A thin client of the core's API: it parses arguments, calls
//! the same `QuietLegs` object the phones use, and prints.

mod args;
mod files;
mod output;
mod screen;
mod term;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use quietlegs_core::{
    parse_intake, parse_word, ActivityKind, Analyte, BodyArea, Clock, EventInput, EventKind,
    FixedClock, Intensity, IvIronFormulation, LabInput, NightInput, QuietLegs, QuietLegsError,
    RegimenInput, RegimenKind, Relief, ReliefEffect, ReliefKind, ReminderAction, Routine, Sex,
    SystemClock, Trigger,
};

use args::{Cli, Command, HabitCmd, LabCmd, LogCmd, MedCmd, ProfileCmd, RegimenCmd, ReminderCmd};

/// Bad input, refusals and every file error (each naming its file) exit with 2; an unexpected
/// storage failure with 1. Either way nothing was changed.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) if output::all_written() => ExitCode::SUCCESS,
        Ok(()) => {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "quietlegs: the output could not be written (disk full?)"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            use std::io::Write as _;
            // Escaped: a path or a typed value may hold control characters.
            let _ = writeln!(
                std::io::stderr(),
                "quietlegs: {}",
                term::clean(&e.to_string())
            );
            let code = match e {
                QuietLegsError::Storage { .. } | QuietLegsError::EncryptionFailed { .. } => 1,
                _ => EXIT_BAD_INPUT,
            };
            ExitCode::from(code)
        }
    }
}

pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> QuietLegsError {
    QuietLegsError::InvalidInput {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// `$XDG_DATA_HOME/quietlegs/quietlegs.db`, else `~/.local/share/quietlegs/quietlegs.db`; its
/// folder is created (0700) for a command that writes.
pub(crate) fn default_db() -> Result<PathBuf, QuietLegsError> {
    let path = default_db_path()?;
    if let Some(dir) = path.parent() {
        // Health data: the folder is the owner's alone (0700).
        quietlegs_core::create_private_dir(dir)?;
    }
    Ok(path)
}

/// [`default_db`] without creating anything (for the commands that only read).
fn default_db_path() -> Result<PathBuf, QuietLegsError> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| invalid("database", "set --db, XDG_DATA_HOME or HOME"))?;
    Ok(base.join("quietlegs").join("quietlegs.db"))
}

/// `QUIETLEGS_NOW` (RFC 3339) stops the clock, for reproducible scripts and tests.
pub(crate) fn clock() -> Result<Arc<dyn Clock>, QuietLegsError> {
    match std::env::var("QUIETLEGS_NOW") {
        Ok(s) => {
            let t = chrono::DateTime::parse_from_rfc3339(&s).map_err(|_| {
                invalid("QUIETLEGS_NOW", format!("{s:?}: expected an RFC 3339 time"))
            })?;
            Ok(Arc::new(FixedClock(t.with_timezone(&chrono::Utc))))
        }
        Err(_) => Ok(Arc::new(SystemClock)),
    }
}

pub(crate) fn open(db: &Option<PathBuf>) -> Result<Arc<QuietLegs>, QuietLegsError> {
    let path = match db {
        Some(p) => p.clone(),
        None => default_db()?,
    };
    QuietLegs::open_at(&path, clock()?)
}

/// For commands that only read. A diary that does not exist is never created (a typo in
/// `--db` must not make an empty diary and then export it over a good backup): "no such diary",
/// exit 2. A diary that cannot be written (read-only folder or medium) is opened read-only, so
/// it can still be shown and exported.
pub(crate) fn open_to_read(db: &Option<PathBuf>) -> Result<Arc<QuietLegs>, QuietLegsError> {
    let path = match db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    // A dangling link counts as missing: opening it for writing would create its target.
    if std::fs::metadata(&path).is_err() {
        return QuietLegs::open_read_only_at(&path, clock()?);
    }
    match QuietLegs::open_at(&path, clock()?) {
        Err(QuietLegsError::ReadOnly { .. }) => QuietLegs::open_read_only_at(&path, clock()?),
        other => other,
    }
}

fn list<T: serde::Serialize + for<'de> serde::Deserialize<'de>>(
    field: &str,
    s: &Option<String>,
    all: &[T],
) -> Result<Vec<T>, QuietLegsError> {
    s.iter()
        .flat_map(|v| v.split(','))
        .filter(|w| !w.trim().is_empty())
        .map(|w| parse_word(field, w, all))
        .collect()
}

fn parse_irls(s: &str) -> Result<Vec<i32>, QuietLegsError> {
    s.split(',')
        .map(|p| {
            p.trim()
                .parse::<i32>()
                .map_err(|_| invalid("IRLS items", format!("{p:?} is not a score 0-4")))
        })
        .collect()
}

/// `warm_bath,movement` (the routine items to switch on), or `none`.
fn parse_routine(s: &str) -> Result<Routine, QuietLegsError> {
    let mut r = Routine::default();
    for w in s
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty() && *w != "none")
    {
        match w.replace('-', "_").as_str() {
            "warm_bath" => r.warm_bath = true,
            "warm_socks" => r.warm_socks = true,
            "movement" => r.movement = true,
            "exercise_cutoff" => r.exercise_cutoff = true,
            _ => {
                return Err(invalid(
                    "routine",
                    format!(
                        "{w:?}: expected warm_bath, warm_socks, movement, exercise_cutoff or none"
                    ),
                ))
            }
        }
    }
    Ok(r)
}

/// `walking:a_lot,massage:a_little`
fn parse_relief(s: &Option<String>) -> Result<Vec<Relief>, QuietLegsError> {
    const EFFECTS: [ReliefEffect; 3] = [
        ReliefEffect::NotAtAll,
        ReliefEffect::ALittle,
        ReliefEffect::ALot,
    ];
    s.iter()
        .flat_map(|v| v.split(','))
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            let (k, e) = w.split_once(':').unwrap_or((w, "a_little"));
            Ok(Relief {
                kind: parse_word("relief", k, &ReliefKind::ALL)?,
                effect: parse_word("relief effect", e, &EFFECTS)?,
            })
        })
        .collect()
}

fn run(cli: Cli) -> Result<(), QuietLegsError> {
    let json = cli.json;
    match cli.command {
        Command::Profile {
            cmd: ProfileCmd::Show,
        } => {
            let q = open_to_read(&cli.db)?;
            output::profile(&q.profile()?, json);
        }
        Command::Profile {
            cmd: ProfileCmd::Set(a),
        } => {
            // Only the given settings change, read and written in one transaction in the core:
            // concurrent `profile set` calls each keep their change.
            let none_is_empty = |v: String| if v == "none" { String::new() } else { v };
            let changes = quietlegs_core::ProfileChanges {
                time_zone: a.tz,
                bedtime: a.bedtime,
                wake_time: a.wake,
                breakfast: a.breakfast.map(none_is_empty),
                lunch: a.lunch.map(none_is_empty),
                dinner: a.dinner.map(none_is_empty),
                pregnant: a.pregnant,
                kidney_disease: a.kidney_disease,
                malabsorption: a.malabsorption,
                due_date: a.due_date.map(none_is_empty),
                dialysis: a.dialysis,
                birth_date: a.birth_date.map(none_is_empty),
                haemochromatosis: a.haemochromatosis,
                thalassaemia: a.thalassaemia,
                regular_transfusions: a.regular_transfusions,
                clear_sex: a.sex.as_deref() == Some("none"),
                sex: match a.sex.as_deref() {
                    None | Some("none") => None,
                    Some(s) => Some(parse_word("sex", s, &Sex::ALL)?),
                },
                routine: a.routine.as_deref().map(parse_routine).transpose()?,
            };
            let q = open(&cli.db)?;
            output::profile(&q.update_profile(changes)?, json);
        }
        Command::Log {
            cmd: LogCmd::Night(a),
        } => {
            let input = NightInput {
                night_date: a.date,
                quick_severity: a.severity,
                irls_items: a.irls.as_deref().map(parse_irls).transpose()?,
                onset: a.onset,
                body_areas: list("body area", &a.areas, &BodyArea::ALL)?,
                sleep_hours: a.sleep,
                awakenings: a.awakenings,
                triggers: list("trigger", &a.triggers, &Trigger::ALL)?,
                relief: parse_relief(&a.relief)?,
                notes: a.note,
            };
            let q = open(&cli.db)?;
            output::night(&q.log_night_keeping(input)?, json);
        }
        Command::Log {
            cmd: LogCmd::Intake { what, at, note },
        } => {
            let what = parse_intake("intake", &what)?;
            let q = open(&cli.db)?;
            let e = q.log_event(EventInput {
                at: at_or_now(at)?,
                kind: EventKind::Intake { what },
                note,
            })?;
            output::event(&e, &[], json);
        }
        Command::Log {
            cmd:
                LogCmd::Activity {
                    what,
                    intensity,
                    minutes,
                    at,
                    note,
                },
        } => {
            let what = parse_word("activity", &what, &ActivityKind::ALL)?;
            let intensity = intensity
                .map(|i| parse_word("intensity", &i, &Intensity::ALL))
                .transpose()?;
            let q = open(&cli.db)?;
            let kind = EventKind::Activity {
                what,
                intensity,
                minutes,
            };
            output::event(
                &q.log_event(EventInput {
                    at: at_or_now(at)?,
                    kind,
                    note,
                })?,
                &[],
                json,
            );
        }
        Command::Log {
            cmd: LogCmd::WeeklyIrls { items, week_ending },
        } => {
            let q = open(&cli.db)?;
            let items = parse_irls(&items)?
                .into_iter()
                .map(|i| u8::try_from(i).unwrap_or(u8::MAX))
                .collect();
            output::event(&q.log_weekly_irls(items, week_ending)?, &[], json);
        }
        Command::Log {
            cmd:
                LogCmd::IvIron {
                    formulation,
                    at,
                    note,
                },
        } => {
            let formulation = parse_word("formulation", &formulation, &IvIronFormulation::ALL)?;
            let q = open(&cli.db)?;
            output::event(
                &q.log_event(EventInput {
                    at: at_or_now(at)?,
                    kind: EventKind::IvIron { formulation },
                    note,
                })?,
                &[],
                json,
            );
        }
        Command::Log {
            cmd:
                LogCmd::Dose {
                    regimen_id,
                    at,
                    note,
                },
        } => {
            let q = open(&cli.db)?;
            let kind = EventKind::Dose { regimen_id };
            let e = q.log_event(EventInput {
                at: at_or_now(at)?,
                kind,
                note,
            })?;
            output::event(&e, &q.regimen()?, json);
        }
        Command::Lab {
            cmd:
                LabCmd::Add {
                    analyte,
                    value,
                    unit,
                    date,
                },
        } => {
            let analyte = parse_word("lab", &analyte, &Analyte::ALL)?;
            let q = open(&cli.db)?;
            let lab = q.add_lab(LabInput {
                analyte,
                value,
                unit,
                taken_on: date,
            })?;
            output::labs(&[lab], json);
        }
        Command::Nights { from, to } => {
            output::nights(&open_to_read(&cli.db)?.nights(from, to)?, json)
        }
        Command::Labs { analyte } => {
            let analyte = analyte
                .map(|a| parse_word("lab", &a, &Analyte::ALL))
                .transpose()?;
            output::labs(&open_to_read(&cli.db)?.labs(analyte)?, json);
        }
        Command::Events { date } => {
            let q = open_to_read(&cli.db)?;
            output::events(&q.events_on(date)?, &q.regimen()?, json);
        }
        Command::Plan { date } => output::plan(&open_to_read(&cli.db)?.plan(date)?, json),
        Command::IronWindow { date } => {
            output::iron(&open_to_read(&cli.db)?.iron_window(date)?, json)
        }
        Command::Check { what, at } => {
            output::check(&open_to_read(&cli.db)?.check_intake(what, at)?, json)
        }
        Command::Reminders { from, days } => {
            output::reminders(&open_to_read(&cli.db)?.reminders(from, days)?, json)
        }
        Command::Reminder { cmd } => {
            let q = open(&cli.db)?;
            let r = match cmd {
                ReminderCmd::Done { id, at } => q.act_on_reminder(id, ReminderAction::Done, at)?,
                ReminderCmd::Snooze { id, minutes } => {
                    q.act_on_reminder(id, ReminderAction::Snooze { minutes }, None)?
                }
                ReminderCmd::Skip { id } => q.act_on_reminder(id, ReminderAction::Skip, None)?,
            };
            output::acted(&r, &q.regimen()?, json);
        }
        Command::Regimen {
            cmd: RegimenCmd::List,
        } => output::regimen(&open_to_read(&cli.db)?.regimen()?, json),
        Command::Regimen {
            cmd:
                RegimenCmd::Add {
                    kind,
                    name,
                    mg,
                    at,
                    every,
                    with_vitamin_c,
                    start,
                    stop,
                },
        } => {
            let kind = match kind.as_str() {
                "med" | "medicine" | "medication" => RegimenKind::Medication,
                k => parse_word("regimen kind", k, &RegimenKind::ALL)?,
            };
            let name = match (name, kind) {
                (Some(n), _) => n,
                (None, RegimenKind::Iron) => "Iron".to_owned(),
                (None, RegimenKind::VitaminC) => "Vitamin C".to_owned(),
                (None, RegimenKind::Magnesium) => "Magnesium glycinate".to_owned(),
                (None, _) => return Err(invalid("name", "give the medicine's name")),
            };
            let times = at
                .map(|a| a.split(',').map(|t| t.trim().to_owned()).collect())
                .unwrap_or_default();
            let input = RegimenInput {
                kind,
                name,
                dose_mg: mg,
                times,
                every_n_days: every,
                with_vitamin_c,
                start_date: start,
                stop_date: stop,
            };
            let is_medicine = matches!(kind, RegimenKind::Medication | RegimenKind::Supplement);
            let name = input.name.clone();
            output::regimen(&[open(&cli.db)?.add_regimen(input)?], json);
            if is_medicine && !json {
                output::regimen_notes(&quietlegs_core::check_medicine(name));
            }
        }
        Command::Habit {
            cmd: HabitCmd::List,
        } => output::habits(&open_to_read(&cli.db)?.habits()?, json),
        Command::Habit {
            cmd: HabitCmd::Add { what, at },
        } => {
            let what = parse_intake("habit", &what)?;
            output::habits(&[open(&cli.db)?.add_habit(what, at)?], json);
        }
        Command::Status { date } => output::status(&open_to_read(&cli.db)?.status(date)?, json),
        Command::Med {
            cmd: MedCmd::Check { name },
        } => {
            if name.trim().is_empty() {
                return Err(invalid("name", "give the medicine's name"));
            }
            output::medicines(&name, &quietlegs_core::check_medicine(name.clone()), json)
        }
        Command::Med {
            cmd:
                MedCmd::Augmentation {
                    usual_onset,
                    severity,
                    spread_before,
                    relief_then,
                    relief_now,
                    dose_increases,
                },
        } => {
            let answers = quietlegs_core::AugmentationAnswers {
                usual_onset,
                severity_when_it_worked: severity,
                spread_beyond_legs_before: spread_before,
                relief_hours_at_start: relief_then,
                relief_hours_now: relief_now,
                dose_increases,
                answered_on: None,
            };
            let empty = answers.usual_onset.is_none()
                && answers.severity_when_it_worked.is_none()
                && answers.spread_beyond_legs_before.is_none()
                && answers.relief_hours_at_start.is_none()
                && answers.relief_hours_now.is_none()
                && answers.dose_increases.is_none();
            // Showing the answers only reads: it never creates a diary.
            let shown = if empty {
                open_to_read(&cli.db)?.augmentation_answers()?
            } else {
                Some(open(&cli.db)?.set_augmentation_answers(answers)?)
            };
            output::augmentation_answers(shown.as_ref(), json);
        }
        Command::Screen(a) => {
            let answers = screen::answers(&a)?;
            output::screen(&quietlegs_core::screen_rls(answers), json);
        }
        Command::Evidence => output::evidence(json),
        Command::Export {
            format,
            output: out,
            encrypt,
            date,
            days,
        } => files::export(
            &*open_to_read(&cli.db)?,
            &format,
            &out,
            encrypt,
            date,
            days,
            json,
        )?,
        Command::Rescue { to } => {
            let r = open_to_read(&cli.db)?.rescue_to(&to)?;
            output::rescued(&r, json);
        }
        Command::Import { file } => files::import(&cli.db, &file, json)?,
        Command::Demo { file, report } => files::demo(&cli.db, file, report, json)?,
        Command::Delete { id } => {
            // Deleting from a diary that does not exist would create one: "no such diary".
            open_to_read(&cli.db)?.delete(id.clone())?;
            output::done(&format!("deleted {id}"), json);
        }
    }
    Ok(())
}

/// The given time, or the clock's now as RFC 3339.
fn at_or_now(at: Option<String>) -> Result<String, QuietLegsError> {
    match at {
        Some(a) => Ok(a),
        None => {
            let ms = clock()?.now_millis();
            let now = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
            Ok(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        }
    }
}
