"""The corpus store on SQLite and on a real PostgreSQL server: add, get, history,
search, statistics, export, migrations."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from spinscope.errors import NotFoundError, StoreError, UsageError
from spinscope.model import Article, Entity, Genre, Label, Mention, Quote, TechniqueSpan
from spinscope.store import SearchQuery, Store, open_store, resolve_url
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", "postgresql"]


def make_article(
    body: str,
    *,
    title: str = "A title",
    outlet: str | None = None,
    published: datetime | None = None,
    language: str = "en",
    genre: str | None = "reporting",
    frames: tuple[str, ...] = (),
    techniques: tuple[tuple[str, str, str], ...] = (),  # (label, words, voice)
    entities: tuple[tuple[str, str, str], ...] = (),  # (canonical, type, words)
    quotes: tuple[tuple[str, str], ...] = (),  # (words, speaker)
    models: dict[str, str] | None = None,
) -> Article:
    """An article whose spans point at the given words of ``body``."""
    text = f"{title}\n\n{body}"

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    spans = []
    for label, words, voice in techniques:
        s, e = at(words)
        spans.append(TechniqueSpan(label, s, e, words, 0.8, voice, "Someone" if voice == "quoted" else None))
    ents = []
    for canonical, kind, words in entities:
        s, e = at(words)
        ents.append(Entity(canonical, kind, [Mention(s, e, words)], [words]))
    qs = []
    for words, speaker in quotes:
        s, e = at(words)
        qs.append(Quote(s, e, words, "direct", speaker))
    return Article(
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        language=language,
        genre=Genre(genre, {genre: 0.9} if genre else {}),
        frames=[Label(f, 0.7) for f in frames],
        techniques=spans,
        entities=ents,
        quotes=qs,
        models=models if models is not None else {"techniques": "1.0", "genre": "1.0"},
    )


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url: str):
    with open_store(store_url) as opened:
        yield opened


CARBON = make_article(
    "The carbon tax is a disaster, said Anna Berg. Farmers are furious about the climate plan.",
    title="Carbon tax row",
    published=datetime(2021, 3, 4, 9, 30, tzinfo=UTC),
    genre="opinion",
    frames=("Economic", "Political"),
    techniques=(
        ("Loaded_Language", "a disaster", "quoted"),
        ("Loaded_Language", "furious", "author"),
        ("Doubt", "climate plan", "author"),
    ),
    entities=(("Anna Berg", "PERSON", "Anna Berg"), ("Farmers", "NORP", "Farmers")),
    quotes=(("The carbon tax is a disaster", "Anna Berg"),),
)
FLOOD = make_article(
    "Heavy rain flooded the valley on Monday. Anna Berg visited the shelters.",
    title="Valley flood",
    published=datetime(2021, 4, 12),
    frames=("Health_and_safety",),
    techniques=(("Appeal_to_Fear-Prejudice", "Heavy rain", "author"),),
    entities=(("Anna Berg", "PERSON", "Anna Berg"),),
)
SATIRE = make_article(
    "Local cat elected mayor; dogs demand a recount of the carbon ballots.",
    title="Cat mayor",
    published=datetime(2022, 1, 1, 12),
    language="de",
    genre="satire",
    frames=("Political",),
    techniques=(("Exaggeration-Minimisation", "demand a recount", "author"),),
    quotes=(("demand a recount", "Dog Union"),),
)


@pytest.fixture
def corpus(store: Store) -> Store:
    store.add(CARBON, outlet="Herald")
    store.add(FLOOD, outlet="Herald")
    store.add(SATIRE, outlet="Lantern")
    return store


# -- opening -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@h:notaport/db",
        "postgresql://u@h:99999999/db",
        "postgresql://u@127.0.0.1:1/db",
        "postgresql://u@[not-a-host/db",
    ],
)
def test_a_bad_postgresql_url_is_a_clear_error(url: str, capsys: pytest.CaptureFixture[str]):
    from spinscope.cli import main

    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert "\n" not in message and "sqlalche.me" not in message
    assert "invalid database URL" in message or "cannot open the store" in message
    assert main(["export", "--db", url, "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spinscope: error: ") and "Traceback" not in err


def test_resolve_url_forms(tmp_path):
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("sqlite:///rel.db") == "sqlite:///rel.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(None).endswith("spinscope.db")
    with pytest.raises(UsageError):
        resolve_url("mysql://u@h/db")


def test_open_bad_postgres_url_is_a_store_error():
    with pytest.raises(StoreError):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_reopen_keeps_data_and_schema(store_url: str):
    with open_store(store_url) as first:
        first.add(CARBON)
    with open_store(store_url) as second:
        assert second.count() == 1
        assert second.get(CARBON.id).title == "Carbon tax row"


def test_migrations_match_the_schema(store: Store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from spinscope.store.engine import current_revision, head_revision
    from spinscope.store.schema import metadata

    assert current_revision(store._engine) == head_revision()
    with store._engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = [
            d
            for d in compare_metadata(ctx, metadata)
            # the full-text index lives outside the metadata (FTS5 table / tsv column)
            if not any("fts" in str(part) or "tsv" in str(part) or "alembic_version" in str(part) for part in d)
            # PostgreSQL reflects "published DESC NULLS LAST" as an expression alembic cannot compare
            and not (store.dialect == "postgresql" and "ix_articles_newest" in str(d))
        ]
    assert diff == []


# -- add / get / history -----------------------------------------------------


def test_add_is_idempotent_and_keeps_history(store: Store):
    first = store.add(CARBON, outlet="Herald")
    assert first.status == "stored" and first.article_id == CARBON.id
    assert store.add(CARBON, outlet="Herald").status == "skipped"
    newer = Article.from_dict({**CARBON.to_dict(), "models": {"techniques": "2.0", "genre": "1.0"}})
    newer.techniques = newer.techniques[:1]
    again = store.add(newer)
    assert again.status == "reanalysed" and again.article_id == CARBON.id
    assert store.add(newer).status == "skipped"
    assert store.count() == 1

    history = store.history(CARBON.id)
    assert [h.models["techniques"] for h in history] == ["1.0", "2.0"]
    assert [h.latest for h in history] == [False, True]
    assert history[0].created_at.tzinfo is not None
    assert [h.n_techniques for h in history] == [3, 1]
    latest = store.get(CARBON.id)
    assert len(latest.techniques) == 1 and latest.outlet == "Herald"  # outlet kept
    old = store.get(CARBON.id, analysis_id=history[0].analysis_id)
    assert len(old.techniques) == 3
    # stats and search see only the latest analysis
    rows = store.technique_stats(by="outlet")
    assert sum(r["count"] for r in rows) == 1
    assert store.search(SearchQuery()).items[0].technique_counts == {"Loaded_Language": 1}


def test_get_is_lossless(store: Store):
    article = make_article(
        'Ünïcödé text with <script>alert(1)</script> & "quotes".',
        published=datetime(2020, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2))),
        techniques=(("Doubt", "<script>", "author"),),
    )
    article.author = "A. Writer"
    article.url = "https://example.org/a?b=1&c=2"
    stored = store.add(article, outlet="Planet")
    got = store.get(stored.article_id)
    expected = article.to_dict() | {"outlet": "Planet"}
    assert got.to_dict() == expected
    summary = store.search(SearchQuery()).items[0]
    assert summary.published == datetime(2020, 5, 6, 5, 8, 9)  # naive UTC in summaries
    assert "<script>alert(1)</script>" in summary.snippet  # plain text; escaping is the UI's job


def test_unknown_article_is_not_found(store: Store):
    with pytest.raises(NotFoundError):
        store.get("nope")
    with pytest.raises(NotFoundError):
        store.history("nope")


def test_same_id_other_text_gets_the_content_hash(store: Store):
    one = Article(text="first text", id="article1")
    two = Article(text="second text", id="article1")
    assert store.add(one).article_id == "article1"
    result = store.add(two)
    assert result.status == "stored" and result.article_id == two.content_hash()[:16]
    assert store.get(result.article_id).text == "second text"
    assert store.get(result.article_id).id == result.article_id


def test_add_many_is_one_transaction(store: Store):
    results = store.add_many([CARBON, FLOOD, CARBON], outlet="Herald")
    assert [r.status for r in results] == ["stored", "stored", "skipped"]
    assert store.count() == 2


# -- search --------------------------------------------------------------------


def ids(page) -> list[str]:
    return [item.id for item in page.items]


def test_search_without_text_is_newest_first(corpus: Store):
    page = corpus.search(SearchQuery())
    assert page.total == 3
    assert ids(page) == [SATIRE.id, FLOOD.id, CARBON.id]
    top = page.items[2]
    assert top.outlet == "Herald" and top.genre == "opinion" and top.language == "en"
    assert top.frames == ["Economic", "Political"]
    assert top.technique_counts == {"Doubt": 1, "Loaded_Language": 2}
    assert top.snippet.startswith("The carbon tax is a disaster")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("carbon", {"CARBON", "SATIRE"}),
        ("CARBON tax", {"CARBON"}),
        ('"tax carbon"', set()),
        ('"carbon tax"', {"CARBON"}),
        ("carb*", {"CARBON", "SATIRE"}),
        ("carbon -cat", {"CARBON"}),
        ("valley", {"FLOOD"}),  # title words count too
        ("nothing-like-this", set()),
        ("'; DROP TABLE articles; --", set()),
        ('"unbalanced', set()),
    ],
)
def test_full_text_search(corpus: Store, query: str, expected: set[str]):
    names = {CARBON.id: "CARBON", FLOOD.id: "FLOOD", SATIRE.id: "SATIRE"}
    page = corpus.search(SearchQuery(text=query))
    assert {names[i] for i in ids(page)} == expected
    assert page.total == len(expected)


def test_text_search_snippet_shows_the_match(corpus: Store):
    body = " ".join(["filler"] * 200) + " the rare zeppelin word " + " ".join(["filler"] * 200)
    corpus.add(make_article(body, title="Long"))
    item = corpus.search(SearchQuery(text="zeppelin")).items[0]
    assert "zeppelin" in item.snippet and len(item.snippet) < 600


def test_only_excluded_words_is_a_usage_error(corpus: Store):
    with pytest.raises(UsageError):
        corpus.search(SearchQuery(text="-carbon"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(outlet="Herald"), {"CARBON", "FLOOD"}),
        (SearchQuery(outlet="Nobody"), set()),
        (SearchQuery(date_from=date(2021, 4, 12)), {"FLOOD", "SATIRE"}),
        (SearchQuery(date_to=date(2021, 4, 12)), {"CARBON", "FLOOD"}),
        (SearchQuery(date_from=date(2021, 3, 4), date_to=date(2021, 3, 4)), {"CARBON"}),
        (SearchQuery(date_to=datetime(2021, 3, 4, 9, 0)), set()),
        (SearchQuery(language="de"), {"SATIRE"}),
        (SearchQuery(genre="opinion"), {"CARBON"}),
        (SearchQuery(frame="Political"), {"CARBON", "SATIRE"}),
        (SearchQuery(technique="Loaded_Language"), {"CARBON"}),
        (SearchQuery(technique="Doubt", voice="quoted"), set()),
        (SearchQuery(technique="Loaded_Language", voice="quoted"), {"CARBON"}),
        (SearchQuery(voice="quoted"), {"CARBON"}),
        (SearchQuery(entity="anna berg"), {"CARBON", "FLOOD"}),
        (SearchQuery(entity="Anna Berg", outlet="Herald", text="rain"), {"FLOOD"}),
    ],
)
def test_search_filters(corpus: Store, query: SearchQuery, expected: set[str]):
    names = {CARBON.id: "CARBON", FLOOD.id: "FLOOD", SATIRE.id: "SATIRE"}
    page = corpus.search(query)
    assert {names[i] for i in ids(page)} == expected
    assert page.total == len(expected)


def test_unknown_voice_is_a_usage_error(corpus: Store):
    with pytest.raises(UsageError):
        SearchQuery(voice="narrator")  # checked once, when the query is made


def test_pagination(store: Store):
    for day in range(1, 8):
        store.add(make_article(f"Story number {day}.", published=datetime(2021, 1, day)))
    first = store.search(SearchQuery(limit=3))
    second = store.search(SearchQuery(limit=3, offset=3))
    last = store.search(SearchQuery(limit=3, offset=6))
    assert first.total == second.total == last.total == 7
    assert len(first.items) == 3 and len(last.items) == 1
    dates = [i.published for i in first.items + second.items + last.items]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 7


# -- statistics --------------------------------------------------------------


def test_outlets(corpus: Store):
    corpus.add(make_article("No outlet here."))
    outlets = {o.name: o for o in corpus.outlets()}
    assert set(outlets) == {"Herald", "Lantern"}
    herald = outlets["Herald"]
    assert herald.n_articles == 2
    assert herald.first_published == datetime(2021, 3, 4, 9, 30)
    assert herald.last_published == datetime(2021, 4, 12)
    assert herald.genre_counts == {"opinion": 1, "reporting": 1}


def test_technique_stats(corpus: Store):
    by_outlet = corpus.technique_stats(by="outlet")
    assert {"outlet": "Herald", "technique": "Loaded_Language", "count": 2, "n_articles": 1} in by_outlet
    assert {"outlet": "Lantern", "technique": "Exaggeration-Minimisation", "count": 1, "n_articles": 1} in by_outlet
    by_month = corpus.technique_stats(SearchQuery(outlet="Herald"), by="month")
    assert {(r["month"], r["technique"], r["count"]) for r in by_month} == {
        ("2021-03", "Doubt", 1),
        ("2021-03", "Loaded_Language", 2),
        ("2021-04", "Appeal_to_Fear-Prejudice", 1),
    }
    quoted = corpus.technique_stats(SearchQuery(voice="quoted"))
    assert quoted == [{"outlet": "Herald", "technique": "Loaded_Language", "count": 1, "n_articles": 1}]
    assert corpus.technique_stats(SearchQuery(date_from=date(2022, 1, 1))) == [
        {"outlet": "Lantern", "technique": "Exaggeration-Minimisation", "count": 1, "n_articles": 1}
    ]
    with pytest.raises(UsageError):
        corpus.technique_stats(by="year")  # type: ignore[arg-type]


def test_frame_stats(corpus: Store):
    assert corpus.frame_stats(by="outlet") == [
        {"outlet": "Herald", "frame": "Economic", "count": 1},
        {"outlet": "Herald", "frame": "Health_and_safety", "count": 1},
        {"outlet": "Herald", "frame": "Political", "count": 1},
        {"outlet": "Lantern", "frame": "Political", "count": 1},
    ]
    assert {(r["month"], r["frame"]) for r in corpus.frame_stats(SearchQuery(genre="satire"), by="month")} == {
        ("2022-01", "Political")
    }


def test_every_statistic_takes_every_filter(corpus: Store):
    """The one filter type: text, frame, technique and entity narrow the statistics too."""
    assert corpus.frame_stats(SearchQuery(text="carbon")) == [
        {"outlet": "Herald", "frame": "Economic", "count": 1},
        {"outlet": "Herald", "frame": "Political", "count": 1},
        {"outlet": "Lantern", "frame": "Political", "count": 1},
    ]
    assert corpus.technique_stats(SearchQuery(text="valley")) == [
        {"outlet": "Herald", "technique": "Appeal_to_Fear-Prejudice", "count": 1, "n_articles": 1}
    ]
    assert {r["technique"] for r in corpus.technique_stats(SearchQuery(technique="Doubt"))} == {
        "Doubt",
        "Loaded_Language",
    }
    actors = corpus.top_actors(SearchQuery(entity="farmers"))
    assert {(r["canonical"], r["n_articles"]) for r in actors} == {("Anna Berg", 1), ("Farmers", 1)}
    assert corpus.who_quotes_whom(SearchQuery(frame="Economic")) == [
        {"outlet": "Herald", "speaker": "Anna Berg", "n_quotes": 1, "n_articles": 1}
    ]
    assert corpus.technique_stats(SearchQuery(text="nosuchwordanywhere")) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"voice": "narrator"},
        {"offset": 10**20},
        {"offset": -1},
        {"limit": 10**6},
        {"text": "x" * 5000},
        {"outlet": "o" * 5000},
        {"entity": "a\x00b"},
        {"date_from": "2021-01-01"},  # a string is not a date: SearchQuery.from_strings parses them
    ],
)
def test_a_query_is_checked_when_made(kwargs: dict):
    with pytest.raises(UsageError):
        SearchQuery(**kwargs)


def test_query_from_strings():
    q = SearchQuery.from_strings(
        {"q": " carbon ", "outlet": "", "date_from": "2021-03-04", "date_to": "2021-04-12T10:00:00", "other": "x"},
        limit=5,
    )
    assert q == SearchQuery(
        text="carbon", date_from=date(2021, 3, 4), date_to=datetime(2021, 4, 12, 10), limit=5
    )
    assert q.filters() == {"text": "carbon", "date_from": date(2021, 3, 4), "date_to": datetime(2021, 4, 12, 10)}
    for bad in ("2021-13-01", "tomorrow", "9" * 40):
        with pytest.raises(UsageError, match="date_to"):
            SearchQuery.from_strings({"date_to": bad})


def test_the_last_day_of_the_calendar_is_a_bound(corpus: Store):
    everything = corpus.search(SearchQuery()).total
    assert corpus.search(SearchQuery(date_to=date.max)).total == corpus.search(SearchQuery(date_from=date.min)).total
    assert corpus.search(SearchQuery(date_to=date.max)).total <= everything
    assert corpus.technique_stats(SearchQuery(date_to=date(9999, 12, 31)))
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))  # past datetime.max in UTC
    assert corpus.search(SearchQuery(date_to=late)).total <= everything


def test_repeated_and_too_many_terms(corpus: Store):
    import time

    from spinscope.store import fulltext

    start = time.perf_counter()
    page = corpus.search(SearchQuery(text=" ".join(["carbon"] * 140)))  # 140 repeats: one term
    assert page.total == corpus.search(SearchQuery(text="carbon")).total
    assert time.perf_counter() - start < 2.0
    many = " ".join(f"w{i}" for i in range(fulltext.MAX_TERMS + 1))
    with pytest.raises(UsageError, match="distinct terms"):
        corpus.search(SearchQuery(text=many))
    assert len(fulltext.parse(" ".join(f"w{i}" for i in range(fulltext.MAX_TERMS)))) == fulltext.MAX_TERMS


def test_top_actors_and_who_quotes_whom(corpus: Store):
    actors = corpus.top_actors()
    assert actors[0] == {"canonical": "Anna Berg", "type": "PERSON", "n_articles": 2, "n_mentions": 2}
    assert corpus.top_actors(SearchQuery(outlet="Lantern")) == []
    assert len(corpus.top_actors(limit=1)) == 1
    assert corpus.who_quotes_whom() == [
        {"outlet": "Herald", "speaker": "Anna Berg", "n_quotes": 1, "n_articles": 1},
        {"outlet": "Lantern", "speaker": "Dog Union", "n_quotes": 1, "n_articles": 1},
    ]
    assert corpus.who_quotes_whom(SearchQuery(outlet="Lantern"), limit=5) == [
        {"outlet": "Lantern", "speaker": "Dog Union", "n_quotes": 1, "n_articles": 1}
    ]


# -- export ------------------------------------------------------------------


def test_export_csv(corpus: Store):
    out = io.BytesIO()
    assert corpus.export(SearchQuery(outlet="Herald"), "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [r["id"] for r in rows] == [FLOOD.id, CARBON.id]
    carbon = rows[1]
    assert carbon["outlet"] == "Herald" and carbon["genre"] == "opinion"
    assert carbon["frames"] == "Economic;Political"
    assert carbon["technique:Loaded_Language"] == "2" and carbon["technique:Exaggeration-Minimisation"] == "0"
    assert carbon["published"] == "2021-03-04T09:30:00"
    assert carbon["n_entities"] == "2" and carbon["n_quotes"] == "1"
    assert json.loads(carbon["models"]) == {"genre": "1.0", "techniques": "1.0"}
    assert carbon["text"] == CARBON.text


def test_export_jsonl_is_full_articles(corpus: Store):
    out = io.BytesIO()
    assert corpus.export(SearchQuery(text="carbon", limit=1), "jsonl", out) == 2  # limit ignored
    lines = out.getvalue().decode("utf-8").splitlines()
    articles = [Article.from_dict(json.loads(line)) for line in lines]
    assert {a.id for a in articles} == {CARBON.id, SATIRE.id}
    assert next(a for a in articles if a.id == CARBON.id).to_dict() == CARBON.to_dict() | {"outlet": "Herald"}


def test_export_parquet(corpus: Store, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "corpus.parquet"
    assert corpus.export(SearchQuery(), "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert str(table.schema.field("published").type) == "timestamp[us, tz=UTC]"
    assert table.column("technique:Loaded_Language").to_pylist() == [0, 0, 2]


def test_export_empty_and_bad_format(store: Store, tmp_path):
    import pyarrow.parquet as pq

    assert store.export(SearchQuery(), "parquet", tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    with pytest.raises(UsageError):
        store.export(SearchQuery(), "xlsx", io.BytesIO())  # type: ignore[arg-type]


def test_add_many_mixes_new_known_and_colliding_ids(store: Store):
    store.add(CARBON)
    newer = Article.from_dict({**FLOOD.to_dict(), "models": {"techniques": "9"}})
    one = Article(text="first text", id="same")
    two = Article(text="second text", id="same")
    results = store.add_many([CARBON, FLOOD, one, two, newer, one])
    assert [r.status for r in results] == ["skipped", "stored", "stored", "stored", "reanalysed", "skipped"]
    assert results[2].article_id == "same" and results[3].article_id == two.content_hash()[:16]
    assert store.count() == 4
    assert len(store.history(FLOOD.id)) == 2
    assert store.search(SearchQuery(text="second")).items[0].id == results[3].article_id


def test_default_store_lives_in_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with open_store() as store:
        store.add(CARBON)
        assert store.dialect == "sqlite"
    assert (tmp_path / "data" / "spinscope" / "spinscope.db").is_file()


def test_broad_text_queries_are_newest_first(store: Store, monkeypatch):
    from spinscope.store import query

    store.add(make_article("Zebra zebra zebra zebra.", title="Zebra", published=datetime(2020, 1, 1)))
    store.add(make_article("One zebra among many other words here.", title="Other", published=datetime(2021, 1, 1)))
    assert [i.title for i in store.search(SearchQuery(text="zebra")).items] == ["Zebra", "Other"]  # relevance
    monkeypatch.setattr(query, "RANK_MAX", 1)
    page = store.search(SearchQuery(text="zebra"))
    assert page.total == 2 and [i.title for i in page.items] == ["Other", "Zebra"]  # newest first
