//! Text from the diary or from a file never reaches the terminal raw: an escape sequence in a
//! note could retitle the terminal, clear the screen or hide what is printed after it.

/// Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, and the
/// bidirectional overrides that reorder what is shown.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every dangerous character written as a visible `\u{1b}` escape. Newlines and tabs
/// stay (the printed layout uses them); nothing else changes.
pub fn clean(text: &str) -> String {
    if !text.chars().any(dangerous) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if dangerous(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// serde_json output made safe the same way: it already escapes U+0000-001F inside strings;
/// DEL, C1 controls and the bidi overrides get JSON's own `\uXXXX` escape, so the JSON still
/// parses to the same values.
pub fn clean_json(json: &str) -> String {
    if !json.chars().any(dangerous) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if dangerous(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A value printed inside one line of output (a medicine's name, a note): its line breaks and
/// tabs written as `\n` / `\t`, so it cannot spread over lines and pass for other output.
/// [`clean`] escapes the rest when the line is printed.
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r', '\t']) {
        return text.to_owned();
    }
    text.replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_as_visible_text() {
        assert_eq!(clean("a\u{1b}]0;owned\u{7}b"), "a\\u{1b}]0;owned\\u{7}b");
        assert_eq!(
            clean("x\ry\u{9b}2J\u{202e}z"),
            "x\\u{d}y\\u{9b}2J\\u{202e}z"
        );
        assert_eq!(clean("two\nlines\tok é"), "two\nlines\tok é");
        let j = serde_json::to_string(&"n\u{1b}\u{9b}\u{7f}").unwrap_or_default();
        let safe = clean_json(&j);
        assert!(!safe.chars().any(dangerous), "{safe}");
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap_or_default(),
            "n\u{1b}\u{9b}\u{7f}"
        );
    }
}
