//! Whether a question reaches beyond a section's `scope`: it names a country,
//! currency, year or kind of developer that the scope does not. The engine
//! uses this to show a section's scope note ("US figures for back-end
//! developers from PayScale, 2024") only when it matters, so "how much do
//! devs make in Germany?" is told that the figure is American, and "does
//! frontend pay more?" that it is a back-end developer's, rather than left
//! to assume otherwise.

use crate::search::Clause;
use crate::text::ASCII_ALPHANUMERIC;

/// Places, each with the names, demonyms and currencies that point to it.
/// A question names a place when it uses any of them.
const PLACES: &[&[&str]] = &[
    &[
        "US",
        "U.S.",
        "USA",
        "united states",
        "america",
        "american",
        "$",
        "usd",
        "dollar",
        "dollars",
    ],
    &[
        "uk",
        "united kingdom",
        "britain",
        "great britain",
        "british",
        "england",
        "scotland",
        "wales",
        "london",
        "£",
        "gbp",
        "pound",
        "pounds",
        "quid",
    ],
    &[
        "europe",
        "european",
        "eu",
        "€",
        "eur",
        "euro",
        "euros",
        "germany",
        "german",
        "berlin",
        "munich",
        "france",
        "french",
        "paris",
        "spain",
        "spanish",
        "italy",
        "italian",
        "netherlands",
        "dutch",
        "amsterdam",
        "ireland",
        "irish",
        "dublin",
        "portugal",
        "portuguese",
        "belgium",
        "austria",
        "finland",
        "greece",
    ],
    &[
        "poland",
        "polish",
        "zloty",
        "pln",
        "czech",
        "romania",
        "hungary",
        "ukraine",
        "ukrainian",
    ],
    &["switzerland", "swiss", "chf", "franc", "francs", "zurich"],
    &[
        "sweden",
        "swedish",
        "norway",
        "norwegian",
        "denmark",
        "danish",
        "krona",
        "krone",
        "sek",
        "nok",
        "dkk",
    ],
    &["canada", "canadian", "cad", "toronto", "vancouver"],
    &["mexico", "mexican", "peso", "pesos", "mxn"],
    &[
        "brazil",
        "brazilian",
        "reais",
        "brl",
        "argentina",
        "chile",
        "colombia",
        "latin america",
    ],
    &[
        "india",
        "indian",
        "₹",
        "inr",
        "rupee",
        "rupees",
        "lakh",
        "lakhs",
        "lpa",
        "bangalore",
        "bengaluru",
        "pakistan",
        "bangladesh",
    ],
    &["china", "chinese", "yuan", "rmb", "cny", "¥"],
    &["japan", "japanese", "yen", "jpy", "tokyo"],
    &["korea", "korean", "krw", "seoul"],
    &[
        "singapore",
        "sgd",
        "philippines",
        "filipino",
        "indonesia",
        "vietnam",
        "malaysia",
        "thailand",
    ],
    &["australia", "australian", "aud", "sydney", "melbourne"],
    &["new zealand", "nz", "nzd"],
    &[
        "africa", "african", "nigeria", "nigerian", "naira", "kenya", "egypt", "rand", "zar",
    ],
    &[
        "israel", "israeli", "shekel", "shekels", "uae", "dubai", "dirham", "turkey", "lira",
    ],
    &["russia", "russian", "ruble", "rubles", "rouble"],
];

/// Other kinds of developer than the article's, each with the names that
/// point to it: a figure given for back-end developers says nothing of
/// theirs ("does frontend pay more than backend?"). A name of two words
/// matches them written apart or joined by a hyphen ("front-end").
const ROLES: &[&[&str]] = &[
    &["frontend", "front end", "frontends"],
    &["full stack", "fullstack"],
    &[
        "devops",
        "sre",
        "site reliability",
        "platform engineer",
        "cloud engineer",
    ],
    &[
        "data engineer",
        "data engineers",
        "data engineering",
        "data scientist",
        "data scientists",
        "data science",
        "data analyst",
        "ml engineer",
        "machine learning",
    ],
    &[
        "mobile developer",
        "mobile developers",
        "mobile dev",
        "ios",
        "android",
    ],
    &["game developer", "game developers", "game dev", "game devs"],
];

