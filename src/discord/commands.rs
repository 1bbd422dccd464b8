//! Slash commands for members: `/ask`, `/topics`, `/topic`, `/quote`,
//! `/help`, `/about`. Each parses its options, calls the service, and
//! renders the reply with `embed`; poise's `post_command` logs each one.

use super::embed::{asked_embed, no_pings, note, reply_buttons, reply_embed, send_embed};
use super::{guild, Context, Error};
use crate::reply::{truncate_on_word, EMBED_DESCRIPTION_LIMIT};
use crate::service::Mode;
use poise::serenity_prelude as serenity;
use poise::CreateReply;

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
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[max_length = 1000]
    question: String,
    #[description = "Only you see the answer"] private: Option<bool>,
) -> Result<(), Error> {
    let reply = (ctx.data().service).ask(guild(ctx.guild_id()), &question, Mode::Asked);
    ctx.send(
        CreateReply::default()
            .embed(asked_embed(&reply, &question))
            .components(reply_buttons(&reply))
            .ephemeral(private.unwrap_or(false))
            .allowed_mentions(no_pings()),
    )
    .await?;
    Ok(())
}

/// List the topics I can answer
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn topics(ctx: Context<'_>) -> Result<(), Error> {
    let topics = ctx.data().service.topics(guild(ctx.guild_id()));
    let list: Vec<String> = topics.iter().map(|t| format!("• {}", t.title)).collect();
    let text = format!(
        "{}\n\nUse `/topic` to read one, or just `/ask` in your own words.",
        list.join("\n")
    );
    send_embed(ctx, note("What I can answer", &text), false).await?;
    Ok(())
}

/// Show one topic
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn topic(
    ctx: Context<'_>,
    #[description = "The topic's name"]
    #[autocomplete = "complete_topic"]
    #[max_length = 200]
    name: String,
) -> Result<(), Error> {
    match ctx.data().service.topic(guild(ctx.guild_id()), &name) {
        Some(reply) => {
            let message = CreateReply::default().embed(reply_embed(&reply));
            ctx.send(message.allowed_mentions(no_pings())).await?;
        }
        None => {
            let text = "I have no topic by that name. `/topics` lists them all.";
            send_embed(ctx, note("No such topic", text), true).await?;
        }
    }
    Ok(())
}

async fn complete_topic(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let topics = (ctx.data().service).complete_topic(guild(ctx.guild_id()), partial, 25);
    let choices = topics
        .into_iter()
        .map(|t| serenity::AutocompleteChoice::new(truncate_on_word(&t.title, 100), t.id))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// A verbatim quote from the article, with its source
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn quote(
    ctx: Context<'_>,
    #[description = "What the quote should be about"]
    #[max_length = 200]
    about: Option<String>,
) -> Result<(), Error> {
    let service = &ctx.data().service;
    let embed = match service.quote(guild(ctx.guild_id()), about.as_deref()) {
        Some(q) => note(&q.title, &q.body()).footer(serenity::CreateEmbedFooter::new(format!(
            "From {}",
            q.credit
        ))),
        None => note("No quotes", "There are no quotes to share."),
    };
    send_embed(ctx, embed, false).await?;
    Ok(())
}

/// How to use careerbot
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let text = "Ask me about back-end developer careers: what the job is, pay, languages, \
                databases, front-end vs back-end, skills, finding work.\n\n\
                `/ask question:` ask in your own words (add `private: True` to keep it to yourself)\n\
                `/topics` everything I can answer\n\
                `/topic name:` read one topic\n\
                `/quote about:` a quote from the article\n\
                `/about` where my answers come from\n\n\
                You can also mention me with a question.";
    send_embed(ctx, note("careerbot help", text), true).await?;
    Ok(())
}

/// What careerbot is and where its answers come from
#[poise::command(slash_command, check = "super::checks::cooldown")]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    let a = ctx.data().service.article();
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
    let text = truncate_on_word(&text, EMBED_DESCRIPTION_LIMIT);
    send_embed(ctx, note("About careerbot", &text), false).await?;
    Ok(())
}
