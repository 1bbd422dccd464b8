//! The inverted index over a knowledge base's sections.
//!
//! Each section is indexed over weighted fields (keywords and title above
//! sample questions above body; the weights are in `tuning`), BM25F-style: a term's weighted frequency in a
//! section is saturated so repeating a word does not win on its own. Sample
//! questions are also indexed one by one, so a question can be compared with
//! the questions people are known to ask about a section.

use super::analyzer::Analyzer;
use super::evidence::leanings;
use super::outside::Outside;
use super::tuning::{
    BM25_B, IDF_FLOOR, INTENT_IDF, SUBSTITUTION_MIN_LEN, W_BODY, W_KEYWORDS, W_QUESTION, W_TITLE,
};
use super::typo::{correct_in, sound_alike_in};
use super::vocab::{Frozen, SectionTerms, Vocabulary};
use crate::knowledge::{KnowledgeBase, Origin};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, OnceLock};

pub type TermId = u32;

/// Sections with fewer sample questions than this are also compared by
/// their title and keywords (see `Index::build_with`).
pub(super) const MIN_SAMPLES: usize = 2;

pub struct Index {
    pub(super) analyzer: Arc<Analyzer>,
    vocab: Arc<Frozen>,
    /// term -> whether this index uses it anywhere.
    present: Vec<bool>,
    pub(super) idf: Vec<f32>,
    /// The idf a term found in no section would have.
    pub(super) unknown_idf: f32,
    /// term -> (section, weighted term frequency), by section.
    pub(super) postings: Lists<(u32, f32)>,
    /// term -> sample questions containing it, in order.
    pub(super) question_postings: Lists<u32>,
    /// sample question -> (section, square root of the summed idf of its
    /// distinct terms: the length its cosine divides by).
    pub(super) questions: Vec<(u32, f32)>,
    /// sample question -> the question words it uses, one bit each (see
    /// [`Index::intent_bit`]).
    pub(super) question_intents: Vec<u32>,
    /// The question words this index's samples use, by bit.
    intent_ids: Vec<TermId>,
    /// Each section's analysis (its quotes' terms among it).
    pub(super) sections: Vec<Arc<SectionTerms>>,
    /// term -> whether some section has it among its keywords or in its
    /// title (what a section is about), not only in prose or samples.
    strong: Vec<bool>,
    /// term -> whether moderators made it a subject on this server: a
    /// keyword or title word of an entry they wrote, or a keyword they
    /// taught a section.
    curated_subject: Vec<bool>,
    /// term -> how many sections have it in their keywords, title or body.
    described_in: Vec<u32>,
    /// term -> how many of the article's sections (not entries moderators
    /// wrote) have it in their keywords, title or body.
    subject_in: Vec<u32>,
    /// How many of the article's sections there are (see `is_anchor`).
    article_sections: usize,
    /// surface word id -> occurrences in this index (0: not used here).
    surface_counts: Vec<u32>,
    section_count: usize,
    /// section -> its column in the section leanings (`Query::lean`):
    /// the article's sections only, by id.
    lean_columns: Vec<Option<usize>>,
    /// The outside samples as the article's index reads them: this one's,
    /// on first use, unless it was given the article's (see
    /// [`Index::share_outside`]).
    outside: OnceLock<Arc<Outside>>,
}

impl Index {
    /// Indexes every section of `kb`.
    pub fn build(kb: &KnowledgeBase) -> Index {
        Index::build_with(kb, &mut Vocabulary::new(kb.synonyms()))
    }

