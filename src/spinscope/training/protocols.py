"""Model-selection protocols, by name (``spinscope evaluate --protocol``):

* ``newest``: the newest-articles holdout. English articles with id below
  ``NEWEST_ID`` (and every article of the other languages, for genre and frames)
  train the linear recipe; the newer English articles are scored. Thresholds and
  calibration are fitted inside the training part only.
* ``lolo``: leave one language out, for genre and frames: each language in turn is
  scored by models trained on the other languages.
* ``cv``: random 5-fold cross-validation by English article (secondary figure).

Models given explicitly (a folder from ``spinscope train --out``, or the shipped
ones) can be scored on the same validation articles in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..evaluation import EvalReport, predict_articles, score_predictions
from ..semeval import SemevalArticle
from . import fit_all

NEWEST_ID = 760_000_000
PROTOCOLS = ("newest", "lolo", "cv")


def newest_split(articles: list[SemevalArticle], language: str = "en") -> tuple[list[SemevalArticle], list[SemevalArticle]]:
    """(train, validation) of ``language``'s articles by id (ids that are not numbers train)."""
    own = [a for a in articles if a.language == language]
    newer = [a for a in own if a.id.isdigit() and int(a.id) >= NEWEST_ID]
    older = [a for a in own if not (a.id.isdigit() and int(a.id) >= NEWEST_ID)]
    return older, newer


@dataclass
class ProtocolResult:
    """Scores per compared model (``"retrained"``: the linear recipe trained inside the
    protocol; other keys: explicitly given model folders), per validation part."""

    protocol: str
    parts: dict[str, dict[str, EvalReport]] = field(default_factory=dict)  # part -> model name -> report


def _score_bundle(bundle: dict[str, Any], test: list[SemevalArticle]) -> EvalReport:
    from ..analyze import persuasion

    persuasion.set_bundle(bundle)
    try:
        return score_predictions(test, predict_articles(test))
    finally:
        persuasion.use_models(None)


def _score_folder(folder: Path | None, profile: str, test: list[SemevalArticle]) -> EvalReport:
    import os

    from ..analyze import persuasion
    from ..analyze.persuasion.analyzers import PROFILE_ENV

    before = os.environ.get(PROFILE_ENV)
    os.environ[PROFILE_ENV] = profile
    persuasion.use_models(folder)
    try:
        return score_predictions(test, predict_articles(test))
    finally:
        persuasion.use_models(None)
        if before is None:
            os.environ.pop(PROFILE_ENV, None)
        else:
            os.environ[PROFILE_ENV] = before


def fit_newest_techniques(articles: list[SemevalArticle], quick: bool = False, **options: Any) -> dict[str, Any]:
    """The shipped techniques recipe (linear units, out-of-fold thresholds, span modes and
    the word-level span model) fitted on the English articles older than ``NEWEST_ID``;
    ``options``: keyword arguments of :func:`.heads.fit_techniques` (experiments)."""
    from ..catalog import TECHNIQUES
    from .data import technique_units
    from .heads import fit_techniques

    older, _ = newest_split(articles)
    older = [a for a in older if a.paragraph_labels is not None]
    labels = list(TECHNIQUES)
    data = technique_units(older, labels)
    return fit_techniques(data.units, data.y, data.groups, labels, folds=2 if quick else 3, quick=quick,
                          unit_spans=data.spans, **options)


def score_techniques_head(head: dict[str, Any], golds: list[SemevalArticle]) -> EvalReport:
    """Paragraph techniques and spans of ``golds`` predicted by the techniques ``head`` alone."""
    from ..analyze.paragraphs import ParagraphSplitter
    from ..analyze.persuasion.analyzers import TechniquesAnalyzer

    articles = [a.to_article() for a in golds]
    ParagraphSplitter()(articles)
    TechniquesAnalyzer(head)(articles)
    return score_predictions(golds, articles)


def run_protocol(name: str, articles: list[SemevalArticle], models: dict[str, tuple[Path | None, str]] | None = None, *,
                 quick: bool = False, progress: Callable[[str], None] | None = None) -> ProtocolResult:
    """Run protocol ``name`` over ``articles``; ``models``: label -> (model folder or None
    for the shipped models, techniques profile) to score on the same validation articles
    (``newest`` only)."""
    say = progress or (lambda _m: None)
    result = ProtocolResult(name)
    if name == "newest":
        older, newer = newest_split(articles)
        others = [a for a in articles if a.language != "en"]
        say(f"newest: training on {len(older)} English + {len(others)} other articles, scoring {len(newer)}")
        scores = {"retrained": _score_bundle(fit_all(older + others, older, quick=quick), newer)}
        for label, (folder, profile) in (models or {}).items():
            say(f"newest: scoring {label}")
            scores[label] = _score_folder(folder, profile, newer)
        result.parts["en-newest"] = scores
    elif name == "lolo":
        for lang in sorted({a.language for a in articles}):
            train = [a for a in articles if a.language != lang]
            test = [a for a in articles if a.language == lang]
            # lolo selects genre and frames; a small techniques head keeps each fit short
            tech = [a for a in train if a.paragraph_labels is not None][:40]
            say(f"lolo: scoring {lang} ({len(test)} articles) with models trained on {len(train)}")
            report = _score_bundle(fit_all(train, tech, quick=quick), test)
            report.techniques = report.spans = None
            result.parts[lang] = {"retrained": report}
    elif name == "cv":
        from .crossval import cross_validate

        cv = cross_validate(articles, quick=quick, progress=progress)
        result.parts.update({f"fold{k + 1}": {"retrained": f.model, "tfidf": f.tfidf, "majority": f.majority}
                             for k, f in enumerate(cv.folds)})
    else:
        from ..errors import UsageError

        raise UsageError(f"unknown protocol {name!r}; known: {', '.join(PROTOCOLS)}")
    return result
