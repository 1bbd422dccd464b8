//! The knowledge files as they are written: serde structs that reject unknown
//! keys. `knowledge::validate` turns them into the checked types.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `article.toml`: the article's credit and where its verbatim text is.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    pub title: String,
    pub author: String,
    pub date: String,
    /// The verbatim copy of the article, relative to the knowledge directory.
    pub file: String,
    #[serde(default)]
    pub url: Option<String>,
    /// Paragraphs of the page that no section needs to cover.
    #[serde(default)]
    pub boilerplate: Vec<String>,
}

/// One `sections/*.toml` file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: String,
    pub title: String,
    pub text: String,
    pub keywords: Vec<String>,
    pub questions: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<RawQuote>,
    /// The editors' own words, shown after the text: what the article lost
    /// (a list that did not survive) or where to read on. Not the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whose figures or facts these are ("US figures from PayScale, 2024"),
    /// shown when a question names another country, currency or year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    pub text: String,
    pub source: String,
}

/// `synonyms.toml`: the article's term, then the everyday words for it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonyms {
    #[serde(default)]
    pub terms: BTreeMap<String, Vec<String>>,
}
