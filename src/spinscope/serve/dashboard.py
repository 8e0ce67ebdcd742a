"""The numbers of the dashboard and of outlet profiles, as named datasets.

Every chart and table of those pages is one *dataset*: a list of flat rows, served as
the page's JSON and on its own as CSV or JSON (``/dashboard/data/NAME.csv``), so each
number on the page can be checked and reused. Counts come with rates: per article and
per 1,000 words of the matching articles. The time axis is continuous: every day, week
(starting Monday) or month between the first and the last dated match is a point, empty
ones are zero.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from ..analyze.language_support import html_lang
from ..catalog import VOICES
from ..store import SearchQuery, Store
from . import charts

Every = Literal["day", "week", "month"]
EVERY: tuple[str, ...] = ("day", "week", "month")
DATASETS: tuple[str, ...] = (
    "techniques_by_outlet",
    "voices_by_outlet",
    "techniques_over_time",
    "frames_by_outlet",
    "top_actors",
    "who_quotes_whom",
    "languages",
    "techniques_by_language",
)
#: A language's own name, shown (with a ``lang`` attribute) beside its code.
ENDONYMS = {
    "en": "English", "fr": "français", "de": "Deutsch", "it": "italiano", "pl": "polski", "ru": "русский",
    "es": "español", "pt": "português", "nl": "Nederlands", "el": "Ελληνικά", "ka": "ქართული", "ar": "العربية",
    "uk": "українська", "tr": "Türkçe", "fa": "فارسی",
}
#: Chart width in SVG units: small enough that labels stay readable scaled down to a phone.
WIDTH = 720
#: At most this many points on the time axis (a coarser step is used past it).
MAX_POINTS = 1500


def rate(count: float, n_articles: int, n_words: int) -> dict[str, float | None]:
    """``count`` per article and per 1,000 words (``None`` with nothing to divide by)."""
    return {
        "per_article": round(count / n_articles, 3) if n_articles else None,
        "per_1000_words": round(1000 * count / n_words, 3) if n_words else None,
    }


def bucket(day: str, every: str) -> str:
    """The bucket of a ``YYYY-MM-DD`` day: itself, its week's Monday, or ``YYYY-MM``."""
    if every == "month":
        return day[:7]
    if every == "week":
        d = date.fromisoformat(day)
        return (d - timedelta(days=d.weekday())).isoformat()
    return day


