"""The review app in a real browser: Playwright driving Debian's Chromium against a real uvicorn server.

One server per module, over a copy of the small session project. The main
scenario is a reviser's session: through a pair with j / k, confirm a link,
merge two, reject a term, edit one, reload and see every change, then
`paxterm run` and find them all in the exports.
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

playwright_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright (the dev extra)")
expect = playwright_api.expect

from paxterm.cli import app as cli_app
from paxterm.service import Project
from paxterm.web import create_app
from paxterm.web.server import LOOPBACK, listen, make_server

from .conftest import SCRIPT_MARKUP, copy_project

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, offline: no update checks, no sync, no first-run pages.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"
WAIT_MS = 10_000

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's Chromium: apt-get install -y chromium")


class Server:
    """uvicorn serving the review app on a free loopback port, in a thread."""

    def __init__(self, project: Project) -> None:
        self.listener = listen(LOOPBACK, 0)
        self.url = f"http://{LOOPBACK}:{self.listener.getsockname()[1]}"
        self.server = make_server(create_app(project, TOKEN, allowed_hosts={LOOPBACK, "localhost"}))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.listener]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.listener.close()


@pytest.fixture(scope="module")
def corpus(review_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(review_template, tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def project(corpus: Path) -> Iterator[Project]:
    with Project(corpus) as project:
        yield project


@pytest.fixture(scope="module")
def server(project: Project) -> Iterator[Server]:
    with Server(project) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: Server):
    """A fresh tab that records every request it makes and fails on script errors."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert page.errors == []
    outside = [url for url in page.requests if not url.startswith(server.url)]
    assert outside == [], "the page asked for something outside the app"


def open_pair(page, server: Server, pair_id: int) -> None:
    page.goto(f"{server.url}/?token={TOKEN}")
    page.click(f"tr[data-pair-id='{pair_id}'] a")
    page.wait_for_selector("body[data-loaded=true]")


def current_id(page) -> int:
    return int(page.get_attribute("#links tr.current", "data-id"))


def test_a_revisers_session_is_kept_and_exported(page, server, project, corpus, tmp_path):
    [pair] = project.pairs()
    links = project.links(pair.id)
    flagged = [stored.id for stored in links if stored.link.flags]
    assert len(flagged) >= 2

    open_pair(page, server, pair.id)
    assert "token=" not in page.url  # kept in the tab's sessionStorage, out of the address bar
    assert page.locator("#links tbody tr").count() == len(links)

    # From flagged link to flagged link by keyboard.
    page.keyboard.press("j")
    assert current_id(page) == flagged[0]
    page.keyboard.press("j")
    assert current_id(page) == flagged[1]
    page.keyboard.press("k")
    assert current_id(page) == flagged[0]

    page.keyboard.press("c")
    page.wait_for_selector(f"#link-{flagged[0]}.confirmed")
    assert page.inner_text(f"#link-{flagged[0]} td.status") == "confirmed"

    # Merge the third link with the fourth.
    first, second = links[2].link, links[3].link
    page.click(f"#link-{links[2].id} td.number")
    page.keyboard.press("m")
    expect(page.locator("#links tbody tr")).to_have_count(len(links) - 1)
    assert page.inner_text("#links tr.current td.text.fr") == f"{first.fr} {second.fr}"

    # The term base: reject one entry by keyboard, correct another with the form.
    page.click("header nav a[href='/terms']")
    page.wait_for_selector("body[data-loaded=true]")
    # Not the first row: scrolled to the top of the table, the sticky header lies over it.
    junk = [term.entry for term in project.terms()
            if term.entry.status == "candidate" and "contingent" not in term.entry.fr][1]
    page.click(f"#term-{junk.id} td.id")
    page.keyboard.press("r")
    page.wait_for_selector(f"#term-{junk.id}.status-rejected")
    partners = next(term.entry for term in project.terms() if term.entry.fr == "pays fournisseurs de contingents")
    page.click(f"#term-{partners.id} td.id")
    page.wait_for_selector("#detail .contexts mark")
    assert page.inner_text("#detail .contexts li .fr mark").lower() == "pays fournisseurs de contingents"
    assert page.inner_text("#detail .contexts li .en mark").lower() == "troop-contributing countries"
    # The corpus has only the plural; the reviser writes the singular of the UN term base.
    page.fill("#entry-form input[name=en]", "troop-contributing country")
    page.click("#entry-form button.save")
    expect(page.locator(f"#term-{partners.id} td.en")).to_have_text("troop-contributing country")
    page.click("#detail details.term-history summary")
    expect(page.locator("#detail ol.history li").first).to_contain_text("troop-contributing country")

    # Reload: everything was saved.
    page.reload()
    page.wait_for_selector("body[data-loaded=true]")
    assert page.inner_text(f"#term-{junk.id} td.status") == "rejected"
    assert page.inner_text(f"#term-{partners.id} td.en") == "troop-contributing country"
    page.goto(f"{server.url}/pairs/{pair.id}")
    page.wait_for_selector("body[data-loaded=true]")
    assert page.locator("#links tbody tr").count() == len(links) - 1
    assert page.inner_text(f"#link-{flagged[0]} td.status") == "confirmed"
    assert page.locator("#links tbody tr", has_text=f"{first.fr} {second.fr}").count() == 1
    page.click("#history summary")
    expect(page.locator("ol.history li strong")).to_have_text(["merge", "confirm"])  # newest first

    # The next run's exports hold every decision.
    out = tmp_path / "out"
    result = CliRunner().invoke(cli_app, ["run", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "alignments.jsonl").read_text(encoding="utf-8").splitlines()]
    reviewed = {(record["fr"], record["status"]) for record in records
                if record["level"] == "sentence" and record["status"] != "auto"}
    confirmed = next(stored.link.fr for stored in links if stored.id == flagged[0])
    assert reviewed == {(confirmed, "confirmed"), (f"{first.fr} {second.fr}", "edited")}
    with (out / "termbase.csv").open(encoding="utf-8-sig", newline="") as stream:  # Excel wants the BOM
        rows = {row["id"]: row for row in csv.DictReader(stream)}
    assert rows[junk.id]["status"] == "rejected"
    assert rows[partners.id]["en"] == "troop-contributing country"
    assert '"x-status">confirmed<' in (out / "alignments.tmx").read_text(encoding="utf-8").replace("'", '"')


