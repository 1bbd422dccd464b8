//! The Discord adapter: poise commands and gateway events turned into engine
//! calls, replies rendered as embeds. The core (`engine`, `reply`, ...) knows
//! nothing of this module.
//!
//! - `commands`: `/ask`, `/topics`, `/topic`, `/quote`, `/help`, `/about`;
//! - `events`: mentions, help channels, "Did you mean" buttons;
//! - `embed`: replies as embeds and buttons, allowed mentions set to none;
//! - `cooldown`: per-member cooldowns;
//! - `kb`: `/kb` curation for moderators.
//!
//! [`run`] starts only this process's shards ([`crate::shard::ShardPlan`],
//! from `[discord] shards` and `shard_range`) and registers the commands
//! only in the process that runs shard 0; [`register_commands_once`] is the
//! deploy step's registration, over HTTP alone.

mod checks;
pub mod commands;
mod cooldown;
mod embed;
mod events;
mod forms;
pub mod kb;

pub use cooldown::Cooldowns;
pub use embed::no_pings;
use embed::send_embed;

use crate::config::{Config, Sharding};
use crate::engine::Engine;
use crate::service::Service;
use crate::shard::ShardPlan;
use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::{error, info, warn};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// State shared by every handler (the poise convention: one `Data`).
pub struct Data {
    pub service: Arc<Service>,
    moderator_roles: Vec<u64>,
    help_channels: Vec<u64>,
    help_confidence: f32,
    pub cooldowns: Cooldowns,
    /// The shards this process runs: it hears only their servers.
    pub shards: ShardPlan,
}

impl Data {
    pub fn new(service: Arc<Service>, config: &Config, shards: ShardPlan) -> Data {
        Data {
            service,
            shards,
            moderator_roles: config.moderation.role_ids.clone(),
            help_channels: config.discord.help_channel_ids.clone(),
            help_confidence: config.discord.help_channel_confidence,
            cooldowns: Cooldowns::new(Duration::from_secs(config.discord.cooldown_seconds)),
        }
    }

    fn is_help_channel(&self, channel: u64) -> bool {
        self.help_channels.contains(&channel)
    }
}

/// The server a command came from, as the service names it.
fn guild(id: Option<serenity::GuildId>) -> Option<u64> {
    id.map(|g| g.get())
}

/// The gateway intents the bot asks for. The message content intent is
/// privileged: without it, help channels are off (mentions still work,
/// since Discord sends the content of messages that mention the bot).
pub fn intents(config: &Config) -> serenity::GatewayIntents {
    let mut i = serenity::GatewayIntents::GUILDS | serenity::GatewayIntents::GUILD_MESSAGES;
    if config.discord.message_content {
        i |= serenity::GatewayIntents::MESSAGE_CONTENT;
    }
    i
}

/// Raised by the cooldown check; `on_error` turns it into a polite note.
#[derive(Debug, thiserror::Error)]
#[error("cooldown: {0:?} left")]
struct CooldownActive(Duration);

/// The answer to an interaction the bot cannot read: a command it does not
/// have (a stale registration), options of the wrong shape, an unknown
/// button or form.
pub(crate) fn malformed_note() -> serenity::CreateEmbed {
    embed::note(
        "I couldn't read that",
        "This command is out of date or malformed. Discord may still be showing an \
         old version of it; try again in a minute, or reload Discord.",
    )
}

fn cooldown_note(wait: Duration) -> serenity::CreateEmbed {
    let secs = wait.as_secs_f32().ceil().max(1.0) as u64;
    embed::note(
        "One moment",
        &format!(
            "You're asking faster than I can keep up. Try again in {secs} second{}.",
            if secs == 1 { "" } else { "s" }
        ),
    )
}

/// The poise framework with every command, the cooldown check, the error
/// hook and the event handler, for a process running `shards`. `setup`
/// registers the commands once the first shard is ready, if this process
/// is the one that registers (`[discord] register_commands`).
pub fn framework(
    config: &Config,
    service: Arc<Service>,
    shards: ShardPlan,
) -> poise::Framework<Data, Error> {
    let dev_guild = config.discord.dev_guild_id.map(serenity::GuildId::new);
    let register = config.discord.register_commands.at_start(&shards);
    let data = Data::new(service, config, shards);
    let options = poise::FrameworkOptions {
        commands: commands::all(),
        allowed_mentions: Some(no_pings()),
        manual_cooldowns: true,
        pre_command: |ctx| Box::pin(async move { ctx.set_invocation_data(Instant::now()).await }),
        post_command: |ctx| Box::pin(log_command(ctx)),
        on_error: |e| Box::pin(on_error(e)),
        event_handler: |framework, event| Box::pin(events::handle(framework, event)),
        ..Default::default()
    };
    // No bot-owner commands, so no need to ask Discord who the owners are.
    poise::Framework::builder()
        .initialize_owners(false)
        .options(options)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                if register {
                    match register_commands(&ctx.http, commands, dev_guild).await {
                        Ok(()) => info!(guild = dev_guild.map(|g| g.get()), count = commands.len(), "slash commands registered"),
                        Err(e) => warn!(error = %e, "could not register slash commands; existing registrations stay"),
                    }
                } else {
                    info!(%shards, "slash commands not registered here: the shard-0 process or `careerbot register-commands` does it");
                }
                info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                Ok(data)
            })
        })
        .build()
}

