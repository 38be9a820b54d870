"""Stage 'actors' (first skeleton: fills nothing yet; built out under its issue)."""

from __future__ import annotations

from ..doc import Document


class ActorStage:
    name = "actors"

    def __call__(self, doc: Document) -> Document:
        return doc


def assign_roles(doc: Document, mention, event_type: str, sub_event_type: str):
    """ACLED roles for an event mention: ``(actor1, actor2, assoc_actor_1, assoc_actor_2)``
    as :class:`~marsad.doc.Actor` (or None) and lists of Actor, per ACLED's codebook
    (victims are actor2 in violence against civilians, protesters actor1, ...)."""
    return None, None, [], []


def interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED's interaction text, e.g. ``Rebel group-State forces``."""
    if not inter1:
        return None
    return inter1 if not inter2 else f"{inter1}-{inter2}"
