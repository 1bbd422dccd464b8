//! What the article does not cover, by example: sample questions a
//! tech-career server asks that no section answers (degrees, interviews,
//! negotiation, remote work, frameworks it never names...), kept in
//! `knowledge/model/outside.txt`. How like one of them a message is is a
//! decision feature:
//! "how do i negotiate my backend salary offer?" shares "backend" and
//! "salary" with the salary section, and "negotiate ... offer" with an
//! outside question.
//!
//! The samples are read with the index's own analysis (synonyms, stems,
//! typo fixes, unknown words by their spelling), so they meet a message
//! the way the section samples do. Only words that are no section's
//! subject (none has them among its keywords or in its title) and that no
//! sample question uses count towards the likeness: "salary" is the
//! salary section's, "learn" is how people ask for several, and once
//! moderators teach a section about remote work, "remote" is that
//! section's word and no longer evidence of an uncovered subject on their
//! server.
//!
//! The samples are read once, by the article's own index, and a server's
//! index asks that reading (see [`Index::share_outside`]): reading 220
//! samples takes milliseconds, which a moderator's change would otherwise
//! add to the next question. So the reading keys terms by their text, not
//! by an index's term ids, and a word the article does not know but a
//! server does ("bootcamp" in an entry's text) is still found by its
//! spelling. Which words are a server's subject, and so discounted, is
//! still the asking index's to say.

use super::index::Index;
use super::query::QueryTerm;
use super::tuning::CONTEXT_WEIGHT;
use rustc_hash::FxHashMap;

const SAMPLES: &str = include_str!("../../knowledge/model/outside.txt");

/// A term of a sample or a message: a word the article's index knows, by
/// its term's text, or the spelling of one it does not (a word no section
/// uses, "bootcamp"), a plural as its singular.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Known(&'a str),
    Unknown(&'a str),
}

impl<'a> Key<'a> {
    fn of(ix: &'a Index, t: &'a QueryTerm) -> Key<'a> {
        match t.id {
            Some(id) => Key::Known(ix.term_text(id)),
            None => Key::spelt(&t.word),
        }
    }

    /// The key of a word the article's index does not know.
    fn spelt(w: &str) -> Key<'_> {
        Key::Unknown(match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
            _ => w,
        })
    }
}

/// What the index knows of a term: the samples that use it, with its mass
/// in each, and its idf over the outside samples and the sections' sample
/// questions together (a word every kind of question uses, "learn", "job",
/// "backend", says little about which kind a message is).
#[derive(Debug, Default)]
struct Entry {
    postings: Vec<(u32, f32)>,
    idf: f32,
}

impl Entry {
    /// Sets the idf, the outside samples using the term and `section_uses`
    /// section samples among `docs` samples, and weighs each use by it,
    /// adding to its sample's `mass`.
    fn weigh(&mut self, docs: f32, section_uses: usize, mass: &mut [f32]) {
        self.idf = idf(docs, (self.postings.len() + section_uses) as f32);
        for (s, w) in &mut self.postings {
            *w *= self.idf;
            mass[*s as usize] += *w;
        }
    }
}

/// A message's term as a reading finds it (see `Outside::find`).
type Found<'a> = (Key<'a>, Option<&'a Entry>, bool);

/// The outside samples as the article's index reads them.
#[derive(Debug, Default)]
pub struct Outside {
    /// The terms of the samples that the index knows, by text...
    known: FxHashMap<Box<str>, Entry>,
    /// ...and those it does not, by spelling.
    unknown: FxHashMap<Box<str>, Entry>,
    /// sample -> square root of its terms' summed mass.
    norms: Vec<f32>,
    /// How many samples there are, outside and section ones: what the idf
    /// divides.
    docs: f32,
    /// Every term the reading index uses, by text, with how many of its
    /// sections' sample questions use it.
    article: FxHashMap<Box<str>, u32>,
}

/// The idf of a term `df` of `docs` samples use.
fn idf(docs: f32, df: f32) -> f32 {
    (1.0 + docs / (1.0 + df)).ln()
}

