"""Stage 'places' (first skeleton: fills nothing yet; built out under its issue)."""

from __future__ import annotations

from ..doc import Document


class PlaceStage:
    name = "places"

    def __call__(self, doc: Document) -> Document:
        return doc


def place_for_span(doc: Document, start: int, end: int):
    """The best place for an event told in ``doc.text[start:end]``: a
    :class:`~marsad.doc.PlaceMention` in the span, else in the sentences around
    it, else the article's main place; never the dateline's place. None if none."""
    return None
