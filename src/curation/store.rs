//! The SQLite store for curation: migrations, the change log, declined
//! questions and votes. One dedicated thread owns the connection, so calls
//! never block the async runtime and writes are serialised (no lost updates);
//! every write is one transaction. WAL mode, `synchronous = FULL`: a change
//! is on disk before its call returns.

use super::{CurationError, Op};
use rusqlite::{params, Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Schema migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_init.sql")];
/// The schema version this build brings a database to.
pub const LATEST_SCHEMA: usize = MIGRATIONS.len();

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A handle to the store thread; cheap to clone.
#[derive(Clone)]
pub struct Store {
    jobs: mpsc::Sender<Job>,
    path: PathBuf,
}

/// One stored change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub id: i64,
    pub guild: u64,
    pub actor_id: u64,
    pub actor_name: String,
    pub at: i64,
    pub summary: String,
    pub op: Op,
    pub undoes: Option<i64>,
    pub undone_by: Option<i64>,
}

impl Change {
    /// One line of history: number, time (as `when` shows it), who, what.
    pub fn line(&self, when: impl Fn(i64) -> String) -> String {
        let undone = if self.undone_by.is_some() {
            " (undone)"
        } else {
            ""
        };
        format!(
            "#{} {} {}: {}{undone}",
            self.id,
            when(self.at),
            self.actor_name,
            self.summary
        )
    }
}

/// A question the bot declined, with how often and when it was last asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Declined {
    pub question: String,
    pub count: u64,
    pub last_at: i64,
}

/// An answer's votes.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteTally {
    pub section: String,
    pub down: u64,
    pub up: u64,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store, CurationError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                CurationError::Storage(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let mut conn = Connection::open(path)
            .map_err(|e| CurationError::Storage(format!("cannot open {}: {e}", path.display())))?;
        configure(&mut conn)
            .map_err(|e| CurationError::Storage(format!("{}: {e}", path.display())))?;
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("careerbot-store".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
            })
            .map_err(|e| CurationError::Storage(format!("cannot start the store thread: {e}")))?;
        Ok(Store {
            jobs: tx,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the store thread and waits for it without blocking the
    /// async runtime.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, CurationError> + Send + 'static,
    ) -> Result<T, CurationError> {
        let (tx, rx) = oneshot::channel();
        self.submit(f, move |r| {
            let _ = tx.send(r);
        })?;
        rx.await.map_err(|_| stopped())?
    }

    /// `call` for code that is not async (the command line).
    pub fn call_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, CurationError> + Send + 'static,
    ) -> Result<T, CurationError> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.submit(f, move |r| {
            let _ = tx.send(r);
        })?;
        rx.recv().map_err(|_| stopped())?
    }

    /// Queues `f` for the store thread, which hands its result to `deliver`.
    fn submit<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, CurationError> + Send + 'static,
        deliver: impl FnOnce(Result<T, CurationError>) + Send + 'static,
    ) -> Result<(), CurationError> {
        self.jobs
            .send(Box::new(move |conn| deliver(f(conn))))
            .map_err(|_| stopped())
    }
}

fn stopped() -> CurationError {
    CurationError::Storage("the store thread has stopped".into())
}

fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub(super) fn db_err(e: rusqlite::Error) -> CurationError {
    CurationError::Storage(e.to_string())
}

pub(super) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The clock the store uses, for tests that age rows.
pub fn now_for_tests() -> i64 {
    now()
}

/// The schema version of an open database (for tests and `careerbot check`).
pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

pub(super) fn insert_change(
    conn: &Connection,
    guild: u64,
    actor_id: u64,
    actor_name: &str,
    summary: &str,
    op: &Op,
    undoes: Option<i64>,
) -> Result<i64, CurationError> {
    let json = serde_json::to_string(op).map_err(|e| CurationError::Storage(e.to_string()))?;
    conn.execute(
        "INSERT INTO changes (guild_id, actor_id, actor_name, at, summary, op, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![guild as i64, actor_id as i64, actor_name, now(), summary, json, undoes],
    )
    .map_err(db_err)?;
    Ok(conn.last_insert_rowid())
}

fn row_to_change(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Change, String)> {
    let op_json: String = r.get(6)?;
    Ok((
        Change {
            id: r.get(0)?,
            guild: r.get::<_, i64>(1)? as u64,
            actor_id: r.get::<_, i64>(2)? as u64,
            actor_name: r.get(3)?,
            at: r.get(4)?,
            summary: r.get(5)?,
            op: Op::Hide {
                section: String::new(),
            },
            undoes: r.get(7)?,
            undone_by: r.get(8)?,
        },
        op_json,
    ))
}

const CHANGE_COLUMNS: &str =
    "id, guild_id, actor_id, actor_name, at, summary, op, undoes, undone_by";

