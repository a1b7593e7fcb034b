"""The alignment engine: documents in, sentence and paragraph links out.

A library: it never imports typer, rich, glossary/ or paxterm/.
"""
