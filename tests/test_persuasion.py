"""The shipped genre, frames and techniques analyzers (no training, no ../shared)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from spinscope.analyze.persuasion.bundle import load_bundle
from spinscope.analyze.persuasion.spans import choose_window, clauses, tight_spans, window_offsets
from spinscope.analyze.persuasion.text import repetition_scores, split_sentences, style_features
from spinscope.analyze.pipeline import Pipeline
from spinscope.catalog import FRAMES, GENRES, TECHNIQUES
from spinscope.model import Article

TEXT = (
    "Shameful betrayal: the council sells out our town\n"
    "\n"
    "The reckless, corrupt council has once again betrayed every hard-working family in this town. "
    "Can we really trust these so-called leaders? They are nothing but puppets of greedy developers!\n"
    "Every true patriot must stand up now, before it is too late. Our town, our rules!\n"
    "Officials said on Tuesday that 42 new homes would be built by 2027, according to the planning office.\n"
)


def test_split_sentences_offsets() -> None:
    text = "  Mr. Smith said no. Then he left! Did he?  "
    units = split_sentences(text)
    assert [text[s:e] for s, e in units] == ["Mr. Smith said no.", "Then he left!", "Did he?"]


def test_long_sentence_cut_at_clauses() -> None:
    clause = "word " * 20
    text = f"{clause}; {clause}; {clause}; {clause}; {clause}."
    units = split_sentences(text)
    assert len(units) > 1
    assert all(text[s:e] == text[s:e].strip() for s, e in units)


def test_style_and_repetition_features() -> None:
    feats = style_features(["Title", '"We will win," he said.', "I think you are wrong?"])
    assert feats.shape == (11,)
    reps = repetition_scores(["jobs for our youth", "jobs for our youth now", "something else"], [1, 2, 3])
    assert reps[0] > 0.9 and reps[2] == 0.0


def _analyse(text: str) -> Article:
    article = Article(text=text)
    Pipeline.from_names(["paragraphs", "genre", "frames", "techniques"])([article])
    return article


@pytest.mark.slow  # over 5 s (pytest --durations=0)
def test_shipped_models_fill_every_field() -> None:
    article = _analyse(TEXT)
    assert article.genre.label in GENRES
    assert sum(article.genre.scores.values()) == pytest.approx(1.0, abs=1e-6)
    assert article.frames and all(f.label in FRAMES and 0 <= f.score <= 1 for f in article.frames)
    assert article.techniques, "the loaded paragraph should carry techniques"
    for span in article.techniques:
        assert span.label in TECHNIQUES and 0 <= span.score <= 1
        assert article.text[span.start : span.end] == span.text == span.text.strip()
    # every span lies in a paragraph that uses its technique; a paragraph technique may have no
    # span when no word reaches its threshold (README, "Which words")
    for span in article.techniques:
        (para,) = [p for p in article.paragraphs if p.start <= span.start and span.end <= p.end]
        assert span.label in {t.label for t in para.techniques}
    assert any(p.techniques for p in article.paragraphs)
    assert article.models["techniques"]


def test_choose_window_modes() -> None:
    contrib = np.array([0.0, -0.1, 0.2, 1.0, 0.8, 0.0, 0.1])
    assert choose_window(contrib, ("whole", 0.0)) == (0, 6)
    assert choose_window(contrib, ("words", 2)) == (3, 4)
    assert choose_window(contrib, ("words", 1)) == (3, 3)
    assert choose_window(contrib, ("words", 20)) == (0, 6)
    # positive total 2.1: 0.5 of it needs tokens 3-4 (1.8); 0.9 (1.89) needs 2-4 (2.0)
    assert choose_window(contrib, ("share", 0.5)) == (3, 4)
    assert choose_window(contrib, ("share", 0.9)) == (2, 4)
    assert choose_window(np.array([-1.0, -0.5]), ("share", 0.5)) == (1, 1)


def test_clause_windows_stay_inside_one_clause() -> None:
    text = "Far away, the proud nation rose again, they say"
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    bounds = clauses(text, tokens)
    assert bounds == [(0, 1), (2, 6), (7, 8)]
    # clause 2 holds 1.6 of positive contribution, clause 1 holds 0.9, clause 3 holds 0.5
    contrib = np.array([0.0, 0.9, 0.0, 1.0, 0.6, 0.0, 0.0, 0.5, 0.0])
    assert choose_window(contrib, ("clause", 0.0), bounds) == (2, 6)
    assert choose_window(contrib, ("clause", 0.5), bounds) == (3, 3)
    assert choose_window(contrib, ("clause", 0.9), bounds) == (3, 4)
    # a share window of the whole unit would have crossed the comma
    assert choose_window(contrib, ("share", 0.7), bounds) == (1, 4)
    assert choose_window(contrib, ("clause", 0.0)) == (0, 8)


def test_window_offsets_trim_punctuation() -> None:
    text = 'They are "greedy puppets!" of developers.'
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    s, e = window_offsets(text, tokens, (2, 3))
    assert text[s:e] == "greedy puppets"


def test_tight_span_within_its_sentence() -> None:
    head = load_bundle()["techniques"]
    text = "The senator's shameless giveaway to corporate cronies will destroy every family in this great nation."
    j = head["labels"].index("Loaded_Language")
    (s, e), = tight_spans(head, text, [j], modes=[("words", 3)])[j]
    assert 0 <= s < e <= len(text) and e - s < len(text.rstrip("."))
    assert text[s:e] == text[s:e].strip() and len(text[s:e].split()) <= 3


def test_spans_shorter_than_sentences() -> None:
    article = _analyse(TEXT)
    sentences = [(s, e) for p in article.paragraphs for s, e in split_sentences(article.text, p.start, p.end)]
    loaded = [t for t in article.techniques if t.label == "Loaded_Language"]
    assert loaded, "the inflammatory paragraph should carry Loaded_Language"
    for span in article.techniques:
        assert article.text[span.start : span.end] == span.text
        assert any(s <= span.start and span.end <= e for s, e in sentences), "a span stays inside its sentence unit"
    modes = dict(zip(TECHNIQUES, load_bundle()["techniques"]["span_modes"], strict=True))
    assert modes["Loaded_Language"][0] != "whole"
    assert any(not any((s, e) == (t.start, t.end) for s, e in sentences) for t in loaded), "cut below sentence level"


def test_empty_batch_and_blank_article() -> None:
    Pipeline.from_names(["paragraphs", "genre", "frames", "techniques"])([])
    article = _analyse("Short title\n")
    assert article.genre.label in GENRES


@pytest.mark.shared
def test_seeds_genre(seeds_dir: Path) -> None:
    def body(path: Path) -> str:
        lines = path.read_text(encoding="utf-8").split("\n")
        first_long = next(i for i, line in enumerate(lines) if len(line) > 200)
        return "\n".join(lines[first_long:])

    report = _analyse(body(next(seeds_dir.glob("000_*"))))
    editorial = _analyse(body(next(seeds_dir.glob("001_*"))))
    assert report.genre.label == "reporting"
    assert editorial.genre.label == "opinion"


def test_accurate_profile_needs_its_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The accurate profile is built by `spinscope train --accurate`; it is not shipped."""
    from spinscope.analyze.persuasion import analyzers as persuasion
    from spinscope.errors import ModelError, UsageError

    monkeypatch.setenv(persuasion.PROFILE_ENV, "accurate")
    persuasion.use_models(tmp_path)
    try:
        with pytest.raises(ModelError):
            persuasion.TechniquesAnalyzer()
    finally:
        persuasion.use_models(None)
    monkeypatch.setenv(persuasion.PROFILE_ENV, "bogus")
    with pytest.raises(UsageError):
        persuasion.TechniquesAnalyzer()


