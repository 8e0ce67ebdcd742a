"""spinscope: see how a news article tries to persuade.

The public API, re-exported from the private modules that implement it::

    import spinscope
    articles = spinscope.read("article.txt")          # ingest: file/dir/URL/feed -> Articles
    spinscope.analyze(articles)                         # run the default pipeline in place
    print(articles[0].to_dict()["techniques"])
"""

from __future__ import annotations

from ._version import __version__
from .errors import (
    BinaryInputError,
    DataError,
    DecodingError,
    EmptyInputError,
    FetchError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    ModelError,
    NotFoundError,
    SpinscopeError,
    StoreError,
    UsageError,
)
from .ingest import ReadOptions, read, read_text
from .model import (
    Article,
    DateMention,
    Entity,
    Genre,
    Label,
    Mention,
    Paragraph,
    Quote,
    TechniqueSpan,
)
from .runner import AnalyzeOptions, Outcome, analyze, analyze_sources, analyze_text, get_pipeline

__all__ = [
    "__version__",
    "AnalyzeOptions", "Outcome", "analyze", "analyze_sources", "analyze_text", "get_pipeline",
    "ReadOptions", "read", "read_text",
    "Article", "DateMention", "Entity", "Genre", "Label", "Mention", "Paragraph", "Quote", "TechniqueSpan",
    "SpinscopeError", "InputError", "EmptyInputError", "BinaryInputError", "InputTooLargeError",
    "DecodingError", "MalformedInputError", "FetchError", "UsageError", "ModelError", "DataError",
    "StoreError", "NotFoundError",
]
