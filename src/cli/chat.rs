//! The terminal chat: the same commands the Discord bot has (`/ask`,
//! `/topics`, `/topic`, `/quote`, `/help`) and the moderators' `/kb` lines
//! (from the core's action table), answered by the service and rendered as
//! Markdown, with "Did you mean" choices numbered so a person can type the
//! number. Kept free of I/O so tests drive it line by line; the loop in
//! `cli` reads lines (rustyline) and renders through `term`.

use crate::curation::{action, Actor, Change, CurationError, ImportMode};
use crate::reply::{render_markdown, Reply, Topic, MESSAGE_LIMIT};
use crate::service::{Mode, Service};
use std::path::Path;

pub struct Chat {
    service: Service,
    /// The server whose curation the chat answers with and changes.
    guild: u64,
    /// For the service's async calls.
    rt: tokio::runtime::Runtime,
    /// The last answer's "Did you mean" topics, picked by number.
    choices: Vec<Topic>,
    /// The question the choices were offered for, when the engine was
    /// unsure of it: a pick is then a link candidate for `/kb report`.
    unsure_of: Option<String>,
}

const HELP: &str = "Ask me anything about back-end developer careers, or use a command:
  /ask QUESTION     answer a question (plain text works too)
  /topics           list what I can answer
  /topic NAME       show one topic
  /quote [ABOUT]    a quote from the article, about something if you say what
  /kb ...           curate the answers (/kb help lists how)
  /help             this help
  /quit             leave";

impl Chat {
    /// A chat answering as server `guild` does; `/kb` curates it when the
    /// service has a database.
    pub fn new(service: Service, guild: u64) -> Chat {
        Chat {
            service,
            guild,
            rt: super::runtime(),
            choices: Vec::new(),
            unsure_of: None,
        }
    }

    pub fn greeting(&self) -> String {
        format!(
            "careerbot: I answer from {}.\nType a question, or /help. ↑ and ↓ bring back earlier lines; /quit or Ctrl-D leaves.",
            self.service.article().credit()
        )
    }

    /// The response to one input line, or `None` when the person leaves.
    pub fn handle(&mut self, line: &str) -> Option<String> {
        let line = line.trim();
        if let Some(picked) = self.pick(line) {
            return Some(picked);
        }
        let (cmd, rest) = match line.strip_prefix('/') {
            Some(c) => {
                let (cmd, rest) = c.split_once(char::is_whitespace).unwrap_or((c, ""));
                (cmd.to_lowercase(), rest.trim())
            }
            None => ("ask".to_string(), line),
        };
        Some(match cmd.as_str() {
            "quit" | "exit" => return None,
            "help" => HELP.to_string(),
            "ask" if rest.is_empty() => {
                "Ask me a question, for example: how much do backend devs make?".into()
            }
            "ask" => {
                let reply = self.service.ask(Some(self.guild), rest, Mode::Asked);
                self.unsure_of = reply.unsure.then(|| rest.to_string());
                self.with_choices(reply)
            }
            "topics" => self
                .service
                .topics(Some(self.guild))
                .iter()
                .map(|t| format!("• {} ({})", t.title, t.id))
                .collect::<Vec<_>>()
                .join("\n"),
            "topic" => match self.service.topic(Some(self.guild), rest) {
                Some(reply) => render_markdown(&reply, MESSAGE_LIMIT),
                None if rest.is_empty() => "Which topic? /topics lists them.".into(),
                None => format!("No topic matches \"{rest}\". /topics lists them."),
            },
            "quote" => {
                let about = (!rest.is_empty()).then_some(rest);
                match self.service.quote(Some(self.guild), about) {
                    Some(q) => format!("{} ({})", q.body(), q.title),
                    None => "There are no quotes in this knowledge base.".into(),
                }
            }
            "kb" if self.service.has_store() => {
                kb_command(&self.service, &self.rt, self.guild, rest)
            }
            "kb" => "Curation needs the store; start the chat with `careerbot chat`.".into(),
            other => format!("Unknown command /{other}. Type /help for the list."),
        })
    }

    /// The reply with its suggestions as numbered choices, which become the
    /// ones a number picks.
    fn with_choices(&mut self, mut reply: Reply) -> String {
        // Listed once, numbered, rather than also named inside a decline.
        self.choices = std::mem::take(&mut reply.suggestions);
        let mut out = render_markdown(&reply, MESSAGE_LIMIT);
        if !self.choices.is_empty() {
            // An unsure reply already asks "is it one of these?".
            if !reply.unsure {
                out.push_str("\n\nDid you mean:");
            }
            for (n, t) in self.choices.iter().enumerate() {
                out.push_str(&format!("\n  {}. {}", n + 1, t.title));
            }
            out.push_str("\n_Type a number to read one._");
        }
        out
    }

