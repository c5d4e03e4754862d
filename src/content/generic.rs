//! The general extractor, for pages no site profile matches and for profile pages whose
//! markup no longer fits their rules.
//!
//! An explicit chain, as trafilatura does:
//! 1. prune what is never content (done before: scripts, hidden, dialogs) and site chrome:
//!    boilerplate-headed boxes, sign-up forms, share bars, `nav`/`header`/`footer`/`aside`,
//!    landmark roles, cookie banners, and elements whose class/id say they are unlikely
//!    content ([`UNLIKELY_TOKENS`], unless [`MAYBE_CONTENT_TOKENS`] say otherwise);
//! 2. score containers by the paragraphs they hold (text length, commas), weighted by
//!    class/id hints ([`POSITIVE_TOKENS`], [`NEGATIVE_TOKENS`]) and discounted by link
//!    density, pick the best and widen it with qualifying siblings;
//! 3. inside it, drop what is conditionally boilerplate (link-heavy lists, short boxes with
//!    negative hints, figure captions);
//! 4. if the result looks wrong (too short for the page), try again with fewer exclusions,
//!    then with the paragraph the page's description repeats scored up, then fall back to
//!    the page's largest block of paragraphs before giving up.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node};
use url::Url;

use crate::article::{Block, RemovalKind};
use crate::content::blocks::{self, BodyBlock};
use crate::content::clean::{self, Cleaner, ContentPath, Protect};
use crate::content::paragraphs::{link_chars, long_paragraphs};
use crate::dom::{self, ClassSlot, ClassWords, DomNode, NodeMap, NodeSet, TextLens, Visit, Walk};
use crate::matching::{LineSet, TokenLists, Tokens, may_hold};
use crate::parse::attributes::ReadAttr;
use crate::text;

/// Shortest paragraph that counts as content when scoring containers.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// How many ancestor levels a paragraph's score reaches.
const SCORE_LEVELS: usize = 5;
/// A sibling of the best container with this much low-link text joins it.
const SIBLING_MIN_CHARS: usize = 100;
/// Most text (non-space characters, besides the headline) of an article's header: widening
/// the chosen content to the headline's box for less only takes in the header.
const HEADER_MAX_CHARS: usize = 300;
/// A body shorter than this (characters) makes the chain try its fallback.
const MIN_BODY_CHARS: usize = 250;

/// Class/id tokens of elements that are unlikely to be content (after Readability's
/// `unlikelyCandidates`, with the tokens news sites add).
pub const UNLIKELY_TOKENS: &[&str] = &[
    "-ad-",
    "ad-break",
    "adbox",
    "advert",
    "agegate",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "subscribe",
    "promo",
    "outbrain",
    "taboola",
    "recirc",
    "trending",
    "most-popular",
    "mostpopular",
    "share",
    "signup",
    "paywall",
    "byline",
    "author-bio",
    "tags",
    "toolbar",
    "nav",
];

/// Class/id tokens of comment sections: taken out even when a content token is present
/// ("comment-content"), since comments are never the article.
pub const COMMENT_TOKENS: &[&str] = &["comment", "disqus", "respond", "replies"];

/// Class/id tokens that keep an element despite an unlikely token ("article-header" is not
/// a site header).
pub const MAYBE_CONTENT_TOKENS: &[&str] =
    &["and", "article", "body", "column", "content", "main", "mathjax", "shadow", "story", "entry", "post-text"];

/// Classes of embedded social posts (a `blockquote` before the platform's script runs):
/// quoted by the story, so they are content even inside a "social" or "media" box.
pub const POST_EMBED_TOKENS: &[&str] = &["twitter-tweet", "instagram-media", "tiktok-embed"];

/// Class/id tokens of content containers.
pub const POSITIVE_TOKENS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "rich-text",
    "richtext",
];

/// Class/id tokens of boilerplate containers.
pub const NEGATIVE_TOKENS: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "taboola",
    "newsletter",
    "recirc",
    "caption",
    "credit",
    "byline",
    "author",
    "teaser",
    "trending",
    "popular",
    "subscribe",
    "signup",
];

/// Lines that are never body: each pattern is a whole block's text, case-insensitive. Kept
/// as a list (one kind of line each) and compiled into [`LineSet`]: as one pattern, their
/// bounded repeats of `.` cost over 100 MiB of regex memory and kept the engine off its DFA.
pub const BOILERPLATE_LINES: &[&str] = &[
    r"advertisement",
    r"advertising",
    r"iklan",
    r"sponsored( content)?",
    r"skip (to|the) (main )?(content|ad)",
    r"read more",
    r"continue reading",
    r"click here.{0,60}",
    r"(sign up|subscribe)( now| today| here)?( for| to).{0,80}",
    r"share (this|on).{0,40}",
    r"follow us.{0,60}",
    r"image( credit)?:.{0,120}",
    r"photo( credit)?:.{0,120}",
    r"all rights reserved.{0,80}",
    r"©.{0,120}",
    r"copyright.{0,120}",
    r"loading\.*",
    r"(view|see) (all|more) (photos|images|comments).{0,40}",
    r"related:.{0,200}",
    r"recommended:.{0,200}",
    r"(read|see) also:.{0,200}",
    r"(tags?|tagged( with)?|filed under|posted in|categories|schlagwörter|themen|stichwörter|étiquettes|etiquetas|tagi)\s*:?\s.{0,300}",
    // A topics line is its label and topic names: no sentence ends in it ("Topics Housing
    // Rent control City Hall"; not "Topics discussed included the budget.").
    r"topics\s*:?\s[^.!?]{1,300}",
    r"[-–*(]*\s*(anzeige|werbung|publicidad|publicité|reklama|pubblicità|advertentie)\s*[-–*)]*\s*([:.].{0,200})?",
    r"\(?(noch )?keine bewertungen\)?",
    r"(diesen )?artikel bewerten",
    r"hier können sie den artikel bewerten",
    r"bewerten",
    r"kommentieren",
    r"(quelle|źródło|source|fuente|fonte|bild|foto|fotos|bildquelle|titelbild|beitragsbild|bildnachweis|credits?|crédits photos?)\s*:\s*.{0,120}",
    r"(credits?|advertisement|beitragsbild|titelbild)\s*:?",
    r"(abbildung|abb\.|figure|fig\.)\s*\d*\s*:.{0,250}",
    r"(tel|telefon|phone|fax|e-?mail)\.?\s*:.{0,60}",
    r"(von|autoren|autorinnen|quellenangaben|quellen)\s*:.{0,60}",
    r"weitere (informationen|infos)( [^.:]{0,60})?\s*:?",
    r"more information\s*:?",
    r"sharing is caring!?",
    r"in this .{0,80}\b(file )?(photo|image)\b.{0,400}",
    r"(unterstütze|unterstützen sie) [^.]{0,40}",
    r"jetzt unterstützen",
    r"support (us|our (work|journalism))\b.{0,150}",
    r"gefällt (dir|ihnen) (unser|unsere|dieser|dieses|der|die)\b[^?]{0,60}\?.{0,200}",
    r"bewerten sie (diesen|dieses|diese|den|das|die)\b.{0,40}",
    r"nos siga( no| nas)?\b.{0,80}",
    r"síguenos\b.{0,80}",
    r"suivez-nous\b.{0,80}",
    r"folge(n sie)? uns\b.{0,80}",
    r"zapraszamy (też )?do (subskrypcji|obserwowania).{0,120}",
    r"inhaltsverzeichnis",
    r"table of contents",
    r"sommaire",
    r"spis treści",
    r"pdf",
    r"learn more",
    r"dowiedz się więcej",
    r"mehr erfahren",
    r"en savoir plus",
    r"saber más",
    r"scopri di più",
    r"you are here:?",
    r"sie sind hier:?",
    r"vous êtes ici:?",
    r"scroll to read more.{0,80}",
    r"\d+\s*(min|mins|minutes?|minuten|minut|minuti|minutos)\.?\s*(read|reading|lesezeit|czytania|de lectura|di lettura|de lecture)",
    r"(lesezeit|reading time|temps de lecture|czas czytania)\s*:?\s*\d+.{0,20}",
    r"(dieser (text|beitrag|artikel) (wurde|entspricht|erschien|ist zuerst)|.{0,60}gibt die meinung de[sr] (autors|autorin)|.{0,40}vervielfältigung nur mit|alle angaben ohne gewähr|we want to hear what you think).{0,250}",
    r"sponsored links?",
    r"(image|photo|picture|bild|foto) \d+ (of|von|de|sur|di|z) \d+",
    r"(photo|image|picture|foto|bild) (by|von|de|par|por)\s.{0,80}",
    r"close",
    r"schließen",
    r"fermer",
    r"cerrar",
    r"chiudi",
    r"don'?t miss",
    r"also:\s.{0,120}",
    r"zurück( zu[rm]?\s.{0,40})?",
    r"(rezept |artikel |seite )?drucken",
    r"drukuj",
    r"imprimir",
    r"bild anzeigen",
    r"quellen (ausblenden|anzeigen)",
    r"permalink",
    r"permalien",
    r".{0,80}(©|copyright)\s*(19|20)\d\d.{0,150}",
    r"(note: )?the advertising disclaimer.{0,200}",
    r"advertising disclosure:.{0,300}",
    r".{0,120}(please subscribe|already a subscriber|first-time subscribers|subscribe (today|now)|activate your (free )?digital (access|subscription)).{0,250}",
    r"follow (the )?[^.]{0,40} on (twitter|facebook|instagram).{0,150}",
    r"for the latest [^.]{0,80}download.{0,120}",
    // Ad-slot continuation lines: the story goes on past the ad.
    r"(the )?(story|article|text) continues (below|after)( (this|the))?( (ad|advert|advertisement))?",
    r"continue reading (below|the (main )?(story|article))",
    r"(der )?(artikel|text|beitrag )?(geht )?weiter nach der (anzeige|werbung)",
    r"l'articolo continua (sotto|dopo la pubblicità)",
    r"ad feedback",
    // Share tools and app promos.
    r"(link )?copied( to clipboard)?!?",
    r"copy link",
    r"open in (the )?app",
    r"(get|download) (the|our) (free )?app( .{0,100})?",
    // Video and gallery furniture: "Watch more", a runtime alone, counters, pagers.
    r"watch more( videos)?( from .{1,60})?",
    r"up next:? .{1,120}",
    r"more videos",
    r"\d{1,2}:\d{2}(:\d{2})?",
    r"(see|view) all( \d+)? (photos|images|pictures|videos)",
    r"enlarge( (photo|image|picture))?",
    r"(slide|page|seite|photo|image|picture|foto|bild) \d+ (of|von|de|sur|di|z) \d+( .{0,120})?",
    r"(alle folgen|all episodes|more episodes|tous les épisodes)",
    r"([«‹<]\s*(prev|previous|zurück)|(next|weiter)\s*[»›>])",
    r"(nächste|vorherige|next|previous) (seite|page)\s*:?",
    // A pager's or gallery's controls as lines of their own: arrows alone, and the neighbour
    // labels ("Previous article", "Next", "Previous Next", "Newer post | Older post").
    r"[«‹<>›»]{1,3}",
    r"(previous|prev|next|older|newer)( (article|post|story|entry|item))?(\s*[|/·•]?\s*(previous|prev|next|older|newer)( (article|post|story|entry|item))?)?",
    r"(hide|show) caption",
    // Breadcrumb trails introduced by their label ("You are here: Home » Sports").
    r"(you are here|sie sind hier|vous êtes ici|usted está aquí|u bent hier|sei qui)\s*:\s*.{1,200}",
    // Article tools as lines of their own: print, e-mail, text size, share counters.
    r"(print|e-?mail|email) this (page|story|article|post)",
    r"(text|font) size\s*:?( ?[a+\-−]){0,4}",
    r"[\d.,]+[km]? shares",
    // The credit line under an embedded document ("Publish at <host> | More from <user>").
    r"publish at .{1,40}(\s*\|\s*more from .{1,60})?",
    // The title line of an embedded video ("Watch: Why the bridge took 11 years").
    r"watch\s*[:|]\s.{1,150}",
    // The source line of an embedded video ("Brightwater Tribune Video · Feb. 2, 2024").
    r"[^.!?]{1,40}\svideos?\s*[·•|]\s*.{1,40}",
    // Follow-us lines and counters.
    r"stay connected",
    r"connect with us:?",
    r"like us on facebook.{0,40}",
    r"get our rss feed",
    r"(facebook|instagram|tiktok|twitter|youtube|linkedin|threads|whatsapp( channel)?|telegram|bluesky|mastodon)( [\d.,]+[km]?)?",
    r"[\d.,]+[km]? (views|followers|abonnenten)",
    // Tag lists' labels alone, comment counters and comment-form lines.
    r"(tags?|tagged|topics|filed under)\s*:?",
    r"(\d+ )?comments?( \(\d+\))?",
    r"(log|sign) in (to comment|to reply|om te reageren)",
    r"comments are moderated.{0,200}",
    // Blog platform lines under a post: its trackback address and counter (Movable Type,
    // TypePad, WordPress).
    r"trackback url( for this (entry|post))?\s*:?.{0,200}",
    r"trackbacks?( \(\d+\))?",
    // A post's links to its neighbours around the blog's front page ("« Older post | Main |
    // Newer post »", Movable Type and TypePad; only one neighbour on the first or last post).
    r"«[^|]{1,200}\|\s*(main|home)(\s*\|[^|]{1,200}»)?",
    r"(main|home)\s*\|[^|]{1,200}»",
    // Jumps to the top of the page, however decorated ("* * * Back to the top * * *").
    r"[\^↑*\s]*(back|return|go|jump)( up)? to (the )?top( of (the )?page)?[\s*\^↑.]*",
    r"[\^↑\s]*(top|top of (the )?page|to (the )?top)[\s\^↑]*",
    // A note's or a section's link back ("Return to citation in text: [1] [2]", "(Return to
    // contents)"), on journal and report pages.
    r"\(?(return|back|jump) to (citation|reference)s?( in (the )?text)?\s*:?\s*(\[\d+\]\s*)*\)?",
    r"\(?(return|back|jump) to (the )?(table of )?contents\)?",
    // Browser notices of old sites ("This page is best viewed in an up-to-date browser …").
    r"this (page|site|website|web site) is best viewed.{0,400}",
    // Paywall teasers.
    r"(this (article|story) is (for|available to|reserved for) subscribers( only)?|the rest of this (story|article) is (available|reserved) (to|for) subscribers( only)?)\.?",
    r"subscribe (today|now)",
    r"start (your|a) free trial",
    r"(already have|have) an account\? ?(sign|log) in",
    r"sign up (here|now|today)\.?",
];