/// The places and years a question names, read once and compared with any
/// number of scopes: where the question names a country, currency, year or
/// kind of developer that a scope does not, that scope note should be
/// shown.
pub struct Asked(Words);

impl Asked {
    pub fn of(question: &str) -> Asked {
        Asked(Words::of(question))
    }

    /// The places and years a chat message asks about: those of its asking
    /// clauses when they name any, else the whole message's. "I'm from
    /// Brazil but live in the US: what's the salary here in the US?" asks
    /// of the US; "I'm in India. How much do backend devs make?" still of
    /// India. A kind of developer named only in a question after the first
    /// is that question's, not what the message asks of.
    pub fn of_message(message: &str) -> Asked {
        let whole = Asked::of(message);
        // Most messages name nothing: their clauses need not be read.
        if !whole.names_anything() {
            return whole;
        }
        let clauses = crate::search::clauses(message);
        let joined = |keep: &dyn Fn(usize, &Clause<'_>) -> bool| {
            let mut text = String::new();
            for (_, c) in clauses.iter().enumerate().filter(|(i, c)| keep(*i, c)) {
                text.push_str(c.text);
                text.push('\n');
            }
            text
        };
        let asked = Asked::of(&joined(&|_, c| c.asks));
        if asked.names_place_or_year() {
            return asked;
        }
        // A kind of developer named only after the first question ("how
        // much do backend devs get paid and what makes them different from
        // frontend devs") is a later question's: the first, which is
        // answered, asks of back-end developers. Places and years count in
        // any question.
        if let Some(first) = clauses.iter().position(|c| c.asks) {
            let ends = first
                + 1
                + (clauses[first + 1..].iter())
                    .take_while(|c| c.asks && c.elaborates)
                    .count();
            let later = |i: usize, c: &Clause<'_>| c.asks && i >= ends;
            if asked.names_anything() && clauses.iter().enumerate().any(|(i, c)| later(i, c)) {
                let first_asks = Asked::of(&joined(&|i, c| c.asks && i >= first && i < ends));
                if first_asks.names_anything() {
                    return first_asks;
                }
                return Asked::of(&joined(&|i, c| !later(i, c)));
            }
        }
        if asked.names_anything() {
            return asked;
        }
        whole
    }

    /// Whether the text names a place, currency, kind of developer or year.
    fn names_anything(&self) -> bool {
        self.names_place_or_year() || known().roles.iter().any(|names| self.0.names_any(names))
    }

    /// Whether the text names a place, currency or year.
    fn names_place_or_year(&self) -> bool {
        !self.0.years.is_empty() || known().places.iter().any(|names| self.0.names_any(names))
    }

    /// Whether the question names a country, currency, year or kind of
    /// developer that `scope` does not name.
    pub fn reaches_beyond(&self, scope: &str) -> bool {
        let (asked, known) = (&self.0, known());
        if asked.kept.is_empty() && asked.years.is_empty() {
            return false;
        }
        let covered = Words::of(scope);
        let place_beyond = (known.places.iter().chain(&known.roles))
            .any(|names| asked.names_any(names) && !covered.names_any(names));
        let year_beyond = (asked.years.iter()).any(|y| !covered.years.contains(y));
        place_beyond || year_beyond
    }
}

/// Whether a lower-cased word is a word of the name of a place, a
/// demonym or a currency ("united" and "states", "german", "rupees"): a
/// place says where the asker is, and whether the answer's figures reach
/// that far is this module's to judge, not the word's.
pub fn is_place_word(word: &str) -> bool {
    let known = known();
    known
        .ids
        .get(word)
        .is_some_and(|&id| known.of_a_place[id as usize])
}

/// A word of a name in `PLACES` or `ROLES`, by its place in the list of
/// all their words.
type WordId = u16;

/// A name, as its words.
type Name = Vec<WordId>;

