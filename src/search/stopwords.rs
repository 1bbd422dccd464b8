//! Words that carry no topic: English function words, question words, generic
//! verbs and adjectives, and chat filler. A question made only of these has
//! nothing to match, and an unknown word outside this list counts against
//! the match (see `search::score`).

use super::typo::{sound_alike_in, TypoIndex};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const WORDS: &str = "
a about above actually after again against aint all almost also although always am among an and another any anybody anyone anything anyway anyways appreciate appreciated are aren arent around as ask asking at away
be became because been before being below best better between both bro bruh but by
can cannot cant clarification clarify could couldnt couldve couple
dear did didnt do does doesnt doing done dont down dude during
each either else enough etc even ever every exactly
few for from further
generally get gets getting give go going gonna good got gotta grateful great guidance guy guys
had hadnt has hasnt have havent having he hello help her here hers herself hes hey hi him himself his hmm how however hows huh hype hyped
i id if ill im important in insight insights into is isnt it itll its itself ive
just
k kind kinda kindly kinds know
legit lemme let lets like lmao lol lot lots
me many might mine more most much must mustve my myself myth myths
need needs never no nope nor normally not nothing now
of off often ok okay on once one only or other others otherwise ought our ours ourselves out over overhyped overrated overview own
people person please pls plz pointers ppl pretty probably
question quite
rather really right rofl
said same say says see seem seems several she shes should shouldnt shouldve so some somebody someone something sometimes somewhat sort stuff such summary sure
tbh tell than thank thankful thanks thanx that thatll thats the their theirs them themselves then there therell theres these they theyd theyll theyre theyve thing things think this those though thru thx to tons too typically
u uh um ur us usually
very
wanna want wants was wasnt way we well were werent weve what whatll whats when whenever where whereas wheres which while who wholl whom whos whose why will with within without wonder wondering wont would wouldnt wouldve
ya yall yeah yes yet yo you youd youll your youre yours yourself yourselves youve
";

/// Whether `word` (lower-cased, unstemmed) is a stop word or chat filler.
pub fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| WORDS.split_whitespace().collect())
        .contains(word)
}

/// Every intent `intent` maps a word to, and `DURATION`.
pub const INTENTS: &[&str] = &[
    "what", "how", "why", "where", "when", "who", "which", "do", "is", "much", "can", "should",
    DURATION,
];

/// The intent of a question asking how long something takes or lasts
/// ("how long does it take", "how many hours a week"): a kind of question
/// of its own, not "how" nor "how much" (pay), which a section answers
/// only when one of its sample questions asks it (see `duration_asked`).
pub const DURATION: &str = "long";

/// Units of time that "how many"/"how much" ask a duration in.
const TIME_UNITS: &[&str] = &[
    "time", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year",
    "years",
];

/// Whether the words `ws` starts with ask a duration, and how many of them
/// the question word stands for: "how" of "how long" (1: "long" is still
/// read, as the degree asked), "how many hours", "how much time" (3: the
/// unit is no topic word, "hours" is not pay per hour).
pub fn duration_asked<S: AsRef<str>>(ws: &[S]) -> Option<usize> {
    let at = |i: usize| ws.get(i).map(AsRef::as_ref);
    match (at(0), at(1)) {
        (Some("how"), Some("long")) => Some(1),
        (Some("how"), Some("many" | "much")) => at(2).filter(|u| TIME_UNITS.contains(u)).map(|_| 3),
        // "4 day weeks", "20 hours a week", "after 5 years": an amount of
        // time, which the unit stands in, is what is asked of.
        (Some(n), Some(u))
            if n.bytes().all(|b| b.is_ascii_digit()) && u != "time" && TIME_UNITS.contains(&u) =>
        {
            Some(2)
        }
        _ => None,
    }
}

/// Question words, kept (as their own terms) for comparing a question with
/// sample questions: "what is ..." and "what does ... do" ask different
/// things about the same words. Each maps to one intent.
pub fn intent(word: &str) -> Option<&'static str> {
    Some(match word {
        "what" | "whats" | "whatll" => "what",
        "how" | "hows" => "how",
        "why" => "why",
        "where" | "wheres" => "where",
        "when" => "when",
        "who" | "whom" | "whose" | "whos" | "wholl" => "who",
        "which" => "which",
        "do" | "does" | "did" | "doing" => "do",
        "is" | "are" | "am" | "was" | "were" | "be" | "being" | "werent" | "aint" => "is",
        "much" | "many" => "much",
        "can" | "could" | "couldve" => "can",
        "should" | "must" | "need" | "needs" | "shouldve" | "mustve" => "should",
        _ => return None,
    })
}

