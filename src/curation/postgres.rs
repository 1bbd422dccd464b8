//! The PostgreSQL store, for several processes sharing one store: the same
//! data and behaviour as SQLite's (`store`) behind the same [`Storage`]
//! trait, through tokio-postgres with a deadpool pool.
//!
//! - Migrations in `migrations/postgres/`, counted in `schema_version`;
//!   a database from a newer careerbot is refused, not changed.
//! - The change log is append-only. A change locks its server's
//!   `guild_heads` row (`FOR UPDATE`), so changes to one server are
//!   serialised across processes and numbered 1, 2, 3... without gaps;
//!   a change's id is that number.
//! - Each change runs `pg_notify('curation', '<guild>:<seq>')` in its own
//!   transaction. [`Storage::follow`] holds one LISTEN connection of its own
//!   (not from the pool), rebuilds a server whose head moved, resynchronises
//!   every head after each (re)connect since NOTIFY is never replayed, and
//!   compares every head each [`POLL_INTERVAL`] as a safety net.
//!
//! Every call runs on the runtime the store was opened on, so a thread that
//! is not async (the record writer) may block on it.

use super::storage::{self, Append, Follower, Plan, ReportRows, Storage};
use super::{Actor, Change, CurationError, Declined, Op, Overlay, Pick, VoteTally};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio_postgres::{AsyncMessage, GenericClient, IsolationLevel, NoTls, Row};

/// Schema migrations, in order; `schema_version` counts those applied.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/postgres/0001_init.sql")];
/// The schema version this build brings a database to.
pub const LATEST_SCHEMA: usize = MIGRATIONS.len();
/// The channel changes are announced on.
pub const CHANNEL: &str = "curation";
/// How often every head is compared, in case a notification was lost.
pub const POLL_INTERVAL: Duration = Duration::from_secs(45);
/// How long to wait before reconnecting a lost LISTEN connection.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);
/// The LISTEN connection's `application_name`, to find it in `pg_stat_activity`.
pub const LISTEN_APPLICATION: &str = "careerbot-listen";
/// Keys `pg_advisory_xact_lock` while migrating, so processes starting
/// together migrate one at a time.
const MIGRATION_LOCK: i64 = 0x6361_7265_6572_626f; // "careerbo"

/// A PostgreSQL curation store; cheap to clone.
#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
    config: tokio_postgres::Config,
    runtime: tokio::runtime::Handle,
    /// The backend pid of the LISTEN connection (0 while there is none).
    listener: Arc<AtomicI32>,
}

impl From<tokio_postgres::Error> for CurationError {
    fn from(e: tokio_postgres::Error) -> CurationError {
        CurationError::Postgres(e)
    }
}

impl From<deadpool_postgres::PoolError> for CurationError {
    fn from(e: deadpool_postgres::PoolError) -> CurationError {
        match e {
            deadpool_postgres::PoolError::Backend(e) => CurationError::Postgres(e),
            e => CurationError::failed("cannot get a PostgreSQL connection", e.to_string()),
        }
    }
}

/// A Discord id as stored: BIGINT, bit for bit.
fn id(v: u64) -> i64 {
    v as i64
}

/// A Discord id as read back.
fn uid(v: i64) -> u64 {
    v as u64
}

