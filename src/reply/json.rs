//! A reply as the JSON object `ask --json` prints, one per line: a stable
//! shape for scripts and for the grader in `eval/`.

use super::{render_markdown, QuoteRef, Reply, MESSAGE_LIMIT};
use serde::Serialize;

/// The JSON shape of a reply.
#[derive(Debug, Serialize)]
pub struct JsonReply<'a> {
    pub answered: bool,
    pub section: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The reply as Markdown, as the terminal shows it.
    pub text: String,
    pub quotes: &'a [QuoteRef],
    pub confidence: f32,
    /// No answer, but the suggestions are offered as "is it one of these?".
    pub unsure: bool,
    pub suggestions: Vec<&'a str>,
}

impl<'a> From<&'a Reply> for JsonReply<'a> {
    fn from(reply: &'a Reply) -> JsonReply<'a> {
        let answer = reply.answer.as_ref();
        JsonReply {
            answered: reply.answered(),
            section: answer.map(|a| a.section.id.as_str()),
            title: answer.map(|a| a.section.title.as_str()),
            text: render_markdown(reply, MESSAGE_LIMIT),
            quotes: answer.map_or(&[], |a| a.quotes.as_slice()),
            confidence: (reply.confidence * 1000.0).round() / 1000.0,
            unsure: reply.unsure,
            suggestions: reply.suggestions.iter().map(|t| t.title.as_str()).collect(),
        }
    }
}

/// The reply as one line of JSON.
pub fn line(reply: &Reply) -> String {
    serde_json::to_string(&JsonReply::from(reply)).expect("a reply always serializes")
}

/// The reply as a JSON value, for callers that add fields.
pub fn value(reply: &Reply) -> serde_json::Value {
    serde_json::to_value(JsonReply::from(reply)).expect("a reply always serializes")
}
