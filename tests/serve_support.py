"""Helpers shared by the web tests (no tests here): a hand-built corpus and a real server.

The corpus is made of short texts we wrote, with techniques, entities, quotes and
frames set by hand, so the web tests never depend on the trained models.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx

from spinscope.model import Article, Entity, Genre, Label, Mention, Quote, TechniqueSpan, split_paragraphs
from spinscope.store import open_store

REPO = Path(__file__).resolve().parent.parent
TOKEN = "test-token-123"


def _find(text: str, words: str, start: int = 0) -> tuple[int, int]:
    i = text.index(words, start)
    return i, i + len(words)


def make_article(
    title: str,
    body: str,
    *,
    outlet: str,
    published: str,
    genre: str = "reporting",
    frames: tuple[tuple[str, float], ...] = (),
    techniques: tuple[tuple[str, str, float, str, str | None], ...] = (),
    entities: tuple[tuple[str, str, tuple[str, ...]], ...] = (),
    quotes: tuple[tuple[str, str, str], ...] = (),
    url: str | None = None,
    author: str | None = None,
) -> Article:
    """An analysed article built by hand. ``techniques``: (label, words, score, voice, speaker)."""
    text = f"{title}\n\n{body}"
    spans = []
    for label, words, score, voice, speaker in techniques:
        a, b = _find(text, words, len(title))
        spans.append(TechniqueSpan(label, a, b, text[a:b], score, voice, speaker))
    ents = []
    for canonical, kind, names in entities:
        mentions = []
        for name in names:
            pos = 0
            while (i := text.find(name, pos)) >= 0:
                mentions.append(Mention(i, i + len(name), name))
                pos = i + len(name)
        ents.append(Entity(canonical, kind, mentions, aliases=sorted(set(names))))
    qs = []
    for words, kind, speaker in quotes:
        a, b = _find(text, words, len(title))
        qs.append(Quote(a, b, words, kind, speaker))
    return Article(
        text=text,
        title=title,
        published=datetime.fromisoformat(published),
        outlet=outlet,
        url=url,
        author=author,
        language="en",
        source="test",
        genre=Genre(genre, {genre: 0.8, "opinion" if genre != "opinion" else "reporting": 0.2}),
        frames=[Label(f, s) for f, s in frames],
        paragraphs=split_paragraphs(text),
        techniques=spans,
        entities=ents,
        quotes=qs,
        models={"test": "hand-1"},
    )


def corpus() -> list[Article]:
    """Six articles from two outlets over three months, with overlapping spans."""
    return [
        make_article(
            "Harbour tax plan will ruin every family",
            "The reckless harbour tax plan will ruin every family in the city, critics warn.\n"
            '"This is a catastrophe for working people," said Mayor Ann Lee on Monday.\n'
            "Everyone knows the council never listens to ordinary citizens.",
            outlet="Daily Planet",
            published="2024-01-15T09:00:00",
            genre="opinion",
            frames=(("Economic", 0.9), ("Political", 0.6)),
            techniques=(
                ("Loaded_Language", "reckless", 0.91, "author", None),
                ("Appeal_to_Fear-Prejudice", "will ruin every family in the city", 0.82, "author", None),
                ("Exaggeration-Minimisation", "ruin every family", 0.55, "author", None),
                ("Loaded_Language", "catastrophe", 0.77, "quoted", "Ann Lee"),
                ("Appeal_to_Popularity", "Everyone knows", 0.66, "author", None),
            ),
            entities=(("Ann Lee", "PERSON", ("Ann Lee",)), ("City Council", "ORG", ("council",))),
            quotes=(("This is a catastrophe for working people,", "direct", "Ann Lee"),),
            url="https://planet.example/harbour-tax",
            author="Clark Kent",
        ),
        make_article(
            "Council approves harbour tax after long debate",
            "The city council approved the harbour tax on Tuesday by seven votes to four.\n"
            '"The revenue will repair the old piers," said council treasurer Bob Ray.\n'
            "Mayor Ann Lee said the plan was a catastrophe.",
            outlet="The Bugle",
            published="2024-01-16T10:30:00",
            frames=(("Economic", 0.8), ("Capacity_and_resources", 0.5)),
            techniques=(("Loaded_Language", "catastrophe", 0.61, "quoted", "Ann Lee"),),
            entities=(
                ("Ann Lee", "PERSON", ("Ann Lee",)),
                ("Bob Ray", "PERSON", ("Bob Ray",)),
                ("City Council", "ORG", ("city council",)),
            ),
            quotes=(
                ("The revenue will repair the old piers,", "direct", "Bob Ray"),
                ("the plan was a catastrophe", "indirect", "Ann Lee"),
            ),
            url="https://bugle.example/council-tax",
        ),
        make_article(
            "Bridge repairs finish early",
            "Workers finished the bridge repairs two weeks ahead of schedule.\n"
            '"We are proud of the crew," said engineer Cho Park.',
            outlet="The Bugle",
            published="2024-02-03T08:00:00",
            frames=(("Capacity_and_resources", 0.7),),
            entities=(("Cho Park", "PERSON", ("Cho Park",)),),
            quotes=(("We are proud of the crew,", "direct", "Cho Park"),),
        ),
        make_article(
            "Only a fool would trust the bridge crew",
            "Only a fool would trust the bridge crew after years of shameful delays.\n"
            "Either we sack them all or the city collapses.",
            outlet="Daily Planet",
            published="2024-02-10T12:00:00",
            genre="opinion",
            frames=(("Quality_of_life", 0.7), ("Political", 0.4)),
            techniques=(
                ("Name_Calling-Labeling", "a fool", 0.88, "author", None),
                ("Loaded_Language", "shameful", 0.93, "author", None),
                ("False_Dilemma-No_Choice", "Either we sack them all or the city collapses", 0.71, "author", None),
            ),
        ),
        make_article(
            "Mayor Lee unveils harbour festival",
            'Mayor Ann Lee unveiled a summer festival at the harbour. "It will be the best festival ever," she said.',
            outlet="Daily Planet",
            published="2024-03-05T09:00:00",
            frames=(("Cultural_identity", 0.6),),
            techniques=(("Exaggeration-Minimisation", "the best festival ever", 0.58, "quoted", "Ann Lee"),),
            entities=(("Ann Lee", "PERSON", ("Ann Lee",)),),
            quotes=(("It will be the best festival ever,", "direct", "Ann Lee"),),
        ),
        make_article(
            "Harbour festival dates announced",
            "The harbour festival will run from 1 to 3 August, the city said.",
            outlet="The Bugle",
            published="2024-03-06T09:00:00",
            frames=(("Cultural_identity", 0.5),),
        ),
    ]


PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "</script><script>window.__pwned=4</script>",
    "javascript:window.__pwned=5",
    '{{7*7}}<iframe src="javascript:window.top.__pwned=6"></iframe>',
]


def hostile_articles() -> list[Article]:
    """Articles whose text, title, outlet, url, entities, quotes and labels are attack payloads."""
    out = []
    for n, payload in enumerate(PAYLOADS):
        body = f"Intro {n}: {payload} and more words here.\nSecond line {payload} end."
        art = make_article(
            f"Title {n} {payload}",
            body,
            outlet=f"Evil {payload}",
            published=f"2024-04-0{n + 1}T09:00:00",
            techniques=(("Loaded_Language", payload, 0.9, "quoted", f"Speaker {payload}"),),
            entities=((f"Actor {payload}", "PERSON", (payload,)),),
            quotes=((payload, "direct", f"Speaker {payload}"),),
            frames=((f"Frame{payload}", 0.5),),
            url="javascript:window.__pwned=99" if n % 2 == 0 else f"https://ok.example/?q={payload}",
            author=payload,
        )
        art.techniques.append(
            TechniqueSpan(f"Label{payload}", art.techniques[0].start, art.techniques[0].end, payload, 0.5)
        )
        out.append(art)
    return out


def build_store(path: Path | str, articles: list[Article]) -> str:
    """Create a store at ``path`` (a SQLite file, or a database URL) holding ``articles``; return its URL."""
    url = str(path)
    with open_store(url) as store:
        for article in articles:
            store.add(article)
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_SERVE_WITH_PIPELINE = """
import sys, uvicorn
from spinscope.serve import ServeOptions, create_app
db, port, token, names = sys.argv[1:5]
app = create_app(db, ServeOptions(token=token or None, pipeline=tuple(names.split(","))))
uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
"""


class Server:
    """``spinscope serve`` in a subprocess on 127.0.0.1 and a free port."""

    def __init__(
        self, db: str, *, token: str | None = None, pipeline: tuple[str, ...] | None = None, log: Path | None = None
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        if pipeline is None:  # the real command line
            args = [sys.executable, "-m", "spinscope", "serve", "--db", db, "--port", str(self.port)]
            args += ["--log-level", "warning"] + (["--token", token] if token else [])
        else:  # the same app with a model-free pipeline, so writes work without trained models
            args = [sys.executable, "-c", _SERVE_WITH_PIPELINE, db, str(self.port), token or "", ",".join(pipeline)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._log = open(log or os.devnull, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"spinscope serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.base}/api/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("spinscope serve did not start within 60 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
