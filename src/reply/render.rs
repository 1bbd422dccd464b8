//! Markdown for a reply, cut to fit a limit without breaking words.

use super::Reply;
use crate::text::truncate_chars;

/// Discord's limit on a plain message's content.
pub const MESSAGE_LIMIT: usize = 2000;
/// Discord's limit on an embed's description.
pub const EMBED_DESCRIPTION_LIMIT: usize = 4096;
/// Discord's limit on all the text of one message's embeds together.
pub const EMBED_TOTAL_LIMIT: usize = 6000;

/// The reply as one Markdown message of at most `limit` characters: title,
/// text, the section's notes, the quotes that do not repeat the text, credit.
/// When the whole does not fit, later quotes are dropped first, then the
/// answer text is cut at a word and marked with "…"; the title, the notes,
/// the first quote and the credit always stay.
pub fn render_markdown(reply: &Reply, limit: usize) -> String {
    let Some(answer) = &reply.answer else {
        if reply.unsure {
            let mut out = String::from("I'm not sure I understood. Is it one of these?");
            for (i, t) in reply.suggestions.iter().enumerate() {
                out.push_str(&format!("\n{}. **{}**", i + 1, t.title));
            }
            return truncate_on_word(&out, limit);
        }
        let mut out = String::from("I don't know: the article I answer from doesn't cover that.");
        if !reply.suggestions.is_empty() {
            let titles: Vec<String> = reply
                .suggestions
                .iter()
                .map(|t| format!("**{}**", t.title))
                .collect();
            // A colon and a full stop: the titles may end with their own
            // question mark ("Is back-end development a good career?").
            out.push_str(&format!(
                " Maybe you're asking about one of these: {}.",
                titles.join(", ")
            ));
        }
        out.push_str(" Try `/topics` to see what I can answer.");
        return truncate_on_word(&out, limit);
    };
    let head = format!("**{}**\n", answer.section.title);
    let notes: String = answer.notes().map(|n| format!("\n_Note: {n}_\n")).collect();
    let credit = format!("\n_{}_", reply.credit.line("Source:"));
    let quote_block =
        |q: &super::QuoteRef| format!("\n> {}\n> — {}\n", q.text.replace('\n', " "), q.source);
    let mut quotes: Vec<String> = answer.fresh_quotes().map(quote_block).collect();
    let len = |quotes: &[String], text: &str| {
        head.chars().count()
            + text.chars().count()
            + 1
            + notes.chars().count()
            + quotes.iter().map(|q| q.chars().count()).sum::<usize>()
            + credit.chars().count()
    };
    while quotes.len() > 1 && len(&quotes, &answer.text) > limit {
        quotes.pop();
    }
    let room = limit.saturating_sub(len(&quotes, ""));
    let text = truncate_on_word(&answer.text, room);
    let out = format!("{head}{text}\n{notes}{}{credit}", quotes.concat());
    truncate_on_word(&out, limit)
}

/// A reply laid out for a rich embed: the Discord adapter only copies these
/// fields into its builder, so the limits are kept here, in the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedParts {
    /// At most 256 characters.
    pub title: String,
    /// The answer and its quotes as block quotes; at most 4,096 characters.
    pub description: String,
    /// The credit ([`super::Credit::line`]); at most 2,048 characters.
    pub footer: String,
}

/// Discord's limit on an embed title.
pub const EMBED_TITLE_LIMIT: usize = 256;
/// Discord's limit on an embed footer.
pub const EMBED_FOOTER_LIMIT: usize = 2048;

