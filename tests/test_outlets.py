"""The outlet of a report that came without one (issue 19, point 6): a dateline credit, a byline,
an outlet's copyright line, the site of its address, a feed's title; uploads keep their names.

Real reports from the Giveme5W1H corpus (news-please JSON, read here as plain text, without their
metadata) carry the first three kinds; the byline with a bar is written here, as an edge shape."""

import json

import pytest

from newsdesk.ingest import read_inputs
from newsdesk.ingest.article import article_from_text
from newsdesk.ingest.outlet import outlet_in_text, site_of

from conftest import CORPUS

GIVEME = sorted((CORPUS / "giveme5w1h" / "dev").glob("*.json"))


def _giveme_text(starting: str) -> str:
    for path in GIVEME:
        text = json.loads(path.read_text(encoding="utf-8"))["text"] or ""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if any(line.startswith(starting) for line in lines[:4]):
            return text
    raise AssertionError(f"no Giveme5W1H report has a line starting {starting!r}")


@pytest.mark.parametrize(
    "opening, outlet",
    [
        ("SAN JOSE, Dec 31 (Reuters) -", "Reuters"),  # city, date, agency
        ("(CNN) A small plane crash", "CNN"),  # agency alone, no dash
        ("SAO PAULO (AP) —", "AP"),  # em dash
        ("LONDON, Dec 29 (Thomson Reuters Foundation) -", "Thomson Reuters Foundation"),
        ("(Reuters) - Broadcom", "Reuters"),
    ],
)
def test_a_dateline_credit_names_the_outlet(opening, outlet):
    assert outlet_in_text(_giveme_text(opening)) == outlet


def test_an_agency_copyright_line_closing_the_report_names_the_outlet():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] or "" for p in GIVEME]
    closing = [t for t in texts if t.strip().split("\n")[-1].startswith("Copyright 2017 The Associated Press")]
    assert len(closing) >= 3
    assert {outlet_in_text(t) for t in closing} == {"The Associated Press"}


def test_credits_for_photos_and_contributors_are_not_the_outlet():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] or "" for p in GIVEME]
    photo = [t for t in texts if "Dado Ruvic/Reuters" in t.split("\n")[0]]
    assert photo and outlet_in_text(photo[0]) is None
    assert outlet_in_text("Rain flooded the valley on Monday.\nThe Associated Press contributed to this report.") is None
    assert outlet_in_text("Mark Bridge, Technology Correspondent\nBy Mark Bridge, Technology Correspondent\nText.") is None
    assert outlet_in_text("WASHINGTON (UPDATE 2) - The vote was delayed.") is None  # a number: not a name


def test_giveme_reports_read_as_text_find_an_outlet_only_in_credits():
    found = {}
    for path in GIVEME:
        record = json.loads(path.read_text(encoding="utf-8"))
        outlet = outlet_in_text(record["text"] or "")
        if outlet:
            found[record["source_domain"]] = found.get(record["source_domain"], set()) | {outlet}
    # every outlet found is the site itself or a wire agency the site ran (checked by hand)
    wires = {"The Associated Press", "AP", "Reuters", "Thomson Reuters Foundation"}
    own = {"edition.cnn.com": {"CNN"}, "www.npr.org": {"NPR"}, "uk.reuters.com": {"Reuters"}}
    assert len(found) >= 6
    for site, outlets in found.items():
        assert outlets <= wires | own.get(site, set()), (site, outlets)


@pytest.mark.parametrize(
    "text",
    [
        "Floods cut off Sylhet\nBy Ruma Paul | Dhaka Tribune\nFloods cut off Sylhet on Monday, officials said.",
        "Floods cut off Sylhet\nBy Ruma Paul — Dhaka Tribune\nFloods cut off Sylhet on Monday, officials said.",
    ],
)
def test_a_byline_with_a_bar_or_dash_names_the_outlet(text):
    assert article_from_text(text).source == "Dhaka Tribune"


def test_a_byline_with_a_date_after_the_bar_is_not_an_outlet():
    assert outlet_in_text("Title here\nBy John Doe | Updated 12:30, 2 May 2020\nText.") is None


def test_given_outlet_wins_then_credit_then_site_of_the_address():
    text = "DHAKA (Reuters) - Floods cut off Sylhet on Monday, officials said."
    assert article_from_text(text, source="Daily Star").source == "Daily Star"
    assert article_from_text(text, url="https://www.dailystar.net/x").source == "Reuters"
    plain = "Floods cut off Sylhet on Monday, officials said."
    assert article_from_text(plain, url="https://www.dhakatribune.com/bangladesh/floods").source == "dhakatribune.com"
    assert site_of("www.bbc.co.uk/news") == "bbc.co.uk" and site_of(None) is None


def test_jsonl_with_only_a_url_gets_the_site(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Floods cut off Sylhet on Monday, officials said.", "url": "https://www.thedailystar.net/news/1"}) + "\n", encoding="utf-8")
    (article,) = list(read_inputs([str(path)]))
    assert article.source == "thedailystar.net"


def test_a_feed_names_its_entries_outlet(tmp_path):
    feed = tmp_path / "news.atom"
    feed.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Dhaka Tribune</title>"
        "<entry><title>Floods cut off Sylhet</title><link href='https://www.dhakatribune.com/1'/><updated>2024-06-17T10:00:00Z</updated>"
        "<summary>Floods cut off Sylhet on Monday, officials said, and thousands fled to shelters.</summary></entry></feed>",
        encoding="utf-8",
    )
    (article,) = list(read_inputs([str(feed)]))
    assert article.source == "Dhaka Tribune"
    aggregator = tmp_path / "agg.rss"
    aggregator.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>News digest</title>"
        "<item><title>Floods</title><link>https://example.org/1</link><source url='https://www.thedailystar.net/rss'>The Daily Star</source>"
        "<description>Floods cut off Sylhet on Monday, officials said, and thousands fled to shelters.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = list(read_inputs([str(aggregator)]))
    assert article.source == "The Daily Star"
