"""The layer rules of docs/architecture.md, checked from the imports of every module under src/.

Each module is parsed with ``ast`` (nothing is imported): every ``import`` and ``from ... import``
at any depth counts, function-local and ``TYPE_CHECKING`` ones included, and so does a string
naming an ``aiprocure`` module (the render registry imports its renderers by name). A module belongs
to a *layer* (its sub-package, or a top-level module); ``LAYERS`` says which layers each may import.

Today some modules break the rules while issue 10 is being carried out. ``KNOWN_VIOLATIONS`` lists
them, each with the part of the issue that removes it; the list can only shrink: the test fails
when a listed import no longer exists, so remove the entry with the import. ``KNOWN_MODULE_CYCLES``
does the same for modules that import each other, and ``LONG_MODULES`` for modules over
``MAX_LINES`` lines.
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PACKAGE = SRC / "aiprocure"

# layer -> the layers its modules may import (its own is always allowed). Ordered bottom-up.
LAYERS: dict[str, frozenset[str]] = {
    "root": frozenset(),  # aiprocure/__init__.py: the version, nothing else
    "errors": frozenset(),  # Problem / InputError: positioned input errors
    "model": frozenset(),  # pydantic models, the condition language, predicate signatures
    "sources": frozenset({"model", "errors"}),  # untrusted files -> positioned documents -> models
    "engine": frozenset({"root", "model", "errors"}),  # + sources.yamlsrc, see SOURCE_TYPES
    "gate": frozenset({"model"}),  # the exit-code policy over finished reports
    "template": frozenset({"model"}),  # the blank declaration `aiprocure init` writes
    "language": frozenset({"model"}),  # the one place that decides a run's language (part C)
    "render": frozenset({"model", "errors"}),  # pure (reports, lang) -> text
    "caio": frozenset({"model", "errors", "sources", "engine", "render"}),  # the CAIO office
    "api": frozenset(
        {"root", "errors", "model", "sources", "engine", "gate", "language", "render", "caio"}
    ),
    "cli": frozenset(
        {
            "root",
            "errors",
            "model",
            "sources",
            "engine",
            "gate",
            "language",
            "template",
            "render",
            "caio",
            "api",
        }
    ),
    # entry points (the console script, ``python -m`` modules) may use every layer
    "entry": frozenset(
        {"root", "errors", "model", "sources", "engine", "gate", "language", "template"}
        | {"render", "caio", "api", "cli"}
    ),
}

# Top-level modules that belong to a layer named differently.
ALIASES = {
    "__main__": "entry",
    "_entry": "entry",
    "batch": "api",  # issue 10 part A folds it into the api service
    "cli_caio": "cli",  # issue 10 part A turns both into the cli/ package
}

# Decision: positions are a source type. The engine reads the parsed ``Document`` (line and column
# of every field path, produced by sources.yamlsrc, which imports only errors) to say where a
# finding points; it may import that one module of sources and nothing else from it.
SOURCE_TYPES = {"engine": frozenset({"aiprocure.sources.yamlsrc"})}

# Third-party packages per layer (the standard library is always allowed).
THIRD_PARTY: dict[str, frozenset[str]] = {
    "root": frozenset(),
    "errors": frozenset(),
    "model": frozenset({"pydantic", "pydantic_core", "re2"}),  # re2: model/regex.py, pack patterns
    "sources": frozenset({"pydantic", "pydantic_core", "yaml"}),
    "engine": frozenset({"pydantic", "pydantic_core"}),
    "gate": frozenset(),
    "template": frozenset({"pydantic", "pydantic_core"}),
    "language": frozenset(),
    "render": frozenset({"pydantic", "pydantic_core", "jinja2", "markupsafe", "rich"}),
    "caio": frozenset({"pydantic", "pydantic_core", "jinja2", "markupsafe", "rich"}),
    "api": frozenset({"pydantic", "pydantic_core"}),
    "cli": frozenset({"pydantic", "pydantic_core", "typer", "click", "rich"}),
    "entry": frozenset(),
}

# (importing module, imported module) pairs tolerated today. Shrink only.
KNOWN_VIOLATIONS: frozenset[tuple[str, str]] = frozenset({})

# Groups of modules that import each other (directly or round a loop), tolerated today. Shrink only.
KNOWN_MODULE_CYCLES: frozenset[frozenset[str]] = frozenset({})

MAX_LINES = 300
# Modules over MAX_LINES today, with their length when the list was made. Shrink only.
LONG_MODULES: dict[str, int] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[-1] == "__main__":  # ``python -m`` entry points sit above everything, like the CLI
        return "entry"
    return ALIASES.get(parts[1], parts[1])


def _resolve(package: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def read_imports(source: str, module: str, package: str, known: set[str]) -> frozenset[str]:
    """Every module ``source`` imports (a ``from pkg import mod`` names ``pkg.mod``)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(package, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("aiprocure.")
            and node.value in known
        ):
            out.add(node.value)
    out.discard(module)
    return frozenset(out)


@cache
def imports_of(module: str) -> frozenset[str]:
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return read_imports(path.read_text(encoding="utf-8"), module, package, set(modules()))


