//! Helpers for the tests that drive the core (curation, backups, states):
//! the shipped knowledge, a curator in a temp dir, moderators' actions by
//! name, and `apply_ok`, so a test reads as the behaviour it checks.
#![allow(dead_code)]

use careerbot::curation::{Actor, Change, Curator, CustomEntry, Op};
use careerbot::engine::Engine;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The knowledge directory shipped with the source.
pub fn knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The shipped knowledge's engine, loaded once per test binary (clones
/// share it).
pub fn base() -> Engine {
    static BASE: OnceLock<Engine> = OnceLock::new();
    BASE.get_or_init(|| Engine::load(&knowledge_dir()).expect("shipped knowledge loads"))
        .clone()
}

/// A curator over a new database in `dir`.
pub fn curator(dir: &Path) -> Curator {
    Curator::open(base(), &dir.join("curation.sqlite3"), 90).expect("the store opens")
}

pub fn moderator(id: u64, name: &str) -> Actor {
    Actor {
        id,
        name: name.into(),
    }
}

/// Applies `op` as `actor`, which must be accepted.
pub async fn apply_ok(c: &Curator, guild: u64, actor: &Actor, op: Op) -> Change {
    let shown = format!("{op:?}");
    c.apply(guild, actor, op)
        .await
        .unwrap_or_else(|e| panic!("{shown} was refused: {e}"))
}

/// The section that answers `question` in `guild`, if any.
pub fn answer(c: &Curator, guild: u64, question: &str) -> Option<String> {
    c.engine(Some(guild))
        .ask(question)
        .answer
        .map(|a| a.section.id)
}

/// An entry as a form gives it.
pub fn entry(title: &str, text: &str, keywords: &[&str]) -> CustomEntry {
    CustomEntry::from_form(title, text, &keywords.join(", "))
}

pub fn add_keyword(section: &str, keyword: &str) -> Op {
    Op::AddKeyword {
        section: section.into(),
        keyword: keyword.into(),
    }
}

pub fn remove_keyword(section: &str, keyword: &str) -> Op {
    Op::RemoveKeyword {
        section: section.into(),
        keyword: keyword.into(),
    }
}

pub fn link(section: &str, question: &str) -> Op {
    Op::LinkQuestion {
        section: section.into(),
        question: question.into(),
    }
}

pub fn create(id: &str, entry: CustomEntry) -> Op {
    Op::CreateEntry {
        id: id.into(),
        entry,
    }
}

pub fn edit(id: &str, entry: CustomEntry) -> Op {
    Op::EditEntry {
        id: id.into(),
        entry,
    }
}

pub fn hide(section: &str) -> Op {
    Op::Hide {
        section: section.into(),
    }
}

pub fn unhide(section: &str) -> Op {
    Op::Unhide {
        section: section.into(),
    }
}
