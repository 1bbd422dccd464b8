//! The matcher's hand-set constants, in one place: how much each kind of
//! evidence counts before the decision model (`decision`) weighs the
//! resulting features. The model's own weights are fitted, not set here.

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
