"""One reader per input format. Each yields Articles, or InputRejected for a bad part of a good file."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from typing import Any

from newsdesk import errors
from newsdesk.ingest.article import article_from_text
from newsdesk.ingest.decode import decode, decode_text, without_lone_surrogates
from newsdesk.model import Article

Item = Article | errors.InputRejected

# Fewer words than this is navigation or boilerplate that trafilatura fell back on, not an article.
MIN_HTML_WORDS = 8

# Each field of an article, and the names crawlers write it under, in order of preference:
# ours first, then news-please (``maintext``, ``date_publish``, ``source_domain``, ``authors``)
# and fundus (``plaintext``, ``body``, ``publishing_date``, ``publisher``, ``lang``). A crawl
# or download date (``date_download``) is not a publication date and stays metadata.
JSON_FIELD_NAMES = {
    "text": ("text", "maintext", "plaintext", "body"),
    "html": ("html",),
    "title": ("title", "title_page", "title_rss"),
    "url": ("url", "requested_url", "responded_url"),
    "published": ("published", "date_publish", "publishing_date", "date_published"),
    "source": ("source", "source_domain", "publisher"),
    "language": ("language", "lang"),
    "author": ("author", "authors"),
}


def read_text(data: bytes, name: str) -> Iterator[Item]:
    decoded = decode_text(data, name)
    yield article_from_text(decoded.text, path=name, decoded=decoded)


def html_to_article(html: str, name: str, url: str | None = None, **overrides: Any) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None or len((doc.text or "").split()) < MIN_HTML_WORDS:
        raise errors.InputRejected(name, errors.NO_HTML_TEXT)
    fields = {
        "title": doc.title,
        "published": doc.date,
        "author": doc.author,
        "source": doc.sitename or doc.hostname,
        "url": url or doc.url,
    }
    fields.update({k: v for k, v in overrides.items() if v is not None})
    return article_from_text(doc.text, path=name, **fields)


def read_html(data: bytes, name: str) -> Iterator[Item]:
    yield html_to_article(decode(data, name), name)


def read_json_lines(data: bytes, name: str) -> Iterator[Item]:
    """A JSON array, one JSON object, or one object a line (JSONL). The size limit of one
    article holds for each record's text, not for the file: an export of many is as big as it is."""
    text = decode(data, name, limit=None)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise errors.InputRejected(f"{name}:{exc.lineno}", errors.bad_json(exc.msg)) from None
        for index, record in enumerate(records, start=1):
            yield _record_to_item(record, f"{name}[{index}]")
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == 1 and stripped.startswith("{"):
                try:
                    record = json.loads(text)
                except json.JSONDecodeError:
                    yield errors.InputRejected(f"{name}:{number}", errors.bad_json(exc.msg))
                    continue
                yield _record_to_item(record, name)
                return
            yield errors.InputRejected(f"{name}:{number}", errors.bad_json(exc.msg))
            continue
        yield _record_to_item(record, f"{name}:{number}")


def _record_to_item(record: Any, name: str) -> Item:
    if not isinstance(record, dict):
        return errors.InputRejected(name, "JSON record is not an object")
    record = {k: without_lone_surrogates(v) if isinstance(v, str) else v for k, v in record.items()}
    values, used = _crawler_fields(record)
    metadata = {k: v for k, v in record.items() if k not in used}
    text, html = values.pop("text"), values.pop("html")
    if not text and isinstance(record.get("description"), str) and record["description"].strip():
        text = record["description"]  # a page the crawler found no body in still has its lead
    try:
        if text:
            decoded = decode_text(text.encode("utf-8"), name)
            return article_from_text(decoded.text, path=name, metadata=metadata, decoded=decoded, **values)
        if html:
            url = values.pop("url")
            article = html_to_article(html, name, url=url, **values)
            return article if not metadata else _with_metadata(article, metadata)
    except errors.InputRejected as exc:
        return exc
    return errors.InputRejected(name, "JSON record has no 'text' or 'html' (nor a crawler's 'maintext', 'plaintext' or 'body')")


