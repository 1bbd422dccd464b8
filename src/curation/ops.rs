//! Every moderator action in one place: the [`Op`] value, its check against
//! a server's state, how it folds into the [`Overlay`], its one-line
//! summary, and its text syntax ([`ACTIONS`]), which the terminal chat's
//! `/kb`, `careerbot kb` and their help are generated from. The Discord
//! adapter registers one slash command per action and prints the summary.

use super::overlay::{
    check_entry, check_id, check_keyword, check_value, push_unique, remove_item, unknown_section,
    CustomEntry, Overlay,
};
use crate::knowledge::{
    KnowledgeBase, Problem, MAX_KEYWORD_CHARS, MAX_QUESTION_CHARS, MAX_TEXT_CHARS,
};
use serde::{Deserialize, Serialize};

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
    /// A new entry; an empty `id` is given a fresh one from the title when
    /// the change is stored.
    CreateEntry {
        id: String,
        entry: CustomEntry,
    },
    /// New title, text and keywords for an entry; its sample questions and
    /// hidden state are kept when the change is stored.
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
    /// An imported file: the server's whole curation (`merge: false`), or
    /// added to what is there (`merge: true`).
    Import {
        state: Overlay,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        merge: bool,
    },
    /// Reverts an earlier change; recorded for the audit log only.
    Undo {
        change: i64,
    },
}

#[derive(Debug)]
/// An action as moderators type it in the terminal (`/kb NAME ARGS` in the
/// chat, `careerbot kb NAME --guild ID ARGS`).
pub struct Action {
    pub name: &'static str,
    /// The arguments, as the usage line shows them.
    pub args: &'static str,
    /// One line for help.
    pub about: &'static str,
    parse: fn(&str, &str) -> Option<Op>,
}

impl Action {
    /// "NAME ARGS", for help and usage errors.
    pub fn usage(&self) -> String {
        format!("{} {}", self.name, self.args)
    }

    /// The op that `args` (everything after the name) asks for, or the
    /// usage line when they do not fit.
    pub fn parse(&self, args: &str) -> Result<Op, String> {
        let args = args.trim();
        let (first, rest) = args
            .split_once(char::is_whitespace)
            .map_or((args, ""), |(a, b)| (a, b.trim()));
        (self.parse)(first, rest)
            .filter(|_| !first.is_empty())
            .ok_or_else(|| format!("usage: {}", self.usage()))
    }
}

fn two(first: &str, rest: &str, op: fn(String, String) -> Op) -> Option<Op> {
    (!rest.is_empty()).then(|| op(first.to_string(), rest.to_string()))
}

fn one(first: &str, rest: &str, op: fn(String) -> Op) -> Option<Op> {
    rest.is_empty().then(|| op(first.to_string()))
}

/// "TITLE | TEXT | KEYWORD, KEYWORD"
fn entry(s: &str) -> Option<CustomEntry> {
    let mut parts = s.splitn(3, '|');
    let (title, text, keywords) = (parts.next()?, parts.next()?, parts.next()?);
    Some(CustomEntry::from_form(title, text, keywords))
}

