//! The progress bar of `pith batch` on stderr: pages done out of the total (directories are
//! counted first), or, when WARC files are read, their bytes read out of their size; with
//! errors, pages/s and ETA. Every call is a no-op when the bar is off.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::sources::{DirWalk, Source};

#[derive(Clone)]
pub(crate) struct Progress {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    bar: ProgressBar,
    /// Compressed WARC bytes read, when the bar counts bytes.
    warc_bytes: Option<Arc<AtomicU64>>,
    pages: AtomicU64,
    errors: AtomicU64,
    skipped: AtomicU64,
    started: Instant,
}

impl Progress {
    pub(crate) fn new(sources: &[Source], show: bool, warc_bytes: Arc<AtomicU64>) -> Progress {
        if !show {
            return Progress { inner: None };
        }
        let warc_total: u64 = sources
            .iter()
            .filter(|s| matches!(s, Source::Warc(_)))
            .map(|s| std::fs::metadata(s.path()).map_or(0, |m| m.len()))
            .sum();
        let by_bytes = sources.iter().any(|s| matches!(s, Source::Warc(_)));
        let total = if by_bytes {
            warc_total
        } else {
            sources.iter().map(|s| if let Source::Dir(d) = s { DirWalk::count(d) } else { 1 }).sum()
        };
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let counts = if by_bytes { "{bytes}/{total_bytes}" } else { "{pos}/{len}" };
        let template = format!("{{spinner}} {counts} [{{wide_bar}}] {{msg}} · {{elapsed_precise}} (eta {{eta}})");
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        let inner = Inner {
            bar,
            warc_bytes: by_bytes.then_some(warc_bytes),
            pages: AtomicU64::new(0),
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
        inner.pages.fetch_add(1, Ordering::Relaxed);
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
        let pages = self.pages.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { pages as f64 / secs } else { 0.0 };
        let skipped = self.skipped.load(Ordering::Relaxed);
        let mut msg = format!("{pages} pages, {} errors, {rate:.1} pages/s", self.errors.load(Ordering::Relaxed));
        if skipped > 0 {
            msg += &format!(", {skipped} skipped");
        }
        self.bar.set_message(msg);
    }
}
