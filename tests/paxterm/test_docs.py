"""The documentation stays true: every command has help with an example, the
README's three commands exist and .ci/run runs exactly them.

In the spirit of sqlite-utils' tests/test_docs.py: a new command without help,
or a README that drifts from the code, fails here.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from aligner.align import links
from aligner.export import SUPPORTED_SUFFIXES
from paxterm import __version__
from paxterm.cli import app
from paxterm.outputs import ALIGNMENT_OUTPUTS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = ROOT / ".ci" / "run"

runner = CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "cache"))


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """(path, command) for every command, sub-groups included (paxterm glossary ...)."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path))
    return found


COMMANDS = all_commands(typer.main.get_command(app))
COMMAND_IDS = [" ".join(path) for path, _ in COMMANDS]


def test_the_app_has_the_commands_the_readme_documents():
    assert {"align", "run"} <= {path[0] for path, _ in COMMANDS}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=COMMAND_IDS)
def test_every_command_has_help_with_an_example(path, command):
    assert command.help, f"paxterm {' '.join(path)} has no help text"
    assert "Example" in command.help, f"paxterm {' '.join(path)}: add an 'Example:' to its help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=COMMAND_IDS)
def test_every_command_help_runs_and_shows_its_example(path, command):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=COMMAND_IDS)
def test_files_named_in_help_examples_exist(path, command):
    # An example that names a bundled file must still work when pasted.
    for relative in re.findall(r"\bcorpus/\S+", command.help or ""):
        assert (ROOT / relative).exists(), f"paxterm {' '.join(path)} help names missing {relative}"


def test_top_level_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for path, _ in COMMANDS:
        if len(path) == 1:
            assert path[0] in result.output


def test_no_arguments_shows_help_instead_of_failing():
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "Traceback" not in result.output


def test_version_matches_the_distribution():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert result.stdout.strip() == f"paxterm {project['version']}"
    assert __version__ == project["version"]


def test_console_script_points_at_the_app():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["paxterm"] == "paxterm.cli:app"


# --- README and .ci/run ---------------------------------------------------------------------


def readme_commands() -> list[str]:
    """Every command line of the README's bash blocks, split on '&&'."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            commands.extend(part.strip() for part in line.split("&&") if part.strip())
    return commands


def the_readme_command(pattern: str) -> str:
    matches = [command for command in readme_commands() if re.search(pattern, command)]
    assert matches, f"README.md has no command matching {pattern!r}"
    return matches[0]


def ci_commands() -> list[str]:
    lines = CI_SCRIPT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_readme_install_command_installs_the_dev_extra():
    install = the_readme_command(r"pip install")
    assert shlex.split(install)[-3:] == ["install", "-e", ".[dev]"]


def test_readme_run_command_runs_the_main_job():
    # No arguments: the bundled corpus, as a newcomer would type it.
    program, *arguments = shlex.split(the_readme_command(r"paxterm run"))
    assert Path(program).name == "paxterm"
    assert arguments == ["run"]


def test_readme_test_command_runs_pytest():
    assert "pytest" in shlex.split(the_readme_command(r"pytest"))[-3:]


def readme_line(pattern: str) -> str:
    """The whole README line (every command joined by &&) that holds a command matching pattern."""
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            if re.search(pattern, line.split("  #")[0]):
                return line.split("  #")[0].strip()
    raise AssertionError(f"README.md has no line matching {pattern!r}")


def test_ci_installs_with_the_readme_line():
    # CI makes its own fresh venv first, then runs the rest of the README's line as it stands.
    venv, rest = readme_line(r"pip install").split("&&", 1)
    assert venv.strip() == "python3 -m venv .venv"
    assert rest.strip() in ci_commands()


def test_ci_runs_the_readme_test_command():
    assert the_readme_command(r"pytest") in ci_commands()


def test_ci_starts_from_a_fresh_virtual_environment():
    commands = ci_commands()
    fresh = next(i for i, command in enumerate(commands) if command == "rm -rf .venv")
    create = next(i for i, command in enumerate(commands) if "-m venv .venv" in command)
    install = next(i for i, command in enumerate(commands) if command.startswith(the_readme_command(r"pip install")))
    assert fresh < create < install < commands.index(the_readme_command(r"pytest"))
    assert "set -euo pipefail" in commands
    assert CI_SCRIPT.stat().st_mode & 0o111, ".ci/run must be executable"


@pytest.mark.parametrize("name", ALIGNMENT_OUTPUTS)
def test_readme_lists_every_file_paxterm_run_writes(name):
    assert f"`{name}`" in README


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_readme_mentions_every_output_format(suffix):
    assert suffix in README


@pytest.mark.parametrize("flag", [links.LOW_CONFIDENCE, links.OMISSION, links.NUMBER_MISMATCH, links.NO_ORIGINAL])
def test_readme_explains_every_flag(flag):
    assert f"`{flag}`" in README
