//! Cleaning: taking boilerplate out of the one parsed DOM, recording why.
//!
//! Every removal goes through [`Cleaner::remove`] (`cleaner`), which detaches the subtree and,
//! with `--explain`, records `{kind, rule, text}` in page order. The general passes, each a
//! module with its word lists named at the top, run in the order of [`PASSES`], on both
//! content paths: the never-content pass before either path, the others after the path's own
//! rules (a site profile's head matter, captions, credit lines and `remove` rules from
//! `config.toml`; the general extractor's endless-scroll stories).

mod anchored_widgets;
mod captions;
mod chrome;
mod cleaner;
mod forms;
mod heading_boxes;
mod never_content;
mod share_bars;
#[cfg(test)]
mod test_support;

use ego_tree::NodeId;
use scraper::Html;

pub(crate) use captions::CAPTION_CLASS_PARTS;
pub(crate) use chrome::COOKIE_TOKENS;
pub(crate) use cleaner::{Cleaner, Protect};
pub(crate) use forms::{RECIPE_PART_TOKENS, touches_recipe_part};
pub(crate) use heading_boxes::{heading_box, text_bearing};

/// A general cleaning pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Scripts and other never-text elements, form controls, media players, hidden elements,
    /// hover cards, dialogs (`never_content`).
    NeverContent,
    /// Boxes introduced by a boilerplate heading: "Related", "Share this:", "3 Comments", …
    /// (`heading_boxes`).
    BoilerplateHeadingBoxes,
    /// Boxes around a line only a widget says: "This article is for subscribers", "Open in
    /// app", "Photo 3 of 15" (`anchored_widgets`).
    AnchoredWidgets,
    /// Sign-up boxes around forms and e-mail fields (`forms`).
    FormBoxes,
    /// Share bars and article-tool lines (`share_bars`).
    ShareBars,
    /// `nav`, `header`, `footer`, `aside`, `form`, landmark roles, cookie banners (`chrome`).
    Chrome,
    /// Captions and picture credits: `figcaption`s, credits in figures, caption-classed
    /// lines beside pictures, credit lines (`captions`).
    Captions,
}

/// When a pass runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// Before either content path (right after the headline is found).
    BeforeContent,
    /// After the content path's own rules, on both paths.
    AfterRules,
    /// After the general extractor's own rules only: a site profile has its own heading rules
    /// (`config.toml`) and caption rule.
    AfterGenericRules,
}

/// The general cleaning passes, in the order they run.
const PASSES: &[(Pass, When)] = &[
    (Pass::NeverContent, When::BeforeContent),
    (Pass::BoilerplateHeadingBoxes, When::AfterRules),
    (Pass::AnchoredWidgets, When::AfterRules),
    (Pass::FormBoxes, When::AfterRules),
    // Inside the article column on the profile path, over the whole page on the generic one.
    (Pass::ShareBars, When::AfterRules),
    (Pass::Chrome, When::AfterRules),
    (Pass::Captions, When::AfterGenericRules),
];

/// Which content path runs the passes after its own rules.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ContentPath {
    /// A site profile, which found the article column `root`.
    Profile { root: NodeId },
    /// The general extractor.
    Generic,
}

/// The passes that run before either content path.
pub(crate) fn before_content(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    for &(pass, when) in PASSES {
        if when == When::BeforeContent {
            run(pass, doc, cleaner, protect, None);
        }
    }
}

/// The passes that run after a content path's own rules.
pub(crate) fn after_rules(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect, path: ContentPath) {
    for &(pass, when) in PASSES {
        let runs = match path {
            ContentPath::Profile { .. } => when == When::AfterRules,
            ContentPath::Generic => matches!(when, When::AfterRules | When::AfterGenericRules),
        };
        if runs {
            run(pass, doc, cleaner, protect, Some(path));
        }
    }
}

fn run(pass: Pass, doc: &mut Html, cleaner: &mut Cleaner, protect: Protect, path: Option<ContentPath>) {
    match pass {
        Pass::NeverContent => never_content::remove_never_content(doc, cleaner, protect),
        Pass::BoilerplateHeadingBoxes => heading_boxes::remove_boilerplate_heading_boxes(doc, cleaner, protect),
        Pass::AnchoredWidgets => anchored_widgets::remove_anchored_widgets(doc, cleaner, protect),
        Pass::FormBoxes => forms::remove_form_boxes(doc, cleaner, protect),
        Pass::ShareBars => {
            let scope = match path {
                Some(ContentPath::Profile { root }) => root,
                _ => doc.tree.root().id(),
            };
            share_bars::remove_share_bars(doc, scope, cleaner, protect);
        }
        Pass::Chrome => chrome::remove_chrome(doc, cleaner, protect),
        Pass::Captions => captions::remove_captions(doc, cleaner),
    }
}