/// The names of `PLACES` and `ROLES` as their words' ids, and what lets
/// most other words of a text be passed over without a lookup.
struct Known {
    /// Every word of every name, as `Words` writes them ("US" for the
    /// country, the rest lower-cased), with its id.
    ids: rustc_hash::FxHashMap<String, WordId>,
    /// By id: whether the word is one of a place's names.
    of_a_place: Vec<bool>,
    /// By id: whether a name starts with the word; the others are read
    /// only right after a word kept ("end" after "front", not in "back
    /// end").
    starts: Vec<bool>,
    places: Vec<Vec<Name>>,
    roles: Vec<Vec<Name>>,
    /// The longest word, in bytes.
    longest: usize,
    /// For each first byte, a bit for each length (below 32) of the words
    /// starting with it: of all the words, and of those that start a name.
    lengths: [u32; 256],
    start_lengths: [u32; 256],
}

impl Known {
    /// Whether an ASCII word (as written) might be one of them once
    /// lower-cased: any word right after a word kept, or else one that
    /// starts a name.
    fn might_be(&self, word: &[u8], after_kept: bool) -> bool {
        let first = word.first().map_or(0, u8::to_ascii_lowercase) as usize;
        let lengths = if after_kept {
            &self.lengths
        } else {
            &self.start_lengths
        };
        word.len() < 32 && lengths[first] & (1 << word.len()) != 0
    }
}

fn known() -> &'static Known {
    static KNOWN: std::sync::OnceLock<Known> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut ids = rustc_hash::FxHashMap::default();
        let mut of_a_place = Vec::new();
        let mut prepare = |groups: &[&[&str]], place: bool| -> Vec<Vec<Name>> {
            (groups.iter())
                .map(|names| {
                    names
                        .iter()
                        .map(|name| name_ids(name, &mut ids, &mut of_a_place, place))
                        .collect()
                })
                .collect()
        };
        let places = prepare(PLACES, true);
        let roles = prepare(ROLES, false);
        assert!(
            ids.len() <= 64 * PRESENT_WORDS,
            "PRESENT_WORDS is too small"
        );
        let mut starts = vec![false; ids.len()];
        for name in places.iter().chain(&roles).flatten() {
            starts[name[0] as usize] = true;
        }
        let (mut lengths, mut start_lengths) = ([0u32; 256], [0u32; 256]);
        for (w, &id) in &ids {
            if let (Some(&first), true) = (w.as_bytes().first(), w.len() < 32) {
                lengths[first as usize] |= 1 << w.len();
                if starts[id as usize] {
                    start_lengths[first as usize] |= 1 << w.len();
                }
            }
        }
        Known {
            longest: ids.keys().map(String::len).max().unwrap_or(0),
            ids,
            of_a_place,
            starts,
            places,
            roles,
            lengths,
            start_lengths,
        }
    })
}

/// The ids of a name's words, as `Words` writes them, new words numbered
/// as they come.
fn name_ids(
    name: &str,
    ids: &mut rustc_hash::FxHashMap<String, WordId>,
    of_a_place: &mut Vec<bool>,
    place: bool,
) -> Name {
    (name.trim_end_matches('.').split(' '))
        .map(|part| {
            let word = match part.replace('.', "") == "US" {
                true => "US".to_string(),
                false => part.to_lowercase(),
            };
            let next = ids.len() as WordId;
            let id = *ids.entry(word).or_insert(next);
            if id == next {
                of_a_place.push(false);
            }
            of_a_place[id as usize] |= place;
            id
        })
        .collect()
}

/// How many 64-bit words hold the set of the known words a text uses.
const PRESENT_WORDS: usize = 8;

/// The words of a text for place, role and year lookup: lower-cased,
/// except that upper-case "US" is kept apart from the pronoun "us".
#[derive(Debug, PartialEq)]
struct Words {
    /// The words that can be part of a place's or a role's name, each with
    /// its position among all the text's words (so that a name of several
    /// words is found only where they follow one another).
    kept: Vec<(usize, WordId)>,
    /// The same words, as a set of ids.
    present: [u64; PRESENT_WORDS],
    /// Four-digit numbers that read as years (1990 to 2099).
    years: Vec<u32>,
}

impl Words {
    fn of(text: &str) -> Words {
        match text.is_ascii() {
            true => Words::ascii(text),
            false => Words::any(text),
        }
    }

    fn new() -> Words {
        Words {
            kept: Vec::new(),
            present: [0; PRESENT_WORDS],
            years: Vec::new(),
        }
    }

