"""One store per thread: the web service's access to :func:`marsad.store.open_store`.

SQLite connections must not be shared between threads, and FastAPI runs store
calls in a pool of worker threads; each thread opens its own store once.
"""

from __future__ import annotations

import logging
import threading

from ..errors import ConfigError


class StoreAccess:
    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()

    def open_new(self):
        try:
            from ..store import open_store
        except ImportError as exc:
            raise ConfigError(f"the store is not available ({exc}): is marsad installed completely?") from exc
        return open_store(self.url)

    def get(self):
        store = getattr(self._local, "store", None)
        if store is None:
            store = self.open_new()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for store in stores:
            try:
                store.close()
            except Exception:  # at shutdown: log it, close the others
                logging.getLogger("marsad.web").exception("closing the store failed")
        self._local = threading.local()
