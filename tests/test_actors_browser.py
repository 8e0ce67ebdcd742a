"""Actor pages in a real headless Chromium: merge an ambiguous surname from its page, and the
pages fit a phone (no sideways scrolling of the page itself). Skips like tests/test_browser.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from spinscope.store import open_store

from .serve_support import build_store, corpus
from .test_actors_web import articles
from .test_browser import ThreadServer, browser, shot  # noqa: F401  (the browser fixture)
from .test_stories import words_vector

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadServer]:
    arts = articles()
    arts[3].language = "fr"
    server = ThreadServer(build_store(tmp_path_factory.mktemp("actors") / "corpus.db", arts))
    yield server
    server.stop()


def open_page(browser: Any, width: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    return pg


def test_merge_an_ambiguous_surname_from_its_page(browser: Any, site: ThreadServer, tmp_path: Path) -> None:  # noqa: F811
    pg = open_page(browser, 1280)
    pg.goto(f"{site.base}/actors/Biden")
    assert "could be" in pg.locator("#names").inner_text()
    pg.get_by_role("button", name="Merge into Joe Biden").click()
    pg.wait_for_url("**/actors/Joe%20Biden")
    rows = pg.locator("#actor-names tbody tr")
    assert rows.count() == 2 and "user" in pg.locator('#actor-names tr[data-key="biden"]').inner_text()
    shot(pg, tmp_path, "actor-merged")
    pg.get_by_role("button", name="Undo").click()
    pg.wait_for_url("**/actors/Biden")
    assert pg.errors == []
    pg.context.close()


@pytest.mark.parametrize("path", ["/actors", "/actors/Raisi", "/dashboard"])
def test_actor_pages_fit_a_phone(browser: Any, site: ThreadServer, tmp_path: Path, path: str) -> None:  # noqa: F811
    pg = open_page(browser, 390)
    pg.goto(site.base + path)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
    if path == "/dashboard":
        assert pg.locator('#languages a[lang="fr"]').inner_text() == "français"
    shot(pg, tmp_path, "phone" + path.replace("/", "-"))
    assert pg.errors == []
    pg.context.close()


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadServer]:
    arts = corpus()
    # the harbour story told by four outlets with long names: four wide columns
    extra = [
        dataclasses.replace(arts[i], id=f"{arts[i].id}-{k}", outlet=name, url=None)
        for k, (i, name) in enumerate([(0, "The Northbridge Evening Herald and Chronicle"), (1, "Le Courrier de la Vallée de Veldra")])
    ]
    arts = [dataclasses.replace(a, outlet=a.outlet + " Morning Edition Online") for a in arts] + extra
    url = build_store(tmp_path_factory.mktemp("stories") / "corpus.db", arts)
    with open_store(url) as store:
        store.update_stories(words_vector)
    server = ThreadServer(url)
    yield server
    server.stop()


def test_story_pages_fit_a_phone(browser: Any, story_site: ThreadServer, tmp_path: Path) -> None:  # noqa: F811
    """The story page's per-outlet table scrolls inside its panel, not the page."""
    items = httpx.get(story_site.base + "/api/stories", params={"min_articles": 2}).json()["items"]
    assert items, "the corpus should hold a story across outlets"
    for path in ("/stories", f"/stories/{items[0]['id']}"):
        pg = open_page(browser, 390)
        pg.goto(story_site.base + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
        shot(pg, tmp_path, "phone" + path.replace("/", "-"))
        assert pg.errors == []
        pg.context.close()
