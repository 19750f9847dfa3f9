"""The FastAPI application: the REST API (``/api``, OpenAPI docs at ``/docs``), the web UI and
its static files, over one store.

Every error under ``/api`` (and any path that is not a page) is JSON of one shape::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": []}}

``details`` lists what was wrong with a request that failed validation (``loc``, ``message``).
Pages answer errors with an HTML page saying the same. Request bodies are capped (413) before
they are parsed; pages carry a Content-Security-Policy that allows no inline script, a second
line of defence behind Jinja2's autoescaping of all article text and metadata.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.ingest.decode import MAX_ARTICLE_BYTES
from newsdesk.serve import api, ui
from newsdesk.serve.desk import Desk
from newsdesk.serve.guard import Guard
from newsdesk.serve.jobs import IngestWorker

MAX_BODY_BYTES = 4 * MAX_ARTICLE_BYTES  # one request: a few full-size files or many small documents
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    411: "length_required",
    413: "too_large",
    421: "misdirected_request",
    422: "invalid_request",
    500: "internal_error",
}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
# The API docs pages (Swagger UI, ReDoc) are served from fastapi-offline's packaged files, not a
# CDN, and start themselves with an inline script, so they get no CSP (they show no article text).
DOCS_PATHS = ("/docs", "/redoc", "/openapi.json", "/static-offline-docs")


def create_app(
    db_path: str | Path, max_upload_bytes: int = MAX_ARTICLE_BYTES, max_body_bytes: int = MAX_BODY_BYTES, guard: Guard | None = None
) -> FastAPI:
    """The app over the store at ``db_path``; ``guard`` says where it listens and its API token
    (localhost and none by default, see ``newsdesk.serve.guard``)."""
    guard = guard or Guard()
    worker = IngestWorker(db_path)
    desk = Desk(db_path, on_stale=worker.request_refresh)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        worker.start()
        try:
            yield
        finally:
            worker.stop()

    app = FastAPIOffline(
        title="newsdesk",
        version="1",
        summary="News reports grouped into events: who and what, who said what, where sources agree and conflict.",
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.state.worker = worker
    app.state.max_upload_bytes = max_upload_bytes
    app.state.guard = guard
    app.include_router(api.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(packages=[("newsdesk.serve", "static")]), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = [{"loc": [str(part) for part in e["loc"]], "message": e["msg"]} for e in exc.errors()]
        return error_response(request, 422, "the request is not valid: " + "; ".join(_describe(d) for d in details), details)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        return error_response(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    @app.middleware("http")
    async def limit_and_protect(request: Request, call_next):
        refused = guard.refusal(request.method, {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers.raw}, request.client.host if request.client else None)
        if refused:
            return error_response(request, *refused)
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_body_bytes):
            return error_response(request, 413, f"request body over the {max_body_bytes} byte limit")
        if request.method in ("POST", "PUT", "PATCH") and declared is None:
            return error_response(request, 411, "a request body needs a Content-Length header")
        response = await call_next(request)
        if not request.url.path.startswith(DOCS_PATHS):
            response.headers.update(SECURITY_HEADERS)
        return response

    return app


def error_response(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None):
    code = ERROR_CODES.get(status, f"http_{status}")
    if _wants_page(request):
        return HTMLResponse(ui.render("error.html", request, status=status, code=code, message=message), status_code=status, headers=SECURITY_HEADERS)
    body = {"error": {"status": status, "code": code, "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status)


def _wants_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api/", "/static/")) and path != "/api" and request.method == "GET"


def _describe(detail: dict[str, Any]) -> str:
    where = ".".join(part for part in detail["loc"] if part not in ("body", "query", "path"))
    return f"{where}: {detail['message']}" if where else detail["message"]

