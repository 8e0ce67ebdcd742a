"""Word valences of the techniques head (lexicon.py): hand-computed cues and columns."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.analyze.persuasion.features import Units, unit_matrix
from spinscope.analyze.persuasion.lexicon import UNIT_COLUMNS, bucket, unit_columns, vader_valence, word_cues
from spinscope.analyze.persuasion.wordspans import article_counts, word_features, word_offsets

VALENCE = {"murderous": -3.2, "peace": 2.5, "cautious": -0.4, "stunned": -1.6}


def test_bucket_rounds_and_clips() -> None:
    assert [bucket(v) for v in (None, -3.2, 2.5, -0.4, 9.0, -1.6)] == [0, -3, 2, 0, 4, -2]


def test_word_cues_give_own_and_neighbour_valence() -> None:
    cues = word_cues(VALENCE, ["the", "murderous", "regime", "seeks", "peace"])
    assert cues[0] == ["v+1=-3"]
    assert cues[1] == ["v=-3", "vstrong"]
    assert cues[2] == ["v-1=-3"]
    assert cues[3] == ["v+1=2"]
    assert cues[4] == ["v=2", "vstrong"]
    assert word_cues(VALENCE, ["cautious", "men"]) == [[], []]  # -0.4 rounds to neutral


def test_unit_columns_hand_computed() -> None:
    cols = unit_columns(VALENCE, [["a", "murderous", "and", "stunned", "peace"], ["plain", "words"], []])
    # 1 of 5 words <= -2 (murderous; stunned is -1.6), 1 of 5 >= 2, most negative -3.2, most positive 2.5
    assert cols[0] == pytest.approx([1 / 5 * 4, 1 / 5 * 4, 3.2 / 4, 2.5 / 4])
    assert cols[1].tolist() == [0, 0, 0, 0] and cols[2].tolist() == [0, 0, 0, 0]
    assert cols.shape == (3, UNIT_COLUMNS)


def test_word_features_carry_valence_only_when_given() -> None:
    text = "The murderous regime."
    toks = word_offsets(text)
    plain = word_features(text, toks, article_counts([text]))
    charged = word_features(text, toks, article_counts([text]), VALENCE)
    assert not any(f.startswith("v") and "=" in f and f[1] in "=+-" for f in plain[1])
    assert "v=-3" in charged[1] and "v+1=-3" in charged[0]


def test_unit_matrix_adds_valence_columns_only_for_heads_that_have_them() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["A murderous regime.", "Peace talks went on."]
    units = Units(article=[0, 0], paragraph=[0, 1], start=[0, 20], end=[19, 40], text=texts,
                  repetition=np.zeros(2, np.float32))
    head = {"word": TfidfVectorizer().fit(texts), "char": TfidfVectorizer(analyzer="char").fit(texts)}
    base = unit_matrix(head, units).shape[1]
    with_valence = unit_matrix({**head, "valence": VALENCE}, units)
    assert with_valence.shape[1] == base + UNIT_COLUMNS
    assert with_valence[0, base + 2] == pytest.approx(3.2 / 4)


def test_vader_lexicon_loads_single_words() -> None:
    pytest.importorskip("vaderSentiment", reason="the train extra's VADER lexicon is not installed")
    valence = vader_valence()
    assert valence["terrorists"] < -2 and valence["peace"] > 2
    assert all(w.isalpha() for w in valence)
