//! The progress bar of a run on stderr: inputs done out of the total (directories are
//! counted first; URL lists are known), or, when WARC files are read, their bytes read out of
//! their size; with errors, the rate and the ETA. Drawn only when asked (the binary asks when
//! stderr is a terminal); otherwise every call is a no-op, except warnings, which go to
//! stderr as plain lines. Everything written is escaped for the terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::sources::{DirWalk, Source};
use crate::terminal;

#[derive(Clone, Default)]
pub(crate) struct Progress {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    bar: ProgressBar,
    /// What is counted: "pages", "URLs".
    unit: &'static str,
    /// Compressed WARC bytes read, when the bar counts bytes.
    warc_bytes: Option<Arc<AtomicU64>>,
    done: AtomicU64,
    errors: AtomicU64,
    skipped: AtomicU64,
    started: Instant,
}

impl Progress {
    /// The bar of `pith batch` over directories, pages and WARC files.
    pub(crate) fn for_sources(sources: &[Source], show: bool, warc_bytes: Arc<AtomicU64>) -> Progress {
        if !show {
            return Progress::default();
        }
        let by_bytes = sources.iter().any(|s| matches!(s, Source::Warc(_)));
        let total = if by_bytes {
            sources
                .iter()
                .filter(|s| matches!(s, Source::Warc(_)))
                .map(|s| std::fs::metadata(s.path()).map_or(0, |m| m.len()))
                .sum()
        } else {
            sources.iter().map(|s| if let Source::Dir(d) = s { DirWalk::count(d) } else { 1 }).sum()
        };
        Progress::start(total, "pages", by_bytes.then_some(warc_bytes))
    }

    /// The bar of a URL list.
    pub(crate) fn for_urls(total: u64, show: bool) -> Progress {
        if !show {
            return Progress::default();
        }
        Progress::start(total, "URLs", None)
    }

    fn start(total: u64, unit: &'static str, warc_bytes: Option<Arc<AtomicU64>>) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let counts = if warc_bytes.is_some() { "{bytes}/{total_bytes}" } else { "{pos}/{len}" };
        let template = format!("{{spinner}} {counts} [{{wide_bar}}] {{msg}} · {{elapsed_precise}} (eta {{eta}})");
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        let inner = Inner {
            bar,
            unit,
            warc_bytes,
            done: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
            started: Instant::now(),
        };
        inner.update();
        Progress { inner: Some(Arc::new(inner)) }
    }

    /// One record written.
    pub(crate) fn record(&self, error: bool) {
        let Some(inner) = &self.inner else { return };
        inner.done.fetch_add(1, Ordering::Relaxed);
        if error {
            inner.errors.fetch_add(1, Ordering::Relaxed);
        }
        if inner.warc_bytes.is_none() {
            inner.bar.inc(1);
        }
        inner.update();
    }

    /// One input skipped as already done (`--resume`).
    pub(crate) fn skipped(&self) {
        let Some(inner) = &self.inner else { return };
        inner.skipped.fetch_add(1, Ordering::Relaxed);
        if inner.warc_bytes.is_none() {
            inner.bar.inc(1);
        }
    }

    /// Runs `f` with the bar hidden, so that what `f` prints is not mixed with it.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.inner {
            Some(inner) => inner.bar.suspend(f),
            None => f(),
        }
    }

    /// A line on stderr (above the bar), escaped for the terminal.
    pub(crate) fn warn(&self, line: &str) {
        let line = terminal::escape(line);
        match &self.inner {
            Some(inner) => inner.bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(inner) = &self.inner {
            inner.update();
            inner.bar.finish_and_clear();
        }
    }
}

impl Inner {
    fn update(&self) {
        if let Some(b) = &self.warc_bytes {
            self.bar.set_position(b.load(Ordering::Relaxed));
        }
        let done = self.done.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let skipped = self.skipped.load(Ordering::Relaxed);
        let unit = self.unit;
        let mut msg = format!("{done} {unit}, {} errors, {rate:.1} {unit}/s", self.errors.load(Ordering::Relaxed));
        if skipped > 0 {
            msg += &format!(", {skipped} skipped");
        }
        self.bar.set_message(msg);
    }
}
