//! Markdown (CommonMark, with GFM tables) of an article, and its YAML front matter.
//!
//! Text is escaped so that it reads back as the same text: every ASCII character that could
//! start markup is backslash-escaped where it could, and each line's start where a line could
//! start a block (`1\.`, `\#`, `\-`). Emphasis uses `*` and `**` where CommonMark's flanking
//! rules let the delimiters open and close exactly the span, else the HTML tags (`<em>`),
//! which CommonMark passes through; sub- and superscripts are always HTML.

use std::fmt::Write;

use unicode_general_category::{GeneralCategory, get_general_category};

use super::inline::{Event, events};
use crate::article::{Article, Block, ListEntry, Span, SpanKind};

/// Where inline text is written: what a line break becomes and what must be escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A paragraph, list item or quote: a break is a hard line break (`\` at the line's end)
    /// and the next line may not start like a block.
    Block,
    /// An ATX heading: one line, a break is a space.
    Heading,
    /// A GFM table cell: one line, a break is `<br>`, `|` is escaped.
    Cell,
    /// Text after something on the same line (a transcript turn after its speaker): breaks as
    /// in a block, but the first line's start is not a line start.
    AfterLead,
}

/// The whole Markdown document: `# title`, the deck in italics, a byline line (authors,
/// date, a link to the page), then the body.
pub(crate) fn document(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &article.title {
        parts.push(format!("# {}", heading_text(t, &[])));
    }
    if let Some(s) = &article.subtitle {
        parts.push(inline(
            s,
            &[Span { start: 0, end: s.chars().count(), kind: SpanKind::Em, url: None }],
            Place::Block,
        ));
    }
    if let Some(b) = byline(article) {
        parts.push(b);
    }
    let body = body(&article.blocks);
    if !body.is_empty() {
        parts.push(body);
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// The byline line: "By A, B · 2020-09-14 · [site](url)".
fn byline(article: &Article) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    if !names.is_empty() {
        items.push(inline(&format!("By {}", names.join(", ")), &[], Place::Block));
    }
    if let Some(d) = &article.published {
        items.push(inline(d, &[], if items.is_empty() { Place::Block } else { Place::AfterLead }));
    }
    if let Some(url) = article.url.as_deref().or(article.canonical_url.as_deref()) {
        let label = article.site.name.as_deref().or(article.site.host.as_deref()).unwrap_or(url);
        let label = inline(label, &[], if items.is_empty() { Place::Block } else { Place::AfterLead });
        items.push(format!("[{label}]({})", destination(url)));
    }
    (!items.is_empty()).then(|| items.join(" · "))
}

/// The body blocks as Markdown, blocks apart by a blank line.
pub(crate) fn body(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(blocks.len());
    // Markers of the list before, so that two lists in a row stay two lists.
    let mut last_markers: Option<(bool, char)> = None;
    for b in blocks {
        let mut markers = None;
        let rendered = match b {
            Block::Paragraph { text, spans } => inline(text, spans, Place::Block),
            Block::Heading { level, text, spans } => {
                format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), heading_text(text, spans))
            }
            Block::List { ordered, start, .. } => {
                let bullet = match last_markers {
                    Some((o, c)) if o == *ordered => {
                        if *ordered {
                            if c == '.' { ')' } else { '.' }
                        } else if c == '-' {
                            '*'
                        } else {
                            '-'
                        }
                    }
                    _ if *ordered => '.',
                    _ => '-',
                };
                markers = Some((*ordered, bullet));
                list(&b.list_entries(), *ordered, start.unwrap_or(1), bullet)
            }
            Block::Quote { text, spans, paragraphs, cite } => quote(text, spans, paragraphs, cite.as_deref()),
            Block::Table { rows, cell_spans } => table(rows, cell_spans),
            Block::Code { text, language } => code_block(text, language.as_deref()),
            Block::Transcript { speaker, text, spans } => {
                format!(
                    "**{}:** {}",
                    escape_text(speaker, false, Place::AfterLead),
                    inline(text, spans, Place::AfterLead)
                )
            }
            Block::Image { url, alt, caption, credit } => {
                image(url, alt.as_deref(), caption.as_deref(), credit.as_deref())
            }
        };
        last_markers = markers;
        if !rendered.is_empty() {
            out.push(rendered);
        }
    }
    out.join("\n\n")
}

