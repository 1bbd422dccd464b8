//! Finding the section that answers a question.
//!
//! `message` (the asking clauses) → `text` words → `analyzer` (synonyms,
//! stop words, stems) → `query` (shorthand, relatedness and typo fixes from
//! `lexicon`, unknown words weighed by how much they name another subject)
//! → `score` against the `index` → `decision` (answer, ask or decline, by a
//! fitted model). Hand-set constants live in `tuning`. Knows the knowledge
//! types but nothing of replies or Discord.
//!
//! The seam callers use is [`Query`]: `index.query(question)` analyses the
//! question once, and the value answers everything else about it:
//! [`Query::hits`] (the ranked sections), [`Query::quotes`] (a section's
//! quotes that fit the question), [`Query::features`] (what the decision
//! model weighs), [`Query::clause`] (one asking clause read on its own) and
//! [`Query::terms`] (how it was read, for diagnostics). The terms never
//! travel back into the index.

mod analyzer;
mod decision;
mod evidence;
mod index;
mod junk;
mod lexicon;
mod message;
mod outside;
mod query;
mod score;
mod stopwords;
pub mod tuning;
mod typo;
mod vocab;

pub use analyzer::Analyzer;
pub use decision::{decision, Decision, Features, FEATURE_NAMES};
pub use index::{Index, TermId};
pub use junk::{is_junk, junk_probability};
pub use lexicon::{lexicon, Lexicon, WordClass, WordInfo};
pub use message::{
    addresses_the_reader, asks_the_reader, clauses, is_mostly_markup, is_zalgo, misuses_the_bot,
    only_tries_the_bot, pings_a_crowd, repeats_itself, Clause,
};
pub use query::{Query, QueryTerm, MAX_CHARS, MAX_TERMS};
pub use score::Hit;
pub use stopwords::is_stop_word;
pub use typo::TypoIndex;
pub use vocab::Vocabulary;
