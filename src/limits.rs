//! Limits on the work one page may cost: input bytes, DOM nodes, nesting depth and wall time.
//! Values only: the parse (`parse::sink`) enforces the node and depth limits, the pipeline
//! the byte limit and the time budget between its stages.
//!
//! Past a limit, extraction stops with an error (`too_large`, `budget_exceeded`) instead of
//! hanging or exhausting memory. The byte limit is checked before anything else; the node and
//! depth limits while the page is parsed (the tree sink counts what html5ever builds and stops
//! the parse as soon as a limit is passed, so a page never costs more than the limits allow);
//! the time budget between pipeline stages, every few hundred nodes while parsing, and between
//! parse chunks.
//!
//! Why depth has a limit of its own: html5ever's tree builder scans its stack of open elements
//! for many tags (scope checks, end-tag matching), so parsing costs O(tags × depth). A page of
//! 100,000 nested `<div>`s is half a megabyte and takes seconds to parse; capping the depth
//! keeps every parse linear in the input. Browsers do the same (Blink stops nesting at 512).

use std::time::{Duration, Instant};

use crate::error::ExtractError;

/// Largest input accepted by default (bytes).
pub const DEFAULT_MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;
/// Largest number of DOM nodes (elements, comments, processing instructions) built by default.
/// Text nodes are not counted: there is at most one more of them than of the others.
pub const DEFAULT_MAX_NODES: usize = 2_000_000;
/// Deepest element nesting accepted by default. Real pages stay under a few hundred.
pub const DEFAULT_MAX_DEPTH: usize = 5_000;
/// Default wall-time budget for one page.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(10);

/// Limits on one page's work. `Limits::default()` suits pages from the web; raise them for
/// trusted huge pages, or use [`Limits::unlimited`] (then nothing bounds time or memory).
///
/// ```
/// use std::time::Duration;
/// let limits = pith::Limits::default().with_max_nodes(100_000).with_time_budget(Some(Duration::from_secs(2)));
/// assert_eq!(limits.max_nodes, 100_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input, in bytes (`too_large` past it).
    pub max_input_bytes: usize,
    /// Most DOM nodes the parse may build: elements, comments, processing instructions
    /// (`too_large` past it).
    pub max_nodes: usize,
    /// Deepest element nesting (`too_large` past it).
    pub max_depth: usize,
    /// Wall time for one page, from the bytes to the article (`budget_exceeded` past it);
    /// `None`: no budget.
    pub time_budget: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_nodes: DEFAULT_MAX_NODES,
            max_depth: DEFAULT_MAX_DEPTH,
            time_budget: Some(DEFAULT_TIME_BUDGET),
        }
    }
}

impl Limits {
    /// No limit at all: only for trusted input.
    pub fn unlimited() -> Self {
        Limits { max_input_bytes: usize::MAX, max_nodes: usize::MAX, max_depth: usize::MAX, time_budget: None }
    }

    /// Sets the byte limit.
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets the node limit.
    pub fn with_max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }

    /// Sets the nesting-depth limit.
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets the time budget (`None`: none).
    pub fn with_time_budget(mut self, budget: Option<Duration>) -> Self {
        self.time_budget = budget;
        self
    }
}

/// The end of a page's time budget. Cheap to copy; pass it down into long loops and call
/// [`Deadline::check`] (or [`Deadline::expired`]) every so often.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Option<Instant>,
    budget: Option<Duration>,
}

impl Deadline {
    /// A deadline `budget` from now (`None`: never).
    pub(crate) fn after(budget: Option<Duration>) -> Self {
        Deadline { at: budget.and_then(|b| Instant::now().checked_add(b)), budget }
    }

    /// Whether the budget is spent.
    pub(crate) fn expired(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// `budget_exceeded` once the budget is spent; `stage` says where it ran out.
    pub(crate) fn check(&self, stage: &'static str) -> Result<(), ExtractError> {
        if self.expired() { Err(self.exceeded(stage)) } else { Ok(()) }
    }

    /// The `budget_exceeded` error of this deadline.
    pub(crate) fn exceeded(&self, stage: &'static str) -> ExtractError {
        let budget_ms = self.budget.map_or(0, |b| u64::try_from(b.as_millis()).unwrap_or(u64::MAX));
        ExtractError::BudgetExceeded { stage, budget_ms }
    }
}
