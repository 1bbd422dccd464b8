//! From words to terms: multi-word synonyms, stop words, stemming, and
//! single-word synonyms. The index and the questions go through the same
//! analyzer, so "earnings", "wage" and "salary" meet at one term.

use super::stopwords::{duration_asked, intent, is_stop_word, DURATION, INTENTS};
use crate::text::{words, Word};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// How many stems each thread keeps (see `Analyzer::stem`).
const STEM_CACHE: usize = 20_000;

thread_local! {
    static STEMS: std::cell::RefCell<HashMap<String, Arc<str>>> =
        std::cell::RefCell::new(HashMap::default());
}

/// A term and the word it came from. Terms are shared (a stem made once is
/// handed out again), and the word is borrowed from the words analysed, so a
/// token costs no allocation of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'w> {
    /// The term as indexed: a stem, or a synonym's canonical stem.
    pub term: Arc<str>,
    /// The word as written (lower-cased), for typo correction; a phrase's
    /// words joined by spaces.
    pub surface: Cow<'w, str>,
    /// The word's hyphenated parts, if any, for a fallback when the joined
    /// word is unknown ("non-technical").
    pub parts: &'w [String],
    /// A question word ("what", "how", "does"): not a topic, but compared
    /// with sample questions. Its term starts with `?`.
    pub intent: bool,
    /// The words it was read from: `start..end` of the words analysed, so
    /// that whether two tokens were written side by side is known after the
    /// stop words between them are gone.
    pub start: usize,
    pub end: usize,
}

/// A synonym variant's stem, read as the variant's canonical term.
struct Single {
    canonical: Arc<str>,
    /// A stem is shared by words of other senses: "engineer" and "engine",
    /// "position" and "positive", "definition" and "definitely". Only a
    /// word starting like a variant (all of it but its last letter) is
    /// read as it; `None` for a phrase written as one word ("serverside").
    starts: Option<Vec<String>>,
}

impl Single {
    fn reads(&self, word: &str) -> bool {
        self.starts
            .as_ref()
            .is_none_or(|starts| starts.iter().any(|s| word.starts_with(s.as_str())))
    }
}

pub struct Analyzer {
    stemmer: Stemmer,
    /// Multi-word variants, words joined by one space, to their canonical
    /// term; `None` when that is a stop word ("all day" as "always"): the
    /// phrase then names nothing, as the stop word would not.
    phrases: HashMap<String, Option<Arc<str>>>,
    /// The words a multi-word variant starts with, one or more but not
    /// all of them, joined likewise: a phrase is looked up only at a word
    /// starting one, and only while the words read so far start one.
    phrase_prefixes: FxHashSet<String>,
    /// Stems of single-word variants to their canonical term, with the
    /// starts a word must have to be read as one of them (see `Single`).
    singles: HashMap<String, Single>,
}

