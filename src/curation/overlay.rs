//! A server's curation as data: the [`Overlay`] that moderators' [`Op`]s
//! (`ops`) fold into, which turns the shipped knowledge into the server's
//! view, and the whole-state check every stored state must pass, so that
//! its export can always be imported back.
//!
//! [`Op`]: super::Op

use crate::knowledge::{
    rules, KnowledgeBase, Origin, Problem, Section, MAX_QUESTION_CHARS, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A server's changes to one article section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_questions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_questions: Vec<String>,
    /// The server's answer text, replacing the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

impl Adjustment {
    fn is_empty(&self) -> bool {
        *self == Adjustment::default()
    }
}

/// An entry a server's moderators wrote, in the knowledge section format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomEntry {
    pub title: String,
    pub text: String,
    pub keywords: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

impl CustomEntry {
    /// An entry as a moderator's form gives it: keywords separated by commas.
    pub fn from_form(title: &str, text: &str, keywords: &str) -> CustomEntry {
        CustomEntry {
            title: title.trim().to_string(),
            text: text.trim().to_string(),
            keywords: keywords
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
            questions: Vec::new(),
            hidden: false,
        }
    }
}

/// A server's curation: changes to article sections and its own entries.
/// Also the format of `/kb export` and `/kb import` files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub article: BTreeMap<String, Adjustment>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, CustomEntry>,
}

pub(super) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(item)) {
        list.push(item.to_string());
    }
}

pub(super) fn remove_item(list: &mut Vec<String>, item: &str) -> bool {
    let before = list.len();
    list.retain(|x| !x.eq_ignore_ascii_case(item));
    list.len() != before
}

impl Overlay {
    pub fn is_empty(&self) -> bool {
        self.article.is_empty() && self.custom.is_empty()
    }

    /// Drops article adjustments that no longer change anything.
    pub(super) fn tidy(&mut self) {
        self.article.retain(|_, a| !a.is_empty());
    }

    /// A section of the server's view by id, hidden or not.
    pub(super) fn section(&self, base: &KnowledgeBase, id: &str) -> Option<Section> {
        match self.custom.get(id) {
            Some(e) => Some(custom_section(id, e)),
            None => self.article_section(base.section(id)?, true),
        }
    }

    /// Whether the section `id` is hidden; `None` when there is no such section.
    pub(super) fn is_hidden(&self, base: &KnowledgeBase, id: &str) -> Option<bool> {
        if let Some(e) = self.custom.get(id) {
            return Some(e.hidden);
        }
        base.section(id)?;
        Some(self.article.get(id).is_some_and(|a| a.hidden))
    }

    /// The id of another section (hidden ones too, since they can come
    /// back) whose title is `title`, ignoring case.
    pub(super) fn title_owner(
        &self,
        base: &KnowledgeBase,
        title: &str,
        except: &str,
    ) -> Option<String> {
        let title = title.trim();
        // Moderators never retitle an article section.
        let article = base.sections().iter().map(|s| (&s.id, &s.title));
        article
            .chain(self.custom.iter().map(|(id, e)| (id, &e.title)))
            .find(|(id, t)| *id != except && t.trim().eq_ignore_ascii_case(title))
            .map(|(id, _)| id.clone())
    }

    /// A fresh id for an entry titled `title`: its words, then a number if taken.
    pub fn free_id(&self, base: &KnowledgeBase, title: &str) -> String {
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
        let taken = |id: &str| self.custom.contains_key(id) || base.section(id).is_some();
        let mut id = stem.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        id
    }

    /// The server's view: the shipped sections with this server's changes,
    /// hidden ones left out, then its own entries.
    pub fn view(&self, base: &KnowledgeBase) -> KnowledgeBase {
        base.with_sections(self.sections(base, false))
    }

    /// The server's sections, hidden ones too if `include_hidden`.
    fn sections(&self, base: &KnowledgeBase, include_hidden: bool) -> Vec<Section> {
        let mut sections = Vec::with_capacity(base.sections().len() + self.custom.len());
        for s in base.sections() {
            sections.extend(self.article_section(s, include_hidden));
        }
        for (id, e) in self
            .custom
            .iter()
            .filter(|(_, e)| include_hidden || !e.hidden)
        {
            sections.push(custom_section(id, e));
        }
        sections
    }

