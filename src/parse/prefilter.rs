//! A byte pre-filter in front of the parser: the text inside `<script>` (JSON-LD kept),
//! `<style>` and `<noscript>` elements, and the content of `<svg>` and `<math>` elements, is
//! left out before html5ever sees the page, so that it neither tokenizes nor builds what is
//! never content. Over half the bytes of a news page are scripts and styles.
//!
//! The tree html5ever builds from the filtered text is the tree of the whole page with the
//! text children of those elements (HTML namespace) and the descendants of the outermost SVG
//! and MathML elements removed, and nothing else changed (pith never reads inside SVG or
//! MathML: they go with the never-content elements before any selector or walk looks): the
//! filter follows the tokenizer of the HTML standard through data, tags and their attributes,
//! comments, doctypes, raw text and RCDATA elements and the script-data escape states, and the
//! part of tree construction that switches the tokenizer (which elements start raw text, and
//! SVG / MathML content, where `<style>` and `<script>` are ordinary elements and CDATA
//! sections exist). Wherever the tree builder alone could tell what comes next (HTML inside
//! SVG, `<frameset>`, `<plaintext>`), the filter stops and passes the rest of the page
//! through unchanged. `tests` checks the tree against the unfiltered parse on the fixtures, on
//! hand-written edge cases and on generated markup.
//!
//! Attributes: only those pith reads stay (`parse::attributes`), and those html5ever's tree
//! builder ignores are written with one-letter names (the tokenizer reads a name a character
//! at a time, a value in one piece). The tree sink gives them their names back, so the tree is
//! the same.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use super::attributes::{META_KEY_ATTRIBUTES, MetaKey, ReadAttr, Reader, is_short_name};

/// ASCII white space as the tokenizer sees it (CR is turned into LF before tokenizing).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Whether a `meta` tag's attributes may name a key pith reads: one of the white-space
/// separated tokens of `property`, `name`, `http-equiv` or `itemprop` is a [`MetaKey`]
/// (`property="dc:creator og:title"` names two keys), or the value holds a character
/// reference, which the filter does not decode.
fn names_read_meta_key(b: &[u8], attrs: &[AttrSpan]) -> bool {
    attrs.iter().any(|a| {
        let name = &b[a.start..a.name_end];
        if !META_KEY_ATTRIBUTES.iter().any(|k| name.eq_ignore_ascii_case(k.name().as_bytes())) {
            return false;
        }
        let value = attr_value(&b[a.name_end..a.end]);
        memchr(b'&', value).is_some()
            || value.split(|&c| is_space(c)).any(|token| !token.is_empty() && MetaKey::from_key(token).is_some())
    })
}

/// An attribute's value from what follows its name (`="v"`, `='v'`, `=v`, or nothing).
fn attr_value(rest: &[u8]) -> &[u8] {
    let rest = rest.trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b"=") else { return b"" };
    let rest = rest.trim_ascii_start();
    match rest.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let inner = &rest[1..];
            &inner[..memchr(q, inner).unwrap_or(inner.len())]
        }
        _ => rest,
    }
}

/// The page text with the contents of script (not JSON-LD), style and noscript elements,
/// and the attributes pith never reads, left out; borrowed when there is nothing to leave
/// out. `profile_attributes`: whether to keep the attributes only site profiles read
/// ([`Reader::Profile`]; not on a page known to have no site profile). `also_keep` names
/// attributes to keep besides the [`ReadAttr`]s (those the site profiles' selectors test;
/// ASCII case ignored).
/// Attribute names are left as they are (see [`filter`] for short names).
#[cfg(test)]
pub(crate) fn strip_unused_text<'a>(
    html: &'a str,
    profile_attributes: bool,
    also_keep: &dyn Fn(&[u8]) -> bool,
) -> Cow<'a, str> {
    filter(html, profile_attributes, also_keep, false).text
}

/// What [`filter`] hands the parser.
#[derive(Debug)]
pub(crate) struct Filtered<'a> {
    /// The filtered page.
    pub text: Cow<'a, str>,
    /// Whether the read attributes with short names ([`ReadAttr::short_name`]) carry them in
    /// `text`: the tree sink then gives them back their names.
    pub short_names: bool,
}

/// The pre-filter (see `strip_unused_text` for what it leaves out). With `shorten`, the
/// attributes with short names that stay get them, on every HTML start tag of
/// the page, when that is safe: the page is read to its end (the filter stops early at
/// markup only the tree builder can place) and no attribute of the page itself stays with a
/// short name.
pub(crate) fn filter<'a>(
    html: &'a str,
    profile_attributes: bool,
    also_keep: &dyn Fn(&[u8]) -> bool,
    shorten: bool,
) -> Filtered<'a> {
    let b = html.as_bytes();
    let mut edits =
        Edits { renames: Vec::with_capacity(if shorten { html.len() / 128 } else { 0 }), ..Edits::default() };
    let keep = |name: &[u8]| -> Keep {
        let read = ReadAttr::from_name(name);
        match read {
            Some(a) if profile_attributes || a.reader() != Reader::Profile => Keep::written(a.short_name()),
            _ if also_keep(name) => Keep::written(read.and_then(ReadAttr::short_name)),
            _ => Keep::Out,
        }
    };
    let complete = scan(b, &mut edits, &keep);
    let Edits { cuts, mut renames, short_names_taken } = edits;
    let short_names = shorten && complete && !short_names_taken && !renames.is_empty();
    if !short_names {
        renames.clear();
    }
    if cuts.is_empty() && renames.is_empty() {
        return Filtered { text: Cow::Borrowed(html), short_names: false };
    }
    let dropped: usize = cuts.iter().map(|(s, e)| e - s).sum();
    let mut out = String::with_capacity(html.len() - dropped);
    let mut at = 0;
    // Both lists are in page order and never overlap (a renamed attribute is one kept):
    // merged by position.
    let mut next_rename = 0;
    for &(start, end) in &cuts {
        while let Some(&(s, e, short)) = renames.get(next_rename).filter(|r| r.0 < start) {
            out.push_str(&html[at..s]);
            out.push_str(short);
            at = e;
            next_rename += 1;
        }
        out.push_str(&html[at..start]);
        at = end;
    }
    for &(s, e, short) in &renames[next_rename..] {
        out.push_str(&html[at..s]);
        out.push_str(short);
        at = e;
    }
    out.push_str(&html[at..]);
    Filtered { text: Cow::Owned(out), short_names }
}

/// What the pre-filter does with an attribute of an HTML start tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    /// Left out (when that cannot change the tag).
    Out,
    /// Kept as written.
    AsWritten,
    /// Kept, written with its short name.
    Short(&'static str),
}