static BOILERPLATE_LINE: LazyLock<LineSet> = LazyLock::new(|| LineSet::new(BOILERPLATE_LINES));

/// "Read also" lines in the languages of the evaluation sets and beyond.
static READ_ALSO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[(\[]?\s*((leggi anche|lesen sie auch|auch interessant|mehr zum thema|lire aussi|à lire aussi|a lire aussi|lea también|lee también|leia também|veja também|zobacz (też|także)|czytaj (też|także)|read also|see also|related|also read|read more|more:)\b|(see more|mira|mire|lea|lee|puedes ver|lea más|lee más|lea también|te recomendamos|ver también|vea también|voir aussi|lisez aussi|leggi|guarda anche|auch lesen|zum weiterlesen|weiterlesen)\s*:|(le puede interesar|te puede interesar|schon gelesen\?|mehr lesen\s*:?|noch mehr\?|(das|dies) (thema )?könnte (dich|sie) auch interessieren)).{0,250}$",
    )
    .expect("static regex")
});

/// Byline-like lines: "Posted by …", "Publicado por: …".
static POSTED_BY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*[-–|]\s*)?(posted|published|publicado|publié|veröffentlicht|pubblicato|written|geschrieben|escrito|updated|aktualisiert)( on| em| le| am| il| el)?\s*((by|por|par|von|da)\s*:?|:)\s.{0,200}$",
    )
    .expect("static regex")
});

/// Dates and times, to recognise a line that is only a date stamp.
static DATE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(\s?[ap]\.?m\.?)?|\d{1,2}h\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?(\s+\d{4})?|\d{1,2}\.?\s+(de\s+)?[a-zäéûç]+\.?\s+(de\s+)?\d{4}|\d{4}|updated|posted|published|last modified|am|um|às|de|et|à|le|on|at|by)\b",
    )
    .expect("static regex")
});

/// Cookie-consent wording in a short block.
static COOKIE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcookies?\b.{0,300}\b(this (web)?site|our (web)?site|nostro sito|unsere[rn]? (web)?seite|notre site|nuestro sitio|nosso site|continu|agree|accept|consent|zustimm|akzept|einverstanden|acconsent|aceptas|aceitar)|\b(we|wij|nous|this (web)?site|our (web)?site|nostro sito|notre site|nuestro sitio|unsere (web)?seite|diese (web)?seite|wir) (use|gebruiken|utilisons|uses|utilizza|utilise|usa|verwendet|verwenden|nutzt|nutzen|benutzt|benutzen|setzt|setzen)( des)? cookies|^(essential|necessary|notwendige|essenzielle|funktionale|statistik|marketing) cookies$")
        .expect("static regex")
});

/// [`DATE_PARTS`] with ASCII word boundaries: the same matches on text of ASCII and plain
/// punctuation (`text::only_ascii_and_plain_punctuation`), where the Unicode `\b` would keep
/// the regex engine off its lazy DFA at the first curly quote or dash.
static DATE_PARTS_ASCII_BOUNDARIES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&DATE_PARTS.as_str().replace(r"\b", r"(?-u:\b)")).expect("static regex"));

/// Whether a short line is only a date stamp ("Updated Nov 19, 6:55 AM; Posted …",
/// "segunda-feira, 22 de janeiro de 2018 às 0:13").
fn is_date_line(t: &str) -> bool {
    let n = t.chars().count();
    if n > 90 {
        return false;
    }
    let parts = if text::only_ascii_and_plain_punctuation(t) { &*DATE_PARTS_ASCII_BOUNDARIES } else { &*DATE_PARTS };
    if !parts.is_match(t) {
        return false;
    }
    let rest = parts.replace_all(t, " ");
    let words = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    words <= 3
}

/// Sign-up plugs and script notices inside an article column.
static PLUG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(advert|adverts|this (slideshow|video|content) requires javascript\.?|(please )?enable javascript.{0,80}|javascript (is )?(required|disabled).{0,80}|\[[a-z_]+ [^\]]*=[^\]]*\].*)$|\b(sign up|subscribe|register)\b.{0,160}\b(newsletters?|inbox)\b|\bdelivered( free)? (to|through|in|into) your (inbox|letterbox|door)\b|\bwe (may )?(receive|earn|get) (a )?(small )?(compensation|commission)\b|\badvertisers do not influence\b|\b(contains|enthält|with) affiliate[- ]links?\b|\baffiliate[- ]links?\b.{0,40}\b(handelt|provision|commission)",
    )
    .expect("static regex")
});

/// Longest block the sign-up plug pattern may drop: longer text is prose that mentions
/// newsletters.
const PLUG_MAX_CHARS: usize = 300;

/// Words one of which every match of [`PLUG_LINE`] holds.
static PLUG_WORDS: LazyLock<Tokens> = LazyLock::new(|| {
    Tokens::new(&[
        "advert",
        "javascript",
        "[",
        "newsletter",
        "inbox",
        "delivered",
        "compensation",
        "commission",
        "affiliate",
    ])
});
/// The word every match of [`COOKIE_LINE`] holds.
static COOKIE_WORD: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(&["cookie"]));

/// Whether `t` may match [`READ_ALSO_LINE`]: after an optional bracket and white space, it
/// must start with the first letter of one of its phrases (a c d g l m n p r s t v w z à, any case,
/// or U+017F LONG S, which `(?i)` matches as `s`). Saves the pattern's slow engine (Unicode
/// `\b`) on most blocks.
fn may_read_also(t: &str) -> bool {
    let t = t.strip_prefix(['(', '[']).unwrap_or(t);
    t.chars().find(|c| !c.is_whitespace()).is_some_and(|c| {
        matches!(
            c.to_ascii_lowercase(),
            'a' | 'c' | 'd' | 'g' | 'l' | 'm' | 'n' | 'p' | 'r' | 's' | 't' | 'v' | 'w' | 'z'
        ) || matches!(c, '\u{e0}' | '\u{c0}' | '\u{17f}')
    })
}

/// Picture credits standing alone: "AFP / MARCO BERTORELLO", "Augusta National/Getty Images",
/// "iStock.com": names on both sides of a slash, or a picture agency alone.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^((\(?(foto|photo|bild)\s*:\s*)?(getty( images)?|istock(photo)?(\.com)?|shutterstock(\.com)?|imago( images)?|dpa|afp|reuters|ap photo|picture[- ]alliance|wenn\.com|unsplash|pixabay|adobe ?stock|keystone|epa)\)?|(?-i:\p{Lu})[\p{L}\p{N}&'. -]+\s?/\s?(?-i:\p{Lu})[\p{L}\p{N}&'. -]+)$",
    )
    .expect("static regex")
});

/// Longest picture-credit line.
const CREDIT_MAX_CHARS: usize = 60;

/// Whether a body block is boilerplate by its own text.
fn is_boilerplate_line(t: &str) -> bool {
    // An embedded post's signature ("— Name (@handle) November 18, 2019") is a date line by
    // its words, but it belongs to the quoted post.
    if t.starts_with(['—', '–']) && t.contains("(@") {
        return false;
    }
    let chars = t.chars().count();
    if chars <= CREDIT_MAX_CHARS && CREDIT_LINE.is_match(t) {
        return true;
    }
    (chars <= PLUG_MAX_CHARS && may_hold(t, &PLUG_WORDS) && PLUG_LINE.is_match(t))
        || BOILERPLATE_LINE.is_match(t)
        || t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).is_some_and(|t| BOILERPLATE_LINE.is_match(t))
        || (may_read_also(t) && READ_ALSO_LINE.is_match(t))
        || POSTED_BY_LINE.is_match(t)
        || is_date_line(t)
        || (chars <= 400 && may_hold(t, &COOKIE_WORD) && COOKIE_LINE.is_match(t))
}

/// What the general extractor found.
#[derive(Debug, Default)]
pub struct GenericOutput {
    /// The headline text, if the page has one.
    pub title: Option<String>,
    /// Body blocks.
    pub blocks: Vec<BodyBlock>,
}

/// Per-element sizes, computed in one post-order pass.
#[derive(Debug, Default, Clone, Copy)]
struct Sizes {
    /// Non-whitespace characters of text.
    text: usize,
    /// Of which inside links.
    link: usize,
    /// Commas in the text (a sign of prose).
    commas: usize,
}

/// Commas in a text, ASCII and CJK (`，` `、`).
fn commas(t: &str) -> usize {
    let ascii = memchr::memchr_iter(b',', t.as_bytes()).count();
    if t.is_ascii() { ascii } else { ascii + t.matches(['，', '、']).count() }
}

