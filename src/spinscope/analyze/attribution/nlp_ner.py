"""A faster drop-in for spaCy's greedy ``ner`` component, with the same entities.

spaCy 3.8's transition-based NER decodes token by token in compiled code, but each step takes
and releases the GIL many times (its state accessors are ``noexcept nogil`` Cython methods that
check for Python errors): ``perf`` put ~45% of the NER's decoding in ``pthread_mutex_*`` and
``take_gil``, and the decoding loop cost ~60 ms of CPU per 6,000-character article (the NER's
own embedding and CNN ~30 ms), more than the dependency parser's whole loop.

:class:`FastEntityRecognizer` computes the same thing with the component's own weights, one
``numpy`` step per token position for all documents of a sub-batch at once: the NER's
``tok2vec`` and the precomputed ``lower`` layer run exactly as in spaCy (same calls, same
sub-batches), then for every state the three context features (the next token, the first token
of the open entity, the token before the next) are summed in spaCy's order, max-pooled, scored by
the ``upper`` layer through the same BLAS (``blis``) ``gemm``, and the best valid move of the
BILUO system is taken with spaCy's rules (no entity across a sentence start, none starting on a
space). Anything else (preset entities, beam search, unseen classes, another state layout) goes
to spaCy's own component. ``tests/test_nlp_ner.py`` compares the entities token by token.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_KINDS = {"B": 0, "I": 1, "L": 2, "U": 3, "O": 4}
_B, _I, _L, _U, _O = range(5)


def _moves(ner: Any) -> tuple[np.ndarray, list[str]] | None:
    """Each move's kind (-1: never valid here, the "blocked" unit) and label, in spaCy's order."""
    kinds, labels = [], []
    for i in range(ner.moves.n_moves):
        name = ner.moves.get_class_name(i)
        kind, _, label = name.partition("-")
        if kind not in _KINDS or (kind == "O") != (name == "O"):
            return None
        kinds.append(-1 if kind != "O" and not label else _KINDS[kind])
        labels.append(label)
    return np.array(kinds, dtype=np.int64), labels


def supported(ner: Any) -> bool:
    """Whether ``ner`` is the greedy BILUO recogniser this module reproduces."""
    model = getattr(ner, "model", None)
    if type(getattr(ner, "moves", None)).__name__ != "BiluoPushDown" or model is None:
        return False
    if ner.cfg.get("beam_width", 1) != 1 or getattr(ner, "postprocesses", None):
        return False
    if tuple(model.ref_names) != ("tok2vec", "lower", "upper") or not model.attrs.get("has_upper"):
        return False
    if model.attrs.get("unseen_classes"):
        return False
    lower = model.get_ref("lower")
    return lower.get_dim("nF") == 3 and lower.get_dim("nP") >= 1 and _moves(ner) is not None


class FastEntityRecognizer:
    """Callable pipeline component built from a loaded greedy ``EntityRecognizer``."""

    def __init__(self, ner: Any) -> None:
        from thinc.api import NumpyOps

        self.ner = ner
        model = ner.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        self.upper = model.get_ref("upper")
        found = _moves(ner)
        assert found is not None
        self.kinds, names = found
        self.label_names = names
        distinct = sorted(set(names) - {""})
        self.label_ids = np.array([distinct.index(n) if n else -2 for n in names], dtype=np.int64)
        self.distinct = distinct
        self.ops = NumpyOps()

    def pipe(self, docs: Any, *, batch_size: int = 256) -> Any:
        """Same batches as spaCy's ``Parser.pipe`` (sub-batches of a quarter, sorted by length, through
        the embedding and the ``lower`` layer); one decoding for the whole batch (the states do not
        interact: no unseen classes)."""
        from spacy.util import minibatch

        error_handler = self.ner.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                self._annotate([list(sub) for sub in minibatch(by_length, size=max(batch_size // 4, 2))])
                yield from in_order
            except Exception as exc:  # the component's handler, as in spaCy
                error_handler(self.ner.name, self.ner, in_order, exc)

    def __call__(self, doc: Any) -> Any:
        self._annotate([[doc]])
        return doc

    def _annotate(self, subs: list[list[Any]]) -> None:
        from spacy.attrs import ENT_IOB, ENT_TYPE

        subs = [sub for sub in subs if any(len(doc) for doc in sub)]  # spaCy leaves those unset
        docs = [doc for sub in subs for doc in sub]
        if any(doc.to_array([ENT_IOB, ENT_TYPE]).any() for doc in docs if len(doc)):
            for sub in subs:  # preset entities: spaCy's own decoding
                self.ner.set_annotations(sub, self.ner.predict(sub))
            return
        if not docs:
            return
        cached = [self.lower.predict(self.tok2vec.predict(sub)) for sub in subs]
        table = np.concatenate([cached[0][:1], *(c[1:] for c in cached)])  # one padding row, then tokens
        for doc, ents in zip(docs, self._decode(docs, table), strict=True):
            self._set(doc, ents)

    def _set(self, doc: Any, ents: list[tuple[int, int, int]]) -> None:
        from spacy.tokens import Span

        spans = [Span(doc, start, end, label=self.distinct[label]) for start, end, label in ents]
        doc.set_ents(spans, default="outside")

    def _decode(self, docs: list[Any], cached: np.ndarray) -> list[list[tuple[int, int, int]]]:
        """The entities of each document, (start, end, label index into ``self.distinct``), from the
        precomputed ``lower`` layer of all their tokens (row 0 the padding)."""
        from spacy.attrs import IS_SPACE, SENT_START

        bias = self.lower.get_param("b")
        weights, up_bias = self.upper.get_param("W"), self.upper.get_param("b")
        lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        flags = np.concatenate([doc.to_array([SENT_START, IS_SPACE]) for doc in docs if len(doc)]).reshape(-1, 2)
        sent_start = np.append(flags[:, 0] == 1, False)  # one past the end: no token
        space = flags[:, 1] != 0
        open_label = np.full(len(docs), -1, dtype=np.int64)
        ent_start = np.zeros(len(docs), dtype=np.int64)
        ents: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        kind_col = np.where(self.kinds < 0, 5, self.kinds)
        needs_label = (self.kinds == _I) | (self.kinds == _L)
        label_ids = self.label_ids
        for t in range(int(lengths.max())):
            active = np.flatnonzero(lengths > t)
            pos = offsets[active] + t
            labels = open_label[active]
            opened = labels >= 0
            summed = np.zeros((len(active), *cached.shape[2:]), dtype=cached.dtype)
            summed += cached[pos + 1, 0]
            summed += cached[np.where(opened, offsets[active] + ent_start[active] + 1, 0), 1]
            summed += cached[np.where(opened, pos, 0), 2]
            summed += bias
            scores = self.ops.gemm(_maxout(summed), weights, trans2=True)
            scores += up_bias
            has_next = lengths[active] > t + 1
            blocked = sent_start[pos + 1] | ~has_next  # no entity goes on past a sentence start
            on_space = space[pos]
            closed = ~opened
            table = np.stack([closed & ~blocked & ~on_space, opened & ~blocked, opened, closed & ~on_space, closed,
                              np.zeros_like(closed)], axis=1)
            valid = table[:, kind_col] & (~needs_label[None, :] | (label_ids[None, :] == labels[:, None]))
            guess = np.where(valid, scores, -np.inf).argmax(axis=1)
            self._apply(active, t, self.kinds[guess], label_ids[guess], open_label, ent_start, ents)
        return ents

    @staticmethod
    def _apply(active: np.ndarray, t: int, kind: np.ndarray, label: np.ndarray, open_label: np.ndarray,
               ent_start: np.ndarray, ents: list[list[tuple[int, int, int]]]) -> None:
        """The moves taken at position ``t``: open (B), close (L), one-token entity (U)."""
        begin = kind == _B
        if begin.any():
            open_label[active[begin]] = label[begin]
            ent_start[active[begin]] = t
        for i in np.flatnonzero((kind == _L) | (kind == _U)).tolist():
            doc = int(active[i])
            if kind[i] == _L:
                ents[doc].append((int(ent_start[doc]), t + 1, int(open_label[doc])))
                open_label[doc] = -1
            else:
                ents[doc].append((t, t + 1, int(label[i])))


def _maxout(summed: np.ndarray) -> np.ndarray:
    """The largest piece of each hidden unit (spaCy keeps the first of equal pieces)."""
    if summed.shape[-1] == 2:
        return np.maximum(summed[..., 0], summed[..., 1])  # the first one when equal, as spaCy
    best = summed.argmax(axis=-1)
    return np.ascontiguousarray(np.take_along_axis(summed, best[..., None], axis=-1)[..., 0])


def install(nlp: Any, name: str = "ner") -> bool:
    """Replace ``nlp``'s greedy NER by :class:`FastEntityRecognizer` (same name, same place);
    False when the pipeline has none or one this module does not reproduce."""
    if name not in nlp.pipe_names or not supported(nlp.get_pipe(name)):
        return False
    from .nlp_rules import replace_component

    return replace_component(nlp, name, FastEntityRecognizer)
