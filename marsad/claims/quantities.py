"""Stage 'quantities' (first skeleton: fills nothing yet; built out under its issue)."""

from __future__ import annotations

from ..doc import Document


class QuantityStage:
    name = "quantities"

    def __call__(self, doc: Document) -> Document:
        return doc
