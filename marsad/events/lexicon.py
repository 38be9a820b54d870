"""Event lexicons: the taxonomy and the trigger/cue word lists of ``data/``,
compiled once into one trie-shaped regular expression per language.

``Lexicon.find(norm_text, lang)`` returns ``(start, end, key)`` hits on the
normalised text (:func:`marsad.text.normalize`); keys are language-blind
(sub-event keys of ``taxonomy.yaml``, ``cue_*`` and ``neg_*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..text import fold

DATA = Path(__file__).resolve().parent / "data"
_AR_PROCLITIC = r"(?:[وف])?(?:[بلكس])?(?:ال|ل)?"
#: suffixes an Arabic whole-word ("$") entry may still carry
_AR_SUFFIXES = {"", "ه", "ها", "هم", "هما", "ت", "ا", "وا", "ات", "ين", "ون", "ان", "ي"}


@dataclass(frozen=True)
class SubEvent:
    key: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_event: str
    plover_mode: str | None
    case: str
    rank: int
    family: str = ""  # the classifier head deciding it: ASSAULT, PROTEST, ... or FIGHT (taxonomy.yaml)


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, SubEvent]:
    data = yaml.safe_load((DATA / "taxonomy.yaml").read_text(encoding="utf-8"))
    ranks = {k: v["rank"] for k, v in data["event_types"].items()}
    fight = set(data.get("conventional_force", []))
    out = {}
    for key, v in data["sub_event_types"].items():
        ev, mode = v["plover"]
        out[key] = SubEvent(key, v["event_type"], v["sub_event_type"], v["disorder_type"], ev, mode,
                            v["case"], ranks[v["event_type"]], "FIGHT" if key in fight else ev)
    return out


@lru_cache(maxsize=1)
def family_of() -> dict[str, str]:
    """ACLED sub-event type name -> its family (see taxonomy.yaml)."""
    return {s.sub_event_type: s.family for s in taxonomy().values()}


@lru_cache(maxsize=1)
def non_acled_case_codes() -> tuple[str, ...]:
    data = yaml.safe_load((DATA / "taxonomy.yaml").read_text(encoding="utf-8"))
    return tuple(data["non_acled_case_codes"])


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted((c for c in node if c), key=lambda c: -len(c)):
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


class Lexicon:
    """Trigger and cue words for both languages, compiled once."""

    def __init__(self, path: Path = DATA / "triggers.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.keys: list[str] = sorted({k for lang in data.values() for k in lang})
        self._entries: dict[str, dict[str, tuple[list[str], bool]]] = {}
        self._regex: dict[str, re.Pattern] = {}
        for lang, table in data.items():
            entries: dict[str, tuple[list[str], bool]] = {}
            for key, words in table.items():
                for w in words:
                    exact = w.endswith("$")
                    f = " ".join(fold(w.rstrip("$")).split())
                    if not f:
                        continue
                    keys, ex = entries.get(f, ([], exact))
                    if key not in keys:
                        keys.append(key)
                    entries[f] = (keys, ex and exact)
            self._entries[lang] = entries
            trie = _trie_regex(sorted(entries))
            if lang == "ar":
                pat = rf"(?<!\w){_AR_PROCLITIC}(?P<core>{trie})(?P<tail>\w*)"
            else:
                pat = rf"(?<![\w-])(?P<core>{trie})(?P<tail>[\w-]*)"
            self._regex[lang] = re.compile(pat)

    def languages(self) -> list[str]:
        return list(self._regex)

    def entries(self, lang: str) -> dict[str, tuple[list[str], bool]]:
        return self._entries[lang]

    def find(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` for every hit in normalised ``text``; both
        languages' lists are tried when the text mixes scripts."""
        hits: list[tuple[int, int, str]] = []
        langs = [lang] if lang in self._regex else list(self._regex)
        if lang == "ar" and re.search(r"[a-z]{3}", text):
            langs = list(self._regex)
        elif lang != "ar" and re.search(r"[\u0600-\u06ff]{3}", text):
            langs = list(self._regex)
        for lg in langs:
            entries = self._entries[lg]
            for m in self._regex[lg].finditer(text):
                core = " ".join(m.group("core").split())
                found = entries.get(core)
                if found is None:
                    continue
                keys, exact = found
                tail = m.group("tail")
                if exact and tail and not (lg == "ar" and tail in _AR_SUFFIXES):
                    continue
                for key in keys:
                    hits.append((m.start("core"), m.end(), key))
        return hits
