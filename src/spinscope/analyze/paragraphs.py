"""The ``paragraphs`` analyzer: every non-empty line is a paragraph."""

from __future__ import annotations

from ..model import Article, split_paragraphs


class ParagraphSplitter:
    name = "paragraphs"
    reads = ("text",)
    writes = ("paragraphs",)
    version = "lines-1"

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            article.paragraphs = split_paragraphs(article.text)
