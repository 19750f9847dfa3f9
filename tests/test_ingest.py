import io
import json

import pytest

from newsdesk import errors
from newsdesk.ingest import article_from_text, read_inputs
from newsdesk.ingest.article import headline_of


def _read(*paths):
    items = list(read_inputs([str(p) for p in paths]))
    return [i for i in items if not isinstance(i, errors.InputRejected)], [i for i in items if isinstance(i, errors.InputRejected)]


def test_seed_text_files_become_articles_with_headline_titles(seed_paths):
    articles, rejected = _read(*seed_paths)
    assert not rejected
    titles = {a.path.rsplit("/", 1)[-1][:3]: a.title for a in articles}
    assert titles["003"] == "Iraq: New drone attack against Prime Minister Mustafa al Kazemi"
    assert titles["000"] is None  # its first line is a full sentence, not a headline
    assert all(a.text == p.read_text(encoding="utf-8") for a, p in zip(articles, seed_paths))


def test_article_id_ignores_whitespace_and_case_but_not_words():
    a = article_from_text("Drone hits  Baghdad.\nSix hurt.")
    b = article_from_text("drone hits baghdad. six hurt.")
    c = article_from_text("Drone hits Baghdad. Seven hurt.")
    assert a.id == b.id != c.id


def test_headline_needs_a_short_line_followed_by_text():
    assert headline_of("Quake kills 12 in Chile\nThe quake struck at dawn.") == "Quake kills 12 in Chile"
    assert headline_of("The quake struck at dawn, officials said.\nMore text.") is None
    assert headline_of("Only one line here") is None


def test_a_saved_page_starting_with_its_address_gives_url_outlet_and_headline():
    # the layout of ECB+'s second collection and of many saved pages
    text = ("http://www.pressdemocrat.com/article/20130314/articles/130319791\n"
            "4.6-magnitude earthquake shakes Lake County\nCobb Mountain was shaken awake early Thursday.")
    article = article_from_text(text)
    assert (article.url, article.source) == ("http://www.pressdemocrat.com/article/20130314/articles/130319791", "pressdemocrat.com")
    assert article.title == "4.6-magnitude earthquake shakes Lake County"
    given = article_from_text(text, source="The Press Democrat", title="Quake")
    assert (given.source, given.title) == ("The Press Democrat", "Quake")


def test_a_dateline_is_not_a_headline():
    assert headline_of("Posted: Nov 27, 2005 8:20 AM ET\nA quake struck the island.") is None
    assert headline_of("May 2, 2013, 1:12 PM\nLindsay Lohan checked into rehab.") is None
    assert headline_of("Five dead as quake hits Qeshm in 2005\nA quake struck.") == "Five dead as quake hits Qeshm in 2005"


def test_the_date_line_by_the_headline_dates_the_article_as_read_from_its_text():
    page = ("http://www.bloggingstocks.com/2007/11/14/hewlett-packard-makes-another-acquisition-chases-ibm/\n"
            "Hewlett-Packard makes another acquisition, chases IBM\nPosted Nov 14th 2007 12: 41PM\n"
            "Hewlett-Packard has opened up its checkbook once again, on November 12, 2007.")
    article = article_from_text(page)
    assert (article.published, article.published_inferred) == ("2007-11-14", True)
    spanish = article_from_text("Boeing hace retroceder el desarrollo del 737\n24 de mayo del 2008\nEl fabricante Boeing ha anunciado...")
    assert spanish.published == "2008-05-24"
    # a date given with the text wins; a date inside a sentence is no date line
    assert article_from_text(page, published="2007-11-15").published_inferred is False
    assert article_from_text("Quake kills 12 in Chile\nThe quake struck on May 2, 2013 at dawn.").published is None
    assert article_from_text("Quake kills 12 in Chile\nMay 2013\nThe quake struck at dawn.").published is None


