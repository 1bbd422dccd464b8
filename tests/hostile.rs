//! The defects found under hostile use (issue 9), each run the way it was
//! found: the real binary for what a process does, SQLite on disk, and a
//! second connection or process doing what another operator would.
//! Discord-facing items are in tests/discord.rs, against the fake Discord.

use careerbot::curation::{Actor, CurationError, Curator, CustomEntry, ImportMode, Op};
use careerbot::engine::Engine;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const TOKEN: &str = "OTAwMDAwMDAwMDAwMDAwMDAy.GfAkE1.fake-token-for-the-loopback-tests-only";
const GUILD: u64 = 77;

/// How long a test waits for something that must happen before failing
/// (never a timing assertion: only a bound on a hang).
const PATIENCE: Duration = Duration::from_secs(30);

fn knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

fn base() -> Engine {
    Engine::load(&knowledge()).unwrap()
}

/// The binary with no token, no config from the environment, run in `cwd`.
fn careerbot(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    c.current_dir(cwd)
        .env_remove("DISCORD_TOKEN")
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// A temp dir with a config whose database is `careerbot.sqlite3` beside it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("careerbot.toml"),
            "[storage]\ndatabase = \"careerbot.sqlite3\"\n",
        )
        .unwrap();
        Sandbox { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("careerbot.toml")
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("careerbot.sqlite3")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = careerbot(self.dir.path());
        c.arg("--config").arg(self.config()).args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `careerbot kb import` of `text` into `guild`, as another operator would.
    fn import(&self, guild: u64, text: &str) -> Output {
        let file = self
            .dir
            .path()
            .join(format!("import-{}.toml", rand_suffix()));
        std::fs::write(&file, text).unwrap();
        self.run(&[
            "kb",
            "import",
            "--guild",
            &guild.to_string(),
            file.to_str().unwrap(),
        ])
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn entry_file(entries: &[(&str, &str, &str)]) -> String {
    let mut s = String::new();
    for (id, title, keyword) in entries {
        s.push_str(&format!(
            "[custom.{id}]\ntitle = \"{title}\"\ntext = \"We meet on Thursdays for {keyword}.\"\nkeywords = [\"{keyword}\"]\n\n"
        ));
    }
    s
}

/// Waits for `child` to exit, killing it (and failing) if it hangs.
fn wait_bounded(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` and returns its exit status and peak resident memory
/// in KiB (from `wait4`, so only this child counts).
fn wait_with_peak_memory(child: std::process::Child) -> (i32, i64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; `pid` is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    std::mem::forget(child);
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

// Item 1 (and 11: plain logs) ------------------------------------------------

#[test]
fn sigterm_stops_the_bot_while_discord_is_unreachable_and_logs_are_plain() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.config(),
        "[discord]\napi_url = \"http://127.0.0.1:9\"\n[storage]\ndatabase = \"careerbot.sqlite3\"\n",
    )
    .unwrap();
    let mut child = sandbox
        .command(&["run"])
        .env("DISCORD_TOKEN", TOKEN)
        .spawn()
        .unwrap();
    let mut logs = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    // Past start-up: the store is open and the client is trying to connect.
    while !seen.contains("curation store open") {
        let mut line = String::new();
        if logs.read_line(&mut line).unwrap() == 0 {
            panic!("the bot ended before it started: {seen}");
        }
        seen.push_str(&line);
    }
    std::thread::sleep(Duration::from_secs(2));
    // SAFETY: signalling our own child process, which has not been reaped.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) },
        0
    );
    let status = wait_bounded(&mut child, "the bot after SIGTERM");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut logs, &mut rest).unwrap();
    seen.push_str(&rest);
    assert!(status.success(), "{status:?}: {seen}");
    assert!(seen.contains("shutting down"), "{seen}");
    assert!(
        !seen.contains('\u{1b}'),
        "no colour codes in a pipe: {seen:?}"
    );
    assert!(!seen.contains("fake-token"), "{seen}");
    // The database path is printed, in full.
    assert!(seen.contains(&sandbox.db().display().to_string()), "{seen}");
}

// Item 2 ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_by_another_process_reaches_a_running_curator() {
    let sandbox = Sandbox::new();
    let bot = Curator::open(base(), &sandbox.db(), 90).unwrap();
    let q = "when is the mentorship meetup?";
    assert_ne!(section(&bot, q).as_deref(), Some("meetups"));

    let o = sandbox.import(
        GUILD,
        &entry_file(&[("meetups", "Mentorship meetups", "mentorship meetup")]),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while section(&bot, q).as_deref() != Some("meetups") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the running curator never saw the other process's import"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        section(&bot, "how much do backend devs make").as_deref(),
        Some("salary")
    );
}

fn section(c: &Curator, q: &str) -> Option<String> {
    c.engine(Some(GUILD)).ask(q).answer.map(|a| a.section.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_is_checked_against_what_another_process_stored() {
    let sandbox = Sandbox::new();
    let bot = Curator::open(base(), &sandbox.db(), 90).unwrap();
    let o = sandbox.import(GUILD, &entry_file(&[("club", "Book club", "book club")]));
    assert!(o.status.success(), "{}", stderr(&o));
    // At once, before the curator may have noticed: the check reads the
    // stored state inside the write transaction.
    let e = bot
        .apply(
            GUILD,
            &Actor::local(),
            Op::CreateEntry {
                id: "club-2".into(),
                entry: CustomEntry::from_form("Book club", "Another one.", "books"),
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("already has the title"), "{e}");
    let history = bot.history(GUILD, 10).await.unwrap();
    assert_eq!(history.len(), 1, "only the import is stored: {history:?}");
}

// Item 3 ---------------------------------------------------------------------

#[test]
fn an_empty_database_path_is_refused() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.config(), "[storage]\ndatabase = \"\"\n").unwrap();
    let o = sandbox.run(&["kb", "import", "--guild", "1", "x.toml"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("storage.database"), "{}", stderr(&o));
}

// Item 4 ---------------------------------------------------------------------

#[test]
fn a_read_only_command_never_creates_a_database() {
    let cwd = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["kb", "report", "--guild", "1"][..],
        &["kb", "history", "--guild", "1"],
        &["kb", "export", "--guild", "1"],
        &["kb", "undo", "--guild", "1"],
    ] {
        let o = careerbot(cwd.path())
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        assert!(!o.status.success(), "{args:?}");
        assert!(
            stderr(&o).contains("no curation database at"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let left: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .chain(std::fs::read_dir(data.path()).unwrap())
        .collect();
    assert!(left.is_empty(), "files were created: {left:?}");
}

#[test]
fn the_database_lives_beside_the_config_whatever_the_working_directory() {
    let sandbox = Sandbox::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("c.toml");
    std::fs::write(&file, entry_file(&[("club", "Book club", "book club")])).unwrap();
    let o = careerbot(elsewhere.path())
        .arg("--config")
        .arg(sandbox.config())
        .args(["kb", "import", "--guild", "5", "c.toml"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(sandbox.db().exists());
    assert!(!elsewhere.path().join("careerbot.sqlite3").exists());
    let o = sandbox.run(&["kb", "history", "--guild", "5"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("imported a curation file"));
}

// Item 5 ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_waits_for_another_writer_instead_of_failing() {
    let sandbox = Sandbox::new();
    let bot = Curator::open(base(), &sandbox.db(), 90).unwrap();
    for keyword in ["dough", "paycheck"] {
        bot.apply(
            GUILD,
            &Actor::local(),
            Op::AddKeyword {
                section: "salary".into(),
                keyword: keyword.into(),
            },
        )
        .await
        .unwrap();
    }
    // Another process's write, holding the lock for a moment.
    let db = sandbox.db();
    let (locked_tx, locked) = std::sync::mpsc::channel();
    let other = std::thread::spawn(move || {
        let mut conn = rusqlite::Connection::open(db).unwrap();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        tx.execute(
            "INSERT INTO declined (guild_id, question, shown, count, first_at, last_at) VALUES (1, 'q', 'q', 1, 0, 0)",
            [],
        )
        .unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        tx.commit().unwrap();
    });
    locked.recv().unwrap();
    let undone = bot.undo(GUILD, &Actor::local(), None).await;
    other.join().unwrap();
    let undone = undone.expect("undo waits on the busy timeout");
    assert!(undone.summary.contains("paycheck"), "{undone:?}");
}

// Item 6 ---------------------------------------------------------------------

#[test]
fn a_database_from_a_newer_version_is_left_alone() {
    let sandbox = Sandbox::new();
    let o = sandbox.import(1, &entry_file(&[("club", "Book club", "book club")]));
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(&conn), 1);
    for args in [
        &["kb", "history", "--guild", "1"][..],
        &["kb", "undo", "--guild", "1"],
    ] {
        let o = sandbox.run(args);
        assert!(!o.status.success(), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("schema version 999") && e.contains("newer careerbot"),
            "{e}"
        );
        assert!(!e.contains("panicked"), "{e}");
    }
    let o = sandbox.import(1, &entry_file(&[("other", "Other", "other")]));
    assert!(!o.status.success());
    assert_eq!(count(&conn), 1, "nothing was written");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 999);
}

// Item 7 ---------------------------------------------------------------------

#[test]
fn offline_commands_work_with_any_token_and_errors_never_echo_one() {
    let sandbox = Sandbox::new();
    for args in [
        &["ask", "how much do backend devs make"][..],
        &["check"],
        &["topics"],
    ] {
        let o = sandbox
            .command(args)
            .env("DISCORD_TOKEN", "not a token at all")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let o = sandbox
        .command(&["run"])
        .env("DISCORD_TOKEN", "not a token at all")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("discord.token"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not a token at all"));

    std::fs::write(
        sandbox.config(),
        format!("[discord]\ndev_guild_id = \"{TOKEN}\"\n"),
    )
    .unwrap();
    let o = sandbox.run(&["ask", "hello"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("dev_guild_id") || e.contains("invalid type"),
        "{e}"
    );
    assert!(!e.contains("GfAkE1") && !e.contains("fake-token"), "{e}");
}

// Item 8 ---------------------------------------------------------------------

/// A copy of the shipped knowledge, to add hostile files to.
fn knowledge_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&knowledge(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn fifos_and_devices_in_the_knowledge_are_named_not_read() {
    let kb = knowledge_copy();
    let fifo = kb.path().join("sections/pipe.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink("/dev/zero", kb.path().join("sections/zero.toml")).unwrap();
    let sandbox = Sandbox::new();
    for args in [&["check"][..], &["ask", "backend salary"]] {
        let mut child = sandbox
            .command(&[&["--knowledge", kb.path().to_str().unwrap()], args].concat())
            .spawn()
            .unwrap();
        let status = wait_bounded(&mut child, "loading knowledge with a FIFO");
        let o = child.wait_with_output().unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        assert!(!status.success(), "{all}");
        assert!(
            all.contains("pipe.toml") && all.contains("zero.toml"),
            "{all}"
        );
        assert!(all.contains("not a regular file"), "{all}");
    }
}

#[test]
fn an_oversized_knowledge_file_is_refused_without_being_read() {
    let kb = knowledge_copy();
    let big = std::fs::File::create(kb.path().join("sections/big.toml")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    drop(big);
    let sandbox = Sandbox::new();
    let child = sandbox
        .command(&["--knowledge", kb.path().to_str().unwrap(), "check"])
        .spawn()
        .unwrap();
    let (code, peak_kib) = wait_with_peak_memory(child);
    assert_eq!(code, 1);
    assert!(
        peak_kib < 100 * 1024,
        "peak memory {peak_kib} KiB for a refused file"
    );
}

#[test]
fn a_huge_stdin_line_is_not_held_in_memory() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .command(&["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let writer = std::thread::spawn(move || {
        let chunk = "salary ".repeat(1 << 14);
        for _ in 0..(200 * 1024 * 1024 / chunk.len()) {
            stdin.write_all(chunk.as_bytes()).unwrap();
        }
        stdin
            .write_all(b"\nwhat databases do backend devs use\n")
            .unwrap();
    });
    let (code, peak_kib) = wait_with_peak_memory(child);
    writer.join().unwrap();
    let out = reader.join().unwrap();
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{}", &out[..out.len().min(500)]);
    assert!(
        lines[1].contains("\"section\":\"databases\""),
        "{}",
        lines[1]
    );
    assert!(
        peak_kib < 100 * 1024,
        "peak memory {peak_kib} KiB for a 200 MB line"
    );
}

// Item 9 ---------------------------------------------------------------------

#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let sandbox = Sandbox::new();
    let o = sandbox
        .command(&["check"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("No space left"), "{e}");
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let sandbox = Sandbox::new();
    let o = sandbox.import(1, &entry_file(&[("club", "Book club", "book club")]));
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [
        &["kb", "history", "--guild", "1"][..],
        &["topics"],
        &["check"],
    ] {
        let mut child = sandbox.command(args).spawn().unwrap();
        // Closed before the command (which first loads the knowledge) writes.
        drop(child.stdout.take());
        let status = wait_bounded(&mut child, "a command writing to a closed pipe");
        let o = child.wait_with_output().unwrap();
        let e = stderr(&o);
        assert!(!e.contains("panicked"), "{args:?}: {e}");
        assert_ne!(status.code(), Some(101), "{args:?}: {e}");
    }
}

// Item 11 --------------------------------------------------------------------

#[test]
fn a_config_read_error_gives_its_cause_once() {
    let cwd = tempfile::tempdir().unwrap();
    let o = careerbot(cwd.path())
        .args(["--config", "missing.toml", "topics"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let e = stderr(&o);
    assert_eq!(e.matches("No such file or directory").count(), 1, "{e}");
    assert!(e.contains("missing.toml"), "{e}");
}

#[tokio::test]
async fn every_curation_fits_the_file_size_import_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let c = Curator::open(base(), &dir.path().join("c.sqlite3"), 90).unwrap();
    let text = "Long answer text. ".repeat(160);
    let file_of = |bytes: usize| {
        let mut file = String::new();
        let mut n = 0;
        while file.len() < bytes {
            file.push_str(&format!(
                "[custom.e{n}]\ntitle = \"Entry {n}\"\ntext = \"{text}\"\nkeywords = [\"word{n}\"]\n\n"
            ));
            n += 1;
        }
        file
    };
    // Export writes a little more than this file holds; aim just under the limit.
    let max = careerbot::curation::MAX_FILE_BYTES;
    let probe = file_of(max / 2);
    c.import(GUILD, &Actor::local(), &probe, ImportMode::Replace)
        .await
        .unwrap();
    let ratio = c.export(GUILD).unwrap().len() as f64 / probe.len() as f64;
    let file = file_of(((max - 8 * 1024) as f64 / ratio) as usize);
    c.import(GUILD, &Actor::local(), &file, ImportMode::Replace)
        .await
        .unwrap();
    assert!(c.export(GUILD).unwrap().len() <= max);
    // One more long entry would take the export over the limit.
    let mut refused = false;
    for i in 0..8 {
        let r = c
            .apply(
                GUILD,
                &Actor::local(),
                Op::CreateEntry {
                    id: format!("more-{i}"),
                    entry: CustomEntry::from_form(&format!("More {i}"), &text, "more"),
                },
            )
            .await;
        match r {
            Ok(_) => assert!(c.export(GUILD).unwrap().len() <= careerbot::curation::MAX_FILE_BYTES),
            Err(CurationError::Invalid(p)) => {
                assert!(p[0].message.contains("limit"), "{p:?}");
                refused = true;
                break;
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(refused, "a curation grew past what import accepts");
    // What export gives, import takes back.
    let exported = c.export(GUILD).unwrap();
    let d2 = tempfile::tempdir().unwrap();
    let c2 = Curator::open(base(), &d2.path().join("c.sqlite3"), 90).unwrap();
    c2.import(GUILD, &Actor::local(), &exported, ImportMode::Replace)
        .await
        .unwrap();
    assert_eq!(c2.export(GUILD).unwrap(), exported);
    // And a file over the limit is refused by the core, not only by Discord.
    let big = format!(
        "{file}\n# {}",
        "x".repeat(careerbot::curation::MAX_FILE_BYTES)
    );
    let e = c2
        .import(GUILD, &Actor::local(), &big, ImportMode::Replace)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("at most"), "{e}");
}
