"""The pieces of a SARIF log (``render.sarif``): a finding's or a viewpoint's result, a report's
summary, and the JSON text of each, with every string cleaned (``safe.clean``)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Location, Report, ReviewFlag
from aiprocure.model.invisible import UNSAFE
from aiprocure.render import sarif_ci as ci
from aiprocure.render import sarif_conditions as acc
from aiprocure.render import sarif_rules
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

FINGERPRINT_KEY = ci.FINGERPRINT_KEY
LEVELS = sarif_rules.LEVELS
REVIEW_LEVEL = sarif_rules.REVIEW_LEVEL


def _dumps(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, written by pydantic-core (the indenting
    encoder of the json module is pure Python: most of a batch's SARIF time). The two write the
    same text for strings, ints, booleans and null, and for floats that Python writes without an
    exponent; a document with any other float (``1e-05``) is written by the json module."""
    if not _plain_floats(doc):
        return json.dumps(doc, ensure_ascii=False, indent=2)
    try:
        return to_json(doc, indent=2).decode()
    except (PydanticSerializationError, UnicodeDecodeError):  # pragma: no cover - a lone surrogate
        return json.dumps(doc, ensure_ascii=False, indent=2)


def _plain_floats(value: Any) -> bool:
    if isinstance(value, float):
        return repr(value).replace(".", "").replace("-", "").isdigit()
    if isinstance(value, dict):
        return all(_plain_floats(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain_floats(v) for v in value)
    return True


def _clean(value: Any) -> Any:
    """Every string in the document without control characters (SARIF viewers display them)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


_clean_text = lru_cache(maxsize=1 << 14)(clean)  # rule ids, levels, paths recur in every report


def _plain_text(text: str) -> bool:
    """pydantic-core's indented text of a value holds nothing ``_clean`` would change and no
    float: no escaped C0 control but newline and tab (which ``clean`` keeps; ``\\b`` may be an
    escaped backslash and a b: then the slow way is taken), no DEL, no other character ``clean``
    escapes, and no number with a point, an exponent, Infinity or NaN (a JSON string holds no
    newline, so a line ending in a digit ends with a number)."""
    if any(escape in text for escape in _C0_ESCAPES) or "\x7f" in text:
        return False
    if not text.isascii() and UNSAFE.search("".join(set(text))):
        return False
    for line in text.split("\n"):
        token = line.rstrip(",")
        if token and token[-1] in _NUMBER_END:
            token = token.rpartition(" ")[2]
            if "." in token or "e" in token or "E" in token or token[-1] in "yN":
                return False
    return True


_NUMBER_END = frozenset("0123456789yN")  # the last character of a number, Infinity, NaN
_C0_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")  # how JSON writes the C0 controls clean escapes


def dumps_clean(value: Any) -> str:
    """``_dumps(_clean(value))``: most of a batch's SARIF time was these two walks of the data.
    Nearly always pydantic-core's text of ``value`` as it is shows that there is nothing to
    clean and no float to hand to the json module: it is the answer. Otherwise the strings are
    cleaned (remembering them) and ``_dumps`` writes the result."""
    try:
        text = to_json(value, indent=2).decode()
    except (PydanticSerializationError, UnicodeDecodeError):  # pragma: no cover - a lone surrogate
        text = "\\"
    if _plain_text(text):
        return text
    return _dumps(_cleaned(value))


def _cleaned(value: Any) -> Any:
    """``_clean(value)``, with the texts that recur cleaned once (``_clean_text``)."""
    kind = type(value)
    if kind is str:
        return _clean_text(value)
    if kind is dict:
        return {k: _cleaned(v) for k, v in value.items()}
    if kind is list:
        return [_cleaned(v) for v in value]
    return _clean(value)  # numbers, None and the subclasses, as _clean sees them


def finding_result(
    f: Finding, index: dict[str, int], lang: Lang, where: ci.Where
) -> dict[str, Any]:
    status = t(f"status.{f.status.value}", lang)
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": {"text": f"[{status}] {f.message.get(lang)}"},
        "locations": [_location(f.location, where)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f.location, f.rule_id, where)},
        "properties": {
            "status": f.status.value,
            "severity": f.severity.value,
            "category": f.category,
            "observed": f.observed,
        },
    }
    acc.add_to_result(result, f, lang, where)  # conditions of acceptance, evidence
    if f.waiver is not None:
        w = f.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": (
                    f"{w.justification} ({w.id}; {w.approver}, {w.approved_on}..{w.expires_on})"
                ),
            }
        ]
    return result


_VIEWPOINT_FLAGS = ("high_risk_viewpoint", "undetermined_viewpoint")


def flag_result(
    flag: ReviewFlag, index: dict[str, int], lang: Lang, where: ci.Where, *, warn: bool = False
) -> dict[str, Any]:
    """A raised viewpoint, or an undetermined one (determination incomplete: shown like a raised
    one, as a warning at most when the run lets incomplete determinations pass)."""
    undetermined = flag.kind == "undetermined_viewpoint"
    state = t("determination.undetermined" if undetermined else "determination.raised", lang)
    return {
        "ruleId": flag.source_id,
        "ruleIndex": index[flag.source_id],
        "level": "warning" if undetermined and warn else REVIEW_LEVEL,
        "message": {
            "text": f"{flag.reason.get(lang)} — {t('verdict.determination', lang)}: {state}"
        },
        "locations": [_location(flag.location, where)],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint(flag.location, flag.source_id, where)
        },
        "properties": {
            "status": "incomplete" if undetermined else "review",
            "category": "high_risk",
        },
    }


def _location(loc: Location, where: ci.Where) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": where.artifact(loc.file),
            "region": {"startLine": loc.line, "startColumn": loc.col},
        },
        "logicalLocations": [{"fullyQualifiedName": loc.field, "kind": "member"}],
    }


def _fingerprint(loc: Location, rule_id: str, where: ci.Where) -> str:
    path = loc.file.replace("\\", "/") if where.base is None else where.key(loc.file)
    return _fingerprint_key(path, rule_id, loc.field)


_fingerprint_key = ci.fingerprint


def summary(report: Report) -> dict[str, Any]:
    return {
        "declaration": report.subject.declaration,
        "vendor": report.subject.vendor,
        "system": report.subject.system,
        "risk_level": report.risk_level.value,
        "review_required": report.review_required,
        "risk": {
            "level": report.risk.level.value,
            "rules": sorted({r.rule for r in report.risk.reasons}),
            "escalations": [e.rule for e in report.risk.escalations],
        },
        "determination": {
            "state": report.determination.state.value,
            "blocks_gate": report.determination.blocks_gate,
            "viewpoints": {r.viewpoint: r.state for r in report.determination.reasons},
        },
    }
