//! A tokenizer for the markup pages are mostly made of, in front of html5ever's tree builder:
//! it gives the tree builder the very tokens html5ever's own tokenizer gives it, cut into the
//! same pieces, a byte run at a time instead of a character at a time.
//!
//! html5ever's tokenizer reads tag and attribute names one character at a time, through its
//! input queue, at a few hundred instructions a character; it was a third of pith's work on a
//! page. This one reads the data state, start and end tags with their attributes, character
//! references and comments from the bytes. For everything else it hands the input to
//! html5ever's tokenizer, set to the state html5ever's own would be in:
//!
//! - the text of raw text and RCDATA elements (`title`, `style`, `textarea`, `script`, …), up
//!   to their end tag, and doctypes: that span alone, then this tokenizer goes on;
//! - anything rarer (bogus comments, CDATA sections, `<plaintext>`, an end tag of a raw text
//!   element with attributes, a script holding `<!--`, the end of the input inside a token):
//!   the rest of the page;
//! - a page holding a NUL character, or a byte order mark after its first character
//!   (html5ever drops one wherever it starts the input of a feed: a chunk, or what is left
//!   after a script's end): the whole page.
//!
//! Carriage returns are read as html5ever reads them: as line feeds, a line feed right after
//! one dropped (in text, the carriage return is given alone and so is the character after
//! it, which html5ever reads on its slow path).
//!
//! The pieces matter: the tree sink leaves out a white-space-only text next to a block, so
//! "\n" given alone can be left out where "\nword" is kept. html5ever gives a text run up to
//! the next `<`, `&` (or the end of its input buffer: the parser's chunk, or the characters a
//! character reference pushed back), a line feed that starts a run alone, and each character
//! a character reference yields alone; so does this tokenizer. Parse errors are given only
//! before text, where one can change the tree (see `Fast::error`). `tests` compares the token
//! streams and trees of both tokenizers on the fixtures, on edge cases and on generated markup
//! cut into chunks of every size.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, CommentToken, EOFToken, ParseError, Tag, TagKind, TagToken, Token, TokenSink,
    TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, ns};
use memchr::{memchr, memchr2, memchr3, memmem};

/// The page cut into the pieces the parser is given one at a time (the limits are checked
/// in between), each as html5ever's input buffer holds it.
pub(crate) struct Chunks<'a> {
    text: &'a str,
    /// Where each piece ends (the last is the end of the text).
    ends: Vec<usize>,
    tendrils: Vec<StrTendril>,
}

impl<'a> Chunks<'a> {
    /// `text` cut after every `size` bytes (moved forward to the next character boundary).
    pub(crate) fn new(text: &'a str, size: usize) -> Chunks<'a> {
        let mut ends = Vec::new();
        let mut tendrils = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut cut = (start + size).min(text.len());
            while !text.is_char_boundary(cut) {
                cut += 1;
            }
            ends.push(cut);
            tendrils.push(StrTendril::from_slice(&text[start..cut]));
            start = cut;
        }
        Chunks { text, ends, tendrils }
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The piece holding byte `at` (the last piece for the end of the text).
    fn index(&self, at: usize) -> usize {
        self.ends.partition_point(|&end| end <= at).min(self.ends.len().saturating_sub(1))
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1] }
    }

    /// Bytes `from..to` as a tendril: a shared slice of the piece's buffer when they lie in one
    /// piece (as html5ever's text runs are), else a copy.
    fn tendril(&self, from: usize, to: usize) -> StrTendril {
        let i = self.index(from);
        if to <= self.ends[i] {
            let start = self.start(i);
            // In bounds and on character boundaries: `from..to` lies in piece `i`, and the
            // callers cut only before ASCII bytes or at piece ends.
            self.tendrils[i].subtendril((from - start) as u32, (to - from) as u32)
        } else {
            StrTendril::from_slice(&self.text[from..to])
        }
    }
}

/// Forwards html5ever's tokenizer's tokens to the sink this tokenizer feeds.
struct Forward<'a, S>(&'a S);

