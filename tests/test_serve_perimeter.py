"""The server's perimeter (issue 8): the Host a request names, every parameter validated
into a 4xx, store errors that echo nothing, HEAD, and analyses off the event loop."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.model import Article
from spinscope.serve import ServeOptions, create_app
from spinscope.serve.auth import host_allowed, host_name

from .serve_support import build_store, corpus
from .test_serve import BASE, assert_error, fake_analyzer


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("perimeter") / "corpus.db", corpus())


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    with TestClient(create_app(db, ServeOptions(analyzer=fake_analyzer)), base_url=BASE) as c:
        yield c


# -- Host (DNS rebinding) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "served", "allowed", "ok"),
    [
        ("127.0.0.1:8000", "127.0.0.1", (), True),
        ("localhost:8000", "127.0.0.1", (), True),
        ("[::1]:8000", "127.0.0.1", (), True),
        ("LOCALHOST", "localhost", (), True),
        ("evil.example:8000", "127.0.0.1", (), False),
        ("127.0.0.1.nip.io", "127.0.0.1", (), False),
        ("localhost.evil.example", "127.0.0.1", (), False),
        ("", "127.0.0.1", (), False),
        ("news.example.org", "127.0.0.1", ("news.example.org",), True),
        ("10.0.0.5:80", "10.0.0.5", (), True),
        ("10.0.0.6", "10.0.0.5", (), False),
        ("localhost", "10.0.0.5", (), False),
        ("192.168.1.9:8000", "0.0.0.0", (), True),
        ("attacker.example", "0.0.0.0", (), False),
        ("spinscope.lan", "spinscope.lan", (), True),
    ],
)
def test_host_rules(header: str, served: str, allowed: tuple[str, ...], ok: bool) -> None:
    assert host_allowed(header, served, allowed) is ok


def test_host_name() -> None:
    assert host_name("[::1]:80") == "::1" and host_name("Example.ORG:8080") == "example.org"
    assert host_name("::1") == "::1"


def test_a_foreign_host_is_refused_before_any_route(db: str) -> None:
    app = create_app(db, ServeOptions(analyzer=fake_analyzer, allowed_hosts=("proxy.example",)))
    with TestClient(app, base_url="http://rebound.example") as c:
        for path in ("/", "/api/health", "/api/articles", "/static/spinscope.css"):
            assert_error(c.get(path), 400, "bad_host")
        # a rebound page would write without a token (loopback): refused before the route runs
        assert_error(c.post("/api/analyze", json={"text": "x", "save": True}), 400, "bad_host")
        assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "proxy.example"}).status_code == 200


# -- parameters: always a 4xx in the one JSON shape ---------------------------------


def test_edge_values_that_used_to_be_500s(client: TestClient) -> None:
    assert client.get("/api/articles", params={"date_to": "9999-12-31"}).json()["total"] == 6
    assert client.get("/api/articles", params={"date_from": "0001-01-01"}).json()["total"] == 6
    assert client.get("/search.json", params={"date_to": "9999-12-31"}).status_code == 200
    assert client.get("/api/stats/techniques", params={"date_to": "9999-12-31", "by": "month"}).status_code == 200
    assert_error(client.get("/api/articles", params={"offset": 10**20}), 422, "invalid_request")
    assert_error(
        client.get("/search", params={"page": 10**20}, headers={"Accept": "application/json"}), 422, "invalid_request"
    )
    assert_error(client.get("/api/articles/x", params={"analysis_id": 10**20}), 422, "invalid_request")
    assert_error(client.get("/articles/x.json", params={"analysis": 10**20}), 422, "invalid_request")
    assert_error(client.get("/api/articles", params={"date_to": "9999-99-99"}), 400, "usage_error")
    assert_error(client.get("/api/articles", params={"q": "x " * 600}), 400, "usage_error")
    assert_error(client.get("/api/articles", params={"q": " ".join(f"w{i}" for i in range(40))}), 400, "usage_error")
    assert_error(client.get("/api/stats/frames", params={"entity": "a\x00b"}), 400, "usage_error")


def test_lone_surrogates_in_analyze_are_a_400(client: TestClient) -> None:
    for body in (
        b'{"text": "broken \\ud800 text"}',
        b'{"text": "fine text", "title": "\\udfff"}',
        b'{"text": "fine text", "outlet": "\\ud83d"}',
    ):
        r = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
        assert 400 <= r.status_code < 500, r.text
        assert set(r.json()["error"]) == {"code", "message", "source"}


NUMERIC = {
    "/api/articles": ("limit", "offset", "date_from", "date_to"),
    "/api/stats/techniques": ("date_from", "date_to"),
    "/api/stats/actors": ("limit", "date_from"),
    "/api/stats/quotes": ("limit", "date_to"),
    "/api/export": ("date_from", "date_to"),
    "/search.json": ("page", "date_from", "date_to"),
    "/dashboard.json": ("date_from", "date_to"),
    "/articles/x.json": ("analysis",),
}


def odd_values(rng: random.Random) -> list[str]:
    """Generated numbers and dates at and past every edge."""
    values = ["", "-1", "0", "1e3", "NaN", "inf", "0x10", " 7 ", "１２", str(2**63), str(-(2**63) - 1)]
    values += [str(10 ** rng.randint(5, 40)) for _ in range(4)]
    values += ["9999-12-31", "0001-01-01", "2024-02-30", "2024-13-01", "10000-01-01", "2024-01-01T25:00"]
    values += ["".join(rng.choice("0123456789-:T+.Z") for _ in range(rng.randint(1, 30))) for _ in range(6)]
    return values


@pytest.mark.slow  # some 200 requests
def test_every_numeric_and_date_parameter_is_a_4xx_or_an_answer(client: TestClient) -> None:
    rng = random.Random(8)
    for path, names in NUMERIC.items():
        for name in names:
            for value in odd_values(rng):
                r = client.get(path, params={name: value})
                assert r.status_code < 500, (path, name, value, r.text)
                if r.status_code >= 400:
                    assert set(r.json()["error"]) == {"code", "message", "source"}, r.text


def test_store_errors_echo_no_sql_parameters_or_paths(tmp_path: Path) -> None:
    url = build_store(tmp_path / "broken.db", corpus()[:2])
    with sqlite3.connect(tmp_path / "broken.db") as conn:
        conn.execute("DROP TABLE frames")
    with TestClient(create_app(url, ServeOptions(stats_ttl=0)), base_url=BASE, raise_server_exceptions=False) as c:
        r = c.get("/api/stats/frames", params={"outlet": "secret-parameter"})
        assert_error(r, 500, "store_error")
        for leak in ("SELECT", "frames", "secret-parameter", str(tmp_path)):
            assert leak not in r.text


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/search", "/api/health", "/static/spinscope.css"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == 200 == got.status_code, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
        assert "content-security-policy" in head.headers


# -- analyses off the event loop --------------------------------------------------


def test_health_and_pages_answer_while_analyses_run(db: str) -> None:
    release = threading.Event()
    started = threading.Semaphore(0)

    def slow_analyzer(articles: list[Article]) -> None:
        started.release()
        release.wait(30)
        fake_analyzer(articles)

    options = ServeOptions(analyzer=slow_analyzer, analysis_workers=2, analysis_queue=1)
    with TestClient(create_app(db, options), base_url=BASE) as c:
        codes: list[int] = []

        def analyse() -> None:
            codes.append(c.post("/api/analyze", json={"text": "a slow disaster"}).status_code)

        threads = [threading.Thread(target=analyse) for _ in range(3)]
        for t in threads:
            t.start()
        assert started.acquire(timeout=10) and started.acquire(timeout=10)  # both workers busy
        time.sleep(0.2)  # the third waits for a worker
        for path in ("/api/health", "/api/articles", "/search.json"):
            took = []
            for _ in range(3):  # the best of three: a busy machine may stall any one request
                t0 = time.perf_counter()
                assert c.get(path).status_code == 200
                took.append(time.perf_counter() - t0)
            assert min(took) < 0.5, (path, took)  # < 100 ms on an idle machine
        assert_error(c.post("/api/analyze", json={"text": "one too many"}), 503, "busy")
        assert not codes  # nothing finished: health really ran beside the analyses
        release.set()
        for t in threads:
            t.join(30)
        assert codes == [200, 200, 200]


def test_an_uploaded_file_given_a_title_has_it_as_its_first_line(client: TestClient) -> None:
    r = client.post(
        "/api/ingest",
        files={"files": ("note.txt", b"A plain disaster of a note.", "text/plain")},
        data={"outlet": "Uploads"},
    )
    assert r.status_code == 200 and r.json()["stored"] == 1, r.text
    form = client.post(
        "/analyze",
        data={"title": "A given title"},
        files={"file": ("note.txt", b"Another plain note about a disaster.", "text/plain")},
        headers={"Accept": "application/json"},
    )
    art = form.json()["articles"][0]
    assert art["title"] == "A given title"
    assert art["text"].startswith("A given title\n\nAnother plain note")
    for span in art["techniques"]:
        assert art["text"][span["start"] : span["end"]] == span["text"]


# -- the page cache -------------------------------------------------------------------


def test_page_cache_is_bounded_by_bytes_and_versioned() -> None:
    from fastapi.responses import HTMLResponse
    from starlette.requests import Request

    from spinscope.serve.pagecache import PageCache

    def request(path: str) -> Request:
        return Request({"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []})

    cache = PageCache(max_bytes=2500, ttl=60)
    made: list[str] = []

    def page(path: str, body: str, version: int = 1):
        return cache.respond(request(path), lambda: made.append(path) or HTMLResponse(body), version=version)

    assert page("/a", "a" * 1000).body == b"a" * 1000
    assert page("/a", "changed").body == b"a" * 1000 and made == ["/a"]  # a hit
    assert page("/a", "new version", version=2).body == b"new version"  # reanalysed: rendered again
    page("/b", "b" * 1000)
    page("/c", "c" * 1000)
    page("/d", "d" * 1000)  # over 2,500 bytes: the least recently used go
    assert cache.bytes <= 2500
    page("/b", "again")
    assert made[-1] == "/b"  # /b was evicted, so it was rendered again
    cache.clear()
    assert cache.bytes == 0


def test_a_write_through_the_server_shows_at_once(tmp_path: Path) -> None:
    url = build_store(tmp_path / "c.db", corpus()[:2])
    with TestClient(create_app(url, ServeOptions(analyzer=fake_analyzer, page_ttl=600)), base_url=BASE) as c:
        before = c.get("/search.json", params={"q": "zeppelin"}).json()["total"]
        saved = c.post("/api/analyze", json={"text": "A zeppelin disaster.", "save": True})
        assert saved.status_code == 200, saved.text
        assert c.get("/search.json", params={"q": "zeppelin"}).json()["total"] == before + 1
