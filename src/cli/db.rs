//! `careerbot db`: backup and restore of the curation database named by the
//! config (`[storage] database`), through `curation::backup`.

use crate::curation::backup;
use anyhow::Result;
use clap::Subcommand;
use std::path::{Path, PathBuf};

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
}

/// Runs a `db` command against the database at `db`; returns what to print.
pub fn run(db: &Path, cmd: DbCommand) -> Result<String> {
    Ok(match cmd {
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
