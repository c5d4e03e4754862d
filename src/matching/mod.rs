//! Matching words and patterns in text, fast: token automata (`tokens`: Aho-Corasick, for
//! class/id and `href` vocabularies), line sets (`line_set`: many whole-text patterns in one
//! pass), what a pattern's syntax says (`regex_analysis`), and exact pre-tests in front of
//! slow patterns (`pre_test`). Nothing here knows the DOM.

mod line_set;
mod pre_test;
mod regex_analysis;
mod tokens;

pub(crate) use line_set::LineSet;
pub(crate) use pre_test::{FirstChars, may_hold};
pub(crate) use tokens::{TokenLists, Tokens};
