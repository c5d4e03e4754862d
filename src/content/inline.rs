//! Inline structure: the spans (links, emphasis, code, line breaks, sub- and superscripts) of
//! a block's text, found in the same walk that reads the text.
//!
//! A reader appends the raw text of a subtree to a [`Marked`] and opens and closes marks at
//! byte positions of that raw text as it enters and leaves elements. [`Marked::finish`] then
//! gives the block's text exactly as `dom::normalize_space` makes it (white space collapsed,
//! trimmed, NFC), and the marks as [`Span`]s counted in characters of that text: a mark's
//! start moves to the next word, its end back to the end of the previous one, so that spans
//! never begin or end with white space. A `br` is the one space that stands for it.

use unicode_normalization::UnicodeNormalization;

use crate::article::{Span, SpanKind};
use crate::dom::normalize_space;

/// The span kind an element stands for, by its local name.
pub(crate) fn span_kind(name: &str) -> Option<SpanKind> {
    Some(match name {
        "a" => SpanKind::Link,
        "em" | "i" => SpanKind::Em,
        "strong" | "b" => SpanKind::Strong,
        "code" | "kbd" | "samp" | "tt" => SpanKind::Code,
        "sub" => SpanKind::Sub,
        "sup" => SpanKind::Sup,
        _ => return None,
    })
}

/// A mark over raw text, in bytes; `end` is `usize::MAX` while it is open.
#[derive(Debug, Clone)]
struct Mark {
    start: usize,
    end: usize,
    kind: SpanKind,
    url: Option<String>,
    /// False once its text was split off ([`Marked::split_off`]).
    live: bool,
}

/// Raw text and the marks over it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Marked {
    /// The raw text (not yet normalised).
    pub(crate) raw: String,
    marks: Vec<Mark>,
}

impl Marked {
    /// Opens a mark at the current end of the text; its handle for [`Marked::close`].
    pub(crate) fn open(&mut self, kind: SpanKind, url: Option<String>) -> usize {
        self.marks.push(Mark { start: self.raw.len(), end: usize::MAX, kind, url, live: true });
        self.marks.len() - 1
    }

    /// Closes the mark `handle` at the current end of the text.
    pub(crate) fn close(&mut self, handle: usize) {
        if let Some(m) = self.marks.get_mut(handle) {
            m.end = self.raw.len();
        }
    }

    /// A line break: a space, marked.
    pub(crate) fn line_break(&mut self) {
        let start = self.raw.len();
        self.raw.push(' ');
        self.marks.push(Mark { start, end: start + 1, kind: SpanKind::Br, url: None, live: true });
    }

    /// Empties it for reuse.
    pub(crate) fn clear(&mut self) {
        self.raw.clear();
        self.marks.clear();
    }

    /// Appends a finished text with its spans (counted in characters of `text`).
    pub(crate) fn push_spanned(&mut self, text: &str, spans: &[Span]) {
        let base = self.raw.len();
        self.raw.push_str(text);
        if spans.is_empty() {
            return;
        }
        // Character offsets of `text` to byte offsets.
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = |c: usize| base + bytes.get(c).copied().unwrap_or(text.len());
        for s in spans {
            self.marks.push(Mark { start: at(s.start), end: at(s.end), kind: s.kind, url: s.url.clone(), live: true });
        }
    }

    /// The text so far, finished ([`Marked::finish`]); then an empty text in which the marks
    /// still open go on (a list item's text after a nested list). Handles stay valid.
    pub(crate) fn split_off(&mut self) -> (String, Vec<Span>) {
        let done = self.finish();
        self.raw.clear();
        for m in &mut self.marks {
            if m.end == usize::MAX {
                m.start = 0;
            } else {
                m.live = false;
            }
        }
        done
    }

    /// The normalised text (`dom::normalize_space` of the raw text) and its spans.
    pub(crate) fn finish(&self) -> (String, Vec<Span>) {
        let text = normalize_space(&self.raw);
        let spans =
            if !self.marks.iter().any(|m| m.live) { Vec::new() } else { spans_of(&self.raw, &self.marks, &text) };
        (text, spans)
    }
}

/// Where a boundary of a mark lands in the collapsed text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edge {
    /// Lands on the end of the previous word.
    End,
    /// Lands on the start of the next word.
    Start,
    /// The space a line break became (if a word comes before and after).
    Break,
}

