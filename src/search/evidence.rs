//! Word evidence: how much more often each word is asked in messages the
//! article answers than in messages it does not, learned from the
//! development corpus. `tools/fit/fit_decision.py` counts, over the tuned
//! part of the corpus, the messages of each kind that ask a word (the keys
//! `ask --json --explain` reports as `words`), and writes the smoothed log
//! odds of the words asked in at least a few messages to
//! `knowledge/model/words.tsv`; nothing here is set by hand.
//!
//! "resume", "interview", "degree", "remote" or "junior" are asked far
//! more often in questions the article leaves open; "responsibilities",
//! "tickets", "handle" or "databases" in ones it answers. The mean over a
//! message's asked words is one feature of the decision, weighed with the
//! others.
//!
//! A word counts once per message, from the asking clauses only (the
//! background of who asks says nothing of what is asked), question words
//! not at all (which kind of question it is, other features weigh), by its
//! key: a known word by the index's term (so a misspelling the index
//! corrects counts as the word it means), an unknown one by its spelling
//! when it is a dictionary word. An unknown word that is none (a
//! misspelling no one corrected, a product name) counts nowhere: how often
//! it appears in the corpus says more about who wrote the corpus than
//! about the question, and its otherness is already a feature. Nor does a
//! word a server's moderators made a subject there (their entry's keyword
//! or title word, a keyword they taught a section) count by what the
//! corpus says of it: on that server it means their topic, a subject the
//! server answers, and it counts as much as a word of the corpus's rightly
//! answered questions does on average (the fitted `entry_evidence`), as a
//! section moderators wrote leans (`entry_leaning`).

use super::decision::decision;
use super::index::{Index, TermId};
use super::lexicon::lexicon;
use super::query::{Query, QueryTerm};
use super::score::Hit;
use super::tuning::{EVIDENCE_SPAN, LEANING_SPAN};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../knowledge/model/words.tsv");
const LEANINGS: &str = include_str!("../../knowledge/model/sections.tsv");

/// A word as the table knows it: a term of the index (a known word's stem,
/// or a phrase), or the spelling of a dictionary word the index does not
/// know, written `~word` in the table. Kept apart, so that a word a
/// server's moderators teach (then a term) loses the evidence it had as a
/// word the article lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key<'a> {
    Term(&'a str),
    Unknown(&'a str),
}

impl std::fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Term(t) => f.write_str(t),
            Key::Unknown(w) => write!(f, "~{w}"),
        }
    }
}

/// word -> log odds that a message asking it is one the article answers.
#[derive(Debug)]
struct Table<'a> {
    terms: FxHashMap<&'a str, f32>,
    unknown: FxHashMap<&'a str, f32>,
}

impl Table<'_> {
    fn get(&self, key: Key<'_>) -> Option<f32> {
        match key {
            Key::Term(t) => self.terms.get(t),
            Key::Unknown(w) => self.unknown.get(w),
        }
        .copied()
    }
}

fn table() -> &'static Table<'static> {
    static TABLE_ONCE: OnceLock<Table<'static>> = OnceLock::new();
    TABLE_ONCE.get_or_init(|| parse(TABLE).expect("the shipped word evidence is valid"))
}

/// The `name<TAB>number` lines of a fitted table, each with its line
/// number, skipping blank lines and those opening with `comment`.
pub(super) fn weighted_lines<'a>(
    text: &'a str,
    comment: &'a str,
) -> impl Iterator<Item = Result<(usize, &'a str, f32), String>> + 'a {
    (text.lines().enumerate())
        .filter(move |(_, line)| !line.starts_with(comment) && !line.trim().is_empty())
        .map(|(n, line)| {
            let n = n + 1;
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {n}: expected name<TAB>value"))?;
            let value: f32 = value
                .trim()
                .parse()
                .map_err(|_| format!("line {n}: {value:?} is not a number"))?;
            if !value.is_finite() {
                return Err(format!("line {n}: {value} is not finite"));
            }
            Ok((n, name, value))
        })
}

/// Reads `word<TAB>log odds` lines (`~word` for an unknown word); `#`
/// starts a comment line.
fn parse(text: &str) -> Result<Table<'_>, String> {
    let mut table = Table {
        terms: FxHashMap::default(),
        unknown: FxHashMap::default(),
    };
    for row in weighted_lines(text, "#") {
        let (n, word, value) = row?;
        let (map, bare) = match word.strip_prefix('~') {
            Some(w) => (&mut table.unknown, w),
            None => (&mut table.terms, word),
        };
        if map.insert(bare, value).is_some() {
            return Err(format!("line {n}: {word:?} repeated"));
        }
    }
    Ok(table)
}

