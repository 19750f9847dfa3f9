"""Report: the dossier as JSON (the contract), Markdown and HTML."""

from newsdesk.report.dossier import SCHEMA_ID, dossier_schema, dossier_to_json, span_violations
from newsdesk.report.html import dossier_html
from newsdesk.report.markdown import dossier_markdown

__all__ = ["SCHEMA_ID", "dossier_schema", "dossier_to_json", "span_violations", "dossier_html", "dossier_markdown"]
