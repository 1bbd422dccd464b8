//! Curation through the core: every moderator action changes the next answer
//! in that server and no other, survives a restart, is audited and can be
//! undone; concurrent moderators lose nothing; a SIGKILL mid-burst leaves a
//! clean database; imports are all-or-nothing and exports round-trip.

use careerbot::curation::{Actor, CurationError, Curator, CustomEntry, ImportMode, Op};
use careerbot::engine::Engine;
use careerbot::reply::{render_embed, render_markdown, Credit, MESSAGE_LIMIT};
use std::path::Path;
use std::sync::Arc;

const GUILD: u64 = 111;
const OTHER: u64 = 222;

fn base() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap()
}

fn mod_a() -> Actor {
    Actor {
        id: 1,
        name: "alice".into(),
    }
}

fn open(dir: &Path) -> Curator {
    Curator::open(base(), &dir.join("curation.sqlite3"), 90).unwrap()
}

fn section(c: &Curator, guild: u64, q: &str) -> Option<String> {
    c.engine(Some(guild)).ask(q).answer.map(|a| a.section.id)
}

/// A moderator links `question` to `section` in `GUILD`.
async fn link(c: &Curator, section: &str, question: &str) {
    let op = Op::LinkQuestion {
        section: section.into(),
        question: question.into(),
    };
    c.apply(GUILD, &mod_a(), op).await.unwrap();
}

fn entry(title: &str, text: &str, keywords: &[&str]) -> CustomEntry {
    CustomEntry {
        title: title.into(),
        text: text.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        questions: vec![],
        hidden: false,
    }
}

#[tokio::test]
async fn a_servers_entry_answers_what_is_uncovered_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    // Remote work is what the article does not cover, and the question is
    // asked like the uncovered questions the decision knows: declined.
    let q = "do backend jobs allow remote work?";
    let outside = |g: u64| c.engine(Some(g)).explain(q).2.outside_likeness;
    assert!(outside(GUILD) > 0.2, "{}", outside(GUILD));
    assert_eq!(section(&c, GUILD, q), None, "declined before");
    let op = Op::CreateEntry {
        id: String::new(),
        entry: entry(
            "Remote work on our job board",
            "Most backend jobs posted here allow remote work; each post says where it hires from.",
            &["remote", "remote work", "work from home"],
        ),
    };
    c.apply(GUILD, &mod_a(), op).await.unwrap();
    // On this server "remote" is an entry's word, no longer evidence of an
    // uncovered subject.
    assert_eq!(outside(GUILD), 0.0);
    let answered = section(&c, GUILD, q);
    assert!(
        answered.as_deref().is_some_and(|id| id.contains("remote")),
        "{answered:?}"
    );
    assert!(outside(OTHER) > 0.2, "another server is untouched");
    assert_eq!(section(&c, OTHER, q), None, "another server is untouched");
}

/// A word moderators made a subject is no word the corpus weighed: it counts
/// in the word evidence as a word of the questions the article answers
/// does on average (`entry_evidence`), so a short question naming only the
/// entry's keyword is answered there, and nowhere else.
#[tokio::test]
async fn a_short_question_naming_an_entrys_keyword_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let op = Op::CreateEntry {
        id: "jam".into(),
        entry: entry(
            "The pixel jam",
            "The pixel jam runs every second Saturday in the events channel.",
            &["pixel jam"],
        ),
    };
    c.apply(GUILD, &mod_a(), op).await.unwrap();
    c.apply(
        GUILD,
        &mod_a(),
        Op::AddKeyword {
            section: "jam".into(),
            keyword: "sprite swap".into(),
        },
    )
    .await
    .unwrap();
    for q in ["is the sprite swap on?", "what time is sprite swap"] {
        let p = c.engine(Some(GUILD)).explain(q).3;
        assert_eq!(section(&c, GUILD, q).as_deref(), Some("jam"), "{q}: {p}");
        assert_eq!(section(&c, OTHER, q), None, "{q}");
    }
}

