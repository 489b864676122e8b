"""What a 1.0 declaration and its 2.0 form must share: the findings (rule, status, severity, the
field each points at, with the 1.0 spellings mapped to the 2.0 ones), the scores, the risk level,
the high-risk determination and its viewpoints. Lines may shift (migrate adds `kind:` lines and
rewrites the removed spellings), so positions are compared by field, not by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from aiprocure.model.findings import Report
from tests.rules.test_verdict_cases import merge

# The field a finding points at, 1.0 spelling -> 2.0 spelling.
RENAMED = {
    "use_case.data_for_training": "use_case.data.training",
    "use_case.data_for_retrieval": "use_case.data.retrieval",
    "exit.export_contents": "exit.exports",
    "exit.export_formats": "exit.exports",
}


def _field(field: str | None) -> str | None:
    if field is None:
        return None
    for old, new in RENAMED.items():
        if field == old or field.startswith(old + "["):
            return new
    return field


def _strip(node: Any) -> Any:
    """Positions dropped (lines shift), fields renamed, the `kind` migrate adds to evidence
    entries (``unspecified``: what 1.0 evidence is read as) dropped."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in ("line", "col", "file") or (k == "kind" and v in ("unspecified", None)):
                continue
            out[k] = _field(v) if k == "field" and isinstance(v, str) else _strip(v)
        return out
    if isinstance(node, list):
        return [_strip(v) for v in node]
    if isinstance(node, str):  # an observed value shown as JSON text
        return node.replace(', "kind": "unspecified"', "").replace('"kind": "unspecified", ', "")
    return node


def verdict(report: Report) -> dict[str, Any]:
    """Everything in a report that migrate must not change: all but the inputs (the file's
    digest), the subject's file name and the positions."""
    data = report.model_dump(mode="json")
    for key in ("inputs", "subject", "generated_at"):
        data.pop(key, None)
    # 2.0 notes evidence without a date (migrate cannot know it); a notice changes no verdict
    notices = [n for n in data.pop("notices", []) if n["kind"] != "evidence_undated"]
    if notices:
        data["notices"] = notices
    stripped: dict[str, Any] = _strip(data)
    return stripped


ROOT = Path(__file__).resolve().parents[2]


def merged(path: Path) -> dict[str, Any]:
    """A partial declaration (docs/verdict-cases/README.md) merged onto its `# base:` file, which
    may be a partial declaration itself."""
    text = path.read_text(encoding="utf-8")
    base = ROOT / text.splitlines()[0].removeprefix("# base:").strip()
    if base.parent.name == "verdict-cases":
        below = merged(base)
    else:
        below = yaml.safe_load(base.read_text(encoding="utf-8"))
    out: dict[str, Any] = merge(below, yaml.safe_load(text))
    return out
