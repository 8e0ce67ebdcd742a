"""The analyzer pipeline's contracts, the per-article budget, and spaCy's bounded windows."""

from __future__ import annotations

import time

import pytest

from spinscope.analyze.attribution import nlp as who_nlp
from spinscope.analyze.pipeline import Pipeline
from spinscope.errors import UsageError
from spinscope.model import Article, Genre
from spinscope.runner import AnalyzeOptions, analyze_sources, run_with_budget


class _Writer:
    """Writes ``genre`` (and, when ``sneaky``, also ``frames`` without declaring it)."""

    name = "writer"
    reads = ("text",)
    writes = ("genre",)
    version = "t-1"

    def __init__(self, sneaky: bool = False) -> None:
        self.sneaky = sneaky

    def __call__(self, articles: list[Article]) -> None:
        for a in articles:
            a.genre = Genre(label="opinion", scores={"opinion": 1.0})
            if self.sneaky:
                a.frames = []  # same value: not a change
                a.title = "rewritten"


class _Sleepy:
    name = "sleepy"
    reads = ("text",)
    writes = ("genre",)
    version = "t-1"

    def __call__(self, articles: list[Article]) -> None:
        for a in articles:
            if "slow" in a.text:
                time.sleep(5)
            a.genre = Genre(label="reporting")


def test_declared_fields_must_exist_on_article():
    bad = _Writer()
    bad.writes = ("genres",)
    with pytest.raises(UsageError, match="genres"):
        Pipeline([bad])


def test_reads_must_be_written_earlier():
    reader = _Writer()
    reader.reads = ("quotes",)
    with pytest.raises(UsageError, match="quotes"):
        Pipeline([reader])


def test_undeclared_write_fails_in_check_mode_only():
    articles = [Article(text="One.")]
    Pipeline([_Writer()], check_writes=True)(articles)
    assert articles[0].genre.label == "opinion" and articles[0].models == {"writer": "t-1"}
    with pytest.raises(UsageError, match=r"'writer' wrote title"):
        Pipeline([_Writer(sneaky=True)], check_writes=True)([Article(text="Two.")])
    loose = [Article(text="Three.")]
    Pipeline([_Writer(sneaky=True)], check_writes=False)(loose)
    assert loose[0].title == "rewritten"


def test_check_mode_is_on_under_test():
    assert Pipeline([_Writer()]).check_writes


def test_budget_fails_the_slow_article_alone():
    batch = [Article(text="fast one", source="a"), Article(text="slow one", source="b"), Article(text="fast two", source="c")]
    started = time.perf_counter()
    failed = run_with_budget(Pipeline([_Sleepy()]), batch, 0.3)
    assert time.perf_counter() - started < 4
    assert list(failed) == [id(batch[1])]
    error = failed[id(batch[1])]
    assert error.source == "b" and "budget" in str(error)
    assert [a.genre.label for a in (batch[0], batch[2])] == ["reporting", "reporting"]


def test_streaming_cuts_a_big_input_into_batches(tmp_path):
    lines = [f'{{"text": "Article number {i} about the river."}}' for i in range(25)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    seen: list[int] = []
    outcomes = list(analyze_sources([str(path)], AnalyzeOptions(pipeline=("paragraphs",), batch_size=10), seen.append))
    assert [len(o.articles) for o in outcomes] == [10, 10, 5]
    assert [o.final for o in outcomes] == [False, False, True]
    assert seen == [10, 10, 5]


def test_long_runs_are_broken_without_moving_offsets():
    for n in (64, 65, 128, 129, 1000):
        text = "a " + '"' * n + " b"
        broken = who_nlp.tokenizable(text)
        assert len(broken) == len(text)
        assert max(len(run) for run in broken.split()) <= who_nlp.MAX_RUN
    assert who_nlp.tokenizable("ordinary words, nothing long.") == "ordinary words, nothing long."


def test_windows_join_back_and_are_bounded():
    text = "".join(f"Line {i} says something short.\n" for i in range(400))
    pieces = who_nlp.windows(text, 1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces) and len(pieces) > 10
    assert all(p.endswith("\n") for p in pieces[:-1])
    assert "".join(who_nlp.windows("x" * 2500, 1000)) == "x" * 2500


def test_windowed_parse_keeps_offsets(monkeypatch):
    monkeypatch.setattr(who_nlp, "WINDOW_CHARS", 300)
    who_nlp.clear_cache()
    text = "".join(f"Angela Merkel met Joe Biden in Paris on day {i}.\n" for i in range(30))
    doc = who_nlp.parse([text])[0]
    who_nlp.clear_cache()
    assert doc.text == text
    assert {e.text for e in doc.ents} >= {"Angela Merkel", "Paris"}
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_parse_batches_hold_a_bounded_number_of_characters():
    # ordinary articles batch many at once; 20 k-character windows of a huge text only a few
    assert who_nlp.batch_size([["word " * 300]] * 50) == who_nlp.PIPE_BATCH
    long = who_nlp.windows("x " * 200_000)
    assert len(long) > 10
    n = who_nlp.batch_size([long])
    assert 1 <= n < who_nlp.PIPE_BATCH and n * max(map(len, long)) <= who_nlp.BATCH_CHARS + who_nlp.WINDOW_CHARS
    assert who_nlp.batch_size([]) == 1
