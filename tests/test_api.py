"""The JSON API against a real server: ``spinscope serve`` in a subprocess on 127.0.0.1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest

from spinscope.ingest import MAX_INPUT_BYTES
from tests.pg import postgres_server, postgres_url  # noqa: F401, F811  (fixtures)

from .serve_support import TOKEN, Server, build_store, corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    tmp = tmp_path_factory.mktemp("api")
    srv = Server(build_store(tmp / "corpus.db", corpus()), log=tmp / "server.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def http(server: Server) -> httpx.Client:
    with httpx.Client(base_url=server.base, timeout=30) as client:
        yield client


def error_of(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"] and set(body["error"]) == {"code", "message", "source"}
    return body["error"]


def test_health(http: httpx.Client) -> None:
    body = http.get("/api/health").json()
    assert body["status"] == "ok" and body["articles"] == 6 and body["writes_need_token"] is False


def test_search_and_get(http: httpx.Client) -> None:
    page = http.get("/api/articles", params={"limit": 2}).json()
    assert page["total"] == 6 and len(page["items"]) == 2
    assert page["items"][0]["published"] >= page["items"][1]["published"]  # newest first
    rest = http.get("/api/articles", params={"limit": 2, "offset": 2}).json()["items"]
    assert {i["id"] for i in rest}.isdisjoint(i["id"] for i in page["items"])
    hits = http.get("/api/articles", params={"q": "harbour tax", "technique": "Loaded_Language"}).json()["items"]
    assert {h["outlet"] for h in hits} == {"Daily Planet", "The Bugle"}
    first = next(h for h in hits if h["outlet"] == "Daily Planet")
    assert first["technique_counts"]["Loaded_Language"] == 2
    article = http.get(f"/api/articles/{first['id']}").json()
    assert article["id"] == first["id"]
    for span in article["techniques"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]
    history = http.get(f"/api/articles/{first['id']}/history").json()
    assert len(history) == 1 and history[0]["latest"] is True


def test_stats(http: httpx.Client) -> None:
    rows = http.get("/api/stats/techniques", params={"by": "outlet"}).json()
    planet = {r["technique"]: r["count"] for r in rows if r["outlet"] == "Daily Planet"}
    assert planet["Loaded_Language"] == 3
    months = {r["month"] for r in http.get("/api/stats/techniques", params={"by": "month"}).json()}
    assert months == {"2024-01", "2024-02", "2024-03"}
    quoted = http.get("/api/stats/techniques", params={"voice": "quoted"}).json()
    assert sum(r["count"] for r in quoted) == 3
    frames = http.get("/api/stats/frames", params={"outlet": "The Bugle"}).json()
    assert {r["frame"] for r in frames} == {"Economic", "Capacity_and_resources", "Cultural_identity"}
    actors = http.get("/api/stats/actors", params={"limit": 3}).json()
    assert actors[0]["canonical"] == "Ann Lee" and len(actors) == 3
    quotes = http.get("/api/stats/quotes", params={"outlet": "The Bugle"}).json()
    assert {q["speaker"] for q in quotes} == {"Ann Lee", "Bob Ray", "Cho Park"}
    outlets = {o["name"]: o for o in http.get("/api/outlets").json()}
    assert outlets["Daily Planet"]["n_articles"] == 3
    profile = http.get("/api/outlets/The Bugle").json()
    assert profile["outlet"]["name"] == "The Bugle" and len(profile["recent"]) == 3
    assert http.get("/api/techniques").json()[0]["definition"]


def test_stats_by_language_and_day(http: httpx.Client) -> None:
    by_outlet = http.get("/api/stats/techniques", params={"by": "outlet"}).json()
    by_language = http.get("/api/stats/techniques", params={"by": "language"}).json()
    assert {r["language"] for r in by_language} == {"en"}  # the corpus is English
    assert sum(r["count"] for r in by_language) == sum(r["count"] for r in by_outlet) > 0
    frames = http.get("/api/stats/frames", params={"by": "language", "outlet": "The Bugle"}).json()
    assert {r["language"] for r in frames} == {"en"} and {r["frame"] for r in frames} >= {"Economic"}
    days = http.get("/api/stats/techniques", params={"by": "day"}).json()
    assert all(len(r["day"]) == 10 for r in days)
    bad = http.get("/api/stats/techniques", params={"by": "planet"})
    assert bad.status_code == 422 and "by" in bad.text


def test_export_formats(http: httpx.Client) -> None:
    jsonl = http.get("/api/export", params={"format": "jsonl", "technique": "Loaded_Language"})
    assert jsonl.status_code == 200
    assert len([json.loads(line) for line in jsonl.text.splitlines()]) == 3
    csv = http.get("/api/export", params={"format": "csv"})
    assert csv.text.count("\n") >= 7 and csv.headers["x-spinscope-rows"] == "6"
    parquet = http.get("/api/export", params={"format": "parquet", "outlet": "Daily Planet"})
    assert parquet.content[:4] == b"PAR1"
    import pyarrow.parquet as pq

    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 3


def test_pages_over_http(http: httpx.Client) -> None:
    for path in ("/", "/search?q=bridge", "/dashboard", "/outlets/Daily%20Planet", "/compare", "/docs", "/techniques"):
        r = http.get(path)
        assert r.status_code == 200 and "text/html" in r.headers["content-type"], path
        assert "default-src 'self'" in r.headers["content-security-policy"]
    assert http.get("/search", headers={"Accept": "application/json"}).json()["total"] == 6
    css = http.get("/static/spinscope.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    schema = http.get("/openapi.json").json()
    assert "/api/articles" in schema["paths"] and schema["info"]["title"] == "spinscope"


def test_errors_over_http(http: httpx.Client) -> None:
    assert error_of(http.get("/api/articles/0000"), 404)["code"] == "not_found"
    assert error_of(http.get("/api/articles", params={"limit": 100000}), 422)["code"] == "invalid_request"
    assert error_of(http.get("/api/articles", params={"date_to": "31/12/2024"}), 400)["code"] == "usage_error"
    assert error_of(http.put("/api/articles"), 405)["code"] == "method_not_allowed"
    assert error_of(http.get("/api/export", params={"format": "pdf"}), 422)["code"] == "invalid_request"
    big = http.post(
        "/api/analyze", content=b"x" * (MAX_INPUT_BYTES + 1024 * 1024), headers={"content-type": "application/json"}
    )
    assert error_of(big, 413)["code"] == "request_too_large"
    html = http.get("/no/such/page")
    assert html.status_code == 404 and "text/html" in html.headers["content-type"]


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    tmp = tmp_path_factory.mktemp("api-token")
    srv = Server(
        build_store(tmp / "corpus.db", corpus()[:1]), token=TOKEN, pipeline=("paragraphs",), log=tmp / "server.log"
    )
    yield srv
    srv.stop()


def test_ingest_needs_the_token(token_server: Server, tmp_path: Path) -> None:
    files = {"files": ("story.txt", b"A small story\n\nIt has two paragraphs.\nAnd a third.", "text/plain")}
    with httpx.Client(base_url=token_server.base, timeout=30) as http:
        assert http.get("/api/health").json()["writes_need_token"] is True
        assert (
            error_of(http.post("/api/ingest", files=files, data={"outlet": "Gazette"}), 401)["code"] == "unauthorized"
        )
        auth = {"Authorization": f"Bearer {TOKEN}"}
        first = http.post("/api/ingest", files=files, data={"outlet": "Gazette"}, headers=auth).json()
        assert first["stored"] == 1 and first["failed"] == 0
        again = http.post("/api/ingest", files=files, data={"outlet": "Gazette"}, headers=auth).json()
        assert again["skipped"] == 1 and again["stored"] == 0  # idempotent by content hash
        article = http.get(f"/api/articles/{first['results'][0]['article_id']}").json()
        assert article["outlet"] == "Gazette" and len(article["paragraphs"]) == 3
        assert http.get("/api/health").json()["articles"] == 2
        analysed = http.post("/api/analyze", json={"text": "Only text.\nTwo lines."}).json()
        assert len(analysed["articles"][0]["paragraphs"]) == 2 and analysed["saved"] == []
        assert error_of(http.post("/api/analyze", json={"text": "x", "save": True}), 401)["code"] == "unauthorized"


def test_the_web_app_on_postgresql(postgres_url: str) -> None:  # noqa: F811
    """The same server over a PostgreSQL store: search, article page, dashboard, compare."""
    srv = Server(build_store(postgres_url, corpus()))  # type: ignore[arg-type]
    try:
        with httpx.Client(base_url=srv.base, timeout=30) as http:
            items = http.get("/api/articles", params={"q": "harbour", "outlet": "Daily Planet"}).json()["items"]
            assert {i["title"] for i in items} == {
                "Harbour tax plan will ruin every family",
                "Mayor Lee unveils harbour festival",
            }
            page = http.get(f"/articles/{items[0]['id']}")
            assert page.status_code == 200 and 'class="hl ' in page.text
            dash = http.get("/dashboard.json").json()
            assert {r["outlet"] for r in dash["techniques_by_outlet"]} == {"Daily Planet", "The Bugle"}
            assert http.get("/dashboard").status_code == 200
            both = http.get("/api/compare", params={"a": items[0]["id"], "b": items[1]["id"]}).json()
            assert both["a"]["outlet"] == both["b"]["outlet"] == "Daily Planet"
            assert error_of(http.get("/api/articles/missing"), 404)["code"] == "not_found"
    finally:
        srv.stop()
