"""An in-memory LRU cache of API responses, valid while the store is unchanged.

The store's version is the size and modification time of a SQLite file and its
write-ahead log (so an ``marsad ingest`` from another process is seen at once);
for other stores, a five-second clock. ``POST /api/ingest`` empties it too.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from .tokens import sqlite_path

TTL_SECONDS = 5.0


def store_version(db_url: str) -> tuple:
    path = sqlite_path(db_url)
    if path and path != ":memory:":
        out = []
        for p in (path, path + "-wal"):
            try:
                st = os.stat(p)
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)
    return (int(time.monotonic() // TTL_SECONDS),)


class ResponseCache:
    def __init__(self, size: int, version: Callable[[], tuple]):
        self.size = size
        self.version = version
        self._data: OrderedDict[str, tuple[tuple, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str) -> bytes | None:
        if self.size <= 0:
            return None
        version = self.version()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == version:
                self._data.move_to_end(key)
                self.hits += 1
                return hit[1]
            self.misses += 1
            return None

    def put(self, key: str, body: bytes) -> None:
        if self.size <= 0:
            return
        version = self.version()
        with self._lock:
            self._data[key] = (version, body)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def cache_key(path: str, query: str) -> str:
    return path + "?" + "&".join(sorted(query.split("&")))


class CacheFront:
    """Pure ASGI, in front of the routes: a GET under /api/ whose response is cached (and so
    was validated when it was made) is answered without routing or validation again. ``fast``
    maps a path to a coroutine (query string -> body, or None to leave it to the route) that
    answers the commonest, plainly valid queries without FastAPI's per-request dependency
    solving; its answers are cached like the route's. Not used when reading needs the token."""

    def __init__(self, app, cache: ResponseCache, fast: dict[str, Callable] | None = None):
        self.app = app
        self.cache = cache
        self.fast = fast or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            query = scope.get("query_string", b"").decode("latin-1")
            key = cache_key(scope["path"], query)
            body = self.cache.get(key)
            if body is None and scope["path"] in self.fast:
                body = await self.fast[scope["path"]](query)
                if body is not None:
                    self.cache.put(key, body)
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
