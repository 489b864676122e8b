"""Evidence files (docs/declaration-format.md section 4, "Evidence files"): a file named by an
evidence entry is only ever read and hashed. It must be a regular file of at most 256 MiB inside
the declaration's folder (a relative path; no `..` out of it; no symbolic link whose target is
outside it). It is opened read-only, without blocking and closed on exec, looked at with fstat,
and its bytes go to SHA-256 in chunks; nothing else is done with it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

MAX_EVIDENCE_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
)


class EvidenceFileError(Exception):
    """Why an evidence file was refused, in English and Japanese."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.en = en
        self.ja = ja


def _refuse(name: str, en: str, ja: str) -> EvidenceFileError:
    return EvidenceFileError(f"evidence file {name} {en}", f"証拠ファイル {name}: {ja}")


def _inside(path: str, folder: str) -> bool:
    return path == folder or os.path.commonpath([path, folder]) == folder


def locate(folder: Path | None, rel: str, name: str) -> str:
    """The real path of ``rel`` inside ``folder``, or an EvidenceFileError saying why not."""
    if folder is None:
        raise _refuse(
            name,
            "cannot be checked: a declaration read from standard input has no folder; give the "
            "declaration's path instead",
            "標準入力から読んだ申告書にはフォルダがないため、証拠ファイルを確認できません。"
            "申告書のパスを指定してください",
        )
    if "\0" in rel:
        raise _refuse(name, "has an invalid name", "ファイル名が正しくありません")
    if os.path.isabs(rel) or rel.startswith(("/", "\\")) or (len(rel) > 1 and rel[1] == ":"):
        raise _refuse(
            name,
            "is an absolute path; name a file inside the declaration's folder",
            "絶対パスは使えません。申告書のフォルダ内のファイルを相対パスで指定してください",
        )
    base = os.path.realpath(folder)
    lexical = os.path.normpath(os.path.join(base, rel))
    if not _inside(lexical, base):
        raise _refuse(
            name,
            "is outside the declaration's folder ('..' may not leave it)",
            "申告書のフォルダの外にあります（'..' でフォルダの外には出られません）",
        )
    try:
        real = os.path.realpath(lexical, strict=True)
    except FileNotFoundError:
        raise _refuse(name, "does not exist", "存在しません") from None
    except OSError as exc:
        raise _os_error(name, exc) from None
    if not _inside(real, base):
        raise _refuse(
            name,
            "is a symbolic link to a place outside the declaration's folder",
            "申告書のフォルダの外を指すシンボリックリンクです",
        )
    return real


def digest(folder: Path | None, rel: str) -> tuple[str, int]:
    """SHA-256 (hex) and size of the evidence file ``rel``; EvidenceFileError if it is refused."""
    name = repr(rel)
    real = locate(folder, rel, name)
    try:
        info = os.lstat(real)  # never open what is not a regular file (a FIFO, a device)
        _check(info, name)
        fd = os.open(real, _FLAGS)
        try:
            info = os.fstat(fd)  # what was opened, in case it was swapped meanwhile
            _check(info, name)
            sha = hashlib.sha256()
            read = 0
            while chunk := os.read(fd, _CHUNK):
                read += len(chunk)
                if read > MAX_EVIDENCE_BYTES:
                    raise _too_big(name, read)
                sha.update(chunk)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise _refuse(name, "does not exist", "存在しません") from None
    except PermissionError:
        raise _refuse(
            name, "cannot be read: permission denied", "読み取りの権限がありません"
        ) from None
    except OSError as exc:
        raise _os_error(name, exc) from None
    return sha.hexdigest(), read


def _os_error(name: str, exc: OSError) -> EvidenceFileError:
    """What an OSError while locating or reading an evidence file means, in words."""
    if exc.errno == errno.ELOOP:
        return _refuse(name, "is a loop of symbolic links", "シンボリックリンクが循環しています")
    if exc.errno == errno.ENOTDIR:
        return _refuse(name, "does not exist", "存在しません")
    reason = exc.strerror or str(exc)
    return _refuse(name, f"cannot be read: {reason}", f"読み取れません: {reason}")


def _too_big(name: str, size: int) -> EvidenceFileError:
    return _refuse(
        name,
        f"is {size} bytes; the limit is {MAX_EVIDENCE_BYTES}",
        f"{size} バイトあり、上限の {MAX_EVIDENCE_BYTES} バイトを超えています",
    )


def _check(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(
            name, "is a directory, not a file", "ディレクトリです。ファイルを指定してください"
        )
    if stat.S_ISLNK(info.st_mode):  # resolved already: a link here was swapped in meanwhile
        raise _refuse(
            name,
            "is a symbolic link that changed while it was read",
            "読み取り中にシンボリックリンクが変更されました",
        )
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(
            name,
            "is not a regular file (a FIFO, socket or device is never read)",
            "通常のファイルではありません（FIFO・ソケット・デバイスは読み取りません）",
        )
    if info.st_size > MAX_EVIDENCE_BYTES:
        raise _too_big(name, info.st_size)
