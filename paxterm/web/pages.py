"""The HTML pages: shells that name what they show; the page's own script fetches the data from /api/.

Only names and counts are put into the HTML here (Jinja2 escapes them);
document text reaches the page as JSON and is inserted as text nodes.
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from aligner.export.rows import HIGH_CONFIDENCE, LOW_SCORE_HIGHLIGHT
from glossary.termbase import LABELS, STATUSES
from paxterm.errors import NotFoundError

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _page(request: Request, name: str, **context: object) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, {"project_name": request.app.state.project.corpus_dir.name,
                                                      **context})


async def pairs_page(request: Request) -> HTMLResponse:
    pairs = await run_in_threadpool(request.app.state.project.pairs)
    return _page(request, "pairs.html", pairs=pairs, section="pairs")


async def pair_page(request: Request) -> HTMLResponse:
    try:
        pair = await run_in_threadpool(request.app.state.project.pair, request.path_params["pair_id"])
    except NotFoundError as error:
        return _page(request, "missing.html", message=str(error), section="pairs")
    return _page(request, "pair.html", pair=pair, section="pairs", high=HIGH_CONFIDENCE, low=LOW_SCORE_HIGHLIGHT)


async def terms_page(request: Request) -> HTMLResponse:
    return _page(request, "terms.html", statuses=STATUSES, labels=LABELS, section="terms")


async def search_page(request: Request) -> HTMLResponse:
    return _page(request, "search.html", section="search")


ROUTES = [
    Route("/", pairs_page),
    Route("/pairs/{pair_id:int}", pair_page),
    Route("/terms", terms_page),
    Route("/search", search_page),
]
