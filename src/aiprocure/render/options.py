"""What a CI-facing renderer may be told besides the reports (all optional, all plain data).

The renderers stay pure: the command line works out the base directory (a git root lookup), the
gate and the files that could not be read, and hands them over here.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiprocure.model.checklist import Severity


@dataclass(frozen=True, slots=True)
class Notice:
    """A file that could not be assessed, as the renderers see it (``errors.Problem``'s fields:
    render does not import the error layer)."""

    path: str
    line: int
    col: int
    message: str
    ja: str | None = None

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" and self.ja is not None else self.message

    def show(self, lang: str) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.text(lang)}"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    # SARIF: uris are made relative to ``base_dir`` (absolute, POSIX or native); relative input
    # paths are first joined to ``cwd``. None: paths are written as given.
    base_dir: str | None = None
    cwd: str | None = None
    # SARIF ``automationDetails.id`` (a category, so that several gates can upload).
    category: str | None = None
    # SARIF: waived findings as suppressed results (GitHub shows them as open alerts).
    include_waived: bool = False
    # The gate: open findings at or above ``threshold`` fail it (None: nothing does), and so do
    # review flags when ``fail_on_review``. JUnit failures follow it.
    threshold: Severity | None = Severity.HIGH
    fail_on_review: bool = True
    # Files that could not be assessed (SARIF notifications and error results, GitHub errors).
    problems: tuple[Notice, ...] = ()
    # Markdown: the document's size limit in characters (None: no limit).
    max_chars: int | None = None
    # GitHub: write at most this many annotations of each kind (the runner shows 10 per step).
    max_annotations: int | None = 10


class LimitError(Exception):
    """A report is over a platform's limit (GitHub's SARIF upload limits); ``message`` and ``ja``
    say which and what to do. The command line exits 2 with it: never a silently rejected file."""

    def __init__(self, message: str, ja: str) -> None:
        super().__init__(message)
        self.message, self.ja = message, ja
