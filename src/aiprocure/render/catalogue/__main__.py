"""``python -m aiprocure.render.catalogue``: rewrite docs/rules.md and docs/rules.ja.md from the
shipped checklists. An entry point (like ``aiprocure.__main__``): it loads and writes, so the
catalogue itself stays a pure function; nothing imports this module."""

from __future__ import annotations

import sys
from pathlib import Path

from aiprocure import api
from aiprocure.model.common import Lang
from aiprocure.render.catalogue import catalogue_markdown

DOCS = {Lang.EN: "rules.md", Lang.JA: "rules.ja.md"}


def main() -> int:
    ruleset = api.load_checklists()
    target = Path(__file__).resolve().parents[4] / "docs"
    target.mkdir(exist_ok=True)
    for lang, name in DOCS.items():
        path = target / name
        path.write_text(catalogue_markdown(ruleset, lang), encoding="utf-8", newline="\n")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
