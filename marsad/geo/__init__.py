"""Places: the offline gazetteer (:class:`Gazetteer`), the matcher, and the pipeline stage.

``Gazetteer.open().lookup(name, country=None)``, ``.reverse(lat, lon)``;
``geocode_text(text)`` finds the places in a text; ``place_for_span(doc, start, end)`` and
``record_place(mention)`` give an event's place in ACLED's way.
"""

from .gazetteer import Gazetteer, GazetteerMissing
from .stage import PlaceStage, geocode_text, place_for_span, record_place

__all__ = ["Gazetteer", "GazetteerMissing", "PlaceStage", "geocode_text", "place_for_span", "record_place"]
