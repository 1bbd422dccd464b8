//! A question's terms: words split and analyzed like the index, joined into
//! compounds the knowledge base knows ("data base"), split when a hyphenated
//! word is unknown as a whole, corrected when misspelt, and otherwise kept as
//! unknown so that they count against every section.

use super::index::{Index, TermId};
use super::stopwords::{intent, misspelt_stop_word};
use crate::text::{strip_chat_markup, truncate_chars, words, Word};

/// Only this much of a question is read: a longer message is not a question
/// the article answers, and reading on would only cost time.
pub const MAX_CHARS: usize = 2000;
/// At most this many terms are kept, for the same reason.
pub const MAX_TERMS: usize = 48;
/// At most this many misspellings are looked up in one question.
const MAX_CORRECTIONS: usize = 8;
/// A corrected word counts a little less than one spelt right.
const CORRECTED_WEIGHT: f32 = 0.8;
/// An unknown word counts this much (instead of fully) in a question that
/// names the article's subject.
const UNKNOWN_WEIGHT_WITH_ANCHOR: f32 = 0.5;

#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// `None` for a word the knowledge base does not know.
    pub id: Option<TermId>,
    pub weight: f32,
    pub idf: f32,
    /// The word as asked, for diagnostics.
    pub word: String,
    /// Known, but qualifying the article's subject as another one ("web" in
    /// "web developer salary"): a section without it answers another question.
    pub qualifies: bool,
}

impl Index {
    /// The terms of `question`, deduplicated, in first-seen order.
    pub fn query_terms(&self, question: &str) -> Vec<QueryTerm> {
        let text = strip_chat_markup(truncate_chars(question, MAX_CHARS));
        let ws = self.join_compounds(words(&text));
        let mut out: Vec<QueryTerm> = Vec::new();
        let mut corrections = 0;
        // Unknown words right before a subject word ("game developer"):
        // they name another subject rather than being slang.
        let mut modifiers: Vec<String> = Vec::new();
        let mut last_unknown: Option<String> = None;
        let mut known_modifiers: Vec<TermId> = Vec::new();
        let mut last_known: Option<TermId> = None;
        for tok in self.analyzer.analyze_words(&ws) {
            if out.len() >= MAX_TERMS {
                break;
            }
            let mut found: Vec<(TermId, f32)> = Vec::new();
            if tok.intent {
                // Question words are compared with sample questions only;
                // one the sample questions never use is simply ignored.
                if let Some(id) = self.term_id(&tok.term) {
                    found.push((id, 1.0));
                } else {
                    continue;
                }
            } else if let Some(id) = self.term_id(&tok.term) {
                found.push((id, 1.0));
            } else if !tok.parts.is_empty() {
                // "non-technical": try the parts when the whole is unknown.
                for part in &tok.parts {
                    if let Some(id) = self.analyzer.term(part).and_then(|t| self.term_id(&t)) {
                        found.push((id, 1.0));
                    }
                }
            } else if corrections < MAX_CORRECTIONS && !tok.surface.contains(' ') {
                corrections += 1;
                if let Some((_, id)) = self.correct_typo(&tok.surface) {
                    found.push((id, CORRECTED_WEIGHT));
                }
            }
            let before = last_unknown.take();
            let before_known = last_known.take();
            let names_subject = found.iter().any(|&(id, _)| self.is_anchor(id));
            if let Some(word) = before.filter(|_| names_subject) {
                modifiers.push(word);
            }
            if let Some(id) = before_known.filter(|_| names_subject) {
                known_modifiers.push(id);
            }
            if let [(id, _)] = found.as_slice() {
                if !tok.intent && !self.is_anchor(*id) {
                    last_known = Some(*id);
                }
            }
            if found.is_empty() {
                if let Some(stop) = misspelt_stop_word(&tok.surface) {
                    // "waht" is dropped like "what", keeping its intent.
                    let intent_id = intent(stop).and_then(|i| self.term_id(&format!("?{i}")));
                    if let Some(id) = intent_id.filter(|id| !out.iter().any(|q| q.id == Some(*id)))
                    {
                        out.push(QueryTerm {
                            id: Some(id),
                            weight: CORRECTED_WEIGHT,
                            idf: self.idf[id as usize],
                            word: tok.surface,
                            qualifies: false,
                        });
                    }
                    continue;
                }
                if tok.surface.chars().count() == 1 {
                    // A lone letter ("r u a dev") is chat shorthand, not a topic.
                    continue;
                }
                last_unknown = Some(tok.surface.clone());
                if !out.iter().any(|q| q.id.is_none() && q.word == tok.surface) {
                    out.push(QueryTerm {
                        id: None,
                        weight: 1.0,
                        idf: self.unknown_idf,
                        word: tok.surface,
                        qualifies: false,
                    });
                }
                continue;
            }
            for (id, weight) in found {
                match out.iter_mut().find(|q| q.id == Some(id)) {
                    Some(q) => q.weight = q.weight.max(weight),
                    None => out.push(QueryTerm {
                        id: Some(id),
                        weight,
                        idf: self.idf[id as usize],
                        word: tok.surface.clone(),
                        qualifies: false,
                    }),
                }
            }
        }
        // A question about the article's own subject ("backend developers")
        // with a stray unknown word is more likely slang than another topic,
        // unless the word qualifies a lone subject word: a "game developer"
        // is not a "backend developer".
        let anchors = out
            .iter()
            .filter(|q| q.id.is_some_and(|id| self.is_anchor(id)))
            .count();
        if anchors > 0 {
            for q in out.iter_mut().filter(|q| q.id.is_none()) {
                if anchors >= 2 || !modifiers.contains(&q.word) {
                    q.weight = UNKNOWN_WEIGHT_WITH_ANCHOR;
                }
            }
        }
        // The same for a known word before a lone subject word ("web
        // developer", "frontend developer"): see `score`.
        if anchors == 1 {
            for q in out
                .iter_mut()
                .filter(|q| q.id.is_some_and(|id| known_modifiers.contains(&id)))
            {
                q.qualifies = true;
            }
        }
        out
    }

    /// Joins two adjacent words into one where the knowledge base writes them
    /// as one ("data base" -> "database", "web site" -> "website").
    fn join_compounds(&self, ws: Vec<Word>) -> Vec<Word> {
        let mut out: Vec<Word> = Vec::with_capacity(ws.len());
        let mut it = ws.into_iter().peekable();
        while let Some(w) = it.next() {
            if let Some(next) = it.peek() {
                let joined = format!("{}{}", w.text, next.text);
                if w.parts.is_empty()
                    && next.parts.is_empty()
                    && self.surface_term(&joined).is_some()
                    && self
                        .surface_term(&w.text)
                        .is_none_or(|_| self.surface_term(&next.text).is_none())
                {
                    it.next();
                    out.push(Word {
                        text: joined,
                        parts: Vec::new(),
                    });
                    continue;
                }
            }
            out.push(w);
        }
        out
    }
}
