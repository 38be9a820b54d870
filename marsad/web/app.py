"""The FastAPI app: the JSON API under ``/api`` and the workbench UI at ``/``.

Reads go to the store through :class:`StoreAccess` (one store per worker thread,
so SQLite connections are never shared between threads) and are cached by
:class:`ResponseCache` until the store changes. ``POST /api/extract`` runs the
default pipeline; ``POST /api/ingest`` (bearer token) runs it and stores the result.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from contextlib import asynccontextmanager
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__
from . import errors, tokens
from .cache import CacheFront, ResponseCache, cache_key, store_version
from .limits import BodyLimit
from .settings import Settings
from .stores import StoreAccess

STATIC = Path(__file__).resolve().parent / "static"
DATE = r"^\d{4}-\d{2}-\d{2}$"
#: Fields a client may sort events by (prefix "-" for descending).
SORT_FIELDS = ("event_date", "event_type", "sub_event_type", "country", "admin1", "location",
               "actor1", "actor2", "fatalities", "confidence")
#: Worker threads for store calls, per process (MARSAD_WEB_THREADS overrides).
THREADS = 4
#: An event-list query whose kind last took less than this is answered on the event loop (see fast_events).
INLINE_SECONDS = 0.02
#: Points the map/timeline summary returns at most.
SUMMARY_MAX = 20_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")


def one_or_404(item: dict | None, kind: str, key: str) -> dict:
    """The record, or the 404 error of the one JSON error shape."""
    if item is None:
        raise errors.WebError(404, f"no {kind} {key!r}")
    return item

def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class ArticleIn(BaseModel):
    """One article to extract or ingest. Everything but ``text`` is optional."""

    text: str = Field(..., max_length=1_000_000, description="the article's text, as published")
    lang: Literal["auto", "ar", "en"] = "auto"
    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, pattern=DATE, description="YYYY-MM-DD")
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    default_date: str | None = Field(None, pattern=DATE, description="date to assume when the text gives none")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=100)


class EventFilters:
    """The filters every event list, summary and download accepts."""

    NAMES = ("date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "q", "article_id")

    def __init__(self, **values: str | None):
        self.filters = {k: values.get(k) for k in self.NAMES if values.get(k) not in (None, "")}
        if "q" in self.filters and not _searchable(self.filters["q"]):
            del self.filters["q"]  # only punctuation or marks: nothing to search for, so no text filter


async def event_filters(
    date_from: str | None = Query(None, pattern=DATE, description="first day, YYYY-MM-DD"),
    date_to: str | None = Query(None, pattern=DATE, description="last day, YYYY-MM-DD"),
    country: str | None = Query(None, max_length=200),
    admin1: str | None = Query(None, max_length=200),
    event_type: str | None = Query(None, max_length=200),
    sub_event_type: str | None = Query(None, max_length=200),
    actor: str | None = Query(None, max_length=300, description="actor1, actor2 or an associated actor"),
    q: str | None = Query(None, max_length=500, description="full text over the events' articles"),
    article_id: str | None = Query(None, max_length=200),
) -> EventFilters:
    """The dependency giving :class:`EventFilters` (async: FastAPI runs a plain function, or a
    class, in a worker thread, one more thread hop per request)."""
    return EventFilters(date_from=date_from, date_to=date_to, country=country, admin1=admin1, event_type=event_type,
                        sub_event_type=sub_event_type, actor=actor, q=q, article_id=article_id)


def _searchable(q: str) -> bool:
    """Whether ``q`` has a word the full-text index can look up (the store's own tokeniser)."""
    from ..store.dedup import words

    return bool(words(q))


def create_app(settings: Settings | None = None, **overrides: Any) -> FastAPI:
    settings = settings or Settings()
    for key, value in overrides.items():
        setattr(settings, key, value)
    stores = StoreAccess(settings.db)
    cache = ResponseCache(settings.cache_size, lambda: store_version(settings.db))
    token_file = tokens.token_path(settings.db, settings.token_file)
    extract_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app):
        import os

        import anyio.to_thread

        # Store calls take a millisecond or two: a few threads keep the CPU busy, while anyio's
        # default of 40 only adds GIL hand-offs (and SQLite connections) under load.
        anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ.get("MARSAD_WEB_THREADS", THREADS))
        yield
        stores.close_all()

    app = FastAPI(
        lifespan=lifespan,
        title="marsad",
        version=__version__,
        description="Conflict-event records (marsad/1) from Arabic and English news, each checkable against its "
                    "source text. Every error has one shape: `{\"error\": {status, code, message, details}}`.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.cache = cache
    errors.install(app)

    def bearer(request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" else None

    def require_token(request: Request) -> None:
        if not token_file.exists():
            raise errors.WebError(401, f"no token is configured: run `marsad token --db {settings.db}` and send "
                                       "'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
        if not tokens.check(token_file, bearer(request)):
            raise errors.WebError(401, "missing or wrong bearer token: send 'Authorization: Bearer <token>' "
                                       "(make one with `marsad token`)", headers={"WWW-Authenticate": "Bearer"})

    async def read_access(request: Request) -> None:
        if settings.read_token:
            require_token(request)

    def clamp(limit: int) -> int:
        return min(limit, settings.max_limit)

    async def cached(request: Request, compute) -> Response:
        key = cache_key(request.url.path, request.scope.get("query_string", b"").decode("latin-1"))
        body = cache.get(key)
        if body is None:
            body = await run_in_threadpool(lambda: compute(stores.get()))
            if not isinstance(body, bytes):  # bytes: already serialised by compute
                body = dumps(body)
            cache.put(key, body)
        return Response(body, media_type="application/json")

    def sort_order(sort: str) -> str:
        if sort.lstrip("-") not in SORT_FIELDS:
            raise errors.WebError(422, f"cannot sort by {sort!r}: use one of {', '.join(SORT_FIELDS)} "
                                       "(prefix - for descending)", "validation_error")
        return sort

    read = [Depends(read_access)]

    # ---- reading ----
    @app.get("/api/events", tags=["events"], dependencies=read, summary="Events, filtered, sorted and paged")
    async def list_events(request: Request, f: EventFilters = Depends(event_filters),
                          limit: int = Query(50, ge=1, le=100_000), offset: int = Query(0, ge=0, le=10_000_000),
                          sort: str = Query("-event_date", max_length=40, description="field, - for descending")):
        order, lim = sort_order(sort), clamp(limit)

        def compute(store):
            return event_list_body(store, f.filters, lim, offset, order)
        return await cached(request, compute)

    @app.get("/api/events/summary", tags=["events"], dependencies=read,
             summary="Map points and events per day by type, for the same filters")
    async def events_summary(request: Request, f: EventFilters = Depends(event_filters)):
        def compute(store):
            days: dict[str, dict[str, int]] = {}
            points, total = [], 0
            for ev in _all_events(store, f.filters):
                total += 1
                etype = ev.get("event_type") or "Unknown"
                if ev.get("event_date"):
                    per = days.setdefault(ev["event_date"], {})
                    per[etype] = per.get(etype, 0) + 1
                if ev.get("latitude") is not None and ev.get("longitude") is not None and len(points) < SUMMARY_MAX:
                    points.append({"id": ev.get("id"), "lat": ev["latitude"], "lon": ev["longitude"],
                                   "event_type": etype, "event_date": ev.get("event_date"),
                                   "location": ev.get("location"), "fatalities": ev.get("fatalities") or 0})
            return {"total": total, "days": [{"date": d, "counts": days[d]} for d in sorted(days)],
                    "points": points, "truncated": total > len(points) and len(points) >= SUMMARY_MAX}
        return await cached(request, compute)

    @app.get("/api/events.csv", tags=["downloads"], dependencies=read, response_class=Response,
             summary="The selected events as ACLED-style CSV")
    async def events_csv(f: EventFilters = Depends(event_filters), sort: str = Query("-event_date", max_length=40)):
        order = sort_order(sort)
        await run_in_threadpool(lambda: stores.get().count_events(**f.filters))  # bad filters: 400 before streaming
        return StreamingResponse(_csv_rows(stores, f.filters, order), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})

    @app.get("/api/events.geojson", tags=["downloads"], dependencies=read, response_class=Response,
             summary="The selected events as a GeoJSON FeatureCollection")
    async def events_geojson(f: EventFilters = Depends(event_filters), sort: str = Query("-event_date", max_length=40)):
        order = sort_order(sort)
        await run_in_threadpool(lambda: stores.get().count_events(**f.filters))
        return StreamingResponse(_geojson_chunks(stores, f.filters, order), media_type="application/geo+json",
                                 headers={"Content-Disposition": 'attachment; filename="marsad-events.geojson"'})

    @app.get("/api/events/{event_id}", tags=["events"], dependencies=read,
             summary="One event with its claims, evidence spans and source articles")
    async def get_event(request: Request, event_id: str):
        return await cached(request, lambda store: one_or_404(store.event(event_id), "event", event_id))

    @app.get("/api/articles", tags=["articles"], dependencies=read, summary="Articles, newest first")
    async def list_articles(request: Request, limit: int = Query(50, ge=1, le=100_000),
                            offset: int = Query(0, ge=0), q: str | None = Query(None, max_length=500)):
        lim = clamp(limit)
        return await cached(request, lambda s: {"limit": lim, "offset": offset,
                                                "items": s.articles(limit=lim, offset=offset, q=q or None)})

    @app.get("/api/articles/{article_id}", tags=["articles"], dependencies=read,
             summary="One article with its text and its marsad/1 document")
    async def get_article(request: Request, article_id: str):
        return await cached(request, lambda store: one_or_404(store.article(article_id), "article", article_id))

    @app.get("/api/claims", tags=["claims"], dependencies=read, summary="Attributed claims")
    async def list_claims(request: Request, limit: int = Query(50, ge=1, le=100_000), offset: int = Query(0, ge=0),
                          event_id: str | None = Query(None, max_length=200),
                          article_id: str | None = Query(None, max_length=200),
                          stance: Literal["asserted", "claimed", "believed", "denied"] | None = None):
        lim = clamp(limit)
        filters = {k: v for k, v in {"event_id": event_id, "article_id": article_id, "stance": stance}.items() if v}
        return await cached(request, lambda s: {"limit": lim, "offset": offset,
                                                "items": s.claims(limit=lim, offset=offset, **filters)})

    @app.get("/api/discrepancies", tags=["claims"], dependencies=read,
             summary="Figures on which sources disagree")
    async def list_discrepancies(request: Request, limit: int = Query(50, ge=1, le=100_000),
                                 offset: int = Query(0, ge=0)):
        lim = clamp(limit)
        return await cached(request, lambda s: {"limit": lim, "offset": offset,
                                                "items": s.discrepancies(limit=lim, offset=offset)})

    @app.get("/api/stats", tags=["store"], dependencies=read, summary="Counts by type, country and month")
    async def stats(request: Request):
        return await cached(request, lambda s: s.stats())

    @app.get("/api/search", tags=["articles"], dependencies=read, summary="Full-text search over articles")
    async def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
                     limit: int = Query(20, ge=1, le=1000)):
        return await cached(request, lambda s: {"q": q, "items": s.search(q, limit=clamp(limit))})

    @app.get("/api/geo/{level}", tags=["store"], dependencies=read,
             summary="Country or admin1 boundaries (GeoJSON) for the map, from marsad's own geo data")
    async def boundaries(level: Literal["countries", "admin1"]):
        body = await run_in_threadpool(boundary_bytes, level)
        if body is None:
            raise errors.WebError(404, f"no {level} boundaries are installed in marsad/geo/data/")
        return Response(body, media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/health", tags=["store"], summary="Liveness and version")
    async def health():
        return {"status": "ok", "version": __version__, "write_token": token_file.exists()}

    # ---- extraction and ingestion ----
    def run_extract(item: ArticleIn):
        from ..pipeline import default_pipeline

        meta = item.model_dump(exclude={"text"}, exclude_none=True)
        with extract_lock:  # stages are built once and shared; one article at a time
            return default_pipeline().extract(item.text, **meta)

    @app.post("/api/extract", tags=["extraction"], dependencies=read,
              summary="Text in, marsad/1 document out (nothing is stored)")
    async def extract(item: ArticleIn):
        record = await run_in_threadpool(run_extract, item)
        return Response(dumps(record.to_dict()), media_type="application/json")

    @app.post("/api/ingest", tags=["extraction"], dependencies=[Depends(require_token)],
              summary="Extract and store articles (bearer token)")
    async def ingest(body: IngestIn | ArticleIn):
        items = body.articles if isinstance(body, IngestIn) else [body]

        def work():
            from ..store.base import StoredArticle

            pairs = []
            for item in items:
                rec = run_extract(item)
                a = rec.article
                pairs.append((StoredArticle(id=a.id, text=item.text, lang=a.lang, title=a.title,
                                            published=a.published, source=a.source, url=a.url), rec))
            result = stores.get().add(pairs)
            return {"added": result.added, "skipped": result.skipped, "events": result.events,
                    "claims": result.claims,
                    "articles": [{"id": a.id, "events": [e.id for e in r.events]} for a, r in pairs],
                    "documents": [r.to_dict() for _a, r in pairs]}
        out = await run_in_threadpool(work)
        cache.clear()
        return out

    # The short paths, kept as aliases of the /api/ ones.
    app.add_api_route("/extract", extract, methods=["POST"], dependencies=read, include_in_schema=False)
    app.add_api_route("/ingest", ingest, methods=["POST"], dependencies=[Depends(require_token)],
                      include_in_schema=False)

    # ---- the UI ----
    @app.get("/docs", include_in_schema=False)
    async def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="marsad API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/", include_in_schema=False)
    async def index():
        if not (STATIC / "vendor" / "leaflet" / "leaflet.js").exists():
            return HTMLResponse("<!doctype html><meta charset=utf-8><title>marsad</title><p>The front-end files are "
                                "missing: run <code>npm ci &amp;&amp; scripts/build_web_assets.sh</code> (or "
                                "<code>make setup</code>) and reload.</p><p>The API works: <a href=/docs>/docs</a>.",
                                status_code=503)
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    inline_cost: dict[tuple, float] = {}  # seconds the last page of each kind of query took

    def timed_page(filters: dict, lim: int, offset: int, order: str) -> tuple[bytes, float]:
        t0 = time.perf_counter()
        body = event_list_body(stores.get(), filters, lim, offset, order)
        return body, time.perf_counter() - t0

    async def fast_events(query_string: str) -> bytes | None:
        """GET /api/events without routing and dependency solving, for a query the route would
        accept as it is (see :func:`fast_event_params`); None hands the request to the route.

        A kind of query (its filter names, order, a big page or a far offset) whose pages take
        under INLINE_SECONDS (a running average) is answered on the event loop itself: an indexed
        page takes about a millisecond, less than the hop to a worker thread and back, and those
        hops (with their GIL hand-offs) made the tail slow under load. Any other (a full-text
        filter, a kind not seen yet, or slow: a huge store's full scan) goes to a worker thread,
        so the loop is never held up long."""
        parsed = fast_event_params(query_string, settings.max_limit)
        if parsed is None:
            return None
        filters, lim, offset, order = parsed
        kind = (tuple(sorted(filters)), order, lim > 100, offset > 1000)
        try:
            if "q" not in filters and inline_cost.get(kind, 1.0) < INLINE_SECONDS:
                body, took = timed_page(filters, lim, offset, order)
            else:
                body, took = await run_in_threadpool(timed_page, filters, lim, offset, order)
            last = inline_cost.get(kind)
            inline_cost[kind] = took if last is None else 0.8 * last + 0.2 * took  # smoothed: one hiccup moves nothing
            return body
        except Exception:  # the route gives the error its one JSON shape
            return None

    if not settings.read_token:
        app.add_middleware(CacheFront, cache=cache, fast={"/api/events": fast_events})
    app.add_middleware(SecurityHeaders)

    if settings.origins():
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.origins(), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    return app


class SecurityHeaders:
    """Pure ASGI: nosniff, no referrer, and the CSP (not on /docs, whose page has an inline script)."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = self.HEADERS if scope["path"] == "/docs" else self.HEADERS + [(b"content-security-policy", CSP.encode())]

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


SETTINGS_ENV = "MARSAD_WEB_SETTINGS"


def app_from_env() -> FastAPI:
    """The app with the settings ``marsad serve`` put in $MARSAD_WEB_SETTINGS (JSON): the factory
    each uvicorn worker process calls when serving with ``--workers N``."""
    import os

    return create_app(Settings(**json.loads(os.environ.get(SETTINGS_ENV, "{}"))))


_BOUNDARIES: dict[str, bytes | None] = {}
GEO_DATA = Path(__file__).resolve().parent.parent / "geo" / "data"


def boundary_bytes(level: str) -> bytes | None:
    """The boundaries file of marsad/geo/data (``*countr*``/``*admin1*``, .geojson or .geojson.gz), read once."""
    if level not in _BOUNDARIES:
        import gzip

        words = ("countr",) if level == "countries" else ("admin1", "admin-1", "adm1")
        found = None
        if GEO_DATA.is_dir():
            for f in sorted(GEO_DATA.iterdir()):
                name = f.name.lower()
                if any(w in name for w in words) and name.endswith((".geojson", ".geojson.gz", ".json.gz")):
                    found = f
                    break
        if found is None:
            _BOUNDARIES[level] = None
        else:
            data = found.read_bytes()
            _BOUNDARIES[level] = gzip.decompress(data) if found.name.endswith(".gz") else data
    return _BOUNDARIES[level]


def event_list_body(store, filters: dict, limit: int, offset: int, order: str) -> bytes:
    """The JSON body of GET /api/events: total, limit, offset, sort and the page's items."""
    head = {"total": store.count_events(**filters), "limit": limit, "offset": offset, "sort": order}
    raw = page_json(store, limit, offset, order, filters)
    if raw is None:
        return dumps(dict(head, items=sorted_page(store, limit, offset, order, filters)))
    # The stored JSON of each event, spliced in as it is: no parse and re-serialise per request.
    return dumps(head)[:-1] + b',"items":[' + ",".join(raw).encode("utf-8") + b"]}"


_FAST_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FAST_MAX = {"country": 200, "admin1": 200, "event_type": 200, "sub_event_type": 200, "actor": 300, "q": 500,
             "article_id": 200}


def fast_event_params(query_string: str, max_limit: int) -> tuple[dict, int, int, str] | None:
    """(filters, limit, offset, order) of an event-list query string, when every parameter is
    one the route knows, given once, and plainly valid (a subset of what the route accepts);
    otherwise None, and the route answers (with its validation and error shape)."""
    from urllib.parse import parse_qsl

    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, strict_parsing=False)
    except ValueError:
        return None
    values = dict(pairs)
    if len(values) != len(pairs):
        return None  # a parameter given twice
    limit, offset, order = 50, 0, "-event_date"
    for key, value in values.items():
        if key in ("date_from", "date_to"):
            if value and not _FAST_DATE.fullmatch(value):
                return None
        elif key in _FAST_MAX:
            if len(value) > _FAST_MAX[key]:
                return None
        elif key == "limit":
            if not value.isascii() or not value.isdigit() or len(value) > 6 or not 1 <= int(value) <= 100_000:
                return None
            limit = int(value)
        elif key == "offset":
            if not value.isascii() or not value.isdigit() or len(value) > 8 or int(value) > 10_000_000:
                return None
            offset = int(value)
        elif key == "sort":
            if len(value) > 40 or value.lstrip("-") not in SORT_FIELDS:
                return None
            order = value
        else:
            return None
    filters = EventFilters(**{k: v for k, v in values.items() if k in EventFilters.NAMES}).filters
    return filters, min(limit, max_limit), offset, order