fn measure(root: DomNode<'_>, skip: &NodeSet) -> NodeMap<Sizes> {
    let mut out: NodeMap<Sizes> = NodeMap::default();
    let mut stack: Vec<(NodeId, Sizes, bool)> = Vec::new();
    dom::walk_events(root, |v| match v {
        Visit::Enter(n) if skip.contains(&n.id()) => Walk::Skip,
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let chars = dom::nonspace_chars(t);
                    top.1.text += chars;
                    top.1.commas += commas(t);
                }
                Walk::Skip
            }
            Node::Element(e) if dom::is_non_text_tag(e.name()) => Walk::Skip,
            Node::Element(e) => {
                stack.push((n.id(), Sizes::default(), e.name() == "a"));
                Walk::Descend
            }
            Node::Document | Node::Fragment => Walk::Descend,
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if n.value().is_element()
                && let Some((id, mut s, is_link)) = stack.pop()
            {
                if is_link {
                    s.link = s.text;
                }
                out.insert(id, s);
                if let Some(parent) = stack.last_mut() {
                    parent.1.text += s.text;
                    parent.1.link += s.link;
                    parent.1.commas += s.commas;
                }
            }
            Walk::Skip
        }
    });
    out
}

/// The three lists `unlikely_nodes` tests each element against, searched in one pass.
static UNLIKELY_LISTS: LazyLock<TokenLists> = LazyLock::new(|| TokenLists::new(&UNLIKELY_WORD_LISTS));
/// The lists of [`UNLIKELY_LISTS`] (also searched once for every element: `ClassSlot::UNLIKELY`).
pub(crate) const UNLIKELY_WORD_LISTS: [&[&str]; 3] = [COMMENT_TOKENS, UNLIKELY_TOKENS, MAYBE_CONTENT_TOKENS];
const IS_COMMENTS: u32 = 1;
const IS_UNLIKELY: u32 = 2;
const IS_MAYBE_CONTENT: u32 = 4;
/// The two lists of [`class_weight`], searched in one pass.
static WEIGHT_LISTS: LazyLock<TokenLists> = LazyLock::new(|| TokenLists::new(&[NEGATIVE_TOKENS, POSITIVE_TOKENS]));
const IS_NEGATIVE: u32 = 1;
const IS_POSITIVE: u32 = 2;
static POST_EMBEDS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(POST_EMBED_TOKENS));

/// Whether `n` is, or wraps, an embedded social post (see [`POST_EMBED_TOKENS`]).
fn holds_post_embed(n: DomNode<'_>) -> bool {
    let mut found = false;
    dom::walk(n, |x| {
        if found {
            return Walk::Skip;
        }
        match x.value().as_element() {
            Some(e) if e.name() == "blockquote" => {
                found = POST_EMBEDS.in_id_class(e);
                Walk::Skip
            }
            Some(e) if dom::is_non_text_tag(e.name()) => Walk::Skip,
            _ => Walk::Descend,
        }
    });
    found
}

/// Class weight: +25 for content hints, -25 for boilerplate hints.
fn class_weight(n: &DomNode<'_>) -> f64 {
    let Some(e) = n.value().as_element() else { return 0.0 };
    let found = WEIGHT_LISTS.in_id_class(e);
    let mut w = 0.0;
    if found & IS_NEGATIVE != 0 {
        w -= 25.0;
    }
    if found & IS_POSITIVE != 0 {
        w += 25.0;
    }
    w
}

/// One attempt of the fallback chain.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    name: &'static str,
    /// Leave out elements whose class/id say they are unlikely content.
    skip_unlikely: bool,
    /// Leave out conditionally boilerplate boxes inside the chosen content.
    skip_conditional: bool,
    /// Score the paragraph that repeats the page's description up (see
    /// [`DESCRIPTION_PARAGRAPH_BONUS`]); taken only when its content holds that paragraph.
    described: bool,
}

/// The chain, strictest first: each later attempt undoes a heuristic that may have taken
/// the article with it.
const CHAIN: &[Attempt] = &[
    Attempt { name: "strict", skip_unlikely: true, skip_conditional: true, described: false },
    Attempt { name: "keep-unlikely", skip_unlikely: false, skip_conditional: true, described: false },
    Attempt { name: "keep-all", skip_unlikely: false, skip_conditional: false, described: false },
    // When none found enough: a short post (a sentence above a photo or an inspiration
    // board) scores below a side box of longer text, but the page's description repeats it.
    Attempt { name: "described", skip_unlikely: true, skip_conditional: true, described: true },
];

/// An attempt's body is accepted when it holds at least this share of the page's
/// paragraph text (and [`MIN_BODY_CHARS`]).
const MIN_BODY_SHARE: f64 = 0.25;

/// `PITH_DEBUG_CHAIN` set: each attempt of the fallback chain is reported on stderr (read
/// once, not per attempt).
static DEBUG_CHAIN: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PITH_DEBUG_CHAIN").is_some());

/// Extracts the main content of a page.
/// `description` is the page's `<meta>` description: the paragraph that repeats it is the
/// article's (see [`DESCRIPTION_PARAGRAPH_BONUS`]).
pub fn extract(
    doc: &mut Html,
    headline: Option<NodeId>,
    description: Option<&str>,
    base: Option<&Url>,
    cleaner: &mut Cleaner,
) -> GenericOutput {
    let protect = Protect { headline, root: None };
    let other_stories = headline.map(|h| other_stories(doc, h)).unwrap_or_default();
    clean::after_rules(doc, cleaner, protect, ContentPath::Generic);

    let mut out = GenericOutput::default();
    if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
        out.title = Some(dom::text(h)).filter(|t| !t.is_empty());
    }
    let mut unlikely = unlikely_nodes(doc, protect, cleaner.lens(), cleaner.class_words());
    unlikely.extend(
        other_stories
            .into_iter()
            .filter(|id| dom::is_attached(doc, *id))
            .map(|id| (id, RemovalKind::Related, "generic.other-story")),
    );

    // The chosen content and soft removals of the best attempt so far, with its size.
    // Attempts are measured without touching the tree; the winner's removals are then
    // applied for real and its body built (inline content does not know about skips).
    type Soft = Vec<(NodeId, RemovalKind, &'static str)>;
    let mut best: Option<(Vec<NodeId>, Soft, usize)> = None;
    // Characters of the strict attempt's body besides boilerplate lines and the headline.
    let mut strict_own_chars = 0;
    let description = description.and_then(DescriptionProbe::new);
    // Whether the best attempt so far found enough, and whether an attempt did (the chain's
    // usual end; the described attempt may still follow).
    let (mut best_enough, mut stopped) = (false, false);
    for attempt in CHAIN {
        if attempt.described && (best_enough || description.is_none()) {
            break;
        }
        if stopped && !attempt.described {
            continue;
        }
        let mut skip: NodeSet = NodeSet::default();
        let mut soft: Soft = Vec::new();
        if attempt.skip_unlikely {
            for (id, kind, rule) in &unlikely {
                skip.insert(*id);
                soft.push((*id, *kind, rule));
            }
        } else if strict_own_chars > 0 {
            // The strict attempt found the post's own text: its comment section stays out
            // of the looser attempts too (a short post or a video under a long thread of
            // comments). With nothing of its own outside the comment boxes (a forum thread,
            // live commentary marked as comments), the boxes are the page.
            for (id, kind, rule) in &unlikely {
                if *kind == RemovalKind::Comments {
                    skip.insert(*id);
                    soft.push((*id, *kind, rule));
                }
            }
        }
        let sizes = measure(doc.tree.root(), &skip);
        let probe = description.as_ref().filter(|_| attempt.described);
        let (chosen, top, described) = choose_content(doc, &sizes, &skip, cleaner.lens(), headline, probe);
        // Enough: a good share of the prose this attempt leaves on the page.
        let page_chars = paragraph_chars(doc.tree.root(), &skip, cleaner.lens());
        let enough = (MIN_BODY_CHARS as f64).max(page_chars as f64 * MIN_BODY_SHARE) as usize;
        if attempt.skip_conditional {
            for id in conditional_boilerplate(doc, &chosen, top, &sizes, &skip, cleaner.class_words()) {
                skip.insert(id);
                soft.push((id, RemovalKind::Other, "generic.conditional"));
            }
        }
        if let Some(h) = headline {
            skip.insert(h);
        }
        let mut body = Vec::new();
        for id in &chosen {
            if let Some(n) = doc.tree.get(*id) {
                body.extend(blocks::build_blocks_excluding(n, &skip));
            }
        }
        let chars = body_chars(&body);
        if attempt.skip_unlikely && !attempt.described {
            strict_own_chars = own_text_chars(&body, out.title.as_deref());
        }
        if *DEBUG_CHAIN {
            let describe = |id: &NodeId| {
                doc.tree
                    .get(*id)
                    .and_then(|n| {
                        n.value()
                            .as_element()
                            .map(|e| format!("{}.{}", e.name(), dom::attr(e, ReadAttr::Class).unwrap_or("")))
                    })
                    .unwrap_or_default()
            };
            let chosen_names: Vec<String> = chosen.iter().map(describe).collect();
            eprintln!(
                "generic chain: {} -> {chars} chars (enough: {enough}); top {}, chosen {chosen_names:?}",
                attempt.name,
                top.as_ref().map(describe).unwrap_or_default()
            );
        }
        // A looser attempt replaces a stricter one only when it clearly finds more; the
        // described attempt when what it chose holds the described paragraph.
        let replaces = if attempt.described {
            described
                .and_then(|d| doc.tree.get(d))
                .is_some_and(|d| chosen.iter().any(|c| dom::is_inclusive_ancestor(*c, d)))
        } else {
            best.as_ref().is_none_or(|(_, _, c)| chars > 2 * *c)
        };
        if replaces {
            best = Some((chosen, soft, chars));
            best_enough = chars >= enough;
        }
        if chars >= enough {
            stopped = true;
        }
    }
    let (chosen, soft, _) = best.unwrap_or_default();
    for (id, kind, rule) in soft {
        cleaner.remove(doc, id, kind, rule);
    }
    if let Some(h) = headline
        && chosen.iter().any(|c| doc.tree.get(h).is_some_and(|hn| dom::is_inclusive_ancestor(*c, hn)))
    {
        cleaner.remove(doc, h, RemovalKind::Metadata, "generic.headline");
    }
    let mut body = Vec::new();
    for id in &chosen {
        if let Some(n) = doc.tree.get(*id) {
            body.extend(blocks::build_blocks(n, base, cleaner.captions()));
        }
    }
    let chars = body_chars(&body);
    let mut last_resort = false;
    if chars < MIN_BODY_CHARS {
        // Last resort: the prose paragraphs of the whole cleaned page, when clearly more.
        let all = blocks::build_blocks(doc.tree.root(), base, cleaner.captions());
        let prose: Vec<BodyBlock> =
            all.into_iter().filter(|b| matches!(b.block, Block::Paragraph { .. }) && prose_like(b)).collect();
        if body_chars(&prose) > chars * 2 {
            body = prose;
            last_resort = true;
        }
    }
    if body_chars(&body) == 0 {
        // Nothing passed (prose in headings, list items or bare table cells; a page of
        // short lines): every text block of the cleaned page with words outside its links,
        // so a page with any prose never comes out empty.
        let all = blocks::build_blocks(doc.tree.root(), base, cleaner.captions());
        body = all.into_iter().filter(has_unlinked_words).collect();
        last_resort = true;
    }
    if let Some(h) = headline.filter(|_| !last_resort) {
        let mut leads = Vec::new();
        for lead in leads_between(doc, h, &chosen, cleaner.lens()) {
            if let Some(n) = doc.tree.get(lead) {
                leads.extend(blocks::build_blocks(n, base, cleaner.captions()));
            }
        }
        body.splice(0..0, leads);
    }
    let mut previous = String::new();
    // After a "read also" line, the links it introduces (blocks that are one link each).
    let mut in_read_also = false;
    // After a press-contact label, its lines (name, phone, mail).
    let mut in_contact = false;
    let mut keep_block = |b: &BodyBlock| {
        let t = b.block.plain_text();
        if in_read_also && is_link_only(b, &t) {
            cleaner.record(doc, b.node, RemovalKind::Related, "generic.read-also-link");
            return false;
        }
        // A paragraph that is one link to elsewhere, titled in words, is a teaser of another
        // page (a bare address or mail link is the article's own reference).
        if matches!(b.block, Block::Paragraph { .. }) && is_link_only(b, &t) && !t.contains(['@', '/']) {
            cleaner.record(doc, b.node, RemovalKind::Related, "generic.teaser-link");
            return false;
        }
        if in_contact && t.chars().count() <= CONTACT_LINE_MAX_CHARS && !matches!(b.block, Block::Heading { .. }) {
            cleaner.record(doc, b.node, RemovalKind::Other, "generic.contact-block");
            return false;
        }
        in_contact = t.chars().count() <= CONTACT_LINE_MAX_CHARS && CONTACT_LEAD.is_match(&t);
        if in_contact {
            cleaner.record(doc, b.node, RemovalKind::Other, "generic.contact-block");
            return false;
        }
        in_read_also =
            t.chars().count() <= READ_ALSO_LEAD_MAX_CHARS && may_read_also(&t) && READ_ALSO_LINE.is_match(&t);
        // The same paragraph twice in a row is a layout copy (mobile and desktop, teaser
        // and body); repeats further apart can be real (interview questions, recipes).
        // Lines dropped between the two (a picture credit) do not part them.
        let n = t.chars().count();
        let is_paragraph = matches!(b.block, Block::Paragraph { .. });
        let repeated = is_paragraph && n >= 20 && t == previous;
        let lines = is_boilerplate_line(&t)
            || matches!(&b.block, Block::List { items, .. } if all_items_are(items, is_widget_line));
        let keep = !repeated && !lines && out.title.as_deref() != Some(t.as_str());
        if is_paragraph && keep {
            previous = t.clone();
        }
        if !keep {
            let rule = if repeated { "generic.repeated-block" } else { "generic.boilerplate-line" };
            cleaner.record(doc, b.node, if repeated { RemovalKind::Duplicate } else { RemovalKind::Other }, rule);
        }
        keep
    };
    // Elements whose blocks were dropped: the pictures that came with them go too.
    let mut dropped: NodeSet = NodeSet::default();
    body.retain(|b| {
        if !b.block.is_text() {
            return !dropped.contains(&b.node);
        }
        let keep = keep_block(b);
        if !keep {
            dropped.insert(b.node);
        }
        keep
    });
    drop_pull_quotes(doc, &mut body, cleaner);
    drop_closing_copyright_notices(doc, &mut body, cleaner);
    if !body.iter().any(|b| b.block.is_text()) {
        // What was chosen was all boilerplate lines (a copyright line under a listing): the
        // page's own text blocks with words outside their links, as above, less such lines.
        body = blocks::build_blocks(doc.tree.root(), base, cleaner.captions())
            .into_iter()
            .filter(|b| has_unlinked_words(b) && !is_boilerplate_line(&b.block.plain_text()))
            .collect();
    }
    if !body.iter().any(|b| b.block.is_text()) {
        // Nothing the page shows reads as text: the prose paragraphs it hides for a script
        // to show (a slide show's slides, tabs) are its text, each once (the slide on show
        // is often a copy of one of them).
        let mut seen = std::collections::HashSet::new();
        body = cleaner
            .hidden()
            .iter()
            .filter_map(|id| doc.tree.get(*id))
            .flat_map(|n| blocks::build_blocks(n, base, cleaner.captions()))
            .filter(|b| {
                let t = b.block.plain_text();
                matches!(b.block, Block::Paragraph { .. })
                    && prose_like(b)
                    && !is_boilerplate_line(&t)
                    && seen.insert(t)
            })
            .collect();
    }
    out.blocks = body;
    out
}

