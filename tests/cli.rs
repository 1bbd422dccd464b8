//! The `careerbot` binary as a person or a script runs it: batch JSON mode,
//! `ask`, `topics`, `topic`, `check`, and `chat` without a Discord token.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A config whose database lives in a temp dir, so tests never touch ./data.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("careerbot.sqlite3");
        std::fs::write(
            dir.path().join("careerbot.toml"),
            format!("[storage]\ndatabase = \"{}\"\n", db.display()),
        )
        .unwrap();
        Sandbox { dir }
    }

    fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        run_with_config(&self.dir.path().join("careerbot.toml"), args, stdin)
    }
}

fn careerbot(args: &[&str], stdin: &[u8]) -> Output {
    Sandbox::new().run(args, stdin)
}

fn run_with_config(config: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISCORD_TOKEN")
        .env("CAREERBOT_CONFIG", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn batch_mode_answers_every_line_in_order() {
    let mut input = Vec::new();
    input.extend_from_slice(b"how much do backend devs make\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"what is kubernetes\n");
    input.extend_from_slice(b"bad utf-8 \xff\xfe here\n");
    input.extend_from_slice("🤔🤔\n".as_bytes());
    input.extend_from_slice(b"which databses do backend devs use");
    let o = careerbot(&["ask", "--json"], &input);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 6);
    let first = &lines[0];
    assert_eq!(first["answered"], true);
    assert_eq!(first["section"], "salary");
    assert!(first["title"].as_str().unwrap().contains("make"));
    assert!(first["text"].as_str().unwrap().contains("$66,667"));
    assert!(first["quotes"][0]["source"].is_string() && first["quotes"][0]["text"].is_string());
    let c = first["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c));
    assert!(first["suggestions"].is_array());
    for declined in [&lines[1], &lines[2], &lines[3], &lines[4]] {
        assert_eq!(declined["answered"], false, "{declined}");
        assert!(declined["section"].is_null());
        assert!(declined["text"].as_str().unwrap().contains("don't know"));
    }
    assert_eq!(lines[5]["section"], "databases");
}

#[test]
fn ask_json_with_a_question_prints_one_object() {
    let o = careerbot(&["ask", "--json", "backend", "vs", "frontend"], b"");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["section"], "front-vs-back");
}

#[test]
fn ask_prints_a_reply_for_a_person() {
    let o = careerbot(&["ask", "what languages do backend devs use"], b"");
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(
        s.contains("**Programming languages for the back end**"),
        "{s}"
    );
    assert!(s.contains("PHP, Ruby, Python and JavaScript"));
}

#[test]
fn ask_without_a_question_explains_itself() {
    let o = careerbot(&["ask"], b"");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("give a question"));
}

#[test]
fn topics_and_topic() {
    let o = careerbot(&["topics"], b"");
    assert!(stdout(&o).lines().count() >= 12);
    let o = careerbot(&["topic", "salary"], b"");
    assert!(o.status.success() && stdout(&o).contains("$29.48"));
    let o = careerbot(&["topic", "Soft", "skills", "and", "teamwork"], b"");
    assert!(stdout(&o).contains("eye for detail"));
    let o = careerbot(&["topic", "zzzz-not-a-topic"], b"");
    assert!(!o.status.success());
}

#[test]
fn check_passes_the_shipped_knowledge_and_fails_a_bad_one() {
    let o = careerbot(&["check"], b"");
    assert!(o.status.success(), "{}", stdout(&o));
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kb-bad-several-problems");
    let o = careerbot(&["--knowledge", bad.to_str().unwrap(), "check"], b"");
    assert!(!o.status.success());
    let s = stdout(&o);
    assert!(
        s.contains("keywords[0]") && s.contains("quotes[0].source"),
        "{s}"
    );
}

#[test]
fn bad_knowledge_is_a_clear_error_not_a_panic() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kb-bad-malformed-toml");
    let o = careerbot(&["--knowledge", bad.to_str().unwrap(), "ask", "hi"], b"");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot load the knowledge") && err.contains("invalid TOML"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn chat_answers_commands_from_stdin() {
    let o = careerbot(
        &["chat"],
        b"/topics\nhow much do backend devs make\n/quote\n/quit\n",
    );
    assert!(o.status.success());
    let s = stdout(&o);
    // Rendered for the terminal: the quote set off with a bar, no Markdown.
    assert!(
        s.contains("(salary)") && s.contains("$66,667") && s.contains("│ —"),
        "{s}"
    );
    assert!(!s.contains("**"), "{s}");
}

#[test]
fn no_arguments_and_no_token_starts_the_chat() {
    let o = careerbot(&[], b"what is a backend developer\n");
    assert!(o.status.success());
    assert!(stdout(&o).contains("Techopedia"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("DISCORD_TOKEN"),
        "says how to connect to Discord: {err}"
    );
}

#[test]
fn kb_commands_for_operators() {
    let sb = Sandbox::new();
    // Curate in the chat for server 5, then use the operator commands.
    let o = sb.run(
        &["chat", "--guild", "5"],
        b"what's the dough like\n/kb link salary what's the dough like\nwhat's the dough like\n",
    );
    assert!(stdout(&o).contains("$66,667"), "{}", stdout(&o));
    let o = sb.run(&["kb", "history", "--guild", "5"], b"");
    assert!(
        o.status.success() && stdout(&o).contains("linked \"what's the dough like\""),
        "{}",
        stdout(&o)
    );

    let file = sb.dir.path().join("export.toml");
    let o = sb.run(
        &[
            "kb",
            "export",
            "--guild",
            "5",
            "--out",
            file.to_str().unwrap(),
        ],
        b"",
    );
    assert!(o.status.success());
    let o = sb.run(
        &["kb", "import", "--guild", "6", file.to_str().unwrap()],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = sb.run(&["kb", "export", "--guild", "5"], b"");
    let b = sb.run(&["kb", "export", "--guild", "6"], b"");
    assert_eq!(
        stdout(&a).replace("server 5", "server N"),
        stdout(&b).replace("server 6", "server N")
    );

    let bad = sb.dir.path().join("bad.toml");
    std::fs::write(&bad, "[article.nope]\nadd_keywords = [\"x\"]\n[custom.e]\ntitle = \"\"\ntext = \"t\"\nkeywords = [\"k\"]\n").unwrap();
    let o = sb.run(
        &["kb", "import", "--guild", "6", bad.to_str().unwrap()],
        b"",
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("nothing was changed") && err.contains("nope") && err.contains("title"),
        "{err}"
    );

    let o = sb.run(&["kb", "report", "--guild", "5"], b"");
    assert!(
        stdout(&o).contains("what's the dough like"),
        "declined before it was linked: {}",
        stdout(&o)
    );
    let o = sb.run(&["kb", "undo", "--guild", "5"], b"");
    assert!(
        o.status.success() && stdout(&o).starts_with("undid #1"),
        "{}",
        stdout(&o)
    );
    let o = sb.run(&["kb", "undo", "--guild", "5", "--change", "99"], b"");
    assert!(!o.status.success());
}