def axis(first: str, last: str, every: str) -> list[str]:
    """Every bucket from the one of ``first`` to the one of ``last`` (days ``YYYY-MM-DD``)."""
    start, end = date.fromisoformat(bucket(first, "week" if every == "week" else "day")), date.fromisoformat(last)
    out: list[str] = []
    if every == "month":
        y, m = start.year, start.month
        while (y, m) <= (end.year, end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = timedelta(days=7 if every == "week" else 1)
    d = start
    while d <= end:
        out.append(d.isoformat())
        d += step
    return out


def _by_key(rows: Iterable[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {str(r[key]): r for r in rows}


def techniques_by_outlet(store: Store, q: SearchQuery) -> list[dict[str, Any]]:
    sizes = _by_key(store.article_stats(q, by="outlet"), "outlet")
    out = []
    for r in store.technique_stats(q, by="outlet"):
        size = sizes.get(str(r["outlet"]), {})
        n, words = int(size.get("n_articles", 0)), int(size.get("n_words", 0))
        out.append({**r, "articles_in_outlet": n, **rate(r["count"], n, words)})
    return out


def voices_by_outlet(store: Store, q: SearchQuery) -> list[dict[str, Any]]:
    """Technique spans in the outlet's own voice and in quoted voices, per outlet."""
    sizes = _by_key(store.article_stats(q, by="outlet"), "outlet")
    out = []
    for voice in VOICES:
        totals: dict[str, int] = defaultdict(int)
        for r in store.technique_stats(dataclasses.replace(q, voice=voice), by="outlet"):
            totals[str(r["outlet"])] += int(r["count"])
        for outlet, size in sizes.items():
            count = totals.get(outlet, 0)
            out.append({"outlet": outlet, "voice": voice, "count": count, **rate(count, size["n_articles"], size["n_words"])})
    return out


def techniques_over_time(store: Store, q: SearchQuery, every: str) -> list[dict[str, Any]]:
    """Spans per technique per day/week/month bucket, zeros included, with the bucket's
    articles and rates."""
    days = store.article_stats(q, by="day")
    if not days:
        return []
    every = every if len(axis(days[0]["day"], days[-1]["day"], every)) <= MAX_POINTS else "month"
    size: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in days:
        b = size[bucket(r["day"], every)]
        b[0] += r["n_articles"]
        b[1] += r["n_words"]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    labels: dict[str, int] = defaultdict(int)
    for r in store.technique_stats(q, by="day"):
        counts[(bucket(str(r["day"]), every), r["technique"])] += int(r["count"])
        labels[r["technique"]] += int(r["count"])
    out = []
    for key in axis(days[0]["day"], days[-1]["day"], every):
        n, words = size.get(key, [0, 0])
        for label in sorted(labels):
            count = counts.get((key, label), 0)
            out.append({every: key, "technique": label, "count": count, "n_articles": n, **rate(count, n, words)})
    return out


def frames_by_outlet(store: Store, q: SearchQuery) -> list[dict[str, Any]]:
    """Articles per frame per outlet, and their share of the outlet's matching articles."""
    sizes = _by_key(store.article_stats(q, by="outlet"), "outlet")
    out = []
    for r in store.frame_stats(q, by="outlet"):
        n = int(sizes.get(str(r["outlet"]), {}).get("n_articles", 0))
        share = round(r["count"] / n, 3) if n else None
        out.append({"outlet": r["outlet"], "frame": r["frame"], "articles": r["count"], "articles_in_outlet": n, "share": share})
    return out


def languages(store: Store, q: SearchQuery) -> list[dict[str, Any]]:
    """Per language of the matching articles: articles, words, technique spans with rates, and
    spans in the outlet's own voice and quoted; ``lang`` is the BCP 47 tag, ``name`` its own name."""
    spans: dict[str, int] = defaultdict(int)
    for r in store.technique_stats(q, by="language"):
        spans[str(r["language"])] += int(r["count"])
    voiced: dict[tuple[str, str], int] = defaultdict(int)
    for voice in VOICES:
        for r in store.technique_stats(dataclasses.replace(q, voice=voice), by="language"):
            voiced[(str(r["language"]), voice)] += int(r["count"])
    out = []
    for r in store.article_stats(q, by="language"):
        code = str(r["language"])
        tag = html_lang(code)
        out.append(
            {"language": code, "lang": tag, "name": ENDONYMS.get(tag or "", code), "n_articles": r["n_articles"],
             "n_words": r["n_words"], "count": spans.get(code, 0), **rate(spans.get(code, 0), r["n_articles"], r["n_words"]),
             **{voice: voiced.get((code, voice), 0) for voice in VOICES}}
        )
    return sorted(out, key=lambda row: (-row["n_articles"], row["language"]))


def techniques_by_language(store: Store, q: SearchQuery) -> list[dict[str, Any]]:
    """Spans per technique per language, with the language's articles and rates."""
    sizes = _by_key(store.article_stats(q, by="language"), "language")
    out = []
    for r in store.technique_stats(q, by="language"):
        size = sizes.get(str(r["language"]), {})
        n, words = int(size.get("n_articles", 0)), int(size.get("n_words", 0))
        out.append({**r, "articles_in_language": n, **rate(r["count"], n, words)})
    return out


def dataset(store: Store, name: str, q: SearchQuery, every: str = "month") -> list[dict[str, Any]]:
    """One named dataset (see :data:`DATASETS`) over the articles matching ``q``."""
    if name == "techniques_by_outlet":
        return techniques_by_outlet(store, q)
    if name == "voices_by_outlet":
        return voices_by_outlet(store, q)
    if name == "techniques_over_time":
        return techniques_over_time(store, q, every)
    if name == "frames_by_outlet":
        return frames_by_outlet(store, q)
    if name == "top_actors":
        return store.top_actors(q, limit=20)
    if name == "who_quotes_whom":
        return store.who_quotes_whom(q, limit=50)
    if name == "languages":
        return languages(store, q)
    if name == "techniques_by_language":
        return techniques_by_language(store, q)
    raise KeyError(name)


def _cell(value: Any) -> Any:
    """A CSV cell; text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is quoted with ``'``."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header (the union of the rows' keys, in first-seen order)."""
    fields: dict[str, None] = {}
    for r in rows:
        fields.update(dict.fromkeys(r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in r.items()})
    return buf.getvalue()


# -- what the templates draw ---------------------------------------------------------


def outlet_table(rows: list[dict[str, Any]], key: str, category: str, value: str) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        table[str(r[key])][str(r[category])] = float(r[value] or 0)
    return dict(table)


def totals(rows: list[dict[str, Any]], sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per outlet: all technique spans, with rates."""
    spans: dict[str, int] = defaultdict(int)
    for r in rows:
        spans[str(r["outlet"])] += int(r["count"])
    return [
        {"outlet": s["outlet"], "n_articles": s["n_articles"], "count": spans.get(str(s["outlet"]), 0),
         **rate(spans.get(str(s["outlet"]), 0), s["n_articles"], s["n_words"])}
        for s in sizes
    ]


def _thin(chart: charts.LineChart, ticks: int = 6) -> charts.LineChart:
    """At most ``ticks`` labels on the time axis (they would overlap otherwise)."""
    step = max(1, -(-len(chart.x_ticks) // ticks))
    chart.x_ticks = chart.x_ticks[::step]
    return chart


def numbers(store: Store, q: SearchQuery, every: str, measure: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(every dataset, what the templates draw) over the articles matching ``q``."""
    data = {name: dataset(store, name, q, every) for name in DATASETS}
    sizes = store.article_stats(q, by="outlet")
    over_time = data["techniques_over_time"]
    step = next((k for k in EVERY if over_time and k in over_time[0]), every)
    value = {"count": "count", "per_article": "per_article", "per_1000_words": "per_1000_words"}.get(measure, "count")
    timeline = outlet_table(over_time, step, "technique", value) if over_time else {}
    voice_rows: dict[str, dict[str, Any]] = defaultdict(dict)
    for r in data["voices_by_outlet"]:
        voice_rows[r["outlet"]][r["voice"]] = r
    draw = {
        "outlet_totals": totals(data["techniques_by_outlet"], sizes),
        "techniques_by_outlet": charts.stacked_bars(
            outlet_table(data["techniques_by_outlet"], "outlet", "technique", "count"), width=WIDTH, label_width=200
        ),
        "timeline": _thin(charts.line_chart(timeline, width=WIDTH, left=48)) if timeline else None,
        "step": step,
        "voices": dict(voice_rows),
        "frames": outlet_table(data["frames_by_outlet"], "outlet", "frame", "share"),
        "n_words": sum(s["n_words"] for s in sizes),
        "n_matching": sum(s["n_articles"] for s in sizes),
        "language_techniques": outlet_table(data["techniques_by_language"], "language", "technique", "per_article"),
    }
    return data, draw


def every_param(value: str | None) -> str:
    """The time step of a request (``day``, ``week`` or ``month``; anything else is a 400)."""
    from ..errors import UsageError

    if value in (None, ""):
        return "month"
    if value not in EVERY:
        raise UsageError(f"every must be one of {', '.join(EVERY)}")
    return str(value)
