//! The vocabulary indexes are built from: terms, surface words, typo layers,
//! and a cache of each section's analysis by content.
//!
//! It only grows, so term ids stay valid, and an index built from it can
//! reuse the analysis of every section whose content has not changed: after
//! a moderator's change, a server's index is rebuilt by analysing the one
//! changed section and re-deriving postings, not by re-reading the other
//! thousand. Indexes keep an immutable [`Frozen`] snapshot for lookups.

use super::analyzer::{intent_term, Analyzer};
use super::lexicon::{chat_words, lexicon, WordClass};
use super::stopwords::INTENTS;
use super::typo::TypoIndex;
use super::TermId;
use crate::knowledge::{paragraphs, Section};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A section's terms, field by field, and the surface words it uses.
#[derive(Debug)]
pub struct SectionTerms {
    pub keywords: Vec<TermId>,
    pub title: Vec<TermId>,
    pub body: Vec<TermId>,
    /// Each sample question's distinct terms, sorted (question words included).
    pub questions: Vec<Vec<TermId>>,
    /// Each quote's distinct terms, sorted.
    pub quotes: Vec<Vec<TermId>>,
    /// Surface word ids, one per occurrence.
    pub surfaces: Vec<u32>,
    /// Terms written side by side ("frontend" then "developer"), in its
    /// keywords, title or sample questions (what it is about or asked,
    /// not what its prose says in passing); sorted, distinct.
    pub pairs: Vec<(TermId, TermId)>,
    /// Terms of its keywords written with a capital ("Java", "PostgreSQL"):
    /// names of things; sorted, distinct.
    pub named: Vec<TermId>,
    /// Terms of the keywords a server's moderators taught it.
    pub taught: Vec<TermId>,
}

/// What an index looks terms and words up in; shared, never changed.
pub struct Frozen {
    words: Layers,
    pub intents: Vec<bool>,
    /// term -> whether one of its words names a person (see `Vocabulary`).
    pub persons: Vec<bool>,
    /// term -> the highest English word frequency (zipf) of its words.
    pub zipf: Vec<f32>,
    /// How many surface words there are.
    pub surface_count: usize,
    pub typos: Vec<Arc<TypoIndex>>,
}

impl Frozen {
    /// A term's id.
    pub fn term(&self, term: &str) -> Option<TermId> {
        self.words.term(term)
    }

    /// A surface word's id and term.
    pub fn surface(&self, word: &str) -> Option<(u32, TermId)> {
        self.words.surface(word)
    }

    /// A term's text: a word's stem, or a phrase's words' stems.
    pub fn name(&self, id: TermId) -> &str {
        self.words.name(id)
    }

    pub fn term_count(&self) -> usize {
        self.intents.len()
    }
}

/// The terms and surface words of a vocabulary, in two parts: one that
/// every snapshot since the last merge shares (`shared`), and what was
/// learnt since (`recent`), which each snapshot copies. A server's index
/// keeps the snapshot it was built with, and every server's moderators may
/// add words of their own, so a whole copy per snapshot made each kept view
/// cost megabytes.
#[derive(Default, Clone)]
struct Layers {
    shared: Arc<Words>,
    recent: Words,
}

/// Terms and surface words, with the texts of the terms numbered from
/// where the part before ends.
#[derive(Default, Clone)]
struct Words {
    terms: FxHashMap<String, TermId>,
    /// term -> its text (the inverse of `terms`).
    names: Vec<String>,
    /// Surface word -> (surface id, term).
    surfaces: FxHashMap<String, (u32, TermId)>,
}

impl Layers {
    fn term(&self, term: &str) -> Option<TermId> {
        (self.shared.terms.get(term))
            .or_else(|| self.recent.terms.get(term))
            .copied()
    }

    fn surface(&self, word: &str) -> Option<(u32, TermId)> {
        (self.shared.surfaces.get(word))
            .or_else(|| self.recent.surfaces.get(word))
            .copied()
    }

    fn name(&self, id: TermId) -> &str {
        let (id, shared) = (id as usize, self.shared.names.len());
        match id.checked_sub(shared) {
            None => &self.shared.names[id],
            Some(i) => &self.recent.names[i],
        }
    }

