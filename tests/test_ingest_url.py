"""URL reading against a real local HTTP server on 127.0.0.1 (bounded time and size)."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from spinscope.errors import FetchError, InputError, InputTooLargeError
from spinscope.ingest import ReadOptions, read, read_source

from .test_ingest import HTML, RSS

ROUTES = {
    "/page": ("text/html; charset=utf-8", HTML.encode()),
    "/feed": ("application/rss+xml", RSS.encode()),
    "/plain.txt": ("text/plain; charset=windows-1252", "Le président a parlé d'une «victoire» très nette hier soir.".encode("cp1252")),
    "/huge": ("text/plain", b"word " * 50_000),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path not in ROUTES:
            self.send_error(404)
            return
        ctype, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if self.path != "/huge":  # /huge streams without a length, to test the streaming bound
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_html_url(server):
    article = read(f"{server}/page")[0]
    assert article.title == "Bridge opens at last"
    assert article.url == f"{server}/page"


def test_redirect_is_followed(server):
    assert read(f"{server}/redirect")[0].title == "Bridge opens at last"


def test_feed_url(server):
    articles = [a for item in read_source(f"{server}/feed") if isinstance(item, tuple) for a in item[1]]
    assert [a.title for a in articles] == ["First story", "Second story"]


def test_legacy_encoded_text_url(server):
    assert "«victoire» très" in read(f"{server}/plain.txt")[0].text


def test_http_error_names_url(server):
    items = list(read_source(f"{server}/missing"))
    assert isinstance(items[0], FetchError) and "404" in str(items[0]) and "/missing" in str(items[0])


def test_timeout_is_bounded(server):
    items = list(read_source(f"{server}/slow", ReadOptions(timeout=0.5)))
    assert isinstance(items[0], FetchError) and "timed out" in str(items[0])


def test_size_is_bounded(server):
    items = list(read_source(f"{server}/huge", ReadOptions(max_bytes=10_000)))
    assert isinstance(items[0], InputTooLargeError)


def test_unreachable_host():
    items = list(read_source("http://127.0.0.1:9/nothing", ReadOptions(timeout=2)))
    assert isinstance(items[0], FetchError)


# Hostile servers, through the ``ReadOptions.transport`` seam (no socket needed).


def _serve(handler) -> ReadOptions:
    return ReadOptions(transport=httpx.MockTransport(handler), timeout=2)


def test_feed_response_naming_a_local_file_is_parsed_not_opened(tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_text(RSS.replace("First story", "SECRET"))
    options = _serve(lambda request: httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=str(secret).encode()))
    items = list(read_source("http://example.test/feed", options))
    assert all(isinstance(i, InputError) for i in items)
    assert "SECRET" not in " ".join(str(i) for i in items)


def test_declared_length_over_the_limit_is_refused_before_reading():
    options = _serve(lambda request: httpx.Response(200, headers={"content-length": str(10**12)}, content=b"x"))
    options.max_bytes = 1000
    (error,) = list(read_source("http://example.test/big", options))
    assert isinstance(error, InputTooLargeError) and error.source == "http://example.test/big"


def test_redirect_loop_is_a_fetch_error():
    options = _serve(lambda request: httpx.Response(302, headers={"location": "/again"}))
    (error,) = list(read_source("http://example.test/again", options))
    assert isinstance(error, FetchError) and error.source == "http://example.test/again"


def test_binary_response_is_named():
    options = _serve(lambda request: httpx.Response(200, headers={"content-type": "text/html"}, content=b"%PDF-1.7 \x00\x01"))
    (error,) = list(read_source("http://example.test/doc", options))
    assert isinstance(error, InputError) and "PDF" in error.message
