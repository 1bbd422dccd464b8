//! The knowledge base: the article, its sections, quotes and synonyms.
//!
//! Files are read into `raw` structs, then validated here into types that
//! cannot be invalid: every section text and quote is a verbatim part of the
//! article, ids are unique, no list is empty. `search` indexes a
//! `KnowledgeBase`; `curation` (later) builds per-server ones from it.

mod error;
pub mod raw;
pub mod rules;

pub use error::{LoadError, Problem};
pub use raw::{RawArticle, RawQuote, RawSection, RawSynonyms};

use crate::text::fold_verbatim;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Longest title a section may have (Discord's embed title limit).
pub const MAX_TITLE_CHARS: usize = 256;
/// Longest answer text a section may have, so a reply fits one embed.
pub const MAX_TEXT_CHARS: usize = 3000;
/// Longest quote, so that three of them still fit beside the answer.
pub const MAX_QUOTE_CHARS: usize = 600;
/// Longest keyword or sample question.
pub const MAX_KEYWORD_CHARS: usize = 100;
pub const MAX_QUESTION_CHARS: usize = 300;
/// Longest `note` or `scope`: a sentence or two beside the answer.
pub const MAX_NOTE_CHARS: usize = 300;
/// Knowledge files larger than this are refused rather than read.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The article every answer comes from, with its credit.
#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub author: String,
    pub date: String,
    pub url: Option<String>,
    /// The article as written.
    pub text: String,
    /// `text` with whitespace and typographic quotes folded, for verbatim checks.
    folded: String,
    boilerplate: Vec<String>,
}

impl Article {
    pub fn new(raw: RawArticle, text: String) -> Self {
        let folded = fold_verbatim(&text);
        let boilerplate = raw.boilerplate.iter().map(|b| fold_verbatim(b)).collect();
        Article {
            title: raw.title,
            author: raw.author,
            date: raw.date,
            url: raw.url,
            text,
            folded,
            boilerplate,
        }
    }

    /// Whether `excerpt` appears in the article, ignoring differences of
    /// whitespace and typographic quotes.
    pub fn contains_verbatim(&self, excerpt: &str) -> bool {
        let folded = fold_verbatim(excerpt);
        !folded.is_empty() && self.folded.contains(&folded)
    }

    /// The article's paragraphs (non-empty lines) that are content, not page
    /// furniture listed as boilerplate.
    pub fn content_paragraphs(&self) -> impl Iterator<Item = String> + '_ {
        self.text
            .lines()
            .map(fold_verbatim)
            .map(|l| l.trim_start_matches(['•', ' ']).to_string())
            .filter(|l| !l.is_empty())
            .filter(|l| {
                !self
                    .boilerplate
                    .iter()
                    .any(|b| b.trim_start_matches(['•', ' ']) == l)
            })
    }

    /// "Title" by Author (date), the credit every reply carries.
    pub fn credit(&self) -> String {
        format!("\"{}\" by {} ({})", self.title, self.author, self.date)
    }
}

/// A verbatim quote and who the article says said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub text: String,
    pub source: String,
}

/// A part of the article a person would ask about.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The answer: the article's own text, paragraphs separated by blank lines.
    pub(crate) text: String,
    pub(crate) keywords: Vec<String>,
    pub(crate) questions: Vec<String>,
    /// The keywords a server's moderators added to an article section
    /// (among `keywords`): each is also read as a way members ask for it,
    /// as a sample question is, so that what moderators teach decides as a
    /// link does. Empty outside a server's curation.
    pub(crate) taught: Vec<String>,
    pub(crate) quotes: Vec<Quote>,
    /// The editors' note shown after the text (not the article's words).
    pub(crate) note: Option<String>,
    /// Whose figures these are, shown when a question reaches beyond them.
    pub(crate) scope: Option<String>,
    /// Who wrote `text`: the article, or a server's moderators.
    pub(crate) origin: Origin,
}

/// A section is built only by [`Section::validate`] (the knowledge files)
/// or by a server's curation, which checks the whole state it comes from;
/// outside the crate it is read through these.
impl Section {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The answer: the article's own text, paragraphs separated by blank
    /// lines, or the server's.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    pub fn questions(&self) -> &[String] {
        &self.questions
    }

    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The editors' note shown after the text.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Whose figures these are.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// Who wrote the text.
    pub fn origin(&self) -> Origin {
        self.origin
    }
}

