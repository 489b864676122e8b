"""The rules of a SARIF log (``tool.driver.rules``): every rule evaluated and every high-risk
viewpoint raised, sorted by ID, with help, ``helpUri`` and GitHub's properties."""

from __future__ import annotations

from typing import Any

from aiprocure.model.checklist import Reference, Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report, ReviewFlag
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape as _md
from aiprocure.render.sarif_ci import INFORMATION_URI

RULES_DOC = INFORMATION_URI + "/blob/main/docs/rules.md"
CATALOGUED = ("DS920-", "HR-")  # rule ID prefixes docs/rules.md has anchors for
REVIEW_LEVEL = "warning"
LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY: dict[Severity, str] = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}


_VIEWPOINTS = ("high_risk_viewpoint", "undetermined_viewpoint")


def add_rules(by_id: dict[str, dict[str, Any]], report: Report, lang: Lang) -> None:
    """The report's rules not yet in ``by_id``, each built once, from its first finding."""
    for f in report.findings:
        if f.rule_id not in by_id:
            by_id[f.rule_id] = _finding_rule(f, lang)
    for flag in report.review_flags:
        if flag.kind in _VIEWPOINTS and flag.source_id not in by_id:
            by_id[flag.source_id] = _flag_rule(flag, lang)


def _help_uri(rule_id: str) -> dict[str, str]:
    """The rule's anchor in docs/rules.md (the shipped catalogue: DS920-* rules and HR-*
    viewpoints; a ministry's own pack has no page there, so its rules get none)."""
    if rule_id.startswith(CATALOGUED):
        return {"helpUri": f"{RULES_DOC}#{rule_id.lower()}"}
    return {}


def _finding_rule(f: Finding, lang: Lang) -> dict[str, Any]:
    title = f.title.get(lang)
    remediation = f.remediation.get(lang)
    refs = [_reference(r) for r in f.references]
    text = f"{t('remediation', lang)}: {remediation}"
    markdown = f"**{t('remediation', lang)}**: {_md(remediation)}"
    if refs:
        text += f"\n{t('references', lang)}: " + "; ".join(refs)
        markdown += f"\n\n**{t('references', lang)}**:\n\n" + "\n".join(f"- {_md(r)}" for r in refs)
    full = title + (f" ({'; '.join(refs)})" if refs else "")
    return {
        "id": f.rule_id,
        "name": _pascal(f.rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": markdown},
        **_help_uri(f.rule_id),
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {
            "precision": "high",
            "category": f.category,
            "severity": f.severity.value,
            "security-severity": SECURITY_SEVERITY[f.severity],
            "sheet": f.sheet,
            "provenance": f.provenance.value,
            "tags": sorted({"security", "ds-920", f.category, f.sheet}),
        },
    }


def _flag_rule(flag: ReviewFlag, lang: Lang) -> dict[str, Any]:
    title = flag.title.get(lang)
    review = t("review_required", lang)
    return {
        "id": flag.source_id,
        "name": _pascal(flag.source_id),
        "shortDescription": {"text": f"{t('high_risk', lang)}: {title}"},
        "fullDescription": {"text": f"{t('high_risk', lang)}: {title}. {review}"},
        "help": {"text": review, "markdown": f"**{_md(review)}**"},
        **_help_uri(flag.source_id),
        "defaultConfiguration": {"level": REVIEW_LEVEL},
        "properties": {
            "precision": "high",
            "category": "high_risk",
            "tags": ["ds-920", "high-risk", "review"],
        },
    }


def _reference(ref: Reference) -> str:
    parts = [ref.source, ref.edition, ref.section, ref.title]
    text = " ".join(str(p) for p in parts if p)
    return f"{text} <{ref.url}>" if ref.url else text


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))
