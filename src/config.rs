//! Settings: defaults, then the config file, then the environment
//! (`DISCORD_TOKEN`, `CAREERBOT_DATABASE_URL`; `CAREERBOT_SHARDS` and
//! `CAREERBOT_SHARD_RANGE`, see [`Environment`]). The token is a [`Token`]
//! and the PostgreSQL URL a [`DatabaseUrl`], whose `Debug` and `Display`
//! never show them. `config.example.toml` documents every setting. Settings
//! that still load but should change (a renamed key) are kept as
//! [`Config::warnings`] for the front end to report once logging is up.

use crate::curation::DEFAULT_MAX_CACHED_GUILDS;
use crate::shard::ShardPlan;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Discord's API base; any other `api_url` means a proxy (or a test fake).
pub const DISCORD_API: &str = "https://discord.com";
/// The config file read when none is named and it exists.
pub const DEFAULT_FILE: &str = "careerbot.toml";
/// A config file larger than this is refused rather than read.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The OS cause is the error's source, so a chain prints it once.
    #[error("cannot read the config file {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("config setting `{key}` {message}")]
    Invalid { key: &'static str, message: String },
    #[error("no Discord token: set DISCORD_TOKEN or [discord] token in the config file (see config.example.toml)")]
    NoToken,
}

/// Replaces every word that looks like a Discord token (three dot-separated
/// parts of token characters, 30 or more in all) with `<redacted>`, so an
/// error or log line that quotes a value never shows a secret pasted into
/// the wrong place.
pub fn redact_secrets(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let looks_like_token = |w: &str| {
        let parts: Vec<&str> = w.split('.').collect();
        w.len() >= 30 && parts.len() == 3 && parts.iter().all(|p| !p.is_empty())
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_token_char) {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        let end = word.find(|c: char| !is_token_char(c)).unwrap_or(word.len());
        let (w, tail) = word.split_at(end);
        out.push_str(if looks_like_token(w) { "<redacted>" } else { w });
        rest = tail;
    }
    out.push_str(rest);
    redact_passwords(&out)
}

/// Replaces the password of every `scheme://user:password@` URL and every
/// `password=...` pair (libpq's key=value form) with `<redacted>`.
fn redact_passwords(text: &str) -> String {
    let ends = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        out.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let authority = &rest[..rest
            .find(|c: char| c == '/' || ends(c))
            .unwrap_or(rest.len())];
        if let Some(at) = authority.rfind('@') {
            if let Some(colon) = authority[..at].find(':') {
                out.push_str(&rest[..=colon]);
                out.push_str("<redacted>");
                rest = &rest[at..];
            }
        }
    }
    out.push_str(rest);
    let mut text = out;
    let mut from = 0;
    while let Some(i) = text[from..]
        .find("password=")
        .map(|i| from + i + "password=".len())
    {
        let end = text[i..].find(ends).map_or(text.len(), |e| i + e);
        text.replace_range(i..end, "<redacted>");
        from = i + "<redacted>".len();
    }
    text
}

/// Whether `token` has the documented shape of a Discord bot token: three
/// non-empty parts separated by '.', after any leading "Bot " (the form the
/// API's Authorization header takes). Exactly the rules of serenity 0.12's
/// `utils::token::validate`, which this replaces so the core does not import
/// serenity; like it, it checks nothing else (its doc mentions a six-character
/// second part that its code does not check, and neither does this).
pub fn has_token_shape(token: &str) -> bool {
    let mut parts = token.trim_start_matches("Bot ").split('.');
    let mut non_empty = || parts.next().is_some_and(|p| !p.is_empty());
    non_empty() && non_empty() && non_empty() && parts.next().is_none()
}

/// The bot token. Never printed: `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Checks the shape Discord tokens have (three non-empty dot-separated
    /// parts, no whitespace) so a pasted wrong value fails at start-up, not
    /// at the gateway.
    pub fn parse(raw: &str) -> Result<Token, ConfigError> {
        let raw = raw.trim();
        let raw = raw.strip_prefix("Bot ").unwrap_or(raw);
        if !has_token_shape(raw) || raw.chars().any(char::is_whitespace) {
            return Err(Token::malformed());
        }
        Ok(Token(raw.to_string()))
    }

    /// The error for a malformed token; it never quotes the value.
    fn malformed() -> ConfigError {
        ConfigError::Invalid {
            key: "discord.token",
            message: "is not a Discord bot token (expected three parts separated by '.'; \
                      copy it from the Bot page of your application)"
                .into(),
        }
    }

    /// The token itself, for the one place that hands it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The PostgreSQL connection URL: it holds a password, so `Debug` and
