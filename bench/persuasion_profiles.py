"""Speed and memory of the techniques analyzer's two profiles (and the accurate one without
its gate), in one run, on the same articles (length-sorted cross-article batches of 32;
wall and CPU time: CPU time moves less when other jobs share the cores)::

    PYTHONPATH=src python bench/persuasion_profiles.py --data ../shared/data/semeval2023/en --n 60
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

from spinscope.analyze.paragraphs import ParagraphSplitter
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
    for profile in ("fast", "accurate", "accurate-ungated"):
        os.environ[analyzers.PROFILE_ENV] = profile.split("-")[0]
        analyzers.use_models(None)
        analyzer = analyzers.TechniquesAnalyzer()
        if analyzer.tagger is not None and profile.endswith("ungated"):
            analyzer.tagger = {**analyzer.tagger, "mix": {**analyzer.tagger["mix"], "gate": 0.0}}
        arts = [a.to_article() for a in sample]
        ParagraphSplitter()(arts)
        started, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(arts), 32):
            analyzer(arts[i : i + 32])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out[profile] = {"articles_per_s": round(len(arts) / seconds, 2), "seconds": round(seconds, 1),
                        "cpu_s_per_article": round(cpu / len(arts), 4),
                        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        print(json.dumps({profile: out[profile]}), flush=True)
    print(json.dumps({"command": " ".join(sys.argv), "n": len(sample), **out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
