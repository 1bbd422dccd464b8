//! The matcher's hand-set constants, in one place: how the index weighs a
//! section's fields (`index`), how the score blends its signals (`score`),
//! how much each kind of evidence in a question counts (`query`), when a
//! misspelling is corrected (`typo`) and when English calls a word common
//! or rare (`lexicon`). The decision model (`decision`) then weighs the
//! resulting features with weights that are fitted, not set here.
//!
//! Limits that only bound cost or size (`query::MAX_CHARS`, the typo
//! index's longest word, cache sizes) stay beside the code they bound.

// ---- index: fields and idf ----

/// One mention among a section's keywords counts in full: keywords say what
/// the section is about.
pub const W_KEYWORDS: f32 = 1.0;
/// One mention in a section's title counts in full, like a keyword: the
/// title names what the section is about.
pub const W_TITLE: f32 = 1.0;
/// A mention in a sample question counts half: samples show how people ask
/// about the section, in everyday words beside its topic.
pub const W_QUESTION: f32 = 0.5;
/// The body (the article's prose) counts at most this much per word, however
/// often it repeats it: prose mentions many words in passing, so it is
/// weaker evidence than a keyword or a sample question.
pub const W_BODY: f32 = 0.5;
/// BM25's length normalisation of the body, half of full (1): a long body
/// mentions more words in passing, so a mention there is weaker evidence
/// (in a body twice the average length it counts 2/3 of `W_BODY`), without
/// burying the long sections that cover the most.
pub const BM25_B: f32 = 0.5;
/// BM25's saturation constant (its usual value). With it a weighted
/// frequency of 1 (one keyword or title mention) is a full match and less
/// (a sample question, the body) a partial one, and nothing counts more
/// than a full match, so repeating a word does not win on its own.
pub const BM25_K1: f32 = 1.2;
/// Added to every idf so that terms found in every section (the subject,
/// "backend developer") still count a little when nothing else tells
/// sections apart.
pub const IDF_FLOOR: f32 = 0.1;
/// The fixed idf of a question word ("what", "how much"), which sections do
/// not index (its own idf would be an unseen word's, the highest): enough
/// to tell "what is" from "what does ... do" against sample questions,
/// less than a topic word.
pub const INTENT_IDF: f32 = 0.4;

// ---- score: blending the signals ----

/// Confidence is this much coverage (the question's words the section
/// matches) and the rest likeness (closeness to its sample questions):
/// matching the words is the stronger evidence, how they are asked decides
/// between sections that match alike.
pub const COVERAGE_SHARE: f32 = 0.6;
/// The coverage share when the question names only the subject ("what is a
/// backend developer?"): every section covers those words, so how it is
/// asked tells the sections apart.
pub const SUBJECT_ONLY_COVERAGE_SHARE: f32 = 0.2;
/// A section's likeness is its closest sample question's cosine, blended
/// with this share of its second closest: half and half, so that one
/// sample sharing a word with the question by chance does not decide alone
/// (never below the closest's square: a sample nearly the same as the
/// question needs no second).
pub const SECOND_LIKENESS_SHARE: f32 = 0.5;
/// What is left of the confidence of a section that lacks the word
/// qualifying the question's subject ("web" in "web developer salary"): it
/// answers another subject's question, so it ranks well below a section
/// that has the word, yet is not ruled out.
pub const OTHER_SUBJECT: f32 = 0.6;

/// A question that does not name the subject and whose at most this many
/// topic words the best section uses only in passing is declined (see
/// `decision::Features::passing_words_only`): "what time is it", "what is
/// an operating system". Three or more such words, all in one section, are
/// a paraphrase worth weighing.
pub const MAX_PASSING_WORDS: usize = 2;
/// Words that ask what something is ("define", "what does it mean"): they
/// name a topic (the article's definition) only in a message that names
/// the subject; "what does 404 mean" asks the meaning of something else.
pub const DEFINING_WORDS: &[&str] = &["define", "definition", "meaning", "mean", "explain"];
/// The decision's `length` feature grows with the log of a message's word
/// count up to this many words (a long forum post), and stays at 1 beyond.
pub const LONG_MESSAGE_WORDS: usize = 100;

// ---- query: how much each word of a question counts ----

