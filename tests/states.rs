//! Every curation state a server can reach is valid: the routes that used to
//! reach states the checks forbid are refused (with the change to undo
//! first), and random sequences of actions, undos and imports never produce
//! a state whose export fails to import, nor one that changes on the way
//! through export and import.

mod support;

use careerbot::curation::{Actor, Change, CurationError, Curator, ImportMode, Op, Overlay};
use proptest::prelude::*;
use support::{add_keyword, base, edit, entry, hide, remove_keyword, unhide};

const GUILD: u64 = 1;
const COPY: u64 = 2;

fn salary_title() -> String {
    base()
        .knowledge()
        .section("salary")
        .unwrap()
        .title()
        .to_string()
}

/// An entry titled `title` with the keyword "club".
fn titled(id: &str, title: &str) -> Op {
    support::create(id, entry(title, &format!("All about {title}."), &["club"]))
}

struct Server {
    curator: Curator,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

impl Server {
    fn new() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let curator = support::curator(dir.path());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Server {
            curator,
            rt,
            _dir: dir,
        }
    }

    fn apply(&self, op: Op) -> Result<Change, CurationError> {
        self.rt
            .block_on(self.curator.apply(GUILD, &Actor::local(), op))
    }

    fn apply_ok(&self, op: Op) -> i64 {
        self.apply(op).expect("the change is accepted").id
    }

    fn undo(&self, change: Option<i64>) -> Result<Change, CurationError> {
        self.rt
            .block_on(self.curator.undo(GUILD, &Actor::local(), change))
    }

    fn import(&self, guild: u64, text: &str, mode: ImportMode) -> Result<Change, CurationError> {
        self.rt
            .block_on(self.curator.import(guild, &Actor::local(), text, mode))
    }

    /// The refusal of an undo, as one line.
    fn undo_refused(&self, change: i64) -> String {
        match self.undo(Some(change)) {
            Err(CurationError::Invalid(p)) => careerbot::text::joined(&p, " | "),
            other => panic!("undoing #{change} should be refused, got {other:?}"),
        }
    }
}

#[test]
fn undoing_an_edit_that_would_duplicate_a_title_is_refused() {
    let s = Server::new();
    s.apply_ok(titled("a", "Book club"));
    let edited = s.apply_ok(edit("a", entry("Reading group", "We read.", &["club"])));
    let b = s.apply_ok(titled("b", "Book club"));
    let why = s.undo_refused(edited);
    assert!(
        why.contains("Book club") && why.contains(&format!("undo #{b}")),
        "{why}"
    );
    // Undoing the later change first makes it possible.
    s.undo(Some(b)).unwrap();
    s.undo(Some(edited)).unwrap();
    assert_eq!(
        s.curator.overlay(GUILD).unwrap().custom["a"].title,
        "Book club"
    );
}

#[test]
fn undoing_an_entry_that_later_got_a_keyword_is_refused() {
    let s = Server::new();
    let made = s.apply_ok(titled("club", "Book club"));
    let keyword = s.apply_ok(add_keyword("club", "novels"));
    let why = s.undo_refused(made);
    assert!(why.contains(&format!("undo #{keyword}")), "{why}");
    assert!(s.curator.overlay(GUILD).unwrap().article.is_empty());
    s.undo(Some(keyword)).unwrap();
    s.undo(Some(made)).unwrap();
    assert!(s.curator.overlay(GUILD).unwrap().is_empty());
}

#[test]
fn undoing_the_add_that_left_a_section_its_only_keyword_is_refused() {
    let s = Server::new();
    let added = s.apply_ok(add_keyword("salary", "dough"));
    let keywords = base()
        .knowledge()
        .section("salary")
        .unwrap()
        .keywords()
        .to_vec();
    for k in &keywords {
        s.apply_ok(remove_keyword("salary", k));
    }
    let why = s.undo_refused(added);
    assert!(why.contains("no keywords"), "{why}");
    assert!(why.contains("undo #"), "names a later change: {why}");
}

#[test]
fn an_entry_may_not_take_a_hidden_sections_title() {
    let s = Server::new();
    s.apply_ok(hide("salary"));
    let refused = s.apply(titled("pay", &salary_title()));
    let Err(CurationError::Invalid(p)) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert!(
        careerbot::text::joined(&p, " ").contains("`salary`"),
        "{p:?}"
    );
    s.apply_ok(unhide("salary"));
}

#[test]
fn a_keyword_with_a_comma_is_refused_since_forms_split_on_commas() {
    let s = Server::new();
    let refused = s.apply(add_keyword("salary", "pay, wages"));
    assert!(
        matches!(refused, Err(CurationError::Invalid(_))),
        "{refused:?}"
    );
}

