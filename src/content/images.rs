//! Pictures of the body: the `image` blocks, and the captions and credits that cleaning takes
//! out of the text and hands to them.
//!
//! Cleaning removes captions (`figcaption`, a profile's caption lines, credit lines beside a
//! picture) from the body; [`Captions`] keeps what each said, by the element it described (the
//! `figure`, or the picture's wrapper), so that the body builder can give it to the image
//! block at that place.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::{Captures, Regex};
use scraper::Node;
use scraper::node::Element;
use url::Url;

use super::links::resolve_link;
use crate::article::Block;
use crate::dom::{self, DomNode, NodeMap, NodeSet, Walk};
use crate::matching::{Tokens, may_hold};
use crate::parse::attributes::ReadAttr;

/// What a caption said, split into the caption proper and the credit line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FigureText {
    /// The caption.
    pub(crate) caption: Option<String>,
    /// Photographer, agency, source.
    pub(crate) credit: Option<String>,
}

impl FigureText {
    /// Adds what `other` says where this says nothing yet (a credit found apart from the
    /// caption), or after it.
    fn merge(&mut self, other: FigureText) {
        for (mine, theirs) in [(&mut self.caption, other.caption), (&mut self.credit, other.credit)] {
            match (mine.as_mut(), theirs) {
                (_, None) => {}
                (None, t) => *mine = t,
                (Some(m), Some(t)) if !m.contains(&t) => {
                    m.push(' ');
                    m.push_str(&t);
                }
                _ => {}
            }
        }
    }
}

/// Captions and credits taken out of the body, by the element they describe.
#[derive(Debug, Default)]
pub(crate) struct Captions(NodeMap<FigureText>);

impl Captions {
    /// Keeps what `caption` (an element about to be removed) says of `owner`.
    pub(crate) fn keep(&mut self, owner: NodeId, caption: DomNode<'_>) {
        let said = caption_and_credit(caption);
        if said.caption.is_some() || said.credit.is_some() {
            self.0.entry(owner).or_default().merge(said);
        }
    }

    /// What was said of `img` or of one of its few nearest ancestors (its figure or
    /// wrapper), once: a figure's caption goes to its first picture.
    fn take_for(&self, img: DomNode<'_>, used: &mut NodeSet) -> FigureText {
        for n in std::iter::once(img).chain(img.ancestors()).take(OWNER_MAX_DEPTH) {
            if let Some(t) = self.0.get(&n.id()) {
                return if used.insert(n.id()) { t.clone() } else { FigureText::default() };
            }
        }
        FigureText::default()
    }

    /// What was said of a `figure` (a quotation's attribution), if anything.
    pub(crate) fn of(&self, owner: NodeId) -> Option<&FigureText> {
        self.0.get(&owner)
    }
}

/// How far above a picture its caption's owner may be (picture, link, wrapper, figure).
const OWNER_MAX_DEPTH: usize = 5;

/// Smallest picture, in pixels of a `width` or `height` attribute: smaller ones are icons,
/// bullets and tracking pixels.
const MIN_PICTURE_PIXELS: u32 = 60;

/// Class/id tokens of pictures that are decoration, not content.
pub const DECORATION_TOKENS: &[&str] =
    &["emoji", "smiley", "icon", "avatar", "logo", "spacer", "pixel", "badge", "gravatar", "sprite", "tracking"];

static DECORATION: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(DECORATION_TOKENS));

/// Whether an `img` is decoration: tiny by its attributes, or named like an icon.
fn is_decoration(e: &Element) -> bool {
    let tiny = [ReadAttr::Width, ReadAttr::Height].into_iter().any(|k| {
        dom::attr(e, k)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|v| v < MIN_PICTURE_PIXELS)
    });
    tiny || DECORATION.in_id_class(e)
}

/// Whether a picture's file is named as decoration: a word of its file name (split at
/// anything but letters and digits) is one of [`DECORATION_TOKENS`] (`site_logo.png`,
/// `share-icon.svg`; not `silicon-valley.jpg`).
fn is_decoration_file(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    file.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| DECORATION_TOKENS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

/// The URL of an `img`: `src`, else a lazy-loading source, else the first of `srcset`;
/// resolved against the page URL (none without one, if relative).
pub(crate) fn img_url(e: &Element, base: Option<&Url>) -> Option<String> {
    let src = [ReadAttr::Src, ReadAttr::DataSrc, ReadAttr::DataLazySrc, ReadAttr::DataOriginal]
        .into_iter()
        .filter_map(|k| dom::attr(e, k))
        .find(|s| !s.trim().is_empty() && !s.trim_start().starts_with("data:"))
        .or_else(|| dom::attr(e, ReadAttr::Srcset).and_then(|s| s.split(',').next()?.split_whitespace().next()))?;
    resolve_link(src, base)
}

/// An image block for `img` (an `img` element), unless it is decoration or has no usable
/// URL; its caption and credit from what cleaning kept.
pub(crate) fn image_block(
    img: DomNode<'_>,
    base: Option<&Url>,
    captions: &Captions,
    used: &mut NodeSet,
) -> Option<Block> {
    let e = img.value().as_element()?;
    if is_decoration(e) {
        return None;
    }
    let url = img_url(e, base)?;
    if is_decoration_file(&url) {
        return None;
    }
    let alt = dom::attr(e, ReadAttr::Alt).map(dom::normalize_space).filter(|a| !a.is_empty());
    let FigureText { caption, credit } = captions.take_for(img, used);
    Some(Block::Image { url, alt, caption, credit })
}

/// Class/id tokens of the part of a caption that credits the picture.
pub const CREDIT_TOKENS: &[&str] =
    &["credit", "copyright", "source", "attribution", "photographer", "byline", "courtesy", "agency"];

static CREDIT_CLASS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(CREDIT_TOKENS));

