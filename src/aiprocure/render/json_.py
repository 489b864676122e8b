"""JSON: the report data itself, in a stable field order. Several reports become a list."""

from __future__ import annotations

import json
from collections.abc import Sequence

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report


def render(reports: Sequence[Report], lang: Lang) -> str:
    del lang  # the JSON report carries both languages
    docs = [r.model_dump(mode="json") for r in reports]
    body = docs[0] if len(docs) == 1 else {"report_version": "1", "reports": docs}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
