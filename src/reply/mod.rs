//! The reply to a question, independent of where it is shown, and its
//! Markdown rendering within Discord's limits. The Discord adapter renders the
//! same value as an embed; the terminal and `ask --json` use the Markdown.

mod render;

pub use render::{
    render_embed, render_markdown, truncate_on_word, EmbedParts, EMBED_DESCRIPTION_LIMIT,
    EMBED_FOOTER_LIMIT, EMBED_TITLE_LIMIT, EMBED_TOTAL_LIMIT, MESSAGE_LIMIT,
};

use serde::Serialize;

/// A verbatim quote from the article with its source as the article names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRef {
    pub text: String,
    pub source: String,
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
    /// The article's credit: title, author and date.
    pub credit: String,
}

impl Reply {
    pub fn answered(&self) -> bool {
        self.answer.is_some()
    }
}
