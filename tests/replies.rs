//! Replies that read as answers: every section's text stands on its own (no
//! dangling lead-ins, no stray list items), a note says plainly what the
//! article lost, the pay figure says it is American when a question names
//! another country, currency or year, quotes never repeat the text they sit
//! under, and `/quote ABOUT` says when it has no quote about that.

use careerbot::engine::Engine;
use careerbot::knowledge::paragraphs;
use careerbot::reply::{render_embed, render_markdown, Reply, MESSAGE_LIMIT};
use careerbot::text::fold_verbatim;
use std::path::Path;

fn engine() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap()
}

fn answered(engine: &Engine, question: &str, section: &str) -> Reply {
    let reply = engine.ask(question);
    let got = reply.answer.as_ref().map(|a| a.section.id.as_str());
    assert_eq!(got, Some(section), "{question}");
    reply
}

#[test]
fn no_section_text_ends_on_a_lead_in_or_a_question() {
    let e = engine();
    for s in e.knowledge().sections() {
        let last = paragraphs(s.text()).last().unwrap();
        assert!(
            !last.ends_with(':') && !last.ends_with('?'),
            "{} ends on \"{last}\"",
            s.id()
        );
    }
}

#[test]
fn list_items_stand_only_in_the_list_they_belong_to() {
    let e = engine();
    let kb = e.knowledge();
    // The article's list items ("• Proficient knowledge in ..."): each one's
    // first sentence is a fragment that reads as an answer only in its list.
    let items: Vec<String> = kb
        .article()
        .text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('•'))
        .filter_map(|i| i.split_inclusive(". ").next())
        .map(|i| fold_verbatim(i).trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    assert!(items.len() >= 6, "{items:?}");
    let list = kb.section("skills").unwrap();
    for s in kb.sections().iter().filter(|s| s.id() != list.id()) {
        for p in paragraphs(s.text()) {
            let p = fold_verbatim(p);
            for item in &items {
                assert!(
                    !p.starts_with(item.as_str()),
                    "{} has the list item \"{item}\" out of its list",
                    s.id()
                );
            }
        }
    }
    let languages = kb.section("languages").unwrap();
    assert!(
        languages
            .text()
            .starts_with("What backend languages do you need to know?"),
        "{}",
        languages.text()
    );
}

#[test]
fn the_lost_job_board_list_is_said_plainly_not_promised() {
    let e = engine();
    let s = e.knowledge().section("find-jobs").unwrap();
    assert!(
        !s.text().contains("Here are a few job boards"),
        "{}",
        s.text()
    );
    let reply = answered(
        &e,
        "best job boards for server side developers",
        "find-jobs",
    );
    let out = render_markdown(&reply, MESSAGE_LIMIT);
    assert!(
        out.contains("_Note: The article's own list of job boards did not survive"),
        "{out}"
    );
    let embed = render_embed(&reply);
    assert!(embed.description.contains("did not survive"), "{embed:?}");
}

#[test]
fn the_become_answer_has_no_rhetorical_question_and_points_on() {
    let e = engine();
    let reply = answered(&e, "How do I become a backend developer?", "become");
    let a = reply.answer.as_ref().unwrap();
    assert!(!a.text.contains('?'), "{}", a.text);
    let out = render_markdown(&reply, MESSAGE_LIMIT);
    assert!(
        out.contains("technical skills") && out.contains("soft skills"),
        "{out}"
    );
}