/// The marks mapped from raw bytes to characters of `text` (the normalised raw text).
fn spans_of(raw: &str, marks: &[Mark], text: &str) -> Vec<Span> {
    // Every boundary by byte position; per mark its mapped (start, end).
    let mut edges: Vec<(usize, Edge, usize)> = Vec::with_capacity(marks.len() * 2);
    for (i, m) in marks.iter().enumerate().filter(|(_, m)| m.live) {
        let end = m.end.min(raw.len());
        if m.kind == SpanKind::Br {
            edges.push((m.start, Edge::Break, i));
        } else if m.start < end {
            edges.push((m.start, Edge::Start, i));
            edges.push((end, Edge::End, i));
        }
    }
    edges.sort_unstable();
    let mut mapped: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); marks.len()];
    // Characters of the collapsed (not yet NFC) text so far, a space pending between words.
    let mut out = 0usize;
    let mut seen_word = false;
    let mut pending_space = false;
    let mut waiting: Vec<(Edge, usize)> = Vec::new();
    let mut next = 0;
    for (pos, c) in raw.char_indices().chain([(raw.len(), 'x')]) {
        let at_end = pos == raw.len();
        while let Some(&(p, edge, i)) = edges.get(next)
            && p <= pos
        {
            match edge {
                Edge::End => mapped[i].1 = Some(out),
                Edge::Start | Edge::Break => waiting.push((edge, i)),
            }
            next += 1;
        }
        if at_end {
            break;
        }
        if c.is_whitespace() {
            pending_space |= seen_word;
            continue;
        }
        let space = (pending_space && seen_word).then_some(out);
        if space.is_some() {
            out += 1;
        }
        for (edge, i) in waiting.drain(..) {
            match edge {
                Edge::Start => mapped[i].0 = Some(out),
                Edge::Break => {
                    if let Some(s) = space {
                        mapped[i] = (Some(s), Some(s + 1));
                    }
                }
                Edge::End => {}
            }
        }
        out += 1;
        seen_word = true;
        pending_space = false;
    }
    let chars = text.chars().count();
    // NFC composed some characters: count the characters of each boundary's prefix again.
    let remap: Option<Vec<char>> =
        (chars != out).then(|| raw.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect());
    let at = |p: usize| match &remap {
        Some(collapsed) => collapsed[..p.min(collapsed.len())].iter().copied().nfc().count().min(chars),
        None => p.min(chars),
    };
    let mut spans: Vec<Span> = Vec::with_capacity(marks.len());
    for (m, (s, e)) in marks.iter().zip(mapped) {
        if let (Some(s), Some(e)) = (s, e) {
            let (s, e) = (at(s), at(e));
            if s < e {
                spans.push(Span { start: s, end: e, kind: m.kind, url: m.url.clone() });
            }
        }
    }
    // Outer spans first; an element's marks are in page order, so ties keep the page's nesting.
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    spans.dedup();
    spans
}

/// Spans shifted by `by` characters (a text put after another).
pub(crate) fn shifted(spans: &[Span], by: usize) -> impl Iterator<Item = Span> + '_ {
    spans.iter().map(move |s| Span { start: s.start + by, end: s.end + by, ..s.clone() })
}

/// The spans of `text[from..]` (in characters) counted from `from`: those inside it.
pub(crate) fn spans_from(spans: &[Span], from: usize) -> Vec<Span> {
    spans
        .iter()
        .filter(|s| s.start >= from)
        .map(|s| Span { start: s.start - from, end: s.end - from, ..s.clone() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: SpanKind) -> Span {
        Span { start, end, kind, url: None }
    }

    #[test]
    fn marks_move_to_the_words_they_cover() {
        let mut m = Marked::default();
        m.raw.push_str("  Read ");
        let h = m.open(SpanKind::Link, Some("https://x.org/".into()));
        m.raw.push_str(" the\n  report ");
        m.close(h);
        m.raw.push_str(" now. ");
        let e = m.open(SpanKind::Em, None);
        m.raw.push_str("   ");
        m.close(e);
        let (text, spans) = m.finish();
        assert_eq!(text, "Read the report now.");
        assert_eq!(spans, vec![Span { start: 5, end: 15, kind: SpanKind::Link, url: Some("https://x.org/".into()) }]);
        assert_eq!(text.chars().skip(5).take(10).collect::<String>(), "the report");
    }

    #[test]
    fn a_line_break_is_the_space_it_became() {
        let mut m = Marked::default();
        m.line_break();
        m.raw.push_str("one");
        m.line_break();
        m.raw.push_str("  two ");
        m.line_break();
        let (text, spans) = m.finish();
        assert_eq!(text, "one two");
        assert_eq!(spans, vec![span(3, 4, SpanKind::Br)]);
    }

    #[test]
    fn offsets_count_characters_after_nfc() {
        let mut m = Marked::default();
        m.raw.push_str("cafe\u{301} ");
        let b = m.open(SpanKind::Strong, None);
        m.raw.push_str("naïve😀");
        m.close(b);
        let (text, spans) = m.finish();
        assert_eq!(text, "café naïve😀");
        assert_eq!(spans, vec![span(5, 11, SpanKind::Strong)]);
    }

    #[test]
    fn nested_and_pushed_spans() {
        let mut inner = Marked::default();
        let a = inner.open(SpanKind::Link, Some("u".into()));
        let c = inner.open(SpanKind::Code, None);
        inner.raw.push_str("x()");
        inner.close(c);
        inner.close(a);
        let (t, s) = inner.finish();
        let mut outer = Marked::default();
        outer.raw.push_str("é call ");
        outer.push_spanned(&t, &s);
        outer.raw.push_str(" twice");
        let (text, spans) = outer.finish();
        assert_eq!(text, "é call x() twice");
        assert_eq!(spans[0], Span { start: 7, end: 10, kind: SpanKind::Link, url: Some("u".into()) });
        assert_eq!(spans[1], span(7, 10, SpanKind::Code));
    }
}
