"""The story pages and API: /stories, /stories/{id} (HTML and JSON), /api/stories, the compare link."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.serve import ServeOptions, create_app
from spinscope.store import open_store

from .serve_support import build_store, corpus
from .test_stories import words_vector

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    url = build_store(tmp_path_factory.mktemp("stories") / "c.db", corpus())
    with open_store(url) as store:
        store.update_stories(words_vector)
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=lambda articles: articles))) as c:
        yield c


def _harbour(client: TestClient) -> dict:
    items = client.get("/api/stories", params={"min_articles": 2}).json()["items"]
    return next(s for s in items if s["outlets"] == ["Daily Planet", "The Bugle"])


def test_api_lists_stories_and_pages_agree(client: TestClient) -> None:
    listed = client.get("/api/stories").json()
    assert listed["total"] >= 2 and all(s["n_articles"] >= 1 for s in listed["items"])
    story = _harbour(client)
    assert story["started"] == "2024-01-15" and story["ended"] == "2024-01-16"
    assert "Ann Lee" in story["label"]
    page = client.get("/stories.json").json()
    assert page["items"] == listed["items"][: len(page["items"])]
    html = client.get("/stories").text
    assert f'href="/stories/{story["id"]}"' in html


def test_story_page_shows_outlets_side_by_side(client: TestClient) -> None:
    story = _harbour(client)
    data = client.get(f"/api/stories/{story['id']}").json()
    assert client.get(f"/stories/{story['id']}.json").json() == data
    planet, bugle = data["columns"]
    assert (planet["outlet"], bugle["outlet"]) == ("Daily Planet", "The Bugle")
    assert {q["speaker"] for q in bugle["quoted"]} == {"Bob Ray", "Ann Lee"}
    assert any("Everyone knows" in x for x in planet["only_here"])
    html = client.get(f"/stories/{story['id']}").text
    assert "Techniques per 1,000 words" in html and "Only here" in html and "Bob Ray" in html


def test_compare_links_to_the_story(client: TestClient) -> None:
    story = _harbour(client)
    ids = [a["id"] for c in client.get(f"/api/stories/{story['id']}").json()["columns"] for a in c["articles"]]
    html = client.get("/compare", params={"a": ids[0], "b": ids[1]}).text
    assert f'href="/stories/{story["id"]}"' in html


@pytest.mark.parametrize(
    "path", ["/stories/999999", "/api/stories/999999", "/stories/0", "/api/stories/x", "/stories.json?min_articles=-1"]
)
def test_unknown_or_bad_story_ids_are_clear_errors(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code in (404, 422)
    assert r.json()["error"]["message"]


def test_story_routes_in_openapi(client: TestClient, tmp_path: Path) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/stories" in paths and "/api/stories/{story_id}" in paths


def test_actor_page_and_api(client: TestClient) -> None:
    data = client.get("/api/actors/ann lee").json()
    assert data["actor"] == "Ann Lee" and data["n_articles_read"] >= 2
    assert client.get("/actors/Ann%20Lee.json").json() == client.get("/api/actors/Ann%20Lee").json()
    assert "Ann Lee" in client.get("/actors/Ann%20Lee").text
    missing = client.get("/api/actors/Nobody%20Atall")
    assert missing.status_code == 404 and "Nobody Atall" in missing.json()["error"]["message"]
    assert "/api/actors/{name}" in client.get("/openapi.json").json()["paths"]


def test_an_untitled_article_is_listed_by_its_opening_words(tmp_path: Path) -> None:
    from spinscope.model import Article

    text = "A senior leader of the Veldra dockers urged the port to close the terminal until the inquiry ends."
    url = str(tmp_path / "c.db")
    with open_store(url) as store:
        store.add(Article(text=text, outlet="Meridian Wire"))
        store.update_stories(words_vector)
        ((story_id, _),) = [(s["id"], s) for s in store.stories()[1]]
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=lambda articles: articles))) as c:
        (column,) = c.get(f"/api/stories/{story_id}").json()["columns"]
        assert column["articles"][0]["lead"] == text
        html = c.get(f"/stories/{story_id}").text
        assert ">A senior leader of the Veldra dockers urged" in html
        assert "<span>1 article</span><span>1 outlet</span>" in html  # counts in the singular
