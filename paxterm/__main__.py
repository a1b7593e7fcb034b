"""`python -m paxterm`: the same CLI as the `paxterm` command."""

from paxterm.cli import app

app(prog_name="paxterm")
