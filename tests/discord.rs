//! The real bot (serenity 0.12 + poise 0.7) end to end against the loopback
//! fake Discord in tests/common: commands registered, answers posted as
//! embeds that ping nobody, ephemeral replies, autocomplete, buttons,
//! mentions, help channels, cooldowns, reconnects and a clean SIGTERM exit.

mod common;

use common::fake_discord::{
    FakeDiscord, Request, APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, HELP_CHANNEL_ID, MANAGE_GUILD,
    MODERATOR_ROLE_ID, TOKEN,
};
use common::{config_text, spawn_bot};
use serde_json::{json, Value};
use std::time::Duration;

/// A question a moderator's keyword "dough" makes the salary section's:
/// without it, "dough" is an unknown word and the question is declined.
const DOUGH: &str = "how's the dough for backend devs";
const EPHEMERAL: u64 = 1 << 6;

fn is_callback(id: u64) -> impl Fn(&Request) -> bool {
    move |r: &Request| {
        r.method == "POST"
            && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
            && r.path.ends_with("/callback")
    }
}

fn is_channel_post(channel: u64) -> impl Fn(&Request) -> bool {
    move |r: &Request| {
        r.method == "POST" && r.path == format!("/api/v10/channels/{channel}/messages")
    }
}

/// Sends `/ask` and returns the interaction callback the bot posts.
async fn ask(fake: &FakeDiscord, question: &str, private: Option<bool>, user: u64) -> Value {
    let mut options = vec![json!({"name": "question", "type": 3, "value": question})];
    if let Some(p) = private {
        options.push(json!({"name": "private", "type": 5, "value": p}));
    }
    let (id, _, d) = fake.slash_command("ask", Value::Array(options), user, "0");
    fake.dispatch("INTERACTION_CREATE", d);
    fake.take_request("the /ask callback", is_callback(id))
        .await
        .body
}

