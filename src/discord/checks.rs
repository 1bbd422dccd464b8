//! Who may do what, checked on the server side for every interaction:
//! moderators for `/kb` and its forms, a per-member cooldown for the rest.

use super::embed::{note, send_embed};
use super::{Context, CooldownActive, Data, Error};
use poise::serenity_prelude as serenity;
use serenity::Permissions;
use tracing::warn;

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

pub async fn is_moderator(ctx: Context<'_>) -> Result<bool, Error> {
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
        send_embed(ctx, moderators_only(), true).await?;
    }
    Ok(allowed)
}

pub fn moderators_only() -> serenity::CreateEmbed {
    note(
        "Moderators only",
        "Only this server's moderators can change its answers.",
    )
}

/// The per-member cooldown, as a check on each member command. (Not a
/// global check: poise runs those once per command in a subcommand chain.)
pub async fn cooldown(ctx: Context<'_>) -> Result<bool, Error> {
    match ctx.data().cooldowns.try_use(ctx.author().id.get()) {
        Ok(()) => Ok(true),
        Err(wait) => Err(Box::new(CooldownActive(wait))),
    }
}
