"""`spinscope analyze` end to end: formats, --out, exit statuses, bad inputs in a batch."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FAST = ["--analyzers", "paragraphs"]  # reader + output contract, without loading models


def _n_examples() -> int:
    """Articles in examples/ as the readers see them (one per file, one per JSON line)."""
    from spinscope.ingest import read

    return sum(len(read(str(p))) for p in sorted(EXAMPLES.iterdir()))


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_contract(capsys):
    code, out, err = _run(capsys, "analyze", str(EXAMPLES), *FAST, "--quiet")
    assert code == 0, err
    data = json.loads(out)
    assert len(data) == _n_examples() >= 3
    for obj in data:
        for key in ("id", "title", "published", "author", "outlet", "url", "language", "text", "genre", "frames",
                    "paragraphs", "techniques", "entities", "quotes", "dates"):
            assert key in obj
        for p in obj["paragraphs"]:
            assert obj["text"][p["start"]:p["end"]].strip()
    outlets = {o["outlet"] for o in data}
    assert {"Meridian Wire", "The Lantern"} <= outlets


def test_jsonl_and_out_file(capsys, tmp_path):
    target = tmp_path / "out.jsonl"
    code, out, _ = _run(capsys, "analyze", str(EXAMPLES), *FAST, "--format", "jsonl", "--out", str(target))
    assert code == 0 and out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == _n_examples() and all(json.loads(line)["text"] for line in lines)
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temp file left behind


def test_bad_inputs_fail_alone(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A perfectly ordinary article about the weather in the hills.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, out, err = _run(capsys, "analyze", str(good), str(tmp_path / "empty.txt"), str(tmp_path / "image.txt"),
                          str(tmp_path / "missing.txt"), *FAST, "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 1 and "weather in the hills" in out
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("image.txt" in line and "binary" in line for line in lines)
    assert any("missing.txt" in line for line in lines)


def test_failed_batch_keeps_an_existing_out_file_intact(capsys, tmp_path):
    target = tmp_path / "results.json"
    target.write_text("previous results", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["analyze", str(EXAMPLES), "--format", "nonsense", "--out", str(target)])
    assert info.value.code == 2
    assert target.read_text(encoding="utf-8") == "previous results"
    code, _, _ = _run(capsys, "analyze", str(EXAMPLES), "--analyzers", "no_such_analyzer", "--out", str(target))
    assert code == 2
    assert target.read_text(encoding="utf-8") == "previous results"


def test_usage_error_exit_status(capsys):
    with pytest.raises(SystemExit) as info:
        main(["analyze"])
    assert info.value.code == 2


def test_semeval_formats(capsys, tmp_path):
    (tmp_path / "article42.txt").write_text("Headline\n\nFirst body line.\n\nSecond body line.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "analyze", str(tmp_path), *FAST, "--format", "semeval-st3")
    assert code == 0
    assert out.splitlines() == ["42\t1\t", "42\t3\t", "42\t5\t"]
    code, out, _ = _run(capsys, "analyze", str(tmp_path), *FAST, "--format", "semeval-st1")
    assert out.startswith("42\t")


def test_semeval_st3_covers_every_template_row(capsys, semeval_dir, tmp_path):
    folder = semeval_dir / "en" / "train-articles-subtask-3"
    ids = sorted(p.stem for p in folder.glob("article*.txt"))[:5]
    for stem in ids:
        (tmp_path / f"{stem}.txt").write_bytes((folder / f"{stem}.txt").read_bytes())
    code, out, _ = _run(capsys, "analyze", str(tmp_path), *FAST, "--format", "semeval-st3", "--quiet")
    assert code == 0
    predicted = {tuple(line.split("\t")[:2]) for line in out.splitlines()}
    template = semeval_dir / "en" / "train-labels-subtask-3.template"
    wanted = {stem[len("article"):] for stem in ids}
    expected = {tuple(row.split("\t")[:2]) for row in template.read_text(encoding="utf-8").splitlines() if row.split("\t")[0] in wanted}
    assert predicted == expected


def test_text_format_shows_spans_and_legend(capsys, tmp_path):
    from spinscope.model import Article, TechniqueSpan
    from spinscope.render import write

    text = "Title\n\nThe corrupt elite will ruin us all."
    start = text.index("corrupt elite")
    article = Article(text=text, title="Title", techniques=[TechniqueSpan("Name_Calling-Labeling", start, start + 13, "corrupt elite", 0.91, "quoted", "Ann Lee")])
    import io

    buffer = io.StringIO()
    write([article], "text", buffer)
    rendered = buffer.getvalue()
    assert "[1 corrupt elite]" in rendered
    assert "Name_Calling-Labeling" in rendered and "quoted: Ann Lee" in rendered and "0.91" in rendered
    assert "Legend" in rendered


def test_text_format_hides_spans_under_their_threshold_like_the_page(capsys, tmp_path):
    """One rule for both reading views (spinscope.confidence.shown): a span whose score is
    under its technique's decision threshold is left out of --format text, as the web page's
    default filter leaves it out; --all-spans shows it; JSON always carries it."""
    import io

    from spinscope import confidence
    from spinscope.model import Article, TechniqueSpan
    from spinscope.render import write

    limit = confidence.thresholds()["Name_Calling-Labeling"]
    assert 0 < limit < 1, "the shipped bundle has a name-calling threshold"
    text = "Title\n\nThe corrupt elite and the lazy clique will ruin us all."
    spans = [TechniqueSpan("Name_Calling-Labeling", text.index("corrupt elite"), text.index("corrupt elite") + 13,
                           "corrupt elite", round(limit + 0.01, 3), "author"),
             TechniqueSpan("Name_Calling-Labeling", text.index("lazy clique"), text.index("lazy clique") + 11,
                           "lazy clique", round(limit - 0.01, 3), "author")]
    assert [confidence.shown(s) for s in spans] == [True, False]

    def rendered(**kwargs: bool) -> str:
        buffer = io.StringIO()
        write([Article(text=text, title="Title", techniques=list(spans))], "text", buffer, **kwargs)
        return buffer.getvalue()

    default, everything = rendered(), rendered(all_spans=True)
    assert "[1 corrupt elite]" in default and "lazy clique]" not in default
    assert "1 span under its technique's decision threshold not shown" in default
    assert "[2 lazy clique]" in everything and "decision threshold not shown" not in everything
    buffer = io.StringIO()
    write([Article(text=text, title="Title", techniques=list(spans))], "json", buffer)
    assert len(json.loads(buffer.getvalue())[0]["techniques"]) == 2


def test_all_spans_flag_reaches_the_text_renderer(capsys, tmp_path, monkeypatch):
    import spinscope.render as render

    seen = {}

    def fake_write(articles, fmt, out, *, color=False, all_spans=False):
        seen["all_spans"] = all_spans
        return len(list(articles))

    monkeypatch.setattr("spinscope.cli.analyze.write", fake_write)
    path = tmp_path / "a.txt"
    path.write_text("A short text about a council meeting.", encoding="utf-8")
    assert _run(capsys, "analyze", str(path), "--format", "text", "--all-spans", *FAST)[0] == 0
    assert seen == {"all_spans": True}
    assert render.write is not fake_write  # only the CLI's name was replaced


@pytest.mark.slow  # over 5 s (pytest --durations=0)
def test_stdin_through_the_real_console_script(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", "-", *FAST, "--format", "jsonl"],
        input=b"Text given on standard input, long enough to be an article.",
        capture_output=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["source"] == "<stdin>"