/// Which way each word leans among the article's sections: for a word
/// asked in at least a few answerable messages of the corpus, the smoothed
/// log ratio of how often those messages want each section to how often
/// messages want it at all ("paid" leans to the pay, "typical" to the day
/// in the life, "relational" to the databases). Learned by
/// `tools/fit/fit_decision.py`, written to `knowledge/model/sections.tsv`.
#[derive(Debug)]
pub struct Leanings<'a> {
    /// The article's section ids, one column each.
    pub columns: Vec<&'a str>,
    rows: FxHashMap<Key<'a>, Box<[f32]>>,
}

pub fn leanings() -> &'static Leanings<'static> {
    static LEANINGS_ONCE: OnceLock<Leanings<'static>> = OnceLock::new();
    LEANINGS_ONCE
        .get_or_init(|| parse_leanings(LEANINGS).expect("the shipped section leanings are valid"))
}

/// Reads a `word<TAB>id<TAB>id...` header, then `word<TAB>value...` lines,
/// one value a column (`~word` for an unknown word); `#` starts a comment
/// line.
fn parse_leanings(text: &str) -> Result<Leanings<'_>, String> {
    let mut lines =
        (text.lines().enumerate()).filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let columns: Vec<&str> = match lines.next() {
        Some((_, header)) => header.split('\t').skip(1).collect(),
        None => return Err("no header line".into()),
    };
    if columns.is_empty() || columns.iter().any(|c| c.is_empty()) {
        return Err("the header names no sections".into());
    }
    let mut rows = FxHashMap::default();
    for (n, line) in lines {
        let mut fields = line.split('\t');
        let word = fields.next().unwrap_or_default();
        let values = fields
            .map(|v| match v.trim().parse::<f32>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(format!("line {}: {v:?} is not a finite number", n + 1)),
            })
            .collect::<Result<Box<[f32]>, String>>()?;
        if values.len() != columns.len() {
            return Err(format!(
                "line {}: {} values for {} sections",
                n + 1,
                values.len(),
                columns.len()
            ));
        }
        let key = match word.strip_prefix('~') {
            Some(w) => Key::Unknown(w),
            None => Key::Term(word),
        };
        if rows.insert(key, values).is_some() {
            return Err(format!("line {}: {word:?} repeated", n + 1));
        }
    }
    Ok(Leanings { columns, rows })
}

/// What the asked words say, worked out once per query (see
/// `Query::asked_words`): the word evidence and the mean leaning towards
/// each section, from one pass over the asked keys.
#[derive(Debug)]
pub struct AskedWords {
    /// The word evidence feature, -1..1 (see `Query::word_evidence`).
    evidence: f32,
    /// The asked words' mean leaning towards each column of the leanings
    /// table; none when the table knows none of them.
    leanings: Option<Box<[f32]>>,
}

impl AskedWords {
    fn of(ix: &Index, terms: &[QueryTerm]) -> AskedWords {
        let (odds, table) = (table(), leanings());
        let (mut evidence, mut counted) = (0.0f32, 0u32);
        let mut sums = vec![0.0f32; table.columns.len()].into_boxed_slice();
        let mut leaned = 0u32;
        // The words moderators made a subject here, each once.
        let mut curated: Vec<TermId> = Vec::new();
        for t in terms.iter().filter(|t| t.asked) {
            if let Some(id) = t.id.filter(|&id| ix.is_curated_subject(id)) {
                if !curated.contains(&id) {
                    curated.push(id);
                }
            }
        }
        if !curated.is_empty() {
            evidence += curated.len() as f32 * decision().entry_evidence * EVIDENCE_SPAN;
            counted += curated.len() as u32;
        }
        for k in asked_keys(ix, terms) {
            if let Some(v) = odds.get(k) {
                evidence += v;
                counted += 1;
            }
            if let Some(row) = table.rows.get(&k) {
                leaned += 1;
                sums.iter_mut().zip(row.iter()).for_each(|(s, v)| *s += v);
            }
        }
        AskedWords {
            evidence: match counted {
                0 => 0.0,
                n => (evidence / n as f32).clamp(-EVIDENCE_SPAN, EVIDENCE_SPAN) / EVIDENCE_SPAN,
            },
            leanings: (leaned > 0).then(|| {
                sums.iter_mut().for_each(|s| *s /= leaned as f32);
                sums
            }),
        }
    }
}