#[test]
fn pay_elsewhere_or_in_another_year_says_the_figures_are_american() {
    let e = engine();
    // The article has no figure for them, so whether such a question is
    // answered, asked about ("is it one of these?") or declined with the pay
    // section suggested is the decision's; either way the figure is never
    // shown without saying it is American.
    let mut answered_outright = 0;
    for q in [
        "how much does a backend developer make in germany",
        "What is the average salary of a back-end developer in euros?",
        "backend developer hourly rate in the uk",
        "How much does a backend developer make in 2026?",
        // Nor for another kind of developer: the figure is a back-end
        // developer's, and the note says so.
        "how much do frontend devs make?",
    ] {
        let reply = match e.ask(q) {
            r if r.answered() => {
                answered_outright += 1;
                r
            }
            r => {
                assert!(
                    r.suggestions.iter().any(|t| t.id == "salary"),
                    "{q}: neither answered nor offered: {r:?}"
                );
                // The member picks the pay section from the choices.
                e.picked_reply("salary", q).unwrap()
            }
        };
        let a = reply.answer.as_ref().unwrap();
        assert_eq!(a.section.id, "salary", "{q}");
        assert!(
            a.scope.as_deref().is_some_and(|s| s.contains("US figures")),
            "{q}"
        );
        let out = render_markdown(&reply, MESSAGE_LIMIT);
        assert!(out.contains("_Note: These are US figures"), "{q}: {out}");
        assert!(out.contains("for back-end developers"), "{q}: {out}");
        assert!(
            render_embed(&reply).description.contains("US figures"),
            "{q}"
        );
    }
    // At least one is answered outright, so the note is seen on an
    // answer the engine chose, not only on one picked from the choices.
    assert!(answered_outright >= 1, "the note shows on answers too");
}

#[test]
fn a_section_picked_from_the_choices_answers_like_an_answer() {
    let e = engine();
    // Picked for a question it fits, the section comes with the quotes
    // that fit the question, like an answer; picked for a plain question,
    // no scope note.
    let q = "how much do backend devs get paid per hour";
    let picked = e.picked_reply("salary", q).unwrap();
    let asked = answered(&e, q, "salary");
    assert_eq!(picked.answer, asked.answer);
    assert!(e.picked_reply("no-such-section", q).is_none());
}

#[test]
fn pay_asked_plainly_or_in_dollars_has_no_scope_note() {
    let e = engine();
    for q in [
        "How much does a backend developer make?",
        "how much do backend devs get paid per hour in the US",
        "backend developer salary in dollars",
    ] {
        let reply = answered(&e, q, "salary");
        assert_eq!(reply.answer.as_ref().unwrap().scope, None, "{q}");
        assert!(
            !render_markdown(&reply, MESSAGE_LIMIT).contains("US figures"),
            "{q}"
        );
    }
}

/// The block-quoted lines of a Markdown reply, sources left out.
fn quoted(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .filter(|l| !l.starts_with('—'))
        .map(fold_verbatim)
        .collect()
}

#[test]
fn quotes_shown_never_repeat_the_text_above_them() {
    let e = engine();
    let mut replies = 0;
    for s in e.knowledge().sections() {
        for q in s.questions() {
            let reply = e.ask(q);
            let Some(a) = &reply.answer else { continue };
            replies += 1;
            let body = fold_verbatim(&a.text);
            for shown in quoted(&render_markdown(&reply, MESSAGE_LIMIT))
                .into_iter()
                .chain(quoted(&render_embed(&reply).description))
            {
                let shown = shown.trim_matches(|c: char| c.is_ascii_punctuation());
                assert!(
                    !body.contains(shown),
                    "{q}: the quote \"{shown}\" repeats the text"
                );
            }
        }
    }
    assert!(replies > 50);
}

#[test]
fn a_quote_that_adds_to_the_text_is_still_shown() {
    // A server's own text for a section keeps the article's quotes, which
    // then say something the text does not.
    let e = engine();
    let mut reply = e.section_reply("salary").unwrap();
    reply.answer.as_mut().unwrap().text = "Ask your local meetup.".into();
    let out = render_markdown(&reply, MESSAGE_LIMIT);
    assert!(out.contains("> the average pay"), "{out}");
}

#[test]
fn quote_about_a_subject_without_one_says_so() {
    let e = engine();
    let unknown = e.quote(Some("kubernetes"), 0).unwrap();
    assert!(!unknown.fits);
    let preface = unknown.preface(Some("kubernetes")).unwrap();
    assert!(
        preface.starts_with("I have no quote about \"kubernetes\"."),
        "{preface}"
    );
    let salary = e.quote(Some("salary"), 0).unwrap();
    assert!(salary.fits && salary.section.id() == "salary");
    assert_eq!(salary.preface(Some("salary")), None);
    let any = e.quote(None, 3).unwrap();
    assert!(any.fits);
    assert_eq!(any.preface(None), None);
}
