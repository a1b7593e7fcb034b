"""The JSON API under /api/: thin adapters that parse a request, call the Project service and answer.

Errors are the service's own: NotFoundError 404, StaleEditError 409 (the item
changed since the page read it: nothing is overwritten), InvalidEditError and
other user errors 422 or 400, a store busy with a `paxterm run` (or
unusable: read-only, damaged) 503. An edit
names the revision it was made on in its body ("revision") or, the HTTP way,
as If-Match with the ETag a GET of the item gave. Every answer of an error
is {"error": message}. The token is checked before any of this runs
(paxterm.web.guard).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aligner.errors import PaxtermError
from paxterm.errors import InvalidEditError, NotFoundError, StaleEditError, StoreError
from paxterm.service import Project
from paxterm.web.records import (context_record, history_record, link_record, occurrence_record, pair_record,
                                 term_record)

# The most links one page holds when a limit is asked for (the pair view asks for 500 at a time);
# without a limit the answer holds every link from the offset on, as a script expects a list to.
MAX_LINK_PAGE = 2000
# Concordance hits per search: more than a page shows, few enough to answer at once.
DEFAULT_SEARCH_LIMIT = 200
LINK_TEXT_FIELDS = ("fr", "en")


def error_status(error: PaxtermError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StaleEditError):
        return 409
    if isinstance(error, InvalidEditError):
        return 422
    if isinstance(error, StoreError):
        return 503
    return 400


async def paxterm_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, PaxtermError)
    return JSONResponse({"error": str(error)}, status_code=error_status(error))


async def http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return JSONResponse({"error": error.detail}, status_code=error.status_code)


def _project(request: Request) -> Project:
    return request.app.state.project


async def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a service call off the event loop (it takes the store's lock and may wait for it)."""
    return await run_in_threadpool(function, *args, **kwargs)


async def _body(request: Request) -> dict:
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "the request body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the request body must be a JSON object")
    return body


