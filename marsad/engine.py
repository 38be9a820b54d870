"""Engines: ``engine.map(fn, items)``, in order, on all local cores or a Dask cluster.

``fn`` must be a module-level function (it is sent to other processes by name).
Whatever it builds once per process (the extraction pipeline, through
:func:`marsad.pipeline.default_pipeline`) is built once per worker and reused
for every item that worker gets. Results come back in the order of ``items``,
so the store a run writes does not depend on the engine. Items are sent in
batches of ``batch`` with a bounded number in flight, so an endless input
(months of news) streams in constant memory.

- :class:`LocalEngine` (``--engine local``): ``workers`` processes (default: all
  cores); one worker runs in this process, with no pool at all.
- :class:`DaskEngine` (``--engine dask``): the cluster of ``scheduler``
  (``tcp://HOST:8786``), or a LocalCluster of ``workers`` single-threaded
  processes when none is given. Every worker needs marsad installed.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from .errors import ConfigError

ENGINES = ("local", "dask")


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_batch(fn: Callable[[Any], Any], batch: list[Any]) -> list[Any]:
    return [fn(item) for item in batch]


#: One worker process per core: numerical libraries get one thread each, or two workers on two
#: cores would run four BLAS threads and be slower than one.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS")


def _warm() -> None:
    """Start a worker: one thread for numerical libraries, then build the pipeline once. A
    pipeline failure here is not fatal: the first article raises it again and the driver
    reports it with that article."""
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # for libraries loaded before the variables were set
    except ImportError:
        pass
    from .pipeline import default_pipeline

    try:
        default_pipeline()
    except Exception:  # reported per article by marsad.store.ingest.extract_article
        pass


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, *, batch: int = 4, warm: Callable[[], None] | None = _warm):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch = batch
        self._warm = warm
        self._pool = None

    def _get_pool(self):
        # concurrent.futures rather than multiprocessing.Pool: a worker that dies (killed, out of
        # memory) fails the run with BrokenProcessPool instead of hanging it forever.
        if self._pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=self._warm)
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            for item in items:
                yield fn(item)
            return
        pool = self._get_pool()
        pending: deque = deque()
        window = self.workers * 4
        for batch in _batches(items, self.batch):
            pending.append(pool.submit(run_batch, fn, batch))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, *, batch: int = 8,
                 warm: Callable[[], None] | None = _warm):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("the dask engine needs dask.distributed: pip install 'marsad[dask]'") from exc
        self.batch = batch
        self._cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        else:
            n = max(1, workers or os.cpu_count() or 1)
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=40)
            self.client = Client(self._cluster)
        if warm is not None:
            self.client.run(warm)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or 1

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        pending: deque = deque()
        window = max(2, self.workers * 4)
        for batch in _batches(items, self.batch):
            pending.append(self.client.submit(run_batch, fn, batch, pure=False))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def get_engine(name: str = "local", *, workers: int | None = None, scheduler: str | None = None):
    """The engine called ``name`` (``local`` or ``dask``)."""
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler is for --engine dask")
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise ConfigError(f"unknown engine {name!r}: use local or dask")