/// The one log line each command gets once it has answered.
async fn log_command(ctx: Context<'_>) {
    let started = ctx.invocation_data::<Instant>().await.map(|t| *t);
    info!(
        command = %ctx.command().qualified_name,
        guild = ctx.guild_id().map(|g| g.get()),
        latency_us = started.map_or(0, |t| t.elapsed().as_micros() as u64),
        "answered"
    );
}

async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    use poise::FrameworkError as F;
    match error {
        F::CommandCheckFailed {
            error: Some(e),
            ctx,
            ..
        } => {
            let note = match e.downcast_ref::<CooldownActive>() {
                Some(CooldownActive(wait)) => cooldown_note(*wait),
                None => {
                    error!(error = %e, "command check failed");
                    embed::note(
                        "Something went wrong",
                        "I couldn't run that just now. Please try again.",
                    )
                }
            };
            if let Err(e) = send_embed(ctx, note, true).await {
                warn!(error = %e, "could not answer a refused command");
            }
        }
        F::Command { error, ctx, .. } => {
            error!(command = %ctx.command().name, error = %error, "command failed");
            let note = embed::note(
                "Something went wrong",
                "I couldn't answer that just now. Please try again.",
            );
            let _ = send_embed(ctx, note, true).await;
        }
        F::ArgumentParse { ctx, error, .. } => {
            warn!(command = %ctx.command().name, error = %error, "could not read the command's options");
            let _ = send_embed(ctx, malformed_note(), true).await;
        }
        F::CommandStructureMismatch {
            ctx, description, ..
        } => {
            warn!(command = %ctx.command().qualified_name, description, "an interaction that does not fit the command");
            if ctx.interaction_type == poise::CommandInteractionType::Command {
                let _ = send_embed(poise::Context::Application(ctx), malformed_note(), true).await;
            }
        }
        F::UnknownInteraction {
            framework,
            interaction,
            ..
        } => {
            warn!(
                command = interaction.data.name.as_str(),
                user = interaction.user.id.get(),
                "an interaction for a command this version does not have"
            );
            // An autocomplete request can only get choices (none); a command gets the note.
            let response = if interaction.data.autocomplete().is_some() {
                serenity::CreateInteractionResponse::Autocomplete(
                    serenity::CreateAutocompleteResponse::new(),
                )
            } else {
                embed::private_response(
                    serenity::CreateInteractionResponseMessage::new().embed(malformed_note()),
                )
            };
            if let Err(e) = interaction
                .create_response(&framework.serenity_context.http, response)
                .await
            {
                warn!(error = %e, "could not answer an unknown interaction");
            }
        }
        // A check that answered for itself (the moderator check).
        F::CommandCheckFailed { error: None, .. } => {}
        F::EventHandler { error, event, .. } => {
            error!(event = event.snake_case_name(), error = %error, "event handler failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                error!(error = %e, "error while handling an error");
            }
        }
    }
}

/// One bulk overwrite of the application's commands, in `guild` or
/// globally: what both start-up and `careerbot register-commands` send.
async fn register_commands(
    http: &serenity::Http,
    commands: &[poise::Command<Data, Error>],
    guild: Option<serenity::GuildId>,
) -> Result<(), serenity::Error> {
    match guild {
        Some(g) => poise::builtins::register_in_guild(http, commands, g).await,
        None => poise::builtins::register_globally(http, commands).await,
    }
}

/// serenity's REST client for `config`: to Discord, or through `api_url`
/// with serenity's ratelimiter off.
fn http(config: &Config) -> anyhow::Result<serenity::Http> {
    let token = config.require_token()?;
    let mut http = serenity::HttpBuilder::new(token.expose());
    if config.uses_proxy() {
        // serenity's ratelimiter sends requests to discord.com whatever the
        // proxy says, so it must be off when requests go elsewhere.
        http = http
            .proxy(config.discord.api_url.clone())
            .ratelimiter_disabled(true);
        info!(api_url = %config.discord.api_url, "using a Discord API proxy; serenity's ratelimiter is off");
    }
    Ok(http.build())
}

