"""Who may do what: write tokens, loopback addresses and the ``Host`` a request may name.

Reads are open to anyone who can reach the server. Writes (saving, ingesting, fetching a
URL) need the server's token when it has one, and are refused on a non-loopback address
without one. The ``Host`` check stops DNS rebinding: a page on another domain that
resolves to this server's address cannot talk to it, because its requests name that
domain (see :func:`host_allowed`).
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request

from ..errors import AuthError, ForbiddenError

_WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without port, lower-cased (``[::1]:80`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str | None, served: str, allowed: tuple[str, ...] = ()) -> bool:
    """Whether a request naming ``header`` as its ``Host`` is for this server.

    Allowed: the address the server is bound to (any loopback address and ``localhost``
    when it is a loopback one; any IP address when it listens on all of them), and the
    names given with ``--allowed-host`` (for a reverse proxy). Any other name is refused:
    only a DNS name can be rebound, and a name that is not ours is not ours.
    """
    if not header:
        return False
    name = host_name(header)
    if name in {h.lower() for h in allowed}:
        return True
    ip = _ip(name)
    if served.strip("[]") in _WILDCARDS:
        return ip is not None or name == "localhost"
    if is_loopback(served):
        return name == "localhost" or (ip is not None and ip.is_loopback)
    return (ip is not None and ip == _ip(served)) or name == served.lower()


def check_write(host: str, token: str | None, supplied: str | None) -> None:
    """Raise unless a write may go ahead.

    With a token configured every write must carry it. Without one, writes are open
    on a loopback address and refused on any other (an exposed server with no token).
    """
    if token:
        if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
            raise AuthError("this endpoint writes to the corpus: send the server's token (Authorization: Bearer TOKEN)")
        return
    if not is_loopback(host):
        raise ForbiddenError("writes are disabled on a non-loopback address; restart `spinscope serve` with --token")


def supplied_token(request: Request, form_token: str | None = None) -> str | None:
    """The token a request carries: ``Authorization: Bearer``, ``X-Spinscope-Token`` or a form field."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-spinscope-token") or form_token or None


def require_write(request: Request, form_token: str | None = None) -> None:
    """Raise unless this request may write to the corpus (see :func:`check_write`)."""
    options = request.app.state.options  # a ServeOptions
    check_write(options.host, options.token, supplied_token(request, form_token))
