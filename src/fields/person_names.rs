//! Bylines into people: "By Jane Doe and John Smith, Staff Writers | Reuters" → Jane Doe and
//! John Smith (role "Staff Writers"), organisation Reuters.
//!
//! [`parse_byline`] takes one byline, a `meta name=author` value or a JSON-LD author string and
//! returns the people it names (with a role or credentials when the byline gives them), the
//! organisations (wire services, newsrooms: the caller names them as authors only when no
//! person is named) and the contributors that are not authors ("Photos by …", "Editing by …").
//! In order: the byline is cut where a date, a date cue word or a time starts ("… publiziert am
//! 25. September 2018"); segments introduced by a contributor lead are set apart; the author
//! lead ("By", "Von", "Par", "Автор", …) goes; handles, e-mail addresses, URLs and
//! parentheticals go; the rest is split at punctuation and at "and"-words ("und", "et", "y",
//! "и", …) into pieces; a piece that is a credential ("MS", "PhD"), a role ("Staff Writer") or
//! a name suffix ("Jr.") belongs to the name before it; every name in capitals is title-cased.
//!
//! The vocabularies are the named tables at the top; the mechanics below only read them.

use std::sync::LazyLock;

use regex::Regex;

use super::visible_date::{self, NumericOrder};

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/// Words that introduce the authors at the start of a byline, lower case, by language. A colon
/// may follow ("Text: …", "Автор: …").
const AUTHOR_LEADS: &[&str] = &[
    // English
    "by",
    "written by",
    "words by",
    "story by",
    "text by",
    "reporting by",
    "reported by",
    "analysis by",
    "opinion by",
    "commentary by",
    "column by",
    "essay by",
    "interview by",
    "review by",
    "posted by",
    "submitted by",
    "published by",
    "author",
    "authors",
    "byline",
    // Links to an author's page ("View all posts by Jane Doe")
    "view all posts by",
    "all posts by",
    "posts by",
    "more from",
    "more by",
    "more articles by",
    "articles by",
    "alle artikel von",
    "alle beiträge von",
    "zeige alle artikel von",
    "zeige alle beiträge von",
    "weitere artikel von",
    "mehr von",
    "tous les articles de",
    "tous les articles par",
    "todos los artículos de",
    "más artículos de",
    "tutti gli articoli di",
    "alle artikelen van",
    // French
    "par",
    "écrit par",
    "publié par",
    "texte",
    "auteur",
    // German ("Eingestellt von" and "Gespeichert von": Blogger's and Drupal's "Posted by")
    "von",
    "vom",
    "eingestellt von",
    "gespeichert von",
    "artikel von",
    "ein artikel von",
    "beitrag von",
    "text",
    "autor",
    "autorin",
    "autoren",
    "ein beitrag von",
    "geschrieben von",
    // Spanish and Portuguese
    "por",
    "escrito por",
    "publicado por",
    "texto",
    "reportaje de",
    "autora",
    // Italian
    "di",
    "scritto da",
    "pubblicato da",
    "a cura di",
    "testo di",
    "autore",
    // Dutch
    "door",
    "geschreven door",
    "geplaatst door",
    "tekst",
    // Swedish, Norwegian, Danish
    "av",
    "skrivet av",
    "skrevet av",
    "af",
    "skrevet af",
    "forfatter",
    // Polish, Czech
    "przez",
    "autorka",
    "napisał",
    "napisała",
    // Russian, Ukrainian
    "автор",
    "авторы",
    "автор текста",
    "текст",
    // Chinese
    "作者",
    "记者",
    "記者",
    "文",
];

/// Leads that are also the start of names ("Von Hammerstein", "Di Maria", "Van Dyke"): taken
/// as a lead only when at least two words follow, the lead is written in lower case ("von
/// Jane", never a name's start), or a user name follows ("Von gizzmo").
const AMBIGUOUS_LEADS: &[&str] = &["von", "di", "af", "av", "door", "par", "text", "texte", "texto", "tekst"];

/// Phrases that introduce people who are not authors (the caller keeps them as contributors),
/// lower case, matched anywhere in the byline: "Photos by …", "Editing by …".
const CONTRIBUTOR_LEADS: &[&str] = &[
    // English
    "photos by",
    "photo by",
    "photographs by",
    "photography by",
    "illustration by",
    "illustrations by",
    "graphics by",
    "video by",
    "videos by",
    "design by",
    "produced by",
    "edited by",
    "editing by",
    "additional reporting by",
    "with additional reporting by",
    "translated by",
    "translation by",
    "fact-checked by",
    "fact checked by",
    "reviewed by",
    "medically reviewed by",
    // German
    "fotos von",
    "foto von",
    "redigiert von",
    "übersetzt von",
    // French
    "photos de",
    "photo de",
    "édité par",
    "traduit par",
    // Spanish, Portuguese, Italian
    "fotos de",
    "foto de",
    "editado por",
    "traducido por",
    "foto di",
    "tradotto da",
];

/// Labels that introduce people who are not authors when a colon follows ("Foto: …",
/// "Photo: …", "Редактор: …"), lower case.
const CONTRIBUTOR_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photography",
    "illustration",
    "graphics",
    "video",
    "editor",
    "editing",
    "translation",
    "foto",
    "fotos",
    "bild",
    "bilder",
    "grafik",
    "übersetzung",
    "mitarbeit",
    "traduction",
    "fotografía",
    "fotografia",
    "traducción",
    "traduzione",
    "edición",
    "edição",
    "фото",
    "редактор",
];

/// The last word of a [`CONTRIBUTOR_LEADS`] phrase that the contributor's part leaves out
/// ("Editing by" → "Editing").
const CONTRIBUTOR_LEAD_ENDS: &[&str] = &["by", "von", "de", "par", "por", "da", "di"];

/// Words that join two names: "A and B", "A und B", "A et B", "A en B", "A och B", "A og B",
/// "A ve B". Lower case, whole words, in any case ("MEG EXAMPLE AND ERRIN SAMPLE").
const AND_WORDS: &[&str] = &["and", "und", "et", "en", "och", "og", "ve"];

/// One-letter "and"-words ("A y B", "A e B", "A i B", "A и B"): only in lower case, since in
/// capitals they are middle initials ("Jane E. Doe", "Jane Y Doe").
const AND_LETTERS: &[&str] = &["y", "e", "i", "и", "і"];

/// Words after a name that start something else: a place, an employer, a co-author credit
/// ("Jane Doe in Berlin", "Jane Doe for The Guardian", "Jane Doe at Reuters"). Case matters:
/// only these lower-case forms; the byline is cut there.
const CUT_WORDS: &[&str] = &["in", "at", "for", "from", "via", "with", "aus", "für", "pour", "para", "per", "för"];

/// Words left dangling at the end of a byline cut before a date ("By Jane Doe on", "Von X am").
const DANGLING_WORDS: &[&str] =
    &["on", "am", "um", "le", "el", "il", "em", "op", "den", "dne", "в", "de", "the", "at", "|", "-", "–", "—"];

