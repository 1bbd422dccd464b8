//! Property tests on everything that parses outside input: the knowledge
//! loader, the curation import, the config loader and the matcher. Arbitrary
//! bytes and structured mutations of valid files: never a panic, and every
//! error names where the problem is. Case counts are kept small so that
//! `cargo test` stays quick; raise PROPTEST_CASES to search longer.

use careerbot::config::Config;
use careerbot::curation::{Actor, CurationError, Curator, CustomEntry, ImportMode, Op};
use careerbot::knowledge::KnowledgeBase;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

mod support;

use support::{base, knowledge_dir as knowledge};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 160,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A mutation of a text file: delete, duplicate or replace a span.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (
            any::<usize>(),
            prop_oneof![
                Just("\"".to_string()),
                Just("[".to_string()),
                Just("]\n".to_string()),
                Just("\nid = \"x\"\n".to_string()),
                Just("\ntitle = 3\n".to_string()),
                Just("\n[[quotes]]\n".to_string()),
                Just("\u{0}".to_string()),
                Just("é".to_string()),
                "\\PC{0,20}",
            ]
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut t = text.to_string();
    let at = |t: &str, i: usize| {
        let mut i = i % (t.len() + 1);
        while !t.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for m in mutations {
        match m {
            Mutation::Delete(a, n) => {
                let start = at(&t, *a);
                let end = at(&t, start + n);
                t.replace_range(start..end.max(start), "");
            }
            Mutation::Duplicate(a, n) => {
                let start = at(&t, *a);
                let end = at(&t, start + n).max(start);
                let span = t[start..end].to_string();
                t.insert_str(end, &span);
            }
            Mutation::Insert(a, s) => {
                let i = at(&t, *a);
                t.insert_str(i, s);
            }
        }
    }
    t
}

/// One temp copy of the knowledge for the loader properties; each case
/// rewrites one section file.
fn knowledge_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["", "sections"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(knowledge().join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dir.path().join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

fn first_section(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("sections"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.remove(0)
}

fn assert_load_errors_name_a_file(dir: &Path) {
    if let Err(e) = KnowledgeBase::load(dir) {
        assert!(!e.problems.is_empty());
        for p in &e.problems {
            assert!(
                p.file.as_ref().is_some_and(|f| f.starts_with(dir)),
                "a problem that names no file: {p}"
            );
            assert!(!p.message.is_empty(), "{p}");
        }
    }
}

#[test]
fn the_knowledge_loader_survives_arbitrary_bytes() {
    let dir = knowledge_copy();
    let file = first_section(dir.path());
    proptest!(config(), |(bytes in proptest::collection::vec(any::<u8>(), 0..2000))| {
        std::fs::write(&file, &bytes).unwrap();
        assert_load_errors_name_a_file(dir.path());
    });
}

#[test]
fn the_knowledge_loader_survives_mutated_sections_and_articles() {
    let dir = knowledge_copy();
    let file = first_section(dir.path());
    let section = std::fs::read_to_string(&file).unwrap();
    let article_file = dir.path().join("article.toml");
    let article = std::fs::read_to_string(&article_file).unwrap();
    proptest!(config(), |(
        ms in proptest::collection::vec(mutation(), 1..6),
        on_article in any::<bool>(),
    )| {
        let (target, text) = if on_article { (&article_file, &article) } else { (&file, &section) };
        std::fs::write(target, apply(text, &ms)).unwrap();
        assert_load_errors_name_a_file(dir.path());
        std::fs::write(target, text).unwrap();
    });
}

fn assert_import_refusal(e: CurationError) {
    match e {
        CurationError::Invalid(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(!p.message.trim().is_empty());
            }
        }
        other => panic!("an import failed other than as invalid: {other}"),
    }
}

#[test]
fn the_import_parser_survives_arbitrary_and_mutated_files() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let c = Curator::open(base().clone(), &dir.path().join("c.sqlite3"), 90).unwrap();
    for op in [
        Op::AddKeyword {
            section: "salary".into(),
            keyword: "dough".into(),
        },
        Op::LinkQuestion {
            section: "salary".into(),
            question: "what's the dough like".into(),
        },
        Op::CreateEntry {
            id: "meetups".into(),
            entry: CustomEntry::from_form("Mentorship meetups", "Every Thursday.", "mentorship"),
        },
        Op::Hide {
            section: "databases".into(),
        },
    ] {
        rt.block_on(c.apply(1, &Actor::local(), op)).unwrap();
    }
    let exported = c.export(1).unwrap();
    proptest!(config(), |(
        ms in proptest::collection::vec(mutation(), 1..6),
        noise in "\\PC{0,300}",
    )| {
        for text in [apply(&exported, &ms), noise.clone()] {
            if let Err(e) = rt.block_on(c.import(2, &Actor::local(), &text, ImportMode::Replace)) {
                assert_import_refusal(e);
            }
        }
    });
}

#[test]
fn the_config_loader_names_the_file_or_the_setting_in_every_error() {
    let example = include_str!("../config.example.toml");
    proptest!(config(), |(
        ms in proptest::collection::vec(mutation(), 1..6),
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    )| {
        let noise = String::from_utf8_lossy(&bytes).into_owned();
        for text in [apply(example, &ms), noise.clone()] {
            if let Err(e) = Config::from_parts(Some(&text), Some("c.toml".into()), None) {
                let shown = e.to_string();
                assert!(
                    shown.contains("c.toml") || shown.contains("config setting `"),
                    "an error that names no place: {shown}"
                );
            }
        }
    });
}

#[test]
fn the_matcher_answers_any_text() {
    let engine = base();
    proptest!(config(), |(
        bytes in proptest::collection::vec(any::<u8>(), 0..3000),
        words in proptest::collection::vec("[a-z]{1,12}|backend|salary|\\PC{1,3}", 0..40),
    )| {
        let r = engine.ask(&String::from_utf8_lossy(&bytes));
        assert!((0.0..=1.0).contains(&r.confidence));
        let r = engine.ask(&words.join(" "));
        assert!((0.0..=1.0).contains(&r.confidence));
    });
}
