"""pith: news web pages to clean article JSON.

Title, deck, authors, dates, categories, body blocks and links of a news article, from its
HTML, in-process (a Rust extension). Every record follows pith's output contract (its JSON
Schema is ``pith.schema()``): an article (``status == "ok"``) or an error record
(``status == "error"``) when a page has no article, which is never an exception.

    import pith
    record = pith.extract(page_bytes, url="https://example.com/news/story")
    extractor = pith.Extractor()              # compile the config once, reuse it
    for record in extractor.extract_many(pairs_of_html_and_url, threads=2): ...
    for record in pith.fetch(["https://example.com/news/story"]): ...
"""

from ._pith import (
    ExtractMany,
    Extractor,
    FetchRecords,
    __version__,
    extract,
    fetch,
    schema,
)

__all__ = [
    "ExtractMany",
    "Extractor",
    "FetchRecords",
    "__version__",
    "extract",
    "fetch",
    "schema",
]
