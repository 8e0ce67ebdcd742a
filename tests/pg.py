"""A throwaway PostgreSQL server for the store tests.

``postgres_server`` (session scope) starts one with ``initdb``/``pg_ctl`` from
``/usr/lib/postgresql/*/bin`` in a temporary folder on a free localhost port (as the
``postgres`` user when the tests run as root) and stops it afterwards;
``postgres_url`` (function scope) creates a fresh, empty database on it per test.

Set ``SPINSCOPE_PG_URL`` to use a running server instead. Without the binaries the
tests skip, unless ``SPINSCOPE_REQUIRE_PG=1`` (CI), where they fail.
"""

from __future__ import annotations

import atexit
import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def find_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("SPINSCOPE_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL is required (SPINSCOPE_REQUIRE_PG=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


class Server:
    """initdb + pg_ctl start/stop, as the postgres user when we are root (also used by bench/)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="spinscope-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
            self.root.chmod(0o700)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self, *, durable: bool = False) -> str:
        """initdb and start; ``durable=False`` turns fsync off (tests), True keeps defaults (benchmarks)."""
        init = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip()}")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        if not durable:
            options += " -c fsync=off -c full_page_writes=off"
        start = self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        if start.returncode != 0:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log[-2000:]}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


# One server per test process, however many modules import the fixture (pytest keeps
# a session fixture per importing module): started on first use, stopped at exit.
_SHARED: dict[str, str] = {}


def _shared_server() -> str:
    """The URL of this process's server, or raise via ``_unavailable``."""
    if "url" in _SHARED:
        return _SHARED["url"]
    if "error" in _SHARED:
        _unavailable(_SHARED["error"])
    error = None
    bin_dir = find_bin_dir()
    if bin_dir is None:
        error = "initdb/pg_ctl were not found (Debian package `postgresql`)"
    elif importlib.util.find_spec("psycopg") is None:
        error = "psycopg is not installed"
    else:
        server = Server(bin_dir)
        try:
            _SHARED["url"] = server.start()
            atexit.register(server.stop)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            server.stop()
            error = f"the server did not start: {exc}"
    if error is not None:
        _SHARED["error"] = error
        _unavailable(error)
    return _SHARED["url"]


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """URL of the maintenance database of a running PostgreSQL server."""
    return os.environ.get("SPINSCOPE_PG_URL") or _shared_server()


def create_database(server_url: str) -> str:
    """Create an empty database on the server; return its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """URL of a fresh, empty database for one test."""
    return create_database(postgres_server)
