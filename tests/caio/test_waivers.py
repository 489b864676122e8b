"""Waivers: loading with positions, expiry (inclusive, Asia/Tokyo), conflicts, recomputation."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from aiprocure import api
from aiprocure.caio.dates import tokyo_today
from aiprocure.caio.waivers import load_waivers
from aiprocure.engine.assess import finding_sort_key
from aiprocure.engine.scores import overall_risk, scores_of
from aiprocure.engine.verdicts import escalations, review_flags, risk_verdict
from aiprocure.engine.waivers import (
    SOON_DAYS,
    LoadedWaiver,
    WaiverSet,
    _as_waiver,
    _notice,
    _winner,
    in_scope,
)
from aiprocure.model.checklist import Category
from aiprocure.model.common import Lang
from aiprocure.model.findings import OPEN, InputDigest, Report, Status, Subject
from aiprocure.model.ruleset import Ruleset
from aiprocure.model.waivers import WaiverEntry
from aiprocure.render import Format, render_bytes
from tests.caio.helpers import EX, OVERSEAS, finding, report_json, run, waiver, write

CHECK = (
    "check",
    str(OVERSEAS),
    "--format",
    "json",
    "--no-config",
    "--fail-on",
    "never",
    "--no-fail-on-review",
)


def _check(tmp_path: Path, body: str, today: str) -> dict[str, Any]:
    path = write(tmp_path / "w.yaml", "waivers:\n" + body)
    code, out, err = run(*CHECK, "--waivers", str(path), "--today", today)
    assert code == 0, err
    return report_json(out)


def test_expires_today_still_applies(tmp_path: Path) -> None:
    doc = _check(tmp_path, waiver(expires="2026-06-30"), "2026-06-30")
    f = finding(doc, "DS920-LOCK-001")
    assert f["status"] == "waived"
    assert f["waiver"]["id"] == "W-1"
    kinds = [n["kind"] for n in doc["waiver_notices"]]
    assert kinds == ["expiring_soon"]


def test_expired_yesterday_stops_applying_and_is_reported(tmp_path: Path) -> None:
    doc = _check(tmp_path, waiver(expires="2026-06-30"), "2026-07-01")
    assert finding(doc, "DS920-LOCK-001")["status"] == "fail"
    notices = doc["waiver_notices"]
    assert notices == [
        {
            "kind": "expired",
            "waiver_id": "W-1",
            "rule_id": "DS920-LOCK-001",
            "expires_on": "2026-06-30",
            "source": str(tmp_path / "w.yaml") + ":2",
            "other": [],
        }
    ]


def test_not_yet_approved_does_not_apply(tmp_path: Path) -> None:
    doc = _check(tmp_path, waiver(approved="2026-03-01", expires="2026-12-31"), "2026-02-28")
    assert finding(doc, "DS920-LOCK-001")["status"] == "fail"
    assert [n["kind"] for n in doc["waiver_notices"]] == ["not_yet_effective"]


def test_tokyo_date_is_ahead_of_utc_around_midnight() -> None:
    # 2026-06-30 15:30 UTC is already 2026-07-01 00:30 in Tokyo
    late_utc = datetime(2026, 6, 30, 15, 30, tzinfo=UTC)
    assert late_utc.date() == date(2026, 6, 30)
    assert tokyo_today(late_utc) == date(2026, 7, 1)
    assert tokyo_today(datetime(2026, 6, 30, 14, 59, 59, tzinfo=UTC)) == date(2026, 6, 30)


def test_waiver_expiring_on_the_utc_date_is_expired_in_tokyo(tmp_path: Path) -> None:
    ruleset = api.load_checklists()
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver(expires="2026-06-30"))
    ws = load_waivers([path], ruleset)
    today = tokyo_today(datetime(2026, 6, 30, 15, 30, tzinfo=UTC))
    waived = api.assess_file(OVERSEAS, ruleset, waivers=ws, today=today)
    assert next(f for f in waived.findings if f.rule_id == "DS920-LOCK-001").status is Status.FAIL
    assert [n.kind for n in waived.waiver_notices] == ["expired"]


def test_default_today_comes_from_tokyo(monkeypatch: pytest.MonkeyPatch) -> None:
    from aiprocure.cli import options as cli_options

    monkeypatch.setattr(cli_options, "tokyo_today", lambda: date(2030, 1, 2))
    assert cli_options.today_from(None) == date(2030, 1, 2)
    assert cli_options.today_from("2026-02-03") == date(2026, 2, 3)


def test_bad_today_is_usage_error() -> None:
    code, _, err = run(*CHECK, "--today", "30/06/2026")
    assert code == 2
    assert "--today" in err


@pytest.mark.parametrize(
    ("missing", "line"),
    [("justification", 2), ("approver", 2), ("expires_on", 2)],
)
def test_missing_required_field_is_positioned(tmp_path: Path, missing: str, line: int) -> None:
    body = "\n".join(x for x in waiver().splitlines() if not x.strip().startswith(missing + ":"))
    path = write(tmp_path / "w.yaml", "waivers:\n" + body + "\n")
    code, out, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert out == ""
    assert f"{path}:{line}:5: waivers[0]: missing required key '{missing}'" in err
    assert "Traceback" not in err


def test_blank_justification_is_an_error(tmp_path: Path) -> None:
    text = waiver().replace("Exit plan agreed separately", '"  "')
    path = write(tmp_path / "w.yaml", "waivers:\n" + text)
    code, _, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert f"{path}:6:5: waivers[0].justification:" in err


def test_expiry_before_approval_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "w.yaml", "waivers:\n" + waiver(approved="2026-05-01", expires="2026-04-30")
    )
    code, _, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert f"{path}:9:5: waivers[0].expires_on:" in err
    assert "before approved_on" in err


def test_scope_is_required(tmp_path: Path) -> None:
    path = write(
        tmp_path / "w.yaml",
        "waivers:\n" + waiver(scope="{}").replace("scope:\n      {}", "scope: {}"),
    )
    code, _, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert "a waiver needs a scope: sha256, declaration or corporate_number" in err


def test_unknown_rule_is_positioned(tmp_path: Path) -> None:
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver(rule="DS920-NOPE-001"))
    code, _, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert f"{path}:3:5: waivers[0].rule: unknown rule 'DS920-NOPE-001'" in err


def test_duplicate_ids_and_duplicate_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver() + waiver())
    code, _, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01")
    assert code == 2
    assert "duplicate waiver id 'W-1'" in err


def test_conflict_expiring_last_wins_and_is_noticed(tmp_path: Path) -> None:
    body = (
        waiver("W-B", expires="2026-09-30")
        + waiver(
            "W-A",
            expires="2026-12-31",
            scope='corporate_number: "1010401089234"\n      vendor: Global Generative Japan 合同会社',
        )
        + waiver("W-C", expires="2026-12-31", scope=f"declaration: '{EX}/overseas-*.yaml'")
    )
    doc = _check(tmp_path, body, "2026-02-01")
    f = finding(doc, "DS920-LOCK-001")
    assert f["status"] == "waived"
    assert f["waiver"]["id"] == "W-A"  # latest expiry; tie broken by the smaller id
    notices = doc["waiver_notices"]
    assert notices == [
        {
            "kind": "conflict",
            "waiver_id": "W-A",
            "rule_id": "DS920-LOCK-001",
            "expires_on": "2026-12-31",
            "source": f"{tmp_path / 'w.yaml'}:10",
            "other": ["W-B", "W-C"],
        }
    ]


def test_out_of_scope_waiver_is_ignored(tmp_path: Path) -> None:
    doc = _check(tmp_path, waiver(scope='corporate_number: "3234567890120"'), "2026-02-01")
    assert finding(doc, "DS920-LOCK-001")["status"] == "fail"
    assert "waiver_notices" not in doc


def test_waiving_a_critical_rule_removes_its_flag_but_not_the_viewpoint_flag(
    tmp_path: Path,
) -> None:
    # The overseas example with its backup store owned from the PRC: a grade A holder (FA-011).
    text = OVERSEAS.read_text(encoding="utf-8").replace(
        "country: SG, parent_country: US", "country: SG, parent_country: CN"
    )
    declaration = write(tmp_path / "prc.yaml", text)
    check = [str(declaration) if a == str(OVERSEAS) else a for a in CHECK]
    before = report_json(run(*check)[1])
    waivers = write(tmp_path / "w.yaml", "waivers:\n" + waiver("W-0", rule="DS920-FA-011"))
    code, out, err = run(*check, "--waivers", str(waivers), "--today", "2026-02-01")
    assert code == 0, err
    after = report_json(out)
    kinds_before = {(f["kind"], f["source_id"]) for f in before["review_flags"]}
    kinds_after = {(f["kind"], f["source_id"]) for f in after["review_flags"]}
    assert ("critical_rule", "DS920-FA-011") in kinds_before
    assert kinds_after == {("high_risk_viewpoint", "HR-CONFIDENTIAL")}
    assert after["review_required"] is True
    # scores recomputed: waived earns pass credit
    cat = before["rules"]["DS920-FA-011"]["category"]
    score = {c["category"]: c["score"] for c in before["categories"]}[cat]
    assert {c["category"]: c["score"] for c in after["categories"]}[cat] > score
    assert any(i["kind"] == "waivers" for i in after["inputs"])


def test_a_waiver_of_a_retired_rule_is_accepted_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver(rule="DS920-FA-001"))
    code, out, err = run(*CHECK, "--waivers", str(path), "--today", "2026-02-01", "--lang", "en")
    assert code == 0, err
    assert "DS920-FA-001 was retired" in err
    assert "DS920-FA-011, DS920-FA-012" in err
    assert "w.yaml:3:" in err  # at the waiver's rule
    assert "DS920-FA-001" not in {f["rule_id"] for f in report_json(out)["findings"]}


def test_passing_finding_is_not_waived_and_notice_says_unused(tmp_path: Path) -> None:
    before = report_json(run(*CHECK)[1])
    passing = next(f["rule_id"] for f in before["findings"] if f["status"] == "pass")
    doc = _check(tmp_path, waiver(rule=passing), "2026-02-01")
    assert finding(doc, passing)["status"] == "pass"
    assert [n["kind"] for n in doc["waiver_notices"]] == ["unused"]


def test_hide_waived_and_no_waivers(tmp_path: Path) -> None:
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver())
    base = (
        "check",
        str(OVERSEAS),
        "--no-config",
        "--lang",
        "en",
        "--width",
        "200",
        "--waivers",
        str(path),
        "--today",
        "2026-02-01",
    )
    _, shown, _ = run(*base)
    assert "[waived] [high] DS920-LOCK-001" in shown
    assert "Waived: W-1" in shown
    _, hidden, _ = run(*base, "--hide-waived")
    assert "[waived]" not in hidden
    assert "1 waived findings hidden" in hidden
    _, none, _ = run(*base, "--no-waivers")
    assert "waived" not in none.lower().replace("waived 0", "")


def test_waived_visible_in_machine_formats(tmp_path: Path) -> None:
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver())
    for fmt, needle in (("sarif", "W-1"), ("junit", "W-1"), ("markdown", "W-1"), ("html", "W-1")):
        code, out, _ = run(
            "check",
            str(OVERSEAS),
            "--no-config",
            "--format",
            fmt,
            "--hide-waived",
            "--waivers",
            str(path),
            "--today",
            "2026-02-01",
            "--fail-on",
            "never",
            "--no-fail-on-review",
        )
        assert code == 0
        assert "waived" in out.lower(), fmt
        del needle


def test_apply_is_pure_and_deterministic(tmp_path: Path) -> None:
    ruleset = api.load_checklists()
    path = write(tmp_path / "w.yaml", "waivers:\n" + waiver())
    ws = load_waivers([path], ruleset)
    report = api.assess_file(OVERSEAS, ruleset)
    a = api.assess_file(OVERSEAS, ruleset, waivers=ws, today=date(2026, 2, 1))
    b = api.assess_file(OVERSEAS, ruleset, waivers=ws, today=date(2026, 2, 1))
    assert a == b
    assert report.count(Status.WAIVED) == 0
    assert a.count(Status.WAIVED) == 1


# --- the engine's waivers against the former re-scoring of a finished report ------------------


def _reference_apply(report: Report, waivers: WaiverSet, today: date) -> Report:
    """How waivers were applied before the engine did it: to a finished report, re-scored
    through a rule set of the report's own categories. Kept as the oracle."""
    relevant = [w for w in waivers.waivers if in_scope(w.entry, report.subject.model_dump())]
    notices = []
    by_rule = {f.rule_id: f for f in report.findings}
    active = []
    for w in relevant:
        if w.entry.rule not in by_rule:
            continue
        if w.entry.expires_on < today:
            notices.append(_notice("expired", w))
        elif w.entry.approved_on > today:
            notices.append(_notice("not_yet_effective", w))
        else:
            active.append(w)
    findings = []
    for f in report.findings:
        matching = [w for w in active if w.entry.rule == f.rule_id]
        if f.status not in OPEN:
            notices.extend(_notice("unused", w) for w in matching)
            findings.append(f)
            continue
        if not matching:
            findings.append(f)
            continue
        win = _winner(matching)
        if len(matching) > 1:
            notices.append(_notice("conflict", win, [w.entry.id for w in matching if w is not win]))
        if (win.entry.expires_on - today).days <= SOON_DAYS:
            notices.append(_notice("expiring_soon", win))
        findings.append(
            f.model_copy(update={"status": Status.WAIVED, "waiver": _as_waiver(win.entry)})
        )
    findings.sort(key=finding_sort_key)
    shell = Ruleset(
        checklists=[],
        categories={
            c.category: Category.model_construct(id=c.category, title=c.title, description=None)
            for c in report.categories
        },
    )
    # weights: each rule's own severity; risk: the effective one (severity_by)
    entries = [(f.category, f.severity_base or f.severity, f.status) for f in findings]
    cats = scores_of(entries, shell, [f.severity for f in findings])
    flagged = [f for f in findings if f.review_flag]
    flags = review_flags(flagged, report.high_risk, report.determination)
    level = overall_risk(cats)
    notices.sort(key=lambda n: (n.rule_id, n.kind, n.waiver_id))
    inputs = list(report.inputs)
    inputs += [d for d in waivers.digests if d not in inputs]
    return report.model_copy(
        update={
            "findings": findings,
            "categories": cats,
            "risk_level": level,
            "risk": risk_verdict(level, findings, escalations(flagged)),
            "review_flags": flags,
            "review_required": bool(flags),
            "waiver_notices": [*report.waiver_notices, *notices],
            "inputs": inputs,
        }
    )


