"""Stage 'attribution' (first skeleton: fills nothing yet; built out under its issue)."""

from __future__ import annotations

from ..doc import Document


class AttributionStage:
    name = "attribution"

    def __call__(self, doc: Document) -> Document:
        return doc
