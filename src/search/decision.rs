//! Answer, ask, or decline: the decision from several features of a
//! question and its best sections, weighed by gradient-boosted trees fitted
//! on the development corpus by cross-validation (`tools/fit/fit_decision.py`
//! writes `knowledge/model/decision.toml` and `trees.tsv`; nothing here is
//! tuned by hand). The trees rise with the evidence for an answer and fall
//! with the evidence against it whatever the other features say (the fit's
//! monotone constraints), so that a better match never lowers the
//! probability.
//!
//! The features tell "which section answers this" (coverage, likeness,
//! margin to the runner-up) apart from "is this about something the article
//! does not cover" (unknown words that name another subject, a question
//! whose only matched words are the article's subject, likeness to
//! questions the article does not answer, from `outside`; words asked far
//! more often in one kind of question than the other, from `evidence`).
//! They are read off the analysed question and its ranked sections
//! (`Query::features`).

use super::index::{TermId, MIN_SAMPLES};
use super::query::{Query, QueryTerm};
use super::score::Hit;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const MODEL: &str = include_str!("../../knowledge/model/decision.toml");
const TREES: &str = include_str!("../../knowledge/model/trees.tsv");
use super::tuning::{DEFINING_WORDS, LONG_MESSAGE_WORDS, MAX_PASSING_WORDS, RARE_OTHERNESS};

/// The features, by name, in the order [`Features::values`] gives them.
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "confidence",
    "coverage",
    "likeness",
    "margin",
    "unknown_share",
    "max_otherness",
    "anchored",
    "focus",
    "has_topic",
    "other_subject",
    "asked_coverage",
    "rare_unknowns",
    "topic_terms",
    "unanchored_otherness",
    "strong_coverage",
    "unasked_intents",
    "beyond_scope",
    "asked_like_another",
    "lone_unanchored_word",
    "asks_the_reader",
    "addresses_the_reader",
    "outside_likeness",
    "outside_margin",
    "word_evidence",
    "length",
    "asks_nothing",
    "unanchored_statement",
    "section_leaning",
    "compares",
];

/// How many features the decision weighs.
pub const N_FEATURES: usize = 29;