/// Every action the text front ends offer, in help order.
pub const ACTIONS: &[Action] = &[
    Action {
        name: "add-keyword",
        args: "SECTION KEYWORD",
        about: "Teach the matcher a keyword for a section",
        parse: |a, b| two(a, b, |section, keyword| Op::AddKeyword { section, keyword }),
    },
    Action {
        name: "remove-keyword",
        args: "SECTION KEYWORD",
        about: "Remove a keyword from a section",
        parse: |a, b| {
            two(a, b, |section, keyword| Op::RemoveKeyword {
                section,
                keyword,
            })
        },
    },
    Action {
        name: "add-question",
        args: "SECTION QUESTION",
        about: "Add a sample question to a section",
        parse: |a, b| {
            two(a, b, |section, question| Op::AddQuestion {
                section,
                question,
            })
        },
    },
    Action {
        name: "remove-question",
        args: "SECTION QUESTION",
        about: "Remove a sample question from a section",
        parse: |a, b| {
            two(a, b, |section, question| Op::RemoveQuestion {
                section,
                question,
            })
        },
    },
    Action {
        name: "link",
        args: "SECTION QUESTION",
        about: "Link a declined or misanswered question to the section that answers it",
        parse: |a, b| {
            two(a, b, |section, question| Op::LinkQuestion {
                section,
                question,
            })
        },
    },
    Action {
        name: "new",
        args: "TITLE | TEXT | KEYWORD, KEYWORD",
        about: "Write a new entry",
        parse: |a, b| {
            entry(&format!("{a} {b}")).map(|entry| Op::CreateEntry {
                id: String::new(),
                entry,
            })
        },
    },
    Action {
        name: "edit",
        args: "ID TITLE | TEXT | KEYWORD, KEYWORD",
        about: "Rewrite one of this server's entries",
        parse: |a, b| {
            entry(b).map(|entry| Op::EditEntry {
                id: a.to_string(),
                entry,
            })
        },
    },
    Action {
        name: "override",
        args: "SECTION TEXT",
        about: "Write this server's answer text for an article section",
        parse: |a, b| two(a, b, |section, text| Op::OverrideText { section, text }),
    },
    Action {
        name: "reset-text",
        args: "SECTION",
        about: "Go back to the article's text for a section",
        parse: |a, b| one(a, b, |section| Op::ResetText { section }),
    },
    Action {
        name: "hide",
        args: "SECTION",
        about: "Hide a section in this server",
        parse: |a, b| one(a, b, |section| Op::Hide { section }),
    },
    Action {
        name: "unhide",
        args: "SECTION",
        about: "Show a hidden section again",
        parse: |a, b| one(a, b, |section| Op::Unhide { section }),
    },
];

/// Every action's usage line and what it does, then the other commands,
/// each line starting with `prefix` ("/kb " in the chat).
pub fn help(prefix: &str) -> String {
    let mut s = String::from("Curation (you are the moderator here):");
    for a in ACTIONS {
        s.push_str(&format!("\n  {prefix}{:<42} {}", a.usage(), a.about));
    }
    for (usage, about) in [
        ("report", "declined questions, link candidates, most 👎"),
        ("history [N]", "recent changes"),
        (
            "undo [CHANGE]",
            "revert the latest change, or one by number",
        ),
        ("export [FILE]", "this server's curation as a file"),
        (
            "import [--merge] FILE",
            "replace the curation with a file (--merge: add to it)",
        ),
    ] {
        s.push_str(&format!("\n  {prefix}{usage:<42} {about}"));
    }
    s
}

/// The action called `name`, if there is one.
pub fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

impl Op {
    /// A line for the audit log and the moderator's confirmation.
    pub fn summary(&self) -> String {
        match self {
            Op::AddKeyword { section, keyword } => {
                format!("added keyword \"{keyword}\" to `{section}`")
            }
            Op::RemoveKeyword { section, keyword } => {
                format!("removed keyword \"{keyword}\" from `{section}`")
            }
            Op::AddQuestion { section, question } => {
                format!("added sample question \"{question}\" to `{section}`")
            }
            Op::RemoveQuestion { section, question } => {
                format!("removed sample question \"{question}\" from `{section}`")
            }
            Op::LinkQuestion { section, question } => {
                format!("linked \"{question}\" to `{section}`")
            }
            Op::CreateEntry { id, entry } => format!("created entry `{id}` \"{}\"", entry.title),
            Op::EditEntry { id, entry } => format!("edited entry `{id}` \"{}\"", entry.title),
            Op::OverrideText { section, .. } => format!("wrote this server's text for `{section}`"),
            Op::ResetText { section } => format!("restored the article's text for `{section}`"),
            Op::Hide { section } => format!("hid `{section}`"),
            Op::Unhide { section } => format!("unhid `{section}`"),
            Op::Import { state, merge } => format!(
                "imported a curation file, {} ({} article sections changed, {} entries)",
                if *merge {
                    "added to what was there"
                } else {
                    "replacing what was there"
                },
                state.article.len(),
                state.custom.len()
            ),
            Op::Undo { change } => format!("undid #{change}"),
        }
    }

    /// The op as it will be stored against `state`: values trimmed, a new
    /// entry given a free id, an edited entry keeping its sample questions
    /// and hidden state (which the forms do not show).
    pub fn resolve(mut self, state: &Overlay, base: &KnowledgeBase) -> Op {
        match &mut self {
            Op::AddKeyword { keyword: v, .. }
            | Op::RemoveKeyword { keyword: v, .. }
            | Op::AddQuestion { question: v, .. }
            | Op::RemoveQuestion { question: v, .. }
            | Op::LinkQuestion { question: v, .. }
            | Op::OverrideText { text: v, .. } => *v = v.trim().to_string(),
            Op::CreateEntry { id, entry } if id.is_empty() => {
                *id = state.free_id(base, &entry.title)
            }
            Op::EditEntry { id, entry } => {
                if let Some(old) = state.custom.get(id.as_str()) {
                    entry.questions = old.questions.clone();
                    entry.hidden = old.hidden;
                }
            }
            _ => {}
        }
        self
    }

