"""The layer rules of ARCHITECTURE.md, checked on the source.

Layers point one way: store → content → ingest/publish → workspace → ui → cli. A module
may import its own layer and any layer below it, never one above. `editor` itself,
`config`, `errors` and `i18n` sit under all of them. Every import counts: at the top of a
module or inside a function, absolute or relative.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "editor"
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|qtawesome)\b", re.M)
QUERY_CALL = re.compile(r"\.(select|insert|insert_many|delete|update|get_or_none)\(")

# the rank of each part of the package; a module may import only ranks <= its own
LAYERS = {
    "editor": 0,
    "editor.config": 0,
    "editor.credentials": 0,
    "editor.errors": 0,
    "editor.i18n": 0,
    "editor.store": 1,
    "editor.content": 2,
    "editor.ingest": 3,
    "editor.publish": 3,
    "editor.workspace": 4,
    "editor.ui": 5,
    "editor.cli": 6,
    "editor.__main__": 6,
}
# (importing module, imported module) pairs still pointing up, each to be removed:
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _modules(outside: tuple[str, ...]):
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith(outside):
            yield relative, path.read_text(encoding="utf-8")


def _module_name(path: Path) -> str:
    parts = ("editor", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The rank of a module of the package (None outside it): its longest listed prefix."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        rank = LAYERS.get(".".join(parts[:end]))
        if rank is not None:
            return rank
    return None


def imported_modules(module: str, source: str, is_package: bool = False) -> list[str]:
    """Every module `source` imports anywhere in its text, relative imports resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            found.append(stem)
            # `from editor import workspace` names a module, not only a package attribute
            found.extend(f"{stem}.{alias.name}" for alias in node.names)
    return found


def imports_above(module: str, source: str, is_package: bool = False) -> list[str]:
    """The modules of the package that `source` (module `module`) imports from above its layer."""
    own = layer_of(module)
    above = []
    for imported in imported_modules(module, source, is_package):
        if imported == "editor" or imported.startswith("editor."):
            rank = layer_of(imported)
            if rank is not None and own is not None and rank > own:
                above.append(imported)
    return above


def upward_imports() -> list[tuple[str, str]]:
    """(module, imported module) pairs where a module imports a layer above its own."""
    offenders = set()
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        source = path.read_text(encoding="utf-8")
        for imported in imports_above(module, source, path.name == "__init__.py"):
            offenders.add((module, imported))
    return sorted(offenders)


def test_every_module_has_a_layer():
    unplaced = [
        _module_name(path) for path in PACKAGE.rglob("*.py") if layer_of(_module_name(path)) is None
    ]
    assert unplaced == []


def test_imports_point_down_only():
    offenders = [pair for pair in upward_imports() if pair not in KNOWN_EXCEPTIONS]
    assert offenders == []


def test_known_exceptions_are_still_needed():
    assert KNOWN_EXCEPTIONS <= set(upward_imports())


def test_the_check_sees_every_kind_of_import():
    source = (
        "from editor.ui import app\n"
        "def later():\n"
        "    import editor.cli\n"
        "    from .. import workspace\n"
        "    from ..publish.render import page\n"
    )
    assert set(imports_above("editor.content.demo", source)) == {
        "editor.ui",
        "editor.ui.app",
        "editor.cli",
        "editor.workspace",
        "editor.publish.render",
        "editor.publish.render.page",
    }
    assert imports_above("editor.store.backup", "from . import models\n") == []
    assert imports_above("editor.store", "from ..content import search\n", True) == [
        "editor.content",
        "editor.content.search",
    ]


def test_qt_is_imported_only_under_ui():
    offenders = [name for name, text in _modules(("ui/",)) if QT_IMPORT.search(text)]
    assert offenders == []


def test_models_are_queried_only_in_store_and_content():
    offenders = []
    for name, text in _modules(("store/", "content/")):
        if "editor.store.models" in text and QUERY_CALL.search(text):
            offenders.append(name)
    assert offenders == []
