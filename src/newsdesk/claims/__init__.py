"""Claims: per-article checkable statements (counts, changes, states, actions) with their voice and
hedging, and their alignment across the articles of one event into agreements, conflicts and
single-source claims. The rules are in the docstrings of ``numbers``, ``extract``, ``actions``
and ``align``."""

from __future__ import annotations

from newsdesk.claims.align import align_claims, single_source_claims
from newsdesk.claims.extract import extract_claims

__all__ = ["align_claims", "extract_claims", "single_source_claims"]
