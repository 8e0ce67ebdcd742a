"""The web UI and JSON API over the corpus store (``spinscope serve``).

:func:`create_app` builds the FastAPI application; the CLI only runs it with uvicorn.
"""

from __future__ import annotations

from .app import create_app
from .options import ServeOptions

__all__ = ["ServeOptions", "create_app"]
