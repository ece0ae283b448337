//! Pacing that adapts to ThrottledClientException (AIMD on a request rate).
//!
//! A concurrency bound alone cannot keep a scan under a requests-per-second
//! quota: against a fast endpoint even one request in flight can exceed it.
//! So the scan paces request *starts*: unpaced until the first 429, then at a
//! rate that drops multiplicatively on every throttling signal and climbs
//! back by about one request per second, per second, while requests succeed.
//!
//! The first 429 sets the pace from the successes of the last second. When
//! that estimate is poor (the scan started while someone else had drained
//! the quota, so it saw few successes), additive growth from the floor
//! would take a minute to find a quota of 50/s; so until the second 429 the
//! pace doubles every second instead ("slow start", as in TCP).
//!
//! Only a 429 for a request sent at the current pace lowers it (the "epoch"
//! check): the burst of 429s that answers requests sent before the last
//! decrease says nothing about the new pace, and counting them would drive
//! the rate to the floor. The engine also reports only a call's first 429
//! here: a member throttled again and again while others get through is
//! that member's problem, not the pace's.
//!
//! A listing page may go first ([`Limiter::ready_first`]): while one waits,
//! paced lookups leave it the next slot, so the whole list (and with it the
//! time a run will take) is known early. The total is the same: every call
//! still takes one slot.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// How far back successes are counted to estimate the rate the service
/// accepted when the first 429 arrives.
const WINDOW: Duration = Duration::from_secs(1);
/// Multiplicative decrease on a throttling signal.
const BETA: f64 = 0.8;
/// Additive increase: requests per second gained per second of successes.
const ALPHA: f64 = 1.0;
/// Never pace below this (requests per second).
pub const MIN_RATE: f64 = 1.0;
/// Longest a waiting request sleeps before looking at the pace again.
const RECHECK: Duration = Duration::from_millis(100);
/// How long a request that leaves its slot to a listing page sleeps before
/// it looks again.
const YIELD: Duration = Duration::from_millis(2);

/// The pacing state, as plain data over explicit instants (unit-tested
/// without a clock or a network).
#[derive(Debug, Clone)]
pub struct Aimd {
    rate: Option<f64>,
    /// Doubling per second until the next 429 (the first estimate may be poor).
    slow_start: bool,
    /// When the last paced request started.
    last_start: Instant,
    epoch: u64,
    successes: VecDeque<Instant>,
    /// A documented quota the pace never climbs above (per-bearer limits).
    cap: Option<f64>,
}

/// Handed out with every start slot; brought back with the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    epoch: u64,
}

impl Aimd {
    pub fn new(now: Instant) -> Self {
        Self {
            rate: None,
            slow_start: false,
            last_start: now,
            epoch: 0,
            successes: VecDeque::new(),
            cap: None,
        }
    }

    /// Paced from the start at a known quota (requests per second), and
    /// never above it: for calls that share one bearer, whose limit is
    /// documented. A 429 still lowers the pace, and it climbs back to the
    /// quota, not past it.
    pub fn capped(now: Instant, quota: f64) -> Self {
        let quota = quota.max(MIN_RATE);
        Self {
            rate: Some(quota),
            cap: Some(quota),
            ..Self::new(now)
        }
    }

    /// Requests per second the scan is paced at; `None` until throttled.
    pub fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// Whether requests wait for their slot (paced), or start at once.
    pub fn is_paced(&self) -> bool {
        self.rate.is_some()
    }

    /// Start a request now if the pace allows; else when to ask again.
    ///
    /// The slot is claimed at start time, not reserved ahead: a request that
    /// waited while the pace rose starts at the new pace, not the old one.
    /// Idle time does not bank credit: a paced scan never bursts.
    pub fn try_start(&mut self, now: Instant) -> Result<Ticket, Instant> {
        let ticket = Ticket { epoch: self.epoch };
        let Some(rate) = self.rate else {
            return Ok(ticket);
        };
        let interval = Duration::from_secs_f64(1.0 / rate);
        let next = self.last_start + interval;
        if now < next {
            return Err(next);
        }
        // A waiter that woke a little late keeps the schedule; after idle
        // time the schedule restarts from now.
        self.last_start = if now - next < interval { next } else { now };
        Ok(ticket)
    }

    fn prune(&mut self, now: Instant) {
        while let Some(first) = self.successes.front() {
            if now.saturating_duration_since(*first) > WINDOW {
                self.successes.pop_front();
            } else {
                break;
            }
        }
    }