/// A server's index shares the article's reading of the outside samples
/// (read once, not after every change): a word an entry only mentions,
/// which the article's index never knew, is still found in them by its
/// spelling.
#[tokio::test]
async fn an_entry_mentioning_an_uncovered_word_leaves_it_uncovered() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let q = "is a coding bootcamp worth it to get a backend job?";
    let outside = |g: u64| c.engine(Some(g)).explain(q).2.outside_likeness;
    let before = outside(GUILD);
    assert!(before > 0.2, "{before}");
    let op = Op::CreateEntry {
        id: String::new(),
        entry: entry(
            "Study group",
            "Thursday evenings in voice: people from any bootcamp or course welcome.",
            &["study group"],
        ),
    };
    c.apply(GUILD, &mod_a(), op).await.unwrap();
    let after = outside(GUILD);
    assert!((after - before).abs() < 1e-4, "{before} then {after}");
    assert_eq!(section(&c, GUILD, q), None);
}

#[tokio::test]
async fn linking_a_declined_question_answers_it_in_that_server_only() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let q = "what's the dough like";
    assert_eq!(section(&c, GUILD, q), None, "declined before");
    link(&c, "salary", q).await;
    assert_eq!(section(&c, GUILD, q).as_deref(), Some("salary"));
    assert_eq!(section(&c, OTHER, q), None, "another server is untouched");
    assert_eq!(
        section(&c, GUILD, "How do I bake bread?"),
        None,
        "unrelated questions still declined"
    );
}

#[tokio::test]
async fn a_linked_question_goes_to_its_section_even_where_another_covers_more() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let q = "what does a backend dev get up to on a typical workday";
    // The day-in-the-life text covers every word of it; the linked section
    // covers a third. The moderator's link decides, in that server only.
    assert_eq!(section(&c, GUILD, q).as_deref(), Some("day-in-the-life"));
    link(&c, "what-they-do", q).await;
    assert_eq!(section(&c, GUILD, q).as_deref(), Some("what-they-do"));
    assert_eq!(section(&c, OTHER, q).as_deref(), Some("day-in-the-life"));
}

