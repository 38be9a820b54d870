"""The one JSON error shape of the web service, for every error:

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": null}}

``details`` is a list for validation errors (where and why), else null.
:class:`marsad.errors.MarsadError` becomes 400 with the error's own ``code``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..errors import MarsadError

log = logging.getLogger("marsad.web")

#: HTTP status -> code, for errors raised without one of their own.
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}


def error_body(status: int, message: str, code: str | None = None, details: Any = None) -> dict:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message, "details": details}}


def error_bytes(status: int, message: str, code: str | None = None, details: Any = None) -> bytes:
    return json.dumps(error_body(status, message, code, details), ensure_ascii=False).encode("utf-8")


class WebError(Exception):
    """An error the API raises on purpose, with its status and code."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers


def install(app) -> None:
    """Register the handlers that give every error the one shape."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    def respond(status: int, message: str, code: str | None = None, details: Any = None, headers=None):
        return JSONResponse(error_body(status, message, code, details), status_code=status, headers=headers)

    @app.exception_handler(WebError)
    async def _web(request, exc: WebError):
        return respond(exc.status, exc.message, exc.code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error").replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}: see /docs for the API"
        return respond(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request, exc: RequestValidationError):
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"][1:] or first["loc"]) or "request"
        return respond(422, f"invalid {where}: {first['msg']}", "validation_error", details)

    @app.exception_handler(MarsadError)
    async def _marsad(request, exc: MarsadError):
        return respond(400, str(exc), getattr(exc, "code", "marsad_error"))

    @app.exception_handler(Exception)
    async def _internal(request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return respond(500, "internal error: the server log has the details", "internal_error")
