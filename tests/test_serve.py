"""In-process tests of the web app (FastAPI TestClient over a real SQLite store)."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.errors import StoreError
from spinscope.model import Article, Genre, Label, TechniqueSpan, split_paragraphs
from spinscope.serve import ServeOptions, create_app
from spinscope.serve.auth import is_loopback
from spinscope.serve.highlight import assign_tracks, layout
from spinscope.serve.views import safe_url
from spinscope.store import open_store

from .serve_support import TOKEN, build_store, corpus, hostile_articles, make_article

REPO = Path(__file__).resolve().parent.parent
#: The address the app serves (TestClient's default "testserver" is not a Host it answers to).
BASE = "http://127.0.0.1"


def fake_analyzer(articles: list[Article]) -> None:
    """Stands in for the model pipeline: every "disaster" is Loaded_Language."""
    for article in articles:
        article.paragraphs = split_paragraphs(article.text)
        article.genre = Genre("opinion", {"opinion": 0.7, "reporting": 0.3})
        article.frames = [Label("Economic", 0.6)]
        for m in re.finditer("disaster", article.text):
            article.techniques.append(TechniqueSpan("Loaded_Language", m.start(), m.end(), m.group(), 0.8))
        article.models = {"fake": "1"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("serve") / "corpus.db", corpus() + hostile_articles())


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    with TestClient(base_url=BASE, app=create_app(db, ServeOptions(analyzer=fake_analyzer))) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, str]:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return {item["title"]: item["id"] for item in items}


def fresh_client(tmp_path: Path, **options: object) -> TestClient:
    url = build_store(tmp_path / "c.db", corpus()[:2])
    return TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer, **options)))  # type: ignore[arg-type]


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "source"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


# -- the highlight layout -------------------------------------------------------


def _span(text: str, words: str, label: str = "X", start: int = 0) -> TechniqueSpan:
    i = text.index(words, start)
    return TechniqueSpan(label, i, i + len(words), words, 0.5)


def test_layout_cuts_at_every_boundary_and_keeps_the_text() -> None:
    text = "Title\n\nThe reckless plan will ruin every family.\nSecond line."
    spans = [
        _span(text, "will ruin every family", "A"),
        _span(text, "ruin every", "B"),
        _span(text, "reckless plan will", "C"),
    ]
    blocks, tracks = layout(text, spans, title="Title")
    assert blocks[0].heading and not blocks[1].heading
    assert (
        "".join(seg.text for block in blocks for seg in block.segments)
        == "TitleThe reckless plan will ruin every family.Second line."
    )
    covered = {seg.text: seg.spans for seg in blocks[1].segments}
    assert covered["will"] and set(covered["will"]) == {0, 2}
    assert set(covered["ruin every"]) == {0, 1}
    assert covered[" family"] == [0]
    assert covered["."] == []
    # overlapping spans never share a track; outermost (deepest) first in a segment
    assert len({tracks[0], tracks[1]}) == 2 and len({tracks[0], tracks[2]}) == 2
    for seg in blocks[1].segments:
        assert [tracks[i] for i in seg.spans] == sorted((tracks[i] for i in seg.spans), reverse=True)


def test_layout_ignores_spans_outside_the_text() -> None:
    text = "short text"
    spans = [TechniqueSpan("X", 5, 50, "?", 0.5), TechniqueSpan("X", 3, 3, "", 0.5), _span(text, "text")]
    blocks, tracks = layout(text, spans)
    assert set(tracks) == {2}
    assert [s.text for s in blocks[0].segments] == ["short ", "text"]


def test_tracks_reuse_free_lanes_and_are_bounded() -> None:
    text = "a b c d e f g h i j"
    nested = [TechniqueSpan("X", 0, len(text) - k, "", 0.5) for k in range(10)]
    tracks = assign_tracks(nested, range(10))
    assert max(tracks.values()) == 5  # capped
    apart = [_span(text, "a b"), _span(text, "d e"), _span(text, "g h")]
    assert set(assign_tracks(apart, range(3)).values()) == {0}


def test_safe_url_and_loopback() -> None:
    assert safe_url("https://x.example/a?b=1") == "https://x.example/a?b=1"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "", None):
        assert safe_url(bad) is None
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.com")


# -- pages ----------------------------------------------------------------------

PAGES = [
    "/",
    "/search",
    "/search?q=harbour&outlet=The+Bugle",
    "/dashboard",
    "/outlets",
    "/outlets/Daily%20Planet",
    "/compare",
    "/techniques",
    "/analyze",
    "/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<nav>" in r.text


@pytest.mark.parametrize("path", ["/", "/search", "/dashboard", "/outlets", "/outlets/The%20Bugle", "/techniques"])
def test_every_page_is_also_json(client: TestClient, path: str) -> None:
    json_path = "/index.json" if path == "/" else path + ".json"
    as_json = client.get(json_path)
    assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json"
    negotiated = client.get(path, headers={"Accept": "application/json"})
    assert negotiated.json() == as_json.json()


def test_article_view(client: TestClient, ids: dict[str, str]) -> None:
    aid = ids["Harbour tax plan will ruin every family"]
    r = client.get(f"/articles/{aid}")
    assert r.status_code == 200
    html = r.text
    # every span is drawn, overlapping ones nested, quoted ones dashed
    assert html.count('class="hl ') >= 5
    assert "v-quoted" in html and 'data-spans="' in html
    for panel in ("Genre", "Frames", "Actors", "Quotes", "Techniques"):
        assert f"<h2>{panel}</h2>" in html
    assert "Appeal to fear or prejudice" in html and "Ann Lee" in html
    assert 'href="https://planet.example/harbour-tax"' in html
    data = json.loads(re.search(r'<script type="application/json" id="span-data">(.*?)</script>', html, re.S).group(1))
    labels = {s["label"] for s in data["spans"]}
    assert "Loaded_Language" in labels and data["definitions"]["Loaded_Language"]["definition"]
    assert {s["voice"] for s in data["spans"]} == {"author", "quoted"}
    js = client.get(f"/articles/{aid}.json").json()
    assert js["article"]["id"] == aid and len(js["article"]["techniques"]) == 5 and js["history"]


def test_search_filters(client: TestClient) -> None:
    def titles(**params: str) -> set[str]:
        return {i["title"] for i in client.get("/search.json", params=params).json()["items"]}

    assert titles(outlet="The Bugle") == {
        "Council approves harbour tax after long debate",
        "Bridge repairs finish early",
        "Harbour festival dates announced",
    }
    assert "Only a fool would trust the bridge crew" in titles(technique="False_Dilemma-No_Choice")
    assert titles(technique="Loaded_Language", voice="quoted", outlet="The Bugle") == {
        "Council approves harbour tax after long debate"
    }
    assert titles(date_from="2024-02-01", date_to="2024-02-28") == {
        "Bridge repairs finish early",
        "Only a fool would trust the bridge crew",
    }
    assert titles(entity="Cho Park") == {"Bridge repairs finish early"}
    assert titles(frame="Cultural_identity", genre="reporting") == {
        "Mayor Lee unveils harbour festival",
        "Harbour festival dates announced",
    }
    html = client.get("/search", params={"q": "harbour"}).text
    assert "Harbour festival dates announced" in html and "Loaded language" in html


def test_search_pages(client: TestClient) -> None:
    first = client.get("/search.json").json()
    assert first["total"] == 12 and first["pages"] == 1
    html = client.get("/search", params={"page": 1}).text
    assert "12 articles" in html


def test_dashboard_and_outlet_show_both_outlets(client: TestClient) -> None:
    html = client.get("/dashboard").text
    assert "<svg" in html and "Daily Planet" in html and "The Bugle" in html
    data = client.get("/dashboard.json").json()
    assert {r["outlet"] for r in data["techniques_by_outlet"]} >= {"Daily Planet", "The Bugle"}
    assert {r["month"] for r in data["techniques_over_time"]} >= {"2024-01", "2024-02"}
    assert any(r["speaker"] == "Bob Ray" for r in data["who_quotes_whom"])
    assert data["top_actors"][0]["canonical"] == "Ann Lee"
    outlet = client.get("/outlets/Daily%20Planet.json").json()
    assert outlet["outlet"]["n_articles"] == 3
    assert all(r["outlet"] == "Daily Planet" for r in outlet["techniques_by_outlet"])
    assert_error(client.get("/outlets/Nobody.json"), 404, "not_found")


def test_compare(client: TestClient, ids: dict[str, str]) -> None:
    a, b = ids["Harbour tax plan will ruin every family"], ids["Council approves harbour tax after long debate"]
    r = client.get("/compare", params={"a": a, "b": b})
    assert r.status_code == 200 and "Daily Planet" in r.text and "The Bugle" in r.text
    data = client.get("/compare.json", params={"a": a, "b": b}).json()
    assert data["a"]["techniques"]["Loaded_Language"] == 2 and data["b"]["techniques"] == {"Loaded_Language": 1}
    assert "Ann Lee" in data["shared_actors"]
    assert client.get("/api/compare", params={"a": a, "b": b}).json() == data
    pick = client.get("/compare", params={"a": a})
    assert pick.status_code == 200 and "<select" in pick.text


# -- the one error shape ----------------------------------------------------------


def test_errors_have_one_shape(client: TestClient) -> None:
    assert_error(client.get("/api/articles/nope"), 404, "not_found")
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/articles/nope.json"), 404, "not_found")
    assert_error(client.get("/articles/nope", headers={"Accept": "application/json"}), 404, "not_found")
    assert_error(client.get("/api/articles", params={"limit": 0}), 422, "invalid_request")
    assert_error(client.get("/api/articles", params={"voice": "narrator"}), 400, "usage_error")
    assert_error(client.get("/api/articles", params={"date_from": "yesterday"}), 400, "usage_error")
    assert_error(client.delete("/api/articles"), 405, "method_not_allowed")
    assert_error(
        client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}),
        422,
        "invalid_request",
    )
    assert_error(client.post("/api/analyze", json={}), 400, "empty_input")
    html = client.get("/articles/nope")
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html") and "not found" in html.text


def test_unexpected_errors_keep_the_shape(tmp_path: Path) -> None:
    class Broken:
        def search(self, q: object) -> None:
            raise RuntimeError("secret internals")

        def get(self, article_id: str, **kw: object) -> None:
            raise StoreError("database is locked")

    app = create_app(options=ServeOptions(), store=Broken())  # type: ignore[arg-type]
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        err = assert_error(c.get("/api/articles"), 500, "internal_error")
        assert "secret" not in err["message"]
        assert_error(c.get("/api/articles/x"), 500, "store_error")


# -- analyze and writes ------------------------------------------------------------


def test_analyze_api_and_save(tmp_path: Path) -> None:
    with fresh_client(tmp_path) as c:
        r = c.post("/api/analyze", json={"text": "What a disaster.\nA second disaster.", "title": "Disasters"})
        assert r.status_code == 200, r.text
        art = r.json()["articles"][0]
        assert art["title"] == "Disasters" and len(art["techniques"]) == 2 and r.json()["saved"] == []
        before = c.get("/api/health").json()["articles"]
        saved = c.post("/api/analyze", json={"text": "Total disaster here.", "outlet": "Gazette", "save": True}).json()[
            "saved"
        ]
        assert saved[0]["status"] == "stored"
        stored = c.get(f"/api/articles/{saved[0]['article_id']}").json()
        assert stored["outlet"] == "Gazette" and stored["techniques"][0]["text"] == "disaster"
        assert c.get("/api/health").json()["articles"] == before + 1


def test_analyze_form_paste_upload_and_save(tmp_path: Path) -> None:
    with fresh_client(tmp_path) as c:
        r = c.post("/analyze", data={"text": "A disaster of a plan.", "title": "Plan"})
        assert r.status_code == 200 and "Analysed — not saved" in r.text and 'class="hl ' in r.text
        r = c.post(
            "/analyze",
            data={"save": "1", "outlet": "Upload Times"},
            files={"file": ("story.txt", b"Uploaded story\n\nAnother disaster unfolds.", "text/plain")},
        )
        assert r.status_code == 200, r.text
        assert "saved to the corpus" in r.text
        assert any(o["name"] == "Upload Times" for o in c.get("/api/outlets").json())
        empty = c.post("/analyze", data={"text": "   "})
        assert empty.status_code == 400 and "error-box" in empty.text
        both = c.post("/analyze", data={"text": "x", "url": "https://example.com/"})
        assert both.status_code == 400


def test_writes_need_a_token_off_loopback(tmp_path: Path) -> None:
    with fresh_client(tmp_path, host="0.0.0.0") as c:
        assert c.post("/api/analyze", json={"text": "a disaster"}).status_code == 200  # read-only analysis
        assert_error(c.post("/api/analyze", json={"text": "a disaster", "save": True}), 403, "forbidden")
        assert_error(c.post("/api/ingest", files={"files": ("a.txt", b"text", "text/plain")}), 403, "forbidden")
        assert c.post("/analyze", data={"text": "x", "save": "1"}).status_code == 403
        assert 'name="token"' in c.get("/analyze").text
    with fresh_client(tmp_path / "t", host="0.0.0.0", token=TOKEN) as c:
        assert_error(c.post("/api/analyze", json={"text": "a disaster", "save": True}), 401, "unauthorized")
        assert_error(
            c.post("/api/analyze", json={"text": "a", "save": True}, headers={"Authorization": "Bearer wrong"}),
            401,
            "unauthorized",
        )
        ok = c.post(
            "/api/analyze", json={"text": "a disaster", "save": True}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert ok.status_code == 200 and ok.json()["saved"][0]["status"] == "stored"
        ok = c.post(
            "/api/ingest",
            files={"files": ("a.txt", b"Ingested disaster", "text/plain")},
            data={"outlet": "X"},
            headers={"X-Spinscope-Token": TOKEN},
        )
        assert ok.status_code == 200 and ok.json()["stored"] == 1
        form = c.post("/analyze", data={"text": "form disaster", "save": "1", "token": TOKEN})
        assert form.status_code == 200 and "saved to the corpus" in form.text


def test_cross_site_writes_are_refused(tmp_path: Path) -> None:
    with fresh_client(tmp_path) as c:
        assert_error(
            c.post("/analyze", data={"text": "x", "save": "1"}, headers={"Origin": "https://evil.example"}),
            403,
            "forbidden",
        )
        assert (
            c.post("/analyze", data={"text": "x disaster"}, headers={"Origin": "http://127.0.0.1"}).status_code == 200
        )
        null = {"Origin": "null"}
        assert_error(c.post("/api/analyze", json={"text": "x"}, headers=null), 403, "forbidden")
        same = {**null, "Sec-Fetch-Site": "same-origin"}
        assert c.post("/api/analyze", json={"text": "x"}, headers=same).status_code == 200
        cross = {"Sec-Fetch-Site": "cross-site"}
        assert_error(c.post("/api/analyze", json={"text": "x"}, headers=cross), 403, "forbidden")


def test_request_size_limits(tmp_path: Path) -> None:
    with fresh_client(tmp_path, max_request_bytes=2000, max_upload_bytes=1000) as c:
        assert_error(c.post("/api/analyze", json={"text": "x" * 5000}), 413, "request_too_large")

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        assert_error(
            c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"}),
            413,
            "request_too_large",
        )
        assert_error(c.post("/api/analyze", json={"text": "y" * 1500}), 413, "input_too_large")
        big = c.post("/api/ingest", files={"files": ("big.txt", b"z" * 1500, "text/plain")})
        assert big.status_code == 200 and big.json()["failed"] == 1
        assert big.json()["results"][0]["error"]["code"] == "input_too_large"


def test_export(client: TestClient) -> None:
    r = client.get("/api/export", params={"format": "jsonl", "outlet": "The Bugle"})
    assert r.status_code == 200 and r.headers["x-spinscope-rows"] == "3"
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == 3 and {row["outlet"] for row in rows} == {"The Bugle"}
    csv = client.get("/api/export", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "attachment" in csv.headers["content-disposition"]
    assert_error(client.get("/api/export", params={"format": "xls"}), 422, "invalid_request")


# -- escaping ---------------------------------------------------------------------------


def test_hostile_articles_are_escaped_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    evil = [aid for title, aid in ids.items() if title.startswith("Title ")]
    assert len(evil) == 6
    paths = [f"/articles/{aid}" for aid in evil] + [
        "/",
        "/search",
        "/dashboard",
        "/outlets",
        f"/compare?a={evil[0]}&b={evil[1]}",
    ]
    paths += ["/search?q=pwned", "/outlets/" + "Evil%20%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<script>window" not in r.text and "<img src=x" not in r.text, path
        problems = audit_html(r.text)
        assert problems == [], (path, problems)


class _Audit(HTMLParser):
    """Collects every element or attribute that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if (
            tag == "script"
            and not (values.get("src", "") or "").startswith("/static/")
            and values.get("type") != "application/json"
        ):
            self.problems.append(f"inline script {attrs}")
        if tag in ("iframe", "object", "embed", "img", "base"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}={value!r}")
            if (
                name in ("href", "src", "action", "formaction")
                and value
                and not re.match(r"^(/|https?://|#|\?)", value.strip())
            ):
                self.problems.append(f"{name}={value!r}")