/// A guild's changes, oldest first (all of them, or only those in force).
pub(super) fn changes(
    conn: &Connection,
    guild: u64,
    in_force_only: bool,
) -> Result<Vec<Change>, CurationError> {
    let sql = format!(
        "SELECT {CHANGE_COLUMNS} FROM changes WHERE guild_id = ?1 {} ORDER BY id",
        if in_force_only {
            "AND undone_by IS NULL AND undoes IS NULL"
        } else {
            ""
        }
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(db_err)?;
    let rows = stmt
        .query_map(params![guild as i64], row_to_change)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    rows.into_iter()
        .map(|(mut c, json)| {
            c.op = serde_json::from_str(&json).map_err(|e| {
                CurationError::Storage(format!("change {} cannot be read: {e}", c.id))
            })?;
            Ok(c)
        })
        .collect()
}

pub(super) fn change(
    conn: &Connection,
    guild: u64,
    id: i64,
) -> Result<Option<Change>, CurationError> {
    Ok(changes(conn, guild, false)?
        .into_iter()
        .find(|c| c.id == id))
}

/// Every guild with at least one change.
pub(super) fn guilds(conn: &Connection) -> Result<Vec<u64>, CurationError> {
    let mut stmt = conn
        .prepare("SELECT DISTINCT guild_id FROM changes ORDER BY guild_id")
        .map_err(db_err)?;
    let rows = stmt.query_map([], |r| r.get::<_, i64>(0)).map_err(db_err)?;
    rows.map(|r| r.map(|g| g as u64).map_err(db_err)).collect()
}

pub(super) fn mark_undone(conn: &Connection, id: i64, by: i64) -> Result<(), CurationError> {
    conn.execute(
        "UPDATE changes SET undone_by = ?2 WHERE id = ?1",
        params![id, by],
    )
    .map_err(db_err)?;
    Ok(())
}

pub(super) fn record_declined(
    conn: &Connection,
    guild: u64,
    question: &str,
) -> Result<(), CurationError> {
    let norm = question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if norm.is_empty() {
        return Ok(());
    }
    let shown = crate::text::truncate_chars(question.trim(), 300).to_string();
    let now = now();
    conn.execute(
        "INSERT INTO declined (guild_id, question, shown, count, first_at, last_at) VALUES (?1, ?2, ?3, 1, ?4, ?4)
         ON CONFLICT (guild_id, question) DO UPDATE SET count = count + 1, last_at = ?4, shown = ?3",
        params![guild as i64, crate::text::truncate_chars(&norm, 300), shown, now],
    )
    .map_err(db_err)?;
    Ok(())
}

/// Forgets declined questions not asked within the retention period.
pub(super) fn purge_declined(
    conn: &Connection,
    retention_days: u32,
) -> Result<usize, CurationError> {
    let cutoff = now() - i64::from(retention_days) * 86_400;
    conn.execute("DELETE FROM declined WHERE last_at < ?1", params![cutoff])
        .map_err(db_err)
}

pub(super) fn top_declined(
    conn: &Connection,
    guild: u64,
    limit: usize,
) -> Result<Vec<Declined>, CurationError> {
    let mut stmt = conn
        .prepare_cached("SELECT shown, count, last_at FROM declined WHERE guild_id = ?1 ORDER BY count DESC, last_at DESC, question LIMIT ?2")
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![guild as i64, limit as i64], |r| {
            Ok(Declined {
                question: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
                last_at: r.get(2)?,
            })
        })
        .map_err(db_err)?;
    rows.map(|r| r.map_err(db_err)).collect()
}

pub(super) fn vote(
    conn: &Connection,
    guild: u64,
    message: u64,
    section: &str,
    user: u64,
    up: bool,
) -> Result<(), CurationError> {
    conn.execute(
        "INSERT INTO votes (guild_id, message_id, section, user_id, vote, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (guild_id, message_id, user_id) DO UPDATE SET vote = ?5, at = ?6",
        params![guild as i64, message as i64, section, user as i64, if up { 1 } else { -1 }, now()],
    )
    .map_err(db_err)?;
    Ok(())
}

pub(super) fn most_downvoted(
    conn: &Connection,
    guild: u64,
    limit: usize,
) -> Result<Vec<VoteTally>, CurationError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT section, SUM(vote = -1), SUM(vote = 1) FROM votes WHERE guild_id = ?1
             GROUP BY section HAVING SUM(vote = -1) > 0 ORDER BY SUM(vote = -1) DESC, section LIMIT ?2",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![guild as i64, limit as i64], |r| {
            Ok(VoteTally {
                section: r.get(0)?,
                down: r.get::<_, i64>(1)? as u64,
                up: r.get::<_, i64>(2)? as u64,
            })
        })
        .map_err(db_err)?;
    rows.map(|r| r.map_err(db_err)).collect()
}
