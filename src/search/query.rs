//! A question's terms: the message cut into clauses (the asking ones count
//! in full, background less), chat shorthand expanded, words split and
//! analyzed like the index, joined into compounds the knowledge base knows
//! ("data base"), split when a hyphenated word is unknown as a whole, met
//! through the relatedness lexicon ("wage" -> "salary") or corrected when
//! misspelt, and otherwise kept as unknown, weighted by how strongly the word
//! names another subject (see `lexicon`).
//!
//! The terms are held in a [`Query`], made by `Index::query`, which borrows
//! the index; `score` (ranking, quotes) and `decision` (features) add its
//! other methods, so no caller passes terms back into the index.

use super::analyzer::intent_term;
use super::evidence::AskedWords;
use super::index::{Index, TermId};
use super::lexicon::{chat_words, lexicon, otherness, WordClass, WordInfo};
use super::message::{
    addresses_the_reader, asks_the_reader, capitalised_small_words, capitalised_words, clauses,
    compares, small_words_used_as_names, Clause,
};
use super::stopwords::{intent, misspelt_stop_word};
use super::tuning::{
    CONTEXT_UNKNOWN_WEIGHT, CONTEXT_WEIGHT, CORRECTED_WEIGHT, NAMED_OTHERNESS, NARROWING_OTHERNESS,
    POSSESSED_OTHERNESS, RELATED_MAX_TARGETS, RELATED_MAX_ZIPF, RELATED_MIN_CLOSENESS,
    RELATED_WEIGHT, UNKNOWN_WEIGHT_WITH_ANCHOR,
};
use crate::text::{strip_chat_markup, truncate_chars, Word, ASCII_ALPHANUMERIC};
use std::cell::OnceCell;

/// Only this much of a question is read: a longer message is not a question
/// the article answers, and reading on would only cost time.
pub const MAX_CHARS: usize = 2000;
/// Background clauses add terms only while there are fewer than this many
/// (the asking clauses are always read whole, within `MAX_CHARS`).
pub const MAX_TERMS: usize = 40;
/// At most this many misspellings are looked up in one question.
const MAX_CORRECTIONS: usize = 8;

/// Words after "how" that make it ask ("how many", "how to"): "know how"
/// then is a verb and its question, not the noun "know-how".
const HOW_ASKS_ON: &[&str] = &[
    "many", "much", "to", "long", "far", "often", "old", "hard", "big", "fast", "i", "you", "they",
    "it", "we", "the", "a", "backend", "back",
];

/// One term of a question as read against an index: its weight, and where
/// in the message it came from (see [`Query::terms`]).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// `None` for a word the knowledge base does not know.
    pub id: Option<TermId>,
    pub weight: f32,
    pub idf: f32,
    /// The word as asked, for diagnostics.
    pub word: String,
    /// Known, but qualifying the article's subject as another one ("web" in
    /// "web developer salary"): a section without it answers another
    /// question. Or unknown, and the role asked of in a message naming no
    /// subject of the article ("dentist" in "how do I become a dentist?").
    pub qualifies: bool,
    /// From a clause that asks (or from a message in which none does).
    pub asked: bool,
    /// For an unknown word: how strongly it names another subject, 0..1.
    pub otherness: f32,
    /// The clause of the message it was first seen in (see `message::clauses`).
    pub clause: usize,
}

/// A question analysed against one index: it owns the question's terms and
/// answers what is asked of them (the ranked sections in `score`, the best
/// quotes of a section, the decision's features in `decision`), so callers
/// never handle the terms themselves. Made by [`Index::query`].
pub struct Query<'a> {
    pub(super) index: &'a Index,
    pub(super) terms: Vec<QueryTerm>,
    /// The clauses that ask, numbered as the terms' `clause` numbers them.
    asking: Vec<usize>,
    /// Those of them that spell out the asking clause before them.
    elaborations: Vec<usize>,
    /// Whether the message asks the reader about their own past (see
    /// `message::asks_the_reader`); a clause read alone keeps its message's.
    pub(super) asks_the_reader: bool,
    /// Whether its first question asks only what the subject is ("what's
    /// a back-end dev?"; see `Index::asks_what_the_subject_is`).
    first_defines: bool,
    /// Whether an asking clause speaks to the reader (see
    /// `message::addresses_the_reader`); kept by a clause read alone too.
    pub(super) addresses_the_reader: bool,
    /// Whether an asking clause asks to compare (see
    /// `message::compares`); kept by a clause read alone too.
    pub(super) compares: bool,
    /// How many words the message has (white-space separated, as read),
    /// background and all; kept by a clause read alone too.
    pub(super) words: usize,
    /// How many of them the clauses read have: all of the message's, or
    /// those of a clause read alone and its spelling out.
    pub(super) own_words: usize,
    /// How many words each asking clause has (0 for background), numbered
    /// as `asking` numbers them.
    clause_words: Vec<usize>,
    /// What the asked words say (see `evidence::AskedWords`), worked out
    /// on first use.
    pub(super) asked_words: OnceCell<AskedWords>,
}

