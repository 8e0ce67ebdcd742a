"""The web UI in a real headless Chromium (Debian ``chromium`` driven by Playwright).

Skipped when Chromium or Playwright is absent, unless SPINSCOPE_REQUIRE_BROWSER=1
(CI), where that is a failure. Screenshots go to the test's tmp dir, and also to
$SPINSCOPE_SHOTS when set (to look at them).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from spinscope.serve import ServeOptions, create_app

from .serve_support import PAYLOADS, build_store, corpus, free_port, hostile_articles
from .test_serve import fake_analyzer

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    path = os.environ.get("SPINSCOPE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return path if path and os.path.exists(path) else None


def _unavailable(reason: str) -> None:
    if os.environ.get("SPINSCOPE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (SPINSCOPE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


class ThreadServer:
    """uvicorn serving the app in a thread on 127.0.0.1 and a free port (a real HTTP server)."""

    def __init__(self, db: str) -> None:
        import uvicorn

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        app = create_app(db, ServeOptions(analyzer=fake_analyzer))
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    if path is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e .[dev])")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadServer]:
    db = build_store(tmp_path_factory.mktemp("browser") / "corpus.db", corpus())
    server = ThreadServer(db)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def ids(site: ThreadServer) -> dict[str, str]:
    items = httpx.get(f"{site.base}/api/articles", params={"limit": 100}).json()["items"]
    return {i["title"]: i["id"] for i in items}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and "404" not in msg.text else None)
    pg.errors = errors
    yield pg
    context.close()
    assert errors == [], errors


def shot(pg: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    extra = os.environ.get("SPINSCOPE_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    return path


def seg(pg: Any, words: str) -> Any:
    return pg.locator("#article-text .seg", has_text=words).first


def test_article_view_tooltip_and_filters(page: Any, site: ThreadServer, ids: dict[str, str], tmp_path: Path) -> None:
    page.goto(f"{site.base}/articles/{ids['Harbour tax plan will ruin every family']}")
    assert page.locator("#article-text .hl").count() >= 5
    seg(page, "reckless").hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Loaded language" in tip.inner_text()
    assert "emotional" in tip.inner_text().lower()  # the definition
    assert "91% confidence" in tip.inner_text() and "Outlet's own voice" in tip.inner_text()
    shot(page, tmp_path, "article-hover")
    # a segment under two overlapping spans lists both
    seg(page, "ruin every family").hover()
    assert tip.locator(".tip-item").count() == 2
    seg(page, "catastrophe").hover()
    assert "Quoted: Ann Lee" in tip.inner_text()
    # click pins the tooltip; Escape closes it
    seg(page, "reckless").click()
    page.mouse.move(5, 5)
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    # the confidence slider hides spans below it
    page.locator("#minscore").fill("0.8")
    assert page.locator("#minscore-out").inner_text() == "80%"
    assert "2 of 5" in page.locator("#visible-count").inner_text()
    assert page.locator("#span-table tr[data-i]:visible").count() == 2
    page.locator("#minscore").fill("0")
    # voice filter: hide quoted spans
    page.locator(".voice-toggle[value=quoted]").uncheck()
    assert "4 of 5" in page.locator("#visible-count").inner_text()
    assert seg(page, "catastrophe").get_attribute("data-n") == "0"
    page.locator(".voice-toggle[value=quoted]").check()
    # technique filter
    page.locator(".tech-toggle[value=Loaded_Language]").uncheck()
    assert "3 of 5" in page.locator("#visible-count").inner_text()
    assert page.locator("#legend .count[data-label=Loaded_Language]").inner_text() == "0"
    shot(page, tmp_path, "article-filtered")


def test_search(page: Any, site: ThreadServer, tmp_path: Path) -> None:
    page.goto(f"{site.base}/search")
    page.fill("#f-q", "harbour")
    page.select_option("#f-outlet", "The Bugle")
    page.click("#search-form button[type=submit]")
    page.wait_for_url("**/search?*")
    titles = page.locator(".result .title").all_inner_texts()
    assert set(titles) == {"Council approves harbour tax after long debate", "Harbour festival dates announced"}
    assert "Loaded language" in page.locator(".result", has_text="Council approves").inner_text()
    shot(page, tmp_path, "search")
    page.click("text=Council approves harbour tax after long debate")
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Council approves harbour tax after long debate"


def test_dashboard_outlet_and_compare(page: Any, site: ThreadServer, ids: dict[str, str], tmp_path: Path) -> None:
    page.goto(f"{site.base}/dashboard")
    assert page.locator("svg rect.bar").count() >= 6
    assert page.locator("svg polyline.line").count() >= 2
    assert "Daily Planet" in page.inner_text(".chart") and "The Bugle" in page.inner_text(".chart")
    assert "Bob Ray" in page.inner_text("body")
    shot(page, tmp_path, "dashboard")
    page.locator("svg a", has_text="Daily Planet").first.click()
    page.wait_for_url("**/outlets/Daily*")
    assert page.locator("h1").inner_text() == "Daily Planet"
    shot(page, tmp_path, "outlet")
    page.goto(f"{site.base}/compare")
    page.select_option("#pick-a", ids["Harbour tax plan will ruin every family"])
    page.select_option("#pick-b", ids["Council approves harbour tax after long debate"])
    page.click("button[type=submit]")
    page.wait_for_url("**/compare?a=*")
    assert page.locator(".cmp-row").count() == 4
    assert page.locator(".chip.shared", has_text="Ann Lee").count() == 2
    shot(page, tmp_path, "compare")


def test_analyze_paste_and_save(page: Any, site: ThreadServer, tmp_path: Path) -> None:
    page.goto(f"{site.base}/analyze")
    shot(page, tmp_path, "analyze-form")
    page.fill("#a-title", "A pasted piece")
    page.fill("#a-text", "The plan is a disaster.\nAnother disaster follows <b>bold</b>.")
    page.check("input[name=save]")
    page.fill("#a-outlet", "Pasted Post")
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector(".notice")
    assert "saved to the corpus" in page.inner_text(".notice")
    assert page.locator("#article-text .hl").count() == 2
    assert "<b>bold</b>" in page.inner_text("#article-text")
    shot(page, tmp_path, "analyze-result")
    page.click(".notice a")
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "A pasted piece"


def test_hostile_corpus_never_executes(browser: Any, tmp_path: Path) -> None:
    """Payloads in text, title, outlet, url, author, labels, speakers and actors stay text.

    The page runs with its CSP bypassed, so only escaping stands between the payloads
    and execution.
    """
    db = build_store(tmp_path / "hostile.db", hostile_articles())
    server = ThreadServer(db)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        items = httpx.get(f"{server.base}/api/articles", params={"limit": 100}).json()["items"]
        assert len(items) == len(PAYLOADS)
        paths = [f"/articles/{i['id']}" for i in items]
        paths += ["/", "/search", "/search?q=pwned", "/dashboard", "/outlets", "/techniques"]
        paths += [f"/outlets/{httpx.URL('http://x/').join(i['outlet']).path.lstrip('/')}" for i in items[:1]]
        paths += [f"/compare?a={items[0]['id']}&b={items[1]['id']}"]
        for path in paths:
            pg.goto(server.base + path)
            for node in pg.locator("#article-text .seg").all():
                node.hover()
                node.click()
            assert pg.evaluate("typeof window.__pwned") == "undefined", path
        # follow the outlet links (names full of markup) from the outlets page
        pg.goto(f"{server.base}/outlets")
        for link in range(pg.locator("table a").count()):
            pg.goto(f"{server.base}/outlets")
            pg.locator("table a").nth(link).click()
            pg.wait_for_load_state()
            assert pg.locator("h1").inner_text().startswith("Evil ")
            assert pg.evaluate("typeof window.__pwned") == "undefined"
        # pasted payloads in the Analyze page
        pg.goto(f"{server.base}/analyze")
        pg.fill("#a-title", PAYLOADS[1])
        pg.fill("#a-text", "\n".join(PAYLOADS) + "\ndisaster")
        pg.click("form.analyze button[type=submit]")
        pg.wait_for_selector("#article-text")
        assert PAYLOADS[0] in pg.inner_text("#article-text")
        pg.locator("#article-text .seg").first.hover()
        pg.goto(f"{server.base}/articles/{items[0]['id']}")
        shot(pg, tmp_path, "hostile-article")
        assert pg.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
    finally:
        context.close()
        server.stop()