impl Postgres {
    /// Connects to the database at `url` (a libpq URL or key=value string)
    /// and brings its schema up to date. The URL's password never appears
    /// in an error.
    pub async fn connect(url: &str) -> Result<Postgres, CurationError> {
        let mut config: tokio_postgres::Config = url.parse().map_err(|_| {
            // The parser's message may quote the URL, password and all.
            CurationError::Refused(
                "postgres_url is not a PostgreSQL connection URL (postgres://user:password@host:port/database)".into(),
            )
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("careerbot");
        }
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(8)
            .build()
            .map_err(|e| CurationError::failed("cannot set up the PostgreSQL pool", e))?;
        let store = Postgres {
            pool,
            config,
            runtime: tokio::runtime::Handle::current(),
            listener: Arc::new(AtomicI32::new(0)),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// The backend pid of the LISTEN connection, 0 while there is none (for
    /// tests that cut it).
    pub fn listener_pid(&self) -> i32 {
        self.listener.load(Ordering::Relaxed)
    }

    /// The schema version of the database.
    pub async fn schema_version(&self) -> Result<usize, CurationError> {
        let client = self.pool.get().await?;
        schema_version(&**client).await
    }

    async fn migrate(&self) -> Result<(), CurationError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .await?;
        let version = schema_version(&*tx).await?;
        if version > MIGRATIONS.len() {
            return Err(CurationError::TooNew {
                found: version,
                known: MIGRATIONS.len(),
            });
        }
        for sql in &MIGRATIONS[version..] {
            tx.batch_execute(sql).await?;
        }
        tx.execute("DELETE FROM schema_version", &[]).await?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&(MIGRATIONS.len() as i32)],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Runs `work` on the store's runtime and waits for it, so any thread
    /// may call (see [`storage::block_on`]).
    async fn run<T, F, Fut>(&self, work: F) -> Result<T, CurationError>
    where
        T: Send + 'static,
        F: FnOnce(Pool) -> Fut,
        Fut: Future<Output = Result<T, CurationError>> + Send + 'static,
    {
        self.runtime
            .spawn(work(self.pool.clone()))
            .await
            .map_err(|e| CurationError::failed("a PostgreSQL call failed", e))?
    }

    /// Ends another session (`pg_terminate_backend`), for tests that cut a
    /// process's LISTEN connection.
    #[doc(hidden)]
    pub async fn terminate(&self, pid: i32) -> Result<bool, CurationError> {
        let client = self.pool.get().await?;
        let row = client
            .query_one("SELECT pg_terminate_backend($1)", &[&pid])
            .await?;
        Ok(row.get(0))
    }

    /// Marks the schema as `version`, for tests of a newer careerbot's database.
    #[doc(hidden)]
    pub async fn set_schema_version_for_tests(&self, version: i32) -> Result<(), CurationError> {
        let client = self.pool.get().await?;
        client
            .execute("UPDATE schema_version SET version = $1", &[&version])
            .await?;
        Ok(())
    }

    /// Fills this (empty) database with everything in `dump`, in one
    /// transaction that takes the tables' write locks first, and checks the
    /// counts before committing. Refuses a database that holds anything.
    /// Each server's changes are numbered 1, 2, 3... in their order; an
    /// undo's target and "undid #N" follow the new numbers.
    pub async fn copy_from(&self, dump: super::store::Dump) -> Result<Copied, CurationError> {
        self.run(move |pool| async move {
            let mut client = pool.get().await?;
            let tx = client.transaction().await?;
            tx.batch_execute(
                "LOCK TABLE guild_heads, changes, declined, picks, votes IN EXCLUSIVE MODE",
            )
            .await?;
            let before = counts(&*tx).await?;
            if before != Copied::default() {
                return Err(CurationError::Refused(format!(
                    "the PostgreSQL database is not empty ({before}); db copy fills only an empty one"
                )));
            }
            let mut heads: HashMap<u64, i64> = HashMap::new();
            let mut renumbered: HashMap<i64, (i64, String)> = HashMap::new();
            for old in &dump.changes {
                let seq = heads.entry(old.guild).or_insert(0);
                *seq += 1;
                let mut c = old.clone();
                c.id = *seq;
                c.undone_by = None;
                if let Some(target) = old.undoes {
                    let Some((new, summary)) = renumbered.get(&target) else {
                        return Err(CurationError::Refused(format!(
                            "change #{} undoes #{target}, which is not in the SQLite database",
                            old.id
                        )));
                    };
                    c.undoes = Some(*new);
                    c.op = Op::Undo { change: *new };
                    c.summary = format!("undid #{new}: {summary}");
                }
                renumbered.insert(old.id, (c.id, c.summary.clone()));
                insert(&*tx, &c).await?;
            }
            for (guild, seq) in &heads {
                tx.execute(
                    "INSERT INTO guild_heads (guild_id, seq) VALUES ($1, $2)",
                    &[&id(*guild), seq],
                )
                .await?;
            }
            for d in &dump.declined {
                tx.execute(
                    "INSERT INTO declined (guild_id, question, shown, count, first_at, last_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&id(d.guild), &d.question, &d.shown, &d.count, &d.first_at, &d.last_at],
                )
                .await?;
            }
            for p in &dump.picks {
                tx.execute(
                    "INSERT INTO picks (guild_id, question, shown, section, count, last_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&id(p.guild), &p.question, &p.shown, &p.section, &p.count, &p.last_at],
                )
                .await?;
            }
            for v in &dump.votes {
                tx.execute(
                    "INSERT INTO votes (guild_id, message_id, section, user_id, vote, at) VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&id(v.guild), &id(v.message), &v.section, &id(v.user), &(v.vote as i16), &v.at],
                )
                .await?;
            }
            let after = counts(&*tx).await?;
            let expected = Copied {
                servers: heads.len() as u64,
                changes: dump.changes.len() as u64,
                declined: dump.declined.len() as u64,
                picks: dump.picks.len() as u64,
                votes: dump.votes.len() as u64,
            };
            if after != expected {
                return Err(CurationError::Refused(format!(
                    "the copy holds {after}, not {expected}; nothing was committed"
                )));
            }
            tx.commit().await?;
            Ok(after)
        })
        .await
    }

    /// True when the database holds nothing: no change, declined question,
    /// pick or vote (for `careerbot db copy`, which fills only empty ones).
    pub async fn is_empty(&self) -> Result<bool, CurationError> {
        self.run(|pool| async move {
            let client = pool.get().await?;
            let row = client
                .query_one(
                    "SELECT NOT EXISTS (SELECT 1 FROM changes) AND NOT EXISTS (SELECT 1 FROM declined)
                       AND NOT EXISTS (SELECT 1 FROM picks) AND NOT EXISTS (SELECT 1 FROM votes)",
                    &[],
                )
                .await?;
            Ok(row.get(0))
        })
        .await
    }
}

/// What a database holds, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Copied {
    pub servers: u64,
    pub changes: u64,
    pub declined: u64,
    pub picks: u64,
    pub votes: u64,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} servers, {} changes, {} declined questions, {} picks, {} votes",
            self.servers, self.changes, self.declined, self.picks, self.votes
        )
    }
}