def _crawler_fields(record: dict[str, Any]) -> tuple[dict[str, str | None], set[str]]:
    """Each article field from the first of its names (``JSON_FIELD_NAMES``) that holds a
    value, as a string; and the names taken, which are not kept again as metadata."""
    values: dict[str, str | None] = {}
    used: set[str] = set()
    nested = record.get("html") if isinstance(record.get("html"), dict) else {}  # fundus: html.requested_url
    for field_name, names in JSON_FIELD_NAMES.items():
        values[field_name] = None
        for key in names:
            value = _as_text(record.get(key, nested.get(key)), field_name)
            if value:
                values[field_name] = value
                used.add(key)
                break
    if values["source"]:
        values["source"] = values["source"].removeprefix("www.")
    return values, used


def _as_text(value: Any, field_name: str) -> str | None:
    """A crawler's value as one string: authors joined, a fundus body's summary, headlines and
    paragraphs one a line; None for empty values and for shapes that are not text."""
    if isinstance(value, list) and field_name == "author":
        names = [str(v).strip() for v in value if isinstance(v, str) and v.strip()]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict) and field_name == "text":
        return "\n".join(_body_lines(value)) or None
    if isinstance(value, (int, float)) and field_name == "published":
        return None
    if isinstance(value, str) and value.strip():
        return value.strip() if field_name != "text" else value
    return None


def _body_lines(body: Any) -> list[str]:
    """The text lines of a fundus ``ArticleBody`` (summary, then sections of headline and paragraphs)."""
    if isinstance(body, str):
        return [body] if body.strip() else []
    if isinstance(body, list):
        return [line for item in body for line in _body_lines(item)]
    if isinstance(body, dict):
        return [line for key in ("summary", "sections", "headline", "paragraphs") for line in _body_lines(body.get(key))]
    return []


def _with_metadata(article: Article, metadata: dict[str, Any]) -> Article:
    from dataclasses import replace

    return replace(article, metadata={**article.metadata, **metadata})


def read_feed(data: bytes, name: str) -> Iterator[Item]:
    """RSS or Atom: one article per entry, from its full content or else its summary."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        raise errors.InputRejected(name, "feed with no entries" if not feed.bozo else f"unreadable feed ({feed.bozo_exception})")
    feed_title = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        entry_name = f"{name}#{index}"
        body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        # an aggregator's entry may name the outlet it comes from (RSS <source>); else the feed is the outlet
        source = (entry.get("source") or {}).get("title") or feed_title
        try:
            yield _feed_entry_article(entry, body, entry_name, source)
        except errors.InputRejected as exc:
            yield exc


def _feed_entry_article(entry: Any, body: str, name: str, source: str | None) -> Article:
    fields = {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "published": entry.get("published") or entry.get("updated"),
        "source": source,
        "author": entry.get("author"),
    }
    if "<" in body:
        try:
            return html_to_article(f"<html><body><article>{body}</article></body></html>", name, **fields)
        except errors.InputRejected:
            import lxml.html

            body = lxml.html.fromstring(body).text_content()
    return article_from_text(body.strip(), path=name, **fields)


def read_warc(data: bytes, name: str) -> Iterator[Item]:
    """HTML responses of a WARC (optionally gzipped) archive, one article each."""
    from warcio.archiveiterator import ArchiveIterator

    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    found = False
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        if "html" not in (record.http_headers.get_header("Content-Type") or ""):
            continue
        found = True
        url = record.rec_headers.get_header("WARC-Target-URI")
        record_name = f"{name}#{url}"
        try:
            html = decode(record.content_stream().read(), record_name)
            yield html_to_article(html, record_name, url=url)
        except errors.InputRejected as exc:
            yield exc
    if not found:
        raise errors.InputRejected(name, "WARC archive with no HTML response")
