"""Readers: plain text (SemEval layout, scraped headers), HTML, feeds, JSON Lines, folders, stdin, URLs."""

import io
import json
import sys
from datetime import datetime

import pytest

from spinscope.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from spinscope.ingest import ReadOptions, read, read_source, read_text
from spinscope.ingest.decode import decode

SCRAPED = (
    "News ID: 555\n"
    "Publish Date : 2 March 2024 - 08:05\n\n\n"
    "By: Jane Roe\n\n"
    "The minister said on Tuesday that the bridge would open soon, despite the delays.\n"
    "Critics were not convinced by the promise.\n\n"
    "* Comment:\n"
    "first!!\n"
)


def test_scraped_headers_become_metadata_and_leave_the_text():
    article = read_text(SCRAPED, source="x.txt")
    assert article.published == datetime(2024, 3, 2, 8, 5)
    assert article.author == "Jane Roe"
    assert article.text.startswith("The minister said on Tuesday")
    assert "News ID" not in article.text and "Comment" not in article.text and "first!!" not in article.text
    assert article.text.endswith("not convinced by the promise.")
    assert article.language == "en"


def test_semeval_layout_keeps_the_text_verbatim(tmp_path):
    body = "A short headline here\n\nFirst paragraph of the body, long enough.\n\nSecond one.\n"
    path = tmp_path / "article123456.txt"
    path.write_text(body, encoding="utf-8")
    article = read(str(path))[0]
    assert article.id == "123456"
    assert article.title == "A short headline here"
    assert article.text == body.rstrip()  # offsets of the official span files stay valid


def test_semeval_offsets_index_the_text(semeval_dir):
    folder = semeval_dir / "en" / "train-articles-subtask-3"
    spans = semeval_dir / "en" / "train-labels-subtask-3-spans" / "article111111111-labels-subtask-3.txt"
    article = read(str(folder / "article111111111.txt"))[0]
    raw = (folder / "article111111111.txt").read_text(encoding="utf-8")
    for line in spans.read_text().splitlines():
        _, _, start, end = line.split("\t")
        assert article.text[int(start):int(end)] == raw[int(start):int(end)]


def test_seed_metadata(seeds_dir):
    second = read(str(next(seeds_dir.glob("001_*.txt"))))[0]
    assert second.published == datetime(2021, 11, 23, 21, 37)
    assert second.author and "Kayhan" in second.author
    for junk in ("News ID", "Publish Date", "By:", "* Comment"):
        assert junk not in second.text
    first = read(str(next(seeds_dir.glob("000_*.txt"))))[0]
    assert first.text.startswith("A senior leader of Iraq")
    assert first.language == "en"


HTML = """<!DOCTYPE html><html><head><title>Bridge opens at last</title>
<meta name="author" content="Sam Poe"><meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2024-05-01T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Bridge opens at last</h1>
<p>The long-delayed bridge finally opened on Monday, three years behind schedule and far over budget.</p>
<p>Residents lined the river to watch the first cars cross, and the mayor cut a red ribbon.</p>
</article><footer>Copyright Example Daily</footer></body></html>"""


def test_html_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read(str(path))[0]
    assert article.title == "Bridge opens at last"
    assert article.author == "Sam Poe"
    assert article.outlet == "Example Daily"
    assert article.published is not None and article.published.date().isoformat() == "2024-05-01"
    assert article.text.startswith("Bridge opens at last\n\nThe long-delayed bridge")
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.text.count("Bridge opens at last") == 1


def test_malformed_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><script>var x = 1;</script></div></body></html>", encoding="utf-8")
    items = list(read_source(str(path)))
    assert len(items) == 1 and isinstance(items[0], MalformedInputError)
    assert "broken.html" in str(items[0])


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Feed</title><language>en-gb</language>
<item><title>First story</title><link>https://example.org/1</link><author>a@example.org (Ann)</author>
<pubDate>Tue, 23 Nov 2021 21:37:00 GMT</pubDate>
<description>&lt;p&gt;The council met on Monday to discuss the budget for next year.&lt;/p&gt;</description></item>
<item><title>Empty story</title><link>https://example.org/2</link><description></description></item>
<item><title>Second story</title><link>https://example.org/3</link>
<description>Protesters gathered outside the ministry demanding answers about the contract.</description></item>
</channel></rss>"""


def test_rss_feed(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_source(str(path)))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [a for i in items if isinstance(i, tuple) for a in i[1]]
    assert [a.title for a in articles] == ["First story", "Second story"]
    assert articles[0].outlet == "Example Feed" and articles[0].url == "https://example.org/1"
    assert articles[0].published is not None and articles[0].published.isoformat().startswith("2021-11-23T21:37")
    assert articles[0].text == "First story\n\nThe council met on Monday to discuss the budget for next year."
    assert len(errors) == 1 and "Empty story" in str(errors[0])


def test_atom_feed(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title>
    <entry><title>Atom story</title><link href="https://example.org/atom/1"/><updated>2024-01-02T03:04:05Z</updated>
    <content type="html">&lt;p&gt;One paragraph of the atom story about the harbour.&lt;/p&gt;&lt;p&gt;And a second paragraph.&lt;/p&gt;</content></entry></feed>"""
    path = tmp_path / "feed.atom"
    path.write_text(atom, encoding="utf-8")
    article = read(str(path))[0]
    assert article.outlet == "Atom Outlet" and article.url == "https://example.org/atom/1"
    assert article.text.endswith("harbour.\nAnd a second paragraph.")


