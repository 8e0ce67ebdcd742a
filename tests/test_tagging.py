"""Span decoding of the fine-tuned tagger's token head, and the shipped tagger end to end."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.analyze.persuasion.tagging import DecodeRule, merge_overlaps, runs, snap, unit_spans


def test_snap_widens_to_whole_words_and_trims_punctuation() -> None:
    text = "They are “CENTCOM terrorists”, he said."
    start = text.index("TCOM")
    assert text[slice(*snap(text, start, start + 10))] == "CENTCOM terrorists"
    assert snap(text, 0, 3) == (0, 4)  # "The" -> "They"
    at = text.index(" he ") + 1
    s, e = snap(text, at, at + 1)
    assert text[s:e] == "he"


def test_runs_bridge_short_gaps() -> None:
    scores = np.array([0.1, 0.8, 0.2, 0.9, 0.1, 0.1, 0.7])
    assert runs(scores, 0.5, 0) == [(1, 1, 0.8), (3, 3, 0.9), (6, 6, 0.7)]
    assert runs(scores, 0.5, 1) == [(1, 3, 0.9), (6, 6, 0.7)]
    assert runs(scores, 0.95, 3) == []


def test_unit_spans_never_cut_words_and_respect_min_chars() -> None:
    text = "a humiliating defeat indeed"
    # word pieces: [CLS] a humil ##iating defeat indeed [SEP]
    offsets = [(0, 0), (0, 1), (2, 7), (7, 13), (14, 20), (21, 27), (0, 0)]
    scores = np.array([0.9, 0.1, 0.2, 0.8, 0.7, 0.1, 0.9], dtype=np.float32)  # specials ignored
    (span,) = unit_spans(text, offsets, scores, DecodeRule(threshold=0.5, gap=0, min_chars=3))
    assert text[span[0] : span[1]] == "humiliating defeat"
    assert unit_spans(text, offsets, scores, DecodeRule(threshold=0.5, min_chars=40)) == []
    forced = unit_spans(text, offsets, np.full(7, 0.01, np.float32), DecodeRule(threshold=0.5), force=True)
    assert len(forced) == 1


def test_merge_overlaps_keeps_disjoint_spans() -> None:
    assert merge_overlaps([(5, 9, 0.2), (0, 4, 0.5), (3, 6, 0.9), (20, 25, 0.1)]) == [(0, 9, 0.9), (20, 25, 0.1)]


def test_accurate_profile_tags_with_the_shipped_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    from spinscope.analyze.persuasion import analyzers
    from spinscope.runner import analyze_text

    monkeypatch.setenv(analyzers.PROFILE_ENV, "accurate")
    analyzers.use_models(None)
    try:
        text = ("A title\n\nThese corrupt, cowardly traitors have betrayed every decent citizen of our great nation.\n\n"
                "The council met on Tuesday.")
        article = analyze_text(text, names=("paragraphs", "techniques"))
    finally:
        analyzers.use_models(None)
    for span in article.techniques:
        assert article.text[span.start : span.end] == span.text
        assert span.start == 0 or not article.text[span.start - 1].isalnum()
        assert span.end == len(article.text) or not article.text[span.end].isalnum()
    assert any(p.techniques for p in article.paragraphs)


NOT_LOADED = ["Washington", "backing", "out of Iraq", "regional peace", "neighbourhood is sure"]
EXPECTED = [("Name_Calling-Labeling", "CENTCOM terrorists"), ("Name_Calling-Labeling", "American mercenaries"),
            ("Doubt", "doctored results"), ("Loaded_Language", "humiliating defeat")]


def _seed_spans(seeds_dir: object, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from pathlib import Path

    from spinscope.analyze.persuasion import analyzers
    from spinscope.ingest import read
    from spinscope.runner import analyze

    monkeypatch.setenv(analyzers.PROFILE_ENV, "accurate")
    analyzers.use_models(None)
    try:
        articles = [a for f in sorted(Path(str(seeds_dir)).glob("*.txt")) for a in read(str(f))]
        analyze(articles, ("paragraphs", "techniques"))
    finally:
        analyzers.use_models(None)
    return [(t.label, t.text) for a in articles for t in a.techniques]


@pytest.mark.slow
def test_seed_nonsense_spans_are_gone(seeds_dir: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The accurate profile never marks these plain words on their own as loaded language."""
    spans = _seed_spans(seeds_dir, monkeypatch)
    assert spans, "the seeds get some techniques"
    bad = [text for label, text in spans if label == "Loaded_Language" and text.strip(" .,") in NOT_LOADED]
    assert not bad


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss (README, Models): the seeds' name-calling/doubt phrases are not found as such")
def test_seed_phrases_found(seeds_dir: object, monkeypatch: pytest.MonkeyPatch) -> None:
    spans = _seed_spans(seeds_dir, monkeypatch)
    for label, phrase in EXPECTED:
        assert any(lab == label and phrase in text and len(text) < 4 * len(phrase) for lab, text in spans), phrase