#[tokio::test]
async fn keywords_questions_text_and_hiding_change_the_next_answer() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let a = mod_a();

    // A keyword teaches the matcher a word.
    assert_eq!(
        section(&c, GUILD, "how much is a backend paycheck"),
        Some("salary".into())
    );
    assert_eq!(
        section(&c, GUILD, "grafana dashboards for backend devs"),
        None
    );
    c.apply(
        GUILD,
        &a,
        Op::AddKeyword {
            section: "day-in-the-life".into(),
            keyword: "grafana dashboards".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        section(&c, GUILD, "grafana dashboards for backend devs"),
        Some("day-in-the-life".into())
    );
    assert_eq!(
        section(&c, OTHER, "grafana dashboards for backend devs"),
        None
    );
    c.apply(
        GUILD,
        &a,
        Op::RemoveKeyword {
            section: "day-in-the-life".into(),
            keyword: "grafana dashboards".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        section(&c, GUILD, "grafana dashboards for backend devs"),
        None
    );

    // A sample question.
    c.apply(
        GUILD,
        &a,
        Op::AddQuestion {
            section: "become".into(),
            question: "bootcamp or degree for backend?".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        section(&c, GUILD, "bootcamp or degree for backend?"),
        Some("become".into())
    );
    c.apply(
        GUILD,
        &a,
        Op::RemoveQuestion {
            section: "become".into(),
            question: "bootcamp or degree for backend?".into(),
        },
    )
    .await
    .unwrap();
    assert_ne!(
        section(&c, GUILD, "bootcamp or degree for backend?"),
        Some("become".into())
    );

    // The server's own text for an article section; the quotes stay verbatim.
    c.apply(
        GUILD,
        &a,
        Op::OverrideText {
            section: "salary".into(),
            text: "Ask in #salaries for local figures.".into(),
        },
    )
    .await
    .unwrap();
    let r = c.engine(Some(GUILD)).ask("backend developer salary");
    let ans = r.answer.unwrap();
    assert_eq!(ans.text, "Ask in #salaries for local figures.");
    assert!(ans.quotes[0].text.contains("$29.48"), "article quotes stay");
    assert!(c
        .engine(Some(OTHER))
        .ask("backend developer salary")
        .answer
        .unwrap()
        .text
        .contains("$66,667"));
    c.apply(
        GUILD,
        &a,
        Op::ResetText {
            section: "salary".into(),
        },
    )
    .await
    .unwrap();
    assert!(c
        .engine(Some(GUILD))
        .ask("backend developer salary")
        .answer
        .unwrap()
        .text
        .contains("$66,667"));

    // Hiding and unhiding.
    c.apply(
        GUILD,
        &a,
        Op::Hide {
            section: "salary".into(),
        },
    )
    .await
    .unwrap();
    assert_ne!(
        section(&c, GUILD, "backend developer salary"),
        Some("salary".into())
    );
    assert_eq!(
        section(&c, OTHER, "backend developer salary"),
        Some("salary".into())
    );
    c.apply(
        GUILD,
        &a,
        Op::Unhide {
            section: "salary".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        section(&c, GUILD, "backend developer salary"),
        Some("salary".into())
    );
}

#[tokio::test]
async fn custom_entries_are_created_edited_and_credited_to_moderators() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let q = "when is the mentorship meetup";
    assert_eq!(section(&c, GUILD, q), None);
    let id = c
        .overlay(GUILD)
        .unwrap()
        .free_id(c.base().knowledge(), "Mentorship meetups");
    assert_eq!(id, "mentorship-meetups");
    let e = entry(
        "Mentorship meetups",
        "We meet every Thursday in #voice.",
        &["mentorship", "meetup", "mentor"],
    );
    c.apply(
        GUILD,
        &mod_a(),
        Op::CreateEntry {
            id: id.clone(),
            entry: e.clone(),
        },
    )
    .await
    .unwrap();
    let r = c.engine(Some(GUILD)).ask(q);
    assert_eq!(r.answer.as_ref().unwrap().section.id, id);
    assert_eq!(r.credit, Credit::Moderators { quotes_from: None });
    let shown = render_markdown(&r, MESSAGE_LIMIT);
    assert!(
        shown.ends_with("_Answer written by this server's moderators, not the article_"),
        "{shown}"
    );
    assert!(!shown.contains("AnnaMarie Houlis"), "{shown}");
    assert_eq!(section(&c, OTHER, q), None);

    let mut edited = e.clone();
    edited.text = "We meet every Friday now.".into();
    c.apply(
        GUILD,
        &mod_a(),
        Op::EditEntry {
            id: id.clone(),
            entry: edited,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        c.engine(Some(GUILD)).ask(q).answer.unwrap().text,
        "We meet every Friday now."
    );
}

#[tokio::test]
async fn an_overridden_section_credits_the_moderators_and_its_quotes_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let q = "backend developer salary";
    let article = base().knowledge().article().credit();
    assert_eq!(
        c.engine(Some(GUILD)).ask(q).credit,
        Credit::Article(article.clone())
    );
    c.apply(
        GUILD,
        &mod_a(),
        Op::OverrideText {
            section: "salary".into(),
            text: "Ask in #salaries for local figures.".into(),
        },
    )
    .await
    .unwrap();
    let engine = c.engine(Some(GUILD));
    for r in [engine.ask(q), engine.section_reply("salary").unwrap()] {
        assert_eq!(
            r.credit,
            Credit::Moderators {
                quotes_from: Some(article.clone())
            }
        );
        let line =
            format!("Answer written by this server's moderators; the quotes are from {article}");
        let shown = render_markdown(&r, MESSAGE_LIMIT);
        assert!(shown.ends_with(&format!("_{line}_")), "{shown}");
        assert!(!shown.contains("Source:"), "{shown}");
        let quote = &r.answer.as_ref().unwrap().quotes[0];
        assert!(
            shown.contains(&format!("> — {}", quote.source)),
            "the quote keeps its own source: {shown}"
        );
        let embed = render_embed(&r);
        assert_eq!(embed.footer, line);
        assert!(embed.description.contains(&format!("— *{}*", quote.source)));
    }
    assert_eq!(
        c.engine(Some(OTHER)).ask(q).credit,
        Credit::Article(article.clone()),
        "another server still shows the article's text"
    );
    c.apply(
        GUILD,
        &mod_a(),
        Op::ResetText {
            section: "salary".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        c.engine(Some(GUILD)).ask(q).credit,
        Credit::Article(article),
        "the article's text is the article's again"
    );
}

#[tokio::test]
async fn bad_input_is_refused_before_anything_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let a = mod_a();
    let refused = |r: Result<careerbot::curation::Change, CurationError>| match r {
        Err(CurationError::Invalid(p)) => careerbot::text::joined(&p, " | "),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::AddKeyword {
                section: "nope".into(),
                keyword: "x".into(),
            },
        )
        .await,
    );
    assert!(p.contains("no section `nope`"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::AddKeyword {
                section: "salary".into(),
                keyword: "   ".into(),
            },
        )
        .await,
    );
    assert!(p.contains("empty"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::AddKeyword {
                section: "salary".into(),
                keyword: "salary".into(),
            },
        )
        .await,
    );
    assert!(p.contains("already has"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::OverrideText {
                section: "salary".into(),
                text: "x".repeat(5000),
            },
        )
        .await,
    );
    assert!(p.contains("limit is 3000"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::OverrideText {
                section: "salary".into(),
                text: "hey @everyone".into(),
            },
        )
        .await,
    );
    assert!(p.contains("@everyone"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::CreateEntry {
                id: "dup".into(),
                entry: entry("How much back-end developers make", "x y", &["pay"]),
            },
        )
        .await,
    );
    assert!(p.contains("already has the title"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::CreateEntry {
                id: "salary".into(),
                entry: entry("New", "x y", &["k"]),
            },
        )
        .await,
    );
    assert!(p.contains("taken"), "{p}");
    let p = refused(
        c.apply(
            GUILD,
            &a,
            Op::CreateEntry {
                id: "e".into(),
                entry: entry("T", "text", &[]),
            },
        )
        .await,
    );
    assert!(p.contains("keywords"), "{p}");
    assert!(
        c.history(GUILD, 100).await.unwrap().is_empty(),
        "nothing was stored"
    );
    assert!(c.overlay(GUILD).unwrap().is_empty());
}

#[tokio::test]
async fn history_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let a = mod_a();
    let b = Actor {
        id: 2,
        name: "bob".into(),
    };
    let first = c
        .apply(
            GUILD,
            &a,
            Op::LinkQuestion {
                section: "salary".into(),
                question: "what's the dough like".into(),
            },
        )
        .await
        .unwrap();
    c.apply(
        GUILD,
        &b,
        Op::Hide {
            section: "about".into(),
        },
    )
    .await
    .unwrap();
    let h = c.history(GUILD, 10).await.unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].actor_name, "bob");
    assert!(h[0].summary.contains("hid `about`"));
    assert!(h[1].summary.contains("dough") && h[1].at > 0);

    // Undo the most recent.
    let undone = c.undo(GUILD, &a, None).await.unwrap();
    assert!(undone.summary.contains("hid `about`"));
    assert_eq!(
        section(&c, GUILD, "who wrote this article"),
        Some("about".into())
    );
    // Undo a given one.
    c.undo(GUILD, &b, Some(first.id)).await.unwrap();
    assert_eq!(section(&c, GUILD, "what's the dough like"), None);
    let h = c.history(GUILD, 10).await.unwrap();
    assert_eq!(h.len(), 4, "undos are recorded too");
    assert!(h[0].summary.starts_with("undid #") && h[0].actor_name == "bob");
    assert!(
        matches!(
            c.undo(GUILD, &a, Some(first.id)).await,
            Err(CurationError::Invalid(_))
        ),
        "twice is refused"
    );
    assert!(
        matches!(
            c.undo(GUILD, &a, None).await,
            Err(CurationError::Invalid(_))
        ),
        "nothing left"
    );
}

