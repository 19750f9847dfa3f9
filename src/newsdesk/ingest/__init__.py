"""Ingest: turn paths (files, directories, globs, ``-`` for stdin) into Articles.

Bad inputs never stop a batch: each becomes an :class:`InputRejected` naming the input.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk import errors
from newsdesk.ingest.article import article_from_text, article_id
from newsdesk.ingest.formats import Item, read_feed, read_html, read_json_lines, read_text, read_warc

__all__ = ["Named", "Target", "article_from_text", "article_id", "read_inputs", "expand_paths"]

Reader = Callable[[bytes, str], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json_lines,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


@dataclass(frozen=True)
class Named:
    """A file read under the name its owner gave it: an upload staged on disk under another name.
    The name picks the reader (by its suffix) and names the article and any rejection."""

    path: Path
    name: str


Target = Path | str | Named | errors.InputRejected


def expand_paths(paths: Iterable[str | Target]) -> Iterator[Target]:
    """Files to read, in a stable order; ``"-"`` stands for stdin. Targets already
    expanded (a file's Path, or a rejection) pass through, so expansion can happen ahead of reading.
    One path on its own (a ``str`` or ``Path``) is one path, not a sequence of characters."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        if isinstance(raw, (errors.InputRejected, Named)) or (isinstance(raw, Path) and raw.is_file()):
            yield raw
            continue
        raw = os.fspath(raw)
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_file():
            yield path
        elif path.is_dir():
            found = _walk(path)
            readable = [p for p in found if isinstance(p, Path) and _suffix(p) in READERS]
            if not readable:
                yield errors.InputRejected(raw, errors.NOTHING_READABLE)
                continue
            # every other file in the folder is named, so that nothing is skipped without a word
            for file in found:
                if isinstance(file, Path) and file not in readable:
                    file = errors.InputRejected(str(file), errors.unsupported(_suffix(file), READERS))
                yield file
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                yield errors.InputRejected(raw, errors.NO_MATCH)
            yield from matches
        else:
            yield errors.InputRejected(raw, errors.MISSING)


def _walk(folder: Path) -> list[Path | errors.InputRejected]:
    """The files under ``folder`` in path order, following symbolic links; a link that loops or
    leads nowhere is named as a rejection rather than skipped without a word. Hidden files are
    left out."""
    found: list[Path | errors.InputRejected] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        here = os.path.realpath(root)
        for name in list(dirs):
            link = Path(root, name)
            target = os.path.realpath(link)
            if link.is_symlink() and (here == target or here.startswith(target + os.sep)):
                dirs.remove(name)  # a link to a folder it is in: following it would never end
                found.append(errors.InputRejected(str(link), errors.symlink_loop(os.readlink(link))))
        for name in files:
            file = Path(root, name)
            if name.startswith("."):
                continue
            if file.is_file():
                found.append(file)
            elif file.is_symlink():
                found.append(errors.InputRejected(str(file), _broken_link(file)))
    return sorted(found, key=lambda f: f if isinstance(f, Path) else Path(f.input_name))


def _broken_link(link: Path) -> str:
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return errors.symlink_loop(os.readlink(link))
    return f"broken symbolic link (its target {os.readlink(link)} does not exist)"


def _sniff_reader(data: bytes) -> Reader:
    head = data.lstrip()[:200].lower()
    if head.startswith((b"{", b"[")):
        return read_json_lines
    if head.startswith(b"warc/"):
        return read_warc
    if b"<rss" in head or b"<feed" in head:
        return read_feed
    if head.startswith(b"<"):
        return read_html
    return read_text


def read_inputs(paths: Iterable[str | Target]) -> Iterator[Item]:
    """Every article found under ``paths``, or an InputRejected for each input that fails."""
    for target in expand_paths(paths):
        if isinstance(target, errors.InputRejected):
            yield target
            continue
        if isinstance(target, Named):
            name, source = target.name, target.path
        else:
            name, source = ("<stdin>", None) if target == "-" else (str(target), Path(target))
        try:
            data = sys.stdin.buffer.read() if source is None else source.read_bytes()
        except OSError as exc:
            yield errors.InputRejected(name, f"unreadable ({exc.strerror or exc})")
            continue
        reader = READERS.get(_suffix(Path(name))) if source is not None else None
        try:
            yield from (reader or _sniff_reader(data))(data, name)
        except errors.InputRejected as exc:
            yield exc
        except Exception as exc:  # a reader library failing on one odd file must not stop the batch
            yield errors.InputRejected(name, f"unreadable ({type(exc).__name__}: {exc})")