def _random_waivers(
    rng: random.Random, rule_ids: list[str], subject: Subject, today: date
) -> WaiverSet:
    scopes: list[dict[str, str]] = [
        {"declaration": "*.yaml"},
        {"declaration": "elsewhere/*.yaml"},
        {"declaration": "*.yaml", "vendor": subject.vendor or "nobody"},
        {"declaration": "*.yaml", "system": "another system"},
    ]
    if subject.corporate_number:
        scopes.append({"corporate_number": subject.corporate_number})
    out: list[LoadedWaiver] = []
    for n in range(rng.randint(0, 6)):
        # often the rule of the waiver before, so that two can conflict
        rule = out[-1].entry.rule if out and rng.random() < 0.4 else rng.choice(rule_ids)
        approved = today - timedelta(days=rng.choice([-5, 0, 10, 40, 100]))
        expires = approved + timedelta(days=rng.choice([0, 10, 31, 45, 200]))
        entry = WaiverEntry.model_validate(
            {
                "id": f"W-{rng.randint(1, 4)}{n}",
                "rule": rule,
                "scope": rng.choice(scopes),
                "justification": "j",
                "approver": "CAIO",
                "approved_on": approved,
                "expires_on": expires,
            }
        )
        out.append(LoadedWaiver(entry=entry, path="w.yaml", line=2 + 8 * n))
    digests = (InputDigest(kind="waivers", path="w.yaml", sha256="0" * 64),)
    return WaiverSet(waivers=tuple(out), digests=digests if rng.random() < 0.8 else ())


