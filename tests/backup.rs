//! `careerbot db backup` / `db restore`: a backup taken while the store is
//! open and writing holds every acknowledged change in one self-contained
//! file, restores into a fresh database that answers as the original did,
//! and files that are not careerbot databases are refused.

mod support;

use careerbot::curation::backup::{backup, restore};
use careerbot::curation::{Actor, Curator};
use std::process::Command;
use support::base;

const GUILD: u64 = 42;
const QUESTION: &str = "what's the dough like";

fn answer(c: &Curator) -> Option<String> {
    support::answer(c, GUILD, QUESTION)
}

async fn link(c: &Curator) {
    let op = support::link("salary", QUESTION);
    support::apply_ok(c, GUILD, &Actor::local(), op).await;
}

#[tokio::test]
async fn backup_while_open_then_restore_answers_alike() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let live = Curator::open(base(), &db, 90).unwrap();
    link(&live).await;
    assert_eq!(answer(&live).as_deref(), Some("salary"));

    // The live store still has its connection open (WAL mode).
    let copy = dir.path().join("backup.sqlite3");
    let copied = backup(&db, &copy).unwrap();
    assert_eq!(copied.changes, 1);
    assert!(copied.schema >= 1);
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "the backup is one self-contained file");
    drop(conn);
    assert!(!dir.path().join("backup.sqlite3-wal").exists());

    // A later change is not in the backup.
    let later = support::add_keyword("salary", "paycheck");
    support::apply_ok(&live, GUILD, &Actor::local(), later).await;

    let restored_db = dir.path().join("elsewhere/restored.sqlite3");
    let restored = restore(&copy, &restored_db).unwrap();
    assert_eq!(restored.changes, 1);
    let c = Curator::open(base(), &restored_db, 90).unwrap();
    assert_eq!(answer(&c).as_deref(), Some("salary"));
    assert_eq!(c.history(GUILD, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn restore_replaces_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let copy = dir.path().join("empty-backup.sqlite3");
    drop(Curator::open(base(), &db, 90).unwrap());
    backup(&db, &copy).unwrap();
    {
        let c = Curator::open(base(), &db, 90).unwrap();
        link(&c).await;
    }
    restore(&copy, &db).unwrap();
    let c = Curator::open(base(), &db, 90).unwrap();
    assert_eq!(answer(&c), None, "back to the state of the backup");
}

#[test]
fn backup_refuses_to_overwrite_or_invent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let err = backup(&db, &dir.path().join("b.sqlite3")).unwrap_err();
    assert!(err.to_string().contains("no database"), "{err}");
    drop(Curator::open(base(), &db, 90).unwrap());
    let taken = dir.path().join("taken");
    std::fs::write(&taken, "keep me").unwrap();
    let err = backup(&db, &taken).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me");
}

#[test]
fn restore_refuses_what_is_not_a_careerbot_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some words\n".repeat(200),
    )
    .unwrap();
    let other = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    for bad in [&text, &other] {
        let err = restore(bad, &db).unwrap_err();
        assert!(
            err.to_string().contains("not a careerbot database"),
            "{}: {err}",
            bad.display()
        );
    }
    assert!(!db.exists(), "nothing was created");
}

#[test]
fn the_command_line_backs_up_and_restores_the_configured_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/careerbot.sqlite3");
    let config = dir.path().join("careerbot.toml");
    std::fs::write(
        &config,
        format!("[storage]\ndatabase = \"{}\"\n", db.display()),
    )
    .unwrap();
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_careerbot"))
            .args(args)
            .env("CAREERBOT_CONFIG", &config)
            .env_remove("DISCORD_TOKEN")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let o = run(&["chat"], &format!("/kb link salary {QUESTION}\n"));
    assert!(o.status.success());
    let copy = dir.path().join("careerbot-backup.sqlite3");
    let o = run(&["db", "backup", copy.to_str().unwrap()], "");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains("1 changes"), "{out}");
    std::fs::remove_file(&db).unwrap();
    for end in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{end}", db.display()));
    }
    let o = run(&["db", "restore", copy.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["chat"], &format!("{QUESTION}\n"));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("$66,667"),
        "the restored link answers"
    );
    let o = run(&["db", "backup", copy.to_str().unwrap()], "");
    assert!(!o.status.success(), "an existing file is not overwritten");
}
