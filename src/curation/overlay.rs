//! What moderators change, as data: [`Op`]s, and the [`Overlay`] they fold
//! into, which turns the shipped knowledge into a server's view. Checks every
//! op against the server's current state before anything is stored.

use crate::knowledge::{
    KnowledgeBase, Origin, Section, MAX_KEYWORD_CHARS, MAX_QUESTION_CHARS, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One moderator action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    AddKeyword {
        section: String,
        keyword: String,
    },
    RemoveKeyword {
        section: String,
        keyword: String,
    },
    AddQuestion {
        section: String,
        question: String,
    },
    RemoveQuestion {
        section: String,
        question: String,
    },
    /// A question the bot declined or got wrong, linked to the right section
    /// (it becomes a sample question there).
    LinkQuestion {
        section: String,
        question: String,
    },
    CreateEntry {
        id: String,
        entry: CustomEntry,
    },
    EditEntry {
        id: String,
        entry: CustomEntry,
    },
    /// This server's answer text for an article section; quotes stay.
    OverrideText {
        section: String,
        text: String,
    },
    ResetText {
        section: String,
    },
    Hide {
        section: String,
    },
    Unhide {
        section: String,
    },
    /// Replaces the server's whole curation (an imported file).
    Import {
        state: Overlay,
    },
    /// Reverts an earlier change; recorded for the audit log only.
    Undo {
        change: i64,
    },
}

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

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(item)) {
        list.push(item.to_string());
    }
}

fn remove_item(list: &mut Vec<String>, item: &str) -> bool {
    let before = list.len();
    list.retain(|x| !x.eq_ignore_ascii_case(item));
    list.len() != before
}

impl Overlay {
    pub fn is_empty(&self) -> bool {
        self.article.is_empty() && self.custom.is_empty()
    }

