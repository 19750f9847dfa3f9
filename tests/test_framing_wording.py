"""Wording side by side on a written pair of reports of one event."""

from newsdesk.analyse import analyse_articles
from newsdesk.framing import compare_wording, with_framing
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes

COLUMN = (
    "The assassination attempt on the governor shocked the capital.\n"
    'The "demonstrators" who gathered outside the palace were paid by the opposition, I am sure.\n'
    "After the assassination attempt, the governor spoke on television.\n"
    "The assassination attempt failed because the guards were alert.\n"
)
REPORT = (
    "The failed attack on the governor took place on Sunday night, police said.\n"
    "Protesters had gathered outside the palace earlier in the day.\n"
    "The protesters dispersed after the failed attack, witnesses said.\n"
)


def test_same_things_named_differently_are_side_by_side():
    analyses = []
    for analysis, doc in analyse_articles([article_from_text(COLUMN, path="column"), article_from_text(REPORT, path="report")]):
        analysis.quotes = extract_quotes(analysis, doc)
        analyses.append(with_framing(analysis, doc))
    column, report = (a.article.id for a in analyses)
    rows = compare_wording(analyses)
    words = [{(c.article_id, c.text.casefold(), c.scare_quoted) for c in row.choices} for row in rows]
    assert any({(column, "assassination attempt", False), (report, "failed attack", False)} <= w for w in words)
    assert any({(column, "demonstrators", True), (report, "protesters", False)} <= w for w in words)
    texts = {a.article.id: a.article.text for a in analyses}
    assert all(texts[c.article_id][c.start : c.end] == c.text for row in rows for c in row.choices)
