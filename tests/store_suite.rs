//! One store suite run against both backends: every case below is a test
//! in `sqlite::` and in `postgres::` (the latter on a throwaway cluster; see
//! `common/postgres.rs` for when it is skipped). Apply, undo and its
//! refusals, history, the report (declined questions, picks, votes),
//! import/export, concurrent writers in two "processes" (no lost update),
//! a change made through one curator reaching another, and a writer
//! process SIGKILLed mid-burst losing nothing it acknowledged.

#[path = "common/postgres.rs"]
mod pg;

use careerbot::curation::{
    Actor, Change, CurationError, Curator, CustomEntry, ImportMode, Op, Postgres, Storage,
};
use careerbot::engine::Engine;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

const GUILD: u64 = 111;
const OTHER: u64 = 222;
/// A Discord id past i64::MAX: ids are stored bit for bit.
const BIG: u64 = u64::MAX - 7;

fn base() -> Engine {
    static BASE: OnceLock<Engine> = OnceLock::new();
    BASE.get_or_init(|| {
        Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap()
    })
    .clone()
}

fn alice() -> Actor {
    Actor {
        id: 1,
        name: "alice".into(),
    }
}

fn link(question: &str) -> Op {
    Op::LinkQuestion {
        section: "salary".into(),
        question: question.into(),
    }
}

fn create(id: &str, title: &str) -> Op {
    Op::CreateEntry {
        id: id.into(),
        entry: CustomEntry::from_form(title, &format!("All about {title}."), "club"),
    }
}

fn section(c: &Curator, guild: u64, q: &str) -> Option<String> {
    c.engine(Some(guild)).ask(q).answer.map(|a| a.section.id)
}

