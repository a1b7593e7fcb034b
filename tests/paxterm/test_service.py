"""Incremental runs over the project store (paxterm.project), on two small hand-written
document pairs: only new or changed documents are processed, a French text is aligned
once its English original arrives, nothing new means no embedding, a run that fails
half-way leaves the store consistent, and reviewed term entries survive later runs.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from glossary.termbase import TermEntry
from glossary.io.files import read_termbase
from paxterm.service import Project
from paxterm.store import LinkRepository, Setting, StoreBusyError, default_store_path, open_store
from paxterm.term_merge import merge_import

COOPERATION_FR = """\
Conseil de sécurité S/2025/100

Lettre sur la coopération triangulaire

1. Le Conseil de sécurité a examiné la coopération triangulaire entre le Secrétariat, le Conseil et les pays fournisseurs de contingents.

2. Les pays fournisseurs de contingents ont demandé une meilleure formation avant le déploiement des soldats de la paix.

3. Le Conseil a salué les contributions mises en recouvrement versées par les États Membres.
"""
COOPERATION_EN = """\
Security Council S/2025/100

Letter on triangular cooperation

1. The Security Council considered triangular cooperation between the Secretariat, the Council and troop-contributing countries.

2. Troop-contributing countries called for better training before the deployment of peacekeepers.

3. The Council welcomed the assessed contributions paid by Member States.
"""
PROTECTION_FR = """\
Assemblée générale A/80/200

Rapport sur la protection des civils

1. Les missions de maintien de la paix protègent les civils contre les violences sexuelles liées aux conflits.

2. Le Secrétaire général recommande de renforcer la formation des policiers avant leur déploiement.
"""
PROTECTION_EN = """\
General Assembly A/80/200

Report on the protection of civilians

1. Peacekeeping missions protect civilians from conflict-related sexual violence.

