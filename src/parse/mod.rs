//! From bytes to the one parsed tree: decode (`decode`), pre-filter (`prefilter`), parse
//! within the limits (`sink`), and the attributes and `<meta>` keys pith reads
//! (`attributes`: the pre-filter's list of what to keep and the short-name protocol between
//! the pre-filter and the tree sink).

pub(crate) mod attributes;
pub(crate) mod decode;
pub(crate) mod prefilter;
pub(crate) mod sink;
