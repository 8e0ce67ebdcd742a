"""Speed and memory of the techniques analyzer's two profiles, in one run, on the same
articles (length-sorted cross-article batches of 32)::

    PYTHONPATH=src python bench/persuasion_profiles.py --data ../shared/data/semeval2023/en --n 60
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

from spinscope.analyze.persuasion import analyzers
from spinscope.semeval import load_semeval
from spinscope.training.protocols import newest_split


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args(argv)
    _, newer = newest_split(load_semeval(args.data).articles)
    sample = newer[: args.n]
    out = {}
    for profile in ("fast", "accurate"):
        os.environ[analyzers.PROFILE_ENV] = profile
        analyzers.use_models(None)
        analyzer = analyzers.TechniquesAnalyzer()
        arts = [a.to_article() for a in sample]
        started = time.perf_counter()
        for i in range(0, len(arts), 32):
            analyzer(arts[i : i + 32])
        seconds = time.perf_counter() - started
        out[profile] = {"articles_per_s": round(len(arts) / seconds, 2), "seconds": round(seconds, 1),
                        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        print(json.dumps({profile: out[profile]}), flush=True)
    print(json.dumps({"command": " ".join(sys.argv), "n": len(sample), **out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
