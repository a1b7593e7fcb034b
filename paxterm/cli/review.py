"""paxterm review: the local web app over a project's store (paxterm.web)."""

from __future__ import annotations

import webbrowser
from typing import Annotated

import typer

from paxterm import locations
from paxterm.cli.console import user_errors
from paxterm.cli.options import ProjectArgument, StoreOption
from paxterm.service import Project

# A fixed default, so that the reviser's habits (and a bookmark, less its token) keep working.
DEFAULT_PORT = 8765
ANY_ADDRESS = ("0.0.0.0", "::")


def review(
    corpus_dir: ProjectArgument = None,
    store: StoreOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="The port to listen on (0: any free port).")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option(
        "--host", help="The address to listen on. Anything but loopback lets other machines in: every request, "
                       "reads included, then needs the token.")] = "127.0.0.1",
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
    from paxterm.web import create_app
    from paxterm.web.guard import is_loopback, new_token
    from paxterm.web.server import LOOPBACK, LOOPBACK_NAMES, listen, serve, url_host

    with user_errors(), Project(locations.existing_project(corpus_dir, store), store) as project:
        project.status()  # a missing or unreadable store is an Error: line now, not a failing page later
        local = is_loopback(host)
        token = token or new_token()
        listener = listen(host, port)
        allowed = None if host in ANY_ADDRESS else {*LOOPBACK_NAMES, url_host(host)}
        app = create_app(project, token, protect_reads=not local, allowed_hosts=allowed)
        shown_host = LOOPBACK if host in ANY_ADDRESS else host
        url = f"http://{url_host(shown_host)}:{listener.getsockname()[1]}/?token={token}"
        typer.echo(f"Reviewing {project.corpus_dir} (store {project.store_path})")
        typer.echo(f"Open {url}")
        if not local:
            typer.echo(f"Listening on {host}: other machines can reach it; every request needs the token.", err=True)
        typer.echo("Press Ctrl-C to stop.", err=True)
        if not no_browser:
            webbrowser.open(url)
        serve(app, listener)
        typer.echo("Stopped: every change was saved as it was made.", err=True)


def register(app: typer.Typer) -> None:
    app.command()(review)
