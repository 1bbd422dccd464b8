//! General English, beside the knowledge base: how common a word is, what
//! kind of word it is, which of the knowledge base's words it is related
//! to, and what chat shorthand stands for.
//!
//! The tables are derived data kept in `knowledge/lexicon/` with the scripts
//! that made them (`tools/lexicon/`) and their licences; they are compiled
//! into the binary and parsed once, on first use. The query step
//! (`search::query`) asks this module two things about a word the knowledge
//! base lacks: does it name another subject (a role, a product, a rare
//! technical word) or is it everyday English, and does it mean one of the
//! knowledge base's words.

use super::tuning::{
    OthernessScale, COMMON_ZIPF, OTHERNESS, RARE_ZIPF, RESPELL_MIN_LEN, RESPELL_MIN_ZIPF,
    RESPELL_SUBSTITUTION_MIN_LEN, SHORT_RESPELL_MIN_LEN, SHORT_RESPELL_MIN_ZIPF,
    UNLISTED_RESPELL_MIN_LEN,
};
use super::typo::TypoIndex;
use crate::text::Word;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

const FREQ: &str = include_str!("../../knowledge/lexicon/english-freq.tsv");
const CLASSES: &str = include_str!("../../knowledge/lexicon/english-classes.tsv");
const RELATED: &str = include_str!("../../knowledge/lexicon/related.tsv");
const SHORTHAND: &str = include_str!("../../knowledge/lexicon/shorthand.tsv");

/// What the lexicon knows of one English word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordInfo {
    /// Zipf frequency: log10 of occurrences per billion words (7: "the",
    /// 3: once per million words). 0 for a word not in the list.
    pub zipf: f32,
    pub class: WordClass,
    /// WordNet uses it mostly as a verb ("get", "learn"), a kind of
    /// `Describing` word.
    pub verb: bool,
}

/// A word's kind, from WordNet: what decides whether an unknown word could
/// be the subject of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// Not in WordNet: a name, a product, jargon, or chat spelling.
    Unlisted,
    /// Mostly a verb, adjective or adverb, and never a person: how people
    /// talk about a subject ("tedious", "honestly", "luckily").
    Describing,
    /// A word whose noun sense names a role ("nurse", "dentist", "chef";
    /// "senior", mostly an adjective, too).
    Person,
    /// A noun naming someone the asker knows or is, not a role ("friend",
    /// "cousin", "mom", "guy"): who is asking, not what about.
    Kin,
    /// A noun naming a place ("india", "ohio"): where the asker is, which
    /// the scope notes judge (another country than a section's figures).
    Place,
    /// A noun naming a group ("startup", "agency").
    Group,
    /// A noun of time or amount ("week", "years"): context, not subject.
    TimeOrAmount,
    /// Any other noun ("certification", "flask").
    Thing,
}

pub struct Lexicon {
    words: FxHashMap<&'static str, WordInfo>,
    /// The common dictionary words, for `respelt`.
    everyday: OnceLock<TypoIndex>,
    related: FxHashMap<&'static str, Vec<(&'static str, f32)>>,
    shorthand: FxHashMap<&'static str, Vec<&'static str>>,
    /// Short forms that stand for their words only written in capitals
    /// ("BE" for "backend"; "be" is a verb), with those words.
    capitals: Vec<(&'static str, &'static str)>,
    /// The bytes those short forms open with.
    capital_starts: [bool; 256],
    /// Phrases of the shorthand table ("these days"), by their first word.
    idioms: FxHashMap<&'static str, Vec<Idiom>>,
    /// Words a member calls the bot by ("bot"): the table's full form "~".
    vocatives: FxHashSet<&'static str>,
}

/// A phrase of several words read as other words: "these days" is "now",
/// not a day's work.
struct Idiom {
    written: Vec<&'static str>,
    words: Vec<&'static str>,
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::parse)
}

fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    fn parse() -> Lexicon {
        let mut words: FxHashMap<&'static str, WordInfo> = FxHashMap::default();
        for row in rows(FREQ) {
            if let [word, zipf, ..] = row.as_slice() {
                words.insert(
                    word,
                    WordInfo {
                        zipf: zipf.trim().parse().unwrap_or(0.0),
                        class: WordClass::Unlisted,
                        verb: false,
                    },
                );
            }
        }
        for row in rows(CLASSES) {
            if let [word, pos, lex, ..] = row.as_slice() {
                let class = match (*pos, lex.trim()) {
                    // "regular", "ancient", "closer", "sooner": mostly
                    // adjectives or adverbs, whatever their commonest noun
                    // sense names.
                    ("a" | "r", "person") => WordClass::Describing,
                    (_, "person") => WordClass::Person,
                    (_, "kin") => WordClass::Kin,
                    ("n", "location") => WordClass::Place,
                    ("n", "group") => WordClass::Group,
                    ("n", "time" | "quantity") => WordClass::TimeOrAmount,
                    ("n", _) => WordClass::Thing,
                    _ => WordClass::Describing,
                };
                let info = words.entry(word).or_insert(WordInfo {
                    zipf: 0.0,
                    class: WordClass::Unlisted,
                    verb: false,
                });
                info.class = class;
                info.verb = *pos == "v";
            }
        }
        let mut related = FxHashMap::default();
        for row in rows(RELATED) {
            if let [word, targets, ..] = row.as_slice() {
                let targets: Vec<(&'static str, f32)> = targets
                    .split_whitespace()
                    .filter_map(|t| {
                        let (w, weight) = t.rsplit_once(':')?;
                        Some((w, weight.parse().ok()?))
                    })
                    .collect();
                if !targets.is_empty() {
                    related.insert(*word, targets);
                }
            }
        }
        let mut shorthand = FxHashMap::default();
        let mut capitals = Vec::new();
        let mut idioms: FxHashMap<&'static str, Vec<Idiom>> = FxHashMap::default();
        let mut vocatives = FxHashSet::default();
        for row in rows(SHORTHAND) {
            if let [short, full, ..] = row.as_slice() {
                if *full == "~" {
                    vocatives.insert(*short);
                    continue;
                }
                if short.chars().any(char::is_uppercase) {
                    capitals.push((*short, *full));
                    continue;
                }
                // "-": a discourse marker, read as no words at all.
                let words = match *full {
                    "-" => Vec::new(),
                    full => full.split_whitespace().collect(),
                };
                let written: Vec<&'static str> = short.split_whitespace().collect();
                match written.as_slice() {
                    [one] => {
                        shorthand.insert(*one, words);
                    }
                    [first, ..] => idioms
                        .entry(*first)
                        .or_default()
                        .push(Idiom { written, words }),
                    [] => {}
                }
            }
        }
        // The longest idiom a message holds is read: "in a sentence or two",
        // not "in a sentence" and then "or two".
        for found in idioms.values_mut() {
            found.sort_by_key(|idiom| std::cmp::Reverse(idiom.written.len()));
        }
        let mut capital_starts = [false; 256];
        for (short, _) in &capitals {
            capital_starts[short.as_bytes()[0] as usize] = true;
        }
        Lexicon {
            words,
            related,
            shorthand,
            capitals,
            capital_starts,
            idioms,
            vocatives,
            everyday: OnceLock::new(),
        }
    }

    pub fn info(&self, word: &str) -> Option<WordInfo> {
        self.words.get(word).copied()
    }

    /// Whether WordNet uses `word` mostly as a verb.
    pub fn is_mostly_verb(&self, word: &str) -> bool {
        self.info(word).is_some_and(|i| i.verb)
    }

    /// Whether `word` is a dictionary word: see [`WordInfo::is_dictionary`].
    pub fn is_dictionary_word(&self, word: &str) -> bool {
        self.info(word).is_some_and(|i| i.is_dictionary())
    }

    /// The knowledge-base words `word` is related to, with how closely
    /// (1.0: a synonym), closest first.
    pub fn related(&self, word: &str) -> &[(&'static str, f32)] {
        self.related.get(word).map_or(&[], Vec::as_slice)
    }

    /// What a chat shorthand stands for ("ppl" -> "people"; nothing for a
    /// discourse marker such as "tbh").
    pub fn expand(&self, word: &str) -> Option<&[&'static str]> {
        self.shorthand.get(word).map(Vec::as_slice)
    }

    /// How common `word` is in English (its Zipf frequency; 0 for a word
    /// English lacks).
    pub fn zipf(&self, word: &str) -> f32 {
        self.info(word).map_or(0.0, |i| i.zipf)
    }

    /// How strongly a word the knowledge base lacks points to another
    /// subject: see [`otherness`].
    pub fn otherness(&self, word: &str) -> f32 {
        otherness(self.info(word))
    }

    /// The everyday English word a word English lacks misspells
    /// ("presentaton" -> "presentation", "freind" -> "friend"): the closest
    /// dictionary word at least `RESPELL_MIN_ZIPF` common, one edit away
    /// (two from nine letters), the commonest of equally close ones. A
    /// changed letter (rather than a dropped, added or swapped one) only in
    /// a word of `RESPELL_SUBSTITUTION_MIN_LEN` letters or more, since one
    /// changed letter turns a short name into a word ("clojure",
    /// "closure"). Words shorter than `RESPELL_MIN_LEN` are respelt more
    /// strictly (`short_respelt`), and below `SHORT_RESPELL_MIN_LEN` only
    /// when English lists them nowhere, and below
    /// `UNLISTED_RESPELL_MIN_LEN` not at all.
    pub fn respelt(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        if (SHORT_RESPELL_MIN_LEN..RESPELL_MIN_LEN).contains(&len) {
            return self.short_respelt(word);
        }
        if (UNLISTED_RESPELL_MIN_LEN..SHORT_RESPELL_MIN_LEN).contains(&len) {
            // "fnd", "frm", "hlp": a word English lists nowhere; one it
            // lists ("mak", "dos") or an acronym no common word is one
            // letter from ("gcp", "jwt") stays.
            return self
                .info(word)
                .is_none()
                .then(|| self.short_respelt(word))
                .flatten();
        }
        if len < RESPELL_MIN_LEN {
            return None;
        }
        // Built on first use: most messages never need it.
        let everyday = self.everyday.get_or_init(|| {
            TypoIndex::new(
                (self.words.iter())
                    .filter(|(_, i)| i.is_dictionary() && i.zipf >= RESPELL_MIN_ZIPF)
                    .map(|(&w, _)| w),
            )
        });
        everyday.correct_with(word, RESPELL_SUBSTITUTION_MIN_LEN, |w| {
            self.info(w).map(|i| (i.zipf * 100.0) as u32)
        })
    }

    /// `respelt` for a short word: only a dropped letter ("mony", "lern",
    /// "evry") or two swapped ones, and only to one of the commonest words
    /// (`SHORT_RESPELL_MIN_ZIPF`). An added or changed letter is a name as
    /// often as a typo ("mern" is no "men", "nuxt" no "next").
    fn short_respelt(&self, word: &str) -> Option<&str> {
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let b = word.as_bytes();
        let mut best: Option<(&'static str, f32)> = None;
        let mut consider = |cand: &[u8]| {
            let Ok(cand) = std::str::from_utf8(cand) else {
                return;
            };
            if let Some((&w, i)) = self.words.get_key_value(cand) {
                let fits = i.is_dictionary() && i.zipf >= SHORT_RESPELL_MIN_ZIPF;
                if fits && best.is_none_or(|(bw, bz)| (i.zipf, bw) > (bz, w)) {
                    best = Some((w, i.zipf));
                }
            }
        };
        let mut buf = Vec::with_capacity(b.len() + 1);
        for at in 0..=b.len() {
            for letter in b'a'..=b'z' {
                buf.clear();
                buf.extend_from_slice(&b[..at]);
                buf.push(letter);
                buf.extend_from_slice(&b[at..]);
                consider(&buf);
            }
        }
        for at in 0..b.len().saturating_sub(1) {
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(at, at + 1);
            consider(&buf);
        }
        best.map(|(w, _)| w)
    }
}

impl WordInfo {
    /// A dictionary word (WordNet lists it, or it is common English) is not
    /// a misspelling of another.
    pub fn is_dictionary(&self) -> bool {
        self.class != WordClass::Unlisted || self.zipf >= COMMON_ZIPF
    }
}

/// How strongly a word the knowledge base lacks, known to the lexicon as
/// `info`, points to another subject than the article's, 0..1: everyday
/// words that describe ("tedious") are near 0, roles ("dentist") and words
/// English rarely uses (jargon, products: "kubernetes") are 1.
pub fn otherness(info: Option<WordInfo>) -> f32 {
    let Some(info) = info else {
        return 1.0;
    };
    // 1 for a word rarer than RARE_ZIPF, 0 for one commoner than COMMON_ZIPF.
    let rarity = ((COMMON_ZIPF - info.zipf) / (COMMON_ZIPF - RARE_ZIPF)).clamp(0.0, 1.0);
    let OthernessScale { common, rare } = match info.class {
        WordClass::Person => OTHERNESS.person,
        WordClass::Kin => OTHERNESS.kin,
        WordClass::Unlisted => OTHERNESS.unlisted,
        WordClass::Thing | WordClass::Group => OTHERNESS.thing,
        WordClass::Place => OTHERNESS.place,
        WordClass::TimeOrAmount => OTHERNESS.time_or_amount,
        WordClass::Describing => OTHERNESS.describing,
    };
    common + (rare - common) * rarity
}

/// The words of `text` (see [`crate::text::words`]) with chat spellings
/// read as the words they stand for: short forms written in capitals
/// (see [`spell_out_capitals`]), then the rest (see [`expand_chat`]).
/// Messages and the knowledge base's own text are read alike.
pub fn chat_words(text: &str) -> Vec<Word> {
    expand_chat(crate::text::words(&spell_out_capitals(text)))
}

/// `text` with the short forms the shorthand table writes in capitals
/// ("BE dev vs FE dev") spelt out, where they are written so as whole
/// words; lower case ("be") is another word. Not in text written in
/// capitals throughout, where every word is.
pub fn spell_out_capitals(text: &str) -> Cow<'_, str> {
    let lx = lexicon();
    let bytes = text.as_bytes();
    let whole_at = |at: usize, len: usize| {
        let edge = |i: Option<&u8>| i.is_none_or(|b| !b.is_ascii_alphanumeric());
        edge(at.checked_sub(1).and_then(|i| bytes.get(i))) && edge(bytes.get(at + len))
    };
    // Where one of them is written as a whole word: looked for only where a
    // word opens with the first byte of one, a capital, which most chat
    // has few of.
    let at_a_capital = |at: usize| {
        (lx.capitals.iter()).find(|(short, _)| {
            bytes[at..].starts_with(short.as_bytes()) && whole_at(at, short.len())
        })
    };
    let written = (0..bytes.len())
        .any(|at| lx.capital_starts[bytes[at] as usize] && at_a_capital(at).is_some());
    if !written {
        return Cow::Borrowed(text);
    }
    if crate::text::mostly_capitals(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    let mut at = 0;
    while at < text.len() {
        match at_a_capital(at) {
            Some((short, full)) => {
                out.push_str(&text[last..at]);
                out.push_str(full);
                at += short.len();
                last = at;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// Chat spellings replaced by the words they stand for: the shorthand
/// table ("ppl" -> "people", "tbh" -> nothing), a dropped final g ("makin"
/// -> "making"), a z for a plural s ("jobz" -> "jobs"), and a number run
/// into its unit ("8hrs" -> "8 hours"). A spelling is repaired only where
/// the repaired word is English and much commoner than the one written, a
/// number split only from a unit of time or amount. Applied alike to
/// messages and to the knowledge base's own text, so that a sample question
/// written in chat meets a message written the same way.
pub fn expand_chat(mut ws: Vec<Word>) -> Vec<Word> {
    let lx = lexicon();
    // Most text (all of the article's) has no chat spelling: it is
    // returned as it is. Otherwise the words before the first one that
    // may change are kept as they are, and the rest read from there.
    let Some(first) = ws.iter().position(|w| lx.may_expand(w)) else {
        return ws;
    };
    let word = |text: &str| Word {
        text: text.to_string(),
        parts: Vec::new(),
    };
    let mut rest = ws.split_off(first);
    let mut out = ws;
    out.reserve(rest.len());
    let ws = &mut rest;
    let mut skip = 0;
    for i in 0..ws.len() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if let Some(idiom) = lx.idiom_at(&ws[i..]) {
            out.extend(idiom.words.iter().map(|f| word(f)));
            skip = idiom.written.len() - 1;
            continue;
        }
        // "hey bot, what do they earn": the bot called by name, not what
        // is asked about; "my discord bot" names a bot.
        if lx.vocatives.contains(ws[i].text.as_str())
            && out
                .last()
                .is_none_or(|w| GREETINGS.contains(&w.text.as_str()))
        {
            continue;
        }
        let w = Word {
            text: std::mem::take(&mut ws[i].text),
            parts: std::mem::take(&mut ws[i].parts),
        };
        if !w.parts.is_empty() {
            out.push(w);
        } else if let Some(full) = lx.expand(&w.text) {
            out.extend(full.iter().map(|f| word(f)));
        } else if let Some((number, unit)) = lx.number_and_unit(&w.text) {
            out.push(word(number));
            out.extend(unit.iter().map(|u| word(u)));
        } else if let Some(fixed) = lx.chat_spelling(&w.text) {
            out.push(Word {
                text: fixed,
                parts: Vec::new(),
            });
        } else {
            out.push(w);
        }
    }
    out
}

/// Words that call on someone before their name: "hey bot", "thanks bot".
const GREETINGS: &[&str] = &[
    "hey", "hi", "hello", "hiya", "yo", "oi", "sup", "ok", "okay", "dear", "thanks", "thank",
    "please", "so", "morning", "evening",
];

impl Lexicon {
    /// Whether `expand_chat` might change the word.
    fn may_expand(&self, w: &Word) -> bool {
        self.idioms.contains_key(w.text.as_str())
            || self.vocatives.contains(w.text.as_str())
            || (w.parts.is_empty()
                && (self.shorthand.contains_key(w.text.as_str())
                    || self.number_and_unit(&w.text).is_some()
                    || self.chat_spelling(&w.text).is_some()))
    }

    /// The idiom the words start with, if any.
    fn idiom_at(&self, ws: &[Word]) -> Option<&Idiom> {
        let found = self.idioms.get(ws[0].text.as_str())?;
        found.iter().find(|idiom| {
            idiom.written.len() <= ws.len()
                && idiom.written.iter().zip(ws).all(|(a, b)| *a == b.text)
        })
    }

    /// "8hrs", "2yrs": a number of up to three digits run into a unit of
    /// time or amount (itself maybe shorthand), as the number and the
    /// unit's words. Not "100k" (one letter) nor "html5" (letters first).
    fn number_and_unit<'w>(&self, w: &'w str) -> Option<(&'w str, Vec<&'w str>)> {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || w.len() - digits < 2 {
            return None;
        }
        let (number, unit) = w.split_at(digits);
        if !unit.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let words: Vec<&'w str> = match self.expand(unit) {
            Some(full) => full.to_vec(),
            None => vec![unit],
        };
        let is_unit = |u: &str| {
            self.info(u)
                .is_some_and(|i| i.class == WordClass::TimeOrAmount)
        };
        match words.as_slice() {
            [u] if is_unit(u) => Some((number, words)),
            _ => None,
        }
    }

    /// The word a chat spelling stands for: a dropped final g ("makin",
    /// "trustin") or a z for a final s ("jobz", "skillz", "iz"), when the
    /// repaired word is English and ten times commoner than the one written
    /// ("makin" is in WordNet too, as a rare noun).
    fn chat_spelling(&self, w: &str) -> Option<String> {
        if w.len() < 2 || !w.is_ascii() {
            return None;
        }
        let fixed = if w.len() >= 4 && w.ends_with("in") {
            format!("{w}g")
        } else if let Some(stem) = w.strip_suffix('z') {
            format!("{stem}s")
        } else {
            return None;
        };
        let repaired = self.is_dictionary_word(&fixed) && self.zipf(&fixed) >= self.zipf(w) + 1.0;
        repaired.then_some(fixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_jargon_are_other_subjects_everyday_words_are_not() {
        let lx = lexicon();
        for w in ["dentist", "nurse", "kubernetes", "leetcode"] {
            assert!(lx.otherness(w) >= 0.9, "{w}: {}", lx.otherness(w));
        }
        for w in ["tedious", "honestly", "luckily", "decent", "week"] {
            assert!(lx.otherness(w) <= 0.35, "{w}: {}", lx.otherness(w));
        }
    }

    #[test]
    fn the_bot_called_by_name_is_no_word_of_the_question() {
        let read =
            |text: &str| -> Vec<String> { chat_words(text).into_iter().map(|w| w.text).collect() };
        assert_eq!(
            read("hey bot what is a backend dev"),
            read("hey what is a backend dev")
        );
        assert_eq!(read("bot, what do they earn"), read("what do they earn"));
        assert_eq!(read("thanks careerbot"), read("thanks"));
        // A bot someone made or talks about is a bot.
        assert!(read("should i put my discord bot on my resume").contains(&"bot".to_string()));
        assert!(read("can a bot replace a backend dev").contains(&"bot".to_string()));
    }

    #[test]
    fn an_adjective_is_not_a_person_for_its_noun_sense() {
        // WordNet's commonest noun sense of "regular" and "ancient" is a
        // person, but they are mostly adjectives ("closer" and "sooner"
        // adverbs); "nurse" stays a role.
        let lx = lexicon();
        for w in ["regular", "ancient", "academic", "closer", "sooner"] {
            assert_eq!(
                lx.info(w).map(|i| i.class),
                Some(WordClass::Describing),
                "{w}"
            );
        }
        assert_eq!(lx.info("nurse").map(|i| i.class), Some(WordClass::Person));
    }

    #[test]
    fn people_the_asker_knows_are_not_roles() {
        let lx = lexicon();
        for w in [
            "friend", "cousin", "mom", "guy", "buddy", "sister", "roommate",
        ] {
            assert_eq!(lx.info(w).map(|i| i.class), Some(WordClass::Kin), "{w}");
            assert!(lx.otherness(w) <= 0.3, "{w}: {}", lx.otherness(w));
        }
        for w in [
            "dentist",
            "nurse",
            "teacher",
            "chef",
            "lawyer",
            "policewoman",
        ] {
            assert_eq!(lx.info(w).map(|i| i.class), Some(WordClass::Person), "{w}");
        }
    }

    #[test]
    fn a_misspelt_everyday_word_is_read_as_that_word() {
        let lx = lexicon();
        assert_eq!(lx.respelt("presentaton"), Some("presentation"));
        assert_eq!(lx.respelt("freind"), Some("friend"));
        // Names one letter from a word, short words, and jargon stay.
        assert_eq!(lx.respelt("clojure"), None);
        assert_eq!(lx.respelt("redis"), None);
        assert_eq!(lx.respelt("kubernetes"), None);
        // Short words over a dropped or swapped letter only, to the
        // commonest words: an added or changed letter is a name as often.
        assert_eq!(lx.respelt("mony"), Some("money"));
        assert_eq!(lx.respelt("lern"), Some("learn"));
        assert_eq!(lx.respelt("wrok"), Some("work"));
        for name in ["mern", "wasm", "sdet", "nuxt", "deno", "vite"] {
            assert_eq!(lx.respelt(name), None, "{name}");
        }
        // Three letters: only a word English lists nowhere.
        assert_eq!(lx.respelt("fnd"), Some("find"));
        assert_eq!(lx.respelt("hlp"), Some("help"));
        for kept in ["mak", "dos", "gcp", "jwt", "lpa"] {
            assert_eq!(lx.respelt(kept), None, "{kept}");
        }
    }

    #[test]
    fn dictionary_words_are_not_typos() {
        let lx = lexicon();
        assert!(lx.is_dictionary_word("tedious"));
        assert!(lx.is_dictionary_word("date"));
        assert!(!lx.is_dictionary_word("salery"));
        assert!(!lx.is_dictionary_word("langauges"));
    }

    fn expanded(s: &str) -> Vec<String> {
        chat_words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn chat_spellings_are_repaired_only_where_english_lacks_the_word() {
        assert_eq!(expanded("makin a plan"), ["making", "a", "plan"]);
        assert_eq!(expanded("backend jobz"), ["backend", "jobs"]);
        assert_eq!(expanded("wat iz backend"), ["what", "is", "backend"]);
        assert_eq!(
            expanded("coding 8hrs straight"),
            ["coding", "8", "hours", "straight"]
        );
        assert_eq!(expanded("2yrs in"), ["2", "years", "in"]);
        assert_eq!(expanded("hiring these days?"), ["hiring", "now"]);
        assert_eq!(expanded("at the end of the day it pays"), ["it", "pays"]);
        // The longest idiom is read whole.
        assert_eq!(expanded("backend in a sentence or two"), ["backend"]);
        assert_eq!(expanded("backend like i'm 5"), ["backend"]);
        // So are comments on the message itself: how it is asked, not what.
        assert_eq!(
            expanded("dumb question but what databases"),
            ["but", "what", "databases"]
        );
        assert_eq!(expanded("quick q, wrong channel?"), Vec::<&str>::new());
        assert_eq!(
            expanded("asking for a friend, would love to hear your thoughts"),
            ["would"]
        );
        // English words, figures and names stay as written ("100k" is the
        // word money already, see `text::words`).
        for kept in ["begin", "admin", "jazz", "html5", "linkedin", "3rd"] {
            assert_eq!(expanded(kept), [kept]);
        }
        assert_eq!(expanded("100k"), ["money"]);
    }

    #[test]
    fn shorthand_expands() {
        let lx = lexicon();
        assert_eq!(lx.expand("ppl"), Some(&["people"][..]));
        assert_eq!(lx.expand("rn"), Some(&["right", "now"][..]));
        assert_eq!(lx.expand("salary"), None);
        // Discourse markers stand for nothing asked.
        assert_eq!(lx.expand("tbh"), Some(&[][..]));
        assert_eq!(lx.expand("fr"), Some(&[][..]));
        // So do the adverbs that only comment or mark time ("is php still
        // used", "realistically how much", "is it basically a desk job").
        for w in [
            "still",
            "already",
            "realistically",
            "obviously",
            "basically",
            "simply",
            "totally",
            "certainly",
        ] {
            assert_eq!(lx.expand(w), Some(&[][..]), "{w}");
        }
        assert_eq!(lx.expand("lately"), Some(&["now"][..]));
        // Idioms read as a whole.
        assert_eq!(
            expanded("what makes a good backend dev"),
            ["what", "qualities", "of", "a", "backend", "dev"]
        );
        assert_eq!(
            expanded("is it a good career to get into"),
            ["is", "it", "a", "good", "career"]
        );
        assert_eq!(
            expanded("whats good about being a backend dev"),
            ["whats", "upsides", "of", "being", "a", "backend", "dev"]
        );
        assert_eq!(
            expanded("the best part of the job"),
            ["the", "upside", "of", "the", "job"]
        );
    }

    #[test]
    fn short_forms_in_capitals_are_spelt_out_only_in_capitals() {
        assert_eq!(
            expanded("is BE a good field"),
            ["is", "backend", "a", "good", "field"]
        );
        assert_eq!(
            expanded("FE vs BE devs"),
            ["frontend", "vs", "backend", "devs"]
        );
        // In lower case "be" is a verb; in a word, or in text written in
        // capitals throughout, nothing is a short form.
        assert_eq!(expanded("can i be a dev"), ["can", "i", "be", "a", "dev"]);
        assert_eq!(expanded("BEST langs"), ["best", "langs"]);
        assert_eq!(expanded("a FEW of them"), ["a", "few", "of", "them"]);
        assert_eq!(expanded("frontend or BE?"), ["frontend", "or", "backend"]);
        assert_eq!(
            expanded("HOW DO I BE A DEV"),
            ["how", "do", "i", "be", "a", "dev"]
        );
    }
}
