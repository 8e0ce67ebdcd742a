"""Reading and deciding on the corpus alias table: :class:`ActorTable`, ``Store.actors``."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Literal

from sqlalchemy import Connection, func, select

from ..errors import NotFoundError, UsageError
from . import actors as _actors
from . import schema as s
from .aliases import key

Decision = Literal["merge", "split", "auto"]
DECISIONS: tuple[str, ...] = ("merge", "split", "auto")
NAMES, DECISION_ROWS = s.actor_names, s.actor_decisions


def names_of(actor_key: Any) -> Any:
    """SELECT the name keys of the actor ``actor_key`` (a value or a scalar subquery)."""
    return select(NAMES.c.name_key).where(NAMES.c.actor_key == actor_key)


def actor_of_key(name_key: str) -> Any:
    """The actor key of a name key, as a scalar subquery."""
    return select(NAMES.c.actor_key).where(NAMES.c.name_key == name_key).scalar_subquery()


def _name_rows(conn: Connection, actor_key: str) -> list[dict[str, Any]]:
    decided = {
        r.name_key: {"action": r.action, "into": r.target_key}
        for r in conn.execute(select(DECISION_ROWS).where(DECISION_ROWS.c.name_key.in_(names_of(actor_key))))
    }
    rows = conn.execute(
        select(NAMES).where(NAMES.c.actor_key == actor_key).order_by(NAMES.c.n_articles.desc(), NAMES.c.name_key)
    )
    return [
        {"name": r.name, "key": r.name_key, "type": r.type, "rule": r.rule, "n_articles": int(r.n_articles),
         "decision": decided.get(r.name_key)}
        for r in rows
    ]


def _display(conn: Connection, keys: list[str]) -> dict[str, str]:
    if not keys:
        return {}
    return {r.name_key: r.name for r in conn.execute(select(NAMES.c.name_key, NAMES.c.name).where(NAMES.c.name_key.in_(keys)))}


def describe(conn: Connection, name: str) -> dict[str, Any]:
    """The actor a name belongs to: its head, every name linked to it (how, in how many
    articles, the user's decision), the heads an ambiguous name could be, and the ambiguous
    names that could be this actor."""
    row = conn.execute(select(NAMES).where(NAMES.c.name_key == key(name))).first()
    if row is None:
        raise NotFoundError(f"no actor named {name[:100]!r} in the corpus", source=name[:100])
    head = conn.execute(select(NAMES).where(NAMES.c.name_key == row.actor_key)).first() or row
    cands = json.loads(head.candidates) if head.candidates else []
    shown = _display(conn, cands)
    maybe = conn.execute(
        select(NAMES.c.name, NAMES.c.name_key, NAMES.c.n_articles)
        .where(NAMES.c.candidates.is_not(None), NAMES.c.candidates.contains(json.dumps(head.name_key, ensure_ascii=False), autoescape=True))
        .order_by(NAMES.c.n_articles.desc(), NAMES.c.name_key)
        .limit(50)
    )
    return {
        "actor": head.name,
        "key": head.name_key,
        "type": head.type,
        "names": _name_rows(conn, head.name_key),
        "ambiguous": [{"key": c, "name": shown.get(c, c)} for c in cands],
        "maybe_also": [{"name": r.name, "key": r.name_key, "n_articles": int(r.n_articles)} for r in maybe],
    }


def ambiguous(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """Names left unlinked because they could be several actors, most used first."""
    rows = conn.execute(
        select(NAMES.c.name, NAMES.c.name_key, NAMES.c.n_articles, NAMES.c.candidates)
        .where(NAMES.c.candidates.is_not(None), NAMES.c.actor_key == NAMES.c.name_key)
        .order_by(NAMES.c.n_articles.desc(), NAMES.c.name_key)
        .limit(max(0, int(limit)))
    ).all()
    heads = _display(conn, sorted({c for r in rows for c in json.loads(r.candidates)}))
    return [
        {"name": r.name, "key": r.name_key, "n_articles": int(r.n_articles),
         "candidates": [{"key": c, "name": heads.get(c, c)} for c in json.loads(r.candidates)]}
        for r in rows
    ]


class ActorTable:
    """The store's alias table: ``store.actors.describe("Raeisi")``, ``store.actors.decide(...)``."""

    def __init__(
        self,
        read: Callable[[], AbstractContextManager[Connection]],
        write: Callable[[Callable[[Connection], Any]], Any],
    ) -> None:
        self._read, self._write = read, write

    def describe(self, name: str) -> dict[str, Any]:
        """See :func:`describe`; :class:`~spinscope.errors.NotFoundError` for an unknown name."""
        with self._read() as conn:
            return describe(conn, name)

    def heads(self, names: list[str]) -> dict[str, str]:
        """name key -> the display name of its actor's head, for the given names (any case)."""
        wanted = sorted({key(n) for n in names if key(n)})
        out: dict[str, str] = {}
        head = NAMES.alias("head")
        with self._read() as conn:
            for i in range(0, len(wanted), 500):
                stmt = select(NAMES.c.name_key, head.c.name).join(head, head.c.name_key == NAMES.c.actor_key)
                out.update({r.name_key: r.name for r in conn.execute(stmt.where(NAMES.c.name_key.in_(wanted[i : i + 500])))})
        return out

    def ambiguous(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._read() as conn:
            return ambiguous(conn, limit)

    def count(self) -> dict[str, int]:
        """How many names and actors the table holds."""
        with self._read() as conn:
            names = conn.execute(select(func.count()).select_from(NAMES)).scalar_one()
            heads = conn.execute(select(func.count(func.distinct(NAMES.c.actor_key)))).scalar_one()
        return {"n_names": int(names), "n_actors": int(heads)}

    def decide(self, action: str, name: str, into: str | None = None) -> dict[str, Any]:
        """Record a user's decision and return the actor ``name`` now belongs to.

        ``merge``: ``name`` joins the actor of ``into`` (whose head stays its name); ``split``:
        ``name`` becomes an actor of its own that no rule links; ``auto``: the rules decide again.
        The decision is kept by name: it survives re-analysis and re-ingest of the articles.
        """
        if action not in DECISIONS:
            raise UsageError(f"unknown action {action[:20]!r}: use one of {', '.join(DECISIONS)}")
        if action == "merge" and not (into or "").strip():
            raise UsageError("a merge needs the actor to merge into ('into')")

        def work(conn: Connection) -> None:
            known = conn.execute(select(NAMES.c.name_key).where(NAMES.c.name_key == key(name))).scalar()
            if known is None:
                raise NotFoundError(f"no actor named {name[:100]!r} in the corpus", source=name[:100])
            target = None
            if action == "merge":
                target = conn.execute(select(NAMES.c.actor_key).where(NAMES.c.name_key == key(into or ""))).scalar()
                if target is None:
                    raise NotFoundError(f"no actor named {(into or '')[:100]!r} in the corpus", source=(into or "")[:100])
                if target == known:
                    raise UsageError(f"{name[:100]!r} is already the head of that actor")
            _actors.decide(conn, action, known, target)

        self._write(work)
        return self.describe(name)

    def rebuild(self) -> int:
        """Link every name again (the rules changed); returns the names whose link changed."""
        return int(self._write(_actors.rebuild))

