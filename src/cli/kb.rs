//! Curation from the terminal: `careerbot kb ...` for operators, and the
//! `/kb ...` lines of `careerbot chat`, where the local user is the
//! moderator. The moderator actions and their syntax come from the core's
//! table ([`ACTIONS`]); both front ends parse with it and call the service.

use crate::curation::{action, Action, Actor, CurationError, ImportMode, ACTIONS};
use crate::service::Service;
use clap::{Arg, ArgMatches, Command, FromArgMatches, Subcommand};
use std::path::{Path, PathBuf};

/// The `careerbot kb` commands that are not moderator actions.
#[derive(Debug, Subcommand)]
pub enum KbTool {
    /// Print a server's curation as TOML (or write it to --out).
    Export {
        #[arg(long)]
        guild: u64,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace a server's curation with a file from `export`, or add it with
    /// --merge; all or nothing, one change.
    Import {
        #[arg(long)]
        guild: u64,
        /// Add the file's changes to what the server has instead of replacing it.
        #[arg(long)]
        merge: bool,
        file: PathBuf,
    },
    /// The questions declined most often, link candidates, and the answers with the most 👎.
    Report {
        #[arg(long)]
        guild: u64,
    },
    /// Recent changes: who, when, what.
    History {
        #[arg(long)]
        guild: u64,
        #[arg(long, default_value_t = 20)]
        count: usize,
    },
    /// Revert the most recent change, or --change N.
    Undo {
        #[arg(long)]
        guild: u64,
        #[arg(long)]
        change: Option<i64>,
    },
}

/// A `careerbot kb` command: a tool, or a moderator action from [`ACTIONS`]
/// (`careerbot kb add-keyword --guild 1 salary dough`).
#[derive(Debug)]
pub enum KbCommand {
    Tool(KbTool),
    Action {
        action: &'static str,
        guild: u64,
        args: String,
    },
}

impl KbCommand {
    /// Whether the command may create the database: `import` and the
    /// actions bring something to store; the others read (or undo what is
    /// stored) and must not leave an empty database behind.
    pub fn may_create_database(&self) -> bool {
        !matches!(
            self,
            KbCommand::Tool(KbTool::Export { .. } | KbTool::Report { .. })
                | KbCommand::Tool(KbTool::History { .. } | KbTool::Undo { .. })
        )
    }
}

fn action_command(a: &Action) -> Command {
    Command::new(a.name)
        .about(a.about)
        .arg(
            Arg::new("guild")
                .long("guild")
                .required(true)
                .value_parser(clap::value_parser!(u64)),
        )
        .arg(
            Arg::new("args")
                .value_name(a.args)
                .required(true)
                .num_args(1..)
                .trailing_var_arg(true),
        )
}

impl FromArgMatches for KbCommand {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        match m.subcommand() {
            Some((name, sub)) if action(name).is_some() => Ok(KbCommand::Action {
                action: action(name).map(|a| a.name).unwrap_or_default(),
                guild: *sub.get_one::<u64>("guild").expect("required"),
                args: sub
                    .get_many::<String>("args")
                    .map(|v| v.cloned().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default(),
            }),
            _ => KbTool::from_arg_matches(m).map(KbCommand::Tool),
        }
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = KbCommand::from_arg_matches(m)?;
        Ok(())
    }
}

impl Subcommand for KbCommand {
    fn augment_subcommands(cmd: Command) -> Command {
        ACTIONS
            .iter()
            .fold(KbTool::augment_subcommands(cmd), |cmd, a| {
                cmd.subcommand(action_command(a))
            })
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        KbCommand::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        KbTool::has_subcommand(name) || action(name).is_some()
    }
}

/// A curation file, read within the size `import` accepts (regular files only).
fn read_curation_file(path: &Path) -> Result<String, CurationError> {
    crate::input::read_file(path, crate::curation::MAX_FILE_BYTES as u64)
        .map_err(|e| CurationError::failed(format!("cannot read {}", path.display()), e))
}

/// Runs an operator's `careerbot kb` command; the text to print, or the error.
pub fn run(service: &Service, cmd: KbCommand) -> Result<String, CurationError> {
    let rt = runtime();
    let actor = Actor::local();
    match cmd {
        KbCommand::Action {
            action: name,
            guild,
            args,
        } => {
            let op = action(name)
                .expect("parsed from the table")
                .parse(&args)
                .map_err(|usage| CurationError::Invalid(vec![usage]))?;
            let c = rt.block_on(service.curate(guild, &actor, op))?;
            Ok(format!("change #{}: {}", c.id, c.summary))
        }
        KbCommand::Tool(KbTool::Export { guild, out: None }) => service.export(guild),
        KbCommand::Tool(KbTool::Export {
            guild,
            out: Some(path),
        }) => {
            std::fs::write(&path, service.export(guild)?).map_err(|e| {
                CurationError::failed(format!("cannot write {}", path.display()), e)
            })?;
            Ok(format!("wrote {}", path.display()))
        }
        KbCommand::Tool(KbTool::Import { guild, merge, file }) => {
            let text = read_curation_file(&file)?;
            let c = rt.block_on(service.import(guild, &actor, &text, import_mode(merge)))?;
            Ok(format!(
                "change #{}: {} ({})",
                c.id,
                c.summary,
                file.display()
            ))
        }
        KbCommand::Tool(KbTool::Report { guild }) => rt.block_on(service.report_text(guild, date)),
        KbCommand::Tool(KbTool::History { guild, count }) => history(service, &rt, guild, count),
        KbCommand::Tool(KbTool::Undo { guild, change }) => {
            Ok(rt.block_on(service.undo(guild, &actor, change))?.summary)
        }
    }
}

fn import_mode(merge: bool) -> ImportMode {
    if merge {
        ImportMode::Merge
    } else {
        ImportMode::Replace
    }
}

/// A runtime for the service's async calls from synchronous code.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime always builds")
}