/// A moderator's `/kb report`, as the text of its embed.
async fn report_text(fake: &FakeDiscord, user: u64) -> String {
    let (id, d) = kb_command(fake, "report", json!([]), user, MANAGE_GUILD);
    fake.dispatch("INTERACTION_CREATE", d);
    let report = fake.take_request("the report", is_callback(id)).await.body;
    report["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .to_string()
}

fn assert_no_pings(allowed: &Value) {
    assert_eq!(allowed["parse"], json!([]), "{allowed}");
    assert_eq!(allowed["users"], json!([]), "{allowed}");
    assert_eq!(allowed["roles"], json!([]), "{allowed}");
    assert_eq!(allowed["replied_user"], json!(false), "{allowed}");
}

fn flags(body: &Value) -> u64 {
    body["data"]["flags"].as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_register_in_the_dev_guild_with_their_options() {
    let bot = spawn_bot("").await;
    let (fake, put) = (&bot.fake, &bot.registration);
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    assert_eq!(put.auth.as_deref(), Some(format!("Bot {TOKEN}").as_str()));
    let commands = put.body.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for name in ["ask", "topics", "topic", "quote", "help", "about"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let find = |n: &str| commands.iter().find(|c| c["name"] == n).unwrap();
    let ask = &find("ask")["options"];
    assert_eq!(ask[0]["name"], "question");
    assert_eq!(ask[0]["type"], 3);
    assert_eq!(ask[0]["required"], true);
    assert_eq!(ask[1]["name"], "private");
    assert_eq!(ask[1]["type"], 5);
    assert_ne!(ask[1]["required"], true);
    assert_eq!(find("topic")["options"][0]["autocomplete"], true);
    assert_ne!(find("quote")["options"][0]["required"], true);
    for c in commands {
        assert!(!c["description"].as_str().unwrap().is_empty(), "{c}");
    }
    // The identify asks for the intents the bot needs and nothing more.
    let intents = fake.identify_payloads()[0]["intents"].as_u64().unwrap();
    assert_eq!(
        intents,
        1 | (1 << 9) | (1 << 15),
        "GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn global_registration_without_a_dev_guild() {
    common::init_test_logging();
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "[discord]\napi_url = \"{}\"\nmessage_content = false\n[storage]\ndatabase = \"{}\"\n",
        fake.api_url(),
        dir.path().join("db.sqlite3").display()
    );
    let config = careerbot::config::Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
    let engine = careerbot::engine::Engine::load(&common::knowledge_dir()).unwrap();
    let task = tokio::spawn(careerbot::discord::run(config, engine));
    let put = fake
        .take_request("registration", |r| r.method == "PUT")
        .await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP_ID}/commands"));
    let intents = fake.identify_payloads()[0]["intents"].as_u64().unwrap();
    assert_eq!(
        intents & (1 << 15),
        0,
        "no message content intent when it is off"
    );
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_with_the_right_section_and_pings_nobody() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let body = ask(&bot.fake, "how much do backend devs make <@555>", None, 1).await;
    assert_eq!(body["type"], 4, "CHANNEL_MESSAGE_WITH_SOURCE");
    let embed = &body["data"]["embeds"][0];
    assert_eq!(embed["title"], "How much back-end developers make");
    let description = embed["description"].as_str().unwrap();
    assert!(
        description.contains("$66,667") && description.contains("PayScale"),
        "{description}"
    );
    assert!(embed["footer"]["text"]
        .as_str()
        .unwrap()
        .contains("AnnaMarie Houlis"));
    assert_no_pings(&body["data"]["allowed_mentions"]);
    assert_eq!(flags(&body) & EPHEMERAL, 0, "public by default");

    let declined = ask(&bot.fake, "How do I bake bread?", None, 1).await;
    assert_eq!(
        declined["data"]["embeds"][0]["title"],
        "I don't know that one"
    );
    assert_no_pings(&declined["data"]["allowed_mentions"]);

    // A message pinging a crowd is a ping attempt, not a question: declined,
    // and the decline pings nobody either.
    for ping in [
        "@everyone how much do backend devs make",
        "backend salary <@&123>",
    ] {
        let r = ask(&bot.fake, ping, None, 1).await;
        assert_eq!(r["data"]["embeds"][0]["title"], "I don't know that one");
        assert_no_pings(&r["data"]["allowed_mentions"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_ask_is_ephemeral() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let body = ask(
        &bot.fake,
        "what databases do backend devs use",
        Some(true),
        2,
    )
    .await;
    assert_eq!(flags(&body) & EPHEMERAL, EPHEMERAL);
    assert_eq!(
        body["data"]["embeds"][0]["title"],
        "Databases back-end developers work with"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topic_autocomplete_offers_titles() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let (id, _, d) = bot.fake.autocomplete(
        "topic",
        json!([{"name": "name", "type": 3, "value": "sal", "focused": true}]),
        3,
    );
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let body = bot
        .fake
        .take_request("autocomplete", is_callback(id))
        .await
        .body;
    assert_eq!(body["type"], 8, "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT");
    let choices = body["data"]["choices"].as_array().unwrap();
    assert!(
        choices
            .iter()
            .any(|c| c["value"] == "salary" && c["name"] == "How much back-end developers make"),
        "{choices:?}"
    );

    // Picking the suggestion runs /topic with its value.
    let (id, _, d) = bot.fake.slash_command(
        "topic",
        json!([{"name": "name", "type": 3, "value": "salary"}]),
        3,
        "0",
    );
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let body = bot.fake.take_request("/topic", is_callback(id)).await.body;
    assert!(body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .contains("$29.48"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn did_you_mean_button_shows_the_section_to_the_presser() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let body = ask(
        &bot.fake,
        "what skills and languages does a backend developer need",
        None,
        4,
    )
    .await;
    let buttons = body["data"]["components"][0]["components"]
        .as_array()
        .expect("suggestion buttons");
    let button = &buttons[0];
    assert_eq!(button["type"], 2);
    let custom_id = button["custom_id"].as_str().unwrap();
    assert!(button["label"]
        .as_str()
        .unwrap()
        .starts_with("Did you mean"));
    let section = custom_id.rsplit(':').next().unwrap().to_string();

    let (id, _, d) = bot.fake.button_press(custom_id, 5);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let press = bot
        .fake
        .take_request("button response", is_callback(id))
        .await
        .body;
    assert_eq!(press["type"], 4);
    assert_eq!(flags(&press) & EPHEMERAL, EPHEMERAL);
    let title = press["data"]["embeds"][0]["title"].as_str().unwrap();
    let engine = careerbot::engine::Engine::load(&common::knowledge_dir()).unwrap();
    assert_eq!(title, engine.knowledge().section(&section).unwrap().title());
    assert_no_pings(&press["data"]["allowed_mentions"]);
}

/// A question the engine is unsure of: answered neither way, but asked back.
fn an_unsure_question() -> String {
    let engine = careerbot::engine::Engine::load(&common::knowledge_dir()).unwrap();
    include_str!("data/vague.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|q| engine.ask(q).unsure)
        .expect("one of these is in the middle band")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsure_reply_asks_and_a_pick_answers_and_reaches_the_report() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let question = an_unsure_question();
    let body = ask(&bot.fake, &question, None, 40).await;
    let embed = &body["data"]["embeds"][0];
    assert_eq!(embed["title"], "I'm not sure I understood", "{body}");
    assert_eq!(embed["fields"][0]["name"], "You asked");
    assert_eq!(embed["fields"][0]["value"], question.as_str());
    let buttons = body["data"]["components"][0]["components"]
        .as_array()
        .expect("choice buttons");
    assert!((1..=3).contains(&buttons.len()), "{buttons:?}");
    let pick = buttons[0]["custom_id"].as_str().unwrap();
    assert!(pick.starts_with("careerbot:pick:"), "{pick}");
    let section = pick.rsplit(':').next().unwrap().to_string();
    assert_no_pings(&body["data"]["allowed_mentions"]);

    let message = bot.fake.new_id();
    let embeds = body["data"]["embeds"].clone();
    let (id, _, d) = bot.fake.button_press_on_embeds(message, embeds, pick, 41);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let press = bot
        .fake
        .take_request("the pick's answer", is_callback(id))
        .await
        .body;
    let engine = careerbot::engine::Engine::load(&common::knowledge_dir()).unwrap();
    let title = engine
        .knowledge()
        .section(&section)
        .unwrap()
        .title()
        .to_string();
    assert_eq!(press["data"]["embeds"][0]["title"], title.as_str());
    assert_no_pings(&press["data"]["allowed_mentions"]);

    let text = report_text(&bot.fake, 40).await;
    let line = format!("\"{}\" → {title}: 1×", question.to_lowercase());
    assert!(text.contains("Link candidates"), "{text}");
    assert!(
        text.to_lowercase().contains(&line.to_lowercase()),
        "{line} in {text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_is_answered_as_a_reply() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let (msg_id, m) = bot.fake.message(
        CHANNEL_ID,
        6,
        &format!("<@{BOT_ID}> how much do backend devs make? <@555>"),
        vec![BOT_ID],
    );
    bot.fake.dispatch("MESSAGE_CREATE", m);
    let post = bot
        .fake
        .take_request("reply to the mention", is_channel_post(CHANNEL_ID))
        .await
        .body;
    assert_eq!(post["message_reference"]["message_id"], msg_id.to_string());
    assert_eq!(
        post["embeds"][0]["title"],
        "How much back-end developers make"
    );
    assert_no_pings(&post["allowed_mentions"]);

    // Messages that do not mention the bot, outside help channels, are left alone.
    let (_, m) = bot
        .fake
        .message(CHANNEL_ID, 6, "how much do backend devs make?", vec![]);
    bot.fake.dispatch("MESSAGE_CREATE", m);
    let extra = bot
        .fake
        .untaken_after(Duration::from_millis(1500), is_channel_post(CHANNEL_ID))
        .await;
    assert!(extra.is_empty(), "{extra:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_channel_answers_when_confident_and_stays_silent_otherwise() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let (msg_id, m) = bot.fake.message(
        HELP_CHANNEL_ID,
        7,
        "What languages do backend developers use?",
        vec![],
    );
    bot.fake.dispatch("MESSAGE_CREATE", m);
    let post = bot
        .fake
        .take_request("help-channel answer", is_channel_post(HELP_CHANNEL_ID))
        .await
        .body;
    assert_eq!(post["message_reference"]["message_id"], msg_id.to_string());
    assert_eq!(
        post["embeds"][0]["title"],
        "Programming languages for the back end"
    );
    assert_no_pings(&post["allowed_mentions"]);

    for quiet in [
        "how do I bake bread?",
        "lol nice",
        "anyone know how much a dentist makes?",
        "good morning everyone",
    ] {
        let (_, m) = bot.fake.message(HELP_CHANNEL_ID, 7, quiet, vec![]);
        bot.fake.dispatch("MESSAGE_CREATE", m);
    }
    let extra = bot
        .fake
        .untaken_after(
            Duration::from_millis(2000),
            is_channel_post(HELP_CHANNEL_ID),
        )
        .await;
    assert!(extra.is_empty(), "the bot should stay silent: {extra:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cooldown_stops_a_flood_with_a_polite_ephemeral_note() {
    let bot = spawn_bot("cooldown_seconds = 60").await;
    let first = ask(&bot.fake, "backend salary", None, 8).await;
    assert_eq!(
        first["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
    let second = ask(&bot.fake, "backend salary", None, 8).await;
    assert_eq!(second["data"]["embeds"][0]["title"], "One moment");
    assert!(second["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .contains("Try again in"));
    assert_eq!(flags(&second) & EPHEMERAL, EPHEMERAL);
    assert_no_pings(&second["data"]["allowed_mentions"]);
    // Another member is not held up.
    let other = ask(&bot.fake, "backend salary", None, 9).await;
    assert_eq!(
        other["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_after_the_gateway_drops_and_answers_again() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    assert_eq!(
        ask(&bot.fake, "backend salary", None, 10).await["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
    bot.fake.drop_gateway();
    bot.fake.wait_connected(2).await;
    assert!(bot.fake.resumes() + bot.fake.identifies() >= 2);
    let body = ask(&bot.fake, "what is a backend developer", None, 10).await;
    assert_eq!(
        body["data"]["embeds"][0]["title"],
        "What is a back-end developer?"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_process_exits_cleanly_on_sigterm_and_never_logs_the_token() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careerbot.toml");
    // The moderator roles under their old key: they still load, and the
    // log says where they belong now.
    let text = config_text(&fake, dir.path(), "");
    let old = text.replace("\n[moderation]\nrole_ids =", "\nmoderator_role_ids =");
    assert_ne!(old, text);
    std::fs::write(&config, old).unwrap();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(["run", "--config", config.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISCORD_TOKEN", TOKEN)
        .env("RUST_LOG", "trace")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut child = child;
    let mut stderr = child.stderr.take().unwrap();
    let logs = tokio::spawn(async move {
        let mut buf = Vec::new();
        let _ = tokio::io::AsyncReadExt::read_to_end(&mut stderr, &mut buf).await;
        String::from_utf8_lossy(&buf).into_owned()
    });
    fake.wait_connected(1).await;
    fake.take_request("command registration", |r| r.method == "PUT")
        .await;
    // It answers, so it is really up.
    let (id, _, d) = fake.slash_command(
        "ask",
        json!([{"name": "question", "type": 3, "value": "backend salary"}]),
        11,
        "0",
    );
    fake.dispatch("INTERACTION_CREATE", d);
    let answered = tokio::time::timeout(
        Duration::from_secs(20),
        fake.take_request("an answer before shutdown", is_callback(id)),
    )
    .await;
    if answered.is_err() {
        child.kill().await.unwrap();
        panic!("no answer; bot logs:\n{}", logs.await.unwrap());
    }

    let pid = child.id().unwrap() as libc::pid_t;
    // SAFETY: signalling our own child process, which has not been reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("exits after SIGTERM")
        .unwrap();
    let logs = logs.await.unwrap();
    assert!(status.success(), "exit status {status:?}; logs:\n{logs}");
    assert!(logs.contains("shutting down"), "{logs}");
    assert!(
        logs.contains("WARN") && logs.contains("move it to `[moderation] role_ids`"),
        "the old key is reported: {logs}"
    );
    assert!(
        logs.contains("answered") && logs.contains("latency_us"),
        "one line per answer: {logs}"
    );
    assert!(!logs.contains(TOKEN), "the token must never be logged");
    assert!(
        !logs.contains("fake-token-for-the-loopback"),
        "not even part of it"
    );
}

#[tokio::test]
async fn a_missing_or_malformed_token_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careerbot.toml");
    std::fs::write(&config, "[discord]\napi_url = \"http://127.0.0.1:9\"\n").unwrap();
    let run = |token: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"));
        c.args(["run", "--config", config.to_str().unwrap()])
            .env_remove("DISCORD_TOKEN");
        if let Some(t) = token {
            c.env("DISCORD_TOKEN", t);
        }
        c.output().unwrap()
    };
    let out = run(None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no Discord token") && !err.contains("panicked"),
        "{err}"
    );
    let out = run(Some("definitely not a token"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("discord.token") && !err.contains("definitely not"),
        "{err}"
    );

    std::fs::write(&config, "[discord]\ncooldown_seconds = -1\n").unwrap();
    let out = run(Some(TOKEN));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad configuration"));
}

/// A `/kb` subcommand interaction.
fn kb_command(
    fake: &FakeDiscord,
    sub: &str,
    options: Value,
    user: u64,
    permissions: &str,
) -> (u64, Value) {
    let (id, _, d) = fake.slash_command(
        "kb",
        json!([{"name": sub, "type": 1, "options": options}]),
        user,
        permissions,
    );
    (id, d)
}

/// The answer to a `/kb` command that writes: first an ephemeral deferral
/// (so a slow write never misses Discord's 3 s), then the edit of it.
async fn kb_answer(fake: &FakeDiscord, id: u64) -> Value {
    let deferred = fake
        .take_request("the deferral", is_callback(id))
        .await
        .body;
    assert_eq!(deferred["type"], 5, "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE");
    assert_eq!(flags(&deferred) & EPHEMERAL, EPHEMERAL);
    take_edit(fake, id).await
}

/// The edit of a deferred interaction's reply.
async fn take_edit(fake: &FakeDiscord, id: u64) -> Value {
    let path = format!("/api/v10/webhooks/{APP_ID}/interaction-token-{id}/messages/@original");
    let edit = fake
        .take_request("the edited reply", |r| {
            r.method == "PATCH" && r.path == path
        })
        .await
        .body;
    assert_no_pings(&edit["allowed_mentions"]);
    edit
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kb_is_registered_for_moderators_only() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&fake, dir.path(), "");
    let config = careerbot::config::Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
    let engine = careerbot::engine::Engine::load(&common::knowledge_dir()).unwrap();
    let task = tokio::spawn(careerbot::discord::run(config, engine));
    let put = fake
        .take_request("registration", |r| r.method == "PUT")
        .await;
    let kb = put
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "kb")
        .expect("/kb registered")
        .clone();
    assert_eq!(
        kb["default_member_permissions"], "32",
        "Manage Server by default"
    );
    let subs: Vec<&str> = kb["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    for s in [
        "add-keyword",
        "remove-keyword",
        "add-question",
        "remove-question",
        "link",
        "new",
        "edit",
        "override",
        "reset-text",
        "hide",
        "unhide",
        "report",
        "history",
        "undo",
        "export",
        "import",
    ] {
        assert!(subs.contains(&s), "/kb {s} missing: {subs:?}");
    }
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crafted_kb_interaction_from_a_non_moderator_is_refused() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let options = json!([{"name": "question", "type": 3, "value": "what's the dough like"}, {"name": "section", "type": 3, "value": "salary"}]);
    let (id, d) = kb_command(&bot.fake, "link", options, 20, "0");
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let body = bot
        .fake
        .take_request("the refusal", is_callback(id))
        .await
        .body;
    assert_eq!(body["data"]["embeds"][0]["title"], "Moderators only");
    assert_eq!(flags(&body) & EPHEMERAL, EPHEMERAL);
    // Nothing was stored: the question is still declined.
    let after = ask(&bot.fake, "what's the dough like", None, 20).await;
    assert_eq!(after["data"]["embeds"][0]["title"], "I don't know that one");

    // A crafted form submission is refused too.
    let (id, _, d) = bot.fake.modal_submit(
        "careerbot:kb:new",
        &[("title", "Spam"), ("text", "spam"), ("keywords", "dough")],
        20,
        "0",
    );
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let body = bot
        .fake
        .take_request("the form refusal", is_callback(id))
        .await
        .body;
    assert_eq!(body["data"]["embeds"][0]["title"], "Moderators only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_links_a_question_and_the_next_answer_changes() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let before = ask(&bot.fake, "what's the dough like", None, 21).await;
    assert_eq!(
        before["data"]["embeds"][0]["title"],
        "I don't know that one"
    );
    let options = json!([{"name": "question", "type": 3, "value": "what's the dough like"}, {"name": "section", "type": 3, "value": "salary"}]);
    let (id, d) = kb_command(&bot.fake, "link", options, 21, MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let body = kb_answer(&bot.fake, id).await;
    assert_eq!(body["embeds"][0]["title"], "Done", "{body}");
    let after = ask(&bot.fake, "what's the dough like", None, 21).await;
    assert_eq!(
        after["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );

    // The declined question reaches the report (declines are written in
    // the background, a quarter of a second at a time).
    let mut reported = String::new();
    for _ in 0..50 {
        reported = report_text(&bot.fake, 21).await;
        if reported.contains("what's the dough like") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        reported.contains("\"what's the dough like\": 1×"),
        "{reported}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderators_form_creates_an_entry() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    // A member with a configured moderator role but no Manage Server.
    let (id, mut d) = kb_command(&bot.fake, "new", json!([]), 22, "0");
    d["member"]["roles"] = json!([MODERATOR_ROLE_ID.to_string()]);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let modal = bot
        .fake
        .take_request("the modal", is_callback(id))
        .await
        .body;
    assert_eq!(modal["type"], 9, "MODAL");
    assert_eq!(modal["data"]["custom_id"], "careerbot:kb:new");
    let inputs: Vec<&str> = modal["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["components"][0]["custom_id"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, vec!["title", "text", "keywords"]);

    let fields = [
        ("title", "Mentorship meetups"),
        ("text", "We meet every Thursday in the voice channel."),
        ("keywords", "mentorship, meetup, mentor"),
    ];
    let (id, _, mut d) = bot.fake.modal_submit("careerbot:kb:new", &fields, 22, "0");
    d["member"]["roles"] = json!([MODERATOR_ROLE_ID.to_string()]);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let done = kb_answer(&bot.fake, id).await;
    assert_eq!(done["embeds"][0]["title"], "Done", "{done}");

    let answer = ask(&bot.fake, "when is the mentorship meetup?", None, 23).await;
    let embed = &answer["data"]["embeds"][0];
    assert_eq!(embed["title"], "Mentorship meetups");
    assert!(embed["description"]
        .as_str()
        .unwrap()
        .contains("every Thursday"));
    assert!(embed["footer"]["text"]
        .as_str()
        .unwrap()
        .contains("moderators"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbs_are_stored_once_per_member_and_reach_the_report() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let body = ask(&bot.fake, "backend salary", None, 24).await;
    let rows = body["data"]["components"].as_array().unwrap();
    let votes = rows
        .iter()
        .find(|r| {
            r["components"][0]["custom_id"]
                .as_str()
                .unwrap()
                .starts_with("careerbot:vote:")
        })
        .expect("vote buttons");
    let down = votes["components"][1]["custom_id"].as_str().unwrap();
    assert_eq!(down, "careerbot:vote:down:salary");
    let answer_message = bot.fake.new_id();
    for user in [30, 30, 31] {
        let (id, _, d) = bot.fake.button_press_on(answer_message, down, user);
        bot.fake.dispatch("INTERACTION_CREATE", d);
        let r = bot
            .fake
            .take_request("vote ack", is_callback(id))
            .await
            .body;
        assert_eq!(flags(&r) & EPHEMERAL, EPHEMERAL);
    }
    let text = report_text(&bot.fake, 24).await;
    assert!(
        text.contains("How much back-end developers make: 2 👎"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_attaches_the_curation_and_import_reads_an_upload() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let options = json!([{"name": "section", "type": 3, "value": "salary"}, {"name": "keyword", "type": 3, "value": "dough"}]);
    let (id, d) = kb_command(&bot.fake, "add-keyword", options, 40, MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    kb_answer(&bot.fake, id).await;

    // Export: an ephemeral reply with the TOML attached (multipart).
    let (id, d) = kb_command(&bot.fake, "export", json!([]), 40, MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let export = bot
        .fake
        .take_request("the export", is_callback(id))
        .await
        .body;
    let raw = export["raw"].as_str().expect("a multipart body");
    assert!(
        raw.contains("careerbot-curation-")
            && raw.contains("[article.salary]")
            && raw.contains("dough"),
        "{raw}"
    );
    let toml_start = raw.find("# careerbot curation").unwrap();
    let toml_end = raw[toml_start..]
        .find("\r\n--")
        .map_or(raw.len(), |e| toml_start + e);
    let exported = raw[toml_start..toml_end].to_string();

    // Import into the same server after undoing: the keyword comes back.
    let (id, d) = kb_command(&bot.fake, "undo", json!([]), 40, MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    kb_answer(&bot.fake, id).await;
    // Without the keyword the question is not answered: declined, or at
    // most asked about ("is it one of these?"), as the article alone reads it.
    let title = &ask(&bot.fake, DOUGH, None, 41).await["data"]["embeds"][0]["title"];
    assert!(
        title == "I don't know that one" || title == "I'm not sure I understood",
        "{title}"
    );

    let url = bot.fake.serve_file("curation.toml", &exported);
    let attachment_id = bot.fake.new_id().to_string();
    let options = json!([{"name": "file", "type": 11, "value": attachment_id}]);
    let (id, mut d) = kb_command(&bot.fake, "import", options, 40, MANAGE_GUILD);
    d["data"]["resolved"] = json!({"attachments": {attachment_id.clone(): {
        "id": attachment_id, "filename": "curation.toml", "size": exported.len(),
        "url": url, "proxy_url": url, "content_type": "application/toml"
    }}});
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let done = kb_answer(&bot.fake, id).await;
    assert_eq!(done["embeds"][0]["title"], "Imported", "{done}");
    assert_eq!(
        ask(&bot.fake, DOUGH, None, 41).await["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kb_answers_at_once_while_another_process_holds_the_write_lock() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let db = bot.dir.path().join("careerbot.sqlite3");
    // Another process's long write: the lock is held until the bot has
    // acknowledged the command.
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (locked_tx, locked) = std::sync::mpsc::channel();
    let other = std::thread::spawn(move || {
        let mut conn = rusqlite::Connection::open(db).unwrap();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        locked_tx.send(()).unwrap();
        released.recv().unwrap();
        tx.commit().unwrap();
    });
    locked.recv().unwrap();
    let options = json!([{"name": "section", "type": 3, "value": "salary"}, {"name": "keyword", "type": 3, "value": "dough"}]);
    let (id, d) = kb_command(&bot.fake, "add-keyword", options, 42, MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let deferred = bot
        .fake
        .take_request("the deferral, while the lock is held", is_callback(id))
        .await
        .body;
    assert_eq!(deferred["type"], 5, "{deferred}");
    assert_eq!(flags(&deferred) & EPHEMERAL, EPHEMERAL);
    release.send(()).unwrap();
    other.join().unwrap();
    let done = take_edit(&bot.fake, id).await;
    assert_eq!(done["embeds"][0]["title"], "Done", "{done}");
    assert_eq!(
        ask(&bot.fake, DOUGH, None, 42).await["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_interactions_get_a_private_answer() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let fake = &bot.fake;
    let mut cases = vec![
        // A command from a stale registration.
        fake.slash_command("frobnicate", json!([]), 50, "0"),
        // The question as a number.
        fake.slash_command(
            "ask",
            json!([{"name": "question", "type": 4, "value": 42}]),
            50,
            "0",
        ),
        // No question at all.
        fake.slash_command("ask", json!([]), 50, "0"),
        // A /kb subcommand this version does not have.
        fake.slash_command(
            "kb",
            json!([{"name": "teleport", "type": 1, "options": []}]),
            50,
            MANAGE_GUILD,
        ),
        // Buttons and a form from another version.
        fake.button_press("careerbot:frobnicate:1", 50),
        fake.button_press("careerbot:vote:sideways:salary", 50),
        fake.modal_submit("careerbot:poll:1", &[("x", "y")], 50, MANAGE_GUILD),
    ];
    let mut ids = Vec::new();
    for (id, _, d) in cases.drain(..) {
        fake.dispatch("INTERACTION_CREATE", d);
        ids.push(id);
    }
    for id in ids {
        let body = fake.take_request("an answer", is_callback(id)).await.body;
        assert_eq!(body["type"], 4, "{body}");
        assert_eq!(flags(&body) & EPHEMERAL, EPHEMERAL, "{body}");
        let text = body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap_or("");
        assert!(text.contains("out of date or malformed"), "{body}");
        assert_no_pings(&body["data"]["allowed_mentions"]);
    }
    // Still answering.
    let body = ask(fake, "backend salary", None, 50).await;
    assert_eq!(
        body["data"]["embeds"][0]["title"],
        "How much back-end developers make"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kb_import_by_another_process_reaches_the_running_bot() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let question = "when is the mentorship meetup?";
    let before = ask(&bot.fake, question, None, 60).await;
    assert_eq!(
        before["data"]["embeds"][0]["title"],
        "I don't know that one"
    );
    let config = bot.dir.path().join("operator.toml");
    std::fs::write(
        &config,
        format!(
            "[storage]\ndatabase = \"{}\"\n",
            bot.dir.path().join("careerbot.sqlite3").display()
        ),
    )
    .unwrap();
    let file = bot.dir.path().join("meetups.toml");
    std::fs::write(
        &file,
        "[custom.meetups]\ntitle = \"Mentorship meetups\"\ntext = \"Every Thursday in voice.\"\nkeywords = [\"mentorship meetup\"]\n",
    )
    .unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "kb",
            "import",
            "--guild",
        ])
        .arg(GUILD_ID.to_string())
        .arg(&file)
        .env_remove("DISCORD_TOKEN")
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The bot picks it up without a restart.
    let mut title = Value::Null;
    for _ in 0..300 {
        title = ask(&bot.fake, question, None, 60).await["data"]["embeds"][0]["title"].clone();
        if title == "Mentorship meetups" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(title, "Mentorship meetups");
    // And a moderator's new entry is checked against the imported one.
    let (id, _, mut d) = bot.fake.modal_submit(
        "careerbot:kb:new",
        &[
            ("title", "Mentorship meetups"),
            ("text", "Again."),
            ("keywords", "again"),
        ],
        61,
        MANAGE_GUILD,
    );
    d["member"]["permissions"] = json!(MANAGE_GUILD);
    bot.fake.dispatch("INTERACTION_CREATE", d);
    let refused = kb_answer(&bot.fake, id).await;
    assert_eq!(
        refused["embeds"][0]["title"], "Nothing was changed",
        "{refused}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quote_about_an_unknown_subject_says_so() {
    let bot = spawn_bot("cooldown_seconds = 0").await;
    let quote = |about: &'static str| {
        let fake = &bot.fake;
        async move {
            let options = json!([{"name": "about", "type": 3, "value": about}]);
            let (id, _, d) = fake.slash_command("quote", options, 1, "0");
            fake.dispatch("INTERACTION_CREATE", d);
            fake.take_request("the /quote callback", is_callback(id))
                .await
                .body
        }
    };
    let unknown = quote("kubernetes").await;
    let text = unknown["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with("I have no quote about \"kubernetes\".") && text.contains("\n> "),
        "{text}"
    );
    let salary = quote("salary").await;
    let text = salary["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(
        text.contains("PayScale") && !text.contains("no quote about"),
        "{text}"
    );
}
