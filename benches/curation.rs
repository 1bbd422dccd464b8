//! Curation speed (`cargo bench --bench curation`), in a server with 1,000
//! curated entries:
//! - `curation/change_visible_1000`: a moderator adds a keyword and the next
//!   question sees it (store write, rebuild, swap, ask);
//! - `question/curated_1000` against `question/uncurated`: a question's
//!   latency with that curation and without.

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
    rt.block_on(curator.apply(GUILD, &actor, Op::Import { state }))
        .unwrap();
    assert!(curator.engine(Some(GUILD)).knowledge().sections.len() > 1000);

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
}

criterion_group!(curation_benches, benches);
criterion_main!(curation_benches);