impl Query<'_> {
    /// The asked words' evidence and leanings, worked out on first use and
    /// kept: the ranking and the decision's features both ask for them.
    fn asked_words(&self) -> &AskedWords {
        self.asked_words
            .get_or_init(|| AskedWords::of(self.index, &self.terms))
    }

    /// Weighs each article section's ranking score by how strongly the
    /// asked words lean towards it: the score (the confidence) times e to
    /// the fitted `rank_evidence` times the mean leaning of the asked words
    /// the table knows. A factor, not a bonus: it reorders sections the
    /// message matches alike, and makes nothing of a section it hardly
    /// matches ("oublie l'article ..." is no question about the author for
    /// its "article"). The words counted are the word evidence's
    /// (`asked_keys`): what is asked, not the background, and not a word
    /// moderators made a subject on this server. A section moderators wrote
    /// has no column and keeps its score.
    pub fn lean(&self, hits: &mut [Hit]) {
        let weight = decision().rank_evidence;
        if weight == 0.0 || hits.is_empty() {
            return;
        }
        let Some(means) = &self.asked_words().leanings else {
            return;
        };
        for h in hits.iter_mut() {
            if let Some(c) = self.index.lean_column(h.section) {
                h.score *= (weight * means[c]).exp();
            }
        }
    }

    /// The decision feature: how strongly the asked words lean towards
    /// `section`, their mean leaning scaled to -1..1 by `LEANING_SPAN` (0
    /// when the table knows no asked word). Words that lean elsewhere make
    /// an answer from this section less likely right, however well it
    /// matched. A section the table has no column for (one moderators
    /// wrote) was never asked in the corpus: it counts as leaning as much
    /// as the corpus's rightly answered questions do on average (the
    /// fitted `entry_leaning`), neither for nor against it.
    pub fn leaning(&self, section: usize) -> f32 {
        let Some(c) = self.index.lean_column(section) else {
            return decision().entry_leaning;
        };
        (self.asked_words().leanings.as_ref()).map_or(0.0, |means| means[c] / LEANING_SPAN)
    }

    /// The decision feature: the mean log odds of the asked words the
    /// table knows (0 when it knows none), clamped to `EVIDENCE_SPAN`
    /// either way and scaled to -1..1 (positive: asked like the questions
    /// the article answers). A mean, not a sum: a long message asking three
    /// things is no more uncovered for asking more words.
    pub fn word_evidence(&self) -> f32 {
        self.asked_words().evidence
    }

    /// The keys of the asked words the word evidence counts, each once, as
    /// the table writes them (what `ask --json --explain` reports as
    /// `words`, and the fit counts).
    pub fn evidence_words(&self) -> Vec<String> {
        (asked_keys(self.index, &self.terms).iter())
            .map(ToString::to_string)
            .collect()
    }
}

/// The table's key for a term (see the module's notes): the index's term
/// for a known word, the spelling of an unknown dictionary word; none for
/// a question word (what kind of question it is, other features weigh), a
/// word moderators made a subject on this server (what the corpus says of
/// "rules" is not what a server with a rules entry means by it), or any
/// other unknown word.
pub fn key<'a>(ix: &'a Index, t: &'a QueryTerm) -> Option<Key<'a>> {
    match t.id {
        Some(id) if ix.is_intent(id) || ix.is_curated_subject(id) => None,
        Some(id) => Some(Key::Term(ix.term_text(id))),
        None => lexicon()
            .is_dictionary_word(&t.word)
            .then_some(Key::Unknown(t.word.as_str())),
    }
}

