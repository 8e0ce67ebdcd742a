"""Which technique spans count in the corpus views: from each technique's decision threshold
(``SearchQuery.thresholds``; the web UI and API pass the shipped model's), as the article view
shows them, on SQLite and PostgreSQL; spans under it stay stored and exported."""

from __future__ import annotations

import dataclasses

import pytest

from spinscope.analyze.attribution.portrayal import portrayal
from spinscope.confidence import thresholds
from spinscope.model import Article, Entity, Mention, TechniqueSpan
from spinscope.serve.params import counting
from spinscope.store import SearchQuery, open_store
from spinscope.store.story_view import outlet_column
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

LIMITS = (("Appeal_to_Time", 0.5), ("Loaded_Language", 0.2))
TEXT = "Mayor Ilse Brandt is a shameful coward. Ilse Brandt must act now, before it is too late."


def article(outlet: str = "Herald") -> Article:
    """Two spans: Loaded_Language at 0.8 (over its threshold), Appeal_to_Time at 0.3 (under)."""

    def span(label: str, words: str, score: float) -> TechniqueSpan:
        i = TEXT.index(words)
        return TechniqueSpan(label, i, i + len(words), words, score)

    names = [Mention(i, i + 11, "Ilse Brandt") for i in (TEXT.index("Ilse Brandt"), TEXT.rindex("Ilse Brandt"))]
    return Article(
        text=TEXT,
        title="Mayor",
        outlet=outlet,
        techniques=[span("Loaded_Language", "Ilse Brandt is a shameful coward", 0.8), span("Appeal_to_Time", "Ilse Brandt must act now", 0.3)],
        entities=[Entity("Ilse Brandt", "PERSON", names, ["Ilse Brandt"])],
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    url = str(tmp_path / "corpus.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(url) as opened:
        opened.add(article())
        yield opened


def test_statistics_count_a_span_from_its_threshold(store) -> None:
    counts = {r["technique"]: r["count"] for r in store.technique_stats(SearchQuery(thresholds=LIMITS))}
    assert counts == {"Loaded_Language": 1}
    every = {r["technique"]: r["count"] for r in store.technique_stats(SearchQuery())}
    assert every == {"Loaded_Language": 1, "Appeal_to_Time": 1}  # without thresholds: every stored span


def test_a_min_score_applies_on_top_of_the_thresholds(store) -> None:
    q = SearchQuery(thresholds=LIMITS, min_score=0.9)
    assert store.technique_stats(q) == []
    assert store.search(q).total == 0


def test_search_hits_filters_and_span_lists_agree(store) -> None:
    q = SearchQuery(thresholds=LIMITS)
    (hit,) = store.search(q).items
    assert hit.technique_counts == {"Loaded_Language": 1}
    assert store.search(dataclasses.replace(q, technique="Appeal_to_Time")).total == 0
    assert store.search(SearchQuery(technique="Appeal_to_Time")).total == 1
    total, _ = store.technique_spans(dataclasses.replace(q, technique="Appeal_to_Time"), limit=10, offset=0)
    assert total == 0


def test_the_story_view_counts_what_the_article_view_shows() -> None:
    column = outlet_column([article()], dict(LIMITS))
    assert [t["technique"] for t in column["techniques"]] == ["Loaded_Language"]
    assert column["n_spans"] == 1
    assert outlet_column([article()])["n_spans"] == 2


def test_the_actor_page_counts_what_the_article_view_shows() -> None:
    (found,) = portrayal([article()], "Ilse Brandt", dict(LIMITS))["by_outlet"]
    assert found["techniques"] == {"Loaded_Language": 1}
    (every,) = portrayal([article()], "Ilse Brandt")["by_outlet"]
    assert every["techniques"] == {"Loaded_Language": 1, "Appeal_to_Time": 1}


def test_the_web_ui_counts_from_the_shipped_models_thresholds() -> None:
    shipped = thresholds()
    if not shipped:
        pytest.skip("no shipped technique model in this checkout")
    q = counting(SearchQuery(outlet="Herald"))
    assert dict(q.thresholds) == shipped
    assert q.outlet == "Herald"
    assert q.filters() == {"outlet": "Herald"}  # no user filter: not echoed, not in forms


def test_the_api_counts_from_the_shipped_thresholds(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from spinscope.serve import ServeOptions, create_app

    if thresholds().get("Appeal_to_Time", 0.0) <= 0.3 or thresholds().get("Loaded_Language", 1.0) > 0.8:
        pytest.skip("the shipped thresholds no longer split this article's two spans")
    url = str(tmp_path / "corpus.db")
    with open_store(url) as store:
        store.add(article())
    with TestClient(base_url="http://127.0.0.1", app=create_app(url, ServeOptions())) as client:
        rows = client.get("/api/stats/techniques").json()
        assert {r["technique"]: r["count"] for r in rows} == {"Loaded_Language": 1}
        assert client.get("/api/articles", params={"technique": "Appeal_to_Time"}).json()["total"] == 0
        (hit,) = client.get("/api/articles").json()["items"]
        assert hit["technique_counts"] == {"Loaded_Language": 1}
        page = client.get(f"/api/articles/{hit['id']}").json()  # the article itself keeps every span
        assert {t["label"] for t in page["techniques"]} == {"Loaded_Language", "Appeal_to_Time"}