#[test]
fn import_replaces_by_default_and_merge_adds() {
    let s = Server::new();
    s.apply_ok(titled("club", "Book club"));
    s.apply_ok(add_keyword("salary", "dough"));
    let file =
        "[custom.rules]\ntitle = \"Server rules\"\ntext = \"Be kind.\"\nkeywords = [\"rules\"]\n\n\
                [article.languages]\nadd_keywords = [\"golang\"]\n";
    let merged = s.import(GUILD, file, ImportMode::Merge).unwrap();
    assert!(
        merged.summary.contains("added to what was there"),
        "{}",
        merged.summary
    );
    let o = s.curator.overlay(GUILD).unwrap();
    assert!(o.custom.contains_key("club") && o.custom.contains_key("rules"));
    assert_eq!(o.article["salary"].add_keywords, ["dough"]);
    assert_eq!(o.article["languages"].add_keywords, ["golang"]);

    let replaced = s.import(GUILD, file, ImportMode::Replace).unwrap();
    assert!(
        replaced.summary.contains("replacing"),
        "{}",
        replaced.summary
    );
    let o = s.curator.overlay(GUILD).unwrap();
    assert!(!o.custom.contains_key("club") && !o.article.contains_key("salary"));
    // Each import is one change, and undoable.
    s.undo(None).unwrap();
    assert!(s
        .curator
        .overlay(GUILD)
        .unwrap()
        .custom
        .contains_key("club"));
}

#[test]
fn a_merge_that_would_duplicate_a_title_is_refused_whole() {
    let s = Server::new();
    s.apply_ok(titled("club", "Book club"));
    let file = "[custom.other]\ntitle = \"Book club\"\ntext = \"Again.\"\nkeywords = [\"again\"]\n";
    assert!(matches!(
        s.import(GUILD, file, ImportMode::Merge),
        Err(CurationError::Invalid(_))
    ));
    assert_eq!(s.curator.overlay(GUILD).unwrap().custom.len(), 1);
}

/// One step of a moderator's session.
#[derive(Debug, Clone)]
enum Step {
    Do(Op),
    Undo(Option<usize>),
    ReimportMerged,
}

fn step() -> impl Strategy<Value = Step> {
    let section = prop::sample::select(vec!["salary", "languages", "about", "a", "b"]);
    let word = prop::sample::select(vec!["dough", "pay", "golang", "salary", "backend", "club"]);
    let title = prop::sample::select(vec![
        "Book club".to_string(),
        "Server rules".to_string(),
        salary_title(),
    ]);
    let entry_id = prop::sample::select(vec!["a", "b"]);
    prop_oneof![
        1 => (section.clone(), word.clone()).prop_map(|(s, w)| Step::Do(add_keyword(s, w))),
        1 => (section.clone(), word.clone()).prop_map(|(s, w)| Step::Do(remove_keyword(s, w))),
        1 => (section.clone(), word.clone()).prop_map(|(s, w)| Step::Do(Op::AddQuestion {
            section: s.into(),
            question: format!("what about {w}"),
        })),
        1 => (section.clone(), word).prop_map(|(s, w)| Step::Do(Op::RemoveQuestion {
            section: s.into(),
            question: format!("what about {w}"),
        })),
        1 => (entry_id.clone(), title.clone()).prop_map(|(id, t)| Step::Do(titled(id, &t))),
        1 => (entry_id, title).prop_map(|(id, t)| Step::Do(edit(id, entry(&t, "Ours.", &["club", "meet"])))),
        1 => section.clone().prop_map(|s| Step::Do(Op::OverrideText {
            section: s.into(),
            text: "Our own words.".into(),
        })),
        1 => section.clone().prop_map(|s| Step::Do(Op::ResetText { section: s.into() })),
        1 => section.clone().prop_map(|s| Step::Do(Op::Hide { section: s.into() })),
        1 => section.prop_map(|s| Step::Do(Op::Unhide { section: s.into() })),
        4 => prop::option::of(0usize..12).prop_map(Step::Undo),
        1 => Just(Step::ReimportMerged),
    ]
}

/// The server's state survives export → import into another server.
fn assert_round_trips(s: &Server, after: &str) {
    let exported = s.curator.export(GUILD).unwrap();
    if let Err(e) = s.import(COPY, &exported, ImportMode::Replace) {
        panic!("after {after}: the export does not import: {e}\n{exported}");
    }
    let (mine, copy): (Overlay, Overlay) = (
        s.curator.overlay(GUILD).unwrap(),
        s.curator.overlay(COPY).unwrap(),
    );
    assert_eq!(
        mine, copy,
        "after {after}: export → import changed the state"
    );
    assert!(
        mine.problems(base().knowledge()).is_empty(),
        "after {after}: {:?}",
        mine.problems(base().knowledge())
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_actions_undos_and_imports_reaches_an_invalid_state(
        steps in prop::collection::vec(step(), 1..24)
    ) {
        let s = Server::new();
        let mut ids = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            match step {
                Step::Do(op) => {
                    if let Ok(c) = s.apply(op.clone()) {
                        ids.push(c.id);
                    }
                }
                Step::Undo(pick) => {
                    let target = pick.and_then(|n| ids.get(n % ids.len().max(1)).copied());
                    let _ = s.undo(target);
                }
                Step::ReimportMerged => {
                    let exported = s.curator.export(GUILD).unwrap();
                    if let Ok(c) = s.import(GUILD, &exported, ImportMode::Merge) {
                        ids.push(c.id);
                    }
                }
            }
            assert_round_trips(&s, &format!("step {i} ({step:?})"));
        }
    }
}
