//! `/kb`: moderator curation from Discord, one slash command per action of
//! the core's table. Registered with Manage Server as the default member
//! permission so ordinary members do not see it, and checked again on every
//! interaction (`checks`). Entry texts come through forms (`forms`). Each
//! command parses its options into an `Op`, calls the service, and shows the
//! change's summary.

use super::embed::{no_pings, note, send_embed};
use super::{forms, Context, Error};
use crate::curation::{Actor, Change, CurationError, ImportMode, Op, MAX_FILE_BYTES};
use crate::knowledge::MAX_TEXT_CHARS;
use crate::reply::{truncate_on_word, EMBED_DESCRIPTION_LIMIT};
use poise::serenity_prelude as serenity;
use poise::CreateReply;
use serenity::{CreateActionRow, CreateAttachment, CreateInputText, CreateModal, InputTextStyle};
use tracing::error;

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
    let choices = (ctx.data().service)
        .complete_topic(Some(guild(ctx)), partial, 25)
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
    let lower = partial.to_lowercase();
    let choices = (ctx.data().service.entries(guild(ctx)).into_iter())
        .filter(|(id, e)| id.contains(&lower) || e.title.to_lowercase().contains(&lower))
        .take(25)
        .map(|(id, e)| serenity::AutocompleteChoice::new(truncate_on_word(&e.title, 100), id))
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
async fn apply(ctx: Context<'_>, op: Op) -> Result<(), Error> {
    defer(ctx).await?;
    let result = ctx.data().service.curate(guild(ctx), &actor(ctx), op).await;
    edit_deferred(ctx, outcome("Done", &result)).await
}

/// A change's confirmation (its summary), or why nothing was changed.
pub(super) fn outcome(
    title: &str,
    result: &Result<Change, CurationError>,
) -> serenity::CreateEmbed {
    match result {
        Ok(c) => note(
            title,
            &format!(
                "#{}: {}. It applies to the next question; `/kb undo` reverts it.",
                c.id, c.summary
            ),
        ),
        Err(CurationError::Invalid(problems)) => {
            let list: Vec<String> = problems.iter().map(|p| format!("• {p}")).collect();
            note("Nothing was changed", &list.join("\n"))
        }
        Err(e) => {
            error!(error = %crate::error_chain(e), "a curation call failed");
            note(
                "Nothing was changed",
                "The change could not be stored; please try again.",
            )
        }
    }
}

/// Teach the matcher a keyword for a section
#[poise::command(
    slash_command,
    rename = "add-keyword",
    check = "super::checks::is_moderator"
)]
async fn add_keyword(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "A word or phrase people use"]
    #[max_length = 100]
    keyword: String,
) -> Result<(), Error> {
    apply(ctx, Op::AddKeyword { section, keyword }).await
}

/// Remove a keyword from a section
#[poise::command(
    slash_command,
    rename = "remove-keyword",
    check = "super::checks::is_moderator"
)]
async fn remove_keyword(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "The keyword"]
    #[max_length = 100]
    keyword: String,
) -> Result<(), Error> {
    apply(ctx, Op::RemoveKeyword { section, keyword }).await
}

/// Add a sample question to a section
#[poise::command(
    slash_command,
    rename = "add-question",
    check = "super::checks::is_moderator"
)]
async fn add_question(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "A question as people ask it"]
    #[max_length = 300]
    question: String,
) -> Result<(), Error> {
    apply(ctx, Op::AddQuestion { section, question }).await
}

/// Remove a sample question from a section
#[poise::command(
    slash_command,
    rename = "remove-question",
    check = "super::checks::is_moderator"
)]
async fn remove_question(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
    #[description = "The sample question"]
    #[max_length = 300]
    question: String,
) -> Result<(), Error> {
    apply(ctx, Op::RemoveQuestion { section, question }).await
}

/// Link a question the bot declined or got wrong to the right section
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn link(
    ctx: Context<'_>,
    #[description = "The question, as it was asked"]
    #[max_length = 300]
    question: String,
    #[description = "The section that answers it"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    apply(ctx, Op::LinkQuestion { section, question }).await
}

/// Write a new entry (opens a form)
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn new(ctx: Context<'_>) -> Result<(), Error> {
    forms::open(ctx, forms::entry(forms::NEW.into(), "New entry", None)).await
}

