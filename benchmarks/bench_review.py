"""Review app speed: opening a pair of 2,000 links, server side.

Builds a temporary project store holding one synthetic French/English pair
of N sentences each (N one-sentence paragraphs, every 10th link flagged, as
a long report reads in the review app) and its N sentence links, written
through the store's own repositories (no embedding, no corpus data). Then,
through Starlette's test client (in-process: the time is the server's work
plus the client's parsing of the answer, no network), it times what the
browser asks for when a reviser opens the pair:

1. GET /pairs/{id}, the page itself;
2. GET /api/pairs/{id}/links?offset=0&limit=500, the first page of links
   (the page's own page size, paxterm/web/static/pair.js);
3. every page of 500 after it until all N links are in (what the page loads
   in the background while the reviser reads the first rows);
4. PATCH /api/links/{id} {"status": "confirmed"}, one save.

Each is run --repeat times after one warm-up; the median and the maximum are printed.

With --browser, it also serves the app with uvicorn on a loopback port and
opens the pair in Debian's Chromium (Playwright, headless), timing from the
navigation to the first rows drawn and to all links drawn, and a `j` press
(the next flagged link selected and scrolled to) over the full table.

    .venv/bin/python benchmarks/bench_review.py [--links 2000] [--repeat 20] [--browser]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from starlette.testclient import TestClient  # noqa: E402

from aligner.align.links import LOW_CONFIDENCE, PARAGRAPH, SENTENCE, DocumentAlignment, Link  # noqa: E402
from aligner.read.document import Document, Paragraph  # noqa: E402
from paxterm.service import Project  # noqa: E402
from paxterm.store import default_store_path, open_store  # noqa: E402
from paxterm.web import create_app  # noqa: E402

TOKEN = "bench"
PAGE = 500  # paxterm/web/static/pair.js


def synthetic_pair(corpus: Path, count: int) -> int:
    """One aligned pair of `count` sentence links in a new store; returns its id."""
    french = [f"Le paragraphe {i} du rapport traite de la coopération triangulaire et du mandat de la Mission."
              for i in range(count)]
    english = [f"Paragraph {i} of the report deals with triangular cooperation and the mandate of the Mission."
               for i in range(count)]
    with open_store(default_store_path(corpus)) as store:
        ids = []
        for name, language, texts in (("fr/rapport.txt", "fr", french), ("en/report.txt", "en", english)):
            document = Document(path=corpus / name, language=language,
                                paragraphs=tuple(Paragraph(text=text) for text in texts))
            ids.append(store.documents.save(name, document, content_hash=name, size=1, mtime_ns=1))
        links = tuple(Link(SENTENCE, (i,), (i,), french[i], english[i], 0.42 if i % 10 == 0 else 0.91,
                           (LOW_CONFIDENCE,) if i % 10 == 0 else ()) for i in range(count))
        paragraphs = tuple(Link(PARAGRAPH, (i,), (i,), french[i], english[i], link.score, link.flags)
                           for i, link in enumerate(links))
        store.links.save_alignment(ids[0], ids[1], DocumentAlignment("rapport.txt", "report.txt", paragraphs, links),
                                   method="symbol")
        return ids[0]


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    action()  # warm-up: templates compiled, store pages cached
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        pair_id = synthetic_pair(corpus, options.links)
        with Project(corpus) as project:
            client = TestClient(create_app(project, TOKEN))
            first_id = client.get(f"/api/pairs/{pair_id}/links?limit=1").json()["links"][0]["id"]

            def page() -> None:
                assert client.get(f"/pairs/{pair_id}").status_code == 200

            def first_links() -> None:
                answer = client.get(f"/api/pairs/{pair_id}/links?offset=0&limit={PAGE}")
                assert len(answer.json()["links"]) == min(PAGE, options.links)

            def all_links() -> None:
                loaded = 0
                while True:
                    links = client.get(f"/api/pairs/{pair_id}/links?offset={loaded}&limit={PAGE}").json()["links"]
                    loaded += len(links)
                    if len(links) < PAGE:
                        break
                assert loaded == options.links

            def save() -> None:
                answer = client.patch(f"/api/links/{first_id}", json={"status": "confirmed"},
                                      headers={"Authorization": f"Bearer {TOKEN}"})
                assert answer.status_code == 200

            print(f"pair of {options.links} sentence links, {options.repeat} runs each (median / max):")
            for label, action in (("GET /pairs/{id}", page), (f"first {PAGE} links", first_links),
                                  (f"all {options.links} links, pages of {PAGE}", all_links),
                                  ("one save (PATCH confirm)", save)):
                median, worst = timed(action, options.repeat)
                print(f"  {label:<36} {median * 1000:8.1f} ms / {worst * 1000:8.1f} ms")
            opened = timed(lambda: (page(), first_links()), options.repeat)
            print(f"  {'opening (page + first links)':<36} {opened[0] * 1000:8.1f} ms / {opened[1] * 1000:8.1f} ms")
            if options.browser:
                browser_times(project, pair_id, options.links, options.repeat)


def browser_times(project: Project, pair_id: int, count: int, repeat: int) -> None:
    """Navigation to first rows, to all rows, and one `j`, in headless Chromium against uvicorn."""
    from playwright.sync_api import sync_playwright

    from paxterm.web.server import LOOPBACK, listen, make_server

    listener = listen(LOOPBACK, 0)
    url = f"http://{LOOPBACK}:{listener.getsockname()[1]}"
    server = make_server(create_app(project, TOKEN))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    first, full, jump = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            for attempt in range(repeat + 1):
                start = time.perf_counter()
                page.goto(f"{url}/pairs/{pair_id}?token={TOKEN}")
                page.wait_for_selector("#links tbody tr")
                drawn = time.perf_counter()
                page.wait_for_selector("body[data-loaded=true]")
                loaded = time.perf_counter()
                assert page.locator("#links tbody tr").count() == count
                page.keyboard.press("j")
                page.wait_for_selector("#links tr.current")
                pressed = time.perf_counter()
                if attempt:  # the first is a warm-up
                    first.append(drawn - start)
                    full.append(loaded - start)
                    jump.append(pressed - loaded)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
    print(f"in Chromium, {repeat} runs (median / max):")
    for label, times in (("first rows drawn", first), (f"all {count} rows drawn", full), ("j to a flagged link", jump)):
        print(f"  {label:<36} {statistics.median(times) * 1000:8.1f} ms / {max(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
