"""The web UI in a real headless browser (Debian's chromium + chromedriver through Selenium),
against a real server on a free port, on the seed reports plus a hostile article.

Without the browser these tests are skipped with the reason, unless NEWSDESK_REQUIRE_BROWSER=1
(set by .ci/run), where a missing browser is a failure.
"""

import os
import shutil

import pytest

from newsdesk.serve.testing import browser_missing, headless_chromium, running_server

missing = browser_missing()
if missing and os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"NEWSDESK_REQUIRE_BROWSER=1 but {missing}")
pytestmark = pytest.mark.skipif(missing is not None, reason=f"no headless browser: {missing}")
if not missing:
    from selenium.webdriver.support.ui import WebDriverWait


@pytest.fixture(scope="module")
def server(serve_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("ui") / "newsdesk.db"
    shutil.copy(serve_store, db)
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as driver:
        driver.implicitly_wait(0)
        yield driver


@pytest.fixture(scope="module")
def event_urls(server, browser):
    """The events list as a person first sees it, and the URLs of its two events."""
    browser.get(server + "/")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements("css selector", "table.events td.title a")}
    seeds = next(url for title, url in links.items() if "Kazemi" in title or "drone" in title)
    hostile = next(url for title, url in links.items() if "Rotterdam" in title)
    for url in (seeds, hostile):
        browser.get(url)  # builds the dossiers, and with them the list rows the entity filter searches
    return {"seeds": seeds, "hostile": hostile}


def css(browser, selector):
    return browser.find_elements("css selector", selector)


def test_events_list_shows_both_events_newest_first(server, browser, event_urls):
    browser.get(server + "/")
    rows = css(browser, "table.events tr.event-row")
    assert len(rows) == 2
    assert "Rotterdam" in rows[0].text and "2024-03-" in rows[0].text  # newest first
    assert "2021-11-07" in rows[1].text
    cells = rows[1].find_elements("css selector", "td")
    assert cells[3].text == "2" and "en" in cells[4].text  # two sources, their language


def test_events_list_search_box_filters(server, browser, event_urls):
    browser.get(server + "/")
    box = browser.find_element("css selector", "input[name=q]")
    box.send_keys("Rotterdam")
    box.submit()
    WebDriverWait(browser, 30).until(lambda b: "q=Rotterdam" in b.current_url)  # the old page may still be shown
    rows = css(browser, "table.events tr.event-row")
    assert len(rows) == 1 and "Rotterdam" in rows[0].text
    browser.get(server + "/?entity=Kadhimi")
    assert len(css(browser, "table.events tr.event-row")) == 1
    browser.get(server + "/?date_from=2030-01-01")
    assert css(browser, "#no-events")


def test_event_page_shows_both_sources_side_by_side(browser, event_urls):
    browser.get(event_urls["seeds"])
    sources = css(browser, "#sources article.source")
    assert len(sources) == 2
    left, right = (s.rect for s in sources)
    assert abs(left["y"] - right["y"]) < 5 and right["x"] > left["x"] + left["width"] - 5  # side by side
    texts = [s.find_element("css selector", ".text").text for s in sources]
    assert any("residence of the Iraqi Prime Minister Mustafa al-Kazimi was fired upon" in t for t in texts)
    assert any("cowardly attacks with drones" in t for t in texts)
    assert css(browser, "#sources .post") and css(browser, "#sources .removed")  # posts boxed, furniture greyed
    summary = browser.find_element("id", "summary").text
    assert "Baghdad" in summary and "2021-11-07" in summary


def test_prime_minister_is_one_entity_with_his_spellings(browser, event_urls):
    browser.get(event_urls["seeds"])
    rows = [r for r in css(browser, "#entities tr.entity") if "Kazimi" in r.text.split("\n")[0]]
    assert len(rows) == 1
    variants = {v.text.rsplit(" ×", 1)[0] for v in rows[0].find_elements("css selector", ".variant")}
    assert {"al-Kazimi", "Mustafa al-Kadhimi", "Kazemi"} <= variants
    entity_id = rows[0].get_attribute("data-entity")
    rows[0].click()  # marks every mention of him in both sources
    marked = css(browser, ".ent.focus")
    assert len(marked) >= 10 and {m.get_attribute("data-entity") for m in marked} == {entity_id}
    assert {m.find_element("xpath", "ancestor::article").get_attribute("data-article") for m in marked} == set(
        s.get_attribute("data-article") for s in css(browser, "#sources article.source")
    )


