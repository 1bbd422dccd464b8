//! The SQLite store for curation: migrations, the change log, declined
//! questions and votes. One dedicated thread owns the connection, so calls
//! never block the async runtime and writes are serialised (no lost updates);
//! every write is one transaction that begins as a write (`BEGIN IMMEDIATE`)
//! and so waits on the busy timeout while another process writes. WAL mode,
//! `synchronous = FULL`: a change is on disk before its call returns.
//!
//! A [`Watch`] is a second connection that notices commits made by other
//! connections (`PRAGMA data_version`) and reads each server's change head,
//! so a process learns of changes another process made.

use super::storage::{self, Append, Follower, Plan, ReportRows, Storage};
use super::{CurationError, Op, Overlay};
use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Weak};
use tokio::sync::oneshot;

/// Schema migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_picks.sql"),
];
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

/// A section members picked for a question the bot was unsure of: a
/// candidate for `/kb link`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub question: String,
    pub section: String,
    pub count: u64,
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
        Store::open_with(path, true)
    }

    /// Opens the database at `path` only if it exists: for commands that
    /// only read, which must not leave an empty database behind.
    pub fn open_existing(path: &Path) -> Result<Store, CurationError> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, CurationError> {
        if path.as_os_str().is_empty() {
            // SQLite would use a temporary database and lose every change.
            return Err(CurationError::EmptyPath);
        }
        if !create && !path.exists() {
            return Err(CurationError::Missing(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                CurationError::failed(format!("cannot create {}", dir.display()), e)
            })?;
        }
        let mut conn = open_connection(path, create).map_err(|source| CurationError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        configure(&mut conn).map_err(|e| match e {
            CurationError::Database(source) => CurationError::Open {
                path: path.to_path_buf(),
                source,
            },
            e => e,
        })?;
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("careerbot-store".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
            })
            .map_err(|e| CurationError::failed("cannot start the store thread", e))?;
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
    CurationError::Stopped
}

/// How long a write waits for another connection's write to finish.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

fn open_connection(path: &Path, create: bool) -> rusqlite::Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

fn configure(conn: &mut Connection) -> Result<(), CurationError> {
    // Before anything writes: a database from a newer careerbot is left alone.
    let version = schema_version(conn)?;
    if version > MIGRATIONS.len() {
        return Err(CurationError::TooNew {
            found: version,
            known: MIGRATIONS.len(),
        });
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = write(conn)?;
        // Another process may have migrated meanwhile; the write lock settles it.
        if schema_version(&tx)? > i {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A write transaction: `BEGIN IMMEDIATE` takes the write lock first,
/// waiting on the busy timeout. (A deferred transaction that reads and then
/// writes fails at once with "database is locked" when another connection
/// wrote since its read began; the busy timeout does not help it.)
pub(super) fn write(conn: &mut Connection) -> Result<Transaction<'_>, CurationError> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(CurationError::from)
}

/// The id of a server's latest change (undos included), 0 if none: it
/// grows with every change, so it tells whether a copy is current.
pub(super) fn head(conn: &Connection, guild: u64) -> Result<i64, CurationError> {
    conn.query_row(
        "SELECT COALESCE(MAX(id), 0) FROM changes WHERE guild_id = ?1",
        params![guild as i64],
        |r| r.get(0),
    )
    .map_err(CurationError::from)
}

/// A server's curation as stored: the fold of its changes in force.
pub(super) fn fold(conn: &Connection, guild: u64) -> Result<super::Overlay, CurationError> {
    let mut overlay = super::Overlay::default();
    for c in changes(conn, guild, true)? {
        c.op.apply(&mut overlay);
    }
    Ok(overlay)
}

/// A connection that notices what other connections (in this process or
/// another) commit, for keeping a process's copies of servers' curation
/// current.
pub struct Watch {
    conn: Connection,
    version: i64,
}

impl Watch {
    /// Opens a second connection to the (existing) database at `path`.
    pub fn open(path: &Path) -> Result<Watch, CurationError> {
        let conn = open_connection(path, false).map_err(|source| CurationError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let version = data_version(&conn)?;
        Ok(Watch { conn, version })
    }

    /// Whether another connection committed since the last call. One cheap
    /// pragma; no table is read.
    pub fn changed(&mut self) -> Result<bool, CurationError> {
        let now = data_version(&self.conn)?;
        let changed = now != self.version;
        self.version = now;
        Ok(changed)
    }

    /// Makes the next [`Watch::changed`] say yes, to look at the heads again.
    pub fn look_again(&mut self) {
        self.version = -1;
    }

    /// Every server's latest change id.
    pub fn heads(&self) -> Result<HashMap<u64, i64>, CurationError> {
        heads(&self.conn)
    }

    /// A server's stored curation and the head it was read at, in one read
    /// transaction so the two agree.
    pub fn read(&mut self, guild: u64) -> Result<(super::Overlay, i64), CurationError> {
        let tx = self.conn.transaction()?;
        let state = (fold(&tx, guild)?, head(&tx, guild)?);
        tx.finish()?;
        Ok(state)
    }
}

/// Every server's latest change id.
fn heads(conn: &Connection) -> Result<HashMap<u64, i64>, CurationError> {
    let mut stmt =
        conn.prepare_cached("SELECT guild_id, MAX(id) FROM changes GROUP BY guild_id")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)?))
    })?;
    rows.map(|r| r.map_err(CurationError::from)).collect()
}