#[tokio::test]
async fn changes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let c = open(dir.path());
        link(&c, "salary", "what's the dough like").await;
        let id = c
            .overlay(GUILD)
            .unwrap()
            .free_id(c.base().knowledge(), "Server rules");
        c.apply(
            GUILD,
            &mod_a(),
            Op::CreateEntry {
                id,
                entry: entry("Server rules", "Be kind.", &["rules"]),
            },
        )
        .await
        .unwrap();
        c.recorder()
            .write(vec![(GUILD, "how do I center a div".into())], vec![])
            .unwrap();
    }
    let c = open(dir.path());
    assert_eq!(
        section(&c, GUILD, "what's the dough like"),
        Some("salary".into())
    );
    assert_eq!(
        section(&c, GUILD, "what are the server rules"),
        Some("server-rules".into())
    );
    assert_eq!(c.history(GUILD, 10).await.unwrap().len(), 2);
    assert_eq!(
        c.report(GUILD).await.unwrap().declined[0].question,
        "how do I center a div"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_moderators_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let c = Arc::new(open(dir.path()));
    let sections = ["salary", "languages", "databases", "become"];
    let mut tasks = Vec::new();
    for m in 0..8u64 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            let actor = Actor {
                id: 100 + m,
                name: format!("mod{m}"),
            };
            for i in 0..10 {
                let section = sections[(m as usize + i) % sections.len()];
                c.apply(
                    GUILD,
                    &actor,
                    Op::AddKeyword {
                        section: section.into(),
                        keyword: format!("kw-{m}-{i}"),
                    },
                )
                .await
                .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let history = c.history(GUILD, 1000).await.unwrap();
    assert_eq!(history.len(), 80);
    let overlay = c.overlay(GUILD).unwrap();
    let stored: usize = overlay.article.values().map(|a| a.add_keywords.len()).sum();
    assert_eq!(stored, 80, "every keyword is in the state");
    for m in 0..8 {
        for i in 0..10 {
            assert!(
                history
                    .iter()
                    .any(|h| h.summary.contains(&format!("\"kw-{m}-{i}\""))),
                "kw-{m}-{i} missing"
            );
        }
    }
    // And after a restart.
    drop(c);
    let c = open(dir.path());
    assert_eq!(
        c.overlay(GUILD)
            .unwrap()
            .article
            .values()
            .map(|a| a.add_keywords.len())
            .sum::<usize>(),
        80
    );
}

#[tokio::test]
async fn import_rejects_a_bad_file_with_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    c.apply(
        GUILD,
        &mod_a(),
        Op::Hide {
            section: "about".into(),
        },
    )
    .await
    .unwrap();
    let before = c.export(GUILD).unwrap();

    let wrong_toml = "[article.salary\nadd_keywords = [";
    let Err(CurationError::Invalid(p)) = c
        .import(GUILD, &mod_a(), wrong_toml, ImportMode::Replace)
        .await
    else {
        panic!("accepted bad TOML")
    };
    assert!(p[0].message.contains("invalid TOML"), "{p:?}");

    let long = "x ".repeat(2000);
    let bad = format!(
        "[article.no-such-section]\nadd_keywords = [\"pay\"]\n\n[article.salary]\ntext = \"{long}\"\n\n[custom.ok-entry]\ntitle = \"T\"\ntext = \"t\"\nkeywords = []\n"
    );
    let Err(CurationError::Invalid(p)) = c.import(GUILD, &mod_a(), &bad, ImportMode::Replace).await
    else {
        panic!("accepted a bad file")
    };
    let all = careerbot::text::joined(&p, "\n");
    assert!(all.contains("no-such-section"), "{all}");
    assert!(
        all.contains("[article.salary] text") && all.contains("limit is 3000"),
        "{all}"
    );
    assert!(
        all.contains("[custom.ok-entry]") && all.contains("keywords"),
        "{all}"
    );
    assert!(p.len() >= 3, "every problem listed: {p:?}");

    let unknown_key = "[article.salary]\ncolour = \"red\"\n";
    let Err(CurationError::Invalid(p)) = c
        .import(GUILD, &mod_a(), unknown_key, ImportMode::Replace)
        .await
    else {
        panic!("accepted")
    };
    assert!(p[0].message.contains("unknown field `colour`"), "{p:?}");

    assert_eq!(c.export(GUILD).unwrap(), before, "nothing changed");
    assert_eq!(c.history(GUILD, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn export_then_import_round_trips_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    let a = mod_a();
    c.apply(
        GUILD,
        &a,
        Op::AddKeyword {
            section: "salary".into(),
            keyword: "dough".into(),
        },
    )
    .await
    .unwrap();
    c.apply(
        GUILD,
        &a,
        Op::RemoveKeyword {
            section: "salary".into(),
            keyword: "lucrative".into(),
        },
    )
    .await
    .unwrap();
    c.apply(
        GUILD,
        &a,
        Op::LinkQuestion {
            section: "languages".into(),
            question: "is rust a thing for backend".into(),
        },
    )
    .await
    .unwrap();
    c.apply(
        GUILD,
        &a,
        Op::OverrideText {
            section: "become".into(),
            text: "Start with \"hands-on\" projects.\nThen apply.".into(),
        },
    )
    .await
    .unwrap();
    c.apply(
        GUILD,
        &a,
        Op::Hide {
            section: "about".into(),
        },
    )
    .await
    .unwrap();
    let mut e = entry("Server rules", "Be kind. No spam.", &["rules", "spam"]);
    e.questions = vec!["what are the rules".into()];
    c.apply(
        GUILD,
        &a,
        Op::CreateEntry {
            id: "server-rules".into(),
            entry: e,
        },
    )
    .await
    .unwrap();
    let exported = c.export(GUILD).unwrap();
    assert!(
        exported.contains("[custom.server-rules]") && exported.contains("[article.salary]"),
        "{exported}"
    );

    c.import(OTHER, &a, &exported, ImportMode::Replace)
        .await
        .unwrap();
    assert_eq!(c.overlay(OTHER).unwrap(), c.overlay(GUILD).unwrap());
    assert_eq!(
        c.export(OTHER).unwrap().replace(&OTHER.to_string(), "G"),
        exported.replace(&GUILD.to_string(), "G")
    );
    for q in [
        "what are the rules",
        "is rust a thing for backend",
        "backend dough",
    ] {
        assert_eq!(section(&c, OTHER, q), section(&c, GUILD, q), "{q}");
    }
    // Importing into the same server again changes nothing but the log.
    c.import(GUILD, &a, &exported, ImportMode::Replace)
        .await
        .unwrap();
    assert_eq!(c.export(GUILD).unwrap(), exported);
    // An import is one change, and undoing it restores the state before it.
    c.undo(OTHER, &a, None).await.unwrap();
    assert!(c.overlay(OTHER).unwrap().is_empty());
}

#[tokio::test]
async fn report_lists_declined_questions_and_downvoted_answers() {
    let dir = tempfile::tempdir().unwrap();
    let c = open(dir.path());
    for _ in 0..3 {
        c.recorder()
            .write(vec![(GUILD, "How do I  center a div?".into())], vec![])
            .unwrap();
    }
    c.recorder()
        .write(vec![(GUILD, "what is kubernetes".into())], vec![])
        .unwrap();
    c.recorder()
        .write(vec![(OTHER, "not this server".into())], vec![])
        .unwrap();
    // One vote per member per answer: a second press replaces the first.
    c.vote(GUILD, 900, "salary", 1, true).await.unwrap();
    c.vote(GUILD, 900, "salary", 1, false).await.unwrap();
    c.vote(GUILD, 900, "salary", 2, false).await.unwrap();
    c.vote(GUILD, 901, "languages", 1, false).await.unwrap();
    c.vote(GUILD, 902, "become", 3, true).await.unwrap();
    let r = c.report(GUILD).await.unwrap();
    assert_eq!(r.declined.len(), 2);
    assert_eq!(r.declined[0].count, 3);
    assert_eq!(r.declined[0].question, "How do I  center a div?");
    assert!(r.declined[0].last_at > 0);
    assert_eq!(r.downvoted[0].section, "salary");
    assert_eq!((r.downvoted[0].down, r.downvoted[0].up), (2, 0));
    assert_eq!(r.downvoted[1].section, "languages");
    assert_eq!(r.downvoted.len(), 2, "no thumbs-down, not listed");
}

#[test]
fn retention_forgets_old_declined_questions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("curation.sqlite3");
    {
        let c = Curator::open(base(), &path, 90).unwrap();
        c.recorder()
            .write(vec![(GUILD, "old question".into())], vec![])
            .unwrap();
        c.recorder()
            .write(vec![(GUILD, "new question".into())], vec![])
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let old = careerbot::curation::store::now_for_tests() - 91 * 86_400;
    conn.execute(
        "UPDATE declined SET last_at = ?1 WHERE question = 'old question'",
        [old],
    )
    .unwrap();
    drop(conn);
    let c = Curator::open(base(), &path, 90).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let r = rt.block_on(c.report(GUILD)).unwrap();
    let qs: Vec<&str> = r.declined.iter().map(|d| d.question.as_str()).collect();
    assert_eq!(qs, vec!["new question"]);
}

#[test]
fn the_database_uses_wal_and_versioned_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/curation.sqlite3");
    drop(Curator::open(base(), &path, 90).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(
        careerbot::curation::store::schema_version(&conn).unwrap(),
        2
    );
    // Opening again does not re-run migrations.
    drop(conn);
    drop(Curator::open(base(), &path, 90).unwrap());
}

/// The child half of the crash test: when CAREERBOT_CRASH_DB is set, apply
/// changes as fast as possible and print "ack ID KEYWORD" after each one is
/// stored. Without it, this test does nothing.
#[tokio::test]
async fn crash_child_burst() {
    let Ok(db) = std::env::var("CAREERBOT_CRASH_DB") else {
        return;
    };
    let c = Curator::open(base(), Path::new(&db), 90).unwrap();
    let sections = ["salary", "languages", "databases", "become", "skills"];
    for i in 0..100_000 {
        let kw = format!("crash-kw-{i}");
        let id = c
            .apply(
                GUILD,
                &mod_a(),
                Op::AddKeyword {
                    section: sections[i % 5].into(),
                    keyword: kw.clone(),
                },
            )
            .await
            .unwrap();
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "ack {} {kw}", id.id).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_mid_burst_keeps_every_acknowledged_change() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child_burst",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("CAREERBOT_CRASH_DB", &db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let mut acked = Vec::new();
    while acked.len() < 40 {
        let line = lines
            .next()
            .expect("the child acknowledges changes")
            .unwrap();
        if let Some(rest) = line.strip_prefix("ack ") {
            let (id, kw) = rest.split_once(' ').unwrap();
            acked.push((id.parse::<i64>().unwrap(), kw.to_string()));
        }
    }
    child.kill().unwrap(); // SIGKILL
                           // Acknowledgements already printed before the kill count too.
    for line in lines.map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("ack ") {
            let (id, kw) = rest.split_once(' ').unwrap();
            acked.push((id.parse::<i64>().unwrap(), kw.to_string()));
        }
    }
    child.wait().unwrap();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let c = Curator::open(base(), &db, 90).unwrap();
    let overlay = c.overlay(GUILD).unwrap();
    let keywords: Vec<&String> = overlay
        .article
        .values()
        .flat_map(|a| a.add_keywords.iter())
        .collect();
    for (id, kw) in &acked {
        assert!(
            keywords.contains(&kw),
            "acknowledged change #{id} ({kw}) was lost"
        );
    }
}

/// A server's index reuses the analysis of unchanged sections; it must
/// answer exactly as an index built from scratch.
#[test]
fn reused_analyses_answer_like_a_fresh_index() {
    use careerbot::search::Vocabulary;
    let base = base();
    let mut vocab = Vocabulary::reusable(base.knowledge().synonyms());
    let mut overlay = careerbot::curation::Overlay::default();
    let questions: Vec<String> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/questions.jsonl"),
    )
    .unwrap()
    .lines()
    .map(|l| {
        serde_json::from_str::<serde_json::Value>(l).unwrap()["q"]
            .as_str()
            .unwrap()
            .to_string()
    })
    .chain([
        "what's the dough like".to_string(),
        "when is the mentorship meetup".to_string(),
    ])
    .collect();
    let ops = [
        Op::LinkQuestion {
            section: "salary".into(),
            question: "what's the dough like".into(),
        },
        Op::CreateEntry {
            id: "mentorship".into(),
            entry: entry(
                "Mentorship meetups",
                "Thursdays in voice.",
                &["mentorship", "meetup"],
            ),
        },
        Op::Hide {
            section: "about".into(),
        },
        Op::AddKeyword {
            section: "languages".into(),
            keyword: "golang".into(),
        },
    ];
    for op in ops {
        op.apply(&mut overlay);
        let view = overlay.view(base.knowledge());
        let reused = Engine::with_vocabulary(view.clone(), &mut vocab, &base);
        let fresh = Engine::with_vocabulary(
            view,
            &mut Vocabulary::new(base.knowledge().synonyms()),
            &base,
        );
        for q in &questions {
            assert_eq!(
                careerbot::reply::json::line(&reused.ask(q)),
                careerbot::reply::json::line(&fresh.ask(q)),
                "{q:?} after {op:?}"
            );
        }
    }
}
