"""Alembic migrations of the store schema (run by :func:`spinscope.store.open_store`)."""