    /// The topic a number names among the last choices; `None` when the
    /// line is not a number or there are no choices (then it is a question).
    fn pick(&self, line: &str) -> Option<String> {
        let n: usize = line.parse().ok()?;
        if self.choices.is_empty() {
            return None;
        }
        let Some(topic) = n.checked_sub(1).and_then(|i| self.choices.get(i)) else {
            return Some(format!(
                "Pick a number from 1 to {}, or ask a question.",
                self.choices.len()
            ));
        };
        let guild = Some(self.guild);
        let reply = match &self.unsure_of {
            Some(question) => self.service.pick(guild, question, &topic.id)?,
            None => self.service.section(guild, &topic.id)?,
        };
        Some(render_markdown(&reply, MESSAGE_LIMIT))
    }
}

/// Runs one `/kb ...` line of the chat for `guild`.
fn kb_command(service: &Service, rt: &tokio::runtime::Runtime, guild: u64, line: &str) -> String {
    let line = line.trim();
    let (sub, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(a, b)| (a, b.trim()));
    let actor = Actor::local();
    let done = |r: Result<Change, CurationError>| match r {
        Ok(c) => format!(
            "done (change #{}): {}. It applies to the next question; /kb undo reverts it.",
            c.id, c.summary
        ),
        Err(e) => refused(&e),
    };
    if let Some(a) = action(sub) {
        return match a.parse(rest) {
            Ok(op) => done(rt.block_on(service.curate(guild, &actor, op))),
            Err(usage) => usage,
        };
    }
    let result = match (sub, rest) {
        ("report", _) => rt.block_on(service.report_text(guild, super::kb::date)),
        ("history", n) => {
            rt.block_on(service.history_text(guild, n.parse().unwrap_or(20), super::kb::date))
        }
        ("undo", "") => rt
            .block_on(service.undo(guild, &actor, None))
            .map(|c| c.summary),
        ("undo", n) => match n.trim_start_matches('#').parse() {
            Ok(n) => rt
                .block_on(service.undo(guild, &actor, Some(n)))
                .map(|c| c.summary),
            Err(_) => return "usage: /kb undo [CHANGE NUMBER]".into(),
        },
        ("export", "") => service.export(guild),
        ("export", file) => service
            .export(guild)
            .and_then(|text| super::kb::write_file(Path::new(file), &text)),
        ("import", args) if !args.is_empty() => {
            let (merge, file) = match args.strip_prefix("--merge") {
                Some(file) => (true, file.trim()),
                None => (false, args),
            };
            return match super::kb::read_curation_file(Path::new(file)) {
                Ok(text) => done(rt.block_on(service.import(
                    guild,
                    &actor,
                    &text,
                    ImportMode::merging(merge),
                ))),
                Err(e) => crate::error_chain(&e),
            };
        }
        ("import", _) => return "usage: /kb import [--merge] FILE".into(),
        _ => return crate::curation::help("/kb "),
    };
    result.unwrap_or_else(|e| refused(&e))
}