/// Academic and professional credentials written after a name, compared without dots and
/// case-sensitively ("MS" is a credential, "Ms" a title): "Ilana Example, MS, RDN" is one
/// person.
const CREDENTIALS: &[&str] = &[
    "MS", "MSc", "MA", "MBA", "MD", "PhD", "DPhil", "MPhil", "EdD", "PsyD", "PharmD", "DVM", "DDS", "DMD", "DO", "OD",
    "JD", "LLM", "LLB", "MFA", "MEd", "MPH", "MSN", "MSW", "BSN", "BSc", "BA", "BS", "RN", "NP", "APRN", "FNP", "DNP",
    "PA-C", "RD", "RDN", "LD", "LDN", "CDE", "CDCES", "IBCLC", "CNS", "LCSW", "LPC", "CPT", "CSCS", "CFA", "CFP",
    "CPA", "CAIA", "FRM", "CISSP", "CISM", "CISA", "Esq", "FACP", "FACC", "FACS", "FAAP", "FRCP", "FRCS", "MRCP",
    "Dipl-Ing", "Mag", "MSCS", "ATC", "CHES", "CSSD",
];

/// Name suffixes that a comma may set apart ("Martin Luther King, Jr."), without their dot:
/// they stay with the name before them, as written.
const NAME_SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV", "Jun", "Sen"];

/// Nouns that make a phrase a job title ("Staff Writer", "Senior Editor", "Redakteurin"), lower
/// case, singular and plural.
const ROLE_NOUNS: &[&str] = &[
    // English
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "editor-at-large",
    "contributor",
    "contributors",
    "columnist",
    "columnists",
    "analyst",
    "analysts",
    "producer",
    "producers",
    "journalist",
    "journalists",
    "critic",
    "critics",
    "photographer",
    "photographers",
    "intern",
    "interns",
    "blogger",
    "bloggers",
    "author",
    "anchor",
    "host",
    "researcher",
    "fellow",
    // Job titles of company blogs' bylines ("Jane Doe, Product Manager")
    "manager",
    "managers",
    "director",
    "coordinator",
    "engineer",
    "specialist",
    "strategist",
    "consultant",
    "evangelist",
    "scientist",
    "designer",
    "marketer",
    // German
    "redakteur",
    "redakteurin",
    "redakteure",
    "korrespondent",
    "korrespondentin",
    "autorin",
    "journalistin",
    "reporterin",
    "volontär",
    "volontärin",
    "chefredakteur",
    "chefredakteurin",
    // French, Spanish, Portuguese, Italian
    "rédacteur",
    "rédactrice",
    "journaliste",
    "correspondant",
    "correspondante",
    "envoyé spécial",
    "envoyée spéciale",
    "redactor",
    "redactora",
    "periodista",
    "corresponsal",
    "repórter",
    "jornalista",
    "correspondente",
    "giornalista",
    "inviato",
    "inviata",
    "corrispondente",
    "redattore",
    "redattrice",
    // Dutch, Scandinavian, Polish, Russian
    "redacteur",
    "verslaggever",
    "correspondent",
    "journalist",
    "reporter",
    "dziennikarz",
    "dziennikarka",
    "korespondent",
    "redaktor",
    "корреспондент",
    "журналист",
    "обозреватель",
    "редактор",
];

/// Words that qualify a job title ("Senior", "Staff", "Contributing"), lower case.
const ROLE_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "junior",
    "executive",
    "managing",
    "contributing",
    "associate",
    "assistant",
    "deputy",
    "chief",
    "special",
    "political",
    "foreign",
    "national",
    "international",
    "investigative",
    "business",
    "technology",
    "tech",
    "science",
    "health",
    "sports",
    "features",
    "news",
    "digital",
    "web",
    "freelance",
    "guest",
    "regional",
    "local",
    "white house",
    "washington",
    "europe",
    "economics",
    "culture",
    "legal",
    "opinion",
    "data",
    "video",
    "audio",
    "photo",
    "social media",
    "general",
    "editorial",
    "lead",
    "principal",
    "research",
    "product",
    "program",
    "project",
    "marketing",
    "communications",
    "community",
    "engineering",
    "software",
    "sales",
    "account",
    "partner",
    "technical",
    "content",
    "visiting",
    "freier",
    "freie",
    "leitender",
    "leitende",
    "stellvertretender",
    "stellvertretende",
    "spécial",
    "especial",
    "speciale",
    "старший",
    "специальный",
];

/// Job titles written after a name without a comma in Korean and Chinese ("홍길동 기자").
const ROLE_SUFFIXES: &[&str] = &["기자", "특파원", "선임기자", "记者", "記者", "特派员", "編集委員"];

/// Wire services and generic newsroom names: organisations, not people, however they are
/// written. Compared case-insensitively with the whole piece.
const ORGANISATIONS: &[&str] = &[
    // Wire services and news agencies
    "reuters",
    "thomson reuters",
    "associated press",
    "the associated press",
    "ap",
    "afp",
    "agence france-presse",
    "agence france presse",
    "dpa",
    "deutsche presse-agentur",
    "apa",
    "kna",
    "epd",
    "sid",
    "afx",
    "dow jones",
    "bloomberg",
    "upi",
    "pti",
    "ians",
    "ani",
    "efe",
    "agencia efe",
    "europa press",
    "ansa",
    "adnkronos",
    "xinhua",
    "kyodo",
    "yonhap",
    "tass",
    "ria novosti",
    "interfax",
    "pap",
    "čtk",
    "ctk",
    "anp",
    "belga",
    "sda",
    "keystone-sda",
    "tt",
    "ntb",
    "ritzau",
    "lusa",
    "agência brasil",
    "notimex",
    "canadian press",
    "the canadian press",
    "press association",
    "pa",
    "aap",
    "cna",
    "bernama",
    "antara",
    "wafa",
    "anadolu",
    "anadolu agency",
    // Newsroom names
    "staff",
    "staff report",
    "staff reports",
    "staff writer",
    "editorial board",
    "the editorial board",
    "editorial staff",
    "editors",
    "the editors",
    "newsroom",
    "news desk",
    "web desk",
    "digital desk",
    "online desk",
    "admin",
    "administrator",
    "redaktion",
    "online-redaktion",
    "die redaktion",
    "redacción",
    "la redacción",
    "rédaction",
    "la rédaction",
    "redazione",
    "la redazione",
    "redactie",
    "de redactie",
    "redakcja",
    "redaktionen",
    "редакция",
    "редакція",
];

/// A last word that makes a piece an organisation ("Times Staff", "BBC News", "Canadian
/// Press", "Metro Desk", "SPIEGEL-Redaktion" is caught by [`ORGANISATION_WORD_PARTS`]), lower
/// case.
const ORGANISATION_LAST_WORDS: &[&str] = &[
    "staff",
    "news",
    "newsroom",
    "desk",
    "team",
    "editors",
    "press",
    "agency",
    "wire",
    "wires",
    "bureau",
    "redaktion",
    "online",
    "digital",
];

