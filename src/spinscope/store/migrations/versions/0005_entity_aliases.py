"""Entity aliases: every name of an entity (canonical and aliases, lower-cased) per
analysis, so the actor filter finds an article by any of its names; filled from the
stored analyses. Also: a quotation's speaker found in the title line is no speaker
(``quotes.speaker`` cleared, as ``write.quote_speaker`` now stores it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 500


def _keys(data: str) -> set[str]:
    try:
        entities = json.loads(data).get("entities") or []
    except (ValueError, AttributeError):
        return set()
    keys: set[str] = set()
    for e in entities:
        if not isinstance(e, dict):
            continue
        for name in [e.get("canonical"), *(e.get("aliases") or [])]:
            key = str(name or "").strip().casefold()[:300]
            if key:
                keys.add(key)
    return keys


def _title_speakers(data: str) -> list[tuple[int, int]]:
    """(start, end) of the quotations whose speaker was found in the title line."""
    try:
        doc = json.loads(data)
        title, quotes = doc.get("title") or "", doc.get("quotes") or []
    except (ValueError, AttributeError):
        return []
    return [
        (q["start"], q["end"])
        for q in quotes
        if isinstance(q, dict) and title and isinstance(q.get("speaker_start"), int) and q["speaker_start"] < len(title)
    ]


def upgrade() -> None:
    table = op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("analysis_id", sa.Integer, sa.ForeignKey("analyses.id"), nullable=False),
        sa.Column("alias_key", sa.String(300), nullable=False),
    )
    op.create_index("ix_entity_aliases_analysis_id", "entity_aliases", ["analysis_id"])
    op.create_index("ix_entity_aliases_alias_key", "entity_aliases", ["alias_key"])
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.text("SELECT id, data FROM analyses WHERE id > :last ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}
        ).all()
        if not rows:
            break
        values = [{"analysis_id": r.id, "alias_key": k} for r in rows for k in sorted(_keys(r.data))]
        if values:
            conn.execute(table.insert(), values)
        titled = [{"a": r.id, "s": s, "e": e} for r in rows for s, e in _title_speakers(r.data)]
        if titled:
            conn.execute(
                sa.text('UPDATE quotes SET speaker = NULL WHERE analysis_id = :a AND start = :s AND "end" = :e'), titled
            )
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_entity_aliases_alias_key", "entity_aliases")
    op.drop_index("ix_entity_aliases_analysis_id", "entity_aliases")
    op.drop_table("entity_aliases")
