"""Stage 'dates' (first skeleton: fills nothing yet; built out under its issue)."""

from __future__ import annotations

from ..doc import Document


class DateStage:
    name = "dates"

    def __call__(self, doc: Document) -> Document:
        return doc


def date_for_span(doc: Document, start: int, end: int):
    """The day an event told in ``doc.text[start:end]`` happened.

    Returns ``(date | None, time_precision, DateMention | None)``: a date mention in
    the span that is not the date a statement was made, else the nearest one
    before it in the article, else the article's reference date with precision 2.
    """
    return doc.reference_date, 2, None