/// A first word that makes a piece an organisation ("Redaktion Politik", "Staff and wire
/// reports"), lower case.
const ORGANISATION_FIRST_WORDS: &[&str] =
    &["redaktion", "redacción", "rédaction", "redazione", "redactie", "редакция", "staff"];

/// Parts of one hyphenated word that make it an organisation ("SPIEGEL-Redaktion",
/// "Online-Redaktion", "ZEIT-Nachrichten"), lower case.
const ORGANISATION_WORD_PARTS: &[&str] = &["redaktion", "newsroom", "nachrichten", "agentur"];

/// Words that never stand in a name: what a byline element also holds (share buttons, reading
/// times, "View all posts"), lower case, whole words.
const NOT_NAME_WORDS: &[&str] = &[
    "share",
    "shares",
    "comment",
    "comments",
    "follow",
    "subscribe",
    "read",
    "min",
    "mins",
    "minute",
    "minutes",
    "view",
    "posts",
    "articles",
    "more",
    "email",
    "e-mail",
    "print",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "copyright",
    "rights",
    "reserved",
    "getty",
    "images",
    "shutterstock",
    "ago",
    "click",
    "here",
    "profile",
    "newsletter",
    "sign",
    "login",
    "home",
    "menu",
    "search",
    "advertisement",
    "anzeige",
    "sponsored",
    "teilen",
    "kommentare",
    "partager",
    "compartir",
    "condividi",
    "delen",
    "lesezeit",
    "lecture",
    "lectura",
    // Links to author indexes and site pages that author selectors also match
    "author",
    "authors",
    "autoren",
    "auteurs",
    "people",
    "userprofile",
    "contact",
    "kontakt",
    "impressum",
    "imprint",
    // German link texts next to an author's name ("Zeige alle Artikel", "Mehr", "Folgen")
    "zeige",
    "alle",
    "artikel",
    "beiträge",
    "mehr",
    "folgen",
    "schlagworte",
    "artikelübersicht",
    // What blog templates print for an account without a name ("Posted by Unknown")
    "unknown",
    "anonymous",
    "unbekannt",
    "anonym",
    "inconnu",
    "anonyme",
    "anónimo",
    "anonimo",
];

/// Name particles that stay lower case inside a name written in capitals ("LUDWIG VAN
/// BEETHOVEN" → "Ludwig van Beethoven") and do not count as words of their own.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "zu", "ter", "ten",
    "bin", "ibn", "al", "y",
];

/// Surnames starting with "Mac" that are not "Mac" + a capitalised name (title-casing
/// "MACHADO" gives "Machado", not "MacHado").
const MAC_EXCEPTIONS: &[&str] = &[
    "machado",
    "machin",
    "machinist",
    "macias",
    "mackie",
    "mackey",
    "macey",
    "maciel",
    "macedo",
    "macek",
    "machiavelli",
    "macaulay",
    "mackin",
    "macon",
    "macaluso",
    "macario",
    "macias",
    "maceo",
    "machel",
    "macri",
    "macron",
    "macchi",
    "maccari",
];

/// The most words a name may have (particles not counted): longer pieces are sentences.
const MAX_NAME_WORDS: usize = 5;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// A person named by a byline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Person {
    /// The name, cleaned: "Jane Doe".
    pub name: String,
    /// A job title the byline gives ("Staff Writer"), or a contributor's part ("Photos").
    pub role: Option<String>,
    /// Credentials after the name ("MS", "RDN"), without their dots.
    pub credentials: Vec<String>,
}

/// What a byline names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The authors who are people, in byline order, without duplicates.
    pub people: Vec<Person>,
    /// Wire services and newsrooms ("Reuters", "CNN Business", "Staff").
    pub organisations: Vec<String>,
    /// People credited for something other than writing ("Photos by …", "Editing by …"),
    /// their part in `role`.
    pub contributors: Vec<Person>,
    /// Account names shown where a display name would be ("by marc", "von gizzmo",
    /// "karstenruppert"): the author when no person is named anywhere else.
    pub user_names: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Mechanics
// ---------------------------------------------------------------------------------------------

/// Alternation of words, longest first, escaped; spaces match any white space.
fn alternation(words: &[&str]) -> String {
    let mut words: Vec<&str> = words.to_vec();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

static AUTHOR_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*(?P<lead>{})(?:\s*[:：]\s*|\s+)", alternation(AUTHOR_LEADS))).expect("static regex")
});

static CONTRIBUTOR_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[\s,;|·•(/])(?:(?P<lead>{})(?:\s*[:：]\s*|\s+)|(?P<label>{})\s*[:：]\s*)",
        alternation(CONTRIBUTOR_LEADS),
        alternation(CONTRIBUTOR_LABELS)
    ))
    .expect("static regex")
});

/// Handles, e-mail addresses, URLs and parentheticals: removed wherever they stand (by
/// [`remove_noise`], which extends a handle's first word character to its 30).
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \([^()]*\) | \[[^\[\]]*\] | （[^（）]*）     # (handle), (URL), [Reuters], full-width parentheses
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # e-mail
        | https?://\S+ | www\.\S+                     # URLs
        | (?:^|\s)@\w                               # @handle (first character)
        ",
    )
    .expect("static regex")
});

/// The run of word characters a handle continues with.
static WORD_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w*").expect("static regex"));

/// Word characters a handle keeps after its `@`.
const HANDLE_MAX_CHARS: usize = 30;

/// `text` with each [`NOISE`] match replaced by a space: the same result as replacing
/// `(?:^|\s)@\w{1,30}` in the handle alternative, without compiling a Unicode `\w` thirty
/// times (a bounded repeat copies its class automaton per repetition; that compile cost every
/// process paid). A match is a handle exactly when it starts with `@` or whitespace, which
/// no other alternative can; its end then moves over up to 29 more word characters, as the
/// greedy `\w{1,30}` would.
fn remove_noise(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(m) = NOISE.find_at(text, at) {
        let mut end = m.end();
        if m.as_str().starts_with(|c: char| c == '@' || c.is_whitespace()) {
            let run = WORD_RUN.find(&text[end..]).map_or("", |r| r.as_str());
            end += run.char_indices().nth(HANDLE_MAX_CHARS - 1).map_or(run.len(), |(i, _)| i);
        }
        out.push_str(&text[copied..m.start()]);
        out.push(' ');
        copied = end;
        at = end;
    }
    if out.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Where a byline splits into pieces: punctuation, and the "and"-words between spaces.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:[,;|/·•、，；+]|\s&\s|&|\n)\s*").expect("static regex"));

static AND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\s+(?:(?i:{})|{})\s+", alternation(AND_WORDS), alternation(AND_LETTERS)))
        .expect("static regex")
});

