//! A loopback fake of Discord for the end-to-end tests: REST over plain HTTP
//! and the gateway over plain WebSocket, both on one 127.0.0.1 port, following
//! Discord's documented API v10 shapes. The real bot (serenity + poise) talks
//! to it through `[discord] api_url`.
//!
//! The fake records every REST request; tests send gateway dispatches
//! (interactions, messages), wait for the requests the bot makes in answer,
//! and can drop the gateway connection to watch the bot come back.
//!
//! Sharding as Discord documents it: `GET /gateway/bot` recommends
//! [`FakeDiscord::set_shards`] shards; each gateway session is identified
//! with `shard: [id, num_shards]` and receives only the events of servers
//! with `(guild_id >> 22) % num_shards == id` (events without a server go
//! to shard 0); an IDENTIFY with `id >= num_shards` is closed with 4010
//! (invalid shard). A second callback for one interaction gets HTTP 400
//! (error 40060, already acknowledged) and is kept for the test to see.

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

/// Discord's close code for an IDENTIFY whose shard is out of range.
pub const INVALID_SHARD: u16 = 4010;
/// Discord's JSON error code for a second response to one interaction.
pub const ALREADY_ACKNOWLEDGED: u64 = 40060;

/// One gateway session: the shard it identified with and its sequence,
/// which a RESUME continues.
struct Session {
    shard: [u64; 2],
    seq: AtomicU64,
}

/// One open gateway connection and the session it identified or resumed.
struct Connection {
    tx: mpsc::UnboundedSender<GatewayCommand>,
    session: Option<Arc<Session>>,
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
    /// Open gateway connections, by a number the fake gives each.
    connections: Mutex<std::collections::BTreeMap<u64, Connection>>,
    next_connection: AtomicU64,
    /// Sessions by id, for RESUME.
    sessions: Mutex<std::collections::HashMap<String, Arc<Session>>>,
    /// The count `GET /gateway/bot` recommends (0 means 1).
    shards: AtomicU64,
    /// IDENTIFYs closed with 4010.
    invalid_shards: AtomicUsize,
    /// Interactions already answered, and second answers refused.
    answered: Mutex<std::collections::HashSet<String>>,
    second_callbacks: Mutex<Vec<Request>>,
    /// Servers the fake knows of, listed in READY (as unavailable) on their shard.
    guilds: Mutex<Vec<u64>>,
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
            shards: AtomicU64::new(1),
            guilds: Mutex::new(vec![GUILD_ID]),
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

    /// The shard count `GET /gateway/bot` recommends (1 unless set).
    pub fn set_shards(&self, shards: u64) {
        self.shared.shards.store(shards, Ordering::SeqCst);
    }

    /// Servers READY lists, each to the session of its shard.
    pub fn set_guilds(&self, guilds: &[u64]) {
        *self.shared.guilds.lock().unwrap() = guilds.to_vec();
    }

    /// How many IDENTIFYs were closed with 4010 (invalid shard).
    pub fn invalid_shards(&self) -> usize {
        self.shared.invalid_shards.load(Ordering::SeqCst)
    }

    /// Callbacks for interactions that had already been answered (refused
    /// with HTTP 400, as Discord does).
    pub fn second_callbacks(&self) -> Vec<Request> {
        self.shared.second_callbacks.lock().unwrap().clone()
    }

    /// The `shard` of every IDENTIFY so far, in order.
    pub fn identified_shards(&self) -> Vec<[u64; 2]> {
        self.identify_payloads()
            .iter()
            .map(shard_of_identify)
            .collect()
    }

    /// Waits until the bot has identified or resumed `sessions` times in all
    /// and is connected.
    pub async fn wait_connected(&self, sessions: usize) {
        self.wait_until(|| self.identifies() + self.resumes() >= sessions && self.connected())
            .await;
    }

    /// Waits until every shard in `shards` (out of `total`) has a live session.
    pub async fn wait_shards_connected(&self, shards: &[u64], total: u64) {
        self.wait_until(|| {
            let live = self.live_shards();
            shards.iter().all(|&id| live.contains(&[id, total]))
        })
        .await;
    }

    /// The shards of the open, identified connections.
    fn live_shards(&self) -> Vec<[u64; 2]> {
        self.shared
            .connections
            .lock()
            .unwrap()
            .values()
            .filter(|c| !c.tx.is_closed())
            .filter_map(|c| c.session.as_ref().map(|s| s.shard))
            .collect()
    }

