"""The analyst's workbench (issue 10) in a real headless Chromium: reading view, dashboard
switches, analyze progress and links, search marks, and every page at desktop and 390 px
width without sideways scrolling (screenshots of each, kept under $SPINSCOPE_SHOTS when set).

Uses the fixtures of tests/test_browser.py (skipped without Chromium/Playwright).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from .test_browser import ThreadServer, browser, ids, page, seg, shot, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}


def test_reading_view_colours_legend_markers_and_tooltips(
    page: Any, site: ThreadServer, ids: dict[str, str], tmp_path: Path  # noqa: F811
) -> None:
    page.goto(f"{site.base}/articles/{ids['Harbour tax plan will ruin every family']}")
    colour = "el => getComputedStyle(el).borderBottomColor"
    loaded = page.locator('.hl[data-i="0"]').first.evaluate(colour)
    fear = page.locator('.hl[data-i="1"]').first.evaluate(colour)
    exaggeration = page.locator('.hl[data-i="2"]').first.evaluate(colour)
    assert len({loaded, fear, exaggeration}) == 3
    # a segment under two spans: the tooltip gives each span's own words
    seg(page, "ruin every family").hover()
    words = page.locator("#tip .tip-words").all_inner_texts()
    assert sorted(words) == ["“ruin every family”", "“will ruin every family in the city”"]
    assert "threshold" in page.inner_text("#tip")
    # the legend isolates one technique, a second click shows all again
    page.locator('#legend .isolate[data-label="Loaded_Language"]').click()
    assert "2 of 5" in page.inner_text("#visible-count")
    assert page.locator('#legend .isolate[data-label="Loaded_Language"]').get_attribute("aria-pressed") == "true"
    assert page.locator("#article-text .mark:visible").count() == 2  # paragraphs 1 and 2
    shot(page, tmp_path, "reading-isolated")
    page.locator('#legend .isolate[data-label="Loaded_Language"]').click()
    assert "5 of 5" in page.inner_text("#visible-count")
    # quotations are marked inline with their speaker
    assert page.locator(".qs").first.inner_text() == "Ann Lee ▸"
    assert page.locator(".inq", has_text="for working people").count() >= 1
    # a span table row jumps to its words in the text
    page.locator("#span-table a.jump", has_text="Everyone knows").click()
    assert page.evaluate("document.activeElement.textContent") == "Everyone knows"
    # the threshold box can be unticked (every span at its own confidence)
    page.locator("#use-thresholds").uncheck()
    assert "5 of 5" in page.inner_text("#visible-count")
    # provenance and the permalink
    permalink = page.locator("#permalink").get_attribute("href")
    assert permalink and "?analysis=" in permalink
    page.locator("#permalink").click()
    page.wait_for_url("**?analysis=*")
    assert "Cite this analysis" in page.inner_text("#provenance")


def test_dashboard_filters_and_time_switch(page: Any, site: ThreadServer, tmp_path: Path) -> None:  # noqa: F811
    page.goto(f"{site.base}/dashboard")
    page.select_option("#f-outlet", "The Bugle")
    page.click("#dashboard-form button[type=submit]")
    page.wait_for_url("**/dashboard?*outlet=The+Bugle*")
    assert page.locator("#per-outlet tbody tr").count() == 1
    page.click("#over-time .switch a:has-text('week')")
    page.wait_for_url("**every=week*")
    assert page.locator("#over-time .switch a.on").first.inner_text() == "week"
    # weeks from 2024-01-15 to 2024-03-04: 8 points per line, empty weeks included
    assert page.locator("#over-time polyline").first.get_attribute("points").count(",") == 8
    csv_link = page.locator("#over-time a.csv").get_attribute("href")
    assert "outlet=The+Bugle" in csv_link and "every=week" in csv_link
    body = httpx.get(site.base + csv_link)
    assert body.status_code == 200 and body.text.startswith("week,technique,count")
    shot(page, tmp_path, "dashboard-bugle-weekly")


def test_analyze_progress_and_unsaved_result_link(page: Any, site: ThreadServer) -> None:  # noqa: F811
    page.goto(f"{site.base}/analyze")
    page.fill("#a-text", "Some plan.\nA disaster again.")
    page.evaluate("document.querySelector('form.analyze').addEventListener('submit', e => e.preventDefault())")
    page.click("form.analyze button[type=submit]")
    assert page.locator("#analyze-progress").is_visible()
    assert page.locator("form.analyze button[type=submit]").is_disabled()
    page.goto(f"{site.base}/analyze")
    page.fill("#a-text", "Some plan.\nA disaster again.")
    page.fill("#a-outlet", "Nowhere Times")
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector("#analyze-notice")
    assert page.locator(".article-head a.outlet").count() == 0  # no link to an outlet that does not exist
    page.locator("#analyze-notice a").click()
    page.wait_for_url("**/analyze/results/*")
    assert page.locator("#article-text .hl").count() == 1


def test_search_marks_matched_words(page: Any, site: ThreadServer) -> None:  # noqa: F811
    page.goto(f"{site.base}/search?q=harbour")
    assert page.locator(".snippet mark").count() >= 1
    assert {m.lower() for m in page.locator(".snippet mark").all_inner_texts()} == {"harbour"}


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_and_is_shot(
    browser: Any, site: ThreadServer, ids: dict[str, str], tmp_path: Path, width: int  # noqa: F811
) -> None:
    art = ids["Harbour tax plan will ruin every family"]
    paths = {
        "home": "/",
        "article": f"/articles/{art}",
        "search": "/search?q=harbour",
        "dashboard": "/dashboard",
        "outlets": "/outlets",
        "outlet": "/outlets/Daily%20Planet",
        "compare": f"/compare?a={art}&b={ids['Council approves harbour tax after long debate']}",
        "techniques": "/techniques",
        "spans": "/spans?technique=Loaded_Language",
        "analyze": "/analyze",
        "docs": "/docs",
    }
    context = browser.new_context(viewport={"width": width, "height": 900} if width > 390 else PHONE)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for name, path in paths.items():
            pg.goto(site.base + path)
            shot(pg, tmp_path, f"{name}-{width}")
            assert pg.evaluate("document.documentElement.scrollWidth") <= width, name
    finally:
        context.close()
    assert errors == []