/// An "and"-word left at the start of a piece by a comma before it ("A, B, and C").
static LEADING_AND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:(?i:{})|{})\s+", alternation(AND_WORDS), alternation(AND_LETTERS))).expect("static regex")
});

/// Splits one byline (or `meta author`, or a JSON-LD author string) into people,
/// organisations and contributors.
pub(crate) fn parse_byline(text: &str) -> Byline {
    let clean = normalize_space(&remove_noise(text));
    let out = parse_clean_byline(&clean);
    if out.people.is_empty() && out.organisations.is_empty() && out.user_names.is_empty() {
        // "Posted on March 3, 2024 by Jane Doe": the names follow the date.
        if let Some(last) = visible_date::find_dates(&clean, NumericOrder::Unknown).last()
            && let Some(rest) = clean.get(last.span.end..)
            && AUTHOR_LEAD.is_match(rest.trim_start_matches([',', ' ']))
        {
            return parse_clean_byline(rest.trim_start_matches([',', ' ']));
        }
    }
    out
}

/// [`parse_byline`] of a text without noise, cut where a date starts.
fn parse_clean_byline(clean: &str) -> Byline {
    let mut out = Byline::default();
    // Noise first: a URL or handle may hold what looks like a date.
    let text = cut_at_date(clean);
    // Contributor segments ("Photos by …", "Editing by …") are set apart first.
    let mut segments: Vec<(Option<String>, &str)> = Vec::new();
    let mut rest: &str = &text;
    let mut role: Option<String> = None;
    while let Some(c) = CONTRIBUTOR_LEAD.captures(rest) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let lead = c.name("lead").or_else(|| c.name("label")).map_or("", |m| m.as_str());
        segments.push((role.take(), &rest[..whole.start]));
        let mut words: Vec<&str> = lead.split_whitespace().collect();
        if words.len() > 1 && words.last().is_some_and(|w| CONTRIBUTOR_LEAD_ENDS.contains(&w.to_lowercase().as_str())) {
            words.pop();
        }
        role = Some(capitalise_first(&words.join(" ")));
        rest = &rest[whole.end..];
    }
    segments.push((role, rest));

    for (contributor_role, segment) in segments {
        let (people, organisations, user_names) = people_of(segment);
        match contributor_role {
            None => {
                for u in user_names {
                    if !out.user_names.contains(&u) {
                        out.user_names.push(u);
                    }
                }
                for p in people {
                    push_person(&mut out.people, p);
                }
                for o in organisations {
                    if !out.organisations.iter().any(|x| x.eq_ignore_ascii_case(&o)) {
                        out.organisations.push(o);
                    }
                }
            }
            Some(r) => {
                for mut p in people {
                    p.role = Some(r.clone());
                    push_person(&mut out.contributors, p);
                }
            }
        }
    }
    out
}

/// Whether a line starts like a byline: an author lead ("By", "Von", "Text:", "Автор:") and
/// then a capital letter ("By Jane Doe", not "By the end of the year").
pub(crate) fn starts_with_author_lead(line: &str) -> bool {
    AUTHOR_LEAD.find(line).is_some_and(|m| line[m.end()..].chars().next().is_some_and(char::is_uppercase))
}

/// Whether a name is a wire service or newsroom rather than a person.
pub(crate) fn is_organisation(name: &str) -> bool {
    let name = normalize_space(name);
    let lower = name.to_lowercase();
    if ORGANISATIONS.contains(&lower.as_str()) {
        return true;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let lower_words: Vec<&str> = lower.split(' ').collect();
    let is_acronym = |w: &str, min: usize| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= min && letters <= 5 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
    };
    // "CNN", "NPR"; "CNN Business", "BBC Sport" (a three-letter or longer acronym first: "AJ
    // Smith" is a person).
    (words.len() == 1 && is_acronym(words[0], 2))
        || (words.len() > 1
            && is_acronym(words[0], 3)
            && words[1..].iter().all(|w| !is_acronym(w, 1) && w.chars().any(char::is_lowercase)))
        || (words.len() > 1 && lower_words.last().is_some_and(|w| ORGANISATION_LAST_WORDS.contains(w)))
        || (words.len() > 1 && ORGANISATION_FIRST_WORDS.contains(&lower_words[0]))
        || lower_words.iter().any(|w| w.contains('-') && w.split('-').any(|p| ORGANISATION_WORD_PARTS.contains(&p)))
}

/// Collapses white space (and no-break spaces) to single spaces, trimmed.
fn normalize_space(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn capitalise_first(s: &str) -> String {
    let mut cs = s.chars();
    cs.next().map_or_else(String::new, |f| f.to_uppercase().chain(cs).collect())
}

/// The byline up to where a date, a date cue word ("Updated", "publiziert") or a time starts,
/// without the words left dangling before it ("on", "am").
fn cut_at_date(text: &str) -> String {
    // Leads such as "Posted by" hold a cue word: cut only after the lead.
    let lead_end = AUTHOR_LEAD.find(text).map_or(0, |m| m.end());
    let tail = &text[lead_end..];
    let date_start = visible_date::find_dates(tail, NumericOrder::Unknown)
        .first()
        .map(|d| d.cue.as_ref().map_or(d.span.start, |c| c.start.min(d.span.start)));
    // A cue word that leads a credit ("Edited by", "Posted by") is no date cue.
    let cue_start = visible_date::cues(tail)
        .into_iter()
        .find(|(r, _)| !tail[r.end..].trim_start().to_lowercase().starts_with("by "))
        .map(|(r, _)| r.start);
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b").expect("static regex"));
    let time_start = TIME.find(tail).map(|m| m.start());
    let weekday_start = visible_date::dangling_weekday_start(tail);
    let cut = [date_start, cue_start, time_start, weekday_start]
        .into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |c| lead_end + c);
    let mut kept = text[..cut].trim_end().to_string();
    loop {
        let trimmed = kept.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '·' | '•' | '|' | '-' | '–' | '—' | ':')
        });
        let last_word = trimmed.rsplit(' ').next().unwrap_or("");
        let without = if trimmed.len() > last_word.len() && DANGLING_WORDS.contains(&last_word.to_lowercase().as_str())
        {
            trimmed[..trimmed.len() - last_word.len()].to_string()
        } else {
            trimmed.to_string()
        };
        if without == kept {
            break;
        }
        kept = without;
    }
    kept
}