def _int(value: object, name: str, *, default: int | None = None, minimum: int = 0) -> int | None:
    if value is None or value == "":
        return default
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise HTTPException(400, f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise HTTPException(400, f"{name} must be {minimum} or more")
    return number


def _revision(body: dict, request: Request | None = None) -> int | None:
    """The revision an edit was made on: the body's "revision", else an If-Match header (the ETag read)."""
    if body.get("revision") is None and request is not None and "if-match" in request.headers:
        return _int(request.headers["if-match"].removeprefix("W/").strip('"'), "If-Match")
    return _int(body.get("revision"), "revision")


def _versioned(record: dict, status_code: int = 200) -> JSONResponse:
    """One link or term entry, with its revision as the ETag an If-Match may send back."""
    return JSONResponse(record, status_code=status_code, headers={"ETag": f'"{record["revision"]}"'})


# --- pairs and links -------------------------------------------------------------------------------


async def get_project(request: Request) -> JSONResponse:
    project = _project(request)
    return JSONResponse({"name": project.corpus_dir.name})


async def list_pairs(request: Request) -> JSONResponse:
    pairs = await _call(_project(request).pairs)
    return JSONResponse({"pairs": [pair_record(pair) for pair in pairs]})


async def get_pair(request: Request) -> JSONResponse:
    pair = await _call(_project(request).pair, request.path_params["pair_id"])
    return JSONResponse(pair_record(pair))


async def list_links(request: Request) -> JSONResponse:
    project = _project(request)
    pair_id = request.path_params["pair_id"]
    offset = _int(request.query_params.get("offset"), "offset", default=0)
    limit = _int(request.query_params.get("limit"), "limit", minimum=1)
    if limit is not None:
        limit = min(limit, MAX_LINK_PAGE)
    pair = await _call(project.pair, pair_id)
    links = await _call(project.links, pair_id, offset=offset, limit=limit)
    return JSONResponse({"pair": pair_record(pair), "offset": offset, "limit": limit, "total": pair.links,
                         "links": [link_record(link) for link in links]})


async def link_history(request: Request) -> JSONResponse:
    records = await _call(_project(request).link_history, request.path_params["pair_id"])
    return JSONResponse({"history": [history_record(record) for record in records]})


async def get_link(request: Request) -> JSONResponse:
    link = await _call(_project(request).link, request.path_params["link_id"])
    return _versioned(link_record(link))


async def patch_link(request: Request) -> JSONResponse:
    """{"status": "confirmed"} or {"fr": ..., "en": ...}, with the "revision" the page read."""
    project = _project(request)
    link_id = request.path_params["link_id"]
    body = await _body(request)
    revision = _revision(body, request)
    unknown = sorted(set(body) - {"status", "revision", *LINK_TEXT_FIELDS})
    if unknown:
        raise InvalidEditError(f"cannot set {', '.join(unknown)} of a link; send status, fr or en")
    texts = {name: str(body[name]) for name in LINK_TEXT_FIELDS if name in body}
    if texts and "status" in body:
        raise InvalidEditError("send either a status or new texts: an edited link's status is 'edited'")
    if texts:
        link = await _call(project.edit_link, link_id, revision=revision, **texts)
    elif "status" in body:
        link = await _call(project.set_link_status, link_id, str(body["status"]), revision=revision)
    else:
        raise InvalidEditError("nothing to change: send status, fr or en")
    return _versioned(link_record(link))


async def merge_link(request: Request) -> JSONResponse:
    body = await _body(request)
    merged = await _call(_project(request).merge_link_with_next, request.path_params["link_id"],
                         revision=_revision(body, request))
    return JSONResponse({"links": [link_record(merged)]})


async def split_link(request: Request) -> JSONResponse:
    body = await _body(request)
    parts = await _call(_project(request).split_link, request.path_params["link_id"],
                        revision=_revision(body, request))
    return JSONResponse({"links": [link_record(link) for link in parts]})


async def omission_link(request: Request) -> JSONResponse:
    body = await _body(request)
    parts = await _call(_project(request).mark_omission, request.path_params["link_id"],
                        revision=_revision(body, request))
    return JSONResponse({"links": [link_record(link) for link in parts]})


# --- the term base ---------------------------------------------------------------------------------


async def list_terms(request: Request) -> JSONResponse:
    query = request.query_params
    terms = await _call(_project(request).terms, status=query.get("status") or None,
                        query=query.get("q") or None, label=query.get("label") or None)
    return JSONResponse({"terms": [term_record(term) for term in terms]})


async def get_term(request: Request) -> JSONResponse:
    term = await _call(_project(request).term, request.path_params["term_id"])
    return _versioned(term_record(term))


async def term_contexts(request: Request) -> JSONResponse:
    contexts = await _call(_project(request).term_contexts, request.path_params["term_id"])
    return JSONResponse({"contexts": [context_record(context) for context in contexts]})


async def term_history(request: Request) -> JSONResponse:
    rows = await _call(_project(request).term_history, request.path_params["term_id"])
    return JSONResponse({"history": [{"at": at, "field": field, "old": old, "new": new, "origin": origin}
                                     for _, at, field, old, new, origin in rows]})


async def add_term(request: Request) -> JSONResponse:
    body = await _body(request)
    term = await _call(_project(request).add_term, str(body.get("fr", "")), str(body.get("en", "")),
                       status=str(body.get("status", "validated")), note=str(body.get("note", "")))
    return _versioned(term_record(term), status_code=201)


async def patch_term(request: Request) -> JSONResponse:
    """Any of fr, en, fr_variants, en_variants, pos, status, label, note; with the "revision" read."""
    body = await _body(request)
    revision = _revision(body, request)
    changes = {name: value for name, value in body.items() if name != "revision"}
    if not changes:
        raise InvalidEditError("nothing to change: send the fields to set, e.g. {\"status\": \"validated\"}")
    term = await _call(_project(request).update_term, request.path_params["term_id"], changes,
                       revision=revision)
    return _versioned(term_record(term))


async def bulk_terms(request: Request) -> JSONResponse:
    """{"status": "rejected", "terms": [{"id": "T0001", "revision": 2}, ...]}: all are changed, or none."""
    body = await _body(request)
    items = body.get("terms")
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        raise InvalidEditError('send "terms": a list of {"id": ..., "revision": ...} objects')
    revisions = {str(item["id"]): _revision(item) for item in items}
    terms = await _call(_project(request).set_term_statuses, revisions, str(body.get("status", "")))
    return JSONResponse({"terms": [term_record(term) for term in terms]})


# --- the concordance -------------------------------------------------------------------------------


async def search(request: Request) -> JSONResponse:
    query = request.query_params
    term = (query.get("q") or "").strip()
    if not term:
        raise HTTPException(400, "give a word or phrase to look up: /api/search?q=...")
    language = query.get("lang") or None
    if language not in (None, "fr", "en"):
        raise HTTPException(400, f"lang is fr or en (or nothing: both sides), not {language!r}")
    limit = _int(query.get("limit"), "limit", default=DEFAULT_SEARCH_LIMIT, minimum=1)
    found = await _call(_project(request).search, term, language=language, limit=limit)
    return JSONResponse({"query": term, "lang": language, "results": [occurrence_record(item) for item in found]})


ROUTES = [
    Route("/api/project", get_project),
    Route("/api/pairs", list_pairs),
    Route("/api/pairs/{pair_id:int}", get_pair),
    Route("/api/pairs/{pair_id:int}/links", list_links),
    Route("/api/pairs/{pair_id:int}/history", link_history),
    Route("/api/links/{link_id:int}", get_link),
    Route("/api/links/{link_id:int}", patch_link, methods=["PATCH"]),
    Route("/api/links/{link_id:int}/merge", merge_link, methods=["POST"]),
    Route("/api/links/{link_id:int}/split", split_link, methods=["POST"]),
    Route("/api/links/{link_id:int}/omission", omission_link, methods=["POST"]),
    Route("/api/terms", list_terms),
    Route("/api/terms", add_term, methods=["POST"]),
    Route("/api/terms/bulk", bulk_terms, methods=["POST"]),
    Route("/api/terms/{term_id}", get_term),
    Route("/api/terms/{term_id}", patch_term, methods=["PATCH"]),
    Route("/api/terms/{term_id}/contexts", term_contexts),
    Route("/api/terms/{term_id}/history", term_history),
    Route("/api/search", search),
]
