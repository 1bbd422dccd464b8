//! Which servers this process serves when the bot runs as several
//! processes: Discord's gateway sharding, as plain numbers. Discord sends a
//! server's events to shard `(guild_id >> 22) % shards`; a process that runs
//! shards `first..=last` of `total` owns exactly the servers that map there.
//! `config` builds a [`ShardPlan`] from `[discord] shards` and `shard_range`;
//! `discord` starts those shards; caches keep only servers the plan
//! [`owns`](ShardPlan::owns). Nothing here knows serenity.

use std::fmt;

/// The shard Discord sends a server's events to, out of `total` shards
/// (Discord's documented formula). `total` must be at least 1.
pub fn shard_of(guild: u64, total: u32) -> u32 {
    ((guild >> 22) % u64::from(total.max(1))) as u32
}

/// A contiguous range of shards, both ends included, out of a total.
/// Always valid: `first <= last < total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardPlan {
    first: u32,
    last: u32,
    total: u32,
}

/// Why a shard range cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("the total number of shards must be at least 1")]
    NoShards,
    #[error("starts at shard {first} but ends at shard {last}; write the smaller number first")]
    Reversed { first: u32, last: u32 },
    #[error(
        "reaches shard {last}, but with {total} shard{} they are numbered 0 to {}; \
         Discord would close the connection (4010, invalid shard)",
        if *total == 1 { "" } else { "s" },
        total - 1
    )]
    PastTotal { last: u32, total: u32 },
}

impl ShardPlan {
    /// Shards `first..=last` of `total`.
    pub fn new(first: u32, last: u32, total: u32) -> Result<ShardPlan, ShardError> {
        if total == 0 {
            return Err(ShardError::NoShards);
        }
        if first > last {
            return Err(ShardError::Reversed { first, last });
        }
        if last >= total {
            return Err(ShardError::PastTotal { last, total });
        }
        Ok(ShardPlan { first, last, total })
    }

    /// Every shard of `total` in this one process (at least one).
    pub fn all(total: u32) -> ShardPlan {
        let total = total.max(1);
        ShardPlan {
            first: 0,
            last: total - 1,
            total,
        }
    }

    /// Parses `"A-B"` (or a single `"A"`), both ends included, against `total`.
    pub fn parse_range(text: &str, total: u32) -> Result<ShardPlan, String> {
        let text = text.trim();
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        let number = |s: &str| {
            s.trim().parse::<u32>().map_err(|_| {
                format!("`{text}` is not a shard range; write it as FIRST-LAST, such as \"0-3\"")
            })
        };
        ShardPlan::new(number(a)?, number(b)?, total).map_err(|e| e.to_string())
    }

    pub fn first(&self) -> u32 {
        self.first
    }

    /// The last shard, included.
    pub fn last(&self) -> u32 {
        self.last
    }

    pub fn total(&self) -> u32 {
        self.total
    }

    /// How many shards this process runs.
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }

    /// Whether this process runs shard `shard`.
    pub fn runs(&self, shard: u32) -> bool {
        (self.first..=self.last).contains(&shard)
    }

    /// Whether this process receives server `guild`'s events.
    pub fn owns(&self, guild: u64) -> bool {
        self.runs(shard_of(guild, self.total))
    }

    /// Whether this process runs every shard (the one-process case).
    pub fn is_whole(&self) -> bool {
        self.count() == self.total
    }
}

impl fmt::Display for ShardPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shards {}-{} of {}", self.first, self.last, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server id whose shard is `shard` of `total` (Discord: `(id >> 22) % total`).
    fn guild_on(shard: u32, total: u32) -> u64 {
        ((u64::from(total) * 1_000_003 + u64::from(shard)) << 22) | 0x3f_ffff
    }

    #[test]
    fn shard_of_follows_discords_formula() {
        // The low 22 bits (worker, process, increment) never matter.
        let id: u64 = 197_038_439_483_310_086;
        assert_eq!(shard_of(id, 1), 0);
        assert_eq!(shard_of(id, 4), shard_of(id & !0x3f_ffff, 4));
        assert_eq!(shard_of(5 << 22, 4), 1);
        for total in [1, 2, 4, 7] {
            for shard in 0..total {
                assert_eq!(shard_of(guild_on(shard, total), total), shard);
            }
        }
    }

    #[test]
    fn a_range_owns_exactly_its_shards_servers() {
        let low = ShardPlan::new(0, 1, 4).unwrap();
        let high = ShardPlan::new(2, 3, 4).unwrap();
        for shard in 0..4 {
            let g = guild_on(shard, 4);
            assert_eq!(low.owns(g), shard <= 1, "shard {shard}");
            assert_ne!(low.owns(g), high.owns(g), "one owner for shard {shard}");
        }
        assert!(low.runs(0) && !high.runs(0));
        assert_eq!((high.count(), high.total()), (2, 4));
        assert!(!low.is_whole() && ShardPlan::all(4).is_whole());
    }

    #[test]
    fn one_shard_owns_every_server() {
        let plan = ShardPlan::all(1);
        assert_eq!((plan.first(), plan.last(), plan.total()), (0, 0, 1));
        for g in [0, 1, u64::MAX, guild_on(3, 4)] {
            assert!(plan.owns(g));
        }
    }

    #[test]
    fn ranges_parse_with_both_ends_included() {
        assert_eq!(
            ShardPlan::parse_range("2-3", 4),
            Ok(ShardPlan::new(2, 3, 4).unwrap())
        );
        assert_eq!(
            ShardPlan::parse_range(" 5 ", 8),
            Ok(ShardPlan::new(5, 5, 8).unwrap())
        );
        assert_eq!(ShardPlan::parse_range("0-3", 4).unwrap().count(), 4);
    }

    #[test]
    fn impossible_ranges_are_refused() {
        assert!(ShardPlan::parse_range("2-4", 4)
            .unwrap_err()
            .contains("numbered 0 to 3"));
        assert!(ShardPlan::parse_range("3-2", 4)
            .unwrap_err()
            .contains("smaller number first"));
        assert!(ShardPlan::parse_range("a-b", 4)
            .unwrap_err()
            .contains("FIRST-LAST"));
        assert!(ShardPlan::parse_range("-1", 4).is_err());
        assert_eq!(ShardPlan::new(0, 0, 0), Err(ShardError::NoShards));
    }
}