/// The people, organisations and user names of one segment (no contributor lead inside).
fn people_of(segment: &str) -> (Vec<Person>, Vec<String>, Vec<String>) {
    let segment = strip_author_lead(segment);
    let segment = remove_noise(&segment);
    let segment = normalize_space(&segment);

    let mut people: Vec<Person> = Vec::new();
    let mut organisations: Vec<String> = Vec::new();
    let mut user_names: Vec<String> = Vec::new();
    // Whether the last piece was a person (credentials, suffixes and roles attach to it).
    let mut after_person = false;
    // Whether the last piece was a job title: a piece after it without "and" is the person's
    // team or employer ("Jane Doe, Product Manager, Mobile Ads").
    let mut after_role = false;
    for raw_piece in SEPARATOR.split(&segment) {
        let piece = strip_author_lead(raw_piece.trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '.' | ':' | '-' | '–' | '—' | '"' | '\'' | '“' | '”' | '→' | '←' | '»' | '«' | '›' | '‹')
        }));
        let piece = cut_at_cut_word(&piece);
        if piece.is_empty() {
            continue;
        }
        let without_and = LEADING_AND_WORD.replace(&piece, "").to_string();
        let joined_by_and = without_and != piece;
        let piece = without_and;
        if piece.is_empty() {
            continue;
        }
        if std::mem::take(&mut after_role) && !joined_by_and {
            after_person = false;
            continue;
        }
        let undotted: String = piece.chars().filter(|c| *c != '.').collect();
        if after_person && CREDENTIALS.contains(&undotted.as_str()) {
            if let Some(p) = people.last_mut() {
                p.credentials.push(undotted);
            }
            continue;
        }
        if after_person && NAME_SUFFIXES.contains(&piece.as_str()) {
            if let Some(p) = people.last_mut() {
                p.name = format!("{} {}", p.name, raw_piece.trim());
            }
            continue;
        }
        if after_person && let Some(role) = role_phrase(&piece).or_else(|| team_role_phrase(&piece)) {
            // A plural title ("Staff Writers") is every role-less name's before it.
            let plural = role.ends_with('s');
            for p in people.iter_mut().rev() {
                if p.role.is_some() {
                    break;
                }
                p.role = Some(role.clone());
                if !plural {
                    break;
                }
            }
            after_role = true;
            continue;
        }
        if is_organisation(&piece) {
            organisations.push(piece.to_string());
            after_person = false;
            continue;
        }
        let mut any = false;
        for name in split_on_and_words(&piece) {
            if let Some(person) = person_of(&name) {
                people.push(person);
                any = true;
            } else if is_organisation(&name) {
                organisations.push(name);
            } else if is_user_name(&name) {
                user_names.push(name);
            }
        }
        after_person = any;
    }
    (people, organisations, user_names)
}

/// Longest user name (characters).
const USER_NAME_MAX_CHARS: usize = 30;

/// Whether a piece is shaped like an account name: one token of letters (digits, `.`, `_`, `-`
/// allowed) without capitals, or with a digit, `.` or `_` in it ("marc", "karstenruppert",
/// "saskia126", "jane.doe"); never a [`NOT_NAME_WORDS`] word or an author lead.
pub(crate) fn is_user_name(piece: &str) -> bool {
    let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
    let lower = piece.to_lowercase();
    !piece.contains(char::is_whitespace)
        && letters >= 2
        && piece.chars().count() <= USER_NAME_MAX_CHARS
        && piece.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && (!piece.chars().any(char::is_uppercase)
            || piece.contains(|c: char| c.is_ascii_digit() || c == '.' || c == '_'))
        && !NOT_NAME_WORDS.contains(&lower.as_str())
        && !AUTHOR_LEADS.contains(&lower.as_str())
}

/// `text` without an author lead at its start ("By ", "Von ", "Автор: ").
fn strip_author_lead(text: &str) -> String {
    let mut text = text.trim().to_string();
    // Leads may repeat ("By: Written by …"): strip while one is there.
    while let Some(c) = AUTHOR_LEAD.captures(&text) {
        let lead = c.name("lead").map_or("", |m| m.as_str()).to_lowercase();
        let end = c.get(0).map_or(0, |m| m.end());
        let rest = &text[end..];
        let words_after = rest.split_whitespace().take_while(|w| !w.ends_with(',')).count();
        let lower_case_lead = c.name("lead").is_some_and(|m| m.as_str().starts_with(char::is_lowercase));
        // A user name: no capital ("von jdoe"), or a dot or underscore inside ("Von Jane.Doe").
        let user_name_after = rest
            .split_whitespace()
            .next()
            .is_some_and(|w| !w.chars().any(char::is_uppercase) || w.trim_end_matches('.').contains(['.', '_']));
        if rest.trim().is_empty()
            || (AMBIGUOUS_LEADS.contains(&lead.as_str())
                && words_after < 2
                && !rest.contains(',')
                && !lower_case_lead
                && !user_name_after)
        {
            break;
        }
        text = rest.trim().to_string();
    }
    text
}

/// `piece` up to a [`CUT_WORDS`] word ("Jane Doe in Berlin" → "Jane Doe").
fn cut_at_cut_word(piece: &str) -> String {
    let words: Vec<&str> = piece.split(' ').collect();
    match words.iter().skip(1).position(|w| CUT_WORDS.contains(w)) {
        Some(i) => words[..=i].join(" "),
        None => piece.to_string(),
    }
}

/// Splits a piece at "and"-words when both sides look alike: one word each ("Kim and Lee") or
/// two and more each ("MEG EXAMPLE and ERRIN SAMPLE"). "José Ortega y Gasset" stays whole.
fn split_on_and_words(piece: &str) -> Vec<String> {
    let parts: Vec<&str> = AND_WORD.split(piece).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return vec![piece.to_string()];
    }
    let counts: Vec<usize> = parts.iter().map(|p| name_word_count(p)).collect();
    let alike = counts.iter().all(|&c| c == 1) || counts.iter().all(|&c| c >= 2);
    if alike { parts.into_iter().map(str::to_string).collect() } else { vec![piece.to_string()] }
}

/// Words of a name, particles not counted.
fn name_word_count(name: &str) -> usize {
    name.split(' ').filter(|w| !NAME_PARTICLES.contains(&w.to_lowercase().as_str())).count()
}

/// A job title: every word a role noun or modifier, one of them a noun ("Staff Writer",
/// "Senior Reporters", "Redakteurin").
fn role_phrase(piece: &str) -> Option<String> {
    let lower = piece.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    let (mut i, mut nouns) = (0, 0);
    while i < words.len() {
        // Two-word vocabulary entries first ("white house", "envoyé spécial").
        let pair = words.get(i + 1).map(|n| format!("{} {n}", words[i]));
        if let Some(pair) = pair.as_deref()
            && (ROLE_NOUNS.contains(&pair) || ROLE_MODIFIERS.contains(&pair))
        {
            nouns += usize::from(ROLE_NOUNS.contains(&pair));
            i += 2;
            continue;
        }
        if ROLE_NOUNS.contains(&words[i]) {
            nouns += 1;
        } else if !ROLE_MODIFIERS.contains(&words[i]) {
            return None;
        }
        i += 1;
    }
    (nouns > 0).then(|| piece.to_string())
}

/// A job title after a name with a team or product name before it ("AdWords Product Manager",
/// "Chrome Security Engineer"): its last two words a job title.
fn team_role_phrase(piece: &str) -> Option<String> {
    let words: Vec<&str> = piece.split(' ').collect();
    let tail = words.get(words.len().checked_sub(2)?..)?.join(" ");
    role_phrase(&tail).map(|_| piece.to_string())
}