2. The Secretary-General recommends strengthening the training of police officers before their deployment.
"""


class SpyEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh shared cache per test: what a run does not embed, it must find in its store.
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "user-cache"))


@pytest.fixture
def spy(use_embedder) -> SpyEmbedder:
    return SpyEmbedder(use_embedder)


def write_corpus(folder: Path, *files: tuple[str, str]) -> Path:
    for relative, text in files:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def run(corpus: Path, spy: SpyEmbedder, *, store_path: Path | None = None, lock_timeout: float | None = None,
        **options):
    with Project(corpus, store_path, lock_timeout=lock_timeout) as project:
        return project.run(corpus.parent / "out", embedder=spy, **options)


def store_state(corpus: Path) -> dict:
    """Everything a run decides, read back from the store."""
    with open_store(default_store_path(corpus)) as project:
        return {
            "pairs": [(p.fr_doc, p.en_doc, p.method) for p in project.links.pairs()],
            "links": [(l.fr_doc, l.en_doc, l.fr_index, l.en_index, l.fr, l.en) for l in project.links.iter_links()],
            "terms": [(t.entry.id, t.entry.fr, t.entry.en, t.entry.status) for t in project.terms.all()],
        }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus",
                        ("fr/cooperation.txt", COOPERATION_FR), ("en/cooperation-en.txt", COOPERATION_EN),
                        ("fr/protection.txt", PROTECTION_FR), ("en/protection-en.txt", PROTECTION_EN))


# --- nothing new, idempotence --------------------------------------------------------------------------


def test_a_second_run_with_nothing_new_embeds_nothing_and_rewrites_the_outputs(corpus, spy):
    first = run(corpus, spy)
    assert first.scan.new == ("en/cooperation-en.txt", "en/protection-en.txt",
                              "fr/cooperation.txt", "fr/protection.txt")
    assert first.aligned == ("cooperation.txt", "protection.txt")
    assert spy.texts > 0 and first.embedded > 0
    state = store_state(corpus)
    (corpus.parent / "out" / "alignments.jsonl").unlink()
    spy.texts = 0
    second = run(corpus, spy)
    assert spy.texts == 0 and second.embedded == 0
    assert second.nothing_new
    assert second.scan.unchanged == 4 and second.aligned == () and second.terms is None
    assert (corpus.parent / "out" / "alignments.jsonl").is_file()
    assert store_state(corpus) == state


def test_rerunning_after_touching_files_is_idempotent(corpus, spy):
    run(corpus, spy, glossary=False)
    state = store_state(corpus)
    for path in corpus.rglob("*.txt"):  # same bytes, new modification time: hashed, not read
        path.write_bytes(path.read_bytes())
    spy.texts = 0
    again = run(corpus, spy, glossary=False)
    assert again.nothing_new and spy.texts == 0
    assert store_state(corpus) == state


def test_the_store_holds_what_the_outputs_say(corpus, spy):
    result = run(corpus, spy)
    assert [(p.fr_doc, p.en_doc, p.method) for p in result.summary.pairs] == [
        ("cooperation.txt", "cooperation-en.txt", "symbol"), ("protection.txt", "protection-en.txt", "symbol")]
    written = read_termbase(corpus.parent / "out" / "termbase.csv")
    stored = [(t[0], t[1], t[2]) for t in store_state(corpus)["terms"]]
    # The file holds, in the store's order, every entry of termhood at the default threshold or above.
    with open_store(default_store_path(corpus), create=False) as store:
        kept = [(t.entry.id, t.entry.fr, t.entry.en) for t in store.terms.all()
                if t.entry.termhood >= DEFAULT_MIN_TERMHOOD]
    assert [(e.id, e.fr, e.en) for e in written.entries] == kept and set(kept) <= set(stored)
    assert any(e.fr == "coopération triangulaire" and e.en == "triangular cooperation" for e in written.entries)


# --- new, changed and removed documents -----------------------------------------------------------------


def test_a_french_text_is_aligned_once_its_english_original_arrives(tmp_path, spy):
    corpus = write_corpus(tmp_path / "corpus", ("fr/cooperation.txt", COOPERATION_FR),
                          ("fr/protection.txt", PROTECTION_FR), ("en/protection-en.txt", PROTECTION_EN))
    first = run(corpus, spy)
    assert first.summary.unpaired_fr == ("cooperation.txt",)
    french_only_terms = {t[1] for t in store_state(corpus)["terms"] if not t[2]}
    assert "coopération triangulaire" in french_only_terms
    write_corpus(corpus, ("en/cooperation-en.txt", COOPERATION_EN))
    second = run(corpus, spy)
    assert second.scan.new == ("en/cooperation-en.txt",)
    assert second.aligned == ("cooperation.txt",)  # the other pair is left alone
    assert second.summary.unpaired_fr == ()
    links = [l for l in store_state(corpus)["links"] if l[0] == "cooperation.txt"]
    assert links and all(l[1] == "cooperation-en.txt" for l in links)
    assert ("Troop-contributing countries called for better training before the deployment of peacekeepers."
            in {l[5] for l in links})
    # The French-only entry now has its English term; no duplicate is left behind.
    terms = store_state(corpus)["terms"]
    assert [t[2] for t in terms if t[1] == "coopération triangulaire"] == ["triangular cooperation"]


def test_a_changed_file_is_read_and_aligned_again(corpus, spy):
    run(corpus, spy, glossary=False)
    changed = PROTECTION_FR.replace("des policiers", "des policiers et des gendarmes")
    (corpus / "fr" / "protection.txt").write_text(changed, encoding="utf-8")
    result = run(corpus, spy, glossary=False)
    assert result.scan.changed == ("fr/protection.txt",) and result.scan.new == ()
    assert result.aligned == ("protection.txt",)
    french = " ".join(l[4] for l in store_state(corpus)["links"] if l[0] == "protection.txt")
    assert "et des gendarmes" in french


def test_a_removed_english_file_leaves_its_french_text_french_only(corpus, spy):
    run(corpus, spy, glossary=False)
    (corpus / "en" / "cooperation-en.txt").unlink()
    result = run(corpus, spy, glossary=False)
    assert result.scan.removed == ("en/cooperation-en.txt",)
    assert result.summary.unpaired_fr == ("cooperation.txt",)
    assert result.summary.english == ("protection-en.txt",)
    assert {l[1] for l in store_state(corpus)["links"] if l[0] == "cooperation.txt"} == {None}


def test_added_files_are_registered_and_aligned_by_the_next_run(tmp_path, spy):
    inbox = write_corpus(tmp_path / "inbox", ("coop-fr.txt", COOPERATION_FR), ("coop-en.txt", COOPERATION_EN))
    corpus = write_corpus(tmp_path / "corpus", ("fr/protection.txt", PROTECTION_FR),
                          ("en/protection-en.txt", PROTECTION_EN))
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        added = project.add([inbox / "coop-fr.txt", inbox / "coop-en.txt"])
    assert [(a.destination.relative_to(corpus).as_posix(), a.language) for a in added] == [
        ("fr/coop-fr.txt", "fr"), ("en/coop-en.txt", "en")]
    with open_store(default_store_path(corpus)) as project:
        assert {d.path for d in project.documents.all()} >= {"fr/coop-fr.txt", "en/coop-en.txt"}
    result = run(corpus, spy, glossary=False)
    assert result.scan.new == () and result.scan.changed == ()  # registered by add: not read again
    assert result.aligned == ("coop-fr.txt",)


# --- failures and concurrency ---------------------------------------------------------------------------


def test_a_run_that_fails_half_way_leaves_whole_documents_and_the_next_run_finishes(corpus, spy, tmp_path,
                                                                                   monkeypatch):
    clean = write_corpus(tmp_path / "clean", *[(p.relative_to(corpus).as_posix(), p.read_text(encoding="utf-8"))
                                               for p in corpus.rglob("*.txt")])
    run(clean, spy)
    original = LinkRepository.save_alignment
    calls = []

    def fail_on_the_second_document(self, fr_document_id, en_document_id, alignment, **options):
        calls.append(alignment.fr_doc)
        with self._db.transaction():
            original(self, fr_document_id, en_document_id, alignment, **options)  # written, then killed
            if len(calls) == 2:
                raise KeyboardInterrupt

    monkeypatch.setattr(LinkRepository, "save_alignment", fail_on_the_second_document)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, spy)
    with open_store(default_store_path(corpus)) as project:
        assert len(project.documents.all()) == 4
        assert [p.fr_doc for p in project.links.pairs()] == [calls[0]]  # the first whole, the second not at all
        assert {l.fr_doc for l in project.links.iter_links()} == {calls[0]}
    monkeypatch.setattr(LinkRepository, "save_alignment", original)
    resumed = run(corpus, spy)
    assert resumed.aligned == (calls[1],)
    assert store_state(corpus) == store_state(clean)


def test_a_second_run_on_a_busy_store_refuses_with_a_clear_message(corpus, spy):
    with open_store(default_store_path(corpus)) as other:
        other._db.acquire_writer_lock()
        with pytest.raises(StoreBusyError, match="in use by another paxterm process"):
            run(corpus, spy, lock_timeout=0.2)
    assert spy.texts == 0


# --- reviewed term entries --------------------------------------------------------------------------------


def test_validated_and_rejected_entries_survive_later_runs(tmp_path, spy):
    corpus = write_corpus(tmp_path / "corpus", ("fr/cooperation.txt", COOPERATION_FR),
                          ("en/cooperation-en.txt", COOPERATION_EN))
    run(corpus, spy)
    with open_store(default_store_path(corpus)) as project:
        terms = {t.entry.fr: t.entry for t in project.terms.all()}
        validated = terms["coopération triangulaire"]
        rejected = terms["pays fournisseur de contingents"] if "pays fournisseur de contingents" in terms \
            else next(e for fr, e in terms.items() if fr != validated.fr and e.en)
        reviewed = [
            TermEntry(**{**validated.__dict__, "en": "triangular co-operation", "status": "validated"}),
            TermEntry(**{**rejected.__dict__, "status": "rejected"}),
        ]
        from glossary.termbase import TermBase
        project.terms.save(merge_import(project.terms.all(), TermBase(tuple(reviewed))), "import")
    write_corpus(corpus, ("fr/protection.txt", PROTECTION_FR), ("en/protection-en.txt", PROTECTION_EN))
    result = run(corpus, spy)
    assert result.terms is not None and result.terms.added > 0
    with open_store(default_store_path(corpus)) as project:
        after = {t.entry.id: t.entry for t in project.terms.all()}
        assert (after[validated.id].en, after[validated.id].status) == ("triangular co-operation", "validated")
        assert after[rejected.id].status == "rejected"
        assert not any(e.fr == "coopération triangulaire" and e.en == "triangular cooperation"
                       for e in after.values())  # the corrected entry is not proposed again
        origins = {row[5] for row in project.terms.history(validated.id)}
        assert origins == {"run", "import"}
    written = {row["id"]: row for row in csv.DictReader(
        (corpus.parent / "out" / "termbase.csv").open(encoding="utf-8-sig"))}
    assert written[validated.id]["en"] == "triangular co-operation"
    assert written[rejected.id]["status"] == "rejected"


# --- incremental term base ----------------------------------------------------------------------------


def stored_entries(corpus: Path) -> list[dict]:
    """The stored term base in ranking order, ids left out (a store numbers its entries as they come)."""
    with open_store(default_store_path(corpus)) as project:
        return [{**t.entry.__dict__, "id": None} for t in project.terms.all()]


def test_a_term_base_built_over_two_runs_equals_one_built_at_once(tmp_path, spy):
    corpus = write_corpus(tmp_path / "corpus", ("fr/cooperation.txt", COOPERATION_FR),
                          ("en/cooperation-en.txt", COOPERATION_EN))
    first = run(corpus, spy)
    assert first.terms_extracted == ("cooperation.txt",)
    write_corpus(corpus, ("fr/protection.txt", PROTECTION_FR), ("en/protection-en.txt", PROTECTION_EN))
    second = run(corpus, spy)
    assert second.terms_extracted == ("protection.txt",)  # the letter's candidates came from the store
    at_once = write_corpus(tmp_path / "at-once" / "corpus",
                           ("fr/cooperation.txt", COOPERATION_FR), ("en/cooperation-en.txt", COOPERATION_EN),
                           ("fr/protection.txt", PROTECTION_FR), ("en/protection-en.txt", PROTECTION_EN))
    assert run(at_once, spy).terms_extracted == ("cooperation.txt", "protection.txt")
    incremental = stored_entries(corpus)
    assert incremental == stored_entries(at_once)
    sources = {entry["fr"]: entry["sources"] for entry in incremental}
    assert set(sources["formation"]) == {"S/2025/100", "A/80/200"}  # a term both documents use


def test_a_changed_document_is_extracted_again_and_its_old_candidates_dropped(corpus, spy):
    run(corpus, spy)
    (corpus / "fr" / "protection.txt").write_text(PROTECTION_FR.replace("policiers", "gendarmes"), encoding="utf-8")
    result = run(corpus, spy)
    assert result.aligned == ("protection.txt",) and result.terms_extracted == ("protection.txt",)
    with open_store(default_store_path(corpus)) as project:
        stored = project.candidates.documents()
    assert stored == ["cooperation.txt", "protection.txt"]
    assert any(entry["fr"].startswith("gendarme") for entry in stored_entries(corpus))


class LabelRecorder:
    """A Progress that keeps the label and total of every stage started."""

    def __init__(self) -> None:
        self.started: list[tuple[str, int]] = []

    def start(self, label: str, total: int) -> None:
        self.started.append((label, total))

    def advance(self, detail: str = "") -> None:
        pass


def _texts_read(heard: LabelRecorder) -> int:
    [read] = [label for label, _ in heard.started if label.startswith("Finding terms in")]
    return int(read.split()[3])


def test_a_run_shows_the_term_base_stages_counting_only_the_texts_it_reads_again(corpus, spy):
    first = LabelRecorder()
    run(corpus, spy, progress=first)
    assert ("Pairing terms", 1) in first.started
    (corpus / "fr" / "protection.txt").write_text(PROTECTION_FR.replace("policiers", "gendarmes"), encoding="utf-8")
    second = LabelRecorder()
    run(corpus, spy, progress=second)
    # Only protection.txt is read again: fewer texts than the whole corpus, more than none.
    assert 0 < _texts_read(second) < _texts_read(first)


# --- review decisions across realignments ------------------------------------------------------------


def test_review_decisions_survive_a_change_elsewhere_in_the_document(corpus, spy):
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "cooperation.txt"]
        links = project.links(pair.id)
        confirmed = project.set_link_status(links[0].id, "confirmed")
        merged = project.merge_link_with_next(links[1].id)
    expected = {(confirmed.link.fr, confirmed.link.en, "confirmed"), (merged.link.fr, merged.link.en, "edited")}
    # The last paragraph changes; the first ones, which the reviewer worked on, do not.
    (corpus / "fr/cooperation.txt").write_text(
        COOPERATION_FR.replace("versées par les États Membres", "versées par tous les États Membres"),
        encoding="utf-8")
    result = run(corpus, spy, glossary=False)
    assert result.aligned == ("cooperation.txt",)
    with Project(corpus) as project:
        after = project.links(pair.id)
        reviewed = {(stored.link.fr, stored.link.en, stored.link.status) for stored in after
                    if stored.link.status != "auto"}
        assert reviewed == expected
        assert any("tous les États Membres" in stored.link.fr and stored.link.status == "auto" for stored in after)
    records = [json.loads(line) for line in (corpus.parent / "out" / "alignments.jsonl").read_text().splitlines()]
    assert {(r["fr"], r["en"], r["status"]) for r in records if r["status"] != "auto"} == expected
    with open_store(default_store_path(corpus)) as store:
        carried = [record for record in store.links.history(pair.id) if record.action == "carry"]
        assert {(record.after[0]["fr"], record.after[0]["status"]) for record in carried} == {
            (fr, status) for fr, _, status in expected}
        assert store._db.execute("SELECT count(*) FROM kept_reviews").fetchone()[0] == 0  # taken back, then gone


def test_a_renamed_document_keeps_its_links_and_reviews_and_the_outputs_name_it(corpus, spy):
    run(corpus, spy)
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "cooperation.txt"]
        confirmed = project.set_link_status(project.links(pair.id)[0].id, "confirmed")
    embedded = spy.texts
    (corpus / "fr" / "cooperation.txt").rename(corpus / "fr" / "cooperation-2025.txt")
    result = run(corpus, spy)
    assert result.scan.renamed == (("fr/cooperation.txt", "fr/cooperation-2025.txt"),)
    assert not result.scan.removed and not result.scan.new and not result.aligned
    assert spy.texts == embedded  # nothing read or embedded again
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "cooperation-2025.txt"]
        assert project.links(pair.id)[0].link.status == "confirmed"
        assert project.links(pair.id)[0].link.fr == confirmed.link.fr
    records = [json.loads(line) for line in (corpus.parent / "out" / "alignments.jsonl").read_text().splitlines()]
    assert {r["fr_doc"] for r in records} == {"cooperation-2025.txt", "protection.txt"}
    assert any(r["status"] == "confirmed" for r in records if r["fr_doc"] == "cooperation-2025.txt")


def test_a_reviewed_link_whose_text_changed_goes_back_to_the_aligner(corpus, spy):
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "protection.txt"]
        last = project.links(pair.id)[-1]
        project.set_link_status(last.id, "confirmed")
    (corpus / "fr/protection.txt").write_text(PROTECTION_FR.replace("renforcer", "améliorer"), encoding="utf-8")
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        assert all(stored.link.status == "auto" for stored in project.links(pair.id))


def test_review_decisions_survive_a_change_of_model(corpus, spy):
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "protection.txt"]
        first = project.links(pair.id)[0]
        project.edit_link(first.id, en="General Assembly, document A/80/200")
    spy.name = "another-model"  # same vectors, another name: every pair is aligned again
    result = run(corpus, spy, glossary=False)
    assert result.model_changed and "protection.txt" in result.aligned
    with Project(corpus) as project:
        after = project.links(pair.id)[0].link
    assert (after.en, after.status) == ("General Assembly, document A/80/200", "edited")


def test_links_of_an_older_aligner_are_made_again_once_and_reviews_kept(corpus, spy):
    run(corpus, spy, glossary=False)
    with Project(corpus) as project:
        [pair] = [pair for pair in project.pairs() if pair.fr_doc == "protection.txt"]
        first = project.links(pair.id)[0]
        project.set_link_status(first.id, "confirmed")
    with open_store(default_store_path(corpus)) as store:
        store.settings.set(Setting.ALIGNER, "1")  # as a store of the previous paxterm says
    result = run(corpus, spy, glossary=False)
    assert result.aligner_changed and not result.model_changed
    assert set(result.aligned) == {"cooperation.txt", "protection.txt"}
    with Project(corpus) as project:
        assert project.links(pair.id)[0].link.status == "confirmed"
    again = run(corpus, spy, glossary=False)
    assert not again.aligner_changed and again.aligned == ()
