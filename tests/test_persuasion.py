"""The shipped genre, frames and techniques analyzers (no training, no ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.analyze.persuasion_text import repetition_scores, split_sentences, style_features
from spinscope.analyze.pipeline import Pipeline
from spinscope.model import Article
from spinscope.techniques import FRAMES, GENRES, TECHNIQUES

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


def test_shipped_models_fill_every_field() -> None:
    article = _analyse(TEXT)
    assert article.genre.label in GENRES
    assert sum(article.genre.scores.values()) == pytest.approx(1.0, abs=1e-6)
    assert article.frames and all(f.label in FRAMES and 0 <= f.score <= 1 for f in article.frames)
    assert article.techniques, "the loaded paragraph should carry techniques"
    for span in article.techniques:
        assert span.label in TECHNIQUES and 0 <= span.score <= 1
        assert article.text[span.start : span.end] == span.text == span.text.strip()
    labels = {t.label for p in article.paragraphs for t in p.techniques}
    assert labels == {s.label for s in article.techniques}
    assert article.models["techniques"]


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
    from spinscope.analyze import persuasion
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