/// `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> DatabaseUrl {
        DatabaseUrl(url.into())
    }

    /// The URL itself, for the one place that connects with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DatabaseUrl(<redacted>)")
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Which store holds the curation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// One SQLite file: one machine, no setup (the default).
    #[default]
    Sqlite,
    /// A PostgreSQL database several processes share.
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub discord: DiscordConfig,
    pub knowledge_dir: Option<PathBuf>,
    pub storage: StorageConfig,
    pub moderation: ModerationConfig,
    /// The file the settings came from, if any.
    pub source: Option<PathBuf>,
    /// What to tell the operator about settings that loaded but should
    /// change (a key under its old name). Never quotes a value.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct DiscordConfig {
    /// A well-formed token, if one is set. Use [`Config::require_token`] where
    /// one is needed: a malformed token only matters to `run`.
    pub token: Option<Token>,
    /// Set when a token was given but is malformed; offline commands ignore it.
    pub token_malformed: bool,
    /// Without a trailing slash.
    pub api_url: String,
    pub dev_guild_id: Option<u64>,
    pub help_channel_ids: Vec<u64>,
    pub message_content: bool,
    pub cooldown_seconds: u64,
    pub help_channel_confidence: f32,
    /// The shards this process runs (`shards`, `shard_range`).
    pub sharding: Sharding,
    /// Whether this process registers the slash commands at start.
    pub register_commands: RegisterCommands,
}

/// The shards a process runs, from `[discord] shards` and `shard_range`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharding {
    /// Every shard, as many as Discord recommends (`GET /gateway/bot`).
    Auto,
    /// A fixed plan: every shard of N, or the range `shard_range` of N.
    Fixed(ShardPlan),
}

impl Sharding {
    /// The plan, once Discord's recommended shard count is known (only
    /// [`Sharding::Auto`] uses it).
    pub fn resolve(self, recommended: u32) -> ShardPlan {
        match self {
            Sharding::Auto => ShardPlan::all(recommended),
            Sharding::Fixed(plan) => plan,
        }
    }
}

/// `[discord] register_commands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterCommands {
    /// Register at start in the one process that runs shard 0, so several
    /// processes never race each other's bulk overwrites.
    Auto,
    /// Never at start: `careerbot register-commands` does it as a deploy step.
    Never,
}

impl RegisterCommands {
    /// Whether a process running `plan` registers the commands at start.
    pub fn at_start(self, plan: &ShardPlan) -> bool {
        self == RegisterCommands::Auto && plan.runs(0)
    }
}

/// Settings the environment overrides: the token (`DISCORD_TOKEN`) and, for
/// a systemd template unit whose instance names the range,
/// `CAREERBOT_SHARDS`, `CAREERBOT_SHARD_RANGE` and
/// `CAREERBOT_REGISTER_COMMANDS`.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub token: Option<String>,
    pub shards: Option<String>,
    pub shard_range: Option<String>,
    pub register_commands: Option<String>,
    /// `CAREERBOT_DATABASE_URL`: the PostgreSQL URL, a secret.
    pub database_url: Option<String>,
}

