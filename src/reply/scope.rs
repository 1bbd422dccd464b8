//! Whether a question reaches beyond a section's `scope`: it names a country,
//! currency, year or kind of developer that the scope does not. The engine
//! uses this to show a section's scope note ("US figures for back-end
//! developers from PayScale, 2024") only when it matters, so "how much do
//! devs make in Germany?" is told that the figure is American, and "does
//! frontend pay more?" that it is a back-end developer's, rather than left
//! to assume otherwise.

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
/// number of scopes: where the question names a country, currency or year
/// that a scope does not, that scope note should be shown.
pub struct Asked(Words);

impl Asked {
    pub fn of(question: &str) -> Asked {
        Asked(Words::of(question))
    }

    /// Whether the question names a country, currency, year or kind of
    /// developer that `scope` does not name.
    pub fn reaches_beyond(&self, scope: &str) -> bool {
        let (asked, covered) = (&self.0, Words::of(scope));
        let place_beyond = (places().iter().chain(roles()))
            .any(|names| asked.names_any(names) && !covered.names_any(names));
        let year_beyond = asked
            .years()
            .any(|y| !covered.years().any(|covered| covered == y));
        place_beyond || year_beyond
    }
}

/// Whether a lower-cased word is a word of the name of a place, a
/// demonym or a currency ("united" and "states", "german", "rupees"): a
/// place says where the asker is, and whether the answer's figures reach
/// that far is this module's to judge, not the word's.
pub fn is_place_word(word: &str) -> bool {
    place_words().places.contains(word)
}

/// `PLACES` with each name split into its words as `Words` writes them,
/// made once.
fn places() -> &'static [Vec<Vec<String>>] {
    static PREPARED: std::sync::OnceLock<Vec<Vec<Vec<String>>>> = std::sync::OnceLock::new();
    PREPARED.get_or_init(|| prepare(PLACES))
}

/// `ROLES`, likewise.
fn roles() -> &'static [Vec<Vec<String>>] {
    static PREPARED: std::sync::OnceLock<Vec<Vec<Vec<String>>>> = std::sync::OnceLock::new();
    PREPARED.get_or_init(|| prepare(ROLES))
}

