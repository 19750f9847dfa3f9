"""Reading an event in the browser (issue 19, points 6, 9 and 11), in headless Chromium against a
real server: a quiet text with layers the reader turns on, columns wide enough to read, outlets
with their country and language, a map of the places drawn offline, the figures as each source
gave them, and the event to take away as JSON, CSV and Markdown.

Skipped without the browser, as tests/test_serve_ui.py is (a failure under NEWSDESK_REQUIRE_BROWSER=1)."""

import csv
import io
import json
import os
import shutil

import jsonschema
import pytest

from newsdesk.report import dossier_schema
from newsdesk.serve.testing import browser_missing, headless_chromium, running_server

missing = browser_missing()
if missing and os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"NEWSDESK_REQUIRE_BROWSER=1 but {missing}")
pytestmark = pytest.mark.skipif(missing is not None, reason=f"no headless browser: {missing}")


@pytest.fixture(scope="module")
def server(serve_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("reading") / "newsdesk.db"
    shutil.copy(serve_store, db)
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def seeds_url(server, browser):
    browser.get(server + "/")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements("css selector", "table.events td.title a")}
    return next(url for title, url in links.items() if "Kazemi" in title or "drone" in title or "Kazimi" in title)


def css(browser, selector):
    return browser.find_elements("css selector", selector)


def background(browser, element):
    return browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element)


def test_the_text_starts_quiet_and_the_reader_turns_layers_on(browser, seeds_url):
    browser.get(seeds_url)
    browser.execute_script("localStorage.clear()")
    browser.get(seeds_url)
    entity = css(browser, "#sources article.source .ent.c0")[0]
    claim = css(browser, "#sources article.source .claim")[0]
    assert background(browser, entity) == "rgba(0, 0, 0, 0)"  # quiet: no colour on the prose
    assert browser.execute_script("return getComputedStyle(arguments[0]).textDecorationLine", claim) == "none"
    assert not any(box.is_selected() for box in css(browser, "#layers input[type=checkbox]"))
    browser.find_element("id", "layer-entities").click()
    assert background(browser, entity) != "rgba(0, 0, 0, 0)"
    assert browser.execute_script("return getComputedStyle(arguments[0]).textDecorationLine", claim) == "none"  # other layers stay off
    browser.find_element("id", "layer-claims").click()
    assert "underline" in browser.execute_script("return getComputedStyle(arguments[0]).textDecorationLine", claim)
    browser.get(seeds_url)  # the choice is remembered
    assert browser.find_element("id", "layer-entities").is_selected() and browser.find_element("id", "layer-claims").is_selected()
    assert not browser.find_element("id", "layer-quotes").is_selected()
    browser.execute_script("localStorage.clear()")