def test_cut_windows_do_not_start_or_end_on_function_words():
    from spinscope.analyze.persuasion.spans import window_offsets

    text = "the backing of corrupt elites is sure"
    tokens = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", text)]
    start, end = window_offsets(text, tokens, (0, 3))  # "the backing of corrupt"
    assert text[start:end] == "backing of corrupt"
    start, end = window_offsets(text, tokens, (5, 6))  # "is sure"
    assert text[start:end] == "sure"
    start, end = window_offsets(text, tokens, (0, len(tokens) - 1))  # the whole unit stays whole
    assert text[start:end] == text
    start, end = window_offsets(text, tokens, (2, 2))  # a lone function word is kept rather than emptied
    assert text[start:end] == "of"


def test_cut_spans_only_on_sentences_above_their_threshold() -> None:
    """With ``cut_min`` 1 (shipped), a technique without a word model is cut only from
    sentences whose probability reaches its sentence threshold; a chosen paragraph whose
    best sentence is below it keeps the label without a span."""
    from spinscope.analyze.persuasion import analyzers
    from spinscope.analyze.persuasion.features import make_units
    from spinscope.analyze.persuasion.marking import mark_spans
    from spinscope.analyze.persuasion.predict import TechniquePrediction

    assert analyzers.bundle()["techniques"]["cut_min"] == 1.0
    text = "A weak hint.\nA plain appeal."
    units = make_units([(text, [(0, 0, 12), (1, 13, len(text))])])
    pred = TechniquePrediction(units, np.array([[0.3], [0.7]]), [(0, 0), (0, 1)], np.array([[0.9], [0.9]]))
    head = {"unit_thresholds": np.array([0.5]), "cut_min": 1.0}
    chosen = np.array([[True], [True]])
    spans, _ = mark_spans(head, None, None, pred, chosen)
    assert [text[s:e] for _, _, s, e, _ in spans] == ["A plain appeal."]
    head["cut_min"] = 0.0  # the older rule: the best sentence of every chosen paragraph
    spans, _ = mark_spans(head, None, None, pred, chosen)
    assert [text[s:e] for _, _, s, e, _ in spans] == ["A weak hint.", "A plain appeal."]
