//! careerbot answers questions about back-end developer careers from one
//! article.
//!
//! The core knows nothing of Discord:
//! - [`text`]: Unicode normalisation and words, shared by everything below.
//! - [`knowledge`]: the knowledge files, loaded and validated.
//! - [`search`]: the index, question analysis, scoring and quote choice.
//! - [`reply`]: the answer value and its Markdown rendering within Discord's limits.
//! - [`engine`]: knowledge + index → replies; what every front end calls.
//! - [`curation`]: moderators' changes per server, stored through one
//!   `Storage` trait in SQLite (the default) or PostgreSQL, laid over the
//!   shipped knowledge.
//! - [`service`]: the one door the front ends use: ask, topic, quote,
//!   curate, report, history, undo, export, import.
//! - [`shard`]: which servers a process owns when shards are split across
//!   processes.
//! - [`config`]: settings from defaults, file and environment.
//! - [`input`]: bounded reading of files and lines from outside.
//!
//! Front ends, each a thin adapter over the core:
//! - [`cli`]: the `careerbot` command (`ask`, `chat`, `topics`, `kb`, `run`, ...);
//! - [`discord`]: the bot (serenity + poise), the only module that imports them.

pub mod cli;
pub mod config;
pub mod curation;
pub mod discord;
pub mod engine;
pub mod input;
pub mod knowledge;
pub mod reply;
pub mod search;
pub mod service;
pub mod shard;
pub mod text;

/// An error and its causes on one line ("a: b: c"), for logs.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}
