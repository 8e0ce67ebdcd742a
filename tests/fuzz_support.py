"""A seeded generator of hostile inputs for the fuzz suite (tests/test_fuzz.py).

Every case is ``(file name, bytes)``, made from one ``random.Random(seed)``, so a
failure names the seed that rebuilds it. Families: random bytes, text in many encodings
(some declared wrongly), plain text with control characters / long punctuation runs /
quote walls, RSS and Atom feeds (bad character references, garbled encoding
declarations, content that is a path, entity tricks), HTML (broken, deeply nested,
scripts), JSON Lines (deep nesting, lone surrogates, non-string fields, bad JSON).
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable

WORDS = ["the", "minister", "said", "on", "Monday", "that", "a", "bridge", "would", "open", "soon", "despite", "delays", "critics", "were", "not", "convinced", "by", "promise", "flood", "valley", "mayor", "council", "tax", "disaster", "according", "to", "officials"]
NAMES = ["John Smith", "Maria Lopez", "the United Nations (UN)", "Ahmed Karimi", "Li Wei", "NATO"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "koi8-r", "shift_jis", "gb18030", "cp437"]
CHAR_REFS = ["&#99999999;", "&#xD800;", "&#55296;", "&#x110000;", "&#0;", "&#x1;", "&#65;", "&#xFFFE;", "&#" + "9" * 40 + ";", "&amp;", "&bogus;", "&#x;"]
NASTY = ['"' * 300, "'" * 300, "\u201c" * 100, "!" * 500, "." * 400, "(" * 200, "\u00ab" * 50, "-" * 300, "\t" * 50, "\u200b" * 100, "\ufeff", "\x0c", "\u2028", "\ud7ff", "\U0001f600" * 30]


def words(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.05:
            out.append(rng.choice(NASTY))
        elif r < 0.12:
            out.append(rng.choice(NAMES))
        elif r < 0.16:
            out.append(f"\u201c{rng.choice(WORDS)} {rng.choice(WORDS)},\u201d {rng.choice(NAMES)} said")
        else:
            out.append(rng.choice(WORDS))
    return " ".join(out)


def prose(rng: random.Random) -> str:
    paragraphs = [words(rng, rng.randint(1, 40)) for _ in range(rng.randint(1, 6))]
    sep = rng.choice(["\n", "\n\n", "\r\n", "\r", "\n \n"])
    return sep.join(paragraphs)


def _text(rng: random.Random) -> tuple[str, bytes]:
    text = prose(rng)
    if rng.random() < 0.3:
        text = rng.choice(["Title: ", "News ID: 5\nPublish Date : ", "By: ", ""]) + text
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors="replace")
    return rng.choice(["a.txt", "b.md", "noext", "c.text"]), data


def _bytes(rng: random.Random) -> tuple[str, bytes]:
    size = rng.choice([0, 1, 2, 7, 100, 3000])
    head = rng.choice([b"", b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"{", b"<rss", b"<?xml"])
    return rng.choice(["x.txt", "x.rss", "x.jsonl", "x.html", "x"]), head + bytes(rng.randrange(256) for _ in range(size))


def _mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(0, 4)):
        if not data:
            break
        op, at = rng.random(), rng.randrange(len(data))
        if op < 0.4:
            data[at] = rng.randrange(256)
        elif op < 0.7:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = rng.choice([b"\x00", b"\xed\xa0\x80", b"\xc3", b"]]>", b"<!--", b"&", b"\xff\xfe", b'"', b"\n"])
    return bytes(data)


def _feed(rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.08:  # content that names a file or device: must be parsed, never opened
        return "feed.rss", rng.choice([b"/etc/passwd", b"/dev/zero", b"file:///etc/hostname", b"/proc/self/environ", b"."])
    decl = rng.choice(['<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="garbage\xff"?>', '<?xml version="1.0" encoding="utf-16"?>', '<?xml version="1.0" encoding="rot13"?>', ""])
    doctype = rng.choice(["", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'])
    entities = "".join(
        f"<item><title>{words(rng, 4)}{rng.choice(CHAR_REFS)}</title><link>http://x.test/{i}</link>"
        f"<description>{rng.choice(['', '&lt;p&gt;'])}{words(rng, rng.randint(0, 30))}{rng.choice(CHAR_REFS + ['&x;', '&b;', ''])}</description>"
        f"<pubDate>{rng.choice(['Mon, 06 Sep 2021 16:45:00 GMT', 'yesterday', '99/99/9999', ''])}</pubDate></item>"
        for i in range(rng.randint(0, 4))
    )
    atom = rng.random() < 0.3
    body = (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T{rng.choice(CHAR_REFS)}</title>{entities.replace("item>", "entry>")}</feed>'
        if atom
        else f'<rss version="2.0"><channel><title>Outlet{rng.choice(CHAR_REFS)}</title><language>{rng.choice(["en", "xx-yy", ""])}</language>{entities}</channel></rss>'
    )
    data = (decl + doctype + body).encode(rng.choice(["utf-8", "latin-1", "utf-16"]), errors="replace")
    return rng.choice(["f.rss", "f.atom", "f.xml", "feed"]), _mutate(rng, data) if rng.random() < 0.4 else data


def _html(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice([1, 5, 2000])
    inner = "<div>" * depth + f"<p>{words(rng, rng.randint(0, 60))}</p>" + "</div>" * rng.choice([depth, 0])
    page = rng.choice(["<!doctype html>", ""]) + f"<html><head><title>{words(rng, 3)}</title><script>alert(1)</script></head><body><article><h1>{words(rng, 3)}</h1>{inner}</article></body></html>"
    data = page.encode(rng.choice(["utf-8", "cp1252", "utf-16"]), errors="replace")
    return rng.choice(["p.html", "p.htm", "p.xhtml", "page"]), _mutate(rng, data) if rng.random() < 0.4 else data


def _json_value(rng: random.Random) -> object:
    return rng.choice([None, 123, 1.5e308, True, [], ["x"], {"a": 1}, "ok", "", "\ud800", "a\u0000b", words(rng, 3), "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "2021-11-23"])


def _jsonl(rng: random.Random) -> tuple[str, bytes]:
    lines = []
    for _ in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.1:
            lines.append("[" * rng.choice([10, 5000, 200000]) + "]" * rng.choice([0, 10]))
        elif r < 0.2:
            lines.append(rng.choice(['{"text": ', "{", "null", "[1,2]", '"text"', "{'text': 'x'}", "NaN", '{"text": "\\ud800"}']))
        else:
            record: dict[str, object] = {"text": words(rng, rng.randint(0, 30)) if rng.random() < 0.8 else _json_value(rng)}
            for key in ("title", "outlet", "author", "url", "published", "language", "id"):
                if rng.random() < 0.4:
                    record[key] = _json_value(rng) if rng.random() < 0.5 else words(rng, 2)
            lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    return rng.choice(["l.jsonl", "l.ndjson", "lines"]), data


FAMILIES: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "text": _text,
    "bytes": _bytes,
    "feed": _feed,
    "html": _html,
    "jsonl": _jsonl,
}


def case(seed: int) -> tuple[str, str, bytes]:
    """``(family, file name, bytes)`` of case ``seed``."""
    rng = random.Random(seed)
    family = rng.choice(sorted(FAMILIES))
    name, data = FAMILIES[family](rng)
    stem, dot, suffix = name.rpartition(".")
    unique = f"{stem or suffix}-{seed}{dot}{suffix if stem else ''}"
    return family, "".join(c for c in unique if c in string.ascii_letters + string.digits + "-_."), data