    /// Article section `s` with this server's changes; `None` if it is
    /// hidden here, unless `include_hidden`.
    fn article_section(&self, s: &Section, include_hidden: bool) -> Option<Section> {
        let Some(a) = self.article.get(&s.id) else {
            return Some(s.clone());
        };
        if a.hidden && !include_hidden {
            return None;
        }
        let mut s = s.clone();
        s.keywords
            .retain(|k| !a.remove_keywords.iter().any(|r| r.eq_ignore_ascii_case(k)));
        s.keywords.extend(a.add_keywords.iter().cloned());
        s.taught = a.add_keywords.clone();
        s.questions
            .retain(|q| !a.remove_questions.iter().any(|r| r.eq_ignore_ascii_case(q)));
        s.questions.extend(a.add_questions.iter().cloned());
        if let Some(text) = &a.text {
            s.text = text.clone();
            s.origin = Origin::Overridden;
            // The editors' note and scope describe the article's text.
            s.note = None;
            s.scope = None;
        }
        Some(s)
    }

    /// Every problem with this overlay as a whole (an imported file).
    pub fn problems(&self, base: &KnowledgeBase) -> Vec<Problem> {
        self.problem_lines(base)
            .into_iter()
            .map(Problem::change)
            .collect()
    }

    /// [`Overlay::problems`] as lines, for callers that add their own.
    pub(super) fn problem_lines(&self, base: &KnowledgeBase) -> Vec<String> {
        let mut p = Vec::new();
        for (id, a) in &self.article {
            let Some(s) = base.section(id) else {
                p.push(format!(
                    "[article.{id}]: no article section has the id `{id}`"
                ));
                continue;
            };
            let at = |what: &str| format!("[article.{id}] {what}");
            for k in &a.add_keywords {
                check_keyword(&mut p, &at("keyword"), k);
            }
            for q in a.add_questions.iter().chain(&a.remove_questions) {
                check_value(&mut p, &at("question"), q, MAX_QUESTION_CHARS);
            }
            for k in &a.remove_keywords {
                if !s.keywords.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                    p.push(format!(
                        "[article.{id}]: removes the keyword \"{k}\", which it does not have"
                    ));
                }
            }
            if s.keywords.len() + a.add_keywords.len() <= a.remove_keywords.len() {
                p.push(format!("[article.{id}]: would be left with no keywords"));
            }
            if let Some(t) = &a.text {
                check_value(&mut p, &at("text"), t, MAX_TEXT_CHARS);
            }
        }
        let mut titles: BTreeMap<String, String> = base
            .sections()
            .iter()
            .map(|s| (s.title.to_lowercase(), s.id.clone()))
            .collect();
        for (id, e) in &self.custom {
            let before = p.len();
            check_id(&mut p, id);
            check_entry(&mut p, e);
            if base.section(id).is_some() {
                p.push(format!("the id `{id}` is taken by an article section"));
            }
            for msg in &mut p[before..] {
                *msg = format!("[custom.{id}]: {msg}");
            }
            if let Some(other) = titles.insert(e.title.trim().to_lowercase(), id.clone()) {
                p.push(format!(
                    "[custom.{id}]: the title \"{}\" is also used by `{other}`",
                    e.title.trim()
                ));
            }
        }
        p
    }
}

pub(super) fn unknown_section(id: &str) -> String {
    format!("there is no section `{id}` (see /topics for ids)")
}

pub(super) fn check_id(p: &mut Vec<String>, id: &str) {
    p.extend(rules::id(id).map(|why| format!("the id {why}")));
}

pub(super) fn check_entry(p: &mut Vec<String>, e: &CustomEntry) {
    check_value(p, "title", &e.title, MAX_TITLE_CHARS);
    check_value(p, "text", &e.text, MAX_TEXT_CHARS);
    if e.keywords.is_empty() {
        p.push("keywords: give at least one".into());
    }
    for k in &e.keywords {
        check_keyword(p, "keyword", k);
    }
    for q in &e.questions {
        check_value(p, "question", q, MAX_QUESTION_CHARS);
    }
}

pub(super) fn check_keyword(p: &mut Vec<String>, what: &str, value: &str) {
    p.extend(
        rules::keyword(value)
            .into_iter()
            .map(|why| format!("{what}: {why}")),
    );
}

pub(super) fn check_value(p: &mut Vec<String>, what: &str, value: &str, max: usize) {
    p.extend(
        rules::value(value, max)
            .into_iter()
            .map(|why| format!("{what}: {why}")),
    );
}

/// Entry `id` as a section of the server's view.
fn custom_section(id: &str, e: &CustomEntry) -> Section {
    Section {
        id: id.to_string(),
        title: e.title.clone(),
        text: e.text.clone(),
        keywords: e.keywords.clone(),
        questions: e.questions.clone(),
        taught: Vec::new(),
        quotes: Vec::new(),
        note: None,
        scope: None,
        origin: Origin::Server,
    }
}
