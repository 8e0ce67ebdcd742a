"""Turn what a user passes as ``--db`` into a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from ..errors import UsageError


def default_path() -> Path:
    """The default SQLite file: ``spinscope.db`` in the user's data directory."""
    return Path(platformdirs.user_data_dir("spinscope")) / "spinscope.db"


def default_url() -> str:
    """The SQLAlchemy URL of the default store."""
    return f"sqlite:///{default_path()}"


def resolve_url(url: str | Path | None) -> str:
    """``None`` -> the default SQLite file; a bare path -> SQLite; a URL is kept.

    ``postgresql://`` and ``postgres://`` URLs use the psycopg 3 driver.
    """
    if url is None:
        return default_url()
    text = str(url)
    if "://" not in text:
        if not text.strip():
            raise UsageError("empty database path")
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    scheme, rest = text.split("://", 1)
    scheme = scheme.lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return f"sqlite://{rest}"
    raise UsageError(f"unsupported database URL scheme {scheme!r}: use a file path, sqlite:/// or postgresql://")
