//! Scoring sections for a question, and the confidence that the best one
//! answers it.
//!
//! Two signals, both in 0..1:
//! - coverage: the share of the question's idf mass that the section matches,
//!   each term's match saturated BM25-style. A word the knowledge base has
//!   never seen ("dentist", "Kubernetes") carries the highest idf and matches
//!   nothing, so a question about something the article does not cover has
//!   low coverage everywhere, even when "salary" matches.
//! - likeness: how close the asking part of the message is to the
//!   section's two closest sample questions (idf-weighted cosine over their
//!   terms), so that one sample sharing a word by chance does not decide
//!   alone.
//!
//! Confidence blends the two (the shares are in `tuning`). Sections are
//! ranked by their score: the confidence weighed, for the article's
//! sections, by how strongly the asked words lean towards each in the
//! questions people asked (learned from the corpus, `Query::lean`);
//! then by coverage, then by position, so results are deterministic. Both the ranking
//! (`Query::hits`) and the choice of a section's quotes (`Query::quotes`)
//! are methods of the analysed question (`query`).

use super::index::Index;
use super::query::{Query, QueryTerm};
use super::tuning::{
    BM25_K1, COVERAGE_SHARE, OTHER_SUBJECT, SAME_AS_SAMPLE, SECOND_LIKENESS_SHARE,
    SUBJECT_ONLY_COVERAGE_SHARE,
};
use std::cell::RefCell;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the section in the knowledge base.
    pub section: usize,
    pub confidence: f32,
    pub coverage: f32,
    pub likeness: f32,
    /// What the sections are ranked by: the confidence, weighed by how
    /// strongly the asked words lean towards this section in the questions
    /// people asked (see `Query::lean`).
    pub score: f32,
}