/// What the decision looks at, each in 0..1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Features {
    /// The best section's ranking confidence (coverage and likeness blended).
    pub confidence: f32,
    /// Share of the question's word weight the best section matches.
    pub coverage: f32,
    /// Closeness to the best section's nearest sample question.
    pub likeness: f32,
    /// How far the best section's confidence leads the most confident of
    /// the others (the asked words' leaning orders the sections but is no
    /// part of this: a section moderators wrote has none, and its margin
    /// means what an article section's does).
    pub margin: f32,
    /// Share of the asked word weight no section knows.
    pub unknown_share: f32,
    /// The strongest sign of another subject among the asked unknown words.
    pub max_otherness: f32,
    /// The question names the article's subject ("backend developer").
    pub anchored: f32,
    /// Share of the asked words other than the subject's that the best
    /// section matches (0 when there are none).
    pub focus: f32,
    /// The question asks about something besides the subject itself.
    pub has_topic: f32,
    /// The best section lacks a word qualifying the subject ("web" developer)
    /// in what is asked: "frontend dev here, what does the backend team
    /// own?" says who asks, not what.
    pub other_subject: f32,
    /// Coverage counting the asking clauses only.
    pub asked_coverage: f32,
    /// Asked unknown words that strongly name another subject (0, 1/3,
    /// 2/3, 1 for three or more).
    pub rare_unknowns: f32,
    /// Asked known words besides the subject's (0, 1/4, ... 1 for four or
    /// more): one stray word ("time") is weak evidence.
    pub topic_terms: f32,
    /// `max_otherness` in a question that does not name the subject.
    pub unanchored_otherness: f32,
    /// Share of the asked words the best section has among its keywords or
    /// title (what the section is about, or what moderators taught it),
    /// not only in passing in its prose.
    pub strong_coverage: f32,
    /// Share of the question's asking words ("how much", "where", "who")
    /// that none of the best section's sample questions use: the kind of
    /// question is one the section is never asked ("how much does a
    /// frontend developer make?" of the front-end vs back-end section); 0
    /// for a section with fewer than two sample questions (an entry
    /// moderators wrote), which shows no way it is asked.
    pub unasked_intents: f32,
    /// The question names a country, currency or year beyond the best
    /// section's scope note ("US figures from PayScale, 2024"): set by the
    /// engine, which reads the scope notes (0 here).
    pub beyond_scope: f32,
    /// How much more like its sample questions another section is than the
    /// best one: the message is asked the way another section is asked
    /// ("how much does a frontend developer make?" is asked like the salary
    /// section, ranked below the sections that name front-end developers).
    pub asked_like_another: f32,
    /// The question does not name the subject and names one topic word:
    /// however well that word matches ("what's your favorite color?"), it
    /// is one word of evidence.
    pub lone_unanchored_word: f32,
    /// An asking clause asks the reader about their own past ("how did you
    /// become a developer?").
    pub asks_the_reader: f32,
    /// An asking clause speaks to the reader ("how do you ...", "your").
    pub addresses_the_reader: f32,
    /// How like the closest questions the article does not cover (see
    /// `outside`) the asked part is, in the words that are no section's
    /// subject and no sample question's.
    pub outside_likeness: f32,
    /// `outside_likeness` less the best section's likeness (-1..1): asked
    /// more like an uncovered question than like the section's samples.
    pub outside_margin: f32,
    /// How much more often the asked words are asked in questions the
    /// article answers than in ones it does not, learned from the
    /// development corpus (-1..1; see `evidence`).
    pub word_evidence: f32,
    /// How long the message is: the log of its word count, 1 from
    /// `LONG_MESSAGE_WORDS` words. The other features were read off the
    /// whole message, and a long one spreads its words over background
    /// and asides: its coverage and likeness run lower, and its chance of
    /// an unknown or rare word higher, for the same question.
    pub length: f32,
    /// No clause of the message asks: no question mark, no question word
    /// or request opening a clause ("leg day destroyed me lol").
    pub asks_nothing: f32,
    /// `asks_nothing` in a message that does not name the subject.
    pub unanchored_statement: f32,
    /// How strongly the asked words lean towards the best section in the
    /// questions people asked (-1..1; see `Query::leaning`).
    pub section_leaning: f32,
    /// An asking clause asks to compare ("harder than", "vs", "which is
    /// better"; see `message::compares`).
    pub compares: f32,
    /// Not weighed but a gate: the question does not name the subject, and
    /// names at most `MAX_PASSING_WORDS` topic words, which the best section
    /// uses only in passing (in its prose or sample questions): "what time
    /// is it", "I love my cat", "what is an operating system". A word or two
    /// met by chance are no ground for an answer, however alone they make
    /// the section.
    pub passing_words_only: bool,
}

impl Features {
    pub fn values(&self) -> [f32; N_FEATURES] {
        [
            self.confidence,
            self.coverage,
            self.likeness,
            self.margin,
            self.unknown_share,
            self.max_otherness,
            self.anchored,
            self.focus,
            self.has_topic,
            self.other_subject,
            self.asked_coverage,
            self.rare_unknowns,
            self.topic_terms,
            self.unanchored_otherness,
            self.strong_coverage,
            self.unasked_intents,
            self.beyond_scope,
            self.asked_like_another,
            self.lone_unanchored_word,
            self.asks_the_reader,
            self.addresses_the_reader,
            self.outside_likeness,
            self.outside_margin,
            self.word_evidence,
            self.length,
            self.asks_nothing,
            self.unanchored_statement,
            self.section_leaning,
            self.compares,
        ]
    }

    /// Whether the question matched anything at all: with no best section
    /// there is nothing to answer or to offer.
    pub fn has_signal(&self) -> bool {
        self.confidence > 0.0
    }

    /// The features as (name, value) pairs, for diagnostics and fitting.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f32)> {
        FEATURE_NAMES.into_iter().zip(self.values())
    }
}

/// The `length` feature of a message of `words` words: ln(1 + words) /
/// ln(1 + LONG_MESSAGE_WORDS), at most 1.
fn length_of(words: usize) -> f32 {
    ((1.0 + words as f32).ln() / (1.0 + LONG_MESSAGE_WORDS as f32).ln()).min(1.0)
}

