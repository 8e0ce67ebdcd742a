"""``spinscope ingest`` and ``spinscope export`` run as a user runs them (subprocesses),
with only the model-free ``paragraphs`` analyzer so the tests need no trained models."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.cli import main
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FAST = ["--analyzers", "paragraphs", "--language", "en"]


def spinscope(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        check=False,
    )


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "flood.txt").write_text(
        "Valley flood\n\nHeavy rain flooded the valley on Monday. The mayor visited the shelters.\n", encoding="utf-8"
    )
    (folder / "tax.txt").write_text(
        "Carbon tax row\n\nThe carbon tax is a disaster, critics said on Tuesday.\n", encoding="utf-8"
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"title": "Cat mayor", "text": "Local cat elected mayor.", "published": "2022-01-01T12:00:00Z"})
        + "\n"
        + json.dumps({"title": "Dog protest", "text": "Dogs demand a recount.", "published": "2022-02-01T12:00:00Z"})
        + "\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow  # over 5 s (pytest --durations=0)
def test_ingest_is_idempotent_and_reports_failures(tmp_path: Path, articles: Path):
    db = str(tmp_path / "corpus.db")
    first = spinscope("ingest", str(articles), "--db", db, "--outlet", "Herald", *FAST)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("4 stored, 0 skipped, 0 reanalysed, 0 failed")

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    again = spinscope(
        "ingest",
        str(articles),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "missing.txt"),
        "--db",
        db,
        "--quiet",
        *FAST,
    )
    assert again.returncode == 1
    assert again.stdout.startswith("0 stored, 4 skipped, 0 reanalysed, 2 failed")
    failures = again.stderr.strip().splitlines()
    assert len(failures) == 2
    assert any("empty.txt" in line for line in failures) and any("missing.txt" in line for line in failures)

    exported = spinscope("export", "--db", db, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == 4 and {r["outlet"] for r in rows} == {"Herald"}
    assert rows[0]["title"] == "Dog protest"  # newest first


def test_resuming_an_ingest_skips_stored_articles_before_analysis(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from spinscope.analyze.pipeline import Pipeline

    analysed: list[str] = []
    real_call = Pipeline.__call__

    def spy(self: Pipeline, batch: list) -> list:
        analysed.extend(a.source for a in batch)
        return real_call(self, batch)

    monkeypatch.setattr(Pipeline, "__call__", spy)
    db = str(tmp_path / "corpus.db")
    assert main(["ingest", str(articles), "--db", db, "--quiet", *FAST]) == 0
    assert len(analysed) == 4
    (articles / "new.txt").write_text("A new story\n\nThe council met on Friday.\n", encoding="utf-8")
    analysed.clear()
    capsys.readouterr()
    assert main(["ingest", str(articles), "--db", db, "--quiet", *FAST]) == 0
    assert analysed == [str(articles / "new.txt")]  # only the new text went through the analyzers
    assert capsys.readouterr().out.startswith("1 stored, 4 skipped, 0 reanalysed, 0 failed")
    analysed.clear()
    assert main(["ingest", str(articles), "--db", db, "--quiet", "--analyzers", "paragraphs,dates", "--language", "en"]) == 0
    assert len(analysed) == 5  # other analyzers = other model versions: analysed again
    assert capsys.readouterr().out.startswith("0 stored, 0 skipped, 5 reanalysed")


@pytest.mark.slow  # over 5 s (pytest --durations=0)
def test_ingest_the_examples_then_export_every_format(tmp_path: Path):
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is absent")
    db = str(tmp_path / "corpus.db")
    done = spinscope("ingest", str(EXAMPLES), "--db", db, "--quiet", "--analyzers", "paragraphs")
    assert done.returncode == 0, done.stderr
    n = int(done.stdout.split()[0])
    assert n >= 3

    out = tmp_path / "corpus.jsonl"
    jsonl = spinscope("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert jsonl.returncode == 0, jsonl.stderr
    assert f"{n} articles written" in jsonl.stderr
    dicts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(dicts) == n and all(d["paragraphs"] for d in dicts)
    assert len({d["outlet"] for d in dicts}) >= 2

    parquet = tmp_path / "corpus.parquet"
    assert spinscope("export", "--db", db, "-f", "parquet", "-o", str(parquet)).returncode == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == n


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _export_ids(capsys: pytest.CaptureFixture[str], db: str, *filters: str) -> list[str]:
    code, out, err = run_cli(capsys, "export", "--db", db, "--format", "csv", *filters)
    assert code == 0, err
    return [r["title"] for r in csv.DictReader(io.StringIO(out))]


def test_export_filters(tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "corpus.db")
    code, _, err = run_cli(capsys, "ingest", str(articles), "--db", db, "--quiet", *FAST)
    assert code == 0, err
    assert _export_ids(capsys, db, "--query", "carbon") == ["Carbon tax row"]
    assert _export_ids(capsys, db, "--since", "2022-01-01", "--until", "2022-01-31") == ["Cat mayor"]
    assert _export_ids(capsys, db, "--language", "fr") == []
    assert _export_ids(capsys, db, "--technique", "Doubt") == []


def test_export_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "corpus.db")
    with pytest.raises(SystemExit) as exc:
        main(["export", "--db", db, "--format", "csv", "--since", "yesterday"])
    assert exc.value.code == 2
    code, _, err = run_cli(capsys, "export", "--db", db, "--format", "csv", "--query=-only")
    assert code == 2 and "at least one word" in err
    code, _, err = run_cli(capsys, "export", "--db", "mysql://x@y/z", "--format", "csv")
    assert code == 2 and "unsupported database URL" in err


def test_ingest_into_postgresql(request: pytest.FixtureRequest, articles: Path, capsys: pytest.CaptureFixture[str]):
    url = request.getfixturevalue("postgres_url")
    code, out, err = run_cli(capsys, "ingest", str(articles), "--db", url, "--quiet", *FAST)
    assert code == 0, err
    assert out.startswith("4 stored")
    code, out, _ = run_cli(capsys, "ingest", str(articles / "tax.txt"), "--db", url, "--quiet", *FAST)
    assert out.startswith("0 stored, 1 skipped")
    code, out, _ = run_cli(capsys, "export", "--db", url, "--format", "jsonl", "--query", "valley")
    assert code == 0 and [json.loads(line)["title"] for line in out.splitlines()] == ["Valley flood"]
