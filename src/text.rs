//! Text normalisation shared by the knowledge loader (verbatim checks) and the
//! matcher (tokens). Nothing here knows about sections or indexes.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Folds typographic quotes and dashes to their ASCII forms and collapses runs
/// of whitespace to one space. Case is kept: this is what "verbatim" means when
/// a quote is compared with the article.
pub fn fold_verbatim(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fold_punct(c));
    }
    out
}

/// The ASCII characters `fold_punct` changes (a test holds the two
/// together).
const ASCII_FOLDED: &[char] = &['`'];

/// Maps typographic quotes to ASCII ones. Dashes are left alone for verbatim
/// comparison, since the article distinguishes "—" from "-".
fn fold_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        other => other,
    }
}

/// `s` with the Cyrillic and Greek letters that look like Latin ones
/// ("Backеnd" with a Cyrillic "е", as spam and some copied pages write
/// it) read as those, in words that also hold a Latin letter: a word
/// written in Cyrillic or Greek throughout stays as it is.
pub fn fold_lookalikes(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| latin_lookalike(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphabetic).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if word.bytes().any(|b| b.is_ascii_alphabetic()) {
            out.extend(word.chars().map(|c| latin_lookalike(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    Cow::Owned(out)
}

/// The Latin letter a Cyrillic or Greek one is drawn like, if any.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ν' => 'v',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ζ' => 'Z',
        'Ν' => 'N',
        _ => return None,
    })
}

/// Removes Discord chat markup that is not words: user, role and channel
/// mentions (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`), custom emoji
/// (`<:name:123>`, `<a:name:123>`), timestamps (`<t:123:R>`) and the
/// `@everyone` / `@here` mentions, and any other "@name" or "#channel"
/// typed as text.
pub fn strip_chat_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find('>') {
            Some(end) if is_markup(&after[1..end]) => {
                out.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    strip_handles(&out)
}

/// Removes "@name" handles typed as text ("@helpbot", "@everyone",
/// "@here") and channels named as text ("#general", "#job-board"): who a
/// message is addressed to, or where something was posted, is not what
/// it asks. "#1" ranks, and "c#" names a language.
fn strip_handles(s: &str) -> String {
    // Two byte searches: one for a set of characters walks char by char.
    if !s.contains('@') && !s.contains('#') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let starts_word = prev.is_none_or(|p| !p.is_alphanumeric());
        let handle = c == '@' && chars.peek().is_some_and(|n| n.is_alphanumeric());
        let channel = c == '#' && chars.peek().is_some_and(|n| n.is_alphabetic());
        if starts_word && (handle || channel) {
            while chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '_' || (channel && *n == '-'))
            {
                chars.next();
            }
            out.push(' ');
            prev = Some(' ');
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn is_markup(inner: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(id) = inner
        .strip_prefix("@!")
        .or_else(|| inner.strip_prefix("@&"))
        .or_else(|| inner.strip_prefix('@'))
        .or_else(|| inner.strip_prefix('#'))
    {
        return digits(id);
    }
    let parts: Vec<&str> = inner.split(':').collect();
    match parts.as_slice() {
        ["", _, id] | ["a", _, id] => digits(id),
        ["t", ts] | ["t", ts, _] => digits(ts),
        _ => false,
    }
}

/// Which bytes are ASCII letters and digits, looked up in one step (for
/// the passes that read ASCII text byte by byte).
pub static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// One word of a question or of the knowledge base, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word with hyphens folded away ("back-end" gives "backend").
    pub text: String,
    /// For a hyphenated word, its parts ("non", "technical"); empty otherwise.
    pub parts: Vec<String>,
}

/// Splits text into lower-cased words. Unicode-aware: NFKC, then lower-casing,
/// typographic quotes folded. Hyphenated words are joined ("back-end",
/// "back‐end" and "backend" give one word), a possessive or contraction
/// apostrophe is dropped with what follows it when that is "s", "ll", "ve",
/// "d", "re" or "m" ("developer's", "that'll"),
/// and `+`/`#` stay on a word they end ("c++", "c#").
pub fn words(s: &str) -> Vec<Word> {
    // ASCII text is already in NFKC and lower-cases byte by byte: skip the
    // Unicode machinery for it (most knowledge text, most questions).
    let norm: String = if s.is_ascii() {
        let lower = s.to_ascii_lowercase();
        // Folded only when one of the ASCII marks `fold_punct` folds is
        // there (one fast search each).
        match ASCII_FOLDED.iter().any(|&c| lower.contains(c)) {
            true => lower.chars().map(fold_punct).collect(),
            false => lower,
        }
    } else {
        s.nfkc()
            .flat_map(char::to_lowercase)
            .map(|c| match fold_punct(c) {
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{00AD}' => '-',
                c => c,
            })
            .collect()
    };
    split_words(&norm)
}

/// Whether more than half of the letters of `text` are capitals: text
/// written in capitals throughout, where a capital marks no name.
pub fn mostly_capitals(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| (u + c.is_uppercase() as usize, t + 1));
    upper * 2 > total
}

/// The end of the run of ASCII letters and digits that starts at byte `i`
/// of `bytes` (`i` itself when none starts there).
pub fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && ASCII_ALPHANUMERIC[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The words of normalised text, each run of letters and digits copied
/// whole. ASCII text is read byte by byte.
fn split_words(norm: &str) -> Vec<Word> {
    let ascii = norm.is_ascii();
    let bytes = norm.as_bytes();
    // Whether a letter or digit starts at byte `i` (a character boundary).
    let alphanumeric = |i: usize| match ascii {
        true => bytes
            .get(i)
            .is_some_and(|&b| ASCII_ALPHANUMERIC[b as usize]),
        false => norm
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_alphanumeric),
    };
    // The end of the run of letters and digits starting at `i`.
    let run_end = |i: usize| match ascii {
        true => ascii_run_end(bytes, i),
        false => norm[i..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(norm.len(), |k| i + k),
    };
    // About one word in five or six bytes of English.
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            // "$$" and "$$$" say money in chat ("$$$ for backend devs?"),
            // and so does "$" before an amount ("is $150,000 normal?"): the
            // amount after it is read on as a number. A "$" alone says
            // nothing.
            let run = bytes[i..].iter().take_while(|&&b| b == b'$').count();
            let amount = bytes.get(i + run).is_some_and(u8::is_ascii_digit);
            if run >= 2 || amount {
                out.push(Word {
                    text: "money".to_string(),
                    parts: Vec::new(),
                });
            }
            i += run;
            continue;
        }
        if !alphanumeric(i) {
            // To the next character.
            i += norm[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut text = String::new();
        // Where each hyphenated part after the first starts in `text`.
        let mut cuts: Vec<usize> = Vec::new();
        loop {
            let end = run_end(i);
            text.push_str(&norm[i..end]);
            i = end;
            // The characters that may continue a word are all ASCII.
            match bytes.get(i) {
                Some(b'-') if alphanumeric(i + 1) => {
                    cuts.push(text.len());
                    i += 1;
                }
                Some(b'\'') if alphanumeric(i + 1) => {
                    // "developer's" -> "developer", "that'll" -> "that",
                    // "they've" -> "they"; "don't" -> "dont".
                    i += 1 + dropped_ending(&bytes[i + 1..run_end(i + 1)]);
                }
                Some(b'.')
                    if text.ends_with(|c: char| c.is_ascii_digit())
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
                {
                    text.push('.');
                    i += 1;
                }
                _ => break,
            }
        }
        let parts = match cuts.is_empty() {
            true => Vec::new(),
            false => (0..=cuts.len())
                .map(|k| {
                    let from = if k == 0 { 0 } else { cuts[k - 1] };
                    let to = cuts.get(k).copied().unwrap_or(text.len());
                    text[from..to].to_string()
                })
                .collect(),
        };
        while let Some(&b @ (b'+' | b'#')) = bytes.get(i).filter(|_| text.len() <= 2) {
            text.push(char::from(b));
            i += 1;
        }
        // Thousands written with a "k" ("65k", "150K", "1.5k") are pay
        // in a career server: the word money.
        if is_thousands(&text) {
            text = "money".to_string();
        }
        out.push(Word { text, parts });
    }
    out
}

/// Whether a word is an amount in thousands written with a "k": two to
/// four digits in all, a decimal point allowed ("65k", "150k", "1.5k");
/// "5k" is more often a run or a count than pay.
fn is_thousands(word: &str) -> bool {
    let Some(number) = word.strip_suffix('k') else {
        return false;
    };
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !number.starts_with('.')
        && (2..=4).contains(&digits)
}

/// How much of what follows a word's apostrophe is dropped with it: a
/// possessive or a contracted verb ("'s", "'ll", "'ve", "'d", "'re", "'m"),
/// which says nothing a question is about; all of it. Anything else ("n't",
/// "o'clock") stays, joined to the word.
fn dropped_ending(after: &[u8]) -> usize {
    match after {
        b"s" | b"ll" | b"ve" | b"d" | b"re" | b"m" => after.len(),
        _ => 0,
    }
}

/// Truncates to at most `max` characters on a character boundary.
pub fn truncate_chars(s: &str, max: usize) -> &str {
    // No character is shorter than a byte.
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// The items' `Display`s joined by `sep`.
pub fn joined<T: std::fmt::Display>(items: &[T], sep: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {

    #[test]
    fn lookalike_letters_in_a_latin_word_are_read_as_latin() {
        assert_eq!(
            fold_lookalikes("How Much Do Back\u{435}nd Engin\u{435}\u{435}rs Mak\u{435}?"),
            "How Much Do Backend Engineers Make?"
        );
        // Russian stays Russian; ASCII is not copied.
        assert_eq!(
            fold_lookalikes("сколько получает backend"),
            "сколько получает backend"
        );
        assert!(matches!(fold_lookalikes("plain text"), Cow::Borrowed(_)));
    }
    use super::*;

    #[test]
    fn the_ascii_marks_folded_are_the_ones_fold_punct_changes() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(fold_punct(c) != c, ASCII_FOLDED.contains(&c), "{c:?}");
        }
        assert_eq!(texts("what`s it"), texts("what's it"));
    }

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn ascii_text_splits_as_any_text_does() {
        // The same words, read byte by byte and (with one non-ASCII word
        // added) character by character.
        let ascii = "Back-end dev's C++ and c# at 29.48/h, don't 3.5. `ok` -x- y-";
        let mut any = words(&format!("{ascii} ça"));
        assert_eq!(any.pop().map(|w| w.text), Some("ça".to_string()));
        assert_eq!(words(ascii), any);
        assert_eq!(
            texts(ascii),
            [
                "backend", "dev", "c++", "and", "c#", "at", "29.48", "h", "dont", "3.5", "ok", "x",
                "y"
            ]
        );
    }

    #[test]
    fn hyphenated_spellings_are_one_word() {
        assert_eq!(texts("back-end"), vec!["backend"]);
        assert_eq!(texts("Back\u{2010}End"), vec!["backend"]);
        assert_eq!(texts("BACKEND"), vec!["backend"]);
        assert_eq!(words("non-technical")[0].parts, vec!["non", "technical"]);
    }

    #[test]
    fn possessives_and_contractions() {
        assert_eq!(texts("developer's job"), vec!["developer", "job"]);
        assert_eq!(texts("developer\u{2019}s"), vec!["developer"]);
        assert_eq!(texts("what's"), vec!["what"]);
        assert_eq!(texts("don't"), vec!["dont"]);
    }

    #[test]
    fn language_names_keep_their_symbols() {
        assert_eq!(texts("C++, C# and F#."), vec!["c++", "c#", "and", "f#"]);
        assert_eq!(
            texts("$$$ for it, $$ or $ 5"),
            vec!["money", "for", "it", "money", "or", "5"]
        );
    }

    #[test]
    fn amounts_of_money_say_money() {
        assert_eq!(
            texts("$29.48 per hour"),
            vec!["money", "29.48", "per", "hour"]
        );
        assert_eq!(texts("is 65K normal"), vec!["is", "money", "normal"]);
        assert_eq!(texts("150k or 1.5k"), vec!["money", "or", "money"]);
        // One digit and a "k", or a word that only ends in one, is no
        // amount of pay.
        for t in ["5k", "10000k", "k", "pk"] {
            assert_eq!(texts(t), vec![t], "{t}");
        }
    }

    #[test]
    fn unicode_lowercasing() {
        assert_eq!(texts("ÉCOLE Straße"), vec!["école", "straße"]);
        assert_eq!(texts("ｂａｃｋｅｎｄ"), vec!["backend"]);
    }

    #[test]
    fn punctuation_and_emoji_give_no_words() {
        assert!(words("!!!! ?? 🤔🤔 ...").is_empty());
        assert!(words("   \n\t").is_empty());
    }

    #[test]
    fn verbatim_fold_collapses_whitespace_and_quotes() {
        assert_eq!(
            fold_verbatim("  wouldn\u{2019}t \n  understand "),
            "wouldn't understand"
        );
        assert_eq!(fold_verbatim("\u{201C}a\u{201D}"), "\"a\"");
    }

    #[test]
    fn chat_markup_is_not_words() {
        let s = strip_chat_markup("<@123> hi <@!45> <@&6> <#7> <:wave:89> <a:spin:1> <t:1700000000:R> @everyone @here a<b");
        assert!(
            words(&s)
                .iter()
                .map(|w| w.text.as_str())
                .eq(["hi", "a", "b"]),
            "{s}"
        );
        assert_eq!(strip_chat_markup("x <not markup> y"), "x <not markup> y");
        assert_eq!(
            words(&strip_chat_markup("@helpbot hi, mail me at a@b.c"))
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            ["hi", "mail", "me", "at", "a", "b", "c"]
        );
        // A channel named as text goes; a rank and a language stay.
        assert_eq!(
            words(&strip_chat_markup(
                "saw it in #job-board, is c# the #1 pick?"
            ))
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>(),
            ["saw", "it", "in", "is", "c#", "the", "1", "pick"]
        );
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_chars("héllo", 2), "hé");
        assert_eq!(truncate_chars("hi", 5), "hi");
    }
}
