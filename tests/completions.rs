//! `careerbot completions SHELL` and `careerbot man` come from the clap
//! definitions, so they name every command the binary has, and need no
//! config or knowledge to run.

use std::process::Command;

fn careerbot(args: &[&str]) -> (bool, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("CAREERBOT_CONFIG", "/nonexistent/careerbot.toml")
        .output()
        .unwrap();
    (o.status.success(), String::from_utf8(o.stdout).unwrap())
}

const COMMANDS: &[&str] = &[
    "run",
    "ask",
    "topics",
    "topic",
    "check",
    "chat",
    "kb",
    "db",
    "completions",
    "man",
];

#[test]
fn completions_name_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let (ok, script) = careerbot(&["completions", shell]);
        assert!(ok, "{shell}");
        for c in COMMANDS {
            assert!(script.contains(c), "{shell} completions lack {c}");
        }
    }
    let (ok, _) = careerbot(&["completions", "tcsh"]);
    assert!(!ok, "an unknown shell is refused");
}

#[test]
fn man_page_is_roff_with_every_command() {
    let (ok, page) = careerbot(&["man"]);
    assert!(ok);
    assert!(
        page.starts_with(".ie") || page.contains(".TH careerbot"),
        "{page}"
    );
    for c in COMMANDS {
        assert!(page.contains(c), "the man page lacks {c}");
    }
}