/// A heading's one line: breaks become spaces, and a `#` at its end is escaped (it would
/// close the heading).
fn heading_text(text: &str, spans: &[Span]) -> String {
    let mut h = inline(text, spans, Place::Heading);
    if h.ends_with('#') && !h.ends_with("\\#") {
        h.pop();
        h.push_str("\\#");
    }
    h
}

/// A list with nested entries, numbered from `start` when ordered; continuation lines and
/// nested lists indented under their item's text. A nested list is numbered or not as its
/// parent entry says (as the outer list when it does not say), from the entry's
/// `children_start`; it uses the outer list's marker when it is of the same kind, else `1.`
/// or `-`.
fn list(entries: &[ListEntry], ordered: bool, start: i64, marker: char) -> String {
    // CommonMark numbers have at most nine digits and no sign.
    let number = |n: i64| n.clamp(0, 999_999_999);
    let marker_of = |numbered: bool| match (numbered == ordered, numbered) {
        (true, _) => marker,
        (false, true) => '.',
        (false, false) => '-',
    };
    let mut lines: Vec<String> = Vec::new();
    // (entries, index of the next one, indentation, first number, numbered) per level,
    // deepest last.
    let mut stack: Vec<(&[ListEntry], usize, usize, i64, bool)> = vec![(entries, 0, 0, number(start), ordered)];
    while let Some((level, i, indent, first, numbered)) = stack.pop() {
        let Some(entry) = level.get(i) else { continue };
        stack.push((level, i + 1, indent, first, numbered));
        let mark = if numbered {
            format!("{}{} ", number(first.saturating_add(i as i64)), marker_of(true))
        } else {
            format!("{} ", marker_of(false))
        };
        let pad = " ".repeat(indent);
        let text = inline(&entry.text, &entry.spans, Place::Block);
        for (k, line) in text.split('\n').enumerate() {
            if k == 0 {
                lines.push(format!("{pad}{mark}{line}"));
            } else {
                lines.push(format!("{pad}{}{line}", " ".repeat(mark.len())));
            }
        }
        if !entry.children.is_empty() {
            let nested = entry.children_ordered.unwrap_or(numbered);
            let nested_start = if nested { entry.children_start.unwrap_or(1) } else { 1 };
            stack.push((&entry.children, 0, indent + mark.len(), number(nested_start), nested));
        }
    }
    lines.join("\n")
}