fn refusal(r: Result<Change, CurationError>) -> String {
    match r {
        Err(CurationError::Invalid(p)) => careerbot::text::joined(&p, " | "),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Where a case's store lives.
pub enum Env {
    Sqlite(tempfile::TempDir),
    Postgres(pg::Cluster, String),
}

impl Env {
    fn sqlite() -> Env {
        Env::Sqlite(tempfile::tempdir().unwrap())
    }

    fn postgres(test: &str) -> Option<Env> {
        let cluster = pg::Cluster::start(test)?;
        let url = cluster.database();
        Some(Env::Postgres(cluster, url))
    }

    /// A curator over this store, as a new process would open it.
    async fn curator(&self) -> Curator {
        match self {
            Env::Sqlite(dir) => Curator::open(base(), &dir.path().join("c.sqlite3"), 90).unwrap(),
            Env::Postgres(_, url) => {
                let store = Postgres::connect(url).await.unwrap();
                Curator::with_storage(base(), Arc::new(store), 90)
                    .await
                    .unwrap()
            }
        }
    }

    fn is_postgres(&self) -> bool {
        matches!(self, Env::Postgres(..))
    }
}

/// Waits up to 20 s for `done`, checking every 20 ms.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting until {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn applying_changes_the_answer_and_survives_reopening(env: Env) {
    let q = "what's the dough like";
    let c = env.curator().await;
    assert_eq!(section(&c, GUILD, q), None);
    let change = c.apply(GUILD, &alice(), link(q)).await.unwrap();
    assert_eq!(change.id, 1, "the first change of a fresh store");
    assert_eq!(section(&c, GUILD, q).as_deref(), Some("salary"));
    assert_eq!(section(&c, OTHER, q), None, "other servers unchanged");
    drop(c);
    let c = env.curator().await;
    assert_eq!(section(&c, GUILD, q).as_deref(), Some("salary"));
    // Ids past i64::MAX round-trip.
    c.apply(BIG, &alice(), link(q)).await.unwrap();
    drop(c);
    let c = env.curator().await;
    assert_eq!(section(&c, BIG, q).as_deref(), Some("salary"));
    assert_eq!(c.history(BIG, 10).await.unwrap()[0].guild, BIG);
    // The storage's own view agrees with the curator's.
    let heads = c.storage().heads().await.unwrap();
    assert_eq!(heads.len(), 2, "{heads:?}");
    let (overlay, head) = c.storage().state(BIG).await.unwrap();
    assert_eq!((overlay, head), (c.overlay(BIG).unwrap(), heads[&BIG]));
    assert_eq!(
        c.storage().state(OTHER).await.unwrap().1,
        0,
        "no changes, head 0"
    );
}

async fn undo_reverts_and_refuses_what_it_cannot(env: Env) {
    let c = env.curator().await;
    let a = alice();
    assert!(refusal(c.undo(GUILD, &a, None).await).contains("nothing to undo"));
    let first = c
        .apply(GUILD, &a, link("what's the dough like"))
        .await
        .unwrap();
    let hide = c
        .apply(
            GUILD,
            &a,
            Op::Hide {
                section: "about".into(),
            },
        )
        .await
        .unwrap();
    let undone = c.undo(GUILD, &a, None).await.unwrap();
    assert_eq!(undone.undoes, Some(hide.id));
    assert!(undone.summary.starts_with(&format!("undid #{}", hide.id)));
    assert_eq!(
        section(&c, GUILD, "who wrote this article").as_deref(),
        Some("about")
    );
    assert!(refusal(c.undo(GUILD, &a, Some(hide.id)).await).contains("already undone"));
    assert!(refusal(c.undo(GUILD, &a, Some(undone.id)).await).contains("is an undo"));
    assert!(refusal(c.undo(GUILD, &a, Some(999)).await).contains("no change #999"));
    // An undo that would leave the server invalid names the change to undo first.
    let made = c
        .apply(GUILD, &a, create("club", "Book club"))
        .await
        .unwrap();
    let keyword = c
        .apply(
            GUILD,
            &a,
            Op::AddKeyword {
                section: "club".into(),
                keyword: "novels".into(),
            },
        )
        .await
        .unwrap();
    let why = refusal(c.undo(GUILD, &a, Some(made.id)).await);
    assert!(why.contains(&format!("undo #{}", keyword.id)), "{why}");
    c.undo(GUILD, &a, Some(keyword.id)).await.unwrap();
    c.undo(GUILD, &a, Some(made.id)).await.unwrap();
    c.undo(GUILD, &a, Some(first.id)).await.unwrap();
    assert!(c.overlay(GUILD).unwrap().is_empty());
    // The same after reopening: the log, not the cache, decides.
    drop(c);
    let c = env.curator().await;
    assert!(c.overlay(GUILD).unwrap().is_empty());
    assert!(refusal(c.undo(GUILD, &a, None).await).contains("nothing to undo"));
}

async fn history_is_newest_first_and_records_undos(env: Env) {
    let c = env.curator().await;
    let bob = Actor {
        id: 2,
        name: "bob".into(),
    };
    c.apply(GUILD, &alice(), link("what's the dough like"))
        .await
        .unwrap();
    c.apply(OTHER, &bob, link("elsewhere")).await.unwrap();
    c.apply(
        GUILD,
        &bob,
        Op::Hide {
            section: "about".into(),
        },
    )
    .await
    .unwrap();
    c.undo(GUILD, &alice(), None).await.unwrap();
    let h = c.history(GUILD, 10).await.unwrap();
    assert_eq!(h.len(), 3, "{h:?}");
    assert!(h.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(h[0].summary.starts_with("undid #") && h[0].actor_name == "alice");
    assert_eq!(h[1].undone_by, Some(h[0].id));
    assert!(h[2].summary.contains("dough") && h[2].at > 0);
    assert_eq!(c.history(GUILD, 1).await.unwrap().len(), 1);
    if env.is_postgres() {
        // PostgreSQL numbers each server's changes 1, 2, 3...
        let ids: Vec<i64> = h.iter().rev().map(|c| c.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(c.history(OTHER, 10).await.unwrap()[0].id, 1);
    }
}

async fn the_report_counts_declined_questions_picks_and_votes(env: Env) {
    let c = env.curator().await;
    let recorder = c.recorder();
    tokio::task::spawn_blocking(move || {
        for _ in 0..3 {
            recorder
                .write(vec![(GUILD, "How do I  center a div?".into())], vec![])
                .unwrap();
        }
        recorder
            .write(
                vec![
                    (GUILD, "what is kubernetes".into()),
                    (OTHER, "not this server".into()),
                ],
                vec![
                    (GUILD, "money talk".into(), "salary".into()),
                    (GUILD, "Money  talk".into(), "salary".into()),
                ],
            )
            .unwrap();
    })
    .await
    .unwrap();
    c.vote(GUILD, 900, "salary", 1, true).await.unwrap();
    c.vote(GUILD, 900, "salary", 1, false).await.unwrap();
    c.vote(GUILD, 900, "salary", 2, false).await.unwrap();
    c.vote(GUILD, 901, "languages", 1, false).await.unwrap();
    c.vote(GUILD, 902, "become", 3, true).await.unwrap();
    let r = c.report(GUILD).await.unwrap();
    assert_eq!(r.declined.len(), 2);
    assert_eq!(r.declined[0].count, 3);
    assert_eq!(r.declined[0].question, "How do I  center a div?");
    assert!(r.declined[0].last_at > 0);
    assert_eq!(r.picked.len(), 1);
    assert_eq!(
        (r.picked[0].section.as_str(), r.picked[0].count),
        ("salary", 2)
    );
    assert_eq!(r.downvoted.len(), 2);
    assert_eq!(r.downvoted[0].section, "salary");
    assert_eq!((r.downvoted[0].down, r.downvoted[0].up), (2, 0));
    assert_eq!(c.report(OTHER).await.unwrap().declined.len(), 1);
}

async fn export_and_import_round_trip(env: Env) {
    let c = env.curator().await;
    c.apply(GUILD, &alice(), link("what's the dough like"))
        .await
        .unwrap();
    c.apply(GUILD, &alice(), create("club", "Book club"))
        .await
        .unwrap();
    let file = c.export(GUILD).unwrap();
    c.import(OTHER, &alice(), &file, ImportMode::Replace)
        .await
        .unwrap();
    assert_eq!(c.overlay(OTHER).unwrap(), c.overlay(GUILD).unwrap());
    // A file with a problem changes nothing.
    let before = c.history(OTHER, 100).await.unwrap().len();
    let bad = file.replace("Book club", "");
    assert!(c
        .import(OTHER, &alice(), &bad, ImportMode::Merge)
        .await
        .is_err());
    assert_eq!(c.history(OTHER, 100).await.unwrap().len(), before);
    drop(c);
    let c = env.curator().await;
    assert_eq!(c.export(OTHER).unwrap().replace("222", "111"), file);
}

async fn concurrent_writers_in_two_processes_lose_nothing(env: Env) {
    const EACH: usize = 6;
    let a = Arc::new(env.curator().await);
    let b = Arc::new(env.curator().await);
    let mut tasks = Vec::new();
    for (p, c) in [a.clone(), b.clone()].into_iter().enumerate() {
        for t in 0..2 {
            let c = c.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..EACH {
                    c.apply(GUILD, &alice(), link(&format!("question {p} {t} {i}")))
                        .await
                        .unwrap();
                }
            }));
        }
    }
    // A refused change in the middle takes no number.
    assert!(a.apply(GUILD, &alice(), link("")).await.is_err());
    for t in tasks {
        t.await.unwrap();
    }
    let total = 4 * EACH;
    let h = a.history(GUILD, 1000).await.unwrap();
    assert_eq!(h.len(), total, "every change stored");
    let mut ids: Vec<i64> = h.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "distinct ids");
    if env.is_postgres() {
        assert_eq!(ids, (1..=total as i64).collect::<Vec<_>>(), "gapless");
    }
    let linked = |c: &Curator| {
        c.overlay(GUILD)
            .unwrap()
            .article
            .get("salary")
            .map_or(0, |s| s.add_questions.len())
    };
    // Each process ends with every change, its own and the other's.
    eventually("both processes see every change", || {
        linked(&a) == total && linked(&b) == total
    })
    .await;
}

