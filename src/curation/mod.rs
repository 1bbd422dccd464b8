//! Moderator curation per server, stored durably in SQLite or PostgreSQL.
//!
//! - `overlay`: what moderators change ([`Op`]) and the [`Overlay`] it folds
//!   into; a server's view is the shipped knowledge plus its overlay.
//! - `storage`: the one [`Storage`] trait the curator uses, with two
//!   backends: `store`, SQLite (migrations, change log, declined questions,
//!   votes) on its own thread, and `postgres`.
//! - `backup`: whole-database backup and restore through SQLite's online
//!   backup API.
//!
//! [`Curator`] ties them to the engine: every change is checked against the
//! stored state inside its write transaction, stored, and the server's
//! engine is rebuilt and swapped in before the call returns, so the next
//! question sees it. The backend's watcher notices changes other processes make
//! (`careerbot kb import` while the bot runs) and rebuilds only the cached
//! servers they touched. Servers with no curation share the base engine;
//! curated ones are built on first use and kept up to a limit (`cache`).
//! Knows nothing of Discord.

pub mod backup;
mod cache;
mod ops;
mod overlay;
pub mod postgres;
pub mod storage;
pub mod store;

pub use cache::DEFAULT_MAX_CACHED_GUILDS;
pub use ops::{action, help, Action, Op, ACTIONS};
pub use overlay::{Adjustment, CustomEntry, Overlay};
pub use postgres::Postgres;
pub use storage::Storage;
pub use store::{Change, Declined, Pick, Store, VoteTally, WATCH_INTERVAL};

