//! The `careerbot` binary as a person or a script runs it: batch JSON mode,
//! `ask`, `topics`, `topic`, `check`, and `chat` without a Discord token.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn careerbot(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISCORD_TOKEN")
        .env_remove("CAREERBOT_CONFIG")
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
    assert!(
        s.contains("(salary)") && s.contains("$66,667") && s.contains("> —"),
        "{s}"
    );
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
