"""The server refuses what a hostile web page or a stranger on the network could send it."""

import re

import pytest
from fastapi.testclient import TestClient

from newsdesk.serve import create_app
from newsdesk.serve.guard import Guard

LOCAL = "http://127.0.0.1:8000"
NO_DOCUMENTS = {"documents": []}  # invalid (422): a request that gets that far has passed the guard


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("guard") / "n.db"), base_url=LOCAL) as client:
        yield client


def test_a_foreign_host_name_is_refused_on_localhost(client):
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", headers={"host": "localhost:8000"}).status_code == 200
    rebound = client.get("/api/events", headers={"host": "attacker.example:8000"})  # DNS rebinding: the page's own name
    assert rebound.status_code == 421 and rebound.json()["error"]["code"] == "misdirected_request"
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 421


def test_cross_origin_and_cross_site_posts_are_refused(client):
    cross = client.post("/api/ingest", json=NO_DOCUMENTS, headers={"origin": "http://attacker.example"})
    assert cross.status_code == 403 and cross.json()["error"]["code"] == "forbidden"
    form = client.post("/api/ingest/files", files={"files": ("a.txt", b"Some text.")}, headers={"origin": "null"})
    assert form.status_code == 403
    assert client.post("/api/ingest", json=NO_DOCUMENTS, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post("/api/ingest", json=NO_DOCUMENTS).status_code == 422  # not a browser: no CSRF token needed


def test_a_browser_post_needs_the_pages_csrf_token(client):
    same_origin = {"origin": LOCAL, "sec-fetch-site": "same-origin"}
    refused = client.post("/api/ingest", json=NO_DOCUMENTS, headers=same_origin)
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
    token = re.search(r'data-csrf="([^"]+)"', client.get("/").text).group(1)
    assert client.post("/api/ingest", json=NO_DOCUMENTS, headers={**same_origin, "x-csrf-token": token}).status_code == 422
    assert client.post("/api/ingest", json=NO_DOCUMENTS, headers={**same_origin, "x-csrf-token": token + "x"}).status_code == 403


def test_writes_need_the_token_beyond_localhost(tmp_path):
    guard = Guard(listen_host="0.0.0.0", token="s3cret")
    assert guard.warning() is None
    with TestClient(create_app(tmp_path / "n.db", guard=guard), base_url="http://newsroom.example") as client:
        assert client.get("/api/events").status_code == 200  # any host name: it listens on the network
        assert client.post("/api/ingest", json=NO_DOCUMENTS).status_code == 401
        assert client.post("/api/ingest", json=NO_DOCUMENTS, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.post("/api/ingest", json=NO_DOCUMENTS, headers={"authorization": "Bearer s3cret"}).status_code == 422
        assert 'name="token"' in client.get("/").text  # the upload form asks for it


def test_without_a_token_beyond_localhost_only_this_machine_may_write(tmp_path):
    guard = Guard(listen_host="0.0.0.0")
    assert "--token" in guard.warning()
    with TestClient(create_app(tmp_path / "n.db", guard=guard), base_url="http://newsroom.example") as client:
        refused = client.post("/api/ingest", json=NO_DOCUMENTS)  # TestClient's peer is not a loopback address
        assert refused.status_code == 403 and "--token" in refused.json()["error"]["message"]
    assert guard.refusal("POST", {"host": "newsroom.example"}, "127.0.0.1") is None


def test_a_reverse_proxy_name_can_be_allowed_on_localhost():
    proxied = Guard(allowed_hosts=frozenset({"newsroom.example"}))
    assert proxied.refusal("GET", {"host": "newsroom.example"}, "127.0.0.1") is None
    assert proxied.refusal("GET", {"host": "attacker.example"}, "127.0.0.1")[0] == 421
