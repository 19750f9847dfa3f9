"""The HTTP server: a REST API and a web UI over one store (``newsdesk serve``)."""

from newsdesk.serve.app import create_app

__all__ = ["create_app"]