impl Analyzer {
    /// Builds an analyzer from the knowledge base's synonyms table.
    pub fn new(synonyms: &BTreeMap<String, Vec<String>>) -> Self {
        let mut a = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            phrases: HashMap::default(),
            phrase_prefixes: FxHashSet::default(),
            singles: HashMap::default(),
        };
        for (key, variants) in synonyms {
            let canonical: Arc<str> = a.plain_term(key).into();
            for v in variants.iter().chain(std::iter::once(key)) {
                let ws: Vec<String> = words(v).into_iter().map(|w| w.text).collect();
                match ws.len() {
                    0 => {}
                    1 => {
                        let stem = a.stem(&ws[0]);
                        if *stem != *canonical {
                            let single =
                                a.singles.entry(stem.to_string()).or_insert_with(|| Single {
                                    canonical: canonical.clone(),
                                    starts: Some(Vec::new()),
                                });
                            // All of the variant but its last letter:
                            // "engineer" as "engineers", not "engines".
                            let mut start = ws[0].clone();
                            start.pop();
                            if let Some(starts) = single.starts.as_mut() {
                                starts.push(start);
                            }
                        }
                    }
                    n => {
                        // The phrase written with hyphens ("server-side") is
                        // one word; it means the same.
                        let joined = a.stem(&ws.concat());
                        if *joined != *canonical {
                            let single = Single {
                                canonical: canonical.clone(),
                                starts: None,
                            };
                            a.singles.insert(joined.to_string(), single);
                        }
                        for k in 1..n {
                            a.phrase_prefixes.insert(ws[..k].join(" "));
                        }
                        let named = (!is_stop_word(key)).then(|| canonical.clone());
                        a.phrases.insert(ws.join(" "), named);
                    }
                }
            }
        }
        a
    }

    /// The Snowball stem of a word. Stems depend on the word alone, so each
    /// thread remembers the ones it has made (up to `STEM_CACHE` words, then
    /// it starts over): a long message stems mostly words seen before.
    pub fn stem(&self, word: &str) -> Arc<str> {
        STEMS.with_borrow_mut(|cache| {
            if let Some(stem) = cache.get(word) {
                return stem.clone();
            }
            let stem: Arc<str> = self.stemmer.stem(word).into();
            if cache.len() >= STEM_CACHE {
                cache.clear();
            }
            cache.insert(word.to_string(), stem.clone());
            stem
        })
    }

    /// The term for a piece of text without synonyms (used for the canonical
    /// side of the synonyms table itself).
    fn plain_term(&self, text: &str) -> String {
        words(text)
            .iter()
            .map(|w| self.stem(&w.text))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The term for one word, or `None` for a stop word.
    pub fn term(&self, word: &str) -> Option<Arc<str>> {
        if is_stop_word(word) || is_small_number(word) {
            return None;
        }
        let stem = self.stem(word);
        match self.singles.get(&*stem) {
            Some(single) if single.reads(word) => Some(single.canonical.clone()),
            _ => Some(stem),
        }
    }

    /// Terms of already split words, in order: the longest synonym phrase at
    /// each position wins, then stop words are dropped and the rest stemmed.
    pub fn analyze_words<'w>(&self, ws: &'w [Word]) -> Vec<Token<'w>> {
        self.analyze_words_by(ws, |w| self.term(w))
    }

    /// `analyze_words` with the word-to-term step supplied by the caller, so
    /// that indexing a large knowledge base can remember stems it has seen.
    pub fn analyze_words_by<'w>(
        &self,
        ws: &'w [Word],
        mut term_of: impl FnMut(&str) -> Option<Arc<str>>,
    ) -> Vec<Token<'w>> {
        let mut out = Vec::with_capacity(ws.len());
        // The phrase tried, built in one buffer for every try.
        let mut key = String::new();
        let mut i = 0;
        'words: while i < ws.len() {
            // "how long", "how many hours": a question word of its own.
            if ws[i].text == "how" || ws[i].text.starts_with(|c: char| c.is_ascii_digit()) {
                // The next three words, "" past the end: no allocation.
                let next: [&str; 3] =
                    std::array::from_fn(|k| ws.get(i + k).map_or("", |w| w.text.as_str()));
                if let Some(n) = duration_asked(&next) {
                    out.push(Token {
                        term: intent_term(DURATION),
                        surface: Cow::Borrowed(&ws[i].text),
                        parts: &[],
                        intent: true,
                        start: i,
                        end: i + n,
                    });
                    i += n;
                    continue;
                }
            }
            if self.phrase_prefixes.contains(&ws[i].text) {
                // The longest phrase from here: read on while the words so
                // far start one.
                key.clear();
                key.push_str(&ws[i].text);
                let mut longest = None;
                for n in 2..=ws.len() - i {
                    key.push(' ');
                    key.push_str(&ws[i + n - 1].text);
                    if let Some(term) = self.phrases.get(key.as_str()) {
                        longest = Some((n, term.clone(), key.clone()));
                    }
                    if !self.phrase_prefixes.contains(key.as_str()) {
                        break;
                    }
                }
                if let Some((n, term, phrase)) = longest {
                    if let Some(term) = term {
                        out.push(Token {
                            term,
                            surface: Cow::Owned(phrase),
                            parts: &[],
                            intent: false,
                            start: i,
                            end: i + n,
                        });
                    }
                    i += n;
                    continue 'words;
                }
            }
            let w = &ws[i];
            if let Some(term) = term_of(&w.text) {
                out.push(Token {
                    term,
                    surface: Cow::Borrowed(&w.text),
                    parts: &w.parts,
                    intent: false,
                    start: i,
                    end: i + 1,
                });
            } else if let Some(intent) = intent(&w.text) {
                out.push(Token {
                    term: intent_term(intent),
                    surface: Cow::Borrowed(&w.text),
                    parts: &[],
                    intent: true,
                    start: i,
                    end: i + 1,
                });
            }
            i += 1;
        }
        out
    }
}

/// The term of an intent ("what" -> "?what"), made once per intent.
pub(super) fn intent_term(intent: &'static str) -> Arc<str> {
    static TERMS: OnceLock<HashMap<&'static str, Arc<str>>> = OnceLock::new();
    let terms = TERMS.get_or_init(|| {
        INTENTS
            .iter()
            .map(|&i| (i, Arc::from(format!("?{i}"))))
            .collect()
    });
    match terms.get(intent) {
        Some(term) => term.clone(),
        None => format!("?{intent}").into(),
    }
}

