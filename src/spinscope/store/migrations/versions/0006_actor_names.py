"""The corpus alias table: ``actor_names`` (every name an entity was given, and the actor it
is linked to), ``actor_blocks`` (keys to find a name's possible links), ``actor_evidence``
(alias pairs the articles gave) and ``actor_decisions`` (users' merge/split). Filled from the
latest analysis of every stored article, then linked (store/actors.py, store/aliases.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 500


def _entities(data: str) -> list[Any]:
    try:
        found = json.loads(data).get("entities") or []
    except (ValueError, AttributeError):
        return []
    return [
        SimpleNamespace(canonical=str(e["canonical"]), type=str(e.get("type") or "OTHER"), aliases=[str(a) for a in e.get("aliases") or []])
        for e in found
        if isinstance(e, dict) and e.get("canonical")
    ]


def upgrade() -> None:
    op.create_table(
        "actor_names",
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("actor_key", sa.String(300), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("candidates", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name_key", name="pk_actor_names"),
    )
    op.create_index("ix_actor_names_actor_key", "actor_names", ["actor_key"])
    op.create_table(
        "actor_blocks",
        sa.Column("block", sa.String(310), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("block", "name_key", name="pk_actor_blocks"),
    )
    op.create_index("ix_actor_blocks_name_key", "actor_blocks", ["name_key"])
    op.create_table(
        "actor_evidence",
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("other_key", sa.String(300), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name_key", "other_key", name="pk_actor_evidence"),
    )
    op.create_index("ix_actor_evidence_other_key", "actor_evidence", ["other_key"])
    op.create_table(
        "actor_decisions",
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target_key", sa.String(300), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name_key", name="pk_actor_decisions"),
    )
    op.create_index("ix_actor_decisions_target_key", "actor_decisions", ["target_key"])
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    from spinscope.store import actors

    last = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT an.id, an.data FROM analyses an JOIN articles a ON a.latest_analysis_id = an.id "
                "WHERE an.id > :last ORDER BY an.id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        actors.register(conn, [(_entities(r.data), set()) for r in rows], link_now=False)
        last = rows[-1].id
    actors.rebuild(conn)


def downgrade() -> None:
    for table, index in (
        ("actor_decisions", "ix_actor_decisions_target_key"),
        ("actor_evidence", "ix_actor_evidence_other_key"),
        ("actor_blocks", "ix_actor_blocks_name_key"),
        ("actor_names", "ix_actor_names_actor_key"),
    ):
        op.drop_index(index, table_name=table)
        op.drop_table(table)