fn history(
    service: &Service,
    rt: &tokio::runtime::Runtime,
    guild: u64,
    count: usize,
) -> Result<String, CurationError> {
    let changes = rt.block_on(service.history(guild, count))?;
    if changes.is_empty() {
        return Ok("no changes yet".into());
    }
    let lines: Vec<String> = changes.iter().map(|c| c.line(date)).collect();
    Ok(lines.join("\n"))
}

/// A unix time as UTC "YYYY-MM-DD HH:MM".
fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map_or_else(
        || t.to_string(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// The chat's `/kb` help, from the same table as the commands.
pub fn chat_help() -> String {
    let mut s = String::from("Curation (you are the moderator here):");
    for a in ACTIONS {
        s.push_str(&format!("\n  /kb {:<42} {}", a.usage(), a.about));
    }
    s.push_str(
        "\n  /kb report   /kb history [N]   /kb undo [CHANGE]\
         \n  /kb export [FILE]   /kb import [--merge] FILE   (import replaces unless --merge)",
    );
    s
}

/// Runs one `/kb ...` line of the chat for `guild`.
pub fn chat_command(
    service: &Service,
    rt: &tokio::runtime::Runtime,
    guild: u64,
    line: &str,
) -> String {
    let line = line.trim();
    let (sub, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(a, b)| (a, b.trim()));
    let actor = Actor::local();
    let done = |r: Result<crate::curation::Change, CurationError>| match r {
        Ok(c) => format!(
            "done (change #{}): {}. It applies to the next question; /kb undo reverts it.",
            c.id, c.summary
        ),
        Err(e) => refused(&e),
    };
    if let Some(a) = action(sub) {
        return match a.parse(rest) {
            Ok(op) => done(rt.block_on(service.curate(guild, &actor, op))),
            Err(usage) => usage,
        };
    }
    let result = match (sub, rest) {
        ("report", _) => rt.block_on(service.report_text(guild, date)),
        ("history", n) => history(service, rt, guild, n.parse().unwrap_or(20)),
        ("undo", "") => rt
            .block_on(service.undo(guild, &actor, None))
            .map(|c| c.summary),
        ("undo", n) => match n.trim_start_matches('#').parse() {
            Ok(n) => rt
                .block_on(service.undo(guild, &actor, Some(n)))
                .map(|c| c.summary),
            Err(_) => return "usage: /kb undo [CHANGE NUMBER]".into(),
        },
        ("export", "") => service.export(guild),
        ("export", file) => service.export(guild).and_then(|text| {
            std::fs::write(file, text)
                .map(|()| format!("wrote {file}"))
                .map_err(|e| CurationError::failed(format!("cannot write {file}"), e))
        }),
        ("import", args) if !args.is_empty() => {
            let (merge, file) = match args.strip_prefix("--merge") {
                Some(file) => (true, file.trim()),
                None => (false, args),
            };
            return match read_curation_file(Path::new(file)) {
                Ok(text) => {
                    done(rt.block_on(service.import(guild, &actor, &text, import_mode(merge))))
                }
                Err(e) => crate::error_chain(&e),
            };
        }
        ("import", _) => return "usage: /kb import [--merge] FILE".into(),
        _ => return chat_help(),
    };
    result.unwrap_or_else(|e| refused(&e))
}

fn refused(e: &CurationError) -> String {
    match e {
        CurationError::Invalid(p) => format!("nothing was changed:\n  - {}", p.join("\n  - ")),
        other => format!("nothing was changed: {}", crate::error_chain(other)),
    }
}