impl Index {
    /// `question` analysed against this index, once, for everything asked of
    /// it afterwards.
    pub fn query(&self, question: &str) -> Query<'_> {
        self.read(question, true)
    }

    /// `question` read as written: a word English lacks is never taken for
    /// an everyday word it may misspell. For carefully written text (the
    /// outside samples), where looking that up would only build the
    /// respelling index (`Lexicon::respelt`) for nothing.
    pub(super) fn query_as_written(&self, question: &str) -> Query<'_> {
        self.read(question, false)
    }

    fn read(&self, question: &str, respell: bool) -> Query<'_> {
        let text = strip_chat_markup(truncate_chars(question, MAX_CHARS));
        let parts = clauses(&text);
        // Only a message asking more than one thing is read in parts.
        let mut questions = parts.iter().filter(|c| c.asks && !c.elaborates);
        let first = questions.next();
        let first_defines = questions.next().is_some()
            && first.is_some_and(|c| self.asks_what_the_subject_is(c.text));
        let words = count_words(&text);
        Query {
            words,
            own_words: words,
            // Only an asking clause is ever read alone.
            clause_words: (parts.iter())
                .map(|c| if c.asks { count_words(c.text) } else { 0 })
                .collect(),
            index: self,
            terms: self.query_terms(&parts, respell),
            asking: (parts.iter().enumerate())
                .filter(|(_, c)| c.asks)
                .map(|(i, _)| i)
                .collect(),
            elaborations: (parts.iter().enumerate())
                .filter(|(_, c)| c.elaborates)
                .map(|(i, _)| i)
                .collect(),
            first_defines,
            asks_the_reader: asks_the_reader(&parts),
            addresses_the_reader: addresses_the_reader(&parts),
            compares: compares(&parts),
            asked_words: OnceCell::new(),
        }
    }

    /// The terms of `question`, deduplicated: the asking clauses' first, then
    /// the background's, each in first-seen order.
    fn query_terms(&self, parts: &[Clause<'_>], respell: bool) -> Vec<QueryTerm> {
        let any_asks = parts.iter().any(|c| c.asks);
        let terms = self.terms_of(parts, any_asks, respell);
        // "what is that, actually?" asks about the background: when the
        // asking clauses name nothing, the background names what is asked.
        let names_something = |terms: &[QueryTerm]| {
            terms
                .iter()
                .any(|t| t.asked && t.id.is_some_and(|id| !self.is_intent(id)))
        };
        if any_asks && parts.len() > 1 && !names_something(&terms) {
            // What "that" is comes from the background: its subject words
            // ("she's a backend dev") are asked, the rest of it stays
            // context ("total newbie here", "my friend keeps saying"). But
            // the clause right before the question, which "it" or "them"
            // points at, is asked whole ("making a checklist of technical
            // skills for my CV. what should be on it?", "my parents keep
            // asking if i'll make decent money. what do i tell them"),
            // unless the question asks only what that is ("... and I just
            // nodded. what is that?"): then it is the subject named there.
            let mut all = self.terms_of(parts, false, respell);
            let first = parts.iter().position(|c| c.asks);
            let pointed = first
                .filter(|&i| !self.asks_what_it_is(parts[i].text))
                .and_then(|i| i.checked_sub(1));
            for t in all
                .iter_mut()
                .filter(|t| !parts[t.clause].asks && Some(t.clause) != pointed)
            {
                if !t.id.is_some_and(|id| self.is_anchor(id)) {
                    t.weight *= CONTEXT_WEIGHT;
                    t.asked = false;
                }
            }
            return all;
        }
        terms
    }

    /// The terms of a message's clauses; with `any_asks`, clauses that do
    /// not ask are background.
    fn terms_of(&self, parts: &[Clause<'_>], any_asks: bool, respell: bool) -> Vec<QueryTerm> {
        let mut q = QueryBuilder {
            respell,
            ..QueryBuilder::default()
        };
        // The asking clauses first and always whole; background only while
        // there is room, so a long story never crowds out the question.
        let asked_of = |c: &Clause<'_>| !any_asks || c.asks;
        let order = (parts.iter().enumerate().filter(|(_, c)| asked_of(c)))
            .chain(parts.iter().enumerate().filter(|(_, c)| !asked_of(c)));
        for (i, clause) in order {
            let asked = asked_of(clause);
            if !asked && q.out.len() >= MAX_TERMS {
                break;
            }
            q.clause = i;
            let mut ws = self.join_compounds(chat_words(clause.text));
            asks_what_to_know(&mut ws);
            let owned = possessed(&ws);
            self.clause_terms(&ws, asked, clause.text, &owned, &mut q);
        }
        q.finish(self)
    }

    /// Adds the terms of one clause.
    fn clause_terms(
        &self,
        ws: &[Word],
        asked: bool,
        text: &str,
        possessed: &[&str],
        q: &mut QueryBuilder,
    ) {
        let lx = lexicon();
        let clause_weight = if asked { 1.0 } else { CONTEXT_WEIGHT };
        // The word before the current one, when it might qualify a subject
        // word that follows ("game developer", "web developer").
        let mut last_unknown: Option<String> = None;
        // A known word, with its token, so whether it could name a kind is
        // asked only when a subject word follows it.
        let mut last_known: Option<(TermId, usize)> = None;
        let mut last_end = usize::MAX;
        let mut kind_before_subject: Option<TermId> = None;
        let mut unknown_before_subject: Option<String> = None;
        let mut after_subject = false;
        // A known word right after a subject word, first met there: part
        // of the subject if another subject word follows it.
        let mut sandwiched: Option<TermId> = None;
        let mut named: Option<Vec<String>> = None;
        let tokens = self.analyzer.analyze_words(ws);
        // The terms a word was read as; one list for all the words.
        let mut found: Vec<(TermId, f32)> = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            if !asked && q.out.len() >= MAX_TERMS {
                break;
            }
            found.clear();
            // What English says of the word, looked up once and only if an
            // unknown word needs it.
            let info_cell = OnceCell::new();
            let info = || *info_cell.get_or_init(|| lx.info(&tok.surface));
            // The everyday word it may misspell, likewise: a spelling fix
            // and the otherness below both ask for it.
            let respelt_cell = OnceCell::new();
            let respelt = || *respelt_cell.get_or_init(|| lx.respelt(&tok.surface));
            // The small word it may misspell, likewise: the sound-alike
            // lookup and the dropped small words both ask for it.
            let stop_cell = OnceCell::new();
            let misspelt_stop = || *stop_cell.get_or_init(|| misspelt_stop_word(&tok.surface));
            // "how long", "too old", "more stressful": the word right after
            // a degree word is what the question asks the degree of.
            let degree_asked =
                tok.start > 0 && DEGREE_WORDS.contains(&ws[tok.start - 1].text.as_str());
            if makes_someone(ws, tok.start) {
                // "what makes a good backend dev?" asks what it takes,
                // not what anyone earns.
                continue;
            }
            if tok.intent {
                // Question words are compared with sample questions only;
                // one the sample questions never use is simply ignored, and
                // so is one from background.
                match self.term_id(&tok.term) {
                    Some(id) if asked => found.push((id, 1.0)),
                    _ => continue,
                }
            } else if let Some(id) = self.term_id(&tok.term) {
                found.push((id, 1.0));
            } else if !tok.parts.is_empty() {
                // "non-technical": try the parts when the whole is unknown.
                for part in tok.parts {
                    if let Some(id) = self.analyzer.term(part).and_then(|t| self.term_id(&t)) {
                        found.push((id, 1.0));
                    }
                }
            } else if !tok.surface.contains(' ') {
                // An English word the knowledge base lacks may mean one of
                // its words; a word English lacks may be a misspelling.
                for (id, closeness) in self.related_terms(&tok.surface, info()) {
                    found.push((id, closeness * RELATED_WEIGHT));
                }
                // Background is not worth the cost of spelling fixes.
                if found.is_empty()
                    && asked
                    && q.corrections < MAX_CORRECTIONS
                    && !info().is_some_and(|i| i.is_dictionary())
                {
                    q.corrections += 1;
                    // A misspelling of a small word as much as of the
                    // knowledge base's word ("actualy": "actually" or
                    // "actual") is read as the commoner of the two in
                    // English, and a small word is dropped below.
                    let likelier = |(w, _): &(&str, TermId)| {
                        misspelt_stop().is_none_or(|s| {
                            self.surface_term(s).is_some() || lx.zipf(w) >= lx.zipf(s)
                        })
                    };
                    // The knowledge base's closest word; else, for a short
                    // misspelling its typo index leaves alone ("frnt",
                    // "lern"), the everyday word it is respelt as, when the
                    // knowledge base has that word.
                    let fixed = (self.correct_typo(&tok.surface).filter(likelier))
                        .map(|(_, id)| id)
                        .or_else(|| {
                            q.respell
                                .then(respelt)
                                .flatten()
                                .and_then(|w| self.surface_term(w))
                        })
                        // Else the word it sounds like ("becum", "yeer"),
                        // unless it sounds like a small word ("acutaly" is
                        // "actually", not "actual").
                        .or_else(|| {
                            (q.respell
                                && respelt().is_none()
                                && misspelt_stop().is_none_or(|w| self.surface_term(w).is_some()))
                            .then(|| self.sound_alike(&tok.surface).map(|(_, id)| id))
                            .flatten()
                        });
                    if let Some(id) = fixed {
                        found.push((id, CORRECTED_WEIGHT));
                    }
                }
            }
            // Only a word written right before the subject word qualifies
            // it: in "frontend or backend" and "learn backend" nothing does.
            let adjacent = last_end == tok.start;
            let before = last_unknown.take().filter(|_| adjacent);
            let before_known = last_known.take().filter(|_| adjacent);
            last_end = tok.end;
            let names_subject = found.iter().any(|&(id, _)| self.is_anchor(id));
            // "a back-end web developer", "backend software engineers": a
            // word between two subject words is part of the subject, which
            // every section shares, not a topic of its own (a web developer
            // alone is another kind of developer; see below).
            if let Some(id) = sandwiched.take().filter(|_| adjacent && names_subject) {
                q.absorb_into_subject(id);
            }
            if adjacent && after_subject && !tok.intent {
                if let [(id, _)] = found.as_slice() {
                    let fresh = !q.known_at.contains_key(id);
                    if fresh && !self.is_anchor(*id) && !self.is_named(*id) {
                        sandwiched = Some(*id);
                    }
                }
            }
            // A kind before the full subject ("java backend developer",
            // "junior backend developer") narrows it; before a lone subject
            // word ("data engineer", "game developer") it names another
            // subject.
            let full_subject = adjacent && names_subject;
            if let Some(id) = kind_before_subject.take() {
                if !full_subject {
                    q.known_modifiers.push(id);
                }
            }
            if let Some(word) = unknown_before_subject.take() {
                if !full_subject {
                    q.lone_modifiers.push(word);
                }
            }
            if let Some(word) = before.filter(|_| names_subject) {
                q.modifiers.push(word.clone());
                unknown_before_subject = Some(word);
            }
            // A kind is a kind of person, or of their work: "data
            // engineer", "software development", but not the "salary" of
            // "how much salary backend".
            let names_person =
                || (found.iter()).any(|&(id, _)| self.is_anchor(id) && self.names_a_person(id));
            if let Some((id, at)) = before_known.filter(|_| names_person()) {
                if could_name_a_kind(&tokens[at].surface) {
                    kind_before_subject = Some(id);
                }
            }
            // A word inside the subject ("backend web development") is
            // part of it.
            let inside_subject = adjacent && after_subject;
            after_subject = names_subject;
            if let [(id, _)] = found.as_slice() {
                if !tok.intent && !self.is_anchor(*id) && !inside_subject {
                    last_known = Some((*id, i));
                }
            }
            if found.is_empty() {
                // Capitals are looked at only for the unknown words.
                let named = named.get_or_insert_with(|| capitalised_words(text));
                let is_named = named.iter().any(|n| *n == tok.surface);
                // A name written with capitals inside a sentence ("what
                // does an SRE do") is not a misspelt small word.
                // Nor is a word after an article ("an sre"), which is a
                // noun's place.
                let after_article = (tok.start.checked_sub(1))
                    .is_some_and(|b| matches!(ws[b].text.as_str(), "a" | "an" | "the"));
                let misspelt = match asked
                    && !is_named
                    && !after_article
                    && !info().is_some_and(|i| i.is_dictionary())
                {
                    true => misspelt_stop(),
                    false => None,
                };
                if let Some(stop) = misspelt {
                    // "waht" is dropped like "what", keeping its intent.
                    let intent_id = intent(stop)
                        .filter(|_| asked)
                        .and_then(|i| self.term_id(&intent_term(i)));
                    if let Some(id) = intent_id {
                        q.add_known(self, id, CORRECTED_WEIGHT, &tok.surface, asked);
                    }
                    continue;
                }
                if tok.surface.chars().count() == 1 {
                    // A lone letter ("r u a dev") is chat shorthand, not a topic.
                    continue;
                }
                if is_amount(&tok.surface) {
                    // "15 years", "100k", "6am", "2nd": amounts, times and
                    // ranks, not subjects.
                    continue;
                }
                let describes = info().is_some_and(|i| i.class == WordClass::Describing);
                let person = info().is_some_and(|i| i.class == WordClass::Person);
                if asked && person && is_role_taken(ws, tok.start) {
                    q.roles.push(tok.surface.to_string());
                }
                if !describes || is_named {
                    last_unknown = Some(tok.surface.to_string());
                }
                // A misspelt everyday word ("presentaton") is as neutral
                // as the word it misspells, not a word English lacks.
                let read_as =
                    match info().is_some_and(|i| i.is_dictionary()) || is_named || !q.respell {
                        true => info(),
                        false => respelt().and_then(|w| lx.info(w)).or(info()),
                    };
                let mut otherness = otherness(read_as);
                if asked && asks_how_to(ws, tok.start) && lx.is_mostly_verb(&tok.surface) {
                    // "how do i reverse a string", "how to negotiate": the
                    // question asks how to do something the knowledge base
                    // never describes, however common the verb.
                    otherness = 1.0;
                }
                // Not a word qualifying the subject that follows it ("what
                // does a dedicated backend developer do").
                let qualifies_subject = || {
                    (tokens.get(i + 1))
                        .filter(|next| next.start == tok.end)
                        .and_then(|next| self.term_id(&next.term))
                        .is_some_and(|id| self.is_anchor(id))
                };
                if asked && is_asked_about(ws, tok.start) && !qualifies_subject() {
                    // "how much does jake make": the question is about
                    // someone or something the knowledge base never names,
                    // however common the word.
                    otherness = 1.0;
                }
                if degree_asked && asked {
                    // "how long does it take", "is 38 too old", "which is
                    // more stressful": the question asks the degree of
                    // something the knowledge base never describes, however
                    // common the word.
                    otherness = 1.0;
                }
                if is_named && crate::reply::scope::is_place_word(&tok.surface) {
                    // "in the United States", "here in Germany": a place
                    // named is where the asker is, however it is written;
                    // whether the answer reaches it is the scope's to say.
                    let zipf = read_as.map_or(0.0, |i| i.zipf);
                    otherness = super::lexicon::otherness(Some(WordInfo {
                        zipf,
                        class: WordClass::Place,
                        verb: false,
                    }));
                } else if is_named {
                    otherness = otherness.max(NAMED_OTHERNESS);
                }
                if possessed.contains(&&*tok.surface)
                    && (!asked || !possession_asked_about(ws, tok.start, info()))
                {
                    // "my cousin", "her job": who the asker knows is context.
                    otherness = otherness.min(POSSESSED_OTHERNESS);
                }
                let weight = if asked { 1.0 } else { CONTEXT_UNKNOWN_WEIGHT };
                q.add_unknown(self, &tok.surface, weight, otherness, asked);
                continue;
            }
            // "how do I become an accountant": a role the knowledge base
            // names no one by, though its stem is a word of the article
            // ("account"), is another subject as an unknown role is.
            let role_by_stem = asked
                && !names_subject
                && info().is_some_and(|i| i.class == WordClass::Person)
                && is_role_taken(ws, tok.start);
            if role_by_stem {
                q.known_roles.extend(found.iter().map(|&(id, _)| id));
            }
            // "what does a backend dev do in a company": where the work
            // is done is the setting of the question, not what it asks.
            let (word_weight, word_asked) = match is_workplace(ws, tok.start) {
                true => (clause_weight * CONTEXT_WEIGHT, false),
                false => (clause_weight, asked),
            };
            for &(id, weight) in &found {
                q.add_known(self, id, weight * word_weight, &tok.surface, word_asked);
            }
        }
        // "is Go good for backend?": a small word English drops, written
        // with a capital inside a lower-case sentence, is a name.
        let mut names = capitalised_small_words(text);
        for name in small_words_used_as_names(text) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for name in names {
            if !crate::reply::scope::is_place_word(&name) {
                let weight = if asked { 1.0 } else { CONTEXT_UNKNOWN_WEIGHT };
                q.add_unknown(self, &name, weight, NAMED_OTHERNESS, asked);
            }
        }
        q.known_modifiers.extend(kind_before_subject);
        q.lone_modifiers.extend(unknown_before_subject);
    }

    /// The knowledge base's terms an English word it lacks is close to:
    /// synonyms and derived forms only (the lexicon's weaker links, and
    /// links from the commonest words, join too much to too little), and
    /// only words a section is about (a keyword or a title word): "dough"
    /// is a synonym of "scratch" as money, not as in "from scratch". Never
    /// the subject words every section shares.
    fn related_terms(&self, word: &str, info: Option<WordInfo>) -> Vec<(TermId, f32)> {
        let lx = lexicon();
        if info.is_some_and(|i| i.zipf >= RELATED_MAX_ZIPF) {
            return Vec::new();
        }
        let mut out: Vec<(TermId, f32)> = Vec::new();
        for &(target, closeness) in lx.related(word) {
            if closeness < RELATED_MIN_CLOSENESS || out.len() >= RELATED_MAX_TARGETS {
                continue;
            }
            let Some(id) = self.analyzer.term(target).and_then(|t| self.term_id(&t)) else {
                continue;
            };
            if self.is_strong(id) && !self.is_anchor(id) && !out.iter().any(|&(f, _)| f == id) {
                out.push((id, closeness));
            }
        }
        out
    }

    /// Whether a clause asks only what the subject is: "what is" (or
    /// "what's", "what are") and then nothing but the subject's words and
    /// small words ("a", "the", "exactly", "even"), past a greeting or a
    /// link ("ok so what is a backend dev exactly?"). "What kind of person
    /// does well in backend" asks more than that.
    fn asks_what_the_subject_is(&self, text: &str) -> bool {
        self.asks_only_what(text, true)
    }

    /// Whether a clause asks only what something is, the subject or what
    /// the clause before it names ("... and I just nodded. what is
    /// that?"): as [`Index::asks_what_the_subject_is`], the subject's words
    /// optional.
    fn asks_what_it_is(&self, text: &str) -> bool {
        self.asks_only_what(text, false)
    }

    /// "What is" and small words, and the subject's words: at least one of
    /// them when `named`.
    fn asks_only_what(&self, text: &str, named: bool) -> bool {
        const WHAT: &[&str] = &["what", "wat", "whats", "wats", "wut", "wht"];
        const IS: &[&str] = &["is", "are", "s"];
        const SMALL: &[&str] = &[
            "a", "an", "the", "exactly", "even", "actually", "really", "this", "that", "so",
            "called",
        ];
        const LEAD_INS: &[&str] = &[
            "ok", "okay", "so", "hey", "hi", "hello", "and", "but", "then",
        ];
        // Most first questions ask something else, as their first words
        // show before they are read: no "what" among them, or one followed
        // by a small word that asks more ("what do they do").
        let mut raw = (text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}'))
            .filter(|w| !w.is_empty())
            .take(5);
        let what = |w: &str| {
            let w = w.trim_end_matches(['\'', '\u{2019}', 's']);
            WHAT.iter().any(|a| w.eq_ignore_ascii_case(a))
        };
        if !raw.any(what) {
            return false;
        }
        if let Some(next) = raw.next().map(str::to_ascii_lowercase) {
            let small = IS.contains(&next.as_str()) || SMALL.contains(&next.as_str());
            if !small && crate::search::is_stop_word(&next) {
                return false;
            }
        }
        let ws = self.join_compounds(chat_words(text));
        let Some(at) = ws.iter().position(|w| !LEAD_INS.contains(&w.text.as_str())) else {
            return false;
        };
        let word = |i: usize| ws.get(i).map_or("", |w| w.text.as_str());
        // "What" first, and "is" or small words after it ("what exactly
        // is"); the shorthand reads "what's" as "what".
        if !WHAT.contains(&word(at)) {
            return false;
        }
        let mut rest = at + 1;
        while IS.contains(&word(rest)) || SMALL.contains(&word(rest)) {
            rest += 1;
        }
        // Any other small word past them asks more ("what is a backend dev
        // doing"): seen before the words are looked up.
        if ws[rest..]
            .iter()
            .any(|w| crate::search::is_stop_word(&w.text) && !SMALL.contains(&w.text.as_str()))
        {
            return false;
        }
        let mut subject = vec![false; ws.len()];
        for tok in self.analyzer.analyze_words(&ws) {
            if self.term_id(&tok.term).is_some_and(|id| self.is_anchor(id)) {
                subject[tok.start..tok.end].fill(true);
            }
        }
        let rest = rest..ws.len();
        (!named || rest.clone().any(|i| subject[i]))
            && rest
                .into_iter()
                .all(|i| subject[i] || SMALL.contains(&word(i)))
    }

    /// Joins two adjacent words into one where the knowledge base writes them
    /// as one ("data base" -> "database", "web site" -> "website").
    fn join_compounds(&self, ws: Vec<Word>) -> Vec<Word> {
        let mut out: Vec<Word> = Vec::with_capacity(ws.len());
        // "must know how many languages", "know how to code": where "how"
        // asks on, it is no part of the noun "know-how". Where that is, by
        // position, found once (most messages have no such "how").
        let how_asks_on: Vec<usize> = (ws.windows(2).enumerate())
            .filter(|(_, pair)| {
                pair[0].text.eq_ignore_ascii_case("how")
                    && HOW_ASKS_ON
                        .iter()
                        .any(|h| pair[1].text.eq_ignore_ascii_case(h))
            })
            .map(|(at, _)| at)
            .collect();
        let mut it = ws.into_iter().enumerate().peekable();
        let mut joined = String::new();
        while let Some((_, mut w)) = it.next() {
            if let [.., last] = w.parts.as_slice() {
                // "bak-end": a hyphenated word whose first part is misspelt.
                if let Some(fixed) = self.respelt_compound(&w.text, &w.parts[0], last) {
                    w = Word {
                        text: fixed,
                        parts: Vec::new(),
                    };
                }
            }
            if let Some((_, next)) = it
                .peek()
                .filter(|(_, n)| w.parts.is_empty() && n.parts.is_empty())
            {
                // "bakc end", "frnt end": likewise, written apart.
                joined.clear();
                joined.push_str(&w.text);
                joined.push_str(&next.text);
                if let Some(fixed) = self.respelt_compound(&joined, &w.text, &next.text) {
                    it.next();
                    out.push(Word {
                        text: fixed,
                        parts: Vec::new(),
                    });
                    continue;
                }
            }
            if let Some((at, next)) = it.peek() {
                joined.clear();
                joined.push_str(&w.text);
                joined.push_str(&next.text);
                if w.parts.is_empty()
                    && next.parts.is_empty()
                    && self.surface_term(&joined).is_some()
                    && self
                        .surface_term(&w.text)
                        .is_none_or(|_| self.surface_term(&next.text).is_none())
                    && !how_asks_on.contains(at)
                {
                    it.next();
                    out.push(Word {
                        text: std::mem::take(&mut joined),
                        parts: Vec::new(),
                    });
                    continue;
                }
            }
            out.push(w);
        }
        out
    }

    /// The knowledge base's compound a misspelt one is close to: `joined`
    /// is `first` and `second` run together, `first` is neither a word of
    /// the knowledge base nor everyday English, `second` is a word of the
    /// knowledge base, and the correction keeps `second` as its end
    /// ("bakc" + "end" gives "backend", "frnt" + "end" "frontend").
    fn respelt_compound(&self, joined: &str, first: &str, second: &str) -> Option<String> {
        if lexicon().is_dictionary_word(first)
            || self.surface_term(first).is_some()
            || self.surface_term(second).is_none()
        {
            return None;
        }
        let (fixed, _) = self.correct_typo(joined)?;
        (fixed.ends_with(second) && fixed.len() > second.len()).then(|| fixed.to_string())
    }
}

