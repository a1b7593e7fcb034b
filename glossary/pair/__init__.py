"""Pairing French terms with English terms over aligned segments."""
