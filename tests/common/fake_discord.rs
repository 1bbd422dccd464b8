//! A loopback fake of Discord for the end-to-end tests: REST over plain HTTP
//! and the gateway over plain WebSocket, both on one 127.0.0.1 port, following
//! Discord's documented API v10 shapes. The real bot (serenity + poise) talks
//! to it through `[discord] api_url`.
//!
//! The fake records every REST request; tests send gateway dispatches
//! (interactions, messages), wait for the requests the bot makes in answer,
//! and can drop the gateway connection to watch the bot come back.

use axum::body::Bytes;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};

pub const APP_ID: u64 = 900_000_000_000_000_001;
pub const BOT_ID: u64 = 900_000_000_000_000_002;
pub const GUILD_ID: u64 = 900_000_000_000_000_003;
pub const CHANNEL_ID: u64 = 900_000_000_000_000_004;
pub const HELP_CHANNEL_ID: u64 = 900_000_000_000_000_005;
pub const MODERATOR_ROLE_ID: u64 = 900_000_000_000_000_006;
/// The Manage Server permission bit, as Discord sends permissions (a string).
pub const MANAGE_GUILD: &str = "32";
/// A token of the right shape; only this fake ever sees it.
pub const TOKEN: &str = "OTAwMDAwMDAwMDAwMDAwMDAy.GfAkE1.fake-token-for-the-loopback-tests-only";

/// How long a test waits for the bot before failing.
pub const WAIT: Duration = Duration::from_secs(30);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub auth: Option<String>,
    pub body: Value,
    /// When the fake finished reading it.
    pub received_at: std::time::Instant,
}

enum GatewayCommand {
    Send(String),
    Drop,
}

#[derive(Default)]
struct Requests {
    all: Vec<Request>,
    untaken: Vec<Request>,
}

#[derive(Default)]
struct Shared {
    addr: Mutex<Option<SocketAddr>>,
    /// Every request, in order, and those no test has taken yet.
    requests: Mutex<Requests>,
    changed: Notify,
    connection: Mutex<Option<mpsc::UnboundedSender<GatewayCommand>>>,
    seq: AtomicU64,
    /// Sequence number of each dispatch sent, to when it was written.
    written: Mutex<std::collections::HashMap<u64, std::time::Instant>>,
    identifies: AtomicUsize,
    resumes: AtomicUsize,
    identify_payloads: Mutex<Vec<Value>>,
    next_id: AtomicU64,
    /// Files served at `/attachments/NAME` (what members upload).
    files: Mutex<std::collections::HashMap<String, String>>,
}

pub struct FakeDiscord {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FakeDiscord {
    /// Binds 127.0.0.1:0 and serves until the test's runtime ends.
    pub async fn start() -> FakeDiscord {
        let shared = Arc::new(Shared {
            next_id: AtomicU64::new(1_000_000_000_000_000_000),
            ..Default::default()
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        *shared.addr.lock().unwrap() = Some(addr);
        let app = Router::new()
            .route("/", get(gateway_upgrade))
            .fallback(rest)
            .with_state(shared.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).tcp_nodelay(true).await.unwrap();
        });
        FakeDiscord { addr, shared }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn identifies(&self) -> usize {
        self.shared.identifies.load(Ordering::SeqCst)
    }

    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    pub fn identify_payloads(&self) -> Vec<Value> {
        self.shared.identify_payloads.lock().unwrap().clone()
    }

    /// Waits until the bot has identified or resumed `sessions` times in all
    /// and is connected.
    pub async fn wait_connected(&self, sessions: usize) {
        self.wait_until(|| self.identifies() + self.resumes() >= sessions && self.connected())
            .await;
    }

    fn connected(&self) -> bool {
        self.shared
            .connection
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|c| !c.is_closed())
    }

    async fn wait_until(&self, mut done: impl FnMut() -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.shared.changed.notified();
            if done() {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out waiting for the bot; requests so far: {:#?}",
                    self.requests()
                );
            }
        }
    }

