"""SQLite: rebuild the FTS5 index with prefix indexes so ``word*`` queries stay fast.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CREATE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'{prefix})"
)


def _recreate(prefix: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's GIN index handles prefixes (to_tsquery 'word:*') as it is
    op.execute("DROP TABLE articles_fts")
    op.execute(_CREATE.format(prefix=prefix))
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate(", prefix='2 3 4'")


def downgrade() -> None:
    _recreate("")
