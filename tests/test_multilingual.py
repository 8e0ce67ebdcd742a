"""The multilingual techniques head: training on several languages, the bundle on
disk, routing of non-English articles, per-language thresholds, the shipped head."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from spinscope.analyze.persuasion import multilingual as ml
from spinscope.model import Article, split_paragraphs
from spinscope.semeval import load_semeval
from spinscope.training import multilingual as tml


def _tiny_writer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("_spinscope_test_semeval_ml", Path(__file__).with_name("test_semeval.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_tiny_semeval


def _with_paragraphs(article: Article) -> Article:
    article.paragraphs = split_paragraphs(article.text)
    return article


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("ml")
    data = _tiny_writer()(root / "data", n_articles=9, languages=("en", "fr", "it"))
    out = root / "models"
    tml.train_multilingual(load_semeval(data).articles, out, quick=True)
    return data, out


@pytest.fixture
def head(trained: tuple[Path, Path]) -> Iterator[dict[str, Any]]:
    ml.use_multilingual_models(trained[1])
    yield ml.multilingual_head()
    ml.use_multilingual_models(None)


@pytest.mark.parametrize(("given", "code"), [("de", "ge"), ("pl", "po"), ("fr-CA", "fr"), ("RU", "ru"), ("es", "es"),
                                             (None, None), ("", None)])
def test_semeval_codes(given: str | None, code: str | None) -> None:
    assert ml.semeval_code(given) == code


def test_routing() -> None:
    assert not ml.uses_multilingual(Article(text="x", language="en"))
    assert not ml.uses_multilingual(Article(text="x", language=None))  # unknown: the English model, as before
    for lang in ("fr", "de", "it", "pl", "ru", "es", "ar"):
        assert ml.uses_multilingual(Article(text="x", language=lang))


def test_bundle_files_are_deterministic_and_listed(trained: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = trained
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "persuasion.json", "persuasion.npz"]
    tml.train_multilingual(load_semeval(data).articles, tmp_path, quick=True)
    for name in ("persuasion.json", "persuasion.npz"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_head_scores_units_and_finds_spans(head: dict[str, Any]) -> None:
    from spinscope.analyze.persuasion import TechniquesAnalyzer
    from spinscope.analyze.persuasion.features import make_units
    from spinscope.analyze.persuasion.predict import predict_techniques

    assert head["version"] == tml.MULTILINGUAL_VERSION and head["languages"] == ["en", "fr", "it"]
    view = ml.head_for_language(head, "fr")
    unit_text = "This reckless plan is a disgrace and everyone knows it! The council approved the budget on Tuesday, officials said."
    pred = predict_techniques(view, make_units([(unit_text, [(1, 0, len(unit_text))])]))
    j = head["labels"].index("Loaded_Language")
    assert pred.unit_probs.shape == (2, len(head["labels"])) and pred.unit_probs[0, j] > pred.unit_probs[1, j]
    text = ("Title\n\nThis reckless plan is a disgrace and everyone knows it! "
            "The council approved the budget on Tuesday, officials said.\n")
    article = _with_paragraphs(Article(text=text, language="fr"))
    TechniquesAnalyzer(view)([article])
    labels = {t.label for t in article.techniques}
    assert "Loaded_Language" in labels
    for span in article.techniques:
        assert article.text[span.start:span.end] == span.text and span.start >= text.index("This")


def test_analyzer_routes_by_language(head: dict[str, Any]) -> None:
    from spinscope.analyze.persuasion import TechniquesAnalyzer

    text = "Title\n\nOnly a fool would believe the minister now. Why should we trust these so-called experts again?\n"
    french, spanish, greek = (_with_paragraphs(Article(text=text, language=lang)) for lang in ("fr", "es", "el"))
    analyzer = TechniquesAnalyzer()
    assert analyzer.version.endswith("+" + tml.MULTILINGUAL_VERSION)
    analyzer([french, spanish, greek])
    assert french.language_support == "full" and spanish.language_support == "zero-shot"
    assert french.techniques and [t.label for t in french.techniques] == [t.label for t in spanish.techniques]
    assert greek.language_support == "zero-shot"  # Latin letters, whatever the tag says
    greek_text = _with_paragraphs(Article(text="Τίτλος\n\nΗ κυβέρνηση ανακοίνωσε χθες νέα μέτρα.\n", language="el"))
    analyzer([greek_text])
    assert greek_text.language_support == "unsupported"


def test_language_thresholds_need_support() -> None:
    rng = np.random.default_rng(0)
    n = 400
    language = np.array(["fr"] * 200 + ["ge"] * 200)
    gold = np.zeros((n, 2), dtype=np.int8)
    gold[:200:4, 0] = 1  # fr: 50 positives of label 0 -> its own threshold
    gold[200:210, 0] = 1  # ge: 10 positives -> none
    cal = np.clip(gold * 0.3 + rng.random((n, 2)) * 0.5, 0, 1)
    table = tml._language_thresholds(cal, gold, language)
    assert not np.isnan(table["fr"][0]) and np.isnan(table["ge"][0]) and np.isnan(table["fr"][1])
    filled = tml._fill(table, np.array([0.3, 0.4]))
    assert filled["ge"] == [0.3, 0.4] and filled["fr"][1] == 0.4
    head = {"para_thresholds": np.array([0.3, 0.4]), "unit_thresholds": np.array([0.2, 0.2]),
            "para_thresholds_by_language": filled}
    assert list(ml.head_for_language(head, "de")["para_thresholds"]) == [0.3, 0.4]  # ISO de -> SemEval ge
    assert ml.head_for_language(head, "fr")["para_thresholds"][0] == filled["fr"][0]
    assert list(ml.head_for_language(head, "es")["para_thresholds"]) == [0.3, 0.4]  # no table: global


def test_training_articles_keep_every_third_english(trained: tuple[Path, Path]) -> None:
    articles = load_semeval(trained[0]).articles
    chosen = tml.training_articles(articles)
    assert sum(a.language == "en" for a in chosen) == 3
    assert sum(a.language == "fr" for a in chosen) == 9


def test_shipped_head_loads_and_is_checked() -> None:
    if not (ml.MULTILINGUAL_DIR / "manifest.json").is_file():
        pytest.skip("no multilingual head shipped in this checkout")
    ml.use_multilingual_models(None)
    head = ml.multilingual_head()
    assert set(head["languages"]) == {"en", "fr", "ge", "it", "po", "ru"}
    assert head["coef"].shape[1] == len(head["labels"]) == 23
