"""marsad: Arabic and English news to verifiable conflict-event records (marsad/1)."""

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def extract(text: str, **meta):
    """Extract one article's ``marsad/1`` record (see :mod:`marsad.pipeline`)."""
    from .pipeline import extract as _extract

    return _extract(text, **meta)