impl<S: TokenSink> TokenSink for Forward<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        self.0.process_token(token, line_number)
    }

    fn end(&self) {
        self.0.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Where this tokenizer gives the rest of the input to html5ever's, and in which state.
struct HandOff {
    at: usize,
    state: State,
    last_start_tag: Option<LocalName>,
}

impl HandOff {
    fn data(at: usize) -> HandOff {
        HandOff { at, state: State::Data, last_start_tag: None }
    }
}

/// A character reference as html5ever's tokenizer reads it: the characters it stands for
/// (none: a literal `&`), where reading goes on, and how far it read (html5ever pushes what
/// it read past `resume` back into its input, as a buffer of its own).
struct CharRef {
    chars: [char; 2],
    len: u8,
    resume: usize,
    read_to: usize,
    /// The parse errors html5ever reports on it (see [`Fast::error`]).
    errors: u8,
}

/// Tokenizes `chunks` into `sink` as html5ever's tokenizer does (`Tokenizer::new(sink,
/// Default::default())` fed the chunks one by one, then ended), calling `between` after each
/// chunk (the parse's limits; an error stops the parse).
pub(crate) fn tokenize<S: TokenSink, E>(
    sink: &S,
    chunks: &Chunks<'_>,
    between: &mut dyn FnMut() -> Result<(), E>,
) -> Result<(), E> {
    let text = chunks.text;
    let bytes = text.as_bytes();
    // html5ever drops a byte order mark wherever it starts the input of a feed: a chunk, or
    // what is left after a script's end or an encoding declaration paused it.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let later_bom = memmem::find(&bytes[start..], "\u{feff}".as_bytes()).is_some();
    if memchr(b'\0', bytes).is_some() || later_bom {
        return hand_off(sink, chunks, 0, 0, HandOff::data(0), between);
    }
    let mut fast = Fast { sink, chunks, text, b: bytes, pos: start, pushed_back_end: 0, checked: 0 };
    match fast.run(between)? {
        None => {
            let _ = sink.process_token(EOFToken, 1);
            sink.end();
            Ok(())
        }
        Some(h) => {
            let (pushed_back_end, checked) = (fast.pushed_back_end, fast.checked);
            hand_off(sink, chunks, pushed_back_end, checked, h, between)
        }
    }
}

/// html5ever's tokenizer from `h.at` to the end, fed as the parser would have fed it from
/// there: what is left of its input queue (the characters a character reference pushed
/// back, up to `pushed_back_end`, and the rest of the current chunk), then each later chunk;
/// `checked` chunks have had their `between` call. Ends the input.
fn hand_off<S: TokenSink, E>(
    sink: &S,
    chunks: &Chunks<'_>,
    pushed_back_end: usize,
    checked: usize,
    h: HandOff,
    between: &mut dyn FnMut() -> Result<(), E>,
) -> Result<(), E> {
    let opts = TokenizerOpts {
        initial_state: Some(h.state),
        last_start_tag_name: h.last_start_tag.map(|n| n.to_string()),
        ..TokenizerOpts::default()
    };
    let tokenizer = Tokenizer::new(Forward(sink), opts);
    let queue = BufferQueue::default();
    let text_len = chunks.text.len();
    let mut at = h.at;
    if at < pushed_back_end {
        queue.push_back(chunks.tendril(at, pushed_back_end));
        at = pushed_back_end;
    }
    let mut i = chunks.index(at.min(text_len.saturating_sub(1)));
    if at < text_len {
        queue.push_back(chunks.tendril(at, chunks.ends[i]));
    }
    feed(&tokenizer, &queue);
    let mut checked = checked;
    while i < chunks.len() {
        if checked <= i {
            between()?;
            checked = i + 1;
        }
        i += 1;
        if i < chunks.len() {
            queue.push_back(chunks.tendrils[i].clone());
            feed(&tokenizer, &queue);
        }
    }
    tokenizer.end();
    Ok(())
}

/// Runs html5ever's tokenizer over its queue, as the parser does (a finished `<script>` and
/// an encoding declaration only pause it).
fn feed<S: TokenSink>(tokenizer: &Tokenizer<S>, queue: &BufferQueue) {
    while !matches!(tokenizer.feed(queue), TokenizerResult::Done) {}
}

/// White space in tags (a carriage return is read as a line feed).
fn is_tag_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b' ' | b'\r')
}

