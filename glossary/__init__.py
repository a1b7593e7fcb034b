"""Terminology: term candidates, ranking, bilingual pairing and term bases.

A library: it may use aligner's data types, never paxterm/.
"""