    /// Successes per second over the last [`WINDOW`].
    fn observed_rate(&mut self, now: Instant) -> f64 {
        self.prune(now);
        self.successes.len() as f64 / WINDOW.as_secs_f64()
    }

    pub fn on_success(&mut self, now: Instant) {
        self.successes.push_back(now);
        let observed = self.observed_rate(now);
        if let Some(rate) = self.rate {
            // Climbing far above what the scan actually achieves (bounded by
            // concurrency and latency) would only make the next 429 take
            // several decreases to bite.
            let mut ceiling = (2.0 * observed).max(MIN_RATE * 2.0);
            if let Some(cap) = self.cap {
                ceiling = ceiling.min(cap);
            }
            if rate < ceiling {
                // Per second, `rate` successes: +rate (doubling) in slow
                // start, +ALPHA after.
                let step = if self.slow_start { 1.0 } else { ALPHA / rate };
                self.rate = Some((rate + step).min(ceiling));
            }
        }
    }

    /// A request ended in ThrottledClientException. Returns whether the pace
    /// was lowered (false for a 429 that answers an older pace).
    pub fn on_throttled(&mut self, now: Instant, ticket: Ticket) -> bool {
        if ticket.epoch != self.epoch {
            return false;
        }
        self.slow_start = self.rate.is_none();
        let lowered = match self.rate {
            None => self.observed_rate(now).max(MIN_RATE) * BETA,
            Some(rate) => rate * BETA,
        }
        .max(MIN_RATE);
        self.rate = Some(lowered);
        self.epoch += 1;
        // Leave the service one slot of quiet before the next start.
        self.last_start = self.last_start.max(now);
        true
    }
}

/// [`Aimd`] shared by the scan's tasks. The lock is never held across an
/// await.
#[derive(Debug)]
pub struct Limiter {
    state: Mutex<Aimd>,
    /// Requests waiting in [`Limiter::ready_first`].
    first: AtomicUsize,
}

/// Counts a waiter in [`Limiter::first`] while it lives, so a cancelled
/// wait does not leave the others yielding for ever.
struct FirstInLine<'a>(&'a AtomicUsize);

impl<'a> FirstInLine<'a> {
    fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        FirstInLine(count)
    }
}

impl Drop for FirstInLine<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Default for Limiter {
    fn default() -> Self {
        Self::new()
    }
}

impl Limiter {
    pub fn new() -> Self {
        Self {
            state: Mutex::new(Aimd::new(Instant::now())),
            first: AtomicUsize::new(0),
        }
    }