fn data_version(conn: &Connection) -> Result<i64, CurationError> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
        .map_err(CurationError::from)
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

/// Appends a change to the log; an undo names the change it reverts.
pub(super) fn insert_change(
    conn: &Connection,
    guild: u64,
    actor: &super::Actor,
    op: &Op,
    undoes: Option<&Change>,
) -> Result<Change, CurationError> {
    let summary = match undoes {
        Some(target) => format!("undid #{}: {}", target.id, target.summary),
        None => op.summary(),
    };
    let json = serde_json::to_string(op).expect("an op always serializes");
    let at = now();
    let undoes = undoes.map(|c| c.id);
    conn.execute(
        "INSERT INTO changes (guild_id, actor_id, actor_name, at, summary, op, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![guild as i64, actor.id as i64, actor.name, at, summary, json, undoes],
    )?;
    Ok(Change {
        id: conn.last_insert_rowid(),
        guild,
        actor_id: actor.id,
        actor_name: actor.name.clone(),
        at,
        summary,
        op: op.clone(),
        undoes,
        undone_by: None,
    })
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
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![guild as i64], row_to_change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut c, json)| {
            c.op = serde_json::from_str(&json)
                .map_err(|source| CurationError::Unreadable { id: c.id, source })?;
            Ok(c)
        })
        .collect()
}

/// Every guild with at least one change.
pub(super) fn guilds(conn: &Connection) -> Result<Vec<u64>, CurationError> {
    let mut stmt = conn.prepare("SELECT DISTINCT guild_id FROM changes ORDER BY guild_id")?;
    let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    rows.map(|r| r.map(|g| g as u64).map_err(CurationError::from))
        .collect()
}

pub(super) fn mark_undone(conn: &Connection, id: i64, by: i64) -> Result<(), CurationError> {
    conn.execute(
        "UPDATE changes SET undone_by = ?2 WHERE id = ?1",
        params![id, by],
    )?;
    Ok(())
}

/// A question as stored: lower case, single spaces, at most 300 characters;
/// and as shown.
pub(super) fn normalised(question: &str) -> (String, String) {
    let norm = question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let norm = crate::text::truncate_chars(&norm, 300).to_string();
    let shown = crate::text::truncate_chars(question.trim(), 300).to_string();
    (norm, shown)
}