async fn counts(client: &impl GenericClient) -> Result<Copied, CurationError> {
    let r = client
        .query_one(
            "SELECT (SELECT COUNT(*) FROM guild_heads), (SELECT COUNT(*) FROM changes),
                    (SELECT COUNT(*) FROM declined), (SELECT COUNT(*) FROM picks),
                    (SELECT COUNT(*) FROM votes)",
            &[],
        )
        .await?;
    let n = |i: usize| r.get::<_, i64>(i) as u64;
    Ok(Copied {
        servers: n(0),
        changes: n(1),
        declined: n(2),
        picks: n(3),
        votes: n(4),
    })
}

async fn schema_version(client: &impl GenericClient) -> Result<usize, CurationError> {
    let row = client
        .query_opt("SELECT MAX(version) FROM schema_version", &[])
        .await?;
    Ok(row
        .and_then(|r| r.get::<_, Option<i32>>(0))
        .map_or(0, |v| v as usize))
}

const CHANGE_SELECT: &str =
    "SELECT c.seq, c.guild_id, c.actor_id, c.actor_name, c.at, c.summary, c.op, c.undoes, u.seq
     FROM changes c LEFT JOIN changes u ON u.guild_id = c.guild_id AND u.undoes = c.seq";

fn row_to_change(r: &Row) -> Result<Change, CurationError> {
    let id: i64 = r.get(0);
    let op: String = r.get(6);
    Ok(Change {
        id,
        guild: uid(r.get(1)),
        actor_id: uid(r.get(2)),
        actor_name: r.get(3),
        at: r.get(4),
        summary: r.get(5),
        op: serde_json::from_str(&op).map_err(|source| CurationError::Unreadable { id, source })?,
        undoes: r.get(7),
        undone_by: r.get(8),
    })
}

/// A server's changes, oldest first (all, or only those in force).
async fn changes(
    client: &impl GenericClient,
    guild: u64,
    in_force_only: bool,
) -> Result<Vec<Change>, CurationError> {
    let sql = format!(
        "{CHANGE_SELECT} WHERE c.guild_id = $1 {} ORDER BY c.seq",
        if in_force_only {
            "AND c.undoes IS NULL AND u.seq IS NULL"
        } else {
            ""
        }
    );
    let rows = client.query(&sql, &[&id(guild)]).await?;
    rows.iter().map(row_to_change).collect()
}

async fn fold(client: &impl GenericClient, guild: u64) -> Result<Overlay, CurationError> {
    let mut overlay = Overlay::default();
    for c in changes(client, guild, true).await? {
        c.op.apply(&mut overlay);
    }
    Ok(overlay)
}

