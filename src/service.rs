//! The one door every front end uses. The Discord adapter, the terminal
//! chat, `ask` and `careerbot kb` parse their input, call a method here and
//! render the plain value it returns; none of them reaches the engine or the
//! curator itself.
//!
//! A [`Service`] holds the shipped knowledge's engine and, when there is a
//! database, the [`Curator`] with each server's view. It picks the engine
//! that answers in a server, records what members' questions teach the
//! moderators (declined questions, picks after "is it one of these?") on a
//! background thread that writes them in batches, and passes moderators'
//! changes to the curator. Knows nothing of Discord or terminals.

use crate::curation::{Actor, Change, CurationError, Curator, CustomEntry, ImportMode, Op, Report};
use crate::engine::Engine;
use crate::knowledge::{Article, LoadError};
use crate::reply::{QuoteReply, Reply, Topic};
use crate::text::fold_lookalikes;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How a question reached the bot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Someone asked the bot (`/ask`, a mention, the chat, `ask`): it
    /// answers, asks which section was meant, or declines (and the decline
    /// is kept for the server's report).
    Asked,
    /// A message the bot overheard (a help channel): it answers only when
    /// at least this sure, and otherwise stays quiet and records nothing.
    Unprompted { threshold: f32 },
}

/// What members' questions leave for the moderators, written in the
/// background.
enum Record {
    Declined {
        guild: u64,
        question: String,
    },
    Pick {
        guild: u64,
        question: String,
        section: String,
    },
    /// Answered once everything sent before it is written.
    Flush(tokio::sync::oneshot::Sender<()>),
}

/// How long records gather before they are written together, so a busy
/// server does not write once per question.
const RECORD_BATCH: Duration = Duration::from_millis(250);

pub struct Service {
    base: Engine,
    curator: Option<Curator>,
    records: Option<mpsc::Sender<Record>>,
    writer: Option<std::thread::JoinHandle<()>>,
    quotes_shown: AtomicUsize,
}

impl Service {
    /// Loads a knowledge directory.
    pub fn load_knowledge(dir: &Path) -> Result<Engine, LoadError> {
        Engine::load(dir)
    }

    /// A service without a database: it answers; curation calls say
    /// [`CurationError::NoStore`].
    pub fn offline(base: Engine) -> Service {
        Service {
            base,
            curator: None,
            records: None,
            writer: None,
            quotes_shown: AtomicUsize::new(0),
        }
    }

    /// A service over the database at `path`, created if missing.
    pub fn open(base: Engine, path: &Path, retention_days: u32) -> Result<Service, CurationError> {
        Ok(Service::with_curator(Curator::open(
            base,
            path,
            retention_days,
        )?))
    }

    /// [`Service::open`] for commands that only read: an error, and no new
    /// file, when there is no database at `path`.
    pub fn open_existing(
        base: Engine,
        path: &Path,
        retention_days: u32,
    ) -> Result<Service, CurationError> {
        Ok(Service::with_curator(Curator::open_existing(
            base,
            path,
            retention_days,
        )?))
    }

    /// A service over the PostgreSQL database at `url` (several processes
    /// may share it). Its calls run on the current tokio runtime, which
    /// must outlive the service.
    pub async fn open_postgres(
        base: Engine,
        url: &crate::config::DatabaseUrl,
        retention_days: u32,
    ) -> Result<Service, CurationError> {
        let store = crate::curation::Postgres::connect(url.expose()).await?;
        let curator =
            Curator::with_storage(base, std::sync::Arc::new(store), retention_days).await?;
        Ok(Service::with_curator(curator))
    }

    /// Keeps at most `max` curated servers' indexes in memory (see
    /// `[storage] max_cached_guilds`); without a store, nothing to keep.
    pub fn with_max_cached_guilds(mut self, max: usize) -> Service {
        self.curator = self.curator.take().map(|c| c.with_max_cached_guilds(max));
        self
    }

