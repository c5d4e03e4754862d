//! The reorder buffer: results come back in any order and leave in input order, and no
//! more than a window of them is ever held.
//!
//! Both orderly runners use it: the thread pool of directory and WARC pages
//! ([`super::pipeline`]) and the URL runner ([`super::urls`]). A runner starts the work for
//! input `seq` only when [`Reorder::admits`] it, so one slow input (a stalled host, a page
//! at its time budget) holds back at most `window` finished results, whatever the input size.

use std::collections::VecDeque;

/// Results by sequence number, handed out in order.
#[derive(Debug)]
pub(crate) struct Reorder<T> {
    /// The sequence number of the next result to hand out.
    next: u64,
    window: usize,
    /// Slot `i` holds the result of `next + i`, once it is in.
    slots: VecDeque<Option<T>>,
}

impl<T> Reorder<T> {
    /// A buffer for at most `window` results (at least one).
    pub(crate) fn new(window: usize) -> Reorder<T> {
        let window = window.max(1);
        Reorder { next: 0, window, slots: VecDeque::with_capacity(window) }
    }

    /// Whether the work for `seq` may start: it is within the window past the next result due.
    pub(crate) fn admits(&self, seq: u64) -> bool {
        seq >= self.next && seq - self.next < self.window as u64
    }

    /// Puts in the result of `seq`; a `seq` the buffer does not admit (a runner bug) is handed
    /// back.
    pub(crate) fn insert(&mut self, seq: u64, item: T) -> Result<(), T> {
        if !self.admits(seq) {
            return Err(item);
        }
        let i = (seq - self.next) as usize;
        if self.slots.len() <= i {
            self.slots.resize_with(i + 1, || None);
        }
        if self.slots[i].is_some() {
            return Err(item);
        }
        self.slots[i] = Some(item);
        Ok(())
    }

    /// The next result in order, if it is in.
    pub(crate) fn pop(&mut self) -> Option<T> {
        if !matches!(self.slots.front(), Some(Some(_))) {
            return None;
        }
        self.next += 1;
        self.slots.pop_front().flatten()
    }

    /// The sequence number of the next result due.
    pub(crate) fn next(&self) -> u64 {
        self.next
    }

    /// Results held (in, but waiting for an earlier one).
    pub(crate) fn held(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_leave_in_order() {
        let mut r = Reorder::new(4);
        r.insert(2, "c").unwrap();
        r.insert(1, "b").unwrap();
        assert_eq!(r.pop(), None, "0 is not in");
        r.insert(0, "a").unwrap();
        assert_eq!((r.pop(), r.pop(), r.pop(), r.pop()), (Some("a"), Some("b"), Some("c"), None));
        assert_eq!(r.next(), 3);
    }

    #[test]
    fn the_window_is_never_exceeded() {
        let mut r = Reorder::new(3);
        assert!(r.admits(0) && r.admits(2) && !r.admits(3));
        assert_eq!(r.insert(3, 'x'), Err('x'), "past the window");
        r.insert(1, 'b').unwrap();
        r.insert(2, 'c').unwrap();
        assert_eq!(r.insert(2, 'y'), Err('y'), "twice");
        assert_eq!(r.held(), 2);
        // However long 0 takes, nothing past 2 gets in.
        for seq in 3..100 {
            assert!(!r.admits(seq));
        }
        r.insert(0, 'a').unwrap();
        assert_eq!(r.pop(), Some('a'));
        assert!(r.admits(3) && !r.admits(4), "the window slides by what left");
        assert!(!r.admits(0), "what left is not admitted again");
    }
}
