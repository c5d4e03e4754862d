//! Language detection with `whatlang::detect`'s exact answer, faster on Latin-script text.
//!
//! whatlang scores a text's 600 most frequent trigrams against every Latin-script language's
//! 300 profile trigrams, one hash lookup per profile trigram: 37 × 300 lookups a text, the
//! largest single cost of the fields after parsing. Here the profiles are inverted once
//! (trigram → the languages and ranks that hold it), so a text costs one lookup per trigram of
//! its own. Everything else is whatlang's combined method step for step (the alphabet scores,
//! the same integer distances, the same floating-point operations in the same order, the same
//! unstable sorts on the same inputs), so the language and the confidence are equal to
//! whatlang's: the tests compare both on many texts. Text of any other script goes to whatlang.
//!
//! whatlang keeps its profiles private: `language_detect_latin.txt` is a copy of its Latin
//! ones (whatlang is MIT-licensed, its notice is in `language_detect_latin.LICENSE`; written by
//! `tools/perf/whatlang_latin.py`; re-run it when whatlang changes version).

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use whatlang::{Info, Lang, Script};

/// whatlang's Latin-script languages (ISO 639-3 code, alphabet, 300 profile trigrams), one line
/// each, in the order of `Script::Latin.langs()`.
const LATIN_PROFILES: &str = include_str!("language_detect_latin.txt");
/// Trigrams in a language profile; also the distance of a trigram a text lacks.
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// The largest distance of a text from a profile.
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// How many of the text's most frequent trigrams are compared.
const TEXT_TRIGRAMS_SIZE: usize = 600;

/// `whatlang::detect(text)`, computed faster for Latin-script text.
pub(crate) fn detect(text: &str) -> Option<Info> {
    // ASCII text is of the Latin script when it has a letter (whatlang counts the letters of
    // each script, and ASCII letters are Latin; without one no script has a count).
    let latin = if text.is_ascii() {
        text.bytes().any(|b| b.is_ascii_alphabetic())
    } else {
        whatlang::detect_script(text) == Some(Script::Latin)
    };
    if latin { Some(detect_latin(text)) } else { whatlang::detect(text) }
}

/// A trigram, its three characters packed in one number (21 bits each) so that the numbers
/// order as whatlang orders its trigrams (by the first character, then the second, the third).
type Trigram = u64;

fn trigram(c1: char, c2: char, c3: char) -> Trigram {
    (u64::from(c1) << 42) | (u64::from(c2) << 21) | u64::from(c3)
}

/// Characters below this have their alphabet position in a table; the others are searched.
const ALPHABET_TABLE_SIZE: usize = 0x300;
/// No alphabet holds the character.
const NOT_IN_ALPHABETS: u8 = u8::MAX;

/// The inverted Latin profiles and the alphabets.
struct Latin {
    /// The languages, in `Script::Latin.langs()` order; other fields index into it.
    langs: Vec<Lang>,
    /// For each profile trigram, where its (language, rank) pairs are in `holders`.
    profiles: HashMap<Trigram, (u32, u32), BuildTrigramHasher>,
    holders: Vec<(u8, u16)>,
    /// Every alphabet character, sorted, and the languages whose alphabet holds it (once per
    /// time it is listed, as whatlang counts).
    alphabet_chars: Vec<char>,
    alphabet_langs: Vec<Vec<u8>>,
    /// The position in `alphabet_chars` of each character below `ALPHABET_TABLE_SIZE`.
    alphabet_table: Vec<u8>,
}

impl Latin {
    fn alphabet_position(&self, ch: char) -> Option<usize> {
        match self.alphabet_table.get(ch as usize) {
            Some(&NOT_IN_ALPHABETS) => None,
            Some(&p) => Some(usize::from(p)),
            None => self.alphabet_chars.binary_search(&ch).ok(),
        }
    }
}