async fn head(client: &impl GenericClient, guild: u64) -> Result<i64, CurationError> {
    let row = client
        .query_opt(
            "SELECT seq FROM guild_heads WHERE guild_id = $1",
            &[&id(guild)],
        )
        .await?;
    Ok(row.map_or(0, |r| r.get(0)))
}

async fn heads(client: &impl GenericClient) -> Result<HashMap<u64, i64>, CurationError> {
    let rows = client
        .query("SELECT guild_id, seq FROM guild_heads WHERE seq > 0", &[])
        .await?;
    Ok(rows.iter().map(|r| (uid(r.get(0)), r.get(1))).collect())
}

/// A server's overlay and head, read in one snapshot.
async fn state(pool: &Pool, guild: u64) -> Result<(Overlay, i64), CurationError> {
    let mut client = pool.get().await?;
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let state = (fold(&*tx, guild).await?, head(&*tx, guild).await?);
    tx.commit().await?;
    Ok(state)
}

async fn purge(client: &impl GenericClient, retention_days: u32) -> Result<(), CurationError> {
    let cutoff = super::store::now() - i64::from(retention_days) * 86_400;
    client
        .execute("DELETE FROM picks WHERE last_at < $1", &[&cutoff])
        .await?;
    client
        .execute("DELETE FROM declined WHERE last_at < $1", &[&cutoff])
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl Storage for Postgres {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn load(&self, retention_days: u32) -> storage::Result<Vec<(u64, Overlay, i64)>> {
        self.run(move |pool| async move {
            let mut client = pool.get().await?;
            purge(&**client, retention_days).await?;
            let tx = client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let mut states = Vec::new();
            let mut guilds: Vec<(u64, i64)> = heads(&*tx).await?.into_iter().collect();
            guilds.sort_unstable();
            for (guild, head) in guilds {
                states.push((guild, fold(&*tx, guild).await?, head));
            }
            tx.commit().await?;
            Ok(states)
        })
        .await
    }

    async fn state(&self, guild: u64) -> storage::Result<(Overlay, i64)> {
        self.run(move |pool| async move { state(&pool, guild).await })
            .await
    }

    async fn heads(&self) -> storage::Result<HashMap<u64, i64>> {
        self.run(|pool| async move { heads(&**pool.get().await?).await })
            .await
    }

    async fn append(&self, append: Append) -> storage::Result<(Change, Overlay)> {
        self.run(move |pool| async move {
            let Append {
                guild,
                actor,
                cached,
                plan,
                storing,
            } = append;
            let mut client = pool.get().await?;
            let tx = client.transaction().await?;
            tx.execute(
                "INSERT INTO guild_heads (guild_id, seq) VALUES ($1, 0) ON CONFLICT (guild_id) DO NOTHING",
                &[&id(guild)],
            )
            .await?;
            // The server's lock: later statements (read committed) see every
            // change committed before it was granted.
            let head: i64 = tx
                .query_one(
                    "SELECT seq FROM guild_heads WHERE guild_id = $1 FOR UPDATE",
                    &[&id(guild)],
                )
                .await?
                .get(0);
            let (op, overlay, target) = match plan {
                Plan::Edit(plan) => {
                    let overlay = if head == cached.1 {
                        cached.0
                    } else {
                        fold(&*tx, guild).await?
                    };
                    let (op, overlay) = plan(overlay)?;
                    (op, overlay, None)
                }
                Plan::Undo(plan) => {
                    let (target, overlay) = plan(&changes(&*tx, guild, false).await?)?;
                    (Op::Undo { change: target.id }, overlay, Some(target))
                }
            };
            let seq = head + 1;
            let change = new_change(guild, seq, &actor, &op, target.as_ref());
            insert(&*tx, &change).await?;
            tx.execute(
                "UPDATE guild_heads SET seq = $2 WHERE guild_id = $1",
                &[&id(guild), &seq],
            )
            .await?;
            tx.execute(
                "SELECT pg_notify($1, $2)",
                &[&CHANNEL, &format!("{guild}:{seq}")],
            )
            .await?;
            storing(seq);
            tx.commit().await?;
            Ok((change, overlay))
        })
        .await
    }

    async fn changes(&self, guild: u64, in_force_only: bool) -> storage::Result<Vec<Change>> {
        self.run(
            move |pool| async move { changes(&**pool.get().await?, guild, in_force_only).await },
        )
        .await
    }

    async fn record(
        &self,
        declined: Vec<(u64, String)>,
        picks: Vec<(u64, String, String)>,
        retention_days: u32,
    ) -> storage::Result<()> {
        self.run(move |pool| async move {
            let mut client = pool.get().await?;
            let tx = client.transaction().await?;
            let now = super::store::now();
            for (guild, q) in &declined {
                let (norm, shown) = super::store::normalised(q);
                if norm.is_empty() {
                    continue;
                }
                tx.execute(
                    "INSERT INTO declined (guild_id, question, shown, count, first_at, last_at) VALUES ($1, $2, $3, 1, $4, $4)
                     ON CONFLICT (guild_id, question) DO UPDATE SET count = declined.count + 1, last_at = $4, shown = $3",
                    &[&id(*guild), &norm, &shown, &now],
                )
                .await?;
            }
            for (guild, q, section) in &picks {
                let (norm, shown) = super::store::normalised(q);
                if norm.is_empty() {
                    continue;
                }
                tx.execute(
                    "INSERT INTO picks (guild_id, question, shown, section, count, last_at) VALUES ($1, $2, $3, $4, 1, $5)
                     ON CONFLICT (guild_id, question, section) DO UPDATE SET count = picks.count + 1, last_at = $5, shown = $3",
                    &[&id(*guild), &norm, &shown, section, &now],
                )
                .await?;
            }
            purge(&*tx, retention_days).await?;
            tx.commit().await?;
            Ok(())
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
        self.run(move |pool| async move {
            pool.get()
                .await?
                .execute(
                    "INSERT INTO votes (guild_id, message_id, section, user_id, vote, at) VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (guild_id, message_id, user_id) DO UPDATE SET vote = $5, at = $6",
                    &[&id(guild), &id(message), &section, &id(user), &(if up { 1i16 } else { -1 }), &super::store::now()],
                )
                .await?;
            Ok(())
        })
        .await
    }

    async fn report(&self, guild: u64, limit: usize) -> storage::Result<ReportRows> {
        self.run(move |pool| async move {
            let client = pool.get().await?;
            let limit = limit as i64;
            let declined = client
                .query(
                    "SELECT shown, count, last_at FROM declined WHERE guild_id = $1
                     ORDER BY count DESC, last_at DESC, question LIMIT $2",
                    &[&id(guild), &limit],
                )
                .await?
                .iter()
                .map(|r| Declined {
                    question: r.get(0),
                    count: r.get::<_, i64>(1) as u64,
                    last_at: r.get(2),
                })
                .collect();
            let picked = client
                .query(
                    "SELECT shown, section, count FROM picks WHERE guild_id = $1
                     ORDER BY count DESC, last_at DESC, question, section LIMIT $2",
                    &[&id(guild), &limit],
                )
                .await?
                .iter()
                .map(|r| Pick {
                    question: r.get(0),
                    section: r.get(1),
                    count: r.get::<_, i64>(2) as u64,
                })
                .collect();
            let downvoted = client
                .query(
                    "SELECT section, COUNT(*) FILTER (WHERE vote = -1), COUNT(*) FILTER (WHERE vote = 1)
                     FROM votes WHERE guild_id = $1 GROUP BY section
                     HAVING COUNT(*) FILTER (WHERE vote = -1) > 0
                     ORDER BY COUNT(*) FILTER (WHERE vote = -1) DESC, section LIMIT $2",
                    &[&id(guild), &limit],
                )
                .await?
                .iter()
                .map(|r| VoteTally {
                    section: r.get(0),
                    down: r.get::<_, i64>(1) as u64,
                    up: r.get::<_, i64>(2) as u64,
                })
                .collect();
            Ok(ReportRows {
                declined,
                picked,
                downvoted,
            })
        })
        .await
    }

    fn follow(&self, follower: Weak<dyn Follower>) -> storage::Result<()> {
        let store = self.clone();
        self.runtime
            .spawn(async move { store.listen(follower).await });
        Ok(())
    }
}

/// A change as it will be stored.
fn new_change(guild: u64, seq: i64, actor: &Actor, op: &Op, undoes: Option<&Change>) -> Change {
    let summary = match undoes {
        Some(target) => format!("undid #{}: {}", target.id, target.summary),
        None => op.summary(),
    };
    Change {
        id: seq,
        guild,
        actor_id: actor.id,
        actor_name: actor.name.clone(),
        at: super::store::now(),
        summary,
        op: op.clone(),
        undoes: undoes.map(|c| c.id),
        undone_by: None,
    }
}

async fn insert(client: &impl GenericClient, c: &Change) -> Result<(), CurationError> {
    let json = serde_json::to_string(&c.op).expect("an op always serializes");
    client
        .execute(
            "INSERT INTO changes (guild_id, seq, actor_id, actor_name, at, summary, op, undoes)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &id(c.guild),
                &c.id,
                &id(c.actor_id),
                &c.actor_name,
                &c.at,
                &c.summary,
                &json,
                &c.undoes,
            ],
        )
        .await?;
    Ok(())
}

impl Postgres {
    /// The follower's loop: (re)connect, LISTEN, resync every head, then
    /// rebuild on each notification and resync every [`POLL_INTERVAL`],
    /// until the follower is dropped.
    async fn listen(self, follower: Weak<dyn Follower>) {
        loop {
            if follower.strong_count() == 0 {
                return;
            }
            if let Err(e) = self.listen_once(&follower).await {
                tracing::warn!(
                    error = %crate::error_chain(&e),
                    "lost the PostgreSQL LISTEN connection; reconnecting"
                );
            }
            self.listener.store(0, Ordering::Relaxed);
            tokio::time::sleep(RECONNECT_DELAY).await;
        }
    }

    /// One LISTEN connection's life; returns when it is lost (or the
    /// follower is gone).
    async fn listen_once(&self, follower: &Weak<dyn Follower>) -> Result<(), CurationError> {
        let mut config = self.config.clone();
        config.application_name(LISTEN_APPLICATION);
        let (client, mut connection) = config.connect(NoTls).await?;
        let (tx, mut notes) = tokio::sync::mpsc::unbounded_channel::<String>();
        let driver = tokio::spawn(async move {
            loop {
                match std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                    Some(Ok(AsyncMessage::Notification(n))) => {
                        if tx.send(n.payload().to_string()).is_err() {
                            return;
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(e)) => {
                        tracing::debug!(error = %e, "the LISTEN connection ended");
                        return;
                    }
                    None => return,
                }
            }
        });
        let _driver = AbortOnDrop(driver);
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        let pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .await?
            .get(0);
        self.listener.store(pid, Ordering::Relaxed);
        // NOTIFY is never replayed: whatever changed while this process was
        // not listening is found by comparing every head.
        self.resync(follower).await?;
        let mut poll = tokio::time::interval(POLL_INTERVAL);
        poll.tick().await;
        loop {
            tokio::select! {
                note = notes.recv() => {
                    let Some(note) = note else {
                        return Ok(());
                    };
                    let Some(f) = follower.upgrade() else {
                        return Ok(());
                    };
                    let Some((guild, seq)) = parse_note(&note).filter(|&(g, _)| f.follows(g)) else {
                        continue;
                    };
                    let (installed, pending) = f.heads_of(guild);
                    if seq > installed.max(pending) {
                        let (overlay, head) = state(&self.pool, guild).await?;
                        f.install(guild, overlay, head);
                        tracing::info!(guild, change = head, "another process changed this server's curation; rebuilt it");
                    }
                }
                _ = poll.tick() => self.resync(follower).await?,
            }
        }
    }

    /// Compares every stored head with the follower's and rebuilds those
    /// behind.
    async fn resync(&self, follower: &Weak<dyn Follower>) -> Result<(), CurationError> {
        let Some(f) = follower.upgrade() else {
            return Ok(());
        };
        let heads = heads(&**self.pool.get().await?).await?;
        let pool = &self.pool;
        storage::catch_up(f.as_ref(), heads, |guild| state(pool, guild)).await?;
        Ok(())
    }
}

/// `<guild>:<seq>`.
fn parse_note(note: &str) -> Option<(u64, i64)> {
    let (guild, seq) = note.split_once(':')?;
    Some((guild.parse().ok()?, seq.parse().ok()?))
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_name_a_server_and_its_change() {
        assert_eq!(parse_note("18446744073709551615:7"), Some((u64::MAX, 7)));
        assert_eq!(parse_note("12"), None);
        assert_eq!(parse_note("x:1"), None);
    }

    #[test]
    fn ids_round_trip_through_bigint() {
        for v in [0, 1, 1 << 62, u64::MAX] {
            assert_eq!(uid(id(v)), v);
        }
    }
}