def test_malformed_feed(tmp_path):
    path = tmp_path / "bad.rss"
    path.write_text("<?xml version='1.0'?><rss><channel><title>x</title><item><title>unclosed", encoding="utf-8")
    items = list(read_source(str(path)))
    assert len(items) == 1 and isinstance(items[0], MalformedInputError)
    assert "bad.rss" in str(items[0])


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "Body one is here and it is fine.", "title": "One", "outlet": "O1", "published": "2024-02-03T04:05:06Z", "url": "https://e.org/1", "id": "j1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "Body two, with its own words.", "outlet": "O2"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_source(str(path)))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    articles = [a for i in items if isinstance(i, tuple) for a in i[1]]
    assert [a.outlet for a in articles] == ["O1", "O2"]
    assert articles[0].id == "j1" and articles[0].text == "One\n\nBody one is here and it is fine."
    assert articles[0].published is not None and articles[0].published.year == 2024
    assert len(errors) == 3
    assert any("batch.jsonl:2" in e and "invalid JSON" in e for e in errors)
    assert any("batch.jsonl:3" in e and "text" in e for e in errors)


def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article text is right here.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Nested article text is right here.", encoding="utf-8")
    (tmp_path / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    sources = [i[0] for i in read_source(str(tmp_path)) if isinstance(i, tuple)]
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["a.txt", "c.txt"]


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Text from a pipe, long enough to read.")))
    items = list(read_source("-"))
    assert items[0][0] == "<stdin>" and items[0][1][0].text == "Text from a pipe, long enough to read."


def test_outlet_and_language_overrides(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ein kurzer deutscher Text über die Stadt und ihren Hafen.", encoding="utf-8")
    assert read(str(path))[0].language == "de"
    article = read(str(path), ReadOptions(outlet="Der Bote", language="xx"))[0]
    assert article.outlet == "Der Bote" and article.language == "xx"


# --- bad input ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\n\t ", EmptyInputError),
        (b"%PDF-1.7 binary stuff", BinaryInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInputError),
        (b"abc\x00def\x00ghi", BinaryInputError),
        (bytes(range(1, 31)) * 20, BinaryInputError),
    ],
)
def test_bad_bytes(data, error):
    with pytest.raises(error) as info:
        decode(data, "in.txt", limit=1000)
    assert info.value.source == "in.txt"


def test_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    items = list(read_source(str(path), ReadOptions(max_bytes=1000)))
    assert isinstance(items[0], InputTooLargeError) and "huge.txt" in str(items[0]) and "limit" in str(items[0])


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre a déclaré que la réforme était «nécessaire» et très attendue.", "cp1252"),
        ("قال المتحدث باسم الحركة إن القوات الأجنبية يجب أن تغادر البلاد فورا دون أي تأخير.", "cp1256"),
        ("The “quoted” words – and an em dash — survive UTF-16.", "utf-16"),
        ("UTF-8 with a byte-order mark: naïve café.", "utf-8-sig"),
    ],
)
def test_legacy_encodings_are_decoded(text, encoding):
    assert decode(text.encode(encoding), "x.txt", limit=10_000) == text


def test_undecodable_bom_says_so():
    with pytest.raises(DecodingError):
        decode(b"\xff\xfe" + b"\x00\xd8", "x.txt", limit=100)  # UTF-16 BOM + lone surrogate


def test_missing_file_names_it(tmp_path):
    items = list(read_source(str(tmp_path / "nope.txt")))
    assert isinstance(items[0], InputError) and "nope.txt" in str(items[0]) and "no such file" in str(items[0])