/// Names split into their words as `Words` writes them.
fn prepare(groups: &[&[&str]]) -> Vec<Vec<Vec<String>>> {
    groups
        .iter()
        .map(|names| {
            names
                .iter()
                .map(|name| {
                    name.trim_end_matches('.')
                        .split(' ')
                        .map(|p| match p.replace('.', "") == "US" {
                            true => "US".to_string(),
                            false => p.to_lowercase(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Every word of every name in `PLACES` and `ROLES`, as `Words` writes
/// them, and what lets most other words be passed over without a lookup.
struct PlaceWords {
    set: rustc_hash::FxHashSet<String>,
    /// The words of `PLACES` alone.
    places: rustc_hash::FxHashSet<String>,
    /// The longest, in bytes.
    longest: usize,
    /// For each first byte, a bit for each length (below 32) of the words
    /// starting with it.
    lengths: [u32; 256],
}

impl PlaceWords {
    /// Whether an ASCII word (as written) might be one of them once
    /// lower-cased.
    fn might_be(&self, word: &[u8]) -> bool {
        let first = word.first().map_or(0, u8::to_ascii_lowercase);
        word.len() < 32 && self.lengths[first as usize] & (1 << word.len()) != 0
    }
}

fn place_words() -> &'static PlaceWords {
    static WORDS: std::sync::OnceLock<PlaceWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let places: rustc_hash::FxHashSet<String> =
            places().iter().flatten().flatten().cloned().collect();
        let set: rustc_hash::FxHashSet<String> = (places.iter().cloned())
            .chain(roles().iter().flatten().flatten().cloned())
            .collect();
        let mut lengths = [0u32; 256];
        for w in &set {
            if let (Some(&first), true) = (w.as_bytes().first(), w.len() < 32) {
                lengths[first as usize] |= 1 << w.len();
            }
        }
        PlaceWords {
            longest: set.iter().map(String::len).max().unwrap_or(0),
            set,
            places,
            lengths,
        }
    })
}

/// The words of a text for place and year lookup: lower-cased, except that
/// upper-case "US" is kept apart from the pronoun "us".
struct Words {
    /// The words that can be part of a place's name, or a year, each with
    /// its position among all the text's words (so that a name of several
    /// words is found only where they follow one another).
    kept: Vec<(usize, String)>,
    /// The same words, for looking one up.
    set: rustc_hash::FxHashSet<String>,
}

impl Words {
    fn of(text: &str) -> Words {
        let kept = match text.is_ascii() {
            true => Words::ascii(text),
            false => Words::any(text),
        };
        let set = kept.iter().map(|(_, w)| w.clone()).collect();
        Words { kept, set }
    }

    /// The kept words of ASCII text (most messages), read byte by byte:
    /// every byte is a character there, and most words are passed over
    /// without being copied or looked up.
    fn ascii(text: &str) -> Vec<(usize, String)> {
        let known = place_words();
        let bytes = text.as_bytes();
        let (mut kept, mut position, mut i) = (Vec::new(), 0, 0);
        while i < bytes.len() {
            if bytes[i] == b'$' {
                kept.push((position, "$".to_string()));
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
                kept.push((position, "US".to_string()));
            } else {
                // Only words that can be part of a place, or a year, are
                // kept; a word is lower-cased on the stack to be looked up.
                let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
                let mut buf = [0u8; 32];
                if year || known.might_be(w.as_bytes()) {
                    let lower = &mut buf[..w.len()];
                    lower.copy_from_slice(w.as_bytes());
                    lower.make_ascii_lowercase();
                    let lower = std::str::from_utf8(lower).unwrap_or_default();
                    if year || known.set.contains(lower) {
                        kept.push((position, lower.to_string()));
                    }
                }
            }
            position += 1;
        }
        kept
    }

    /// The kept words of any text, character by character.
    fn any(text: &str) -> Vec<(usize, String)> {
        let mut lower = String::new();
        let known = place_words();
        // In bytes: lower-casing never shortens a word below a third of its
        // length, so a longer word cannot be a place's.
        let longest = 3 * known.longest;
        let mut flush = |word: &str, kept: &mut Vec<(usize, String)>, position: &mut usize| {
            let w = word.trim_end_matches('.');
            if w.is_empty() {
                return;
            }
            // "U.S." and "US" are the country; "us" is the pronoun.
            let upper = w.len() <= 4 && w.bytes().filter(|&b| b != b'.').eq(*b"US");
            lower.clear();
            match upper {
                true => lower.push_str("US"),
                // A word longer than any place's word is kept as an empty
                // one below: no need to lower-case it.
                false if w.len() > longest => {}
                false => lower.extend(w.chars().flat_map(char::to_lowercase)),
            }
            // Only words that can be part of a place, or a year, are kept.
            let year = lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit());
            if year || known.set.contains(lower.as_str()) {
                kept.push((*position, lower.clone()));
            }
            *position += 1;
        };
        // A word: letters and digits, and full stops after its first
        // character ("U.S.").
        let (mut kept, mut position) = (Vec::new(), 0);
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() || (c == '.' && start.is_some()) {
                start.get_or_insert(i);
            } else {
                if let Some(from) = start.take() {
                    flush(&text[from..i], &mut kept, &mut position);
                }
                if matches!(c, '$' | '€' | '£' | '¥' | '₹') {
                    kept.push((position, c.to_string()));
                    position += 1;
                }
            }
        }
        if let Some(from) = start {
            flush(&text[from..], &mut kept, &mut position);
        }
        kept
    }

    /// Whether any of `names` (each one word or several, as `places`
    /// prepares them) occurs in the text.
    fn names_any(&self, names: &[Vec<String>]) -> bool {
        names.iter().any(|parts| match parts.as_slice() {
            [one] => self.set.contains(one),
            [first, ..] if !self.set.contains(first) => false,
            _ => self.kept.windows(parts.len()).any(|w| {
                w[w.len() - 1].0 - w[0].0 == parts.len() - 1
                    && w.iter().zip(parts).all(|((_, word), part)| word == part)
            }),
        })
    }

    /// Four-digit numbers that read as years (1990 to 2099).
    fn years(&self) -> impl Iterator<Item = u32> + '_ {
        self.kept
            .iter()
            .map(|(_, w)| w)
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<u32>().ok())
            .filter(|y| (1990..2100).contains(y))
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
}
