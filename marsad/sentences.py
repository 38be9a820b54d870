"""Sentence splitting on the original text (offsets exact, no tokeniser needed).

A sentence ends at a line break or at ``.``, ``!``, ``?``, ``؟`` (and runs of
them) followed by white space or a closing quote, except after a one-letter
abbreviation ("U.S.", "John W. Brennan") or a number ("3.5").
"""

from __future__ import annotations

import re

from .doc import Document, Span

_END = re.compile(r"""[.!?؟…]+["'”’»)]*(?=\s)|\n+""")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Sgt|Capt|St|Jr|Sr|No|Rep|Sen|Gov|Prof|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec))\.$")


def split(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if not m.group().startswith("\n") and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


class SentenceStage:
    """Fills ``doc.sentences``."""

    name = "sentences"

    def __call__(self, doc: Document) -> Document:
        doc.sentences = split(doc.text)
        doc.__dict__.pop("_sentence_starts", None)
        return doc