fn refused(e: &CurationError) -> String {
    match e {
        CurationError::Invalid(p) => format!(
            "nothing was changed:\n  - {}",
            crate::text::joined(p, "\n  - ")
        ),
        other => format!("nothing was changed: {}", crate::error_chain(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn knowledge() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
    }

    fn chat() -> Chat {
        let engine = Service::load_knowledge(&knowledge()).expect("shipped knowledge loads");
        Chat::new(Service::offline(engine), 0)
    }

    /// A chat curating server 7 in a new database in `dir`.
    fn curated(dir: &Path) -> Chat {
        let engine = Service::load_knowledge(&knowledge()).unwrap();
        Chat::new(
            Service::open(engine, &dir.join("db.sqlite3"), 90).unwrap(),
            7,
        )
    }

    #[test]
    fn plain_text_and_ask_command_answer_alike() {
        let mut c = chat();
        let a = c.handle("how much do backend devs make").unwrap();
        let b = c.handle("/ask how much do backend devs make").unwrap();
        assert_eq!(a, b);
        assert!(a.contains("$66,667"));
    }

    #[test]
    fn topics_topic_and_help() {
        let mut c = chat();
        assert!(c.handle("/topics").unwrap().contains("(salary)"));
        assert!(c.handle("/topic salary").unwrap().contains("$29.48"));
        assert!(c
            .handle("/topic nothing-like-this-zzz")
            .unwrap()
            .contains("No topic"));
        assert!(c.handle("/help").unwrap().contains("/quote"));
        assert!(c.handle("/frobnicate").unwrap().contains("Unknown command"));
        assert_eq!(c.handle("/quit"), None);
    }

    #[test]
    fn a_number_picked_when_unsure_answers_and_reaches_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = curated(dir.path());
        let question = include_str!("../../tests/data/vague.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .find(|q| c.service.ask(None, q, Mode::Asked).unsure)
            .expect("a vague message is met with choices");
        let asked = c.handle(question).unwrap();
        assert!(asked.starts_with("I'm not sure I understood"), "{asked}");
        assert!(
            asked.contains("\n  1. ") && !asked.contains("Did you mean"),
            "{asked}"
        );
        let title = c.choices[0].title.clone();
        let picked = c.handle("1").unwrap();
        assert!(picked.contains(&title), "{picked}");
        let report = c.handle("/kb report").unwrap();
        assert!(
            report.contains(&format!("\"{question}\" → {title}: 1×")),
            "{report}"
        );
    }

    #[test]
    fn kb_commands_curate_the_chat() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = curated(dir.path());
        assert!(c
            .handle("what's the dough like")
            .unwrap()
            .contains("I don't know"));
        let done = c.handle("/kb link salary what's the dough like").unwrap();
        assert!(done.starts_with("done (change #1)"), "{done}");
        assert!(c
            .handle("what's the dough like")
            .unwrap()
            .contains("$66,667"));
        let made = c
            .handle("/kb new Server rules | Be kind and search first. | rules, etiquette")
            .unwrap();
        assert!(made.contains("entry `server-rules`"), "{made}");
        assert!(c
            .handle("what are the server rules")
            .unwrap()
            .contains("Be kind"));
        let refused = c.handle("/kb add-keyword nowhere word").unwrap();
        assert!(
            refused.contains("nothing was changed") && refused.contains("nowhere"),
            "{refused}"
        );
        assert!(c
            .handle("/kb history")
            .unwrap()
            .contains("linked \"what's the dough like\""));
        assert!(c.handle("/kb undo").unwrap().starts_with("undid #2"));
        assert!(c.handle("/kb export").unwrap().contains("[article.salary]"));
        assert!(c.handle("/kb").unwrap().contains("/kb add-keyword"));
        assert!(c
            .handle("/kb report")
            .unwrap()
            .contains("Declined most often"));
        // Another server is untouched.
        let elsewhere = c.service.ask(Some(8), "what's the dough like", Mode::Asked);
        assert!(elsewhere.answer.is_none());
    }

    #[test]
    fn quotes_differ_each_time_and_fit_a_topic_when_asked() {
        let mut c = chat();
        let first = c.handle("/quote").unwrap();
        let second = c.handle("/quote").unwrap();
        assert_ne!(first, second);
        let salary = c.handle("/quote salary").unwrap();
        assert!(salary.contains("PayScale"), "{salary}");
        assert!(!salary.contains("no quote about"), "{salary}");
    }

    #[test]
    fn quote_about_something_unknown_says_so_and_offers_another() {
        let mut c = chat();
        let out = c.handle("/quote kubernetes").unwrap();
        assert!(
            out.starts_with("I have no quote about \"kubernetes\"."),
            "{out}"
        );
        assert!(out.contains("\n> ") && out.contains("> — "), "{out}");
    }

    #[test]
    fn did_you_mean_choices_are_numbered_and_picked_by_number() {
        let mut c = chat();
        let (question, out) = [
            "is back end a good career and how much does it pay",
            "what skills and languages do backend devs need",
            "backend developer",
            "what do backend developers do all day",
        ]
        .iter()
        .map(|q| (*q, c.handle(q).unwrap()))
        .find(|(_, out)| out.contains("Did you mean:"))
        .expect("one of these questions has alternatives");
        assert!(out.contains("\n  1. "), "{question}: {out}");
        assert!(
            !out.contains("Maybe you're asking about"),
            "listed once: {out}"
        );
        let first = out
            .lines()
            .find_map(|l| l.strip_prefix("  1. "))
            .unwrap()
            .to_string();
        let picked = c.handle("1").unwrap();
        assert!(
            picked.starts_with(&format!("**{first}**")),
            "{first}: {picked}"
        );
        assert!(c
            .handle("9")
            .unwrap()
            .starts_with("Pick a number from 1 to"));
    }

    #[test]
    fn a_number_without_choices_is_a_question() {
        let mut c = chat();
        assert!(c.handle("42").unwrap().contains("I don't know"));
    }
}
