"""The word-level span model: features, decoding, fitting and its span credit (texts written here)."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.analyze.persuasion.features import Units
from spinscope.analyze.persuasion.wordspans import (
    WordModel,
    article_counts,
    best_run,
    place_spans,
    score_units,
    snap,
    word_features,
    word_offsets,
    word_runs,
)
from spinscope.evaluation import span_scores
from spinscope.training.span_decoding import SpanCredit, micro_f1
from spinscope.training.wordspans import fit_word_spans


def test_snap_widens_to_whole_words_and_trims_punctuation() -> None:
    text = "They are “CENTCOM terrorists”, he said."
    start = text.index("TCOM")
    assert text[slice(*snap(text, start, start + 10))] == "CENTCOM terrorists"
    assert snap(text, 0, 3) == (0, 4)  # "The" -> "They"
    at = text.index(" he ") + 1
    s, e = snap(text, at, at + 1)
    assert text[s:e] == "he"


def test_word_offsets_keep_hyphens_and_apostrophes() -> None:
    text = "The war-ravaged city’s “so-called” allies."
    assert [text[s:e] for s, e in word_offsets(text)] == ["The", "war-ravaged", "city’s", "so-called", "allies"]


def test_word_features_mark_repetition_quotes_and_capitals() -> None:
    texts = ["Resist the occupiers now.", "They said “resist the occupiers” again."]
    counts = article_counts(texts)
    toks = word_offsets(texts[1])
    feats = word_features(texts[1], toks, counts)
    by_word = {texts[1][s:e]: f for (s, e), f in zip(toks, feats, strict=True)}
    assert "rep=2" in by_word["resist"] and "rep2" in by_word["resist"]
    assert "inq" in by_word["occupiers"] and "inq" not in by_word["again"]
    assert "stop" in by_word["the"] and "cap" not in by_word["They"]  # first word: no capital cue
    assert "w-1=said" in by_word["resist"]


def test_runs_lose_function_words_at_their_edges() -> None:
    from spinscope.analyze.persuasion.wordspans import trim_run

    text = "of the American occupation and"
    toks = word_offsets(text)
    assert trim_run(text, toks, (0, 4, 0.5)) == (2, 3, 0.5)
    assert trim_run(text, toks, (0, 1, 0.5)) is None  # "of the": nothing left


def test_runs_and_best_run() -> None:
    scores = np.array([0.1, 0.5, 0.05, 0.6, 0.1, 0.1, 0.4])
    assert word_runs(scores, 0.3, 0) == [(1, 1, 0.5), (3, 3, 0.6), (6, 6, 0.4)]
    assert word_runs(scores, 0.3, 1) == [(1, 3, 0.6), (6, 6, 0.4)]
    assert best_run(scores, 0) == (3, 3, 0.6)


def _toy_model(threshold: float, fallback: bool) -> WordModel:
    vocab = {"w=humiliating": 0, "w=shameless": 1, "bias": 2}
    coef = np.array([[4.0], [4.0], [-3.0]], dtype=np.float32)
    return WordModel(vocab, coef, np.zeros(1, np.float32), [0], np.array([threshold]), 0, fallback)


def test_place_spans_marks_only_the_carrying_words() -> None:
    texts = ["Washington suffered a humiliating defeat.", "Talks resumed on Monday."]
    model = _toy_model(0.5, fallback=False)
    words = score_units(model, texts, [0, 0], [0, 1])
    unit_probs = np.array([[0.9], [0.9]])
    spans = place_spans(model, texts, unit_probs, {0: [[0, 1]]}, words)
    assert [(m, texts[m][s:e]) for m, _, s, e in spans] == [(0, "humiliating")]
    # the unit probability scales the word scores: an unlikely sentence marks nothing
    assert place_spans(model, texts, np.array([[0.05], [0.05]]), {0: [[0, 1]]}, words) == []
    # the fallback marks the best word of the paragraph when none reaches the threshold
    spans = place_spans(_toy_model(0.99, fallback=True), texts, unit_probs, {0: [[0, 1]]}, words)
    assert [texts[m][s:e] for m, _, s, e in spans] == ["humiliating"]


def test_promotion_adds_paragraphs_whose_words_carry_the_technique() -> None:
    from spinscope.analyze.persuasion.wordspans import promoted

    texts = ["Washington suffered a humiliating defeat.", "Talks resumed on Monday."]
    model = _toy_model(0.5, fallback=False)
    words = score_units(model, texts, [0, 0], [0, 1])
    # "humiliating": sigmoid(4 - 3) = 0.731; with a unit probability of 0.5 its score is sqrt(0.5 * 0.731) = 0.605
    unit_probs = np.array([[0.5], [0.5]])
    groups = {0: [[0], [1]]}
    assert promoted(model, unit_probs, groups, words, np.array([0.6])) == {0: [[0]]}
    assert promoted(model, unit_probs, groups, words, np.array([0.61])) == {}
    assert promoted(model, unit_probs, groups, words, np.array([np.inf])) == {}
    assert promoted(model, unit_probs, groups, words) == {}  # the model has no promotion bars


def test_span_credit_matches_the_evaluation_metric() -> None:
    units = Units(article=[0, 0], paragraph=[1, 2], start=[0, 20], end=[20, 40], text=["x" * 20, "y" * 20])
    gold = [[(0, 2, 10)], [(0, 25, 30)]]
    credit = SpanCredit(units, gold)
    pred = {(0, 0): [(0, 6), (26, 36)]}
    stats = credit.score(pred)
    # by hand: precision credit 4/6 + 4/10, recall credit 4/8 + 4/5
    assert np.isclose(stats[0][0], 4 / 6 + 4 / 10) and stats[0][1] == 2 and np.isclose(stats[0][2], 4 / 8 + 4 / 5)
    ref = span_scores({"a": [("L", 2, 10), ("L", 25, 30)]}, {"a": [("L", 0, 6), ("L", 26, 36)]})
    assert np.isclose(micro_f1(stats, 2), ref.micro.f1)


def test_fit_learns_the_words_that_carry_a_technique() -> None:
    """A corpus where 'disgraceful' and 'shameful' are always marked and 'Washington' never is."""
    text, spans, units = "", [], Units()
    rng = np.random.default_rng(0)
    for k in range(120):
        adj = ["disgraceful", "shameful"][k % 2]
        who = ["Washington", "the council", "Berlin", "the ministry"][k % 4]
        sentence = f"{who} made a {adj} decision about the port {int(rng.integers(100))}."
        start = len(text)
        text += sentence + " "
        a = start + sentence.index(adj)
        units.article.append(k // 10)
        units.paragraph.append(k)
        units.start.append(start)
        units.end.append(start + len(sentence))
        units.text.append(sentence)
        spans.append([(0, a, a + len(adj))])
    n = len(units.text)
    head = fit_word_spans(units, spans, np.asarray(units.article), np.full((n, 2), 0.9), np.ones((n, 2), bool),
                          {0: 0.0, 1: 0.0}, folds=3)
    assert head["tok_labels"] == [0]
    model = WordModel.from_head(head)
    test = ["Washington took a disgraceful step.", "Washington took a step."]
    words = score_units(model, test, [0, 0], [0, 1])
    found = place_spans(model, test, np.full((2, 2), 0.9), {0: [[0], [1]]}, words)
    assert [test[m][s:e] for m, _, s, e in found] == ["disgraceful"]


def test_word_vectors_average_word_pieces_and_neighbours() -> None:
    from spinscope.analyze.persuasion.wordvectors import WordVectors

    pieces = ["[UNK]", "cow", "##ard", "##ly", "brave"]
    table = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [4, 4]], dtype=np.float16)
    vec = WordVectors(pieces, table, scale=2.0)
    assert np.allclose(vec.vectors(["cowardly"]), [[4 / 3, 4 / 3]])  # mean of the three pieces, times the scale
    assert np.allclose(vec.vectors(["Brave", "zzz"]), [[8, 8], [0, 0]])  # lower-cased; unknown -> [UNK] row
    ctx = vec.context(["brave", "cowardly", "brave"])
    assert ctx.shape == (3, 4)
    assert np.allclose(ctx[1, 2:], [8, 8]) and np.allclose(ctx[0, 2:], np.array([4 / 3, 4 / 3]) / 2)


def test_word_vectors_survive_their_cache_filling_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run fills the bounded cache: a call mixing cached and new words after that
    still answers every word (it once dropped the cached ones and raised KeyError)."""
    from spinscope.analyze.persuasion import wordvectors
    from spinscope.analyze.persuasion.wordvectors import WordVectors

    monkeypatch.setattr(wordvectors, "CACHE_WORDS", 3)
    pieces = ["[UNK]", "cow", "##ard", "##ly", "brave", "bold"]
    table = np.arange(12, dtype=np.float16).reshape(6, 2)
    vec = WordVectors(pieces, table)
    first = vec.vectors(["brave", "cowardly", "bold"])
    again = vec.vectors(["brave", "zzz", "cowardly", "bold", "brave"])  # cache full: cleared mid-call
    assert np.allclose(again[[0, 2, 3, 4]], first[[0, 1, 2, 0]])
    assert len(vec._cache) <= 3
