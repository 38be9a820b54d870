"""Benchmark the gazetteer and the places stage.

    .venv/bin/python scripts/bench_geo.py [--n 50000] [--articles ../shared/corpora/ant_multisource_arabic_news_2018/ant_multisource_sample.jsonl]

Prints: the time to open the gazetteer (a fresh connection and the first look-up), look-ups per
second over a mix of Arabic and English names (cold: distinct names; warm: repeated), and the
places stage's milliseconds per article on real articles when the corpus is present.
Targets: open < 1 s, >= 20,000 look-ups/s, ~3 ms per article.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = ["الحسكة", "القامشلي", "الرقة", "دير الزور", "منبج", "عفرين", "إدلب", "حلب", "درعا", "الموصل", "كركوك",
         "الفلوجة", "مأرب", "الحديدة", "تعز", "سرت", "طرابلس", "بنغازي", "الفاشر", "مقديشو", "غويران", "دمشق",
         "Hasakah", "Hassakeh", "Al-Hasakah", "Marib", "Ma'rib", "Deir ez-Zor", "Raqqa", "Idleb", "Sanaa", "Aden",
         "Kyiv", "Paris", "Mosul", "Kirkuk", "Ras Al Ain", "Tal Abyad", "Khartoum", "Omdurman"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--articles", type=Path,
                    default=ROOT.parent / "shared/corpora/ant_multisource_arabic_news_2018/ant_multisource_sample.jsonl")
    ap.add_argument("--max-articles", type=int, default=600)
    a = ap.parse_args(argv)

    from marsad.geo.gazetteer import DB_PATH, Gazetteer

    t = time.perf_counter()
    gz = Gazetteer(DB_PATH)
    gz.lookup("الحسكة")
    t_open = time.perf_counter() - t
    print(f"open + first look-up: {t_open * 1000:.0f} ms (target < 1000 ms)")

    t = time.perf_counter()
    _ = gz.keys
    print(f"load the in-memory key set (once, at stage construction): {(time.perf_counter() - t) * 1000:.0f} ms")

    # cold: distinct keys never seen before (each a SQLite query)
    rng = random.Random(0)
    keys = sorted(gz.keys)
    rng.shuffle(keys)
    keys = keys[: a.n]
    gz2 = Gazetteer(DB_PATH)
    t = time.perf_counter()
    for k in keys:
        gz2.by_key(k)
    cold = len(keys) / (time.perf_counter() - t)
    print(f"look-ups by key, cold (distinct, from SQLite): {cold:,.0f}/s over {len(keys):,}")

    names = [NAMES[i % len(NAMES)] for i in range(a.n)]
    t = time.perf_counter()
    for nm in names:
        gz.lookup(nm)
    warm = len(names) / (time.perf_counter() - t)
    print(f"lookup(name) -> [Place], warm mix of {len(NAMES)} names: {warm:,.0f}/s (target >= 20,000/s)")

    if a.articles.exists():
        from marsad.doc import Document
        from marsad.geo.stage import PlaceStage

        t = time.perf_counter()
        st = PlaceStage()
        print(f"PlaceStage construction: {(time.perf_counter() - t) * 1000:.0f} ms")
        arts = [json.loads(line) for line in a.articles.open(encoding="utf-8")][: a.max_articles]
        docs = [Document.make(x.get("text") or "", lang="ar") for x in arts]
        for d in docs[:30]:
            st(d)
        t = time.perf_counter()
        for d in docs:
            st(d)
        dt = time.perf_counter() - t
        chars = sum(len(d.text) for d in docs) / len(docs)
        print(f"places stage: {dt / len(docs) * 1000:.2f} ms/article over {len(docs)} articles "
              f"(avg {chars:,.0f} chars; {dt / sum(len(d.text) for d in docs) * 3500 * 1000:.2f} ms per 3,500 chars)")
    return 0 if t_open < 1.0 and warm >= 20_000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
