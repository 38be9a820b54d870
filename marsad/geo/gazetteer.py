"""The shipped gazetteer: an immutable SQLite file opened read-only, plus the in-memory key set.

    from marsad.geo import Gazetteer
    gz = Gazetteer.open()                  # cached; opens in well under a second
    gz.lookup("الحسكة")                    # -> [Place, ...] best first
    gz.lookup("Ma'rib", country="Yemen")
    gz.reverse(36.5, 40.75)                # -> {"country": "Syria", "admin1": "Al Hasakah", "admin2": ...}

Built by ``scripts/build_gazetteer.py`` from Who's On First, GeoNames and Natural Earth
(credited in NOTICE) and the team's ``data/curated_places.yaml``.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..doc import Place
from .keys import ar_key, en_key

DATA = Path(__file__).resolve().parent / "data"
DB_PATH = DATA / "gazetteer.sqlite"

#: the countries Who's On First covers in detail (the project's focus)
FOCUS = frozenset({"SY", "IQ", "YE", "LY", "SD", "SO", "LB", "PS", "EG", "JO", "SA", "TN", "DZ", "MA", "ML"})
LEVEL_RANK = {"facility": 0, "district": 1, "locality": 2, "region": 3, "admin2": 4, "admin1": 5, "country": 6}


class GazetteerMissing(ValueError):
    """The gazetteer file is absent: run scripts/build_gazetteer.py."""


def _bare(name_ar: str) -> str:
    """An Arabic place name without "مديرية", the article or a final hamza: what a district and its
    town share ("مديرية التحيتا", "التحيتاء")."""
    k = ar_key(name_ar)
    k = re.sub(r"^(?:مديريه|مديرية|ناحيه|قضاء)\s+", "", k)
    k = re.sub(r"^ال", "", k)
    return k.rstrip("ء")


@dataclass(frozen=True)
class Entry:
    """One gazetteer row (immutable, cached); ``place()`` gives a fresh :class:`Place`."""

    id: int
    name: str
    name_ar: str | None
    cc: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    gn: int | None
    level: str
    pop: int
    parent: int | None
    src: str
    pref: int = 0

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 2)


class Gazetteer:
    _instance: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, path: Path = DB_PATH):
        if not Path(path).exists():
            raise GazetteerMissing(f"gazetteer not found at {path}: run scripts/build_gazetteer.py")
        uri = f"file:{Path(path).as_posix()}?mode=ro&immutable=1"
        self.con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._db_lock = threading.Lock()
        self.countries: dict[str, tuple[str, int, str | None, int]] = {}
        self.country_by_name: dict[str, str] = {}
        for cc, name, iso, name_ar, pid in self.con.execute("SELECT cc, name, iso, name_ar, place FROM countries"):
            self.countries[cc] = (name, iso, name_ar, pid)
            self.country_by_name[name.lower()] = cc
        self._keys: frozenset[str] | None = None
        self._first: frozenset[str] | None = None
        self._polys = None
        self._cache: dict[str, tuple[Entry, ...]] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> "Gazetteer":
        """The process-wide gazetteer (opened once)."""
        if path is not None:
            return cls(path)
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    # -- keys --
    def _load_keys(self) -> None:
        blob = self.con.execute("SELECT v FROM meta WHERE k='keys'").fetchone()[0]
        keys = zlib.decompress(blob).decode("utf-8").split("\n")
        self._keys = frozenset(keys)
        self._first = frozenset(k.split(" ", 1)[0] for k in keys)
        self.max_words = max(k.count(" ") for k in keys) + 1

    @property
    def keys(self) -> frozenset[str]:
        if self._keys is None:
            self._load_keys()
        return self._keys  # type: ignore[return-value]

    @property
    def first_words(self) -> frozenset[str]:
        if self._first is None:
            self._load_keys()
        return self._first  # type: ignore[return-value]

    # -- rows --
    def by_key(self, key: str) -> tuple[Entry, ...]:
        """Every entry with this normalised key (see :mod:`marsad.geo.keys`)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        with self._db_lock:
            rows = self.con.execute(
                "SELECT p.id, p.name, p.name_ar, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.gn, p.level, p.pop, "
                "p.parent, p.src, n.pref FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?", (key,)).fetchall()
        out = tuple(Entry(*r) for r in rows)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    @lru_cache(maxsize=65536)
    def entry(self, pid: int) -> Entry | None:
        with self._db_lock:
            r = self.con.execute("SELECT id, name, name_ar, cc, admin1, admin2, lat, lon, gn, level, pop, parent, src, 0 "
                                 "FROM places WHERE id = ?", (pid,)).fetchone()
        return Entry(*r) if r else None

    def place(self, e: Entry) -> Place:
        name, iso, _ar, _pid = self.countries.get(e.cc, (e.cc, None, None, None))
        parent = self.entry(e.parent).name if e.parent else None
        return Place(name=e.name, country=name, iso=iso, admin1=e.admin1, admin2=e.admin2, name_ar=e.name_ar,
                     latitude=e.lat, longitude=e.lon, geonameid=e.gn, level=e.level, population=e.pop, parent=parent)

    def country_cc(self, country: str | None) -> str | None:
        if not country:
            return None
        if len(country) == 2 and country.upper() in self.countries:
            return country.upper()
        return self.country_by_name.get(country.lower())

    # -- public look-ups --
    def candidates(self, name: str, country: str | None = None) -> list[Entry]:
        key = ar_key(name) if any("\u0600" <= c <= "\u06ff" for c in name) else en_key(name)
        cands = list(self.by_key(key))
        if not cands and " " not in name.strip() and key.startswith(("و", "ب", "ل", "ف", "ك")):
            cands = list(self.by_key(key[1:]))
        cc = self.country_cc(country)
        if cc:
            cands = [c for c in cands if c.cc == cc] or ([] if country else cands)
        cands.sort(key=lookup_score, reverse=True)
        return cands

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Places called ``name`` (Arabic or Latin, any common spelling), best first."""
        return [self.place(e) for e in self.candidates(name, country)]

    @lru_cache(maxsize=8192)
    def capital(self, cc: str, admin1: str | None, admin2: str | None = None) -> Entry | None:
        """The most populous locality of an admin1, or a district's town (:meth:`_district_town`):
        where ACLED codes a region."""
        if admin2:
            return self._district_town(cc, admin2)
        with self._db_lock:
            if admin1:
                r = self.con.execute("SELECT id FROM places WHERE cc=? AND admin1=? AND level='locality' "
                                     "ORDER BY pop DESC LIMIT 1", (cc, admin1)).fetchone()
            else:
                r = None
        return self.entry(r[0]) if r else None

    def _district_town(self, cc: str, admin2: str) -> Entry | None:
        """A district's town: the locality of its name ("مديرية التحيتا": "التحيتاء"), else the
        most populous."""
        with self._db_lock:
            rows = self.con.execute("SELECT id, name_ar, pop FROM places WHERE cc=? AND admin2=? "
                                    "AND level='locality' ORDER BY pop DESC", (cc, admin2)).fetchall()
            me = self.con.execute("SELECT name_ar FROM places WHERE cc=? AND name=? AND level='admin2'",
                                  (cc, admin2)).fetchone()
        if not rows:
            return None
        if me and me[0]:
            own = _bare(me[0])
            same = [r for r in rows if r[1] and _bare(r[1]) == own]
            if same:
                return self.entry(max(same, key=lambda r: r[2])[0])
        return self.entry(rows[0][0])

    def reverse(self, lat: float, lon: float) -> dict | None:
        """The country, admin1 and admin2 that hold a point (focus countries), else the nearest big city's."""
        if self._polys is None:
            self._load_polys()
        from shapely.geometry import Point

        pt = Point(lon, lat)
        out: dict = {}
        for pid, level, cc, minx, miny, maxx, maxy, geom in self._polys:
            if minx <= lon <= maxx and miny <= lat <= maxy and geom.contains(pt):
                e = self.entry(pid)
                out["country"] = self.countries[cc][0]
                out["iso"] = self.countries[cc][1]
                if level == "admin1":
                    out["admin1"] = e.name
                else:
                    out["admin2"] = e.name
                    out.setdefault("admin1", e.admin1)
        if out:
            out.setdefault("admin2", None)
            return out
        near = self.nearest(lat, lon)
        if near is None:
            return None
        return {"country": self.countries[near.cc][0], "iso": self.countries[near.cc][1], "admin1": near.admin1,
                "admin2": near.admin2, "nearest": near.name}

    def nearest(self, lat: float, lon: float, radius: float = 1.5) -> Entry | None:
        with self._db_lock:
            rows = self.con.execute(
                "SELECT id, lat, lon FROM places WHERE level='locality' AND pop >= 15000 AND lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?", (lat - radius, lat + radius, lon - radius * 1.5, lon + radius * 1.5)).fetchall()
        if not rows:
            return None
        best = min(rows, key=lambda r: km(lat, lon, r[1], r[2]))
        return self.entry(best[0])

    def _load_polys(self) -> None:
        from shapely import wkb

        with self._db_lock:
            rows = self.con.execute("SELECT place, level, cc, minx, miny, maxx, maxy, wkb FROM polygons").fetchall()
        self._polys = [(p, lv, cc, a, b, c, d, wkb.loads(g)) for p, lv, cc, a, b, c, d, g in rows]


def lookup_score(e: Entry) -> float:
    """Context-free preference: a populous town over a region of the same name over a hamlet."""
    base = {"country": 9.0, "admin1": 2.0, "locality": 3.5, "admin2": 1.0, "district": 2.5, "facility": 4.0,
            "region": 2.0}.get(e.level, 1.0)
    if e.src == "curated":
        base += 2.0  # the team's entry wins over a source's namesake
    if e.cc in FOCUS:
        base += 1.0
    return base + math.log10(e.pop + 10) - 0.5 * e.pref


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
