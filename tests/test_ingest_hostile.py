"""Hostile input (issue 8): feeds that name files, bad character references, garbled
declarations, bad JSON Lines fields, special files, links out of the folder; the title
rule; reading bytes without a file."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from spinscope.errors import InputError, InputTooLargeError, MalformedInputError, SpinscopeError
from spinscope.ingest import ReadOptions, expand_sources, iter_bytes, read_bytes, read_source, read_text
from spinscope.model import compose_text, split_title, title_line

RSS = (
    '<?xml version="1.0"{decl}?><rss version="2.0"><channel><title>The Herald{ref}</title>'
    "<item><title>Bridge opens{ref}</title><description>The bridge opened on Monday{ref}, the mayor said.</description></item>"
    "</channel></rss>"
)


def _errors(items: list) -> list[SpinscopeError]:
    return [i for i in items if isinstance(i, SpinscopeError)]


def _articles(items: list) -> list:
    return [a for i in items if not isinstance(i, SpinscopeError) for a in i[1]]


# --- the title rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "text"),
    [
        ("Bridge opens", "The bridge opened.", "Bridge opens\n\nThe bridge opened."),
        ("Bridge opens", "Bridge opens\n\nThe bridge opened.", "Bridge opens\n\nThe bridge opened."),
        ("Bridge opens", "Bridge opens\nThe bridge opened.", "Bridge opens\n\nThe bridge opened."),
        ("  Bridge\n opens ", "\n\nThe bridge opened.\n", "Bridge opens\n\nThe bridge opened."),
        ("Bridge opens", "Bridge opens", "Bridge opens"),
        (None, "The bridge opened.", "The bridge opened."),
        ("   ", "The bridge opened.", "The bridge opened."),
    ],
)
def test_compose_text_puts_the_title_on_line_one_then_a_blank_line(title, body, text):
    assert compose_text(title, body) == text
    assert compose_text(title, text) == text  # composing twice changes nothing
    if title_line(title):
        assert split_title(text, title) == ("" if text == "Bridge opens" else "The bridge opened.")


def test_split_title_leaves_a_text_without_that_title_alone():
    assert split_title("Other words\n\nBody.", "Bridge opens") == "Other words\n\nBody."
    assert split_title("Body.", None) == "Body."


def test_every_reader_follows_the_title_rule(tmp_path):
    body = "The bridge opened on Monday after years of delays, the mayor said."
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "Bridge\nopens", "text": body}) + "\n")
    (tmp_path / "b.rss").write_text(RSS.format(decl="", ref=""))
    (tmp_path / "c.html").write_text(f"<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1><p>{body}</p></article></body></html>")
    (tmp_path / "d.txt").write_text(f"Title: Bridge opens\n\n{body}\n")
    articles = _articles(list(read_source(str(tmp_path))))
    assert len(articles) == 4
    for article in articles:
        assert article.title == "Bridge opens", article.source
        assert article.text.startswith("Bridge opens\n\n"), article.source
        assert not article.text.startswith("Bridge opens\n\nBridge opens"), article.source
    pasted = read_text(body, title="Bridge opens")
    assert pasted.text == f"Bridge opens\n\n{body}"


# --- read_bytes -----------------------------------------------------------------------


def test_read_bytes_picks_the_format_by_name_and_names_the_input():
    lines = json.dumps({"text": "First story, long enough to count."}) + "\n" + json.dumps({"text": "Second story here."})
    articles = read_bytes(lines.encode(), "upload.jsonl")
    assert [a.source for a in articles] == ["upload.jsonl:1", "upload.jsonl:2"]
    assert read_bytes(b"Plain words of a pasted article.", "notes.txt")[0].source == "notes.txt"
    with pytest.raises(InputTooLargeError) as info:
        read_bytes(b"x" * 100, "big.txt", ReadOptions(max_bytes=10))
    assert info.value.source == "big.txt"


# --- item 1: feed content is parsed, never opened ----------------------------------------


@pytest.mark.parametrize("content", [b"/etc/passwd", b"/dev/zero", b"file:///etc/passwd", b"http://127.0.0.1:9/feed"])
def test_feed_content_naming_a_path_is_never_opened(tmp_path, content, monkeypatch):
    secret = tmp_path / "secret.rss"
    secret.write_text(RSS.format(decl="", ref="").replace("The Herald", "SECRET"))
    if content == b"/etc/passwd":
        content = str(secret).encode()
    import builtins

    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        assert file != content and file != content.decode(), "the feed's content was opened as a path"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    items = list(iter_bytes(content, "feed.rss"))
    assert not _articles(items)
    assert all("SECRET" not in str(e) for e in _errors(items))


def test_feed_max_bytes_holds(tmp_path):
    path = tmp_path / "big.rss"
    path.write_bytes(RSS.format(decl="", ref="x" * 5000).encode())
    (error,) = _errors(list(read_source(str(path), ReadOptions(max_bytes=1000))))
    assert isinstance(error, InputTooLargeError) and error.source == str(path)


# --- item 3: one bad input never kills a batch ------------------------------------------


@pytest.mark.parametrize("ref", ["&#99999999;", "&#xD800;", "&#55296;", "&#x110000;", "&#0;", "&#x" + "F" * 30 + ";"])
def test_bad_character_references_in_feeds(ref):
    (article,) = read_bytes(RSS.format(decl="", ref=ref).encode(), "x.rss")
    assert "\ufffd" in article.text and article.title.startswith("Bridge opens")


@pytest.mark.parametrize("decl", [' encoding="garbage\xff"', ' encoding="x-unknown-\xf1"', ' encoding="rot13"', ' encoding="utf-32"'])
def test_garbled_encoding_declarations(decl):
    (article,) = read_bytes(RSS.format(decl=decl, ref="").encode("latin-1"), "x.rss")
    assert article.text.startswith("Bridge opens\n\nThe bridge opened on Monday")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "a' + "[" * 50 + '"}', None),
        ('{"text": "lone \\ud800 surrogate"}', "lone surrogate (U+D800)"),
        ('{"text": "fine", "title": "lone \\udfff"}', 'field "title" contains a lone surrogate'),
        ('{"text": "nul \\u0000 here"}', "NUL character"),
        ('{"text": "fine", "outlet": ["x"]}', 'field "outlet" must be a string, not a list'),
        ('{"text": "fine", "title": 123}', 'field "title" must be a string, not a number'),
        ('{"text": "fine", "published": {"y": 1}}', 'field "published" must be a string, not an object'),
        ('{"text": "fine", "id": true}', 'field "id" must be a string or an integer'),
        ('{"text": 5}', '"text" field'),
        ('{"text": "x", "id": 12}', None),
    ],
)
def test_bad_jsonl_lines_are_named_and_the_rest_is_read(tmp_path, line, reason):
    good = json.dumps({"text": "A good article, with enough words to read."})
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{good}\n{line}\n{good}\n", encoding="utf-8")
    items = list(read_source(str(path)))
    articles = _articles(items)
    if reason is None:
        assert len(articles) == 3 and not _errors(items)
        return
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3"]
    (error,) = _errors(items)
    assert isinstance(error, MalformedInputError)
    assert error.source == f"{path}:2" and reason in error.message


def test_pasted_text_with_a_lone_surrogate_is_an_error_not_an_article():
    with pytest.raises(MalformedInputError, match="lone surrogate") as info:
        read_text("bad \ud800 text", source="<text>")
    assert info.value.source == "<text>"


# --- item 7: special files, unreadable folders, links out of the folder -----------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_in_a_folder_is_reported_not_opened(tmp_path):
    (tmp_path / "a.txt").write_text("A good article, with enough words to read.")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(read_source(str(tmp_path)))  # would block forever if the FIFO were opened
    assert len(_articles(items)) == 1
    (error,) = _errors(items)
    assert error.source == str(tmp_path / "pipe.txt") and "not a regular file" in error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_given_directly_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (error,) = _errors(list(read_source(str(tmp_path / "pipe"))))
    assert "FIFO" in error.message


def test_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("A good article, with enough words to read.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Hidden article text.")
    real_scandir = os.scandir

    def scandir(path):  # chmod 0 does not lock root out, so the refusal is simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_source(str(tmp_path)))
    assert len(_articles(items)) == 1
    (error,) = _errors(items)
    assert error.source == str(locked) and error.message == "cannot list the folder: Permission denied"
    assert expand_sources([str(tmp_path)]) == [str(tmp_path)]  # stays one source, so the CLI reports it


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_really_unreadable_sub_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        (error,) = _errors(list(read_source(str(tmp_path))))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert error.source == str(locked)


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET article text that must not be read.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A good article, with enough words to read.")
    (folder / "inner.txt").symlink_to(folder / "a.txt")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "leakdir").symlink_to(outside, target_is_directory=True)
    items = list(read_source(str(folder)))
    assert all("SECRET" not in a.text for a in _articles(items))
    assert len(_articles(items)) == 2  # a.txt and the link inside the folder
    sources = sorted(e.source or "" for e in _errors(items))
    assert sources == [str(folder / "leak.txt"), str(folder / "leakdir")]
    assert all("outside" in e.message for e in _errors(items))
    assert all(isinstance(e, InputError) for e in _errors(items))


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "99999", "0999-05-05"])
def test_unusable_publish_dates_are_dropped_not_stored(published):
    line = json.dumps({"text": "A good article, with enough words to read.", "published": published})
    (article,) = read_bytes(line.encode(), "dates.jsonl")
    assert article.published is None


def test_usable_publish_dates_are_kept():
    line = json.dumps({"text": "A good article, with enough words to read.", "published": "2021-11-23T21:37:00+03:30"})
    (article,) = read_bytes(line.encode(), "dates.jsonl")
    assert article.published is not None and article.published.year == 2021