def page_json(store, limit: int, offset: int, order: str, filters: dict) -> list[str] | None:
    """A page of events as their stored JSON texts, when the store can give them in ``order``; else None."""
    from ..errors import StoreError

    events_json = getattr(store, "events_json", None)
    if events_json is None:
        return None
    try:
        return events_json(limit=limit, offset=offset, order=order, **filters)
    except StoreError:
        if order.lstrip("-") not in SORT_FIELDS:
            raise
        return None


def sorted_page(store, limit: int, offset: int, order: str, filters: dict) -> list[dict]:
    """A page of events in ``order``; when the store cannot sort by that field, sort here
    (over at most SUMMARY_MAX events; the result is cached like any other)."""
    from ..errors import StoreError

    try:
        return store.events(limit=limit, offset=offset, order=order, **filters)
    except StoreError:
        if order.lstrip("-") not in SORT_FIELDS:
            raise
    field, desc = order.lstrip("-"), order.startswith("-")
    rows = list(itertools.islice(_all_events(store, filters), SUMMARY_MAX))
    present = [r for r in rows if r.get(field) not in (None, "")]
    missing = [r for r in rows if r.get(field) in (None, "")]
    present.sort(key=lambda r: (_sort_key(r.get(field)), str(r.get("id"))), reverse=desc)
    return (present + missing)[offset:offset + limit]