/// The samples of `text`: its lines that are neither blank nor comments.
fn samples(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Outside {
    /// The shipped samples, read by `ix`.
    pub fn build(ix: &Index) -> Outside {
        Outside::from_samples(ix, samples(SAMPLES))
    }

    fn from_samples<'a>(ix: &Index, samples: impl Iterator<Item = &'a str>) -> Outside {
        let mut out = Outside::default();
        // Each sample's terms, at their clause weight for now (a plural
        // and its singular once, at the first one's).
        let mut count = 0;
        for (i, sample) in samples.enumerate() {
            let q = ix.query_as_written(sample);
            for t in q.terms().iter().filter(|t| counts(ix, t)) {
                let e = out.entry(Key::of(ix, t));
                if e.postings.last().is_none_or(|&(s, _)| s as usize != i) {
                    e.postings.push((i as u32, clause_weight(t)));
                }
            }
            count = i + 1;
        }
        out.article = (ix.present_terms())
            .map(|id| (ix.term_text(id).into(), ix.sample_uses(id) as u32))
            .collect();
        // Then weighed by idf, over the outside and the section samples.
        out.docs = (count + ix.sample_count()) as f32;
        let mut mass = vec![0.0f32; count];
        for (text, e) in out.known.iter_mut() {
            let uses = out.article.get(text).copied().unwrap_or(0);
            e.weigh(out.docs, uses as usize, &mut mass);
        }
        for e in out.unknown.values_mut() {
            e.weigh(out.docs, 0, &mut mass);
        }
        out.norms = mass.into_iter().map(f32::sqrt).collect();
        out
    }

    fn entry(&mut self, key: Key<'_>) -> &mut Entry {
        match key {
            Key::Known(w) => self.known.entry(w.into()).or_default(),
            Key::Unknown(w) => self.unknown.entry(w.into()).or_default(),
        }
    }

    /// A message's term as the reading saw it: by its text if the article
    /// knows the term, otherwise by its spelling (a word a server's
    /// sections taught its index, which the article's did not know). With
    /// the samples' entry for it, if any use it, and whether it is read by
    /// its spelling.
    fn find<'a>(&'a self, ix: &'a Index, t: &'a QueryTerm) -> Found<'a> {
        let key = Key::of(ix, t);
        if let Key::Known(text) = key {
            if let Some(e) = self.known.get(text) {
                return (key, Some(e), false);
            }
            if self.article.contains_key(text) {
                return (key, None, false);
            }
            let key = Key::spelt(&t.word);
            return (key, self.get(key), true);
        }
        (key, self.get(key), false)
    }

    fn get(&self, key: Key<'_>) -> Option<&Entry> {
        match key {
            Key::Known(w) => self.known.get(w),
            Key::Unknown(w) => self.unknown.get(w),
        }
    }

    /// A term's idf: its entry's, or for a term no outside sample uses,
    /// from the section samples alone.
    fn idf_of(&self, (key, entry, _): Found<'_>) -> f32 {
        match (entry, key) {
            (Some(e), _) => e.idf,
            (None, Key::Known(w)) => {
                let uses = self.article.get(w).copied().unwrap_or(0);
                idf(self.docs, uses as f32)
            }
            (None, Key::Unknown(_)) => idf(self.docs, 0.0),
        }
    }

    /// How like its closest outside samples the asked part of a message is
    /// (the closest blended with the second closest, as sections' likeness
    /// is), in the words that are no section's subject; 0..1.
    pub fn likeness(&self, ix: &Index, terms: &[QueryTerm]) -> f32 {
        self.likeness_except(ix, terms, |t| {
            t.id.is_some_and(|id| ix.is_strong(id) || ix.sample_uses(id) > 0)
        })
    }

    /// `likeness`, with shared words counted only where `discounted` does
    /// not hold.
    fn likeness_except(
        &self,
        ix: &Index,
        terms: &[QueryTerm],
        discounted: impl Fn(&QueryTerm) -> bool,
    ) -> f32 {
        let asked = || {
            terms
                .iter()
                .filter(|t| t.asked && counts(ix, t))
                .map(|t| (t, self.find(ix, t)))
        };
        // The words a sample could share with the message: most covered
        // questions have none, and cost no more than this. A word read by
        // its spelling (see `key`) counts once, however many terms a
        // server's index read it as.
        let mut shared: Vec<(&QueryTerm, &Entry)> = Vec::new();
        for (t, (_, entry, spelt)) in asked().filter(|(t, _)| !discounted(t)) {
            if let Some(e) = entry {
                if !(spelt && shared.iter().any(|&(_, s)| std::ptr::eq(s, e))) {
                    shared.push((t, e));
                }
            }
        }
        if shared.is_empty() {
            return 0.0;
        }
        let total: f32 = asked()
            .map(|(t, found)| clause_weight(t) * self.idf_of(found))
            .sum();
        if total <= 0.0 {
            return 0.0;
        }
        let mut overlap = vec![0.0f32; self.norms.len()];
        for (t, e) in shared {
            let mine = clause_weight(t) * e.idf;
            for &(s, theirs) in &e.postings {
                // A word counts as much as the lighter side weighs it: a
                // word in passing in the message is not the sample's topic.
                overlap[s as usize] += mine.min(theirs);
            }
        }
        let (mut best, mut second) = (0.0f32, 0.0f32);
        for (o, norm) in overlap.iter().zip(&self.norms).filter(|(&o, _)| o > 0.0) {
            let cos = (o / (total.sqrt() * norm)).min(1.0);
            if cos > best {
                (best, second) = (cos, best);
            } else if cos > second {
                second = cos;
            }
        }
        0.5 * best + 0.5 * second
    }
}