impl Keep {
    /// Kept, with its short name if it has one.
    fn written(short: Option<&'static str>) -> Keep {
        short.map_or(Keep::AsWritten, Keep::Short)
    }
}

/// What the scan of [`filter`] finds to change.
#[derive(Default)]
struct Edits {
    /// Byte ranges to leave out, in page order.
    cuts: Vec<(usize, usize)>,
    /// Attribute names to write short: (name start, name end, short name), in page order.
    renames: Vec<(usize, usize, &'static str)>,
    /// An attribute of the page itself by one of the short names stays.
    short_names_taken: bool,
}

/// A tag as the tokenizer reads it: its name (raw bytes; ASCII case is ignored when
/// comparing), the index after its `>`, and the self-closing flag.
struct Tag<'a> {
    name: &'a [u8],
    end: usize,
    self_closing: bool,
}

impl Tag<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }
}

/// Start tags that leave SVG and MathML content for HTML (the tree builder's "in foreign
/// content" list; `font` counts whatever its attributes).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// SVG and MathML elements whose start tags inside are handled as HTML.
const INTEGRATION_POINTS: &[&str] =
    &["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"];

/// HTML elements read as raw text up to their end tag whose text the filter drops (script
/// has its own states).
const DROPPED_RAW: &[&str] = &["style", "noscript"];
/// The other HTML elements read as raw text (or RCDATA): kept, skipped over.
const KEPT_RAW: &[&str] = &["xmp", "iframe", "noembed", "noframes", "title", "textarea"];

/// Reads the page in the tokenizer's data state and records the ranges to leave out.
fn scan(b: &[u8], edits: &mut Edits, keep: &dyn Fn(&[u8]) -> Keep) -> bool {
    let cuts = &mut edits.cuts;
    let renames = &mut edits.renames;
    // The attributes of the tag last read: (name start, name end, attribute end).
    let mut attrs: Vec<AttrSpan> = Vec::new();
    // Open SVG / MathML elements while in foreign content, and where the content of the
    // outermost one starts.
    let mut foreign: Vec<&[u8]> = Vec::new();
    let mut foreign_start = 0;
    // Set at the first `pre` or `listing` start tag: from there on white space is kept as it
    // is (see `collapse_space`).
    let mut preformatted = false;
    // Whether whole `script` (not JSON-LD) and `link` (not canonical) elements are left out:
    // from the first `head` or `body` start tag (before it, a dropped element would move
    // where the tree builder creates `head`, and so which `<head>` tag's attributes count)
    // to the first `colgroup`, `col`, `pre` or `listing` start tag or `body` / `html` end
    // tag (where such a tag would close the column group, keep a line feed after `<pre>`, or
    // reopen the body for a comment). Never in foreign content.
    let mut drop_shells = false;
    let mut shells_stopped = false;
    // Set at the first `template` start tag: a `col` in template contents puts the tree
    // builder in a mode that ignores `<script>` (the tokenizer then reads on as data).
    let mut template = false;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        // The text before this `<` (since the last construct read) starts here.
        let data_start = i;
        let p = i + off;
        let Some(&next) = b.get(p + 1) else { return false };
        if next == b'!' {
            match markup_declaration(b, p + 2, !foreign.is_empty()) {
                Some(end) => i = end,
                None => return false,
            }
        } else if next == b'/' {
            match b.get(p + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(b, p + 2, &mut attrs) else { return false };
                    i = tag.end;
                    if tag.is("body") || tag.is("html") {
                        (drop_shells, shells_stopped) = (false, true);
                    }
                    if !foreign.is_empty() {
                        if !foreign_end_tag(&mut foreign, &tag) {
                            return false;
                        }
                        if foreign.is_empty() && p > foreign_start {
                            // A whole SVG or MathML element read without surprises: its
                            // content is never text either.
                            cuts.push((foreign_start, p));
                        }
                    }
                    if foreign.is_empty() && !preformatted {
                        collapse_space(b, i, cuts);
                    }
                }
                Some(b'>') => i = p + 3,
                Some(_) => match memchr(b'>', &b[p + 2..]) {
                    Some(o) => i = p + 2 + o + 1,
                    None => return false,
                },
                None => return false,
            }
        } else if next.is_ascii_alphabetic() {
            let Some(tag) = read_tag(b, p + 1, &mut attrs) else { return false };
            i = tag.end;
            let before_tag = (cuts.len(), renames.len());
            if foreign.is_empty() {
                // An HTML start tag: leave out what is never read, and give what is read
                // its short name. (In SVG and MathML content, attributes decide the way
                // out of it: kept as they are.)
                for a in &attrs {
                    let name = &b[a.start..a.name_end];
                    let kept = match keep(name) {
                        // `abbr title` and `span title` hold a machine date on hAtom pages
                        // (`abbr.published`, `span.updated`): read on every page, where other
                        // `title`s are read by profiles only.
                        Keep::Out if (tag.is("abbr") || tag.is("span")) && name.eq_ignore_ascii_case(b"title") => {
                            Keep::written(ReadAttr::Title.short_name())
                        }
                        kept => kept,
                    };
                    match kept {
                        Keep::Out if a.cuttable => cuts.push((a.start, a.end)),
                        Keep::Short(short) => renames.push((a.start, a.name_end, short)),
                        // A page's own attribute by that name stays: short names would be
                        // taken for it.
                        _ if is_short_name(name) => edits.short_names_taken = true,
                        _ => {}
                    }
                }
            }
            if !foreign.is_empty() {
                if tag.is_any(BREAKOUT)
                    || foreign
                        .last()
                        .is_some_and(|top| INTEGRATION_POINTS.iter().any(|n| top.eq_ignore_ascii_case(n.as_bytes())))
                {
                    return false;
                }
                if !tag.self_closing {
                    foreign.push(tag.name);
                }
            } else if tag.is("script") {
                let end = script_end(b, i);
                let raw_tag = &b[p..i];
                let keep =
                    memchr(b'&', raw_tag).is_some() || raw_tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"));
                if keep {
                    i = end;
                } else {
                    let end_tag = b.get(end + 2..).and_then(|_| read_tag(b, end + 2, &mut attrs)).map(|t| t.end);
                    match end_tag {
                        Some(after) if drop_shells && is_blank(&b[data_start..p]) && blank_until_markup(b, after) => {
                            // The whole element: an HTML `script` start tag never changes the
                            // tree around it (it is inserted where it stands, or in `head`).
                            cuts.truncate(before_tag.0);
                            renames.truncate(before_tag.1);
                            cuts.push((p, after));
                            i = after;
                            if !preformatted {
                                collapse_space(b, i, cuts);
                            }
                        }
                        _ => {
                            if end > i {
                                cuts.push((i, end));
                            }
                            i = end;
                        }
                    }
                }
            } else if (tag.is("link") && !attrs.iter().any(|a| is_canonical_rel(b, a))
                || tag.is("meta") && !names_read_meta_key(b, &attrs))
                && drop_shells
                && is_blank(&b[data_start..p])
                && blank_until_markup(b, i)
            {
                // Only `<link rel=canonical>` and some `meta` keys are read; these start
                // tags, like `script`, change nothing around them.
                cuts.truncate(before_tag.0);
                renames.truncate(before_tag.1);
                cuts.push((p, i));
                if !preformatted {
                    collapse_space(b, i, cuts);
                }
            } else if tag.is_any(DROPPED_RAW) {
                let end = raw_end(b, i, tag.name);
                if end > i {
                    cuts.push((i, end));
                }
                i = end;
            } else if tag.is_any(KEPT_RAW) {
                i = raw_end(b, i, tag.name);
            } else if tag.is("plaintext") {
                return false;
            } else if tag.is("frameset") {
                // Whether a frameset replaces the body depends on the text before it (the
                // tree builder's frameset-ok flag), and text inside SVG or MathML counts:
                // leave the whole page as it is (framesets are rare).
                cuts.clear();
                renames.clear();
                return false;
            } else if (tag.is("svg") || tag.is("math")) && !tag.self_closing {
                foreign.push(tag.name);
                foreign_start = i;
            } else if tag.is("pre") || tag.is("listing") {
                preformatted = true;
                // The tree builder drops a line feed right after these tags, not after
                // a `script` or `link` there: keep them from here on.
                (drop_shells, shells_stopped) = (false, true);
            } else {
                if (tag.is("head") || tag.is("body")) && !shells_stopped {
                    drop_shells = true;
                } else if tag.is("colgroup") || tag.is("col") {
                    if template {
                        return false;
                    }
                    (drop_shells, shells_stopped) = (false, true);
                } else if tag.is("template") {
                    template = true;
                }
                if !preformatted {
                    collapse_space(b, i, cuts);
                }
            }
        } else if next == b'?' {
            match memchr(b'>', &b[p + 2..]) {
                Some(o) => i = p + 2 + o + 1,
                None => return false,
            }
        } else {
            i = p + 1;
        }
    }
    // The page read to its end: complete unless it ends inside SVG or MathML content
    // (kept as it is, attributes and all).
    foreign.is_empty()
}

