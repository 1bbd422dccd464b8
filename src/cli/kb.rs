//! `careerbot kb ...`: curation for operators. The moderator actions and
//! their syntax come from the core's table ([`ACTIONS`]), as they do for the
//! chat's `/kb` lines (`chat`); both parse with it and call the service.

use crate::curation::{action, Action, Actor, CurationError, ImportMode, ACTIONS};
use crate::service::Service;
use clap::{Arg, ArgMatches, Command, FromArgMatches, Subcommand};
use std::path::{Path, PathBuf};

/// A `careerbot kb` command: a moderator action from [`ACTIONS`]
/// (`careerbot kb add-keyword --guild 1 salary dough`), or one of these.
#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Print a server's curation as TOML (or write it to --out).
    Export {
        #[arg(long)]
        guild: u64,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace a server's curation with a file from `export` (or add it with
    /// --merge); all or nothing, one change.
    Import {
        #[arg(long)]
        guild: u64,
        /// Add the file's changes to what the server has instead of replacing it.
        #[arg(long)]
        merge: bool,
        file: PathBuf,
    },
    /// Declined questions, link candidates, and the answers with the most 👎.
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
    #[command(flatten)]
    Action(ActionCommand),
}

impl KbCommand {
    /// Whether the command may create the database: `import` and the
    /// actions bring something to store; the others read (or undo what is
    /// stored) and must not leave an empty database behind.
    pub fn may_create_database(&self) -> bool {
        matches!(self, KbCommand::Import { .. } | KbCommand::Action(_))
    }
}

/// One of the [`ACTIONS`], as `careerbot kb NAME --guild ID ARGS...`.
#[derive(Debug)]
pub struct ActionCommand {
    action: &'static Action,
    guild: u64,
    args: String,
}

impl FromArgMatches for ActionCommand {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = m.subcommand().ok_or_else(|| no_action(m))?;
        let args: Vec<String> = sub
            .get_many("args")
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        Ok(ActionCommand {
            action: action(name).ok_or_else(|| no_action(m))?,
            guild: *sub.get_one::<u64>("guild").ok_or_else(|| no_action(m))?,
            args: args.join(" "),
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = ActionCommand::from_arg_matches(m)?;
        Ok(())
    }
}

fn no_action(_: &ArgMatches) -> clap::Error {
    clap::Error::new(clap::error::ErrorKind::InvalidSubcommand)
}

impl Subcommand for ActionCommand {
    fn augment_subcommands(cmd: Command) -> Command {
        ACTIONS.iter().fold(cmd, |cmd, a| {
            let guild = Arg::new("guild").long("guild").required(true);
            let args = Arg::new("args").value_name(a.args).required(true);
            cmd.subcommand(
                Command::new(a.name)
                    .about(a.about)
                    .arg(guild.value_parser(clap::value_parser!(u64)))
                    .arg(args.num_args(1..).trailing_var_arg(true)),
            )
        })
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        ActionCommand::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        action(name).is_some()
    }
}

/// A curation file, read within the size `import` accepts (regular files only).
pub(super) fn read_curation_file(path: &Path) -> Result<String, CurationError> {
    crate::input::read_file(path, crate::curation::MAX_FILE_BYTES as u64)
        .map_err(|e| CurationError::failed(format!("cannot read {}", path.display()), e))
}

/// Runs an operator's `careerbot kb` command; the text to print, or the error.
pub fn run(service: &Service, cmd: KbCommand) -> Result<String, CurationError> {
    let rt = super::runtime();
    let actor = Actor::local();
    match cmd {
        KbCommand::Action(ActionCommand {
            action,
            guild,
            args,
        }) => {
            let op = action.parse(&args).map_err(CurationError::invalid)?;
            let c = rt.block_on(service.curate(guild, &actor, op))?;
            Ok(format!("change #{}: {}", c.id, c.summary))
        }
        KbCommand::Export { guild, out: None } => service.export(guild),
        KbCommand::Export {
            guild,
            out: Some(path),
        } => write_file(&path, &service.export(guild)?),
        KbCommand::Import { guild, merge, file } => {
            let text = read_curation_file(&file)?;
            let c =
                rt.block_on(service.import(guild, &actor, &text, ImportMode::merging(merge)))?;
            Ok(format!(
                "change #{}: {} ({})",
                c.id,
                c.summary,
                file.display()
            ))
        }
        KbCommand::Report { guild } => rt.block_on(service.report_text(guild, date)),
        KbCommand::History { guild, count } => {
            rt.block_on(service.history_text(guild, count, date))
        }
        KbCommand::Undo { guild, change } => {
            Ok(rt.block_on(service.undo(guild, &actor, change))?.summary)
        }
    }
}

pub(super) fn write_file(path: &Path, text: &str) -> Result<String, CurationError> {
    std::fs::write(path, text)
        .map(|()| format!("wrote {}", path.display()))
        .map_err(|e| CurationError::failed(format!("cannot write {}", path.display()), e))
}

/// A unix time as UTC "YYYY-MM-DD HH:MM".
pub(super) fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map_or_else(
        || t.to_string(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}
