//! The curated servers' views kept in memory (`[storage] max_cached_guilds`):
//! built on first use, the least recently used dropped past the limit and
//! rebuilt from the store with its latest state, never more kept than the
//! limit, and other processes' changes seen whether a server is cached or not.

use careerbot::curation::{Actor, Curator, CustomEntry, Op};
use careerbot::engine::Engine;
use std::path::Path;
use std::time::Duration;

const WORDS: [&str; 5] = ["alpha", "bravo", "charlie", "delta", "echo"];
/// How long another process's change may take to arrive through the watcher.
const PATIENCE: Duration = Duration::from_secs(30);

fn base() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap()
}

fn db(dir: &Path) -> std::path::PathBuf {
    dir.join("curation.sqlite3")
}

fn open(dir: &Path, max: usize) -> Curator {
    Curator::open(base(), &db(dir), 90)
        .unwrap()
        .with_max_cached_guilds(max)
}

fn guild(i: usize) -> u64 {
    1000 + i as u64
}

/// Server `i`'s own entry: the "meetup" section, named after its word.
fn meetup(word: &str) -> Op {
    Op::CreateEntry {
        id: "meetup".into(),
        entry: CustomEntry::from_form(
            &format!("The {word} meetup"),
            &format!("The {word} meetup is on Thursdays in the voice channel."),
            &format!("{word} meetup"),
        ),
    }
}

/// The title of the section that answers `q` in `g`, if one does.
fn answer(c: &Curator, g: u64, q: &str) -> Option<String> {
    c.engine(Some(g)).ask(q).answer.map(|a| a.section.title)
}

fn asks(word: &str) -> String {
    format!("when is the {word} meetup?")
}

// A multi-thread runtime: a miss from async code goes through `block_in_place`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evicted_servers_are_rebuilt_with_their_own_curation() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path(), 2);
    for (i, word) in WORDS.iter().enumerate() {
        c.apply(guild(i), &Actor::local(), meetup(word))
            .await
            .unwrap();
        assert!(
            c.cached_guilds() <= 2,
            "{} after a change",
            c.cached_guilds()
        );
    }
    // Twice round: every ask after the second server is a miss.
    for round in 0..2 {
        for (i, word) in WORDS.iter().enumerate() {
            let title = format!("The {word} meetup");
            assert_eq!(
                answer(&c, guild(i), &asks(word)).as_deref(),
                Some(title.as_str()),
                "round {round}, server {i}"
            );
            assert_eq!(c.overlay(guild(i)).unwrap().custom["meetup"].title, title);
            assert!(c.cached_guilds() <= 2, "{} kept", c.cached_guilds());
        }
    }
    assert_eq!(c.cached_guilds(), 2);
    // A server without curation is answered from the base and takes no place.
    assert_eq!(answer(&c, 1, &asks("alpha")), None);
    assert!(answer(&c, 1, "how much do backend devs make").is_some());
    assert_eq!(c.cached_guilds(), 2);
}

#[tokio::test]
async fn changes_to_an_evicted_server_start_from_its_stored_state() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path(), 1);
    let me = Actor::local();
    c.apply(guild(0), &me, meetup("alpha")).await.unwrap();
    c.apply(guild(1), &me, meetup("bravo")).await.unwrap();
    assert_eq!(c.cached_guilds(), 1);
    // Server 0 is not cached: the keyword is checked against its stored
    // entry (refused if the change started from an empty overlay).
    c.apply(
        guild(0),
        &me,
        Op::AddKeyword {
            section: "meetup".into(),
            keyword: "zither night".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        answer(&c, guild(0), "is zither night on?").as_deref(),
        Some("The alpha meetup")
    );
    answer(&c, guild(1), &asks("bravo"));
    // Undo on the evicted server: its keyword goes, its entry stays.
    c.undo(guild(0), &me, None).await.unwrap();
    assert_eq!(answer(&c, guild(0), "is zither night on?"), None);
    assert_eq!(
        answer(&c, guild(0), &asks("alpha")).as_deref(),
        Some("The alpha meetup")
    );
    assert_eq!(c.cached_guilds(), 1);
}

#[tokio::test]
async fn another_process_change_to_an_evicted_server_is_seen_on_its_next_use() {
    let dir = tempfile::tempdir().unwrap();
    let bot = open(dir.path(), 1);
    let other = open(dir.path(), 1);
    let me = Actor::local();
    bot.apply(guild(0), &me, meetup("alpha")).await.unwrap();
    bot.apply(guild(1), &me, meetup("bravo")).await.unwrap();
    // Server 1 is cached, server 0 is not; the other process changes server 0.
    other
        .apply(
            guild(0),
            &me,
            Op::AddKeyword {
                section: "meetup".into(),
                keyword: "zither night".into(),
            },
        )
        .await
        .unwrap();
    // At once, without waiting for the watcher: a miss reads the store.
    assert_eq!(
        answer(&bot, guild(0), "is zither night on?").as_deref(),
        Some("The alpha meetup")
    );
}

#[tokio::test]
async fn another_process_change_to_a_cached_server_arrives_through_the_watcher() {
    let dir = tempfile::tempdir().unwrap();
    // Room for every server, so a watcher that built the others would show.
    let bot = open(dir.path(), 10);
    let other = open(dir.path(), 1);
    let me = Actor::local();
    bot.apply(guild(0), &me, meetup("alpha")).await.unwrap();
    assert_eq!(bot.cached_guilds(), 1);
    // Other servers first, then the cached one: once the cached one's change
    // is seen, the watcher has read all their heads too.
    for (i, word) in WORDS.iter().enumerate().skip(1) {
        other.apply(guild(i), &me, meetup(word)).await.unwrap();
    }
    other
        .apply(
            guild(0),
            &me,
            Op::AddKeyword {
                section: "meetup".into(),
                keyword: "zither night".into(),
            },
        )
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + PATIENCE;
    while answer(&bot, guild(0), "is zither night on?").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the watcher never brought the cached server up to date"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The watcher rebuilt only the cached server, but knows of the others.
    assert_eq!(bot.cached_guilds(), 1);
    assert_eq!(
        answer(&bot, guild(3), &asks("delta")).as_deref(),
        Some("The delta meetup")
    );
    assert_eq!(bot.cached_guilds(), 2);
}

#[tokio::test]
async fn a_restarted_curator_builds_nothing_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    {
        let c = open(dir.path(), 10);
        for (i, word) in WORDS.iter().enumerate() {
            c.apply(guild(i), &Actor::local(), meetup(word))
                .await
                .unwrap();
        }
        assert_eq!(c.cached_guilds(), WORDS.len());
    }
    let c = open(dir.path(), 10);
    assert_eq!(c.cached_guilds(), 0);
    assert_eq!(
        answer(&c, guild(4), &asks("echo")).as_deref(),
        Some("The echo meetup")
    );
    assert_eq!(c.cached_guilds(), 1);
}