impl Query<'_> {
    /// The `length` feature: ln(1 + words) / ln(1 + LONG_MESSAGE_WORDS),
    /// at most 1.
    fn length(&self) -> f32 {
        length_of(self.words)
    }

    /// The `length` feature of the clauses read alone (see
    /// `Query::own_words`), as if they were the whole message.
    pub fn own_length(&self) -> f32 {
        length_of(self.own_words)
    }

    /// The decision's features for this question and its best sections
    /// (`hits`, from [`Query::hits`], best first).
    pub fn features(&self, hits: &[Hit]) -> Features {
        let Some(best) = hits.first() else {
            return Features {
                asks_the_reader: self.asks_the_reader as u8 as f32,
                addresses_the_reader: self.addresses_the_reader as u8 as f32,
                length: self.length(),
                compares: self.compares as u8 as f32,
                ..Features::default()
            };
        };
        let (ix, terms) = (self.index, self.terms.as_slice());
        let topical = |t: &&QueryTerm| !t.id.is_some_and(|id| ix.is_intent(id));
        let mass = |t: &QueryTerm| t.weight * t.idf;
        let tf_in_best = |t: &QueryTerm| {
            let postings = ix.postings.of(t.id?);
            let at = postings
                .binary_search_by_key(&(best.section as u32), |&(s, _)| s)
                .ok()?;
            Some(postings[at].1)
        };
        let in_best = |t: &QueryTerm| tf_in_best(t).is_some();
        let is_anchor = |t: &QueryTerm| t.id.is_some_and(|id| ix.is_anchor(id));
        let anchored = terms.iter().any(is_anchor);
        // "what does 404 mean", "the meaning of life": a word that asks
        // what something is is no strong match without the subject named.
        let defining: Vec<TermId> = match anchored {
            true => Vec::new(),
            false => DEFINING_WORDS
                .iter()
                .filter_map(|w| ix.surface_term(w))
                .collect(),
        };
        let defines = |t: &QueryTerm| t.id.is_some_and(|id| defining.contains(&id));
        let unknown: f32 = terms
            .iter()
            .filter(|t| t.id.is_none() && t.asked)
            .map(mass)
            .sum();
        let max_otherness = terms
            .iter()
            .filter(|t| t.id.is_none() && t.asked)
            .map(|t| t.otherness)
            .fold(0.0, f32::max);
        let topic: Vec<&QueryTerm> = terms
            .iter()
            .filter(topical)
            .filter(|t| t.id.is_some() && t.asked && !is_anchor(t))
            .collect();
        let topic_mass: f32 = topic.iter().map(|t| mass(t)).sum();
        let focus = if topic_mass > 0.0 {
            topic
                .iter()
                .filter(|t| in_best(t))
                .map(|t| mass(t))
                .sum::<f32>()
                / topic_mass
        } else {
            0.0
        };
        let asked_total: f32 = terms
            .iter()
            .filter(topical)
            .filter(|t| t.asked)
            .map(mass)
            .sum();
        let asked_matched: f32 = terms
            .iter()
            .filter(topical)
            .filter(|t| t.asked && in_best(t))
            .map(mass)
            .sum();
        let asked_strong: f32 = terms
            .iter()
            .filter(topical)
            .filter(|t| t.asked && !defines(t))
            .filter(|t| t.id.is_some_and(|id| ix.is_strong_in(best.section, id)))
            .map(mass)
            .sum();
        let share = |a: f32, b: f32| if b > 0.0 { (a / b).min(1.0) } else { 0.0 };
        let other_subject = terms.iter().any(|t| {
            t.qualifies && t.asked && !t.id.is_some_and(|id| ix.names_kind_in(best.section, id))
        });
        let rare = terms
            .iter()
            .filter(|t| t.id.is_none() && t.asked && t.otherness >= RARE_OTHERNESS)
            .count();
        // A section with fewer than `MIN_SAMPLES` sample questions (an
        // entry moderators wrote) says nothing of how it is asked: no
        // question word is unasked of it.
        let samples = ix.sections[best.section].questions.as_slice();
        let (mut intents, mut unasked) = (0, 0);
        let sampled = if samples.len() < MIN_SAMPLES {
            &[][..]
        } else {
            terms
        };
        for id in sampled
            .iter()
            .filter(|t| t.asked)
            .filter_map(|t| t.id.filter(|&id| ix.is_intent(id)))
        {
            intents += 1;
            unasked += !samples.iter().any(|q| q.binary_search(&id).is_ok()) as usize;
        }
        let outside_likeness = ix.outside().likeness(ix, terms);
        let asks_nothing = self.asking_clauses().is_empty();
        Features {
            confidence: best.confidence,
            coverage: best.coverage,
            likeness: best.likeness,
            margin: best.confidence - (hits[1..].iter()).map(|h| h.confidence).fold(0.0, f32::max),
            unknown_share: share(unknown, asked_total),
            max_otherness,
            anchored: anchored as u8 as f32,
            focus,
            has_topic: !topic.is_empty() as u8 as f32,
            other_subject: other_subject as u8 as f32,
            asked_coverage: share(asked_matched, asked_total),
            rare_unknowns: rare.min(3) as f32 / 3.0,
            topic_terms: topic.len().min(4) as f32 / 4.0,
            unanchored_otherness: if anchored { 0.0 } else { max_otherness },
            strong_coverage: share(asked_strong, asked_total),
            unasked_intents: share(unasked as f32, intents as f32),
            beyond_scope: 0.0,
            asked_like_another: hits.iter().map(|h| h.likeness).fold(0.0, f32::max) - best.likeness,
            lone_unanchored_word: (!anchored && topic.len() == 1) as u8 as f32,
            asks_the_reader: self.asks_the_reader as u8 as f32,
            addresses_the_reader: self.addresses_the_reader as u8 as f32,
            outside_likeness,
            outside_margin: outside_likeness - best.likeness,
            word_evidence: self.word_evidence(),
            length: self.length(),
            asks_nothing: asks_nothing as u8 as f32,
            unanchored_statement: (!anchored && asks_nothing) as u8 as f32,
            section_leaning: self.leaning(best.section),
            compares: self.compares as u8 as f32,
            passing_words_only: !anchored
                && asked_strong == 0.0
                && topic.len() <= MAX_PASSING_WORDS,
        }
    }
}

