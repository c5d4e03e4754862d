//! Word lists searched for in one pass (Aho-Corasick automata stepped by hand). Their tests on
//! an element's `id` and `class` (`in_id_class`) are in `dom::attrs`.

use aho_corasick::Anchored;
use aho_corasick::automaton::Automaton;

/// A word list searched for in one pass, ASCII case-insensitively: `Tokens::new(list).in_str(s)`
/// is `list.iter().any(|t| s.to_ascii_lowercase().contains(t))` for lower-case ASCII tokens.
///
/// The search steps the Aho-Corasick DFA by hand: the haystacks are short (class and id
/// values, `href`s), where the general search's set-up costs more than the scan, and only
/// whether some token occurs is wanted.
#[derive(Debug)]
pub struct Tokens(TokenLists);

impl Tokens {
    /// Compiles a list of lower-case ASCII tokens.
    pub fn new(tokens: &[&str]) -> Tokens {
        Tokens(TokenLists::new(&[tokens]))
    }

    /// Whether `hay` holds one of the tokens, ASCII case-insensitively.
    pub fn in_str(&self, hay: &str) -> bool {
        self.0.in_str(hay) != 0
    }
}

/// Several word lists searched for at once (each ASCII case-insensitively, as [`Tokens`]):
/// one pass over a value says which lists have a word in it, where a walk that tests an
/// element against three lists would otherwise read its `id` and `class` three times.
#[derive(Debug)]
pub struct TokenLists {
    dfa: aho_corasick::dfa::DFA,
    /// The bit of each pattern's list, by pattern id.
    list_bit: Vec<u32>,
    /// Every list's bit: the search ends when all are found.
    all: u32,
    /// The word and its list's bit when there is one word in all: a long haystack is then
    /// searched for its first letter (either case) with `memchr`, many bytes at a time.
    single: Option<(Vec<u8>, u32)>,
}

/// Haystacks up to this long are stepped through the automaton even for a single word (a
/// `memchr` search's set-up costs more there).
const SHORT_HAY: usize = 16;

impl TokenLists {
    /// Compiles up to 32 lists of lower-case ASCII tokens; list `k` answers as bit `1 << k`.
    pub fn new(lists: &[&[&str]]) -> TokenLists {
        assert!(lists.len() <= 32, "at most 32 lists");
        let mut patterns = Vec::new();
        let mut list_bit = Vec::new();
        for (k, list) in lists.iter().enumerate() {
            for t in *list {
                debug_assert!(!t.is_empty() && t.is_ascii() && *t == t.to_ascii_lowercase());
                patterns.push(*t);
                list_bit.push(1u32 << k);
            }
        }
        // Standard semantics: every state lists all the patterns that end where it is reached
        // (the matches of its failure states included), so no occurrence is missed.
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&patterns)
            .expect("static token lists");
        let all = list_bit.iter().fold(0, |all, bit| all | bit);
        let single = match (patterns.as_slice(), list_bit.as_slice()) {
            ([word], [bit]) => Some((word.as_bytes().to_vec(), *bit)),
            _ => None,
        };
        TokenLists { dfa, list_bit, all, single }
    }

    /// The bits of the lists with a word in `hay`.
    pub fn in_str(&self, hay: &str) -> u32 {
        if let Some((word, bit)) = &self.single
            && hay.len() > SHORT_HAY
        {
            return if contains_ascii_case_insensitive(hay.as_bytes(), word) { *bit } else { 0 };
        }
        let dfa = &self.dfa;
        let Ok(mut state) = dfa.start_state(Anchored::No) else { return 0 };
        let mut found = 0;
        for &byte in hay.as_bytes() {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) && dfa.is_match(state) {
                for i in 0..dfa.match_len(state) {
                    found |= self.list_bit[dfa.match_pattern(state, i).as_usize()];
                }
                if found == self.all {
                    break;
                }
            }
        }
        found
    }
}

/// Whether `hay` holds `word` (lower-case ASCII, not empty), ASCII case ignored: each place
/// where the word's first letter stands (either case, found by `memchr`) is compared.
fn contains_ascii_case_insensitive(hay: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else { return true };
    let upper = first.to_ascii_uppercase();
    let at = |p: usize| hay.get(p..p + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    if upper == first {
        memchr::memchr_iter(first, hay).any(at)
    } else {
        memchr::memchr2_iter(first, upper, hay).any(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_find_what_contains_finds() {
        let list = ["ad", "advert", "share", "-ad-", "sr-only", "aab"];
        let tokens = Tokens::new(&list);
        for hay in [
            "",
            "a",
            "Ad",
            "header",
            "x-AD-y",
            "sidebar",
            "ShareBar",
            "aaab",
            "aa b",
            "advertorial",
            "s h a r e",
            "visually sr-only",
            "SR-ONLY",
            "sr_only",
            "é-ad-é",
            "bread",
        ] {
            let lower = hay.to_ascii_lowercase();
            assert_eq!(tokens.in_str(hay), list.iter().any(|t| lower.contains(t)), "{hay:?}");
        }
    }

    #[test]
    fn one_word_finds_what_contains_finds_in_long_texts() {
        for word in ["cookie", "widget", "[", "a-b"] {
            let tokens = Tokens::new(&[word]);
            for hay in [
                "We use cookies on this site to improve your experience. Accept",
                "We use COOKIES on this site to improve your experience.",
                "cookie at the very start of a rather long line of text",
                "at the very end of a rather long line of text: Cookie",
                "a long line that ends with half the word: cooki",
                "a long line with the word split: coo kie, coo-kie, c o o k i e",
                "Ein längerer Text mit Umlauten und dem WIDGET darin, über alles",
                "[Anzeige] a long line with brackets and a-b and A-B in it",
                "short cookie",
                "",
                "ccccccccccccccccccccccccccccccookie",
                "ccccccccccccccccccccccccccccccooki",
            ] {
                let lower = hay.to_ascii_lowercase();
                assert_eq!(tokens.in_str(hay), lower.contains(word), "{word:?} in {hay:?}");
            }
        }
    }

    #[test]
    fn token_lists_find_what_each_list_finds() {
        let lists: [&[&str]; 4] = [&["comment", "men"], &["ad", "advert", "-ad-"], &["share", "hare"], &["zzz"]];
        let tokens = TokenLists::new(&lists);
        let singles: Vec<Tokens> = lists.iter().map(|l| Tokens::new(l)).collect();
        for hay in [
            "",
            "a",
            "Comments",
            "xMEN",
            "advertiser",
            "x-AD-y",
            "shareBar",
            "hare",
            "no",
            "zz z",
            "commentshare-ad-zzz",
        ] {
            let expected = singles.iter().enumerate().fold(0, |bits, (k, t)| bits | (u32::from(t.in_str(hay)) << k));
            assert_eq!(tokens.in_str(hay), expected, "{hay:?}");
        }
    }
}
