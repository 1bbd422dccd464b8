//! Typo correction against the knowledge base's own vocabulary.
//!
//! A symmetric-delete index (the SymSpell idea): every vocabulary word and
//! each of its one-letter deletions (two-letter ones too in a word long
//! enough to be corrected over two edits) point at the word, so a
//! misspelling is found by looking up its own deletions instead of
//! comparing it with every word. Candidates are then checked with strsim's
//! optimal string alignment distance, which counts a swap of two letters
//! ("langauges") as one edit.
//! How long a word must be to be corrected, and over how many edits, is set
//! in `tuning`.

use super::tuning::{
    SOUND_EDITS, SOUND_MIN_LEN, SUBSTITUTION_MIN_LEN, TYPO_MIN_LEN, TYPO_SWAP_MIN_LEN,
    TYPO_TWO_EDITS_MIN_LEN,
};
use std::sync::OnceLock;

/// Longer "words" are not words (a pasted hash, a key mash); correcting them
/// would cost time for nothing.
const MAX_LEN: usize = 24;

/// The words, and each key (a word or one of its deletions) as a 64-bit
/// hash beside the word it points at, sorted: no string or list per key,
/// so an index of 10,000 sections' words is built and freed in one
/// allocation rather than millions. A hash that happens to collide only
/// adds a candidate, and every candidate's distance is checked.
pub struct TypoIndex {
    words: Vec<String>,
    keys: Vec<(u64, u32)>,
    /// Each word's sound (see `sound`) as a hash beside the word, sorted;
    /// built on first use, as most messages never need it.
    sounds: OnceLock<Vec<(u64, u32)>>,
}

impl TypoIndex {
    /// Indexes `vocabulary`, the words a misspelling may be corrected to.
    pub fn new<'a>(vocabulary: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ix = TypoIndex {
            words: Vec::new(),
            keys: Vec::new(),
            sounds: OnceLock::new(),
        };
        let mut hashes = Vec::new();
        for word in vocabulary {
            // A vocabulary word may be one letter shorter than a word that
            // is corrected for any edit ("dataa" -> "data"), or as short as
            // one corrected for a swap ("jbos" -> "jobs").
            if word.chars().count() < TYPO_SWAP_MIN_LEN || word.chars().any(|c| c.is_ascii_digit())
            {
                continue;
            }
            let id = ix.words.len() as u32;
            ix.words.push(word.to_string());
            // A word long enough to be corrected over two edits may have
            // lost two letters ("respnsibilites"): its two-letter deletions
            // are keys too, or only the misspelling's own deletions would
            // ever be looked up.
            let twice = word.chars().count() >= TYPO_TWO_EDITS_MIN_LEN;
            key_hashes(word, twice, &mut hashes);
            ix.keys.extend(hashes.iter().map(|&h| (h, id)));
        }
        ix.keys.sort_unstable();
        ix.keys.dedup();
        ix
    }

    /// The words a key's hash points at.
    fn ids(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        ids_of(&self.keys, hash)
    }

    /// The most edits a word of this many characters may be corrected over.
    fn allowed(len: usize) -> usize {
        match len {
            0..TYPO_SWAP_MIN_LEN => 0,
            TYPO_SWAP_MIN_LEN..TYPO_TWO_EDITS_MIN_LEN => 1,
            _ => 2,
        }
    }

    /// The closest vocabulary word within the allowed distance: fewest edits,
    /// then most frequent, then alphabetical, so the choice is deterministic.
    /// `count_of` says how often a word occurs where the correction is used,
    /// or `None` where it does not occur at all (it is then passed over).
    pub fn correct<'a>(
        &'a self,
        word: &str,
        count_of: impl Fn(&str) -> Option<u32>,
    ) -> Option<&'a str> {
        correct_in([self], word, SUBSTITUTION_MIN_LEN, count_of)
    }

    /// `correct`, replacing letters in place only in words of at least
    /// `substitution_min_len` characters (`usize::MAX`: never).
    pub fn correct_with<'a>(
        &'a self,
        word: &str,
        substitution_min_len: usize,
        count_of: impl Fn(&str) -> Option<u32>,
    ) -> Option<&'a str> {
        correct_in([self], word, substitution_min_len, count_of)
    }
}

/// `TypoIndex::correct` over several indexes at once (the layers of a
/// growing vocabulary).
pub fn correct_in<'a>(
    layers: impl IntoIterator<Item = &'a TypoIndex>,
    word: &str,
    substitution_min_len: usize,
    count_of: impl Fn(&str) -> Option<u32>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let allowed = TypoIndex::allowed(len);
    if allowed == 0 || len > MAX_LEN || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut keys = Vec::new();
    key_hashes(word, allowed >= 2, &mut keys);
    keys.sort_unstable();
    keys.dedup();
    let mut best = Closest::default();
    for layer in layers {
        for &key in &keys {
            for id in layer.ids(key) {
                let cand = layer.words[id as usize].as_str();
                let d = strsim::osa_distance(word, cand);
                if d == 0 || d > allowed {
                    continue;
                }
                if len < substitution_min_len && is_substitution(word, cand) {
                    continue;
                }
                // One edit in a word of the same length that replaces no
                // letter: two neighbours swapped.
                let swapped = cand.chars().count() == len && !is_substitution(word, cand);
                if len < TYPO_MIN_LEN && !swapped {
                    continue;
                }
                if let Some(count) = count_of(cand) {
                    best.offer(d, count, cand);
                }
            }
        }
    }
    best.word()
}

