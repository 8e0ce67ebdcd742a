"""Voice: technique spans inside quotes get the speaker, others the author's voice."""

from __future__ import annotations

from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.quotes import QuoteAnalyzer
from spinscope.analyze.attribution.voice import VoiceAnalyzer
from spinscope.analyze.pipeline import Pipeline, create
from spinscope.model import Article, TechniqueSpan


def span(article: Article, words: str, label: str = "Loaded_Language") -> TechniqueSpan:
    start = article.text.index(words)
    return TechniqueSpan(label=label, start=start, end=start + len(words), text=words, score=0.9)


def test_quoted_and_author_voice() -> None:
    text = (
        "The brutal occupiers must go. "
        "\u201cThey are cowardly invaders,\u201d Ali Hassan said. "
        "Ali Hassan said that the humiliating defeat was deserved."
    )
    a = Article(text=text)
    a.techniques = [span(a, "brutal occupiers"), span(a, "cowardly invaders"), span(a, "humiliating defeat")]
    EntityAnalyzer()([a])
    QuoteAnalyzer()([a])
    VoiceAnalyzer()([a])
    voices = [(t.voice, t.speaker) for t in a.techniques]
    assert voices == [("author", None), ("quoted", "Ali Hassan"), ("quoted", "Ali Hassan")]
    d = a.to_dict()["techniques"][1]
    assert d["voice"] == "quoted" and d["speaker"] == "Ali Hassan"
    assert Article.from_dict(a.to_dict()).techniques[1].speaker == "Ali Hassan"


def test_span_mostly_outside_a_quote_is_the_author() -> None:
    text = "Critics, a \u201cnoisy\u201d minority of traitors and liars, were ignored, Ali Hassan said."
    a = Article(text=text)
    a.techniques = [span(a, "a \u201cnoisy\u201d minority of traitors and liars")]
    a.quotes = []
    VoiceAnalyzer()([a])
    assert a.techniques[0].voice == "author"


def test_no_techniques_is_fine_and_registry_wires_voice() -> None:
    a = Article(text="Nothing to see.")
    VoiceAnalyzer()([a])
    assert a.techniques == []
    words = "glorious victory"

    class GivenSpans:
        """Stands in for the techniques analyzer: one span on ``words``."""

        name, reads, writes, version = "given-spans", ("text",), ("techniques",), "test-1"

        def __call__(self, articles: list[Article]) -> None:
            for article in articles:
                start = article.text.index(words)
                article.techniques = [TechniqueSpan("Loaded_Language", start, start + len(words), words, 0.9)]

    names = ["paragraphs", "entities", "quotes", "dates"]
    pipeline = Pipeline([*(create(n) for n in names), GivenSpans(), create("voice")])
    out = pipeline([Article(text="\u201cWe won a glorious victory,\u201d Ali Hassan said on Tuesday.")])
    assert out[0].quotes[0].speaker == "Ali Hassan"
    assert {"entities", "quotes", "dates", "voice"} <= set(out[0].models)
    assert [(t.voice, t.speaker) for t in out[0].techniques] == [("quoted", "Ali Hassan")]
