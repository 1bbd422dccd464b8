//! The inverted index over a knowledge base's sections.
//!
//! Each section is indexed over weighted fields (keywords and title above
//! sample questions above body), BM25F-style: a term's weighted frequency in a
//! section is saturated so repeating a word does not win on its own. Sample
//! questions are also indexed one by one, so a question can be compared with
//! the questions people are known to ask about a section.

use super::analyzer::Analyzer;
use super::typo::TypoIndex;
use crate::knowledge::{paragraphs, KnowledgeBase};
use crate::text::words;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Field weights: how much one occurrence in that field counts.
const W_KEYWORDS: f32 = 1.0;
const W_TITLE: f32 = 1.0;
const W_QUESTION: f32 = 0.5;
const W_BODY: f32 = 0.5;
/// BM25 length normalisation of the body.
const B: f32 = 0.5;
/// Added to every idf so that terms found in every section still count a
/// little when nothing else tells sections apart.
const IDF_FLOOR: f32 = 0.1;
/// The fixed weight of a question word ("what", "how much") when a question
/// is compared with sample questions.
const INTENT_IDF: f32 = 0.4;

pub type TermId = u32;

pub struct Index {
    pub(super) analyzer: Analyzer,
    terms: FxHashMap<String, TermId>,
    /// term -> whether it is a question word (see `Token::intent`).
    intents: Vec<bool>,
    pub(super) idf: Vec<f32>,
    /// The idf a term found in no section would have.
    pub(super) unknown_idf: f32,
    /// term -> (section, weighted term frequency).
    pub(super) postings: Vec<Vec<(u32, f32)>>,
    /// term -> sample questions containing it.
    pub(super) question_postings: Vec<Vec<u32>>,
    /// sample question -> (section, summed idf of its distinct terms).
    pub(super) questions: Vec<(u32, f32)>,
    /// sample question -> its distinct terms, sorted.
    pub(super) question_terms: Vec<Vec<TermId>>,
    /// section -> quote -> distinct terms.
    pub(super) quote_terms: Vec<Vec<Vec<TermId>>>,
    /// Surface words seen in the knowledge base, to their term and how often
    /// they occur.
    surface: FxHashMap<String, (TermId, u32)>,
    typos: TypoIndex,
    section_count: usize,
}

#[derive(Default)]
struct Fields {
    keywords: Vec<TermId>,
    title: Vec<TermId>,
    body: Vec<TermId>,
    questions: Vec<Vec<TermId>>,
}

