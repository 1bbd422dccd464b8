//! Finding the section that answers a question.
//!
//! `text` words → `analyzer` (synonyms, stop words, stems) → `query` (typo
//! fixes, unknown words) → `score` against the `index`. Knows the knowledge
//! types but nothing of replies or Discord.

mod analyzer;
mod index;
mod query;
mod score;
mod stopwords;
mod typo;
mod vocab;

pub use analyzer::Analyzer;
pub use index::{Index, TermId};
pub use query::{QueryTerm, MAX_CHARS, MAX_TERMS};
pub use score::Hit;
pub use stopwords::is_stop_word;
pub use typo::TypoIndex;
pub use vocab::Vocabulary;