impl<'a> Query<'a> {
    /// The question's terms, deduplicated: the asking clauses' first, then
    /// the background's, each in first-seen order (for diagnostics: how the
    /// question was read).
    pub fn terms(&self) -> &[QueryTerm] {
        &self.terms
    }

    /// The numbers of the message's asking clauses, in order (for
    /// [`Query::clause`]), counted on the text the terms were read from.
    pub fn asking_clauses(&self) -> &[usize] {
        &self.asking
    }

    /// Whether the message's first question asks only what the subject is
    /// ("what is a back-end developer", "whats backend dev exactly"): a
    /// question every word of which the whole message's other words
    /// outweigh, so the whole message's sections say nothing of it.
    pub fn first_asks_what_the_subject_is(&self) -> bool {
        self.first_defines
    }

    /// The asking clauses that put a question of their own: all but those
    /// spelling out the one before them, which [`Query::clause`] reads with
    /// it.
    pub fn questions(&self) -> Vec<usize> {
        (self.asking.iter().copied())
            .filter(|c| !self.elaborations.contains(c))
            .collect()
    }

    /// Clause `clause` of the message (see `message::clauses`) read as a
    /// question of its own: its terms, all counted as asked, with the
    /// message's subject words, so that "they" in "and how much do they
    /// make?" still means the subject named elsewhere, and with the
    /// clauses right after it that spell it out ("like the non-technical
    /// ones"). `None` when the clause names nothing besides the subject.
    pub fn clause(&self, clause: usize) -> Option<Query<'a>> {
        let is_subject = |t: &QueryTerm| t.id.is_some_and(|id| self.index.is_anchor(id));
        let mut last = clause;
        while self.elaborations.contains(&(last + 1)) {
            last += 1;
        }
        let terms: Vec<QueryTerm> = self
            .terms
            .iter()
            .filter(|t| (clause..=last).contains(&t.clause) || is_subject(t))
            .map(|t| QueryTerm {
                asked: true,
                ..t.clone()
            })
            .collect();
        terms
            .iter()
            .any(|t| (clause..=last).contains(&t.clause) && !is_subject(t))
            .then_some(Query {
                index: self.index,
                terms,
                asking: (clause..=last).collect(),
                elaborations: (clause + 1..=last).collect(),
                first_defines: self.first_defines && self.questions().first() == Some(&clause),
                asks_the_reader: self.asks_the_reader,
                addresses_the_reader: self.addresses_the_reader,
                compares: self.compares,
                words: self.words,
                own_words: (clause..=last)
                    .filter_map(|c| self.clause_words.get(c))
                    .sum(),
                clause_words: Vec::new(),
                asked_words: OnceCell::new(),
            })
    }
}