use crate::engine::Engine;
use crate::knowledge::Problem;
use crate::search::Vocabulary;
use cache::{Install, Lookup, Stale, Views};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The largest curation file: `import` refuses bigger ones, and a change
/// that would make a server's export bigger is refused, so every server's
/// curation can go out with `export` and back in with `import`.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Why a curation call failed. Storage failures keep their cause as the
/// error's source; [`CurationError::Invalid`] lists what a moderator can fix.
#[derive(Debug, thiserror::Error)]
pub enum CurationError {
    /// The change (or file) was refused; nothing was stored.
    #[error("{}", crate::text::joined(.0, "; "))]
    Invalid(Vec<Problem>),
    #[error("the curation database failed")]
    Database(#[from] rusqlite::Error),
    /// PostgreSQL refused or failed a call (its messages never hold the
    /// connection URL's password).
    #[error("the PostgreSQL curation store failed")]
    Postgres(#[source] tokio_postgres::Error),
    #[error("cannot open the curation database {}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{what}")]
    Failed {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A backup or restore that would not be safe.
    #[error("{0}")]
    Refused(String),
    #[error("stored change #{id} cannot be read")]
    Unreadable {
        id: i64,
        #[source]
        source: serde_json::Error,
    },
    #[error("the database path is empty")]
    EmptyPath,
    #[error("the curation store has stopped")]
    Stopped,
    #[error("curation needs the database, and this process runs without one")]
    NoStore,
    #[error("there is no curation database at {}: nothing has been curated with this configuration yet", .0.display())]
    Missing(PathBuf),
    #[error("the curation database has schema version {found}, from a newer careerbot (this one knows up to {known}); it was not changed. Run the newer careerbot, or point [storage] database (or postgres_url) at another database")]
    TooNew { found: usize, known: usize },
}

impl CurationError {
    pub fn failed(
        what: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> CurationError {
        CurationError::Failed {
            what: what.into(),
            source: source.into(),
        }
    }

    pub fn invalid(problem: impl Into<String>) -> CurationError {
        CurationError::Invalid(vec![Problem::change(problem)])
    }
}

/// How `import` treats what a server has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// The file becomes the server's whole curation.
    #[default]
    Replace,
    /// The file's changes are added to the server's curation.
    Merge,
}

impl ImportMode {
    /// [`ImportMode::Merge`] when `merge`, else [`ImportMode::Replace`].
    pub fn merging(merge: bool) -> ImportMode {
        if merge {
            ImportMode::Merge
        } else {
            ImportMode::Replace
        }
    }
}

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: u64,
    pub name: String,
}

impl Actor {
    /// The person at the terminal (`careerbot chat`, `careerbot kb`).
    pub fn local() -> Actor {
        Actor {
            id: 0,
            name: std::env::var("USER").unwrap_or_else(|_| "operator".into()),
        }
    }
}

/// What `/kb report` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub declined: Vec<Declined>,
    /// Questions the bot was unsure of, and the section members picked.
    pub picked: Vec<Pick>,
    pub downvoted: Vec<VoteTally>,
}

impl Report {
    /// The report as Markdown: `title_of` names sections, `when` shows a
    /// unix time (Discord's `<t:…:R>`, or a date in the terminal).
    pub fn render(
        &self,
        title_of: impl Fn(&str) -> Option<String>,
        when: impl Fn(i64) -> String,
    ) -> String {
        let mut s = String::from("**Declined most often**\n");
        if self.declined.is_empty() {
            s.push_str("none\n");
        }
        for d in &self.declined {
            s.push_str(&format!(
                "• \"{}\": {}×, last {}\n",
                d.question,
                d.count,
                when(d.last_at)
            ));
        }
        s.push_str("\n**Link candidates** (members picked a section when I was unsure)\n");
        if self.picked.is_empty() {
            s.push_str("none\n");
        }
        for p in &self.picked {
            let title = title_of(&p.section).unwrap_or_else(|| p.section.clone());
            s.push_str(&format!("• \"{}\" → {title}: {}×\n", p.question, p.count));
        }
        s.push_str("\n**Most 👎**\n");
        if self.downvoted.is_empty() {
            s.push_str("none\n");
        }
        for v in &self.downvoted {
            let title = title_of(&v.section).unwrap_or_else(|| v.section.clone());
            s.push_str(&format!("• {title}: {} 👎, {} 👍\n", v.down, v.up));
        }
        s.push_str("\nLink a declined question to its section with `/kb link`.");
        s
    }
}

struct GuildView {
    overlay: Overlay,
    engine: Engine,
}

/// What the backend's watcher shares with the [`Curator`]; it holds only a
/// `Weak`, so it stops once the curator is dropped.
struct Shared {
    base: Engine,
    /// A `std` mutex, not an async one: every question takes it (to find
    /// its server's engine and mark it used), and it is held only for a map
    /// lookup or swap, never across an `.await`, a store read or a rebuild,
    /// so it is never contended for long and an async lock's overhead would
    /// buy nothing.
    views: Mutex<Views>,
    /// Shared by every server's index, so a rebuild analyses only the
    /// sections that changed. Locked only inside blocking rebuilds.
    vocab: Arc<Mutex<Vocabulary>>,
}

/// The curation service: the base engine, the store, and each curated
/// server's view.
pub struct Curator {
    shared: Arc<Shared>,
    storage: Arc<dyn Storage>,
    retention_days: u32,
    /// Serialises this process's changes (other processes are serialised by
    /// the backend's per-server write lock).
    writes: tokio::sync::Mutex<()>,
}

/// Writes declined questions and picks (see [`Curator::recorder`]).
pub struct Recorder {
    storage: Arc<dyn Storage>,
    retention_days: u32,
}

impl Recorder {
    /// Notes declined questions (text and count only) and members' picks
    /// after "is it one of these?" in one transaction, and forgets declined
    /// questions older than the retention period. Blocks.
    pub fn write(
        &self,
        declined: Vec<(u64, String)>,
        picks: Vec<(u64, String, String)>,
    ) -> Result<(), CurationError> {
        storage::block_on(self.storage.record(declined, picks, self.retention_days))
    }
}

/// How many declined questions and downvoted answers a report lists.
const REPORT_ROWS: usize = 10;

impl Curator {
    /// Opens (creating if needed) the store at `path`, notes which servers
    /// are curated (their views are built on first use), and starts
    /// watching for other processes' changes.
    pub fn open(base: Engine, path: &Path, retention_days: u32) -> Result<Curator, CurationError> {
        Curator::with_storage_blocking(base, Arc::new(Store::open(path)?), retention_days)
    }