/// Text as html5ever's input preprocessing leaves it: each carriage return, and a line feed
/// right after it, one line feed.
fn without_carriage_returns(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr(b'\r', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

struct Fast<'a, S> {
    sink: &'a S,
    chunks: &'a Chunks<'a>,
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// The end of the characters html5ever would have pushed back into its input after a
    /// character reference: a text run does not go past it (nor past a chunk's end before it).
    pushed_back_end: usize,
    /// Chunks whose `between` call was made.
    checked: usize,
}

impl<S: TokenSink> Fast<'_, S> {
    fn run<E>(&mut self, between: &mut dyn FnMut() -> Result<(), E>) -> Result<Option<HandOff>, E> {
        loop {
            while self.checked < self.chunks.len() && self.chunks.ends[self.checked] <= self.pos {
                // The last chunk's call comes at the end of the input, as the parser's does.
                if self.chunks.ends[self.checked] < self.b.len() || self.pos == self.b.len() {
                    between()?;
                    self.checked += 1;
                } else {
                    break;
                }
            }
            let Some(&c) = self.b.get(self.pos) else {
                return Ok(None);
            };
            let flow = match c {
                b'<' => self.markup(),
                b'&' => self.data_char_ref(),
                b'\n' => {
                    self.emit_text(self.pos, self.pos + 1);
                    self.pos += 1;
                    None
                }
                b'\r' => {
                    self.carriage_return();
                    None
                }
                _ => {
                    self.text_run();
                    None
                }
            };
            if let Some(h) = flow {
                return Ok(Some(h));
            }
        }
    }

    fn emit(&self, token: Token) -> TokenSinkResult<S::Handle> {
        self.sink.process_token(token, 1)
    }

    fn emit_text(&self, from: usize, to: usize) {
        let _ = self.emit(CharacterTokens(self.chunks.tendril(from, to)));
    }

    /// A parse error. Nothing reads them, but the tree builder takes its flag to drop the line
    /// feed after `<pre>`, `<listing>` or `<textarea>` on any token, errors too: where an
    /// error comes between the start tag and a line feed, the line feed stays. So they are
    /// given where html5ever gives them before text (not those inside tags, which a tag
    /// token follows).
    fn error(&self) {
        let _ = self.emit(ParseError(std::borrow::Cow::Borrowed("parse error")));
    }

    fn emit_char(&self, c: char) {
        let _ = self.emit(CharacterTokens(StrTendril::from_char(c)));
    }

    /// Text up to the next `<` or `&`, or the end of the input buffer html5ever holds it in.
    fn text_run(&mut self) {
        let from = self.pos;
        let buffer_end =
            if from < self.pushed_back_end { self.pushed_back_end } else { self.chunks.ends[self.chunks.index(from)] };
        let to = memchr3(b'<', b'&', b'\r', &self.b[from..buffer_end]).map_or(buffer_end, |i| from + i);
        self.emit_text(from, to);
        self.pos = to;
    }

    /// A carriage return in text: a line feed, alone; a line feed right after it is dropped,
    /// and the character after that comes alone too (unless it starts something).
    fn carriage_return(&mut self) {
        self.emit_char('\n');
        self.pos += 1;
        if self.b.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            if self.chunks.ends[self.chunks.index(self.pos - 1)] == self.pos {
                // The line feed ended html5ever's input: it reads on afresh.
                return;
            }
        }
        if let Some(c) = self.text[self.pos..].chars().next().filter(|c| !matches!(c, '<' | '&' | '\r')) {
            self.emit_char(c);
            self.pos += c.len_utf8();
        }
    }

    /// A character reference in text: its characters, each alone.
    fn data_char_ref(&mut self) -> Option<HandOff> {
        let Some(r) = self.char_ref(self.pos, false) else {
            return Some(HandOff::data(self.pos));
        };
        for _ in 0..r.errors {
            self.error();
        }
        if r.len == 0 {
            self.emit_char('&');
        }
        for &c in &r.chars[..usize::from(r.len)] {
            self.emit_char(c);
        }
        self.pos = r.resume;
        if r.read_to > r.resume {
            self.pushed_back_end = r.read_to;
        }
        None
    }

    /// The character reference at `amp` (an `&`), read as html5ever's character reference
    /// tokenizer reads it; `None` when the input ends inside it.
    fn char_ref(&self, amp: usize, in_attribute: bool) -> Option<CharRef> {
        let (b, text) = (self.b, self.text);
        let p = amp + 1;
        let literal = |read_to, errors| Some(CharRef { chars: ['\0'; 2], len: 0, resume: p, read_to, errors });
        let first = *b.get(p)?;
        if first.is_ascii_alphanumeric() {
            // The longest name the table holds, read while the name so far is a prefix of one.
            let mut q = p;
            let mut matched: Option<((u32, u32), usize)> = None;
            let end_char = loop {
                let c = text[q..].chars().next()?;
                q += c.len_utf8();
                match NAMED_ENTITIES.get(&text[p..q]) {
                    Some(&m) => {
                        if m.0 != 0 {
                            matched = Some((m, q - p));
                        }
                    }
                    None => break c,
                }
            };
            let Some(((c1, c2), len)) = matched else {
                let mut end_char = end_char;
                let named_error = if end_char.is_ascii_alphanumeric() {
                    // A bogus name: read to its end, and one character past it.
                    loop {
                        let c = text[q..].chars().next()?;
                        q += c.len_utf8();
                        if !c.is_ascii_alphanumeric() {
                            end_char = c;
                            break;
                        }
                    }
                    end_char == ';'
                } else {
                    end_char == ';' && q - p > 2
                };
                return literal(q, u8::from(named_error));
            };
            let last_matched = b[p + len - 1];
            let next_after = text[p + len..q].chars().next();
            let not_a_reference = in_attribute
                && last_matched != b';'
                && next_after.is_some_and(|c| c == '=' || c.is_ascii_alphanumeric());
            if not_a_reference {
                return literal(q, 0);
            }
            let chars = [char::from_u32(c1)?, char::from_u32(c2)?];
            let errors = u8::from(last_matched != b';');
            Some(CharRef { chars, len: if c2 == 0 { 1 } else { 2 }, resume: p + len, read_to: q, errors })
        } else if first == b'#' {
            let mut q = p + 1;
            let base = match *b.get(q)? {
                b'x' | b'X' => {
                    q += 1;
                    16
                }
                _ => 10,
            };
            let marker_end = q;
            let (mut num, mut too_big, mut seen_digit) = (0u32, false, false);
            while let Some(n) = (*b.get(q)? as char).to_digit(base) {
                num = num.wrapping_mul(base);
                if num > 0x10FFFF {
                    too_big = true;
                }
                num = num.wrapping_add(n);
                seen_digit = true;
                q += 1;
            }
            if !seen_digit {
                // `#` (and the `x`) go back into the input.
                return literal(marker_end, 1);
            }
            let mut errors = 0;
            if *b.get(q)? == b';' {
                q += 1;
            } else {
                errors += 1;
            }
            let (c, invalid) = match num {
                n if n > 0x10FFFF || too_big => ('\u{fffd}', true),
                0x00 | 0xD800..=0xDFFF => ('\u{fffd}', true),
                0x80..=0x9F => (C1_REPLACEMENTS[(num - 0x80) as usize].or_else(|| char::from_u32(num))?, true),
                0x01..=0x08 | 0x0B | 0x0D..=0x1F | 0x7F | 0xFDD0..=0xFDEF => (char::from_u32(num)?, true),
                n if (n & 0xFFFE) == 0xFFFE => (char::from_u32(n)?, true),
                n => (char::from_u32(n)?, false),
            };
            errors += u8::from(invalid);
            Some(CharRef { chars: [c, '\0'], len: 1, resume: q, read_to: q, errors })
        } else {
            literal(p, 0)
        }
    }

    /// What starts at a `<`.
    fn markup(&mut self) -> Option<HandOff> {
        let start = self.pos;
        let b = self.b;
        let Some(&c) = b.get(start + 1) else {
            return Some(HandOff::data(start));
        };
        match c {
            b'!' => self.declaration(start),
            b'/' => match b.get(start + 2) {
                Some(l) if l.is_ascii_alphabetic() => self.tag(start, TagKind::EndTag, start + 2),
                // `</>`: nothing but an error.
                Some(b'>') => {
                    self.error();
                    self.pos = start + 3;
                    None
                }
                _ => Some(HandOff::data(start)),
            },
            l if l.is_ascii_alphabetic() => self.tag(start, TagKind::StartTag, start + 1),
            b'?' => Some(HandOff::data(start)),
            _ => {
                // A `<` that starts nothing is text, and so is the character after it, alone
                // (html5ever reconsumes it), unless it starts something itself.
                self.error();
                self.emit_char('<');
                self.pos = start + 1;
                let next = self.text[self.pos..].chars().next();
                if let Some(next) = next.filter(|c| !matches!(c, '<' | '&' | '\r')) {
                    self.emit_char(next);
                    self.pos += next.len_utf8();
                }
                None
            }
        }
    }

    /// `<!`: a comment, a doctype (html5ever's), or something rarer (the rest to html5ever).
    fn declaration(&mut self, start: usize) -> Option<HandOff> {
        let b = self.b;
        let rest = &b[start + 2..];
        if rest.starts_with(b"--") {
            let content = start + 4;
            let tail = &b[content..];
            let (data, end) = if tail.starts_with(b">") {
                (content..content, content + 1)
            } else if tail.starts_with(b"->") {
                (content..content, content + 2)
            } else {
                // The first `-->` or `--!>`.
                let mut at = 0;
                let (i, len) = loop {
                    let Some(dash) = memchr(b'-', &tail[at..]) else { return Some(HandOff::data(start)) };
                    let i = at + dash;
                    if tail[i..].starts_with(b"-->") {
                        break (i, 3);
                    }
                    if tail[i..].starts_with(b"--!>") {
                        break (i, 4);
                    }
                    at = i + 1;
                };
                (content..content + i, content + i + len)
            };
            let _ = self.emit(CommentToken(StrTendril::from_slice(&without_carriage_returns(&self.text[data]))));
            self.pos = end;
            return None;
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            let Some(gt) = memchr(b'>', rest) else {
                return Some(HandOff::data(start));
            };
            let end = start + 2 + gt + 1;
            self.span_to_html5ever(start, end, State::Data, None);
            self.pos = end;
            return None;
        }
        Some(HandOff::data(start))
    }

    /// Bytes `from..to`, a whole number of tokens ending in the data state, tokenized by
    /// html5ever's tokenizer started in `state`, fed as the parser feeds it (a chunk at a
    /// time).
    fn span_to_html5ever(&self, from: usize, to: usize, state: State, last_start_tag: Option<LocalName>) {
        let opts = TokenizerOpts {
            initial_state: Some(state),
            last_start_tag_name: last_start_tag.map(|n| n.to_string()),
            discard_bom: false,
            ..TokenizerOpts::default()
        };
        let tokenizer = Tokenizer::new(Forward(self.sink), opts);
        let queue = BufferQueue::default();
        let mut at = from;
        while at < to {
            let end = self.chunks.ends[self.chunks.index(at)].min(to);
            queue.push_back(self.chunks.tendril(at, end));
            feed(&tokenizer, &queue);
            at = end;
        }
    }

    /// A start or end tag whose name starts at `name_start`.
    fn tag(&mut self, start: usize, kind: TagKind, name_start: usize) -> Option<HandOff> {
        #[derive(Clone, Copy)]
        enum St {
            BeforeName,
            Name,
            AfterName,
            BeforeValue,
            AfterQuoted,
            SelfClosing,
        }
        let (b, text) = (self.b, self.text);
        let n = b.len();
        let mut p = name_start;
        while p < n && !(is_tag_space(b[p]) || matches!(b[p], b'/' | b'>')) {
            p += 1;
        }
        if p == n {
            return Some(HandOff::data(start));
        }
        let name = LocalName::from(&*lower(&text[name_start..p]));
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut had_duplicate_attributes = false;
        let mut self_closing = false;
        // The attribute being read: its name's span.
        let mut attr: Option<(usize, usize)> = None;
        let mut finish = |attr: &mut Option<(usize, usize)>, value: StrTendril| {
            if let Some((from, to)) = attr.take() {
                let local = LocalName::from(&*lower(&text[from..to]));
                if attrs.iter().any(|a| a.name.local == local) {
                    had_duplicate_attributes = true;
                } else {
                    attrs.push(Attribute { name: QualName::new(None, ns!(), local), value });
                }
            }
        };
        let mut st = match b[p] {
            b'/' => St::SelfClosing,
            b'>' => {
                p += 1;
                return self.emit_tag(kind, name, attrs, false, false, p);
            }
            _ => St::BeforeName,
        };
        p += 1;
        loop {
            let Some(&c) = b.get(p) else {
                return Some(HandOff::data(start));
            };
            match st {
                St::BeforeName | St::AfterName => match c {
                    c if is_tag_space(c) => p += 1,
                    b'/' => {
                        finish(&mut attr, StrTendril::new());
                        st = St::SelfClosing;
                        p += 1;
                    }
                    b'>' => {
                        finish(&mut attr, StrTendril::new());
                        p += 1;
                        break;
                    }
                    b'=' if matches!(st, St::AfterName) => {
                        st = St::BeforeValue;
                        p += 1;
                    }
                    _ => {
                        finish(&mut attr, StrTendril::new());
                        // The first character is the name's, whatever it is (`=` too).
                        let len = text[p..].chars().next().map_or(1, char::len_utf8);
                        attr = Some((p, p + len));
                        p += len;
                        st = St::Name;
                    }
                },
                St::Name => match c {
                    c if is_tag_space(c) => {
                        st = St::AfterName;
                        p += 1;
                    }
                    b'/' => {
                        finish(&mut attr, StrTendril::new());
                        st = St::SelfClosing;
                        p += 1;
                    }
                    b'>' => {
                        finish(&mut attr, StrTendril::new());
                        p += 1;
                        break;
                    }
                    b'=' => {
                        st = St::BeforeValue;
                        p += 1;
                    }
                    _ => {
                        p += 1;
                        if let Some((_, to)) = attr.as_mut() {
                            *to = p;
                        }
                    }
                },
                St::BeforeValue => match c {
                    c if is_tag_space(c) => p += 1,
                    b'"' | b'\'' => {
                        let Some((value, end)) = self.attribute_value(p + 1, Some(c)) else {
                            return Some(HandOff::data(start));
                        };
                        finish(&mut attr, value);
                        p = end + 1;
                        st = St::AfterQuoted;
                    }
                    b'>' => {
                        finish(&mut attr, StrTendril::new());
                        p += 1;
                        break;
                    }
                    _ => {
                        let Some((value, end)) = self.attribute_value(p, None) else {
                            return Some(HandOff::data(start));
                        };
                        finish(&mut attr, value);
                        p = end + 1;
                        if b[end] == b'>' {
                            break;
                        }
                        st = St::BeforeName;
                    }
                },
                St::AfterQuoted => match c {
                    c if is_tag_space(c) => {
                        st = St::BeforeName;
                        p += 1;
                    }
                    b'/' => {
                        st = St::SelfClosing;
                        p += 1;
                    }
                    b'>' => {
                        p += 1;
                        break;
                    }
                    _ => st = St::BeforeName,
                },
                St::SelfClosing => match c {
                    b'>' => {
                        self_closing = true;
                        p += 1;
                        break;
                    }
                    _ => st = St::BeforeName,
                },
            }
        }
        self.emit_tag(kind, name, attrs, self_closing, had_duplicate_attributes, p)
    }

    /// An attribute value from `from`: quoted by `quote`, or unquoted (ended by white space
    /// or `>`). The value and where it ends (its closing quote, or the white space or `>`
    /// after it); `None` when the input ends inside it.
    fn attribute_value(&self, from: usize, quote: Option<u8>) -> Option<(StrTendril, usize)> {
        let b = self.b;
        let mut out: Option<String> = None;
        let mut p = from;
        loop {
            let stop = match quote {
                Some(q) => memchr2(q, b'&', &b[p..]).map(|i| p + i),
                None => b[p..].iter().position(|&c| is_tag_space(c) || c == b'&' || c == b'>').map(|i| p + i),
            };
            let stop = stop?;
            if b[stop] != b'&' {
                let value = match out {
                    None => StrTendril::from_slice(&without_carriage_returns(&self.text[from..stop])),
                    Some(mut s) => {
                        s.push_str(&without_carriage_returns(&self.text[p..stop]));
                        StrTendril::from_slice(&s)
                    }
                };
                return Some((value, stop));
            }
            let s = out.get_or_insert_with(String::new);
            s.push_str(&without_carriage_returns(&self.text[p..stop]));
            let r = self.char_ref(stop, true)?;
            if r.len == 0 {
                s.push('&');
            }
            s.extend(&r.chars[..usize::from(r.len)]);
            p = r.resume;
        }
    }

    /// Gives the tree builder a tag that ends before `end`, and follows what it says of the
    /// text after it.
    #[allow(clippy::too_many_arguments)]
    fn emit_tag(
        &mut self,
        kind: TagKind,
        name: LocalName,
        attrs: Vec<Attribute>,
        self_closing: bool,
        had_duplicate_attributes: bool,
        end: usize,
    ) -> Option<HandOff> {
        let tag = Tag { kind, name: name.clone(), self_closing, attrs, had_duplicate_attributes };
        self.pos = end;
        match self.emit(TagToken(tag)) {
            TokenSinkResult::RawData(raw) if kind == TagKind::StartTag => self.raw_text(raw, name),
            TokenSinkResult::Plaintext => {
                Some(HandOff { at: end, state: State::Plaintext, last_start_tag: Some(name) })
            }
            _ => None,
        }
    }

    /// The text of a raw text, RCDATA or script element that starts at `self.pos`, with its end
    /// tag, to html5ever's tokenizer: up to the first end tag of its name when that is a plain
    /// `</name>` (and a script holds no `<!--`, where its escape states start); else the rest.
    fn raw_text(&mut self, raw: RawKind, name: LocalName) -> Option<HandOff> {
        let from = self.pos;
        let b = self.b;
        let rest = HandOff { at: from, state: State::RawData(raw), last_start_tag: Some(name.clone()) };
        let mut at = from;
        let end_tag = loop {
            let Some(i) = memchr(b'<', &b[at..]) else { return Some(rest) };
            let lt = at + i;
            if b.get(lt + 1) != Some(&b'/') {
                at = lt + 1;
                continue;
            }
            let after = lt + 2 + name.len();
            let is_end_tag = b.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && b.get(after).is_some_and(|&c| is_tag_space(c) || c == b'/' || c == b'>');
            if is_end_tag {
                break lt;
            }
            at = lt + 2;
        };
        let close = end_tag + 2 + name.len();
        if b[close] != b'>' {
            return Some(rest);
        }
        if matches!(raw, RawKind::ScriptData) && memmem::find(&b[from..end_tag], b"<!--").is_some() {
            return Some(rest);
        }
        self.span_to_html5ever(from, close + 1, State::RawData(raw), Some(name));
        self.pos = close + 1;
        None
    }
}

