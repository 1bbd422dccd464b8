//! Curation speed (`cargo bench --bench curation`), in a server with 1,000
//! curated entries:
//! - `curation/change_visible_1000`: a moderator adds a keyword and the next
//!   question sees it (store write, rebuild, swap, ask); the keyword added
//!   before is removed, untimed, so the server keeps its size;
//! - `question/curated_1000` against `question/uncurated`: a question's
//!   latency with that curation and without;
//! - `freshness/other_process_import_visible`: `careerbot kb import` (the
//!   real binary, another process) has returned, until a running curator in
//!   this process answers from the imported entry: SQLite's `data_version`
//!   poll, reading the server's changes and rebuilding its index.
//!
//! And memory at scale (`cargo bench --bench curation -- memory/`, `-- scale/`),
//! counted by a global allocator that tracks the bytes Rust code holds
//! (SQLite's own page cache is C and not counted):
//! - `memory/miss_10_changes`, `memory/miss_1000_changes`: the bytes one
//!   curated server's view holds (printed), and the time to build it on a
//!   miss (store read, fold, index);
//! - `scale/…`: 100,000 servers, one in ten curated (a few changes each):
//!   the memory after one question in every server with `max_cached_guilds`
//!   at its default and with every curated server kept (printed), and the
//!   engine lookup on a cache hit, a miss, and an uncurated server.