/// Whether a block is a widget's line by its own text: the boilerplate lines, sign-up plugs
/// and cookie notices of [`is_boilerplate_line`], without its looser tests (date stamps,
/// bylines, picture credits, "read also" lines), which a site profile decides itself.
fn is_widget_line(t: &str) -> bool {
    let chars = t.chars().count();
    BOILERPLATE_LINE.is_match(t)
        || t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).is_some_and(|t| BOILERPLATE_LINE.is_match(t))
        || (chars <= PLUG_MAX_CHARS && may_hold(t, &PLUG_WORDS) && PLUG_LINE.is_match(t))
        || (chars <= 400 && may_hold(t, &COOKIE_WORD) && COOKIE_LINE.is_match(t))
}

/// Whether a list is a widget's lines, item by item (an article-tools list: "Print this
/// page", "E-mail this story", "Text size: A A").
fn all_items_are(items: &[String], is_line: fn(&str) -> bool) -> bool {
    !items.is_empty() && items.iter().all(|i| is_line(i))
}

/// The general line rules on a site profile's body: a paragraph or heading whose whole
/// text is a widget's line ([`is_widget_line`]: ad labels, "Link copied", pager and paywall
/// lines, …) goes, with the pictures of its element. Widgets dropped into an article column
/// leave such lines whatever the site's chrome looks like.
pub(crate) fn drop_boilerplate_lines(doc: &Html, body: &mut Vec<BodyBlock>, cleaner: &mut Cleaner) {
    let mut dropped: NodeSet = NodeSet::default();
    body.retain(|b| {
        if !b.block.is_text() {
            return !dropped.contains(&b.node);
        }
        let boilerplate = match &b.block {
            Block::Paragraph { .. } | Block::Heading { .. } => is_widget_line(&b.block.plain_text()),
            Block::List { items, .. } => all_items_are(items, is_widget_line),
            _ => false,
        };
        if boilerplate {
            cleaner.record(doc, b.node, RemovalKind::Other, "generic.boilerplate-line");
            dropped.insert(b.node);
        }
        !boilerplate
    });
}

/// Longest copyright notice: a few sentences of legal text (owner, rights, trademarks, terms
/// of reuse). A longer closing block is the article's own.
const COPYRIGHT_NOTICE_MAX_CHARS: usize = 1500;

/// A block that opens with a copyright mark: "©", "(c) 2004", "Copyright 2005 …",
/// "Copyright © …", "Copyright by …", "Copyright Policy: …" (not "Copyright law is …", a
/// sentence about copyright).
static COPYRIGHT_NOTICE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[^\p{L}\p{N}]{0,3}(©|\([cC]\)\s*(\d|[Cc]opyright|COPYRIGHT)|([Cc]opyright|COPYRIGHT)(\s*$|\s*(©|\([cC]\)|\d|by\b|of\b|:|\p{Lu})))",
    )
    .expect("static regex")
});

/// A copyright mark anywhere in a block, for notices that open with the owner ("Published by
/// … Copyright © 2003 … All rights reserved.", a league's trademark notice).
static COPYRIGHT_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)©|\(c\)|\bcopyright").expect("static regex"));

/// "All rights reserved" as a sentence of its own, the closing words of a rights notice (not
/// "Copyright (all rights reserved)" inside a sentence about licences).
static ALL_RIGHTS_RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(All [Rr]ights [Rr]eserved|ALL RIGHTS RESERVED)\b").expect("static regex"));

/// Whether a block is a site's copyright or rights notice: it opens with a copyright mark, or
/// it states a copyright and "all rights reserved"; a few sentences at most.
fn is_copyright_notice(t: &str) -> bool {
    t.chars().count() <= COPYRIGHT_NOTICE_MAX_CHARS
        && (COPYRIGHT_NOTICE_START.is_match(t) || (ALL_RIGHTS_RESERVED.is_match(t) && COPYRIGHT_MARK.is_match(t)))
}

/// Copyright notices that close the body: a site's rights line and legal notice under every
/// story (owner, year, "All rights reserved", trademarks, terms of reuse) sit in the page's
/// last box beside the article and join the chosen content. They go from the end while
/// another text block stays before them; a notice inside the text (a quoted book's rights,
/// a line between paragraphs) stays.
fn drop_closing_copyright_notices(doc: &Html, body: &mut Vec<BodyBlock>, cleaner: &mut Cleaner) {
    loop {
        let Some(last) = body.iter().rposition(|b| b.block.is_text()) else { return };
        if !body[..last].iter().any(|b| b.block.is_text()) {
            return;
        }
        let node = body[last].node;
        // A paragraph, or a table of one cell (old sites lay out their footer in a table).
        let text = match &body[last].block {
            Block::Paragraph { text, .. } => text.clone(),
            Block::Table { rows, .. } => {
                let mut cells = rows.iter().flatten().filter(|c| !c.is_empty());
                match (cells.next(), cells.next()) {
                    (Some(one), None) => one.clone(),
                    _ => return,
                }
            }
            _ => return,
        };
        if !is_copyright_notice(&text) {
            return;
        }
        cleaner.record(doc, node, RemovalKind::Other, "generic.copyright-notice");
        // The notice and what its element brought after it (a badge, a logo).
        let mut index = 0;
        body.retain(|b| {
            index += 1;
            index <= last || b.node != node
        });
    }
}

/// Longest pull-quote.
const PULL_QUOTE_MAX_CHARS: usize = 400;
/// Share of a pull-quote's word trigrams that the body's other blocks hold. Three in four:
/// a pull-quote repeats a sentence, maybe trimmed; a summary box or a quoted line that only
/// shares the article's phrasing (about two in three) stays.
const PULL_QUOTE_REPEATED_SHARE: f64 = 0.75;
/// Fewest word trigrams of a pull-quote (shorter quotes repeat by chance).
const PULL_QUOTE_MIN_TRIGRAMS: usize = 4;

/// Pull-quotes: a quotation or a boxed line (a table of one cell) that repeats the words of
/// the body's own text. Sites set them apart in large type; they are not body.
fn drop_pull_quotes(doc: &Html, body: &mut Vec<BodyBlock>, cleaner: &mut Cleaner) {
    let candidate = |b: &BodyBlock| -> Option<String> {
        let text = match &b.block {
            Block::Quote { text, .. } => text.clone(),
            Block::Table { rows, .. } => {
                let mut cells = rows.iter().flatten().filter(|c| !c.is_empty());
                let one = cells.next()?.clone();
                if cells.next().is_some() {
                    return None;
                }
                one
            }
            _ => return None,
        };
        (text.chars().count() <= PULL_QUOTE_MAX_CHARS).then_some(text)
    };
    if !body.iter().any(|b| candidate(b).is_some()) {
        return;
    }
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    // Each candidate's words; then which of their trigrams the other text blocks hold (one
    // lookup per trigram of the body, in the candidates' few trigrams: no set of the body's).
    let candidate_words: Vec<Option<Vec<String>>> = body.iter().map(|b| candidate(b).map(|t| words(&t))).collect();
    let mut wanted: std::collections::HashMap<[&str; 3], usize> = std::collections::HashMap::new();
    for w in candidate_words.iter().flatten().filter(|w| w.len() >= PULL_QUOTE_MIN_TRIGRAMS + 2) {
        for t in w.windows(3) {
            let next = wanted.len();
            wanted.entry([t[0].as_str(), t[1].as_str(), t[2].as_str()]).or_insert(next);
        }
    }
    if wanted.is_empty() {
        return;
    }
    let mut seen = vec![false; wanted.len()];
    for (b, _) in body.iter().zip(&candidate_words).filter(|(b, c)| b.block.is_text() && c.is_none()) {
        let w = words(&b.block.plain_text());
        for t in w.windows(3) {
            if let Some(&i) = wanted.get(&[t[0].as_str(), t[1].as_str(), t[2].as_str()]) {
                seen[i] = true;
            }
        }
    }
    let mut index = 0;
    body.retain(|b| {
        let w = &candidate_words[index];
        index += 1;
        let Some(w) = w else { return true };
        let trigrams = w.len().saturating_sub(2);
        if trigrams < PULL_QUOTE_MIN_TRIGRAMS {
            return true;
        }
        let repeated = w
            .windows(3)
            .filter(|t| wanted.get(&[t[0].as_str(), t[1].as_str(), t[2].as_str()]).is_some_and(|&i| seen[i]))
            .count();
        let pull_quote = repeated as f64 >= trigrams as f64 * PULL_QUOTE_REPEATED_SHARE;
        if pull_quote {
            cleaner.record(doc, b.node, RemovalKind::Duplicate, "generic.pull-quote");
        }
        !pull_quote
    });
}

