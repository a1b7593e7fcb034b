"""Where things are: the bundled sample corpus, a project's folder, its store.

A project is a corpus folder holding a `.paxterm/` store. Like git with its
repository, a command run in a project folder or anywhere below it finds the
project by looking upward from the current folder. Outside any project:

- `paxterm run` works on the bundled sample corpus (the README's main job);
- `status`, `search` and `termbase import` use the bundled corpus's store once
  `paxterm run` has made it, and otherwise say how to start a project;
- `add` refuses: the bundled corpus is read-only; it says how to start a project.

The bundled corpus may lie inside site-packages (a wheel) or in a checkout;
either way its store goes to the user's data folder (platformdirs), or to
$PAXTERM_DATA_DIR, never next to the corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from paxterm.errors import NotInProjectError
from paxterm.store import STORE_FOLDER, STORE_NAME, default_store_path

APP_NAME = "paxterm"
DATA_DIR_VARIABLE = "PAXTERM_DATA_DIR"
# The wheel carries the repository's corpus/ here (setup.py's package_dir).
INSTALLED_CORPUS_FOLDER = "sample_corpus"
CHECKOUT_CORPUS_FOLDER = "corpus"
# The bundled corpus's store, under the data folder.
BUNDLED_STORE_FOLDER = "sample-corpus"
START_HINT = ("run `paxterm run FOLDER` to start a project on your corpus folder (fr/ and en/ inside), "
              "or `paxterm run` for the bundled sample corpus")


def bundled_corpus() -> Path:
    """The sample corpus: paxterm/sample_corpus/ when installed from a wheel, corpus/ in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / INSTALLED_CORPUS_FOLDER
    return installed if installed.is_dir() else package.parent / CHECKOUT_CORPUS_FOLDER


def is_bundled(corpus_dir: Path) -> bool:
    return Path(corpus_dir).resolve() == bundled_corpus().resolve()


def data_dir() -> Path:
    """paxterm's own data folder: $PAXTERM_DATA_DIR, else the platform's user data folder."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    return Path(configured) if configured else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def bundled_store_path() -> Path:
    return data_dir() / BUNDLED_STORE_FOLDER / STORE_NAME


def store_path(corpus_dir: Path, store: Path | None = None) -> Path:
    """The store of a project: `store` if given, CORPUS/.paxterm/paxterm.db, or the data folder's for the bundled corpus."""
    if store:
        return Path(store)
    if is_bundled(corpus_dir):
        return bundled_store_path()
    return default_store_path(Path(corpus_dir))


def find_project(start: Path | None = None) -> Path | None:
    """The first folder from `start` (default: the current folder) upward that holds a .paxterm/ store."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / STORE_FOLDER).is_dir():
            return folder
    return None


def corpus_to_run(corpus_dir: Path | None) -> Path:
    """`paxterm run`'s corpus: the one given, else the project around the current folder, else the bundled one."""
    if corpus_dir is not None:
        return Path(corpus_dir)
    return find_project() or bundled_corpus()


def existing_project(corpus_dir: Path | None, store: Path | None = None) -> Path:
    """The corpus of status, search and termbase import: given, found upward, or the bundled one once run."""
    if corpus_dir is not None:
        return Path(corpus_dir)
    found = find_project()
    if found is not None:
        return found
    if store is not None or bundled_store_path().is_file():
        return bundled_corpus()
    raise NotInProjectError(f"{Path.cwd()} is not in a paxterm project (no {STORE_FOLDER}/ folder here or above) "
                            f"and the bundled sample corpus has not been run yet; {START_HINT}")


def corpus_to_add_to(to: Path | None) -> Path:
    """`paxterm add`'s corpus: the one given (a project's fr/ or en/ folder: that project), else the
    project around the current folder.

    (Project.add refuses the bundled corpus, whichever way it was reached.)
    """
    if to is not None:
        # A project's fr/ or en/ folder means that project: no project inside another.
        to = Path(to)
        is_language_folder = to.name.lower() in ("fr", "en") and (to.parent / STORE_FOLDER).is_dir()
        target = to.parent if is_language_folder else to
    else:
        target = find_project()
    if target is None:
        raise NotInProjectError(f"{Path.cwd()} is not in a paxterm project (no {STORE_FOLDER}/ folder here or "
                                "above): give the corpus folder with --to FOLDER (it is created if needed)")
    return target
