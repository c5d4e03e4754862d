//! `language`.

use super::language_detect;
use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::article::{Warning, WarningCode};
use crate::parse::attributes::MetaKey;
use crate::text;

/// How much of the body language detection reads (characters).
const DETECTION_SAMPLE_CHARS: usize = 4000;
/// Shortest sample (bytes) whose detected language is trusted.
const DETECTION_MIN_BYTES: usize = 40;
/// Letters the body needs before its detected language may overrule the declared one.
const CONFLICT_MIN_LETTERS: usize = 250;
/// How much of the body the conflict check reads (characters).
const CONFLICT_SAMPLE_CHARS: usize = 1500;
/// Confidence the detection needs to overrule the declared language.
const CONFLICT_MIN_CONFIDENCE: f64 = 0.9;

/// Groups of languages whose texts detection confuses with each other: a declared language
/// is never overruled by another of its group.
const CONFUSABLE_LANGUAGES: &[&[&str]] = &[
    &["da", "nb", "nn", "no", "sv"],
    &["hr", "sr", "bs", "sl"],
    &["cs", "sk"],
    &["id", "ms"],
    &["es", "gl", "ca", "pt"],
    &["ru", "uk", "be", "bg"],
    &["hi", "mr", "ne"],
    &["zh", "ja"],
];

/// `language` and the warning a contradicted declaration raises: `<html lang>`, else the
/// `content-language` meta, else `og:locale`, else JSON-LD's `inLanguage` (each tried in turn
/// until one is a language tag), else detection from the body text when it is reliable. A
/// declared language that the body clearly contradicts (enough letters, a reliable and
/// confident detection of another language, not one detection confuses with it: a
/// template's `lang="en"` on a German article) yields to the detected one, with a
/// `language_conflict` warning.
pub(crate) fn language(meta: &PageMeta, body: &str) -> (Option<Sourced<String>>, Option<Warning>) {
    let declared = Chain::new()
        .or("html:lang", || meta.html_lang.as_deref().and_then(text::normalize_lang))
        .or("meta:content-language", || meta.get(MetaKey::ContentLanguage).and_then(text::normalize_lang))
        .or("meta:og:locale", || meta.get(MetaKey::OgLocale).and_then(text::normalize_lang))
        .or("json-ld:inLanguage", || {
            meta.jsonld.as_ref().and_then(|j| j.language.as_deref()).and_then(text::normalize_lang)
        })
        .first();
    let Some(declared) = declared else {
        let sample: String = body.chars().take(DETECTION_SAMPLE_CHARS).collect();
        let detected = language_detect::detect(&sample)
            .filter(|info| info.is_reliable() && sample.len() >= DETECTION_MIN_BYTES)
            .map(|info| Sourced::new(text::iso639_1(info.lang().code()).to_string(), "text"));
        return (detected, None);
    };
    match contradicting(&declared.value, body) {
        Some(detected) => {
            let warning = Warning {
                code: WarningCode::LanguageConflict,
                message: format!("the page declares {} but its text is in {detected}", declared.value),
            };
            (Some(Sourced::new(detected, "text")), Some(warning))
        }
        None => (Some(declared), None),
    }
}

/// The body's language, when it clearly is another than `declared` (see [`language`]).
fn contradicting(declared: &str, body: &str) -> Option<String> {
    let sample: String = body.chars().take(CONFLICT_SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).take(CONFLICT_MIN_LETTERS).count() < CONFLICT_MIN_LETTERS {
        return None;
    }
    let info = language_detect::detect(&sample)?;
    if !info.is_reliable() || info.confidence() < CONFLICT_MIN_CONFIDENCE {
        return None;
    }
    let detected = text::iso639_1(info.lang().code());
    let primary = declared.split('-').next().unwrap_or(declared);
    let confusable = CONFUSABLE_LANGUAGES.iter().any(|g| g.contains(&primary) && g.contains(&detected));
    (detected.len() == 2 && detected != primary && !confusable).then(|| detected.to_string())
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    const GERMAN: &str = "Der Gemeinderat hat am Dienstag beschlossen, die Hafenmauer vor den Winterstürmen neu zu bauen. \
        Die Arbeiten sollen im Frühjahr beginnen und bis zum Herbst abgeschlossen sein, wenn die ersten Stürme die Stadt \
        erreichen. Die Kosten werden auf zwölf Millionen Euro geschätzt, von denen das Land die Hälfte übernimmt. \
        Anwohner hatten sich seit Jahren über Überschwemmungen beklagt und eine schnelle Lösung gefordert.";

    fn meta(html: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(html))
    }

    #[test]
    fn the_declared_language_wins_unless_the_text_clearly_contradicts_it() {
        let (lang, warning) = language(&meta("<html lang=de><body></body></html>"), GERMAN);
        assert_eq!((lang.map(|l| l.value), warning), (Some("de".to_string()), None));
        let (lang, warning) = language(&meta("<html lang=en><body></body></html>"), GERMAN);
        assert_eq!(lang.map(|l| (l.value, l.source)), Some(("de".to_string(), "text")));
        assert_eq!(warning.map(|w| w.code), Some(WarningCode::LanguageConflict));
        // Too little text to contradict anything.
        let (lang, warning) = language(&meta("<html lang=en><body></body></html>"), "Der Rat hat beschlossen.");
        assert_eq!((lang.map(|l| l.value), warning), (Some("en".to_string()), None));
    }

    #[test]
    fn other_declarations_in_order() {
        let m = meta(
            r#"<html><head><meta http-equiv="content-language" content="fr_FR"><meta property="og:locale" content="de_DE"></head></html>"#,
        );
        assert_eq!(language(&m, "").0, Some(Sourced::new("fr-FR".to_string(), "meta:content-language")));
        let m = meta(r#"<html><head><meta property="og:locale" content="de_DE"></head></html>"#);
        assert_eq!(language(&m, "").0, Some(Sourced::new("de-DE".to_string(), "meta:og:locale")));
        assert_eq!(language(&meta("<p>"), GERMAN).0, Some(Sourced::new("de".to_string(), "text")));
    }
}