    /// Indexes `kb` with a vocabulary that may already know most of its
    /// sections (see `Vocabulary`): only new or changed ones are analysed.
    /// The vocabulary must have been made for `kb`'s synonyms.
    pub fn build_with(kb: &KnowledgeBase, vocab: &mut Vocabulary) -> Index {
        debug_assert!(vocab.fits(kb.synonyms()));
        let sections: Vec<Arc<SectionTerms>> =
            kb.sections().iter().map(|s| vocab.section(s)).collect();
        let frozen = vocab.freeze();
        let n_terms = frozen.term_count();
        let mut ix = Index {
            analyzer: vocab.analyzer.clone(),
            // Question words are terms of every index, asked by a sample
            // question or not (see `Vocabulary::build`).
            present: frozen.intents.clone(),
            strong: vec![false; n_terms],
            curated_subject: vec![false; n_terms],
            described_in: vec![0; n_terms],
            subject_in: vec![0; n_terms],
            article_sections: (kb.sections().iter())
                .filter(|s| s.origin() != Origin::Server)
                .count(),
            idf: Vec::new(),
            unknown_idf: 0.0,
            postings: Lists::default(),
            question_postings: Lists::default(),
            questions: Vec::new(),
            question_intents: Vec::new(),
            intent_ids: Vec::new(),
            surface_counts: vec![0; frozen.surface_count],
            outside: OnceLock::new(),
            section_count: sections.len(),
            lean_columns: (kb.sections().iter())
                .map(|s| match s.origin() {
                    Origin::Server => None,
                    _ => leanings().columns.iter().position(|c| *c == s.id),
                })
                .collect(),
            sections: Vec::new(),
            vocab: frozen,
        };
        for &sid in &vocab.synonym_surfaces {
            ix.surface_counts[sid as usize] += 1;
        }

        let avg_body = (sections.iter().map(|f| f.body.len()).sum::<usize>() as f32
            / sections.len().max(1) as f32)
            .max(1.0);
        let mut postings: Vec<(TermId, (u32, f32))> = Vec::new();
        let mut tf: FxHashMap<TermId, f32> = FxHashMap::default();
        let mut body: FxHashMap<TermId, f32> = FxHashMap::default();
        let mut sampled: FxHashSet<TermId> = FxHashSet::default();
        for (si, f) in sections.iter().enumerate() {
            tf.clear();
            body.clear();
            let norm = 1.0 - BM25_B + BM25_B * f.body.len() as f32 / avg_body;
            for &t in &f.keywords {
                *tf.entry(t).or_default() += W_KEYWORDS;
                ix.strong[t as usize] = true;
            }
            for &t in &f.title {
                *tf.entry(t).or_default() += W_TITLE;
                ix.strong[t as usize] = true;
            }
            // The body is the article's prose: a word it repeats is still
            // one mention, weaker evidence than a keyword or a sample question.
            for &t in &f.body {
                *body.entry(t).or_default() += W_BODY / norm;
            }
            for (&t, &w) in &body {
                *tf.entry(t).or_default() += w.min(W_BODY);
            }
            // Every term so far is one the section is about.
            let of_article = kb.sections()[si].origin() != Origin::Server;
            let made_here = (!of_article).then(|| f.keywords.iter().chain(&f.title));
            for &t in made_here.into_iter().flatten().chain(&f.taught) {
                ix.curated_subject[t as usize] = true;
            }
            for &t in tf.keys() {
                ix.described_in[t as usize] += 1;
                ix.subject_in[t as usize] += of_article as u32;
            }
            // Sample questions show how people ask, in everyday words beside
            // the topic: a word many of them use ("make") is still one
            // mention, never a keyword's worth.
            sampled.clear();
            for q in &f.questions {
                for &t in q {
                    ix.present[t as usize] = true;
                    if !ix.is_intent(t) {
                        sampled.insert(t);
                    }
                }
            }
            for &t in &sampled {
                *tf.entry(t).or_default() += W_QUESTION;
            }
            for q in &f.quotes {
                for &t in q {
                    ix.present[t as usize] = true;
                }
            }
            let mut sorted: Vec<(TermId, f32)> = tf.iter().map(|(&t, &w)| (t, w)).collect();
            sorted.sort_unstable_by_key(|&(t, _)| t);
            for (t, w) in sorted {
                ix.present[t as usize] = true;
                postings.push((t, (si as u32, w)));
            }
            for &sid in &f.surfaces {
                ix.surface_counts[sid as usize] += 1;
            }
        }
        ix.postings = Lists::new(n_terms, postings);
        let n = ix.section_count as f32;
        ix.idf = (0..n_terms)
            .map(|t| match ix.is_intent(t as TermId) {
                true => INTENT_IDF,
                // How many sections are about the word, in their keywords,
                // title or prose: sample questions fill every section with
                // everyday verbs ("make"), which would make them seem to
                // belong everywhere. A word only samples use counts its
                // sections.
                false => {
                    let df = match ix.described_in[t] {
                        0 => ix.postings.of(t as TermId).len(),
                        described => described as usize,
                    };
                    let idf = bm25_idf(n, df as f32) + IDF_FLOOR;
                    // An everyday English word ("focus", "break", "total")
                    // that no section is about, only uses in passing, is
                    // weak evidence however few sections use it.
                    match ix.strong[t] {
                        true => idf,
                        false => idf * everyday_share(ix.vocab.zipf[t]),
                    }
                }
            })
            .collect();
        ix.unknown_idf = bm25_idf(n, 0.0) + IDF_FLOOR;
        let mut question_postings: Vec<(TermId, u32)> = Vec::new();
        for (si, f) in sections.iter().enumerate() {
            // A section with fewer than two sample questions (an entry a
            // moderator wrote) is also compared as its title and keywords
            // would ask it, so that a question naming them ("is zither
            // night on?") is like the section, not only covered by it.
            let named = (f.questions.len() < MIN_SAMPLES).then(|| {
                let mut q: Vec<TermId> = f.keywords.iter().chain(&f.title).copied().collect();
                q.sort_unstable();
                q.dedup();
                q
            });
            for q in f
                .questions
                .iter()
                .chain(named.as_ref())
                .filter(|q| !q.is_empty())
            {
                let qi = ix.questions.len() as u32;
                let weight: f32 = q.iter().map(|&t| ix.idf[t as usize]).sum();
                ix.questions.push((si as u32, weight.sqrt()));
                // Question words are in nearly every sample question; they
                // are looked up per question instead (see `score`).
                for &t in q {
                    if !ix.is_intent(t) {
                        question_postings.push((t, qi));
                    }
                }
                let mut bits = 0;
                for &t in q.iter().filter(|&&t| ix.vocab.intents[t as usize]) {
                    let bit = match ix.intent_ids.iter().position(|&i| i == t) {
                        Some(bit) => bit,
                        None => {
                            ix.intent_ids.push(t);
                            ix.intent_ids.len() - 1
                        }
                    };
                    assert!(bit < 32, "question words are a short fixed list");
                    bits |= 1 << bit;
                }
                ix.question_intents.push(bits);
            }
        }
        ix.question_postings = Lists::new(n_terms, question_postings);
        ix.sections = sections;
        ix
    }