    fn term_count(&self) -> usize {
        self.shared.names.len() + self.recent.names.len()
    }

    /// Adds a term, numbered next.
    fn add_term(&mut self, term: &str) -> TermId {
        let id = self.term_count() as TermId;
        self.recent.terms.insert(term.to_string(), id);
        self.recent.names.push(term.to_string());
        id
    }

    /// Moves what was learnt since the last merge into the shared part
    /// once it is more than `MAX_RECENT` terms and surface words.
    fn merge_if_grown(&mut self) {
        if self.recent.terms.len() + self.recent.surfaces.len() <= MAX_RECENT {
            return;
        }
        // Taken whole, so that the next snapshots copy no spare capacity;
        // the shared part is copied only if a snapshot still holds it.
        let mut recent = std::mem::take(&mut self.recent);
        let shared = Arc::make_mut(&mut self.shared);
        shared.terms.extend(recent.terms);
        shared.names.append(&mut recent.names);
        shared.surfaces.extend(recent.surfaces);
    }
}

/// How many terms and surface words a vocabulary learns before its shared
/// snapshot part is made anew with them (each snapshot copies fewer).
const MAX_RECENT: usize = 512;

/// How many typo layers accumulate before they are merged into one.
const MAX_TYPO_LAYERS: usize = 6;
/// Cached section analyses beyond which the cache starts over.
const MAX_CACHED_SECTIONS: usize = 50_000;

pub struct Vocabulary {
    pub(super) analyzer: Arc<Analyzer>,
    synonyms: BTreeMap<String, Vec<String>>,
    /// Terms and surface words, by text (see `Layers`).
    words: Layers,
    intents: Vec<bool>,
    /// term -> whether one of the words read as it names a person in
    /// WordNet ("developer", and so "dev" of its synonyms).
    persons: Vec<bool>,
    zipf: Vec<f32>,
    surface_words: Vec<String>,
    /// Surfaces of the synonyms table: vocabulary in every index.
    pub(super) synonym_surfaces: Vec<u32>,
    /// Word -> term (`None` for a stop word), so each word is stemmed once.
    memo: FxHashMap<String, Option<Arc<str>>>,
    /// Section analyses by content hash, when `reuse` is on.
    analyses: FxHashMap<u64, Vec<(SectionKey, Arc<SectionTerms>)>>,
    cached: usize,
    reuse: bool,
    typos: Vec<Arc<TypoIndex>>,
    typo_covered: usize,
    frozen: Option<Arc<Frozen>>,
}

/// The parts of a section its analysis depends on.
#[derive(PartialEq, Eq, Hash, Clone)]
struct SectionKey {
    title: String,
    text: String,
    keywords: Vec<String>,
    questions: Vec<String>,
    taught: Vec<String>,
    quotes: Vec<String>,
}

impl SectionKey {
    fn of(s: &Section) -> SectionKey {
        SectionKey {
            title: s.title.clone(),
            text: s.text.clone(),
            keywords: s.keywords.clone(),
            questions: s.questions.clone(),
            taught: s.taught.clone(),
            quotes: s.quotes.iter().map(|q| q.text.clone()).collect(),
        }
    }
}

fn hash_section(s: &Section) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.title.hash(&mut h);
    s.text.hash(&mut h);
    s.keywords.hash(&mut h);
    s.questions.hash(&mut h);
    s.taught.hash(&mut h);
    for q in &s.quotes {
        q.text.hash(&mut h);
    }
    h.finish()
}

impl Vocabulary {
    /// A vocabulary for one index: nothing is kept for reuse.
    pub fn new(synonyms: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        Vocabulary::build(synonyms, false)
    }

    /// A vocabulary for many indexes built over time (servers' views): each
    /// section's analysis is kept and reused while its content is unchanged.
    pub fn reusable(synonyms: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        Vocabulary::build(synonyms, true)
    }

