"""Pairs (which French document goes with which English one) and their links, with review edits.

Every review edit (confirm, edit a text, merge, split, mark an omission) is one
transaction that raises the link's revision and writes its history (before,
after, when). An edit that names an older revision than the stored one is
refused: another tab or person changed the link meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from aligner.align.links import (CONFIRMED, EDITED, LINK_STATUSES, OMISSION, PARAGRAPH, SENTENCE, DocumentAlignment,
                                 Link)
from paxterm.carry import carry_reviews
from paxterm.errors import InvalidEditError, NotFoundError, StaleEditError
from paxterm.store.connection import Database, now
from paxterm.store.documents import DocumentRepository
from paxterm.store.kept import KeptReviewRepository
from paxterm.store.settings import SettingsRepository

_LINK_COLUMNS = "id, fr_document_id, level, position, fr_index, en_index, fr, en, score, flags, status, revision"


@dataclass(frozen=True)
class StoredPair:
    fr_document_id: int
    en_document_id: int | None
    fr_doc: str
    en_doc: str | None
    method: str | None
    similarity: float | None


@dataclass(frozen=True)
class StoredLink:
    """A link with its place in the store: what the review app shows and edits."""

    id: int
    fr_document_id: int
    position: int
    revision: int
    link: Link


@dataclass(frozen=True)
class ConcordanceLink:
    """One link as the concordance shows it: where it is and what it says."""

    fr_doc: str
    en_doc: str | None
    fr_index: tuple[int, ...]
    en_index: tuple[int, ...]
    fr: str
    en: str
    score: float
    flags: tuple[str, ...]
    fr_document_id: int = 0
    link_id: int = 0


@dataclass(frozen=True)
class LinkHistoryRecord:
    link_id: int | None
    at: str
    action: str
    before: tuple[dict, ...]
    after: tuple[dict, ...]


def _stored(row: Sequence) -> StoredLink:
    link = Link(row[2], tuple(json.loads(row[4])), tuple(json.loads(row[5])), row[6], row[7], row[8],
                tuple(json.loads(row[9])), row[10])
    return StoredLink(row[0], row[1], row[3], row[11], link)


def _record(stored: StoredLink) -> dict:
    link = stored.link
    return {"id": stored.id, "position": stored.position, "fr_index": list(link.fr_index),
            "en_index": list(link.en_index), "fr": link.fr, "en": link.en, "score": link.score,
            "flags": list(link.flags), "status": link.status}


class LinkRepository:
    def __init__(self, db: Database, settings: SettingsRepository, documents: DocumentRepository,
                 kept_reviews: KeptReviewRepository) -> None:
        self._db = db
        self._settings = settings
        self._documents = documents
        self._kept_reviews = kept_reviews

    # --- pairs ---------------------------------------------------------------------------

    def pairs(self) -> list[StoredPair]:
        rows = self._db.execute(
            "SELECT p.fr_document_id, p.en_document_id, f.path, e.path, p.method, p.similarity "
            "FROM pairs p JOIN documents f ON f.id = p.fr_document_id "
            "LEFT JOIN documents e ON e.id = p.en_document_id")
        pairs = [StoredPair(r[0], r[1], r[2].rsplit("/", 1)[-1], r[3].rsplit("/", 1)[-1] if r[3] else None, r[4], r[5])
                 for r in rows]
        return sorted(pairs, key=lambda pair: (pair.fr_doc, pair.fr_document_id))

    def pair(self, fr_document_id: int) -> StoredPair:
        for pair in self.pairs():
            if pair.fr_document_id == fr_document_id:
                return pair
        raise NotFoundError(f"no aligned document pair {fr_document_id} in this project")

    def save_alignment(self, fr_document_id: int, en_document_id: int | None, alignment: DocumentAlignment, *,
                       method: str | None = None, similarity: float | None = None) -> None:
        """Replace a French document's alignment (pair row and links) in one transaction.

        The links a reviewer left on an earlier alignment of this document are
        carried over where their segment texts are still there (paxterm.carry).
        """
        with self._db.transaction():
            dropped = [fr_document_id]
            if en_document_id is not None:  # the English side may have been aligned with another text before
                dropped += [other for (other,) in self._db.execute(
                    "SELECT fr_document_id FROM pairs WHERE en_document_id = ?", (en_document_id,)).fetchall()]
            self._kept_reviews.keep(dropped)
            self._db.executemany("DELETE FROM pairs WHERE fr_document_id = ?", [(other,) for other in dropped])
            self._db.execute(
                "INSERT INTO pairs (fr_document_id, en_document_id, method, similarity, aligned_at) "
                "VALUES (?, ?, ?, ?, ?)", (fr_document_id, en_document_id, method, similarity, now()))
            for level, links in ((PARAGRAPH, alignment.paragraph_links), (SENTENCE, alignment.sentence_links)):
                self._insert_level(fr_document_id, en_document_id, level, links)
            self._kept_reviews.forget(fr_document_id)
            self._settings.bump_alignment_generation()

    def _insert_level(self, fr_document_id: int, en_document_id: int | None, level: str,
                      links: Sequence[Link]) -> None:
        kept = self._kept_reviews.take(fr_document_id, level)
        carried = []
        if kept:
            fr_segments = self._documents.segments(fr_document_id, level)
            en_segments = self._documents.segments(en_document_id, level) if en_document_id is not None else []
            links, carried = carry_reviews(kept, links, fr_segments, en_segments)
        self._db.executemany(
            "INSERT INTO links (fr_document_id, level, position, fr_index, en_index, fr, en, score, flags, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(fr_document_id, level, position, json.dumps(list(link.fr_index)), json.dumps(list(link.en_index)),
              link.fr, link.en, float(link.score), json.dumps(list(link.flags)), link.status)
             for position, link in enumerate(links)])
        for item in carried:
            row = self._db.execute(f"SELECT {_LINK_COLUMNS} FROM links WHERE fr_document_id = ? AND level = ? "
                                   "AND position = ?", (fr_document_id, level, item.position)).fetchone()
            before = StoredLink(0, fr_document_id, item.review.position, 0, item.review.link)
            self._log(fr_document_id, row[0], "carry", [before], [_stored(row)])

    def forget_all(self) -> None:
        """Drop every pairing and link (another model was asked for): the next step aligns everything.

        Reviewed links are kept, to be carried over by the new alignments.
        """
        with self._db.transaction():
            self._kept_reviews.keep(pair.fr_document_id for pair in self.pairs())
            self._db.execute("DELETE FROM pairs")
            self._settings.bump_alignment_generation()

    # --- reading links -------------------------------------------------------------------

    def alignments(self) -> list[DocumentAlignment]:
        """Every aligned French document's links, as the exporters take them, by French file name."""
        result = []
        for pair in self.pairs():
            result.append(self.alignment(pair))
        return result

    def alignment(self, pair: StoredPair) -> DocumentAlignment:
        by_level: dict[str, list[Link]] = {PARAGRAPH: [], SENTENCE: []}
        for stored in self.of_document(pair.fr_document_id):
            by_level[stored.link.level].append(stored.link)
        return DocumentAlignment(pair.fr_doc, pair.en_doc, tuple(by_level[PARAGRAPH]), tuple(by_level[SENTENCE]),
                                 self._documents.symbol(pair.fr_document_id),
                                 self._documents.symbol(pair.en_document_id))

    def of_document(self, fr_document_id: int, level: str | None = None, *, offset: int = 0,
                    limit: int | None = None) -> list[StoredLink]:
        """A document's links in order (paragraph level first), optionally one level and a window of them."""
        query = f"SELECT {_LINK_COLUMNS} FROM links WHERE fr_document_id = ?"
        arguments: list = [fr_document_id]
        if level is not None:
            query += " AND level = ?"
            arguments.append(level)
        query += " ORDER BY level, position"
        if limit is not None or offset:
            query += " LIMIT ? OFFSET ?"
            arguments += [-1 if limit is None else limit, offset]
        return [_stored(row) for row in self._db.execute(query, arguments)]

    def get(self, link_id: int) -> StoredLink:
        row = self._db.execute(f"SELECT {_LINK_COLUMNS} FROM links WHERE id = ?", (link_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no link {link_id} in this project (realigned or merged since?); reload the page")
        return _stored(row)

    def iter_links(self, level: str = SENTENCE, *, bilingual_only: bool = False) -> Iterator[ConcordanceLink]:
        """Every stored link of one level, document by document, in text order (for the concordance)."""
        query = (
            "SELECT f.path, e.path, l.fr_index, l.en_index, l.fr, l.en, l.score, l.flags, l.fr_document_id, l.id "
            "FROM links l JOIN pairs p ON p.fr_document_id = l.fr_document_id "
            "JOIN documents f ON f.id = p.fr_document_id "
            "LEFT JOIN documents e ON e.id = p.en_document_id WHERE l.level = ?"
            + (" AND p.en_document_id IS NOT NULL" if bilingual_only else "")
            + " ORDER BY f.path, l.position")
        for fr_path, en_path, fr_index, en_index, fr, en, score, flags, document_id, link_id in self._db.execute(
                query, (level,)):
            yield ConcordanceLink(fr_path.rsplit("/", 1)[-1], en_path.rsplit("/", 1)[-1] if en_path else None,
                                  tuple(json.loads(fr_index)), tuple(json.loads(en_index)), fr, en, score,
                                  tuple(json.loads(flags)), document_id, link_id)

    def counts(self, level: str = SENTENCE) -> tuple[int, int]:
        """(links, flagged links) of bilingual pairs at one level."""
        row = self._db.execute(
            "SELECT count(*), coalesce(sum(l.flags != '[]'), 0) FROM links l "
            "JOIN pairs p ON p.fr_document_id = l.fr_document_id "
            "WHERE l.level = ? AND p.en_document_id IS NOT NULL", (level,)).fetchone()
        return int(row[0]), int(row[1])

    def counts_by_document(self, level: str = SENTENCE) -> dict[int, tuple[int, int]]:
        """fr_document_id -> (links, flagged links) at one level."""
        return {document_id: (int(total), int(flagged)) for document_id, total, flagged in self._db.execute(
            "SELECT fr_document_id, count(*), coalesce(sum(flags != '[]'), 0) FROM links WHERE level = ? "
            "GROUP BY fr_document_id", (level,))}

    def history(self, fr_document_id: int | None = None) -> list[LinkHistoryRecord]:
        query = "SELECT link_id, at, action, before, after FROM link_history"
        arguments: tuple = ()
        if fr_document_id is not None:
            query += " WHERE fr_document_id = ?"
            arguments = (fr_document_id,)
        return [LinkHistoryRecord(link_id, at, action, tuple(json.loads(before or "[]")), tuple(json.loads(after or "[]")))
                for link_id, at, action, before, after in self._db.execute(query + " ORDER BY id", arguments)]

    def edit_mark(self) -> int:
        """Changes whenever a reviewer edits a link (for knowing whether outputs are up to date)."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM link_history").fetchone()[0])

    # --- review edits --------------------------------------------------------------------

    def set_status(self, link_id: int, status: str, *, revision: int | None = None) -> StoredLink:
        if status not in LINK_STATUSES:
            raise InvalidEditError(f"a link's status is one of {', '.join(LINK_STATUSES)}, not '{status}'")
        with self._db.transaction():
            stored = self._current(link_id, revision)
            after = replace(stored.link, status=status)
            return self._rewrite(stored, after, "confirm" if status == CONFIRMED else "status")

    def edit_text(self, link_id: int, *, fr: str | None = None, en: str | None = None,
                  revision: int | None = None) -> StoredLink:
        """Correct the text of a link's French or English side (the reviewer's wording wins)."""
        with self._db.transaction():
            stored = self._current(link_id, revision)
            after = replace(stored.link, fr=stored.link.fr if fr is None else fr,
                            en=stored.link.en if en is None else en, status=EDITED)
            return self._rewrite(stored, after, "edit")

    def mark_omission(self, link_id: int, *, revision: int | None = None) -> list[StoredLink]:
        """The link pairs text that is not a translation: each side becomes its own omission."""
        with self._db.transaction():
            stored = self._current(link_id, revision)
            link = stored.link
            if not link.fr_index or not link.en_index:
                flags = tuple(dict.fromkeys((*link.flags, OMISSION)))
                return [self._rewrite(stored, replace(link, flags=flags, status=EDITED), "omission")]
            parts = [replace(link, en_index=(), en="", flags=(OMISSION,), status=EDITED),
                     replace(link, fr_index=(), fr="", flags=(OMISSION,), status=EDITED)]
            return self._replace_run([stored], parts, "omission")

    def merge_with_next(self, link_id: int, *, revision: int | None = None) -> StoredLink:
        """Join a link with the one after it in the same document and level."""
        with self._db.transaction():
            stored = self._current(link_id, revision)
            row = self._db.execute(
                f"SELECT {_LINK_COLUMNS} FROM links WHERE fr_document_id = ? AND level = ? AND position = ?",
                (stored.fr_document_id, stored.link.level, stored.position + 1)).fetchone()
            if row is None:
                raise InvalidEditError("this is the last link of the document: there is nothing after it to merge")
            following = _stored(row)
            first, second = stored.link, following.link
            merged = Link(first.level, first.fr_index + second.fr_index, first.en_index + second.en_index,
                          _join(first.fr, second.fr), _join(first.en, second.en), min(first.score, second.score),
                          tuple(flag for flag in dict.fromkeys((*first.flags, *second.flags)) if flag != OMISSION)
                          if (first.fr_index or second.fr_index) and (first.en_index or second.en_index)
                          else tuple(dict.fromkeys((*first.flags, *second.flags))),
                          EDITED)
            return self._replace_run([stored, following], [merged], "merge")[0]

    def split(self, link_id: int, *, revision: int | None = None) -> list[StoredLink]:
        """Cut a merged link into one link per member, French and English members paired in order."""
        with self._db.transaction():
            stored = self._current(link_id, revision)
            link = stored.link
            count = max(len(link.fr_index), len(link.en_index))
            if count < 2:
                raise InvalidEditError(f"link {link_id} joins one segment on each side at most: nothing to split")
            pair = self.pair(stored.fr_document_id)
            fr_texts = self._documents.segments(pair.fr_document_id, link.level)
            en_texts = self._documents.segments(pair.en_document_id, link.level) if pair.en_document_id else []
            parts = []
            for member in range(count):
                fr_index = link.fr_index[member:member + 1]
                en_index = link.en_index[member:member + 1]
                parts.append(Link(link.level, fr_index, en_index, _texts(fr_texts, fr_index),
                                  _texts(en_texts, en_index), link.score,
                                  (OMISSION,) if not fr_index or not en_index else (), EDITED))
            return self._replace_run([stored], parts, "split")

    # --- helpers -------------------------------------------------------------------------

    def _current(self, link_id: int, revision: int | None) -> StoredLink:
        stored = self.get(link_id)
        if revision is not None and revision != stored.revision:
            raise StaleEditError(f"link {link_id} was changed since it was read (revision {stored.revision}, "
                                 f"the edit was made on {revision}); reload it and make the change again")
        return stored

    def _rewrite(self, stored: StoredLink, after: Link, action: str) -> StoredLink:
        self._db.execute(
            "UPDATE links SET fr = ?, en = ?, flags = ?, status = ?, revision = revision + 1 WHERE id = ?",
            (after.fr, after.en, json.dumps(list(after.flags)), after.status, stored.id))
        updated = self.get(stored.id)
        self._log(stored.fr_document_id, stored.id, action, [stored], [updated])
        if (after.fr, after.en) != (stored.link.fr, stored.link.en):
            self._settings.bump_alignment_generation()  # the term base reads these texts
        return updated

    def _replace_run(self, old: list[StoredLink], new: list[Link], action: str) -> list[StoredLink]:
        """Replace consecutive links by others, renumbering the positions after them."""
        document_id, level = old[0].fr_document_id, old[0].link.level
        start = old[0].position
        shift = len(new) - len(old)
        self._db.executemany("DELETE FROM links WHERE id = ?", [(stored.id,) for stored in old])
        if shift:
            # Two steps through negative positions: the UNIQUE constraint is checked row by row.
            self._db.execute("UPDATE links SET position = -position - 1 WHERE fr_document_id = ? AND level = ? "
                             "AND position > ?", (document_id, level, start + len(old) - 1))
            self._db.execute("UPDATE links SET position = -position - 1 + ? WHERE fr_document_id = ? AND level = ? "
                             "AND position < 0", (shift, document_id, level))
        ids = []
        for offset, link in enumerate(new):
            ids.append(self._db.execute(
                "INSERT INTO links (fr_document_id, level, position, fr_index, en_index, fr, en, score, flags, status, "
                "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, level, start + offset, json.dumps(list(link.fr_index)), json.dumps(list(link.en_index)),
                 link.fr, link.en, float(link.score), json.dumps(list(link.flags)), link.status,
                 max(stored.revision for stored in old) + 1)).lastrowid)
        created = [self.get(link_id) for link_id in ids]
        self._log(document_id, ids[0] if len(ids) == 1 else old[0].id, action, old, created)
        self._settings.bump_alignment_generation()
        return created

    def _log(self, document_id: int, link_id: int, action: str, before: list[StoredLink],
             after: list[StoredLink]) -> None:
        self._db.execute(
            "INSERT INTO link_history (fr_document_id, link_id, at, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, link_id, now(), action, json.dumps([_record(s) for s in before], ensure_ascii=False),
             json.dumps([_record(s) for s in after], ensure_ascii=False)))


def _join(first: str, second: str) -> str:
    return " ".join(text for text in (first, second) if text)


def _texts(segments: Sequence[str], indices: Sequence[int]) -> str:
    return " ".join(segments[index] for index in indices if 0 <= index < len(segments))
