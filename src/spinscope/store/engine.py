"""Engines and migrations: connect to SQLite or PostgreSQL and bring the schema to head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KIB = 65_536  # page cache per connection (SQLite's default is 2 MiB)
SQLITE_MMAP_BYTES = 256 * 1024 * 1024  # read through the OS page cache, no copies
#: Execution option that makes a SQLite transaction take the write lock up front.
WRITE_OPTION = "spinscope_write"
_PG_MIGRATION_LOCK = 727_411_905  # pg_advisory_xact_lock key: one migrator at a time


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (already resolved), with the SQLite pragmas that allow one
    writer next to concurrent readers (WAL, busy timeout, explicit ``BEGIN``)."""
    try:
        parsed = make_url(url)
        if parsed.port is not None and not 0 < parsed.port < 65536:  # not a number: ValueError here
            raise ValueError(f"port {parsed.port} out of range")
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"invalid database URL ({_first_line(exc)}): use a file path, sqlite:///FILE or "
            "postgresql://user@host:port/database"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url, parsed.database)
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}") from exc


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc}") from exc
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    memory = not database or database == ":memory:"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _first_line(exc: BaseException) -> str:
    """An error's message without SQLAlchemy's background link and driver continuation lines."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version of spinscope."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to head in one transaction (a no-op when already there)."""
    head = head_revision()
    try:
        if current_revision(engine) == head:
            return
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as exc:  # no server, refused, bad host, no such file or folder
        raise StoreError(f"cannot open the store {_where(engine)}: {_first_line(exc.orig or exc)}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the store schema: {_first_line(exc)}") from exc
    except Exception as exc:  # alembic raises its own errors (e.g. unknown revision)
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot migrate the store schema: {exc}") from exc