static LATIN: LazyLock<Latin> = LazyLock::new(|| {
    let mut langs = Vec::new();
    // Every (trigram, (language, rank)), sorted by trigram so that each trigram's holders are
    // one run (their order within it does not change a sum).
    let mut entries: Vec<(Trigram, (u8, u16))> = Vec::with_capacity(LATIN_PROFILES.len() / 3);
    let mut alphabet: HashMap<char, Vec<u8>> = HashMap::new();
    for (index, line) in LATIN_PROFILES.lines().enumerate() {
        let mut parts = line.split('\t');
        let (Some(code), Some(letters), Some(trigrams)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Some(lang), Ok(index)) = (Lang::from_code(code), u8::try_from(index)) else {
            continue;
        };
        langs.push(lang);
        for c in letters.chars() {
            alphabet.entry(c).or_default().push(index);
        }
        let chars: Vec<char> = trigrams.chars().collect();
        for (rank, t) in chars.chunks_exact(3).enumerate() {
            let rank = u16::try_from(rank).unwrap_or(u16::MAX);
            entries.push((trigram(t[0], t[1], t[2]), (index, rank)));
        }
    }
    entries.sort_unstable_by_key(|&(t, _)| t);
    let mut profiles: HashMap<Trigram, (u32, u32), BuildTrigramHasher> = HashMap::default();
    profiles.reserve(entries.len() / 2);
    let mut holders = Vec::with_capacity(entries.len());
    for (i, &(t, holder)) in entries.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        profiles.entry(t).or_insert((i, 0)).1 += 1;
        holders.push(holder);
    }
    let mut alphabet: Vec<(char, Vec<u8>)> = alphabet.into_iter().collect();
    alphabet.sort_unstable_by_key(|(c, _)| *c);
    let (alphabet_chars, alphabet_langs): (Vec<char>, Vec<Vec<u8>>) = alphabet.into_iter().unzip();
    let mut alphabet_table = vec![NOT_IN_ALPHABETS; ALPHABET_TABLE_SIZE];
    for (position, &c) in alphabet_chars.iter().enumerate() {
        if let (Some(slot), Ok(position)) = (alphabet_table.get_mut(c as usize), u8::try_from(position)) {
            *slot = position;
        }
    }
    Latin { langs, profiles, holders, alphabet_chars, alphabet_langs, alphabet_table }
});

/// What one pass over the lowercase text gathers: the alphabet counts and the trigrams.
struct Gathered {
    /// Twice the number of the text's characters at each alphabet position.
    char_scores: Vec<usize>,
    /// The text's characters other than whatlang's stop characters.
    letters: usize,
    /// Every trigram of the text, once per time it occurs, in text order.
    trigrams: Vec<Trigram>,
}

/// One pass over the lowercase characters: whatlang's alphabet count and the text's trigrams
/// (stop characters as spaces, a space before and after; no trigram centred on a space next
/// to another), counted later by [`ranked_trigrams`]. `len`: the text's length, for the
/// trigram list's capacity.
fn gather(latin: &Latin, chars: impl Iterator<Item = char>, len: usize) -> Gathered {
    let mut char_scores = vec![0usize; latin.alphabet_chars.len()];
    let mut letters = 0usize;
    let mut trigrams: Vec<Trigram> = Vec::with_capacity(len + 1);
    let mut count = |c1: char, c2: char, c3: char| {
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            trigrams.push(trigram(c1, c2, c3));
        }
    };
    let (mut c1, mut c2) = (' ', None::<char>);
    for ch in chars {
        let c3 = if is_stop_char(ch) {
            ' '
        } else {
            letters += 1;
            if let Some(position) = latin.alphabet_position(ch) {
                char_scores[position] += 2;
            }
            ch
        };
        if let Some(c2) = c2 {
            count(c1, c2, c3);
            c1 = c2;
        }
        c2 = Some(c3);
    }
    if let Some(c2) = c2 {
        count(c1, c2, ' ');
    }
    Gathered { char_scores, letters, trigrams }
}

/// The text's distinct trigrams, most frequent first, ties in descending trigram order (as
/// whatlang ranks them), the first [`TEXT_TRIGRAMS_SIZE`]. Counted by sorting the occurrences
/// and ranked by a counting sort on the counts: no hashing per character, no comparison sort
/// of the (count, trigram) pairs.
fn ranked_trigrams(mut occurrences: Vec<Trigram>) -> Vec<Trigram> {
    occurrences.sort_unstable();
    // (count, trigram) per distinct trigram, in descending trigram order.
    let runs: Vec<(usize, Trigram)> = occurrences.chunk_by(|a, b| a == b).rev().map(|r| (r.len(), r[0])).collect();
    let most = runs.iter().map(|&(n, _)| n).max().unwrap_or(0);
    // Where each count's trigrams start in the ranking (count `n` at slot `most - n`).
    let mut starts = vec![0usize; most + 1];
    for &(n, _) in &runs {
        starts[most - n] += 1;
    }
    let mut next = 0;
    for slot in &mut starts {
        let size = *slot;
        *slot = next;
        next += size;
    }
    let mut ranked = vec![0; runs.len()];
    for &(n, t) in &runs {
        ranked[starts[most - n]] = t;
        starts[most - n] += 1;
    }
    ranked.truncate(TEXT_TRIGRAMS_SIZE);
    ranked
}