    /// [`Curator::open`] for commands that only read: an error, and no new
    /// file, when there is no database at `path`.
    pub fn open_existing(
        base: Engine,
        path: &Path,
        retention_days: u32,
    ) -> Result<Curator, CurationError> {
        Curator::with_storage_blocking(base, Arc::new(Store::open_existing(path)?), retention_days)
    }

    /// A curator over any storage: reads every curated server's state,
    /// builds its view, and starts following other processes' changes.
    pub async fn with_storage(
        base: Engine,
        storage: Arc<dyn Storage>,
        retention_days: u32,
    ) -> Result<Curator, CurationError> {
        let states = storage.load(retention_days).await?;
        let storage2 = storage.clone();
        tokio::task::spawn_blocking(move || {
            Curator::assemble(base, storage2, states, retention_days)
        })
        .await
        .map_err(|e| CurationError::failed("building the curated servers' views failed", e))?
    }

    fn with_storage_blocking(
        base: Engine,
        storage: Arc<dyn Storage>,
        retention_days: u32,
    ) -> Result<Curator, CurationError> {
        let states = storage::block_on(storage.load(retention_days))?;
        Curator::assemble(base, storage, states, retention_days)
    }

    fn assemble(
        base: Engine,
        storage: Arc<dyn Storage>,
        states: Vec<(u64, Overlay, i64)>,
        retention_days: u32,
    ) -> Result<Curator, CurationError> {
        let base_synonyms = base.knowledge().synonyms().clone();
        let shared = Arc::new(Shared {
            base,
            views: Mutex::new(Views::new(DEFAULT_MAX_CACHED_GUILDS)),
            vocab: Arc::new(Mutex::new(Vocabulary::reusable(&base_synonyms))),
        });
        {
            // Only which servers are curated, and at which change: their
            // views are built on first use.
            let mut views = shared.lock();
            for (g, _, head) in states {
                views.know(g, head);
            }
        }
        let follower: Arc<dyn storage::Follower> = shared.clone();
        storage.follow(Arc::downgrade(&follower))?;
        Ok(Curator {
            shared,
            storage,
            retention_days,
            writes: tokio::sync::Mutex::new(()),
        })
    }

    /// Keeps at most `max` curated servers' views built (at least one),
    /// dropping the least recently used beyond it.
    pub fn with_max_cached_guilds(self, max: usize) -> Curator {
        self.shared.with_views(|v| v.set_limit(max));
        self
    }

    /// How many curated servers' views are built and kept.
    pub fn cached_guilds(&self) -> usize {
        self.shared.lock().len()
    }

    pub fn base(&self) -> &Engine {
        &self.shared.base
    }

    /// The storage this curator uses.
    pub fn storage(&self) -> &Arc<dyn Storage> {
        &self.storage
    }

    /// The engine that answers in `guild` (the base one outside servers and
    /// for servers without curation). On every question: a cached server
    /// costs a lock, a map lookup and `Arc` clones; one not cached is read
    /// from the store and built here (see `Shared::load`). Should that
    /// read fail, the shipped knowledge answers and the failure is logged.
    pub fn engine(&self, guild: Option<u64>) -> Engine {
        let Some(g) = guild else {
            return self.shared.base.clone();
        };
        match self.shared.view(g, &*self.storage) {
            Ok(view) => view.map_or_else(|| self.shared.base.clone(), |v| v.engine.clone()),
            Err(e) => {
                tracing::warn!(guild = g, error = %e, "cannot read this server's curation; answering from the shipped knowledge");
                self.shared.base.clone()
            }
        }
    }

