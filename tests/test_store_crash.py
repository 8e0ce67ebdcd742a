"""A store survives a killed writer, and writers/readers in parallel processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import text

from spinscope.store import SearchQuery, open_store
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # kills and spawns writer processes

WRITER = textwrap.dedent(
    """
    import sys
    from spinscope.model import Article, Genre, TechniqueSpan
    from spinscope.store import open_store

    url, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = open_store(url)
    for i in range(first, last):
        body = f"Story {i}: the council was accused of a shameful cover-up."
        article = Article(
            text=body,
            title=f"Story {i}",
            genre=Genre("reporting", {"reporting": 1.0}),
            techniques=[TechniqueSpan("Loaded_Language", body.index("shameful"), body.index("shameful") + 8, "shameful", 0.9)],
            models={"techniques": "1"},
        )
        result = store.add(article, outlet="Outlet %d" % (i % 3))
        print(result.status, flush=True)
    store.close()
    """
)


ORPHAN_QUERIES = (
    # an article whose latest analysis is missing or belongs to another article
    "SELECT count(*) FROM articles a LEFT JOIN analyses an "
    "ON an.id = a.latest_analysis_id AND an.article_pk = a.pk WHERE an.id IS NULL",
    "SELECT count(*) FROM analyses an LEFT JOIN articles a ON a.pk = an.article_pk WHERE a.pk IS NULL",
    "SELECT count(*) FROM techniques t LEFT JOIN analyses an ON an.id = t.analysis_id WHERE an.id IS NULL",
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("postgres_url")


def _writer(url: str, first: int, last: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(first), str(last)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_consistent(url: str) -> int:
    """Every article points at one of its own analyses; no orphans; the FTS index agrees."""
    with open_store(url) as store, store._engine.connect() as conn:
        n = store.count()
        for orphans in ORPHAN_QUERIES:
            assert conn.execute(text(orphans)).scalar_one() == 0, orphans
        assert conn.execute(text("SELECT count(*) FROM techniques")).scalar_one() == n
        if store.dialect == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"))
        assert store.search(SearchQuery(text="shameful", limit=0)).total == n
        return n


def test_killed_ingest_leaves_a_consistent_store_and_resumes(url: str):
    total = 400
    proc = _writer(url, 0, total)
    assert proc.stdout is not None
    done = 0
    for _line in proc.stdout:
        done += 1
        if done >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    before = _check_consistent(url)
    assert done <= before < total  # what was acknowledged is there; the kill stopped it early

    rerun = _writer(url, 0, total)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    statuses = out.split()
    assert statuses.count("skipped") == before
    assert statuses.count("stored") == total - before
    assert _check_consistent(url) == total


def test_parallel_writers_store_each_text_once(url: str):
    open_store(url).close()  # migrate once up front
    writers = [_writer(url, 0, 60), _writer(url, 30, 90)]
    outputs = []
    for proc in writers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outputs.extend(out.split())
    assert outputs.count("stored") == 90 and outputs.count("skipped") == 30
    assert _check_consistent(url) == 90


def test_readers_see_committed_articles_while_a_writer_runs(url: str):
    open_store(url).close()
    proc = _writer(url, 0, 300)
    seen: list[int] = []
    with open_store(url) as reader:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            seen.append(reader.search(SearchQuery(outlet="Outlet 1", limit=5)).total)
            reader.technique_stats()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert seen, "the reader never read while the writer ran"
    assert seen == sorted(seen)  # never goes backwards
    assert _check_consistent(url) == 300