    fn with_curator(curator: Curator) -> Service {
        let (tx, rx) = mpsc::channel();
        let store = curator.recorder();
        let writer = std::thread::Builder::new()
            .name("careerbot-records".into())
            .spawn(move || write_records(store, rx))
            .ok();
        Service {
            base: curator.base().clone(),
            curator: Some(curator),
            records: writer.is_some().then_some(tx),
            writer,
            quotes_shown: AtomicUsize::new(0),
        }
    }

    pub fn has_store(&self) -> bool {
        self.curator.is_some()
    }

    /// The engine that answers in `guild` (curation applied) or outside servers.
    fn engine(&self, guild: Option<u64>) -> Engine {
        match (&self.curator, guild) {
            (Some(c), Some(_)) => c.engine(guild),
            _ => self.base.clone(),
        }
    }

    fn curator(&self) -> Result<&Curator, CurationError> {
        self.curator.as_ref().ok_or(CurationError::NoStore)
    }

    fn record(&self, record: Record) {
        if let Some(tx) = &self.records {
            let _ = tx.send(record);
        }
    }

    /// The article the answers come from.
    pub fn article(&self) -> &Article {
        self.base.knowledge().article()
    }

    /// Answers `question` as `guild` would. A decline of an asked question
    /// is kept for the server's report.
    pub fn ask(&self, guild: Option<u64>, question: &str, mode: Mode) -> Reply {
        let engine = self.engine(guild);
        match mode {
            Mode::Asked => {
                let reply = engine.ask(question);
                if let (false, Some(guild)) = (reply.answered(), guild) {
                    self.record(Record::Declined {
                        guild,
                        question: question.to_string(),
                    });
                }
                reply
            }
            Mode::Unprompted { threshold } => engine
                .ask_with_threshold(question, threshold.max(crate::search::decision().answer_at)),
        }
    }

    /// Why the engine answers `question` as it does, for a person
    /// (`ask --explain`).
    pub fn explain(&self, guild: Option<u64>, question: &str) -> String {
        explanation(&self.engine(guild), question)
    }

    /// `ask --json --explain`'s line: the reply with the decision's features.
    pub fn explain_json(&self, guild: Option<u64>, question: &str) -> String {
        explained_line(&self.engine(guild), question)
    }

    /// The topics `guild` can answer.
    pub fn topics(&self, guild: Option<u64>) -> Vec<Topic> {
        self.engine(guild).topics()
    }

    /// Topics whose title or id starts with or contains `partial`.
    pub fn complete_topic(&self, guild: Option<u64>, partial: &str, max: usize) -> Vec<Topic> {
        self.engine(guild).complete_topic(partial, max)
    }

    /// The topic `name` (an id or a title, typos forgiven) as a reply.
    pub fn topic(&self, guild: Option<u64>, name: &str) -> Option<Reply> {
        let engine = self.engine(guild);
        let id = engine.find_topic(name)?.id.clone();
        engine.section_reply(&id)
    }

    /// The section `id` as a reply (a "Did you mean" press).
    pub fn section(&self, guild: Option<u64>, id: &str) -> Option<Reply> {
        self.engine(guild).section_reply(id)
    }

    /// A member's pick of section `id` after the bot asked which section
    /// `question` meant: answered, and counted as a link candidate.
    pub fn pick(&self, guild: Option<u64>, question: &str, id: &str) -> Option<Reply> {
        let reply = self.engine(guild).picked_reply(id, question)?;
        if let Some(guild) = guild {
            self.record(Record::Pick {
                guild,
                question: question.to_string(),
                section: id.to_string(),
            });
        }
        Some(reply)
    }

    /// A quote about `about`, or the next one of the article.
    pub fn quote(&self, guild: Option<u64>, about: Option<&str>) -> Option<QuoteReply> {
        let engine = self.engine(guild);
        let nth = self.quotes_shown.fetch_add(1, Ordering::Relaxed);
        let picked = engine.quote(about, nth)?;
        Some(QuoteReply {
            preface: picked.preface(about),
            text: picked.quote.text.clone(),
            source: picked.quote.source.clone(),
            section: picked.section.id.clone(),
            title: picked.section.title.clone(),
            credit: engine.knowledge().article().credit(),
        })
    }

