//! The one storage trait the [`Curator`](super::Curator) uses, at the level
//! of what it needs (a server's state, appending a change computed from it,
//! history, reports), not SQL. Two backends implement it: SQLite
//! ([`super::store`], the embedded default) and PostgreSQL
//! ([`super::postgres`], when several processes share the store).
//!
//! Each backend also tells a [`Follower`] (the curator's cache) about
//! changes other processes make: SQLite by its `data_version` watcher,
//! PostgreSQL by LISTEN/NOTIFY with a resync after reconnects and a poll.

use super::{Actor, Change, CurationError, Declined, Op, Overlay, Pick, VoteTally};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Weak};

pub type Result<T> = std::result::Result<T, CurationError>;

/// How a change is worked out from the server's state as stored, inside the
/// backend's per-server write lock (so a change another process made
/// meanwhile counts).
pub enum Plan {
    /// Sees the server's overlay; returns the op to store and the overlay it
    /// leads to, or a refusal.
    Edit(EditPlan),
    /// Sees every change of the server, oldest first; returns the change to
    /// revert and the overlay without it, or a refusal.
    Undo(UndoPlan),
}

pub type EditPlan = Box<dyn FnOnce(Overlay) -> Result<(Op, Overlay)> + Send>;
pub type UndoPlan = Box<dyn FnOnce(&[Change]) -> Result<(Change, Overlay)> + Send>;

/// One change to append: the storage serialises appends per server.
pub struct Append {
    pub guild: u64,
    pub actor: Actor,
    /// The caller's copy of the server's overlay and the head it was built
    /// at: when the stored head is the same, the backend need not fold the
    /// log again.
    pub cached: (Overlay, i64),
    pub plan: Plan,
    /// Called with the new change's id before it commits, so the caller's
    /// watcher knows this process will install it itself.
    pub storing: Box<dyn FnOnce(i64) + Send>,
}

/// The rows `/kb report` lists.
pub struct ReportRows {
    pub declined: Vec<Declined>,
    pub picked: Vec<Pick>,
    pub downvoted: Vec<VoteTally>,
}

/// What a process caches of servers' curation; the backend's watcher
/// updates it when another process changes a server.
pub trait Follower: Send + Sync {
    /// The head a server's cached view was built at, and the head this
    /// process is storing and will install itself (0 for none).
    fn heads_of(&self, guild: u64) -> (i64, i64);
    /// Whether this process keeps a view of `guild` at all; a server it
    /// does not (one evicted from a cache, or of another process's shards)
    /// is left to be read on first use. Every server, by default.
    fn follows(&self, guild: u64) -> bool {
        let _ = guild;
        true
    }
    /// Installs a server's state read at `head` (ignored when older than
    /// what is installed).
    fn install(&self, guild: u64, overlay: Overlay, head: i64);
}

/// A curation store.
#[async_trait::async_trait]
pub trait Storage: Send + Sync {
    /// Which backend, for logs and errors ("sqlite" or "postgres").
    fn backend(&self) -> &'static str;
    /// Forgets expired declined questions, then reads every curated
    /// server's overlay and head (at one point in time).
    async fn load(&self, retention_days: u32) -> Result<Vec<(u64, Overlay, i64)>>;
    /// A server's overlay and head, read together.
    async fn state(&self, guild: u64) -> Result<(Overlay, i64)>;
    /// Every curated server's head.
    async fn heads(&self) -> Result<HashMap<u64, i64>>;
    /// Appends the change `append.plan` works out, atomically with reading
    /// the state it is worked out from. Returns it and the overlay after it.
    async fn append(&self, append: Append) -> Result<(Change, Overlay)>;
    /// A server's changes, oldest first (all, or only those in force).
    async fn changes(&self, guild: u64, in_force_only: bool) -> Result<Vec<Change>>;
    /// Counts declined questions and picks `(guild, question[, section])`
    /// in one transaction and forgets those older than `retention_days`.
    async fn record(
        &self,
        declined: Vec<(u64, String)>,
        picks: Vec<(u64, String, String)>,
        retention_days: u32,
    ) -> Result<()>;
    /// Stores a member's vote on an answer; a second vote replaces the first.
    async fn vote(
        &self,
        guild: u64,
        message: u64,
        section: &str,
        user: u64,
        up: bool,
    ) -> Result<()>;
    /// The report's rows, at most `limit` of each kind.
    async fn report(&self, guild: u64, limit: usize) -> Result<ReportRows>;
    /// Starts telling `follower` about other processes' changes until it is
    /// dropped.
    fn follow(&self, follower: Weak<dyn Follower>) -> Result<()>;
}

/// Installs each server whose stored head is past what `follower` has or is
/// installing, reading its state with `read`. Returns whether a server was
/// being installed by this process meanwhile (so the caller looks again).
pub(super) async fn catch_up<F, Fut>(
    follower: &dyn Follower,
    heads: HashMap<u64, i64>,
    mut read: F,
) -> Result<bool>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<(Overlay, i64)>>,
{
    let mut look_again = false;
    for (guild, head) in heads {
        if !follower.follows(guild) {
            continue;
        }
        let (installed, pending) = follower.heads_of(guild);
        if head > installed.max(pending) {
            let (overlay, head) = read(guild).await?;
            follower.install(guild, overlay, head);
            tracing::info!(
                guild,
                change = head,
                "another process changed this server's curation; rebuilt it"
            );
        } else if head > installed {
            // This process is installing it; should that fail, look again.
            look_again = true;
        }
    }
    Ok(look_again)
}

/// Runs a future to completion on this thread, for callers that are not
/// async (the command line, the record writer thread). The backends' futures
/// do their work elsewhere (SQLite's thread, PostgreSQL's runtime) and only
/// wait here, so any thread may block on them; never call it from inside an
/// async task.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::task::Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::park();
    }
}
