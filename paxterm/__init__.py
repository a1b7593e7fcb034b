"""The paxterm application: command-line interface and pipeline."""

__version__ = "0.1.0"