    /// The answer text `guild` shows for section `id` (the override form
    /// starts from it).
    pub fn section_text(&self, guild: u64, id: &str) -> Option<String> {
        let engine = self.engine(Some(guild));
        engine.knowledge().section(id).map(|s| s.text.clone())
    }

    /// The server's own entries, by id (none, with a warning logged, when
    /// the store cannot be read).
    pub fn entries(&self, guild: u64) -> Vec<(String, CustomEntry)> {
        let Some(curator) = &self.curator else {
            return Vec::new();
        };
        match curator.overlay(guild) {
            Ok(overlay) => overlay.custom.into_iter().collect(),
            Err(e) => {
                tracing::warn!(guild, error = %e, "cannot read this server's curation");
                Vec::new()
            }
        }
    }

    /// Checks, stores and applies a moderator's change.
    pub async fn curate(&self, guild: u64, actor: &Actor, op: Op) -> Result<Change, CurationError> {
        self.curator()?.apply(guild, actor, op).await
    }

    /// Reverts the latest change in force, or `change`.
    pub async fn undo(
        &self,
        guild: u64,
        actor: &Actor,
        change: Option<i64>,
    ) -> Result<Change, CurationError> {
        self.curator()?.undo(guild, actor, change).await
    }

    /// The server's changes, newest first.
    pub async fn history(&self, guild: u64, limit: usize) -> Result<Vec<Change>, CurationError> {
        self.curator()?.history(guild, limit).await
    }

    /// The server's latest changes as lines; `when` shows a unix time.
    pub async fn history_text(
        &self,
        guild: u64,
        limit: usize,
        when: impl Fn(i64) -> String,
    ) -> Result<String, CurationError> {
        let changes = self.history(guild, limit).await?;
        let lines: Vec<String> = changes.iter().map(|c| c.line(&when)).collect();
        Ok(match lines.is_empty() {
            true => "No changes yet.".into(),
            false => lines.join("\n"),
        })
    }

    /// The server's report, counting every question asked before the call.
    pub async fn report(&self, guild: u64) -> Result<Report, CurationError> {
        let curator = self.curator()?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.record(Record::Flush(tx));
        if self.records.is_some() {
            let _ = rx.await;
        }
        curator.report(guild).await
    }

    /// The report as Markdown; `when` shows a unix time.
    pub async fn report_text(
        &self,
        guild: u64,
        when: impl Fn(i64) -> String,
    ) -> Result<String, CurationError> {
        let report = self.report(guild).await?;
        let engine = self.engine(Some(guild));
        let title_of = |id: &str| engine.knowledge().section(id).map(|s| s.title.clone());
        Ok(report.render(title_of, when))
    }

    /// The server's curation as a file `import` reads.
    pub fn export(&self, guild: u64) -> Result<String, CurationError> {
        self.curator()?.export(guild)
    }

    /// A curation file from `export`, checked whole and stored as one change.
    pub async fn import(
        &self,
        guild: u64,
        actor: &Actor,
        text: &str,
        mode: ImportMode,
    ) -> Result<Change, CurationError> {
        self.curator()?.import(guild, actor, text, mode).await
    }

    /// A member's 👍 or 👎 on an answer message.
    pub async fn vote(
        &self,
        guild: u64,
        message: u64,
        section: &str,
        user: u64,
        up: bool,
    ) -> Result<(), CurationError> {
        self.curator()?
            .vote(guild, message, section, user, up)
            .await
    }
}

