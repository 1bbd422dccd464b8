//! `/kb`: moderator curation from Discord. Registered with Manage Server as
//! the default member permission so ordinary members do not see it, and
//! checked again on every interaction (a crafted one from a non-moderator is
//! refused and logged). Entry texts come through modals, whose submissions
//! are handled in `events` with the same check.

use super::embed::{no_pings, note, private_response, send_embed};
use super::{Context, Data, Error};
use crate::curation::{Actor, CurationError, CustomEntry, Op};
use crate::reply::{truncate_on_word, EMBED_DESCRIPTION_LIMIT};
use poise::serenity_prelude as serenity;
use poise::CreateReply;
use serenity::{
    CreateActionRow, CreateAttachment, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateModal, InputTextStyle, ModalInteraction, Permissions,
};
use std::time::Instant;
use tracing::{info, warn};

/// Custom id prefixes of the modals `/kb` opens.
pub const MODAL_NEW: &str = "careerbot:kb:new";
pub const MODAL_EDIT: &str = "careerbot:kb:edit:";
pub const MODAL_OVERRIDE: &str = "careerbot:kb:override:";
/// Largest curation file `/kb import` reads.
const MAX_IMPORT_BYTES: u32 = 1024 * 1024;

/// Whether a member may curate: Manage Server (or Administrator), or one of
/// the configured moderator roles.
pub fn may_curate(
    permissions: Option<Permissions>,
    roles: &[serenity::RoleId],
    data: &Data,
) -> bool {
    permissions.is_some_and(|p| p.manage_guild() || p.administrator())
        || roles
            .iter()
            .any(|r| data.moderator_roles.contains(&r.get()))
}

async fn is_moderator(ctx: Context<'_>) -> Result<bool, Error> {
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref().cloned(),
        poise::Context::Prefix(_) => None,
    };
    let allowed = ctx.guild_id().is_some()
        && member
            .as_ref()
            .is_some_and(|m| may_curate(m.permissions, &m.roles, ctx.data()));
    if !allowed {
        warn!(
            user = ctx.author().id.get(),
            guild = ctx.guild_id().map(|g| g.get()),
            command = %ctx.command().qualified_name,
            "refused a /kb command from a member who may not curate"
        );
        let embed = note(
            "Moderators only",
            "Only this server's moderators can change its answers.",
        );
        send_embed(ctx, embed, true).await?;
    }
    Ok(allowed)
}

fn actor(ctx: Context<'_>) -> Actor {
    Actor {
        id: ctx.author().id.get(),
        name: ctx.author().name.clone(),
    }
}

fn guild(ctx: Context<'_>) -> u64 {
    ctx.guild_id().map_or(0, |g| g.get())
}

