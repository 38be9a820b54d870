"""The actor catalogue (``data/*.yaml``) compiled into a phrase index over folded tokens.

Aliases are folded with :func:`marsad.text.fold` and cut into tokens the same way as the
article text; the index maps a phrase's first token to the phrases that start with it. Arabic
clitics (و ف ب ل ك and the article ال) are taken off the text's tokens at match time, so the
data lists bare forms only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..doc import Actor
from ..records import INTER_TYPES
from ..text import fold

DATA = Path(__file__).resolve().parent / "data"

TOKEN = re.compile(r"[\u0621-\u064a]+|[a-z0-9]+(?:\.[a-z0-9]+)*(?:'[a-z]+)?")
_AR = re.compile(r"[\u0621-\u064a]")


def tokens(text: str) -> list[str]:
    """Tokens of folded text (Arabic letter runs; Latin words, 'u.s' and "people's" kept whole)."""
    return TOKEN.findall(text)


def strip_al(tok: str) -> str:
    if tok.startswith("ال") and len(tok) > 3:
        return tok[2:]
    return tok


def alias_key(phrase: str) -> tuple[str, ...]:
    """An alias as folded tokens. The article ال is kept: "القاعدة" (al-Qaeda) must not match
    "قاعدة" (a base); a text token with ال still matches an alias token written without it
    after the first word ("تنظيم الدولة" ~ alias "تنظيم دولة" is not listed, so this is rare)."""
    return tuple(tokens(fold(phrase)))


@lru_cache(maxsize=1 << 16)
def first_keys(tok: str) -> tuple[str, ...]:
    """The forms a text token may take once its clitics are off (itself first)."""
    out = [tok]
    if not _AR.match(tok):
        if tok.endswith("'s"):
            out.append(tok[:-2])
        return tuple(out)
    stems = [tok]
    if tok[0] in "وف" and len(tok) > 3:
        stems.append(tok[1:])
    for s in list(stems):
        if s.startswith("لل") and len(s) > 4:
            stems.append("ال" + s[2:])
        elif s[0] in "بلك" and len(s) > 3:
            stems.append(s[1:])
    for s in stems:
        if s not in out:
            out.append(s)
    return tuple(out)


@dataclass
class Entry:
    """One catalogue actor (a family with ``{country}`` stands for one actor per country)."""

    name: str
    inter: str | None
    countries: list[str | None]
    family: str | None = None
    role: str = "armed"
    valid: tuple[dt.date | None, dt.date | None] = (None, None)
    acled: str | None = None
    media_of: str | None = None
    ucdp_id: int | None = None
    generic: bool = False
    ambiguous: set = field(default_factory=set)
    in_country: dict = field(default_factory=dict)
    acled_periods: list = field(default_factory=list)  # [(from, to, ACLED's dated name)]

    def acled_name(self, country: str | None = None, day: dt.date | None = None) -> str:
        """ACLED's full name on a day ("Military Forces of Syria (2000-2024)"), else ours."""
        for lo, hi, name in self.acled_periods:
            if day is not None and (lo is None or day >= lo) and (hi is None or day < hi):
                return name
        return self.acled or self.actor(country).name

    def actor(self, country: str | None) -> Actor:
        if country not in self.countries:
            country = self.countries[0] if self.countries else None
        name = self.name.replace("{country}", country or "Unknown")
        return Actor(name=name, inter=self.inter, country=country, ucdp_id=self.ucdp_id, generic=self.generic)

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        lo, hi = self.valid
        return (lo is None or day >= lo) and (hi is None or day < hi)


@dataclass(frozen=True)
class Target:
    """What a phrase names: ``kind`` is named | state | context | indefinite | backref | country | source.
    ``entry`` for named/source/state/context, ``country`` when the phrase fixes it."""

    kind: str
    entry: Entry | None = None
    country: str | None = None
    sub: str | None = None  # military | police | civilians | protesters | rioters | uag
    ambiguous: bool = False


