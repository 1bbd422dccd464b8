//! `careerbot db backup` and `db restore`: whole copies of the curation
//! database through SQLite's online backup API (rusqlite's `backup`).
//!
//! The store runs in WAL mode, so the latest changes may sit in
//! `careerbot.sqlite3-wal` rather than the main file: copying the file alone
//! (`cp`) can miss them, or catch a half-written page. The backup API reads
//! through SQLite's own locking instead, so a backup is consistent even while
//! the bot runs and writes. The copy is switched to a rollback journal, so it
//! is one self-contained file. A restore writes through the same API into the
//! database at its path; the bot must be stopped first, or it keeps serving
//! (and may write over) what it had loaded.

use super::store::{Store, LATEST_SCHEMA};
use super::CurationError;
use rusqlite::{Connection, DatabaseName, OpenFlags};
use std::path::{Path, PathBuf};

/// What a backup or restore copied, for the command line to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// The file written.
    pub path: PathBuf,
    /// The schema version (`PRAGMA user_version`) of the copy.
    pub schema: usize,
    /// Moderators' changes in it, undos included.
    pub changes: u64,
}

/// Copies the database at `db` to `dest`, which must not exist yet. Safe
/// while the bot runs. The copy is checked (`PRAGMA integrity_check`) and
/// written under a temporary name first, so `dest` is never half a backup.
pub fn backup(db: &Path, dest: &Path) -> Result<Copied, CurationError> {
    if !db.exists() {
        return Err(storage(format!("there is no database at {}", db.display())));
    }
    if dest.exists() {
        return Err(storage(format!(
            "{} already exists; give a new file name",
            dest.display()
        )));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| CurationError::failed(format!("cannot open {}", db.display()), e))?;
    source.busy_timeout(std::time::Duration::from_secs(5))?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CurationError::failed(format!("cannot create {}", dir.display()), e))?;
    }
    let partial = partial_name(dest);
    let _ = std::fs::remove_file(&partial);
    let result = (|| -> Result<Copied, CurationError> {
        source
            .backup(DatabaseName::Main, &partial, None)
            .map_err(|e| {
                CurationError::failed(format!("backup to {} failed", partial.display()), e)
            })?;
        let copy = Connection::open(&partial)?;
        // One self-contained file: no -wal beside it to forget.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        let copied = check(&copy, dest)?;
        drop(copy);
        std::fs::rename(&partial, dest)
            .map_err(|e| CurationError::failed(format!("cannot write {}", dest.display()), e))?;
        Ok(copied)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Replaces the database at `db` with the backup at `from`, after checking
/// that `from` is a sound careerbot database no newer than this binary
/// knows. Older backups are brought up to date by the usual migrations.
/// Stop the bot before restoring.
pub fn restore(from: &Path, db: &Path) -> Result<Copied, CurationError> {
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| CurationError::failed(format!("cannot open {}", from.display()), e))?;
    let found = check(&source, from)?;
    drop(source);
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CurationError::failed(format!("cannot create {}", dir.display()), e))?;
    }
    let mut target = Connection::open(db)
        .map_err(|e| CurationError::failed(format!("cannot open {}", db.display()), e))?;
    target.busy_timeout(std::time::Duration::from_secs(5))?;
    target
        .restore(
            DatabaseName::Main,
            from,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .map_err(|e| CurationError::failed(format!("restore into {} failed", db.display()), e))?;
    drop(target);
    // Migrations and WAL mode, as the bot opens it.
    drop(Store::open(db)?);
    Ok(Copied {
        path: db.to_path_buf(),
        ..found
    })
}

/// Checks that `conn` holds a sound careerbot database; `path` names it in errors.
fn check(conn: &Connection, path: &Path) -> Result<Copied, CurationError> {
    let not_ours = |why: String| {
        storage(format!(
            "{} is not a careerbot database: {why}",
            path.display()
        ))
    };
    let integrity: String = conn
        .pragma_query_value(None, "integrity_check", |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    if integrity != "ok" {
        return Err(storage(format!(
            "{} failed its integrity check: {integrity}",
            path.display()
        )));
    }
    let schema = super::store::schema_version(conn).map_err(|e| not_ours(e.to_string()))?;
    if schema == 0 {
        return Err(not_ours("it has no careerbot schema".into()));
    }
    if schema > LATEST_SCHEMA {
        return Err(storage(format!(
            "{} has schema version {schema}, newer than this careerbot's {LATEST_SCHEMA}; use a newer careerbot",
            path.display()
        )));
    }
    let changes: i64 = conn
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    Ok(Copied {
        path: path.to_path_buf(),
        schema,
        changes: changes as u64,
    })
}

fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

fn storage(msg: String) -> CurationError {
    CurationError::Refused(msg)
}
