"""What surrounds an entry in the corpus, and what a reviewer's decisions on entries in like surroundings teach."""

from __future__ import annotations

import numpy as np
import pytest

from glossary.rank.context import Occurrences, entry_contexts
from glossary.rank.review import decision_key, rerank_entries
from glossary.termbase import TermEntry


def cosines(matrix) -> np.ndarray:
    return np.asarray((matrix @ matrix.T).todense())


def test_the_words_next_to_each_occurrence_make_entries_alike():
    contexts = entry_contexts([
        Occurrences(("Selon Dupont et al. (2010), le cheval recule.",), ("Dupont",)),
        Occurrences(("Selon Martin et al. (2012), la jument avance.",), ("Martin",)),
        Occurrences(("Le ratio de puissance baisse.",), ("ratio",)),
        Occurrences(("Le taux de charge monte.",), ("taux",)),
    ])
    near = cosines(contexts.neighbours)
    # "Selon _ et" against "le _ de" (case aside): two slots, two pairs of entries.
    assert near[0, 1] == pytest.approx(1.0) and near[2, 3] == pytest.approx(1.0)
    assert near[0, 2] == pytest.approx(0.0) and near[1, 3] == pytest.approx(0.0)


def test_every_written_form_of_a_term_is_read_in_every_segment():
    contexts = entry_contexts([
        Occurrences(("Les éoliennes tournent.", "Une éolienne tourne."), ("éoliennes", "éolienne")),
        Occurrences(("Les turbines tournent.", "Une turbine tourne."), ("turbines", "turbine")),
        Occurrences(("Les turbines tournent.",), ("turbines",)),
    ])
    near = cosines(contexts.neighbours)
    assert near[0, 1] == pytest.approx(1.0)  # both forms, both segments: les/une _ tournent/tourne
    assert 0.0 < near[0, 2] < 1.0


def test_the_words_of_the_segments_make_entries_alike():
    bibliography = "Journal of Applied Energy, vol. 12, pp. 45-60, Elsevier, 2010."
    contexts = entry_contexts([
        Occurrences((f"Dupont. {bibliography}",), ("Dupont",)),
        Occurrences((f"Martin. {bibliography}",), ("Martin",)),
        Occurrences(("Le rotor de la turbine tourne sous le vent.",), ("rotor",)),
    ])
    near = cosines(contexts.segments)
    assert near[0, 1] > 0.8 > 0.2 > near[0, 2]


def test_an_entry_without_segments_has_empty_vectors():
    contexts = entry_contexts([Occurrences((), ("fantôme",)), Occurrences(("Le rotor tourne.",), ("rotor",))])
    assert len(contexts) == 2
    assert contexts.neighbours[0].nnz == 0 and contexts.segments[0].nnz == 0


# --- what the decisions teach through the contexts --------------------------------------------------

# Every entry has the same features, prior and kind, and is a single word (no
# edge word) with no embedder: only where it occurs tells the entries apart.
FLAT = [0.0, 2.0]


def single_words(count: int, prefix: str) -> list[str]:
    return [f"{prefix}{chr(ord('a') + n)}" for n in range(count)]


def rerank(rejected: list[Occurrences], kept: list[Occurrences], *, contexts: bool):
    occurrences = [*rejected, *kept]
    entries = [TermEntry(id=f"T{n + 1:04d}", fr=o.forms[0], en="", termhood=0.6) for n, o in enumerate(occurrences)]
    # The last rejected-like and the last kept-like entries stay undecided.
    undecided = {rejected[-1].forms[0], kept[-1].forms[0]}
    decisions = {decision_key(e.fr, e.en): e.fr in {o.forms[0] for o in kept}
                 for e in entries if e.fr not in undecided}
    reranked = rerank_entries(entries, [FLAT] * len(entries), decisions,
                              contexts=entry_contexts(occurrences) if contexts else None)
    return {e.fr: e.termhood for e in reranked.entries}


def test_rejecting_entries_found_in_one_slot_demotes_an_undecided_entry_found_there():
    # This reviewer rejects the authors cited as "X et al." and keeps what fills "le X de". Every
    # segment has the same other words, so that only the slot tells the entries apart.
    rejected = [Occurrences((f"Comme {name} et al. le mesurent de la turbine.",), (name,))
                for name in single_words(12, "auteur")]
    kept = [Occurrences((f"Comme et al. le {word} de la turbine mesurent.",), (word,))
            for word in single_words(12, "grandeur")]
    termhood = rerank(rejected, kept, contexts=True)
    assert termhood["auteurl"] < 0.5 < termhood["grandeurl"]
    # Without the contexts, nothing tells the two undecided words apart.
    flat = rerank(rejected, kept, contexts=False)
    assert flat["auteurl"] == flat["grandeurl"]


def test_rejecting_entries_of_one_kind_of_segment_demotes_an_undecided_entry_of_such_a_segment():
    # The same slot ("le X est") everywhere: only the rest of the segments differs.
    rejected = [Occurrences((f"Le {word} est cité : Journal of Wind Energy, vol. {n}, pp. 1-9, Elsevier.",), (word,))
                for n, word in enumerate(single_words(12, "ref"))]
    kept = [Occurrences((f"Le {word} est réglé quand le rotor de la turbine tourne sous le vent.",), (word,))
            for word in single_words(12, "organe")]
    termhood = rerank(rejected, kept, contexts=True)
    assert termhood["refl"] < 0.5 < termhood["organel"]