    /// A server's current overlay (read from the store if it is not cached).
    pub fn overlay(&self, guild: u64) -> Result<Overlay, CurationError> {
        Ok(self
            .shared
            .view(guild, &*self.storage)?
            .map(|v| v.overlay.clone())
            .unwrap_or_default())
    }

    /// Checks `op` against the server's stored state inside the write
    /// transaction (so a change another process made meanwhile counts),
    /// checks the state it leads to as a whole, stores it, and makes it
    /// visible. Returns the stored change.
    pub async fn apply(&self, guild: u64, actor: &Actor, op: Op) -> Result<Change, CurationError> {
        let _write = self.writes.lock().await;
        let cached = self.shared.state(guild);
        let base = self.shared.base.clone();
        let shared = self.shared.clone();
        let plan = storage::Plan::Edit(Box::new(move |mut overlay| {
            let kb = base.knowledge();
            let op = op.resolve(&overlay, kb);
            let problems = op.check(&overlay, kb);
            if !problems.is_empty() {
                return Err(CurationError::Invalid(problems));
            }
            op.apply(&mut overlay);
            check_whole(guild, &overlay, kb)?;
            Ok((op, overlay))
        }));
        let (change, overlay) = self
            .storage
            .append(storage::Append {
                guild,
                actor: actor.clone(),
                cached,
                plan,
                storing: Box::new(move |id| shared.expect(guild, id)),
            })
            .await
            .inspect_err(|_| self.shared.settle(guild))?;
        self.rebuild(guild, overlay, change.id).await;
        Ok(change)
    }

    /// Builds the engine off the async threads, then swaps it in.
    async fn rebuild(&self, guild: u64, overlay: Overlay, head: i64) {
        let shared = self.shared.clone();
        if let Err(e) = tokio::task::spawn_blocking(move || {
            shared.install(guild, overlay, head, Install::Change);
        })
        .await
        {
            tracing::error!(guild, error = %e, "rebuilding a server's view failed");
            // Its next use reads the stored state again.
            self.shared.with_views(|v| v.forget(guild));
        }
    }

    /// Reverts the most recent change in force, or `change` if given, and
    /// records the undo. Refused, with the later change to undo first, when
    /// the state without it would not be valid (an entry's later keyword
    /// would be left without its entry). Returns the undo's change.
    pub async fn undo(
        &self,
        guild: u64,
        actor: &Actor,
        change: Option<i64>,
    ) -> Result<Change, CurationError> {
        let _write = self.writes.lock().await;
        let base = self.shared.base.clone();
        let shared = self.shared.clone();
        let plan = storage::Plan::Undo(Box::new(move |all: &[Change]| {
            let in_force: Vec<&Change> = all
                .iter()
                .filter(|c| c.undone_by.is_none() && c.undoes.is_none())
                .collect();
            let target = match change {
                Some(id) => match in_force.iter().find(|c| c.id == id) {
                    Some(c) => (*c).clone(),
                    None => {
                        let why = match all.iter().find(|c| c.id == id) {
                            Some(c) if c.undone_by.is_some() => {
                                format!("change #{id} is already undone")
                            }
                            Some(_) => {
                                format!("change #{id} is an undo; undo the change it undid instead")
                            }
                            None => format!("this server has no change #{id}"),
                        };
                        return Err(CurationError::invalid(why));
                    }
                },
                None => in_force
                    .last()
                    .map(|c| (*c).clone())
                    .ok_or_else(|| CurationError::invalid("there is nothing to undo"))?,
            };
            let without = |skip: &[i64]| {
                let mut overlay = Overlay::default();
                for c in in_force.iter().filter(|c| !skip.contains(&c.id)) {
                    c.op.apply(&mut overlay);
                }
                overlay
            };
            let overlay = without(&[target.id]);
            let kb = base.knowledge();
            if let Err(CurationError::Invalid(problems)) = check_whole(guild, &overlay, kb) {
                // The latest later change whose undo first makes this one possible.
                let first = in_force
                    .iter()
                    .rev()
                    .filter(|c| c.id > target.id)
                    .find(|c| check_whole(guild, &without(&[target.id, c.id]), kb).is_ok());
                let then = match first {
                    Some(c) => format!("undo #{} ({}) first", c.id, c.summary),
                    None => "undo the later changes to the same section first".into(),
                };
                return Err(CurationError::invalid(format!(
                    "undoing #{} would leave this server's curation invalid ({}); {then}",
                    target.id,
                    crate::text::joined(&problems, "; ")
                )));
            }
            Ok((target, overlay))
        }));
        let (undo, overlay) = self
            .storage
            .append(storage::Append {
                guild,
                actor: actor.clone(),
                cached: (Overlay::default(), -1),
                plan,
                storing: Box::new(move |id| shared.expect(guild, id)),
            })
            .await
            .inspect_err(|_| self.shared.settle(guild))?;
        self.rebuild(guild, overlay, undo.id).await;
        Ok(undo)
    }