/// The stop word `word` misspells ("waht", "shoud"), which should be
/// dropped like the word it stands for rather than count as unknown.
pub fn misspelt_stop_word(word: &str) -> Option<&'static str> {
    static TYPOS: OnceLock<TypoIndex> = OnceLock::new();
    static SWAPS: OnceLock<HashMap<Vec<char>, Vec<&'static str>>> = OnceLock::new();
    if let Some(fixed) = TYPOS
        .get_or_init(|| TypoIndex::new(WORDS.split_whitespace()))
        .correct_with(word, usize::MAX, |_| Some(1))
    {
        return WORDS.split_whitespace().find(|w| *w == fixed);
    }
    // Short words only when two letters are swapped ("waht"): any other edit
    // of a four-letter word makes too many real words ("rust" is not "just").
    // Stop words are indexed by their sorted letters to find those quickly.
    let swaps = SWAPS.get_or_init(|| {
        let mut m: HashMap<Vec<char>, Vec<&'static str>> = HashMap::default();
        for w in WORDS.split_whitespace().filter(|w| w.len() >= 3) {
            m.entry(sorted_letters(w)).or_default().push(w);
        }
        m
    });
    if let Some(w) = swaps
        .get(&sorted_letters(word))
        .and_then(|ws| ws.iter().find(|w| strsim::osa_distance(w, word) == 1))
    {
        return Some(w);
    }
    // Or chat spelling that drops a letter ("hav", "kno", "jus"): a stop
    // word of four to six letters with one letter (not the first) left out.
    static DROPS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let drops = DROPS.get_or_init(|| {
        let mut m = HashMap::default();
        for w in WORDS
            .split_whitespace()
            .filter(|w| (4..=6).contains(&w.len()))
        {
            for i in 1..w.len() {
                if w.is_char_boundary(i) && w.is_char_boundary(i + 1) {
                    m.entry(format!("{}{}", &w[..i], &w[i + 1..])).or_insert(w);
                }
            }
        }
        m
    });
    if let Some(w) = drops.get(word) {
        return Some(w);
    }
    // Or a long one spelt as it sounds ("eksactly", "acshually"): the
    // same sound and first letter, a couple of edits away.
    let typos = TYPOS.get_or_init(|| TypoIndex::new(WORDS.split_whitespace()));
    sound_alike_in([typos], word, |_| Some(1))
        .filter(|w| w.len() >= LONG_STOP_WORD)
        .and_then(|fixed| WORDS.split_whitespace().find(|w| *w == fixed))
}

/// Stop words at least this long may be spelt as they sound: shorter ones
/// sound like too many real words, or are the knowledge base's own words
/// too ("becum" is "become").
const LONG_STOP_WORD: usize = 7;

fn sorted_letters(word: &str) -> Vec<char> {
    let mut letters: Vec<char> = word.chars().collect();
    letters.sort_unstable();
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_of_how_long_is_its_own_kind() {
        assert_eq!(
            duration_asked(&["how", "long", "does", "it", "take"]),
            Some(1)
        );
        assert_eq!(
            duration_asked(&["how", "many", "hours", "a", "week"]),
            Some(3)
        );
        assert_eq!(duration_asked(&["how", "much", "time"]), Some(3));
        // An amount of time asks of one too.
        assert_eq!(duration_asked(&["4", "day", "weeks"]), Some(2));
        assert_eq!(duration_asked(&["20", "hours", "a", "week"]), Some(2));
        assert_eq!(duration_asked(&["4", "languages"]), None);
        // Pay, amounts and plain "how" are not durations.
        assert_eq!(duration_asked(&["how", "much", "money"]), None);
        assert_eq!(duration_asked(&["how", "many", "languages"]), None);
        assert_eq!(duration_asked(&["long", "hours"]), None);
        assert_eq!(duration_asked(&["how", "do", "i"]), None);
    }

    #[test]
    fn a_contraction_is_a_stop_word_with_its_apostrophe_or_without() {
        // Chat drops apostrophes: "dont", "thatll", "whos". Those that
        // are English words of their own ("ill", "shell", "wed") are left
        // out; with the apostrophe they are split as "i", "she", "we".
        for c in [
            "i'm",
            "i've",
            "you're",
            "you've",
            "you'll",
            "you'd",
            "he's",
            "she's",
            "it's",
            "it'll",
            "we've",
            "they're",
            "they've",
            "they'll",
            "they'd",
            "that's",
            "that'll",
            "there's",
            "there'll",
            "what's",
            "what'll",
            "who's",
            "who'll",
            "where's",
            "how's",
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "don't",
            "doesn't",
            "didn't",
            "can't",
            "couldn't",
            "shouldn't",
            "wouldn't",
            "won't",
            "haven't",
            "hasn't",
            "hadn't",
            "let's",
            "would've",
            "should've",
            "could've",
            "must've",
            "ain't",
        ] {
            let written = crate::text::words(c);
            assert!(
                written.iter().all(|w| is_stop_word(&w.text)),
                "{c}: {written:?}"
            );
            let bare = c.replace('\'', "");
            assert!(is_stop_word(&bare), "{bare}");
            // "who's" asks what "who" does; a negation ("can't") is a
            // word of its own either way.
            let first = c.split('\'').next().unwrap_or_default();
            if let Some(i) = intent(first).filter(|_| !c.ends_with("n't")) {
                assert_eq!(intent(&bare), Some(i), "{bare}");
            }
        }
    }

    #[test]
    fn every_intent_is_listed() {
        for w in WORDS.split_whitespace() {
            if let Some(i) = intent(w) {
                assert!(INTENTS.contains(&i), "{w} -> {i}");
            }
        }
    }

    #[test]
    fn filler_is_stop_but_topic_words_are_not() {
        for w in ["lol", "pls", "the", "what", "hey", "tbh"] {
            assert!(is_stop_word(w), "{w}");
        }
        // How many, not of what: "name a couple", "several languages".
        for w in ["few", "couple", "several"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in [
            "salary", "backend", "database", "job", "become", "work", "make",
        ] {
            assert!(!is_stop_word(w), "{w}");
        }
        assert_eq!(misspelt_stop_word("waht"), Some("what"));
        assert_eq!(misspelt_stop_word("shoudl"), Some("should"));
        assert_eq!(misspelt_stop_word("salary"), None);
        assert_eq!(misspelt_stop_word("rust"), None);
        assert_eq!(misspelt_stop_word("rest"), None);
        assert_eq!(misspelt_stop_word("hav"), Some("have"));
        assert_eq!(misspelt_stop_word("kno"), Some("know"));
        // A long one spelt as it sounds.
        assert_eq!(misspelt_stop_word("eksactly"), Some("exactly"));
        assert_eq!(misspelt_stop_word("acutaly"), Some("actually"));
        assert_eq!(misspelt_stop_word("becum"), None);
        assert_eq!(misspelt_stop_word("data"), None);
    }
}