/// A person from one piece, when it looks like a name: a title before it ("Senior Editor Jane
/// Doe") and a Korean or Chinese title after it go to `role`; trailing credentials without a
/// comma ("Jane Doe MD") to `credentials`; a name in capitals is title-cased.
fn person_of(piece: &str) -> Option<Person> {
    let mut words: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty()).collect();
    let mut person = Person::default();
    // A job title before the name: the longest leading run of role words that leaves two words.
    for k in (1..words.len().saturating_sub(1)).rev() {
        if let Some(role) = role_phrase(&words[..k].join(" ")) {
            person.role = Some(role);
            words.drain(..k);
            break;
        }
    }
    if let Some(last) = words.last()
        && ROLE_SUFFIXES.contains(last)
        && words.len() > 1
    {
        person.role = words.pop().map(str::to_string);
    }
    while words.len() > 1 {
        let undotted: String = words[words.len() - 1].chars().filter(|c| *c != '.').collect();
        if !CREDENTIALS.contains(&undotted.as_str()) {
            break;
        }
        person.credentials.insert(0, undotted);
        words.pop();
    }
    let name = words.join(" ");
    if !looks_like_name(&name) {
        return None;
    }
    person.name = if is_all_capitals(&name) { title_case(&name) } else { name };
    Some(person)
}

/// Whether a piece can be a person's name: letters, no digits, at most [`MAX_NAME_WORDS`]
/// words, none of the [`NOT_NAME_WORDS`], not one lower-case word (a user name), not an
/// organisation.
fn looks_like_name(name: &str) -> bool {
    if name.is_empty() || name.chars().any(|c| c.is_ascii_digit()) || !name.chars().any(char::is_alphabetic) {
        return false;
    }
    let lower = name.to_lowercase();
    if lower.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| NOT_NAME_WORDS.contains(&w))
        || AUTHOR_LEADS.contains(&lower.as_str())
    {
        return false;
    }
    let words = name_word_count(name);
    let has_case = name.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    let one_lower_word = has_case && !name.contains(' ') && !name.chars().any(char::is_uppercase);
    (1..=MAX_NAME_WORDS).contains(&words) && !one_lower_word && !is_organisation(name) && role_phrase(name).is_none()
}

/// Whether every cased letter of `name` is upper case, and it has at least two letters per word
/// somewhere (initials alone, "J.R.", are not a name in capitals).
fn is_all_capitals(name: &str) -> bool {
    name.chars().any(|c| c.is_uppercase())
        && !name.chars().any(char::is_lowercase)
        && name.split(' ').any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.contains('.'))
}

/// "MEG EXAMPLE" → "Meg Example", "SEAN O'BRIEN" → "Sean O'Brien", "RONALD MCDONALD" → "Ronald
/// McDonald", "ANGUS MACDONALD" → "Angus MacDonald", "JEAN-PIERRE DUPONT" → "Jean-Pierre
/// Dupont", "LUDWIG VAN BEETHOVEN" → "Ludwig van Beethoven", "J.R. SMITH" → "J.R. Smith".
pub(crate) fn title_case(name: &str) -> String {
    name.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && NAME_PARTICLES.contains(&lower.as_str()) {
                return lower;
            }
            // Initials ("J.R.") stay as they are.
            if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
                return word.to_string();
            }
            title_case_word(&lower)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One lower-cased word title-cased: each part after a hyphen or apostrophe capitalised, and
/// the part after "Mc" (and after "Mac" when a name of five letters or more follows and the
/// word is not one of the [`MAC_EXCEPTIONS`]).
fn title_case_word(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    for part in lower.split_inclusive(['-', '\'', '’']) {
        let core = part.trim_end_matches(['-', '\'', '’']);
        let sep = &part[core.len()..];
        let letters: Vec<char> = core.chars().collect();
        // "o'" and "d'" stay one capital ("O'Brien", "D'Angelo").
        let cased = if let Some(rest) = core.strip_prefix("mc").filter(|r| r.chars().count() >= 2) {
            format!("Mc{}", capitalise_first(rest))
        } else if let Some(rest) =
            core.strip_prefix("mac").filter(|r| r.chars().count() >= 5 && !MAC_EXCEPTIONS.contains(&core))
        {
            format!("Mac{}", capitalise_first(rest))
        } else if letters.is_empty() {
            String::new()
        } else {
            capitalise_first(core)
        };
        out.push_str(&cased);
        out.push_str(sep);
    }
    out
}