/// The asked words' keys, each once, in the order asked.
pub fn asked_keys<'a>(ix: &'a Index, terms: &'a [QueryTerm]) -> Vec<Key<'a>> {
    let mut keys: Vec<Key<'_>> = Vec::new();
    for k in terms.iter().filter(|t| t.asked).filter_map(|t| key(ix, t)) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_has_both_signs() {
        let t = table();
        assert!(t.terms.len() >= 100, "{}", t.terms.len());
        assert!(t.unknown.len() >= 20, "{}", t.unknown.len());
        let all = || t.terms.values().chain(t.unknown.values());
        assert!(all().any(|&v| v > 0.5));
        assert!(all().any(|&v| v < -0.5));
    }

    #[test]
    fn a_malformed_table_is_refused_with_its_line() {
        assert!(parse("# c\nword\t1.5\n").is_ok());
        assert!(parse("word 1.5\n").unwrap_err().contains("line 1"));
        assert!(parse("a\t1\nb\tx\n").unwrap_err().contains("line 2"));
        assert!(parse("a\t1\na\t2\n").unwrap_err().contains("repeated"));
        // The same word as a term and as an unknown word is no repeat.
        let t = parse("a\t1\n~a\t2\n").unwrap();
        assert_eq!(t.get(Key::Term("a")), Some(1.0));
        assert_eq!(t.get(Key::Unknown("a")), Some(2.0));
        assert!(parse("a\tNaN\n").is_err());
    }

    #[test]
    fn a_malformed_leanings_table_is_refused_with_its_line() {
        let t =
            parse_leanings("# c\nword\tsalary\tskills\npaid\t1.5\t-0.5\n~wage\t1\t0\n").unwrap();
        assert_eq!(t.columns, ["salary", "skills"]);
        assert_eq!(t.rows[&Key::Unknown("wage")][0], 1.0);
        assert!(parse_leanings("# only a comment\n").is_err());
        assert!(parse_leanings("word\n").is_err());
        let err = parse_leanings("word\ta\tb\npaid\t1\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(parse_leanings("word\ta\npaid\tx\n").is_err());
        assert!(parse_leanings("word\ta\npaid\tinf\n").is_err());
        assert!(parse_leanings("word\ta\npaid\t1\npaid\t2\n")
            .unwrap_err()
            .contains("repeated"));
    }

    #[test]
    fn asked_words_lean_the_ranking_towards_their_section_and_make_nothing_of_nothing() {
        let ix = Index::shipped();
        let column = |id: &str| leanings().columns.iter().position(|c| *c == id);
        let section = |id: &str| {
            (0..ix.section_count())
                .find(|&s| ix.lean_column(s).is_some() && ix.lean_column(s) == column(id))
        };
        let (pay, day) = (
            section("salary").unwrap(),
            section("day-in-the-life").unwrap(),
        );
        let hit = |section: usize, confidence: f32| Hit {
            section,
            confidence,
            coverage: confidence,
            likeness: confidence,
            score: confidence,
        };
        // Matched alike, the pay question leans to the pay.
        let q = ix.query("how much do they get paid?");
        let mut hits = [hit(day, 0.5), hit(pay, 0.5), hit(day, 0.0)];
        q.lean(&mut hits);
        assert!(hits[1].score > hits[0].score, "{hits:?}");
        // A section the message does not match stays unmatched.
        assert_eq!(hits[2].score, 0.0);
        // The background does not lean: only what is asked.
        let q = ix.query("I got paid today. What is a backend developer?");
        let mut alike = [hit(day, 0.5), hit(pay, 0.5)];
        q.lean(&mut alike);
        let q2 = ix.query("What is a backend developer?");
        let mut bare = [hit(day, 0.5), hit(pay, 0.5)];
        q2.lean(&mut bare);
        assert_eq!(alike, bare);
    }

    #[test]
    fn words_count_once_from_the_asking_clauses_by_key() {
        let ix = Index::shipped();
        // "tasks" twice, once in the background: one key; the background's
        // "nurse" is not asked.
        let q = ix.query(
            "I'm a nurse with many tasks. What tasks fill a backend developer's day? tasks?",
        );
        let keys = q.evidence_words();
        assert!(!keys.iter().any(|k| k.contains("nurse")), "{keys:?}");
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        // An unknown word that is no dictionary word counts nowhere.
        let q = ix.query("is zxqvbn worth it for backend");
        assert!(!q.evidence_words().iter().any(|k| k.contains("zxqvbn")));
        // An unknown dictionary word counts by its spelling.
        let q = ix.query("how do i negotiate a backend offer");
        assert!(q.evidence_words().contains(&"~negotiate".to_string()));
    }
}
