"""Reviewed links kept while their document pair is aligned again (see paxterm.carry).

Whatever drops a pair (a changed document, another model, an English text
taken by another French one) first calls keep() in the same transaction; the
next save of that French document's alignment takes the kept reviews back
where they still fit and forgets the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from aligner.align.links import AUTO, Link
from paxterm.carry import KeptReview
from paxterm.store.connection import Database


class KeptReviewRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def keep(self, fr_document_ids: Iterable[int]) -> None:
        """Copy the reviewed links of these French documents' pairs, with their segment texts, before a drop."""
        for fr_document_id in fr_document_ids:
            pair = self._db.execute("SELECT en_document_id FROM pairs WHERE fr_document_id = ?",
                                    (fr_document_id,)).fetchone()
            if pair is None:
                continue
            reviewed = list(self._db.execute(
                "SELECT level, position, fr_index, en_index, fr, en, score, flags, status FROM links "
                "WHERE fr_document_id = ? AND status != ? ORDER BY level, position", (fr_document_id, AUTO)))
            if not reviewed:
                continue
            # Reviews from an earlier drop that were never taken back give way to the newer ones.
            self._db.execute("DELETE FROM kept_reviews WHERE fr_document_id = ?", (fr_document_id,))
            segments = {(level, side): self._segments(document_id, level)
                        for level in {row[0] for row in reviewed}
                        for side, document_id in (("fr", fr_document_id), ("en", pair[0]))}
            self._db.executemany(
                "INSERT INTO kept_reviews (fr_document_id, level, position, fr_index, en_index, fr_segments, "
                "en_segments, fr, en, score, flags, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fr_document_id, level, position, fr_index, en_index,
                  _texts(segments[level, "fr"], fr_index), _texts(segments[level, "en"], en_index),
                  fr, en, score, flags, status)
                 for level, position, fr_index, en_index, fr, en, score, flags, status in reviewed])

    def take(self, fr_document_id: int, level: str) -> list[KeptReview]:
        """The kept reviews of one French document at one level (they stay until forget())."""
        return [KeptReview(position, tuple(json.loads(fr_segments)), tuple(json.loads(en_segments)),
                           Link(level, tuple(json.loads(fr_index)), tuple(json.loads(en_index)), fr, en, score,
                                tuple(json.loads(flags)), status))
                for position, fr_index, en_index, fr_segments, en_segments, fr, en, score, flags, status
                in self._db.execute(
                    "SELECT position, fr_index, en_index, fr_segments, en_segments, fr, en, score, flags, status "
                    "FROM kept_reviews WHERE fr_document_id = ? AND level = ? ORDER BY position",
                    (fr_document_id, level))]

    def forget(self, fr_document_id: int) -> None:
        self._db.execute("DELETE FROM kept_reviews WHERE fr_document_id = ?", (fr_document_id,))

    def _segments(self, document_id: int | None, level: str) -> list[str]:
        if document_id is None:
            return []
        return [text for (text,) in self._db.execute(
            "SELECT text FROM segments WHERE document_id = ? AND level = ? ORDER BY idx", (document_id, level))]


def _texts(segments: list[str], indices: str) -> str:
    return json.dumps([segments[index] for index in json.loads(indices) if 0 <= index < len(segments)],
                      ensure_ascii=False)