/// Edit one of this server's entries (opens a form)
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn edit(
    ctx: Context<'_>,
    #[description = "The entry"]
    #[autocomplete = "complete_entry"]
    entry: String,
) -> Result<(), Error> {
    let entries = ctx.data().service.entries(guild(ctx));
    match entries.iter().find(|(id, _)| *id == entry) {
        Some((_, e)) => {
            let modal = forms::entry(format!("{}{entry}", forms::EDIT), "Edit entry", Some(e));
            forms::open(ctx, modal).await
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
#[poise::command(
    slash_command,
    rename = "override",
    check = "super::checks::is_moderator"
)]
async fn override_text(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    let current = (ctx.data().service)
        .section_text(guild(ctx), &section)
        .unwrap_or_default();
    let text = CreateInputText::new(
        InputTextStyle::Paragraph,
        "Answer text (the quotes stay)",
        "text",
    )
    .max_length(MAX_TEXT_CHARS as u16)
    .required(true)
    .value(truncate_on_word(&current, MAX_TEXT_CHARS));
    let modal = CreateModal::new(
        format!("{}{section}", forms::OVERRIDE),
        "This server's answer",
    )
    .components(vec![CreateActionRow::InputText(text)]);
    forms::open(ctx, modal).await
}

/// Go back to the article's text for a section
#[poise::command(
    slash_command,
    rename = "reset-text",
    check = "super::checks::is_moderator"
)]
async fn reset_text(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    apply(ctx, Op::ResetText { section }).await
}

/// Hide a section in this server
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn hide(
    ctx: Context<'_>,
    #[description = "The section"]
    #[autocomplete = "complete_section"]
    section: String,
) -> Result<(), Error> {
    apply(ctx, Op::Hide { section }).await
}

/// Show a hidden section again
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn unhide(
    ctx: Context<'_>,
    #[description = "The section id"]
    #[max_length = 64]
    section: String,
) -> Result<(), Error> {
    apply(ctx, Op::Unhide { section }).await
}

/// Most declined questions, link candidates and most thumbed-down answers
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn report(ctx: Context<'_>) -> Result<(), Error> {
    let service = &ctx.data().service;
    let text = service
        .report_text(guild(ctx), |t| format!("<t:{t}:R>"))
        .await?;
    let text = truncate_on_word(&text, EMBED_DESCRIPTION_LIMIT);
    send_embed(ctx, note("Curation report", &text), true).await?;
    Ok(())
}

/// Recent changes: who, when, what
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn history(
    ctx: Context<'_>,
    #[description = "How many (default 15)"]
    #[min = 1]
    #[max = 50]
    count: Option<u32>,
) -> Result<(), Error> {
    let n = count.unwrap_or(15) as usize;
    let when = |t| format!("<t:{t}:f>");
    let text = ctx.data().service.history_text(guild(ctx), n, when).await?;
    send_embed(ctx, note("Curation history", &text), true).await?;
    Ok(())
}

/// Revert the most recent change, or a given one
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn undo(
    ctx: Context<'_>,
    #[description = "The change number from /kb history (default: the latest)"] change: Option<i64>,
) -> Result<(), Error> {
    defer(ctx).await?;
    let result = (ctx.data().service)
        .undo(guild(ctx), &actor(ctx), change)
        .await;
    edit_deferred(ctx, outcome("Undone", &result)).await
}

/// This server's curation as a file
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn export(ctx: Context<'_>) -> Result<(), Error> {
    let g = guild(ctx);
    let text = ctx.data().service.export(g)?;
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

/// Replace this server's curation with a file from /kb export (or add it with merge)
#[poise::command(slash_command, check = "super::checks::is_moderator")]
async fn import(
    ctx: Context<'_>,
    #[description = "A .toml file from /kb export"] file: serenity::Attachment,
    #[description = "Add the file to this server's curation instead of replacing it"] merge: Option<
        bool,
    >,
) -> Result<(), Error> {
    let too_big = "That file is over 1 MiB; a curation file is much smaller.";
    if file.size as usize > MAX_FILE_BYTES {
        send_embed(ctx, note("Nothing was changed", too_big), true).await?;
        return Ok(());
    }
    defer(ctx).await?;
    let mode = match merge {
        Some(true) => ImportMode::Merge,
        _ => ImportMode::Replace,
    };
    // The size Discord reported is checked above; the bytes themselves too.
    let embed = match String::from_utf8(file.download().await?) {
        Ok(text) if text.len() > MAX_FILE_BYTES => note("Nothing was changed", too_big),
        Err(_) => note("Nothing was changed", "That file is not UTF-8 text."),
        Ok(text) => {
            let service = &ctx.data().service;
            let result = service.import(guild(ctx), &actor(ctx), &text, mode).await;
            outcome("Imported", &result)
        }
    };
    edit_deferred(ctx, embed).await
}
