//! The `careerbot` command line: argument parsing and the offline front ends
//! (`ask`, `topics`, `topic`, `check`, `chat`), operators' commands (`kb`,
//! `db`, `register-commands`) and generated docs (`completions`, `man`).
//! Each command is parse, run the engine, render; `term` lays replies out
//! for a terminal; `main.rs` only calls [`main`].

mod chat;
pub mod db;
pub mod kb;
pub mod term;

pub use chat::Chat;

use crate::config::Config;
use crate::engine::Engine;
use crate::knowledge::KnowledgeBase;
use crate::reply::{render_markdown, Reply, MESSAGE_LIMIT};
use crate::service::{Mode, Service};
use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "careerbot",
    version,
    about = "Answers questions about back-end developer careers from one article"
)]
pub struct Cli {
    /// The knowledge directory (default: `[knowledge] dir` from the config, else
    /// ./knowledge, else the one shipped with the source).
    #[arg(long, global = true, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,
    /// The config file (default: $CAREERBOT_CONFIG, else ./careerbot.toml if it exists).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Discord bot (needs DISCORD_TOKEN or `[discord] token`).
    Run,
    /// Register the slash commands with Discord over HTTP, then exit: the
    /// deploy step for bots run with `[discord] register_commands = "never"`.
    RegisterCommands {
        /// Register in this one server (appears at once) instead of globally
        /// (default: `[discord] dev_guild_id` if set, else globally).
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
        guild: Option<u64>,
    },
    /// Answer one question; with --json and no question, answer stdin line by line.
    Ask {
        /// Print one JSON object per question.
        #[arg(long)]
        json: bool,
        /// Also print, on stderr, the question's terms and the best-scoring sections
        /// (with --json and stdin: the decision's features in each JSON line).
        #[arg(long)]
        explain: bool,
        /// The question (several words are joined).
        question: Vec<String>,
    },
    /// List the topics the bot can answer.
    Topics,
    /// Show one topic by id or name.
    Topic {
        #[arg(value_name = "ID_OR_NAME")]
        name: Vec<String>,
    },
    /// Validate a knowledge directory and list every problem.
    Check,
    /// Ask questions in the terminal, with the bot's slash commands and /kb.
    Chat {
        /// The server whose curation the chat uses and changes (0: this terminal's own).
        #[arg(long, default_value_t = 0)]
        guild: u64,
    },
    /// Curate a server's answers: export, import, report, history, undo.
    #[command(subcommand)]
    Kb(kb::KbCommand),
    /// Back up, restore, or copy to PostgreSQL, the curation database.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    Man,
}

