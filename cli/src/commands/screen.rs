//! The screener's questions at the terminal, or its answers from flags for scripts.

use std::io::{BufRead, IsTerminal, Write};

use quietlegs_core::{screen_questions, QuietLegsError, ScreenAnswers};

use crate::args::ScreenArgs;

fn ask(question: &str) -> Result<bool, QuietLegsError> {
    let stdin = std::io::stdin();
    loop {
        let mut out = std::io::stdout();
        let _ = write!(out, "{question} [y/n] ");
        let _ = out.flush();
        let mut line = String::new();
        let n = stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| QuietLegsError::Io {
                reason: e.to_string(),
            })?;
        if n == 0 {
            return Err(QuietLegsError::InvalidInput {
                field: "screen".into(),
                reason: "no answer (end of input); pass --urge, --worse-at-rest, --relieved-by-movement, --worse-in-evening and --not-explained-otherwise".into(),
            });
        }
        match line.trim().to_lowercase().as_str() {
            "y" | "yes" => return Ok(true),
            "n" | "no" => return Ok(false),
            _ => crate::output::line("please answer y or n"),
        }
    }
}

/// Flags where given; the rest asked interactively (only at a terminal).
pub fn answers(a: &ScreenArgs) -> Result<ScreenAnswers, QuietLegsError> {
    let given = [
        a.urge,
        a.worse_at_rest,
        a.relieved_by_movement,
        a.worse_in_evening,
        a.not_explained_otherwise,
    ];
    let questions = screen_questions();
    let interactive = std::io::stdin().is_terminal();
    let mut out = [false; 5];
    for (i, (g, q)) in given.iter().zip(questions.iter()).enumerate() {
        let v = match g {
            Some(v) => *v,
            None if interactive => ask(q)?,
            None => {
                return Err(QuietLegsError::InvalidInput {
                    field: "screen".into(),
                    reason: "not at a terminal: pass all five answers as --urge, --worse-at-rest, --relieved-by-movement, --worse-in-evening, --not-explained-otherwise (true/false)".into(),
                })
            }
        };
        if let Some(slot) = out.get_mut(i) {
            *slot = v;
        }
    }
    let [urge_to_move, worse_at_rest, relieved_by_movement, worse_in_evening, not_explained_by_other_condition] =
        out;
    Ok(ScreenAnswers {
        urge_to_move,
        worse_at_rest,
        relieved_by_movement,
        worse_in_evening,
        not_explained_by_other_condition,
    })
}