    /// The bit standing for question word `id` in `question_intents`, if
    /// any sample question uses it.
    pub(super) fn intent_bit(&self, id: TermId) -> Option<u32> {
        self.intent_ids
            .iter()
            .position(|&i| i == id)
            .map(|b| b as u32)
    }

    /// Whether a term is a question word, which only sample questions use.
    pub fn is_intent(&self, id: TermId) -> bool {
        self.vocab.intents[id as usize]
    }

    /// A term this index uses.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.vocab
            .term(term)
            .filter(|&id| self.present[id as usize])
    }

    fn surface_count(&self, word: &str) -> Option<u32> {
        let (sid, _) = self.vocab.surface(word)?;
        Some(self.surface_counts[sid as usize]).filter(|&c| c > 0)
    }

    /// The term of a word as written somewhere in the knowledge base.
    pub fn surface_term(&self, word: &str) -> Option<TermId> {
        self.surface_count(word)?;
        self.vocab.surface(word).map(|(_, id)| id)
    }

    /// The knowledge base's closest word to a misspelt one, and its term.
    pub fn correct_typo(&self, word: &str) -> Option<(&str, TermId)> {
        let fixed = correct_in(
            self.vocab.typos.iter().map(|t| &**t),
            word,
            SUBSTITUTION_MIN_LEN,
            |w| self.surface_count(w),
        )?;
        Some((fixed, self.surface_term(fixed)?))
    }

    /// The knowledge base's word a chat spelling sounds like ("becum",
    /// "devlopr"), and its term: see `typo::sound_alike_in`.
    pub fn sound_alike(&self, word: &str) -> Option<(&str, TermId)> {
        let fixed = sound_alike_in(self.vocab.typos.iter().map(|t| &**t), word, |w| {
            self.surface_count(w)
        })?;
        Some((fixed, self.surface_term(fixed)?))
    }

    /// Whether some section has the term among its keywords or in its title.
    pub fn is_strong(&self, id: TermId) -> bool {
        self.strong[id as usize]
    }

    /// How many of the sections' sample questions use the term.
    pub fn sample_uses(&self, id: TermId) -> usize {
        self.question_postings.of(id).len()
    }

    /// How many sample questions the sections have together.
    pub fn sample_count(&self) -> usize {
        self.questions.len()
    }

    /// Whether `section` has the term among its keywords or in its title:
    /// what the section is about, or what moderators taught it, not a word
    /// its prose or sample questions use in passing (however often).
    pub fn is_strong_in(&self, section: usize, id: TermId) -> bool {
        let s = &self.sections[section];
        s.keywords.contains(&id) || s.title.contains(&id)
    }

    /// Whether `section` names `id` as a kind of the subject: writes it
    /// right before a subject word ("frontend developer") in its keywords,
    /// title or sample questions, or has it among its keywords as a name
    /// ("Java"): a Java developer is a developer working in Java, which the
    /// section is about. A section about data is not about data engineers.
    pub fn names_kind_in(&self, section: usize, id: TermId) -> bool {
        if self.sections[section].named.binary_search(&id).is_ok() {
            return true;
        }
        let pairs = &self.sections[section].pairs;
        let from = pairs.partition_point(|&(a, _)| a < id);
        pairs[from..]
            .iter()
            .take_while(|&&(a, _)| a == id)
            .any(|&(_, b)| self.is_anchor(b))
    }

    /// Whether some section names the term among its keywords as a name
    /// ("Java", "MySQL").
    pub fn is_named(&self, id: TermId) -> bool {
        self.sections
            .iter()
            .any(|s| s.named.binary_search(&id).is_ok())
    }

    /// Whether a word the knowledge base reads as `id` names a person
    /// ("developer", "programmer", and "dev" with them), not a thing
    /// ("backend").
    pub fn names_a_person(&self, id: TermId) -> bool {
        self.vocab.persons[id as usize]
    }

    /// Whether a term names the knowledge base's subject: at least half of
    /// the article's sections are about it, in their keywords, title or
    /// prose ("backend", "developer"). Sample questions do not count:
    /// everyday verbs such as "make" fill them in every section. Nor do
    /// moderators' own entries: a server with a thousand meetup entries is
    /// still about back-end developers.
    pub fn is_anchor(&self, id: TermId) -> bool {
        self.article_sections >= 4
            && self.subject_in[id as usize] as usize * 2 >= self.article_sections
    }

    /// What the article does not cover, by example (see `outside`): read
    /// by this index the first time a decision needs it, unless it shares
    /// the article's reading.
    pub fn outside(&self) -> &Outside {
        self.reading()
    }

    fn reading(&self) -> &Arc<Outside> {
        self.outside.get_or_init(|| Arc::new(Outside::build(self)))
    }

    /// Makes this index (a server's, built on the article) use the article
    /// index's reading of the outside samples instead of reading them
    /// again, which would take milliseconds after every change. Reads them
    /// with `article` now if it has not yet. No effect once this index has
    /// a reading of its own.
    pub fn share_outside(&self, article: &Index) {
        let _ = self.outside.set(article.reading().clone());
    }

    /// The terms this index uses.
    pub(super) fn present_terms(&self) -> impl Iterator<Item = TermId> + '_ {
        (self.present.iter().enumerate())
            .filter(|(_, &p)| p)
            .map(|(id, _)| id as TermId)
    }

    pub fn section_count(&self) -> usize {
        self.section_count
    }

    /// Whether moderators made the term a subject on this server (a
    /// keyword or title word of their entry, or a keyword they taught).
    /// Section `section`'s column in the section leanings, if it is one of
    /// the article's sections the fit has seen asked.
    pub fn lean_column(&self, section: usize) -> Option<usize> {
        self.lean_columns.get(section).copied().flatten()
    }

    pub fn is_curated_subject(&self, id: TermId) -> bool {
        self.curated_subject[id as usize]
    }

    /// A term's text: a word's stem, or a phrase's words' stems.
    pub fn term_text(&self, id: TermId) -> &str {
        self.vocab.name(id)
    }

    /// Terms this index uses.
    pub fn term_count(&self) -> usize {
        self.present.iter().filter(|&&p| p).count()
    }
}