def _date(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


class Catalogue:
    def __init__(self, data_dir: Path = DATA):
        self.entries: list[Entry] = []
        self.countries: list[dict] = yaml.load((data_dir / "countries.yaml").read_text("utf-8"), Loader=_Loader)
        self.generic: dict = yaml.load((data_dir / "generic.yaml").read_text("utf-8"), Loader=_Loader)
        raw = yaml.load((data_dir / "actors.yaml").read_text("utf-8"), Loader=_Loader)["actors"]
        ids_file = data_dir / "ucdp_ids.json"
        ucdp = json.loads(ids_file.read_text("utf-8")) if ids_file.exists() else {}
        self.index: dict[str, list[tuple[tuple[str, ...], Target]]] = {}
        self.max_len = 1
        self.aliases: list[tuple[str, str, Target]] = []  # (lang, folded alias, target) for checks
        self._raw_state: list[dict] = []
        state_names = {f"{k} of {c['country']}" for c in self.countries for k in ("Military Forces", "Police Forces")}
        for item in raw:
            if str(item["name"]) in state_names:
                self._raw_state.append(item)  # aliases for a generated state actor (see _add_generic)
                continue
            countries = _list(item.get("countries")) or [item.get("country")]
            lo, _, hi = (item.get("valid") or "..").partition("..")
            e = Entry(name=item["name"], inter=item.get("inter"), countries=countries, family=item.get("family"),
                      role=item.get("role", "armed"), valid=(_date(lo), _date(hi)), acled=item.get("acled"),
                      media_of=item.get("media_of"), ucdp_id=ucdp.get(item["name"]),
                      in_country=dict(item.get("in_country") or {}),
                      acled_periods=[(_date(lo), _date(hi), n) for lo, hi, n in item.get("acled_periods") or ()])
            self.entries.append(e)
            kind = "source" if e.role == "source" else "named"
            for lang in ("ar", "en"):
                for a in _list(item.get(lang)):
                    self._add(lang, a, Target(kind, e))
                for a in _list(item.get(lang + "_ambiguous")):
                    self._add(lang, a, Target(kind, e, ambiguous=True))
        self._add_generic()

    # -- building
    def _add(self, lang: str, alias: str, target: Target) -> None:
        key = alias_key(str(alias))
        if not key:
            return
        self.aliases.append((lang, " ".join(key), target))
        self.index.setdefault(key[0], []).append((key[1:], target))
        self.max_len = max(self.max_len, len(key))

    def _add_generic(self) -> None:
        g = self.generic
        self.state_entries: dict[tuple[str, str], Entry] = {}
        self.context_entries: dict[str, Entry] = {}
        for sub, spec in g["context"].items():
            e = Entry(name=spec["name"], inter=spec["inter"], countries=[None], generic=True)
            self.context_entries[sub] = e
            for lang in ("ar", "en"):
                for a in spec[lang]:
                    self._add(lang, a, Target("context", e, sub=sub))
        for c in self.countries:
            country = c["country"]
            for a in _list(c.get("ar")) + _list(c.get("en")) + _list(c.get("capital")) + _list(c.get("cities")):
                self._add("xx", a, Target("country", country=country))
            for a in _list(c.get("en_adj")):
                if len(a) > 3:
                    self._add("xx", a, Target("country", country=country))
                    if not a.endswith("s"):  # "Palestinians", "Syrians"
                        self._add("xx", a + "s", Target("country", country=country))
            for sub, spec in g["state"].items():
                e = Entry(name=spec["name"].replace("{country}", country), inter=spec["inter"], countries=[country],
                          generic=True)
                self.state_entries[(sub, country)] = e
                self.entries.append(e)
                t = Target("state", e, country=country, sub=sub)
                for pat in spec["ar"]:
                    for form in _expand(pat, {"m": c.get("ar_m"), "f": c.get("ar_f"), "pl": c.get("ar_pl"),
                                              "name": _list(c.get("ar")) + _list(c.get("ar_ambiguous"))}):
                        self._add("ar", form, t)
                for pat in spec["en"]:
                    for form in _expand(pat, {"adj": c.get("en_adj"), "en": c.get("en")}):
                        self._add("en", form, t)
            for sub, spec in (g["country_specific"].get(country) or {}).items():
                e = self.state_entries[(sub, country)]
                for lang in ("ar", "en"):
                    for a in _list(spec.get(lang)):
                        self._add(lang, a, Target("state", e, country=country, sub=sub))
        for item in self._raw_state:
            sub = "military" if item["name"].startswith("Military") else "police"
            country = item["name"].split(" of ", 1)[1]
            e = self.state_entries.get((sub, country))
            if item.get("acled"):
                e.acled = item["acled"]
            for lo, hi, name in item.get("acled_periods") or ():
                e.acled_periods.append((_date(lo), _date(hi), name))
            for lang in ("ar", "en"):
                for a in _list(item.get(lang)):
                    self._add(lang, a, Target("state", e, country=country, sub=sub))
                for a in _list(item.get(lang + "_ambiguous")):
                    self._add(lang, a, Target("state", e, country=country, sub=sub, ambiguous=True))
        for lang in ("ar", "en"):
            for a in g["indefinite"][lang]:
                self._add(lang, a, Target("indefinite"))
            for a in g["backref"][lang]:
                self._add(lang, a, Target("backref"))
        self.heads = {k for lang in ("ar", "en") for a in g["heads"][lang] for k in [" ".join(alias_key(a))]}
        for v in self.index.values():
            v.sort(key=lambda x: -len(x[0]))

    # -- look-ups
    def entry(self, name: str) -> Entry | None:
        """The entry of an actor name ("Islamic State (Iraq)" finds the "Islamic State ({country})" family)."""
        return self.entry_for(name)

    def entry_for(self, name: str) -> Entry | None:
        if not hasattr(self, "_by_name"):
            by: dict[str, Entry] = {}
            for e in self.entries:
                for c in e.countries:
                    by.setdefault(e.name.replace("{country}", c or "Unknown"), e)
                by.setdefault(e.name, e)
            self._by_name = by
        return self._by_name.get(name)

    def state(self, sub: str, country: str | None) -> Entry | None:
        return self.state_entries.get((sub, country)) if country else None

    def context_actor(self, sub: str, country: str | None) -> Actor | None:
        """``Civilians (Syria)``, ``Military Forces of Iraq``; where no country is known, the name
        without it (``Protesters``, ``Military Forces``) for the assembly to complete."""
        if sub in ("military", "police"):
            e = self.state(sub, country)
            if e:
                return e.actor(country)
            name = self.generic["state"][sub]["name"].replace(" of {country}", "")
            return Actor(name=name, inter="State forces", country=None, generic=True)
        e = self.context_entries[sub]
        if not country:
            return Actor(name=e.name.replace(" ({country})", ""), inter=e.inter, country=None, generic=True)
        return Actor(name=e.name.replace("{country}", country), inter=e.inter, country=country, generic=True)


def _expand(pattern: str, values: dict) -> list[str]:
    out = [pattern]
    for k, v in values.items():
        if "{" + k + "}" not in pattern:
            continue
        vs = [x for x in _list(v) if x]
        out = [o.replace("{" + k + "}", x) for o in out for x in vs]
    return out


try:  # the C loader when PyYAML has it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue()


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def acled_key(name: str) -> str:
    """A name without ACLED's regime period: "Military Forces of Syria (2000-2024)" ->
    "military forces of syria"; "Military Forces of Yemen (2016-) Supreme Political Council" ->
    "military forces of yemen supreme political council"."""
    return re.sub(r"\s+", " ", _PERIOD.sub(" ", name or "")).strip().lower()


def acled_name(name: str, day: dt.date | None = None) -> str:
    """ACLED's dated full name of one of our actors on a day, where the catalogue knows it
    ("Military Forces of Syria", 2022-01-20 -> "Military Forces of Syria (2000-2024)"); else the name."""
    e = default_catalogue().entry_for(name)
    if e is None or (not e.acled_periods and not e.acled):
        return name
    return e.acled_name(None, day)


def same_actor(ours: str | None, theirs: str | None) -> bool:
    """Whether our canonical name and an ACLED actor name (with or without its period) are the
    same actor: equal without periods, or ACLED's dated name recorded for ours in the catalogue
    (``acled:``), e.g. "Houthi Movement" ~ "Military Forces of Yemen (2016-) Supreme Political Council"."""
    if not ours or not theirs:
        return not ours and not theirs
    a, b = acled_key(ours), acled_key(theirs)
    if a == b:
        return True
    e = default_catalogue().entry_for(ours)
    names = ([e.acled] if e and e.acled else []) + [n for _lo, _hi, n in (e.acled_periods if e else ())]
    return any(acled_key(n) == b for n in names)


def valid_inter(inter: str | None) -> bool:
    return inter is None or inter in INTER_TYPES
