//! The one rule set for knowledge: the shipped files (`Section::validate`)
//! and moderators' changes and imports (`curation`) check every id, title,
//! text, keyword and question here, so both refuse the same things with the
//! same words. Each check returns what is wrong (empty when nothing is);
//! callers say where.

use super::MAX_KEYWORD_CHARS;

/// The longest section id.
pub const MAX_ID_CHARS: usize = 64;

/// A text field: not empty, has words, at most `max` characters, and no
/// mention that would ping many people (whatever allowed mentions say).
pub fn value(value: &str, max: usize) -> Vec<String> {
    let mut p = Vec::new();
    let n = value.trim().chars().count();
    if n == 0 {
        p.push("is empty".to_string());
    } else if !has_words(value) {
        p.push("has no words".to_string());
    } else if n > max {
        p.push(format!("is {n} characters; the limit is {max}"));
    }
    if value.contains("@everyone") || value.contains("@here") || value.contains("<@&") {
        p.push("may not mention @everyone, @here or a role".to_string());
    }
    p
}

/// Whether `value` holds a word as [`crate::text::words`] reads words: an
/// ASCII letter or digit settles it without normalising the text (a
/// server's whole curation is checked on every change).
fn has_words(value: &str) -> bool {
    value.bytes().any(|b| b.is_ascii_alphanumeric()) || !crate::text::words(value).is_empty()
}

/// A keyword: a value without commas, since forms list keywords separated
/// by commas and would split it on the way back.
pub fn keyword(keyword: &str) -> Vec<String> {
    let mut p = value(keyword, MAX_KEYWORD_CHARS);
    if keyword.contains(',') {
        p.push(format!(
            "\"{keyword}\" has a comma; give keywords one at a time"
        ));
    }
    p
}

/// A section id: 1 to [`MAX_ID_CHARS`] characters of a-z, 0-9 and '-'.
pub fn id(id: &str) -> Option<String> {
    let fits = !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    (!fits).then(|| format!("`{id}` must be 1 to {MAX_ID_CHARS} characters of a-z, 0-9 and '-'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_rules_refuse_the_same_things() {
        assert_eq!(value("  ", 10), ["is empty"]);
        assert_eq!(value("?!", 10), ["has no words"]);
        assert_eq!(
            value("twelve chars", 5),
            ["is 12 characters; the limit is 5"]
        );
        assert_eq!(value("hi @everyone", 50).len(), 1);
        assert!(value("fine words", 50).is_empty());
        assert_eq!(keyword("pay, wages").len(), 1);
        assert!(keyword("pay").is_empty());
        assert!(id("salary-2").is_none());
        assert!(id("Salary").is_some() && id("").is_some());
        assert!(id(&"a".repeat(65)).is_some());
    }
}