    fn connected(&self) -> bool {
        !self.live_shards().is_empty()
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

    /// Sends a dispatch (op 0) to the session of the shard of `d`'s server.
    pub fn dispatch(&self, event: &str, d: Value) {
        let (tx, session) = self.route(guild_of(&d));
        let s = session.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let payload = json!({"op": 0, "t": event, "s": s, "d": d});
        send(&tx, payload.to_string());
    }

    /// A dispatch serialized ahead of time, for the benchmark: `d` is the
    /// event's JSON; the sequence number is filled in when it is sent.
    /// Returns the sequence number, for [`Self::written_at`].
    pub fn dispatch_prepared(&self, event: &str, d: &str) -> u64 {
        let guild = serde_json::from_str::<Value>(d)
            .ok()
            .and_then(|v| guild_of(&v));
        let (tx, session) = self.route(guild);
        let s = session.seq.fetch_add(1, Ordering::SeqCst) + 1;
        send(&tx, format!(r#"{{"op":0,"t":"{event}","s":{s},"d":{d}}}"#));
        s
    }

    /// The open connection whose session's shard receives `guild`'s events
    /// (shard 0 for events without a server), as Discord routes them.
    fn route(&self, guild: Option<u64>) -> (mpsc::UnboundedSender<GatewayCommand>, Arc<Session>) {
        let connections = self.shared.connections.lock().unwrap();
        connections
            .values()
            .filter(|c| !c.tx.is_closed())
            .filter_map(|c| c.session.clone().map(|s| (c.tx.clone(), s)))
            .find(|(_, s)| {
                let [id, total] = s.shard;
                guild.map_or(0, |g| (g >> 22) % total.max(1)) == id
            })
            .unwrap_or_else(|| panic!("no gateway session for the shard of server {guild:?}"))
    }

    /// When the dispatch with sequence number `s` was written to the socket.
    pub fn written_at(&self, s: u64) -> Option<std::time::Instant> {
        self.shared.written.lock().unwrap().get(&s).copied()
    }

    /// Drops every gateway connection without a close frame, as a network
    /// failure would.
    pub fn drop_gateway(&self) {
        let connections = std::mem::take(&mut *self.shared.connections.lock().unwrap());
        for c in connections.into_values() {
            let _ = c.tx.send(GatewayCommand::Drop);
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

fn send(tx: &mpsc::UnboundedSender<GatewayCommand>, text: String) {
    tx.send(GatewayCommand::Send(text)).expect("gateway open");
}

/// The server an event belongs to: its `guild_id`.
fn guild_of(d: &Value) -> Option<u64> {
    d["guild_id"].as_str().and_then(|g| g.parse().ok())
}

/// `shard` of an IDENTIFY's `d`; a bot that sends none is shard [0, 1].
fn shard_of_identify(d: &Value) -> [u64; 2] {
    match d["shard"].as_array().map(|a| a.as_slice()) {
        Some([id, total]) => [id.as_u64().unwrap_or(u64::MAX), total.as_u64().unwrap_or(0)],
        _ => [0, 1],
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
    let request = Request {
        method: method.to_string(),
        path: path.clone(),
        auth,
        body: body.clone(),
        received_at: std::time::Instant::now(),
    };
    record(&shared, request.clone());
    let addr = shared.addr.lock().unwrap().unwrap();
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => Json(json!({"url": format!("ws://{addr}")})).into_response(),
        ("GET", ["gateway", "bot"]) => Json(json!({
            "url": format!("ws://{addr}"),
            "shards": shared.shards.load(Ordering::SeqCst).max(1),
            // Every IDENTIFY starts a session and uses one of the day's starts.
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000usize.saturating_sub(shared.identifies.load(Ordering::SeqCst)),
                "reset_after": 14400000,
                "max_concurrency": 1
            }
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
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
        ("GET", ["oauth2", "applications", "@me"]) => Json(json!({
            "id": APP_ID.to_string(),
            "name": "careerbot",
            "icon": null,
            "description": "",
            "bot_public": true,
            "bot_require_code_grant": false,
            "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
            "team": null,
            "owner": user(1, false),
            "flags": 0
        }))
        .into_response(),
        ("POST", ["interactions", id, _, "callback"]) => {
            if shared.answered.lock().unwrap().insert(id.to_string()) {
                StatusCode::NO_CONTENT.into_response()
            } else {
                shared.second_callbacks.lock().unwrap().push(request);
                shared.changed.notify_waiters();
                (
                    StatusCode::BAD_REQUEST,
                    Json(json!({"message": "Interaction has already been acknowledged.", "code": ALREADY_ACKNOWLEDGED})),
                )
                    .into_response()
            }
        }
        ("GET", ["", "attachments", name]) | ("GET", ["attachments", name]) => {
            match shared.files.lock().unwrap().get(*name) {
                Some(content) => content.clone().into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        }
        ("POST", ["channels", channel, "messages"]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            let mut m = message(
                id,
                channel.parse().unwrap_or(0),
                BOT_ID,
                true,
                body["content"].as_str().unwrap_or(""),
                vec![],
            );
            m["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
            Json(m).into_response()
        }
        // A follow-up message after a deferred response.
        ("POST", ["webhooks", _, _]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            let mut m = message(
                id,
                CHANNEL_ID,
                BOT_ID,
                true,
                body["content"].as_str().unwrap_or(""),
                vec![],
            );
            m["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
            Json(m).into_response()
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            Json(message(id, CHANNEL_ID, BOT_ID, true, "", vec![])).into_response()
        }
        _ => (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "404: Not Found", "code": 0})),
        )
            .into_response(),
    }
}

async fn gateway_upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| gateway(socket, shared))
}

/// One gateway connection: HELLO, then IDENTIFY → READY (or a 4010 close
/// for a shard out of range) or RESUME → RESUMED, heartbeats acknowledged,
/// and whatever the test sends to this connection's shard.
async fn gateway(socket: WebSocket, shared: Arc<Shared>) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let me = shared.next_connection.fetch_add(1, Ordering::SeqCst);
    shared.connections.lock().unwrap().insert(
        me,
        Connection {
            tx: tx.clone(),
            session: None,
        },
    );
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null});
    if sink.send(WsMessage::Text(hello.to_string())).await.is_err() {
        forget(&shared, me);
        return;
    }
    let addr = shared.addr.lock().unwrap().unwrap();
    let attach = |session: Arc<Session>| {
        if let Some(c) = shared.connections.lock().unwrap().get_mut(&me) {
            c.session = Some(session);
        }
    };
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
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        let [id, total] = shard_of_identify(&payload["d"]);
                        if total == 0 || id >= total {
                            shared.invalid_shards.fetch_add(1, Ordering::SeqCst);
                            let close = axum::extract::ws::CloseFrame {
                                code: INVALID_SHARD,
                                reason: "Invalid shard.".into(),
                            };
                            let _ = sink.send(WsMessage::Close(Some(close))).await;
                            break;
                        }
                        let number = shared.next_connection.fetch_add(1, Ordering::SeqCst);
                        let session_id = format!("session-{number}");
                        let session = Arc::new(Session { shard: [id, total], seq: AtomicU64::new(1) });
                        shared.sessions.lock().unwrap().insert(session_id.clone(), session.clone());
                        attach(session);
                        let guilds: Vec<Value> = shared.guilds.lock().unwrap().iter()
                            .filter(|&&g| (g >> 22) % total == id)
                            .map(|g| json!({"id": g.to_string(), "unavailable": true}))
                            .collect();
                        let ready = json!({"op": 0, "t": "READY", "s": 1, "d": {
                            "v": 10,
                            "user": {"id": BOT_ID.to_string(), "username": "careerbot", "discriminator": "0",
                                     "global_name": null, "avatar": null, "bot": true, "verified": true,
                                     "mfa_enabled": false, "flags": 0},
                            "guilds": guilds,
                            "session_id": session_id,
                            "resume_gateway_url": format!("ws://{addr}"),
                            "shard": [id, total],
                            "application": {"id": APP_ID.to_string(), "flags": 0}
                        }});
                        let _ = tx.send(GatewayCommand::Send(ready.to_string()));
                    }
                    Some(6) => {
                        let id = payload["d"]["session_id"].as_str().unwrap_or_default();
                        let session = shared.sessions.lock().unwrap().get(id).cloned();
                        // A session the fake never started: Discord would
                        // say invalid session; the tests never do this.
                        let session = session.unwrap_or_else(|| Arc::new(Session { shard: [0, 1], seq: AtomicU64::new(0) }));
                        let s = session.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        attach(session);
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
    forget(&shared, me);
}

/// Removes a closed connection, so nothing is routed to it.
fn forget(shared: &Shared, connection: u64) {
    shared.connections.lock().unwrap().remove(&connection);
    shared.changed.notify_waiters();
}
