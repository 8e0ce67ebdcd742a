"""The "who says what" gold set beyond English (``resources/gold/languages/``, described in
the README there): three hand-annotated SemEval articles per language, scored with the
English rules (:func:`.gold.score_article`). Used by ``bench/bench_who_ml.py`` and
``tests/test_who_languages.py``.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

from ...errors import DataError
from ...model import Article
from .gold import GoldArticle


def language_gold_files() -> list[Path]:
    folder = resources.files("spinscope") / "resources" / "gold" / "languages"
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".json"))


def load_language_gold(shared: Path, languages: tuple[str, ...] = ()) -> list[GoldArticle]:
    """The gold articles (of ``languages``, SemEval codes; all when empty) with their texts
    from ``shared`` (the folder holding data/); a text changed since annotation is an error."""
    out = []
    for path in language_gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        if languages and gold["language"] not in languages:
            continue
        text = (shared / "data" / gold["source"]).read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["sha256"]:
            raise DataError(f"the text of {gold['source']} changed since it was annotated", source=str(path))
        out.append(GoldArticle(gold, text))
    return out


def gold_article(g: GoldArticle) -> Article:
    """The article to analyse, its language set from the gold file (as detection would)."""
    article = g.article()
    article.language = str(g.gold["language"])
    return article