async fn a_change_in_one_process_reaches_another(env: Env) {
    let a = env.curator().await;
    let b = env.curator().await;
    let q = "what's the dough like";
    a.apply(GUILD, &alice(), link(q)).await.unwrap();
    eventually("B answers with A's change", || {
        section(&b, GUILD, q).as_deref() == Some("salary")
    })
    .await;
    a.undo(GUILD, &alice(), None).await.unwrap();
    eventually("B sees A's undo", || section(&b, GUILD, q).is_none()).await;
}

/// The child half of the crash case: when CAREERBOT_CRASH_STORE is set
/// (`sqlite:PATH` or `postgres:URL`), apply changes as fast as possible and
/// print "ack ID KEYWORD" after each is stored. Without it, does nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child_burst() {
    let Ok(store) = std::env::var("CAREERBOT_CRASH_STORE") else {
        return;
    };
    let c = match store.split_once(':') {
        Some(("sqlite", path)) => Curator::open(base(), Path::new(path), 90).unwrap(),
        Some(("postgres", url)) => {
            let store = Postgres::connect(url).await.unwrap();
            Curator::with_storage(base(), Arc::new(store), 90)
                .await
                .unwrap()
        }
        _ => panic!("CAREERBOT_CRASH_STORE is sqlite:PATH or postgres:URL"),
    };
    let sections = ["salary", "languages", "databases", "become", "skills"];
    for i in 0..100_000 {
        let keyword = format!("crash-kw-{i}");
        let change = c
            .apply(
                GUILD,
                &alice(),
                Op::AddKeyword {
                    section: sections[i % 5].into(),
                    keyword: keyword.clone(),
                },
            )
            .await
            .unwrap();
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "ack {} {keyword}", change.id).unwrap();
        out.flush().unwrap();
    }
}

