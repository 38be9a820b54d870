#!/usr/bin/env python3
"""Load test of the web service: N concurrent clients for T seconds against a store of
10,000 events, asking for filtered event lists (GET /api/events with filters, sorts and
pages). Prints the request count, errors, throughput and latency percentiles; exits 1 when
there are errors or the p95 is over the target.

    .venv/bin/python scripts/load_web.py                 # 50 clients, 30 s, 10,000 events
    .venv/bin/python scripts/load_web.py --clients 10 --seconds 5 --events 2000 --no-cache

The store is built in a temporary directory from synthetic records (random words, no
corpus text), the server is a real ``marsad serve`` process on 127.0.0.1, and the clients
are asyncio tasks speaking plain HTTP/1.1 keep-alive (cheap enough not to starve the
server of the same CPU). Bounded: at most --max-requests requests and --seconds of load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = {
    "Syria": [("Aleppo", 36.2, 37.15), ("Idleb", 35.93, 36.63), ("Al Hasakah", 36.5, 40.75), ("Deir ez Zor", 35.33, 40.14),
              ("Damascus", 33.51, 36.29), ("Dara", 32.62, 36.1)],
    "Iraq": [("Baghdad", 33.31, 44.36), ("Ninewa", 36.34, 43.13), ("Anbar", 33.42, 43.3), ("Basrah", 30.5, 47.8)],
    "Yemen": [("Sanaa", 15.35, 44.2), ("Taizz", 13.58, 44.02), ("Marib", 15.46, 45.32), ("Al Hudaydah", 14.8, 42.95)],
    "Libya": [("Tripoli", 32.89, 13.19), ("Benghazi", 32.12, 20.07), ("Misrata", 32.38, 15.09)],
    "Sudan": [("Khartoum", 15.5, 32.56), ("North Darfur", 13.63, 25.35), ("West Darfur", 13.45, 22.45)],
    "Lebanon": [("Beirut", 33.89, 35.5), ("South Lebanon", 33.27, 35.2), ("Baalbek-Hermel", 34.0, 36.2)],
    "Palestine": [("Gaza Strip", 31.5, 34.47), ("West Bank", 31.95, 35.25)],
    "Tunisia": [("Tunis", 36.81, 10.18), ("Sfax", 34.74, 10.76), ("Kasserine", 35.17, 8.83)],
}
TYPES = [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Political violence"),
    ("Strategic developments", "Arrests", "Strategic developments"),
]
ACTORS = ["Military Forces of Syria", "Islamic State", "SDF: Syrian Democratic Forces", "Houthis", "Hezbollah",
          "Police Forces", "Protesters", "Civilians", "Rapid Support Forces", "Libyan National Army", "Unidentified Armed Group"]


def build_store(url: str, n_events: int, seed: int) -> float:
    """Write ``n_events`` synthetic events (4 per article) into the store at ``url``; returns seconds taken."""
    from marsad.records import Article, DocumentRecord, Event, Evidence, Plover
    from marsad.store import open_store
    from marsad.store.base import StoredArticle

    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(5000)]
    start_day = time.mktime((2022, 1, 1, 0, 0, 0, 0, 0, -1))
    combos = set()
    while len(combos) < n_events:  # distinct (type, day, country): no two events merge
        combos.add((rng.randrange(len(TYPES)), rng.randrange(730), rng.choice(list(COUNTRIES))))
    combos = list(combos)
    rng.shuffle(combos)
    t0 = time.perf_counter()
    store = open_store(url)
    pairs = []
    for a in range(0, n_events, 4):
        words = [rng.choice(vocab) for _ in range(160)]
        text = " ".join(words) + "."
        events = []
        for k, (ti, day, country) in enumerate(combos[a:a + 4]):
            etype, sub, disorder = TYPES[ti]
            admin1, lat, lon = rng.choice(COUNTRIES[country])
            date = time.strftime("%Y-%m-%d", time.localtime(start_day + day * 86400 + 43200))
            ev_start = text.index(words[k * 20])
            events.append(Event(
                id=f"e{k + 1}", event_date=date, time_precision=1, disorder_type=disorder, event_type=etype,
                sub_event_type=sub, plover=Plover("FIGHT"), actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
                country=country, admin1=admin1, location=admin1, latitude=lat + rng.uniform(-.3, .3),
                longitude=lon + rng.uniform(-.3, .3), fatalities=rng.choice([0, 0, 0, 1, 2, 3, 5, 12]),
                evidence=[Evidence(ev_start, ev_start + len(words[k * 20]), words[k * 20])]))
        art = Article(id=f"load-{a // 4:05d}", lang="en", title=" ".join(words[:6]), published=events[0].event_date,
                      source=f"Outlet {a % 37}")
        pairs.append((StoredArticle(art.id, text, "en", art.title, art.published, art.source),
                      DocumentRecord(art, events)))
        if len(pairs) >= 250:
            store.add(pairs)
            pairs = []
    if pairs:
        store.add(pairs)
    stored = store.count_events()
    store.close()
    if stored < n_events * 0.99:
        raise SystemExit(f"load_web: only {stored} of {n_events} events stored (merged or skipped)")
    return time.perf_counter() - t0


def query_mix(rng: random.Random) -> str:
    """A filtered event list, as the workbench asks for it: a country, a country and a type, a
    month (with or without a country), a province, an actor (with or without a country), a
    sub-event type, a type over a quarter; now and then another sort or a later page."""
    p: dict[str, object] = {"limit": 50}
    country = rng.choice(list(COUNTRIES))
    kind = rng.random()
    if kind < 0.25:
        p["country"] = country
    elif kind < 0.45:
        p["country"] = country
        p["event_type"] = rng.choice(TYPES)[0]
    elif kind < 0.62:
        y, m = rng.choice([2022, 2023]), rng.randint(1, 12)
        p["date_from"], p["date_to"] = f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"
        if rng.random() < 0.5:
            p["country"] = country
    elif kind < 0.75:
        p["admin1"] = rng.choice(COUNTRIES[country])[0]
    elif kind < 0.87:
        p["actor"] = rng.choice(ACTORS).split()[0]
        if rng.random() < 0.7:
            p["country"] = country
    elif kind < 0.94:
        p["sub_event_type"] = rng.choice(TYPES)[1]
    else:
        y, q = rng.choice([2022, 2023]), rng.randint(0, 3)
        p["event_type"] = rng.choice(TYPES)[0]
        p["date_from"], p["date_to"] = f"{y}-{3 * q + 1:02d}-01", f"{y}-{3 * q + 3:02d}-28"
    if rng.random() < 0.2:
        p["sort"] = rng.choice(["fatalities", "-fatalities", "event_date", "country"])
    if rng.random() < 0.2:
        p["offset"] = rng.choice([50, 100, 200])
    return "/api/events?" + urllib.parse.urlencode(p)


def query_kind(path: str) -> str:
    """The filters of an event-list path, for the per-kind figures (e.g. ``country+event_type``)."""
    names = [k for k, _ in urllib.parse.parse_qsl(path.split("?", 1)[1]) if k not in ("limit", "offset", "sort")]
    return "+".join(sorted(set(names))) or "(none)"


async def client(host: str, port: int, until: float, rng: random.Random, out: list, errors: list, budget: list,
                 think: float = 0.0) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < until and budget[0] > 0:
            budget[0] -= 1
            path = query_mix(rng)
            t0 = time.perf_counter()
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
                await writer.drain()
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                status = int(head.split(b" ", 2)[1])
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await asyncio.wait_for(reader.readexactly(length), 10)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(f"{path}: {exc!r}")
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            out.append((time.perf_counter() - t0, path))
            if status != 200 or not body.startswith(b'{"total":'):
                errors.append(f"{path}: HTTP {status} {body[:120]!r}")
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
    finally:
        writer.close()


async def run_clients(host, port, n, seconds, max_requests, seed, think=0.0):
    until = time.perf_counter() + seconds
    out, errors, budget = [], [], [max_requests]
    t0 = time.perf_counter()
    await asyncio.gather(*(client(host, port, until, random.Random(seed + i), out, errors, budget, think)
                           for i in range(n)))
    return out, errors, time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--max-requests", type=int, default=500_000, help="stop after this many requests")
    ap.add_argument("--p95-ms", type=float, default=100.0, help="the target (exit 1 above it)")
    ap.add_argument("--no-cache", action="store_true", help="serve with --cache-size 0 (every request hits the store)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--db", help="use this existing store (built by an earlier run with --keep) instead of a new one")
    ap.add_argument("--keep", metavar="PATH", help="build the store at this SQLite path and keep it")
    ap.add_argument("--think-ms", type=float, default=0.0,
                    help="each client waits this long between requests (default 0: back to back)")
    ap.add_argument("--workers", type=int, default=1,
                    help="server worker processes (marsad serve --workers; default 1, as marsad serve)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        if args.db:
            url, build_s = args.db, 0.0
        else:
            url = f"sqlite:///{args.keep or f'{tmp}/load.db'}"
            build_s = build_store(url, args.events, args.seed)
        port = free_port()
        cmd = [sys.executable, "-m", "marsad", "serve", "--db", url, "--port", str(port), "--log-level", "warning"]
        if args.no_cache:
            cmd += ["--cache-size", "0"]
        if args.workers > 1:
            cmd += ["--workers", str(args.workers)]
        server = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("load_web: the server did not start: " + (server.stderr.read() if server.poll() is not None else ""))
                    time.sleep(0.2)
            load_before = os.getloadavg()
            lat, errors, wall = asyncio.run(run_clients("127.0.0.1", port, args.clients, args.seconds,
                                                        args.max_requests, args.seed, args.think_ms / 1000))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if not lat:
        print("load_web: no request completed", file=sys.stderr)
        return 1
    kinds: dict[str, list[float]] = {}
    for seconds, path in lat:
        kinds.setdefault(query_kind(path), []).append(seconds)
    lat = [seconds for seconds, _path in lat]
    q = statistics.quantiles(lat, n=100)
    p50, p95, p99 = q[49] * 1000, q[94] * 1000, q[98] * 1000
    print(f"store: {args.events} events built in {build_s:.1f} s; server cache: {'off' if args.no_cache else 'on'}")
    think = f" (think time {args.think_ms:.0f} ms)" if args.think_ms else " (back to back)"
    print(f"clients: {args.clients}{think}, {args.workers} server worker(s), for {wall:.1f} s; requests: {len(lat)} ({len(lat) / wall:.0f}/s); errors: {len(errors)}")
    print(f"latency ms (filtered event lists, 50 per page): p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}  "
          f"max {max(lat) * 1000:.1f}")
    for kind, values in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        kq = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(f"  {kind:32s} {len(values):7d} requests  p50 {kq[49] * 1000:6.1f}  p95 {kq[94] * 1000:6.1f}")
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}; cores: {}".format(
        *load_before, *os.getloadavg(), os.cpu_count()))
    for e in errors[:5]:
        print("  error:", e)
    ok = not errors and p95 < args.p95_ms
    print("PASS" if ok else f"FAIL (target: no errors, p95 < {args.p95_ms:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
