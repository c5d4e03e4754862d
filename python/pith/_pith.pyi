"""Type stubs of the Rust extension ``pith._pith`` (re-exported by ``pith``)."""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, Optional, Tuple, Union, overload

__version__: str

Html = Union[bytes, bytearray, str]
"""A page: bytes in any encoding (BOM, ``<meta charset>``, detection), or text."""

Page = Union[Html, Tuple[Html, Optional[str]], Mapping[str, Any]]
"""A page of ``extract_many``: bare html, an ``(html, url)`` pair, or a dict with ``html``
and optional ``url`` and ``id`` (the record's ``input``)."""

Record = dict[str, Any]
"""A record of the output contract: an article (``status == "ok"``) or an error record
(``status == "error"``); ``schema()`` is its JSON Schema."""

TextFormat = Literal["json", "jsonl", "markdown", "text", "html"]
Format = Literal["dict", "json", "jsonl", "markdown", "text", "html"]

@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    format: Literal["dict"] = "dict",
    explain: bool = False,
    config: Optional[str] = None,
    config_path: Optional[str] = None,
) -> Record: ...
@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    format: TextFormat,
    explain: bool = False,
    config: Optional[str] = None,
    config_path: Optional[str] = None,
) -> Union[str, Record]: ...
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    format: Format = "dict",
    explain: bool = False,
    config: Optional[str] = None,
    config_path: Optional[str] = None,
) -> Union[Record, str]:
    """Extracts the article of one page.

    ``html`` is the page as bytes (any encoding) or text; ``url`` its address (the site
    profile, absolute links, ids), an absolute http(s) URL; the record's ``input`` is the url,
    else ``"-"``. Returns the record as a dict (``format="dict"``), or as the text of
    ``format``: ``"json"`` (pretty, as ``pith extract``), ``"jsonl"`` (one line),
    ``"markdown"``, ``"text"`` or ``"html"``. A page without an article gives an error record
    (``status == "error"``), never an exception; with a document format (markdown, text,
    html) the error record comes back as a dict. ``explain=True`` fills ``removed`` and
    ``sources``. ``config`` is TOML text and ``config_path`` a TOML file layered over the
    built-in site profiles (compiled on each call: create an ``Extractor`` to reuse one).

    Raises ``ValueError`` for a bad argument or config, with the command line's message.
    """

def schema() -> dict[str, Any]:
    """The JSON Schema of a record (article or error record)."""

def fetch(
    urls: Union[str, Iterable[str]],
    *,
    format: Format = "dict",
    explain: bool = False,
    config: Optional[str] = None,
    config_path: Optional[str] = None,
    allow_private: bool = False,
    robots: Optional[bool] = None,
    rate: Optional[float] = None,
    concurrency: Optional[int] = None,
    timeout: Optional[float] = None,
    user_agent: Optional[str] = None,
) -> FetchRecords:
    """Fetches and extracts each URL; yields one record per URL in input order.

    The fetcher of ``pith fetch``: robots.txt, one request at a time per host at ``rate``
    requests per second, redirects and retries, size caps, and public addresses only unless
    ``allow_private=True`` (loopback, private networks: for intranet use and tests). A URL
    that cannot be fetched gives an error record (``http_status``, ``timeout``, ``blocked``,
    ``robots_denied``, …), never an exception. ``config``/``config_path`` also give the
    ``[fetch]`` table; ``robots``, ``rate``, ``concurrency``, ``timeout`` (seconds per request)
    and ``user_agent`` override it.
    """

class Extractor:
    """The compiled config (built-in site profiles, with ``config`` TOML text or the
    ``config_path`` file layered over them) and the per-page limits. Create one, reuse it;
    it can be shared between threads.

    Limits (``None``: the default): ``max_bytes`` (largest page, 50 MiB), ``max_nodes`` (DOM
    nodes, 2,000,000), ``max_depth`` (element nesting, 5,000), ``time_budget_ms`` (per page,
    10,000; 0 for none). A page past one gives a ``too_large`` or ``budget_exceeded`` error
    record. Raises ``ValueError`` for a bad config or limit.
    """

    def __init__(
        self,
        config: Optional[str] = None,
        config_path: Optional[str] = None,
        *,
        max_bytes: Optional[int] = None,
        max_nodes: Optional[int] = None,
        max_depth: Optional[int] = None,
        time_budget_ms: Optional[int] = None,
    ) -> None: ...
    @overload
    def extract(
        self, html: Html, url: Optional[str] = None, *, format: Literal["dict"] = "dict", explain: bool = False
    ) -> Record: ...
    @overload
    def extract(
        self, html: Html, url: Optional[str] = None, *, format: TextFormat, explain: bool = False
    ) -> Union[str, Record]: ...
    def extract(
        self, html: Html, url: Optional[str] = None, *, format: Format = "dict", explain: bool = False
    ) -> Union[Record, str]:
        """Extracts the article of one page: as ``pith.extract``, with this extractor."""

    def extract_many(
        self, pages: Iterable[Page], threads: Optional[int] = None, *, format: Format = "dict", explain: bool = False
    ) -> ExtractMany:
        """Extracts many pages on ``threads`` Rust threads (default: one per core) with the
        GIL released; yields their records in input order.

        ``pages`` is read lazily, a few pages per thread ahead, so memory stays flat on a long
        input. A page item that is not a page (wrong type, a dict without ``html``) raises
        ``ValueError``; a page without an article gives an error record.
        """

class ExtractMany(Iterator[Union[Record, str]]):
    """The records of ``Extractor.extract_many``, in input order."""

    def __iter__(self) -> ExtractMany: ...
    def __next__(self) -> Union[Record, str]: ...

class FetchRecords(Iterator[Union[Record, str]]):
    """The records of ``pith.fetch``, in input order."""

    def __iter__(self) -> FetchRecords: ...
    def __next__(self) -> Union[Record, str]: ...
