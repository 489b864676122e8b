"""Regenerate the precompiled shipped rule set (``api/shipped_rules.pickle``) from the shipped
checklists: ``python -m aiprocure.api.shipped_build``. Run it after editing a shipped pack (the
test of the precompiled form says when it is stale).

The file is the same bytes on every run: sets are pickled in their iteration order, which follows
the string hash seed, so the build runs itself again under ``PYTHONHASHSEED=0`` if it has another.
"""

from __future__ import annotations

import os
import sys

from aiprocure.api import core, shipped


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, "-m", "aiprocure.api.shipped_build"], env)
    files = core.shipped_checklist_files()
    ruleset = core.load_checklists(precompiled=False)
    shipped.store_ruleset(ruleset, files)
    sys.stdout.write(f"wrote {shipped.PRECOMPILED} ({len(ruleset.rules)} rules)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
