//! Markdown as the terminal shows it: the small subset replies use (`**bold**`,
//! `_italic_`, `` `code` ``, `> ` block quotes, `• ` and `1. ` list lines,
//! indented lines kept as laid out),
//! wrapped at word boundaries to the terminal's width, with colour and styles
//! only when writing to a terminal and `NO_COLOR` is not set
//! (<https://no-color.org>). Without colour the markers are simply dropped.

use std::io::IsTerminal;
use unicode_width::UnicodeWidthStr;

/// How to render for one output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI styles (bold, italic, dim, colour).
    pub colour: bool,
    /// Columns to wrap at.
    pub width: usize,
}

/// Used when the width cannot be found (output is not a terminal).
const DEFAULT_WIDTH: usize = 80;
/// Narrower than this, wrapping does more harm than good.
const MIN_WIDTH: usize = 20;

impl Style {
    /// For standard output as it is now: a terminal's width and colour, or
    /// plain text 80 columns wide when piped.
    pub fn for_stdout() -> Style {
        let tty = std::io::stdout().is_terminal();
        let width = terminal_size::terminal_size().map(|(w, _)| w.0 as usize);
        Style::decide(tty, std::env::var_os("NO_COLOR").as_deref(), width)
    }

    /// The decision itself: colour only on a terminal and never when
    /// `NO_COLOR` holds a value; one column spare so a full line does not
    /// make the terminal wrap on its own.
    pub fn decide(tty: bool, no_color: Option<&std::ffi::OsStr>, width: Option<usize>) -> Style {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        Style {
            colour: tty && !no_color,
            width: width
                .map(|w| w.saturating_sub(1))
                .unwrap_or(DEFAULT_WIDTH)
                .max(MIN_WIDTH),
        }
    }
}

const BOLD: &str = "\x1b[1m";
const ITALIC: &str = "\x1b[3m";
const CODE: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `markdown` for the terminal.
pub fn render(markdown: &str, style: Style) -> String {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let (first, rest, body) = if let Some(q) = line.strip_prefix('>') {
            let bar = if style.colour {
                format!("{DIM}│{RESET} ")
            } else {
                "│ ".to_string()
            };
            (bar.clone(), bar, q.strip_prefix(' ').unwrap_or(q))
        } else if line.starts_with("  ") && list_marker(line).is_none() {
            // Indented lines are laid out already (help tables): as they are.
            out.push(line.to_string());
            continue;
        } else if let Some(item) = list_marker(line) {
            let hang = " ".repeat(item.width());
            (item.to_string(), hang, &line[item.len()..])
        } else {
            (String::new(), String::new(), line)
        };
        let indent = visible_width(&first);
        let words = inline(body);
        if words.is_empty() {
            out.push(first.trim_end().to_string());
            continue;
        }
        wrap(&words, style, indent, &first, &rest, &mut out);
    }
    out.join("\n")
}

/// The marker of a list line ("• ", "- ", "12. "), with its indentation.
fn list_marker(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let marker_len = if trimmed.starts_with("• ") {
        "• ".len()
    } else if trimmed.starts_with("- ") {
        2
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && trimmed[digits..].starts_with(". ") {
            digits + 2
        } else {
            return None;
        }
    };
    Some(&line[..lead + marker_len])
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    bold: bool,
    italic: bool,
    code: bool,
}

/// A word as pieces of text, each with its styles.
type Word = Vec<(String, Marks)>;