    /// The server's changes, newest first.
    pub async fn history(&self, guild: u64, limit: usize) -> Result<Vec<Change>, CurationError> {
        let mut all = self.storage.changes(guild, false).await?;
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }

    /// A handle that writes what members' questions leave for the report
    /// (declined questions, picks), for a writer thread.
    pub fn recorder(&self) -> Recorder {
        Recorder {
            storage: self.storage.clone(),
            retention_days: self.retention_days,
        }
    }

    /// Stores a member's 👍 or 👎 on an answer; a second press replaces the first.
    pub async fn vote(
        &self,
        guild: u64,
        message: u64,
        section: &str,
        user: u64,
        up: bool,
    ) -> Result<(), CurationError> {
        self.storage.vote(guild, message, section, user, up).await
    }

    pub async fn report(&self, guild: u64) -> Result<Report, CurationError> {
        let rows = self.storage.report(guild, REPORT_ROWS).await?;
        Ok(Report {
            declined: rows.declined,
            picked: rows.picked,
            downvoted: rows.downvoted,
        })
    }

    /// The server's curation as a TOML file (the format `import` reads).
    pub fn export(&self, guild: u64) -> Result<String, CurationError> {
        Ok(export_text(guild, &self.overlay(guild)?))
    }

    /// Checks a curation file and, if it has no problems at all, makes it
    /// the server's curation (or adds it, with [`ImportMode::Merge`]) in one
    /// change. Otherwise changes nothing and lists every problem.
    pub async fn import(
        &self,
        guild: u64,
        actor: &Actor,
        text: &str,
        mode: ImportMode,
    ) -> Result<Change, CurationError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(CurationError::invalid(format!(
                "the file is {} bytes; a curation file is at most {MAX_FILE_BYTES}",
                text.len()
            )));
        }
        let state: Overlay = crate::knowledge::parse_toml(text).map_err(CurationError::invalid)?;
        let merge = mode == ImportMode::Merge;
        self.apply(guild, actor, Op::Import { state, merge }).await
    }
}