/// A credit at the end of a caption: "(Photo: …)", "(credit: …)", "Photo by …", "| © …",
/// "Image: …", "Foto: …".
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\s*[|/–—-]\s*|\s+|^)(\(\s*(?:photo|image|picture|illustration|credit|source|foto|bild|fot\.)s?(?:\s+credit)?\s*:[^()]{1,120}\)|(?:©|\(c\)|photo(?:graph)?s?:|photo(?:graph)? by|images?:|credits?:|image credit:|image source:|foto:|bild:|fot\.)\s*[^|]{1,120})$",
    )
    .expect("static regex")
});

/// Words one of which every [`TRAILING_CREDIT`] match holds (`fot` for `foto` and `fot.`; `©`
/// is tested apart): captions without any are not searched.
const TRAILING_CREDIT_WORDS: &[&str] =
    &["photo", "image", "picture", "illustration", "credit", "source", "fot", "bild", "(c)"];

/// [`TRAILING_CREDIT`]'s captures, after the exact pre-test of its words.
fn trailing_credit(t: &str) -> Option<Captures<'_>> {
    static WORDS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(TRAILING_CREDIT_WORDS));
    if !t.contains('©') && !may_hold(t, &WORDS) {
        return None;
    }
    TRAILING_CREDIT.captures(t)
}

/// A caption that is a credit alone, written as names apart by slashes: "Jane Doe/Getty
/// Images", "Sanjeev Verma/Hindustan Times/Getty Images", "John Smith / Reuters".
static SLASHED_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"\p{Lu}[\p{L}\p{M}.'’&-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}.'’&-]*|of|de|van|von|for))*";
    Regex::new(&format!(r"^{name}(?:\s*/\s*{name}){{1,3}}$")).expect("static regex")
});