/// White space between two tags, `i` just after the first (in HTML content, outside raw
/// text): a run of two or more characters becomes one, the first line break of the run if it
/// has one (a CR becomes LF in the tokenizer), else its first character. Its meaning is
/// unchanged wherever pith reads text (white space is collapsed there, except in `pre`,
/// which stops the collapsing for the rest of the page), and a pretty-printed page's
/// indentation (a tenth of its bytes) is neither tokenized nor stored, nor walked over.
fn collapse_space(b: &[u8], i: usize, cuts: &mut Vec<(usize, usize)>) {
    let run = b[i..].iter().take_while(|&&c| is_space(c)).count();
    let end = i + run;
    if run < 2 || b.get(end) != Some(&b'<') {
        return;
    }
    let keep = b[i..end].iter().position(|&c| c == b'\n' || c == b'\r').map_or(i, |k| i + k);
    if keep > i {
        cuts.push((i, keep));
    }
    if end > keep + 1 {
        cuts.push((keep + 1, end));
    }
}

/// An end tag in foreign content: pops the open elements down to the one it names. `false`
/// when it would reach HTML content (or is `</br>` / `</p>`, which break out).
fn foreign_end_tag(foreign: &mut Vec<&[u8]>, tag: &Tag<'_>) -> bool {
    if tag.is("br") || tag.is("p") {
        return false;
    }
    match foreign.iter().rposition(|n| n.eq_ignore_ascii_case(tag.name)) {
        Some(at) => {
            foreign.truncate(at);
            true
        }
        None => false,
    }
}

/// After `<!` at `i`: a comment, a doctype, a CDATA section (foreign content only) or a
/// bogus comment. The index after it, `None` at the end of the page.
fn markup_declaration(b: &[u8], i: usize, foreign: bool) -> Option<usize> {
    let rest = &b[i..];
    if rest.starts_with(b"--") {
        return comment_end(b, i + 2);
    }
    if foreign && rest.starts_with(b"[CDATA[") {
        let from = i + 7;
        return memchr::memmem::find(&b[from..], b"]]>").map(|o| from + o + 3);
    }
    // Doctype and bogus comment alike end at the first `>`.
    memchr(b'>', rest).map(|o| i + o + 1)
}

/// The comment states from just after `<!--`: the index after the comment's end.
fn comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    // Comment start and comment start dash: `<!-->` and `<!--->` are whole comments.
    match b.get(i) {
        Some(b'>') => return Some(i + 1),
        Some(b'-') => match b.get(i + 1) {
            Some(b'>') => return Some(i + 2),
            Some(b'-') => {
                i += 2;
                return comment_end_state(b, i);
            }
            _ => i += 1,
        },
        _ => {}
    }
    comment_rest(b, i)
}

/// The comment end state (after `--`), then back to the comment state as needed.
fn comment_end_state(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match *b.get(i)? {
            b'>' => return Some(i + 1),
            b'-' => i += 1,
            b'!' => match *b.get(i + 1)? {
                b'>' => return Some(i + 2),
                // Comment end bang, then `-`: comment end dash.
                b'-' => match *b.get(i + 2)? {
                    b'-' => i += 3,
                    _ => return comment_rest(b, i + 2),
                },
                _ => return comment_rest(b, i + 1),
            },
            _ => return comment_rest(b, i),
        }
    }
}

/// The comment state at `i` (the character there not yet read): up to a `-`, then the
/// comment end dash state.
fn comment_rest(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let off = memchr(b'-', &b[i..])?;
        i += off + 1;
        if *b.get(i)? == b'-' {
            return comment_end_state(b, i + 1);
        }
    }
}

/// One attribute of a tag: where its name starts and ends, where the attribute ends (after
/// its value), and whether it can be left out as is: its name follows white space or a
/// quoted value (after a stray `/` it cannot: the `/` would then close the tag
/// self-closing).
struct AttrSpan {
    start: usize,
    name_end: usize,
    end: usize,
    cuttable: bool,
}

/// Whether a text is white space only (HTML's white space, as the tokenizer sees it).
pub(crate) fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|&c| is_space(c))
}

