"""Actors in the web app: /actors, an actor's names on its page, merge/split from the page
(form) and the API (JSON), protected like every write; per-language dashboard statistics
with ``lang`` attributes, HTML and JSON from the same view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.serve import ServeOptions, create_app

from .serve_support import TOKEN, build_store, make_article

BASE = "http://127.0.0.1"


def articles() -> list:
    return [
        make_article(
            "Raeisi visits Baghdad", "Ebrahim Raeisi met officials. Critics called Raeisi a disaster for the region.",
            outlet="Herald", published="2024-05-01",
            techniques=(("Name_Calling-Labeling", "a disaster for the region", 0.8, "author", None),),
            entities=(("Ebrahim Raeisi", "PERSON", ("Ebrahim Raeisi", "Raeisi")),),
        ),
        make_article(
            "Raisi speaks", "Raisi is a hero of the nation. The PMU fighters listened.",
            outlet="Tehran Times", published="2024-05-02",
            techniques=(("Flag_Waving", "a hero of the nation", 0.7, "author", None),),
            entities=(("Raisi", "PERSON", ("Raisi",)), ("PMU", "ORG", ("PMU",))),
        ),
        make_article(
            "Popular Mobilization Units parade", "The Popular Mobilization Units paraded. Joe Biden and Hunter Biden were not there.",
            outlet="Herald", published="2024-05-03",
            entities=(
                ("Popular Mobilization Units", "ORG", ("Popular Mobilization Units",)),
                ("Joe Biden", "PERSON", ("Joe Biden",)),
                ("Hunter Biden", "PERSON", ("Hunter Biden",)),
            ),
        ),
        make_article(
            "Biden", "Biden said little. Le président a parlé.", outlet="Courrier", published="2024-05-04",
            entities=(("Biden", "PERSON", ("Biden",)),),
        ),
    ]


def client_for(tmp_path: Path, **options: object) -> TestClient:
    arts = articles()
    arts[3].language = "fr"
    url = build_store(tmp_path / "c.db", arts)
    return TestClient(base_url=BASE, app=create_app(url, ServeOptions(**options)))  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    with client_for(tmp_path) as c:
        yield c


def test_actor_pages_show_linked_names(client: TestClient) -> None:
    data = client.get("/api/actors/raisi").json()
    assert data["actor"] == "Ebrahim Raeisi"
    assert {n["name"]: n["rule"] for n in data["names"]} == {"Ebrahim Raeisi": "self", "Raeisi": "surname", "Raisi": "surname"}
    # the portrayal counts both articles, whichever name they used
    assert {row["outlet"] for row in data["by_outlet"]} == {"Herald", "Tehran Times"}
    assert client.get("/actors/Raisi.json").json() == data
    page = client.get("/actors/Raisi")
    assert page.status_code == 200 and 'id="actor-names"' in page.text and "Split off" in page.text
    assert client.get("/api/actors/PMU").json()["actor"] == "Popular Mobilization Units"


def test_actors_index_lists_actors_and_ambiguous_names(client: TestClient) -> None:
    data = client.get("/actors.json").json()
    top = {a["canonical"]: a["n_articles"] for a in data["actors"]}
    assert top["Ebrahim Raeisi"] == 2 and top["Popular Mobilization Units"] == 2
    assert [(a["name"], [c["name"] for c in a["candidates"]]) for a in data["ambiguous"]] == [
        ("Biden", ["Hunter Biden", "Joe Biden"])
    ]
    html = client.get("/actors").text
    assert 'href="/actors/Biden"' in html and 'id="ambiguous"' in html
    assert client.get("/actors.json", params={"outlet": "Courrier"}).json()["actors"][0]["canonical"] == "Biden"


def test_merge_and_split_from_the_api_and_the_form(client: TestClient) -> None:
    merged = client.post("/api/actors/Biden/decision", json={"action": "merge", "into": "Joe Biden"})
    assert merged.status_code == 200 and merged.json()["actor"] == "Joe Biden"
    stats = {a["canonical"]: a["n_articles"] for a in client.get("/api/stats/actors").json()}
    assert stats["Joe Biden"] == 2 and "Biden" not in stats  # the statistics cache was dropped
    assert {i["title"] for i in client.get("/api/articles", params={"entity": "joe biden"}).json()["items"]} == {
        "Popular Mobilization Units parade", "Biden"
    }
    form = client.post("/actors/Biden/decision", data={"action": "split"}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/actors/Biden"
    assert client.get("/api/actors/Biden").json()["names"][0]["decision"] == {"action": "split", "into": None}
    undo = client.post("/actors/Biden/decision", data={"action": "auto"}, follow_redirects=False)
    assert undo.status_code == 303
    assert client.get("/api/actors/Biden").json()["names"][0]["decision"] is None


def test_a_name_split_off_is_its_own_actor_on_its_page(client: TestClient) -> None:
    # "Raeisi" is also an alias the first article gave "Ebrahim Raeisi": the page still names the
    # actor the user made of it, not the article's full name
    assert client.post("/api/actors/Raeisi/decision", json={"action": "split"}).json()["actor"] == "Raeisi"
    data = client.get("/api/actors/Raeisi").json()
    assert data["actor"] == "Raeisi" and [n["name"] for n in data["names"]] == ["Raeisi"]
    assert client.get("/api/actors/Raisi").json()["actor"] == "Ebrahim Raeisi"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"action": "merge"}, 400, "usage_error"),
        ({"action": "merge", "into": "Nobody Known"}, 404, "not_found"),
        ({"action": "explode"}, 422, "invalid_request"),
        ({"action": "merge", "into": "x" * 400}, 422, "invalid_request"),
    ],
)
def test_bad_decisions_get_clear_errors(client: TestClient, body: dict, status: int, code: str) -> None:
    response = client.post("/api/actors/Biden/decision", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert client.post("/api/actors/Nobody/decision", json={"action": "split"}).status_code == 404


def test_decisions_are_writes(tmp_path: Path) -> None:
    with client_for(tmp_path / "a", host="0.0.0.0") as c:
        assert c.post("/api/actors/Biden/decision", json={"action": "split"}).status_code == 403
    with client_for(tmp_path / "b", host="0.0.0.0", token=TOKEN) as c:
        assert c.post("/api/actors/Biden/decision", json={"action": "split"}).status_code == 401
        assert c.post("/actors/Biden/decision", data={"action": "split", "token": "wrong"}).status_code == 401
        assert 'name="token"' in c.get("/actors/Biden").text
        ok = c.post("/api/actors/Biden/decision", json={"action": "split"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        form = c.post("/actors/Biden/decision", data={"action": "auto", "token": TOKEN}, follow_redirects=False)
        assert form.status_code == 303
    with client_for(tmp_path / "c") as c:
        cross = c.post("/actors/Biden/decision", data={"action": "split"}, headers={"Origin": "https://evil.example"})
        assert cross.status_code == 403


def test_openapi_documents_the_decision_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/actors/{name}/decision"]
    assert "/actors/{name}/decision" not in paths  # the form post is a page route


# -- per-language statistics -------------------------------------------------------------


def test_dashboard_language_statistics(client: TestClient) -> None:
    data = client.get("/dashboard.json").json()
    rows = {r["language"]: r for r in data["languages"]}
    assert rows["en"]["n_articles"] == 3 and rows["fr"]["n_articles"] == 1
    assert rows["en"]["count"] == 2 and rows["fr"]["count"] == 0
    assert rows["en"]["per_article"] == round(2 / 3, 3)
    assert (rows["fr"]["lang"], rows["fr"]["name"]) == ("fr", "français")
    per_technique = {(r["language"], r["technique"]): r["count"] for r in data["techniques_by_language"]}
    assert per_technique == {("en", "Flag_Waving"): 1, ("en", "Name_Calling-Labeling"): 1}
    html = client.get("/dashboard").text
    assert re.search(r'<a href="[^"]*language=fr[^"]*" lang="fr">français</a>', html)
    assert 'data-language="en"' in html
    # the language filter narrows every number, the language table included
    only_fr = client.get("/dashboard.json", params={"language": "fr"}).json()
    assert [r["language"] for r in only_fr["languages"]] == ["fr"]
    csv = client.get("/dashboard/data/languages.csv").text
    assert csv.splitlines()[0].startswith("language,lang,name,n_articles")


def test_example_sentences_carry_their_language(client: TestClient) -> None:
    examples = client.get("/api/actors/Raeisi").json()["examples"]
    assert examples and all(x["language"] == "en" for x in examples)
    assert '<q lang="en">' in client.get("/actors/Raeisi").text


def test_top_actors_show_the_type_most_articles_give(tmp_path: Path) -> None:
    arts = [
        make_article(f"Fire {k}", f"A fire hit Veldra on day {k}.", outlet="Wire", published=f"2024-05-0{k}",
                     entities=(("Veldra", etype, ("Veldra",)),))
        for k, etype in ((1, "GPE"), (2, "GPE"), (3, "PERSON"))
    ]
    url = build_store(tmp_path / "t.db", arts)
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions())) as c:  # type: ignore[arg-type]
        top = c.get("/api/stats/actors").json()
    assert [(a["canonical"], a["type"], a["n_articles"]) for a in top] == [("Veldra", "GPE", 3)]


def test_an_outlet_spelt_two_ways_is_one_row_named_as_the_store_names_it(tmp_path: Path) -> None:
    """The actor page counts per outlet by the store's outlet (store/outlets.py), not by each
    article's own spelling: "The Herald" and "herald" are one row, named "The Herald"."""
    arts = [
        make_article(f"Raeisi {k}", f"Critics called Raeisi a disaster for the region on day {k}.", outlet=outlet,
                     published=f"2024-05-0{k}",
                     techniques=(("Name_Calling-Labeling", "a disaster for the region", 0.8, "author", None),),
                     entities=(("Raeisi", "PERSON", ("Raeisi",)),))
        for k, outlet in ((1, "The Herald"), (2, "herald"))
    ]
    url = build_store(tmp_path / "o.db", arts)
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions())) as c:  # type: ignore[arg-type]
        data = c.get("/api/actors/Raeisi").json()
    rows = data["by_outlet"]
    assert [r["outlet"] for r in rows] == ["The Herald"], rows
    assert sum(rows[0]["techniques"].values()) == 2
