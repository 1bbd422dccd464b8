//! Per-member cooldowns for everything that makes the bot answer (slash
//! commands, mentions, buttons), so one member cannot flood a channel.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// When entries are pruned of members whose cooldown has long passed.
const PRUNE_AT: usize = 10_000;

pub struct Cooldowns {
    period: Duration,
    /// A `std` mutex on purpose: it is held for a map lookup, never across an
    /// `.await`, so an async mutex would only add cost.
    last: Mutex<HashMap<u64, Instant>>,
}

impl Cooldowns {
    pub fn new(period: Duration) -> Self {
        Cooldowns {
            period,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Records a use by `user` and allows it, or says how long they must
    /// still wait. A zero period allows everything.
    pub fn try_use(&self, user: u64) -> Result<(), Duration> {
        self.try_use_at(user, Instant::now())
    }

    fn try_use_at(&self, user: u64, now: Instant) -> Result<(), Duration> {
        if self.period.is_zero() {
            return Ok(());
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&at) = last.get(&user) {
            let since = now.saturating_duration_since(at);
            if since < self.period {
                return Err(self.period - since);
            }
        }
        if last.len() >= PRUNE_AT {
            let period = self.period;
            last.retain(|_, at| now.saturating_duration_since(*at) < period);
        }
        last.insert(user, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_use_within_the_period_waits() {
        let c = Cooldowns::new(Duration::from_secs(5));
        let t = Instant::now();
        assert!(c.try_use_at(1, t).is_ok());
        let wait = c.try_use_at(1, t + Duration::from_secs(2)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(3));
        assert!(c.try_use_at(2, t).is_ok(), "other members are not held up");
        assert!(c.try_use_at(1, t + Duration::from_secs(5)).is_ok());
    }

    #[test]
    fn zero_period_never_waits() {
        let c = Cooldowns::new(Duration::ZERO);
        assert!(c.try_use(1).is_ok() && c.try_use(1).is_ok());
    }
}
