//! Text for a terminal: what pith writes to stderr often comes from someone else (a URL list,
//! a server's headers, a file name), and a terminal obeys control characters in it: an escape
//! sequence can retitle the window, clear the screen or move the cursor to overwrite earlier
//! lines, and a bidi override can make `txt.exe` read as `exe.txt`. [`escape`] makes every such
//! character visible instead.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every character a terminal would act on written as a visible escape: C0
/// controls (`\n`, `\t` and ESC included: a message is one line), DEL, C1 controls, and the
/// bidi formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
/// Borrowed unchanged when there is none, which is nearly always.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, needs_escape)
}

/// A whole document for a terminal (text or Markdown written to standard output when it is
/// one): the same characters as [`escape`] made visible, except line feed and tab, which lay
/// the document out. Borrowed unchanged when there is none.
pub fn escape_document(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && c != '\t' && needs_escape(c))
}

/// `text` with each character that `acts` holds for written as a visible escape: `\n`, `\r`
/// and `\t` by name, the others as `\xNN` below U+0100 and `\u{NNNN}` above. Borrowed
/// unchanged when there is none.
fn escape_where(text: &str, acts: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !acts(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal interprets rather than shows.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_lines_and_tabs() {
        assert!(matches!(escape_document("plain\ttext\nünïcode"), Cow::Borrowed(_)));
        assert_eq!(escape_document("a\u{202e}txt.exe\u{1b}[2J\u{9b}\r\n"), "a\\u{202e}txt.exe\\x1b[2J\\x9b\\r\n");
        // No escaped document still holds a character a terminal acts on, line feed and tab aside.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("x{c}y");
            let escaped = escape_document(&text);
            assert!(escaped.chars().all(|e| e == '\n' || e == '\t' || !needs_escape(e)), "{c:?} -> {escaped:?}");
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("pith: https://example.com/ü: HTTP 404"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        let title = "http://x/r404?\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\nAll 2000 URLs fetched OK";
        assert_eq!(escape(title), "http://x/r404?\\x1b]0;PWNED\\x07\\x1b[2J\\r\\nAll 2000 URLs fetched OK");
        assert_eq!(escape("text/html\u{9b}31m\u{85}"), "text/html\\x9b31m\\x85");
        assert_eq!(escape("a\u{202e}lmth.exe\u{2066}b\u{2069}\u{7f}"), "a\\u{202e}lmth.exe\\u{2066}b\\u{2069}\\x7f");
        assert_eq!(escape("tab\there"), "tab\\there");
        // No escaped output still holds a character that needs escaping.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(!escape(&s).chars().any(needs_escape), "{c:?}");
        }
    }
}
