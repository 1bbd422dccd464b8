//! Loading knowledge directories: the shipped one is valid and verbatim, and
//! each kind of mistake in a knowledge file is reported clearly, naming the
//! file, the section and the field.

use careerbot::knowledge::{KnowledgeBase, LoadError};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn shipped() -> KnowledgeBase {
    KnowledgeBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("shipped knowledge loads")
}

fn load_err(fixture: &str) -> LoadError {
    KnowledgeBase::load(&data(fixture)).expect_err(fixture)
}

/// The single problem a fixture has, as text.
fn only_problem(fixture: &str) -> String {
    let e = load_err(fixture);
    assert_eq!(e.problems.len(), 1, "{fixture}: {e}");
    e.problems[0].to_string()
}

#[test]
fn shipped_knowledge_quotes_are_verbatim_from_the_article() {
    let kb = shipped();
    let article = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/article.txt"),
    )
    .unwrap();
    let fold = |s: &str| careerbot::text::fold_verbatim(s);
    let article = fold(&article);
    let mut quotes = 0;
    for s in kb.sections() {
        assert!(!s.quotes().is_empty(), "{} has no quote", s.id());
        for q in s.quotes() {
            assert!(
                article.contains(&fold(&q.text)),
                "{}: not verbatim: {}",
                s.id(),
                q.text
            );
            quotes += 1;
        }
        for p in careerbot::knowledge::paragraphs(s.text()) {
            assert!(
                article.contains(&fold(p)),
                "{}: text not verbatim: {p}",
                s.id()
            );
        }
    }
    assert!(quotes >= kb.sections().len());
}

#[test]
fn shipped_knowledge_names_every_source_the_article_names() {
    let kb = shipped();
    let sources: Vec<&str> = kb
        .sections()
        .iter()
        .flat_map(|s| s.quotes().iter().map(|q| q.source.as_str()))
        .collect();
    for name in [
        "Techopedia",
        "James at Espressoweb",
        "PayScale",
        "CareerFoundry",
        "Artisan Talent",
    ] {
        assert!(sources.contains(&name), "no quote from {name}");
    }
}

#[test]
fn shipped_knowledge_covers_every_paragraph() {
    assert_eq!(shipped().uncovered_paragraphs(), Vec::<String>::new());
}

#[test]
fn shipped_article_matches_the_seed() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    if let Ok(seed) = std::fs::read_to_string(seed) {
        assert_eq!(
            shipped().article().text,
            seed,
            "knowledge/article.txt must be a verbatim copy"
        );
    }
    let kb = shipped();
    assert_eq!(kb.article().author, "AnnaMarie Houlis");
    assert_eq!(kb.article().date, "April 26, 2024");
    assert!(kb
        .article()
        .title
        .starts_with("What Is a Back End Developer?"));
}

#[test]
fn valid_fixture_loads() {
    let kb = KnowledgeBase::load(&data("kb-valid")).unwrap();
    assert_eq!(kb.sections().len(), 2);
    assert_eq!(kb.sections()[1].quotes()[0].source, "Baker Bob");
}

#[test]
fn unknown_key_is_named_with_file_and_section() {
    let p = only_problem("kb-bad-unknown-key");
    assert!(p.contains("sections/b.toml"), "{p}");
    assert!(p.contains("section `baking`"), "{p}");
    assert!(p.contains("unknown field `colour`"), "{p}");
}

#[test]
fn duplicate_id_names_both_files() {
    let p = only_problem("kb-bad-duplicate-id");
    assert!(
        p.contains("sections/b.toml") && p.contains("sections/a.toml"),
        "{p}"
    );
    assert!(
        p.contains("field `id`") && p.contains("duplicate id"),
        "{p}"
    );
}

#[test]
fn empty_keywords_are_refused() {
    let p = only_problem("kb-bad-empty-keywords");
    assert!(
        p.contains("section `ingredients`")
            && p.contains("field `keywords`")
            && p.contains("empty"),
        "{p}"
    );
}

#[test]
fn quote_not_in_the_article_is_refused() {
    let p = only_problem("kb-bad-quote-not-verbatim");
    assert!(
        p.contains("field `quotes[0].text`") && p.contains("not verbatim"),
        "{p}"
    );
}

#[test]
fn section_text_not_in_the_article_is_refused() {
    let p = only_problem("kb-bad-text-not-verbatim");
    assert!(
        p.contains("field `text`") && p.contains("not verbatim"),
        "{p}"
    );
}

#[test]
fn malformed_toml_gives_the_line() {
    let p = only_problem("kb-bad-malformed-toml");
    assert!(
        p.contains("sections/a.toml") && p.contains("invalid TOML at line 6"),
        "{p}"
    );
    assert!(!p.contains('\n'), "one line per problem: {p}");
}

#[test]
fn missing_field_is_named() {
    let p = only_problem("kb-bad-missing-field");
    assert!(p.contains("missing field `title`"), "{p}");
}

#[test]
fn missing_article_text_is_reported() {
    let p = only_problem("kb-bad-missing-article-text");
    assert!(
        p.contains("article.txt") && p.contains("cannot read"),
        "{p}"
    );
}

#[test]
fn a_word_listed_under_two_synonyms_is_refused() {
    let p = only_problem("kb-bad-synonym-conflict");
    assert!(
        p.contains("synonyms.toml") && p.contains("`roast` is also listed under `bake`"),
        "{p}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = load_err("kb-bad-several-problems");
    assert_eq!(e.problems.len(), 2, "{e}");
    let text = e.to_string();
    assert!(text.contains("2 problems"));
    assert!(
        text.contains("field `keywords[0]`") && text.contains("field `quotes[0].source`"),
        "{text}"
    );
}

#[test]
fn a_missing_directory_is_an_error_not_a_panic() {
    let e = KnowledgeBase::load(Path::new("/nonexistent/careerbot/knowledge")).unwrap_err();
    assert!(e.to_string().contains("article.toml"), "{e}");
}