    /// Every problem with this op given the shipped knowledge and `state`;
    /// empty when it may be stored. (The state it leads to is checked as a
    /// whole afterwards, by [`Overlay::problems`].)
    pub fn check(&self, state: &Overlay, base: &KnowledgeBase) -> Vec<Problem> {
        self.problems(state, base)
            .into_iter()
            .map(Problem::change)
            .collect()
    }

    fn problems(&self, state: &Overlay, base: &KnowledgeBase) -> Vec<String> {
        let mut p = Vec::new();
        // A hidden section can still be curated (and unhidden).
        let effective = |section: &str| state.section(base, section);
        match self {
            Op::AddKeyword { section, keyword } | Op::RemoveKeyword { section, keyword } => {
                let Some(s) = effective(section) else {
                    return vec![unknown_section(section)];
                };
                match self {
                    Op::AddKeyword { .. } => check_keyword(&mut p, "keyword", keyword),
                    _ => check_value(&mut p, "keyword", keyword, MAX_KEYWORD_CHARS),
                }
                let has = s
                    .keywords
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(keyword.trim()));
                match self {
                    Op::AddKeyword { .. } if has => {
                        p.push(format!("`{section}` already has the keyword \"{keyword}\""))
                    }
                    Op::RemoveKeyword { .. } if !has => {
                        p.push(format!("`{section}` has no keyword \"{keyword}\""))
                    }
                    Op::RemoveKeyword { .. } if s.keywords.len() == 1 => p.push(format!(
                        "\"{keyword}\" is the last keyword of `{section}`; add another first"
                    )),
                    _ => {}
                }
            }
            Op::AddQuestion { section, question }
            | Op::LinkQuestion { section, question }
            | Op::RemoveQuestion { section, question } => {
                let Some(s) = effective(section) else {
                    return vec![unknown_section(section)];
                };
                check_value(&mut p, "question", question, MAX_QUESTION_CHARS);
                let has = s
                    .questions
                    .iter()
                    .any(|q| q.eq_ignore_ascii_case(question.trim()));
                let removing = matches!(self, Op::RemoveQuestion { .. });
                if removing && !has {
                    p.push(format!("`{section}` has no sample question \"{question}\""));
                } else if !removing && has {
                    p.push(format!(
                        "`{section}` already has the question \"{question}\""
                    ));
                }
            }
            Op::CreateEntry { id, entry } | Op::EditEntry { id, entry } => {
                let exists = state.custom.contains_key(id);
                if matches!(self, Op::CreateEntry { .. }) && (exists || base.section(id).is_some())
                {
                    p.push(format!("the id `{id}` is taken"));
                }
                if matches!(self, Op::EditEntry { .. }) && !exists {
                    p.push(format!("there is no custom entry `{id}`"));
                }
                check_id(&mut p, id);
                check_entry(&mut p, entry);
                if let Some(other) = state.title_owner(base, &entry.title, id) {
                    p.push(format!(
                        "`{other}` already has the title \"{}\"",
                        entry.title.trim()
                    ));
                }
            }
            Op::OverrideText { section, text } => match effective(section) {
                None => p.push(unknown_section(section)),
                Some(_) => check_value(&mut p, "text", text, MAX_TEXT_CHARS),
            },
            Op::ResetText { section } => {
                if state.article.get(section).is_none_or(|a| a.text.is_none()) {
                    p.push(format!("`{section}` has no text of this server's to reset"));
                }
            }
            Op::Hide { section } | Op::Unhide { section } => match state.is_hidden(base, section) {
                None => p.push(unknown_section(section)),
                Some(true) if matches!(self, Op::Hide { .. }) => {
                    p.push(format!("`{section}` is already hidden"))
                }
                Some(false) if matches!(self, Op::Unhide { .. }) => {
                    p.push(format!("`{section}` is not hidden"))
                }
                Some(_) => {}
            },
            Op::Import { state: file, .. } => p.extend(file.problem_lines(base)),
            Op::Undo { .. } => {}
        }
        p
    }

    /// Folds this op into `state`. Ops on sections that are gone (an undone
    /// entry) land where [`Overlay::problems`] finds them, so an undo that
    /// would strand them is refused.
    pub fn apply(&self, state: &mut Overlay) {
        match self {
            Op::AddKeyword { section, keyword } => state.edit_list(
                section,
                keyword,
                |e| &mut e.keywords,
                true,
                |a| (&mut a.add_keywords, &mut a.remove_keywords),
            ),
            Op::RemoveKeyword { section, keyword } => state.edit_list(
                section,
                keyword,
                |e| &mut e.keywords,
                false,
                |a| (&mut a.remove_keywords, &mut a.add_keywords),
            ),
            Op::AddQuestion { section, question } | Op::LinkQuestion { section, question } => state
                .edit_list(
                    section,
                    question,
                    |e| &mut e.questions,
                    true,
                    |a| (&mut a.add_questions, &mut a.remove_questions),
                ),
            Op::RemoveQuestion { section, question } => state.edit_list(
                section,
                question,
                |e| &mut e.questions,
                false,
                |a| (&mut a.remove_questions, &mut a.add_questions),
            ),
            Op::CreateEntry { id, entry } | Op::EditEntry { id, entry } => {
                state.custom.insert(id.clone(), entry.clone());
            }
            Op::OverrideText { section, text } => match state.custom.get_mut(section) {
                Some(e) => e.text = text.clone(),
                None => state.article.entry(section.clone()).or_default().text = Some(text.clone()),
            },
            Op::ResetText { section } => {
                if let Some(a) = state.article.get_mut(section) {
                    a.text = None;
                }
            }
            Op::Hide { section } | Op::Unhide { section } => {
                let hidden = matches!(self, Op::Hide { .. });
                match state.custom.get_mut(section) {
                    Some(e) => e.hidden = hidden,
                    None => state.article.entry(section.clone()).or_default().hidden = hidden,
                }
            }
            Op::Import {
                state: file,
                merge: false,
            } => *state = file.clone(),
            Op::Import {
                state: file,
                merge: true,
            } => merge(state, file),
            Op::Undo { .. } => {}
        }
        state.tidy();
    }
}