    /// Sends a dispatch (op 0) on the current gateway connection.
    pub fn dispatch(&self, event: &str, d: Value) {
        let s = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let payload = json!({"op": 0, "t": event, "s": s, "d": d});
        self.send_raw(payload.to_string());
    }

    /// A dispatch serialized ahead of time, for the benchmark: `d` is the
    /// event's JSON; the sequence number is filled in when it is sent.
    /// Returns the sequence number, for [`Self::written_at`].
    pub fn dispatch_prepared(&self, event: &str, d: &str) -> u64 {
        let s = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        self.send_raw(format!(r#"{{"op":0,"t":"{event}","s":{s},"d":{d}}}"#));
        s
    }

    /// When the dispatch with sequence number `s` was written to the socket.
    pub fn written_at(&self, s: u64) -> Option<std::time::Instant> {
        self.shared.written.lock().unwrap().get(&s).copied()
    }

    fn send_raw(&self, text: String) {
        let conn = self.shared.connection.lock().unwrap();
        conn.as_ref()
            .expect("the bot is connected")
            .send(GatewayCommand::Send(text))
            .expect("gateway open");
    }

    /// Drops the gateway connection without a close frame, as a network
    /// failure would.
    pub fn drop_gateway(&self) {
        if let Some(c) = self.shared.connection.lock().unwrap().take() {
            let _ = c.send(GatewayCommand::Drop);
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().all.clone()
    }

    /// The first request not yet taken by an earlier call that matches.
    pub async fn take_request(&self, what: &str, matches: impl Fn(&Request) -> bool) -> Request {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.shared.changed.notified();
            {
                let mut requests = self.shared.requests.lock().unwrap();
                if let Some(i) = requests.untaken.iter().position(&matches) {
                    return requests.untaken.remove(i);
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out waiting for {what}; requests: {:#?}",
                    self.requests()
                );
            }
        }
    }

    /// Waits `quiet` and returns the requests matching that arrived meanwhile
    /// and were not taken (for checking the bot stays silent).
    pub async fn untaken_after(
        &self,
        quiet: Duration,
        matches: impl Fn(&Request) -> bool,
    ) -> Vec<Request> {
        tokio::time::sleep(quiet).await;
        let requests = self.shared.requests.lock().unwrap();
        requests
            .untaken
            .iter()
            .filter(|r| matches(r))
            .cloned()
            .collect()
    }

    /// Serves `content` as an uploaded attachment; returns its URL.
    pub fn serve_file(&self, name: &str, content: &str) -> String {
        self.shared
            .files
            .lock()
            .unwrap()
            .insert(name.to_string(), content.to_string());
        format!("{}/attachments/{name}", self.api_url())
    }

    pub fn new_id(&self) -> u64 {
        self.shared.next_id.fetch_add(1, Ordering::SeqCst)
    }

    /// An INTERACTION_CREATE payload for a slash command in the test guild.
    pub fn slash_command(
        &self,
        name: &str,
        options: Value,
        user: u64,
        permissions: &str,
    ) -> (u64, String, Value) {
        let id = self.new_id();
        let token = format!("interaction-token-{id}");
        let d = json!({
            "id": id.to_string(),
            "application_id": APP_ID.to_string(),
            "type": 2,
            "data": {"id": "100", "name": name, "type": 1, "options": options},
            "guild_id": GUILD_ID.to_string(),
            "channel_id": CHANNEL_ID.to_string(),
            "channel": {"id": CHANNEL_ID.to_string(), "type": 0, "guild_id": GUILD_ID.to_string(), "name": "general"},
            "member": member(user, permissions),
            "token": token,
            "version": 1,
            "app_permissions": "562949953421311",
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
            "context": 0,
            "attachment_size_limit": 8388608
        });
        (id, token, d)
    }

    /// An APPLICATION_COMMAND_AUTOCOMPLETE interaction.
    pub fn autocomplete(&self, name: &str, options: Value, user: u64) -> (u64, String, Value) {
        let (id, token, mut d) = self.slash_command(name, options, user, "0");
        d["type"] = json!(4);
        (id, token, d)
    }

    /// A MESSAGE_COMPONENT interaction: a button press on a bot message.
    pub fn button_press(&self, custom_id: &str, user: u64) -> (u64, String, Value) {
        let message = self.new_id();
        self.button_press_on(message, custom_id, user)
    }

    /// A button press on the bot message `message`.
    pub fn button_press_on(
        &self,
        message_id: u64,
        custom_id: &str,
        user: u64,
    ) -> (u64, String, Value) {
        let (id, token, mut d) = self.slash_command("unused", json!([]), user, "0");
        d["type"] = json!(3);
        d["data"] = json!({"custom_id": custom_id, "component_type": 2});
        d["message"] = message(message_id, CHANNEL_ID, BOT_ID, true, "", vec![]);
        (id, token, d)
    }

    /// A button press on a bot message that carries `embeds` (as Discord
    /// sends the whole message a component is attached to).
    pub fn button_press_on_embeds(
        &self,
        message_id: u64,
        embeds: Value,
        custom_id: &str,
        user: u64,
    ) -> (u64, String, Value) {
        let (id, token, mut d) = self.button_press_on(message_id, custom_id, user);
        d["message"]["embeds"] = embeds;
        (id, token, d)
    }

    /// A MODAL_SUBMIT interaction: text inputs `(custom_id, value)`.
    pub fn modal_submit(
        &self,
        custom_id: &str,
        fields: &[(&str, &str)],
        user: u64,
        permissions: &str,
    ) -> (u64, String, Value) {
        let (id, token, mut d) = self.slash_command("unused", json!([]), user, permissions);
        d["type"] = json!(5);
        let rows: Vec<Value> = fields
            .iter()
            .map(|(name, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": name, "value": value}]}))
            .collect();
        d["data"] = json!({"custom_id": custom_id, "components": rows});
        (id, token, d)
    }

    /// A MESSAGE_CREATE payload from a member in the test guild.
    pub fn message(
        &self,
        channel: u64,
        author: u64,
        content: &str,
        mentions: Vec<u64>,
    ) -> (u64, Value) {
        let id = self.new_id();
        let mut m = message(id, channel, author, false, content, mentions);
        m["guild_id"] = json!(GUILD_ID.to_string());
        m["member"] = json!({"roles": [], "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0});
        (id, m)
    }
}

pub fn user(id: u64, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": if bot { "careerbot".to_string() } else { format!("member{}", id % 1000) },
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": bot
    })
}

pub fn member(user_id: u64, permissions: &str) -> Value {
    json!({
        "user": user(user_id, false),
        "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions
    })
}

/// A message object as Discord's API returns it.
pub fn message(
    id: u64,
    channel: u64,
    author: u64,
    bot: bool,
    content: &str,
    mentions: Vec<u64>,
) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel.to_string(),
        "author": user(author, bot),
        "content": content,
        "timestamp": "2026-11-28T10:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": mentions.into_iter().map(|m| user(m, m == BOT_ID)).collect::<Vec<_>>(),
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
        "flags": 0
    })
}

fn record(shared: &Shared, r: Request) {
    let mut requests = shared.requests.lock().unwrap();
    requests.all.push(r.clone());
    requests.untaken.push(r);
    drop(requests);
    shared.changed.notify_waiters();
}

async fn rest(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let body: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body)
            .unwrap_or_else(|_| json!({"raw": String::from_utf8_lossy(&body)}))
    };
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    record(
        &shared,
        Request {
            method: method.to_string(),
            path: path.clone(),
            auth,
            body: body.clone(),
            received_at: std::time::Instant::now(),
        },
    );
    let addr = shared.addr.lock().unwrap().unwrap();
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => Json(json!({"url": format!("ws://{addr}")})).into_response(),
        ("GET", ["gateway", "bot"]) => Json(json!({
            "url": format!("ws://{addr}"),
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"]) | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            let guild = parts.get(3).map(|g| g.to_string());
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(shared.next_id.fetch_add(1, Ordering::SeqCst).to_string());
                    c["application_id"] = json!(APP_ID.to_string());
                    c["version"] = json!("1");
                    if c.get("type").is_none() {
                        c["type"] = json!(1);
                    }
                    if let Some(g) = &guild {
                        c["guild_id"] = json!(g);
                    }
                    if c.get("default_member_permissions").is_none() {
                        c["default_member_permissions"] = Value::Null;
                    }
                    c
                })
                .collect();
            Json(Value::Array(commands)).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("GET", ["", "attachments", name]) | ("GET", ["attachments", name]) => {
            match shared.files.lock().unwrap().get(*name) {
                Some(content) => content.clone().into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        }
        ("POST", ["channels", channel, "messages"]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            let mut m = message(id, channel.parse().unwrap_or(0), BOT_ID, true, body["content"].as_str().unwrap_or(""), vec![]);
            m["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
            Json(m).into_response()
        }
        // A follow-up message after a deferred response.
        ("POST", ["webhooks", _, _]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            let mut m = message(id, CHANNEL_ID, BOT_ID, true, body["content"].as_str().unwrap_or(""), vec![]);
            m["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
            Json(m).into_response()
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            Json(message(id, CHANNEL_ID, BOT_ID, true, "", vec![])).into_response()
        }
        _ => (StatusCode::NOT_FOUND, Json(json!({"message": "404: Not Found", "code": 0}))).into_response(),
    }
}

async fn gateway_upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| gateway(socket, shared))
}

/// One gateway connection: HELLO, then IDENTIFY → READY or RESUME →
/// RESUMED, heartbeats acknowledged, and whatever the test sends.
async fn gateway(socket: WebSocket, shared: Arc<Shared>) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    *shared.connection.lock().unwrap() = Some(tx.clone());
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null});
    if sink.send(WsMessage::Text(hello.to_string())).await.is_err() {
        return;
    }
    let addr = shared.addr.lock().unwrap().unwrap();
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(msg)) = incoming else { break };
                let text = match msg {
                    WsMessage::Text(t) => t,
                    WsMessage::Close(_) => break,
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                match payload["op"].as_u64() {
                    Some(1) => {
                        let _ = tx.send(GatewayCommand::Send(json!({"op": 11, "d": null, "s": null, "t": null}).to_string()));
                    }
                    Some(2) => {
                        shared.identify_payloads.lock().unwrap().push(payload["d"].clone());
                        let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        let ready = json!({"op": 0, "t": "READY", "s": s, "d": {
                            "v": 10,
                            "user": {"id": BOT_ID.to_string(), "username": "careerbot", "discriminator": "0",
                                     "global_name": null, "avatar": null, "bot": true, "verified": true,
                                     "mfa_enabled": false, "flags": 0},
                            "guilds": [{"id": GUILD_ID.to_string(), "unavailable": true}],
                            "session_id": format!("session-{s}"),
                            "resume_gateway_url": format!("ws://{addr}"),
                            "shard": [0, 1],
                            "application": {"id": APP_ID.to_string(), "flags": 0}
                        }});
                        let _ = tx.send(GatewayCommand::Send(ready.to_string()));
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                    }
                    Some(6) => {
                        let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        let _ = tx.send(GatewayCommand::Send(json!({"op": 0, "t": "RESUMED", "s": s, "d": {}}).to_string()));
                        shared.resumes.fetch_add(1, Ordering::SeqCst);
                    }
                    _ => {}
                }
                shared.changed.notify_waiters();
            }
            command = rx.recv() => {
                match command {
                    Some(GatewayCommand::Send(text)) => {
                        let seq = serde_json::from_str::<Value>(&text).ok().and_then(|v| v["s"].as_u64());
                        if sink.send(WsMessage::Text(text)).await.is_err() {
                            break;
                        }
                        if let Some(seq) = seq {
                            shared.written.lock().unwrap().insert(seq, std::time::Instant::now());
                        }
                        shared.changed.notify_waiters();
                    }
                    Some(GatewayCommand::Drop) | None => break,
                }
            }
        }
    }
    shared.changed.notify_waiters();
}
