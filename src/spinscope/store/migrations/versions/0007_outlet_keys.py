"""Outlet names normalised (store/outlets.py): ``outlets.name_key`` (unique), filled for the
stored outlets; outlets stored twice under two spellings ("The Northbridge Herald",
"Northbridge Herald") are merged into the one stored first, their articles moved to it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from spinscope.store.outlets import outlet_key

    conn = op.get_bind()
    inspector = sa.inspect(conn)
    if "name_key" not in {c["name"] for c in inspector.get_columns("outlets")}:  # a store rolled back by hand may have it
        op.add_column("outlets", sa.Column("name_key", sa.String(300), nullable=True))
    kept: dict[str, int] = {}
    for oid, name in conn.execute(sa.text("SELECT id, name FROM outlets ORDER BY id")).all():
        key = outlet_key(name)
        if key in kept:
            params = {"kept": kept[key], "gone": oid}
            conn.execute(sa.text("UPDATE articles SET outlet_id = :kept WHERE outlet_id = :gone"), params)
            conn.execute(sa.text("DELETE FROM outlets WHERE id = :gone"), params)
        else:
            kept[key] = oid
            conn.execute(sa.text("UPDATE outlets SET name_key = :key WHERE id = :id"), {"key": key, "id": oid})
    if "ix_outlets_name_key" not in {i["name"] for i in inspector.get_indexes("outlets")}:
        op.create_index("ix_outlets_name_key", "outlets", ["name_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_outlets_name_key", table_name="outlets")
    op.drop_column("outlets", "name_key")  # SQLite >= 3.35 drops a column in place
