//! Request logs through `tracing`, to stderr: one line per event, as text or JSON.

use super::config::LogFormat;

/// Installs the global log subscriber (info level and above) for the process; a second call
/// does nothing.
pub fn init_logging(format: LogFormat) {
    let builder = tracing_subscriber::fmt().with_writer(std::io::stderr).with_target(false).with_ansi(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}
