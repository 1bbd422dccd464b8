//! Curation from the terminal: `careerbot kb ...` for operators, and the
//! `/kb ...` commands of `careerbot chat`, where the local user is the
//! moderator. Both parse text into the same [`Op`]s the Discord `/kb`
//! commands build, and call the same [`Curator`].

use crate::curation::{Actor, CurationError, Curator, CustomEntry, Op};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Print a server's curation as TOML (or write it to --out).
    Export {
        #[arg(long)]
        guild: u64,
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Replace a server's curation with a file from `export` (all or nothing).
    Import {
        #[arg(long)]
        guild: u64,
        file: std::path::PathBuf,
    },
    /// The questions declined most often and the answers with the most 👎.
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

impl KbCommand {
    /// Whether the command may create the database: only `import` brings
    /// something to store. The others read (or undo what is stored), and
    /// must not leave an empty database behind.
    pub fn may_create_database(&self) -> bool {
        matches!(self, KbCommand::Import { .. })
    }
}

/// A curation file, read within the size `import` accepts (regular files only).
fn read_curation_file(path: &std::path::Path) -> Result<String, String> {
    crate::input::read_file(path, crate::curation::MAX_FILE_BYTES as u64)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Runs an operator's `careerbot kb` command; the text to print, or the error.
pub fn run(curator: &Curator, cmd: KbCommand) -> Result<String, CurationError> {
    let rt = runtime();
    let actor = Actor::local();
    match cmd {
        KbCommand::Export { guild, out } => {
            let text = curator.export(guild);
            match out {
                Some(path) => {
                    std::fs::write(&path, &text).map_err(|e| {
                        CurationError::Storage(format!("cannot write {}: {e}", path.display()))
                    })?;
                    Ok(format!("wrote {}", path.display()))
                }
                None => Ok(text),
            }
        }
        KbCommand::Import { guild, file } => {
            let text = read_curation_file(&file).map_err(|e| CurationError::Invalid(vec![e]))?;
            let id = rt.block_on(curator.import(guild, &actor, &text))?;
            Ok(format!(
                "imported {} into server {guild} (change #{id})",
                file.display()
            ))
        }
        KbCommand::Report { guild } => report(curator, &rt, guild),
        KbCommand::History { guild, count } => history(curator, &rt, guild, count),
        KbCommand::Undo { guild, change } => {
            let c = rt.block_on(curator.undo(guild, &actor, change))?;
            Ok(format!("undid #{}: {}", c.id, c.summary))
        }
    }
}

/// A runtime for the curator's async calls from synchronous code.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime always builds")
}

fn report(
    curator: &Curator,
    rt: &tokio::runtime::Runtime,
    guild: u64,
) -> Result<String, CurationError> {
    let r = rt.block_on(curator.report(guild))?;
    let engine = curator.engine(Some(guild));
    Ok(r.render(
        |id| engine.knowledge().section(id).map(|s| s.title.clone()),
        date,
    ))
}

fn history(
    curator: &Curator,
    rt: &tokio::runtime::Runtime,
    guild: u64,
    count: usize,
) -> Result<String, CurationError> {
    let changes = rt.block_on(curator.history(guild, count))?;
    if changes.is_empty() {
        return Ok("no changes yet".into());
    }
    Ok(changes
        .iter()
        .map(|c| c.line(date))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// A unix time as UTC "YYYY-MM-DD HH:MM".
fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map_or_else(
        || t.to_string(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

pub const CHAT_HELP: &str = "Curation (you are the moderator here):
  /kb add-keyword SECTION WORDS       /kb remove-keyword SECTION WORDS
  /kb add-question SECTION QUESTION   /kb remove-question SECTION QUESTION
  /kb link SECTION QUESTION           (a declined question becomes a sample question)
  /kb new TITLE | TEXT | KEYWORD, KEYWORD
  /kb edit ID TITLE | TEXT | KEYWORD, KEYWORD
  /kb override SECTION TEXT           /kb reset-text SECTION
  /kb hide SECTION                    /kb unhide SECTION
  /kb report   /kb history [N]   /kb undo [CHANGE]
  /kb export [FILE]   /kb import FILE";

/// Runs one `/kb ...` line of the chat for `guild`.
pub fn chat_command(
    curator: &Curator,
    rt: &tokio::runtime::Runtime,
    guild: u64,
    line: &str,
) -> String {
    let (sub, rest) = line
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((line.trim(), ""));
    let rest = rest.trim();
    let (first, tail) = rest
        .split_once(char::is_whitespace)
        .map_or((rest, ""), |(a, b)| (a, b.trim()));
    let actor = Actor::local();
    let op = |op: Op| match rt.block_on(curator.apply(guild, &actor, op)) {
        Ok(id) => {
            format!("done (change #{id}); it applies to the next question. /kb undo reverts it.")
        }
        Err(e) => refused(&e),
    };
    let need = |what: &str| format!("usage: /kb {sub} {what}");
    match sub {
        "add-keyword" | "remove-keyword" | "add-question" | "remove-question" | "link" => {
            if first.is_empty() || tail.is_empty() {
                return need("SECTION TEXT");
            }
            let (section, text) = (first.to_string(), tail.to_string());
            op(match sub {
                "add-keyword" => Op::AddKeyword {
                    section,
                    keyword: text,
                },
                "remove-keyword" => Op::RemoveKeyword {
                    section,
                    keyword: text,
                },
                "add-question" => Op::AddQuestion {
                    section,
                    question: text,
                },
                "remove-question" => Op::RemoveQuestion {
                    section,
                    question: text,
                },
                _ => Op::LinkQuestion {
                    section,
                    question: text,
                },
            })
        }
        "new" => match parse_entry(rest) {
            Some(entry) => {
                let id = curator.new_entry_id(guild, &entry.title);
                let made = op(Op::CreateEntry {
                    id: id.clone(),
                    entry,
                });
                format!("entry `{id}`: {made}")
            }
            None => need("TITLE | TEXT | KEYWORD, KEYWORD"),
        },
        "edit" => match parse_entry(tail) {
            Some(entry) if !first.is_empty() => op(Op::EditEntry {
                id: first.to_string(),
                entry: curator.edited_entry(guild, first, entry),
            }),
            _ => need("ID TITLE | TEXT | KEYWORD, KEYWORD"),
        },
        "override" if !first.is_empty() && !tail.is_empty() => op(Op::OverrideText {
            section: first.to_string(),
            text: tail.to_string(),
        }),
        "override" => need("SECTION TEXT"),
        "reset-text" | "hide" | "unhide" if !first.is_empty() => {
            let section = first.to_string();
            op(match sub {
                "reset-text" => Op::ResetText { section },
                "hide" => Op::Hide { section },
                _ => Op::Unhide { section },
            })
        }
        "reset-text" | "hide" | "unhide" => need("SECTION"),
        "report" => report(curator, rt, guild).unwrap_or_else(|e| refused(&e)),
        "history" => {
            history(curator, rt, guild, first.parse().unwrap_or(20)).unwrap_or_else(|e| refused(&e))
        }
        "undo" => {
            let change = if first.is_empty() {
                None
            } else {
                first.trim_start_matches('#').parse().ok()
            };
            if !first.is_empty() && change.is_none() {
                return need("[CHANGE NUMBER]");
            }
            match rt.block_on(curator.undo(guild, &actor, change)) {
                Ok(c) => format!("undid #{}: {}", c.id, c.summary),
                Err(e) => refused(&e),
            }
        }
        "export" if first.is_empty() => curator.export(guild),
        "export" => match std::fs::write(first, curator.export(guild)) {
            Ok(()) => format!("wrote {first}"),
            Err(e) => format!("cannot write {first}: {e}"),
        },
        "import" if !first.is_empty() => match read_curation_file(std::path::Path::new(first)) {
            Ok(text) => match rt.block_on(curator.import(guild, &actor, &text)) {
                Ok(id) => format!("imported {first} (change #{id})"),
                Err(e) => refused(&e),
            },
            Err(e) => e,
        },
        "import" => need("FILE"),
        _ => CHAT_HELP.to_string(),
    }
}

fn refused(e: &CurationError) -> String {
    match e {
        CurationError::Invalid(p) => format!("nothing was changed:\n  - {}", p.join("\n  - ")),
        other => format!("nothing was changed: {other}"),
    }
}

/// "TITLE | TEXT | KEYWORD, KEYWORD"
fn parse_entry(s: &str) -> Option<CustomEntry> {
    let mut parts = s.splitn(3, '|');
    let (title, text, keywords) = (parts.next()?, parts.next()?, parts.next()?);
    Some(CustomEntry::from_form(title, text, keywords))
}
