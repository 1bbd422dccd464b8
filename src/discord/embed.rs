//! Replies as Discord messages: the core's [`EmbedParts`] copied into an
//! embed, "Did you mean" buttons, and allowed mentions that ping nobody.

use crate::reply::{render_embed, truncate_on_word, Reply, Topic};
use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed, CreateEmbedFooter,
};

/// Prefix of the custom id of a "Did you mean" button; the section id follows.
pub const TOPIC_BUTTON: &str = "careerbot:topic:";
/// Prefix of the custom id of an "is it one of these?" button, under a reply
/// the engine was unsure of; the section id follows. A press answers and is
/// counted as a link candidate for the question.
pub const PICK_BUTTON: &str = "careerbot:pick:";
/// The embed field that carries the question of an unsure reply, so that a
/// press on one of its buttons knows what was asked.
pub const ASKED_FIELD: &str = "You asked";
/// Discord's limit on an embed field's value.
const FIELD_VALUE_LIMIT: usize = 1024;
/// Prefix of the custom id of a 👍/👎 button: `up:` or `down:`, then the section id.
pub const VOTE_BUTTON: &str = "careerbot:vote:";
/// Discord's limit on a button label.
const BUTTON_LABEL_LIMIT: usize = 80;
/// Discord's limit on a custom id.
const CUSTOM_ID_LIMIT: usize = 100;
const COLOUR_ANSWER: u32 = 0x2f7d5b;
const COLOUR_DECLINE: u32 = 0x8a8f98;

/// Allowed mentions for everything the bot sends: nobody, no role, not
/// @everyone, not even the author of a message it replies to.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

pub fn reply_embed(reply: &Reply) -> CreateEmbed {
    let parts = render_embed(reply);
    CreateEmbed::new()
        .title(parts.title)
        .description(parts.description)
        .footer(CreateEmbedFooter::new(parts.footer))
        .colour(if reply.answered() {
            COLOUR_ANSWER
        } else {
            COLOUR_DECLINE
        })
}

/// `reply_embed` for a reply to `question`: an unsure reply also shows the
/// question, which its buttons' presses read back (see `asked_question`).
pub fn asked_embed(reply: &Reply, question: &str) -> CreateEmbed {
    let embed = reply_embed(reply);
    if !reply.unsure {
        return embed;
    }
    let shown = truncate_on_word(question.trim(), FIELD_VALUE_LIMIT);
    embed.field(ASKED_FIELD, shown, false)
}

/// The question an unsure reply was for, from the message its button is on.
pub fn asked_question(message: &serenity::Message) -> Option<&str> {
    message
        .embeds
        .first()?
        .fields
        .iter()
        .find(|f| f.name == ASKED_FIELD)
        .map(|f| f.value.as_str())
}

/// The buttons under a reply: "Did you mean" for the suggested topics (the
/// choices themselves when the engine is unsure), and
/// 👍/👎 under an answer so members can tell moderators how it did.
pub fn reply_buttons(reply: &Reply) -> Vec<CreateActionRow> {
    let mut rows = Vec::new();
    let suggestions: Vec<CreateButton> = reply
        .suggestions
        .iter()
        .filter_map(|t| match reply.unsure {
            true => pick_button(t),
            false => topic_button(t),
        })
        .take(5)
        .collect();
    if !suggestions.is_empty() {
        rows.push(CreateActionRow::Buttons(suggestions));
    }
    if let Some(a) = &reply.answer {
        let vote = |dir: &str, emoji: char| {
            let id = format!("{VOTE_BUTTON}{dir}:{}", a.section.id);
            (id.len() <= CUSTOM_ID_LIMIT).then(|| {
                CreateButton::new(id)
                    .emoji(emoji)
                    .style(serenity::ButtonStyle::Secondary)
            })
        };
        let votes: Vec<CreateButton> = [vote("up", '👍'), vote("down", '👎')]
            .into_iter()
            .flatten()
            .collect();
        if !votes.is_empty() {
            rows.push(CreateActionRow::Buttons(votes));
        }
    }
    rows
}

fn topic_button(t: &Topic) -> Option<CreateButton> {
    let id = format!("{TOPIC_BUTTON}{}", t.id);
    (id.len() <= CUSTOM_ID_LIMIT).then(|| {
        CreateButton::new(id)
            .label(truncate_on_word(
                &format!("Did you mean: {}", t.title),
                BUTTON_LABEL_LIMIT,
            ))
            .style(serenity::ButtonStyle::Secondary)
    })
}

fn pick_button(t: &Topic) -> Option<CreateButton> {
    let id = format!("{PICK_BUTTON}{}", t.id);
    (id.len() <= CUSTOM_ID_LIMIT).then(|| {
        CreateButton::new(id)
            .label(truncate_on_word(&t.title, BUTTON_LABEL_LIMIT))
            .style(serenity::ButtonStyle::Primary)
    })
}

/// A short embed for notes (cooldowns, errors, help).
pub fn note(title: &str, text: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title(truncate_on_word(title, crate::reply::EMBED_TITLE_LIMIT))
        .description(truncate_on_word(
            text,
            crate::reply::EMBED_DESCRIPTION_LIMIT,
        ))
        .colour(COLOUR_DECLINE)
}

/// Sends `embed` as the reply to a command, pinging nobody; `private` makes
/// it visible to the invoker only.
pub async fn send_embed(
    ctx: super::Context<'_>,
    embed: CreateEmbed,
    private: bool,
) -> Result<(), serenity::Error> {
    ctx.send(
        poise::CreateReply::default()
            .embed(embed)
            .ephemeral(private)
            .allowed_mentions(no_pings()),
    )
    .await?;
    Ok(())
}

/// The response to a button press or form: a message only the presser sees.
pub fn private_response(
    message: serenity::CreateInteractionResponseMessage,
) -> serenity::CreateInteractionResponse {
    serenity::CreateInteractionResponse::Message(
        message.ephemeral(true).allowed_mentions(no_pings()),
    )
}
