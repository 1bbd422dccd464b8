//! Replies as Discord messages: the core's [`EmbedParts`] copied into an
//! embed, "Did you mean" buttons, and allowed mentions that ping nobody.

use crate::reply::{render_embed, truncate_on_word, Reply, Topic};
use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed, CreateEmbedFooter,
};

/// Prefix of the custom id of a "Did you mean" button; the section id follows.
pub const TOPIC_BUTTON: &str = "careerbot:topic:";
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

/// One row of buttons for the suggested topics, if there are any.
pub fn suggestion_buttons(reply: &Reply) -> Vec<CreateActionRow> {
    let buttons: Vec<CreateButton> = reply
        .suggestions
        .iter()
        .filter_map(topic_button)
        .take(5)
        .collect();
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
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