/// A known word in a background clause (not the asking one) counts this
/// much.
pub const CONTEXT_WEIGHT: f32 = 0.15;
/// An unknown word in a background clause counts this much (before its
/// otherness): who the asker is says little about what they ask.
pub const CONTEXT_UNKNOWN_WEIGHT: f32 = 0.15;
/// A word met through the relatedness lexicon counts this much times its
/// closeness there (1.0 for a synonym).
pub const RELATED_WEIGHT: f32 = 0.7;
/// A corrected word counts a little less than one spelt right.
pub const CORRECTED_WEIGHT: f32 = 0.8;
/// An unknown word counts this much (before its otherness) in a question
/// that names the article's subject.
pub const UNKNOWN_WEIGHT_WITH_ANCHOR: f32 = 0.8;
/// A capitalised word inside a sentence names a thing ("Django"): at least
/// this much otherness.
pub const NAMED_OTHERNESS: f32 = 0.9;
/// Only the lexicon's close links count (1.0 synonym, 0.8 derived form);
/// its 0.6 links (broader or narrower words) join too much.
pub const RELATED_MIN_CLOSENESS: f32 = 0.8;
/// At most this many knowledge-base words for one English word.
pub const RELATED_MAX_TARGETS: usize = 2;
/// Words this common or commoner (Zipf) are not mapped: "keeps", "total"
/// and "saying" are related to everything and mean nothing in particular.
pub const RELATED_MAX_ZIPF: f32 = 5.0;
/// A word after a possessive ("my cousin") names the asker's circumstances:
/// at most this much otherness.
pub const POSSESSED_OTHERNESS: f32 = 0.1;
/// An unknown word right before the article's full subject ("junior
/// backend developer") narrows it: at most this much otherness.
pub const NARROWING_OTHERNESS: f32 = 0.5;

// ---- typo: when a misspelling is corrected ----

/// Words shorter than this are corrected only for a swap (see below): too
/// many real words are one edit apart ("cost", "cast", "coat").
pub const TYPO_MIN_LEN: usize = 5;
/// Words one letter shorter are corrected only for two neighbouring letters
/// swapped ("jbos", "lnag"): a swap seldom turns a word into another word
/// or a name, where a dropped or changed letter often does.
pub const TYPO_SWAP_MIN_LEN: usize = 4;
/// Words this long or longer may be corrected over two edits; shorter ones
/// over one, since two edits turn a short word into too many others.
pub const TYPO_TWO_EDITS_MIN_LEN: usize = 9;
/// Words shorter than this are not corrected by swapping one letter for
/// another: "cover" is a word, not a misspelt "coder". Dropped, doubled and
/// swapped letters are still corrected.
pub const SUBSTITUTION_MIN_LEN: usize = 6;
/// A misspelling the typo index leaves alone may still be read as the
/// knowledge-base word it sounds like ("becum" as "become"): from this many
/// letters, and at most this many edits away (see `typo::sound_alike_in`).
pub const SOUND_MIN_LEN: usize = 4;
pub const SOUND_EDITS: usize = 2;

// ---- lexicon: common and rare English ----

/// A word English lacks, this long or longer, may misspell an everyday
/// word one edit away (`Lexicon::respelt`); a shorter one is too often a
/// name one letter from a word ("mern", "nuxt") to be read so freely.
pub const RESPELL_MIN_LEN: usize = 6;
/// Shorter words, from this long, are respelt only over a dropped or
/// swapped letter, to a word at least `SHORT_RESPELL_MIN_ZIPF` common
/// ("mony" -> "money", "lern" -> "learn"): a short product name is rarely
/// one dropped letter from so common a word.
pub const SHORT_RESPELL_MIN_LEN: usize = 4;
/// Shorter words still, from this long, are respelt as short ones only
/// when English lists them nowhere ("fnd" -> "find"): a listed one ("mak",
/// "dos") is a name or a word of its own.
pub const UNLISTED_RESPELL_MIN_LEN: usize = 3;
/// How common (Zipf) the word a short misspelling is read as must be:
/// among the few thousand commonest ("money" 5.5, "learn" 5.2).
pub const SHORT_RESPELL_MIN_ZIPF: f32 = 5.0;
/// A changed letter (rather than a dropped, added or swapped one) is
/// respelt only in words this long or longer: "clojure" is not "closure".
pub const RESPELL_SUBSTITUTION_MIN_LEN: usize = 8;
/// The everyday word a misspelling is read as is at least this common
/// (Zipf): "presentation" (4.3), "friend" (5.4).
pub const RESPELL_MIN_ZIPF: f32 = 4.0;