/// The reply as an embed: the section title as the title, the answer and
/// quotes as the description, the credit in the footer. A decline gets a kind
/// title and names the suggested topics. Fits Discord's embed limits, so the
/// three parts together stay under the 6,000-character total as well.
pub fn render_embed(reply: &Reply) -> EmbedParts {
    let footer = truncate_on_word(&reply.credit.line("From"), EMBED_FOOTER_LIMIT);
    let Some(answer) = &reply.answer else {
        if reply.unsure {
            let mut description = String::from("Is it one of these? Pick one below.");
            for t in &reply.suggestions {
                description.push_str(&format!("\n• {}", t.title));
            }
            return EmbedParts {
                title: "I'm not sure I understood".into(),
                description: truncate_on_word(&description, EMBED_DESCRIPTION_LIMIT),
                footer,
            };
        }
        let mut description = String::from(
            "The article I answer from doesn't cover that, and I'd rather say so than guess.",
        );
        if !reply.suggestions.is_empty() {
            description.push_str("\n\nMaybe one of these topics helps:");
            for t in &reply.suggestions {
                description.push_str(&format!("\n• {}", t.title));
            }
        }
        description.push_str("\n\nUse `/topics` to see everything I can answer.");
        return EmbedParts {
            title: "I don't know that one".into(),
            description: truncate_on_word(&description, EMBED_DESCRIPTION_LIMIT),
            footer,
        };
    };
    let notes: String = answer.notes().map(|n| format!("\n\n_Note: {n}_")).collect();
    let quotes: Vec<String> = answer
        .fresh_quotes()
        .map(|q| format!("\n\n> {}\n— *{}*", q.text.replace('\n', " "), q.source))
        .collect();
    let mut kept = quotes.len();
    let size = |kept: usize| {
        notes.chars().count()
            + quotes[..kept]
                .iter()
                .map(|q| q.chars().count())
                .sum::<usize>()
    };
    while kept > 1 && answer.text.chars().count() + size(kept) > EMBED_DESCRIPTION_LIMIT {
        kept -= 1;
    }
    let room = EMBED_DESCRIPTION_LIMIT.saturating_sub(size(kept));
    let description = format!(
        "{}{notes}{}",
        truncate_on_word(&answer.text, room),
        quotes[..kept].concat()
    );
    let title = truncate_on_word(&answer.section.title, EMBED_TITLE_LIMIT);
    let description = truncate_on_word(&description, EMBED_DESCRIPTION_LIMIT);
    // The footer gives way last, so the whole embed stays within 6,000.
    let left = EMBED_TOTAL_LIMIT - title.chars().count() - description.chars().count();
    let footer = truncate_on_word(&footer, left);
    EmbedParts {
        title,
        description,
        footer,
    }
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
    use crate::knowledge::Origin;
    use crate::reply::{Answer, Credit, QuoteRef, Topic};

    const ARTICLE: &str = "\"A\" by B (C)";

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
                note: None,
                scope: None,
            }),
            confidence: 0.9,
            suggestions: vec![],
            unsure: false,
            credit: Credit::Article(ARTICLE.into()),
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
            unsure: false,
            credit: Credit::Article(String::new()),
        };
        let out = render_markdown(&r, MESSAGE_LIMIT);
        assert!(out.contains("I don't know"));
        assert!(out.contains("**Pay**"));
        // A title's own question mark is not doubled.
        let mut asked = r.clone();
        asked.suggestions[0].title = "Is it a good career?".into();
        let out = render_markdown(&asked, MESSAGE_LIMIT);
        assert!(out.contains("**Is it a good career?**."), "{out}");
        assert!(!out.contains("?**?"), "{out}");
    }

    #[test]
    fn embed_fits_discord_limits() {
        let mut r = reply(20_000, 3);
        r.answer.as_mut().unwrap().section.title = "T".repeat(400);
        r.credit = Credit::Article("c".repeat(3000));
        let e = render_embed(&r);
        assert!(e.title.chars().count() <= EMBED_TITLE_LIMIT);
        assert!(e.description.chars().count() <= EMBED_DESCRIPTION_LIMIT);
        assert!(e.footer.chars().count() <= EMBED_FOOTER_LIMIT);
        assert!(
            e.title.chars().count() + e.description.chars().count() + e.footer.chars().count()
                <= EMBED_TOTAL_LIMIT
        );
        assert!(e.description.contains("— *Src*"));
    }

    #[test]
    fn embed_of_a_short_answer_has_every_quote() {
        let e = render_embed(&reply(100, 3));
        assert_eq!(e.title, "Title");
        assert_eq!(e.description.matches("> quote").count(), 3);
        assert!(e.footer.starts_with("From "));
    }

    /// `reply(..)` with its credit drawn from a section of `origin`.
    fn reply_from(origin: Origin, quotes: usize) -> Reply {
        let mut r = reply(100, quotes);
        r.credit = Credit::for_answer(origin, r.answer.as_ref().unwrap(), ARTICLE.into());
        r
    }

    #[test]
    fn the_articles_words_credit_the_article() {
        let r = reply_from(Origin::Article, 2);
        assert_eq!(r.credit, Credit::Article(ARTICLE.into()));
        assert!(render_markdown(&r, MESSAGE_LIMIT).ends_with("_Source: \"A\" by B (C)_"));
        assert_eq!(render_embed(&r).footer, "From \"A\" by B (C)");
    }

    #[test]
    fn overridden_text_credits_the_moderators_and_its_quotes_the_article() {
        let r = reply_from(Origin::Overridden, 2);
        let out = render_markdown(&r, MESSAGE_LIMIT);
        assert!(
            out.ends_with(
                "_Answer written by this server's moderators; the quotes are from \"A\" by B (C)_"
            ),
            "{out}"
        );
        assert!(!out.contains("Source:"), "{out}");
        assert_eq!(
            out.matches("> — Src").count(),
            2,
            "each quote keeps its source"
        );
        let e = render_embed(&r);
        assert_eq!(
            e.footer,
            "Answer written by this server's moderators; the quotes are from \"A\" by B (C)"
        );
        assert_eq!(e.description.matches("— *Src*").count(), 2);
    }

    #[test]
    fn moderators_text_without_quotes_does_not_name_the_article() {
        for origin in [Origin::Server, Origin::Overridden] {
            let r = reply_from(origin, 0);
            assert_eq!(r.credit, Credit::Moderators { quotes_from: None });
            let out = render_markdown(&r, MESSAGE_LIMIT);
            assert!(
                out.ends_with("_Answer written by this server's moderators, not the article_"),
                "{out}"
            );
            assert!(!out.contains("by B"), "{out}");
            assert_eq!(
                render_embed(&r).footer,
                "Answer written by this server's moderators, not the article"
            );
        }
    }

    #[test]
    fn quotes_the_text_already_shows_are_not_credited_to_the_article() {
        // The moderators' text repeats the only quote, so no quote is shown
        // and the article is not named for one.
        let mut r = reply(100, 0);
        let answer = r.answer.as_mut().unwrap();
        answer.text = "They said it well. Backend work is steady and well paid.".into();
        answer.quotes = vec![QuoteRef {
            text: "Backend work is steady and well paid.".into(),
            source: "Src".into(),
        }];
        let credit = Credit::for_answer(Origin::Overridden, answer, ARTICLE.into());
        assert_eq!(credit, Credit::Moderators { quotes_from: None });
    }

    #[test]
    fn truncation_never_splits_characters() {
        assert_eq!(truncate_on_word("ééé ééé", 5), "ééé…");
        assert_eq!(truncate_on_word("abc", 3), "abc");
    }
}
