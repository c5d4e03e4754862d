//! From bytes to the one parsed tree: decode (`decode`), pre-filter (`prefilter`), tokenize
//! (`tokenizer`: html5ever's tokens, read a byte run at a time), parse within the limits
//! (`sink`: html5ever's tree builder and scraper's tree), and the attributes and `<meta>` keys
//! pith reads (`attributes`: the pre-filter's list of what to keep and the short-name protocol
//! between the pre-filter and the tree sink).

pub(crate) mod attributes;
pub(crate) mod decode;
pub(crate) mod prefilter;
pub(crate) mod sink;
pub(crate) mod tokenizer;
