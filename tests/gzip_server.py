"""A small static host for the built site, gzip-capable as a real one is (nginx `gzip on`):
text bodies go out gzipped when the browser asks for it, and a missing path gets the nearest
variant's 404.html with status 404 (nginx `error_page 404`, GitHub Pages). Lighthouse and the
weight bench measure the site through it. It counts the bytes it sends, so a page view's weight
is what the browser really fetched.

    python tests/gzip_server.py SITE_DIR [PORT]
"""
from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

VARIANTS = ("zh-Hans", "zh-Hant")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    sent: list[tuple[str, int, int]]  # (path, raw bytes, bytes on the wire), shared by the server
    _cache: dict

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status = 404
            variant = next((p for p in self.path.split("/") if p in VARIANTS), None)
            path = Path(self.directory) / (f"{variant}/404.html" if variant else "404.html")
        raw = path.read_bytes()
        ctype = self.guess_type(str(path))
        if ctype.startswith("text/") or ctype == "application/javascript":
            ctype += "; charset=utf-8"
        body, encoded = raw, False
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE):
            key = (str(path), len(raw))
            if key not in self._cache:
                self._cache[key] = gzip.compress(raw, compresslevel=6, mtime=0)  # nginx's usual level
            body, encoded = self._cache[key], True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((self.path, len(raw), len(body)))


def serve(site: Path, port: int = 0):
    """(server, base URL, list the server appends (path, raw, sent) to for every response)."""
    sent: list[tuple[str, int, int]] = []
    handler = type("Handler", (GzipHandler,), {"sent": sent, "_cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", sent


if __name__ == "__main__":
    srv, url, _ = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} gzipped at {url}", flush=True)
    threading.Event().wait()