def test_html_keeps_title_date_author_and_site(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Quake hits Chile</title><meta name='author' content='Ana Ruiz'>"
        "<meta property='article:published_time' content='2023-05-04T10:00:00Z'>"
        "<meta property='og:site_name' content='Daily Planet'></head><body><article><h1>Quake hits Chile</h1>"
        "<p>A magnitude 7.1 earthquake struck northern Chile on Thursday, killing at least twelve people and "
        "damaging hundreds of homes, the interior ministry said.</p><p>Rescue teams searched the rubble in Iquique "
        "through the night as aftershocks shook the coast.</p></article></body></html>",
        encoding="utf-8",
    )
    (article,), rejected = _read(page)
    assert not rejected
    assert (article.title, article.published, article.author, article.source) == ("Quake hits Chile", "2023-05-04", "Ana Ruiz", "Daily Planet")
    assert "Iquique" in article.text


def test_a_jsonl_export_bigger_than_one_article_is_read_record_by_record(tmp_path):
    """The size limit is one article's: an export of thousands of reports is read whole, and only
    a record over the limit is refused, by its line."""
    from newsdesk.ingest.decode import MAX_ARTICLE_BYTES

    body = "Floods swept through the valley on Tuesday and the river rose again overnight. " * 25
    records = [json.dumps({"text": f"Report {n}. {body}", "title": f"Floods, report {n}"}) for n in range(3000)]
    records.insert(5, json.dumps({"text": "word " * (MAX_ARTICLE_BYTES // 4), "title": "too long"}))
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert export.stat().st_size > 2 * MAX_ARTICLE_BYTES
    articles, rejected = _read(export)
    assert len(articles) == 3000 and articles[-1].title == "Floods, report 2999"
    assert [r.input_name for r in rejected] == [f"{export}:6"] and "too large" in rejected[0].reason


def test_jsonl_keeps_known_and_unknown_fields_and_survives_a_bad_line(tmp_path):
    feed = tmp_path / "batch.jsonl"
    feed.write_text(
        json.dumps({"text": "Floods swept through Valencia on Tuesday.\nDozens died.", "title": "Valencia floods", "published": "2024-10-29", "source": "Agency", "desk": "europe"}) + "\n"
        + "{not json at all\n"
        + json.dumps({"title": "no body"}) + "\n",
        encoding="utf-8",
    )
    articles, rejected = _read(feed)
    assert [a.title for a in articles] == ["Valencia floods"]
    assert articles[0].metadata == {"desk": "europe"} and articles[0].published == "2024-10-29"
    assert rejected[0].input_name.endswith(".jsonl:2") and rejected[0].reason.startswith("malformed JSON")
    assert "no 'text' or 'html'" in rejected[1].reason


def test_rss_entries_become_articles(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        "<item><title>Storm nears coast</title><link>https://example.org/storm</link><pubDate>Mon, 06 Sep 2021 10:00:00 GMT</pubDate>"
        "<description>The storm is expected to make landfall tonight near the port city, forecasters said.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (article,), rejected = _read(feed)
    assert (article.title, article.url, article.source, article.published) == ("Storm nears coast", "https://example.org/storm", "Wire", "2021-09-06")


def test_warc_html_responses_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    html = (
        b"<html><head><title>Port strike ends</title></head><body><article><p>Dock workers in Rotterdam ended a "
        b"three-day strike on Friday after unions and employers agreed on a new wage deal, the union said.</p>"
        b"<p>Ships had queued outside the harbour since Tuesday.</p></article></body></html>"
    )
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/strike", "response", payload=io.BytesIO(html), http_headers=headers))
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(buffer.getvalue())
    (article,), rejected = _read(archive)
    assert article.url == "https://example.org/strike" and "Rotterdam" in article.text


def test_legacy_encoding_is_detected_and_mojibake_repaired(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Le président a été blessé à Bagdad, selon des sources proches du gouvernement irakien.".encode("cp1252"))
    mojibake = tmp_path / "mojibake.txt"
    mojibake.write_text("The minister’s statement was clear: “we will not yield”, he said.", encoding="utf-8")
    mojibake.write_bytes("The minister’s statement was clear: “we will not yield”, he said.".encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"))
    articles, rejected = _read(latin, mojibake)
    assert not rejected
    assert "président a été blessé" in articles[0].text
    assert "minister’s" in articles[1].text


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n  ", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "nohtml.html": (b"<html><body><nav>Home</nav></body></html>", "no extractable article text"),
    "huge.txt": (b"word " * 4_200_000, "too large"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_clear_reason_naming_the_file(tmp_path, name):
    data, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    articles, rejected = _read(path)
    assert not articles
    assert len(rejected) == 1 and rejected[0].input_name == str(path) and reason in rejected[0].reason


def test_missing_path_empty_directory_and_unmatched_glob_are_rejected(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "empty_dir" / "notes.bin").write_bytes(b"\x00\x01")
    articles, rejected = _read(tmp_path / "nope.txt", tmp_path / "empty_dir", str(tmp_path / "*.xyz"))
    assert not articles
    assert [r.reason for r in rejected] == [errors.MISSING, errors.NOTHING_READABLE, errors.NO_MATCH]


def test_a_bad_file_does_not_stop_the_batch(tmp_path, seed_report):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(seed_report.read_text(encoding="utf-8"), encoding="utf-8")
    articles, rejected = _read(tmp_path)
    assert len(articles) == 1 and len(rejected) == 1


def test_news_please_files_of_the_giveme_corpus_ingest_with_their_dates_outlets_and_authors():
    import json as _json

    from conftest import CORPUS

    folder = CORPUS / "giveme5w1h" / "dev"
    articles, rejected = _read(folder)
    assert not rejected and len(articles) == 184
    assert all(a.published and not a.published_inferred for a in articles)
    assert all(a.source and not a.source.startswith("www.") for a in articles)
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in articles}
    for name, article in by_name.items():
        record = _json.loads((folder / name).read_text(encoding="utf-8"))
        assert article.published == record["date_publish"][:10]
        assert article.source == record["source_domain"].removeprefix("www.")
        assert "date_publish" not in article.metadata and "date_download" in article.metadata  # a crawl date is not a publication date
        if record.get("authors"):
            assert article.author.split(", ")[0] == record["authors"][0]


def test_fundus_json_with_a_structured_body_is_read_as_an_article(tmp_path):
    record = {
        "title": "Port blast kills 12",
        "body": {"summary": ["A blast tore through the port on Monday."], "sections": [{"headline": ["Rescue"], "paragraphs": ["Crews searched the rubble.", "Twelve died."]}]},
        "authors": ["Ana Ruiz", "Li Wei"],
        "publishing_date": "2024-08-05 09:30:00+02:00",
        "publisher": "El País",
        "topics": ["disaster"],
        "lang": "en",
    }
    path = tmp_path / "fundus.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    (article,), rejected = _read(path)
    assert not rejected
    assert article.text.splitlines() == ["A blast tore through the port on Monday.", "Rescue", "Crews searched the rubble.", "Twelve died."]
    assert (article.published, article.published_inferred) == ("2024-08-05", False)
    assert (article.source, article.author, article.language, article.title) == ("El País", "Ana Ruiz, Li Wei", "en", "Port blast kills 12")
    assert article.metadata == {"topics": ["disaster"], "published_at": "2024-08-05T09:30"}  # the time of day orders reports for updates


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Floods hit Bangladesh\nDHAKA (Reuters) - Floods cut off two million people on Monday.", "Reuters"),
        ("(AP) — A gunman opened fire at a concert on Sunday night.", "AP"),
        ("WASHINGTON, Jan. 3 (Xinhua) -- U.S. officials said on Wednesday that talks resume.", "Xinhua"),
        ("Rohingya return stalls\nBy Staff Correspondent | Dhaka Tribune\nThe repatriation was put off again.", "Dhaka Tribune"),
        ("The senator (D) - who spoke first - said the bill would pass.", None),
        ("Officials said the Associated Press (AP) - a wire - had the story first.", None),
    ],
)
def test_the_outlet_comes_from_a_dateline_or_byline_credit_when_no_field_gives_it(text, outlet):
    assert article_from_text(text).source == outlet
    assert article_from_text(text, source="given.example").source == "given.example"