def internal_imports() -> set[tuple[str, str]]:
    return {
        (module, imported)
        for module in modules()
        for imported in imports_of(module)
        if imported == "aiprocure" or imported.startswith("aiprocure.")
    }


def allowed(module: str, imported: str) -> bool:
    mine, theirs = layer_of(module), layer_of(imported)
    return (
        mine == theirs or theirs in LAYERS[mine] or imported in SOURCE_TYPES.get(mine, frozenset())
    )


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


# --- the table itself --------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    unknown = sorted(m for m in modules() if layer_of(m) not in LAYERS)
    assert not unknown, f"modules outside every layer (add the layer to LAYERS): {unknown}"
    assert set(THIRD_PARTY) == set(LAYERS)
    for layer, below in LAYERS.items():
        assert below <= set(LAYERS), layer


def test_the_layer_table_has_no_cycle() -> None:
    graph = {layer: set(below) for layer, below in LAYERS.items()}
    for layer, names in SOURCE_TYPES.items():
        graph[layer] |= {layer_of(n) for n in names}
    assert _cycle(graph) is None


def test_nothing_imports_the_cli_but_the_entry_point() -> None:
    for layer, below in LAYERS.items():
        assert "cli" not in below or layer == "entry", layer
        assert "entry" not in below, layer


# --- the code against the table ----------------------------------------------------------------


def test_imports_follow_the_layers() -> None:
    broken = sorted(
        pair for pair in internal_imports() if not allowed(*pair) and pair not in KNOWN_VIOLATIONS
    )
    assert not broken, "imports that break the layer rules of docs/architecture.md:\n" + "\n".join(
        f"  {m} ({layer_of(m)}) imports {i} ({layer_of(i)})" for m, i in broken
    )


def test_known_violations_still_exist() -> None:
    """The allow-list only shrinks: a fixed violation must leave it."""
    imports = internal_imports()
    gone = sorted(pair for pair in KNOWN_VIOLATIONS if pair not in imports or allowed(*pair))
    assert not gone, f"fixed: remove from KNOWN_VIOLATIONS in {__file__}: {gone}"


def test_third_party_imports_follow_the_layers() -> None:
    broken = []
    for module in modules():
        for imported in imports_of(module):
            top = imported.split(".")[0]
            if top == "aiprocure" or top in sys.stdlib_module_names or top == "__future__":
                continue
            if top not in THIRD_PARTY[layer_of(module)]:
                broken.append(f"{module} imports {imported}")
    assert not broken, broken


def test_no_import_cycle_between_layers() -> None:
    graph: dict[str, set[str]] = {}
    for module, imported in internal_imports():
        if (module, imported) in KNOWN_VIOLATIONS:
            continue
        mine, theirs = layer_of(module), layer_of(imported)
        if mine != theirs:
            graph.setdefault(mine, set()).add(theirs)
    assert _cycle(graph) is None, f"import cycle between layers: {' -> '.join(_cycle(graph) or [])}"


def module_cycles() -> set[frozenset[str]]:
    """The strongly connected groups of two or more modules (edges to a module's own parent
    packages left out: a package is always imported before its modules)."""
    graph = {
        m: sorted(i for i in imports_of(m) if i in modules() and not m.startswith(f"{i}."))
        for m in modules()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.add(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules() -> None:
    cycles = module_cycles()
    new = sorted(sorted(c) for c in cycles - KNOWN_MODULE_CYCLES)
    assert not new, f"modules that import each other: {new}"
    gone = sorted(sorted(c) for c in KNOWN_MODULE_CYCLES - cycles)
    assert not gone, f"fixed or changed: update KNOWN_MODULE_CYCLES in {__file__}: {gone}"


# --- module size -------------------------------------------------------------------------------


def _lines(module: str) -> int:
    return len(modules()[module].read_text(encoding="utf-8").splitlines())


def test_no_module_over_the_line_limit() -> None:
    long = sorted(m for m in modules() if _lines(m) > MAX_LINES and m not in LONG_MODULES)
    assert not long, f"modules over {MAX_LINES} lines (split them): {long}"


def test_long_modules_do_not_grow_and_leave_the_list_when_short() -> None:
    gone = sorted(m for m in LONG_MODULES if m not in modules() or _lines(m) <= MAX_LINES)
    assert not gone, f"now short or gone: remove from LONG_MODULES in {__file__}: {gone}"
    grown = sorted(m for m in LONG_MODULES if _lines(m) > LONG_MODULES[m])
    assert not grown, f"listed modules may only shrink: {[(m, _lines(m)) for m in grown]}"


# --- the parser of this test -------------------------------------------------------------------


def test_the_import_reader_sees_local_relative_and_named_imports() -> None:
    source = (
        "from __future__ import annotations\n"
        "import json\n"
        "from . import b\n"
        "from .. import c\n"
        "from x.y import z\n"
        "def f() -> None:\n"
        "    from x.d import thing\n"
        "    import_module('x.e')\n"
    )
    known = {"x", "x.p", "x.p.a", "x.p.b", "x.c", "x.y", "x.y.z", "x.d", "x.e"}
    assert read_imports(source, "x.p.a", "x.p", known) == {
        "__future__", "json", "x.p.b", "x.c", "x.y.z", "x.d"
    }  # fmt: skip
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