    /// Applies one op. Ops on sections that are gone (an undone entry) are
    /// skipped, so any sequence of stored changes folds.
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::AddKeyword { section, keyword } => {
                if let Some(e) = self.custom.get_mut(section) {
                    push_unique(&mut e.keywords, keyword);
                } else {
                    let a = self.article.entry(section.clone()).or_default();
                    if !remove_item(&mut a.remove_keywords, keyword) {
                        push_unique(&mut a.add_keywords, keyword);
                    }
                }
            }
            Op::RemoveKeyword { section, keyword } => {
                if let Some(e) = self.custom.get_mut(section) {
                    remove_item(&mut e.keywords, keyword);
                } else {
                    let a = self.article.entry(section.clone()).or_default();
                    if !remove_item(&mut a.add_keywords, keyword) {
                        push_unique(&mut a.remove_keywords, keyword);
                    }
                }
            }
            Op::AddQuestion { section, question } | Op::LinkQuestion { section, question } => {
                if let Some(e) = self.custom.get_mut(section) {
                    push_unique(&mut e.questions, question);
                } else {
                    let a = self.article.entry(section.clone()).or_default();
                    if !remove_item(&mut a.remove_questions, question) {
                        push_unique(&mut a.add_questions, question);
                    }
                }
            }
            Op::RemoveQuestion { section, question } => {
                if let Some(e) = self.custom.get_mut(section) {
                    remove_item(&mut e.questions, question);
                } else {
                    let a = self.article.entry(section.clone()).or_default();
                    if !remove_item(&mut a.add_questions, question) {
                        push_unique(&mut a.remove_questions, question);
                    }
                }
            }
            Op::CreateEntry { id, entry } | Op::EditEntry { id, entry } => {
                self.custom.insert(id.clone(), entry.clone());
            }
            Op::OverrideText { section, text } => match self.custom.get_mut(section) {
                Some(e) => e.text = text.clone(),
                None => self.article.entry(section.clone()).or_default().text = Some(text.clone()),
            },
            Op::ResetText { section } => {
                if let Some(a) = self.article.get_mut(section) {
                    a.text = None;
                }
            }
            Op::Hide { section } | Op::Unhide { section } => {
                let hidden = matches!(op, Op::Hide { .. });
                match self.custom.get_mut(section) {
                    Some(e) => e.hidden = hidden,
                    None => self.article.entry(section.clone()).or_default().hidden = hidden,
                }
            }
            Op::Import { state } => *self = state.clone(),
            Op::Undo { .. } => {}
        }
        self.article.retain(|_, a| !a.is_empty());
    }

    /// The server's view: the shipped sections with this server's changes,
    /// hidden ones left out, then its own entries.
    pub fn view(&self, base: &KnowledgeBase) -> KnowledgeBase {
        KnowledgeBase {
            article: base.article.clone(),
            sections: self.sections(base, false),
            synonyms: base.synonyms.clone(),
        }
    }

    /// The server's sections, hidden ones too if `include_hidden`.
    fn sections(&self, base: &KnowledgeBase, include_hidden: bool) -> Vec<Section> {
        let mut sections = Vec::with_capacity(base.sections.len() + self.custom.len());
        for s in &base.sections {
            let Some(a) = self.article.get(&s.id) else {
                sections.push(s.clone());
                continue;
            };
            if a.hidden && !include_hidden {
                continue;
            }
            let mut s = s.clone();
            s.keywords
                .retain(|k| !a.remove_keywords.iter().any(|r| r.eq_ignore_ascii_case(k)));
            s.keywords.extend(a.add_keywords.iter().cloned());
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
            sections.push(s);
        }
        for (id, e) in self
            .custom
            .iter()
            .filter(|(_, e)| include_hidden || !e.hidden)
        {
            sections.push(Section {
                id: id.clone(),
                title: e.title.clone(),
                text: e.text.clone(),
                keywords: e.keywords.clone(),
                questions: e.questions.clone(),
                quotes: Vec::new(),
                note: None,
                scope: None,
                origin: Origin::Server,
            });
        }
        sections
    }

    /// Every problem with `op` given the shipped knowledge and this state;
    /// empty when it may be stored.
    pub fn check(&self, base: &KnowledgeBase, op: &Op) -> Vec<String> {
        let mut p = Vec::new();
        // A hidden section can still be curated (and unhidden).
        let effective = |section: &str| -> Option<Section> {
            self.sections(base, true)
                .into_iter()
                .find(|s| s.id == section)
        };
        match op {
            Op::AddKeyword { section, keyword } | Op::RemoveKeyword { section, keyword } => {
                match effective(section) {
                    None => p.push(unknown_section(section)),
                    Some(s) => {
                        check_value(&mut p, "keyword", keyword, MAX_KEYWORD_CHARS);
                        let has = s
                            .keywords
                            .iter()
                            .any(|k| k.eq_ignore_ascii_case(keyword.trim()));
                        if matches!(op, Op::AddKeyword { .. }) && has {
                            p.push(format!("`{section}` already has the keyword \"{keyword}\""));
                        }
                        if matches!(op, Op::RemoveKeyword { .. }) {
                            if !has {
                                p.push(format!("`{section}` has no keyword \"{keyword}\""));
                            } else if s.keywords.len() == 1 {
                                p.push(format!("\"{keyword}\" is the last keyword of `{section}`; add another first"));
                            }
                        }
                    }
                }
            }
            Op::AddQuestion { section, question }
            | Op::LinkQuestion { section, question }
            | Op::RemoveQuestion { section, question } => match effective(section) {
                None => p.push(unknown_section(section)),
                Some(s) => {
                    check_value(&mut p, "question", question, MAX_QUESTION_CHARS);
                    let has = s
                        .questions
                        .iter()
                        .any(|q| q.eq_ignore_ascii_case(question.trim()));
                    if matches!(op, Op::RemoveQuestion { .. }) && !has {
                        p.push(format!("`{section}` has no sample question \"{question}\""));
                    } else if !matches!(op, Op::RemoveQuestion { .. }) && has {
                        p.push(format!(
                            "`{section}` already has the question \"{question}\""
                        ));
                    }
                }
            },
            Op::CreateEntry { id, entry } | Op::EditEntry { id, entry } => {
                let exists = self.custom.contains_key(id);
                if matches!(op, Op::CreateEntry { .. }) && (exists || base.section(id).is_some()) {
                    p.push(format!("the id `{id}` is taken"));
                }
                if matches!(op, Op::EditEntry { .. }) && !exists {
                    p.push(format!("there is no custom entry `{id}`"));
                }
                check_id(&mut p, id);
                check_entry(&mut p, entry);
                let taken = self
                    .sections(base, false)
                    .iter()
                    .any(|s| s.id != *id && s.title.eq_ignore_ascii_case(entry.title.trim()));
                if taken {
                    p.push(format!(
                        "another section already has the title \"{}\"",
                        entry.title.trim()
                    ));
                }
            }
            Op::OverrideText { section, text } => match effective(section) {
                None => p.push(unknown_section(section)),
                Some(_) => check_value(&mut p, "text", text, MAX_TEXT_CHARS),
            },
            Op::ResetText { section } => {
                if self.article.get(section).is_none_or(|a| a.text.is_none()) {
                    p.push(format!("`{section}` has no text of this server's to reset"));
                }
            }
            Op::Hide { section } | Op::Unhide { section } => {
                let hidden = self
                    .article
                    .get(section)
                    .map(|a| a.hidden)
                    .or(self.custom.get(section).map(|e| e.hidden));
                let known = base.section(section).is_some() || self.custom.contains_key(section);
                if !known {
                    p.push(unknown_section(section));
                } else if matches!(op, Op::Hide { .. }) && hidden == Some(true) {
                    p.push(format!("`{section}` is already hidden"));
                } else if matches!(op, Op::Unhide { .. }) && hidden != Some(true) {
                    p.push(format!("`{section}` is not hidden"));
                }
            }
            Op::Import { state } => p.extend(state.problems(base)),
            Op::Undo { .. } => {}
        }
        p
    }

    /// Every problem with this overlay as a whole (an imported file).
    pub fn problems(&self, base: &KnowledgeBase) -> Vec<String> {
        let mut p = Vec::new();
        for (id, a) in &self.article {
            let Some(s) = base.section(id) else {
                p.push(format!(
                    "[article.{id}]: no article section has the id `{id}`"
                ));
                continue;
            };
            let at = |what: &str| format!("[article.{id}] {what}");
            for k in a.add_keywords.iter().chain(&a.remove_keywords) {
                check_value(&mut p, &at("keyword"), k, MAX_KEYWORD_CHARS);
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
            .sections
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

fn unknown_section(id: &str) -> String {
    format!("there is no section `{id}` (see /topics for ids)")
}

fn check_id(p: &mut Vec<String>, id: &str) {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        p.push(format!(
            "the id `{id}` must be 1 to 64 characters of a-z, 0-9 and '-'"
        ));
    }
}

fn check_entry(p: &mut Vec<String>, e: &CustomEntry) {
    check_value(p, "title", &e.title, MAX_TITLE_CHARS);
    check_value(p, "text", &e.text, MAX_TEXT_CHARS);
    if e.keywords.is_empty() {
        p.push("keywords: give at least one".into());
    }
    for k in &e.keywords {
        check_value(p, "keyword", k, MAX_KEYWORD_CHARS);
    }
    for q in &e.questions {
        check_value(p, "question", q, MAX_QUESTION_CHARS);
    }
}

/// Mentions that would ping many people, whatever allowed mentions say.
fn mass_mention(s: &str) -> bool {
    s.contains("@everyone") || s.contains("@here") || s.contains("<@&")
}

fn check_value(p: &mut Vec<String>, what: &str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 || crate::text::words(value).is_empty() {
        p.push(format!("{what}: is empty"));
    } else if n > max {
        p.push(format!("{what}: is {n} characters; the limit is {max}"));
    }
    if mass_mention(value) {
        p.push(format!(
            "{what}: may not mention @everyone, @here or a role"
        ));
    }
}
