"""The corpus alias table in SQL: names registered as articles are stored, linked into
actors by :func:`.aliases.link`, and the users' merge/split decisions.

Incremental: storing an article registers its entities' names (canonical and aliases); when a
name or an alias pair is new, only its *neighbourhood* is linked again — the names sharing a
block with it (:func:`.aliases.blocks`), the names it was an alias of (and back), the other
names of their actors and the names users tied to them; twice, at most
:data:`MAX_NEIGHBOURHOOD` names. Everything runs in the writer's transaction.

Decisions are kept by name (``actor_decisions``), not by article or analysis, so they hold
when articles are analysed again or ingested again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, union_all, update

from . import schema as s
from .aliases import Link, Name, blocks, key, link

#: Names linked again at most per write (a huge block, such as a very common surname, is cut).
MAX_NEIGHBOURHOOD = 5000
CHUNK = 500
NAMES, BLOCKS, EVIDENCE, DECISIONS = s.actor_names, s.actor_blocks, s.actor_evidence, s.actor_decisions


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK])


def article_names(entities: Iterable[Any]) -> tuple[dict[str, tuple[str, str]], set[tuple[str, str]]]:
    """(key -> (name, type), {(alias key, canonical key)}) of one article's entities."""
    names: dict[str, tuple[str, str]] = {}
    pairs: set[tuple[str, str]] = set()
    for e in entities:
        canonical = key(e.canonical)
        if not canonical:
            continue
        names.setdefault(canonical, (e.canonical.strip()[:300], e.type))
        for alias in e.aliases:
            k = key(alias)
            if k and k != canonical:
                names.setdefault(k, (alias.strip()[:300], e.type))
                pairs.add((k, canonical))
    return names, pairs


def register(conn: Connection, articles: Sequence[tuple[Iterable[Any], set[str]]], *, link_now: bool = True) -> None:
    """Count and link the names of newly stored analyses: one (entities, the keys the article's
    previous analysis already had) per article. Relinks the neighbourhood of what is new
    (unless ``link_now`` is false: a bulk fill that calls :func:`rebuild` at the end)."""
    seen: dict[str, tuple[str, str]] = {}
    added: dict[str, int] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for entities, before in articles:
        names, found = article_names(entities)
        pairs.update(p for p in found if p[0] not in before)
        for k, value in names.items():
            if value[1] == "PERSON" or k not in seen:
                seen[k] = value
            added[k] = added.get(k, 0) + (k not in before)
    if not seen:
        return
    touched = _upsert_names(conn, seen, added)
    touched |= _add_evidence(conn, pairs)
    if touched and link_now:
        relink(conn, touched)


def _upsert_names(conn: Connection, seen: dict[str, tuple[str, str]], added: dict[str, int]) -> set[str]:
    """Insert new names, count old ones again; the keys whose linking may change."""
    known: dict[str, Any] = {}
    for part in _chunks(sorted(seen)):
        known.update({r.name_key: r for r in conn.execute(select(NAMES).where(NAMES.c.name_key.in_(part)))})
    now, touched = utcnow(), set()
    fresh = [k for k in sorted(seen) if k not in known]
    if fresh:
        conn.execute(
            NAMES.insert(),
            [
                {"name_key": k, "name": seen[k][0], "type": seen[k][1], "n_articles": added[k], "actor_key": k,
                 "rule": "self", "candidates": None, "updated_at": now}
                for k in fresh
            ],
        )
        conn.execute(BLOCKS.insert(), [{"block": b, "name_key": k} for k in fresh for b in sorted(blocks(*seen[k]))])
        touched.update(fresh)
    counts, persons = [], []
    for k, row in known.items():
        if added[k]:
            counts.append({"k": k, "n": row.n_articles + added[k]})
        if seen[k][1] == "PERSON" and row.type != "PERSON":  # a person once is a person
            persons.append({"k": k})
            touched.add(k)
    if counts:
        conn.execute(update(NAMES).where(NAMES.c.name_key == bindparam("k")).values(n_articles=bindparam("n")), counts)
    if persons:
        conn.execute(update(NAMES).where(NAMES.c.name_key == bindparam("k")).values(type="PERSON"), persons)
    return touched


def _add_evidence(conn: Connection, pairs: Counter[tuple[str, str]]) -> set[str]:
    """Count the articles giving each (alias, canonical) pair; the keys whose links may change
    (a new pair, or one that reaches the count the ``article`` rule believes)."""
    if not pairs:
        return set()
    have: dict[tuple[str, str], int] = {}
    for part in _chunks(sorted({a for a, _ in pairs})):
        have.update(
            {(r.name_key, r.other_key): int(r.n_articles) for r in conn.execute(select(EVIDENCE).where(EVIDENCE.c.name_key.in_(part)))}
        )
    new = sorted(p for p in pairs if p not in have)
    if new:
        conn.execute(EVIDENCE.insert(), [{"name_key": a, "other_key": b, "n_articles": pairs[(a, b)]} for a, b in new])
    touched = {k for pair in new for k in pair}
    for (a, b), n in sorted(pairs.items()):
        if (a, b) in have:
            conn.execute(
                update(EVIDENCE)
                .where(EVIDENCE.c.name_key == a, EVIDENCE.c.other_key == b)
                .values(n_articles=EVIDENCE.c.n_articles + n)
            )
            touched.update((a, b))
    return touched


