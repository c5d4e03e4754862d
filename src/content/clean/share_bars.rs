//! Share bars and article-tool lines, by their links or their words.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::cleaner::{Cleaner, Protect};
use crate::article::RemovalKind;
use crate::dom::{self, DomNode, TextLens, Visit, Walk};
use crate::matching::Tokens;
use crate::parse::attributes::ReadAttr;

/// Hosts and paths of share links (`href` substrings): a short block whose links all point
/// here is a share bar, whatever its class names.
pub const SHARE_HREFS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "linkedin.com/share",
    "linkedin.com/sharing",
    "linkedin.com/cws/share",
    "reddit.com/submit",
    "pinterest.com/pin/create",
    "wa.me/",
    "api.whatsapp.com/send",
    "t.me/share",
    "telegram.me/share",
    "mailto:?",
    "addthis.com/bookmark",
    "news.ycombinator.com/submitlink",
    "getpocket.com/save",
    "bsky.app/intent",
    "threads.net/intent",
    "xing.com/spi/shares",
    "tumblr.com/share",
    "vk.com/share",
    "javascript:window.print",
    "plus.google.com/share",
    "?share=",
    "&share=",
];

/// Words of share and article-tool bars ("Print | Email | Share | Comments (2)").
pub const SHARE_WORDS: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "reddit",
    "whatsapp",
    "pinterest",
    "telegram",
    "pocket",
    "flipboard",
    "copy link",
    "copy",
    "link",
    "save",
    "like",
    "like this",
    "comments",
    "comment",
    "share via email",
    "share on x",
    "share on facebook",
    "share on linkedin",
    "share on twitter",
    "bluesky",
    "threads",
    "mastodon",
    "xing",
    "more",
];

static SHARE_LINK: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(SHARE_HREFS));

/// Takes out share bars and article-tool lines anywhere (by their links or words).
///
/// One walk: the link counts and characters of [`share_bar_by_counts`] are summed bottom-up (each `href` is tested
/// once, not once per short ancestor), and an element is decided when the walk leaves it.
/// The hits are the outermost elements that pass, in page order, as a walk that stops at
/// each hit finds them.
pub fn remove_share_bars(doc: &mut Html, root: NodeId, cleaner: &mut Cleaner, protect: Protect) {
    /// An open element: its links and share links so far, the number of hits when it was
    /// entered, and whether it may be a share bar at all.
    struct Open {
        links: usize,
        share_links: usize,
        hits_before: usize,
        candidate: bool,
        chars: ShareChars,
    }
    let Some(r) = doc.tree.get(root) else { return };
    let mut hits: Vec<NodeId> = Vec::new();
    let lens = cleaner.lens();
    let mut stack: Vec<Open> = Vec::new();
    // Depth of the non-text (or `head`) element the walk is in, when it is in one: nothing
    // inside is a candidate (a walk stopping there would not look), but links still count.
    let mut skipped_at: Option<usize> = None;
    dom::walk_events(r, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Element(e) => {
                let t = e.name();
                if skipped_at.is_none() && (dom::is_non_text_tag(t) || t == "head") {
                    skipped_at = Some(stack.len());
                }
                let (mut links, mut share_links) = (0, 0);
                if t == "a"
                    && let Some(h) = dom::attr(e, ReadAttr::Href)
                {
                    links = 1;
                    share_links = usize::from(SHARE_LINK.in_str(h));
                }
                let candidate = skipped_at.is_none() && n.id() != root && !matches!(t, "a" | "p");
                stack.push(Open { links, share_links, hits_before: hits.len(), candidate, chars: ShareChars::EMPTY });
                Walk::Descend
            }
            Node::Document => Walk::Descend,
            Node::Text(t) => {
                if skipped_at.is_none()
                    && let Some(top) = stack.last_mut()
                {
                    top.chars.add_text(t);
                }
                Walk::Skip
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if n.value().is_element()
                && let Some(o) = stack.pop()
            {
                if skipped_at == Some(stack.len()) {
                    skipped_at = None;
                }
                if let Some(parent) = stack.last_mut() {
                    parent.links += o.links;
                    parent.share_links += o.share_links;
                    // A non-text element's text never counted (nothing inside was added).
                    parent.chars.add(o.chars);
                }
                if o.candidate && share_bar_by_counts(n, lens, o.links, o.share_links, o.chars) {
                    hits.truncate(o.hits_before);
                    hits.push(n.id());
                }
            }
            Walk::Skip
        }
    });
    for id in hits {
        if !protect.forbids(doc, id) {
            cleaner.remove(doc, id, RemovalKind::Share, "share-bar");
        }
    }
}

/// Whether a short element is a share or article-tools bar, given the number of links (`a`
/// with `href`) and of share links in its subtree and what its text's characters can be: all
/// its links are share links, or its whole text is share words and separators.
fn share_bar_by_counts(n: DomNode<'_>, lens: &TextLens, links: usize, share_links: usize, words: ShareChars) -> bool {
    let len = lens.get(n);
    if len > 200 {
        return false;
    }
    if share_links >= 2 && share_links * 2 >= links {
        return true;
    }
    if len == 0 || !words.may_be_share_words() {
        return false;
    }
    // Text made only of share words, counts and separators.
    let text = dom::text(n).to_lowercase();
    let words: Vec<&str> = text.split(is_share_splitter).map(str::trim).filter(|w| !w.is_empty()).collect();
    words.len() >= 2 && words.iter().all(|w| SHARE_WORDS.contains(w))
}

