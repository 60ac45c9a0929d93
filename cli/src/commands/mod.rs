//! One function per command. [`run`] only dispatches: each arm hands the parsed arguments to
//! the command's function, which opens the diary (for writing, or only to read), makes one API
//! call and prints its answer.

mod diary;
mod files;
mod log;
mod medicine;
mod plan;
mod profile;
mod regimen;
mod screen;

use quietlegs_core::QuietLegsError;

use crate::args::{Cli, Command, HabitCmd, LabCmd, LogCmd, MedCmd, ProfileCmd, RegimenCmd};

/// Runs the command line's one command.
pub fn run(cli: Cli) -> Result<(), QuietLegsError> {
    let json = cli.json;
    let db = &cli.db;
    match cli.command {
        Command::Profile { cmd } => match cmd {
            ProfileCmd::Show => profile::show(db, json),
            ProfileCmd::Set(a) => profile::set(db, *a, json),
        },
        Command::Log { cmd } => match cmd {
            LogCmd::Night(a) => log::night(db, a, json),
            LogCmd::Intake { what, at, note } => log::intake(db, &what, at, note, json),
            LogCmd::Activity {
                what,
                intensity,
                minutes,
                at,
                note,
            } => log::activity(db, &what, intensity, minutes, at, note, json),
            LogCmd::WeeklyIrls { items, week_ending } => {
                log::weekly_irls(db, &items, week_ending, json)
            }
            LogCmd::IvIron {
                formulation,
                at,
                note,
            } => log::iv_iron(db, &formulation, at, note, json),
            LogCmd::Dose {
                regimen_id,
                at,
                note,
            } => log::dose(db, regimen_id, at, note, json),
        },
        Command::Lab {
            cmd:
                LabCmd::Add {
                    analyte,
                    value,
                    unit,
                    date,
                },
        } => diary::lab_add(db, &analyte, &value, unit, date, json),
        Command::Labs { analyte } => diary::labs(db, analyte, json),
        Command::Nights { from, to, date } => match date {
            Some(d) => diary::nights(db, Some(d.clone()), Some(d), json),
            None => diary::nights(db, from, to, json),
        },
        Command::Events { date } => diary::events(db, date, json),
        Command::Delete { id } => diary::delete(db, id, json),
        Command::Rescue { to } => diary::rescue(db, &to, json),
        Command::Plan { date } => plan::plan(db, date, json),
        Command::IronWindow { date } => plan::iron_window(db, date, json),
        Command::Check { what, at } => plan::check(db, what, at, json),
        Command::Reminders { from, days } => plan::reminders(db, from, days, json),
        Command::Reminder { cmd } => plan::reminder(db, cmd, json),
        Command::Regimen { cmd } => match cmd {
            RegimenCmd::List => regimen::list(db, json),
            RegimenCmd::Start { id, start } => regimen::start(db, &id, &start, json),
            RegimenCmd::Stop { id, stop } => regimen::stop(db, &id, &stop, json),
            RegimenCmd::Add {
                kind,
                name,
                mg,
                at,
                every,
                with_vitamin_c,
                start,
                stop,
            } => regimen::add(
                db,
                regimen::Added {
                    kind,
                    name,
                    mg,
                    at,
                    every,
                    with_vitamin_c,
                    start,
                    stop,
                },
                json,
            ),
        },
        Command::Habit { cmd } => match cmd {
            HabitCmd::List => regimen::habits(db, json),
            HabitCmd::Add { what, at } => regimen::habit_add(db, &what, at, json),
        },
        Command::Status { date } => medicine::status(db, date, json),
        Command::Med { cmd } => match cmd {
            MedCmd::Check { name } => medicine::check(db, &name, json),
            MedCmd::Augmentation {
                usual_onset,
                severity,
                spread_before,
                relief_then,
                relief_now,
                dose_increases,
                clear,
            } => medicine::augmentation(
                db,
                medicine::Questionnaire {
                    usual_onset,
                    severity,
                    spread_before,
                    relief_then,
                    relief_now,
                    dose_increases,
                    clear,
                },
                json,
            ),
        },
        Command::Screen(a) => medicine::screen(&a, json),
        Command::Evidence => {
            crate::output::evidence(json);
            Ok(())
        }
        Command::Export {
            format,
            output,
            encrypt,
            date,
            days,
        } => files::export(db, &format, &output, encrypt, date, days, json),
        Command::Import { file } => files::import(db, &file, json),
        Command::Demo { file, report } => files::demo(db, file, report, json),
    }
}
