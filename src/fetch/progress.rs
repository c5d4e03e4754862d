//! The progress bar of a run: done/total, errors, rate. Drawn on stderr only when asked (the
//! binary asks when stderr is a terminal); otherwise every call is a no-op, so pipes stay quiet.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    errors: AtomicUsize,
}

impl Progress {
    pub(crate) fn new(total: u64, show: bool) -> Progress {
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {pos}/{len} [{wide_bar}] {msg} · {rate} · {elapsed_precise} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} URLs/s", state.per_sec());
            })
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("0 errors");
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, errors: AtomicUsize::new(0) }
    }

    /// One URL finished (in any order).
    pub(crate) fn done(&self, error: bool) {
        let Some(bar) = &self.bar else { return };
        if error {
            let n = self.errors.fetch_add(1, Ordering::Relaxed) + 1;
            bar.set_message(format!("{n} error{}", if n == 1 { "" } else { "s" }));
        }
        bar.inc(1);
    }

    /// Runs `f` with the bar hidden, so that what `f` prints to stderr is not mixed with it.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// A warning line on stderr, above the bar.
    pub(crate) fn warn(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