pub(super) fn record_declined(
    conn: &Connection,
    guild: u64,
    question: &str,
) -> Result<(), CurationError> {
    let (norm, shown) = normalised(question);
    if norm.is_empty() {
        return Ok(());
    }
    let now = now();
    conn.execute(
        "INSERT INTO declined (guild_id, question, shown, count, first_at, last_at) VALUES (?1, ?2, ?3, 1, ?4, ?4)
         ON CONFLICT (guild_id, question) DO UPDATE SET count = count + 1, last_at = ?4, shown = ?3",
        params![guild as i64, norm, shown, now],
    )?;
    Ok(())
}

/// Counts a member's pick of `section` when the bot asked which section
/// `question` meant.
pub(super) fn record_pick(
    conn: &Connection,
    guild: u64,
    question: &str,
    section: &str,
) -> Result<(), CurationError> {
    let (norm, shown) = normalised(question);
    if norm.is_empty() {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO picks (guild_id, question, shown, section, count, last_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)
         ON CONFLICT (guild_id, question, section) DO UPDATE SET count = count + 1, last_at = ?5, shown = ?3",
        params![guild as i64, norm, shown, section, now()],
    )?;
    Ok(())
}

/// The questions members most often answered themselves by picking a
/// section: candidates for `/kb link`.
pub(super) fn top_picks(
    conn: &Connection,
    guild: u64,
    limit: usize,
) -> Result<Vec<Pick>, CurationError> {
    let mut stmt = conn
        .prepare_cached("SELECT shown, section, count FROM picks WHERE guild_id = ?1 ORDER BY count DESC, last_at DESC, question, section LIMIT ?2")?;
    let rows = stmt.query_map(params![guild as i64, limit as i64], |r| {
        Ok(Pick {
            question: r.get(0)?,
            section: r.get(1)?,
            count: r.get::<_, i64>(2)? as u64,
        })
    })?;
    rows.map(|r| r.map_err(CurationError::from)).collect()
}

/// Forgets declined questions not asked within the retention period.
pub(super) fn purge_declined(
    conn: &Connection,
    retention_days: u32,
) -> Result<usize, CurationError> {
    let cutoff = now() - i64::from(retention_days) * 86_400;
    conn.execute("DELETE FROM picks WHERE last_at < ?1", params![cutoff])?;
    conn.execute("DELETE FROM declined WHERE last_at < ?1", params![cutoff])
        .map_err(CurationError::from)
}

pub(super) fn top_declined(
    conn: &Connection,
    guild: u64,
    limit: usize,
) -> Result<Vec<Declined>, CurationError> {
    let mut stmt = conn
        .prepare_cached("SELECT shown, count, last_at FROM declined WHERE guild_id = ?1 ORDER BY count DESC, last_at DESC, question LIMIT ?2")?;
    let rows = stmt.query_map(params![guild as i64, limit as i64], |r| {
        Ok(Declined {
            question: r.get(0)?,
            count: r.get::<_, i64>(1)? as u64,
            last_at: r.get(2)?,
        })
    })?;
    rows.map(|r| r.map_err(CurationError::from)).collect()
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
    )?;
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
        )?;
    let rows = stmt.query_map(params![guild as i64, limit as i64], |r| {
        Ok(VoteTally {
            section: r.get(0)?,
            down: r.get::<_, i64>(1)? as u64,
            up: r.get::<_, i64>(2)? as u64,
        })
    })?;
    rows.map(|r| r.map_err(CurationError::from)).collect()
}

/// Everything a store holds, read at one point in time: what `careerbot db
/// copy` moves from SQLite to PostgreSQL.
#[derive(Debug, Clone, Default)]
pub struct Dump {
    /// Every server's changes, oldest first.
    pub changes: Vec<Change>,
    pub declined: Vec<DeclinedRow>,
    pub picks: Vec<PickRow>,
    pub votes: Vec<VoteRow>,
}

