"""Imports sit at the top of their modules across the whole package (issue 12): no import is
hidden inside a function to break a cycle. The deliberate lazy ones are listed with a reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "diplomacy_game"

# file (relative to the package) -> functions allowed to import lazily, and why
DELIBERATE = {
    # each sub-command loads only what it needs: validate/test/schema start without pygame,
    # the AI or the language server (see the module's docstring)
    "cli.py": None,  # every function
    # pygls is imported only when the server runs
    "lsp/__init__.py": {"serve"},
}


def _lazy_imports() -> list[str]:
    found = []
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE).as_posix()
        allowed = DELIBERATE.get(rel, set())
        if allowed is None:
            continue
        for fn in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name not in allowed:
                found += [f"{rel}:{n.lineno} in {fn.name}()" for n in ast.walk(fn)
                          if isinstance(n, ast.Import | ast.ImportFrom)]  # fmt: skip
    return found


def test_no_import_inside_a_function_outside_the_deliberate_lazy_ones() -> None:
    found = _lazy_imports()
    assert not found, "imports inside functions (hoist them, or list them in DELIBERATE): " + ", ".join(found)


def test_the_deliberate_lazy_imports_are_still_lazy() -> None:
    # the allow-list names real lazy imports: an entry with nothing behind it is stale
    src = (PACKAGE / "lsp" / "__init__.py").read_text(encoding="utf-8")
    serve = next(f for f in ast.walk(ast.parse(src)) if isinstance(f, ast.FunctionDef) and f.name == "serve")
    assert any(isinstance(n, ast.ImportFrom) for n in ast.walk(serve))
    cli = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.Import | ast.ImportFrom) for f in ast.walk(cli)
               if isinstance(f, ast.FunctionDef) for n in ast.walk(f))  # fmt: skip