/// Whether the text from `i` is white space only up to the next markup (a tag, comment,
/// doctype or processing instruction) or the end of the page. Where a dropped element stood
/// between two texts, the tree builder then sees one run of white space instead of two,
/// which it treats alike everywhere (in a table, a run with other characters would move).
fn blank_until_markup(b: &[u8], i: usize) -> bool {
    let run = b[i..].iter().take_while(|&&c| is_space(c)).count();
    match b.get(i + run..i + run + 2) {
        None => i + run == b.len() || b.get(i + run) == Some(&b'<'),
        Some([b'<', c]) => c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'),
        Some(_) => false,
    }
}

/// Whether an attribute is `rel` with `canonical` among its words (or a character reference,
/// which the filter does not decode: kept to be safe).
fn is_canonical_rel(b: &[u8], a: &AttrSpan) -> bool {
    if !b[a.start..a.name_end].eq_ignore_ascii_case(b"rel") {
        return false;
    }
    let value = &b[a.name_end..a.end];
    memchr(b'&', value).is_some() || value.windows(9).any(|w| w.eq_ignore_ascii_case(b"canonical"))
}

/// Reads a start or end tag whose name starts at `i`, with its attributes in `attrs`;
/// `None` when the page ends inside it (the tokenizer then drops it).
fn read_tag<'a>(b: &'a [u8], i: usize, attrs: &mut Vec<AttrSpan>) -> Option<Tag<'a>> {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        BeforeAttrName,
        AttrName,
        AfterAttrName,
        BeforeAttrValue,
        AttrValueUnquoted,
        AfterAttrValueQuoted,
        SelfClosing,
    }
    attrs.clear();
    let mut j = i;
    while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let name = &b[i..j];
    let mut s = S::BeforeAttrName;
    loop {
        let c = *b.get(j)?;
        match (s, c) {
            (S::BeforeAttrName | S::AfterAttrName | S::AfterAttrValueQuoted | S::AttrValueUnquoted, b'>')
            | (S::BeforeAttrValue, b'>') => {
                return Some(Tag { name, end: j + 1, self_closing: false });
            }
            (S::SelfClosing, b'>') => return Some(Tag { name, end: j + 1, self_closing: true }),
            (S::SelfClosing, _) => s = S::BeforeAttrName,
            (S::BeforeAttrName | S::AfterAttrName, c) if is_space(c) => j += 1,
            (S::AfterAttrValueQuoted, c) if is_space(c) => {
                s = S::BeforeAttrName;
                j += 1;
            }
            (S::BeforeAttrName | S::AfterAttrName | S::AfterAttrValueQuoted, b'/') => {
                s = S::SelfClosing;
                j += 1;
            }
            (S::BeforeAttrName | S::AfterAttrValueQuoted, _) => {
                // `=` here starts a name; anything else too.
                let after_slash = j > 0 && b[j - 1] == b'/';
                attrs.push(AttrSpan { start: j, name_end: j + 1, end: j + 1, cuttable: !after_slash });
                s = S::AttrName;
                j += 1;
            }
            (S::AttrName, c) if is_space(c) || c == b'/' || c == b'>' => s = S::AfterAttrName,
            (S::AttrName | S::AfterAttrName, b'=') => {
                s = S::BeforeAttrValue;
                j += 1;
                if let Some(a) = attrs.last_mut() {
                    a.end = j;
                }
            }
            (S::AttrName, _) => {
                // The rest of the name at once.
                j += 1 + b[j + 1..]
                    .iter()
                    .take_while(|&&c| !(is_space(c) || c == b'/' || c == b'>' || c == b'='))
                    .count();
                if let Some(a) = attrs.last_mut() {
                    a.name_end = j;
                    a.end = j;
                }
            }
            (S::AfterAttrName, _) => {
                // A new attribute after white space.
                attrs.push(AttrSpan { start: j, name_end: j + 1, end: j + 1, cuttable: true });
                s = S::AttrName;
                j += 1;
            }
            (S::BeforeAttrValue, c) if is_space(c) => j += 1,
            (S::BeforeAttrValue, b'"' | b'\'') => {
                let close = memchr(c, &b[j + 1..])?;
                j = j + 1 + close + 1;
                if let Some(a) = attrs.last_mut() {
                    a.end = j;
                }
                s = S::AfterAttrValueQuoted;
            }
            (S::BeforeAttrValue, _) => s = S::AttrValueUnquoted,
            (S::AttrValueUnquoted, c) if is_space(c) => {
                s = S::BeforeAttrName;
                j += 1;
            }
            (S::AttrValueUnquoted, _) => {
                j += 1 + b[j + 1..].iter().take_while(|&&c| !(is_space(c) || c == b'>')).count();
                if let Some(a) = attrs.last_mut() {
                    a.end = j;
                }
            }
        }
    }
}