/// The vocabulary word written as `word` sounds, for a chat spelling too
/// far from it for `correct_in` ("becum", "devlopr", "yeer"): a word of
/// the same sound (see `sound`) and first letter, at most `SOUND_EDITS`
/// edits away; the fewest edits, then the most frequent (`count_of`, as
/// for `correct_in`), then alphabetical.
pub fn sound_alike_in<'a>(
    layers: impl IntoIterator<Item = &'a TypoIndex>,
    word: &str,
    count_of: impl Fn(&str) -> Option<u32>,
) -> Option<&'a str> {
    if word.chars().count() < SOUND_MIN_LEN {
        return None;
    }
    let key = sound(word)?;
    let h = hash(&[key.as_bytes()]);
    let first = word.chars().next()?;
    let mut best = Closest::default();
    for layer in layers {
        let sounds = layer.sounds.get_or_init(|| {
            let mut v: Vec<(u64, u32)> = (layer.words.iter().enumerate())
                .filter_map(|(id, w)| Some((hash(&[sound(w)?.as_bytes()]), id as u32)))
                .collect();
            v.sort_unstable();
            v
        });
        for id in ids_of(sounds, h) {
            let cand = layer.words[id as usize].as_str();
            let d = strsim::osa_distance(word, cand);
            if !cand.starts_with(first) || d > SOUND_EDITS || sound(cand).as_ref() != Some(&key) {
                continue;
            }
            if let Some(count) = count_of(cand) {
                best.offer(d, count, cand);
            }
        }
    }
    best.word()
}

/// The ids a hash points at in a list of (hash, id) sorted by hash.
fn ids_of(list: &[(u64, u32)], hash: u64) -> impl Iterator<Item = u32> + '_ {
    let from = list.partition_point(|&(k, _)| k < hash);
    list[from..]
        .iter()
        .take_while(move |&&(k, _)| k == hash)
        .map(|&(_, id)| id)
}

/// The best candidate word seen so far: fewest edits, then most frequent,
/// then alphabetical, so the choice is deterministic.
#[derive(Default)]
struct Closest<'a>(Option<(usize, u32, &'a str)>);

impl<'a> Closest<'a> {
    fn offer(&mut self, edits: usize, count: u32, word: &'a str) {
        let rank = (edits, u32::MAX - count, word);
        if self.0.is_none_or(|b| rank < b) {
            self.0 = Some(rank);
        }
    }

    fn word(&self) -> Option<&'a str> {
        self.0.map(|(_, _, w)| w)
    }
}

/// Roughly how a word of lower-case ASCII letters sounds: its first letter
/// and the consonants after it, "c" as "k" or "s" as spoken, "ck", "q" and
/// the "ch" of "sch" as "k", "ph" as "f", "z" as "s", "tch" as "ch"; later
/// vowels, other "h"s and doubled letters dropped ("become" and "becum"
/// are "bkm", "developer" and "devlopr" "dvlpr"). `None` for any other
/// word.
fn sound(word: &str) -> Option<String> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let b = word.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let (c, len) = match (b[i], next) {
            (b't', Some(b'c')) if b.get(i + 2) == Some(&b'h') => ('C', 3),
            (b'c', Some(b'h')) if i > 0 && b[i - 1] == b's' => ('k', 2),
            (b'c', Some(b'h')) => ('C', 2),
            (b's', Some(b'h')) => ('S', 2),
            (b't', Some(b'h')) => ('T', 2),
            (b'p', Some(b'h')) => ('f', 2),
            (b'c', Some(b'k')) => ('k', 2),
            (b'c', Some(b'e' | b'i' | b'y')) => ('s', 1),
            (b'c' | b'q', _) => ('k', 1),
            (b'z', _) => ('s', 1),
            // "x" is heard as "ks" ("eksactly" is "exactly").
            (b'x', _) => {
                if !out.ends_with('k') {
                    out.push('k');
                }
                ('s', 1)
            }
            (c, _) => (c as char, 1),
        };
        // Vowels and a lone "h" are not heard after the first letter.
        let silent = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h');
        if (i == 0 || !silent) && !out.ends_with(c) {
            out.push(c);
        }
        i += len;
    }
    Some(out)
}

