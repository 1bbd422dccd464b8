//! The terminal chat: the same commands the Discord bot has (`/ask`,
//! `/topics`, `/topic`, `/quote`, `/help`), answered from the engine and
//! rendered as Markdown. Kept free of I/O so tests drive it line by line.

use super::render_for_person;
use crate::engine::Engine;
use crate::reply::{render_markdown, MESSAGE_LIMIT};

pub struct Chat {
    engine: Engine,
    quotes_shown: usize,
}

const HELP: &str = "Ask me anything about back-end developer careers, or use a command:
  /ask QUESTION     answer a question (plain text works too)
  /topics           list what I can answer
  /topic NAME       show one topic
  /quote [ABOUT]    a quote from the article, about something if you say what
  /help             this help
  /quit             leave";

impl Chat {
    pub fn new(engine: Engine) -> Chat {
        Chat {
            engine,
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
            "ask" => render_for_person(&self.engine.ask(rest)),
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
                    Some((q, s)) => format!("> {}\n> — {} ({})", q.text, q.source, s.title),
                    None => "There are no quotes in this knowledge base.".into(),
                }
            }
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
    fn quotes_differ_each_time_and_fit_a_topic_when_asked() {
        let mut c = chat();
        let first = c.handle("/quote").unwrap();
        let second = c.handle("/quote").unwrap();
        assert_ne!(first, second);
        assert!(c.handle("/quote salary").unwrap().contains("PayScale"));
    }
}
