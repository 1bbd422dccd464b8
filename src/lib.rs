//! careerbot answers questions about back-end developer careers from one
//! article.
//!
//! The core knows nothing of Discord:
//! - [`text`]: Unicode normalisation and words, shared by everything below.
//! - [`knowledge`]: the knowledge files, loaded and validated.
//! - [`search`]: the index, question analysis, scoring and quote choice.
//! - [`reply`]: the answer value and its Markdown rendering within Discord's limits.
//! - [`engine`]: knowledge + index → replies; what every front end calls.
//!
//! Front ends: [`cli`] (the `careerbot` command: `ask`, `chat`, `topics`, ...).

pub mod cli;
pub mod config;
pub mod curation;
pub mod discord;
pub mod engine;
pub mod knowledge;
pub mod reply;
pub mod search;
pub mod text;
