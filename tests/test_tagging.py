"""The fine-tuned paragraph model (the accurate profile) end to end, and what the seeds read."""

from __future__ import annotations

import pytest


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


def _seed_spans(seeds_dir: object, monkeypatch: pytest.MonkeyPatch, profile: str) -> list[tuple[str, str]]:
    from pathlib import Path

    from spinscope.analyze.persuasion import analyzers
    from spinscope.ingest import read
    from spinscope.runner import analyze

    monkeypatch.setenv(analyzers.PROFILE_ENV, profile)
    analyzers.use_models(None)
    try:
        articles = [a for f in sorted(Path(str(seeds_dir)).glob("*.txt")) for a in read(str(f))]
        analyze(articles, ("paragraphs", "techniques"))
    finally:
        analyzers.use_models(None)
    return [(t.label, t.text) for a in articles for t in a.techniques]


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["fast", "accurate"])
def test_seed_nonsense_spans_are_gone(seeds_dir: object, monkeypatch: pytest.MonkeyPatch, profile: str) -> None:
    """Neither profile marks these plain words on their own as loaded language."""
    spans = _seed_spans(seeds_dir, monkeypatch, profile)
    assert spans, "the seeds get some techniques"
    bad = [text for label, text in spans if label == "Loaded_Language" and text.strip(" .,") in NOT_LOADED]
    assert not bad


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss (README, Models): the seeds' name-calling/doubt phrases are not found as such")
def test_seed_phrases_found(seeds_dir: object, monkeypatch: pytest.MonkeyPatch) -> None:
    spans = _seed_spans(seeds_dir, monkeypatch, "fast")
    for label, phrase in EXPECTED:
        assert any(lab == label and phrase in text and len(text) < 4 * len(phrase) for lab, text in spans), phrase


def test_gate_sends_only_plausible_paragraphs_to_the_model() -> None:
    """With ``mix.gate``, paragraphs where the linear head gives every technique less than
    the gate keep the linear decision and never reach the fine-tuned model."""
    from types import SimpleNamespace

    import numpy as np

    from spinscope.analyze.persuasion.tagging import paragraph_decisions

    asked: list[str] = []

    class Model:
        def predict(self, texts: list[str]) -> SimpleNamespace:
            asked.extend(texts)
            return SimpleNamespace(unit=np.full((len(texts), 2), 0.9))

    linear = np.array([[0.02, 0.01], [0.30, 0.05], [0.04, 0.12]])
    thresholds = np.array([0.03, 0.5])
    head = {"tagger": Model(), "para_platt": [[1.0, 0.0], [1.0, 0.0]], "mix": {"weight": 0.5, "threshold": 0.4}}
    probs, chosen = paragraph_decisions(head, ["a", "b", "c"], linear, thresholds)
    assert asked == ["a", "b", "c"]  # no gate: every paragraph
    # the identity Platt map (a=1, b=0) keeps 0.9; mixed half and half with 0.30: 0.6
    assert probs[1, 0] == pytest.approx(0.6)
    asked.clear()
    head["mix"]["gate"] = 0.1
    probs, chosen = paragraph_decisions(head, ["a", "b", "c"], linear, thresholds)
    assert asked == ["b", "c"]
    assert probs[0].tolist() == [0.02, 0.01] and chosen[0].tolist() == [False, False]
    assert chosen[1].all() and chosen[2].all()
    with pytest.raises(ValueError):
        paragraph_decisions(head, ["a"], linear[:1])


def test_default_profile_is_accurate_where_its_model_is(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """Unset, the profile is ``accurate`` with the shipped models (it won on the newest
    holdout), ``fast`` for a model folder without the paragraph model and for an in-memory
    bundle (cross-validation) without an in-memory accurate head."""
    from spinscope.analyze.persuasion import analyzers

    monkeypatch.delenv(analyzers.PROFILE_ENV, raising=False)
    try:
        analyzers.use_models(None)
        assert analyzers.profile() == "accurate"
        assert analyzers.TechniquesAnalyzer().tagger is not None
        analyzers.use_models(tmp_path)  # type: ignore[arg-type]
        assert analyzers.profile() == "fast"
        analyzers.use_models(None)
        analyzers.set_bundle(analyzers.bundle())
        assert analyzers.profile() == "fast"
        analyzers.set_accurate_head({"mix": {}})
        assert analyzers.profile() == "accurate"
        monkeypatch.setenv(analyzers.PROFILE_ENV, "fast")
        analyzers.use_models(None)
        assert analyzers.profile() == "fast" and analyzers.TechniquesAnalyzer().tagger is None
    finally:
        analyzers.use_models(None)
