"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same reads as the API.

    /                    events, newest first, with search, entity and date filters
    /events/{id}         one event: summary, map, figures, sources side by side, entities, findings, quotes, timeline
    /events/{id}/export.json, /findings.csv, /export.md   the event to take away (see newsdesk.serve.export)
    /articles/{id}       one article with its annotations
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader

from newsdesk.report.claims import aligned_note
from newsdesk.report.html import span_anchor
from newsdesk.serve.api import ID_PATTERN
from newsdesk.serve.desk import Desk, EventQuery
from newsdesk.serve.export import event_json, event_markdown, findings_csv
from newsdesk.serve.views import ENTITIES_SHOWN, display_title, event_page, outlet

PAGE_SIZE = 25

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(loader=PackageLoader("newsdesk.serve", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")
    env.globals["anchor_of"] = span_anchor
    env.globals["outlet"] = outlet
    env.globals["aligned_note"] = aligned_note
    env.globals["display_title"] = display_title
    env.globals["ENTITIES_SHOWN"] = ENTITIES_SHOWN
    return env


def render(template: str, request: Request, **context: Any) -> str:
    return _templates().get_template(template).render(request=request, **context)


def _desk(request: Request) -> Desk:
    return request.app.state.desk


@router.get("/", response_class=HTMLResponse)
def events_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> str:
    # empty form fields arrive as "", which is "no filter", not an invalid date
    query = EventQuery(q or None, entity or None, _day(date_from, "from"), _day(date_to, "to"), (page - 1) * PAGE_SIZE, PAGE_SIZE)
    listing = _desk(request).events(query)
    filters = {k: v for k, v in {"q": q, "entity": entity, "date_from": date_from, "date_to": date_to}.items() if v}
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    links = {
        "previous": "?" + urlencode({**filters, "page": page - 1}) if page > 1 else None,
        "next": "?" + urlencode({**filters, "page": page + 1}) if page < pages else None,
    }
    guard = request.app.state.guard
    return render(
        "events.html", request, listing=listing, filters=filters, page=page, pages=pages, links=links, counts=_desk(request).counts(),
        csrf_token=guard.csrf_token, token_required=guard.token is not None,
    )


def _day(value: str | None, which: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"the {which} date must be YYYY-MM-DD, not {value!r}") from None


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_view(event_id: Annotated[str, Path(pattern=ID_PATTERN)], request: Request):
    found = _event_or_heir(request, event_id, "")
    if isinstance(found, RedirectResponse):
        return found
    views = found.entry.views
    if "page" not in views:  # rendering is deterministic per dossier, so the first render serves every later read
        views["page"] = render("event.html", request, page=event_page(found.document))
    if found.stale:
        return views["page"].replace('<div id="stale" hidden>', '<div id="stale">', 1)
    return views["page"]


def _event_or_heir(request: Request, event_id: str, page: str):
    """The stored event, or a redirect to ``page`` of the event it merged into as articles arrived."""
    desk = _desk(request)
    found = desk.event(event_id)
    if found is not None:
        return found
    heir = desk.successor(event_id)
    if heir is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return RedirectResponse(f"/events/{heir}{page}", status_code=303)


EXPORTS = {
    "export.json": ("application/json", event_json),
    "findings.csv": ("text/csv; charset=utf-8", lambda document: findings_csv(document, outlet)),
    "export.md": ("text/markdown; charset=utf-8", event_markdown),
}


@router.get("/events/{event_id}/{export}")
def event_export(
    event_id: Annotated[str, Path(pattern=ID_PATTERN)],
    export: Annotated[str, Path(pattern=r"^(export\.json|findings\.csv|export\.md)$")],
    request: Request,
):
    """The event as a download: its dossier (JSON), its findings (CSV), its report (Markdown)."""
    found = _event_or_heir(request, event_id, f"/{export}")
    if isinstance(found, RedirectResponse):
        return found
    media_type, render_export = EXPORTS[export]
    views = found.entry.views
    if ("export", export) not in views:
        views[("export", export)] = render_export(found.document)
    filename = f"newsdesk-event-{event_id}" + ("-" + export if export == "findings.csv" else export.removeprefix("export"))
    return Response(views[("export", export)], media_type=media_type, headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(article_id: Annotated[str, Path(pattern=ID_PATTERN)], request: Request) -> str:
    found = _desk(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    event_read, article = found
    views = event_read.entry.views
    if ("article", article_id) not in views:
        page = event_page(event_read.document)
        source = next(s for s in page.sources if s.article["id"] == article_id)
        quotes = [q for q in page.event["quotes"] if q["article_id"] == article_id]
        removed = [r for r in event_read.document["removed"] if r["article_id"] == article_id]
        views[("article", article_id)] = render("article.html", request, page=page, source=source, article=article, quotes=quotes, removed=removed)
    return views[("article", article_id)]

