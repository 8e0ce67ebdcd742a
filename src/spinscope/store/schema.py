"""The tables, as SQLAlchemy Core objects used by the queries.

The migrations in ``migrations/versions`` create exactly these tables (a test checks
that they agree). Besides them each backend has one full-text index the metadata does
not describe: the FTS5 table ``articles_fts`` (SQLite, external content over
``articles``) and the generated ``articles.tsv`` column with a GIN index (PostgreSQL).

Normalised rows (techniques, frames, entities, quotes) exist for every analysis;
``articles.latest_analysis_id`` says which one counts for search and statistics. The
full ``Article.to_dict()`` of each analysis is kept in ``analyses.data`` for a lossless
:meth:`Store.get`.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("name_key", String(300), nullable=True),  # store/outlets.py: one outlet, any spelling
    Index("ix_outlets_name_key", "name_key", unique=True),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=True, index=True),
    Column("title", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("published", DateTime, nullable=True, index=True),  # naive UTC
    Column("published_month", String(7), nullable=True, index=True),  # "YYYY-MM"
    Column("author", Text, nullable=True),
    Column("url", Text, nullable=True),
    Column("language", String(32), nullable=True, index=True),
    Column("source", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),  # naive UTC
    Column("latest_analysis_id", Integer, nullable=True, index=True),
)

analyses = Table(
    "analyses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_pk", Integer, ForeignKey("articles.pk"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),  # naive UTC
    Column("models_key", Text, nullable=False),  # canonical JSON of the models dict
    Column("genre", String(64), nullable=True, index=True),
    Column("genre_score", Float, nullable=True),
    Column("n_techniques", Integer, nullable=False),
    Column("data", Text, nullable=False),  # Article.to_dict() as JSON
    UniqueConstraint("article_pk", "models_key"),
)

techniques = Table(
    "techniques",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("voice", String(16), nullable=False),
    Column("speaker", Text, nullable=True),
    Index("ix_techniques_analysis_id_label", "analysis_id", "label"),
    Index("ix_techniques_label", "label"),
)

frames = Table(
    "frames",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("score", Float, nullable=False),
    Index("ix_frames_analysis_id_label", "analysis_id", "label"),
    Index("ix_frames_label", "label"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False, index=True),
    Column("canonical", Text, nullable=False),
    Column("canonical_key", String(300), nullable=False, index=True),  # lower-cased
    Column("type", String(16), nullable=False),
    Column("n_mentions", Integer, nullable=False),
)

#: Every name of an entity (its canonical name and aliases, lower-cased): the actor filter
#: finds an article by any of them (migration 0005).
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False, index=True),
    Column("alias_key", String(300), nullable=False, index=True),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysis_id", Integer, ForeignKey("analyses.id"), nullable=False, index=True),
    Column("speaker", Text, nullable=True),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Newest first (migration 0002; PostgreSQL adds NULLS LAST to ``published``).
Index("ix_articles_newest", articles.c.published.desc(), articles.c.pk.desc())

# Stories (migration 0004; store/stories.py): articles about one event across outlets.
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, nullable=False),
    Column("started", DateTime, nullable=True, index=True),  # naive UTC, earliest article
    Column("ended", DateTime, nullable=True, index=True),  # naive UTC, latest article
    Column("n_articles", Integer, nullable=False),
    Column("vector_sum", LargeBinary, nullable=False),  # float32 sum of the members' embeddings
    Column("actors", Text, nullable=False),  # JSON {canonical_key: [name, articles]}
    Column("words", Text, nullable=False),  # JSON {word: articles}
    Column("updated_at", DateTime, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
    Column("score", Float, nullable=True),  # the match score that joined it (None: opened the story)
)

# The corpus alias table (migration 0006; store/actors.py, store/aliases.py): every name an
# entity was given in a stored article, the actor it is linked to, and the users' decisions.
actor_names = Table(
    "actor_names",
    metadata,
    Column("name_key", String(300), primary_key=True),  # lower-cased, as entities.canonical_key
    Column("name", Text, nullable=False),  # as first written
    Column("type", String(16), nullable=False),
    Column("n_articles", Integer, nullable=False),  # articles whose analysis named it (counted as stored)
    Column("actor_key", String(300), nullable=False, index=True),  # the name_key of its actor's head
    Column("rule", String(16), nullable=False),  # self, variant, surname, acronym, article, user
    Column("candidates", Text, nullable=True),  # JSON [actor_key]: an ambiguous name's possible actors
    Column("updated_at", DateTime, nullable=False),
)

actor_blocks = Table(
    "actor_blocks",
    metadata,
    Column("block", String(310), primary_key=True),
    Column("name_key", String(300), primary_key=True, index=True),
)

#: "An article gave ``name_key`` as an alias of ``other_key``" (an acronym it defined, ...).
actor_evidence = Table(
    "actor_evidence",
    metadata,
    Column("name_key", String(300), primary_key=True),
    Column("other_key", String(300), primary_key=True, index=True),
    Column("n_articles", Integer, nullable=False),  # articles that said so
)

actor_decisions = Table(
    "actor_decisions",
    metadata,
    Column("name_key", String(300), primary_key=True),
    Column("action", String(16), nullable=False),  # merge, split
    Column("target_key", String(300), nullable=True, index=True),  # merge: the actor joined
    Column("decided_at", DateTime, nullable=False),  # naive UTC
)
