//! Curation speed (`cargo bench --bench curation`), in a server with 1,000
//! curated entries:
//! - `curation/change_visible_1000`: a moderator adds a keyword and the next
//!   question sees it (store write, rebuild, swap, ask);
//! - `question/curated_1000` against `question/uncurated`: a question's
//!   latency with that curation and without;
//! - `freshness/other_process_import_visible`: `careerbot kb import` (the
//!   real binary, another process) has returned, until a running curator in
//!   this process answers from the imported entry: SQLite's `data_version`
//!   poll, reading the server's changes and rebuilding its index.

use careerbot::curation::{Actor, Curator, CustomEntry, Op};
use careerbot::engine::Engine;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::path::Path;

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
    group.bench_function("change_visible_1000", |b| {
        b.iter(|| {
            n += 1;
            let keyword = format!("benchword{n}");
            rt.block_on(curator.apply(
                GUILD,
                &actor,
                Op::AddKeyword {
                    section: "salary".into(),
                    keyword: keyword.clone(),
                },
            ))
            .unwrap();
            let r = curator
                .engine(Some(GUILD))
                .ask(&format!("backend {keyword}"));
            assert_eq!(r.answer.map(|a| a.section.id).as_deref(), Some("salary"));
        })
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
                    if section.is_some_and(|s| s.keywords.iter().any(|k| k.contains(&word))) {
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

criterion_group!(curation_benches, benches);
criterion_main!(curation_benches);
