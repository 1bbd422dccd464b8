//! The curated servers' views one process keeps in memory.
//!
//! A server's view (its overlay and the engine built from it) is built on
//! first use: the first question or look at its overlay, or a change made
//! through this process. At most `limit` views are kept; past that the least
//! recently used is dropped, and rebuilt from the store on its next use, so
//! a process serving many servers holds only the busy ones. Servers without
//! curation never get a view: they share the base engine.
//!
//! [`Views`] is only bookkeeping (which views are kept, at which change, and
//! what the store is known to hold); `Shared` in the curation module reads
//! the store and builds the engines, outside the lock.

use super::GuildView;
use std::collections::HashMap;
use std::sync::Arc;

/// How many curated servers' views a process keeps when the configuration
/// does not say (`[storage] max_cached_guilds`).
pub const DEFAULT_MAX_CACHED_GUILDS: usize = 1000;

/// Why a view is being installed; decides whether a server that is not
/// cached gets a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Install {
    /// Read from the store on a miss: cached, unless the store has already
    /// moved past what was read (the next use then reads again).
    Use,
    /// This process's own change: cached (a change is a use).
    Change,
    /// Another process's change, seen by the watcher: refreshes a cached
    /// server and never brings one back (it is read fresh on its next use).
    Watch,
}

/// What [`Views::lookup`] found.
pub(super) enum Lookup {
    /// No curation stored: the base engine answers; no read needed.
    Base,
    /// Cached; `None` when the server's curation folds to nothing.
    Hit(Option<Arc<GuildView>>),
    /// Curated but not cached: read it from the store and install it.
    Miss,
}

/// What the watcher should do about a server whose latest stored change it read.
#[derive(Debug, PartialEq, Eq)]
pub enum Stale {
    /// Current, or not cached (read fresh on its next use).
    No,
    /// Cached and behind the store: read and rebuild it.
    Rebuild,
    /// Behind, but this process is installing that change itself; look
    /// again next time in case that fails.
    LookAgain,
}

struct Slot {
    view: Option<Arc<GuildView>>,
    /// The change id the view was built at (see `store::head`).
    head: i64,
    /// When it was last used, on [`Views::clock`]: the smallest goes first.
    used: u64,
}

pub(super) struct Views {
    cached: HashMap<u64, Slot>,
    limit: usize,
    /// Counts uses; a plain counter is enough to order them.
    clock: u64,
    /// The latest change id this process knows each curated server to have
    /// in the store (read at start, then from the watcher and from its own
    /// changes). A server absent has no curation: it gets the base engine
    /// without a read. A few dozen bytes per curated server.
    known: HashMap<u64, i64>,
    /// Changes this process is storing and will install itself, so the
    /// watcher does not rebuild the same server a second time meanwhile.
    pending: HashMap<u64, i64>,
    /// Views replaced or evicted, for the caller to drop once the lock is
    /// released ([`Views::take_retired`]): freeing a big server's index
    /// takes milliseconds, which no other server's lookup should wait for.
    retired: Vec<Arc<GuildView>>,
}

