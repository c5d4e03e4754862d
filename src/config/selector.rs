//! CSS selectors of site profiles: compiling them, saying in plain words why one does not
//! compile, and the attribute names they test (which the pre-filter must keep).

use scraper::Selector;
use scraper::error::SelectorErrorKind;
use selectors::parser::SelectorParseErrorKind;

/// Compiles one CSS selector (a comma-separated group). The error is a sentence for the user:
/// `invalid CSS selector "h1..x": expected a class name after "."`.
pub(super) fn compile(css: &str) -> Result<Selector, String> {
    Selector::parse(css).map_err(|e| format!("invalid CSS selector {css:?}: {}", plain_words(&e)))
}

/// What a selector parse error means, in the words of someone writing a selector (the
/// selector crate's own text is a debug dump for most of these).
fn plain_words(error: &SelectorErrorKind) -> &'static str {
    use SelectorParseErrorKind as K;
    match error {
        SelectorErrorKind::UnexpectedToken => "a character or name that cannot stand there",
        SelectorErrorKind::EndOfLine => {
            "it ends too early (a name missing after `.`, `#` or `:`, or a `]` or `)` missing)"
        }
        SelectorErrorKind::InvalidAtRule | SelectorErrorKind::InvalidAtRuleBody => "an @-rule is not a selector",
        SelectorErrorKind::QualRuleInvalid => "not a selector",
        SelectorErrorKind::TooManyNestedBlocks => "brackets or parentheses nested too deep",
        SelectorErrorKind::ExpectedColonOnPseudoElement => "a pseudo-element needs `::` before its name",
        SelectorErrorKind::ExpectedIdentityOnPseudoElement => "expected a pseudo-element name after `::`",
        SelectorErrorKind::UnexpectedSelectorParseError(kind) => match kind {
            K::ClassNeedsIdent => "expected a class name after \".\"",
            K::NoQualifiedNameInAttributeSelector => "expected an attribute name after \"[\"",
            K::EmptySelector => {
                "expected a selector (a tag name, `.class`, `#id` or `[attribute]`) where there is none"
            }
            K::DanglingCombinator => "a combinator (`>`, `+`, `~`) with no selector after it",
            K::UnexpectedTokenInAttributeSelector => {
                "expected `]` or an operator (`=`, `~=`, `|=`, `^=`, `$=`, `*=`) after the attribute name"
            }
            K::BadValueInAttr => "an attribute value must be a name or a quoted string",
            K::InvalidQualNameInAttr | K::ExpectedBarInAttr => "not a valid attribute name",
            K::NoIdentForPseudo => "expected a pseudo-class name after \":\"",
            K::UnsupportedPseudoClassOrElement => "a pseudo-class or pseudo-element that is not supported",
            K::UnexpectedIdent => "a name that cannot stand there",
            K::ExpectedNamespace | K::ExplicitNamespaceUnexpectedToken => "namespaces are not supported",
            K::PseudoElementExpectedColon => "a pseudo-element needs `::` before its name",
            K::PseudoElementExpectedIdent => "expected a pseudo-element name after `::`",
            K::NonCompoundSelector
            | K::NonPseudoElementAfterSlotted
            | K::InvalidPseudoElementAfterSlotted
            | K::InvalidPseudoElementInsideWhere
            | K::InvalidState => "a pseudo-class or pseudo-element where it cannot stand",
        },
    }
}

/// The attribute names a (valid) CSS selector tests, lowercase: what follows each `[`
/// (after a namespace prefix). `*` when a name holds a CSS escape (then every attribute is
/// kept). A `[` inside a quoted value may add a name that is not one: harmless.
pub(super) fn attribute_names(css: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in css.match_indices('[') {
        let rest = css[at + 1..].trim_start();
        let end = rest.find(|c: char| matches!(c, ']' | '=' | '~' | '^' | '$' | '*' | '!') || c.is_whitespace());
        // `name|=` (the operator's `|`), then `ns|name` and `|name`.
        let name = &rest[..end.unwrap_or(rest.len())];
        let mut name = name.strip_suffix('|').unwrap_or(name);
        if let Some(bar) = name.rfind('|') {
            name = &name[bar + 1..];
        }
        if name.contains('\\') {
            names.push("*".to_string());
        } else if !name.is_empty() {
            names.push(name.to_ascii_lowercase());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(css: &str) -> String {
        compile(css).err().unwrap_or_else(|| panic!("{css:?} compiled"))
    }

    #[test]
    fn errors_say_what_is_wrong_in_plain_words() {
        assert_eq!(error("h1..x"), r#"invalid CSS selector "h1..x": expected a class name after ".""#);
        for (css, words) in [
            ("div[", "it ends too early"),
            ("a >", "a combinator (`>`, `+`, `~`) with no selector after it"),
            ("p, , a", "expected a selector"),
            ("div:nosuchclass", "not supported"),
            ("a[href=1]", "a name or a quoted string"),
            ("a[href=]", "it ends too early"),
            ("a[href!x]", "expected `]` or an operator"),
            ("h1}", "cannot stand there"),
        ] {
            let message = error(css);
            assert!(message.starts_with(&format!("invalid CSS selector {css:?}: ")), "{message}");
            assert!(message.contains(words), "{css:?}: {message}");
        }
    }

    #[test]
    fn no_error_shows_the_selector_crates_debug_text() {
        for css in ["h1..x", "div:", "::", "a::b", "[", "*|a", "a:has(", ".", "#", ",", "> a", "a ~"] {
            if let Err(message) = compile(css) {
                assert!(!message.contains("report this") && !message.contains("Unexpected"), "{css:?}: {message}");
            }
        }
    }

    #[test]
    fn selectors_name_the_attributes_they_test() {
        assert_eq!(
            attribute_names(r#"a[href*="/a/"], time[ datetime ], [Data-X|="y"], [svg|width], p"#),
            ["href", "datetime", "data-x", "width"]
        );
        assert_eq!(attribute_names(r"[data\-x]"), ["*"]);
    }
}
