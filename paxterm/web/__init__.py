"""`paxterm review`: a local web app over a project's store (paxterm.web.app.create_app)."""

from paxterm.web.app import create_app

__all__ = ["create_app"]