/// The terms gathered clause by clause, and what the clauses said about the
/// subject.
#[derive(Default)]
struct QueryBuilder {
    out: Vec<QueryTerm>,
    corrections: usize,
    /// Unknown words right before a subject word ("game developer"): they
    /// name another subject rather than being slang.
    modifiers: Vec<String>,
    /// Those of them right before a lone subject word ("game developer",
    /// not "junior backend developer").
    lone_modifiers: Vec<String>,
    /// Known words right before a lone subject word ("web developer").
    known_modifiers: Vec<TermId>,
    /// Unknown words naming the person the asker would be ("how do I
    /// become a dentist?"): see `is_role_taken`.
    roles: Vec<String>,
    /// Known terms read from such a role's word ("accountant" as
    /// "account").
    known_roles: Vec<TermId>,
    /// The clause being read.
    clause: usize,
    /// Where each known term and each unknown word is in `out`.
    known_at: rustc_hash::FxHashMap<TermId, usize>,
    unknown_at: rustc_hash::FxHashMap<String, usize>,
    /// Whether a word English lacks may be read as the everyday word it
    /// misspells (see `Index::query_as_written`).
    respell: bool,
}

impl QueryBuilder {
    fn add_known(&mut self, ix: &Index, id: TermId, weight: f32, word: &str, asked: bool) {
        match self.known_at.get(&id).map(|&i| &mut self.out[i]) {
            Some(q) => {
                q.weight = q.weight.max(weight);
                q.asked |= asked;
            }
            None => {
                self.known_at.insert(id, self.out.len());
                self.out.push(QueryTerm {
                    id: Some(id),
                    weight,
                    idf: ix.idf[id as usize],
                    word: word.to_string(),
                    qualifies: false,
                    asked,
                    otherness: 0.0,
                    clause: self.clause,
                })
            }
        }
    }

