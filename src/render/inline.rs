//! A block's text and spans as a sequence of nested events, for the Markdown and HTML
//! renderers: spans that cross one already open are left out (the extractor never makes
//! them, but a hand-made article may), so are spans inside a span of the same kind, and each
//! `br` span stands for the one space it covers.

use crate::article::{Span, SpanKind};

/// One step through a text with spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event<'s> {
    /// A span opens (never a `br`).
    Open(&'s Span),
    /// The span opened last closes.
    Close(&'s Span),
    /// A run of text.
    Text(String),
    /// A line break (in place of the space of a `br` span).
    Break,
}

/// The events of `text` with `spans`: opens and closes properly nested, text in between.
pub(super) fn events<'s>(text: &str, spans: &'s [Span]) -> Vec<Event<'s>> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let mut sorted: Vec<&Span> = spans.iter().filter(|s| s.start < s.end && s.end <= len).collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let breaks: Vec<usize> = sorted
        .iter()
        .filter(|s| s.kind == SpanKind::Br && s.end == s.start + 1 && chars[s.start].is_whitespace())
        .map(|s| s.start)
        .collect();
    let mut pending = sorted.into_iter().filter(|s| s.kind != SpanKind::Br).peekable();
    let mut open: Vec<&Span> = Vec::new();
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<Event<'s>>| {
        if !run.is_empty() {
            out.push(Event::Text(std::mem::take(run)));
        }
    };
    for p in 0..=len {
        while open.last().is_some_and(|s| s.end == p) {
            flush(&mut run, &mut out);
            if let Some(s) = open.pop() {
                out.push(Event::Close(s));
            }
        }
        while let Some(s) = pending.next_if(|s| s.start == p) {
            // Crosses the span open around it: left out.
            if open.last().is_some_and(|o| s.end > o.end) {
                continue;
            }
            // Inside a span of its own kind (emphasis in emphasis): it adds nothing, and
            // Markdown cannot nest `*` in `*`.
            if open.iter().any(|o| o.kind == s.kind) {
                continue;
            }
            flush(&mut run, &mut out);
            out.push(Event::Open(s));
            open.push(s);
        }
        // Spans starting before `p` that could not open (crossing) are passed.
        while pending.next_if(|s| s.start < p).is_some() {}
        if p == len {
            break;
        }
        match chars.get(p) {
            Some(_) if breaks.binary_search(&p).is_ok() => {
                flush(&mut run, &mut out);
                out.push(Event::Break);
            }
            Some(&c) => run.push(c),
            None => {}
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: SpanKind) -> Span {
        Span { start, end, kind, url: None }
    }

    #[test]
    fn nests_breaks_and_leaves_out_crossing_spans() {
        let spans = [
            span(0, 3, SpanKind::Strong),
            span(2, 6, SpanKind::Em),
            span(5, 6, SpanKind::Br),
            span(1, 2, SpanKind::Code),
        ];
        let ev = events("abc d e", &spans);
        assert_eq!(
            ev,
            vec![
                Event::Open(&spans[0]),
                Event::Text("a".into()),
                Event::Open(&spans[3]),
                Event::Text("b".into()),
                Event::Close(&spans[3]),
                Event::Text("c".into()),
                Event::Close(&spans[0]),
                Event::Text(" d".into()),
                Event::Break,
                Event::Text("e".into()),
            ]
        );
    }
}
