"""The analyst's workbench (issue 10) through the app, in process: reading view data,
provenance and permalinks, dashboard filters/rates/time axis/CSV, statements counted once,
the spans view, search headings and highlights, the analyze flow, /docs and /techniques."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from spinscope.model import Article, split_paragraphs
from spinscope.serve import ServeOptions, create_app, dashboard, reading
from spinscope.serve.snippets import marks
from spinscope.store import SearchQuery, open_store

from .serve_support import build_store, corpus, make_article
from .test_serve import BASE, assert_error, fake_analyzer

UNTITLED_BODY = "Harbour cranes stood idle all week as the strike went on.\nDockers said nothing would change."


def extra_articles() -> list[Article]:
    """An untitled article, and one in June (a gap of empty months) whose spokesman's
    indirect quote holds a partial quote of the same statement, and whose second quote's
    speaker was taken from the title line."""
    untitled = Article(
        text=UNTITLED_BODY,
        outlet="The Bugle",
        published=datetime(2024, 3, 20, 9),
        language="en",
        source="test",
        paragraphs=split_paragraphs(UNTITLED_BODY),
        models={"test": "hand-1"},
    )
    june = make_article(
        "Witnesses Council Meeting",
        "Spokesman Bo Lund said the plan was a total disaster for the harbour.\n"
        '"Nobody asked us," one resident said.',
        outlet="Daily Planet",
        published="2024-06-02T09:00:00",
        quotes=(
            ("the plan was a total disaster for the harbour", "indirect", "Bo Lund"),
            ("a total disaster", "partial", "Bo Lund"),
            ("Nobody asked us,", "direct", "Witnesses Council Meeting"),
        ),
    )
    june.quotes[2].speaker_start, june.quotes[2].speaker_end = 0, 9  # "Witnesses" in the title line
    return [untitled, june]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build_store(tmp_path_factory.mktemp("workbench") / "c.db", corpus() + extra_articles())
    with TestClient(base_url=BASE, app=create_app(db, ServeOptions(analyzer=fake_analyzer))) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str | None, str]:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return {item["title"]: item["id"] for item in items}


# -- reading view -------------------------------------------------------------------------


def test_families_cover_every_technique_in_catalog_order() -> None:
    from spinscope.catalog import TECHNIQUES

    assert {reading.family(k) for k in TECHNIQUES} == set(reading.FAMILIES)
    assert reading.family("Made_Up") == "other"
    # colours follow the catalogue, which lists techniques family by family
    families = [reading.family(k) for k in TECHNIQUES]
    assert families == sorted(families, key=reading.FAMILIES.index)


def test_thresholds_and_reliability_come_from_the_model_folder(tmp_path: Path) -> None:
    (tmp_path / "persuasion.json").write_text(json.dumps({"techniques": {"labels": ["Doubt", "Slogans"]}}))
    np.savez(tmp_path / "persuasion.npz", **{"techniques.unit_thresholds": np.array([0.25, 0.5])})
    assert reading.thresholds(tmp_path) == {"Doubt": 0.25, "Slogans": 0.5}
    assert reading.reliability(tmp_path) == {}  # never measured: nothing made up
    doc = {"protocol": "F1 on the holdout", "techniques": {"Doubt": {"f1": 0.123456, "support": 7}}}
    (tmp_path / "reliability.json").write_text(json.dumps(doc))
    reading.reliability.cache_clear()
    assert reading.reliability(tmp_path)["techniques"]["Doubt"]["f1"] == 0.123456
    assert reading.thresholds(tmp_path / "missing") == {}


def test_nested_quotations_are_one_statement_and_titles_give_no_speaker() -> None:
    june = extra_articles()[1]
    assert reading.outer_quotes(june.quotes, len(june.text)) == [0, 2]
    assert reading.speaker_of(june.quotes[0], june.title) == "Bo Lund"
    assert reading.speaker_of(june.quotes[2], june.title) is None


def test_article_page_marks_quotes_paragraphs_and_thresholds(client: TestClient, ids: dict) -> None:
    html = client.get(f"/articles/{ids['Harbour tax plan will ruin every family']}").text
    assert 'class="qs" data-q="0">Ann Lee ▸' in html
    assert html.count('class="mark ') == 5  # paragraph 1: three techniques, 2: one, 3: one
    assert 'id="use-thresholds" checked' in html
    data = json.loads(html.split('id="span-data">', 1)[1].split("</script>", 1)[0])
    assert {"family", "threshold", "f1", "text"} <= set(data["spans"][0])
    june = client.get(f"/articles/{ids['Witnesses Council Meeting']}").text
    assert june.count('class="qs"') == 2 and "unattributed ▸" in june  # partial quote drawn once


# -- provenance ---------------------------------------------------------------------------


def test_provenance_and_permalink_to_an_older_analysis(tmp_path: Path) -> None:
    art = corpus()[0]
    url = build_store(tmp_path / "p.db", [art])
    with open_store(url) as store:
        art.models = {"test": "hand-2"}
        art.techniques = art.techniques[:1]
        assert store.add(art).status == "reanalysed"
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer))) as c:
        latest = c.get(f"/articles/{art.id}.json").json()["provenance"]
        assert latest["latest"] and latest["n_analyses"] == 2 and latest["models"] == {"test": "hand-2"}
        older = latest["analysis_id"] - 1
        cited = c.get(f"/articles/{art.id}.json", params={"analysis": older}).json()
        assert cited["provenance"]["permalink"] == f"/articles/{art.id}?analysis={older}"
        assert cited["provenance"]["latest"] is False
        assert len(cited["article"]["techniques"]) == 5 and cited["article"]["models"] == {"test": "hand-1"}
        page = c.get(cited["provenance"]["permalink"]).text
        assert "Cite this analysis" in page and "an older one" in page and "planet.example/harbour-tax" in page


# -- dashboard ----------------------------------------------------------------------------


def test_time_axis_is_continuous() -> None:
    assert dashboard.axis("2024-01-15", "2024-04-02", "month") == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert dashboard.axis("2024-01-17", "2024-01-30", "week") == ["2024-01-15", "2024-01-22", "2024-01-29"]
    assert len(dashboard.axis("2024-02-27", "2024-03-01", "day")) == 4  # a leap year
    assert dashboard.bucket("2024-01-21", "week") == "2024-01-15"  # a Sunday belongs to Monday's week


def test_rates_voices_and_empty_months(client: TestClient) -> None:
    data = client.get("/dashboard.json").json()
    planet = [r for r in data["techniques_by_outlet"] if r["outlet"] == "Daily Planet"]
    # Daily Planet: 4 articles; Loaded_Language 2 + 1 spans
    loaded = next(r for r in planet if r["technique"] == "Loaded_Language")
    assert loaded["count"] == 3 and loaded["articles_in_outlet"] == 4 and loaded["per_article"] == 0.75
    voices = {(r["outlet"], r["voice"]): r["count"] for r in data["voices_by_outlet"]}
    assert voices[("Daily Planet", "author")] == 7 and voices[("Daily Planet", "quoted")] == 2
    assert voices[("The Bugle", "author")] == 0 and voices[("The Bugle", "quoted")] == 1
    months = sorted({r["month"] for r in data["techniques_over_time"]})
    assert months == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    april = [r for r in data["techniques_over_time"] if r["month"] == "2024-04"]
    assert april and all(r["count"] == 0 and r["n_articles"] == 0 for r in april)
    frames = {(r["outlet"], r["frame"]): r["share"] for r in data["frames_by_outlet"]}
    assert frames[("Daily Planet", "Economic")] == 0.25  # 1 of its 4 articles, not a share of labels


def test_words_are_counted_for_rates(tmp_path: Path) -> None:
    art = make_article("T", "one two three four\nfive six seven eight nine", outlet="O", published="2024-01-01",
                       techniques=(("Loaded_Language", "two", 0.9, "author", None),))
    with open_store(build_store(tmp_path / "w.db", [art])) as store:
        assert store.article_stats(by="outlet") == [{"outlet": "O", "n_articles": 1, "n_words": 10}]
        rows = dashboard.techniques_by_outlet(store, SearchQuery())
        assert rows[0]["per_1000_words"] == 100.0


def test_dashboard_filters_are_the_search_filters(client: TestClient) -> None:
    data = client.get("/dashboard.json", params={"outlet": "The Bugle", "min_score": "0.6"}).json()
    assert data["filters"] == {"outlet": "The Bugle", "min_score": 0.6}
    assert {r["outlet"] for r in data["techniques_by_outlet"]} == {"The Bugle"}
    assert client.get("/dashboard.json", params={"genre": "opinion"}).json()["frames_by_outlet"]
    html = client.get("/dashboard", params={"outlet": "The Bugle", "every": "week"}).text
    assert 'name="min_score"' in html and "/dashboard/data/techniques_over_time.csv?outlet=The+Bugle&amp;every=week" in html
    assert_error(client.get("/dashboard.json", params={"every": "year"}), 400, "usage_error")
    assert_error(client.get("/dashboard.json", params={"min_score": "lots"}), 400, "usage_error")
    assert_error(client.get("/dashboard.json", params={"min_score": "2"}), 400, "usage_error")


def test_each_chart_has_csv_and_json(client: TestClient) -> None:
    for name in dashboard.DATASETS:
        as_json = client.get(f"/dashboard/data/{name}.json", params={"every": "week"}).json()
        as_csv = client.get(f"/dashboard/data/{name}.csv", params={"every": "week"})
        assert as_csv.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert len(rows) == len(as_json["rows"]) > 0, name
    assert_error(client.get("/dashboard/data/nothing.json"), 404, "not_found")
    assert dashboard.to_csv([{"a": "=SUM(A1)", "b": None, "c": 2}]) == "a,b,c\n'=SUM(A1),,2\n"


def test_statements_are_counted_once_and_titles_are_no_speakers(client: TestClient) -> None:
    rows = client.get("/dashboard/data/who_quotes_whom.json", params={"outlet": "Daily Planet"}).json()["rows"]
    lund = next(r for r in rows if r["speaker"] == "Bo Lund")
    assert lund["n_quotes"] == 1  # the indirect quote and the partial quote inside it: one statement
    assert all(r["speaker"] != "Witnesses Council Meeting" for r in rows)  # a headline is no speaker


# -- spans view and search ----------------------------------------------------------------


def test_spans_view_lists_every_span_with_its_sentence(client: TestClient) -> None:
    page = client.get("/spans.json", params={"technique": "Loaded_Language"}).json()
    assert page["total"] == 4 and len(page["items"]) == 4
    first = page["items"][0]
    assert first["text"] == "shameful" and first["after"] == " delays."
    assert first["before"] == "Only a fool would trust the bridge crew after years of "
    filtered = client.get("/spans.json", params={"technique": "Loaded_Language", "voice": "quoted", "outlet": "The Bugle"})
    assert filtered.json()["total"] == 1
    exported = list(csv.DictReader(io.StringIO(client.get("/spans.csv", params={"technique": "Loaded_Language"}).text)))
    assert len(exported) == 4 and exported[0]["sentence"] == "Only a fool would trust the bridge crew after years of shameful delays."
    html = client.get("/spans", params={"technique": "Loaded_Language"}).text
    assert '<mark class="hl-span">shameful</mark>' in html
    assert "Choose a technique" in client.get("/spans").text


def test_untitled_articles_have_one_heading_everywhere(client: TestClient, ids: dict) -> None:
    heading = "Harbour cranes stood idle all week as the strike went on. Dockers said nothing…"
    assert client.get("/").text.count(heading) == 1
    search = client.get("/search", params={"q": "dockers"}).text
    assert heading in search and "<mark>Dockers</mark>" in search
    assert f">{heading}</h1>" in client.get(f"/articles/{ids[None]}").text


def test_snippet_marks_are_escaped() -> None:
    assert str(marks("<b>tax</b> taxes", "tax")) == "&lt;b&gt;<mark>tax</mark>&lt;/b&gt; taxes"
    assert str(marks("tax cut, taxes", '"tax cut" -taxes')) == "<mark>tax cut</mark>, taxes"


# -- analyze flow, docs, techniques --------------------------------------------------------


def test_analyze_messages_and_links(tmp_path: Path) -> None:
    url = build_store(tmp_path / "a.db", corpus()[:1])
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer))) as c:
        form = {"text": "A plan.\nWhat a disaster.", "outlet": "Kayhan (pasted)"}
        unsaved = c.post("/analyze", data=form).text
        assert "not saved to the corpus" in unsaved and "/outlets/Kayhan" not in unsaved
        link = unsaved.split('stays at <a href="', 1)[1].split('"', 1)[0]
        assert link.startswith("/analyze/results/")
        assert "What a <span" in c.get(link).text or "disaster" in c.get(link).text
        assert c.get(link + ".json").json()["article"]["text"] == "A plan.\nWhat a disaster."
        assert_error(c.get("/analyze/results/nope.json"), 404, "not_found")
        first = c.post("/analyze", data={**form, "save": "1"}).text
        assert "saved to the corpus as a new article" in first and 'href="/outlets/Kayhan%20%28pasted%29"' in first
        again = c.post("/analyze", data={**form, "save": "1"}).text
        assert "Already in the corpus, analysed by the same models" in again and "skipped as" not in again


def test_docs_render_markdown_and_body_schemas(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "`" not in html and "<code>" in html
    body = html.split('id="post-/api/analyze"', 1)[1].split('<div class="op"', 1)[0]
    for field in ("text", "title", "url", "outlet", "save"):
        assert f"<code>{field}</code>" in body
    assert "boolean" in body and "see the schema" not in html


def test_techniques_page_shows_family_threshold_and_reliability(client: TestClient) -> None:
    data = client.get("/techniques.json").json()
    doubt = next(t for t in data["techniques"] if t["name"] == "Doubt")
    assert doubt["family"] == "attack on reputation"
    assert doubt["threshold"] == reading.thresholds().get("Doubt")
    measured = reading.reliability().get("techniques", {}).get("Doubt")
    assert doubt["f1"] == (None if measured is None else round(measured["f1"], 3))
    html = client.get("/techniques").text
    row = html.split('id="t-Doubt"', 1)[1].split("</tr>", 1)[0]
    assert ("not measured" in row) == (measured is None)
    for label in reading.reliability().get("no_support", []):
        unmeasured = next(t for t in data["techniques"] if t["name"] == label)
        assert unmeasured["f1"] is None  # no gold example in the holdout: not measured, not "0.00"
        assert "not measured" in html.split(f'id="t-{label}"', 1)[1].split("</tr>", 1)[0]


# -- actors through their aliases -----------------------------------------------------------


def _pmu() -> Article:
    return make_article(
        "Units move north",
        "The Popular Mobilization Units moved north. The PMU said the move was planned.",
        outlet="O",
        published="2024-01-01T00:00:00",
        entities=(("Popular Mobilization Units", "ORG", ("Popular Mobilization Units", "PMU")),),
    )


def test_actor_filter_finds_aliases_and_canonical_names(tmp_path: Path) -> None:
    url = build_store(tmp_path / "pmu.db", [_pmu()])
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer))) as c:
        for name in ("PMU", "pmu", "Popular Mobilization Units"):
            assert c.get("/search.json", params={"entity": name}).json()["total"] == 1, name
        assert c.get("/search.json", params={"entity": "PM"}).json()["total"] == 0


def test_alias_migration_fills_stored_analyses(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    build_store(path, [_pmu()])
    with sqlite3.connect(path) as db:  # back to the schema before aliases were stored
        db.execute("DROP TABLE entity_aliases")
        for table in ("actor_names", "actor_blocks", "actor_evidence", "actor_decisions"):  # migration 0006
            db.execute(f"DROP TABLE {table}")
        db.execute("UPDATE alembic_version SET version_num = '0004'")
    with open_store(str(path)) as store:
        assert store.search(SearchQuery(entity="PMU")).total == 1


def test_a_saved_result_cites_its_stored_analysis(tmp_path: Path) -> None:
    url = build_store(tmp_path / "s.db", [])
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer))) as c:
        html = c.post("/analyze", data={"text": "A plan.\nA disaster.", "save": "1"}).text
        cite = html.split('id="permalink" href="', 1)[1].split('"', 1)[0]
        assert "?analysis=" in cite and "not stored" not in html
        assert c.get(cite.replace("?analysis=", ".json?analysis=")).json()["provenance"]["permalink"] == cite


def test_migration_clears_speakers_taken_from_titles(tmp_path: Path) -> None:
    import sqlite3

    june = extra_articles()[1]
    path = tmp_path / "titles.db"
    build_store(path, [june])
    with sqlite3.connect(path) as db:  # as stored before: the headline words as a speaker
        db.execute("UPDATE quotes SET speaker = 'Witnesses Council Meeting' WHERE speaker IS NULL")
        db.execute("DROP TABLE entity_aliases")
        for table in ("actor_names", "actor_blocks", "actor_evidence", "actor_decisions"):  # migration 0006
            db.execute(f"DROP TABLE {table}")
        db.execute("UPDATE alembic_version SET version_num = '0004'")
    with open_store(str(path)) as store:
        assert {r["speaker"] for r in store.who_quotes_whom()} == {"Bo Lund"}


def test_new_pages_escape_hostile_corpus(tmp_path: Path) -> None:
    from .serve_support import PAYLOADS, hostile_articles
    from .test_serve import audit_html

    url = build_store(tmp_path / "h.db", hostile_articles())
    with TestClient(base_url=BASE, app=create_app(url, ServeOptions(analyzer=fake_analyzer))) as c:
        paths = ["/spans?technique=Loaded_Language", f"/spans?technique={PAYLOADS[0]}", "/dashboard?every=day",
                 "/search?q=pwned", "/techniques", "/docs"]
        for path in paths:
            html = c.get(path).text
            assert audit_html(html) == [], path
            assert "<script>window.__pwned" not in html, path
        rows = list(csv.DictReader(io.StringIO(c.get("/spans.csv", params={"technique": "Loaded_Language"}).text)))
        assert len(rows) == len(PAYLOADS)