use careerbot::curation::{Actor, Curator, CustomEntry, Op, DEFAULT_MAX_CACHED_GUILDS};
use careerbot::engine::Engine;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live at any moment.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; the counter
// only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_add(new_size, Relaxed);
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes held by Rust code now, once the watcher and store threads are idle.
fn live() -> usize {
    std::thread::sleep(std::time::Duration::from_millis(300));
    LIVE.load(Relaxed)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

const GUILD: u64 = 1;
const QUESTIONS: &[&str] = &[
    "how much do backend devs make",
    "What programming languages should a back-end engineer learn?",
    "diffrence between frontend and backend",
    "How much does a dentist make?",
    "when is meetup number 512",
];

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let base = Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
    let curator = Curator::open(base.clone(), &dir.path().join("bench.sqlite3"), 90).unwrap();
    let actor = Actor {
        id: 1,
        name: "bench".into(),
    };
    // 1,000 entries in one import, as a server that has curated for a while.
    let mut state = careerbot::curation::Overlay::default();
    for i in 0..1000 {
        state.custom.insert(
            format!("entry-{i}"),
            CustomEntry {
                title: format!("Community meetup number {i}"),
                text: format!("Meetup {i} is about topic {i}: bring questions, code and friends. We meet in the voice channel and share notes afterwards."),
                keywords: vec![format!("meetup {i}"), format!("topic{i}"), "community".into()],
                questions: vec![format!("when is meetup number {i}")],
                hidden: false,
            },
        );
    }
    rt.block_on(curator.apply(
        GUILD,
        &actor,
        Op::Import {
            state,
            merge: false,
        },
    ))
    .unwrap();
    assert!(curator.engine(Some(GUILD)).knowledge().sections().len() > 1000);

    let mut n = 0u64;
    let mut group = c.benchmark_group("curation");
    group.sample_size(20);
    // Each change adds a new word (the vocabulary grows, as it does when
    // moderators teach new words); the previous one is removed first,
    // untimed, so that the server stays at its 1,000 entries and one taught
    // keyword rather than piling a keyword per iteration onto one section.
    let add = |n: u64| Op::AddKeyword {
        section: "salary".into(),
        keyword: format!("benchword{n}"),
    };
    rt.block_on(curator.apply(GUILD, &actor, add(0))).unwrap();
    group.bench_function("change_visible_1000", |b| {
        b.iter_batched(
            || {
                let remove = Op::RemoveKeyword {
                    section: "salary".into(),
                    keyword: format!("benchword{n}"),
                };
                rt.block_on(curator.apply(GUILD, &actor, remove)).unwrap();
                n += 1;
                n
            },
            |n| {
                rt.block_on(curator.apply(GUILD, &actor, add(n))).unwrap();
                let r = curator
                    .engine(Some(GUILD))
                    .ask(&format!("backend benchword{n}"));
                assert_eq!(r.answer.map(|a| a.section.id).as_deref(), Some("salary"));
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();

    let curated = curator.engine(Some(GUILD));
    let mut i = 0;
    c.bench_function("question/curated_1000", |b| {
        b.iter(|| {
            i = (i + 1) % QUESTIONS.len();
            black_box(curated.ask(black_box(QUESTIONS[i])))
        })
    });
    let mut j = 0;
    c.bench_function("question/uncurated", |b| {
        b.iter(|| {
            j = (j + 1) % QUESTIONS.len();
            black_box(base.ask(black_box(QUESTIONS[j])))
        })
    });

    other_process(c, &curator, dir.path());
}

/// Change made by another process → visible here.
fn other_process(c: &mut Criterion, bot: &Curator, dir: &Path) {
    const OTHER_GUILD: u64 = 2;
    let config = dir.join("operator.toml");
    std::fs::write(
        &config,
        format!(
            "[storage]\ndatabase = \"{}\"\n",
            dir.join("bench.sqlite3").display()
        ),
    )
    .unwrap();
    let file = dir.join("import.toml");
    let mut n = 0u64;
    let mut group = c.benchmark_group("freshness");
    group.sample_size(10);
    group.bench_function("other_process_import_visible", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let word = format!("freshword{n}");
                std::fs::write(
                    &file,
                    format!("[custom.fresh]\ntitle = \"Fresh entry\"\ntext = \"Imported by another process.\"\nkeywords = [\"{word}\"]\n"),
                )
                .unwrap();
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
                    .arg("--config")
                    .arg(&config)
                    .args(["kb", "import", "--guild", &OTHER_GUILD.to_string()])
                    .arg(&file)
                    .env_remove("DISCORD_TOKEN")
                    .stdout(std::process::Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
                let imported = std::time::Instant::now();
                loop {
                    let engine = bot.engine(Some(OTHER_GUILD));
                    let section = engine.knowledge().section("fresh");
                    if section.is_some_and(|s| s.keywords().iter().any(|k| k.contains(&word))) {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_micros(500));
                }
                total += imported.elapsed();
            }
            total
        })
    });
    group.finish();
}

/// A moderator's `n`th change in server `guild`: entries, keywords on
/// article sections and on entries, linked questions, in turn.
fn nth_change(guild: u64, n: usize, article: &[String]) -> Op {
    let entry = |k: usize| format!("g{guild}-entry-{k}");
    match n % 4 {
        0 => Op::CreateEntry {
            id: entry(n / 4),
            entry: CustomEntry {
                title: format!("Server {guild} meetup {n}"),
                text: format!("Meetup {n} of server {guild} is about topic {n}: bring questions, code and friends. We meet in the voice channel and share notes afterwards."),
                keywords: vec![format!("meetup {n}"), format!("topic{n}")],
                questions: vec![],
                hidden: false,
            },
        },
        1 => Op::AddKeyword {
            section: article[n / 4 % article.len()].clone(),
            keyword: format!("word{guild}x{n}"),
        },
        2 => Op::LinkQuestion {
            section: entry(n / 4),
            question: format!("when does server {guild} hold meetup {}", n - 2),
        },
        _ => Op::AddKeyword {
            section: entry(n / 4),
            keyword: format!("gathering {n}"),
        },
    }
}

/// A store at `path` where each of `guilds` has `changes` changes, written
/// straight into the change log in one transaction (as that many `apply`s
/// would leave it, without a rebuild and an fsync for each).
fn seed(base: &Engine, path: &Path, guilds: impl Iterator<Item = u64>, changes: usize) {
    drop(Curator::open(base.clone(), path, 90).unwrap());
    let article: Vec<String> = base
        .knowledge()
        .sections()
        .iter()
        .map(|s| s.id().to_string())
        .collect();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO changes (guild_id, actor_id, actor_name, at, summary, op) VALUES (?1, 1, 'bench', 0, ?2, ?3)")
            .unwrap();
        for g in guilds {
            for n in 0..changes {
                let op = nth_change(g, n, &article);
                let json = serde_json::to_string(&op).unwrap();
                insert
                    .execute(rusqlite::params![g as i64, op.summary(), json])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

/// Bytes per curated server with 10 and with 1,000 changes, and a miss's
/// time at each size. Set up only when a `memory/` bench is selected.
fn memory(c: &mut Criterion) {
    let base = Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
    let mut group = c.benchmark_group("memory");
    group.sample_size(10);
    for (changes, servers) in [(10usize, 200u64), (1000, 20)] {
        let mut curator: Option<(tempfile::TempDir, Curator)> = None;
        let mut g = 0;
        group.bench_function(format!("miss_{changes}_changes"), |b| {
            let (_, curator) = curator.get_or_insert_with(|| per_server(&base, changes, servers));
            // Every lookup a miss: two servers, room for one.
            b.iter(|| {
                g = g % 2 + 1;
                black_box(curator.engine(Some(g)))
            })
        });
    }
    group.finish();
}

/// Builds `servers` servers with `changes` changes each, prints the bytes
/// they hold, and returns their curator with room for one view.
fn per_server(base: &Engine, changes: usize, servers: u64) -> (tempfile::TempDir, Curator) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.sqlite3");
    seed(base, &path, 1..=servers, changes);
    let curator = Curator::open(base.clone(), &path, 90)
        .unwrap()
        .with_max_cached_guilds(servers as usize);
    let before = live();
    for g in 1..=servers {
        black_box(curator.engine(Some(g)));
    }
    let after = live();
    let sections = curator.engine(Some(1)).knowledge().sections().len();
    assert!(sections > base.knowledge().sections().len() + changes / 4 - 1);
    println!(
        "memory: {servers} curated servers with {changes} changes each ({sections} sections) \
         hold {:.1} MiB: {:.0} KiB per server",
        mib(after - before),
        (after - before) as f64 / servers as f64 / 1024.0
    );
    (dir, curator.with_max_cached_guilds(1))
}

const SERVERS: u64 = 100_000;

/// 100,000 servers, 10,000 of them curated with a few changes each; set up
/// only when a `scale/` bench is selected.
fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);
    let mut got: Option<(tempfile::TempDir, Curator)> = None;
    group.bench_function("engine_hit", |b| {
        let (_, curator) = got.get_or_insert_with(walk_100k);
        curator.engine(Some(10));
        b.iter(|| black_box(curator.engine(black_box(Some(10)))))
    });
    group.bench_function("engine_uncurated", |b| {
        let (_, curator) = got.get_or_insert_with(walk_100k);
        b.iter(|| black_box(curator.engine(black_box(Some(11)))))
    });
    // Curated servers in turn, ten times more of them than the cache holds.
    let mut g = 0;
    group.bench_function("engine_miss", |b| {
        let (_, curator) = got.get_or_insert_with(walk_100k);
        b.iter(|| {
            g = (g + 10) % SERVERS;
            black_box(curator.engine(Some(g + 10)))
        })
    });
    group.finish();
}

/// Seeds the 100,000-server store, asks one question in every server with
/// the default `max_cached_guilds`, and prints the memory; then the memory
/// per kept view (by shrinking the cache to 100) and what keeping every
/// curated server would take. (Measuring that directly needs more memory
/// than the shared bench machine has.)
fn walk_100k() -> (tempfile::TempDir, Curator) {
    const CHANGES: usize = 3;
    let base = Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scale.sqlite3");
    let curated = (1..=SERVERS).filter(|g| g.is_multiple_of(10));
    seed(&base, &path, curated, CHANGES);
    let before = live();
    let curator = Curator::open(base.clone(), &path, 90).unwrap();
    let opened = live();
    let start = std::time::Instant::now();
    let q = "how much do backend devs make";
    for g in 1..=SERVERS {
        black_box(curator.engine(Some(g)).ask(q));
    }
    let walk = start.elapsed();
    let kept = curator.cached_guilds();
    let full = live();
    let curator = curator.with_max_cached_guilds(100);
    let shrunk = live();
    let per_view = (full - shrunk) / (kept - 100);
    let shared = shrunk - before - 100 * per_view;
    println!(
        "scale: {SERVERS} servers, {} curated with {CHANGES} changes each; one question in every \
         server took {:.1} s\n\
         scale: opened: {:.1} MiB; after the walk, {kept} views kept \
         (max_cached_guilds = {DEFAULT_MAX_CACHED_GUILDS}): {:.1} MiB\n\
         scale: {:.0} KiB per kept view; {:.1} MiB shared (vocabulary, heads); \
         every curated server kept would take about {:.1} MiB",
        SERVERS / 10,
        walk.as_secs_f64(),
        mib(opened - before),
        mib(full - before),
        per_view as f64 / 1024.0,
        mib(shared),
        mib(shared + (SERVERS / 10) as usize * per_view),
    );
    (
        dir,
        curator.with_max_cached_guilds(DEFAULT_MAX_CACHED_GUILDS),
    )
}

criterion_group!(curation_benches, benches, memory, scale);
criterion_main!(curation_benches);
