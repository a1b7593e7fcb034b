"""What keeps the review app to its user: the session token, the Host check, the browser's rules.

Every write to /api/ needs `Authorization: Bearer TOKEN`. The page reads the
token from its address and keeps it in the tab's sessionStorage, never in a
cookie, so a page from another site cannot make the browser write on the
user's behalf (it can neither read the token nor add the header without a
CORS preflight, which this app never grants).

A Host check (when given the names the server is reached by) stops DNS
rebinding: another site's name pointed at 127.0.0.1 reaches the port but not
the app. The Content-Security-Policy lets the page load and call only this
app: no CDN, no web font, no analytics, no inline script.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 32 random bytes, URL-safe: the strength of a session key.
TOKEN_BYTES = 32
API_PREFIX = "/api/"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the token is in the page's address
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" else None
    return None


class Guard:
    """ASGI middleware: token on API writes (and reads, when asked), Host check, security headers."""

    def __init__(self, app: ASGIApp, *, token: str, protect_reads: bool = False,
                 allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.token = token
        self.protect_reads = protect_reads
        self.allowed_hosts = None if allowed_hosts is None else {host.lower() for host in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _send_json(send, *refusal)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            return 400, "unknown Host: open the address `paxterm review` printed"
        if not scope["path"].startswith(API_PREFIX):
            return None
        if scope["method"] in READ_METHODS and not self.protect_reads:
            return None
        given = bearer_token(scope)
        if given is None:
            return 401, "this needs the session token: send the header Authorization: Bearer TOKEN"
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return 403, "wrong session token: open the address `paxterm review` printed"
        return None


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            host = value.decode("latin-1").lower()
            if host.startswith("["):  # [::1]:8000
                return host.split("]")[0] + "]"
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


async def _send_json(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="paxterm review"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