/// A term's weight by its clause alone: the weight a known word has, and
/// for an unknown word what a known word of its clause would have. An
/// everyday word the article lacks is neutral for the sections
/// ("negotiate", "remote", "resume"), but it is just what the outside
/// samples are about.
fn clause_weight(t: &QueryTerm) -> f32 {
    match (t.id, t.asked) {
        (Some(_), _) => t.weight,
        (None, true) => 1.0,
        (None, false) => CONTEXT_WEIGHT,
    }
}

/// Whether a term is compared: topic words, known or not, never question
/// words ("how", "what"), which every sample has.
fn counts(ix: &Index, t: &QueryTerm) -> bool {
    !t.id.is_some_and(|id| ix.is_intent(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_samples_are_read() {
        let ix = Index::shipped();
        let o = Outside::build(&ix);
        assert!(o.norms.len() >= 200, "{}", o.norms.len());
        assert!(o.norms.iter().all(|&n| n > 0.0));
    }

    #[test]
    fn a_message_is_like_a_sample_only_in_words_no_section_is_about() {
        let ix = Index::shipped();
        let o = Outside::from_samples(
            &ix,
            [
                "how do i negotiate a higher backend offer",
                "is a bootcamp worth it",
            ]
            .into_iter(),
        );
        let q = ix.query("any tips to negotiate my first backend offer?");
        let like =
            |in_best: &dyn Fn(&QueryTerm) -> bool| o.likeness_except(&ix, q.terms(), in_best);
        let none = like(&|_| false);
        assert!(none > 0.3, "{none}");
        // Were "negotiate" and "offer" a section's subject (a
        // moderator's entry about offers), the likeness would be gone.
        let taught = like(&|t| t.id.is_some() || matches!(t.word.as_str(), "negotiate" | "offer"));
        assert!(taught < 0.05, "{taught}");
        let q = ix.query("what languages do backend developers use?");
        assert!(o.likeness_except(&ix, q.terms(), |_| false) < 0.1);
    }

    #[test]
    fn an_uncovered_question_is_like_the_shipped_samples_and_a_covered_one_is_not() {
        let ix = Index::shipped();
        let o = Outside::build(&ix);
        let like = |q: &str| o.likeness(&ix, ix.query(q).terms());
        for q in [
            "how do i negotiate my backend salary offer?",
            "what should i put on my resume for a backend job?",
            "do i need a degree to be a backend developer?",
        ] {
            assert!(like(q) > 0.3, "{q}: {}", like(q));
        }
        for q in [
            "how much does a backend developer make?",
            "what languages do backend developers use?",
            "what is the difference between front end and back end?",
        ] {
            assert!(like(q) < 0.05, "{q}: {}", like(q));
        }
    }
}
