//! Speed of the answer engine (criterion; `cargo bench --bench engine`):
//! - `question/article`: one question against the shipped knowledge base,
//!   cycling through a mix of answered, typo'd and declined questions;
//! - `question/generated_10k` and `index_build/generated_10k`: a generated
//!   knowledge base of 10,000 sections;
//! - `startup/article`: load, validate and index the shipped knowledge.
//!
//! It also prints the resident memory the 10,000-section index takes.

use careerbot::engine::Engine;
use careerbot::knowledge::{Article, KnowledgeBase, RawArticle, RawQuote, RawSection, Section};
use careerbot::search::Index;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// mimalloc, as the `careerbot` binary allocates: a long message's
/// analysis makes and drops hundreds of small strings, which it serves
/// about a tenth faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUESTIONS: &[&str] = &[
    "how much do backend devs make",
    "What programming languages should a back-end engineer learn?",
    "diffrence between frontend and backend",
    "what databses do backend developers use lol",
    "How much does a dentist make?",
    "tell me a joke",
    "What does a typical day look like for a server side developer?",
    "how do i becom a backend dev",
];

fn knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// A deterministic knowledge base of `n` sections over a vocabulary of
/// made-up words, so every section has its own topic words.
pub fn generated(n: usize) -> KnowledgeBase {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ren", "tas", "vo", "qui", "ber", "dun", "sel", "pra", "ton", "gri",
        "fal", "nu", "zed",
    ];
    let vocab: Vec<String> = (0..20_000)
        .map(|i| {
            let mut w = String::new();
            let mut x = i + 1;
            while x > 0 {
                w.push_str(SYL[x % 16]);
                x /= 16;
            }
            w
        })
        .collect();
    let mut sentence = |words: usize| -> String {
        (0..words)
            .map(|_| vocab[(next() % vocab.len() as u64) as usize].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Quotes must be verbatim from the article (the constructor checks),
    // so the article is a pool of sentences the sections quote from.
    let pool: Vec<String> = (0..64).map(|_| sentence(20)).collect();
    let article = Article::new(
        RawArticle {
            title: "Generated".into(),
            author: "Bench".into(),
            date: "today".into(),
            file: "none".into(),
            url: None,
            boilerplate: vec![],
        },
        pool.join(". "),
    );
    let sections = (0..n)
        .map(|i| {
            let raw = RawSection {
                id: format!("s{i}"),
                title: sentence(4),
                text: format!("{}. {}. {}.", sentence(20), sentence(20), sentence(20)),
                keywords: (0..6).map(|_| sentence(1)).collect(),
                questions: (0..5)
                    .map(|_| format!("what is the {}", sentence(5)))
                    .collect(),
                quotes: (0..2)
                    .map(|k| RawQuote {
                        text: pool[(2 * i + k) % pool.len()].clone(),
                        source: "Generator".into(),
                    })
                    .collect(),
                note: None,
                scope: None,
            };
            let file = PathBuf::from(format!("s{i}.toml"));
            let section = Section::validate(raw, &article, &file, false)
                .expect("generated sections are valid");
            (file, section)
        })
        .collect();
    KnowledgeBase::new(
        article,
        sections,
        BTreeMap::new(),
        Path::new("synonyms.toml"),
    )
    .expect("generated sections are valid")
}

fn resident_kib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

/// A long, chatty message of 300 words: background sentences, then two
/// questions, repeated and cut to length (the shape members really write
/// in). Kept in a file so `tools/perf/instructions.sh` counts the same one.
const LONG_MESSAGE: &str = include_str!("data/long_message.txt");

fn benches(c: &mut Criterion) {
    let engine = Engine::load(&knowledge_dir()).unwrap();
    let mut i = 0;
    c.bench_function("question/article", |b| {
        b.iter(|| {
            i = (i + 1) % QUESTIONS.len();
            black_box(engine.ask(black_box(QUESTIONS[i])))
        })
    });

    let long = LONG_MESSAGE.trim_end();
    assert_eq!(long.split_whitespace().count(), 300);
    c.bench_function("question/article_300_words", |b| {
        b.iter(|| black_box(engine.ask(black_box(long))))
    });

    c.bench_function("startup/article", |b| {
        b.iter(|| black_box(Engine::load(&knowledge_dir()).unwrap()))
    });

    let kb = generated(10_000);
    let before = resident_kib();
    let big = Engine::new(kb.clone());
    if let (Some(a), Some(b)) = (before, resident_kib()) {
        eprintln!(
            "index of 10,000 sections: {} MiB resident",
            b.saturating_sub(a) / 1024
        );
    }
    let questions: Vec<String> = kb
        .sections()
        .iter()
        .step_by(997)
        .map(|s| s.questions()[0].clone())
        .chain(QUESTIONS.iter().map(|q| q.to_string()))
        .collect();
    let mut j = 0;
    c.bench_function("question/generated_10k", |b| {
        b.iter(|| {
            j = (j + 1) % questions.len();
            black_box(big.ask(black_box(&questions[j])))
        })
    });

    let mut group = c.benchmark_group("index_build");
    group.sample_size(10);
    group.bench_function("generated_10k", |b| b.iter(|| black_box(Index::build(&kb))));
    group.finish();
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