/// Refuses a server state with any problem as a whole (what `import` would
/// refuse), or whose export would be over [`MAX_FILE_BYTES`]: every stored
/// state can go out with `export` and back in with `import`.
fn check_whole(
    guild: u64,
    overlay: &Overlay,
    base: &crate::knowledge::KnowledgeBase,
) -> Result<(), CurationError> {
    let problems = overlay.problems(base);
    if !problems.is_empty() {
        return Err(CurationError::Invalid(problems));
    }
    let size = export_len(guild, overlay);
    if size > MAX_FILE_BYTES {
        return Err(CurationError::invalid(format!(
            "this server's curation would be {size} bytes as a file, over the \
             {MAX_FILE_BYTES}-byte limit that /kb export and /kb import share; \
             remove or shorten entries first"
        )));
    }
    Ok(())
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Views> {
        self.views.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The server's view (`None`: the base answers), built from the store
    /// when it is not cached.
    fn view(
        &self,
        guild: u64,
        storage: &dyn Storage,
    ) -> Result<Option<Arc<GuildView>>, CurationError> {
        // The guard is dropped at the end of this statement: a miss reads
        // and builds without it.
        let found = self.lock().lookup(guild);
        match found {
            Lookup::Base => Ok(None),
            Lookup::Hit(view) => Ok(view),
            Lookup::Miss => self.load(guild, storage),
        }
    }

    /// A miss: reads the server's state from the store, builds its view and
    /// caches it. Called from sync code (the service) that may run on a
    /// tokio worker, so it blocks that thread for one read and an index
    /// build; on the multi-thread runtime `block_in_place` first hands the
    /// worker's other tasks to another thread. It cannot deadlock: both
    /// backends do the read elsewhere (SQLite's store thread, PostgreSQL's
    /// own runtime) and only wake this thread, no lock is held while
    /// waiting (the views mutex is released above; the vocabulary is locked
    /// only while building), and the `writes` mutex is not taken. Never call
    /// it from a store job (the store thread would wait on itself); nothing
    /// does.
    fn load(
        &self,
        guild: u64,
        storage: &dyn Storage,
    ) -> Result<Option<Arc<GuildView>>, CurationError> {
        blocking(|| {
            let (overlay, head) = storage::block_on(storage.state(guild))?;
            Ok(self.install(guild, overlay, head, Install::Use))
        })
    }

    /// A cached server's overlay and the change id it was built at; an
    /// empty overlay at 0 when it is not cached. Not a use.
    fn state(&self, guild: u64) -> (Overlay, i64) {
        let (view, head) = self.lock().peek(guild);
        (view.map(|v| v.overlay.clone()).unwrap_or_default(), head)
    }

    /// Notes that this process is storing change `head` and will install it.
    fn expect(&self, guild: u64, head: i64) {
        self.lock().expect(guild, head);
    }

    /// Forgets an expected change that was not stored after all.
    fn settle(&self, guild: u64) {
        self.lock().settle(guild);
    }

    /// Makes `overlay`, read at change `head`, the server's curation: builds
    /// its engine (`None` when nothing is left: the shared base answers)
    /// and swaps it in, unless a newer state is already in place (the
    /// watcher, a miss and a local change may race) or `why` does not admit
    /// a server that is not cached. Returns the view now in force.
    fn install(
        &self,
        guild: u64,
        overlay: Overlay,
        head: i64,
        why: Install,
    ) -> Option<Arc<GuildView>> {
        if why != Install::Use && !self.lock().wants(guild, head, why) {
            return None;
        }
        let view = build_view(&self.base, &self.vocab, overlay).map(Arc::new);
        self.with_views(|v| v.put(guild, view, head, why))
    }

    /// Runs `f` on the views under the lock, then drops the views it
    /// replaced or evicted outside the lock.
    fn with_views<T>(&self, f: impl FnOnce(&mut Views) -> T) -> T {
        let (out, retired) = {
            let mut views = self.lock();
            let out = f(&mut views);
            (out, views.take_retired())
        };
        release(retired);
        out
    }
}

/// Drops views no longer in use. On a tokio runtime that happens on a
/// blocking thread: freeing a big server's index takes milliseconds, which
/// the change that replaced it, already visible, should not wait for.
fn release(views: Vec<Arc<GuildView>>) {
    if views.is_empty() {
        return;
    }
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn_blocking(move || drop(views))),
        Err(_) => drop(views),
    }
}

/// Runs `f`, which blocks, from sync code that may be on a tokio worker: on
/// the multi-thread runtime the worker's other tasks move to another thread
/// first (`block_in_place` would panic on the current-thread runtime, where
/// the command line's short calls simply block).
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}

impl storage::Follower for Shared {
    fn watched(&self, guild: u64, head: i64) -> Stale {
        self.lock().watched(guild, head)
    }