/// The fitted model's settings: the trees' starting score, the two cut
/// points and the ranking's weights.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    /// The score every message starts from, before the trees' leaves.
    base: f64,
    /// At or above this probability the engine answers.
    answer_at: f32,
    /// Between this and `answer_at` it asks which section was meant.
    ask_at: f32,
    /// How much the asked words' leaning towards a section weighs its
    /// ranking score (see `Query::lean`): 0 for not at all.
    rank_evidence: f32,
    /// The `section_leaning` of a section moderators wrote (see
    /// `Query::leaning`).
    entry_leaning: f32,
    /// What a word moderators made a subject counts for in the word
    /// evidence (see `AskedWords::of`), on the feature's -1..1 scale.
    entry_evidence: f32,
    /// The fit's own figures, for people reading the file; not used here.
    #[serde(default, rename = "fitted")]
    _fitted: BTreeMap<String, toml::Value>,
}

/// One node of a tree, 16 bytes: a split goes to `next[0]` when its
/// feature is at most `threshold`, else to `next[1]` (indices into the
/// model's nodes); a leaf reads `LEAF`, a feature slot of its own, and
/// both its sides lead back to itself, so that a walk that has reached it
/// stays there. The walk picks the side by index, not by a branch, and
/// takes as many steps as the deepest tree of its group (see
/// `Decision::probability`): the processor has no branch to mispredict.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The split's threshold, the largest `f32` at most the fitted one, so
    /// that comparing a feature's `f32` value with it is comparing it with
    /// the fitted `f64` threshold.
    threshold: f32,
    feature: u16,
    next: [u32; 2],
}

/// The `Node::feature` of a leaf: the slot after the features, which the
/// walk fills with 0.
const LEAF: u16 = N_FEATURES as u16;

/// The slots a walk reads features from: every feature and `LEAF`,
/// rounded up to a power of two.
const FEATURE_SLOTS: usize = (N_FEATURES + 1).next_power_of_two();

/// How many trees are walked side by side: their steps do not wait on
/// one another.
const TREES_TOGETHER: usize = 8;

