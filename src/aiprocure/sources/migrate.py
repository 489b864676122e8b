"""`aiprocure migrate`: a 1.0 declaration rewritten to 2.0 by editing its text, so that comments,
key order and the formatting of everything not rewritten are kept (docs/declaration-format.md
section 6). The rewrites:

* ``schema_version: "1.0"`` -> ``"2.0"`` (the quotes as written);
* ``use_case.data_for_training`` / ``data_for_retrieval`` -> ``use_case.data`` (training;
  retrieval and prompts), with the 1.0 words mapped as the 1.0 reading maps them
  (``LEGACY_DATA_CLASS``);
* ``exit.export_formats`` + ``export_contents`` -> ``exit.exports`` (every content in every
  format, as 1.0 is read);
* ``kind: unspecified`` on every evidence entry (flow ``{...}`` and block form).

The input must be a valid 1.0 declaration (checked first, every problem positioned); the output is
checked to read as 2.0 before it is returned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aiprocure.errors import InputError, Problem
from aiprocure.model.declaration import Declaration
from aiprocure.model.declaration_enums import LEGACY_DATA_CLASS
from aiprocure.sources.facts import read_facts
from aiprocure.sources.load import read_bytes, validate
from aiprocure.sources.yamldecode import decode
from aiprocure.sources.yamlsrc import Document, parse

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_./+()-]*( [A-Za-z0-9_./+()-]+)*$")
_SPECIAL = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str


def scalar(value: str) -> str:
    """A string as a YAML flow scalar: plain where that reads back as the same string."""
    if _PLAIN.match(value) and value.lower() not in _SPECIAL:
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def _pairs(node: Node) -> list[tuple[ScalarNode, Node]]:
    if not isinstance(node, MappingNode):
        return []
    return [(k, v) for k, v in node.value if isinstance(k, ScalarNode)]


def _get(node: Node, key: str) -> tuple[ScalarNode, Node] | None:
    return next(((k, v) for k, v in _pairs(node) if k.value == key), None)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _replace_pair(text: str, key: ScalarNode, value: Node, new: str) -> Edit:
    return Edit(key.start_mark.index, _value_end(text, value), new)


def _value_end(text: str, value: Node) -> int:
    """Where a value's text ends (a block collection's end mark is the next line's start)."""
    end = value.end_mark.index
    while end > value.start_mark.index and text[end - 1] in " \n\r":
        end -= 1
    return end


def _delete_pair(text: str, parent: Node, key: ScalarNode, value: Node) -> Edit:
    """Remove a key and its value: in flow style with the comma before it; in block style with its
    lines, a comment after it kept on a line of its own."""
    start, end = key.start_mark.index, _value_end(text, value)
    if getattr(parent, "flow_style", False):
        comma = text.rfind(",", 0, start)
        return Edit(comma if comma >= 0 else start, end, "")
    line_start = _line_start(text, start)
    rest = text[end : _line_end(text, end)]
    if rest.strip().startswith("#"):
        return Edit(start, end + len(rest) - len(rest.lstrip()), "")
    if text[line_start:start].strip():
        return Edit(start, end, "")
    line_end = _line_end(text, end)
    return Edit(line_start, min(line_end + 1, len(text)), "")


def _legacy_classes(values: Any) -> list[str] | None:
    if values is None:
        return None
    return list(dict.fromkeys(LEGACY_DATA_CLASS[str(v)].value for v in values))


def _data_edits(text: str, doc: Document, root: Node) -> list[Edit]:
    found = _get(root, "use_case")
    use_case = doc.data.get("use_case")
    if found is None or not isinstance(use_case, dict):
        return []
    node = found[1]
    legacy = [p for p in (_get(node, "data_for_training"), _get(node, "data_for_retrieval")) if p]
    if not legacy:
        return []
    parts = []
    training = _legacy_classes(use_case.get("data_for_training"))
    retrieval = _legacy_classes(use_case.get("data_for_retrieval"))
    if training is not None:
        parts.append(f"training: {flow_list(training)}")
    if retrieval is not None:
        parts += [f"retrieval: {flow_list(retrieval)}", f"prompts: {flow_list(retrieval)}"]
    first, *others = sorted(legacy, key=lambda p: p[0].start_mark.index)
    edits = [_replace_pair(text, *first, "data: {" + ", ".join(parts) + "}")]
    edits += [_delete_pair(text, node, *pair) for pair in others]
    return edits


