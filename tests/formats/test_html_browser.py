"""The HTML report in a real browser (Debian's headless chromium).

(a) the page renders; (b) a script injected through vendor text does not run (it would rename the
document); (c) printing gives a PDF; (d) the console stays quiet. Skipped only outside CI when
chromium is missing; in CI (``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html
from tests.conftest import with_waiver

pytestmark = pytest.mark.slow  # a headless browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--enable-logging=stderr",
    "--v=0",
]
MARKER = "INJECTED-SCRIPT-RAN"

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


def _run(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "chromium must be installed in CI"
    profile = tmp_path / "profile"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


@pytest.fixture(scope="module")
def page(render_reports: list[Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile report, with a script in the vendor name that would change the title."""
    hostile = render_reports[0]
    payload = f"<script>document.title='{MARKER}';document.body.append('{MARKER}')</script>"
    subject = hostile.subject.model_copy(
        update={"vendor": payload + (hostile.subject.vendor or "")}
    )
    report = with_waiver(hostile.model_copy(update={"subject": subject}))
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(html.render([report], Lang.JA), encoding="utf-8")
    return path


def _console_errors(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "Content Security Policy" in line
    ]


def test_renders_and_injected_script_does_not_run(page: Path, tmp_path: Path) -> None:
    proc = _run(tmp_path, page, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<svg" in dom
    assert 'class="review"' in dom
    assert f"<title>{MARKER}" not in dom
    assert f"&lt;script&gt;document.title='{MARKER}'" in dom  # shown as text
    assert "<script" not in dom
    assert not _console_errors(proc.stderr)


def test_prints_to_pdf(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    proc = _run(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-1024:]
    assert len(data) > 10_000
    assert not _console_errors(proc.stderr)


def test_harness_would_notice_a_running_script(tmp_path: Path) -> None:
    """Control: the same flags do run an unescaped script and do log its console error."""
    control = tmp_path / "control.html"
    control.write_text(
        f"<!DOCTYPE html><title>x</title><script>document.title='{MARKER}';nope()</script>",
        encoding="utf-8",
    )
    proc = _run(tmp_path, control, "--dump-dom")
    assert f"<title>{MARKER}</title>" in proc.stdout
    assert _console_errors(proc.stderr)
