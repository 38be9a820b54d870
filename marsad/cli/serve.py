"""marsad serve: the web workbench and JSON API over a store."""

from __future__ import annotations

import argparse

HELP = "Serve the web workbench and its JSON API (OpenAPI docs at /docs) over a store."


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..web.settings import SETTINGS

    for name, default, help_text in SETTINGS:
        flag = "--" + name.replace("_", "-")
        if isinstance(default, bool):
            p.add_argument(flag, action="store_true", default=default, help=help_text)
        else:
            p.add_argument(flag, type=type(default), default=default, metavar=name.upper(),
                           help=f"{help_text} (default: {default!r})")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes (default: 1; each opens its own store connection)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="uvicorn's log level")


def settings_from(args: argparse.Namespace):
    from ..web.settings import SETTINGS, Settings

    return Settings(**{name: getattr(args, name) for name, _d, _h in SETTINGS})


def run(args: argparse.Namespace) -> int:
    import sys

    from ..errors import ConfigError

    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as exc:
        raise ConfigError(f"the web service needs the [web] extra ({exc.name} is missing): "
                          "pip install 'marsad[web]'") from exc
    settings = settings_from(args)
    if not 0 < settings.port < 65536:
        raise ConfigError(f"--port {settings.port} is not a port: use 1-65535")
    if args.workers < 1:
        raise ConfigError(f"--workers {args.workers}: use 1 or more")
    app = create_app(settings)
    app.state.stores.get()  # open the store now: a bad --db fails here, not on the first request
    print(f"marsad serve: {settings.db} on http://{settings.host}:{settings.port}/ (API docs: /docs)", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level, access_log=False)
        return 0
    import dataclasses
    import json
    import os

    from ..web.app import SETTINGS_ENV

    app.state.stores.close_all()
    os.environ[SETTINGS_ENV] = json.dumps({k: v for k, v in dataclasses.asdict(settings).items() if k != "extra"})
    uvicorn.run("marsad.web.app:app_from_env", factory=True, workers=args.workers, host=settings.host,
                port=settings.port, log_level=args.log_level, access_log=False)
    return 0