/// A writer process SIGKILLed in a burst of changes: every change it was
/// told is stored survives, nothing half-written is left, and the next
/// change works (on PostgreSQL: the killed session's server lock is
/// released and the numbering stays gapless).
async fn a_writer_killed_mid_burst_keeps_every_acknowledged_change(env: Env) {
    use std::io::BufRead;
    let store = match &env {
        Env::Sqlite(dir) => format!("sqlite:{}", dir.path().join("c.sqlite3").display()),
        Env::Postgres(_, url) => format!("postgres:{url}"),
    };
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child_burst",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("CAREERBOT_CRASH_STORE", &store)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acked = Vec::new();
    let ack = |line: &str, acked: &mut Vec<String>| {
        if let Some(rest) = line.strip_prefix("ack ") {
            acked.push(rest.split_once(' ').unwrap().1.to_string());
        }
    };
    while acked.len() < 30 {
        let line = lines
            .next()
            .expect("the child acknowledges changes")
            .unwrap();
        ack(&line, &mut acked);
    }
    child.kill().unwrap(); // SIGKILL
    for line in lines.map_while(Result::ok) {
        ack(&line, &mut acked);
    }
    child.wait().unwrap();
    let c = env.curator().await;
    let overlay = c.overlay(GUILD).unwrap();
    let stored: Vec<&String> = overlay
        .article
        .values()
        .flat_map(|a| a.add_keywords.iter())
        .collect();
    for keyword in &acked {
        assert!(stored.contains(&keyword), "acknowledged {keyword} was lost");
    }
    let h = c.history(GUILD, 1_000_000).await.unwrap();
    assert_eq!(h.len(), stored.len(), "no change half-stored");
    let next = c
        .apply(GUILD, &alice(), link("after the crash"))
        .await
        .unwrap();
    if env.is_postgres() {
        assert_eq!(next.id, h.len() as i64 + 1, "gapless after the crash");
    }
}

macro_rules! both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::$case(super::Env::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(env) = super::Env::postgres(concat!("postgres::", stringify!($case))) else {
                        return;
                    };
                    super::$case(env).await;
                }
            )*
        }
    };
}