impl Overlay {
    /// Adds (`add`) or removes `item` in a section's list: an entry's own
    /// list, or an article section's pair of "added"/"removed" lists, where
    /// undoing the opposite change comes first.
    fn edit_list(
        &mut self,
        section: &str,
        item: &str,
        own: fn(&mut CustomEntry) -> &mut Vec<String>,
        add: bool,
        lists: fn(&mut super::Adjustment) -> (&mut Vec<String>, &mut Vec<String>),
    ) {
        if let Some(e) = self.custom.get_mut(section) {
            match add {
                true => push_unique(own(e), item),
                false => {
                    remove_item(own(e), item);
                }
            }
            return;
        }
        let (this, opposite) = lists(self.article.entry(section.to_string()).or_default());
        if !remove_item(opposite, item) {
            push_unique(this, item);
        }
    }
}

/// Adds a file's curation to `state`: its keywords and questions join (or
/// cancel) the lists there, as the ops that add or remove them would; its
/// texts and entries replace those with the same id; what it hides is hidden.
fn merge(state: &mut Overlay, file: &Overlay) {
    for (id, a) in &file.article {
        let section = || id.clone();
        let ops = (a.add_keywords.iter())
            .map(|k| Op::AddKeyword {
                section: section(),
                keyword: k.clone(),
            })
            .chain(a.remove_keywords.iter().map(|k| Op::RemoveKeyword {
                section: section(),
                keyword: k.clone(),
            }))
            .chain(a.add_questions.iter().map(|q| Op::AddQuestion {
                section: section(),
                question: q.clone(),
            }))
            .chain(a.remove_questions.iter().map(|q| Op::RemoveQuestion {
                section: section(),
                question: q.clone(),
            }))
            .chain(a.text.iter().map(|t| Op::OverrideText {
                section: section(),
                text: t.clone(),
            }))
            .chain(a.hidden.then(|| Op::Hide { section: section() }));
        for op in ops {
            op.apply(state);
        }
    }
    for (id, e) in &file.custom {
        state.custom.insert(id.clone(), e.clone());
    }
}