/// `name` with ASCII upper-case letters lowered (borrowed when it has none).
fn lower(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(name.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::fmt::Write as _;

    use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
    use proptest::prelude::*;
    use scraper::{Html, HtmlTreeSink};

    use super::*;
    use crate::parse::prefilter;

    /// A sink that writes down the tokens it is given (parse errors left out) and passes them
    /// on to a tree builder, whose answers steer the tokenizer.
    struct Recorder<S> {
        inner: S,
        log: RefCell<String>,
    }

    impl<S: TokenSink> TokenSink for Recorder<S> {
        type Handle = S::Handle;

        fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
            let line = match &token {
                ParseError(_) => "E".to_string(),
                CharacterTokens(t) => format!("T {:?}", &**t),
                CommentToken(t) => format!("C {:?}", &**t),
                TagToken(t) => {
                    let attrs: Vec<(String, String)> =
                        t.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                    format!("{:?} {} {} {} {attrs:?}", t.kind, t.name, t.self_closing, t.had_duplicate_attributes)
                }
                other => format!("{other:?}"),
            };
            let _ = writeln!(self.log.borrow_mut(), "{line}");
            self.inner.process_token(token, line_number)
        }

        fn end(&self) {
            self.log.borrow_mut().push_str("end\n");
            self.inner.end();
        }

        fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
            self.inner.adjusted_current_node_present_but_not_in_html_namespace()
        }
    }

    fn recorder() -> Recorder<TreeBuilder<ego_tree::NodeId, HtmlTreeSink>> {
        Recorder {
            inner: TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default()),
            log: RefCell::new(String::new()),
        }
    }

    /// The tokens html5ever's own tokenizer gives, fed `chunks` as the parser feeds them, and
    /// the tree they build.
    fn html5evers(chunks: &Chunks<'_>) -> (String, String) {
        let tokenizer = Tokenizer::new(recorder(), TokenizerOpts::default());
        let queue = BufferQueue::default();
        for t in &chunks.tendrils {
            queue.push_back(t.clone());
            feed(&tokenizer, &queue);
        }
        tokenizer.end();
        let log = tokenizer.sink.log.take();
        (log, tree(tokenizer.sink.inner.sink.finish()))
    }

    fn ours(chunks: &Chunks<'_>) -> (String, String) {
        let sink = recorder();
        let done: Result<(), ()> = tokenize(&sink, chunks, &mut || Ok(()));
        assert!(done.is_ok());
        let log = sink.log.take();
        (log, tree(sink.inner.sink.finish()))
    }

    /// The log with the parse errors that cannot change the tree left out: all but those
    /// right before a text that starts with a line feed (see [`Fast::error`]), and repeats.
    fn mattering(log: &str) -> String {
        let lines: Vec<&str> = log.lines().collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            if *line == "E" {
                let next = lines[i + 1..].iter().find(|l| **l != "E");
                if lines.get(i + 1) == Some(&"E") || !next.is_some_and(|l| l.starts_with("T \"\\n")) {
                    continue;
                }
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    fn tree(doc: Html) -> String {
        format!("{:?}", doc.tree)
    }

    /// Both tokenizers give the same tokens, in the same pieces, for `text` cut every `size`
    /// bytes.
    fn same_tokens(text: &str, size: usize) {
        let chunks = Chunks::new(text, size);
        let (expected, expected_tree) = html5evers(&chunks);
        let (got, got_tree) = ours(&chunks);
        let (expected, got) = (mattering(&expected), mattering(&got));
        assert_eq!(got, expected, "input {text:?} in chunks of {size}");
        assert_eq!(got_tree, expected_tree, "input {text:?} in chunks of {size}");
    }

    #[test]
    fn edge_cases() {
        let cases = [
            "",
            "x",
            "\u{feff}<p>a",
            "<!doctype html><html><head><title>T &amp; t</title></head><body><p class=a>x</p></body></html>",
            "<p>a\nb\n\nc</p>\n<p>\n d</p>",
            "a < b <3 <<p>x</p> <\n <é <&amp; </> </ x> <?php ?> </3",
            "AT&T &amp &amp; &ampx &amp= &notit; &notin; &copy=3 &#39; &#x27; &#xZ &# &#; &#128; &#0; &#xD800; &#99999999; &xyz; &xyz1 &",
            "<a href=\"?a=1&b=2&amp;c&copy=3&copy;&#38;&notit;\" title='x&lt;y' data=&amp;>l</a>",
            "<a href=x&amp>l</a><a b=&copy>x</a><a b=&copy;>x</a>",
            "<A HREF=X Class='a' CLASS=b c d=e f = 'g' h=\"i\"j k=l/>x</A>",
            "<p/><br/><img src=a/><img src=a / ><p / x><p =a><p \"a><p a\"b=c><p a<b>",
            "<!-- a --><!----><!---><!--><!-- a --!> b <!-- <!-- x --> <!-- a--!b --> <!--a--->",
            "<!-- x -- y --> <!-- x <!--> <!-- x <!-->",
            "<title>a <b> </titlex> &amp; </TITLE>x<textarea>\n<p></textarea></p>",
            "<style>p { } </style > a</style><p>x",
            "<script type=application/ld+json>{\"a\": \"</b>\"}</script><p>x",
            "<script><!-- <script> x </script> --></script>y",
            "<noscript><p>x</p></noscript><iframe>a<b></iframe><xmp><a></xmp><noembed>x</noembed>",
            "<plaintext><p>x</p>",
            "<svg><![CDATA[x<y]]></svg><p><![CDATA[x]]>",
            "<p>a\r\nb</p>",
            "a\rb\r\nc\r\n\nd\r\re\r<p>\r&amp;\r\n<b>x\r</b>\r\né\r",
            "<p\r\nclass=a\r\nid='x\r\ny'\rtitle=\"a\rb\r\n\r\nc&amp;\r\nd\"\r\n>t</p\r>",
            "<a b=c\r>x</a><a b\r\n=\r\nc>y</a><br/\r><!-- a\r\nb\rc --><!--\r-->",
            "<pre>\r\nx</pre><pre>\r\n\r\ny</pre><textarea>\r\nz</textarea><title>a\r\nb</title\r>c",
            "&amp\r\n &#10\r\n &xyz\r\n <\r\n <\rx </\r> &\r",
            "<p>a\0b</p>",
            "<title>x",
            "<p class=\"x",
            "<p &amp",
            "&am",
            "<!-- x",
            "<!DOCTYPE",
            "<table><tr><td>a</td>  \n </tr></table><select><option>x</select>",
            "<pre>\nx</pre><textarea>\n\nx</textarea><listing>\ny</listing>",
        ];
        for case in cases {
            for size in [1, 2, 3, 5, 7, 16 * 1024] {
                same_tokens(case, size);
            }
        }
    }

    /// The fixtures, as they are and as the pre-filter leaves them (what is parsed).
    #[test]
    fn fixtures() {
        let mut seen = 0;
        for dir in [
            concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/ismg"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/generic"),
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "html") {
                    continue;
                }
                let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                let filtered = prefilter::filter(&html, true, &|_| false, true);
                for size in [16 * 1024, 1000] {
                    same_tokens(&html, size);
                    same_tokens(&filtered.text, size);
                }
                seen += 1;
            }
        }
        assert!(seen > 10, "{seen} fixtures");
    }

    /// Every `.html` page of a directory (`PITH_TOKENIZER_CORPUS=DIR cargo test
    /// parse::tokenizer -- --ignored`), decoded as the pipeline decodes it, as it is and
    /// pre-filtered: run by hand on the benchmark sets.
    #[test]
    #[ignore = "needs PITH_TOKENIZER_CORPUS"]
    fn corpus() {
        let dir = std::env::var("PITH_TOKENIZER_CORPUS").expect("PITH_TOKENIZER_CORPUS=DIR");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let html = crate::parse::decode::decode(&bytes, None).text;
            let filtered = prefilter::filter(&html, true, &|_| false, true);
            same_tokens(&html, 16 * 1024);
            same_tokens(&filtered.text, 16 * 1024);
            seen += 1;
        }
        assert!(seen > 0, "no .html pages in the directory");
        eprintln!("{seen} pages");
    }

    fn markup() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<a href=\"x&amp;y\">",
            "</a>",
            "<b class=a id='b' c>",
            "</b>",
            "<i>",
            "<br/>",
            "<img src=a/>",
            "<A HREF=X>",
            "<p/ x>",
            "<a =b>",
            "<a b=\"c\"d>",
            "<a b = c >",
            "<a b=c&amp;d>",
            "<a b='&copy=1'>",
            "<a b=\"&notit;\">",
            "&amp;",
            "&amp",
            "&ampx",
            "&#39;",
            "&#x27;",
            "&#x;",
            "&#",
            "&#128;",
            "&notit;",
            "&copy=",
            "&xyz;",
            "&",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<script>",
            "</script>",
            "<style>",
            "</style >",
            "</style>",
            "<xmp>",
            "</xmp>",
            "<!--",
            "-->",
            "--!>",
            "-",
            "!",
            "<!DOCTYPE html>",
            "<!doctype",
            "<",
            "</",
            ">",
            "/",
            "\n",
            " ",
            "\t",
            "é",
            "x",
            "y1",
            ";",
            "=",
            "\"",
            "'",
            "\r",
            "\0",
            "<?x>",
            "</ x>",
            "</>",
            "<svg>",
            "</svg>",
            "<![CDATA[",
            "]]>",
            "<plaintext>",
            "<table>",
            "<td>",
            "<tr>",
            "<pre>",
            "</pre>",
            "<select>",
            "<option>",
            "<template>",
            "</template>",
            "<html>",
            "<head>",
            "<body>",
            "<noscript>",
            "</noscript>",
            "<math>",
            "<font>",
            "\u{feff}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn same_tokens_on_generated_markup(html in markup(), size in 1usize..40) {
            same_tokens(&html, size);
            same_tokens(&html, 16 * 1024);
        }
    }
}