/// What the characters of an element's text (outside non-text elements) can be in share
/// words: a cheap test that must pass for the word test of [`share_bar_by_counts`] to pass,
/// without building the text. Summed bottom-up over a walk.
#[derive(Clone, Copy)]
struct ShareChars {
    /// Every character can be in share words (see [`share_char`]).
    possible: bool,
    /// One splits words (two words are needed).
    split: bool,
}

impl ShareChars {
    const EMPTY: ShareChars = ShareChars { possible: true, split: false };

    fn may_be_share_words(self) -> bool {
        self.possible && self.split
    }

    /// Adds a text's characters (reading no further than the first that cannot be). ASCII
    /// bytes are looked up in [`ASCII_SHARE_CHARS`]; other characters go to [`share_char`].
    fn add_text(&mut self, t: &str) {
        if !self.possible {
            return;
        }
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                match ASCII_SHARE_CHARS[usize::from(c)] {
                    ShareClass::Word => {}
                    ShareClass::Split => self.split = true,
                    ShareClass::Never => {
                        self.possible = false;
                        return;
                    }
                }
                i += 1;
                continue;
            }
            let Some(ch) = t[i..].chars().next() else { return };
            match share_char(ch) {
                Some(s) => self.split |= s,
                None => {
                    self.possible = false;
                    return;
                }
            }
            i += ch.len_utf8();
        }
    }

    fn add(&mut self, child: ShareChars) {
        self.possible &= child.possible;
        self.split |= child.split;
    }
}

/// What an ASCII character can be in a share bar's text ([`share_char`] as a table).
#[derive(Clone, Copy, PartialEq, Debug)]
enum ShareClass {
    Word,
    Split,
    Never,
}

/// [`share_char`] of each ASCII character.
static ASCII_SHARE_CHARS: LazyLock<[ShareClass; 128]> = LazyLock::new(|| {
    std::array::from_fn(|c| match share_char(char::from(c as u8)) {
        Some(false) => ShareClass::Word,
        Some(true) => ShareClass::Split,
        None => ShareClass::Never,
    })
});

/// What splits a share bar's text into words: separators and digits (counts).
fn is_share_splitter(c: char) -> bool {
    matches!(c, '|' | '•' | '·' | ',' | '/' | ':' | '(' | ')') || c.is_ascii_digit()
}

/// What a character of a page's raw text can be in a share bar's words: `None` when its
/// NFC lower-case form has a character outside share words, splitters and white space (the
/// text is then no share bar), else whether it splits words (U+0387 GREEK ANO TELEIA is
/// U+00B7 in NFC, U+212A KELVIN SIGN lower-cases to `k`).
fn share_char(c: char) -> Option<bool> {
    match c {
        'a'..='z' | 'A'..='Z' | '-' | '\u{212a}' => Some(false),
        '\u{387}' => Some(true),
        c if is_share_splitter(c) => Some(true),
        c if c.is_whitespace() => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    #[test]
    fn share_chars_read_bytes_as_share_char_reads_characters() {
        for t in [
            "",
            "Share",
            "Tweet | Share",
            "Facebook 12",
            "Share this.",
            "Teilen · Twittern",
            "a\u{212a}b",
            "Ça va",
            "x\u{387}y",
            "é",
            "one-two\n three",
        ] {
            let mut fast = ShareChars::EMPTY;
            fast.add_text(t);
            let mut slow = ShareChars::EMPTY;
            for c in t.chars() {
                match share_char(c) {
                    Some(split) => slow.split |= split,
                    None => {
                        slow.possible = false;
                        break;
                    }
                }
            }
            assert_eq!((fast.possible, fast.split), (slow.possible, slow.split), "{t:?}");
        }
    }

    #[test]
    fn share_char_says_what_the_word_test_sees() {
        let in_words = |x: char| x.is_ascii_lowercase() || x == ' ' || x == '-';
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let seen: String = c.to_string().nfc().collect::<String>().to_lowercase();
            let foreign = seen.chars().any(|x| !(in_words(x) || is_share_splitter(x) || x.is_whitespace()));
            let splits = seen.chars().any(is_share_splitter);
            match share_char(c) {
                None => assert!(foreign, "{:x}", c as u32),
                Some(false) => assert!(!foreign && !splits, "{:x}", c as u32),
                Some(true) => assert!(!foreign && splits, "{:x}", c as u32),
            }
        }
    }

    #[test]
    fn share_bars_by_words_and_links() {
        // Each case beside a paragraph of prose (the page itself is no bar); whether the walk
        // takes the case out.
        let bar = |case: &str| {
            let prose = "The council voted to rebuild the harbour wall before the storms. ".repeat(4);
            let mut doc = Html::parse_document(&format!("<p>{prose}</p>{case}"));
            let sel = scraper::Selector::parse("#x").unwrap();
            let x = doc.select(&sel).next().unwrap().id();
            let mut cleaner = Cleaner::new(&doc, false);
            let root = doc.tree.root().id();
            remove_share_bars(&mut doc, root, &mut cleaner, Protect { headline: None, root: None });
            !dom::is_attached(&doc, x)
        };
        assert!(bar("<div id=x>Share | Tweet | Email (3)</div>"));
        assert!(!bar("<div id=x>Share this</div>"));
        assert!(!bar("<div id=x>Print, E-mail, More.</div>"));
        assert!(bar(
            "<div id=x><a href='https://twitter.com/intent/tweet?u=1'></a><a href='https://www.FACEBOOK.com/sharer/x'></a></div>"
        ));
    }
}
