"""One term matcher (lemma-aware) for the terminology check and the concordance."""
