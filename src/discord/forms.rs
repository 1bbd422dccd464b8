//! The forms (modals) `/kb new`, `/kb edit` and `/kb override` open, and
//! their submissions: checked again for permission, turned into an `Op`,
//! applied through the service.

use super::checks::{may_curate, moderators_only};
use super::embed::{no_pings, private_response};
use super::{Context, Data, Error};
use crate::curation::{Actor, CustomEntry, Op};
use crate::knowledge::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateInputText, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateModal, InputTextStyle, ModalInteraction,
};
use tracing::{info, warn};

/// Custom id prefixes of the forms `/kb` opens.
pub const NEW: &str = "careerbot:kb:new";
pub const EDIT: &str = "careerbot:kb:edit:";
pub const OVERRIDE: &str = "careerbot:kb:override:";

pub fn entry(custom_id: String, heading: &str, entry: Option<&CustomEntry>) -> CreateModal {
    let title = CreateInputText::new(InputTextStyle::Short, "Title", "title")
        .max_length(MAX_TITLE_CHARS as u16)
        .required(true);
    let text = CreateInputText::new(InputTextStyle::Paragraph, "Answer", "text")
        .max_length(MAX_TEXT_CHARS as u16)
        .required(true);
    let keywords = CreateInputText::new(
        InputTextStyle::Short,
        "Keywords, separated by commas",
        "keywords",
    )
    .max_length(1000)
    .required(true);
    let (title, text, keywords) = match entry {
        Some(e) => (
            title.value(e.title.clone()),
            text.value(e.text.clone()),
            keywords.value(e.keywords.join(", ")),
        ),
        None => (title, text, keywords),
    };
    CreateModal::new(custom_id, heading).components(vec![
        CreateActionRow::InputText(title),
        CreateActionRow::InputText(text),
        CreateActionRow::InputText(keywords),
    ])
}

pub async fn open(ctx: Context<'_>, modal: CreateModal) -> Result<(), Error> {
    let poise::Context::Application(a) = ctx else {
        return Ok(());
    };
    a.interaction
        .create_response(ctx.http(), CreateInteractionResponse::Modal(modal))
        .await?;
    Ok(())
}

/// A submitted `/kb` form: checked again for permission, then applied.
pub async fn on_submit(
    ctx: &serenity::Context,
    m: &ModalInteraction,
    data: &Data,
) -> Result<(), Error> {
    let id = m.data.custom_id.as_str();
    let respond = |embed| private_response(CreateInteractionResponseMessage::new().embed(embed));
    let field = |name: &str| -> String {
        let mut inputs = m
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter());
        inputs
            .find_map(|c| match c {
                serenity::ActionRowComponent::InputText(t) if t.custom_id == name => {
                    t.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    let entry = || CustomEntry::from_form(&field("title"), &field("text"), &field("keywords"));
    let op = if id == NEW {
        Op::CreateEntry {
            id: String::new(),
            entry: entry(),
        }
    } else if let Some(entry_id) = id.strip_prefix(EDIT) {
        Op::EditEntry {
            id: entry_id.to_string(),
            entry: entry(),
        }
    } else if let Some(section) = id.strip_prefix(OVERRIDE) {
        Op::OverrideText {
            section: section.to_string(),
            text: field("text"),
        }
    } else {
        warn!(form = id, "a form this version does not know");
        m.create_response(&ctx.http, respond(super::malformed_note()))
            .await?;
        return Ok(());
    };
    let allowed = m.guild_id.is_some()
        && (m.member.as_ref()).is_some_and(|mem| may_curate(mem.permissions, &mem.roles, data));
    if !allowed {
        warn!(
            user = m.user.id.get(),
            guild = m.guild_id.map(|g| g.get()),
            form = id,
            "refused a /kb form from a member who may not curate"
        );
        m.create_response(&ctx.http, respond(moderators_only()))
            .await?;
        return Ok(());
    }
    let guild = m.guild_id.map_or(0, |g| g.get());
    let actor = Actor {
        id: m.user.id.get(),
        name: m.user.name.clone(),
    };
    // Acknowledged first: the write may wait on another process's lock.
    m.defer_ephemeral(&ctx.http).await?;
    let result = data.service.curate(guild, &actor, op).await;
    let edit = serenity::EditInteractionResponse::new()
        .embed(super::kb::outcome("Done", &result))
        .allowed_mentions(no_pings());
    m.edit_response(&ctx.http, edit).await?;
    info!(form = id, guild, ok = result.is_ok(), "curation form");
    Ok(())
}
