"""One home for every error spinscope raises.

Library code raises these; only the CLI turns them into one line on stderr and an
exit status, and only the web API turns them into the JSON error shape
``{"error": {"code": ..., "message": ..., "source": ...}}``.
"""

from __future__ import annotations


class SpinscopeError(Exception):
    """Base class of every error raised on purpose by spinscope."""

    code = "spinscope_error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

    def to_dict(self) -> dict[str, str | None]:
        """The one JSON error shape shared by the CLI's JSON output and the API."""
        return {"code": self.code, "message": self.message, "source": self.source}


class InputError(SpinscopeError):
    """An input could not be turned into articles (empty, binary, too large, malformed...)."""

    code = "bad_input"


class EmptyInputError(InputError):
    code = "empty_input"


class BinaryInputError(InputError):
    code = "binary_input"


class InputTooLargeError(InputError):
    code = "input_too_large"


class DecodingError(InputError):
    code = "undecodable_input"


class MalformedInputError(InputError):
    code = "malformed_input"


class FetchError(InputError):
    """A URL could not be fetched within the time and size bounds."""

    code = "fetch_failed"


class UsageError(SpinscopeError):
    """The caller asked for something that does not make sense (bad option, unknown format)."""

    code = "usage_error"


class ModelError(SpinscopeError):
    """A shipped or trained model is missing, corrupt or incompatible."""

    code = "model_error"


class DataError(SpinscopeError):
    """A training/evaluation folder is not in the SemEval layout."""

    code = "data_error"


class StoreError(SpinscopeError):
    """The article store could not be opened, migrated or written."""

    code = "store_error"


class NotFoundError(SpinscopeError):
    code = "not_found"


class AuthError(SpinscopeError):
    """A write was asked for without the right token (HTTP 401)."""

    code = "unauthorized"


class ForbiddenError(SpinscopeError):
    """The request is not allowed at all: writes disabled, a cross-site write, a foreign ``Host`` (HTTP 403)."""

    code = "forbidden"


class BusyError(SpinscopeError):
    """Too many analyses are already running or waiting (HTTP 503); retry later."""

    code = "busy"