impl Index {
    /// Indexes every section of `kb`.
    pub fn build(kb: &KnowledgeBase) -> Index {
        let analyzer = Analyzer::new(&kb.synonyms);
        let mut ix = Index {
            analyzer,
            terms: FxHashMap::default(),
            intents: Vec::new(),
            idf: Vec::new(),
            unknown_idf: 0.0,
            postings: Vec::new(),
            question_postings: Vec::new(),
            questions: Vec::new(),
            question_terms: Vec::new(),
            quote_terms: Vec::new(),
            surface: FxHashMap::default(),
            typos: TypoIndex::new(std::iter::empty()),
            section_count: kb.sections.len(),
        };
        // Build-time memory of each word's term: stemming every occurrence
        // again would dominate the time to index a large knowledge base.
        let mut memo: FxHashMap<String, Option<String>> = FxHashMap::default();
        let mut all_fields = Vec::with_capacity(kb.sections.len());
        for s in &kb.sections {
            let mut f = Fields::default();
            for k in &s.keywords {
                f.keywords.extend(ix.add_text(k, false, &mut memo));
            }
            f.title = ix.add_text(&s.title, false, &mut memo);
            for p in paragraphs(&s.text) {
                f.body.extend(ix.add_text(p, false, &mut memo));
            }
            for q in &s.questions {
                // Question words count only in sample questions.
                f.questions
                    .push(sorted_set(ix.add_text(q, true, &mut memo)));
            }
            let quotes = s
                .quotes
                .iter()
                .map(|q| sorted_set(ix.add_text(&q.text, false, &mut memo)))
                .collect();
            ix.quote_terms.push(quotes);
            all_fields.push(f);
        }
        // Synonym variants are vocabulary too: a misspelt "salery" or "wagse"
        // should find its way to the term.
        for (key, variants) in &kb.synonyms {
            for v in variants.iter().chain(std::iter::once(key)) {
                ix.add_text(v, false, &mut memo);
            }
        }

        let n_terms = ix.terms.len();
        ix.postings = vec![Vec::new(); n_terms];
        ix.question_postings = vec![Vec::new(); n_terms];
        let avg_body = (all_fields.iter().map(|f| f.body.len()).sum::<usize>() as f32
            / all_fields.len().max(1) as f32)
            .max(1.0);
        for (si, f) in all_fields.iter().enumerate() {
            let mut tf: HashMap<TermId, f32> = HashMap::new();
            let norm = 1.0 - B + B * f.body.len() as f32 / avg_body;
            for &t in &f.keywords {
                *tf.entry(t).or_default() += W_KEYWORDS;
            }
            for &t in &f.title {
                *tf.entry(t).or_default() += W_TITLE;
            }
            // The body is the article's prose: a word it repeats is still
            // one mention, weaker evidence than a keyword or a sample question.
            let mut body: HashMap<TermId, f32> = HashMap::new();
            for &t in &f.body {
                *body.entry(t).or_default() += W_BODY / norm;
            }
            for (t, w) in body {
                *tf.entry(t).or_default() += w.min(W_BODY);
            }
            for q in &f.questions {
                for &t in q.iter().filter(|&&t| !ix.is_intent(t)) {
                    *tf.entry(t).or_default() += W_QUESTION;
                }
            }
            let mut tf: Vec<_> = tf.into_iter().collect();
            tf.sort_unstable_by_key(|&(t, _)| t);
            for (t, w) in tf {
                ix.postings[t as usize].push((si as u32, w));
            }
        }
        let n = ix.section_count as f32;
        ix.idf = (0..n_terms)
            .map(|t| match ix.is_intent(t as TermId) {
                true => INTENT_IDF,
                false => bm25_idf(n, ix.postings[t].len() as f32) + IDF_FLOOR,
            })
            .collect();
        ix.unknown_idf = bm25_idf(n, 0.0) + IDF_FLOOR;
        for (si, f) in all_fields.into_iter().enumerate() {
            for q in f.questions {
                let qi = ix.questions.len() as u32;
                let weight = q.iter().map(|&t| ix.idf[t as usize]).sum();
                ix.questions.push((si as u32, weight));
                // Question words are in nearly every sample question; they
                // are looked up per question instead (see `score`).
                for &t in q.iter().filter(|&&t| !ix.intents[t as usize]) {
                    ix.question_postings[t as usize].push(qi);
                }
                ix.question_terms.push(q);
            }
        }
        ix.typos = TypoIndex::new(ix.surface.iter().map(|(w, &(_, c))| (w.as_str(), c)));
        ix
    }

    /// Analyzes a text of the knowledge base, records its words as
    /// vocabulary, and returns its terms (question words only if `intents`).
    fn add_text(
        &mut self,
        text: &str,
        intents: bool,
        memo: &mut FxHashMap<String, Option<String>>,
    ) -> Vec<TermId> {
        let tokens = self.analyzer.analyze_words_by(&words(text), |w| {
            if let Some(t) = memo.get(w) {
                return t.clone();
            }
            let t = self.analyzer.term(w);
            memo.insert(w.to_string(), t.clone());
            t
        });
        let mut out = Vec::with_capacity(tokens.len());
        for t in tokens {
            if t.intent && !intents {
                continue;
            }
            let id = self.intern(&t.term);
            if !t.intent && !t.surface.contains(' ') {
                match self.surface.get_mut(&t.surface) {
                    Some((_, count)) => *count += 1,
                    None => {
                        self.surface.insert(t.surface, (id, 1));
                    }
                }
            }
            out.push(id);
        }
        out
    }

    fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.insert(term.to_string(), id);
        self.intents.push(term.starts_with('?'));
        id
    }

    /// Whether a term is a question word, which only sample questions use.
    pub fn is_intent(&self, id: TermId) -> bool {
        self.intents[id as usize]
    }

    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.get(term).copied()
    }

    /// The term of a word as written somewhere in the knowledge base.
    pub fn surface_term(&self, word: &str) -> Option<TermId> {
        self.surface.get(word).map(|&(id, _)| id)
    }

    /// The knowledge base's closest word to a misspelt one, and its term.
    pub fn correct_typo(&self, word: &str) -> Option<(&str, TermId)> {
        let fixed = self.typos.correct(word)?;
        Some((fixed, self.surface_term(fixed)?))
    }

    /// Whether a term names the knowledge base's subject: it appears in at
    /// least half of the sections (in the article: "backend", "developer").
    pub fn is_anchor(&self, id: TermId) -> bool {
        self.section_count >= 4 && self.postings[id as usize].len() * 2 >= self.section_count
    }

    pub fn section_count(&self) -> usize {
        self.section_count
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

fn sorted_set(mut terms: Vec<TermId>) -> Vec<TermId> {
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// BM25's inverse document frequency, always positive.
fn bm25_idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}