@pytest.mark.parametrize("path", sorted(EX.glob("*.yaml")), ids=lambda p: p.name)
def test_engine_waivers_give_the_reports_the_former_path_gave(path: Path) -> None:
    ruleset = api.load_checklists()
    compiled = api.compiled_ruleset(ruleset)
    declaration, doc = api.load_declaration(path)
    plain = api.assess_loaded(path, declaration, doc, compiled)
    # the open ones often, so that waivers apply, conflict and expire
    open_ids = [f.rule_id for f in plain.findings if f.status in OPEN]
    flagged = [f.source_id for f in plain.review_flags if f.kind == "critical_rule"]
    rule_ids = [r.id for r in ruleset.rules] + open_ids * 3 + flagged * 20
    rng = random.Random(path.name)
    for i in range(40):
        today = date(2026, rng.randint(1, 12), rng.randint(1, 28))
        ws = _random_waivers(rng, rule_ids, plain.subject, today)
        got = api.assess_loaded(path, declaration, doc, compiled, waivers=ws, today=today)
        expected = _reference_apply(plain, ws, today)
        assert got == expected
        for fmt in (Format.JSON, Format.SARIF, Format.TERMINAL)[: 1 if i % 8 else 3]:
            assert render_bytes(fmt, [got], Lang.EN) == render_bytes(fmt, [expected], Lang.EN)


def test_waivers_need_a_date() -> None:
    ruleset = api.load_checklists()
    entry = WaiverEntry.model_validate(
        {
            "id": "W-1",
            "rule": ruleset.rules[0].id,
            "scope": {"declaration": "*"},
            "justification": "j",
            "approver": "CAIO",
            "approved_on": date(2026, 1, 1),
            "expires_on": date(2026, 2, 1),
        }
    )
    ws = WaiverSet(waivers=(LoadedWaiver(entry=entry, path="w.yaml", line=2),))
    with pytest.raises(ValueError, match="today"):
        api.assess_file(OVERSEAS, ruleset, waivers=ws)
