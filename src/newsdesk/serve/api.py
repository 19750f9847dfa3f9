"""The REST API under ``/api``: ingest in the background, list and search events, read dossiers
(``newsdesk.dossier/1``) and articles with their annotations. Errors share one shape, see
``newsdesk.serve.app``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsdesk.serve.desk import Desk, EventRead, EventQuery, article_annotations
from newsdesk.serve.jobs import IngestWorker

# Ids are hex hashes or short slugs (an event split off another gets a "+" suffix); anything else
# (a "..", a slash, a 10 kB string) is refused before it reaches a query, a file name or a template.
ID_PATTERN = r"^[A-Za-z0-9_+-]{1,80}$"
EventId = Annotated[str, Path(pattern=ID_PATTERN, description="An event id from GET /api/events")]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, description="An article id")]
JobId = Annotated[str, Path(pattern=ID_PATTERN, description="A job id from POST /api/ingest")]
MAX_DOCUMENTS_PER_REQUEST = 1000
MAX_FILES_PER_UPLOAD = 100

router = APIRouter(prefix="/api")


class DocumentIn(BaseModel):
    """One article, as in a ``.json`` input: ``text`` or ``html``, plus optional metadata (other fields are kept)."""

    model_config = ConfigDict(extra="allow")
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    author: str | None = None

    @model_validator(mode="after")
    def has_content(self) -> DocumentIn:
        if not (self.text or self.html):
            raise ValueError("a document needs text or html")
        return self


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS_PER_REQUEST)


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def _worker(request: Request) -> IngestWorker:
    return request.app.state.worker


def _event_or_moved(request: Request, event_id: str) -> EventRead | RedirectResponse:
    """The event, or a redirect to the event it merged into, or a 404."""
    desk = _desk(request)
    found = desk.event(event_id)
    if found is not None:
        return found
    heir = desk.successor(event_id)
    if heir is None:
        raise HTTPException(404, f"no event {event_id!r} (see GET /api/events)")
    return RedirectResponse(request.url.path.replace(f"/{event_id}", f"/{heir}", 1), status_code=307)


def _json(found: EventRead, key: str, part: Callable[[dict[str, Any]], Any]) -> Response:
    """JSON of (part of) a cached dossier, serialised once per dossier: a dossier can be megabytes."""
    views = found.entry.views
    if key not in views:
        views[key] = json.dumps(part(found.document), ensure_ascii=False, separators=(",", ":")).encode()
    return Response(views[key], media_type="application/json", headers={"X-Newsdesk-Stale": "true" if found.stale else "false"})


@router.get("/health", summary="Liveness and store size")
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", **_desk(request).counts()}


@router.post("/ingest", status_code=202, summary="Ingest JSON documents in the background")
def ingest_documents(body: IngestRequest, request: Request) -> dict[str, Any]:
    job = _worker(request).submit_documents([d.model_dump(exclude_none=True) for d in body.documents])
    return job.to_json()


@router.post("/ingest/files", status_code=202, summary="Ingest uploaded files (.txt, .html, .json, .jsonl, RSS/Atom, WARC)")
async def ingest_files(request: Request, files: Annotated[list[UploadFile], File(description="one or more files")]) -> dict[str, Any]:
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise HTTPException(413, f"at most {MAX_FILES_PER_UPLOAD} files per upload")
    limit = request.app.state.max_upload_bytes
    staged = []
    for upload in files:
        content = await upload.read(limit + 1)
        if len(content) > limit:
            raise HTTPException(413, f"{upload.filename!r} is larger than the {limit} byte limit per file")
        staged.append((upload.filename or "upload", content))
    return _worker(request).submit(staged).to_json()


@router.get("/jobs", summary="Recent ingest jobs, newest first")
def list_jobs(request: Request) -> list[dict[str, Any]]:
    return [job.to_json() for job in _worker(request).jobs()]


@router.get("/jobs/{job_id}", summary="Progress of one ingest job")
def get_job(job_id: JobId, request: Request) -> dict[str, Any]:
    job = _worker(request).job(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return job.to_json()


@router.get("/events", summary="List and search events, newest first")
def list_events(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="text in an article's title, text or metadata")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="part of an entity's name or of any of its spellings")] = None,
    date_from: Annotated[date | None, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before this day (YYYY-MM-DD)")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> JSONResponse:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, "date_from is after date_to")
    query = EventQuery(q or None, entity or None, date_from, date_to, offset, limit)
    return JSONResponse(_desk(request).events(query))  # a plain dict: no response-model validation per request


EVENT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}}, "description": "Header X-Newsdesk-Stale: true while a newer dossier is being built"},
    307: {"description": "the event merged into another; Location names it"},
}


@router.get("/events/{event_id}", summary="The event's dossier (newsdesk.dossier/1)", response_class=Response, responses=EVENT_RESPONSES)
def get_event(event_id: EventId, request: Request):
    """Header ``X-Newsdesk-Stale: true`` means the event gained or lost articles since this dossier
    was built; the new one is being built and a later request gets it. An event that merged into
    another answers with a redirect to it."""
    found = _event_or_moved(request, event_id)
    return found if isinstance(found, RedirectResponse) else _json(found, "json", lambda document: document)


def _event_part(part: str):
    def read(event_id: EventId, request: Request):
        found = _event_or_moved(request, event_id)
        if isinstance(found, RedirectResponse):
            return found
        if part == "articles":
            return _json(found, "json:articles", lambda document: document["articles"])
        return _json(found, f"json:{part}", lambda document: document["events"][0][part])

    read.__name__ = f"get_event_{part}"
    return read


for _part in ("articles", "entities", "quotes", "posts", "agreements", "conflicts", "comparisons"):
    router.add_api_route(
        f"/events/{{event_id}}/{_part}", _event_part(_part), methods=["GET"], summary=f"The event's {_part}", response_class=Response, responses=EVENT_RESPONSES
    )


@router.get("/articles/{article_id}", summary="One article with its annotations", response_class=Response, responses={200: {"content": {"application/json": {}}}})
def get_article(article_id: ArticleId, request: Request) -> Response:
    found = _desk(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    event_read, article = found
    return _json(event_read, f"json:article:{article_id}", lambda document: {"article": article, **article_annotations(document, article_id)})