def _all_events(store, filters: dict) -> Iterable[dict]:
    """The events of a selection: in one store call (one query, one sort) when there are at most
    SUMMARY_MAX of them, else by the store's iterator, page by page."""
    rows = store.events(limit=SUMMARY_MAX + 1, offset=0, order="-event_date", **filters)
    return rows if len(rows) <= SUMMARY_MAX else store.iter_events(**filters)


def _sort_key(value: Any) -> tuple:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value).casefold())


def _iter_selected(stores: StoreAccess, filters: dict, order: str) -> Iterator[dict]:
    # A fresh store for the stream: the response is produced in a worker thread of its own.
    from ..errors import StoreError

    store = stores.open_new()
    try:
        try:
            first = store.iter_events(order=order, **filters)
            yield next(first)
        except StopIteration:
            return
        except StoreError:  # an order the store cannot give: the store's own
            first = store.iter_events(**filters)
        yield from first
    finally:
        store.close()


def _csv_rows(stores: StoreAccess, filters: dict, order: str) -> Iterator[str]:
    import csv
    import io

    from ..formats import ACLED_COLUMNS, acled_row

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    buf.write("\ufeff")  # so that spreadsheet programs read the Arabic as UTF-8
    writer.writeheader()
    for n, ev in enumerate(_iter_selected(stores, filters, order)):
        writer.writerow(acled_row(ev, {"id": (ev.get("article_ids") or [None])[0]}))
        if n % 200 == 199:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _geojson_chunks(stores: StoreAccess, filters: dict, order: str) -> Iterator[bytes]:
    from ..formats import geojson_feature

    yield b'{"type":"FeatureCollection","features":['
    first = True
    for ev in _iter_selected(stores, filters, order):
        feature = geojson_feature(ev, {"id": (ev.get("article_ids") or [None])[0]})
        if feature:
            yield (b"" if first else b",") + dumps(feature)
            first = False
    yield b"]}\n"