/// The deploy step `careerbot register-commands`: registers the slash
/// commands over HTTP alone (no gateway connection), in `guild` or else
/// globally, and returns how many there are.
pub async fn register_commands_once(config: &Config, guild: Option<u64>) -> anyhow::Result<usize> {
    let http = http(config)?;
    let app = http
        .get_current_application_info()
        .await
        .context("cannot ask Discord which application the token belongs to")?;
    http.set_application_id(app.id);
    let commands = commands::all();
    register_commands(&http, &commands, guild.map(serenity::GuildId::new))
        .await
        .context("Discord refused the commands")?;
    Ok(commands.len())
}

/// The shards this process runs: `[discord] shards = "auto"` asks Discord
/// how many it recommends; anything else is already fixed.
async fn shard_plan(config: &Config, http: &serenity::Http) -> anyhow::Result<ShardPlan> {
    match config.discord.sharding {
        Sharding::Fixed(plan) => Ok(plan),
        Sharding::Auto => {
            let gateway = http
                .get_bot_gateway()
                .await
                .context("cannot ask Discord how many shards to run (GET /gateway/bot)")?;
            info!(
                recommended = gateway.shards,
                max_concurrency = gateway.session_start_limit.max_concurrency,
                remaining_starts = gateway.session_start_limit.remaining,
                "shard count from Discord"
            );
            Ok(Sharding::Auto.resolve(gateway.shards))
        }
    }
}

/// How long shutdown waits for the gateway connections to close.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Connects to Discord (or to `api_url`) and serves until Ctrl-C or
/// SIGTERM, then closes the shards and returns, even while still trying to
/// connect (Discord unreachable).
pub async fn run(config: Config, engine: Engine) -> anyhow::Result<()> {
    let http = http(&config)?;
    // Settings that loaded but should change (a key under its old name).
    let file = config.source.as_deref().unwrap_or(std::path::Path::new(""));
    for warning in &config.warnings {
        warn!(config = %file.display(), "{warning}");
    }
    if !config.discord.message_content && !config.discord.help_channel_ids.is_empty() {
        warn!("help channels need the message content intent, which is off; they will stay quiet");
    }
    let database = config.storage.database.clone();
    let retention = config.storage.retention_days;
    let service = match config.storage.backend {
        crate::config::Backend::Sqlite => {
            let service =
                tokio::task::spawn_blocking(move || Service::open(engine, &database, retention))
                    .await?
                    .with_context(|| {
                        format!(
                            "cannot open the curation database {}",
                            config.storage.database.display()
                        )
                    })?;
            info!(database = %config.storage.database.display(), "curation store open");
            service
        }
        crate::config::Backend::Postgres => {
            let url = config.require_postgres_url()?;
            let service = Service::open_postgres(engine, url, retention)
                .await
                .context("cannot open the PostgreSQL curation database ([storage] postgres_url)")?;
            info!("curation store open (PostgreSQL)");
            service
        }
    };
    let service = service.with_max_cached_guilds(config.storage.max_cached_guilds);
    // With shards = "auto" this asks Discord, which may not answer: a
    // signal meanwhile still stops the process.
    let plan = tokio::select! {
        plan = shard_plan(&config, &http) => plan?,
        () = shutdown_signal() => {
            info!("stopped before connecting");
            return Ok(());
        }
    };
    info!(%plan, "starting the gateway");
    let mut client = serenity::ClientBuilder::new_with_http(http, intents(&config))
        .framework(framework(&config, Arc::new(service), plan))
        .await
        .context("cannot set up the Discord client")?;
    let shards = client.shard_manager.clone();
    // The signal is watched from here, not from a task beside the client: the
    // client's start-up retries (Discord unreachable) do not watch the shard
    // manager, so closing the shards alone would not end them.
    tokio::select! {
        // serenity's range end is included; one shard of one is `Client::start`.
        result = client.start_shard_range(plan.first()..plan.last(), plan.total()) => {
            result.context("the Discord connection failed")?;
        }
        () = shutdown_signal() => {
            info!("shutting down: closing the gateway connection");
            if tokio::time::timeout(SHUTDOWN_GRACE, shards.shutdown_all()).await.is_err() {
                warn!("the gateway did not close in time; stopping anyway");
            }
        }
    }
    info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
