//! The answer engine: a knowledge base and its index, turning questions into
//! [`Reply`] values. Every front end (terminal, `ask --json`, Discord) calls
//! this and renders what it returns.

use crate::knowledge::{KnowledgeBase, LoadError, Quote, Section};
use crate::reply::{Answer, QuoteRef, Reply, Topic};
use crate::search::{Hit, Index, QueryTerm, Vocabulary};
use std::path::Path;
use std::sync::Arc;

/// Below this confidence the engine declines rather than guess.
pub const ANSWER_THRESHOLD: f32 = 0.5;
/// Declines name sections at least this close as suggestions.
const SUGGEST_THRESHOLD: f32 = 0.15;
/// An answer lists other sections this close to the best as alternatives.
const ALTERNATIVE_SHARE: f32 = 0.75;
const MAX_SUGGESTIONS: usize = 3;
const MAX_QUOTES: usize = 3;
/// How many scored sections a question looks at: the answer, its
/// alternatives and suggestions.
const TOP_HITS: usize = 8;

/// Knowledge plus its index; cheap to clone (both are shared).
#[derive(Clone)]
pub struct Engine {
    kb: Arc<KnowledgeBase>,
    index: Arc<Index>,
}

impl Engine {
    pub fn new(kb: KnowledgeBase) -> Engine {
        let index = Index::build(&kb);
        Engine {
            kb: Arc::new(kb),
            index: Arc::new(index),
        }
    }

    /// Like `new`, reusing what `vocab` already knows of `kb`'s sections
    /// (how a server's view is rebuilt quickly after a change).
    pub fn with_vocabulary(kb: KnowledgeBase, vocab: &mut Vocabulary) -> Engine {
        let index = Index::build_with(&kb, vocab);
        Engine {
            kb: Arc::new(kb),
            index: Arc::new(index),
        }
    }

    /// Loads, validates and indexes a knowledge directory.
    pub fn load(dir: &Path) -> Result<Engine, LoadError> {
        KnowledgeBase::load(dir).map(Engine::new)
    }

    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The reply to a question, declining below [`ANSWER_THRESHOLD`].
    pub fn ask(&self, question: &str) -> Reply {
        self.ask_with_threshold(question, ANSWER_THRESHOLD)
    }

    /// The reply to a question, declining below `threshold` (help channels
    /// use a stricter one than `/ask`).
    pub fn ask_with_threshold(&self, question: &str, threshold: f32) -> Reply {
        let terms = self.index.query_terms(question);
        let hits = self.index.score(&terms, TOP_HITS);
        let best = hits.first().copied();
        match best {
            Some(hit) if hit.confidence >= threshold => {
                let alternatives = hits[1..]
                    .iter()
                    .filter(|h| h.confidence >= threshold.min(hit.confidence * ALTERNATIVE_SHARE));
                let mut answer = self.answer(hit.section, &terms);
                answer.scope = self.kb.sections[hit.section]
                    .scope
                    .clone()
                    .filter(|scope| crate::reply::scope::reaches_beyond(question, scope));
                Reply {
                    answer: Some(answer),
                    confidence: hit.confidence,
                    suggestions: self.topics_of(alternatives),
                    credit: self.credit(hit.section),
                }
            }
            _ => Reply {
                answer: None,
                confidence: best.map_or(0.0, |h| h.confidence),
                suggestions: self
                    .topics_of(hits.iter().filter(|h| h.confidence >= SUGGEST_THRESHOLD)),
                credit: self.kb.article.credit(),
            },
        }
    }

    /// The scored sections for a question, best first (for diagnostics).
    pub fn explain(&self, question: &str) -> (Vec<QueryTerm>, Vec<Hit>) {
        let terms = self.index.query_terms(question);
        let hits = self.index.score(&terms, TOP_HITS);
        (terms, hits)
    }

    /// A section shown as an answer on its own (`/topic`, a "Did you mean"
    /// button): its text and its first quotes.
    pub fn section_reply(&self, id: &str) -> Option<Reply> {
        let pos = self.kb.sections.iter().position(|s| s.id == id)?;
        Some(Reply {
            answer: Some(self.answer(pos, &[])),
            confidence: 1.0,
            suggestions: Vec::new(),
            credit: self.credit(pos),
        })
    }

    /// Every section, in knowledge-base order.
    pub fn topics(&self) -> Vec<Topic> {
        self.kb.sections.iter().map(topic).collect()
    }

