//! The reply to a question, independent of where it is shown, and its
//! Markdown rendering within Discord's limits. The Discord adapter renders the
//! same value as an embed; the terminal and `ask --json` use the Markdown.
//! Who is credited ([`Credit`]) is decided here, from the section's
//! [`Origin`](crate::knowledge::Origin), so every front end credits alike.

pub mod json;
mod render;
pub mod scope;

pub use render::{
    render_embed, render_markdown, truncate_on_word, EmbedParts, EMBED_DESCRIPTION_LIMIT,
    EMBED_FOOTER_LIMIT, EMBED_TITLE_LIMIT, EMBED_TOTAL_LIMIT, MESSAGE_LIMIT,
};

use crate::knowledge::Origin;
use serde::Serialize;

/// A verbatim quote from the article with its source as the article names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRef {
    pub text: String,
    pub source: String,
}

/// A quote picked for `/quote`, with what to say before it when it is not
/// about what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteReply {
    pub preface: Option<String>,
    pub text: String,
    pub source: String,
    /// The section it comes from.
    pub section: String,
    pub title: String,
    pub credit: String,
}

impl QuoteReply {
    /// The preface and the quote as a Markdown block quote with its source.
    pub fn body(&self) -> String {
        let preface = self
            .preface
            .as_deref()
            .map(|p| format!("{p}\n\n"))
            .unwrap_or_default();
        format!(
            "{preface}> {}\n> — {}",
            self.text.replace('\n', " "),
            self.source
        )
    }
}

/// A section, named for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
}

/// The section that answers the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub section: Topic,
    /// The article's text for the section.
    pub text: String,
    /// One to three quotes, the best fit for the question first.
    pub quotes: Vec<QuoteRef>,
    /// The editors' note on the section (say, a list the article lost).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The section's scope ("US figures ..."), present only when the question
    /// names a country, currency or year beyond it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl Answer {
    /// The quotes worth showing under the text: those that do not repeat a
    /// sentence the text already shows. Most of the article's quotes are part
    /// of their section's text, so an answer often shows none.
    pub fn fresh_quotes(&self) -> impl Iterator<Item = &QuoteRef> + '_ {
        let body = crate::text::fold_verbatim(&self.text);
        self.quotes
            .iter()
            .filter(move |q| !repeats_a_sentence(&body, &q.text))
    }

    /// The note and the scope, as the lines shown after the text.
    pub fn notes(&self) -> impl Iterator<Item = &str> + '_ {
        self.scope.iter().chain(&self.note).map(String::as_str)
    }
}

/// Whether any sentence of `quote` (or the part of one a quote cuts out)
/// already appears in `folded_body`.
fn repeats_a_sentence(folded_body: &str, quote: &str) -> bool {
    let quote = crate::text::fold_verbatim(quote);
    // Sentences end at '.', '?' or '!' before a space ("$29.48" stays whole).
    quote
        .split_inclusive(['.', '?', '!'])
        .fold(Vec::<String>::new(), |mut sentences, piece| {
            match sentences.last_mut() {
                Some(last) if !piece.starts_with(' ') => last.push_str(piece),
                _ => sentences.push(piece.to_string()),
            };
            sentences
        })
        .iter()
        .map(|s| {
            s.trim()
                .trim_matches(|c: char| c.is_ascii_punctuation())
                .trim()
        })
        .filter(|s| s.split_whitespace().count() >= 3)
        .any(|s| folded_body.contains(s))
}

/// What the engine says to a question: an answer, a question back ("is it
/// one of these?") when it is unsure, or an honest decline, with other likely
/// topics either way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    /// `None` when the engine declines.
    pub answer: Option<Answer>,
    /// How sure the engine is, 0..1.
    pub confidence: f32,
    /// Other sections the person may have meant, best first. With an
    /// answer: another part of the message, or close alternatives.
    pub suggestions: Vec<Topic>,
    /// No answer, but the suggestions are probably what was meant: the reply
    /// asks "is it one of these?" rather than declining.
    pub unsure: bool,
    /// Who wrote what the reply shows.
    pub credit: Credit,
}

/// Whom a reply credits. The article's quotes always keep their own sources
/// beside them; this is the line under the whole reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Credit {
    /// The article's words: "Title" by Author (date).
    Article(String),
    /// Text this server's moderators wrote (`/kb new`) or put in place of
    /// the article's (`/kb override`). `quotes_from` is the article's credit
    /// when the reply still shows the article's verbatim quotes.
    Moderators { quotes_from: Option<String> },
}

/// How a reply whose text the server's moderators wrote credits it.
const MODERATORS_WROTE: &str = "Answer written by this server's moderators";

impl Credit {
    /// The credit for `answer`, drawn from a section of `origin`, where
    /// `article` is the article's credit: the article for its own words, the
    /// moderators for theirs, still naming the article for any of its quotes
    /// shown with them.
    pub fn for_answer(origin: Origin, answer: &Answer, article: String) -> Credit {
        match origin {
            Origin::Article => Credit::Article(article),
            Origin::Overridden | Origin::Server => Credit::Moderators {
                quotes_from: answer.fresh_quotes().next().is_some().then_some(article),
            },
        }
    }

    /// The credit as one line. `lead` introduces the article ("Source:" under
    /// a message, "From" in an embed footer); the moderators' line has its own.
    pub fn line(&self, lead: &str) -> String {
        match self {
            Credit::Article(article) => format!("{lead} {article}"),
            Credit::Moderators { quotes_from: None } => {
                format!("{MODERATORS_WROTE}, not the article")
            }
            Credit::Moderators {
                quotes_from: Some(article),
            } => format!("{MODERATORS_WROTE}; the quotes are from {article}"),
        }
    }
}

impl Reply {
    pub fn answered(&self) -> bool {
        self.answer.is_some()
    }
}
