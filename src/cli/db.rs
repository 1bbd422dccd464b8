//! `careerbot db`: backup and restore of the SQLite curation database named
//! by the config (`[storage] database`), through `curation::backup`; and
//! `copy --to postgres`, moving it into an empty PostgreSQL database
//! (`[storage] postgres_url` or `CAREERBOT_DATABASE_URL`).

use crate::config::Config;
use crate::curation::{backup, Postgres, Store};
use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

/// Where `db copy` copies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CopyTarget {
    /// The PostgreSQL database of `[storage] postgres_url` or
    /// `CAREERBOT_DATABASE_URL`.
    Postgres,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the database to PATH (a new file); safe while the bot runs.
    Backup {
        #[arg(value_name = "PATH")]
        to: PathBuf,
    },
    /// Replace the database with the backup at PATH. Stop the bot first.
    Restore {
        #[arg(value_name = "PATH")]
        from: PathBuf,
    },
    /// Copy the SQLite database (history, declined questions, picks, votes)
    /// into an empty PostgreSQL database, checking the counts; a database
    /// that holds anything is refused. Stop the bot first.
    Copy {
        #[arg(long, value_enum)]
        to: CopyTarget,
    },
}

/// Runs a `db` command against the config's database; returns what to print.
pub fn run(config: &Config, cmd: DbCommand) -> Result<String> {
    let db = config.storage.database.as_path();
    Ok(match cmd {
        DbCommand::Copy {
            to: CopyTarget::Postgres,
        } => {
            let url = config.require_postgres_url()?;
            let dump = Store::open_existing(db)
                .and_then(|s| s.dump_blocking())
                .with_context(|| format!("cannot read {}", db.display()))?;
            let copied = super::postgres_runtime()
                .block_on(async { Postgres::connect(url.expose()).await?.copy_from(dump).await })
                .context("cannot copy into PostgreSQL ([storage] postgres_url)")?;
            format!(
                "copied {} to PostgreSQL: {copied} (counts checked)",
                db.display()
            )
        }
        DbCommand::Backup { to } => {
            let c = backup::backup(db, &to)?;
            format!(
                "backed up {} to {} (schema {}, {} changes)",
                db.display(),
                c.path.display(),
                c.schema,
                c.changes
            )
        }
        DbCommand::Restore { from } => {
            let c = backup::restore(&from, db)?;
            format!(
                "restored {} from {} (schema {}, {} changes)",
                c.path.display(),
                from.display(),
                c.schema,
                c.changes
            )
        }
    })
}