    /// A known word read as part of the subject: it weighs nothing and is
    /// not asked (see `clause_terms`).
    fn absorb_into_subject(&mut self, id: TermId) {
        if let Some(&i) = self.known_at.get(&id) {
            self.out[i].weight = 0.0;
            self.out[i].asked = false;
        }
    }

    fn add_unknown(&mut self, ix: &Index, word: &str, weight: f32, otherness: f32, asked: bool) {
        match self.unknown_at.get(word).map(|&i| &mut self.out[i]) {
            Some(q) => {
                q.weight = q.weight.max(weight);
                q.asked |= asked;
            }
            None => {
                self.unknown_at.insert(word.to_string(), self.out.len());
                self.out.push(QueryTerm {
                    id: None,
                    weight,
                    idf: ix.unknown_idf,
                    word: word.to_string(),
                    qualifies: false,
                    asked,
                    otherness,
                    clause: self.clause,
                })
            }
        }
    }

    fn finish(mut self, ix: &Index) -> Vec<QueryTerm> {
        // A question about the article's own subject ("backend developers")
        // with a stray unknown word is more likely slang than another topic,
        // unless the word qualifies a lone subject word: a "game developer"
        // is not a "backend developer".
        let anchors = self
            .out
            .iter()
            .filter(|q| q.id.is_some_and(|id| ix.is_anchor(id)))
            .count();
        // Whether the question itself names the subject; one named only in
        // background ("devs are cooked") does not make "is being an
        // electrician a good career" a question about developers.
        let asks_of_the_subject =
            (self.out.iter()).any(|q| q.asked && q.id.is_some_and(|id| ix.is_anchor(id)));
        for q in self.out.iter_mut().filter(|q| q.id.is_none()) {
            // A question naming no subject of the article that asks how to
            // become someone the knowledge base never names asks of that
            // role: another subject, as a "game developer" is.
            q.qualifies = !asks_of_the_subject && self.roles.contains(&q.word);
            let modifies = self.modifiers.contains(&q.word);
            if self.lone_modifiers.contains(&q.word) {
                q.otherness = 1.0;
            } else if anchors > 0 {
                q.weight *= UNKNOWN_WEIGHT_WITH_ANCHOR;
                if modifies {
                    // Beside the full subject it narrows it ("junior
                    // backend developer") rather than naming another.
                    q.otherness = q.otherness.min(NARROWING_OTHERNESS);
                }
            }
            // An everyday word counts for little; a word naming another
            // subject in full.
            q.weight *= q.otherness;
        }
        // The same for a known word before a lone subject word ("web
        // developer", "frontend developer": see `score`), and for a role
        // read as a word of the article ("accountant" as "account") in a
        // message naming no subject of it.
        let (modifiers, roles) = (&self.known_modifiers, &self.known_roles);
        let qualifies =
            |id: TermId| modifiers.contains(&id) || (!asks_of_the_subject && roles.contains(&id));
        for q in (self.out.iter_mut()).filter(|q| q.id.is_some_and(qualifies)) {
            q.qualifies = true;
        }
        self.out
    }
}

/// Whether the word at `at` is the "makes" of "what makes a good dev",
/// "what made you": the causing verb, which asks what it takes or why,
/// not what anyone earns (the pay's "make" in "what do they make?",
/// "what makes more money?").
fn makes_someone(ws: &[Word], at: usize) -> bool {
    const CAUSED: &[&str] = &[
        "a", "an", "the", "someone", "somebody", "one", "you", "u", "them", "him", "her", "it",
        "this", "that", "people", "ppl", "me", "us",
    ];
    let word = |i: usize| ws.get(i).map(|w| w.text.as_str());
    at > 0
        && word(at - 1) == Some("what")
        && matches!(word(at), Some("makes" | "made"))
        && word(at + 1).is_some_and(|w| CAUSED.contains(&w))
}

/// Whether the word at `at` names the workplace a question is set in:
/// "in a company", "at my startup", "in the firm", "in this field". Who
/// hires ("do companies hire juniors", "which firms are hiring") is not a
/// setting.
fn is_workplace(ws: &[Word], at: usize) -> bool {
    const WORKPLACES: &[&str] = &[
        "company",
        "companies",
        "startup",
        "startups",
        "firm",
        "firms",
        "corporation",
        "corporations",
        "corporate",
        "enterprise",
        "enterprises",
        "organization",
        "organisation",
        "organizations",
        "organisations",
        "field",
        "industry",
        "sector",
        "team",
        "teams",
    ];
    const DETERMINERS: &[&str] = &[
        "a", "an", "the", "my", "your", "ur", "our", "his", "her", "their", "this", "that", "any",
        "some", "big", "large", "small", "most",
    ];
    let word = |i: usize| ws.get(i).map(|w| w.text.as_str());
    if !word(at).is_some_and(|w| WORKPLACES.contains(&w)) {
        return false;
    }
    let mut before = at;
    while before > 0
        && word(before - 1).is_some_and(|w| DETERMINERS.contains(&w))
        && at - before < 2
    {
        before -= 1;
    }
    let placed = before > 0
        && matches!(
            word(before - 1),
            Some("in" | "at" | "on" | "inside" | "within")
        );
    placed && (!matches!(word(at), Some("team" | "teams")) || sets_in_a_team(ws, at, before))
}

