"""Termhood: how much a candidate looks like a term, and how sure a reviewer would be to keep it.

- glossary.rank.cvalue: the corpus statistics (C-value, specificity against
  general language, general-word edges) and the ranking score built on them;
- glossary.rank.features: one candidate's termhood features, monolingual and bilingual;
- glossary.rank.termhood: those features -> an estimated probability that a
  terminologist keeps the candidate, calibrated on the ACTER dev domains;
- glossary.rank.review: re-ranking from a project's own review decisions.
"""

from glossary.rank.cvalue import NESTED_FLOOR, c_values, has_general_edge, rank_candidates

__all__ = ["NESTED_FLOOR", "c_values", "has_general_edge", "rank_candidates"]
