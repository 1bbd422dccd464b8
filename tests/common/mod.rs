//! Helpers shared by the end-to-end tests: the loopback fake Discord and a
//! running bot connected to it.
#![allow(dead_code)]

pub mod fake_discord;

use careerbot::config::Config;
use careerbot::engine::Engine;
use fake_discord::{FakeDiscord, GUILD_ID, HELP_CHANNEL_ID, MODERATOR_ROLE_ID, TOKEN};
use std::path::Path;

#[path = "../support/mod.rs"]
pub mod support;

pub use support::knowledge_dir;

/// The config text pointing a bot at `fake` and a database in `dir`, with
/// `extra` lines added to the `[discord]` table.
pub fn config_text(fake: &FakeDiscord, dir: &Path, extra: &str) -> String {
    format!(
        "[discord]\napi_url = \"{}\"\ndev_guild_id = {GUILD_ID}\nhelp_channel_ids = [{HELP_CHANNEL_ID}]\nmessage_content = true\n{extra}\n\n\
         [storage]\ndatabase = \"{}\"\n[moderation]\nrole_ids = [{MODERATOR_ROLE_ID}]\n",
        fake.api_url(),
        dir.join("careerbot.sqlite3").display()
    )
}

/// Logs from the bot under test, when RUST_LOG asks for them.
pub fn init_test_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

/// A fake Discord with the real bot (serenity + poise) running in this
/// process against it, connected and with its commands registered.
pub struct TestBot {
    pub fake: FakeDiscord,
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
    pub dir: tempfile::TempDir,
    /// The bulk overwrite of the slash commands the bot sent on connecting.
    pub registration: fake_discord::Request,
}

pub async fn spawn_bot(extra: &str) -> TestBot {
    init_test_logging();
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&fake, dir.path(), extra);
    let config = Config::from_parts(Some(&text), None, Some(TOKEN)).expect("test config is valid");
    let engine = Engine::load(&knowledge_dir()).expect("shipped knowledge loads");
    let task = tokio::spawn(careerbot::discord::run(config, engine));
    fake.wait_connected(1).await;
    let registration = fake
        .take_request("command registration", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await;
    TestBot {
        fake,
        task,
        dir,
        registration,
    }
}

impl Drop for TestBot {
    fn drop(&mut self) {
        self.task.abort();
    }
}
