//! The answer engine: a knowledge base and its index, turning questions into
//! [`Reply`] values. Every front end (terminal, `ask --json`, Discord) calls
//! this and renders what it returns. A question is analysed once into a
//! `search::Query`; the engine asks it for the ranked sections, the
//! decision's features and the quotes, and turns those into a reply.

use crate::knowledge::{KnowledgeBase, LoadError, Quote, Section};
use crate::reply::scope::Asked;
use crate::reply::{Answer, Credit, QuoteRef, Reply, Topic};
use crate::search::{
    decision, is_junk, is_mostly_markup, is_zalgo, misuses_the_bot, only_tries_the_bot,
    pings_a_crowd, repeats_itself, Features, Hit, Index, Query, Vocabulary, MAX_CHARS,
};
use crate::text::{fold_lookalikes, truncate_chars};
use std::cell::OnceCell;
use std::path::Path;
use std::sync::Arc;

use crate::search::tuning::{
    ALTERNATIVE_SHARE, CHOICE_SHARE, FIRST_ALONE_AT, SAME_AS_SAMPLE, SUGGEST_THRESHOLD,
};

const MAX_SUGGESTIONS: usize = 3;
/// At most this many asking clauses of one message are read on their own.
const MAX_PARTS: usize = 4;
const MAX_QUOTES: usize = 3;
/// How many scored sections a question looks at: the answer, its
/// alternatives and suggestions.
const TOP_HITS: usize = 8;

