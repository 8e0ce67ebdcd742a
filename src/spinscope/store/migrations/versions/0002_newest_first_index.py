"""Index for the default "newest first" order of search results.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        columns = [sa.text("published DESC NULLS LAST"), sa.text("pk DESC")]
    else:
        columns = [sa.text("published DESC"), sa.text("pk DESC")]
    op.create_index("ix_articles_newest", "articles", columns)


def downgrade() -> None:
    op.drop_index("ix_articles_newest", table_name="articles")