/// Curate this server's answers
///
/// The moderator check runs on each subcommand (it answers the refusal
/// itself, so it must run once per invocation).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    subcommands(
        "add_keyword",
        "remove_keyword",
        "add_question",
        "remove_question",
        "link",
        "new",
        "edit",
        "override_text",
        "reset_text",
        "hide",
        "unhide",
        "report",
        "history",
        "undo",
        "export",
        "import"
    )
)]
pub async fn kb(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

async fn complete_section(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine(ctx.guild_id());
    let choices = engine
        .complete_topic(partial, 25)
        .into_iter()
        .map(|t| {
            serenity::AutocompleteChoice::new(
                truncate_on_word(&format!("{} ({})", t.title, t.id), 100),
                t.id,
            )
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

async fn complete_entry(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let overlay = ctx.data().curator.overlay(guild(ctx));
    let lower = partial.to_lowercase();
    let choices = overlay
        .custom
        .iter()
        .filter(|(id, e)| id.contains(&lower) || e.title.to_lowercase().contains(&lower))
        .take(25)
        .map(|(id, e)| {
            serenity::AutocompleteChoice::new(truncate_on_word(&e.title, 100), id.clone())
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Acknowledges a command before a write: the write may wait up to the busy
/// timeout on another process's lock, longer than the 3 s Discord gives
/// for a first response. The answer then edits the acknowledgement.
async fn defer(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    Ok(())
}

/// The answer to a deferred command: it replaces the "thinking" reply.
async fn edit_deferred(ctx: Context<'_>, embed: serenity::CreateEmbed) -> Result<(), Error> {
    let poise::Context::Application(a) = ctx else {
        return Ok(());
    };
    a.interaction
        .edit_response(
            ctx.http(),
            serenity::EditInteractionResponse::new()
                .embed(embed)
                .allowed_mentions(no_pings()),
        )
        .await?;
    Ok(())
}

/// Applies an op and answers the moderator (only they see it).
async fn apply(ctx: Context<'_>, op: Op, done: String) -> Result<(), Error> {
    let started = Instant::now();
    defer(ctx).await?;
    let result = ctx.data().curator.apply(guild(ctx), &actor(ctx), op).await;
    let embed = match &result {
        Ok(id) => note(
            "Done",
            &format!(
                "{done} (change #{id}). It applies to the next question; `/kb undo` reverts it."
            ),
        ),
        Err(e) => refusal(e),
    };
    edit_deferred(ctx, embed).await?;
    info!(
        command = %ctx.command().qualified_name,
        guild = guild(ctx),
        ok = result.is_ok(),
        latency_us = started.elapsed().as_micros() as u64,
        "curation"
    );
    Ok(())
}

pub fn refusal(e: &CurationError) -> serenity::CreateEmbed {
    match e {
        CurationError::Invalid(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("• {p}")).collect();
            note("Nothing was changed", &list.join("\n"))
        }
        CurationError::Storage(_) | CurationError::Missing(_) | CurationError::TooNew { .. } => {
            note(
                "Nothing was changed",
                "The change could not be stored; please try again.",
            )
        }
    }
}

/// Teach the matcher a keyword for a section
#[poise::command(slash_command, rename = "add-keyword", check = "is_moderator")]
async fn add_keyword(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "A word or phrase people use"]
    #[max_length = 100]
    keyword: String,
) -> Result<(), Error> {
    let done = format!("Added the keyword \"{keyword}\" to `{section}`");
    apply(
        ctx,
        Op::AddKeyword {
            section,
            keyword: keyword.trim().to_string(),
        },
        done,
    )
    .await
}

/// Remove a keyword from a section
#[poise::command(slash_command, rename = "remove-keyword", check = "is_moderator")]
async fn remove_keyword(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "The keyword"]
    #[max_length = 100]
    keyword: String,
) -> Result<(), Error> {
    let done = format!("Removed the keyword \"{keyword}\" from `{section}`");
    apply(
        ctx,
        Op::RemoveKeyword {
            section,
            keyword: keyword.trim().to_string(),
        },
        done,
    )
    .await
}

/// Add a sample question to a section
#[poise::command(slash_command, rename = "add-question", check = "is_moderator")]
async fn add_question(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "A question as people ask it"]
    #[max_length = 300]
    question: String,
) -> Result<(), Error> {
    let done = format!("Added the sample question \"{question}\" to `{section}`");
    apply(
        ctx,
        Op::AddQuestion {
            section,
            question: question.trim().to_string(),
        },
        done,
    )
    .await
}

/// Remove a sample question from a section
#[poise::command(slash_command, rename = "remove-question", check = "is_moderator")]
async fn remove_question(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "The sample question"]
    #[max_length = 300]
    question: String,
) -> Result<(), Error> {
    let done = format!("Removed the sample question \"{question}\" from `{section}`");
    apply(
        ctx,
        Op::RemoveQuestion {
            section,
            question: question.trim().to_string(),
        },
        done,
    )
    .await
}

/// Link a question the bot declined or got wrong to the right section
#[poise::command(slash_command, check = "is_moderator")]
async fn link(
    ctx: Context<'_>,
    #[description = "The question, as it was asked"]
    #[max_length = 300]
    question: String,
    #[description = "The section that answers it"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    let done = format!("Linked \"{question}\" to `{section}`");
    apply(
        ctx,
        Op::LinkQuestion {
            section,
            question: question.trim().to_string(),
        },
        done,
    )
    .await
}

fn entry_modal(custom_id: String, heading: &str, entry: Option<&CustomEntry>) -> CreateModal {
    let title = CreateInputText::new(InputTextStyle::Short, "Title", "title")
        .max_length(256)
        .required(true);
    let text = CreateInputText::new(InputTextStyle::Paragraph, "Answer", "text")
        .max_length(3000)
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

async fn open_modal(ctx: Context<'_>, modal: CreateModal) -> Result<(), Error> {
    let poise::Context::Application(a) = ctx else {
        return Ok(());
    };
    a.interaction
        .create_response(ctx.http(), CreateInteractionResponse::Modal(modal))
        .await?;
    Ok(())
}

/// Write a new entry (opens a form)
#[poise::command(slash_command, check = "is_moderator")]
async fn new(ctx: Context<'_>) -> Result<(), Error> {
    open_modal(ctx, entry_modal(MODAL_NEW.into(), "New entry", None)).await
}

/// Edit one of this server's entries (opens a form)
#[poise::command(slash_command, check = "is_moderator")]
async fn edit(
    ctx: Context<'_>,
    #[description = "The entry"]
    #[autocomplete = "complete_entry"]
    entry: String,
) -> Result<(), Error> {
    let overlay = ctx.data().curator.overlay(guild(ctx));
    match overlay.custom.get(&entry) {
        Some(e) => {
            open_modal(
                ctx,
                entry_modal(format!("{MODAL_EDIT}{entry}"), "Edit entry", Some(e)),
            )
            .await
        }
        None => {
            let embed = note(
                "No such entry",
                "This server has no entry with that id; `/kb new` writes one.",
            );
            send_embed(ctx, embed, true).await?;
            Ok(())
        }
    }
}

/// Write this server's answer text for an article section (opens a form)
#[poise::command(slash_command, rename = "override", check = "is_moderator")]
async fn override_text(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    let engine = ctx.data().engine(ctx.guild_id());
    let current = engine
        .knowledge()
        .section(&section)
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let text = CreateInputText::new(
        InputTextStyle::Paragraph,
        "Answer text (the quotes stay)",
        "text",
    )
    .max_length(3000)
    .required(true)
    .value(truncate_on_word(&current, 3000));
    let modal = CreateModal::new(format!("{MODAL_OVERRIDE}{section}"), "This server's answer")
        .components(vec![CreateActionRow::InputText(text)]);
    open_modal(ctx, modal).await
}

/// Go back to the article's text for a section
#[poise::command(slash_command, rename = "reset-text", check = "is_moderator")]
async fn reset_text(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    let done = format!("Restored the article's text for `{section}`");
    apply(ctx, Op::ResetText { section }, done).await
}

/// Hide a section in this server
#[poise::command(slash_command, check = "is_moderator")]
async fn hide(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    let done = format!("Hid `{section}`");
    apply(ctx, Op::Hide { section }, done).await
}

/// Show a hidden section again
#[poise::command(slash_command, check = "is_moderator")]
async fn unhide(
    ctx: Context<'_>,
    #[description = "The section id"]
    #[max_length = 64]
    section: String,
) -> Result<(), Error> {
    let done = format!("Unhid `{section}`");
    apply(ctx, Op::Unhide { section }, done).await
}

/// Most declined questions and most thumbed-down answers
#[poise::command(slash_command, check = "is_moderator")]
async fn report(ctx: Context<'_>) -> Result<(), Error> {
    let r = ctx.data().curator.report(guild(ctx)).await?;
    let engine = ctx.data().engine(ctx.guild_id());
    let title_of = |id: &str| engine.knowledge().section(id).map(|s| s.title.clone());
    let text = r.render(title_of, |t| format!("<t:{t}:R>"));
    let text = truncate_on_word(&text, EMBED_DESCRIPTION_LIMIT);
    send_embed(ctx, note("Curation report", &text), true).await?;
    Ok(())
}

/// Recent changes: who, when, what
#[poise::command(slash_command, check = "is_moderator")]
async fn history(
    ctx: Context<'_>,
    #[description = "How many (default 15)"]
    #[min = 1]
    #[max = 50]
    count: Option<u32>,
) -> Result<(), Error> {
    let changes = ctx
        .data()
        .curator
        .history(guild(ctx), count.unwrap_or(15) as usize)
        .await?;
    let lines: Vec<String> = changes
        .iter()
        .map(|c| c.line(|t| format!("<t:{t}:f>")))
        .collect();
    let text = if lines.is_empty() {
        "No changes yet.".to_string()
    } else {
        lines.join("\n")
    };
    send_embed(ctx, note("Curation history", &text), true).await?;
    Ok(())
}

/// Revert the most recent change, or a given one
#[poise::command(slash_command, check = "is_moderator")]
async fn undo(
    ctx: Context<'_>,
    #[description = "The change number from /kb history (default: the latest)"] change: Option<i64>,
) -> Result<(), Error> {
    defer(ctx).await?;
    let embed = match ctx
        .data()
        .curator
        .undo(guild(ctx), &actor(ctx), change)
        .await
    {
        Ok(c) => note("Undone", &format!("Reverted `#{}`: {}", c.id, c.summary)),
        Err(e) => refusal(&e),
    };
    edit_deferred(ctx, embed).await?;
    Ok(())
}

/// This server's curation as a file
#[poise::command(slash_command, check = "is_moderator")]
async fn export(ctx: Context<'_>) -> Result<(), Error> {
    let g = guild(ctx);
    let text = ctx.data().curator.export(g);
    let file = CreateAttachment::bytes(text.into_bytes(), format!("careerbot-curation-{g}.toml"));
    ctx.send(
        CreateReply::default()
            .content("This server's curation; `/kb import` reads it back.")
            .attachment(file)
            .ephemeral(true)
            .allowed_mentions(no_pings()),
    )
    .await?;
    Ok(())
}

/// Replace this server's curation with a file from /kb export
#[poise::command(slash_command, check = "is_moderator")]
async fn import(
    ctx: Context<'_>,
    #[description = "A .toml file from /kb export"] file: serenity::Attachment,
) -> Result<(), Error> {
    if file.size > MAX_IMPORT_BYTES {
        let embed = note(
            "Nothing was changed",
            "That file is over 1 MiB; a curation file is much smaller.",
        );
        send_embed(ctx, embed, true).await?;
        return Ok(());
    }
    ctx.defer_ephemeral().await?;
    let bytes = file.download().await?;
    // The size Discord reported is checked above; the bytes themselves too.
    let embed = match String::from_utf8(bytes) {
        Ok(text) if text.len() > MAX_IMPORT_BYTES as usize => {
            note("Nothing was changed", "That file is over 1 MiB; a curation file is much smaller.")
        }
        Err(_) => note("Nothing was changed", "That file is not UTF-8 text."),
        Ok(text) => match ctx.data().curator.import(guild(ctx), &actor(ctx), &text).await {
            Ok(id) => note("Imported", &format!("This server's curation is now the file's (change #{id}); `/kb undo` reverts it.")),
            Err(e) => refusal(&e),
        },
    };
    send_embed(ctx, embed, true).await?;
    Ok(())
}

/// A submitted `/kb` form: checked again for permission, then applied.
pub async fn on_modal(
    ctx: &serenity::Context,
    m: &ModalInteraction,
    data: &Data,
) -> Result<(), Error> {
    let id = m.data.custom_id.as_str();
    let respond = |embed| private_response(CreateInteractionResponseMessage::new().embed(embed));
    if !id.starts_with("careerbot:kb:") {
        warn!(form = id, "a form this version does not know");
        m.create_response(&ctx.http, respond(super::malformed_note()))
            .await?;
        return Ok(());
    }
    let allowed = m.guild_id.is_some()
        && m.member
            .as_ref()
            .is_some_and(|mem| may_curate(mem.permissions, &mem.roles, data));
    if !allowed {
        warn!(
            user = m.user.id.get(),
            guild = m.guild_id.map(|g| g.get()),
            form = id,
            "refused a /kb form from a member who may not curate"
        );
        let embed = note(
            "Moderators only",
            "Only this server's moderators can change its answers.",
        );
        m.create_response(&ctx.http, respond(embed)).await?;
        return Ok(());
    }
    let guild = m.guild_id.map_or(0, |g| g.get());
    let field = |name: &str| -> String {
        m.data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                serenity::ActionRowComponent::InputText(t) if t.custom_id == name => {
                    t.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    let entry = || CustomEntry::from_form(&field("title"), &field("text"), &field("keywords"));
    let (op, done) = if id == MODAL_NEW {
        let e = entry();
        let new_id = data.curator.new_entry_id(guild, &e.title);
        let done = format!("Created the entry `{new_id}` \"{}\"", e.title);
        (
            Op::CreateEntry {
                id: new_id,
                entry: e,
            },
            done,
        )
    } else if let Some(entry_id) = id.strip_prefix(MODAL_EDIT) {
        let e = data.curator.edited_entry(guild, entry_id, entry());
        (
            Op::EditEntry {
                id: entry_id.to_string(),
                entry: e,
            },
            format!("Saved the entry `{entry_id}`"),
        )
    } else if let Some(section) = id.strip_prefix(MODAL_OVERRIDE) {
        let op = Op::OverrideText {
            section: section.to_string(),
            text: field("text").trim().to_string(),
        };
        (op, format!("Saved this server's text for `{section}`"))
    } else {
        m.create_response(&ctx.http, respond(super::malformed_note()))
            .await?;
        warn!(form = id, "a form this version does not know");
        return Ok(());
    };
    let actor = Actor {
        id: m.user.id.get(),
        name: m.user.name.clone(),
    };
    // Acknowledged first: the write may wait on another process's lock.
    m.defer_ephemeral(&ctx.http).await?;
    let embed = match data.curator.apply(guild, &actor, op).await {
        Ok(change) => note("Done", &format!("{done} (change #{change}).")),
        Err(e) => refusal(&e),
    };
    m.edit_response(
        &ctx.http,
        serenity::EditInteractionResponse::new()
            .embed(embed)
            .allowed_mentions(no_pings()),
    )
    .await?;
    info!(form = id, guild, "curation form applied");
    Ok(())
}