/// One asking clause of a message read alone.
struct Part<'a> {
    query: Query<'a>,
    hits: Vec<Hit>,
    features: Features,
}

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

    /// A server's engine: `kb` is `article`'s knowledge with the server's
    /// curation. Reuses what `vocab` already knows of `kb`'s sections, and
    /// `article`'s reading of the questions the article does not cover (how
    /// a server's view is rebuilt quickly after a change).
    pub fn with_vocabulary(kb: KnowledgeBase, vocab: &mut Vocabulary, article: &Engine) -> Engine {
        let index = Index::build_with(&kb, vocab);
        index.share_outside(&article.index);
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

    /// The reply to a question: answered at the decision model's
    /// `answer_at` probability, asked back between `ask_at` and that, and
    /// declined below.
    pub fn ask(&self, question: &str) -> Reply {
        self.ask_with_threshold(question, decision().answer_at)
    }

    /// The reply to a question, answering at a probability of `threshold`
    /// or more (help channels use a stricter one than `/ask`).
    pub fn ask_with_threshold(&self, question: &str, threshold: f32) -> Reply {
        let question = &*fold_lookalikes(question);
        if Engine::not_a_question(question) {
            return self.decline(0.0, &[]);
        }
        let reply = self.weigh(question, threshold);
        // The junk model vetoes an answer or a question back: what it
        // would decline is declined anyway, and is not read twice.
        if (reply.answer.is_some() || reply.unsure) && is_junk(truncate_chars(question, MAX_CHARS))
        {
            return self.decline(0.0, &[]);
        }
        reply
    }

    /// The reply to a message the gate let through: answered, asked back or
    /// declined by the decision model.
    fn weigh(&self, question: &str, threshold: f32) -> Reply {
        let beyond = Beyond::new(question);
        let (query, hits, features) = self.analyse(question, &beyond);
        let p = decision().probability(&features);
        // The first question read alone, worked out once for both ways of
        // reading a message in parts below.
        let first = OnceCell::new();
        // Its parts are judged only when the whole message might be
        // answered: a clause read alone has lost the background that says
        // what the message is about ("I'm a software engineer moving to
        // freelancing. How did you find work?").
        if p >= decision().ask_at {
            if let Some(reply) = self.ask_in_parts(&query, &hits, threshold, &beyond, &first) {
                return reply;
            }
        }
        let Some(best) = hits.first().copied().filter(|_| features.has_signal()) else {
            return self.decline(0.0, &[]);
        };
        // A question word for word one of the best section's sample
        // questions (one that moderators linked to it) is answered: that is
        // what a link promises, however little else the question says.
        if p >= threshold || best.likeness >= SAME_AS_SAMPLE {
            let alternatives = hits[1..]
                .iter()
                .filter(|h| h.confidence >= best.confidence * ALTERNATIVE_SHARE);
            return self.answer_reply(
                best.section,
                &query,
                p,
                self.topics_of(alternatives),
                &beyond,
            );
        }
        if let Some(reply) = self.ask_first_alone(&query, &features, threshold, &beyond, &first) {
            return reply;
        }
        if p >= decision().ask_at {
            let choices = hits
                .iter()
                .filter(|h| h.confidence >= best.confidence * CHOICE_SHARE);
            return Reply {
                answer: None,
                confidence: p,
                suggestions: self.topics_of(choices),
                unsure: true,
                credit: Credit::Article(self.kb.article().credit()),
            };
        }
        self.decline(p, &hits)
    }

    /// An answer with `section`, with its scope note when the question
    /// reaches beyond the section's scope (another country, currency, year).
    fn answer_reply(
        &self,
        section: usize,
        query: &Query<'_>,
        p: f32,
        suggestions: Vec<Topic>,
        beyond: &Beyond<'_>,
    ) -> Reply {
        let mut answer = self.answer(section, query.quotes(section, MAX_QUOTES));
        let shown = beyond.section(section, &self.kb.sections()[section]);
        answer.scope = self.kb.sections()[section].scope.clone().filter(|_| shown);
        Reply {
            credit: self.credit(section, &answer),
            answer: Some(answer),
            confidence: p,
            suggestions,
            unsure: false,
        }
    }

    /// A message asking two things ("what do they do all day? and how much
    /// do they make?") whose asking clauses each clearly point at a
    /// different section: the first is answered, the other offered first
    /// as "Did you mean". Each clause is scored on its own from the whole
    /// message's analysis (see [`Query::clause`]); `whole_hits` are the
    /// whole message's scored sections.
    fn ask_in_parts<'a>(
        &'a self,
        whole: &Query<'a>,
        whole_hits: &[Hit],
        threshold: f32,
        beyond: &Beyond<'_>,
        first: &OnceCell<Option<Part<'a>>>,
    ) -> Option<Reply> {
        let asking = whole.questions();
        if asking.len() < 2 {
            return None;
        }
        // A part's section must also be one of the whole message's
        // alternatives: a clause read alone may point anywhere ("is backend
        // just sitting at a computer all day?" read without the desk and
        // the bad back that follow), and only a section the whole message
        // also points at clearly answers a part of it.
        let best = whole_hits.first().map_or(f32::INFINITY, |h| h.confidence);
        let is_alternative = |h: &&Hit| h.confidence >= best * ALTERNATIVE_SHARE;
        let alternative = |section: usize| {
            (whole_hits.iter().filter(is_alternative)).any(|h| h.section == section)
        };
        // Two parts need two alternatives; with fewer, no part is read. A
        // first question asking only what the subject is ("what's a backend
        // dev? how much do they make?") has no word the whole message's
        // other words would not outweigh: it counts by itself.
        let defines = whole.first_asks_what_the_subject_is();
        if whole_hits.iter().filter(is_alternative).count() + (defines as usize) < 2 {
            return None;
        }
        // Each clear part's section, probability and query (`None` for the
        // first part, kept in `first`).
        let mut clear: Vec<(usize, f32, Option<Query<'a>>)> = Vec::new();
        let parts = asking.len().min(MAX_PARTS);
        for (read, &c) in asking.iter().take(parts).enumerate() {
            // The parts left cannot make two clear ones: none is read.
            if clear.len() + (parts - read) < 2 {
                break;
            }
            // The first part as `first_part` read it; a later one read here.
            let mut later = None;
            let (query, hits, features) = if read == 0 {
                // A first question about a subject the article lacks ("what
                // does compiler work look like? ... what's expected of an
                // intern in that line of work?") is what the questions
                // after it go on about: none of them is read alone.
                let Some(p) = self.first_part(whole, beyond, first) else {
                    continue;
                };
                if p.features.rare_unknowns > 0.0 {
                    return None;
                }
                (&p.query, p.hits.as_slice(), Some(p.features))
            } else {
                let Some(part) = whole.clause(c) else {
                    continue;
                };
                let hits = part.hits(TOP_HITS);
                let (part, hits) = later.insert((part, hits));
                (&*part, hits.as_slice(), None)
            };
            // Only a part pointing at an alternative not yet taken can
            // count: its probability is worked out only then.
            let defining = read == 0 && defines;
            let Some(best) = hits.first().filter(|h| defining || alternative(h.section)) else {
                continue;
            };
            if clear.iter().any(|(s, _, _)| *s == best.section) {
                continue;
            }
            let features = features.unwrap_or_else(|| self.features(query, hits, beyond));
            let p = decision().probability(&features);
            if p >= threshold {
                clear.push((best.section, p, later.map(|(part, _)| part)));
            }
        }
        if clear.len() < 2 {
            return None;
        }
        let (section, p, part) = clear.remove(0);
        let part = match &part {
            Some(part) => part,
            None => &self.first_part(whole, beyond, first)?.query,
        };
        let others = clear
            .iter()
            .take(MAX_SUGGESTIONS)
            .map(|(s, _, _)| topic(&self.kb.sections()[*s]))
            .collect();
        Some(self.answer_reply(section, part, p, others, beyond))
    }

    /// A message asking several things that is not answered as a whole
    /// ("how do i become a backend developer?? and do i need a CS degree for
    /// it"): its first question, read alone, is answered when the decision
    /// clearly would answer it as a message of its own length (see
    /// [`FIRST_ALONE_AT`]). Not when that
    /// question is about a subject the article lacks, nor when the message
    /// asks to compare ("is it better to go deep in one framework or learn
    /// three?"), which its other questions often say more of, nor when it
    /// speaks to the reader ("what's a day like for you? what time do you
    /// wake up?"): one person's life is no article's. (A clause read alone
    /// keeps its message's marks for these, so the whole message's are
    /// read, before any part is.)
    fn ask_first_alone<'a>(
        &'a self,
        whole: &Query<'a>,
        whole_features: &Features,
        threshold: f32,
        beyond: &Beyond<'_>,
        first: &OnceCell<Option<Part<'a>>>,
    ) -> Option<Reply> {
        let f = whole_features;
        if f.asks_the_reader > 0.0
            || f.addresses_the_reader > 0.0
            || f.compares > 0.0
            || whole.questions().len() < 2
        {
            return None;
        }
        let Part {
            query: part,
            hits,
            features,
        } = self.first_part(whole, beyond, first)?;
        let best = *hits.first()?;
        if features.rare_unknowns > 0.0 {
            return None;
        }
        let p = decision().probability(&Features {
            length: part.own_length(),
            ..*features
        });
        (p >= FIRST_ALONE_AT.max(threshold))
            .then(|| self.answer_reply(best.section, part, p, Vec::new(), beyond))
    }

    /// The first asking clause of a message read alone: its query, scored
    /// sections and features, worked out on first use.
    fn first_part<'c, 'a>(
        &'a self,
        whole: &Query<'a>,
        beyond: &Beyond<'_>,
        cell: &'c OnceCell<Option<Part<'a>>>,
    ) -> Option<&'c Part<'a>> {
        cell.get_or_init(|| {
            let &first = whole.questions().first()?;
            let query = whole.clause(first)?;
            let hits = query.hits(TOP_HITS);
            let features = self.features(&query, &hits, beyond);
            Some(Part {
                query,
                hits,
                features,
            })
        })
        .as_ref()
    }

    fn decline(&self, p: f32, hits: &[Hit]) -> Reply {
        Reply {
            answer: None,
            confidence: p,
            suggestions: self.topics_of(hits.iter().filter(|h| h.confidence >= SUGGEST_THRESHOLD)),
            unsure: false,
            credit: Credit::Article(self.kb.article().credit()),
        }
    }

    fn analyse(&self, question: &str, beyond: &Beyond<'_>) -> (Query<'_>, Vec<Hit>, Features) {
        let query = self.index.query(question);
        let hits = query.hits(TOP_HITS);
        let features = self.features(&query, &hits, beyond);
        (query, hits, features)
    }

    /// The decision's features: the question's own, and whether it reaches
    /// beyond the best section's scope (another country, currency or year).
    fn features(&self, query: &Query<'_>, hits: &[Hit], beyond: &Beyond<'_>) -> Features {
        let mut features = query.features(hits);
        features.beyond_scope = hits
            .first()
            .is_some_and(|h| beyond.section(h.section, &self.kb.sections()[h.section]))
            as u8 as f32;
        features
    }

    /// Orders to the bot, requests naming an attack or asking for a joke,
    /// crowd pings, one word said over and over, zalgo text, a flood of
    /// formatting marks and a message that only tries the bot ("testing
    /// 123") are not questions, whatever words they carry: declined before
    /// any section is weighed.
    pub fn not_a_question(question: &str) -> bool {
        let head = truncate_chars(question, MAX_CHARS);
        misuses_the_bot(head)
            || pings_a_crowd(head)
            || repeats_itself(head)
            || is_zalgo(head)
            || is_mostly_markup(head)
            || only_tries_the_bot(head)
    }

    /// The analysed question (its terms), the scored sections (best first),
    /// the decision's features and its probability for a question (for
    /// diagnostics and fitting).
    pub fn explain(&self, question: &str) -> (Query<'_>, Vec<Hit>, Features, f32) {
        let (query, hits, features) = self.analyse(question, &Beyond::new(question));
        let p = decision().probability(&features);
        (query, hits, features, p)
    }

    /// Each ranked section of an explained question (`query` and `hits`,
    /// from [`Engine::explain`]) with the decision's features as if it were
    /// the best one (for `tools/fit`, which learns how the ranking weighs
    /// the asked words' leanings and must see what each choice would give).
    pub fn candidates(
        &self,
        question: &str,
        query: &Query<'_>,
        hits: &[Hit],
    ) -> Vec<(Hit, Features)> {
        let beyond = Beyond::new(question);
        (0..hits.len())
            .map(|i| {
                let mut order = hits.to_vec();
                let first = order.remove(i);
                order.insert(0, first);
                (first, self.features(query, &order, &beyond))
            })
            .collect()
    }

    /// A section shown as an answer on its own (`/topic`, a "Did you mean"
    /// button): its text and its first quotes.
    pub fn section_reply(&self, id: &str) -> Option<Reply> {
        let pos = self.kb.sections().iter().position(|s| s.id == id)?;
        let first_quote = (!self.kb.sections()[pos].quotes.is_empty()).then_some(0);
        let answer = self.answer(pos, first_quote.into_iter().collect());
        Some(Reply {
            credit: self.credit(pos, &answer),
            answer: Some(answer),
            confidence: 1.0,
            suggestions: Vec::new(),
            unsure: false,
        })
    }

    /// Section `id` picked by the asker from the choices offered for
    /// `question`: answered as if the engine had chosen it, with the quotes
    /// that fit the question and the section's scope note when the question
    /// reaches beyond it ("how much do they make in germany" shows the pay
    /// with the note that it is American, as an answer would).
    pub fn picked_reply(&self, id: &str, question: &str) -> Option<Reply> {
        let pos = self.kb.sections().iter().position(|s| s.id == id)?;
        let query = self.index.query(question);
        let beyond = Beyond::new(question);
        Some(self.answer_reply(pos, &query, 1.0, Vec::new(), &beyond))
    }

    /// Every section, in knowledge-base order.
    pub fn topics(&self) -> Vec<Topic> {
        self.kb.sections().iter().map(topic).collect()
    }

    /// A section by id, by title (any case), by the start of its title, or
    /// failing those by what the name asks about.
    pub fn find_topic(&self, name: &str) -> Option<&Section> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let lower = name.to_lowercase();
        let sections = &self.kb.sections();
        sections
            .iter()
            .find(|s| s.id == lower || s.title.to_lowercase() == lower)
            .or_else(|| {
                sections
                    .iter()
                    .find(|s| s.title.to_lowercase().starts_with(&lower))
            })
            .or_else(|| {
                let hit = *self.index.query(name).hits(1).first()?;
                (hit.confidence >= SUGGEST_THRESHOLD).then(|| &sections[hit.section])
            })
    }

    /// Section titles matching what someone has typed so far (autocomplete):
    /// titles containing it first, then sections the words point to.
    pub fn complete_topic(&self, partial: &str, max: usize) -> Vec<Topic> {
        let lower = partial.trim().to_lowercase();
        let mut out: Vec<Topic> = self
            .kb
            .sections()
            .iter()
            .filter(|s| s.title.to_lowercase().contains(&lower) || s.id.contains(&lower))
            .map(topic)
            .collect();
        if out.len() < max && !lower.is_empty() {
            for hit in self.index.query(&lower).hits(max) {
                let t = topic(&self.kb.sections()[hit.section]);
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
            let query = self.index.query(about);
            if let Some(hit) = query.hits(TOP_HITS).first() {
                if hit.confidence >= SUGGEST_THRESHOLD {
                    let section = &self.kb.sections()[hit.section];
                    if let Some(&pick) = query.quotes(hit.section, 1).first() {
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
            .sections()
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

    /// The credit for an answer from `section`: the article, or the server's
    /// moderators for text they wrote or overrode.
    fn credit(&self, section: usize, answer: &Answer) -> Credit {
        let origin = self.kb.sections()[section].origin;
        Credit::for_answer(origin, answer, self.kb.article().credit())
    }

    /// The answer with `section` and its quotes at positions `quotes`.
    fn answer(&self, section: usize, quotes: Vec<usize>) -> Answer {
        let s = &self.kb.sections()[section];
        let quotes = quotes
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
            .map(|h| topic(&self.kb.sections()[h.section]))
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

/// Whether a question reaches beyond a section's scope (it names another
/// country, currency or year; see `reply::scope`), with the places and years
/// it names read once however many sections are checked.
struct Beyond<'q> {
    question: &'q str,
    asked: OnceCell<Asked>,
    /// Sections already judged, by position, and whether it reaches beyond.
    judged: std::cell::RefCell<Vec<(usize, bool)>>,
}

impl<'q> Beyond<'q> {
    fn new(question: &'q str) -> Self {
        Beyond {
            question,
            asked: OnceCell::new(),
            judged: Default::default(),
        }
    }

    /// Whether the question reaches beyond `section` (at `position` in the
    /// knowledge base).
    fn section(&self, position: usize, section: &Section) -> bool {
        let Some(scope) = section.scope.as_deref() else {
            return false;
        };
        if let Some(&(_, beyond)) = self.judged.borrow().iter().find(|(p, _)| *p == position) {
            return beyond;
        }
        let beyond = self
            .asked
            .get_or_init(|| Asked::of_message(self.question))
            .reaches_beyond(scope);
        self.judged.borrow_mut().push((position, beyond));
        beyond
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