def test_script_markup_in_a_document_is_shown_as_text(page, server, project):
    [pair] = project.pairs()
    open_pair(page, server, pair.id)
    row = page.locator("#links tbody tr", has_text="alert(")
    assert SCRIPT_MARKUP in row.locator("td.text.fr").inner_text()
    assert page.locator("#links tbody script").count() == 0  # and no dialog opened (checked by the fixture)


def test_an_edit_that_fails_to_save_says_so_and_changes_nothing(page, server, project):
    [pair] = project.pairs()
    open_pair(page, server, pair.id)
    target = project.links(pair.id)[0]
    # Another tab changes the link after this page read it.
    project.edit_link(target.id, en="Changed in another tab.")
    page.click(f"#link-{target.id} td.number")
    page.keyboard.press("c")
    notice = page.wait_for_selector("#notice.error")
    assert "Not saved" in notice.inner_text() and "changed elsewhere" in notice.inner_text()
    assert project.link(target.id).link.en == "Changed in another tab."
    assert project.link(target.id).link.status == "edited"
    assert page.inner_text(f"#link-{target.id} td.status") == "auto"  # the page shows what it could not save


def test_the_filter_shows_flagged_links_only(page, server, project):
    [pair] = project.pairs()
    open_pair(page, server, pair.id)
    page.select_option("#filter-flag", "*")
    shown = page.locator("#links tbody tr")
    flagged = [stored for stored in project.links(pair.id) if stored.link.flags]
    assert shown.count() == len(flagged)
    page.fill("#filter-score", "0")
    assert shown.count() == 0


def test_the_term_table_sorts_and_filters(page, server, project):
    page.goto(f"{server.url}/terms?token={TOKEN}")
    page.wait_for_selector("body[data-loaded=true]")
    page.click("#terms th[data-sort=termhood]")  # highest first
    shown = [float(text) for text in page.locator("#terms tbody td.termhood").all_inner_texts()]
    assert shown == sorted(shown, reverse=True) and len(shown) == len(project.terms())
    page.fill("#term-query", "TRIANGULAIRE")
    expect(page.locator("#terms tbody tr")).to_have_count(1)
    page.fill("#term-query", "")
    page.select_option("#term-label", "organization")
    labels = page.locator("#terms tbody td.label").all_inner_texts()
    assert labels and set(labels) == {"organization"}


def test_the_term_table_finds_an_entry_by_its_singular(page, server, project):
    page.goto(f"{server.url}/terms?token={TOKEN}")
    page.wait_for_selector("body[data-loaded=true]")
    query = "pays fournisseur de contingent"  # no substring of "pays fournisseurs de contingents"
    expected = [term.entry.fr for term in project.terms(query=query)]
    assert "pays fournisseurs de contingents" in expected
    page.fill("#term-query", query)
    expect(page.locator("#terms tbody tr")).to_have_count(len(expected))
    expect(page.locator("#terms tbody")).to_contain_text("pays fournisseurs de contingents")
    page.fill("#term-query", "")


def test_a_selection_is_accepted_at_once_by_keyboard(page, server, project):
    page.goto(f"{server.url}/terms?token={TOKEN}")
    page.wait_for_selector("body[data-loaded=true]")
    page.fill("#term-query", "contingent")
    ids = [term.entry.id for term in project.terms(query="contingent")]
    assert len(ids) >= 2
    expect(page.locator("#terms tbody tr")).to_have_count(len(ids))
    page.click("#terms tbody tr:nth-child(1) td.id")
    for _ in ids:
        page.keyboard.press("x")
        page.keyboard.press("j")
    page.keyboard.press("A")
    expect(page.locator("#terms tbody td.status")).to_have_text(["validated"] * len(ids))
    assert [project.term(entry_id).entry.status for entry_id in ids] == ["validated"] * len(ids)


def test_edit_split_and_omission_by_keyboard(page, server, project):
    [pair] = project.pairs()
    open_pair(page, server, pair.id)
    links = project.links(pair.id)
    rows = page.locator("#links tbody tr")
    # Edit the English of the last link: e, type, Ctrl+Enter.
    last = links[-1]
    page.click(f"#link-{last.id} td.number")
    page.keyboard.press("e")
    page.fill(f"#link-{last.id} textarea.edit-en", "The text appears as it stands in the document.")
    page.keyboard.press("Control+Enter")
    expect(page.locator(f"#link-{last.id} td.status")).to_have_text("edited")
    assert project.link(last.id).link.en == "The text appears as it stands in the document."
    # Split a link that joins two French sentences: one row more.
    joined = next(stored for stored in links if len(stored.link.fr_index) > 1)
    count = rows.count()
    page.click(f"#link-{joined.id} td.number")
    page.keyboard.press("s")
    expect(rows).to_have_count(count + 1)
    # Mark the current (first part of the split) as an omission: each side its own row.
    page.keyboard.press("o")
    expect(rows).to_have_count(count + 2)
    expect(page.locator("#links tr.current td.flags")).to_have_text("omission")
