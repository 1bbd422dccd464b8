//! Freshness across processes (`cargo bench --bench postgres`): from the
//! call that makes a change through one curator until another curator, with
//! its own connections (as another process would have), answers from it. Prints
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

/// For each change: the time from calling `a.apply` (which returns once
/// the change is committed and `a`'s own view rebuilt) until `b` answers
/// from it, and the time `a.apply` itself took; each sorted.
async fn measure(
    a: &Curator,
    b: &Curator,
    warm_up: usize,
    changes: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let actor = Actor {
        id: 1,
        name: "bench".into(),
    };
    let linked = |c: &Curator| {
        c.overlay(GUILD)
            .expect("the state reads")
            .article
            .get("salary")
            .map_or(0, |s| s.add_questions.len())
    };
    let (mut visible, mut applied) = (Vec::new(), Vec::new());
    for i in 0..warm_up + changes {
        // b has every earlier change and not this one.
        let deadline = Instant::now() + Duration::from_secs(30);
        while linked(b) < i {
            assert!(Instant::now() < deadline, "change {} never arrived", i - 1);
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        let question = format!("freshness probe number {i}");
        let start = Instant::now();
        a.apply(
            GUILD,
            &actor,
            Op::LinkQuestion {
                section: "salary".into(),
                question,
            },
        )
        .await
        .unwrap();
        let took = start.elapsed();
        let deadline = Instant::now() + Duration::from_secs(30);
        while linked(b) <= i {
            assert!(Instant::now() < deadline, "change {i} never arrived");
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        if i >= warm_up {
            visible.push(start.elapsed());
            applied.push(took);
        }
    }
    visible.sort();
    applied.sort();
    (visible, applied)
}

fn report(backend: &str, (visible, applied): &(Vec<Duration>, Vec<Duration>)) {
    let ms = |times: &[Duration], q: f64| {
        times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3
    };
    println!(
        "{backend}: change made -> visible in another curator: p50 {:.1} ms, p99 {:.1} ms \
         (the writer's own call: p50 {:.1} ms, p99 {:.1} ms; {} changes)",
        ms(visible, 0.50),
        ms(visible, 0.99),
        ms(applied, 0.50),
        ms(applied, 0.99),
        visible.len()
    );
}
