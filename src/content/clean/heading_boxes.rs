//! Boxes introduced by a boilerplate heading ("Related", "Share this:", "3 Comments", …),
//! and the box of a heading in general (site profiles find author boxes with it).

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::cleaner::{Cleaner, Protect};
use crate::article::RemovalKind;
use crate::content::paragraphs::{PROSE_PARAGRAPH_MIN_CHARS, holds_paragraph_of, is_prose_paragraph, link_chars};
use crate::dom::{self, DomNode, TextLens, Walk};

/// Headings of boxes that are never article body, with the kind they are reported as and the
/// longest text their box may hold (used by the general extractor; site profiles carry their
/// own in `config.toml`).
pub const BOILERPLATE_HEADINGS: &[(&str, RemovalKind, usize)] = &[
    // English, then German, French, Spanish, Portuguese, Italian, Polish, Dutch.
    (
        r"(?i)^(related|related (posts|articles|stories|content|reading|links|topics)|you (may|might) also like|more (stories|articles|news|on this( topic)?)|more (from|in) .{1,40}|empfohlen für dich|für dich empfohlen|recommended( for you| reading| stories)?|read (more|next)|popular( posts| stories)?|most (read|popular|viewed|commented|emailed|shared)|related (coverage|video|videos|reading)|keep reading|from across the .{1,40}|more (coverage|videos)|watch more( videos)?|recent( [\w-]+)? (posts|articles|entries|stories)|latest (news|stories|articles)|trending( now)?|around the web|further reading|relevant links|das könnte (dich|sie) auch interessieren|(das|dies) (könnte|dürfte) sie auch interessieren|mehr (zum thema|themen|dazu|aus .{1,40})|weitere (beiträge|artikel|themen|nachrichten|news)( .{1,40})?|beiträge zum thema|ähnliche (artikel|beiträge|themen|nachrichten|news|meldungen)|top[- ]themen( der redaktion)?|meist[- ]?(diskutiert|kommentiert)|热门推荐|相关(新闻|文章|阅读)|aktuelle (news|nachrichten|artikel|beiträge)|neueste (artikel|beiträge)|auch interessant|lesen sie (auch|mehr)|zum thema|verwandte (artikel|themen|beiträge)|empfehlungen|meistgelesen(e artikel)?|top-?artikel|à lire aussi|a lire aussi|sur le même sujet|articles similaires|dans la même rubrique|les plus lus|noticias relacionadas|te puede interesar|más noticias|lo más leído|notícias relacionadas|leia também|veja também|articoli correlati|potrebbe interessarti|leggi anche|ultime notizie|zobacz (też|także)|czytaj (też|także)|powiązane( artykuły)?|najnowsze|najczęściej czytane|gerelateerde artikelen|lees ook|meest gelezen)\s*[.:…!]*$",
        RemovalKind::Related,
        HEADING_BOX_MAX_CHARS,
    ),
    // Follow-us bars: "Stay connected", "Connect with us", "Volg De Polderkrant". ("Follow
    // us" itself is often a phrase inside the article's last paragraph.)
    (
        r"(?i)^(stay connected|connect with us|volg (ons|(?-i:\p{Lu}).{0,40}))\s*:?$",
        RemovalKind::Share,
        HEADING_BOX_MAX_CHARS,
    ),
    (
        r"(?i)^(share( this( article| story| post| page)?)?|like this|spread the word|teilen|artikel teilen|diesen artikel teilen|partager|compartir|condividi|udostępnij)\s*:?$",
        RemovalKind::Share,
        HEADING_BOX_MAX_CHARS,
    ),
    // A list of readers' comments ("Comments", "12 Comments", "Reader comments", "3 Responses
    // to “Title”"): it runs as long as the readers wrote, so its box has no length limit.
    // "12 thoughts on “Title”" heads a comment list with its count; without one, "Thoughts on
    // …" is an article's own title.
    (
        r"(?i)^((\d+|one)\s+(thoughts?|responses?|replies|comments?) (on|to) .{1,80}|((\d+|one)\s+)?((reader|user)s?'? )?(comments|kommentare|leserkommentare|commentaires|comentarios|commenti|komentarze|reacties)( \(\d+\))?\s*:?|(\d+|one)\s+(comment|responses?|replies))$",
        RemovalKind::Comments,
        usize::MAX,
    ),
    // Other comment headings (forms, "Discussion", "Replies" or "Comment" alone, which also
    // head an article's own section) keep the limit.
    (
        r"(?i)^(((\d+|one)\s+)?((reader|user)s?'? )?(comments?|responses?|replies|leave a (reply|comment)|(post|add|write) a comment|join the (discussion|conversation)|discussion|kommentare?|kommentieren|kommentar (schreiben|verfassen)|schreibe einen kommentar|leserkommentare|diskussion|commentaires?|laisser un commentaire|comentarios?|deja un comentario|commenti|lascia un commento|komentarze?|dodaj komentarz|reacties|reageer)( \(\d+\))?\s*:?)$",
        RemovalKind::Comments,
        HEADING_BOX_MAX_CHARS,
    ),
    (
        r"(?i)^(subscribe( now| to .{1,40})?|newsletter( abonnieren| bestellen)?|sign up( for .{1,40})?|get (our|the) newsletter|stay (informed|up to date)|jetzt abonnieren|abonnez-vous|suscríbete)\s*:?$",
        RemovalKind::Newsletter,
        HEADING_BOX_MAX_CHARS,
    ),
    // Cookie and consent banners headed by their title, in the languages above.
    (
        r"(?i)^(cookies (on|op|auf|sur|en|su) .{1,40}|cookie (settings|policy|preferences|notice)|(manage )?privacy (settings|preferences)|we value your privacy|your privacy choices|datenschutzeinstellungen|cookie-einstellungen|paramètres des cookies|gestion des cookies|configuración de cookies|cookie-instellingen)\s*:?$",
        RemovalKind::CookieNotice,
        HEADING_BOX_MAX_CHARS,
    ),
    (
        r"(?i)^(about the authors?|about .{1,40} author|author bio|über (den|die) autor(in)?|zum autor|zur autorin|l'auteur|sobre el autor)\s*:?$",
        RemovalKind::AuthorBox,
        HEADING_BOX_MAX_CHARS,
    ),
];

