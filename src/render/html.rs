//! A standalone, sanitised HTML document of an article, for reader views and archives: the
//! title, deck, byline and date, then the body with its pictures and (absolute) links.
//!
//! The document is written from the article's fields, every text escaped, every URL an
//! absolute `http`, `https` or `mailto` one; then the article part goes through `ammonia`
//! with an allow-list of the elements and attributes written here, as the last line of
//! defence: no script, style, frame, form or event attribute can come out, whatever the page
//! held. A `Content-Security-Policy` meta tag forbids scripts besides.

use std::collections::HashSet;
use std::fmt::Write;

use super::inline::{Event, events};
use crate::article::{Article, Block, ListEntry, Span, SpanKind};

/// The policy of the document: nothing runs, pictures may load.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; img-src http: https: data:; base-uri 'none'; form-action 'none'";

/// The elements the article part may hold, and their attributes.
const ALLOWED: &[(&str, &[&str])] = &[
    ("article", &[]),
    ("header", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("p", &[]),
    ("a", &["href"]),
    ("em", &[]),
    ("strong", &[]),
    ("code", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("br", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("blockquote", &[]),
    ("footer", &[]),
    ("cite", &[]),
    ("pre", &["data-lang"]),
    ("table", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("td", &[]),
    ("figure", &[]),
    ("img", &["src", "alt"]),
    ("figcaption", &[]),
    ("small", &[]),
    ("time", &["datetime"]),
    ("b", &[]),
];

/// The whole document.
pub(crate) fn document(article: &Article) -> String {
    let mut out = String::from("<!DOCTYPE html>\n");
    let lang = article.language.as_deref().filter(|l| is_language_tag(l));
    match lang {
        Some(l) => {
            let _ = writeln!(out, "<html lang=\"{l}\">");
        }
        None => out.push_str("<html>\n"),
    }
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(article.title.as_deref().unwrap_or("")));
    if let Some(url) = article.canonical_url.as_deref().or(article.url.as_deref()).filter(|u| is_safe_url(u)) {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(url));
    }
    out.push_str("</head>\n<body>\n");
    out.push_str(&sanitise(&article_part(article)));
    out.push_str("\n</body>\n</html>\n");
    out
}

/// The `<article>` element, before sanitising.
fn article_part(article: &Article) -> String {
    let mut out = String::from("<article>\n<header>\n");
    if let Some(t) = &article.title {
        let _ = writeln!(out, "<h1>{}</h1>", escape(t));
    }
    if let Some(s) = &article.subtitle {
        let _ = writeln!(out, "<p><em>{}</em></p>", escape(s));
    }
    let mut byline: Vec<String> = Vec::new();
    if !article.authors.is_empty() {
        let names: Vec<String> = article
            .authors
            .iter()
            .map(|a| match a.url.as_deref().filter(|u| is_safe_url(u)) {
                Some(u) => format!("<a href=\"{}\">{}</a>", escape(u), escape(&a.name)),
                None => escape(&a.name),
            })
            .collect();
        byline.push(format!("By {}", names.join(", ")));
    }
    if let Some(d) = &article.published {
        byline.push(format!("<time datetime=\"{0}\">{0}</time>", escape(d)));
    }
    if let Some(url) = article.url.as_deref().or(article.canonical_url.as_deref()).filter(|u| is_safe_url(u)) {
        let label = article.site.name.as_deref().or(article.site.host.as_deref()).unwrap_or(url);
        byline.push(format!("<a href=\"{}\">{}</a>", escape(url), escape(label)));
    }
    if !byline.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", byline.join(" · "));
    }
    out.push_str("</header>\n");
    for b in &article.blocks {
        block(&mut out, b);
    }
    out.push_str("</article>");
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Paragraph { text, spans } => {
            let _ = writeln!(out, "<p>{}</p>", inline(text, spans));
        }
        Block::Heading { level, text, spans } => {
            let l = (*level).clamp(2, 6);
            let _ = writeln!(out, "<h{l}>{}</h{l}>", inline(text, spans));
        }
        Block::List { ordered, start, .. } => list(out, &b.list_entries(), *ordered, *start),
        Block::Quote { text, spans, paragraphs, cite } => {
            out.push_str("<blockquote>\n");
            let joined = paragraphs.join("\n\n");
            if paragraphs.len() > 1 && joined == *text {
                let mut offset = 0;
                for p in paragraphs {
                    let len = p.chars().count();
                    let own: Vec<Span> = spans
                        .iter()
                        .filter(|s| s.start >= offset && s.end <= offset + len)
                        .map(|s| Span { start: s.start - offset, end: s.end - offset, ..s.clone() })
                        .collect();
                    let _ = writeln!(out, "<p>{}</p>", inline(p, &own));
                    offset += len + 2;
                }
            } else {
                let _ = writeln!(out, "<p>{}</p>", inline(text, spans));
            }
            if let Some(c) = cite {
                let _ = writeln!(out, "<footer>— <cite>{}</cite></footer>", escape(c));
            }
            out.push_str("</blockquote>\n");
        }
        Block::Table { rows, cell_spans } => {
            out.push_str("<table>\n<tbody>\n");
            for (r, row) in rows.iter().enumerate() {
                out.push_str("<tr>");
                for (c, cell) in row.iter().enumerate() {
                    let spans = cell_spans.get(r).and_then(|s| s.get(c)).map_or(&[][..], Vec::as_slice);
                    let _ = write!(out, "<td>{}</td>", inline(cell, spans));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Code { text, language } => {
            match language {
                Some(l) => {
                    let _ = write!(out, "<pre data-lang=\"{}\"><code>", escape(l));
                }
                None => out.push_str("<pre><code>"),
            }
            out.push_str(&escape(text));
            out.push_str("</code></pre>\n");
        }
        Block::Transcript { speaker, text, spans } => {
            let _ = writeln!(out, "<p><b>{}:</b> {}</p>", escape(speaker), inline(text, spans));
        }
        Block::Image { url, alt, caption, credit } => {
            if !is_safe_url(url) {
                return;
            }
            let _ =
                write!(out, "<figure><img src=\"{}\" alt=\"{}\">", escape(url), escape(alt.as_deref().unwrap_or("")));
            if caption.is_some() || credit.is_some() {
                out.push_str("<figcaption>");
                if let Some(c) = caption {
                    out.push_str(&escape(c));
                }
                if let Some(c) = credit {
                    if caption.is_some() {
                        out.push(' ');
                    }
                    let _ = write!(out, "<small>{}</small>", escape(c));
                }
                out.push_str("</figcaption>");
            }
            out.push_str("</figure>\n");
        }
    }
}

/// A list with nested entries, each nested list `<ol>` or `<ul>` as its parent entry says
/// (the outer list's kind when the entry does not say).
fn list(out: &mut String, entries: &[ListEntry], ordered: bool, start: Option<i64>) {
    out.push_str(&open_list(ordered, start));
    out.push('\n');
    // (entries, index of the next one, numbered) per open list, deepest last.
    let mut stack: Vec<(&[ListEntry], usize, bool)> = vec![(entries, 0, ordered)];
    while let Some((level, i, ordered)) = stack.pop() {
        let Some(entry) = level.get(i) else {
            out.push_str(if ordered { "</ol>" } else { "</ul>" });
            if !stack.is_empty() {
                out.push_str("</li>");
            }
            out.push('\n');
            continue;
        };
        stack.push((level, i + 1, ordered));
        let _ = write!(out, "<li>{}", inline(&entry.text, &entry.spans));
        if entry.children.is_empty() {
            out.push_str("</li>\n");
        } else {
            let nested = entry.children_ordered.unwrap_or(ordered);
            let _ = writeln!(out, "\n{}", open_list(nested, entry.children_start));
            stack.push((&entry.children, 0, nested));
        }
    }
}

/// The start tag of a list: `<ul>`, `<ol>`, or `<ol start="N">` when it does not start at 1.
fn open_list(ordered: bool, start: Option<i64>) -> String {
    match start.filter(|s| ordered && *s != 1) {
        Some(s) => format!("<ol start=\"{s}\">"),
        None if ordered => "<ol>".to_string(),
        None => "<ul>".to_string(),
    }
}

/// Inline text with its spans as HTML.
fn inline(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Links whose URL is not safe are written as their text.
    let mut skipped: HashSet<*const Span> = HashSet::new();
    for e in events(text, spans) {
        match e {
            Event::Text(t) => out.push_str(&escape(&t)),
            Event::Break => out.push_str("<br>"),
            Event::Open(s) => match s.kind {
                SpanKind::Link => match s.url.as_deref().filter(|u| is_safe_url(u)) {
                    Some(u) => {
                        let _ = write!(out, "<a href=\"{}\">", escape(u));
                    }
                    None => {
                        skipped.insert(s);
                    }
                },
                kind => out.push_str(open_tag(kind)),
            },
            Event::Close(s) => match s.kind {
                SpanKind::Link if skipped.contains(&(s as *const Span)) => {}
                SpanKind::Link => out.push_str("</a>"),
                kind => out.push_str(&open_tag(kind).replacen('<', "</", 1)),
            },
        }
    }
    out
}

fn open_tag(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Em => "<em>",
        SpanKind::Strong => "<strong>",
        SpanKind::Code => "<code>",
        SpanKind::Sub => "<sub>",
        SpanKind::Sup => "<sup>",
        _ => "",
    }
}

/// Text escaped for HTML content and double-quoted attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a URL may be a link or picture source: absolute `http`, `https` or `mailto`.
fn is_safe_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https" | "mailto"))
}

/// Whether a language tag is plain enough to write in an attribute (BCP 47 letters, digits
/// and hyphens).
fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty() && tag.len() <= 35 && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The article part through `ammonia`: only the elements and attributes of [`ALLOWED`],
/// only absolute `http`, `https` and `mailto` URLs.
fn sanitise(html: &str) -> String {
    let mut b = ammonia::Builder::empty();
    for (tag, attrs) in ALLOWED {
        b.add_tags([*tag]);
        if !attrs.is_empty() {
            b.add_tag_attributes(*tag, attrs.iter().copied());
        }
    }
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_and_unsafe_links() {
        let spans = [
            Span { start: 0, end: 4, kind: SpanKind::Link, url: Some("javascript:alert(1)".into()) },
            Span { start: 5, end: 8, kind: SpanKind::Link, url: Some("https://x.org/?a=1&b=\"2\"".into()) },
            Span { start: 10, end: 11, kind: SpanKind::Br, url: None },
            Span { start: 11, end: 13, kind: SpanKind::Strong, url: None },
        ];
        assert_eq!(
            inline("evil <b> x <y", &spans),
            "evil <a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;</a> x<br><strong>&lt;y</strong>"
        );
    }
}
