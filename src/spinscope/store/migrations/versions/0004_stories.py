"""Stories: articles about one event across outlets (``stories``, ``story_articles``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("started", sa.DateTime(), nullable=True),
        sa.Column("ended", sa.DateTime(), nullable=True),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("vector_sum", sa.LargeBinary(), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_started", "stories", ["started"])
    op.create_index("ix_stories_ended", "stories", ["ended"])
    op.create_table(
        "story_articles",
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], name="fk_story_articles_article_pk_articles"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_story_articles_story_id_stories"),
        sa.PrimaryKeyConstraint("article_pk", name="pk_story_articles"),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_articles_story_id", table_name="story_articles")
    op.drop_table("story_articles")
    op.drop_index("ix_stories_ended", table_name="stories")
    op.drop_index("ix_stories_started", table_name="stories")
    op.drop_table("stories")
