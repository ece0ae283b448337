//! Lookups waiting their turn: ready now, or waiting out a retry delay.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use tokio::time::Instant;

use super::retry::Tally;
use crate::error::CallError;
use crate::model::Target;

/// One lookup, across its tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Job {
    /// Position in listing order.
    pub(super) index: usize,
    pub(super) target: Target,
    pub(super) tally: Tally,
    /// When the call's budget (`--timeout`, retries included) runs out:
    /// set at its first try.
    pub(super) deadline: Option<Instant>,
    /// What the service said to the last try, while it is retried.
    pub(super) last_error: Option<CallError>,
}

#[derive(Debug)]
struct Delayed {
    due: Instant,
    seq: u64,
    job: Job,
}

impl PartialEq for Delayed {
    fn eq(&self, other: &Self) -> bool {
        (self.due, self.seq) == (other.due, other.seq)
    }
}

impl Eq for Delayed {}

impl PartialOrd for Delayed {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Delayed {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.due, other.seq).cmp(&(self.due, self.seq))
    }
}

#[derive(Debug, Default)]
pub(super) struct Queue {
    ready: VecDeque<Job>,
    delayed: BinaryHeap<Delayed>,
    seq: u64,
}

impl Queue {
    /// A newly listed member: after everything already waiting.
    pub(super) fn push(&mut self, job: Job) {
        self.ready.push_back(job);
    }

    /// A retry, ready at `due`.
    pub(super) fn retry_at(&mut self, job: Job, due: Instant) {
        self.seq += 1;
        self.delayed.push(Delayed {
            due,
            seq: self.seq,
            job,
        });
    }

    /// Moves retries that are due to the front, so members finish close to
    /// listing order instead of after the whole channel.
    pub(super) fn release_due(&mut self, now: Instant) {
        let mut due = Vec::new();
        while self.delayed.peek().is_some_and(|d| d.due <= now) {
            if let Some(d) = self.delayed.pop() {
                due.push(d.job);
            }
        }
        for job in due.into_iter().rev() {
            self.ready.push_front(job);
        }
    }

    pub(super) fn pop_ready(&mut self) -> Option<Job> {
        self.ready.pop_front()
    }

    /// When the earliest retry is due.
    pub(super) fn next_due(&self) -> Option<Instant> {
        self.delayed.peek().map(|d| d.due)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ready.is_empty() && self.delayed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn job(index: usize) -> Job {
        Job {
            index,
            target: Target {
                channel_arn: "c".into(),
                member_arn: format!("arn:{index}"),
                bearer_arn: format!("arn:{index}"),
            },
            tally: Tally::default(),
            deadline: None,
            last_error: None,
        }
    }

    #[test]
    fn new_members_in_order_and_due_retries_first() {
        let t0 = Instant::now();
        let mut queue = Queue::default();
        for i in 0..3 {
            queue.push(job(i));
        }
        queue.retry_at(job(10), t0 + Duration::from_millis(20));
        queue.retry_at(job(11), t0 + Duration::from_millis(10));
        queue.retry_at(job(12), t0 + Duration::from_secs(5));
        assert_eq!(queue.next_due(), Some(t0 + Duration::from_millis(10)));

        queue.release_due(t0 + Duration::from_millis(30));
        let order: Vec<usize> = std::iter::from_fn(|| queue.pop_ready())
            .map(|j| j.index)
            .collect();
        assert_eq!(order, [11, 10, 0, 1, 2]);
        assert!(!queue.is_empty(), "one retry still waits");
        assert_eq!(queue.next_due(), Some(t0 + Duration::from_secs(5)));
        queue.release_due(t0 + Duration::from_secs(5));
        assert_eq!(queue.pop_ready().map(|j| j.index), Some(12));
        assert!(queue.is_empty());
    }
}