impl Views {
    /// Keeps at most `limit` views (at least one).
    pub fn new(limit: usize) -> Views {
        Views {
            cached: HashMap::new(),
            limit: limit.max(1),
            clock: 0,
            known: HashMap::new(),
            pending: HashMap::new(),
            retired: Vec::new(),
        }
    }

    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit.max(1);
        self.evict();
    }

    /// How many views are kept.
    pub fn len(&self) -> usize {
        self.cached.len()
    }

    /// Notes that the store holds change `head` for `guild`.
    pub fn know(&mut self, guild: u64, head: i64) {
        let known = self.known.entry(guild).or_insert(head);
        *known = (*known).max(head);
    }

    /// The server's view for a question, marked as just used. A hit costs a
    /// hash lookup, a counter bump and an `Arc` clone.
    pub fn lookup(&mut self, guild: u64) -> Lookup {
        if let Some(slot) = self.cached.get_mut(&guild) {
            self.clock += 1;
            slot.used = self.clock;
            return Lookup::Hit(slot.view.clone());
        }
        if self.known.contains_key(&guild) {
            Lookup::Miss
        } else {
            Lookup::Base
        }
    }

    /// The cached view and the change it was built at, without counting as
    /// a use; `(None, 0)` when not cached (a change then folds the stored
    /// state in its transaction, since the store's head is not 0).
    pub fn peek(&self, guild: u64) -> (Option<Arc<GuildView>>, i64) {
        self.cached
            .get(&guild)
            .map_or((None, 0), |s| (s.view.clone(), s.head))
    }

    /// Whether a view of change `head` would be kept, so one that would not
    /// is never built. (A miss builds regardless: its caller needs a view.)
    pub fn wants(&self, guild: u64, head: i64, why: Install) -> bool {
        match self.cached.get(&guild) {
            Some(slot) => head >= slot.head,
            None => why != Install::Watch,
        }
    }

    /// Installs `view`, built at change `head`, unless a newer one is
    /// already in place (the watcher, a miss and a local change may race).
    /// Returns the view now in force for the server (or the one just built,
    /// when it is not kept).
    pub fn put(
        &mut self,
        guild: u64,
        view: Option<Arc<GuildView>>,
        head: i64,
        why: Install,
    ) -> Option<Arc<GuildView>> {
        if why != Install::Watch {
            self.know(guild, head);
        }
        // A state at least as new as the expected change is here (or was
        // passed over for a newer one): the watcher need not wait for it.
        if self.pending.get(&guild).is_some_and(|&p| p <= head) {
            self.pending.remove(&guild);
        }
        if let Some(slot) = self.cached.get_mut(&guild) {
            if head < slot.head {
                self.retired.extend(view);
                return slot.view.clone();
            }
            let old = std::mem::replace(&mut slot.view, view.clone());
            self.retired.extend(old);
            slot.head = head;
            if why != Install::Watch {
                self.clock += 1;
                slot.used = self.clock;
            }
        } else {
            let known = self.known.get(&guild).copied().unwrap_or(0);
            if why == Install::Watch || head < known {
                return view;
            }
            self.clock += 1;
            self.cached.insert(
                guild,
                Slot {
                    view: view.clone(),
                    head,
                    used: self.clock,
                },
            );
            self.evict();
        }
        view
    }

    /// Drops the least recently used views beyond the limit. A scan: it runs
    /// only when a view is added, next to reading the store and building an
    /// index, which cost far more than comparing a thousand counters.
    fn evict(&mut self) {
        while self.cached.len() > self.limit {
            let Some(oldest) = self
                .cached
                .iter()
                .min_by_key(|(_, s)| s.used)
                .map(|(&g, _)| g)
            else {
                return;
            };
            if let Some(slot) = self.cached.remove(&oldest) {
                self.retired.extend(slot.view);
            }
        }
    }

    /// The views replaced or evicted since the last call, to drop outside
    /// the lock.
    pub fn take_retired(&mut self) -> Vec<Arc<GuildView>> {
        std::mem::take(&mut self.retired)
    }

    /// What the watcher should do, now that the store's latest change for
    /// `guild` is `head`.
    pub fn watched(&mut self, guild: u64, head: i64) -> Stale {
        self.know(guild, head);
        let Some(slot) = self.cached.get(&guild) else {
            return Stale::No;
        };
        let pending = self.pending.get(&guild).copied().unwrap_or(0);
        if head > slot.head.max(pending) {
            Stale::Rebuild
        } else if head > slot.head {
            Stale::LookAgain
        } else {
            Stale::No
        }
    }

    /// Notes that this process is storing change `head` and will install it.
    pub fn expect(&mut self, guild: u64, head: i64) {
        self.pending.insert(guild, head);
    }

    /// Forgets an expected change that was not stored after all.
    pub fn settle(&mut self, guild: u64) {
        self.pending.remove(&guild);
    }

    /// Drops the server's view and expected change (its rebuild failed), so
    /// its next use reads it from the store again.
    pub fn forget(&mut self, guild: u64) {
        if let Some(slot) = self.cached.remove(&guild) {
            self.retired.extend(slot.view);
        }
        self.pending.remove(&guild);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(v: &Views) -> Vec<u64> {
        let mut g: Vec<u64> = v.cached.keys().copied().collect();
        g.sort_unstable();
        g
    }

    #[test]
    fn the_least_recently_used_view_goes_first() {
        let mut v = Views::new(2);
        for g in 1..=2 {
            v.know(g, 10);
            v.put(g, None, 10, Install::Use);
        }
        assert!(matches!(v.lookup(1), Lookup::Hit(_)));
        v.know(3, 10);
        v.put(3, None, 10, Install::Use);
        assert_eq!(cached(&v), [1, 3]);
        assert!(matches!(v.lookup(2), Lookup::Miss));
        assert!(matches!(v.lookup(4), Lookup::Base));
        v.set_limit(1);
        assert_eq!(cached(&v), [3]);
    }

    #[test]
    fn the_watcher_refreshes_cached_servers_and_leaves_the_others() {
        let mut v = Views::new(1);
        v.put(1, None, 5, Install::Change);
        assert_eq!(v.watched(1, 6), Stale::Rebuild);
        assert_eq!(v.watched(2, 6), Stale::No);
        assert!(!v.wants(2, 6, Install::Watch));
        v.put(2, None, 6, Install::Watch);
        assert_eq!(cached(&v), [1]);
        assert!(matches!(v.lookup(2), Lookup::Miss));
    }

    #[test]
    fn a_read_the_store_has_moved_past_is_not_kept() {
        let mut v = Views::new(5);
        v.know(1, 7);
        v.put(1, None, 6, Install::Use);
        assert!(matches!(v.lookup(1), Lookup::Miss));
        v.put(1, None, 7, Install::Use);
        assert!(matches!(v.lookup(1), Lookup::Hit(_)));
        // An older view never replaces a newer one.
        v.put(1, None, 6, Install::Watch);
        assert_eq!(v.peek(1).1, 7);
    }

    #[test]
    fn views_replaced_evicted_passed_over_or_forgotten_are_retired() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        let engine = crate::engine::Engine::load(&dir).expect("shipped knowledge loads");
        let view = || {
            Some(Arc::new(GuildView {
                overlay: Default::default(),
                engine: engine.clone(),
            }))
        };
        let mut v = Views::new(1);
        v.put(1, view(), 5, Install::Change);
        assert!(v.take_retired().is_empty());
        v.put(1, view(), 6, Install::Change);
        assert_eq!(v.take_retired().len(), 1, "replaced");
        v.put(1, view(), 4, Install::Watch);
        assert_eq!(v.take_retired().len(), 1, "older than the one in force");
        v.put(2, view(), 6, Install::Change);
        assert_eq!(v.take_retired().len(), 1, "evicted");
        v.forget(2);
        assert_eq!(v.take_retired().len(), 1, "forgotten");
        assert!(v.take_retired().is_empty());
    }

    #[test]
    fn a_pending_change_is_left_to_this_process() {
        let mut v = Views::new(5);
        v.put(1, None, 3, Install::Change);
        v.expect(1, 4);
        assert_eq!(v.watched(1, 4), Stale::LookAgain);
        assert_eq!(v.watched(1, 5), Stale::Rebuild);
        v.put(1, None, 4, Install::Change);
        assert_eq!(v.watched(1, 4), Stale::No);
        assert!(v.pending.is_empty());
        // A server not kept whose own change another process has already
        // passed: not kept, and nothing left pending.
        v.expect(2, 6);
        v.know(2, 7);
        v.put(2, None, 6, Install::Change);
        assert!(matches!(v.lookup(2), Lookup::Miss));
        assert!(v.pending.is_empty());
    }
}