    /// Whether the word at `position` comes right after a word kept.
    fn after_kept(&self, position: usize) -> bool {
        self.kept.last().is_some_and(|&(at, _)| at + 1 == position)
    }

    /// Keeps `word` (as `Words` writes it) at `position` if it starts a
    /// name, or goes on with one right after a word kept, or is a year.
    fn keep(&mut self, position: usize, word: &str) {
        let known = known();
        let id = known.ids.get(word).copied();
        if let Some(id) = id.filter(|&id| known.starts[id as usize] || self.after_kept(position)) {
            self.kept.push((position, id));
            self.present[id as usize / 64] |= 1 << (id % 64);
        } else if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            let year: u32 = word.parse().unwrap_or_default();
            if (1990..2100).contains(&year) {
                self.years.push(year);
            }
        }
    }

    /// The kept words of ASCII text (most messages), read byte by byte:
    /// every byte is a character there, and most words are passed over
    /// without being copied or looked up.
    fn ascii(text: &str) -> Words {
        let known = known();
        let bytes = text.as_bytes();
        let (mut words, mut position, mut i) = (Words::new(), 0, 0);
        while i < bytes.len() {
            if bytes[i] == b'$' {
                words.keep(position, "$");
                position += 1;
            }
            if !ASCII_ALPHANUMERIC[bytes[i] as usize] {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (ASCII_ALPHANUMERIC[bytes[i] as usize] || bytes[i] == b'.') {
                i += 1;
            }
            let mut end = i;
            while end > start && bytes[end - 1] == b'.' {
                end -= 1;
            }
            let w = &text[start..end];
            // "U.S." and "US" are the country; "us" is the pronoun.
            let upper = w.starts_with('U') && w.len() <= 4;
            if upper && w.bytes().filter(|&b| b != b'.').eq(*b"US") {
                words.keep(position, "US");
            } else {
                // Only words that can be part of a name, or a year, are
                // looked up; a word is lower-cased on the stack for it.
                let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
                if year || known.might_be(w.as_bytes(), words.after_kept(position)) {
                    let mut buf = [0u8; 32];
                    let lower = &mut buf[..w.len()];
                    lower.copy_from_slice(w.as_bytes());
                    lower.make_ascii_lowercase();
                    words.keep(position, std::str::from_utf8(lower).unwrap_or_default());
                }
            }
            position += 1;
        }
        words
    }

    /// The kept words of any text, character by character.
    fn any(text: &str) -> Words {
        let mut lower = String::new();
        // In bytes: lower-casing never shortens a word below a third of its
        // length, so a longer word cannot be a name's.
        let longest = 3 * known().longest;
        let mut flush = |word: &str, words: &mut Words, position: &mut usize| {
            let w = word.trim_end_matches('.');
            if w.is_empty() {
                return;
            }
            // "U.S." and "US" are the country; "us" is the pronoun.
            let upper = w.len() <= 4 && w.bytes().filter(|&b| b != b'.').eq(*b"US");
            lower.clear();
            match upper {
                true => lower.push_str("US"),
                // A word longer than any name's word is looked up as an
                // empty one: no need to lower-case it.
                false if w.len() > longest => {}
                false => lower.extend(w.chars().flat_map(char::to_lowercase)),
            }
            words.keep(*position, &lower);
            *position += 1;
        };
        // A word: letters and digits, and full stops after its first
        // character ("U.S.").
        let (mut words, mut position) = (Words::new(), 0);
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() || (c == '.' && start.is_some()) {
                start.get_or_insert(i);
            } else {
                if let Some(from) = start.take() {
                    flush(&text[from..i], &mut words, &mut position);
                }
                if matches!(c, '$' | '€' | '£' | '¥' | '₹') {
                    let mut buf = [0u8; 4];
                    words.keep(position, c.encode_utf8(&mut buf));
                    position += 1;
                }
            }
        }
        if let Some(from) = start {
            flush(&text[from..], &mut words, &mut position);
        }
        words
    }

    fn has(&self, id: WordId) -> bool {
        self.present[id as usize / 64] & (1 << (id % 64)) != 0
    }

    /// Whether any of `names` (each one word or several) occurs in the
    /// text.
    fn names_any(&self, names: &[Name]) -> bool {
        names.iter().any(|parts| match parts.as_slice() {
            [one] => self.has(*one),
            [first, ..] if !self.has(*first) => false,
            _ => self.kept.windows(parts.len()).any(|w| {
                w[w.len() - 1].0 - w[0].0 == parts.len() - 1
                    && w.iter().zip(parts).all(|((_, word), part)| word == part)
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_place_names_are_place_words() {
        for w in ["united", "states", "germany", "german", "rupees", "zealand"] {
            assert!(is_place_word(w), "{w}");
        }
        for w in ["django", "google", "backend"] {
            assert!(!is_place_word(w), "{w}");
        }
    }

    #[test]
    fn ascii_text_is_read_as_any_text_is() {
        for text in [
            "How much do devs make in the U.S. in 2023? And in the UK, in $?",
            "us devs in new york vs. united kingdom, 1999 or 20245",
            "US. U.S.A. usa Us uS",
        ] {
            assert_eq!(Words::ascii(text), Words::any(text), "{text}");
        }
    }

    const SCOPE: &str = "US figures from PayScale, as the article gave them in April 2024.";

    #[test]
    fn another_country_currency_or_year_reaches_beyond() {
        for q in [
            "how much do backend devs make in Germany?",
            "backend developer salary uk",
            "what's the pay in euros",
            "salary in India in LPA",
            "how much does a back end dev earn in £",
            "backend salary 2026",
            "do backend developers in new zealand make good money",
        ] {
            assert!(Asked::of(q).reaches_beyond(SCOPE), "{q}");
        }
    }

    #[test]
    fn another_kind_of_developer_reaches_beyond() {
        const BACKEND: &str = "US figures for back-end developers, from PayScale.";
        for q in [
            "does backend pay more than frontend?",
            "do back-end devs make more than front-end devs",
            "full stack vs backend, which pays more",
            "backend dev vs data engineer salary",
        ] {
            assert!(Asked::of(q).reaches_beyond(BACKEND), "{q}");
        }
        for q in [
            "how much do back end developers make",
            "is the end of the front near",
        ] {
            assert!(!Asked::of(q).reaches_beyond(BACKEND), "{q}");
        }
        // A kind of developer is no place.
        assert!(!is_place_word("frontend"));
    }

    #[test]
    fn the_scope_itself_or_nothing_named_stays_within() {
        for q in [
            "how much do backend devs make?",
            "how much do backend devs make in the US",
            "salary in the U.S. in dollars",
            "how much will they pay us",
            "what was the pay in 2024",
            "how much is $29.48 an hour a year",
            "is 100 dollars an hour realistic",
            // The words of a place's name, but not one after the other.
            "is a new grad in a zealand-based team paid less",
        ] {
            assert!(!Asked::of(q).reaches_beyond(SCOPE), "{q}");
        }
    }

    #[test]
    fn a_message_is_judged_by_the_places_its_question_names() {
        // The question names the scope's own country: the background's
        // other country is where the asker comes from.
        let q =
            "I am from Brazil but I live in the US now. What is the normal salary here in the US?";
        assert!(!Asked::of_message(q).reaches_beyond(SCOPE));
        for q in [
            // The question names no place: the background's is asked of.
            "I'm in India. How much do backend devs make?",
            // The question names another country than the background's.
            "I live in the US but I'm moving. What's the pay in Germany?",
            // Nothing asks: the whole message is read.
            "backend salary in germany",
            // A later question's place or year counts.
            "how much do backend devs make? and what about in germany?",
            // A kind of developer the first question names counts.
            "does frontend pay more than backend? and what do they do all day?",
        ] {
            assert!(Asked::of_message(q).reaches_beyond(SCOPE), "{q}");
        }
        // A kind of developer named only in a later question is that
        // question's.
        for q in [
            "how much do backend devs get paid and what makes them different from frontend devs",
            "Backend salary question\nHow much do they earn in a year? Also is it more than frontend?",
        ] {
            assert!(!Asked::of_message(q).reaches_beyond(SCOPE), "{q}");
        }
    }
}
