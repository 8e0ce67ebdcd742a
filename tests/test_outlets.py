"""Outlet names normalised in one place (store/outlets.py): the store, the statistics, the
outlet filter and page see one outlet however it is spelled; migration 0007 merges the
outlets an older store kept twice."""

from __future__ import annotations

from datetime import UTC, datetime

from spinscope.store import SearchQuery, open_store
from spinscope.store.outlets import outlet_display, outlet_key
from tests.test_store import make_article

SPELLINGS = ["The Northbridge Herald", "Northbridge Herald", "  northbridge   HERALD ", "THE\tNorthbridge Herald"]


def test_one_key_for_every_spelling_and_a_tidy_display() -> None:
    assert {outlet_key(s) for s in SPELLINGS} == {"northbridge herald"}
    assert outlet_key("The Hill") != outlet_key("Hill Times")
    assert outlet_key("The") == "the"  # a name that is only "The" keeps it
    assert outlet_display("  The  Guardian ") == "The Guardian"
    assert outlet_display("   ") is None and outlet_display(None) is None


def _articles():
    return [
        make_article(
            f"Body number {i} about the harbour strike.",
            title=f"Strike day {i}",
            outlet=name,
            published=datetime(2026, 3, i + 1, tzinfo=UTC),
            techniques=(("Loaded_Language", "harbour strike", "author"),),
        )
        for i, name in enumerate(SPELLINGS)
    ]


def test_the_store_stats_and_filters_see_one_outlet(tmp_path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.add_many(_articles()[:2])
        for a in _articles()[2:]:
            store.add(a)  # the one-by-one writer too
        outlets = store.outlets()
        assert [(o.name, o.n_articles) for o in outlets] == [("The Northbridge Herald", 4)]  # first spelling shown
        for spelling in SPELLINGS:
            assert store.search(SearchQuery(outlet=spelling)).total == 4
        rows = store.technique_stats(by="outlet")
        assert {r["outlet"] for r in rows} == {"The Northbridge Herald"}
        assert sum(r["count"] for r in rows) == 4


def test_migration_0007_merges_outlets_an_older_store_kept_twice(tmp_path) -> None:
    from alembic import command
    from sqlalchemy import text

    from spinscope.store.engine import _alembic_config

    path = tmp_path / "old.db"
    first, second = _articles()[:2]
    with open_store(path) as store:
        store.add(first)
        store.add(second, outlet="Placeholder Weekly")
        config = _alembic_config()
        with store._engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")  # the schema before outlet keys
            # an older writer kept a second spelling as an outlet of its own
            conn.execute(text("UPDATE outlets SET name = 'Northbridge  herald' WHERE name = 'Placeholder Weekly'"))
            assert conn.execute(text("SELECT count(*) FROM outlets")).scalar() == 2
    with open_store(path) as store:  # opening migrates to head: one outlet, the first stored
        assert [(o.name, o.n_articles) for o in store.outlets()] == [("The Northbridge Herald", 2)]
        store.add(_articles()[2])
        assert store.search(SearchQuery(outlet="northbridge herald")).total == 3
