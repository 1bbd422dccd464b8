//! Gateway events beyond slash commands: mentions ("@careerbot how much do
//! backend devs make?"), questions in help channels, and "Did you mean"
//! button presses.

use super::embed::{
    asked_embed, asked_question, no_pings, note, private_response, reply_buttons, reply_embed,
    PICK_BUTTON, TOPIC_BUTTON, VOTE_BUTTON,
};
use super::{Data, Error};
use crate::engine::reads_as_question;
use crate::service::Mode;
use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateMessage, FullEvent, Interaction, Message, UserId,
};
use std::time::Instant;
use tracing::{debug, info, warn};

pub async fn handle(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    match event {
        FullEvent::Message { new_message } => {
            on_message(ctx, new_message, framework.bot_id(), data).await
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(press),
        } => on_button(ctx, press, data).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Modal(form),
        } => super::forms::on_submit(ctx, form, data).await,
        FullEvent::Resume { .. } => {
            info!("gateway session resumed");
            Ok(())
        }
        FullEvent::ShardStageUpdate { event } => {
            debug!(old = ?event.old, new = ?event.new, "shard stage");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The question in a message that mentions the bot, without the mention.
fn strip_mention(content: &str, bot: UserId) -> String {
    content
        .replace(&format!("<@{bot}>"), " ")
        .replace(&format!("<@!{bot}>"), " ")
        .trim()
        .to_string()
}

async fn on_message(
    ctx: &serenity::Context,
    msg: &Message,
    bot: UserId,
    data: &Data,
) -> Result<(), Error> {
    if msg.author.bot || msg.author.id == bot || msg.webhook_id.is_some() {
        return Ok(());
    }
    let mentioned = msg.mentions.iter().any(|u| u.id == bot)
        || msg.content.contains(&format!("<@{bot}>"))
        || msg.content.contains(&format!("<@!{bot}>"));
    let started = Instant::now();
    let g = super::guild(msg.guild_id);
    if mentioned {
        let question = strip_mention(&msg.content, bot);
        if let Err(wait) = data.cooldowns.try_use(msg.author.id.get()) {
            debug!(
                user = msg.author.id.get(),
                ?wait,
                "mention during cooldown ignored"
            );
            return Ok(());
        }
        let message = if question.is_empty() {
            CreateMessage::new().embed(note(
                "Ask me something",
                "Mention me with a question, like: how much do backend devs make? Or use `/help`.",
            ))
        } else {
            let reply = data.service.ask(g, &question, Mode::Asked);
            CreateMessage::new()
                .embed(asked_embed(&reply, &question))
                .components(reply_buttons(&reply))
        };
        msg.channel_id
            .send_message(
                &ctx.http,
                message.reference_message(msg).allowed_mentions(no_pings()),
            )
            .await?;
        info!(
            command = "mention",
            guild = msg.guild_id.map(|g| g.get()),
            latency_us = started.elapsed().as_micros() as u64,
            "answered"
        );
        return Ok(());
    }
    if data.is_help_channel(msg.channel_id.get()) && reads_as_question(&msg.content) {
        // The service never answers these more laxly than `/ask`.
        let mode = Mode::Unprompted {
            threshold: data.help_confidence,
        };
        let reply = data.service.ask(g, &msg.content, mode);
        let Some(answer) = &reply.answer else {
            debug!(
                confidence = reply.confidence,
                "help-channel question not confident enough; staying quiet"
            );
            return Ok(());
        };
        if data.cooldowns.try_use(msg.author.id.get()).is_err() {
            return Ok(());
        }
        msg.channel_id
            .send_message(
                &ctx.http,
                CreateMessage::new()
                    .embed(reply_embed(&reply))
                    .components(reply_buttons(&reply))
                    .reference_message(msg)
                    .allowed_mentions(no_pings()),
            )
            .await?;
        info!(
            command = "help-channel",
            guild = msg.guild_id.map(|g| g.get()),
            section = answer.section.id.as_str(),
            confidence = reply.confidence,
            latency_us = started.elapsed().as_micros() as u64,
            "answered"
        );
    }
    Ok(())
}

async fn on_button(
    ctx: &serenity::Context,
    press: &ComponentInteraction,
    data: &Data,
) -> Result<(), Error> {
    if let Some(vote) = press.data.custom_id.strip_prefix(VOTE_BUTTON) {
        return on_vote(ctx, press, vote, data).await;
    }
    let picked = press.data.custom_id.strip_prefix(PICK_BUTTON);
    let Some(id) = picked.or_else(|| press.data.custom_id.strip_prefix(TOPIC_BUTTON)) else {
        return answer_malformed(ctx, press).await;
    };
    let started = Instant::now();
    let g = super::guild(press.guild_id);
    let message = match data.cooldowns.try_use(press.user.id.get()) {
        Err(wait) => CreateInteractionResponseMessage::new().embed(super::cooldown_note(wait)),
        // A pick after "is it one of these?" says which section the question
        // meant: the service counts it as a link candidate.
        Ok(()) => {
            let reply = match (picked, asked_question(&press.message)) {
                (Some(_), Some(question)) => data.service.pick(g, question, id),
                _ => data.service.section(g, id),
            };
            CreateInteractionResponseMessage::new().embed(match reply {
                Some(reply) => reply_embed(&reply),
                None => note(
                    "That topic is gone",
                    "It was removed since. `/topics` lists what there is now.",
                ),
            })
        }
    };
    press
        .create_response(
            &ctx.http,
            CreateInteractionResponse::Message(
                message.ephemeral(true).allowed_mentions(no_pings()),
            ),
        )
        .await?;
    info!(
        command = if picked.is_some() {
            "pick"
        } else {
            "did-you-mean"
        },
        guild = press.guild_id.map(|g| g.get()),
        section = id,
        latency_us = started.elapsed().as_micros() as u64,
        "answered"
    );
    Ok(())
}

/// A 👍 or 👎 on an answer: stored once per member per answer message.
async fn on_vote(
    ctx: &serenity::Context,
    press: &ComponentInteraction,
    vote: &str,
    data: &Data,
) -> Result<(), Error> {
    let (up, section) = match vote.split_once(':') {
        Some(("up", s)) => (true, s),
        Some(("down", s)) => (false, s),
        _ => return answer_malformed(ctx, press).await,
    };
    let text = match press.guild_id {
        Some(g) => match data
            .service
            .vote(
                g.get(),
                press.message.id.get(),
                section,
                press.user.id.get(),
                up,
            )
            .await
        {
            Ok(()) if up => "Thanks! Glad it helped.",
            Ok(()) => "Thanks. The moderators will see this answer needs work.",
            Err(e) => {
                warn!(error = %crate::error_chain(&e), "could not store a vote");
                "Sorry, I couldn't record that just now."
            }
        },
        None => "Votes count in servers only.",
    };
    press
        .create_response(
            &ctx.http,
            private_response(CreateInteractionResponseMessage::new().content(text)),
        )
        .await?;
    info!(
        command = "vote",
        guild = press.guild_id.map(|g| g.get()),
        section,
        up,
        "answered"
    );
    Ok(())
}

/// A button this version did not make (an old message, a crafted press):
/// answered privately and logged, so the member is not left waiting.
async fn answer_malformed(
    ctx: &serenity::Context,
    press: &ComponentInteraction,
) -> Result<(), Error> {
    warn!(
        custom_id = press.data.custom_id.as_str(),
        user = press.user.id.get(),
        "a button this version does not know"
    );
    press
        .create_response(
            &ctx.http,
            private_response(
                CreateInteractionResponseMessage::new().embed(super::malformed_note()),
            ),
        )
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_is_stripped_in_both_forms() {
        let bot = UserId::new(42);
        assert_eq!(strip_mention("<@42> how much?", bot), "how much?");
        assert_eq!(
            strip_mention("hey <@!42>   what is it", bot),
            "hey     what is it".trim()
        );
        assert_eq!(strip_mention("<@42>", bot), "");
    }
}