/// whatlang's combined method (alphabet and trigram scores) for Latin-script text.
fn detect_latin(text: &str) -> Info {
    let latin = &*LATIN;
    // whatlang reads `text.to_lowercase()`, which is each character's `to_lowercase` but for
    // a capital sigma (final or not by its neighbours): lowered on the way, without a copy.
    let gathered = if text.is_ascii() {
        gather(latin, text.bytes().map(|b| char::from(b.to_ascii_lowercase())), text.len())
    } else if !text.contains('Σ') {
        gather(latin, text.chars().flat_map(char::to_lowercase), text.len())
    } else {
        let lowercase = text.to_lowercase();
        gather(latin, lowercase.chars(), lowercase.len())
    };
    let Gathered { char_scores, letters: max_raw_score, trigrams } = gathered;

    // Alphabet scores: each character of the text counts for the languages whose alphabet
    // holds it and against the others.
    let mut lang_scores = vec![0usize; latin.langs.len()];
    let mut common_score = 0usize;
    for (position, char_score) in char_scores.into_iter().enumerate() {
        if char_score > 0 {
            let languages = &latin.alphabet_langs[position];
            if languages.len() == latin.langs.len() {
                common_score += char_score;
            } else {
                for &lang in languages {
                    lang_scores[usize::from(lang)] += char_score;
                }
            }
        }
    }
    let mut alphabet_raw: Vec<(Lang, usize)> = latin
        .langs
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, (lang_scores[i] + common_score).saturating_sub(max_raw_score)))
        .collect();
    alphabet_raw.sort_unstable_by_key(|(_, score)| Reverse(*score));

    // Trigram distances through the inverted profiles: a profile trigram the text lacks is
    // 300 away, one at the text's rank `n` and the profile's rank `i` is `|n - i|` away. The
    // text's trigrams rank by count, ties in descending trigram order; the first 600 count.
    let ranked = ranked_trigrams(trigrams);
    let count = ranked.len();
    let mut distances = vec![i64::from(MAX_TOTAL_DISTANCE); latin.langs.len()];
    for (n, t) in ranked.iter().enumerate() {
        let Some(&(start, len)) = latin.profiles.get(t) else { continue };
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let (start, len) = (start as usize, len as usize);
        for &(lang, rank) in latin.holders.get(start..start + len).unwrap_or_default() {
            distances[usize::from(lang)] += (n - i64::from(rank)).abs() - i64::from(MAX_TRIGRAM_DISTANCE);
        }
    }
    let count_u32 = u32::try_from(count).unwrap_or(u32::MAX);
    let max_dist = count_u32 * MAX_TRIGRAM_DISTANCE;
    let trigram_score = |lang: usize| {
        let mut total = u32::try_from(distances[lang]).unwrap_or(0);
        if MAX_TRIGRAM_DISTANCE > count_u32 {
            total -= (MAX_TRIGRAM_DISTANCE - count_u32) * MAX_TRIGRAM_DISTANCE;
        }
        let distance = total.clamp(0, MAX_TOTAL_DISTANCE);
        let similarity = max_dist - distance;
        similarity as f64 / max_dist as f64
    };

    // Combined: the two weighed by the text's length, best first.
    let alphabet_weight = (-(max_raw_score as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let mut scores: Vec<(Lang, f64)> = alphabet_raw
        .iter()
        .map(|&(lang, raw)| {
            let a = raw as f64 / max_raw_score as f64;
            let index = latin.langs.iter().position(|&l| l == lang).unwrap_or(0);
            let t = trigram_score(index);
            (lang, a * alphabet_weight + t * trigram_weight)
        })
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Less));

    let (lang1, score1) = scores[0];
    let confidence = match scores.get(1) {
        Some(&(_, score2)) => calculate_confidence(score1, score2, count),
        None => 1.0,
    };
    Info::new(Script::Latin, lang1, confidence)
}

/// whatlang's confidence from the two best scores.
fn calculate_confidence(highest_score: f64, second_score: f64, count: usize) -> f64 {
    if highest_score == 0.0 {
        return 0.0;
    }
    if second_score == 0.0 {
        return highest_score;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest_score - second_score) / second_score;
    if rate > confident_rate { 1.0 } else { rate / confident_rate }
}

/// Characters whatlang reads as a space: ASCII punctuation, digits and controls.
fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// A multiplicative hash for packed trigrams (the keys are small, fixed-size numbers; the
/// default hasher's flood resistance buys nothing here, the profiles being fixed and a text's
/// trigrams being at most a few thousand).
#[derive(Default)]
struct TrigramHasher(u64);

