"""Pairs of articles to compare, from a CSV file with a header row.

Two layouts, told apart by their columns (other columns are ignored, so the SemEval
training file with its gold scores reads as it is):

- SemEval-2022 Task 8: ``pair_id``, ``text1``, ``text2``, optional ``lang1``, ``lang2``;
- plain: ``id1``, ``id2`` and either ``text1``, ``text2`` (the articles' texts) or
  ``path1``, ``path2`` (article files in any input format, relative to the CSV's folder),
  optional ``lang1``, ``lang2``.

A row that cannot be read (a missing or empty field, an unreadable file, a file that
holds no article or several) becomes a ``PairRejected`` with its row number and the
reason; the rows around it are read as usual.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk import errors
from newsdesk.model import Article

csv.field_size_limit(sys.maxsize)  # article texts are long fields


@dataclass(frozen=True)
class PairRow:
    row: int  # 1-based data row (the header is row 0)
    pair_id: str
    left: Article
    right: Article


@dataclass(frozen=True)
class PairRejected:
    row: int
    pair_id: str | None
    reason: str


class PairFileError(ValueError):
    """The file as a whole cannot be read as pairs (no header, unknown layout)."""


def read_pairs(path: Path) -> Iterator[PairRow | PairRejected]:
    from newsdesk.ingest import read_inputs
    from newsdesk.ingest.article import article_from_text

    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise PairFileError(f"{path}: unreadable ({exc.strerror or exc})") from exc
    with handle:
        reader = csv.DictReader(handle)
        try:
            columns = set(reader.fieldnames or ())
        except (csv.Error, UnicodeDecodeError) as exc:
            raise PairFileError(f"{path}: not a CSV file ({exc})") from exc
        by_path = {"path1", "path2"} <= columns
        if not ({"pair_id", "text1", "text2"} <= columns or ({"id1", "id2"} <= columns and ({"text1", "text2"} <= columns or by_path))):
            raise PairFileError(
                f"{path}: the header needs pair_id,text1,text2 (SemEval layout) or id1,id2 with text1,text2 or path1,path2; "
                f"it has {','.join(reader.fieldnames or []) or 'nothing'}"
            )
        row = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                row += 1
                yield PairRejected(row, None, f"unreadable CSV row ({exc})")
                continue
            row += 1
            pair_id = (record.get("pair_id") or "").strip() or "_".join(
                (record.get(side) or "").strip() for side in ("id1", "id2")
            )
            if not pair_id.strip("_"):
                yield PairRejected(row, None, "no pair id (pair_id, or id1 and id2)")
                continue
            articles = []
            for side in ("1", "2"):
                language = (record.get("lang" + side) or "").strip() or None
                if by_path and not (record.get("text" + side) or "").strip():
                    found = _article_at(path.parent, (record.get("path" + side) or "").strip(), language, read_inputs)
                else:
                    text = record.get("text" + side)
                    if text is None or not text.strip():
                        found = f"text{side} is empty"
                    else:
                        try:
                            found = article_from_text(text, path=f"{path}:{row}:{side}", language=language)
                        except errors.InputRejected as exc:
                            found = f"text{side}: {exc.reason}"
                articles.append(found)
            problems = [a for a in articles if isinstance(a, str)]
            if problems:
                yield PairRejected(row, pair_id, "; ".join(problems))
            else:
                yield PairRow(row, pair_id, *articles)


def _article_at(folder: Path, name: str, language: str | None, read_inputs) -> Article | str:
    if not name:
        return "no path given"
    target = Path(name) if Path(name).is_absolute() else folder / name
    if not target.is_file():
        return f"{name}: no such file"
    items = list(read_inputs([str(target)]))
    rejected = [i for i in items if isinstance(i, errors.InputRejected)]
    if rejected:
        return f"{name}: {rejected[0].reason}"
    if len(items) != 1:
        return f"{name}: holds {len(items)} articles, a pair needs one"
    article = items[0]
    if language and not article.language:
        from dataclasses import replace

        article = replace(article, language=language)
    return article
