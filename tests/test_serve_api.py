"""The REST API in process (FastAPI's TestClient) on the seed reports plus a hostile article."""

import shutil
import time

import jsonschema
import pytest
from fastapi.testclient import TestClient

from newsdesk.report import dossier_schema, span_violations
from newsdesk.serve import create_app

LOCAL = "http://127.0.0.1:8000"  # what a browser on this machine addresses; the server refuses other host names


@pytest.fixture(scope="module")
def db(serve_store, tmp_path_factory):
    copy = tmp_path_factory.mktemp("api") / "newsdesk.db"
    shutil.copy(serve_store, copy)
    return copy


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url=LOCAL) as client:
        yield client


@pytest.fixture(scope="module")
def event_ids(client):
    """Seed event and hostile event ids; reading each dossier once builds the list digests."""
    items = client.get("/api/events").json()["items"]
    for item in items:
        assert client.get(f"/api/events/{item['id']}").status_code == 200
    seeds = next(i["id"] for i in items if len(i["article_ids"]) == 2)
    hostile = next(i["id"] for i in items if "Rotterdam" in (i["title"] or ""))
    return {"seeds": seeds, "hostile": hostile}


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "details"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def wait_for(client, job_id, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


def test_events_list_is_newest_first_with_digests(client, event_ids):
    listing = client.get("/api/events").json()
    assert listing["total"] == 2 and listing["pending"] == 0
    assert [i["id"] for i in listing["items"]] == [event_ids["hostile"], event_ids["seeds"]]  # 2024 before 2021
    seeds = listing["items"][1]
    assert seeds["date"] == "2021-11-07" and seeds["places"][0] == "Baghdad" and len(seeds["article_ids"]) == 2
    assert isinstance(seeds["conflicts"], int) and seeds["languages"] == ["en"]


def test_events_pagination(client, event_ids):
    first = client.get("/api/events", params={"limit": 1}).json()
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert [i["id"] for i in first["items"] + second["items"]] == [event_ids["hostile"], event_ids["seeds"]]
    assert client.get("/api/events", params={"offset": 5}).json()["items"] == []


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "Rotterdam"}, ["hostile"]),
        ({"q": "green zone"}, ["seeds"]),
        ({"q": "no such words anywhere"}, []),
        ({"q": "title"}, []),  # words of the stored JSON's field names and values are not the articles' words
        ({"q": "null"}, []),
        ({"q": "%"}, []),  # no word, no match
        ({"q": "harbour AUTHORITY"}, ["hostile"]),  # a phrase, in any case
        ({"q": "Rotterd"}, ["hostile"]),  # the last word may be cut short, as while typing
        ({"q": "authority harbour"}, []),  # the words in that order
        ({"entity": "Kadhimi"}, ["seeds"]),  # a variant of the merged Iraqi PM
        ({"entity": "al-Kazimi"}, ["seeds"]),
        ({"entity": "Pieter de Vries"}, ["hostile"]),
        ({"date_from": "2022-01-01"}, ["hostile"]),
        ({"date_to": "2021-12-31"}, ["seeds"]),
        ({"date_from": "2021-11-07", "date_to": "2021-11-07"}, ["seeds"]),
        ({"q": "Baghdad", "date_from": "2022-01-01"}, []),
    ],
)
def test_event_search(client, event_ids, params, expected):
    found = [i["id"] for i in client.get("/api/events", params=params).json()["items"]]
    assert found == [event_ids[name] for name in expected]


def test_event_dossier_follows_the_contract(client, event_ids):
    response = client.get(f"/api/events/{event_ids['seeds']}")
    assert response.headers["x-newsdesk-stale"] == "false"
    document = response.json()
    jsonschema.validate(document, dossier_schema())
    assert span_violations(document) == []
    (event,) = document["events"]
    assert event["id"] == event_ids["seeds"] and len(document["articles"]) == 2


def test_event_parts(client, event_ids):
    base = f"/api/events/{event_ids['seeds']}"
    entities = client.get(base + "/entities").json()
    prime_minister = next(e for e in entities if "al-Kazimi" in {v["text"] for v in e["variants"]})
    assert {"Kazemi", "al-Kazymi"} <= {v["text"] for v in prime_minister["variants"]}
    quotes = client.get(base + "/quotes").json()
    assert any(q["speaker_entity_id"] == prime_minister["id"] and "cowardly attacks" in q["text"] for q in quotes)
    articles = client.get(base + "/articles").json()
    assert len(articles) == 2 and all(a["text"] for a in articles)
    for part in ("agreements", "conflicts"):
        findings = client.get(f"{base}/{part}").json()
        assert all({"summary", "kind", "support"} <= set(f) for f in findings)
    assert len(client.get(base + "/comparisons").json()) == 1