    /// See [`Aimd::capped`].
    pub fn capped(quota: f64) -> Self {
        Self {
            state: Mutex::new(Aimd::capped(Instant::now(), quota)),
            first: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Aimd> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits for this request's start slot. Waiters look again at least
    /// every [`RECHECK`], so a rising pace is used at once.
    pub async fn ready(&self) -> Ticket {
        loop {
            let now = Instant::now();
            let started = {
                let mut state = self.lock();
                if state.is_paced() && self.first.load(Ordering::SeqCst) > 0 {
                    // A listing page waits: its slot comes first.
                    Err(now + YIELD)
                } else {
                    state.try_start(now)
                }
            };
            match started {
                Ok(ticket) => return ticket,
                Err(next) => tokio::time::sleep_until(next.min(now + RECHECK)).await,
            }
        }
    }

    /// [`Limiter::ready`], ahead of every request waiting in `ready`: for
    /// listing pages, so the list is complete early. Cancel-safe.
    pub async fn ready_first(&self) -> Ticket {
        let _in_line = FirstInLine::new(&self.first);
        loop {
            let now = Instant::now();
            let started = self.lock().try_start(now);
            match started {
                Ok(ticket) => return ticket,
                Err(next) => tokio::time::sleep_until(next.min(now + RECHECK)).await,
            }
        }
    }

    pub fn succeeded(&self) {
        self.lock().on_success(Instant::now());
    }

    pub fn throttled(&self, ticket: Ticket) -> bool {
        self.lock().on_throttled(Instant::now(), ticket)
    }

    pub fn rate(&self) -> Option<f64> {
        self.lock().rate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// One requester, from `now`: when its request starts, and its ticket.
    fn start(aimd: &mut Aimd, now: Instant) -> (Instant, Ticket) {
        let mut at = now;
        loop {
            match aimd.try_start(at) {
                Ok(ticket) => return (at, ticket),
                Err(next) => {
                    assert!(next > at);
                    at = next;
                }
            }
        }
    }

    #[test]
    fn unpaced_until_the_first_429() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        for i in 0..100 {
            let (at, _) = start(&mut aimd, t0 + ms(i));
            assert_eq!(at, t0 + ms(i));
            aimd.on_success(t0 + ms(i));
        }
        assert_eq!(aimd.rate(), None);
    }

    #[test]
    fn a_capped_pace_starts_at_the_quota_and_never_climbs_past_it() {
        let t0 = Instant::now();
        let mut aimd = Aimd::capped(t0, 10.0);
        assert_eq!(aimd.rate(), Some(10.0));
        let (first, _) = start(&mut aimd, t0);
        let (second, _) = start(&mut aimd, first);
        assert_eq!(second - first, ms(100), "10 a second from the first call");
        let end = run_paced(&mut aimd, second, 5);
        assert_eq!(
            aimd.rate(),
            Some(10.0),
            "successes do not lift it above the quota"
        );
        let (_, ticket) = start(&mut aimd, end);
        assert!(aimd.on_throttled(end, ticket));
        assert_eq!(aimd.rate(), Some(8.0));
        run_paced(&mut aimd, end, 10);
        assert_eq!(
            aimd.rate(),
            Some(10.0),
            "climbs back to the quota, not past"
        );
    }

    #[test]
    fn first_429_paces_below_what_the_service_accepted_in_the_last_second() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        // 20 successes (a bucket's burst) within 100 ms, then a 429.
        for i in 0..20 {
            aimd.on_success(t0 + ms(i * 5));
        }
        let (_, ticket) = start(&mut aimd, t0 + ms(100));
        assert!(aimd.on_throttled(t0 + ms(101), ticket));
        let rate = aimd.rate().expect("paced");
        assert!((rate - 20.0 * BETA).abs() < 1e-9, "{rate}");
        // Starts are now spaced 1/rate apart, after one slot of quiet.
        let (a, _) = start(&mut aimd, t0 + ms(102));
        let (b, _) = start(&mut aimd, a);
        let gap = b.duration_since(a).as_secs_f64();
        assert!((gap - 1.0 / rate).abs() < 1e-6, "{gap}");
        assert!(a > t0 + ms(102));
    }

    #[test]
    fn stale_429s_do_not_lower_the_pace_again() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        for i in 0..10 {
            aimd.on_success(t0 + ms(i));
        }
        let tickets: Vec<Ticket> = (0..8).map(|_| start(&mut aimd, t0 + ms(20)).1).collect();
        assert!(aimd.on_throttled(t0 + ms(30), tickets[0]));
        let after_first = aimd.rate();
        for ticket in &tickets[1..] {
            assert!(!aimd.on_throttled(t0 + ms(31), *ticket));
        }
        assert_eq!(aimd.rate(), after_first);
        // A request sent at the new pace that is throttled lowers it again.
        let (_, fresh) = start(&mut aimd, t0 + ms(40));
        assert!(aimd.on_throttled(t0 + ms(41), fresh));
        assert!(aimd.rate() < after_first);
    }