/// A quotation: its paragraphs behind `>`, then the cite ("— Name").
fn quote(text: &str, spans: &[Span], paragraphs: &[String], cite: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let joined = paragraphs.join("\n\n");
    if paragraphs.len() > 1 && joined == text {
        let mut offset = 0;
        for p in paragraphs {
            let len = p.chars().count();
            let own: Vec<Span> = spans
                .iter()
                .filter(|s| s.start >= offset && s.end <= offset + len)
                .map(|s| Span { start: s.start - offset, end: s.end - offset, ..s.clone() })
                .collect();
            parts.push(inline(p, &own, Place::Block));
            offset += len + 2;
        }
    } else {
        parts.push(inline(text, spans, Place::Block));
    }
    if let Some(c) = cite {
        parts.push(format!("— {}", inline(c, &[], Place::AfterLead)));
    }
    parts
        .iter()
        .map(|p| p.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

/// A GFM table: the first row is the header.
fn table(rows: &[Vec<String>], cell_spans: &[Vec<Vec<Span>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let row = |r: usize| {
        let mut cells: Vec<String> = rows[r]
            .iter()
            .enumerate()
            .map(|(c, t)| {
                let spans = cell_spans.get(r).and_then(|s| s.get(c)).map_or(&[][..], Vec::as_slice);
                inline(t, spans, Place::Cell)
            })
            .collect();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    if !rows.is_empty() {
        lines.push(row(0));
        lines.push(format!("|{}", " --- |".repeat(width)));
        lines.extend((1..rows.len()).map(row));
    }
    lines.join("\n")
}

/// A fenced code block, longer fences than any backtick run inside.
fn code_block(text: &str, language: Option<&str>) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let info = language.filter(|l| !l.contains(['`', ' ', '\n'])).unwrap_or("");
    format!("{fence}{info}\n{text}\n{fence}")
}

/// A picture: `![alt](url)`, then its caption (in italics) and credit on the next line.
fn image(url: &str, alt: Option<&str>, caption: Option<&str>, credit: Option<&str>) -> String {
    let mut out = format!("![{}]({})", escape_text(alt.unwrap_or(""), false, Place::AfterLead), destination(url));
    let line = caption_line(caption, credit);
    if !line.is_empty() {
        out.push_str("\\\n");
        out.push_str(&line);
    }
    out
}

/// "*Caption* — Credit" (either may be missing).
fn caption_line(caption: Option<&str>, credit: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(c) = caption {
        parts.push(inline(
            c,
            &[Span { start: 0, end: c.chars().count(), kind: SpanKind::Em, url: None }],
            Place::Block,
        ));
    }
    if let Some(c) = credit {
        parts.push(inline(c, &[], if parts.is_empty() { Place::Block } else { Place::AfterLead }));
    }
    parts.join(" — ")
}

/// A link destination: as it is, with `(`, `)` and `\` escaped; in `<…>` when it holds
/// white space or controls.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        out.push('<');
        for c in url.chars() {
            match c {
                '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' | '\r' => out.push_str("%0A"),
                c => out.push(c),
            }
        }
        out.push('>');
    } else {
        for c in url.chars() {
            if matches!(c, '(' | ')' | '\\' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// How a character next to an emphasis delimiter counts for CommonMark's flanking rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// White space, or the start or end of the line.
    Space,
    /// A punctuation or symbol character (or markup such as `[`, `<`).
    Punct,
    /// Anything else.
    Other,
    /// Another `*` delimiter: the runs would merge.
    Star,
}

fn side_of(c: char) -> Side {
    if c.is_whitespace() {
        return Side::Space;
    }
    if c.is_ascii_punctuation() {
        return Side::Punct;
    }
    use GeneralCategory::*;
    match get_general_category(c) {
        ConnectorPunctuation | DashPunctuation | OpenPunctuation | ClosePunctuation | InitialPunctuation
        | FinalPunctuation | OtherPunctuation | MathSymbol | CurrencySymbol | ModifierSymbol | OtherSymbol => {
            Side::Punct
        }
        SpaceSeparator => Side::Space,
        _ => Side::Other,
    }
}

/// Whether an emphasis span is written with `*` (else with HTML tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Stars,
    Html,
}

fn is_emphasis(s: &Span) -> bool {
    matches!(s.kind, SpanKind::Em | SpanKind::Strong)
}

/// Inline text with its spans as Markdown.
fn inline(text: &str, spans: &[Span], place: Place) -> String {
    let ev = events(text, spans);
    // The style of each emphasis open event (by index), decided in order: outer spans first.
    let mut styles: Vec<Option<Style>> = vec![None; ev.len()];
    let close_of = |i: usize| -> Option<usize> {
        let mut depth = 0usize;
        for (j, e) in ev.iter().enumerate().skip(i + 1) {
            match e {
                Event::Open(_) => depth += 1,
                Event::Close(_) if depth == 0 => return Some(j),
                Event::Close(_) => depth -= 1,
                _ => {}
            }
        }
        None
    };
    // The open event of each close, to find its style.
    let mut opens: Vec<usize> = Vec::new();
    let mut open_of: Vec<Option<usize>> = vec![None; ev.len()];
    for (i, e) in ev.iter().enumerate() {
        match e {
            Event::Open(_) => opens.push(i),
            Event::Close(_) => open_of[i] = opens.pop(),
            _ => {}
        }
    }
    for i in 0..ev.len() {
        let Event::Open(s) = &ev[i] else { continue };
        if !is_emphasis(s) {
            continue;
        }
        let Some(j) = close_of(i) else {
            styles[i] = Some(Style::Html);
            continue;
        };
        // The rendered character beside each delimiter.
        let side = |k: Option<usize>, before: bool| -> Side {
            let Some(k) = k else { return Side::Space };
            match &ev[k] {
                Event::Text(t) => {
                    let c = if before { t.chars().last() } else { t.chars().next() };
                    c.map_or(Side::Space, side_of)
                }
                Event::Break => Side::Space,
                Event::Open(o) | Event::Close(o) => {
                    let decided = match &ev[k] {
                        Event::Open(_) => styles[k],
                        _ => open_of[k].and_then(|o| styles[o]),
                    };
                    if is_emphasis(o) && decided == Some(Style::Stars) { Side::Star } else { Side::Punct }
                }
            }
        };
        let before_open = side(i.checked_sub(1), true);
        let after_open = side(Some(i + 1), false);
        let before_close = side(j.checked_sub(1), true);
        let after_close = side(ev.get(j + 1).map(|_| j + 1), false);
        let opens = after_open != Side::Space
            && (after_open != Side::Punct || matches!(before_open, Side::Space | Side::Punct));
        let closes = before_close != Side::Space
            && (before_close != Side::Punct || matches!(after_close, Side::Space | Side::Punct));
        let clash = [before_open, after_open, before_close, after_close].contains(&Side::Star);
        styles[i] = Some(if opens && closes && !clash { Style::Stars } else { Style::Html });
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_line_start = matches!(place, Place::Block);
    let mut i = 0;
    while i < ev.len() {
        match &ev[i] {
            Event::Text(t) => {
                out.push_str(&escape_text(t, at_line_start, place));
                at_line_start = false;
            }
            Event::Break => {
                match place {
                    Place::Block | Place::AfterLead => {
                        out.push_str("\\\n");
                        at_line_start = true;
                    }
                    Place::Heading => out.push(' '),
                    Place::Cell => out.push_str("<br>"),
                }
                i += 1;
                continue;
            }
            Event::Open(s) if s.kind == SpanKind::Code => {
                // Code is literal: its text up to its close, nested spans left out.
                let j = close_of(i).unwrap_or(ev.len());
                let mut code = String::new();
                for e in &ev[i + 1..j] {
                    match e {
                        Event::Text(t) => code.push_str(t),
                        Event::Break => code.push(' '),
                        _ => {}
                    }
                }
                out.push_str(&code_span(&code, place));
                at_line_start = false;
                i = j + 1;
                continue;
            }
            Event::Open(s) => {
                match s.kind {
                    SpanKind::Link => {
                        // `![` would make the link an image.
                        if out.ends_with('!') {
                            out.pop();
                            out.push_str("\\!");
                        }
                        out.push('[');
                    }
                    SpanKind::Em | SpanKind::Strong => {
                        let stars = styles[i] == Some(Style::Stars);
                        out.push_str(match (s.kind, stars) {
                            (SpanKind::Em, true) => "*",
                            (SpanKind::Em, false) => "<em>",
                            (_, true) => "**",
                            _ => "<strong>",
                        });
                    }
                    SpanKind::Sub => out.push_str("<sub>"),
                    SpanKind::Sup => out.push_str("<sup>"),
                    _ => {}
                }
            }
            Event::Close(s) => match s.kind {
                SpanKind::Link => {
                    out.push_str("](");
                    out.push_str(&destination(s.url.as_deref().unwrap_or("")));
                    out.push(')');
                }
                SpanKind::Em | SpanKind::Strong => {
                    let stars = open_of[i].and_then(|o| styles[o]) == Some(Style::Stars);
                    out.push_str(match (s.kind, stars) {
                        (SpanKind::Em, true) => "*",
                        (SpanKind::Em, false) => "</em>",
                        (_, true) => "**",
                        _ => "</strong>",
                    });
                }
                SpanKind::Sub => out.push_str("</sub>"),
                SpanKind::Sup => out.push_str("</sup>"),
                _ => {}
            },
        }
        i += 1;
    }
    out
}

/// An inline code span: backtick fences longer than any run inside, padded with a space when
/// the code starts or ends with a backtick; `|` escaped in a table cell.
fn code_span(code: &str, place: Place) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let code = if place == Place::Cell { code.replace('|', "\\|") } else { code.to_string() };
    let pad = if code.starts_with('`') || code.ends_with('`') || code.starts_with(' ') && code.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Plain text escaped: the characters that could start inline markup everywhere, `|` in a
/// table cell, `&` before what could be an entity, and at a line's start what could start a
/// block (`#`, `+`, `-`, `=`, a number followed by `.` or `)`).
fn escape_text(text: &str, at_line_start: bool, place: Place) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    let mut line_start = at_line_start;
    for (i, &c) in chars.iter().enumerate() {
        if line_start {
            line_start = false;
            if matches!(c, '#' | '+' | '-' | '=' | ':') {
                out.push('\\');
                out.push(c);
                continue;
            }
            let digits = chars[i..].iter().take_while(|d| d.is_ascii_digit()).count();
            if digits > 0 && matches!(chars.get(i + digits), Some('.' | ')')) {
                out.extend(&chars[i..i + digits]);
                out.push('\\');
                out.push(chars[i + digits]);
                // The rest of the number and its mark are written: go on after them.
                let rest: String = chars[i + digits + 1..].iter().collect();
                out.push_str(&escape_text(&rest, false, place));
                return out;
            }
        }
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '|' if place == Place::Cell => out.push_str("\\|"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the characters after a `&` would make it an entity or character reference
/// (`&amp;`, `&#38;`, `&#x26;`).
fn starts_entity(after: &[char]) -> bool {
    let Some(semi) = after.iter().take(33).position(|c| *c == ';') else { return false };
    let name = &after[..semi];
    match name {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.len() <= 6 && hex.iter().all(char::is_ascii_hexdigit),
        ['#', dec @ ..] => !dec.is_empty() && dec.len() <= 7 && dec.iter().all(char::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric),
        [] => false,
    }
}

/// YAML front matter (between `---` lines): title, authors, published, url, site, language,
/// categories, tags. Every value is a JSON string (or a flow list of them, or null), which
/// every YAML parser reads back as written.
pub(crate) fn front_matter(article: &Article) -> String {
    let string = |s: Option<&str>| s.map_or_else(|| "null".to_string(), yaml_string);
    let list = |items: &mut dyn Iterator<Item = &str>| {
        let items: Vec<String> = items.map(yaml_string).collect();
        format!("[{}]", items.join(", "))
    };
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", string(article.title.as_deref()));
    let _ = writeln!(out, "authors: {}", list(&mut article.authors.iter().map(|a| a.name.as_str())));
    let _ = writeln!(out, "published: {}", string(article.published.as_deref()));
    let _ = writeln!(out, "url: {}", string(article.url.as_deref().or(article.canonical_url.as_deref())));
    let _ = writeln!(out, "site: {}", string(article.site.name.as_deref().or(article.site.host.as_deref())));
    let _ = writeln!(out, "language: {}", string(article.language.as_deref()));
    let _ = writeln!(out, "categories: {}", list(&mut article.categories.iter().map(String::as_str)));
    let _ = writeln!(out, "tags: {}", list(&mut article.tags.iter().map(String::as_str)));
    out.push_str("---\n");
    out
}

/// A JSON string (double-quoted YAML scalar), with the characters YAML does not allow raw
/// (C1 controls, U+2028/U+2029 line separators, the BOM, U+FFFE/U+FFFF) escaped as well.
fn yaml_string(s: &str) -> String {
    let json = serde_json::Value::String(s.to_string()).to_string();
    if !json.chars().any(needs_yaml_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if needs_yaml_escape(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_yaml_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: SpanKind) -> Span {
        Span { start, end, kind, url: None }
    }

    fn link(start: usize, end: usize, url: &str) -> Span {
        Span { start, end, kind: SpanKind::Link, url: Some(url.into()) }
    }

    #[test]
    fn line_starts_are_escaped_where_they_could_start_a_block() {
        assert_eq!(inline("1. This is no list", &[], Place::Block), "1\\. This is no list");
        assert_eq!(inline("2020) was", &[], Place::Block), "2020\\) was");
        assert_eq!(inline("# no heading", &[], Place::Block), "\\# no heading");
        assert_eq!(inline("- no item", &[], Place::Block), "\\- no item");
        assert_eq!(
            inline("a *b* [c] <d> `e` _f_ \\ &amp; AT&T", &[], Place::Block),
            "a \\*b\\* \\[c\\] \\<d\\> \\`e\\` \\_f\\_ \\\\ \\&amp; AT&T"
        );
        assert_eq!(inline("a | b", &[], Place::Cell), "a \\| b");
        assert_eq!(inline("one two", &[span(3, 4, SpanKind::Br)], Place::Block), "one\\\ntwo");
        assert_eq!(inline("one 2. two", &[span(3, 4, SpanKind::Br)], Place::Block), "one\\\n2\\. two");
    }

    #[test]
    fn spans_become_markup() {
        let text = "Read the report now, in bold and x2.";
        let spans = [
            link(5, 15, "https://x.org/a(b)"),
            span(9, 15, SpanKind::Em),
            span(24, 28, SpanKind::Strong),
            span(34, 35, SpanKind::Sup),
        ];
        assert_eq!(
            inline(text, &spans, Place::Block),
            "Read [the *report*](https://x.org/a\\(b\\)) now, in **bold** and x<sup>2</sup>."
        );
        // Flanking rules: punctuation inside a word's emphasis needs the HTML form.
        assert_eq!(inline("a\"b\"c", &[span(1, 4, SpanKind::Em)], Place::Block), "a<em>\"b\"</em>c");
        // Adjacent emphasis: the second one in HTML.
        assert_eq!(
            inline("ab", &[span(0, 1, SpanKind::Em), span(1, 2, SpanKind::Strong)], Place::Block),
            "*a*<strong>b</strong>"
        );
        assert_eq!(inline("see x()!", &[span(4, 7, SpanKind::Code)], Place::Block), "see `x()`!");
        assert_eq!(inline("a `b` c", &[span(2, 5, SpanKind::Code)], Place::Block), "a `` `b` `` c");
        assert_eq!(inline("Wow!Link", &[link(4, 8, "https://x.org/")], Place::Block), "Wow\\![Link](https://x.org/)");
        // Emphasis inside emphasis is one emphasis.
        assert_eq!(
            inline("a postapocalyptic tale", &[span(2, 22, SpanKind::Em), span(6, 17, SpanKind::Em)], Place::Block),
            "a *postapocalyptic tale*"
        );
    }

    #[test]
    fn nested_lists_and_start() {
        let e = |t: &str, children: Vec<ListEntry>| ListEntry { children, ..ListEntry::plain(t) };
        let entries = vec![e("one", vec![e("one a", vec![]), e("one b", vec![])]), e("two", vec![])];
        assert_eq!(list(&entries, true, 3, '.'), "3. one\n   1. one a\n   2. one b\n4. two");
        assert_eq!(list(&entries, false, 1, '-'), "- one\n  - one a\n  - one b\n- two");
        // A numbered list inside a bulleted one (from its start), and the reverse.
        let mut mixed = entries.clone();
        mixed[0].children_ordered = Some(true);
        mixed[0].children_start = Some(5);
        assert_eq!(list(&mixed, false, 1, '*'), "* one\n  5. one a\n  6. one b\n* two");
        mixed[0].children_ordered = Some(false);
        mixed[0].children_start = None;
        assert_eq!(list(&mixed, true, 1, ')'), "1) one\n   - one a\n   - one b\n2) two");
    }

    #[test]
    fn yaml_strings_escape_what_yaml_forbids() {
        assert_eq!(yaml_string("a \"b\"\u{2028}\u{85}"), "\"a \\\"b\\\"\\u2028\\u0085\"");
    }
}
