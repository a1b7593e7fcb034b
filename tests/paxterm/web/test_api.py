"""The review API through Starlette's test client, over a copy of a small real project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from paxterm.service import Project
from paxterm.store import default_store_path, open_store
from paxterm.web import create_app

from .conftest import SCRIPT_MARKUP

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WEB_PACKAGE = Path(__file__).resolve().parents[3] / "paxterm" / "web"


@pytest.fixture
def project(review_corpus: Path):
    with Project(review_corpus) as project:
        yield project


@pytest.fixture
def client(project: Project) -> TestClient:
    return TestClient(create_app(project, TOKEN))


@pytest.fixture
def pair_id(client: TestClient) -> int:
    return client.get("/api/pairs").json()["pairs"][0]["id"]


def links_of(client: TestClient, pair_id: int) -> list[dict]:
    return client.get(f"/api/pairs/{pair_id}/links", params={"limit": 1000}).json()["links"]


def stored_links(corpus: Path) -> list[tuple[str, str, str]]:
    """The sentence links as a new connection to the store reads them: nothing only in memory."""
    with open_store(default_store_path(corpus)) as store:
        [pair] = store.links.pairs()
        return [(s.link.fr, s.link.en, s.link.status) for s in store.links.of_document(pair.fr_document_id, "sentence")]


# --- reading ---------------------------------------------------------------------------------------


def test_pairs_list_their_links_and_flagged_counts(client):
    [pair] = client.get("/api/pairs").json()["pairs"]
    assert (pair["fr_doc"], pair["en_doc"]) == ("mandat.txt", "mandate.txt")
    links = links_of(client, pair["id"])
    assert pair["links"] == len(links) and pair["flagged"] == sum(bool(link["flags"]) for link in links) >= 2


def test_links_carry_their_text_score_flags_and_status_page_by_page(client, pair_id):
    everything = links_of(client, pair_id)
    assert {"id", "fr", "en", "score", "flags", "status", "revision", "band"} <= set(everything[0])
    assert all(link["status"] == "auto" for link in everything)
    page = client.get(f"/api/pairs/{pair_id}/links", params={"offset": 2, "limit": 3}).json()
    assert page["total"] == len(everything)
    assert [link["id"] for link in page["links"]] == [link["id"] for link in everything[2:5]]
    unpaged = client.get(f"/api/pairs/{pair_id}/links").json()
    assert unpaged["limit"] is None and unpaged["links"] == everything
    assert any(SCRIPT_MARKUP in link["fr"] for link in everything)  # as text, nothing stripped


@pytest.mark.parametrize("path", ["/api/pairs/999/links", "/api/links/99999", "/api/terms/T9999"])
def test_unknown_items_are_404_with_a_message(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert "no " in answer.json()["error"]


# --- the token -------------------------------------------------------------------------------------


WRITES = [
    ("PATCH", "/api/links/{link}", {"status": "confirmed"}),
    ("POST", "/api/links/{link}/merge", {}),
    ("POST", "/api/links/{link}/split", {}),
    ("POST", "/api/links/{link}/omission", {}),
    ("PATCH", "/api/terms/T0001", {"status": "rejected"}),
    ("POST", "/api/terms", {"fr": "casque bleu", "en": "blue helmet"}),
    ("POST", "/api/terms/bulk", {"status": "rejected", "terms": [{"id": "T0001"}]}),
]


@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"Authorization": "Bearer wrong"}, 403),
                                                  ({"Authorization": f"Basic {TOKEN}"}, 401)],
                         ids=["no token", "wrong token", "not a bearer token"])
@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_writes_without_the_token_are_refused_and_change_nothing(client, review_corpus, pair_id, headers, status,
                                                                 method, path, body):
    before_links, before_terms = stored_links(review_corpus), client.get("/api/terms").json()
    link = links_of(client, pair_id)[4]["id"]
    answer = client.request(method, path.format(link=link), json=body, headers=headers)
    assert answer.status_code == status
    assert stored_links(review_corpus) == before_links
    assert client.get("/api/terms").json() == before_terms


def test_reads_need_the_token_too_when_asked(project):
    client = TestClient(create_app(project, TOKEN, protect_reads=True))
    assert client.get("/api/pairs").status_code == 401
    assert client.get("/api/pairs", headers=AUTH).status_code == 200


def test_a_host_name_other_than_the_servers_is_refused(project):
    # DNS rebinding: another site's name pointed at 127.0.0.1 must not reach the app.
    client = TestClient(create_app(project, TOKEN, allowed_hosts={"127.0.0.1", "localhost"}),
                        base_url="http://127.0.0.1:8765")
    assert client.get("/api/pairs").status_code == 200
    assert client.get("/api/pairs", headers={"Host": "evil.example:8765"}).status_code == 400


# --- link edits ------------------------------------------------------------------------------------


def test_confirming_a_link_saves_it_with_its_history(client, review_corpus, pair_id):
    link = links_of(client, pair_id)[4]
    answer = client.patch(f"/api/links/{link['id']}", json={"status": "confirmed", "revision": link["revision"]},
                          headers=AUTH)
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["revision"]) == ("confirmed", link["revision"] + 1)
    assert stored_links(review_corpus)[4] == (link["fr"], link["en"], "confirmed")
    with open_store(default_store_path(review_corpus)) as store:
        [record] = store.links.history()
    assert (record.action, record.before[0]["status"], record.after[0]["status"]) == ("confirm", "auto", "confirmed")
    assert record.at


def test_a_stale_edit_is_409_and_never_overwrites(client, review_corpus, pair_id):
    link = links_of(client, pair_id)[2]
    first = client.patch(f"/api/links/{link['id']}", json={"fr": "Texte revu.", "revision": link["revision"]},
                         headers=AUTH)
    assert first.status_code == 200
    # Another tab still holds the revision it read before that edit.
    stale = client.patch(f"/api/links/{link['id']}", json={"status": "confirmed", "revision": link["revision"]},
                         headers=AUTH)
    assert stale.status_code == 409
    assert "changed since it was read" in stale.json()["error"]
    assert stored_links(review_corpus)[2] == ("Texte revu.", link["en"], "edited")


def test_merge_then_split_gives_back_one_link_per_sentence(client, review_corpus, pair_id):
    before = links_of(client, pair_id)
    first, second = before[2], before[3]
    merged = client.post(f"/api/links/{first['id']}/merge", json={"revision": first["revision"]}, headers=AUTH)
    assert merged.status_code == 200
    [link] = merged.json()["links"]
    assert (link["fr"], link["en"], link["status"]) == (f"{first['fr']} {second['fr']}",
                                                       f"{first['en']} {second['en']}", "edited")
    after = links_of(client, pair_id)
    assert len(after) == len(before) - 1 and after[2]["id"] == link["id"]
    parts = client.post(f"/api/links/{link['id']}/split", json={"revision": link["revision"]}, headers=AUTH)
    assert parts.status_code == 200
    assert [(part["fr"], part["en"]) for part in parts.json()["links"]] == [(first["fr"], first["en"]),
                                                                           (second["fr"], second["en"])]
    assert len(stored_links(review_corpus)) == len(before)


def test_marking_an_omission_separates_the_two_sides(client, pair_id):
    link = links_of(client, pair_id)[6]
    answer = client.post(f"/api/links/{link['id']}/omission", json={}, headers=AUTH)
    assert answer.status_code == 200
    sides = [(part["fr"], part["en"], part["flags"]) for part in answer.json()["links"]]
    assert sides == [(link["fr"], "", ["omission"]), ("", link["en"], ["omission"])]


@pytest.mark.parametrize(("path", "body", "status", "message"), [
    ("/api/links/{link}", {"status": "approved"}, 422, "status is one of"),
    ("/api/links/{link}", {"score": 1}, 422, "cannot set score"),
    ("/api/links/{link}", {}, 422, "nothing to change"),
    ("/api/links/{link}", {"status": "confirmed", "revision": "x"}, 400, "whole number"),
    ("/api/links/{last}/merge", {}, 422, "last link"),
    ("/api/links/{link}/split", {}, 422, "nothing to split"),
])
def test_impossible_edits_say_why_and_change_nothing(client, review_corpus, pair_id, path, body, status, message):
    before = stored_links(review_corpus)
    links = links_of(client, pair_id)
    method = "PATCH" if path.endswith("}") else "POST"
    answer = client.request(method, path.format(link=links[0]["id"], last=links[-1]["id"]), json=body, headers=AUTH)
    assert answer.status_code == status
    assert message in answer.json()["error"]
    assert stored_links(review_corpus) == before


def test_a_body_that_is_not_json_is_400(client, pair_id):
    link = links_of(client, pair_id)[0]
    answer = client.patch(f"/api/links/{link['id']}", content=b"{not json", headers=AUTH)
    assert answer.status_code == 400


# --- the term base ---------------------------------------------------------------------------------


def test_terms_are_listed_and_filtered_by_status_and_query(client):
    terms = client.get("/api/terms").json()["terms"]
    assert {"id", "fr", "en", "status", "confidence", "label", "revision"} <= set(terms[0])
    found = client.get("/api/terms", params={"q": "TRIANGULAIRE"}).json()["terms"]
    assert [(term["fr"], term["en"]) for term in found] == [("coopération triangulaire", "triangular cooperation")]
    assert client.get("/api/terms", params={"status": "rejected"}).json()["terms"] == []


def test_rejecting_and_editing_terms_is_saved_with_history(client, project):
    term = client.get("/api/terms", params={"q": "triangulaire"}).json()["terms"][0]
    rejected = client.patch(f"/api/terms/{term['id']}", json={"status": "rejected", "revision": term["revision"]},
                            headers=AUTH)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    edited = client.patch(f"/api/terms/{term['id']}", json={"en": "triangular co-operation",
                                                            "revision": rejected.json()["revision"]}, headers=AUTH)
    assert edited.json()["en"] == "triangular co-operation"
    assert client.get("/api/terms", params={"status": "rejected"}).json()["terms"][0]["id"] == term["id"]
    history = client.get(f"/api/terms/{term['id']}/history").json()["history"]
    assert [(change["field"], change["old"], change["new"], change["origin"]) for change in history[-2:]] == [
        ("status", "candidate", "rejected", "review"), ("en", "triangular cooperation", "triangular co-operation",
                                                        "review")]
    assert all(change["at"] for change in history)


def test_a_stale_term_edit_is_409(client):
    term = client.get("/api/terms").json()["terms"][0]
    assert client.patch(f"/api/terms/{term['id']}", json={"note": "vu", "revision": term["revision"]},
                        headers=AUTH).status_code == 200
    stale = client.patch(f"/api/terms/{term['id']}", json={"status": "rejected", "revision": term["revision"]},
                         headers=AUTH)
    assert stale.status_code == 409
    assert client.get(f"/api/terms/{term['id']}").json()["status"] == term["status"]


def test_an_added_term_is_kept_as_validated(client):
    answer = client.post("/api/terms", json={"fr": "casque bleu", "en": "blue helmet"}, headers=AUTH)
    assert answer.status_code == 201
    added = answer.json()
    assert (added["fr"], added["en"], added["status"]) == ("casque bleu", "blue helmet", "validated")
    assert client.get("/api/terms", params={"q": "casque"}).json()["terms"] == [added]
    assert client.post("/api/terms", json={"fr": "  "}, headers=AUTH).status_code == 422


def test_bulk_reject_changes_all_the_selection_or_nothing(client):
    terms = client.get("/api/terms").json()["terms"][:3]
    chosen = [{"id": term["id"], "revision": term["revision"]} for term in terms]
    stale = [*chosen[:2], {"id": terms[2]["id"], "revision": terms[2]["revision"] + 5}]
    refused = client.post("/api/terms/bulk", json={"status": "rejected", "terms": stale}, headers=AUTH)
    assert refused.status_code == 409
    assert [client.get(f"/api/terms/{term['id']}").json()["status"] for term in terms] == ["candidate"] * 3
    answer = client.post("/api/terms/bulk", json={"status": "rejected", "terms": chosen}, headers=AUTH)
    assert answer.status_code == 200
    assert [term["status"] for term in answer.json()["terms"]] == ["rejected"] * 3


def test_a_terms_contexts_highlight_it_on_both_sides(client):
    term = client.get("/api/terms", params={"q": "fournisseurs de contingents"}).json()["terms"][0]  # written as the corpus does: plural
    contexts = client.get(f"/api/terms/{term['id']}/contexts").json()["contexts"]
    assert contexts
    for context in contexts:
        [(start, end), *_] = context["fr_spans"]
        assert context["fr"][start:end].lower().startswith("pays fournisseurs de contingents")
        [(start, end), *_] = context["en_spans"]
        assert context["en"][start:end].lower() == "troop-contributing countries"


# --- the concordance -------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "lang", "side", "found"), [
    ("pays fournisseur de contingents", "fr", "fr", "pays fournisseurs de contingents"),
    ("troop-contributing country", "en", "en", "troop-contributing countries"),
    ("soldat de la paix", None, "fr", "soldats de la paix"),
])
def test_search_finds_any_inflection_in_either_language(client, query, lang, side, found):
    answer = client.get("/api/search", params={"q": query, **({"lang": lang} if lang else {})})
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert results and all(hit["language"] == side for hit in results)
    assert {hit[side][hit["start"]:hit["end"]].lower() for hit in results} == {found}


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "   "}, {"q": "paix", "lang": "de"}])
def test_a_search_that_cannot_be_made_is_400(client, params):
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 400
    assert answer.json()["error"]


# --- pages and what they load ----------------------------------------------------------------------


def test_pages_load_nothing_from_outside_and_forbid_it(client, pair_id):
    for path in ("/", f"/pairs/{pair_id}", "/terms", "/search"):
        page = client.get(path)
        assert page.status_code == 200
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.text)
    # No asset names an outside address either (a font, a CDN script, analytics).
    for asset in (WEB_PACKAGE / "static").iterdir():
        assert not re.search(r"https?://", asset.read_text(encoding="utf-8")), asset.name
        assert client.get(f"/static/{asset.name}").status_code == 200


@pytest.mark.parametrize("path", ["/", "/pairs/{pair}", "/terms", "/search"])
def test_pages_carry_no_project_data_so_protected_reads_stay_protected(project, pair_id, path):
    client = TestClient(create_app(project, TOKEN, protect_reads=True))
    page = client.get(path.format(pair=pair_id))
    assert page.status_code == 200
    for secret in ("mandat.txt", "mandate.txt", "coopération", SCRIPT_MARKUP, project.corpus_dir.name):
        assert secret not in page.text  # names and texts come from the API, behind the token here
    assert client.get("/api/project").status_code == 401
    assert client.get("/api/project", headers=AUTH).json() == {"name": project.corpus_dir.name}


def test_an_if_match_header_with_the_etag_read_guards_an_edit_too(client, pair_id):
    link_id = links_of(client, pair_id)[1]["id"]
    read = client.get(f"/api/links/{link_id}")
    etag = read.headers["etag"]
    assert etag == f'"{read.json()["revision"]}"'
    saved = client.patch(f"/api/links/{link_id}", json={"status": "confirmed"}, headers={**AUTH, "If-Match": etag})
    assert saved.status_code == 200 and saved.headers["etag"] != etag
    stale = client.patch(f"/api/links/{link_id}", json={"status": "auto"}, headers={**AUTH, "If-Match": etag})
    assert stale.status_code == 409
    assert client.get(f"/api/links/{link_id}").json()["status"] == "confirmed"


def test_a_pairs_history_lists_every_change_with_before_and_after(client, pair_id):
    first, second = links_of(client, pair_id)[2:4]
    client.patch(f"/api/links/{first['id']}", json={"status": "confirmed"}, headers=AUTH)
    merged = client.post(f"/api/links/{first['id']}/merge", json={}, headers=AUTH).json()["links"][0]
    history = client.get(f"/api/pairs/{pair_id}/history").json()["history"]
    assert [change["action"] for change in history] == ["confirm", "merge"]
    assert history[0]["at"] and history[0]["before"][0]["status"] == "auto"
    assert [link["id"] for link in history[1]["before"]] == [first["id"], second["id"]]
    assert history[1]["after"][0]["fr"] == merged["fr"]
    assert client.get("/api/pairs/999/history").status_code == 404


def test_an_edit_while_a_run_holds_the_store_is_503_and_says_to_wait(review_corpus):
    with Project(review_corpus, lock_timeout=0.2) as project, open_store(default_store_path(review_corpus)) as run:
        client = TestClient(create_app(project, TOKEN))
        link = links_of(client, client.get("/api/pairs").json()["pairs"][0]["id"])[0]
        with run.writer():  # what `paxterm run` holds for its whole duration
            answer = client.patch(f"/api/links/{link['id']}", json={"status": "confirmed"}, headers=AUTH)
        assert answer.status_code == 503
        assert "in use by another paxterm process" in answer.json()["error"]
        assert client.get(f"/api/links/{link['id']}").json()["status"] == "auto"