/// [`BOILERPLATE_HEADINGS`] searched at once (most headings match none).
static BOILERPLATE_HEADING_SET: std::sync::LazyLock<regex::RegexSet> = std::sync::LazyLock::new(|| {
    regex::RegexSet::new(BOILERPLATE_HEADINGS.iter().map(|(p, _, _)| p)).expect("static regexes")
});

/// The kind and box limit of the first of [`BOILERPLATE_HEADINGS`] that matches `text`.
fn boilerplate_heading(text: &str) -> Option<(RemovalKind, usize)> {
    let set = &*BOILERPLATE_HEADING_SET;
    if !set.is_match(text) {
        return None;
    }
    set.matches(text).iter().next().map(|i| (BOILERPLATE_HEADINGS[i].1, BOILERPLATE_HEADINGS[i].2))
}

/// Longest text of a box found by a boilerplate heading.
const HEADING_BOX_MAX_CHARS: usize = 3000;

/// Takes out boxes introduced by the boilerplate headings above ("Related", "Share this:",
/// "3 Comments", …). Headings are `h1`–`h6` or short lines.
pub fn remove_boilerplate_heading_boxes(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    // Each heading's node, its kind and its box's length limit.
    let mut hits: Vec<(NodeId, RemovalKind, usize)> = Vec::new();
    let lens = cleaner.lens();
    dom::walk(doc.tree.root(), |n| {
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if t == "head" || dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let is_heading = dom::heading_level(t).is_some() || matches!(t, "strong" | "b" | "span" | "div" | "p" | "em");
        if !is_heading || !text_bearing(n) {
            return Walk::Descend;
        }
        let len = lens.get(n);
        if len == 0 || len > 60 {
            return Walk::Descend;
        }
        let text = dom::text(n);
        if let Some((kind, max_chars)) = boilerplate_heading(&text) {
            // The heading may sit inside `<h3><em>Related</em></h3>`: take the outer heading.
            let id = n
                .parent()
                .filter(|p| dom::tag(p).and_then(dom::heading_level).is_some() && lens.get(*p) == len)
                .map_or(n.id(), |p| p.id());
            hits.push((id, kind, max_chars));
            return Walk::Skip;
        }
        Walk::Descend
    });
    for (h, kind, max_chars) in hits {
        let mut boxes = heading_box(doc, h, protect, max_chars, cleaner.lens());
        // A share bar holds links and words, never prose: a box that does has climbed into
        // the article ("Share article" above the body); the heading goes alone.
        if kind == RemovalKind::Share
            && boxes.iter().any(|b| {
                doc.tree.get(*b).is_some_and(|n| holds_paragraph_of(n, cleaner.lens(), PROSE_PARAGRAPH_MIN_CHARS))
            })
        {
            boxes = vec![h];
        }
        // A "Related" heading in flat markup gathers its siblings: the links it introduces,
        // not the article going on after them (its prose, a list of sentences, or a bold
        // subheading that opens its next section).
        if kind == RemovalKind::Related
            && boxes.first() == Some(&h)
            && let Some(cut) = boxes
                .iter()
                .position(|b| *b != h && doc.tree.get(*b).is_some_and(|n| resumes_the_article(n, cleaner.lens())))
        {
            boxes.truncate(cut);
        }
        for id in boxes {
            if !protect.forbids(doc, id) {
                cleaner.remove(doc, id, kind, "boilerplate-heading");
            }
        }
    }
}

