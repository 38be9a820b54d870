"""Cross-article event merging: one event reported by several outlets is one event.

Every event extracted from an article is a *report*. A new report joins a stored
event when they have the same ``event_type``, the same ``event_date`` and the
same ``country`` (the look-up key, :func:`merge_key`), come from different
articles, and

- the same place: equal ``geonameid`` when both have one, else equal ``location``
  (folded); a missing place on either side needs similar text;
- the same actors: equal sets of ``actor1``/``actor2``; when one side names fewer
  actors (a subset) the text must be similar; different actors never merge;
- "similar text" is a word Jaccard of at least :data:`SIMILAR_TEXT` between the
  evidence of the report and of the event's reports so far.

This is ACLED's unit of analysis (one actor pair, one place, one day), so reports
that agree on all of it are merged whatever their wording.

The merged event (:func:`merge_reports`) is the first report's record, with its
missing fields filled from later reports, and:
``source`` every outlet that carried a report (syndicated copies included),
``article_ids`` every article, ``claim_ids`` qualified as ``article_id:claim_id``,
``evidence`` items tagged with their ``article_id``, ``n_reports``, and the
fatalities over every report: ``fatalities_low`` the lowest low, ``fatalities_high``
the highest high, ``fatalities_best`` the lower median of the reports' best
figures, and ``fatalities`` (ACLED's conservative figure) the lowest non-zero
figure reported (0 when none).
"""

from __future__ import annotations

import hashlib
from typing import Any

from .dedup import jaccard, words

SIMILAR_TEXT = 0.2
MAX_WORDS = 400
_FILL = ("actor1", "actor2", "inter1", "inter2", "interaction", "admin1", "admin2", "location", "location_ar",
         "latitude", "longitude", "geonameid", "iso", "sub_event_type", "disorder_type")


def merge_key(event: dict) -> str | None:
    if not event.get("event_date") or not event.get("event_type"):
        return None
    return "|".join((event["event_type"], event["event_date"], event.get("country") or ""))


def event_words(event: dict) -> set[str]:
    text = " ".join(e.get("text", "") for e in event.get("evidence") or [])
    return {w for w in words(text) if len(w) > 2 and not w.isdigit()}


def _place(event: dict) -> tuple[Any, Any]:
    loc = event.get("location")
    return event.get("geonameid"), (" ".join(words(loc)) if loc else None)


def _actors(event: dict) -> frozenset:
    return frozenset(a for a in (event.get("actor1"), event.get("actor2")) if a)


def compatible(report: dict, stored: dict, report_words: set, stored_words: set) -> bool:
    """Whether a report (a marsad/1 event) is the same event as a stored one."""
    need_text = False
    (g1, l1), (g2, l2) = _place(report), _place(stored)
    if g1 is not None and g2 is not None:
        if g1 != g2:
            return False
    elif l1 and l2:
        if l1 != l2:
            return False
    else:
        need_text = True
    a1, a2 = _actors(report), _actors(stored)
    if a1 != a2:
        if not (a1 <= a2 or a2 <= a1):
            return False
        need_text = True
    return not need_text or jaccard(report_words, stored_words) >= SIMILAR_TEXT


def event_uid(article_id: str, local_id: str) -> str:
    return "ev-" + hashlib.sha1(f"{article_id}\x1f{local_id}".encode("utf-8")).hexdigest()[:16]


def _lower_median(values: list[int]) -> int | None:
    if not values:
        return None
    values = sorted(values)
    return values[(len(values) - 1) // 2]


def merge_reports(event_id: str, reports: list[tuple[str, dict]], outlets: dict[str, list[str]]) -> dict:
    """The merged event of ``reports`` ((article_id, marsad/1 event), in arrival order);
    ``outlets`` maps an article id to the outlets that carried it."""
    first_article, first = reports[0]
    merged = dict(first)
    merged["id"] = event_id
    for _aid, ev in reports[1:]:
        for key in _FILL:
            if merged.get(key) is None and ev.get(key) is not None:
                merged[key] = ev[key]
    lows, highs, bests, figures = [], [], [], []
    article_ids, sources, claim_ids, evidence = [], [], [], []
    for aid, ev in reports:
        low, best, high = ev.get("fatalities_low"), ev.get("fatalities_best"), ev.get("fatalities_high")
        fat = ev.get("fatalities") or 0
        if low is None and fat:
            low = fat
        if low is not None:
            lows.append(low)
        if high is None:
            high = best if best is not None else low
        if high is not None:
            highs.append(high)
        if best is None:
            best = low
        if best is not None:
            bests.append(best)
        if fat:
            figures.append(fat)
        if aid not in article_ids:
            article_ids.append(aid)
            for name in outlets.get(aid, []):
                if name and name not in sources:
                    sources.append(name)
        claim_ids.extend(f"{aid}:{c}" for c in ev.get("claim_ids") or [])
        evidence.extend(dict(e, article_id=aid) for e in ev.get("evidence") or [])
    merged.update(
        fatalities=min(figures) if figures else 0,
        fatalities_low=min(lows) if lows else None,
        fatalities_high=max(highs) if highs else None,
        fatalities_best=_lower_median(bests),
        article_id=first_article,
        article_ids=article_ids,
        source=sources,
        claim_ids=claim_ids,
        evidence=evidence,
        n_reports=len(reports),
        confidence=max(float(ev.get("confidence") or 0) for _a, ev in reports),
    )
    return merged


def limited(ws: set[str]) -> set[str]:
    return set(sorted(ws)[:MAX_WORDS]) if len(ws) > MAX_WORDS else ws