impl Drop for Service {
    /// Writes what is still queued before the process goes.
    fn drop(&mut self) {
        self.records.take();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// The record writer: gathers records for [`RECORD_BATCH`] (less when a
/// flush is asked for), writes them in one transaction, then answers the
/// flushes. Ends when the service is dropped, after writing the last batch.
fn write_records(store: crate::curation::Recorder, rx: mpsc::Receiver<Record>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        let deadline = Instant::now() + RECORD_BATCH;
        while !matches!(batch.last(), Some(Record::Flush(_))) {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(r) => batch.push(r),
                Err(_) => break,
            }
        }
        let (mut declined, mut picks, mut flushes) = (Vec::new(), Vec::new(), Vec::new());
        for r in batch {
            match r {
                Record::Declined { guild, question } => declined.push((guild, question)),
                Record::Pick {
                    guild,
                    question,
                    section,
                } => picks.push((guild, question, section)),
                Record::Flush(done) => flushes.push(done),
            }
        }
        if !(declined.is_empty() && picks.is_empty()) {
            if let Err(e) = store.write(declined, picks) {
                tracing::warn!(error = %crate::error_chain(&e), "could not record declined questions or picks");
            }
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

/// Why the engine answers as it does: each term with its weight and idf,
/// the decision's features and probability, then the best sections with
/// their confidence, coverage and likeness.
fn explanation(engine: &Engine, question: &str) -> String {
    // Read as `Engine::ask` reads it.
    let question = &*fold_lookalikes(question);
    let (query, hits, features, p) = engine.explain(question);
    let mut s = String::from("terms:");
    for t in query.terms() {
        let known = match t.id {
            Some(_) => String::new(),
            None => format!(" (unknown, otherness {:.2})", t.otherness),
        };
        let part = if t.asked { "" } else { " (context)" };
        s.push_str(&format!(
            " {}[w={:.2} idf={:.2}]{known}{part}",
            t.word, t.weight, t.idf
        ));
    }
    s.push_str(&format!("\ndecision: p={p:.3} from"));
    for (name, v) in features.named() {
        s.push_str(&format!(" {name}={v:.2}"));
    }
    for h in hits.iter().take(5) {
        s.push_str(&format!(
            "\n  {:<16} confidence {:.3}  coverage {:.3}  likeness {:.3}",
            engine.knowledge().sections()[h.section].id,
            h.confidence,
            h.coverage,
            h.likeness
        ));
    }
    s
}

/// The reply's JSON line with the decision's features, its probability,
/// whether the message is declined whatever the weights (`gated`), the
/// ranked section ids, the asked words' evidence keys and each ranked
/// section's features as if it came first (what `tools/fit` fits on).
fn explained_line(engine: &Engine, question: &str) -> String {
    let question = &*fold_lookalikes(question);
    let (query, hits, features, p) = engine.explain(question);
    let not_a_question = Engine::not_a_question(question);
    let mut j = crate::reply::json::value(&engine.ask(question));
    j["explain"] = serde_json::json!({
        "p": p,
        "features": features.named().collect::<std::collections::BTreeMap<_, _>>(),
        // Declined whatever the weights: words used in passing only, or no
        // question at all (the fit leaves both out).
        "gated": features.passing_words_only || not_a_question,
        "not_a_question": not_a_question,
        // The junk model's probability, apart from the gate: the decision
        // is fitted on what the gate lets through, the junk model on all.
        "junk": crate::search::junk_probability(question),
        "words": query.evidence_words(),
        "ranked": hits
            .iter()
            .map(|h| engine.knowledge().sections()[h.section].id.as_str())
            .collect::<Vec<_>>(),
        // Each ranked section's confidence and features as if it came
        // first (the fit learns the ranking's weight from them).
        "candidates": engine
            .candidates(question, &query, &hits)
            .iter()
            .map(|(h, f)| {
                serde_json::json!({
                    "section": engine.knowledge().sections()[h.section].id.as_str(),
                    "confidence": h.confidence,
                    "passing": f.passing_words_only,
                    "features": f.named().collect::<std::collections::BTreeMap<_, _>>(),
                })
            })
            .collect::<Vec<_>>(),
    });
    j.to_string()
}
