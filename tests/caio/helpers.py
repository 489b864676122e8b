"""Shared bits for the CAIO tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from aiprocure.cli import app
from tests.conftest import REPO

EX = REPO / "examples"
OVERSEAS = EX / "overseas-foreign-access.yaml"
DOMESTIC = EX / "domestic-low-risk.yaml"
CORP = "1010401089234"  # the overseas example's corporate number


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def waiver(
    wid: str = "W-1",
    rule: str = "DS920-LOCK-001",
    scope: str = f'corporate_number: "{CORP}"',
    approved: str = "2026-01-01",
    expires: str = "2026-06-30",
) -> str:
    return (
        f"  - id: {wid}\n"
        f"    rule: {rule}\n"
        f"    scope:\n      {scope}\n"
        f"    justification: Exit plan agreed separately\n"
        f"    approver: CAIO\n"
        f"    approved_on: {approved}\n"
        f"    expires_on: {expires}\n"
    )


def report_json(out: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(out)
    return doc


def finding(doc: dict[str, Any], rule: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in doc["findings"] if f["rule_id"] == rule)
    return found