/// The fitted trees.
#[derive(Debug, Default)]
struct Trees {
    /// Every tree's nodes, one tree after another.
    nodes: Vec<Node>,
    /// What each node adds to the score when a walk ends there (0 for a
    /// split), by node.
    leaves: Vec<f64>,
    /// Where each tree's root is in `nodes`, shallowest trees first, then
    /// as many roots of a single leaf worth 0 as fill the last group of
    /// `TREES_TOGETHER`.
    roots: Vec<u32>,
    /// For each group of `TREES_TOGETHER` trees, the depth of its
    /// deepest leaf: the steps that bring every walk of the group to its
    /// leaf.
    depths: Vec<u32>,
}

#[derive(Debug)]
pub struct Decision {
    base: f64,
    trees: Trees,
    pub answer_at: f32,
    pub ask_at: f32,
    pub rank_evidence: f32,
    pub entry_leaning: f32,
    pub entry_evidence: f32,
}

/// The model compiled into the binary, parsed once.
pub fn decision() -> &'static Decision {
    static MODEL_ONCE: OnceLock<Decision> = OnceLock::new();
    MODEL_ONCE
        .get_or_init(|| Decision::parse(MODEL, TREES).expect("the shipped decision model is valid"))
}

impl Decision {
    /// Parses a model's settings and its trees (see `trees.tsv`'s header):
    /// every split names a feature of [`FEATURE_NAMES`] and leads to nodes
    /// further down its own tree, so that every walk ends at a leaf.
    pub fn parse(model: &str, trees: &str) -> Result<Decision, String> {
        let raw: RawModel = toml::from_str(model).map_err(|e| e.to_string())?;
        if !(0.0..=1.0).contains(&raw.ask_at) || raw.ask_at > raw.answer_at || raw.answer_at > 1.0 {
            return Err("need 0 <= ask_at <= answer_at <= 1".into());
        }
        if !(raw.rank_evidence.is_finite() && raw.rank_evidence >= 0.0) {
            return Err("rank_evidence must be a number, 0 or more".into());
        }
        if !(-1.0..=1.0).contains(&raw.entry_leaning) {
            return Err("entry_leaning must be within -1..1".into());
        }
        if !(-1.0..=1.0).contains(&raw.entry_evidence) {
            return Err("entry_evidence must be within -1..1".into());
        }
        if !raw.base.is_finite() {
            return Err("base must be a number".into());
        }
        Ok(Decision {
            base: raw.base,
            trees: parse_trees(trees)?,
            answer_at: raw.answer_at,
            ask_at: raw.ask_at,
            rank_evidence: raw.rank_evidence,
            entry_leaning: raw.entry_leaning,
            entry_evidence: raw.entry_evidence,
        })
    }

    /// The probability that the best section answers the question: none
    /// for words used in passing only (see `Features::passing_words_only`).
    pub fn probability(&self, f: &Features) -> f32 {
        if f.passing_words_only {
            return 0.0;
        }
        let mut x = [0.0; FEATURE_SLOTS];
        x[..N_FEATURES].copy_from_slice(&f.values());
        let mut z = self.base;
        let Trees {
            nodes,
            leaves,
            roots,
            depths,
        } = &self.trees;
        // Whole groups (the last one padded with a leaf worth 0), so that
        // the walks of a group are a fixed set the compiler keeps in
        // registers.
        for (group, &depth) in roots.chunks_exact(TREES_TOGETHER).zip(depths) {
            let mut at: [u32; TREES_TOGETHER] = group.try_into().expect("whole groups");
            for _ in 0..depth {
                for a in &mut at {
                    let node = nodes[*a as usize];
                    // The mask only spares a bounds check: features are
                    // below FEATURE_SLOTS.
                    let right = x[usize::from(node.feature) % FEATURE_SLOTS] > node.threshold;
                    *a = node.next[usize::from(right)];
                }
            }
            // Summed in the order walked, not the fit's: the sums differ
            // by rounding only, far below what the fit checks (1e-9).
            for a in at {
                z += leaves[a as usize];
            }
        }
        (1.0 / (1.0 + (-z).exp())) as f32
    }
}