/// Runs the command line and returns the process exit code. Errors are
/// printed once, with their causes, and anything in them that looks like a
/// token redacted. A reader that stops early (`| head`) ends the command
/// quietly.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let shown = crate::config::redact_secrets(&format!("{e:#}"));
            // Even a closed stderr must not turn an error into a panic.
            let _ = writeln!(std::io::stderr(), "error: {shown}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// What every write to standard output says when it fails (a full disk,
/// a closed pipe).
const STDOUT: &str = "cannot write to standard output";

fn run(cli: Cli) -> Result<ExitCode> {
    let command = cli.command;
    let config = || Config::load(cli.config.as_deref()).context("bad configuration");
    let dir = |config: &Config| {
        knowledge_dir(cli.knowledge.as_deref().or(config.knowledge_dir.as_deref()))
    };
    let mut out = std::io::stdout().lock();
    match command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "careerbot", &mut out);
        }
        Some(Command::Man) => clap_mangen::Man::new(Cli::command()).render(&mut out)?,
        Some(Command::Check) => return check(&dir(&config()?)),
        Some(Command::Run) => {
            let config = config()?;
            let dir = dir(&config);
            return run_bot(config, &dir);
        }
        Some(Command::RegisterCommands { guild }) => {
            let config = config()?;
            let guild = guild.or(config.discord.dev_guild_id);
            config.require_token()?;
            let count =
                runtime().block_on(crate::discord::register_commands_once(&config, guild))?;
            let place = match guild {
                Some(g) => format!("in server {g}"),
                None => "globally (they can take up to an hour to appear everywhere)".into(),
            };
            writeln!(out, "registered {count} slash commands {place}").context(STDOUT)?;
        }
        None => {
            let config = config()?;
            let dir = dir(&config);
            if config.discord.token.is_some() || config.discord.token_malformed {
                return run_bot(config, &dir);
            }
            eprintln!(
                "No Discord token is configured, so this is the terminal chat.\n\
                 To run the Discord bot, set DISCORD_TOKEN (or [discord] token in careerbot.toml); see README.md."
            );
            return chat(&config, load(&dir)?, 0);
        }
        Some(Command::Chat { guild }) => {
            let config = config()?;
            return chat(&config, load(&dir(&config))?, guild);
        }
        Some(Command::Db(cmd)) => {
            let config = config()?;
            writeln!(out, "{}", db::run(&config, cmd)?).context(STDOUT)?;
        }
        Some(Command::Kb(cmd)) => {
            let config = config()?;
            let engine = load(&dir(&config))?;
            let service = open_service(&config, engine, cmd.may_create_database())?;
            match kb::run(&service, cmd) {
                Ok(text) => writeln!(out, "{}", text.trim_end()).context(STDOUT)?,
                Err(crate::curation::CurationError::Invalid(problems)) => {
                    eprintln!("nothing was changed:");
                    for p in problems {
                        eprintln!("  - {p}");
                    }
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Some(Command::Ask {
            json,
            explain,
            question,
        }) => {
            let service = Service::offline(load(&dir(&config()?))?);
            if question.is_empty() {
                if !json {
                    anyhow::bail!("give a question, or use --json to answer questions from stdin");
                }
                let stdin = std::io::stdin().lock();
                return match explain {
                    true => each_line(stdin, &mut out, |q| service.explain_json(None, q)),
                    false => batch(&service, stdin, &mut out),
                }
                .context(STDOUT)
                .map(|_| ExitCode::SUCCESS);
            }
            let question = question.join(" ");
            if explain {
                eprintln!("{}", service.explain(None, &question));
            }
            let reply = service.ask(None, &question, Mode::Asked);
            let text = match json {
                true => crate::reply::json::line(&reply),
                false => render_for_person(&reply),
            };
            writeln!(out, "{text}").context(STDOUT)?;
        }
        Some(Command::Topics) => {
            let service = Service::offline(load(&dir(&config()?))?);
            for t in service.topics(None) {
                writeln!(out, "{:<16} {}", t.id, t.title).context(STDOUT)?;
            }
        }
        Some(Command::Topic { name }) => {
            let service = Service::offline(load(&dir(&config()?))?);
            let name = name.join(" ");
            let Some(reply) = service.topic(None, &name) else {
                eprintln!("No topic matches \"{name}\". `careerbot topics` lists them.");
                return Ok(ExitCode::FAILURE);
            };
            writeln!(out, "{}", render_markdown(&reply, MESSAGE_LIMIT)).context(STDOUT)?;
        }
    }
    out.flush().context(STDOUT)?;
    Ok(ExitCode::SUCCESS)
}

/// A runtime for the service's async calls from synchronous code.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime always builds")
}

/// Runs the Discord bot until Ctrl-C or SIGTERM, with logs on stderr
/// (`RUST_LOG`, default `info`).
fn run_bot(config: Config, dir: &Path) -> Result<ExitCode> {
    init_logging("info");
    config.require_token()?;
    let engine = load(dir)?;
    tracing::info!(
        sections = engine.knowledge().sections().len(),
        knowledge = %dir.display(),
        "knowledge loaded"
    );
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(crate::discord::run(config, engine))?;
    Ok(ExitCode::SUCCESS)
}

/// Logs to stderr, filtered by `RUST_LOG` (or `default`); colours only
/// when stderr is a terminal, so log files and journals get plain text.
pub fn init_logging(default: &str) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// The knowledge directory: the one given, else `./knowledge`, else the one
/// beside the source this binary was built from.
pub fn knowledge_dir(given: Option<&Path>) -> PathBuf {
    if let Some(dir) = given {
        return dir.to_path_buf();
    }
    let local = PathBuf::from("knowledge");
    if local.join("article.toml").exists() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The service over the curation store from the config. With `create`,
/// the database is created on first use; without, a missing one is an error
/// rather than a new empty file.
fn open_service(config: &Config, engine: Engine, create: bool) -> Result<Service> {
    use crate::curation::CurationError;
    let path = &config.storage.database;
    let days = config.storage.retention_days;
    let sqlite = |opened: Result<Service, CurationError>| {
        opened.map_err(|e| match e {
            e @ CurationError::Missing(_) => anyhow::Error::new(e),
            e => anyhow::Error::new(e).context(format!(
                "cannot open the curation database {}",
                path.display()
            )),
        })
    };
    let service = match (config.storage.backend, create) {
        (crate::config::Backend::Postgres, _) => open_postgres(config, engine)?,
        (_, true) => sqlite(Service::open(engine, path, days))?,
        (_, false) => sqlite(Service::open_existing(engine, path, days))?,
    };
    Ok(service.with_max_cached_guilds(config.storage.max_cached_guilds))
}

/// The runtime PostgreSQL connections live on for the rest of the process,
/// so the commands' short-lived runtimes (and plain threads) can wait on them.
fn postgres_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("careerbot-postgres")
            .enable_all()
            .build()
            .expect("a small runtime builds")
    })
}

