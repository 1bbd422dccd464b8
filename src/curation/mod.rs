//! Moderator curation per server, stored durably in SQLite.
//!
//! - `overlay`: what moderators change ([`Op`]) and the [`Overlay`] it folds
//!   into; a server's view is the shipped knowledge plus its overlay.
//! - `store`: the SQLite store (migrations, change log, declined questions,
//!   votes) on its own thread.
//! - `backup`: whole-database backup and restore through SQLite's online
//!   backup API.
//!
//! [`Curator`] ties them to the engine: every change is checked, stored in a
//! transaction, and the server's engine is rebuilt and swapped in before the
//! call returns, so the next question sees it. Servers with no curation
//! share the base engine. Knows nothing of Discord.

pub mod backup;
mod overlay;
pub mod store;

pub use overlay::{Adjustment, CustomEntry, Op, Overlay};
pub use store::{Change, Declined, Store, VoteTally};

use crate::engine::Engine;
use crate::search::Vocabulary;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CurationError {
    #[error("{}", .0.join("; "))]
    Invalid(Vec<String>),
    #[error("the curation store failed: {0}")]
    Storage(String),
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

/// The curation service: the base engine, the store, and each curated
/// server's view.
pub struct Curator {
    base: Engine,
    store: Store,
    retention_days: u32,
    /// A `std` mutex: held only to read or swap a map entry, never across an
    /// `.await`.
    views: Mutex<HashMap<u64, Arc<GuildView>>>,
    /// Serialises changes so each is checked against the state it applies to.
    writes: tokio::sync::Mutex<()>,
    /// Shared by every server's index, so a rebuild analyses only the
    /// sections that changed. Locked only inside blocking rebuilds.
    vocab: Arc<Mutex<Vocabulary>>,
}

/// How many declined questions and downvoted answers a report lists.
const REPORT_ROWS: usize = 10;

impl Curator {
    /// Opens the store at `path` and rebuilds every curated server's view.
    pub fn open(base: Engine, path: &Path, retention_days: u32) -> Result<Curator, CurationError> {
        let store = Store::open(path)?;
        let base_synonyms = base.knowledge().synonyms.clone();
        let curator = Curator {
            base,
            store,
            retention_days,
            views: Mutex::new(HashMap::new()),
            writes: tokio::sync::Mutex::new(()),
            vocab: Arc::new(Mutex::new(Vocabulary::reusable(&base_synonyms))),
        };
        let (guilds, folded) = curator.store.call_blocking(move |conn| {
            store::purge_declined(conn, retention_days)?;
            let guilds = store::guilds(conn)?;
            let mut folded = Vec::new();
            for g in &guilds {
                let mut o = Overlay::default();
                for c in store::changes(conn, *g, true)? {
                    o.apply(&c.op);
                }
                folded.push(o);
            }
            Ok((guilds, folded))
        })?;
        for (g, o) in guilds.into_iter().zip(folded) {
            curator.install(g, o);
        }
        Ok(curator)
    }

    pub fn base(&self) -> &Engine {
        &self.base
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The engine that answers in `guild` (the base one outside servers and
    /// for servers without curation).
    pub fn engine(&self, guild: Option<u64>) -> Engine {
        let Some(g) = guild else {
            return self.base.clone();
        };
        let views = self.views.lock().unwrap_or_else(|e| e.into_inner());
        views
            .get(&g)
            .map_or_else(|| self.base.clone(), |v| v.engine.clone())
    }

    /// A server's current overlay.
    pub fn overlay(&self, guild: u64) -> Overlay {
        let views = self.views.lock().unwrap_or_else(|e| e.into_inner());
        views
            .get(&guild)
            .map(|v| v.overlay.clone())
            .unwrap_or_default()
    }

    /// Makes `overlay` the server's curation: builds its engine and swaps it
    /// in (or drops back to the shared base when there is nothing left).
    fn install(&self, guild: u64, overlay: Overlay) {
        let view = build_view(&self.base, &self.vocab, overlay);
        self.swap(guild, view);
    }

    fn swap(&self, guild: u64, view: Option<GuildView>) {
        let mut views = self.views.lock().unwrap_or_else(|e| e.into_inner());
        match view {
            Some(v) => views.insert(guild, Arc::new(v)),
            None => views.remove(&guild),
        };
    }

    /// Checks `op` against the server's state, stores it, and makes it
    /// visible. Returns the change's id.
    pub async fn apply(&self, guild: u64, actor: &Actor, op: Op) -> Result<i64, CurationError> {
        let _write = self.writes.lock().await;
        let mut overlay = self.overlay(guild);
        let problems = overlay.check(self.base.knowledge(), &op);
        if !problems.is_empty() {
            return Err(CurationError::Invalid(problems));
        }
        let summary = self.summary(&op);
        let (id_actor, name) = (actor.id, actor.name.clone());
        let stored = op.clone();
        let id = self
            .store
            .call(move |conn| {
                let tx = conn.transaction().map_err(store::db_err)?;
                let id =
                    store::insert_change(&tx, guild, id_actor, &name, &summary, &stored, None)?;
                tx.commit().map_err(store::db_err)?;
                Ok(id)
            })
            .await?;
        overlay.apply(&op);
        self.rebuild(guild, overlay).await;
        Ok(id)
    }

    /// Builds the engine off the async threads, then swaps it in.
    async fn rebuild(&self, guild: u64, overlay: Overlay) {
        let (base, vocab) = (self.base.clone(), self.vocab.clone());
        match tokio::task::spawn_blocking(move || build_view(&base, &vocab, overlay)).await {
            Ok(view) => self.swap(guild, view),
            Err(e) => tracing::error!(guild, error = %e, "rebuilding a server's view failed"),
        }
    }

    /// Reverts the most recent change in force, or `change` if given, and
    /// records the undo. Returns the undone change.
    pub async fn undo(
        &self,
        guild: u64,
        actor: &Actor,
        change: Option<i64>,
    ) -> Result<Change, CurationError> {
        let _write = self.writes.lock().await;
        let (id_actor, name) = (actor.id, actor.name.clone());
        let (undone, overlay) = self
            .store
            .call(move |conn| {
                let tx = conn.transaction().map_err(store::db_err)?;
                let in_force = store::changes(&tx, guild, true)?;
                let target = match change {
                    Some(id) => match in_force.iter().find(|c| c.id == id) {
                        Some(c) => c.clone(),
                        None => {
                            let why = match store::change(&tx, guild, id)? {
                                Some(c) if c.undone_by.is_some() => {
                                    format!("change #{id} is already undone")
                                }
                                Some(_) => format!(
                                    "change #{id} is an undo; undo the change it undid instead"
                                ),
                                None => format!("this server has no change #{id}"),
                            };
                            return Err(CurationError::Invalid(vec![why]));
                        }
                    },
                    None => in_force.last().cloned().ok_or_else(|| {
                        CurationError::Invalid(vec!["there is nothing to undo".into()])
                    })?,
                };
                let summary = format!("undid #{}: {}", target.id, target.summary);
                let undo_id = store::insert_change(
                    &tx,
                    guild,
                    id_actor,
                    &name,
                    &summary,
                    &Op::Undo { change: target.id },
                    Some(target.id),
                )?;
                store::mark_undone(&tx, target.id, undo_id)?;
                let mut overlay = Overlay::default();
                for c in in_force.iter().filter(|c| c.id != target.id) {
                    overlay.apply(&c.op);
                }
                tx.commit().map_err(store::db_err)?;
                Ok((target, overlay))
            })
            .await?;
        self.rebuild(guild, overlay).await;
        Ok(undone)
    }

    /// The server's changes, newest first.
    pub async fn history(&self, guild: u64, limit: usize) -> Result<Vec<Change>, CurationError> {
        let mut all = self
            .store
            .call(move |conn| store::changes(conn, guild, false))
            .await?;
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }

    /// Notes a question the bot declined in a server (text and count only).
    pub async fn record_declined(&self, guild: u64, question: &str) -> Result<(), CurationError> {
        self.record_declined_batch(vec![(guild, question.to_string())])
            .await
    }

    /// Notes many declined questions in one transaction (the bot gathers
    /// them for a moment so a busy server does not write once per question),
    /// and forgets those older than the retention period.
    pub async fn record_declined_batch(
        &self,
        batch: Vec<(u64, String)>,
    ) -> Result<(), CurationError> {
        let days = self.retention_days;
        self.store
            .call(move |conn| {
                let tx = conn.transaction().map_err(store::db_err)?;
                for (guild, q) in &batch {
                    store::record_declined(&tx, *guild, q)?;
                }
                store::purge_declined(&tx, days)?;
                tx.commit().map_err(store::db_err)
            })
            .await
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
        let section = section.to_string();
        self.store
            .call(move |conn| store::vote(conn, guild, message, &section, user, up))
            .await
    }

    pub async fn report(&self, guild: u64) -> Result<Report, CurationError> {
        self.store
            .call(move |conn| {
                Ok(Report {
                    declined: store::top_declined(conn, guild, REPORT_ROWS)?,
                    downvoted: store::most_downvoted(conn, guild, REPORT_ROWS)?,
                })
            })
            .await
    }

    /// The server's curation as a TOML file (the format `import` reads).
    pub fn export(&self, guild: u64) -> String {
        export_text(guild, &self.overlay(guild))
    }

    /// Checks a curation file and, if it has no problems at all, makes it the
    /// server's curation in one change. Otherwise changes nothing and lists
    /// every problem.
    pub async fn import(
        &self,
        guild: u64,
        actor: &Actor,
        text: &str,
    ) -> Result<i64, CurationError> {
        let state: Overlay =
            crate::knowledge::parse_toml(text).map_err(|e| CurationError::Invalid(vec![e]))?;
        self.apply(guild, actor, Op::Import { state }).await
    }

    /// A line for the audit log saying what `op` does.
    fn summary(&self, op: &Op) -> String {
        match op {
            Op::AddKeyword { section, keyword } => {
                format!("added keyword \"{keyword}\" to `{section}`")
            }
            Op::RemoveKeyword { section, keyword } => {
                format!("removed keyword \"{keyword}\" from `{section}`")
            }
            Op::AddQuestion { section, question } => {
                format!("added sample question \"{question}\" to `{section}`")
            }
            Op::RemoveQuestion { section, question } => {
                format!("removed sample question \"{question}\" from `{section}`")
            }
            Op::LinkQuestion { section, question } => {
                format!("linked \"{question}\" to `{section}`")
            }
            Op::CreateEntry { id, entry } => format!("created entry `{id}` \"{}\"", entry.title),
            Op::EditEntry { id, entry } => format!("edited entry `{id}` \"{}\"", entry.title),
            Op::OverrideText { section, .. } => format!("wrote this server's text for `{section}`"),
            Op::ResetText { section } => format!("restored the article's text for `{section}`"),
            Op::Hide { section } => format!("hid `{section}`"),
            Op::Unhide { section } => format!("unhid `{section}`"),
            Op::Import { state } => format!(
                "imported a curation file ({} article sections changed, {} entries)",
                state.article.len(),
                state.custom.len()
            ),
            Op::Undo { change } => format!("undid #{change}"),
        }
    }

    /// `entry` as an edit of the server's entry `id`: its sample questions
    /// and hidden state, which the edit form does not show, are kept.
    pub fn edited_entry(&self, guild: u64, id: &str, mut entry: CustomEntry) -> CustomEntry {
        if let Some(old) = self.overlay(guild).custom.get(id) {
            entry.questions = old.questions.clone();
            entry.hidden = old.hidden;
        }
        entry
    }

    /// A fresh id for an entry titled `title`: its words, then a number if taken.
    pub fn new_entry_id(&self, guild: u64, title: &str) -> String {
        let slug: String = crate::text::words(title)
            .iter()
            .map(|w| {
                w.text
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        let stem = if slug.is_empty() {
            "entry".to_string()
        } else {
            crate::text::truncate_chars(&slug, 48)
                .trim_end_matches('-')
                .to_string()
        };
        let overlay = self.overlay(guild);
        let taken = |id: &str| {
            overlay.custom.contains_key(id) || self.base.knowledge().section(id).is_some()
        };
        let mut id = stem.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        id
    }
}

/// A server's view with its engine, or `None` when it has no curation.
fn build_view(base: &Engine, vocab: &Mutex<Vocabulary>, overlay: Overlay) -> Option<GuildView> {
    if overlay.is_empty() {
        return None;
    }
    let mut vocab = vocab.lock().unwrap_or_else(|e| e.into_inner());
    let engine = Engine::with_vocabulary(overlay.view(base.knowledge()), &mut vocab);
    Some(GuildView { overlay, engine })
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
