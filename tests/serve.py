"""A static server for the built site that answers as GitHub Pages does.

GitHub Pages sends text files gzipped to browsers that accept it; Python's http.server never
compresses, so page weights measured against it would be about four times what readers get.
It answers a missing path with the site's own `404.html` (status 404), and serves a project
site under its repository's name (`https://owner.github.io/<repo>/`): `prefix`.
`python tests/serve.py SITE_DIR [PORT [PREFIX]]` serves a site by hand, as the tests do.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

# Compressed when asked for, like GitHub Pages: text, scripts, data, SVG. Fonts and images
# are already compressed.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file gzipped at a CDN's usual level; mtime and size key the cache."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from `directory` under `prefix`, gzipping text types when the request
    accepts gzip, and the site's 404 page for what it does not hold. Over HTTP/1.1, which keeps
    a connection open for the page's next files, as GitHub Pages does (HTTP/1.0, http.server's
    default, opens one per file: Lighthouse's simulated phone network then pays a connection's
    set-up for each of them)."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, prefix: str = "/", **kwargs: Any) -> None:
        self.prefix = prefix
        """The path the site is served under: `/`, or `/<repo>/` for a project site."""
        super().__init__(*args, **kwargs)  # which answers the request

    def translate_path(self, path: str) -> str:
        return super().translate_path(path[len(self.prefix.rstrip("/")) :] or "/")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The site's `404.html` for a missing path under the prefix, as GitHub Pages answers."""
        page = Path(self.directory, "404.html")
        if code != http.HTTPStatus.NOT_FOUND or not self._under_prefix() or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _under_prefix(self) -> bool:
        base, path = self.prefix.rstrip("/"), self.path.split("?", 1)[0]
        return not base or path == base or path.startswith(base + "/")

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if not self._under_prefix():
            self.send_error(http.HTTPStatus.NOT_FOUND)  # another site of the host's
            return None
        path = self._file_to_compress()
        if path is None:
            return super().send_head()
        stat = os.stat(path)
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _file_to_compress(self) -> str | None:
        """The file to send gzipped, or None to let http.server answer (redirects, 404s, ...)."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # http.server redirects to the slashed URL
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return None
        return path if self.guess_type(path).startswith(COMPRESSED_TYPES) else None

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded server that lets a browser drop a connection (it does when a page moves on
    mid-download) without printing a traceback into the test output."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` under `prefix` on a free localhost port for the duration; yield its
    base URL, without the final slash (`http://127.0.0.1:PORT/<repo>`)."""
    handler = functools.partial(SiteHandler, directory=str(directory), prefix=prefix)
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    directory = sys.argv[1] if len(sys.argv) > 1 else "site"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    prefix = sys.argv[3] if len(sys.argv) > 3 else "/"
    handler = functools.partial(SiteHandler, directory=directory, prefix=prefix)
    print(f"serving {directory} gzipped on http://127.0.0.1:{port}{prefix}")
    SiteServer(("127.0.0.1", port), handler).serve_forever()