/// A press-contact label that opens the contact block at the end of a release.
static CONTACT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^((presse)?kontakt|pressekontakt|ihr(e)? ansprechpartner(in)?( für [^.]{0,40})?|ansprechpartner(in)?( zum thema| für [^.]{0,40})?|media contacts?|press contacts?|contact us|pressesprecher(\*?in)?)\s*:?$")
        .expect("static regex")
});

/// Longest line of a contact block.
const CONTACT_LINE_MAX_CHARS: usize = 120;

/// Longest "read also" line that may introduce a list of links ("Mehr lesen:").
const READ_ALSO_LEAD_MAX_CHARS: usize = 40;

/// Whether a block is nothing but one short link (a teaser title).
fn is_link_only(b: &BodyBlock, text: &str) -> bool {
    matches!(b.block, Block::Paragraph { .. } | Block::Heading { .. })
        && text.chars().count() <= 200
        && b.links.len() == 1
        && b.links[0].text.trim() == text.trim()
}

/// Fewest characters outside links that make a block worth keeping in the empty-page
/// fallback (a word or two, not a separator).
const UNLINKED_MIN_CHARS: usize = 12;

/// Whether a text block has words outside its links.
fn has_unlinked_words(b: &BodyBlock) -> bool {
    if !b.block.is_text() {
        return false;
    }
    let t = b.block.plain_text();
    let linked: usize = b.links.iter().map(|l| l.text.trim().chars().count()).sum();
    t.chars().filter(|c| !c.is_whitespace()).count().saturating_sub(linked) >= UNLINKED_MIN_CHARS
}

/// Characters of a body's text blocks that are neither boilerplate lines nor the headline.
fn own_text_chars(body: &[BodyBlock], title: Option<&str>) -> usize {
    body.iter()
        .filter(|b| b.block.is_text())
        .map(|b| b.block.plain_text())
        .filter(|t| !is_boilerplate_line(t) && title != Some(t.as_str()))
        .map(|t| t.len())
        .sum()
}

fn body_chars(body: &[BodyBlock]) -> usize {
    body.iter().map(|b| b.block.plain_text().len()).sum()
}

/// Characters in paragraphs (`p` of at least [`MIN_PARAGRAPH_CHARS`]) of a subtree.
fn paragraph_chars(root: DomNode<'_>, skip: &NodeSet, lens: &TextLens) -> usize {
    let mut total = 0;
    dom::walk(root, |n| match dom::tag(&n) {
        _ if skip.contains(&n.id()) => Walk::Skip,
        Some("p") => {
            let l = lens.get(n);
            if l >= MIN_PARAGRAPH_CHARS {
                total += l;
            }
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        _ => Walk::Descend,
    });
    total
}

fn prose_like(b: &BodyBlock) -> bool {
    let t = b.block.plain_text();
    t.chars().count() >= 60 && b.links.iter().map(|l| l.text.len()).sum::<usize>() * 2 < t.len()
}

/// A box with an unlikely class/id stays when it holds this many paragraphs …
const UNLIKELY_BOX_MAX_LONG_PARAGRAPHS: usize = 3;
/// … of at least this many characters: a good part of the page's prose.
const UNLIKELY_BOX_LONG_PARAGRAPH_CHARS: usize = 120;

/// … or this much text outside links, half the page's or more.
const UNLIKELY_BOX_MIN_UNLINKED_CHARS: usize = 1000;

/// Elements whose class/id say they are unlikely content (soft removals: the fallback
/// chain may keep them).
fn unlikely_nodes(
    doc: &Html,
    protect: Protect,
    lens: &TextLens,
    words: &ClassWords,
) -> Vec<(NodeId, RemovalKind, &'static str)> {
    let mut hits = Vec::new();
    dom::walk(doc.tree.root(), |n| {
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if matches!(t, "html" | "body" | "article" | "main" | "a" | "head") {
            return if t == "head" { Walk::Skip } else { Walk::Descend };
        }
        let Some(e) = n.value().as_element() else { return Walk::Skip };
        let found = words.in_id_class(n.id(), ClassSlot::UNLIKELY).unwrap_or_else(|| UNLIKELY_LISTS.in_id_class(e));
        if found & IS_COMMENTS != 0 {
            hits.push((n.id(), true));
            return Walk::Skip;
        }
        if found & (IS_UNLIKELY | IS_MAYBE_CONTENT) == IS_UNLIKELY
            && !holds_post_embed(n)
            && !clean::touches_recipe_part(n, words)
        {
            hits.push((n.id(), false));
            return Walk::Skip;
        }
        Walk::Descend
    });
    let unlinked = |n: DomNode<'_>| lens.get(n).saturating_sub(link_chars(n, lens));
    let mut page_unlinked = None;
    hits.into_iter()
        .filter(|(id, _)| !protect.forbids(doc, *id))
        .filter_map(|(id, is_comments)| {
            if is_comments {
                return Some((id, RemovalKind::Comments, "generic.comments-class"));
            }
            // Never a box that holds a good part of the page's prose, in paragraphs or as
            // most of the page's text outside links (a review set in a table cell whose
            // styling class reads "nav-…", its text in `<br>`-parted lines).
            let n = doc.tree.get(id)?;
            if long_paragraphs(n, lens, UNLIKELY_BOX_LONG_PARAGRAPH_CHARS) >= UNLIKELY_BOX_MAX_LONG_PARAGRAPHS {
                return None;
            }
            let own = unlinked(n);
            if own >= UNLIKELY_BOX_MIN_UNLINKED_CHARS
                && own * 2 >= *page_unlinked.get_or_insert_with(|| unlinked(doc.tree.root()))
            {
                return None;
            }
            Some((id, RemovalKind::Other, "generic.unlikely-class"))
        })
        .collect()
}

/// Class/id tokens of an article's lead (teaser, standfirst) set apart from its body.
pub const LEAD_TOKENS: &[&str] = &["teaser", "lead", "intro", "standfirst", "summary", "deck", "excerpt", "subline"];
static LEAD: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(LEAD_TOKENS));
/// Length bounds of a lead (non-space characters).
const LEAD_MIN_CHARS: usize = 50;
const LEAD_MAX_CHARS: usize = 1500;
/// A paragraph between the headline and the body without a lead class is a lead from this
/// length on (shorter ones are bylines, dates, labels).
const LEAD_PARAGRAPH_MIN_CHARS: usize = 80;
/// Class/id tokens of side boxes, whose paragraphs are never the article's lead (a widget
/// placed before the content in the page's source order). Not "sidebar": layout wrappers
/// such as "content-sidebar-wrap" hold the article itself.
const SIDE_BOX_TOKENS: &[&str] = &["widget"];
static SIDE_BOX: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(SIDE_BOX_TOKENS));

/// The lead of the article when it sits between the headline and the chosen content, apart
/// from both, in document order: elements with a lead class, and paragraphs of prose length
/// outside side boxes; mostly not links.
fn leads_between(doc: &Html, headline: NodeId, chosen: &[NodeId], lens: &TextLens) -> Vec<NodeId> {
    let Some(h) = doc.tree.get(headline) else { return Vec::new() };
    if chosen.iter().any(|c| dom::is_inclusive_ancestor(*c, h)) {
        return Vec::new();
    }
    let mut after_headline = false;
    let mut leads = Vec::new();
    dom::walk(doc.tree.root(), |n| {
        if n.id() == headline {
            after_headline = true;
            return Walk::Skip;
        }
        if chosen.contains(&n.id()) {
            return if after_headline { Walk::Stop } else { Walk::Skip };
        }
        let Some(e) = n.value().as_element() else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        if dom::is_non_text_tag(e.name()) {
            return Walk::Skip;
        }
        let is_lead = || {
            let prose_paragraph = e.name() == "p"
                && lens.get(n) >= LEAD_PARAGRAPH_MIN_CHARS
                && !n.ancestors().any(|a| a.value().as_element().is_some_and(|e| SIDE_BOX.in_id_class(e)));
            prose_paragraph || (dom::has_id_class(e) && LEAD.in_id_class(e))
        };
        if after_headline && is_lead() {
            let len = lens.get(n);
            if (LEAD_MIN_CHARS..=LEAD_MAX_CHARS).contains(&len) && link_chars(n, lens) * 3 < len {
                leads.push(n.id());
            }
            return Walk::Skip;
        }
        Walk::Descend
    });
    // The walk ended at the content: a lead found after it is not this article's.
    if leads.is_empty() || !chosen.iter().any(|c| doc.tree.get(*c).is_some()) {
        return Vec::new();
    }
    leads
}

/// How many levels above the headline a story unit may start.
const STORY_UNIT_MAX_LEVELS: usize = 8;

/// The other stories of an endless-scroll page: siblings of the headline's story unit (an
/// element of the same tag and class that holds the headline) that hold a heading of the
/// headline's level themselves. The page is about the story with its headline. Found before
/// the chrome goes (the other stories' headers go with it).
fn other_stories(doc: &Html, headline: NodeId) -> Vec<NodeId> {
    let Some(h) = doc.tree.get(headline) else { return Vec::new() };
    let Some(level) = dom::tag(&h).filter(|t| dom::heading_level(t).is_some()) else { return Vec::new() };
    let key = |n: &DomNode<'_>| {
        n.value().as_element().map(|e| (e.name().to_owned(), dom::attr(e, ReadAttr::Class).unwrap_or("").to_owned()))
    };
    for unit in h.ancestors().take(STORY_UNIT_MAX_LEVELS) {
        if !matches!(dom::tag(&unit), Some("article" | "div" | "section")) {
            continue;
        }
        let unit_key = key(&unit);
        // Units are marked as such: an `article`, or a class they share.
        if unit_key.as_ref().is_none_or(|(tag, class)| tag != "article" && class.trim().is_empty()) {
            continue;
        }
        let has_heading = |n: DomNode<'_>| {
            let mut found = false;
            dom::walk(n, |x| {
                if found {
                    return Walk::Skip;
                }
                found = dom::tag(&x) == Some(level);
                if found { Walk::Skip } else { Walk::Descend }
            });
            found
        };
        let others: Vec<NodeId> = unit
            .parent()
            .into_iter()
            .flat_map(|p| p.children())
            .filter(|s| s.id() != unit.id() && s.value().is_element() && key(s) == unit_key && has_heading(*s))
            .map(|s| s.id())
            .collect();
        if !others.is_empty() {
            return others;
        }
    }
    Vec::new()
}