/// Splits a line into words, reading the inline markers.
fn inline(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<Word> = Vec::new();
    let mut word: Word = Vec::new();
    let mut marks = Marks::default();
    let push = |word: &mut Word, c: char, marks: Marks| match word.last_mut() {
        Some((s, m)) if *m == marks => s.push(c),
        _ => word.push((c.to_string(), marks)),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else if c == '`' {
            marks.code = !marks.code;
        } else if marks.code {
            push(&mut word, c, marks);
        } else if c == '*' && next == Some('*') {
            marks.bold = !marks.bold;
            i += 1;
        } else if (c == '_' || c == '*') && toggles_italic(marks.italic, prev, next) {
            marks.italic = !marks.italic;
        } else {
            push(&mut word, c, marks);
        }
        i += 1;
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether `_` or `*` between `prev` and `next` opens or closes italics
/// rather than being part of a word ("@her_report", "C*").
fn toggles_italic(open: bool, prev: Option<char>, next: Option<char>) -> bool {
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if open {
        !word_char(next) && !space(prev)
    } else {
        !word_char(prev) && !space(next)
    }
}

/// Lays words out in lines of at most `style.width` columns (a longer word
/// gets a line to itself), `first` before the first line and `rest` before
/// the others.
fn wrap(
    words: &[Word],
    style: Style,
    indent: usize,
    first: &str,
    rest: &str,
    out: &mut Vec<String>,
) {
    let room = style.width.saturating_sub(indent).max(1);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for word in words {
        let w: usize = word.iter().map(|(s, _)| s.width()).sum();
        if used > 0 && used + 1 + w > room {
            lines.push(String::new());
            used = 0;
        }
        let line = lines.last_mut().expect("never empty");
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for (s, m) in word {
            line.push_str(&styled(s, *m, style.colour));
        }
        used += w;
    }
    for (n, line) in lines.into_iter().enumerate() {
        let prefix = if n == 0 { first } else { rest };
        out.push(format!("{prefix}{line}"));
    }
}

fn styled(s: &str, m: Marks, colour: bool) -> String {
    if !colour || m == Marks::default() {
        return s.to_string();
    }
    let mut codes = String::new();
    if m.bold {
        codes.push_str(BOLD);
    }
    if m.italic {
        codes.push_str(ITALIC);
    }
    if m.code {
        codes.push_str(CODE);
    }
    format!("{codes}{s}{RESET}")
}

/// Columns `s` takes on screen, ANSI styles not counted.
fn visible_width(s: &str) -> usize {
    let mut plain = String::new();
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => plain.push(c),
        }
    }
    plain.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Style = Style {
        colour: false,
        width: 40,
    };
    const COLOUR: Style = Style {
        colour: true,
        width: 40,
    };

    #[test]
    fn markers_are_dropped_without_colour() {
        let out = render(
            "**How much they make**\nSee `/topics` and _this note_.",
            PLAIN,
        );
        assert_eq!(out, "How much they make\nSee /topics and this note.");
    }

    #[test]
    fn colour_styles_bold_italic_and_code() {
        let out = render("**Pay** _note_ `/topics`", COLOUR);
        assert!(out.contains("\x1b[1mPay\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[3mnote\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[36m/topics\x1b[0m"), "{out:?}");
    }

    #[test]
    fn underscores_inside_words_stay() {
        assert_eq!(
            render("follow @her_report and snake_case", PLAIN),
            "follow @her_report and snake_case"
        );
    }

    #[test]
    fn lines_wrap_at_words_within_the_width() {
        let text = "A backend developer can earn a lucrative income while learning a lot and helping a lot of companies build websites.";
        let out = render(text, PLAIN);
        assert!(out.lines().count() > 2);
        for line in out.lines() {
            assert!(line.width() <= 40, "{line:?}");
        }
        assert_eq!(out.split_whitespace().collect::<Vec<_>>().join(" "), text);
    }

    #[test]
    fn block_quotes_and_lists_keep_their_margin_when_wrapped() {
        let out = render(
            "> the average pay for a backend developer is $29.48 per hour, which amounts to $66,667 a year\n  1. How much back-end developers make today and tomorrow",
            PLAIN,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("│ the average"), "{out}");
        assert!(lines[1].starts_with("│ "), "{out}");
        let item = lines
            .iter()
            .position(|l| l.starts_with("  1. How"))
            .unwrap();
        assert!(lines[item + 1].starts_with("     "), "{out}");
        for line in &lines {
            assert!(line.width() <= 40, "{line:?}");
        }
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        let some = |s: &'static str| Some(std::ffi::OsStr::new(s));
        assert!(Style::decide(true, None, Some(100)).colour);
        assert!(Style::decide(true, some(""), Some(100)).colour);
        assert!(!Style::decide(true, some("1"), Some(100)).colour);
        assert!(!Style::decide(false, None, Some(100)).colour);
        assert_eq!(Style::decide(false, None, None).width, 80);
        assert_eq!(Style::decide(true, None, Some(100)).width, 99);
        assert_eq!(Style::decide(true, None, Some(5)).width, 20);
    }

    #[test]
    fn styled_words_wrap_by_their_visible_width() {
        let out = render(&"**word** ".repeat(20), COLOUR);
        for line in out.lines() {
            assert!(visible_width(line) <= 40, "{line:?}");
        }
    }
}