/// Whether `a` and `b` differ by letters replaced in place (same length, not
/// merely two neighbours swapped).
fn is_substitution(a: &str, b: &str) -> bool {
    if a.chars().count() != b.chars().count() {
        return false;
    }
    let (mut x, mut y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    x.sort_unstable();
    y.sort_unstable();
    x != y
}

/// Into `out` (cleared first): the hashes of `word`, of every string made
/// by deleting one of its characters, and with `twice` of every string made
/// by deleting two, each hashed as that string would be, without making it.
fn key_hashes(word: &str, twice: bool, out: &mut Vec<u64>) {
    out.clear();
    let b = word.as_bytes();
    out.push(hash(&[b]));
    let chars: Vec<(usize, usize)> = word
        .char_indices()
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    for (n, &(i, i_end)) in chars.iter().enumerate() {
        out.push(hash(&[&b[..i], &b[i_end..]]));
        if twice {
            for &(j, j_end) in &chars[n + 1..] {
                out.push(hash(&[&b[..i], &b[i_end..j], &b[j_end..]]));
            }
        }
    }
}

/// FNV-1a over the bytes of `parts` in turn: the hash of their
/// concatenation.
fn hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in parts.iter().flat_map(|p| p.iter()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TypoIndex {
        TypoIndex::new([
            "salary",
            "languages",
            "difference",
            "databases",
            "become",
            "developer",
            "layer",
            "responsibilities",
            "jobs",
            "code",
        ])
    }

    fn correct<'a>(ix: &'a TypoIndex, word: &str) -> Option<&'a str> {
        ix.correct(word, |_| Some(1))
    }

    #[test]
    fn corrects_common_misspellings() {
        let ix = index();
        assert_eq!(correct(&ix, "salery"), Some("salary"));
        assert_eq!(correct(&ix, "salry"), Some("salary"));
        assert_eq!(correct(&ix, "langauges"), Some("languages"));
        assert_eq!(correct(&ix, "diffrence"), Some("difference"));
        assert_eq!(correct(&ix, "databses"), Some("databases"));
        assert_eq!(correct(&ix, "becom"), Some("become"));
        assert_eq!(correct(&ix, "devloper"), Some("developer"));
    }

    #[test]
    fn a_chat_spelling_is_read_as_the_word_it_sounds_like() {
        let ix = index();
        let sounds = |w: &str| sound_alike_in([&ix], w, |_| Some(1));
        // Too far for the typo index, but spoken alike.
        assert_eq!(correct(&ix, "becum"), None);
        assert_eq!(sounds("becum"), Some("become"));
        assert_eq!(sounds("devlopr"), Some("developer"));
        assert_eq!(sounds("diferense"), Some("difference"));
        assert_eq!(sound("school"), sound("skul"));
        // Not another word of the same consonants, nor a short one.
        assert_eq!(sounds("coda"), Some("code"));
        assert_eq!(sounds("kode"), None);
        assert_eq!(sounds("dbs"), None);
        assert_eq!(sounds("kubernetes"), None);
    }

    #[test]
    fn a_four_letter_word_is_corrected_only_for_a_swap() {
        let ix = index();
        assert_eq!(correct(&ix, "jbos"), Some("jobs"));
        assert_eq!(correct(&ix, "cdoe"), Some("code"));
        // A dropped, added or changed letter is as often another word.
        assert_eq!(correct(&ix, "jobz"), None);
        assert_eq!(correct(&ix, "cod"), None);
        assert_eq!(correct(&ix, "cide"), None);
    }

    #[test]
    fn a_long_word_is_corrected_over_two_edits_of_any_kind() {
        let ix = index();
        // Two letters dropped, a letter dropped and one changed, two added.
        for typo in ["respnsibilites", "respomsibilites", "resoponsibilitiees"] {
            assert_eq!(correct(&ix, typo), Some("responsibilities"), "{typo}");
        }
        assert_eq!(
            correct(&ix, "resplnsbilites"),
            None,
            "three edits are too many"
        );
    }

    #[test]
    fn leaves_unrelated_and_short_words_alone() {
        let ix = index();
        assert_eq!(correct(&ix, "kubernetes"), None);
        assert_eq!(correct(&ix, "dentist"), None);
        assert_eq!(correct(&ix, "bake"), None);
        assert_eq!(
            correct(&ix, "rust"),
            None,
            "four letters are too few to guess from"
        );
        assert_eq!(correct(&ix, "sal"), None);
        assert_eq!(
            correct(&ix, "salary"),
            None,
            "a known word needs no correction"
        );
    }
}

#[cfg(test)]
mod layer_tests {
    use super::*;

    #[test]
    fn layers_and_presence_filter() {
        let a = TypoIndex::new(["salary"]);
        let b = TypoIndex::new(["salery"]);
        let layers = || [&a, &b];
        // Both one edit from "salxry"; the more frequent wins.
        let counts = |w: &str| Some(if w == "salery" { 5 } else { 1 });
        assert_eq!(correct_in(layers(), "salxry", 6, counts), Some("salery"));
        // A word absent where the correction is used is passed over.
        let only_salary = |w: &str| (w == "salary").then_some(1);
        assert_eq!(
            correct_in(layers(), "salxry", 6, only_salary),
            Some("salary")
        );
    }
}
