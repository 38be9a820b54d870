"""marsad's web workbench: a FastAPI app (JSON API + a static UI) over the event store.

``create_app(settings)`` builds the app; ``marsad serve`` runs it with uvicorn.
FastAPI is imported only by :mod:`marsad.web.app`, so importing this package is cheap.
"""

from .settings import SETTINGS, Settings

__all__ = ["SETTINGS", "Settings", "create_app"]


def create_app(settings: Settings | None = None, **overrides):
    from .app import create_app as _create

    return _create(settings, **overrides)
