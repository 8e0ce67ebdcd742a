"""Fuzz suite (issue 8): generated hostile inputs through the readers, a cheap pipeline and
the ``ingest`` command.

The invariant: every input is either read (its articles are valid: storable text, the
title rule, offsets that index the text) or reported with its name and a reason; the
other inputs of the batch are unaffected; nothing raises.

CI runs ``SPINSCOPE_FUZZ_CASES`` cases (default 2,000, about a minute); ``make fuzz``
runs a million. A failure names the seed: ``tests/fuzz_support.case(seed)`` rebuilds it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.analyze.pipeline import Pipeline
from spinscope.errors import SpinscopeError
from spinscope.ingest import ReadOptions, read_source
from spinscope.ingest.validate import check_article
from spinscope.model import Article

from .fuzz_support import case

CASES = int(os.environ.get("SPINSCOPE_FUZZ_CASES", "2000"))
BATCH = 40
GOOD = "Bridge opens at last\n\nThe minister said on Monday that the bridge would open soon, despite the delays.\n"
MAX_BYTES = 200_000


def check_article_invariants(article: Article) -> None:
    check_article(article)  # storable: no lone surrogates, no NUL
    json.dumps(article.to_dict()).encode("utf-8")
    assert article.text.strip(), article.source
    if article.title:  # the title rule: line 1 is the title, then a blank line
        lines = article.text.split("\n", 2)
        assert "\n" not in article.title and lines[0].strip() == article.title, article.source
        assert len(lines) == 1 or not lines[1].strip(), article.source


def check_spans(article: Article) -> None:
    for p in article.paragraphs:
        assert article.text[p.start : p.end].strip(), article.source
    spans = [*article.quotes, *article.dates, *(m for e in article.entities for m in e.mentions)]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(article.text), article.source
        assert article.text[span.start : span.end] == span.text, (article.source, span)


def read_batch(folder: Path, seeds: range) -> tuple[list[Article], list[SpinscopeError], dict[str, int]]:
    files: dict[str, int] = {}
    for seed in seeds:
        _family, name, data = case(seed)
        (folder / name).write_bytes(data)
        files[str(folder / name)] = seed
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    articles: list[Article] = []
    errors: list[SpinscopeError] = []
    for item in read_source(str(folder), ReadOptions(max_bytes=MAX_BYTES, language="en")):
        if isinstance(item, SpinscopeError):
            errors.append(item)
        else:
            articles.extend(item[1])
    return articles, errors, files


def _owner(source: str, files: dict[str, int]) -> str | None:
    """The input file a source names (``file``, ``file:line`` or ``file#entry``)."""
    for path in files:
        if source == path or source.startswith((path + ":", path + "#")):
            return path
    return None


@pytest.mark.slow
def test_fuzz_readers_and_a_cheap_pipeline(tmp_path: Path):
    attribution = Pipeline.from_names(["paragraphs", "entities", "quotes", "dates"])
    paragraphs = Pipeline.from_names(["paragraphs"])
    sampled = 0
    for first in range(0, CASES, BATCH):
        folder = tmp_path / f"batch-{first}"
        folder.mkdir()
        seeds = range(first, min(CASES, first + BATCH))
        articles, errors, files = read_batch(folder, seeds)
        seen: set[str] = set()
        for error in errors:
            assert error.message and error.source, f"an error without a reason or a name, seeds {seeds}: {error!r}"
            owner = _owner(error.source, files)
            assert owner is not None, f"error names no input of the batch (seeds {seeds}): {error}"
            seen.add(owner)
        good = [a for a in articles if a.source == str(folder / "zz-good.txt")]
        assert len(good) == 1 and good[0].text == GOOD.rstrip(), f"the good file was affected (seeds {seeds})"
        for article in articles:
            owner = _owner(article.source or "", files)
            assert owner is not None or article is good[0], article.source
            if owner:
                seen.add(owner)
            check_article_invariants(article)
        missing = sorted(set(files) - seen)
        assert not missing, f"inputs neither read nor reported: {[(m, files[m]) for m in missing]}"
        paragraphs(articles)
        small = [a for a in articles if len(a.text) < 3000][:2] if first % (BATCH * 5) == 0 else []
        attribution(small)  # the spaCy analyzers on a sample: a parse costs ~20 ms
        sampled += len(small)
        for article in articles:
            check_spans(article)
    assert CASES < 200 or sampled > 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
@pytest.mark.timeout(60)
def test_fuzz_special_files(tmp_path: Path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET text outside the folder.")
    (folder / "good.txt").write_text(GOOD)
    os.mkfifo(folder / "fifo.txt")
    os.mkfifo(folder / "sub" / "fifo")
    (folder / "zero").symlink_to("/dev/zero")
    (folder / "out.txt").symlink_to(outside)
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a cycle inside the folder
    (folder / "big.txt").write_bytes(b"word " * 100_000)
    (folder / "empty.txt").write_bytes(b"")
    items = list(read_source(str(folder), ReadOptions(max_bytes=MAX_BYTES)))
    articles = [a for i in items if not isinstance(i, SpinscopeError) for a in i[1]]
    errors = {Path(e.source or "").name: e.message for e in items if isinstance(e, SpinscopeError)}
    assert [a.text for a in articles] == [GOOD.rstrip()]
    assert set(errors) == {"fifo.txt", "fifo", "zero", "out.txt", "broken.txt", "loop", "big.txt", "empty.txt"}
    assert "FIFO" in errors["fifo.txt"] and "outside" in errors["zero"] and "outside" in errors["out.txt"]


@pytest.mark.slow
def test_fuzz_batch_through_the_ingest_command(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = {}
    for seed in range(100_000, 100_060):
        _family, name, data = case(seed)
        (folder / name).write_bytes(data)
        files[name] = seed
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "corpus.db"
    args = ["ingest", str(folder), "--db", str(db), "--quiet", "--analyzers", "paragraphs,entities,quotes,dates", "--language", "en", "--max-bytes", str(MAX_BYTES)]
    done = subprocess.run([sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, timeout=600, check=False)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1), done.stderr[-3000:]
    for line in done.stderr.strip().splitlines():
        assert line.startswith(f"spinscope: error: {folder}"), line  # every failure names its input
    stored = int(done.stdout.split()[0])
    assert stored >= 1, done.stdout
    exported = subprocess.run([sys.executable, "-m", "spinscope", "export", "--db", str(db), "--format", "jsonl"], capture_output=True, text=True, timeout=300, check=False)
    assert exported.returncode == 0, exported.stderr[-3000:]
    rows = [json.loads(line) for line in exported.stdout.split("\n") if line]  # not splitlines(): U+2028 is text
    assert len(rows) == stored and any(r["text"] == GOOD.rstrip() for r in rows)
    for row in rows:
        check_article_invariants(Article.from_dict(row) if "schema" in row else Article(text=row["text"], title=row.get("title")))
