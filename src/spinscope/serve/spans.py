"""The corpus-wide "spans" view: every span of one technique over the matching articles,
with its sentence, outlet and date (a page at a time; the whole list as CSV or JSON)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..store import SearchQuery, Store
from . import labels, reading
from .views import View, filter_form, jsonable

PAGE_SIZE = 50
#: Most spans one export holds.
MAX_EXPORT = 10_000


def spans_view(store: Store, query: SearchQuery, *, page: int = 1) -> View:
    """A page of the spans of ``query.technique`` (a picker of techniques without one)."""
    form = filter_form(store, query)
    context: dict[str, Any] = {**form, "rows": [], "technique": None}
    data: dict[str, Any] = {"filters": jsonable(query.filters()), "total": 0, "page": page, "items": []}
    if query.technique is None:
        context["choices"] = labels.techniques()
        return View(data, context)
    total, rows = store.technique_spans(query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    info = labels.info("technique", query.technique)
    data.update({"total": total, "pages": max(1, -(-total // PAGE_SIZE)), "items": jsonable(rows)})
    context.update({
        "rows": rows,
        "technique": info,
        "facts": reading.technique_facts(query.technique),
        "colour": labels.colour(query.technique),
    })
    return View(data, context)


def export_rows(store: Store, query: SearchQuery) -> list[dict[str, Any]]:
    """Every span of the technique (at most :data:`MAX_EXPORT`) as flat rows."""
    if query.technique is None:
        return []
    _, rows = store.technique_spans(dataclasses.replace(query), limit=MAX_EXPORT, offset=0)
    return [
        {**{k: v for k, v in r.items() if k not in ("before", "after", "lead")}, "sentence": f"{r['before']}{r['text']}{r['after']}"}
        for r in jsonable(rows)
    ]