both_backends!(
    applying_changes_the_answer_and_survives_reopening,
    undo_reverts_and_refuses_what_it_cannot,
    history_is_newest_first_and_records_undos,
    the_report_counts_declined_questions_picks_and_votes,
    export_and_import_round_trip,
    concurrent_writers_in_two_processes_lose_nothing,
    a_change_in_one_process_reaches_another,
    a_writer_killed_mid_burst_keeps_every_acknowledged_change,
);

/// PostgreSQL only: NOTIFY is never replayed, so a change made while a
/// process's LISTEN connection is down must reach it by the resync after
/// it reconnects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_change_made_while_listen_is_cut_arrives_after_reconnect() {
    let Some(env) =
        Env::postgres("postgres_a_change_made_while_listen_is_cut_arrives_after_reconnect")
    else {
        return;
    };
    let Env::Postgres(_, url) = &env else {
        unreachable!()
    };
    let a = env.curator().await;
    let b_store = Postgres::connect(url).await.unwrap();
    let b = Curator::with_storage(base(), Arc::new(b_store.clone()), 90)
        .await
        .unwrap();
    eventually("B listens", || b_store.listener_pid() != 0).await;
    let pid = b_store.listener_pid();
    let admin = Postgres::connect(url).await.unwrap();
    assert!(admin.terminate(pid).await.unwrap());
    // B notices, then waits a second before reconnecting: a change made now
    // is notified to nobody in B.
    eventually("B notices its LISTEN connection is gone", || {
        b_store.listener_pid() == 0
    })
    .await;
    let q = "what's the dough like";
    a.apply(GUILD, &alice(), link(q)).await.unwrap();
    eventually(
        "B answers with the change made while it was cut off",
        || section(&b, GUILD, q).as_deref() == Some("salary"),
    )
    .await;
    eventually("B listens again", || {
        b_store.listener_pid() != 0 && b_store.listener_pid() != pid
    })
    .await;
    // And later changes arrive through the new connection.
    a.undo(GUILD, &alice(), None).await.unwrap();
    eventually("B sees the undo", || section(&b, GUILD, q).is_none()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_newer_schema_is_refused_and_left_alone() {
    let Some(env) = Env::postgres("postgres_a_newer_schema_is_refused_and_left_alone") else {
        return;
    };
    let Env::Postgres(_, url) = &env else {
        unreachable!()
    };
    let store = Postgres::connect(url).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        careerbot::curation::postgres::LATEST_SCHEMA
    );
    store.set_schema_version_for_tests(99).await.unwrap();
    match Postgres::connect(url).await {
        Err(CurationError::TooNew { found: 99, .. }) => {}
        Err(e) => panic!("expected TooNew, got {e:?}"),
        Ok(_) => panic!("a newer schema was accepted"),
    }
    assert_eq!(store.schema_version().await.unwrap(), 99, "left alone");
    assert_eq!(store.backend(), "postgres");
}

/// No PostgreSQL needed: a refused connection's error never shows the
/// password from the URL.
#[tokio::test]
async fn postgres_errors_never_show_the_password() {
    for url in [
        "postgres://careerbot:s3cretpw@127.0.0.1:1/careerbot",
        "host=127.0.0.1 port=1 user=careerbot password=s3cretpw",
        "postgres://careerbot:s3cretpw@[::1",
    ] {
        let e = Postgres::connect(url)
            .await
            .err()
            .expect("nothing listens on port 1");
        let shown = format!("{} {e:?}", careerbot::error_chain(&e));
        assert!(!shown.contains("s3cretpw"), "{shown}");
    }
}