impl Environment {
    /// The variables that are set and not blank.
    pub fn read() -> Environment {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Environment {
            token: var("DISCORD_TOKEN"),
            shards: var("CAREERBOT_SHARDS"),
            shard_range: var("CAREERBOT_SHARD_RANGE"),
            register_commands: var("CAREERBOT_REGISTER_COMMANDS"),
            database_url: var("CAREERBOT_DATABASE_URL"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct StorageConfig {
    /// The SQLite database, absolute: relative paths in a config file are
    /// taken from the file's directory; without a file the default is in the
    /// platform data directory. Never empty.
    pub database: PathBuf,
    pub retention_days: u32,
    pub backend: Backend,
    /// From `postgres_url` or `CAREERBOT_DATABASE_URL` (which wins); needed
    /// only with [`Backend::Postgres`] (see [`Config::require_postgres_url`]).
    pub postgres_url: Option<DatabaseUrl>,
    /// How many curated servers' indexes a process keeps built in memory;
    /// the least recently used beyond it are dropped and rebuilt from the
    /// store on their next question. At least 1.
    pub max_cached_guilds: usize,
}

#[derive(Debug, Clone, Default)]
pub struct ModerationConfig {
    /// Roles whose members may curate, besides members with Manage Server.
    pub role_ids: Vec<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            discord: DiscordConfig {
                token: None,
                token_malformed: false,
                api_url: DISCORD_API.to_string(),
                dev_guild_id: None,
                help_channel_ids: Vec::new(),
                // Privileged: off until the server admin enables it in the
                // portal too, or the gateway refuses the connection.
                message_content: false,
                cooldown_seconds: 3,
                help_channel_confidence: 0.7,
                // One shard, started with serenity's `Client::start`: a single
                // machine without configuration runs as it always has.
                sharding: Sharding::Fixed(ShardPlan::all(1)),
                register_commands: RegisterCommands::Auto,
            },
            knowledge_dir: None,
            storage: StorageConfig {
                database: default_database(None),
                retention_days: 90,
                backend: Backend::Sqlite,
                postgres_url: None,
                max_cached_guilds: DEFAULT_MAX_CACHED_GUILDS,
            },
            moderation: ModerationConfig::default(),
            source: None,
            warnings: Vec::new(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    discord: RawDiscord,
    #[serde(default)]
    knowledge: RawKnowledge,
    #[serde(default)]
    storage: RawStorage,
    #[serde(default)]
    moderation: RawModeration,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDiscord {
    token: Option<String>,
    api_url: Option<String>,
    dev_guild_id: Option<u64>,
    help_channel_ids: Option<Vec<u64>>,
    message_content: Option<bool>,
    cooldown_seconds: Option<u64>,
    help_channel_confidence: Option<f32>,
    shards: Option<RawShards>,
    shard_range: Option<String>,
    register_commands: Option<String>,
}

/// `shards = "auto"` or `shards = 4`.
#[derive(Deserialize)]
#[serde(untagged, expecting = "\"auto\" or a number of shards")]
enum RawShards {
    Count(i64),
    Word(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawKnowledge {
    dir: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStorage {
    database: Option<PathBuf>,
    /// The old place of `[moderation] role_ids`; still read, with a warning.
    moderator_role_ids: Option<Vec<u64>>,
    retention_days: Option<u32>,
    backend: Option<String>,
    postgres_url: Option<String>,
    max_cached_guilds: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawModeration {
    role_ids: Option<Vec<u64>>,
}

impl Config {
    /// Loads settings: `path` if given (it must exist), else `CAREERBOT_CONFIG`,
    /// else `careerbot.toml` in the working directory if there is one, else
    /// defaults; then `DISCORD_TOKEN` from the environment overrides the file.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let env_path = std::env::var_os("CAREERBOT_CONFIG").map(PathBuf::from);
        let path = match (path, env_path) {
            (Some(p), _) => Some(p.to_path_buf()),
            (None, Some(p)) => Some(p),
            (None, None) => Some(PathBuf::from(DEFAULT_FILE)).filter(|p| p.exists()),
        };
        let text = match &path {
            Some(p) => Some(
                crate::input::read_file(p, MAX_FILE_BYTES).map_err(|source| ConfigError::Read {
                    path: p.clone(),
                    source,
                })?,
            ),
            None => None,
        };
        Config::from_env(text.as_deref(), path, &Environment::read())
    }

    /// Builds settings from a config file's text (if any) and an environment
    /// token (if any), validating every value.
    pub fn from_parts(
        text: Option<&str>,
        path: Option<PathBuf>,
        env_token: Option<&str>,
    ) -> Result<Config, ConfigError> {
        let env = Environment {
            token: env_token.map(str::to_string),
            ..Environment::default()
        };
        Config::from_env(text, path, &env)
    }

    /// Builds settings from a config file's text (if any) and the
    /// environment's overrides, validating every value.
    pub fn from_env(
        text: Option<&str>,
        path: Option<PathBuf>,
        env: &Environment,
    ) -> Result<Config, ConfigError> {
        let env_token = env.token.as_deref();
        let raw: RawConfig = match text {
            Some(t) => crate::knowledge::parse_toml(t).map_err(|message| ConfigError::Parse {
                path: path.clone().unwrap_or_default(),
                message: redact_secrets(&message),
            })?,
            None => RawConfig::default(),
        };
        let mut c = Config::default();
        c.storage.database = default_database(path.as_deref());
        c.source = path;
        let d = raw.discord;
        let token = env_token.or(d.token.as_deref().filter(|t| !t.trim().is_empty()));
        match token.map(Token::parse) {
            Some(Ok(t)) => c.discord.token = Some(t),
            Some(Err(_)) => c.discord.token_malformed = true,
            None => {}
        }
        if let Some(url) = d.api_url {
            let url = url.trim().trim_end_matches('/').to_string();
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
                return Err(ConfigError::Invalid {
                    key: "discord.api_url",
                    message: format!("must be an http:// or https:// URL, not `{url}`"),
                });
            }
            c.discord.api_url = url;
        }
        c.discord.dev_guild_id = d.dev_guild_id.filter(|&id| id != 0);
        if let Some(ids) = d.help_channel_ids {
            if ids.contains(&0) {
                return Err(ConfigError::Invalid {
                    key: "discord.help_channel_ids",
                    message: "holds 0, which is not a channel id".into(),
                });
            }
            c.discord.help_channel_ids = ids;
        }
        if let Some(m) = d.message_content {
            c.discord.message_content = m;
        }
        if let Some(s) = d.cooldown_seconds {
            if s > 3600 {
                return Err(ConfigError::Invalid {
                    key: "discord.cooldown_seconds",
                    message: format!("is {s}; at most 3600"),
                });
            }
            c.discord.cooldown_seconds = s;
        }
        if let Some(t) = d.help_channel_confidence {
            if !(0.0..=1.0).contains(&t) {
                return Err(ConfigError::Invalid {
                    key: "discord.help_channel_confidence",
                    message: format!("is {t}; it must be between 0 and 1"),
                });
            }
            c.discord.help_channel_confidence = t;
        }
        let shards = match &env.shards {
            Some(s) => Some(RawShards::Word(s.clone())),
            None => d.shards,
        };
        let range = env.shard_range.clone().or(d.shard_range);
        c.discord.sharding = sharding(shards, range.as_deref()).map_err(|e| match e {
            // Say where a value from the environment came from.
            ConfigError::Invalid { key, message }
                if env.shards.is_some() || env.shard_range.is_some() =>
            {
                ConfigError::Invalid {
                    key,
                    message: format!(
                        "{message} (CAREERBOT_SHARDS={}, CAREERBOT_SHARD_RANGE={})",
                        env.shards.as_deref().unwrap_or("unset"),
                        env.shard_range.as_deref().unwrap_or("unset")
                    ),
                }
            }
            other => other,
        })?;
        if let Some(r) = env.register_commands.clone().or(d.register_commands) {
            c.discord.register_commands = match r.trim() {
                "auto" => RegisterCommands::Auto,
                "never" => RegisterCommands::Never,
                other => {
                    return Err(ConfigError::Invalid {
                        key: "discord.register_commands",
                        message: format!(
                            "is `{other}`; it must be \"auto\" or \"never\"{}",
                            match env.register_commands {
                                Some(_) => " (from CAREERBOT_REGISTER_COMMANDS)",
                                None => "",
                            }
                        ),
                    })
                }
            };
        }
        c.knowledge_dir = raw.knowledge.dir;
        let s = raw.storage;
        if let Some(db) = s.database {
            if db.as_os_str().is_empty() {
                return Err(ConfigError::Invalid {
                    key: "storage.database",
                    message: "is empty; SQLite would keep the changes in a temporary \
                              database and lose them at exit. Name a file, or leave the \
                              setting out for the default"
                        .into(),
                });
            }
            c.storage.database = beside(c.source.as_deref(), db);
        }
        c.moderation.role_ids = match (raw.moderation.role_ids, s.moderator_role_ids) {
            (Some(ids), None) => ids,
            (None, Some(old)) => {
                c.warnings.push(
                    "`[storage] moderator_role_ids` is deprecated; it still works, but \
                     move it to `[moderation] role_ids` (see config.example.toml)"
                        .into(),
                );
                old
            }
            (Some(ids), Some(_)) => {
                c.warnings.push(
                    "`[storage] moderator_role_ids` is ignored: `[moderation] role_ids` \
                     is set too and wins; remove the old key"
                        .into(),
                );
                ids
            }
            (None, None) => Vec::new(),
        };
        match s.backend.as_deref().map(str::trim) {
            None | Some("sqlite") => {}
            Some("postgres") => c.storage.backend = Backend::Postgres,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    key: "storage.backend",
                    message: redact_secrets(&format!(
                        "is `{other}`; it is \"sqlite\" (the default) or \"postgres\""
                    )),
                })
            }
        }
        c.storage.postgres_url = (env.database_url.clone())
            .or(s.postgres_url)
            .filter(|u| !u.trim().is_empty())
            .map(|u| DatabaseUrl::new(u.trim()));
        if let Some(days) = s.retention_days {
            if days == 0 {
                return Err(ConfigError::Invalid {
                    key: "storage.retention_days",
                    message: "must be at least 1".into(),
                });
            }
            c.storage.retention_days = days;
        }
        if let Some(n) = s.max_cached_guilds {
            if n == 0 {
                return Err(ConfigError::Invalid {
                    key: "storage.max_cached_guilds",
                    message: "must be at least 1".into(),
                });
            }
            c.storage.max_cached_guilds = n;
        }
        Ok(c)
    }

    /// The PostgreSQL URL, for [`Backend::Postgres`]: an error if neither
    /// `postgres_url` nor `CAREERBOT_DATABASE_URL` sets it.
    pub fn require_postgres_url(&self) -> Result<&DatabaseUrl, ConfigError> {
        self.storage
            .postgres_url
            .as_ref()
            .ok_or_else(|| ConfigError::Invalid {
                key: "storage.postgres_url",
                message: "is needed with backend = \"postgres\": set it, or \
                          CAREERBOT_DATABASE_URL (postgres://user:password@host:port/database)"
                    .into(),
            })
    }

    /// The token, for the one command that talks to Discord: an error if it
    /// is missing or malformed (without echoing it).
    pub fn require_token(&self) -> Result<&Token, ConfigError> {
        if self.discord.token_malformed {
            return Err(Token::malformed());
        }
        self.discord.token.as_ref().ok_or(ConfigError::NoToken)
    }

    /// Whether requests go somewhere other than Discord itself.
    pub fn uses_proxy(&self) -> bool {
        self.discord.api_url != DISCORD_API
    }
}

/// The shards from `shards` and `shard_range` (file or environment). A
/// range needs a fixed total, since every process must number the shards
/// the same way, and must lie within it: Discord closes a connection for a
/// shard past the total (4010), and serenity would retry it forever.
fn sharding(shards: Option<RawShards>, range: Option<&str>) -> Result<Sharding, ConfigError> {
    let invalid = |key, message| ConfigError::Invalid { key, message };
    let total = match shards {
        None => None,
        Some(RawShards::Word(w)) if w.trim() == "auto" => {
            return match range {
                None => Ok(Sharding::Auto),
                Some(_) => Err(invalid(
                    "discord.shard_range",
                    "needs a fixed total: set `discord.shards` (or CAREERBOT_SHARDS) to the \
                     number of shards every process shares, not \"auto\""
                        .into(),
                )),
            };
        }
        Some(RawShards::Word(w)) => Some(w.trim().parse::<i64>().map_err(|_| {
            invalid(
                "discord.shards",
                format!("is `{w}`; it must be \"auto\" or a number of shards"),
            )
        })?),
        Some(RawShards::Count(n)) => Some(n),
    };
    let total = match total {
        None => None,
        Some(n) if n < 1 => {
            return Err(invalid(
                "discord.shards",
                format!("is {n}; a bot runs at least 1 shard"),
            ))
        }
        Some(n) => Some(u32::try_from(n).map_err(|_| {
            invalid(
                "discord.shards",
                format!("is {n}, more than Discord allows"),
            )
        })?),
    };
    match (total, range) {
        (None, None) => Ok(Sharding::Fixed(ShardPlan::all(1))),
        (Some(n), None) => Ok(Sharding::Fixed(ShardPlan::all(n))),
        (None, Some(_)) => Err(invalid(
            "discord.shard_range",
            "needs a fixed total: set `discord.shards` (or CAREERBOT_SHARDS) to the number \
             of shards every process shares"
                .into(),
        )),
        (Some(n), Some(r)) => ShardPlan::parse_range(r, n)
            .map(Sharding::Fixed)
            .map_err(|message| invalid("discord.shard_range", message)),
    }
}

/// The database when none is configured: `data/careerbot.sqlite3` beside
/// the config file, or, without one, `careerbot/careerbot.sqlite3` in the
/// platform data directory (`$XDG_DATA_HOME`, `~/.local/share` on Linux), so
/// it does not depend on the directory a command is run from.
fn default_database(config_file: Option<&Path>) -> PathBuf {
    match config_file {
        Some(_) => beside(config_file, PathBuf::from("data/careerbot.sqlite3")),
        None => dirs::data_dir()
            .map(|d| d.join("careerbot").join("careerbot.sqlite3"))
            .unwrap_or_else(|| absolute(PathBuf::from("data/careerbot.sqlite3"))),
    }
}

/// `path` taken relative to the config file's directory (or the working
/// directory without a file), made absolute so it is stable and can be shown.
fn beside(config_file: Option<&Path>, path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        return path;
    }
    let dir = config_file
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty());
    absolute(match dir {
        Some(d) => d.join(path),
        None => path,
    })
}

fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB";

    #[test]
    fn token_shape_follows_serenity_validate() {
        // serenity's own cases.
        assert!(has_token_shape(
            "Mjg4NzYwMjQxMzYzODc3ODg4.C_ikow.j3VupLBuE1QWZng3TMGH0z_UAwg"
        ));
        assert!(!has_token_shape("Mjg4NzYwMjQxMzYzODc3ODg4"));
        assert!(!has_token_shape(""));
        // Its rules: three parts, none empty, after any "Bot " prefixes.
        assert!(has_token_shape(TOKEN));
        assert!(has_token_shape("a.b.c"));
        assert!(has_token_shape("Bot a.b.c"));
        assert!(has_token_shape("Bot Bot a.b.c"));
        for bad in [
            "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "..", "...", "Bot ", "Bot a.b",
        ] {
            assert!(!has_token_shape(bad), "{bad:?}");
        }
    }

    #[test]
    fn token_parse_strips_one_bot_prefix_and_refuses_whitespace() {
        assert_eq!(
            Token::parse(&format!(" Bot {TOKEN}\n")).unwrap().expose(),
            TOKEN
        );
        for bad in [
            "a.b c.d",
            "Bot  a.b.c",
            "Bot Bot a.b.c",
            "a.b.c\td",
            "a.b",
            "",
        ] {
            let e = Token::parse(bad).unwrap_err().to_string();
            assert!(e.contains("discord.token"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn defaults_without_a_file() {
        let c = Config::from_parts(None, None, None).unwrap();
        assert!(c.discord.token.is_none());
        assert_eq!(c.discord.api_url, DISCORD_API);
        assert!(!c.uses_proxy());
        assert_eq!(c.storage.retention_days, 90);
        assert_eq!(c.storage.max_cached_guilds, DEFAULT_MAX_CACHED_GUILDS);
    }

    #[test]
    fn environment_token_overrides_the_file() {
        let text = "[discord]\ntoken = \"a.b.c\"\n";
        let c = Config::from_parts(Some(text), None, Some(TOKEN)).unwrap();
        assert_eq!(c.discord.token.unwrap().expose(), TOKEN);
    }

    #[test]
    fn token_never_shows_in_debug_or_display() {
        let c = Config::from_parts(None, None, Some(TOKEN)).unwrap();
        let shown = format!("{c:?} {}", c.discord.token.as_ref().unwrap());
        assert!(!shown.contains("GabcDE"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn malformed_token_is_refused_without_echoing_it() {
        let c = Config::from_parts(None, None, Some("not-a-token")).unwrap();
        let e = c.require_token().unwrap_err();
        assert!(e.to_string().contains("discord.token"));
        assert!(!e.to_string().contains("not-a-token"));
    }

    #[test]
    fn a_malformed_token_does_not_stop_offline_settings_loading() {
        let c =
            Config::from_parts(Some("[discord]\ncooldown_seconds = 5"), None, Some("x y")).unwrap();
        assert_eq!(c.discord.cooldown_seconds, 5);
        assert!(c.discord.token.is_none());
        let c = Config::from_parts(None, None, None).unwrap();
        assert!(matches!(c.require_token(), Err(ConfigError::NoToken)));
    }

    #[test]
    fn a_token_in_the_wrong_field_is_redacted_from_the_error() {
        let text = format!("[discord]\ndev_guild_id = \"{TOKEN}\"\n");
        let e = Config::from_parts(Some(&text), Some("c.toml".into()), None).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.contains("c.toml") && shown.contains("<redacted>"),
            "{shown}"
        );
        assert!(!shown.contains("GabcDE"), "{shown}");
    }

    #[test]
    fn redaction_keeps_ordinary_words_and_urls() {
        let s = "see careerbot.example.toml or http://127.0.0.1:9 and 1.2.3";
        assert_eq!(redact_secrets(s), s);
        assert_eq!(
            redact_secrets(&format!("token `{TOKEN}`!")),
            "token `<redacted>`!"
        );
    }

    #[test]
    fn url_passwords_are_redacted() {
        assert_eq!(
            redact_secrets("x = \"postgres://bot:hunter22@db:5432/careerbot\" y"),
            "x = \"postgres://bot:<redacted>@db:5432/careerbot\" y"
        );
        assert_eq!(
            redact_secrets("host=db password=hunter22 user=bot"),
            "host=db password=<redacted> user=bot"
        );
        let plain = "see https://discord.com/developers and postgres://db/careerbot";
        assert_eq!(redact_secrets(plain), plain);
    }

    #[test]
    fn the_postgres_backend_and_its_url_load_and_never_show() {
        let c = Config::from_parts(
            Some("[storage]\nbackend = \"postgres\"\npostgres_url = \"postgres://bot:hunter22@db/careerbot\"\n"),
            None,
            None,
        )
        .unwrap();
        assert_eq!(c.storage.backend, Backend::Postgres);
        let url = c.require_postgres_url().unwrap();
        assert_eq!(url.expose(), "postgres://bot:hunter22@db/careerbot");
        let shown = format!("{c:?} {url}");
        assert!(!shown.contains("hunter22"), "{shown}");
        let d = Config::from_parts(None, None, None).unwrap();
        assert_eq!(d.storage.backend, Backend::Sqlite, "SQLite by default");
        assert!(d.require_postgres_url().is_err());
        let e = Config::from_parts(Some("[storage]\nbackend = \"mysql\"\n"), None, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("storage.backend"), "{e}");
        // A TOML error quoting the line does not show the password either.
        let e = Config::from_parts(
            Some("[storage]\npostgres_url = \"postgres://bot:hunter22@db/careerbot\" x\n"),
            None,
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(!e.contains("hunter22"), "{e}");
    }

    #[test]
    fn an_empty_database_path_is_refused() {
        let e = Config::from_parts(Some("[storage]\ndatabase = \"\""), None, None).unwrap_err();
        assert!(e.to_string().contains("storage.database"), "{e}");
    }

    #[test]
    fn the_database_lives_beside_the_config_file() {
        let file = Path::new("/srv/careerbot/careerbot.toml");
        let c = Config::from_parts(Some(""), Some(file.into()), None).unwrap();
        assert_eq!(
            c.storage.database,
            Path::new("/srv/careerbot/data/careerbot.sqlite3")
        );
        let c = Config::from_parts(
            Some("[storage]\ndatabase = \"db/x.sqlite3\""),
            Some(file.into()),
            None,
        )
        .unwrap();
        assert_eq!(c.storage.database, Path::new("/srv/careerbot/db/x.sqlite3"));
        let c = Config::from_parts(None, None, None).unwrap();
        assert!(c.storage.database.is_absolute(), "{:?}", c.storage.database);
    }

    #[test]
    fn bad_values_name_their_setting() {
        for (text, key) in [
            ("[discord]\napi_url = \"ftp://x\"", "discord.api_url"),
            (
                "[discord]\nhelp_channel_confidence = 1.5",
                "discord.help_channel_confidence",
            ),
            (
                "[discord]\nhelp_channel_ids = [0]",
                "discord.help_channel_ids",
            ),
            ("[storage]\nretention_days = 0", "storage.retention_days"),
            (
                "[storage]\nmax_cached_guilds = 0",
                "storage.max_cached_guilds",
            ),
        ] {
            let e = Config::from_parts(Some(text), None, None).unwrap_err();
            assert!(e.to_string().contains(key), "{text}: {e}");
        }
        let e = Config::from_parts(Some("[discord]\ncolour = 1"), Some("c.toml".into()), None)
            .unwrap_err();
        assert!(
            e.to_string().contains("unknown field `colour`") && e.to_string().contains("c.toml"),
            "{e}"
        );
        let e = Config::from_parts(Some("[discord]\ncooldown_seconds = \"3\""), None, None)
            .unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
    }

    #[test]
    fn the_example_config_is_valid_and_documents_every_setting() {
        let text = include_str!("../config.example.toml");
        let c = Config::from_parts(Some(text), None, None).unwrap();
        assert_eq!(c.discord.api_url, DISCORD_API);
        // The privileged intent stays off until asked for, by default and in
        // the example, which shows the line that turns it on.
        assert!(!c.discord.message_content && !Config::default().discord.message_content);
        assert!(text.contains("#   message_content = true"));
        assert!(text.contains("[moderation]") && !text.contains("moderator_role_ids ="));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for key in [
            "token",
            "api_url",
            "dev_guild_id",
            "help_channel_ids",
            "message_content",
            "cooldown_seconds",
            "help_channel_confidence",
            "dir",
            "database",
            "role_ids",
            "retention_days",
            "shards",
            "shard_range",
            "register_commands",
        ] {
            assert!(
                text.contains(&format!("{key} =")),
                "config.example.toml does not document {key}"
            );
        }
    }

    #[test]
    fn moderator_roles_load_from_the_moderation_table() {
        let c = Config::from_parts(Some("[moderation]\nrole_ids = [7, 8]"), None, None).unwrap();
        assert_eq!(c.moderation.role_ids, [7, 8]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let c = Config::from_parts(Some(""), None, None).unwrap();
        assert!(c.moderation.role_ids.is_empty() && c.warnings.is_empty());
    }

    #[test]
    fn the_old_storage_key_still_loads_with_a_warning() {
        let text = "[storage]\nmoderator_role_ids = [7]\nretention_days = 5";
        let c = Config::from_parts(Some(text), None, Some(TOKEN)).unwrap();
        assert_eq!(c.moderation.role_ids, [7]);
        assert_eq!(c.storage.retention_days, 5);
        assert_eq!(c.discord.token.unwrap().expose(), TOKEN);
        let [w] = c.warnings.as_slice() else {
            panic!("one warning expected: {:?}", c.warnings);
        };
        assert!(
            w.contains("[storage] moderator_role_ids")
                && w.contains("[moderation] role_ids")
                && w.contains("deprecated"),
            "{w}"
        );
    }

    #[test]
    fn the_moderation_table_wins_over_the_old_key_and_the_warning_says_so() {
        let text = "[storage]\nmoderator_role_ids = [7]\n[moderation]\nrole_ids = [9]";
        let c = Config::from_parts(Some(text), None, None).unwrap();
        assert_eq!(c.moderation.role_ids, [9]);
        let [w] = c.warnings.as_slice() else {
            panic!("one warning expected: {:?}", c.warnings);
        };
        assert!(w.contains("ignored") && w.contains("wins"), "{w}");
    }

    #[test]
    fn unknown_moderation_keys_are_refused() {
        let e = Config::from_parts(
            Some("[moderation]\nroles = [1]"),
            Some("c.toml".into()),
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown field `roles`"), "{e}");
    }

    fn sharding_of(text: &str) -> Result<Sharding, String> {
        Config::from_parts(Some(text), None, None)
            .map(|c| c.discord.sharding)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn without_shard_settings_one_process_runs_one_shard_and_registers() {
        let c = Config::from_parts(None, None, None).unwrap();
        assert_eq!(c.discord.sharding, Sharding::Fixed(ShardPlan::all(1)));
        assert_eq!(c.discord.register_commands, RegisterCommands::Auto);
        assert!(c.discord.register_commands.at_start(&ShardPlan::all(1)));
    }

    #[test]
    fn shards_are_auto_a_count_or_a_range_of_a_count() {
        assert_eq!(
            sharding_of("[discord]\nshards = \"auto\""),
            Ok(Sharding::Auto)
        );
        assert_eq!(
            sharding_of("[discord]\nshards = 4"),
            Ok(Sharding::Fixed(ShardPlan::all(4)))
        );
        assert_eq!(
            sharding_of("[discord]\nshards = 4\nshard_range = \"2-3\""),
            Ok(Sharding::Fixed(ShardPlan::new(2, 3, 4).unwrap()))
        );
        assert_eq!(Sharding::Auto.resolve(3), ShardPlan::all(3));
    }

    #[test]
    fn impossible_shard_settings_are_refused_naming_the_setting() {
        for (text, key, says) in [
            ("shards = 0", "discord.shards", "at least 1"),
            ("shards = -2", "discord.shards", "at least 1"),
            (
                "shards = \"many\"",
                "discord.shards",
                "\"auto\" or a number",
            ),
            (
                "shards = 4\nshard_range = \"2-4\"",
                "discord.shard_range",
                "4010",
            ),
            (
                "shards = 4\nshard_range = \"3-1\"",
                "discord.shard_range",
                "smaller number first",
            ),
            (
                "shards = 4\nshard_range = \"x\"",
                "discord.shard_range",
                "FIRST-LAST",
            ),
            (
                "shard_range = \"0-1\"",
                "discord.shard_range",
                "fixed total",
            ),
            (
                "shards = \"auto\"\nshard_range = \"0-1\"",
                "discord.shard_range",
                "fixed total",
            ),
            (
                "register_commands = \"sometimes\"",
                "discord.register_commands",
                "\"never\"",
            ),
        ] {
            let e = sharding_of(&format!("[discord]\n{text}")).unwrap_err();
            assert!(e.contains(key) && e.contains(says), "{text}: {e}");
        }
        for text in ["shards = 1.5", "shards = true"] {
            let e = sharding_of(&format!("[discord]\n{text}")).unwrap_err();
            assert!(
                e.contains("shards") && e.contains("\"auto\" or a number"),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn the_environment_names_the_range_of_a_templated_unit() {
        let env = Environment {
            shard_range: Some("2-3".into()),
            ..Environment::default()
        };
        let c = Config::from_env(
            Some("[discord]\nshards = 4\nshard_range = \"0-1\""),
            None,
            &env,
        )
        .unwrap();
        assert_eq!(
            c.discord.sharding,
            Sharding::Fixed(ShardPlan::new(2, 3, 4).unwrap())
        );
        let env = Environment {
            shards: Some("8".into()),
            shard_range: Some("4-7".into()),
            ..Environment::default()
        };
        let c = Config::from_env(None, None, &env).unwrap();
        assert_eq!(
            c.discord.sharding,
            Sharding::Fixed(ShardPlan::new(4, 7, 8).unwrap())
        );
        let env = Environment {
            shard_range: Some("4-7".into()),
            ..Environment::default()
        };
        let e = Config::from_env(Some("[discord]\nshards = 4"), None, &env).unwrap_err();
        let e = e.to_string();
        assert!(
            e.contains("discord.shard_range") && e.contains("CAREERBOT_SHARD_RANGE=4-7"),
            "{e}"
        );
    }

    #[test]
    fn only_the_shard_0_process_registers_and_never_means_never() {
        let low = ShardPlan::new(0, 1, 4).unwrap();
        let high = ShardPlan::new(2, 3, 4).unwrap();
        assert!(RegisterCommands::Auto.at_start(&low));
        assert!(!RegisterCommands::Auto.at_start(&high));
        assert!(!RegisterCommands::Never.at_start(&low));
        let c = Config::from_parts(Some("[discord]\nregister_commands = \"never\""), None, None)
            .unwrap();
        assert_eq!(c.discord.register_commands, RegisterCommands::Never);
        let env = Environment {
            register_commands: Some("never".into()),
            ..Environment::default()
        };
        let c =
            Config::from_env(Some("[discord]\nregister_commands = \"auto\""), None, &env).unwrap();
        assert_eq!(c.discord.register_commands, RegisterCommands::Never);
    }

    #[test]
    fn api_url_loses_its_trailing_slash_and_marks_a_proxy() {
        let c = Config::from_parts(
            Some("[discord]\napi_url = \"http://127.0.0.1:8080/\""),
            None,
            None,
        )
        .unwrap();
        assert_eq!(c.discord.api_url, "http://127.0.0.1:8080");
        assert!(c.uses_proxy());
    }
}
