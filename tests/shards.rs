//! The bot past one process, against the loopback fake Discord: two real
//! `careerbot run` processes sharing one database, each running half of
//! four shards; the `register-commands` deploy step; `register_commands =
//! "never"`; and the fake's own sharding rules (4010 for a shard out of
//! range), which the bot is judged against.

mod common;

use common::fake_discord::{FakeDiscord, Request, APP_ID, GUILD_ID, TOKEN};
use common::{config_text, knowledge_dir};
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

const SHARDS: u64 = 4;
/// Servers on each shard.
const PER_SHARD: u64 = 3;
/// Questions asked in each server.
const ASKS: u64 = 4;
/// How long the test watches for a stray identify or a second answer once
/// everything has been answered: the 30 s, long enough for a
/// shard that failed to connect to have retried. A bound on the wait, not
/// on speed.
const OBSERVE: Duration = Duration::from_secs(30);

/// The `n`th test server on shard `shard` of `total` (`(id >> 22) % total`).
fn guild_on(shard: u64, total: u64, n: u64) -> u64 {
    (((n + 1) * total + shard) << 22) | 0x2a
}

fn is_callback(r: &Request) -> bool {
    r.method == "POST"
        && r.path.starts_with("/api/v10/interactions/")
        && r.path.ends_with("/callback")
}

fn is_registration(r: &Request) -> bool {
    r.method == "PUT" && r.path.ends_with("/commands")
}

/// `/ask` in server `guild`.
fn ask_in(fake: &FakeDiscord, guild: u64, question: &str, user: u64) -> (u64, Value) {
    let options = json!([{"name": "question", "type": 3, "value": question}]);
    let (id, _, mut d) = fake.slash_command("ask", options, user, "0");
    d["guild_id"] = json!(guild.to_string());
    d["channel"]["guild_id"] = json!(guild.to_string());
    d["authorizing_integration_owners"] = json!({"0": guild.to_string()});
    (id, d)
}

/// `careerbot` itself, with nothing from the test's environment that would
/// change its settings.
fn careerbot(config: &Path) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"));
    c.arg("--config")
        .arg(config)
        .arg("--knowledge")
        .arg(knowledge_dir())
        .env("DISCORD_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("CAREERBOT_SHARDS")
        .env_remove("CAREERBOT_SHARD_RANGE")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    c
}

/// A running `careerbot run` and its log, read as it comes.
struct Process {
    child: tokio::process::Child,
    log: tokio::task::JoinHandle<String>,
}

/// `careerbot run` for shards `range` of the config's total, as the systemd
/// template unit starts it (the range from the environment), logging each
/// answer with its server.
fn start_process(config: &Path, range: &str) -> Process {
    let mut child = careerbot(config)
        .arg("run")
        .env("CAREERBOT_SHARD_RANGE", range)
        .env("RUST_LOG", "warn,careerbot::discord=info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("careerbot starts");
    let mut stderr = child.stderr.take().unwrap();
    let log = tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text).await;
        text
    });
    Process { child, log }
}