/// PostgreSQL only: `careerbot kb` in another process (configured only by
/// `[storage] backend` and `CAREERBOT_DATABASE_URL`) changes a server, and
/// a running curator answers with the change; its history shows it too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_change_from_the_kb_command_reaches_a_running_curator() {
    let Some(env) =
        Env::postgres("postgres_a_change_from_the_kb_command_reaches_a_running_curator")
    else {
        return;
    };
    let Env::Postgres(_, url) = &env else {
        unreachable!()
    };
    let running = env.curator().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careerbot.toml");
    std::fs::write(&config, "[storage]\nbackend = \"postgres\"\n").unwrap();
    let q = "what's the dough like";
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(["kb", "link", "--guild", &GUILD.to_string(), "salary", q])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CAREERBOT_CONFIG", &config)
        .env("CAREERBOT_DATABASE_URL", url)
        .env_remove("DISCORD_TOKEN")
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("change #1"));
    eventually(
        "the running curator answers with the command's change",
        || section(&running, GUILD, q).as_deref() == Some("salary"),
    )
    .await;
    assert_eq!(running.history(GUILD, 10).await.unwrap().len(), 1);
}

/// PostgreSQL only: `careerbot db copy --to postgres` moves a SQLite
/// store's history, declined questions, picks and votes into an empty
/// database, renumbering each server's changes 1, 2, 3...; a second copy
/// into the now non-empty database is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_db_copy_moves_a_sqlite_store_and_refuses_a_non_empty_target() {
    let Some(env) =
        Env::postgres("postgres_db_copy_moves_a_sqlite_store_and_refuses_a_non_empty_target")
    else {
        return;
    };
    let Env::Postgres(_, url) = &env else {
        unreachable!()
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("careerbot.sqlite3");
    let (overlays, reports) = {
        let c = Curator::open(base(), &db, 90).unwrap();
        c.apply(OTHER, &alice(), link("elsewhere")).await.unwrap();
        c.apply(GUILD, &alice(), link("what's the dough like"))
            .await
            .unwrap();
        c.apply(GUILD, &alice(), create("club", "Book club"))
            .await
            .unwrap();
        c.apply(BIG, &alice(), link("big")).await.unwrap();
        c.undo(GUILD, &alice(), None).await.unwrap();
        let recorder = c.recorder();
        tokio::task::spawn_blocking(move || {
            recorder
                .write(
                    vec![(GUILD, "what is kubernetes".into())],
                    vec![(GUILD, "money talk".into(), "salary".into())],
                )
                .unwrap()
        })
        .await
        .unwrap();
        c.vote(GUILD, 900, "salary", 1, false).await.unwrap();
        let mut reports = Vec::new();
        for g in [GUILD, OTHER, BIG] {
            reports.push(format!("{:?}", c.report(g).await.unwrap()));
        }
        ([GUILD, OTHER, BIG].map(|g| c.overlay(g).unwrap()), reports)
    };
    let config = dir.path().join("careerbot.toml");
    std::fs::write(&config, "[storage]\ndatabase = \"careerbot.sqlite3\"\n").unwrap();
    let copy = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
            .args(["db", "copy", "--to", "postgres"])
            .env("CAREERBOT_CONFIG", &config)
            .env("CAREERBOT_DATABASE_URL", url)
            .env_remove("DISCORD_TOKEN")
            .output()
            .unwrap()
    };
    let out = copy();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("3 servers, 5 changes, 1 declined questions, 1 picks, 1 votes"),
        "{said}"
    );
    let c = env.curator().await;
    assert_eq!([GUILD, OTHER, BIG].map(|g| c.overlay(g).unwrap()), overlays);
    let mut copied = Vec::new();
    for g in [GUILD, OTHER, BIG] {
        copied.push(format!("{:?}", c.report(g).await.unwrap()));
    }
    assert_eq!(copied, reports);
    let h = c.history(GUILD, 10).await.unwrap();
    assert_eq!(h.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(h[0].undoes, Some(2));
    assert_eq!(h[1].undone_by, Some(3));
    assert!(h[0].summary.starts_with("undid #2: "), "{}", h[0].summary);
    // Undo still works on the copied log, and new changes continue the numbering.
    assert_eq!(c.undo(GUILD, &alice(), None).await.unwrap().id, 4);
    let out = copy();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && said.contains("not empty"),
        "{said}"
    );
}