def test_source_columns_are_wide_enough_to_read(browser, seeds_url):
    browser.set_window_size(1440, 1000)
    browser.get(seeds_url)
    texts = css(browser, "#sources article.source .text")
    assert len(texts) == 2
    widths = [t.rect["width"] for t in texts]
    font = float(browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", texts[0]))
    assert all(width / font >= 30 for width in widths), (widths, font)  # at least 30 em: about 65 characters


def test_each_source_shows_its_outlet_country_and_language(browser, server):
    browser.get(server + "/")
    hostile = next(a.get_attribute("href") for a in css(browser, "table.events td.title a") if "Rotterdam" in a.text)
    browser.get(hostile)
    (card,) = css(browser, "#sources article.source")
    assert "Harbour Watch" in card.find_element("css selector", ".outlet").text
    assert card.find_element("css selector", ".tag.language").text == "English (en)"
    assert card.find_element("css selector", ".tag.country").text == "country unknown"  # javascript: is no site


def test_the_map_draws_the_places_offline(browser, seeds_url):
    browser.get(seeds_url)
    document = browser.execute_async_script(
        "const done = arguments[0]; fetch(location.pathname.replace('/events/', '/api/events/')).then(r => r.json()).then(done);"
    )
    located = [p["name"] for p in document["events"][0]["places"] if p["latitude"] is not None]
    svg = browser.find_element("css selector", "#map svg.place-map")
    assert [t.text for t in svg.find_elements("css selector", ".place text")] == located and "Baghdad" in located
    assert len(svg.find_element("css selector", "path.land").get_attribute("d")) > 1000  # land drawn
    assert svg.rect["width"] > 300
    for image in css(browser, "img, image"):
        assert image.get_attribute("src") is None or image.get_attribute("src").startswith(browser.current_url.split("/events/")[0])


def test_the_figures_show_each_sources_count(browser, seeds_url):
    browser.get(seeds_url)
    charts = css(browser, "#figures figure.figure-chart")
    assert charts
    captions = [c.find_element("css selector", "figcaption").text for c in charts]
    assert any("drones" in caption for caption in captions)
    chart = next(c for c in charts if "drones (attack)" in c.text)
    points = chart.find_elements("css selector", ".figure-point")
    assert len(points) == 2  # one per source
    labels = [t.text for t in chart.find_elements("css selector", ".point-label")]
    assert all("three" in label for label in labels), labels


def test_the_event_exports_as_json_csv_and_markdown(browser, seeds_url):
    browser.get(seeds_url)
    links = {a.text: a.get_attribute("href") for a in css(browser, "#exports a")}
    assert set(links) == {"dossier (JSON)", "findings (CSV)", "report (Markdown)"}
    fetched = browser.execute_async_script(
        "const urls = arguments[0]; const done = arguments[arguments.length - 1];"
        "Promise.all(urls.map(u => fetch(u).then(r => r.text().then(t => [r.status, r.headers.get('content-disposition'), t])))).then(done);",
        [links["dossier (JSON)"], links["findings (CSV)"], links["report (Markdown)"]],
    )
    (json_status, json_disposition, json_text), (csv_status, _, csv_text), (md_status, _, md_text) = fetched
    assert json_status == csv_status == md_status == 200
    assert json_disposition.startswith("attachment") and ".json" in json_disposition
    document = json.loads(json_text)
    jsonschema.validate(document, dossier_schema())
    (event,) = document["events"]
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    supports = sum(len(f["support"]) for group in ("conflicts", "agreements", "single_source") for f in event[group])
    assert len(rows) == supports and rows[0]["group"] == "conflicts"
    texts = {a["id"]: a["text"] for a in document["articles"]}
    assert all(texts[r["article_id"]][int(r["start"]) : int(r["end"])] == r["text"] for r in rows if not r["text"].startswith("'"))
    assert event["title"] in md_text.replace("\\", "")


def test_findings_columns_are_headed_by_outlets_not_file_names(browser, server, tmp_path):
    browser.get(server + "/")
    article = tmp_path / "dhaka-floods.txt"
    article.write_text(
        "Floods cut off Sylhet\nSYLHET, Bangladesh (Reuters) - Floods cut off the town of Sylhet on Monday, officials said, "
        "and thousands of families fled to shelters.\n",
        encoding="utf-8",
    )
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(article))
    browser.find_element("css selector", "#upload button").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 90).until(lambda b: "done" in b.find_element("id", "upload-status").text)
    WebDriverWait(browser, 30).until(lambda b: any("Sylhet" in a.text for a in css(b, "table.events td.title a")))
    link = next(a.get_attribute("href") for a in css(browser, "table.events td.title a") if "Sylhet" in a.text)
    browser.get(link)
    (card,) = css(browser, "#sources article.source")
    assert card.find_element("css selector", ".outlet").text == "Reuters"
    assert "0000-" not in browser.find_element("tag name", "body").text
    document = browser.execute_async_script(
        "const done = arguments[0]; fetch(location.pathname.replace('/events/', '/api/events/')).then(r => r.json()).then(done);"
    )
    assert document["articles"][0]["path"] == "dhaka-floods.txt"