fn tag_score(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Scores containers and returns the chosen content nodes in document order (the best
/// candidate, maybe widened, and its qualifying siblings) with the top-scored node.
fn choose_content(
    doc: &Html,
    sizes: &NodeMap<Sizes>,
    skip: &NodeSet,
    lens: &TextLens,
    headline: Option<NodeId>,
    description: Option<&DescriptionProbe>,
) -> (Vec<NodeId>, Option<NodeId>, Option<NodeId>) {
    // The paragraph that repeats the description, when one is looked for.
    let mut described = None;
    let mut score: NodeMap<f64> = NodeMap::default();
    let mut order: Vec<NodeId> = Vec::new();
    dom::walk(doc.tree.root(), |n| {
        if skip.contains(&n.id()) {
            return Walk::Skip;
        }
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let scorable = matches!(t, "p" | "pre" | "td" | "blockquote")
            || (matches!(t, "div" | "section" | "article") && dom::has_direct_text(n))
            || (INDENT_TAGS.contains(&t) && blocks::holds_loose_text(n));
        if !scorable {
            return Walk::Descend;
        }
        let s = sizes.get(&n.id()).copied().unwrap_or_default();
        let own = if matches!(t, "div" | "section" | "article") || INDENT_TAGS.contains(&t) {
            direct_text_len(n, lens)
        } else {
            s.text
        };
        if own < MIN_PARAGRAPH_CHARS {
            return if t == "p" { Walk::Skip } else { Walk::Descend };
        }
        // Commas are a sign of prose, but a list of names is all commas: cap them by length.
        let commas = (s.commas as f64).min(own as f64 / 80.0);
        let mut content = 1.0 + commas + (own as f64 / 100.0).floor().min(3.0);
        if t == "p" && described.is_none() && description.is_some_and(|d| d.repeated_by(n, own)) {
            content += DESCRIPTION_PARAGRAPH_BONUS;
            described = Some(n.id());
        }
        for (level, anc) in n.ancestors().filter(|a| a.value().is_element()).take(SCORE_LEVELS).enumerate() {
            let entry = score.entry(anc.id()).or_insert_with(|| {
                order.push(anc.id());
                tag_score(dom::tag(&anc).unwrap_or("")) + class_weight(&anc)
            });
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *entry += content / divider;
        }
        if t == "p" { Walk::Skip } else { Walk::Descend }
    });
    let link_density = |id: &NodeId| {
        let s = sizes.get(id).copied().unwrap_or_default();
        if s.text == 0 { 0.0 } else { s.link as f64 / s.text as f64 }
    };
    let final_score = |id: &NodeId| score.get(id).copied().unwrap_or(0.0) * (1.0 - link_density(id));
    let Some(top) = order
        .iter()
        .filter(|id| doc.tree.get(**id).is_some_and(|n| !matches!(dom::tag(&n), Some("html" | "body"))))
        .max_by(|a, b| final_score(a).total_cmp(&final_score(b)))
        .copied()
    else {
        return (Vec::new(), None, None);
    };
    let top_score = final_score(&top);
    // Prefer a parent that scores nearly as well (the article split in several divs).
    let mut best = top;
    if let Some(node) = doc.tree.get(top) {
        for anc in node.ancestors().take(3) {
            if matches!(dom::tag(&anc), Some("body" | "html") | None) {
                break;
            }
            let s = final_score(&anc.id());
            if s >= top_score * 0.75
                && sizes.get(&anc.id()).map(|x| x.text).unwrap_or(0) < 3 * sizes.get(&best).map(|x| x.text).unwrap_or(1)
            {
                best = anc.id();
            }
        }
    }
    // Widen to a parent that adds only a little, low-link text (a product page's sections).
    while let Some(parent) = doc.tree.get(best).and_then(|n| n.parent()) {
        if matches!(dom::tag(&parent), Some("body" | "html") | None) {
            break;
        }
        let (p, b) =
            (sizes.get(&parent.id()).copied().unwrap_or_default(), sizes.get(&best).copied().unwrap_or_default());
        let added = p.text.saturating_sub(b.text);
        let added_links = p.link.saturating_sub(b.link);
        if p.text * 3 > b.text * 5 || (added > 0 && added_links * 5 > added) || class_weight(&parent) < 0.0 {
            break;
        }
        // Never up to the headline's box for its header alone (byline, dateline, deck, tag
        // lines): they are not body, and the lead is found apart ([`leads_between`]).
        if let Some(h) = headline.and_then(|h| doc.tree.get(h))
            && dom::is_inclusive_ancestor(parent.id(), h)
            && !dom::is_inclusive_ancestor(best, h)
            && added.saturating_sub(lens.get(h)) < HEADER_MAX_CHARS
        {
            break;
        }
        best = parent.id();
    }
    let best_score = final_score(&best).max(top_score);
    // Siblings that qualify join the content.
    let Some(best_node) = doc.tree.get(best) else { return (vec![best], Some(top), described) };
    let Some(parent) = best_node.parent() else { return (vec![best], Some(top), described) };
    let threshold = (best_score * 0.2).max(10.0);
    let best_class = best_node.value().as_element().and_then(|e| dom::attr(e, ReadAttr::Class)).unwrap_or("");
    let mut chosen = Vec::new();
    for sib in parent.children() {
        if skip.contains(&sib.id()) {
            continue;
        }
        if sib.id() == best {
            chosen.push(sib.id());
            continue;
        }
        let Some(tag) = dom::tag(&sib) else { continue };
        let mut s = final_score(&sib.id());
        if !best_class.is_empty()
            && sib.value().as_element().and_then(|e| dom::attr(e, ReadAttr::Class)) == Some(best_class)
        {
            s += best_score * 0.2;
        }
        let size = sizes.get(&sib.id()).copied().unwrap_or_default();
        let ld = link_density(&sib.id());
        let good_paragraph = tag == "p"
            && ((size.text > 80 && ld < 0.25)
                || (size.text > 0 && size.text <= 80 && ld == 0.0 && dom::text(sib).ends_with('.')));
        // Prose beside the best container (a product page's sections, a split article).
        let good_block = size.text >= SIBLING_MIN_CHARS && ld < 0.25 && class_weight(&sib) >= 0.0;
        if s >= threshold || good_paragraph || good_block {
            chosen.push(sib.id());
        }
    }
    (chosen, Some(top), described)
}

/// Tags old pages indent prose with: text written straight into a `ul`, `ol` or `dl` (no
/// items: a transcript, a speech, a chapter set off from the page's margin). Their own text
/// scores like a `div`'s when the block reader reads it ([`blocks::holds_loose_text`]; a
/// menu's links and items do not count).
const INDENT_TAGS: &[&str] = &["ul", "ol", "dl"];

/// Score added to the paragraph that repeats the page's description: as much as a long
/// paragraph's length earns. A short post (a sentence above a photo or an inspiration board)
/// scores less than a side box of longer text, but its description is that sentence.
const DESCRIPTION_PARAGRAPH_BONUS: f64 = 3.0;

/// Shortest description looked for in the paragraphs: shorter ones ("News", a site's motto)
/// are no paragraph's.
const DESCRIPTION_MIN_CHARS: usize = 60;

/// The page's description, ready to be compared with paragraphs: its words, without a
/// trailing ellipsis (content systems cut the first paragraph short to make it), and the
/// number of characters other than white space they have.
struct DescriptionProbe {
    words: String,
    nonspace: usize,
    /// Cut short by the site: a paragraph that starts with it repeats it.
    truncated: bool,
}

impl DescriptionProbe {
    fn new(description: &str) -> Option<DescriptionProbe> {
        let words = dom::normalize_space(description);
        let (words, truncated) = match words.strip_suffix("...").or_else(|| words.strip_suffix('…')) {
            Some(w) => (w.trim_end().to_string(), true),
            None => (words, false),
        };
        (words.chars().count() >= DESCRIPTION_MIN_CHARS).then(|| DescriptionProbe {
            nonspace: dom::nonspace_chars(&words),
            words,
            truncated,
        })
    }

    /// Whether paragraph `p`, with `chars` characters other than white space, repeats the
    /// description (its text is only built when the lengths allow it).
    fn repeated_by(&self, p: DomNode<'_>, chars: usize) -> bool {
        let fits = if self.truncated { chars >= self.nonspace } else { chars == self.nonspace };
        fits && {
            let text = dom::text(p);
            if self.truncated { text.starts_with(&self.words) } else { text == self.words }
        }
    }
}

fn direct_text_len(n: DomNode<'_>, lens: &TextLens) -> usize {
    n.children().filter_map(|c| c.value().as_text().map(|t| dom::nonspace_chars(t))).sum::<usize>()
        + n.children()
            .filter(|c| matches!(dom::tag(c), Some("a" | "b" | "i" | "em" | "strong" | "span" | "font" | "br")))
            .map(|c| lens.get(c))
            .sum::<usize>()
}

/// Inside the chosen content: boxes that are boilerplate on the evidence (Readability's
/// "clean conditionally"): negative hints, link-heavy, more list items than paragraphs,
/// form fields, too little text. A box holding the top-scored node is never one: when the
/// content was widened to a page wrapper, the box around a short post (its few lines, its
/// links to products or sources) reads as link-heavy and took the post with it.
fn conditional_boilerplate(
    doc: &Html,
    chosen: &[NodeId],
    top: Option<NodeId>,
    sizes: &NodeMap<Sizes>,
    skip: &NodeSet,
    words: &ClassWords,
) -> Vec<NodeId> {
    let holds_top: NodeSet = top
        .and_then(|t| doc.tree.get(t))
        .map(|t| t.ancestors().map(|a| a.id()).chain([t.id()]).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for id in chosen {
        let Some(root) = doc.tree.get(*id) else { continue };
        dom::walk(root, |n| {
            if skip.contains(&n.id()) {
                return Walk::Skip;
            }
            let Some(t) = dom::tag(&n) else { return Walk::Skip };
            if n.id() == *id || holds_top.contains(&n.id()) {
                return Walk::Descend;
            }
            if !matches!(t, "div" | "section" | "ul" | "ol" | "table" | "aside" | "form" | "dl" | "figure") {
                return Walk::Descend;
            }
            let s = sizes.get(&n.id()).copied().unwrap_or_default();
            if s.text == 0 {
                return Walk::Skip;
            }
            let weight = class_weight(&n);
            let ld = s.link as f64 / s.text as f64;
            let boilerplate =
                (weight < 0.0 && s.text < 1000) || (s.commas < 10 && boilerplate_box(n, t, s, ld, weight, skip));
            // Embedded posts and recipe parts stay, whatever their box looks like (tested only
            // for boxes that would go: each test walks the box).
            if boilerplate && !holds_post_embed(n) && !clean::touches_recipe_part(n, words) {
                out.push(n.id());
                return Walk::Skip;
            }
            Walk::Descend
        });
    }
    out
}

/// Readability's "clean conditionally" tests on a box's link density and its paragraphs,
/// list items and headings.
fn boilerplate_box(n: DomNode<'_>, tag: &str, s: Sizes, ld: f64, weight: f64, skip: &NodeSet) -> bool {
    let (paragraphs, items, headings) = counts(n, skip);
    let is_list = matches!(tag, "ul" | "ol");
    (ld > 0.5 && s.text < 2000)
        || (ld > 0.25 && weight < 25.0 && s.text < 600)
        || (!is_list && items > paragraphs + 3 && ld > 0.2)
        || (is_list && ld > 0.6)
        || (headings > 0 && paragraphs == 0 && ld > 0.4)
}

fn counts(n: DomNode<'_>, skip: &NodeSet) -> (usize, usize, usize) {
    let (mut p, mut li, mut h) = (0, 0, 0);
    dom::walk(n, |x| {
        if skip.contains(&x.id()) {
            return Walk::Skip;
        }
        match dom::tag(&x) {
            Some("p") => p += 1,
            Some("li") => li += 1,
            Some(t) if dom::heading_level(t).is_some() => h += 1,
            Some(t) if dom::is_non_text_tag(t) => return Walk::Skip,
            _ => {}
        }
        Walk::Descend
    });
    (p, li, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_that_repeats_the_body_is_a_pull_quote() {
        let html = "<html><body><article>\
            <p>The regional water board approved a plan on Tuesday to replace the ageing pipes under the old town, \
            after years of complaints from residents about brown water and low pressure.</p>\
            <p>Engineers said the work would start in spring and last until the autumn storms, with the costs \
            shared by the city and the state, which agreed to pay half of the twelve million euros.</p>\
            <blockquote>the work would start in spring and last until the autumn storms</blockquote>\
            <blockquote>Nobody on the board expected the vote to be this close, said its chair.</blockquote>\
            <p>Residents will be told about closures a week ahead, and the board will publish a map of the \
            streets affected on its website before the first crews arrive in the old town.</p>\
            </article></body></html>";
        let mut doc = Html::parse_document(html);
        let mut cleaner = Cleaner::new(&doc, true);
        let out = extract(&mut doc, None, None, None, &mut cleaner);
        let texts: Vec<String> = out.blocks.iter().map(|b| b.block.plain_text()).collect();
        assert!(texts.iter().any(|t| t.starts_with("Nobody on the board")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with("the work would start")), "{texts:?}");
        assert_eq!(texts.len(), 4, "{texts:?}");
    }

    #[test]
    fn line_set_matches_what_each_exact_pattern_matches() {
        let samples = [
            "Advertisement",
            "Click here to read the whole report on the new water mains",
            "Photo: Jane Doe / Gazette",
            "Bildquelle: dpa",
            "© 2019 Capitol Hill Publishing Corp.",
            "The contents of this site are ©2019 Capitol Hill Publishing Corp., a subsidiary.",
            "Tags: water, pipes, market",
            "You are here: Home » Sports » High Schools",
            "Print this page",
            "Text size: A A",
            "1.2K shares",
            "Abbildung 4: klassische Schwachschicht.",
            "Tel.: +49 40 123456",
            "Von: Anna Muster",
            "Weitere Informationen:",
            "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Robert L. Curbeam Jr.",
            "11 minut czytania",
            "Lesezeit: 4 Minuten",
            "Dieser Text wurde veröffentlicht am 3. März.",
            "Image 1 of 5",
            "Photo by Kirk Irwin/Getty Images",
            "Zurück zur Übersicht",
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook.",
            "To view the full story, please subscribe to The Haitian Times.",
            "The regional water board approved a plan on Tuesday to replace the ageing pipes.",
            "Zurück zu den Wurzeln: warum die Stadt ihre alten Brunnen wieder öffnet und was das für die Anwohner bedeutet, die seit Jahren auf sauberes Wasser warten und nun endlich Hoffnung schöpfen, denn die Arbeiten beginnen im Frühjahr und sollen bis zum Herbst dauern.",
        ];
        let set = LineSet::new(BOILERPLATE_LINES);
        for p in BOILERPLATE_LINES {
            let exact = Regex::new(&format!("(?i)^(?:{p})$")).unwrap();
            for t in samples {
                if exact.is_match(t) {
                    assert!(set.is_match(t), "{p:?} matches {t:?}, the set does not");
                }
            }
        }
        for t in [
            "You are here: Home » Sports » High Schools",
            "Print this page",
            "Text size: A A",
            "1.2K shares",
            "Publish at DocHost | More from Greg Alvarez",
            "Topics Housing Rent control City Hall Tenants' rights Development",
            "WATCH | Crews clear the bridge after the storm",
            "Brightwater Tribune Video · Feb. 2, 2024",
        ] {
            assert!(set.is_match(t), "{t}");
        }
        for t in ["You are here because the council voted.", "Print this page at home and bring it along to the polls."]
        {
            assert!(!set.is_match(t), "{t}");
        }
        // The length caps keep a sentence that starts like a label from matching.
        assert!(!set.is_match(samples[samples.len() - 1]));
        assert!(!set.is_match(samples[samples.len() - 2]));
        assert!(set.is_match("Zurück zur Übersicht"));
    }

    /// On text of ASCII and plain punctuation the date parts with ASCII word boundaries find
    /// what the Unicode ones find, and replace the same.
    #[test]
    fn date_parts_with_ascii_boundaries() {
        let pieces = [
            "Updated",
            "Nov",
            "19",
            ",",
            " ",
            "6:55",
            "AM",
            "\u{2014}",
            "\u{2019}",
            "\u{201c}",
            "\u{a0}",
            "on",
            "by",
            "2018",
            "de",
            "janeiro",
            "x",
            "\u{e0}",
            "12.03.2020",
            "\u{2026}",
            "Posted",
            "h",
            "am",
            "_",
            "9h30",
            "\u{2013}",
            "st",
        ];
        let mut seed = 5u64;
        let (mut compared, mut matched) = (0, 0);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..6 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            if !text::only_ascii_and_plain_punctuation(&t) {
                assert!(t.contains('\u{e0}'), "{t:?}");
                continue;
            }
            compared += 1;
            let found = DATE_PARTS.is_match(&t);
            matched += usize::from(found);
            assert_eq!(DATE_PARTS_ASCII_BOUNDARIES.is_match(&t), found, "{t:?}");
            assert_eq!(DATE_PARTS_ASCII_BOUNDARIES.replace_all(&t, " "), DATE_PARTS.replace_all(&t, " "), "{t:?}");
        }
        assert!(compared > 10_000 && matched > 1_000 && matched < compared, "{compared} {matched}");
    }

    #[test]
    fn read_also_pre_test() {
        // Every character that `(?i)` lets start one of the phrases passes.
        let first = Regex::new("(?i)^[acdglmnprstvwz\u{e0}]$").unwrap();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if first.is_match(&c.to_string()) {
                assert!(may_read_also(&c.to_string()), "{:x}", c as u32);
            }
        }
        // The phrases' first letters are in the class above.
        let phrases = READ_ALSO_LINE.as_str();
        let inner = &phrases[phrases.find("((").unwrap() + 2..];
        for alt in inner.split(['|', '(']).filter(|a| !a.is_empty()) {
            let c = alt.chars().next().unwrap();
            if c.is_alphabetic() {
                assert!(first.is_match(&c.to_string()), "{alt}");
            }
        }
        for t in
            ["Leggi anche: x", "(Lesen Sie auch: y)", "[ À lire aussi z", "See also the report", "\u{17f}ee also x"]
        {
            assert!(READ_ALSO_LINE.is_match(t) && may_read_also(t), "{t}");
        }
        assert!(!may_read_also("Officials said on Monday"));
    }

    #[test]
    fn a_paragraph_repeated_past_a_dropped_credit_line_is_dropped() {
        let html = "<html><body><article>\
            <div>Our editors' picks of the horse shows, clinics and fairs of the month ahead.</div>\
            <p>Amy Doe/AIMMEDIA</p>\
            <div>Our editors' picks of the horse shows, clinics and fairs of the month ahead.</div>\
            <p>The regional water board approved a plan on Tuesday to replace the ageing pipes under the old town, \
            after years of complaints from residents about brown water and low pressure.</p>\
            <p>Engineers said the work would start in spring and last until the autumn storms, with the costs \
            shared by the city and the state, which agreed to pay half of the twelve million euros.</p>\
            </article></body></html>";
        let mut doc = Html::parse_document(html);
        let mut cleaner = Cleaner::new(&doc, false);
        let out = extract(&mut doc, None, None, None, &mut cleaner);
        let texts: Vec<String> = out.blocks.iter().map(|b| b.block.plain_text()).collect();
        assert_eq!(texts.iter().filter(|t| t.starts_with("Our editors' picks")).count(), 1, "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Engineers said")), "{texts:?}");
    }

    const WATER_BOARD: &str = "<p>The regional water board approved a plan on Tuesday to replace the ageing pipes \
        under the old town, after years of complaints from residents about brown water and low pressure.</p>";

    const ENGINEERS: &str = "<p>Engineers said the work would start in spring and last until the autumn storms, with \
        the costs shared by the city and the state, which agreed to pay half of the twelve million euros.</p>";

    fn body_text(html: &str, headline: bool) -> String {
        let mut doc = Html::parse_document(html);
        let h1 = doc.select(&scraper::Selector::parse("h1").unwrap()).next().map(|h| h.id()).filter(|_| headline);
        let mut cleaner = Cleaner::new(&doc, false);
        let out = extract(&mut doc, h1, None, None, &mut cleaner);
        out.blocks.iter().map(|b| b.block.plain_text()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_content_never_widens_to_the_headline_box_for_its_header() {
        let html = format!(
            "<html><body><div class=wrap><header><h1>Pipes to be replaced</h1>\
            <p>Residents were heard at last, the board says.</p><span>By Jo Doe, Duluth</span></header>\
            <div class=text>{WATER_BOARD}{ENGINEERS}{WATER_BOARD}{ENGINEERS}</div></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("brown water"), "{text}");
        assert!(!text.contains("heard at last") && !text.contains("Jo Doe"), "{text}");
    }

    #[test]
    fn a_short_post_is_not_replaced_by_its_comments() {
        let comment = "<li><p>Congratulations to the whole family, what a lovely photo and what a wonderful \
            piece of news, to read on a Monday morning.</p></li>";
        let comments = comment.repeat(12);
        let html = format!(
            "<html><body><div class=main><div class=post><h1>My new project</h1>\
            <p>Max was born on Sunday, a future hacker.</p></div>\
            <div id=comments><ol>{comments}</ol></div></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("future hacker") && !text.contains("Congratulations"), "{text}");
        // A thread whose posts are all in the comment box: they are the page.
        let html = format!(
            "<html><body><div class=main><h1>Which tent for the Alps?</h1>\
            <div id=comments><ol>{comments}</ol></div></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("Congratulations"), "{text}");
    }

    #[test]
    fn a_short_post_with_links_keeps_its_box_inside_a_wide_content() {
        // The content widens to the page's wrapper; the box around the post (a few lines, three
        // product links, a pager) reads as link-heavy but holds the best-scored paragraph.
        let comment = "<li><p>Love her and love her outfit, what an amazing bag and what a wonderful colour \
            combination for the autumn.</p></li>";
        let comments = comment.repeat(12);
        let html = format!(
            "<html><body><div id=wrapper class=hfeed><div id=header><a href=/>Home</a> <a href=/about>About</a></div>\
            <div id=container><div id=content><div class=\"hentry post\"><h2 class=entry-title>In St. Germain</h2>\
            <div class=entry-content><p>I am totally inspired by this collection, my all time favourite. The shirt \
            is vintage, <a href=/a>jeans by J Brand</a>, <a href=/b>the Mulberry bag</a> and <a href=/c>shoes by \
            Charlotte Olympia</a>.</p></div></div><div id=nav-below class=navigation><a href=/prev>At Dior</a> \
            <a href=/next>Cruising the streets</a></div></div></div>\
            <div id=comments><ol>{comments}</ol></div></div></body></html>"
        );
        let text = body_text(&html, false);
        assert!(text.contains("totally inspired") && !text.contains("Love her"), "{text}");
    }

    #[test]
    fn a_box_with_an_unlikely_class_holding_most_of_the_text_stays() {
        // A review set in a table cell whose styling class reads "nav-…", its text in lines
        // parted by `<br>`, no paragraphs; a box of sponsored links with a paragraph beside it.
        let line = "It's hard to imagine the composers of yesteryear, armed with pen and paper only, \
            getting the sounds they heard in their heads out to an audience.<br>";
        let review = line.repeat(12);
        let sponsor = "<p>Alesis for sale: huge savings on Alesis keyboards in stock, next day delivery, \
            free shipping on orders over fifty pounds, price match guaranteed, order online today and \
            save on every model, with great customer service and a two year warranty.</p>";
        let html = format!(
            "<html><body><table><tr><td class=nav-new-1-pixel><span>{review}</span></td></tr></table>\
            <div class=listings>{sponsor}{sponsor}</div></body></html>"
        );
        let text = body_text(&html, false);
        assert!(text.contains("composers of yesteryear"), "{text}");
    }

    #[test]
    fn a_page_whose_prose_is_all_in_hidden_slides_is_not_empty() {
        let html = "<html><body><header><h1>Eat, drink and keep the kids busy</h1></header>\
            <div id=slides><div style=\"display:none\"><p>A paper table runner printed with owls and \
            leaves waits for little hands to colour it in while the grown-ups talk.</p>\
            <p><a href=/shop>Available at the shop</a></p></div>\
            <div style=\"display:none\"><p>A set of beeswax sheets and wicks lets the children roll \
            the candles that light the meal, and nobody minds the mess.</p></div>\
            <div class=current style=\"visibility:hidden\"><p>A paper table runner printed with owls and \
            leaves waits for little hands to colour it in while the grown-ups talk.</p></div></div>\
            <footer>Privacy policy. Terms of use.</footer></body></html>";
        let text = body_text(html, false);
        assert!(text.contains("beeswax sheets") && text.matches("paper table runner").count() == 1, "{text}");
        assert!(!text.contains("Available at the shop") && !text.contains("Privacy"), "{text}");
    }

    #[test]
    fn a_page_whose_prose_is_in_list_items_and_headings_is_not_empty() {
        let html = "<html><body><h1>Care of Real Christmas Trees</h1><ul>\
            <h4><li>The care of all the different species of trees is essentially the same.</li></h4>\
            <h4><li>As soon as you arrive home place the tree in a bucket of water.</li></h4>\
            </ul><p><a href=/stands>Tree stands</a></p>\
            <p>Copyright © 2006 Shady Pond Tree Farm. All rights reserved. Site maintained by our webmaster.</p></body></html>";
        let mut doc = Html::parse_document(html);
        let mut cleaner = Cleaner::new(&doc, false);
        let out = extract(&mut doc, None, None, None, &mut cleaner);
        let text: Vec<String> = out.blocks.iter().map(|b| b.block.plain_text()).collect();
        let text = text.join("\n");
        assert!(text.contains("bucket of water"), "{text:?}");
        assert!(!text.contains("Tree stands"), "a block that is only a link stays out: {text:?}");
    }

    #[test]
    fn prose_written_straight_into_a_list_is_the_content() {
        // An old transcript page: a short summary in paragraphs, then the speeches as text
        // nodes and line breaks inside a `ul` used for its indent (no `li`).
        let speech = "The member said the bill would give farmers, scientists and the public a say in \
            which crops are planted, and that the committee would report before the winter. ";
        let html = format!(
            "<html><body><h1>Council transcript</h1><div id=main><span class=small>\
             <p>Transcript extract, council of 21 May 2003, pages 784 to 814, the second reading.</p>\
             <p>Subjects: <a href=/a>Farming</a>; <a href=/b>Science</a>; <a href=/c>Weeds</a></p></span>\
             <div id=text><ul><br><b>Debate resumed.</b><br><br>{speech}{speech}<br><br>{speech}<br><br>\
             The second member agreed with the first one and asked for a vote on the amendment today.\
             <br><br>{speech}</ul></div></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("The second member agreed"), "{text:?}");
        assert!(text.contains("Debate resumed"), "{text:?}");

        // A menu list's links and items never score as prose.
        let html = format!(
            "<html><body><h1>Pipes to be replaced</h1><ul class=menu>| <a href=/a>Home page of the city council</a> | \
             <a href=/b>News from the city council</a> | <li><a href=/c>Contact the city council today</a></li></ul>\
             <div class=story>{ENGINEERS}<p>Residents will be told a week before work starts on their street, \
             the council said.</p></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("Residents will be told"), "{text:?}");
        assert!(!text.contains("Home page"), "{text:?}");
    }

    #[test]
    fn a_short_post_that_the_description_repeats_beats_a_longer_side_box() {
        let post = "Happy Friday! We love this inspiration board from a studio in town and are excited to \
            celebrate with a chic couple this weekend.";
        let html = format!(
            "<html><head><meta name=description content=\"{post}\"></head><body><div class=layout><div class=col-a>\
             <div class=entry><h3>city chic</h3><div class=entry-body><p><img src=/board.jpg></p><p>{post}</p></div></div></div>\
             <div class=col-b><div class=\"widget module\"><div class=module-content><p>If you see an image we have not \
             linked or given credit to, please let us know so we can give proper credit. If we have used an image that \
             belongs to your company and you would prefer that we did not, please let us know and we will take it down.</p>\
             </div></div><div class=module><ul><li><a href=/a>October 2012</a></li><li><a href=/b>September 2012</a></li>\
             <li><a href=/c>August 2012</a></li><li><a href=/d>July 2012</a></li></ul></div></div></div></body></html>"
        );
        let text_with = |description: Option<&str>| {
            let mut doc = Html::parse_document(&html);
            let h3 = doc.select(&scraper::Selector::parse("h3").unwrap()).next().map(|h| h.id());
            let mut cleaner = Cleaner::new(&doc, false);
            let out = extract(&mut doc, h3, description, None, &mut cleaner);
            out.blocks.iter().map(|b| b.block.plain_text()).collect::<Vec<_>>().join("\n")
        };
        // Scores alone pick the side box's longer paragraph …
        assert!(text_with(None).contains("proper credit"));
        // … the description says which sentence is the post's.
        let text = text_with(Some(post));
        assert!(text.contains("Happy Friday") && !text.contains("proper credit"), "{text:?}");
        // A description cut short with an ellipsis still names its paragraph.
        let cut = format!("{}...", &post[..80]);
        assert!(text_with(Some(&cut)).contains("Happy Friday"));
    }

    #[test]
    fn a_list_of_widget_lines_goes() {
        // An article-tools list, item by item widget lines, inside the article column.
        let html = format!(
            "<html><body><div class=story><h1>Pipes to be replaced</h1>{ENGINEERS}\
             <ul><li><a href=#>Print this page</a></li><li><a href=/e>E-mail this story</a></li>\
             <li>Text size: <a href=#>A</a> <a href=#>A</a></li></ul>\
             <p>Residents will be told a week before work starts on their street, the council said.</p>\
             <ul><li>3.7% in 2000</li><li>4.0% in 2010</li><li>5.6% in 2012</li></ul></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(!text.contains("Print this page") && !text.contains("Text size"), "{text:?}");
        // A list whose items only look like dates or counters stays.
        assert!(text.contains("Residents will be told") && text.contains("5.6% in 2012"), "{text:?}");
    }

    #[test]
    fn closing_copyright_notices_leave_the_body() {
        // Longer than the copyright lines of `BOILERPLATE_LINES`, which go wherever they are.
        let html = format!(
            "<html><body><div class=story><h1>Pipes to be replaced</h1>{ENGINEERS}\
             <p>Residents will be told a week before work starts on their street.</p>\
             <p>© 2006 Example Media Ltd. This article is licensed for use on this site only. Please do not \
             reproduce it wholly or in part without a license; ask our syndication desk for terms, prices \
             and the permissions you need.</p>\
             <p>The league's name, its shield and the cup's image are trademarks of Example League \
             Enterprises. Copyright Example League 2006. All Rights Reserved. Terms of use apply to every \
             page of this site.</p>\
             <table><tr><td>1 Harbour Street, Example Town. Copyright by Example Media. All rights reserved.</td></tr></table>\
             </div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("Residents will be told"), "{text:?}");
        assert!(!text.contains("Example"), "the notices under the story go: {text:?}");

        // A notice inside the text, or a closing paragraph about copyright, is the article's.
        let html = format!(
            "<html><body><div class=story><h1>A new novel</h1>{ENGINEERS}\
             <p>The foregoing is excerpted from a novel by Jane Doe. Copyright Jane Doe, 2006. All rights \
             reserved. No part of this book may be used or reproduced without the written permission of the \
             publisher, except for brief quotations in reviews.</p>\
             <p>Residents will be told a week before work starts on their street.</p>\
             <p>Copyright law is older than the printing press in some readings of the statute, and the courts \
             have read it widely ever since the first cases were heard.</p></div></body></html>"
        );
        let text = body_text(&html, true);
        assert!(text.contains("Jane Doe"), "{text:?}");
        assert!(text.contains("Copyright law is older"), "{text:?}");
    }

    #[test]
    fn copyright_notices() {
        for t in [
            "© 2004 The Example Programmers, LLC.",
            "(C) Copyright 2004 from a project management web site.",
            "[© COPYRIGHT, 2001, Jane Doe. All Rights Reserved.",
            "Copyright Policy: © 2002, Jane Doe, all rights reserved.",
            "Copyright by Office of the Prime Minister. All rights reserved.",
            "Created in 1996-2006 © by Jane Doe. All rights reserved.",
            "Example.com is the official web site of the league. The word mark and logo are trademarks. Copyright © 2006 Example. All rights reserved.",
        ] {
            assert!(is_copyright_notice(t), "{t}");
        }
        for t in [
            "Copyright law is older than the printing press.",
            "(c) the defendant shall pay the costs of the appeal.",
            "All rights reserved to the people, as the constitution says.",
            "Hello! All images & content are copyright protected. Please ask before you use them.",
            "Licences stand between copyright (all rights reserved) and the public domain.",
        ] {
            assert!(!is_copyright_notice(t), "{t}");
        }
        assert!(!is_copyright_notice(&format!("© 2006 Jane Doe. {}", "A long closing section. ".repeat(80))));
    }

    #[test]
    fn pre_tests_never_reject_a_match() {
        for t in [
            "Advert",
            "ADVERTS",
            "This video requires JavaScript.",
            "[caption id=x]",
            "Sign up to our Newsletters today",
            "Register for the best of the week, straight to your INBOX",
            "Delivered to your door",
            "We use COOKIES to improve our site",
            "This website uses cookies",
            "This website uses coo\u{212a}ies",
            "\u{17f}ign up to our newsletter",
        ] {
            let plug = PLUG_LINE.is_match(t);
            let cookie = COOKIE_LINE.is_match(t);
            assert!(plug || cookie, "{t}");
            assert!(!plug || may_hold(t, &PLUG_WORDS), "{t}");
            assert!(!cookie || may_hold(t, &COOKIE_WORD), "{t}");
        }
    }

    #[test]
    fn boilerplate_lines() {
        for t in [
            "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
            "segunda-feira, 22 de janeiro de 2018 às 0:13",
            "October 12, 2017",
            "(Leggi anche su: I Cavalieri dello Zodiaco: ecco gli attori)",
            "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde",
            "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.",
            "Advertisement",
            "This slideshow requires JavaScript.",
            "There's plenty more where that came from. Sign up for The Daily today to get the free newsletter delivered to your inbox daily.",
            "Story continues below advertisement",
            "Weiter nach der Anzeige",
            "Link copied!",
            "Open in app",
            "Watch more",
            "4:05",
            "See all 12 photos",
            "Slide 1 of 42",
            "Next »",
            "Instagram 38K",
            "21.4K views",
            "Tagged:",
            "48 Comments",
            "This article is for subscribers",
            "Start your free trial",
            "Get The Valley Dispatch delivered free to your inbox every Tuesday.",
            "Seite 1 von 3 Nächste Seite: Was die Anwohner jetzt fordern",
            "Alle Folgen",
            "Print subscribers: activate your free digital access · Subscribe today",
            "Wij gebruiken cookies om de website goed te laten werken.",
            "TrackBack URL for this entry: http://www.example.com/services/trackback/6a00d8",
            "Trackbacks (3)",
            "* * * * * * * Back to the top * * * * * * *",
            "^ Return to top of page",
            "This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled.",
            "« Three-Rotor Enigma Machine Up for Auction | Main | New SSL Vulnerability »",
            "« Yet another discouraging GDP report | Main",
            "Main | A few notes to makers of infant clothing »",
            "<<",
            "›",
            "Previous article",
            "NEXT ARTICLE",
            "Previous Next",
            "Newer post | Older post",
            "Hide caption",
            "Top of page",
            "^ Top",
            "Return to citation in text: [1] [2]",
            "(Return to contents)",
        ] {
            assert!(is_boilerplate_line(t), "{t}");
        }
        for t in [
            "The meeting on October 12, 2017 ended without a deal, and the talks collapsed.",
            "Published in 2019, the report found that most banks had no plan.",
            "The company said it was reviewing how its website uses tracking cookies after the complaint.",
            "The story continues below the surface, where divers found the wreck in 2019.",
            "Facebook said on Tuesday that it would appeal the fine.",
            "Comments from residents were mostly favourable.",
            "Back to the top of the league, the club celebrated with its fans.",
            "The trackback feature was removed from the platform in 2012.",
            "« Main | Street » was the sign the tourists kept photographing, he said.",
            "Next, the council will vote on the budget.",
            "Top officials met on Monday.",
        ] {
            assert!(!is_boilerplate_line(t), "{t}");
        }
    }
}
