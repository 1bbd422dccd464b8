//! Typo correction against the knowledge base's own vocabulary.
//!
//! A symmetric-delete index (the SymSpell idea): every vocabulary word and
//! each of its one-letter deletions point at the word, so a misspelling is
//! found by looking up its own deletions instead of comparing it with every
//! word. Candidates are then checked with strsim's optimal string alignment
//! distance, which counts a swap of two letters ("langauges") as one edit.

use std::collections::HashMap;

/// Words shorter than this are not corrected by default: too many real words
/// are one edit apart.
const MIN_LEN: usize = 5;
/// Longer "words" are not words (a pasted hash, a key mash); correcting them
/// would cost time for nothing.
const MAX_LEN: usize = 24;

pub struct TypoIndex {
    words: Vec<String>,
    /// How often the word occurs in the knowledge base, to break ties.
    counts: Vec<u32>,
    deletes: HashMap<String, Vec<u32>>,
}

impl TypoIndex {
    /// `vocabulary`: each surface word with its number of occurrences.
    pub fn new<'a>(vocabulary: impl IntoIterator<Item = (&'a str, u32)>) -> Self {
        let mut ix = TypoIndex {
            words: Vec::new(),
            counts: Vec::new(),
            deletes: HashMap::new(),
        };
        for (word, count) in vocabulary {
            // A vocabulary word may be one letter shorter than a word that
            // is corrected ("dataa" -> "data").
            if word.chars().count() + 1 < MIN_LEN || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let id = ix.words.len() as u32;
            ix.words.push(word.to_string());
            ix.counts.push(count);
            for key in std::iter::once(word.to_string()).chain(deletions(word)) {
                let ids = ix.deletes.entry(key).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        ix
    }

    /// The most edits a word of this many characters may be corrected over.
    fn allowed(len: usize) -> usize {
        match len {
            0..MIN_LEN => 0,
            MIN_LEN..=8 => 1,
            _ => 2,
        }
    }

    /// The closest vocabulary word within the allowed distance: fewest edits,
    /// then most frequent, then alphabetical, so the choice is deterministic.
    pub fn correct(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let allowed = Self::allowed(len);
        if allowed == 0 || len > MAX_LEN || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut keys: Vec<String> = std::iter::once(word.to_string())
            .chain(deletions(word))
            .collect();
        if allowed >= 2 {
            let second: Vec<String> = keys[1..].iter().flat_map(|d| deletions(d)).collect();
            keys.extend(second);
        }
        let mut best: Option<(usize, u32, &str)> = None;
        for key in &keys {
            let Some(ids) = self.deletes.get(key) else {
                continue;
            };
            for &id in ids {
                let cand = self.words[id as usize].as_str();
                let d = strsim::osa_distance(word, cand);
                if d == 0 || d > allowed {
                    continue;
                }
                let rank = (d, u32::MAX - self.counts[id as usize], cand);
                if best.is_none_or(|b| rank < b) {
                    best = Some(rank);
                }
            }
        }
        best.map(|(_, _, w)| w)
    }
}

/// Every string made by deleting one character of `word`.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TypoIndex {
        TypoIndex::new([
            ("salary", 3),
            ("languages", 5),
            ("difference", 1),
            ("databases", 4),
            ("become", 2),
            ("developer", 9),
            ("layer", 1),
        ])
    }

    #[test]
    fn corrects_common_misspellings() {
        let ix = index();
        assert_eq!(ix.correct("salery"), Some("salary"));
        assert_eq!(ix.correct("salry"), Some("salary"));
        assert_eq!(ix.correct("langauges"), Some("languages"));
        assert_eq!(ix.correct("diffrence"), Some("difference"));
        assert_eq!(ix.correct("databses"), Some("databases"));
        assert_eq!(ix.correct("becom"), Some("become"));
        assert_eq!(ix.correct("devloper"), Some("developer"));
    }

    #[test]
    fn leaves_unrelated_and_short_words_alone() {
        let ix = index();
        assert_eq!(ix.correct("kubernetes"), None);
        assert_eq!(ix.correct("dentist"), None);
        assert_eq!(ix.correct("bake"), None);
        assert_eq!(
            ix.correct("rust"),
            None,
            "four letters are too few to guess from"
        );
        assert_eq!(ix.correct("sal"), None);
        assert_eq!(
            ix.correct("salary"),
            None,
            "a known word needs no correction"
        );
    }
}
