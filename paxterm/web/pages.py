"""The HTML pages: shells that hold no project data; each page's own script fetches it from /api/.

So a page is the same for anyone who loads it, and what a document says
(its names included) reaches the browser only through the API, as JSON the
script inserts as text, behind the token when reads are protected.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from aligner.export.rows import HIGH_CONFIDENCE, LOW_SCORE_HIGHLIGHT
from aligner.align.links import LOW_CONFIDENCE, NO_ORIGINAL, NUMBER_MISMATCH, OMISSION
from glossary.termbase import LABELS, STATUSES

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
FLAGS = (LOW_CONFIDENCE, OMISSION, NUMBER_MISMATCH, NO_ORIGINAL)


async def pairs_page(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "pairs.html", {"section": "pairs"})


async def pair_page(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "pair.html", {
        "section": "pairs", "pair_id": request.path_params["pair_id"], "flags": FLAGS,
        "high": HIGH_CONFIDENCE, "low": LOW_SCORE_HIGHLIGHT})


async def terms_page(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "terms.html", {"section": "terms", "statuses": STATUSES,
                                                              "labels": LABELS})


async def search_page(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "search.html", {"section": "search"})


ROUTES = [
    Route("/", pairs_page),
    Route("/pairs/{pair_id:int}", pair_page),
    Route("/terms", terms_page),
    Route("/search", search_page),
]