    #[test]
    fn a_request_waiting_while_the_pace_rises_starts_at_the_new_pace() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        let (_, ticket) = start(&mut aimd, t0);
        aimd.on_throttled(t0, ticket);
        assert_eq!(aimd.rate(), Some(MIN_RATE));
        // At 1/s the next start would be a second away...
        assert_eq!(aimd.try_start(t0 + ms(300)), Err(t0 + ms(1000)));
        // ...but successes elsewhere raise the pace meanwhile.
        for i in 0..5 {
            aimd.on_success(t0 + ms(100 + i));
        }
        let rate = aimd.rate().expect("paced");
        assert!(rate > 3.0, "{rate}");
        assert!(aimd.try_start(t0 + ms(300)).is_ok());
    }

    #[test]
    fn never_below_the_floor() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        for i in 0..50 {
            let (_, ticket) = start(&mut aimd, t0 + ms(i));
            aimd.on_throttled(t0 + ms(i), ticket);
        }
        assert_eq!(aimd.rate(), Some(MIN_RATE));
    }

    /// Paced successes only, from `now` for `secs` seconds; the end time.
    fn run_paced(aimd: &mut Aimd, mut now: Instant, secs: u64) -> Instant {
        let end = now + Duration::from_secs(secs);
        while now < end {
            let (at, _) = start(aimd, now);
            now = at;
            aimd.on_success(now);
        }
        now
    }

    #[test]
    fn after_the_first_429_the_pace_doubles_each_second_until_the_next() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        // Someone else drained the quota: the first call is throttled.
        let (_, ticket) = start(&mut aimd, t0);
        aimd.on_throttled(t0, ticket);
        assert_eq!(aimd.rate(), Some(MIN_RATE));
        // The climb is bounded by twice the observed rate: a service that
        // accepts everything lets it double each second.
        let now = run_paced(&mut aimd, t0, 4);
        let rate = aimd.rate().expect("paced");
        assert!(rate >= 8.0, "{rate}");
        // The second 429 ends slow start: from then on, additive.
        let (_, ticket) = start(&mut aimd, now);
        assert!(aimd.on_throttled(now, ticket));
        let lowered = aimd.rate().expect("paced");
        run_paced(&mut aimd, now, 2);
        let gained = aimd.rate().expect("paced") - lowered;
        assert!((1.0..3.0).contains(&gained), "gained {gained}");
    }

    #[test]
    fn successes_climb_back_about_one_request_per_second_per_second() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        for i in 0..20 {
            aimd.on_success(t0 + ms(i));
        }
        // Two 429s: the second ends slow start.
        let (_, ticket) = start(&mut aimd, t0 + ms(20));
        aimd.on_throttled(t0 + ms(20), ticket);
        let (_, ticket) = start(&mut aimd, t0 + ms(21));
        aimd.on_throttled(t0 + ms(21), ticket);
        let start = aimd.rate().expect("paced");
        run_paced(&mut aimd, t0 + ms(21), 5);
        let gained = aimd.rate().expect("paced") - start;
        assert!((4.0..6.0).contains(&gained), "gained {gained}");
    }

    /// Eight lookups keep claiming slots at 10/s; a listing of five pages
    /// that goes first takes the next five slots, where one that queues
    /// with them waits behind them (here, for ever).
    #[tokio::test(start_paused = true)]
    async fn listing_pages_take_the_next_slots_ahead_of_waiting_lookups() {
        use std::sync::Arc;
        let mut took = Vec::new();
        for first in [true, false] {
            let limiter = Arc::new(Limiter::capped(10.0));
            let mut lookups = tokio::task::JoinSet::new();
            for _ in 0..8 {
                let limiter = Arc::clone(&limiter);
                lookups.spawn(async move {
                    loop {
                        limiter.ready().await;
                        limiter.succeeded();
                    }
                });
            }
            tokio::time::sleep(ms(350)).await;
            let mut listing = {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move {
                    let asked = Instant::now();
                    for _ in 0..5 {
                        if first {
                            limiter.ready_first().await;
                        } else {
                            limiter.ready().await;
                        }
                        limiter.succeeded();
                    }
                    Instant::now() - asked
                })
            };
            // Queued with the lookups, the listing may never win a slot:
            // give up on it after 3 s.
            let limit = Duration::from_secs(3);
            took.push(match tokio::time::timeout(limit, &mut listing).await {
                Ok(joined) => joined.expect("listing task"),
                Err(_) => limit,
            });
            listing.abort();
            lookups.abort_all();
            assert_eq!(limiter.first.load(Ordering::SeqCst), 0);
        }
        assert!(took[0] <= ms(500), "going first took {:?}", took[0]);
        assert!(took[1] > ms(1500), "queueing took {:?}", took[1]);
    }

    /// A listing page cancelled while it waits does not leave lookups
    /// yielding to it for ever.
    #[tokio::test(start_paused = true)]
    async fn a_cancelled_page_gives_its_place_back() {
        let limiter = std::sync::Arc::new(Limiter::capped(1.0));
        limiter.ready().await;
        let waiting = {
            let limiter = std::sync::Arc::clone(&limiter);
            tokio::spawn(async move { limiter.ready_first().await })
        };
        tokio::time::sleep(ms(10)).await;
        assert_eq!(limiter.first.load(Ordering::SeqCst), 1);
        waiting.abort();
        let _ = waiting.await;
        assert_eq!(limiter.first.load(Ordering::SeqCst), 0);
        let asked = Instant::now();
        limiter.ready().await;
        assert!(Instant::now() - asked <= Duration::from_secs(1));
    }

    #[test]
    fn the_climb_stops_well_above_what_the_scan_achieves() {
        let t0 = Instant::now();
        let mut aimd = Aimd::new(t0);
        let (_, ticket) = start(&mut aimd, t0);
        aimd.on_throttled(t0, ticket);
        assert_eq!(aimd.rate(), Some(MIN_RATE));
        // One success every two seconds (latency-bound), for a minute.
        for s in 1..=30 {
            aimd.on_success(t0 + Duration::from_secs(2 * s));
        }
        let rate = aimd.rate().expect("paced");
        assert!(rate <= 2.0 * MIN_RATE + 1e-9, "{rate}");
    }
}