/// Whether "in a team" at `at`, its phrase opening at `before`, is where
/// the work is done ("what does a backend dev own in a team"), not how it
/// is done: "in teams" with no determiner ("do they work alone or in
/// teams"), or a team one works in or would rather not ("work in a team",
/// "alone or in a team").
fn sets_in_a_team(ws: &[Word], at: usize, before: usize) -> bool {
    let word = |i: usize| ws.get(i).map(|w| w.text.as_str());
    let how = (before.checked_sub(2).and_then(word))
        .is_some_and(|w| matches!(w, "or" | "alone" | "work" | "works" | "working" | "worked"));
    before < at && !how
}

/// Words asking for a degree of the word that follows them ("how long",
/// "too old", "more stressful", "less boring"). Not "so" or "very", which
/// only stress it, nor "most", which also picks things out ("the most
/// common languages").
const DEGREE_WORDS: &[&str] = &["how", "too", "more", "less"];

/// Whether the word at `at` is the role a person would take: "become a
/// dentist", "being a nurse", "work as an electrician".
fn is_role_taken(ws: &[Word], at: usize) -> bool {
    const TAKING: &[&str] = &["become", "becoming", "be", "being"];
    const AS: &[&str] = &["work", "working", "job", "career", "retrain", "train"];
    let word = |back: usize| at.checked_sub(back).map(|i| ws[i].text.as_str());
    // The role may be named by more than one word ("a real estate agent",
    // "a registered nurse"): up to two words that are not small words
    // come between the article and it.
    (0..=2)
        .take_while(|&between| {
            between == 0 || word(between).is_some_and(|w| !crate::search::is_stop_word(w))
        })
        .any(|between| {
            let word = |back: usize| word(back + between);
            match (word(3), word(2), word(1)) {
                (_, Some(verb), Some("a" | "an")) if TAKING.contains(&verb) => true,
                (Some(verb), Some("as"), Some("a" | "an")) => AS.contains(&verb),
                _ => false,
            }
        })
}

/// Whether the word at `at` is what a question asks about, named right
/// after "does" or "did" ("how much does jake make", "what does an api
/// do", "how much does remote work pay"): one person or thing, which a
/// word the knowledge base lacks names as something else than its
/// subject.
fn is_asked_about(ws: &[Word], at: usize) -> bool {
    /// Words for people at large ("does everyone do the same thing"):
    /// whoever they are, not someone else than the subject.
    const ANYONE: &[&str] = &[
        "everyone",
        "everybody",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "nobody",
        "noone",
    ];
    let word = |back: usize| at.checked_sub(back).map(|i| ws[i].text.as_str());
    if ANYONE.contains(&ws[at].text.as_str()) {
        return false;
    }
    // Not "did a CS minor ages ago": the asker's own past.
    matches!(
        (word(2), word(1)),
        (_, Some("does" | "did")) | (Some("does"), Some("a" | "an" | "the"))
    )
}

/// Whether the word at `at` is the verb of "how do i ...", "how can you
/// ...", "how to ...": the task a question asks how to do.
fn asks_how_to(ws: &[Word], at: usize) -> bool {
    const DOERS: &[&str] = &["i", "you", "u", "we", "one"];
    const HELPERS: &[&str] = &["do", "can", "should", "would", "could"];
    let word = |back: usize| at.checked_sub(back).map(|i| ws[i].text.as_str());
    match (word(3), word(2), word(1)) {
        (Some("how"), Some(helper), Some(doer)) => {
            HELPERS.contains(&helper) && DOERS.contains(&doer)
        }
        (_, Some("how"), Some("to" | "2")) => true,
        _ => false,
    }
}

/// Whether a known word before the subject word could name another kind of
/// developer ("web", "frontend", "full stack", "software"): not an amount
/// ("4 backend jobs"), a comparison ("vs"), or a word English mostly uses as
/// a verb, adjective or adverb ("learn backend", "good backend jobs"). A
/// phrase is judged by its first word ("get into" is a verb; "full stack",
/// a kind, starts with an adjective and stays one).
fn could_name_a_kind(surface: &str) -> bool {
    const COMPARISONS: &[&str] = &["vs", "v", "versus"];
    if surface.chars().all(|c| c.is_ascii_digit()) || COMPARISONS.contains(&surface) {
        return false;
    }
    match surface.split_once(' ') {
        Some((first, _)) => !lexicon().is_mostly_verb(first),
        None => !lexicon()
            .info(surface)
            .is_some_and(|i| i.class == WordClass::Describing),
    }
}

/// A number, alone ("15", "4.5") or with a short unit written onto it
/// ("100k", "6am", "2nd", "16gb", "31yo"): an amount, a time or a rank,
/// whatever the unit, never what a message is about.
fn is_amount(surface: &str) -> bool {
    const UNIT_MAX: usize = 3;
    let unit = surface.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    surface.starts_with(|c: char| c.is_ascii_digit())
        && unit.len() <= UNIT_MAX
        && unit.chars().all(|c| c.is_ascii_alphabetic())
}

/// "what does a backend dev need to know?": a clause asking what one must
/// know, and ending there, asks what knowledge the work takes, and "know"
/// is read as "knowledge". Elsewhere "know" is a small word: "do they need
/// to know more than one language" asks about languages.
fn asks_what_to_know(ws: &mut [Word]) {
    const MUST: &[&[&str]] = &[
        &["need", "to"],
        &["needs", "to"],
        &["have", "to"],
        &["has", "to"],
        &["got", "to"],
        &["ought", "to"],
        &["supposed", "to"],
        &["expected", "to"],
        &["gotta"],
        &["should"],
        &["must"],
    ];
    let n = ws.len();
    if n < 2 || ws[n - 1].text != "know" {
        return;
    }
    let before = &ws[..n - 1];
    let must = MUST.iter().any(|m| {
        before.len() >= m.len()
            && (before[before.len() - m.len()..].iter())
                .zip(m.iter())
                .all(|(w, m)| w.text == *m)
    });
    // "what do they need to know", not "what languages do they need to
    // know": the knowledge itself is asked, not a kind of it.
    const AUXILIARIES: &[&str] = &[
        "do", "does", "did", "should", "would", "will", "must", "can", "are", "is", "else", "all",
    ];
    let asks_what = ws.windows(2).any(|w| {
        matches!(w[0].text.as_str(), "what" | "which") && AUXILIARIES.contains(&w[1].text.as_str())
    });
    if must && asks_what {
        ws[n - 1].text = "knowledge".to_string();
    }
}

/// Whether the thing after a possessive at word `at` of an asking clause
/// is what the clause asks about rather than the asker's circumstances:
/// a thing or a group ("paint my bedroom", "is my laptop enough") that no
/// preposition puts in the background ("for my school presentation", "at
/// my company"). People, times and amounts are circumstances wherever
/// they stand ("my cousin", "my first year").
fn possession_asked_about(ws: &[Word], at: usize, info: Option<WordInfo>) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "for", "at", "in", "to", "from", "with", "on", "of", "about", "by", "into", "after",
        "during", "through", "since", "like", "than", "under", "over", "around",
    ];
    let thing = info.is_some_and(|i| matches!(i.class, WordClass::Thing | WordClass::Group));
    // The word may be possessed at another place in the clause ("my
    // garden ... water the garden"); only a possessive right before it
    // puts this one after a preposition two words back.
    let after_possessive = at
        .checked_sub(1)
        .is_some_and(|p| POSSESSIVES.contains(&ws[p].text.as_str()));
    let placed = after_possessive
        && at
            .checked_sub(2)
            .is_some_and(|b| PREPOSITIONS.contains(&ws[b].text.as_str()));
    thing && !placed
}

/// The words that make what follows them the asker's or someone's own.
const POSSESSIVES: &[&str] = &["my", "his", "her", "our", "their", "your"];

