"""Compact and quiet console output, for pre-commit hooks and CI logs.

``--compact``: one line per open finding at or above the shown severity and per high-risk review
flag, ``file:line:col: severity RULE-ID [status] message`` (the form editors and CI logs link),
then the gate line. ``--quiet``: the gate line only (problems still go to standard error).
"""

from __future__ import annotations

from collections.abc import Sequence

from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import OPEN, Report
from aiprocure.render.i18n import t
from aiprocure.render.options import RenderOptions
from aiprocure.render.safe import clean


def failed(report: Report, opts: RenderOptions) -> bool:
    """Does this report fail the gate the options describe (as ``aiprocure.gate.Gate`` does)?"""
    if opts.fail_on_review and report.review_required:
        return True
    threshold = opts.threshold
    return threshold is not None and any(
        f.status in OPEN and f.severity.rank >= threshold.rank for f in report.findings
    )


def render(
    reports: Sequence[Report],
    lang: Lang,
    *,
    options: RenderOptions | None = None,
    quiet: bool = False,
    show: Severity = Severity.INFO,
) -> str:
    opts = options or RenderOptions()
    lines: list[str] = []
    if not quiet:
        for report in reports:
            for f in report.findings:
                if f.status in OPEN and f.severity.rank >= show.rank:
                    loc = f.location
                    lines.append(
                        f"{loc.file}:{loc.line}:{loc.col}: {t(f'severity.{f.severity}', lang)} "
                        f"{f.rule_id} [{t(f'status.{f.status}', lang)}] {f.message.get(lang)}"
                    )
            for flag in report.review_flags:
                if flag.kind == "high_risk_viewpoint":
                    loc = flag.location
                    lines.append(
                        f"{loc.file}:{loc.line}:{loc.col}: {flag.source_id} "
                        f"{flag.reason.get(lang)} — {t('review_required', lang)}"
                    )
    failing = sum(1 for r in reports if failed(r, opts))
    if failing:
        lines.append(t("ci.gate_fail", lang).format(failed=failing, files=len(reports)))
    else:
        lines.append(t("ci.gate_pass", lang).format(files=len(reports)))
    return "".join(clean(line.replace("\n", " ")) + "\n" for line in lines)
