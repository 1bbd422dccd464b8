//! Freshness across processes (`cargo bench --bench postgres`): a change is
//! committed through one curator, then another curator with its own
//! connections (as another process would have) answers from it. Prints
//! p50 and p99 over 200 changes for PostgreSQL (LISTEN/NOTIFY, then reading
//! and rebuilding the server) and, for comparison, SQLite (its 100 ms
//! `data_version` poll). Needs PostgreSQL's server binaries for the first
//! (see `tests/common/postgres.rs`); without them it says so and measures
//! SQLite only.

#[path = "../tests/common/postgres.rs"]
mod pg;

use careerbot::curation::{Actor, Curator, Op, Postgres};
use careerbot::engine::Engine;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const GUILD: u64 = 1;
const WARM_UP: usize = 10;
const CHANGES: usize = 200;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this too,
    // and then one quick round is enough.
    let quick = !std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
    let (warm_up, changes) = if quick { (1, 3) } else { (WARM_UP, CHANGES) };

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite3");
    let a = Curator::open(base.clone(), &db, 90).unwrap();
    let b = Curator::open(base.clone(), &db, 90).unwrap();
    report("sqlite", &rt.block_on(measure(&a, &b, warm_up, changes)));

    let Some(cluster) = pg::Cluster::start("bench postgres") else {
        println!("postgres: skipped (no PostgreSQL binaries)");
        return;
    };
    let url = cluster.database();
    let times = rt.block_on(async {
        let open = || async {
            let store = Postgres::connect(&url).await.unwrap();
            Curator::with_storage(base.clone(), Arc::new(store), 90)
                .await
                .unwrap()
        };
        let (a, b) = (open().await, open().await);
        measure(&a, &b, warm_up, changes).await
    });
    report("postgres", &times);
}

/// For each change: the time from `a.apply` returning (committed) until `b`
/// answers from it, sorted.
async fn measure(a: &Curator, b: &Curator, warm_up: usize, changes: usize) -> Vec<Duration> {
    let actor = Actor {
        id: 1,
        name: "bench".into(),
    };
    let mut times = Vec::new();
    for i in 0..warm_up + changes {
        let question = format!("freshness probe number {i}");
        a.apply(
            GUILD,
            &actor,
            Op::LinkQuestion {
                section: "salary".into(),
                question: question.clone(),
            },
        )
        .await
        .unwrap();
        let committed = Instant::now();
        let deadline = committed + Duration::from_secs(30);
        let linked = |c: &Curator| {
            c.overlay(GUILD)
                .article
                .get("salary")
                .map_or(0, |s| s.add_questions.len())
        };
        assert_eq!(linked(b), i, "b had change {i} before it was made");
        while linked(b) <= i {
            assert!(Instant::now() < deadline, "change {i} never arrived");
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        if i >= warm_up {
            times.push(committed.elapsed());
        }
    }
    times.sort();
    times
}

fn report(backend: &str, times: &[Duration]) {
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{backend}: change committed -> visible in another curator: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} changes)",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
        times.len()
    );
}