/// Who wrote a section's answer text, so a reply credits the right people.
/// The quotes are always the article's, whoever wrote the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The article's own words, verbatim.
    Article,
    /// An article section whose text a server's moderators replaced
    /// (`/kb override`); its quotes stay the article's.
    Overridden,
    /// An entry a server's moderators wrote (`/kb new`).
    Server,
}

impl Section {
    /// Written by a server's moderators rather than drawn from the article
    /// (a server's own entry, not an overridden article section).
    pub fn is_custom(&self) -> bool {
        self.origin == Origin::Server
    }

    /// Checks a raw section. `verbatim` says whether text and quotes must be
    /// parts of `article` (true for article sections; curated entries written
    /// by moderators are checked for everything else).
    pub fn validate(
        raw: RawSection,
        article: &Article,
        file: &Path,
        verbatim: bool,
    ) -> Result<Section, Vec<Problem>> {
        let id = raw.id.trim().to_string();
        let label = if id.is_empty() { "?" } else { id.as_str() };
        let mut problems = Vec::new();
        let problem =
            |field: &str, msg: String| Problem::new(file, msg).in_section(label).in_field(field);

        if let Some(why) = rules::id(&id) {
            problems.push(problem("id", why));
        }
        check_text(
            &mut problems,
            &problem,
            "title",
            &raw.title,
            MAX_TITLE_CHARS,
        );
        check_text(&mut problems, &problem, "text", &raw.text, MAX_TEXT_CHARS);
        if verbatim {
            for para in paragraphs(&raw.text) {
                if !article.contains_verbatim(para) {
                    problems.push(problem(
                        "text",
                        format!("is not verbatim from the article: \"{}\"", preview(para)),
                    ));
                }
            }
        }
        check_list(
            &mut problems,
            &problem,
            "keywords",
            &raw.keywords,
            MAX_KEYWORD_CHARS,
        );
        check_list(
            &mut problems,
            &problem,
            "questions",
            &raw.questions,
            MAX_QUESTION_CHARS,
        );
        for (i, q) in raw.quotes.iter().enumerate() {
            let field = format!("quotes[{i}]");
            check_text(
                &mut problems,
                &problem,
                &format!("{field}.text"),
                &q.text,
                MAX_QUOTE_CHARS,
            );
            if q.source.trim().is_empty() {
                problems.push(problem(&format!("{field}.source"), "is empty".into()));
            }
            if !q.text.trim().is_empty() && !article.contains_verbatim(&q.text) {
                problems.push(problem(
                    &format!("{field}.text"),
                    format!("is not verbatim from the article: \"{}\"", preview(&q.text)),
                ));
            }
        }
        for (field, value) in [("note", &raw.note), ("scope", &raw.scope)] {
            if let Some(v) = value {
                check_text(&mut problems, &problem, field, v, MAX_NOTE_CHARS);
            }
        }
        if verbatim && raw.quotes.is_empty() {
            problems.push(problem("quotes", "has no quote; add at least one".into()));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Section {
            id,
            title: raw.title.trim().to_string(),
            text: raw.text.trim().to_string(),
            keywords: raw.keywords.iter().map(|k| k.trim().to_string()).collect(),
            questions: raw.questions.iter().map(|q| q.trim().to_string()).collect(),
            taught: Vec::new(),
            quotes: raw
                .quotes
                .into_iter()
                .map(|q| Quote {
                    text: q.text.trim().to_string(),
                    source: q.source.trim().to_string(),
                })
                .collect(),
            note: raw.note.map(|n| n.trim().to_string()),
            scope: raw.scope.map(|n| n.trim().to_string()),
            origin: if verbatim {
                Origin::Article
            } else {
                Origin::Server
            },
        })
    }

    /// The section as it would be written in a knowledge file.
    pub fn to_raw(&self) -> RawSection {
        RawSection {
            id: self.id.clone(),
            title: self.title.clone(),
            text: self.text.clone(),
            keywords: self.keywords.clone(),
            questions: self.questions.clone(),
            quotes: self
                .quotes
                .iter()
                .map(|q| RawQuote {
                    text: q.text.clone(),
                    source: q.source.clone(),
                })
                .collect(),
            note: self.note.clone(),
            scope: self.scope.clone(),
        }
    }
}

