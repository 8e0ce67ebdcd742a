"""Fetch a URL with bounded time and size (httpx)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._version import __version__
from ..errors import FetchError, InputTooLargeError

if TYPE_CHECKING:
    import httpx


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float, max_bytes: int, transport: httpx.BaseTransport | None = None) -> Fetched:
    import httpx  # here, not at import: it costs start-up to every run that fetches nothing

    headers = {"User-Agent": f"spinscope/{__version__} (+offline news analysis)"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5, headers=headers, transport=transport) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}", source=url)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputTooLargeError(f"response is {int(declared) / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit", source=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLargeError(f"response exceeds the {max_bytes / 1e6:.1f} MB limit", source=url)
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g} s", source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch: {exc}", source=url) from exc