def _grow(conn: Connection, keys: set[str]) -> set[str]:
    """``keys`` and the names that could be linked to them (one step; see the module doc), in
    one statement per 500 keys."""
    out = set(keys)
    for part in _chunks(sorted(keys)):
        mine = select(BLOCKS.c.block).where(BLOCKS.c.name_key.in_(part))
        actors = select(NAMES.c.actor_key).where(NAMES.c.name_key.in_(part))
        stmt = union_all(
            select(BLOCKS.c.name_key.label("k")).where(BLOCKS.c.block.in_(mine)),
            select(EVIDENCE.c.other_key).where(EVIDENCE.c.name_key.in_(part)),
            select(EVIDENCE.c.name_key).where(EVIDENCE.c.other_key.in_(part)),
            select(NAMES.c.name_key).where(NAMES.c.actor_key.in_(actors)),
            select(DECISIONS.c.target_key).where(DECISIONS.c.name_key.in_(part), DECISIONS.c.target_key.is_not(None)),
            select(DECISIONS.c.name_key).where(DECISIONS.c.target_key.in_(part)),
        )
        out.update(conn.execute(stmt).scalars())
    return out


def load(conn: Connection, keys: Iterable[str] | None) -> tuple[dict[str, Name], dict[str, Any], dict[str, tuple[str, str | None]]]:
    """(names, their stored rows, decisions) of ``keys`` (every name when ``None``)."""
    rows: dict[str, Any] = {}
    parts = [None] if keys is None else list(_chunks(sorted(keys)))
    for part in parts:
        stmt = select(NAMES) if part is None else select(NAMES).where(NAMES.c.name_key.in_(part))
        rows.update({r.name_key: r for r in conn.execute(stmt)})
    names = {k: Name(r.name, r.type, int(r.n_articles)) for k, r in rows.items()}
    decisions: dict[str, tuple[str, str | None]] = {}
    for part in parts:
        ev = select(EVIDENCE) if part is None else select(EVIDENCE).where(EVIDENCE.c.name_key.in_(part))
        for r in conn.execute(ev):
            if r.name_key in names:
                names[r.name_key].alias_of[r.other_key] = int(r.n_articles)
        dec = select(DECISIONS) if part is None else select(DECISIONS).where(DECISIONS.c.name_key.in_(part))
        decisions.update({r.name_key: (r.action, r.target_key) for r in conn.execute(dec)})
    return names, rows, decisions


def relink(conn: Connection, touched: set[str]) -> int:
    """Link the neighbourhood of ``touched`` again; returns the names whose link changed.

    The names that can be linked to ``touched`` (and the other names of their actors) are
    linked and saved; one step further out, names are read as context only (a bare surname
    is ambiguous or not by the full names around it) and not saved, so a neighbourhood cut
    at :data:`MAX_NEIGHBOURHOOD` never rewrites a name with half of its context."""
    near = _grow(conn, set(touched))
    context = near if len(near) >= MAX_NEIGHBOURHOOD else _grow(conn, near)
    if len(context) > MAX_NEIGHBOURHOOD:
        context = near | set(sorted(context - near)[: max(0, MAX_NEIGHBOURHOOD - len(near))])
    names, rows, decisions = load(conn, context)
    links = link(names, decisions)
    return _save(conn, {k: v for k, v in links.items() if k in near}, rows)


def rebuild(conn: Connection) -> int:
    """Link every name of the store again (after a change of the rules)."""
    names, rows, decisions = load(conn, None)
    return _save(conn, link(names, decisions), rows)


def _save(conn: Connection, links: dict[str, Link], rows: dict[str, Any]) -> int:
    now, changed = utcnow(), 0
    for k, found in links.items():
        cands = json.dumps(list(found.candidates), ensure_ascii=False) if found.candidates else None
        row = rows[k]
        if (row.actor_key, row.rule, row.candidates) != (found.actor, found.rule, cands):
            conn.execute(
                update(NAMES)
                .where(NAMES.c.name_key == k)
                .values(actor_key=found.actor, rule=found.rule, candidates=cands, updated_at=now)
            )
            changed += 1
    return changed


def decide(conn: Connection, action: str, name_key: str, target_key: str | None) -> None:
    """Record a user's decision on ``name_key`` (replacing an earlier one) and relink."""
    before = conn.execute(select(NAMES.c.actor_key).where(NAMES.c.name_key == name_key)).scalar()
    conn.execute(delete(DECISIONS).where(DECISIONS.c.name_key == name_key))
    if action != "auto":
        conn.execute(
            DECISIONS.insert().values(name_key=name_key, action=action, target_key=target_key, decided_at=utcnow())
        )
    relink(conn, {k for k in (name_key, target_key, before) if k})