/// Reads `trees.tsv`: a line a node (tree, node, feature or `-` for a leaf,
/// threshold, left, right, leaf value), trees numbered from 0 in order and
/// each tree's nodes from 0 (its root) in order.
fn parse_trees(text: &str) -> Result<Trees, String> {
    let Trees {
        mut nodes,
        mut leaves,
        mut roots,
        ..
    } = Trees::default();
    // Whether the last tree's splits all lead further down into it: then
    // every walk ends at a leaf.
    let whole = |nodes: &[Node], roots: &[u32]| {
        let root = roots.last().map_or(0, |&r| r as usize);
        let end = nodes.len();
        let bad = (root..end).find(|&at| {
            let n = nodes[at];
            n.feature != LEAF
                && n.next
                    .iter()
                    .any(|&c| !(at < c as usize && (c as usize) < end))
        });
        match bad {
            Some(at) => Err(format!(
                "trees: node {} of tree {} leads outside its tree or back up it",
                at - root,
                roots.len().saturating_sub(1)
            )),
            None => Ok(()),
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |what: &str| format!("trees line {}: {what}", n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [tree, node, feature, threshold, left, right, value] = fields[..] else {
            return Err(at("need 7 fields"));
        };
        let count = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| at(&format!("not a count: {s}")))
        };
        let real = |s: &str| match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(at(&format!("not a number: {s}"))),
        };
        let (tree, node) = (count(tree)? as usize, count(node)? as usize);
        if node == 0 {
            if tree != roots.len() {
                return Err(at("trees must be numbered 0, 1, 2, ... in order"));
            }
            whole(&nodes, &roots)?;
            roots.push(u32::try_from(nodes.len()).map_err(|_| at("too many nodes"))?);
        } else if roots.len() != tree + 1 || nodes.len() - roots[tree] as usize != node {
            return Err(at("a tree's nodes must be numbered 0, 1, 2, ... in order"));
        }
        let root = roots[tree];
        let here = u32::try_from(nodes.len()).map_err(|_| at("too many nodes"))?;
        leaves.push(match feature {
            "-" => real(value)?,
            _ => 0.0,
        });
        nodes.push(if feature == "-" {
            Node {
                threshold: 0.0,
                feature: LEAF,
                next: [here, here],
            }
        } else {
            let index = (FEATURE_NAMES.iter().position(|f| *f == feature))
                .ok_or_else(|| at(&format!("unknown feature {feature}")))?;
            let child = |s: &str| {
                count(s)?
                    .checked_add(root)
                    .ok_or_else(|| at("too many nodes"))
            };
            Node {
                threshold: at_most(real(threshold)?),
                feature: index as u16,
                next: [child(left)?, child(right)?],
            }
        });
    }
    whole(&nodes, &roots)?;
    if roots.is_empty() {
        return Err("trees: none".into());
    }
    // A node's children come after it in its tree: one pass in order
    // gives every node its depth.
    let mut depth = vec![0u32; nodes.len()];
    for (at, n) in nodes.iter().enumerate() {
        if n.feature != LEAF {
            for &c in &n.next {
                depth[c as usize] = depth[at] + 1;
            }
        }
    }
    let ends = (roots.iter().skip(1).map(|&r| r as usize)).chain([nodes.len()]);
    let tree_depths: Vec<u32> = (roots.iter().zip(ends))
        .map(|(&r, end)| depth[r as usize..end].iter().copied().max().unwrap_or(0))
        .collect();
    // Trees of like depth walked together: a group takes as many steps
    // as its deepest tree, so this saves a fifth of the steps.
    let mut order: Vec<usize> = (0..roots.len()).collect();
    order.sort_by_key(|&t| tree_depths[t]);
    let mut roots: Vec<u32> = order.iter().map(|&t| roots[t]).collect();
    let depths = (order.chunks(TREES_TOGETHER))
        .map(|g| g.iter().map(|&t| tree_depths[t]).max().unwrap_or(0))
        .collect();
    // The last group filled up with a leaf worth nothing: adding 0 leaves
    // the score as it is.
    if !roots.len().is_multiple_of(TREES_TOGETHER) {
        let pad = u32::try_from(nodes.len()).map_err(|_| "trees: too many nodes".to_string())?;
        nodes.push(Node {
            threshold: 0.0,
            feature: LEAF,
            next: [pad, pad],
        });
        leaves.push(0.0);
        roots.resize(roots.len().next_multiple_of(TREES_TOGETHER), pad);
    }
    Ok(Trees {
        nodes,
        leaves,
        roots,
        depths,
    })
}