/// A `declined` row as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclinedRow {
    pub guild: u64,
    pub question: String,
    pub shown: String,
    pub count: i64,
    pub first_at: i64,
    pub last_at: i64,
}

/// A `picks` row as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct PickRow {
    pub guild: u64,
    pub question: String,
    pub shown: String,
    pub section: String,
    pub count: i64,
    pub last_at: i64,
}

/// A `votes` row as stored (`vote` is 1 or -1).
#[derive(Debug, Clone, PartialEq)]
pub struct VoteRow {
    pub guild: u64,
    pub message: u64,
    pub section: String,
    pub user: u64,
    pub vote: i64,
    pub at: i64,
}

impl Store {
    /// Reads everything the store holds, in one read transaction. Blocks.
    pub fn dump_blocking(&self) -> Result<Dump, CurationError> {
        self.call_blocking(|conn| {
            let tx = conn.transaction()?;
            let dump = dump(&tx)?;
            tx.finish()?;
            Ok(dump)
        })
    }
}

fn dump(tx: &Connection) -> Result<Dump, CurationError> {
    let mut stmt = tx.prepare(&format!("SELECT {CHANGE_COLUMNS} FROM changes ORDER BY id"))?;
    let rows = stmt
        .query_map([], row_to_change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let changes = rows
        .into_iter()
        .map(|(mut c, json)| {
            c.op = serde_json::from_str(&json)
                .map_err(|source| CurationError::Unreadable { id: c.id, source })?;
            Ok(c)
        })
        .collect::<Result<Vec<_>, CurationError>>()?;
    let mut stmt = tx.prepare(
                "SELECT guild_id, question, shown, count, first_at, last_at FROM declined ORDER BY guild_id, question",
            )?;
    let declined = stmt
        .query_map([], |r| {
            Ok(DeclinedRow {
                guild: r.get::<_, i64>(0)? as u64,
                question: r.get(1)?,
                shown: r.get(2)?,
                count: r.get(3)?,
                first_at: r.get(4)?,
                last_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = tx.prepare(
                "SELECT guild_id, question, shown, section, count, last_at FROM picks ORDER BY guild_id, question, section",
            )?;
    let picks = stmt
        .query_map([], |r| {
            Ok(PickRow {
                guild: r.get::<_, i64>(0)? as u64,
                question: r.get(1)?,
                shown: r.get(2)?,
                section: r.get(3)?,
                count: r.get(4)?,
                last_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = tx.prepare(
                "SELECT guild_id, message_id, section, user_id, vote, at FROM votes ORDER BY guild_id, message_id, user_id",
            )?;
    let votes = stmt
        .query_map([], |r| {
            Ok(VoteRow {
                guild: r.get::<_, i64>(0)? as u64,
                message: r.get::<_, i64>(1)? as u64,
                section: r.get(2)?,
                user: r.get::<_, i64>(3)? as u64,
                vote: r.get(4)?,
                at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Dump {
        changes,
        declined,
        picks,
        votes,
    })
}

/// How often the watcher asks SQLite whether another connection committed.
/// One pragma, no table read; it bounds how stale a process's copy can be.
pub const WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_millis(100);

#[async_trait::async_trait]
impl Storage for Store {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn load(&self, retention_days: u32) -> storage::Result<Vec<(u64, Overlay, i64)>> {
        self.call(move |conn| {
            purge_declined(conn, retention_days)?;
            let tx = conn.transaction()?;
            let mut states = Vec::new();
            for g in guilds(&tx)? {
                states.push((g, fold(&tx, g)?, head(&tx, g)?));
            }
            Ok(states)
        })
        .await
    }

    async fn state(&self, guild: u64) -> storage::Result<(Overlay, i64)> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let state = (fold(&tx, guild)?, head(&tx, guild)?);
            tx.finish()?;
            Ok(state)
        })
        .await
    }

    async fn heads(&self) -> storage::Result<HashMap<u64, i64>> {
        self.call(|conn| heads(conn)).await
    }

    async fn append(&self, append: Append) -> storage::Result<(super::Change, Overlay)> {
        self.call(move |conn| {
            let Append {
                guild,
                actor,
                cached,
                plan,
                storing,
            } = append;
            let tx = write(conn)?;
            let (op, overlay, target) = match plan {
                Plan::Edit(plan) => {
                    let overlay = if head(&tx, guild)? == cached.1 {
                        cached.0
                    } else {
                        fold(&tx, guild)?
                    };
                    let (op, overlay) = plan(overlay)?;
                    (op, overlay, None)
                }
                Plan::Undo(plan) => {
                    let (target, overlay) = plan(&changes(&tx, guild, false)?)?;
                    (Op::Undo { change: target.id }, overlay, Some(target))
                }
            };
            let change = insert_change(&tx, guild, &actor, &op, target.as_ref())?;
            if let Some(target) = &target {
                mark_undone(&tx, target.id, change.id)?;
            }
            storing(change.id);
            tx.commit()?;
            Ok((change, overlay))
        })
        .await
    }

    async fn changes(&self, guild: u64, in_force_only: bool) -> storage::Result<Vec<Change>> {
        self.call(move |conn| changes(conn, guild, in_force_only))
            .await
    }

    async fn record(
        &self,
        declined: Vec<(u64, String)>,
        picks: Vec<(u64, String, String)>,
        retention_days: u32,
    ) -> storage::Result<()> {
        self.call(move |conn| {
            let tx = write(conn)?;
            for (guild, q) in &declined {
                record_declined(&tx, *guild, q)?;
            }
            for (guild, q, section) in &picks {
                record_pick(&tx, *guild, q, section)?;
            }
            purge_declined(&tx, retention_days)?;
            tx.commit().map_err(CurationError::from)
        })
        .await
    }

    async fn vote(
        &self,
        guild: u64,
        message: u64,
        section: &str,
        user: u64,
        up: bool,
    ) -> storage::Result<()> {
        let section = section.to_string();
        self.call(move |conn| vote(conn, guild, message, &section, user, up))
            .await
    }

    async fn report(&self, guild: u64, limit: usize) -> storage::Result<ReportRows> {
        self.call(move |conn| {
            Ok(ReportRows {
                declined: top_declined(conn, guild, limit)?,
                picked: top_picks(conn, guild, limit)?,
                downvoted: most_downvoted(conn, guild, limit)?,
            })
        })
        .await
    }

    /// A thread with its own connection: every [`WATCH_INTERVAL`] it asks
    /// SQLite whether another connection committed and, if so, rebuilds
    /// each server whose latest change is newer than its view. It looks at
    /// every head once at the start, so a commit made before it opened is
    /// not missed. Ends when the follower is dropped.
    fn follow(&self, follower: Weak<dyn Follower>) -> storage::Result<()> {
        let mut watch = Watch::open(&self.path)?;
        watch.look_again();
        std::thread::Builder::new()
            .name("careerbot-watch".into())
            .spawn(move || loop {
                std::thread::sleep(WATCH_INTERVAL);
                let Some(follower) = follower.upgrade() else {
                    return;
                };
                if let Err(e) = refresh(follower.as_ref(), &mut watch) {
                    tracing::warn!(error = %e, "could not check the database for other processes' changes");
                }
            })
            .map_err(|e| CurationError::failed("cannot start the watcher", e))?;
        Ok(())
    }
}

fn refresh(follower: &dyn Follower, watch: &mut Watch) -> Result<(), CurationError> {
    if !watch.changed()? {
        return Ok(());
    }
    let heads = watch.heads()?;
    let look_again = storage::block_on(storage::catch_up(follower, heads, |guild| {
        std::future::ready(watch.read(guild))
    }))?;
    if look_again {
        watch.look_again();
    }
    Ok(())
}