impl Hasher for TrigramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type BuildTrigramHasher = BuildHasherDefault<TrigramHasher>;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Words of several languages and scripts, mixed into texts near the boundaries of the
    /// detection (short, mixed, unreliable).
    const WORDS: &[&str] = &[
        "the",
        "and",
        "government",
        "said",
        "with",
        "which",
        "would",
        "der",
        "die",
        "und",
        "nicht",
        "über",
        "schön",
        "Straße",
        "les",
        "des",
        "été",
        "français",
        "leur",
        "avec",
        "el",
        "los",
        "está",
        "niño",
        "qué",
        "o",
        "não",
        "coração",
        "também",
        "il",
        "della",
        "perché",
        "città",
        "de",
        "het",
        "een",
        "niet",
        "och",
        "för",
        "är",
        "på",
        "og",
        "ikke",
        "jeg",
        "się",
        "że",
        "nie",
        "jest",
        "ve",
        "bir",
        "için",
        "ğ",
        "şehir",
        "és",
        "hogy",
        "nem",
        "a",
        "az",
        "že",
        "není",
        "ještě",
        "và",
        "của",
        "người",
        "được",
        "yang",
        "dan",
        "tidak",
        "ini",
        "na",
        "ng",
        "mga",
        "sa",
        "kaj",
        "estas",
        "ĉiuj",
        "kaksi",
        "ja",
        "ei",
        "on",
        "ir",
        "kad",
        "ne",
        "un",
        "ir",
        "ka",
        "ir",
        "uz",
        "ngi",
        "uku",
        "kwa",
        "ho",
        "Привет",
        "мир",
        "и",
        "в",
        "Ελλάδα",
        "και",
        "日本語",
        "中文",
        "한국어",
        "עברית",
        "العربية",
        "हिन्दी",
        "42",
        "2024",
        "—",
        "…",
        "IBM",
        "COVID-19",
        "e-mail",
        "x",
        "qq",
        "zzz",
        "ß",
        "ŭ",
        "ĳ",
        "ə̇",
        "ʻ",
    ];

    fn same(text: &str) {
        let ours = detect(text);
        let theirs = whatlang::detect(text);
        assert_eq!(
            ours.as_ref().map(|i| (i.lang(), i.script(), i.confidence().to_bits())),
            theirs.as_ref().map(|i| (i.lang(), i.script(), i.confidence().to_bits())),
            "{text:?}"
        );
    }

    #[test]
    fn equal_to_whatlang_on_sentences() {
        for text in [
            "",
            " ",
            "a",
            "42",
            "!? 1984",
            "ABC def\u{7f}ghi",
            "“Curly quotes” and an em dash — in English text, which whatlang reads as not ASCII.",
            "The Greek letter Σ stands for sums in ΣΟΦΟΣ and in this English sentence, ΑΣ.",
            "İstanbul'da KIŞ, ĞÜŞÖÇ and ǅ, ẞ: letters whose lower case is longer or special.",
            "The council decided on Tuesday to rebuild the harbour wall before the winter storms.",
            "Der Gemeinderat hat am Dienstag beschlossen, die Hafenmauer vor den Winterstürmen neu zu bauen.",
            "Le conseil municipal a décidé mardi de reconstruire le mur du port avant les tempêtes d'hiver.",
            "El ayuntamiento decidió el martes reconstruir el muro del puerto antes de las tormentas.",
            "Rada miasta postanowiła we wtorek odbudować mur portowy przed zimowymi sztormami.",
            "Ĉiuj redaktantoj de Esperanta Vikipedio estas volontuloj.",
            "Та нічого, все нормально. А в тебе як?",
            "I am begging pardon",
            "Mit dem Wissen wächst der Zweifel",
        ] {
            same(text);
        }
    }

    #[test]
    fn equal_to_whatlang_on_profile_trigrams() {
        // Texts made of one language's profile trigrams score close to several languages at
        // once: the ties and near-ties the sorts must break as whatlang does.
        for (i, line) in LATIN_PROFILES.lines().enumerate() {
            let trigrams: Vec<char> = line.split('\t').nth(2).unwrap_or("").chars().collect();
            for take in [10, 50, 150, 300] {
                let text: String = trigrams.chunks(3).take(take).map(|t| t.iter().collect::<String>()).collect();
                same(&text);
                let other = LATIN_PROFILES.lines().nth((i + 7) % 37).unwrap_or("");
                same(&format!("{text} {}", other.split('\t').nth(2).unwrap_or("")));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn equal_to_whatlang_on_mixed_words(words in proptest::collection::vec(0..WORDS.len(), 0..400)) {
            let text = words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            same(&text);
        }

        #[test]
        fn equal_to_whatlang_on_any_text(text in "\\PC{0,300}") {
            same(&text);
        }

        #[test]
        fn equal_to_whatlang_on_latin_letters(text in "[a-zA-ZäÄöÖüÜßéÉèàçñøåłśżčšžőűğışİΣẞ ,.]{0,600}") {
            same(&text);
        }
    }
}
