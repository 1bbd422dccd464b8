//! The terminal chat: the same commands the Discord bot has (`/ask`,
//! `/topics`, `/topic`, `/quote`, `/help`), answered from the engine and
//! rendered as Markdown. Kept free of I/O so tests drive it line by line.

use super::render_for_person;
use crate::curation::Curator;
use crate::engine::Engine;
use crate::reply::{render_markdown, MESSAGE_LIMIT};
use std::sync::Arc;

pub struct Chat {
    engine: Engine,
    /// The store and the server it curates, with a runtime for its calls.
    curation: Option<(Arc<Curator>, u64, tokio::runtime::Runtime)>,
    quotes_shown: usize,
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
    /// A chat over `engine`, without curation.
    pub fn new(engine: Engine) -> Chat {
        Chat {
            engine,
            curation: None,
            quotes_shown: 0,
        }
    }

    /// A chat answering as server `guild` does, where `/kb` curates it.
    pub fn with_curation(curator: Arc<Curator>, guild: u64) -> Chat {
        Chat {
            engine: curator.engine(Some(guild)),
            curation: Some((curator, guild, super::kb::runtime())),
            quotes_shown: 0,
        }
    }

    pub fn greeting(&self) -> String {
        format!(
            "careerbot: I answer from {}.\nType a question, or /help.",
            self.engine.knowledge().article.credit()
        )
    }

    /// The response to one input line, or `None` when the person leaves.
    pub fn handle(&mut self, line: &str) -> Option<String> {
        // The server's engine as it is now: a `/kb` change swaps it.
        if let Some((c, g, _)) = &self.curation {
            self.engine = c.engine(Some(*g));
        }
        let line = line.trim();
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
                let reply = self.engine.ask(rest);
                if let (false, Some((c, g, rt))) = (reply.answered(), &self.curation) {
                    // Kept for /kb report, as the bot does for a server.
                    let _ = rt.block_on(c.record_declined(*g, rest));
                }
                render_for_person(&reply)
            }
            "topics" => self
                .engine
                .topics()
                .iter()
                .map(|t| format!("• {} ({})", t.title, t.id))
                .collect::<Vec<_>>()
                .join("\n"),
            "topic" => match self.engine.find_topic(rest) {
                Some(s) => {
                    let reply = self.engine.section_reply(&s.id).expect("found");
                    render_markdown(&reply, MESSAGE_LIMIT)
                }
                None if rest.is_empty() => "Which topic? /topics lists them.".into(),
                None => format!("No topic matches \"{rest}\". /topics lists them."),
            },
            "quote" => {
                let about = (!rest.is_empty()).then_some(rest);
                self.quotes_shown += 1;
                match self.engine.quote(about, self.quotes_shown - 1) {
                    Some(p) => {
                        let preface = p.preface(about).map(|s| s + "\n").unwrap_or_default();
                        format!(
                            "{preface}> {}\n> — {} ({})",
                            p.quote.text, p.quote.source, p.section.title
                        )
                    }
                    None => "There are no quotes in this knowledge base.".into(),
                }
            }
            "kb" => match &self.curation {
                Some((curator, guild, rt)) => super::kb::chat_command(curator, rt, *guild, rest),
                None => "Curation needs the store; start the chat with `careerbot chat`.".into(),
            },
            other => format!("Unknown command /{other}. Type /help for the list."),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn chat() -> Chat {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        Chat::new(Engine::load(&dir).expect("shipped knowledge loads"))
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
    fn kb_commands_curate_the_chat() {
        let dir = tempfile::tempdir().unwrap();
        let engine = chat().engine.clone();
        let curator = Arc::new(Curator::open(engine, &dir.path().join("db.sqlite3"), 90).unwrap());
        let mut c = Chat::with_curation(curator.clone(), 7);
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
        assert!(curator
            .engine(Some(8))
            .ask("what's the dough like")
            .answer
            .is_none());
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
}