    fn build(synonyms: &BTreeMap<String, Vec<String>>, reuse: bool) -> Vocabulary {
        let mut v = Vocabulary {
            analyzer: Arc::new(Analyzer::new(synonyms)),
            synonyms: synonyms.clone(),
            words: Layers::default(),
            intents: Vec::new(),
            persons: Vec::new(),
            zipf: Vec::new(),
            surface_words: Vec::new(),
            synonym_surfaces: Vec::new(),
            memo: FxHashMap::default(),
            analyses: FxHashMap::default(),
            cached: 0,
            reuse,
            typos: Vec::new(),
            typo_covered: 0,
            frozen: None,
        };
        // Synonym variants are vocabulary too: a misspelt "salery" or "wagse"
        // should find its way to the term.
        let mut surfaces = Vec::new();
        for (key, variants) in synonyms {
            for variant in variants.iter().chain(std::iter::once(key)) {
                v.analyze(variant, false, &mut surfaces, None);
            }
        }
        surfaces.sort_unstable();
        surfaces.dedup();
        v.synonym_surfaces = surfaces;
        // Every question word is a term, used by sample questions or not:
        // a question asking what none of them asks ("how long ...") then
        // counts as asking something the sections are never asked.
        for &intent in INTENTS {
            v.intern(&intent_term(intent));
        }
        v
    }

    /// Whether this vocabulary analyses text the way `synonyms` asks.
    pub fn fits(&self, synonyms: &BTreeMap<String, Vec<String>>) -> bool {
        self.synonyms == *synonyms
    }

    /// The analysis of a section, from the cache when its content is known.
    pub fn section(&mut self, s: &Section) -> Arc<SectionTerms> {
        if !self.reuse {
            return self.analyze_section(s);
        }
        let h = hash_section(s);
        if let Some(hit) = self.analyses.get(&h).and_then(|entries| {
            entries.iter().find(|(k, _)| {
                k.title == s.title
                    && k.text == s.text
                    && k.keywords == s.keywords
                    && k.questions == s.questions
                    && k.taught == s.taught
                    && k.quotes.iter().eq(s.quotes.iter().map(|q| &q.text))
            })
        }) {
            return hit.1.clone();
        }
        let terms = self.analyze_section(s);
        if self.cached >= MAX_CACHED_SECTIONS {
            self.analyses.clear();
            self.cached = 0;
        }
        self.analyses
            .entry(h)
            .or_default()
            .push((SectionKey::of(s), terms.clone()));
        self.cached += 1;
        terms
    }

    fn analyze_section(&mut self, s: &Section) -> Arc<SectionTerms> {
        let mut surfaces = Vec::new();
        let mut pairs = Vec::new();
        let mut keywords = Vec::new();
        let mut named = Vec::new();
        for k in &s.keywords {
            let terms = self.analyze(k, false, &mut surfaces, Some(&mut pairs));
            if k.chars().any(char::is_uppercase) {
                named.extend(&terms);
            }
            keywords.extend(terms);
        }
        named.sort_unstable();
        named.dedup();
        let title = self.analyze(&s.title, false, &mut surfaces, Some(&mut pairs));
        let mut body = Vec::new();
        for p in paragraphs(&s.text) {
            body.extend(self.analyze(p, false, &mut surfaces, None));
        }
        // Question words count only in sample questions. The title is one
        // more way of asking for the section (and the only one for an entry
        // moderators wrote without sample questions), and so is each
        // keyword a server's moderators taught it.
        let questions = s
            .questions
            .iter()
            .chain(std::iter::once(&s.title))
            .chain(&s.taught)
            .map(|q| sorted_set(self.analyze(q, true, &mut surfaces, Some(&mut pairs))))
            .collect();
        let quotes = s
            .quotes
            .iter()
            .map(|q| sorted_set(self.analyze(&q.text, false, &mut surfaces, None)))
            .collect();
        // Their words are counted as written among the keywords already.
        let mut taught = Vec::new();
        for k in &s.taught {
            taught.extend(self.analyze(k, false, &mut Vec::new(), None));
        }
        pairs.sort_unstable();
        pairs.dedup();
        Arc::new(SectionTerms {
            keywords,
            title,
            body,
            questions,
            quotes,
            surfaces,
            pairs,
            named,
            taught,
        })
    }