impl Query<'_> {
    /// The `limit` best sections matching any term of the question, best
    /// first (ties broken by position, so the order is deterministic).
    pub fn hits(&self, limit: usize) -> Vec<Hit> {
        let (ix, terms) = (self.index, self.terms.as_slice());
        let is_intent = |t: &QueryTerm| t.id.is_some_and(|id| ix.is_intent(id));
        // Question words count for likeness only, never for coverage.
        let topical: f32 = terms
            .iter()
            .filter(|t| !is_intent(t))
            .map(|t| t.weight * t.idf)
            .sum();
        // Likeness compares the asking part of the message with sample
        // questions: the background is not what was asked.
        let total: f32 = terms
            .iter()
            .filter(|t| t.asked)
            .map(|t| t.weight * t.idf)
            .sum();
        if topical <= 0.0 || terms.iter().all(|t| t.id.is_none() || is_intent(t)) {
            return Vec::new();
        }
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.reset(ix.section_count(), ix.questions.len());
            let mut hits = ix.accumulate(terms, topical, total, &is_intent, scratch);
            scratch.clear_touched();
            self.lean(&mut hits);
            // Only the best few are ever shown: select them, then sort those.
            // A section with a sample question word for word the question
            // (one a moderator linked to it) comes first: that is what the
            // link promises, however much more of the question another
            // section's text covers.
            let order = |a: &Hit, b: &Hit| {
                (b.likeness >= SAME_AS_SAMPLE)
                    .cmp(&(a.likeness >= SAME_AS_SAMPLE))
                    .then(b.score.total_cmp(&a.score))
                    .then(b.coverage.total_cmp(&a.coverage))
                    .then(a.section.cmp(&b.section))
            };
            if hits.len() > limit {
                hits.select_nth_unstable_by(limit, order);
                hits.truncate(limit);
            }
            hits.sort_unstable_by(order);
            hits
        })
    }

    /// Which of a section's quotes fit the question, best first: up to `max`
    /// that share a term with it, or the section's first quote if none does.
    pub fn quotes(&self, section: usize, max: usize) -> Vec<usize> {
        let quotes = &self.index.sections[section].quotes;
        let mut scored: Vec<(f32, usize)> = quotes
            .iter()
            .enumerate()
            .map(|(i, qt)| {
                let s: f32 = self
                    .terms
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

impl Index {
    /// Coverage and likeness of every section a term of the question touches.
    fn accumulate(
        &self,
        terms: &[QueryTerm],
        topical: f32,
        total: f32,
        is_intent: &impl Fn(&QueryTerm) -> bool,
        sc: &mut Scratch,
    ) -> Vec<Hit> {
        for t in terms.iter().filter(|t| !is_intent(t)) {
            let Some(id) = t.id else { continue };
            for &(s, tf) in self.postings.of(id) {
                let m = (tf * (BM25_K1 + 1.0) / (tf + BM25_K1)).min(1.0);
                sc.touch_section(s);
                sc.matched[s as usize] += t.weight * t.idf * m;
            }
        }
        // Sample questions sharing a topical term with the question; question
        // words then add to those only. The buffers are taken apart into
        // slices, which stay in registers through the loops.
        let Scratch {
            likeness,
            likeness2,
            seen,
            sections,
            overlap,
            questions,
            ..
        } = &mut *sc;
        let overlap = overlap.as_mut_slice();
        for t in terms.iter().filter(|t| t.asked && !is_intent(t)) {
            let Some(id) = t.id else { continue };
            let weight = t.weight * t.idf;
            for &q in self.question_postings.of(id) {
                let o = &mut overlap[q as usize];
                if *o == 0.0 {
                    questions.push(q);
                }
                *o += weight;
            }
        }
        // Each sample question's question words are a bit set: one mask
        // test a question instead of a lookup per word.
        let (mut asked_intents, mut intent_weight) = (0u32, [0.0f32; 32]);
        for t in terms.iter().filter(|t| t.asked && is_intent(t)) {
            let id = t.id.expect("intents are known terms");
            if let Some(bit) = self.intent_bit(id) {
                asked_intents |= 1 << bit;
                intent_weight[bit as usize] += t.weight * t.idf;
            }
        }
        let total_norm = total.sqrt();
        let (closest, second) = (likeness.as_mut_slice(), likeness2.as_mut_slice());
        let seen = seen.as_mut_slice();
        for &q in questions.iter() {
            // The question words it shares, added in one pass with the rest.
            let mut shared = self.question_intents[q as usize] & asked_intents;
            let mut o = overlap[q as usize];
            while shared != 0 {
                o += intent_weight[shared.trailing_zeros() as usize];
                shared &= shared - 1;
            }
            let (s, q_norm) = self.questions[q as usize];
            let cos = match total > 0.0 {
                true => o / (total_norm * q_norm),
                false => 0.0,
            };
            let cos = cos.min(1.0);
            let s = s as usize;
            if !seen[s] {
                seen[s] = true;
                sections.push(s as u32);
            }
            // The closest two so far, stored whichever changes, so that
            // the processor picks the values rather than guessing a branch.
            let (a, b) = (closest[s], second[s]);
            closest[s] = if cos > a { cos } else { a };
            second[s] = if cos > a {
                a
            } else if cos > b {
                cos
            } else {
                b
            };
        }
        // Asked about the subject alone ("what is a backend developer?"),
        // every section covers the words: how it is asked tells them apart.
        let subject_only = !terms.iter().any(|t| {
            t.asked
                && t.id
                    .is_some_and(|id| !self.is_intent(id) && !self.is_anchor(id))
        });
        // The kinds of developer asked about ("web" developer), found once
        // for all the sections (most questions name none).
        let kinds: Vec<_> = terms
            .iter()
            .filter(|t| t.qualifies)
            .filter_map(|t| t.id)
            .collect();
        sc.sections
            .iter()
            .map(|&s| {
                let coverage = (sc.matched[s as usize] / topical).min(1.0);
                // One sample sharing a word by chance should not decide
                // alone, so the closest is blended with the second closest;
                // but a sample as close as the question itself (a question
                // moderators linked) needs no second: the blend is never
                // below the closest's square. A section with one sample
                // question (a moderator's new entry) has no second to blend.
                let best = sc.likeness[s as usize];
                let like = match self.sections[s as usize].questions.len() {
                    0 | 1 => best,
                    _ => ((1.0 - SECOND_LIKENESS_SHARE) * best
                        + SECOND_LIKENESS_SHARE * sc.likeness2[s as usize])
                        .max(best * best),
                };
                let share = if subject_only {
                    SUBJECT_ONLY_COVERAGE_SHARE
                } else {
                    COVERAGE_SHARE
                };
                let mut confidence = share * coverage + (1.0 - share) * like;
                // A section that never names the kind of developer asked
                // about ("web" developer) is about another subject than
                // asked: a section about "data" is not about a "data
                // engineer", unless it writes of data engineers.
                let other_subject = kinds.iter().any(|&id| !self.names_kind_in(s as usize, id));
                if other_subject {
                    confidence *= OTHER_SUBJECT;
                }
                Hit {
                    section: s as usize,
                    confidence,
                    coverage,
                    likeness: like,
                    score: confidence,
                }
            })
            .collect()
    }
}

/// Per-thread buffers for scoring, kept between questions so a question
/// costs what it touches, not the size of the knowledge base. Only the
/// entries touched are reset afterwards.
#[derive(Default)]
struct Scratch {
    matched: Vec<f32>,
    /// Each section's closest sample question's cosine, and its second
    /// closest's.
    likeness: Vec<f32>,
    likeness2: Vec<f32>,
    seen: Vec<bool>,
    sections: Vec<u32>,
    overlap: Vec<f32>,
    questions: Vec<u32>,
}

impl Scratch {
    fn reset(&mut self, sections: usize, questions: usize) {
        if self.matched.len() < sections {
            self.matched.resize(sections, 0.0);
            self.likeness.resize(sections, 0.0);
            self.likeness2.resize(sections, 0.0);
            self.seen.resize(sections, false);
        }
        if self.overlap.len() < questions {
            self.overlap.resize(questions, 0.0);
        }
    }

    fn touch_section(&mut self, s: u32) {
        if !self.seen[s as usize] {
            self.seen[s as usize] = true;
            self.sections.push(s);
        }
    }

    fn clear_touched(&mut self) {
        for &s in &self.sections {
            self.matched[s as usize] = 0.0;
            self.likeness[s as usize] = 0.0;
            self.likeness2[s as usize] = 0.0;
            self.seen[s as usize] = false;
        }
        // A question touching most sample questions (the article's own
        // base, whose samples nearly all share "backend") clears them all
        // at once; a large base only those touched.
        if self.questions.len() * 4 >= self.overlap.len() {
            self.overlap.fill(0.0);
        } else {
            for &q in &self.questions {
                self.overlap[q as usize] = 0.0;
            }
        }
        self.sections.clear();
        self.questions.clear();
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}
