"""Build marsad/geo/data/gazetteer.sqlite (and the web map layers) from ../shared/gazetteer.

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared] [--out marsad/geo/data]

Inputs (see each SOURCE.md): Who's On First places and admin polygons for the 15 focus
countries, GeoNames cities15000 / admin1 / admin2 / countryInfo for the world, Natural Earth
1:50m countries, and the team's marsad/geo/data/curated_places.yaml. Output is deterministic
(sorted inputs, no timestamps): the same inputs give the same file.

Tables: countries(cc, name, iso, name_ar, lat, lon), places(id, name, name_ar, cc, admin1,
admin2, lat, lon, gn, level, pop, parent, src), names(key, id, lang, pref) and
polygons(place, level, cc, minx, miny, maxx, maxy, wkb) for reverse look-up; meta(k, v)
holds the zlib-compressed set of every key for the in-memory matcher.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sqlite3
import sys
import zipfile
import zlib
from collections import defaultdict
from pathlib import Path

import yaml
from shapely.geometry import mapping, shape
from shapely import wkb as shp_wkb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.geo.keys import ar_key, en_key, is_arabic, is_latin, plain_latin  # noqa: E402

FOCUS = ("SY", "IQ", "YE", "LY", "SD", "SO", "LB", "PS", "EG", "JO", "SA", "TN", "DZ", "MA", "ML")
LEVEL = {"country": "country", "region": "admin1", "county": "admin2", "locality": "locality",
         "localadmin": "locality", "neighbourhood": "district", "campus": "facility"}
AR_PREFIXES = ("منطقة ", "مديرية ", "ناحية ", "محافظة ", "ولاية ", "قضاء ", "مركز ", "شعبية ", "لواء ", "مدينة ", "بلدة ",
               "قرية ")
EN_SUFFIXES = (" governorate", " province", " district", " municipality", " subdistrict", " region", " prefecture",
               " wilaya", " state")
csv.field_size_limit(10**9)


def ar_variants(s: str) -> set[str]:
    out = set()
    for part in s.split("|"):
        part = part.strip().replace("\u200e", "").replace("\u200f", "")
        if not part or not is_arabic(part):
            continue
        k = ar_key(part)
        stripped = True
        while stripped:  # "مديرية مدينة البيضاء" is keyed "بيضاء": the matcher reads the cue words itself
            stripped = False
            for p in AR_PREFIXES:
                pk = ar_key(p) + " "
                if k.startswith(pk):
                    k, stripped = k[len(pk):], True
        if len(k.replace(" ", "")) >= 2:
            out.add(k)
    return out


def en_variants(s: str) -> set[str]:
    out = set()
    for part in s.split("|"):
        part = part.strip()
        if not part or not is_latin(part) or (part.isupper() and len(part) <= 4):
            continue
        low = part.lower()
        for suf in EN_SUFFIXES:
            if low.endswith(suf) and len(low) > len(suf) + 2:
                part = part[: -len(suf)]
                break
        k = en_key(part)
        if len(k.replace(" ", "")) >= 3:
            out.add(k)
    return out


def latin_name(*cands: str) -> str | None:
    for c in cands:
        for part in (c or "").split("|"):
            part = part.strip()
            if part and is_latin(part):
                return plain_latin(part)
    return None


def arabic_name(*cands: str) -> str | None:
    for c in cands:
        for part in (c or "").split("|"):
            part = part.strip().replace("\u200e", "")
            if part and is_arabic(part):
                return part
    return None


class Builder:
    def __init__(self, shared: Path, out: Path):
        self.shared = shared / "gazetteer"
        self.out = out
        self.curated = yaml.safe_load((out / "curated_places.yaml").read_text(encoding="utf-8"))
        self.places: list[dict] = []
        self.names: dict[int, set[tuple[str, str, int]]] = defaultdict(set)
        self.countries: dict[str, dict] = {}

    # -- helpers --
    def add(self, row: dict) -> int:
        row["id"] = len(self.places) + 1
        self.places.append(row)
        return row["id"]

    def name(self, pid: int, key: str, lang: str, pref: int) -> None:
        if key:
            self.names[pid].add((key, lang, pref))

    # -- sources --
    def load_countries(self) -> None:
        over = self.curated.get("country_names", {})
        for line in (self.shared / "geonames" / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            f = line.split("\t")
            cc = f[0]
            self.countries[cc] = {"cc": cc, "name": over.get(cc, f[4]), "iso": int(f[2]), "capital": f[5],
                                  "pop": int(f[7] or 0), "gn": int(f[16] or 0) or None, "name_ar": None,
                                  "lat": None, "lon": None, "aliases": set()}
        for cc, names in (self.curated.get("countries_ar") or {}).items():
            self.countries[cc]["name_ar"] = names[0]
            self.countries[cc]["aliases_ar"] = list(names)
        for cc, names in (self.curated.get("countries_en") or {}).items():
            self.countries[cc]["aliases_en"] = list(names)
        ne = json.loads((self.shared / "naturalearth" / "ne_50m_admin_0_countries.geojson").read_text(encoding="utf-8"))
        for feat in ne["features"]:
            p = feat["properties"]
            cc = p.get("ISO_A2")
            if cc not in self.countries:
                continue
            geom = shape(feat["geometry"])
            pt = geom.representative_point()
            c = self.countries[cc]
            if c["lat"] is None:
                c["lat"], c["lon"] = round(pt.y, 5), round(pt.x, 5)

    def load_geonames(self) -> None:
        self.admin1 = {}
        for line in (self.shared / "geonames" / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) >= 4:
                self.admin1[f[0]] = (plain_latin(f[1]), f[2], int(f[3] or 0))
        self.admin2 = {}
        for line in (self.shared / "geonames" / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) >= 4:
                self.admin2[f[0]] = plain_latin(f[1])
        self.cities: dict[int, list[str]] = {}
        with zipfile.ZipFile(self.shared / "geonames" / "cities15000.zip") as z:
            text = z.read("cities15000.txt").decode("utf-8")
        for line in text.splitlines():
            f = line.split("\t")
            if len(f) >= 19:
                self.cities[int(f[0])] = f
        over = self.curated.get("admin1_names", {}) or {}
        self.admin1_override_gn = {str(k): v for k, v in over.items()}

    def load_wof(self) -> None:
        path = self.shared / "wof" / "wof_places_focus15.tsv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        self.wof = {int(r["wof_id"]): r for r in rows}
        over = {int(k): v for k, v in (self.curated.get("admin1_names") or {}).items()}
        self.wof_name = {}
        for wid, r in self.wof.items():
            gn = int(r["gn_id"]) if r["gn_id"] not in ("", "-1") else None
            city = self.cities.get(gn) if gn else None
            if r["placetype"] == "region" and wid in over:
                nm = over[wid]
            elif r["placetype"] in ("region", "county", "country"):
                nm = latin_name(r["name_en"], r["name"], r["name_und_variant"], city[2] if city else "")
            else:
                nm = latin_name(city[1] if city else "", r["name_en"], r["name"], r["name_und_variant"],
                                r["name_en_variant"], r["name_fr"])
            self.wof_name[wid] = nm or arabic_name(r["name"]) or r["name"]

    def build_places(self) -> None:
        wof_pid: dict[int, int] = {}
        seen_gn: set[int] = set()
        # countries first
        self.country_pid = {}
        for cc in sorted(self.countries):
            c = self.countries[cc]
            pid = self.add({"name": c["name"], "name_ar": c["name_ar"], "cc": cc, "admin1": None, "admin2": None,
                            "lat": c["lat"], "lon": c["lon"], "gn": c["gn"], "level": "country", "pop": c["pop"],
                            "parent": None, "src": "geonames"})
            self.country_pid[cc] = pid
            for n in [c["name"]] + c.get("aliases_en", []):
                self.name(pid, en_key(n), "en", 0)
            for n in c.get("aliases_ar", []):
                self.name(pid, ar_key(n), "ar", 0)
            if c["gn"]:
                seen_gn.add(c["gn"])
        # WOF (focus countries)
        order = {"country": 0, "region": 1, "county": 2, "localadmin": 3, "locality": 4, "neighbourhood": 5, "campus": 6}
        for wid in sorted(self.wof, key=lambda w: (self.wof[w]["country"], order.get(self.wof[w]["placetype"], 9), w)):
            r = self.wof[wid]
            pt = r["placetype"]
            if pt not in LEVEL:
                continue
            gn = int(r["gn_id"]) if r["gn_id"] not in ("", "-1") else None
            city = self.cities.get(gn) if gn else None
            if pt == "country":
                pid = self.country_pid.get(r["country"])
                if pid is None:
                    continue
                wof_pid[wid] = pid
                c = self.places[pid - 1]
                c["lat"], c["lon"] = float(r["lat"]), float(r["lon"])
                if not c["name_ar"]:
                    c["name_ar"] = arabic_name(r["name_ar"])
                for k in ar_variants(r["name_ar"]) | ar_variants(r["name_ar_variant"]):
                    self.name(pid, k, "ar", 1)
                continue
            region = self.wof.get(int(r["region_id"])) if r["region_id"] not in ("", "-1") else None
            county = self.wof.get(int(r["county_id"])) if r["county_id"] not in ("", "-1") else None
            admin1 = self.wof_name.get(int(r["region_id"])) if region else None
            admin2 = self.wof_name.get(int(r["county_id"])) if county else None
            if pt == "region":
                admin1 = self.wof_name[wid]
            if pt == "county":
                admin2 = self.wof_name[wid]
            pop = max(int(float(r["population"] or 0)) if pt != "locality" or not city else 0,
                      int(city[14] or 0) if city else 0)
            if pt == "locality" and not city and r["population"]:
                # WOF copies a wrong population onto duplicate villages; trust it only for a GeoNames-linked place
                pop = int(float(r["population"])) if gn else min(int(float(r["population"])), 1000)
            if pt == "locality" and pop < 500 and r["wd_id"]:
                pop = 500  # a Wikidata item: a notable place, above its unlinked namesakes
            parent = None
            if pt in ("neighbourhood", "campus") and r["parent_id"] not in ("", "-1"):
                parent = wof_pid.get(int(r["parent_id"]))
            pid = self.add({"name": self.wof_name[wid], "name_ar": arabic_name(r["name_ar"], r["name"],
                                                                           city[3] if city else ""),
                            "cc": r["country"], "admin1": admin1, "admin2": admin2,
                            "lat": float(r["lat"]), "lon": float(r["lon"]), "gn": gn, "level": LEVEL[pt],
                            "pop": pop, "parent": parent, "src": "wof"})
            wof_pid[wid] = pid
            if gn:
                seen_gn.add(gn)
            self.name(pid, en_key(self.wof_name[wid]), "en", 0)
            for k in en_variants("|".join([r["name"], r["name_en"], r["name_en_variant"], r["name_fr"],
                                           r["name_und_variant"]])):
                self.name(pid, k, "en", 1)
            for k in ar_variants(r["name_ar"]) | ar_variants(r["name"]):
                self.name(pid, k, "ar", 0)
            for k in ar_variants(r["name_ar_variant"]):
                self.name(pid, k, "ar", 1)
            if city:
                self.add_city_names(pid, city)
        self.wof_pid = wof_pid
        self.seat_populations()
        # GeoNames admin1 outside the focus countries, at their most populous city
        best_city: dict[str, list[str]] = {}
        for gid in sorted(self.cities):
            f = self.cities[gid]
            k = f"{f[8]}.{f[10]}"
            if k not in best_city or int(f[14] or 0) > int(best_city[k][14] or 0):
                best_city[k] = f
        for code in sorted(self.admin1):
            cc = code.split(".")[0]
            if cc in FOCUS or cc not in self.countries or code not in best_city:
                continue
            nm, ascii_nm, gid = self.admin1[code]
            f = best_city[code]
            pid = self.add({"name": nm, "name_ar": None, "cc": cc, "admin1": nm, "admin2": None,
                            "lat": float(f[4]), "lon": float(f[5]), "gn": gid or None, "level": "admin1",
                            "pop": 0, "parent": None, "src": "geonames"})
            self.name(pid, en_key(nm), "en", 0)
            self.name(pid, en_key(ascii_nm), "en", 1)
        # GeoNames cities outside WOF
        for gid in sorted(self.cities):
            if gid in seen_gn:
                continue
            f = self.cities[gid]
            cc = f[8]
            if cc not in self.countries:
                continue
            a1 = self.admin1.get(f"{cc}.{f[10]}", (None,))[0]
            a2 = self.admin2.get(f"{cc}.{f[10]}.{f[11]}")
            pid = self.add({"name": plain_latin(f[1]), "name_ar": arabic_name(*f[3].split(",")), "cc": cc,
                            "admin1": a1, "admin2": a2, "lat": float(f[4]), "lon": float(f[5]), "gn": gid,
                            "level": "locality", "pop": int(f[14] or 0), "parent": None, "src": "geonames"})
            self.name(pid, en_key(f[1]), "en", 0)
            self.add_city_names(pid, f)

    def seat_populations(self) -> None:
        """A WOF town without a population that gives its name to its district (or region) is the
        district's seat: give it a share of the district's population so it outranks hamlets."""
        locs: dict[tuple, list[dict]] = defaultdict(list)
        for p in self.places:
            if p["level"] == "locality" and p["src"] == "wof":
                locs[(p["cc"], "admin2", p["admin2"])].append(p)
                locs[(p["cc"], "admin1", p["admin1"])].append(p)
        for a in self.places:
            if a["level"] not in ("admin1", "admin2") or a["src"] != "wof" or not a["pop"]:
                continue
            unit = a["admin2"] if a["level"] == "admin2" else a["admin1"]
            akeys = {k for k, _l, _p in self.names[a["id"]]}
            share = a["pop"] // (4 if a["level"] == "admin2" else 5)
            for loc in locs.get((a["cc"], a["level"], unit), []):
                if akeys & {k for k, _l, _p in self.names[loc["id"]]} and loc["pop"] < share:
                    loc["pop"] = share

    def add_city_names(self, pid: int, f: list[str]) -> None:
        self.name(pid, en_key(f[2]), "en", 0)
        alts = [a for a in f[3].split(",") if a]
        for a in alts:
            if is_arabic(a):
                k = ar_key(a)
                if len(k.replace(" ", "")) >= 2:
                    self.name(pid, k, "ar", 1)
            elif int(f[14] or 0) >= 100_000:
                for k in en_variants(a):
                    self.name(pid, k, "en", 1)

    def build_curated(self) -> None:
        by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for p in self.places:
            if p["level"] in ("locality", "admin1", "admin2", "country"):
                by_key[(p["cc"], en_key(p["name"]))].append(p["id"])
        self.unresolved = []
        for e in self.curated.get("places", []):
            cc = e["cc"]
            parent = None
            if e.get("parent"):
                cands = by_key.get((cc, en_key(e["parent"])), [])
                # the town of that name nearest the place itself, if within 150 km
                lat, lon = float(e["lat"]), float(e["lon"])
                cands = sorted(cands, key=lambda i: (self.places[i - 1]["level"] != "locality",
                                                     _km(lat, lon, self.places[i - 1]["lat"], self.places[i - 1]["lon"])))
                cands = [i for i in cands if _km(lat, lon, self.places[i - 1]["lat"], self.places[i - 1]["lon"]) < 150]
                if cands:
                    parent = cands[0]
                else:
                    self.unresolved.append(e["name"])
            par = self.places[parent - 1] if parent else None
            pid = self.add({"name": e["name"], "name_ar": (e.get("ar") or [None])[0], "cc": cc,
                            "admin1": e.get("admin1") or (par["admin1"] if par else None),
                            "admin2": e.get("admin2") or (par["admin2"] if par else None),
                            "lat": float(e["lat"]), "lon": float(e["lon"]), "gn": e.get("gn"),
                            "level": e.get("level", "facility"), "pop": int(e.get("pop", 0)),
                            "parent": parent, "src": "curated"})
            self.name(pid, en_key(e["name"]), "en", 0)
            for n in e.get("en", []):
                self.name(pid, en_key(n), "en", 0)
            for n in e.get("ar", []):
                self.name(pid, ar_key(n), "ar", 0)

    def write(self) -> None:
        db_path = self.out / "gazetteer.sqlite"
        tmp = db_path.with_suffix(".tmp")
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        con.executescript("""
            PRAGMA page_size=4096;
            CREATE TABLE meta(k TEXT PRIMARY KEY, v BLOB);
            CREATE TABLE countries(cc TEXT PRIMARY KEY, name TEXT, iso INTEGER, name_ar TEXT, place INTEGER);
            CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT, name_ar TEXT, cc TEXT, admin1 TEXT, admin2 TEXT,
                                lat REAL, lon REAL, gn INTEGER, level TEXT, pop INTEGER, parent INTEGER, src TEXT);
            CREATE TABLE names(key TEXT, id INTEGER, lang TEXT, pref INTEGER, PRIMARY KEY(key, id)) WITHOUT ROWID;
            CREATE TABLE polygons(place INTEGER, level TEXT, cc TEXT, minx REAL, miny REAL, maxx REAL, maxy REAL,
                                  wkb BLOB);
        """)
        for cc in sorted(self.countries):
            c = self.countries[cc]
            con.execute("INSERT INTO countries VALUES (?,?,?,?,?)", (cc, c["name"], c["iso"],
                                                                     self.places[self.country_pid[cc] - 1]["name_ar"],
                                                                     self.country_pid[cc]))
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(p["id"], p["name"], p["name_ar"], p["cc"], p["admin1"], p["admin2"],
                          round(p["lat"], 5) if p["lat"] is not None else None,
                          round(p["lon"], 5) if p["lon"] is not None else None,
                          p["gn"], p["level"], p["pop"], p["parent"], p["src"]) for p in self.places])
        rows = []
        for pid in sorted(self.names):
            best: dict[str, tuple[str, int]] = {}
            for key, lang, pref in self.names[pid]:
                if key not in best or pref < best[key][1]:
                    best[key] = (lang, pref)
            rows.extend((k, pid, lang, pref) for k, (lang, pref) in best.items())
        rows.sort()
        con.executemany("INSERT INTO names VALUES (?,?,?,?)", rows)
        keys = sorted({r[0] for r in rows})
        con.execute("INSERT INTO meta VALUES ('keys', ?)", (zlib.compress("\n".join(keys).encode("utf-8"), 9),))
        con.execute("INSERT INTO meta VALUES ('version', '1')")
        self.write_polygons(con)
        con.commit()
        con.execute("VACUUM")
        con.close()
        tmp.replace(db_path)
        print(f"{db_path}: {len(self.places)} places, {len(rows)} names, {len(keys)} keys, "
              f"{db_path.stat().st_size / 1e6:.1f} MB; curated parents unresolved: {self.unresolved}")

    def write_polygons(self, con: sqlite3.Connection) -> None:
        gj = json.loads((self.shared / "wof" / "wof_admin_polygons_focus15.geojson").read_text(encoding="utf-8"))
        rows, web = [], []
        for feat in gj["features"]:
            p = feat["properties"]
            pid = self.wof_pid.get(int(p["wof_id"]))
            if pid is None or p["placetype"] not in ("region", "county"):
                continue
            geom = shape(feat["geometry"]).simplify(0.003, preserve_topology=True)
            if geom.is_empty:
                continue
            minx, miny, maxx, maxy = geom.bounds
            rows.append((pid, LEVEL[p["placetype"]], p["country"], minx, miny, maxx, maxy,
                         shp_wkb.dumps(geom, rounding_precision=4) if _wkb_rounding() else shp_wkb.dumps(geom)))
            if p["placetype"] == "region":
                g2 = shape(feat["geometry"]).simplify(0.01, preserve_topology=True)
                pl = self.places[pid - 1]
                web.append({"type": "Feature", "properties": {"name": pl["name"], "name_ar": pl["name_ar"],
                                                              "country": self.countries[p["country"]]["name"],
                                                              "cc": p["country"]},
                            "geometry": _round_geom(mapping(g2), 3)})
        con.executemany("INSERT INTO polygons VALUES (?,?,?,?,?,?,?,?)", rows)
        (self.out / "focus_admin1.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": web}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8")
        ne = json.loads((self.shared / "naturalearth" / "ne_50m_admin_0_countries.geojson").read_text(encoding="utf-8"))
        world = []
        for feat in sorted(ne["features"], key=lambda f: f["properties"]["ADM0_A3"]):
            p = feat["properties"]
            g = shape(feat["geometry"]).simplify(0.05, preserve_topology=True)
            if g.is_empty:
                continue
            cc = p.get("ISO_A2")
            c = self.countries.get(cc, {})
            world.append({"type": "Feature",
                          "properties": {"name": c.get("name") or p["NAME"], "iso_a2": cc, "iso_a3": p["ISO_A3"],
                                         "iso_n3": c.get("iso"), "name_ar": self.places[self.country_pid[cc] - 1]["name_ar"]
                                         if cc in self.country_pid else None},
                          "geometry": _round_geom(mapping(g), 2)})
        (self.out / "world_countries.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": world}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8")


def _km(lat1, lon1, lat2, lon2) -> float:
    if lat2 is None or lon2 is None:
        return 1e9
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _wkb_rounding() -> bool:
    import inspect
    try:
        return "rounding_precision" in inspect.signature(shp_wkb.dumps).parameters
    except (TypeError, ValueError):
        return False


def _round_geom(g: dict, nd: int) -> dict:
    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], nd), round(c[1], nd)]
        return [rnd(x) for x in c]
    return {"type": g["type"], "coordinates": rnd(g["coordinates"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "marsad" / "geo" / "data")
    a = ap.parse_args(argv)
    b = Builder(a.shared, a.out)
    b.load_countries()
    b.load_geonames()
    b.load_wof()
    b.build_places()
    b.build_curated()
    b.write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