    /// A snapshot for lookups, made anew only when the vocabulary has grown.
    pub fn freeze(&mut self) -> Arc<Frozen> {
        if self.surface_words.len() > self.typo_covered {
            let fresh = TypoIndex::new(
                self.surface_words[self.typo_covered..]
                    .iter()
                    .map(String::as_str),
            );
            self.typos.push(Arc::new(fresh));
            self.typo_covered = self.surface_words.len();
            if self.typos.len() > MAX_TYPO_LAYERS {
                self.typos = vec![Arc::new(TypoIndex::new(
                    self.surface_words.iter().map(String::as_str),
                ))];
            }
        }
        let stale = self.frozen.as_ref().is_none_or(|f| {
            f.term_count() != self.intents.len() || f.surface_count != self.surface_words.len()
        });
        if stale {
            self.words.merge_if_grown();
            self.frozen = Some(Arc::new(Frozen {
                words: self.words.clone(),
                intents: self.intents.clone(),
                persons: self.persons.clone(),
                zipf: self.zipf.clone(),
                surface_count: self.surface_words.len(),
                typos: self.typos.clone(),
            }));
        }
        self.frozen.clone().expect("set above")
    }

    /// Terms of a text (question words only if `intents`), recording the
    /// surface words it uses and, into `pairs`, the terms it writes side by
    /// side (question words apart).
    fn analyze(
        &mut self,
        text: &str,
        intents: bool,
        surfaces: &mut Vec<u32>,
        mut pairs: Option<&mut Vec<(TermId, TermId)>>,
    ) -> Vec<TermId> {
        let analyzer = self.analyzer.clone();
        let memo = &mut self.memo;
        let ws = chat_words(text);
        let tokens = analyzer.analyze_words_by(&ws, |w| {
            if let Some(t) = memo.get(w) {
                return t.clone();
            }
            let t = analyzer.term(w);
            memo.insert(w.to_string(), t.clone());
            t
        });
        let mut out = Vec::with_capacity(tokens.len());
        // The last topical term, and the word after it.
        let mut last: Option<(TermId, usize)> = None;
        for t in tokens {
            if t.intent {
                if intents {
                    out.push(self.intern(&t.term));
                }
                last = None;
                continue;
            }
            let (start, end) = (t.start, t.end);
            let mut pair = |id: TermId| {
                if let (Some(pairs), Some((before, at))) = (pairs.as_deref_mut(), last) {
                    if at == start {
                        pairs.push((before, id));
                    }
                }
                last = Some((id, end));
            };
            if t.surface.contains(' ') {
                let id = self.intern(&t.term);
                pair(id);
                out.push(id);
                continue;
            }
            // A word seen before carries its term: one lookup, not two.
            let (sid, id) = match self.words.surface(&t.surface) {
                Some(known) => known,
                None => {
                    let id = self.intern(&t.term);
                    let info = lexicon().info(&t.surface);
                    if info.is_some_and(|i| i.class == WordClass::Person) {
                        self.persons[id as usize] = true;
                    }
                    let zipf = info.map_or(0.0, |i| i.zipf);
                    self.zipf[id as usize] = self.zipf[id as usize].max(zipf);
                    let sid = self.surface_words.len() as u32;
                    let surface = t.surface.into_owned();
                    self.surface_words.push(surface.clone());
                    self.words.recent.surfaces.insert(surface, (sid, id));
                    (sid, id)
                }
            };
            surfaces.push(sid);
            pair(id);
            out.push(id);
        }
        out
    }

    fn intern(&mut self, term: &str) -> TermId {
        if let Some(id) = self.words.term(term) {
            return id;
        }
        let id = self.words.add_term(term);
        self.intents.push(term.starts_with('?'));
        self.persons.push(false);
        self.zipf.push(0.0);
        id
    }
}

fn sorted_set(mut terms: Vec<TermId>) -> Vec<TermId> {
    terms.sort_unstable();
    terms.dedup();
    terms
}