#[cfg(test)]
impl Index {
    /// The index of the shipped knowledge files, for tests.
    pub(crate) fn shipped() -> Index {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        Index::build(&KnowledgeBase::load(&dir).expect("shipped knowledge loads"))
    }
}

/// A list per term in one allocation (term `t`'s is
/// `items[starts[t]..starts[t + 1]]`): a server's index has a list for
/// every term of the vocabulary all servers share, most of them empty, and
/// a `Vec` each would cost 24 bytes and an allocation apiece.
#[derive(Debug)]
pub(super) struct Lists<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Lists<T> {
    /// The lists of `n_terms` terms from `(term, item)` pairs, each list
    /// keeping its items in the pairs' order.
    fn new(n_terms: usize, pairs: Vec<(TermId, T)>) -> Lists<T> {
        let mut starts = vec![0u32; n_terms + 1];
        for &(t, _) in &pairs {
            starts[t as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        // Every slot is written below; the first item only fills them
        // until then.
        let mut items = match pairs.first() {
            Some(&(_, first)) => vec![first; pairs.len()],
            None => Vec::new(),
        };
        let mut next = starts.clone();
        for (t, item) in pairs {
            let at = &mut next[t as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Lists { starts, items }
    }

    /// Term `t`'s list (empty for a term past the end).
    pub(super) fn of(&self, t: TermId) -> &[T] {
        let t = t as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// English word frequencies (zipf) from which a word is everyday, and at
/// which its weight in passing is lowest: once in 30,000 words ("focus",
/// "pick") and once in a thousand ("new", "day").
const EVERYDAY_ZIPF: (f32, f32) = (4.5, 6.0);

/// The least share of its weight an everyday word used only in passing
/// keeps. Chosen among 1, 0.5 and 0.2 by the decision's cross-validated
/// figures on the tuned part (tools/fit/fit_decision.py): 0.5 answered
/// and declined the most out of fold.
const EVERYDAY_FLOOR: f32 = 0.5;

/// The share of its weight a word used only in passing keeps, by how
/// common it is in English: all of it up to `EVERYDAY_ZIPF.0`, falling to
/// `EVERYDAY_FLOOR` at `EVERYDAY_ZIPF.1` and above.
fn everyday_share(zipf: f32) -> f32 {
    let (from, to) = EVERYDAY_ZIPF;
    let over = ((zipf - from) / (to - from)).clamp(0.0, 1.0);
    1.0 - (1.0 - EVERYDAY_FLOOR) * over
}

/// BM25's inverse document frequency, always positive.
fn bm25_idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_everyday_word_in_passing_weighs_less() {
        assert_eq!(everyday_share(3.0), 1.0);
        assert_eq!(everyday_share(EVERYDAY_ZIPF.0), 1.0);
        assert!(everyday_share(5.0) < 1.0 && everyday_share(5.0) > EVERYDAY_FLOOR);
        assert_eq!(everyday_share(7.0), EVERYDAY_FLOOR);
        // "focus" is in the article's prose only, and in every other text.
        let ix = Index::shipped();
        let (_, id) = ix.vocab.surface("focus").expect("the article uses it");
        let t = id as usize;
        assert!(!ix.strong[t]);
        let n = ix.section_count as f32;
        let full = bm25_idf(n, ix.described_in[t] as f32) + IDF_FLOOR;
        assert!(ix.idf[t] < full, "{} vs {full}", ix.idf[t]);
    }
}
