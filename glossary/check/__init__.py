"""The terminology check of a translation against a term base, and its report."""
