"""A static server for the built site that compresses as GitHub Pages does.

GitHub Pages sends text files gzipped to browsers that accept it; Python's http.server never
compresses, so page weights measured against it would be about four times what readers get.
`python tests/serve.py SITE_DIR [PORT]` serves a site by hand, as the tests do.
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
from typing import BinaryIO

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
    """Serves files from `directory`, gzipping text types when the request accepts gzip."""

    def send_head(self) -> io.BytesIO | BinaryIO | None:
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


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free localhost port for the duration; yield its base URL."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    directory = sys.argv[1] if len(sys.argv) > 1 else "site"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    handler = functools.partial(SiteHandler, directory=directory)
    print(f"serving {directory} gzipped on http://127.0.0.1:{port}/")
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