    fn install(&self, guild: u64, overlay: Overlay, head: i64) {
        Shared::install(self, guild, overlay, head, Install::Watch);
    }
}

/// A server's view with its engine, or `None` when it has no curation.
fn build_view(base: &Engine, vocab: &Mutex<Vocabulary>, overlay: Overlay) -> Option<GuildView> {
    if overlay.is_empty() {
        return None;
    }
    let mut vocab = vocab.lock().unwrap_or_else(|e| e.into_inner());
    let engine = Engine::with_vocabulary(overlay.view(base.knowledge()), &mut vocab, base);
    Some(GuildView { overlay, engine })
}

/// The size of the server's export: exact when it may be near the limit,
/// otherwise a bound. (TOML serialization takes milliseconds for a big
/// server, too slow for every change; the bound is one pass over the strings.)
fn export_len(guild: u64, overlay: &Overlay) -> usize {
    let bound = export_len_bound(overlay);
    if bound <= MAX_FILE_BYTES {
        return bound;
    }
    export_text(guild, overlay).len()
}

/// More than [`export_text`] can write for `overlay`, in one pass over its
/// strings: each as if every character TOML escapes took six bytes, each
/// table and field with room for its header, name and layout.
fn export_len_bound(overlay: &Overlay) -> usize {
    fn text(s: &str) -> usize {
        let grows = s
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' | b'\'' | 0..=0x1f | 0x7f => 5,
                // The lead byte of U+0080..U+00BF, which holds the C1 controls.
                0xc2 => 4,
                _ => 0,
            })
            .sum::<usize>();
        8 + s.len() + grows
    }
    fn list(items: &[String]) -> usize {
        32 + items.iter().map(|i| 8 + text(i)).sum::<usize>()
    }
    /// A table's header, its field names and their layout.
    const TABLE: usize = 256;
    // export_text's comment lines, with room for the longest guild id.
    const HEADER: usize = 512;
    let article: usize = overlay
        .article
        .iter()
        .map(|(id, a)| {
            TABLE
                + 2 * text(id)
                + list(&a.add_keywords)
                + list(&a.remove_keywords)
                + list(&a.add_questions)
                + list(&a.remove_questions)
                + a.text.as_deref().map_or(0, text)
        })
        .sum();
    let custom: usize = overlay
        .custom
        .iter()
        .map(|(id, e)| {
            TABLE
                + 2 * text(id)
                + text(&e.title)
                + text(&e.text)
                + list(&e.keywords)
                + list(&e.questions)
        })
        .sum();
    HEADER + article + custom
}

/// An overlay as the curation file moderators export and import.
pub fn export_text(guild: u64, overlay: &Overlay) -> String {
    let body = toml::to_string_pretty(overlay).expect("an overlay always serializes");
    format!(
        "# careerbot curation for server {guild}.\n\
         # [article.ID]: changes to an article section; [custom.ID]: this server's own entries.\n\
         # Import it with /kb import or `careerbot kb import --guild ID FILE`.\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_size_bound_is_never_below_the_export() {
        let mut o = Overlay::default();
        for (i, text) in [
            "plain",
            "quote \" and back\\slash",
            "tab\tnew\nline",
            "emoji 🦀 'single'",
            "controls \u{1}\u{7f}\u{85} and \"\"\"triple\"\"\"",
        ]
        .iter()
        .enumerate()
        {
            o.custom.insert(
                format!("id-{i}"),
                CustomEntry::from_form(&format!("Title {i} \"q\""), text, "a, b\\c"),
            );
            Op::AddKeyword {
                section: "salary".into(),
                keyword: text.to_string(),
            }
            .apply(&mut o);
            Op::Hide {
                section: format!("s{i}"),
            }
            .apply(&mut o);
            Op::OverrideText {
                section: format!("t{i}"),
                text: text.to_string(),
            }
            .apply(&mut o);
            let exact = export_text(u64::MAX, &o).len();
            assert!(export_len_bound(&o) >= exact, "{exact}");
        }
    }
}