/// Longest bold line taken for a subheading (see [`resumes_the_article`]).
const SUBHEAD_MAX_CHARS: usize = 100;

/// Whether a sibling after a "Related" heading is the article again, not a related link: a
/// prose paragraph, a list of prose length without a link (a list of sentences; a related
/// list links its items, and a teaser list adds summaries to the links), or a subheading set
/// as a bold line (`<p><strong>Layered Security</strong></p>`, not a label ending in a colon).
fn resumes_the_article(n: DomNode<'_>, lens: &TextLens) -> bool {
    let len = lens.get(n);
    if len == 0 {
        return false;
    }
    let links = link_chars(n, lens);
    if is_prose_paragraph(n, lens)
        || (matches!(dom::tag(&n), Some("ul" | "ol")) && links == 0 && len >= PROSE_PARAGRAPH_MIN_CHARS)
    {
        return true;
    }
    if links * 2 >= len {
        return false;
    }
    let mut children = n.children().filter(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(_) => true,
        _ => false,
    });
    let only = children.next().filter(|_| children.next().is_none());
    // A bold line ending in a colon ("Links to other sites:") labels more links.
    matches!(dom::tag(&n), Some("p" | "div"))
        && len <= SUBHEAD_MAX_CHARS
        && only.is_some_and(|c| matches!(dom::tag(&c), Some("strong" | "b")) && !dom::text(c).trim_end().ends_with(':'))
}

/// Elements worth testing against a text pattern: paragraph-like elements and elements with
/// their own text (wrappers without text are skipped: their children are tested instead).
pub fn text_bearing(n: DomNode<'_>) -> bool {
    match n.value() {
        Node::Element(e) => {
            matches!(
                e.name(),
                "p" | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "td"
                    | "dt"
                    | "dd"
                    | "figcaption"
                    | "blockquote"
                    | "section"
                    | "aside"
            ) || dom::has_direct_text(n)
        }
        _ => false,
    }
}

/// Text a heading's box may hold besides what it has gathered so far, when climbing.
const BOX_OTHER_TEXT_CHARS: usize = 500;