    /// A section by id, by title (any case), by the start of its title, or
    /// failing those by what the name asks about.
    pub fn find_topic(&self, name: &str) -> Option<&Section> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let lower = name.to_lowercase();
        let sections = &self.kb.sections;
        sections
            .iter()
            .find(|s| s.id == lower || s.title.to_lowercase() == lower)
            .or_else(|| {
                sections
                    .iter()
                    .find(|s| s.title.to_lowercase().starts_with(&lower))
            })
            .or_else(|| {
                let hit = *self.index.score(&self.index.query_terms(name), 1).first()?;
                (hit.confidence >= SUGGEST_THRESHOLD).then(|| &sections[hit.section])
            })
    }

    /// Section titles matching what someone has typed so far (autocomplete):
    /// titles containing it first, then sections the words point to.
    pub fn complete_topic(&self, partial: &str, max: usize) -> Vec<Topic> {
        let lower = partial.trim().to_lowercase();
        let mut out: Vec<Topic> = self
            .kb
            .sections
            .iter()
            .filter(|s| s.title.to_lowercase().contains(&lower) || s.id.contains(&lower))
            .map(topic)
            .collect();
        if out.len() < max && !lower.is_empty() {
            for hit in self.index.score(&self.index.query_terms(&lower), max) {
                let t = topic(&self.kb.sections[hit.section]);
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out.truncate(max);
        out
    }

    /// A quote with its section: the best fit for `about` when given and the
    /// knowledge base has one, otherwise the `nth` quote of the whole
    /// knowledge base (cycling), so repeated calls give different quotes.
    /// [`PickedQuote::fits`] says which it was, so a front end can say "I have
    /// no quote about that" rather than pass an unrelated one off as an answer.
    pub fn quote(&self, about: Option<&str>, nth: usize) -> Option<PickedQuote<'_>> {
        if let Some(about) = about.filter(|a| !a.trim().is_empty()) {
            let terms = self.index.query_terms(about);
            if let Some(hit) = self.index.score(&terms, TOP_HITS).first() {
                if hit.confidence >= SUGGEST_THRESHOLD {
                    let section = &self.kb.sections[hit.section];
                    if let Some(&pick) = self.index.pick_quotes(hit.section, &terms, 1).first() {
                        return Some(PickedQuote {
                            quote: &section.quotes[pick],
                            section,
                            fits: true,
                        });
                    }
                }
            }
        }
        let all: Vec<(&Quote, &Section)> = self
            .kb
            .sections
            .iter()
            .flat_map(|s| s.quotes.iter().map(move |q| (q, s)))
            .collect();
        if all.is_empty() {
            return None;
        }
        let (quote, section) = all[nth % all.len()];
        Some(PickedQuote {
            quote,
            section,
            fits: about.is_none_or(|a| a.trim().is_empty()),
        })
    }

    /// The credit for an answer: the article, or the server's moderators for
    /// an entry they wrote.
    fn credit(&self, section: usize) -> String {
        if self.kb.sections[section].custom {
            "this server's moderators (not the article)".to_string()
        } else {
            self.kb.article.credit()
        }
    }

    fn answer(&self, section: usize, terms: &[QueryTerm]) -> Answer {
        let s = &self.kb.sections[section];
        let quotes = self
            .index
            .pick_quotes(section, terms, MAX_QUOTES)
            .into_iter()
            .map(|i| QuoteRef {
                text: s.quotes[i].text.clone(),
                source: s.quotes[i].source.clone(),
            })
            .collect();
        Answer {
            section: topic(s),
            text: s.text.clone(),
            quotes,
            note: s.note.clone(),
            scope: None,
        }
    }

    fn topics_of<'a>(&self, hits: impl Iterator<Item = &'a Hit>) -> Vec<Topic> {
        hits.take(MAX_SUGGESTIONS)
            .map(|h| topic(&self.kb.sections[h.section]))
            .collect()
    }
}

/// A quote chosen for `/quote`, with the section it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct PickedQuote<'a> {
    pub quote: &'a Quote,
    pub section: &'a Section,
    /// False when a subject was asked for and no quote is about it: this is
    /// then one from anywhere in the article.
    pub fits: bool,
}

impl PickedQuote<'_> {
    /// What to say before the quote when it is not about `about`, so an
    /// unrelated quote is never passed off as one about it.
    pub fn preface(&self, about: Option<&str>) -> Option<String> {
        let about = about.map(str::trim).filter(|a| !a.is_empty())?;
        (!self.fits).then(|| {
            format!(
                "I have no quote about \"{}\". Here is one from another part of the article:",
                crate::reply::truncate_on_word(about, 100)
            )
        })
    }
}

/// Whether a chat message reads as a question: it has a question mark, or
/// starts with a question word ("how do I ...", "is python ...").
pub fn reads_as_question(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "what", "whats", "how", "why", "where", "when", "who", "which", "is", "are", "do", "does",
        "did", "can", "could", "should", "would", "will", "any", "anyone",
    ];
    let text = text.trim();
    if text.contains('?') {
        return true;
    }
    crate::text::words(text)
        .first()
        .is_some_and(|w| OPENERS.contains(&w.text.as_str()))
}

fn topic(s: &Section) -> Topic {
    Topic {
        id: s.id.clone(),
        title: s.title.clone(),
    }
}
