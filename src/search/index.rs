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

pub type TermId = u32;

pub struct Index {
    pub(super) analyzer: Analyzer,
    terms: HashMap<String, TermId>,
    pub(super) idf: Vec<f32>,
    /// The idf a term found in no section would have.
    pub(super) unknown_idf: f32,
    /// term -> (section, weighted term frequency).
    pub(super) postings: Vec<Vec<(u32, f32)>>,
    /// term -> sample questions containing it.
    pub(super) question_postings: Vec<Vec<u32>>,
    /// sample question -> (section, summed idf of its distinct terms).
    pub(super) questions: Vec<(u32, f32)>,
    /// section -> quote -> distinct terms.
    pub(super) quote_terms: Vec<Vec<Vec<TermId>>>,
    /// Surface words seen in the knowledge base, to their term.
    surface: HashMap<String, TermId>,
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
            terms: HashMap::new(),
            idf: Vec::new(),
            unknown_idf: 0.0,
            postings: Vec::new(),
            question_postings: Vec::new(),
            questions: Vec::new(),
            quote_terms: Vec::new(),
            surface: HashMap::new(),
            typos: TypoIndex::new(std::iter::empty()),
            section_count: kb.sections.len(),
        };
        let mut surface_counts: HashMap<String, u32> = HashMap::new();

        let mut all_fields = Vec::with_capacity(kb.sections.len());
        for s in &kb.sections {
            let mut f = Fields::default();
            let mut add = |ix: &mut Index, text: &str| -> Vec<TermId> {
                ix.analyzer
                    .analyze(text)
                    .into_iter()
                    .map(|t| {
                        let id = ix.intern(&t.term);
                        if !t.surface.contains(' ') {
                            *surface_counts.entry(t.surface.clone()).or_default() += 1;
                            ix.surface.entry(t.surface).or_insert(id);
                        }
                        id
                    })
                    .collect()
            };
            for k in &s.keywords {
                f.keywords.extend(add(&mut ix, k));
            }
            f.title = add(&mut ix, &s.title);
            for p in paragraphs(&s.text) {
                f.body.extend(add(&mut ix, p));
            }
            for q in &s.questions {
                let mut terms = add(&mut ix, q);
                terms.sort_unstable();
                terms.dedup();
                f.questions.push(terms);
            }
            let quotes = s
                .quotes
                .iter()
                .map(|q| {
                    let mut terms = add(&mut ix, &q.text);
                    terms.sort_unstable();
                    terms.dedup();
                    terms
                })
                .collect();
            ix.quote_terms.push(quotes);
            all_fields.push(f);
        }
        // Synonym variants are vocabulary too: a misspelt "salery" or "wagse"
        // should find its way to the term.
        for (key, variants) in &kb.synonyms {
            for v in variants.iter().chain(std::iter::once(key)) {
                for t in ix.analyzer.analyze(v) {
                    if !t.surface.contains(' ') {
                        let id = ix.intern(&t.term);
                        surface_counts.entry(t.surface.clone()).or_default();
                        ix.surface.entry(t.surface).or_insert(id);
                    }
                }
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
            for &t in &f.body {
                *tf.entry(t).or_default() += W_BODY / norm;
            }
            for q in &f.questions {
                for &t in q {
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
        ix.idf = ix
            .postings
            .iter()
            .map(|p| bm25_idf(n, p.len() as f32) + IDF_FLOOR)
            .collect();
        ix.unknown_idf = bm25_idf(n, 0.0) + IDF_FLOOR;
        for (si, f) in all_fields.iter().enumerate() {
            for q in &f.questions {
                let qi = ix.questions.len() as u32;
                let weight = q.iter().map(|&t| ix.idf[t as usize]).sum();
                ix.questions.push((si as u32, weight));
                for &t in q {
                    ix.question_postings[t as usize].push(qi);
                }
            }
        }
        ix.typos = TypoIndex::new(surface_counts.iter().map(|(w, &c)| (w.as_str(), c)));
        ix
    }

    fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.insert(term.to_string(), id);
        id
    }

    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.get(term).copied()
    }

    /// The term of a word as written somewhere in the knowledge base.
    pub fn surface_term(&self, word: &str) -> Option<TermId> {
        self.surface.get(word).copied()
    }

    /// The knowledge base's closest word to a misspelt one, and its term.
    pub fn correct_typo(&self, word: &str) -> Option<(&str, TermId)> {
        let fixed = self.typos.correct(word)?;
        Some((fixed, self.surface_term(fixed)?))
    }

    pub fn section_count(&self) -> usize {
        self.section_count
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// BM25's inverse document frequency, always positive.
fn bm25_idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}
