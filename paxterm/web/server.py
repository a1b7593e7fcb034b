"""Serving the review app: bind first, then run uvicorn on that socket until Ctrl-C.

Binding before the server starts means the address printed is the one that
answers, a busy port is a clear error before anything else happens, and
port 0 gets a free one.
"""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING

from starlette.applications import Starlette

from paxterm.errors import ReviewServerError

if TYPE_CHECKING:
    import uvicorn

LOOPBACK = "127.0.0.1"
# The names a browser on this machine reaches a loopback server by (the Host check).
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# Pending connections the socket queues while the server starts (a browser opens several at once).
BACKLOG = 128


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port; ReviewServerError when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise ReviewServerError(f"port {port} is in use (another paxterm review?); "
                                    "pass --port with another number, or --port 0 for any free one") from None
        raise ReviewServerError(f"cannot listen on {host}:{port} ({error.strerror}); check --host") from None
    listener.listen(BACKLOG)
    return listener


def url_host(host: str) -> str:
    """A host as it is written in a URL (IPv6 addresses in brackets)."""
    return f"[{host.strip('[]')}]" if ":" in host else host


def make_server(app: Starlette) -> uvicorn.Server:
    """The uvicorn server for `app` (quiet: the command prints what the user needs)."""
    import uvicorn  # only the review command and the tests that serve need it

    return uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))


def serve(app: Starlette, listener: socket.socket) -> None:
    """Serve `app` on `listener` until Ctrl-C (or SIGTERM); returns once the server has shut down."""
    server = make_server(app)
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # uvicorn shut down on the Ctrl-C, then passes it on: here it is how the user stops it
    finally:
        listener.close()
