"""Regenerate the precompiled shipped rule set (``api/shipped_rules.pickle``) from the shipped
checklists: ``python -m aiprocure.api.shipped_build``. Run it after editing a shipped pack (the
test of the precompiled form says when it is stale)."""

from __future__ import annotations

import sys

from aiprocure.api import core, shipped


def main() -> int:
    files = core.shipped_checklist_files()
    ruleset = core.load_checklists(precompiled=False)
    shipped.store_ruleset(ruleset, files)
    sys.stdout.write(f"wrote {shipped.PRECOMPILED} ({len(ruleset.rules)} rules)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
