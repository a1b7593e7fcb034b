"""The review app: `create_app(project, token)` gives the ASGI application over a Project.

    app = create_app(Project("corpus"), token)
    uvicorn.run(app, host="127.0.0.1", port=8765)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from aligner.errors import PaxtermError
from paxterm.service import Project
from paxterm.web import api, pages
from paxterm.web.guard import Guard

STATIC_DIR = Path(__file__).parent / "static"


def create_app(project: Project, token: str, *, protect_reads: bool = False,
               allowed_hosts: Iterable[str] | None = None) -> Starlette:
    """The app over `project`; writes need `token`, reads too with protect_reads.

    `allowed_hosts`: the names the server may be reached by (the Host header);
    None accepts any (a test client's).
    """
    app = Starlette(
        routes=[*api.ROUTES, *pages.ROUTES, Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")],
        middleware=[Middleware(Guard, token=token, protect_reads=protect_reads, allowed_hosts=allowed_hosts)],
        exception_handlers={PaxtermError: api.paxterm_error, HTTPException: api.http_error},
    )
    app.state.project = project
    return app
