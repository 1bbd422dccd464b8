//! A soak of the real bot against the loopback fake Discord: members of
//! many servers asking, moderators curating meanwhile, the gateway dropped
//! every 2,000 interactions. Every interaction is answered exactly once,
//! nothing pings, every acknowledged change is in the change log, and the
//! database passes `integrity_check` at the end.
//!
//! `cargo test --test soak` runs 20,000 interactions; the long run,
//! `cargo test --release --test soak -- --ignored`, runs 200,000.

mod common;

use common::fake_discord::{FakeDiscord, Request, APP_ID, MANAGE_GUILD};
use common::spawn_bot;
use serde_json::{json, Value};
use std::collections::HashMap;

const MEMBERS: u64 = 500;
const SERVERS: u64 = 50;
const DROP_EVERY: usize = 2_000;
/// Interactions in flight at once.
const WINDOW: usize = 100;
/// Every this many interactions, one is a moderator's change.
const CURATE_EVERY: usize = 25;

const QUESTIONS: &[&str] = &[
    "how much do backend devs make",
    "what databases do backend devs use",
    "backend vs frontend",
    "how do I become a back-end developer?",
    "How do I bake bread? @everyone",
    "what languages should I learn <@&123>",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_20_000_interactions_in_50_servers() {
    soak(20_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "long: about ten times the default soak"]
async fn soak_long_200_000_interactions() {
    soak(200_000).await;
}

struct Sent {
    id: u64,
    curation: bool,
}

async fn soak(total: usize) {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let fake = &bot.fake;
    let started = std::time::Instant::now();
    let mut sessions = 1;
    let mut changes_acknowledged = 0usize;
    let mut window: Vec<Sent> = Vec::new();
    for n in 0..total {
        if n > 0 && n % DROP_EVERY == 0 {
            settle(fake, &mut window, &mut changes_acknowledged).await;
            fake.drop_gateway();
            sessions += 1;
            fake.wait_connected(sessions).await;
        }
        let member = 1 + (n as u64 * 7919) % MEMBERS;
        let server = 1 + (n as u64 * 104_729) % SERVERS;
        let curation = n % CURATE_EVERY == 0;
        let (id, _, mut d) = if curation {
            let options = json!([{"name": "add-keyword", "type": 1, "options": [
                {"name": "section", "type": 3, "value": "salary"},
                {"name": "keyword", "type": 3, "value": format!("soakword{n}")}
            ]}]);
            fake.slash_command("kb", options, member, MANAGE_GUILD)
        } else {
            let q = QUESTIONS[n % QUESTIONS.len()];
            fake.slash_command(
                "ask",
                json!([{"name": "question", "type": 3, "value": q}]),
                member,
                "0",
            )
        };
        let guild = server.to_string();
        d["guild_id"] = json!(guild);
        d["channel"]["guild_id"] = json!(guild);
        fake.dispatch("INTERACTION_CREATE", d);
        window.push(Sent { id, curation });
        if window.len() >= WINDOW {
            settle(fake, &mut window, &mut changes_acknowledged).await;
        }
    }
    settle(fake, &mut window, &mut changes_acknowledged).await;

    // Exactly once: one callback per interaction, whatever the reconnects.
    let mut callbacks: HashMap<String, usize> = HashMap::new();
    for r in fake.requests() {
        if r.method == "POST" && r.path.ends_with("/callback") {
            *callbacks.entry(r.path.clone()).or_default() += 1;
        }
    }
    assert_eq!(callbacks.len(), total, "every interaction answered");
    assert!(
        callbacks.values().all(|&n| n == 1),
        "an interaction answered twice"
    );

    // The change log holds every acknowledged change, and the file is sound.
    let db = bot.dir.path().join("careerbot.sqlite3");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: i64 = conn
        .query_row("SELECT COUNT(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored as usize, changes_acknowledged);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    eprintln!(
        "soak: {total} interactions, {changes_acknowledged} changes, {} gateway sessions, {:.1} s",
        sessions,
        started.elapsed().as_secs_f64()
    );
}

/// Waits for the answer to every interaction in `window`, checking that
/// none pings; counts the changes moderators were told were made.
async fn settle(fake: &FakeDiscord, window: &mut Vec<Sent>, changes: &mut usize) {
    for sent in window.drain(..) {
        let id = sent.id;
        let callback = fake
            .take_request("an answer", move |r: &Request| {
                r.method == "POST"
                    && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
                    && r.path.ends_with("/callback")
            })
            .await
            .body;
        if sent.curation {
            assert_eq!(callback["type"], 5, "{callback}");
            let path =
                format!("/api/v10/webhooks/{APP_ID}/interaction-token-{id}/messages/@original");
            let edit = fake
                .take_request("the change's answer", move |r: &Request| {
                    r.method == "PATCH" && r.path == path
                })
                .await
                .body;
            assert_no_pings(&edit["allowed_mentions"]);
            if edit["embeds"][0]["title"] == "Done" {
                *changes += 1;
            }
        } else {
            assert_eq!(callback["type"], 4, "{callback}");
            assert_no_pings(&callback["data"]["allowed_mentions"]);
        }
    }
}

fn assert_no_pings(allowed: &Value) {
    assert_eq!(allowed["parse"], json!([]), "{allowed}");
    assert_eq!(allowed["users"], json!([]), "{allowed}");
    assert_eq!(allowed["roles"], json!([]), "{allowed}");
}
