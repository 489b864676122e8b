"""Load a YAML file into a pydantic model, turning every validation error into a positioned problem."""

from __future__ import annotations

import difflib
import errno
import os
import stat
import types
import typing
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from aiprocure.errors import InputError, Problem
from aiprocure.sources import fixhints, pydantic_en, pydantic_ja
from aiprocure.sources.yamlsrc import MAX_BYTES, Document, parse, short_repr, too_big_ja

M = TypeVar("M", bound=BaseModel)


_NO_SUCH_FILE = ("no such file", "ファイルが見つかりません")
_BROKEN_LINK = (
    "broken symbolic link (its target does not exist)",
    "シンボリックリンクのリンク先が存在しません",
)

_IS_DIRECTORY = (
    "is a directory, not a YAML file",
    "ディレクトリです。YAML ファイルを指定してください",
)
_NOT_REGULAR = ("is not a regular file", "通常のファイルではありません")
_NAME_TOO_LONG = ("file name too long", "ファイル名が長すぎます")
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs to block on
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

# What Path.exists() and friends take to mean "not there" (other errors, such as EACCES, are real).
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file (symlinks to regular files are followed), or raise a positioned error.
    ``-`` is standard input (read to its end, at most ``max_bytes``)."""
    name = str(path)
    if name == "-":
        import sys

        data: bytes = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            too_big = f"standard input is over the limit of {max_bytes} bytes"
            raise InputError([Problem(name, 1, 1, too_big, too_big_ja(len(data), max_bytes))])
        return data
    try:
        try:  # one stat answers is_dir / exists / is_file
            mode: int | None = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno not in _NOT_THERE:
                raise
            mode = None
        except ValueError:  # e.g. a NUL byte in the name, from a program calling the api
            mode = None
        if mode is None:
            if path.is_symlink():
                raise InputError([Problem(name, 1, 1, *_BROKEN_LINK)])
            raise InputError([Problem(name, 1, 1, *_NO_SUCH_FILE)])
        if stat.S_ISDIR(mode):
            raise InputError([Problem(name, 1, 1, *_IS_DIRECTORY)])
        if not stat.S_ISREG(mode):  # a FIFO or device would block or never end
            raise InputError([Problem(name, 1, 1, *_NOT_REGULAR)])
        # Open without blocking (a FIFO swapped in after the stat above would wait for a writer
        # forever), then look at what was opened: only a regular file is read. Symlinks are
        # followed on purpose: a linked declaration is legitimate.
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError([Problem(name, 1, 1, *_NOT_REGULAR)])
            # Ask for the size the file has (plus one byte, to see it end) rather than for the
            # limit: a buffer of the limit would be allocated for every file. A file that grew
            # meanwhile, or that reports no size (/proc), is read on up to the limit.
            size = info.st_size
            raw = fh.read(min(size, max_bytes) + 1)
            if size < len(raw) <= max_bytes:
                raw += fh.read(max_bytes + 1 - len(raw))
            if len(raw) > max_bytes:
                size = os.fstat(fh.fileno()).st_size
                raise InputError(
                    [
                        Problem(
                            name,
                            1,
                            1,
                            f"file is {max(size, len(raw))} bytes; the limit is {max_bytes}",
                            too_big_ja(max(size, len(raw)), max_bytes),
                        )
                    ]
                )
    except FileNotFoundError:
        raise InputError([Problem(name, 1, 1, *_NO_SUCH_FILE)]) from None
    except PermissionError:
        raise InputError(
            [Problem(name, 1, 1, "permission denied", "読み取りの権限がありません")]
        ) from None
    except IsADirectoryError:  # swapped for a directory after the stat (fdopen refuses it)
        raise InputError([Problem(name, 1, 1, *_IS_DIRECTORY)]) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError([Problem(name, 1, 1, *_NAME_TOO_LONG)]) from None
        reason = exc.strerror or exc
        raise InputError(
            [Problem(name, 1, 1, f"cannot read: {reason}", f"読み取れません: {reason}")]
        ) from None
    except ValueError:  # e.g. a NUL byte in the name, from a program calling the api
        raise InputError(
            [Problem(name, 1, 1, "invalid file name", "ファイル名が正しくありません")]
        ) from None
    return raw


def parse_file(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    return parse(str(path), read_bytes(path, max_bytes=max_bytes), max_bytes=max_bytes)


def validate(doc: Document, model: type[M], *, today: date | None = None) -> M:
    """Validate a parsed document; collect *every* error, each at its position.

    ``today`` (the run's date) refuses dates of past events that lie after it (``declared_on``,
    evaluations); without it only the plausible range applies. The caller chooses it, so that the
    same input gives the same answer: the command line from ``--today``, SOURCE_DATE_EPOCH or the
    Tokyo calendar."""
    if not isinstance(doc.data, dict):
        raise InputError(
            [
                Problem(
                    doc.path,
                    1,
                    1,
                    "expected a YAML mapping at the top level",
                    "トップレベルは YAML のマッピング（キー: 値）にしてください",
                )
            ]
        )
    try:
        return model.model_validate(doc.data, context={"today": today})
    except ValidationError as exc:
        raise InputError(problems_from(doc, exc, model)) from None


def load(
    path: Path, model: type[M], *, max_bytes: int = MAX_BYTES, today: date | None = None
) -> tuple[M, Document]:
    doc = parse_file(path, max_bytes=max_bytes)
    return validate(doc, model, today=today), doc


def problems_from(doc: Document, exc: ValidationError, root: type[BaseModel]) -> list[Problem]:
    problems: set[Problem] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        pos, found = doc.locate(loc)
        problems.add(Problem(doc.path, pos.line, pos.col, *describe(err, loc, found, root)))
    return sorted(problems)


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


def describe(
    err: Any, loc: tuple[str | int, ...], found: tuple[str | int, ...], root: type[BaseModel]
) -> tuple[str, str]:
    """One pydantic error as (English, Japanese): what to write instead where ``fixhints`` knows
    the mistake, else a sentence per error type and ctx (``pydantic_en``, ``pydantic_ja``), or
    our own validators' texts (``model.common.invalid``)."""
    kind = err["type"]
    where = dotted(found)
    top_ja = "トップレベル"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = dotted(found[:-1])
        msg = f"unknown key {short_repr(key)} in {parent or 'the top level'}"
        ja = f"不明なキー {short_repr(key)} があります（{parent or top_ja}）"
        hint = _suggest(key, _allowed_keys(root, loc[:-1])) if len(key) <= 100 else None
        if hint:
            return f"{msg}; did you mean {hint!r}?", f"{ja}。{hint!r} の誤りではありませんか？"
        return msg, ja
    if kind == "missing":
        return (
            f"{where or 'the top level'}: missing required key {str(loc[-1])!r}",
            f"{where or top_ja}: 必須のキー {str(loc[-1])!r} がありません",
        )
    if kind == "condition":
        from aiprocure.model.checklist import OPERATORS

        given = err.get("input")
        hint = None
        if isinstance(given, dict) and len(given) == 1:
            hint = _suggest(str(next(iter(given))), list(OPERATORS))
        msg = f"{where}: {err['msg']}"
        ja = f"{where}: 条件は演算子を 1 つだけ持つマッピングで書いてください（{', '.join(OPERATORS)}）"
        if hint:
            return f"{msg}; did you mean {hint!r}?", f"{ja}。{hint!r} の誤りではありませんか？"
        return msg, ja
    given = err.get("input")
    shown = shown_ja = ""
    if isinstance(given, str | int | float | bool) and not isinstance(given, dict):
        value = short_repr(given) if isinstance(given, str) else repr(given)
        shown, shown_ja = f" (got {value})", f"（入力値: {value}）"
        if kind in ("string_type", "literal_error") and isinstance(given, int | float):
            shown += "; quote it to make it text"
            shown_ja += "。テキストにするには引用符で囲んでください"
    instead = fixhints.fix(kind, loc, given, err)
    if (
        instead is not None
    ):  # what to write instead (fixhints); the value is shown unless it says it
        en, sentence = instead
        if isinstance(given, str) and short_repr(given) in en:
            shown = shown_ja = ""
    elif kind == "value_error":
        # our validators say it in both languages (model.common.invalid); pydantic's own do not
        own = (err.get("ctx") or {}).get("ja")
        en = str(err["msg"]).removeprefix("Value error, ")
        sentence = own if isinstance(own, str) else f"値が正しくありません（{en}）"
    else:
        en = pydantic_en.sentence(kind, err.get("ctx")) or str(err["msg"])
        sentence = pydantic_ja.sentence(kind, err.get("ctx")) or pydantic_ja.fallback(kind)
    return (
        f"{where or 'the top level'}: {en}{shown}",
        f"{where or top_ja}: {sentence}{shown_ja}",
    )


def _suggest(word: str, candidates: list[str]) -> str | None:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def _unwrap(tp: Any) -> list[Any]:
    """The model classes (or other types) an annotation can hold, looking through Optional,
    Annotated, lists and unions."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    if origin in (list, tuple, set, frozenset):
        return _unwrap(typing.get_args(tp)[0])
    if origin is dict:
        return _unwrap(typing.get_args(tp)[1])
    return [tp]


def _field_names(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f.annotation for name, f in model.model_fields.items()}


def _allowed_keys(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Keys the model accepts at ``loc`` (tags of tagged unions in ``loc`` are followed)."""
    candidates: list[Any] = [root]
    for seg in loc:
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if isinstance(seg, int):
            continue
        chosen = [m for m in models if seg in _field_names(m)]
        if not chosen:
            continue
        if len(models) > 1:  # a tagged union: `seg` names the member, the next `seg` its field
            candidates = chosen[:1]
            continue
        candidates = _unwrap(_field_names(chosen[0])[seg])
    models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
    return sorted({k for m in models for k in _field_names(m)})


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return TypeAdapter(model).json_schema(mode="validation")