/// The paragraphs of a section text: blocks separated by blank lines.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

fn preview(s: &str) -> String {
    let s = fold_verbatim(s);
    let cut = crate::text::truncate_chars(&s, 60);
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        s
    }
}

fn check_text(
    problems: &mut Vec<Problem>,
    problem: &impl Fn(&str, String) -> Problem,
    field: &str,
    value: &str,
    max: usize,
) {
    for why in rules::value(value, max) {
        problems.push(problem(field, why));
    }
}

fn check_list(
    problems: &mut Vec<Problem>,
    problem: &impl Fn(&str, String) -> Problem,
    field: &str,
    values: &[String],
    max: usize,
) {
    if values.is_empty() {
        problems.push(problem(field, "is empty; add at least one".into()));
    }
    for (i, v) in values.iter().enumerate() {
        let found = match field {
            "keywords" => rules::keyword(v),
            _ => rules::value(v, max),
        };
        for why in found {
            problems.push(problem(&format!("{field}[{i}]"), why));
        }
    }
}

/// The validated knowledge: what every index and reply is built from.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    article: Article,
    sections: Vec<Section>,
    /// The article's term, then the everyday words for it.
    synonyms: BTreeMap<String, Vec<String>>,
}

impl KnowledgeBase {
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The sections, in file order (curated views: the article's, then the
    /// server's own).
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The article's term, then the everyday words for it.
    pub fn synonyms(&self) -> &BTreeMap<String, Vec<String>> {
        &self.synonyms
    }

    /// This knowledge with `sections` in place of its own: a server's
    /// curated view. Its sections come from a curation state that was
    /// checked as a whole (unique ids and titles, valid values) before it
    /// was stored, so only that is asserted here.
    pub fn with_sections(&self, sections: Vec<Section>) -> KnowledgeBase {
        debug_assert!({
            let mut ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
            ids.sort_unstable();
            ids.windows(2).all(|w| w[0] != w[1])
        });
        KnowledgeBase {
            article: self.article.clone(),
            sections,
            synonyms: self.synonyms.clone(),
        }
    }

    /// Puts checked parts together, refusing duplicate ids and titles and
    /// synonyms that give one word two meanings.
    pub fn new(
        article: Article,
        sections: Vec<(PathBuf, Section)>,
        synonyms: BTreeMap<String, Vec<String>>,
        synonyms_file: &Path,
    ) -> Result<KnowledgeBase, LoadError> {
        let mut problems = Vec::new();
        let mut ids: HashMap<&str, &Path> = HashMap::new();
        let mut titles: HashMap<String, &str> = HashMap::new();
        for (file, s) in &sections {
            if let Some(first) = ids.insert(&s.id, file) {
                problems.push(
                    Problem::new(
                        file,
                        format!(
                            "duplicate id; `{}` is also used in {}",
                            s.id,
                            first.display()
                        ),
                    )
                    .in_section(&s.id)
                    .in_field("id"),
                );
            }
            if let Some(other) = titles.insert(s.title.to_lowercase(), &s.id) {
                problems.push(
                    Problem::new(
                        file,
                        format!("duplicate title; section `{other}` has it too"),
                    )
                    .in_section(&s.id)
                    .in_field("title"),
                );
            }
        }
        problems.extend(check_synonyms(&synonyms, synonyms_file));
        if !problems.is_empty() {
            return Err(problems.into());
        }
        Ok(KnowledgeBase {
            article,
            sections: sections.into_iter().map(|(_, s)| s).collect(),
            synonyms,
        })
    }

    /// Reads and validates a knowledge directory: `article.toml`, the article
    /// text it names, `synonyms.toml` (optional) and `sections/*.toml`.
    /// Every problem found is reported, not just the first.
    pub fn load(dir: &Path) -> Result<KnowledgeBase, LoadError> {
        let mut problems = Vec::new();
        let article_file = dir.join("article.toml");
        let article = read_toml::<RawArticle>(&article_file).and_then(|raw| {
            let text_file = dir.join(&raw.file);
            let text = read_text(&text_file)?;
            Ok(Article::new(raw, text))
        });
        let article = match article {
            Ok(a) => a,
            Err(p) => return Err(vec![p].into()),
        };

        let synonyms_file = dir.join("synonyms.toml");
        let synonyms = if synonyms_file.exists() {
            match read_toml::<RawSynonyms>(&synonyms_file) {
                Ok(s) => s.terms,
                Err(p) => {
                    problems.push(p);
                    BTreeMap::new()
                }
            }
        } else {
            BTreeMap::new()
        };

        let sections_dir = dir.join("sections");
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&sections_dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect(),
            Err(e) => {
                problems.push(Problem::new(
                    &sections_dir,
                    format!("cannot read the folder: {e}"),
                ));
                Vec::new()
            }
        };
        files.sort();
        if files.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                &sections_dir,
                "holds no section files (*.toml)",
            ));
        }
        let mut sections = Vec::new();
        for file in files {
            match read_toml::<RawSection>(&file) {
                Ok(raw) => match Section::validate(raw, &article, &file, true) {
                    Ok(s) => sections.push((file, s)),
                    Err(ps) => problems.extend(ps),
                },
                Err(p) => problems.push(name_section(p)),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        KnowledgeBase::new(article, sections, synonyms, &synonyms_file)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Article paragraphs that the sections' texts do not cover: no section
    /// paragraph contains it, and the section paragraphs inside it leave
    /// words over (a list item split between two sections is covered).
    pub fn uncovered_paragraphs(&self) -> Vec<String> {
        let texts: Vec<String> = self
            .sections
            .iter()
            .flat_map(|s| paragraphs(&s.text).map(fold_verbatim).collect::<Vec<_>>())
            .collect();
        let covered = |p: &str| {
            if texts.iter().any(|t| t.contains(p)) {
                return true;
            }
            let mut rest = p.to_string();
            for t in texts.iter().filter(|t| p.contains(t.as_str())) {
                rest = rest.replace(t.as_str(), " ");
            }
            crate::text::words(&rest).is_empty()
        };
        self.article
            .content_paragraphs()
            .filter(|p| !covered(p))
            .collect()
    }
}

fn check_synonyms(synonyms: &BTreeMap<String, Vec<String>>, file: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for (term, variants) in synonyms {
        let field = format!("terms.{term}");
        if crate::text::words(term).is_empty() {
            problems.push(Problem::new(file, "a term has no words").in_field(&field));
        }
        if variants.is_empty() {
            problems.push(Problem::new(file, "is empty; list at least one word").in_field(&field));
        }
        for v in variants {
            let key = fold_verbatim(v).to_lowercase();
            if crate::text::words(v).is_empty() {
                problems.push(Problem::new(file, format!("`{v}` has no words")).in_field(&field));
            } else if let Some(other) = owner.insert(key, term) {
                if other != term {
                    problems.push(
                        Problem::new(file, format!("`{v}` is also listed under `{other}`"))
                            .in_field(&field),
                    );
                }
            }
        }
    }
    problems
}

/// Names the section in a parse problem when the file still has a readable
/// `id` (a file with an unknown key, say).
fn name_section(p: Problem) -> Problem {
    // Only a file that was read could have failed to parse; reading it again
    // goes through the same limits, so a refused file is not read in full.
    let id = (p.file.as_deref())
        .and_then(|f| read_text(f).ok())
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("id").and_then(|v| v.as_str()).map(str::to_string));
    match id {
        Some(id) => p.in_section(&id),
        None => p,
    }
}

/// A knowledge file's text: regular files of at most [`MAX_FILE_BYTES`],
/// checked before and while reading (see [`crate::input::read_file`]).
fn read_text(path: &Path) -> Result<String, Problem> {
    crate::input::read_file(path, MAX_FILE_BYTES)
        .map_err(|e| Problem::new(path, format!("cannot read it: {e}")))
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Problem> {
    let text = read_text(path)?;
    parse_toml(&text).map_err(|msg| Problem::new(path, msg))
}

/// Parses TOML text, giving toml's message on one line with the line it
/// points at.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let msg = e.message().trim().replace('\n', "; ");
        match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!("invalid TOML at line {line}: {msg}")
            }
            None => format!("invalid TOML: {msg}"),
        }
    })
}