/// Words right after a possessive ("my cousin", "her job"): the asker's
/// circumstances, not the subject asked about, unless the question asks
/// about them (see `possession_asked_about`).
fn possessed(ws: &[Word]) -> Vec<&str> {
    ws.windows(2)
        .filter(|w| POSSESSIVES.contains(&w[0].text.as_str()))
        .map(|w| w[1].text.as_str())
        .collect()
}

/// How many words `text` has: runs between white space that hold a letter
/// or digit, so that "backend 😂😂😂" is no longer a message than
/// "backend". ASCII text (most messages) is read byte by byte.
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return (text.split_whitespace())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
    }
    // Without a branch: a space ends a word that holds a letter or digit.
    let (mut words, mut alphanumeric) = (0, false);
    for &b in text.as_bytes() {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        words += usize::from(alphanumeric & space);
        alphanumeric = (alphanumeric | ASCII_ALPHANUMERIC[b as usize]) & !space;
    }
    words + usize::from(alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_with_a_letter_or_digit() {
        for (text, n) in [
            ("backend 😂😂😂", 1),
            ("how much   do\tthey\nmake ?? ...", 5),
            ("", 0),
            ("été payé ?", 2),
        ] {
            assert_eq!(count_words(text), n, "{text:?}");
        }
    }

    #[test]
    fn a_clause_is_read_with_the_messages_subject_all_asked() {
        let ix = Index::shipped();
        let q = ix.query("backend developers here. how much do they make? and what languages?");
        let is_subject = |t: &QueryTerm| t.id.is_some_and(|id| ix.is_anchor(id));
        // The subject is named in background, which the whole message
        // does not count as asked.
        assert!(q
            .terms()
            .iter()
            .any(|t| t.clause == 0 && is_subject(t) && !t.asked));
        let part = q.clause(1).expect("the second clause names something");
        assert!(part.terms().iter().all(|t| t.asked));
        assert!(part.terms().iter().all(|t| t.clause == 1 || is_subject(t)));
        // "they" is backend developers: the subject comes from clause 0.
        assert!(part.terms().iter().any(|t| t.clause == 0 && is_subject(t)));
        assert!(part.terms().iter().any(|t| t.clause == 1 && !is_subject(t)));
        assert!(!part.terms().iter().any(|t| t.clause == 2));
    }

    #[test]
    fn a_possessed_thing_asked_about_keeps_its_otherness_and_circumstances_do_not() {
        let ix = Index::shipped();
        let otherness = |question: &str, word: &str| -> f32 {
            let q = ix.query(question);
            let term = q.terms().iter().find(|t| t.word == word);
            term.unwrap_or_else(|| panic!("{word:?} in {question:?}"))
                .otherness
        };
        // What the question is about: the thing after "my" that no
        // preposition puts in the background.
        for (question, word) in [
            (
                "is it worth it to repaint my kitchen this spring",
                "kitchen",
            ),
            ("how often should i water my garden", "garden"),
            // After a preposition with no possessive, and possessed later
            // in the clause: the first place is not "in my ...", so asked
            // about all the same.
            (
                "should i put new tiles in the kitchen or just repaint my kitchen",
                "kitchen",
            ),
        ] {
            assert!(
                otherness(question, word) > POSSESSED_OTHERNESS,
                "{question}"
            );
        }
        // The asker's circumstances: people, a thing after a preposition,
        // and anything in background.
        for (question, word) in [
            (
                "what do backend devs do? asking for my school project",
                "school",
            ),
            (
                "my neighbour asked me what backend devs earn, what do they earn",
                "neighbour",
            ),
            (
                "my garden is a mess lol. what do backend devs do all day",
                "garden",
            ),
        ] {
            assert!(
                otherness(question, word) <= POSSESSED_OTHERNESS,
                "{question}"
            );
        }
    }

    #[test]
    fn only_a_kind_written_right_before_a_lone_subject_word_qualifies_it() {
        let ix = Index::shipped();
        let qualifiers = |question: &str| -> Vec<String> {
            let q = ix.query(question);
            q.terms()
                .iter()
                .filter(|t| t.qualifies)
                .map(|t| t.word.clone())
                .collect()
        };
        assert_eq!(qualifiers("average salary of a web developer"), ["web"]);
        assert_eq!(
            qualifiers("what does a frontend developer do"),
            ["frontend"]
        );
        // Before a lone subject word, whatever else the message names.
        assert_eq!(
            qualifiers("what does a data engineer do, is it like a backend developer"),
            ["data"]
        );
        // Before or inside the full subject it narrows it.
        assert!(qualifiers("salary of a java backend developer").is_empty());
        assert!(qualifiers("is backend web development hard").is_empty());
        // Not side by side once the stop word is gone; a verb; an amount;
        // a comparison; an adjective that narrows rather than names a kind.
        assert!(qualifiers("which is harder, frontend or backend?").is_empty());
        assert!(qualifiers("how long to learn backend").is_empty());
        assert!(qualifiers("whr do i look 4 backend jobs").is_empty());
        assert!(qualifiers("frontend vs backend").is_empty());
        assert!(qualifiers("are there good backend jobs near me").is_empty());
        // A kind is a kind of person ("developer", "dev") or their work;
        // "backend" alone names neither.
        assert_eq!(qualifiers("how much do web devs make"), ["web"]);
        assert_eq!(qualifiers("is software development fun"), ["software"]);
        assert!(qualifiers("pls tell me how much salary backend").is_empty());
    }

    /// The otherness the query of `question` gives `word`.
    fn otherness_of(ix: &Index, question: &str, word: &str) -> f32 {
        let q = ix.query(question);
        let t = q.terms().iter().find(|t| t.word == word).expect(word);
        t.otherness
    }

    #[test]
    fn a_clause_spelling_out_a_question_is_read_with_it() {
        let ix = Index::shipped();
        let q = ix.query("what skills do backend devs need? like the non-technical ones");
        assert_eq!(q.asking_clauses(), &[0, 1]);
        assert_eq!(q.questions(), vec![0]);
        let part = q.clause(0).expect("the question names skills");
        assert!(part.terms.iter().any(|t| t.word == "nontechnical"));
        // Two questions stay two.
        let q = ix.query("what do backend devs do? and how much do they make?");
        assert_eq!(q.questions(), vec![0, 1]);
    }

    #[test]
    fn a_clause_read_alone_counts_its_own_words() {
        let ix = Index::shipped();
        let q = ix.query(
            "been a chef for years and my wrists are shot. what do backend devs do? \
             like day to day. and how much do they make?",
        );
        assert_eq!((q.words, q.own_words), (25, 25));
        let first = q
            .clause(q.questions()[0])
            .expect("the question names duties");
        // "what do backend devs do?" and "like day to day.": its length
        // as a message, while the message's stays for the other features.
        assert_eq!((first.words, first.own_words), (25, 9));
        assert!(first.own_length() < q.own_length());
    }

    #[test]
    fn the_causing_makes_is_not_the_pay() {
        let ix = Index::shipped();
        let asks_pay = |question: &str| {
            let q = ix.query(question);
            q.terms.iter().any(|t| t.word.starts_with("make"))
        };
        assert!(!asks_pay("what makes a good backend developer?"));
        assert!(!asks_pay("what made you pick backend?"));
        assert!(asks_pay("what do backend devs make?"));
        assert!(asks_pay("what makes more money, frontend or backend?"));
        assert!(asks_pay("how much does a backend dev make a year?"));
    }

    #[test]
    fn a_clause_asking_only_what_the_subject_is_is_recognised() {
        let ix = Index::shipped();
        for defining in [
            "what is a back-end developer",
            "What's a back-end dev?",
            "ok so what exactly is a backend engineer?",
            "What Is A Back End Developer",
        ] {
            assert!(ix.asks_what_the_subject_is(defining), "{defining}");
        }
        for other in [
            "what kind of person does well in backend?",
            "what is a backend developer's salary",
            "what am i missing?",
            "what is it",
            "who is backend development good for?",
        ] {
            assert!(!ix.asks_what_the_subject_is(other), "{other}");
        }
    }

    #[test]
    fn the_workplace_a_question_is_set_in_is_context() {
        let ix = Index::shipped();
        // Whether the word starting `word` is read as context (not asked,
        // weighed less): `None` when the question has no such word.
        let context = |question: &str, word: &str| {
            let q = ix.query(question);
            let t = q.terms.iter().find(|t| t.word.starts_with(word));
            t.map(|t| !t.asked && t.weight < 1.0)
        };
        let setting = |question: &str| context(question, "compan");
        assert_eq!(
            setting("what does a backend developer do in a company"),
            Some(true)
        );
        assert_eq!(
            setting("what do backend devs do at my company?"),
            Some(true)
        );
        // Who hires is asked, not a setting.
        assert_eq!(
            setting("do companies hire junior backend devs?"),
            Some(false)
        );
        assert_eq!(
            setting("which companies are hiring backend developers"),
            Some(false)
        );
        // The field a question is asked in is its subject's, not a topic.
        let field = |question: &str| context(question, "field");
        assert_eq!(field("wondering about pay in this field"), Some(true));
        assert_eq!(field("is backend a good field to go into?"), Some(false));
        // So is the team the work is done in; working in teams is how.
        let team = |question: &str| context(question, "team");
        assert_eq!(
            team("what does a backend dev own on a small team"),
            Some(true)
        );
        assert_eq!(team("whats backend's job in the team"), Some(true));
        assert_eq!(team("do backend devs mostly work in teams?"), Some(false));
        assert_eq!(team("do they work alone or in a team?"), Some(false));
    }

    #[test]
    fn a_clause_asking_what_one_must_know_asks_for_knowledge() {
        let ix = Index::shipped();
        let knowledge = |question: &str| {
            let q = ix.query(question);
            q.terms.iter().any(|t| t.word == "knowledge" && t.asked)
        };
        assert!(knowledge("what do backend developers need to know?"));
        assert!(knowledge(
            "What are the basics that every backend developer should know?"
        ));
        // A kind of knowledge named is what is asked; "know" inside a
        // clause is a small word.
        assert!(!knowledge("what languages do backend devs need to know?"));
        assert!(!knowledge(
            "do backend devs need to know more than one language"
        ));
    }

    #[test]
    fn the_role_a_message_asks_to_take_is_another_subject() {
        let ix = Index::shipped();
        let qualifies = |question: &str, word: &str| {
            let q = ix.query(question);
            q.terms.iter().any(|t| t.word == word && t.qualifies)
        };
        assert!(qualifies("How do I become a dentist?", "dentist"));
        assert!(qualifies(
            "is working as an electrician worth it",
            "electrician"
        ));
        // Named by more than one word.
        assert!(qualifies("how to become a registered nurse?", "nurse"));
        // A role whose stem is a word of the article ("account") is no
        // less another subject; one the article names as its subject is
        // the subject.
        assert!(qualifies("how do I become an accountant", "accountant"));
        assert!(!ix
            .query("how do I become a programmer")
            .terms
            .iter()
            .any(|t| t.qualifies));
        // Not beside the article's subject, nor a role the asker has.
        assert!(!qualifies(
            "how do i become an accountant or a backend developer",
            "accountant"
        ));
        assert!(!qualifies(
            "nurse here, how do i become a backend dev",
            "nurse"
        ));
        assert!(!qualifies(
            "can i become a nurse and a backend developer",
            "nurse"
        ));
        assert!(!qualifies(
            "my cousin is a nurse, what do they do all day",
            "nurse"
        ));
        // The subject named only in the background leaves the question
        // about the role.
        assert!(qualifies(
            "is being an electrician a good career? my uncle says devs are cooked",
            "electrician"
        ));
    }

    #[test]
    fn a_name_in_capitals_is_not_a_misspelt_small_word() {
        let ix = Index::shipped();
        let has = |question: &str| ix.query(question).terms.iter().any(|t| t.word == "sre");
        // "SRE" is not "are" or "she" misspelt.
        assert!(has("what does an SRE do day to day"));
        assert!(has("whats the difference between a backend dev and an SRE"));
        // Nor in lower case after an article, a noun's place.
        assert!(has(
            "whats the difference between a backend engineer and an sre"
        ));
        assert!(!has("sre, that's what i thought"));
    }

    #[test]
    fn a_misspelling_is_read_as_the_commoner_word_it_may_be() {
        let ix = Index::shipped();
        let has =
            |question: &str, word: &str| ix.query(question).terms.iter().any(|t| t.word == word);
        // "actually" and "usually" before "actual" and "usual": dropped as
        // the small words they are.
        assert!(!has("what do backend devs actualy do all day", "actualy"));
        assert!(!has(
            "which languages do backend teams usualy pick",
            "usualy"
        ));
        // "become" before "became": corrected to the knowledge base's word.
        assert!(has("how do i becme a back end dev", "becme"));
    }

    #[test]
    fn an_unknown_word_before_a_lone_subject_word_names_another_subject() {
        let ix = Index::shipped();
        let otherness = |question: &str, word: &str| otherness_of(&ix, question, word);
        // Whatever else the message names.
        let q = "what does a reliability engineer do all day, is it like backend";
        assert_eq!(otherness(q, "reliability"), 1.0);
        // Before the full subject it narrows it.
        let q = "salary of a fintech backend developer";
        assert!(otherness(q, "fintech") <= NARROWING_OTHERNESS);
    }

    #[test]
    fn an_unknown_word_after_a_degree_word_is_what_is_asked() {
        let ix = Index::shipped();
        let otherness = |question: &str, word: &str| otherness_of(&ix, question, word);
        // "long" is everyday English, yet the question asks how long.
        assert_eq!(
            otherness("how long does it take to learn backend", "long"),
            1.0
        );
        assert_eq!(otherness("is 38 too old to get into backend", "old"), 1.0);
        assert_eq!(
            otherness("is backend or frontend more stressful", "stressful"),
            1.0
        );
        // "how do i ...": the task asked, a verb the article never uses.
        assert_eq!(
            otherness("how do i reverse a string in python", "reverse"),
            1.0
        );
        assert!(
            otherness(
                "i reverse strings for fun. what languages do backend devs use",
                "reverse"
            ) < 0.5
        );
        // Elsewhere the same word is as neutral as any everyday word.
        assert!(otherness("a long day of backend work, what do they do", "long") < 0.5);
        // In background it is not what is asked.
        let q = "i know how long it took me. what languages do backend devs use";
        assert!(otherness(q, "long") < 0.5);
    }

    #[test]
    fn a_number_with_its_unit_is_an_amount_not_a_subject() {
        let ix = Index::shipped();
        for (question, amount) in [
            ("backend devs make like 100k right?", "100k"),
            ("is 2nd year too early to apply for backend jobs", "2nd"),
            ("do backend devs start at 6am", "6am"),
        ] {
            let q = ix.query(question);
            assert!(q.terms().iter().all(|t| t.word != amount), "{question}");
        }
        // A word that starts with a number and goes on is a name.
        let q = ix.query("what does a backend dev do with 3scale");
        assert!(q.terms().iter().any(|t| t.word == "3scale"));
    }

    #[test]
    fn know_how_is_a_noun_only_where_how_does_not_ask() {
        let ix = Index::shipped();
        let words = |q: &str| -> Vec<String> {
            ix.query(q).terms().iter().map(|t| t.word.clone()).collect()
        };
        assert!(
            words("what technical know how is expected of a backend dev")
                .contains(&"knowhow".to_string())
        );
        for asking in [
            "a backend developer must know how many languages?",
            "do i need to know how to code in java for backend",
        ] {
            assert!(!words(asking).contains(&"knowhow".to_string()), "{asking}");
        }
    }

    #[test]
    fn a_clause_naming_only_the_subject_is_no_question_of_its_own() {
        let ix = Index::shipped();
        let q = ix.query("backend developers here. how much do they make? and what languages?");
        assert!(q.clause(0).is_none());
        assert!(q.clause(2).is_some());
    }
}
