//! The real bot (serenity + poise, against the loopback fake Discord) on
//! the PostgreSQL store: a moderator's `/kb link` through the bot reaches
//! another process's curator, a `careerbot kb import` by another process
//! reaches the bot's next answer, and declined questions reach the report.
//! Skipped, with a note, without PostgreSQL binaries (see
//! `common/postgres.rs`).

mod common;
#[path = "common/postgres.rs"]
mod pg;

use careerbot::config::Config;
use careerbot::curation::{Curator, Postgres};
use careerbot::engine::Engine;
use common::fake_discord::{FakeDiscord, Request, GUILD_ID, MANAGE_GUILD, TOKEN};
use common::{config_text, knowledge_dir};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

fn is_callback(id: u64) -> impl Fn(&Request) -> bool {
    move |r: &Request| {
        r.method == "POST"
            && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
            && r.path.ends_with("/callback")
    }
}

async fn ask_title(fake: &FakeDiscord, question: &str) -> Value {
    let options = json!([{"name": "question", "type": 3, "value": question}]);
    let (id, _, d) = fake.slash_command("ask", options, 60, "0");
    fake.dispatch("INTERACTION_CREATE", d);
    fake.take_request("the /ask callback", is_callback(id))
        .await
        .body["data"]["embeds"][0]["title"]
        .clone()
}

/// Asks until the answer's title is `want` (at most 15 s).
async fn eventually_titled(fake: &FakeDiscord, question: &str, want: &str) {
    let mut title = Value::Null;
    for _ in 0..300 {
        title = ask_title(fake, question).await;
        if title == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("`{question}` is still answered with {title}, not {want}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_on_postgres_shares_curation_with_other_processes() {
    let Some(cluster) =
        pg::Cluster::start("the_bot_on_postgres_shares_curation_with_other_processes")
    else {
        return;
    };
    let url = cluster.database();
    common::init_test_logging();
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&fake, dir.path(), "cooldown_seconds = 0").replace(
        "[storage]\n",
        &format!("[storage]\nbackend = \"postgres\"\npostgres_url = \"{url}\"\n"),
    );
    let config = Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
    let engine = Engine::load(&knowledge_dir()).unwrap();
    let bot = tokio::spawn(careerbot::discord::run(config, engine.clone()));
    fake.wait_connected(1).await;
    assert!(
        !dir.path().join("careerbot.sqlite3").exists(),
        "no SQLite file on the postgres backend"
    );

    // A moderator's /kb link through the bot reaches another process.
    let other = Curator::with_storage(
        engine.clone(),
        Arc::new(Postgres::connect(&url).await.unwrap()),
        90,
    )
    .await
    .unwrap();
    let q = "what's the dough like";
    assert_eq!(ask_title(&fake, q).await, "I don't know that one");
    let options = json!([{"name": "question", "type": 3, "value": q}, {"name": "section", "type": 3, "value": "salary"}]);
    let (id, _, d) = fake.slash_command(
        "kb",
        json!([{"name": "link", "type": 1, "options": options}]),
        21,
        MANAGE_GUILD,
    );
    fake.dispatch("INTERACTION_CREATE", d);
    fake.take_request("the deferral", is_callback(id)).await;
    eventually_titled(&fake, q, "How much back-end developers make").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while other.engine(Some(GUILD_ID)).ask(q).answer.is_none() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the other process never saw the bot's change"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // `careerbot kb import` in another process reaches the bot.
    let file = dir.path().join("meetups.toml");
    std::fs::write(
        &file,
        "[custom.meetups]\ntitle = \"Mentorship meetups\"\ntext = \"Every Thursday in voice.\"\nkeywords = [\"mentorship meetup\"]\n",
    )
    .unwrap();
    let operator = dir.path().join("operator.toml");
    std::fs::write(&operator, "[storage]\nbackend = \"postgres\"\n").unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args([
            "--config",
            operator.to_str().unwrap(),
            "kb",
            "import",
            "--merge",
            "--guild",
        ])
        .arg(GUILD_ID.to_string())
        .arg(&file)
        .env("CAREERBOT_DATABASE_URL", &url)
        .env_remove("DISCORD_TOKEN")
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eventually_titled(
        &fake,
        "when is the mentorship meetup?",
        "Mentorship meetups",
    )
    .await;
    // The link survived the merge import.
    assert_eq!(
        ask_title(&fake, q).await,
        "How much back-end developers make"
    );

    // Declined questions reach the report, through the PostgreSQL writer.
    let declined = "how do I tame a dragon";
    assert_eq!(ask_title(&fake, declined).await, "I don't know that one");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let report = other.report(GUILD_ID).await.unwrap();
        if report.declined.iter().any(|d| d.question == declined) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the declined question never reached the report: {report:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bot.abort();
}