def _export_edits(text: str, doc: Document, root: Node) -> list[Edit]:
    found = _get(root, "exit")
    section = doc.data.get("exit")
    if found is None or not isinstance(section, dict):
        return []
    node = found[1]
    legacy = [p for p in (_get(node, "export_formats"), _get(node, "export_contents")) if p]
    if not legacy:
        return []
    formats, contents = section.get("export_formats"), section.get("export_contents")
    if not formats or contents is None:
        key = legacy[0][0]
        raise InputError(
            [
                Problem(
                    doc.path,
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                    "exit.export_formats and export_contents must be given together (and formats "
                    "not empty) to be rewritten as exit.exports; write exit.exports by hand",
                    "exit.export_formats と export_contents の両方（形式は 1 つ以上）がなければ "
                    "exit.exports に書き換えられません。exit.exports を直接記入してください",
                )
            ]
        )
    entries = [f"{{content: {scalar(c)}, formats: {flow_list(formats)}}}" for c in contents]
    first, *others = sorted(legacy, key=lambda p: p[0].start_mark.index)
    if getattr(node, "flow_style", False) or not entries:
        new = "exports: [" + ", ".join(entries) + "]"
    else:
        indent = " " * (first[0].start_mark.column + 2)
        new = "exports:" + "".join(f"\n{indent}- {e}" for e in entries)
    return [_replace_pair(text, *first, new)] + [_delete_pair(text, node, *p) for p in others]


def _evidence_edits(text: str, node: Node, seen: set[int]) -> list[Edit]:
    """`kind: unspecified` added to every evidence entry under ``node``."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    out: list[Edit] = []
    if isinstance(node, SequenceNode):
        for item in node.value:
            out += _evidence_edits(text, item, seen)
    for key, value in _pairs(node):
        if key.value == "evidence" and isinstance(value, SequenceNode):
            for entry in value.value:
                if isinstance(entry, MappingNode) and id(entry) not in seen and _pairs(entry):
                    seen.add(id(entry))
                    out.append(_add_kind(text, entry))
        else:
            out += _evidence_edits(text, value, seen)
    return out


def _add_kind(text: str, entry: MappingNode) -> Edit:
    last = _pairs(entry)[-1][1]
    end = _value_end(text, last)
    if entry.flow_style:
        return Edit(end, end, ", kind: unspecified")
    indent = " " * _pairs(entry)[0][0].start_mark.column
    line_end = _line_end(text, end)
    return Edit(line_end, line_end, f"\n{indent}kind: unspecified")


def _version_edit(text: str, root: Node) -> list[Edit]:
    found = _get(root, "schema_version")
    if found is None:
        return []
    value = found[1]
    quote = text[value.start_mark.index]
    new = f"{quote}2.0{quote}" if quote in "\"'" else '"2.0"'
    return [Edit(value.start_mark.index, _value_end(text, value), new)]


def migrate_text(text: str, doc: Document, *, partial: bool = False) -> str:
    """``text`` (whose parsed form, a valid 1.0 declaration, is ``doc``) rewritten to 2.0.
    ``partial`` allows a fragment without ``schema_version`` (the verdict cases' patches)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return text
    edits = [
        *([] if partial else _version_edit(text, root)),
        *_data_edits(text, doc, root),
        *_export_edits(text, doc, root),
        *_evidence_edits(text, root, set()),
    ]
    out = text
    for edit in sorted(edits, reverse=True):
        out = out[: edit.start] + edit.text + out[edit.end :]
    return out


def migrate_file(path: Path) -> str | None:
    """The 2.0 text of the 1.0 declaration at ``path``; None if it is format 2.0 already. Bad input
    (including a file that is not a valid 1.0 declaration) is a positioned InputError."""
    raw = read_bytes(path)
    doc = parse(str(path), raw)
    if isinstance(doc.data, dict) and doc.data.get("schema_version") == "2.0":
        return None
    folder = None if str(path) == "-" else path.parent
    read_facts(doc, folder)
    validate(doc, Declaration)
    text = decode(str(path), raw).removeprefix("\ufeff")
    new = migrate_text(text, doc)
    try:
        check = parse(str(path), new.encode("utf-8"))
        read_facts(check, folder)
        validate(check, Declaration)
    except InputError as exc:  # pragma: no cover - a rewrite the tests do not know
        first = exc.problems[0]
        raise InputError(
            [
                Problem(
                    str(path),
                    1,
                    1,
                    f"migrate could not rewrite this file safely ({first.message}); "
                    "please report it",
                    f"migrate はこのファイルを安全に書き換えられませんでした（{first.text('ja')}）",
                )
            ]
        ) from None
    return new
