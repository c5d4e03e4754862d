//! Admission: `max_in_flight` extraction slots and a short bounded queue in front of them.
//!
//! A request that finds every slot busy and the queue full is turned away at once (503 with
//! `Retry-After`): under overload clients see a quick, honest "come back" instead of a timeout,
//! and the server's memory and latency stay bounded. Only extractions hold slots: reading a
//! body or waiting for a fetch (politeness, robots.txt) holds none. A slot moves into the
//! blocking thread that extracts, so it is held until the extraction ends even when the
//! client has gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The slots and the queue.
#[derive(Debug)]
pub(crate) struct Admission {
    slots: Arc<Semaphore>,
    queue_len: usize,
    waiting: AtomicUsize,
    running: Arc<AtomicUsize>,
}

/// The right to run one extraction; the slot is free again when this is dropped.
#[derive(Debug)]
pub(crate) struct Slot {
    _permit: OwnedSemaphorePermit,
    running: Arc<AtomicUsize>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.running.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Counts a waiter out of the queue however its wait ends (a slot, or the client gone).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Admission {
    pub(crate) fn new(max_in_flight: usize, queue_len: usize) -> Admission {
        Admission {
            slots: Arc::new(Semaphore::new(max_in_flight.max(1))),
            queue_len,
            waiting: AtomicUsize::new(0),
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A slot now, or after waiting in the queue; `None` when every slot is busy and the
    /// queue is full.
    pub(crate) async fn enter(&self) -> Option<Slot> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Some(self.slot(permit));
        }
        if self.waiting.fetch_add(1, Ordering::Relaxed) >= self.queue_len {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            return None;
        }
        let _waiting = Waiting(&self.waiting);
        let permit = self.slots.clone().acquire_owned().await.ok()?;
        Some(self.slot(permit))
    }

    /// A slot, waiting as long as it takes (counted in the queue but never turned away): for
    /// work already admitted (a fetched page, the next line of an admitted batch).
    pub(crate) async fn wait(&self) -> Option<Slot> {
        self.waiting.fetch_add(1, Ordering::Relaxed);
        let _waiting = Waiting(&self.waiting);
        let permit = self.slots.clone().acquire_owned().await.ok()?;
        Some(self.slot(permit))
    }

    /// Whether a request arriving now would be turned away.
    pub(crate) fn is_full(&self) -> bool {
        self.slots.available_permits() == 0 && self.waiting.load(Ordering::Relaxed) >= self.queue_len
    }

    /// Extractions running now.
    pub(crate) fn running(&self) -> usize {
        self.running.load(Ordering::Relaxed)
    }

    /// Requests waiting for a slot now.
    pub(crate) fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    fn slot(&self, permit: OwnedSemaphorePermit) -> Slot {
        self.running.fetch_add(1, Ordering::Relaxed);
        Slot { _permit: permit, running: self.running.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn slots_then_the_queue_then_no() {
        let a = Arc::new(Admission::new(1, 1));
        let first = a.enter().await.unwrap();
        assert_eq!((a.running(), a.waiting(), a.is_full()), (1, 0, false));
        let queued = tokio::spawn({
            let a = a.clone();
            async move { a.enter().await.is_some() }
        });
        tokio::task::yield_now().await;
        assert_eq!(a.waiting(), 1);
        assert!(a.is_full());
        assert!(a.enter().await.is_none(), "the queue is full");
        drop(first);
        assert!(queued.await.unwrap());
        assert_eq!((a.running(), a.waiting()), (0, 0));
    }
}
