"""A pure-ASGI middleware that refuses request bodies over a size limit with 413.

A declared Content-Length over the limit is refused before reading; a body without
one (chunked) is read up to the limit first and then handed to the app.
"""

from __future__ import annotations

from .errors import error_bytes


class BodyLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return await self._refuse(send, 400, "bad Content-Length header")
                if length > self.max_bytes:
                    return await self._refuse(send)
                return await self.app(scope, receive, send)
        # No Content-Length: buffer the body, at most max_bytes of it.
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # client went away
            body = message.get("body", b"")
            seen += len(body)
            if seen > self.max_bytes:
                return await self._refuse(send)
            chunks.append(body)
            if not message.get("more_body"):
                break
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send, status: int = 413, message: str | None = None):
        body = error_bytes(status, message or f"request body over {self.max_bytes} bytes: send less (one article at a time)")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