/// The service over the PostgreSQL store from the config.
fn open_postgres(config: &Config, engine: Engine) -> Result<Service> {
    let url = config.require_postgres_url()?;
    postgres_runtime()
        .block_on(Service::open_postgres(
            engine,
            url,
            config.storage.retention_days,
        ))
        .context("cannot open the PostgreSQL curation database ([storage] postgres_url)")
}

fn load(dir: &Path) -> Result<Engine> {
    Service::load_knowledge(dir)
        .with_context(|| format!("cannot load the knowledge in {}", dir.display()))
}

fn check(dir: &Path) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let code = match KnowledgeBase::load(dir) {
        Ok(kb) => {
            let uncovered = kb.uncovered_paragraphs();
            for p in &uncovered {
                writeln!(
                    out,
                    "{}: no section covers this paragraph: \"{}\"",
                    dir.join("article.toml").display(),
                    crate::reply::truncate_on_word(p, 80)
                )
                .context(STDOUT)?;
            }
            if uncovered.is_empty() {
                writeln!(
                    out,
                    "{}: ok ({} sections, {} quotes, {} synonym groups)",
                    dir.display(),
                    kb.sections().len(),
                    kb.sections().iter().map(|s| s.quotes.len()).sum::<usize>(),
                    kb.synonyms().len()
                )
                .context(STDOUT)?;
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            writeln!(out, "{e}").context(STDOUT)?;
            ExitCode::FAILURE
        }
    };
    out.flush().context(STDOUT)?;
    Ok(code)
}

/// The most of one input line that is kept: enough bytes for the
/// [`MAX_CHARS`](crate::search::MAX_CHARS) characters a question is read to;
/// the rest of a longer line is skipped as it is read, never held.
pub const MAX_LINE_BYTES: usize = crate::search::MAX_CHARS * 4;

/// Answers every line of `input` with one JSON line, in order. Lines that are
/// not UTF-8 are read leniently rather than stopping the batch.
pub fn batch(service: &Service, input: impl BufRead, out: &mut impl Write) -> Result<()> {
    each_line(input, out, |q| {
        crate::reply::json::line(&service.ask(None, q, Mode::Asked))
    })
}

/// Writes `answer(line)` for every line of `input`, each read up to
/// [`MAX_LINE_BYTES`] and without its line ending.
fn each_line(
    mut input: impl BufRead,
    out: &mut impl Write,
    answer: impl Fn(&str) -> String,
) -> Result<()> {
    let mut line = Vec::new();
    while crate::input::read_line_capped(&mut input, MAX_LINE_BYTES, &mut line)? > 0 {
        let text = String::from_utf8_lossy(&line);
        writeln!(out, "{}", answer(text.trim_end_matches(['\n', '\r'])))?;
    }
    out.flush()?;
    Ok(())
}

/// A reply for a person in a terminal: the Markdown, plus the alternatives.
pub fn render_for_person(reply: &Reply) -> String {
    let mut s = render_markdown(reply, MESSAGE_LIMIT);
    if reply.answered() && !reply.suggestions.is_empty() {
        let titles: Vec<&str> = reply.suggestions.iter().map(|t| t.title.as_str()).collect();
        s.push_str(&format!("\n\nDid you mean: {}", titles.join(" · ")));
    }
    s
}

/// The terminal chat, curating server `guild`; without a usable database it
/// still answers, and says why `/kb` is off. At a terminal, lines are read
/// with editing and history (kept beside the database); piped, plainly.
/// Replies are rendered for the terminal either way.
fn chat(config: &Config, engine: Engine, guild: u64) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let service = match open_service(config, engine.clone(), true) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("warning: {e:#}; /kb is off in this chat");
            Service::offline(engine)
        }
    };
    let mut chat = Chat::new(service, guild);
    let style = term::Style::for_stdout();
    let say = |text: &str| println!("{}\n", term::render(text, style));
    if !std::io::stdin().is_terminal() {
        let mut input = std::io::stdin().lock();
        let mut line = Vec::new();
        loop {
            if crate::input::read_line_capped(&mut input, MAX_LINE_BYTES, &mut line)? == 0 {
                break;
            }
            match chat.handle(String::from_utf8_lossy(&line).trim()) {
                Some(reply) => say(&reply),
                None => break,
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    say(&chat.greeting());
    let history = config.storage.database.with_file_name("chat_history.txt");
    let mut editor = rustyline::DefaultEditor::new().context("cannot read the terminal")?;
    let _ = editor.load_history(&history);
    loop {
        match editor.readline("you> ") {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                match chat.handle(&line) {
                    Some(reply) => say(&reply),
                    None => break,
                }
            }
            Err(
                rustyline::error::ReadlineError::Interrupted | rustyline::error::ReadlineError::Eof,
            ) => break,
            Err(e) => return Err(e).context("cannot read the terminal"),
        }
    }
    if let Some(dir) = history.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = editor.save_history(&history);
    Ok(ExitCode::SUCCESS)
}