def test_article_with_annotations(client, event_ids):
    seeds = client.get(f"/api/events/{event_ids['seeds']}").json()
    column = next(a for a in seeds["articles"] if a["path"].endswith("000_dcb403a9227c68d7.txt"))
    body = client.get(f"/api/articles/{column['id']}").json()
    text = body["article"]["text"]
    assert body["event_id"] == event_ids["seeds"]
    spans = body["mentions"] + body["quotes"] + body["posts"] + body["removed"]
    assert spans and all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    assert {"TehranTimes79", "ali_almikdam"} <= {p["handle"] for p in body["posts"]}
    assert any(m["entity_name"] == "Mustafa al-Kazimi" or "Kazimi" in m["entity_name"] for m in body["mentions"])


def test_hostile_markup_comes_back_verbatim_as_json(client, event_ids):
    (article,) = client.get(f"/api/events/{event_ids['hostile']}/articles").json()
    assert "<script>window.__owned = 5</script>" in article["text"]
    assert article["source"].startswith("Harbour Watch <img")


@pytest.mark.parametrize(
    "method, path, status, code",
    [
        ("get", "/api/events/no-such-event", 404, "not_found"),
        ("get", "/api/events/ev-0123456789abcdef++", 404, "not_found"),  # ids of events split off another end in "+"
        ("get", "/api/articles/0000000000000000", 404, "not_found"),
        ("get", "/api/jobs/no-such-job", 404, "not_found"),
        ("get", "/api/no/such/route", 404, "not_found"),
        ("get", "/api/events/%2e%2e", 422, "invalid_request"),
        ("get", "/api/events/a.b", 422, "invalid_request"),
        ("get", "/api/articles/%2e%2e%2fetc%2fpasswd", 404, "not_found"),  # an encoded slash never reaches a handler
        ("get", "/api/events?date_from=yesterday", 422, "invalid_request"),
        ("get", "/api/events?limit=0", 422, "invalid_request"),
        ("get", "/api/events?date_from=2022-01-02&date_to=2022-01-01", 400, "bad_request"),
        ("delete", "/api/events", 405, "method_not_allowed"),
        ("get", "/static/%2e%2e/%2e%2e/pyproject.toml", 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(client, method, path, status, code):
    assert_error(getattr(client, method)(path), status, code)


def test_validation_error_lists_what_is_wrong(client):
    error = assert_error(client.post("/api/ingest", json={"documents": [{"title": "no text"}]}), 422, "invalid_request")
    assert error["details"] and "text or html" in error["message"]
    error = assert_error(client.post("/api/ingest", json={"documents": []}), 422, "invalid_request")
    assert error["details"][0]["loc"][-1] == "documents"
    assert_error(client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}), 422, "invalid_request")


def test_oversized_bodies_are_refused_before_parsing(db):
    with TestClient(create_app(db, max_upload_bytes=1000, max_body_bytes=5000), base_url=LOCAL) as small:
        assert_error(small.post("/api/ingest", json={"documents": [{"text": "x" * 6000}]}), 413, "too_large")
        error = assert_error(small.post("/api/ingest/files", files={"files": ("big.txt", b"word " * 300)}), 413, "too_large")
        assert "big.txt" in error["message"]


def test_unexpected_failure_is_a_500_in_the_same_shape(db, monkeypatch):
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as broken:
        monkeypatch.setattr(app.state.desk, "events", lambda query: 1 / 0)
        error = assert_error(broken.get("/api/events"), 500, "internal_error")
        assert "ZeroDivisionError" in error["message"] and "Traceback" not in error["message"]


def test_json_ingest_runs_in_the_background_and_reads_keep_working(client):
    documents = [
        {
            "title": f"Wildfire near Marseille forces evacuation of {n} villages",
            "text": f"Firefighters fought a wildfire near Marseille on Monday that forced the evacuation of {n} villages, "
            f"the prefecture said. Officials said {n * 10} homes were threatened.",
            "published": "2023-08-14",
            "source": "Le Test",
        }
        for n in range(3, 9)
    ]
    job = client.post("/api/ingest", json={"documents": documents})
    assert job.status_code == 202
    assert job.json()["status"] in ("queued", "running") and job.json()["inputs"] == 6
    reads = 0
    while client.get(f"/api/jobs/{job.json()['id']}").json()["status"] in ("queued", "running"):
        assert client.get("/api/events").status_code == 200
        reads += 1
    done = wait_for(client, job.json()["id"])
    assert done["status"] == "done" and done["added"] == 6 and done["processed"] == done["inputs"] == 6 and done["progress"] == 1.0
    assert reads > 0
    found = client.get("/api/events", params={"q": "Marseille"}).json()
    assert sum(len(i["article_ids"]) for i in found["items"]) == 6
    assert client.get(f"/api/articles/{done['article_ids'][0]}").json()["article"]["source"] == "Le Test"
    assert client.get("/api/jobs").json()[0]["id"] == done["id"]


def test_file_upload_names_cannot_escape_and_bad_files_are_reported(client, db):
    text = b"Heavy snow closed the Brenner Pass on Thursday, Austrian police said.\nTraffic was diverted for hours.\n"
    response = client.post(
        "/api/ingest/files",
        files=[("files", ("../../../escape.txt", text, "text/plain")), ("files", ("broken.json", b"{not json", "application/json"))],
    )
    assert response.status_code == 202
    job = wait_for(client, response.json()["id"])
    assert job["status"] == "done" and job["added"] == 1
    assert [e["input"] for e in job["errors"]] and all("broken.json" in e["input"] for e in job["errors"])
    assert not (db.parent.parent / "escape.txt").exists() and not any(db.parent.parent.parent.glob("escape.txt"))
    article = client.get(f"/api/articles/{job['article_ids'][0]}").json()["article"]
    assert article["path"].endswith("escape.txt") and ".." not in article["path"]


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["articles"] >= 3 and body["events"] >= 2


def test_openapi_documents_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/ingest", "/api/ingest/files", "/api/jobs/{job_id}"} <= set(paths)
    assert "/events/{event_id}" not in paths  # pages are not part of the API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static-offline-docs/swagger-ui-bundle.js" in docs.text  # no CDN
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_findings_render_as_rows_linking_to_highlighted_sentences(client, event_ids):
    """The agreements/conflicts table, fed a conflict between the two seed reports' real sentences
    (the claims stage may or may not have found one yet)."""
    from newsdesk.serve.ui import render
    from newsdesk.serve.views import event_page

    document = client.get(f"/api/events/{event_ids['seeds']}").json()
    texts = {a["id"]: a["text"] for a in document["articles"]}
    support = []
    for phrase in ("carried out from three drones", "carried out from three armed drones"):
        article_id, text = next((aid, t) for aid, t in texts.items() if phrase in t)
        start = text.index(phrase)
        support.append({"article_id": article_id, "start": start, "end": start + len(phrase), "text": phrase})
    document["events"][0]["conflicts"] = [{"summary": "how the drones were armed", "kind": "different_precision", "support": support}]
    html = render("event.html", None, page=event_page(document))
    row = html[html.index('<tr class="finding finding-conflicts">') :].split("</tr>", 1)[0]
    assert "different precision" in row and "how the drones were armed" in row
    for span in support:
        anchor = f"a-{span['article_id']}-{span['start']}"
        assert f'href="#{anchor}"' in row
        assert f'id="{anchor}"' in html and f'data-anchor="{anchor}"' in html  # the sentence is marked in its source


def test_an_event_that_merged_away_redirects_to_the_event_holding_its_articles(serve_store, tmp_path):
    from newsdesk.store import Assignment, Store

    db = tmp_path / "merged.db"
    shutil.copy(serve_store, db)
    with TestClient(create_app(db), base_url=LOCAL) as client:
        items = client.get("/api/events").json()["items"]
        hostile = next(i for i in items if "Rotterdam" in (i["title"] or ""))
        seeds = next(i for i in items if len(i["article_ids"]) == 2)
        assert client.get(f"/api/events/{hostile['id']}").status_code == 200  # cached before it merges
        with Store(db) as store:  # what the clusterer writes when two events merge
            store.write_batch([], {}, [Assignment(hostile["article_ids"][0], seeds["id"], {"moved_from": hostile["id"], "reason": "events merged"})], None)
        for path in (f"/api/events/{hostile['id']}", f"/api/events/{hostile['id']}/quotes"):
            moved = client.get(path, follow_redirects=False)
            assert moved.status_code == 307 and moved.headers["location"] == path.replace(hostile["id"], seeds["id"])
        page = client.get(f"/events/{hostile['id']}", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == f"/events/{seeds['id']}"
        assert_error(client.get("/api/events/ev-never-existed"), 404, "not_found")
