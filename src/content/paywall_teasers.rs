//! The lines a paywall puts under the free part of an article. The cleaner takes them out of
//! the body as boilerplate and notes the first it saw; the `paywalled` warning reads them
//! there and in the body's last blocks.

/// The lines a paywall puts under the free part of an article, lower case, matched as
/// substrings of a short line. Each is said by a paywall only: a
/// newsletter box asks to "subscribe to our newsletter", never to "continue reading".
const PAYWALL_TEASERS: &[&str] = &[
    // Subscribe to go on.
    "subscribe to continue reading",
    "subscribe to keep reading",
    "subscribe to read the full",
    "subscribe to read the rest",
    "subscribe now to continue",
    "to continue reading, subscribe",
    "continue reading with a subscription",
    "start your free trial to continue",
    // Subscribers only.
    "this article is for subscribers",
    "this article is only available to subscribers",
    "this content is only available to subscribers",
    "this story is available exclusively to subscribers",
    "exclusive content for subscribers",
    "for subscribers only",
    "subscriber-only content",
    "already a subscriber? sign in",
    "already a subscriber? log in",
    "already a subscriber? login",
    // Sign in, or a member's limit.
    "sign in to continue reading",
    "log in to continue reading",
    "register to continue reading",
    "become a member to continue reading",
    "become a member to read",
    "you have reached your limit of free articles",
    "you've reached your limit of free articles",
    "you have read all of your free articles",
    "unlock this article",
];

/// A longer block is body text that mentions a paywall, not a teaser.
pub(crate) const MAX_TEASER_CHARS: usize = 400;

/// The teaser phrase `text` holds, if it is short enough to be a teaser line.
pub(crate) fn paywall_teaser_in(text: &str) -> Option<&'static str> {
    if text.len() > MAX_TEASER_CHARS {
        return None;
    }
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    PAYWALL_TEASERS.iter().copied().find(|p| lower.contains(p))
}
