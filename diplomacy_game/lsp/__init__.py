"""A language server for scenario, map and scenario-test files (``diplomacy-game lsp``).

``features`` holds the features on plain data (diagnostics from the project's own validator,
completion, hover, definition, references), ``index`` the ids of the files and where they are
used, ``shapes`` what the formats expect at each key path, ``context`` where the cursor stands
in a text that may not parse; ``server`` speaks the protocol over stdio (pygls).
"""

from __future__ import annotations

from typing import BinaryIO


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Run the server on stdio (or the given streams) until the client says exit."""
    from .server import serve as run

    return run(stdin, stdout)


__all__ = ["serve"]