impl Process {
    /// Stops the process (it must still be running) and returns the
    /// servers of the interactions it answered, from its log.
    async fn stop(mut self) -> Vec<u64> {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "a process stopped early"
        );
        self.child.kill().await.unwrap();
        let log = self.log.await.unwrap();
        log.lines()
            .filter(|l| l.contains(" answered"))
            .filter_map(|l| l.split("guild=").nth(1))
            .filter_map(|g| g.split_whitespace().next()?.parse().ok())
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_split_four_shards_and_answer_every_server_once() {
    common::init_test_logging();
    let fake = FakeDiscord::start().await;
    fake.set_shards(SHARDS);
    let guilds: Vec<u64> = (0..SHARDS)
        .flat_map(|shard| (0..PER_SHARD).map(move |n| guild_on(shard, SHARDS, n)))
        .collect();
    fake.set_guilds(&guilds);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careerbot.toml");
    std::fs::write(
        &config,
        config_text(
            &fake,
            dir.path(),
            &format!("shards = {SHARDS}\ncooldown_seconds = 0"),
        ),
    )
    .unwrap();
    // One after another, as the README says: each process's shards identify
    // 5 s apart inside it, and processes share no identify queue.
    let low = start_process(&config, "0-1");
    fake.wait_shards_connected(&[0], SHARDS).await;
    let high = start_process(&config, "2-3");
    fake.wait_shards_connected(&[0, 1, 2, 3], SHARDS).await;

    let mut asked = Vec::new();
    for (i, &guild) in guilds.iter().enumerate() {
        for k in 0..ASKS {
            let (id, d) = ask_in(&fake, guild, "how much do backend devs make", 10 + k);
            fake.dispatch("INTERACTION_CREATE", d);
            asked.push((id, guild, i));
        }
    }
    for &(id, guild, _) in &asked {
        let prefix = format!("/api/v10/interactions/{id}/");
        let answer = fake
            .take_request(&format!("the answer to {id} in server {guild}"), |r| {
                is_callback(r) && r.path.starts_with(&prefix)
            })
            .await;
        assert!(
            answer.body["data"]["embeds"][0]["title"].is_string(),
            "{}",
            answer.body
        );
    }
    let strays = fake.untaken_after(OBSERVE, is_callback).await;
    assert!(strays.is_empty(), "answered twice: {strays:#?}");
    assert!(
        fake.second_callbacks().is_empty(),
        "{:#?}",
        fake.second_callbacks()
    );

    // Four sessions, one per shard, each identified once.
    let mut shards = fake.identified_shards();
    shards.sort();
    assert_eq!(shards, [[0, 4], [1, 4], [2, 4], [3, 4]]);
    assert_eq!(fake.identifies(), 4);
    assert_eq!(fake.invalid_shards(), 0);
    // Registered once, by the process that runs shard 0.
    let puts: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(is_registration)
        .collect();
    assert_eq!(puts.len(), 1, "{puts:#?}");
    assert_eq!(
        puts[0].path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    // Each process answered all of its own servers and none of the other's.
    for (process, shards) in [(low, [0, 1]), (high, [2, 3])] {
        let mut answered = process.stop().await;
        answered.sort();
        answered.dedup();
        let mut own: Vec<u64> = guilds
            .iter()
            .copied()
            .filter(|g| shards.contains(&((g >> 22) % SHARDS)))
            .collect();
        own.sort();
        assert_eq!(answered, own, "shards {shards:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_commands_registers_over_http_without_the_gateway() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careerbot.toml");
    let text = format!("[discord]\napi_url = \"{}\"\n", fake.api_url());
    std::fs::write(&config, text).unwrap();

    let out = careerbot(&config)
        .args(["register-commands", "--guild", "4242"])
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("in server 4242"), "{said}");
    let out = careerbot(&config)
        .arg("register-commands")
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("globally"));

    let puts: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(is_registration)
        .collect();
    let paths: Vec<&str> = puts.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            format!("/api/v10/applications/{APP_ID}/guilds/4242/commands"),
            format!("/api/v10/applications/{APP_ID}/commands"),
        ]
    );
    let names: Vec<&str> = puts[0]
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"ask") && names.contains(&"kb"), "{names:?}");
    assert_eq!(puts[0].body, puts[1].body);
    assert_eq!(
        fake.identifies(),
        0,
        "a deploy step never opens the gateway"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_commands_never_leaves_registration_to_the_deploy_step() {
    common::init_test_logging();
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&fake, dir.path(), "register_commands = \"never\"");
    let config = careerbot::config::Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
    let engine = careerbot::engine::Engine::load(&knowledge_dir()).unwrap();
    let task = tokio::spawn(careerbot::discord::run(config, engine));
    fake.wait_connected(1).await;
    // Answering proves setup has run; registration would have come before.
    let (id, d) = ask_in(&fake, GUILD_ID, "how much do backend devs make", 7);
    fake.dispatch("INTERACTION_CREATE", d);
    let prefix = format!("/api/v10/interactions/{id}/");
    fake.take_request("the answer", |r| {
        is_callback(r) && r.path.starts_with(&prefix)
    })
    .await;
    assert!(
        !fake.requests().iter().any(is_registration),
        "{:#?}",
        fake.requests()
    );
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_closes_a_shard_out_of_range_with_4010() {
    // Not the bot (its config refuses such a range): serenity asked
    // directly for shard 5 of 4, to hold the fake to Discord's rule.
    let fake = FakeDiscord::start().await;
    let http = serenity::HttpBuilder::new(TOKEN)
        .proxy(fake.api_url())
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
        .await
        .unwrap();
    let task = tokio::spawn(async move { client.start_shard(5, 4).await });
    let deadline = tokio::time::Instant::now() + common::fake_discord::WAIT;
    while fake.invalid_shards() == 0 {
        assert!(tokio::time::Instant::now() < deadline, "no 4010 close");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(fake.identified_shards()[0], [5, 4]);
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_refuses_a_second_callback_for_one_interaction() {
    let fake = FakeDiscord::start().await;
    let url = format!("{}/api/v10/interactions/77/token/callback", fake.api_url());
    let http = serenity::HttpBuilder::new(TOKEN)
        .proxy(fake.api_url())
        .ratelimiter_disabled(true)
        .build();
    let response = serenity::CreateInteractionResponse::Acknowledge;
    let first = http
        .create_interaction_response(serenity::InteractionId::new(77), "token", &response, vec![])
        .await;
    assert!(first.is_ok(), "{first:?}");
    let second = http
        .create_interaction_response(serenity::InteractionId::new(77), "token", &response, vec![])
        .await;
    let error = format!("{:?}", second.unwrap_err());
    assert!(error.contains("40060"), "{error}");
    let refused = fake.second_callbacks();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(url.ends_with(&refused[0].path), "{}", refused[0].path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_runs_every_shard_discord_recommends() {
    common::init_test_logging();
    let fake = FakeDiscord::start().await;
    fake.set_shards(2);
    let guilds = [guild_on(0, 2, 0), guild_on(1, 2, 0)];
    fake.set_guilds(&guilds);
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&fake, dir.path(), "shards = \"auto\"\ncooldown_seconds = 0");
    let config = careerbot::config::Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
    let engine = careerbot::engine::Engine::load(&knowledge_dir()).unwrap();
    let task = tokio::spawn(careerbot::discord::run(config, engine));
    fake.wait_shards_connected(&[0, 1], 2).await;
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.method == "GET" && r.path == "/api/v10/gateway/bot"));
    for guild in guilds {
        let (id, d) = ask_in(&fake, guild, "how much do backend devs make", 7);
        fake.dispatch("INTERACTION_CREATE", d);
        let prefix = format!("/api/v10/interactions/{id}/");
        fake.take_request("the answer", |r| {
            is_callback(r) && r.path.starts_with(&prefix)
        })
        .await;
    }
    let mut shards = fake.identified_shards();
    shards.sort();
    assert_eq!(shards, [[0, 2], [1, 2]]);
    // One process runs shard 0, so it registers.
    assert_eq!(
        fake.requests()
            .iter()
            .filter(|r| is_registration(r))
            .count(),
        1
    );
    task.abort();
}

#[test]
fn the_systemd_unit_gives_its_instance_range_and_leaves_registration_to_the_deploy_step() {
    let unit = include_str!("../deploy/careerbot@.service");
    let mut env = careerbot::config::Environment::default();
    for line in unit.lines() {
        let Some(setting) = line.strip_prefix("Environment=") else {
            continue;
        };
        let (name, value) = setting.split_once('=').unwrap();
        // What systemd makes of the unit careerbot@2-3.service.
        let value = Some(value.replace("%i", "2-3"));
        match name {
            "CAREERBOT_SHARD_RANGE" => env.shard_range = value,
            "CAREERBOT_REGISTER_COMMANDS" => env.register_commands = value,
            "CAREERBOT_SHARDS" => env.shards = value,
            _ => {}
        }
    }
    assert!(unit.contains("ExecStart=/usr/local/bin/careerbot run"));
    let config =
        careerbot::config::Config::from_env(Some("[discord]\nshards = 4"), None, &env).unwrap();
    let plan = careerbot::shard::ShardPlan::new(2, 3, 4).unwrap();
    assert_eq!(
        config.discord.sharding,
        careerbot::config::Sharding::Fixed(plan)
    );
    assert_eq!(
        config.discord.register_commands,
        careerbot::config::RegisterCommands::Never
    );
}
