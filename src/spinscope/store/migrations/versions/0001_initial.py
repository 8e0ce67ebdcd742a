"""Initial schema: outlets, articles, analyses, techniques, frames, entities, quotes, full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("name", name="uq_outlets_name"),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("outlet_id", sa.Integer, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.DateTime, nullable=True),
        sa.Column("published_month", sa.String(7), nullable=True),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("language", sa.String(32), nullable=True),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("latest_analysis_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("pk", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"], name="fk_articles_outlet_id_outlets"),
    )
    for column in ("outlet_id", "published", "published_month", "language", "latest_analysis_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])

    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_pk", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("models_key", sa.Text, nullable=False),
        sa.Column("genre", sa.String(64), nullable=True),
        sa.Column("genre_score", sa.Float, nullable=True),
        sa.Column("n_techniques", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analyses"),
        sa.UniqueConstraint("article_pk", "models_key", name="uq_analyses_article_pk_models_key"),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], name="fk_analyses_article_pk_articles"),
    )
    op.create_index("ix_analyses_article_pk", "analyses", ["article_pk"])
    op.create_index("ix_analyses_genre", "analyses", ["genre"])

    op.create_table(
        "techniques",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("analysis_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("voice", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_techniques"),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], name="fk_techniques_analysis_id_analyses"),
    )
    op.create_index("ix_techniques_analysis_id_label", "techniques", ["analysis_id", "label"])
    op.create_index("ix_techniques_label", "techniques", ["label"])

    op.create_table(
        "frames",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("analysis_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_frames"),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], name="fk_frames_analysis_id_analyses"),
    )
    op.create_index("ix_frames_analysis_id_label", "frames", ["analysis_id", "label"])
    op.create_index("ix_frames_label", "frames", ["label"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("analysis_id", sa.Integer, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("canonical_key", sa.String(300), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], name="fk_entities_analysis_id_analyses"),
    )
    op.create_index("ix_entities_analysis_id", "entities", ["analysis_id"])
    op.create_index("ix_entities_canonical_key", "entities", ["canonical_key"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("analysis_id", sa.Integer, nullable=False),
        sa.Column("speaker", sa.Text, nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], name="fk_quotes_analysis_id_analyses"),
    )
    op.create_index("ix_quotes_analysis_id", "quotes", ["analysis_id"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, text), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("quotes", "entities", "frames", "techniques", "analyses", "articles", "outlets"):
        op.drop_table(table)