/// A word at least this common (Zipf) is everyday English: never taken for
/// a misspelling, and its otherness is the lowest its kind of word has.
pub const COMMON_ZIPF: f32 = 4.5;
/// A word at most this common is rare (jargon, a name, a product): its
/// otherness is the highest its kind of word has.
pub const RARE_ZIPF: f32 = 2.5;

/// A likeness this high means the question is one of the section's sample
/// questions word for word (up to rounding): it is answered whatever the
/// decision model says.
pub const SAME_AS_SAMPLE: f32 = 0.999;
/// Declines name sections at least this close as suggestions.
pub const SUGGEST_THRESHOLD: f32 = 0.15;
/// An answer lists other sections this close to the best as alternatives.
pub const ALTERNATIVE_SHARE: f32 = 0.75;
/// When unsure, the choices offered are the sections this close to the best.
pub const CHOICE_SHARE: f32 = 0.6;
/// A message asking several things that the decision would not answer as a
/// whole has its first question answered alone when the decision gives that
/// question, read by itself, at least this probability: "how do i become a
/// backend developer?? and do i need a CS degree for it" is declined whole
/// for the degree, yet its first question is one the article answers. Well
/// above the answer cut, because a question read alone loses what the
/// message says around it. The question is weighed at its own length, as
/// the message it would be alone (thirty-first session; before, at the
/// whole message's, 0.9 did best). Measured over every corpus message
/// against 0.8, 0.875, 0.9 and 0.95: 0.85 moved the most replies the right
/// way among the unread and held-out ones, none the wrong way.
pub const FIRST_ALONE_AT: f32 = 0.85;

/// An unknown word at least this other counts as naming another subject (a
/// decision feature): roles and rare words reach it, everyday words do not.
pub const RARE_OTHERNESS: f32 = 0.8;
/// The word evidence of a message (see `evidence`) is its words' mean log
/// odds, clamped to this either way before it is scaled to -1..1 (the
/// odds of single words reach about 3 either way). The fit
/// (`tools/fit/fit_decision.py`, `EVIDENCE_SPAN`) scales it the same way.
pub const EVIDENCE_SPAN: f32 = 3.0;
/// The fit clamps each word's leaning towards a section (see
/// `Query::lean`) to this either way; the decision's `section_leaning`
/// divides the mean by it, to -1..1 (`tools/fit/fit_decision.py`,
/// `LEAN_SPAN`, the same).
pub const LEANING_SPAN: f32 = 2.0;
/// How strongly an unknown word of one class names another subject, from
/// the commonest English words (`common`, at [`COMMON_ZIPF`] and above) to
/// the rarest (`rare`, at [`RARE_ZIPF`] and below), linearly in between.
#[derive(Debug, Clone, Copy)]
pub struct OthernessScale {
    pub common: f32,
    pub rare: f32,
}

/// The otherness scale of each word class (see `lexicon::otherness`).
pub struct Otherness {
    /// A role ("dentist", "nurse"): always another subject.
    pub person: OthernessScale,
    /// Someone the asker knows or is ("asking for a friend", "a guy at
    /// work"): circumstances, like the people after "my".
    pub kin: OthernessScale,
    /// Not in WordNet: function words ("everyone") when common, product
    /// names and jargon ("django", "aws") when not.
    pub unlisted: OthernessScale,
    /// A thing or a group: "bank" says little, "blockchain" much.
    pub thing: OthernessScale,
    /// A time or an amount ("week", "decade"): mostly circumstances.
    pub time_or_amount: OthernessScale,
    /// A place ("ohio", "india"): circumstances too. Whether a place lies
    /// beyond a section's figures is the scope notes' to judge (the
    /// decision's `beyond_scope`), not the word's.
    pub place: OthernessScale,
    /// A describing word ("tedious", "luckily"): how, not what, is asked.
    pub describing: OthernessScale,
}

pub const OTHERNESS: Otherness = Otherness {
    person: OthernessScale {
        common: 1.0,
        rare: 1.0,
    },
    kin: OthernessScale {
        common: 0.1,
        rare: 0.5,
    },
    unlisted: OthernessScale {
        common: 0.1,
        rare: 1.0,
    },
    thing: OthernessScale {
        common: 0.35,
        rare: 1.0,
    },
    time_or_amount: OthernessScale {
        common: 0.1,
        rare: 0.6,
    },
    place: OthernessScale {
        common: 0.1,
        rare: 0.6,
    },
    describing: OthernessScale {
        common: 0.05,
        rare: 0.5,
    },
};
