//! Interaction received → callback sent, through the real bot and the
//! loopback fake Discord (`cargo bench --bench discord`).
//!
//! Each round dispatches 100 `/ask` interactions back to back on the gateway
//! (100 in flight) and times each one from the moment the fake has written
//! its INTERACTION_CREATE to the socket to the moment the fake has read the
//! bot's callback, so the figure includes the loopback network both ways. Prints p50, p99 and
//! max over all rounds, then lets criterion time whole rounds.

#[path = "../tests/common/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;

use careerbot::config::Config;
use careerbot::engine::Engine;
use criterion::{criterion_group, criterion_main, Criterion};
use fake_discord::{FakeDiscord, Request, GUILD_ID, TOKEN};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

const IN_FLIGHT: usize = 100;
const QUESTIONS: &[&str] = &[
    "how much do backend devs make",
    "what languages should a backend developer learn",
    "backend vs frontend",
    "how do I bake bread?",
];

struct Bench {
    fake: FakeDiscord,
    next_user: u64,
}

/// Sends one round of `in_flight` interactions at once and returns each
/// one's latency.
async fn round(b: &mut Bench, in_flight: usize) -> Vec<Duration> {
    // Payloads are built before the clock starts.
    let prepared: Vec<(u64, String)> = (0..in_flight)
        .map(|i| {
            b.next_user += 1;
            let q = QUESTIONS[i % QUESTIONS.len()];
            let (id, _, d) = b.fake.slash_command(
                "ask",
                json!([{"name": "question", "type": 3, "value": q}]),
                b.next_user,
                "0",
            );
            (id, d.to_string())
        })
        .collect();
    let mut sent = Vec::with_capacity(IN_FLIGHT);
    for (id, d) in &prepared {
        let at = Instant::now();
        b.fake.dispatch_prepared("INTERACTION_CREATE", d);
        sent.push((*id, at));
    }
    let mut latencies = Vec::with_capacity(in_flight);
    for (id, at) in sent {
        let prefix = format!("/api/v10/interactions/{id}/");
        let r: Request = b
            .fake
            .take_request("callback", |r| r.path.starts_with(&prefix))
            .await;
        latencies.push(r.received_at.saturating_duration_since(at));
    }
    latencies
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut bench = rt.block_on(async {
        let fake = FakeDiscord::start().await;
        let db = std::env::temp_dir().join(format!("careerbot-bench-{}.sqlite3", std::process::id()));
        let text = format!(
            "[discord]\napi_url = \"{}\"\ndev_guild_id = {GUILD_ID}\ncooldown_seconds = 0\n[storage]\ndatabase = \"{}\"\n",
            fake.api_url(),
            db.display()
        );
        let config = Config::from_parts(Some(&text), None, Some(TOKEN)).unwrap();
        let engine =
            Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
        tokio::spawn(careerbot::discord::run(config, engine));
        fake.wait_connected(1).await;
        fake.take_request("registration", |r| r.method == "PUT")
            .await;
        Bench { fake, next_user: 1 }
    });

    // Warm up, then one interaction at a time: the latency with no queue.
    rt.block_on(round(&mut bench, IN_FLIGHT));
    let mut alone: Vec<Duration> = (0..300)
        .flat_map(|_| rt.block_on(round(&mut bench, 1)))
        .collect();
    alone.sort();
    eprintln!(
        "interaction -> callback, 1 in flight, {} interactions: p50 {:?}  p99 {:?}  max {:?}",
        alone.len(),
        percentile(&alone, 0.50),
        percentile(&alone, 0.99),
        alone[alone.len() - 1]
    );

    // Then 30 rounds of 100 in flight.
    let mut all = Vec::new();
    for r in 0..30 {
        let mut lat = rt.block_on(round(&mut bench, IN_FLIGHT));
        lat.sort();
        if std::env::var_os("CAREERBOT_BENCH_VERBOSE").is_some() {
            eprintln!(
                "round {r}: min {:?} p50 {:?} max {:?}",
                lat[0],
                percentile(&lat, 0.5),
                lat[lat.len() - 1]
            );
        }
        all.extend(lat);
    }
    all.sort();
    eprintln!(
        "interaction -> callback, {IN_FLIGHT} in flight, {} interactions: p50 {:?}  p99 {:?}  max {:?}",
        all.len(),
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        all[all.len() - 1]
    );

    let mut group = c.benchmark_group("discord");
    group.sample_size(10);
    group.bench_function("round_of_100_in_flight", |b| {
        b.iter_custom(|rounds| {
            let start = Instant::now();
            for _ in 0..rounds {
                rt.block_on(round(&mut bench, IN_FLIGHT));
            }
            start.elapsed()
        })
    });
    group.finish();
}

criterion_group!(discord_benches, benches);
criterion_main!(discord_benches);