/// A caption's text, and the credit inside it: an element classed as one (`credit`,
/// `copyright`, `source`, …) or a `cite`/`small` apart from the caption's words, else a
/// credit phrase at its end.
pub(crate) fn caption_and_credit(caption: DomNode<'_>) -> FigureText {
    let mut credit_node = None;
    dom::walk(caption, |n| {
        if credit_node.is_some() {
            return Walk::Skip;
        }
        match n.value() {
            Node::Element(e) if n.id() != caption.id() => {
                if dom::is_non_text_tag(e.name()) {
                    Walk::Skip
                } else if CREDIT_CLASS.in_id_class(e) || matches!(e.name(), "cite" | "small") {
                    credit_node = Some(n.id());
                    Walk::Skip
                } else {
                    Walk::Descend
                }
            }
            Node::Element(_) => Walk::Descend,
            _ => Walk::Skip,
        }
    });
    let whole = dom::text(caption);
    let credit = credit_node
        .and_then(|id| caption.tree().get(id))
        .map(dom::text)
        .filter(|c| !c.is_empty() && c.len() < whole.len());
    let (caption_text, credit) = match credit {
        Some(c) => {
            let rest = whole.replacen(c.as_str(), " ", 1);
            (dom::normalize_space(&rest), Some(c))
        }
        None => match trailing_credit(&whole) {
            Some(m) => {
                let all = m.get(0).map_or(0..0, |g| g.range());
                let credit = m.get(1).map(|g| g.as_str().trim().to_string());
                (whole[..all.start].trim_end().to_string(), credit)
            }
            None if whole.chars().count() <= 120 && SLASHED_CREDIT.is_match(&whole) => (String::new(), Some(whole)),
            None => (whole, None),
        },
    };
    let credit = credit.map(|c| c.trim_start_matches('(').trim_end_matches(')').trim().to_string());
    FigureText { caption: Some(caption_text).filter(|c| !c.is_empty()), credit: credit.filter(|c| !c.is_empty()) }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use scraper::Html;

    use super::*;

    #[test]
    fn every_trailing_credit_form_passes_the_pre_test() {
        let forms = [
            "© Jane Doe",
            "(c) Jane Doe",
            "Photo: Jane Doe",
            "Photos: Jane Doe",
            "Photograph: Jane Doe",
            "Photo by Jane Doe",
            "Photograph by Jane Doe",
            "Image: Jane Doe",
            "Images: Jane Doe",
            "Credit: Jane Doe",
            "Credits: Jane Doe",
            "Image credit: Jane Doe",
            "Image source: Jane Doe",
            "Foto: Jane Doe",
            "Bild: Jane Doe",
            "Fot. Jane Doe",
            "(Photo: Jane Doe)",
            "(Images: Jane Doe)",
            "(picture: Jane Doe)",
            "(Illustration: Jane Doe)",
            "(credit: Jane Doe)",
            "(Source: Jane Doe)",
            "(Foto: Jane Doe)",
            "(Bild: Jane Doe)",
            "(Fot.: Jane Doe)",
            "(Photo credit: Jane Doe)",
        ];
        for form in forms {
            for text in [format!("A caption | {form}"), format!("A caption {}", form.to_uppercase())] {
                assert!(TRAILING_CREDIT.is_match(&text), "{text}");
                assert!(trailing_credit(&text).is_some(), "{text}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_credit_pre_test_changes_no_match(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Photo: ".to_string()), Just("(Image credit: ".to_string()), Just("Photograph by ".to_string()),
                    Just("| © ".to_string()), Just("(c) ".to_string()), Just("Fot. ".to_string()), Just("Bild:".to_string()),
                    Just("FOTO: ".to_string()), Just("(Source: ".to_string()), Just("Illustration".to_string()),
                    Just("pi\u{17f}ture".to_string()), Just("\u{17f}ource:".to_string()), Just(")".to_string()),
                    "[a-zA-Z |/()–:.]{0,30}",
                ],
                0..6,
            )
        ) {
            let text = parts.concat();
            let plain = TRAILING_CREDIT.captures(&text).map(|c| (c.get(0).map(|g| g.range()), c.get(1).map(|g| g.range())));
            let tested = trailing_credit(&text).map(|c| (c.get(0).map(|g| g.range()), c.get(1).map(|g| g.range())));
            prop_assert_eq!(tested, plain);
        }
    }

    fn said(html: &str) -> FigureText {
        let doc = Html::parse_fragment(html);
        let node = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("figcaption")).unwrap();
        caption_and_credit(node)
    }

    fn both(caption: &str, credit: &str) -> FigureText {
        FigureText { caption: Some(caption.into()), credit: Some(credit.into()) }
    }

    #[test]
    fn decoration_files_by_their_words() {
        assert!(is_decoration_file("https://a.example/assets/abcnews_yahoonews_logo.png"));
        assert!(is_decoration_file("https://a.example/i/share-icon.svg?v=2"));
        assert!(!is_decoration_file("https://a.example/i/silicon-valley.jpg"));
        assert!(!is_decoration_file("https://a.example/logo/photo-of-the-day.jpg"));
    }

    #[test]
    fn a_caption_of_slashed_names_is_a_credit() {
        let credit = |c: &str| FigureText { caption: None, credit: Some(c.into()) };
        assert_eq!(
            said("<figcaption>Sanjeev Verma/Hindustan Times/Getty Images</figcaption>"),
            credit("Sanjeev Verma/Hindustan Times/Getty Images")
        );
        assert_eq!(said("<figcaption>John Smith / Reuters</figcaption>"), credit("John Smith / Reuters"));
        let caption = |c: &str| FigureText { caption: Some(c.into()), credit: None };
        assert_eq!(said("<figcaption>Berkeley Earth</figcaption>"), caption("Berkeley Earth"));
        assert_eq!(
            said("<figcaption>Input/output of the model, 2019.</figcaption>"),
            caption("Input/output of the model, 2019.")
        );
    }

    #[test]
    fn credits_apart_from_captions() {
        assert_eq!(
            said("<figcaption>The wall in 1990. <span class=credit>Jane Doe/AP</span></figcaption>"),
            both("The wall in 1990.", "Jane Doe/AP")
        );
        assert_eq!(
            said("<figcaption>Smog in Delhi.<cite>Getty Images</cite></figcaption>"),
            both("Smog in Delhi.", "Getty Images")
        );
        assert_eq!(
            said("<figcaption>The core stage at Michoud. (credit: NASA/Jude Guidry)</figcaption>"),
            both("The core stage at Michoud.", "credit: NASA/Jude Guidry")
        );
        assert_eq!(
            said("<figcaption>Lee Elder in 1975. | © Augusta National/Getty Images</figcaption>"),
            both("Lee Elder in 1975.", "© Augusta National/Getty Images")
        );
        assert_eq!(
            said("<figcaption>Love thine enemy. Photo: Olivier Douliery/AFP via Getty Images</figcaption>"),
            both("Love thine enemy.", "Photo: Olivier Douliery/AFP via Getty Images")
        );
        assert_eq!(said("<figcaption>A crane on the quay.</figcaption>").credit, None);
        assert_eq!(
            said("<figcaption>Photo: Jane Doe</figcaption>"),
            FigureText { caption: None, credit: Some("Photo: Jane Doe".into()) }
        );
    }
}
