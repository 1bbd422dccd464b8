//! Slash commands for members: `/ask`, `/topics`, `/topic`, `/quote`,
//! `/help`, `/about`. Each parses its options, calls the engine, and renders
//! the reply with `embed`.

use super::embed::{asked_embed, no_pings, note, reply_buttons, reply_embed, send_embed};
use super::{Context, Error};
use crate::reply::{truncate_on_word, EMBED_DESCRIPTION_LIMIT};
use poise::serenity_prelude as serenity;
use poise::CreateReply;
use std::time::Instant;
use tracing::info;

/// Every member command, for registration.
pub fn all() -> Vec<poise::Command<super::Data, Error>> {
    vec![
        ask(),
        topics(),
        topic(),
        quote(),
        help(),
        about(),
        super::kb::kb(),
    ]
}

/// Ask a question about back-end developer careers
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[max_length = 1000]
    question: String,
    #[description = "Only you see the answer"] private: Option<bool>,
) -> Result<(), Error> {
    let started = Instant::now();
    let engine = ctx.data().engine(ctx.guild_id());
    let reply = engine.ask(&question);
    if !reply.answered() {
        ctx.data().note_declined(ctx.guild_id(), &question);
    }
    ctx.send(
        CreateReply::default()
            .embed(asked_embed(&reply, &question))
            .components(reply_buttons(&reply))
            .ephemeral(private.unwrap_or(false))
            .allowed_mentions(no_pings()),
    )
    .await?;
    let section = reply.answer.as_ref().map_or("-", |a| a.section.id.as_str());
    log_answer(ctx, "ask", section, started);
    Ok(())
}

/// List the topics I can answer
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn topics(ctx: Context<'_>) -> Result<(), Error> {
    let started = Instant::now();
    let engine = ctx.data().engine(ctx.guild_id());
    let list: Vec<String> = engine
        .topics()
        .iter()
        .map(|t| format!("• {}", t.title))
        .collect();
    let text = format!(
        "{}\n\nUse `/topic` to read one, or just `/ask` in your own words.",
        list.join("\n")
    );
    send_embed(ctx, note("What I can answer", &text), false).await?;
    log_answer(ctx, "topics", "-", started);
    Ok(())
}

/// Show one topic
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn topic(
    ctx: Context<'_>,
    #[description = "The topic's name"]
    #[autocomplete = "complete_topic"]
    #[max_length = 200]
    name: String,
) -> Result<(), Error> {
    let started = Instant::now();
    let engine = ctx.data().engine(ctx.guild_id());
    match engine
        .find_topic(&name)
        .and_then(|s| engine.section_reply(&s.id))
    {
        Some(reply) => {
            ctx.send(
                CreateReply::default()
                    .embed(reply_embed(&reply))
                    .allowed_mentions(no_pings()),
            )
            .await?;
            log_answer(
                ctx,
                "topic",
                reply.answer.as_ref().map_or("-", |a| a.section.id.as_str()),
                started,
            );
        }
        None => {
            let text = "I have no topic by that name. `/topics` lists them all.";
            send_embed(ctx, note("No such topic", text), true).await?;
        }
    }
    Ok(())
}

async fn complete_topic(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine(ctx.guild_id());
    let choices = engine
        .complete_topic(partial, 25)
        .into_iter()
        .map(|t| serenity::AutocompleteChoice::new(truncate_on_word(&t.title, 100), t.id))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// A verbatim quote from the article, with its source
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn quote(
    ctx: Context<'_>,
    #[description = "What the quote should be about"]
    #[max_length = 200]
    about: Option<String>,
) -> Result<(), Error> {
    let started = Instant::now();
    let engine = ctx.data().engine(ctx.guild_id());
    let nth = ctx.data().next_quote();
    match engine.quote(about.as_deref(), nth) {
        Some(p) => {
            let (q, section) = (p.quote, p.section);
            let preface = p
                .preface(about.as_deref())
                .map(|s| s + "\n\n")
                .unwrap_or_default();
            let text = format!("{preface}> {}\n— *{}*", q.text, q.source);
            let embed = note(&section.title, &text).footer(serenity::CreateEmbedFooter::new(
                format!("From {}", engine.knowledge().article.credit()),
            ));
            send_embed(ctx, embed, false).await?;
            log_answer(ctx, "quote", &section.id, started);
        }
        None => {
            send_embed(
                ctx,
                note("No quotes", "There are no quotes to share."),
                true,
            )
            .await?
        }
    }
    Ok(())
}

/// How to use careerbot
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let started = Instant::now();
    let text = "Ask me about back-end developer careers: what the job is, pay, languages, \
                databases, front-end vs back-end, skills, finding work.\n\n\
                `/ask question:` ask in your own words (add `private: True` to keep it to yourself)\n\
                `/topics` everything I can answer\n\
                `/topic name:` read one topic\n\
                `/quote about:` a quote from the article\n\
                `/about` where my answers come from\n\n\
                You can also mention me with a question.";
    send_embed(ctx, note("careerbot help", text), true).await?;
    log_answer(ctx, "help", "-", started);
    Ok(())
}

/// What careerbot is and where its answers come from
#[poise::command(slash_command, check = "super::cooldown_check")]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    let started = Instant::now();
    let engine = ctx.data().engine(ctx.guild_id());
    let a = &engine.knowledge().article;
    let text = format!(
        "I answer questions about back-end developer careers from one article, quoting it \
         word for word, and I say so when it doesn't cover something.\n\n\
         **{}**\nby {}, {}{}",
        a.title,
        a.author,
        a.date,
        a.url
            .as_deref()
            .map(|u| format!("\n{u}"))
            .unwrap_or_default()
    );
    send_embed(
        ctx,
        note(
            "About careerbot",
            &truncate_on_word(&text, EMBED_DESCRIPTION_LIMIT),
        ),
        false,
    )
    .await?;
    log_answer(ctx, "about", "-", started);
    Ok(())
}

/// The one log line each answered interaction gets.
fn log_answer(ctx: Context<'_>, command: &str, section: &str, started: Instant) {
    info!(
        command,
        guild = ctx.guild_id().map(|g| g.get()),
        section,
        latency_us = started.elapsed().as_micros() as u64,
        "answered"
    );
}
