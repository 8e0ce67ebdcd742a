"""Metrics on tiny hand-made cases; every expected number was worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.evaluation import genre_scores, multilabel_scores, prf, reliability, span_scores


def test_prf_zero_safe() -> None:
    assert prf(0, 0, 0).f1 == 0.0
    s = prf(1, 2, 4)
    assert (s.precision, s.recall) == (0.5, 0.25)
    assert s.f1 == pytest.approx(1 / 3)


def test_genre_macro_f1_by_hand() -> None:
    gold = {"a": "opinion", "b": "reporting", "c": "reporting", "d": "satire"}
    pred = {"a": "opinion", "b": "opinion", "c": "reporting", "d": "reporting"}
    s = genre_scores(gold, pred)
    # opinion P=1/2 R=1 F=2/3; reporting P=1/2 R=1/2 F=1/2; satire F=0
    assert s.per_label["opinion"].f1 == pytest.approx(2 / 3)
    assert s.per_label["reporting"].f1 == pytest.approx(0.5)
    assert s.per_label["satire"].f1 == 0.0
    assert s.macro_f1 == pytest.approx(7 / 18)
    assert s.accuracy == pytest.approx(0.5)


def test_genre_missing_prediction_counts_as_wrong() -> None:
    s = genre_scores({"a": "opinion", "b": "opinion"}, {"a": "opinion"})
    assert s.accuracy == 0.5
    assert s.per_label["opinion"].recall == 0.5


def test_multilabel_micro_macro_by_hand() -> None:
    gold = {1: ["A", "B"], 2: ["A"], 3: []}
    pred = {1: ["A"], 2: ["A", "C"], 3: ["B"]}
    s = multilabel_scores(gold, pred, ["A", "B", "C"])
    # tp=2, predicted=4, gold=3 -> P=1/2, R=2/3, F=4/7
    assert s.micro.precision == pytest.approx(0.5)
    assert s.micro.recall == pytest.approx(2 / 3)
    assert s.micro.f1 == pytest.approx(4 / 7)
    # A: F=1, B: F=0, C: F=0 -> macro 1/3
    assert s.per_label["A"].f1 == 1.0
    assert s.macro_f1 == pytest.approx(1 / 3)


def test_multilabel_keys_are_paragraphs() -> None:
    gold = {("art", 1): ["Doubt"], ("art", 3): ["Doubt"]}
    pred = {("art", 1): ["Doubt"], ("other", 3): ["Doubt"]}  # the second key is not scored
    s = multilabel_scores(gold, pred)
    assert s.micro.precision == 1.0
    assert s.micro.recall == 0.5


def test_span_partial_overlap_by_hand() -> None:
    gold = {"x": [("L", 0, 10)]}
    pred = {"x": [("L", 5, 15), ("M", 0, 10)]}
    s = span_scores(gold, pred)
    # predicted L covers 5 of its 10 chars with gold -> 0.5; M earns 0 -> P = 0.5 / 2
    assert s.micro.precision == pytest.approx(0.25)
    # the gold span is half covered -> R = 0.5
    assert s.micro.recall == pytest.approx(0.5)
    assert s.micro.f1 == pytest.approx(1 / 3)
    assert s.per_label["L"].f1 == pytest.approx(0.5)
    assert s.per_label["M"].f1 == 0.0


def test_span_overlapping_predictions_do_not_double_count() -> None:
    s = span_scores({"x": [("L", 0, 10)]}, {"x": [("L", 0, 6), ("L", 4, 10)]})
    assert s.micro.recall == pytest.approx(1.0)  # union covers all 10 chars, not 12
    assert s.micro.precision == pytest.approx(1.0)


def test_span_other_article_earns_nothing() -> None:
    s = span_scores({"x": [("L", 0, 10)], "y": []}, {"y": [("L", 0, 10)]})
    assert s.micro.f1 == 0.0


def test_reliability_by_hand() -> None:
    r = reliability(np.array([0.05, 0.15, 0.85, 0.95]), np.array([0, 0, 1, 1]))
    # bins 0, 1, 8, 9 with gaps .05, .15, .15, .05, each a quarter of the items
    assert r.ece == pytest.approx(0.1)
    assert [b[2] for b in r.bins] == [1, 1, 1, 1]