/// Whether an end tag for `name` starts at `i` (just after `</`): the name, any ASCII case,
/// then white space, `/` or `>` (the "appropriate end tag" of raw text states).
fn is_end_tag(b: &[u8], i: usize, name: &[u8]) -> bool {
    b.len() > i + name.len()
        && b[i..i + name.len()].eq_ignore_ascii_case(name)
        && matches!(b[i + name.len()], b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>')
}

/// Raw text or RCDATA from `i`: the index of the `<` of its end tag (or the end of the page).
fn raw_end(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(off) = memchr(b'<', &b[i..]) {
        let p = i + off;
        if b.get(p + 1) == Some(&b'/') && is_end_tag(b, p + 2, name) {
            return p;
        }
        i = p + 1;
    }
    b.len()
}

/// Script data from `i`, through the escape states (`<!--`, and `<script>` inside it, which
/// keeps `</script>` from ending the element): the index of the `<` of its end tag (or the
/// end of the page).
fn script_end(b: &[u8], mut i: usize) -> usize {
    #[derive(Clone, Copy)]
    enum S {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        DoubleEscaped,
        DoubleEscapedDash,
        DoubleEscapedDashDash,
    }
    /// ASCII letters from `i`: their end.
    fn letters(b: &[u8], i: usize) -> usize {
        i + b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count()
    }
    /// Whether `i` holds what ends a tag name in the escape states (or the page ends).
    fn delimiter(b: &[u8], i: usize) -> bool {
        matches!(b.get(i), Some(b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>'))
    }
    let mut s = S::Data;
    let n = b.len();
    loop {
        match s {
            S::Data => {
                let Some(off) = memchr(b'<', &b[i..]) else { return n };
                let p = i + off;
                match b.get(p + 1) {
                    Some(b'/') if is_end_tag(b, p + 2, b"script") => return p,
                    Some(b'/') => i = p + 2,
                    Some(b'!') if b.get(p + 2) == Some(&b'-') && b.get(p + 3) == Some(&b'-') => {
                        s = S::EscapedDashDash;
                        i = p + 4;
                    }
                    Some(b'!') if b.get(p + 2) == Some(&b'-') => i = p + 3,
                    Some(b'!') => i = p + 2,
                    _ => i = p + 1,
                }
            }
            S::Escaped | S::DoubleEscaped => {
                let Some(off) = memchr2(b'-', b'<', &b[i..]) else { return n };
                let p = i + off;
                if b[p] == b'-' {
                    s = if matches!(s, S::Escaped) { S::EscapedDash } else { S::DoubleEscapedDash };
                    i = p + 1;
                } else {
                    i = p;
                    s = less_than(b, &mut i, s);
                    if i == usize::MAX {
                        return p;
                    }
                }
            }
            S::EscapedDash | S::EscapedDashDash | S::DoubleEscapedDash | S::DoubleEscapedDashDash => {
                let Some(&c) = b.get(i) else { return n };
                let double = matches!(s, S::DoubleEscapedDash | S::DoubleEscapedDashDash);
                let dash_dash = matches!(s, S::EscapedDashDash | S::DoubleEscapedDashDash);
                match c {
                    b'-' => {
                        s = if double { S::DoubleEscapedDashDash } else { S::EscapedDashDash };
                        i += 1;
                    }
                    b'<' => {
                        let p = i;
                        s = less_than(b, &mut i, if double { S::DoubleEscaped } else { S::Escaped });
                        if i == usize::MAX {
                            return p;
                        }
                    }
                    b'>' if dash_dash => {
                        s = S::Data;
                        i += 1;
                    }
                    _ => {
                        s = if double { S::DoubleEscaped } else { S::Escaped };
                        i += 1;
                    }
                }
            }
        }
    }

    /// A `<` at `*i` in the escaped (or double-escaped) state: the next state, with `*i`
    /// moved past what was read; `*i == usize::MAX` when it starts the script's end tag.
    fn less_than(b: &[u8], i: &mut usize, s: S) -> S {
        let p = *i;
        match (s, b.get(p + 1)) {
            (S::Escaped, Some(b'/')) => {
                if is_end_tag(b, p + 2, b"script") {
                    *i = usize::MAX;
                    return S::Escaped;
                }
                *i = p + 2;
                S::Escaped
            }
            (S::Escaped, Some(c)) if c.is_ascii_alphabetic() => {
                // Script data double escape start: letters, then a delimiter.
                let e = letters(b, p + 1);
                if delimiter(b, e) && b[p + 1..e].eq_ignore_ascii_case(b"script") {
                    *i = e + 1;
                    S::DoubleEscaped
                } else {
                    *i = e;
                    S::Escaped
                }
            }
            (S::Escaped, _) => {
                *i = p + 1;
                S::Escaped
            }
            (_, Some(b'/')) => {
                // Script data double escape end.
                let e = letters(b, p + 2);
                if delimiter(b, e) && b[p + 2..e].eq_ignore_ascii_case(b"script") {
                    *i = e + 1;
                    S::Escaped
                } else {
                    *i = e;
                    S::DoubleEscaped
                }
            }
            _ => {
                *i = p + 1;
                S::DoubleEscaped
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use html5ever::ns;
    use proptest::prelude::*;
    use scraper::{Html, Node};

    use super::*;
    use crate::dom::{self, Visit, Walk};
    use crate::parse::attributes::full_name;

    /// The tree as text, with the text of HTML style and noscript elements, HTML `script`,
    /// `link` and `meta` elements (the filter leaves some out whole) and the content of outermost
    /// SVG and MathML elements left out; the texts on either side of a left-out element are
    /// one text, as they are in the filtered tree.
    fn dump(html: &str) -> String {
        dump_with(html, false)
    }

    /// [`dump`]; with `short_names`, attributes by short names are printed by their names, as
    /// the tree sink gives them back.
    fn dump_with(html: &str, short_names: bool) -> String {
        let doc = Html::parse_document(html);
        let name_of = |q: &html5ever::QualName| match full_name(&q.local) {
            Some(full) if short_names && q.ns == ns!() && q.prefix.is_none() => full,
            _ => q.local.clone(),
        };
        let mut out = String::new();
        let mut depth = 0usize;
        let mut text: Option<(usize, String)> = None;
        let flush = |out: &mut String, text: &mut Option<(usize, String)>| {
            if let Some((depth, t)) = text.take() {
                let _ = writeln!(out, "{}text {:?}", " ".repeat(depth), collapsed(&t));
            }
        };
        dom::walk_events(doc.tree.root(), |v| match v {
            Visit::Enter(n) => {
                let pad = " ".repeat(depth);
                match n.value() {
                    Node::Text(t) => {
                        let parent = n.parent().and_then(|p| p.value().as_element().map(|e| e.name.clone()));
                        let dropped =
                            parent.is_some_and(|q| q.ns == ns!(html) && matches!(&*q.local, "style" | "noscript"));
                        if !dropped {
                            text.get_or_insert_with(|| (depth, String::new())).1.push_str(t);
                        }
                        return Walk::Skip;
                    }
                    Node::Element(e)
                        if e.name.ns == ns!(html) && matches!(&*e.name.local, "script" | "link" | "meta") =>
                    {
                        return Walk::Skip;
                    }
                    Node::Element(e) => {
                        flush(&mut out, &mut text);
                        // The attributes pith reads (the filter leaves out the others).
                        let mut attrs: Vec<String> = e
                            .attrs
                            .iter()
                            .map(|(q, v)| (q, name_of(q), v))
                            .filter(|(q, name, _)| {
                                q.ns == ns!() && q.prefix.is_none() && ReadAttr::from_name(name.as_bytes()).is_some()
                            })
                            .map(|(q, name, v)| format!("{:?}:{}={:?}", q.ns, name, &**v))
                            .collect();
                        attrs.sort();
                        let _ = writeln!(out, "{pad}<{:?}:{} {}>", e.name.ns, e.name.local, attrs.join(" "));
                        let foreign = e.name.ns == ns!(svg) || e.name.ns == ns!(mathml);
                        let in_html = n
                            .parent()
                            .and_then(|p| p.value().as_element().map(|pe| pe.name.ns == ns!(html)))
                            .unwrap_or(true);
                        if foreign && in_html {
                            return Walk::Skip;
                        }
                    }
                    other => {
                        flush(&mut out, &mut text);
                        let _ = writeln!(out, "{pad}{other:?}");
                    }
                }
                depth += 1;
                Walk::Descend
            }
            Visit::Leave(_) => {
                flush(&mut out, &mut text);
                depth -= 1;
                Walk::Skip
            }
        });
        flush(&mut out, &mut text);
        out
    }

    /// A text with its runs of white space as the filter leaves them between tags: one
    /// line feed when the run has a line break, else one space (outside `pre`, whose text
    /// `keeps_white_space_from_the_first_pre_on` checks).
    fn collapsed(t: &str) -> String {
        let mut out = String::new();
        let mut run: Option<bool> = None;
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                let line = matches!(c, '\n' | '\r');
                run = Some(run.unwrap_or(false) || line);
            } else {
                if let Some(line) = run.take() {
                    out.push(if line { '\n' } else { ' ' });
                }
                out.push(c);
            }
        }
        if let Some(line) = run {
            out.push(if line { '\n' } else { ' ' });
        }
        out
    }

    fn strip(html: &str) -> Cow<'_, str> {
        strip_unused_text(html, true, &|_| false)
    }

    #[test]
    fn short_names_only_where_no_attribute_of_the_page_has_one() {
        fn short(html: &str) -> Filtered<'_> {
            filter(html, true, &|_| false, true)
        }
        let f = short(r#"<p class="a" HREF=b id=i>x</p>"#);
        assert!(f.short_names);
        assert_eq!(f.text, r#"<p c="a" h=b id=i>x</p>"#);
        // A page's own attribute by a short name: kept (after a stray `/`, or named by the
        // configuration), so no short names on that page.
        assert!(!short("<p class=a><p/c=x>").short_names);
        assert!(!filter("<p class=a c=x>", true, &|n| n == b"c", true).short_names);
        assert!(filter("<p class=a>", true, &|n| n == b"c", true).short_names);
        // Read to the end only: not after `<plaintext>`, nor in SVG content left open.
        assert!(!short("<p class=a><plaintext><p c=x>").short_names);
        assert!(!short("<p class=a><svg><g c=x>").short_names);
        assert_eq!(short("<p class=a><plaintext><p c=x>").text, "<p class=a><plaintext><p c=x>");
        // Nothing to shorten: borrowed.
        assert!(matches!(short("<p id=a>x</p>").text, Cow::Borrowed(_)));
    }

    /// The filtered page parses to the tree of the page (as [`dump`] shows it), with
    /// attribute names left as they are and with short names.
    fn same_tree(html: &str) {
        let filtered = strip(html);
        let expected = dump(html);
        assert_eq!(expected, dump(&filtered), "input: {html:?}\nfiltered: {filtered:?}");
        let short = filter(html, true, &|_| false, true);
        assert_eq!(expected, dump_with(&short.text, short.short_names), "input: {html:?}\nshort: {short:?}");
    }

    #[test]
    fn leaves_out_scripts_styles_noscript_and_keeps_json_ld() {
        let page = r#"<html><head><title>T</title><style>p{}</style><script>var a = "</p>";</script>
            <script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
            <body><noscript><img src=x></noscript><p>Body</p><script src=x.js></script></body></html>"#;
        let f = strip(page);
        assert!(!f.contains("p{}") && !f.contains("var a") && !f.contains("img src"));
        assert!(f.contains("NewsArticle") && f.contains("<title>T</title>") && f.contains("<p>Body</p>"));
        same_tree(page);
        assert!(matches!(strip("<p class=a>no scripts</p>"), Cow::Borrowed(_)));
        assert_eq!(strip("<p><svg viewBox='0 0 1 1'><path d='M0'/></svg>x</p>"), "<p><svg ></svg>x</p>");
    }

    #[test]
    fn leaves_out_whole_script_and_link_elements_in_head_and_body() {
        let page = r#"<html><head><link rel=stylesheet href=s.css><link REL="Canonical" href="https://e.x/a">
            <script src=a.js></script><script type="application/ld+json">{}</script></head>
            <body><p>a <script>x</script>
            <link rel=preload href=f></p><p>b<script src=in-text.js></script>c</p></body></html>"#;
        let f = strip(page);
        assert!(
            !f.contains("s.css") && !f.contains("a.js") && !f.contains("preload") && !f.contains("x</script>"),
            "{f}"
        );
        assert!(f.contains(r#"REL="Canonical""#) && f.contains("ld+json"), "{f}");
        // Between texts (not white space) a shell stays: in a table the texts would join.
        assert!(f.contains("<p>b<script src=in-text.js></script>c</p>"), "{f}");
        same_tree(page);
        // Kept where leaving them out would change the tree: before the first `head` or `body`
        // tag (a later `<head>` tag would be ignored), in a column group (they close it),
        // after `</body>` (they reopen the body for the comment).
        for page in [
            "<script></script><head class=h><p>a",
            "<link rel=x><head class=h>",
            "<body><table><colgroup><script></script><col></table>",
            "<body><table><colgroup><link rel=x><col></table>",
            "<body><table><col><script></script><col></table>",
            "<template><col><script><!--c--><p>a",
            "<body><pre><link rel=x>\n\ta",
            "<body><table>x<link rel=x> <tr><td>a</table>",
            "<body><p>a</body><script></script><!--c-->",
        ] {
            let f = strip(page);
            assert!(f.contains("<script") || f.contains("<link"), "{page}");
            same_tree(page);
        }
    }

    #[test]
    fn leaves_out_meta_elements_with_keys_pith_never_reads() {
        let page = "<html><head><meta charset=utf-8>\n<meta name=viewport content=x>\n\
            <meta property='og:title' content=T>\n<meta NAME=\"Description \" content=D>\n\
            <meta itemprop=x name=author content=A>\n<meta name=&#97;uthor content=E>\n\
            <meta property=\"fb:app_id  dc:date\" content=2024-03-03>\n<meta name=\"fb:app_id fb:pages\" content=1>\n\
            </head><body><p>a</p></body></html>";
        let f = strip(page);
        assert!(!f.contains("viewport") && !f.contains("charset") && !f.contains("fb:pages"), "{f}");
        // A key among several space-separated ones keeps its element.
        for kept in ["og:title", "Description", "author", "&#97;uthor", "dc:date"] {
            assert!(f.contains(kept), "{kept}: {f}");
        }
        same_tree(page);
    }

    #[test]
    fn leaves_out_attributes_pith_never_reads() {
        assert_eq!(
            strip(r#"<p data-x="1" CLASS=a onclick='f()' Data-Src=i>t</p><a href=u target=_blank>l</a>"#),
            r#"<p  CLASS=a  Data-Src=i>t</p><a href=u >l</a>"#
        );
        // What a site profile's selectors test is kept too.
        let keep = |name: &[u8]| name.eq_ignore_ascii_case(b"data-x");
        assert_eq!(strip_unused_text(r#"<p data-x="1" data-y=2>t</p>"#, true, &keep), r#"<p data-x="1" >t</p>"#);
        // End tags, and tags in SVG content, keep theirs (they are never read or cut whole).
        assert_eq!(strip("<p>a</p data-x=1>"), "<p>a</p data-x=1>");
        // After a stray `/` an attribute stays: cutting it would make the tag self-closing.
        assert_eq!(strip("<a/data-x=1>"), "<a/data-x=1>");
    }

    #[test]
    fn collapses_white_space_between_tags() {
        assert_eq!(
            strip("<div>\n    <p>a  b</p>  \n\t<p>c</p> <i>d</i>\r\n  </div>  x"),
            "<div>\n<p>a  b</p>\n<p>c</p> <i>d</i>\r</div>  x"
        );
        assert_eq!(strip("<p>  </p>"), "<p> </p>");
    }

    #[test]
    fn keeps_white_space_from_the_first_pre_on() {
        let page = "<div>\n  <p>a</p>\n  <pre>\n  x\n    <b>y</b>\n</pre>\n  <p>z</p></div>";
        assert_eq!(strip(page), "<div>\n<p>a</p>\n<pre>\n  x\n    <b>y</b>\n</pre>\n  <p>z</p></div>");
        let pre_text = |html: &str| {
            let doc = Html::parse_document(html);
            let pre = doc.select(&scraper::Selector::parse("pre").unwrap()).next().unwrap();
            pre.text().collect::<String>()
        };
        assert_eq!(pre_text(&strip(page)), pre_text(page));
        assert!(strip("<listing>\n  <b>y</b>  <i>z</i></listing>").contains("</b>  <i>"));
    }

    #[test]
    fn leaves_out_profile_only_attributes_when_asked() {
        let page = r#"<p><img src=a.jpg srcset="a2.jpg 2x" alt=A title=T width=1 class=c><a href=u title=t>l</a></p>"#;
        assert_eq!(strip_unused_text(page, true, &|_| false), page);
        // Pictures' sources and sizes are read on every page (image blocks); `title` only by
        // profiles.
        assert_eq!(
            strip_unused_text(page, false, &|_| false),
            r#"<p><img src=a.jpg srcset="a2.jpg 2x" alt=A  width=1 class=c><a href=u >l</a></p>"#
        );
        // A profile selector's attribute stays all the same.
        assert_eq!(strip_unused_text(page, false, &|n| n.eq_ignore_ascii_case(b"title")), page);
        // hAtom's dates in `title` are read on every page, under the short name.
        let hatom =
            r#"<abbr class=published title="2013-04-04">x</abbr><span class=updated title="2013-04-05"></span>"#;
        let kept = strip_unused_text(hatom, false, &|_| false);
        assert_eq!(kept.matches("=\"2013-04-0").count(), 2, "{kept}");
    }

    #[test]
    fn same_tree_without_unread_attributes() {
        for html in [
            "<a foo= >x</a>",
            "<a foo=>x</a>",
            "<a foo = \"v\" class=c>x</a>",
            "<a b=\"1\"foo=\"x\"c=2>x</a>",
            "<a class=\"1\"foo=\"x\"id=2>x</a>",
            "<a class=\"1\"foo/>x",
            "<br data-x=\"1\"/><p>x",
            "<a data-x='>'>x</a>",
            "<a data-x=a/>x</a>",
            "<a =x class=c>x</a>",
            "<a data-x class=y>x</a>",
            "<a/foo class=y>x</a>",
            "<a foo/class=y>x</a>",
            "<table><input type=hidden data-x=1><tr><td>a</table>",
            "<table><input data-x=1 type=hidden><tr><td>a</table>",
            "<html data-x=1 lang=en><body data-y=2><p>a</p><body class=z data-q=3>",
            "<svg data-x=1 class=c><p>a</p></svg>",
            "<svg><font color=red data-x=1><p>a</p></svg>",
            "<math><annotation-xml encoding=text/html data-x=1><p>a</p></annotation-xml></math>",
            "<template shadowrootmode=open data-x=1><p>a</p></template>",
            "<select><option selected data-x=1>a<option>b</select>",
            "<p data-x=\"<script>\">a</p><script>x</script>",
            "<p\tdata-x=1\nclass=c\x0cid=d>a</p>",
            "<div class=a class=b data-x=1 class=c>a</div>",
        ] {
            same_tree(html);
        }
    }

    #[test]
    fn same_tree_on_edge_cases() {
        for html in [
            "<script>a</script>b",
            "<script>if (a<b) x = '</scr' + 'ipt>';</script><p>after",
            "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>",
            "<script><!--<script>x</script>--></script><p>after</p>",
            "<script><!--<script>x</script>y</script>--></script><p>z</p>",
            "<script><!--<scripts></script><p>z</p>",
            "<script><!-- --!> </script><p>z</p>",
            "<script><!---></script><p>z</p>",
            "<SCRIPT>x</SCRIPT ><p>z</p>",
            "<script>x</script\t foo=\">\"><p>z</p>",
            "<script>x</scriptx></script><p>z</p>",
            "<script>x",
            "<script",
            "<script type=\"application/ld+json\">{}</script>",
            "<script type=\"application/ld&#43;json\">{}</script>",
            "<div title=\"<script>\">a</div><script>b</script>",
            "<div title='<style>'>a</div><style>b</style>",
            "<div x=<script>a</div>",
            "<div =\"<script>\">a</div><script>s</script>",
            "<div a\"<script>b=c>d</div>",
            "<!-- <script> --><p>a</p><script>b</script>",
            "<!--> <script>x</script>",
            "<!---> <script>x</script>",
            "<!-- a --!> <script>x</script>",
            "<!-- a --!-> <script>x</script> -->",
            "<!-- a <!-- b --> <script>x</script>",
            "<!DOCTYPE html \"><script>\"><script>x</script>",
            "<![CDATA[<script>]]><script>x</script>",
            "<?php <script> ?><script>x</script>",
            "</ <script>x</script>",
            "</><script>x</script>",
            "</div <script>x</script>",
            "<title><script>x</script></title><script>y</script>",
            "<textarea><style>x</style></textarea><style>y</style>",
            "<xmp><script>x</script></xmp>",
            "<iframe><script>x</script></iframe><script>y</script>",
            "<noscript><style>x</style></noscript><style>y</style>",
            "<svg><style>a<b>c</style></svg><style>d</style>",
            "<svg><script>a<b>c</script></svg><script>d</script>",
            "<svg><title>t<style>x</style></title></svg><style>y</style>",
            "<svg><desc><script>x</script></desc></svg>",
            "<svg><foreignObject><style>x</style></foreignObject></svg><style>y</style>",
            "<svg><p><style>x</style></svg><style>y</style>",
            "<svg><font color=red><style>x</style></svg>",
            "<svg><![CDATA[<script>]]><style>x</style></svg><style>y</style>",
            "<div><svg></div><style>x</style>",
            "<svg><g></svg><style>x</style>",
            "<svg><svg></svg><style>x</style></svg><style>y</style>",
            "<svg/><style>x</style>",
            "<svg / ><style>x</style></svg><style>y</style>",
            "<math><mi><style>x</style></mi></math><style>y</style>",
            "<math><mtext>a</mtext><style>x</style></math><style>y</style>",
            "<math><annotation-xml encoding=text/html><style>x</style></annotation-xml></math>",
            "<svg></p><style>x</style>",
            "<table><style>x</style><tr><td><script>y</script></table>",
            "<select><style>x</style><option>o</select><style>y</style>",
            "<template><script>x</script><style>y</style></template><p>z",
            "<frameset><style>x</style></frameset>",
            // Text in MathML or SVG before a frameset keeps the body (frameset-ok is off).
            "<math>--></math><frameset>",
            "<svg>x</svg><style>y</style><frameset><frame></frameset>",
            "<svg><title>\"</svg><frameset>",
            "<svg><title>/</svg><frameset></xmp><textarea>",
            "<plaintext><script>x</script>",
            "<head><noscript><link rel=stylesheet href=x></noscript></head><body>b",
            "<p>a<script/>b</script>c",
            "a < b <c <script>x</script>",
            "<script>\r\n</script\r\n><p>z",
            "<style>é</style>é<script>ü</script>",
            "",
            "<",
            "</",
            "<!",
            "<!-",
            // A wrong turn would show as a dropped "x" inside the kept xmp text.
            "<svg><p><xmp></svg><script>x</script></xmp>q",
            "<svg><![CDATA[ > </svg><script>x</script>]]></svg>",
            "<div><svg></div><xmp></svg><script>x</script></xmp>",
            "<svg><title><xmp></svg><script>x</script></xmp>",
            "<svg><desc></desc><title></title><xmp></svg><script>x</script></xmp>",
            "<math><mi><xmp></math><script>x</script></xmp>",
            "<svg><font color=red><xmp></svg><script>x</script></xmp>",
            "<svg></p><xmp></svg><script>x</script></xmp>",
            "<svg><g><path></svg><script>x</script>",
            "<svg><g></svg><xmp></svg><script>x</script></xmp>",
            "<!-- a -- b <script>x</script> -->",
            "<!-- a --!- <script>x</script> -->",
            "<!----> <script>x</script>",
            "<!-----> <script>x</script>",
            "<!-- a ---!> <script>x</script>",
            "<a title='</a><script>x</script>'>z</a>",
            "<a title=\"></a><script>x</script>\">z</a>",
            "<a b=c'><script>x</script>",
            "<a/b='><script>x</script>'>",
            "<script><!--<script>--></script>x</script><xmp>y</xmp>",
            "<script><!--<script></script>--></script><xmp>y</xmp>",
            "<script><!--<script ></script ></script><xmp>y</xmp>",
            "<script><!-- --></script><xmp>y</xmp>",
            "<script><!--<SCRIPT/></SCRIPT></script>--><xmp>y</xmp>",
        ] {
            same_tree(html);
        }
    }

    #[test]
    fn same_tree_on_the_fixtures() {
        let dirs = [
            concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/ismg"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/generic"),
        ];
        for dir in dirs {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "html") {
                    let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                    assert!(strip(&html).len() < html.len(), "{}", path.display());
                    same_tree(&html);
                }
            }
        }
    }

    /// Every page of a directory of `.html` files (`PITH_PREFILTER_CORPUS=DIR cargo test
    /// prefilter -- --ignored`), e.g. the `html` folder of a benchmark set.
    #[test]
    #[ignore = "needs PITH_PREFILTER_CORPUS"]
    fn same_tree_on_a_corpus() {
        let dir = std::env::var("PITH_PREFILTER_CORPUS").expect("PITH_PREFILTER_CORPUS=DIR");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).unwrap();
                let html = crate::parse::decode::decode(&bytes, None).text;
                same_tree(&html);
                n += 1;
            }
        }
        assert!(n > 0);
    }

    /// Markup made of the pieces the filter has to get right.
    fn markup() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<script>",
            "</script>",
            "<script type=application/ld+json>",
            "<SCRIPT >",
            "</script ",
            "<style>",
            "</style>",
            "<noscript>",
            "</noscript>",
            "<!--",
            "-->",
            "--!>",
            "-",
            "--",
            "<!-->",
            "<!",
            "<![CDATA[",
            "]]>",
            "<svg>",
            "</svg>",
            "<svg/>",
            "<math>",
            "</math>",
            "<mi>",
            "</mi>",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<b>",
            "<g>",
            "</g>",
            "<foreignObject>",
            "<desc>",
            "<a href=\"",
            "<p data-x=1 class=c>",
            "<p CLASS=C Href=h>",
            "<div c=x class=y>",
            "<p/c=x>",
            "<span / s=1 style=2>",
            "<a class=a class=b href=c>",
            "<html lang=en class=h>",
            " role=main",
            " Title=t",
            "<a data-x",
            " data-y=",
            " class=",
            " id=i",
            "  \n ",
            "\r\n\t",
            "<pre>",
            "</pre>",
            "\"",
            "'",
            "=",
            ">",
            "<",
            "/",
            "</",
            " ",
            "\n",
            "x",
            "é",
            "<table>",
            "<td>",
            "<template>",
            "</template>",
            "<xmp>",
            "</xmp>",
            "<plaintext>",
            "<frameset>",
            "<?",
            "<!DOCTYPE html>",
            "<font color=red>",
            "</br>",
            "<br>",
            "<head class=h>",
            "<body class=b>",
            "</body>",
            "</html>",
            "<colgroup>",
            "<col>",
            "<link rel=x>",
            "<link rel=canonical href=c>",
            "<meta name=viewport>",
            "<meta name=author content=a>",
            // Whole constructs, and kept text that shows a wrong turn.
            "<script>x</script>",
            "<style>x</style>",
            "<svg><p>",
            "<svg><title>",
            "<div><svg></div>",
            "<!-- -- -->",
            "<xmp></svg><script>x</script></xmp>",
            "<xmp>--><script>x</script></xmp>",
            "<xmp>]]><script>x</script></xmp>",
            "<xmp>\"><script>x</script></xmp>",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn same_tree_on_generated_markup(html in markup()) {
            same_tree(&html);
        }
    }
}
