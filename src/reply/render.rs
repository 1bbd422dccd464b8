//! Markdown for a reply, cut to fit a limit without breaking words.

use super::Reply;
use crate::text::truncate_chars;

/// Discord's limit on a plain message's content.
pub const MESSAGE_LIMIT: usize = 2000;
/// Discord's limit on an embed's description.
pub const EMBED_DESCRIPTION_LIMIT: usize = 4096;
/// Discord's limit on all the text of one message's embeds together.
pub const EMBED_TOTAL_LIMIT: usize = 6000;

/// The reply as one Markdown message of at most `limit` characters. When the
/// whole does not fit, later quotes are dropped first, then the answer text is
/// cut at a word and marked with "…"; the title, the first quote and the
/// credit always stay.
pub fn render_markdown(reply: &Reply, limit: usize) -> String {
    let Some(answer) = &reply.answer else {
        let mut out = String::from("I don't know: the article I answer from doesn't cover that.");
        if !reply.suggestions.is_empty() {
            let titles: Vec<String> = reply
                .suggestions
                .iter()
                .map(|t| format!("**{}**", t.title))
                .collect();
            out.push_str(&format!(
                " Maybe you're asking about {}?",
                titles.join(", ")
            ));
        }
        out.push_str(" Try `/topics` to see what I can answer.");
        return truncate_on_word(&out, limit);
    };
    let head = format!("**{}**\n", answer.section.title);
    let credit = format!("\n_Source: {}_", reply.credit);
    let quote_block =
        |q: &super::QuoteRef| format!("\n> {}\n> — {}\n", q.text.replace('\n', " "), q.source);
    let mut quotes: Vec<String> = answer.quotes.iter().map(quote_block).collect();
    let len = |quotes: &[String], text: &str| {
        head.chars().count()
            + text.chars().count()
            + 1
            + quotes.iter().map(|q| q.chars().count()).sum::<usize>()
            + credit.chars().count()
    };
    while quotes.len() > 1 && len(&quotes, &answer.text) > limit {
        quotes.pop();
    }
    let room = limit.saturating_sub(len(&quotes, ""));
    let text = truncate_on_word(&answer.text, room);
    let out = format!("{head}{text}\n{}{credit}", quotes.concat());
    truncate_on_word(&out, limit)
}

/// `s` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn truncate_on_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let cut = truncate_chars(s, max - 1);
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Answer, QuoteRef, Topic};

    fn reply(text_len: usize, quotes: usize) -> Reply {
        Reply {
            answer: Some(Answer {
                section: Topic {
                    id: "s".into(),
                    title: "Title".into(),
                },
                text: "word ".repeat(text_len / 5),
                quotes: (0..quotes)
                    .map(|i| QuoteRef {
                        text: format!("quote {i} ").repeat(40),
                        source: "Src".into(),
                    })
                    .collect(),
            }),
            confidence: 0.9,
            suggestions: vec![],
            credit: "\"A\" by B (C)".into(),
        }
    }

    #[test]
    fn short_reply_is_whole() {
        let out = render_markdown(&reply(100, 2), MESSAGE_LIMIT);
        assert!(out.starts_with("**Title**\n"));
        assert_eq!(out.matches("> — Src").count(), 2);
        assert!(out.ends_with("_Source: \"A\" by B (C)_"));
        assert!(!out.contains('…'));
    }

    #[test]
    fn long_reply_fits_every_limit() {
        for limit in [MESSAGE_LIMIT, EMBED_DESCRIPTION_LIMIT, 500] {
            let out = render_markdown(&reply(20_000, 3), limit);
            assert!(
                out.chars().count() <= limit,
                "{} > {limit}",
                out.chars().count()
            );
            assert!(out.contains('…'));
            assert!(out.contains("> — Src"), "the first quote stays");
            assert!(out.contains("_Source:"), "the credit stays");
        }
    }

    #[test]
    fn quotes_are_dropped_before_the_answer_is_cut_to_nothing() {
        let out = render_markdown(&reply(1400, 3), 1500);
        assert!(out.chars().count() <= 1500);
        assert!(out.matches("> — Src").count() < 3);
    }

    #[test]
    fn decline_names_suggestions() {
        let r = Reply {
            answer: None,
            confidence: 0.1,
            suggestions: vec![Topic {
                id: "salary".into(),
                title: "Pay".into(),
            }],
            credit: String::new(),
        };
        let out = render_markdown(&r, MESSAGE_LIMIT);
        assert!(out.contains("I don't know"));
        assert!(out.contains("**Pay**"));
    }

    #[test]
    fn truncation_never_splits_characters() {
        assert_eq!(truncate_on_word("ééé ééé", 5), "ééé…");
        assert_eq!(truncate_on_word("abc", 3), "abc");
    }
}
