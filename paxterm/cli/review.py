"""paxterm review: the local web app over a project's store (paxterm.web)."""

from __future__ import annotations

import socket
import webbrowser
from typing import Annotated

import typer

from paxterm import locations
from paxterm.cli.console import user_errors
from paxterm.cli.options import ProjectArgument, StoreOption
from paxterm.errors import ReviewServerError
from paxterm.service import Project

LOOPBACK = "127.0.0.1"
# A fixed default, so that a bookmark (without its token) and the reviser's habits keep working.
DEFAULT_PORT = 8765
# The names a browser on this machine reaches a loopback server by (the Host check).
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
ANY_ADDRESS = ("0.0.0.0", "::")


def review(
    corpus_dir: ProjectArgument = None,
    store: StoreOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="The port to listen on (0: any free port).")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option(
        "--host", help="The address to listen on. Anything but loopback lets other machines in: every request, "
                       "reads included, then needs the token.")] = LOOPBACK,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="PAXTERM_REVIEW_TOKEN", show_envvar=True,
        help="The session token (default: a new random one, printed in the address).")] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Print the address only; open no browser.")] = False,
) -> None:
    """Review alignments and the term base in the browser: confirm, merge, split, edit, accept, reject.

    Starts a local web app over the project's store and opens the browser at an
    address that carries the session token; every change is saved at once and
    shows in the outputs of the next `paxterm run`. Ctrl-C stops it.

    Example:
        paxterm review                   # the project around the current folder
        paxterm review corpus --port 9000 --no-browser
    """
    # The web stack loads only for this command: the other commands start without it.
    import uvicorn

    from paxterm.web import create_app
    from paxterm.web.guard import is_loopback, new_token

    with user_errors(), Project(locations.existing_project(corpus_dir, store), store) as project:
        project.status()  # a missing or unreadable store is an Error: line now, not a failing page later
        local = is_loopback(host)
        token = token or new_token()
        listener = _listen(host, port)
        bound_port = listener.getsockname()[1]
        allowed = None if host in ANY_ADDRESS else {*LOOPBACK_NAMES, _url_host(host)}
        app = create_app(project, token, protect_reads=not local, allowed_hosts=allowed)
        url = f"http://{_url_host(host if host not in ANY_ADDRESS else LOOPBACK)}:{bound_port}/?token={token}"
        typer.echo(f"Reviewing {project.corpus_dir} (store {project.store_path})")
        typer.echo(f"Open {url}")
        if not local:
            typer.echo(f"Listening on {host}: other machines can reach it; every request needs the token.", err=True)
        typer.echo("Press Ctrl-C to stop.", err=True)
        if not no_browser:
            webbrowser.open(url)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        try:
            server.run(sockets=[listener])
        except KeyboardInterrupt:
            pass  # uvicorn shut down on the Ctrl-C, then passes it on: here it is how the user stops it
        finally:
            listener.close()
        typer.echo("Stopped: every change was saved as it was made.", err=True)


def _listen(host: str, port: int) -> socket.socket:
    """Bind before starting, so the address printed is the one that answers (and port 0 gets a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as error:
        listener.close()
        if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise ReviewServerError(f"port {port} is in use (another paxterm review?); "
                                    "pass --port with another number, or --port 0 for any free one") from None
        raise ReviewServerError(f"cannot listen on {host}:{port} ({error.strerror}); check --host") from None
    listener.listen(128)
    return listener


def _url_host(host: str) -> str:
    return f"[{host.strip('[]')}]" if ":" in host else host


def register(app: typer.Typer) -> None:
    app.command()(review)

