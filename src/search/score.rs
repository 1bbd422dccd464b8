//! Scoring sections for a question, and the confidence that the best one
//! answers it.
//!
//! Two signals, both in 0..1:
//! - coverage: the share of the question's idf mass that the section matches,
//!   each term's match saturated BM25-style. A word the knowledge base has
//!   never seen ("dentist", "Kubernetes") carries the highest idf and matches
//!   nothing, so a question about something the article does not cover has
//!   low coverage everywhere, even when "salary" matches.
//! - likeness: how close the question is to the section's best sample
//!   question (idf-weighted cosine over their terms).
//!
//! Confidence blends the two; sections are ranked by confidence, then by raw
//! score, then by position, so results are deterministic.

use super::index::Index;
use super::query::QueryTerm;
use rustc_hash::FxHashMap;

/// BM25's saturation constant.
const K1: f32 = 1.2;
const COVERAGE_SHARE: f32 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the section in the knowledge base.
    pub section: usize,
    pub confidence: f32,
    pub coverage: f32,
    pub likeness: f32,
}

impl Index {
    /// Every section that matches any term of the question, best first.
    pub fn score(&self, terms: &[QueryTerm]) -> Vec<Hit> {
        let is_intent = |t: &QueryTerm| t.id.is_some_and(|id| self.is_intent(id));
        // Question words count for likeness only, never for coverage.
        let topical: f32 = terms
            .iter()
            .filter(|t| !is_intent(t))
            .map(|t| t.weight * t.idf)
            .sum();
        let total: f32 = terms.iter().map(|t| t.weight * t.idf).sum();
        if topical <= 0.0 || terms.iter().all(|t| t.id.is_none() || is_intent(t)) {
            return Vec::new();
        }
        let mut matched = vec![0f32; self.section_count()];
        let mut touched: Vec<u32> = Vec::new();
        for t in terms.iter().filter(|t| !is_intent(t)) {
            let Some(id) = t.id else { continue };
            for &(s, tf) in &self.postings[id as usize] {
                let m = (tf * (K1 + 1.0) / (tf + K1)).min(1.0);
                if matched[s as usize] == 0.0 {
                    touched.push(s);
                }
                matched[s as usize] += t.weight * t.idf * m;
            }
        }

        // Sample questions sharing a topical term with the question; question
        // words then add to those only.
        let mut overlap: FxHashMap<u32, f32> = FxHashMap::default();
        for t in terms.iter().filter(|t| !is_intent(t)) {
            let Some(id) = t.id else { continue };
            for &q in &self.question_postings[id as usize] {
                *overlap.entry(q).or_default() += t.weight * t.idf;
            }
        }
        for t in terms.iter().filter(|t| is_intent(t)) {
            let id = t.id.expect("intents are known terms");
            for (&q, over) in overlap.iter_mut() {
                if self.question_terms[q as usize].binary_search(&id).is_ok() {
                    *over += t.weight * t.idf;
                }
            }
        }
        let mut likeness = vec![0f32; self.section_count()];
        for (q, over) in overlap {
            let (s, qweight) = self.questions[q as usize];
            let cos = over / (total * qweight).sqrt();
            let slot = &mut likeness[s as usize];
            *slot = slot.max(cos.min(1.0));
            if matched[s as usize] == 0.0 {
                touched.push(s);
            }
        }
        touched.sort_unstable();
        touched.dedup();

        let mut hits: Vec<Hit> = touched
            .into_iter()
            .map(|s| {
                let coverage = (matched[s as usize] / topical).min(1.0);
                let like = likeness[s as usize];
                Hit {
                    section: s as usize,
                    confidence: COVERAGE_SHARE * coverage + (1.0 - COVERAGE_SHARE) * like,
                    coverage,
                    likeness: like,
                }
            })
            .collect();
        hits.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(b.coverage.total_cmp(&a.coverage))
                .then(a.section.cmp(&b.section))
        });
        hits
    }

    /// Which of a section's quotes fit the question, best first: up to `max`
    /// that share a term with it, or the section's first quote if none does.
    pub fn pick_quotes(&self, section: usize, terms: &[QueryTerm], max: usize) -> Vec<usize> {
        let quotes = &self.quote_terms[section];
        let mut scored: Vec<(f32, usize)> = quotes
            .iter()
            .enumerate()
            .map(|(i, qt)| {
                let s: f32 = terms
                    .iter()
                    .filter(|t| t.id.is_some_and(|id| qt.binary_search(&id).is_ok()))
                    .map(|t| t.weight * t.idf)
                    .sum();
                (s, i)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut picked: Vec<usize> = scored
            .iter()
            .take(max)
            .filter(|(s, _)| *s > 0.0)
            .map(|&(_, i)| i)
            .collect();
        if picked.is_empty() && !quotes.is_empty() {
            picked.push(0);
        }
        picked
    }
}
