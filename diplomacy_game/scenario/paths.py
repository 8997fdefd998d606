"""Paths stay inside: the files a scenario names (``map:``, ``extend:``, a test's ``scenario:``).

A scenario may come from a stranger, so what it names is found relative to the folder of the
file that names it, must be a ``.yaml`` file, and may not lead out of the allowed folders:
the scenario roots (:func:`resources.scenario_roots`: the working folder and its subfolders,
the user's scenario folder, the bundled scenarios), the folder of the file the player named
(on the command line, or chosen in the window) and, for a scenario test in
``<folder>/tests/<scenario>/``, that scenario's ``<folder>``. Symbolic links are followed
before the check, so a link cannot lead out either. A file outside is never opened, and so
its contents can never be echoed into an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .. import resources
from ..safefile import printable

SUFFIXES = (".yaml", ".yml")


def allowed_roots(top_file: str | os.PathLike[str], roots: Iterable[str | os.PathLike[str]] | None = None) -> list[str]:
    """The folders that the references of ``top_file`` (the file the player named) may lead into.

    ``roots``: the scenario roots (default: those of :func:`resources.scenario_roots`).
    """
    folders = [r.path for r in resources.scenario_roots()] if roots is None else [Path(r) for r in roots]
    here = Path(os.path.realpath(top_file)).parent
    folders.append(here)
    if here.parent.name == "tests":  # a scenario test in <folder>/tests/<scenario>/
        folders.append(here.parent.parent)
    out: list[str] = []
    for f in folders:
        real = os.path.realpath(f)
        if real not in out:
            out.append(real)
    return out


def inside(path: str | os.PathLike[str], roots: Iterable[str]) -> bool:
    """Whether ``path``, its links followed, is in one of ``roots`` (real paths) or below."""
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def reference(from_file: str | os.PathLike[str], ref: str, roots: Iterable[str]) -> tuple[str | None, str | None]:
    """The file that ``from_file`` names as ``ref``: ``(path, None)``, or ``(None, why)`` when it
    may not be read, or ``(None, None)`` when there is no such file."""
    shown = printable(ref, 120)
    if not ref.endswith(SUFFIXES):
        return None, f"'{shown}' is not a .yaml file: a scenario names only scenario and map files"
    found = resources.resolve_reference(from_file, ref)
    if found is None:
        return None, None
    roots = list(roots)
    if not inside(found, roots):
        return None, (f"'{shown}' leads outside the scenario folders (the working folder, your scenario folder, "
                      "the bundled scenarios and the scenario's own folder): copy the file beside the scenario")
    return found, None