/// A number of up to three digits is an amount ("2 hours", "15 years") or
/// chat shorthand ("4 a backend dev", "need 2 learn"), never what a question
/// is about; years and longer figures stay.
fn is_small_number(word: &str) -> bool {
    word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        let mut syn = BTreeMap::new();
        syn.insert("salary".to_string(), vec!["wage".into(), "earn".into()]);
        syn.insert(
            "backend".to_string(),
            vec!["back end".into(), "server side".into()],
        );
        Analyzer::new(&syn)
    }

    fn terms(a: &Analyzer, s: &str) -> Vec<String> {
        a.analyze_words(&words(s))
            .into_iter()
            .filter(|t| !t.intent)
            .map(|t| t.term.to_string())
            .collect()
    }

    #[test]
    fn synonyms_meet_at_one_term() {
        let a = analyzer();
        assert_eq!(terms(&a, "wages"), terms(&a, "salary"));
        assert_eq!(terms(&a, "earnings"), terms(&a, "salaries"));
    }

    #[test]
    fn a_variant_does_not_take_in_other_words_of_its_stem() {
        let mut syn = BTreeMap::new();
        syn.insert(
            "developer".to_string(),
            vec!["engineer".into(), "dev".into()],
        );
        syn.insert("job".to_string(), vec!["opening".into()]);
        syn.insert("define".to_string(), vec!["definition".into()]);
        let a = Analyzer::new(&syn);
        // The same Snowball stems, other senses.
        assert_eq!(a.stem("engines"), a.stem("engineer"));
        assert_ne!(terms(&a, "engines"), terms(&a, "developer"));
        assert_ne!(terms(&a, "open"), terms(&a, "job"));
        assert_ne!(terms(&a, "definitely"), terms(&a, "define"));
        // The variants' own forms still meet at the term.
        for (word, canonical) in [
            ("engineers", "developer"),
            ("engineering", "developer"),
            ("devs", "developer"),
            ("openings", "job"),
            ("definitions", "define"),
        ] {
            assert_eq!(terms(&a, word), terms(&a, canonical), "{word}");
        }
    }

    #[test]
    fn a_phrase_read_as_a_stop_word_names_nothing() {
        let mut syn = BTreeMap::new();
        syn.insert("always".to_string(), vec!["all day".to_string()]);
        syn.insert("day".to_string(), vec!["do all day".to_string()]);
        let a = Analyzer::new(&syn);
        assert_eq!(terms(&a, "sit at a desk all day"), vec!["sit", "desk"]);
        assert_eq!(terms(&a, "what do they do all day"), vec!["day"]);
    }

    #[test]
    fn spellings_of_back_end_are_one_term() {
        let a = analyzer();
        let one = terms(&a, "backend");
        assert_eq!(terms(&a, "back end"), one);
        assert_eq!(terms(&a, "back-end"), one);
        assert_eq!(terms(&a, "Back End"), one);
        assert_eq!(terms(&a, "server-side"), one);
        assert_eq!(terms(&a, "server side"), one);
    }

    #[test]
    fn stop_words_and_filler_vanish() {
        let a = analyzer();
        assert!(terms(&a, "lol what is it pls ??").is_empty());
        assert_eq!(terms(&a, "the databases"), vec!["databas"]);
    }

    #[test]
    fn small_numbers_are_not_topics_but_years_are() {
        let a = analyzer();
        // "15 years" is an amount of time: a duration, its unit no topic.
        assert_eq!(
            terms(&a, "a day 4 a dev, 8 hrs, 15 years"),
            terms(&a, "a day a dev hrs")
        );
        assert_eq!(terms(&a, "salary in 2024"), vec!["salari", "2024"]);
    }

    #[test]
    fn question_words_become_intents() {
        let a = analyzer();
        let intents: Vec<String> = a
            .analyze_words(&words("What does it do? how much"))
            .into_iter()
            .filter(|t| t.intent)
            .map(|t| t.term.to_string())
            .collect();
        assert_eq!(intents, vec!["?what", "?do", "?do", "?how", "?much"]);
        // "how long" and "how many hours" ask a duration; the unit is not a
        // topic word ("hours" is not pay per hour), "long" still is.
        for q in ["how long does it take", "how many hours a week"] {
            let ws = words(q);
            let tokens = a.analyze_words(&ws);
            assert_eq!(tokens[0].term.as_ref(), "?long", "{q}");
            assert!(!terms(&a, q).iter().any(|t| t.starts_with("hour")), "{q}");
        }
        assert_eq!(terms(&a, "how long does it take")[0], "long");
        // So does an amount of time: "4 day weeks" are no day's work.
        let ws = words("are 4 day weeks a thing");
        let tokens = a.analyze_words(&ws);
        assert_eq!(tokens[1].term.as_ref(), "?long");
        assert!(!terms(&a, "are 4 day weeks a thing").contains(&"day".to_string()));
    }
}