/// The largest `f32` at most `t`: an `f32` value is at most it exactly
/// when it is at most `t`.
fn at_most(t: f64) -> f32 {
    let near = t as f32;
    if f64::from(near) > t {
        near.next_down()
    } else {
        near
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses() {
        let d = decision();
        assert!(d.ask_at <= d.answer_at);
        assert!(!d.trees.roots.is_empty());
    }

    #[test]
    fn a_threshold_is_rounded_down_to_the_nearest_f32() {
        // 0.1 as an f32 is a little above 0.1: the threshold below it.
        let t = at_most(0.1);
        assert!(f64::from(t) <= 0.1 && 0.1_f32 > t);
        assert_eq!(at_most(0.5), 0.5);
        assert!(f64::from(at_most(-0.1)) <= -0.1);
    }

    #[test]
    fn a_negative_ranking_weight_or_an_entry_value_out_of_range_is_refused() {
        // The shipped model with its line for `key` replaced by `line`.
        let with = |key: &str, line: &str| {
            (MODEL.lines())
                .map(|l| {
                    if l.starts_with(key) {
                        line.to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let parse = |model: &str| Decision::parse(model, TREES);
        let err = parse(&with("rank_evidence", "rank_evidence = -0.5")).unwrap_err();
        assert!(err.contains("rank_evidence"), "{err}");
        assert!(parse(&with("rank_evidence", "rank_evidence = 0.5")).is_ok());
        let err = parse(&with("entry_leaning", "entry_leaning = 1.5")).unwrap_err();
        assert!(err.contains("entry_leaning"), "{err}");
        assert!(parse(&with("entry_leaning", "entry_leaning = -0.5")).is_ok());
        let err = parse(&with("entry_evidence", "entry_evidence = -2")).unwrap_err();
        assert!(err.contains("entry_evidence"), "{err}");
    }

    const SETTINGS: &str =
        "base = 0.0\nanswer_at = 0.5\nask_at = 0.3\nrank_evidence = 0.0\nentry_leaning = 0.0\nentry_evidence = 0.0\n";

    #[test]
    fn the_trees_add_the_leaves_they_reach() {
        // One split on coverage, then a lone leaf.
        let trees = "0\t0\tcoverage\t0.5\t1\t2\t0\n0\t1\t-\t0\t0\t0\t-1.0\n0\t2\t-\t0\t0\t0\t1.0\n\
                     1\t0\t-\t0\t0\t0\t0.5\n";
        let d = Decision::parse(SETTINGS, trees).unwrap();
        let p = |coverage: f32| {
            d.probability(&Features {
                coverage,
                ..Features::default()
            })
        };
        let sigmoid = |z: f64| (1.0 / (1.0 + (-z).exp())) as f32;
        assert_eq!(p(0.2), sigmoid(-0.5));
        assert_eq!(p(0.5), sigmoid(-0.5));
        assert_eq!(p(0.9), sigmoid(1.5));
    }

    #[test]
    fn trees_of_uneven_depth_walked_side_by_side_reach_the_leaves_a_walk_alone_reaches() {
        // Eleven trees (a group of eight and one of three): tree t splits
        // t times down its right side on coverage, at thresholds 0.1,
        // 0.2, ..., so that its depth is t and a lone leaf is one tree.
        let mut trees = String::new();
        let mut alone = Vec::new();
        for t in 0..11usize {
            for k in 0..t {
                let threshold = (k + 1) as f64 / 10.0;
                let (left, right) = (2 * k + 1, 2 * k + 2);
                trees.push_str(&format!(
                    "{t}\t{}\tcoverage\t{threshold}\t{left}\t{right}\t0\n",
                    2 * k
                ));
                let value = (t * 100 + k) as f64 / 1000.0;
                trees.push_str(&format!("{t}\t{left}\t-\t0\t0\t0\t{value}\n"));
            }
            let value = -(t as f64) / 100.0;
            trees.push_str(&format!("{t}\t{}\t-\t0\t0\t0\t{value}\n", 2 * t));
            alone.push(t);
        }
        let d = Decision::parse(SETTINGS, &trees).unwrap();
        let sigmoid = |z: f64| (1.0 / (1.0 + (-z).exp())) as f32;
        for coverage in [0.0f32, 0.05, 0.15, 0.35, 0.55, 0.95, 1.0] {
            // One tree at a time: the first threshold at or above the
            // coverage sends the walk left to that split's leaf.
            let z: f64 = (alone.iter())
                .map(
                    |&t| match (0..t).find(|&k| coverage <= at_most((k + 1) as f64 / 10.0)) {
                        Some(k) => (t * 100 + k) as f64 / 1000.0,
                        None => -(t as f64) / 100.0,
                    },
                )
                .sum();
            let f = Features {
                coverage,
                ..Features::default()
            };
            assert_eq!(d.probability(&f), sigmoid(z), "coverage {coverage}");
        }
    }

    #[test]
    fn malformed_trees_are_refused() {
        for (trees, says) in [
            ("", "none"),
            ("0\t0\tcolour\t0.5\t1\t2\t0\n", "unknown feature colour"),
            ("0\t0\t-\t0\t0\t0\n", "7 fields"),
            ("0\t0\t-\t0\t0\t0\tNaN\n", "not a number"),
            ("1\t0\t-\t0\t0\t0\t0.1\n", "in order"),
            ("0\t0\t-\t0\t0\t0\t0.1\n0\t2\t-\t0\t0\t0\t0.1\n", "in order"),
            // A split back to itself, or to a node the tree lacks.
            (
                "0\t0\tcoverage\t0.5\t0\t1\t0\n0\t1\t-\t0\t0\t0\t0.1\n",
                "back up",
            ),
            (
                "0\t0\tcoverage\t0.5\t1\t2\t0\n0\t1\t-\t0\t0\t0\t0.1\n",
                "outside",
            ),
        ] {
            let err = Decision::parse(SETTINGS, trees).unwrap_err();
            assert!(err.contains(says), "{trees:?}: {err}");
        }
    }

    #[test]
    fn a_better_match_never_lowers_the_shipped_probability() {
        // The fit's monotone constraints, checked on the shipped trees:
        // from a middling message, raising any evidence for an answer never
        // lowers the probability, and raising evidence against never
        // raises it.
        let middling = Features {
            confidence: 0.5,
            coverage: 0.5,
            likeness: 0.5,
            margin: 0.1,
            anchored: 1.0,
            has_topic: 1.0,
            focus: 1.0,
            length: 0.5,
            ..Features::default()
        };
        let d = decision();
        type Set = fn(&mut Features, f32);
        // Each constrained feature, whether it raises the probability, and
        // how to set it.
        let constrained: [(&str, bool, Set); 13] = [
            ("anchored", true, |f, v| f.anchored = v),
            ("confidence", true, |f, v| f.confidence = v),
            ("coverage", true, |f, v| f.coverage = v),
            ("likeness", true, |f, v| f.likeness = v),
            ("margin", true, |f, v| f.margin = v),
            ("word_evidence", true, |f, v| f.word_evidence = v),
            ("section_leaning", true, |f, v| f.section_leaning = v),
            ("beyond_scope", false, |f, v| f.beyond_scope = v),
            ("asks_the_reader", false, |f, v| f.asks_the_reader = v),
            ("unasked_intents", false, |f, v| f.unasked_intents = v),
            ("other_subject", false, |f, v| f.other_subject = v),
            ("outside_likeness", false, |f, v| f.outside_likeness = v),
            ("rare_unknowns", false, |f, v| f.rare_unknowns = v),
        ];
        for (name, rises, set) in constrained {
            let mut last = None;
            for step in 0..=20 {
                let mut f = middling;
                set(&mut f, step as f32 / 20.0);
                let p = d.probability(&f);
                if let Some(before) = last {
                    assert!(
                        if rises { p >= before } else { p <= before },
                        "{name} at {step}"
                    );
                }
                last = Some(p);
            }
        }
    }
}