def test_quote_is_grouped_under_its_speaker(browser, event_urls):
    browser.get(event_urls["seeds"])
    groups = [g for g in css(browser, "#quotes .speaker") if "Kazimi" in g.find_element("css selector", "h3").text]
    assert groups and "cowardly attacks with drones" in groups[0].text


def test_agreements_and_conflicts_table_links_to_highlighted_sentences(browser, event_urls):
    browser.get(event_urls["seeds"])
    document = browser.execute_async_script(
        "const done = arguments[0]; fetch(location.pathname.replace('/events/', '/api/events/')).then(r => r.json()).then(done);"
    )
    event = document["events"][0]
    conflicts = event["conflicts"] + event["agreements"] + event.get("single_source", [])  # the table's order
    if not conflicts:
        assert "No agreements or conflicts" in browser.find_element("id", "findings-empty").text
        return
    rows = css(browser, "#findings-table tr.finding")
    assert len(rows) == len(conflicts)
    assert conflicts[0]["summary"] in rows[0].text
    cite = rows[0].find_element("css selector", "a.cite")
    target = cite.get_attribute("href").split("#", 1)[1]
    cite.click()
    flashed = css(browser, ".flash")
    assert flashed and all(f.get_attribute("data-anchor") == target for f in flashed)
    assert any(s["text"][:20] in " ".join(f.text for f in flashed) for s in conflicts[0]["support"])


def test_timeline_lists_articles_and_dated_posts(browser, event_urls):
    browser.get(event_urls["seeds"])
    items = [li.text for li in css(browser, "#timeline li")]
    assert any("article" in item for item in items) and any("post" in item and "TehranTimes79" in item for item in items)
    dates = [item.split()[0] for item in items]
    assert dates == sorted(dates)  # chronological


def test_hostile_article_renders_as_text(server, browser, event_urls):
    browser.get(event_urls["hostile"])
    page = browser.find_element("tag name", "body").text
    assert "<script>window.__owned = 5</script>" in page
    assert "onerror=\"window.__owned = 4\"" in page
    assert "Crane collapse <script>window.__owned = 1</script> in Rotterdam" in browser.find_element("id", "event-title").text
    assert "Harbour Watch <img" in page
    assert browser.execute_script("return window.__owned") is None
    assert not css(browser, "#sources img") and not css(browser, "a[href^='javascript:']")
    source = css(browser, "#sources article.source h3 a")[0].get_attribute("href")
    browser.get(source)  # the article page
    assert "<script>window.__owned = 5</script>" in browser.find_element("tag name", "body").text
    assert browser.execute_script("return window.__owned") is None
    browser.get(server + "/")
    assert browser.execute_script("return window.__owned") is None


def test_unknown_event_is_a_readable_error_page(server, browser):
    browser.get(server + "/events/no-such-event")
    assert "404" in browser.find_element("tag name", "h1").text
    assert "no event" in browser.find_element("id", "error-message").text


def test_uploading_a_file_from_the_events_page(server, browser, event_urls, tmp_path):
    article = tmp_path / "brenner.txt"
    article.write_text("Brenner Pass closed by heavy snow\n\nHeavy snow closed the Brenner Pass on Thursday, Austrian police said.\n", encoding="utf-8")
    browser.get(server + "/")
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(article))
    browser.find_element("css selector", "#upload button").click()
    WebDriverWait(browser, 60).until(lambda b: "done" in b.find_element("id", "upload-status").text)
    assert "1 added" in browser.find_element("id", "upload-status").text
    WebDriverWait(browser, 30).until(lambda b: any("Brenner" in a.text for a in css(b, "table.events td.title a")))  # the page reloads