def audit_html(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    return audit.problems


# -- OpenAPI and README -------------------------------------------------------------------


def app_routes(app) -> set[tuple[str, str]]:
    """(method, path) of every route, looking inside included routers."""
    out: set[tuple[str, str]] = set()

    def walk(routes) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                walk(inner.routes)
            for method in getattr(route, "methods", None) or ():
                if method != "HEAD":
                    out.add((method, re.sub(r":\w+}", "}", route.path)))

    walk(app.routes)
    return out


def test_openapi_documents_every_api_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    api = {(m, p) for m, p in app_routes(client.app) if p.startswith("/api/")}
    assert api and api <= documented
    docs = client.get("/docs").text
    for _, path in api:
        assert path in docs


def test_readme_lists_every_route(client: TestClient) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### Web UI and API\n(.*?)(?=^## |^### |\Z)", readme, re.S | re.M)
    assert match, "README.md needs a '### Web UI and API' section"
    listed = set(re.findall(r"`(GET|POST|PUT|DELETE|PATCH) (/[^`\s]*)`", match.group(1)))
    routes = {(m, p) for m, p in app_routes(client.app) if not p.startswith("/static")}
    assert routes - listed == set(), "routes missing from README"
    assert listed - routes == set(), "README lists routes the app does not have"


# -- the CLI ------------------------------------------------------------------------------


def test_cli_serve_parser() -> None:
    from spinscope.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9000", "--token", "t"])
    assert (args.db, args.host, args.port, args.token) == ("x.db", "0.0.0.0", 9000, "t")
    defaults = build_parser().parse_args(["serve"])
    assert (defaults.host, defaults.port) == ("127.0.0.1", 8000)


def test_cli_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    from spinscope.cli import main

    assert main(["serve", "--db", str(tmp_path / "x.db"), "--port", "70000"]) == 2


def test_store_round_trip_of_test_corpus(tmp_path: Path) -> None:
    art = make_article(
        "T",
        "Body with reckless words.",
        outlet="O",
        published="2024-01-01T00:00:00",
        techniques=(("Loaded_Language", "reckless", 0.9, "author", None),),
    )
    with open_store(str(tmp_path / "s.db")) as store:
        store.add(art)
        assert store.get(art.id).techniques[0].text == "reckless"


def test_aggregates_are_cached_until_the_corpus_changes(tmp_path: Path) -> None:
    from spinscope.serve.cache import COUNT_EVERY, CachingStore

    calls: list[str] = []
    with open_store(build_store(tmp_path / "c.db", corpus()[:2])) as real:

        class Spy:
            def __getattr__(self, name: str):
                method = getattr(real, name)
                if name not in ("outlets", "top_actors"):
                    return method

                def spy(*args, **kwargs):
                    calls.append(name)
                    return method(*args, **kwargs)

                return spy

        store = CachingStore(Spy(), ttl=60)  # type: ignore[arg-type]
        assert store.outlets() == store.outlets() and calls == ["outlets"]
        store.top_actors(limit=5)
        store.top_actors(limit=6)
        assert calls.count("top_actors") == 2  # arguments are part of the key
        real.add(corpus()[3])  # another writer: the count changes ...
        time.sleep(COUNT_EVERY)  # ... which the cache checks at most every COUNT_EVERY seconds
        stale = store.outlets()  # served from the cache once more...
        assert sum(o.n_articles for o in stale) == 2
        store.wait_idle()  # ...while it is recomputed in the background
        assert calls.count("outlets") == 2
        assert sum(o.n_articles for o in store.outlets()) == 3
        store.add(corpus()[4])  # a write through the cache clears it
        store.outlets()
        assert calls.count("outlets") == 3
        assert store.search  # everything else passes through


def test_chart_geometry() -> None:
    from spinscope.serve.charts import line_chart, nice_step, stacked_bars

    assert [nice_step(x) for x in (1, 3, 6, 11, 99, 1234)] == [1, 1, 2, 5, 20, 500]
    chart = line_chart({"2024-01": {"a": 3, "b": 1}, "2024-02": {"a": 1}})
    assert [label for _, label in chart.y_ticks] == ["0", "1", "2", "3"]
    assert [s.label for s in chart.series] == ["a", "b"] and len(chart.series[1].dots) == 2
    bars = stacked_bars({"X": {"a": 3, "b": 1}, "Y": {"c": 2}}, categories=["a", "b"])
    x = bars.bars[0]
    assert x.total == 4 and [r.label for r in x.rects] == ["a", "b"]
    assert abs(sum(r.width for r in x.rects) - sum(r.width for r in bars.bars[1].rects)) < 1e-6  # both 100 %
    assert [r.label for r in bars.bars[1].rects] == ["other"]


@pytest.mark.parametrize(
    "path",
    [p for p in PAGES if "/outlets/" not in p] + ["/index.json", "/dashboard.json", "/api/stats/techniques?by=month"],
)
def test_pages_on_an_empty_corpus(tmp_path: Path, path: str) -> None:
    with TestClient(base_url=BASE, app=create_app(str(tmp_path / "empty.db"))) as c:
        r = c.get(path)
        assert r.status_code == 200, r.text


def test_untitled_articles_are_headed_by_their_opening_words():
    from spinscope.model import Article
    from spinscope.serve.render import headline as _headline

    assert _headline(Article(text="Short text.", title="Given title")) == "Given title"
    long = Article(text="The opening words of an untitled scraped page, which go on and on well past the eighty character mark.")
    assert _headline(long).startswith("The opening words") and _headline(long).endswith("…") and len(_headline(long)) <= 81
    assert _headline({"title": None, "text": "  "}) == "Untitled article"
