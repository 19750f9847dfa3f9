"""The inputs issue 18's throughput is measured on: the 982 ECB+ documents (as one JSONL file)
and the Giveme5W1H dev articles (news-please JSON), the first ``limit`` of each."""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsdesk.eval.ecbplus import as_article_record, load_documents

REPO = Path(__file__).resolve().parents[1]
GIVEME = Path(os.environ.get("NEWSDESK_CORPUS", REPO.parent / "shared" / "corpus")) / "giveme5w1h" / "dev"


def issue_inputs(folder: Path, limit: int | None) -> list[str]:
    """Input paths for ``newsdesk ingest``; the ECB+ documents are written into ``folder``."""
    ecb = folder / "ecbplus.jsonl"
    ecb.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in load_documents()[:limit]), encoding="utf-8")
    return [str(ecb)] + [str(p) for p in sorted(GIVEME.glob("*.json"))[:limit]]
