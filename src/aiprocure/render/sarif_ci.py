"""What GitHub code scanning needs of a SARIF log besides the findings: locations relative to a
declared base (``%SRCROOT%``), the files that could not be read (notifications and error results),
waived findings kept out of the alerts, and the upload limits.

Limits: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
(25,000 results per run; 10 MB per gzipped upload). Paths: SARIF 2.1.0 §3.4.4 (uriBaseId),
§3.14.14 (originalUriBaseIds); notifications: §3.20.21 (toolExecutionNotifications).
"""

from __future__ import annotations

import gzip
import hashlib
import posixpath
from typing import Any
from urllib.parse import quote

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding
from aiprocure.render.markdown import escape as _md
from aiprocure.render.options import LimitError, Notice, RenderOptions

INFORMATION_URI = "https://github.com/aiprocure/aiprocure"
SRCROOT = "%SRCROOT%"
INPUT_RULE = "aiprocure-input"
FINGERPRINT_KEY = "aiprocure/v1"
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10 * 1024 * 1024


def check_result_count(count: int) -> None:
    if count > MAX_RESULTS:
        raise LimitError(
            f"the SARIF run would hold {count} results, over GitHub's limit of {MAX_RESULTS}; "
            "check the declarations in smaller groups, each with its own --sarif-category",
            f"SARIF の結果が {count} 件となり、GitHub の上限 {MAX_RESULTS} 件を超えます。"
            "宣言を小分けにし、それぞれ別の --sarif-category で確認してください",
        )


def check_size(text: str) -> None:
    if len(text) <= MAX_GZIP_BYTES:  # smaller than the limit even uncompressed
        return
    check_gzip_size(len(gzip.compress(text.encode(), mtime=0)))


def check_gzip_size(size: int) -> None:
    """``size``: the log's bytes gzipped (``mtime=0``)."""
    if size > MAX_GZIP_BYTES:
        raise LimitError(
            f"the SARIF log is {size} bytes gzipped, over GitHub's limit of {MAX_GZIP_BYTES}; "
            "check the declarations in smaller groups",
            f"SARIF は gzip 圧縮後 {size} バイトで、GitHub の上限 {MAX_GZIP_BYTES} バイトを"
            "超えます。宣言を小分けにして確認してください",
        )


class Where:
    """Paths as SARIF artifact locations: relative to the base and naming it, when there is one."""

    def __init__(self, opts: RenderOptions) -> None:
        self.base = _posix(opts.base_dir) if opts.base_dir else None
        self.cwd = _posix(opts.cwd or opts.base_dir or "")

    def artifact(self, path: str) -> dict[str, str]:
        if self.base is None:
            return {"uri": file_uri(path)}
        full = posixpath.normpath(posixpath.join(self.cwd, _posix(path)))
        rel = posixpath.relpath(full, self.base) if _absolute(full) else full
        if rel == ".." or rel.startswith("../") or _absolute(rel):
            return {"uri": dir_uri(full).rstrip("/")}
        return {"uri": file_uri(rel), "uriBaseId": SRCROOT}

    def key(self, path: str) -> str:
        """The path fingerprints hash: the uri (stable wherever the run starts)."""
        return self.artifact(path)["uri"]


def _posix(path: str) -> str:
    path = path.replace("\\", "/")
    if len(path) >= 2 and path[1] == ":":  # C:/x -> /C:/x, as a file URI path
        path = "/" + path
    return path


def _absolute(path: str) -> bool:
    return path.startswith("/")


def dir_uri(path: str) -> str:
    return "file://" + quote(path.rstrip("/") + "/", safe="/:")


def input_rule(lang: Lang) -> dict[str, Any]:
    en = "The declaration could not be read or is not valid"
    ja = "宣言を読み込めない、または内容が不正です"
    text = ja if lang is Lang.JA else en
    return {
        "id": INPUT_RULE,
        "name": "InputError",
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": _md(text)},
        "helpUri": INFORMATION_URI + "/blob/main/docs/formats.md#sarif",
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "input", "precision": "very-high", "tags": ["ds-920"]},
    }


def _problem_location(p: Notice, where: Where) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": where.artifact(p.path),
            "region": {"startLine": max(1, p.line), "startColumn": max(1, p.col)},
        }
    }


def problem_result(p: Notice, index: dict[str, int], lang: Lang, where: Where) -> dict[str, Any]:
    return {
        "ruleId": INPUT_RULE,
        "ruleIndex": index[INPUT_RULE],
        "level": "error",
        "message": {"text": p.text(lang)},
        "locations": [_problem_location(p, where)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(where.key(p.path), INPUT_RULE, "")},
    }


def notification(p: Notice, lang: Lang, where: Where) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": p.text(lang)},
        "locations": [_problem_location(p, where)],
        "descriptor": {"id": INPUT_RULE},
    }


def waived(f: Finding, where: Where) -> dict[str, Any]:
    w = f.waiver
    return {
        "ruleId": f.rule_id,
        "uri": where.artifact(f.location.file)["uri"],
        "line": f.location.line,
        "field": f.location.field,
        **({"waiver": w.id, "justification": w.justification} if w is not None else {}),
    }


def file_uri(path: str) -> str:
    """A URI reference for the path as given: ``\\`` -> ``/``, unsafe bytes percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/")


def fingerprint(path: str, rule_id: str, field: str) -> str:
    key = "\0".join((path, rule_id, field))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
