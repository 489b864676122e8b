"""The layer breaks issue 10 names stay fixed: render imports only model and render (and never
reads the environment or writes files), sources never import the engine, model imports only
model. Entry points (``__main__``) are outside the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import aiprocure

ROOT = Path(aiprocure.__file__).parent
ALLOWED = {
    "model": ("aiprocure.model",),
    "sources": ("aiprocure.model", "aiprocure.sources", "aiprocure.errors"),
    "render": ("aiprocure.model", "aiprocure.render"),
}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {m for m in out if m == "aiprocure" or m.startswith("aiprocure.")}


def _modules(package: str) -> list[Path]:
    return [p for p in sorted((ROOT / package).rglob("*.py")) if p.name != "__main__.py"]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_its_layer_may(package: str) -> None:
    bad = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in _modules(package)
        for module in _imports(path)
        if not module.startswith(ALLOWED[package])
    }
    assert not bad


def test_render_neither_reads_the_environment_nor_writes_files() -> None:
    for path in _modules("render"):
        text = path.read_text(encoding="utf-8")
        for needle in ("import os", "os.environ", "getenv", "write_text", "write_bytes", "open("):
            assert needle not in text, f"{path.relative_to(ROOT)} uses {needle}"