/// Adds a person unless the same name (ignoring case) is there; a second mention adds what
/// the first lacked (role, credentials).
fn push_person(list: &mut Vec<Person>, p: Person) {
    match list.iter_mut().find(|x| x.name.to_lowercase() == p.name.to_lowercase()) {
        Some(existing) => {
            if existing.role.is_none() {
                existing.role = p.role;
            }
            if existing.credentials.is_empty() {
                existing.credentials = p.credentials;
            }
        }
        None => list.push(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn remove_noise_is_the_bounded_handle_regex(s in "([ a\\t@()\\[\\]（）.+/:-]|[a-c]{1,40}|é{1,35}|_|\u{301}|http://|www\\.|ab@c\\.de|\u{a0}|\u{3000})*") {
            let bounded = Regex::new(
                r"(?x)
                \([^()]*\) | \[[^\[\]]*\] | （[^（）]*）
                | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
                | https?://\S+ | www\.\S+
                | (?:^|\s)@\w{1,30}
                ",
            )
            .unwrap();
            proptest::prop_assert_eq!(remove_noise(&s), bounded.replace_all(&s, " "));
        }
    }

    #[test]
    fn remove_noise_keeps_thirty_word_characters_of_a_handle() {
        let long = format!("Jane Doe @{} end", "x".repeat(35));
        assert_eq!(remove_noise(&long), format!("Jane Doe {} end", "x".repeat(5)));
        assert_eq!(remove_noise("@jane (AP) jane@example.com http://x.y/@z"), "       ");
        assert_eq!(remove_noise("Jane Doe"), "Jane Doe");
    }

    #[test]
    fn a_line_starts_like_a_byline_with_a_lead_and_a_capital() {
        for line in ["By Jane Doe", "von Daniela Example", "Text: Jane Doe", "Автор: Иван Петров", "BY JANE DOE"]
        {
            assert!(starts_with_author_lead(line), "{line}");
        }
        for line in ["By the end of the year", "Jane Doe", "Bye Jane", "by"] {
            assert!(!starts_with_author_lead(line), "{line}");
        }
    }

    fn names(text: &str) -> Vec<String> {
        parse_byline(text).people.into_iter().map(|p| p.name).collect()
    }

    fn orgs(text: &str) -> Vec<String> {
        parse_byline(text).organisations
    }

    #[test]
    fn english_leads() {
        assert_eq!(names("By Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("BY: Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Written by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Analysis by Chris Example, CNN"), ["Chris Example"]);
        assert_eq!(orgs("Analysis by Chris Example, CNN"), ["CNN"]);
        assert_eq!(names("Opinion by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Reporting by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Posted by Jane Doe on March 3, 2024"), ["Jane Doe"]);
    }

    #[test]
    fn leads_in_other_languages() {
        assert_eq!(names("Par Jean Dupont"), ["Jean Dupont"]);
        assert_eq!(names("Von Moritz Beispiel"), ["Moritz Beispiel"]);
        assert_eq!(names("Por María García"), ["María García"]);
        assert_eq!(names("Di Mario Rossi"), ["Mario Rossi"]);
        assert_eq!(names("Door Jan de Vries"), ["Jan de Vries"]);
        assert_eq!(names("Av Sven Svensson"), ["Sven Svensson"]);
        assert_eq!(names("Af Lars Jensen"), ["Lars Jensen"]);
        assert_eq!(names("Przez Jan Kowalski"), ["Jan Kowalski"]);
        assert_eq!(names("Автор: Иван Петров"), ["Иван Петров"]);
        assert_eq!(names("Текст: Венера Пример"), ["Венера Пример"]);
        assert_eq!(names("Text: Anna Schmidt"), ["Anna Schmidt"]);
    }

    #[test]
    fn leads_that_start_names_need_two_words_after() {
        assert_eq!(names("Von Hammerstein"), ["Von Hammerstein"]);
        assert_eq!(names("Di Maria"), ["Di Maria"]);
    }

    #[test]
    fn a_lower_case_lead_or_a_user_name_after_it_is_a_lead() {
        // "von" in lower case never starts a name; a user name after a lead is the account.
        assert_eq!(names("von Redaktionsleiterin"), ["Redaktionsleiterin"]);
        assert_eq!(parse_byline("Von gizzmo").user_names, ["gizzmo"]);
        assert_eq!(parse_byline("vom Krimiblogger").people.len(), 1);
        assert!(names("vom Krimiblogger")[0] == "Krimiblogger");
    }

    #[test]
    fn platform_and_link_leads() {
        assert_eq!(names("Zeige alle Beiträge von Petra Example →"), ["Petra Example"]);
        assert_eq!(names("Eingestellt von Jan Beispiel"), ["Jan Beispiel"]);
        assert_eq!(parse_byline("Gespeichert von rasos").user_names, ["rasos"]);
        assert_eq!(parse_byline("Artikel von: hausinfo").user_names, ["hausinfo"]);
        assert_eq!(names("Publié par Jean Dupont"), ["Jean Dupont"]);
    }

    #[test]
    fn user_names_are_kept_apart_from_people() {
        let b = parse_byline("by marc");
        assert!(b.people.is_empty());
        assert_eq!(b.user_names, ["marc"]);
        for u in ["karstenruppert", "saskia126", "jane.doe", "Bo2man", "jdoe_news"] {
            assert!(is_user_name(u), "{u}");
        }
        for u in ["Jane Doe", "Madonna", "comments", "autor", "x", "12:30"] {
            assert!(!is_user_name(u), "{u}");
        }
    }

    #[test]
    fn names_after_the_date() {
        assert_eq!(names("Posted on September 21, 2020 by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Veröffentlicht am 3. März 2024 von Jane Doe"), ["Jane Doe"]);
    }

    #[test]
    fn labels_and_link_texts_are_no_names() {
        assert!(names("Autor").is_empty());
        assert!(names("Auteur").is_empty());
        assert_eq!(names("Matthias, Zeige alle Artikel"), ["Matthias"]);
        assert_eq!(names("Houzz Example, Mehr"), ["Houzz Example"]);
    }

    #[test]
    fn splits_on_and_words_and_punctuation() {
        assert_eq!(names("Jane Doe and John Smith"), ["Jane Doe", "John Smith"]);
        assert_eq!(names("A. Lee, B. Kim & C. Park"), ["A. Lee", "B. Kim", "C. Park"]);
        assert_eq!(names("Jane Doe, John Smith, and Ann Lee"), ["Jane Doe", "John Smith", "Ann Lee"]);
        assert_eq!(names("Von Roland Beispiel und Sebastian Muster"), ["Roland Beispiel", "Sebastian Muster"]);
        assert_eq!(names("Par Jean Dupont et Marie Curie"), ["Jean Dupont", "Marie Curie"]);
        assert_eq!(names("Por Ana López y Juan Pérez"), ["Ana López", "Juan Pérez"]);
        assert_eq!(names("Di Mario Rossi e Luca Bianchi"), ["Mario Rossi", "Luca Bianchi"]);
        assert_eq!(names("Door Jan Jansen en Piet Peters"), ["Jan Jansen", "Piet Peters"]);
        assert_eq!(names("Jan Kowalski i Anna Nowak"), ["Jan Kowalski", "Anna Nowak"]);
        assert_eq!(names("Иван Петров и Анна Смирнова"), ["Иван Петров", "Анна Смирнова"]);
        assert_eq!(names("Sarah Example; Sylvia Torres-Muestra"), ["Sarah Example", "Sylvia Torres-Muestra"]);
        assert_eq!(names("Jane Doe | John Smith"), ["Jane Doe", "John Smith"]);
        assert_eq!(names("Kim and Lee"), ["Kim", "Lee"]);
    }

    #[test]
    fn and_words_inside_a_name_do_not_split_it() {
        assert_eq!(names("José Ortega y Gasset"), ["José Ortega y Gasset"]);
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(names("By MEG EXAMPLE and ERRIN SAMPLE"), ["Meg Example", "Errin Sample"]);
        assert_eq!(title_case("SEAN O'BRIEN"), "Sean O'Brien");
        assert_eq!(title_case("RONALD MCDONALD"), "Ronald McDonald");
        assert_eq!(title_case("ANGUS MACDONALD"), "Angus MacDonald");
        assert_eq!(title_case("ANA MACHADO"), "Ana Machado");
        assert_eq!(title_case("JEAN-PIERRE DUPONT"), "Jean-Pierre Dupont");
        assert_eq!(title_case("LUDWIG VAN BEETHOVEN"), "Ludwig van Beethoven");
        assert_eq!(title_case("J.R. SMITH"), "J.R. Smith");
        assert_eq!(names("Jane DOE"), ["Jane DOE"], "mixed case stays as written");
    }

    #[test]
    fn credentials_stay_with_their_name() {
        let b = parse_byline("Ilana Example, MS, RDN");
        assert_eq!(b.people.len(), 1);
        assert_eq!(b.people[0].name, "Ilana Example");
        assert_eq!(b.people[0].credentials, ["MS", "RDN"]);
        assert_eq!(names("By Jane Doe, M.D., and John Smith, Ph.D."), ["Jane Doe", "John Smith"]);
        assert_eq!(names("Jane Doe MD"), ["Jane Doe"]);
        assert_eq!(names("Martin Luther King, Jr."), ["Martin Luther King Jr."]);
    }

    #[test]
    fn roles_after_and_before_the_name() {
        let b = parse_byline("Posted by Jane Doe, AdWords Product Manager");
        assert_eq!(
            b.people.iter().map(|p| (p.name.as_str(), p.role.as_deref())).collect::<Vec<_>>(),
            [("Jane Doe", Some("AdWords Product Manager"))]
        );
        let b = parse_byline("Posted by Jane Doe, Marketing Coordinator, and John Roe, Software Engineer");
        assert_eq!(b.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jane Doe", "John Roe"]);
        // The team after a job title is no person.
        assert_eq!(names("Posted by Jane Doe, Product Marketing Manager, Mobile Ads"), ["Jane Doe"]);
        // A weekday without a date ends the name; "on" inside a name does not.
        assert_eq!(names("Posted by Jane Doe on Tuesday"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe | Mon"), ["Jane Doe"]);
        assert_eq!(names("White on Rice Couple"), ["White on Rice Couple"]);
        assert_eq!(names("Von Jane.Doe am Samstag, 19. Oktober 2019 um 11:14 Uhr"), ["Jane.Doe"]);
        let b = parse_byline("Jane Doe, Staff Writer");
        assert_eq!(
            b.people,
            [Person { name: "Jane Doe".into(), role: Some("Staff Writer".into()), credentials: vec![] }]
        );
        let b = parse_byline("By Jane Doe and John Smith, Staff Writers");
        assert!(b.people.iter().all(|p| p.role.as_deref() == Some("Staff Writers")), "{b:?}");
        let b = parse_byline("Senior Editor Jane Doe");
        assert_eq!((b.people[0].name.as_str(), b.people[0].role.as_deref()), ("Jane Doe", Some("Senior Editor")));
        let b = parse_byline("Executive Editor Mathew Schwartz");
        assert_eq!(
            (b.people[0].name.as_str(), b.people[0].role.as_deref()),
            ("Mathew Schwartz", Some("Executive Editor"))
        );
        let b = parse_byline("홍길동 기자");
        assert_eq!((b.people[0].name.as_str(), b.people[0].role.as_deref()), ("홍길동", Some("기자")));
    }

    #[test]
    fn handles_emails_and_urls_go() {
        assert_eq!(names("By Mathew J. Schwartz (euroinfosec)"), ["Mathew J. Schwartz"]);
        assert_eq!(names("Jane Doe (@janedoe_sec)"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe @janedoe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe jane.doe@example.com"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe (https://example.com/jane)"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe https://example.com/jane"), ["Jane Doe"]);
    }

    #[test]
    fn dates_and_times_glued_on_go() {
        assert_eq!(names("Von Moritz Beispiel publiziert am 25. September 2018"), ["Moritz Beispiel"]);
        assert_eq!(names("Текст: Венера Пример·24 сентября 2018"), ["Венера Пример"]);
        assert_eq!(names("By Jane Doe | March 3, 2024 10:30 am"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe Updated 3 hours ago"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, 03.03.2024"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe 10:30 AM ET"), ["Jane Doe"]);
    }

    #[test]
    fn wire_services_and_newsrooms_are_organisations() {
        let b = parse_byline("Reuters");
        assert!(b.people.is_empty());
        assert_eq!(b.organisations, ["Reuters"]);
        assert_eq!(orgs("By The Associated Press"), ["The Associated Press"]);
        assert_eq!(orgs("CNN Business"), ["CNN Business"]);
        assert_eq!(orgs("BBC News"), ["BBC News"]);
        assert_eq!(orgs("AP"), ["AP"]);
        assert_eq!(orgs("dpa/AFP"), ["dpa", "AFP"]);
        assert_eq!(orgs("Times Staff"), ["Times Staff"]);
        assert_eq!(orgs("Staff"), ["Staff"]);
        assert_eq!(orgs("The Editorial Board"), ["The Editorial Board"]);
        assert_eq!(orgs("SPIEGEL-Redaktion"), ["SPIEGEL-Redaktion"]);
        let b = parse_byline("By Jane Doe, Reuters");
        assert_eq!(
            (names("By Jane Doe, Reuters"), b.organisations),
            (vec!["Jane Doe".to_string()], vec!["Reuters".to_string()])
        );
        assert!(!is_organisation("AJ Smith"));
        assert!(!is_organisation("Jane Doe"));
    }

    #[test]
    fn places_and_employers_after_the_name_go() {
        assert_eq!(names("Jane Doe in Berlin"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe for The Guardian"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe at Reuters"), ["Jane Doe"]);
    }

    #[test]
    fn contributors_are_set_apart() {
        let b = parse_byline("Reporting by Jane Doe; Editing by John Smith and Ann Lee");
        assert_eq!(b.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
        assert_eq!(b.contributors.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["John Smith", "Ann Lee"]);
        assert_eq!(b.contributors[0].role.as_deref(), Some("Editing"));
        let b = parse_byline("Text: Anna Schmidt, Fotos: Max Müller");
        assert_eq!((b.people[0].name.as_str(), b.contributors[0].name.as_str()), ("Anna Schmidt", "Max Müller"));
        assert_eq!(b.contributors[0].role.as_deref(), Some("Fotos"));
    }

    #[test]
    fn duplicates_and_noise_go() {
        assert_eq!(names("Jane Doe, jane doe, JANE DOE"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Share this article"), Vec::<String>::new());
        assert_eq!(names("admin"), Vec::<String>::new());
        assert_eq!(names("Unknown"), Vec::<String>::new(), "a blog account without a name");
        assert_eq!(names("Anonymous"), Vec::<String>::new());
        assert_eq!(names("janedoe"), Vec::<String>::new(), "a user name");
        assert_eq!(names("View all posts by Jane Doe"), ["Jane Doe"], "an author-page link's lead");
        assert_eq!(names("Alle Artikel von Tanja Beispiel"), ["Tanja Beispiel"]);
        assert_eq!(names("Authors"), Vec::<String>::new(), "a link to the authors' index");
        assert!(names("This is a very long sentence that is not a name at all").is_empty());
    }

    #[test]
    fn non_latin_names_pass() {
        assert_eq!(names("作者：张三"), ["张三"]);
        assert_eq!(names("张三、李四"), ["张三", "李四"]);
    }

    #[test]
    fn handles_after_a_name_go() {
        assert_eq!(names("By Mathew J. Schwartz (euroinfosec)"), ["Mathew J. Schwartz"]);
        assert_eq!(names("Jane Doe (@janedoe_sec)"), ["Jane Doe"]);
        assert_eq!(
            names("Alice Example, Bob Sample and Chandra Test"),
            ["Alice Example", "Bob Sample", "Chandra Test"]
        );
        assert!(parse_byline("").people.is_empty() && parse_byline("").organisations.is_empty());
    }
}