/// The box of a heading: the largest ancestor that starts with the heading and holds
/// neither the article (nor the body) nor too much text. When the heading has no box of its own (flat
/// markup), the heading and its following siblings up to the next heading.
pub fn heading_box(doc: &Html, heading: NodeId, protect: Protect, max_chars: usize, lens: &TextLens) -> Vec<NodeId> {
    let Some(h) = doc.tree.get(heading) else { return Vec::new() };
    let mut cur = h;
    while let Some(parent) = cur.parent() {
        let pid = parent.id();
        let is_top = matches!(dom::tag(&parent), Some("body" | "html") | None);
        if is_top || protect.forbids(doc, pid) || protect.root == Some(pid) {
            break;
        }
        if lens.get(parent) > max_chars {
            break;
        }
        // A box starts with its heading: once text comes before it, the parent is a
        // container of other things (the article, a column), not the heading's box.
        let first_with_text = parent.children().find(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => lens.get(*c) > 0,
            _ => false,
        });
        if first_with_text.map(|c| c.id()) != Some(cur.id()) {
            break;
        }
        // Nor does a box hold much more than what it has gathered so far: a parent with a
        // lot of other text is the article or a column that happens to start with the box.
        let own = lens.get(cur);
        if lens.get(parent).saturating_sub(own) > (3 * own).max(BOX_OTHER_TEXT_CHARS) {
            break;
        }
        cur = parent;
    }
    if cur.id() != heading {
        return vec![cur.id()];
    }
    // Flat markup: the heading and its siblings until the next heading, within the budget.
    let mut out = vec![heading];
    let mut used = lens.get(h);
    let mut sib = h.next_sibling();
    while let Some(s) = sib {
        if let Some(t) = dom::tag(&s) {
            used += lens.get(s);
            if dom::heading_level(t).is_some() || protect.forbids(doc, s.id()) || used > max_chars {
                break;
            }
            out.push(s.id());
        }
        sib = s.next_sibling();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::content::clean::test_support::{PROSE, text_after};

    fn heading_kind(text: &str) -> Option<RemovalKind> {
        boilerplate_heading(text).map(|(kind, _)| kind)
    }

    fn clean(html: &str) -> String {
        text_after(remove_boilerplate_heading_boxes, html)
    }
    const RELATED: &str = "<p><b>Related:</b></p><ul><li><a href=/a>Dockworkers reach a deal</a></li><li><a href=/b>Five things to know about the tunnel</a></li></ul>";

    #[test]
    fn a_flat_related_box_stops_where_the_article_goes_on() {
        // A bold subheading opens the article's next section.
        let html = format!(
            "<html><body><div>{PROSE}{RELATED}<p><strong>Layered Security</strong></p>{PROSE}</div></body></html>"
        );
        let text = clean(&html);
        assert!(!text.contains("Dockworkers") && !text.contains("Five things"), "{text}");
        assert!(text.contains("Layered Security") && text.matches("harbour board").count() == 2, "{text}");
        // A list of sentences is the article's, a list of links the box's.
        let html = format!(
            "<html><body><div>{PROSE}{RELATED}<ul><li>How attackers turned stolen credentials into a mass data theft campaign;</li><li>Why the shared responsibility model is being tested.</li></ul></div></body></html>"
        );
        let text = clean(&html);
        assert!(
            !text.contains("Dockworkers") && text.contains("How attackers turned") && text.contains("being tested"),
            "{text}"
        );
        // A bold label ending in a colon introduces more links: they go too.
        let html = format!(
            "<html><body><div>{PROSE}{RELATED}<p><strong>Links to other sites:</strong></p><ul><li><a href=/c>A report on tunnels</a></li></ul>{PROSE}</div></body></html>"
        );
        let text = clean(&html);
        assert!(!text.contains("Links to other sites") && !text.contains("A report on tunnels"), "{text}");
    }

    #[test]
    fn a_flat_comment_list_goes_whole() {
        // A blog's comments as siblings of the post, longer than any other heading's box.
        let comment = "<div><p>I do not agree with the post: the harbour board has tried this twice already, and \
            both times the costs ran far over what the city had planned for the works.</p></div>\
            <p>Posted by: Jane at October 29, 2012 05:23 PM</p>";
        let html = format!(
            "<html><body><div>{PROSE}<h2>Comments</h2>{}<h2>Post a comment</h2><p>Name: Email:</p></div></body></html>",
            comment.repeat(30)
        );
        let text = clean(&html);
        assert!(text.contains("harbour board"), "{text}");
        assert!(!text.contains("I do not agree") && !text.contains("Posted by"), "{text}");

        // "Discussion" heads a paper's own section too: only its first part would go.
        // Each is still a comment heading, with the usual box limit.
        assert_eq!(boilerplate_heading("Discussion"), Some((RemovalKind::Comments, HEADING_BOX_MAX_CHARS)));
        assert_eq!(boilerplate_heading("Comment"), Some((RemovalKind::Comments, HEADING_BOX_MAX_CHARS)));
        for heading in
            ["Comments", "12 Comments", "Reader comments", "3 Responses to “Pipes”", "One comment", "Kommentare (4)"]
        {
            assert_eq!(boilerplate_heading(heading), Some((RemovalKind::Comments, usize::MAX)), "{heading}");
        }
    }

    #[test]
    fn recent_post_lists_of_a_network_are_related_boxes() {
        for heading in ["Recent Posts", "Recent Network Posts", "Recent blog entries", "Recent Articles:"] {
            assert_eq!(heading_kind(heading), Some(RemovalKind::Related), "{heading}");
        }
        assert_eq!(heading_kind("Recent posts suggest a change of course at the harbour"), None);
        // A side box of excerpts from a network's blogs, each a paragraph of prose.
        let excerpt = "<li><h3>Other blog</h3><p>We have a podcast! For a while now, we at the other blog have been \
            talking about starting a show of our own, and here it is at last.</p></li>";
        let html = format!(
            "<html><body><div>{PROSE}</div><div class=side><h3>Recent Network Posts</h3><ul class=recent_posts>{}</ul></div></body></html>",
            excerpt.repeat(4)
        );
        let text = clean(&html);
        assert!(text.contains("harbour board") && !text.contains("podcast"), "{text}");
    }

    #[test]
    fn thoughts_on_heads_comments_only_with_a_count() {
        assert_eq!(heading_kind("12 thoughts on “Pipes to be replaced”"), Some(RemovalKind::Comments));
        assert_eq!(heading_kind("One thought on “Pipes”"), Some(RemovalKind::Comments));
        assert_eq!(heading_kind("3 Comments"), Some(RemovalKind::Comments));
        // An article titled so keeps its text.
        assert_eq!(heading_kind("Thoughts on Medical School Interviews II"), None);
        let html =
            format!("<html><body><div><h1>Thoughts on Medical School Interviews</h1>{PROSE}</div></body></html>");
        assert!(clean(&html).contains("harbour board"));
    }
}
